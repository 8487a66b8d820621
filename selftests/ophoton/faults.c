// SPDX-License-Identifier: GPL-2.0
/*
 * Each injectable fault over netlink (SIM_FAULT), with the effect an
 * operator would see through the read ops, and its clearing: fibre cuts,
 * dirty fibres, BER, laser deaths and the quarantine they lead to, and the
 * others (engine death is in objects.c), an engine's quarantine, the
 * flags a fault latches in a laser module and MODULE_ACT clear.  The
 * virtual clock is stepped, so no test depends on how fast the machine is.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <linux/ophoton.h>

#include "fixture.h"

#define SEC	1000000000ULL
#define NO_LANE	0xff

/*
 * Up, then on a clock that follows real time one to one: the steps below
 * are then all that moves it, however slow the machine.
 */
static int bring_up_slow(struct __test_metadata *_metadata, FIXTURE_DATA(fabric) *self)
{
	char req[256] __attribute__((aligned(4)));

	if (!bring_up(_metadata, self))
		return 0;
	fab_msg(self, req, OPHOTON_CMD_FABRIC_SET, FAB);
	genl_put_u32(req, OPHOTON_A_FABRIC_TIME_SCALE, 1);
	return request(_metadata, self, req) == 0;
}

static int sim_fault(struct __test_metadata *_metadata, FIXTURE_DATA(fabric) *self,
		     uint8_t action, uint8_t kind, uint8_t side, uint32_t target,
		     uint8_t lane, int32_t value, int32_t amount)
{
	char req[256] __attribute__((aligned(4)));

	fab_msg(self, req, OPHOTON_CMD_SIM_FAULT, FAB);
	genl_put_u8(req, OPHOTON_A_SIM_ACTION, action);
	genl_put_u8(req, OPHOTON_A_FAULT_KIND, kind);
	genl_put_u8(req, OPHOTON_A_SIDE, side);
	genl_put_u32(req, OPHOTON_A_FAULT_TARGET, target);
	if (lane != NO_LANE)
		genl_put_u8(req, OPHOTON_A_LANE, lane);
	if (value)
		genl_put_u32(req, OPHOTON_A_FAULT_VALUE, (uint32_t)value);
	if (amount)
		genl_put_u32(req, OPHOTON_A_FAULT_AMOUNT, (uint32_t)amount);
	return request(_metadata, self, req);
}

/* A GET of one object; the reply stays in self->r. */
static struct nlmsghdr *get_link(struct __test_metadata *_metadata,
				 FIXTURE_DATA(fabric) *self, uint32_t link)
{
	char req[256] __attribute__((aligned(4)));

	fab_msg(self, req, OPHOTON_CMD_LINK_GET, FAB);
	genl_put_u32(req, OPHOTON_A_LINK_ID, link);
	EXPECT_EQ(0, request(_metadata, self, req));
	return (struct nlmsghdr *)self->r->buf;
}

static struct nlmsghdr *get_module(struct __test_metadata *_metadata,
				   FIXTURE_DATA(fabric) *self, uint32_t mod)
{
	char req[256] __attribute__((aligned(4)));

	fab_msg(self, req, OPHOTON_CMD_MODULE_GET, FAB);
	genl_put_u8(req, OPHOTON_A_SIDE, OPHOTON_SIDE_GPU);
	genl_put_u32(req, OPHOTON_A_MODULE_ID, mod);
	EXPECT_EQ(0, request(_metadata, self, req));
	return (struct nlmsghdr *)self->r->buf;
}

static struct nlmsghdr *get_laser(struct __test_metadata *_metadata,
				  FIXTURE_DATA(fabric) *self, uint32_t mod, uint8_t laser)
{
	char req[256] __attribute__((aligned(4)));

	fab_msg(self, req, OPHOTON_CMD_LASER_GET, FAB);
	genl_put_u8(req, OPHOTON_A_SIDE, OPHOTON_SIDE_GPU);
	genl_put_u32(req, OPHOTON_A_MODULE_ID, mod);
	genl_put_u8(req, OPHOTON_A_LANE, laser);
	genl_put_flag(req, OPHOTON_A_STATS);
	EXPECT_EQ(0, request(_metadata, self, req));
	return (struct nlmsghdr *)self->r->buf;
}

static int32_t laser_stat(struct nlmsghdr *nlh, uint16_t type)
{
	const struct nlattr *st = genl_attr(nlh, OPHOTON_A_LASER_STATS);

	return st ? (int32_t)genl_nest_u32(st, type, 0) : 0;
}

TEST_F(fabric, module_death_darkens_the_links_it_feeds_until_reset)
{
	struct nlmsghdr *nlh;

	ASSERT_TRUE(bring_up_slow(_metadata, self));
	ASSERT_EQ(0, sim_fault(_metadata, self, OPHOTON_SIM_ACTION_INSERT,
			       OPHOTON_FAULT_MODULE_DEATH, OPHOTON_SIDE_GPU, 0, NO_LANE, 0, 0));
	nlh = get_module(_metadata, self, 0);
	EXPECT_EQ(OPHOTON_MODULE_STATE_FAULT, genl_u8(nlh, OPHOTON_A_MODULE_STATE, 0xff));
	EXPECT_EQ(0U, genl_u32(nlh, OPHOTON_A_MODULE_LASERS_ON, ~0U));
	/* A module whose lasers all die at once: its supply, CMIS style. */
	EXPECT_EQ(OPHOTON_MODULE_CAUSE_SUPPLY, genl_u8(nlh, OPHOTON_A_MODULE_CAUSE, 0xff));
	/* Module 0 of GPU 0 lights engine 0: links 0-3, not engine 1's. */
	nlh = get_link(_metadata, self, 0);
	EXPECT_NE(OPHOTON_LINK_STATE_UP, genl_u8(nlh, OPHOTON_A_LINK_STATE, 0xff));
	EXPECT_EQ(OPHOTON_DOWN_MODULE, genl_u8(nlh, OPHOTON_A_LINK_DOWN_REASON, 0xff));
	EXPECT_EQ(OPHOTON_DOWN_MODULE, genl_u8(nlh, OPHOTON_A_LINK_CAUSE, 0xff));
	nlh = get_link(_metadata, self, 4);
	EXPECT_EQ(OPHOTON_LINK_STATE_UP, genl_u8(nlh, OPHOTON_A_LINK_STATE, 0xff));
	/* Up: no cause to act on. */
	EXPECT_EQ(NULL, genl_attr(nlh, OPHOTON_A_LINK_CAUSE));

	/* Clearing the cause leaves the module in fault; a reset recovers it. */
	ASSERT_EQ(0, sim_fault(_metadata, self, OPHOTON_SIM_ACTION_REMOVE,
			       OPHOTON_FAULT_MODULE_DEATH, OPHOTON_SIDE_GPU, 0, NO_LANE, 0, 0));
	nlh = get_module(_metadata, self, 0);
	EXPECT_EQ(OPHOTON_MODULE_STATE_FAULT, genl_u8(nlh, OPHOTON_A_MODULE_STATE, 0xff));
	EXPECT_EQ(0, module_act(_metadata, self, FAB, OPHOTON_CMD_MODULE_ACT,
				OPHOTON_A_MODULE_ACTION, OPHOTON_MODULE_ACTION_RESET, 0));
	step(_metadata, self, FAB, 20 * SEC);
	nlh = get_module(_metadata, self, 0);
	EXPECT_EQ(OPHOTON_MODULE_STATE_READY, genl_u8(nlh, OPHOTON_A_MODULE_STATE, 0xff));
	nlh = get_link(_metadata, self, 0);
	EXPECT_EQ(OPHOTON_LINK_STATE_UP, genl_u8(nlh, OPHOTON_A_LINK_STATE, 0xff));
}

