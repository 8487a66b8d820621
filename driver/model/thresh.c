// SPDX-License-Identifier: GPL-2.0
/*
 * ophoton model: warning and alarm thresholds, and latched flags.
 *
 * Every analog value has four levels (defaults from cpo-domain.md 8.4),
 * configurable per fabric.  Flags are latched where the model changes a
 * value (a settle, a tick, a state change), never when it is read, so a
 * read has no side effects and telemetry stays deterministic; a latched
 * flag stays set until an operator clears it.  A flag latching is an
 * alarm, one per object (a module's lasers together), not one per lane,
 * and the links of one fault domain re-evaluated together (a laser module
 * dimming, an engine drifting) raise one alarm for all of them.
 */
#include "internal.h"

static const struct oph_thresh oph_thresh_default[__OPH_TH_CNT] = {
	/* sensitivity -10 dBm, nominal -5 dBm, overload above +4 dBm */
	[OPH_TH_LANE_RX]	= { -10000, -8000, 2000, 4000 },
	/* 16 lasers x 2.5 dBm = +14.5 dBm at the engine; -4 dB is an alarm */
	[OPH_TH_PORT_OE_IN]	= { 10500, 12000, 17000, 18000 },
	/* bias: +20 % of beginning of life warns, +50 % alarms */
	[OPH_TH_LASER_BIAS]	= { 500, 700, 1200, 1500 },
	/* power: 50 mW, -1/-2 dB low, +1/+2 dB high */
	[OPH_TH_LASER_POWER]	= { 31548, 39716, 62946, 79245 },
	/* frequency error from the grid line */
	[OPH_TH_LASER_FREQ]	= { -25000, -10000, 10000, 25000 },
	[OPH_TH_MODULE_TEMP]	= { -5000, 15000, 75000, 80000 },
	/* 3.3 V, +-4 % warns, +-5 % alarms */
	[OPH_TH_MODULE_SUPPLY]	= { 3135, 3168, 3432, 3465 },
	[OPH_TH_ENGINE_TEMP]	= { -10000, 0, 85000, 95000 },
};

/**
 * oph_thresh_defaults() - the default thresholds
 * @t: array of __OPH_TH_CNT to fill
 */
void oph_thresh_defaults(struct oph_thresh *t)
{
	memcpy(t, oph_thresh_default, sizeof(oph_thresh_default));
}

/**
 * oph_thresh_get() - the thresholds of one value
 * @f: fabric
 * @id: enum oph_thresh_id
 *
 * Return: the thresholds, or NULL for an unknown @id.
 */
const struct oph_thresh *oph_thresh_get(const struct oph_fabric *f,
					enum oph_thresh_id id)
{
	return (unsigned int)id < __OPH_TH_CNT ? &f->thresh[id] : NULL;
}

/**
 * oph_thresh_check() - whether levels could be set, without setting them
 * @id: enum oph_thresh_id
 * @t: the levels
 * @why: reason when refused
 *
 * Lets a caller setting several values check them all before changing any.
 *
 * Return: 0, -EINVAL (unknown value, or levels out of order).
 */
int oph_thresh_check(enum oph_thresh_id id, const struct oph_thresh *t,
		     const char **why)
{
	if ((unsigned int)id >= __OPH_TH_CNT)
		return oph_refuse(why, -EINVAL, "unknown threshold");
	if (t->alarm_lo > t->warn_lo || t->warn_lo >= t->warn_hi ||
	    t->warn_hi > t->alarm_hi)
		return oph_refuse(why, -EINVAL,
				  "thresholds must be ordered alarm-lo <= warn-lo < warn-hi <= alarm-hi");
	return 0;
}

/**
 * oph_thresh_set() - configure the thresholds of one value
 * @f: fabric
 * @id: enum oph_thresh_id
 * @t: new levels
 * @why: reason when refused
 *
 * Latched flags are left as they are; new crossings latch from now on.
 *
 * Return: 0, -EINVAL (unknown value, or levels out of order).
 */
int oph_thresh_set(struct oph_fabric *f, enum oph_thresh_id id,
		   const struct oph_thresh *t, const char **why)
{
	int err = oph_thresh_check(id, t, why);

	if (err)
		return err;
	/* Flags are judged when read: no aggregate kept moves. */
	f->thresh[id] = *t;
	return 0;
}

/**
 * oph_fabric_set_budget() - configure the power budget of every rack
 * @f: fabric
 * @watts: the budget
 * @why: reason when refused
 *
 * Return: 0 or -EINVAL (no budget at all).
 */
