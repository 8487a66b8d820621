// SPDX-License-Identifier: GPL-2.0
/*
 * ophoton model: telemetry, computed when read.
 *
 * The optical budget of a lane, in 0.001 dB (mdB) and 0.001 dBm (udBm):
 *   laser 17 dBm (50 mW, varied +-0.3 dB per laser) - aging droop
 *   - split over the module's 16 output fibres (12.04 dB)
 *   - feed fibre 1.5 dB (+-0.5) [+ dirty feed] - connectors 1 dB
 *                                  = engine input, about 2.5 dBm per lambda
 *   - modulator and coupling 6.5 dB - connectors 1 dB
 *   - fibre 0.35 dB/km [+ dirty data fibre] (+-0.5 dB per lane)
 *   = about -5 dBm at the receiver, 5 dB over a -10 dBm sensitivity.
 * The BER follows from the margin through the receiver model of
 * cpo-domain.md 4.3 (tables.c).
 *
 * Rings (cpo-domain.md 4.2): every modulator and receive ring is held on
 * its laser's line by a heater.  Its resonance moves 10 GHz per kelvin of
 * its engine, a laser walking off grid moves the line 17.75 GHz per kelvin
 * of the laser (0.1 nm/K), and the heater can pull a ring through 4.48 nm
 * (795 GHz, about 80 K) at 4.4 uW/GHz.  At calibration each ring needs
 * 300-500 GHz of that range (seeded per ring), so it rides through some
 * 30 K of heating or cooling either way; beyond the end of its range it is
 * left off its line, with the Lorentzian loss of a 200 pm wide resonance,
 * and past 100 pm it loses lock: the lane fails.  Heating faster than the
 * control loop (faster than the 800 K/s TeraPHY was qualified at) makes
 * the rings lag 60 pm behind their lines while it lasts.
 */
#include "internal.h"

#define LASER_MDBM	17000
#define FEED_MDB	1500
#define MOD_LOSS_MDB	6500
#define CONN_MDB	1000
#define SENS_MDBM	(-10000)
#define RX_FLOOR_UDBM	(-40000)	/* a photodiode reads nothing below */
#define TEC_MHZ_PER_K	17750	/* 0.1 nm/K at 1300 nm */
#define RING_RANGE_MHZ	795000	/* 4.48 nm of thermal tuning */
#define RING_MHZ_PER_MK	10	/* 10 GHz/K */
#define RING_BIAS_LO	300000	/* tuning used at calibration, MHz */
#define RING_BIAS_HI	500000
#define RING_PM_PER_GHZ_X100	564	/* 1 GHz is 5.64 pm at 1300 nm */
#define RING_WARN_PM	50	/* off its line: drifting */
#define RING_UNLOCK_PM	100	/* off its line: lock lost */
#define RING_LAG_PM	60	/* behind a heating faster than the loop */
#define BIAS_BOL_UA	200000
/*
 * Wear-out (cpo-domain.md 6): lognormal lives, median 82,000 h at 85 C
 * [S32d] taken as the fleet's median, sigma 0.6 in ln(hours) [A]: one
 * laser in a thousand lives less than 13,000 h, one in a hundred less
 * than 20,000 h.  End of
 * life is the bias at 1.5x its beginning of life.
 */
#define LIFE_MEDIAN_H	82000
#define LIFE_SIGMA_DEC	26058	/* sigma 0.6 / ln(10), in 1e-5 decades */
#define PREDICT_PPM	20000	/* bias 2 % of BOL above the expected curve */

/* Multiply @v by 10^(-mdb/10000), 0.1 dB resolution. */
static u64 attenuate(u64 v, u32 mdb)
{
	u32 i = mdb / 100;
	u64 r = oph_mul_div(v, oph_frac_pow10[i % 100], 1ULL << 32);

	for (i /= 100; i && r; i--)
		r /= 10;
	return r;
}

/**
 * oph_ber_e_from_margin() - the receiver model
 * @margin_mdb: received power over sensitivity, 0.001 dB
 *
 * Return: -100 * log10(BER); 9999 stands for "no errors to speak of".
 */
u32 oph_ber_e_from_margin(s32 margin_mdb)
{
	s32 i = (margin_mdb + 10000) / 100;

	if (i < 0)
		return oph_ber_e_tab[0];
	if (i > 160)
		return 9999;
	return oph_ber_e_tab[i];
}

static u32 module_pos(const struct oph_fabric *f, u32 link, enum oph_side side)
{
	u32 ep, engine, port, slice;

	oph_link_split(f, link, &ep, &engine, &port);
	if (side == OPH_SIDE_SW)
		return ep % f->t.ports_per_module;
	if (f->p.feed == OPH_FEED_STRIPE) {
		slice = f->p.ports / f->p.modules;
		return engine * slice + port % slice;
	}
	return (engine * f->p.ports + port) % f->t.ports_per_module;
}

static enum oph_side src_side(enum oph_dir dir)
{
	return dir == OPH_DIR_UP ? OPH_SIDE_EP : OPH_SIDE_SW;
}

static const struct oph_fault *link_fault(const struct oph_fabric *f, u32 link,
					  u8 kind, u8 which)
{
	if (!f->links[link].nfaults)
		return NULL;
	return oph_fault_find(f, kind, OPH_SIDE_EP, link, which);
}

/*
 * Heating of an engine since its rings were calibrated, in mK, and whether
 * it is faster than the ring control loop.
 */
static u32 engine_heating(const struct oph_fabric *f, enum oph_side side,
			  u32 eng, bool *fast)
{
	const struct oph_engine *e = &f->engines[side][eng];

	/* As of the engine's last tick: constant between two settles. */
	*fast = e->drifting;
	return e->heat_mk + e->cool_mk;
}

