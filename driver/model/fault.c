// SPDX-License-Identifier: GPL-2.0
/*
 * ophoton model: injected faults, the physical world's failures.
 *
 * A fault is a record in a small per-fabric table; its effects are not
 * copied into the objects but read from the table wherever they matter
 * (each object counts the faults aimed at it, so objects without any pay
 * nothing).  Clearing a fault removes its cause; states it caused stay as
 * real hardware would leave them: a module in fault needs a reset, a
 * failed link an admin clear.  Faults of a laser module leave with it.
 */
#include "internal.h"

static bool fibre_kind(u8 kind)
{
	return kind == OPH_FAULT_FIBRE_CUT || kind == OPH_FAULT_FIBRE_DIRTY;
}

static bool module_kind(u8 kind)
{
	return kind == OPH_FAULT_MODULE_DEATH || kind == OPH_FAULT_LASER_DEATH ||
	       kind == OPH_FAULT_LASER_AGING || kind == OPH_FAULT_TEC ||
	       kind == OPH_FAULT_FW_HANG;
}

static bool engine_kind(u8 kind)
{
	return kind == OPH_FAULT_RING_DRIFT || kind == OPH_FAULT_ENGINE_DEATH ||
	       kind == OPH_FAULT_COOLING;
}

/* The part of a fault that tells it apart from others on the same target. */
static u8 fault_sub(const struct oph_fault *flt)
{
	return fibre_kind(flt->kind) ? flt->which : flt->lane;
}

/**
 * oph_fault_find() - an injected fault
 * @f: fabric
 * @kind: enum oph_fault_kind
 * @side: side of the target (OPH_SIDE_EP for links)
 * @target: module, engine or link id
 * @sub: the fibre for fibre faults, else the lane (OPH_ALL for the whole
 *	target)
 *
 * Return: the fault or NULL.
 */
const struct oph_fault *oph_fault_find(const struct oph_fabric *f, u8 kind,
				       u8 side, u32 target, u8 sub)
{
	u32 i;

	for (i = 0; i < f->nfaults; i++) {
		const struct oph_fault *x = &f->faults[i];

		if (x->kind == kind && x->side == side && x->target == target &&
		    fault_sub(x) == sub)
			return x;
	}
	return NULL;
}

/**
 * oph_fault_any() - whether any fault of a kind aims at a target
 * @f: fabric
 * @kind: enum oph_fault_kind
 * @side: side of the target
 * @target: module, engine or link id
 *
 * Return: true if one is injected, whatever its lane or fibre.
 */
bool oph_fault_any(const struct oph_fabric *f, u8 kind, u8 side, u32 target)
{
	u32 i;

	for (i = 0; i < f->nfaults; i++)
		if (f->faults[i].kind == kind && f->faults[i].side == side &&
		    f->faults[i].target == target)
			return true;
	return false;
}

/**
 * oph_engine_dead() - an engine is dead, shut down hot or quarantined
 * @f: fabric
 * @side: side of the engine
 * @eng: engine id
 *
 * Return: true when the engine carries no light.
 */
bool oph_engine_dead(const struct oph_fabric *f, enum oph_side side, u32 eng)
{
	const struct oph_engine *e = &f->engines[side][eng];

	if (e->health.quarantined || e->shutdown)
		return true;
	return e->nfaults &&
	       oph_fault_find(f, OPH_FAULT_ENGINE_DEATH, side, eng, OPH_ALL);
}

static u8 *target_count(struct oph_fabric *f, const struct oph_fault *flt)
{
	if (module_kind(flt->kind))
		return &f->slots[flt->side][flt->target].nfaults;
	if (engine_kind(flt->kind))
		return &f->engines[flt->side][flt->target].nfaults;
	return &f->links[flt->target].nfaults;
}

/* The links whose lanes a fault may change. */
static void affected_links_changed(struct oph_fabric *f,
				   const struct oph_fault *flt, u8 reason)
{
	u32 links[64], n, i;

	if (module_kind(flt->kind)) {
		oph_module_lights_changed(f, flt->side, flt->target, reason);
	} else if (engine_kind(flt->kind)) {
		bool began = oph_coalesce_begin(f, OPH_OBJ_ENGINE, flt->side, flt->target);

		n = oph_engine_links(f, flt->side, flt->target, links, ARRAY_SIZE(links));
		for (i = 0; i < n && i < ARRAY_SIZE(links); i++)
			oph_link_light_changed(f, links[i], reason);
		oph_coalesce_end(f, began);
	} else {
		oph_link_light_changed(f, flt->target, reason);
	}
}

