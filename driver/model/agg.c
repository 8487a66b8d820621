// SPDX-License-Identifier: GPL-2.0
/*
 * ophoton model: aggregates of engines, endpoints, racks and the fabric.
 *
 * An engine's or an endpoint's figures are computed when read, from its
 * own few links: that costs what was asked for.  A rack's and the whole
 * fabric's would cost a walk of every link, so they are kept in units of
 * about a thousand links: a block of endpoints in one rack (their engines,
 * laser modules and links), or a block of one plane's switch ports (the
 * plane's engines and modules serving those endpoints, and their links).
 * Whatever may move a unit's figures (a change record, an event, a fault)
 * marks the units of the links concerned stale; a read recomputes the
 * stale units only and sums the units it covers.  A link is counted in
 * two units, at its endpoint and at its switch port, so that both racks
 * see it; the fabric counts it once, at its endpoint.
 */
#include "internal.h"

/*
 * A unit holds about this many links, whatever the fabric's shape.  The
 * fuzzer builds the model with units of a link or two, so that a change
 * that fails to mark its units stale shows on its small fabrics.
 */
#ifndef OPH_UNIT_LINKS
#define OPH_UNIT_LINKS	1024
#endif

static u32 gcd(u32 a, u32 b)
{
	while (b) {
		u32 r = a % b;

		a = b;
		b = r;
	}
	return a;
}

static u32 ep_unit(const struct oph_fabric *f, u32 ep)
{
	u32 rack = oph_ep_rack(f, ep);

	return rack * f->ep_units_per_rack + (ep % f->t.ep_per_rack) / f->ep_unit_eps;
}

static u32 sw_unit(const struct oph_fabric *f, u32 plane, u32 ep)
{
	return f->t.ep_racks * f->ep_units_per_rack +
	       plane * f->sw_units_per_plane + ep / f->sw_unit_eps;
}

/*
 * A unit recomputed because a rack was read stays queued until
 * oph_agg_refresh() reaches it: the queue never holds a unit twice.
 */
static void mark(struct oph_fabric *f, u32 unit)
{
	struct oph_unit *u = &f->units[unit];

	u->stale = true;
	if (u->queued)
		return;
	u->queued = true;
	f->stale[f->nstale++] = unit;
}

/**
 * oph_agg_link() - a link's figures may have moved
 * @f: fabric
 * @link: link id
 */
void oph_agg_link(struct oph_fabric *f, u32 link)
{
	u32 ep = link / f->t.ports_per_ep;

	mark(f, ep_unit(f, ep));
	mark(f, sw_unit(f, oph_link_plane(f, link), ep));
}

/**
 * oph_agg_object() - an object's figures may have moved, and its links'
 * @f: fabric
 * @obj: OPH_OBJ_LINK, OPH_OBJ_MODULE or OPH_OBJ_ENGINE; others move no
 *	aggregate
 * @side: side of a module or engine
 * @id: object id
 *
 * A module or an engine sits in the units of the links it serves, so
 * marking those links marks it too.
 */
void oph_agg_object(struct oph_fabric *f, enum oph_obj obj, enum oph_side side,
		    u32 id)
{
	u32 links[64], n, i;

	switch (obj) {
	case OPH_OBJ_LINK:
		oph_agg_link(f, id);
		return;
	case OPH_OBJ_MODULE:
		n = oph_module_links(f, side, id, links, ARRAY_SIZE(links));
		break;
	case OPH_OBJ_ENGINE:
		n = oph_engine_links(f, side, id, links, ARRAY_SIZE(links));
		break;
	default:
		return;
	}
	for (i = 0; i < n && i < ARRAY_SIZE(links); i++)
		oph_agg_link(f, links[i]);
}

static void unit_link(struct oph_fabric *f, u32 link, struct oph_unit *u)
{
	u->links++;
	u->by_state[f->links[link].state]++;
	u->gbps += oph_link_gbps(f, link);
	u->flagged += !!f->links[link].latched;
}

