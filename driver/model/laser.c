// SPDX-License-Identifier: GPL-2.0
/*
 * ophoton model: laser modules (SuperNova / ELSFP-class external lasers).
 *
 * A slot holds at most one module.  The module follows a CMIS-like module
 * state machine (resetting after insertion, low power, powering up, ready,
 * powering down, fault), and the operator drives an admin state after
 * devlink line cards: activate (provision) powers it up, drain ("prepare
 * for removal") takes the links it feeds down in order, then turns the
 * lasers off.  In the ready state each laser goes through the ELSFP
 * interlock: it emits at check power until the module's output fibres are
 * verified, then ramps to full power; an output fibre that fails the check
 * (cut, or more than 5 dB of loss) stays at check power and feeds nothing.
 */
#include "internal.h"

/*
 * Phase durations (ms), drawn per module from the seed within the ranges
 * of cpo-domain.md section 4.1.
 */
#define T_RESET_LO	500
#define T_RESET_HI	2000
#define T_PWRUP_LO	500
#define T_PWRUP_HI	3000
#define T_CHECK_LO	10
#define T_CHECK_HI	100
#define T_RAMP_LO	100
#define T_RAMP_HI	500
#define T_PWRDN_LO	100
#define T_PWRDN_HI	300
#define T_HOST_TIMEOUT_MS	5000	/* host gives up on a hung transition */
#define TEC_RUNAWAY_S	20		/* TEC failure to module fault */
#define FEED_CHECK_MAX_MDB	5000	/* interlock: at most 5 dB feed loss */

static struct oph_slot *slot_of(struct oph_fabric *f, enum oph_side side,
				u32 mod)
{
	return &f->slots[side][mod];
}

static u32 ev_kind(enum oph_side side)
{
	return side == OPH_SIDE_EP ? OPH_EV_MOD_EP : OPH_EV_MOD_SW;
}

static u64 phase_ns(struct oph_fabric *f, u32 var, enum oph_side side, u32 mod,
		    s32 lo, s32 hi)
{
	/* A new draw for every insertion, so swaps are not all alike. */
	u32 id = (mod << 1 | side) ^ (f->slots[side][mod].insert_count << 20);

	return (u64)oph_vary(f, var, id, lo, hi) * OPH_NS_PER_MS;
}

/**
 * oph_module_settle() - settle the links a module feeds
 * @f: fabric
 * @side: side of the module
 * @mod: module id
 *
 * Before anything about the module's light changes, so that counters run
 * to now under the light as it was.
 */
void oph_module_settle(struct oph_fabric *f, enum oph_side side, u32 mod)
{
	u32 links[64];
	u32 n = oph_module_links(f, side, mod, links, ARRAY_SIZE(links));
	u32 i;

	for (i = 0; i < n && i < ARRAY_SIZE(links); i++)
		oph_link_settle(f, links[i]);
}

static void set_state(struct oph_fabric *f, enum oph_side side, u32 mod, u8 new)
{
	struct oph_slot *s = slot_of(f, side, mod);
	u8 old = s->state;

	if (old == new)
		return;
	oph_module_settle(f, side, mod);
	s->state = new;
	s->since = f->now;
	if (new != OPH_MOD_FAULT)
		s->fault_cause = OPH_MC_NONE;
	oph_module_latch(f, side, mod);
	/* A module going into fault says why. */
	oph_change(f, OPH_OBJ_MODULE, side, mod, old, new,
		   new == OPH_MOD_FAULT ? s->fault_cause : 0);
}

static void set_admin(struct oph_fabric *f, enum oph_side side, u32 mod, u8 new)
{
	struct oph_slot *s = slot_of(f, side, mod);

	s->admin = new;
}

/*
 * A drain ends once the module is dark in low power or in fault, whatever
 * it was doing when the drain began: the slot is then safe to remove.
 */
static void drain_done(struct oph_fabric *f, enum oph_side side, u32 mod)
{
	struct oph_slot *s = slot_of(f, side, mod);

	if (s->admin != OPH_ADMIN_UNPROVISIONING)
		return;
	set_admin(f, side, mod, OPH_ADMIN_UNPROVISIONED);
	oph_change(f, OPH_OBJ_MODULE, side, mod, s->state, s->state, 0);
}

static bool transient(u8 state)
{
	return state == OPH_MOD_RESETTING || state == OPH_MOD_POWERING_UP ||
	       state == OPH_MOD_POWERING_DOWN;
}

