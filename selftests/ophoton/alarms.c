// SPDX-License-Identifier: GPL-2.0
/*
 * A fabric's alarm history over netlink (ALARM_GET, ALARM_ACK): it holds
 * what the "alarms" group announced, in order and numbered alike, the
 * newest alarm_history of them; a dump resumes from a number; an alarm is
 * active while its cause is there, ends with a record of its clearing,
 * and stays listed once acknowledged.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <linux/ophoton.h>

#include "fixture.h"

#define MAX_ALARMS	128

/* What a list of alarms (notifications or history records) says. */
struct alarms {
	int n;
	uint64_t seq[MAX_ALARMS];
	uint8_t kind[MAX_ALARMS];
	uint32_t link[MAX_ALARMS];
	uint8_t severity[MAX_ALARMS];
	bool active[MAX_ALARMS], acked[MAX_ALARMS], timed[MAX_ALARMS];
};

static void add_alarm(const struct nlmsghdr *nlh, void *arg)
{
	struct alarms *a = arg;

	if (a->n == MAX_ALARMS || genl_u32(nlh, OPHOTON_A_FABRIC_ID, ~0U) != FAB)
		return;
	a->seq[a->n] = genl_u64(nlh, OPHOTON_A_NTF_SEQ, 0);
	a->kind[a->n] = genl_u8(nlh, OPHOTON_A_ALARM_KIND, 0);
	a->link[a->n] = genl_u32(nlh, OPHOTON_A_LINK_ID, ~0U);
	a->severity[a->n] = genl_u8(nlh, OPHOTON_A_ALARM_SEVERITY, 0xff);
	a->active[a->n] = genl_attr(nlh, OPHOTON_A_ALARM_ACTIVE);
	a->acked[a->n] = genl_attr(nlh, OPHOTON_A_ALARM_ACKED);
	a->timed[a->n] = genl_u64(nlh, OPHOTON_A_ALARM_WALL_NS, 0) &&
			 genl_attr(nlh, OPHOTON_A_ALARM_TIME_NS);
	a->n++;
}

/* The history of fabric FAB from @from (0: from its oldest), or the active. */
static int history(FIXTURE_DATA(fabric) *self, uint64_t from, bool active, struct alarms *a)
{
	char req[256] __attribute__((aligned(4)));
	struct genl_sock s;
	int intr, n;

	memset(a, 0, sizeof(*a));
	genl_msg_init(req, self->family, OPHOTON_CMD_ALARM_GET, OPHOTON_GENL_VERSION,
		      NLM_F_DUMP);
	genl_put_u32(req, OPHOTON_A_FABRIC_ID, FAB);
	if (from)
		genl_put_u64(req, OPHOTON_A_NTF_SEQ, from);
	if (active)
		genl_put_flag(req, OPHOTON_A_ALARM_ACTIVE);
	/*
	 * Messages of 4 KiB, on a socket of its own that never read a larger
	 * one: a history of 64 resumes from its number twice.
	 */
	if (genl_open(&s))
		return -errno;
	n = genl_dump(&s, req, 4096, add_alarm, a, &intr);
	genl_close(&s);
	return n;
}

/* 3.5 dB of dirt on a fibre of link @link: its receiver warns. */
static void dirty_fibre(struct __test_metadata *_metadata, FIXTURE_DATA(fabric) *self,
			uint32_t link, uint8_t fibre)
{
	char req[256] __attribute__((aligned(4)));

	fab_msg(self, req, OPHOTON_CMD_SIM_FAULT, FAB);
	genl_put_u8(req, OPHOTON_A_FAULT_KIND, OPHOTON_FAULT_FIBRE_DIRTY);
	genl_put_u32(req, OPHOTON_A_FAULT_TARGET, link);
	genl_put_u8(req, OPHOTON_A_FIBRE, fibre);
	genl_put_u32(req, OPHOTON_A_FAULT_VALUE, 350);
	genl_put_u8(req, OPHOTON_A_SIM_ACTION, OPHOTON_SIM_ACTION_INSERT);
	ASSERT_EQ(0, request(_metadata, self, req));
}

