// SPDX-License-Identifier: GPL-2.0
/*
 * ophoton: blast radius, and the simulation group over netlink.
 *
 * The simulation ops are the physical world: pulling and plugging laser
 * modules, breaking things, moving the clock.  They are kept apart from the
 * management ops, need CAP_NET_ADMIN in the fabric's namespace like them,
 * and can be turned off altogether with sim_ops=0 for fabrics that stand
 * in for real hardware.
 */
#include <linux/module.h>

#include "nl.h"

static bool sim_ops = true;
module_param(sim_ops, bool, 0444);
MODULE_PARM_DESC(sim_ops, "Allow the simulation ops (module removal and insertion, faults, clock steps)");

/* The largest list of links a blast radius reply carries. */
#define OPHOTON_BLAST_MAX_LIST	1024

struct blast_list {
	struct sk_buff *msg;
	u32 n;
	int err;
};

static void blast_link(void *ctx, u32 link, u32 lanes)
{
	struct blast_list *bl = ctx;

	if (!bl->err && bl->n++ < OPHOTON_BLAST_MAX_LIST)
		bl->err = nla_put_u32(bl->msg, OPHOTON_A_LINK_ID, link);
}

static const u8 blast_obj[] = {
	[OPHOTON_BLAST_MODULE]	= OPH_OBJ_MODULE,
	[OPHOTON_BLAST_LASER]	= OPH_OBJ_LASER,
	[OPHOTON_BLAST_ENGINE]	= OPH_OBJ_ENGINE,
	[OPHOTON_BLAST_FIBRE]	= OPH_OBJ_FIBRE,
	[OPHOTON_BLAST_TRAY]	= OPH_OBJ_TRAY,
	[OPHOTON_BLAST_RACK]	= OPH_OBJ_RACK,
};

/*
 * What pulling a module now would cost, and why a drain would refuse; an
 * empty slot has nothing to pull and says nothing.
 */
static int put_pull(struct sk_buff *msg, struct ophoton_fabric *fab, u8 side, u32 mod)
{
	const char *why = NULL;
	struct oph_pull pl;
	int err;

	lockdep_assert_held(&fab->lock);
	err = oph_module_pull_check(fab->model, side, mod, &pl, &why);
	if (err && err != -EBUSY)
		return 0;
	if (nla_put_u32(msg, OPHOTON_A_PULL_CARRYING, pl.carrying) ||
	    nla_put_u32(msg, OPHOTON_A_PULL_GPUS_CUT, pl.endpoints_cut) ||
	    (pl.plane_cut && nla_put_flag(msg, OPHOTON_A_PULL_PLANE_CUT)) ||
	    nla_put_u32(msg, OPHOTON_A_PULL_PARTNERS_OUT, pl.partners_out) ||
	    (err && nla_put_string(msg, OPHOTON_A_PULL_REFUSED, why)))
		return -EMSGSIZE;
	return 0;
}

/**
 * ophoton_nl_blast_get_doit() - BLAST_GET: what a failure would take down
 * @skb: request
 * @info: request info; the fabric is locked by pre_doit
 *
 * Changes nothing.  The affected links are listed when there are at most
 * OPHOTON_BLAST_MAX_LIST of them.
 *
 * Return: 0 or a negative errno with an extended ACK.
 */