static bool hung(struct oph_fabric *f, enum oph_side side, u32 mod)
{
	return f->slots[side][mod].nfaults &&
	       oph_fault_find(f, OPH_FAULT_FW_HANG, side, mod, OPH_ALL);
}

/* Enter a timed state; a hung module freezes there until the host times out. */
static void enter_timed(struct oph_fabric *f, enum oph_side side, u32 mod,
			u8 state, u64 dur)
{
	set_state(f, side, mod, state);
	if (hung(f, side, mod))
		dur = T_HOST_TIMEOUT_MS * OPH_NS_PER_MS;
	oph_evq_add(f, f->now + dur, ev_kind(side), mod);
}

/**
 * oph_module_lights_changed() - re-evaluate the links a module feeds
 * @f: fabric
 * @side: side of the module
 * @mod: module id
 * @reason: enum oph_down_reason for links that lose their light
 *
 * Links are visited in id order, so a drain takes them down in order.
 */
void oph_module_lights_changed(struct oph_fabric *f, enum oph_side side,
			       u32 mod, u8 reason)
{
	u32 links[64];
	u32 n = oph_module_links(f, side, mod, links, ARRAY_SIZE(links));
	bool began = oph_coalesce_begin(f, OPH_OBJ_MODULE, side, mod);
	u32 i;

	for (i = 0; i < n && i < ARRAY_SIZE(links); i++)
		oph_link_light_changed(f, links[i], reason);
	oph_coalesce_end(f, began);
}

/**
 * oph_laser_lit() - whether a laser emits at full power
 * @f: fabric
 * @side: side of the module
 * @mod: module id
 * @laser: laser (wavelength) index
 *
 * Return: true when the module is ready and the laser is on.
 */
bool oph_laser_lit(struct oph_fabric *f, enum oph_side side, u32 mod, u32 laser)
{
	struct oph_slot *s = slot_of(f, side, mod);

	return s->mod && s->state == OPH_MOD_READY &&
	       s->mod->laser[laser] == OPH_LASER_ON;
}

static void lasers_set(struct oph_fabric *f, enum oph_side side, u32 mod,
		       u8 from_mask_state, u8 to)
{
	struct oph_lmod *m = f->slots[side][mod].mod;
	u32 k;

	oph_module_settle(f, side, mod);
	for (k = 0; k < f->p.lambdas; k++) {
		if (m->laser[k] == OPH_LASER_FAULT && to != OPH_LASER_OFF)
			continue;
		if (from_mask_state == OPH_ALL || m->laser[k] == from_mask_state)
			m->laser[k] = to;
	}
}

/* The interlock: the output fibres whose feed fibre passes the check. */
static void check_fibres(struct oph_fabric *f, enum oph_side side, u32 mod)
{
	struct oph_lmod *m = f->slots[side][mod].mod;
	u32 links[64];
	u32 n = oph_module_links(f, side, mod, links, ARRAY_SIZE(links));
	const struct oph_fault *d;
	u32 i;

	m->checked = 0;
	for (i = 0; i < n && i < 64; i++) {
		if (side == OPH_SIDE_EP && f->links[links[i]].nfaults) {
			if (oph_fault_find(f, OPH_FAULT_FIBRE_CUT, OPH_SIDE_EP,
					   links[i], OPH_FIBRE_FEED))
				continue;
			d = oph_fault_find(f, OPH_FAULT_FIBRE_DIRTY, OPH_SIDE_EP,
					   links[i], OPH_FIBRE_FEED);
			if (d && 1500 + d->value * 10 > FEED_CHECK_MAX_MDB)
				continue;
		}
		m->checked |= 1ULL << i;
	}
}

