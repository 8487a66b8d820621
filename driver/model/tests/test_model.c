// SPDX-License-Identifier: GPL-2.0
/*
 * Host unit tests of the emulation model (ASan/UBSan), one behaviour each.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../internal.h"
#include "kselftest_harness.h"

#include "helpers.h"

TEST(index_math_round_trips_at_several_shapes)
{
	struct oph_params shapes[4];
	unsigned int s;

	small_params(&shapes[0]);
	oph_params_default(&shapes[1]);
	small_params(&shapes[2]);
	shapes[2].feed = OPH_FEED_STRIPE;
	shapes[2].memory_racks = 2;
	oph_params_default(&shapes[3]);
	shapes[3].feed = OPH_FEED_STRIPE;
	for (s = 0; s < 4; s++) {
		struct oph_fabric *f = make(&shapes[s], NULL);
		const struct oph_topo *t;
		u32 *seen[2], side, m, i, ep, e, q, links[64], n;

		ASSERT_NE(NULL, f);
		t = oph_fabric_topo(f);
		for (i = 0; i < t->links; i++) {
			oph_link_split(f, i, &ep, &e, &q);
			ASSERT_EQ(i, oph_link_of(f, ep, e, q));
		}
		/* Every link is lit by exactly one module per side, the one the
		 * feed map names. */
		for (side = 0; side < 2; side++) {
			seen[side] = calloc(t->links, sizeof(u32));
			for (m = 0; m < (side ? t->sw_modules : t->ep_modules); m++) {
				n = oph_module_links(f, side, m, links, 64);
				ASSERT_EQ(t->ports_per_module, n);
				for (i = 0; i < n; i++) {
					seen[side][links[i]]++;
					ASSERT_EQ(m, oph_link_module(f, links[i], side));
				}
			}
			for (i = 0; i < t->links; i++)
				ASSERT_EQ(1U, seen[side][i]);
			free(seen[side]);
		}
		oph_fabric_destroy(f);
	}
}

TEST(default_topology_has_the_reference_counts)
{
	struct oph_params p;
	struct oph_fabric *f;
	const struct oph_topo *t;

	oph_params_default(&p);
	f = make(&p, NULL);
	ASSERT_NE(NULL, f);
	t = oph_fabric_topo(f);
	EXPECT_EQ(1024U, t->endpoints);
	EXPECT_EQ(32768U, t->links);
	EXPECT_EQ(524288U, t->lanes);
	EXPECT_EQ(2048U, t->ep_modules);
	EXPECT_EQ(4096U, t->ep_engines);
	EXPECT_EQ(128U, t->sw_engines_per_plane);
	EXPECT_EQ(64U, t->sw_modules_per_plane);
	EXPECT_EQ(32U, t->ports_per_ep);
	oph_fabric_destroy(f);
}

TEST(impossible_shapes_are_refused_with_a_reason)
{
	struct oph_params p;
	const char *why = NULL;

	small_params(&p);
	p.lambdas = 17;
	EXPECT_EQ(-EINVAL, oph_params_check(&p, &why));
	EXPECT_NE(NULL, strstr(why, "lambdas"));
	small_params(&p);
	p.modules = 3;
	EXPECT_EQ(-EINVAL, oph_params_check(&p, &why));
	small_params(&p);
	p.feed = OPH_FEED_STRIPE;
	p.ports = 6;
	p.modules = 4;
	EXPECT_EQ(-EINVAL, oph_params_check(&p, &why));
	small_params(&p);
	p.switch_racks = 3;
	EXPECT_EQ(-EINVAL, oph_params_check(&p, &why));
	EXPECT_NE(NULL, strstr(why, "switch_racks"));
	small_params(&p);
	p.min_lanes = 9;
	EXPECT_EQ(-EINVAL, oph_params_check(&p, &why));
}

TEST(eight_thousand_gpus_are_accepted)
{
	struct oph_params p;
	struct oph_fabric *f;

	oph_params_default(&p);
	p.racks = 128;
	f = make(&p, NULL);
	ASSERT_NE(NULL, f);
	EXPECT_EQ(8192U, oph_fabric_topo(f)->endpoints);
	oph_fabric_destroy(f);
}

TEST(bring_up_goes_through_every_phase_within_ten_seconds)
{
	static struct rec r;
	struct oph_params p;
	struct oph_fabric *f;
	u8 seen[__OPH_LINK_STATE_CNT] = { 0 };
	unsigned int i;

	small_params(&p);
	f = make(&p, &r);
	ASSERT_NE(NULL, f);
	oph_fabric_set_all(f, true);
	oph_fabric_advance(f, 10 * SEC);
	EXPECT_EQ(oph_fabric_topo(f)->links, count_state(f, OPH_LINK_UP));
	for (i = 0; i < r.n; i++)
		if (r.c[i].obj == OPH_OBJ_LINK && r.c[i].id == 0) {
			seen[r.c[i].new] = 1;
			if (r.c[i].new == OPH_LINK_UP)
				EXPECT_LT(r.c[i].time, 10 * SEC);
		}
	EXPECT_TRUE(seen[OPH_LINK_WAIT_LIGHT] && seen[OPH_LINK_CALIBRATING] &&
		    seen[OPH_LINK_TRAINING] && seen[OPH_LINK_BER_QUAL] &&
		    seen[OPH_LINK_UP]);
	EXPECT_EQ(0, r.gaps);
	oph_fabric_destroy(f);
}

TEST(interlock_keeps_a_dirty_feed_fibre_dark)
{
	struct oph_params p;
	struct oph_fabric *f;
	struct oph_fault flt = { .kind = OPH_FAULT_FIBRE_DIRTY, .which = OPH_FIBRE_FEED,
				 .target = 3, .value = 600 };	/* +6 dB */
	struct oph_link_info li;
	const char *why;

	small_params(&p);
	f = make(&p, NULL);
	ASSERT_NE(NULL, f);
	ASSERT_EQ(0, oph_fault_inject(f, &flt, &why));
	bring_up(f);
	oph_link_get(f, 3, &li);
	EXPECT_EQ(OPH_LINK_WAIT_LIGHT, li.state);
	oph_link_get(f, 2, &li);
	EXPECT_EQ(OPH_LINK_UP, li.state);
	ASSERT_EQ(0, oph_fault_clear(f, &flt, &why));
	oph_fabric_advance(f, oph_fabric_now(f) + 5 * SEC);
	oph_link_get(f, 3, &li);
	EXPECT_EQ(OPH_LINK_UP, li.state);
	oph_fabric_destroy(f);
}

TEST(drain_takes_fed_links_down_in_order_before_the_lasers)
{
	static struct rec r;
	struct oph_params p;
	struct oph_fabric *f;
	struct oph_module_info mi;
	const char *why;
	unsigned int i, start;
	u32 last = 0, downs = 0;
	bool module_left_ready = false;

	small_params(&p);
	f = make(&p, &r);
	ASSERT_NE(NULL, f);
	bring_up(f);
	start = r.n;
	ASSERT_EQ(0, oph_module_drain(f, OPH_SIDE_EP, 1, &why));
	for (i = start; i < r.n; i++) {
		if (r.c[i].obj == OPH_OBJ_LINK) {
			EXPECT_FALSE(module_left_ready);
			EXPECT_EQ(OPH_DOWN_DRAIN, r.c[i].reason);
			if (downs)
				EXPECT_LT(last, r.c[i].id);
			last = r.c[i].id;
			downs++;
		}
		if (r.c[i].obj == OPH_OBJ_MODULE && r.c[i].new != OPH_MOD_READY)
			module_left_ready = true;
	}
	EXPECT_EQ(oph_fabric_topo(f)->ports_per_module, downs);
	/* Idempotent, and busy-free while draining. */
	EXPECT_EQ(0, oph_module_drain(f, OPH_SIDE_EP, 1, &why));
	EXPECT_EQ(-EBUSY, oph_module_activate(f, OPH_SIDE_EP, 1, &why));
	oph_fabric_advance(f, oph_fabric_now(f) + SEC);
	oph_module_get(f, OPH_SIDE_EP, 1, &mi);
	EXPECT_TRUE(mi.safe_to_remove);
	oph_fabric_destroy(f);
}

TEST(hot_swap_brings_the_links_back_and_counts_it)
{
	struct oph_params p;
	struct oph_fabric *f;
	struct oph_module_info mi;
	const char *why;
	u32 serial;

	small_params(&p);
	f = make(&p, NULL);
	ASSERT_NE(NULL, f);
	bring_up(f);
	oph_module_get(f, OPH_SIDE_EP, 0, &mi);
	serial = mi.serial;
	ASSERT_EQ(0, oph_module_drain(f, OPH_SIDE_EP, 0, &why));
	oph_fabric_advance(f, oph_fabric_now(f) + SEC);
	ASSERT_EQ(0, oph_module_remove(f, OPH_SIDE_EP, 0, &why));
	EXPECT_EQ(-ENODEV, oph_module_remove(f, OPH_SIDE_EP, 0, &why));
	ASSERT_EQ(0, oph_module_insert(f, OPH_SIDE_EP, 0, 4242, &why));
	EXPECT_EQ(-EBUSY, oph_module_insert(f, OPH_SIDE_EP, 0, 1, &why));
	oph_fabric_advance(f, oph_fabric_now(f) + 3 * SEC);
	oph_module_get(f, OPH_SIDE_EP, 0, &mi);
	EXPECT_EQ(OPH_MOD_LOW_POWER, mi.state);	/* waits for activation */
	ASSERT_EQ(0, oph_module_activate(f, OPH_SIDE_EP, 0, &why));
	oph_fabric_advance(f, oph_fabric_now(f) + 10 * SEC);
	oph_module_get(f, OPH_SIDE_EP, 0, &mi);
	EXPECT_EQ(OPH_ADMIN_ACTIVE, mi.admin);
	EXPECT_EQ(4242U, mi.serial);
	EXPECT_NE(serial, mi.serial);
	EXPECT_EQ(2U, mi.insert_count);
	EXPECT_EQ(1U, mi.remove_count);
	EXPECT_EQ(oph_fabric_topo(f)->links, count_state(f, OPH_LINK_UP));
	oph_fabric_destroy(f);
}

/*
 * "Can I pull this now?": a module whose GPU has other links carrying may
 * go; its partner, once the first is out, may not (the GPU would be cut
 * off), nor may a switch module that is its plane's last light; a module
 * whose links carry nothing already costs nothing and may go.
 */
TEST(a_module_is_not_pulled_when_that_cuts_a_gpu_or_a_plane_off)
{
	struct oph_fault death = { .kind = OPH_FAULT_MODULE_DEATH, .target = 2 };
	const struct oph_topo *t;
	struct oph_params p;
	struct oph_fabric *f;
	struct oph_pull pl;
	const char *why;

	small_params(&p);
	f = make(&p, NULL);
	ASSERT_NE(NULL, f);
	bring_up(f);
	t = oph_fabric_topo(f);
	/* GPU 0's module 0: module 1 still lights half its links. */
	ASSERT_EQ(0, oph_module_pull_check(f, OPH_SIDE_EP, 0, &pl, &why));
	EXPECT_EQ(t->ports_per_module, pl.links);
	EXPECT_EQ(pl.links, pl.carrying);
	EXPECT_EQ(0U, pl.endpoints_cut);
	EXPECT_EQ(0U, pl.partners_out);
	ASSERT_EQ(0, oph_module_drain(f, OPH_SIDE_EP, 0, &why));
	oph_fabric_advance(f, oph_fabric_now(f) + SEC);
	/* Its partner now lights the GPU's last links. */
	EXPECT_EQ(-EBUSY, oph_module_pull_check(f, OPH_SIDE_EP, 1, &pl, &why));
	EXPECT_EQ(1U, pl.endpoints_cut);
	EXPECT_EQ(1U, pl.partners_out);
	EXPECT_NE(NULL, strstr(why, "cut a GPU off"));
	/* GPU 1's module 0 dead: its partner is out, so module 1 may not go... */
	ASSERT_EQ(0, oph_fault_inject(f, &death, &why));
	oph_fabric_advance(f, oph_fabric_now(f) + SEC);
	EXPECT_EQ(-EBUSY, oph_module_pull_check(f, OPH_SIDE_EP, 3, &pl, &why));
	/* ... but the dead one, lighting nothing, may. */
	EXPECT_EQ(0, oph_module_pull_check(f, OPH_SIDE_EP, 2, &pl, &why));
	EXPECT_EQ(0U, pl.carrying);
	/* The small fabric's planes have one switch module each: its last light. */
	if (t->sw_modules_per_plane == 1) {
		EXPECT_EQ(-EBUSY, oph_module_pull_check(f, OPH_SIDE_SW, 0, &pl, &why));
		EXPECT_TRUE(pl.plane_cut);
		EXPECT_NE(NULL, strstr(why, "switch plane"));
	}
	ASSERT_EQ(0, oph_module_remove(f, OPH_SIDE_EP, 0, &why));
	EXPECT_EQ(-ENODEV, oph_module_pull_check(f, OPH_SIDE_EP, 0, &pl, &why));
	EXPECT_EQ(-ERANGE, oph_module_pull_check(f, OPH_SIDE_EP, t->ep_modules, &pl, &why));
	oph_fabric_destroy(f);
}

