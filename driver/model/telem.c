// SPDX-License-Identifier: GPL-2.0
/*
 * ophoton model: telemetry, computed when read.
 *
 * What a lane, a link, a laser module and the fabric's health report: the
 * light of path.c, the counters run up since each link last settled, and
 * the BER a receiver can claim from the bits it counted.  Nothing here is
 * stored; every figure is a function of the model's state and its clock.
 */
#include "internal.h"

/**
 * oph_kp4_uncorrectable() - codewords KP4 FEC loses
 * @codewords: RS(544,514) codewords received
 * @ber_e: their pre-FEC BER, -100 log10
 *
 * Return: how many of them have more than 15 symbols in error.
 */
u64 oph_kp4_uncorrectable(u64 codewords, u32 ber_e)
{
	u32 i, e;
	u64 n;

	if (!ber_e || ber_e >= 450)
		return 0;	/* below 1e-26 of the codewords */
	e = ber_e <= 150 ? 0 : oph_kp4_unc_e_tab[(ber_e - 150) / 2];
	n = oph_frac_mul(codewords, oph_frac_pow10[e % 100]);
	for (i = e / 100; i && n; i--)
		n /= 10;
	return n;
}

/* 100 log10(@v), rounded down, for @v >= 1. */
static u32 log10_x100(u64 v)
{
	u64 p = 1;
	u32 k = 0, lo = 0, hi = 99, mid;

	while (k < 19 && p * 10 <= v) {
		p *= 10;
		k++;
	}
	/* The largest j with 10^(k + j/100) <= v: v x 10^(-j/100) >= 10^k. */
	while (lo < hi) {
		mid = (lo + hi + 1) / 2;
		if (oph_frac_mul(v, oph_frac_pow10[mid]) >= p)
			lo = mid;
		else
			hi = mid - 1;
	}
	return k * 100 + lo;
}

/* log10_x100(), the last answer again while a read session asks the same. */
static u32 log10_x100_read(struct oph_fabric *f, u64 v)
{
	if (!f->read.on)
		return log10_x100(v);
	if (!f->read.log_valid || f->read.log_of != v) {
		f->read.log_of = v;
		f->read.log_x100 = log10_x100(v);
		f->read.log_valid = true;
	}
	return f->read.log_x100;
}

/*
 * The pre-FEC BER a receiver can report (CMIS VDM style) for a lane whose
 * errors follow a BER of 10^(-@ber_e/100), after @bits: the estimate while
 * the errors counted (about @ber_e x @bits) are three or more; otherwise
 * only the bound of three errors, BER < 3 / bits (95 % confidence), and
 * never below the floor.  Return: the value; *@bound when it is a bound.
 */
static u32 ber_reported(struct oph_fabric *f, u32 ber_e, u64 bits, bool *bound)
{
	u32 lim = OPH_BER_E_FLOOR;

	if (bits >= 3)
		lim = min(lim, log10_x100_read(f, bits) - 48);	/* log10(3) = 0.477 */
	else
		lim = 0;
	*bound = ber_e > lim;
	return min(ber_e, lim);
}

static int check_lane(struct oph_fabric *f, u32 link, u32 lane)
{
	if (link >= f->t.links || lane >= f->p.lambdas)
		return -ERANGE;
	return 0;
}

static bool link_clean(struct oph_fabric *f, u32 link);
static bool link_clean_at(struct oph_fabric *f, u32 link, const struct oph_where *w);

/* link_clean(), once for the sixteen lanes of a link in a read session. */
static bool link_clean_read(struct oph_fabric *f, u32 link)
{
	if (!f->read.on)
		return link_clean(f, link);
	if (!f->read.clean_valid || f->read.clean_link != link) {
		f->read.clean_link = link;
		f->read.clean = link_clean(f, link);
		f->read.clean_valid = true;
	}
	return f->read.clean;
}

/**
 * oph_lane_get() - telemetry of one lane in one direction
 * @f: fabric
 * @link: link id
 * @lane: lane index
 * @dir: direction
 * @li: filled in
 *
 * Return: 0 or -ERANGE.
 */