/**
 * oph_module_troubled() - a laser module slot has something to diagnose
 * @f: fabric
 * @side: side of the slot
 * @mod: module id
 *
 * From its state alone, which changes only where its units are marked
 * stale: not ready and active (empty, drained, in fault, in transition),
 * quarantined, its TEC failing, a laser failed, drooping or predicted to
 * wear out, or flags latched.
 *
 * Return: true when oph_fabric_diagnose() should look at it.
 */
bool oph_module_troubled(const struct oph_fabric *f, enum oph_side side, u32 mod)
{
	const struct oph_slot *s = &f->slots[side][mod];
	u32 k;

	if (!s->mod || s->state != OPH_MOD_READY || s->admin != OPH_ADMIN_ACTIVE ||
	    s->health.quarantined || s->tec_mk || s->latched || s->mod->predicted)
		return true;
	for (k = 0; k < f->p.lambdas; k++)
		if (s->mod->laser[k] == OPH_LASER_FAULT || s->mod->droop[k] ||
		    s->mod->latched[k])
			return true;
	return false;
}

/**
 * oph_engine_troubled() - an engine has something to diagnose
 * @f: fabric
 * @side: side of the engine
 * @eng: engine id
 *
 * Dead, shut down or quarantined, heating (a ring drift or a lost
 * coolant), or temperature flags latched.
 *
 * Return: true when oph_fabric_diagnose() should look at it.
 */
bool oph_engine_troubled(const struct oph_fabric *f, enum oph_side side, u32 eng)
{
	const struct oph_engine *e = &f->engines[side][eng];

	return oph_engine_dead(f, side, eng) || e->latched || e->drifting ||
	       e->heat_mk || e->cool_mk;
}

static void unit_engine(struct oph_fabric *f, enum oph_side side, u32 eng,
			struct oph_unit *u)
{
	u64 gbps, mw = oph_engine_power_mw(f, side, eng, &gbps);

	u->troubled += oph_engine_troubled(f, side, eng);
	u->power_mw += mw;
	u->optics_mw += mw;
	/* The hottest engine at work: a dead one reads nothing. */
	if (!oph_engine_dead(f, side, eng))
		u->engine_mc = max(u->engine_mc, oph_engine_temp_mc(f, side, eng));
}

static void unit_module(struct oph_fabric *f, enum oph_side side, u32 mod,
			struct oph_unit *u)
{
	struct oph_module_info mi;

	u->troubled += oph_module_troubled(f, side, mod);
	oph_module_get(f, side, mod, &mi);
	if (mi.state == OPH_MOD_ABSENT)
		return;
	u->power_mw += mi.power_mw;
	u->optics_mw += mi.power_mw;
	u->module_mc = max(u->module_mc, mi.temp_mc);
}

/* The GPU (1.5 kW, [S31]) or memory device itself, +-5 % apart [A]. */
static u64 ep_power_mw(const struct oph_fabric *f, u32 ep)
{
	return (oph_ep_rack(f, ep) < f->p.racks ? 1500000 : 400000) *
	       (u64)oph_vary(f, OPH_VAR_LOAD, ep, 950, 1050) / 1000;
}

/* A plane's switch ASIC, 3 kW +-3 % [A]. */
static u64 asic_power_mw(const struct oph_fabric *f, u32 plane)
{
	return 3000000ULL * oph_vary(f, OPH_VAR_LOAD, plane ^ 0x80000000, 970, 1030) /
	       1000;
}

/**
 * oph_agg_unit_span() - the endpoints a unit covers
 * @f: fabric
 * @unit: unit id
 * @first_ep: the first endpoint
 * @last_ep: past the last one
 * @plane: U32_MAX for an endpoint-side unit (every port of its endpoints),
 *	else the plane whose switch ports of those endpoints it covers
 */
void oph_agg_unit_span(const struct oph_fabric *f, u32 unit, u32 *first_ep,
		       u32 *last_ep, u32 *plane)
{
	if (unit < f->t.ep_racks * f->ep_units_per_rack) {
		u32 rack = unit / f->ep_units_per_rack;

		*first_ep = rack * f->t.ep_per_rack +
			    (unit % f->ep_units_per_rack) * f->ep_unit_eps;
		*last_ep = min((rack + 1) * f->t.ep_per_rack, *first_ep + f->ep_unit_eps);
		*plane = U32_MAX;
		return;
	}
	unit -= f->t.ep_racks * f->ep_units_per_rack;
	*plane = unit / f->sw_units_per_plane;
	*first_ep = (unit % f->sw_units_per_plane) * f->sw_unit_eps;
	*last_ep = min(f->t.endpoints, *first_ep + f->sw_unit_eps);
}