/*
 * Settle before the conditions change, so no counter is extrapolated
 * across the change.
 */
/*
 * A ring drift is followed on a 1 s tick; one faster than the rings'
 * control loop on a 10 ms tick, so that the lanes are seen drifting before
 * the heating runs their rings out of heater headroom (a few kelvin).
 */
static u64 drift_tick(const struct oph_fault *flt)
{
	return flt->value > OPH_DRIFT_FAST_MK_S ? 10 * OPH_NS_PER_MS : OPH_NS_PER_S;
}

/*
 * The links a fault is about settle their counters up to now, and the
 * aggregates they are in are marked stale.
 */
static void affected_links_settle(struct oph_fabric *f, const struct oph_fault *flt)
{
	u32 links[64], n, i;

	if (module_kind(flt->kind)) {
		n = oph_module_links(f, flt->side, flt->target, links, ARRAY_SIZE(links));
	} else if (engine_kind(flt->kind)) {
		n = oph_engine_links(f, flt->side, flt->target, links, ARRAY_SIZE(links));
	} else {
		links[0] = flt->target;
		n = 1;
	}
	for (i = 0; i < n && i < ARRAY_SIZE(links); i++) {
		oph_link_settle(f, links[i]);
		oph_agg_link(f, links[i]);
	}
}

static int refuse(enum oph_fault_field *field, enum oph_fault_field which,
		  const char **why, int err, const char *text)
{
	*field = which;
	return oph_refuse(why, err, text);
}

/**
 * oph_fault_check() - whether a fault could be injected, and if not, why
 * @f: fabric
 * @flt: the fault
 * @field: set to the field a refusal is about
 * @why: reason when refused
 *
 * Return: 0, -EINVAL, -ERANGE, -ENODEV (no module in the slot).
 */
int oph_fault_check(struct oph_fabric *f, const struct oph_fault *flt,
		    enum oph_fault_field *field, const char **why)
{
	if (flt->kind >= __OPH_FAULT_CNT)
		return refuse(field, OPH_FF_KIND, why, -EINVAL, "unknown fault kind");
	if (module_kind(flt->kind) || engine_kind(flt->kind)) {
		if (flt->side != OPH_SIDE_EP && flt->side != OPH_SIDE_SW)
			return refuse(field, OPH_FF_SIDE, why, -EINVAL,
				      "side must be endpoint or switch");
	} else if (flt->side != OPH_SIDE_EP) {
		return refuse(field, OPH_FF_SIDE, why, -EINVAL, "link faults take no side");
	}
	if (module_kind(flt->kind)) {
		if (flt->target >= oph_nmods(f, flt->side))
			return refuse(field, OPH_FF_TARGET, why, -ERANGE,
				      "laser module id out of range");
		if (!f->slots[flt->side][flt->target].mod)
			return refuse(field, OPH_FF_TARGET, why, -ENODEV,
				      "no laser module in that slot");
	} else if (engine_kind(flt->kind)) {
		if (flt->target >= oph_nengines(f, flt->side))
			return refuse(field, OPH_FF_TARGET, why, -ERANGE,
				      "engine id out of range");
	} else if (flt->target >= f->t.links) {
		return refuse(field, OPH_FF_TARGET, why, -ERANGE, "link id out of range");
	}
	switch (flt->kind) {
	case OPH_FAULT_LASER_DEATH:
		if (flt->lane >= f->p.lambdas)
			return refuse(field, OPH_FF_LANE, why, -ERANGE,
				      "laser index out of range");
		break;
	case OPH_FAULT_LASER_AGING:
		if (flt->lane != OPH_ALL && flt->lane >= f->p.lambdas)
			return refuse(field, OPH_FF_LANE, why, -ERANGE,
				      "laser index out of range");
		if (flt->value <= 0 || flt->value > 10000000)
			return refuse(field, OPH_FF_VALUE, why, -ERANGE,
				      "aging rate must be 1 to 10000000 (ppm of life per hour)");
		break;
	case OPH_FAULT_FIBRE_CUT:
	case OPH_FAULT_FIBRE_DIRTY:
		/* OPH_ALL: none named, the transmit fibre */
		if (flt->which > OPH_FIBRE_FEED && flt->which != OPH_ALL)
			return refuse(field, OPH_FF_WHICH, why, -EINVAL,
				      "fibre must be tx, rx or feed");
		if (flt->kind == OPH_FAULT_FIBRE_DIRTY &&
		    (flt->value <= 0 || flt->value > 4000))
			return refuse(field, OPH_FF_VALUE, why, -ERANGE,
				      "extra loss must be 1 to 4000 (0.01 dB)");
		break;
	case OPH_FAULT_RING_DRIFT:
		if (flt->value <= 0 || flt->value > 10000000)
			return refuse(field, OPH_FF_VALUE, why, -ERANGE,
				      "drift rate must be 1 to 10000000 mK/s");
		if (flt->amount <= 0 || flt->amount > 200000)
			return refuse(field, OPH_FF_AMOUNT, why, -ERANGE,
				      "drift amount must be 1 to 200000 mK");
		break;
	case OPH_FAULT_COOLING:
		if (flt->value <= 0 || flt->value > 100000)
			return refuse(field, OPH_FF_VALUE, why, -ERANGE,
				      "heating rate must be 1 to 100000 mK/s");
		break;
	case OPH_FAULT_BER:
		if (flt->lane != OPH_ALL && flt->lane >= f->p.lambdas)
			return refuse(field, OPH_FF_LANE, why, -ERANGE,
				      "lane index out of range");
		if (flt->value < 30 || flt->value > 2000)
			return refuse(field, OPH_FF_VALUE, why, -ERANGE,
				      "BER exponent must be 30 to 2000 (x100: 600 = 1e-6)");
		/* The fibre picks a direction: tx the up one (into KP4 FEC). */
		if (flt->which != OPH_FIBRE_TX && flt->which != OPH_FIBRE_RX &&
		    flt->which != OPH_ALL)
			return refuse(field, OPH_FF_WHICH, why, -EINVAL,
				      "a BER fault takes fibre tx (up, FEC) or rx (down, no FEC)");
		break;
	default:
		break;
	}
	return 0;
}

