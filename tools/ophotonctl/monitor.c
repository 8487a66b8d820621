// SPDX-License-Identifier: GPL-2.0
/*
 * ophotonctl: "monitor": the family's notifications as they come, one line
 * (or one JSON object) per event, flushed.  Each fabric's two streams are
 * numbered without gaps; a gap or a socket overrun is reported, the state
 * re-read (the fabric and what is not healthy; a dump interrupted by a
 * change is read again) and the watch goes on.
 * SIGINT and SIGTERM end it cleanly.
 */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <time.h>
#include <linux/ophoton.h>
#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>
#include <netlink/netlink.h>

#include "ophotonctl.h"
#include "out.h"
#include "print.h"

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

#define MAX_FABRICS 64

struct monitor {
	struct ctx *c;
	struct place filter;
	struct {
		int fabric;
		uint64_t last[2];	/* config, alarms */
		/*
		 * The levels of each threshold as the fabric's last
		 * fabric-ntf carried them (the nest, @thresh_len bytes; 0:
		 * not seen): people are shown those that changed.
		 */
		unsigned char thresh[OPHOTON_THRESH_ENGINE_TEMP_MC + 1][64];
		unsigned char thresh_len[OPHOTON_THRESH_ENGINE_TEMP_MC + 1];
	} seen[MAX_FABRICS];
	int nseen;
	int resync_fabric;	/* a fabric to re-read, or -1 */
	/*
	 * It watches "config": it sees a fabric created again under an id,
	 * whose alarms number anew, so a gap in them is one fabric's.
	 */
	bool sees_creates;
	bool resync_all;	/* an overrun: every fabric to re-read */
	unsigned long events, gaps;
};

static int seen_slot(struct monitor *m, int fabric)
{
	for (int i = 0; i < m->nseen; i++)
		if (m->seen[i].fabric == fabric)
			return i;
	if (m->nseen == MAX_FABRICS)
		return -1;
	memset(&m->seen[m->nseen], 0, sizeof(m->seen[0]));
	m->seen[m->nseen].fabric = fabric;
	return m->nseen++;
}

static uint64_t *last_seq(struct monitor *m, int fabric, int alarms)
{
	int i = seen_slot(m, fabric);

	return i < 0 ? NULL : &m->seen[i].last[alarms];
}

/* A fabric-ntf for people: which threshold nests to leave out. */
struct thresh_skip {
	struct monitor *m;
	int slot;		/* in m->seen, or -1 */
	bool created;		/* a creation: its defaults, not a change */
	int left_out;
};

/*
 * print_msg_but()'s question, for a fabric-ntf: a threshold whose levels
 * are as the fabric's last fabric-ntf carried them is left out (and, at
 * the creation, all of them: the defaults "fabric show" lists), so that
 * a "fabric set thresh" shows what it changed and the event stays one
 * line.  Remembers the levels as it goes.
 */
static bool thresh_unchanged(const struct nlattr *nla, void *arg)
{
	struct thresh_skip *t = arg;
	struct nlattr *id;
	unsigned int i;
	bool same;

	if (nla_type(nla) != OPHOTON_A_THRESH || t->slot < 0)
		return false;
	id = nla_find(nla_data(nla), nla_len(nla), OPHOTON_A_THRESH_ID);
	if (!id || nla_len(id) < 1 || nla_len(nla) > 64)
		return false;
	i = nla_get_u8(id);
	if (i > OPHOTON_THRESH_ENGINE_TEMP_MC)
		return false;
	same = t->m->seen[t->slot].thresh_len[i] == nla_len(nla) &&
	       !memcmp(t->m->seen[t->slot].thresh[i], nla_data(nla), (size_t)nla_len(nla));
	memcpy(t->m->seen[t->slot].thresh[i], nla_data(nla), (size_t)nla_len(nla));
	t->m->seen[t->slot].thresh_len[i] = (unsigned char)nla_len(nla);
	if (same || t->created)
		t->left_out++;
	return same || t->created;
}