int oph_lane_get(struct oph_fabric *f, u32 link, u32 lane, enum oph_dir dir,
		 struct oph_lane_info *li)
{
	/* Written whole by oph_lane_phys(): a dump reads a million lanes. */
	struct oph_lane_phys p __uninitialized;
	struct oph_link *l;
	u64 active, dark, dt;
	bool carrying;
	u32 idx;

	if (check_lane(f, link, lane) || (dir != OPH_DIR_UP && dir != OPH_DIR_DOWN))
		return -ERANGE;
	l = &f->links[link];
	idx = oph_lane_idx(f, link, dir, lane);
	memset(li, 0, sizeof(*li));
	oph_lane_phys(f, link, lane, dir, &p);
	li->rx_power_udbm = p.rx_udbm;
	li->margin_mdb = p.margin_mdb;
	if (p.lit)
		li->flags = oph_thresh_flags(f, OPH_TH_LANE_RX, p.rx_udbm);
	li->state = p.state;
	li->cause = p.cause;
	li->heater_uw = p.heater_uw;
	li->ring_offset_pm = p.ring_offset_pm;
	carrying = oph_lane_carrying(li->state);

	/* Counters: settled values plus the time since, as the link runs now. */
	dt = f->now - l->settled;
	active = l->active_ns;
	dark = (u64)f->lane_dark_ms[idx] * OPH_NS_PER_MS;
	if (l->state == OPH_LINK_UP || l->state == OPH_LINK_DEGRADED) {
		active = oph_add_sat(active, dt);
		if (!carrying)
			dark = oph_add_sat(dark, dt);
	}
	dark = min(dark, active);
	li->bits = oph_mul_sat(active - dark, f->p.lane_gbps);
	li->err_bits = f->lane_err[idx];
	if (carrying && dt) {
		u64 b = oph_mul_sat(dt, f->p.lane_gbps);
		u32 i = p.ber_e / 100;
		u64 e = p.ber_e >= 1900 ? 0 :
			oph_frac_mul(b, oph_frac_pow10[p.ber_e % 100]);

		while (i-- && e)
			e /= 10;
		li->err_bits = oph_add_sat(li->err_bits, e);
	}
	if (carrying)
		li->ber_e = ber_reported(f, p.ber_e, li->bits, &li->ber_bound);
	li->has_fec = dir == OPH_DIR_UP;
	if (li->has_fec) {
		/* One correction per errored bit, at most one per codeword. */
		li->fec_corrected = min(li->err_bits, li->bits / 5440);
		li->fec_uncorrectable = l->fec_unc;
		/* Since the last settle, at the rate of the link's worst lane. */
		if (dt && (l->state == OPH_LINK_UP || l->state == OPH_LINK_DEGRADED) &&
		    !link_clean_read(f, link)) {
			struct oph_lanes v;
			u64 cw, unc;

			oph_link_lanes(f, link, OPH_DIR_UP, &v);
			cw = oph_mul_sat(oph_mul_sat(dt, f->p.lane_gbps), v.up) / 5140;
			unc = oph_kp4_uncorrectable(cw, v.worst_ber_e);
			li->fec_uncorrectable = oph_add_sat(li->fec_uncorrectable, unc);
		}
	}
	return 0;
}

/**
 * oph_lane_healthy() - whether a lane carries data with its light in range
 * @f: fabric
 * @link: link id, below the fabric's links
 * @lane: lane index, below the fabric's lambdas
 * @dir: direction
 *
 * What a dump of the unhealthy asks of every lane, from its light alone:
 * the counters of oph_lane_get() are left for the lanes it keeps.
 *
 * Return: true when the lane is active and its received power raises no
 * threshold flag, as oph_lane_get() would report it.
 */
bool oph_lane_healthy(struct oph_fabric *f, u32 link, u32 lane, enum oph_dir dir)
{
	struct oph_lane_phys p;

	oph_lane_phys(f, link, lane, dir, &p);
	return p.state == OPH_LANE_ACTIVE && !oph_thresh_flags(f, OPH_TH_LANE_RX, p.rx_udbm);
}

/**
 * oph_lane_state() - a lane's state and cause, without its telemetry
 * @f: fabric
 * @link: link id, below the fabric's links
 * @lane: lane index, below the fabric's lambdas
 * @dir: direction
 * @li: its state and cause set as oph_lane_get() sets them, the rest zeroed
 *
 * What a listing without statistics shows of each lane: the light decides
 * the state; the counters, BER and FEC of oph_lane_get() are left out.
 */