/* Move the lasers of a ready module one interlock step on. */
static void lasers_step(struct oph_fabric *f, enum oph_side side, u32 mod)
{
	struct oph_lmod *m = f->slots[side][mod].mod;
	bool ramping = false, checking = false;
	u32 k;

	oph_module_settle(f, side, mod);
	for (k = 0; k < f->p.lambdas; k++) {
		switch (m->laser[k]) {
		case OPH_LASER_CHECK:
			/* A laser ramps once at least one of its fibres passed. */
			if (m->checked) {
				m->laser[k] = OPH_LASER_RAMPING;
				ramping = true;
			}
			break;
		case OPH_LASER_RAMPING:
			m->laser[k] = OPH_LASER_ON;
			break;
		default:
			break;
		}
	}
	for (k = 0; k < f->p.lambdas; k++)
		checking |= m->laser[k] == OPH_LASER_CHECK && m->checked;
	if (ramping)
		oph_evq_add(f, f->now + phase_ns(f, OPH_VAR_RAMP, side, mod, T_RAMP_LO, T_RAMP_HI),
			    ev_kind(side), mod);
	else if (checking)
		oph_evq_add(f, f->now + phase_ns(f, OPH_VAR_CHECK, side, mod,
						 T_CHECK_LO, T_CHECK_HI),
			    ev_kind(side), mod);
	oph_module_latch(f, side, mod);
	if (f->slots[side][mod].admin == OPH_ADMIN_PROVISIONING && !ramping) {
		set_admin(f, side, mod, OPH_ADMIN_ACTIVE);
		oph_change(f, OPH_OBJ_MODULE, side, mod, OPH_MOD_READY,
			   OPH_MOD_READY, 0);
	}
	oph_module_lights_changed(f, side, mod, OPH_DOWN_NO_LIGHT);
}

/* Ready: every laser that is not broken starts the interlock. */
static void lasers_enable(struct oph_fabric *f, enum oph_side side, u32 mod)
{
	lasers_set(f, side, mod, OPH_LASER_OFF, OPH_LASER_CHECK);
	check_fibres(f, side, mod);
	oph_evq_add(f, f->now + phase_ns(f, OPH_VAR_CHECK, side, mod, T_CHECK_LO, T_CHECK_HI),
		    ev_kind(side), mod);
}

static void power_up(struct oph_fabric *f, enum oph_side side, u32 mod)
{
	enter_timed(f, side, mod, OPH_MOD_POWERING_UP,
		    phase_ns(f, OPH_VAR_PWRUP, side, mod, T_PWRUP_LO, T_PWRUP_HI));
}

static bool wants_light(struct oph_slot *s)
{
	return (s->admin == OPH_ADMIN_PROVISIONING || s->admin == OPH_ADMIN_ACTIVE) &&
	       !s->health.quarantined;
}

/* All lasers dark at once: fault, removal, quarantine, reset. */
static void lasers_dark(struct oph_fabric *f, enum oph_side side, u32 mod,
			u8 reason)
{
	struct oph_slot *s = slot_of(f, side, mod);

	if (s->mod)
		lasers_set(f, side, mod, OPH_ALL, OPH_LASER_OFF);
	oph_module_lights_changed(f, side, mod, reason);
}

/**
 * oph_module_dark() - stop a module: state fault, every laser off
 * @f: fabric
 * @side: side of the module
 * @mod: module id
 *
 * For quarantine, which is not a fault of its own.
 */
void oph_module_dark(struct oph_fabric *f, enum oph_side side, u32 mod)
{
	struct oph_slot *s = slot_of(f, side, mod);

	if (!s->mod)
		return;
	s->ev_seq = 0;
	/* Lasers off first, so the module's record says none is on. */
	lasers_set(f, side, mod, OPH_ALL, OPH_LASER_OFF);
	set_state(f, side, mod, OPH_MOD_FAULT);
	oph_module_lights_changed(f, side, mod, OPH_DOWN_NO_LIGHT);
	drain_done(f, side, mod);
}

/**
 * oph_module_fault() - the module reports a fault: lasers off, health error
 * @f: fabric
 * @side: side of the module
 * @mod: module id
 * @cause: enum oph_mod_cause, reported until the module leaves fault
 */
void oph_module_fault(struct oph_fabric *f, enum oph_side side, u32 mod, u8 cause)
{
	if (!f->slots[side][mod].mod)
		return;
	f->slots[side][mod].fault_cause = cause;
	oph_module_dark(f, side, mod);
	oph_health_error(f, &f->slots[side][mod].health, OPH_OBJ_MODULE, side, mod);
}

