// SPDX-License-Identifier: GPL-2.0
/*
 * ophoton model: a fabric's lifetime, its virtual clock and event loop,
 * and the change records it emits.
 *
 * Time only moves in oph_fabric_advance(): events due by then run in
 * (time, sequence) order, each at its own time.  With the same parameters,
 * seed and calls, a fabric goes through the same states at the same times
 * and reads the same telemetry, bit for bit.
 */
#include "internal.h"

static void *tally(struct oph_fabric *f, void *p, size_t n, size_t sz)
{
	if (p)
		f->bytes += n * sz;
	return p;
}

/* The masks telem.c reads a module's lasers eight at a time with. */
static void lambda_words(struct oph_fabric *f)
{
	u8 mask[OPH_MAX_LAMBDAS] = { 0 }, on[OPH_MAX_LAMBDAS];

	memset(mask, 0xff, min_t(u32, f->p.lambdas, OPH_MAX_LAMBDAS));
	memset(on, OPH_LASER_ON, sizeof(on));
	memcpy(f->lambda_mask, mask, sizeof(mask));
	memcpy(f->lasers_on, on, sizeof(on));
}

/**
 * oph_fabric_create() - build a fabric: every module present in low power,
 * every link administratively down
 * @p: parameters
 * @out: the new fabric
 * @why: reason when refused
 *
 * Return: 0, -EINVAL (impossible shape, @why says why) or -ENOMEM.
 */
int oph_fabric_create(const struct oph_params *p, struct oph_fabric **out,
		      const char **why)
{
	struct oph_fabric *f;
	u32 side, i, objs;
	int err;

	err = oph_params_check(p, why);
	if (err)
		return err;
	f = oph_zalloc(sizeof(*f));
	if (!f)
		goto err_nomem;
	f->bytes = sizeof(*f);
	f->p = *p;
	oph_topo_init(&f->t, p);
	lambda_words(f);
	oph_thresh_defaults(f->thresh);
	/* The engine input sums the lasers: scale its levels to lambdas. */
	{
		s32 d = (s32)oph_mdb_of_n[p->lambdas] - (s32)oph_mdb_of_n[16];
		struct oph_thresh *t = &f->thresh[OPH_TH_PORT_OE_IN];

		t->alarm_lo += d;
		t->warn_lo += d;
		t->warn_hi += d;
		t->alarm_hi += d;
	}

	f->links = tally(f, oph_calloc(f->t.links, sizeof(*f->links)),
			 f->t.links, sizeof(*f->links));
	if (!f->links)
		goto err_free_fabric;
	f->lane_err = tally(f, oph_calloc(2 * f->t.lanes, sizeof(u64)),
			    2 * f->t.lanes, sizeof(u64));
	if (!f->lane_err)
		goto err_free_links;
	f->lane_dark_ms = tally(f, oph_calloc(2 * f->t.lanes, sizeof(u32)),
				2 * f->t.lanes, sizeof(u32));
	if (!f->lane_dark_ms)
		goto err_free_lane_err;
	for (side = 0; side < 2; side++) {
		f->slots[side] = tally(f, oph_calloc(oph_nmods(f, side),
						     sizeof(struct oph_slot)),
				       oph_nmods(f, side), sizeof(struct oph_slot));
		f->engines[side] = tally(f, oph_calloc(oph_nengines(f, side),
						       sizeof(struct oph_engine)),
					 oph_nengines(f, side), sizeof(struct oph_engine));
		if (!f->slots[side] || !f->engines[side])
			goto err_free_sides;
	}
	f->faults = tally(f, oph_calloc(OPH_MAX_FAULTS, sizeof(*f->faults)),
			  OPH_MAX_FAULTS, sizeof(*f->faults));
	if (!f->faults)
		goto err_free_sides;
	/*
	 * One live event per object at most; a quarter more leaves room for
	 * stale entries, and a full heap compacts to at most objs entries.
	 */
	objs = f->t.links + f->t.ep_modules + f->t.sw_modules + f->t.ep_engines +
	       f->t.sw_engines;
	objs += objs / 4 + 16;
	if (oph_evq_init(&f->evq, objs))
		goto err_free_faults;
	f->bytes += (size_t)objs * sizeof(struct oph_ev);
	if (oph_agg_init(f))
		goto err_free_evq;

	for (side = 0; side < 2; side++)
		for (i = 0; i < oph_nmods(f, side); i++) {
			err = oph_module_insert(f, side, i, 0, why);
			if (err)
				goto err_free_modules;
			oph_maybe_resched(i);
		}
	/* Creation is not a history: start the change log and clock afresh. */
	f->change_seq = 0;
	oph_agg_refresh(f, U32_MAX);
	*out = f;
	return 0;

err_free_modules:
	for (side = 0; side < 2; side++)
		for (i = 0; i < oph_nmods(f, side); i++)
			oph_free(f->slots[side][i].mod);
	oph_agg_free(f);
err_free_evq:
	oph_evq_free(&f->evq);
err_free_faults:
	oph_cfree(f->faults);
err_free_sides:
	for (side = 0; side < 2; side++) {
		oph_cfree(f->engines[side]);
		oph_cfree(f->slots[side]);
	}
	oph_cfree(f->lane_dark_ms);
err_free_lane_err:
	oph_cfree(f->lane_err);
err_free_links:
	oph_cfree(f->links);
err_free_fabric:
	oph_free(f);
err_nomem:
	*why = "out of memory for the fabric";
	return -ENOMEM;
}

