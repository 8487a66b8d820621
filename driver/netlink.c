// SPDX-License-Identifier: GPL-2.0
/*
 * ophoton: the "ophoton" generic netlink family.
 *
 * This file only translates between netlink messages and the model.  Every
 * command has its own policy (struct genl_ops rather than genl_small_ops,
 * because 6.1 has no split ops) and resv_start_op is left at zero, so the
 * core validates every request strictly and rejects attributes of commands
 * that take none.  Requests on a fabric find it in the caller's namespace,
 * hold a reference and its lock for the whole request (pre_doit and
 * post_doit), and bring its clock up to date first.  Dumps resume from ids
 * kept in cb->ctx, take the lock per message, and are flagged
 * NLM_F_DUMP_INTR when the fabric's generation moved under them.
 */
#include <linux/module.h>
#include <net/sock.h>

#include "compat.h"
#include "nl.h"
#include "trace.h"
#include "version.h"

/* ops' internal_flags: what pre_doit looks up and locks */
#define OPHOTON_NL_NEED_FABRIC	BIT(0)

/*
 * Room for a reply to a do request.  Most are a few hundred bytes; a buffer
 * of 1 KiB with its shared info is cheap to allocate where every allocation
 * is zeroed (init_on_alloc, Debian's default), and netlink need not copy
 * it to trim it, whereas genlmsg_new(NLMSG_GOODSIZE) zeroes 8 KiB.  The
 * few larger replies are built again at NLMSG_GOODSIZE.
 */
#define OPHOTON_NL_REPLY_SIZE	512

static const struct genl_multicast_group ophoton_nl_mcgrps[] = {
	[OPHOTON_NLGRP_CONFIG] = { .name = OPHOTON_MCGRP_CONFIG },
	[OPHOTON_NLGRP_ALARMS] = { .name = OPHOTON_MCGRP_ALARMS },
};

/* Model enums are the uapi enums; make sure they stay so. */
static_assert((int)OPH_LINK_FAILED == (int)OPHOTON_LINK_STATE_FAILED);
static_assert((int)OPH_DOWN_FIBRE == (int)OPHOTON_DOWN_FIBRE);
static_assert((int)__OPH_DOWN_CNT == (int)OPHOTON_DOWN_TEC + 1);
static_assert((int)__OPH_MC_CNT == (int)OPHOTON_MODULE_CAUSE_QUARANTINE + 1);
static_assert((int)OPH_FEED_STRIPE == (int)OPHOTON_FEED_STRIPE);
static_assert((int)OPH_TH_ENGINE_TEMP == (int)OPHOTON_THRESH_ENGINE_TEMP_MC);
static_assert((int)__OPH_TH_CNT == (int)OPHOTON_THRESH_ENGINE_TEMP_MC + 1);

static int ophoton_nl_version_get_doit(struct sk_buff *skb,
				       struct genl_info *info)
{
	struct sk_buff *msg;
	void *hdr;

	msg = genlmsg_new(OPHOTON_NL_REPLY_SIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;

	hdr = genlmsg_put_reply(msg, info, &ophoton_nl_family, 0,
				OPHOTON_CMD_VERSION_GET);
	if (!hdr)
		goto err_free_msg;

	if (nla_put_string(msg, OPHOTON_A_VERSION_MODULE, OPHOTON_VERSION) ||
	    nla_put_u32(msg, OPHOTON_A_VERSION_PROTO, OPHOTON_GENL_VERSION))
		goto err_free_msg;

	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);

err_free_msg:
	nlmsg_free(msg);
	return -EMSGSIZE;
}

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

