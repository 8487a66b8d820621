// SPDX-License-Identifier: GPL-2.0
/*
 * The module parameters: default_fabric=1 creates one full-size fabric at
 * load, with its shape in sysfs and over netlink; sim_ops=0 refuses every
 * simulation op, saying why, and leaves the read and management ops alone.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <linux/ophoton.h>

#include "genl.h"
#include "kselftest_harness.h"
#include "requests.h"

#define FAB		9
#define FAB_NEW		"9 " FAB_SHAPE
#define SYSFS_FAB0	"/sys/bus/ophoton/devices/ophoton0/"

FIXTURE(params) {
	struct genl_sock s;
	struct genl_reply *r;
	int family;
};

FIXTURE_SETUP(params)
{
	if (geteuid())
		SKIP(return, "needs root to load modules");
	if (module_loaded("ophoton"))
		SKIP(return, "ophoton is already loaded");
	self->r = calloc(1, sizeof(*self->r));
	ASSERT_NE(NULL, self->r);
	self->s.fd = -1;
}

FIXTURE_TEARDOWN(params)
{
	free(self->r);
	if (self->s.fd >= 0)
		genl_close(&self->s);
	if (module_loaded("ophoton"))
		EXPECT_EQ(0, module_unload("ophoton"));
}

/* Load ophoton.ko with @params and resolve the family. */
static int load_with(FIXTURE_DATA(params) *self, const char *params)
{
	int fd = open(ophoton_ko_path(), O_RDONLY | O_CLOEXEC), ret;

	if (fd < 0)
		return -errno;
	ret = syscall(SYS_finit_module, fd, params, 0) ? -errno : 0;
	close(fd);
	if (ret)
		return ret;
	if (genl_open(&self->s))
		return -EIO;
	self->family = genl_family_id(&self->s, OPHOTON_GENL_NAME);
	return self->family > 0 ? 0 : -ENOENT;
}

static void *req_init(FIXTURE_DATA(params) *self, char *req, uint8_t cmd)
{
	genl_msg_init(req, (uint16_t)self->family, cmd, OPHOTON_GENL_VERSION, 0);
	genl_put_u32(req, OPHOTON_A_FABRIC_ID, FAB);
	return req;
}

static uint32_t reply_u32(FIXTURE_DATA(params) *self, uint16_t type)
{
	const struct nlattr *a = genl_attr((struct nlmsghdr *)self->r->buf, type);
	uint32_t v = ~0U;

	if (a)
		memcpy(&v, (const char *)a + NLA_HDRLEN, sizeof(v));
	return v;
}

static int read_sysfs_u32(const char *path, uint32_t *v)
{
	FILE *f = fopen(path, "r");
	int n;

	if (!f)
		return -errno;
	n = fscanf(f, "%u", v);
	fclose(f);
	return n == 1 ? 0 : -EINVAL;
}

TEST_F(params, default_fabric_is_one_1024_gpu_fabric_with_its_shape_in_sysfs)
{
	char req[256] __attribute__((aligned(4)));
	uint32_t v;

	ASSERT_EQ(0, load_with(self, "default_fabric=1"));
	genl_msg_init(req, (uint16_t)self->family, OPHOTON_CMD_FABRIC_GET,
		      OPHOTON_GENL_VERSION, 0);
	genl_put_u32(req, OPHOTON_A_FABRIC_ID, 0);
	ASSERT_EQ(0, genl_transact(&self->s, req, self->r));
	ASSERT_EQ(0, self->r->error) TH_LOG("%s", self->r->extack);
	EXPECT_EQ(1024U, reply_u32(self, OPHOTON_A_FABRIC_GPUS));
	EXPECT_EQ(32768U, reply_u32(self, OPHOTON_A_FABRIC_LINKS));
	/* The same shape, read by anyone from sysfs. */
	ASSERT_EQ(0, read_sysfs_u32(SYSFS_FAB0 "gpus", &v));
	EXPECT_EQ(1024U, v);
	ASSERT_EQ(0, read_sysfs_u32(SYSFS_FAB0 "links", &v));
	EXPECT_EQ(32768U, v);
	ASSERT_EQ(0, read_sysfs_u32(SYSFS_FAB0 "lambdas", &v));
	EXPECT_EQ(16U, v);
	ASSERT_EQ(0, read_sysfs_u32(SYSFS_FAB0 "model_bytes", &v));
	EXPECT_LT(0U, v);
}

TEST_F(params, without_default_fabric_the_bus_starts_empty)
{
	ASSERT_EQ(0, load_with(self, ""));
	EXPECT_NE(0, access(SYSFS_FAB0, F_OK));
}

TEST_F(params, sim_ops_0_refuses_every_simulation_op_and_only_those)
{
	char req[256] __attribute__((aligned(4)));
	static const uint8_t sims[] = {
		OPHOTON_CMD_SIM_MODULE, OPHOTON_CMD_SIM_FAULT, OPHOTON_CMD_SIM_CLOCK,
	};

	ASSERT_EQ(0, load_with(self, "sim_ops=0"));
	ASSERT_EQ(0, sysfs_write("/sys/bus/ophoton/new_device", FAB_NEW));
	for (size_t i = 0; i < sizeof(sims); i++) {
		/* Valid, so that only sim_ops=0 can be the reason to refuse. */
		ASSERT_EQ(0, valid_request(req, self->family, sims[i], FAB));
		ASSERT_EQ(0, genl_transact(&self->s, req, self->r));
		EXPECT_EQ(-EOPNOTSUPP, self->r->error) TH_LOG("sim op %u", sims[i]);
		EXPECT_NE(NULL, strstr(self->r->extack, "sim_ops=0"))
			TH_LOG("sim op %u: '%s'", sims[i], self->r->extack);
	}
	/* Reads and management are not simulation. */
	req_init(self, req, OPHOTON_CMD_LINK_GET);
	genl_put_u32(req, OPHOTON_A_LINK_ID, 0);
	ASSERT_EQ(0, genl_transact(&self->s, req, self->r));
	EXPECT_EQ(0, self->r->error) TH_LOG("%s", self->r->extack);
	req_init(self, req, OPHOTON_CMD_FABRIC_SET);
	genl_put_u8(req, OPHOTON_A_FABRIC_ACTION, OPHOTON_FABRIC_ACTION_UP);
	ASSERT_EQ(0, genl_transact(&self->s, req, self->r));
	EXPECT_EQ(0, self->r->error) TH_LOG("%s", self->r->extack);
	/* Nothing was pulled out: the module SIM_MODULE named is still there. */
	req_init(self, req, OPHOTON_CMD_MODULE_GET);
	genl_put_u8(req, OPHOTON_A_SIDE, OPHOTON_SIDE_SWITCH);
	genl_put_u32(req, OPHOTON_A_MODULE_ID, VALID_REMOVED_MODULE);
	ASSERT_EQ(0, genl_transact(&self->s, req, self->r));
	EXPECT_EQ(0, self->r->error) TH_LOG("%s", self->r->extack);
	ASSERT_NE(NULL, genl_attr((struct nlmsghdr *)self->r->buf, OPHOTON_A_MODULE_STATE));
	EXPECT_NE((uint32_t)OPHOTON_MODULE_STATE_ABSENT, reply_u32(self, OPHOTON_A_MODULE_STATE) & 0xff);
	EXPECT_EQ(0, sysfs_write("/sys/bus/ophoton/del_device", "9"));
}

TEST_HARNESS_MAIN
