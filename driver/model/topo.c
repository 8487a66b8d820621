// SPDX-License-Identifier: GPL-2.0
/*
 * ophoton model: topology.  Every id is an index into a flat array and every
 * relation between ids is arithmetic, so nothing here allocates and any
 * shape the parameters allow costs the same per object.
 *
 * Ids:
 *   endpoint  ep = rack * trays * slots + tray * slots + slot (compute racks
 *             first, then memory racks)
 *   engine    ep * engines + engine                 (endpoint side)
 *   link      ep * ports_per_ep + engine * ports + port
 *   plane     the link's index within its endpoint: every endpoint has one
 *             link to each plane switch, at switch port ep
 *   module    ep * modules + j                      (endpoint side)
 *             plane * sw_modules_per_plane + k      (switch side)
 */
#include "internal.h"

/**
 * oph_params_default() - the default fabric: 1,024 GPUs
 * @p: parameters to fill
 *
 * 16 compute racks x 16 trays x 4 GPUs, 4 engines x 8 ports x 16 lanes of
 * 32 Gb/s per GPU, 2 laser modules per GPU fed in blocks, 4 switch racks.
 */
void oph_params_default(struct oph_params *p)
{
	memset(p, 0, sizeof(*p));
	p->racks = 16;
	p->memory_racks = 0;
	p->switch_racks = 4;
	p->trays = 16;
	p->slots = 4;
	p->engines = 4;
	p->ports = 8;
	p->lambdas = 16;
	p->modules = 2;
	p->lane_gbps = 32;
	p->feed = OPH_FEED_BLOCK;
	p->time_scale = 1;
	p->seed = 1;
	p->min_lanes = 12;
	p->max_retries = 3;
	p->ber_qual_ms = 1000;
	p->quarantine_errors = 3;
	p->grace_ms = 60000;
	p->rack_budget_w = 150000;
	p->alarm_history = 1024;
}

/**
 * oph_params_check() - refuse impossible fabric shapes
 * @p: parameters
 * @why: set to the reason when refused
 *
 * Return: 0, or -EINVAL with @why saying what is wrong.
 */
int oph_params_check(const struct oph_params *p, const char **why)
{
	u64 eps, ppe, links;

	if (!p->racks)
		return oph_refuse(why, -EINVAL, "racks must be at least 1");
	if (!p->trays || !p->slots)
		return oph_refuse(why, -EINVAL, "trays and slots must be at least 1");
	if (!p->engines || !p->ports)
		return oph_refuse(why, -EINVAL, "engines and ports must be at least 1");
	if (!p->lambdas || p->lambdas > OPH_MAX_LAMBDAS)
		return oph_refuse(why, -EINVAL,
				  "lambdas must be 1 to 16 (one laser per wavelength)");
	if (!p->modules)
		return oph_refuse(why, -EINVAL, "modules must be at least 1");
	if (!p->switch_racks)
		return oph_refuse(why, -EINVAL, "switch_racks must be at least 1");
	if (!p->lane_gbps || p->lane_gbps > 1000)
		return oph_refuse(why, -EINVAL, "lane_gbps must be 1 to 1000");
	if (p->feed != OPH_FEED_BLOCK && p->feed != OPH_FEED_STRIPE)
		return oph_refuse(why, -EINVAL, "feed must be block or stripe");
	if (!p->time_scale || p->time_scale > 100000)
		return oph_refuse(why, -EINVAL, "time_scale must be 1 to 100000");
	if (!p->min_lanes || p->min_lanes > p->lambdas)
		return oph_refuse(why, -EINVAL, "min_lanes must be 1 to lambdas");
	if (p->max_retries > 100)
		return oph_refuse(why, -EINVAL, "max_retries must be at most 100");
	if (p->ber_qual_ms > 600000)
		return oph_refuse(why, -EINVAL, "ber_qual_ms must be at most 600000");
	if (!p->quarantine_errors)
		return oph_refuse(why, -EINVAL, "quarantine_errors must be at least 1");
	if (!p->rack_budget_w)
		return oph_refuse(why, -EINVAL, "rack_budget_w must be at least 1");
	if (p->alarm_history < 16 || p->alarm_history > 65536)
		return oph_refuse(why, -EINVAL, "alarm_history must be 16 to 65536");

	eps = (u64)(p->racks + (u64)p->memory_racks) * p->trays * p->slots;
	ppe = (u64)p->engines * p->ports;
	if (eps > OPH_MAX_ENDPOINTS)
		return oph_refuse(why, -EINVAL,
				  "more than 65536 endpoints (racks x trays x slots)");
	if (ppe > 1024)
		return oph_refuse(why, -EINVAL,
				  "more than 1024 ports per endpoint (engines x ports)");
	links = eps * ppe;
	if (links > OPH_MAX_LINKS)
		return oph_refuse(why, -EINVAL,
				  "more than 4194304 links (endpoints x engines x ports)");
	if (ppe % p->modules)
		return oph_refuse(why, -EINVAL, "engines x ports must be a multiple of modules");
	if (p->feed == OPH_FEED_BLOCK && p->engines % p->modules)
		return oph_refuse(why, -EINVAL,
				  "feed=block needs engines to be a multiple of modules");
	if (p->feed == OPH_FEED_STRIPE && p->ports % p->modules)
		return oph_refuse(why, -EINVAL,
				  "feed=stripe needs ports to be a multiple of modules");
	/* Per-engine link lists live on the kernel stack. */
	if (p->ports > 64)
		return oph_refuse(why, -EINVAL, "ports must be at most 64 per engine");
	if (ppe / p->modules > OPH_MODULE_FIBRES)
		return oph_refuse(why, -EINVAL,
				  "a laser module feeds at most 16 ports (engines x ports / modules)");
	if (ppe % p->switch_racks)
		return oph_refuse(why, -EINVAL,
				  "engines x ports (the planes) must be a multiple of switch_racks");
	if (eps % p->ports)
		return oph_refuse(why, -EINVAL,
				  "endpoints (a plane switch's ports) must be a multiple of ports");
	if (eps % (ppe / p->modules))
		return oph_refuse(why, -EINVAL,
				  "endpoints must be a multiple of the ports a laser module feeds");
	return 0;
}

