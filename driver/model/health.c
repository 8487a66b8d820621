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

/* A domain of a kind, by its place in side then id order. */
static struct oph_health *domain_at(struct oph_fabric *f, enum oph_obj obj,
				    u32 i, enum oph_side *side, u32 *id)
{
	u32 n = obj == OPH_OBJ_ENGINE ? oph_nengines(f, OPH_SIDE_EP) :
		oph_nmods(f, OPH_SIDE_EP);

	*side = i < n ? OPH_SIDE_EP : OPH_SIDE_SW;
	*id = i < n ? i : i - n;
	return obj == OPH_OBJ_ENGINE ? &f->engines[*side][*id].health :
	       &f->slots[*side][*id].health;
}

static u32 domains_of(struct oph_fabric *f, enum oph_obj obj)
{
	return obj == OPH_OBJ_ENGINE ?
	       oph_nengines(f, OPH_SIDE_EP) + oph_nengines(f, OPH_SIDE_SW) :
	       oph_nmods(f, OPH_SIDE_EP) + oph_nmods(f, OPH_SIDE_SW);
}

/*
 * The kind's summary, up to date: after a recovery, the latest fault of a
 * domain not recovered since is looked for again (a walk of the kind).
 */
static struct oph_health_kind *kind_fresh(struct oph_fabric *f, enum oph_obj obj)
{
	struct oph_health_kind *k = &f->hkind[obj == OPH_OBJ_ENGINE];
	u32 i, n, id;

	if (!k->stale)
		return k;
	n = domains_of(f, obj);
	k->last_error = 0;
	k->active = false;
	for (i = 0; i < n; i++) {
		enum oph_side side;
		const struct oph_health *h = domain_at(f, obj, i, &side, &id);

		if (h->burst && (!k->active || h->last_error > k->last_error)) {
			k->last_error = h->last_error;
			k->active = true;
		}
		oph_maybe_resched(i + 1);
	}
	k->stale = false;
	return k;
}

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
	/* Before this fault touches its domain: a listener reads the kind as it was. */
	struct oph_health_kind *k = kind_fresh(f, obj);
	u64 grace = (u64)f->p.grace_ms * OPH_NS_PER_MS;
	bool quarantine;

	if (h->errors && f->now - h->last_error <= grace)
		h->burst++;
	else
		h->burst = 1;
	h->errors++;
	h->last_error = f->now;
	quarantine = !h->quarantined && h->burst >= f->p.quarantine_errors;
	h->quarantined |= quarantine;
	oph_change(f, OPH_OBJ_HEALTH, side, id, h->quarantined && !quarantine,
		   h->quarantined, obj);
	/*
	 * The kind as a whole is updated after the change is announced, so
	 * that a listener reads it as it was before this fault: whether the
	 * fault found its kind healthy (oph_health_kind_get()).
	 */
	k->errors++;
	k->last_error = f->now;
	k->active = true;
	k->quarantined += quarantine;
	if (!quarantine || obj == OPH_OBJ_ENGINE)
		return;
	/*
	 * A quarantined module goes dark, whatever it was doing, and its
	 * cause is the quarantine: what a technician acts on (swap it) is
	 * the burst, not its last fault alone.
	 */
	if (!f->slots[side][id].mod)
		return;
	f->slots[side][id].fault_cause = OPH_MC_QUARANTINE;
	if (f->slots[side][id].state != OPH_MOD_FAULT)
		oph_module_dark(f, side, id);
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
	f->hkind[obj == OPH_OBJ_ENGINE].quarantined -= was;
	/* Its faults no longer count: the kind's latest is looked for again. */
	f->hkind[obj == OPH_OBJ_ENGINE].stale = true;
}

/* In error: a fault within the grace period, and no recovery since. */
static bool in_error(const struct oph_fabric *f, const struct oph_health *h)
{
	return h->burst && f->now - h->last_error <= (u64)f->p.grace_ms * OPH_NS_PER_MS;
}

/**
 * oph_health_kind_get() - the fault domains of one kind as a whole
 * @f: fabric
 * @obj: OPH_OBJ_MODULE or OPH_OBJ_ENGINE
 * @ki: filled in
 *
 * What a devlink health reporter of the kind shows: unhealthy while a
 * domain is quarantined or in error (a fault within the grace period, and
 * no recovery since).  Called from a change record of the kind's health,
 * it tells the kind as it was before that change.  O(1), but for the first
 * call after a recovery, which walks the kind's domains.
 *
 * Return: 0 or -EINVAL (not a fault domain).
 */
