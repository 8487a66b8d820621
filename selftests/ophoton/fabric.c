// SPDX-License-Identifier: GPL-2.0
/*
 * Fabrics on the ophoton bus and their links over generic netlink: the
 * life of a fabric, its shape, bring-up, dumps, link management, errors
 * and notifications.
 */
#include <errno.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <linux/ophoton.h>

#include "genl.h"
#include "kselftest_harness.h"

#define FAB		7
#define FAB_STR		"7"
/* 2 racks x 2 trays x 2 GPUs, 2 engines x 4 ports x 8 lanes: 64 links. */
#define FAB_SHAPE	"racks=2 trays=2 slots=2 engines=2 ports=4 lambdas=8 " \
			"min_lanes=6 switch_racks=2 time_scale=1000"
#define FAB_LINKS	64
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

static int request(struct __test_metadata *_metadata, FIXTURE_DATA(fabric) *self,
		   char *req)
{
	ASSERT_EQ(0, genl_transact(&self->s, req, self->r));
	return self->r->error;
}

static void *msg_init(FIXTURE_DATA(fabric) *self, char *req, uint8_t cmd)
{
	genl_msg_init(req, self->family, cmd, OPHOTON_GENL_VERSION, 0);
	return req;
}

/* Links up, from FABRIC_GET with stats. */
static uint32_t links_up(struct __test_metadata *_metadata,
			 FIXTURE_DATA(fabric) *self)
{
	char req[256] __attribute__((aligned(4)));
	const struct nlattr *st;
	struct nlmsghdr *nlh;
	uint32_t v = 0;

	msg_init(self, req, OPHOTON_CMD_FABRIC_GET);
	genl_put_u32(req, OPHOTON_A_FABRIC_ID, FAB);
	genl_put_flag(req, OPHOTON_A_STATS);
	EXPECT_EQ(0, request(_metadata, self, req));
	nlh = (struct nlmsghdr *)self->r->buf;
	st = genl_attr(nlh, OPHOTON_A_FABRIC_STATS);
	if (!st)
		return 0;
	/* The first attribute of the nest is links-up. */
	st = (const struct nlattr *)((const char *)st + NLA_HDRLEN);
	if (st->nla_type == OPHOTON_A_FABRIC_STATS_LINKS_UP)
		memcpy(&v, (const char *)st + NLA_HDRLEN, 4);
	return v;
}

static int bring_up(struct __test_metadata *_metadata, FIXTURE_DATA(fabric) *self)
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

TEST_F(fabric, new_device_refuses_bad_parameters_and_duplicates)
{
	EXPECT_EQ(-EEXIST, sysfs_write(NEW_DEVICE, FAB_STR));
	EXPECT_EQ(-EINVAL, sysfs_write(NEW_DEVICE, "8 lambdas=99"));
	EXPECT_EQ(-EINVAL, sysfs_write(NEW_DEVICE, "8 bogus=1"));
	EXPECT_EQ(-EINVAL, sysfs_write(NEW_DEVICE, "8 gpus=100"));
	EXPECT_EQ(-EINVAL, sysfs_write(NEW_DEVICE, "8 feed=ring"));
	EXPECT_EQ(-EINVAL, sysfs_write(NEW_DEVICE, "nope"));
	EXPECT_EQ(-EINVAL, sysfs_write(NEW_DEVICE, "70000"));
	EXPECT_EQ(-ENOENT, sysfs_write(DEL_DEVICE, "8"));
	EXPECT_NE(0, access("/sys/bus/ophoton/devices/ophoton8", F_OK));
}

TEST_F(fabric, fabric_get_reports_the_shape)
{
	char req[256] __attribute__((aligned(4)));
	struct nlmsghdr *nlh;

	msg_init(self, req, OPHOTON_CMD_FABRIC_GET);
	genl_put_u32(req, OPHOTON_A_FABRIC_ID, FAB);
	ASSERT_EQ(0, request(_metadata, self, req));
	nlh = (struct nlmsghdr *)self->r->buf;
	EXPECT_EQ(8U, genl_u32(nlh, OPHOTON_A_FABRIC_GPUS, 0));
	EXPECT_EQ((uint32_t)FAB_LINKS, genl_u32(nlh, OPHOTON_A_FABRIC_LINKS, 0));
	EXPECT_EQ(8U, genl_u32(nlh, OPHOTON_A_FABRIC_LAMBDAS, 0));
	EXPECT_EQ(1000U, genl_u32(nlh, OPHOTON_A_FABRIC_TIME_SCALE, 0));
	EXPECT_EQ(OPHOTON_FEED_BLOCK, genl_u8(nlh, OPHOTON_A_FABRIC_FEED, 9));
	/* Without the stats flag there are no stats. */
	EXPECT_EQ(NULL, genl_attr(nlh, OPHOTON_A_FABRIC_STATS));
}

