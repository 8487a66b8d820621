// SPDX-License-Identifier: GPL-2.0
/*
 * The objects of a fabric over generic netlink besides links and modules:
 * racks, GPUs, engines and lasers, their filters and errors; thresholds
 * and the rack power budget; the blast radius of each kind of object
 * (BLAST_GET), its errors and that asking changes nothing; and NLM_F_ECHO.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <linux/ophoton.h>

#include "fixture.h"

/* What a dump of aggregates (racks, GPUs, engines) saw. */
struct agg_seen {
	int n;
	uint32_t links[2];	/* per side (GPU or compute, switch) */
	uint32_t links_up[2];
	int with_stats;
	int dead;
	uint32_t first_id;
	uint32_t last_id;
	uint32_t id_attr;	/* the id attribute to collect */
	int side_attr;		/* OPHOTON_A_SIDE, or 0: by OPHOTON_A_RACK_KIND */
};

static void collect_agg(const struct nlmsghdr *nlh, void *arg)
{
	struct agg_seen *a = arg;
	int side;

	if (a->side_attr)
		side = genl_u8(nlh, OPHOTON_A_SIDE, 0) == OPHOTON_SIDE_SWITCH;
	else
		side = genl_u8(nlh, OPHOTON_A_RACK_KIND, 0) == OPHOTON_RACK_KIND_SWITCH;
	a->links[side] += genl_u32(nlh, OPHOTON_A_LINKS, 0);
	a->links_up[side] += genl_u32(nlh, OPHOTON_A_LINKS_UP, 0);
	a->with_stats += genl_attr(nlh, OPHOTON_A_AGG_STATS) != NULL;
	a->dead += genl_attr(nlh, OPHOTON_A_ENGINE_DEAD) != NULL;
	if (!a->n)
		a->first_id = genl_u32(nlh, a->id_attr, ~0U);
	a->last_id = genl_u32(nlh, a->id_attr, ~0U);
	a->n++;
}

static int dump_agg(struct __test_metadata *_metadata, FIXTURE_DATA(fabric) *self,
		    char *req, struct agg_seen *a, uint32_t id_attr, int side_attr)
{
	int intr;

	memset(a, 0, sizeof(*a));
	a->id_attr = id_attr;
	a->side_attr = side_attr;
	return genl_dump(&self->s, req, 65536, collect_agg, a, &intr);
}

TEST_F(fabric, racks_gpus_and_engines_account_for_every_link)
{
	char req[256] __attribute__((aligned(4)));
	struct nlmsghdr *nlh = (struct nlmsghdr *)self->r->buf;
	struct agg_seen a;

	ASSERT_TRUE(bring_up(_metadata, self));

	/* 2 compute racks and 2 switch racks; each link counted on each side. */
	fab_msg(self, req, OPHOTON_CMD_RACK_GET, FAB);
	genl_put_flag(req, OPHOTON_A_STATS);
	EXPECT_EQ(4, dump_agg(_metadata, self, req, &a, OPHOTON_A_RACK_ID, 0));
	EXPECT_EQ((uint32_t)FAB_LINKS, a.links[0]);
	EXPECT_EQ((uint32_t)FAB_LINKS, a.links[1]);
	EXPECT_EQ((uint32_t)FAB_LINKS, a.links_up[0]);
	EXPECT_EQ(4, a.with_stats);

	/* The GPUs of rack 1, with their place in it. */
	fab_msg(self, req, OPHOTON_CMD_GPU_GET, FAB);
	genl_put_u32(req, OPHOTON_A_RACK_ID, 1);
	EXPECT_EQ(4, dump_agg(_metadata, self, req, &a, OPHOTON_A_GPU_ID, 0));
	EXPECT_EQ(4U, a.first_id);
	EXPECT_EQ(7U, a.last_id);
	EXPECT_EQ((uint32_t)FAB_LINKS / 2, a.links_up[0]);
	EXPECT_EQ(0, a.with_stats);
	fab_msg(self, req, OPHOTON_CMD_GPU_GET, FAB);
	genl_put_u32(req, OPHOTON_A_GPU_ID, 7);
	ASSERT_EQ(0, request(_metadata, self, req));
	EXPECT_EQ(1U, genl_u32(nlh, OPHOTON_A_RACK_ID, 0));
	EXPECT_EQ(1U, genl_u32(nlh, OPHOTON_A_TRAY, 0));
	EXPECT_EQ(1U, genl_u32(nlh, OPHOTON_A_SLOT, 0));
	EXPECT_EQ(OPHOTON_RACK_KIND_COMPUTE, genl_u8(nlh, OPHOTON_A_RACK_KIND, 0xff));

	/* Engines of both sides: every link has one at each end. */
	fab_msg(self, req, OPHOTON_CMD_ENGINE_GET, FAB);
	genl_put_flag(req, OPHOTON_A_STATS);
	EXPECT_LT(16, dump_agg(_metadata, self, req, &a, OPHOTON_A_ENGINE_ID, 1));
	EXPECT_EQ((uint32_t)FAB_LINKS, a.links_up[0]);
	EXPECT_EQ((uint32_t)FAB_LINKS, a.links_up[1]);
	EXPECT_EQ(0, a.dead);
	fab_msg(self, req, OPHOTON_CMD_ENGINE_GET, FAB);
	genl_put_u32(req, OPHOTON_A_GPU_ID, 3);
	EXPECT_EQ(2, dump_agg(_metadata, self, req, &a, OPHOTON_A_ENGINE_ID, 1));
	EXPECT_EQ(6U, a.first_id);
	EXPECT_EQ(7U, a.last_id);

	/* An engine with its telemetry: temperature, flags, power. */
	fab_msg(self, req, OPHOTON_CMD_ENGINE_GET, FAB);
	genl_put_u8(req, OPHOTON_A_SIDE, OPHOTON_SIDE_SWITCH);
	genl_put_u32(req, OPHOTON_A_ENGINE_ID, 0);
	genl_put_flag(req, OPHOTON_A_STATS);
	ASSERT_EQ(0, request(_metadata, self, req));
	ASSERT_NE(NULL, genl_attr(nlh, OPHOTON_A_AGG_STATS));
	EXPECT_LT(40000U, genl_nest_u32(genl_attr(nlh, OPHOTON_A_AGG_STATS),
					OPHOTON_A_AGG_STATS_TEMP_MC, 0));
	EXPECT_EQ(0U, genl_nest_u32(genl_attr(nlh, OPHOTON_A_AGG_STATS),
				    OPHOTON_A_AGG_STATS_FLAGS, ~0U));
	EXPECT_LT(0U, genl_nest_u64(genl_attr(nlh, OPHOTON_A_AGG_STATS),
				    OPHOTON_A_AGG_STATS_POWER_MW, 0));
	EXPECT_EQ(0U, genl_u32(nlh, OPHOTON_A_PLANE, ~0U));
}

