// SPDX-License-Identifier: GPL-2.0
/*
 * ophoton model: diagnosis, everything not healthy in one answer.
 *
 * A problem is the object a technician acts on: a laser module, an engine,
 * a fibre or a link.  Each link not up, degraded or with flags latched is
 * charged to the object its cause points at (a module lighting it that is
 * in fault, an engine at either end that is dead or hot, its own fibre),
 * so that a dead laser module is one problem with the 16 links it darkens,
 * not 16 problems.  Modules and engines with something wrong and no link
 * hurt yet (a laser wearing out, a flag latched) are problems of their own.
 *
 * The walk looks only into the units of about a thousand links (agg.c)
 * that count a link not up, a link with flags, or a troubled module or
 * engine: a healthy fabric costs a look at each unit's counts, a fault
 * costs the units it touched.
 */
#include "internal.h"

#define DIAG_HASH	ARRAY_SIZE(((struct oph_diag *)NULL)->slot)

struct diag_walk {
	struct oph_fabric *f;
	struct oph_diag *d;
};

static u32 problem_hash(u8 obj, u8 side, u32 id, u8 fibre)
{
	return (id * 2654435761U ^ (obj << 3 | side << 2 | fibre) * 40503U) % DIAG_HASH;
}

/* The problem of an object, made when first met; NULL past OPH_DIAG_MAX. */
static struct oph_problem *problem(struct diag_walk *w, u8 obj, u8 side, u32 id,
				   u8 fibre)
{
	struct oph_diag *d = w->d;
	struct oph_problem *p;
	u32 h = problem_hash(obj, side, id, fibre);

	for (; d->slot[h]; h = (h + 1) % DIAG_HASH) {
		p = &d->p[d->slot[h] - 1];
		if (p->obj == obj && p->side == side && p->id == id && p->fibre == fibre)
			return p;
	}
	if (d->n == OPH_DIAG_MAX) {
		d->unlisted++;
		return NULL;
	}
	p = &d->p[d->n];
	memset(p, 0, sizeof(*p));
	p->obj = obj;
	p->side = side;
	p->id = id;
	p->fibre = fibre;
	p->last_ep = U32_MAX;
	d->n++;
	d->slot[h] = (u16)d->n;
	return p;
}

static void raise_sev(struct oph_problem *p, u8 sev)
{
	p->severity = max(p->severity, sev);
}

/* The oldest known start of a problem: 0 stands for unknown. */
static void since(struct oph_fabric *f, struct oph_problem *p, u64 t)
{
	if (!t)
		return;
	t = oph_time_since_creation(f, t);
	if (t && (!p->since || t < p->since))
		p->since = t;
}

/*
 * When the fault behind a domain's state began, the earliest of its kind
 * on it, or 0: a heating engine, a TEC running away or a laser aging fast
 * date from the physical event, which their telemetry traces back to.
 */
static u64 fault_since(const struct oph_fabric *f, u8 kind, u8 side, u32 target)
{
	u64 t = 0;
	u32 i;

	for (i = 0; i < oph_fault_count(f); i++) {
		const struct oph_fault *x = oph_fault_get(f, i);

		if (x->kind == kind && x->side == side && x->target == target &&
		    (!t || x->since < t))
			t = x->since;
	}
	return t;
}

/* What a technician does about a link's own cause. */
static u8 link_action(u8 cause, u8 state)
{
	if (state == OPH_LINK_FAILED)
		return OPH_ACT_CLEAR_LINK;
	switch (cause) {
	case OPH_DOWN_ADMIN:
		return OPH_ACT_LINK_UP;
	case OPH_DOWN_NONE:
		return OPH_ACT_CLEAR_FLAGS;
	case OPH_DOWN_BER:
	case OPH_DOWN_LANES:
	case OPH_DOWN_ARBITRATION:
		return OPH_ACT_RETRAIN;
	default:
		return OPH_ACT_WAIT;
	}
}