/**
 * oph_topo_init() - derive the counts of a checked set of parameters
 * @t: topology to fill
 * @p: parameters accepted by oph_params_check()
 */
void oph_topo_init(struct oph_topo *t, const struct oph_params *p)
{
	t->ep_racks = p->racks + p->memory_racks;
	t->ep_per_rack = p->trays * p->slots;
	t->endpoints = t->ep_racks * t->ep_per_rack;
	t->ports_per_ep = p->engines * p->ports;
	t->links = t->endpoints * t->ports_per_ep;
	t->lanes = t->links * p->lambdas;
	t->ep_engines = t->endpoints * p->engines;
	t->ep_modules = t->endpoints * p->modules;
	t->ports_per_module = t->ports_per_ep / p->modules;
	t->sw_per_rack = t->ports_per_ep / p->switch_racks;
	t->sw_engines_per_plane = t->endpoints / p->ports;
	t->sw_modules_per_plane = t->endpoints / t->ports_per_module;
	t->sw_engines = t->ports_per_ep * t->sw_engines_per_plane;
	t->sw_modules = t->ports_per_ep * t->sw_modules_per_plane;
}

/**
 * oph_link_of() - link id of an endpoint's port
 * @f: fabric
 * @ep: endpoint
 * @engine: engine of the endpoint
 * @port: port of the engine
 *
 * Return: the link id; the caller has checked the ranges.
 */
u32 oph_link_of(const struct oph_fabric *f, u32 ep, u32 engine, u32 port)
{
	return ep * f->t.ports_per_ep + engine * f->p.ports + port;
}

/**
 * oph_link_split() - endpoint, engine and port of a link
 * @f: fabric
 * @link: link id
 * @ep: endpoint
 * @engine: engine of the endpoint
 * @port: port of the engine
 */
void oph_link_split(const struct oph_fabric *f, u32 link, u32 *ep, u32 *engine,
		    u32 *port)
{
	u32 pidx = link % f->t.ports_per_ep;

	*ep = link / f->t.ports_per_ep;
	*engine = pidx / f->p.ports;
	*port = pidx % f->p.ports;
}

/**
 * oph_lane_index() - a lane-direction's index, as dumps count them
 * @f: fabric
 * @link: link id
 * @dir: enum oph_dir
 * @lane: lane index within the link
 *
 * Return: (@link * 2 + @dir) * lambdas + @lane.
 */
u32 oph_lane_index(const struct oph_fabric *f, u32 link, u32 dir, u32 lane)
{
	return oph_lane_idx(f, link, dir, lane);
}

/**
 * oph_lane_split() - link, direction and lane of a lane-direction's index
 * @f: fabric
 * @idx: index, as oph_lane_index() gives it
 * @link: set to its link
 * @dir: set to its enum oph_dir
 * @lane: set to its lane within the link
 *
 * One division: a dump asks it of a million lanes.
 */