void oph_lane_state(struct oph_fabric *f, u32 link, u32 lane, enum oph_dir dir,
		    struct oph_lane_info *li)
{
	struct oph_lane_phys p;

	memset(li, 0, sizeof(*li));
	oph_lane_phys(f, link, lane, dir, &p);
	li->state = p.state;
	li->cause = p.cause;
}

/**
 * oph_link_state() - a link's state, without its telemetry
 * @f: fabric
 * @link: link id, below the fabric's links
 *
 * Return: enum oph_link_state.
 */
u8 oph_link_state(const struct oph_fabric *f, u32 link)
{
	return f->links[link].state;
}

/**
 * oph_link_get() - state and telemetry of a link
 * @f: fabric
 * @link: link id
 * @li: filled in
 *
 * Return: 0 or -ERANGE.
 */
int oph_link_get(struct oph_fabric *f, u32 link, struct oph_link_info *li)
{
	/* Written whole by oph_link_where(): a dump reads a million links. */
	struct oph_where w __uninitialized;
	struct oph_link *l;
	bool clean;

	if (link >= f->t.links)
		return -ERANGE;
	l = &f->links[link];
	/*
	 * Every member is set below, none zeroed first: a structure zeroed
	 * as a whole is a rep stos, which emulation runs a word at a time,
	 * for each of a dump's million links.  test_model.c holds every
	 * member set.
	 */
	oph_link_where(f, link, &w);
	li->ep = w.ep;
	li->engine = w.engine;
	li->port = w.port;
	li->plane = w.plane;
	li->state = l->state;
	li->admin_up = l->flags & OPH_LF_ADMIN_UP;
	li->down_reason = l->down_reason;
	/* Each fibre apart: the feed, then the link's pair, each way. */
	oph_link_fibres(f, link, &w, &li->feed_loss_mdb, &li->tx_loss_mdb, &li->rx_loss_mdb);
	li->fibre_m_dm = w.fibre_dm;
	/*
	 * Both directions' lanes, and the engine input on the way; a link
	 * with nothing wrong carries every lane (as oph_link_gbps() says).
	 */
	clean = link_clean_at(f, link, &w);
	li->lanes_up[OPH_DIR_UP] = (u8)oph_link_scan_up(f, link, &w, clean, li->feed_loss_mdb,
							&li->oe_input_udbm);
	li->lanes_up[OPH_DIR_DOWN] = clean ? (u8)f->p.lambdas :
				     (u8)oph_link_lanes_up(f, link, OPH_DIR_DOWN);
	li->flags = 0;
	if (li->oe_input_udbm > OPH_RX_FLOOR_UDBM)
		li->flags = oph_thresh_flags(f, OPH_TH_PORT_OE_IN, li->oe_input_udbm);
	li->tof_ps = li->fibre_m_dm * 490;
	li->latched = l->latched;
	li->up_count = l->up_count;
	li->down_count = l->down_count;
	li->flap_count = l->flap_count;
	li->retrain_count = l->retrain_count;
	li->retries = l->retries;
	li->cause = l->state == OPH_LINK_UP ? OPH_DOWN_NONE : oph_link_cause(f, link);
	li->time_in_state_ns = f->now - l->since;
	li->bandwidth_gbps = min(li->lanes_up[0], li->lanes_up[1]) * f->p.lane_gbps;
	return 0;
}

/* What is wrong with a module present, the worst first; NONE if nothing. */
static u8 module_cause(struct oph_fabric *f, enum oph_side side, u32 mod)
{
	const struct oph_slot *s = &f->slots[side][mod];
	struct oph_laser_info li;
	u8 cause = OPH_MC_NONE;
	u32 k;

	if (s->state == OPH_MOD_FAULT)
		return s->fault_cause ? s->fault_cause : OPH_MC_SUPPLY;
	if (s->health.quarantined)
		return OPH_MC_QUARANTINE;
	if (s->tec_mk)
		return OPH_MC_TEC_RUNAWAY;
	for (k = 0; k < f->p.lambdas; k++) {
		if (s->mod->laser[k] == OPH_LASER_FAULT)
			return OPH_MC_LASER;
		/* Aging shows in the bias long before the light: read it. */
		if (!cause && (s->mod->predicted & BIT(k) || s->mod->droop[k] ||
			       (s->mod->latched[k] & OPH_FLAGS_MASK))) {
			oph_laser_get(f, side, mod, k, &li);
			if (li.aging_predicted || (li.flags & OPH_FLAGS_MASK))
				cause = OPH_MC_AGING;
		}
	}
	return cause;
}

