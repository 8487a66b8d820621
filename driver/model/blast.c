// SPDX-License-Identifier: GPL-2.0
/*
 * ophoton model: blast radius.  What the failure of one object would take
 * down, from the topology alone: nothing is changed and nothing needs to
 * have failed, so an operator can ask before touching a module.
 */
#include "internal.h"

struct blast_ctx {
	struct oph_fabric *f;
	struct oph_blast *b;
	void (*fn)(void *ctx, u32 link, u32 lanes);
	void *ctx;
	u32 last_ep;
};

/*
 * One link loses @lanes lane-directions of which @per_dir in its worse
 * direction: it goes down when fewer than min_lanes remain that way.
 * Links are visited grouped by endpoint, so counting endpoint changes
 * counts endpoints.
 */
static void hit(struct blast_ctx *c, u32 link, u32 lanes, u32 per_dir)
{
	struct oph_fabric *f = c->f;
	u32 ep = link / f->t.ports_per_ep;
	bool down = f->p.lambdas - per_dir < f->p.min_lanes;

	c->b->links++;
	c->b->lanes += lanes;
	if (down) {
		c->b->links_down++;
		c->b->bandwidth_gbps += (u64)f->p.lambdas * f->p.lane_gbps;
	} else {
		c->b->bandwidth_gbps += (u64)per_dir * f->p.lane_gbps;
	}
	if (ep != c->last_ep) {
		c->b->endpoints++;
		c->last_ep = ep;
	}
	if (c->fn)
		c->fn(c->ctx, link, lanes);
}

static void module_blast(struct blast_ctx *c, enum oph_side side, u32 mod,
			 u32 lanes)
{
	u32 links[64], n, i;

	n = oph_module_links(c->f, side, mod, links, ARRAY_SIZE(links));
	for (i = 0; i < n && i < ARRAY_SIZE(links); i++)
		hit(c, links[i], lanes, lanes);
}

static void ep_blast(struct blast_ctx *c, u32 ep)
{
	u32 i, both = 2 * c->f->p.lambdas;

	for (i = 0; i < c->f->t.ports_per_ep; i++)
		hit(c, ep * c->f->t.ports_per_ep + i, both, c->f->p.lambdas);
}

/**
 * oph_blast_radius() - what a failure would take down
 * @f: fabric
 * @obj: OPH_OBJ_MODULE, _LASER, _ENGINE, _FIBRE, _TRAY or _RACK
 * @side: side, for modules, lasers and engines
 * @id: object id (a laser is module * lambdas + laser; a fibre is its link;
 *	a tray is rack * trays + tray; racks count endpoint racks first)
 * @b: filled in
 * @link_fn: called for each affected link with the lane-directions it loses
 * @ctx: passed to @link_fn
 * @why: reason when refused
 *
 * Return: 0, -EINVAL or -ERANGE.
 */
int oph_blast_radius(struct oph_fabric *f, enum oph_obj obj, enum oph_side side,
		     u32 id, struct oph_blast *b,
		     void (*link_fn)(void *ctx, u32 link, u32 lanes), void *ctx,
		     const char **why)
{
	struct blast_ctx c = {
		.f = f, .b = b, .fn = link_fn, .ctx = ctx, .last_ep = ~0U,
	};
	u32 links[64], i, n, ep, plane, first;

	memset(b, 0, sizeof(*b));
	if ((obj == OPH_OBJ_MODULE || obj == OPH_OBJ_LASER || obj == OPH_OBJ_ENGINE) &&
	    side != OPH_SIDE_EP && side != OPH_SIDE_SW) {
		*why = "side must be endpoint or switch";
		return -EINVAL;
	}
	switch (obj) {
	case OPH_OBJ_MODULE:
		if (id >= oph_nmods(f, side))
			goto range;
		module_blast(&c, side, id, f->p.lambdas);
		return 0;
	case OPH_OBJ_LASER:
		if (id / f->p.lambdas >= oph_nmods(f, side))
			goto range;
		module_blast(&c, side, id / f->p.lambdas, 1);
		return 0;
	case OPH_OBJ_ENGINE:
		if (id >= oph_nengines(f, side))
			goto range;
		n = oph_engine_links(f, side, id, links, ARRAY_SIZE(links));
		for (i = 0; i < n && i < ARRAY_SIZE(links); i++)
			hit(&c, links[i], 2 * f->p.lambdas, f->p.lambdas);
		return 0;
	case OPH_OBJ_FIBRE:
		if (id >= f->t.links)
			goto range;
		hit(&c, id, 2 * f->p.lambdas, f->p.lambdas);
		return 0;
	case OPH_OBJ_TRAY:
		if (id >= f->t.ep_racks * f->p.trays)
			goto range;
		for (i = 0; i < f->p.slots; i++)
			ep_blast(&c, id * f->p.slots + i);
		return 0;
	case OPH_OBJ_RACK:
		if (id >= f->t.ep_racks + f->p.switch_racks)
			goto range;
		if (id < f->t.ep_racks) {
			for (i = 0; i < f->t.ep_per_rack; i++)
				ep_blast(&c, id * f->t.ep_per_rack + i);
			return 0;
		}
		/* A switch rack takes its planes' port of every endpoint. */
		first = (id - f->t.ep_racks) * f->t.sw_per_rack;
		for (ep = 0; ep < f->t.endpoints; ep++) {
			for (plane = first; plane < first + f->t.sw_per_rack; plane++)
				hit(&c, ep * f->t.ports_per_ep + plane,
				    2 * f->p.lambdas, f->p.lambdas);
			oph_maybe_resched(ep + 1);
		}
		return 0;
	default:
		*why = "blast radius is for modules, lasers, engines, fibres, trays and racks";
		return -EINVAL;
	}
range:
	*why = "object id out of range";
	return -ERANGE;
}

