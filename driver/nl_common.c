// SPDX-License-Identifier: GPL-2.0
/*
 * ophoton: what the request handlers share: replies, id checks, the one
 * dump engine every object surface uses, letting go of a fabric during a
 * long request, and the model's refusals as extended ACKs.
 */
#include <net/sock.h>

#include "compat.h"
#include "nl.h"

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

/* Whether @id of @attr is below @limit; an extended ACK when it is not. */
static int id_in_range(struct genl_info *info, int attr, u32 id, u32 limit)
{
	if (id < limit)
		return 0;
	NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[attr],
			    "id out of range for this fabric");
	return -ERANGE;
}

/**
 * ophoton_nl_check_id() - a required u32 id attribute, within the fabric's range
 * @info: request info
 * @attr: the attribute, a u32 by its policy
 * @limit: ids are below this
 * @id: the id
 *
 * Return: 0, -EINVAL (missing) or -ERANGE, with an extended ACK.
 */
int ophoton_nl_check_id(struct genl_info *info, int attr, u32 limit, u32 *id)
{
	if (GENL_REQ_ATTR_CHECK(info, attr))
		return -EINVAL;
	*id = nla_get_u32(info->attrs[attr]);
	return id_in_range(info, attr, *id, limit);
}

/**
 * ophoton_nl_check_side_id() - the side and id of a module or engine a request names
 * @info: request info; the fabric is locked by pre_doit
 * @attr: the id attribute, a u32
 * @obj: %OPH_OBJ_MODULE or %OPH_OBJ_ENGINE: what the id counts
 * @side: the required %OPHOTON_A_SIDE
 * @id: the id, below that side's count
 *
 * Return: 0, -EINVAL (missing) or -ERANGE, with an extended ACK.
 */
int ophoton_nl_check_side_id(struct genl_info *info, int attr, enum oph_obj obj,
			     enum oph_side *side, u32 *id)
{
	struct ophoton_fabric *fab = info->user_ptr[0];
	const struct oph_topo *t = oph_fabric_topo(fab->model);

	lockdep_assert_held(&fab->lock);
	if (GENL_REQ_ATTR_CHECK(info, OPHOTON_A_SIDE))
		return -EINVAL;
	*side = nla_get_u8(info->attrs[OPHOTON_A_SIDE]);
	return ophoton_nl_check_id(info, attr, obj == OPH_OBJ_MODULE ?
				   oph_topo_modules(t, *side) : oph_topo_engines(t, *side), id);
}

/**
 * ophoton_nl_check_lane() - the required %OPHOTON_A_LANE, a u8, within range
 * @info: request info
 * @limit: lanes (or lasers) are below this
 * @lane: the lane
 *
 * Return: 0, -EINVAL (missing) or -ERANGE, with an extended ACK.
 */
int ophoton_nl_check_lane(struct genl_info *info, u32 limit, u32 *lane)
{
	if (GENL_REQ_ATTR_CHECK(info, OPHOTON_A_LANE))
		return -EINVAL;
	*lane = nla_get_u8(info->attrs[OPHOTON_A_LANE]);
	return id_in_range(info, OPHOTON_A_LANE, *lane, limit);
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

/* The objects of one fabric from ctx->obj on, under its lock, as many as fit. */
static int dump_fabric(struct sk_buff *skb, struct netlink_callback *cb,
		       const struct ophoton_dump *d, struct ophoton_fabric *fab,
		       struct nlattr **attrs)
{
	struct ophoton_dump_ctx *ctx = (void *)cb->ctx;
	bool stats = attrs[OPHOTON_A_STATS];
	bool unhealthy = attrs[OPHOTON_A_UNHEALTHY];
	u32 first, last, id;
	int err = 0;
	void *hdr;

	if (!ophoton_nl_dump_lock(fab))
		goto out_put;
	err = d->range(fab, attrs, cb->extack, &first, &last);
	if (err)
		goto out_unlock;
	/*
	 * Laser modules coming or going mid-dump make it incoherent: the
	 * generation feeds the consistency check, per fabric.
	 */
	cb->seq = (u32)oph_fabric_generation(fab->model) + 1;
	oph_read_begin(fab->model);
	for (id = max(first, ctx->obj); id < last; id++) {
		if ((unhealthy || d->skip_always) && d->skip(fab, id, unhealthy))
			continue;
		hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid, cb->nlh->nlmsg_seq,
				  &ophoton_nl_family, NLM_F_MULTI, d->cmd);
		if (!hdr)
			break;
		genl_dump_check_consistent(cb, hdr);
		if (d->fill(skb, fab, id, stats)) {
			genlmsg_cancel(skb, hdr);
			break;
		}
		genlmsg_end(skb, hdr);
	}
	oph_read_end(fab->model);
	ctx->obj = id;
	if (id < last)
		err = -EMSGSIZE;
out_unlock:
	ophoton_unlock(fab);
out_put:
	ophoton_fabric_put(fab);
	return err;
}