int ophoton_nl_blast_get_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct ophoton_fabric *fab = info->user_ptr[0];
	struct blast_list bl = { 0 };
	const char *why = NULL;
	struct oph_blast b;
	struct nlattr *nest;
	u8 side = 0, obj;
	void *hdr;
	int err;

	if (GENL_REQ_ATTR_CHECK(info, OPHOTON_A_BLAST_OBJ) ||
	    GENL_REQ_ATTR_CHECK(info, OPHOTON_A_BLAST_ID))
		return -EINVAL;
	obj = nla_get_u8(info->attrs[OPHOTON_A_BLAST_OBJ]);
	if (info->attrs[OPHOTON_A_SIDE])
		side = nla_get_u8(info->attrs[OPHOTON_A_SIDE]);

	/* Room for the counts and the list: 8 bytes per listed link. */
	bl.msg = genlmsg_new(NLMSG_GOODSIZE + OPHOTON_BLAST_MAX_LIST * 8, GFP_KERNEL);
	if (!bl.msg)
		return -ENOMEM;
	hdr = genlmsg_put_reply(bl.msg, info, &ophoton_nl_family, 0,
				OPHOTON_CMD_BLAST_GET);
	if (!hdr)
		goto err_msgsize;
	nest = nla_nest_start(bl.msg, OPHOTON_A_BLAST_LINK_IDS);
	if (!nest)
		goto err_msgsize;
	err = oph_blast_radius(fab->model, blast_obj[obj], side,
			       nla_get_u32(info->attrs[OPHOTON_A_BLAST_ID]), &b,
			       blast_link, &bl, &why);
	if (err) {
		nlmsg_free(bl.msg);
		return ophoton_nl_model_err(info, OPHOTON_A_BLAST_ID, err, why);
	}
	if (bl.err || b.links > OPHOTON_BLAST_MAX_LIST)
		nla_nest_cancel(bl.msg, nest);
	else
		nla_nest_end(bl.msg, nest);
	if (nla_put_u32(bl.msg, OPHOTON_A_FABRIC_ID, fab->id) ||
	    nla_put_u8(bl.msg, OPHOTON_A_BLAST_OBJ, obj) ||
	    nla_put_u32(bl.msg, OPHOTON_A_BLAST_ID,
			nla_get_u32(info->attrs[OPHOTON_A_BLAST_ID])) ||
	    nla_put_u32(bl.msg, OPHOTON_A_BLAST_LINKS, b.links) ||
	    nla_put_u32(bl.msg, OPHOTON_A_BLAST_LINKS_DOWN, b.links_down) ||
	    nla_put_u64_64bit(bl.msg, OPHOTON_A_BLAST_LANES, b.lanes, OPHOTON_A_PAD) ||
	    nla_put_u32(bl.msg, OPHOTON_A_BLAST_GPUS, b.endpoints) ||
	    nla_put_u64_64bit(bl.msg, OPHOTON_A_BLAST_BANDWIDTH_GBPS, b.bandwidth_gbps,
			      OPHOTON_A_PAD))
		goto err_msgsize;
	if (obj == OPHOTON_BLAST_MODULE && put_pull(bl.msg, fab, side,
						    nla_get_u32(info->attrs[OPHOTON_A_BLAST_ID])))
		goto err_msgsize;
	genlmsg_end(bl.msg, hdr);
	return genlmsg_reply(bl.msg, info);

err_msgsize:
	nlmsg_free(bl.msg);
	return -EMSGSIZE;
}

static int sim_allowed(struct genl_info *info)
{
	if (sim_ops)
		return 0;
	NL_SET_ERR_MSG(info->extack,
		       "simulation ops are disabled (module parameter sim_ops=0)");
	return -EOPNOTSUPP;
}

/**
 * ophoton_nl_sim_module_doit() - SIM_MODULE: pull out or plug in a module
 * @skb: request
 * @info: request info; the fabric is locked by pre_doit
 *
 * Return: 0 or a negative errno with an extended ACK.
 */
int ophoton_nl_sim_module_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct ophoton_fabric *fab = info->user_ptr[0];
	const char *why = NULL;
	enum oph_side side;
	u32 mod, serial = 0;
	int err;

	err = sim_allowed(info);
	if (err)
		return err;
	if (GENL_REQ_ATTR_CHECK(info, OPHOTON_A_SIM_ACTION))
		return -EINVAL;
	err = ophoton_nl_check_side_id(info, OPHOTON_A_MODULE_ID, OPH_OBJ_MODULE, &side, &mod);
	if (err)
		return err;
	if (info->attrs[OPHOTON_A_MODULE_SERIAL])
		serial = nla_get_u32(info->attrs[OPHOTON_A_MODULE_SERIAL]);
	if (nla_get_u8(info->attrs[OPHOTON_A_SIM_ACTION]) == OPHOTON_SIM_ACTION_INSERT)
		err = oph_module_insert(fab->model, side, mod, serial, &why);
	else
		err = oph_module_remove(fab->model, side, mod, &why);
	ophoton_clock_sync(fab);
	return ophoton_nl_model_err(info, OPHOTON_A_MODULE_ID, err, why);
}