static void dirty(struct __test_metadata *_metadata, FIXTURE_DATA(fabric) *self,
		  uint32_t link)
{
	dirty_fibre(_metadata, self, link, OPHOTON_FIBRE_TX);
}

/* ALARM_GET do or ALARM_ACK of alarm @seq: the request's error. */
static int one_alarm(struct __test_metadata *_metadata, FIXTURE_DATA(fabric) *self,
		     uint8_t cmd, uint64_t seq)
{
	char req[256] __attribute__((aligned(4)));

	fab_msg(self, req, cmd, FAB);
	genl_put_u64(req, OPHOTON_A_NTF_SEQ, seq);
	return request(_metadata, self, req);
}

/* FABRIC_GET's view of the history: its size and its oldest alarm. */
static void history_bounds(struct __test_metadata *_metadata, FIXTURE_DATA(fabric) *self,
			   uint32_t *cap, uint64_t *first)
{
	char req[256] __attribute__((aligned(4)));

	fab_msg(self, req, OPHOTON_CMD_FABRIC_GET, FAB);
	ASSERT_EQ(0, request(_metadata, self, req));
	*cap = genl_u32((struct nlmsghdr *)self->r->buf, OPHOTON_A_ALARM_HISTORY, 0);
	*first = genl_u64((struct nlmsghdr *)self->r->buf, OPHOTON_A_ALARM_FIRST_SEQ, ~0ULL);
}

TEST_F(fabric, the_history_holds_every_alarm_the_group_announced)
{
	char buf[8192] __attribute__((aligned(4)));
	struct nlmsghdr *nlh = (struct nlmsghdr *)buf;
	struct alarms heard = { 0 }, kept;
	struct genl_sock mon;
	uint64_t first;
	uint32_t cap;
	int i;

	ASSERT_TRUE(bring_up(_metadata, self));
	history_bounds(_metadata, self, &cap, &first);
	EXPECT_EQ(1024U, cap);		/* the default */
	ASSERT_EQ(0, genl_open(&mon));
	ASSERT_EQ(0, genl_join(&mon, OPHOTON_GENL_NAME, OPHOTON_MCGRP_ALARMS));
	for (i = 0; i < 5; i++)
		dirty(_metadata, self, (uint32_t)(8 * i + 2));
	while (genl_recv_ntf(&mon, buf, sizeof(buf), 300) > 0)
		if (((struct genlmsghdr *)NLMSG_DATA(nlh))->cmd == OPHOTON_CMD_ALARM_NTF)
			add_alarm(nlh, &heard);
	genl_close(&mon);
	ASSERT_LE(5, heard.n);

	/* From the oldest: what was heard is the tail of what is kept, alike. */
	ASSERT_LT(0, history(self, 0, false, &kept));
	ASSERT_LE(heard.n, kept.n);
	for (i = 0; i < heard.n; i++) {
		int k = kept.n - heard.n + i;

		EXPECT_EQ(heard.seq[i], kept.seq[k]);
		EXPECT_EQ(heard.kind[i], kept.kind[k]);
		EXPECT_EQ(heard.link[i], kept.link[k]);
		EXPECT_TRUE(kept.timed[k]);
		/* 3.5 dB warns: minor, and the flags are still latched. */
		EXPECT_EQ(OPHOTON_SEVERITY_MINOR, kept.severity[k]);
		EXPECT_TRUE(kept.active[k]);
		EXPECT_FALSE(kept.acked[k]);
	}
	for (i = 1; i < kept.n; i++)
		EXPECT_EQ(kept.seq[i - 1] + 1, kept.seq[i]);
	history_bounds(_metadata, self, &cap, &first);
	EXPECT_EQ(kept.seq[0], first);

	/* One alarm by its number: the same record. */
	ASSERT_EQ(0, one_alarm(_metadata, self, OPHOTON_CMD_ALARM_GET, heard.seq[2]));
	EXPECT_EQ(heard.link[2], genl_u32((struct nlmsghdr *)self->r->buf, OPHOTON_A_LINK_ID, ~0U));
	EXPECT_EQ(heard.seq[2], genl_u64((struct nlmsghdr *)self->r->buf, OPHOTON_A_NTF_SEQ, 0));
}