/*
 * A drain always ends safe to remove, whatever the module was doing:
 * resetting after an insertion, frozen in a hung reset, or dead.  A failed
 * module is the one operators most often swap.
 */
TEST(drain_ends_safe_to_remove_from_any_state)
{
	struct oph_fault hang = { .kind = OPH_FAULT_FW_HANG, .target = 1 };
	struct oph_fault death = { .kind = OPH_FAULT_MODULE_DEATH, .target = 2 };
	struct oph_module_info mi;
	struct oph_params p;
	struct oph_fabric *f;
	const char *why;

	small_params(&p);
	f = make(&p, NULL);
	ASSERT_NE(NULL, f);
	bring_up(f);

	/* Resetting after an insertion. */
	ASSERT_EQ(0, oph_module_remove(f, OPH_SIDE_EP, 0, &why));
	ASSERT_EQ(0, oph_module_insert(f, OPH_SIDE_EP, 0, 0, &why));
	oph_module_get(f, OPH_SIDE_EP, 0, &mi);
	ASSERT_EQ(OPH_MOD_RESETTING, mi.state);
	ASSERT_EQ(0, oph_module_drain(f, OPH_SIDE_EP, 0, &why));
	oph_fabric_advance(f, oph_fabric_now(f) + 3 * SEC);
	oph_module_get(f, OPH_SIDE_EP, 0, &mi);
	EXPECT_EQ(OPH_MOD_LOW_POWER, mi.state);
	EXPECT_EQ(OPH_ADMIN_UNPROVISIONED, mi.admin);
	EXPECT_TRUE(mi.safe_to_remove);
	EXPECT_EQ(0U, mi.lasers_on);

	/*
	 * Frozen in a reset: busy while the host still waits for it; once the
	 * host gave up and the module faulted, the drain goes through.
	 */
	ASSERT_EQ(0, oph_fault_inject(f, &hang, &why));
	ASSERT_EQ(0, oph_module_reset(f, OPH_SIDE_EP, 1, &why));
	why = NULL;
	EXPECT_EQ(-EBUSY, oph_module_drain(f, OPH_SIDE_EP, 1, &why));
	EXPECT_NE(NULL, why);
	oph_fabric_advance(f, oph_fabric_now(f) + 6 * SEC);
	ASSERT_EQ(0, oph_module_drain(f, OPH_SIDE_EP, 1, &why));
	oph_module_get(f, OPH_SIDE_EP, 1, &mi);
	EXPECT_EQ(OPH_MOD_FAULT, mi.state);
	EXPECT_EQ(OPH_ADMIN_UNPROVISIONED, mi.admin);
	EXPECT_TRUE(mi.safe_to_remove);

	/* Dead: dark already, so safe as soon as it is drained. */
	ASSERT_EQ(0, oph_fault_inject(f, &death, &why));
	oph_module_get(f, OPH_SIDE_EP, 2, &mi);
	ASSERT_EQ(OPH_MOD_FAULT, mi.state);
	EXPECT_FALSE(mi.safe_to_remove);	/* still provisioned */
	ASSERT_EQ(0, oph_module_drain(f, OPH_SIDE_EP, 2, &why));
	oph_module_get(f, OPH_SIDE_EP, 2, &mi);
	EXPECT_EQ(OPH_ADMIN_UNPROVISIONED, mi.admin);
	EXPECT_TRUE(mi.safe_to_remove);
	/* And its replacement comes up. */
	ASSERT_EQ(0, oph_module_remove(f, OPH_SIDE_EP, 2, &why));
	ASSERT_EQ(0, oph_module_insert(f, OPH_SIDE_EP, 2, 0, &why));
	oph_fabric_advance(f, oph_fabric_now(f) + 3 * SEC);
	ASSERT_EQ(0, oph_module_activate(f, OPH_SIDE_EP, 2, &why));
	oph_fabric_advance(f, oph_fabric_now(f) + 10 * SEC);
	oph_module_get(f, OPH_SIDE_EP, 2, &mi);
	EXPECT_EQ(OPH_MOD_READY, mi.state);
	EXPECT_EQ(OPH_ADMIN_ACTIVE, mi.admin);
	oph_fabric_destroy(f);
}

TEST(every_laser_module_made_is_freed)
{
	struct oph_params p;
	struct oph_fabric *f;
	const char *why;
	u64 made;
	u32 m;

	small_params(&p);
	f = make(&p, NULL);
	ASSERT_NE(NULL, f);
	for (m = 0; m < 4; m++) {
		ASSERT_EQ(0, oph_module_remove(f, OPH_SIDE_EP, m, &why));
		ASSERT_EQ(0, oph_module_insert(f, OPH_SIDE_EP, m, 0, &why));
	}
	ASSERT_EQ(0, oph_module_remove(f, OPH_SIDE_SW, 1, &why));
	made = oph_fabric_modules_made(f);
	EXPECT_EQ(oph_fabric_topo(f)->ep_modules + oph_fabric_topo(f)->sw_modules + 4, made);
	EXPECT_EQ(made, oph_fabric_destroy(f));
}

TEST(surprise_removal_darkens_the_links_at_once)
{
	struct oph_params p;
	struct oph_fabric *f;
	struct oph_link_info li;
	const char *why;

	small_params(&p);
	f = make(&p, NULL);
	ASSERT_NE(NULL, f);
	bring_up(f);
	ASSERT_EQ(0, oph_module_remove(f, OPH_SIDE_EP, 0, &why));
	oph_link_get(f, 0, &li);
	EXPECT_EQ(OPH_LINK_WAIT_LIGHT, li.state);
	EXPECT_EQ(OPH_DOWN_MODULE, li.down_reason);
	EXPECT_EQ(1U, li.down_count);
	oph_fabric_destroy(f);
}

struct blast_case {
	enum oph_obj obj;
	enum oph_side side;
	u32 id;
	struct oph_blast want;
};

TEST(blast_radius_matches_hand_computed_counts)
{
	/* Default fabric: 16 lanes of 32 Gb/s, min_lanes 12. */
	static const struct blast_case cases[] = {
		{ OPH_OBJ_MODULE, OPH_SIDE_EP, 5, { 16, 16, 256, 1, 8192 } },
		{ OPH_OBJ_LASER, OPH_SIDE_EP, 5 * 16 + 3, { 16, 0, 16, 1, 512 } },
		{ OPH_OBJ_ENGINE, OPH_SIDE_EP, 7, { 8, 8, 256, 1, 4096 } },
		{ OPH_OBJ_MODULE, OPH_SIDE_SW, 0, { 16, 16, 256, 16, 8192 } },
		{ OPH_OBJ_ENGINE, OPH_SIDE_SW, 0, { 8, 8, 256, 8, 4096 } },
		{ OPH_OBJ_FIBRE, OPH_SIDE_EP, 100, { 1, 1, 32, 1, 512 } },
		{ OPH_OBJ_TRAY, OPH_SIDE_EP, 0, { 128, 128, 4096, 4, 65536 } },
		{ OPH_OBJ_RACK, OPH_SIDE_EP, 0, { 2048, 2048, 65536, 64, 1048576 } },
		{ OPH_OBJ_RACK, OPH_SIDE_EP, 16, { 8192, 8192, 262144, 1024, 4194304 } },
	};
	unsigned int feed, i;

	for (feed = 0; feed < 2; feed++) {
		struct oph_params p;
		struct oph_fabric *f;

		oph_params_default(&p);
		p.feed = feed;
		f = make(&p, NULL);
		ASSERT_NE(NULL, f);
		for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
			const struct blast_case *c = &cases[i];
			struct oph_blast b;
			const char *why;

			ASSERT_EQ(0, oph_blast_radius(f, c->obj, c->side, c->id, &b,
						      NULL, NULL, &why));
			EXPECT_EQ(c->want.links, b.links) TH_LOG("case %u feed %u", i, feed);
			EXPECT_EQ(c->want.links_down, b.links_down) TH_LOG("case %u", i);
			EXPECT_EQ(c->want.lanes, b.lanes) TH_LOG("case %u", i);
			EXPECT_EQ(c->want.endpoints, b.endpoints) TH_LOG("case %u", i);
			EXPECT_EQ(c->want.bandwidth_gbps, b.bandwidth_gbps) TH_LOG("case %u", i);
		}
		oph_fabric_destroy(f);
	}
}

static void mark(void *ctx, u32 link, u32 lanes)
{
	((u8 *)ctx)[link] = 1;
	(void)lanes;
}

TEST(blast_radius_predicts_what_a_module_death_takes_down)
{
	unsigned int feed;

	for (feed = 0; feed < 2; feed++) {
		struct oph_params p;
		struct oph_fabric *f;
		struct oph_blast b;
		struct oph_fault flt = { .kind = OPH_FAULT_MODULE_DEATH, .target = 2 };
		struct oph_link_info li;
		const char *why;
		u8 *predicted;
		u32 i, links;

		small_params(&p);
		p.feed = feed;
		f = make(&p, NULL);
		ASSERT_NE(NULL, f);
		links = oph_fabric_topo(f)->links;
		predicted = calloc(links, 1);
		bring_up(f);
		ASSERT_EQ(0, oph_blast_radius(f, OPH_OBJ_MODULE, OPH_SIDE_EP, 2, &b,
					      mark, predicted, &why));
		ASSERT_EQ(0, oph_fault_inject(f, &flt, &why));
		oph_fabric_advance(f, oph_fabric_now(f) + SEC);
		for (i = 0; i < links; i++) {
			oph_link_get(f, i, &li);
			EXPECT_EQ(predicted[i], li.state != OPH_LINK_UP) TH_LOG("link %u", i);
		}
		free(predicted);
		oph_fabric_destroy(f);
	}
}

static void run_script(struct oph_fabric *f)
{
	struct oph_fault ber = { .kind = OPH_FAULT_BER, .target = 5, .lane = OPH_ALL,
				 .value = 800 };
	struct oph_fault drift = { .kind = OPH_FAULT_RING_DRIFT, .side = OPH_SIDE_EP,
				   .target = 1, .value = 500, .amount = 30000 };
	const char *why;

	bring_up(f);
	oph_fault_inject(f, &ber, &why);
	oph_fault_inject(f, &drift, &why);
	oph_fabric_advance(f, oph_fabric_now(f) + 40 * SEC);
	oph_link_set_admin(f, 7, false, &why);
	oph_fabric_advance(f, oph_fabric_now(f) + SEC);
	oph_link_set_admin(f, 7, true, &why);
	oph_fabric_advance(f, oph_fabric_now(f) + 20 * SEC);
}

TEST(same_seed_gives_the_same_telemetry_bit_for_bit)
{
	static struct rec ra, rb;
	struct oph_params p;
	struct oph_fabric *a, *b;
	struct oph_lane_info la, lb;
	u32 l, k, dir, diff = 0;

	small_params(&p);
	p.seed = 77;
	a = make(&p, &ra);
	b = make(&p, &rb);
	ASSERT_NE(NULL, a);
	ASSERT_NE(NULL, b);
	run_script(a);
	run_script(b);
	ASSERT_EQ(ra.n, rb.n);
	for (l = 0; l < ra.n; l++) {
		const struct oph_change *x = &ra.c[l], *y = &rb.c[l];

		diff += x->seq != y->seq || x->time != y->time || x->obj != y->obj ||
			x->side != y->side || x->id != y->id || x->old != y->old ||
			x->new != y->new || x->reason != y->reason ||
			x->flags != y->flags || x->mask != y->mask;
	}
	EXPECT_EQ(0U, diff);
	for (l = 0; l < oph_fabric_topo(a)->links; l++)
		for (dir = 0; dir < 2; dir++)
			for (k = 0; k < p.lambdas; k++) {
				oph_lane_get(a, l, k, dir, &la);
				oph_lane_get(b, l, k, dir, &lb);
				diff += memcmp(&la, &lb, sizeof(la)) != 0;
			}
	EXPECT_EQ(0U, diff);
	oph_fabric_destroy(b);
	/* Another seed draws other per-object variations. */
	p.seed = 78;
	b = make(&p, NULL);
	run_script(b);
	oph_lane_get(a, 0, 0, OPH_DIR_UP, &la);
	oph_lane_get(b, 0, 0, OPH_DIR_UP, &lb);
	EXPECT_NE(la.rx_power_udbm, lb.rx_power_udbm);
	oph_fabric_destroy(a);
	oph_fabric_destroy(b);
}

/*
 * A dump reads lanes between oph_read_begin() and oph_read_end(), where a
 * link direction's path is looked up once for its lanes: whatever order
 * the lanes come in, each reads what it reads alone.
 */
