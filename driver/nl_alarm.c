// SPDX-License-Identifier: GPL-2.0
/*
 * ophoton: the alarm surface.  ALARM_GET reads a fabric's alarm history
 * (alarm_log.c): one alarm by its number, or the alarms from a number on,
 * each as its notification carried it, with when it was raised, how bad
 * it is and whether its cause is still there; ALARM_ACK marks one as seen
 * by an operator.
 */
#include <net/genetlink.h>
#include <net/sock.h>

#include "compat.h"
#include "nl.h"

/*
 * What raised it is there now, and it has not ended since: a quarantine
 * that was recovered and came back is a new alarm, the old one stays over.
 */
static bool alarm_active(struct ophoton_fabric *fab, const struct ophoton_alarm *a)
{
	return !a->cleared && oph_alarm_active(fab->model, &a->c);
}

/* An alarm of the history as an ALARM_GET record. */
static int alarm_record(struct sk_buff *msg, struct ophoton_fabric *fab,
			const struct ophoton_alarm *a)
{
	const struct oph_change *c = &a->c;

	lockdep_assert_held(&fab->lock);
	if (ophoton_nl_alarm_body(msg, fab, c) ||
	    nla_put_u64_64bit(msg, OPHOTON_A_NTF_SEQ, c->seq, OPHOTON_A_PAD) ||
	    nla_put_u64_64bit(msg, OPHOTON_A_FABRIC_GEN, oph_fabric_generation(fab->model),
			      OPHOTON_A_PAD) ||
	    nla_put_u64_64bit(msg, OPHOTON_A_ALARM_TIME_NS, c->time, OPHOTON_A_PAD) ||
	    nla_put_u64_64bit(msg, OPHOTON_A_ALARM_WALL_NS, a->wall_ns, OPHOTON_A_PAD) ||
	    nla_put_u8(msg, OPHOTON_A_ALARM_SEVERITY, oph_alarm_severity(c)) ||
	    (alarm_active(fab, a) && nla_put_flag(msg, OPHOTON_A_ALARM_ACTIVE)) ||
	    (a->cleared &&
	     (nla_put_u64_64bit(msg, OPHOTON_A_ALARM_CLEARED_NS, a->cleared_time,
				OPHOTON_A_PAD) ||
	      nla_put_u64_64bit(msg, OPHOTON_A_ALARM_CLEARED_WALL_NS, a->cleared_wall_ns,
				OPHOTON_A_PAD))) ||
	    (a->acked && nla_put_flag(msg, OPHOTON_A_ALARM_ACKED)))
		return -EMSGSIZE;
	return 0;
}

/*
 * The alarm a do request names: while the reply is built under the lock
 * the history does not move, so its offset from the oldest names it.
 */
static int alarm_fill(struct sk_buff *msg, struct ophoton_fabric *fab, u32 off,
		      bool stats)
{
	return alarm_record(msg, fab, ophoton_alarm_log_find(fab,
				ophoton_alarm_log_first(fab) + off));
}

/* The alarm %OPHOTON_A_NTF_SEQ names, or -ENOENT with an extended ACK. */
static struct ophoton_alarm *alarm_of(struct genl_info *info, struct ophoton_fabric *fab)
{
	struct ophoton_alarm *a;

	if (GENL_REQ_ATTR_CHECK(info, OPHOTON_A_NTF_SEQ))
		return ERR_PTR(-EINVAL);
	a = ophoton_alarm_log_find(fab, nla_get_u64(info->attrs[OPHOTON_A_NTF_SEQ]));
	if (!a) {
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[OPHOTON_A_NTF_SEQ],
				    "no such alarm in the fabric's history (too old, or not yet raised)");
		return ERR_PTR(-ENOENT);
	}
	return a;
}

/**
 * ophoton_nl_alarm_get_doit() - ALARM_GET do: one alarm of the history
 * @skb: request
 * @info: request info; the fabric is locked by pre_doit
 *
 * Return: 0 or a negative errno with an extended ACK.
 */
int ophoton_nl_alarm_get_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct ophoton_fabric *fab = info->user_ptr[0];
	struct ophoton_alarm *a = alarm_of(info, fab);

	if (IS_ERR(a))
		return PTR_ERR(a);
	return ophoton_nl_reply(info, OPHOTON_CMD_ALARM_GET, alarm_fill,
				(u32)(a->c.seq - ophoton_alarm_log_first(fab)));
}

