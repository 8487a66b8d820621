// SPDX-License-Identifier: GPL-2.0
/*
 * Laser module hot swap over generic netlink, notification by
 * notification: the planned procedure (drain, pull, plug, interlock,
 * activate, ramp, relock, retrain) and a surprise removal, for both feed
 * maps.  Only the links in the module's blast radius may move, each
 * through exactly the states the procedure implies, and the config
 * stream must stay gap-free.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <linux/ophoton.h>

#include "fixture.h"

#define SWAP_FAB	9
#define SWAP_MOD	3	/* GPU 1's second laser module */
#define MAX_STEPS	32

/* What one object went through: a list of (state, detail) pairs. */
struct trail {
	int n;
	uint8_t state[MAX_STEPS];
	uint8_t detail[MAX_STEPS];	/* link: down reason; module: admin */
	int pos[MAX_STEPS];		/* place in the whole stream */
};

struct swap_trace {
	struct trail module;
	struct trail link[FAB_LINKS];
	uint8_t in_blast[FAB_LINKS];
	int outside;		/* notifications about links outside it */
	int other_modules;	/* notifications about other modules */
	int gaps;
	int events;		/* notifications of the fabric so far */
	uint64_t last_seq;
};

static void trail_add(struct trail *t, uint8_t state, uint8_t detail, int pos)
{
	if (t->n < MAX_STEPS) {
		t->state[t->n] = state;
		t->detail[t->n] = detail;
		t->pos[t->n] = pos;
	}
	t->n++;
}

/* Read every pending config notification of fabric @fab into @tr. */
static void trace_read(struct genl_sock *mon, struct swap_trace *tr, uint32_t fab)
{
	char buf[8192] __attribute__((aligned(4)));
	struct nlmsghdr *nlh = (struct nlmsghdr *)buf;

	while (genl_recv_ntf(mon, buf, sizeof(buf), 0) > 0) {
		struct genlmsghdr *g = NLMSG_DATA(nlh);
		uint64_t seq = genl_u64(nlh, OPHOTON_A_NTF_SEQ, 0);
		uint32_t id;

		if (genl_u32(nlh, OPHOTON_A_FABRIC_ID, ~0U) != fab || !seq)
			continue;
		if (tr->last_seq && seq != tr->last_seq + 1)
			tr->gaps++;
		tr->last_seq = seq;
		tr->events++;
		if (g->cmd == OPHOTON_CMD_MODULE_NTF) {
			id = genl_u32(nlh, OPHOTON_A_MODULE_ID, ~0U);
			if (id != SWAP_MOD ||
			    genl_u8(nlh, OPHOTON_A_SIDE, 0xff) != OPHOTON_SIDE_GPU) {
				tr->other_modules++;
				continue;
			}
			trail_add(&tr->module, genl_u8(nlh, OPHOTON_A_MODULE_STATE, 0xff),
				  genl_u8(nlh, OPHOTON_A_MODULE_ADMIN, 0xff), tr->events);
		} else if (g->cmd == OPHOTON_CMD_LINK_NTF) {
			id = genl_u32(nlh, OPHOTON_A_LINK_ID, ~0U);
			if (id >= FAB_LINKS || !tr->in_blast[id]) {
				tr->outside++;
				continue;
			}
			trail_add(&tr->link[id], genl_u8(nlh, OPHOTON_A_LINK_STATE, 0xff),
				  genl_u8(nlh, OPHOTON_A_LINK_DOWN_REASON, 0xff), tr->events);
		}
	}
}

static void trail_log(struct __test_metadata *_metadata, const char *what,
		      const struct trail *t)
{
	char text[512];
	int i, len = 0;

	for (i = 0; i < t->n && i < MAX_STEPS; i++)
		len += snprintf(text + len, sizeof(text) - len, " %u/%u",
				t->state[i], t->detail[i]);
	TH_LOG("%s:%s", what, text);
}

/* @cmd with @attr = @action on the module the tests swap. */
static int swap_act(struct __test_metadata *_metadata, FIXTURE_DATA(fabric) *self,
		    uint8_t cmd, uint8_t attr, uint8_t action)
{
	return module_act(_metadata, self, SWAP_FAB, cmd, attr, action, SWAP_MOD);
}