/* The fabric: shape, clock, generation, and its telemetry when asked. */
static int fabric_fill(struct sk_buff *msg, struct ophoton_fabric *fab,
		       bool stats)
{
	const struct oph_params *p = oph_fabric_params(fab->model);
	const struct oph_topo *t = oph_fabric_topo(fab->model);
	struct oph_agg_info ai;
	struct nlattr *nest;
	u32 bringup, s;

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
	    thresh_fill(msg, fab))
		return -EMSGSIZE;
	if (!stats)
		return 0;

	oph_fabric_get(fab->model, &ai);
	bringup = 0;
	for (s = OPH_LINK_WAIT_LIGHT; s <= OPH_LINK_RETRAINING; s++)
		if (s != OPH_LINK_UP && s != OPH_LINK_DEGRADED)
			bringup += ai.by_state[s];
	nest = nla_nest_start(msg, OPHOTON_A_FABRIC_STATS);
	if (!nest)
		return -EMSGSIZE;
	if (nla_put_u32(msg, OPHOTON_A_FABRIC_STATS_LINKS_UP, ai.by_state[OPH_LINK_UP]) ||
	    nla_put_u32(msg, OPHOTON_A_FABRIC_STATS_LINKS_DEGRADED,
			ai.by_state[OPH_LINK_DEGRADED]) ||
	    nla_put_u32(msg, OPHOTON_A_FABRIC_STATS_LINKS_BRINGUP, bringup) ||
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

static int link_fill_stats(struct sk_buff *msg, const struct oph_link_info *li)
{
	struct nlattr *nest = nla_nest_start(msg, OPHOTON_A_LINK_STATS);

	if (!nest)
		return -EMSGSIZE;
	if (nla_put_u32(msg, OPHOTON_A_LINK_STATS_UP_COUNT, li->up_count) ||
	    nla_put_u32(msg, OPHOTON_A_LINK_STATS_DOWN_COUNT, li->down_count) ||
	    nla_put_u32(msg, OPHOTON_A_LINK_STATS_FLAP_COUNT, li->flap_count) ||
	    nla_put_u32(msg, OPHOTON_A_LINK_STATS_RETRAIN_COUNT, li->retrain_count) ||
	    nla_put_u64_64bit(msg, OPHOTON_A_LINK_STATS_TIME_IN_STATE_NS,
			      li->time_in_state_ns, OPHOTON_A_LINK_STATS_PAD) ||
	    nla_put_s32(msg, OPHOTON_A_LINK_STATS_OE_INPUT_UDBM, li->oe_input_udbm) ||
	    nla_put_s32(msg, OPHOTON_A_LINK_STATS_FEED_LOSS_MDB, li->feed_loss_mdb) ||
	    nla_put_s32(msg, OPHOTON_A_LINK_STATS_TX_FIBRE_LOSS_MDB, li->tx_loss_mdb) ||
	    nla_put_s32(msg, OPHOTON_A_LINK_STATS_RX_FIBRE_LOSS_MDB, li->rx_loss_mdb) ||
	    nla_put_u32(msg, OPHOTON_A_LINK_STATS_FIBRE_LENGTH_DM, li->fibre_m_dm) ||
	    nla_put_u32(msg, OPHOTON_A_LINK_STATS_TOF_PS, li->tof_ps) ||
	    nla_put_u32(msg, OPHOTON_A_LINK_STATS_LATCHED, li->latched) ||
	    nla_put_u32(msg, OPHOTON_A_LINK_STATS_BANDWIDTH_GBPS, li->bandwidth_gbps)) {
		nla_nest_cancel(msg, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(msg, nest);
	return 0;
}

static int link_fill(struct sk_buff *msg, struct ophoton_fabric *fab, u32 link,
		     bool stats)
{
	struct oph_link_info li;
	u32 ep, engine, port;

	lockdep_assert_held(&fab->lock);
	oph_link_get(fab->model, link, &li);
	oph_link_split(fab->model, link, &ep, &engine, &port);
	if (nla_put_u32(msg, OPHOTON_A_FABRIC_ID, fab->id) ||
	    nla_put_u32(msg, OPHOTON_A_LINK_ID, link) ||
	    nla_put_u32(msg, OPHOTON_A_GPU_ID, ep) ||
	    nla_put_u32(msg, OPHOTON_A_ENGINE, engine) ||
	    nla_put_u32(msg, OPHOTON_A_PORT, port) ||
	    nla_put_u32(msg, OPHOTON_A_PLANE, oph_link_plane(fab->model, link)) ||
	    nla_put_u8(msg, OPHOTON_A_LINK_STATE, li.state) ||
	    nla_put_u8(msg, OPHOTON_A_LINK_ADMIN_UP, li.admin_up) ||
	    nla_put_u8(msg, OPHOTON_A_LINK_DOWN_REASON, li.down_reason) ||
	    nla_put_u8(msg, OPHOTON_A_LINK_LANES_UP, min(li.lanes_up[0], li.lanes_up[1])) ||
	    (li.cause && nla_put_u8(msg, OPHOTON_A_LINK_CAUSE, li.cause)))
		return -EMSGSIZE;
	return stats ? link_fill_stats(msg, &li) : 0;
}

static int ophoton_nl_pre_doit(const struct genl_ops *ops, struct sk_buff *skb,
			       struct genl_info *info)
{
	struct ophoton_fabric *fab;

	if (!(ops->internal_flags & OPHOTON_NL_NEED_FABRIC))
		return 0;
	if (GENL_REQ_ATTR_CHECK(info, OPHOTON_A_FABRIC_ID))
		return -EINVAL;
	fab = ophoton_fabric_get(genl_info_net(info),
				 nla_get_u32(info->attrs[OPHOTON_A_FABRIC_ID]));
	if (!fab)
		goto no_fabric;
	ophoton_lock(fab);
	if (fab->dead) {
		ophoton_unlock(fab);
		ophoton_fabric_put(fab);
		goto no_fabric;
	}
	ophoton_clock_sync(fab);
	/* Only what the request itself changes goes back to it. */
	if (nlmsg_report(info->nlhdr))
		fab->echo = info;
	info->user_ptr[0] = fab;
	return 0;

no_fabric:
	NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[OPHOTON_A_FABRIC_ID],
			    "no such fabric in this network namespace");
	return -ENODEV;
}

static void ophoton_nl_post_doit(const struct genl_ops *ops, struct sk_buff *skb,
				 struct genl_info *info)
{
	struct ophoton_fabric *fab = info->user_ptr[0];

	if (!fab)
		return;
	fab->echo = NULL;
	ophoton_unlock(fab);
	ophoton_fabric_put(fab);
}

/**
 * ophoton_nl_reply() - reply to a do request with one object
 * @info: request info; the fabric is locked by pre_doit
 * @cmd: command of the reply
 * @fill: fills the object's attributes
 * @id: the object
 *
 * Return: 0 or a negative errno.
 */
int ophoton_nl_reply(struct genl_info *info, u8 cmd, ophoton_fill_fn fill, u32 id)
{
	struct ophoton_fabric *fab = info->user_ptr[0];
	size_t size = OPHOTON_NL_REPLY_SIZE;
	struct sk_buff *msg;
	void *hdr;

	for (;;) {
		msg = genlmsg_new(size, GFP_KERNEL);
		if (!msg)
			return -ENOMEM;
		hdr = genlmsg_put_reply(msg, info, &ophoton_nl_family, 0, cmd);
		/* Filling only reads the model: doing it twice is harmless. */
		if (hdr && !fill(msg, fab, id, info->attrs[OPHOTON_A_STATS]))
			break;
		nlmsg_free(msg);
		if (size == NLMSG_GOODSIZE)
			return -EMSGSIZE;
		size = NLMSG_GOODSIZE;
	}
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);
}

static int fabric_fill_one(struct sk_buff *msg, struct ophoton_fabric *fab,
			   u32 unused, bool stats)
{
	return fabric_fill(msg, fab, stats);
}

static int ophoton_nl_fabric_get_doit(struct sk_buff *skb, struct genl_info *info)
{
	int err = ophoton_nl_agg_refresh(info->user_ptr[0], info);

	if (err)
		return err;
	return ophoton_nl_reply(info, OPHOTON_CMD_FABRIC_GET, fabric_fill_one, 0);
}

/* One fabric of a dump, locked: nothing when dead or left out by "unhealthy". */
static int fabric_dump_one(struct sk_buff *skb, struct netlink_callback *cb,
			   struct ophoton_fabric *fab, bool stats, bool unhealthy)
{
	struct oph_agg_info ai;
	void *hdr;

	lockdep_assert_held(&fab->lock);
	if (fab->dead)
		return 0;
	ophoton_clock_sync(fab);
	if (unhealthy) {
		oph_fabric_get(fab->model, &ai);
		if (!ophoton_nl_agg_unhealthy(&ai))
			return 0;
	}
	hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid, cb->nlh->nlmsg_seq,
			  &ophoton_nl_family, NLM_F_MULTI, OPHOTON_CMD_FABRIC_GET);
	if (!hdr)
		return -EMSGSIZE;
	if (fabric_fill(skb, fab, stats)) {
		genlmsg_cancel(skb, hdr);
		return -EMSGSIZE;
	}
	genlmsg_end(skb, hdr);
	return 0;
}

static int ophoton_nl_fabric_get_dumpit(struct sk_buff *skb,
					struct netlink_callback *cb)
{
	struct ophoton_dump_ctx *ctx = (void *)cb->ctx;
	struct nlattr **attrs = ophoton_dump_attrs(cb);
	struct ophoton_fabric *fab;
	int err;

	BUILD_BUG_ON(sizeof(*ctx) > sizeof(cb->ctx));
	while ((fab = ophoton_fabric_next(sock_net(skb->sk), &ctx->fab_id))) {
		ophoton_lock(fab);
		err = fabric_dump_one(skb, cb, fab, attrs[OPHOTON_A_STATS],
				      attrs[OPHOTON_A_UNHEALTHY]);
		ophoton_unlock(fab);
		ophoton_fabric_put(fab);
		if (err)
			return skb->len ? skb->len : err;
		ctx->fab_id++;
	}
	return skb->len;
}

/**
 * ophoton_nl_check_id() - a required id attribute, within the fabric's range
 * @info: request info
 * @attr: the attribute
 * @limit: ids are below this
 * @id: the id
 *
 * Return: 0, -EINVAL (missing) or -ERANGE, with an extended ACK.
 */
int ophoton_nl_check_id(struct genl_info *info, int attr, u32 limit, u32 *id)
{
	if (GENL_REQ_ATTR_CHECK(info, attr))
		return -EINVAL;
	*id = info->attrs[attr]->nla_len >= NLA_HDRLEN + 4 ?
	      nla_get_u32(info->attrs[attr]) : nla_get_u8(info->attrs[attr]);
	if (*id >= limit) {
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[attr],
				    "id out of range for this fabric");
		return -ERANGE;
	}
	return 0;
}

/**
 * ophoton_nl_dump_gpu() - the GPU filter of a dump, within the fabric
 * @fab: fabric, locked
 * @attrs: the dump's attributes; %OPHOTON_A_GPU_ID is present
 * @extack: where to say what is wrong
 * @gpu: the GPU
 *
 * Return: 0 or -ERANGE with an extended ACK.
 */
