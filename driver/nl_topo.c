// SPDX-License-Identifier: GPL-2.0
/*
 * ophoton: racks, GPUs, engines and lasers over netlink.
 *
 * Racks, GPUs and engines are aggregates: their replies carry the links
 * they hold and how many are up, and with the stats flag the model's
 * aggregate telemetry.  Engines and lasers exist on both sides; dumps walk
 * one combined index, GPU side first, so that a single resumable id covers
 * both.
 */
#include "nl.h"

static_assert((int)OPH_LASER_FAULT == (int)OPHOTON_LASER_STATE_FAULT);

static u8 rack_kind(struct ophoton_fabric *fab, u32 rack)
{
	const struct oph_params *p = oph_fabric_params(fab->model);

	if (rack < p->racks)
		return OPHOTON_RACK_KIND_COMPUTE;
	if (rack < p->racks + p->memory_racks)
		return OPHOTON_RACK_KIND_MEMORY;
	return OPHOTON_RACK_KIND_SWITCH;
}

/* Links, links up, and the telemetry nest when asked for. */
static int agg_fill(struct sk_buff *msg, const struct oph_agg_info *ai, bool stats,
		    bool rack, bool engine)
{
	struct nlattr *nest;

	if (nla_put_u32(msg, OPHOTON_A_LINKS, ai->links) ||
	    nla_put_u32(msg, OPHOTON_A_LINKS_UP, ai->by_state[OPH_LINK_UP]))
		return -EMSGSIZE;
	if (!stats)
		return 0;
	nest = nla_nest_start(msg, OPHOTON_A_AGG_STATS);
	if (!nest)
		return -EMSGSIZE;
	if (nla_put_u32(msg, OPHOTON_A_AGG_STATS_LINKS_DEGRADED,
			ai->by_state[OPH_LINK_DEGRADED]) ||
	    nla_put_u32(msg, OPHOTON_A_AGG_STATS_LINKS_BRINGUP, oph_agg_bringup(ai)) ||
	    nla_put_u32(msg, OPHOTON_A_AGG_STATS_LINKS_DOWN, ai->by_state[OPH_LINK_DOWN]) ||
	    nla_put_u32(msg, OPHOTON_A_AGG_STATS_LINKS_FAILED,
			ai->by_state[OPH_LINK_FAILED]) ||
	    nla_put_u64_64bit(msg, OPHOTON_A_AGG_STATS_BANDWIDTH_GBPS,
			      ai->bandwidth_gbps, OPHOTON_A_AGG_STATS_PAD) ||
	    nla_put_u64_64bit(msg, OPHOTON_A_AGG_STATS_POWER_MW, ai->power_mw,
			      OPHOTON_A_AGG_STATS_PAD) ||
	    /* A rack or engine without a working engine has no temperature. */
	    (ai->temp_mc && nla_put_s32(msg, OPHOTON_A_AGG_STATS_TEMP_MC, ai->temp_mc)) ||
	    (rack && nla_put_u32(msg, OPHOTON_A_AGG_STATS_BUDGET_W, ai->budget_w)) ||
	    (rack && ai->over_budget &&
	     nla_put_flag(msg, OPHOTON_A_AGG_STATS_OVER_BUDGET)) ||
	    (engine && nla_put_u32(msg, OPHOTON_A_AGG_STATS_FLAGS, ai->flags)) ||
	    (engine && nla_put_u32(msg, OPHOTON_A_AGG_STATS_LATCHED, ai->latched))) {
		nla_nest_cancel(msg, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(msg, nest);
	return 0;
}

/* Racks */

static int rack_fill(struct sk_buff *msg, struct ophoton_fabric *fab, u32 rack,
		     bool stats)
{
	struct oph_agg_info ai;

	lockdep_assert_held(&fab->lock);
	oph_rack_get(fab->model, rack, &ai);
	if (nla_put_u32(msg, OPHOTON_A_FABRIC_ID, fab->id) ||
	    nla_put_u32(msg, OPHOTON_A_RACK_ID, rack) ||
	    nla_put_u8(msg, OPHOTON_A_RACK_KIND, rack_kind(fab, rack)))
		return -EMSGSIZE;
	return agg_fill(msg, &ai, stats, true, false);
}

static u32 nracks(struct ophoton_fabric *fab)
{
	return oph_fabric_topo(fab->model)->ep_racks +
	       oph_fabric_params(fab->model)->switch_racks;
}

/**
 * ophoton_nl_rack_get_doit() - RACK_GET do
 * @skb: request
 * @info: request info; the fabric is locked by pre_doit
 *
 * Return: 0 or a negative errno with an extended ACK.
 */
int ophoton_nl_rack_get_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct ophoton_fabric *fab = info->user_ptr[0];
	u32 rack;
	int err = ophoton_nl_check_id(info, OPHOTON_A_RACK_ID, nracks(fab), &rack);

	if (!err)
		err = ophoton_nl_agg_refresh(fab, info);
	if (err)
		return err;
	return ophoton_nl_reply(info, OPHOTON_CMD_RACK_GET, rack_fill, rack);
}

static int rack_range(struct ophoton_fabric *fab, struct nlattr **attrs,
		      struct netlink_ext_ack *extack, u32 *first, u32 *last)
{
	*first = 0;
	*last = nracks(fab);
	return 0;
}

/* The "unhealthy" filter of racks and GPUs, through their model getter. */
static bool agg_skip(struct ophoton_fabric *fab, u32 id, bool unhealthy,
		     int (*get)(struct oph_fabric *f, u32 id, struct oph_agg_info *ai))
{
	struct oph_agg_info ai;

	lockdep_assert_held(&fab->lock);
	if (!unhealthy)
		return false;
	get(fab->model, id, &ai);
	return !oph_agg_unhealthy(&ai);
}

static bool rack_skip(struct ophoton_fabric *fab, u32 rack, bool unhealthy)
{
	return agg_skip(fab, rack, unhealthy, oph_rack_get);
}

static const struct ophoton_dump rack_dump = {
	.cmd	= OPHOTON_CMD_RACK_GET,
	.range	= rack_range,
	.fill	= rack_fill,
	.skip	= rack_skip,
};

/**
 * ophoton_nl_rack_get_dumpit() - RACK_GET dump
 * @skb: message being filled
 * @cb: dump state
 *
 * Return: bytes filled, 0 when done, or a negative errno.
 */
int ophoton_nl_rack_get_dumpit(struct sk_buff *skb, struct netlink_callback *cb)
{
	return ophoton_nl_dump(skb, cb, &rack_dump);
}

/* GPUs (and memory devices) */

static int gpu_fill(struct sk_buff *msg, struct ophoton_fabric *fab, u32 gpu,
		    bool stats)
{
	const struct oph_params *p = oph_fabric_params(fab->model);
	const struct oph_topo *t = oph_fabric_topo(fab->model);
	u32 rack = gpu / t->ep_per_rack, pos = gpu % t->ep_per_rack;
	struct oph_agg_info ai;

	lockdep_assert_held(&fab->lock);
	oph_ep_get(fab->model, gpu, &ai);
	if (nla_put_u32(msg, OPHOTON_A_FABRIC_ID, fab->id) ||
	    nla_put_u32(msg, OPHOTON_A_GPU_ID, gpu) ||
	    nla_put_u32(msg, OPHOTON_A_RACK_ID, rack) ||
	    nla_put_u8(msg, OPHOTON_A_RACK_KIND, rack_kind(fab, rack)) ||
	    nla_put_u32(msg, OPHOTON_A_TRAY, pos / p->slots) ||
	    nla_put_u32(msg, OPHOTON_A_SLOT, pos % p->slots))
		return -EMSGSIZE;
	return agg_fill(msg, &ai, stats, false, false);
}

/**
 * ophoton_nl_gpu_get_doit() - GPU_GET do
 * @skb: request
 * @info: request info; the fabric is locked by pre_doit
 *
 * Return: 0 or a negative errno with an extended ACK.
 */
int ophoton_nl_gpu_get_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct ophoton_fabric *fab = info->user_ptr[0];
	u32 gpu;
	int err = ophoton_nl_check_id(info, OPHOTON_A_GPU_ID,
				      oph_fabric_topo(fab->model)->endpoints, &gpu);

	if (err)
		return err;
	return ophoton_nl_reply(info, OPHOTON_CMD_GPU_GET, gpu_fill, gpu);
}