static void module_tick(struct oph_fabric *f, enum oph_side side, u32 mod)
{
	struct oph_lmod *m = f->slots[side][mod].mod;
	u32 links[64];
	u32 n = oph_module_links(f, side, mod, links, ARRAY_SIZE(links));
	const struct oph_fault *tec;
	u8 droop[OPH_MAX_LAMBDAS];
	u32 k, i;

	for (k = 0; k < f->p.lambdas; k++)
		droop[k] = oph_laser_droop(f, side, mod, k);
	/* Counters run to now under the old conditions before they change. */
	for (i = 0; i < n && i < ARRAY_SIZE(links); i++)
		oph_link_settle(f, links[i]);
	memcpy(m->droop, droop, sizeof(droop));
	/* The aging predictor speaks once per laser and module. */
	{
		struct oph_laser_info li;
		u16 predicted = 0;

		for (k = 0; k < f->p.lambdas; k++) {
			oph_laser_get(f, side, mod, k, &li);
			if (li.aging_predicted)
				predicted |= 1U << k;
		}
		if (predicted & ~m->predicted)
			oph_alarm(f, OPH_ALARM_AGING, side, mod, 0,
				  predicted & ~m->predicted);
		m->predicted |= predicted;
	}
	/* The laser warms at 1 K/s once its TEC stops; steps of one tick. */
	tec = oph_fault_find(f, OPH_FAULT_TEC, side, mod, OPH_ALL);
	f->slots[side][mod].tec_mk = tec ? (u32)min_t(u64, (f->now - tec->since) /
							 OPH_NS_PER_MS, 200000) : 0;
	oph_module_latch(f, side, mod);
	oph_module_lights_changed(f, side, mod, OPH_DOWN_NO_LIGHT);
	oph_evq_add(f, f->now + OPH_NS_PER_S, ev_kind(side), mod);
}

/**
 * oph_module_event() - a module's pending event is due
 * @f: fabric
 * @side: side of the module
 * @mod: module id
 */
void oph_module_event(struct oph_fabric *f, enum oph_side side, u32 mod)
{
	struct oph_slot *s = slot_of(f, side, mod);
	const struct oph_fault *tec;

	if (!s->mod)
		return;
	if (transient(s->state) && hung(f, side, mod)) {
		/* The host's timeout expired on a frozen transition. */
		oph_module_fault(f, side, mod, OPH_MC_FIRMWARE);
		return;
	}
	tec = s->nfaults ? oph_fault_find(f, OPH_FAULT_TEC, side, mod, OPH_ALL) : NULL;
	if (tec && s->state == OPH_MOD_READY &&
	    f->now >= tec->since + TEC_RUNAWAY_S * OPH_NS_PER_S) {
		oph_module_fault(f, side, mod, OPH_MC_TEC_RUNAWAY);
		return;
	}

	switch (s->state) {
	case OPH_MOD_RESETTING:
		set_state(f, side, mod, OPH_MOD_LOW_POWER);
		/* Drained while it reset (after an insertion, say). */
		drain_done(f, side, mod);
		if (wants_light(s))
			power_up(f, side, mod);
		break;
	case OPH_MOD_POWERING_UP:
		set_state(f, side, mod, OPH_MOD_READY);
		lasers_enable(f, side, mod);
		break;
	case OPH_MOD_POWERING_DOWN:
		set_state(f, side, mod, OPH_MOD_LOW_POWER);
		drain_done(f, side, mod);
		break;
	case OPH_MOD_READY:
		lasers_step(f, side, mod);
		break;
	default:
		break;
	}
	/* Slow processes (aging, TEC walk-off) move their links on a tick. */
	if (s->state == OPH_MOD_READY && !s->ev_seq && s->nfaults &&
	    (tec || oph_fault_any(f, OPH_FAULT_LASER_AGING, side, mod)))
		module_tick(f, side, mod);
}

static int check_slot(struct oph_fabric *f, enum oph_side side, u32 mod,
		      const char **why)
{
	if (side != OPH_SIDE_EP && side != OPH_SIDE_SW) {
		*why = "side must be endpoint or switch";
		return -EINVAL;
	}
	if (mod >= oph_nmods(f, side)) {
		*why = "laser module id out of range";
		return -ERANGE;
	}
	return 0;
}

static int check_present(struct oph_fabric *f, enum oph_side side, u32 mod,
			 const char **why)
{
	int err = check_slot(f, side, mod, why);

	if (err)
		return err;
	if (!f->slots[side][mod].mod) {
		*why = "no laser module in that slot";
		return -ENODEV;
	}
	return 0;
}

/**
 * oph_module_activate() - provision a module: power up, interlock, light
 * @f: fabric
 * @side: side of the module
 * @mod: module id
 * @why: reason when refused
 *
 * Idempotent while provisioning or active.
 *
 * Return: 0, -ENODEV (absent), -EBUSY (draining, quarantined), -EIO (in
 * fault: reset it first), -ERANGE.
 */
