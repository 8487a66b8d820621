// SPDX-License-Identifier: GPL-2.0
/*
 * ophoton: the link surface: LINK_GET (state, cause and telemetry of a
 * link, or a dump filtered by GPU, engine, rack and health) and LINK_SET.
 */
#include "nl.h"
#include "nl_put.h"

/*
 * A link record, in a dump of millions or a notification of a bring-up:
 * written by ophoton_put_*() in nla_put()'s bytes, its room checked once.
 */
static unsigned int link_room(const struct oph_link_info *li, bool stats)
{
	unsigned int room = 6 * OPHOTON_PUT_U32_ROOM + 4 * OPHOTON_PUT_U8_ROOM;

	if (li->cause)
		room += OPHOTON_PUT_U8_ROOM;
	if (stats)
		room += NLA_HDRLEN + 12 * OPHOTON_PUT_U32_ROOM + OPHOTON_PUT_U64_ROOM;
	return room;
}

static void link_put_stats(struct ophoton_put *w, const struct oph_link_info *li)
{
	struct nlattr *nest = ophoton_put_nest(w, OPHOTON_A_LINK_STATS);

	ophoton_put_u32(w, OPHOTON_A_LINK_STATS_UP_COUNT, li->up_count);
	ophoton_put_u32(w, OPHOTON_A_LINK_STATS_DOWN_COUNT, li->down_count);
	ophoton_put_u32(w, OPHOTON_A_LINK_STATS_FLAP_COUNT, li->flap_count);
	ophoton_put_u32(w, OPHOTON_A_LINK_STATS_RETRAIN_COUNT, li->retrain_count);
	ophoton_put_u64(w, OPHOTON_A_LINK_STATS_TIME_IN_STATE_NS, li->time_in_state_ns,
			OPHOTON_A_LINK_STATS_PAD);
	ophoton_put_s32(w, OPHOTON_A_LINK_STATS_OE_INPUT_UDBM, li->oe_input_udbm);
	ophoton_put_s32(w, OPHOTON_A_LINK_STATS_FEED_LOSS_MDB, li->feed_loss_mdb);
	ophoton_put_s32(w, OPHOTON_A_LINK_STATS_TX_FIBRE_LOSS_MDB, li->tx_loss_mdb);
	ophoton_put_s32(w, OPHOTON_A_LINK_STATS_RX_FIBRE_LOSS_MDB, li->rx_loss_mdb);
	ophoton_put_u32(w, OPHOTON_A_LINK_STATS_FIBRE_LENGTH_DM, li->fibre_m_dm);
	ophoton_put_u32(w, OPHOTON_A_LINK_STATS_TOF_PS, li->tof_ps);
	ophoton_put_u32(w, OPHOTON_A_LINK_STATS_LATCHED, li->latched);
	ophoton_put_u32(w, OPHOTON_A_LINK_STATS_BANDWIDTH_GBPS, li->bandwidth_gbps);
	ophoton_put_nest_end(w, nest);
}

/* A link's body; with @c, the state and reason are the change's. */
static int link_fill(struct sk_buff *msg, struct ophoton_fabric *fab, u32 link,
		     bool stats, const struct oph_change *c)
{
	/* oph_link_get() writes it whole: a link dump fills a million. */
	struct oph_link_info li __uninitialized;
	struct ophoton_put w;

	lockdep_assert_held(&fab->lock);
	if (oph_link_get(fab->model, link, &li))
		return -ERANGE;
	if (c) {
		li.state = c->new;
		if (c->reason)
			li.down_reason = c->reason;
	}
	if (ophoton_put_begin(&w, msg, link_room(&li, stats)))
		return -EMSGSIZE;
	ophoton_put_u32(&w, OPHOTON_A_FABRIC_ID, fab->id);
	ophoton_put_u32(&w, OPHOTON_A_LINK_ID, link);
	ophoton_put_u32(&w, OPHOTON_A_GPU_ID, li.ep);
	ophoton_put_u32(&w, OPHOTON_A_ENGINE, li.engine);
	ophoton_put_u32(&w, OPHOTON_A_PORT, li.port);
	ophoton_put_u32(&w, OPHOTON_A_PLANE, li.plane);
	ophoton_put_u8(&w, OPHOTON_A_LINK_STATE, li.state);
	ophoton_put_u8(&w, OPHOTON_A_LINK_ADMIN_UP, li.admin_up);
	ophoton_put_u8(&w, OPHOTON_A_LINK_DOWN_REASON, li.down_reason);
	ophoton_put_u8(&w, OPHOTON_A_LINK_LANES_UP, min(li.lanes_up[0], li.lanes_up[1]));
	if (li.cause)
		ophoton_put_u8(&w, OPHOTON_A_LINK_CAUSE, li.cause);
	if (stats)
		link_put_stats(&w, &li);
	ophoton_put_end(&w);
	return 0;
}