TEST_F(fabric, laser_aging_is_predicted_before_its_bias_warns)
{
	char buf[8192] __attribute__((aligned(4)));
	struct genl_sock mon;
	struct nlmsghdr *nlh;
	int i, predicted = 0, warned_first = 0, alarms = 0;
	uint32_t age_other;

	ASSERT_TRUE(bring_up_slow(_metadata, self));
	ASSERT_EQ(0, genl_open(&mon));
	ASSERT_EQ(0, genl_join(&mon, OPHOTON_GENL_NAME, OPHOTON_MCGRP_ALARMS));
	/* 1,000,000 ppm of life an hour on laser 2 of module 0: 10,000x nominal. */
	ASSERT_EQ(0, sim_fault(_metadata, self, OPHOTON_SIM_ACTION_INSERT,
			       OPHOTON_FAULT_LASER_AGING, OPHOTON_SIDE_GPU, 0, 2,
			       1000000, 0));
	for (i = 0; i < 100 && !predicted; i++) {
		step(_metadata, self, FAB, 60 * SEC);
		nlh = get_laser(_metadata, self, 0, 2);
		predicted = genl_attr(nlh, OPHOTON_A_LASER_AGING_PREDICTED) != NULL;
		if (laser_stat(nlh, OPHOTON_A_LASER_STATS_FLAGS) & 0x2)
			warned_first = !predicted;
	}
	EXPECT_TRUE(predicted);
	EXPECT_FALSE(warned_first);
	EXPECT_LT(0, laser_stat(nlh, OPHOTON_A_LASER_STATS_AGE_PPM));
	age_other = (uint32_t)laser_stat(nlh, OPHOTON_A_LASER_STATS_AGE_PPM);
	nlh = get_laser(_metadata, self, 0, 3);
	EXPECT_EQ(NULL, genl_attr(nlh, OPHOTON_A_LASER_AGING_PREDICTED));
	EXPECT_GT(age_other, (uint32_t)laser_stat(nlh, OPHOTON_A_LASER_STATS_AGE_PPM));
	/* Announced once, for that laser. */
	while (genl_recv_ntf(&mon, buf, sizeof(buf), 300) > 0) {
		struct nlmsghdr *h = (struct nlmsghdr *)buf;

		if (genl_u8(h, OPHOTON_A_ALARM_KIND, 0) != OPHOTON_ALARM_AGING_PREDICTED)
			continue;
		alarms++;
		EXPECT_EQ(1U << 2, genl_u32(h, OPHOTON_A_ALARM_LASERS, 0));
	}
	EXPECT_EQ(1, alarms);
	genl_close(&mon);
	EXPECT_EQ(0, sim_fault(_metadata, self, OPHOTON_SIM_ACTION_REMOVE,
			       OPHOTON_FAULT_LASER_AGING, OPHOTON_SIDE_GPU, 0, 2, 0, 0));
}

static int32_t engine_temp(struct __test_metadata *_metadata,
			   FIXTURE_DATA(fabric) *self, uint32_t eng)
{
	char req[256] __attribute__((aligned(4)));
	const struct nlattr *st;

	fab_msg(self, req, OPHOTON_CMD_ENGINE_GET, FAB);
	genl_put_u8(req, OPHOTON_A_SIDE, OPHOTON_SIDE_GPU);
	genl_put_u32(req, OPHOTON_A_ENGINE_ID, eng);
	genl_put_flag(req, OPHOTON_A_STATS);
	EXPECT_EQ(0, request(_metadata, self, req));
	st = genl_attr((struct nlmsghdr *)self->r->buf, OPHOTON_A_AGG_STATS);
	return st ? (int32_t)genl_nest_u32(st, OPHOTON_A_AGG_STATS_TEMP_MC, 0) : 0;
}

TEST_F(fabric, ring_drift_heats_the_engine_by_its_amount)
{
	int32_t before, after;

	ASSERT_TRUE(bring_up_slow(_metadata, self));
	before = engine_temp(_metadata, self, 0);
	/* 1 K/s up to 30 K. */
	EXPECT_EQ(-ERANGE, sim_fault(_metadata, self, OPHOTON_SIM_ACTION_INSERT,
				     OPHOTON_FAULT_RING_DRIFT, OPHOTON_SIDE_GPU, 0, NO_LANE,
				     1000, 0));
	ASSERT_EQ(0, sim_fault(_metadata, self, OPHOTON_SIM_ACTION_INSERT,
			       OPHOTON_FAULT_RING_DRIFT, OPHOTON_SIDE_GPU, 0, NO_LANE,
			       1000, 30000));
	step(_metadata, self, FAB, 60 * SEC);
	after = engine_temp(_metadata, self, 0);
	/* Drifting lanes carry less, so the die's own heat falls a little. */
	EXPECT_LE(before + 20000, after) TH_LOG("%d mC then %d mC", before, after);
	EXPECT_GE(before + 35000, after) TH_LOG("%d mC then %d mC", before, after);
	/* Only that engine. */
	EXPECT_GT(before + 5000, engine_temp(_metadata, self, 1));
	EXPECT_EQ(0, sim_fault(_metadata, self, OPHOTON_SIM_ACTION_REMOVE,
			       OPHOTON_FAULT_RING_DRIFT, OPHOTON_SIDE_GPU, 0, NO_LANE, 0, 0));
	step(_metadata, self, FAB, 60 * SEC);
	EXPECT_GT(before + 5000, engine_temp(_metadata, self, 0));
}

/* ENGINE_ACT on GPU-side engine @eng. */
static int engine_act(struct __test_metadata *_metadata, FIXTURE_DATA(fabric) *self,
		      uint32_t eng, uint8_t action)
{
	char req[256] __attribute__((aligned(4)));

	fab_msg(self, req, OPHOTON_CMD_ENGINE_ACT, FAB);
	genl_put_u8(req, OPHOTON_A_SIDE, OPHOTON_SIDE_GPU);
	genl_put_u32(req, OPHOTON_A_ENGINE_ID, eng);
	if (action)
		genl_put_u8(req, OPHOTON_A_ENGINE_ACTION, action);
	return request(_metadata, self, req);
}

/* An engine's aggregate: its links up, and the latched flags of its stats. */
static uint32_t engine_links_up(struct __test_metadata *_metadata,
				FIXTURE_DATA(fabric) *self, uint32_t eng, uint32_t *latched)
{
	char req[256] __attribute__((aligned(4)));
	struct nlmsghdr *nlh = (struct nlmsghdr *)self->r->buf;
	const struct nlattr *st;

	fab_msg(self, req, OPHOTON_CMD_ENGINE_GET, FAB);
	genl_put_u8(req, OPHOTON_A_SIDE, OPHOTON_SIDE_GPU);
	genl_put_u32(req, OPHOTON_A_ENGINE_ID, eng);
	genl_put_flag(req, OPHOTON_A_STATS);
	EXPECT_EQ(0, request(_metadata, self, req));
	st = genl_attr(nlh, OPHOTON_A_AGG_STATS);
	*latched = st ? genl_nest_u32(st, OPHOTON_A_AGG_STATS_LATCHED, ~0U) : ~0U;
	return genl_u32(nlh, OPHOTON_A_LINKS_UP, ~0U);
}

/*
 * An engine that keeps dying is quarantined: it stays dark after its fault
 * is gone until an operator recovers it (ENGINE_ACT recover), and the
 * temperature flags it latched stay until cleared (ENGINE_ACT clear).
 */