TEST_F(fabric, unknown_fabric_is_refused_naming_the_attribute)
{
	char req[256] __attribute__((aligned(4)));

	msg_init(self, req, OPHOTON_CMD_FABRIC_GET);
	genl_put_u32(req, OPHOTON_A_FABRIC_ID, 4242);
	EXPECT_EQ(-ENODEV, request(_metadata, self, req));
	EXPECT_EQ((uint32_t)(NLMSG_HDRLEN + GENL_HDRLEN), self->r->extack_offs);
	EXPECT_NE(0, self->r->extack[0]);
	/* Missing the fabric id altogether. */
	msg_init(self, req, OPHOTON_CMD_FABRIC_GET);
	EXPECT_EQ(-EINVAL, request(_metadata, self, req));
	/* Out of the policy's range. */
	msg_init(self, req, OPHOTON_CMD_FABRIC_GET);
	genl_put_u32(req, OPHOTON_A_FABRIC_ID, 70000);
	EXPECT_NE(0, request(_metadata, self, req));
}

static void count_fabric(const struct nlmsghdr *nlh, void *arg)
{
	if (genl_u32(nlh, OPHOTON_A_FABRIC_ID, ~0U) == FAB)
		(*(int *)arg)++;
}

TEST_F(fabric, fabric_dump_lists_the_fabric)
{
	char req[256] __attribute__((aligned(4)));
	int seen = 0, intr;

	msg_init(self, req, OPHOTON_CMD_FABRIC_GET);
	EXPECT_LE(1, genl_dump(&self->s, req, 65536, count_fabric, &seen, &intr));
	EXPECT_EQ(1, seen);
}

TEST_F(fabric, link_id_out_of_range_is_refused_naming_the_attribute)
{
	char req[256] __attribute__((aligned(4)));

	msg_init(self, req, OPHOTON_CMD_LINK_GET);
	genl_put_u32(req, OPHOTON_A_FABRIC_ID, FAB);
	genl_put_u32(req, OPHOTON_A_LINK_ID, FAB_LINKS);
	EXPECT_EQ(-ERANGE, request(_metadata, self, req));
	/* The second attribute: header, then 8 bytes of fabric id. */
	EXPECT_EQ((uint32_t)(NLMSG_HDRLEN + GENL_HDRLEN + 8), self->r->extack_offs);
	EXPECT_NE(NULL, strstr(self->r->extack, "out of range"));
}

struct link_seen {
	int n;
	int ordered;
	uint32_t last;
	uint32_t gpu_mismatch;
	uint32_t up;
};

static void collect_links(const struct nlmsghdr *nlh, void *arg)
{
	struct link_seen *ls = arg;
	uint32_t id = genl_u32(nlh, OPHOTON_A_LINK_ID, ~0U);

	if (ls->n && id <= ls->last)
		ls->ordered = 0;
	ls->last = id;
	ls->n++;
	if (genl_u8(nlh, OPHOTON_A_LINK_STATE, 0xff) == OPHOTON_LINK_STATE_UP)
		ls->up++;
	if (genl_u32(nlh, OPHOTON_A_GPU_ID, ~0U) != id / 8)
		ls->gpu_mismatch++;
}

TEST_F(fabric, bring_up_brings_every_link_up_and_dumps_resume)
{
	char req[256] __attribute__((aligned(4)));
	struct link_seen ls = { .ordered = 1 };
	struct genl_sock small;
	int intr;

	ASSERT_TRUE(bring_up(_metadata, self));
	/*
	 * A 4 KiB receive buffer on a fresh socket (the kernel sizes dump
	 * messages by the largest read it has seen): the dump resumes
	 * several times.
	 */
	ASSERT_EQ(0, genl_open(&small));
	msg_init(self, req, OPHOTON_CMD_LINK_GET);
	genl_put_u32(req, OPHOTON_A_FABRIC_ID, FAB);
	genl_put_flag(req, OPHOTON_A_STATS);
	EXPECT_EQ(FAB_LINKS, genl_dump(&small, req, 4096, collect_links, &ls, &intr));
	genl_close(&small);
	EXPECT_EQ(FAB_LINKS, ls.n);
	EXPECT_EQ(FAB_LINKS, (int)ls.up);
	EXPECT_TRUE(ls.ordered);
	EXPECT_EQ(0U, ls.gpu_mismatch);
	EXPECT_EQ(0, intr);
}