/**
 * ophoton_nl_link_fill() - a link as its GET reply carries it
 * @msg: message being filled
 * @fab: fabric, locked
 * @link: link id
 * @stats: with its telemetry
 *
 * Return: 0 or -EMSGSIZE.
 */
int ophoton_nl_link_fill(struct sk_buff *msg, struct ophoton_fabric *fab, u32 link,
			 bool stats)
{
	return link_fill(msg, fab, link, stats, NULL);
}

/**
 * ophoton_nl_link_fill_change() - the body of a link's notification
 * @msg: message being filled
 * @fab: fabric, locked
 * @c: the link's change record
 *
 * The GET reply's body, built once the operation that changed the link is
 * over: its state and down reason are the record's, so that a link that
 * moved several times in one operation is announced state by state; the
 * rest is as the operation left it.
 *
 * Return: 0 or -EMSGSIZE.
 */
int ophoton_nl_link_fill_change(struct sk_buff *msg, struct ophoton_fabric *fab,
				const struct oph_change *c)
{
	return link_fill(msg, fab, c->id, false, c);
}

static int check_link_id(struct genl_info *info, struct ophoton_fabric *fab,
			 u32 *link)
{
	return ophoton_nl_check_id(info, OPHOTON_A_LINK_ID,
				   oph_fabric_topo(fab->model)->links, link);
}

/**
 * ophoton_nl_link_get_doit() - LINK_GET do
 * @skb: request
 * @info: request info; the fabric is locked by pre_doit
 *
 * Return: 0 or a negative errno.
 */
int ophoton_nl_link_get_doit(struct sk_buff *skb, struct genl_info *info)
{
	u32 link;
	int err = check_link_id(info, info->user_ptr[0], &link);

	if (err)
		return err;
	return ophoton_nl_reply(info, OPHOTON_CMD_LINK_GET, ophoton_nl_link_fill, link);
}

/* Narrow [@first, @last) to [@lo, @hi). */
static void narrow(u32 *first, u32 *last, u32 lo, u32 hi)
{
	*first = max(*first, lo);
	*last = min(*last, hi);
}

/*
 * The links a dump's filters cover: those of a GPU, of a GPU-side engine
 * or of the GPUs of a compute or memory rack, all contiguous in link ids;
 * filters together cover what they have in common.
 */
static int link_dump_range(struct ophoton_fabric *fab, struct nlattr **attrs,
			   struct netlink_ext_ack *extack, u32 *first, u32 *last)
{
	const struct oph_topo *t = oph_fabric_topo(fab->model);
	u32 ports = oph_fabric_params(fab->model)->ports, v;
	int err;

	if (attrs[OPHOTON_A_GPU_ID]) {
		err = ophoton_nl_dump_gpu(fab, attrs, extack, &v);
		if (err)
			return err;
		narrow(first, last, v * t->ports_per_ep, (v + 1) * t->ports_per_ep);
	}
	if (attrs[OPHOTON_A_ENGINE_ID]) {
		v = nla_get_u32(attrs[OPHOTON_A_ENGINE_ID]);
		if (v >= t->ep_engines) {
			NL_SET_ERR_MSG_ATTR(extack, attrs[OPHOTON_A_ENGINE_ID],
					    "engine id out of range: links are filtered by their GPU-side engine");
			return -ERANGE;
		}
		narrow(first, last, v * ports, (v + 1) * ports);
	}
	if (attrs[OPHOTON_A_RACK_ID]) {
		v = nla_get_u32(attrs[OPHOTON_A_RACK_ID]);
		if (v >= t->ep_racks) {
			NL_SET_ERR_MSG_ATTR(extack, attrs[OPHOTON_A_RACK_ID],
					    "rack id out of range: links are filtered by the rack of their GPU");
			return -ERANGE;
		}
		narrow(first, last, v * t->ep_per_rack * t->ports_per_ep,
		       (v + 1) * t->ep_per_rack * t->ports_per_ep);
	}
	if (*first >= *last) {
		NL_SET_ERR_MSG(extack, "the filters have no link in common");
		return -EINVAL;
	}
	return 0;
}

