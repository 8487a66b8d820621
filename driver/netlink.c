// SPDX-License-Identifier: GPL-2.0
/*
 * ophoton: the "ophoton" generic netlink family.
 *
 * This file only translates between netlink messages and the rest of the
 * module.  Every command has its own policy (struct genl_ops rather than
 * genl_small_ops, because 6.1 has no split ops) and resv_start_op is left
 * at zero, so the core validates every request strictly and rejects
 * attributes of commands that take none.
 */
#include <linux/module.h>
#include <net/genetlink.h>
#include <uapi/linux/ophoton.h>

#include "ophoton.h"
#include "version.h"

static struct genl_family ophoton_nl_family;

static int ophoton_nl_version_get_doit(struct sk_buff *skb,
				       struct genl_info *info)
{
	struct sk_buff *msg;
	void *hdr;

	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;

	hdr = genlmsg_put_reply(msg, info, &ophoton_nl_family, 0,
				OPHOTON_CMD_VERSION_GET);
	if (!hdr)
		goto err_free_msg;

	if (nla_put_string(msg, OPHOTON_A_VERSION_MODULE, OPHOTON_VERSION) ||
	    nla_put_u32(msg, OPHOTON_A_VERSION_PROTO, OPHOTON_GENL_VERSION))
		goto err_cancel_msg;

	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);

err_cancel_msg:
	genlmsg_cancel(msg, hdr);
err_free_msg:
	nlmsg_free(msg);
	return -EMSGSIZE;
}

static const struct genl_ops ophoton_nl_ops[] = {
	{
		/* No policy: the core then rejects every attribute. */
		.cmd	= OPHOTON_CMD_VERSION_GET,
		.doit	= ophoton_nl_version_get_doit,
	},
};

static struct genl_family ophoton_nl_family __ro_after_init = {
	.name		= OPHOTON_GENL_NAME,
	.version	= OPHOTON_GENL_VERSION,
	.maxattr	= OPHOTON_A_MAX,
	.netnsok	= true,
	.parallel_ops	= true,
	.module		= THIS_MODULE,
	.ops		= ophoton_nl_ops,
	.n_ops		= ARRAY_SIZE(ophoton_nl_ops),
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