int ophoton_nl_dump_gpu(struct ophoton_fabric *fab, struct nlattr **attrs,
			struct netlink_ext_ack *extack, u32 *gpu)
{
	*gpu = nla_get_u32(attrs[OPHOTON_A_GPU_ID]);
	if (*gpu < oph_fabric_topo(fab->model)->endpoints)
		return 0;
	NL_SET_ERR_MSG_ATTR(extack, attrs[OPHOTON_A_GPU_ID],
			    "gpu id out of range for this fabric");
	return -ERANGE;
}

static int check_link_id(struct genl_info *info, struct ophoton_fabric *fab,
			 u32 *link)
{
	return ophoton_nl_check_id(info, OPHOTON_A_LINK_ID,
				   oph_fabric_topo(fab->model)->links, link);
}

/**
 * ophoton_nl_dump_one() - dump objects of the fabric the request names
 * @skb: message being filled
 * @cb: dump state; %OPHOTON_A_FABRIC_ID is required
 * @cmd: command of the messages
 * @range: the objects the request's filters cover
 * @fill: fills one object's attributes
 * @skip: the "unhealthy" filter
 *
 * Resumes from the object id in cb->ctx; takes the fabric's lock for this
 * message only; flags NLM_F_DUMP_INTR when the generation moved.
 *
 * Return: bytes filled, 0 when done, or a negative errno.
 */
int ophoton_nl_dump_one(struct sk_buff *skb, struct netlink_callback *cb,
			u8 cmd, ophoton_range_fn range, ophoton_fill_fn fill,
			ophoton_skip_fn skip)
{
	struct ophoton_dump_ctx *ctx = (void *)cb->ctx;
	struct nlattr **attrs = ophoton_dump_attrs(cb);
	bool stats = attrs[OPHOTON_A_STATS];
	bool unhealthy = attrs[OPHOTON_A_UNHEALTHY];
	struct ophoton_fabric *fab;
	u32 first, last, id;
	int err = 0;
	void *hdr;

	BUILD_BUG_ON(sizeof(*ctx) > sizeof(cb->ctx));
	if (ctx->done)
		return 0;
	if (!attrs[OPHOTON_A_FABRIC_ID]) {
		NL_SET_ERR_MSG(cb->extack, "this dump needs a fabric-id");
		return -EINVAL;
	}
	fab = ophoton_fabric_get(sock_net(skb->sk),
				 nla_get_u32(attrs[OPHOTON_A_FABRIC_ID]));
	if (!fab) {
		NL_SET_ERR_MSG_ATTR(cb->extack, attrs[OPHOTON_A_FABRIC_ID],
				    "no such fabric in this network namespace");
		return -ENODEV;
	}
	ophoton_lock(fab);
	if (fab->dead)
		goto out_unlock;
	ophoton_clock_sync(fab);
	err = range(fab, attrs, cb->extack, &first, &last);
	if (err)
		goto out_unlock;
	cb->seq = (u32)oph_fabric_generation(fab->model) + 1;
	for (id = max(first, ctx->obj); id < last; id++) {
		if (skip(fab, id, unhealthy))
			continue;
		hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid, cb->nlh->nlmsg_seq,
				  &ophoton_nl_family, NLM_F_MULTI, cmd);
		if (!hdr)
			break;
		genl_dump_check_consistent(cb, hdr);
		if (fill(skb, fab, id, stats)) {
			genlmsg_cancel(skb, hdr);
			break;
		}
		genlmsg_end(skb, hdr);
	}
	ctx->obj = id;
	if (id >= last)
		ctx->done = 1;
	else if (!skb->len)
		err = -EMSGSIZE;
out_unlock:
	ophoton_unlock(fab);
	ophoton_fabric_put(fab);
	return err ? err : skb->len;
}

static int ophoton_nl_link_get_doit(struct sk_buff *skb, struct genl_info *info)
{
	u32 link;
	int err = check_link_id(info, info->user_ptr[0], &link);

	if (err)
		return err;
	return ophoton_nl_reply(info, OPHOTON_CMD_LINK_GET, link_fill, link);
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

/*
 * The links of one fabric from ctx->obj on, as many as fit.  Returns 0 when
 * the fabric is done, -EMSGSIZE when the message is full (ctx->obj is where
 * to resume), or an error.
 */
static int link_dump_fabric(struct sk_buff *skb, struct netlink_callback *cb,
			    struct ophoton_fabric *fab, struct nlattr **attrs)
{
	struct ophoton_dump_ctx *ctx = (void *)cb->ctx;
	const struct oph_topo *t = oph_fabric_topo(fab->model);
	bool stats = attrs[OPHOTON_A_STATS];
	bool unhealthy = attrs[OPHOTON_A_UNHEALTHY];
	u32 first = 0, last = t->links, link;
	struct oph_link_info li;
	int err;
	void *hdr;

	lockdep_assert_held(&fab->lock);
	err = link_dump_range(fab, attrs, cb->extack, &first, &last);
	if (err)
		return err;
	ctx->obj = max(ctx->obj, first);
	/*
	 * Laser modules coming or going mid-dump make it incoherent: the
	 * generation feeds the consistency check, per fabric.
	 */
	cb->seq = (u32)oph_fabric_generation(fab->model) + 1;
	for (link = ctx->obj; link < last; link++) {
		if (unhealthy) {
			oph_link_get(fab->model, link, &li);
			if (li.state == OPH_LINK_UP)
				continue;
		}
		hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid, cb->nlh->nlmsg_seq,
				  &ophoton_nl_family, NLM_F_MULTI, OPHOTON_CMD_LINK_GET);
		if (!hdr)
			goto full;
		genl_dump_check_consistent(cb, hdr);
		if (link_fill(skb, fab, link, stats)) {
			genlmsg_cancel(skb, hdr);
			goto full;
		}
		genlmsg_end(skb, hdr);
	}
	return 0;
full:
	ctx->obj = link;
	return -EMSGSIZE;
}

/* Dump one fabric's links under its lock; see link_dump_fabric(). */
static int link_dump_locked(struct sk_buff *skb, struct netlink_callback *cb,
			    struct ophoton_fabric *fab, struct nlattr **attrs)
{
	int err = 0;

	ophoton_lock(fab);
	if (!fab->dead) {
		ophoton_clock_sync(fab);
		err = link_dump_fabric(skb, cb, fab, attrs);
	}
	ophoton_unlock(fab);
	ophoton_fabric_put(fab);
	return err;
}

static int ophoton_nl_link_get_dumpit(struct sk_buff *skb,
				      struct netlink_callback *cb)
{
	struct ophoton_dump_ctx *ctx = (void *)cb->ctx;
	struct nlattr **attrs = ophoton_dump_attrs(cb);
	struct net *net = sock_net(skb->sk);
	struct ophoton_fabric *fab;
	int err;

	if (attrs[OPHOTON_A_FABRIC_ID]) {
		if (ctx->done)
			return 0;
		fab = ophoton_fabric_get(net, nla_get_u32(attrs[OPHOTON_A_FABRIC_ID]));
		if (!fab) {
			NL_SET_ERR_MSG_ATTR(cb->extack, attrs[OPHOTON_A_FABRIC_ID],
					    "no such fabric in this network namespace");
			return -ENODEV;
		}
		err = link_dump_locked(skb, cb, fab, attrs);
		if (err == -EMSGSIZE && skb->len)
			return skb->len;
		if (err)
			return err;
		ctx->done = 1;
		return skb->len;
	}
	while ((fab = ophoton_fabric_next(net, &ctx->fab_id))) {
		err = link_dump_locked(skb, cb, fab, attrs);
		if (err == -EMSGSIZE && skb->len)
			return skb->len;
		if (err)
			return err;
		/* The next fabric has its own generation. */
		ctx->fab_id++;
		ctx->obj = 0;
		cb->prev_seq = 0;
	}
	return skb->len;
}

