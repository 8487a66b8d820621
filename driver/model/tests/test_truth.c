// SPDX-License-Identifier: GPL-2.0
/*
 * The model tells the truth: for the nominal fabric and for every fault
 * kind at a few magnitudes, every value it reports lies where the
 * reference (../shared/reference/cpo-domain.md, cited in
 * Documentation/model.rst) puts it, and the cause a technician would act
 * on, and the first thing an operator sees, are the expected ones.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../internal.h"
#include "kselftest_harness.h"
#include "helpers.h"

/*
 * A new telemetry field needs its range below: these sizes change with
 * the fields, and the build stops until check_ranges() knows them.
 */
_Static_assert(sizeof(struct oph_lane_info) == 64, "lane telemetry: add its range");
_Static_assert(sizeof(struct oph_link_info) == 96, "link telemetry: add its range");
_Static_assert(sizeof(struct oph_laser_info) == 72, "laser telemetry: add its range");
_Static_assert(sizeof(struct oph_module_info) == 48, "module telemetry: add its range");
_Static_assert(sizeof(struct oph_agg_info) == 88, "aggregate telemetry: add its range");
_Static_assert(__OPH_FAULT_CNT == 12, "a new fault kind needs its rows below");

#define IN(lo, v, hi)	((v) >= (lo) && (v) <= (hi))
#define S32_MAX_T	0x7fffffff

static int bad;		/* values out of range, reported by check() */

static void check(bool ok, const char *what, long long v, const char *where, u32 id)
{
	if (ok)
		return;
	if (bad++ < 10)
		fprintf(stderr, "# out of range: %s %lld (%s %u)\n", what, v, where, id);
}