int oph_fabric_set_budget(struct oph_fabric *f, u32 watts, const char **why)
{
	if (!watts)
		return oph_refuse(why, -EINVAL, "a rack power budget must be at least 1 W");
	/* Racks are judged against it when read. */
	f->p.rack_budget_w = watts;
	return 0;
}

/**
 * oph_thresh_flags() - where a value stands against its thresholds
 * @f: fabric
 * @id: enum oph_thresh_id
 * @v: the value, in the unit of @id
 *
 * Return: OPH_FLAG_* bits; an alarm sets the warning too.
 */
u32 oph_thresh_flags(const struct oph_fabric *f, enum oph_thresh_id id, s32 v)
{
	const struct oph_thresh *t = &f->thresh[id];
	u32 fl = 0;

	if (v <= t->alarm_lo)
		fl |= OPH_FLAG_ALARM_LO | OPH_FLAG_WARN_LO;
	else if (v <= t->warn_lo)
		fl |= OPH_FLAG_WARN_LO;
	if (v >= t->alarm_hi)
		fl |= OPH_FLAG_ALARM_HI | OPH_FLAG_WARN_HI;
	else if (v >= t->warn_hi)
		fl |= OPH_FLAG_WARN_HI;
	return fl;
}

/**
 * oph_coalesce_begin() - gather the link alarms of one fault domain
 * @f: fabric
 * @domain: OPH_OBJ_MODULE or OPH_OBJ_ENGINE
 * @side: side of the domain
 * @id: module or engine id
 *
 * A laser module that dims latches the same flag on every link it feeds:
 * one alarm naming the module and the count tells the operator where to
 * look, where one per link would bury it.  Nests: only the outermost
 * domain gathers.
 *
 * Return: whether this call began gathering; pass it to oph_coalesce_end().
 */
bool oph_coalesce_begin(struct oph_fabric *f, enum oph_obj domain,
			enum oph_side side, u32 id)
{
	if (f->coalesce.on)
		return false;
	f->coalesce.on = true;
	f->coalesce.domain = domain;
	f->coalesce.side = side;
	f->coalesce.id = id;
	f->coalesce.links = 0;
	f->coalesce.flags = 0;
	return true;
}

/**
 * oph_coalesce_end() - send what oph_coalesce_begin() gathered
 * @f: fabric
 * @began: its return value
 *
 * One link is an ordinary link alarm; more are one alarm of the domain.
 */
void oph_coalesce_end(struct oph_fabric *f, bool began)
{
	struct oph_change c = {
		.reason = OPH_ALARM_LINKS,
	};

	if (!began)
		return;
	f->coalesce.on = false;
	if (f->coalesce.links == 1)
		oph_alarm(f, OPH_ALARM_LINK, OPH_SIDE_EP, f->coalesce.first,
			  f->coalesce.flags, 0);
	if (f->coalesce.links <= 1)
		return;
	c.side = f->coalesce.side;
	c.id = f->coalesce.id;
	c.flags = f->coalesce.flags;
	c.domain = f->coalesce.domain;
	c.link = f->coalesce.first;
	c.count = f->coalesce.links;
	oph_alarm_send(f, &c);
}

static void link_alarm(struct oph_fabric *f, u32 link, u32 newly)
{
	if (!f->coalesce.on) {
		oph_alarm(f, OPH_ALARM_LINK, OPH_SIDE_EP, link, newly, 0);
		return;
	}
	if (!f->coalesce.links || link != f->coalesce.last) {
		if (!f->coalesce.links || link < f->coalesce.first)
			f->coalesce.first = link;
		f->coalesce.links++;
		f->coalesce.last = link;
	}
	f->coalesce.flags |= newly;
}

/**
 * oph_link_latch() - latch the receive and engine input flags of a link
 * @f: fabric
 * @link: link id
 *
 * Only while the link is up: a dark receiver is loss of signal, latched
 * as such, not a low-power alarm.
 */
void oph_link_latch(struct oph_fabric *f, u32 link)
{
	struct oph_link *l = &f->links[link];
	s32 udbm[OPH_MAX_LAMBDAS];
	u32 dir, k, n, rx = 0, now;

	if (l->state != OPH_LINK_UP && l->state != OPH_LINK_DEGRADED)
		return;
	for (dir = 0; dir < 2; dir++) {
		n = oph_link_lit_rx_udbm(f, link, dir, udbm);
		for (k = 0; k < n; k++)
			rx |= oph_thresh_flags(f, OPH_TH_LANE_RX, udbm[k]);
	}
	now = rx << OPH_LINK_RX_SHIFT |
	      oph_thresh_flags(f, OPH_TH_PORT_OE_IN,
			       oph_port_oe_udbm(f, link)) << OPH_LINK_OE_SHIFT;
	if (now & ~l->latched) {
		link_alarm(f, link, now & ~l->latched);
		/* Its units count the links with flags latched. */
		oph_agg_link(f, link);
	}
	l->latched |= now;
}

