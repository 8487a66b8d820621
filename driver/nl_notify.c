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
	return ophoton_nl_fabric_fill(msg, fab, false) ?:
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
		ophoton_nl_notify(fab, OPHOTON_CMD_LINK_NTF, ophoton_nl_link_fill, c->id, c->seq);
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
