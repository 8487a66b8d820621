// SPDX-License-Identifier: GPL-2.0
/*
 * ophotonctl: what a command runs with, opened when first needed: the
 * netlink socket, the fabric the command is about, and its shape (which
 * turns "rack 3 tray 5 slot 1" into a GPU id).
 */
#include <errno.h>
#include <string.h>
#include <linux/ophoton.h>
#include <netlink/genl/genl.h>

#include "ophotonctl.h"
#include "out.h"
#include "print.h"

int ctx_nl(struct ctx *c)
{
	int ret;

	if (c->nl_open)
		return EXIT_OK;
	ret = onl_open(&c->nl);
	if (!ret)
		c->nl_open = true;
	return ret;
}

void ctx_done(struct ctx *c)
{
	if (c->nl_open)
		onl_close(&c->nl);
	c->nl_open = false;
}

int ctx_error(struct ctx *c, const char *what, const struct onl_err *err, int ret)
{
	(void)c;
	if (err->error)
		onl_print_err(what, err);
	return ret;
}

/*
 * Exit status 0 all the same, as iproute2 does: the output is there, and
 * the warning says how far to trust it.
 */
void ctx_dump_interrupted(struct ctx *c)
{
	if (c->intr_warned)
		return;
	c->intr_warned = true;
	perr("ophotonctl: warning: the fabric changed during the dump; "
		"the output may mix states from before and after (run it again)\n");
}

struct nl_msg *ctx_msg(struct ctx *c, int cmd, int flags)
{
	struct nl_msg *msg = onl_msg(&c->nl, cmd, flags);

	if (msg && c->fabric >= 0 && nla_put_u32(msg, OPHOTON_A_FABRIC_ID, (uint32_t)c->fabric)) {
		nlmsg_free(msg);
		return NULL;
	}
	if (!msg)
		perr("ophotonctl: out of memory\n");
	return msg;
}

struct fabric_list {
	int n;
	uint32_t ids[8];
};

static int list_fabric(const struct nlmsghdr *nlh, struct nlattr **tb, void *arg)
{
	struct fabric_list *l = arg;

	(void)nlh;
	if (tb[OPHOTON_A_FABRIC_ID] && l->n < 8)
		l->ids[l->n] = nla_get_u32(tb[OPHOTON_A_FABRIC_ID]);
	if (tb[OPHOTON_A_FABRIC_ID])
		l->n++;
	return EXIT_OK;
}

/* The fabric a command is about: as given, or the only one there is. */
int ctx_fabric(struct ctx *c)
{
	struct fabric_list l = { 0 };
	struct onl_err err;
	struct nl_msg *msg;
	int ret;

	ret = ctx_nl(c);
	if (ret || c->fabric >= 0)
		return ret;
	/* An internal read: a list interrupted by a change is read again. */
	for (int tries = 1; ; tries++) {
		memset(&l, 0, sizeof(l));
		msg = onl_msg(&c->nl, OPHOTON_CMD_FABRIC_GET, NLM_F_DUMP);
		if (!msg)
			return EXIT_FAILED;
		ret = onl_request(&c->nl, msg, list_fabric, &l, &err);
		if (ret)
			return ctx_error(c, "listing fabrics", &err, ret);
		if (!err.interrupted || tries == DUMP_TRIES)
			break;
	}
	if (l.n == 0) {
		fprintf(stderr,
			"ophotonctl: no fabric in this network namespace (create one: ophotonctl fabric create ID)\n");
		return EXIT_ABSENT;
	}
	if (l.n > 1)
		return usage_error(c, "%d fabrics here: say which with 'fabric N' or -F N", l.n);
	c->fabric = (int)l.ids[0];
	return EXIT_OK;
}

