// SPDX-License-Identifier: GPL-2.0
/*
 * ophotonctl: the read commands of racks, GPUs, engines, links, lanes,
 * laser modules and lasers, fault domains, and blast radius.  Each turns
 * its place into ids and filters and prints the replies through the
 * generic decoder.
 */
#include <inttypes.h>
#include <string.h>
#include <linux/ophoton.h>
#include <netlink/attr.h>

#include "ophotonctl.h"
#include "proto.h"

/* The attributes a show request carries, resolved from its place. */
struct query {
	struct place p;
	int n;
	struct {
		int attr;
		int size;	/* 1, 4; 0 for a flag */
		uint32_t v;
	} a[8];
};

static void q_put(struct query *q, int attr, int size, uint32_t v)
{
	if (q->n < (int)NCMDS(q->a)) {
		q->a[q->n].attr = attr;
		q->a[q->n].size = size;
		q->a[q->n].v = v;
		q->n++;
	}
}

static int q_build(struct ctx *c, struct nl_msg *msg, void *arg)
{
	struct query *q = arg;

	(void)c;
	for (int i = 0; i < q->n; i++) {
		int err = q->a[i].size == 1 ? nla_put_u8(msg, q->a[i].attr, (uint8_t)q->a[i].v) :
			  q->a[i].size == 4 ? nla_put_u32(msg, q->a[i].attr, q->a[i].v) :
			  nla_put_flag(msg, q->a[i].attr);

		if (err)
			return -1;
	}
	return 0;
}

/* Parse, with the fabric's shape at hand for labels. */
static int q_parse(struct ctx *c, int argc, char **argv, unsigned int allowed,
		   int positional, struct query *q, extra_fn extra, void *arg)
{
	int ret;

	memset(q, 0, sizeof(*q));
	ret = parse_place(c, argc, argv, allowed, positional, &q->p, extra, arg);
	return ret ? ret : ctx_shape(c);
}

static int q_show(struct ctx *c, struct query *q, int cmd, bool dump, const char *strip)
{
	if (dump && q->p.unhealthy)
		q_put(q, OPHOTON_A_UNHEALTHY, 0, 0);
	return ctx_show(c, cmd, dump, q_build, q, strip);
}

/* A dump filtered by the GPU the place names, if it names one. */
static int q_show_by_gpu(struct ctx *c, struct query *q, int cmd, const char *strip)
{
	uint32_t gpu;
	int ret = place_gpu(c, &q->p, &gpu);

	if (ret < 0)
		return EXIT_USAGE;
	if (ret)
		q_put(q, OPHOTON_A_GPU_ID, 4, gpu);
	return q_show(c, q, cmd, true, strip);
}

static int rack_show(struct ctx *c, int argc, char **argv)
{
	struct query q;
	int ret = q_parse(c, argc, argv, 0, 1, &q, NULL, NULL);

	if (ret)
		return ret;
	if (q.p.nid)
		q_put(&q, OPHOTON_A_RACK_ID, 4, q.p.id[0]);
	return q_show(c, &q, OPHOTON_CMD_RACK_GET, !q.p.nid, "rack-");
}

static int gpu_show(struct ctx *c, int argc, char **argv)
{
	struct query q;
	uint32_t gpu;
	int ret = q_parse(c, argc, argv, PB(P_RACK) | PB(P_TRAY) | PB(P_SLOT) | PB(P_GPU),
			  3, &q, NULL, NULL);

	if (ret)
		return ret;
	if (q.p.nid && (q.p.has[P_GPU] || q.p.has[P_RACK] || q.p.has[P_TRAY] || q.p.has[P_SLOT]))
		return usage_error(c, "the GPU given both by id and by keywords: give one");
	if (q.p.nid == 1) {
		q.p.has[P_GPU] = true;
		q.p.v[P_GPU] = q.p.id[0];
	} else if (q.p.nid == 3) {
		q.p.has[P_RACK] = q.p.has[P_TRAY] = q.p.has[P_SLOT] = true;
		q.p.v[P_RACK] = q.p.id[0];
		q.p.v[P_TRAY] = q.p.id[1];
		q.p.v[P_SLOT] = q.p.id[2];
	} else if (q.p.nid) {
		return usage_error(c, "a GPU is an id or RACK/TRAY/SLOT");
	}
	ret = place_gpu(c, &q.p, &gpu);
	if (ret < 0)
		return EXIT_USAGE;
	if (ret) {
		q_put(&q, OPHOTON_A_GPU_ID, 4, gpu);
		return q_show(c, &q, OPHOTON_CMD_GPU_GET, false, NULL);
	}
	if (q.p.has[P_RACK])
		q_put(&q, OPHOTON_A_RACK_ID, 4, q.p.v[P_RACK]);
	return q_show(c, &q, OPHOTON_CMD_GPU_GET, true, NULL);
}