/*
 * Unlock the fabric, give the CPU away and lock it again: the requests and
 * clock work waiting for it run meanwhile, and their changes are not
 * echoed to @info.  -ENODEV with an extended ACK when the fabric was
 * deleted meanwhile (it is locked again either way, for post_doit).
 */
static int let_go(struct ophoton_fabric *fab, struct genl_info *info)
{
	struct genl_info *echo = fab->echo;

	lockdep_assert_held(&fab->lock);
	fab->echo = NULL;
	ophoton_unlock(fab);
	cond_resched();
	ophoton_lock(fab);
	if (fab->dead) {
		NL_SET_ERR_MSG(info->extack, "the fabric was deleted while the request ran");
		return -ENODEV;
	}
	fab->echo = echo;
	return 0;
}

/* A request that held the fabric this long lets it go between two slices. */
#define HOLD_NS		(2 * NSEC_PER_MSEC)

/**
 * ophoton_nl_yield() - let others at a fabric if this request held it long
 * @fab: fabric, locked by pre_doit
 * @info: the request, which keeps its reference to @fab
 *
 * Called between two slices of a long request: slices are small, and the
 * fabric is let go once it was held 2 ms, whatever a slice costs on this
 * machine (a debug kernel under emulation runs 50 times slower than the
 * bare metal of production).
 *
 * Taken again, the fabric's clock is brought up to now: others may have
 * changed it meanwhile.
 *
 * Return: 0, or -ENODEV when it was deleted meanwhile (with an extended
 * ACK).
 */
int ophoton_nl_yield(struct ophoton_fabric *fab, struct genl_info *info)
{
	int err;

	lockdep_assert_held(&fab->lock);
	if (ktime_to_ns(ktime_sub(ktime_get(), fab->held_since)) < HOLD_NS)
		return 0;
	err = let_go(fab, info);
	if (!err)
		ophoton_clock_sync(fab);
	return err;
}

/* Aggregate units recomputed per slice, about a thousand links each. */
#define AGG_SLICE	2
/* Slices before the reader stops yielding to a fabric that keeps changing. */
#define AGG_SLICES_MAX	8192

/**
 * ophoton_nl_agg_refresh() - bring a fabric's kept aggregates up to date
 * @fab: fabric, locked by pre_doit
 * @info: the request about to read them
 *
 * After a change that touched much of the fabric (everything brought up,
 * a long clock step) many units are stale; they are recomputed a slice at
 * a time, the fabric let go every 2 ms, so that a reader, which any user
 * may be, does not hold up management for the whole walk.  If the fabric
 * keeps changing, the reader stops yielding after a bounded number of
 * slices and finishes under the lock.
 *
 * Return: 0, or -ENODEV when the fabric was deleted meanwhile.
 */
int ophoton_nl_agg_refresh(struct ophoton_fabric *fab, struct genl_info *info)
{
	u32 slices = 0;
	int err;

	lockdep_assert_held(&fab->lock);
	ophoton_clock_sync(fab);
	while (!oph_agg_refresh(fab->model, AGG_SLICE) && ++slices < AGG_SLICES_MAX) {
		err = ophoton_nl_yield(fab, info);
		if (err)
			return err;
	}
	return 0;
}

/**
 * ophoton_nl_model_err() - report a refusal of the model
 * @info: request info
 * @attr: the attribute the refusal is about
 * @err: the model's error, 0 for none
 * @why: the model's reason
 *
 * The model explains its refusals with string literals, which outlive any
 * request; NL_SET_ERR_MSG_ATTR() wants a literal at the call site (6.1 has
 * no NL_SET_ERR_MSG_FMT), so the message is set directly.
 *
 * Return: @err.
 */
int ophoton_nl_model_err(struct genl_info *info, int attr, int err,
			 const char *why)
{
	if (err && info->extack) {
		info->extack->_msg = why;
		/* A value the request left out is wrong by its absence. */
		if (info->attrs[attr])
			NL_SET_BAD_ATTR(info->extack, info->attrs[attr]);
		else
			NL_SET_ERR_ATTR_MISS(info->extack, NULL, attr);
	}
	return err;
}

static int ophoton_nl_link_set_doit(struct sk_buff *skb, struct genl_info *info)
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
		if (err && info->extack) {
			/* The model's reasons are literals; see ophoton_nl_model_err(). */
			info->extack->_msg = why;
			NL_SET_BAD_ATTR(info->extack, nla);
		}
		if (err)
			return err;
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

static int ophoton_nl_fabric_set_doit(struct sk_buff *skb, struct genl_info *info)
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

/* The object an alarm is about, as its GET request would name it. */
static int alarm_fill(struct sk_buff *msg, const struct oph_change *c, u8 *kind)
{
	u8 domain = OPHOTON_HEALTH_ENGINE;

	switch (c->obj == OPH_OBJ_HEALTH ? 0xff : c->reason) {
	case 0xff:
		*kind = c->new > c->old ? OPHOTON_ALARM_QUARANTINE :
			c->new < c->old ? OPHOTON_ALARM_RECOVERED :
			OPHOTON_ALARM_HEALTH_ERROR;
		if (c->reason == OPH_OBJ_MODULE)
			domain = OPHOTON_HEALTH_MODULE;
		break;
	case OPH_ALARM_LINK:
		*kind = OPHOTON_ALARM_THRESHOLD_LINK;
		return nla_put_u32(msg, OPHOTON_A_LINK_ID, c->id);
	case OPH_ALARM_LINKS:
		/* One alarm for a domain's links; named as the domain is. */
		*kind = OPHOTON_ALARM_THRESHOLD_LINKS;
		if (c->domain == OPH_OBJ_MODULE)
			domain = OPHOTON_HEALTH_MODULE;
		if (nla_put_u32(msg, OPHOTON_A_LINK_ID, c->link) ||
		    nla_put_u32(msg, OPHOTON_A_ALARM_LINK_COUNT, c->count))
			return -EMSGSIZE;
		break;
	case OPH_ALARM_ENGINE:
		*kind = OPHOTON_ALARM_THRESHOLD_ENGINE;
		break;
	case OPH_ALARM_MODULE:
		*kind = OPHOTON_ALARM_THRESHOLD_MODULE;
		domain = OPHOTON_HEALTH_MODULE;
		break;
	case OPH_ALARM_LASERS:
		*kind = OPHOTON_ALARM_THRESHOLD_LASERS;
		domain = OPHOTON_HEALTH_MODULE;
		break;
	default:
		*kind = OPHOTON_ALARM_AGING_PREDICTED;
		domain = OPHOTON_HEALTH_MODULE;
		break;
	}
	/* Modules and engines are named as fault domains are. */
	if (nla_put_u8(msg, OPHOTON_A_SIDE, c->side) ||
	    nla_put_u8(msg, OPHOTON_A_HEALTH_DOMAIN, domain) ||
	    nla_put_u32(msg, OPHOTON_A_HEALTH_ID, c->id) ||
	    (domain == OPHOTON_HEALTH_MODULE &&
	     nla_put_u32(msg, OPHOTON_A_MODULE_ID, c->id)))
		return -EMSGSIZE;
	return 0;
}