/* A module out of service, or with a laser failed or its TEC failing. */
static bool module_serious(const struct oph_fabric *f, enum oph_side side, u32 mod)
{
	const struct oph_slot *s = &f->slots[side][mod];
	u32 k;

	if (!s->mod || s->state != OPH_MOD_READY || s->admin != OPH_ADMIN_ACTIVE ||
	    s->health.quarantined || s->tec_mk)
		return true;
	for (k = 0; k < f->p.lambdas; k++)
		if (s->mod->laser[k] == OPH_LASER_FAULT)
			return true;
	return false;
}

/* Whether an engine's own state explains a link's engine cause. */
static bool engine_did(const struct oph_fabric *f, enum oph_side side, u32 eng, u8 cause)
{
	const struct oph_engine *e = &f->engines[side][eng];

	switch (cause) {
	case OPH_DOWN_THERMAL:
		return e->shutdown || e->cool_mk;
	case OPH_DOWN_RING:
		return e->heat_mk || e->drifting || e->cool_mk;
	default:
		return oph_engine_dead(f, side, eng);
	}
}

/*
 * The object a link's cause points at: the module lighting the direction
 * that lacks light, an engine at either end, one of its fibres, or the
 * link itself when no such object has anything wrong.
 */
static struct oph_problem *link_root(struct diag_walk *w, u32 link, u8 cause,
				     enum oph_dir dir)
{
	struct oph_fabric *f = w->f;
	struct oph_problem *p;
	u32 i, side, id;

	switch (cause) {
	case OPH_DOWN_MODULE:
	case OPH_DOWN_LASER:
	case OPH_DOWN_TEC:
	case OPH_DOWN_NO_LIGHT:
	case OPH_DOWN_DRAIN:
		/*
		 * The direction without light is lit by the endpoint's module
		 * (up) or the switch's (down).  Where the direction could not
		 * be told (a failed link's latched reason), the other side's
		 * module is taken if it is out of service; one only flagged
		 * does not take a link down.
		 */
		side = dir == OPH_DIR_UP ? OPH_SIDE_EP : OPH_SIDE_SW;
		id = oph_link_module(f, link, side);
		if (oph_module_troubled(f, side, id))
			return problem(w, OPH_OBJ_MODULE, side, id, 0);
		id = oph_link_module(f, link, !side);
		if (module_serious(f, !side, id))
			return problem(w, OPH_OBJ_MODULE, !side, id, 0);
		break;
	case OPH_DOWN_ENGINE:
	case OPH_DOWN_THERMAL:
	case OPH_DOWN_RING:
		/* The engine that did it, at either end; then one merely troubled. */
		for (i = 0; i < 4; i++) {
			side = i % 2;
			id = oph_link_engine(f, link, side);
			if (i < 2 ? engine_did(f, side, id, cause) :
			    oph_engine_troubled(f, side, id))
				return problem(w, OPH_OBJ_ENGINE, side, id, 0);
		}
		break;
	case OPH_DOWN_FIBRE:
	case OPH_DOWN_FEED_FIBRE:
		p = problem(w, OPH_OBJ_FIBRE, OPH_SIDE_EP, link,
			    cause == OPH_DOWN_FEED_FIBRE ? OPH_FIBRE_FEED :
			    dir == OPH_DIR_UP ? OPH_FIBRE_TX : OPH_FIBRE_RX);
		/* Light through a lossy fibre is cleaned; none at all, repaired. */
		if (p && p->action != OPH_ACT_REPAIR_FIBRE)
			p->action = oph_link_lanes_lit(f, link, dir) ? OPH_ACT_CLEAN_FIBRE :
				    OPH_ACT_REPAIR_FIBRE;
		return p;
	default:
		break;
	}
	return problem(w, OPH_OBJ_LINK, OPH_SIDE_EP, link, 0);
}

