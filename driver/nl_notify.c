// SPDX-License-Identifier: GPL-2.0
/*
 * ophoton: notifications.  The model's change records become LINK_NTF,
 * MODULE_NTF and FABRIC_NTF on the "config" group and ALARM_NTF on the
 * "alarms" group, with the tracepoints beside them; fabric creation and
 * deletion are announced here too.  Nothing is built when nobody listens
 * and no request asked for an echo.
 */
#include "nl.h"
#include "trace.h"

/* The object an alarm is about, as its GET request would name it. */
static int alarm_fill(struct sk_buff *msg, const struct oph_change *c, u8 *kind)
{
	u8 domain = OPHOTON_HEALTH_ENGINE;

	if (c->obj == OPH_OBJ_HEALTH) {
		/* A fault domain's health: its reason is the domain's object. */
		*kind = c->new > c->old ? OPHOTON_ALARM_QUARANTINE :
			c->new < c->old ? OPHOTON_ALARM_RECOVERED :
			OPHOTON_ALARM_HEALTH_ERROR;
		if (c->reason == OPH_OBJ_MODULE)
			domain = OPHOTON_HEALTH_MODULE;
		goto domain;
	}
	switch ((enum oph_alarm)c->reason) {
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
	case OPH_ALARM_AGING:
		*kind = OPHOTON_ALARM_AGING_PREDICTED;
		domain = OPHOTON_HEALTH_MODULE;
		break;
	case OPH_ALARM_CLEARED:
		/* Named as the threshold alarms it ends name the object. */
		*kind = OPHOTON_ALARM_CLEARED;
		if (c->domain == OPH_OBJ_LINK)
			return nla_put_u32(msg, OPHOTON_A_LINK_ID, c->id);
		if (c->domain == OPH_OBJ_MODULE)
			domain = OPHOTON_HEALTH_MODULE;
		break;
	}
domain:
	/* Modules and engines are named as fault domains are. */
	if (nla_put_u8(msg, OPHOTON_A_SIDE, c->side) ||
	    nla_put_u8(msg, OPHOTON_A_HEALTH_DOMAIN, domain) ||
	    nla_put_u32(msg, OPHOTON_A_HEALTH_ID, c->id) ||
	    (domain == OPHOTON_HEALTH_MODULE &&
	     nla_put_u32(msg, OPHOTON_A_MODULE_ID, c->id)))
		return -EMSGSIZE;
	return 0;
}

/**
 * ophoton_nl_alarm_body() - an alarm as its notification carries it
 * @msg: message being filled
 * @fab: fabric, locked
 * @c: the alarm's change record (OPH_OBJ_ALARM or OPH_OBJ_HEALTH)
 *
 * The fabric, the object it is about, its kind, flags and lasers: what
 * ALARM_NTF and a record of ALARM_GET share, before the sequence number.
 *
 * Return: 0 or -EMSGSIZE.
 */
int ophoton_nl_alarm_body(struct sk_buff *msg, struct ophoton_fabric *fab,
			  const struct oph_change *c)
{
	u8 kind = 0;

	lockdep_assert_held(&fab->lock);
	if (nla_put_u32(msg, OPHOTON_A_FABRIC_ID, fab->id) ||
	    alarm_fill(msg, c, &kind) ||
	    nla_put_u8(msg, OPHOTON_A_ALARM_KIND, kind) ||
	    (c->flags && nla_put_u32(msg, OPHOTON_A_ALARM_FLAGS, c->flags)) ||
	    (c->mask && nla_put_u32(msg, OPHOTON_A_ALARM_LASERS, c->mask)))
		return -EMSGSIZE;
	return 0;
}

/* The group a change record is announced on, and the command that does. */
static int ntf_group(const struct oph_change *c)
{
	return c->obj == OPH_OBJ_HEALTH || c->obj == OPH_OBJ_ALARM ?
	       OPHOTON_NLGRP_ALARMS : OPHOTON_NLGRP_CONFIG;
}

