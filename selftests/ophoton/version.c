// SPDX-License-Identifier: GPL-2.0
/*
 * The module loads, registers the "ophoton" family, answers the version
 * command strictly, and unloads leaving no family behind.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <linux/ophoton.h>

#include "genl.h"
#include "kselftest_harness.h"

FIXTURE(module) {
	struct genl_sock s;
	struct genl_reply *r;
	int family;
};

FIXTURE_SETUP(module)
{
	int err;

	if (geteuid())
		SKIP(return, "needs root to load modules");
	if (module_loaded("ophoton"))
		SKIP(return, "ophoton is already loaded");
	err = module_load(ophoton_ko_path());
	ASSERT_EQ(0, err) TH_LOG("loading %s: %s", ophoton_ko_path(), strerror(-err));
	ASSERT_EQ(0, genl_open(&self->s));
	self->family = genl_family_id(&self->s, OPHOTON_GENL_NAME);
	ASSERT_LT(0, self->family);
	self->r = calloc(1, sizeof(*self->r));
	ASSERT_NE(NULL, self->r);
}

FIXTURE_TEARDOWN(module)
{
	free(self->r);
	genl_close(&self->s);
	if (module_loaded("ophoton"))
		EXPECT_EQ(0, module_unload("ophoton"));
}

TEST_F(module, version_reports_module_and_protocol)
{
	char req[256] __attribute__((aligned(4)));
	const struct nlattr *mod, *proto;
	struct nlmsghdr *nlh;

	genl_msg_init(req, self->family, OPHOTON_CMD_VERSION_GET,
		      OPHOTON_GENL_VERSION, 0);
	ASSERT_EQ(0, genl_transact(&self->s, req, self->r));
	ASSERT_EQ(0, self->r->error);
	ASSERT_LT(0, self->r->len);
	nlh = (struct nlmsghdr *)self->r->buf;
	mod = genl_attr(nlh, OPHOTON_A_VERSION_MODULE);
	proto = genl_attr(nlh, OPHOTON_A_VERSION_PROTO);
	ASSERT_NE(NULL, mod);
	ASSERT_NE(NULL, proto);
	EXPECT_STREQ(OPHOTON_VERSION, (char *)mod + NLA_HDRLEN);
	EXPECT_EQ((uint32_t)OPHOTON_GENL_VERSION, *(uint32_t *)((char *)proto + NLA_HDRLEN));
}

TEST_F(module, version_refuses_unexpected_attribute)
{
	char req[256] __attribute__((aligned(4)));

	genl_msg_init(req, self->family, OPHOTON_CMD_VERSION_GET,
		      OPHOTON_GENL_VERSION, 0);
	genl_put_u32(req, OPHOTON_A_VERSION_PROTO, 1);
	ASSERT_EQ(0, genl_transact(&self->s, req, self->r));
	EXPECT_EQ(-EINVAL, self->r->error);
	/* The extended ACK points at the offending attribute. */
	EXPECT_EQ((uint32_t)(NLMSG_HDRLEN + GENL_HDRLEN), self->r->extack_offs);
	EXPECT_NE(0, self->r->extack[0]);
}

TEST_F(module, unknown_command_is_refused)
{
	char req[256] __attribute__((aligned(4)));

	genl_msg_init(req, self->family, OPHOTON_CMD_MAX + 1,
		      OPHOTON_GENL_VERSION, 0);
	ASSERT_EQ(0, genl_transact(&self->s, req, self->r));
	EXPECT_EQ(-EOPNOTSUPP, self->r->error);
}

TEST_F(module, unload_removes_family)
{
	ASSERT_EQ(0, module_unload("ophoton"));
	EXPECT_EQ(-ENOENT, genl_family_id(&self->s, OPHOTON_GENL_NAME));
}

TEST_HARNESS_MAIN