/*
 * Canonical form: fields a kind does not use are fixed, so that the same
 * fault injected twice is found again.
 */
static void canonical(struct oph_fault *flt)
{
	if (fibre_kind(flt->kind)) {
		flt->lane = OPH_ALL;
		if (flt->which == OPH_ALL)
			flt->which = OPH_FIBRE_TX;
	} else if (flt->kind != OPH_FAULT_BER) {
		flt->which = 0;
	}
	if (flt->kind != OPH_FAULT_LASER_DEATH && flt->kind != OPH_FAULT_LASER_AGING &&
	    flt->kind != OPH_FAULT_BER)
		flt->lane = OPH_ALL;
	if (flt->kind != OPH_FAULT_RING_DRIFT)
		flt->amount = 0;
}

/**
 * oph_fault_inject() - the physical world fails
 * @f: fabric
 * @flt: the fault; kind, side, target and sub-target select it
 * @why: reason when refused
 *
 * Injecting a fault that is already injected changes nothing.
 *
 * Return: 0, -EINVAL, -ERANGE, -ENODEV (no module), -ENOSPC (table full).
 */
int oph_fault_inject(struct oph_fabric *f, const struct oph_fault *flt,
		     const char **why)
{
	struct oph_fault c = *flt;
	enum oph_fault_field field;
	struct oph_lmod *m;
	int err;

	err = oph_fault_check(f, &c, &field, why);
	if (err)
		return err;
	canonical(&c);
	if (oph_fault_find(f, c.kind, c.side, c.target, fault_sub(&c)))
		return 0;
	if (f->nfaults >= OPH_MAX_FAULTS) {
		*why = "too many faults injected; clear some";
		return -ENOSPC;
	}
	affected_links_settle(f, &c);
	c.since = f->now;
	f->faults[f->nfaults++] = c;
	(*target_count(f, &c))++;

	switch (c.kind) {
	case OPH_FAULT_MODULE_DEATH:
		oph_module_fault(f, c.side, c.target, OPH_MC_SUPPLY);
		return 0;
	case OPH_FAULT_LASER_DEATH:
		m = f->slots[c.side][c.target].mod;
		m->laser[c.lane] = OPH_LASER_FAULT;
		oph_module_latch(f, c.side, c.target);
		oph_health_error(f, &f->slots[c.side][c.target].health,
				 OPH_OBJ_MODULE, c.side, c.target);
		break;
	case OPH_FAULT_ENGINE_DEATH:
		oph_health_error(f, &f->engines[c.side][c.target].health,
				 OPH_OBJ_ENGINE, c.side, c.target);
		affected_links_changed(f, &c, OPH_DOWN_ENGINE);
		return 0;
	case OPH_FAULT_RING_DRIFT:
	case OPH_FAULT_COOLING:
		/* Follow the heating on its tick until it levels off. */
		oph_evq_add(f, f->now + drift_tick(&c),
			    c.side == OPH_SIDE_EP ? OPH_EV_ENG_EP : OPH_EV_ENG_SW,
			    c.target);
		break;
	case OPH_FAULT_LASER_AGING:
	case OPH_FAULT_TEC:
		if (!f->slots[c.side][c.target].ev_seq)
			oph_evq_add(f, f->now + OPH_NS_PER_S,
				    c.side == OPH_SIDE_EP ? OPH_EV_MOD_EP : OPH_EV_MOD_SW,
				    c.target);
		break;
	default:
		break;
	}
	affected_links_changed(f, &c, c.kind == OPH_FAULT_FIBRE_CUT ?
				      OPH_DOWN_FIBRE : OPH_DOWN_NO_LIGHT);
	return 0;
}