TEST_F(fabric, link_dump_filters_by_gpu_and_health)
{
	char req[256] __attribute__((aligned(4)));
	struct link_seen ls = { .ordered = 1 };
	int intr;

	ASSERT_TRUE(bring_up(_metadata, self));
	msg_init(self, req, OPHOTON_CMD_LINK_GET);
	genl_put_u32(req, OPHOTON_A_FABRIC_ID, FAB);
	genl_put_u32(req, OPHOTON_A_GPU_ID, 3);
	EXPECT_EQ(8, genl_dump(&self->s, req, 65536, collect_links, &ls, &intr));
	EXPECT_EQ(24U, ls.last - 7);

	msg_init(self, req, OPHOTON_CMD_LINK_SET);
	genl_put_u32(req, OPHOTON_A_FABRIC_ID, FAB);
	genl_put_u32(req, OPHOTON_A_LINK_ID, 9);
	genl_put_u8(req, OPHOTON_A_LINK_ACTION, OPHOTON_LINK_ACTION_DOWN);
	ASSERT_EQ(0, request(_metadata, self, req));
	memset(&ls, 0, sizeof(ls));
	msg_init(self, req, OPHOTON_CMD_LINK_GET);
	genl_put_u32(req, OPHOTON_A_FABRIC_ID, FAB);
	genl_put_flag(req, OPHOTON_A_UNHEALTHY);
	EXPECT_EQ(1, genl_dump(&self->s, req, 65536, collect_links, &ls, &intr));
	EXPECT_EQ(9U, ls.last);

	msg_init(self, req, OPHOTON_CMD_LINK_GET);
	genl_put_u32(req, OPHOTON_A_FABRIC_ID, FAB);
	genl_put_u32(req, OPHOTON_A_GPU_ID, 99);
	EXPECT_EQ(-ERANGE, genl_dump(&self->s, req, 65536, collect_links, &ls, &intr));
	msg_init(self, req, OPHOTON_CMD_LINK_GET);
	genl_put_u32(req, OPHOTON_A_FABRIC_ID, 4242);
	EXPECT_EQ(-ENODEV, genl_dump(&self->s, req, 65536, collect_links, &ls, &intr));
}

TEST_F(fabric, link_set_errors_name_the_attribute)
{
	char req[256] __attribute__((aligned(4)));

	/* A link that is down cannot retrain. */
	msg_init(self, req, OPHOTON_CMD_LINK_SET);
	genl_put_u32(req, OPHOTON_A_FABRIC_ID, FAB);
	genl_put_u32(req, OPHOTON_A_LINK_ID, 1);
	genl_put_u8(req, OPHOTON_A_LINK_ACTION, OPHOTON_LINK_ACTION_RETRAIN);
	EXPECT_EQ(-ENETDOWN, request(_metadata, self, req));
	EXPECT_NE(NULL, strstr(self->r->extack, "down"));
	EXPECT_EQ((uint32_t)(NLMSG_HDRLEN + GENL_HDRLEN + 16), self->r->extack_offs);
	/* An action outside the policy's range. */
	msg_init(self, req, OPHOTON_CMD_LINK_SET);
	genl_put_u32(req, OPHOTON_A_FABRIC_ID, FAB);
	genl_put_u32(req, OPHOTON_A_LINK_ID, 1);
	genl_put_u8(req, OPHOTON_A_LINK_ACTION, 9);
	EXPECT_NE(0, request(_metadata, self, req));
	EXPECT_EQ((uint32_t)(NLMSG_HDRLEN + GENL_HDRLEN + 16), self->r->extack_offs);
	/* No action at all. */
	msg_init(self, req, OPHOTON_CMD_LINK_SET);
	genl_put_u32(req, OPHOTON_A_FABRIC_ID, FAB);
	genl_put_u32(req, OPHOTON_A_LINK_ID, 1);
	EXPECT_EQ(-EINVAL, request(_metadata, self, req));
	/* Repeating a request is harmless. */
	msg_init(self, req, OPHOTON_CMD_LINK_SET);
	genl_put_u32(req, OPHOTON_A_FABRIC_ID, FAB);
	genl_put_u32(req, OPHOTON_A_LINK_ID, 1);
	genl_put_u8(req, OPHOTON_A_LINK_ACTION, OPHOTON_LINK_ACTION_DOWN);
	EXPECT_EQ(0, request(_metadata, self, req));
	EXPECT_EQ(0, request(_metadata, self, req));
}

