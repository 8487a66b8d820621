// SPDX-License-Identifier: GPL-2.0
/*
 * ophotonctl: "fabric diagnose", what is wrong and what to do, in one
 * request.  JSON is the reply as the spec names it; the human form is a
 * table, worst first, each object in the form the other commands take
 * (laser 17/1, engine 12 side switch, link 3/0/7 feed), so that a row's
 * object can be pasted after "ophotonctl laser show".
 */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <linux/ophoton.h>
#include <netlink/attr.h>
#include <netlink/genl/genl.h>

#include "ophotonctl.h"
#include "proto.h"
#include "out.h"

struct diag {
	struct ctx *c;
	uint64_t clock_ns;
	uint32_t scale;
	int rows;
};

/* The address a technician types: GPU-side objects by GPU, switch ones by id. */
static void object_of(const struct shape *s, struct nlattr **p, char *buf, size_t len)
{
	uint8_t obj = nla_get_u8(p[OPHOTON_A_PROBLEM_OBJ]);
	uint32_t id = nla_get_u32(p[OPHOTON_A_PROBLEM_ID]);
	bool sw = p[OPHOTON_A_PROBLEM_SIDE] &&
		  nla_get_u8(p[OPHOTON_A_PROBLEM_SIDE]) == OPHOTON_SIDE_SWITCH;
	uint32_t per_ep = s->engines * s->ports;

	switch (obj) {
	case OPHOTON_DIAG_MODULE:
		if (sw)
			snprintf(buf, len, "laser %u side switch", id);
		else
			snprintf(buf, len, "laser %u/%u", id / s->modules, id % s->modules);
		break;
	case OPHOTON_DIAG_ENGINE:
		if (sw)
			snprintf(buf, len, "engine %u side switch", id);
		else
			snprintf(buf, len, "engine %u/%u", id / s->engines, id % s->engines);
		break;
	default:
		snprintf(buf, len, "link %u/%u/%u%s%s", id / per_ep, id % per_ep / s->ports,
			 id % s->ports, obj == OPHOTON_DIAG_FIBRE ? " " : "",
			 obj == OPHOTON_DIAG_FIBRE && p[OPHOTON_A_PROBLEM_FIBRE] ?
			 onl_enum_name(&onl_enum_fibre, nla_get_u8(p[OPHOTON_A_PROBLEM_FIBRE])) ?: "?" :
			 "");
		break;
	}
}

/* A virtual duration of @ns, short: 45s, 12m05s, 3h20m, 4d06h. */
static void age_of(uint64_t ns, char *buf, size_t len)
{
	format_duration_s(ns / 1000000000ULL, buf, len);
}

/* Gb/s as an operator reads them: 400G, 1.6T. */
static void gbps_of(uint64_t g, char *buf, size_t len)
{
	if (g >= 1000)
		snprintf(buf, len, "%llu.%lluT", (unsigned long long)(g / 1000),
			 (unsigned long long)(g % 1000 / 100));
	else
		snprintf(buf, len, "%lluG", (unsigned long long)g);
}

/* One row of the table: a problem, or links of one engine alike. */
struct row {
	uint8_t obj, sev, action, cause, mod_cause;
	bool has_cause, has_mod_cause, has_since;
	uint32_t id, last, links, down, gpus;
	uint64_t lost, since;
	char name[48];
};

