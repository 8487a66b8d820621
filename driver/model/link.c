// SPDX-License-Identifier: GPL-2.0
/*
 * ophoton model: links (port pairs) and their bring-up.
 *
 * An admin-up link waits for light from the lasers of both ends, then
 * calibrates its rings (wavelength lock), trains, qualifies its BER and
 * comes up, or degraded when lanes are missing or the BER is above the
 * warning level.  A failed attempt retries after an exponential backoff;
 * after max_retries it latches failed until an admin clears it.  A link
 * that loses its light (a laser, a fibre, an engine) goes back to waiting
 * for light; one that loses lanes or BER retrains.
 *
 * Counters are integrated ("settled") whenever anything that changes them
 * is about to change, and extrapolated in between when read, so reading
 * costs nothing per lane in the background and they never go backwards.
 */
#include "internal.h"

#define T_CAL_LO	1
#define T_CAL_HI	10
#define T_TRAIN_LO	1
#define T_TRAIN_HI	10
#define T_BACKOFF_MS	100	/* doubled for every retry */
#define FLAP_WINDOW_NS	(10 * OPH_NS_PER_S)

static bool link_active(u8 state)
{
	return state == OPH_LINK_UP || state == OPH_LINK_DEGRADED;
}

/* Errored bits over @bits at a BER of 10^(-ber_e/100). */
static u64 errors_of(u64 bits, u32 ber_e)
{
	u32 ipart = ber_e / 100;
	u64 e;

	if (!ber_e || ipart >= 19)
		return ipart >= 19 ? 0 : bits;
	e = oph_frac_mul(bits, oph_frac_pow10[ber_e % 100]);
	while (ipart--)
		e /= 10;
	return e;
}

/**
 * oph_link_settle() - integrate a link's counters up to now
 * @f: fabric
 * @link: link id
 *
 * Called before anything that changes the link's lanes or BER, so that the
 * extrapolation done by readers is exact between two settles.
 */
void oph_link_settle(struct oph_fabric *f, u32 link)
{
	struct oph_link *l = &f->links[link];
	u64 dt = f->now - l->settled;
	struct oph_lanes v[2];
	bool errs_up = false;
	u64 bits;
	u32 dir, k;

	if (!dt)
		return;
	if (link_active(l->state)) {
		bits = oph_mul_sat(dt, f->p.lane_gbps);
		for (dir = 0; dir < 2; dir++) {
			oph_link_lanes(f, link, dir, &v[dir]);
			for (k = 0; k < f->p.lambdas; k++) {
				u32 idx = oph_lane_idx(f, link, dir, k);
				u8 st = v[dir].state[k];
				u64 e;

				if (st != OPH_LANE_ACTIVE && st != OPH_LANE_DRIFTING) {
					u64 ms = oph_add_sat(f->lane_dark_ms[idx],
							     dt / OPH_NS_PER_MS);

					f->lane_dark_ms[idx] = ms > 0xffffffffULL ?
							       0xffffffffU : (u32)ms;
					continue;
				}
				e = errors_of(bits, v[dir].ber_e[k]);
				f->lane_err[idx] = oph_add_sat(f->lane_err[idx], e);
				errs_up |= dir == OPH_DIR_UP && e;
			}
		}
		l->active_ns = oph_add_sat(l->active_ns, dt);
		/*
		 * RS(544,514) corrects 15 of a codeword's 544 symbols.  Its
		 * codewords (5,140 bits of data each) span the lanes of the
		 * up direction, so they count per link, at the rate of the
		 * worst lane; a link without errors loses none.
		 */
		if (errs_up) {
			const struct oph_lanes *up = &v[OPH_DIR_UP];
			u64 cw = oph_mul_sat(bits, up->up) / 5140;

			l->fec_unc = oph_add_sat(l->fec_unc,
						 oph_kp4_uncorrectable(cw, up->worst_ber_e));
		}
	}
	l->settled = f->now;
}

