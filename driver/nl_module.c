// SPDX-License-Identifier: GPL-2.0
/*
 * ophoton: laser modules and lanes over netlink.
 *
 * Laser module slots are addressed by side and id in requests; dumps walk
 * one combined index, GPU-side slots first, so that a single resumable id
 * covers both sides.
 */
#include "nl.h"
#include "nl_put.h"

/* Combined index of a slot: GPU-side slots first, then the switch side. */
static u32 module_index(struct ophoton_fabric *fab, enum oph_side side, u32 mod)
{
	return side == OPH_SIDE_EP ? mod : oph_fabric_topo(fab->model)->ep_modules + mod;
}

static void module_split(struct ophoton_fabric *fab, u32 idx, enum oph_side *side,
			 u32 *mod)
{
	u32 ep_modules = oph_fabric_topo(fab->model)->ep_modules;

	*side = idx < ep_modules ? OPH_SIDE_EP : OPH_SIDE_SW;
	*mod = idx < ep_modules ? idx : idx - ep_modules;
}

static int module_fill_stats(struct sk_buff *msg, const struct oph_module_info *mi)
{
	struct nlattr *nest = nla_nest_start(msg, OPHOTON_A_MODULE_STATS);

	if (!nest)
		return -EMSGSIZE;
	if (nla_put_s32(msg, OPHOTON_A_MODULE_STATS_TEMP_MC, mi->temp_mc) ||
	    nla_put_u32(msg, OPHOTON_A_MODULE_STATS_SUPPLY_MV, mi->supply_mv) ||
	    nla_put_u32(msg, OPHOTON_A_MODULE_STATS_POWER_MW, mi->power_mw) ||
	    nla_put_u32(msg, OPHOTON_A_MODULE_STATS_FLAGS, mi->flags) ||
	    nla_put_u32(msg, OPHOTON_A_MODULE_STATS_LATCHED, mi->latched)) {
		nla_nest_cancel(msg, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(msg, nest);
	return 0;
}

/* A slot's body; with @c, its state and admin state are the change's. */
static int module_fill(struct sk_buff *msg, struct ophoton_fabric *fab, u32 idx,
		       bool stats, const struct oph_change *c)
{
	const struct oph_topo *t = oph_fabric_topo(fab->model);
	const struct oph_params *p = oph_fabric_params(fab->model);
	struct oph_module_info mi;
	enum oph_side side;
	u32 mod;

	lockdep_assert_held(&fab->lock);
	module_split(fab, idx, &side, &mod);
	oph_module_get(fab->model, side, mod, &mi);
	if (c) {
		mi.state = c->new;
		mi.admin = c->admin;
		mi.safe_to_remove = oph_module_safe_to_remove(mi.state, mi.admin);
	}
	if (nla_put_u32(msg, OPHOTON_A_FABRIC_ID, fab->id) ||
	    nla_put_u8(msg, OPHOTON_A_SIDE, side) ||
	    nla_put_u32(msg, OPHOTON_A_MODULE_ID, mod) ||
	    (side == OPH_SIDE_EP ?
	     nla_put_u32(msg, OPHOTON_A_GPU_ID, mod / p->modules) :
	     nla_put_u32(msg, OPHOTON_A_PLANE, mod / t->sw_modules_per_plane)) ||
	    nla_put_u8(msg, OPHOTON_A_MODULE_STATE, mi.state) ||
	    nla_put_u8(msg, OPHOTON_A_MODULE_ADMIN, mi.admin) ||
	    (mi.cause && nla_put_u8(msg, OPHOTON_A_MODULE_CAUSE, mi.cause)) ||
	    nla_put_u32(msg, OPHOTON_A_MODULE_INSERT_COUNT, mi.insert_count) ||
	    nla_put_u32(msg, OPHOTON_A_MODULE_REMOVE_COUNT, mi.remove_count) ||
	    nla_put_u32(msg, OPHOTON_A_MODULE_LASERS_ON, mi.lasers_on) ||
	    nla_put_u32(msg, OPHOTON_A_MODULE_LINKS_FED, mi.links_fed) ||
	    (mi.safe_to_remove && nla_put_flag(msg, OPHOTON_A_MODULE_SAFE_TO_REMOVE)))
		return -EMSGSIZE;
	/* An empty slot has no serial and no telemetry: omitted, not 0. */
	if (mi.state == OPH_MOD_ABSENT)
		return 0;
	if (nla_put_u32(msg, OPHOTON_A_MODULE_SERIAL, mi.serial))
		return -EMSGSIZE;
	return stats ? module_fill_stats(msg, &mi) : 0;
}

/**
 * ophoton_nl_module_fill() - a laser module slot as a MODULE_GET reply
 * @msg: message
 * @fab: fabric, locked
 * @idx: combined slot index (GPU side first)
 * @stats: add the module's telemetry
 *
 * Return: 0 or -EMSGSIZE.
 */
int ophoton_nl_module_fill(struct sk_buff *msg, struct ophoton_fabric *fab,
			   u32 idx, bool stats)
{
	return module_fill(msg, fab, idx, stats, NULL);
}

/**
 * ophoton_nl_module_fill_change() - the body of a slot's notification
 * @msg: message being filled
 * @fab: fabric, locked
 * @c: the slot's change record
 *
 * As a link's: the state and admin state are the record's, the rest as
 * the operation that changed it left it.
 *
 * Return: 0 or -EMSGSIZE.
 */
int ophoton_nl_module_fill_change(struct sk_buff *msg, struct ophoton_fabric *fab,
				  const struct oph_change *c)
{
	u32 idx = c->side == OPH_SIDE_EP ? c->id :
		  oph_fabric_topo(fab->model)->ep_modules + c->id;

	return module_fill(msg, fab, idx, false, c);
}

/* Side and module id of a request, checked against the fabric. */
static int module_of(struct genl_info *info, struct ophoton_fabric *fab,
		     enum oph_side *side, u32 *mod)
{
	return ophoton_nl_check_side_id(info, OPHOTON_A_MODULE_ID, OPH_OBJ_MODULE, side, mod);
}

/**
 * ophoton_nl_module_get_doit() - MODULE_GET do
 * @skb: request
 * @info: request info; the fabric is locked by pre_doit
 *
 * Return: 0 or a negative errno with an extended ACK.
 */
int ophoton_nl_module_get_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct ophoton_fabric *fab = info->user_ptr[0];
	enum oph_side side;
	u32 mod;
	int err = module_of(info, fab, &side, &mod);

	if (err)
		return err;
	return ophoton_nl_reply(info, OPHOTON_CMD_MODULE_GET, ophoton_nl_module_fill,
				module_index(fab, side, mod));
}

static bool module_skip(struct ophoton_fabric *fab, u32 idx, bool unhealthy)
{
	struct oph_module_info mi;
	struct oph_health_info hi;
	enum oph_side side;
	u32 mod;

	lockdep_assert_held(&fab->lock);
	if (!unhealthy)
		return false;
	module_split(fab, idx, &side, &mod);
	oph_module_get(fab->model, side, mod, &mi);
	oph_health_get(fab->model, OPH_OBJ_MODULE, side, mod, &hi);
	return mi.state == OPH_MOD_READY && mi.admin == OPH_ADMIN_ACTIVE &&
	       !hi.quarantined && !mi.latched;
}

static int module_range(struct ophoton_fabric *fab, struct nlattr **attrs,
			struct netlink_ext_ack *extack, u32 *first, u32 *last)
{
	const struct oph_topo *t = oph_fabric_topo(fab->model);
	u32 modules = oph_fabric_params(fab->model)->modules;

	lockdep_assert_held(&fab->lock);
	*first = 0;
	*last = t->ep_modules + t->sw_modules;
	if (attrs[OPHOTON_A_SIDE]) {
		if (nla_get_u8(attrs[OPHOTON_A_SIDE]) == OPH_SIDE_EP)
			*last = t->ep_modules;
		else
			*first = t->ep_modules;
	}
	if (attrs[OPHOTON_A_GPU_ID]) {
		u32 gpu;
		int err = ophoton_nl_dump_gpu(fab, attrs, extack, &gpu);

		if (err)
			return err;
		*first = max(*first, gpu * modules);
		*last = min(*last, (gpu + 1) * modules);
	}
	return 0;
}

static const struct ophoton_dump module_dump = {
	.cmd	= OPHOTON_CMD_MODULE_GET,
	.range	= module_range,
	.fill	= ophoton_nl_module_fill,
	.skip	= module_skip,
};

/**
 * ophoton_nl_module_get_dumpit() - MODULE_GET dump: a fabric's slots
 * @skb: message being filled
 * @cb: dump state
 *
 * Filters: %OPHOTON_A_SIDE, %OPHOTON_A_GPU_ID, %OPHOTON_A_UNHEALTHY.
 *
 * Return: bytes filled, 0 when done, or a negative errno.
 */
int ophoton_nl_module_get_dumpit(struct sk_buff *skb, struct netlink_callback *cb)
{
	return ophoton_nl_dump(skb, cb, &module_dump);
}

/**
 * ophoton_nl_module_act_doit() - MODULE_ACT: drain, activate, reset,
 * recover or clear a laser module
 * @skb: request
 * @info: request info; the fabric is locked by pre_doit
 *
 * Return: 0 or a negative errno with an extended ACK.
 */
int ophoton_nl_module_act_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct ophoton_fabric *fab = info->user_ptr[0];
	const char *why = NULL;
	enum oph_side side;
	u32 mod;
	int err = module_of(info, fab, &side, &mod);

	if (err)
		return err;
	if (GENL_REQ_ATTR_CHECK(info, OPHOTON_A_MODULE_ACTION))
		return -EINVAL;
	switch (nla_get_u8(info->attrs[OPHOTON_A_MODULE_ACTION])) {
	case OPHOTON_MODULE_ACTION_DRAIN:
		/* What pulling it now costs, unless the operator knows better. */
		if (!info->attrs[OPHOTON_A_FORCE]) {
			struct oph_pull pl;

			/* An empty slot is refused by the drain, as before. */
			err = oph_module_pull_check(fab->model, side, mod, &pl, &why);
			if (err == -EBUSY)
				return ophoton_nl_model_err(info, OPHOTON_A_MODULE_ID, err, why);
		}
		err = oph_module_drain(fab->model, side, mod, &why);
		break;
	case OPHOTON_MODULE_ACTION_ACTIVATE:
		err = oph_module_activate(fab->model, side, mod, &why);
		break;
	case OPHOTON_MODULE_ACTION_RESET:
		err = oph_module_reset(fab->model, side, mod, &why);
		break;
	case OPHOTON_MODULE_ACTION_RECOVER:
		err = oph_module_recover(fab->model, side, mod, &why);
		break;
	default:
		err = oph_module_clear_latched(fab->model, side, mod, &why);
		break;
	}
	ophoton_clock_sync(fab);
	return ophoton_nl_model_err(info, OPHOTON_A_MODULE_ACTION, err, why);
}

