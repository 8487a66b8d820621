// SPDX-License-Identifier: GPL-2.0
/*
 * ophotonctl: "fabric export": a fabric's telemetry as metrics text, in
 * one of two formats made by the same code:
 *
 * - prometheus (the default): the Prometheus text exposition format 0.0.4,
 *   which node_exporter's textfile collector and Prometheus itself parse.
 *   It knows counter, gauge, summary, histogram and untyped only: a
 *   counter's HELP and TYPE lines name its samples, "_total" included, and
 *   a laser module's state is a gauge per state, 1 for the state it is in
 *   and 0 for the others, told apart by a "state" label.
 * - openmetrics: OpenMetrics 1.0 text, for a Prometheus that scrapes it as
 *   application/openmetrics-text: counters named without "_total" in their
 *   metadata and with it in their samples, the state a stateset (whose
 *   label is named after the family, as that format requires), # UNIT
 *   lines, and # EOF at the end.
 *
 * Samples are gathered per metric family while the dumps run and written
 * family by family afterwards, as both formats require; values are in base
 * units (watts, degrees Celsius, seconds), named in the metric names.
 */
#include <stdlib.h>
#include <string.h>
#include <linux/ophoton.h>
#include <netlink/attr.h>
#include <netlink/genl/genl.h>

#include "ophotonctl.h"
#include "out.h"

enum fam_id {
	F_FABRIC_LINKS, F_FABRIC_BW, F_FABRIC_POWER, F_FABRIC_TEMP, F_FABRIC_BUDGET,
	F_FABRIC_CLOCK, F_RACK_POWER, F_RACK_BUDGET, F_RACK_LINKS_UP, F_ENGINE_TEMP,
	F_ENGINE_POWER, F_MODULE_STATE, F_MODULE_TEMP, F_MODULE_POWER, F_MODULE_INSERT,
	F_LINK_UP, F_LINK_DOWNS, F_LINK_FLAPS, F_LINK_BW, F_LINK_OE, F_MODULE_WARN_IN,
	F_MODULE_EOL_IN, __F_CNT
};

/* What a family is, in OpenMetrics' terms; each format writes it its way. */
enum fam_type { T_GAUGE, T_COUNTER, T_STATESET };

static const struct {
	const char *name;	/* without "_total" for a counter */
	enum fam_type type;
	const char *unit, *help;
} fams[__F_CNT] = {
	[F_FABRIC_LINKS]  = { "ophoton_fabric_links", T_GAUGE, "", "Links of the fabric by state." },
	[F_FABRIC_BW]	  = { "ophoton_fabric_bandwidth_gbps", T_GAUGE, "",
			      "Bandwidth of the links up, per direction, Gb/s." },
	[F_FABRIC_POWER]  = { "ophoton_fabric_power_watts", T_GAUGE, "watts",
			      "Electrical power of GPUs, switches, engines and laser modules." },
	[F_FABRIC_TEMP]	  = { "ophoton_fabric_engine_temperature_max_celsius", T_GAUGE, "celsius",
			      "The hottest engine." },
	[F_FABRIC_BUDGET] = { "ophoton_fabric_over_budget", T_GAUGE, "",
			      "1 when some rack draws more than its power budget." },
	[F_FABRIC_CLOCK]  = { "ophoton_fabric_clock_seconds", T_GAUGE, "seconds",
			      "The fabric's virtual clock." },
	[F_RACK_POWER]	  = { "ophoton_rack_power_watts", T_GAUGE, "watts", "Power drawn by a rack." },
	[F_RACK_BUDGET]	  = { "ophoton_rack_budget_watts", T_GAUGE, "watts", "A rack's power budget." },
	[F_RACK_LINKS_UP] = { "ophoton_rack_links_up", T_GAUGE, "", "Links of a rack that are up." },
	[F_ENGINE_TEMP]	  = { "ophoton_engine_temperature_celsius", T_GAUGE, "celsius",
			      "Die temperature of an optical engine." },
	[F_ENGINE_POWER]  = { "ophoton_engine_power_watts", T_GAUGE, "watts",
			      "Power of an optical engine." },
	[F_MODULE_STATE]  = { "ophoton_laser_module_state", T_STATESET, "",
			      "CMIS-like state of a laser module slot." },
	[F_MODULE_TEMP]	  = { "ophoton_laser_module_temperature_celsius", T_GAUGE, "celsius",
			      "Case temperature of a laser module." },
	[F_MODULE_POWER]  = { "ophoton_laser_module_power_watts", T_GAUGE, "watts",
			      "Power drawn by a laser module." },
	[F_MODULE_INSERT] = { "ophoton_laser_module_insertions", T_COUNTER, "",
			      "Laser modules inserted into a slot." },
	[F_LINK_UP]	  = { "ophoton_link_up", T_GAUGE, "", "1 when the link is up." },
	[F_LINK_DOWNS]	  = { "ophoton_link_downs", T_COUNTER, "", "Times the link went down." },
	[F_LINK_FLAPS]	  = { "ophoton_link_flaps", T_COUNTER, "",
			      "Downs within 10 s of coming up." },
	[F_LINK_BW]	  = { "ophoton_link_bandwidth_gbps", T_GAUGE, "",
			      "Lanes up times the lane rate, Gb/s." },
	[F_LINK_OE]	  = { "ophoton_link_engine_input_dbm", T_GAUGE, "",
			      "Laser light at the GPU engine's input, dBm." },
	[F_MODULE_WARN_IN] = { "ophoton_laser_module_bias_warning_in_seconds", T_GAUGE, "seconds",
			       "Virtual time until the first of its lasers' bias warns, at the "
			       "rate they age now (0: one warns)." },
	[F_MODULE_EOL_IN] = { "ophoton_laser_module_end_of_life_in_seconds", T_GAUGE, "seconds",
			      "Virtual time until the first of its lasers ends its life, at the "
			      "rate they age now: plan its swap." },
};

