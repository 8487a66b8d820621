// SPDX-License-Identifier: GPL-2.0
/*
 * ophoton: the "ophoton" generic netlink family, its registration and the
 * hooks every do request on a fabric runs through.
 *
 * The policies and the op table are generated from the YNL spec
 * (nl_gen.c).  Every command has its own policy (split ops since 6.2;
 * struct genl_ops rather than genl_small_ops on 6.1, which has no split
 * ops) and resv_start_op is left at zero, so the core validates every request strictly and rejects
 * attributes of commands that take none.  Requests on a fabric find it in
 * the caller's namespace, hold a reference and its lock for the whole
 * request (pre_doit and post_doit), and bring its clock up to date first.
 * Dumps (nl_common.c) resume from ids kept in cb->ctx, take the lock per
 * message, and are flagged NLM_F_DUMP_INTR when the fabric's generation
 * moved under them.
 */
#include <linux/module.h>

#include "nl.h"
#include "version.h"

/**
 * ophoton_nl_pre_doit() - find, hold and lock the fabric a request names
 * @ops: the op; only ops flagged %OPHOTON_NL_NEED_FABRIC name one
 * @skb: the request
 * @info: request info; the fabric goes to user_ptr[0]
 *
 * Return: 0, -EINVAL without a fabric id, or -ENODEV with an extended ACK.
 */
int ophoton_nl_pre_doit(OPHOTON_GENL_OPS *ops, struct sk_buff *skb,
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
	ophoton_err_fmt(info->extack, "no such fabric in this network namespace", ": %u",
			nla_get_u32(info->attrs[OPHOTON_A_FABRIC_ID]));
	NL_SET_BAD_ATTR(info->extack, info->attrs[OPHOTON_A_FABRIC_ID]);
	return -ENODEV;
}

/**
 * ophoton_nl_post_doit() - release the fabric pre_doit locked
 * @ops: the op
 * @skb: the request
 * @info: request info
 */
void ophoton_nl_post_doit(OPHOTON_GENL_OPS *ops, struct sk_buff *skb,
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
 * ophoton_nl_version_get_doit() - VERSION_GET: the module's and the protocol's versions
 * @skb: request
 * @info: request info
 *
 * Return: 0 or a negative errno.
 */
int ophoton_nl_version_get_doit(struct sk_buff *skb, struct genl_info *info)
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
