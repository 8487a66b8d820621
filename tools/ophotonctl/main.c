// SPDX-License-Identifier: GPL-2.0
/*
 * ophotonctl: command line for ophoton virtual co-packaged-optics fabrics.
 *
 *   ophotonctl [OPTIONS] OBJECT [COMMAND] [ARGS...]
 *   ophotonctl [OPTIONS] -b FILE
 *
 * Objects and their commands are plain tables; keywords match exactly.
 * help works at every level without the module.  Nothing below main()
 * exits: a command returns its exit code, so a batch survives a bad line.
 */
#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ophotonctl.h"
#include "out.h"

static const struct object *const objects[] = {
	&obj_fabric, &obj_rack, &obj_gpu, &obj_engine, &obj_link, &obj_lane,
	&obj_laser, &obj_health, &obj_alarm, &obj_blast, &obj_sim, &obj_monitor, &obj_version,
};

#define N_OBJECTS NCMDS(objects)

/* Objects whose one command takes its arguments without a command word. */
static bool implicit_command(const struct object *obj)
{
	return obj == &obj_monitor;
}

static void print_usage(FILE *f)
{
	fprintf(f,
		"Usage: ophotonctl [OPTIONS] OBJECT [COMMAND] [ARGS...]\n"
		"       ophotonctl [OPTIONS] -b FILE\n"
		"       ophotonctl OBJECT [COMMAND] help\n"
		"\n"
		"Options:\n"
		"  -j, --json          JSON output (keys are the YNL spec's attribute names)\n"
		"  -p, --pretty        indented JSON (with -j)\n"
		"  -s, --stats         telemetry with each object; -ss also a link's lanes\n"
		"                      and a laser module's lasers\n"
		"  -t, --timestamp     timestamps on monitor events\n"
		"  -F, --fabric N      the fabric to act on (default: the only one)\n"
		"  -w, --wait          follow a long operation to its end\n"
		"      --timeout S     give up waiting after S seconds (default 120)\n"
		"      --rcvbuf BYTES  receive buffer of monitor and --wait (default 4 MiB)\n"
		"  -b, --batch FILE    run the commands of FILE (- for stdin), one per line\n"
		"  -f, --force         in batch mode, go on after a failing line\n"
		"  -c, --color[=WHEN]  colour the map: auto (default), always, never\n"
		"  -h, --help          this help\n"
		"  -V, --version       the tool's version (no module needed)\n"
		"\n"
		"Objects:\n");
	for (unsigned int i = 0; i < N_OBJECTS; i++)
		fprintf(f, "  %-10s  %s\n", objects[i]->name, objects[i]->help);
	fprintf(f,
		"\n"
		"Places: ids, or a GPU and what is in it with slashes (17/2/5: GPU 17,\n"
		"engine 2, port 5; 17/1: laser module 1 of GPU 17), or labels\n"
		"(rack 3 tray 5 slot 1).  'ophotonctl OBJECT help' lists its commands;\n"
		"'list' is 'show' everywhere.\n"
		"\n"
		"Exit codes: 0 success, 1 usage error, 2 the kernel refused,\n"
		"            3 timeout or operation failed, 4 module or fabric absent.\n");
}

void print_object_usage(FILE *f, const struct object *obj)
{
	fprintf(f, "Usage:\n");
	for (unsigned int i = 0; i < obj->ncmds; i++) {
		const struct cmd *c = &obj->cmds[i];

		if (implicit_command(obj))
			fprintf(f, "  ophotonctl %s%s%s\n      %s\n", obj->name,
				c->args[0] ? " " : "", c->args, c->help);
		else
			fprintf(f, "  ophotonctl %s %s%s%s\n      %s\n", obj->name, c->name,
				c->args[0] ? " " : "", c->args, c->help);
	}
	fprintf(f, "  ophotonctl %s help\n", obj->name);
}

static const struct object *find_object(const char *name)
{
	for (unsigned int i = 0; i < N_OBJECTS; i++)
		if (!strcmp(objects[i]->name, name))
			return objects[i];
	return NULL;
}

/* One command's usage, or its object's when no command is chosen. */
static void print_command_usage(FILE *f, const struct ctx *c)
{
	if (c->cmd && !implicit_command(c->obj))
		fprintf(f, "Usage: ophotonctl %s %s%s%s\n       %s\n", c->obj->name,
			c->cmd->name, c->cmd->args[0] ? " " : "", c->cmd->args, c->cmd->help);
	else
		print_object_usage(f, c->obj);
}