/* Every object, against cpo-domain.md; each line cites its section. */
static void check_ranges(struct oph_fabric *f)
{
	const struct oph_topo *t = oph_fabric_topo(f);
	const struct oph_params *p = oph_fabric_params(f);
	struct oph_module_info mi;
	struct oph_laser_info la;
	struct oph_lane_info ln;
	struct oph_link_info li;
	struct oph_agg_info ai;
	u32 i, k, dir, side, ep, eng, port;

	for (i = 0; i < t->links; i++) {
		oph_link_get(f, i, &li);
		/* Where it runs: as the topology's own answers */
		oph_link_split(f, i, &ep, &eng, &port);
		check(li.ep == ep && li.engine == eng && li.port == port &&
		      li.plane == oph_link_plane(f, i) && li.ep < t->endpoints &&
		      li.engine < p->engines && li.port < p->ports && li.plane < t->ports_per_ep,
		      "link's endpoint, engine, port and plane", li.ep, "link", i);
		/* 8.4: +14.5 dBm at the engine, alarm at +10.5; -40 dBm dark */
		check(li.oe_input_udbm == -40000 || IN(-30000, li.oe_input_udbm, 16500),
		      "engine input udBm", li.oe_input_udbm, "link", i);
		/* 8.4: fibre loss 1-2 dB, fail > 5 dB (dirty fibres add theirs) */
		check(IN(1000, li.feed_loss_mdb, 42000), "feed fibre loss mdB",
		      li.feed_loss_mdb, "link", i);
		/* 8.2 [A]: 1 dB of connectors and 0.35 dB/km over a few tens of m */
		check(IN(1000, li.tx_loss_mdb, 42000) && IN(1000, li.rx_loss_mdb, 42000),
		      "link fibre loss mdB", li.tx_loss_mdb, "link", i);
		/* 8.2: 4.9 ns/m */
		check(li.tof_ps == li.fibre_m_dm * 490, "time of flight", li.tof_ps, "link", i);
		check(li.bandwidth_gbps <= p->lambdas * p->lane_gbps, "link Gb/s",
		      li.bandwidth_gbps, "link", i);
		check((li.state == OPH_LINK_UP) == (li.cause == OPH_DOWN_NONE) ||
		      li.state == OPH_LINK_CALIBRATING || li.state == OPH_LINK_TRAINING ||
		      li.state == OPH_LINK_BER_QUAL, "a link not up has a cause", li.cause,
		      "link", i);
		for (dir = 0; dir < 2; dir++)
			for (k = 0; k < p->lambdas; k++) {
				oph_lane_get(f, i, k, dir, &ln);
				/* 8.4: -5 dBm nominal; never below the -40 dBm floor */
				check(IN(-40000, ln.rx_power_udbm, 2000),
				      "rx udBm", ln.rx_power_udbm, "lane of link", i);
				/* 4.3: a receiver reports no BER below 1e-15 */
				check(!ln.ber_e || IN(30, ln.ber_e, OPH_BER_E_FLOOR),
				      "BER", ln.ber_e, "lane of link", i);
				/* 4.2: 4.48 nm at 4.4 uW/GHz is at most 3.5 mW */
				check(ln.heater_uw <= 3500, "heater uW", ln.heater_uw,
				      "lane of link", i);
				/* 8.4: +-10 pm locked, unlock past 100 pm */
				check(ln.state != OPH_LANE_ACTIVE || IN(-50, ln.ring_offset_pm, 50),
				      "ring offset pm", ln.ring_offset_pm, "lane of link", i);
				check(ln.err_bits <= ln.bits, "errored bits", (long long)ln.err_bits,
				      "lane of link", i);
				check(ln.fec_uncorrectable <= ln.bits / 5140 + 1, "uncorrectable",
				      (long long)ln.fec_uncorrectable, "lane of link", i);
				check(ln.state == OPH_LANE_ACTIVE || ln.state == OPH_LANE_LOCKING ||
				      ln.state == OPH_LANE_LOCKED || ln.cause,
				      "a lane not active has a cause", ln.state, "lane of link", i);
			}
	}
	for (side = 0; side < 2; side++) {
		u32 nm = side ? t->sw_modules : t->ep_modules;
		u32 ne = side ? t->sw_engines : t->ep_engines;

		for (i = 0; i < nm; i++) {
			oph_module_get(f, side, i, &mi);
			if (mi.state == OPH_MOD_ABSENT)
				continue;
			/* 8.4: 45 C nominal, alarms at -5 and 80 C (TEC runaway heats) */
			check(IN(25000, mi.temp_mc, 260000), "module temp mC", mi.temp_mc,
			      "module", i);
			/* 8.4: 3.3 V, +-4 % warns */
			check(IN(3168, mi.supply_mv, 3432), "supply mV", mi.supply_mv,
			      "module", i);
			/* 1.3 / 8.4: 10-12 W */
			check(IN(1000, mi.power_mw, 12000), "module mW", mi.power_mw,
			      "module", i);
			check((mi.state == OPH_MOD_FAULT) <= (mi.cause != OPH_MC_NONE),
			      "a module in fault has a cause", mi.cause, "module", i);
			for (k = 0; k < p->lambdas; k++) {
				oph_laser_get(f, side, i, k, &la);
				/* 8.4: 200 mA at BOL, alarm at +50 % */
				check(la.bias_ua <= 330000, "bias uA", la.bias_ua, "laser of", i);
				/* 1.3: 50 mW (17 dBm) before the split */
				check(la.power_uw <= 50000, "power uW", la.power_uw, "laser of", i);
				/* 8.4: 50 C; a dark laser measures none */
				check(!(la.have & OPH_LASER_HAVE_TEMP) ||
				      IN(49000, la.temp_mc, 260000), "laser temp mC",
				      la.temp_mc, "laser of", i);
				check(la.state == OPH_LASER_ON || la.state == OPH_LASER_RAMPING ||
				      la.state == OPH_LASER_CHECK || !la.have,
				      "a dark laser measures nothing", la.have, "laser of", i);
				/* 8.4: grid +-2 GHz nominal; a TEC walk moves it (3.6 GHz/s) */
				check(!(la.have & OPH_LASER_HAVE_FREQ) || la.freq_err_mhz >= -2000,
				      "freq err MHz", la.freq_err_mhz, "laser of", i);
				check(la.age_ppm <= 10000000, "age ppm", la.age_ppm, "laser of", i);
				/*
				 * 6: lognormal lives, median 82,000 h, sigma 0.6 (within
				 * +-6 sigma: 2,240 to 3.0 million hours), plus up to two
				 * aging faults of 10^7 ppm an hour.
				 */
				check(IN(330, la.rate_ppb_h, 20000000000ULL + 450000),
				      "aging rate ppb/h", (long long)la.rate_ppb_h, "laser of", i);
				/* The warning (+20 % bias: 40 % of life) comes first. */
				check(la.warn_in_s <= la.eol_in_s, "warning before end of life",
				      (long long)la.warn_in_s, "laser of", i);
				check(la.age_ppm >= 1000000 || la.eol_in_s ==
				      (1000000ULL - la.age_ppm) * 1000 * 3600 / la.rate_ppb_h,
				      "end of life at the present rate", (long long)la.eol_in_s,
				      "laser of", i);
			}
		}
		for (i = 0; i < ne; i++) {
			oph_engine_get(f, side, i, &ai);
			/* 1.2: about 60 C at full load; a dead engine reads nothing */
			check(ai.dead ? ai.temp_mc == 0 : IN(40000, ai.temp_mc,
							     OPH_ENGINE_SHUTDOWN_MC + 1000),
			      "engine temp mC", ai.temp_mc, "engine", i);
			/* 1.2 / 7: 5 pJ/b, about 20 W a chiplet */
			check(ai.power_mw <= 25000, "engine mW", (long long)ai.power_mw,
			      "engine", i);
		}
	}
	for (i = 0; i < t->ep_racks; i++) {
		oph_rack_get(f, i, &ai);
		/* 7: about 100 kW a 64-GPU rack: 1.5 kW a GPU, 104 W of optics */
		check(IN(1350000ULL, ai.power_mw / t->ep_per_rack, 1700000ULL), "rack mW",
		      (long long)ai.power_mw, "rack", i);
	}
}