/* Create the swap fabric with @feed, bring it up, learn the blast radius. */
static int swap_setup(struct __test_metadata *_metadata, FIXTURE_DATA(fabric) *self,
		      const char *feed, struct swap_trace *tr)
{
	char req[256] __attribute__((aligned(4)));
	struct nlmsghdr *nlh = (struct nlmsghdr *)self->r->buf;
	const struct nlattr *ids, *a;
	char shape[256];
	int rem, n = 0;

	/* Real-time scale 1: only the test's steps move the clock. */
	snprintf(shape, sizeof(shape), "%u " FAB_SHAPE " feed=%s time_scale=1",
		 SWAP_FAB, feed);
	EXPECT_EQ(0, sysfs_write(NEW_DEVICE, shape));
	fab_msg(self, req, OPHOTON_CMD_FABRIC_SET, SWAP_FAB);
	genl_put_u8(req, OPHOTON_A_FABRIC_ACTION, OPHOTON_FABRIC_ACTION_UP);
	EXPECT_EQ(0, request(_metadata, self, req));
	step(_metadata, self, SWAP_FAB, 10000000000ULL);

	fab_msg(self, req, OPHOTON_CMD_BLAST_GET, SWAP_FAB);
	genl_put_u8(req, OPHOTON_A_SIDE, OPHOTON_SIDE_GPU);
	genl_put_u8(req, OPHOTON_A_BLAST_OBJ, OPHOTON_BLAST_MODULE);
	genl_put_u32(req, OPHOTON_A_BLAST_ID, SWAP_MOD);
	EXPECT_EQ(0, request(_metadata, self, req));
	ids = genl_attr(nlh, OPHOTON_A_BLAST_LINK_IDS);
	if (!ids)
		return 0;
	rem = ids->nla_len - NLA_HDRLEN;
	for (a = (const struct nlattr *)((const char *)ids + NLA_HDRLEN);
	     rem >= NLA_HDRLEN; rem -= NLA_ALIGN(a->nla_len),
	     a = (const struct nlattr *)((const char *)a + NLA_ALIGN(a->nla_len))) {
		uint32_t l;

		memcpy(&l, (const char *)a + NLA_HDRLEN, 4);
		if (l < FAB_LINKS) {
			tr->in_blast[l] = 1;
			n++;
		}
	}
	return n;
}

/*
 * @t went through exactly the @n (state, detail) pairs of @want; logs the
 * whole trail when it did not, so a failure shows what happened.
 */
static int trail_is(struct __test_metadata *_metadata, const char *what,
		    const struct trail *t, const uint8_t (*want)[2], int n)
{
	int i;

	if (t->n == n) {
		for (i = 0; i < n; i++)
			if (t->state[i] != want[i][0] || t->detail[i] != want[i][1])
				break;
		if (i == n)
			return 1;
	}
	trail_log(_metadata, what, t);
	return 0;
}

/* A u32 of a link's statistics nest. */
static uint32_t link_stat(struct __test_metadata *_metadata, FIXTURE_DATA(fabric) *self,
			  uint32_t link, uint16_t type)
{
	char req[256] __attribute__((aligned(4)));
	struct nlmsghdr *nlh = (struct nlmsghdr *)self->r->buf;
	const struct nlattr *st;

	fab_msg(self, req, OPHOTON_CMD_LINK_GET, SWAP_FAB);
	genl_put_u32(req, OPHOTON_A_LINK_ID, link);
	genl_put_flag(req, OPHOTON_A_STATS);
	EXPECT_EQ(0, request(_metadata, self, req));
	st = genl_attr(nlh, OPHOTON_A_LINK_STATS);
	return st ? genl_nest_u32(st, type, ~0U) : ~0U;
}

static uint8_t laser_state(struct __test_metadata *_metadata, FIXTURE_DATA(fabric) *self,
			   int *checked)
{
	char req[256] __attribute__((aligned(4)));
	struct nlmsghdr *nlh = (struct nlmsghdr *)self->r->buf;

	fab_msg(self, req, OPHOTON_CMD_LASER_GET, SWAP_FAB);
	genl_put_u8(req, OPHOTON_A_SIDE, OPHOTON_SIDE_GPU);
	genl_put_u32(req, OPHOTON_A_MODULE_ID, SWAP_MOD);
	genl_put_u8(req, OPHOTON_A_LANE, 0);
	EXPECT_EQ(0, request(_metadata, self, req));
	*checked = genl_attr(nlh, OPHOTON_A_LASER_FIBRE_CHECKED) != NULL;
	return genl_u8(nlh, OPHOTON_A_LASER_STATE, 0xff);
}