TEST(a_read_session_reads_each_lane_as_it_reads_alone_and_state_and_health_agree)
{
	struct oph_lane_info alone, *in;
	struct oph_params p;
	struct oph_fabric *f;
	struct oph_fault dirty = { .kind = OPH_FAULT_FIBRE_DIRTY, .which = OPH_FIBRE_TX,
				   .target = 2, .value = 350 };	/* +3.5 dB: flags */
	struct oph_fault death = { .kind = OPH_FAULT_LASER_DEATH, .target = 1, .lane = 2 };
	u32 l, k, dir, n, order, diff = 0, unhealthy = 0;
	const char *why;

	small_params(&p);
	f = make(&p, NULL);
	ASSERT_NE(NULL, f);
	run_script(f);
	ASSERT_EQ(0, oph_fault_inject(f, &dirty, &why));
	ASSERT_EQ(0, oph_fault_inject(f, &death, &why));
	oph_fabric_advance(f, oph_fabric_now(f) + SEC);
	n = oph_fabric_topo(f)->links;
	in = calloc((size_t)n * 2 * p.lambdas, sizeof(*in));
	ASSERT_NE(NULL, in);
	/* In dump order, then with the direction changing at every lane. */
	for (order = 0; order < 2; order++) {
		oph_read_begin(f);
		for (l = 0; l < n; l++)
			for (k = 0; k < 2 * p.lambdas; k++) {
				dir = order ? k % 2 : k / p.lambdas;
				oph_lane_get(f, l, order ? k / 2 : k % p.lambdas, dir,
					     &in[oph_lane_idx(f, l, dir, order ? k / 2 :
							      k % p.lambdas)]);
			}
		oph_read_end(f);
		for (l = 0; l < n; l++)
			for (dir = 0; dir < 2; dir++)
				for (k = 0; k < p.lambdas; k++) {
					oph_lane_get(f, l, k, dir, &alone);
					diff += memcmp(&in[oph_lane_idx(f, l, dir, k)], &alone,
						       sizeof(alone)) != 0;
				}
	}
	EXPECT_EQ(0U, diff);
	/*
	 * What a dump of the unhealthy keeps, and what a listing without
	 * statistics shows, as the full reading says it.
	 */
	for (l = 0; l < n; l++)
		for (dir = 0; dir < 2; dir++)
			for (k = 0; k < p.lambdas; k++) {
				struct oph_lane_info st;

				oph_lane_get(f, l, k, dir, &alone);
				oph_lane_state(f, l, k, dir, &st);
				diff += st.state != alone.state || st.cause != alone.cause;
				diff += oph_lane_healthy(f, l, k, dir) !=
					(alone.state == OPH_LANE_ACTIVE && !alone.flags);
				unhealthy += alone.state != OPH_LANE_ACTIVE || alone.flags;
			}
	EXPECT_EQ(0U, diff);
	EXPECT_LT(0U, unhealthy);	/* the script's faults left some */
	free(in);
	oph_fabric_destroy(f);
}

/* A link's reading counts its lanes as a lane-by-lane look counts them. */
static unsigned int link_disagreements(struct oph_fabric *f)
{
	struct oph_link_info li;
	unsigned int l, bad = 0;

	for (l = 0; l < oph_fabric_topo(f)->links; l++) {
		oph_link_get(f, l, &li);
		bad += li.lanes_up[OPH_DIR_UP] != oph_link_lanes_up(f, l, OPH_DIR_UP);
		bad += li.lanes_up[OPH_DIR_DOWN] != oph_link_lanes_up(f, l, OPH_DIR_DOWN);
		bad += li.oe_input_udbm != oph_port_oe_udbm(f, l);
	}
	return bad;
}

/*
 * A read works out where a link runs in one look (oph_link_where()); it
 * must be what each of the topology's own questions answers, for both
 * feed maps and several shapes of engines, ports and modules.  A dump
 * finds a lane from its index the same way (oph_lane_split()).
 */
TEST(where_a_link_runs_is_what_each_topology_question_answers)
{
	static const u32 shapes[][3] = { /* engines, ports, modules */
		{ 2, 4, 2 }, { 4, 8, 4 }, { 2, 16, 2 }, { 4, 16, 4 },
	};
	struct oph_where w;
	struct oph_params p;
	struct oph_fabric *f;
	u32 s, feed, l, side, bad;

	for (s = 0; s < ARRAY_SIZE(shapes); s++) {
		for (feed = 0; feed < 2; feed++) {
			small_params(&p);
			p.engines = shapes[s][0];
			p.ports = shapes[s][1];
			p.modules = shapes[s][2];
			p.slots = 4;	/* 16 endpoints: a multiple of the ports */
			p.feed = feed ? OPH_FEED_STRIPE : OPH_FEED_BLOCK;
			f = make(&p, NULL);
			ASSERT_NE(NULL, f);
			bad = 0;
			for (l = 0; l < oph_fabric_topo(f)->links; l++) {
				u32 ep, engine, port;

				oph_link_where(f, l, &w);
				oph_link_split(f, l, &ep, &engine, &port);
				bad += w.ep != ep || w.engine != engine || w.port != port ||
				       w.plane != oph_link_plane(f, l) ||
				       w.fibre_dm != oph_link_fibre_dm(f, l);
				for (side = 0; side < 2; side++)
					bad += w.mod[side] != oph_link_module(f, l, side) ||
					       w.eng[side] != oph_link_engine(f, l, side) ||
					       w.pos[side] != oph_module_pos(f, l, side);
				/* A lane's index, both ways, as dumps count lanes. */
				for (side = 0; side < 2 * p.lambdas; side++) {
					u32 idx = oph_lane_index(f, l, side / p.lambdas,
								 side % p.lambdas);
					u32 link, dir, lane;

					oph_lane_split(f, idx, &link, &dir, &lane);
					bad += idx != l * 2 * p.lambdas + side || link != l ||
					       dir != side / p.lambdas || lane != side % p.lambdas;
				}
			}
			EXPECT_EQ(0U, bad) TH_LOG("shape %u feed %u", s, feed);
			oph_fabric_destroy(f);
		}
	}
}

/* The last alarm record of kind @reason (or a health record) about @id. */
static const struct oph_change *last_alarm(const struct rec *r, u8 obj, u8 reason, u32 id)
{
	const struct oph_change *found = NULL;
	unsigned int i;

	for (i = 0; i < r->n; i++)
		if (r->c[i].obj == obj && r->c[i].reason == reason && r->c[i].id == id)
			found = &r->c[i];
	return found;
}

/*
 * An alarm is active while what raised it is there: a threshold while its
 * flags stay latched (their clearing is a record of its own), a quarantine
 * while it lasts; its severity is the diagnosis's (a warning minor, a
 * quarantine critical, a recovery or a clearing info).
 */
TEST(an_alarm_is_active_while_its_cause_is_there)
{
	static struct rec r;
	struct oph_fault dirty = { .kind = OPH_FAULT_FIBRE_DIRTY, .which = OPH_FIBRE_TX,
				   .target = 2, .value = 350 };
	struct oph_fault death = { .kind = OPH_FAULT_LASER_DEATH, .target = 1 };
	const struct oph_change *c;
	struct oph_params p;
	struct oph_fabric *f;
	const char *why;
	u32 k;

	small_params(&p);
	p.quarantine_errors = 2;
	f = make(&p, &r);
	ASSERT_NE(NULL, f);
	bring_up(f);
	ASSERT_EQ(0, oph_fault_inject(f, &dirty, &why));
	oph_fabric_advance(f, oph_fabric_now(f) + SEC);
	c = last_alarm(&r, OPH_OBJ_ALARM, OPH_ALARM_LINK, 2);
	ASSERT_NE(NULL, c);
	EXPECT_TRUE(oph_alarm_active(f, c));
	EXPECT_EQ(OPH_SEV_MINOR, oph_alarm_severity(c));
	/* The operator clears the link's flags: no longer active, and said so. */
	ASSERT_EQ(0, oph_link_clear(f, 2, &why));
	EXPECT_FALSE(oph_alarm_active(f, c));
	c = last_alarm(&r, OPH_OBJ_ALARM, OPH_ALARM_CLEARED, 2);
	ASSERT_NE(NULL, c);
	EXPECT_EQ(OPH_OBJ_LINK, c->domain);
	EXPECT_NE(0U, c->flags & 0xf0);		/* the rx warning it had latched */
	EXPECT_EQ(OPH_SEV_INFO, oph_alarm_severity(c));
	EXPECT_FALSE(oph_alarm_active(f, c));
	/* Nothing latched, nothing to clear: no record. */
	ASSERT_EQ(0, oph_link_clear(f, 2, &why));
	EXPECT_EQ(c, last_alarm(&r, OPH_OBJ_ALARM, OPH_ALARM_CLEARED, 2));

	/* Two lasers die within the grace period: an error, then a quarantine. */
	for (k = 0; k < 2; k++) {
		death.lane = (u8)k;
		ASSERT_EQ(0, oph_fault_inject(f, &death, &why));
	}
	c = last_alarm(&r, OPH_OBJ_HEALTH, OPH_OBJ_MODULE, 1);
	ASSERT_NE(NULL, c);
	ASSERT_GT(c->new, c->old);
	EXPECT_TRUE(oph_alarm_active(f, c));
	EXPECT_EQ(OPH_SEV_CRITICAL, oph_alarm_severity(c));
	ASSERT_EQ(0, oph_module_recover(f, OPH_SIDE_EP, 1, &why));
	EXPECT_FALSE(oph_alarm_active(f, c));
	c = last_alarm(&r, OPH_OBJ_HEALTH, OPH_OBJ_MODULE, 1);
	ASSERT_LT(c->new, c->old);
	EXPECT_FALSE(oph_alarm_active(f, c));
	EXPECT_EQ(OPH_SEV_INFO, oph_alarm_severity(c));
	EXPECT_EQ(0, r.gaps);
	oph_fabric_destroy(f);
}

/*
 * oph_link_get() sets each member of what it reports rather than zeroing
 * the whole first (a dump reads a million links): whatever was there
 * before, every member reads the same.  A member added to the structure
 * must be added here (the size below says so).
 */
TEST(a_link_read_sets_every_member_of_its_report)
{
	struct oph_link_info a, b;
	struct oph_params p;
	struct oph_fabric *f;
	struct oph_fault dirty = { .kind = OPH_FAULT_FIBRE_DIRTY, .which = OPH_FIBRE_FEED,
				   .target = 5, .value = 900 };
	const char *why;
	u32 l, bad = 0;

	_Static_assert(sizeof(struct oph_link_info) == 96, "a new member: compare it below");
	small_params(&p);
	f = make(&p, NULL);
	ASSERT_NE(NULL, f);
	oph_fabric_set_all(f, true);
	oph_fabric_advance(f, 3 * SEC);		/* some up, some still coming up */
	ASSERT_EQ(0, oph_fault_inject(f, &dirty, &why));
	oph_link_set_admin(f, 1, false, &why);
	for (l = 0; l < oph_fabric_topo(f)->links; l++) {
		memset(&a, 0x00, sizeof(a));
		memset(&b, 0xa5, sizeof(b));
		ASSERT_EQ(0, oph_link_get(f, l, &a));
		ASSERT_EQ(0, oph_link_get(f, l, &b));
		bad += a.ep != b.ep || a.engine != b.engine || a.port != b.port ||
		       a.plane != b.plane || a.state != b.state || a.admin_up != b.admin_up ||
		       a.down_reason != b.down_reason || a.lanes_up[0] != b.lanes_up[0] ||
		       a.lanes_up[1] != b.lanes_up[1] || a.oe_input_udbm != b.oe_input_udbm ||
		       a.feed_loss_mdb != b.feed_loss_mdb || a.fibre_m_dm != b.fibre_m_dm ||
		       a.tof_ps != b.tof_ps || a.tx_loss_mdb != b.tx_loss_mdb ||
		       a.rx_loss_mdb != b.rx_loss_mdb || a.latched != b.latched ||
		       a.up_count != b.up_count || a.down_count != b.down_count ||
		       a.flap_count != b.flap_count || a.retrain_count != b.retrain_count ||
		       a.retries != b.retries || a.cause != b.cause || a.flags != b.flags ||
		       a.time_in_state_ns != b.time_in_state_ns ||
		       a.bandwidth_gbps != b.bandwidth_gbps;
	}
	EXPECT_EQ(0U, bad);
	oph_fabric_destroy(f);
}

/*
 * oph_link_get() does not look at each lane of a link with nothing wrong
 * on its path: what it says must be what looking at each lane says, on
 * the way up, up, and with faults of every place a lane's light crosses.
 */