static void set_state(struct oph_fabric *f, u32 link, u8 new, u8 reason)
{
	struct oph_link *l = &f->links[link];
	u8 old = l->state;

	if (old == new)
		return;
	oph_link_settle(f, link);
	if (link_active(old) && !link_active(new)) {
		l->down_count++;
		/* @since is still when the link came up (or last degraded). */
		if (f->now - l->since < FLAP_WINDOW_NS)
			l->flap_count++;
	}
	if (!link_active(old) && link_active(new)) {
		l->up_count++;
		l->retries = 0;
	}
	if (reason)
		l->down_reason = reason;
	l->state = new;
	l->since = f->now;
	oph_link_latch(f, link);
	oph_change(f, OPH_OBJ_LINK, 0, link, old, new, reason);
}

static u64 phase_ns(struct oph_fabric *f, u32 var, u32 link, s32 lo, s32 hi)
{
	u32 id = link ^ (f->links[link].up_count + f->links[link].retrain_count) << 22;

	return (u64)oph_vary(f, var, id, lo, hi) * OPH_NS_PER_MS;
}

static void link_schedule(struct oph_fabric *f, u32 link, u64 dur)
{
	oph_evq_add(f, f->now + dur, OPH_EV_LINK, link);
}

/**
 * oph_link_lit() - whether both directions have light on enough lanes
 * @f: fabric
 * @link: link id
 *
 * Return: true when at least min_lanes lanes carry light each way.
 */
bool oph_link_lit(struct oph_fabric *f, u32 link)
{
	u32 dir;

	for (dir = 0; dir < 2; dir++)
		if (oph_link_lanes_lit(f, link, dir) < f->p.min_lanes)
			return false;
	return true;
}

static void start(struct oph_fabric *f, u32 link)
{
	set_state(f, link, OPH_LINK_CALIBRATING, 0);
	link_schedule(f, link, phase_ns(f, OPH_VAR_CAL, link, T_CAL_LO, T_CAL_HI));
}

static void attempt_failed(struct oph_fabric *f, u32 link, u8 reason)
{
	struct oph_link *l = &f->links[link];

	if (l->retries >= f->p.max_retries) {
		l->ev_seq = 0;
		set_state(f, link, OPH_LINK_FAILED, reason);
		return;
	}
	l->retries++;
	l->retrain_count++;
	set_state(f, link, OPH_LINK_RETRAINING, reason);
	link_schedule(f, link, (u64)T_BACKOFF_MS * OPH_NS_PER_MS << (l->retries - 1));
}

/*
 * Rings heating faster than their control loop (a fast ring drift) cannot
 * lock within the calibration window, at either end of the link.
 */
static bool rings_outrun(struct oph_fabric *f, u32 link)
{
	return f->engines[OPH_SIDE_EP][oph_link_engine(f, link, OPH_SIDE_EP)].drifting ||
	       f->engines[OPH_SIDE_SW][oph_link_engine(f, link, OPH_SIDE_SW)].drifting;
}

/*
 * Why a link lost its light: what its path says (the engine, the module,
 * a fibre, its lasers, its rings), else what the caller knows.
 */
static u8 dark_reason(struct oph_fabric *f, u32 link, u8 reason)
{
	u8 why = oph_link_diagnose(f, link);

	return why ? why : reason;
}

/* What the lanes say at the end of BER qualification or while up. */
static u8 verdict(struct oph_fabric *f, u32 link, u8 *reason)
{
	struct oph_lanes vu, vd;
	u32 up, kp4, raw;

	oph_link_lanes(f, link, OPH_DIR_UP, &vu);
	oph_link_lanes(f, link, OPH_DIR_DOWN, &vd);
	up = min(vu.up, vd.up);
	kp4 = vu.worst_ber_e;
	raw = vd.worst_ber_e;
	if (up < f->p.min_lanes) {
		/*
		 * A lane past the BER threshold does not carry data, so it is
		 * missing from @up: with light enough on every lane that
		 * counts, it is the bit errors that took the link down, and
		 * what the light measured says where they come from.
		 */
		u32 lit = min(vu.lit, vd.lit);

		*reason = dark_reason(f, link, lit >= f->p.min_lanes ? OPH_DOWN_BER :
					  OPH_DOWN_LANES);
		return OPH_LINK_RETRAINING;
	}
	/* Each direction by its receiver: KP4 FEC at the switch, none at the GPU. */
	if ((kp4 && kp4 < OPH_KP4_E_DOWN) || (raw && raw < OPH_BER_E_DOWN)) {
		*reason = dark_reason(f, link, OPH_DOWN_BER);
		return OPH_LINK_RETRAINING;
	}
	*reason = 0;
	if (up < f->p.lambdas || (kp4 && kp4 < OPH_KP4_E_DEGRADE) ||
	    (raw && raw < OPH_BER_E_WARN))
		return OPH_LINK_DEGRADED;
	return OPH_LINK_UP;
}

