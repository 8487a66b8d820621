// SPDX-License-Identifier: GPL-2.0
/*
 * ophotonctl: the places a command line names.  Keywords match exactly;
 * ids are numbers, or a GPU and what is within it written with slashes
 * ("17/2/5": GPU 17, engine 2, port 5), or human labels ("rack 3 tray 5
 * slot 1").  Everything is checked against the fabric's shape.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <linux/ophoton.h>

#include "ophotonctl.h"
#include "proto.h"

static const char *const place_words[__P_CNT] = {
	[P_RACK] = "rack", [P_TRAY] = "tray", [P_SLOT] = "slot", [P_GPU] = "gpu",
	[P_ENGINE] = "engine", [P_PORT] = "port", [P_LINK] = "link",
	[P_MODULE] = "module", [P_LASER] = "laser", [P_LANE] = "lane",
	[P_DIR] = "dir", [P_SIDE] = "side", [P_PLANE] = "plane",
};

int parse_u32(const char *s, uint32_t *v)
{
	unsigned long long x;
	char *end;

	if (!*s || *s == '-' || *s == '+')
		return -1;
	errno = 0;
	x = strtoull(s, &end, 10);
	if (errno || *end || x > UINT32_MAX)
		return -1;
	*v = (uint32_t)x;
	return 0;
}

int parse_s32(const char *s, int32_t *v)
{
	long long x;
	char *end;

	if (!*s)
		return -1;
	errno = 0;
	x = strtoll(s, &end, 10);
	if (errno || *end || x > INT32_MAX || x < INT32_MIN)
		return -1;
	*v = (int32_t)x;
	return 0;
}

/*
 * "10s", "500ms", "2m", "1h", "3d", "2y" (365 days), "250us", "100ns"; a
 * bare number is seconds.
 */
int parse_duration_ns(const char *s, uint64_t *ns)
{
	static const struct {
		const char *unit;
		uint64_t ns;
	} units[] = {
		{ "ns", 1 }, { "us", 1000 }, { "ms", 1000000 }, { "s", 1000000000ULL },
		{ "m", 60000000000ULL }, { "h", 3600000000000ULL }, { "d", 86400000000000ULL },
		{ "y", 31536000000000000ULL }, { "", 1000000000ULL },
	};
	unsigned long long x;
	char *end;

	if (!*s || *s == '-' || *s == '+')
		return -1;
	errno = 0;
	x = strtoull(s, &end, 10);
	if (errno || end == s)
		return -1;
	for (size_t i = 0; i < NCMDS(units); i++)
		if (!strcmp(end, units[i].unit)) {
			if (x > UINT64_MAX / units[i].ns)
				return -1;
			*ns = x * units[i].ns;
			return 0;
		}
	return -1;
}

/* "17", "17/2", "17/2/5". */
static int parse_id(const char *s, struct place *p)
{
	char buf[64], *tok, *save = NULL;

	if (strlen(s) >= sizeof(buf))
		return -1;
	strcpy(buf, s);
	p->nid = 0;
	for (tok = strtok_r(buf, "/", &save); tok; tok = strtok_r(NULL, "/", &save)) {
		if (p->nid == 3 || parse_u32(tok, &p->id[p->nid]))
			return -1;
		p->nid++;
	}
	/* No empty parts: "17//5" and "17/" are mistakes. */
	if (!p->nid || strstr(s, "//") || s[strlen(s) - 1] == '/' || s[0] == '/')
		return -1;
	return 0;
}

