// SPDX-License-Identifier: GPL-2.0
/*
 * ophotonctl: "fabric": show and list fabrics, configure one, create and
 * destroy them through the ophoton bus in sysfs.  The map and the
 * Prometheus export are in map.c and export.c.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include <linux/ophoton.h>
#include <netlink/attr.h>

#include "ophotonctl.h"
#include "proto.h"
#include "out.h"

#define BUS "/sys/bus/ophoton"

/**
 * fabric_id_arg() - "fabric show [ID]" and alike: the positional id is the fabric's
 * @c: command context; its fabric is set when an id is given
 * @argc: arguments after the command word
 * @argv: at most the id
 *
 * Return: an exit code.
 */
int fabric_id_arg(struct ctx *c, int argc, char **argv)
{
	uint32_t id;

	if (argc > 1)
		return usage_error(c, "unexpected argument '%s'", argv[1]);
	if (argc == 1) {
		if (parse_u32(argv[0], &id) || id > 65535)
			return usage_error(c, "a fabric id is 0 to 65535, not '%s'", argv[0]);
		c->fabric = (int)id;
	}
	return EXIT_OK;
}

static int fabric_show(struct ctx *c, int argc, char **argv)
{
	int ret = fabric_id_arg(c, argc, argv);

	if (ret)
		return ret;
	if (c->fabric < 0 && !argc) {
		/* Every fabric of this namespace. */
		c->every_fabric = true;
		ret = ctx_nl(c);
		return ret ? ret : ctx_show(c, OPHOTON_CMD_FABRIC_GET, true, NULL, NULL,
					   "fabric-");
	}
	return ctx_show(c, OPHOTON_CMD_FABRIC_GET, false, NULL, NULL, "fabric-");
}

static int put_unhealthy(struct ctx *c, struct nl_msg *msg, void *arg)
{
	(void)c;
	(void)arg;
	return nla_put_flag(msg, OPHOTON_A_UNHEALTHY);
}

static int fabric_list(struct ctx *c, int argc, char **argv)
{
	bool unhealthy = argc == 1 && !strcmp(argv[0], "unhealthy");
	int ret;

	if (argc && !unhealthy)
		return usage_error(c, "unexpected argument '%s'", argv[0]);
	/* Every fabric of the namespace, or the one -F names. */
	c->every_fabric = c->fabric < 0;
	ret = ctx_nl(c);
	return ret ? ret : ctx_show(c, OPHOTON_CMD_FABRIC_GET, true,
				    unhealthy ? put_unhealthy : NULL, NULL, "fabric-");
}

struct fabric_set {
	int action;		/* 0, or enum ophoton_fabric_action */
	bool has_scale, has_budget;
	uint32_t scale, budget;
	int nthresh;
	struct {
		unsigned int id;
		int has;	/* bits: alarm-lo, warn-lo, warn-hi, alarm-hi */
		int32_t v[4];
	} thresh[8];
};

static int set_build(struct ctx *c, struct nl_msg *msg, void *arg)
{
	static const int levels[4] = {
		OPHOTON_A_THRESH_ALARM_LO, OPHOTON_A_THRESH_WARN_LO,
		OPHOTON_A_THRESH_WARN_HI, OPHOTON_A_THRESH_ALARM_HI,
	};
	struct fabric_set *s = arg;

	(void)c;
	if ((s->action && nla_put_u8(msg, OPHOTON_A_FABRIC_ACTION, (uint8_t)s->action)) ||
	    (s->has_scale && nla_put_u32(msg, OPHOTON_A_FABRIC_TIME_SCALE, s->scale)) ||
	    (s->has_budget && nla_put_u32(msg, OPHOTON_A_FABRIC_RACK_BUDGET_W, s->budget)))
		return -1;
	for (int i = 0; i < s->nthresh; i++) {
		struct nlattr *nest = nla_nest_start(msg, OPHOTON_A_THRESH);

		if (!nest || nla_put_u8(msg, OPHOTON_A_THRESH_ID, (uint8_t)s->thresh[i].id))
			return -1;
		for (int l = 0; l < 4; l++)
			if ((s->thresh[i].has & (1 << l)) &&
			    nla_put_u32(msg, levels[l], (uint32_t)s->thresh[i].v[l]))
				return -1;
		nla_nest_end(msg, nest);
	}
	return 0;
}