/* What a row does after injecting its fault. */
enum then {
	THEN_WAIT,		/* let it act */
	THEN_REUP,		/* take link 0 down and up again: it recalibrates */
	THEN_RESET,		/* reset link 0's module: it goes through a transition */
};

struct row {
	const char *name;
	struct oph_fault flt;	/* .kind == __OPH_FAULT_CNT: nothing injected */
	enum then then;
	u64 after_s;		/* virtual seconds it is given */
	u8 link_cause;		/* link 0's, enum oph_down_reason */
	u8 mod_cause;		/* link 0's GPU-side module's, enum oph_mod_cause */
	bool up;		/* link 0 up or degraded, carrying data */
	s8 first;		/* obj of the first record after the injection; -1 none */
};

/*
 * Link 0 runs from GPU 0's engine 0 to plane 0; GPU 0's module 0 lights
 * it (the "target" of module faults), engine 0 on the GPU side heats.
 */
#define MODF(k, ...)	{ .kind = (k), .side = OPH_SIDE_EP, .target = 0, __VA_ARGS__ }
#define LINKF(k, ...)	{ .kind = (k), .side = OPH_SIDE_EP, .target = 0, __VA_ARGS__ }
#define NONE		{ .kind = __OPH_FAULT_CNT }

static const struct row rows[] = {
	{ "nominal", NONE, THEN_WAIT, 60, OPH_DOWN_NONE, OPH_MC_NONE, true, -1 },
	{ "module-death", MODF(OPH_FAULT_MODULE_DEATH), THEN_WAIT, 5,
	  OPH_DOWN_MODULE, OPH_MC_SUPPLY, false, OPH_OBJ_MODULE },
	{ "laser-death", MODF(OPH_FAULT_LASER_DEATH, .lane = 0), THEN_WAIT, 5,
	  OPH_DOWN_LASER, OPH_MC_LASER, true, OPH_OBJ_ALARM },
	{ "laser-aging fast, one hour", MODF(OPH_FAULT_LASER_AGING, .lane = 2,
					     .value = 1000000), THEN_WAIT, 3600,
	  OPH_DOWN_NONE, OPH_MC_AGING, true, OPH_OBJ_ALARM },
	{ "laser-aging past its life: power droops", MODF(OPH_FAULT_LASER_AGING, .lane = 2,
							  .value = 10000000), THEN_WAIT, 3600,
	  OPH_DOWN_LASER, OPH_MC_AGING, true, OPH_OBJ_ALARM },
	{ "fibre-cut tx", LINKF(OPH_FAULT_FIBRE_CUT, .which = OPH_FIBRE_TX), THEN_WAIT, 5,
	  OPH_DOWN_FIBRE, OPH_MC_NONE, false, OPH_OBJ_LINK },
	{ "fibre-cut rx", LINKF(OPH_FAULT_FIBRE_CUT, .which = OPH_FIBRE_RX), THEN_WAIT, 5,
	  OPH_DOWN_FIBRE, OPH_MC_NONE, false, OPH_OBJ_LINK },
	{ "fibre-cut feed", LINKF(OPH_FAULT_FIBRE_CUT, .which = OPH_FIBRE_FEED), THEN_WAIT, 5,
	  OPH_DOWN_FEED_FIBRE, OPH_MC_NONE, false, OPH_OBJ_LINK },
	{ "fibre-dirty feed 3 dB", LINKF(OPH_FAULT_FIBRE_DIRTY, .which = OPH_FIBRE_FEED,
					 .value = 300), THEN_WAIT, 5,
	  OPH_DOWN_NONE, OPH_MC_NONE, true, OPH_OBJ_ALARM },
	{ "fibre-dirty feed 9 dB", LINKF(OPH_FAULT_FIBRE_DIRTY, .which = OPH_FIBRE_FEED,
					 .value = 900), THEN_WAIT, 5,
	  OPH_DOWN_FEED_FIBRE, OPH_MC_NONE, false, OPH_OBJ_LINK },
	{ "fibre-dirty tx 8 dB (into KP4)", LINKF(OPH_FAULT_FIBRE_DIRTY, .which = OPH_FIBRE_TX,
						  .value = 800), THEN_WAIT, 5,
	  OPH_DOWN_FIBRE, OPH_MC_NONE, true, OPH_OBJ_ALARM },
	{ "fibre-dirty rx 40 dB: the photodiode's floor", LINKF(OPH_FAULT_FIBRE_DIRTY,
								 .which = OPH_FIBRE_RX,
								 .value = 4000), THEN_WAIT, 5,
	  OPH_DOWN_FIBRE, OPH_MC_NONE, false, OPH_OBJ_LINK },
	{ "fibre-dirty rx 6 dB (no FEC)", LINKF(OPH_FAULT_FIBRE_DIRTY, .which = OPH_FIBRE_RX,
						.value = 600), THEN_WAIT, 5,
	  OPH_DOWN_FIBRE, OPH_MC_NONE, true, OPH_OBJ_ALARM },
	{ "ring-drift 8 K", MODF(OPH_FAULT_RING_DRIFT, .value = 1000, .amount = 8000),
	  THEN_WAIT, 20, OPH_DOWN_NONE, OPH_MC_NONE, true, -1 },
	{ "ring-drift 22 K", MODF(OPH_FAULT_RING_DRIFT, .value = 1000, .amount = 22000),
	  THEN_WAIT, 30, OPH_DOWN_NONE, OPH_MC_NONE, true, -1 },
	{ "ring-drift 60 K", MODF(OPH_FAULT_RING_DRIFT, .value = 1000, .amount = 60000),
	  THEN_WAIT, 70, OPH_DOWN_RING, OPH_MC_NONE, false, OPH_OBJ_LINK },
	{ "tec, 10 s", MODF(OPH_FAULT_TEC), THEN_WAIT, 10,
	  OPH_DOWN_NONE, OPH_MC_TEC_RUNAWAY, true, OPH_OBJ_ALARM },
	{ "tec, runaway", MODF(OPH_FAULT_TEC), THEN_WAIT, 30,
	  OPH_DOWN_TEC, OPH_MC_TEC_RUNAWAY, false, OPH_OBJ_ALARM },
	{ "ber 1e-5 down (no FEC)", LINKF(OPH_FAULT_BER, .lane = OPH_ALL, .which = OPH_FIBRE_RX,
					  .value = 500), THEN_WAIT, 1,
	  OPH_DOWN_BER, OPH_MC_NONE, false, OPH_OBJ_LINK },
	{ "ber 1e-5 up (KP4)", LINKF(OPH_FAULT_BER, .lane = OPH_ALL, .which = OPH_FIBRE_TX,
				     .value = 500), THEN_WAIT, 5,
	  OPH_DOWN_NONE, OPH_MC_NONE, true, -1 },
	{ "arbitration", LINKF(OPH_FAULT_ARBITRATION), THEN_REUP, 1,
	  OPH_DOWN_ARBITRATION, OPH_MC_NONE, false, OPH_OBJ_LINK },
	{ "engine-death", MODF(OPH_FAULT_ENGINE_DEATH), THEN_WAIT, 1,
	  OPH_DOWN_ENGINE, OPH_MC_NONE, false, OPH_OBJ_HEALTH },
	{ "fw-hang", MODF(OPH_FAULT_FW_HANG), THEN_RESET, 10,
	  OPH_DOWN_MODULE, OPH_MC_FIRMWARE, false, OPH_OBJ_MODULE },
	/*
	 * 1 K/s from 47 C (the small fabric's engines carry 2 Tb/s): past
	 * 30 K the rings with the least headroom lose their lanes (link 0
	 * waits for light: too few lanes, cause thermal), the warning (85 C)
	 * comes after some 45 s, the shutdown (105 C) after some 65 s.
	 */
	{ "cooling lost, 20 s", MODF(OPH_FAULT_COOLING, .value = 1000), THEN_WAIT, 20,
	  OPH_DOWN_NONE, OPH_MC_NONE, true, -1 },
	{ "cooling lost, 50 s", MODF(OPH_FAULT_COOLING, .value = 1000), THEN_WAIT, 50,
	  OPH_DOWN_THERMAL, OPH_MC_NONE, false, OPH_OBJ_LINK },
	{ "cooling lost, 80 s", MODF(OPH_FAULT_COOLING, .value = 1000), THEN_WAIT, 80,
	  OPH_DOWN_THERMAL, OPH_MC_NONE, false, OPH_OBJ_LINK },
};