/*
 * A lane record is the hot path of telemetry (a million of them in a
 * fabric's dump): written by ophoton_put_*(), in the order and bytes
 * nla_put() would give it, with its room checked once.
 */
static unsigned int lane_room(const struct oph_lane_info *li, bool stats)
{
	unsigned int room = 2 * OPHOTON_PUT_U32_ROOM + 3 * OPHOTON_PUT_U8_ROOM;

	if (li->cause)
		room += OPHOTON_PUT_U8_ROOM;
	if (!stats)
		return room;
	room += NLA_HDRLEN + 5 * OPHOTON_PUT_U32_ROOM + 2 * OPHOTON_PUT_U64_ROOM;
	if (oph_lane_carrying(li->state))
		room += OPHOTON_PUT_U32_ROOM;
	if (li->has_fec)
		room += 2 * OPHOTON_PUT_U64_ROOM;
	return room;
}

static void lane_put_stats(struct ophoton_put *w, const struct oph_lane_info *li)
{
	struct nlattr *nest = ophoton_put_nest(w, OPHOTON_A_LANE_STATS);

	ophoton_put_s32(w, OPHOTON_A_LANE_STATS_RX_POWER_UDBM, li->rx_power_udbm);
	ophoton_put_s32(w, OPHOTON_A_LANE_STATS_MARGIN_MDB, li->margin_mdb);
	ophoton_put_s32(w, OPHOTON_A_LANE_STATS_RING_OFFSET_PM, li->ring_offset_pm);
	ophoton_put_u32(w, OPHOTON_A_LANE_STATS_HEATER_UW, li->heater_uw);
	if (oph_lane_carrying(li->state))
		ophoton_put_u32(w, li->ber_bound ? OPHOTON_A_LANE_STATS_BER_BOUND_E :
				OPHOTON_A_LANE_STATS_BER_E, li->ber_e);
	ophoton_put_u64(w, OPHOTON_A_LANE_STATS_BITS, li->bits, OPHOTON_A_LANE_STATS_PAD);
	ophoton_put_u64(w, OPHOTON_A_LANE_STATS_ERR_BITS, li->err_bits,
			OPHOTON_A_LANE_STATS_PAD);
	if (li->has_fec) {
		ophoton_put_u64(w, OPHOTON_A_LANE_STATS_FEC_CORRECTED, li->fec_corrected,
				OPHOTON_A_LANE_STATS_PAD);
		ophoton_put_u64(w, OPHOTON_A_LANE_STATS_FEC_UNCORRECTABLE,
				li->fec_uncorrectable, OPHOTON_A_LANE_STATS_PAD);
	}
	ophoton_put_u32(w, OPHOTON_A_LANE_STATS_FLAGS, li->flags);
	ophoton_put_nest_end(w, nest);
}