/* The first and the last place in the stream of any blast link's event @k. */
static void link_places(const struct swap_trace *tr, int k, int *first, int *last)
{
	int i;

	*first = 1 << 30;
	*last = -1;
	for (i = 0; i < FAB_LINKS; i++) {
		if (!tr->in_blast[i] || tr->link[i].n <= k)
			continue;
		if (tr->link[i].pos[k] < *first)
			*first = tr->link[i].pos[k];
		if (tr->link[i].pos[k] > *last)
			*last = tr->link[i].pos[k];
	}
}

/* Counters of the blast radius' links and of the others, before and after. */
struct swap_counts {
	uint32_t up[FAB_LINKS];
	uint32_t down[FAB_LINKS];
};

static void counts_read(struct __test_metadata *_metadata, FIXTURE_DATA(fabric) *self,
			struct swap_counts *c)
{
	int i;

	for (i = 0; i < FAB_LINKS; i++) {
		c->up[i] = link_stat(_metadata, self, i, OPHOTON_A_LINK_STATS_UP_COUNT);
		c->down[i] = link_stat(_metadata, self, i, OPHOTON_A_LINK_STATS_DOWN_COUNT);
	}
}

/* Each blast link went down and up once more; the others did not move. */
static void counts_check(struct __test_metadata *_metadata, const struct swap_trace *tr,
			 const struct swap_counts *before, const struct swap_counts *after)
{
	int i;

	for (i = 0; i < FAB_LINKS; i++) {
		EXPECT_EQ(before->up[i] + tr->in_blast[i], after->up[i]) TH_LOG("link %d", i);
		EXPECT_EQ(before->down[i] + tr->in_blast[i], after->down[i])
			TH_LOG("link %d", i);
	}
}

#define LINK_TRAIL	5	/* a blast link's trail: down, then four steps up */

/*
 * What every swap must show: a gap-free stream about this module and its
 * blast radius only; the module's trail exactly @module_want; each blast
 * link's exactly @link_want; every link down before the module's first
 * notification and relocking only after its last; and link counters that
 * moved by one down and one up in the blast radius, not at all elsewhere.
 */
static void swap_check(struct __test_metadata *_metadata, FIXTURE_DATA(fabric) *self,
		       const struct swap_trace *tr, const uint8_t (*module_want)[2],
		       int nmodule, const uint8_t (*link_want)[2],
		       const struct swap_counts *before)
{
	static struct swap_counts after;
	int i, first, last;
	char name[32];

	EXPECT_EQ(0, tr->gaps);
	EXPECT_EQ(0, tr->outside);
	EXPECT_EQ(0, tr->other_modules);
	EXPECT_TRUE(trail_is(_metadata, "module", &tr->module, module_want, nmodule));
	for (i = 0; i < FAB_LINKS; i++) {
		if (!tr->in_blast[i]) {
			EXPECT_EQ(0, tr->link[i].n);
			continue;
		}
		snprintf(name, sizeof(name), "link %d", i);
		EXPECT_TRUE(trail_is(_metadata, name, &tr->link[i], link_want, LINK_TRAIL));
	}
	link_places(tr, 0, &first, &last);
	EXPECT_LT(last, tr->module.pos[0]);
	link_places(tr, 1, &first, &last);
	EXPECT_GT(first, tr->module.pos[nmodule - 1]);
	counts_read(_metadata, self, &after);
	counts_check(_metadata, tr, before, &after);
}

/*
 * The planned swap: blast radius, drain (the links go down in order while
 * the lasers still shine, then the module powers down and reports itself
 * safe to remove), pull, plug (reset, low power), activate (power up,
 * interlock: each laser at eye-safe power until its fibre is verified,
 * ramp), and the links relock and retrain.  Every notification of the
 * fabric is accounted for, in order.
 */