static const char *then_name(enum then t)
{
	return t == THEN_REUP ? " (link 0 down and up)" : t == THEN_RESET ? " (module reset)" : "";
}

/*
 * The object a technician acts on for each fault kind, as the diagnosis
 * must name it first: the module or the engine hit, the fibre cut or
 * dirty, the link.
 */
static void root_of(const struct oph_fault *flt, u8 *obj, u8 *fibre)
{
	*fibre = 0;
	switch (flt->kind) {
	case OPH_FAULT_MODULE_DEATH:
	case OPH_FAULT_LASER_DEATH:
	case OPH_FAULT_LASER_AGING:
	case OPH_FAULT_TEC:
	case OPH_FAULT_FW_HANG:
		*obj = OPH_OBJ_MODULE;
		break;
	case OPH_FAULT_RING_DRIFT:
	case OPH_FAULT_ENGINE_DEATH:
	case OPH_FAULT_COOLING:
		*obj = OPH_OBJ_ENGINE;
		break;
	case OPH_FAULT_FIBRE_CUT:
	case OPH_FAULT_FIBRE_DIRTY:
		*obj = OPH_OBJ_FIBRE;
		*fibre = flt->which;
		break;
	default:
		*obj = OPH_OBJ_LINK;
		break;
	}
}

/* What a row's fault must be diagnosed as, if it shows at all. */
static void check_diagnosis(struct __test_metadata *_metadata, struct oph_fabric *f,
			    const struct row *w, const struct oph_link_info *li,
			    const struct oph_module_info *mi)
{
	static struct oph_diag d;
	u8 obj, fibre;

	oph_fabric_diagnose(f, &d);
	EXPECT_EQ(0U, d.unlisted);
	/* A fabric with nothing wrong (or nothing wrong yet) has nothing to say. */
	if (w->flt.kind == __OPH_FAULT_CNT ||
	    (li->state == OPH_LINK_UP && !li->latched && !mi->cause && !mi->latched &&
	     w->flt.kind != OPH_FAULT_RING_DRIFT && w->flt.kind != OPH_FAULT_COOLING)) {
		EXPECT_EQ(0U, d.n) TH_LOG("%s: %u problems, the first obj %u cause %u",
					  w->name, d.n, d.p[0].obj, d.p[0].cause);
		EXPECT_EQ(0U, d.units_walked);
		return;
	}
	root_of(&w->flt, &obj, &fibre);
	ASSERT_LE(1U, d.n) TH_LOG("%s: nothing diagnosed", w->name);
	EXPECT_EQ(obj, d.p[0].obj) TH_LOG("%s: obj %u cause %u", w->name, d.p[0].obj,
					   d.p[0].cause);
	EXPECT_EQ(fibre, d.p[0].fibre) TH_LOG("%s", w->name);
	EXPECT_EQ(0U, d.p[0].id) TH_LOG("%s", w->name);
	EXPECT_EQ(OPH_SIDE_EP, d.p[0].side) TH_LOG("%s", w->name);
	/* The link's own cause, where it has one, is the problem's. */
	if (li->cause)
		EXPECT_EQ(li->cause, d.p[0].cause) TH_LOG("%s: %u", w->name, d.p[0].cause);
	if (obj == OPH_OBJ_MODULE)
		EXPECT_EQ(mi->cause, d.p[0].mod_cause) TH_LOG("%s", w->name);
	EXPECT_NE(OPH_ACT_NONE, d.p[0].action) TH_LOG("%s", w->name);
	if (li->state != OPH_LINK_UP) {
		EXPECT_LE(1U, d.p[0].links) TH_LOG("%s: link 0 not charged", w->name);
		EXPECT_NE(0ULL, d.p[0].since) TH_LOG("%s: no start", w->name);
	}
}