struct laser_seen {
	int n;
	int on;
	int with_power;
	uint32_t module;
	uint8_t lanes_seen;
	int unhealthy_13;	/* module 1, laser 3 */
};

static void collect_lasers(const struct nlmsghdr *nlh, void *arg)
{
	struct laser_seen *l = arg;
	const struct nlattr *st = genl_attr(nlh, OPHOTON_A_LASER_STATS);
	uint8_t lane = genl_u8(nlh, OPHOTON_A_LANE, 0xff);

	l->n++;
	l->on += genl_u8(nlh, OPHOTON_A_LASER_STATE, 0xff) == OPHOTON_LASER_STATE_ON;
	l->with_power += st && genl_nest_u32(st, OPHOTON_A_LASER_STATS_POWER_UW, 0) > 0;
	l->module = genl_u32(nlh, OPHOTON_A_MODULE_ID, ~0U);
	if (lane < 8)
		l->lanes_seen |= 1U << lane;
	l->unhealthy_13 += l->module == 1 && lane == 3;
}

TEST_F(fabric, lasers_report_their_telemetry_and_empty_slots_have_none)
{
	char req[256] __attribute__((aligned(4)));
	struct laser_seen l = { 0 };
	int intr;

	ASSERT_TRUE(bring_up(_metadata, self));
	fab_msg(self, req, OPHOTON_CMD_LASER_GET, FAB);
	genl_put_u8(req, OPHOTON_A_SIDE, OPHOTON_SIDE_GPU);
	genl_put_u32(req, OPHOTON_A_MODULE_ID, 2);
	genl_put_flag(req, OPHOTON_A_STATS);
	EXPECT_EQ(8, genl_dump(&self->s, req, 65536, collect_lasers, &l, &intr));
	EXPECT_EQ(8, l.on);
	EXPECT_EQ(8, l.with_power);
	EXPECT_EQ(2U, l.module);
	EXPECT_EQ(0xff, l.lanes_seen);

	/* Pulled out: its lasers leave the dump, and a get says why. */
	fab_msg(self, req, OPHOTON_CMD_SIM_MODULE, FAB);
	genl_put_u8(req, OPHOTON_A_SIDE, OPHOTON_SIDE_GPU);
	genl_put_u32(req, OPHOTON_A_MODULE_ID, 2);
	genl_put_u8(req, OPHOTON_A_SIM_ACTION, OPHOTON_SIM_ACTION_REMOVE);
	ASSERT_EQ(0, request(_metadata, self, req));
	memset(&l, 0, sizeof(l));
	fab_msg(self, req, OPHOTON_CMD_LASER_GET, FAB);
	genl_put_u32(req, OPHOTON_A_GPU_ID, 1);
	EXPECT_EQ(8, genl_dump(&self->s, req, 65536, collect_lasers, &l, &intr));
	EXPECT_EQ(3U, l.module);
	fab_msg(self, req, OPHOTON_CMD_LASER_GET, FAB);
	genl_put_u8(req, OPHOTON_A_SIDE, OPHOTON_SIDE_GPU);
	genl_put_u32(req, OPHOTON_A_MODULE_ID, 2);
	genl_put_u8(req, OPHOTON_A_LANE, 0);
	EXPECT_EQ(-ENODEV, request(_metadata, self, req));
	EXPECT_NE(0U, self->r->extack_offs);
	EXPECT_NE(NULL, strstr(self->r->extack, "no laser module"));
}