TEST_F(fabric, a_quarantined_engine_stays_dark_until_recovered)
{
	char req[256] __attribute__((aligned(4)));
	struct nlmsghdr *nlh = (struct nlmsghdr *)self->r->buf;
	uint32_t latched;
	int k;

	ASSERT_TRUE(bring_up_slow(_metadata, self));
	for (k = 0; k < 3; k++) {
		ASSERT_EQ(0, sim_fault(_metadata, self, OPHOTON_SIM_ACTION_INSERT,
				       OPHOTON_FAULT_ENGINE_DEATH, OPHOTON_SIDE_GPU, 1,
				       NO_LANE, 0, 0));
		ASSERT_EQ(0, sim_fault(_metadata, self, OPHOTON_SIM_ACTION_REMOVE,
				       OPHOTON_FAULT_ENGINE_DEATH, OPHOTON_SIDE_GPU, 1,
				       NO_LANE, 0, 0));
	}
	fab_msg(self, req, OPHOTON_CMD_HEALTH_GET, FAB);
	genl_put_u8(req, OPHOTON_A_HEALTH_DOMAIN, OPHOTON_HEALTH_ENGINE);
	genl_put_u8(req, OPHOTON_A_SIDE, OPHOTON_SIDE_GPU);
	genl_put_u32(req, OPHOTON_A_HEALTH_ID, 1);
	ASSERT_EQ(0, request(_metadata, self, req));
	EXPECT_NE(NULL, genl_attr(nlh, OPHOTON_A_HEALTH_QUARANTINED));
	/* The fault is gone, the engine is not back. */
	step(_metadata, self, FAB, 10 * SEC);
	EXPECT_EQ(0U, engine_links_up(_metadata, self, 1, &latched));

	/* Errors first: no action, an engine out of range. */
	EXPECT_EQ(-EINVAL, engine_act(_metadata, self, 1, 0));
	EXPECT_EQ((uint32_t)OPHOTON_A_ENGINE_ACTION, self->r->extack_miss);
	EXPECT_EQ(-ERANGE, engine_act(_metadata, self, 16, OPHOTON_ENGINE_ACTION_RECOVER));
	EXPECT_EQ((uint32_t)(NLMSG_HDRLEN + GENL_HDRLEN + 16), self->r->extack_offs);

	ASSERT_EQ(0, engine_act(_metadata, self, 1, OPHOTON_ENGINE_ACTION_RECOVER));
	/* Idempotent. */
	ASSERT_EQ(0, engine_act(_metadata, self, 1, OPHOTON_ENGINE_ACTION_RECOVER));
	ASSERT_EQ(0, request(_metadata, self, req));
	EXPECT_EQ(NULL, genl_attr(nlh, OPHOTON_A_HEALTH_QUARANTINED));
	EXPECT_EQ(1U, genl_u32(nlh, OPHOTON_A_HEALTH_RECOVERIES, 0));
	step(_metadata, self, FAB, 10 * SEC);
	EXPECT_EQ(4U, engine_links_up(_metadata, self, 1, &latched));

	/*
	 * Heat engine 1 by 60 K, past its alarm (95 C); the flags stay latched
	 * when it cools.
	 */
	ASSERT_EQ(0, sim_fault(_metadata, self, OPHOTON_SIM_ACTION_INSERT,
			       OPHOTON_FAULT_RING_DRIFT, OPHOTON_SIDE_GPU, 1, NO_LANE,
			       1000, 60000));
	step(_metadata, self, FAB, 70 * SEC);
	ASSERT_EQ(0, sim_fault(_metadata, self, OPHOTON_SIM_ACTION_REMOVE,
			       OPHOTON_FAULT_RING_DRIFT, OPHOTON_SIDE_GPU, 1, NO_LANE, 0, 0));
	step(_metadata, self, FAB, 60 * SEC);
	engine_links_up(_metadata, self, 1, &latched);
	EXPECT_NE(0U, latched);
	ASSERT_EQ(0, engine_act(_metadata, self, 1, OPHOTON_ENGINE_ACTION_CLEAR));
	engine_links_up(_metadata, self, 1, &latched);
	EXPECT_EQ(0U, latched);
}

TEST_F(fabric, tec_failure_walks_the_lasers_off_grid_then_faults_the_module)
{
	struct nlmsghdr *nlh;

	ASSERT_TRUE(bring_up_slow(_metadata, self));
	ASSERT_EQ(0, sim_fault(_metadata, self, OPHOTON_SIM_ACTION_INSERT,
			       OPHOTON_FAULT_TEC, OPHOTON_SIDE_GPU, 0, NO_LANE, 0, 0));
	step(_metadata, self, FAB, 2500000000ULL);
	nlh = get_laser(_metadata, self, 0, 0);
	EXPECT_LT(20000, laser_stat(nlh, OPHOTON_A_LASER_STATS_FREQ_ERR_MHZ));
	EXPECT_TRUE(!!(laser_stat(nlh, OPHOTON_A_LASER_STATS_FLAGS) & (0x2 << 8)));
	nlh = get_module(_metadata, self, 0);
	EXPECT_EQ(OPHOTON_MODULE_STATE_READY, genl_u8(nlh, OPHOTON_A_MODULE_STATE, 0xff));
	step(_metadata, self, FAB, 20 * SEC);
	nlh = get_module(_metadata, self, 0);
	EXPECT_EQ(OPHOTON_MODULE_STATE_FAULT, genl_u8(nlh, OPHOTON_A_MODULE_STATE, 0xff));
	EXPECT_EQ(OPHOTON_MODULE_CAUSE_TEC_RUNAWAY,
		  genl_u8(nlh, OPHOTON_A_MODULE_CAUSE, 0xff));
	/* Dark now: no wavelength, no temperature to report. */
	nlh = get_laser(_metadata, self, 0, 0);
	EXPECT_EQ(OPHOTON_MODULE_CAUSE_TEC_RUNAWAY, genl_u8(nlh, OPHOTON_A_LASER_CAUSE, 0xff));
	EXPECT_NE(NULL, genl_attr(nlh, OPHOTON_A_LASER_STATS));
	EXPECT_EQ(NULL, genl_nest_attr(genl_attr(nlh, OPHOTON_A_LASER_STATS),
				       OPHOTON_A_LASER_STATS_FREQ_ERR_MHZ));
	nlh = get_link(_metadata, self, 0);
	EXPECT_EQ(OPHOTON_DOWN_TEC, genl_u8(nlh, OPHOTON_A_LINK_CAUSE, 0xff));
	EXPECT_EQ(0, sim_fault(_metadata, self, OPHOTON_SIM_ACTION_REMOVE,
			       OPHOTON_FAULT_TEC, OPHOTON_SIDE_GPU, 0, NO_LANE, 0, 0));
}

TEST_F(fabric, arbitration_failure_latches_the_link_failed_until_cleared)
{
	char req[256] __attribute__((aligned(4)));
	struct nlmsghdr *nlh;

	ASSERT_TRUE(bring_up_slow(_metadata, self));
	ASSERT_EQ(0, sim_fault(_metadata, self, OPHOTON_SIM_ACTION_INSERT,
			       OPHOTON_FAULT_ARBITRATION, OPHOTON_SIDE_GPU, 4, NO_LANE, 0, 0));
	fab_msg(self, req, OPHOTON_CMD_LINK_SET, FAB);
	genl_put_u32(req, OPHOTON_A_LINK_ID, 4);
	genl_put_u8(req, OPHOTON_A_LINK_ACTION, OPHOTON_LINK_ACTION_RETRAIN);
	ASSERT_EQ(0, request(_metadata, self, req));
	step(_metadata, self, FAB, 60 * SEC);
	nlh = get_link(_metadata, self, 4);
	EXPECT_EQ(OPHOTON_LINK_STATE_FAILED, genl_u8(nlh, OPHOTON_A_LINK_STATE, 0xff));
	EXPECT_EQ(OPHOTON_DOWN_ARBITRATION, genl_u8(nlh, OPHOTON_A_LINK_DOWN_REASON, 0xff));
	/* Latched: a retrain is refused until an operator clears it. */
	EXPECT_EQ(-ENETDOWN, request(_metadata, self, req));
	EXPECT_NE(0U, self->r->extack_offs);
	ASSERT_EQ(0, sim_fault(_metadata, self, OPHOTON_SIM_ACTION_REMOVE,
			       OPHOTON_FAULT_ARBITRATION, OPHOTON_SIDE_GPU, 4, NO_LANE, 0, 0));
	fab_msg(self, req, OPHOTON_CMD_LINK_SET, FAB);
	genl_put_u32(req, OPHOTON_A_LINK_ID, 4);
	genl_put_u8(req, OPHOTON_A_LINK_ACTION, OPHOTON_LINK_ACTION_CLEAR);
	ASSERT_EQ(0, request(_metadata, self, req));
	step(_metadata, self, FAB, 10 * SEC);
	nlh = get_link(_metadata, self, 4);
	EXPECT_EQ(OPHOTON_LINK_STATE_UP, genl_u8(nlh, OPHOTON_A_LINK_STATE, 0xff));
}