static int gpu_range(struct ophoton_fabric *fab, struct nlattr **attrs,
		     struct netlink_ext_ack *extack, u32 *first, u32 *last)
{
	const struct oph_topo *t = oph_fabric_topo(fab->model);
	u32 rack;

	lockdep_assert_held(&fab->lock);
	*first = 0;
	*last = t->endpoints;
	if (!attrs[OPHOTON_A_RACK_ID])
		return 0;
	rack = nla_get_u32(attrs[OPHOTON_A_RACK_ID]);
	if (rack >= t->ep_racks) {
		NL_SET_ERR_MSG_ATTR(extack, attrs[OPHOTON_A_RACK_ID],
				    "rack-id is not a GPU or memory rack of this fabric");
		return -ERANGE;
	}
	*first = rack * t->ep_per_rack;
	*last = *first + t->ep_per_rack;
	return 0;
}

static bool gpu_skip(struct ophoton_fabric *fab, u32 gpu, bool unhealthy)
{
	return agg_skip(fab, gpu, unhealthy, oph_ep_get);
}

static const struct ophoton_dump gpu_dump = {
	.cmd	= OPHOTON_CMD_GPU_GET,
	.range	= gpu_range,
	.fill	= gpu_fill,
	.skip	= gpu_skip,
};

/**
 * ophoton_nl_gpu_get_dumpit() - GPU_GET dump
 * @skb: message being filled
 * @cb: dump state
 *
 * Return: bytes filled, 0 when done, or a negative errno.
 */