int oph_health_kind_get(struct oph_fabric *f, enum oph_obj obj,
			struct oph_health_kind_info *ki)
{
	const struct oph_health_kind *k;
	u64 grace = (u64)f->p.grace_ms * OPH_NS_PER_MS;

	if (obj != OPH_OBJ_MODULE && obj != OPH_OBJ_ENGINE)
		return -EINVAL;
	k = kind_fresh(f, obj);
	ki->errors = k->errors;
	ki->quarantined = k->quarantined;
	ki->unhealthy = k->quarantined ||
			(k->active && f->now - k->last_error <= grace);
	return 0;
}

/**
 * oph_health_scan() - the fault domains of a kind that are not healthy
 * @f: fabric
 * @obj: OPH_OBJ_MODULE or OPH_OBJ_ENGINE
 * @out: the first @max of them, gpu side first, by id
 * @max: room in @out
 * @sum: totals over every domain of the kind
 *
 * Not healthy: quarantined, or in error (a fault within the grace period
 * and no recovery since).
 * Walks every domain of the kind, a few thousand at the default size.
 *
 * Return: domains written to @out.
 */
u32 oph_health_scan(struct oph_fabric *f, enum oph_obj obj,
		    struct oph_domain *out, u32 max, struct oph_health_sum *sum)
{
	u32 i, n = domains_of(f, obj), w = 0;

	memset(sum, 0, sizeof(*sum));
	for (i = 0; i < n; i++) {
		enum oph_side side;
		u32 id;
		const struct oph_health *h = domain_at(f, obj, i, &side, &id);
		bool err = in_error(f, h);

		oph_maybe_resched(i + 1);
		sum->domains++;
		sum->errors += h->errors;
		sum->recoveries += h->recoveries;
		sum->quarantined += h->quarantined;
		sum->in_error += err;
		if (!err && !h->quarantined)
			continue;
		sum->unhealthy++;
		if (w < max) {
			out[w].side = side;
			out[w].id = id;
			out[w].quarantined = h->quarantined;
			out[w].in_error = err;
			out[w].errors = h->errors;
			out[w].recoveries = h->recoveries;
			out[w].last_error_ns = oph_time_since_creation(f, h->last_error);
			w++;
		}
	}
	return w;
}

/**
 * oph_health_recover_kind() - recover every quarantined domain of a kind
 * @f: fabric
 * @obj: OPH_OBJ_MODULE or OPH_OBJ_ENGINE
 * @recovered: domains recovered
 * @why: why the first one refused was, when one was
 *
 * What an operator's recovery does to each, one by one: a module is reset;
 * an engine is recovered unless it would not come back
 * (oph_engine_recover_check()), and is then left quarantined.
 *
 * Return: 0, or the error of the first domain refused.
 */
int oph_health_recover_kind(struct oph_fabric *f, enum oph_obj obj,
			    u32 *recovered, const char **why)
{
	u32 i, n = domains_of(f, obj), left = f->hkind[obj == OPH_OBJ_ENGINE].quarantined;
	int first = 0;

	*recovered = 0;
	for (i = 0; i < n && left; i++) {
		const char *refused = NULL;
		enum oph_side side;
		u32 id;
		int err;

		if (!domain_at(f, obj, i, &side, &id)->quarantined)
			continue;
		left--;
		err = oph_health_recover_one(f, obj, side, id, &refused);
		if (!err) {
			(*recovered)++;
		} else if (!first) {
			first = err;
			*why = refused;
		}
	}
	return first;
}

/**
 * oph_health_recover_one() - recover one domain as an operator would
 * @f: fabric
 * @obj: OPH_OBJ_MODULE or OPH_OBJ_ENGINE
 * @side: side of the domain
 * @id: module or engine id
 * @why: reason when refused
 *
 * Return: 0, -ENOENT when it is not quarantined, -ERANGE, or an error of
 * oph_engine_recover_check() or oph_module_recover().
 */
int oph_health_recover_one(struct oph_fabric *f, enum oph_obj obj,
			   enum oph_side side, u32 id, const char **why)
{
	struct oph_health_info hi;
	int err = oph_health_get(f, obj, side, id, &hi);

	if (err)
		return oph_refuse(why, err, "no such fault domain");
	if (!hi.quarantined)
		return oph_refuse(why, -ENOENT, "not quarantined: nothing to recover");
	if (obj == OPH_OBJ_MODULE)
		return oph_module_recover(f, side, id, why);
	err = oph_engine_recover_check(f, side, id, why);
	return err ? err : oph_engine_recover(f, side, id, why);
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
