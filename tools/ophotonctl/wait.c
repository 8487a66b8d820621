// SPDX-License-Identifier: GPL-2.0
/*
 * ophotonctl: --wait, following a long operation (bring-up, drain,
 * activation) to its end.
 *
 * The "config" group is joined on a socket of its own before the request
 * is sent, so no notification can slip between the request and the wait;
 * the objects' states are then read once and kept current from the
 * notifications, re-read whenever the sequence numbers show a gap or the
 * socket overran; a read the kernel flags interrupted by a change runs
 * again.  Progress goes to a terminal's stderr.
 */
#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/socket.h>
#include <linux/ophoton.h>
#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>
#include <netlink/netlink.h>

#include "ophotonctl.h"
#include "print.h"
#include "out.h"

#define WAIT_DEFAULT_S	120
/* Quiet this long with the work unfinished, the states are read again. */
#define WAIT_QUIET_S	2.0

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double min_d(double a, double b)
{
	return a < b ? a : b;
}

int wait_begin(struct ctx *c, struct onl *ev)
{
	int ret, grp;

	/* What --wait reports, and --timeout limits: from the request on. */
	c->wait_start = now_s();
	ret = onl_open(ev);
	if (ret)
		return ret;
	/* Resolve first: a probe on a subscribed socket would eat events. */
	grp = genl_ctrl_resolve_grp(ev->sk, OPHOTON_GENL_NAME, OPHOTON_MCGRP_CONFIG);
	if (grp < 0) {
		perr("ophotonctl: no \"%s\" group: %s\n", OPHOTON_MCGRP_CONFIG,
			nl_geterror(grp));
		onl_close(ev);
		return EXIT_ABSENT;
	}
	nl_socket_disable_seq_check(ev->sk);
	ret = nl_socket_add_membership(ev->sk, grp);
	if (ret < 0) {
		perr("ophotonctl: cannot subscribe to ophoton/%s: %s\n",
			OPHOTON_MCGRP_CONFIG, nl_geterror(ret));
		onl_close(ev);
		return EXIT_FAILED;
	}
	nl_socket_set_buffer_size(ev->sk, c->o->rcvbuf ? (int)c->o->rcvbuf : 4 << 20, 0);
	nl_socket_set_nonblocking(ev->sk);
	return EXIT_OK;
}

struct tally {
	uint32_t up, pending, failed, down;
};

struct waiter {
	struct ctx *c;
	const struct wait_spec *w;
	uint32_t nlinks;
	uint32_t *links;	/* the links waited for */
	uint8_t *state;		/* their states, by position in @links */
	struct tally tally;	/* of @state, kept as it changes */
	uint8_t mod_state, mod_admin;
	bool mod_safe;
	uint64_t last_seq;
	bool resync;
};