/* The severity of what a link's latched flags say: an alarm, or a warning. */
static u8 flags_sev(u32 latched)
{
	u32 alarms = (OPH_FLAG_ALARM_LO | OPH_FLAG_ALARM_HI) << OPH_LINK_RX_SHIFT |
		     (OPH_FLAG_ALARM_LO | OPH_FLAG_ALARM_HI) << OPH_LINK_OE_SHIFT;

	return latched & alarms ? OPH_SEV_MAJOR : OPH_SEV_MINOR;
}

/* One link of an endpoint unit; returns whether it carries anything. */
static bool diag_link(struct diag_walk *w, u32 link)
{
	struct oph_fabric *f = w->f;
	struct oph_diag *d = w->d;
	const struct oph_link *l = &f->links[link];
	u32 full = f->p.lambdas * f->p.lane_gbps, gbps;
	struct oph_problem *p;
	enum oph_dir dir;
	bool carrying;
	u8 cause, sev;

	if (l->state == OPH_LINK_UP && !l->latched)
		return true;
	carrying = l->state == OPH_LINK_UP || l->state == OPH_LINK_DEGRADED;
	gbps = carrying ? oph_link_gbps(f, link) : 0;
	cause = oph_link_trouble(f, link, &dir);
	if (!carrying) {
		d->links_down++;
		sev = cause == OPH_DOWN_ADMIN ? OPH_SEV_INFO : OPH_SEV_CRITICAL;
	} else if (l->state == OPH_LINK_DEGRADED) {
		d->links_degraded++;
		sev = OPH_SEV_MAJOR;
	} else {
		d->links_flagged++;
		sev = flags_sev(l->latched);
	}
	d->gbps_lost += full - gbps;
	p = link_root(w, link, cause, dir);
	if (!p)
		return carrying;
	if (!p->links && !p->cause)
		p->cause = cause;
	if (p->obj == OPH_OBJ_LINK && !p->action)
		p->action = link_action(cause, l->state);
	p->links++;
	p->links_down += !carrying;
	p->gbps_lost += full - gbps;
	if (p->last_ep != link / f->t.ports_per_ep) {
		p->last_ep = link / f->t.ports_per_ep;
		p->endpoints++;
	}
	raise_sev(p, sev);
	/* A link up with flags latched tells no time it began. */
	if (l->state != OPH_LINK_UP)
		since(f, p, l->since);
	return carrying;
}

/* The alarm flags of a module's temperature (bits 0-3) and supply (4-7). */
#define MODULE_ALARMS	((OPH_FLAG_ALARM_LO | OPH_FLAG_ALARM_HI) * 0x11)