TEST(a_link_read_counts_its_lanes_as_a_look_at_each_lane_does)
{
	struct oph_params p;
	struct oph_fabric *f;
	struct oph_fault dirty = { .kind = OPH_FAULT_FIBRE_DIRTY, .which = OPH_FIBRE_TX,
				   .target = 2, .value = 350 };
	struct oph_fault feed = { .kind = OPH_FAULT_FIBRE_DIRTY, .which = OPH_FIBRE_FEED,
				  .target = 5, .value = 300 };
	struct oph_fault death = { .kind = OPH_FAULT_LASER_DEATH, .target = 1, .lane = 2 };
	/* The last laser of a module: lasers are read eight to a word. */
	struct oph_fault last = { .kind = OPH_FAULT_LASER_DEATH, .side = OPH_SIDE_SW,
				  .target = 3, .lane = 7 };
	const char *why;
	u64 t;

	small_params(&p);
	f = make(&p, NULL);
	ASSERT_NE(NULL, f);
	oph_fabric_set_all(f, true);
	for (t = 0; t < 10 * SEC; t += SEC / 4) {
		oph_fabric_advance(f, t);
		ASSERT_EQ(0U, link_disagreements(f)) TH_LOG("at %llu ns", (unsigned long long)t);
	}
	run_script(f);
	EXPECT_EQ(0U, link_disagreements(f));
	ASSERT_EQ(0, oph_fault_inject(f, &dirty, &why));
	ASSERT_EQ(0, oph_fault_inject(f, &feed, &why));
	ASSERT_EQ(0, oph_fault_inject(f, &death, &why));
	ASSERT_EQ(0, oph_fault_inject(f, &last, &why));
	EXPECT_EQ(0U, link_disagreements(f));
	oph_fabric_advance(f, oph_fabric_now(f) + 5 * SEC);
	EXPECT_EQ(0U, link_disagreements(f));
	oph_fabric_destroy(f);
}

TEST(counters_stay_monotonic_across_flaps_and_swaps)
{
	struct oph_params p;
	struct oph_fabric *f;
	struct oph_fault ber = { .kind = OPH_FAULT_BER, .target = 0, .lane = OPH_ALL,
				 .value = 900 };
	struct oph_lane_info before, after;
	struct oph_link_info li;
	const char *why;
	int step;

	small_params(&p);
	f = make(&p, NULL);
	ASSERT_NE(NULL, f);
	bring_up(f);
	ASSERT_EQ(0, oph_fault_inject(f, &ber, &why));
	oph_lane_get(f, 0, 1, OPH_DIR_UP, &before);
	for (step = 0; step < 12; step++) {
		switch (step % 4) {
		case 0:
			oph_link_set_admin(f, 0, false, &why);
			break;
		case 1:
			oph_link_set_admin(f, 0, true, &why);
			break;
		case 2:
			oph_module_drain(f, OPH_SIDE_EP, 0, &why);
			oph_fabric_advance(f, oph_fabric_now(f) + SEC);
			oph_module_remove(f, OPH_SIDE_EP, 0, &why);
			oph_module_insert(f, OPH_SIDE_EP, 0, 0, &why);
			break;
		default:
			oph_fabric_advance(f, oph_fabric_now(f) + 3 * SEC);
			oph_module_activate(f, OPH_SIDE_EP, 0, &why);
			break;
		}
		oph_fabric_advance(f, oph_fabric_now(f) + 7 * SEC);
		oph_lane_get(f, 0, 1, OPH_DIR_UP, &after);
		EXPECT_LE(before.bits, after.bits) TH_LOG("step %d", step);
		EXPECT_LE(before.err_bits, after.err_bits) TH_LOG("step %d", step);
		before = after;
	}
	EXPECT_LT(0ULL, after.err_bits);
	oph_link_get(f, 0, &li);
	EXPECT_LE(3U, li.up_count);
	EXPECT_LE(3U, li.down_count);
	oph_fabric_destroy(f);
}

TEST(arbitration_failure_latches_after_bounded_retries)
{
	static struct rec r;
	struct oph_params p;
	struct oph_fabric *f;
	struct oph_fault arb = { .kind = OPH_FAULT_ARBITRATION, .target = 4 };
	struct oph_link_info li;
	const char *why;
	unsigned int i, retrains = 0;

	small_params(&p);
	f = make(&p, &r);
	ASSERT_NE(NULL, f);
	ASSERT_EQ(0, oph_fault_inject(f, &arb, &why));
	bring_up(f);
	oph_link_get(f, 4, &li);
	EXPECT_EQ(OPH_LINK_FAILED, li.state);
	EXPECT_EQ(OPH_DOWN_ARBITRATION, li.down_reason);
	for (i = 0; i < r.n; i++)
		retrains += r.c[i].obj == OPH_OBJ_LINK && r.c[i].id == 4 &&
			    r.c[i].new == OPH_LINK_RETRAINING;
	EXPECT_EQ(p.max_retries, retrains);
	EXPECT_EQ(-ENETDOWN, oph_link_retrain(f, 4, &why));
	ASSERT_EQ(0, oph_fault_clear(f, &arb, &why));
	ASSERT_EQ(0, oph_link_clear(f, 4, &why));
	oph_fabric_advance(f, oph_fabric_now(f) + 5 * SEC);
	oph_link_get(f, 4, &li);
	EXPECT_EQ(OPH_LINK_UP, li.state);
	oph_fabric_destroy(f);
}

/*
 * Rings heating faster than their control loop cannot lock: a calibration
 * under a fast drift runs out of time (the lanes drift meanwhile), and
 * the link comes up once the heating levels off.
 */
TEST(calibration_under_a_fast_drift_times_out_and_retries)
{
	/*
	 * 1,200 K/s, faster than the 800 K/s the engines are qualified at, up
	 * to 28 K, within every ring's tuning range (30 K of heating at
	 * least): outrunning the loop from the 10 ms tick until 23.3 ms.
	 */
	struct oph_fault drift = { .kind = OPH_FAULT_RING_DRIFT, .side = OPH_SIDE_EP,
				   .target = 0, .value = 1200000, .amount = 28000 };
	struct oph_lane_info lane;
	struct oph_link_info li;
	struct oph_params p;
	struct oph_fabric *f;
	const char *why;
	u64 t0;

	small_params(&p);
	f = make(&p, NULL);
	ASSERT_NE(NULL, f);
	bring_up(f);
	/* Link 0 ends on GPU 0's engine 0: down while the drift starts. */
	ASSERT_EQ(0, oph_link_set_admin(f, 0, false, &why));
	t0 = oph_fabric_now(f);
	ASSERT_EQ(0, oph_fault_inject(f, &drift, &why));
	oph_fabric_advance(f, t0 + 10 * OPH_NS_PER_MS + OPH_NS_PER_MS / 2);
	/* A link up on that engine: its lanes drift. */
	oph_lane_get(f, 1, 0, OPH_DIR_DOWN, &lane);
	EXPECT_EQ(OPH_LANE_DRIFTING, lane.state);
	ASSERT_EQ(0, oph_link_set_admin(f, 0, true, &why));
	/* Calibration takes at most 10 ms: it ends while the rings still race. */
	oph_fabric_advance(f, t0 + 21 * OPH_NS_PER_MS);
	oph_link_get(f, 0, &li);
	EXPECT_EQ(OPH_LINK_RETRAINING, li.state);
	EXPECT_EQ(OPH_DOWN_TIMEOUT, li.down_reason);
	/* The heating levelled off at 28 K: the retry locks. */
	oph_fabric_advance(f, oph_fabric_now(f) + 10 * SEC);
	oph_link_get(f, 0, &li);
	EXPECT_EQ(OPH_LINK_UP, li.state);
	oph_lane_get(f, 1, 0, OPH_DIR_DOWN, &lane);
	EXPECT_EQ(OPH_LANE_ACTIVE, lane.state);
	oph_fabric_destroy(f);
}

/* A fabric up whose GPU-side module 1 lost three lasers a second apart. */
static struct oph_fabric *three_deaths(struct oph_fault *d)
{
	struct oph_params p;
	struct oph_fabric *f;
	const char *why;
	int k;

	small_params(&p);
	f = make(&p, NULL);
	if (!f)
		return NULL;
	bring_up(f);
	for (k = 0; k < 3; k++) {
		d->lane = (u8)k;
		if (oph_fault_inject(f, d, &why)) {
			oph_fabric_destroy(f);
			return NULL;
		}
		oph_fabric_advance(f, oph_fabric_now(f) + SEC);
	}
	return f;
}

TEST(repeated_laser_faults_quarantine_the_module)
{
	struct oph_fabric *f;
	struct oph_health_info hi;
	struct oph_fault d = { .kind = OPH_FAULT_LASER_DEATH, .target = 1 };
	const char *why;
	int k;

	f = three_deaths(&d);
	ASSERT_NE(NULL, f);
	oph_health_get(f, OPH_OBJ_MODULE, OPH_SIDE_EP, 1, &hi);
	EXPECT_EQ(3U, hi.errors);
	EXPECT_TRUE(hi.quarantined);
	for (k = 0; k < 3; k++) {
		d.lane = (u8)k;
		ASSERT_EQ(0, oph_fault_clear(f, &d, &why));
	}
	/*
	 * Quarantined: dark in fault, its cause the quarantine, and only an
	 * admin recovery brings it back: activate and reset are refused,
	 * saying why, and change nothing.
	 */
	{
		struct oph_module_info mi;

		oph_module_get(f, OPH_SIDE_EP, 1, &mi);
		EXPECT_EQ(OPH_MOD_FAULT, mi.state);
		EXPECT_EQ(OPH_MC_QUARANTINE, mi.cause);
		EXPECT_EQ(0U, mi.lasers_on);
		why = NULL;
		EXPECT_EQ(-EBUSY, oph_module_activate(f, OPH_SIDE_EP, 1, &why));
		EXPECT_NE(NULL, strstr(why, "quarantined"));
		why = NULL;
		EXPECT_EQ(-EBUSY, oph_module_reset(f, OPH_SIDE_EP, 1, &why));
		EXPECT_NE(NULL, strstr(why, "quarantined"));
		oph_fabric_advance(f, oph_fabric_now(f) + 10 * SEC);
		oph_module_get(f, OPH_SIDE_EP, 1, &mi);
		EXPECT_EQ(OPH_MOD_FAULT, mi.state);
		EXPECT_EQ(OPH_MC_QUARANTINE, mi.cause);
	}
	ASSERT_EQ(0, oph_module_recover(f, OPH_SIDE_EP, 1, &why));
	oph_health_get(f, OPH_OBJ_MODULE, OPH_SIDE_EP, 1, &hi);
	EXPECT_FALSE(hi.quarantined);
	EXPECT_EQ(1U, hi.recoveries);
	oph_fabric_advance(f, oph_fabric_now(f) + 10 * SEC);
	EXPECT_EQ(oph_fabric_topo(f)->links, count_state(f, OPH_LINK_UP));
	oph_fabric_destroy(f);
}

/* The kind's health as each health record of it found it. */
struct kind_seen {
	struct oph_fabric *f;
	unsigned int n;
	bool unhealthy[8];
	u8 quarantine[8];
};

static void see_kind(void *ctx, const struct oph_change *c)
{
	struct kind_seen *k = ctx;
	struct oph_health_kind_info ki;

	if (c->obj != OPH_OBJ_HEALTH || c->reason != OPH_OBJ_MODULE || k->n >= 8)
		return;
	oph_health_kind_get(k->f, OPH_OBJ_MODULE, &ki);
	k->unhealthy[k->n] = ki.unhealthy;
	k->quarantine[k->n++] = c->new > c->old;
}

/*
 * What devlink's reporter of laser modules is built on: a fault told with
 * its kind as the fault found it (healthy for the first of a burst only),
 * the domains not healthy listed with the sums that HEALTH_GET adds up to,
 * and a recovery of the whole kind that does what the operator's does.
 */