int oph_module_activate(struct oph_fabric *f, enum oph_side side, u32 mod,
			const char **why)
{
	struct oph_slot *s;
	int err = check_present(f, side, mod, why);

	if (err)
		return err;
	s = slot_of(f, side, mod);
	/* Quarantined, it stays dark whatever its admin state says. */
	if (s->health.quarantined) {
		*why = "laser module is quarantined; recover it first";
		return -EBUSY;
	}
	if (s->admin == OPH_ADMIN_PROVISIONING || s->admin == OPH_ADMIN_ACTIVE)
		return 0;
	if (s->admin == OPH_ADMIN_UNPROVISIONING) {
		*why = "laser module is draining; wait until it is safe to remove";
		return -EBUSY;
	}
	if (s->state == OPH_MOD_FAULT) {
		*why = "laser module is in fault; reset it first";
		return -EIO;
	}
	set_admin(f, side, mod, OPH_ADMIN_PROVISIONING);
	if (s->state == OPH_MOD_LOW_POWER)
		power_up(f, side, mod);
	else
		oph_change(f, OPH_OBJ_MODULE, side, mod, s->state, s->state, 0);
	return 0;
}

/**
 * oph_module_drain() - prepare for removal: links down in order, lasers off
 * @f: fabric
 * @side: side of the module
 * @mod: module id
 * @why: reason when refused
 *
 * Idempotent while draining or drained.  It ends with the module dark in
 * low power or in fault, safe to remove, whatever the module was doing:
 * a reset runs to its end first, a hung one to the host's timeout.
 *
 * Return: 0, -ENODEV, -EBUSY (provisioning under way), -ERANGE.
 */
int oph_module_drain(struct oph_fabric *f, enum oph_side side, u32 mod,
		     const char **why)
{
	u32 links[64], n, i;
	struct oph_slot *s;
	int err = check_present(f, side, mod, why);

	if (err)
		return err;
	s = slot_of(f, side, mod);
	if (s->admin == OPH_ADMIN_UNPROVISIONING || s->admin == OPH_ADMIN_UNPROVISIONED)
		return 0;
	/*
	 * A provisioning that failed into fault may be drained, not one under
	 * way; a quarantined module is dark and waits for its swap.
	 */
	if (s->admin == OPH_ADMIN_PROVISIONING && s->state != OPH_MOD_FAULT &&
	    !s->health.quarantined) {
		*why = "laser module is being provisioned; wait until it is active or in fault";
		return -EBUSY;
	}
	set_admin(f, side, mod, OPH_ADMIN_UNPROVISIONING);
	/* The links go down first, in order, while the lasers still shine. */
	n = oph_module_links(f, side, mod, links, ARRAY_SIZE(links));
	for (i = 0; i < n && i < ARRAY_SIZE(links); i++) {
		u8 st = f->links[links[i]].state;

		if (st != OPH_LINK_DOWN && st != OPH_LINK_WAIT_LIGHT &&
		    st != OPH_LINK_FAILED)
			oph_link_go_down(f, links[i], OPH_LINK_WAIT_LIGHT,
					 OPH_DOWN_DRAIN);
	}
	lasers_dark(f, side, mod, OPH_DOWN_DRAIN);
	if (s->state == OPH_MOD_READY || s->state == OPH_MOD_POWERING_UP)
		enter_timed(f, side, mod, OPH_MOD_POWERING_DOWN,
			    phase_ns(f, OPH_VAR_PWRUP, side, mod, T_PWRDN_LO, T_PWRDN_HI));
	else if (s->state == OPH_MOD_LOW_POWER || s->state == OPH_MOD_FAULT) {
		s->ev_seq = 0;
		drain_done(f, side, mod);
	}
	return 0;
}

/**
 * oph_module_reset() - reset a module: lasers off, reset, and back to the
 * admin state it had
 * @f: fabric
 * @side: side of the module
 * @mod: module id
 * @why: reason when refused
 *
 * A quarantined module is refused: it stays dark in fault until
 * oph_module_recover(), which resets it.
 *
 * Return: 0, -ENODEV, -EBUSY (draining, quarantined), -ERANGE.
 */
int oph_module_reset(struct oph_fabric *f, enum oph_side side, u32 mod,
		     const char **why)
{
	struct oph_slot *s;
	int err = check_present(f, side, mod, why);

	if (err)
		return err;
	s = slot_of(f, side, mod);
	if (s->health.quarantined) {
		*why = "laser module is quarantined; recover it (recover resets it)";
		return -EBUSY;
	}
	if (s->admin == OPH_ADMIN_UNPROVISIONING) {
		*why = "laser module is draining";
		return -EBUSY;
	}
	if (s->state == OPH_MOD_RESETTING)
		return 0;
	lasers_dark(f, side, mod, OPH_DOWN_NO_LIGHT);
	if (s->admin == OPH_ADMIN_ACTIVE)
		set_admin(f, side, mod, OPH_ADMIN_PROVISIONING);
	enter_timed(f, side, mod, OPH_MOD_RESETTING,
		    phase_ns(f, OPH_VAR_RESET, side, mod, T_RESET_LO, T_RESET_HI));
	return 0;
}