TEST_F(fabric, unhealthy_filters_find_what_a_fault_took_down)
{
	char req[256] __attribute__((aligned(4)));
	struct laser_seen l = { 0 };
	struct agg_seen a;
	int intr;

	ASSERT_TRUE(bring_up(_metadata, self));
	fab_msg(self, req, OPHOTON_CMD_ENGINE_GET, FAB);
	genl_put_flag(req, OPHOTON_A_UNHEALTHY);
	EXPECT_EQ(0, dump_agg(_metadata, self, req, &a, OPHOTON_A_ENGINE_ID, 1));

	/* GPU 2's engine 1 dies: its 4 links go down. */
	fab_msg(self, req, OPHOTON_CMD_SIM_FAULT, FAB);
	genl_put_u8(req, OPHOTON_A_SIM_ACTION, OPHOTON_SIM_ACTION_INSERT);
	genl_put_u8(req, OPHOTON_A_FAULT_KIND, OPHOTON_FAULT_ENGINE_DEATH);
	genl_put_u8(req, OPHOTON_A_SIDE, OPHOTON_SIDE_GPU);
	genl_put_u32(req, OPHOTON_A_FAULT_TARGET, 5);
	ASSERT_EQ(0, request(_metadata, self, req));

	fab_msg(self, req, OPHOTON_CMD_ENGINE_GET, FAB);
	genl_put_u8(req, OPHOTON_A_SIDE, OPHOTON_SIDE_GPU);
	genl_put_flag(req, OPHOTON_A_UNHEALTHY);
	EXPECT_EQ(1, dump_agg(_metadata, self, req, &a, OPHOTON_A_ENGINE_ID, 1));
	EXPECT_EQ(5U, a.first_id);
	EXPECT_EQ(1, a.dead);
	EXPECT_EQ(0U, a.links_up[0]);
	fab_msg(self, req, OPHOTON_CMD_GPU_GET, FAB);
	genl_put_flag(req, OPHOTON_A_UNHEALTHY);
	EXPECT_EQ(1, dump_agg(_metadata, self, req, &a, OPHOTON_A_GPU_ID, 0));
	EXPECT_EQ(2U, a.first_id);
	EXPECT_EQ(4U, a.links[0] - a.links_up[0]);
	/* The compute rack of GPU 2 and the switch racks of its 4 planes. */
	fab_msg(self, req, OPHOTON_CMD_RACK_GET, FAB);
	genl_put_flag(req, OPHOTON_A_UNHEALTHY);
	EXPECT_LE(2, dump_agg(_metadata, self, req, &a, OPHOTON_A_RACK_ID, 0));
	EXPECT_EQ(0U, a.first_id);

	/* One laser dies: only it is unhealthy among the lasers. */
	fab_msg(self, req, OPHOTON_CMD_SIM_FAULT, FAB);
	genl_put_u8(req, OPHOTON_A_SIM_ACTION, OPHOTON_SIM_ACTION_INSERT);
	genl_put_u8(req, OPHOTON_A_FAULT_KIND, OPHOTON_FAULT_LASER_DEATH);
	genl_put_u8(req, OPHOTON_A_SIDE, OPHOTON_SIDE_GPU);
	genl_put_u32(req, OPHOTON_A_FAULT_TARGET, 1);
	genl_put_u8(req, OPHOTON_A_LANE, 3);
	ASSERT_EQ(0, request(_metadata, self, req));
	fab_msg(self, req, OPHOTON_CMD_LASER_GET, FAB);
	genl_put_u8(req, OPHOTON_A_SIDE, OPHOTON_SIDE_GPU);
	genl_put_flag(req, OPHOTON_A_UNHEALTHY);
	EXPECT_EQ(1, genl_dump(&self->s, req, 65536, collect_lasers, &l, &intr));
	EXPECT_EQ(1, l.unhealthy_13);
}

/* A request that must fail with @err, its extended ACK pointing at an attribute. */
static void expect_refused(struct __test_metadata *_metadata,
			   FIXTURE_DATA(fabric) *self, char *req, int err,
			   const char *words)
{
	EXPECT_EQ(err, request(_metadata, self, req));
	EXPECT_NE(0U, self->r->extack_offs);
	if (words)
		EXPECT_NE(NULL, strstr(self->r->extack, words)) TH_LOG("extack: %s",
								       self->r->extack);
}

static int dump_error(FIXTURE_DATA(fabric) *self, char *req)
{
	struct agg_seen a = { 0 };
	int intr;

	return genl_dump(&self->s, req, 65536, collect_agg, &a, &intr);
}

TEST_F(fabric, read_ops_refuse_ids_out_of_range_naming_the_attribute)
{
	char req[256] __attribute__((aligned(4)));

	fab_msg(self, req, OPHOTON_CMD_RACK_GET, FAB);
	genl_put_u32(req, OPHOTON_A_RACK_ID, 4);
	expect_refused(_metadata, self, req, -ERANGE, "out of range");
	/* A missing id is reported as missing, not as a bad attribute. */
	fab_msg(self, req, OPHOTON_CMD_RACK_GET, FAB);
	EXPECT_EQ(-EINVAL, request(_metadata, self, req));
	fab_msg(self, req, OPHOTON_CMD_GPU_GET, FAB);
	genl_put_u32(req, OPHOTON_A_GPU_ID, 8);
	expect_refused(_metadata, self, req, -ERANGE, "out of range");
	fab_msg(self, req, OPHOTON_CMD_ENGINE_GET, FAB);
	genl_put_u8(req, OPHOTON_A_SIDE, OPHOTON_SIDE_SWITCH);
	genl_put_u32(req, OPHOTON_A_ENGINE_ID, 100000);
	expect_refused(_metadata, self, req, -ERANGE, "out of range");
	fab_msg(self, req, OPHOTON_CMD_ENGINE_GET, FAB);
	genl_put_u8(req, OPHOTON_A_SIDE, 2);
	genl_put_u32(req, OPHOTON_A_ENGINE_ID, 0);
	expect_refused(_metadata, self, req, -ERANGE, NULL);
	fab_msg(self, req, OPHOTON_CMD_LASER_GET, FAB);
	genl_put_u8(req, OPHOTON_A_SIDE, OPHOTON_SIDE_GPU);
	genl_put_u32(req, OPHOTON_A_MODULE_ID, 0);
	genl_put_u8(req, OPHOTON_A_LANE, 8);
	expect_refused(_metadata, self, req, -ERANGE, "out of range");

	/* Dump filters that name nothing are refused too. */
	fab_msg(self, req, OPHOTON_CMD_GPU_GET, FAB);
	genl_put_u32(req, OPHOTON_A_RACK_ID, 2);
	EXPECT_EQ(-ERANGE, dump_error(self, req));
	fab_msg(self, req, OPHOTON_CMD_ENGINE_GET, FAB);
	genl_put_u8(req, OPHOTON_A_SIDE, OPHOTON_SIDE_SWITCH);
	genl_put_u32(req, OPHOTON_A_GPU_ID, 0);
	EXPECT_EQ(-EINVAL, dump_error(self, req));
	fab_msg(self, req, OPHOTON_CMD_LASER_GET, FAB);
	genl_put_u32(req, OPHOTON_A_MODULE_ID, 0);
	EXPECT_EQ(-EINVAL, dump_error(self, req));
	fab_msg(self, req, OPHOTON_CMD_LASER_GET, FAB);
	genl_put_u8(req, OPHOTON_A_SIDE, OPHOTON_SIDE_GPU);
	genl_put_u32(req, OPHOTON_A_MODULE_ID, 16);
	EXPECT_EQ(-ERANGE, dump_error(self, req));
	msg_init(self, req, OPHOTON_CMD_ENGINE_GET);
	EXPECT_EQ(-EINVAL, dump_error(self, req));
}

