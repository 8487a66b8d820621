/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The fixture the ophoton selftests share: the module loaded, one small
 * fabric on the bus, a generic netlink socket, and request helpers.
 */
#ifndef OPHOTON_SELFTEST_FIXTURE_H
#define OPHOTON_SELFTEST_FIXTURE_H

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <linux/ophoton.h>

#include "genl.h"
#include "kselftest_harness.h"
#include "requests.h"

/*
 * A line of the test's figures ("# figures: ..."), out at once: the
 * harness ends each test with _exit(), which flushes nothing, so a line
 * left in stdio's buffer is lost whenever stdout is a pipe, as it is
 * under "make reliability", whose summary is made of these lines.
 */
static inline void __attribute__((format(printf, 1, 2))) tell(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	fflush(stdout);
}

#define FAB		7
#define FAB_STR		"7"
#define NEW_DEVICE	"/sys/bus/ophoton/new_device"
#define DEL_DEVICE	"/sys/bus/ophoton/del_device"

FIXTURE(fabric) {
	struct genl_sock s;
	struct genl_reply *r;
	int family;
	int loaded;
};

FIXTURE_SETUP(fabric)
{
	int err;

	if (geteuid())
		SKIP(return, "needs root to load modules");
	self->loaded = 0;
	if (!module_loaded("ophoton")) {
		err = module_load(ophoton_ko_path());
		ASSERT_EQ(0, err) TH_LOG("loading %s: %s", ophoton_ko_path(), strerror(-err));
		self->loaded = 1;
	}
	ASSERT_EQ(0, sysfs_write(NEW_DEVICE, FAB_STR " " FAB_SHAPE));
	ASSERT_EQ(0, genl_open(&self->s));
	self->family = genl_family_id(&self->s, OPHOTON_GENL_NAME);
	ASSERT_LT(0, self->family);
	self->r = calloc(1, sizeof(*self->r));
	ASSERT_NE(NULL, self->r);
}

FIXTURE_TEARDOWN(fabric)
{
	free(self->r);
	genl_close(&self->s);
	sysfs_write(DEL_DEVICE, FAB_STR);
	if (self->loaded)
		EXPECT_EQ(0, module_unload("ophoton"));
}

static inline int request(struct __test_metadata *_metadata, FIXTURE_DATA(fabric) *self,
		   char *req)
{
	ASSERT_EQ(0, genl_transact(&self->s, req, self->r));
	return self->r->error;
}

static inline void *msg_init(FIXTURE_DATA(fabric) *self, char *req, uint8_t cmd)
{
	genl_msg_init(req, self->family, cmd, OPHOTON_GENL_VERSION, 0);
	return req;
}

/* A request on fabric @fab with the usual first attribute. */
static inline void *fab_msg(FIXTURE_DATA(fabric) *self, char *req, uint8_t cmd, uint32_t fab)
{
	msg_init(self, req, cmd);
	genl_put_u32(req, OPHOTON_A_FABRIC_ID, fab);
	return req;
}

/* Links up in fabric @fab, from FABRIC_GET with stats (links-up comes first). */
static inline uint32_t links_up_of(struct __test_metadata *_metadata,
				   FIXTURE_DATA(fabric) *self, uint32_t fab)
{
	char req[256] __attribute__((aligned(4)));
	const struct nlattr *st;
	uint32_t v = 0;

	fab_msg(self, req, OPHOTON_CMD_FABRIC_GET, fab);
	genl_put_flag(req, OPHOTON_A_STATS);
	EXPECT_EQ(0, request(_metadata, self, req));
	st = genl_attr((struct nlmsghdr *)self->r->buf, OPHOTON_A_FABRIC_STATS);
	if (!st)
		return 0;
	st = (const struct nlattr *)((const char *)st + NLA_HDRLEN);
	if (st->nla_type == OPHOTON_A_FABRIC_STATS_LINKS_UP)
		memcpy(&v, (const char *)st + NLA_HDRLEN, 4);
	return v;
}

static inline uint32_t links_up(struct __test_metadata *_metadata,
				FIXTURE_DATA(fabric) *self)
{
	return links_up_of(_metadata, self, FAB);
}

