// SPDX-License-Identifier: GPL-2.0
/*
 * ophotonctl: "fabric map", the fabric at a glance: one cell per GPU (or
 * per engine), racks by rows, trays in groups, the worst state of the
 * cell's links winning.  A blast radius can be laid over it.  Colour only
 * on a terminal without NO_COLOR; the letters alone carry the meaning.
 */
#include <stdlib.h>
#include <string.h>
#include <linux/ophoton.h>
#include <netlink/attr.h>

#include "ophotonctl.h"
#include "out.h"

/* C_UNKNOWN: the dump did not report it (it must never pass for up). */
enum cell { C_UP, C_DEGRADED, C_BRINGUP, C_DOWN, C_FAILED, C_UNKNOWN, __C_CNT };

static const struct {
	char mark;
	const char *name;
	const char *color;
} cells[__C_CNT] = {
	[C_UP]		= { 'o', "up", "\033[32m" },
	[C_DEGRADED]	= { 'd', "degraded", "\033[33m" },
	[C_BRINGUP]	= { '+', "bringing-up", "\033[36m" },
	[C_DOWN]	= { '-', "down", "\033[2m" },
	[C_FAILED]	= { 'X', "failed", "\033[31;1m" },
	[C_UNKNOWN]	= { '?', "unknown", "\033[34m" },
};

struct map {
	struct ctx *c;
	bool engines;
	uint32_t ncells;
	uint8_t *cell;
	uint8_t *blast;
};

/* Worst state of an aggregate's links, from its agg-stats. */
static enum cell worst(struct nlattr **tb)
{
	struct nlattr *st[OPHOTON_A_AGG_STATS_MAX + 1];
	uint32_t links, up;

	if (!tb[OPHOTON_A_LINKS] || !tb[OPHOTON_A_LINKS_UP] || !tb[OPHOTON_A_AGG_STATS] ||
	    nla_parse_nested(st, OPHOTON_A_AGG_STATS_MAX, tb[OPHOTON_A_AGG_STATS],
			     onl_set_agg_stats.policy) < 0)
		return C_FAILED;
	links = nla_get_u32(tb[OPHOTON_A_LINKS]);
	up = nla_get_u32(tb[OPHOTON_A_LINKS_UP]);
	if (tb[OPHOTON_A_ENGINE_DEAD] ||
	    (st[OPHOTON_A_AGG_STATS_LINKS_FAILED] && nla_get_u32(st[OPHOTON_A_AGG_STATS_LINKS_FAILED])))
		return C_FAILED;
	if (st[OPHOTON_A_AGG_STATS_LINKS_DOWN] && nla_get_u32(st[OPHOTON_A_AGG_STATS_LINKS_DOWN]))
		return C_DOWN;
	if (st[OPHOTON_A_AGG_STATS_LINKS_BRINGUP] && nla_get_u32(st[OPHOTON_A_AGG_STATS_LINKS_BRINGUP]))
		return C_BRINGUP;
	return up == links ? C_UP : C_DEGRADED;
}

static int map_reply(const struct nlmsghdr *nlh, struct nlattr **tb, void *arg)
{
	struct map *m = arg;
	uint32_t id;

	(void)nlh;
	if (m->engines) {
		if (!tb[OPHOTON_A_ENGINE_ID])
			return EXIT_OK;
		id = nla_get_u32(tb[OPHOTON_A_ENGINE_ID]);
	} else {
		if (!tb[OPHOTON_A_GPU_ID])
			return EXIT_OK;
		id = nla_get_u32(tb[OPHOTON_A_GPU_ID]);
	}
	if (id < m->ncells)
		m->cell[id] = (uint8_t)worst(tb);
	return EXIT_OK;
}

static int blast_reply(const struct nlmsghdr *nlh, struct nlattr **tb, void *arg)
{
	struct map *m = arg;
	const struct shape *s = &m->c->shape;
	struct nlattr *x;
	int rem;

	(void)nlh;
	if (!tb[OPHOTON_A_BLAST_LINK_IDS]) {
		perr("ophotonctl: the blast radius is too large to list its links\n");
		return EXIT_OK;
	}
	nla_for_each_nested(x, tb[OPHOTON_A_BLAST_LINK_IDS], rem) {
		uint32_t link = nla_get_u32(x);
		uint32_t cell = m->engines ? link / s->ports : link / s->ports_per_ep;

		if (cell < m->ncells)
			m->blast[cell] = 1;
	}
	return EXIT_OK;
}