static int engine_show(struct ctx *c, int argc, char **argv)
{
	struct query q;
	uint32_t eng;
	uint8_t side;
	int ret = q_parse(c, argc, argv, PB(P_RACK) | PB(P_TRAY) | PB(P_SLOT) | PB(P_GPU) |
			  PB(P_ENGINE) | PB(P_SIDE), 2, &q, NULL, NULL);

	if (ret)
		return ret;
	ret = place_engine(c, &q.p, &side, &eng);
	if (ret < 0)
		return EXIT_USAGE;
	if (q.p.has[P_SIDE] || ret)
		q_put(&q, OPHOTON_A_SIDE, 1, side);
	if (ret) {
		q_put(&q, OPHOTON_A_ENGINE_ID, 4, eng);
		return q_show(c, &q, OPHOTON_CMD_ENGINE_GET, false, "engine-");
	}
	return q_show_by_gpu(c, &q, OPHOTON_CMD_ENGINE_GET, "engine-");
}

static int link_show(struct ctx *c, int argc, char **argv)
{
	struct query q;
	uint32_t link;
	int ret = q_parse(c, argc, argv, PB(P_RACK) | PB(P_TRAY) | PB(P_SLOT) | PB(P_GPU) |
			  PB(P_ENGINE) | PB(P_PORT) | PB(P_LINK), 3, &q, NULL, NULL);

	if (ret)
		return ret;
	/* -ss: each link with its lanes, both directions, with their telemetry. */
	if (c->o->stats > 1)
		ctx_children(c, OPHOTON_CMD_LANE_GET, "lanes", "lane-");
	/* A GPU's engine, or a whole rack: filters of a dump, not one link. */
	if (!q.p.nid && q.p.has[P_ENGINE] && !q.p.has[P_PORT]) {
		uint32_t gpu;

		ret = place_gpu(c, &q.p, &gpu);
		if (ret <= 0)
			return ret < 0 ? EXIT_USAGE :
			       usage_error(c, "an engine's links need its GPU: gpu G engine E");
		if (q.p.v[P_ENGINE] >= c->shape.engines)
			return usage_error(c, "engine %" PRIu32 " out of range: %" PRIu32 " per GPU",
					   q.p.v[P_ENGINE], c->shape.engines);
		q_put(&q, OPHOTON_A_ENGINE_ID, 4, gpu * c->shape.engines + q.p.v[P_ENGINE]);
		return q_show(c, &q, OPHOTON_CMD_LINK_GET, true, "link-");
	}
	if (!q.p.nid && q.p.has[P_RACK] && !q.p.has[P_TRAY] && !q.p.has[P_SLOT] &&
	    !q.p.has[P_GPU] && !q.p.has[P_PORT] && !q.p.has[P_LINK]) {
		if (q.p.v[P_RACK] >= c->shape.ep_racks)
			return usage_error(c, "rack %" PRIu32 " out of range: %" PRIu32 " GPU racks",
					   q.p.v[P_RACK], c->shape.ep_racks);
		q_put(&q, OPHOTON_A_RACK_ID, 4, q.p.v[P_RACK]);
		return q_show(c, &q, OPHOTON_CMD_LINK_GET, true, "link-");
	}
	ret = place_link(c, &q.p, &link);
	if (ret < 0)
		return EXIT_USAGE;
	if (ret) {
		q_put(&q, OPHOTON_A_LINK_ID, 4, link);
		return q_show(c, &q, OPHOTON_CMD_LINK_GET, false, "link-");
	}
	return q_show_by_gpu(c, &q, OPHOTON_CMD_LINK_GET, "link-");
}