TEST_F(fabric, link_changes_are_notified_in_sequence)
{
	char req[256] __attribute__((aligned(4)));
	struct genl_sock mon;
	char buf[8192] __attribute__((aligned(4)));
	uint64_t last_seq = 0;
	int gaps = 0, saw_down = 0, saw_up = 0, i, n;

	ASSERT_TRUE(bring_up(_metadata, self));
	ASSERT_EQ(0, genl_open(&mon));
	ASSERT_EQ(0, genl_join(&mon, OPHOTON_GENL_NAME, OPHOTON_MCGRP_CONFIG));

	msg_init(self, req, OPHOTON_CMD_LINK_SET);
	genl_put_u32(req, OPHOTON_A_FABRIC_ID, FAB);
	genl_put_u32(req, OPHOTON_A_LINK_ID, 5);
	genl_put_u8(req, OPHOTON_A_LINK_ACTION, OPHOTON_LINK_ACTION_DOWN);
	ASSERT_EQ(0, request(_metadata, self, req));
	msg_init(self, req, OPHOTON_CMD_LINK_SET);
	genl_put_u32(req, OPHOTON_A_FABRIC_ID, FAB);
	genl_put_u32(req, OPHOTON_A_LINK_ID, 5);
	genl_put_u8(req, OPHOTON_A_LINK_ACTION, OPHOTON_LINK_ACTION_UP);
	ASSERT_EQ(0, request(_metadata, self, req));

	for (i = 0; i < 100 && !saw_up; i++) {
		struct nlmsghdr *nlh = (struct nlmsghdr *)buf;
		struct genlmsghdr *g = NLMSG_DATA(nlh);
		uint64_t seq;

		n = genl_recv_ntf(&mon, buf, sizeof(buf), 300);
		ASSERT_LT(0, n);
		if (g->cmd != OPHOTON_CMD_LINK_NTF)
			continue;
		EXPECT_EQ(5U, genl_u32(nlh, OPHOTON_A_LINK_ID, 0));
		seq = genl_u64(nlh, OPHOTON_A_NTF_SEQ, 0);
		if (last_seq && seq != last_seq + 1)
			gaps++;
		last_seq = seq;
		switch (genl_u8(nlh, OPHOTON_A_LINK_STATE, 0xff)) {
		case OPHOTON_LINK_STATE_DOWN:
			saw_down = 1;
			EXPECT_EQ(OPHOTON_DOWN_ADMIN, genl_u8(nlh, OPHOTON_A_LINK_DOWN_REASON, 0));
			break;
		case OPHOTON_LINK_STATE_UP:
			saw_up = 1;
			break;
		}
	}
	EXPECT_TRUE(saw_down);
	EXPECT_TRUE(saw_up);
	EXPECT_EQ(0, gaps);
	genl_close(&mon);
}

TEST_F(fabric, other_namespaces_do_not_see_the_fabric)
{
	int status;
	pid_t pid = fork();

	ASSERT_LE(0, pid);
	if (!pid) {
		char req[256] __attribute__((aligned(4)));
		struct genl_reply *r = calloc(1, sizeof(*r));
		struct genl_sock s;
		int fam;

		if (unshare(CLONE_NEWNET) || genl_open(&s))
			_exit(2);
		fam = genl_family_id(&s, OPHOTON_GENL_NAME);
		if (fam < 0)
			_exit(3);
		genl_msg_init(req, fam, OPHOTON_CMD_FABRIC_GET, OPHOTON_GENL_VERSION, 0);
		genl_put_u32(req, OPHOTON_A_FABRIC_ID, FAB);
		if (genl_transact(&s, req, r))
			_exit(4);
		_exit(r->error == -ENODEV ? 0 : 5);
	}
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	EXPECT_TRUE(WIFEXITED(status));
	EXPECT_EQ(0, WEXITSTATUS(status));
}

TEST_F(fabric, deleting_a_fabric_tells_listeners_and_hides_it)
{
	char req[256] __attribute__((aligned(4)));
	char buf[8192] __attribute__((aligned(4)));
	struct genl_sock mon;
	int i, deleted = 0;

	ASSERT_EQ(0, genl_open(&mon));
	ASSERT_EQ(0, genl_join(&mon, OPHOTON_GENL_NAME, OPHOTON_MCGRP_CONFIG));
	ASSERT_EQ(0, sysfs_write(DEL_DEVICE, FAB_STR));
	for (i = 0; i < 50 && !deleted; i++) {
		struct nlmsghdr *nlh = (struct nlmsghdr *)buf;
		struct genlmsghdr *g = NLMSG_DATA(nlh);

		ASSERT_LT(0, genl_recv_ntf(&mon, buf, sizeof(buf), 1000));
		if (g->cmd == OPHOTON_CMD_FABRIC_NTF &&
		    genl_u8(nlh, OPHOTON_A_FABRIC_EVENT, 0) == OPHOTON_FABRIC_EVENT_DELETE)
			deleted = genl_u32(nlh, OPHOTON_A_FABRIC_ID, 0) == FAB;
	}
	EXPECT_TRUE(deleted);
	msg_init(self, req, OPHOTON_CMD_FABRIC_GET);
	genl_put_u32(req, OPHOTON_A_FABRIC_ID, FAB);
	EXPECT_EQ(-ENODEV, request(_metadata, self, req));
	genl_close(&mon);
}

TEST_HARNESS_MAIN