static void unit_walk(struct oph_fabric *f, u32 id, struct oph_unit *u)
{
	u32 ep, first, last, j, plane, o;

	memset(u, 0, sizeof(*u));
	oph_agg_unit_span(f, id, &first, &last, &plane);
	if (plane == U32_MAX) {
		for (ep = first; ep < last; ep++) {
			for (j = 0; j < f->t.ports_per_ep; j++)
				unit_link(f, ep * f->t.ports_per_ep + j, u);
			for (o = 0; o < f->p.engines; o++)
				unit_engine(f, OPH_SIDE_EP, ep * f->p.engines + o, u);
			for (j = 0; j < f->p.modules; j++)
				unit_module(f, OPH_SIDE_EP, ep * f->p.modules + j, u);
			u->power_mw += ep_power_mw(f, ep);
		}
		return;
	}
	for (ep = first; ep < last; ep++)
		unit_link(f, ep * f->t.ports_per_ep + plane, u);
	/* The unit's endpoints are a whole number of engines and modules. */
	for (o = first / f->p.ports; o < last / f->p.ports; o++)
		unit_engine(f, OPH_SIDE_SW, plane * f->t.sw_engines_per_plane + o, u);
	for (j = first / f->t.ports_per_module; j < last / f->t.ports_per_module; j++)
		unit_module(f, OPH_SIDE_SW, plane * f->t.sw_modules_per_plane + j, u);
}

/* The figures of a unit, up to its flags. */
#define UNIT_FIGURES	offsetof(struct oph_unit, stale)

static void unit_fresh(struct oph_fabric *f, u32 id)
{
	struct oph_unit u;

	if (!f->units[id].stale)
		return;
	unit_walk(f, id, &u);
	memcpy(&f->units[id], &u, UNIT_FIGURES);
	f->units[id].stale = false;
}

/**
 * oph_agg_refresh() - recompute some of the stale units
 * @f: fabric
 * @budget: at most this many units
 *
 * Lets the glue recompute the fabric's figures in slices, letting go of the
 * fabric in between, after a change that touched much of it.
 *
 * Return: true when no unit is stale any more.
 */
bool oph_agg_refresh(struct oph_fabric *f, u32 budget)
{
	u32 id;

	while (f->nstale && budget--) {
		id = f->stale[--f->nstale];
		f->units[id].queued = false;
		unit_fresh(f, id);
		oph_resched();
	}
	return !f->nstale;
}

/**
 * oph_agg_init() - size the units of a fabric being created
 * @f: fabric, its topology set
 *
 * Return: 0 or -ENOMEM.  Every unit starts stale; oph_agg_refresh() or the
 * first read computes them.
 */
int oph_agg_init(struct oph_fabric *f)
{
	const struct oph_topo *t = &f->t;
	u32 lcm, id;

	f->ep_unit_eps = min(t->ep_per_rack, max(1U, OPH_UNIT_LINKS / t->ports_per_ep));
	f->ep_units_per_rack = DIV_ROUND_UP(t->ep_per_rack, f->ep_unit_eps);
	/* Whole engines and whole modules of the plane's switch side. */
	lcm = f->p.ports / gcd(f->p.ports, t->ports_per_module) * t->ports_per_module;
	f->sw_unit_eps = min(t->endpoints, DIV_ROUND_UP(OPH_UNIT_LINKS, lcm) * lcm);
	f->sw_units_per_plane = DIV_ROUND_UP(t->endpoints, f->sw_unit_eps);
	f->nunits = t->ep_racks * f->ep_units_per_rack +
		    t->ports_per_ep * f->sw_units_per_plane;
	f->units = oph_calloc(f->nunits, sizeof(*f->units));
	f->stale = oph_calloc(f->nunits, sizeof(*f->stale));
	if (!f->units || !f->stale) {
		oph_agg_free(f);
		return -ENOMEM;
	}
	f->bytes += (size_t)f->nunits * (sizeof(*f->units) + sizeof(*f->stale));
	for (id = 0; id < f->nunits; id++)
		mark(f, id);
	return 0;
}