static int read_shape(const struct nlmsghdr *nlh, struct nlattr **tb, void *arg)
{
	struct shape *s = arg;
	static const struct {
		int attr;
		size_t off;
	} fields[] = {
		{ OPHOTON_A_FABRIC_GPUS, offsetof(struct shape, gpus) },
		{ OPHOTON_A_FABRIC_RACKS, offsetof(struct shape, racks) },
		{ OPHOTON_A_FABRIC_MEMORY_RACKS, offsetof(struct shape, memory_racks) },
		{ OPHOTON_A_FABRIC_SWITCH_RACKS, offsetof(struct shape, switch_racks) },
		{ OPHOTON_A_FABRIC_TRAYS, offsetof(struct shape, trays) },
		{ OPHOTON_A_FABRIC_SLOTS, offsetof(struct shape, slots) },
		{ OPHOTON_A_FABRIC_ENGINES, offsetof(struct shape, engines) },
		{ OPHOTON_A_FABRIC_PORTS, offsetof(struct shape, ports) },
		{ OPHOTON_A_FABRIC_LAMBDAS, offsetof(struct shape, lambdas) },
		{ OPHOTON_A_FABRIC_MODULES, offsetof(struct shape, modules) },
		{ OPHOTON_A_FABRIC_LINKS, offsetof(struct shape, links) },
		{ OPHOTON_A_FABRIC_LANE_GBPS, offsetof(struct shape, lane_gbps) },
	};

	(void)nlh;
	for (size_t i = 0; i < NCMDS(fields); i++) {
		if (!tb[fields[i].attr]) {
			perr("ophotonctl: fabric reply lacks %s\n",
				onl_attr_name(fields[i].attr));
			return EXIT_FAILED;
		}
		*(uint32_t *)((char *)s + fields[i].off) = nla_get_u32(tb[fields[i].attr]);
	}
	if (!s->trays || !s->slots || !s->engines || !s->ports || !s->modules) {
		perr("ophotonctl: fabric reply has an empty shape\n");
		return EXIT_FAILED;
	}
	s->ep_racks = s->racks + s->memory_racks;
	s->ep_per_rack = s->trays * s->slots;
	s->endpoints = s->ep_racks * s->ep_per_rack;
	s->ports_per_ep = s->engines * s->ports;
	return EXIT_OK;
}

int ctx_shape(struct ctx *c)
{
	struct onl_err err;
	struct nl_msg *msg;
	int ret;

	if (c->have_shape)
		return EXIT_OK;
	ret = ctx_fabric(c);
	if (ret)
		return ret;
	msg = ctx_msg(c, OPHOTON_CMD_FABRIC_GET, 0);
	if (!msg)
		return EXIT_FAILED;
	ret = onl_request(&c->nl, msg, read_shape, &c->shape, &err);
	if (ret)
		return ctx_error(c, "fabric", &err, ret);
	c->have_shape = true;
	return EXIT_OK;
}

/* The reads whose objects have telemetry (the spec's requests with "stats"). */
static bool has_stats(int cmd)
{
	switch (cmd) {
	case OPHOTON_CMD_FABRIC_GET:
	case OPHOTON_CMD_RACK_GET:
	case OPHOTON_CMD_GPU_GET:
	case OPHOTON_CMD_ENGINE_GET:
	case OPHOTON_CMD_LINK_GET:
	case OPHOTON_CMD_LANE_GET:
	case OPHOTON_CMD_MODULE_GET:
	case OPHOTON_CMD_LASER_GET:
		return true;
	default:
		return false;
	}
}

struct show_state {
	struct ctx *c;
	const char *strip;
	int ret;
};

void ctx_children(struct ctx *c, int cmd, const char *key, const char *strip)
{
	c->child_cmd = cmd;
	c->child_key = key;
	c->child_strip = strip;
}

/* The filter that names @tb's object in a dump of its children. */
static int child_build(struct ctx *c, struct nl_msg *msg, void *arg)
{
	struct nlattr **tb = arg;
	static const int keys[] = { OPHOTON_A_LINK_ID, OPHOTON_A_SIDE, OPHOTON_A_MODULE_ID };

	(void)c;
	for (size_t i = 0; i < NCMDS(keys); i++) {
		struct nlattr *a = tb[keys[i]];

		if (a && nla_put(msg, keys[i], nla_len(a), nla_data(a)))
			return -1;
	}
	return 0;
}

static int show_one(const struct nlmsghdr *nlh, struct nlattr **tb, void *arg);

/*
 * Children are read on a socket of their own: the parent's reply is still
 * being read on the command's socket.
 */