TEST(the_laser_modules_as_a_whole_report_and_recover_like_each)
{
	struct oph_fault d = { .kind = OPH_FAULT_LASER_DEATH, .target = 1 };
	struct kind_seen k = { 0 };
	struct oph_health_kind_info ki;
	struct oph_health_sum sum;
	struct oph_domain dom[4];
	struct oph_params p;
	u32 recovered;
	const char *why;
	int i;

	small_params(&p);
	k.f = make(&p, NULL);
	ASSERT_NE(NULL, k.f);
	bring_up(k.f);
	oph_fabric_set_notify(k.f, see_kind, &k);
	ASSERT_EQ(0, oph_health_kind_get(k.f, OPH_OBJ_MODULE, &ki));
	EXPECT_FALSE(ki.unhealthy);
	EXPECT_EQ(-EINVAL, oph_health_kind_get(k.f, OPH_OBJ_LINK, &ki));
	EXPECT_EQ(0U, oph_health_scan(k.f, OPH_OBJ_MODULE, dom, 4, &sum));
	EXPECT_EQ(oph_fabric_topo(k.f)->ep_modules + oph_fabric_topo(k.f)->sw_modules, sum.domains);
	for (i = 0; i < 3; i++) {
		d.lane = (u8)i;
		ASSERT_EQ(0, oph_fault_inject(k.f, &d, &why));
		oph_fabric_advance(k.f, oph_fabric_now(k.f) + SEC);
	}
	/* Three faults within the grace period: the last is the quarantine. */
	ASSERT_EQ(3U, k.n);
	EXPECT_FALSE(k.unhealthy[0]);
	EXPECT_TRUE(k.unhealthy[1]);
	EXPECT_TRUE(k.unhealthy[2]);
	EXPECT_EQ(0, k.quarantine[1]);
	EXPECT_EQ(1, k.quarantine[2]);
	oph_health_kind_get(k.f, OPH_OBJ_MODULE, &ki);
	EXPECT_EQ(3U, ki.errors);
	EXPECT_EQ(1U, ki.quarantined);
	EXPECT_TRUE(ki.unhealthy);

	ASSERT_EQ(1U, oph_health_scan(k.f, OPH_OBJ_MODULE, dom, 4, &sum));
	EXPECT_EQ(OPH_SIDE_EP, dom[0].side);
	EXPECT_EQ(1U, dom[0].id);
	EXPECT_TRUE(dom[0].quarantined);
	EXPECT_TRUE(dom[0].in_error);
	EXPECT_EQ(3U, dom[0].errors);
	EXPECT_EQ(3U, sum.errors);
	EXPECT_EQ(1U, sum.quarantined);
	EXPECT_EQ(0U, oph_health_scan(k.f, OPH_OBJ_MODULE, dom, 0, &sum));
	EXPECT_EQ(1U, sum.quarantined);

	/* Only a quarantined domain has anything to recover. */
	EXPECT_EQ(-ENOENT, oph_health_recover_one(k.f, OPH_OBJ_MODULE, OPH_SIDE_EP, 0, &why));
	EXPECT_NE(NULL, strstr(why, "not quarantined"));
	EXPECT_EQ(-ERANGE, oph_health_recover_one(k.f, OPH_OBJ_MODULE, OPH_SIDE_EP, 100000, &why));
	ASSERT_EQ(0, oph_health_recover_kind(k.f, OPH_OBJ_MODULE, &recovered, &why));
	EXPECT_EQ(1U, recovered);
	/*
	 * Recovered, its faults count no more: the next fault, of another
	 * module and with nothing read in between, finds the kind healthy.
	 * Records 3 and 4: the recovery, then that fault.
	 */
	d.target = 2;
	d.lane = 0;
	ASSERT_EQ(0, oph_fault_inject(k.f, &d, &why));
	ASSERT_EQ(5U, k.n);
	EXPECT_TRUE(k.unhealthy[3]);
	EXPECT_FALSE(k.unhealthy[4]);
	oph_health_scan(k.f, OPH_OBJ_MODULE, dom, 4, &sum);
	EXPECT_EQ(0U, sum.quarantined);
	EXPECT_EQ(1U, sum.recoveries);
	EXPECT_EQ(1U, sum.unhealthy);
	EXPECT_EQ(2U, dom[0].id);
	oph_health_kind_get(k.f, OPH_OBJ_MODULE, &ki);
	EXPECT_EQ(0U, ki.quarantined);
	/* In error until the grace period passes. */
	EXPECT_TRUE(ki.unhealthy);
	oph_fabric_advance(k.f, oph_fabric_now(k.f) + (u64)p.grace_ms * OPH_NS_PER_MS + SEC);
	oph_health_kind_get(k.f, OPH_OBJ_MODULE, &ki);
	EXPECT_FALSE(ki.unhealthy);
	EXPECT_EQ(0U, oph_health_scan(k.f, OPH_OBJ_MODULE, dom, 4, &sum));
	oph_fabric_destroy(k.f);
}

/* An engine that would not come back is left quarantined, and said why. */
TEST(recovering_the_engines_as_a_whole_leaves_a_dead_one_quarantined)
{
	struct oph_fault d = { .kind = OPH_FAULT_ENGINE_DEATH, .target = 1 };
	struct oph_health_kind_info ki;
	struct oph_params p;
	struct oph_fabric *f;
	u32 recovered = 99;
	const char *why = NULL;
	int i;

	small_params(&p);
	f = make(&p, NULL);
	ASSERT_NE(NULL, f);
	bring_up(f);
	for (i = 0; i < 3; i++) {
		ASSERT_EQ(0, oph_fault_inject(f, &d, &why));
		ASSERT_EQ(0, oph_fault_clear(f, &d, &why));
	}
	ASSERT_EQ(0, oph_fault_inject(f, &d, &why));
	oph_health_kind_get(f, OPH_OBJ_ENGINE, &ki);
	ASSERT_EQ(1U, ki.quarantined);
	EXPECT_EQ(-EBUSY, oph_health_recover_kind(f, OPH_OBJ_ENGINE, &recovered, &why));
	EXPECT_EQ(0U, recovered);
	EXPECT_NE(NULL, strstr(why, "still dead"));
	oph_health_kind_get(f, OPH_OBJ_ENGINE, &ki);
	EXPECT_EQ(1U, ki.quarantined);
	ASSERT_EQ(0, oph_fault_clear(f, &d, &why));
	EXPECT_EQ(0, oph_health_recover_kind(f, OPH_OBJ_ENGINE, &recovered, &why));
	EXPECT_EQ(1U, recovered);
	oph_health_kind_get(f, OPH_OBJ_ENGINE, &ki);
	EXPECT_EQ(0U, ki.quarantined);
	oph_fabric_destroy(f);
}

/* A quarantined module waits for its swap: it drains, and is safe to pull. */
TEST(a_quarantined_module_can_be_drained_and_pulled)
{
	struct oph_fabric *f;
	struct oph_module_info mi;
	struct oph_fault d = { .kind = OPH_FAULT_LASER_DEATH, .target = 1 };
	const char *why;

	f = three_deaths(&d);
	ASSERT_NE(NULL, f);
	why = NULL;
	ASSERT_EQ(0, oph_module_drain(f, OPH_SIDE_EP, 1, &why)) TH_LOG("%s", why);
	oph_fabric_advance(f, oph_fabric_now(f) + 10 * SEC);
	oph_module_get(f, OPH_SIDE_EP, 1, &mi);
	EXPECT_TRUE(mi.safe_to_remove);
	EXPECT_EQ(0, oph_module_remove(f, OPH_SIDE_EP, 1, &why));
	oph_fabric_destroy(f);
}

TEST(aging_predictor_fires_before_the_bias_warning)
{
	static struct rec r;
	unsigned int i, aging = 0;
	struct oph_params p;
	struct oph_fabric *f;
	struct oph_fault age = { .kind = OPH_FAULT_LASER_AGING, .target = 0,
				 .lane = 2, .value = 1000000 };	/* ppm of life an hour */
	struct oph_laser_info li, other;
	const char *why;
	u64 t;
	bool predicted_first = false, warned = false;

	small_params(&p);
	f = make(&p, &r);
	ASSERT_NE(NULL, f);
	bring_up(f);
	ASSERT_EQ(0, oph_fault_inject(f, &age, &why));
	for (t = 0; t < 400 && !warned; t++) {
		oph_fabric_advance(f, oph_fabric_now(f) + 10 * SEC);
		oph_laser_get(f, OPH_SIDE_EP, 0, 2, &li);
		if (li.aging_predicted && !(li.flags & OPH_FLAG_WARN_HI))
			predicted_first = true;
		warned = li.flags & OPH_FLAG_WARN_HI;
	}
	EXPECT_TRUE(predicted_first);
	EXPECT_TRUE(warned);
	oph_laser_get(f, OPH_SIDE_EP, 0, 3, &other);
	EXPECT_FALSE(other.aging_predicted);
	EXPECT_LT(other.bias_ua, li.bias_ua);
	/*
	 * Planning: the warning has come; at 10^6 ppm an hour and its own
	 * rate, its life ends within the hour; its neighbour's in decades.
	 */
	EXPECT_EQ(0ULL, li.warn_in_s);
	EXPECT_LT(1000000000ULL, li.rate_ppb_h);
	EXPECT_GT(3600ULL, li.eol_in_s);
	EXPECT_LT(0ULL, li.eol_in_s);
	EXPECT_GT(1000000000ULL / 30, other.rate_ppb_h);
	EXPECT_LT(3600ULL * 2000, other.warn_in_s);
	EXPECT_LT(other.warn_in_s, other.eol_in_s);
	/* The prediction was announced once, for that laser alone. */
	for (i = 0; i < r.n; i++)
		if (r.c[i].obj == OPH_OBJ_ALARM && r.c[i].reason == OPH_ALARM_AGING) {
			aging++;
			EXPECT_EQ(1U << 2, (u32)r.c[i].mask);
		}
	EXPECT_EQ(1U, aging);
	oph_fabric_destroy(f);
}

/*
 * A laser's life used is a counter: at its own wear-out rate; an aging
 * fault adds its value, in ppm of life per hour, while it is injected;
 * clearing it returns the laser to its own rate, never its life.
 */
TEST(life_used_adds_up_and_never_goes_back)
{
	struct oph_fault age = { .kind = OPH_FAULT_LASER_AGING, .target = 0,
				 .lane = 2, .value = 900 };
	struct oph_fault all = { .kind = OPH_FAULT_LASER_AGING, .target = 0,
				 .lane = OPH_ALL, .value = 1000 };
	struct oph_laser_info li;
	struct oph_params p;
	struct oph_fabric *f;
	const char *why;
	u32 before, own, own3, start3;

	small_params(&p);
	f = make(&p, NULL);
	ASSERT_NE(NULL, f);
	bring_up(f);
	oph_laser_get(f, OPH_SIDE_EP, 0, 2, &li);
	before = li.age_ppm;
	oph_laser_get(f, OPH_SIDE_EP, 0, 3, &li);
	start3 = li.age_ppm;
	/* One hour at its own rate: a few to some tens of ppm (life 10^4-10^6 h). */
	oph_fabric_advance(f, oph_fabric_now(f) + 3600 * SEC);
	oph_laser_get(f, OPH_SIDE_EP, 0, 2, &li);
	own = li.age_ppm - before;
	EXPECT_LE(1U, own);
	EXPECT_GE(100U, own);
	oph_laser_get(f, OPH_SIDE_EP, 0, 3, &li);
	own3 = li.age_ppm - start3;
	/* One hour at its rate + 900 ppm/h: its life only from the injection on. */
	oph_laser_get(f, OPH_SIDE_EP, 0, 2, &li);
	before = li.age_ppm;
	ASSERT_EQ(0, oph_fault_inject(f, &age, &why));
	oph_fabric_advance(f, oph_fabric_now(f) + 3600 * SEC);
	oph_laser_get(f, OPH_SIDE_EP, 0, 2, &li);
	EXPECT_LE(before + own - 1 + 900, li.age_ppm);
	EXPECT_GE(before + own + 1 + 900, li.age_ppm);
	/* A fault on every laser adds to the one on this laser. */
	before = li.age_ppm;
	ASSERT_EQ(0, oph_fault_inject(f, &all, &why));
	oph_fabric_advance(f, oph_fabric_now(f) + 3600 * SEC);
	oph_laser_get(f, OPH_SIDE_EP, 0, 2, &li);
	EXPECT_LE(before + own - 1 + 1900, li.age_ppm);
	EXPECT_GE(before + own + 1 + 1900, li.age_ppm);
	oph_laser_get(f, OPH_SIDE_EP, 0, 3, &li);
	EXPECT_LE(start3 + 3 * own3 - 2 + 1000, li.age_ppm);
	EXPECT_GE(start3 + 3 * own3 + 2 + 1000, li.age_ppm);
	/* Cleared: not a ppm back, then its own rate again. */
	oph_laser_get(f, OPH_SIDE_EP, 0, 2, &li);
	before = li.age_ppm;
	ASSERT_EQ(0, oph_fault_clear(f, &age, &why));
	ASSERT_EQ(0, oph_fault_clear(f, &all, &why));
	oph_laser_get(f, OPH_SIDE_EP, 0, 2, &li);
	EXPECT_LE(before, li.age_ppm);
	EXPECT_GE(before + 200, li.age_ppm);	/* rounded up to 100 ppm per fault */
	before = li.age_ppm;
	oph_fabric_advance(f, oph_fabric_now(f) + 3600 * SEC);
	oph_laser_get(f, OPH_SIDE_EP, 0, 2, &li);
	EXPECT_LE(before + own - 1, li.age_ppm);
	EXPECT_GE(before + own + 1, li.age_ppm);
	oph_fabric_destroy(f);
}

/*
 * Wear-out is lognormal across the fleet (cpo-domain.md 6): with no fault
 * injected, after 4,000 hours no laser is near its +20 % bias warning
 * (about 40 % of life), lives differ laser to laser, and over the small
 * fabric's 128 lasers the fastest agers are few: the predictor finds those
 * and leaves the rest alone.
 */