/**
 * oph_module_recover() - an admin takes a module out of quarantine
 * @f: fabric
 * @side: side of the module
 * @mod: slot id
 * @why: reason when refused
 *
 * The module is reset, so it comes back if the operator still wants it.
 * Idempotent when not quarantined.
 *
 * Return: 0, -ERANGE, or an error of oph_module_reset().
 */
int oph_module_recover(struct oph_fabric *f, enum oph_side side, u32 mod,
		       const char **why)
{
	struct oph_slot *s;
	int err = check_slot(f, side, mod, why);

	if (err)
		return err;
	s = slot_of(f, side, mod);
	if (!s->health.quarantined)
		return 0;
	oph_health_recover(f, &s->health, OPH_OBJ_MODULE, side, mod);
	if (!s->mod)
		return 0;
	return oph_module_reset(f, side, mod, why);
}

/**
 * oph_module_insert() - the physical world: a module is plugged in
 * @f: fabric
 * @side: side of the slot
 * @mod: slot id
 * @serial: serial number of the new module, 0 to make one up
 * @why: reason when refused
 *
 * The module resets and waits in low power to be activated, unless the
 * slot is still provisioned (the old module was pulled without a drain).
 *
 * Return: 0, -EBUSY (slot occupied), -ENOMEM, -ERANGE.
 */
int oph_module_insert(struct oph_fabric *f, enum oph_side side, u32 mod,
		      u32 serial, const char **why)
{
	struct oph_slot *s;
	struct oph_lmod *m;
	int err = check_slot(f, side, mod, why);

	if (err)
		return err;
	s = slot_of(f, side, mod);
	if (s->mod) {
		*why = "slot already holds a laser module";
		return -EBUSY;
	}
	m = oph_zalloc(sizeof(*m));
	if (!m) {
		*why = "out of memory for the laser module";
		return -ENOMEM;
	}
	s->insert_count++;
	m->serial = serial ? serial :
		    oph_hash32(f->p.seed, OPH_VAR_LASER, mod << 1 | side) ^ s->insert_count;
	m->inserted = f->now;
	s->mod = m;
	f->bytes += sizeof(*m);
	f->mods_made++;
	/* Leaving ABSENT bumps the generation (oph_change()). */
	enter_timed(f, side, mod, OPH_MOD_RESETTING,
		    phase_ns(f, OPH_VAR_RESET, side, mod, T_RESET_LO, T_RESET_HI));
	return 0;
}

/**
 * oph_module_remove() - the physical world: a module is pulled out
 * @f: fabric
 * @side: side of the slot
 * @mod: slot id
 * @why: reason when refused
 *
 * From any state: every laser goes dark at once.  Faults injected into the
 * module leave with it.
 *
 * Return: 0, -ENODEV (already absent), -ERANGE.
 */
int oph_module_remove(struct oph_fabric *f, enum oph_side side, u32 mod,
		      const char **why)
{
	struct oph_slot *s;
	int err = check_present(f, side, mod, why);

	if (err)
		return err;
	s = slot_of(f, side, mod);
	lasers_dark(f, side, mod, OPH_DOWN_NO_LIGHT);
	/* Its latched flags leave with it: their alarms end. */
	oph_alarm_cleared(f, OPH_OBJ_MODULE, side, mod, oph_module_latched(f, side, mod));
	s->ev_seq = 0;
	oph_free(s->mod);
	s->mod = NULL;
	f->bytes -= sizeof(struct oph_lmod);
	f->mods_freed++;
	s->remove_count++;
	/* Its latched flags leave with it, as its lasers' did. */
	s->latched = 0;
	if (s->admin == OPH_ADMIN_UNPROVISIONING)
		set_admin(f, side, mod, OPH_ADMIN_UNPROVISIONED);
	oph_faults_drop_module(f, side, mod);
	/* The links went dark above; entering ABSENT bumps the generation. */
	set_state(f, side, mod, OPH_MOD_ABSENT);
	return 0;
}