int ophoton_nl_gpu_get_dumpit(struct sk_buff *skb, struct netlink_callback *cb)
{
	return ophoton_nl_dump(skb, cb, &gpu_dump);
}

/* Engines: GPU-side engines first, then the switch side. */

static void engine_split(struct ophoton_fabric *fab, u32 idx, enum oph_side *side,
			 u32 *eng)
{
	u32 ep_engines = oph_fabric_topo(fab->model)->ep_engines;

	*side = idx < ep_engines ? OPH_SIDE_EP : OPH_SIDE_SW;
	*eng = idx < ep_engines ? idx : idx - ep_engines;
}

/* The engine a request names: its side and its id on that side. */
static int engine_of(struct genl_info *info, struct ophoton_fabric *fab,
		     enum oph_side *side, u32 *eng)
{
	lockdep_assert_held(&fab->lock);
	return ophoton_nl_check_side_id(info, OPHOTON_A_ENGINE_ID, OPH_OBJ_ENGINE, side, eng);
}

static int engine_fill(struct sk_buff *msg, struct ophoton_fabric *fab, u32 idx,
		       bool stats)
{
	const struct oph_params *p = oph_fabric_params(fab->model);
	const struct oph_topo *t = oph_fabric_topo(fab->model);
	struct oph_agg_info ai;
	enum oph_side side;
	u32 eng, per;

	lockdep_assert_held(&fab->lock);
	engine_split(fab, idx, &side, &eng);
	oph_engine_get(fab->model, side, eng, &ai);
	per = side == OPH_SIDE_EP ? p->engines : t->sw_engines_per_plane;
	if (nla_put_u32(msg, OPHOTON_A_FABRIC_ID, fab->id) ||
	    nla_put_u8(msg, OPHOTON_A_SIDE, side) ||
	    nla_put_u32(msg, OPHOTON_A_ENGINE_ID, eng) ||
	    nla_put_u32(msg, side == OPH_SIDE_EP ? OPHOTON_A_GPU_ID : OPHOTON_A_PLANE,
			eng / per) ||
	    nla_put_u32(msg, OPHOTON_A_ENGINE, eng % per) ||
	    (ai.dead && nla_put_flag(msg, OPHOTON_A_ENGINE_DEAD)))
		return -EMSGSIZE;
	return agg_fill(msg, &ai, stats, false, true);
}

/**
 * ophoton_nl_engine_get_doit() - ENGINE_GET do
 * @skb: request
 * @info: request info; the fabric is locked by pre_doit
 *
 * Return: 0 or a negative errno with an extended ACK.
 */
int ophoton_nl_engine_get_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct ophoton_fabric *fab = info->user_ptr[0];
	const struct oph_topo *t = oph_fabric_topo(fab->model);
	enum oph_side side;
	u32 eng;
	int err = engine_of(info, fab, &side, &eng);

	if (err)
		return err;
	return ophoton_nl_reply(info, OPHOTON_CMD_ENGINE_GET, engine_fill,
				side == OPH_SIDE_EP ? eng : t->ep_engines + eng);
}

