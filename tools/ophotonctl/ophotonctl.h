/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ophotonctl: declarations shared by the command line tool's files.
 */
#ifndef OPHOTONCTL_H
#define OPHOTONCTL_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "nl.h"

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
	int stats;		/* -s given this many times */
	bool timestamps;	/* -t: monitor events carry the time */
	bool wait;		/* --wait: follow a long operation to its end */
	bool batch;		/* -b: commands come from a file */
	unsigned int timeout;	/* --timeout S for --wait, 0: the default */
	int fabric;		/* -F N, or -1 */
	bool color;		/* colour in human output (a terminal, no NO_COLOR) */
	unsigned int rcvbuf;	/* --rcvbuf: notification sockets' buffer, 0: 4 MiB */
};

/* The shape of a fabric, from its FABRIC_GET reply. */
struct shape {
	uint32_t gpus, racks, memory_racks, switch_racks, trays, slots;
	uint32_t engines, ports, lambdas, modules, links, lane_gbps;
	uint32_t endpoints, ep_racks, ep_per_rack, ports_per_ep;
};

struct object;
struct cmd;

/* What one command line runs with; nothing of it outlives the command. */
struct ctx {
	const struct opts *o;
	const struct object *obj;
	const struct cmd *cmd;
	struct onl nl;
	bool nl_open;
	int fabric;		/* resolved fabric id, or -1 */
	bool every_fabric;	/* a listing of every fabric: none to pick */
	double wait_start;	/* --wait: when the change was about to be sent */
	bool have_shape;
	struct shape shape;
	/* -ss: each object shown with its children, from a dump of @child_cmd */
	int child_cmd;
	const char *child_key;
	const char *child_strip;
	/*
	 * Dumps the kernel flags NLM_F_DUMP_INTR: @retry_dumps (monitor's
	 * re-reads) runs them again, up to DUMP_TRIES times, printing only a
	 * consistent one; otherwise the command warns, once (@intr_warned).
	 */
	bool retry_dumps;
	bool intr_warned;
};

#define DUMP_TRIES 4

/*
 * One command of one object.  @run gets the arguments after the command
 * word and returns an exit code; it never calls exit(), so that batch mode
 * survives a failing line.
 */
struct cmd {
	const char *name;
	const char *args;	/* usage synopsis of the arguments */
	const char *help;
	int (*run)(struct ctx *c, int argc, char **argv);
};

struct object {
	const char *name;
	const char *help;
	const struct cmd *cmds;
	unsigned int ncmds;
};

#define NCMDS(a) (sizeof(a) / sizeof((a)[0]))

extern const struct object obj_version, obj_fabric, obj_rack, obj_gpu, obj_engine,
	obj_link, obj_lane, obj_laser, obj_health, obj_alarm, obj_blast, obj_sim, obj_monitor;

/* fabric.c: the optional fabric id of "fabric show [ID]" and alike. */
int fabric_id_arg(struct ctx *c, int argc, char **argv);

/* main.c */
int usage_error(struct ctx *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void print_object_usage(FILE *f, const struct object *obj);

/* ctx.c: the netlink socket, the fabric and its shape, opened on demand. */
int ctx_nl(struct ctx *c);
int ctx_fabric(struct ctx *c);
int ctx_shape(struct ctx *c);
void ctx_done(struct ctx *c);
int ctx_error(struct ctx *c, const char *what, const struct onl_err *err, int ret);
struct nl_msg *ctx_msg(struct ctx *c, int cmd, int flags);
/* A dump of the command was interrupted by a change: warn on stderr, once. */
void ctx_dump_interrupted(struct ctx *c);

/*
 * Send a GET (@dump: a dump) built by @build and print every reply, as a
 * JSON list; @strip is the label prefix human output leaves out.
 */
typedef int (*build_fn)(struct ctx *c, struct nl_msg *msg, void *arg);
int ctx_show(struct ctx *c, int cmd, bool dump, build_fn build, void *arg,
	     const char *strip);
/* The next show prints each object's children (a dump filtered by it). */
void ctx_children(struct ctx *c, int cmd, const char *key, const char *strip);
/* Send a change and wait for its ACK; prints the kernel's refusal. */
int ctx_change(struct ctx *c, int cmd, build_fn build, void *arg, const char *what);

/* args.c: the places a command line names. */
enum place_kw {
	P_RACK, P_TRAY, P_SLOT, P_GPU, P_ENGINE, P_PORT, P_LINK, P_MODULE,
	P_LASER, P_LANE, P_DIR, P_SIDE, P_PLANE, __P_CNT
};

struct place {
	bool has[__P_CNT];
	uint32_t v[__P_CNT];
	int nid;		/* parts of the positional id: "17", "17/2/5" */
	uint32_t id[3];
	bool unhealthy;
};

/*
 * Parse the keywords of @allowed (a bitmap of enum place_kw) and, when
 * @positional, one id of 1 to @positional parts; anything else is handed
 * to @extra (which returns the words it took, 0 for "not mine", -1 after
 * a usage error), or refused.  Returns 0 or an exit code.
 */
typedef int (*extra_fn)(struct ctx *c, int argc, char **argv, void *arg);
int parse_place(struct ctx *c, int argc, char **argv, unsigned int allowed,
		int positional, struct place *p, extra_fn extra, void *arg);
int parse_u32(const char *s, uint32_t *v);
int parse_s32(const char *s, int32_t *v);
int parse_duration_ns(const char *s, uint64_t *ns);

/* The GPU a place names (by id, R/T/S or rack/tray/slot): 1, 0 none, -1 bad. */
int place_gpu(struct ctx *c, struct place *p, uint32_t *gpu);
/* The link a place names (id, G/E/P, or GPU + engine + port). */
int place_link(struct ctx *c, struct place *p, uint32_t *link);
/* The laser module slot (id, G/J, or GPU + module) and its side. */
int place_module(struct ctx *c, struct place *p, uint8_t *side, uint32_t *mod);
/* The engine (id, G/E, or GPU + engine) and its side. */
int place_engine(struct ctx *c, struct place *p, uint8_t *side, uint32_t *eng);

#define PB(k) (1u << (k))

/* wait.c: follow a change to its end (--wait). */
enum wait_kind { WAIT_LINKS_UP, WAIT_LINKS_DOWN, WAIT_MODULE_SAFE, WAIT_MODULE_READY };
struct wait_spec {
	enum wait_kind kind;
	bool all_links;		/* every link of the fabric */
	uint32_t count;		/* else @count links from @first */
	uint32_t first;
	uint32_t link;		/* else this link */
	bool none;		/* nothing the tool can follow */
	uint8_t side;		/* the module, for module waits */
	uint32_t module;
};
int wait_begin(struct ctx *c, struct onl *ev);
int wait_finish(struct ctx *c, struct onl *ev, const struct wait_spec *w);

#endif /* OPHOTONCTL_H */