static int put_thresh(char *req, uint8_t id, int32_t warn_lo, int32_t warn_hi)
{
	struct nlmsghdr *nlh = (struct nlmsghdr *)req;
	struct nlattr *nest = (struct nlattr *)(req + NLMSG_ALIGN(nlh->nlmsg_len));
	uint32_t start = nlh->nlmsg_len;

	nest->nla_type = NLA_F_NESTED | OPHOTON_A_THRESH;
	nlh->nlmsg_len += NLA_HDRLEN;
	if (id != 0xff)
		genl_put_u8(req, OPHOTON_A_THRESH_ID, id);
	genl_put_u32(req, OPHOTON_A_THRESH_WARN_LO, (uint32_t)warn_lo);
	genl_put_u32(req, OPHOTON_A_THRESH_WARN_HI, (uint32_t)warn_hi);
	nest->nla_len = (uint16_t)(nlh->nlmsg_len - start);
	return (int)start;
}

/* The levels of value @id in a FABRIC_GET reply: warn-lo and warn-hi. */
static void get_thresh(struct __test_metadata *_metadata, FIXTURE_DATA(fabric) *self,
		       uint8_t id, int32_t *warn_lo, int32_t *warn_hi, uint32_t *budget)
{
	char req[256] __attribute__((aligned(4)));
	struct nlmsghdr *nlh = (struct nlmsghdr *)self->r->buf;
	const struct nlattr *a;
	int rem;

	fab_msg(self, req, OPHOTON_CMD_FABRIC_GET, FAB);
	ASSERT_EQ(0, request(_metadata, self, req));
	*budget = genl_u32(nlh, OPHOTON_A_FABRIC_RACK_BUDGET_W, 0);
	a = (const struct nlattr *)((char *)NLMSG_DATA(nlh) + GENL_HDRLEN);
	rem = (int)(nlh->nlmsg_len - NLMSG_HDRLEN - GENL_HDRLEN);
	for (; rem >= NLA_HDRLEN && a->nla_len <= rem;
	     rem -= NLA_ALIGN(a->nla_len),
	     a = (const struct nlattr *)((const char *)a + NLA_ALIGN(a->nla_len))) {
		const struct nlattr *t;

		if ((a->nla_type & NLA_TYPE_MASK) != OPHOTON_A_THRESH)
			continue;
		t = genl_nest_attr(a, OPHOTON_A_THRESH_ID);
		if (!t || *((const uint8_t *)t + NLA_HDRLEN) != id)
			continue;
		*warn_lo = (int32_t)genl_nest_u32(a, OPHOTON_A_THRESH_WARN_LO, 0);
		*warn_hi = (int32_t)genl_nest_u32(a, OPHOTON_A_THRESH_WARN_HI, 0);
		return;
	}
	ASSERT_TRUE(0) TH_LOG("no thresholds for value %u", id);
}