TEST_F(fabric, planned_hot_swap_notifies_each_step_in_order)
{
	static const char *const feeds[] = { "block", "stripe" };
	static const uint8_t module_want[][2] = {
		{ OPHOTON_MODULE_STATE_POWERING_DOWN, OPHOTON_MODULE_ADMIN_UNPROVISIONING },
		{ OPHOTON_MODULE_STATE_LOW_POWER, OPHOTON_MODULE_ADMIN_UNPROVISIONING },
		{ OPHOTON_MODULE_STATE_LOW_POWER, OPHOTON_MODULE_ADMIN_UNPROVISIONED },
		{ OPHOTON_MODULE_STATE_ABSENT, OPHOTON_MODULE_ADMIN_UNPROVISIONED },
		{ OPHOTON_MODULE_STATE_RESETTING, OPHOTON_MODULE_ADMIN_UNPROVISIONED },
		{ OPHOTON_MODULE_STATE_LOW_POWER, OPHOTON_MODULE_ADMIN_UNPROVISIONED },
		{ OPHOTON_MODULE_STATE_POWERING_UP, OPHOTON_MODULE_ADMIN_PROVISIONING },
		{ OPHOTON_MODULE_STATE_READY, OPHOTON_MODULE_ADMIN_PROVISIONING },
		{ OPHOTON_MODULE_STATE_READY, OPHOTON_MODULE_ADMIN_ACTIVE },
	};
	static const uint8_t link_want[LINK_TRAIL][2] = {
		{ OPHOTON_LINK_STATE_WAIT_LIGHT, OPHOTON_DOWN_DRAIN },
		{ OPHOTON_LINK_STATE_CALIBRATING, OPHOTON_DOWN_DRAIN },
		{ OPHOTON_LINK_STATE_TRAINING, OPHOTON_DOWN_DRAIN },
		{ OPHOTON_LINK_STATE_BER_QUAL, OPHOTON_DOWN_DRAIN },
		{ OPHOTON_LINK_STATE_UP, OPHOTON_DOWN_DRAIN },
	};
	unsigned int v;

	for (v = 0; v < 2; v++) {
		static struct swap_counts before;
		static struct swap_trace tr;
		struct genl_sock mon;
		int i, safe = 0, checked = 0, seen = 0;
		uint8_t st, laser_seen[8];

		TH_LOG("feed=%s", feeds[v]);
		memset(&tr, 0, sizeof(tr));
		ASSERT_EQ(4, swap_setup(_metadata, self, feeds[v], &tr));
		counts_read(_metadata, self, &before);
		ASSERT_EQ(0, genl_open(&mon));
		ASSERT_EQ(0, genl_join(&mon, OPHOTON_GENL_NAME, OPHOTON_MCGRP_CONFIG));

		ASSERT_EQ(0, swap_act(_metadata, self, OPHOTON_CMD_MODULE_ACT,
				      OPHOTON_A_MODULE_ACTION, OPHOTON_MODULE_ACTION_DRAIN));
		/* Not safe to pull while the module powers down. */
		module_state(_metadata, self, SWAP_FAB, SWAP_MOD, &safe);
		EXPECT_FALSE(safe);
		for (i = 0; i < 20 && !safe; i++) {
			step(_metadata, self, SWAP_FAB, 100000000ULL);
			module_state(_metadata, self, SWAP_FAB, SWAP_MOD, &safe);
		}
		ASSERT_TRUE(safe);
		ASSERT_EQ(0, swap_act(_metadata, self, OPHOTON_CMD_SIM_MODULE,
				      OPHOTON_A_SIM_ACTION, OPHOTON_SIM_ACTION_REMOVE));
		ASSERT_EQ(0, swap_act(_metadata, self, OPHOTON_CMD_SIM_MODULE,
				      OPHOTON_A_SIM_ACTION, OPHOTON_SIM_ACTION_INSERT));
		/* A plugged module resets into low power and stays dark there. */
		step(_metadata, self, SWAP_FAB, 3000000000ULL);
		EXPECT_EQ(OPHOTON_MODULE_STATE_LOW_POWER,
			  module_state(_metadata, self, SWAP_FAB, SWAP_MOD, NULL));
		EXPECT_EQ(OPHOTON_LASER_STATE_OFF, laser_state(_metadata, self, &checked));
		ASSERT_EQ(0, swap_act(_metadata, self, OPHOTON_CMD_MODULE_ACT,
				      OPHOTON_A_MODULE_ACTION,
				      OPHOTON_MODULE_ACTION_ACTIVATE));
		/* Follow one laser in 5 ms steps: off, check, ramp, on. */
		laser_seen[seen++] = OPHOTON_LASER_STATE_OFF;
		for (i = 0; i < 1000 && laser_seen[seen - 1] != OPHOTON_LASER_STATE_ON; i++) {
			step(_metadata, self, SWAP_FAB, 5000000ULL);
			st = laser_state(_metadata, self, &checked);
			if (st != laser_seen[seen - 1] && seen < (int)sizeof(laser_seen))
				laser_seen[seen++] = st;
		}
		ASSERT_EQ(4, seen);
		EXPECT_EQ(OPHOTON_LASER_STATE_CHECK, laser_seen[1]);
		EXPECT_EQ(OPHOTON_LASER_STATE_RAMPING, laser_seen[2]);
		EXPECT_EQ(OPHOTON_LASER_STATE_ON, laser_seen[3]);
		EXPECT_TRUE(checked);
		step(_metadata, self, SWAP_FAB, 10000000000ULL);
		EXPECT_EQ((uint32_t)FAB_LINKS, links_up_of(_metadata, self, SWAP_FAB));

		/* Links down before the module powers down, back once it is active. */
		trace_read(&mon, &tr, SWAP_FAB);
		swap_check(_metadata, self, &tr, module_want, ARRAY_SIZE(module_want),
			   link_want, &before);
		genl_close(&mon);
		ASSERT_EQ(0, sysfs_write(DEL_DEVICE, "9"));
	}
}