static bool carrying(const struct oph_fabric *f, u32 link)
{
	u8 st = f->links[link].state;

	return st == OPH_LINK_UP || st == OPH_LINK_DEGRADED;
}

/* A module slot that lights nothing now: drained, empty, dark or quarantined. */
static bool out_of_service(const struct oph_fabric *f, enum oph_side side, u32 mod)
{
	const struct oph_slot *s = &f->slots[side][mod];

	return !s->mod || s->state != OPH_MOD_READY || s->admin != OPH_ADMIN_ACTIVE ||
	       s->health.quarantined;
}

/* Whether endpoint @ep has a link carrying that @mod on @side does not light. */
static bool ep_lives_without(const struct oph_fabric *f, u32 ep, enum oph_side side,
			     u32 mod)
{
	u32 j, link;

	for (j = 0; j < f->t.ports_per_ep; j++) {
		link = ep * f->t.ports_per_ep + j;
		if (carrying(f, link) && oph_link_module(f, link, side) != mod)
			return true;
	}
	return false;
}

/**
 * oph_module_pull_check() - may a laser module be taken out now?
 * @f: fabric
 * @side: side of the slot
 * @mod: slot id
 * @pl: filled in: what its removal would take down, given what is down now
 * @why: when the answer is no, why
 *
 * The blast radius says what a module lights; this says what pulling it
 * would cost now: a module whose links all carry nothing already costs
 * nothing, but one whose GPU has no other link carrying would cut that GPU
 * off, one whose plane has no other link carrying would cut the plane off,
 * and one whose partner (the GPU's other modules, or the plane's) is out
 * of service would leave its GPU or plane on what little is left.
 *
 * Return: 0 when it may be pulled, -EBUSY when not (with @why), -ERANGE or
 * -ENODEV for a slot out of range or empty.
 */
int oph_module_pull_check(struct oph_fabric *f, enum oph_side side, u32 mod,
			  struct oph_pull *pl, const char **why)
{
	u32 links[64], n, i, j, ep, plane, first, count, last;

	memset(pl, 0, sizeof(*pl));
	if ((side != OPH_SIDE_EP && side != OPH_SIDE_SW) || mod >= oph_nmods(f, side))
		return oph_refuse(why, -ERANGE, "laser module id out of range");
	if (!f->slots[side][mod].mod)
		return oph_refuse(why, -ENODEV, "no laser module in that slot");
	n = oph_module_links(f, side, mod, links, ARRAY_SIZE(links));
	/* In id order: an endpoint's links are next to each other. */
	for (i = 0, last = U32_MAX; i < n && i < ARRAY_SIZE(links); i++) {
		pl->links++;
		if (!carrying(f, links[i]))
			continue;
		pl->carrying++;
		ep = links[i] / f->t.ports_per_ep;
		if (ep != last && !ep_lives_without(f, ep, side, mod))
			pl->endpoints_cut++;
		last = ep;
	}
	/* The partners: the GPU's other modules, or the plane's. */
	if (side == OPH_SIDE_EP) {
		first = mod / f->p.modules * f->p.modules;
		count = f->p.modules;
	} else {
		first = mod / f->t.sw_modules_per_plane * f->t.sw_modules_per_plane;
		count = f->t.sw_modules_per_plane;
	}
	for (j = first; j < first + count; j++)
		if (j != mod && out_of_service(f, side, j))
			pl->partners_out++;
	if (side == OPH_SIDE_SW && pl->carrying) {
		/* The plane lives on if one of its links the module does not light carries. */
		plane = mod / f->t.sw_modules_per_plane;
		pl->plane_cut = true;
		for (ep = 0; ep < f->t.endpoints && pl->plane_cut; ep++) {
			u32 link = ep * f->t.ports_per_ep + plane;

			if (carrying(f, link) && oph_link_module(f, link, side) != mod)
				pl->plane_cut = false;
			oph_maybe_resched(ep + 1);
		}
	}
	if (!pl->carrying)
		return 0;
	if (pl->endpoints_cut)
		return oph_refuse(why, -EBUSY,
				  "pulling it would cut a GPU off: its other links carry nothing now; force to pull anyway");
	if (pl->plane_cut)
		return oph_refuse(why, -EBUSY,
				  "pulling it would cut its switch plane off: the plane's other links carry nothing now; force to pull anyway");
	if (pl->partners_out)
		return oph_refuse(why, -EBUSY,
				  "a partner laser module (of the same GPU, or on the switch side the same plane) is out of service: restore it first, or force");
	return 0;
}
