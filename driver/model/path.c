// SPDX-License-Identifier: GPL-2.0
/*
 * ophoton model: light along a link, and why a lane carries no data.
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
#define TEC_MHZ_PER_K	17750	/* 0.1 nm/K at 1300 nm */
#define RING_RANGE_MHZ	795000	/* 4.48 nm of thermal tuning */
#define RING_MHZ_PER_MK	10	/* 10 GHz/K */
#define RING_BIAS_LO	300000	/* tuning used at calibration, MHz */
#define RING_BIAS_HI	500000
#define RING_PM_PER_GHZ_X100	564	/* 1 GHz is 5.64 pm at 1300 nm */
#define RING_WARN_PM	50	/* off its line: drifting */
#define RING_UNLOCK_PM	100	/* off its line: lock lost */
#define RING_LAG_PM	60	/* behind a heating faster than the loop */

/**
 * oph_attenuate() - a linear figure after a loss
 * @v: the figure before
 * @mdb: the loss, 0.001 dB
 *
 * Return: @v times 10^(-@mdb/10000), to 0.1 dB.
 */
u64 oph_attenuate(u64 v, u32 mdb)
{
	u32 i = mdb / 100;
	u64 r = oph_frac_mul(v, oph_frac_pow10[i % 100]);

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

/**
 * oph_laser_walk_mhz() - how far a module's lasers walked off grid
 * @f: fabric
 * @side: the module's side
 * @mod: the module's slot
 *
 * Return: MHz, positive to longer wavelengths.
 */
s64 oph_laser_walk_mhz(const struct oph_fabric *f, enum oph_side side, u32 mod)
{
	/* Heating as of the module's last tick: constant between settles. */
	return (s64)f->slots[side][mod].tec_mk * TEC_MHZ_PER_K / 1000;
}

/*
 * The feed fibre's loss, from the laser module to the engine input: the
 * endpoint's feed (the up direction's) with the dirt injected on it.
 */
static s32 feed_mdb(const struct oph_fabric *f, u32 link, bool dirt)
{
	const struct oph_fault *d;
	s32 mdb = FEED_MDB + oph_vary(f, OPH_VAR_FIBRE, link ^ 0x55555555, -500, 500);

	if (dirt) {
		d = link_fault(f, link, OPH_FAULT_FIBRE_DIRTY, OPH_FIBRE_FEED);
		if (d)
			mdb += d->value * 10;
	}
	return mdb;
}

/* The link's own fibre, each way: its connectors and 0.35 dB/km, no dirt. */
static s32 fibre_mdb(const struct oph_where *w)
{
	return CONN_MDB + (s32)(w->fibre_dm / 28);
}

/* Engine input, less the laser's own variation, behind a feed of @feed loss. */
static s32 oe_base_of(s32 feed)
{
	return LASER_MDBM - (s32)oph_mdb_of_n[OPH_MODULE_FIBRES] - feed - CONN_MDB;
}

/* A laser's power over the nominal (udBm): seeded per laser, less its droop. */
static s32 laser_var_udbm(const struct oph_fabric *f, enum oph_side side, u32 mod,
			  u32 lane)
{
	const struct oph_slot *s = &f->slots[side][mod];
	s32 p = oph_vary(f, OPH_VAR_LASER, (mod << 1 | side) * 16 + lane, -300, 300);

	if (s->mod)
		p -= s->mod->droop[lane] * 500;
	return p;
}

/* The path of one direction of a link, from where the link runs. */
static void path_init_at(struct oph_path *c, struct oph_fabric *f, u32 link,
			 const struct oph_where *w, enum oph_dir dir)
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
	c->mod = w->mod[c->side];
	s = &f->slots[c->side][c->mod];
	c->lit_mod = s->mod && s->state == OPH_MOD_READY ? s->mod : NULL;
	c->reach = c->lit_mod &&
		   (c->lit_mod->checked & (1ULL << w->pos[c->side])) &&
		   !oph_engine_dead(f, OPH_SIDE_EP, w->eng[OPH_SIDE_EP]) &&
		   !oph_engine_dead(f, OPH_SIDE_SW, w->eng[OPH_SIDE_SW]);
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
	walk = oph_laser_walk_mhz(f, c->side, c->mod);
	rx_side = dir == OPH_DIR_UP ? OPH_SIDE_SW : OPH_SIDE_EP;
	mk = engine_heating(f, c->side, w->eng[c->side], &fast_tx);
	c->shift_mhz[0] = walk - (s64)mk * RING_MHZ_PER_MK;
	mk = engine_heating(f, rx_side, w->eng[rx_side], &fast_rx);
	c->shift_mhz[1] = walk - (s64)mk * RING_MHZ_PER_MK;
	c->drifting = fast_tx || fast_rx;

	/* The budget of the file's header, in the order it lists it. */
	c->oe_base = oe_base_of(feed_mdb(f, link, dir == OPH_DIR_UP));
	c->rx_base = c->oe_base - MOD_LOSS_MDB - fibre_mdb(w);
	d = link_fault(f, link, OPH_FAULT_FIBRE_DIRTY,
		       dir == OPH_DIR_UP ? OPH_FIBRE_TX : OPH_FIBRE_RX);
	if (d)
		c->rx_base -= d->value * 10;
}