/* How far a module's lasers walked off grid, MHz (to longer wavelengths). */
static s64 laser_walk_mhz(const struct oph_fabric *f, enum oph_side side, u32 mod)
{
	/* Heating as of the module's last tick: constant between settles. */
	return (s64)f->slots[side][mod].tec_mk * TEC_MHZ_PER_K / 1000;
}

/*
 * What the lanes of one direction of a link share: the laser module
 * lighting them, whether light can reach the receiver at all, how far the
 * lines moved from where the rings of both ends were calibrated, and the
 * optical budget without the per-lane variations.  Computed once per link
 * and direction, so that reading a link's sixteen lanes costs sixteen
 * lookups of per-lane variations, not sixteen walks of the topology.
 */
struct lane_ctx {
	struct oph_fabric *f;
	u32 link;
	enum oph_dir dir;
	enum oph_side side;		/* of the module lighting the lanes */
	u32 mod;
	const struct oph_lmod *lit_mod;	/* the module, when present and ready */
	bool reach;			/* interlock passed, engines alive, no cut */
	bool drifting;			/* an engine heats faster than the loop */
	s64 shift_mhz[2];		/* ring tuning to add: tx ring, rx ring */
	s32 oe_base;			/* engine input power, less the laser's */
	s32 rx_base;			/* received power, less the lane's */
};

static void lane_ctx_init(struct lane_ctx *c, struct oph_fabric *f, u32 link,
			  enum oph_dir dir)
{
	const struct oph_slot *s;
	const struct oph_fault *d;
	enum oph_side rx_side;
	bool fast_tx, fast_rx;
	s64 walk;
	u32 mk;

	c->f = f;
	c->link = link;
	c->dir = dir;
	c->side = src_side(dir);
	c->mod = oph_link_module(f, link, c->side);
	s = &f->slots[c->side][c->mod];
	c->lit_mod = s->mod && s->state == OPH_MOD_READY ? s->mod : NULL;
	c->reach = c->lit_mod &&
		   (c->lit_mod->checked & (1ULL << module_pos(f, link, c->side))) &&
		   !oph_engine_dead(f, OPH_SIDE_EP, oph_link_engine(f, link, OPH_SIDE_EP)) &&
		   !oph_engine_dead(f, OPH_SIDE_SW, oph_link_engine(f, link, OPH_SIDE_SW));
	if (c->reach && f->links[link].nfaults) {
		if (dir == OPH_DIR_UP)
			c->reach = !link_fault(f, link, OPH_FAULT_FIBRE_CUT, OPH_FIBRE_TX) &&
				   !link_fault(f, link, OPH_FAULT_FIBRE_CUT, OPH_FIBRE_FEED);
		else
			c->reach = !link_fault(f, link, OPH_FAULT_FIBRE_CUT, OPH_FIBRE_RX);
	}
	/*
	 * A laser walking to longer wavelengths needs more heater; an engine
	 * warming moves its rings there by itself and needs less.  The
	 * modulators sit in the engine on the module's side, the receive
	 * rings in the other.
	 */
	walk = laser_walk_mhz(f, c->side, c->mod);
	rx_side = dir == OPH_DIR_UP ? OPH_SIDE_SW : OPH_SIDE_EP;
	mk = engine_heating(f, c->side, oph_link_engine(f, link, c->side), &fast_tx);
	c->shift_mhz[0] = walk - (s64)mk * RING_MHZ_PER_MK;
	mk = engine_heating(f, rx_side, oph_link_engine(f, link, rx_side), &fast_rx);
	c->shift_mhz[1] = walk - (s64)mk * RING_MHZ_PER_MK;
	c->drifting = fast_tx || fast_rx;

	/* The budget of the file's header, in the order it lists it. */
	c->oe_base = LASER_MDBM - (s32)oph_mdb_of_n[OPH_MODULE_FIBRES];
	c->oe_base -= FEED_MDB + CONN_MDB + oph_vary(f, OPH_VAR_FIBRE, link ^ 0x55555555,
						     -500, 500);
	if (dir == OPH_DIR_UP) {
		d = link_fault(f, link, OPH_FAULT_FIBRE_DIRTY, OPH_FIBRE_FEED);
		if (d)
			c->oe_base -= d->value * 10;
	}
	c->rx_base = c->oe_base - MOD_LOSS_MDB - CONN_MDB;
	c->rx_base -= (s32)(oph_link_fibre_dm(f, link) / 28);
	d = link_fault(f, link, OPH_FAULT_FIBRE_DIRTY,
		       dir == OPH_DIR_UP ? OPH_FIBRE_TX : OPH_FIBRE_RX);
	if (d)
		c->rx_base -= d->value * 10;
}

/* Tuning ring @ring (0: modulator, 1: receive) of a lane took at calibration. */
static s64 ring_bias_mhz(const struct lane_ctx *c, u32 lane, u32 ring)
{
	u32 idx = oph_lane_idx(c->f, c->link, c->dir, lane);

	return oph_vary(c->f, OPH_VAR_RING, ring ? idx : idx ^ 0x3c3c3c3c,
			RING_BIAS_LO, RING_BIAS_HI);
}

/* How far one ring sits off its line, pm: 0 within its tuning range. */
static u32 ring_out_pm(const struct lane_ctx *c, u32 lane, u32 ring)
{
	s64 need;

	if (!c->shift_mhz[ring])
		return 0;	/* calibrated here: mid-range by construction */
	need = ring_bias_mhz(c, lane, ring) + c->shift_mhz[ring];
	if (need < 0)
		need = -need;
	else if (need > RING_RANGE_MHZ)
		need -= RING_RANGE_MHZ;
	else
		return 0;
	return (u32)min_t(s64, need * RING_PM_PER_GHZ_X100 / 100000, 1000000);
}

/* The worse of a lane's two rings, with the lag of a fast heating. */
static u32 ring_off_pm(const struct lane_ctx *c, u32 lane)
{
	u32 off = max(ring_out_pm(c, lane, 0), ring_out_pm(c, lane, 1));

	return c->drifting ? max_t(u32, off, RING_LAG_PM) : off;
}