void oph_lane_split(const struct oph_fabric *f, u32 idx, u32 *link, u32 *dir, u32 *lane)
{
	u32 r;

	*link = idx / (2 * f->p.lambdas);
	r = idx - *link * 2 * f->p.lambdas;
	*dir = r >= f->p.lambdas;
	*lane = r - *dir * f->p.lambdas;
}

/**
 * oph_link_plane() - the plane switch at the far end of a link
 * @f: fabric
 * @link: link id
 *
 * Return: plane index; the switch port is the link's endpoint.
 */
u32 oph_link_plane(const struct oph_fabric *f, u32 link)
{
	return link % f->t.ports_per_ep;
}

/*
 * The feed map and the engines, from a link's endpoint, engine, port and
 * plane: what oph_link_module(), oph_link_engine(), oph_module_pos() and
 * oph_link_where() answer, written once.
 */
static u32 module_at(const struct oph_fabric *f, u32 ep, u32 engine, u32 port,
		     u32 plane, enum oph_side side)
{
	if (side == OPH_SIDE_SW)
		return plane * f->t.sw_modules_per_plane + ep / f->t.ports_per_module;
	if (f->p.feed == OPH_FEED_STRIPE)
		return ep * f->p.modules + port / (f->p.ports / f->p.modules);
	return ep * f->p.modules +
	       (engine * f->p.ports + port) / f->t.ports_per_module;
}

static u32 engine_at(const struct oph_fabric *f, u32 ep, u32 engine, u32 plane,
		     enum oph_side side)
{
	if (side == OPH_SIDE_SW)
		return plane * f->t.sw_engines_per_plane + ep / f->p.ports;
	return ep * f->p.engines + engine;
}

static u32 pos_at(const struct oph_fabric *f, u32 ep, u32 engine, u32 port,
		  enum oph_side side)
{
	u32 slice;

	if (side == OPH_SIDE_SW)
		return ep % f->t.ports_per_module;
	if (f->p.feed == OPH_FEED_STRIPE) {
		slice = f->p.ports / f->p.modules;
		return engine * slice + port % slice;
	}
	return (engine * f->p.ports + port) % f->t.ports_per_module;
}

/**
 * oph_link_module() - the laser module lighting one end of a link
 * @f: fabric
 * @link: link id
 * @side: OPH_SIDE_EP for the up direction, OPH_SIDE_SW for the down one
 *
 * Return: module id on @side.  This is the feed map.
 */
u32 oph_link_module(const struct oph_fabric *f, u32 link, enum oph_side side)
{
	u32 ep, engine, port;

	oph_link_split(f, link, &ep, &engine, &port);
	return module_at(f, ep, engine, port, oph_link_plane(f, link), side);
}

/**
 * oph_link_engine() - the engine terminating one end of a link
 * @f: fabric
 * @link: link id
 * @side: which end
 *
 * Return: engine id on @side.
 */
u32 oph_link_engine(const struct oph_fabric *f, u32 link, enum oph_side side)
{
	u32 ep, engine, port;

	oph_link_split(f, link, &ep, &engine, &port);
	return engine_at(f, ep, engine, oph_link_plane(f, link), side);
}

/**
 * oph_module_pos() - which of its module's output fibres feeds a link
 * @f: fabric
 * @link: link id
 * @side: the side whose module is meant
 *
 * Return: the fibre's position in the module, the bit of its interlock.
 */
u32 oph_module_pos(const struct oph_fabric *f, u32 link, enum oph_side side)
{
	u32 ep, engine, port;

	oph_link_split(f, link, &ep, &engine, &port);
	return pos_at(f, ep, engine, port, side);
}

static u32 fibre_dm_at(const struct oph_fabric *f, u32 link, u32 ep, u32 plane);

/**
 * oph_link_where() - where a link runs, in one look
 * @f: fabric
 * @link: link id, below the fabric's links
 * @w: filled in
 *
 * What oph_link_split(), oph_link_plane(), oph_link_module(),
 * oph_link_engine(), oph_module_pos() and oph_link_fibre_dm() give, for a
 * reader that needs several of them: one division of the link id instead
 * of one per question.
 */