/* Where the two formats differ; everything else is written the same. */
static const struct format {
	const char *name;
	const char *types[3];	/* the TYPE of each enum fam_type */
	bool counter_total;	/* a counter's HELP and TYPE lines say "_total" */
	bool state_label_fam;	/* a state's label is named after its family, not "state" */
	bool unit_lines;	/* # UNIT */
	bool eof;		/* # EOF ends the text */
} formats[] = {
	{ "prometheus", { "gauge", "counter", "gauge" }, true, false, false, false },
	{ "openmetrics", { "gauge", "counter", "stateset" }, false, true, true, true },
};

/* The soonest of a module's lasers, per side and module id. */
struct life {
	uint64_t warn_s, eol_s;
	bool seen;
};

struct export {
	struct ctx *c;
	const struct format *fmt;
	FILE *f[__F_CNT];
	char *buf[__F_CNT];
	size_t len[__F_CNT];
	struct life *life[2];
	uint32_t nlife[2];
	bool oom;
};

/* A laser's planning figures, into its module's soonest. */
static void laser_life(struct export *e, unsigned int side, uint32_t mod, uint64_t warn_s,
		       uint64_t eol_s)
{
	struct life *l;

	if (side > 1)
		return;
	if (mod >= e->nlife[side]) {
		uint32_t n = mod + 1 > 2 * e->nlife[side] ? mod + 1 : 2 * e->nlife[side];

		l = realloc(e->life[side], n * sizeof(*l));
		if (!l) {
			e->oom = true;
			return;
		}
		memset(l + e->nlife[side], 0, (n - e->nlife[side]) * sizeof(*l));
		e->life[side] = l;
		e->nlife[side] = n;
	}
	l = &e->life[side][mod];
	if (!l->seen || eol_s < l->eol_s)
		l->eol_s = eol_s;
	if (!l->seen || warn_s < l->warn_s)
		l->warn_s = warn_s;
	l->seen = true;
}

static void sample(struct export *e, enum fam_id id, const char *labels, double v)
{
	const char *suffix = fams[id].type == T_COUNTER ? "_total" : "";

	fprintf(e->f[id], "%s%s{fabric=\"%d\"%s%s} %.15g\n", fams[id].name, suffix,
		e->c->fabric, *labels ? "," : "", labels, v);
}