/* A lane by its index, as the model counts lane-directions. */
static int lane_fill(struct sk_buff *msg, struct ophoton_fabric *fab, u32 idx,
		     bool stats)
{
	/* Written whole by the model: a lane dump fills a million. */
	struct oph_lane_info li __uninitialized;
	struct ophoton_put w;
	u32 link, dir, lane;

	lockdep_assert_held(&fab->lock);
	oph_lane_split(fab->model, idx, &link, &dir, &lane);
	if (stats) {
		if (oph_lane_get(fab->model, link, lane, dir, &li))
			return -ERANGE;
	} else {
		oph_lane_state(fab->model, link, lane, dir, &li);
	}
	if (ophoton_put_begin(&w, msg, lane_room(&li, stats)))
		return -EMSGSIZE;
	ophoton_put_u32(&w, OPHOTON_A_FABRIC_ID, fab->id);
	ophoton_put_u32(&w, OPHOTON_A_LINK_ID, link);
	ophoton_put_u8(&w, OPHOTON_A_LANE, lane);
	ophoton_put_u8(&w, OPHOTON_A_DIR, dir);
	ophoton_put_u8(&w, OPHOTON_A_LANE_STATE, li.state);
	if (li.cause)
		ophoton_put_u8(&w, OPHOTON_A_LANE_CAUSE, li.cause);
	if (stats)
		lane_put_stats(&w, &li);
	ophoton_put_end(&w);
	return 0;
}