/*
 * A notification for @group, or NULL when nobody would get it: built only
 * when someone listens or the request being served asked for an echo, in
 * which case it carries that request's port and sequence number.
 */
static struct sk_buff *ntf_new(struct ophoton_fabric *fab, int group, u8 cmd,
			       void **hdr)
{
	struct genl_info *echo = fab->echo;
	struct sk_buff *msg;

	lockdep_assert_held(&fab->lock);
	if (!echo && !genl_has_listeners(&ophoton_nl_family, ophoton_fabric_net(fab),
					 group))
		return NULL;
	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		return NULL;
	*hdr = genlmsg_put(msg, echo ? echo->snd_portid : 0, echo ? echo->snd_seq : 0,
			   &ophoton_nl_family, 0, cmd);
	if (!*hdr) {
		nlmsg_free(msg);
		return NULL;
	}
	return msg;
}

/* Send what ntf_new() built: multicast, and back to an echoing request. */
static void ntf_send(struct ophoton_fabric *fab, struct sk_buff *msg, void *hdr,
		     int group)
{
	lockdep_assert_held(&fab->lock);
	genlmsg_end(msg, hdr);
	if (fab->echo)
		genl_notify(&ophoton_nl_family, msg, fab->echo, group, GFP_KERNEL);
	else
		genlmsg_multicast_netns(&ophoton_nl_family, ophoton_fabric_net(fab),
					msg, 0, group, GFP_KERNEL);
}

/* An alarm on the "alarms" group. */
static void alarm_notify(struct ophoton_fabric *fab, const struct oph_change *c)
{
	struct sk_buff *msg;
	u8 kind = 0;
	void *hdr;

	msg = ntf_new(fab, OPHOTON_NLGRP_ALARMS, OPHOTON_CMD_ALARM_NTF, &hdr);
	if (!msg)
		return;
	if (nla_put_u32(msg, OPHOTON_A_FABRIC_ID, fab->id) ||
	    alarm_fill(msg, c, &kind) ||
	    nla_put_u8(msg, OPHOTON_A_ALARM_KIND, kind) ||
	    (c->flags && nla_put_u32(msg, OPHOTON_A_ALARM_FLAGS, c->flags)) ||
	    (c->mask && nla_put_u32(msg, OPHOTON_A_ALARM_LASERS, c->mask)) ||
	    nla_put_u64_64bit(msg, OPHOTON_A_NTF_SEQ, c->seq, OPHOTON_A_PAD) ||
	    nla_put_u64_64bit(msg, OPHOTON_A_FABRIC_GEN,
			      oph_fabric_generation(fab->model), OPHOTON_A_PAD)) {
		nlmsg_free(msg);
		return;
	}
	ntf_send(fab, msg, hdr, OPHOTON_NLGRP_ALARMS);
}

/* A configuration change, as the fabric's GET reply with its event. */
static int fabric_fill_change(struct sk_buff *msg, struct ophoton_fabric *fab,
			      u32 unused, bool stats)
{
	return fabric_fill(msg, fab, false) ?:
	       nla_put_u8(msg, OPHOTON_A_FABRIC_EVENT, OPHOTON_FABRIC_EVENT_CHANGE);
}

/**
 * ophoton_nl_model_change() - the model changed an object's state
 * @ctx: the fabric, locked
 * @c: the change record
 *
 * Links are announced on the "config" group with the same body as a
 * LINK_GET reply, the record's sequence number and the fabric generation.
 * Nothing is built when nobody listens.
 */
void ophoton_nl_model_change(void *ctx, const struct oph_change *c)
{
	struct ophoton_fabric *fab = ctx;

	lockdep_assert_held(&fab->lock);
	switch (c->obj) {
	case OPH_OBJ_LINK:
		trace_ophoton_link(fab->id, c->id, c->old, c->new, c->reason, c->seq,
				   c->time);
		ophoton_nl_notify(fab, OPHOTON_CMD_LINK_NTF, link_fill, c->id, c->seq);
		break;
	case OPH_OBJ_HEALTH:
		trace_ophoton_health(fab->id, c->reason, c->side, c->id, c->new, c->seq);
		alarm_notify(fab, c);
		break;
	case OPH_OBJ_ALARM:
		alarm_notify(fab, c);
		break;
	case OPH_OBJ_FABRIC:
		ophoton_nl_notify(fab, OPHOTON_CMD_FABRIC_NTF, fabric_fill_change, 0,
				  c->seq);
		break;
	case OPH_OBJ_MODULE:
		trace_ophoton_module(fab->id, c->side, c->id, c->old, c->new, c->seq,
				     c->time);
		ophoton_nl_notify(fab, OPHOTON_CMD_MODULE_NTF, ophoton_nl_module_fill,
				  c->side == OPH_SIDE_EP ? c->id :
				  oph_fabric_topo(fab->model)->ep_modules + c->id,
				  c->seq);
		break;
	default:
		break;
	}
}

/**
 * ophoton_nl_notify() - multicast an object's state on the config group
 * @fab: fabric, locked
 * @cmd: notification command
 * @fill: fills the object as its GET reply does
 * @id: the object
 * @seq: the change record's sequence number
 *
 * Nothing is built when nobody listens and no request asked for an echo.
 */
void ophoton_nl_notify(struct ophoton_fabric *fab, u8 cmd, ophoton_fill_fn fill,
		       u32 id, u64 seq)
{
	struct sk_buff *msg;
	void *hdr;

	msg = ntf_new(fab, OPHOTON_NLGRP_CONFIG, cmd, &hdr);
	if (!msg)
		return;
	/* A fabric's own body already carries its generation. */
	if (fill(msg, fab, id, false) ||
	    nla_put_u64_64bit(msg, OPHOTON_A_NTF_SEQ, seq, OPHOTON_A_PAD) ||
	    (cmd != OPHOTON_CMD_FABRIC_NTF &&
	     nla_put_u64_64bit(msg, OPHOTON_A_FABRIC_GEN,
			       oph_fabric_generation(fab->model), OPHOTON_A_PAD))) {
		nlmsg_free(msg);
		return;
	}
	ntf_send(fab, msg, hdr, OPHOTON_NLGRP_CONFIG);
}

/**
 * ophoton_nl_fabric_event() - announce a fabric's creation or deletion
 * @fab: fabric, not locked
 * @event: enum ophoton_fabric_event
 */
void ophoton_nl_fabric_event(struct ophoton_fabric *fab, u8 event)
{
	struct net *net = ophoton_fabric_net(fab);
	struct sk_buff *msg;
	void *hdr;
	u64 seq;

	/*
	 * Numbered whether anyone listens or not, like the model's records,
	 * and sent under the fabric's lock as they are, so that listeners
	 * get the numbers in order: "create" first and "delete" last tell a
	 * listener it missed nothing of the fabric's life.
	 */
	ophoton_lock(fab);
	seq = oph_fabric_take_seq(fab->model);
	if (!genl_has_listeners(&ophoton_nl_family, net, OPHOTON_NLGRP_CONFIG))
		goto out_unlock;
	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		goto out_unlock;
	hdr = genlmsg_put(msg, 0, 0, &ophoton_nl_family, 0, OPHOTON_CMD_FABRIC_NTF);
	if (!hdr || fabric_fill(msg, fab, false) ||
	    nla_put_u8(msg, OPHOTON_A_FABRIC_EVENT, event) ||
	    nla_put_u64_64bit(msg, OPHOTON_A_NTF_SEQ, seq, OPHOTON_A_PAD)) {
		nlmsg_free(msg);
		goto out_unlock;
	}
	genlmsg_end(msg, hdr);
	genlmsg_multicast_netns(&ophoton_nl_family, net, msg, 0,
				OPHOTON_NLGRP_CONFIG, GFP_KERNEL);
out_unlock:
	ophoton_unlock(fab);
}