/* The attribute each field of a fault comes from. */
static const u16 fault_attr[] = {
	[OPH_FF_KIND] = OPHOTON_A_FAULT_KIND,
	[OPH_FF_SIDE] = OPHOTON_A_SIDE,
	[OPH_FF_TARGET] = OPHOTON_A_FAULT_TARGET,
	[OPH_FF_LANE] = OPHOTON_A_LANE,
	[OPH_FF_WHICH] = OPHOTON_A_FIBRE,
	[OPH_FF_VALUE] = OPHOTON_A_FAULT_VALUE,
	[OPH_FF_AMOUNT] = OPHOTON_A_FAULT_AMOUNT,
};

/**
 * ophoton_nl_sim_fault_doit() - SIM_FAULT: inject or clear a fault
 * @skb: request
 * @info: request info; the fabric is locked by pre_doit
 *
 * Return: 0 or a negative errno with an extended ACK naming the attribute.
 */
int ophoton_nl_sim_fault_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct ophoton_fabric *fab = info->user_ptr[0];
	struct oph_fault flt = { .lane = OPH_ALL };
	struct nlattr **a = info->attrs;
	enum oph_fault_field field;
	const char *why = NULL;
	int err;

	err = sim_allowed(info);
	if (err)
		return err;
	if (GENL_REQ_ATTR_CHECK(info, OPHOTON_A_FAULT_KIND) ||
	    GENL_REQ_ATTR_CHECK(info, OPHOTON_A_FAULT_TARGET) ||
	    GENL_REQ_ATTR_CHECK(info, OPHOTON_A_SIM_ACTION))
		return -EINVAL;
	flt.kind = nla_get_u8(a[OPHOTON_A_FAULT_KIND]);
	flt.target = nla_get_u32(a[OPHOTON_A_FAULT_TARGET]);
	if (a[OPHOTON_A_SIDE])
		flt.side = nla_get_u8(a[OPHOTON_A_SIDE]);
	if (a[OPHOTON_A_LANE])
		flt.lane = nla_get_u8(a[OPHOTON_A_LANE]);
	flt.which = a[OPHOTON_A_FIBRE] ? nla_get_u8(a[OPHOTON_A_FIBRE]) : OPH_ALL;
	if (a[OPHOTON_A_FAULT_VALUE])
		flt.value = nla_get_s32(a[OPHOTON_A_FAULT_VALUE]);
	if (a[OPHOTON_A_FAULT_AMOUNT])
		flt.amount = nla_get_s32(a[OPHOTON_A_FAULT_AMOUNT]);
	if (nla_get_u8(a[OPHOTON_A_SIM_ACTION]) == OPHOTON_SIM_ACTION_INSERT) {
		/* A refusal names the attribute its field came from. */
		err = oph_fault_check(fab->model, &flt, &field, &why);
		if (err)
			return ophoton_nl_model_err(info, fault_attr[field], err, why);
		err = oph_fault_inject(fab->model, &flt, &why);
	} else {
		err = oph_fault_clear(fab->model, &flt, &why);
	}
	ophoton_clock_sync(fab);
	/* Left: a full fault table, or no such fault to clear. */
	return ophoton_nl_model_err(info, OPHOTON_A_FAULT_TARGET, err, why);
}

/* Events run per slice of a clock step. */
#define SIM_STEP_SLICE	64

/**
 * ophoton_nl_sim_clock_doit() - SIM_CLOCK: step the virtual clock
 * @skb: request
 * @info: request info; the fabric is locked by pre_doit
 *
 * Events due within the step run at their own virtual times.
 *
 * Return: 0 or a negative errno with an extended ACK.
 */
int ophoton_nl_sim_clock_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct ophoton_fabric *fab = info->user_ptr[0];
	int err = sim_allowed(info);
	u64 left;

	if (err)
		return err;
	if (GENL_REQ_ATTR_CHECK(info, OPHOTON_A_SIM_STEP_NS))
		return -EINVAL;
	left = nla_get_u64(info->attrs[OPHOTON_A_SIM_STEP_NS]);
	/*
	 * The events of a long step (a bring-up of millions of links) run in
	 * slices, the fabric let go between two.  Real time passing meanwhile
	 * is given to the model on top of the step, by whoever syncs.
	 */
	while (!oph_fabric_step_some(fab->model, &left, SIM_STEP_SLICE)) {
		if (signal_pending(current)) {
			NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[OPHOTON_A_SIM_STEP_NS],
					    "interrupted: the clock stepped part of the way");
			return -EINTR;
		}
		err = ophoton_nl_yield(fab, info);
		if (err)
			return err;
	}
	ophoton_clock_sync(fab);
	return 0;
}