/* A ring more than the lock window off its line has lost the lane. */
static bool ring_lost(const struct lane_ctx *c, u32 lane)
{
	return ring_off_pm(c, lane) > RING_UNLOCK_PM;
}

/*
 * Loss of a ring @off pm off its line: a Lorentzian 200 pm wide at half
 * maximum is 3 dB down at 100 pm; quadratic below that (0.75 dB at 50 pm).
 */
static s32 ring_penalty_mdb(u32 off)
{
	return (s32)(3010 * min(off, 100U) * min(off, 100U) / 10000);
}

static bool laser_on(const struct lane_ctx *c, u32 lane)
{
	return c->lit_mod && c->lit_mod->laser[lane] == OPH_LASER_ON;
}

static bool lane_lit(const struct lane_ctx *c, u32 lane)
{
	return laser_on(c, lane) && c->reach && !ring_lost(c, lane);
}

/*
 * Causes, as a technician acts on them: first what darkens a whole
 * direction (an engine, the laser module, a fibre), then what darkens one
 * lane (its laser, a ring), and last the bit errors of a lit lane.
 */
static bool link_has_fault(const struct lane_ctx *c, u8 kind, u8 which)
{
	return c->f->links[c->link].nfaults && link_fault(c->f, c->link, kind, which);
}

static u8 dir_cause(const struct lane_ctx *c)
{
	const struct oph_fabric *f = c->f;
	const struct oph_slot *s = &f->slots[c->side][c->mod];
	u32 side, eng;

	for (side = 0; side < 2; side++) {
		eng = oph_link_engine(f, c->link, side);
		if (oph_engine_dead(f, side, eng))
			return f->engines[side][eng].shutdown ? OPH_DOWN_THERMAL :
			       OPH_DOWN_ENGINE;
	}
	if (!c->lit_mod) {
		if (s->mod && (s->admin == OPH_ADMIN_UNPROVISIONING ||
			       s->admin == OPH_ADMIN_UNPROVISIONED))
			return OPH_DOWN_DRAIN;
		if (s->mod && s->state == OPH_MOD_FAULT &&
		    s->fault_cause == OPH_MC_TEC_RUNAWAY)
			return OPH_DOWN_TEC;
		return OPH_DOWN_MODULE;
	}
	if (c->dir == OPH_DIR_UP) {
		if (link_has_fault(c, OPH_FAULT_FIBRE_CUT, OPH_FIBRE_FEED))
			return OPH_DOWN_FEED_FIBRE;
		if (link_has_fault(c, OPH_FAULT_FIBRE_CUT, OPH_FIBRE_TX))
			return OPH_DOWN_FIBRE;
	} else if (link_has_fault(c, OPH_FAULT_FIBRE_CUT, OPH_FIBRE_RX)) {
		return OPH_DOWN_FIBRE;
	}
	/* The interlock holds back light from a feed fibre that lost too much. */
	if (!(c->lit_mod->checked & (1ULL << module_pos(f, c->link, c->side))))
		return link_has_fault(c, OPH_FAULT_FIBRE_DIRTY, OPH_FIBRE_FEED) ?
		       OPH_DOWN_FEED_FIBRE : OPH_DOWN_MODULE;
	return OPH_DOWN_NONE;
}

/*
 * A ring past the end of its range: pulled there by a laser walking off
 * grid (its module's TEC), or left behind by its engine's temperature.
 */
static u8 ring_cause(const struct lane_ctx *c, u32 lane)
{
	enum oph_side side;
	u32 ring;

	for (ring = 0; ring < 2; ring++) {
		if (!ring_out_pm(c, lane, ring))
			continue;
		if (ring_bias_mhz(c, lane, ring) + c->shift_mhz[ring] > RING_RANGE_MHZ &&
		    c->f->slots[c->side][c->mod].tec_mk)
			return OPH_DOWN_TEC;
		/* Ring 0 sits in the engine on the module's side, ring 1 across. */
		side = ring ? !c->side : c->side;
		if (c->f->engines[side][oph_link_engine(c->f, c->link, side)].cool_mk)
			return OPH_DOWN_THERMAL;
	}
	return OPH_DOWN_RING;
}

static s32 oe_input_udbm(const struct lane_ctx *c, u32 lane);
static s32 rx_of(const struct lane_ctx *c, u32 lane, s32 oe);

/*
 * Bit errors of a lit lane, traced as a technician traces them, from what
 * is measured: a laser that drooped, light short at the engine input (the
 * feed fibre), light short at the receiver (the link's fibre), or, with
 * the light where it should be, the bits themselves.
 */
static u8 ber_cause(const struct lane_ctx *c, u32 lane)
{
	const struct oph_thresh *oe_th = oph_thresh_get(c->f, OPH_TH_PORT_OE_IN);
	const struct oph_thresh *rx_th = oph_thresh_get(c->f, OPH_TH_LANE_RX);
	s32 oe = oe_input_udbm(c, lane);

	if (c->lit_mod->droop[lane])
		return OPH_DOWN_LASER;
	/* The port's threshold is for all its lasers together. */
	if (oe + (s32)oph_mdb_of_n[min(c->f->p.lambdas, 64U)] <= oe_th->warn_lo)
		return OPH_DOWN_FEED_FIBRE;
	if (rx_of(c, lane, oe) <= rx_th->warn_lo)
		return OPH_DOWN_FIBRE;
	return OPH_DOWN_BER;
}

/* Why a lane whose direction has light carries no data, or NONE. */
static u8 lit_lane_cause(const struct lane_ctx *c, u32 lane, u8 state)
{
	if (!laser_on(c, lane))
		return c->lit_mod->laser[lane] == OPH_LASER_FAULT ? OPH_DOWN_LASER :
		       OPH_DOWN_MODULE;
	if (ring_lost(c, lane) || state == OPH_LANE_DRIFTING)
		return ring_cause(c, lane);
	return state == OPH_LANE_FAILED ? ber_cause(c, lane) : OPH_DOWN_NONE;
}