/**
 * oph_fabric_destroy() - free a fabric and its modules
 * @f: fabric, may be NULL
 *
 * Return: laser modules freed over the fabric's life, these last ones
 * included.
 */
u64 oph_fabric_destroy(struct oph_fabric *f)
{
	u64 freed;
	u32 side, i;

	if (!f)
		return 0;
	freed = f->mods_freed;
	for (side = 0; side < 2; side++)
		for (i = 0; i < oph_nmods(f, side); i++) {
			if (f->slots[side][i].mod) {
				oph_free(f->slots[side][i].mod);
				freed++;
			}
			oph_maybe_resched(i + 1);
		}
	oph_agg_free(f);
	oph_evq_free(&f->evq);
	oph_cfree(f->faults);
	for (side = 0; side < 2; side++) {
		oph_cfree(f->engines[side]);
		oph_cfree(f->slots[side]);
	}
	oph_cfree(f->lane_dark_ms);
	oph_cfree(f->lane_err);
	oph_cfree(f->links);
	oph_free(f);
	return freed;
}

/**
 * oph_fabric_modules_made() - laser modules the model allocated for a fabric
 * @f: fabric
 *
 * With the count oph_fabric_destroy() returns, accounting shows that every
 * laser module allocated was freed.
 *
 * Return: modules allocated over the fabric's life, so far.
 */
u64 oph_fabric_modules_made(const struct oph_fabric *f)
{
	return f->mods_made;
}

/**
 * oph_change() - record a state change and hand it to the listener
 * @f: fabric
 * @obj: enum oph_obj
 * @side: side for modules, engines and health
 * @id: object id
 * @old: previous state
 * @new: new state
 * @reason: enum oph_down_reason for links
 */