/**
 * oph_agg_free() - free what oph_agg_init() allocated
 * @f: fabric
 */
void oph_agg_free(struct oph_fabric *f)
{
	oph_cfree(f->stale);
	oph_cfree(f->units);
	f->stale = NULL;
	f->units = NULL;
}

/* Add a unit to an aggregate: links, power, hottest engine. */
static void add_unit(struct oph_agg_info *ai, const struct oph_unit *u, bool links)
{
	u32 s;

	if (links) {
		ai->links += u->links;
		for (s = 0; s < __OPH_LINK_STATE_CNT; s++)
			ai->by_state[s] += u->by_state[s];
		ai->bandwidth_gbps += u->gbps;
	}
	ai->power_mw += u->power_mw;
	ai->temp_mc = max(ai->temp_mc, u->engine_mc);
}

/* The units of a rack, fresh: endpoint racks first, then switch racks. */
static void rack_units(struct oph_fabric *f, u32 rack, u32 *first, u32 *n)
{
	if (rack < f->t.ep_racks) {
		*first = rack * f->ep_units_per_rack;
		*n = f->ep_units_per_rack;
	} else {
		*first = sw_unit(f, (rack - f->t.ep_racks) * f->t.sw_per_rack, 0);
		*n = f->t.sw_per_rack * f->sw_units_per_plane;
	}
}

static void rack_sum(struct oph_fabric *f, u32 rack, struct oph_agg_info *ai)
{
	u32 first, n, i, plane;

	memset(ai, 0, sizeof(*ai));
	ai->budget_w = f->p.rack_budget_w;
	rack_units(f, rack, &first, &n);
	for (i = first; i < first + n; i++) {
		unit_fresh(f, i);
		add_unit(ai, &f->units[i], true);
	}
	if (rack >= f->t.ep_racks) {
		plane = (rack - f->t.ep_racks) * f->t.sw_per_rack;
		for (i = plane; i < plane + f->t.sw_per_rack; i++)
			ai->power_mw += asic_power_mw(f, i);
	}
	ai->over_budget = ai->power_mw > (u64)ai->budget_w * 1000;
}

/**
 * oph_rack_get() - a rack's links, power against its budget
 * @f: fabric
 * @rack: endpoint racks first (compute, then memory), then switch racks
 * @ai: filled in
 *
 * Return: 0 or -ERANGE.
 */
int oph_rack_get(struct oph_fabric *f, u32 rack, struct oph_agg_info *ai)
{
	if (rack >= f->t.ep_racks + f->p.switch_racks)
		return -ERANGE;
	rack_sum(f, rack, ai);
	return 0;
}

/**
 * oph_fabric_get() - the whole fabric: links by state, bandwidth, power
 * @f: fabric
 * @ai: filled in; @ai->over_budget tells whether any rack is over budget
 *
 * Recomputes the stale units, then sums the racks: after a change it costs
 * the units the change touched, not the fabric.
 */
void oph_fabric_get(struct oph_fabric *f, struct oph_agg_info *ai)
{
	struct oph_agg_info r;
	u32 rack, s;

	oph_agg_refresh(f, U32_MAX);
	memset(ai, 0, sizeof(*ai));
	ai->budget_w = f->p.rack_budget_w;
	for (rack = 0; rack < f->t.ep_racks + f->p.switch_racks; rack++) {
		rack_sum(f, rack, &r);
		if (rack < f->t.ep_racks) {
			ai->links += r.links;
			for (s = 0; s < __OPH_LINK_STATE_CNT; s++)
				ai->by_state[s] += r.by_state[s];
			ai->bandwidth_gbps += r.bandwidth_gbps;
		}
		ai->power_mw += r.power_mw;
		ai->temp_mc = max(ai->temp_mc, r.temp_mc);
		ai->over_budget |= r.over_budget;
	}
}