void oph_link_where(const struct oph_fabric *f, u32 link, struct oph_where *w)
{
	u32 side;

	oph_link_split(f, link, &w->ep, &w->engine, &w->port);
	w->plane = link - w->ep * f->t.ports_per_ep;
	for (side = 0; side < 2; side++) {
		w->mod[side] = module_at(f, w->ep, w->engine, w->port, w->plane, side);
		w->eng[side] = engine_at(f, w->ep, w->engine, w->plane, side);
		w->pos[side] = pos_at(f, w->ep, w->engine, w->port, side);
	}
	w->fibre_dm = fibre_dm_at(f, link, w->ep, w->plane);
}

/**
 * oph_module_links() - the links a laser module lights, in id order
 * @f: fabric
 * @side: side of the module
 * @mod: module id
 * @links: filled with up to @max link ids
 * @max: room in @links
 *
 * Return: the number of links the module feeds (which may exceed @max).
 */
u32 oph_module_links(const struct oph_fabric *f, enum oph_side side, u32 mod,
		     u32 *links, u32 max)
{
	u32 ppm = f->t.ports_per_module;
	u32 n = 0, i;

	if (side == OPH_SIDE_SW) {
		u32 plane = mod / f->t.sw_modules_per_plane;
		u32 first = (mod % f->t.sw_modules_per_plane) * ppm;

		for (i = 0; i < ppm; i++, n++)
			if (n < max)
				links[n] = (first + i) * f->t.ports_per_ep + plane;
		return n;
	}

	if (f->p.feed == OPH_FEED_STRIPE) {
		u32 ep = mod / f->p.modules, j = mod % f->p.modules;
		u32 slice = f->p.ports / f->p.modules, o, q;

		for (o = 0; o < f->p.engines; o++)
			for (q = j * slice; q < (j + 1) * slice; q++, n++)
				if (n < max)
					links[n] = oph_link_of(f, ep, o, q);
		return n;
	}
	for (i = 0; i < ppm; i++, n++)
		if (n < max)
			links[n] = (mod / f->p.modules) * f->t.ports_per_ep +
				   (mod % f->p.modules) * ppm + i;
	return n;
}

/**
 * oph_engine_links() - the links an engine terminates, in id order
 * @f: fabric
 * @side: side of the engine
 * @eng: engine id
 * @links: filled with up to @max link ids
 * @max: room in @links
 *
 * Return: the number of links (the ports of an engine).
 */
u32 oph_engine_links(const struct oph_fabric *f, enum oph_side side, u32 eng,
		     u32 *links, u32 max)
{
	u32 q, ep, plane;

	for (q = 0; q < f->p.ports && q < max; q++) {
		if (side == OPH_SIDE_EP) {
			links[q] = oph_link_of(f, eng / f->p.engines,
					       eng % f->p.engines, q);
		} else {
			plane = eng / f->t.sw_engines_per_plane;
			ep = (eng % f->t.sw_engines_per_plane) * f->p.ports + q;
			links[q] = ep * f->t.ports_per_ep + plane;
		}
	}
	return f->p.ports;
}

/**
 * oph_ep_rack() - rack of an endpoint (compute racks first, then memory)
 * @f: fabric
 * @ep: endpoint id
 *
 * Return: rack id.
 */
u32 oph_ep_rack(const struct oph_fabric *f, u32 ep)
{
	return ep / f->t.ep_per_rack;
}

/*
 * Racks stand in one row, 0.6 m apart, with the switch racks in the middle
 * so that the longest run is half a row: a disaggregated layout where no
 * GPU link stays inside its rack.
 */
static u32 oph_rack_pos(const struct oph_fabric *f, u32 rack, bool sw)
{
	u32 half = f->t.ep_racks / 2;

	if (sw)
		return half + rack;
	return rack < half ? rack : rack + f->p.switch_racks;
}

/**
 * oph_link_fibre_dm() - fibre length of a link, in decimetres
 * @f: fabric
 * @link: link id
 *
 * 3 m of vertical runs in the two racks, the row distance between them and
 * up to 1 m of slack, varied per link by the seed.
 *
 * Return: length in decimetres.
 */
u32 oph_link_fibre_dm(const struct oph_fabric *f, u32 link)
{
	return fibre_dm_at(f, link, link / f->t.ports_per_ep, oph_link_plane(f, link));
}

static u32 fibre_dm_at(const struct oph_fabric *f, u32 link, u32 ep, u32 plane)
{
	u32 a = oph_rack_pos(f, oph_ep_rack(f, ep), false);
	u32 b = oph_rack_pos(f, plane / f->t.sw_per_rack, true);
	u32 dist = a > b ? a - b : b - a;

	return 30 + dist * 6 + (u32)oph_vary(f, OPH_VAR_FIBRE, link, 0, 10);
}