static int lane_show(struct ctx *c, int argc, char **argv)
{
	struct query q;
	uint32_t link, gpu;
	int ret = q_parse(c, argc, argv, PB(P_RACK) | PB(P_TRAY) | PB(P_SLOT) | PB(P_GPU) |
			  PB(P_ENGINE) | PB(P_PORT) | PB(P_LINK) | PB(P_LANE) | PB(P_DIR),
			  3, &q, NULL, NULL);

	if (ret)
		return ret;
	ret = place_link(c, &q.p, &link);
	if (ret < 0)
		return EXIT_USAGE;
	if (ret) {
		q_put(&q, OPHOTON_A_LINK_ID, 4, link);
		if (q.p.has[P_LANE] && q.p.has[P_DIR]) {
			q_put(&q, OPHOTON_A_LANE, 1, q.p.v[P_LANE]);
			q_put(&q, OPHOTON_A_DIR, 1, q.p.v[P_DIR]);
			return q_show(c, &q, OPHOTON_CMD_LANE_GET, false, "lane-");
		}
	} else {
		ret = place_gpu(c, &q.p, &gpu);
		if (ret < 0)
			return EXIT_USAGE;
		if (ret)
			q_put(&q, OPHOTON_A_GPU_ID, 4, gpu);
	}
	if (q.p.has[P_LANE] || q.p.has[P_DIR])
		return usage_error(c, "lane and dir name one lane of one link: give the link, the lane and the dir");
	return q_show(c, &q, OPHOTON_CMD_LANE_GET, true, "lane-");
}

static int want_lasers(struct ctx *c, int argc, char **argv, void *arg)
{
	(void)c;
	(void)argc;
	if (strcmp(argv[0], "lasers"))
		return 0;
	*(bool *)arg = true;
	return 1;
}

static int laser_show(struct ctx *c, int argc, char **argv)
{
	bool lasers = false;
	struct query q;
	uint32_t mod;
	uint8_t side;
	int ret = q_parse(c, argc, argv, PB(P_RACK) | PB(P_TRAY) | PB(P_SLOT) | PB(P_GPU) |
			  PB(P_MODULE) | PB(P_LASER) | PB(P_SIDE), 3, &q, want_lasers, &lasers);

	if (ret)
		return ret;
	ret = place_module(c, &q.p, &side, &mod);
	if (ret < 0)
		return EXIT_USAGE;
	if (q.p.has[P_SIDE] || ret)
		q_put(&q, OPHOTON_A_SIDE, 1, side);
	if (ret) {
		q_put(&q, OPHOTON_A_MODULE_ID, 4, mod);
		if (q.p.has[P_LASER]) {
			q_put(&q, OPHOTON_A_LANE, 1, q.p.v[P_LASER]);
			return q_show(c, &q, OPHOTON_CMD_LASER_GET, false, "laser-");
		}
		if (lasers)
			return q_show(c, &q, OPHOTON_CMD_LASER_GET, true, "laser-");
		/* -ss: and its lasers (an empty slot has none to show). */
		if (c->o->stats > 1)
			ctx_children(c, OPHOTON_CMD_LASER_GET, "lasers", "laser-");
		return q_show(c, &q, OPHOTON_CMD_MODULE_GET, false, "module-");
	}
	if (q.p.has[P_LASER])
		return usage_error(c, "a laser is one of a module: give the module");
	/* -ss on a list of modules: each with its lasers too. */
	if (c->o->stats > 1 && !lasers)
		ctx_children(c, OPHOTON_CMD_LASER_GET, "lasers", "laser-");
	return q_show_by_gpu(c, &q, lasers ? OPHOTON_CMD_LASER_GET : OPHOTON_CMD_MODULE_GET,
			     lasers ? "laser-" : "module-");
}

static int health_domain(struct ctx *c, int argc, char **argv, void *arg)
{
	unsigned int v;

	(void)c;
	(void)argc;
	if (onl_enum_value(&onl_enum_health_domain, argv[0], &v))
		return 0;
	*(unsigned int *)arg = v;
	return 1;
}

static int health_show(struct ctx *c, int argc, char **argv)
{
	unsigned int domain = 0;
	struct query q;
	int ret = q_parse(c, argc, argv, PB(P_SIDE), 1, &q, health_domain, &domain);

	if (ret)
		return ret;
	if (domain)
		q_put(&q, OPHOTON_A_HEALTH_DOMAIN, 1, domain);
	if (q.p.has[P_SIDE] || q.p.nid)
		q_put(&q, OPHOTON_A_SIDE, 1, q.p.has[P_SIDE] ? q.p.v[P_SIDE] : 0);
	if (q.p.nid) {
		if (!domain)
			return usage_error(c, "a fault domain is 'module ID' or 'engine ID'");
		q_put(&q, OPHOTON_A_HEALTH_ID, 4, q.p.id[0]);
		return q_show(c, &q, OPHOTON_CMD_HEALTH_GET, false, "health-");
	}
	return q_show(c, &q, OPHOTON_CMD_HEALTH_GET, true, "health-");
}