static void path_init(struct oph_path *c, struct oph_fabric *f, u32 link,
		      enum oph_dir dir)
{
	/* Written whole by oph_link_where(): no zeroing first (a dump's per-lane path). */
	struct oph_where w __uninitialized;

	oph_link_where(f, link, &w);
	path_init_at(c, f, link, &w, dir);
}

/* Tuning ring @ring (0: modulator, 1: receive) of a lane took at calibration. */
static s64 ring_bias_mhz(const struct oph_path *c, u32 lane, u32 ring)
{
	u32 idx = oph_lane_idx(c->f, c->link, c->dir, lane);

	return oph_vary(c->f, OPH_VAR_RING, ring ? idx : idx ^ 0x3c3c3c3c,
			RING_BIAS_LO, RING_BIAS_HI);
}

/* How far one ring sits off its line, pm: 0 within its tuning range. */
static u32 ring_out_pm(const struct oph_path *c, u32 lane, u32 ring)
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

/*
 * The worse of a lane's two rings, with the lag of a fast heating.  Rings
 * that have not moved since calibration sit mid-range: the common case,
 * asked several times for each lane read, answered inline.
 */
static u32 ring_off_moved(const struct oph_path *c, u32 lane)
{
	return max(ring_out_pm(c, lane, 0), ring_out_pm(c, lane, 1));
}

static inline u32 ring_off_pm(const struct oph_path *c, u32 lane)
{
	u32 off = c->shift_mhz[0] || c->shift_mhz[1] ? ring_off_moved(c, lane) : 0;

	return c->drifting ? max_t(u32, off, RING_LAG_PM) : off;
}

/* A ring more than the lock window off its line has lost the lane. */
static bool ring_lost(const struct oph_path *c, u32 lane)
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

static bool laser_on(const struct oph_path *c, u32 lane)
{
	return c->lit_mod && c->lit_mod->laser[lane] == OPH_LASER_ON;
}

static bool lane_lit(const struct oph_path *c, u32 lane)
{
	return laser_on(c, lane) && c->reach && !ring_lost(c, lane);
}

/*
 * Causes, as a technician acts on them: first what darkens a whole
 * direction (an engine, the laser module, a fibre), then what darkens one
 * lane (its laser, a ring), and last the bit errors of a lit lane.
 */
static bool link_has_fault(const struct oph_path *c, u8 kind, u8 which)
{
	return c->f->links[c->link].nfaults && link_fault(c->f, c->link, kind, which);
}

static u8 dir_cause(const struct oph_path *c)
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
	if (!(c->lit_mod->checked & (1ULL << oph_module_pos(f, c->link, c->side))))
		return link_has_fault(c, OPH_FAULT_FIBRE_DIRTY, OPH_FIBRE_FEED) ?
		       OPH_DOWN_FEED_FIBRE : OPH_DOWN_MODULE;
	return OPH_DOWN_NONE;
}