static int fabric_set(struct ctx *c, int argc, char **argv)
{
	static const char *const levels[4] = { "alarm-lo", "warn-lo", "warn-hi", "alarm-hi" };
	struct fabric_set s = { 0 };
	struct onl ev = { 0 };
	int i, ret;

	for (i = 0; i < argc; i++) {
		const char *w = argv[i];
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;

		if (!strcmp(w, "up") || !strcmp(w, "down")) {
			if (s.action)
				return usage_error(c, "up or down, once");
			s.action = !strcmp(w, "up") ? OPHOTON_FABRIC_ACTION_UP :
						      OPHOTON_FABRIC_ACTION_DOWN;
		} else if (!strcmp(w, "time-scale")) {
			if (!v || parse_u32(v, &s.scale))
				return usage_error(c, "time-scale needs a number (1-100000)");
			s.has_scale = true;
			i++;
		} else if (!strcmp(w, "rack-budget-w")) {
			if (!v || parse_u32(v, &s.budget))
				return usage_error(c, "rack-budget-w needs a number of watts");
			s.has_budget = true;
			i++;
		} else if (!strcmp(w, "thresh")) {
			if (s.nthresh == 8)
				return usage_error(c, "at most 8 thresh groups");
			if (!v || onl_enum_value(&onl_enum_thresh_id, v, &s.thresh[s.nthresh].id))
				return usage_error(c, "thresh needs a value name, e.g. engine-temp-mc");
			i++;
			while (i + 2 < argc) {
				int l;

				for (l = 0; l < 4; l++)
					if (!strcmp(argv[i + 1], levels[l]))
						break;
				if (l == 4)
					break;
				if (parse_s32(argv[i + 2], &s.thresh[s.nthresh].v[l]))
					return usage_error(c, "%s needs a number", levels[l]);
				s.thresh[s.nthresh].has |= 1 << l;
				i += 2;
			}
			if (!s.thresh[s.nthresh].has)
				return usage_error(c, "thresh %s needs a level: alarm-lo, warn-lo, warn-hi or alarm-hi",
						   v);
			s.nthresh++;
		} else if (!strcmp(w, "fabric") && v) {
			uint32_t id;

			if (parse_u32(v, &id) || id > 65535)
				return usage_error(c, "bad fabric id '%s'", v);
			c->fabric = (int)id;
			i++;
		} else {
			return usage_error(c, "unknown keyword '%s'", w);
		}
	}
	if (!s.action && !s.has_scale && !s.has_budget && !s.nthresh)
		return usage_error(c, "nothing to set");
	if (c->o->wait && !s.action && !c->o->batch)
		return usage_error(c, "--wait follows 'fabric set up' or 'down', not a setting");
	if (!c->o->wait || !s.action)
		return ctx_change(c, OPHOTON_CMD_FABRIC_SET, set_build, &s, "fabric set");
	{
		struct wait_spec w = {
			.kind = s.action == OPHOTON_FABRIC_ACTION_UP ? WAIT_LINKS_UP :
								       WAIT_LINKS_DOWN,
			.all_links = true,
		};

		ret = ctx_shape(c);
		if (!ret)
			ret = wait_begin(c, &ev);
		if (ret)
			return ret;
		ret = ctx_change(c, OPHOTON_CMD_FABRIC_SET, set_build, &s, "fabric set");
		if (!ret)
			ret = wait_finish(c, &ev, &w);
		onl_close(&ev);
		return ret;
	}
}

/* Write @text to a file of the ophoton bus; the kernel log says why it refused. */
/*
 * The bus explains a refusal only in the kernel log (a sysfs write returns
 * nothing but an errno), so read the log from its end before writing and
 * take back the line our write made.  Creating fabrics needs root, who may
 * read /dev/kmsg; anyone else just gets the errno.
 */
static int kmsg_open_at_end(void)
{
	int fd = open("/dev/kmsg", O_RDONLY | O_NONBLOCK | O_CLOEXEC);

	if (fd >= 0 && lseek(fd, 0, SEEK_END) < 0) {
		close(fd);
		fd = -1;
	}
	return fd;
}

/* The text of the newest "ophoton: FILE: ..." record since the open. */
static int kmsg_reason(int fd, const char *file, char *why, size_t len)
{
	char rec[1024], tag[64];
	int found = 0;
	ssize_t n;

	snprintf(tag, sizeof(tag), "ophoton: %s: ", file);
	/* One record per read; a record continues on lines starting with ' '. */
	while ((n = read(fd, rec, sizeof(rec) - 1)) > 0 || (n < 0 && errno == EPIPE)) {
		char *msg, *end;

		if (n <= 0)
			continue;	/* EPIPE: records were overwritten; go on */
		rec[n] = 0;
		msg = strchr(rec, ';');
		if (!msg || strncmp(msg + 1, tag, strlen(tag)))
			continue;
		msg += 1 + strlen(tag);
		end = strchr(msg, '\n');
		if (end)
			*end = 0;
		snprintf(why, len, "%s", msg);
		found = 1;
	}
	return found;
}