static int show_children(struct show_state *st, struct nlattr **tb)
{
	struct ctx *c = st->c, sub = *c;
	struct show_state cst = { .c = &sub, .strip = c->child_strip };
	struct onl_err err;
	struct nl_msg *msg;
	int ret;

	sub.nl_open = false;
	sub.child_cmd = 0;
	ret = ctx_nl(&sub);
	if (ret)
		return ret;
	msg = ctx_msg(&sub, c->child_cmd, NLM_F_DUMP);
	if (!msg || nla_put_flag(msg, OPHOTON_A_STATS) || child_build(&sub, msg, tb)) {
		ctx_done(&sub);
		return EXIT_FAILED;
	}
	out_list_start(c->child_key);
	out_indent(1);
	ret = onl_request_flags(&sub.nl, msg, show_one, &cst, &err, ONL_UNPARSED);
	out_indent(-1);
	out_list_end();
	ctx_done(&sub);
	if (ret)
		return ctx_error(c, c->child_key, &err, ret);
	if (err.interrupted)
		ctx_dump_interrupted(c);
	return cst.ret;
}

static int show_one(const struct nlmsghdr *nlh, struct nlattr **tb, void *arg)
{
	struct show_state *st = arg;

	out_object_start(NULL);
	if (print_msg(nlh, st->strip) < 0) {
		perr("ophotonctl: malformed attribute in a reply\n");
		st->ret = EXIT_FAILED;
	}
	/* An empty laser module slot has no lasers to show. */
	if (st->c->child_cmd && !(tb[OPHOTON_A_MODULE_STATE] &&
				  nla_get_u8(tb[OPHOTON_A_MODULE_STATE]) ==
				  OPHOTON_MODULE_STATE_ABSENT)) {
		int ret = show_children(st, tb);

		if (ret && !st->ret)
			st->ret = ret;
	}
	out_object_end();
	out_newline();
	return EXIT_OK;
}

/* A request on the command's fabric, with what @build puts in it. */
static int ctx_request(struct ctx *c, int cmd, int flags, build_fn build, void *arg,
		       struct nl_msg **msg)
{
	/* A listing of every fabric names none: there may be several. */
	int ret = c->every_fabric ? ctx_nl(c) : ctx_fabric(c);

	if (ret)
		return ret;
	*msg = ctx_msg(c, cmd, flags);
	if (!*msg)
		return EXIT_FAILED;
	if (build && build(c, *msg, arg)) {
		nlmsg_free(*msg);
		return EXIT_FAILED;
	}
	return EXIT_OK;
}

/*
 * One try of a show; with @held, its output is held back, to be dropped
 * when the dump was interrupted (*@again) and so will run again.
 */
static int show_try(struct ctx *c, int cmd, bool dump, build_fn build, void *arg,
		    const char *strip, bool held, bool *again)
{
	struct show_state st = { .c = c, .strip = strip };
	struct onl_err err;
	struct nl_msg *msg;
	int ret;

	*again = false;
	ret = ctx_request(c, cmd, dump ? NLM_F_DUMP : 0, build, arg, &msg);
	if (ret)
		return ret;
	if (c->o->stats && has_stats(cmd) && nla_put_flag(msg, OPHOTON_A_STATS)) {
		nlmsg_free(msg);
		return EXIT_FAILED;
	}
	held = held && !out_capture_start();
	out_list_start(NULL);
	/* Only a parent of children reads its reply's table. */
	ret = onl_request_flags(&c->nl, msg, show_one, &st, &err,
				c->child_cmd ? 0 : ONL_UNPARSED);
	out_list_end();
	out_flush();
	*again = held && !ret && err.interrupted;
	if (held)
		out_capture_end(!*again);
	if (ret)
		return ctx_error(c, c->obj->name, &err, ret);
	if (err.interrupted && !*again)
		ctx_dump_interrupted(c);
	return st.ret;
}

int ctx_show(struct ctx *c, int cmd, bool dump, build_fn build, void *arg,
	     const char *strip)
{
	bool again = false;
	int ret, tries = 1;

	do {
		bool held = c->retry_dumps && dump && tries++ < DUMP_TRIES;

		ret = show_try(c, cmd, dump, build, arg, strip, held, &again);
	} while (again);
	out_flush();
	return ret;
}

int ctx_change(struct ctx *c, int cmd, build_fn build, void *arg, const char *what)
{
	struct onl_err err;
	struct nl_msg *msg;
	int ret;

	ret = ctx_request(c, cmd, 0, build, arg, &msg);
	if (ret)
		return ret;
	ret = onl_request(&c->nl, msg, NULL, NULL, &err);
	return ret ? ctx_error(c, what, &err, ret) : EXIT_OK;
}