/* The links a dump's filters cover, of all the fabric's links. */
static int link_range(struct ophoton_fabric *fab, struct nlattr **attrs,
		      struct netlink_ext_ack *extack, u32 *first, u32 *last)
{
	*first = 0;
	*last = oph_fabric_topo(fab->model)->links;
	return link_dump_range(fab, attrs, extack, first, last);
}

/* "unhealthy" lists the links not up, read without their telemetry. */
static bool link_skip(struct ophoton_fabric *fab, u32 link, bool unhealthy)
{
	return unhealthy && oph_link_state(fab->model, link) == OPH_LINK_UP;
}

static const struct ophoton_dump link_dump = {
	.cmd		= OPHOTON_CMD_LINK_GET,
	.every_fabric	= true,
	.range		= link_range,
	.fill		= ophoton_nl_link_fill,
	.skip		= link_skip,
};

/**
 * ophoton_nl_link_get_dumpit() - LINK_GET dump
 * @skb: message being filled
 * @cb: dump state
 *
 * Return: bytes filled, 0 when done, or a negative errno.
 */
int ophoton_nl_link_get_dumpit(struct sk_buff *skb, struct netlink_callback *cb)
{
	return ophoton_nl_dump(skb, cb, &link_dump);
}

/*
 * The links a LINK_SET acts on: one link, or every link of a GPU, of an
 * engine or a laser module (either side), or of the GPUs of a tray or an
 * endpoint rack.  @list is kvmalloc()ed, or NULL for a range.
 */
struct link_scope {
	u32 first;
	u32 n;
	u32 *list;
};

static u32 scope_link(const struct link_scope *sc, u32 i)
{
	return sc->list ? sc->list[i] : sc->first + i;
}

/* Every link of an engine or a laser module, in id order. */
static int scope_of_part(struct genl_info *info, struct ophoton_fabric *fab, int attr,
			 struct link_scope *sc)
{
	enum oph_obj obj = attr == OPHOTON_A_ENGINE_ID ? OPH_OBJ_ENGINE : OPH_OBJ_MODULE;
	enum oph_side side;
	u32 id;
	int err;

	lockdep_assert_held(&fab->lock);
	err = ophoton_nl_check_side_id(info, attr, obj, &side, &id);
	if (err)
		return err;
	sc->n = obj == OPH_OBJ_ENGINE ? oph_engine_links(fab->model, side, id, NULL, 0) :
		oph_module_links(fab->model, side, id, NULL, 0);
	sc->list = kvmalloc_array(max(sc->n, 1U), sizeof(*sc->list), GFP_KERNEL);
	if (!sc->list)
		return -ENOMEM;
	if (obj == OPH_OBJ_ENGINE)
		oph_engine_links(fab->model, side, id, sc->list, sc->n);
	else
		oph_module_links(fab->model, side, id, sc->list, sc->n);
	return 0;
}

/* Every link of the GPUs of an endpoint rack, or of one of its trays. */
static int scope_of_rack(struct genl_info *info, struct ophoton_fabric *fab,
			 struct link_scope *sc)
{
	const struct oph_topo *t = oph_fabric_topo(fab->model);
	u32 slots = oph_fabric_params(fab->model)->slots;
	u32 rack, tray, ep, eps = t->ep_per_rack;
	int err;

	lockdep_assert_held(&fab->lock);
	rack = nla_get_u32(info->attrs[OPHOTON_A_RACK_ID]);
	if (rack >= t->ep_racks &&
	    rack < t->ep_racks + oph_fabric_params(fab->model)->switch_racks) {
		ophoton_nl_err_at(info->extack, info->attrs[OPHOTON_A_RACK_ID],
				  "a switch rack: name its engines or laser modules, side switch");
		return -EINVAL;
	}
	err = ophoton_nl_check_id(info, OPHOTON_A_RACK_ID, t->ep_racks, &rack);
	if (err)
		return err;
	ep = rack * t->ep_per_rack;
	if (info->attrs[OPHOTON_A_TRAY]) {
		err = ophoton_nl_check_id(info, OPHOTON_A_TRAY,
					  oph_fabric_params(fab->model)->trays, &tray);
		if (err)
			return err;
		ep += tray * slots;
		eps = slots;
	}
	sc->first = ep * t->ports_per_ep;
	sc->n = eps * t->ports_per_ep;
	return 0;
}

static const int link_scopes[] = {
	OPHOTON_A_LINK_ID, OPHOTON_A_GPU_ID, OPHOTON_A_ENGINE_ID, OPHOTON_A_MODULE_ID,
	OPHOTON_A_RACK_ID,
};