/*
 * Fabric ids are 0-65535; NLA_POLICY_MAX() holds only an s16 on 6.1, and
 * its policies point at a non-const range there.
 */
static struct netlink_range_validation ophoton_fabric_id_range = {
	.max = 65535,
};

static const struct nla_policy ophoton_fabric_get_policy[OPHOTON_A_UNHEALTHY + 1] = {
	[OPHOTON_A_FABRIC_ID]	= NLA_POLICY_FULL_RANGE(NLA_U32, &ophoton_fabric_id_range),
	[OPHOTON_A_STATS]	= { .type = NLA_FLAG },
	[OPHOTON_A_UNHEALTHY]	= { .type = NLA_FLAG },
};

/* As the model's time_scale parameter. */
static struct netlink_range_validation ophoton_time_scale_range = {
	.min = 1,
	.max = 100000,
};

/* A rack of 1 W to 10 MW. */
static struct netlink_range_validation ophoton_budget_range = {
	.min = 1,
	.max = 10000000,
};

static const struct nla_policy ophoton_thresh_policy[OPHOTON_A_THRESH_MAX + 1] = {
	[OPHOTON_A_THRESH_ID]		= NLA_POLICY_MAX(NLA_U8, OPHOTON_THRESH_ENGINE_TEMP_MC),
	[OPHOTON_A_THRESH_ALARM_LO]	= { .type = NLA_S32 },
	[OPHOTON_A_THRESH_WARN_LO]	= { .type = NLA_S32 },
	[OPHOTON_A_THRESH_WARN_HI]	= { .type = NLA_S32 },
	[OPHOTON_A_THRESH_ALARM_HI]	= { .type = NLA_S32 },
};

static const struct nla_policy ophoton_fabric_set_policy[OPHOTON_A_THRESH + 1] = {
	[OPHOTON_A_FABRIC_ID]		= NLA_POLICY_FULL_RANGE(NLA_U32, &ophoton_fabric_id_range),
	[OPHOTON_A_FABRIC_TIME_SCALE]	= NLA_POLICY_FULL_RANGE(NLA_U32,
								&ophoton_time_scale_range),
	[OPHOTON_A_FABRIC_ACTION]	= NLA_POLICY_RANGE(NLA_U8, OPHOTON_FABRIC_ACTION_UP,
							   OPHOTON_FABRIC_ACTION_DOWN),
	[OPHOTON_A_FABRIC_RACK_BUDGET_W] = NLA_POLICY_FULL_RANGE(NLA_U32,
								 &ophoton_budget_range),
	[OPHOTON_A_THRESH]		= NLA_POLICY_NESTED(ophoton_thresh_policy),
};

static const struct nla_policy ophoton_link_get_policy[OPHOTON_A_ENGINE_ID + 1] = {
	[OPHOTON_A_FABRIC_ID]	= NLA_POLICY_FULL_RANGE(NLA_U32, &ophoton_fabric_id_range),
	[OPHOTON_A_LINK_ID]	= { .type = NLA_U32 },
	[OPHOTON_A_GPU_ID]	= { .type = NLA_U32 },
	[OPHOTON_A_RACK_ID]	= { .type = NLA_U32 },
	[OPHOTON_A_ENGINE_ID]	= { .type = NLA_U32 },
	[OPHOTON_A_STATS]	= { .type = NLA_FLAG },
	[OPHOTON_A_UNHEALTHY]	= { .type = NLA_FLAG },
};

static const struct nla_policy ophoton_link_set_policy[OPHOTON_A_LINK_ACTION + 1] = {
	[OPHOTON_A_FABRIC_ID]	= NLA_POLICY_FULL_RANGE(NLA_U32, &ophoton_fabric_id_range),
	[OPHOTON_A_LINK_ID]	= { .type = NLA_U32 },
	[OPHOTON_A_LINK_ACTION]	= NLA_POLICY_RANGE(NLA_U8, OPHOTON_LINK_ACTION_UP,
						   OPHOTON_LINK_ACTION_CLEAR),
};

static const struct nla_policy ophoton_module_get_policy[OPHOTON_A_MODULE_ID + 1] = {
	[OPHOTON_A_FABRIC_ID]	= NLA_POLICY_FULL_RANGE(NLA_U32, &ophoton_fabric_id_range),
	[OPHOTON_A_MODULE_ID]	= { .type = NLA_U32 },
	[OPHOTON_A_SIDE]	= NLA_POLICY_MAX(NLA_U8, OPHOTON_SIDE_SWITCH),
	[OPHOTON_A_GPU_ID]	= { .type = NLA_U32 },
	[OPHOTON_A_STATS]	= { .type = NLA_FLAG },
	[OPHOTON_A_UNHEALTHY]	= { .type = NLA_FLAG },
};

static const struct nla_policy ophoton_module_act_policy[OPHOTON_A_MODULE_ACTION + 1] = {
	[OPHOTON_A_FABRIC_ID]	= NLA_POLICY_FULL_RANGE(NLA_U32, &ophoton_fabric_id_range),
	[OPHOTON_A_SIDE]	= NLA_POLICY_MAX(NLA_U8, OPHOTON_SIDE_SWITCH),
	[OPHOTON_A_MODULE_ID]	= { .type = NLA_U32 },
	[OPHOTON_A_MODULE_ACTION] = NLA_POLICY_RANGE(NLA_U8, OPHOTON_MODULE_ACTION_DRAIN,
						     OPHOTON_MODULE_ACTION_CLEAR),
};

static const struct nla_policy ophoton_lane_get_policy[OPHOTON_A_DIR + 1] = {
	[OPHOTON_A_FABRIC_ID]	= NLA_POLICY_FULL_RANGE(NLA_U32, &ophoton_fabric_id_range),
	[OPHOTON_A_LINK_ID]	= { .type = NLA_U32 },
	[OPHOTON_A_GPU_ID]	= { .type = NLA_U32 },
	[OPHOTON_A_LANE]	= { .type = NLA_U8 },
	[OPHOTON_A_DIR]		= NLA_POLICY_MAX(NLA_U8, OPHOTON_DIR_DOWN),
	[OPHOTON_A_STATS]	= { .type = NLA_FLAG },
	[OPHOTON_A_UNHEALTHY]	= { .type = NLA_FLAG },
};

static const struct nla_policy ophoton_blast_get_policy[OPHOTON_A_BLAST_ID + 1] = {
	[OPHOTON_A_FABRIC_ID]	= NLA_POLICY_FULL_RANGE(NLA_U32, &ophoton_fabric_id_range),
	[OPHOTON_A_SIDE]	= NLA_POLICY_MAX(NLA_U8, OPHOTON_SIDE_SWITCH),
	[OPHOTON_A_BLAST_OBJ]	= NLA_POLICY_RANGE(NLA_U8, OPHOTON_BLAST_MODULE,
						   OPHOTON_BLAST_RACK),
	[OPHOTON_A_BLAST_ID]	= { .type = NLA_U32 },
};

