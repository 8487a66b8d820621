// SPDX-License-Identifier: GPL-2.0
/*
 * ophoton: the fabric surface: FABRIC_GET (shape, clock, thresholds and
 * aggregates) and FABRIC_SET (bring everything up or down, configure).
 */
#include "nl.h"

/* The levels of every analog value, one nest each. */
static int thresh_fill(struct sk_buff *msg, struct ophoton_fabric *fab)
{
	const struct oph_thresh *t;
	struct nlattr *nest;
	u32 id;

	lockdep_assert_held(&fab->lock);
	for (id = 0; id < __OPH_TH_CNT; id++) {
		t = oph_thresh_get(fab->model, id);
		nest = nla_nest_start(msg, OPHOTON_A_THRESH);
		if (!nest)
			return -EMSGSIZE;
		if (nla_put_u8(msg, OPHOTON_A_THRESH_ID, id) ||
		    nla_put_s32(msg, OPHOTON_A_THRESH_ALARM_LO, t->alarm_lo) ||
		    nla_put_s32(msg, OPHOTON_A_THRESH_WARN_LO, t->warn_lo) ||
		    nla_put_s32(msg, OPHOTON_A_THRESH_WARN_HI, t->warn_hi) ||
		    nla_put_s32(msg, OPHOTON_A_THRESH_ALARM_HI, t->alarm_hi)) {
			nla_nest_cancel(msg, nest);
			return -EMSGSIZE;
		}
		nla_nest_end(msg, nest);
	}
	return 0;
}

/**
 * ophoton_nl_fabric_fill() - a fabric as its GET reply carries it
 * @msg: message being filled
 * @fab: fabric, locked
 * @stats: with its aggregates
 *
 * Shape, clock, generation and thresholds, and with @stats the figures
 * of the whole fabric.
 *
 * Return: 0 or -EMSGSIZE.
 */