/**
 * oph_module_latch() - latch the flags of a module and its lasers
 * @f: fabric
 * @side: side of the module
 * @mod: module id
 */
void oph_module_latch(struct oph_fabric *f, enum oph_side side, u32 mod)
{
	struct oph_slot *s = &f->slots[side][mod];
	struct oph_module_info mi;
	struct oph_laser_info li;
	u32 k;

	u32 newly = 0;
	u16 mask = 0;

	if (!s->mod)
		return;
	oph_module_get(f, side, mod, &mi);
	if (mi.flags & ~s->latched) {
		oph_alarm(f, OPH_ALARM_MODULE, side, mod, mi.flags & ~s->latched, 0);
		oph_agg_object(f, OPH_OBJ_MODULE, side, mod);
	}
	s->latched |= mi.flags;
	/* Lasers only count while the module is meant to shine. */
	if (s->state != OPH_MOD_READY || s->admin == OPH_ADMIN_UNPROVISIONED ||
	    s->admin == OPH_ADMIN_UNPROVISIONING)
		return;
	for (k = 0; k < f->p.lambdas; k++) {
		oph_laser_get(f, side, mod, k, &li);
		if (li.flags & ~s->mod->latched[k]) {
			newly |= li.flags & ~s->mod->latched[k];
			mask |= 1U << k;
		}
		s->mod->latched[k] |= (u16)li.flags;
	}
	if (mask) {
		oph_alarm(f, OPH_ALARM_LASERS, side, mod, newly, mask);
		oph_agg_object(f, OPH_OBJ_MODULE, side, mod);
	}
}

/**
 * oph_engine_latch() - latch the temperature flags of an engine
 * @f: fabric
 * @side: side of the engine
 * @eng: engine id
 */
void oph_engine_latch(struct oph_fabric *f, enum oph_side side, u32 eng)
{
	struct oph_engine *e = &f->engines[side][eng];
	u32 now = oph_thresh_flags(f, OPH_TH_ENGINE_TEMP,
				   oph_engine_temp_mc(f, side, eng));

	if (now & ~e->latched) {
		oph_alarm(f, OPH_ALARM_ENGINE, side, eng, now & ~e->latched, 0);
		oph_agg_object(f, OPH_OBJ_ENGINE, side, eng);
	}
	e->latched |= now;
}

/**
 * oph_module_latched() - what a module and its lasers latched, together
 * @f: fabric
 * @side: side of the slot
 * @mod: slot id, below the side's modules
 *
 * Return: the module's flags ORed with its lasers'.
 */
u32 oph_module_latched(const struct oph_fabric *f, enum oph_side side, u32 mod)
{
	const struct oph_slot *s = &f->slots[side][mod];
	u32 flags = s->latched, k;

	for (k = 0; s->mod && k < f->p.lambdas; k++)
		flags |= s->mod->latched[k];
	return flags;
}

/**
 * oph_module_clear_latched() - an operator clears a module's latched flags
 * @f: fabric
 * @side: side of the slot
 * @mod: slot id
 * @why: reason when refused
 *
 * The flags are the module's: an empty slot has none to clear.
 *
 * Return: 0, -ERANGE or -ENODEV (empty slot).
 */
int oph_module_clear_latched(struct oph_fabric *f, enum oph_side side, u32 mod,
			     const char **why)
{
	struct oph_slot *s;

	if ((side != OPH_SIDE_EP && side != OPH_SIDE_SW) || mod >= oph_nmods(f, side))
		return oph_refuse(why, -ERANGE, "laser module id out of range");
	s = &f->slots[side][mod];
	if (!s->mod)
		return oph_refuse(why, -ENODEV, "no laser module in that slot");
	oph_alarm_cleared(f, OPH_OBJ_MODULE, side, mod, oph_module_latched(f, side, mod));
	s->latched = 0;
	memset(s->mod->latched, 0, sizeof(s->mod->latched));
	oph_agg_object(f, OPH_OBJ_MODULE, side, mod);
	return 0;
}

/**
 * oph_engine_clear_latched() - an operator clears an engine's latched flags
 * @f: fabric
 * @side: side of the engine
 * @eng: engine id
 * @why: reason when refused
 *
 * Return: 0 or -ERANGE.
 */