static const struct nla_policy ophoton_sim_module_policy[OPHOTON_A_SIM_ACTION + 1] = {
	[OPHOTON_A_FABRIC_ID]	= NLA_POLICY_FULL_RANGE(NLA_U32, &ophoton_fabric_id_range),
	[OPHOTON_A_SIDE]	= NLA_POLICY_MAX(NLA_U8, OPHOTON_SIDE_SWITCH),
	[OPHOTON_A_MODULE_ID]	= { .type = NLA_U32 },
	[OPHOTON_A_MODULE_SERIAL] = { .type = NLA_U32 },
	[OPHOTON_A_SIM_ACTION]	= NLA_POLICY_RANGE(NLA_U8, OPHOTON_SIM_ACTION_REMOVE,
						   OPHOTON_SIM_ACTION_INSERT),
};

static const struct nla_policy ophoton_sim_fault_policy[OPHOTON_A_FAULT_AMOUNT + 1] = {
	[OPHOTON_A_FABRIC_ID]	= NLA_POLICY_FULL_RANGE(NLA_U32, &ophoton_fabric_id_range),
	[OPHOTON_A_SIDE]	= NLA_POLICY_MAX(NLA_U8, OPHOTON_SIDE_SWITCH),
	[OPHOTON_A_LANE]	= { .type = NLA_U8 },
	[OPHOTON_A_SIM_ACTION]	= NLA_POLICY_RANGE(NLA_U8, OPHOTON_SIM_ACTION_REMOVE,
						   OPHOTON_SIM_ACTION_INSERT),
	[OPHOTON_A_FAULT_KIND]	= NLA_POLICY_MAX(NLA_U8, OPHOTON_FAULT_COOLING),
	[OPHOTON_A_FAULT_TARGET] = { .type = NLA_U32 },
	[OPHOTON_A_FIBRE]	= NLA_POLICY_MAX(NLA_U8, OPHOTON_FIBRE_FEED),
	[OPHOTON_A_FAULT_VALUE]	= { .type = NLA_S32 },
	[OPHOTON_A_FAULT_AMOUNT] = { .type = NLA_S32 },
};

static const struct nla_policy ophoton_health_get_policy[OPHOTON_A_HEALTH_ID + 1] = {
	[OPHOTON_A_FABRIC_ID]	= NLA_POLICY_FULL_RANGE(NLA_U32, &ophoton_fabric_id_range),
	[OPHOTON_A_SIDE]	= NLA_POLICY_MAX(NLA_U8, OPHOTON_SIDE_SWITCH),
	[OPHOTON_A_HEALTH_DOMAIN] = NLA_POLICY_RANGE(NLA_U8, OPHOTON_HEALTH_MODULE,
						     OPHOTON_HEALTH_ENGINE),
	[OPHOTON_A_HEALTH_ID]	= { .type = NLA_U32 },
	[OPHOTON_A_UNHEALTHY]	= { .type = NLA_FLAG },
};

static const struct nla_policy ophoton_rack_get_policy[OPHOTON_A_RACK_ID + 1] = {
	[OPHOTON_A_FABRIC_ID]	= NLA_POLICY_FULL_RANGE(NLA_U32, &ophoton_fabric_id_range),
	[OPHOTON_A_RACK_ID]	= { .type = NLA_U32 },
	[OPHOTON_A_STATS]	= { .type = NLA_FLAG },
	[OPHOTON_A_UNHEALTHY]	= { .type = NLA_FLAG },
};

static const struct nla_policy ophoton_gpu_get_policy[OPHOTON_A_RACK_ID + 1] = {
	[OPHOTON_A_FABRIC_ID]	= NLA_POLICY_FULL_RANGE(NLA_U32, &ophoton_fabric_id_range),
	[OPHOTON_A_GPU_ID]	= { .type = NLA_U32 },
	[OPHOTON_A_RACK_ID]	= { .type = NLA_U32 },
	[OPHOTON_A_STATS]	= { .type = NLA_FLAG },
	[OPHOTON_A_UNHEALTHY]	= { .type = NLA_FLAG },
};

static const struct nla_policy ophoton_engine_get_policy[OPHOTON_A_ENGINE_ID + 1] = {
	[OPHOTON_A_FABRIC_ID]	= NLA_POLICY_FULL_RANGE(NLA_U32, &ophoton_fabric_id_range),
	[OPHOTON_A_SIDE]	= NLA_POLICY_MAX(NLA_U8, OPHOTON_SIDE_SWITCH),
	[OPHOTON_A_ENGINE_ID]	= { .type = NLA_U32 },
	[OPHOTON_A_GPU_ID]	= { .type = NLA_U32 },
	[OPHOTON_A_STATS]	= { .type = NLA_FLAG },
	[OPHOTON_A_UNHEALTHY]	= { .type = NLA_FLAG },
};

static const struct nla_policy ophoton_engine_act_policy[OPHOTON_A_ENGINE_ACTION + 1] = {
	[OPHOTON_A_FABRIC_ID]	= NLA_POLICY_FULL_RANGE(NLA_U32, &ophoton_fabric_id_range),
	[OPHOTON_A_SIDE]	= NLA_POLICY_MAX(NLA_U8, OPHOTON_SIDE_SWITCH),
	[OPHOTON_A_ENGINE_ID]	= { .type = NLA_U32 },
	[OPHOTON_A_ENGINE_ACTION] = NLA_POLICY_RANGE(NLA_U8, OPHOTON_ENGINE_ACTION_RECOVER,
						     OPHOTON_ENGINE_ACTION_CLEAR),
};

static const struct nla_policy ophoton_laser_get_policy[OPHOTON_A_LANE + 1] = {
	[OPHOTON_A_FABRIC_ID]	= NLA_POLICY_FULL_RANGE(NLA_U32, &ophoton_fabric_id_range),
	[OPHOTON_A_SIDE]	= NLA_POLICY_MAX(NLA_U8, OPHOTON_SIDE_SWITCH),
	[OPHOTON_A_MODULE_ID]	= { .type = NLA_U32 },
	[OPHOTON_A_LANE]	= { .type = NLA_U8 },
	[OPHOTON_A_GPU_ID]	= { .type = NLA_U32 },
	[OPHOTON_A_STATS]	= { .type = NLA_FLAG },
	[OPHOTON_A_UNHEALTHY]	= { .type = NLA_FLAG },
};

/* At most an hour of virtual time per step. */
static const struct nla_policy ophoton_sim_clock_policy[OPHOTON_A_SIM_STEP_NS + 1] = {
	[OPHOTON_A_FABRIC_ID]	= NLA_POLICY_FULL_RANGE(NLA_U32, &ophoton_fabric_id_range),
	/* Any span: a long step runs in slices and stops on a signal. */
	[OPHOTON_A_SIM_STEP_NS]	= NLA_POLICY_MIN(NLA_U64, 1),
};

