// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: random sequences of management, physical-world and
 * clock operations on a small fabric, checking the model's invariants
 * after each: change records without gaps, valid states, lanes up within
 * range, and counters that never go backwards.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../internal.h"

struct seen {
	u64 last_seq[2];	/* state changes, alarms */
	int gap;
};

static void on_change(void *ctx, const struct oph_change *c)
{
	struct seen *s = ctx;
	int alarm = c->obj == OPH_OBJ_HEALTH || c->obj == OPH_OBJ_ALARM;

	if (c->seq != s->last_seq[alarm] + 1)
		s->gap = 1;
	s->last_seq[alarm] = c->seq;
}

#define CHECK(cond) do { if (!(cond)) { fprintf(stderr, "invariant: %s\n", #cond); abort(); } } while (0)

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	struct oph_params p;
	struct oph_fabric *f;
	struct seen s = { 0 };
	u64 bits[4] = { 0 }, errs[4] = { 0 };
	u32 age[8][4] = { { 0 } }, inserts[8] = { 0 };
	static struct oph_diag d;
	u32 down, degraded, flagged, charged;
	const char *why;
	size_t i;

	oph_params_default(&p);
	p.racks = 1;
	p.trays = 2;
	p.slots = 2;
	p.engines = 2;
	p.ports = 2;
	p.lambdas = 4;
	p.modules = 2;
	p.switch_racks = 1;
	p.min_lanes = 3;
	p.feed = size && (data[0] & 1) ? OPH_FEED_STRIPE : OPH_FEED_BLOCK;
	if (oph_fabric_create(&p, &f, &why))
		return 0;
	oph_fabric_set_notify(f, on_change, &s);
	oph_fabric_set_all(f, true);

	for (i = 1; i + 3 < size; i += 4) {
		const struct oph_topo *t = oph_fabric_topo(f);
		u8 op = data[i] % 12, a = data[i + 1], b = data[i + 2], c = data[i + 3];
		enum oph_side side = a & 1;
		u32 mod = a % (side ? t->sw_modules : t->ep_modules);
		struct oph_fault flt = {
			.kind = b % __OPH_FAULT_CNT, .side = side & (b >> 7),
			/* Half of the targets small, to hit the same few objects again. */
			.target = (b & 0x40) ? c : c % 9, .lane = c % 5 == 4 ? OPH_ALL : c % 5,
			.which = c % 3, .value = 50 + c * 7, .amount = 1000 + c * 100,
		};
		struct oph_blast bl;
		u32 k, m;

		/* Aging fast enough to use life between two steps. */
		if (flt.kind == OPH_FAULT_LASER_AGING)
			flt.value *= 1000;

		if (flt.kind == OPH_FAULT_MODULE_DEATH || flt.kind == OPH_FAULT_LASER_DEATH ||
		    flt.kind == OPH_FAULT_LASER_AGING || flt.kind == OPH_FAULT_TEC ||
		    flt.kind == OPH_FAULT_FW_HANG)
			flt.target = c % (flt.side ? t->sw_modules : t->ep_modules);
		else if (flt.kind == OPH_FAULT_RING_DRIFT || flt.kind == OPH_FAULT_ENGINE_DEATH ||
			 flt.kind == OPH_FAULT_COOLING)
			flt.target = c % (flt.side ? t->sw_engines : t->ep_engines);
		else
			flt.target = c % t->links;
		switch (op) {
		case 0: oph_link_set_admin(f, b % t->links, c & 1, &why); break;
		case 1: oph_link_retrain(f, b % t->links, &why); break;
		case 2: oph_link_clear(f, b % t->links, &why); break;
		case 3: oph_module_drain(f, side, mod, &why); break;
		case 4: oph_module_activate(f, side, mod, &why); break;
		case 5: oph_module_reset(f, side, mod, &why); break;
		case 6: oph_module_remove(f, side, mod, &why); break;
		case 7: oph_module_insert(f, side, mod, b, &why); break;
		case 8: oph_fault_inject(f, &flt, &why); break;
		case 9: oph_fault_clear(f, &flt, &why); break;
		case 10: oph_module_recover(f, side, mod, &why); break;
		default:
			oph_fabric_advance(f, oph_fabric_now(f) +
					   (u64)(b + 1) * (c + 1) * OPH_NS_PER_MS * 10);
			break;
		}
		oph_blast_radius(f, b % OPH_OBJ_HEALTH, side, c, &bl, NULL, NULL, &why);
		CHECK(!s.gap);
		/* Every aggregate kept is what a walk finds now. */
		CHECK(oph_agg_verify(f));
		/* Each kind of fault domain, as a whole, is the sum of its domains. */
		for (k = 0; k < 2; k++) {
			enum oph_obj kind = k ? OPH_OBJ_ENGINE : OPH_OBJ_MODULE;
			struct oph_health_kind_info ki;
			struct oph_health_sum sum;

			oph_health_scan(f, kind, NULL, 0, &sum);
			CHECK(!oph_health_kind_get(f, kind, &ki));
			CHECK(ki.quarantined == sum.quarantined && ki.errors == sum.errors);
			CHECK(ki.unhealthy == (sum.quarantined || sum.in_error));
		}
		/*
		 * The diagnosis, which looks only where the units say, finds
		 * every link a look at each finds; each problem is charged.
		 */
		oph_fabric_diagnose(f, &d);
		down = degraded = flagged = charged = 0;
		for (k = 0; k < d.n; k++) {
			CHECK(d.p[k].severity < __OPH_SEV_CNT && d.p[k].action < __OPH_ACT_CNT);
			CHECK(d.p[k].links_down <= d.p[k].links);
			CHECK(!k || d.p[k].severity <= d.p[k - 1].severity);
			charged += d.p[k].links;
		}
		for (k = 0; k < t->links; k++) {
			struct oph_link_info li;

			CHECK(!oph_link_get(f, k, &li));
			down += li.state != OPH_LINK_UP && li.state != OPH_LINK_DEGRADED;
			degraded += li.state == OPH_LINK_DEGRADED;
			flagged += li.state == OPH_LINK_UP && li.latched;
			CHECK(li.state < __OPH_LINK_STATE_CNT);
			CHECK(li.lanes_up[0] <= p.lambdas && li.lanes_up[1] <= p.lambdas);
			if (li.state != OPH_LINK_UP && li.state != OPH_LINK_DEGRADED)
				CHECK(!li.lanes_up[0] && !li.lanes_up[1]);
		}
		CHECK(d.links_down == down && d.links_degraded == degraded &&
		      d.links_flagged == flagged);
		CHECK(d.unlisted || charged == down + degraded + flagged);
		for (k = 0; k < 4; k++) {
			struct oph_lane_info ln;

			CHECK(!oph_lane_get(f, k, k, k & 1, &ln));
			CHECK(ln.state < __OPH_LANE_STATE_CNT);
			CHECK(ln.bits >= bits[k] && ln.err_bits >= errs[k]);
			CHECK(ln.err_bits <= ln.bits || !ln.bits);
			bits[k] = ln.bits;
			errs[k] = ln.err_bits;
		}
		/* A module's lasers' life used never goes back; a new module starts anew. */
		for (m = 0; m < 8 && m < t->ep_modules; m++) {
			struct oph_module_info mi;
			struct oph_laser_info la;

			CHECK(!oph_module_get(f, OPH_SIDE_EP, m, &mi));
			if (mi.state == OPH_MOD_ABSENT || mi.insert_count != inserts[m])
				memset(age[m], 0, sizeof(age[m]));
			inserts[m] = mi.state == OPH_MOD_ABSENT ? 0 : mi.insert_count;
			for (k = 0; k < p.lambdas && inserts[m]; k++) {
				CHECK(!oph_laser_get(f, OPH_SIDE_EP, m, k, &la));
				CHECK(la.age_ppm >= age[m][k]);
				age[m][k] = la.age_ppm;
			}
		}
	}
	oph_fabric_destroy(f);
	return 0;
}