static struct nlattr **nested(struct nlattr *nla, const struct onl_set *set,
			      struct nlattr **tb)
{
	if (!nla || nla_parse_nested(tb, set->max, nla, set->policy) < 0)
		return NULL;
	return tb;
}

static uint64_t get(struct nlattr **tb, int type)
{
	struct nlattr *a = tb ? tb[type] : NULL;

	if (!a)
		return 0;
	return nla_len(a) == 8 ? nla_get_u64(a) : nla_len(a) == 1 ? nla_get_u8(a) :
	       nla_get_u32(a);
}

static int32_t sget(struct nlattr **tb, int type)
{
	return (int32_t)(uint32_t)get(tb, type);
}

static int on_reply(const struct nlmsghdr *nlh, struct nlattr **tb, void *arg)
{
	struct export *e = arg;
	struct genlmsghdr *g = nlmsg_data(nlh);
	struct nlattr *st[64] = { 0 }, **s;
	char l[160];

	switch (g->cmd) {
	case OPHOTON_CMD_FABRIC_GET: {
		static const char *const states[] = { "up", "degraded", "bringup", "down", "failed" };

		s = nested(tb[OPHOTON_A_FABRIC_STATS], &onl_set_fabric_stats, st);
		for (int i = 0; i < 5; i++) {
			snprintf(l, sizeof(l), "state=\"%s\"", states[i]);
			sample(e, F_FABRIC_LINKS, l, (double)get(s, OPHOTON_A_FABRIC_STATS_LINKS_UP + i));
		}
		sample(e, F_FABRIC_BW, "", (double)get(s, OPHOTON_A_FABRIC_STATS_BANDWIDTH_GBPS));
		sample(e, F_FABRIC_POWER, "", (double)get(s, OPHOTON_A_FABRIC_STATS_POWER_MW) / 1e3);
		sample(e, F_FABRIC_TEMP, "", sget(s, OPHOTON_A_FABRIC_STATS_TEMP_MC) / 1e3);
		sample(e, F_FABRIC_BUDGET, "", s && s[OPHOTON_A_FABRIC_STATS_OVER_BUDGET] ? 1 : 0);
		/* Nanoseconds saturate after 584 virtual years; seconds go on. */
		sample(e, F_FABRIC_CLOCK, "", get(tb, OPHOTON_A_FABRIC_CLOCK_NS) == UINT64_MAX &&
		       tb[OPHOTON_A_FABRIC_CLOCK_S] ?
		       (double)get(tb, OPHOTON_A_FABRIC_CLOCK_S) :
		       (double)get(tb, OPHOTON_A_FABRIC_CLOCK_NS) / 1e9);
		break;
	}
	case OPHOTON_CMD_RACK_GET:
		s = nested(tb[OPHOTON_A_AGG_STATS], &onl_set_agg_stats, st);
		snprintf(l, sizeof(l), "rack=\"%u\",kind=\"%s\"", (unsigned int)get(tb, OPHOTON_A_RACK_ID),
			 onl_enum_name(&onl_enum_rack_kind, (unsigned int)get(tb, OPHOTON_A_RACK_KIND)) ?: "?");
		sample(e, F_RACK_POWER, l, (double)get(s, OPHOTON_A_AGG_STATS_POWER_MW) / 1e3);
		sample(e, F_RACK_BUDGET, l, (double)get(s, OPHOTON_A_AGG_STATS_BUDGET_W));
		sample(e, F_RACK_LINKS_UP, l, (double)get(tb, OPHOTON_A_LINKS_UP));
		break;
	case OPHOTON_CMD_ENGINE_GET:
		s = nested(tb[OPHOTON_A_AGG_STATS], &onl_set_agg_stats, st);
		snprintf(l, sizeof(l), "side=\"%s\",engine=\"%u\"",
			 onl_enum_name(&onl_enum_side, (unsigned int)get(tb, OPHOTON_A_SIDE)) ?: "?",
			 (unsigned int)get(tb, OPHOTON_A_ENGINE_ID));
		/* A dead engine has no temperature: no sample rather than 0. */
		if (s && s[OPHOTON_A_AGG_STATS_TEMP_MC])
			sample(e, F_ENGINE_TEMP, l, sget(s, OPHOTON_A_AGG_STATS_TEMP_MC) / 1e3);
		sample(e, F_ENGINE_POWER, l, (double)get(s, OPHOTON_A_AGG_STATS_POWER_MW) / 1e3);
		break;
	case OPHOTON_CMD_MODULE_GET: {
		unsigned int state = (unsigned int)get(tb, OPHOTON_A_MODULE_STATE);
		const struct onl_enum *en = &onl_enum_module_state;

		snprintf(l, sizeof(l), "side=\"%s\",module=\"%u\"",
			 onl_enum_name(&onl_enum_side, (unsigned int)get(tb, OPHOTON_A_SIDE)) ?: "?",
			 (unsigned int)get(tb, OPHOTON_A_MODULE_ID));
		for (int i = 0; i < en->n; i++) {
			char ls[200];

			snprintf(ls, sizeof(ls), "%s,%s=\"%s\"", l,
				 e->fmt->state_label_fam ? fams[F_MODULE_STATE].name : "state",
				 en->names[i]);
			sample(e, F_MODULE_STATE, ls, (unsigned int)i == state);
		}
		sample(e, F_MODULE_INSERT, l, (double)get(tb, OPHOTON_A_MODULE_INSERT_COUNT));
		s = nested(tb[OPHOTON_A_MODULE_STATS], &onl_set_module_stats, st);
		if (s) {
			sample(e, F_MODULE_TEMP, l, sget(s, OPHOTON_A_MODULE_STATS_TEMP_MC) / 1e3);
			sample(e, F_MODULE_POWER, l,
			       (double)get(s, OPHOTON_A_MODULE_STATS_POWER_MW) / 1e3);
		}
		break;
	}
	case OPHOTON_CMD_LASER_GET:
		s = nested(tb[OPHOTON_A_LASER_STATS], &onl_set_laser_stats, st);
		if (s && s[OPHOTON_A_LASER_STATS_END_OF_LIFE_IN_S])
			laser_life(e, (unsigned int)get(tb, OPHOTON_A_SIDE),
				   (uint32_t)get(tb, OPHOTON_A_MODULE_ID),
				   get(s, OPHOTON_A_LASER_STATS_BIAS_WARN_IN_S),
				   get(s, OPHOTON_A_LASER_STATS_END_OF_LIFE_IN_S));
		break;
	case OPHOTON_CMD_LINK_GET:
		s = nested(tb[OPHOTON_A_LINK_STATS], &onl_set_link_stats, st);
		snprintf(l, sizeof(l), "link=\"%u\",gpu=\"%u\",plane=\"%u\"",
			 (unsigned int)get(tb, OPHOTON_A_LINK_ID), (unsigned int)get(tb, OPHOTON_A_GPU_ID),
			 (unsigned int)get(tb, OPHOTON_A_PLANE));
		sample(e, F_LINK_UP, l, get(tb, OPHOTON_A_LINK_STATE) == OPHOTON_LINK_STATE_UP ||
				       get(tb, OPHOTON_A_LINK_STATE) == OPHOTON_LINK_STATE_DEGRADED);
		sample(e, F_LINK_DOWNS, l, (double)get(s, OPHOTON_A_LINK_STATS_DOWN_COUNT));
		sample(e, F_LINK_FLAPS, l, (double)get(s, OPHOTON_A_LINK_STATS_FLAP_COUNT));
		sample(e, F_LINK_BW, l, (double)get(s, OPHOTON_A_LINK_STATS_BANDWIDTH_GBPS));
		sample(e, F_LINK_OE, l, sget(s, OPHOTON_A_LINK_STATS_OE_INPUT_UDBM) / 1e3);
		break;
	default:
		break;
	}
	return EXIT_OK;
}