/* The scope the request names: exactly one of link_scopes[]. */
static int scope_of(struct genl_info *info, struct ophoton_fabric *fab,
		    struct link_scope *sc)
{
	const struct oph_topo *t = oph_fabric_topo(fab->model);
	struct nlattr **a = info->attrs;
	int i, named = -1;
	u32 id;
	int err;

	lockdep_assert_held(&fab->lock);
	memset(sc, 0, sizeof(*sc));
	for (i = 0; i < ARRAY_SIZE(link_scopes); i++) {
		if (!a[link_scopes[i]])
			continue;
		if (named >= 0) {
			ophoton_nl_err_at(info->extack, a[link_scopes[i]],
					  "name the links once: link-id, gpu-id, engine-id, module-id or rack-id");
			return -EINVAL;
		}
		named = link_scopes[i];
	}
	if (named < 0) {
		NL_SET_ERR_MSG(info->extack,
			       "name the links: link-id, gpu-id, engine-id, module-id or rack-id");
		NL_SET_ERR_ATTR_MISS(info->extack, NULL, OPHOTON_A_LINK_ID);
		return -EINVAL;
	}
	if (a[OPHOTON_A_TRAY] && named != OPHOTON_A_RACK_ID) {
		ophoton_nl_err_at(info->extack, a[OPHOTON_A_TRAY],
				  "a tray is named within its rack: give rack-id");
		return -EINVAL;
	}
	if (a[OPHOTON_A_SIDE] && named != OPHOTON_A_ENGINE_ID && named != OPHOTON_A_MODULE_ID) {
		ophoton_nl_err_at(info->extack, a[OPHOTON_A_SIDE],
				  "side goes with engine-id or module-id");
		return -EINVAL;
	}
	switch (named) {
	case OPHOTON_A_LINK_ID:
		err = check_link_id(info, fab, &sc->first);
		sc->n = 1;
		return err;
	case OPHOTON_A_GPU_ID:
		err = ophoton_nl_check_id(info, OPHOTON_A_GPU_ID, t->endpoints, &id);
		sc->first = id * t->ports_per_ep;
		sc->n = t->ports_per_ep;
		return err;
	case OPHOTON_A_RACK_ID:
		return scope_of_rack(info, fab, sc);
	default:
		return scope_of_part(info, fab, named, sc);
	}
}

static int link_act(struct oph_fabric *m, u32 link, u8 action, const char **why)
{
	switch (action) {
	case OPHOTON_LINK_ACTION_UP:
		return oph_link_set_admin(m, link, true, why);
	case OPHOTON_LINK_ACTION_DOWN:
		return oph_link_set_admin(m, link, false, why);
	case OPHOTON_LINK_ACTION_RETRAIN:
		return oph_link_retrain(m, link, why);
	default:
		return oph_link_clear(m, link, why);
	}
}

/* Links acted on between two chances for others to take the fabric. */
#define LINK_SET_SLICE	64

/**
 * ophoton_nl_link_set_doit() - LINK_SET do
 * @skb: request
 * @info: request info; the fabric is locked by pre_doit
 *
 * One link, or every link of a GPU, an engine, a laser module, a tray or a
 * rack in one request: one notification per link that changed, one ACK.
 * Up, down and clear apply to every link of the scope; a retrain to those
 * that can be retrained, and is refused, as for one link, when none can.
 *
 * Return: 0 or a negative errno with an extended ACK.
 */
int ophoton_nl_link_set_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct ophoton_fabric *fab = info->user_ptr[0];
	const char *why = NULL, *first_why = NULL;
	int err, first_err = 0;
	struct link_scope sc;
	u32 i, done = 0;
	u8 action;

	if (GENL_REQ_ATTR_CHECK(info, OPHOTON_A_LINK_ACTION))
		return -EINVAL;
	action = nla_get_u8(info->attrs[OPHOTON_A_LINK_ACTION]);
	err = scope_of(info, fab, &sc);
	if (err)
		goto out_free;
	for (i = 0; i < sc.n; i++) {
		if (i && !(i % LINK_SET_SLICE)) {
			err = ophoton_nl_yield(fab, info);
			if (err)
				goto out_free;
		}
		err = link_act(fab->model, scope_link(&sc, i), action, &why);
		if (!err) {
			done++;
		} else if (!first_err) {
			first_err = err;
			first_why = why;
		}
	}
	/* Changes already happened: arm the clock for what follows. */
	ophoton_clock_sync(fab);
	err = done || !sc.n ? 0 : ophoton_nl_model_err(info, OPHOTON_A_LINK_ACTION, first_err,
							 first_why);
out_free:
	kvfree(sc.list);
	return err;
}