/**
 * ophoton_nl_engine_act_doit() - ENGINE_ACT: recover an engine from
 * quarantine, or clear its latched flags
 * @skb: request
 * @info: request info; the fabric is locked by pre_doit
 *
 * Return: 0 or a negative errno with an extended ACK.
 */
int ophoton_nl_engine_act_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct ophoton_fabric *fab = info->user_ptr[0];
	const char *why = NULL;
	enum oph_side side;
	u32 eng;
	int err = engine_of(info, fab, &side, &eng);

	if (err)
		return err;
	if (GENL_REQ_ATTR_CHECK(info, OPHOTON_A_ENGINE_ACTION))
		return -EINVAL;
	if (nla_get_u8(info->attrs[OPHOTON_A_ENGINE_ACTION]) == OPHOTON_ENGINE_ACTION_RECOVER) {
		/* Whether it would come back, unless the operator knows better. */
		if (!info->attrs[OPHOTON_A_FORCE]) {
			err = oph_engine_recover_check(fab->model, side, eng, &why);
			if (err)
				return ophoton_nl_model_err(info, OPHOTON_A_ENGINE_ID, err, why);
		}
		err = oph_engine_recover(fab->model, side, eng, &why);
	} else {
		err = oph_engine_clear_latched(fab->model, side, eng, &why);
	}
	ophoton_clock_sync(fab);
	return ophoton_nl_model_err(info, OPHOTON_A_ENGINE_ID, err, why);
}

static int engine_range(struct ophoton_fabric *fab, struct nlattr **attrs,
			struct netlink_ext_ack *extack, u32 *first, u32 *last)
{
	const struct oph_params *p = oph_fabric_params(fab->model);
	const struct oph_topo *t = oph_fabric_topo(fab->model);
	u32 gpu;
	int err;

	lockdep_assert_held(&fab->lock);
	*first = 0;
	*last = t->ep_engines + t->sw_engines;
	if (attrs[OPHOTON_A_SIDE]) {
		if (nla_get_u8(attrs[OPHOTON_A_SIDE]) == OPH_SIDE_EP)
			*last = t->ep_engines;
		else
			*first = t->ep_engines;
	}
	if (!attrs[OPHOTON_A_GPU_ID])
		return 0;
	if (*first) {
		NL_SET_ERR_MSG_ATTR(extack, attrs[OPHOTON_A_GPU_ID],
				    "switch-side engines belong to no GPU");
		return -EINVAL;
	}
	err = ophoton_nl_dump_gpu(fab, attrs, extack, &gpu);
	if (err)
		return err;
	*first = gpu * p->engines;
	*last = *first + p->engines;
	return 0;
}

static bool engine_skip(struct ophoton_fabric *fab, u32 idx, bool unhealthy)
{
	struct oph_agg_info ai;
	enum oph_side side;
	u32 eng;

	lockdep_assert_held(&fab->lock);
	if (!unhealthy)
		return false;
	engine_split(fab, idx, &side, &eng);
	oph_engine_get(fab->model, side, eng, &ai);
	return !oph_agg_unhealthy(&ai);
}

static const struct ophoton_dump engine_dump = {
	.cmd	= OPHOTON_CMD_ENGINE_GET,
	.range	= engine_range,
	.fill	= engine_fill,
	.skip	= engine_skip,
};

/**
 * ophoton_nl_engine_get_dumpit() - ENGINE_GET dump
 * @skb: message being filled
 * @cb: dump state
 *
 * Return: bytes filled, 0 when done, or a negative errno.
 */
int ophoton_nl_engine_get_dumpit(struct sk_buff *skb, struct netlink_callback *cb)
{
	return ophoton_nl_dump(skb, cb, &engine_dump);
}

/* Lasers: combined module index (GPU side first) times lambdas, plus laser. */

static void laser_split(struct ophoton_fabric *fab, u32 idx, enum oph_side *side,
			u32 *mod, u32 *laser)
{
	u32 lambdas = oph_fabric_params(fab->model)->lambdas;
	u32 ep_modules = oph_fabric_topo(fab->model)->ep_modules;
	u32 slot = idx / lambdas;

	*laser = idx % lambdas;
	*side = slot < ep_modules ? OPH_SIDE_EP : OPH_SIDE_SW;
	*mod = slot < ep_modules ? slot : slot - ep_modules;
}