static int dump(struct export *e, int cmd, bool dumpit)
{
	struct ctx *c = e->c;
	struct onl_err err;
	struct nl_msg *msg = ctx_msg(c, cmd, dumpit ? NLM_F_DUMP : 0);
	int ret;

	if (!msg || nla_put_flag(msg, OPHOTON_A_STATS))
		return EXIT_FAILED;
	ret = onl_request(&c->nl, msg, on_reply, e, &err);
	if (ret)
		return ctx_error(c, "export", &err, ret);
	if (err.interrupted)
		ctx_dump_interrupted(c);
	return EXIT_OK;
}

/* A family's metadata lines: HELP then TYPE, or TYPE, UNIT, HELP. */
static void header(FILE *f, const struct format *fmt, enum fam_id id)
{
	const char *total = fmt->counter_total && fams[id].type == T_COUNTER ? "_total" : "";
	const char *type = fmt->types[fams[id].type];

	if (!fmt->unit_lines) {
		fprintf(f, "# HELP %s%s %s\n", fams[id].name, total, fams[id].help);
		fprintf(f, "# TYPE %s%s %s\n", fams[id].name, total, type);
		return;
	}
	fprintf(f, "# TYPE %s%s %s\n", fams[id].name, total, type);
	if (*fams[id].unit)
		fprintf(f, "# UNIT %s%s %s\n", fams[id].name, total, fams[id].unit);
	fprintf(f, "# HELP %s%s %s\n", fams[id].name, total, fams[id].help);
}