static inline int bring_up(struct __test_metadata *_metadata, FIXTURE_DATA(fabric) *self)
{
	char req[256] __attribute__((aligned(4)));
	int i;

	msg_init(self, req, OPHOTON_CMD_FABRIC_SET);
	genl_put_u32(req, OPHOTON_A_FABRIC_ID, FAB);
	genl_put_u8(req, OPHOTON_A_FABRIC_ACTION, OPHOTON_FABRIC_ACTION_UP);
	EXPECT_EQ(0, request(_metadata, self, req));
	/* 6.6 virtual seconds at x1000; allow a slow emulated machine 30 s. */
	for (i = 0; i < 300; i++) {
		if (links_up(_metadata, self) == FAB_LINKS)
			return 1;
		usleep(100000);
	}
	return 0;
}

/* Step the virtual clock, so tests need not wait for real time. */
static inline void step(struct __test_metadata *_metadata, FIXTURE_DATA(fabric) *self,
		 uint32_t fab, uint64_t ns)
{
	char req[256] __attribute__((aligned(4)));
	uint64_t v = ns;

	fab_msg(self, req, OPHOTON_CMD_SIM_CLOCK, fab);
	genl_put_u64(req, OPHOTON_A_SIM_STEP_NS, v);
	EXPECT_EQ(0, request(_metadata, self, req));
}

/* State of GPU-side laser module slot @mod; *@safe: safe to remove. */
static inline uint8_t module_state(struct __test_metadata *_metadata,
				   FIXTURE_DATA(fabric) *self, uint32_t fab, uint32_t mod,
				   int *safe)
{
	char req[256] __attribute__((aligned(4)));
	struct nlmsghdr *nlh = (struct nlmsghdr *)self->r->buf;

	fab_msg(self, req, OPHOTON_CMD_MODULE_GET, fab);
	genl_put_u8(req, OPHOTON_A_SIDE, OPHOTON_SIDE_GPU);
	genl_put_u32(req, OPHOTON_A_MODULE_ID, mod);
	EXPECT_EQ(0, request(_metadata, self, req));
	if (safe)
		*safe = genl_attr(nlh, OPHOTON_A_MODULE_SAFE_TO_REMOVE) != NULL;
	return genl_u8(nlh, OPHOTON_A_MODULE_STATE, 0xff);
}

/* @cmd (MODULE_ACT or SIM_MODULE) with @attr = @action on GPU-side slot @mod. */
static inline int module_act(struct __test_metadata *_metadata,
			     FIXTURE_DATA(fabric) *self, uint32_t fab, uint8_t cmd,
			     uint8_t attr, uint8_t action, uint32_t mod)
{
	char req[256] __attribute__((aligned(4)));

	fab_msg(self, req, cmd, fab);
	genl_put_u8(req, OPHOTON_A_SIDE, OPHOTON_SIDE_GPU);
	genl_put_u32(req, OPHOTON_A_MODULE_ID, mod);
	genl_put_u8(req, attr, action);
	return request(_metadata, self, req);
}

/* The virtual clock then follows real time one to one: the steps move it. */
static inline void real_time(struct __test_metadata *_metadata, FIXTURE_DATA(fabric) *self)
{
	char req[256] __attribute__((aligned(4)));

	fab_msg(self, req, OPHOTON_CMD_FABRIC_SET, FAB);
	genl_put_u32(req, OPHOTON_A_FABRIC_TIME_SCALE, 1);
	ASSERT_EQ(0, request(_metadata, self, req));
}

/* Lasers 0, 1 and 2 of GPU-side module 2 die (INSERT), or come back (REMOVE). */
static inline void laser_deaths(struct __test_metadata *_metadata, FIXTURE_DATA(fabric) *self,
			 uint8_t action)
{
	char req[256] __attribute__((aligned(4)));
	int k;

	for (k = 0; k < 3; k++) {
		fab_msg(self, req, OPHOTON_CMD_SIM_FAULT, FAB);
		genl_put_u8(req, OPHOTON_A_FAULT_KIND, OPHOTON_FAULT_LASER_DEATH);
		genl_put_u32(req, OPHOTON_A_FAULT_TARGET, 2);
		genl_put_u8(req, OPHOTON_A_LANE, k);
		genl_put_u8(req, OPHOTON_A_SIM_ACTION, action);
		ASSERT_EQ(0, request(_metadata, self, req));
	}
}

#endif /* OPHOTON_SELFTEST_FIXTURE_H */