static int laser_fill_stats(struct sk_buff *msg, const struct oph_laser_info *li)
{
	struct nlattr *nest = nla_nest_start(msg, OPHOTON_A_LASER_STATS);

	if (!nest)
		return -EMSGSIZE;
	if (nla_put_u32(msg, OPHOTON_A_LASER_STATS_BIAS_UA, li->bias_ua) ||
	    nla_put_u32(msg, OPHOTON_A_LASER_STATS_POWER_UW, li->power_uw) ||
	    nla_put_u32(msg, OPHOTON_A_LASER_STATS_VOLTAGE_MV, li->voltage_mv) ||
	    ((li->have & OPH_LASER_HAVE_FREQ) &&
	     nla_put_s32(msg, OPHOTON_A_LASER_STATS_FREQ_ERR_MHZ, li->freq_err_mhz)) ||
	    ((li->have & OPH_LASER_HAVE_TEMP) &&
	     nla_put_s32(msg, OPHOTON_A_LASER_STATS_TEMP_MC, li->temp_mc)) ||
	    nla_put_u32(msg, OPHOTON_A_LASER_STATS_TEC_MA, li->tec_ma) ||
	    nla_put_u32(msg, OPHOTON_A_LASER_STATS_AGE_PPM, li->age_ppm) ||
	    nla_put_u32(msg, OPHOTON_A_LASER_STATS_FLAGS, li->flags) ||
	    nla_put_u32(msg, OPHOTON_A_LASER_STATS_LATCHED, li->latched) ||
	    nla_put_u64_64bit(msg, OPHOTON_A_LASER_STATS_AGING_RATE_PPB_H, li->rate_ppb_h,
			      OPHOTON_A_LASER_STATS_PAD) ||
	    nla_put_u64_64bit(msg, OPHOTON_A_LASER_STATS_BIAS_WARN_IN_S, li->warn_in_s,
			      OPHOTON_A_LASER_STATS_PAD) ||
	    nla_put_u64_64bit(msg, OPHOTON_A_LASER_STATS_END_OF_LIFE_IN_S, li->eol_in_s,
			      OPHOTON_A_LASER_STATS_PAD)) {
		nla_nest_cancel(msg, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(msg, nest);
	return 0;
}

static int laser_fill(struct sk_buff *msg, struct ophoton_fabric *fab, u32 idx,
		      bool stats)
{
	const struct oph_params *p = oph_fabric_params(fab->model);
	const struct oph_topo *t = oph_fabric_topo(fab->model);
	struct oph_laser_info li;
	enum oph_side side;
	u32 mod, laser;

	lockdep_assert_held(&fab->lock);
	laser_split(fab, idx, &side, &mod, &laser);
	if (oph_laser_get(fab->model, side, mod, laser, &li))
		return -ENODEV;
	if (nla_put_u32(msg, OPHOTON_A_FABRIC_ID, fab->id) ||
	    nla_put_u8(msg, OPHOTON_A_SIDE, side) ||
	    nla_put_u32(msg, OPHOTON_A_MODULE_ID, mod) ||
	    nla_put_u8(msg, OPHOTON_A_LANE, laser) ||
	    (side == OPH_SIDE_EP ?
	     nla_put_u32(msg, OPHOTON_A_GPU_ID, mod / p->modules) :
	     nla_put_u32(msg, OPHOTON_A_PLANE, mod / t->sw_modules_per_plane)) ||
	    nla_put_u8(msg, OPHOTON_A_LASER_STATE, li.state) ||
	    (li.fibre_checked && nla_put_flag(msg, OPHOTON_A_LASER_FIBRE_CHECKED)) ||
	    (li.aging_predicted && nla_put_flag(msg, OPHOTON_A_LASER_AGING_PREDICTED)) ||
	    (li.cause && nla_put_u8(msg, OPHOTON_A_LASER_CAUSE, li.cause)))
		return -EMSGSIZE;
	return stats ? laser_fill_stats(msg, &li) : 0;
}

/**
 * ophoton_nl_laser_get_doit() - LASER_GET do
 * @skb: request
 * @info: request info; the fabric is locked by pre_doit
 *
 * Return: 0 or a negative errno with an extended ACK.
 */
int ophoton_nl_laser_get_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct ophoton_fabric *fab = info->user_ptr[0];
	const struct oph_params *p = oph_fabric_params(fab->model);
	struct oph_module_info mi;
	enum oph_side side;
	u32 mod, laser;
	int err;

	err = ophoton_nl_check_side_id(info, OPHOTON_A_MODULE_ID, OPH_OBJ_MODULE, &side, &mod);
	if (!err)
		err = ophoton_nl_check_lane(info, p->lambdas, &laser);
	if (err)
		return err;
	oph_module_get(fab->model, side, mod, &mi);
	if (mi.state == OPH_MOD_ABSENT) {
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[OPHOTON_A_MODULE_ID],
				    "no laser module in this slot");
		return -ENODEV;
	}
	if (side == OPH_SIDE_SW)
		mod += oph_fabric_topo(fab->model)->ep_modules;
	return ophoton_nl_reply(info, OPHOTON_CMD_LASER_GET, laser_fill,
				mod * p->lambdas + laser);
}