/* Light of one laser at the engine input of one of its ports (udBm). */
static s32 oe_input_udbm(const struct lane_ctx *c, u32 lane)
{
	const struct oph_slot *s = &c->f->slots[c->side][c->mod];
	s32 p;

	p = oph_vary(c->f, OPH_VAR_LASER, (c->mod << 1 | c->side) * 16 + lane, -300, 300);
	if (s->mod)
		p -= s->mod->droop[lane] * 500;
	return c->oe_base + p;
}

/* Received power of a lane whose laser gives @oe at the engine input. */
static s32 rx_of(const struct lane_ctx *c, u32 lane, s32 oe)
{
	s32 rx = oe - c->oe_base + c->rx_base +
		 oph_vary(c->f, OPH_VAR_RX, oph_lane_idx(c->f, c->link, c->dir, lane),
			  -500, 500);

	if (c->drifting || c->shift_mhz[0] || c->shift_mhz[1])
		rx -= ring_penalty_mdb(ring_off_pm(c, lane));
	return rx;
}

/* However dim the light, the photodiode reads nothing below its floor. */
static s32 rx_udbm(const struct lane_ctx *c, u32 lane)
{
	return max_t(s32, rx_of(c, lane, oe_input_udbm(c, lane)), RX_FLOOR_UDBM);
}

/* -100 log10(BER) of a lit lane receiving @rx. */
static u32 ber_of(const struct lane_ctx *c, u32 lane, s32 rx)
{
	const struct oph_fault *b;

	if (c->f->links[c->link].nfaults) {
		u8 fibre = c->dir == OPH_DIR_UP ? OPH_FIBRE_TX : OPH_FIBRE_RX;

		/* The lane's own fault first, then the link's; each its direction. */
		b = oph_fault_find(c->f, OPH_FAULT_BER, OPH_SIDE_EP, c->link, lane);
		if (!b || (b->which != OPH_ALL && b->which != fibre))
			b = oph_fault_find(c->f, OPH_FAULT_BER, OPH_SIDE_EP, c->link, OPH_ALL);
		if (b && (b->which == OPH_ALL || b->which == fibre))
			return (u32)max(b->value, 1);
	}
	return oph_ber_e_from_margin(rx - SENS_MDBM);
}

/* -100 log10(BER) of a lit lane. */
static u32 lit_ber_e(const struct lane_ctx *c, u32 lane)
{
	return ber_of(c, lane, rx_udbm(c, lane));
}

/* A lane's state from its light and, lit, its BER (0 when dark). */
static u8 state_of(const struct lane_ctx *c, u32 lane, bool lit, u32 ber)
{
	switch (c->f->links[c->link].state) {
	case OPH_LINK_CALIBRATING:
	case OPH_LINK_RETRAINING:
		return lit ? OPH_LANE_LOCKING : OPH_LANE_DARK;
	case OPH_LINK_TRAINING:
	case OPH_LINK_BER_QUAL:
		return lit ? OPH_LANE_LOCKED : OPH_LANE_DARK;
	case OPH_LINK_UP:
	case OPH_LINK_DEGRADED:
		break;
	default:
		return OPH_LANE_DARK;
	}
	if (!ber) {
		/* Light lost to a ring that ran out of heater: a failed lane. */
		if (laser_on(c, lane) && ring_lost(c, lane))
			return OPH_LANE_FAILED;
		return OPH_LANE_DARK;
	}
	if (ber < oph_ber_e_down(c->dir))
		return OPH_LANE_FAILED;
	return ring_off_pm(c, lane) > RING_WARN_PM ? OPH_LANE_DRIFTING : OPH_LANE_ACTIVE;
}

static u8 lane_state(const struct lane_ctx *c, u32 lane)
{
	u8 ls = c->f->links[c->link].state;
	bool lit = lane_lit(c, lane);

	/* The BER only matters to a link carrying data. */
	return state_of(c, lane, lit, lit && (ls == OPH_LINK_UP || ls == OPH_LINK_DEGRADED) ?
				      lit_ber_e(c, lane) : 0);
}

/*
 * One pass over the lanes of a direction: the lanes carrying data (as
 * lane_state() says ACTIVE or DRIFTING: lit with a BER at or above its
 * direction's down threshold, on a link up or degraded) and, when @oe_udbm is given,
 * the light of the lit lasers at the engine input, as oph_port_oe_udbm().
 */
static u32 scan_dir(const struct lane_ctx *c, s32 *oe_udbm)
{
	u8 ls = c->f->links[c->link].state;
	bool up = ls == OPH_LINK_UP || ls == OPH_LINK_DEGRADED;
	u32 k, n = 0, lit = 0;
	s32 one = 0;

	for (k = 0; k < c->f->p.lambdas; k++) {
		if ((!up && !oe_udbm) || !lane_lit(c, k))
			continue;
		one = oe_input_udbm(c, k);
		lit++;
		if (up && ber_of(c, k, rx_of(c, k, one)) >= oph_ber_e_down(c->dir))
			n++;
	}
	/* @lit lasers of about the same power. */
	if (oe_udbm)
		*oe_udbm = lit ? one + (s32)oph_mdb_of_n[min(lit, 64U)] : RX_FLOOR_UDBM;
	return n;
}

/**
 * oph_port_oe_udbm() - laser light at the engine input of an endpoint port
 * @f: fabric
 * @link: link id
 *
 * Return: the sum over the lit lasers, 0.001 dBm; -40 dBm when dark.
 */
s32 oph_port_oe_udbm(struct oph_fabric *f, u32 link)
{
	struct lane_ctx c;
	s32 oe;

	lane_ctx_init(&c, f, link, OPH_DIR_UP);
	scan_dir(&c, &oe);
	return oe;
}

