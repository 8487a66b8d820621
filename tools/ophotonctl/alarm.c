// SPDX-License-Identifier: GPL-2.0
/*
 * ophotonctl: "alarm", a fabric's alarm history: what was raised, when,
 * how bad, whether its cause is still there and whether an operator has
 * seen it (ALARM_GET); and "alarm ack" to say so (ALARM_ACK).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <linux/ophoton.h>
#include <netlink/attr.h>

#include "ophotonctl.h"
#include "out.h"

struct alarm_req {
	bool has_seq;
	bool active;
	uint64_t seq;
};

static int alarm_build(struct ctx *c, struct nl_msg *msg, void *arg)
{
	const struct alarm_req *r = arg;

	(void)c;
	if (r->has_seq && nla_put_u64(msg, OPHOTON_A_NTF_SEQ, r->seq))
		return -1;
	if (r->active && nla_put_flag(msg, OPHOTON_A_ALARM_ACTIVE))
		return -1;
	return 0;
}

/* An alarm's number: decimal, from 1. */
static int parse_seq(struct ctx *c, const char *s, uint64_t *seq)
{
	char *end;

	errno = 0;
	*seq = strtoull(s, &end, 10);
	if (errno || end == s || *end || *s == '-' || !*seq)
		return usage_error(c, "'%s' is not an alarm number (its ntf-seq, 1 or more)", s);
	return 0;
}

/* alarm show [ SEQ | from SEQ ] [ active ] */
static int alarm_show(struct ctx *c, int argc, char **argv)
{
	struct alarm_req r = { 0 };
	bool from = false;
	int i;

	for (i = 0; i < argc; i++) {
		if (!strcmp(argv[i], "active")) {
			r.active = true;
		} else if (!strcmp(argv[i], "from") && i + 1 < argc && !r.has_seq) {
			from = true;
			r.has_seq = true;
			if (parse_seq(c, argv[++i], &r.seq))
				return EXIT_USAGE;
		} else if (!r.has_seq && argv[i][0] >= '0' && argv[i][0] <= '9') {
			r.has_seq = true;
			if (parse_seq(c, argv[i], &r.seq))
				return EXIT_USAGE;
		} else {
			return usage_error(c, "unexpected '%s': alarm show [ SEQ | from SEQ ] [ active ]",
					   argv[i]);
		}
	}
	if (r.has_seq && !from && r.active)
		return usage_error(c, "one alarm is named by its number: 'active' lists several");
	return ctx_show(c, OPHOTON_CMD_ALARM_GET, !r.has_seq || from, alarm_build, &r,
			"alarm-");
}

/* alarm ack SEQ */
static int alarm_ack(struct ctx *c, int argc, char **argv)
{
	struct alarm_req r = { .has_seq = true };

	if (argc != 1)
		return usage_error(c, "alarm ack SEQ: the number of one alarm (its ntf-seq)");
	if (parse_seq(c, argv[0], &r.seq))
		return EXIT_USAGE;
	return ctx_change(c, OPHOTON_CMD_ALARM_ACK, alarm_build, &r, "alarm ack");
}

static const struct cmd alarm_cmds[] = {
	{ "show", "[ SEQ | from SEQ ] [ active ]",
	  "the fabric's alarm history: kind, object, severity, when raised, active, acked",
	  alarm_show },
	{ "ack", "SEQ", "acknowledge an alarm: it stays listed, marked acked", alarm_ack },
};

const struct object obj_alarm = { "alarm", "alarms raised: a history, acknowledged",
				  alarm_cmds, NCMDS(alarm_cmds) };