TEST(every_fault_kind_has_a_row)
{
	bool seen[__OPH_FAULT_CNT] = { false };
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(rows); i++)
		if (rows[i].flt.kind < __OPH_FAULT_CNT)
			seen[rows[i].flt.kind] = true;
	for (i = 0; i < __OPH_FAULT_CNT; i++)
		EXPECT_TRUE(seen[i]) TH_LOG("fault kind %u has no row", i);
}

TEST(the_model_reports_what_real_optics_would)
{
	static struct rec r;
	struct oph_module_info mi;
	struct oph_link_info li;
	struct oph_params p;
	struct oph_fabric *f;
	const char *why;
	unsigned int i, first;

	for (i = 0; i < ARRAY_SIZE(rows); i++) {
		const struct row *w = &rows[i];

		small_params(&p);
		f = make(&p, &r);
		ASSERT_NE(NULL, f);
		bring_up(f);
		bad = 0;
		check_ranges(f);
		EXPECT_EQ(0, bad) TH_LOG("%s: nominal values out of range", w->name);
		first = r.n;
		if (w->flt.kind < __OPH_FAULT_CNT)
			ASSERT_EQ(0, oph_fault_inject(f, &w->flt, &why)) TH_LOG("%s", w->name);
		if (w->then == THEN_REUP) {
			ASSERT_EQ(0, oph_link_set_admin(f, 0, false, &why));
			ASSERT_EQ(0, oph_link_set_admin(f, 0, true, &why));
			first = r.n;	/* what the operator did is not the signal */
		} else if (w->then == THEN_RESET) {
			ASSERT_EQ(0, oph_module_reset(f, OPH_SIDE_EP, 0, &why));
			first = r.n;
		}
		oph_fabric_advance(f, oph_fabric_now(f) + w->after_s * SEC);

		oph_link_get(f, 0, &li);
		EXPECT_EQ(w->link_cause, li.cause)
			TH_LOG("%s%s: link cause %u, state %u", w->name, then_name(w->then),
			       li.cause, li.state);
		EXPECT_EQ(w->up, li.state == OPH_LINK_UP || li.state == OPH_LINK_DEGRADED)
			TH_LOG("%s: link state %u", w->name, li.state);
		oph_module_get(f, OPH_SIDE_EP, oph_link_module(f, 0, OPH_SIDE_EP), &mi);
		EXPECT_EQ(w->mod_cause, mi.cause)
			TH_LOG("%s: module cause %u, state %u", w->name, mi.cause, mi.state);
		if (w->first < 0) {
			EXPECT_EQ(first, r.n) TH_LOG("%s: %u records", w->name, r.n - first);
		} else {
			ASSERT_LT(first, r.n) TH_LOG("%s: nothing visible", w->name);
			EXPECT_EQ(w->first, r.c[first].obj)
				TH_LOG("%s: first record obj %u", w->name, r.c[first].obj);
		}
		check_diagnosis(_metadata, f, w, &li, &mi);
		bad = 0;
		check_ranges(f);
		EXPECT_EQ(0, bad) TH_LOG("%s: values out of range", w->name);
		EXPECT_EQ(0, r.gaps);
		oph_fabric_destroy(f);
	}
}