/**
 * oph_link_go_down() - take a link out of service
 * @f: fabric
 * @link: link id
 * @state: OPH_LINK_DOWN or OPH_LINK_WAIT_LIGHT
 * @reason: enum oph_down_reason
 */
void oph_link_go_down(struct oph_fabric *f, u32 link, u8 state, u8 reason)
{
	f->links[link].ev_seq = 0;
	set_state(f, link, state, reason);
}

/**
 * oph_link_reevaluate() - the conditions of a link changed
 * @f: fabric
 * @link: link id
 *
 * Settles the counters under the old conditions' last instant, then moves
 * the link according to the new ones.
 */
void oph_link_reevaluate(struct oph_fabric *f, u32 link)
{
	oph_link_light_changed(f, link, OPH_DOWN_NO_LIGHT);
}

/**
 * oph_link_light_changed() - the light or the lanes of a link may differ
 * @f: fabric
 * @link: link id
 * @reason: why, should the link lose its light
 */
void oph_link_light_changed(struct oph_fabric *f, u32 link, u8 reason)
{
	struct oph_link *l = &f->links[link];
	u8 next, why;
	bool lit;

	oph_link_settle(f, link);
	if (l->state == OPH_LINK_DOWN || l->state == OPH_LINK_FAILED)
		return;
	lit = oph_link_lit(f, link);
	switch (l->state) {
	case OPH_LINK_WAIT_LIGHT:
		if (lit)
			start(f, link);
		break;
	case OPH_LINK_CALIBRATING:
	case OPH_LINK_TRAINING:
	case OPH_LINK_BER_QUAL:
		if (!lit)
			oph_link_go_down(f, link, OPH_LINK_WAIT_LIGHT,
					 dark_reason(f, link, reason));
		break;
	case OPH_LINK_UP:
	case OPH_LINK_DEGRADED:
		if (!lit) {
			l->latched |= OPH_LINK_LOS_UP | OPH_LINK_LOS_DOWN;
			oph_link_go_down(f, link, OPH_LINK_WAIT_LIGHT,
					 dark_reason(f, link, reason));
			break;
		}
		next = verdict(f, link, &why);
		if (next == OPH_LINK_RETRAINING) {
			l->latched |= OPH_LINK_LOL_UP | OPH_LINK_LOL_DOWN;
			attempt_failed(f, link, why);
		} else {
			set_state(f, link, next, 0);
			/* Up all along, under new conditions. */
			oph_link_latch(f, link);
		}
		break;
	default:
		break;
	}
}

/**
 * oph_link_event() - a link's bring-up phase is over
 * @f: fabric
 * @link: link id
 */
void oph_link_event(struct oph_fabric *f, u32 link)
{
	struct oph_link *l = &f->links[link];
	u8 next, why;

	switch (l->state) {
	case OPH_LINK_CALIBRATING:
		if (l->nfaults &&
		    oph_fault_find(f, OPH_FAULT_ARBITRATION, OPH_SIDE_EP, link, OPH_ALL)) {
			attempt_failed(f, link, OPH_DOWN_ARBITRATION);
			break;
		}
		if (rings_outrun(f, link)) {
			attempt_failed(f, link, OPH_DOWN_TIMEOUT);
			break;
		}
		set_state(f, link, OPH_LINK_TRAINING, 0);
		link_schedule(f, link, phase_ns(f, OPH_VAR_TRAIN, link, T_TRAIN_LO, T_TRAIN_HI));
		break;
	case OPH_LINK_TRAINING:
		set_state(f, link, OPH_LINK_BER_QUAL, 0);
		link_schedule(f, link, (u64)f->p.ber_qual_ms * OPH_NS_PER_MS);
		break;
	case OPH_LINK_BER_QUAL:
		/* Judge the lanes as they would run: the link is about to be up. */
		l->state = OPH_LINK_UP;
		next = verdict(f, link, &why);
		l->state = OPH_LINK_BER_QUAL;
		if (next == OPH_LINK_RETRAINING)
			attempt_failed(f, link, why);
		else
			set_state(f, link, next, 0);
		break;
	case OPH_LINK_RETRAINING:
		if (oph_link_lit(f, link))
			start(f, link);
		else
			set_state(f, link, OPH_LINK_WAIT_LIGHT, 0);
		break;
	default:
		break;
	}
}