/* Dump state, over cb->ctx: the next alarm's number. */
struct alarm_dump_ctx {
	u64 next;
	u64 serial;	/* the fabric's, which the numbers are of */
	bool started;
};

/*
 * The alarms from ctx->next on, under the fabric's lock, as many as fit.
 * Return: 0 when done, -EMSGSIZE when the message is full.
 */
static int alarm_dump_fabric(struct sk_buff *skb, struct netlink_callback *cb,
			     struct ophoton_fabric *fab, bool active_only)
{
	struct alarm_dump_ctx *ctx = (void *)cb->ctx;
	struct ophoton_alarm *a;
	int err = 0;
	void *hdr;

	if (!ophoton_nl_dump_lock(fab))
		return 0;
	/* Alarms that left the history between two messages are gone. */
	ctx->next = max(ctx->next, ophoton_alarm_log_first(fab));
	while ((a = ophoton_alarm_log_find(fab, ctx->next))) {
		if (active_only && !alarm_active(fab, a)) {
			ctx->next++;
			continue;
		}
		hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid, cb->nlh->nlmsg_seq,
				  &ophoton_nl_family, NLM_F_MULTI, OPHOTON_CMD_ALARM_GET);
		if (!hdr) {
			err = -EMSGSIZE;
			break;
		}
		if (alarm_record(skb, fab, a)) {
			genlmsg_cancel(skb, hdr);
			err = -EMSGSIZE;
			break;
		}
		genlmsg_end(skb, hdr);
		ctx->next++;
	}
	ophoton_unlock(fab);
	return err;
}

/**
 * ophoton_nl_alarm_get_dumpit() - ALARM_GET dump: the history of a fabric
 * (%OPHOTON_A_FABRIC_ID) from %OPHOTON_A_NTF_SEQ on, or only the alarms
 * still active (%OPHOTON_A_ALARM_ACTIVE)
 * @skb: message being filled
 * @cb: dump state
 *
 * Its own walk rather than the object dump engine's: alarms are numbered
 * by u64, and the oldest leave the history while a dump runs.  The fabric
 * is locked for one message at most.
 *
 * Return: bytes filled, 0 when done, or a negative errno.
 */
int ophoton_nl_alarm_get_dumpit(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct alarm_dump_ctx *ctx = (void *)cb->ctx;
	struct nlattr **attrs = ophoton_dump_attrs(cb);
	struct ophoton_fabric *fab;
	int err;

	BUILD_BUG_ON(sizeof(*ctx) > sizeof(cb->ctx));
	if (!attrs[OPHOTON_A_FABRIC_ID]) {
		NL_SET_ERR_MSG(cb->extack, "this dump needs a fabric-id");
		return -EINVAL;
	}
	fab = ophoton_fabric_get(sock_net(skb->sk), nla_get_u32(attrs[OPHOTON_A_FABRIC_ID]));
	if (!fab) {
		NL_SET_ERR_MSG_ATTR(cb->extack, attrs[OPHOTON_A_FABRIC_ID],
				    "no such fabric in this network namespace");
		return -ENODEV;
	}
	if (!ctx->started) {
		ctx->started = true;
		ctx->serial = fab->serial;
		if (attrs[OPHOTON_A_NTF_SEQ])
			ctx->next = nla_get_u64(attrs[OPHOTON_A_NTF_SEQ]);
	} else if (fab->serial != ctx->serial) {
		/* Deleted and created again mid-dump: its numbers are another's. */
		ophoton_fabric_put(fab);
		NL_SET_ERR_MSG_ATTR(cb->extack, attrs[OPHOTON_A_FABRIC_ID],
				    "the fabric was deleted during the dump");
		return -ENODEV;
	}
	err = alarm_dump_fabric(skb, cb, fab, attrs[OPHOTON_A_ALARM_ACTIVE]);
	ophoton_fabric_put(fab);
	if (err == -EMSGSIZE && skb->len)
		return skb->len;
	return err ? err : skb->len;
}

/**
 * ophoton_nl_alarm_ack_doit() - ALARM_ACK do: an operator saw an alarm
 * @skb: request
 * @info: request info; the fabric is locked by pre_doit
 *
 * Return: 0 or a negative errno with an extended ACK.
 */
int ophoton_nl_alarm_ack_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct ophoton_fabric *fab = info->user_ptr[0];
	struct ophoton_alarm *a = alarm_of(info, fab);

	if (IS_ERR(a))
		return PTR_ERR(a);
	a->acked = true;
	return 0;
}