/*
 * A ring past the end of its range: pulled there by a laser walking off
 * grid (its module's TEC), or left behind by its engine's temperature.
 */
static u8 ring_cause(const struct oph_path *c, u32 lane)
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

static s32 oe_input_udbm(const struct oph_path *c, u32 lane);
static s32 rx_of(const struct oph_path *c, u32 lane, s32 oe);

/*
 * Bit errors of a lit lane, traced as a technician traces them, from what
 * is measured: a laser that drooped, light short at the engine input (the
 * feed fibre), light short at the receiver (the link's fibre), or, with
 * the light where it should be, the bits themselves.
 */
static u8 ber_cause(const struct oph_path *c, u32 lane)
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
static u8 lit_lane_cause(const struct oph_path *c, u32 lane, u8 state)
{
	if (!laser_on(c, lane))
		return c->lit_mod->laser[lane] == OPH_LASER_FAULT ? OPH_DOWN_LASER :
		       OPH_DOWN_MODULE;
	if (ring_lost(c, lane) || state == OPH_LANE_DRIFTING)
		return ring_cause(c, lane);
	return state == OPH_LANE_FAILED ? ber_cause(c, lane) : OPH_DOWN_NONE;
}

/* Light of one laser at the engine input of one of its ports (udBm). */
static s32 oe_input_udbm(const struct oph_path *c, u32 lane)
{
	return c->oe_base + laser_var_udbm(c->f, c->side, c->mod, lane);
}

/* Received power of a lane whose laser gives @oe at the engine input. */
static s32 rx_of(const struct oph_path *c, u32 lane, s32 oe)
{
	s32 rx = oe - c->oe_base + c->rx_base +
		 oph_vary(c->f, OPH_VAR_RX, oph_lane_idx(c->f, c->link, c->dir, lane),
			  -500, 500);

	if (c->drifting || c->shift_mhz[0] || c->shift_mhz[1])
		rx -= ring_penalty_mdb(ring_off_pm(c, lane));
	return rx;
}

/* However dim the light, the photodiode reads nothing below its floor. */
static s32 rx_udbm(const struct oph_path *c, u32 lane)
{
	return max_t(s32, rx_of(c, lane, oe_input_udbm(c, lane)), OPH_RX_FLOOR_UDBM);
}

/* -100 log10(BER) of a lit lane receiving @rx. */
static u32 ber_of(const struct oph_path *c, u32 lane, s32 rx)
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
static u32 lit_ber_e(const struct oph_path *c, u32 lane)
{
	return ber_of(c, lane, rx_udbm(c, lane));
}

/* A lane's state from its light and, lit, its BER (0 when dark). */
static u8 state_of(const struct oph_path *c, u32 lane, bool lit, u32 ber)
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