TEST_F(fabric, hung_firmware_freezes_a_reset_then_times_out_into_fault)
{
	char req[256] __attribute__((aligned(4)));
	struct nlmsghdr *nlh;

	ASSERT_TRUE(bring_up_slow(_metadata, self));
	ASSERT_EQ(0, sim_fault(_metadata, self, OPHOTON_SIM_ACTION_INSERT,
			       OPHOTON_FAULT_FW_HANG, OPHOTON_SIDE_GPU, 3, NO_LANE, 0, 0));
	ASSERT_EQ(0, module_act(_metadata, self, FAB, OPHOTON_CMD_MODULE_ACT,
				OPHOTON_A_MODULE_ACTION, OPHOTON_MODULE_ACTION_RESET, 3));
	step(_metadata, self, FAB, 4 * SEC);
	nlh = get_module(_metadata, self, 3);
	EXPECT_EQ(OPHOTON_MODULE_STATE_RESETTING, genl_u8(nlh, OPHOTON_A_MODULE_STATE, 0xff));
	step(_metadata, self, FAB, 2 * SEC);
	nlh = get_module(_metadata, self, 3);
	EXPECT_EQ(OPHOTON_MODULE_STATE_FAULT, genl_u8(nlh, OPHOTON_A_MODULE_STATE, 0xff));
	/* The host gave up: a health error on the slot. */
	fab_msg(self, req, OPHOTON_CMD_HEALTH_GET, FAB);
	genl_put_u8(req, OPHOTON_A_HEALTH_DOMAIN, OPHOTON_HEALTH_MODULE);
	genl_put_u8(req, OPHOTON_A_SIDE, OPHOTON_SIDE_GPU);
	genl_put_u32(req, OPHOTON_A_HEALTH_ID, 3);
	ASSERT_EQ(0, request(_metadata, self, req));
	EXPECT_EQ(1U, genl_u32((struct nlmsghdr *)self->r->buf, OPHOTON_A_HEALTH_ERRORS, 0));
	ASSERT_EQ(0, sim_fault(_metadata, self, OPHOTON_SIM_ACTION_REMOVE,
			       OPHOTON_FAULT_FW_HANG, OPHOTON_SIDE_GPU, 3, NO_LANE, 0, 0));
	ASSERT_EQ(0, module_act(_metadata, self, FAB, OPHOTON_CMD_MODULE_ACT,
				OPHOTON_A_MODULE_ACTION, OPHOTON_MODULE_ACTION_RESET, 3));
	step(_metadata, self, FAB, 10 * SEC);
	nlh = get_module(_metadata, self, 3);
	EXPECT_EQ(OPHOTON_MODULE_STATE_READY, genl_u8(nlh, OPHOTON_A_MODULE_STATE, 0xff));
}

/* FABRIC_SET: the warning levels of one analog value, its alarm levels kept. */
static int set_warn(struct __test_metadata *_metadata, FIXTURE_DATA(fabric) *self,
		    uint8_t id, int32_t warn_lo, int32_t warn_hi)
{
	char req[256] __attribute__((aligned(4)));
	struct nlmsghdr *nlh = (struct nlmsghdr *)req;
	struct nlattr *nest;
	uint32_t start;

	fab_msg(self, req, OPHOTON_CMD_FABRIC_SET, FAB);
	start = nlh->nlmsg_len;
	nest = (struct nlattr *)(req + NLMSG_ALIGN(start));
	nest->nla_type = NLA_F_NESTED | OPHOTON_A_THRESH;
	nlh->nlmsg_len += NLA_HDRLEN;
	genl_put_u8(req, OPHOTON_A_THRESH_ID, id);
	genl_put_u32(req, OPHOTON_A_THRESH_WARN_LO, (uint32_t)warn_lo);
	genl_put_u32(req, OPHOTON_A_THRESH_WARN_HI, (uint32_t)warn_hi);
	nest->nla_len = (uint16_t)(nlh->nlmsg_len - start);
	return request(_metadata, self, req);
}

/* GPU-side slot @mod: its temperature, threshold flags now and latched. */
static int32_t module_flags(struct __test_metadata *_metadata, FIXTURE_DATA(fabric) *self,
			    uint32_t mod, uint32_t *flags, uint32_t *latched)
{
	char req[256] __attribute__((aligned(4)));
	const struct nlattr *st;

	fab_msg(self, req, OPHOTON_CMD_MODULE_GET, FAB);
	genl_put_u8(req, OPHOTON_A_SIDE, OPHOTON_SIDE_GPU);
	genl_put_u32(req, OPHOTON_A_MODULE_ID, mod);
	genl_put_flag(req, OPHOTON_A_STATS);
	EXPECT_EQ(0, request(_metadata, self, req));
	st = genl_attr((struct nlmsghdr *)self->r->buf, OPHOTON_A_MODULE_STATS);
	EXPECT_NE(NULL, st);
	*flags = st ? genl_nest_u32(st, OPHOTON_A_MODULE_STATS_FLAGS, ~0U) : ~0U;
	*latched = st ? genl_nest_u32(st, OPHOTON_A_MODULE_STATS_LATCHED, ~0U) : ~0U;
	return st ? (int32_t)genl_nest_u32(st, OPHOTON_A_MODULE_STATS_TEMP_MC, 0) : 0;
}

/*
 * Slot @mod's module heats past a warning 1 K above where it runs (a TEC
 * failure, 1 K/s, for 2.5 s) and its lasers walk off grid, then the
 * failure is cleared: its flags are latched, none raised now.
 */
static void latch_by_tec(struct __test_metadata *_metadata, FIXTURE_DATA(fabric) *self,
			 uint32_t mod)
{
	uint32_t flags, latched;
	int32_t temp;

	temp = module_flags(_metadata, self, mod, &flags, &latched);
	EXPECT_EQ(0U, flags);
	EXPECT_EQ(0U, latched);
	ASSERT_EQ(0, set_warn(_metadata, self, OPHOTON_THRESH_MODULE_TEMP_MC, 15000,
			      temp + 1000));
	ASSERT_EQ(0, sim_fault(_metadata, self, OPHOTON_SIM_ACTION_INSERT,
			       OPHOTON_FAULT_TEC, OPHOTON_SIDE_GPU, mod, NO_LANE, 0, 0));
	step(_metadata, self, FAB, 2500000000ULL);
	module_flags(_metadata, self, mod, &flags, &latched);
	EXPECT_EQ(0x2U, flags & 0x2U);		/* warning high, now */
	ASSERT_EQ(0, sim_fault(_metadata, self, OPHOTON_SIM_ACTION_REMOVE,
			       OPHOTON_FAULT_TEC, OPHOTON_SIDE_GPU, mod, NO_LANE, 0, 0));
	step(_metadata, self, FAB, SEC);
	module_flags(_metadata, self, mod, &flags, &latched);
	EXPECT_EQ(0U, flags);
	EXPECT_EQ(0x2U, latched);
}

/*
 * MODULE_ACT clear: what a TEC failure latched in a laser module and its
 * lasers stays latched after the failure is gone, and alarmed once for
 * the module; an operator's clear removes it from that slot, and only
 * there, leaving the module in service.
 */