/**
 * ophoton_nl_lane_get_doit() - LANE_GET do
 * @skb: request
 * @info: request info; the fabric is locked by pre_doit
 *
 * Return: 0 or a negative errno with an extended ACK.
 */
int ophoton_nl_lane_get_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct ophoton_fabric *fab = info->user_ptr[0];
	u32 lambdas = oph_fabric_params(fab->model)->lambdas;
	u32 link, lane;
	int err;

	err = ophoton_nl_check_id(info, OPHOTON_A_LINK_ID,
				  oph_fabric_topo(fab->model)->links, &link);
	if (!err)
		err = ophoton_nl_check_lane(info, lambdas, &lane);
	if (err)
		return err;
	if (GENL_REQ_ATTR_CHECK(info, OPHOTON_A_DIR))
		return -EINVAL;
	return ophoton_nl_reply(info, OPHOTON_CMD_LANE_GET, lane_fill,
				oph_lane_index(fab->model, link,
					       nla_get_u8(info->attrs[OPHOTON_A_DIR]), lane));
}

static bool lane_skip(struct ophoton_fabric *fab, u32 idx, bool unhealthy)
{
	u32 link, dir, lane;

	lockdep_assert_held(&fab->lock);
	if (!unhealthy)
		return false;
	oph_lane_split(fab->model, idx, &link, &dir, &lane);
	return oph_lane_healthy(fab->model, link, lane, dir);
}

static int lane_range(struct ophoton_fabric *fab, struct nlattr **attrs,
		      struct netlink_ext_ack *extack, u32 *first, u32 *last)
{
	const struct oph_topo *t = oph_fabric_topo(fab->model);
	u32 per_link = 2 * oph_fabric_params(fab->model)->lambdas;

	lockdep_assert_held(&fab->lock);
	*first = 0;
	*last = t->links * per_link;
	if (attrs[OPHOTON_A_LINK_ID]) {
		u32 link = nla_get_u32(attrs[OPHOTON_A_LINK_ID]);

		if (link >= t->links) {
			NL_SET_ERR_MSG_ATTR(extack, attrs[OPHOTON_A_LINK_ID],
					    "link id out of range for this fabric");
			return -ERANGE;
		}
		*first = link * per_link;
		*last = *first + per_link;
	} else if (attrs[OPHOTON_A_GPU_ID]) {
		u32 gpu;
		int err = ophoton_nl_dump_gpu(fab, attrs, extack, &gpu);

		if (err)
			return err;
		*first = gpu * t->ports_per_ep * per_link;
		*last = *first + t->ports_per_ep * per_link;
	}
	return 0;
}

static const struct ophoton_dump lane_dump = {
	.cmd	= OPHOTON_CMD_LANE_GET,
	.range	= lane_range,
	.fill	= lane_fill,
	.skip	= lane_skip,
};

/**
 * ophoton_nl_lane_get_dumpit() - LANE_GET dump: the lanes of a fabric, a
 * link (%OPHOTON_A_LINK_ID) or a GPU (%OPHOTON_A_GPU_ID)
 * @skb: message being filled
 * @cb: dump state
 *
 * Return: bytes filled, 0 when done, or a negative errno.
 */
int ophoton_nl_lane_get_dumpit(struct sk_buff *skb, struct netlink_callback *cb)
{
	return ophoton_nl_dump(skb, cb, &lane_dump);
}