void oph_change(struct oph_fabric *f, enum oph_obj obj, enum oph_side side,
		u32 id, u8 old, u8 new, u8 reason)
{
	struct oph_change c = {
		.time = oph_time_since_creation(f, f->now), .obj = obj, .side = side,
		.id = id, .old = old,
		.new = new, .reason = reason,
	};

	/*
	 * A slot's state is its module's and its operator's intent, and
	 * what that intent was at the slot's previous change.
	 */
	if (obj == OPH_OBJ_MODULE) {
		struct oph_slot *s = &f->slots[side][id];

		c.admin = s->admin;
		c.admin_old = s->admin_told;
		s->admin_told = s->admin;
	}
	/* Health goes out with the alarms: its own gap-free sequence. */
	c.seq = obj == OPH_OBJ_HEALTH ? ++f->alarm_seq : ++f->change_seq;
	/* A quarantine takes its domain's links out of the bandwidth. */
	oph_agg_object(f, obj == OPH_OBJ_HEALTH ? reason : obj, side, id);

	if (obj == OPH_OBJ_MODULE && (old == OPH_MOD_ABSENT || new == OPH_MOD_ABSENT))
		f->gen++;
	if (f->notify)
		f->notify(f->notify_ctx, &c);
}

/**
 * oph_fabric_config_changed() - record that the fabric's configuration changed
 * @f: fabric
 *
 * Thresholds, budget and clock speed change no object's state; the caller
 * records one change for all it configured at once, so that listeners see
 * the fabric in the same numbered stream as its links and modules.
 */
void oph_fabric_config_changed(struct oph_fabric *f)
{
	oph_change(f, OPH_OBJ_FABRIC, OPH_SIDE_EP, 0, 0, 0, 0);
}

/**
 * oph_alarm() - record an alarm: flags latched, or aging predicted
 * @f: fabric
 * @kind: enum oph_alarm, what it is about
 * @side: side of the module or engine
 * @id: link, module or engine id
 * @flags: the threshold flags newly latched
 * @mask: the lasers concerned
 */
void oph_alarm(struct oph_fabric *f, enum oph_alarm kind, enum oph_side side,
	       u32 id, u32 flags, u16 mask)
{
	struct oph_change c = {
		.side = side, .id = id, .reason = kind, .flags = flags, .mask = mask,
	};

	oph_alarm_send(f, &c);
}

/**
 * oph_alarm_cleared() - record that an object's latched flags went
 * @f: fabric
 * @obj: OPH_OBJ_LINK, OPH_OBJ_MODULE (its lasers' too) or OPH_OBJ_ENGINE
 * @side: side of the module or engine
 * @id: link, module or engine id
 * @flags: what was latched; nothing is recorded when nothing was
 *
 * The end of the threshold alarms that raised them: an operator cleared
 * them, or the module they were latched in left its slot.
 */
void oph_alarm_cleared(struct oph_fabric *f, enum oph_obj obj, enum oph_side side, u32 id,
		       u32 flags)
{
	struct oph_change c = {
		.side = side, .id = id, .reason = OPH_ALARM_CLEARED, .flags = flags,
		.domain = (u8)obj,
	};

	if (flags)
		oph_alarm_send(f, &c);
}

/**
 * oph_alarm_send() - number, stamp and send an alarm record
 * @f: fabric
 * @c: the record, its subject filled in
 *
 * Every alarm goes through here, so the alarm sequence has no gap a
 * monitor could mistake for a lost one.
 */
void oph_alarm_send(struct oph_fabric *f, struct oph_change *c)
{
	c->obj = OPH_OBJ_ALARM;
	c->seq = ++f->alarm_seq;
	c->time = oph_time_since_creation(f, f->now);
	if (f->notify)
		f->notify(f->notify_ctx, c);
}

/**
 * oph_advance() - run the clock up to @until, or until @budget events ran
 * @f: fabric
 * @until: virtual time in the model's frame
 * @budget: events to run at most
 *
 * Return: the events run.
 */