static bool row_of(struct diag *d, struct nlattr *nest, struct row *r)
{
	struct nlattr *p[OPHOTON_A_PROBLEM_MAX + 1];

	if (nla_parse_nested(p, OPHOTON_A_PROBLEM_MAX, nest, NULL) ||
	    !p[OPHOTON_A_PROBLEM_OBJ] || !p[OPHOTON_A_PROBLEM_ID])
		return false;
	memset(r, 0, sizeof(*r));
	r->obj = nla_get_u8(p[OPHOTON_A_PROBLEM_OBJ]);
	r->id = r->last = nla_get_u32(p[OPHOTON_A_PROBLEM_ID]);
	object_of(&d->c->shape, p, r->name, sizeof(r->name));
	r->sev = p[OPHOTON_A_PROBLEM_SEVERITY] ? nla_get_u8(p[OPHOTON_A_PROBLEM_SEVERITY]) : 0;
	r->action = p[OPHOTON_A_PROBLEM_ACTION] ? nla_get_u8(p[OPHOTON_A_PROBLEM_ACTION]) : 0;
	r->has_cause = p[OPHOTON_A_PROBLEM_CAUSE];
	r->cause = r->has_cause ? nla_get_u8(p[OPHOTON_A_PROBLEM_CAUSE]) : 0;
	r->has_mod_cause = p[OPHOTON_A_PROBLEM_MODULE_CAUSE];
	r->mod_cause = r->has_mod_cause ? nla_get_u8(p[OPHOTON_A_PROBLEM_MODULE_CAUSE]) : 0;
	r->has_since = p[OPHOTON_A_PROBLEM_SINCE_NS];
	r->since = r->has_since ? nla_get_u64(p[OPHOTON_A_PROBLEM_SINCE_NS]) : 0;
	r->links = p[OPHOTON_A_PROBLEM_LINKS] ? nla_get_u32(p[OPHOTON_A_PROBLEM_LINKS]) : 0;
	r->down = p[OPHOTON_A_PROBLEM_LINKS_DOWN] ?
		  nla_get_u32(p[OPHOTON_A_PROBLEM_LINKS_DOWN]) : 0;
	r->gpus = p[OPHOTON_A_PROBLEM_GPUS] ? nla_get_u32(p[OPHOTON_A_PROBLEM_GPUS]) : 0;
	r->lost = p[OPHOTON_A_PROBLEM_GBPS_LOST] ? nla_get_u64(p[OPHOTON_A_PROBLEM_GBPS_LOST]) : 0;
	return true;
}

/*
 * Links of one engine with the same problem, next to each other in the
 * list, are one row: "link 44/0/0-7", not eight (the kernel lists each,
 * JSON keeps them apart).
 */
static bool row_merge(const struct shape *s, struct row *r, const struct row *n)
{
	if (r->obj != OPHOTON_DIAG_LINK || n->obj != OPHOTON_DIAG_LINK ||
	    n->id != r->last + 1 || n->id / s->ports != r->id / s->ports ||
	    n->sev != r->sev || n->action != r->action || n->has_cause != r->has_cause ||
	    n->cause != r->cause || n->has_since != r->has_since || n->since != r->since)
		return false;
	r->last = n->id;
	r->links += n->links;
	r->down += n->down;
	r->lost += n->lost;
	return true;
}

static void print_row(struct diag *d, struct row *r)
{
	char age[32], wall[16] = "-", lost[32], name[64];
	const char *cause;
	FILE *f = out_file();
	uint64_t ago;

	if (r->last != r->id)
		snprintf(name, sizeof(name), "%s-%u", r->name, r->last % d->c->shape.ports);
	else
		snprintf(name, sizeof(name), "%s", r->name);
	/* A module's own cause says more than the links' "module". */
	cause = r->has_mod_cause ? onl_enum_name(&onl_enum_module_cause, r->mod_cause) :
		r->has_cause ? onl_enum_name(&onl_enum_down_reason, r->cause) : "flags";
	strcpy(age, "-");
	if (r->has_since) {
		ago = d->clock_ns > r->since ? d->clock_ns - r->since : 0;
		age_of(ago, age, sizeof(age));
		/* Wall clock: the virtual age at the clock's present speed. */
		if (d->scale) {
			time_t t = time(NULL) - (time_t)(ago / 1000000000ULL / d->scale);
			struct tm tm;

			if (localtime_r(&t, &tm))
				strftime(wall, sizeof(wall), "%H:%M:%S", &tm);
		}
	}
	gbps_of(r->lost, lost, sizeof(lost));
	fprintf(f, "%-8s  %-22s %-11s %5u/%-5u %4u %6s  %8s %7s  %s\n",
		onl_enum_name(&onl_enum_severity, r->sev) ?: "?", name, cause ?: "?",
		r->down, r->links, r->gpus, lost, wall, age,
		onl_enum_name(&onl_enum_diag_action, r->action) ?: "-");
	d->rows++;
}

static uint32_t u32_of(struct nlattr **tb, int type)
{
	return tb[type] ? nla_get_u32(tb[type]) : 0;
}

