// SPDX-License-Identifier: GPL-2.0
/*
 * ophotonctl: "laser top", the lasers that will end their life first at
 * the rate they age now: what a planner swaps next.  One dump of every
 * laser with its telemetry, sorted here by end of life, then bias
 * warning; a fleet of 1,024 GPUs has some 100,000 lasers.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/ophoton.h>
#include <netlink/attr.h>

#include "ophotonctl.h"
#include "proto.h"
#include "out.h"

struct laser_row {
	uint8_t side, state, cause;
	bool has_cause;
	uint32_t mod, lane, age_ppm;
	uint64_t rate, warn_s, eol_s;
};

struct top {
	struct laser_row *rows;
	size_t n, cap;
	int side;	/* -1: both */
};

static uint64_t u64_or0(struct nlattr *a)
{
	return a ? nla_get_u64(a) : 0;
}

static int top_reply(const struct nlmsghdr *nlh, struct nlattr **tb, void *arg)
{
	struct nlattr *st[OPHOTON_A_LASER_STATS_MAX + 1];
	struct top *t = arg;
	struct laser_row *r;

	(void)nlh;
	if (!tb[OPHOTON_A_LASER_STATS] || !tb[OPHOTON_A_SIDE] || !tb[OPHOTON_A_MODULE_ID] ||
	    !tb[OPHOTON_A_LANE] ||
	    nla_parse_nested(st, OPHOTON_A_LASER_STATS_MAX, tb[OPHOTON_A_LASER_STATS], NULL) ||
	    !st[OPHOTON_A_LASER_STATS_END_OF_LIFE_IN_S])
		return EXIT_OK;
	if (t->n == t->cap) {
		size_t cap = t->cap ? 2 * t->cap : 4096;
		struct laser_row *rows = realloc(t->rows, cap * sizeof(*rows));

		if (!rows)
			return EXIT_FAILED;
		t->rows = rows;
		t->cap = cap;
	}
	r = &t->rows[t->n++];
	memset(r, 0, sizeof(*r));
	r->side = nla_get_u8(tb[OPHOTON_A_SIDE]);
	r->mod = nla_get_u32(tb[OPHOTON_A_MODULE_ID]);
	r->lane = nla_get_u8(tb[OPHOTON_A_LANE]);
	r->state = tb[OPHOTON_A_LASER_STATE] ? nla_get_u8(tb[OPHOTON_A_LASER_STATE]) : 0;
	r->has_cause = tb[OPHOTON_A_LASER_CAUSE];
	r->cause = r->has_cause ? nla_get_u8(tb[OPHOTON_A_LASER_CAUSE]) : 0;
	r->age_ppm = st[OPHOTON_A_LASER_STATS_AGE_PPM] ?
		     nla_get_u32(st[OPHOTON_A_LASER_STATS_AGE_PPM]) : 0;
	r->rate = u64_or0(st[OPHOTON_A_LASER_STATS_AGING_RATE_PPB_H]);
	r->warn_s = u64_or0(st[OPHOTON_A_LASER_STATS_BIAS_WARN_IN_S]);
	r->eol_s = u64_or0(st[OPHOTON_A_LASER_STATS_END_OF_LIFE_IN_S]);
	return EXIT_OK;
}

/* Soonest end of life first, then soonest warning, then by place. */
static int by_life(const void *a, const void *b)
{
	const struct laser_row *x = a, *y = b;

	if (x->eol_s != y->eol_s)
		return x->eol_s < y->eol_s ? -1 : 1;
	if (x->warn_s != y->warn_s)
		return x->warn_s < y->warn_s ? -1 : 1;
	if (x->side != y->side)
		return x->side - y->side;
	if (x->mod != y->mod)
		return x->mod < y->mod ? -1 : 1;
	return (int)x->lane - (int)y->lane;
}

/* "laser 17/1 laser 5", or "laser 35 side switch laser 5": as typed. */
static void laser_name(const struct ctx *c, const struct laser_row *r, char *buf, size_t len)
{
	if (r->side == OPHOTON_SIDE_SWITCH)
		snprintf(buf, len, "%u side switch laser %u", r->mod, r->lane);
	else
		snprintf(buf, len, "%u/%u laser %u", r->mod / c->shape.modules,
			 r->mod % c->shape.modules, r->lane);
}