/**
 * oph_link_lanes_up() - lanes carrying data in one direction
 * @f: fabric
 * @link: link id
 * @dir: direction
 *
 * Return: lanes active or drifting (0 unless the link is up or degraded).
 */
u32 oph_link_lanes_up(struct oph_fabric *f, u32 link, enum oph_dir dir)
{
	struct lane_ctx c;

	if (f->links[link].state != OPH_LINK_UP && f->links[link].state != OPH_LINK_DEGRADED)
		return 0;
	lane_ctx_init(&c, f, link, dir);
	return scan_dir(&c, NULL);
}

/**
 * oph_link_lanes_lit() - lanes of one direction that light reaches
 * @f: fabric
 * @link: link id
 * @dir: direction
 *
 * Return: the lit lanes, whatever their BER.
 */
u32 oph_link_lanes_lit(struct oph_fabric *f, u32 link, enum oph_dir dir)
{
	struct lane_ctx c;
	u32 k, n = 0;

	lane_ctx_init(&c, f, link, dir);
	for (k = 0; k < f->p.lambdas; k++)
		n += lane_lit(&c, k);
	return n;
}

/**
 * oph_link_lanes() - every lane of one direction, from one look at the path
 * @f: fabric
 * @link: link id
 * @dir: direction
 * @v: filled in: each lane's state and BER, and what
 *     oph_link_lanes_lit() and oph_link_lanes_up() say
 *
 * A link settles and is judged on every change of its light; evaluating
 * its module, engines and faults once for all the lanes, not once a lane,
 * is what keeps a bring-up of millions of links affordable.
 */
void oph_link_lanes(struct oph_fabric *f, u32 link, enum oph_dir dir,
		    struct oph_lanes *v)
{
	u8 ls = f->links[link].state;
	bool carrying = ls == OPH_LINK_UP || ls == OPH_LINK_DEGRADED;
	struct lane_ctx c;
	bool lit;
	u32 k;

	lane_ctx_init(&c, f, link, dir);
	v->lit = 0;
	v->up = 0;
	v->worst_ber_e = 0;
	for (k = 0; k < f->p.lambdas; k++) {
		lit = lane_lit(&c, k);
		v->lit += lit;
		/* As lane_state(): the BER only matters to a link carrying data. */
		v->ber_e[k] = lit && carrying ? lit_ber_e(&c, k) : 0;
		v->state[k] = state_of(&c, k, lit, v->ber_e[k]);
		if (v->state[k] != OPH_LANE_ACTIVE && v->state[k] != OPH_LANE_DRIFTING)
			continue;
		v->up++;
		if (!v->worst_ber_e || v->ber_e[k] < v->worst_ber_e)
			v->worst_ber_e = v->ber_e[k];
	}
}

/**
 * oph_link_lit_rx_udbm() - received power of the lit lanes of a direction
 * @f: fabric
 * @link: link id
 * @dir: direction
 * @udbm: filled with one 0.001 dBm figure per lit lane, lane order;
 *	  room for OPH_MAX_LAMBDAS
 *
 * Whether light reaches each lane's receiver and how much, from one look
 * at the link's module, engines and faults: a link's alarms are latched
 * on every change of light, for each of its lanes.
 *
 * Return: the lit lanes, the figures filled.
 */
u32 oph_link_lit_rx_udbm(struct oph_fabric *f, u32 link, enum oph_dir dir,
			 s32 *udbm)
{
	struct lane_ctx c;
	u32 k, n = 0;

	lane_ctx_init(&c, f, link, dir);
	for (k = 0; k < f->p.lambdas; k++)
		if (lane_lit(&c, k))
			udbm[n++] = rx_udbm(&c, k);
	return n;
}

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
	n = oph_mul_div(codewords, oph_frac_pow10[e % 100], 1ULL << 32);
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
		if (oph_mul_div(v, oph_frac_pow10[mid], 1ULL << 32) >= p)
			lo = mid;
		else
			hi = mid - 1;
	}
	return k * 100 + lo;
}

/*
 * The pre-FEC BER a receiver can report (CMIS VDM style) for a lane whose
 * errors follow a BER of 10^(-@ber_e/100), after @bits: the estimate while
 * the errors counted (about @ber_e x @bits) are three or more; otherwise
 * only the bound of three errors, BER < 3 / bits (95 % confidence), and
 * never below the floor.  Return: the value; *@bound when it is a bound.
 */