static void fault_remove(struct oph_fabric *f, u32 i)
{
	(*target_count(f, &f->faults[i]))--;
	f->faults[i] = f->faults[--f->nfaults];
}

/**
 * oph_fault_clear() - a fault's cause goes away
 * @f: fabric
 * @flt: the fault, as injected (value and amount are not compared)
 * @why: reason when refused
 *
 * Return: 0, -EINVAL, -ERANGE, -ENOENT (no such fault).
 */
int oph_fault_clear(struct oph_fabric *f, const struct oph_fault *flt,
		    const char **why)
{
	struct oph_fault c = *flt;
	const struct oph_fault *x;
	struct oph_lmod *m;
	u32 i;

	if (c.kind >= __OPH_FAULT_CNT) {
		*why = "unknown fault kind";
		return -EINVAL;
	}
	canonical(&c);
	x = oph_fault_find(f, c.kind, c.side, c.target, fault_sub(&c));
	if (!x) {
		*why = "no such fault is injected";
		return -ENOENT;
	}
	c = *x;
	i = (u32)(x - f->faults);
	affected_links_settle(f, &c);
	if (c.kind == OPH_FAULT_LASER_AGING)
		oph_aging_cleared(f, x);
	fault_remove(f, i);
	if (c.kind == OPH_FAULT_RING_DRIFT) {
		f->engines[c.side][c.target].heat_mk = 0;
		f->engines[c.side][c.target].drifting = 0;
	}
	/* Coolant back: the engine cools and starts again. */
	if (c.kind == OPH_FAULT_COOLING) {
		f->engines[c.side][c.target].cool_mk = 0;
		f->engines[c.side][c.target].shutdown = 0;
	}
	if (c.kind == OPH_FAULT_TEC)
		f->slots[c.side][c.target].tec_mk = 0;

	switch (c.kind) {
	case OPH_FAULT_LASER_DEATH:
		/* The laser may be enabled again: it re-runs the interlock. */
		m = f->slots[c.side][c.target].mod;
		if (m && m->laser[c.lane] == OPH_LASER_FAULT) {
			m->laser[c.lane] = OPH_LASER_OFF;
			if (f->slots[c.side][c.target].state == OPH_MOD_READY &&
			    f->slots[c.side][c.target].admin != OPH_ADMIN_UNPROVISIONING &&
			    f->slots[c.side][c.target].admin != OPH_ADMIN_UNPROVISIONED) {
				m->laser[c.lane] = OPH_LASER_CHECK;
				oph_evq_add(f, f->now + 50 * OPH_NS_PER_MS,
					    c.side == OPH_SIDE_EP ? OPH_EV_MOD_EP :
								    OPH_EV_MOD_SW,
					    c.target);
			}
		}
		break;
	case OPH_FAULT_FIBRE_CUT:
	case OPH_FAULT_FIBRE_DIRTY:
		/* A feed fibre that is clean again is verified again. */
		if (c.which == OPH_FIBRE_FEED) {
			u32 mod = oph_link_module(f, c.target, OPH_SIDE_EP);

			m = f->slots[OPH_SIDE_EP][mod].mod;
			if (m && f->slots[OPH_SIDE_EP][mod].state == OPH_MOD_READY) {
				u32 links[64], n, j;

				n = oph_module_links(f, OPH_SIDE_EP, mod, links, 64);
				for (j = 0; j < n && j < 64; j++)
					if (links[j] == c.target)
						m->checked |= 1ULL << j;
			}
		}
		break;
	default:
		break;
	}
	affected_links_changed(f, &c, OPH_DOWN_NO_LIGHT);
	return 0;
}