TEST_F(fabric, the_history_keeps_the_newest_and_a_dump_resumes_from_a_number)
{
	char req[256] __attribute__((aligned(4)));
	struct alarms all, tail;
	uint64_t first, newest;
	uint32_t cap;
	int i;

	/* The same fabric, with room for 48 alarms. */
	ASSERT_EQ(0, sysfs_write(DEL_DEVICE, FAB_STR));
	ASSERT_EQ(0, sysfs_write(NEW_DEVICE, FAB_STR " " FAB_SHAPE " alarm_history=48"));
	/* And the sizes it refuses. */
	EXPECT_EQ(-EINVAL, sysfs_write(NEW_DEVICE, "8 " FAB_SHAPE " alarm_history=15"));
	EXPECT_EQ(-EINVAL, sysfs_write(NEW_DEVICE, "8 " FAB_SHAPE " alarm_history=65537"));
	ASSERT_TRUE(bring_up(_metadata, self));
	/* Each link's receivers warn, one alarm a link: more than it keeps. */
	for (i = 0; i < FAB_LINKS; i++)
		dirty(_metadata, self, (uint32_t)i);
	usleep(300000);

	ASSERT_EQ(48, history(self, 0, false, &all));
	for (i = 1; i < all.n; i++)
		EXPECT_EQ(all.seq[i - 1] + 1, all.seq[i]);
	newest = all.seq[47];
	history_bounds(_metadata, self, &cap, &first);
	EXPECT_EQ(48U, cap);
	EXPECT_EQ(all.seq[0], first);
	EXPECT_LE((uint64_t)FAB_LINKS, newest);	/* the oldest went */

	/* From a number on: the rest, in order. */
	ASSERT_EQ(43, history(self, first + 5, false, &tail));
	EXPECT_EQ(first + 5, tail.seq[0]);
	EXPECT_EQ(newest, tail.seq[42]);
	/* From a number that left the history: from its oldest. */
	EXPECT_EQ(48, history(self, 1, false, &tail));

	/* One that left, or was never raised: refused, naming the number. */
	EXPECT_EQ(-ENOENT, one_alarm(_metadata, self, OPHOTON_CMD_ALARM_GET, first - 1));
	EXPECT_EQ((uint32_t)(NLMSG_HDRLEN + GENL_HDRLEN + 8), self->r->extack_offs);
	EXPECT_NE(NULL, strstr(self->r->extack, "history")) TH_LOG("%s", self->r->extack);
	EXPECT_EQ(-ENOENT, one_alarm(_metadata, self, OPHOTON_CMD_ALARM_GET, newest + 1));
	EXPECT_EQ(-ENOENT, one_alarm(_metadata, self, OPHOTON_CMD_ALARM_ACK, newest + 1));
	EXPECT_EQ((uint32_t)(NLMSG_HDRLEN + GENL_HDRLEN + 8), self->r->extack_offs);
	/* Without the number: refused, naming what is missing. */
	fab_msg(self, req, OPHOTON_CMD_ALARM_ACK, FAB);
	EXPECT_EQ(-EINVAL, request(_metadata, self, req));
	EXPECT_EQ((uint32_t)OPHOTON_A_NTF_SEQ, self->r->extack_miss);
}