/*
 * A module pulled without a drain: its links lose light at once, before
 * the slot reports it gone; nothing else moves.  The slot stays
 * provisioned, so the module plugged back in lights up by itself
 * (reset, low power, power up, ready) and the links come back.
 */
TEST_F(fabric, surprise_removal_darkens_only_its_blast_radius)
{
	static const char *const feeds[] = { "block", "stripe" };
	static const uint8_t module_want[][2] = {
		{ OPHOTON_MODULE_STATE_ABSENT, OPHOTON_MODULE_ADMIN_ACTIVE },
		{ OPHOTON_MODULE_STATE_RESETTING, OPHOTON_MODULE_ADMIN_ACTIVE },
		{ OPHOTON_MODULE_STATE_LOW_POWER, OPHOTON_MODULE_ADMIN_ACTIVE },
		{ OPHOTON_MODULE_STATE_POWERING_UP, OPHOTON_MODULE_ADMIN_ACTIVE },
		{ OPHOTON_MODULE_STATE_READY, OPHOTON_MODULE_ADMIN_ACTIVE },
	};
	static const uint8_t link_want[LINK_TRAIL][2] = {
		{ OPHOTON_LINK_STATE_WAIT_LIGHT, OPHOTON_DOWN_MODULE },
		{ OPHOTON_LINK_STATE_CALIBRATING, OPHOTON_DOWN_MODULE },
		{ OPHOTON_LINK_STATE_TRAINING, OPHOTON_DOWN_MODULE },
		{ OPHOTON_LINK_STATE_BER_QUAL, OPHOTON_DOWN_MODULE },
		{ OPHOTON_LINK_STATE_UP, OPHOTON_DOWN_MODULE },
	};
	unsigned int v;

	for (v = 0; v < 2; v++) {
		static struct swap_counts before;
		static struct swap_trace tr;
		struct nlmsghdr *nlh = (struct nlmsghdr *)self->r->buf;
		struct genl_sock mon;

		TH_LOG("feed=%s", feeds[v]);
		memset(&tr, 0, sizeof(tr));
		ASSERT_EQ(4, swap_setup(_metadata, self, feeds[v], &tr));
		counts_read(_metadata, self, &before);
		ASSERT_EQ(0, genl_open(&mon));
		ASSERT_EQ(0, genl_join(&mon, OPHOTON_GENL_NAME, OPHOTON_MCGRP_CONFIG));

		ASSERT_EQ(0, swap_act(_metadata, self, OPHOTON_CMD_SIM_MODULE,
				      OPHOTON_A_SIM_ACTION, OPHOTON_SIM_ACTION_REMOVE));
		EXPECT_EQ((uint32_t)FAB_LINKS - 4, links_up_of(_metadata, self, SWAP_FAB));
		/* An empty slot can be neither drained nor pulled again. */
		EXPECT_EQ(-ENODEV, swap_act(_metadata, self, OPHOTON_CMD_MODULE_ACT,
					    OPHOTON_A_MODULE_ACTION,
					    OPHOTON_MODULE_ACTION_DRAIN));
		EXPECT_EQ(-ENODEV, swap_act(_metadata, self, OPHOTON_CMD_SIM_MODULE,
					    OPHOTON_A_SIM_ACTION, OPHOTON_SIM_ACTION_REMOVE));
		step(_metadata, self, SWAP_FAB, 1000000000ULL);
		EXPECT_EQ((uint32_t)FAB_LINKS - 4, links_up_of(_metadata, self, SWAP_FAB));
		ASSERT_EQ(0, swap_act(_metadata, self, OPHOTON_CMD_SIM_MODULE,
				      OPHOTON_A_SIM_ACTION, OPHOTON_SIM_ACTION_INSERT));
		step(_metadata, self, SWAP_FAB, 10000000000ULL);
		EXPECT_EQ((uint32_t)FAB_LINKS, links_up_of(_metadata, self, SWAP_FAB));
		EXPECT_EQ(OPHOTON_MODULE_STATE_READY, module_state(_metadata, self, SWAP_FAB, SWAP_MOD, NULL));
		EXPECT_EQ(2U, genl_u32(nlh, OPHOTON_A_MODULE_INSERT_COUNT, 0));
		EXPECT_EQ(1U, genl_u32(nlh, OPHOTON_A_MODULE_REMOVE_COUNT, 0));

		/* The links were dark before the slot said it was empty. */
		trace_read(&mon, &tr, SWAP_FAB);
		swap_check(_metadata, self, &tr, module_want, ARRAY_SIZE(module_want),
			   link_want, &before);
		genl_close(&mon);
		ASSERT_EQ(0, sysfs_write(DEL_DEVICE, "9"));
	}
}