TEST(lasers_wear_out_at_their_own_lognormal_rates)
{
	struct oph_laser_info li;
	struct oph_params p;
	struct oph_fabric *f;
	u32 mod, k, n = 0, predicted = 0, lo = ~0U, hi = 0, median_ish = 0;

	small_params(&p);
	f = make(&p, NULL);
	ASSERT_NE(NULL, f);
	bring_up(f);
	oph_fabric_advance(f, oph_fabric_now(f) + 4000ULL * 3600 * SEC);
	for (mod = 0; mod < oph_fabric_topo(f)->ep_modules; mod++)
		for (k = 0; k < p.lambdas; k++) {
			ASSERT_EQ(0, oph_laser_get(f, OPH_SIDE_EP, mod, k, &li));
			n++;
			lo = li.age_ppm < lo ? li.age_ppm : lo;
			hi = li.age_ppm > hi ? li.age_ppm : hi;
			predicted += li.aging_predicted;
			/* 4,000 h of a median 82,000 h life: 4.9 % */
			median_ish += li.age_ppm > 30000 && li.age_ppm < 80000;
			EXPECT_EQ(0U, li.flags & 0xf);	/* no bias warning */
		}
	EXPECT_LT(10U * lo, hi);		/* lives spread over a decade */
	EXPECT_GT(n / 2, predicted);		/* aging is rare ... */
	EXPECT_LT(0U, median_ish);		/* ... around the median */
	EXPECT_GT(400000U, hi);			/* nobody at +20 % bias yet */
	oph_fabric_destroy(f);
}

/* Inject a BER of 10^(-@e/100) on every lane of @link, @fibre's direction. */
static void inject_ber(struct oph_fabric *f, u32 link, u8 fibre, s32 e)
{
	struct oph_fault b = { .kind = OPH_FAULT_BER, .target = link, .lane = OPH_ALL,
			       .which = fibre, .value = e };
	const char *why;

	oph_fault_clear(f, &b, &why);
	if (oph_fault_inject(f, &b, &why))
		fprintf(stderr, "inject ber: %s\n", why);
}

/*
 * A receiver reports the BER it can measure: a bound of three errors in
 * the bits counted (95 % confidence) until errors are counted, never
 * below the 1e-15 floor, however good the link; an estimate once the
 * errors are there.
 */
TEST(ber_is_reported_as_a_receiver_measures_it)
{
	struct oph_lane_info lane;
	struct oph_params p;
	struct oph_fabric *f;

	small_params(&p);
	f = make(&p, NULL);
	ASSERT_NE(NULL, f);
	bring_up(f);
	/* A few seconds up at 32 Gb/s: 1e11 bits bound the BER near 3e-11. */
	ASSERT_EQ(0, oph_lane_get(f, 3, 1, OPH_DIR_DOWN, &lane));
	EXPECT_TRUE(lane.ber_bound);
	EXPECT_LE(950U, lane.ber_e);
	EXPECT_GE(1150U, lane.ber_e);
	/* Two days: past the floor, which holds. */
	oph_fabric_advance(f, oph_fabric_now(f) + 48ULL * 3600 * SEC);
	ASSERT_EQ(0, oph_lane_get(f, 3, 1, OPH_DIR_DOWN, &lane));
	EXPECT_TRUE(lane.ber_bound);
	EXPECT_EQ((u32)OPH_BER_E_FLOOR, lane.ber_e);
	EXPECT_EQ(0U, (u32)lane.err_bits);
	/* Errors counted: the estimate, 1e-8 (the down way has no FEC). */
	inject_ber(f, 3, OPH_FIBRE_RX, 800);
	oph_fabric_advance(f, oph_fabric_now(f) + SEC);
	ASSERT_EQ(0, oph_lane_get(f, 3, 1, OPH_DIR_DOWN, &lane));
	EXPECT_FALSE(lane.ber_bound);
	EXPECT_EQ(800U, lane.ber_e);
	EXPECT_LT(0U, (u32)lane.err_bits);
	oph_fabric_destroy(f);
}

/*
 * Each direction is judged by its receiver: the GPUs' without FEC by the
 * 1e-10 and 1e-6 levels, the switches' with KP4 FEC by degraded SER
 * (1.4e-4), the 2.4e-4 limit past which codewords are lost, and 1e-3.
 */
TEST(kp4_links_are_judged_on_their_own_terms)
{
	static const struct {
		u8 fibre;	/* tx: up, into FEC; rx: down, none */
		s32 ber_e;
		u8 state;
		bool unc;	/* uncorrectable codewords counted */
	} rows[] = {
		{ OPH_FIBRE_TX, 900, OPH_LINK_UP, false },	/* 1e-9: FEC's daily work */
		{ OPH_FIBRE_RX, 900, OPH_LINK_DEGRADED, false },/* without FEC: degraded */
		{ OPH_FIBRE_TX, 500, OPH_LINK_UP, false },	/* 1e-5 corrected */
		{ OPH_FIBRE_RX, 500, OPH_LINK_RETRAINING, false },
		{ OPH_FIBRE_TX, 370, OPH_LINK_DEGRADED, false },/* 2e-4: degraded SER */
		{ OPH_FIBRE_TX, 330, OPH_LINK_DEGRADED, true },	/* 5e-4: codewords lost */
		{ OPH_FIBRE_TX, 250, OPH_LINK_RETRAINING, false },
	};
	struct oph_lane_info lane, before;
	struct oph_link_info li;
	struct oph_params p;
	struct oph_fabric *f;
	unsigned int i;
	u32 link;

	for (i = 0; i < ARRAY_SIZE(rows); i++) {
		small_params(&p);
		f = make(&p, NULL);
		ASSERT_NE(NULL, f);
		bring_up(f);
		link = 5;
		oph_lane_get(f, link, 0, OPH_DIR_UP, &before);
		inject_ber(f, link, rows[i].fibre, rows[i].ber_e);
		oph_fabric_advance(f, oph_fabric_now(f) + 10 * SEC);
		oph_link_get(f, link, &li);
		if (rows[i].state == OPH_LINK_RETRAINING) {
			EXPECT_NE(OPH_LINK_UP, li.state) TH_LOG("row %u", i);
			EXPECT_NE(OPH_LINK_DEGRADED, li.state) TH_LOG("row %u", i);
			EXPECT_EQ(OPH_DOWN_BER, li.down_reason) TH_LOG("row %u", i);
		} else {
			EXPECT_EQ(rows[i].state, li.state) TH_LOG("row %u: %u", i, li.state);
			oph_lane_get(f, link, 0, OPH_DIR_UP, &lane);
			EXPECT_TRUE(lane.has_fec);
			if (rows[i].fibre == OPH_FIBRE_TX) {
				EXPECT_EQ((u32)rows[i].ber_e, lane.ber_e) TH_LOG("row %u", i);
				EXPECT_LT(before.fec_corrected, lane.fec_corrected);
			}
			EXPECT_EQ(rows[i].unc, lane.fec_uncorrectable > before.fec_uncorrectable)
				TH_LOG("row %u: %llu", i, (unsigned long long)lane.fec_uncorrectable);
			/* Read twice, the same: a counter, not a draw. */
			oph_lane_get(f, link, 0, OPH_DIR_UP, &before);
			EXPECT_EQ(lane.fec_uncorrectable, before.fec_uncorrectable);
		}
		oph_fabric_destroy(f);
	}
}

/*
 * Rings ride through what real ones ride through: heating an engine by
 * 8 K or 22 K moves its rings within their tuning range; 60 K takes them
 * past its end. A laser walking 10 K off grid (a TEC failure) is
 * followed too.
 */
TEST(rings_follow_heating_within_their_tuning_range)
{
	static const struct {
		s32 heat_mk;
		u32 lanes_min, lanes_max;	/* lanes up, the lesser direction */
	} rows[] = {
		{ 8000, 8, 8 }, { 22000, 8, 8 }, { 60000, 0, 0 },
	};
	struct oph_fault drift = { .kind = OPH_FAULT_RING_DRIFT, .side = OPH_SIDE_EP,
				   .target = 0, .value = 10000 };
	struct oph_fault tec = { .kind = OPH_FAULT_TEC, .side = OPH_SIDE_EP, .target = 0 };
	struct oph_lane_info lane;
	struct oph_link_info li;
	struct oph_params p;
	struct oph_fabric *f;
	const char *why;
	unsigned int i;
	u32 k;

	for (i = 0; i < ARRAY_SIZE(rows); i++) {
		small_params(&p);
		f = make(&p, NULL);
		ASSERT_NE(NULL, f);
		bring_up(f);
		drift.amount = rows[i].heat_mk;
		ASSERT_EQ(0, oph_fault_inject(f, &drift, &why));
		oph_fabric_advance(f, oph_fabric_now(f) + 20 * SEC);
		/* Link 0 ends on GPU 0's engine 0. */
		oph_link_get(f, 0, &li);
		EXPECT_LE(rows[i].lanes_min, (u32)min(li.lanes_up[0], li.lanes_up[1]))
			TH_LOG("%d mK", rows[i].heat_mk);
		EXPECT_GE(rows[i].lanes_max, (u32)min(li.lanes_up[0], li.lanes_up[1]))
			TH_LOG("%d mK", rows[i].heat_mk);
		for (k = 0; k < p.lambdas && rows[i].lanes_min; k++) {
			oph_lane_get(f, 0, k, OPH_DIR_DOWN, &lane);
			EXPECT_EQ(OPH_LANE_ACTIVE, lane.state);
			EXPECT_GE(10, lane.ring_offset_pm);
			EXPECT_LE(-10, lane.ring_offset_pm);
		}
		oph_fabric_destroy(f);
	}
	small_params(&p);
	f = make(&p, NULL);
	ASSERT_NE(NULL, f);
	bring_up(f);
	ASSERT_EQ(0, oph_fault_inject(f, &tec, &why));
	oph_fabric_advance(f, oph_fabric_now(f) + 10 * SEC);
	oph_link_get(f, 0, &li);
	EXPECT_EQ(OPH_LINK_UP, li.state);
	oph_fabric_destroy(f);
}

/*
 * A clock step run in slices of a few events (the kernel lets the fabric
 * go between two) runs the same events in the same order: the fabric it
 * leaves is the one a single step leaves, bit for bit, records included.
 */
TEST(a_clock_step_in_slices_is_the_whole_step)
{
	static struct rec whole, sliced;
	struct oph_link_info a, b;
	struct oph_params p;
	struct oph_fabric *f, *g;
	u64 goal;
	u32 i, slices = 0;

	small_params(&p);
	f = make(&p, &whole);
	g = make(&p, &sliced);
	ASSERT_NE(NULL, f);
	ASSERT_NE(NULL, g);
	oph_fabric_set_all(f, true);
	oph_fabric_set_all(g, true);
	goal = oph_fabric_now(f) + 10 * SEC;
	oph_fabric_advance(f, goal);
	while (!oph_fabric_advance_some(g, goal, 7))
		slices++;
	EXPECT_LT(10U, slices);
	EXPECT_EQ(oph_fabric_now(f), oph_fabric_now(g));
	ASSERT_EQ(whole.n, sliced.n);
	for (i = 0; i < whole.n; i++) {
		EXPECT_EQ(whole.c[i].seq, sliced.c[i].seq);
		EXPECT_EQ(whole.c[i].time, sliced.c[i].time);
		EXPECT_EQ(whole.c[i].id, sliced.c[i].id);
		EXPECT_EQ(whole.c[i].new, sliced.c[i].new);
	}
	for (i = 0; i < oph_fabric_topo(f)->links; i++) {
		oph_link_get(f, i, &a);
		oph_link_get(g, i, &b);
		EXPECT_EQ(0, memcmp(&a, &b, sizeof(a)));
	}
	/* A step that is over already, or to the past, runs nothing. */
	EXPECT_TRUE(oph_fabric_advance_some(g, goal, 7));
	EXPECT_TRUE(oph_fabric_advance_some(g, goal - SEC, 7));
	oph_fabric_destroy(f);
	oph_fabric_destroy(g);
}

/*
 * At the highest time scale (100,000) u64 nanoseconds last 51 real hours;
 * the clock must run on past that, its readings defined all the way.
 */