/**
 * ophoton_nl_dump_lock() - lock a fabric for one message of a dump
 * @fab: fabric, held
 *
 * Locked, its clock brought to now, unless it is being deleted; a dump
 * keeps it for one message at most.
 *
 * Return: true when locked (ophoton_unlock() lets it go), false when the
 * fabric is going away (not locked: the dump ends).
 */
bool ophoton_nl_dump_lock(struct ophoton_fabric *fab)
{
	ophoton_lock(fab);
	if (fab->dead) {
		ophoton_unlock(fab);
		return false;
	}
	ophoton_clock_sync(fab);
	return true;
}

/**
 * ophoton_nl_dump() - the dump of an object surface
 * @skb: message being filled
 * @cb: dump state
 * @d: the surface
 *
 * The objects of the fabric %OPHOTON_A_FABRIC_ID names or, when it names
 * none and @d->every_fabric, of every fabric of the caller's namespace in
 * id order.  Resumes from the ids kept in cb->ctx; a fabric is locked for
 * one message at most, so a dump of millions of objects never holds up
 * management; NLM_F_DUMP_INTR flags a message whose fabric's generation
 * moved since the dump's previous one.
 *
 * Return: bytes filled, 0 when done, or a negative errno.
 */
int ophoton_nl_dump(struct sk_buff *skb, struct netlink_callback *cb,
		    const struct ophoton_dump *d)
{
	struct ophoton_dump_ctx *ctx = (void *)cb->ctx;
	struct nlattr **attrs = ophoton_dump_attrs(cb);
	struct net *net = sock_net(skb->sk);
	struct ophoton_fabric *fab;
	int err;

	BUILD_BUG_ON(sizeof(*ctx) > sizeof(cb->ctx));
	if (ctx->done)
		return 0;
	if (attrs[OPHOTON_A_FABRIC_ID]) {
		fab = ophoton_fabric_get(net, nla_get_u32(attrs[OPHOTON_A_FABRIC_ID]));
		if (!fab) {
			NL_SET_ERR_MSG_ATTR(cb->extack, attrs[OPHOTON_A_FABRIC_ID],
					    "no such fabric in this network namespace");
			return -ENODEV;
		}
		err = dump_fabric(skb, cb, d, fab, attrs);
		if (err == -EMSGSIZE && skb->len)
			return skb->len;
		if (err)
			return err;
		ctx->done = 1;
		return skb->len;
	}
	if (!d->every_fabric) {
		NL_SET_ERR_MSG(cb->extack, "this dump needs a fabric-id");
		return -EINVAL;
	}
	while ((fab = ophoton_fabric_next(net, &ctx->fab_id))) {
		err = dump_fabric(skb, cb, d, fab, attrs);
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
static int let_go(struct ophoton_fabric *fab, struct netlink_ext_ack *extack)
{
	struct genl_info *echo = fab->echo;

	lockdep_assert_held(&fab->lock);
	fab->echo = NULL;
	ophoton_unlock(fab);
	cond_resched();
	ophoton_lock(fab);
	if (fab->dead) {
		NL_SET_ERR_MSG(extack, "the fabric was deleted while the request ran");
		return -ENODEV;
	}
	fab->echo = echo;
	return 0;
}

/* A request that held the fabric this long lets it go between two slices. */
#define HOLD_NS		(2 * NSEC_PER_MSEC)

static int fab_yield(struct ophoton_fabric *fab, struct netlink_ext_ack *extack)
{
	int err;

	lockdep_assert_held(&fab->lock);
	if (ktime_to_ns(ktime_sub(ktime_get(), fab->held_since)) < HOLD_NS)
		return 0;
	err = let_go(fab, extack);
	if (!err)
		ophoton_clock_sync(fab);
	return err;
}

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
	return fab_yield(fab, info->extack);
}

/* Aggregate units recomputed per slice, about a thousand links each. */
#define AGG_SLICE	2
/* Slices before the reader stops yielding to a fabric that keeps changing. */
#define AGG_SLICES_MAX	8192

/**
 * ophoton_agg_refresh() - bring a fabric's kept aggregates up to date
 * @fab: fabric, locked
 * @extack: the request's, for the fabric deleted meanwhile; may be NULL
 *
 * After a change that touched much of the fabric (everything brought up,
 * a long clock step) many units are stale; they are recomputed a slice at
 * a time, the fabric let go every 2 ms, so that a reader, which any user
 * may be, does not hold up management for the whole walk.  If the fabric
 * keeps changing, the reader stops yielding after a bounded number of
 * slices and finishes under the lock.  The caller holds a reference to
 * @fab (a netlink request's, or devlink's instance).
 *
 * Return: 0, or -ENODEV when the fabric was deleted meanwhile.
 */
int ophoton_agg_refresh(struct ophoton_fabric *fab, struct netlink_ext_ack *extack)
{
	u32 slices = 0;
	int err;

	lockdep_assert_held(&fab->lock);
	ophoton_clock_sync(fab);
	while (!oph_agg_refresh(fab->model, AGG_SLICE) && ++slices < AGG_SLICES_MAX) {
		err = fab_yield(fab, extack);
		if (err)
			return err;
	}
	return 0;
}

/**
 * ophoton_nl_agg_refresh() - ophoton_agg_refresh() for a netlink request
 * @fab: fabric, locked by pre_doit
 * @info: the request about to read the aggregates
 *
 * Return: 0, or -ENODEV when the fabric was deleted meanwhile.
 */
int ophoton_nl_agg_refresh(struct ophoton_fabric *fab, struct genl_info *info)
{
	return ophoton_agg_refresh(fab, info->extack);
}

/**
 * ophoton_nl_err_at() - an extended ACK from one of the model's reasons
 * @extack: the request's, may be NULL
 * @bad: the attribute at fault
 * @why: the model's reason, a string literal
 *
 * The model explains its refusals with string literals, which outlive any
 * request; NL_SET_ERR_MSG_ATTR() wants a literal at the call site (6.1 has
 * no NL_SET_ERR_MSG_FMT), so the message is set here, and only here.
 */
void ophoton_nl_err_at(struct netlink_ext_ack *extack, const struct nlattr *bad,
		       const char *why)
{
	if (!extack)
		return;
	extack->_msg = why;
	NL_SET_BAD_ATTR(extack, bad);
}

/**
 * ophoton_nl_model_err() - report a refusal of the model
 * @info: request info
 * @attr: the attribute the refusal is about
 * @err: the model's error, 0 for none
 * @why: the model's reason
 *
 * Return: @err.
 */
int ophoton_nl_model_err(struct genl_info *info, int attr, int err,
			 const char *why)
{
	if (!err)
		return 0;
	ophoton_nl_err_at(info->extack, info->attrs[attr], why);
	/* A value the request left out is wrong by its absence. */
	if (!info->attrs[attr])
		NL_SET_ERR_ATTR_MISS(info->extack, NULL, attr);
	return err;
}