/* Whether an event is about what the command line asked to watch. */
static bool wanted(struct monitor *m, struct nlattr **tb)
{
	struct place *f = &m->filter;

	if (m->c->fabric >= 0 && tb[OPHOTON_A_FABRIC_ID] &&
	    nla_get_u32(tb[OPHOTON_A_FABRIC_ID]) != (uint32_t)m->c->fabric)
		return false;
	if (f->has[P_LINK] && (!tb[OPHOTON_A_LINK_ID] ||
			       nla_get_u32(tb[OPHOTON_A_LINK_ID]) != f->v[P_LINK]))
		return false;
	if (f->has[P_GPU] && (!tb[OPHOTON_A_GPU_ID] ||
			      nla_get_u32(tb[OPHOTON_A_GPU_ID]) != f->v[P_GPU]))
		return false;
	if (f->has[P_MODULE] && (!tb[OPHOTON_A_MODULE_ID] ||
				 nla_get_u32(tb[OPHOTON_A_MODULE_ID]) != f->v[P_MODULE]))
		return false;
	return true;
}

static void stamp(struct monitor *m)
{
	struct timespec ts;
	char buf[64];
	struct tm tm;

	if (!m->c->o->timestamps)
		return;
	clock_gettime(CLOCK_REALTIME, &ts);
	if (out_is_json()) {
		out_u64("timestamp-realtime-ns", NULL,
			(uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec);
		return;
	}
	localtime_r(&ts.tv_sec, &tm);
	strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%S", &tm);
	fprintf(out_file(), "[%s.%06ld] ", buf, ts.tv_nsec / 1000);
}

static void note(struct monitor *m, const char *what, int fabric)
{
	out_object_start(NULL);
	stamp(m);
	out_str("name", NULL, what);
	if (fabric >= 0)
		out_u64("fabric-id", "fabric", (uint64_t)fabric);
	out_object_end();
	out_flush();
}

/*
 * An event's attributes.  JSON has all of them; people, on one line, a
 * fabric-ntf's thresholds only where they changed.
 */
static int print_body(struct monitor *m, const struct nlmsghdr *nlh, const char *strip)
{
	struct genlmsghdr *g = nlmsg_data(nlh);
	struct thresh_skip t = { .m = m, .slot = -1 };
	struct nlattr *tb[OPHOTON_A_MAX + 1];
	int ret;

	if (out_is_json() || g->cmd != OPHOTON_CMD_FABRIC_NTF || parse_msg(nlh, tb) < 0 ||
	    !tb[OPHOTON_A_FABRIC_ID])
		return print_msg(nlh, strip);
	t.slot = seen_slot(m, (int)nla_get_u32(tb[OPHOTON_A_FABRIC_ID]));
	/* Created or going away: its thresholds are no news. */
	t.created = tb[OPHOTON_A_FABRIC_EVENT] &&
		    nla_get_u8(tb[OPHOTON_A_FABRIC_EVENT]) != OPHOTON_FABRIC_EVENT_CHANGE;
	ret = print_msg_but(nlh, strip, thresh_unchanged, &t);
	if (!ret && t.left_out && !t.created)
		out_str(NULL, NULL, "(other thresholds unchanged)");
	return ret;
}

/* An event as it is printed: its name, then its attributes. */
static void print_event(struct monitor *m, const struct nlmsghdr *nlh, const char *name,
			const char *strip, bool replayed)
{
	m->events++;
	out_object_start(NULL);
	stamp(m);
	out_str("name", NULL, name);
	if (replayed)
		out_flag("replayed", "replayed");
	/* YNL's shape in JSON, {"name": ..., "msg": {...}}; one line for people. */
	if (out_is_json())
		out_object_start("msg");
	out_one_line(true);
	if (print_body(m, nlh, strip) < 0)
		perr("ophotonctl: malformed attribute in %s\n", name);
	out_one_line(false);
	if (out_is_json())
		out_object_end();
	out_object_end();
	out_flush();
}

static bool wanted(struct monitor *m, struct nlattr **tb);

/* Alarms read back from a fabric's history, @next on, up to @until. */
struct replay {
	struct monitor *m;
	uint64_t next, until;
};

static int replay_one(const struct nlmsghdr *nlh, struct nlattr **tb, void *arg)
{
	struct replay *r = arg;
	uint64_t seq;

	if (!tb[OPHOTON_A_NTF_SEQ])
		return EXIT_OK;
	seq = nla_get_u64(tb[OPHOTON_A_NTF_SEQ]);
	/* Those after the gap come as notifications, in their turn. */
	if (seq != r->next || seq > r->until)
		return EXIT_OK;
	r->next++;
	if (wanted(r->m, tb))
		print_event(r->m, nlh, "alarm-ntf", "alarm-", true);
	return EXIT_OK;
}

/*
 * The alarms @from to @until of @fabric, missed, read from its history
 * (ALARM_GET) and printed as the events they were.  Returns 0 when every
 * one of them was still there.
 */
static int replay(struct monitor *m, int fabric, uint64_t from, uint64_t until)
{
	struct replay r = { .m = m, .next = from, .until = until };
	struct ctx *c = m->c;
	int saved = c->fabric, ret;
	struct onl_err err;
	struct nl_msg *msg;

	if (ctx_nl(c))
		return -1;
	c->fabric = fabric;
	msg = ctx_msg(c, OPHOTON_CMD_ALARM_GET, NLM_F_DUMP);
	c->fabric = saved;
	if (!msg || nla_put_u64(msg, OPHOTON_A_NTF_SEQ, from)) {
		nlmsg_free(msg);
		return -1;
	}
	note(m, "replay-start", fabric);
	ret = onl_request(&c->nl, msg, replay_one, &r, &err);
	note(m, "replay-end", fabric);
	return ret || r.next <= until ? -1 : 0;
}

/* The prefix human output leaves out of an event's labels. */
static const char *strip_of(uint8_t cmd)
{
	switch (cmd) {
	case OPHOTON_CMD_LINK_NTF:
		return "link-";
	case OPHOTON_CMD_MODULE_NTF:
		return "module-";
	case OPHOTON_CMD_FABRIC_NTF:
		return "fabric-";
	case OPHOTON_CMD_ALARM_NTF:
		return "alarm-";
	default:
		return NULL;
	}
}

static int on_event(struct nl_msg *msg, void *arg)
{
	struct monitor *m = arg;
	struct nlmsghdr *nlh = nlmsg_hdr(msg);
	struct genlmsghdr *g = nlmsg_data(nlh);
	struct nlattr *tb[OPHOTON_A_MAX + 1];
	const char *name;
	char unknown[32];
	int fabric = -1;

	if (parse_msg(nlh, tb) < 0) {
		perr("ophotonctl: malformed notification skipped\n");
		return NL_SKIP;
	}
	if (tb[OPHOTON_A_FABRIC_ID])
		fabric = (int)nla_get_u32(tb[OPHOTON_A_FABRIC_ID]);
	if (tb[OPHOTON_A_NTF_SEQ] && fabric >= 0) {
		uint64_t seq = nla_get_u64(tb[OPHOTON_A_NTF_SEQ]);
		uint64_t *last = last_seq(m, fabric, g->cmd == OPHOTON_CMD_ALARM_NTF);

		/* A fabric created (again) under this id numbers its events anew. */
		if (g->cmd == OPHOTON_CMD_FABRIC_NTF && tb[OPHOTON_A_FABRIC_EVENT] &&
		    nla_get_u8(tb[OPHOTON_A_FABRIC_EVENT]) == OPHOTON_FABRIC_EVENT_CREATE) {
			uint64_t *alarms = last_seq(m, fabric, true);

			if (last)
				*last = 0;
			if (alarms)
				*alarms = 0;
		}

		/* Checked on every event, watched or not: a gap is a gap. */
		if (last && *last && seq != *last + 1) {
			m->gaps++;
			/*
			 * Lost alarms are read back from the fabric's history, in
			 * order, when the gap is surely one fabric's.
			 */
			if (g->cmd == OPHOTON_CMD_ALARM_NTF && seq > *last + 1 && m->sees_creates &&
			    !replay(m, fabric, *last + 1, seq - 1)) {
				perr("ophotonctl: %llu alarms of fabric %d missed; read back from its history\n",
				     (unsigned long long)(seq - *last - 1), fabric);
			} else {
				perr("ophotonctl: %llu notifications of fabric %d lost; re-reading its state\n",
				     (unsigned long long)(seq - *last - 1), fabric);
				note(m, "gap", fabric);
				m->resync_fabric = fabric;
			}
		}
		if (last)
			*last = seq;
	}
	if (!wanted(m, tb))
		return NL_OK;
	name = g->cmd <= OPHOTON_CMD_MAX ? onl_cmd_names[g->cmd] : NULL;
	if (!name) {
		/* A newer module's event: shown, so the watch stays complete. */
		snprintf(unknown, sizeof(unknown), "event-%u", g->cmd);
		name = unknown;
	}
	print_event(m, nlh, name, strip_of(g->cmd), false);
	return NL_OK;
}

static int put_unhealthy(struct ctx *c, struct nl_msg *msg, void *arg)
{
	(void)c;
	(void)arg;
	return nla_put_flag(msg, OPHOTON_A_UNHEALTHY);
}

/* After a loss: the fabric, then everything of it that is not healthy. */
static int resync(struct monitor *m, int fabric)
{
	static const int cmds[] = { OPHOTON_CMD_LINK_GET, OPHOTON_CMD_MODULE_GET,
				    OPHOTON_CMD_HEALTH_GET };
	struct ctx *c = m->c;
	int saved = c->fabric, ret;

	c->fabric = fabric;
	c->intr_warned = false;		/* a warning per re-read that stayed mixed */
	note(m, "resync-start", fabric);
	ret = ctx_show(c, OPHOTON_CMD_FABRIC_GET, false, NULL, NULL, "fabric-");
	for (size_t i = 0; i < NCMDS(cmds) && !ret; i++)
		ret = ctx_show(c, cmds[i], true, put_unhealthy, NULL, NULL);
	note(m, "resync-end", fabric);
	c->fabric = saved;
	return ret;
}

static int add_fabric(const struct nlmsghdr *nlh, struct nlattr **tb, void *arg)
{
	struct monitor *m = arg;

	(void)nlh;
	if (tb[OPHOTON_A_FABRIC_ID])
		last_seq(m, (int)nla_get_u32(tb[OPHOTON_A_FABRIC_ID]), 0);
	return EXIT_OK;
}

/*
 * After an overrun nothing says which fabrics lost what: every fabric of
 * the namespace (or the one watched) is re-read, and its sequence numbers
 * start afresh.
 */
static void resync_every(struct monitor *m)
{
	struct ctx *c = m->c;
	struct onl_err err;
	struct nl_msg *msg;

	if (c->fabric < 0) {
		for (int tries = 1; tries <= DUMP_TRIES; tries++) {
			msg = onl_msg(&c->nl, OPHOTON_CMD_FABRIC_GET, NLM_F_DUMP);
			if (!msg || onl_request(&c->nl, msg, add_fabric, m, &err) ||
			    !err.interrupted)
				break;
		}
	} else {
		last_seq(m, c->fabric, 0);
	}
	for (int i = 0; i < m->nseen; i++) {
		if (c->fabric >= 0 && m->seen[i].fabric != c->fabric)
			continue;
		m->seen[i].last[0] = m->seen[i].last[1] = 0;
		resync(m, m->seen[i].fabric);
	}
}

static int monitor_run(struct ctx *c, int argc, char **argv)
{
	static const char *const groups[] = { OPHOTON_MCGRP_CONFIG, OPHOTON_MCGRP_ALARMS };
	struct monitor m = { .c = c, .resync_fabric = -1 };
	bool want[2] = { false, false };
	struct sigaction sa = { .sa_handler = on_signal };
	int grp[2] = { -1, -1 };
	struct nl_cb *cb;
	struct onl ev;
	int i, ret, start = 0;

	while (start < argc) {
		if (!strcmp(argv[start], "config"))
			want[0] = true;
		else if (!strcmp(argv[start], "alarms"))
			want[1] = true;
		else if (!strcmp(argv[start], "all"))
			want[0] = want[1] = true;
		else
			break;
		start++;
	}
	if (!want[0] && !want[1])
		want[0] = want[1] = true;
	m.sees_creates = want[0];
	ret = parse_place(c, argc - start, argv + start, PB(P_LINK) | PB(P_GPU) | PB(P_MODULE),
			  0, &m.filter, NULL, NULL);
	if (ret)
		return ret;
	/* "link 17/2/5" is one link: watch its id, not all of GPU 17. */
	if (m.filter.has[P_ENGINE]) {
		uint32_t link;

		ret = ctx_shape(c);
		if (ret)
			return ret;
		if (place_link(c, &m.filter, &link) < 0)
			return EXIT_USAGE;
		memset(m.filter.has, 0, sizeof(m.filter.has));
		m.filter.has[P_LINK] = true;
		m.filter.v[P_LINK] = link;
	}
	ret = ctx_nl(c);
	if (ret)
		return ret;
	/* Its re-reads run an interrupted dump again rather than print it. */
	c->retry_dumps = true;
	ret = onl_open(&ev);
	if (ret)
		return ret;
	/* Every group resolved before the first subscription. */
	for (i = 0; i < 2; i++) {
		if (!want[i])
			continue;
		grp[i] = genl_ctrl_resolve_grp(ev.sk, OPHOTON_GENL_NAME, groups[i]);
		if (grp[i] < 0) {
			perr("ophotonctl: no \"%s\" group\n", groups[i]);
			onl_close(&ev);
			return EXIT_ABSENT;
		}
	}
	nl_socket_disable_seq_check(ev.sk);
	for (i = 0; i < 2; i++) {
		if (want[i] && nl_socket_add_membership(ev.sk, grp[i]) < 0) {
			perr("ophotonctl: cannot subscribe to ophoton/%s\n", groups[i]);
			onl_close(&ev);
			return EXIT_FAILED;
		}
	}
	nl_socket_set_buffer_size(ev.sk, c->o->rcvbuf ? (int)c->o->rcvbuf : 4 << 20, 0);
	nl_socket_set_nonblocking(ev.sk);
	cb = nl_cb_alloc(NL_CB_DEFAULT);
	if (!cb) {
		onl_close(&ev);
		return EXIT_FAILED;
	}
	nl_cb_set(cb, NL_CB_VALID, NL_CB_CUSTOM, on_event, &m);
	/* Notifications carry no request sequence: a NULL hook would keep libnl's check. */
	nl_cb_set(cb, NL_CB_SEQ_CHECK, NL_CB_CUSTOM, onl_no_seq_check, NULL);
	stop = 0;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	if (!c->o->json)
		perr("ophotonctl: listening to %s%s%s (Ctrl-C ends)\n",
			want[0] ? "config" : "", want[0] && want[1] ? " and " : "",
			want[1] ? "alarms" : "");
	while (!stop) {
		struct pollfd pfd = { .fd = nl_socket_get_fd(ev.sk), .events = POLLIN };
		int r = poll(&pfd, 1, -1);

		if (r < 0) {
			if (errno == EINTR)
				continue;
			ret = EXIT_FAILED;
			break;
		}
		r = nl_recvmsgs(ev.sk, cb);
		if (r == -NLE_NOMEM) {
			/* ENOBUFS, which libnl calls "out of memory". */
			perr("ophotonctl: the kernel dropped notifications (receive buffer overrun); re-reading state\n");
			note(&m, "overrun", c->fabric);
			m.resync_all = true;
		}
		if (m.resync_all) {
			m.resync_all = false;
			m.resync_fabric = -1;
			resync_every(&m);
		}
		if (m.resync_fabric >= 0) {
			int f = m.resync_fabric;

			m.resync_fabric = -1;
			resync(&m, f);
		}
	}
	nl_cb_put(cb);
	onl_close(&ev);
	/*
	 * Ended by a signal, the handler stays: a second ^C on its way (or
	 * timeout's SIGTERM after SIGINT) must not turn a clean exit into
	 * death by signal.  Ended otherwise, the defaults come back.
	 */
	if (!stop) {
		signal(SIGINT, SIG_DFL);
		signal(SIGTERM, SIG_DFL);
	}
	return ret;
}

static const struct cmd monitor_cmds[] = {
	{ "watch", "[ config | alarms | all ] [ fabric N ] [ link L ] [ gpu G ] [ module M ]",
	  "print notifications as they come (-t timestamps, -j one JSON object per line);\n"
	  "      reports and recovers from lost notifications", monitor_run },
};

const struct object obj_monitor = { "monitor", "notifications of the config and alarms groups",
				    monitor_cmds, NCMDS(monitor_cmds) };