static const struct genl_ops ophoton_nl_ops[] = {
	{
		/* No policy: the core then rejects every attribute. */
		.cmd	= OPHOTON_CMD_VERSION_GET,
		.doit	= ophoton_nl_version_get_doit,
	},
	{
		.cmd		= OPHOTON_CMD_FABRIC_GET,
		.doit		= ophoton_nl_fabric_get_doit,
		.dumpit		= ophoton_nl_fabric_get_dumpit,
		.policy		= ophoton_fabric_get_policy,
		.maxattr	= ARRAY_SIZE(ophoton_fabric_get_policy) - 1,
		.internal_flags	= OPHOTON_NL_NEED_FABRIC,
	},
	{
		.cmd		= OPHOTON_CMD_FABRIC_SET,
		.doit		= ophoton_nl_fabric_set_doit,
		.policy		= ophoton_fabric_set_policy,
		.maxattr	= ARRAY_SIZE(ophoton_fabric_set_policy) - 1,
		.internal_flags	= OPHOTON_NL_NEED_FABRIC,
		.flags		= GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd		= OPHOTON_CMD_LINK_GET,
		.doit		= ophoton_nl_link_get_doit,
		.dumpit		= ophoton_nl_link_get_dumpit,
		.policy		= ophoton_link_get_policy,
		.maxattr	= ARRAY_SIZE(ophoton_link_get_policy) - 1,
		.internal_flags	= OPHOTON_NL_NEED_FABRIC,
	},
	{
		.cmd		= OPHOTON_CMD_LINK_SET,
		.doit		= ophoton_nl_link_set_doit,
		.policy		= ophoton_link_set_policy,
		.maxattr	= ARRAY_SIZE(ophoton_link_set_policy) - 1,
		.internal_flags	= OPHOTON_NL_NEED_FABRIC,
		.flags		= GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd		= OPHOTON_CMD_MODULE_GET,
		.doit		= ophoton_nl_module_get_doit,
		.dumpit		= ophoton_nl_module_get_dumpit,
		.policy		= ophoton_module_get_policy,
		.maxattr	= ARRAY_SIZE(ophoton_module_get_policy) - 1,
		.internal_flags	= OPHOTON_NL_NEED_FABRIC,
	},
	{
		.cmd		= OPHOTON_CMD_MODULE_ACT,
		.doit		= ophoton_nl_module_act_doit,
		.policy		= ophoton_module_act_policy,
		.maxattr	= ARRAY_SIZE(ophoton_module_act_policy) - 1,
		.internal_flags	= OPHOTON_NL_NEED_FABRIC,
		.flags		= GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd		= OPHOTON_CMD_LANE_GET,
		.doit		= ophoton_nl_lane_get_doit,
		.dumpit		= ophoton_nl_lane_get_dumpit,
		.policy		= ophoton_lane_get_policy,
		.maxattr	= ARRAY_SIZE(ophoton_lane_get_policy) - 1,
		.internal_flags	= OPHOTON_NL_NEED_FABRIC,
	},
	{
		.cmd		= OPHOTON_CMD_BLAST_GET,
		.doit		= ophoton_nl_blast_get_doit,
		.policy		= ophoton_blast_get_policy,
		.maxattr	= ARRAY_SIZE(ophoton_blast_get_policy) - 1,
		.internal_flags	= OPHOTON_NL_NEED_FABRIC,
	},
	{
		.cmd		= OPHOTON_CMD_HEALTH_GET,
		.doit		= ophoton_nl_health_get_doit,
		.dumpit		= ophoton_nl_health_get_dumpit,
		.policy		= ophoton_health_get_policy,
		.maxattr	= ARRAY_SIZE(ophoton_health_get_policy) - 1,
		.internal_flags	= OPHOTON_NL_NEED_FABRIC,
	},
	{
		.cmd		= OPHOTON_CMD_RACK_GET,
		.doit		= ophoton_nl_rack_get_doit,
		.dumpit		= ophoton_nl_rack_get_dumpit,
		.policy		= ophoton_rack_get_policy,
		.maxattr	= ARRAY_SIZE(ophoton_rack_get_policy) - 1,
		.internal_flags	= OPHOTON_NL_NEED_FABRIC,
	},
	{
		.cmd		= OPHOTON_CMD_GPU_GET,
		.doit		= ophoton_nl_gpu_get_doit,
		.dumpit		= ophoton_nl_gpu_get_dumpit,
		.policy		= ophoton_gpu_get_policy,
		.maxattr	= ARRAY_SIZE(ophoton_gpu_get_policy) - 1,
		.internal_flags	= OPHOTON_NL_NEED_FABRIC,
	},
	{
		.cmd		= OPHOTON_CMD_ENGINE_GET,
		.doit		= ophoton_nl_engine_get_doit,
		.dumpit		= ophoton_nl_engine_get_dumpit,
		.policy		= ophoton_engine_get_policy,
		.maxattr	= ARRAY_SIZE(ophoton_engine_get_policy) - 1,
		.internal_flags	= OPHOTON_NL_NEED_FABRIC,
	},
	{
		.cmd		= OPHOTON_CMD_LASER_GET,
		.doit		= ophoton_nl_laser_get_doit,
		.dumpit		= ophoton_nl_laser_get_dumpit,
		.policy		= ophoton_laser_get_policy,
		.maxattr	= ARRAY_SIZE(ophoton_laser_get_policy) - 1,
		.internal_flags	= OPHOTON_NL_NEED_FABRIC,
	},
	{
		.cmd		= OPHOTON_CMD_ENGINE_ACT,
		.doit		= ophoton_nl_engine_act_doit,
		.policy		= ophoton_engine_act_policy,
		.maxattr	= ARRAY_SIZE(ophoton_engine_act_policy) - 1,
		.internal_flags	= OPHOTON_NL_NEED_FABRIC,
		.flags		= GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd		= OPHOTON_CMD_SIM_MODULE,
		.doit		= ophoton_nl_sim_module_doit,
		.policy		= ophoton_sim_module_policy,
		.maxattr	= ARRAY_SIZE(ophoton_sim_module_policy) - 1,
		.internal_flags	= OPHOTON_NL_NEED_FABRIC,
		.flags		= GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd		= OPHOTON_CMD_SIM_FAULT,
		.doit		= ophoton_nl_sim_fault_doit,
		.policy		= ophoton_sim_fault_policy,
		.maxattr	= ARRAY_SIZE(ophoton_sim_fault_policy) - 1,
		.internal_flags	= OPHOTON_NL_NEED_FABRIC,
		.flags		= GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd		= OPHOTON_CMD_SIM_CLOCK,
		.doit		= ophoton_nl_sim_clock_doit,
		.policy		= ophoton_sim_clock_policy,
		.maxattr	= ARRAY_SIZE(ophoton_sim_clock_policy) - 1,
		.internal_flags	= OPHOTON_NL_NEED_FABRIC,
		.flags		= GENL_UNS_ADMIN_PERM,
	},
};

struct genl_family ophoton_nl_family __ro_after_init = {
	.name		= OPHOTON_GENL_NAME,
	.version	= OPHOTON_GENL_VERSION,
	.maxattr	= OPHOTON_A_MAX,
	.netnsok	= true,
	.parallel_ops	= true,
	.pre_doit	= ophoton_nl_pre_doit,
	.post_doit	= ophoton_nl_post_doit,
	.module		= THIS_MODULE,
	.ops		= ophoton_nl_ops,
	.n_ops		= ARRAY_SIZE(ophoton_nl_ops),
	.mcgrps		= ophoton_nl_mcgrps,
	.n_mcgrps	= ARRAY_SIZE(ophoton_nl_mcgrps),
};

/**
 * ophoton_nl_init() - register the ophoton generic netlink family
 *
 * Return: 0 or a negative errno from genl_register_family().
 */
int __init ophoton_nl_init(void)
{
	return genl_register_family(&ophoton_nl_family);
}

/**
 * ophoton_nl_exit() - unregister the ophoton generic netlink family
 *
 * After this returns no command of the family is running or can start.
 */
void ophoton_nl_exit(void)
{
	genl_unregister_family(&ophoton_nl_family);
}

/* Resolving the family by name (CTRL_CMD_GETFAMILY) autoloads the module. */
MODULE_ALIAS_GENL_FAMILY(OPHOTON_GENL_NAME);