/**
 * oph_module_get() - state and telemetry of a laser module slot
 * @f: fabric
 * @side: side of the slot
 * @mod: slot id
 * @mi: filled in
 *
 * Return: 0 or -ERANGE.
 */
int oph_module_get(struct oph_fabric *f, enum oph_side side, u32 mod,
		   struct oph_module_info *mi)
{
	struct oph_slot *s;
	u32 k;

	if ((side != OPH_SIDE_EP && side != OPH_SIDE_SW) || mod >= oph_nmods(f, side))
		return -ERANGE;
	s = &f->slots[side][mod];
	memset(mi, 0, sizeof(*mi));
	mi->state = s->mod ? s->state : OPH_MOD_ABSENT;
	mi->admin = s->admin;
	mi->insert_count = s->insert_count;
	mi->remove_count = s->remove_count;
	mi->links_fed = f->t.ports_per_module;
	mi->latched = s->latched;
	if (!s->mod)
		return 0;
	mi->serial = s->mod->serial;
	for (k = 0; k < f->p.lambdas; k++)
		mi->lasers_on += s->mod->laser[k] == OPH_LASER_ON;
	mi->supply_mv = 3300 + oph_vary(f, OPH_VAR_TEMP, mod << 1 | side, -30, 30);
	mi->power_mw = s->state == OPH_MOD_READY ? 2000 + mi->lasers_on * 600 : 1500;
	/*
	 * The case: the front-panel air at 30 C plus the module's power
	 * through its own thermal resistance, 1.0-1.6 K/W [A] (45 C lit,
	 * cpo-domain.md 8.4), and whatever a runaway laser adds.
	 */
	mi->temp_mc = 30000 + (s32)(mi->power_mw *
				    oph_vary(f, OPH_VAR_RTH, mod << 1 | side, 1000, 1600) / 1000) +
		      (s32)s->tec_mk;
	mi->safe_to_remove = oph_module_safe_to_remove(s->state, s->admin);
	mi->flags = oph_thresh_flags(f, OPH_TH_MODULE_TEMP, mi->temp_mc) |
		    oph_thresh_flags(f, OPH_TH_MODULE_SUPPLY, (s32)mi->supply_mv) << 4;
	mi->cause = module_cause(f, side, mod);
	mi->latched = s->latched;
	return 0;
}

/**
 * oph_health_get() - health of a fault domain
 * @f: fabric
 * @obj: OPH_OBJ_MODULE or OPH_OBJ_ENGINE
 * @side: side
 * @id: module or engine id
 * @hi: filled in
 *
 * Return: 0, -ERANGE or -EINVAL (not a fault domain).
 */
int oph_health_get(struct oph_fabric *f, enum oph_obj obj, enum oph_side side,
		   u32 id, struct oph_health_info *hi)
{
	const struct oph_health *h;

	if (side != OPH_SIDE_EP && side != OPH_SIDE_SW)
		return -ERANGE;
	if (obj == OPH_OBJ_MODULE) {
		if (id >= oph_nmods(f, side))
			return -ERANGE;
		h = &f->slots[side][id].health;
	} else if (obj == OPH_OBJ_ENGINE) {
		if (id >= oph_nengines(f, side))
			return -ERANGE;
		h = &f->engines[side][id].health;
	} else {
		return -EINVAL;
	}
	hi->errors = h->errors;
	hi->recoveries = h->recoveries;
	hi->last_error_ns = h->errors ? oph_time_since_creation(f, h->last_error) : 0;
	hi->quarantined = h->quarantined;
	hi->grace_ms = f->p.grace_ms;
	return 0;
}

/*
 * Every laser of a module on and none drooping: eight lasers to a word
 * (the masks are set up by oph_fabric_create()), as a dump asks it of
 * every link it writes.
 */