TEST_F(fabric, thresholds_and_budget_change_all_at_once_or_not_at_all)
{
	char req[512] __attribute__((aligned(4)));
	char buf[8192] __attribute__((aligned(4)));
	struct nlmsghdr *nlh = (struct nlmsghdr *)self->r->buf;
	int32_t lo, hi, lo0, hi0;
	uint32_t budget, budget0;
	struct genl_sock mon;
	int bad, changes = 0, n;

	ASSERT_TRUE(bring_up(_metadata, self));
	get_thresh(_metadata, self, OPHOTON_THRESH_ENGINE_TEMP_MC, &lo0, &hi0, &budget0);
	EXPECT_EQ(85000, hi0);
	EXPECT_EQ(150000U, budget0);
	ASSERT_EQ(0, genl_open(&mon));
	ASSERT_EQ(0, genl_join(&mon, OPHOTON_GENL_NAME, OPHOTON_MCGRP_CONFIG));

	/* The second value is out of order: neither, nor the budget, changes. */
	fab_msg(self, req, OPHOTON_CMD_FABRIC_SET, FAB);
	genl_put_u32(req, OPHOTON_A_FABRIC_RACK_BUDGET_W, 5000);
	put_thresh(req, OPHOTON_THRESH_ENGINE_TEMP_MC, 0, 1000);
	bad = put_thresh(req, OPHOTON_THRESH_MODULE_TEMP_MC, 50000, 40000);
	EXPECT_EQ(-EINVAL, request(_metadata, self, req));
	EXPECT_EQ((uint32_t)bad, self->r->extack_offs);
	EXPECT_NE(NULL, strstr(self->r->extack, "ordered"));
	get_thresh(_metadata, self, OPHOTON_THRESH_ENGINE_TEMP_MC, &lo, &hi, &budget);
	EXPECT_EQ(hi0, hi);
	EXPECT_EQ(budget0, budget);

	/* The same value twice, a nest without an id, nothing at all. */
	fab_msg(self, req, OPHOTON_CMD_FABRIC_SET, FAB);
	put_thresh(req, OPHOTON_THRESH_ENGINE_TEMP_MC, 0, 1000);
	put_thresh(req, OPHOTON_THRESH_ENGINE_TEMP_MC, 0, 2000);
	expect_refused(_metadata, self, req, -EINVAL, "twice");
	fab_msg(self, req, OPHOTON_CMD_FABRIC_SET, FAB);
	put_thresh(req, 0xff, 0, 1000);
	expect_refused(_metadata, self, req, -EINVAL, "thresh-id");
	fab_msg(self, req, OPHOTON_CMD_FABRIC_SET, FAB);
	EXPECT_EQ(-EINVAL, request(_metadata, self, req));
	EXPECT_NE(NULL, strstr(self->r->extack, "nothing to set"));
	fab_msg(self, req, OPHOTON_CMD_FABRIC_SET, FAB);
	genl_put_u32(req, OPHOTON_A_FABRIC_RACK_BUDGET_W, 0);
	expect_refused(_metadata, self, req, -ERANGE, NULL);
	fab_msg(self, req, OPHOTON_CMD_FABRIC_SET, FAB);
	put_thresh(req, 8, 0, 1000);
	expect_refused(_metadata, self, req, -ERANGE, NULL);
	get_thresh(_metadata, self, OPHOTON_THRESH_ENGINE_TEMP_MC, &lo, &hi, &budget);
	EXPECT_EQ(hi0, hi);

	/* Both valid: engines run warm against 1 C, racks against 5 kW. */
	fab_msg(self, req, OPHOTON_CMD_FABRIC_SET, FAB);
	genl_put_u32(req, OPHOTON_A_FABRIC_RACK_BUDGET_W, 5000);
	put_thresh(req, OPHOTON_THRESH_ENGINE_TEMP_MC, 0, 1000);
	ASSERT_EQ(0, request(_metadata, self, req));
	get_thresh(_metadata, self, OPHOTON_THRESH_ENGINE_TEMP_MC, &lo, &hi, &budget);
	EXPECT_EQ(1000, hi);
	EXPECT_EQ(0, lo);
	EXPECT_EQ(5000U, budget);
	fab_msg(self, req, OPHOTON_CMD_ENGINE_GET, FAB);
	genl_put_u8(req, OPHOTON_A_SIDE, OPHOTON_SIDE_GPU);
	genl_put_u32(req, OPHOTON_A_ENGINE_ID, 0);
	genl_put_flag(req, OPHOTON_A_STATS);
	ASSERT_EQ(0, request(_metadata, self, req));
	EXPECT_TRUE(!!(genl_nest_u32(genl_attr(nlh, OPHOTON_A_AGG_STATS),
				     OPHOTON_A_AGG_STATS_FLAGS, 0) & 0x2));
	fab_msg(self, req, OPHOTON_CMD_RACK_GET, FAB);
	genl_put_u32(req, OPHOTON_A_RACK_ID, 0);
	genl_put_flag(req, OPHOTON_A_STATS);
	ASSERT_EQ(0, request(_metadata, self, req));
	EXPECT_NE(NULL, genl_nest_attr(genl_attr(nlh, OPHOTON_A_AGG_STATS),
				       OPHOTON_A_AGG_STATS_OVER_BUDGET));

	/* Announced once, numbered in the config stream. */
	while ((n = genl_recv_ntf(&mon, buf, sizeof(buf), 500)) > 0) {
		struct nlmsghdr *h = (struct nlmsghdr *)buf;
		struct genlmsghdr *g = NLMSG_DATA(h);

		if (g->cmd != OPHOTON_CMD_FABRIC_NTF)
			continue;
		EXPECT_EQ(OPHOTON_FABRIC_EVENT_CHANGE, genl_u8(h, OPHOTON_A_FABRIC_EVENT, 0));
		EXPECT_LT(0U, genl_u64(h, OPHOTON_A_NTF_SEQ, 0));
		EXPECT_EQ(5000U, genl_u32(h, OPHOTON_A_FABRIC_RACK_BUDGET_W, 0));
		changes++;
	}
	EXPECT_EQ(1, changes);
	genl_close(&mon);
}

TEST_F(fabric, echo_returns_the_changes_a_request_made)
{
	char req[256] __attribute__((aligned(4)));
	struct nlmsghdr *nlh = (struct nlmsghdr *)self->r->buf;

	ASSERT_TRUE(bring_up(_metadata, self));
	/* Without NLM_F_ECHO: only the ACK, nobody listening. */
	fab_msg(self, req, OPHOTON_CMD_LINK_SET, FAB);
	genl_put_u32(req, OPHOTON_A_LINK_ID, 9);
	genl_put_u8(req, OPHOTON_A_LINK_ACTION, OPHOTON_LINK_ACTION_DOWN);
	ASSERT_EQ(0, request(_metadata, self, req));
	EXPECT_EQ(0, self->r->msgs);

	/* With it: the link's notification, addressed to this request. */
	genl_msg_init(req, self->family, OPHOTON_CMD_LINK_SET, OPHOTON_GENL_VERSION,
		      NLM_F_ECHO);
	genl_put_u32(req, OPHOTON_A_FABRIC_ID, FAB);
	genl_put_u32(req, OPHOTON_A_LINK_ID, 9);
	genl_put_u8(req, OPHOTON_A_LINK_ACTION, OPHOTON_LINK_ACTION_UP);
	ASSERT_EQ(0, request(_metadata, self, req));
	ASSERT_LE(1, self->r->msgs);
	EXPECT_EQ(OPHOTON_CMD_LINK_NTF, ((struct genlmsghdr *)NLMSG_DATA(nlh))->cmd);
	EXPECT_EQ(9U, genl_u32(nlh, OPHOTON_A_LINK_ID, 0));
	EXPECT_EQ(OPHOTON_LINK_STATE_WAIT_LIGHT, genl_u8(nlh, OPHOTON_A_LINK_STATE, 0xff));
	EXPECT_LT(0U, genl_u64(nlh, OPHOTON_A_NTF_SEQ, 0));

	/* A refused request changed nothing, so echoes nothing. */
	genl_msg_init(req, self->family, OPHOTON_CMD_LINK_SET, OPHOTON_GENL_VERSION,
		      NLM_F_ECHO);
	genl_put_u32(req, OPHOTON_A_FABRIC_ID, FAB);
	genl_put_u32(req, OPHOTON_A_LINK_ID, FAB_LINKS);
	genl_put_u8(req, OPHOTON_A_LINK_ACTION, OPHOTON_LINK_ACTION_DOWN);
	EXPECT_EQ(-ERANGE, request(_metadata, self, req));
	EXPECT_EQ(0, self->r->msgs);
}