static int bus_write(struct ctx *c, const char *file, const char *text)
{
	char path[128], why[512];
	int fd, kmsg, e;
	ssize_t n;

	(void)c;
	snprintf(path, sizeof(path), BUS "/%s", file);
	fd = open(path, O_WRONLY);
	if (fd < 0 && errno == ENOENT && !strcmp(file, "new_device")) {
		struct onl nl;

		/*
		 * Resolving the family autoloads the module where it is
		 * installed, as for every netlink command; then the bus is
		 * there.  (Silently: the open below says what is missing.)
		 */
		if (onl_open_quiet(&nl) == EXIT_OK)
			onl_close(&nl);
		fd = open(path, O_WRONLY);
	}
	if (fd < 0) {
		if (errno == ENOENT) {
			perr("ophotonctl: the ophoton module is not loaded (no %s)\n",
				BUS);
			return EXIT_ABSENT;
		}
		perr("ophotonctl: %s: %s\n", path, strerror(errno));
		return errno == EACCES || errno == EPERM ? EXIT_KERNEL : EXIT_FAILED;
	}
	kmsg = kmsg_open_at_end();
	n = write(fd, text, strlen(text));
	e = errno;
	close(fd);
	if (n >= 0) {
		if (kmsg >= 0)
			close(kmsg);
		return EXIT_OK;
	}
	if (e == EINVAL && kmsg >= 0 && kmsg_reason(kmsg, file, why, sizeof(why)))
		perr("ophotonctl: %s: %s: %s\n", file, strerror(e), why);
	else if (e == EEXIST)
		perr("ophotonctl: %s: fabric %.*s already exists\n", file,
			(int)strcspn(text, " "), text);
	else if (e == ENOENT)
		perr("ophotonctl: %s: no fabric %s in this network namespace\n",
			file, text);
	else
		perr("ophotonctl: %s: %s%s\n", file, strerror(e),
			e == EINVAL ? " (the kernel log says why: dmesg | tail)" : "");
	if (kmsg >= 0)
		close(kmsg);
	return e == ENOENT ? EXIT_ABSENT : EXIT_KERNEL;
}

static int fabric_create(struct ctx *c, int argc, char **argv)
{
	char text[1024];
	size_t len;
	uint32_t id;

	if (argc < 1 || parse_u32(argv[0], &id) || id > 65535)
		return usage_error(c, "fabric create needs an id (0-65535)");
	len = (size_t)snprintf(text, sizeof(text), "%u", id);
	for (int i = 1; i < argc; i++) {
		if (!strchr(argv[i], '=') || strchr(argv[i], ' '))
			return usage_error(c, "options are key=value, not '%s'", argv[i]);
		len += (size_t)snprintf(text + len, sizeof(text) - len, " %s", argv[i]);
		if (len >= sizeof(text))
			return usage_error(c, "too many options");
	}
	return bus_write(c, "new_device", text);
}

static int fabric_destroy(struct ctx *c, int argc, char **argv)
{
	uint32_t id;

	if (argc != 1 || parse_u32(argv[0], &id) || id > 65535)
		return usage_error(c, "fabric destroy needs an id (0-65535)");
	return bus_write(c, "del_device", argv[0]);
}

int fabric_map(struct ctx *c, int argc, char **argv);
int fabric_diagnose(struct ctx *c, int argc, char **argv);
int fabric_export(struct ctx *c, int argc, char **argv);

static const struct cmd fabric_cmds[] = {
	{ "diagnose", "[ ID ]",
	  "what is wrong, worst first: each problem's object, cause, severity, links and GPUs\n"
	  "      it takes down, bandwidth lost, since when, and what to do about it",
	  fabric_diagnose },
	{ "show", "[ ID ]", "a fabric: shape, clock, generation, budget, thresholds; -s adds its telemetry",
	  fabric_show },
	{ "list", "[ unhealthy ]",
	  "every fabric of this network namespace, or those with a link not up, a dead engine,\n"
	  "      a rack over budget or a threshold flag set", fabric_list },
	{ "set", "[ fabric ID ] [ up | down ] [ time-scale N ] [ rack-budget-w W ] [ thresh NAME { alarm-lo | warn-lo | warn-hi | alarm-hi } V ... ]",
	  "bring every module and link up (or down: drained first), set the clock speed,\n"
	  "      the rack power budget, warning and alarm levels (all checked, then applied)",
	  fabric_set },
	{ "create", "ID [ KEY=VALUE ... ]",
	  "a new fabric (gpus=, racks=, trays=, slots=, engines=, ports=, lambdas=,\n"
	  "      modules=, feed=block|stripe, switch_racks=, memory_racks=, time_scale=, seed=, ...)",
	  fabric_create },
	{ "destroy", "ID", "delete a fabric", fabric_destroy },
	{ "map", "[ fabric ID ] [ engines ] [ blast OBJECT ID ]",
	  "racks x trays x GPUs as a grid, worst state wins; 'blast' marks what a failure takes down",
	  fabric_map },
	{ "export", "[ fabric ID ] [ --format prometheus | openmetrics ]",
	  "telemetry as Prometheus text (format 0.0.4, the default: node_exporter's\n"
	  "      textfile collector reads it) or as OpenMetrics text", fabric_export },
};

const struct object obj_fabric = { "fabric", "CPO fabric devices", fabric_cmds,
				   NCMDS(fabric_cmds) };