/* blast OBJECT ID: what its failure would take down. */
static int blast_run(struct ctx *c, int argc, char **argv)
{
	static const char *const objs[] = { "laser", "engine", "link", "tray", "rack" };
	uint8_t side = OPHOTON_SIDE_GPU, obj = 0;
	uint32_t id = 0, link;
	struct query q;
	unsigned int k;
	int ret;

	/* The command word is the object: "blast laser 17/1". */
	for (k = 0; k < NCMDS(objs); k++)
		if (!strcmp(c->cmd->name, objs[k]))
			break;
	if (k == NCMDS(objs))
		return usage_error(c, "unknown blast object '%s'", c->cmd->name);
	ret = q_parse(c, argc, argv, PB(P_SIDE) | PB(P_RACK) | PB(P_TRAY) |
		      PB(P_SLOT) | PB(P_GPU), 3, &q, NULL, NULL);
	if (ret)
		return ret;
	if (!q.p.nid)
		return usage_error(c, "blast %s needs an id", objs[k]);
	switch (k) {
	case 0:	/* laser module G/J (or id), or one laser G/J/K */
		ret = place_module(c, &q.p, &side, &id);
		if (ret <= 0)
			return ret < 0 ? EXIT_USAGE : usage_error(c, "which laser module?");
		obj = OPHOTON_BLAST_MODULE;
		if (q.p.has[P_LASER]) {
			obj = OPHOTON_BLAST_LASER;
			id = id * c->shape.lambdas + q.p.v[P_LASER];
		}
		break;
	case 1:
		ret = place_engine(c, &q.p, &side, &id);
		if (ret <= 0)
			return ret < 0 ? EXIT_USAGE : usage_error(c, "which engine?");
		obj = OPHOTON_BLAST_ENGINE;
		break;
	case 2:
		ret = place_link(c, &q.p, &link);
		if (ret <= 0)
			return ret < 0 ? EXIT_USAGE : usage_error(c, "which link?");
		obj = OPHOTON_BLAST_FIBRE;
		id = link;
		break;
	case 3:
		if (q.p.nid != 2)
			return usage_error(c, "a tray is RACK/TRAY");
		if (q.p.id[0] >= c->shape.ep_racks || q.p.id[1] >= c->shape.trays)
			return usage_error(c, "tray out of range");
		obj = OPHOTON_BLAST_TRAY;
		id = q.p.id[0] * c->shape.trays + q.p.id[1];
		break;
	default:
		obj = OPHOTON_BLAST_RACK;
		id = q.p.id[0];
		break;
	}
	q_put(&q, OPHOTON_A_BLAST_OBJ, 1, obj);
	q_put(&q, OPHOTON_A_BLAST_ID, 4, id);
	q_put(&q, OPHOTON_A_SIDE, 1, side);
	return q_show(c, &q, OPHOTON_CMD_BLAST_GET, false, "blast-");
}

static const struct cmd rack_cmds[] = {
	{ "show", "[ RACK ] [ unhealthy ]",
	  "racks (GPU racks first, then memory, then switch): links up, power against the budget",
	  rack_show },
};

static const struct cmd gpu_cmds[] = {
	{ "show", "[ GPU | RACK/TRAY/SLOT | rack R tray T slot S ] [ rack R ] [ unhealthy ]",
	  "GPUs (and memory devices): place, links up, power, temperature", gpu_show },
};

int engine_act(struct ctx *c, int argc, char **argv);
static const struct cmd engine_cmds[] = {
	{ "show", "[ ENGINE | GPU/ENGINE ] [ side gpu|switch ] [ gpu G ] [ unhealthy ]",
	  "optical engines: links, temperature and its flags, power", engine_show },
	{ "recover", "{ ENGINE | GPU/ENGINE } [ side gpu|switch ] [ force ]",
	  "take the engine out of quarantine; its links come back; refused while it is\n"
	  "      still dead or without coolant, unless 'force'", engine_act },
	{ "clear", "{ ENGINE | GPU/ENGINE } [ side gpu|switch ]",
	  "clear the engine's latched temperature flags", engine_act },
};

static const struct cmd lane_cmds[] = {
	{ "show", "[ link LINK | link GPU/ENGINE/PORT ] [ lane K dir up|down ] [ gpu G ] [ unhealthy ]",
	  "wavelength lanes: state; with -s power, margin, BER, bits, FEC", lane_show },
};