#define NO_SIDE	0xff

/* BLAST_GET of @obj @id, on @side unless NO_SIDE; the reply stays in self->r. */
static int blast(struct __test_metadata *_metadata, FIXTURE_DATA(fabric) *self,
		 uint8_t obj, uint8_t side, uint32_t id)
{
	char req[256] __attribute__((aligned(4)));

	fab_msg(self, req, OPHOTON_CMD_BLAST_GET, FAB);
	if (side != NO_SIDE)
		genl_put_u8(req, OPHOTON_A_SIDE, side);
	genl_put_u8(req, OPHOTON_A_BLAST_OBJ, obj);
	genl_put_u32(req, OPHOTON_A_BLAST_ID, id);
	return request(_metadata, self, req);
}

/* The link ids a BLAST_GET reply lists, into @ids (up to @max); how many. */
static uint32_t blast_ids(const struct nlmsghdr *nlh, uint32_t *ids, uint32_t max)
{
	const struct nlattr *nest = genl_attr(nlh, OPHOTON_A_BLAST_LINK_IDS), *a;
	uint32_t n = 0;
	int rem;

	if (!nest)
		return 0;
	a = (const struct nlattr *)((const char *)nest + NLA_HDRLEN);
	rem = nest->nla_len - NLA_HDRLEN;
	for (; rem >= NLA_HDRLEN && a->nla_len >= NLA_HDRLEN && a->nla_len <= rem;
	     rem -= NLA_ALIGN(a->nla_len),
	     a = (const struct nlattr *)((const char *)a + NLA_ALIGN(a->nla_len))) {
		if (n < max)
			memcpy(&ids[n], (const char *)a + NLA_HDRLEN, 4);
		n++;
	}
	return n;
}

/*
 * The blast objects of the test fabric, and how many of each (on each
 * side, for modules, lasers and engines).
 */
static const struct {
	uint8_t obj;
	uint32_t n;
} blast_kinds[] = {
	{ OPHOTON_BLAST_MODULE, 16 },		/* 8 GPUs x 2; 8 planes x 2 */
	{ OPHOTON_BLAST_LASER, 128 },		/* 16 modules x 8 */
	{ OPHOTON_BLAST_ENGINE, 16 },		/* 8 GPUs x 2; 8 planes x 2 */
	{ OPHOTON_BLAST_FIBRE, FAB_LINKS },
	{ OPHOTON_BLAST_TRAY, 4 },		/* 2 compute racks x 2 */
	{ OPHOTON_BLAST_RACK, 4 },		/* 2 compute, 2 switch */
};