/*
 * The default fabric, as a new user first meets it (1,024 GPUs, every
 * link up): every value in range, and parts that differ as real ones do,
 * from the seed: the hottest engine, the warmest module and the weakest
 * lane are questions with answers.
 */
TEST(the_default_fabric_is_in_range_and_its_parts_differ)
{
	s32 eng_lo = S32_MAX_T, eng_hi = 0, mod_lo = S32_MAX_T, mod_hi = 0;
	u64 rack_lo = ~0ULL, rack_hi = 0;
	struct oph_module_info mi;
	struct oph_agg_info ai;
	struct oph_params p;
	struct oph_fabric *f;
	u32 i;

	oph_params_default(&p);
	f = make(&p, NULL);
	ASSERT_NE(NULL, f);
	bring_up(f);
	oph_fabric_get(f, &ai);
	EXPECT_EQ(ai.links, ai.by_state[OPH_LINK_UP]);
	bad = 0;
	check_ranges(f);
	EXPECT_EQ(0, bad);
	for (i = 0; i < oph_fabric_topo(f)->ep_engines; i++) {
		oph_engine_get(f, OPH_SIDE_EP, i, &ai);
		eng_lo = ai.temp_mc < eng_lo ? ai.temp_mc : eng_lo;
		eng_hi = ai.temp_mc > eng_hi ? ai.temp_mc : eng_hi;
	}
	for (i = 0; i < oph_fabric_topo(f)->ep_modules; i++) {
		oph_module_get(f, OPH_SIDE_EP, i, &mi);
		mod_lo = mi.temp_mc < mod_lo ? mi.temp_mc : mod_lo;
		mod_hi = mi.temp_mc > mod_hi ? mi.temp_mc : mod_hi;
	}
	for (i = 0; i < p.racks; i++) {
		oph_rack_get(f, i, &ai);
		rack_lo = ai.power_mw < rack_lo ? ai.power_mw : rack_lo;
		rack_hi = ai.power_mw > rack_hi ? ai.power_mw : rack_hi;
	}
	/* 1.2: about 60 C; parts a few kelvin apart, none at the warning. */
	EXPECT_LE(55000, eng_lo);
	EXPECT_GE(70000, eng_hi);
	EXPECT_LT(eng_lo + 3000, eng_hi);
	/* 8.4: 45 C */
	EXPECT_LE(40000, mod_lo);
	EXPECT_GE(50000, mod_hi);
	EXPECT_LT(mod_lo + 3000, mod_hi);
	/* 7: about 100 kW a rack, each its own */
	EXPECT_LE(95000000ULL, rack_lo);
	EXPECT_GE(112000000ULL, rack_hi);
	EXPECT_LT(rack_lo + 500000, rack_hi);
	oph_fabric_destroy(f);
}