TEST(the_clock_runs_on_past_584_years_and_its_readings_saturate)
{
	static struct rec r, w;
	const u64 year = 365ULL * 86400 * SEC;
	struct oph_fault death = { .kind = OPH_FAULT_MODULE_DEATH, .target = 0 };
	struct oph_lane_info ln;
	struct oph_link_info li;
	struct oph_health_info hi;
	struct oph_params p;
	struct oph_fabric *f, *g;
	u64 left, ns, s, prev_ns = 0, prev_s = 0, total_s = 0;
	u32 i, slices = 0;
	const char *why;

	small_params(&p);
	f = make(&p, &r);
	ASSERT_NE(NULL, f);
	bring_up(f);
	/* An idle fabric: 730 years in steps of 36.5 years, no event. */
	for (i = 0; i < 20; i++) {
		left = year * 73 / 2;
		ASSERT_TRUE(oph_fabric_step_some(f, &left, 1));
		total_s += 73 * 365 * 86400ULL / 2;
		ns = oph_fabric_clock_ns(f);
		s = oph_fabric_clock_s(f);
		EXPECT_LE(prev_ns, ns);
		EXPECT_LT(prev_s, s);
		/* Whole seconds since creation: the bring-up's 10 s, then the steps. */
		EXPECT_EQ(total_s + 10, s);
		if (total_s > 585 * 365 * 86400ULL) {
			EXPECT_EQ(U64_MAX, ns);
		} else {
			EXPECT_EQ(s * SEC, ns);
		}
		/* The model's own time stays where a u64 holds it and more. */
		EXPECT_GT(1ULL << 63, oph_fabric_now(f));
		prev_ns = ns;
		prev_s = s;
	}
	EXPECT_EQ(U64_MAX, prev_ns);
	EXPECT_EQ(730U, (u32)(prev_s / (365 * 86400)));
	/* A link up all along has been up at least the 73 years kept. */
	ASSERT_EQ(0, oph_link_get(f, 0, &li));
	EXPECT_EQ(OPH_LINK_UP, li.state);
	EXPECT_LE(73 * year, li.time_in_state_ns);
	/* 2^64 bits pass a lane in 18 years: its counters saturate, never wrap. */
	ASSERT_EQ(0, oph_lane_get(f, 0, 0, OPH_DIR_UP, &ln));
	EXPECT_EQ(U64_MAX, ln.bits);
	EXPECT_LE(ln.fec_corrected, ln.bits);

	/* Everything works on: a link taken down and up, and a fault. */
	r.n = 0;
	ASSERT_EQ(0, oph_link_set_admin(f, 0, false, &why));
	ASSERT_EQ(0, oph_link_set_admin(f, 0, true, &why));
	left = 10 * SEC;
	while (!oph_fabric_step_some(f, &left, 1))
		slices++;
	EXPECT_LT(0U, slices);
	ASSERT_EQ(0, oph_link_get(f, 0, &li));
	EXPECT_EQ(OPH_LINK_UP, li.state);
	EXPECT_GT(10 * SEC, li.time_in_state_ns);
	ASSERT_LT(0U, r.n);
	/* Virtual times given out saturate, like the clock in ns. */
	EXPECT_EQ(U64_MAX, r.c[r.n - 1].time);
	ASSERT_EQ(0, oph_fault_inject(f, &death, &why));
	ASSERT_EQ(0, oph_health_get(f, OPH_OBJ_MODULE, OPH_SIDE_EP, 0, &hi));
	EXPECT_EQ(U64_MAX, hi.last_error_ns);
	oph_fabric_destroy(f);

	/* Events pending as the model's base moves run when they are due. */
	g = make(&p, &w);
	ASSERT_NE(NULL, g);
	bring_up(g);
	oph_fabric_advance(g, (1ULL << 62) - SEC);
	ASSERT_EQ(0, oph_link_set_admin(g, 1, false, &why));
	ASSERT_EQ(0, oph_link_set_admin(g, 1, true, &why));
	left = 2 * SEC;
	ASSERT_TRUE(oph_fabric_step_some(g, &left, U32_MAX));
	/* Past the point where the base moves; the bring-up is under way. */
	left = 10 * SEC;
	ASSERT_TRUE(oph_fabric_step_some(g, &left, U32_MAX));
	EXPECT_GT(1ULL << 62, oph_fabric_now(g));
	ASSERT_EQ(0, oph_link_get(g, 1, &li));
	EXPECT_EQ(OPH_LINK_UP, li.state);
	EXPECT_GT(12 * SEC, li.time_in_state_ns);
	EXPECT_EQ((1ULL << 62) + 11 * SEC, oph_fabric_clock_ns(g));
	oph_fabric_destroy(g);
}

TEST(engine_death_takes_its_ports_down)
{
	struct oph_params p;
	struct oph_fabric *f;
	struct oph_fault d = { .kind = OPH_FAULT_ENGINE_DEATH, .target = 1 };
	struct oph_link_info li;
	const char *why;
	u32 q;

	small_params(&p);
	f = make(&p, NULL);
	ASSERT_NE(NULL, f);
	bring_up(f);
	ASSERT_EQ(0, oph_fault_inject(f, &d, &why));
	for (q = 0; q < p.ports; q++) {
		oph_link_get(f, oph_link_of(f, 0, 1, q), &li);
		EXPECT_EQ(OPH_LINK_WAIT_LIGHT, li.state);
		EXPECT_EQ(OPH_DOWN_ENGINE, li.down_reason);
	}
	oph_link_get(f, oph_link_of(f, 0, 0, 0), &li);
	EXPECT_EQ(OPH_LINK_UP, li.state);
	oph_fabric_destroy(f);
}

/*
 * Recovering a quarantined engine is refused while what quarantined it is
 * still there: it would stay dark.  Once the fault is gone, it is let go.
 */
TEST(engine_recovery_is_refused_while_its_fault_remains)
{
	struct oph_fault d = { .kind = OPH_FAULT_ENGINE_DEATH, .target = 1 };
	struct oph_health_info hi;
	struct oph_params p;
	struct oph_fabric *f;
	const char *why;
	int i;

	small_params(&p);
	f = make(&p, NULL);
	ASSERT_NE(NULL, f);
	bring_up(f);
	EXPECT_EQ(0, oph_engine_recover_check(f, OPH_SIDE_EP, 1, &why));
	for (i = 0; i < 3; i++) {
		ASSERT_EQ(0, oph_fault_inject(f, &d, &why));
		ASSERT_EQ(0, oph_fault_clear(f, &d, &why));
	}
	oph_health_get(f, OPH_OBJ_ENGINE, OPH_SIDE_EP, 1, &hi);
	ASSERT_TRUE(hi.quarantined);
	EXPECT_EQ(0, oph_engine_recover_check(f, OPH_SIDE_EP, 1, &why));
	ASSERT_EQ(0, oph_fault_inject(f, &d, &why));
	EXPECT_EQ(-EBUSY, oph_engine_recover_check(f, OPH_SIDE_EP, 1, &why));
	EXPECT_NE(NULL, strstr(why, "still dead"));
	/* Nothing changed: still quarantined. */
	oph_health_get(f, OPH_OBJ_ENGINE, OPH_SIDE_EP, 1, &hi);
	EXPECT_TRUE(hi.quarantined);
	ASSERT_EQ(0, oph_fault_clear(f, &d, &why));
	EXPECT_EQ(0, oph_engine_recover_check(f, OPH_SIDE_EP, 1, &why));
	EXPECT_EQ(-ERANGE, oph_engine_recover_check(f, OPH_SIDE_EP, 1000, &why));
	oph_fabric_destroy(f);
}

TEST(engines_of_both_sides_aggregate_their_links)
{
	struct oph_params p;
	struct oph_fabric *f;
	struct oph_fault d = { .kind = OPH_FAULT_ENGINE_DEATH, .target = 1 };
	const struct oph_topo *t;
	struct oph_agg_info ai;
	u64 ep_links = 0, sw_links = 0;
	const char *why;
	u32 e;

	small_params(&p);
	f = make(&p, NULL);
	ASSERT_NE(NULL, f);
	t = oph_fabric_topo(f);
	bring_up(f);
	/* Every link has one engine on each side. */
	for (e = 0; e < t->ep_engines; e++) {
		ASSERT_EQ(0, oph_engine_get(f, OPH_SIDE_EP, e, &ai));
		ep_links += ai.by_state[OPH_LINK_UP];
	}
	for (e = 0; e < t->sw_engines; e++) {
		ASSERT_EQ(0, oph_engine_get(f, OPH_SIDE_SW, e, &ai));
		sw_links += ai.by_state[OPH_LINK_UP];
		EXPECT_LT(40000, ai.temp_mc);
	}
	EXPECT_EQ((u64)t->links, ep_links);
	EXPECT_EQ((u64)t->links, sw_links);
	EXPECT_EQ(-ERANGE, oph_engine_get(f, OPH_SIDE_SW, t->sw_engines, &ai));
	EXPECT_EQ(-ERANGE, oph_engine_get(f, 2, 0, &ai));
	ASSERT_EQ(0, oph_fault_inject(f, &d, &why));
	ASSERT_EQ(0, oph_engine_get(f, OPH_SIDE_EP, 1, &ai));
	EXPECT_TRUE(ai.dead);
	EXPECT_EQ(0U, ai.by_state[OPH_LINK_UP]);
	EXPECT_EQ(0U, ai.flags);	/* cold, not an alarm */
	oph_fabric_destroy(f);
}

TEST(configuration_changes_are_one_numbered_record)
{
	static struct rec r;
	struct oph_params p;
	struct oph_fabric *f;
	struct oph_thresh bad = { 0, -1, 5, 6 };
	struct oph_agg_info ai;
	const char *why = NULL;
	u64 seq;

	small_params(&p);
	f = make(&p, &r);
	ASSERT_NE(NULL, f);
	bring_up(f);
	seq = oph_fabric_change_seq(f);
	EXPECT_EQ(-EINVAL, oph_thresh_check(OPH_TH_ENGINE_TEMP, &bad, &why));
	EXPECT_EQ(0, oph_thresh_check(OPH_TH_ENGINE_TEMP,
				      oph_thresh_get(f, OPH_TH_ENGINE_TEMP), &why));
	EXPECT_EQ(-EINVAL, oph_fabric_set_budget(f, 0, &why));
	EXPECT_NE(NULL, strstr(why, "budget"));
	/* A rack of 4 GPUs draws over 6 kW. */
	ASSERT_EQ(0, oph_fabric_set_budget(f, 5000, &why));
	oph_rack_get(f, 0, &ai);
	EXPECT_TRUE(ai.over_budget);
	EXPECT_EQ(5000U, ai.budget_w);
	EXPECT_EQ(seq, oph_fabric_change_seq(f));	/* the caller records it */
	oph_fabric_config_changed(f);
	EXPECT_EQ(seq + 1, oph_fabric_change_seq(f));
	EXPECT_EQ(OPH_OBJ_FABRIC, r.c[r.n - 1].obj);
	EXPECT_EQ(0, r.gaps);
	oph_fabric_destroy(f);
}

TEST(module_failure_is_one_record_per_link_not_per_lane)
{
	static struct rec r;
	struct oph_params p;
	struct oph_fabric *f;
	struct oph_fault d = { .kind = OPH_FAULT_MODULE_DEATH, .target = 0 };
	const char *why;
	unsigned int i, start, links = 0;

	small_params(&p);
	f = make(&p, &r);
	ASSERT_NE(NULL, f);
	bring_up(f);
	start = r.n;
	ASSERT_EQ(0, oph_fault_inject(f, &d, &why));
	for (i = start; i < r.n; i++)
		links += r.c[i].obj == OPH_OBJ_LINK;
	EXPECT_EQ(oph_fabric_topo(f)->ports_per_module, links);
	oph_fabric_destroy(f);
}

TEST(bad_fault_requests_change_nothing)
{
	struct oph_params p;
	struct oph_fabric *f;
	struct oph_fault flt = { 0 };
	const char *why;

	small_params(&p);
	f = make(&p, NULL);
	ASSERT_NE(NULL, f);
	flt.kind = __OPH_FAULT_CNT;
	EXPECT_EQ(-EINVAL, oph_fault_inject(f, &flt, &why));
	flt.kind = OPH_FAULT_FIBRE_CUT;
	flt.target = 1000000;
	EXPECT_EQ(-ERANGE, oph_fault_inject(f, &flt, &why));
	flt.target = 0;
	flt.which = 9;
	EXPECT_EQ(-EINVAL, oph_fault_inject(f, &flt, &why));
	flt.kind = OPH_FAULT_LASER_DEATH;
	flt.lane = 8;
	EXPECT_EQ(-ERANGE, oph_fault_inject(f, &flt, &why));
	flt.kind = OPH_FAULT_BER;
	flt.lane = OPH_ALL;
	flt.value = 700;
	/* A BER fault's fibre is its direction: the feed has none. */
	flt.which = OPH_FIBRE_FEED;
	EXPECT_EQ(-EINVAL, oph_fault_inject(f, &flt, &why));
	flt.which = OPH_ALL;
	flt.value = 5;
	EXPECT_EQ(-ERANGE, oph_fault_inject(f, &flt, &why));
	EXPECT_EQ(0U, oph_fault_count(f));
	EXPECT_EQ(-ENOENT, oph_fault_clear(f, &flt, &why));
	/* The same fault twice is one fault. */
	flt.value = 700;
	EXPECT_EQ(0, oph_fault_inject(f, &flt, &why));
	EXPECT_EQ(0, oph_fault_inject(f, &flt, &why));
	EXPECT_EQ(1U, oph_fault_count(f));
	oph_fabric_destroy(f);
}