TEST_F(fabric, blast_get_refuses_what_names_nothing_naming_the_attribute)
{
	const uint32_t hdr = NLMSG_HDRLEN + GENL_HDRLEN;
	char req[256] __attribute__((aligned(4)));
	struct nlmsghdr *nlh = (struct nlmsghdr *)self->r->buf;
	uint32_t ids[8], k;
	uint8_t side;

	for (k = 0; k < ARRAY_SIZE(blast_kinds); k++) {
		for (side = OPHOTON_SIDE_GPU; side <= OPHOTON_SIDE_SWITCH; side++) {
			/* The last of each exists, the next does not. */
			EXPECT_EQ(0, blast(_metadata, self, blast_kinds[k].obj, side,
					   blast_kinds[k].n - 1)) TH_LOG("kind %u", blast_kinds[k].obj);
			EXPECT_EQ(-ERANGE, blast(_metadata, self, blast_kinds[k].obj, side,
						 blast_kinds[k].n))
				TH_LOG("kind %u", blast_kinds[k].obj);
			/* Header, then fabric id, side and object: the id. */
			EXPECT_EQ(hdr + 24, self->r->extack_offs)
				TH_LOG("kind %u", blast_kinds[k].obj);
			EXPECT_NE(NULL, strstr(self->r->extack, "out of range"))
				TH_LOG("kind %u: %s", blast_kinds[k].obj, self->r->extack);
			EXPECT_EQ(-ERANGE, blast(_metadata, self, blast_kinds[k].obj, side, ~0U));
			EXPECT_EQ(hdr + 24, self->r->extack_offs);
		}
	}

	/* No object, no id: -EINVAL naming the one missing. */
	fab_msg(self, req, OPHOTON_CMD_BLAST_GET, FAB);
	genl_put_u32(req, OPHOTON_A_BLAST_ID, 0);
	EXPECT_EQ(-EINVAL, request(_metadata, self, req));
	EXPECT_EQ((uint32_t)OPHOTON_A_BLAST_OBJ, self->r->extack_miss);
	fab_msg(self, req, OPHOTON_CMD_BLAST_GET, FAB);
	genl_put_u8(req, OPHOTON_A_BLAST_OBJ, OPHOTON_BLAST_MODULE);
	EXPECT_EQ(-EINVAL, request(_metadata, self, req));
	EXPECT_EQ((uint32_t)OPHOTON_A_BLAST_ID, self->r->extack_miss);
	/* An object kind or a side that does not exist, by the policy. */
	EXPECT_EQ(-ERANGE, blast(_metadata, self, OPHOTON_BLAST_RACK + 1, OPHOTON_SIDE_GPU, 0));
	EXPECT_EQ(hdr + 16, self->r->extack_offs);
	EXPECT_EQ(-ERANGE, blast(_metadata, self, OPHOTON_BLAST_MODULE, OPHOTON_SIDE_SWITCH + 1, 0));
	EXPECT_EQ(hdr + 8, self->r->extack_offs);
	/* A fabric that does not exist. */
	msg_init(self, req, OPHOTON_CMD_BLAST_GET);
	genl_put_u32(req, OPHOTON_A_FABRIC_ID, 4242);
	genl_put_u8(req, OPHOTON_A_BLAST_OBJ, OPHOTON_BLAST_MODULE);
	genl_put_u32(req, OPHOTON_A_BLAST_ID, 0);
	EXPECT_EQ(-ENODEV, request(_metadata, self, req));
	EXPECT_EQ(hdr, self->r->extack_offs);

	/*
	 * The side picks the object where each side has its own: GPU 0's
	 * first module lights its engine 0 (links 0-3), the first
	 * switch-side module plane 0's port of GPUs 0-3.  No side is the
	 * GPU side.
	 */
	ASSERT_EQ(0, blast(_metadata, self, OPHOTON_BLAST_MODULE, OPHOTON_SIDE_GPU, 0));
	EXPECT_EQ(1U, genl_u32(nlh, OPHOTON_A_BLAST_GPUS, 0));
	ASSERT_EQ(4U, blast_ids(nlh, ids, 8));
	EXPECT_EQ(0U, ids[0]);
	EXPECT_EQ(3U, ids[3]);
	ASSERT_EQ(0, blast(_metadata, self, OPHOTON_BLAST_MODULE, NO_SIDE, 0));
	EXPECT_EQ(1U, genl_u32(nlh, OPHOTON_A_BLAST_GPUS, 0));
	ASSERT_EQ(0, blast(_metadata, self, OPHOTON_BLAST_MODULE, OPHOTON_SIDE_SWITCH, 0));
	EXPECT_EQ(4U, genl_u32(nlh, OPHOTON_A_BLAST_GPUS, 0));
	ASSERT_EQ(4U, blast_ids(nlh, ids, 8));
	EXPECT_EQ(0U, ids[0]);
	EXPECT_EQ(8U, ids[1]);
	EXPECT_EQ(24U, ids[3]);
	/* A fibre is a link's, whichever side is named. */
	ASSERT_EQ(0, blast(_metadata, self, OPHOTON_BLAST_FIBRE, OPHOTON_SIDE_SWITCH, 5));
	ASSERT_EQ(1U, blast_ids(nlh, ids, 8));
	EXPECT_EQ(5U, ids[0]);
}

/* Messages of a dump, header and attributes, back to back. */
struct snapshot {
	char *buf;
	size_t len;
	int msgs;
	int over;
};

#define SNAPSHOT_MAX	(256 * 1024)

static void snapshot_msg(const struct nlmsghdr *nlh, void *arg)
{
	struct snapshot *s = arg;
	size_t n = nlh->nlmsg_len - NLMSG_HDRLEN;

	s->msgs++;
	if (s->len + n > SNAPSHOT_MAX) {
		s->over = 1;
		return;
	}
	memcpy(s->buf + s->len, NLMSG_DATA(nlh), n);
	s->len += n;
}

/*
 * What an operator sees of the fabric's state: every link, laser module
 * slot, laser and fault domain (dumps without telemetry, whose counters
 * run with the clock), and the generation.
 */
static uint64_t snapshot(struct __test_metadata *_metadata, FIXTURE_DATA(fabric) *self,
			 struct snapshot *s)
{
	static const uint8_t cmds[] = {
		OPHOTON_CMD_LINK_GET, OPHOTON_CMD_MODULE_GET, OPHOTON_CMD_LASER_GET,
		OPHOTON_CMD_HEALTH_GET,
	};
	char req[256] __attribute__((aligned(4)));
	size_t i;
	int intr;

	s->len = 0;
	s->msgs = 0;
	s->over = 0;
	for (i = 0; i < ARRAY_SIZE(cmds); i++) {
		fab_msg(self, req, cmds[i], FAB);
		EXPECT_LT(0, genl_dump(&self->s, req, 65536, snapshot_msg, s, &intr));
		EXPECT_EQ(0, intr);
	}
	EXPECT_FALSE(s->over);
	fab_msg(self, req, OPHOTON_CMD_FABRIC_GET, FAB);
	EXPECT_EQ(0, request(_metadata, self, req));
	return genl_u64((struct nlmsghdr *)self->r->buf, OPHOTON_A_FABRIC_GEN, ~0ULL);
}

/*
 * BLAST_GET changes nothing: after asking for every object of every kind,
 * on both sides, the links, modules, lasers and fault domains are as they
 * were, the generation is the same and not one notification was sent.
 * The answers add up: every link is fed by one module and ends at one
 * engine on each side, and lies in one tray and in one rack of each kind.
 */