/*
 * The operator's night (issue 19): the default fabric with five faults, a
 * dirty feed fibre, an aging laser, a ring drift, a dead laser and a hot
 * engine, is five problems in one diagnosis, each named by the object to
 * act on, its cause and its action, and nothing else.
 */
TEST(five_faults_are_five_problems_each_with_its_cause)
{
	static struct oph_diag d;
	struct oph_params p;
	struct oph_fabric *f;
	const char *why;
	const struct {
		struct oph_fault flt;
		u8 obj, cause, mod_cause, action;
		u32 id;
	} want[] = {
		{ { .kind = OPH_FAULT_FIBRE_DIRTY, .which = OPH_FIBRE_FEED, .value = 300,
		    .target = 100 * 32 + 1 * 8 + 3 },
		  OPH_OBJ_FIBRE, OPH_DOWN_FEED_FIBRE, 0, OPH_ACT_CLEAN_FIBRE, 100 * 32 + 11 },
		{ { .kind = OPH_FAULT_LASER_AGING, .target = 200 * 2, .lane = 5,
		    .value = 10000000 },
		  OPH_OBJ_MODULE, OPH_DOWN_LASER, OPH_MC_AGING, OPH_ACT_PLAN_SWAP, 400 },
		{ { .kind = OPH_FAULT_RING_DRIFT, .target = 300 * 4 + 2, .value = 1000,
		    .amount = 22000 },
		  OPH_OBJ_ENGINE, OPH_DOWN_RING, 0, OPH_ACT_COOLING, 1202 },
		{ { .kind = OPH_FAULT_LASER_DEATH, .target = 400 * 2 + 1, .lane = 7 },
		  OPH_OBJ_MODULE, OPH_DOWN_LASER, OPH_MC_LASER, OPH_ACT_SWAP_MODULE, 801 },
		{ { .kind = OPH_FAULT_COOLING, .target = 500 * 4, .value = 1000 },
		  OPH_OBJ_ENGINE, OPH_DOWN_THERMAL, 0, OPH_ACT_COOLING, 2000 },
	};
	unsigned int i, k;

	oph_params_default(&p);
	f = make(&p, NULL);
	ASSERT_NE(NULL, f);
	bring_up(f);
	oph_fabric_diagnose(f, &d);
	EXPECT_EQ(0U, d.n);
	EXPECT_EQ(0U, d.units_walked);
	for (i = 0; i < ARRAY_SIZE(want); i++)
		ASSERT_EQ(0, oph_fault_inject(f, &want[i].flt, &why)) TH_LOG("%u: %s", i, why);
	oph_fabric_advance(f, oph_fabric_now(f) + 50 * SEC);
	oph_fabric_diagnose(f, &d);
	EXPECT_EQ(ARRAY_SIZE(want), d.n);
	EXPECT_EQ(0U, d.unlisted);
	/* Five GPUs in five units of 32 (of 64 in all): only those are walked. */
	EXPECT_EQ(5U, d.units_walked);
	for (i = 0; i < ARRAY_SIZE(want); i++) {
		for (k = 0; k < d.n; k++)
			if (d.p[k].obj == want[i].obj && d.p[k].id == want[i].id)
				break;
		ASSERT_GT(d.n, k) TH_LOG("fault %u (kind %u) not diagnosed", i,
					 want[i].flt.kind);
		EXPECT_EQ(want[i].cause, d.p[k].cause) TH_LOG("fault %u", i);
		EXPECT_EQ(want[i].mod_cause, d.p[k].mod_cause) TH_LOG("fault %u", i);
		EXPECT_EQ(want[i].action, d.p[k].action) TH_LOG("fault %u", i);
		EXPECT_EQ(OPH_SIDE_EP, d.p[k].side);
	}
	oph_fabric_destroy(f);
}