/* The cause and action of a module by its own state, worst first. */
static void diag_module(struct diag_walk *w, enum oph_side side, u32 mod)
{
	struct oph_fabric *f = w->f;
	const struct oph_slot *s = &f->slots[side][mod];
	struct oph_module_info mi;
	struct oph_problem *p = problem(w, OPH_OBJ_MODULE, side, mod, 0);
	u8 sev, act, cause = OPH_DOWN_MODULE;

	if (!p)
		return;
	oph_module_get(f, side, mod, &mi);
	p->mod_cause = mi.cause;
	if (!s->mod) {
		/* Emptied on purpose (drained first) or pulled live. */
		sev = s->admin == OPH_ADMIN_UNPROVISIONED ? OPH_SEV_INFO : OPH_SEV_CRITICAL;
		act = OPH_ACT_INSERT;
		since(f, p, s->since);
	} else if (s->state == OPH_MOD_FAULT || s->health.quarantined) {
		sev = OPH_SEV_CRITICAL;
		act = mi.cause == OPH_MC_FIRMWARE ? OPH_ACT_RESET_MODULE : OPH_ACT_SWAP_MODULE;
		if (mi.cause == OPH_MC_TEC_RUNAWAY)
			cause = OPH_DOWN_TEC;
		since(f, p, s->health.errors ? s->health.last_error : s->since);
	} else if (mi.cause == OPH_MC_LASER || mi.cause == OPH_MC_TEC_RUNAWAY) {
		sev = OPH_SEV_MAJOR;
		act = OPH_ACT_SWAP_MODULE;
		cause = mi.cause == OPH_MC_LASER ? OPH_DOWN_LASER : OPH_DOWN_TEC;
		since(f, p, s->health.errors ? s->health.last_error :
		      fault_since(f, OPH_FAULT_TEC, side, mod));
	} else if (mi.cause == OPH_MC_AGING) {
		sev = OPH_SEV_MINOR;
		act = OPH_ACT_PLAN_SWAP;
		cause = OPH_DOWN_LASER;
		/* Worn by an aging fault: since then; by its own life: unknown. */
		since(f, p, fault_since(f, OPH_FAULT_LASER_AGING, side, mod));
	} else if (s->admin != OPH_ADMIN_ACTIVE || s->state != OPH_MOD_READY) {
		sev = OPH_SEV_INFO;
		act = s->admin == OPH_ADMIN_UNPROVISIONED ? OPH_ACT_ACTIVATE : OPH_ACT_WAIT;
		cause = s->admin == OPH_ADMIN_UNPROVISIONED ||
			s->admin == OPH_ADMIN_UNPROVISIONING ? OPH_DOWN_DRAIN : OPH_DOWN_MODULE;
		since(f, p, s->since);
	} else {
		/* Only flags latched, whatever raised them gone. */
		sev = mi.latched & MODULE_ALARMS ? OPH_SEV_MAJOR : OPH_SEV_MINOR;
		act = OPH_ACT_CLEAR_FLAGS;
		cause = OPH_DOWN_NONE;
	}
	raise_sev(p, sev);
	p->action = act;
	if (!p->links)
		p->cause = cause;
}

static void diag_engine(struct diag_walk *w, enum oph_side side, u32 eng)
{
	struct oph_fabric *f = w->f;
	const struct oph_engine *e = &f->engines[side][eng];
	struct oph_problem *p = problem(w, OPH_OBJ_ENGINE, side, eng, 0);
	u8 sev, act, cause;

	if (!p)
		return;
	if (e->shutdown || e->cool_mk) {
		/* Its cold plate lost its coolant: heating, or shut down hot. */
		cause = OPH_DOWN_THERMAL;
		act = OPH_ACT_COOLING;
		sev = e->shutdown ? OPH_SEV_CRITICAL : OPH_SEV_MAJOR;
	} else if (oph_engine_dead(f, side, eng)) {
		cause = OPH_DOWN_ENGINE;
		act = OPH_ACT_RECOVER_ENGINE;
		sev = OPH_SEV_CRITICAL;
	} else if (e->heat_mk || e->drifting) {
		/* Heating its rings must follow: the lanes drift. */
		cause = OPH_DOWN_RING;
		act = OPH_ACT_COOLING;
		sev = OPH_SEV_MINOR;
	} else {
		cause = OPH_DOWN_NONE;
		act = OPH_ACT_CLEAR_FLAGS;
		sev = OPH_SEV_MINOR;
	}
	if (e->latched & (OPH_FLAG_ALARM_LO | OPH_FLAG_ALARM_HI))
		sev = max_t(u8, sev, OPH_SEV_MAJOR);
	since(f, p, e->health.errors ? e->health.last_error :
	      fault_since(f, cause == OPH_DOWN_THERMAL ? OPH_FAULT_COOLING :
			  OPH_FAULT_RING_DRIFT, side, eng));
	raise_sev(p, sev);
	p->action = act;
	if (!p->links)
		p->cause = cause;
}