static int diag_reply(const struct nlmsghdr *nlh, struct nlattr **tb, void *arg)
{
	struct diag *d = arg;
	struct genlmsghdr *g = nlmsg_data(nlh);
	FILE *f = out_file();
	struct row cur, next;
	bool have = false;
	struct nlattr *a;
	char lost[32], clock[32];
	int rem;

	d->clock_ns = tb[OPHOTON_A_FABRIC_CLOCK_NS] ? nla_get_u64(tb[OPHOTON_A_FABRIC_CLOCK_NS]) : 0;
	d->scale = u32_of(tb, OPHOTON_A_FABRIC_TIME_SCALE);
	age_of(d->clock_ns, clock, sizeof(clock));
	gbps_of(tb[OPHOTON_A_DIAG_GBPS_LOST] ? nla_get_u64(tb[OPHOTON_A_DIAG_GBPS_LOST]) : 0,
		lost, sizeof(lost));
	fprintf(f, "fabric %u at %s virtual: %u problems (%u critical, %u major, %u minor, %u info)\n",
		u32_of(tb, OPHOTON_A_FABRIC_ID), clock, u32_of(tb, OPHOTON_A_DIAG_PROBLEMS),
		u32_of(tb, OPHOTON_A_DIAG_CRITICAL), u32_of(tb, OPHOTON_A_DIAG_MAJOR),
		u32_of(tb, OPHOTON_A_DIAG_MINOR), u32_of(tb, OPHOTON_A_DIAG_INFO));
	fprintf(f, "links: %u down, %u degraded, %u with flags latched; %sb/s lost; %u GPUs cut off\n",
		u32_of(tb, OPHOTON_A_DIAG_LINKS_DOWN), u32_of(tb, OPHOTON_A_DIAG_LINKS_DEGRADED),
		u32_of(tb, OPHOTON_A_DIAG_LINKS_FLAGGED), lost, u32_of(tb, OPHOTON_A_DIAG_GPUS_CUT));
	if (!u32_of(tb, OPHOTON_A_DIAG_PROBLEMS))
		return EXIT_OK;
	fprintf(f, "\n%-8s  %-22s %-11s %11s %4s %6s  %8s %7s  %s\n", "SEVERITY", "OBJECT",
		"CAUSE", "DOWN/LINKS", "GPUS", "LOST", "SINCE", "AGE", "ACTION");
	nla_for_each_attr(a, genlmsg_attrdata(g, 0), genlmsg_attrlen(g, 0), rem) {
		if (nla_type(a) != OPHOTON_A_DIAG_PROBLEM || !row_of(d, a, &next))
			continue;
		if (have && row_merge(&d->c->shape, &cur, &next))
			continue;
		if (have)
			print_row(d, &cur);
		cur = next;
		have = true;
	}
	if (have)
		print_row(d, &cur);
	if (u32_of(tb, OPHOTON_A_DIAG_UNLISTED))
		fprintf(f, "... and more: %u links, modules and engines with a problem not listed\n",
			u32_of(tb, OPHOTON_A_DIAG_UNLISTED));
	return EXIT_OK;
}

/**
 * fabric_diagnose() - "fabric diagnose [ID]"
 * @c: command context
 * @argc: arguments after "diagnose"
 * @argv: the fabric id, if given
 *
 * Return: an exit code.
 */
int fabric_diagnose(struct ctx *c, int argc, char **argv)
{
	struct diag d = { .c = c };
	struct onl_err err;
	struct nl_msg *msg;
	int ret = fabric_id_arg(c, argc, argv);

	if (ret)
		return ret;
	if (out_is_json())
		return ctx_show(c, OPHOTON_CMD_DIAGNOSE, false, NULL, NULL, "diag-");
	ret = ctx_shape(c);
	if (ret)
		return ret;
	msg = ctx_msg(c, OPHOTON_CMD_DIAGNOSE, 0);
	if (!msg)
		return EXIT_FAILED;
	ret = onl_request(&c->nl, msg, diag_reply, &d, &err);
	return ret ? ctx_error(c, "diagnose", &err, ret) : EXIT_OK;
}