TEST_F(fabric, module_clear_unlatches_what_a_tec_failure_latched)
{
	char buf[8192] __attribute__((aligned(4)));
	uint32_t flags, latched;
	struct genl_sock mon;
	struct nlmsghdr *nlh;
	int mod_alarms = 0, laser_alarms = 0;
	uint8_t k;

	ASSERT_TRUE(bring_up_slow(_metadata, self));
	ASSERT_EQ(0, genl_open(&mon));
	ASSERT_EQ(0, genl_join(&mon, OPHOTON_GENL_NAME, OPHOTON_MCGRP_ALARMS));
	latch_by_tec(_metadata, self, 0);
	/* Every laser went past its frequency alarm and is back on grid. */
	for (k = 0; k < 8; k++) {
		nlh = get_laser(_metadata, self, 0, k);
		EXPECT_EQ(0, laser_stat(nlh, OPHOTON_A_LASER_STATS_FLAGS)) TH_LOG("laser %u", k);
		EXPECT_EQ(0xa00, laser_stat(nlh, OPHOTON_A_LASER_STATS_LATCHED) & 0xa00)
			TH_LOG("laser %u", k);
	}
	/* Its neighbour latched nothing. */
	module_flags(_metadata, self, 1, &flags, &latched);
	EXPECT_EQ(0U, latched);
	while (genl_recv_ntf(&mon, buf, sizeof(buf), 300) > 0) {
		struct nlmsghdr *h = (struct nlmsghdr *)buf;

		if (genl_u32(h, OPHOTON_A_MODULE_ID, ~0U) != 0)
			continue;
		switch (genl_u8(h, OPHOTON_A_ALARM_KIND, 0)) {
		case OPHOTON_ALARM_THRESHOLD_MODULE:
			EXPECT_EQ(0x2U, genl_u32(h, OPHOTON_A_ALARM_FLAGS, 0));
			mod_alarms++;
			break;
		case OPHOTON_ALARM_THRESHOLD_LASERS:
			EXPECT_EQ(0xffU, genl_u32(h, OPHOTON_A_ALARM_LASERS, 0));
			laser_alarms++;
			break;
		}
	}
	genl_close(&mon);
	EXPECT_EQ(1, mod_alarms);
	EXPECT_LE(1, laser_alarms);

	ASSERT_EQ(0, module_act(_metadata, self, FAB, OPHOTON_CMD_MODULE_ACT,
				OPHOTON_A_MODULE_ACTION, OPHOTON_MODULE_ACTION_CLEAR, 0));
	module_flags(_metadata, self, 0, &flags, &latched);
	EXPECT_EQ(0U, latched);
	for (k = 0; k < 8; k++) {
		nlh = get_laser(_metadata, self, 0, k);
		EXPECT_EQ(0, laser_stat(nlh, OPHOTON_A_LASER_STATS_LATCHED)) TH_LOG("laser %u", k);
	}
	nlh = get_module(_metadata, self, 0);
	EXPECT_EQ(OPHOTON_MODULE_STATE_READY, genl_u8(nlh, OPHOTON_A_MODULE_STATE, 0xff));
	EXPECT_EQ(OPHOTON_MODULE_ADMIN_ACTIVE, genl_u8(nlh, OPHOTON_A_MODULE_ADMIN, 0xff));
	/* Idempotent. */
	EXPECT_EQ(0, module_act(_metadata, self, FAB, OPHOTON_CMD_MODULE_ACT,
				OPHOTON_A_MODULE_ACTION, OPHOTON_MODULE_ACTION_CLEAR, 0));
}

/*
 * An empty slot has no flags to clear: MODULE_ACT clear is refused as a
 * drain is there, -ENODEV with the same message and attribute; a slot out
 * of range names the module id.  A module's latched flags leave with it:
 * its replacement starts with none.
 */
TEST_F(fabric, module_clear_of_an_empty_slot_is_refused_naming_the_attribute)
{
	char req[256] __attribute__((aligned(4)));
	char drain_msg[256];
	uint32_t flags, latched, drain_offs;
	const uint32_t id_offs = NLMSG_HDRLEN + GENL_HDRLEN + 16;
	const uint32_t act_offs = NLMSG_HDRLEN + GENL_HDRLEN + 24;

	ASSERT_TRUE(bring_up_slow(_metadata, self));
	latch_by_tec(_metadata, self, 5);
	ASSERT_EQ(0, module_act(_metadata, self, FAB, OPHOTON_CMD_SIM_MODULE,
				OPHOTON_A_SIM_ACTION, OPHOTON_SIM_ACTION_REMOVE, 5));
	ASSERT_EQ(OPHOTON_MODULE_STATE_ABSENT, module_state(_metadata, self, FAB, 5, NULL));

	EXPECT_EQ(-ENODEV, module_act(_metadata, self, FAB, OPHOTON_CMD_MODULE_ACT,
				      OPHOTON_A_MODULE_ACTION, OPHOTON_MODULE_ACTION_DRAIN, 5));
	drain_offs = self->r->extack_offs;
	snprintf(drain_msg, sizeof(drain_msg), "%s", self->r->extack);
	/* The request's slot, or the action refused on it. */
	EXPECT_TRUE(drain_offs == id_offs || drain_offs == act_offs) TH_LOG("%u", drain_offs);
	EXPECT_NE(NULL, strstr(drain_msg, "no laser module")) TH_LOG("%s", drain_msg);

	EXPECT_EQ(-ENODEV, module_act(_metadata, self, FAB, OPHOTON_CMD_MODULE_ACT,
				      OPHOTON_A_MODULE_ACTION, OPHOTON_MODULE_ACTION_CLEAR, 5));
	EXPECT_EQ(drain_offs, self->r->extack_offs);
	EXPECT_STREQ(drain_msg, self->r->extack);

	/* Out of range: refused before any slot is looked at, naming the id. */
	EXPECT_EQ(-ERANGE, module_act(_metadata, self, FAB, OPHOTON_CMD_MODULE_ACT,
				      OPHOTON_A_MODULE_ACTION, OPHOTON_MODULE_ACTION_CLEAR, 16));
	EXPECT_EQ(id_offs, self->r->extack_offs);
	EXPECT_NE(NULL, strstr(self->r->extack, "out of range")) TH_LOG("%s", self->r->extack);
	/* Without an action: the action is named as missing. */
	fab_msg(self, req, OPHOTON_CMD_MODULE_ACT, FAB);
	genl_put_u8(req, OPHOTON_A_SIDE, OPHOTON_SIDE_GPU);
	genl_put_u32(req, OPHOTON_A_MODULE_ID, 4);
	EXPECT_EQ(-EINVAL, request(_metadata, self, req));
	EXPECT_EQ((uint32_t)OPHOTON_A_MODULE_ACTION, self->r->extack_miss);

	/* A new module in the slot: none of the old one's flags. */
	ASSERT_EQ(0, module_act(_metadata, self, FAB, OPHOTON_CMD_SIM_MODULE,
				OPHOTON_A_SIM_ACTION, OPHOTON_SIM_ACTION_INSERT, 5));
	module_flags(_metadata, self, 5, &flags, &latched);
	EXPECT_EQ(0U, latched);
	EXPECT_EQ(0, module_act(_metadata, self, FAB, OPHOTON_CMD_MODULE_ACT,
				OPHOTON_A_MODULE_ACTION, OPHOTON_MODULE_ACTION_CLEAR, 5));
}

/* 1 if the fabric's debugfs file @name contains @needle, 0 if not, -1 on error. */
static int debugfs_has(const char *name, const char *needle)
{
	char path[128], text[4096] = "";
	FILE *f;
	size_t n;

	snprintf(path, sizeof(path), "/sys/kernel/debug/ophoton/ophoton%u/%s", FAB, name);
	f = fopen(path, "r");
	if (!f)
		return -1;
	n = fread(text, 1, sizeof(text) - 1, f);
	fclose(f);
	if (!n)
		return -1;
	return strstr(text, needle) != NULL;
}