u32 oph_advance(struct oph_fabric *f, u64 until, u32 budget)
{
	const struct oph_ev *top;
	struct oph_ev ev;
	u32 n = 0, id;

	while (n < budget && (top = oph_evq_peek(&f->evq)) && top->time <= until) {
		oph_evq_pop(&f->evq, &ev);
		id = ev.obj & OPH_EV_ID_MASK;
		if (ev.time > f->now)
			f->now = ev.time;
		switch (ev.obj >> OPH_EV_KIND_SHIFT) {
		case OPH_EV_LINK:
			if (f->links[id].ev_seq != ev.seq)
				continue;
			f->links[id].ev_seq = 0;
			oph_link_event(f, id);
			oph_agg_link(f, id);
			break;
		case OPH_EV_MOD_EP:
		case OPH_EV_MOD_SW: {
			enum oph_side side = (ev.obj >> OPH_EV_KIND_SHIFT) == OPH_EV_MOD_EP ?
					     OPH_SIDE_EP : OPH_SIDE_SW;

			if (f->slots[side][id].ev_seq != ev.seq)
				continue;
			f->slots[side][id].ev_seq = 0;
			oph_module_event(f, side, id);
			oph_agg_object(f, OPH_OBJ_MODULE, side, id);
			break;
		}
		default: {
			enum oph_side side = (ev.obj >> OPH_EV_KIND_SHIFT) == OPH_EV_ENG_EP ?
					     OPH_SIDE_EP : OPH_SIDE_SW;

			if (f->engines[side][id].ev_seq != ev.seq)
				continue;
			f->engines[side][id].ev_seq = 0;
			oph_engine_event(f, side, id);
			oph_agg_object(f, OPH_OBJ_ENGINE, side, id);
			break;
		}
		}
		n++;
		oph_maybe_resched(n);
	}
	/* Stopped short of @until: the clock stays at the last event run. */
	top = oph_evq_peek(&f->evq);
	if (until > f->now && (!top || top->time > until))
		f->now = until;
	return n;
}

/**
 * oph_fabric_advance() - run the clock up to a time
 * @f: fabric
 * @until: virtual time (ns); earlier than now does nothing
 *
 * Return: the number of events that ran.
 */
u32 oph_fabric_advance(struct oph_fabric *f, u64 until)
{
	return oph_advance(f, until, U32_MAX);
}

/**
 * oph_fabric_advance_some() - run the clock towards a time, a slice of it
 * @f: fabric
 * @until: virtual time (ns); earlier than now does nothing
 * @budget: events to run at most
 *
 * The events run are those oph_fabric_advance() would run first, in the
 * same order: slices add up to the whole, bit for bit.  The caller may let
 * others at the fabric between two slices.
 *
 * Return: true once the clock stands at @until (or beyond).
 */
bool oph_fabric_advance_some(struct oph_fabric *f, u64 until, u32 budget)
{
	oph_advance(f, until, budget);
	return f->now >= until;
}

/**
 * oph_fabric_next_event() - when the next event is due
 * @f: fabric
 *
 * Return: virtual time of the earliest queued event (possibly stale), or
 * U64_MAX when none is queued; the glue sleeps until then at most.
 */
u64 oph_fabric_next_event(const struct oph_fabric *f)
{
	const struct oph_ev *top = oph_evq_peek(&f->evq);

	return top ? top->time : ~0ULL;
}

/**
 * oph_fabric_now() - the virtual clock, in the model's frame
 * @f: fabric
 *
 * Return: virtual ns since the model's base (time.c): since creation for
 * the first 146 virtual years.  Event times are in the same frame.
 */
u64 oph_fabric_now(const struct oph_fabric *f)
{
	return f->now;
}

/**
 * oph_fabric_generation() - bumped when modules come or go
 * @f: fabric
 *
 * Return: the generation, for dump consistency checks.
 */
u64 oph_fabric_generation(const struct oph_fabric *f)
{
	return f->gen;
}

/**
 * oph_fabric_change_seq() - sequence number of the last change record
 * @f: fabric
 *
 * Return: the sequence number; records are numbered without gaps.
 */
u64 oph_fabric_change_seq(const struct oph_fabric *f)
{
	return f->change_seq;
}

/**
 * oph_fabric_take_seq() - number an event the model does not record
 * @f: fabric
 *
 * The fabric's creation and deletion are announced by the glue, in the
 * same gap-free sequence as the change records.
 *
 * Return: the event's sequence number.
 */