/*
 * A link down is charged to the engine that took it down, not to another
 * at its other end that merely has something to say: a dead switch engine
 * and a GPU engine warming under a small ring drift.
 */
TEST(a_link_is_charged_to_the_engine_that_took_it_down)
{
	static struct oph_diag d;
	struct oph_fault drift = { .kind = OPH_FAULT_RING_DRIFT, .target = 0, .value = 1000,
				   .amount = 4000 };
	struct oph_fault death = { .kind = OPH_FAULT_ENGINE_DEATH, .side = OPH_SIDE_SW };
	struct oph_params p;
	struct oph_fabric *f;
	const char *why;
	u32 k, sw = 0, ep = 0;

	small_params(&p);
	f = make(&p, NULL);
	ASSERT_NE(NULL, f);
	bring_up(f);
	death.target = oph_link_engine(f, 0, OPH_SIDE_SW);
	ASSERT_EQ(0, oph_fault_inject(f, &drift, &why));
	ASSERT_EQ(0, oph_fault_inject(f, &death, &why));
	oph_fabric_advance(f, oph_fabric_now(f) + 10 * SEC);
	oph_fabric_diagnose(f, &d);
	for (k = 0; k < d.n; k++) {
		if (d.p[k].obj != OPH_OBJ_ENGINE)
			continue;
		if (d.p[k].side == OPH_SIDE_SW) {
			EXPECT_EQ(death.target, d.p[k].id);
			EXPECT_EQ(OPH_DOWN_ENGINE, d.p[k].cause);
			EXPECT_EQ(OPH_ACT_RECOVER_ENGINE, d.p[k].action);
			sw = d.p[k].links_down;
		} else {
			EXPECT_EQ(0U, d.p[k].id);
			EXPECT_EQ(OPH_DOWN_RING, d.p[k].cause);
			ep = d.p[k].links;
		}
	}
	/* Every link of the dead engine, link 0 among them; none to the GPU's. */
	EXPECT_EQ(d.links_down, sw);
	EXPECT_LE(1U, sw);
	EXPECT_EQ(0U, ep);
	oph_fabric_destroy(f);
}

TEST_HARNESS_MAIN