TEST_F(fabric, fibre_cut_takes_one_link_down_until_cleared)
{
	char req[256] __attribute__((aligned(4)));
	struct nlmsghdr *nlh = (struct nlmsghdr *)self->r->buf;

	ASSERT_TRUE(bring_up(_metadata, self));
	fab_msg(self, req, OPHOTON_CMD_SIM_FAULT, FAB);
	genl_put_u8(req, OPHOTON_A_FAULT_KIND, OPHOTON_FAULT_FIBRE_CUT);
	genl_put_u32(req, OPHOTON_A_FAULT_TARGET, 3);
	genl_put_u8(req, OPHOTON_A_FIBRE, OPHOTON_FIBRE_TX);
	genl_put_u8(req, OPHOTON_A_SIM_ACTION, OPHOTON_SIM_ACTION_INSERT);
	ASSERT_EQ(0, request(_metadata, self, req));
	EXPECT_EQ(1, debugfs_has("faults", "fibre-cut gpu 3"));
	fab_msg(self, req, OPHOTON_CMD_LINK_GET, FAB);
	genl_put_u32(req, OPHOTON_A_LINK_ID, 3);
	ASSERT_EQ(0, request(_metadata, self, req));
	EXPECT_EQ(OPHOTON_LINK_STATE_WAIT_LIGHT, genl_u8(nlh, OPHOTON_A_LINK_STATE, 0xff));
	EXPECT_EQ(OPHOTON_DOWN_FIBRE, genl_u8(nlh, OPHOTON_A_LINK_DOWN_REASON, 0xff));
	EXPECT_EQ((uint32_t)FAB_LINKS - 1, links_up_of(_metadata, self, FAB));

	fab_msg(self, req, OPHOTON_CMD_SIM_FAULT, FAB);
	genl_put_u8(req, OPHOTON_A_FAULT_KIND, OPHOTON_FAULT_FIBRE_CUT);
	genl_put_u32(req, OPHOTON_A_FAULT_TARGET, 3);
	genl_put_u8(req, OPHOTON_A_FIBRE, OPHOTON_FIBRE_TX);
	genl_put_u8(req, OPHOTON_A_SIM_ACTION, OPHOTON_SIM_ACTION_REMOVE);
	ASSERT_EQ(0, request(_metadata, self, req));
	EXPECT_EQ(-ENOENT, request(_metadata, self, req));
	step(_metadata, self, FAB, 5000000000ULL);
	EXPECT_EQ((uint32_t)FAB_LINKS, links_up_of(_metadata, self, FAB));

	/* debugfs mirrors the faults injected now: none any more. */
	EXPECT_EQ(0, debugfs_has("faults", "fibre-cut"));

	/* A value out of the fault's range names the value. */
	fab_msg(self, req, OPHOTON_CMD_SIM_FAULT, FAB);
	genl_put_u8(req, OPHOTON_A_FAULT_KIND, OPHOTON_FAULT_BER);
	genl_put_u32(req, OPHOTON_A_FAULT_TARGET, 3);
	genl_put_u8(req, OPHOTON_A_SIM_ACTION, OPHOTON_SIM_ACTION_INSERT);
	genl_put_u32(req, OPHOTON_A_FAULT_VALUE, 5);
	EXPECT_EQ(-ERANGE, request(_metadata, self, req));
	EXPECT_EQ((uint32_t)(NLMSG_HDRLEN + GENL_HDRLEN + 32), self->r->extack_offs);
	/* A target out of range names the target. */
	fab_msg(self, req, OPHOTON_CMD_SIM_FAULT, FAB);
	genl_put_u8(req, OPHOTON_A_FAULT_KIND, OPHOTON_FAULT_FIBRE_CUT);
	genl_put_u32(req, OPHOTON_A_FAULT_TARGET, 1000);
	genl_put_u8(req, OPHOTON_A_SIM_ACTION, OPHOTON_SIM_ACTION_INSERT);
	EXPECT_EQ(-ERANGE, request(_metadata, self, req));
	EXPECT_EQ((uint32_t)(NLMSG_HDRLEN + GENL_HDRLEN + 16), self->r->extack_offs);
	/* An amount out of range names the amount, not the value before it. */
	fab_msg(self, req, OPHOTON_CMD_SIM_FAULT, FAB);
	genl_put_u8(req, OPHOTON_A_FAULT_KIND, OPHOTON_FAULT_RING_DRIFT);
	genl_put_u32(req, OPHOTON_A_FAULT_TARGET, 3);
	genl_put_u8(req, OPHOTON_A_SIM_ACTION, OPHOTON_SIM_ACTION_INSERT);
	genl_put_u32(req, OPHOTON_A_FAULT_VALUE, 1000);
	genl_put_u32(req, OPHOTON_A_FAULT_AMOUNT, 300000);
	EXPECT_EQ(-ERANGE, request(_metadata, self, req));
	EXPECT_EQ((uint32_t)(NLMSG_HDRLEN + GENL_HDRLEN + 40), self->r->extack_offs);
	EXPECT_NE(NULL, strstr(self->r->extack, "amount"));
	/* A value the fault needs but the request lacks is named as missing. */
	fab_msg(self, req, OPHOTON_CMD_SIM_FAULT, FAB);
	genl_put_u8(req, OPHOTON_A_FAULT_KIND, OPHOTON_FAULT_BER);
	genl_put_u32(req, OPHOTON_A_FAULT_TARGET, 3);
	genl_put_u8(req, OPHOTON_A_SIM_ACTION, OPHOTON_SIM_ACTION_INSERT);
	EXPECT_EQ(-ERANGE, request(_metadata, self, req));
	EXPECT_EQ(0U, self->r->extack_offs);
	EXPECT_EQ((uint32_t)OPHOTON_A_FAULT_VALUE, self->r->extack_miss);
	/* A laser index out of range names the lane attribute. */
	fab_msg(self, req, OPHOTON_CMD_SIM_FAULT, FAB);
	genl_put_u8(req, OPHOTON_A_FAULT_KIND, OPHOTON_FAULT_LASER_DEATH);
	genl_put_u32(req, OPHOTON_A_FAULT_TARGET, 3);
	genl_put_u8(req, OPHOTON_A_SIM_ACTION, OPHOTON_SIM_ACTION_INSERT);
	genl_put_u8(req, OPHOTON_A_LANE, 9);
	EXPECT_EQ(-ERANGE, request(_metadata, self, req));
	EXPECT_EQ((uint32_t)(NLMSG_HDRLEN + GENL_HDRLEN + 32), self->r->extack_offs);
}

/* SIM_FAULT of the BER kind on every lane of @link: inject (with @value) or clear. */
static int ber_fault(struct __test_metadata *_metadata, FIXTURE_DATA(fabric) *self,
		     uint8_t action, uint32_t link, uint32_t value)
{
	return sim_fault(_metadata, self, action, OPHOTON_FAULT_BER, OPHOTON_SIDE_GPU,
			 link, NO_LANE, (int32_t)value, 0);
}

/* One lane's telemetry, as an operator reads it. */
struct lane_view {
	uint8_t state;
	uint32_t ber_e;		/* 0: absent (the lane carries nothing) */
	bool ber_bound;		/* ber_e is a bound: too few errors counted */
	uint64_t bits;
	uint64_t err_bits;
	uint64_t fec_corrected;	/* ~0: absent */
	uint64_t fec_uncorrectable;
};

static void lane_view(struct __test_metadata *_metadata, FIXTURE_DATA(fabric) *self,
		      uint32_t link, uint8_t lane, uint8_t dir, struct lane_view *v)
{
	char req[256] __attribute__((aligned(4)));
	struct nlmsghdr *nlh = (struct nlmsghdr *)self->r->buf;
	const struct nlattr *st;

	memset(v, 0, sizeof(*v));
	fab_msg(self, req, OPHOTON_CMD_LANE_GET, FAB);
	genl_put_u32(req, OPHOTON_A_LINK_ID, link);
	genl_put_u8(req, OPHOTON_A_LANE, lane);
	genl_put_u8(req, OPHOTON_A_DIR, dir);
	genl_put_flag(req, OPHOTON_A_STATS);
	ASSERT_EQ(0, request(_metadata, self, req));
	v->state = genl_u8(nlh, OPHOTON_A_LANE_STATE, 0xff);
	st = genl_attr(nlh, OPHOTON_A_LANE_STATS);
	ASSERT_NE(NULL, st);
	v->ber_e = genl_nest_u32(st, OPHOTON_A_LANE_STATS_BER_E, 0);
	if (!v->ber_e) {
		v->ber_e = genl_nest_u32(st, OPHOTON_A_LANE_STATS_BER_BOUND_E, 0);
		v->ber_bound = v->ber_e != 0;
	}
	v->bits = genl_nest_u64(st, OPHOTON_A_LANE_STATS_BITS, 0);
	v->err_bits = genl_nest_u64(st, OPHOTON_A_LANE_STATS_ERR_BITS, 0);
	v->fec_corrected = genl_nest_u64(st, OPHOTON_A_LANE_STATS_FEC_CORRECTED, ~0ULL);
	v->fec_uncorrectable = genl_nest_u64(st, OPHOTON_A_LANE_STATS_FEC_UNCORRECTABLE, ~0ULL);
}

/* A link's state, last down reason, lanes up and latched flags (with stats). */
struct link_view {
	uint8_t state;
	uint8_t reason;
	uint8_t lanes_up;
	uint32_t latched;
	uint32_t down_count;
};

static void link_view(struct __test_metadata *_metadata, FIXTURE_DATA(fabric) *self,
		      uint32_t link, struct link_view *v)
{
	char req[256] __attribute__((aligned(4)));
	struct nlmsghdr *nlh = (struct nlmsghdr *)self->r->buf;
	const struct nlattr *st;

	fab_msg(self, req, OPHOTON_CMD_LINK_GET, FAB);
	genl_put_u32(req, OPHOTON_A_LINK_ID, link);
	genl_put_flag(req, OPHOTON_A_STATS);
	ASSERT_EQ(0, request(_metadata, self, req));
	v->state = genl_u8(nlh, OPHOTON_A_LINK_STATE, 0xff);
	v->reason = genl_u8(nlh, OPHOTON_A_LINK_DOWN_REASON, 0xff);
	v->lanes_up = genl_u8(nlh, OPHOTON_A_LINK_LANES_UP, 0xff);
	st = genl_attr(nlh, OPHOTON_A_LINK_STATS);
	ASSERT_NE(NULL, st);
	v->latched = genl_nest_u32(st, OPHOTON_A_LINK_STATS_LATCHED, ~0U);
	v->down_count = genl_nest_u32(st, OPHOTON_A_LINK_STATS_DOWN_COUNT, ~0U);
}