static int laser_range(struct ophoton_fabric *fab, struct nlattr **attrs,
		       struct netlink_ext_ack *extack, u32 *first, u32 *last)
{
	const struct oph_params *p = oph_fabric_params(fab->model);
	const struct oph_topo *t = oph_fabric_topo(fab->model);
	u32 lo = 0, hi = t->ep_modules + t->sw_modules, gpu, mod;
	bool sw = false;
	int err;

	lockdep_assert_held(&fab->lock);
	if (attrs[OPHOTON_A_SIDE]) {
		sw = nla_get_u8(attrs[OPHOTON_A_SIDE]) == OPH_SIDE_SW;
		if (sw)
			lo = t->ep_modules;
		else
			hi = t->ep_modules;
	}
	if (attrs[OPHOTON_A_MODULE_ID]) {
		if (!attrs[OPHOTON_A_SIDE]) {
			NL_SET_ERR_MSG_ATTR(extack, attrs[OPHOTON_A_MODULE_ID],
					    "the module filter needs a side");
			return -EINVAL;
		}
		mod = nla_get_u32(attrs[OPHOTON_A_MODULE_ID]);
		if (mod >= hi - lo) {
			NL_SET_ERR_MSG_ATTR(extack, attrs[OPHOTON_A_MODULE_ID],
					    "module-id out of range for this fabric");
			return -ERANGE;
		}
		lo += mod;
		hi = lo + 1;
	} else if (attrs[OPHOTON_A_GPU_ID]) {
		if (sw) {
			NL_SET_ERR_MSG_ATTR(extack, attrs[OPHOTON_A_GPU_ID],
					    "switch-side lasers belong to no GPU");
			return -EINVAL;
		}
		err = ophoton_nl_dump_gpu(fab, attrs, extack, &gpu);
		if (err)
			return err;
		lo = gpu * p->modules;
		hi = lo + p->modules;
	}
	*first = lo * p->lambdas;
	*last = hi * p->lambdas;
	return 0;
}

/* Empty slots have no lasers; "unhealthy" is not on, flagged or aging. */
static bool laser_skip(struct ophoton_fabric *fab, u32 idx, bool unhealthy)
{
	struct oph_laser_info li;
	enum oph_side side;
	u32 mod, laser;

	lockdep_assert_held(&fab->lock);
	laser_split(fab, idx, &side, &mod, &laser);
	if (oph_laser_get(fab->model, side, mod, laser, &li))
		return true;
	return unhealthy && li.state == OPH_LASER_ON && !li.flags &&
	       !li.aging_predicted;
}

static const struct ophoton_dump laser_dump = {
	.cmd	= OPHOTON_CMD_LASER_GET,
	.skip_always = true,
	.range	= laser_range,
	.fill	= laser_fill,
	.skip	= laser_skip,
};

/**
 * ophoton_nl_laser_get_dumpit() - LASER_GET dump
 * @skb: message being filled
 * @cb: dump state
 *
 * Return: bytes filled, 0 when done, or a negative errno.
 */
int ophoton_nl_laser_get_dumpit(struct sk_buff *skb, struct netlink_callback *cb)
{
	return ophoton_nl_dump(skb, cb, &laser_dump);
}