static u8 ntf_cmd(const struct oph_change *c)
{
	switch (c->obj) {
	case OPH_OBJ_LINK:
		return OPHOTON_CMD_LINK_NTF;
	case OPH_OBJ_MODULE:
		return OPHOTON_CMD_MODULE_NTF;
	case OPH_OBJ_FABRIC:
		return OPHOTON_CMD_FABRIC_NTF;
	default:
		return OPHOTON_CMD_ALARM_NTF;
	}
}

/* The body of @c's notification, its sequence number and generation. */
static int ntf_fill(struct sk_buff *msg, struct ophoton_fabric *fab,
		    const struct oph_change *c)
{
	int err;

	switch (c->obj) {
	case OPH_OBJ_LINK:
		err = ophoton_nl_link_fill_change(msg, fab, c);
		break;
	case OPH_OBJ_MODULE:
		err = ophoton_nl_module_fill_change(msg, fab, c);
		break;
	case OPH_OBJ_FABRIC:
		/* The fabric's own body carries its generation already. */
		return ophoton_nl_fabric_fill(msg, fab, false) ||
		       nla_put_u8(msg, OPHOTON_A_FABRIC_EVENT, OPHOTON_FABRIC_EVENT_CHANGE) ||
		       nla_put_u64_64bit(msg, OPHOTON_A_NTF_SEQ, c->seq, OPHOTON_A_PAD) ?
		       -EMSGSIZE : 0;
	default:
		err = ophoton_nl_alarm_body(msg, fab, c);
		break;
	}
	if (err ||
	    nla_put_u64_64bit(msg, OPHOTON_A_NTF_SEQ, c->seq, OPHOTON_A_PAD) ||
	    nla_put_u64_64bit(msg, OPHOTON_A_FABRIC_GEN,
			      oph_fabric_generation(fab->model), OPHOTON_A_PAD))
		return -EMSGSIZE;
	return 0;
}

/* Consecutive notifications of one group and echo, sent in one skb. */
struct ntf_batch {
	struct sk_buff *skb;
	int group;
	struct genl_info *echo;
};

/* Multicast the batch, and to an echoing request; an empty one is freed. */
static void batch_send(struct ophoton_fabric *fab, struct ntf_batch *b)
{
	lockdep_assert_held(&fab->lock);
	if (!b->skb)
		return;
	if (!b->skb->len)
		nlmsg_free(b->skb);
	else if (b->echo)
		genl_notify(&ophoton_nl_family, b->skb, b->echo, b->group, GFP_KERNEL);
	else
		genlmsg_multicast_netns(&ophoton_nl_family, ophoton_fabric_net(fab),
					b->skb, 0, b->group, GFP_KERNEL);
	b->skb = NULL;
}

/*
 * Append @n's notification to the batch: a new skb when the group changes
 * (so that a listener of both groups gets every record in order), when
 * the request echoed to changes, or when the skb is full.  A notification
 * that fits no skb, or finds no memory, is lost, and its listeners see the
 * gap in the sequence numbers.
 */
static void batch_add(struct ophoton_fabric *fab, struct ntf_batch *b,
		      const struct ophoton_ntf *n)
{
	const struct oph_change *c = &n->c;
	struct genl_info *echo = n->echo;
	int group = ntf_group(c), tries;
	void *hdr;

	if (b->skb && (b->group != group || b->echo != echo))
		batch_send(fab, b);
	for (tries = 0; tries < 2; tries++) {
		if (!b->skb) {
			b->skb = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
			if (!b->skb)
				return;
			b->group = group;
			b->echo = echo;
		}
		hdr = genlmsg_put(b->skb, echo ? echo->snd_portid : 0,
				  echo ? echo->snd_seq : 0, &ophoton_nl_family, 0,
				  ntf_cmd(c));
		if (hdr && !ntf_fill(b->skb, fab, c)) {
			genlmsg_end(b->skb, hdr);
			return;
		}
		if (hdr)
			genlmsg_cancel(b->skb, hdr);
		/* Full: send what it holds and start another. */
		batch_send(fab, b);
	}
}