static const struct cmd health_cmds[] = {
	{ "show", "[ module | engine ] [ side gpu|switch ] [ ID ] [ unhealthy ]",
	  "fault domains: errors, recoveries, quarantine", health_show },
};

static const struct cmd blast_cmds[] = {
	{ "laser", "{ GPU/MODULE | GPU/MODULE/LASER | ID side switch }",
	  "what a laser module (or one laser) failing would take down", blast_run },
	{ "engine", "{ GPU/ENGINE | ID side switch }", "... an engine failing", blast_run },
	{ "link", "{ LINK | GPU/ENGINE/PORT }", "... a link's fibres cut", blast_run },
	{ "tray", "RACK/TRAY", "... a tray losing power", blast_run },
	{ "rack", "RACK", "... a rack losing power", blast_run },
};

const struct object obj_rack = { "rack", "compute, memory and switch racks",
				 rack_cmds, NCMDS(rack_cmds) };
const struct object obj_gpu = { "gpu", "GPUs and memory devices", gpu_cmds, NCMDS(gpu_cmds) };
const struct object obj_engine = { "engine", "optical engines of GPUs and switches",
				   engine_cmds, NCMDS(engine_cmds) };
const struct object obj_lane = { "lane", "wavelength lanes of links", lane_cmds,
				 NCMDS(lane_cmds) };
const struct object obj_health = { "health", "fault domains (laser module slots, engines)",
				   health_cmds, NCMDS(health_cmds) };
const struct object obj_blast = { "blast", "blast radius: what a failure would take down",
				  blast_cmds, NCMDS(blast_cmds) };

/* link show is here, link set with the other changes. */
int link_set(struct ctx *c, int argc, char **argv);
static const struct cmd link_cmds_all[] = {
	{ "show", "[ LINK | GPU/ENGINE/PORT ] [ gpu G [ engine E ] | rack R [ tray T slot S ] ] [ unhealthy ]",
	  "links: state, lanes up, why down; with -s counters, optical budget, flags",
	  link_show },
	{ "set", "{ LINK | GPU/ENGINE/PORT | LINKS } { up | down | retrain | clear }",
	  "admin up or down, retrain, or clear a failed link (--wait follows it);\n"
	  "      LINKS in one request: gpu G [ engine E | module M ], engine ID side S,\n"
	  "      module ID side S, rack R [ tray T ]",
	  link_set },
};
const struct object obj_link = { "link", "links: one GPU port to one switch port",
				 link_cmds_all, NCMDS(link_cmds_all) };

int laser_act(struct ctx *c, int argc, char **argv);
int laser_top(struct ctx *c, int argc, char **argv);
static const struct cmd laser_cmds[] = {
	{ "show", "[ MODULE | GPU/MODULE [ lasers | laser K ] ] [ side gpu|switch ] [ gpu G ] [ lasers ] [ unhealthy ]",
	  "laser module slots (state, admin, serial, lasers on); 'lasers' lists their lasers",
	  laser_show },
	{ "top", "[ N ] [ side gpu|switch ]",
	  "the N lasers (10) that end their life first at the rate they age now: life used,\n"
	  "      aging rate, time to the bias warning and to end of life; what to swap next",
	  laser_top },
	{ "prepare-remove", "{ MODULE | GPU/MODULE } [ side gpu|switch ] [ force ]",
	  "drain: take the links it lights down in order, then its lasers, for removal;\n"
	  "      refused when pulling it now would cut a GPU or a switch plane off, or its\n"
	  "      partner module is out of service ('blast laser' says why), unless 'force'",
	  laser_act },
	{ "activate", "{ MODULE | GPU/MODULE } [ side gpu|switch ]",
	  "provision after insertion: power up, check fibres, ramp, bring its links up",
	  laser_act },
	{ "reset", "{ MODULE | GPU/MODULE } [ side gpu|switch ]", "reset the module", laser_act },
	{ "recover", "{ MODULE | GPU/MODULE } [ side gpu|switch ]",
	  "take the slot out of quarantine", laser_act },
	{ "clear", "{ MODULE | GPU/MODULE } [ side gpu|switch ]",
	  "clear the latched threshold flags of the module and its lasers", laser_act },
};
const struct object obj_laser = { "laser", "laser modules (slots) and their lasers",
				  laser_cmds, NCMDS(laser_cmds) };