int parse_place(struct ctx *c, int argc, char **argv, unsigned int allowed,
		int positional, struct place *p, extra_fn extra, void *arg)
{
	memset(p, 0, sizeof(*p));
	for (int i = 0; i < argc; i++) {
		const char *w = argv[i];
		int k, took;

		if (!strcmp(w, "unhealthy")) {
			p->unhealthy = true;
			continue;
		}
		for (k = 0; k < __P_CNT; k++)
			if ((allowed & PB(k)) && !strcmp(w, place_words[k]))
				break;
		if (k < __P_CNT) {
			if (p->has[k])
				return usage_error(c, "'%s' given twice", w);
			if (i + 1 >= argc)
				return usage_error(c, "'%s' needs a value", w);
			w = argv[++i];
			p->has[k] = true;
			if (k == P_SIDE) {
				if (onl_enum_value(&onl_enum_side, w, &p->v[k]))
					return usage_error(c, "side is gpu or switch, not '%s'", w);
			} else if (k == P_DIR) {
				if (onl_enum_value(&onl_enum_dir, w, &p->v[k]))
					return usage_error(c, "dir is up or down, not '%s'", w);
			} else if (k == P_LINK && strchr(w, '/')) {
				/* A link by its GPU, engine and port. */
				struct place q;

				if (parse_id(w, &q) || q.nid != 3)
					return usage_error(c, "link is an id or GPU/ENGINE/PORT, not '%s'", w);
				p->has[P_LINK] = false;
				p->has[P_GPU] = p->has[P_ENGINE] = p->has[P_PORT] = true;
				p->v[P_GPU] = q.id[0];
				p->v[P_ENGINE] = q.id[1];
				p->v[P_PORT] = q.id[2];
			} else if (parse_u32(w, &p->v[k])) {
				return usage_error(c, "%s must be a number, not '%s'",
						   place_words[k], w);
			}
			continue;
		}
		if (extra) {
			took = extra(c, argc - i, argv + i, arg);
			if (took < 0)
				return EXIT_USAGE;
			if (took > 0) {
				i += took - 1;
				continue;
			}
		}
		if (positional && !p->nid && (w[0] >= '0' && w[0] <= '9')) {
			if (parse_id(w, p) || p->nid > positional)
				return usage_error(c, "bad id '%s'", w);
			continue;
		}
		return usage_error(c, "unknown or misplaced keyword '%s'", w);
	}
	return EXIT_OK;
}

static void out_of_range(struct ctx *c, const char *what, uint32_t v, uint32_t limit)
{
	usage_error(c, "%s %" PRIu32 " out of range: this fabric has %" PRIu32,
		    what, v, limit);
}

/*
 * A place given by a positional id must not also be given by keywords:
 * "link show 5 gpu 1" is a mistake, not link 5.  Returns -1 (and says so)
 * when one of the words of @mask was given too.
 */
static int by_id_only(struct ctx *c, const struct place *p, unsigned int mask,
		      const char *what)
{
	for (int k = 0; k < __P_CNT; k++)
		if ((mask & PB(k)) && p->has[k]) {
			usage_error(c, "%s given both by id and by '%s': give one",
				    what, place_words[k]);
			return -1;
		}
	return 0;
}

#define GPU_WORDS (PB(P_GPU) | PB(P_RACK) | PB(P_TRAY) | PB(P_SLOT))

int place_gpu(struct ctx *c, struct place *p, uint32_t *gpu)
{
	const struct shape *s = &c->shape;
	uint32_t rack, tray, slot;

	if (p->has[P_GPU]) {
		if (by_id_only(c, p, PB(P_RACK) | PB(P_TRAY) | PB(P_SLOT), "the GPU"))
			return -1;
		*gpu = p->v[P_GPU];
	} else if (p->has[P_RACK] && p->has[P_TRAY] && p->has[P_SLOT]) {
		rack = p->v[P_RACK];
		tray = p->v[P_TRAY];
		slot = p->v[P_SLOT];
		if (rack >= s->ep_racks || tray >= s->trays || slot >= s->slots) {
			usage_error(c, "rack %" PRIu32 " tray %" PRIu32 " slot %" PRIu32
				    " out of range: %" PRIu32 " GPU racks of %" PRIu32
				    " trays of %" PRIu32 " slots", rack, tray, slot,
				    s->ep_racks, s->trays, s->slots);
			return -1;
		}
		*gpu = rack * s->ep_per_rack + tray * s->slots + slot;
	} else if (p->has[P_TRAY] || p->has[P_SLOT]) {
		usage_error(c, "a GPU by label needs rack, tray and slot");
		return -1;
	} else {
		return 0;
	}
	if (*gpu >= s->endpoints) {
		out_of_range(c, "gpu", *gpu, s->endpoints);
		return -1;
	}
	return 1;
}