/*
 * The module most often swapped is a dead one: in fault, dark, still
 * provisioned.  Draining it makes it safe to remove at once; its
 * replacement is activated and the links it feeds come back.
 */
TEST_F(fabric, a_dead_module_is_drained_and_replaced)
{
	char req[256] __attribute__((aligned(4)));
	static struct swap_trace tr;
	int safe = 1;

	memset(&tr, 0, sizeof(tr));
	ASSERT_EQ(4, swap_setup(_metadata, self, "block", &tr));
	fab_msg(self, req, OPHOTON_CMD_SIM_FAULT, SWAP_FAB);
	genl_put_u8(req, OPHOTON_A_FAULT_KIND, OPHOTON_FAULT_MODULE_DEATH);
	genl_put_u8(req, OPHOTON_A_SIDE, OPHOTON_SIDE_GPU);
	genl_put_u32(req, OPHOTON_A_FAULT_TARGET, SWAP_MOD);
	genl_put_u8(req, OPHOTON_A_SIM_ACTION, OPHOTON_SIM_ACTION_INSERT);
	ASSERT_EQ(0, request(_metadata, self, req));
	EXPECT_EQ(OPHOTON_MODULE_STATE_FAULT,
		  module_state(_metadata, self, SWAP_FAB, SWAP_MOD, &safe));
	EXPECT_FALSE(safe);	/* still provisioned */
	EXPECT_EQ((uint32_t)FAB_LINKS - 4, links_up_of(_metadata, self, SWAP_FAB));

	ASSERT_EQ(0, swap_act(_metadata, self, OPHOTON_CMD_MODULE_ACT,
			      OPHOTON_A_MODULE_ACTION, OPHOTON_MODULE_ACTION_DRAIN));
	EXPECT_EQ(OPHOTON_MODULE_STATE_FAULT,
		  module_state(_metadata, self, SWAP_FAB, SWAP_MOD, &safe));
	EXPECT_TRUE(safe);
	ASSERT_EQ(0, swap_act(_metadata, self, OPHOTON_CMD_SIM_MODULE,
			      OPHOTON_A_SIM_ACTION, OPHOTON_SIM_ACTION_REMOVE));
	ASSERT_EQ(0, swap_act(_metadata, self, OPHOTON_CMD_SIM_MODULE,
			      OPHOTON_A_SIM_ACTION, OPHOTON_SIM_ACTION_INSERT));
	step(_metadata, self, SWAP_FAB, 3000000000ULL);
	ASSERT_EQ(0, swap_act(_metadata, self, OPHOTON_CMD_MODULE_ACT,
			      OPHOTON_A_MODULE_ACTION, OPHOTON_MODULE_ACTION_ACTIVATE));
	step(_metadata, self, SWAP_FAB, 10000000000ULL);
	EXPECT_EQ(OPHOTON_MODULE_STATE_READY,
		  module_state(_metadata, self, SWAP_FAB, SWAP_MOD, NULL));
	EXPECT_EQ((uint32_t)FAB_LINKS, links_up_of(_metadata, self, SWAP_FAB));
	ASSERT_EQ(0, sysfs_write(DEL_DEVICE, "9"));
}

TEST_HARNESS_MAIN