static int check_link(struct oph_fabric *f, u32 link, const char **why)
{
	if (link >= f->t.links) {
		*why = "link id out of range";
		return -ERANGE;
	}
	return 0;
}

/**
 * oph_link_set_admin() - an operator brings a link up or down
 * @f: fabric
 * @link: link id
 * @up: the wanted admin state
 * @why: reason when refused
 *
 * Idempotent.  Bringing a link up starts its bring-up as soon as it has
 * light; the result arrives as change records.
 *
 * Return: 0 or -ERANGE.
 */
int oph_link_set_admin(struct oph_fabric *f, u32 link, bool up,
		       const char **why)
{
	struct oph_link *l;
	int err = check_link(f, link, why);

	if (err)
		return err;
	l = &f->links[link];
	if (up == !!(l->flags & OPH_LF_ADMIN_UP))
		return 0;
	if (up) {
		l->flags |= OPH_LF_ADMIN_UP;
		l->retries = 0;
		set_state(f, link, OPH_LINK_WAIT_LIGHT, 0);
		oph_link_light_changed(f, link, OPH_DOWN_NO_LIGHT);
	} else {
		l->flags &= ~OPH_LF_ADMIN_UP;
		oph_link_go_down(f, link, OPH_LINK_DOWN, OPH_DOWN_ADMIN);
	}
	return 0;
}

/**
 * oph_link_retrain() - an operator asks an up link to retrain
 * @f: fabric
 * @link: link id
 * @why: reason when refused
 *
 * Return: 0 (also while already retraining), -ERANGE, -ENETDOWN (admin
 * down or failed), -EBUSY (bring-up in progress).
 */
int oph_link_retrain(struct oph_fabric *f, u32 link, const char **why)
{
	struct oph_link *l;
	int err = check_link(f, link, why);

	if (err)
		return err;
	l = &f->links[link];
	switch (l->state) {
	case OPH_LINK_UP:
	case OPH_LINK_DEGRADED:
		l->retrain_count++;
		start(f, link);
		return 0;
	case OPH_LINK_RETRAINING:
		return 0;
	case OPH_LINK_DOWN:
		*why = "link is administratively down";
		return -ENETDOWN;
	case OPH_LINK_FAILED:
		*why = "link has failed; clear it first";
		return -ENETDOWN;
	default:
		*why = "link is being brought up";
		return -EBUSY;
	}
}

/**
 * oph_link_clear() - an admin clears a failed link and the latched flags
 * @f: fabric
 * @link: link id
 * @why: reason when refused
 *
 * A failed link starts over; any other only loses its latched flags.
 *
 * Return: 0 or -ERANGE.
 */
int oph_link_clear(struct oph_fabric *f, u32 link, const char **why)
{
	struct oph_link *l;
	int err = check_link(f, link, why);

	if (err)
		return err;
	l = &f->links[link];
	oph_alarm_cleared(f, OPH_OBJ_LINK, OPH_SIDE_EP, link, l->latched);
	l->latched = 0;
	oph_agg_link(f, link);
	if (l->state == OPH_LINK_FAILED) {
		l->retries = 0;
		set_state(f, link, OPH_LINK_WAIT_LIGHT, 0);
		oph_link_light_changed(f, link, OPH_DOWN_NO_LIGHT);
	}
	return 0;
}

/**
 * oph_link_clear_latched() - clear a link's latched flags
 * @f: fabric
 * @link: link id, checked by the caller
 */
void oph_link_clear_latched(struct oph_fabric *f, u32 link)
{
	oph_alarm_cleared(f, OPH_OBJ_LINK, OPH_SIDE_EP, link, f->links[link].latched);
	f->links[link].latched = 0;
	oph_agg_link(f, link);
}