/* A fabric statistic (a u32 of OPHOTON_A_FABRIC_STATS). */
static uint32_t fabric_stat(struct __test_metadata *_metadata, FIXTURE_DATA(fabric) *self,
			    uint16_t type)
{
	char req[256] __attribute__((aligned(4)));
	const struct nlattr *st;

	fab_msg(self, req, OPHOTON_CMD_FABRIC_GET, FAB);
	genl_put_flag(req, OPHOTON_A_STATS);
	EXPECT_EQ(0, request(_metadata, self, req));
	st = genl_attr((struct nlmsghdr *)self->r->buf, OPHOTON_A_FABRIC_STATS);
	return st ? genl_nest_u32(st, type, ~0U) : ~0U;
}

/*
 * A BER of 1e-8 on link 6 (above the 1e-10 warning, below the 1e-6 down
 * threshold): the link stays up but degraded on all its lanes, is
 * announced so, and its lanes report the injected BER and count errored
 * bits at that rate, every one corrected by the FEC; cleared, the link is
 * up again and the errors stop.
 */
TEST_F(fabric, a_ber_above_warning_degrades_the_link_and_its_errors_count)
{
	char buf[8192] __attribute__((aligned(4)));
	struct lane_view before, v, down, other, other_before, after;
	uint64_t bits, errs;
	struct link_view lv;
	struct genl_sock mon;
	int announced = 0;

	ASSERT_TRUE(bring_up(_metadata, self));
	real_time(_metadata, self);
	lane_view(_metadata, self, 6, 3, OPHOTON_DIR_UP, &before);
	EXPECT_EQ(OPHOTON_LANE_STATE_ACTIVE, before.state);
	/* No errors: only a bound, as many bits allow, never below 1e-15. */
	EXPECT_TRUE(before.ber_bound);
	EXPECT_LE(900U, before.ber_e);
	EXPECT_GE(1500U, before.ber_e);
	lane_view(_metadata, self, 7, 3, OPHOTON_DIR_UP, &other_before);
	ASSERT_EQ(0, genl_open(&mon));
	ASSERT_EQ(0, genl_join(&mon, OPHOTON_GENL_NAME, OPHOTON_MCGRP_CONFIG));

	ASSERT_EQ(0, ber_fault(_metadata, self, OPHOTON_SIM_ACTION_INSERT, 6, 800));
	link_view(_metadata, self, 6, &lv);
	EXPECT_EQ(OPHOTON_LINK_STATE_DEGRADED, lv.state);
	EXPECT_EQ(8, lv.lanes_up);		/* no lane lost: degraded by its BER */
	EXPECT_EQ(0U, lv.down_count);		/* it never went down */
	link_view(_metadata, self, 7, &lv);
	EXPECT_EQ(OPHOTON_LINK_STATE_UP, lv.state);
	EXPECT_EQ(1U, fabric_stat(_metadata, self, OPHOTON_A_FABRIC_STATS_LINKS_DEGRADED));
	while (genl_recv_ntf(&mon, buf, sizeof(buf), 300) > 0) {
		struct nlmsghdr *h = (struct nlmsghdr *)buf;

		if (((struct genlmsghdr *)NLMSG_DATA(h))->cmd != OPHOTON_CMD_LINK_NTF)
			continue;
		EXPECT_EQ(6U, genl_u32(h, OPHOTON_A_LINK_ID, ~0U));
		announced += genl_u8(h, OPHOTON_A_LINK_STATE, 0xff) ==
			     OPHOTON_LINK_STATE_DEGRADED;
	}
	EXPECT_EQ(1, announced);
	genl_close(&mon);

	/* Both directions of every lane run at the injected BER. */
	lane_view(_metadata, self, 6, 3, OPHOTON_DIR_UP, &v);
	EXPECT_EQ(OPHOTON_LANE_STATE_ACTIVE, v.state);
	EXPECT_EQ(800U, v.ber_e);
	EXPECT_FALSE(v.ber_bound);
	lane_view(_metadata, self, 6, 0, OPHOTON_DIR_DOWN, &down);
	EXPECT_EQ(800U, down.ber_e);
	/* The switch's receivers correct; the GPU's report no FEC. */
	EXPECT_EQ(~0ULL, down.fec_corrected);
	/* Another link's lane keeps its own. */
	lane_view(_metadata, self, 7, 3, OPHOTON_DIR_UP, &other);
	EXPECT_TRUE(other_before.ber_bound);
	EXPECT_TRUE(other.ber_bound);
	EXPECT_LE(other_before.ber_e, other.ber_e);	/* more bits, a tighter bound */

	step(_metadata, self, FAB, 10 * SEC);
	lane_view(_metadata, self, 6, 3, OPHOTON_DIR_UP, &after);
	bits = after.bits - v.bits;
	errs = after.err_bits - v.err_bits;
	EXPECT_LE(10 * SEC * 32, bits);		/* 10 s at 32 Gb/s, at least */
	/* 1e-8 of the bits: more than 1e-9, less than 1e-7. */
	EXPECT_LT(bits / 1000000000ULL, errs) TH_LOG("%llu errors in %llu bits",
						    (unsigned long long)errs,
						    (unsigned long long)bits);
	EXPECT_GT(bits / 10000000ULL, errs) TH_LOG("%llu errors in %llu bits",
						  (unsigned long long)errs,
						  (unsigned long long)bits);
	/* Far from the FEC's limit: every errored bit corrected, none lost. */
	EXPECT_EQ(errs, after.fec_corrected - v.fec_corrected);
	EXPECT_EQ(v.fec_uncorrectable, after.fec_uncorrectable);

	/* Cleared: up on every lane at the BER it had, and the errors stop. */
	ASSERT_EQ(0, ber_fault(_metadata, self, OPHOTON_SIM_ACTION_REMOVE, 6, 0));
	EXPECT_EQ(-ENOENT, ber_fault(_metadata, self, OPHOTON_SIM_ACTION_REMOVE, 6, 0));
	link_view(_metadata, self, 6, &lv);
	EXPECT_EQ(OPHOTON_LINK_STATE_UP, lv.state);
	EXPECT_EQ(0U, fabric_stat(_metadata, self, OPHOTON_A_FABRIC_STATS_LINKS_DEGRADED));
	lane_view(_metadata, self, 6, 3, OPHOTON_DIR_UP, &v);
	EXPECT_TRUE(v.ber_bound);
	step(_metadata, self, FAB, 10 * SEC);
	lane_view(_metadata, self, 6, 3, OPHOTON_DIR_UP, &after);
	EXPECT_GT(errs / 100, after.err_bits - v.err_bits);
}

/*
 * A BER of 1e-5 on every lane, past the 1e-6 down threshold: the link
 * goes down (loss of lock latched), retrains, fails BER qualification
 * every time and latches failed; clearing the fault is not enough, an
 * operator clears the link and it comes back up.
 * The down reason is the BER: the lanes are lit, their bit errors took
 * them (and the link) down.
 */