static void print_top(struct ctx *c, const struct top *t, size_t n)
{
	char name[64];
	FILE *f = out_file();
	size_t i;

	if (out_is_json()) {
		out_list_start(NULL);
		for (i = 0; i < n; i++) {
			const struct laser_row *r = &t->rows[i];

			out_object_start(NULL);
			out_str("side", NULL, onl_enum_name(&onl_enum_side, r->side) ?: "?");
			out_u64("module-id", NULL, r->mod);
			out_u64("lane", NULL, r->lane);
			if (r->side == OPHOTON_SIDE_GPU)
				out_u64("gpu-id", NULL, r->mod / c->shape.modules);
			out_str("laser-state", NULL,
				onl_enum_name(&onl_enum_laser_state, r->state) ?: "?");
			if (r->has_cause)
				out_str("laser-cause", NULL,
					onl_enum_name(&onl_enum_module_cause, r->cause) ?: "?");
			out_u64("age-ppm", NULL, r->age_ppm);
			out_u64("aging-rate-ppb-h", NULL, r->rate);
			out_u64("bias-warn-in-s", NULL, r->warn_s);
			out_u64("end-of-life-in-s", NULL, r->eol_s);
			out_object_end();
		}
		out_list_end();
		return;
	}
	fprintf(f, "%-30s %-6s %7s %13s %12s %12s  %s\n", "LASER", "STATE", "LIFE", "AGING",
		"WARN IN", "END IN", "CAUSE");
	for (i = 0; i < n; i++) {
		const struct laser_row *r = &t->rows[i];
		char rate[32], warn[32], eol[32];

		laser_name(c, r, name, sizeof(name));
		snprintf(rate, sizeof(rate), "%llu.%01llu ppm/h",
			 (unsigned long long)(r->rate / 1000),
			 (unsigned long long)(r->rate % 1000 / 100));
		format_duration_s(r->warn_s, warn, sizeof(warn));
		format_duration_s(r->eol_s, eol, sizeof(eol));
		fprintf(f, "%-30s %-6s %4u.%u%% %13s %12s %12s  %s\n", name,
			onl_enum_name(&onl_enum_laser_state, r->state) ?: "?",
			r->age_ppm / 10000, r->age_ppm % 10000 / 1000, rate, warn, eol,
			r->has_cause ? onl_enum_name(&onl_enum_module_cause, r->cause) ?: "?" : "-");
	}
}

/**
 * laser_top() - "laser top [ N ] [ side gpu|switch ]"
 * @c: command context
 * @argc: arguments after "top"
 * @argv: a count, and a side
 *
 * Return: an exit code.
 */
int laser_top(struct ctx *c, int argc, char **argv)
{
	struct top t = { .side = -1 };
	uint32_t n = 10;
	struct onl_err err;
	struct nl_msg *msg;
	unsigned int side;
	int i, ret;

	for (i = 0; i < argc; i++) {
		if (!strcmp(argv[i], "side") && i + 1 < argc) {
			if (onl_enum_value(&onl_enum_side, argv[++i], &side))
				return usage_error(c, "side is gpu or switch, not '%s'", argv[i]);
			t.side = (int)side;
		} else if (parse_u32(argv[i], &n) || !n) {
			return usage_error(c, "laser top takes a count (1 or more) and a side, not '%s'",
					   argv[i]);
		}
	}
	ret = ctx_shape(c);
	if (ret)
		return ret;
	msg = ctx_msg(c, OPHOTON_CMD_LASER_GET, NLM_F_DUMP);
	if (!msg || nla_put_flag(msg, OPHOTON_A_STATS) ||
	    (t.side >= 0 && nla_put_u8(msg, OPHOTON_A_SIDE, (uint8_t)t.side)))
		return EXIT_FAILED;
	ret = onl_request(&c->nl, msg, top_reply, &t, &err);
	if (ret) {
		free(t.rows);
		return ctx_error(c, "laser top", &err, ret);
	}
	if (err.interrupted)
		ctx_dump_interrupted(c);
	if (t.n)
		qsort(t.rows, t.n, sizeof(*t.rows), by_life);
	print_top(c, &t, t.n < n ? t.n : n);
	out_flush();
	free(t.rows);
	return EXIT_OK;
}