/**
 * ophoton_nl_flush() - announce the changes of the work just done
 * @fab: fabric, locked, about to be let go (ophoton_unlock())
 *
 * The records the model queued while it worked become notifications now
 * that it is done, under the same lock, so that a notification never reads
 * the model in the middle of an operation and listeners get the records in
 * the order of their numbers.  Consecutive records of one group share an
 * skb.  With NLM_F_ECHO, the request that made a change gets it too: the
 * record kept the request's genl_info, which is still being served (it
 * lets the fabric go, which flushes, before it returns).
 */
void ophoton_nl_flush(struct ophoton_fabric *fab)
{
	struct ntf_batch b = { };
	u32 i;

	lockdep_assert_held(&fab->lock);
	for (i = 0; i < fab->ntf_len; i++)
		batch_add(fab, &b, &fab->ntf[i]);
	batch_send(fab, &b);
	fab->ntf_len = 0;
}

/* Records queued per step of the queue's growth. */
#define NTF_QUEUE_MIN	64

/**
 * ophoton_nl_model_change() - the model changed an object's state
 * @ctx: the fabric, locked
 * @c: the change record
 *
 * Called by the model in the middle of its work: the tracepoint fires now,
 * and the record is queued for ophoton_nl_flush(), only when someone
 * listens on its group or the request being served asked for an echo.  A
 * record the queue has no memory for is lost (the listeners see a gap in
 * the sequence numbers, as after an overrun of their socket, and read the
 * state again).
 */
void ophoton_nl_model_change(void *ctx, const struct oph_change *c)
{
	struct ophoton_fabric *fab = ctx;
	struct ophoton_ntf *q;
	u32 cap;

	lockdep_assert_held(&fab->lock);
	switch (c->obj) {
	case OPH_OBJ_LINK:
		trace_ophoton_link(fab->id, c->id, c->old, c->new, c->reason, c->seq,
				   c->time);
		break;
	case OPH_OBJ_HEALTH:
		/* The model names the domain by its object; the spec by its own enum. */
		trace_ophoton_health(fab->id, c->reason == OPH_OBJ_MODULE ? OPHOTON_HEALTH_MODULE :
					      OPHOTON_HEALTH_ENGINE, c->side, c->id, c->new,
				     c->seq);
		ophoton_devlink_health_change(fab, c);
		break;
	case OPH_OBJ_MODULE:
		trace_ophoton_module(fab->id, c->side, c->id, c->old, c->new, c->admin_old,
				     c->admin, c->seq, c->time);
		break;
	case OPH_OBJ_ALARM:
	case OPH_OBJ_FABRIC:
		break;
	default:
		return;
	}
	/* Kept whether anyone listens or not: what a monitor reads back. */
	if (ntf_group(c) == OPHOTON_NLGRP_ALARMS)
		ophoton_alarm_log_add(fab, c);
	if (!fab->echo && !genl_has_listeners(&ophoton_nl_family, ophoton_fabric_net(fab),
					      ntf_group(c)))
		return;
	if (fab->ntf_len == fab->ntf_cap) {
		cap = max_t(u32, NTF_QUEUE_MIN, fab->ntf_cap * 2);
		q = krealloc_array(fab->ntf, cap, sizeof(*q), GFP_KERNEL | __GFP_NOWARN);
		if (!q) {
			fab->ntf_lost++;
			return;
		}
		fab->ntf = q;
		fab->ntf_cap = cap;
	}
	fab->ntf[fab->ntf_len].c = *c;
	fab->ntf[fab->ntf_len++].echo = fab->echo;
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
	if (!hdr || ophoton_nl_fabric_fill(msg, fab, false) ||
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
