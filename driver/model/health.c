// SPDX-License-Identifier: GPL-2.0
/*
 * ophoton model: fault domains and their health, after devlink health.
 *
 * Each laser module slot and each engine counts the faults it reports and
 * its recoveries.  Faults closer together than the grace period form a
 * burst; a burst of quarantine_errors takes the domain out of service
 * (lasers off, engine dark) until an admin recovers it, so a flapping part
 * cannot keep taking its links up and down.
 */
#include "internal.h"

/**
 * oph_health_error() - a fault domain reports a fault
 * @f: fabric
 * @h: the domain's health
 * @obj: OPH_OBJ_MODULE or OPH_OBJ_ENGINE
 * @side: side of the domain
 * @id: module or engine id
 */
void oph_health_error(struct oph_fabric *f, struct oph_health *h,
		      enum oph_obj obj, enum oph_side side, u32 id)
{
	u64 grace = (u64)f->p.grace_ms * OPH_NS_PER_MS;

	if (h->errors && f->now - h->last_error <= grace)
		h->burst++;
	else
		h->burst = 1;
	h->errors++;
	h->last_error = f->now;
	if (!h->quarantined && h->burst >= f->p.quarantine_errors) {
		h->quarantined = true;
		oph_change(f, OPH_OBJ_HEALTH, side, id, 0, 1, obj);
		if (obj == OPH_OBJ_ENGINE)
			return;
		/*
		 * A quarantined module goes dark, whatever it was doing, and
		 * its cause is the quarantine: what a technician acts on (swap
		 * it) is the burst, not its last fault alone.
		 */
		if (!f->slots[side][id].mod)
			return;
		f->slots[side][id].fault_cause = OPH_MC_QUARANTINE;
		if (f->slots[side][id].state != OPH_MOD_FAULT)
			oph_module_dark(f, side, id);
		return;
	}
	oph_change(f, OPH_OBJ_HEALTH, side, id, h->quarantined, h->quarantined, obj);
}

/**
 * oph_health_recover() - a fault domain is recovered
 * @f: fabric
 * @h: the domain's health
 * @obj: OPH_OBJ_MODULE or OPH_OBJ_ENGINE
 * @side: side of the domain
 * @id: module or engine id
 */
void oph_health_recover(struct oph_fabric *f, struct oph_health *h,
			enum oph_obj obj, enum oph_side side, u32 id)
{
	bool was = h->quarantined;

	h->quarantined = false;
	h->burst = 0;
	h->recoveries++;
	oph_change(f, OPH_OBJ_HEALTH, side, id, was, 0, obj);
}

/**
 * oph_engine_recover_check() - would recovering an engine bring it back?
 * @f: fabric
 * @side: side of the engine
 * @engine: engine id
 * @why: when not, why
 *
 * Out of quarantine, an engine whose death fault is still there stays
 * dark, and one whose cold plate still has no coolant shuts down hot
 * again: recovering either changes nothing but the counters.
 *
 * Return: 0, -EBUSY (with @why), or -ERANGE.
 */
int oph_engine_recover_check(struct oph_fabric *f, enum oph_side side, u32 engine,
			     const char **why)
{
	const struct oph_engine *e;

	if ((side != OPH_SIDE_EP && side != OPH_SIDE_SW) || engine >= oph_nengines(f, side))
		return oph_refuse(why, -ERANGE, "engine id out of range");
	e = &f->engines[side][engine];
	if (!e->health.quarantined)
		return 0;
	if (e->nfaults && oph_fault_find(f, OPH_FAULT_ENGINE_DEATH, side, engine, OPH_ALL))
		return oph_refuse(why, -EBUSY,
				  "the engine is still dead: recovered, it would stay dark; replace it, or force");
	if (e->cool_mk || e->shutdown ||
	    (e->nfaults && oph_fault_find(f, OPH_FAULT_COOLING, side, engine, OPH_ALL)))
		return oph_refuse(why, -EBUSY,
				  "the engine still has no coolant: recovered, it would overheat again; fix its cooling, or force");
	return 0;
}

/**
 * oph_engine_recover() - an admin returns an engine to service
 * @f: fabric
 * @side: side of the engine
 * @engine: engine id
 * @why: reason when refused
 *
 * Idempotent when the engine is not quarantined.  An engine whose death
 * fault is still injected stays dark.
 *
 * Return: 0 or -ERANGE.
 */
int oph_engine_recover(struct oph_fabric *f, enum oph_side side, u32 engine,
		       const char **why)
{
	struct oph_engine *e;
	u32 links[64], n, i;
	bool began;

	if ((side != OPH_SIDE_EP && side != OPH_SIDE_SW) ||
	    engine >= oph_nengines(f, side)) {
		*why = "engine id out of range";
		return -ERANGE;
	}
	e = &f->engines[side][engine];
	if (!e->health.quarantined)
		return 0;
	oph_health_recover(f, &e->health, OPH_OBJ_ENGINE, side, engine);
	began = oph_coalesce_begin(f, OPH_OBJ_ENGINE, side, engine);
	n = oph_engine_links(f, side, engine, links, ARRAY_SIZE(links));
	for (i = 0; i < n && i < ARRAY_SIZE(links); i++)
		oph_link_light_changed(f, links[i], OPH_DOWN_ENGINE);
	oph_coalesce_end(f, began);
	return 0;
}