static bool lasers_clean(const struct oph_fabric *f, const struct oph_lmod *m)
{
	u64 on[2], droop[2];

	memcpy(on, m->laser, sizeof(on));
	memcpy(droop, m->droop, sizeof(droop));
	return !(((on[0] ^ f->lasers_on[0]) | droop[0]) & f->lambda_mask[0]) &&
	       !(((on[1] ^ f->lasers_on[1]) | droop[1]) & f->lambda_mask[1]);
}

/*
 * A link that is up with nothing wrong anywhere on its path carries every
 * lane: the common case, answered without evaluating the lanes.
 */
static bool link_clean_at(struct oph_fabric *f, u32 link, const struct oph_where *w)
{
	const struct oph_engine *e;
	const struct oph_slot *s;
	u32 side;

	if (f->links[link].state != OPH_LINK_UP || f->links[link].nfaults)
		return false;
	for (side = 0; side < 2; side++) {
		s = &f->slots[side][w->mod[side]];
		e = &f->engines[side][w->eng[side]];
		if (s->nfaults || !s->mod || s->state != OPH_MOD_READY ||
		    !(s->mod->checked & (1ULL << w->pos[side])) ||
		    e->nfaults || e->health.quarantined || !lasers_clean(f, s->mod))
			return false;
	}
	return true;
}

static bool link_clean(struct oph_fabric *f, u32 link)
{
	struct oph_where w __uninitialized;	/* written whole by oph_link_where() */

	if (f->links[link].state != OPH_LINK_UP || f->links[link].nfaults)
		return false;
	oph_link_where(f, link, &w);
	return link_clean_at(f, link, &w);
}

/**
 * oph_link_gbps() - what a link carries: its lanes up, the lesser direction
 * @f: fabric
 * @link: link id
 *
 * Return: Gb/s, 0 unless up or degraded.
 */
u32 oph_link_gbps(struct oph_fabric *f, u32 link)
{
	u8 st = f->links[link].state;

	if (st != OPH_LINK_UP && st != OPH_LINK_DEGRADED)
		return 0;
	if (link_clean(f, link))
		return f->p.lambdas * f->p.lane_gbps;
	return min(oph_link_lanes_up(f, link, OPH_DIR_UP),
		   oph_link_lanes_up(f, link, OPH_DIR_DOWN)) * f->p.lane_gbps;
}

/**
 * oph_engine_power_mw() - an engine's electrical power
 * @f: fabric
 * @side: side of the engine
 * @eng: engine id
 * @gbps: set to what its links carry
 *
 * 2 W idle plus 5 pJ/bit (5 mW per Gb/s carried); a dead engine draws
 * nothing.
 *
 * Return: mW.
 */
u64 oph_engine_power_mw(struct oph_fabric *f, enum oph_side side, u32 eng,
			u64 *gbps)
{
	u32 links[64], n, i;

	*gbps = 0;
	n = oph_engine_links(f, side, eng, links, ARRAY_SIZE(links));
	for (i = 0; i < n && i < ARRAY_SIZE(links); i++)
		*gbps += oph_link_gbps(f, links[i]);
	if (oph_engine_dead(f, side, eng))
		return 0;
	return 2000 + *gbps * 5;
}

/**
 * oph_engine_temp_mc() - die temperature of an engine
 * @f: fabric
 * @side: side of the engine
 * @eng: engine id
 *
 * Return: mC.
 */
s32 oph_engine_temp_mc(struct oph_fabric *f, enum oph_side side, u32 eng)
{
	u64 gbps, rth, mw = oph_engine_power_mw(f, side, eng, &gbps);

	if (oph_engine_dead(f, side, eng))
		return 25000;
	/*
	 * Coolant at 40 C plus the die's power through its cold plate,
	 * 0.8-1.2 K/W per engine [A]: 58-67 C at full load, about the 60 C
	 * of cpo-domain.md 1.2; plus any heating injected into it.
	 */
	rth = (u64)oph_vary(f, OPH_VAR_RTH, (eng << 1 | side) ^ 0x40000000, 800, 1200);
	return (s32)(40000 + mw * rth / 1000 + f->engines[side][eng].heat_mk +
		     f->engines[side][eng].cool_mk);
}