TEST_F(fabric, blast_get_changes_nothing)
{
	char req[256] __attribute__((aligned(4)));
	char buf[8192] __attribute__((aligned(4)));
	struct nlmsghdr *nlh = (struct nlmsghdr *)self->r->buf;
	struct snapshot before = { 0 }, after = { 0 };
	uint64_t gen_before, gen_after;
	uint32_t ids[FAB_LINKS], links, sum;
	struct genl_sock mon;
	uint8_t side;
	size_t k;
	uint32_t id;
	int n;

	ASSERT_TRUE(bring_up(_metadata, self));
	/* The clock then moves with real time only, and nothing is due. */
	fab_msg(self, req, OPHOTON_CMD_FABRIC_SET, FAB);
	genl_put_u32(req, OPHOTON_A_FABRIC_TIME_SCALE, 1);
	ASSERT_EQ(0, request(_metadata, self, req));
	before.buf = malloc(SNAPSHOT_MAX);
	after.buf = malloc(SNAPSHOT_MAX);
	ASSERT_NE(NULL, before.buf);
	ASSERT_NE(NULL, after.buf);
	ASSERT_EQ(0, genl_open(&mon));
	ASSERT_EQ(0, genl_join(&mon, OPHOTON_GENL_NAME, OPHOTON_MCGRP_CONFIG));
	ASSERT_EQ(0, genl_join(&mon, OPHOTON_GENL_NAME, OPHOTON_MCGRP_ALARMS));
	gen_before = snapshot(_metadata, self, &before);
	/* 64 links, 32 slots, 256 lasers, 32 modules' and 32 engines' domains. */
	EXPECT_EQ(FAB_LINKS + 32 + 256 + 64, before.msgs);

	for (k = 0; k < ARRAY_SIZE(blast_kinds); k++) {
		for (side = OPHOTON_SIDE_GPU; side <= OPHOTON_SIDE_SWITCH; side++) {
			sum = 0;
			for (id = 0; id < blast_kinds[k].n; id++) {
				ASSERT_EQ(0, blast(_metadata, self, blast_kinds[k].obj, side, id))
					TH_LOG("kind %u id %u", blast_kinds[k].obj, id);
				links = genl_u32(nlh, OPHOTON_A_BLAST_LINKS, 0);
				EXPECT_LT(0U, links);
				EXPECT_EQ(links, blast_ids(nlh, ids, FAB_LINKS));
				EXPECT_LE(genl_u32(nlh, OPHOTON_A_BLAST_LINKS_DOWN, ~0U), links);
				sum += links;
			}
			/* A laser is one of 8 lanes of its module's 4 links. */
			if (blast_kinds[k].obj == OPHOTON_BLAST_LASER)
				sum /= 8;
			/* Racks: each link in one compute and one switch rack. */
			if (blast_kinds[k].obj == OPHOTON_BLAST_RACK)
				sum /= 2;
			EXPECT_EQ((uint32_t)FAB_LINKS, sum)
				TH_LOG("kind %u side %u", blast_kinds[k].obj, side);
		}
	}

	gen_after = snapshot(_metadata, self, &after);
	EXPECT_EQ(gen_before, gen_after);
	EXPECT_EQ(before.msgs, after.msgs);
	ASSERT_EQ(before.len, after.len);
	EXPECT_EQ(0, memcmp(before.buf, after.buf, before.len));
	n = genl_recv_ntf(&mon, buf, sizeof(buf), 500);
	EXPECT_EQ(0, n) TH_LOG("a notification: command %u",
			       ((struct genlmsghdr *)NLMSG_DATA((struct nlmsghdr *)buf))->cmd);
	genl_close(&mon);
	free(before.buf);
	free(after.buf);
}

#include "policy_bounds.h"

/*
 * The request of @b with its attribute at @val (and the fabric's id when
 * that is not the attribute); returns the attribute's offset.
 */
static uint32_t bound_request(FIXTURE_DATA(fabric) *self, char *req,
			      const struct policy_bound *b, uint64_t val)
{
	uint32_t offs;

	genl_msg_init(req, self->family, b->cmd, OPHOTON_GENL_VERSION, 0);
	if (b->attr != OPHOTON_A_FABRIC_ID)
		genl_put_u32(req, OPHOTON_A_FABRIC_ID, FAB);
	offs = ((struct nlmsghdr *)req)->nlmsg_len;
	switch (b->size) {
	case 1:
		genl_put_u8(req, b->attr, (uint8_t)val);
		break;
	case 4:
		genl_put_u32(req, b->attr, (uint32_t)val);
		break;
	default:
		genl_put_u64(req, b->attr, val);
		break;
	}
	return offs;
}

TEST_F(fabric, every_policy_bound_of_the_spec_is_enforced)
{
	char req[256] __attribute__((aligned(4)));
	uint64_t limit;
	uint32_t offs;
	size_t i;

	for (i = 0; i < sizeof(policy_bounds) / sizeof(policy_bounds[0]); i++) {
		const struct policy_bound *b = &policy_bounds[i];

		limit = b->size == 8 ? ~0ULL : (1ULL << (8 * b->size)) - 1;
		/* Just outside: refused, naming the attribute. */
		if (b->min) {
			offs = bound_request(self, req, b, b->min - 1);
			EXPECT_EQ(-ERANGE, request(_metadata, self, req)) TH_LOG("%s below", b->what);
			EXPECT_EQ(offs, self->r->extack_offs) TH_LOG("%s below", b->what);
		}
		if (b->max < limit) {
			offs = bound_request(self, req, b, b->max + 1);
			EXPECT_EQ(-ERANGE, request(_metadata, self, req)) TH_LOG("%s above", b->what);
			EXPECT_EQ(offs, self->r->extack_offs) TH_LOG("%s above", b->what);
		}
		/* On the bounds: whatever else is wrong, not this attribute's range. */
		offs = bound_request(self, req, b, b->min);
		request(_metadata, self, req);
		EXPECT_FALSE(self->r->error == -ERANGE && self->r->extack_offs == offs)
			TH_LOG("%s at its minimum: %s", b->what, self->r->extack);
		offs = bound_request(self, req, b, b->max);
		request(_metadata, self, req);
		EXPECT_FALSE(self->r->error == -ERANGE && self->r->extack_offs == offs)
			TH_LOG("%s at its maximum: %s", b->what, self->r->extack);
	}
	EXPECT_LT(30U, (unsigned int)i);
}

TEST_HARNESS_MAIN