/* "blast laser G/J" and friends: the blast command's own parser. */
static int map_blast(struct ctx *c, struct map *m, int argc, char **argv)
{
	static const char *const objs[] = { "laser", "engine", "link", "tray", "rack" };
	static const uint8_t kinds[] = { OPHOTON_BLAST_MODULE, OPHOTON_BLAST_ENGINE,
					 OPHOTON_BLAST_FIBRE, OPHOTON_BLAST_TRAY,
					 OPHOTON_BLAST_RACK };
	struct onl_err err;
	struct nl_msg *msg;
	struct place p;
	uint32_t id = 0;
	uint8_t side = OPHOTON_SIDE_GPU, kind;
	unsigned int k;
	int ret;

	for (k = 0; k < NCMDS(objs); k++)
		if (!strcmp(argv[0], objs[k]))
			break;
	if (k == NCMDS(objs) || argc < 2)
		return usage_error(c, "blast laser|engine|link|tray|rack ID");
	ret = parse_place(c, argc - 1, argv + 1, PB(P_SIDE), 3, &p, NULL, NULL);
	if (ret)
		return ret;
	kind = kinds[k];
	ret = k == 0 ? place_module(c, &p, &side, &id) :
	      k == 1 ? place_engine(c, &p, &side, &id) :
	      k == 2 ? place_link(c, &p, &id) : 1;
	if (ret <= 0)
		return ret < 0 ? EXIT_USAGE : usage_error(c, "which %s?", objs[k]);
	if (k == 0 && p.has[P_LASER]) {
		kind = OPHOTON_BLAST_LASER;
		id = id * c->shape.lambdas + p.v[P_LASER];
	} else if (k == 3) {
		if (p.nid != 2)
			return usage_error(c, "a tray is RACK/TRAY");
		id = p.id[0] * c->shape.trays + p.id[1];
	} else if (k == 4) {
		id = p.id[0];
	}
	msg = ctx_msg(c, OPHOTON_CMD_BLAST_GET, 0);
	if (!msg || nla_put_u8(msg, OPHOTON_A_BLAST_OBJ, kind) ||
	    nla_put_u8(msg, OPHOTON_A_SIDE, side) || nla_put_u32(msg, OPHOTON_A_BLAST_ID, id))
		return EXIT_FAILED;
	ret = onl_request(&c->nl, msg, blast_reply, m, &err);
	return ret ? ctx_error(c, "blast", &err, ret) : EXIT_OK;
}

static void print_map(struct ctx *c, struct map *m)
{
	const struct shape *s = &c->shape;
	uint32_t per_tray = m->engines ? s->slots * s->engines : s->slots;
	bool color = c->o->color;
	FILE *f = out_file();

	if (out_is_json()) {
		out_list_start(NULL);
		for (uint32_t i = 0; i < m->ncells; i++) {
			uint32_t gpu = m->engines ? i / s->engines : i;

			out_object_start(NULL);
			out_u64(m->engines ? "engine-id" : "gpu-id", NULL, i);
			out_u64("rack-id", NULL, gpu / s->ep_per_rack);
			out_u64("tray", NULL, gpu % s->ep_per_rack / s->slots);
			out_u64("slot", NULL, gpu % s->slots);
			out_str("state", NULL, cells[m->cell[i]].name);
			if (m->blast[i])
				out_flag("in-blast", NULL);
			out_object_end();
		}
		out_list_end();
		return;
	}
	fprintf(f, "fabric %d: %u racks x %u trays x %u %s\n", c->fabric, s->ep_racks, s->trays,
	       m->engines ? s->slots * s->engines : s->slots, m->engines ? "engines" : "GPUs");
	for (uint32_t r = 0; r < s->ep_racks; r++) {
		fprintf(f, "rack %3u ", r);
		for (uint32_t t = 0; t < s->trays; t++) {
			fputc(' ', f);
			for (uint32_t k = 0; k < per_tray; k++) {
				uint32_t i = (r * s->trays + t) * per_tray + k;
				char mark = m->blast[i] ? '!' : cells[m->cell[i]].mark;

				if (color)
					fprintf(f, "%s%c\033[0m", m->blast[i] ? "\033[35;1m" :
					       cells[m->cell[i]].color, mark);
				else
					fputc(mark, f);
			}
		}
		fputc('\n', f);
	}
	fprintf(f, "\n");
	for (int k = 0; k < __C_CNT; k++)
		fprintf(f, "%c %s  ", cells[k].mark, cells[k].name);
	fprintf(f, "! in the blast radius\n");
}

int fabric_map(struct ctx *c, int argc, char **argv);
int fabric_map(struct ctx *c, int argc, char **argv)
{
	struct map m = { .c = c };
	struct onl_err err;
	struct nl_msg *msg;
	int i, ret, blast_at = -1;

	for (i = 0; i < argc; i++) {
		if (!strcmp(argv[i], "engines")) {
			m.engines = true;
		} else if (!strcmp(argv[i], "blast") && i + 1 < argc) {
			blast_at = i + 1;
			break;
		} else {
			return usage_error(c, "unknown keyword '%s'", argv[i]);
		}
	}
	ret = ctx_shape(c);
	if (ret)
		return ret;
	m.ncells = m.engines ? c->shape.endpoints * c->shape.engines : c->shape.endpoints;
	m.cell = calloc(m.ncells, 1);
	m.blast = calloc(m.ncells, 1);
	if (!m.cell || !m.blast) {
		ret = EXIT_FAILED;
		goto out;
	}
	memset(m.cell, C_UNKNOWN, m.ncells);
	msg = ctx_msg(c, m.engines ? OPHOTON_CMD_ENGINE_GET : OPHOTON_CMD_GPU_GET, NLM_F_DUMP);
	if (!msg || nla_put_flag(msg, OPHOTON_A_STATS) ||
	    (m.engines && nla_put_u8(msg, OPHOTON_A_SIDE, OPHOTON_SIDE_GPU))) {
		ret = EXIT_FAILED;
		goto out;
	}
	ret = onl_request(&c->nl, msg, map_reply, &m, &err);
	if (ret) {
		ret = ctx_error(c, "map", &err, ret);
		goto out;
	}
	if (err.interrupted)
		ctx_dump_interrupted(c);
	if (blast_at >= 0) {
		ret = map_blast(c, &m, argc - blast_at, argv + blast_at);
		if (ret)
			goto out;
	}
	print_map(c, &m);
	out_flush();
out:
	free(m.cell);
	free(m.blast);
	return ret;
}