int oph_engine_clear_latched(struct oph_fabric *f, enum oph_side side, u32 eng,
			     const char **why)
{
	if ((side != OPH_SIDE_EP && side != OPH_SIDE_SW) || eng >= oph_nengines(f, side))
		return oph_refuse(why, -ERANGE, "engine id out of range");
	oph_alarm_cleared(f, OPH_OBJ_ENGINE, side, eng, f->engines[side][eng].latched);
	f->engines[side][eng].latched = 0;
	oph_agg_object(f, OPH_OBJ_ENGINE, side, eng);
	return 0;
}

/* A fault domain's error or quarantine, as its health stands now. */
static bool health_active(const struct oph_fabric *f, const struct oph_change *c)
{
	const struct oph_health *h;

	if (c->reason == OPH_OBJ_MODULE && c->id < oph_nmods(f, c->side))
		h = &f->slots[c->side][c->id].health;
	else if (c->reason == OPH_OBJ_ENGINE && c->id < oph_nengines(f, c->side))
		h = &f->engines[c->side][c->id].health;
	else
		return false;
	if (c->new < c->old)
		return false;			/* a recovery */
	if (c->new > c->old || h->quarantined)
		return h->quarantined;
	/* An error counts towards quarantine for the grace period. */
	return h->errors && f->now - h->last_error < (u64)f->p.grace_ms * OPH_NS_PER_MS;
}

/**
 * oph_alarm_active() - whether what raised an alarm is there now
 * @f: fabric
 * @c: the alarm's change record (OPH_OBJ_ALARM or OPH_OBJ_HEALTH)
 *
 * A threshold alarm while any of its flags stays latched (until an
 * operator clears them, OPH_ALARM_CLEARED; for a domain's links, on the
 * lowest of them),
 * aging while the lasers are still predicted to wear out early, a fault
 * domain's error while it is quarantined or within its grace period, a
 * quarantine while it lasts; a recovery never.
 *
 * Return: true when active.
 */
bool oph_alarm_active(const struct oph_fabric *f, const struct oph_change *c)
{
	const struct oph_slot *s = NULL;
	u32 k;

	if (c->obj == OPH_OBJ_HEALTH)
		return health_active(f, c);
	if (c->obj != OPH_OBJ_ALARM || c->side > OPH_SIDE_SW)
		return false;
	switch (c->reason) {
	case OPH_ALARM_CLEARED:
		return false;		/* an end, not an alarm */
	case OPH_ALARM_LINK:
		return c->id < f->t.links && (f->links[c->id].latched & c->flags);
	case OPH_ALARM_LINKS:
		return c->link < f->t.links && (f->links[c->link].latched & c->flags);
	case OPH_ALARM_ENGINE:
		return c->id < oph_nengines(f, c->side) &&
		       (f->engines[c->side][c->id].latched & c->flags);
	default:
		break;
	}
	if (c->id < oph_nmods(f, c->side))
		s = &f->slots[c->side][c->id];
	if (!s)
		return false;
	if (c->reason == OPH_ALARM_MODULE)
		return s->latched & c->flags;
	if (!s->mod)
		return false;
	if (c->reason == OPH_ALARM_AGING)
		return s->mod->predicted & c->mask;
	for (k = 0; k < f->p.lambdas; k++)
		if ((c->mask & BIT(k)) && (s->mod->latched[k] & c->flags))
			return true;
	return false;
}

/**
 * oph_alarm_severity() - how bad an alarm is
 * @c: the alarm's change record (OPH_OBJ_ALARM or OPH_OBJ_HEALTH)
 *
 * As the diagnosis ranks problems: a quarantine is critical (a domain out
 * of service), a fault or an alarm level latched major, a warning level
 * or lasers aging minor, a recovery or a clearing info.
 *
 * Return: enum oph_severity.
 */
u8 oph_alarm_severity(const struct oph_change *c)
{
	/* Of each nibble of threshold flags, bits 2 and 3 are the alarm levels. */
	const u32 alarm_levels = 0xccccccccU;

	if (c->obj == OPH_OBJ_HEALTH)
		return c->new > c->old ? OPH_SEV_CRITICAL :
		       c->new < c->old ? OPH_SEV_INFO : OPH_SEV_MAJOR;
	if (c->reason == OPH_ALARM_CLEARED)
		return OPH_SEV_INFO;
	if (c->reason == OPH_ALARM_AGING)
		return OPH_SEV_MINOR;
	return c->flags & alarm_levels ? OPH_SEV_MAJOR : OPH_SEV_MINOR;
}