int ophoton_nl_fabric_fill(struct sk_buff *msg, struct ophoton_fabric *fab, bool stats)
{
	const struct oph_params *p = oph_fabric_params(fab->model);
	const struct oph_topo *t = oph_fabric_topo(fab->model);
	struct oph_agg_info ai;
	struct nlattr *nest;

	lockdep_assert_held(&fab->lock);
	if (nla_put_u32(msg, OPHOTON_A_FABRIC_ID, fab->id) ||
	    nla_put_u64_64bit(msg, OPHOTON_A_FABRIC_GEN,
			      oph_fabric_generation(fab->model), OPHOTON_A_PAD) ||
	    nla_put_u64_64bit(msg, OPHOTON_A_FABRIC_CLOCK_NS,
			      oph_fabric_clock_ns(fab->model), OPHOTON_A_PAD) ||
	    nla_put_u64_64bit(msg, OPHOTON_A_FABRIC_CLOCK_S,
			      oph_fabric_clock_s(fab->model), OPHOTON_A_PAD) ||
	    nla_put_u32(msg, OPHOTON_A_FABRIC_TIME_SCALE, fab->time_scale) ||
	    nla_put_u64_64bit(msg, OPHOTON_A_FABRIC_SEED, p->seed, OPHOTON_A_PAD) ||
	    nla_put_u32(msg, OPHOTON_A_FABRIC_GPUS, p->racks * p->trays * p->slots) ||
	    nla_put_u32(msg, OPHOTON_A_FABRIC_RACKS, p->racks) ||
	    nla_put_u32(msg, OPHOTON_A_FABRIC_MEMORY_RACKS, p->memory_racks) ||
	    nla_put_u32(msg, OPHOTON_A_FABRIC_SWITCH_RACKS, p->switch_racks) ||
	    nla_put_u32(msg, OPHOTON_A_FABRIC_TRAYS, p->trays) ||
	    nla_put_u32(msg, OPHOTON_A_FABRIC_SLOTS, p->slots) ||
	    nla_put_u32(msg, OPHOTON_A_FABRIC_ENGINES, p->engines) ||
	    nla_put_u32(msg, OPHOTON_A_FABRIC_PORTS, p->ports) ||
	    nla_put_u32(msg, OPHOTON_A_FABRIC_LAMBDAS, p->lambdas) ||
	    nla_put_u32(msg, OPHOTON_A_FABRIC_MODULES, p->modules) ||
	    nla_put_u8(msg, OPHOTON_A_FABRIC_FEED, p->feed) ||
	    nla_put_u32(msg, OPHOTON_A_FABRIC_LINKS, t->links) ||
	    nla_put_u32(msg, OPHOTON_A_FABRIC_LANE_GBPS, p->lane_gbps) ||
	    nla_put_u32(msg, OPHOTON_A_FABRIC_RACK_BUDGET_W, p->rack_budget_w) ||
	    thresh_fill(msg, fab) ||
	    nla_put_u32(msg, OPHOTON_A_ALARM_HISTORY, fab->alarms.cap) ||
	    nla_put_u64_64bit(msg, OPHOTON_A_ALARM_FIRST_SEQ, ophoton_alarm_log_first(fab),
			      OPHOTON_A_PAD))
		return -EMSGSIZE;
	if (!stats)
		return 0;

	oph_fabric_get(fab->model, &ai);
	nest = nla_nest_start(msg, OPHOTON_A_FABRIC_STATS);
	if (!nest)
		return -EMSGSIZE;
	if (nla_put_u32(msg, OPHOTON_A_FABRIC_STATS_LINKS_UP, ai.by_state[OPH_LINK_UP]) ||
	    nla_put_u32(msg, OPHOTON_A_FABRIC_STATS_LINKS_DEGRADED,
			ai.by_state[OPH_LINK_DEGRADED]) ||
	    nla_put_u32(msg, OPHOTON_A_FABRIC_STATS_LINKS_BRINGUP,
			oph_agg_bringup(&ai)) ||
	    nla_put_u32(msg, OPHOTON_A_FABRIC_STATS_LINKS_DOWN, ai.by_state[OPH_LINK_DOWN]) ||
	    nla_put_u32(msg, OPHOTON_A_FABRIC_STATS_LINKS_FAILED,
			ai.by_state[OPH_LINK_FAILED]) ||
	    nla_put_u64_64bit(msg, OPHOTON_A_FABRIC_STATS_BANDWIDTH_GBPS,
			      ai.bandwidth_gbps, OPHOTON_A_FABRIC_STATS_PAD) ||
	    nla_put_u64_64bit(msg, OPHOTON_A_FABRIC_STATS_POWER_MW, ai.power_mw,
			      OPHOTON_A_FABRIC_STATS_PAD) ||
	    nla_put_s32(msg, OPHOTON_A_FABRIC_STATS_TEMP_MC, ai.temp_mc) ||
	    (ai.over_budget && nla_put_flag(msg, OPHOTON_A_FABRIC_STATS_OVER_BUDGET))) {
		nla_nest_cancel(msg, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(msg, nest);
	return 0;
}

static int fabric_fill_one(struct sk_buff *msg, struct ophoton_fabric *fab,
			   u32 unused, bool stats)
{
	return ophoton_nl_fabric_fill(msg, fab, stats);
}

/**
 * ophoton_nl_fabric_get_doit() - FABRIC_GET do
 * @skb: request
 * @info: request info; the fabric is locked by pre_doit
 *
 * Return: 0 or a negative errno.
 */
int ophoton_nl_fabric_get_doit(struct sk_buff *skb, struct genl_info *info)
{
	int err = ophoton_nl_agg_refresh(info->user_ptr[0], info);

	if (err)
		return err;
	return ophoton_nl_reply(info, OPHOTON_CMD_FABRIC_GET, fabric_fill_one, 0);
}

/* The fabric is the one object of its own surface. */
static int fabric_range(struct ophoton_fabric *fab, struct nlattr **attrs,
			struct netlink_ext_ack *extack, u32 *first, u32 *last)
{
	*first = 0;
	*last = 1;
	return 0;
}

static bool fabric_skip(struct ophoton_fabric *fab, u32 unused, bool unhealthy)
{
	struct oph_agg_info ai;

	if (!unhealthy)
		return false;
	oph_fabric_get(fab->model, &ai);
	return !oph_agg_unhealthy(&ai);
}

static const struct ophoton_dump fabric_dump = {
	.cmd		= OPHOTON_CMD_FABRIC_GET,
	.every_fabric	= true,
	.range		= fabric_range,
	.fill		= fabric_fill_one,
	.skip		= fabric_skip,
};

/**
 * ophoton_nl_fabric_get_dumpit() - FABRIC_GET dump
 * @skb: message being filled
 * @cb: dump state
 *
 * Return: bytes filled, 0 when done, or a negative errno.
 */
int ophoton_nl_fabric_get_dumpit(struct sk_buff *skb, struct netlink_callback *cb)
{
	return ophoton_nl_dump(skb, cb, &fabric_dump);
}

/*
 * The levels of every %OPHOTON_A_THRESH nest of a request, merged with the
 * current ones into @t; @set marks the values given.  Nothing is changed.
 */
static int thresh_parse(struct genl_info *info, struct ophoton_fabric *fab,
			struct oph_thresh *t, u32 *set)
{
	struct nlattr *tb[OPHOTON_A_THRESH_MAX + 1];
	const char *why = NULL;
	struct nlattr *nla;
	int rem, err;
	u8 id;

	lockdep_assert_held(&fab->lock);
	for (id = 0; id < __OPH_TH_CNT; id++)
		t[id] = *oph_thresh_get(fab->model, id);
	*set = 0;
	nlmsg_for_each_attr(nla, info->nlhdr, GENL_HDRLEN, rem) {
		if (nla_type(nla) != OPHOTON_A_THRESH)
			continue;
		/* The policy validated every nest already. */
		err = nla_parse_nested(tb, OPHOTON_A_THRESH_MAX, nla, NULL, info->extack);
		if (err)
			return err;
		if (!tb[OPHOTON_A_THRESH_ID]) {
			NL_SET_ERR_MSG_ATTR(info->extack, nla, "thresh needs a thresh-id");
			return -EINVAL;
		}
		id = nla_get_u8(tb[OPHOTON_A_THRESH_ID]);
		if (*set & BIT(id)) {
			NL_SET_ERR_MSG_ATTR(info->extack, tb[OPHOTON_A_THRESH_ID],
					    "the same thresh-id twice");
			return -EINVAL;
		}
		*set |= BIT(id);
		if (tb[OPHOTON_A_THRESH_ALARM_LO])
			t[id].alarm_lo = nla_get_s32(tb[OPHOTON_A_THRESH_ALARM_LO]);
		if (tb[OPHOTON_A_THRESH_WARN_LO])
			t[id].warn_lo = nla_get_s32(tb[OPHOTON_A_THRESH_WARN_LO]);
		if (tb[OPHOTON_A_THRESH_WARN_HI])
			t[id].warn_hi = nla_get_s32(tb[OPHOTON_A_THRESH_WARN_HI]);
		if (tb[OPHOTON_A_THRESH_ALARM_HI])
			t[id].alarm_hi = nla_get_s32(tb[OPHOTON_A_THRESH_ALARM_HI]);
		err = oph_thresh_check(id, &t[id], &why);
		if (err) {
			ophoton_nl_err_at(info->extack, nla, why);
			return err;
		}
	}
	return 0;
}

/* Modules and links set per slice of oph_fabric_set_slice(). */
#define SET_SLICE	64

/*
 * Every laser module and link up or down, a slice at a time: at 65,536
 * GPUs the whole walk takes minutes of a slow CPU, and other requests (an
 * operator's link-set among them) and the clock work get the fabric
 * between two slices.  Their changes are not this request's to echo.
 */
static int fabric_set_sliced(struct ophoton_fabric *fab, struct genl_info *info,
			     bool up, u32 *refused)
{
	u32 pos = 0;
	int err;

	lockdep_assert_held(&fab->lock);
	*refused = 0;
	while (!oph_fabric_set_slice(fab->model, up, &pos, SET_SLICE, refused)) {
		err = ophoton_nl_yield(fab, info);
		if (err)
			return err;
	}
	return 0;
}

/**
 * ophoton_nl_fabric_set_doit() - FABRIC_SET do
 * @skb: request
 * @info: request info; the fabric is locked by pre_doit
 *
 * Return: 0 or a negative errno, with an extended ACK.
 */
int ophoton_nl_fabric_set_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct ophoton_fabric *fab = info->user_ptr[0];
	struct oph_thresh t[__OPH_TH_CNT];
	struct nlattr **a = info->attrs;
	const char *why;
	bool config;
	u32 set, id, refused;
	int err;

	config = a[OPHOTON_A_FABRIC_TIME_SCALE] || a[OPHOTON_A_FABRIC_RACK_BUDGET_W] ||
		 a[OPHOTON_A_THRESH];
	if (!a[OPHOTON_A_FABRIC_ACTION] && !config) {
		NL_SET_ERR_MSG(info->extack,
			       "nothing to set: give fabric-action, fabric-time-scale, fabric-rack-budget-w or thresh");
		return -EINVAL;
	}
	/* Check everything before changing anything. */
	err = thresh_parse(info, fab, t, &set);
	if (err)
		return err;

	if (a[OPHOTON_A_FABRIC_TIME_SCALE])
		ophoton_clock_set_scale(fab, nla_get_u32(a[OPHOTON_A_FABRIC_TIME_SCALE]));
	/* The policy's range and thresh_parse() leave nothing to refuse. */
	if (a[OPHOTON_A_FABRIC_RACK_BUDGET_W])
		oph_fabric_set_budget(fab->model,
				      nla_get_u32(a[OPHOTON_A_FABRIC_RACK_BUDGET_W]), &why);
	for (id = 0; id < __OPH_TH_CNT; id++)
		if (set & BIT(id))
			oph_thresh_set(fab->model, id, &t[id], &why);
	if (config)
		oph_fabric_config_changed(fab->model);
	/*
	 * Best effort: the modules that cannot follow keep their state and
	 * the request succeeds with a warning, the message of a successful
	 * extended ACK (ophotonctl prints it as "Warning:").
	 */
	if (a[OPHOTON_A_FABRIC_ACTION]) {
		err = fabric_set_sliced(fab, info, nla_get_u8(a[OPHOTON_A_FABRIC_ACTION]) ==
					OPHOTON_FABRIC_ACTION_UP, &refused);
		if (err)
			return err;
		if (refused)
			NL_SET_ERR_MSG(info->extack,
				       "some laser modules did not follow (quarantined, in fault or mid-transition): see 'ophotonctl laser show unhealthy'");
	}
	ophoton_clock_sync(fab);
	return 0;
}