TEST_F(fabric, a_ber_above_the_down_threshold_fails_the_link_until_cleared)
{
	char req[256] __attribute__((aligned(4)));
	struct link_view lv;
	struct lane_view v;

	ASSERT_TRUE(bring_up(_metadata, self));
	real_time(_metadata, self);
	ASSERT_EQ(0, ber_fault(_metadata, self, OPHOTON_SIM_ACTION_INSERT, 6, 500));
	link_view(_metadata, self, 6, &lv);
	EXPECT_NE(OPHOTON_LINK_STATE_UP, lv.state);
	EXPECT_NE(OPHOTON_LINK_STATE_DEGRADED, lv.state);
	EXPECT_EQ(OPHOTON_DOWN_BER, lv.reason);
	EXPECT_EQ(1U, lv.down_count);
	EXPECT_EQ(0xcU, lv.latched & 0xcU);	/* LOL up and down */
	EXPECT_EQ((uint32_t)FAB_LINKS - 1, links_up(_metadata, self));

	step(_metadata, self, FAB, 60 * SEC);
	link_view(_metadata, self, 6, &lv);
	EXPECT_EQ(OPHOTON_LINK_STATE_FAILED, lv.state);
	EXPECT_EQ(OPHOTON_DOWN_BER, lv.reason);
	EXPECT_EQ(1U, fabric_stat(_metadata, self, OPHOTON_A_FABRIC_STATS_LINKS_FAILED));
	/* A failed link carries nothing: no BER to report. */
	lane_view(_metadata, self, 6, 3, OPHOTON_DIR_UP, &v);
	EXPECT_NE(OPHOTON_LANE_STATE_ACTIVE, v.state);
	EXPECT_EQ(0U, v.ber_e);

	/* The cause gone, the link stays failed until an operator clears it. */
	ASSERT_EQ(0, ber_fault(_metadata, self, OPHOTON_SIM_ACTION_REMOVE, 6, 0));
	step(_metadata, self, FAB, 10 * SEC);
	link_view(_metadata, self, 6, &lv);
	EXPECT_EQ(OPHOTON_LINK_STATE_FAILED, lv.state);
	fab_msg(self, req, OPHOTON_CMD_LINK_SET, FAB);
	genl_put_u32(req, OPHOTON_A_LINK_ID, 6);
	genl_put_u8(req, OPHOTON_A_LINK_ACTION, OPHOTON_LINK_ACTION_CLEAR);
	ASSERT_EQ(0, request(_metadata, self, req));
	step(_metadata, self, FAB, 10 * SEC);
	link_view(_metadata, self, 6, &lv);
	EXPECT_EQ(OPHOTON_LINK_STATE_UP, lv.state);
	EXPECT_EQ(0U, lv.latched);
	EXPECT_EQ((uint32_t)FAB_LINKS, links_up(_metadata, self));
	lane_view(_metadata, self, 6, 3, OPHOTON_DIR_UP, &v);
	EXPECT_EQ(OPHOTON_LANE_STATE_ACTIVE, v.state);
	EXPECT_LE(1000U, v.ber_e);
}

static void count_any(const struct nlmsghdr *nlh, void *arg)
{
	(*(int *)arg)++;
}

TEST_F(fabric, repeated_laser_faults_quarantine_until_recovered)
{
	char req[256] __attribute__((aligned(4)));
	struct nlmsghdr *nlh = (struct nlmsghdr *)self->r->buf;
	int n = 0, intr;

	ASSERT_TRUE(bring_up(_metadata, self));
	laser_deaths(_metadata, self, OPHOTON_SIM_ACTION_INSERT);
	fab_msg(self, req, OPHOTON_CMD_HEALTH_GET, FAB);
	genl_put_u8(req, OPHOTON_A_HEALTH_DOMAIN, OPHOTON_HEALTH_MODULE);
	genl_put_u8(req, OPHOTON_A_SIDE, OPHOTON_SIDE_GPU);
	genl_put_u32(req, OPHOTON_A_HEALTH_ID, 2);
	ASSERT_EQ(0, request(_metadata, self, req));
	EXPECT_EQ(3U, genl_u32(nlh, OPHOTON_A_HEALTH_ERRORS, 0));
	EXPECT_NE(NULL, genl_attr(nlh, OPHOTON_A_HEALTH_QUARANTINED));
	EXPECT_NE(NULL, genl_attr(nlh, OPHOTON_A_HEALTH_LAST_ERROR_NS));

	/*
	 * Quarantined, the module is dark in fault with the quarantine as
	 * its cause, and stays so: activate and reset are refused, naming
	 * the quarantine.
	 */
	fab_msg(self, req, OPHOTON_CMD_MODULE_GET, FAB);
	genl_put_u8(req, OPHOTON_A_SIDE, OPHOTON_SIDE_GPU);
	genl_put_u32(req, OPHOTON_A_MODULE_ID, 2);
	ASSERT_EQ(0, request(_metadata, self, req));
	EXPECT_EQ(OPHOTON_MODULE_STATE_FAULT, genl_u8(nlh, OPHOTON_A_MODULE_STATE, 0xff));
	EXPECT_EQ(OPHOTON_MODULE_CAUSE_QUARANTINE, genl_u8(nlh, OPHOTON_A_MODULE_CAUSE, 0xff));
	EXPECT_EQ(-EBUSY, module_act(_metadata, self, FAB, OPHOTON_CMD_MODULE_ACT,
				     OPHOTON_A_MODULE_ACTION, OPHOTON_MODULE_ACTION_ACTIVATE, 2));
	EXPECT_NE(NULL, strstr(self->r->extack, "quarantined")) TH_LOG("%s", self->r->extack);
	EXPECT_EQ(-EBUSY, module_act(_metadata, self, FAB, OPHOTON_CMD_MODULE_ACT,
				     OPHOTON_A_MODULE_ACTION, OPHOTON_MODULE_ACTION_RESET, 2));
	EXPECT_NE(NULL, strstr(self->r->extack, "quarantined")) TH_LOG("%s", self->r->extack);
	step(_metadata, self, FAB, 10000000000ULL);
	fab_msg(self, req, OPHOTON_CMD_MODULE_GET, FAB);
	genl_put_u8(req, OPHOTON_A_SIDE, OPHOTON_SIDE_GPU);
	genl_put_u32(req, OPHOTON_A_MODULE_ID, 2);
	ASSERT_EQ(0, request(_metadata, self, req));
	EXPECT_EQ(OPHOTON_MODULE_STATE_FAULT, genl_u8(nlh, OPHOTON_A_MODULE_STATE, 0xff));

	/* Only the quarantined slot is unhealthy. */
	fab_msg(self, req, OPHOTON_CMD_HEALTH_GET, FAB);
	genl_put_flag(req, OPHOTON_A_UNHEALTHY);
	EXPECT_EQ(1, genl_dump(&self->s, req, 65536, count_any, &n, &intr));
	/* A side filter needs a domain. */
	fab_msg(self, req, OPHOTON_CMD_HEALTH_GET, FAB);
	genl_put_u8(req, OPHOTON_A_SIDE, OPHOTON_SIDE_GPU);
	EXPECT_EQ(-EINVAL, genl_dump(&self->s, req, 65536, count_any, &n, &intr));
	n = 0;
	fab_msg(self, req, OPHOTON_CMD_HEALTH_GET, FAB);
	genl_put_u8(req, OPHOTON_A_HEALTH_DOMAIN, OPHOTON_HEALTH_ENGINE);
	genl_put_u8(req, OPHOTON_A_SIDE, OPHOTON_SIDE_GPU);
	/* 8 GPUs x 2 engines. */
	EXPECT_EQ(16, genl_dump(&self->s, req, 65536, count_any, &n, &intr));

	laser_deaths(_metadata, self, OPHOTON_SIM_ACTION_REMOVE);
	ASSERT_EQ(0, module_act(_metadata, self, FAB, OPHOTON_CMD_MODULE_ACT,
				OPHOTON_A_MODULE_ACTION, OPHOTON_MODULE_ACTION_RECOVER, 2));
	fab_msg(self, req, OPHOTON_CMD_HEALTH_GET, FAB);
	genl_put_u8(req, OPHOTON_A_HEALTH_DOMAIN, OPHOTON_HEALTH_MODULE);
	genl_put_u8(req, OPHOTON_A_SIDE, OPHOTON_SIDE_GPU);
	genl_put_u32(req, OPHOTON_A_HEALTH_ID, 2);
	ASSERT_EQ(0, request(_metadata, self, req));
	EXPECT_EQ(NULL, genl_attr(nlh, OPHOTON_A_HEALTH_QUARANTINED));
	EXPECT_EQ(1U, genl_u32(nlh, OPHOTON_A_HEALTH_RECOVERIES, 0));
	step(_metadata, self, FAB, 10000000000ULL);
	EXPECT_EQ((uint32_t)FAB_LINKS, links_up(_metadata, self));
}

TEST_HARNESS_MAIN
