/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ophotonctl: declarations shared by the command line tool's files.
 */
#ifndef OPHOTONCTL_H
#define OPHOTONCTL_H

#include <stdbool.h>

/* Exit codes, documented in ophotonctl(8). */
enum {
	EXIT_OK		= 0,	/* success */
	EXIT_USAGE	= 1,	/* bad command line */
	EXIT_KERNEL	= 2,	/* the kernel refused the request */
	EXIT_FAILED	= 3,	/* timeout, or the operation failed */
	EXIT_ABSENT	= 4,	/* module or fabric absent */
};

struct opts {
	bool json;
	bool pretty;
};

struct cmd;

/*
 * One command of one object.  @run gets the arguments after the command
 * word and returns an exit code; it never calls exit(), so that batch mode
 * survives a failing line.
 */
struct cmd {
	const char *name;
	const char *args;	/* usage synopsis of the arguments */
	const char *help;
	int (*run)(const struct opts *o, int argc, char **argv);
};

struct object {
	const char *name;
	const char *help;
	const struct cmd *cmds;
	unsigned int ncmds;
};

extern const struct object obj_version;

int usage_error(const char *object, const struct cmd *c, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif /* OPHOTONCTL_H */
