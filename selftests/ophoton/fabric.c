// SPDX-License-Identifier: GPL-2.0
/*
 * Fabrics on the ophoton bus and their links over generic netlink: the
 * life of a fabric, its shape, bring-up, dumps, link management, errors,
 * notifications, tracepoints, alarms and hwmon.  Faults are in faults.c,
 * privilege in privilege.c, unloading in lifecycle.c.
 */
#include <errno.h>
#include <poll.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <linux/ophoton.h>

#include "fixture.h"

#define SEC	1000000000ULL

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

TEST_F(fabric, fabric_dump_of_the_unhealthy_lists_a_fabric_until_it_is_up)
{
	char req[256] __attribute__((aligned(4)));
	int seen = 0, intr;

	/* Just created, its links are down. */
	msg_init(self, req, OPHOTON_CMD_FABRIC_GET);
	genl_put_flag(req, OPHOTON_A_UNHEALTHY);
	EXPECT_LE(0, genl_dump(&self->s, req, 65536, count_fabric, &seen, &intr));
	EXPECT_EQ(1, seen);
	ASSERT_TRUE(bring_up(_metadata, self));
	seen = 0;
	msg_init(self, req, OPHOTON_CMD_FABRIC_GET);
	genl_put_flag(req, OPHOTON_A_UNHEALTHY);
	EXPECT_LE(0, genl_dump(&self->s, req, 65536, count_fabric, &seen, &intr));
	EXPECT_EQ(0, seen);
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

/* Dump the links @attr (= @v) selects, with the GPU filter too if @gpu >= 0. */
static int dump_links_by(FIXTURE_DATA(fabric) *self, uint16_t attr, uint32_t v, int gpu,
			 struct link_seen *ls)
{
	char req[256] __attribute__((aligned(4)));
	int intr;

	memset(ls, 0, sizeof(*ls));
	ls->ordered = 1;
	msg_init(self, req, OPHOTON_CMD_LINK_GET);
	genl_put_u32(req, OPHOTON_A_FABRIC_ID, FAB);
	genl_put_u32(req, attr, v);
	if (gpu >= 0)
		genl_put_u32(req, OPHOTON_A_GPU_ID, (uint32_t)gpu);
	return genl_dump(&self->s, req, 65536, collect_links, ls, &intr);
}

TEST_F(fabric, link_dump_filters_by_engine_and_rack_and_what_they_share)
{
	struct link_seen ls;

	/* Engine 3 is GPU 1's second: ports 0-3 of it, links 12 to 15. */
	EXPECT_EQ(4, dump_links_by(self, OPHOTON_A_ENGINE_ID, 3, -1, &ls));
	EXPECT_EQ(15U, ls.last);
	/* Rack 1 holds GPUs 4 to 7: links 32 to 63. */
	EXPECT_EQ(32, dump_links_by(self, OPHOTON_A_RACK_ID, 1, -1, &ls));
	EXPECT_EQ(63U, ls.last);
	/* Together: what they have in common, or a refusal when nothing. */
	EXPECT_EQ(8, dump_links_by(self, OPHOTON_A_RACK_ID, 1, 5, &ls));
	EXPECT_EQ(47U, ls.last);
	EXPECT_EQ(-EINVAL, dump_links_by(self, OPHOTON_A_RACK_ID, 0, 5, &ls));
	/* Out of the fabric, naming the attribute in the message. */
	EXPECT_EQ(-ERANGE, dump_links_by(self, OPHOTON_A_ENGINE_ID, 16, -1, &ls));
	EXPECT_EQ(-ERANGE, dump_links_by(self, OPHOTON_A_RACK_ID, 2, -1, &ls));
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

/* A LINK_SET of fabric FAB on the links @attr (and @attr2, if not 0) name. */
static int link_set_of(struct __test_metadata *_metadata, FIXTURE_DATA(fabric) *self,
		       int attr, uint32_t v, int attr2, uint32_t v2, uint8_t action)
{
	char req[256] __attribute__((aligned(4)));

	fab_msg(self, req, OPHOTON_CMD_LINK_SET, FAB);
	if (attr == OPHOTON_A_SIDE)
		genl_put_u8(req, OPHOTON_A_SIDE, (uint8_t)v);
	else if (attr)
		genl_put_u32(req, attr, v);
	if (attr2 == OPHOTON_A_SIDE)
		genl_put_u8(req, OPHOTON_A_SIDE, (uint8_t)v2);
	else if (attr2)
		genl_put_u32(req, attr2, v2);
	genl_put_u8(req, OPHOTON_A_LINK_ACTION, action);
	return request(_metadata, self, req);
}

/* The links notified down since the last call: a bitmap of the 64. */
static uint64_t notified_down(struct genl_sock *mon, int *ntfs)
{
	char buf[8192] __attribute__((aligned(4)));
	uint64_t down = 0;

	*ntfs = 0;
	while (genl_recv_ntf(mon, buf, sizeof(buf), 300) > 0) {
		struct nlmsghdr *nlh = (struct nlmsghdr *)buf;
		struct genlmsghdr *g = NLMSG_DATA(nlh);
		uint32_t link = genl_u32(nlh, OPHOTON_A_LINK_ID, 64);

		if (g->cmd != OPHOTON_CMD_LINK_NTF || link >= 64)
			continue;
		(*ntfs)++;
		if (genl_u8(nlh, OPHOTON_A_LINK_STATE, 0xff) == OPHOTON_LINK_STATE_DOWN)
			down |= 1ULL << link;
	}
	return down;
}

/*
 * Every link of a GPU, a GPU's engine, a tray or a rack in one request:
 * each link that changed notified once, the others untouched; a request
 * that names its links twice, or not at all, or a switch rack, is refused
 * naming the attribute, and changes nothing.
 */
TEST_F(fabric, link_set_acts_on_every_link_of_a_place_in_one_request)
{
	const uint8_t DOWN = OPHOTON_LINK_ACTION_DOWN, UP = OPHOTON_LINK_ACTION_UP;
	struct genl_sock mon;
	uint64_t down;
	int ntfs;

	ASSERT_TRUE(bring_up(_metadata, self));
	ASSERT_EQ(0, genl_open(&mon));
	ASSERT_EQ(0, genl_join(&mon, OPHOTON_GENL_NAME, OPHOTON_MCGRP_CONFIG));
	/* GPU 3: links 24 to 31. */
	ASSERT_EQ(0, link_set_of(_metadata, self, OPHOTON_A_GPU_ID, 3, 0, 0, DOWN));
	EXPECT_EQ(0xffULL << 24, notified_down(&mon, &ntfs));
	EXPECT_EQ(8, ntfs);
	EXPECT_EQ(56U, links_up(_metadata, self));
	/* Rack 1, tray 0: GPUs 4 and 5, links 32 to 47. */
	ASSERT_EQ(0, link_set_of(_metadata, self, OPHOTON_A_RACK_ID, 1, OPHOTON_A_TRAY, 0, DOWN));
	EXPECT_EQ(0xffffULL << 32, notified_down(&mon, &ntfs));
	EXPECT_EQ(16, ntfs);
	/* GPU 0's engine 1 (engine id 1): links 4 to 7. */
	ASSERT_EQ(0, link_set_of(_metadata, self, OPHOTON_A_ENGINE_ID, 1, OPHOTON_A_SIDE,
				 OPHOTON_SIDE_GPU, DOWN));
	EXPECT_EQ(0xfULL << 4, notified_down(&mon, &ntfs));
	EXPECT_EQ(4, ntfs);
	/* Again: nothing changes, nothing is notified. */
	ASSERT_EQ(0, link_set_of(_metadata, self, OPHOTON_A_GPU_ID, 3, 0, 0, DOWN));
	EXPECT_EQ(0ULL, notified_down(&mon, &ntfs));
	EXPECT_EQ(0, ntfs);
	EXPECT_EQ(36U, links_up(_metadata, self));

	/* Refused, each naming its attribute, and nothing changed. */
	EXPECT_EQ(-EINVAL, link_set_of(_metadata, self, OPHOTON_A_GPU_ID, 1, OPHOTON_A_RACK_ID, 0,
				       DOWN));
	EXPECT_NE(NULL, strstr(self->r->extack, "once")) TH_LOG("%s", self->r->extack);
	EXPECT_EQ((uint32_t)(NLMSG_HDRLEN + GENL_HDRLEN + 16), self->r->extack_offs);
	EXPECT_EQ(-EINVAL, link_set_of(_metadata, self, 0, 0, 0, 0, DOWN));
	EXPECT_EQ((uint32_t)OPHOTON_A_LINK_ID, self->r->extack_miss);
	EXPECT_EQ(-EINVAL, link_set_of(_metadata, self, OPHOTON_A_TRAY, 0, 0, 0, DOWN));
	EXPECT_NE(NULL, strstr(self->r->extack, "rack-id")) TH_LOG("%s", self->r->extack);
	EXPECT_EQ(-EINVAL, link_set_of(_metadata, self, OPHOTON_A_GPU_ID, 1, OPHOTON_A_SIDE,
				       OPHOTON_SIDE_GPU, DOWN));
	EXPECT_EQ(-EINVAL, link_set_of(_metadata, self, OPHOTON_A_RACK_ID, 2, 0, 0, DOWN));
	EXPECT_NE(NULL, strstr(self->r->extack, "switch rack")) TH_LOG("%s", self->r->extack);
	EXPECT_EQ(-ERANGE, link_set_of(_metadata, self, OPHOTON_A_RACK_ID, 9, 0, 0, DOWN));
	EXPECT_EQ(-ERANGE, link_set_of(_metadata, self, OPHOTON_A_RACK_ID, 0, OPHOTON_A_TRAY, 2,
				       DOWN));
	EXPECT_EQ(-EINVAL, link_set_of(_metadata, self, OPHOTON_A_ENGINE_ID, 1, 0, 0, DOWN));
	EXPECT_EQ((uint32_t)OPHOTON_A_SIDE, self->r->extack_miss);
	/* A retrain of links that are all down: refused as for one. */
	EXPECT_EQ(-ENETDOWN, link_set_of(_metadata, self, OPHOTON_A_GPU_ID, 3, 0, 0,
					 OPHOTON_LINK_ACTION_RETRAIN));
	EXPECT_EQ(0ULL, notified_down(&mon, &ntfs));
	EXPECT_EQ(0, ntfs);
	EXPECT_EQ(36U, links_up(_metadata, self));

	/* A laser module's links: each notified once, within its GPU. */
	ASSERT_EQ(0, link_set_of(_metadata, self, OPHOTON_A_MODULE_ID, 0, OPHOTON_A_SIDE,
				 OPHOTON_SIDE_GPU, DOWN));
	down = notified_down(&mon, &ntfs);
	EXPECT_NE(0ULL, down);
	EXPECT_EQ(0ULL, down & ~0xffULL);	/* GPU 0's links */
	EXPECT_EQ(__builtin_popcountll(down), ntfs);

	/* Both racks up again: every link comes back. */
	ASSERT_EQ(0, link_set_of(_metadata, self, OPHOTON_A_RACK_ID, 0, 0, 0, UP));
	ASSERT_EQ(0, link_set_of(_metadata, self, OPHOTON_A_RACK_ID, 1, 0, 0, UP));
	step(_metadata, self, FAB, 10000000000ULL);
	EXPECT_EQ((uint32_t)FAB_LINKS, links_up(_metadata, self));
	genl_close(&mon);
}

TEST_F(fabric, conflicting_requests_mid_transition_are_refused_busy_with_a_reason)
{
	char req[256] __attribute__((aligned(4)));

	/*
	 * Real time, and module 0's firmware hangs in its next transition:
	 * its power-up then lasts the host's 5 s timeout, so the requests
	 * below meet it mid-transition however slow the machine.
	 */
	fab_msg(self, req, OPHOTON_CMD_FABRIC_SET, FAB);
	genl_put_u32(req, OPHOTON_A_FABRIC_TIME_SCALE, 1);
	ASSERT_EQ(0, request(_metadata, self, req));
	fab_msg(self, req, OPHOTON_CMD_SIM_FAULT, FAB);
	genl_put_u8(req, OPHOTON_A_SIM_ACTION, OPHOTON_SIM_ACTION_INSERT);
	genl_put_u8(req, OPHOTON_A_FAULT_KIND, OPHOTON_FAULT_FW_HANG);
	genl_put_u8(req, OPHOTON_A_SIDE, OPHOTON_SIDE_GPU);
	genl_put_u32(req, OPHOTON_A_FAULT_TARGET, 0);
	ASSERT_EQ(0, request(_metadata, self, req)) TH_LOG("%s", self->r->extack);
	ASSERT_EQ(0, module_act(_metadata, self, FAB, OPHOTON_CMD_MODULE_ACT,
				OPHOTON_A_MODULE_ACTION, OPHOTON_MODULE_ACTION_ACTIVATE, 0));
	/* Activating again is idempotent; draining now conflicts. */
	EXPECT_EQ(0, module_act(_metadata, self, FAB, OPHOTON_CMD_MODULE_ACT,
				OPHOTON_A_MODULE_ACTION, OPHOTON_MODULE_ACTION_ACTIVATE, 0));
	EXPECT_EQ(-EBUSY, module_act(_metadata, self, FAB, OPHOTON_CMD_MODULE_ACT,
				     OPHOTON_A_MODULE_ACTION, OPHOTON_MODULE_ACTION_DRAIN, 0));
	EXPECT_NE(NULL, strstr(self->r->extack, "being provisioned")) TH_LOG("%s", self->r->extack);
	EXPECT_NE(0U, self->r->extack_offs);
	/* The whole fabric down: best effort, and a warning names the rest. */
	fab_msg(self, req, OPHOTON_CMD_FABRIC_SET, FAB);
	genl_put_u8(req, OPHOTON_A_FABRIC_ACTION, OPHOTON_FABRIC_ACTION_DOWN);
	EXPECT_EQ(0, request(_metadata, self, req));
	EXPECT_NE(NULL, strstr(self->r->extack, "did not follow")) TH_LOG("'%s'", self->r->extack);

	/* A link admin-up waits for light: a retrain then is refused. */
	msg_init(self, req, OPHOTON_CMD_LINK_SET);
	genl_put_u32(req, OPHOTON_A_FABRIC_ID, FAB);
	genl_put_u32(req, OPHOTON_A_LINK_ID, 0);
	genl_put_u8(req, OPHOTON_A_LINK_ACTION, OPHOTON_LINK_ACTION_UP);
	ASSERT_EQ(0, request(_metadata, self, req));
	EXPECT_EQ(0, request(_metadata, self, req));	/* idempotent */
	msg_init(self, req, OPHOTON_CMD_LINK_SET);
	genl_put_u32(req, OPHOTON_A_FABRIC_ID, FAB);
	genl_put_u32(req, OPHOTON_A_LINK_ID, 0);
	genl_put_u8(req, OPHOTON_A_LINK_ACTION, OPHOTON_LINK_ACTION_RETRAIN);
	EXPECT_EQ(-EBUSY, request(_metadata, self, req));
	EXPECT_NE(NULL, strstr(self->r->extack, "being brought up")) TH_LOG("%s", self->r->extack);
	EXPECT_EQ((uint32_t)(NLMSG_HDRLEN + GENL_HDRLEN + 16), self->r->extack_offs);
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

static void count_fabrics(const struct nlmsghdr *nlh, void *arg)
{
	uint32_t *seen = arg;

	seen[0]++;
	seen[1] = genl_u32(nlh, OPHOTON_A_FABRIC_ID, ~0U);
}

/* In a network namespace of its own: what of fabric FAB and of its own, 8. */
static int other_namespace_view(int ready, int go)
{
	char req[256] __attribute__((aligned(4)));
	struct genl_reply *r = calloc(1, sizeof(*r));
	uint32_t seen[2] = { 0, 0 };
	struct genl_sock s;
	int fam, intr;
	char c = 'r';

	if (!r || unshare(CLONE_NEWNET) || genl_open(&s))
		return 2;
	fam = genl_family_id(&s, OPHOTON_GENL_NAME);
	if (fam < 0)
		return 3;
	/* FAB is not there for reads, changes or deletion. */
	genl_msg_init(req, fam, OPHOTON_CMD_FABRIC_GET, OPHOTON_GENL_VERSION, 0);
	genl_put_u32(req, OPHOTON_A_FABRIC_ID, FAB);
	if (genl_transact(&s, req, r) || r->error != -ENODEV)
		return 4;
	genl_msg_init(req, fam, OPHOTON_CMD_LINK_SET, OPHOTON_GENL_VERSION, 0);
	genl_put_u32(req, OPHOTON_A_FABRIC_ID, FAB);
	genl_put_u32(req, OPHOTON_A_LINK_ID, 0);
	genl_put_u8(req, OPHOTON_A_LINK_ACTION, OPHOTON_LINK_ACTION_DOWN);
	if (genl_transact(&s, req, r) || r->error != -ENODEV)
		return 5;
	if (sysfs_write(DEL_DEVICE, FAB_STR) != -ENOENT)
		return 6;
	/* Its own fabric is, and is the only one it sees. */
	if (sysfs_write(NEW_DEVICE, "8 " FAB_SHAPE))
		return 7;
	genl_msg_init(req, fam, OPHOTON_CMD_FABRIC_GET, OPHOTON_GENL_VERSION, NLM_F_DUMP);
	if (genl_dump(&s, req, 65536, count_fabrics, seen, &intr) < 0 ||
	    seen[0] != 1 || seen[1] != 8)
		return 8;
	if (write(ready, &c, 1) != 1 || read(go, &c, 1) != 1)
		return 9;
	genl_close(&s);
	free(r);
	/* Exiting drops the namespace, and fabric 8 with it. */
	return 0;
}

/* Bring-up's states in order: a link announced later in it ranks higher. */
static int bringup_rank(uint8_t state)
{
	switch (state) {
	case OPHOTON_LINK_STATE_WAIT_LIGHT:
		return 1;
	case OPHOTON_LINK_STATE_CALIBRATING:
		return 2;
	case OPHOTON_LINK_STATE_TRAINING:
		return 3;
	case OPHOTON_LINK_STATE_BER_QUAL:
		return 4;
	case OPHOTON_LINK_STATE_UP:
		return 5;
	default:
		return 0;
	}
}

/*
 * A whole bring-up in two requests (fabric-set up, then a 10 s step of a
 * fabric whose clock barely runs by itself): the notifications are built
 * once the work is done, yet each link is announced state by state, in
 * bring-up order, in one gap-free sequence; and they come batched, several
 * messages to a datagram.
 */
TEST_F(fabric, a_bring_up_is_announced_state_by_state_in_batches)
{
	char req[256] __attribute__((aligned(4)));
	static char buf[65536] __attribute__((aligned(4)));
	int rank[FAB_LINKS] = { 0 }, seen[FAB_LINKS] = { 0 };
	int dgrams = 0, msgs = 0, gaps = 0, disorder = 0, missing = 0, i, rcvbuf = 1 << 20;
	struct pollfd p;
	struct genl_sock mon;
	uint64_t last = 0;
	ssize_t n;

	real_time(_metadata, self);
	ASSERT_EQ(0, genl_open(&mon));
	ASSERT_EQ(0, genl_join(&mon, OPHOTON_GENL_NAME, OPHOTON_MCGRP_CONFIG));
	ASSERT_EQ(0, setsockopt(mon.fd, SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof(rcvbuf)));
	msg_init(self, req, OPHOTON_CMD_FABRIC_SET);
	genl_put_u32(req, OPHOTON_A_FABRIC_ID, FAB);
	genl_put_u8(req, OPHOTON_A_FABRIC_ACTION, OPHOTON_FABRIC_ACTION_UP);
	ASSERT_EQ(0, request(_metadata, self, req));
	step(_metadata, self, FAB, 10 * SEC);

	p.fd = mon.fd;
	p.events = POLLIN;
	while (poll(&p, 1, 500) > 0 && (n = recv(mon.fd, buf, sizeof(buf), 0)) > 0) {
		int rem = (int)n;

		dgrams++;
		for (struct nlmsghdr *h = (struct nlmsghdr *)buf; NLMSG_OK(h, rem);
		     h = NLMSG_NEXT(h, rem)) {
			struct genlmsghdr *g = NLMSG_DATA(h);
			uint64_t seq = genl_u64(h, OPHOTON_A_NTF_SEQ, 0);
			uint32_t link;
			int r;

			msgs++;
			if (genl_u32(h, OPHOTON_A_FABRIC_ID, ~0U) != FAB || !seq)
				continue;
			if (last && seq != last + 1)
				gaps++;
			last = seq;
			if (g->cmd != OPHOTON_CMD_LINK_NTF)
				continue;
			link = genl_u32(h, OPHOTON_A_LINK_ID, ~0U);
			if (link >= FAB_LINKS) {
				disorder++;
				continue;
			}
			r = bringup_rank(genl_u8(h, OPHOTON_A_LINK_STATE, 0xff));
			disorder += r <= rank[link];
			rank[link] = r;
			seen[link] |= 1 << r;
		}
	}
	EXPECT_EQ(0, gaps);
	EXPECT_EQ(0, disorder);
	for (i = 0; i < FAB_LINKS; i++) {
		/* Every state of the bring-up, from waiting for light to up. */
		if (seen[i] != 0x3e) {
			TH_LOG("link %d saw the states of mask %#x", i, seen[i]);
			missing++;
		}
	}
	EXPECT_EQ(0, missing);
	EXPECT_LT(dgrams, msgs) TH_LOG("%d datagrams, %d messages", dgrams, msgs);
	genl_close(&mon);
}

TEST_F(fabric, two_fabrics_in_two_namespaces_are_isolated)
{
	char req[256] __attribute__((aligned(4)));
	int ready[2], go[2], status, i;
	char c;
	pid_t pid;

	ASSERT_EQ(0, pipe(ready));
	ASSERT_EQ(0, pipe(go));
	pid = fork();
	ASSERT_LE(0, pid);
	if (!pid)
		_exit(other_namespace_view(ready[1], go[0]));
	close(ready[1]);
	close(go[0]);
	if (read(ready[0], &c, 1) == 1) {
		/* Fabric 8 exists, in the other namespace only. */
		EXPECT_EQ(0, access("/sys/bus/ophoton/devices/ophoton8", F_OK));
		fab_msg(self, req, OPHOTON_CMD_FABRIC_GET, 8);
		EXPECT_EQ(-ENODEV, request(_metadata, self, req));
		EXPECT_EQ(-ENOENT, sysfs_write(DEL_DEVICE, "8"));
		fab_msg(self, req, OPHOTON_CMD_FABRIC_GET, FAB);
		EXPECT_EQ(0, request(_metadata, self, req));
		EXPECT_EQ(1, write(go[1], "g", 1));
	}
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	EXPECT_TRUE(WIFEXITED(status));
	EXPECT_EQ(0, WEXITSTATUS(status));
	/* The namespace is cleaned up asynchronously; its fabric goes with it. */
	for (i = 0; i < 100 && !access("/sys/bus/ophoton/devices/ophoton8", F_OK); i++)
		usleep(100000);
	EXPECT_NE(0, access("/sys/bus/ophoton/devices/ophoton8", F_OK));
	close(ready[0]);
	close(go[1]);
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

TEST_F(fabric, a_fabric_s_notifications_run_from_create_to_delete_without_a_gap)
{
	char buf[8192] __attribute__((aligned(4)));
	uint64_t seq, last = 0;
	struct genl_sock mon;
	int i, created = 0, deleted = 0, rcvbuf = 16 << 20;

	ASSERT_EQ(0, genl_open(&mon));
	/* Room for every event of a bring-up: an overrun would be a gap. */
	ASSERT_EQ(0, setsockopt(mon.fd, SOL_SOCKET, SO_RCVBUFFORCE, &rcvbuf, sizeof(rcvbuf)));
	ASSERT_EQ(0, genl_join(&mon, OPHOTON_GENL_NAME, OPHOTON_MCGRP_CONFIG));
	ASSERT_EQ(0, sysfs_write(NEW_DEVICE, "8 " FAB_SHAPE));
	/* Some life: its links come up, notified on the way. */
	fab_msg(self, (char *)buf, OPHOTON_CMD_FABRIC_SET, 8);
	genl_put_u8(buf, OPHOTON_A_FABRIC_ACTION, OPHOTON_FABRIC_ACTION_UP);
	ASSERT_EQ(0, request(_metadata, self, buf));
	ASSERT_EQ(0, sysfs_write(DEL_DEVICE, "8"));
	for (i = 0; i < 100000 && !deleted; i++) {
		struct nlmsghdr *nlh = (struct nlmsghdr *)buf;
		struct genlmsghdr *g = NLMSG_DATA(nlh);

		ASSERT_LT(0, genl_recv_ntf(&mon, buf, sizeof(buf), 5000));
		if (genl_u32(nlh, OPHOTON_A_FABRIC_ID, ~0U) != 8)
			continue;
		seq = genl_u64(nlh, OPHOTON_A_NTF_SEQ, 0);
		if (!created) {
			/* The first thing a listener hears of it is its creation, as 1. */
			ASSERT_EQ(OPHOTON_CMD_FABRIC_NTF, g->cmd);
			ASSERT_EQ(OPHOTON_FABRIC_EVENT_CREATE,
				  genl_u8(nlh, OPHOTON_A_FABRIC_EVENT, 0));
			EXPECT_EQ(1ULL, seq);
			created = 1;
		} else {
			EXPECT_EQ(last + 1, seq) TH_LOG("cmd %u", g->cmd);
		}
		last = seq;
		deleted = g->cmd == OPHOTON_CMD_FABRIC_NTF &&
			  genl_u8(nlh, OPHOTON_A_FABRIC_EVENT, 0) == OPHOTON_FABRIC_EVENT_DELETE;
	}
	EXPECT_TRUE(deleted);
	EXPECT_LT(1ULL, last);
	genl_close(&mon);
}

static void count_msgs(const struct nlmsghdr *nlh, void *arg)
{
	const struct nlattr *st = genl_attr(nlh, OPHOTON_A_LANE_STATS);

	(*(int *)arg)++;
	if (!st)
		(*(int *)arg) += 1000;	/* stats were asked for */
}

TEST_F(fabric, lanes_report_telemetry_and_counters_grow)
{
	char req[256] __attribute__((aligned(4)));
	struct nlmsghdr *nlh = (struct nlmsghdr *)self->r->buf;
	const struct nlattr *st;
	uint64_t bits1 = 0, bits2 = 0, clock1, clock2;
	int n = 0, intr;

	ASSERT_TRUE(bring_up(_metadata, self));
	fab_msg(self, req, OPHOTON_CMD_FABRIC_GET, FAB);
	ASSERT_EQ(0, request(_metadata, self, req));
	clock1 = genl_u64(nlh, OPHOTON_A_FABRIC_CLOCK_NS, 0);
	fab_msg(self, req, OPHOTON_CMD_LANE_GET, FAB);
	genl_put_u32(req, OPHOTON_A_LINK_ID, 2);
	genl_put_u8(req, OPHOTON_A_LANE, 5);
	genl_put_u8(req, OPHOTON_A_DIR, OPHOTON_DIR_UP);
	genl_put_flag(req, OPHOTON_A_STATS);
	ASSERT_EQ(0, request(_metadata, self, req));
	EXPECT_EQ(OPHOTON_LANE_STATE_ACTIVE, genl_u8(nlh, OPHOTON_A_LANE_STATE, 0xff));
	st = genl_attr(nlh, OPHOTON_A_LANE_STATS);
	ASSERT_NE(NULL, st);
	bits1 = genl_nest_u64(st, OPHOTON_A_LANE_STATS_BITS, 0);

	step(_metadata, self, FAB, 60000000000ULL);	/* a virtual minute */
	ASSERT_EQ(0, request(_metadata, self, req));
	st = genl_attr(nlh, OPHOTON_A_LANE_STATS);
	ASSERT_NE(NULL, st);
	bits2 = genl_nest_u64(st, OPHOTON_A_LANE_STATS_BITS, 0);
	/* 60 s at 32 Gb/s, at least. */
	EXPECT_LE(bits1 + 60ULL * 32000000000ULL, bits2);
	fab_msg(self, req, OPHOTON_CMD_FABRIC_GET, FAB);
	ASSERT_EQ(0, request(_metadata, self, req));
	clock2 = genl_u64(nlh, OPHOTON_A_FABRIC_CLOCK_NS, 0);
	EXPECT_LE(clock1 + 60000000000ULL, clock2);

	/* The lanes of one link: 8 lambdas, 2 directions. */
	fab_msg(self, req, OPHOTON_CMD_LANE_GET, FAB);
	genl_put_u32(req, OPHOTON_A_LINK_ID, 2);
	genl_put_flag(req, OPHOTON_A_STATS);
	EXPECT_EQ(16, genl_dump(&self->s, req, 65536, count_msgs, &n, &intr));
	EXPECT_EQ(16, n);
	/* Lane 8 does not exist on an 8-lambda fabric. */
	fab_msg(self, req, OPHOTON_CMD_LANE_GET, FAB);
	genl_put_u32(req, OPHOTON_A_LINK_ID, 2);
	genl_put_u8(req, OPHOTON_A_LANE, 8);
	genl_put_u8(req, OPHOTON_A_DIR, OPHOTON_DIR_UP);
	EXPECT_EQ(-ERANGE, request(_metadata, self, req));
}

static uint64_t clock_ns(struct __test_metadata *_metadata, FIXTURE_DATA(fabric) *self)
{
	char req[256] __attribute__((aligned(4)));

	fab_msg(self, req, OPHOTON_CMD_FABRIC_GET, FAB);
	EXPECT_EQ(0, request(_metadata, self, req));
	return genl_u64((struct nlmsghdr *)self->r->buf, OPHOTON_A_FABRIC_CLOCK_NS, 0);
}

TEST_F(fabric, time_scale_changes_keep_the_clock_continuous)
{
	char req[256] __attribute__((aligned(4)));
	uint64_t before, a, b;

	before = clock_ns(_metadata, self);
	fab_msg(self, req, OPHOTON_CMD_FABRIC_SET, FAB);
	genl_put_u32(req, OPHOTON_A_FABRIC_TIME_SCALE, 1);
	ASSERT_EQ(0, request(_metadata, self, req));
	a = clock_ns(_metadata, self);
	EXPECT_LE(before, a);	/* no jump back */
	usleep(200000);
	b = clock_ns(_metadata, self);
	/*
	 * 0.2 s of real time: 200 virtual seconds at x1000, about 0.2 at x1.
	 * The margin is wide so that a slow machine cannot make it fail.
	 */
	EXPECT_LT(b - a, 100000000000ULL);
	EXPECT_LE(a, b);
	fab_msg(self, req, OPHOTON_CMD_FABRIC_GET, FAB);
	ASSERT_EQ(0, request(_metadata, self, req));
	EXPECT_EQ(1U, genl_u32((struct nlmsghdr *)self->r->buf, OPHOTON_A_FABRIC_TIME_SCALE, 0));
	fab_msg(self, req, OPHOTON_CMD_FABRIC_SET, FAB);
	genl_put_u32(req, OPHOTON_A_FABRIC_TIME_SCALE, 0);
	EXPECT_NE(0, request(_metadata, self, req));
	fab_msg(self, req, OPHOTON_CMD_FABRIC_SET, FAB);
	EXPECT_EQ(-EINVAL, request(_metadata, self, req));
	EXPECT_NE(NULL, strstr(self->r->extack, "nothing to set"));
}

#define TRACING "/sys/kernel/debug/tracing"

TEST_F(fabric, link_changes_hit_the_tracepoint)
{
	char req[256] __attribute__((aligned(4)));
	char text[65536];
	size_t n;
	FILE *f;

	if (access(TRACING "/events/ophoton/ophoton_link/enable", W_OK))
		SKIP(return, "no tracefs");
	ASSERT_TRUE(bring_up(_metadata, self));
	ASSERT_EQ(0, sysfs_write(TRACING "/trace", ""));
	ASSERT_EQ(0, sysfs_write(TRACING "/events/ophoton/ophoton_link/enable", "1"));
	fab_msg(self, req, OPHOTON_CMD_LINK_SET, FAB);
	genl_put_u32(req, OPHOTON_A_LINK_ID, 1);
	genl_put_u8(req, OPHOTON_A_LINK_ACTION, OPHOTON_LINK_ACTION_DOWN);
	ASSERT_EQ(0, request(_metadata, self, req));
	ASSERT_EQ(0, sysfs_write(TRACING "/events/ophoton/ophoton_link/enable", "0"));
	f = fopen(TRACING "/trace", "r");
	ASSERT_NE(NULL, f);
	n = fread(text, 1, sizeof(text) - 1, f);
	fclose(f);
	text[n] = '\0';
	/* States and reasons by the spec's names, as trace-cmd prints them. */
	EXPECT_NE(NULL, strstr(text, "ophoton_link: fabric=7 link=1 state=up->down reason=admin "))
		TH_LOG("%s", text);
}

/* The trace buffer's text, in @text. */
static void trace_text(struct __test_metadata *_metadata, char *text, size_t len)
{
	FILE *f = fopen(TRACING "/trace", "r");
	size_t n;

	ASSERT_NE(NULL, f);
	n = fread(text, 1, len - 1, f);
	fclose(f);
	text[n] = '\0';
}

static int count_of(const char *text, const char *needle)
{
	int n = 0;

	for (; (text = strstr(text, needle)); text += strlen(needle))
		n++;
	return n;
}

/*
 * The ntf-seq of the first notification on @mon of command @cmd whose
 * attribute @attr is @id and whose u8 attribute @what is @val; 0 if none
 * came within a few seconds.
 */
static uint64_t ntf_seq_of(struct genl_sock *mon, uint8_t cmd, uint16_t attr, uint32_t id,
			   uint16_t what, uint8_t val)
{
	char buf[8192] __attribute__((aligned(4)));
	struct nlmsghdr *h = (struct nlmsghdr *)buf;
	int i;

	for (i = 0; i < 200 && genl_recv_ntf(mon, buf, sizeof(buf), 1000) > 0; i++) {
		if (((struct genlmsghdr *)NLMSG_DATA(h))->cmd == cmd &&
		    genl_u32(h, attr, ~0U) == id && genl_u8(h, what, 0xff) == val)
			return genl_u64(h, OPHOTON_A_NTF_SEQ, 0);
	}
	return 0;
}

/*
 * A laser module changing state hits ophoton_module with its fabric, side,
 * slot, old and new state and admin intent by name, the sequence number
 * of its module-ntf and the virtual time; no other slot appears.
 */
TEST_F(fabric, module_changes_hit_the_tracepoint)
{
	char req[256] __attribute__((aligned(4)));
	char text[65536], want[160];
	struct genl_sock mon;
	uint64_t seq, seq_sw, vtime = 0;
	const char *p;

	if (access(TRACING "/events/ophoton/ophoton_module/enable", W_OK))
		SKIP(return, "no tracefs");
	ASSERT_TRUE(bring_up(_metadata, self));
	ASSERT_EQ(0, genl_open(&mon));
	ASSERT_EQ(0, genl_join(&mon, OPHOTON_GENL_NAME, OPHOTON_MCGRP_CONFIG));
	ASSERT_EQ(0, sysfs_write(TRACING "/trace", ""));
	ASSERT_EQ(0, sysfs_write(TRACING "/events/ophoton/ophoton_module/enable", "1"));
	/* GPU 0's second slot, then the first switch-side slot, drained. */
	ASSERT_EQ(0, module_act(_metadata, self, FAB, OPHOTON_CMD_MODULE_ACT,
				OPHOTON_A_MODULE_ACTION, OPHOTON_MODULE_ACTION_DRAIN, 1));
	fab_msg(self, req, OPHOTON_CMD_MODULE_ACT, FAB);
	genl_put_u8(req, OPHOTON_A_SIDE, OPHOTON_SIDE_SWITCH);
	genl_put_u32(req, OPHOTON_A_MODULE_ID, 0);
	genl_put_u8(req, OPHOTON_A_MODULE_ACTION, OPHOTON_MODULE_ACTION_DRAIN);
	ASSERT_EQ(0, request(_metadata, self, req));
	/* The drains end in low power, where the operator's intent changes alone. */
	step(_metadata, self, FAB, 60ULL * 1000000000);
	ASSERT_EQ(0, sysfs_write(TRACING "/events/ophoton/ophoton_module/enable", "0"));
	trace_text(_metadata, text, sizeof(text));

	seq = ntf_seq_of(&mon, OPHOTON_CMD_MODULE_NTF, OPHOTON_A_MODULE_ID, 1,
			 OPHOTON_A_MODULE_STATE, OPHOTON_MODULE_STATE_POWERING_DOWN);
	ASSERT_NE(0U, seq);
	seq_sw = ntf_seq_of(&mon, OPHOTON_CMD_MODULE_NTF, OPHOTON_A_MODULE_ID, 0,
			    OPHOTON_A_MODULE_STATE, OPHOTON_MODULE_STATE_POWERING_DOWN);
	ASSERT_LT(seq, seq_sw);
	genl_close(&mon);
	/* The state and the admin intent, each from what it was to what it is. */
	snprintf(want, sizeof(want),
		 "ophoton_module: fabric=7 side=gpu module=1 state=ready->powering-down "
		 "admin=active->unprovisioning seq=%llu vtime=", (unsigned long long)seq);
	p = strstr(text, want);
	EXPECT_NE(NULL, p) TH_LOG("no '%s' in:\n%s", want, text);
	if (p)
		vtime = strtoull(p + strlen(want), NULL, 10);
	EXPECT_LT(0U, vtime);
	EXPECT_GE(clock_ns(_metadata, self), vtime);
	snprintf(want, sizeof(want),
		 "ophoton_module: fabric=7 side=switch module=0 state=ready->powering-down "
		 "admin=active->unprovisioning seq=%llu vtime=", (unsigned long long)seq_sw);
	EXPECT_NE(NULL, strstr(text, want)) TH_LOG("no '%s' in:\n%s", want, text);
	/* An admin change alone is told apart: the state stays, the intent moves. */
	EXPECT_NE(NULL, strstr(text, "ophoton_module: fabric=7 side=gpu module=1 "
			       "state=low-power->low-power admin=unprovisioning->unprovisioned "))
		TH_LOG("%s", text);
	EXPECT_EQ(count_of(text, "ophoton_module: "),
		  count_of(text, "ophoton_module: fabric=7 side=gpu module=1 ") +
		  count_of(text, "ophoton_module: fabric=7 side=switch module=0 "))
		TH_LOG("%s", text);
}

/*
 * Fault domains hit ophoton_health on every fault they report, on
 * quarantine and on recovery: the domain (module or engine), side, id and
 * whether it is quarantined, with the sequence number of the alarm-ntf
 * announcing it.
 */
TEST_F(fabric, health_changes_hit_the_tracepoint)
{
	char req[256] __attribute__((aligned(4)));
	char text[65536], want[160];
	struct genl_sock mon;
	uint64_t seq_mod, seq_eng, seq_rec;
	int k;

	if (access(TRACING "/events/ophoton/ophoton_health/enable", W_OK))
		SKIP(return, "no tracefs");
	/* Real time: the faults below come well within the 60 s grace period. */
	real_time(_metadata, self);
	ASSERT_EQ(0, genl_open(&mon));
	ASSERT_EQ(0, genl_join(&mon, OPHOTON_GENL_NAME, OPHOTON_MCGRP_ALARMS));
	ASSERT_EQ(0, sysfs_write(TRACING "/trace", ""));
	ASSERT_EQ(0, sysfs_write(TRACING "/events/ophoton/ophoton_health/enable", "1"));
	/* Three lasers of slot 2 die: two errors, then quarantine. */
	laser_deaths(_metadata, self, OPHOTON_SIM_ACTION_INSERT);
	/* GPU-side engine 1 dies three times. */
	for (k = 0; k < 6; k++) {
		fab_msg(self, req, OPHOTON_CMD_SIM_FAULT, FAB);
		genl_put_u8(req, OPHOTON_A_FAULT_KIND, OPHOTON_FAULT_ENGINE_DEATH);
		genl_put_u8(req, OPHOTON_A_SIDE, OPHOTON_SIDE_GPU);
		genl_put_u32(req, OPHOTON_A_FAULT_TARGET, 1);
		genl_put_u8(req, OPHOTON_A_SIM_ACTION, k % 2 ? OPHOTON_SIM_ACTION_REMOVE :
							       OPHOTON_SIM_ACTION_INSERT);
		ASSERT_EQ(0, request(_metadata, self, req));
	}
	ASSERT_EQ(0, module_act(_metadata, self, FAB, OPHOTON_CMD_MODULE_ACT,
				OPHOTON_A_MODULE_ACTION, OPHOTON_MODULE_ACTION_RECOVER, 2));
	ASSERT_EQ(0, sysfs_write(TRACING "/events/ophoton/ophoton_health/enable", "0"));
	trace_text(_metadata, text, sizeof(text));

	seq_mod = ntf_seq_of(&mon, OPHOTON_CMD_ALARM_NTF, OPHOTON_A_MODULE_ID, 2,
			     OPHOTON_A_ALARM_KIND, OPHOTON_ALARM_QUARANTINE);
	seq_eng = ntf_seq_of(&mon, OPHOTON_CMD_ALARM_NTF, OPHOTON_A_HEALTH_ID, 1,
			     OPHOTON_A_ALARM_KIND, OPHOTON_ALARM_QUARANTINE);
	seq_rec = ntf_seq_of(&mon, OPHOTON_CMD_ALARM_NTF, OPHOTON_A_MODULE_ID, 2,
			     OPHOTON_A_ALARM_KIND, OPHOTON_ALARM_RECOVERED);
	genl_close(&mon);
	ASSERT_NE(0U, seq_mod);
	ASSERT_LT(seq_mod, seq_eng);
	ASSERT_LT(seq_eng, seq_rec);

	snprintf(want, sizeof(want),
		 "ophoton_health: fabric=7 module side=gpu id=2 quarantined=1 seq=%llu\n",
		 (unsigned long long)seq_mod);
	EXPECT_NE(NULL, strstr(text, want)) TH_LOG("no '%s' in:\n%s", want, text);
	snprintf(want, sizeof(want),
		 "ophoton_health: fabric=7 engine side=gpu id=1 quarantined=1 seq=%llu\n",
		 (unsigned long long)seq_eng);
	EXPECT_NE(NULL, strstr(text, want)) TH_LOG("no '%s' in:\n%s", want, text);
	snprintf(want, sizeof(want),
		 "ophoton_health: fabric=7 module side=gpu id=2 quarantined=0 seq=%llu\n",
		 (unsigned long long)seq_rec);
	EXPECT_NE(NULL, strstr(text, want)) TH_LOG("no '%s' in:\n%s", want, text);
	/* Two errors and the recovery out of quarantine, one quarantine; for the engine, two and one. */
	EXPECT_EQ(3, count_of(text, "fabric=7 module side=gpu id=2 quarantined=0 "));
	EXPECT_EQ(1, count_of(text, "fabric=7 module side=gpu id=2 quarantined=1 "));
	EXPECT_EQ(2, count_of(text, "fabric=7 engine side=gpu id=1 quarantined=0 "));
	EXPECT_EQ(1, count_of(text, "fabric=7 engine side=gpu id=1 quarantined=1 "));
	EXPECT_EQ(7, count_of(text, "ophoton_health: ")) TH_LOG("%s", text);
}

struct stream {
	uint64_t last;
	int gaps;
	int n;
};

/* The hwmon directory of fabric FAB, in @dir. */
static int find_hwmon(char *dir, size_t len)
{
	char path[256], target[256];
	int i;

	for (i = 0; i < 64; i++) {
		ssize_t n;

		snprintf(path, sizeof(path), "/sys/class/hwmon/hwmon%d/device", i);
		n = readlink(path, target, sizeof(target) - 1);
		if (n < 0)
			continue;
		target[n] = '\0';
		if (strstr(target, "ophoton" FAB_STR) &&
		    !strcmp(strrchr(target, '/') + 1, "ophoton" FAB_STR)) {
			snprintf(dir, len, "/sys/class/hwmon/hwmon%d", i);
			return 0;
		}
	}
	return -1;
}

static long read_long(const char *dir, const char *file)
{
	char path[320], buf[64] = "";
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, file);
	f = fopen(path, "r");
	if (!f || !fgets(buf, sizeof(buf), f)) {
		if (f)
			fclose(f);
		return -1;
	}
	fclose(f);
	return strtol(buf, NULL, 10);
}

TEST_F(fabric, hwmon_shows_temperatures_and_optics_power)
{
	char dir[256];
	long idle, busy;

	ASSERT_EQ(0, find_hwmon(dir, sizeof(dir)));
	idle = read_long(dir, "power1_input");
	ASSERT_TRUE(bring_up(_metadata, self));
	busy = read_long(dir, "power1_input");
	/* Engines at 5 pJ/bit: carrying traffic costs power. */
	EXPECT_LT(idle, busy);
	EXPECT_LT(40000L, read_long(dir, "temp1_input"));
	EXPECT_GT(85000L, read_long(dir, "temp1_input"));
	EXPECT_LT(30000L, read_long(dir, "temp2_input"));
}

/* Read everything pending on @mon; count gaps per group's sequence. */
static void read_streams(struct genl_sock *mon, struct stream *cfg,
			 struct stream *alarms, int *link_alarm, int *health_alarm)
{
	char buf[8192] __attribute__((aligned(4)));
	struct nlmsghdr *nlh = (struct nlmsghdr *)buf;

	while (genl_recv_ntf(mon, buf, sizeof(buf), 200) > 0) {
		struct genlmsghdr *g = NLMSG_DATA(nlh);
		uint64_t seq = genl_u64(nlh, OPHOTON_A_NTF_SEQ, 0);
		struct stream *st = g->cmd == OPHOTON_CMD_ALARM_NTF ? alarms : cfg;

		if (genl_u32(nlh, OPHOTON_A_FABRIC_ID, ~0U) != FAB || !seq)
			continue;
		if (st->n && seq != st->last + 1)
			st->gaps++;
		st->last = seq;
		st->n++;
		if (g->cmd != OPHOTON_CMD_ALARM_NTF)
			continue;
		switch (genl_u8(nlh, OPHOTON_A_ALARM_KIND, 0)) {
		case OPHOTON_ALARM_THRESHOLD_LINK:
			if (genl_u32(nlh, OPHOTON_A_LINK_ID, ~0U) == 2 &&
			    (genl_u32(nlh, OPHOTON_A_ALARM_FLAGS, 0) & 0x10))
				(*link_alarm)++;
			break;
		case OPHOTON_ALARM_HEALTH_ERROR:
			if (genl_u8(nlh, OPHOTON_A_HEALTH_DOMAIN, 0) == OPHOTON_HEALTH_MODULE &&
			    genl_u32(nlh, OPHOTON_A_MODULE_ID, ~0U) == 1)
				(*health_alarm)++;
			break;
		}
	}
}

TEST_F(fabric, alarms_are_announced_in_their_own_sequence)
{
	char req[256] __attribute__((aligned(4)));
	struct stream cfg = { 0 }, alarms = { 0 };
	int link_alarm = 0, health_alarm = 0;
	struct genl_sock mon;

	ASSERT_TRUE(bring_up(_metadata, self));
	ASSERT_EQ(0, genl_open(&mon));
	ASSERT_EQ(0, genl_join(&mon, OPHOTON_GENL_NAME, OPHOTON_MCGRP_CONFIG));
	ASSERT_EQ(0, genl_join(&mon, OPHOTON_GENL_NAME, OPHOTON_MCGRP_ALARMS));

	/* 3.5 dB on a data fibre: the receiver's power warns, once. */
	fab_msg(self, req, OPHOTON_CMD_SIM_FAULT, FAB);
	genl_put_u8(req, OPHOTON_A_FAULT_KIND, OPHOTON_FAULT_FIBRE_DIRTY);
	genl_put_u32(req, OPHOTON_A_FAULT_TARGET, 2);
	genl_put_u8(req, OPHOTON_A_FIBRE, OPHOTON_FIBRE_TX);
	genl_put_u32(req, OPHOTON_A_FAULT_VALUE, 350);
	genl_put_u8(req, OPHOTON_A_SIM_ACTION, OPHOTON_SIM_ACTION_INSERT);
	ASSERT_EQ(0, request(_metadata, self, req));
	/* A laser dies: a health error of its module, links degrade. */
	fab_msg(self, req, OPHOTON_CMD_SIM_FAULT, FAB);
	genl_put_u8(req, OPHOTON_A_FAULT_KIND, OPHOTON_FAULT_LASER_DEATH);
	genl_put_u32(req, OPHOTON_A_FAULT_TARGET, 1);
	genl_put_u8(req, OPHOTON_A_LANE, 0);
	genl_put_u8(req, OPHOTON_A_SIM_ACTION, OPHOTON_SIM_ACTION_INSERT);
	ASSERT_EQ(0, request(_metadata, self, req));

	read_streams(&mon, &cfg, &alarms, &link_alarm, &health_alarm);
	EXPECT_EQ(1, link_alarm);
	EXPECT_EQ(1, health_alarm);
	EXPECT_LT(0, cfg.n);	/* the links fed by the laser degraded */
	EXPECT_EQ(0, cfg.gaps);
	EXPECT_EQ(0, alarms.gaps);
	genl_close(&mon);
}

TEST_F(fabric, links_a_module_takes_over_a_level_at_once_raise_one_alarm)
{
	char req[256] __attribute__((aligned(4)));
	char buf[8192] __attribute__((aligned(4)));
	struct nlmsghdr *nlh = (struct nlmsghdr *)buf;
	struct genl_sock mon;
	uint32_t fed, start;
	int coalesced = 0, per_link = 0;
	struct nlattr *nest;

	ASSERT_TRUE(bring_up(_metadata, self));
	fab_msg(self, req, OPHOTON_CMD_MODULE_GET, FAB);
	genl_put_u8(req, OPHOTON_A_SIDE, OPHOTON_SIDE_GPU);
	genl_put_u32(req, OPHOTON_A_MODULE_ID, 1);
	ASSERT_EQ(0, request(_metadata, self, req));
	fed = genl_u32((struct nlmsghdr *)self->r->buf, OPHOTON_A_MODULE_LINKS_FED, 0);
	ASSERT_LT(1U, fed);
	/*
	 * The engines' input power now sits below a raised warning level, and
	 * the clock runs in real time, so that what is read below is the
	 * fault's first effect, not what a failed TEC does minutes later.
	 */
	fab_msg(self, req, OPHOTON_CMD_FABRIC_SET, FAB);
	genl_put_u32(req, OPHOTON_A_FABRIC_TIME_SCALE, 1);
	start = ((struct nlmsghdr *)req)->nlmsg_len;
	nest = (struct nlattr *)(req + start);
	nest->nla_type = NLA_F_NESTED | OPHOTON_A_THRESH;
	((struct nlmsghdr *)req)->nlmsg_len += NLA_HDRLEN;
	genl_put_u8(req, OPHOTON_A_THRESH_ID, OPHOTON_THRESH_PORT_OE_INPUT_UDBM);
	genl_put_u32(req, OPHOTON_A_THRESH_ALARM_LO, 0);
	genl_put_u32(req, OPHOTON_A_THRESH_WARN_LO, 29998);
	genl_put_u32(req, OPHOTON_A_THRESH_WARN_HI, 29999);
	genl_put_u32(req, OPHOTON_A_THRESH_ALARM_HI, 30000);
	nest->nla_len = (uint16_t)(((struct nlmsghdr *)req)->nlmsg_len - start);
	ASSERT_EQ(0, request(_metadata, self, req)) TH_LOG("%s", self->r->extack);

	ASSERT_EQ(0, genl_open(&mon));
	ASSERT_EQ(0, genl_join(&mon, OPHOTON_GENL_NAME, OPHOTON_MCGRP_ALARMS));
	/* Module 1's TEC fails: its links are looked at again, together. */
	fab_msg(self, req, OPHOTON_CMD_SIM_FAULT, FAB);
	genl_put_u8(req, OPHOTON_A_SIM_ACTION, OPHOTON_SIM_ACTION_INSERT);
	genl_put_u8(req, OPHOTON_A_FAULT_KIND, OPHOTON_FAULT_TEC);
	genl_put_u8(req, OPHOTON_A_SIDE, OPHOTON_SIDE_GPU);
	genl_put_u32(req, OPHOTON_A_FAULT_TARGET, 1);
	ASSERT_EQ(0, request(_metadata, self, req)) TH_LOG("%s", self->r->extack);
	while (genl_recv_ntf(&mon, buf, sizeof(buf), 500) > 0) {
		if (genl_u32(nlh, OPHOTON_A_FABRIC_ID, ~0U) != FAB)
			continue;
		switch (genl_u8(nlh, OPHOTON_A_ALARM_KIND, 0)) {
		case OPHOTON_ALARM_THRESHOLD_LINK:
			per_link++;
			break;
		case OPHOTON_ALARM_THRESHOLD_LINKS:
			if (genl_u32(nlh, OPHOTON_A_MODULE_ID, ~0U) != 1)
				break;
			coalesced++;
			EXPECT_EQ(OPHOTON_HEALTH_MODULE, genl_u8(nlh, OPHOTON_A_HEALTH_DOMAIN, 0));
			EXPECT_EQ(fed, genl_u32(nlh, OPHOTON_A_ALARM_LINK_COUNT, 0));
			EXPECT_NE(~0U, genl_u32(nlh, OPHOTON_A_LINK_ID, ~0U));
			/* warn-lo of the engine input power: bit 0 of nibble 2 */
			EXPECT_TRUE(!!(genl_u32(nlh, OPHOTON_A_ALARM_FLAGS, 0) & 0x100));
			break;
		}
	}
	EXPECT_EQ(1, coalesced);
	EXPECT_EQ(0, per_link);
	genl_close(&mon);
	fab_msg(self, req, OPHOTON_CMD_SIM_FAULT, FAB);
	genl_put_u8(req, OPHOTON_A_SIM_ACTION, OPHOTON_SIM_ACTION_REMOVE);
	genl_put_u8(req, OPHOTON_A_FAULT_KIND, OPHOTON_FAULT_TEC);
	genl_put_u8(req, OPHOTON_A_SIDE, OPHOTON_SIDE_GPU);
	genl_put_u32(req, OPHOTON_A_FAULT_TARGET, 1);
	EXPECT_EQ(0, request(_metadata, self, req)) TH_LOG("%s", self->r->extack);
}

TEST_F(fabric, module_dump_lists_both_sides)
{
	char req[256] __attribute__((aligned(4)));
	int n = 0, intr;

	fab_msg(self, req, OPHOTON_CMD_MODULE_GET, FAB);
	/* 8 GPUs x 2 modules, and 8 planes x 2 switch modules. */
	EXPECT_EQ(32, genl_dump(&self->s, req, 65536, count_fabric, &n, &intr));
	n = 0;
	fab_msg(self, req, OPHOTON_CMD_MODULE_GET, FAB);
	genl_put_u32(req, OPHOTON_A_GPU_ID, 5);
	EXPECT_EQ(2, genl_dump(&self->s, req, 65536, count_fabric, &n, &intr));
	fab_msg(self, req, OPHOTON_CMD_MODULE_GET, FAB);
	genl_put_u8(req, OPHOTON_A_SIDE, OPHOTON_SIDE_SWITCH);
	genl_put_u32(req, OPHOTON_A_MODULE_ID, 99);
	EXPECT_EQ(-ERANGE, request(_metadata, self, req));
}

/* FABRIC_SET @action on fabric @fab, then its links down and those up. */
static void set_all(struct __test_metadata *_metadata, FIXTURE_DATA(fabric) *self,
		    uint32_t fab, uint8_t action, uint32_t *down, uint32_t *up)
{
	char req[256] __attribute__((aligned(4)));
	const struct nlattr *st;

	fab_msg(self, req, OPHOTON_CMD_FABRIC_SET, fab);
	genl_put_u8(req, OPHOTON_A_FABRIC_ACTION, action);
	ASSERT_EQ(0, request(_metadata, self, req));
	fab_msg(self, req, OPHOTON_CMD_FABRIC_GET, fab);
	genl_put_flag(req, OPHOTON_A_STATS);
	ASSERT_EQ(0, request(_metadata, self, req));
	st = genl_attr((struct nlmsghdr *)self->r->buf, OPHOTON_A_FABRIC_STATS);
	ASSERT_NE(NULL, st);
	*down = genl_nest_u32(st, OPHOTON_A_FABRIC_STATS_LINKS_DOWN, ~0U);
	*up = genl_nest_u32(st, OPHOTON_A_FABRIC_STATS_LINKS_UP, ~0U);
}

/*
 * 64 GPUs: 256 laser modules and 2,048 links, set in slices of 1,024 with
 * the fabric let go between them. Every one of them is set all the same,
 * up and down, and the links all come up.
 */
TEST_F(fabric, fabric_set_of_a_large_fabric_goes_in_slices_and_sets_everything)
{
	uint32_t down, up;

	ASSERT_EQ(0, sysfs_write(NEW_DEVICE, "16 gpus=64 time_scale=1"));
	set_all(_metadata, self, 16, OPHOTON_FABRIC_ACTION_UP, &down, &up);
	EXPECT_EQ(0U, down);		/* none left administratively down */
	step(_metadata, self, 16, 10 * SEC);
	set_all(_metadata, self, 16, OPHOTON_FABRIC_ACTION_UP, &down, &up);
	EXPECT_EQ(2048U, up);
	set_all(_metadata, self, 16, OPHOTON_FABRIC_ACTION_DOWN, &down, &up);
	EXPECT_EQ(2048U, down);
	EXPECT_EQ(0U, up);
	ASSERT_EQ(0, sysfs_write(DEL_DEVICE, "16"));
}

TEST_HARNESS_MAIN