TEST_F(fabric, an_alarm_is_active_while_its_cause_is_there_and_stays_listed_once_acked)
{
	char req[256] __attribute__((aligned(4)));
	struct alarms all, active;
	uint64_t seq2 = 0, seq3 = 0, raised, cleared;
	int i;

	ASSERT_TRUE(bring_up(_metadata, self));
	dirty(_metadata, self, 2);
	dirty(_metadata, self, 3);
	usleep(300000);
	ASSERT_LE(2, history(self, 0, false, &all));
	for (i = 0; i < all.n; i++) {
		if (all.link[i] == 2)
			seq2 = all.seq[i];
		if (all.link[i] == 3)
			seq3 = all.seq[i];
	}
	ASSERT_NE(0U, seq2);
	ASSERT_NE(0U, seq3);

	/* Link 2's flags cleared: its alarm is no longer active, still listed. */
	fab_msg(self, req, OPHOTON_CMD_LINK_SET, FAB);
	genl_put_u32(req, OPHOTON_A_LINK_ID, 2);
	genl_put_u8(req, OPHOTON_A_LINK_ACTION, OPHOTON_LINK_ACTION_CLEAR);
	ASSERT_EQ(0, request(_metadata, self, req));
	ASSERT_LE(1, history(self, 0, true, &active));
	for (i = 0; i < active.n; i++) {
		EXPECT_NE(seq2, active.seq[i]);
		EXPECT_TRUE(active.active[i]);
	}
	ASSERT_EQ(0, one_alarm(_metadata, self, OPHOTON_CMD_ALARM_GET, seq2));
	EXPECT_EQ(NULL, genl_attr((struct nlmsghdr *)self->r->buf, OPHOTON_A_ALARM_ACTIVE));
	/* Its end is a record of its own, which gave the alarm its cleared times. */
	raised = genl_u64((struct nlmsghdr *)self->r->buf, OPHOTON_A_ALARM_TIME_NS, 0);
	cleared = genl_u64((struct nlmsghdr *)self->r->buf, OPHOTON_A_ALARM_CLEARED_NS, 0);
	EXPECT_LE(raised, cleared);
	EXPECT_NE(0U, cleared);
	EXPECT_NE(0U, genl_u64((struct nlmsghdr *)self->r->buf, OPHOTON_A_ALARM_CLEARED_WALL_NS, 0));
	ASSERT_LE(3, history(self, seq2, false, &all));
	for (i = 0; i < all.n; i++)
		if (all.kind[i] == OPHOTON_ALARM_CLEARED && all.link[i] == 2)
			break;
	ASSERT_LT(i, all.n);
	EXPECT_EQ(OPHOTON_SEVERITY_INFO, all.severity[i]);
	EXPECT_FALSE(all.active[i]);
	/* Link 3's lasts: no cleared time. */
	ASSERT_EQ(0, one_alarm(_metadata, self, OPHOTON_CMD_ALARM_GET, seq3));
	EXPECT_EQ(NULL, genl_attr((struct nlmsghdr *)self->r->buf, OPHOTON_A_ALARM_CLEARED_NS));

	/* Acknowledged: marked, still listed, active as before; twice is fine. */
	ASSERT_EQ(0, one_alarm(_metadata, self, OPHOTON_CMD_ALARM_ACK, seq3));
	ASSERT_EQ(0, one_alarm(_metadata, self, OPHOTON_CMD_ALARM_ACK, seq3));
	ASSERT_EQ(0, one_alarm(_metadata, self, OPHOTON_CMD_ALARM_GET, seq3));
	EXPECT_NE(NULL, genl_attr((struct nlmsghdr *)self->r->buf, OPHOTON_A_ALARM_ACKED));
	EXPECT_NE(NULL, genl_attr((struct nlmsghdr *)self->r->buf, OPHOTON_A_ALARM_ACTIVE));
	ASSERT_LE(1, history(self, 0, true, &active));
	for (i = 0; i < active.n; i++)
		if (active.seq[i] == seq3)
			break;
	EXPECT_LT(i, active.n);
	EXPECT_TRUE(active.acked[i]);
}

/* The alarm of @link in @a, the last one listed; -1 if none. */
static int alarm_of_link(const struct alarms *a, uint32_t link, uint8_t kind)
{
	int i, found = -1;

	for (i = 0; i < a->n; i++)
		if (a->link[i] == link && a->kind[i] == kind)
			found = i;
	return found;
}