int fabric_export(struct ctx *c, int argc, char **argv);
int fabric_export(struct ctx *c, int argc, char **argv)
{
	static const int cmds[] = { OPHOTON_CMD_FABRIC_GET, OPHOTON_CMD_RACK_GET,
				    OPHOTON_CMD_ENGINE_GET, OPHOTON_CMD_MODULE_GET,
				    OPHOTON_CMD_LASER_GET, OPHOTON_CMD_LINK_GET };
	struct export e = { .c = c, .fmt = &formats[0] };
	FILE *f = out_file();
	int ret = EXIT_OK, i;

	/* "--format" too, as exporters spell it. */
	if (argc >= 1 && (!strcmp(argv[0], "format") || !strcmp(argv[0], "--format"))) {
		e.fmt = NULL;
		for (i = 0; argc == 2 && i < (int)NCMDS(formats); i++)
			if (!strcmp(argv[1], formats[i].name))
				e.fmt = &formats[i];
		if (!e.fmt)
			return usage_error(c, "the format is prometheus (the default) or openmetrics");
	} else if (argc) {
		return usage_error(c, "unknown keyword '%s'", argv[0]);
	}
	if (c->o->json)
		return usage_error(c, "export writes metrics text, not JSON");
	ret = ctx_fabric(c);
	if (ret)
		return ret;
	for (i = 0; i < __F_CNT; i++) {
		e.f[i] = open_memstream(&e.buf[i], &e.len[i]);
		if (!e.f[i]) {
			ret = EXIT_FAILED;
			goto out;
		}
	}
	for (i = 0; i < (int)NCMDS(cmds) && !ret; i++)
		ret = dump(&e, cmds[i], cmds[i] != OPHOTON_CMD_FABRIC_GET);
	if (e.oom)
		ret = EXIT_FAILED;
	/* Per module, the soonest of its lasers: the module is what is swapped. */
	for (int sd = 0; sd < 2 && !ret; sd++)
		for (uint32_t m = 0; m < e.nlife[sd]; m++) {
			char l[80];

			if (!e.life[sd][m].seen)
				continue;
			snprintf(l, sizeof(l), "side=\"%s\",module=\"%u\"",
				 onl_enum_name(&onl_enum_side, (unsigned int)sd) ?: "?", m);
			sample(&e, F_MODULE_WARN_IN, l, (double)e.life[sd][m].warn_s);
			sample(&e, F_MODULE_EOL_IN, l, (double)e.life[sd][m].eol_s);
		}
out:
	for (i = 0; i < __F_CNT; i++)
		if (e.f[i])
			fclose(e.f[i]);
	if (!ret) {
		for (i = 0; i < __F_CNT; i++) {
			if (!e.len[i])
				continue;
			header(f, e.fmt, (enum fam_id)i);
			fwrite(e.buf[i], 1, e.len[i], f);
		}
		if (e.fmt->eof)
			fprintf(f, "# EOF\n");
		fflush(f);
	}
	for (i = 0; i < __F_CNT; i++)
		free(e.buf[i]);
	free(e.life[0]);
	free(e.life[1]);
	return ret;
}