/**
 * oph_fabric_thermal() - the hottest engine and laser module, and the
 * power of the optics (engines and laser modules, both sides)
 * @f: fabric
 * @engine_mc: hottest working engine, mC
 * @module_mc: hottest laser module present, mC
 * @optics_mw: electrical power of the optics
 */
void oph_fabric_thermal(struct oph_fabric *f, s32 *engine_mc, s32 *module_mc,
			u64 *optics_mw)
{
	u32 i;

	oph_agg_refresh(f, U32_MAX);
	*engine_mc = 0;
	*module_mc = 0;
	*optics_mw = 0;
	for (i = 0; i < f->nunits; i++) {
		*engine_mc = max(*engine_mc, f->units[i].engine_mc);
		*module_mc = max(*module_mc, f->units[i].module_mc);
		*optics_mw += f->units[i].optics_mw;
	}
}

/**
 * oph_agg_verify() - whether every unit kept is what a walk finds now
 * @f: fabric
 *
 * For the tests: a unit left fresh that a walk would find different was
 * not marked by whatever changed it.
 *
 * Return: true when all agree.
 */
bool oph_agg_verify(struct oph_fabric *f)
{
	struct oph_unit u;
	u32 i;

	oph_agg_refresh(f, U32_MAX);
	for (i = 0; i < f->nunits; i++) {
		unit_walk(f, i, &u);
		if (memcmp(&u, &f->units[i], UNIT_FIGURES))
			return false;
		oph_maybe_resched(i + 1);
	}
	return true;
}

/**
 * oph_engine_get() - an engine's links, power and temperature
 * @f: fabric
 * @side: side of the engine
 * @engine: engine id on that side
 * @ai: filled in; @ai->dead when the engine died
 *
 * Return: 0 or -ERANGE.
 */
int oph_engine_get(struct oph_fabric *f, enum oph_side side, u32 engine,
		   struct oph_agg_info *ai)
{
	u32 links[64], n, i;
	u64 gbps;

	if ((side != OPH_SIDE_EP && side != OPH_SIDE_SW) ||
	    engine >= oph_nengines(f, side))
		return -ERANGE;
	memset(ai, 0, sizeof(*ai));
	n = oph_engine_links(f, side, engine, links, ARRAY_SIZE(links));
	for (i = 0; i < n && i < ARRAY_SIZE(links); i++) {
		ai->links++;
		ai->by_state[f->links[links[i]].state]++;
		ai->bandwidth_gbps += oph_link_gbps(f, links[i]);
	}
	ai->power_mw = oph_engine_power_mw(f, side, engine, &gbps);
	ai->dead = oph_engine_dead(f, side, engine);
	/* A dead engine reads nothing: no temperature, no alarm. */
	if (!ai->dead) {
		ai->temp_mc = oph_engine_temp_mc(f, side, engine);
		ai->flags = oph_thresh_flags(f, OPH_TH_ENGINE_TEMP, ai->temp_mc);
	}
	ai->latched = f->engines[side][engine].latched;
	return 0;
}

/**
 * oph_ep_get() - an endpoint's links, power and temperature
 * @f: fabric
 * @ep: endpoint id
 * @ai: filled in
 *
 * Return: 0 or -ERANGE.
 */
int oph_ep_get(struct oph_fabric *f, u32 ep, struct oph_agg_info *ai)
{
	struct oph_unit u = {};
	u32 j;

	if (ep >= f->t.endpoints)
		return -ERANGE;
	for (j = 0; j < f->t.ports_per_ep; j++)
		unit_link(f, ep * f->t.ports_per_ep + j, &u);
	for (j = 0; j < f->p.engines; j++)
		unit_engine(f, OPH_SIDE_EP, ep * f->p.engines + j, &u);
	for (j = 0; j < f->p.modules; j++)
		unit_module(f, OPH_SIDE_EP, ep * f->p.modules + j, &u);
	u.power_mw += ep_power_mw(f, ep);
	memset(ai, 0, sizeof(*ai));
	add_unit(ai, &u, true);
	return 0;
}