TEST(a_dimming_module_raises_one_alarm_for_all_the_links_it_feeds)
{
	static struct rec r;
	struct oph_params p;
	struct oph_fabric *f;
	unsigned int i, start, links = 0, per_link = 0;
	struct oph_fault tec = { .kind = OPH_FAULT_TEC, .side = OPH_SIDE_EP, .target = 1 };
	struct oph_thresh t;
	u32 fed[64], n;
	const char *why;

	small_params(&p);
	f = make(&p, &r);
	ASSERT_NE(NULL, f);
	bring_up(f);
	n = oph_module_links(f, OPH_SIDE_EP, 1, fed, 64);
	ASSERT_LT(1U, n);
	/* The engines' input power now sits below a raised warning level. */
	t = *oph_thresh_get(f, OPH_TH_PORT_OE_IN);
	t.warn_lo = t.warn_hi - 1;
	ASSERT_EQ(0, oph_thresh_set(f, OPH_TH_PORT_OE_IN, &t, &why));
	start = r.n;
	/* Module 1's links are looked at again, together. */
	ASSERT_EQ(0, oph_fault_inject(f, &tec, &why));
	for (i = start; i < r.n; i++) {
		if (r.c[i].obj != OPH_OBJ_ALARM)
			continue;
		if (r.c[i].reason == OPH_ALARM_LINK)
			per_link++;
		if (r.c[i].reason != OPH_ALARM_LINKS)
			continue;
		links++;
		EXPECT_EQ((u8)OPH_OBJ_MODULE, r.c[i].domain);
		EXPECT_EQ(1U, r.c[i].id);
		EXPECT_EQ(n, r.c[i].count);
		EXPECT_EQ(fed[0] < fed[n - 1] ? fed[0] : fed[n - 1], r.c[i].link);
		EXPECT_TRUE(!!(r.c[i].flags & (OPH_FLAG_WARN_LO << OPH_LINK_OE_SHIFT)));
	}
	EXPECT_EQ(1U, links);
	EXPECT_EQ(0U, per_link);
	EXPECT_EQ(0, r.gaps);
	/* Each link latched it, as a link alarm alone would have. */
	for (i = 0; i < n; i++) {
		struct oph_link_info li;

		oph_link_get(f, fed[i], &li);
		EXPECT_TRUE(!!(li.latched & (OPH_FLAG_WARN_LO << OPH_LINK_OE_SHIFT)));
	}
	oph_fabric_destroy(f);
}

TEST(dirty_fibre_latches_a_low_rx_warning_until_cleared)
{
	static struct rec r;
	struct oph_params p;
	struct oph_fabric *f;
	unsigned int i, start, alarms = 0;
	struct oph_fault dirty = { .kind = OPH_FAULT_FIBRE_DIRTY, .which = OPH_FIBRE_TX,
				   .target = 2, .value = 350 };	/* +3.5 dB */
	struct oph_link_info li;
	struct oph_lane_info ln;
	const char *why;

	small_params(&p);
	f = make(&p, &r);
	ASSERT_NE(NULL, f);
	bring_up(f);
	oph_link_get(f, 2, &li);
	EXPECT_EQ(0U, li.latched);
	start = r.n;
	ASSERT_EQ(0, oph_fault_inject(f, &dirty, &why));
	/* One alarm for the link, whatever its lanes did. */
	for (i = start; i < r.n; i++)
		if (r.c[i].obj == OPH_OBJ_ALARM) {
			alarms++;
			EXPECT_EQ(OPH_ALARM_LINK, r.c[i].reason);
			EXPECT_EQ(2U, r.c[i].id);
			EXPECT_TRUE(!!(r.c[i].flags & (OPH_FLAG_WARN_LO << OPH_LINK_RX_SHIFT)));
		}
	EXPECT_EQ(1U, alarms);
	EXPECT_EQ(0, r.gaps);
	oph_lane_get(f, 2, 0, OPH_DIR_UP, &ln);
	EXPECT_TRUE(!!(ln.flags & OPH_FLAG_WARN_LO));
	oph_link_get(f, 2, &li);
	EXPECT_TRUE(!!(li.latched & (OPH_FLAG_WARN_LO << OPH_LINK_RX_SHIFT)));
	/* The cause goes, the latch stays until an operator clears it. */
	ASSERT_EQ(0, oph_fault_clear(f, &dirty, &why));
	oph_lane_get(f, 2, 0, OPH_DIR_UP, &ln);
	EXPECT_EQ(0U, ln.flags);
	oph_link_get(f, 2, &li);
	EXPECT_TRUE(!!(li.latched & (OPH_FLAG_WARN_LO << OPH_LINK_RX_SHIFT)));
	ASSERT_EQ(0, oph_link_clear(f, 2, &why));
	oph_link_get(f, 2, &li);
	EXPECT_EQ(0U, li.latched);
	oph_fabric_destroy(f);
}

TEST(thresholds_are_configurable_and_must_be_ordered)
{
	struct oph_params p;
	struct oph_fabric *f;
	struct oph_thresh t = { -20000, -15000, 0, 1000 }, bad = { 0, -1, 5, 6 };
	struct oph_lane_info ln;
	const char *why = NULL;

	small_params(&p);
	f = make(&p, NULL);
	ASSERT_NE(NULL, f);
	bring_up(f);
	EXPECT_EQ(-EINVAL, oph_thresh_set(f, OPH_TH_LANE_RX, &bad, &why));
	EXPECT_NE(NULL, strstr(why, "ordered"));
	EXPECT_EQ(-EINVAL, oph_thresh_set(f, __OPH_TH_CNT, &t, &why));
	EXPECT_EQ(-10000, oph_thresh_get(f, OPH_TH_LANE_RX)->alarm_lo);
	/* A high warning at 0 dBm: nominal lanes (about -5 dBm) stay clear. */
	ASSERT_EQ(0, oph_thresh_set(f, OPH_TH_LANE_RX, &t, &why));
	oph_lane_get(f, 0, 0, OPH_DIR_UP, &ln);
	EXPECT_EQ(0U, ln.flags);
	t.warn_hi = -9000;
	t.warn_lo = -16000;
	ASSERT_EQ(0, oph_thresh_set(f, OPH_TH_LANE_RX, &t, &why));
	oph_lane_get(f, 0, 0, OPH_DIR_UP, &ln);
	EXPECT_EQ((u32)OPH_FLAG_WARN_HI, ln.flags);
	oph_fabric_destroy(f);
}

TEST(hung_firmware_times_out_into_fault)
{
	struct oph_params p;
	struct oph_fabric *f;
	struct oph_fault hang = { .kind = OPH_FAULT_FW_HANG, .target = 3 };
	struct oph_module_info mi;
	struct oph_health_info hi;
	const char *why;

	small_params(&p);
	f = make(&p, NULL);
	ASSERT_NE(NULL, f);
	bring_up(f);
	ASSERT_EQ(0, oph_fault_inject(f, &hang, &why));
	ASSERT_EQ(0, oph_module_reset(f, OPH_SIDE_EP, 3, &why));
	oph_fabric_advance(f, oph_fabric_now(f) + 4 * SEC);
	oph_module_get(f, OPH_SIDE_EP, 3, &mi);
	EXPECT_EQ(OPH_MOD_RESETTING, mi.state);	/* frozen */
	oph_fabric_advance(f, oph_fabric_now(f) + 2 * SEC);
	oph_module_get(f, OPH_SIDE_EP, 3, &mi);
	EXPECT_EQ(OPH_MOD_FAULT, mi.state);	/* the host gave up after 5 s */
	oph_health_get(f, OPH_OBJ_MODULE, OPH_SIDE_EP, 3, &hi);
	EXPECT_EQ(1U, hi.errors);
	ASSERT_EQ(0, oph_fault_clear(f, &hang, &why));
	ASSERT_EQ(0, oph_module_reset(f, OPH_SIDE_EP, 3, &why));
	oph_fabric_advance(f, oph_fabric_now(f) + 10 * SEC);
	oph_module_get(f, OPH_SIDE_EP, 3, &mi);
	EXPECT_EQ(OPH_MOD_READY, mi.state);
	EXPECT_EQ(oph_fabric_topo(f)->links, count_state(f, OPH_LINK_UP));
	oph_fabric_destroy(f);
}

TEST(tec_failure_walks_off_grid_then_runs_away)
{
	struct oph_params p;
	struct oph_fabric *f;
	struct oph_fault tec = { .kind = OPH_FAULT_TEC, .target = 0 };
	struct oph_laser_info li;
	struct oph_module_info mi;
	const char *why;

	small_params(&p);
	f = make(&p, NULL);
	ASSERT_NE(NULL, f);
	bring_up(f);
	ASSERT_EQ(0, oph_fault_inject(f, &tec, &why));
	oph_fabric_advance(f, oph_fabric_now(f) + 2500 * OPH_NS_PER_MS);
	oph_laser_get(f, OPH_SIDE_EP, 0, 0, &li);
	EXPECT_LT(20000, li.freq_err_mhz);
	EXPECT_TRUE(!!(li.flags & (OPH_FLAG_WARN_HI << 8)));
	EXPECT_LT(51000, li.temp_mc);
	oph_module_get(f, OPH_SIDE_EP, 0, &mi);
	EXPECT_EQ(OPH_MOD_READY, mi.state);
	oph_fabric_advance(f, oph_fabric_now(f) + 20 * SEC);
	oph_module_get(f, OPH_SIDE_EP, 0, &mi);
	EXPECT_EQ(OPH_MOD_FAULT, mi.state);
	/* On the way it went past the frequency alarm, latched. */
	oph_laser_get(f, OPH_SIDE_EP, 0, 0, &li);
	EXPECT_TRUE(!!(li.latched & (OPH_FLAG_ALARM_HI << 8)));
	oph_fabric_destroy(f);
}

TEST(rack_power_above_its_budget_raises_the_alarm)
{
	struct oph_params p;
	struct oph_fabric *f;
	struct oph_agg_info ai;

	oph_params_default(&p);
	p.rack_budget_w = 100000;
	f = make(&p, NULL);
	ASSERT_NE(NULL, f);
	bring_up(f);
	/* 64 GPUs x 1.5 kW plus optics: about 103 kW. */
	oph_rack_get(f, 0, &ai);
	EXPECT_LT(100000000ULL, ai.power_mw);
	EXPECT_GT(110000000ULL, ai.power_mw);
	EXPECT_TRUE(ai.over_budget);
	oph_fabric_get(f, &ai);
	EXPECT_TRUE(ai.over_budget);
	oph_fabric_destroy(f);
	p.rack_budget_w = 150000;
	f = make(&p, NULL);
	bring_up(f);
	oph_rack_get(f, 0, &ai);
	EXPECT_FALSE(ai.over_budget);
	oph_fabric_destroy(f);
}

TEST(fabric_bandwidth_agrees_with_the_lanes)
{
	struct oph_params p;
	struct oph_fabric *f;
	struct oph_fault d = { .kind = OPH_FAULT_LASER_DEATH, .target = 1, .lane = 0 };
	struct oph_agg_info ai;
	struct oph_link_info li;
	const char *why;
	u64 sum = 0;
	u32 i;

	small_params(&p);
	f = make(&p, NULL);
	ASSERT_NE(NULL, f);
	bring_up(f);
	ASSERT_EQ(0, oph_fault_inject(f, &d, &why));
	oph_fabric_advance(f, oph_fabric_now(f) + 5 * SEC);
	for (i = 0; i < oph_fabric_topo(f)->links; i++) {
		oph_link_get(f, i, &li);
		sum += li.bandwidth_gbps;
	}
	oph_fabric_get(f, &ai);
	EXPECT_EQ(sum, ai.bandwidth_gbps);
	EXPECT_LT(ai.bandwidth_gbps, (u64)oph_fabric_topo(f)->links * p.lambdas * p.lane_gbps);
	EXPECT_LT(0U, ai.by_state[OPH_LINK_DEGRADED]);
	oph_fabric_destroy(f);
}

TEST(receiver_model_matches_the_reference_points)
{
	/* cpo-domain.md 4.3: 0 dB -> 1e-12, -1 dB -> ~1e-8, -3 dB -> ~2e-4. */
	EXPECT_EQ(1199U, oph_ber_e_from_margin(0));
	EXPECT_LE(790U, oph_ber_e_from_margin(-1000));
	EXPECT_GE(800U, oph_ber_e_from_margin(-1000));
	EXPECT_LE(360U, oph_ber_e_from_margin(-3000));
	EXPECT_GE(375U, oph_ber_e_from_margin(-3000));
	EXPECT_EQ(9999U, oph_ber_e_from_margin(7000));
}

TEST_HARNESS_MAIN