static u32 ber_reported(u32 ber_e, u64 bits, bool *bound)
{
	u32 lim = OPH_BER_E_FLOOR;

	if (bits >= 3)
		lim = min(lim, log10_x100(bits) - 48);	/* log10(3) = 0.477 */
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
static u8 link_cause(struct oph_fabric *f, u32 link);

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
	struct lane_ctx c;
	struct oph_link *l;
	u64 active, dark, dt;
	u32 idx, ber, off;
	bool carrying, lit;
	s64 need;

	if (check_lane(f, link, lane) || (dir != OPH_DIR_UP && dir != OPH_DIR_DOWN))
		return -ERANGE;
	l = &f->links[link];
	idx = oph_lane_idx(f, link, dir, lane);
	memset(li, 0, sizeof(*li));
	lane_ctx_init(&c, f, link, dir);
	lit = lane_lit(&c, lane);
	if (lit) {
		li->rx_power_udbm = rx_udbm(&c, lane);
		li->margin_mdb = li->rx_power_udbm - SENS_MDBM;
		li->flags = oph_thresh_flags(f, OPH_TH_LANE_RX, li->rx_power_udbm);
		ber = ber_of(&c, lane, li->rx_power_udbm);
	} else {
		li->rx_power_udbm = RX_FLOOR_UDBM;
		li->margin_mdb = RX_FLOOR_UDBM - SENS_MDBM;
		ber = 0;
	}
	li->state = state_of(&c, lane, lit, ber);
	carrying = li->state == OPH_LANE_ACTIVE || li->state == OPH_LANE_DRIFTING;
	if (l->state == OPH_LINK_DOWN) {
		li->cause = OPH_DOWN_ADMIN;
	} else if (li->state != OPH_LANE_ACTIVE) {
		li->cause = dir_cause(&c);
		if (!li->cause)
			li->cause = lit_lane_cause(&c, lane, li->state);
		/* Lit, yet dark or failed with its link: the link's cause. */
		if (!li->cause && li->state != OPH_LANE_LOCKING && li->state != OPH_LANE_LOCKED)
			li->cause = link_cause(f, link);
	}

	/*
	 * The receive ring: its heater holds what it took at calibration plus
	 * the shift since, within its range; a ring off its line by no more
	 * than its resonance's width reads a small offset, within the lock
	 * window.
	 */
	need = ring_bias_mhz(&c, lane, 1) + c.shift_mhz[1];
	need = max_t(s64, 0, min_t(s64, need, RING_RANGE_MHZ));
	li->heater_uw = (u32)(need * 44 / 10000);
	li->ring_offset_pm = oph_vary(f, OPH_VAR_RING, idx ^ 0xa5a5a5, -10, 10);
	off = ring_off_pm(&c, lane);
	if (off)
		li->ring_offset_pm = (s32)off;

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
		u32 i = ber / 100;
		u64 e = ber >= 1900 ? 0 : oph_mul_div(b, oph_frac_pow10[ber % 100], 1ULL << 32);

		while (i-- && e)
			e /= 10;
		li->err_bits = oph_add_sat(li->err_bits, e);
	}
	if (carrying)
		li->ber_e = ber_reported(ber, li->bits, &li->ber_bound);
	li->has_fec = dir == OPH_DIR_UP;
	if (li->has_fec) {
		/* One correction per errored bit, at most one per codeword. */
		li->fec_corrected = min(li->err_bits, li->bits / 5440);
		li->fec_uncorrectable = l->fec_unc;
		/* Since the last settle, at the rate of the link's worst lane. */
		if (dt && (l->state == OPH_LINK_UP || l->state == OPH_LINK_DEGRADED) &&
		    !link_clean(f, link)) {
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
 * oph_link_diagnose() - why a link lacks light or lanes, physically
 * @f: fabric
 * @link: link id
 *
 * The cause of a direction without light if there is one (the up one
 * first), else the cause most of its lanes not carrying data share.
 *
 * Return: enum oph_down_reason; NONE when nothing is wrong with its path.
 */
u8 oph_link_diagnose(struct oph_fabric *f, u32 link)
{
	u32 n[__OPH_DOWN_CNT] = { 0 };
	struct lane_ctx c;
	u32 dir, k, best = OPH_DOWN_NONE;
	u8 cause;

	for (dir = 0; dir < 2; dir++) {
		lane_ctx_init(&c, f, link, dir);
		cause = dir_cause(&c);
		if (cause)
			return cause;
		for (k = 0; k < f->p.lambdas; k++) {
			u8 st = lane_state(&c, k);

			if (st != OPH_LANE_ACTIVE)
				n[lit_lane_cause(&c, k, st)]++;
		}
	}
	for (k = 1; k < __OPH_DOWN_CNT; k++)
		if (n[k] && (!best || n[k] > n[best]))
			best = k;
	return (u8)best;
}

/* The cause of a link that is not up, as its state and its path tell it. */
static u8 link_cause(struct oph_fabric *f, u32 link)
{
	const struct oph_link *l = &f->links[link];
	u8 cause;

	switch (l->state) {
	case OPH_LINK_UP:
		return OPH_DOWN_NONE;
	case OPH_LINK_DOWN:
		return OPH_DOWN_ADMIN;
	case OPH_LINK_FAILED:
		/* Latched: what failed it, until an admin clears it. */
		return l->down_reason;
	default:
		break;
	}
	cause = oph_link_diagnose(f, link);
	if (cause)
		return cause;
	/* Degraded with every lane carrying: the lane whose errors warn. */
	if (l->state == OPH_LINK_DEGRADED) {
		struct lane_ctx c;
		u32 dir, k, e;

		for (dir = 0; dir < 2; dir++) {
			lane_ctx_init(&c, f, link, dir);
			for (k = 0; k < f->p.lambdas; k++) {
				if (!lane_lit(&c, k))
					continue;
				e = lit_ber_e(&c, k);
				if (e < (dir == OPH_DIR_UP ? OPH_KP4_E_DEGRADE : OPH_BER_E_WARN))
					return ber_cause(&c, k);
			}
		}
		return OPH_DOWN_BER;
	}
	/* In bring-up: a retry names what failed the last attempt. */
	return l->state == OPH_LINK_RETRAINING || l->retries ? l->down_reason : OPH_DOWN_NONE;
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
	struct lane_ctx c;
	struct oph_link *l;

	if (link >= f->t.links)
		return -ERANGE;
	l = &f->links[link];
	memset(li, 0, sizeof(*li));
	li->state = l->state;
	li->admin_up = l->flags & OPH_LF_ADMIN_UP;
	li->down_reason = l->down_reason;
	/* Both directions' lanes, and the engine input on the way. */
	lane_ctx_init(&c, f, link, OPH_DIR_UP);
	li->lanes_up[OPH_DIR_UP] = (u8)scan_dir(&c, &li->oe_input_udbm);
	li->lanes_up[OPH_DIR_DOWN] = (u8)oph_link_lanes_up(f, link, OPH_DIR_DOWN);
	if (li->oe_input_udbm > RX_FLOOR_UDBM)
		li->flags = oph_thresh_flags(f, OPH_TH_PORT_OE_IN, li->oe_input_udbm);
	/* Each fibre apart: the feed, then the link's pair, each way. */
	li->feed_loss_mdb = FEED_MDB + oph_vary(f, OPH_VAR_FIBRE, link ^ 0x55555555,
						-500, 500);
	li->fibre_m_dm = oph_link_fibre_dm(f, link);
	li->tof_ps = li->fibre_m_dm * 490;
	li->tx_loss_mdb = CONN_MDB + (s32)(li->fibre_m_dm / 28);
	li->rx_loss_mdb = li->tx_loss_mdb;
	if (l->nfaults) {
		const struct oph_fault *d;

		d = link_fault(f, link, OPH_FAULT_FIBRE_DIRTY, OPH_FIBRE_FEED);
		if (d)
			li->feed_loss_mdb += d->value * 10;
		d = link_fault(f, link, OPH_FAULT_FIBRE_DIRTY, OPH_FIBRE_TX);
		if (d)
			li->tx_loss_mdb += d->value * 10;
		d = link_fault(f, link, OPH_FAULT_FIBRE_DIRTY, OPH_FIBRE_RX);
		if (d)
			li->rx_loss_mdb += d->value * 10;
	}
	li->latched = l->latched;
	li->up_count = l->up_count;
	li->down_count = l->down_count;
	li->flap_count = l->flap_count;
	li->retrain_count = l->retrain_count;
	li->retries = l->retries;
	li->cause = link_cause(f, link);
	li->time_in_state_ns = f->now - l->since;
	li->bandwidth_gbps = min(li->lanes_up[0], li->lanes_up[1]) * f->p.lane_gbps;
	return 0;
}

/* Life an aging rate uses over @ns: the rate is in ppm of life per hour. */
static u64 life_ppm(u64 ns, u32 rate)
{
	return ns / OPH_NS_PER_S * rate / 3600;
}

/* @v times 10^(@e / 100), for |@e| below 1000. */
static u64 scale_pow10(u64 v, s32 e)
{
	u32 k;

	if (e >= 0) {
		for (k = (u32)(e + 99) / 100; k; k--)
			v *= 10;
		return oph_mul_div(v, oph_frac_pow10[(100 - e % 100) % 100], 1ULL << 32);
	}
	v = oph_mul_div(v, oph_frac_pow10[-e % 100], 1ULL << 32);
	for (k = (u32)-e / 100; k; k--)
		v /= 10;
	return v;
}

/*
 * The wear-out rate of one laser, parts per billion of its life per hour:
 * its life is lognormal, drawn from the seed and the module's serial
 * number (a new module brings new lasers).  The normal deviate is the sum
 * of twelve uniform ones less six (Irwin-Hall), within +-6 sigma.
 */
static u64 laser_life_rate(const struct oph_fabric *f, const struct oph_lmod *m,
			   u32 laser)
{
	s64 zq = -6 * 65536 + 6;	/* z in 1/65536, centred */
	u32 j, h;

	for (j = 0; j < 6; j++) {
		h = oph_hash32(f->p.seed, OPH_VAR_LIFE << 8 | j, m->serial * 16 + laser);
		zq += (h & 0xffff) + (h >> 16);
	}
	/* rate = median rate x e^(-sigma z) = median rate x 10^(-sigma z / ln 10) */
	return scale_pow10(1000000000ULL / LIFE_MEDIAN_H,
			   (s32)(-zq * LIFE_SIGMA_DEC / (65536 * 1000)));
}

/* Life used over @ns at @rate parts per billion per hour, in ppm. */
static u64 life_ppm_of(u64 ns, u64 rate)
{
	return ns / OPH_NS_PER_S * rate / 3600000;
}

/*
 * Life used, ppm: the laser's own wear-out rate since insertion, what
 * cleared aging faults added (kept in the module), and what the faults
 * injected now add since their injection, one on the laser and one on
 * every laser alike.  Clearing a fault takes nothing back: a counter.
 */
static u64 age_ppm(const struct oph_fabric *f, enum oph_side side, u32 mod,
		   u32 laser)
{
	const struct oph_lmod *m = f->slots[side][mod].mod;
	const struct oph_fault *a;
	u64 age = life_ppm_of(f->now - m->inserted, laser_life_rate(f, m, laser)) +
		  (u64)m->aged[laser] * 100;

	if (!f->slots[side][mod].nfaults)
		return age;
	a = oph_fault_find(f, OPH_FAULT_LASER_AGING, side, mod, laser);
	if (a)
		age += life_ppm(f->now - a->since, (u32)a->value);
	a = oph_fault_find(f, OPH_FAULT_LASER_AGING, side, mod, OPH_ALL);
	if (a)
		age += life_ppm(f->now - a->since, (u32)a->value);
	return age;
}

/**
 * oph_aging_cleared() - an aging fault ends: keep the life it used
 * @f: fabric
 * @a: the fault, still in the table
 *
 * Rounded up to the 100 ppm the module keeps, so that life used never
 * goes back.
 */
void oph_aging_cleared(struct oph_fabric *f, const struct oph_fault *a)
{
	struct oph_lmod *m = f->slots[a->side][a->target].mod;
	u64 used = DIV_ROUND_UP(life_ppm(f->now - a->since, (u32)a->value), 100);
	u32 k;

	for (k = 0; k < f->p.lambdas; k++)
		if (a->lane == OPH_ALL || a->lane == k)
			m->aged[k] = (u16)min_t(u64, m->aged[k] + used, U16_MAX);
}

/**
 * oph_laser_droop() - power steps an aged laser has lost
 * @f: fabric
 * @side: side of the module
 * @mod: module id, present
 * @laser: laser index
 *
 * Past 1.5x its beginning-of-life bias the power control gives up 0.5 dB
 * for every further 5 % of life.
 *
 * Return: 0.5 dB steps, at most 40.
 */
u8 oph_laser_droop(struct oph_fabric *f, enum oph_side side, u32 mod, u32 laser)
{
	u64 age = age_ppm(f, side, mod, laser);

	if (age <= 1000000)
		return 0;
	return (u8)min((age - 1000000) / 50000, (u64)40);
}

/**
 * oph_laser_get() - telemetry of one laser of a module
 * @f: fabric
 * @side: side of the module
 * @mod: module id
 * @laser: laser index
 * @li: filled in
 *
 * Bias rises by half its beginning-of-life value over the laser's life; the
 * automatic power control holds the power until the bias reaches 1.5x, then
 * the power droops.  The aging predictor compares the bias with the curve
 * of nominal aging and fires when it runs 2 % of BOL ahead, long before
 * the +20 % warning.
 *
 * Return: 0, -ERANGE, -ENODEV (no module).
 */
int oph_laser_get(struct oph_fabric *f, enum oph_side side, u32 mod, u32 laser,
		  struct oph_laser_info *li)
{
	struct oph_slot *s;
	u64 age, expected, bol, bias;
	s64 walk;

	if ((side != OPH_SIDE_EP && side != OPH_SIDE_SW) ||
	    mod >= oph_nmods(f, side) || laser >= f->p.lambdas)
		return -ERANGE;
	s = &f->slots[side][mod];
	if (!s->mod)
		return -ENODEV;
	memset(li, 0, sizeof(*li));
	li->state = s->mod->laser[laser];
	li->fibre_checked = s->mod->checked != 0;
	age = age_ppm(f, side, mod, laser);
	li->age_ppm = (u32)min_t(u64, age, 10000000);
	bol = BIAS_BOL_UA + oph_vary(f, OPH_VAR_LASER, (mod << 1 | side) * 16 + laser,
				     -20000, 20000);
	bias = bol + bol * min_t(u64, age, 4000000) / 2000000;
	/* The fleet's curve: a laser of median life, as characterised. */
	expected = bol + bol * life_ppm_of(f->now - s->mod->inserted,
					   1000000000ULL / LIFE_MEDIAN_H) / 2000000;
	li->aging_predicted = bias > expected &&
			      (bias - expected) * 1000000 > bol * PREDICT_PPM;
	/* The demanded bias warns even where the power control clamps it. */
	if (li->state == OPH_LASER_ON || li->state == OPH_LASER_FAULT)
		li->flags |= oph_thresh_flags(f, OPH_TH_LASER_BIAS,
					      (s32)min_t(u64, bias * 1000 / bol, 100000));
	bias = min(bias, bol * 3 / 2);
	if (li->state == OPH_LASER_ON || li->state == OPH_LASER_RAMPING) {
		li->bias_ua = (u32)bias;
		li->power_uw = (u32)attenuate(50000, s->mod->droop[laser] * 500);
	} else if (li->state == OPH_LASER_CHECK) {
		li->bias_ua = (u32)(bol / 10);
		li->power_uw = 1000;	/* check power, eye safe */
	}
	li->voltage_mv = li->bias_ua ? 1400 + li->bias_ua / 1000 : 0;
	/*
	 * Only light has a wavelength, and the laser's thermistor is read
	 * through its TEC's controller: a laser that does not shine measures
	 * neither (the "unset" convention: the values are left out).
	 */
	if (li->state == OPH_LASER_ON || li->state == OPH_LASER_RAMPING ||
	    li->state == OPH_LASER_CHECK) {
		walk = laser_walk_mhz(f, side, mod);
		li->have = OPH_LASER_HAVE_FREQ | OPH_LASER_HAVE_TEMP;
		li->freq_err_mhz = (s32)min_t(s64, walk, 2000000000) +
				   oph_vary(f, OPH_VAR_TEMP, (mod << 1 | side) * 16 + laser,
					    -2000, 2000);
		li->temp_mc = 50000 + (s32)s->tec_mk +
			      oph_vary(f, OPH_VAR_TEMP, (mod << 1 | side) * 16 + laser + 7,
				       -100, 100);
		/* Cooling a warmer case: more current in a warmer module. */
		if (!s->tec_mk)
			li->tec_ma = 300 + (u32)oph_vary(f, OPH_VAR_RTH, mod << 1 | side, 0, 200);
		li->flags |= oph_thresh_flags(f, OPH_TH_LASER_FREQ, li->freq_err_mhz) << 8;
	}
	/* A laser in fault emits nothing: that is a low-power alarm. */
	if (li->state == OPH_LASER_ON || li->state == OPH_LASER_FAULT)
		li->flags |= oph_thresh_flags(f, OPH_TH_LASER_POWER, (s32)li->power_uw) << 4;
	if (li->state == OPH_LASER_FAULT)
		li->cause = OPH_MC_LASER;
	else if (s->state == OPH_MOD_FAULT)
		li->cause = s->fault_cause;
	else if (s->tec_mk)
		li->cause = OPH_MC_TEC_RUNAWAY;
	else if (li->aging_predicted || (li->flags & OPH_FLAGS_MASK))
		li->cause = OPH_MC_AGING;
	li->latched = s->mod->latched[laser];
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
 * A link that is up with nothing wrong anywhere on its path carries every
 * lane: the common case, answered without evaluating the lanes.
 */
static bool link_clean(struct oph_fabric *f, u32 link)
{
	const struct oph_engine *e;
	const struct oph_slot *s;
	u32 side, k;

	if (f->links[link].state != OPH_LINK_UP || f->links[link].nfaults)
		return false;
	for (side = 0; side < 2; side++) {
		s = &f->slots[side][oph_link_module(f, link, side)];
		e = &f->engines[side][oph_link_engine(f, link, side)];
		if (s->nfaults || !s->mod || s->state != OPH_MOD_READY ||
		    !(s->mod->checked & (1ULL << module_pos(f, link, side))) ||
		    e->nfaults || e->health.quarantined)
			return false;
		for (k = 0; k < f->p.lambdas; k++)
			if (s->mod->laser[k] != OPH_LASER_ON || s->mod->droop[k])
				return false;
	}
	return true;
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
