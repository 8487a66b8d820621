// SPDX-License-Identifier: GPL-2.0
/*
 * ophotonctl: "version": the CLI's version and the loaded module's.
 */
#include <stdio.h>
#include <linux/ophoton.h>

#include "nl.h"
#include "ophotonctl.h"
#include "out.h"

static int version_reply(const struct nlmsghdr *nlh, struct nlattr **tb, void *arg)
{
	(void)nlh;
	(void)arg;
	if (!tb[OPHOTON_A_VERSION_MODULE] || !tb[OPHOTON_A_VERSION_PROTO]) {
		perr("ophotonctl: version reply lacks its attributes\n");
		return EXIT_FAILED;
	}
	out_str("version-module", "module",
		nla_get_string(tb[OPHOTON_A_VERSION_MODULE]));
	out_u64("version-proto", "protocol",
		nla_get_u32(tb[OPHOTON_A_VERSION_PROTO]));
	return EXIT_OK;
}

static int version_show(struct ctx *c, int argc, char **argv)
{
	struct onl_err err;
	struct nl_msg *msg;
	struct onl nl;
	int ret;

	if (argc > 0)
		return usage_error(c, "unexpected argument '%s'", argv[0]);

	/* The CLI's own version is known even when the module is absent. */
	out_object_start(NULL);
	out_str("cli-version", "ophotonctl", OPHOTON_VERSION);
	out_newline();

	ret = onl_open(&nl);
	if (ret)
		goto out;
	msg = onl_msg(&nl, OPHOTON_CMD_VERSION_GET, 0);
	if (!msg) {
		ret = EXIT_FAILED;
		goto out_close;
	}
	ret = onl_request(&nl, msg, version_reply, NULL, &err);
	if (err.error)
		onl_print_err("version", &err);
out_close:
	onl_close(&nl);
out:
	out_object_end();
	out_flush();
	return ret;
}

static const struct cmd version_cmds[] = {
	{ "show", "", "print the versions of ophotonctl and of the loaded module",
	  version_show },
};

const struct object obj_version = {
	.name = "version",
	.help = "versions of the tool, the module and the protocol",
	.cmds = version_cmds,
	.ncmds = sizeof(version_cmds) / sizeof(version_cmds[0]),
};