static int link_pos(struct waiter *wt, uint32_t link)
{
	uint32_t lo = 0, hi = wt->nlinks;

	/* @links is sorted: the whole fabric, or a blast radius. */
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;

		if (wt->links[mid] == link)
			return (int)mid;
		if (wt->links[mid] < link)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

/*
 * The tally of the states follows each change: recounting every link at
 * every notification would cost the square of the fabric (2 million links
 * and ten million notifications for a bring-up at 65,536 GPUs).
 */
static void tally_add(struct tally *t, uint8_t state, int d)
{
	switch (state) {
	case OPHOTON_LINK_STATE_UP:
	case OPHOTON_LINK_STATE_DEGRADED:
		t->up += (uint32_t)d;
		break;
	case OPHOTON_LINK_STATE_FAILED:
		t->failed += (uint32_t)d;
		break;
	case OPHOTON_LINK_STATE_DOWN:
		t->down += (uint32_t)d;
		break;
	default:
		t->pending += (uint32_t)d;
		break;
	}
}

static void note_link(struct waiter *wt, struct nlattr **tb)
{
	int pos;

	if (!tb[OPHOTON_A_LINK_ID] || !tb[OPHOTON_A_LINK_STATE])
		return;
	pos = link_pos(wt, nla_get_u32(tb[OPHOTON_A_LINK_ID]));
	if (pos >= 0) {
		tally_add(&wt->tally, wt->state[pos], -1);
		wt->state[pos] = nla_get_u8(tb[OPHOTON_A_LINK_STATE]);
		tally_add(&wt->tally, wt->state[pos], 1);
	}
}

static void note_module(struct waiter *wt, struct nlattr **tb)
{
	if (!tb[OPHOTON_A_MODULE_ID] || !tb[OPHOTON_A_SIDE] ||
	    nla_get_u32(tb[OPHOTON_A_MODULE_ID]) != wt->w->module ||
	    nla_get_u8(tb[OPHOTON_A_SIDE]) != wt->w->side)
		return;
	if (tb[OPHOTON_A_MODULE_STATE])
		wt->mod_state = nla_get_u8(tb[OPHOTON_A_MODULE_STATE]);
	if (tb[OPHOTON_A_MODULE_ADMIN])
		wt->mod_admin = nla_get_u8(tb[OPHOTON_A_MODULE_ADMIN]);
	wt->mod_safe = tb[OPHOTON_A_MODULE_SAFE_TO_REMOVE] != NULL;
}

static int read_reply(const struct nlmsghdr *nlh, struct nlattr **tb, void *arg)
{
	struct genlmsghdr *g = nlmsg_data(nlh);

	if (g->cmd == OPHOTON_CMD_LINK_GET)
		note_link(arg, tb);
	else if (g->cmd == OPHOTON_CMD_MODULE_GET)
		note_module(arg, tb);
	return EXIT_OK;
}

static int read_blast(const struct nlmsghdr *nlh, struct nlattr **tb, void *arg)
{
	struct waiter *wt = arg;
	struct nlattr *x;
	uint32_t n = 0;
	int rem;

	(void)nlh;
	if (!tb[OPHOTON_A_BLAST_LINK_IDS])
		return EXIT_OK;
	nla_for_each_nested(x, tb[OPHOTON_A_BLAST_LINK_IDS], rem)
		n++;
	wt->links = calloc(n ? n : 1, sizeof(*wt->links));
	if (!wt->links)
		return EXIT_FAILED;
	nla_for_each_nested(x, tb[OPHOTON_A_BLAST_LINK_IDS], rem)
		wt->links[wt->nlinks++] = nla_get_u32(x);
	return EXIT_OK;
}

/* One read of the states; *@intr when the links' dump was interrupted. */
static int read_states(struct waiter *wt, bool *intr)
{
	struct ctx *c = wt->c;
	struct onl_err err;
	struct nl_msg *msg;
	int ret;

	*intr = false;
	if (wt->w->kind == WAIT_MODULE_SAFE || wt->w->kind == WAIT_MODULE_READY) {
		msg = ctx_msg(c, OPHOTON_CMD_MODULE_GET, 0);
		if (!msg || nla_put_u8(msg, OPHOTON_A_SIDE, wt->w->side) ||
		    nla_put_u32(msg, OPHOTON_A_MODULE_ID, wt->w->module))
			return EXIT_FAILED;
		ret = onl_request(&c->nl, msg, read_reply, wt, &err);
		if (ret)
			return ctx_error(c, "wait", &err, ret);
	}
	if (!wt->nlinks)
		return EXIT_OK;
	if (wt->nlinks == 1) {
		msg = ctx_msg(c, OPHOTON_CMD_LINK_GET, 0);
		if (!msg || nla_put_u32(msg, OPHOTON_A_LINK_ID, wt->links[0]))
			return EXIT_FAILED;
	} else {
		uint32_t per_gpu = c->shape.engines * c->shape.ports;

		msg = ctx_msg(c, OPHOTON_CMD_LINK_GET, NLM_F_DUMP);
		if (!msg)
			return EXIT_FAILED;
		/* The links of one GPU (or of its engine): its links alone. */
		if (wt->w->count && per_gpu && wt->w->count <= per_gpu &&
		    wt->w->first / per_gpu == (wt->w->first + wt->w->count - 1) / per_gpu &&
		    nla_put_u32(msg, OPHOTON_A_GPU_ID, wt->w->first / per_gpu)) {
			nlmsg_free(msg);
			return EXIT_FAILED;
		}
	}
	ret = onl_request(&c->nl, msg, read_reply, wt, &err);
	if (ret)
		return ctx_error(c, "wait", &err, ret);
	*intr = err.interrupted;
	return EXIT_OK;
}

/*
 * The states of everything waited for, read afresh, again while a change
 * interrupts the dump; after the last try the notifications that follow
 * set right what it read.
 */
static int snapshot(struct waiter *wt)
{
	bool intr;
	int ret;

	for (int tries = 1; ; tries++) {
		ret = read_states(wt, &intr);
		if (ret || !intr || tries == DUMP_TRIES)
			return ret;
	}
}

static int on_event(struct nl_msg *msg, void *arg)
{
	struct waiter *wt = arg;
	struct nlmsghdr *nlh = nlmsg_hdr(msg);
	struct genlmsghdr *g = nlmsg_data(nlh);
	struct nlattr *tb[OPHOTON_A_MAX + 1];
	uint64_t seq;

	if (parse_msg(nlh, tb) < 0 ||
	    !tb[OPHOTON_A_FABRIC_ID] ||
	    nla_get_u32(tb[OPHOTON_A_FABRIC_ID]) != (uint32_t)wt->c->fabric)
		return NL_OK;
	if (tb[OPHOTON_A_NTF_SEQ]) {
		seq = nla_get_u64(tb[OPHOTON_A_NTF_SEQ]);
		if (wt->last_seq && seq != wt->last_seq + 1)
			wt->resync = true;
		wt->last_seq = seq;
	}
	if (g->cmd == OPHOTON_CMD_LINK_NTF)
		note_link(wt, tb);
	else if (g->cmd == OPHOTON_CMD_MODULE_NTF)
		note_module(wt, tb);
	return NL_OK;
}


/*
 * Before the states are read again after notifications were lost, the
 * ones still queued go: they are older than what the dump will read, and
 * applied after it they would set links back to states they left, with
 * the notifications that moved them on among those lost.
 */
static void drain(int fd)
{
	static char buf[16384];
	ssize_t n;

	for (;;) {
		n = recv(fd, buf, sizeof(buf), MSG_DONTWAIT);
		if (n > 0 || (n < 0 && (errno == ENOBUFS || errno == EINTR)))
			continue;
		return;
	}
}

/* 1: done, 0: not yet, -1: it failed. */
static int settled(struct waiter *wt, const struct tally *t)
{
	switch (wt->w->kind) {
	case WAIT_LINKS_DOWN:
		return t->down == wt->nlinks;
	case WAIT_MODULE_SAFE:
		if (wt->mod_safe)
			return 1;
		return wt->mod_state == OPHOTON_MODULE_STATE_ABSENT ? -1 : 0;
	case WAIT_MODULE_READY:
		if (wt->mod_state == OPHOTON_MODULE_STATE_FAULT ||
		    wt->mod_state == OPHOTON_MODULE_STATE_ABSENT)
			return -1;
		/*
		 * A reset of a module nobody activated ends in low power,
		 * waiting for "laser activate": done, with no link to wait for.
		 */
		if (wt->mod_state == OPHOTON_MODULE_STATE_LOW_POWER &&
		    wt->mod_admin == OPHOTON_MODULE_ADMIN_UNPROVISIONED)
			return 1;
		if (wt->mod_state != OPHOTON_MODULE_STATE_READY)
			return 0;
		break;
	default:
		break;
	}
	if (t->up == wt->nlinks)
		return 1;
	/* Nothing left moving and some links latched failed or stayed down. */
	return t->pending ? 0 : -1;
}

static int wait_loop(struct waiter *wt, struct onl *ev)
{
	const struct opts *o = wt->c->o;
	double start = wt->c->wait_start, limit = o->timeout ? o->timeout : WAIT_DEFAULT_S;
	bool last_look = false;
	double quiet_since = now_s();
	bool tty = isatty(STDERR_FILENO) && !o->json;
	struct nl_cb *cb = nl_cb_alloc(NL_CB_DEFAULT);
	struct tally t, shown = { ~0u, 0, 0, 0 };
	int state = 0, ret = EXIT_OK;

	if (!cb)
		return EXIT_FAILED;
	nl_cb_set(cb, NL_CB_VALID, NL_CB_CUSTOM, on_event, wt);
	/* Notifications carry no request sequence: a NULL hook would keep libnl's check. */
	nl_cb_set(cb, NL_CB_SEQ_CHECK, NL_CB_CUSTOM, onl_no_seq_check, NULL);
	for (;;) {
		struct pollfd pfd = { .fd = nl_socket_get_fd(ev->sk), .events = POLLIN };
		double left = limit - (now_s() - start);
		int r;

		if (wt->resync) {
			wt->resync = false;
			drain(nl_socket_get_fd(ev->sk));
			wt->last_seq = 0;
			ret = snapshot(wt);
			if (ret)
				break;
		}
		t = wt->tally;
		state = settled(wt, &t);
		if (tty && wt->nlinks > 1 && memcmp(&t, &shown, sizeof(t))) {
			fprintf(stderr, "\rlinks: %u up, %u pending, %u failed, %u down   ",
				t.up, t.pending, t.failed, t.down);
			shown = t;
		}
		if (state)
			break;
		if (left <= 0) {
			/*
			 * Time is up: one last read of the states, so that work
			 * that finished (its notifications late or lost) is not
			 * reported as a timeout.
			 */
			if (!last_look) {
				last_look = true;
				wt->resync = true;
				continue;
			}
			state = -2;
			break;
		}
		/*
		 * Quiet for WAIT_QUIET_S with the work unfinished: the states
		 * are read again, so a notification lost without a trace
		 * delays the end by that much, not to the timeout.
		 */
		if (now_s() - quiet_since >= WAIT_QUIET_S) {
			quiet_since = now_s();
			wt->resync = true;
			continue;
		}
		left = min_d(left, WAIT_QUIET_S - (now_s() - quiet_since));
		r = poll(&pfd, 1, (int)(left * 1000) + 1);
		if (r < 0 && errno != EINTR) {
			ret = EXIT_FAILED;
			break;
		}
		if (r <= 0)
			continue;
		quiet_since = now_s();
		r = nl_recvmsgs(ev->sk, cb);
		/* An overrun: notifications were lost, read the states again. */
		if (r == -NLE_NOMEM)
			wt->resync = true;
	}
	nl_cb_put(cb);
	if (tty && wt->nlinks > 1)
		fputc('\n', stderr);
	if (ret)
		return ret;
	out_object_start(NULL);
	if (wt->nlinks) {
		out_u64("links", "links", wt->nlinks);
		out_u64("links-up", "up", t.up);
		out_u64("links-pending", "pending", t.pending);
		out_u64("links-failed", "failed", t.failed);
	}
	if (wt->w->kind == WAIT_MODULE_SAFE || wt->w->kind == WAIT_MODULE_READY) {
		out_str("module-state", "module", onl_enum_name(&onl_enum_module_state,
								wt->mod_state) ?: "?");
		if (wt->mod_safe)
			out_flag("module-safe-to-remove", "safe-to-remove");
	}
	out_u64("elapsed-ms", "after-ms", (uint64_t)((now_s() - start) * 1000));
	out_str("result", "result", state == 1 ? "done" : state == -2 ? "timeout" : "failed");
	out_object_end();
	out_flush();
	if (state == -2)
		perr("ophotonctl: timed out after %.0f s\n", limit);
	else if (state < 0)
		perr("ophotonctl: the operation failed\n");
	return state == 1 ? EXIT_OK : EXIT_FAILED;
}

int wait_finish(struct ctx *c, struct onl *ev, const struct wait_spec *w)
{
	struct waiter wt = { .c = c, .w = w };
	struct onl_err err;
	struct nl_msg *msg;
	int ret;

	ret = ctx_shape(c);
	if (ret)
		return ret;
	if (w->kind == WAIT_MODULE_READY) {
		/* The links it lights: its blast radius, which changes nothing. */
		msg = ctx_msg(c, OPHOTON_CMD_BLAST_GET, 0);
		if (!msg || nla_put_u8(msg, OPHOTON_A_BLAST_OBJ, OPHOTON_BLAST_MODULE) ||
		    nla_put_u8(msg, OPHOTON_A_SIDE, w->side) ||
		    nla_put_u32(msg, OPHOTON_A_BLAST_ID, w->module))
			return EXIT_FAILED;
		ret = onl_request(&c->nl, msg, read_blast, &wt, &err);
		if (ret)
			return ctx_error(c, "wait", &err, ret);
	} else if (w->kind == WAIT_LINKS_UP || w->kind == WAIT_LINKS_DOWN) {
		wt.nlinks = w->all_links ? c->shape.links : w->count ? w->count : 1;
		wt.links = calloc(wt.nlinks, sizeof(*wt.links));
		if (!wt.links)
			return EXIT_FAILED;
		for (uint32_t i = 0; i < wt.nlinks; i++)
			wt.links[i] = w->all_links ? i : w->count ? w->first + i : w->link;
	}
	wt.state = calloc(wt.nlinks ? wt.nlinks : 1, 1);
	if (!wt.state) {
		free(wt.links);
		return EXIT_FAILED;
	}
	/* Before any notification is read: those after it only move it on. */
	memset(wt.state, 0xff, wt.nlinks);
	/* Not read yet: pending, until the first snapshot says. */
	wt.tally.pending = wt.nlinks;
	ret = snapshot(&wt);
	if (!ret)
		ret = wait_loop(&wt, ev);
	free(wt.links);
	free(wt.state);
	return ret;
}
