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
	struct oph_link_info li;
	u32 ep, engine, port;
	struct ophoton_put w;

	lockdep_assert_held(&fab->lock);
	oph_link_get(fab->model, link, &li);
	if (c) {
		li.state = c->new;
		if (c->reason)
			li.down_reason = c->reason;
	}
	if (ophoton_put_begin(&w, msg, link_room(&li, stats)))
		return -EMSGSIZE;
	oph_link_split(fab->model, link, &ep, &engine, &port);
	ophoton_put_u32(&w, OPHOTON_A_FABRIC_ID, fab->id);
	ophoton_put_u32(&w, OPHOTON_A_LINK_ID, link);
	ophoton_put_u32(&w, OPHOTON_A_GPU_ID, ep);
	ophoton_put_u32(&w, OPHOTON_A_ENGINE, engine);
	ophoton_put_u32(&w, OPHOTON_A_PORT, port);
	ophoton_put_u32(&w, OPHOTON_A_PLANE, oph_link_plane(fab->model, link));
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

/**
 * ophoton_nl_link_set_doit() - LINK_SET do
 * @skb: request
 * @info: request info; the fabric is locked by pre_doit
 *
 * Return: 0 or a negative errno, with an extended ACK.
 */
int ophoton_nl_link_set_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct ophoton_fabric *fab = info->user_ptr[0];
	const char *why = NULL;
	u32 link;
	int err;

	err = check_link_id(info, fab, &link);
	if (err)
		return err;
	if (GENL_REQ_ATTR_CHECK(info, OPHOTON_A_LINK_ACTION))
		return -EINVAL;
	switch (nla_get_u8(info->attrs[OPHOTON_A_LINK_ACTION])) {
	case OPHOTON_LINK_ACTION_UP:
		err = oph_link_set_admin(fab->model, link, true, &why);
		break;
	case OPHOTON_LINK_ACTION_DOWN:
		err = oph_link_set_admin(fab->model, link, false, &why);
		break;
	case OPHOTON_LINK_ACTION_RETRAIN:
		err = oph_link_retrain(fab->model, link, &why);
		break;
	default:
		err = oph_link_clear(fab->model, link, &why);
		break;
	}
	/* Changes already happened: arm the clock for what follows. */
	ophoton_clock_sync(fab);
	return ophoton_nl_model_err(info, OPHOTON_A_LINK_ACTION, err, why);
}