/* An endpoint unit: its links, then its engines and modules. */
static void diag_ep_unit(struct diag_walk *w, u32 first, u32 last)
{
	struct oph_fabric *f = w->f;
	u32 ep, j, carrying;

	for (ep = first; ep < last; ep++) {
		carrying = 0;
		for (j = 0; j < f->t.ports_per_ep; j++)
			carrying += diag_link(w, ep * f->t.ports_per_ep + j);
		if (!carrying)
			w->d->endpoints_cut++;
		for (j = ep * f->p.engines; j < (ep + 1) * f->p.engines; j++)
			if (oph_engine_troubled(f, OPH_SIDE_EP, j))
				diag_engine(w, OPH_SIDE_EP, j);
		for (j = ep * f->p.modules; j < (ep + 1) * f->p.modules; j++)
			if (oph_module_troubled(f, OPH_SIDE_EP, j))
				diag_module(w, OPH_SIDE_EP, j);
		oph_maybe_resched(ep + 1);
	}
}

/* A switch unit: its engines and modules; its links are the endpoints'. */
static void diag_sw_unit(struct diag_walk *w, u32 first, u32 last, u32 plane)
{
	struct oph_fabric *f = w->f;
	u32 o;

	for (o = first / f->p.ports; o < last / f->p.ports; o++) {
		u32 eng = plane * f->t.sw_engines_per_plane + o;

		if (oph_engine_troubled(f, OPH_SIDE_SW, eng))
			diag_engine(w, OPH_SIDE_SW, eng);
	}
	for (o = first / f->t.ports_per_module; o < last / f->t.ports_per_module; o++) {
		u32 mod = plane * f->t.sw_modules_per_plane + o;

		if (oph_module_troubled(f, OPH_SIDE_SW, mod))
			diag_module(w, OPH_SIDE_SW, mod);
	}
}

/* Worse first: severity, then links down, links hurt, then by id. */
static bool worse(const struct oph_problem *a, const struct oph_problem *b)
{
	if (a->severity != b->severity)
		return a->severity > b->severity;
	if (a->links_down != b->links_down)
		return a->links_down > b->links_down;
	if (a->links != b->links)
		return a->links > b->links;
	if (a->obj != b->obj)
		return a->obj < b->obj;
	if (a->side != b->side)
		return a->side < b->side;
	return a->id < b->id || (a->id == b->id && a->fibre < b->fibre);
}

/**
 * oph_fabric_diagnose() - everything not healthy, worst first
 * @f: fabric
 * @d: filled in
 *
 * Only reads the model (the units stale after changes are recomputed, as
 * any read of the fabric's figures does).  Problems past OPH_DIAG_MAX,
 * in walk order, are counted in @d->unlisted; the totals cover them.
 */
void oph_fabric_diagnose(struct oph_fabric *f, struct oph_diag *d)
{
	struct diag_walk walk = { .f = f, .d = d }, *w = &walk;
	struct oph_problem tmp;
	u32 u, first, last, plane, i, j;

	memset(d, 0, sizeof(*d));
	oph_agg_refresh(f, U32_MAX);
	for (u = 0; u < f->nunits; u++) {
		const struct oph_unit *un = &f->units[u];
		bool links;

		oph_agg_unit_span(f, u, &first, &last, &plane);
		/* A switch unit's links are walked at their endpoints. */
		links = plane == U32_MAX &&
			(un->by_state[OPH_LINK_UP] != un->links || un->flagged);
		if (!links && !un->troubled)
			continue;
		d->units_walked++;
		if (plane == U32_MAX)
			diag_ep_unit(w, first, last);
		else
			diag_sw_unit(w, first, last, plane);
	}
	for (i = 0; i < d->n; i++)
		d->by_sev[d->p[i].severity]++;
	/* Few enough to sort by insertion. */
	for (i = 1; i < d->n; i++) {
		tmp = d->p[i];
		for (j = i; j > 0 && worse(&tmp, &d->p[j - 1]); j--)
			d->p[j] = d->p[j - 1];
		d->p[j] = tmp;
	}
}