u64 oph_fabric_take_seq(struct oph_fabric *f)
{
	return ++f->change_seq;
}

/**
 * oph_fabric_bytes() - memory the model allocated for a fabric
 * @f: fabric
 *
 * Return: bytes, including the laser modules present.
 */
size_t oph_fabric_bytes(const struct oph_fabric *f)
{
	return f->bytes;
}

/**
 * oph_fabric_params() - the parameters a fabric was created with
 * @f: fabric
 *
 * Return: the parameters.
 */
const struct oph_params *oph_fabric_params(const struct oph_fabric *f)
{
	return &f->p;
}

/**
 * oph_fabric_topo() - the counts derived from the parameters
 * @f: fabric
 *
 * Return: the topology.
 */
const struct oph_topo *oph_fabric_topo(const struct oph_fabric *f)
{
	return &f->t;
}

/**
 * oph_fabric_set_notify() - set the listener of change records
 * @f: fabric
 * @fn: called for each record, under the caller's serialisation
 * @ctx: passed to @fn
 */
void oph_fabric_set_notify(struct oph_fabric *f, oph_change_fn fn, void *ctx)
{
	f->notify = fn;
	f->notify_ctx = ctx;
}

/* One laser module of oph_fabric_set_all(): whether it refused to follow. */
static bool set_module(struct oph_fabric *f, enum oph_side side, u32 mod, bool up)
{
	const struct oph_slot *s = &f->slots[side][mod];
	const char *why;

	if (!s->mod)
		return false;
	if (!up)
		return oph_module_drain(f, side, mod, &why) != 0;
	/*
	 * Active already, as far as its admin state goes, yet dark:
	 * quarantined or in fault, it does not follow either.
	 */
	return oph_module_activate(f, side, mod, &why) != 0 ||
	       s->health.quarantined || s->state == OPH_MOD_FAULT;
}

/**
 * oph_fabric_set_slice() - a slice of oph_fabric_set_all()
 * @f: fabric
 * @up: bring up (activate every module, admin-up every link) or down
 * @pos: where the walk stands, 0 to start: the GPU side's modules, the
 *	switch side's, then the links; moved on by the slice
 * @budget: modules and links to set at most in this slice
 * @refused: incremented for each laser module that refused
 *
 * The caller may let others at the fabric between two slices: what a slice
 * leaves is a fabric part set, as a run of single requests would leave it.
 *
 * Return: true once every module and link is set.
 */
bool oph_fabric_set_slice(struct oph_fabric *f, bool up, u32 *pos, u32 budget,
			  u32 *refused)
{
	u32 ep = oph_nmods(f, OPH_SIDE_EP), sw = oph_nmods(f, OPH_SIDE_SW);
	u32 end = ep + sw + f->t.links;
	const char *why;

	for (; *pos < end && budget; (*pos)++, budget--) {
		if (*pos < ep)
			*refused += set_module(f, OPH_SIDE_EP, *pos, up);
		else if (*pos < ep + sw)
			*refused += set_module(f, OPH_SIDE_SW, *pos - ep, up);
		else
			oph_link_set_admin(f, *pos - ep - sw, up, &why);
		oph_maybe_resched(*pos + 1);
	}
	return *pos >= end;
}

/**
 * oph_fabric_set_all() - every link and laser module up, or all down
 * @f: fabric
 * @up: bring up (activate every module, admin-up every link) or down
 *
 * Best effort, as an operator wants it: a quarantined, faulty or draining
 * module must not hold back the rest of the fabric.  Every link follows.
 *
 * Return: how many laser modules refused (they keep their state).
 */
u32 oph_fabric_set_all(struct oph_fabric *f, bool up)
{
	u32 pos = 0, refused = 0;

	while (!oph_fabric_set_slice(f, up, &pos, U32_MAX, &refused))
		;
	return refused;
}
