// SPDX-License-Identifier: GPL-2.0
/*
 * ophotonctl: command line for ophoton virtual co-packaged-optics fabrics.
 *
 *   ophotonctl [OPTIONS] OBJECT [COMMAND] [ARGS...]
 *
 * Objects and their commands are plain tables; keywords match exactly.
 */
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "ophotonctl.h"
#include "out.h"

static const struct object *const objects[] = {
	&obj_version,
};

#define N_OBJECTS (sizeof(objects) / sizeof(objects[0]))

static void print_usage(FILE *f)
{
	fprintf(f,
		"Usage: ophotonctl [OPTIONS] OBJECT [COMMAND] [ARGS...]\n"
		"       ophotonctl OBJECT help\n"
		"\n"
		"Options:\n"
		"  -j, --json      JSON output\n"
		"  -p, --pretty    indented JSON (with -j)\n"
		"  -h, --help      this help\n"
		"  -V, --version   the tool's version (no module needed)\n"
		"\n"
		"Objects:\n");
	for (unsigned int i = 0; i < N_OBJECTS; i++)
		fprintf(f, "  %-14s  %s\n", objects[i]->name, objects[i]->help);
	fprintf(f,
		"\n"
		"Exit codes: 0 success, 1 usage error, 2 the kernel refused,\n"
		"            3 timeout or operation failed, 4 module or fabric absent.\n");
}

static void print_object_usage(FILE *f, const struct object *obj)
{
	fprintf(f, "Usage:\n");
	for (unsigned int i = 0; i < obj->ncmds; i++) {
		const struct cmd *c = &obj->cmds[i];

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

int usage_error(const char *object, const struct cmd *c, const char *fmt, ...)
{
	const struct object *obj = object ? find_object(object) : NULL;
	va_list ap;

	fprintf(stderr, "ophotonctl: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	if (c && obj)
		fprintf(stderr, "Usage: ophotonctl %s %s %s\n", obj->name, c->name,
			c->args);
	else if (obj)
		print_object_usage(stderr, obj);
	else
		print_usage(stderr);
	return EXIT_USAGE;
}

static int run_object(const struct opts *o, const struct object *obj,
		      int argc, char **argv)
{
	const char *name;

	/* An object alone runs its first command ("version" = "version show"). */
	if (argc == 0)
		return obj->cmds[0].run(o, 0, argv);
	name = argv[0];
	if (!strcmp(name, "help")) {
		print_object_usage(stdout, obj);
		return EXIT_OK;
	}
	for (unsigned int i = 0; i < obj->ncmds; i++)
		if (!strcmp(obj->cmds[i].name, name))
			return obj->cmds[i].run(o, argc - 1, argv + 1);
	return usage_error(obj->name, NULL, "unknown command '%s' for %s",
			   name, obj->name);
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "json",	no_argument, NULL, 'j' },
		{ "pretty",	no_argument, NULL, 'p' },
		{ "help",	no_argument, NULL, 'h' },
		{ "version",	no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	struct opts o = { 0 };
	const struct object *obj;
	int c;

	/* "+": options end at the object, like ip(8). */
	while ((c = getopt_long(argc, argv, "+jphV", longopts, NULL)) != -1) {
		switch (c) {
		case 'j':
			o.json = true;
			break;
		case 'p':
			o.pretty = true;
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
	if (argc == 0) {
		print_usage(stderr);
		return EXIT_USAGE;
	}
	if (!strcmp(argv[0], "help")) {
		print_usage(stdout);
		return EXIT_OK;
	}
	obj = find_object(argv[0]);
	if (!obj)
		return usage_error(NULL, NULL, "unknown object '%s'", argv[0]);

	out_init(stdout, o.json, o.pretty);
	return run_object(&o, obj, argc - 1, argv + 1);
}