int place_link(struct ctx *c, struct place *p, uint32_t *link)
{
	const struct shape *s = &c->shape;
	uint32_t gpu;
	int r;

	if (p->has[P_LINK] || p->nid == 1) {
		if (by_id_only(c, p, GPU_WORDS | PB(P_ENGINE) | PB(P_PORT) |
			       (p->nid ? PB(P_LINK) : 0), "the link"))
			return -1;
		*link = p->has[P_LINK] ? p->v[P_LINK] : p->id[0];
		if (*link >= s->links) {
			out_of_range(c, "link", *link, s->links);
			return -1;
		}
		return 1;
	}
	if (p->nid == 3) {
		if (by_id_only(c, p, GPU_WORDS | PB(P_ENGINE) | PB(P_PORT), "the link"))
			return -1;
		p->has[P_GPU] = p->has[P_ENGINE] = p->has[P_PORT] = true;
		p->v[P_GPU] = p->id[0];
		p->v[P_ENGINE] = p->id[1];
		p->v[P_PORT] = p->id[2];
	} else if (p->nid) {
		usage_error(c, "a link is an id or GPU/ENGINE/PORT");
		return -1;
	}
	if (!p->has[P_ENGINE] && !p->has[P_PORT])
		return 0;
	if (!p->has[P_ENGINE] || !p->has[P_PORT]) {
		usage_error(c, "a link by place needs a GPU, an engine and a port");
		return -1;
	}
	r = place_gpu(c, p, &gpu);
	if (r <= 0) {
		if (!r)
			usage_error(c, "a link by place needs a GPU, an engine and a port");
		return -1;
	}
	if (p->v[P_ENGINE] >= s->engines || p->v[P_PORT] >= s->ports) {
		usage_error(c, "engine or port out of range: %" PRIu32 " engines of %" PRIu32 " ports",
			    s->engines, s->ports);
		return -1;
	}
	*link = gpu * s->ports_per_ep + p->v[P_ENGINE] * s->ports + p->v[P_PORT];
	return 1;
}

/* The @kw-th part of the GPU the place names, of @per_gpu: its id. */
static int in_gpu(struct ctx *c, struct place *p, uint8_t side, enum place_kw kw,
		  uint32_t per_gpu, const char *what, uint32_t *id)
{
	uint32_t gpu;
	int r;

	if (side != OPHOTON_SIDE_GPU) {
		usage_error(c, "switch-side %ss are named by id", what);
		return -1;
	}
	r = place_gpu(c, p, &gpu);
	if (r <= 0) {
		if (!r)
			usage_error(c, "a %s by place needs its GPU", what);
		return -1;
	}
	if (p->v[kw] >= per_gpu) {
		usage_error(c, "%s %" PRIu32 " out of range: %" PRIu32 " per GPU", what,
			    p->v[kw], per_gpu);
		return -1;
	}
	*id = gpu * per_gpu + p->v[kw];
	return 1;
}

/* A laser of a module named by place or id: one of the module's lasers. */
static int laser_in_range(struct ctx *c, const struct place *p, int found)
{
	if (found <= 0 || !p->has[P_LASER] || p->v[P_LASER] < c->shape.lambdas)
		return found;
	usage_error(c, "laser %" PRIu32 " out of range: a laser module has %" PRIu32
		    " lasers, 0 to %" PRIu32, p->v[P_LASER], c->shape.lambdas,
		    c->shape.lambdas - 1);
	return -1;
}

int place_module(struct ctx *c, struct place *p, uint8_t *side, uint32_t *mod)
{
	*side = p->has[P_SIDE] ? (uint8_t)p->v[P_SIDE] : OPHOTON_SIDE_GPU;
	if (p->nid && by_id_only(c, p, GPU_WORDS | PB(P_MODULE) |
				    (p->nid == 3 ? PB(P_LASER) : 0), "the laser module"))
		return -1;
	if (p->nid == 1 || (p->has[P_MODULE] && !p->has[P_GPU] && !p->has[P_RACK])) {
		*mod = p->nid == 1 ? p->id[0] : p->v[P_MODULE];
		return laser_in_range(c, p, 1);
	}
	if (p->nid == 2 || p->nid == 3) {
		p->has[P_GPU] = true;
		p->v[P_GPU] = p->id[0];
		p->has[P_MODULE] = true;
		p->v[P_MODULE] = p->id[1];
		if (p->nid == 3) {
			p->has[P_LASER] = true;
			p->v[P_LASER] = p->id[2];
		}
	}
	if (!p->has[P_MODULE])
		return 0;
	return laser_in_range(c, p, in_gpu(c, p, *side, P_MODULE, c->shape.modules, "module",
					   mod));
}

int place_engine(struct ctx *c, struct place *p, uint8_t *side, uint32_t *eng)
{
	*side = p->has[P_SIDE] ? (uint8_t)p->v[P_SIDE] : OPHOTON_SIDE_GPU;
	if (p->nid && by_id_only(c, p, GPU_WORDS | PB(P_ENGINE), "the engine"))
		return -1;
	if (p->nid == 1) {
		*eng = p->id[0];
		return 1;
	}
	if (p->nid == 2) {
		p->has[P_GPU] = true;
		p->v[P_GPU] = p->id[0];
		p->has[P_ENGINE] = true;
		p->v[P_ENGINE] = p->id[1];
	} else if (p->nid) {
		usage_error(c, "an engine is an id or GPU/ENGINE");
		return -1;
	}
	if (!p->has[P_ENGINE])
		return 0;
	return in_gpu(c, p, *side, P_ENGINE, c->shape.engines, "engine", eng);
}