/* LINK_SET clear of link @link: its latched flags go. */
static void clear_link(struct __test_metadata *_metadata, FIXTURE_DATA(fabric) *self,
		       uint32_t link)
{
	char req[256] __attribute__((aligned(4)));

	fab_msg(self, req, OPHOTON_CMD_LINK_SET, FAB);
	genl_put_u32(req, OPHOTON_A_LINK_ID, link);
	genl_put_u8(req, OPHOTON_A_LINK_ACTION, OPHOTON_LINK_ACTION_CLEAR);
	ASSERT_EQ(0, request(_metadata, self, req));
}

/*
 * With room for 16 alarms the history finds ends through 32 buckets, where
 * links 0, 34 and 55 hash alike: clearing 0 and 55 ends their alarms and
 * not 34's.  And an alarm that ended stays over when its cause comes back:
 * the new one is active, the old one is not.
 */
TEST_F(fabric, an_end_finds_its_alarms_among_others_that_hash_alike)
{
	struct alarms all;
	int a0, a34, a55, b55;
	uint64_t first55;

	ASSERT_EQ(0, sysfs_write(DEL_DEVICE, FAB_STR));
	ASSERT_EQ(0, sysfs_write(NEW_DEVICE, FAB_STR " " FAB_SHAPE " alarm_history=16"));
	ASSERT_TRUE(bring_up(_metadata, self));
	dirty(_metadata, self, 0);
	dirty(_metadata, self, 34);
	dirty(_metadata, self, 55);
	clear_link(_metadata, self, 0);
	clear_link(_metadata, self, 55);
	usleep(300000);
	ASSERT_LT(0, history(self, 0, false, &all));
	a0 = alarm_of_link(&all, 0, OPHOTON_ALARM_THRESHOLD_LINK);
	a34 = alarm_of_link(&all, 34, OPHOTON_ALARM_THRESHOLD_LINK);
	a55 = alarm_of_link(&all, 55, OPHOTON_ALARM_THRESHOLD_LINK);
	ASSERT_LE(0, a0);
	ASSERT_LE(0, a34);
	ASSERT_LE(0, a55);
	EXPECT_EQ(0, one_alarm(_metadata, self, OPHOTON_CMD_ALARM_GET, all.seq[a0]));
	EXPECT_NE(NULL, genl_attr((struct nlmsghdr *)self->r->buf, OPHOTON_A_ALARM_CLEARED_NS));
	EXPECT_EQ(0, one_alarm(_metadata, self, OPHOTON_CMD_ALARM_GET, all.seq[a55]));
	EXPECT_NE(NULL, genl_attr((struct nlmsghdr *)self->r->buf, OPHOTON_A_ALARM_CLEARED_NS));
	EXPECT_EQ(0, one_alarm(_metadata, self, OPHOTON_CMD_ALARM_GET, all.seq[a34]));
	EXPECT_EQ(NULL, genl_attr((struct nlmsghdr *)self->r->buf, OPHOTON_A_ALARM_CLEARED_NS));
	EXPECT_TRUE(all.active[a34]);
	first55 = all.seq[a55];

	/* Dirt on link 55's other fibre: its flags latch again, a new alarm. */
	dirty_fibre(_metadata, self, 55, OPHOTON_FIBRE_RX);
	usleep(300000);
	ASSERT_LT(0, history(self, 0, false, &all));
	b55 = alarm_of_link(&all, 55, OPHOTON_ALARM_THRESHOLD_LINK);
	ASSERT_LE(0, b55);
	ASSERT_LT(first55, all.seq[b55]);
	EXPECT_TRUE(all.active[b55]);
	/* The first, ended, is not active though link 55's flags are latched. */
	for (a55 = 0; a55 < all.n; a55++)
		if (all.seq[a55] == first55)
			break;
	ASSERT_LT(a55, all.n);
	EXPECT_FALSE(all.active[a55]);
}

TEST_HARNESS_MAIN