int usage_error(struct ctx *c, const char *fmt, ...)
{
	va_list ap;

	perr("ophotonctl: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	if (c && c->obj)
		print_command_usage(stderr, c);
	return EXIT_USAGE;
}

/* "fabric N" anywhere after the command: taken out, for every object. */
static int take_fabric(struct ctx *c, int *argc, char **argv)
{
	for (int i = 0; i + 1 < *argc; i++) {
		uint32_t id;

		if (strcmp(argv[i], "fabric") || parse_u32(argv[i + 1], &id))
			continue;
		if (id > 65535)
			return usage_error(c, "a fabric id is 0 to 65535");
		c->fabric = (int)id;
		memmove(&argv[i], &argv[i + 2], (size_t)(*argc - i - 2) * sizeof(*argv));
		*argc -= 2;
		i--;
	}
	return EXIT_OK;
}

static int run_object(const struct opts *o, int argc, char **argv)
{
	struct ctx c = { .o = o, .fabric = o->fabric };
	const struct object *obj;
	int ret;

	if (!strcmp(argv[0], "help")) {
		print_usage(stdout);
		return EXIT_OK;
	}
	obj = find_object(argv[0]);
	if (!obj)
		return usage_error(NULL, "unknown object '%s' (ophotonctl help lists them)",
				   argv[0]);
	c.obj = obj;
	argc--;
	argv++;
	if (argc && !strcmp(argv[0], "help")) {
		print_object_usage(stdout, obj);
		return EXIT_OK;
	}
	/* An object alone runs its first command ("link" = "link show"). */
	c.cmd = &obj->cmds[0];
	if (argc && !implicit_command(obj)) {
		unsigned int i;

		for (i = 0; i < obj->ncmds; i++)
			if (!strcmp(obj->cmds[i].name, argv[0]))
				break;
		/* "list" is "show" for objects without a list of their own. */
		if (i == obj->ncmds && !strcmp(argv[0], "list") && !strcmp(obj->cmds[0].name, "show"))
			i = 0;
		if (i == obj->ncmds) {
			c.cmd = NULL;
			return usage_error(&c, "unknown command '%s' for %s", argv[0], obj->name);
		}
		c.cmd = &obj->cmds[i];
		argc--;
		argv++;
	}
	/* "help" anywhere after the command ("link set help"): its usage. */
	for (int i = 0; i < argc; i++)
		if (!strcmp(argv[i], "help")) {
			print_command_usage(stdout, &c);
			return EXIT_OK;
		}
	ret = take_fabric(&c, &argc, argv);
	if (!ret)
		ret = c.cmd->run(&c, argc, argv);
	ctx_done(&c);
	return ret;
}

/* Split a batch line into words: quotes group, backslash escapes. */
static int split_line(char *line, char **argv, int max)
{
	int argc = 0;
	char *r = line, *w = line;

	while (*r) {
		char quote = 0;

		while (isspace((unsigned char)*r))
			r++;
		if (!*r || *r == '#')
			break;
		if (argc == max)
			return -1;
		argv[argc++] = w;
		while (*r && (quote || !isspace((unsigned char)*r))) {
			if (!quote && (*r == '"' || *r == '\'')) {
				quote = *r++;
			} else if (quote && *r == quote) {
				quote = 0;
				r++;
			} else if (*r == '\\' && r[1]) {
				r++;
				*w++ = *r++;
			} else {
				*w++ = *r++;
			}
		}
		if (quote)
			return -1;
		if (*r)
			r++;
		*w++ = '\0';
	}
	return argc;
}

static int run_batch(const struct opts *o, const char *file, bool force)
{
	FILE *f = strcmp(file, "-") ? fopen(file, "r") : stdin;
	char *line = NULL, *full = NULL;
	size_t cap = 0, flen = 0;
	int lineno = 0, start = 0, first_err = EXIT_OK;
	char where[512];
	ssize_t n;

	if (!f) {
		perr("ophotonctl: %s: %s\n", file, strerror(errno));
		return EXIT_USAGE;
	}
	while ((n = getline(&line, &cap, f)) >= 0) {
		char *argv[256], *tmp;
		int argc, ret;

		lineno++;
		if (!flen)
			start = lineno;
		while (n && (line[n - 1] == '\n' || line[n - 1] == '\r'))
			line[--n] = '\0';
		tmp = realloc(full, flen + (size_t)n + 2);
		if (!tmp) {
			first_err = EXIT_FAILED;
			break;
		}
		full = tmp;
		memcpy(full + flen, line, (size_t)n + 1);
		flen += (size_t)n;
		/* A trailing backslash continues the command on the next line. */
		if (flen && full[flen - 1] == '\\') {
			full[--flen] = ' ';
			full[++flen] = '\0';
			continue;
		}
		flen = 0;
		argc = split_line(full, argv, 255);
		if (argc == 0)
			continue;
		if (argc < 0) {
			fprintf(stderr, "%s:%d: unbalanced quotes or too many words\n", file, start);
			ret = EXIT_USAGE;
		} else {
			argv[argc] = NULL;
			snprintf(where, sizeof(where), "%s:%d: ", file, start);
			err_where = where;
			ret = run_object(o, argc, argv);
			err_where = "";
			out_flush();
			if (ret)
				fprintf(stderr, "%s:%d: command failed (exit %d)\n", file, start, ret);
		}
		if (ret && !first_err)
			first_err = ret;
		if (ret && !force)
			break;
	}
	free(line);
	free(full);
	if (f != stdin)
		fclose(f);
	return first_err;
}

int main(int argc, char **argv)
{
	enum { OPT_TIMEOUT = 256, OPT_RCVBUF };
	static const struct option longopts[] = {
		{ "json",	no_argument, NULL, 'j' },
		{ "pretty",	no_argument, NULL, 'p' },
		{ "stats",	no_argument, NULL, 's' },
		{ "timestamp",	no_argument, NULL, 't' },
		{ "fabric",	required_argument, NULL, 'F' },
		{ "wait",	no_argument, NULL, 'w' },
		{ "timeout",	required_argument, NULL, OPT_TIMEOUT },
		{ "rcvbuf",	required_argument, NULL, OPT_RCVBUF },
		{ "batch",	required_argument, NULL, 'b' },
		{ "force",	no_argument, NULL, 'f' },
		{ "color",	optional_argument, NULL, 'c' },
		{ "help",	no_argument, NULL, 'h' },
		{ "version",	no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	struct opts o = { .fabric = -1 };
	const char *batch = NULL, *color = "auto";
	bool force = false;
	uint32_t v;
	int c;

	/* Listings into a pipe or a file in 64 KiB writes, not 4 KiB ones. */
	if (!isatty(STDOUT_FILENO))
		setvbuf(stdout, NULL, _IOFBF, 1 << 16);
	/* "+": options end at the object, like ip(8). */
	while ((c = getopt_long(argc, argv, "+jpstF:wb:fc::hV", longopts, NULL)) != -1) {
		switch (c) {
		case 'j':
			o.json = true;
			break;
		case 'p':
			o.pretty = true;
			break;
		case 's':
			o.stats++;
			break;
		case 't':
			o.timestamps = true;
			break;
		case 'F':
			if (parse_u32(optarg, &v) || v > 65535) {
				perr("ophotonctl: -F needs a fabric id (0-65535)\n");
				return EXIT_USAGE;
			}
			o.fabric = (int)v;
			break;
		case 'w':
			o.wait = true;
			break;
		case OPT_TIMEOUT:
			if (parse_u32(optarg, &v) || !v) {
				perr("ophotonctl: --timeout needs seconds\n");
				return EXIT_USAGE;
			}
			o.timeout = v;
			break;
		case OPT_RCVBUF:
			if (parse_u32(optarg, &v) || v < 1024 || v > (1U << 30)) {
				perr("ophotonctl: --rcvbuf needs bytes (1024 or more)\n");
				return EXIT_USAGE;
			}
			o.rcvbuf = v;
			break;
		case 'b':
			batch = optarg;
			break;
		case 'f':
			force = true;
			break;
		case 'c':
			color = optarg ? optarg : "always";
			if (strcmp(color, "auto") && strcmp(color, "always") &&
			    strcmp(color, "never")) {
				perr("ophotonctl: --color is auto, always or never\n");
				return EXIT_USAGE;
			}
			break;
		case 'h':
			print_usage(stdout);
			return EXIT_OK;
		case 'V':
			printf("ophotonctl %s\n", OPHOTON_VERSION);
			return EXIT_OK;
		default:
			print_usage(stderr);
			return EXIT_USAGE;
		}
	}
	argc -= optind;
	argv += optind;
	/* Never colour JSON, a pipe, or for someone who said NO_COLOR. */
	o.color = !o.json && (!strcmp(color, "always") ||
			      (!strcmp(color, "auto") && isatty(STDOUT_FILENO) &&
			       !(getenv("NO_COLOR") && *getenv("NO_COLOR"))));
	out_init(stdout, o.json, o.pretty);
	if (o.timeout && !o.wait) {
		fprintf(stderr, "ophotonctl: --timeout goes with --wait\n");
		return EXIT_USAGE;
	}
	if (batch) {
		o.batch = true;
		if (argc) {
			perr("ophotonctl: -b takes no command on the command line\n");
			return EXIT_USAGE;
		}
		return run_batch(&o, batch, force);
	}
	if (argc == 0) {
		print_usage(stderr);
		return EXIT_USAGE;
	}
	c = run_object(&o, argc, argv);
	out_flush();
	return c;
}