static u8 lane_state(const struct oph_path *c, u32 lane)
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
static u32 scan_dir(const struct oph_path *c, s32 *oe_udbm)
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
		*oe_udbm = lit ? one + (s32)oph_mdb_of_n[min(lit, 64U)] : OPH_RX_FLOOR_UDBM;
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
	struct oph_path c;
	s32 oe;

	path_init(&c, f, link, OPH_DIR_UP);
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
	struct oph_path c;

	if (f->links[link].state != OPH_LINK_UP && f->links[link].state != OPH_LINK_DEGRADED)
		return 0;
	path_init(&c, f, link, dir);
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
	struct oph_path c;
	u32 k, n = 0;

	path_init(&c, f, link, dir);
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
	struct oph_path c;
	bool lit;
	u32 k;

	path_init(&c, f, link, dir);
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
	struct oph_path c;
	u32 k, n = 0;

	path_init(&c, f, link, dir);
	for (k = 0; k < f->p.lambdas; k++)
		if (lane_lit(&c, k))
			udbm[n++] = rx_udbm(&c, k);
	return n;
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
	struct oph_path c;
	u32 dir, k, best = OPH_DOWN_NONE;
	u8 cause;

	for (dir = 0; dir < 2; dir++) {
		path_init(&c, f, link, dir);
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

/**
 * oph_link_cause() - why a link is not up, as a technician acts on it
 * @f: fabric
 * @link: link id
 *
 * As its state and its path tell it: the admin, the latched reason of a
 * failed link, the path's own cause, or the lane whose errors warn.
 *
 * Return: enum oph_down_reason; NONE for a link up and clean.
 */
u8 oph_link_cause(struct oph_fabric *f, u32 link)
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
		struct oph_path c;
		u32 dir, k, e;

		for (dir = 0; dir < 2; dir++) {
			path_init(&c, f, link, dir);
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

/* A lit lane whose light now sets a receive or engine input flag. */
static bool lane_flagged(const struct oph_path *c, u32 lane)
{
	s32 oe = oe_input_udbm(c, lane);

	return oph_thresh_flags(c->f, OPH_TH_LANE_RX, rx_of(c, lane, oe)) ||
	       oph_thresh_flags(c->f, OPH_TH_PORT_OE_IN,
				oe + (s32)oph_mdb_of_n[min(c->f->p.lambdas, 64U)]);
}

/**
 * oph_link_trouble() - what is wrong with a link, and in which direction
 * @f: fabric
 * @link: link id
 * @dir: the direction the cause shows in (where the light is missing or
 *	weak); the up one when neither tells
 *
 * oph_link_cause() for a link not up; for one up whose light sets a
 * threshold flag now, the cause of that weak light (a laser drooping, the
 * feed fibre, the link's fibre), as oph_link_cause() names the same
 * weakness once it costs lanes.
 *
 * Return: enum oph_down_reason; NONE for a link up whose light is fine.
 */
u8 oph_link_trouble(struct oph_fabric *f, u32 link, enum oph_dir *dir)
{
	u8 cause = oph_link_cause(f, link), found;
	struct oph_path c;
	u32 d, k;

	*dir = OPH_DIR_UP;
	if (f->links[link].state == OPH_LINK_DOWN)
		return cause;
	for (d = 0; d < 2; d++) {
		path_init(&c, f, link, d);
		found = dir_cause(&c);
		if (found && (!cause || found == cause)) {
			*dir = d;
			return found;
		}
		if (found)
			continue;
		for (k = 0; k < f->p.lambdas; k++) {
			if (!lane_lit(&c, k) || !lane_flagged(&c, k))
				continue;
			found = ber_cause(&c, k);
			if (!cause || found == cause) {
				*dir = d;
				return found;
			}
		}
	}
	return cause;
}

/**
 * oph_lane_phys() - what the light of one lane reads, at the receiver
 * @f: fabric
 * @link: link id, below the fabric's links
 * @lane: lane index, below the fabric's lambdas
 * @dir: direction
 * @p: filled in
 *
 * The physics of oph_lane_get(), without its counters.
 */
void oph_lane_phys(struct oph_fabric *f, u32 link, u32 lane, enum oph_dir dir,
		   struct oph_lane_phys *p)
{
	u8 ls = f->links[link].state;
	/* Used only once path_init() wrote it whole: not zeroed for every lane. */
	struct oph_path own __uninitialized, *path = &own;
	u32 off;
	s64 need;

	if (f->read.on) {
		path = &f->read.path;
		if (!f->read.valid || path->link != link || path->dir != dir)
			path_init(path, f, link, dir);
		f->read.valid = true;
	} else {
		path_init(path, f, link, dir);
	}
	p->lit = lane_lit(path, lane);
	if (p->lit) {
		p->rx_udbm = rx_udbm(path, lane);
		p->ber_e = ber_of(path, lane, p->rx_udbm);
	} else {
		p->rx_udbm = OPH_RX_FLOOR_UDBM;
		p->ber_e = 0;
	}
	p->margin_mdb = p->rx_udbm - SENS_MDBM;
	p->state = state_of(path, lane, p->lit, p->ber_e);
	p->cause = OPH_DOWN_NONE;
	if (ls == OPH_LINK_DOWN) {
		p->cause = OPH_DOWN_ADMIN;
	} else if (p->state != OPH_LANE_ACTIVE) {
		p->cause = dir_cause(path);
		if (!p->cause)
			p->cause = lit_lane_cause(path, lane, p->state);
		/* Lit, yet dark or failed with its link: the link's cause. */
		if (!p->cause && p->state != OPH_LANE_LOCKING && p->state != OPH_LANE_LOCKED)
			p->cause = oph_link_cause(f, link);
	}

	/*
	 * The receive ring: its heater holds what it took at calibration plus
	 * the shift since, within its range; a ring off its line by no more
	 * than its resonance's width reads a small offset, within the lock
	 * window.
	 */
	need = ring_bias_mhz(path, lane, 1) + path->shift_mhz[1];
	need = max_t(s64, 0, min_t(s64, need, RING_RANGE_MHZ));
	p->heater_uw = (u32)(need * 44 / 10000);
	p->ring_offset_pm = oph_vary(f, OPH_VAR_RING,
				     oph_lane_idx(f, link, dir, lane) ^ 0xa5a5a5, -10, 10);
	off = ring_off_pm(path, lane);
	if (off)
		p->ring_offset_pm = (s32)off;
}

/**
 * oph_link_fibres() - the loss of each fibre a link's light crosses
 * @f: fabric
 * @link: link id
 * @w: where it runs
 * @feed: set to the feed fibre's, from the laser module, 0.001 dB
 * @tx: set to the fibre's up to the switch, with its connectors
 * @rx: set to the fibre's back from the switch
 *
 * Each with the dirt injected on it.
 */
void oph_link_fibres(const struct oph_fabric *f, u32 link, const struct oph_where *w,
		     s32 *feed, s32 *tx, s32 *rx)
{
	const struct oph_fault *d;

	*feed = feed_mdb(f, link, true);
	*tx = fibre_mdb(w);
	*rx = *tx;
	d = link_fault(f, link, OPH_FAULT_FIBRE_DIRTY, OPH_FIBRE_TX);
	if (d)
		*tx += d->value * 10;
	d = link_fault(f, link, OPH_FAULT_FIBRE_DIRTY, OPH_FIBRE_RX);
	if (d)
		*rx += d->value * 10;
}

/**
 * oph_link_scan_up() - the up direction of a link, in one look
 * @f: fabric
 * @link: link id
 * @w: where it runs
 * @clean: the link is up with nothing wrong on its path (telem.c's
 *	   link_clean()), so every lane is lit and carries data
 * @feed: its feed fibre's loss, as oph_link_fibres() gives it
 * @oe_udbm: set to the light at the endpoint's engine input, as
 *	     oph_port_oe_udbm() gives it
 *
 * A clean link's lanes are not evaluated one by one, nor its path: every
 * lane is lit and carrying, and the light is its last laser's behind the
 * feed fibre, as scan_dir() would find it.
 *
 * Return: the lanes carrying data up, as oph_link_lanes_up() counts them.
 */
u32 oph_link_scan_up(struct oph_fabric *f, u32 link, const struct oph_where *w,
		     bool clean, s32 feed, s32 *oe_udbm)
{
	/* Used only once path_init_at() wrote it whole. */
	struct oph_path c __uninitialized;
	u32 n = f->p.lambdas;

	if (!clean) {
		path_init_at(&c, f, link, w, OPH_DIR_UP);
		return scan_dir(&c, oe_udbm);
	}
	*oe_udbm = oe_base_of(feed) + laser_var_udbm(f, OPH_SIDE_EP, w->mod[OPH_SIDE_EP], n - 1) +
		   (s32)oph_mdb_of_n[min(n, 64U)];
	return n;
}

/**
 * oph_read_begin() - the caller will only read the fabric until oph_read_end()
 * @f: fabric
 *
 * A dump reads thousands of lanes in a row, sixteen to a link direction;
 * while nothing can change, the path they share is looked up once.
 */
void oph_read_begin(struct oph_fabric *f)
{
	f->read.on = true;
	f->read.valid = false;
	f->read.log_valid = false;
	f->read.clean_valid = false;
}

/**
 * oph_read_end() - the caller may change the fabric again
 * @f: fabric
 */
void oph_read_end(struct oph_fabric *f)
{
	f->read.on = false;
	f->read.valid = false;
	f->read.log_valid = false;
	f->read.clean_valid = false;
}
