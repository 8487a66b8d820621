// SPDX-License-Identifier: GPL-2.0
/*
 * ophoton: DIAGNOSE, everything not healthy in a fabric in one reply.
 *
 * The model groups the problems and orders them (model/diag.c); this
 * file puts them on the wire.  A do, not a dump: the answer is one
 * consistent look at the fabric, bounded in size (OPH_DIAG_MAX problems,
 * totals for the rest), which a dump resumed message by message could
 * not be.
 */
#include "nl.h"

/* The model's objects as the spec's enum ophoton_diag_obj. */
static u8 diag_obj(u8 obj)
{
	switch (obj) {
	case OPH_OBJ_MODULE:
		return OPHOTON_DIAG_MODULE;
	case OPH_OBJ_ENGINE:
		return OPHOTON_DIAG_ENGINE;
	case OPH_OBJ_FIBRE:
		return OPHOTON_DIAG_FIBRE;
	default:
		return OPHOTON_DIAG_LINK;
	}
}

/* Room for one problem's nest: 6 u8, 4 u32, 2 padded u64 and the nest. */
#define PROBLEM_ROOM	(4 + 6 * 8 + 4 * 8 + 2 * 16)

static int put_problem(struct sk_buff *msg, const struct oph_problem *p)
{
	struct nlattr *nest = nla_nest_start(msg, OPHOTON_A_DIAG_PROBLEM);

	if (!nest ||
	    nla_put_u8(msg, OPHOTON_A_PROBLEM_OBJ, diag_obj(p->obj)) ||
	    (p->obj != OPH_OBJ_LINK && p->obj != OPH_OBJ_FIBRE &&
	     nla_put_u8(msg, OPHOTON_A_PROBLEM_SIDE, p->side)) ||
	    nla_put_u32(msg, OPHOTON_A_PROBLEM_ID, p->id) ||
	    (p->obj == OPH_OBJ_FIBRE && nla_put_u8(msg, OPHOTON_A_PROBLEM_FIBRE, p->fibre)) ||
	    (p->cause && nla_put_u8(msg, OPHOTON_A_PROBLEM_CAUSE, p->cause)) ||
	    (p->mod_cause && nla_put_u8(msg, OPHOTON_A_PROBLEM_MODULE_CAUSE, p->mod_cause)) ||
	    nla_put_u8(msg, OPHOTON_A_PROBLEM_SEVERITY, p->severity) ||
	    nla_put_u8(msg, OPHOTON_A_PROBLEM_ACTION, p->action) ||
	    (p->since && nla_put_u64_64bit(msg, OPHOTON_A_PROBLEM_SINCE_NS, p->since,
					   OPHOTON_A_PROBLEM_PAD)) ||
	    nla_put_u32(msg, OPHOTON_A_PROBLEM_LINKS, p->links) ||
	    nla_put_u32(msg, OPHOTON_A_PROBLEM_LINKS_DOWN, p->links_down) ||
	    nla_put_u32(msg, OPHOTON_A_PROBLEM_GPUS, p->endpoints) ||
	    nla_put_u64_64bit(msg, OPHOTON_A_PROBLEM_GBPS_LOST, p->gbps_lost,
			      OPHOTON_A_PROBLEM_PAD))
		return -EMSGSIZE;
	nla_nest_end(msg, nest);
	return 0;
}

static int put_diag(struct sk_buff *msg, struct ophoton_fabric *fab,
		    const struct oph_diag *d)
{
	u32 i;

	if (nla_put_u32(msg, OPHOTON_A_FABRIC_ID, fab->id) ||
	    nla_put_u64_64bit(msg, OPHOTON_A_FABRIC_CLOCK_NS,
			      oph_fabric_clock_ns(fab->model), OPHOTON_A_PAD) ||
	    nla_put_u32(msg, OPHOTON_A_FABRIC_TIME_SCALE,
			oph_fabric_params(fab->model)->time_scale) ||
	    nla_put_u32(msg, OPHOTON_A_DIAG_PROBLEMS, d->n) ||
	    nla_put_u32(msg, OPHOTON_A_DIAG_UNLISTED, d->unlisted) ||
	    nla_put_u32(msg, OPHOTON_A_DIAG_CRITICAL, d->by_sev[OPH_SEV_CRITICAL]) ||
	    nla_put_u32(msg, OPHOTON_A_DIAG_MAJOR, d->by_sev[OPH_SEV_MAJOR]) ||
	    nla_put_u32(msg, OPHOTON_A_DIAG_MINOR, d->by_sev[OPH_SEV_MINOR]) ||
	    nla_put_u32(msg, OPHOTON_A_DIAG_INFO, d->by_sev[OPH_SEV_INFO]) ||
	    nla_put_u32(msg, OPHOTON_A_DIAG_LINKS_DOWN, d->links_down) ||
	    nla_put_u32(msg, OPHOTON_A_DIAG_LINKS_DEGRADED, d->links_degraded) ||
	    nla_put_u32(msg, OPHOTON_A_DIAG_LINKS_FLAGGED, d->links_flagged) ||
	    nla_put_u32(msg, OPHOTON_A_DIAG_GPUS_CUT, d->endpoints_cut) ||
	    nla_put_u64_64bit(msg, OPHOTON_A_DIAG_GBPS_LOST, d->gbps_lost, OPHOTON_A_PAD) ||
	    nla_put_u32(msg, OPHOTON_A_DIAG_UNITS_WALKED, d->units_walked))
		return -EMSGSIZE;
	for (i = 0; i < d->n; i++)
		if (put_problem(msg, &d->p[i]))
			return -EMSGSIZE;
	return 0;
}

/**
 * ophoton_nl_diagnose_doit() - DIAGNOSE: everything not healthy, worst first
 * @skb: request
 * @info: request info; the fabric is locked by pre_doit
 *
 * Changes nothing.  The model looks only into the units of links that
 * count a problem, so a healthy fabric of any size answers at once.
 *
 * Return: 0 or a negative errno.
 */
int ophoton_nl_diagnose_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct ophoton_fabric *fab = info->user_ptr[0];
	struct sk_buff *msg;
	struct oph_diag *d;
	void *hdr;
	int err;

	lockdep_assert_held(&fab->lock);
	/* After a change that touched much of it, in slices, letting go. */
	err = ophoton_nl_agg_refresh(fab, info);
	if (err)
		return err;
	/* Some 13 KiB: too much for the stack, once per request. */
	d = kvmalloc(sizeof(*d), GFP_KERNEL);
	if (!d)
		return -ENOMEM;
	oph_fabric_diagnose(fab->model, d);
	err = -ENOMEM;
	msg = genlmsg_new(NLMSG_GOODSIZE + d->n * PROBLEM_ROOM, GFP_KERNEL);
	if (!msg)
		goto out_free;
	err = -EMSGSIZE;
	hdr = genlmsg_put_reply(msg, info, &ophoton_nl_family, 0, OPHOTON_CMD_DIAGNOSE);
	if (!hdr || put_diag(msg, fab, d))
		goto err_msg;
	genlmsg_end(msg, hdr);
	kvfree(d);
	return genlmsg_reply(msg, info);

err_msg:
	nlmsg_free(msg);
out_free:
	kvfree(d);
	return err;
}