/**
 * oph_fault_count() - faults injected now
 * @f: fabric
 *
 * Return: the number of faults.
 */
u32 oph_fault_count(const struct oph_fabric *f)
{
	return f->nfaults;
}

/**
 * oph_fault_get() - one injected fault
 * @f: fabric
 * @i: index, below oph_fault_count()
 *
 * Return: the fault, or NULL past the end.
 */
const struct oph_fault *oph_fault_get(const struct oph_fabric *f, u32 i)
{
	return i < f->nfaults ? &f->faults[i] : NULL;
}

/**
 * oph_faults_drop_module() - a module leaves with its faults
 * @f: fabric
 * @side: side of the slot
 * @mod: slot id
 */
void oph_faults_drop_module(struct oph_fabric *f, enum oph_side side, u32 mod)
{
	u32 i = 0;

	while (i < f->nfaults) {
		const struct oph_fault *x = &f->faults[i];

		if (module_kind(x->kind) && x->side == side && x->target == mod)
			fault_remove(f, i);
		else
			i++;
	}
}

/*
 * An engine without coolant heats at the fault's rate until it reaches
 * its shutdown temperature; then it stops (a health error) and stays
 * down, cold, until the coolant is back.
 */
static void cooling_tick(struct oph_fabric *f, enum oph_side side, u32 eng,
			 const struct oph_fault *c)
{
	struct oph_engine *e = &f->engines[side][eng];

	if (e->shutdown)
		return;
	affected_links_settle(f, c);
	e->cool_mk = (u32)min_t(u64, oph_mul_div(f->now - c->since, (u64)c->value,
						   OPH_NS_PER_S), 200000);
	if (oph_engine_temp_mc(f, side, eng) >= OPH_ENGINE_SHUTDOWN_MC) {
		oph_engine_latch(f, side, eng);
		e->shutdown = 1;
		oph_health_error(f, &e->health, OPH_OBJ_ENGINE, side, eng);
	} else {
		oph_evq_add(f, f->now + OPH_NS_PER_S,
			    side == OPH_SIDE_EP ? OPH_EV_ENG_EP : OPH_EV_ENG_SW, eng);
	}
	affected_links_changed(f, c, OPH_DOWN_THERMAL);
	oph_engine_latch(f, side, eng);
}

/**
 * oph_engine_event() - the heating of an engine moved on (a ring drift, a
 *	loss of coolant)
 * @f: fabric
 * @side: side of the engine
 * @eng: engine id
 */
void oph_engine_event(struct oph_fabric *f, enum oph_side side, u32 eng)
{
	const struct oph_fault *d = oph_fault_find(f, OPH_FAULT_RING_DRIFT, side,
						   eng, OPH_ALL);
	const struct oph_fault *cool = oph_fault_find(f, OPH_FAULT_COOLING, side,
						      eng, OPH_ALL);
	struct oph_engine *e = &f->engines[side][eng];
	struct oph_fault c;
	u64 end, mk;

	if (cool) {
		c = *cool;
		cooling_tick(f, side, eng, &c);
	}
	if (!d)
		return;
	c = *d;
	end = c.since + oph_mul_div((u64)c.amount, OPH_NS_PER_S, (u64)c.value);
	/* The counters ran under the heating of the last tick; settle them. */
	affected_links_settle(f, &c);
	/* At its end the heating is the amount: no rounding may leave it short. */
	mk = f->now >= end ? (u64)c.amount :
	     oph_mul_div(f->now - c.since, (u64)c.value, OPH_NS_PER_S);
	e->heat_mk = (u32)min_t(u64, mk, (u64)c.amount);
	e->drifting = f->now < end && c.value > OPH_DRIFT_FAST_MK_S;
	affected_links_changed(f, &c, OPH_DOWN_NO_LIGHT);
	oph_engine_latch(f, side, eng);
	if (f->now < end)
		oph_evq_add(f, min(end, f->now + drift_tick(&c)),
			    side == OPH_SIDE_EP ? OPH_EV_ENG_EP : OPH_EV_ENG_SW, eng);
}
