// SPDX-License-Identifier: GPL-2.0
/*
 * Concurrency stress of the ophoton family: workers for a bounded time
 * mixing reads and small-buffer dumps, link changes, hot-swap cycles,
 * fault injection, clock steps and a fabric created and destroyed through
 * the bus, while two monitors listen and a checker samples every link's
 * counters.  The run fails when
 *
 *  - any one worker makes no progress for a window (the watchdog names it
 *    and what it waits for): a deadlock, or a request nobody answers;
 *  - a request goes unanswered, a dump fails or a bus write is refused;
 *  - the roomy monitor, whose receive buffer no burst fills, misses one
 *    notification or overruns;
 *  - the overrun monitor, whose small buffer it lets overflow once a
 *    second, is not told of such an overrun with ENOBUFS, or sees a gap in
 *    a sequence that the kernel did not own up to that way;
 *  - a link counter ever goes back, from one sample to the next (every
 *    second), or a full dump afterwards misses a link.
 *
 *   stress [-t SECONDS] [-s SEED]      (OPHOTON_STRESS_SECONDS, default 10)
 */
#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>
#include <linux/ophoton.h>
#include <linux/sock_diag.h>

#include "genl.h"

#define FAB		41
#define FAB_STR		"41"
#define CHURN		42
#define CHURN_STR	"42"
#define FAB_LINKS	64
#define SHAPE		"racks=2 trays=2 slots=2 engines=2 ports=4 lambdas=8 min_lanes=6 " \
			"switch_racks=2 time_scale=1000"
#define NEW_DEVICE	"/sys/bus/ophoton/new_device"
#define DEL_DEVICE	"/sys/bus/ophoton/del_device"
#define NS		1000000000ULL

/*
 * The watchdog's window: half the run, within these bounds.  On the debug
 * kernel under emulation one request (fabric-set up, of the churned fabric)
 * takes up to 8 s, and a 5 s window failed healthy runs.
 */
#define WINDOW_MIN_S	10
#define WINDOW_MAX_S	20
#define TICK_NS		(200 * 1000000ULL)

static atomic_bool stop;
/*
 * The watchdog's clock: time in which the machine ran the test.  An
 * emulated machine sharing its host can stop for seconds at a time, every
 * thread of it at once; the watchdog, asleep between ticks, then wakes
 * late, and counts no more than two ticks of the wait.  A thread stuck in
 * the kernel does not delay it, so a stall still shows within the window.
 */
static atomic_ullong live_ns;
static atomic_ulong unanswered, failed, went_back, samples, cycles;
static atomic_uint notes;
static int family;

/* What a listener knows of one of FAB's two numbered streams. */
struct stream {
	uint64_t last;		/* the last number heard; 0 before the first */
	unsigned int owed;	/* gaps owned up to (ENOBUFS) and not yet seen */
	bool settling;		/* read empty since: its next message settles */
};

struct listener {
	struct genl_sock s;
	int rcvbuf;		/* SO_RCVBUFFORCE */
	bool force;		/* let its queue overflow once a second */
	bool resync;		/* re-read the links after an overrun */
	struct stream st[2];	/* config, alarms */
	uint64_t forced_at;	/* live_ns of the last forced overrun */
	bool expect_enobufs;	/* the kernel dropped; the next read must say so */
	atomic_ulong events;	/* numbered notifications heard */
	atomic_ulong strict;	/* of them, checked while nothing was owed */
	atomic_ulong overruns, forced, unreported, owned, silent, resyncs;
};

struct worker {
	const char *name;
	void (*fn)(struct worker *w);
	struct listener *l;		/* the monitors' */
	pthread_t tid;
	uint64_t rng;
	struct genl_sock s;
	struct genl_reply *r;
	/* Written by the worker, read by the watchdog. */
	atomic_ulong steps;		/* of progress */
	atomic_ullong beat_ns;		/* when it last made progress (live_ns) */
	atomic_ullong longest_ns;	/* its longest time without (live_ns) */
	uint64_t beat_wall_ns, longest_wall_ns;	/* the same in real time */
	_Atomic(const char *) doing;	/* what it waits for */
	atomic_int doing_cmd;		/* and the command, if any */
	atomic_bool done;
};

static const char *const cmd_names[] = {
	[OPHOTON_CMD_FABRIC_GET] = "fabric-get",   [OPHOTON_CMD_FABRIC_SET] = "fabric-set",
	[OPHOTON_CMD_LINK_GET] = "link-get",       [OPHOTON_CMD_LINK_SET] = "link-set",
	[OPHOTON_CMD_MODULE_GET] = "module-get",   [OPHOTON_CMD_MODULE_ACT] = "module-act",
	[OPHOTON_CMD_LANE_GET] = "lane-get",       [OPHOTON_CMD_BLAST_GET] = "blast-get",
	[OPHOTON_CMD_SIM_MODULE] = "sim-module",   [OPHOTON_CMD_SIM_FAULT] = "sim-fault",
	[OPHOTON_CMD_SIM_CLOCK] = "sim-clock",     [OPHOTON_CMD_HEALTH_GET] = "health-get",
	[OPHOTON_CMD_RACK_GET] = "rack-get",       [OPHOTON_CMD_GPU_GET] = "gpu-get",
	[OPHOTON_CMD_ENGINE_GET] = "engine-get",   [OPHOTON_CMD_LASER_GET] = "laser-get",
};

static const char *cmd_name(int cmd)
{
	if (cmd > 0 && (size_t)cmd < sizeof(cmd_names) / sizeof(cmd_names[0]) && cmd_names[cmd])
		return cmd_names[cmd];
	return "";
}

static int cmd_of(const char *req)
{
	return ((struct genlmsghdr *)NLMSG_DATA((const struct nlmsghdr *)req))->cmd;
}

static uint64_t now_ns(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (uint64_t)t.tv_sec * NS + (uint64_t)t.tv_nsec;
}

/* A failure, told as it happens; the first few are enough to go on. */
static void note(const char *fmt, ...)
{
	va_list ap;

	if (atomic_fetch_add(&notes, 1) >= 20)
		return;
	va_start(ap, fmt);
	flockfile(stdout);
	printf("# ");
	vprintf(fmt, ap);
	fflush(stdout);
	funlockfile(stdout);
	va_end(ap);
}

static void doing(struct worker *w, const char *what, int cmd)
{
	atomic_store(&w->doing_cmd, cmd);
	atomic_store(&w->doing, what);
}

/* The worker got somewhere: what the watchdog waits for. */
static void beat(struct worker *w)
{
	uint64_t now = atomic_load(&live_ns), waited = now - atomic_load(&w->beat_ns);
	uint64_t wall = now_ns();

	if (waited > atomic_load(&w->longest_ns))
		atomic_store(&w->longest_ns, waited);
	if (wall - w->beat_wall_ns > w->longest_wall_ns)
		w->longest_wall_ns = wall - w->beat_wall_ns;
	atomic_store(&w->beat_ns, now);
	w->beat_wall_ns = wall;
	atomic_fetch_add(&w->steps, 1);
}

static uint32_t rnd(struct worker *w, uint32_t n)
{
	w->rng ^= w->rng >> 12;
	w->rng ^= w->rng << 25;
	w->rng ^= w->rng >> 27;
	return n ? (uint32_t)((w->rng * 2685821657736338717ULL) >> 33) % n : 0;
}

static void *msg(char *req, uint8_t cmd, uint32_t fab)
{
	genl_msg_init(req, (uint16_t)family, cmd, OPHOTON_GENL_VERSION, 0);
	genl_put_u32(req, OPHOTON_A_FABRIC_ID, fab);
	return req;
}

/*
 * A socket for requests.  An answer that never comes fails its recv after
 * 30 s; the watchdog has failed the run before that.
 */
static int open_sock(struct genl_sock *s)
{
	struct timeval tv = { .tv_sec = 30 };

	if (genl_open(s))
		return -1;
	setsockopt(s->fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	return 0;
}

/* Send and wait for the answer; a request nobody answers is a failure. */
static int ask(struct worker *w, char *req)
{
	int err;

	doing(w, "the answer to", cmd_of(req));
	err = genl_transact(&w->s, req, w->r);
	if (err) {
		atomic_fetch_add(&unanswered, 1);
		note("%s: %s unanswered: %s\n", w->name, cmd_name(cmd_of(req)), strerror(-err));
		return -EIO;
	}
	beat(w);
	return w->r->error;
}

struct dumping {
	struct worker *w;
	void (*fn)(const struct nlmsghdr *nlh, void *arg);
	void *arg;
};

/* Each message of a dump is progress: a long dump that moves is not stuck. */
static void dumped(const struct nlmsghdr *nlh, void *arg)
{
	struct dumping *d = arg;

	if (d->w)
		beat(d->w);
	d->fn(nlh, d->arg);
}

/*
 * A dump that must run to its end: nothing here deletes FAB, the one
 * fabric dumped, so no error is expected.  NLM_F_DUMP_INTR is: the objects
 * change under the dump all the time, and all it says is that they did.
 */
static int dump(struct worker *w, struct genl_sock *s, char *req, size_t rcvbuf,
		void (*fn)(const struct nlmsghdr *nlh, void *arg), void *arg)
{
	struct dumping d = { .w = w, .fn = fn, .arg = arg };
	int cmd = cmd_of(req), intr, n;

	if (w)
		doing(w, "the end of a dump of", cmd);
	n = genl_dump(s, req, rcvbuf, dumped, &d, &intr);
	if (n < 0) {
		atomic_fetch_add(&failed, 1);
		note("%s: %s dump failed: %s\n", w ? w->name : "main", cmd_name(cmd),
		     strerror(-n));
		return n;
	}
	if (w)
		beat(w);
	return n;
}

static void nothing(const struct nlmsghdr *nlh, void *arg)
{
}

static void reader(struct worker *w)
{
	static const uint8_t gets[] = {
		OPHOTON_CMD_FABRIC_GET, OPHOTON_CMD_LINK_GET, OPHOTON_CMD_LANE_GET,
		OPHOTON_CMD_MODULE_GET, OPHOTON_CMD_RACK_GET, OPHOTON_CMD_GPU_GET,
		OPHOTON_CMD_ENGINE_GET, OPHOTON_CMD_LASER_GET, OPHOTON_CMD_HEALTH_GET,
	};
	char req[256] __attribute__((aligned(4)));
	uint8_t cmd = gets[rnd(w, sizeof(gets))];
	struct genl_sock small;

	msg(req, cmd, FAB);
	/* Fault domains have no stats to add; their dump filters the unhealthy. */
	if (rnd(w, 2))
		genl_put_flag(req, cmd == OPHOTON_CMD_HEALTH_GET ? OPHOTON_A_UNHEALTHY :
				   OPHOTON_A_STATS);
	/* A fresh socket each time, so the kernel sizes the dump to 4 KiB. */
	if (open_sock(&small)) {
		atomic_fetch_add(&failed, 1);
		note("%s: no socket: %s\n", w->name, strerror(errno));
		return;
	}
	dump(w, &small, req, 4096, nothing, NULL);
	genl_close(&small);
	msg(req, OPHOTON_CMD_BLAST_GET, FAB);
	genl_put_u8(req, OPHOTON_A_BLAST_OBJ, (uint8_t)(1 + rnd(w, 6)));
	genl_put_u32(req, OPHOTON_A_BLAST_ID, rnd(w, 16));
	genl_put_u8(req, OPHOTON_A_SIDE, 0);
	ask(w, req);
}

static void linker(struct worker *w)
{
	char req[256] __attribute__((aligned(4)));

	msg(req, OPHOTON_CMD_LINK_SET, FAB);
	genl_put_u32(req, OPHOTON_A_LINK_ID, rnd(w, FAB_LINKS));
	genl_put_u8(req, OPHOTON_A_LINK_ACTION, (uint8_t)(1 + rnd(w, 4)));
	ask(w, req);
}

static void module_op(struct worker *w, uint8_t cmd, uint8_t attr, uint8_t v, uint32_t mod)
{
	char req[256] __attribute__((aligned(4)));

	msg(req, cmd, FAB);
	genl_put_u8(req, OPHOTON_A_SIDE, OPHOTON_SIDE_GPU);
	genl_put_u32(req, OPHOTON_A_MODULE_ID, mod);
	genl_put_u8(req, attr, v);
	ask(w, req);
}

/* Each step of a cycle is progress: none of them waits on the others. */
static void swapper(struct worker *w)
{
	uint32_t mod = rnd(w, 16);

	module_op(w, OPHOTON_CMD_MODULE_ACT, OPHOTON_A_MODULE_ACTION, OPHOTON_MODULE_ACTION_DRAIN, mod);
	module_op(w, OPHOTON_CMD_SIM_MODULE, OPHOTON_A_SIM_ACTION, OPHOTON_SIM_ACTION_REMOVE, mod);
	module_op(w, OPHOTON_CMD_SIM_MODULE, OPHOTON_A_SIM_ACTION, OPHOTON_SIM_ACTION_INSERT, mod);
	module_op(w, OPHOTON_CMD_MODULE_ACT, OPHOTON_A_MODULE_ACTION,
		  OPHOTON_MODULE_ACTION_ACTIVATE, mod);
	if (!rnd(w, 4))
		module_op(w, OPHOTON_CMD_MODULE_ACT, OPHOTON_A_MODULE_ACTION,
			  OPHOTON_MODULE_ACTION_RECOVER, mod);
	atomic_fetch_add(&cycles, 1);
}

static void faulter(struct worker *w)
{
	static const uint8_t kinds[] = {
		OPHOTON_FAULT_FIBRE_CUT, OPHOTON_FAULT_FIBRE_DIRTY, OPHOTON_FAULT_LASER_DEATH,
		OPHOTON_FAULT_BER, OPHOTON_FAULT_MODULE_DEATH, OPHOTON_FAULT_ENGINE_DEATH,
	};
	char req[256] __attribute__((aligned(4)));
	uint8_t kind = kinds[rnd(w, sizeof(kinds))];
	uint32_t target = rnd(w, 16);

	for (int action = OPHOTON_SIM_ACTION_INSERT; action >= OPHOTON_SIM_ACTION_REMOVE; action--) {
		msg(req, OPHOTON_CMD_SIM_FAULT, FAB);
		genl_put_u8(req, OPHOTON_A_SIM_ACTION, (uint8_t)action);
		genl_put_u8(req, OPHOTON_A_FAULT_KIND, kind);
		genl_put_u8(req, OPHOTON_A_SIDE, OPHOTON_SIDE_GPU);
		genl_put_u32(req, OPHOTON_A_FAULT_TARGET, target);
		genl_put_u8(req, OPHOTON_A_LANE, 1);
		genl_put_u8(req, OPHOTON_A_FIBRE, OPHOTON_FIBRE_TX);
		genl_put_u32(req, OPHOTON_A_FAULT_VALUE, kind == OPHOTON_FAULT_BER ? 500 : 300);
		ask(w, req);
	}
}

static void clocker(struct worker *w)
{
	char req[256] __attribute__((aligned(4)));

	msg(req, OPHOTON_CMD_SIM_CLOCK, FAB);
	genl_put_u64(req, OPHOTON_A_SIM_STEP_NS, 10000000ULL * (1 + rnd(w, 100)));
	ask(w, req);
}

/* A write to the bus that must go through: the churner owns its fabric. */
static int bus(struct worker *w, const char *file, const char *text)
{
	int err;

	doing(w, file, 0);
	err = sysfs_write(file, text);
	if (err) {
		atomic_fetch_add(&failed, 1);
		note("%s: writing %s: %s\n", w->name, file, strerror(-err));
		return err;
	}
	beat(w);
	return 0;
}

/* A fabric created, used and destroyed through the bus, over and over. */
static void churner(struct worker *w)
{
	char req[256] __attribute__((aligned(4)));

	if (bus(w, NEW_DEVICE, CHURN_STR " racks=1 trays=2 slots=4 engines=2 ports=2 lambdas=4 "
		"min_lanes=2 switch_racks=1 time_scale=1000"))
		return;
	msg(req, OPHOTON_CMD_FABRIC_SET, CHURN);
	genl_put_u8(req, OPHOTON_A_FABRIC_ACTION, OPHOTON_FABRIC_ACTION_UP);
	ask(w, req);
	msg(req, OPHOTON_CMD_LINK_GET, CHURN);
	genl_put_u32(req, OPHOTON_A_LINK_ID, rnd(w, 32));
	ask(w, req);
	bus(w, DEL_DEVICE, CHURN_STR);
}

/* Each link's up, down and flap counts. */
struct counters {
	uint32_t n[FAB_LINKS][3];
	bool seen[FAB_LINKS];
};

/* The last sample: the checker's during the run, main's before and after. */
static struct counters sampled;

static void read_counters(const struct nlmsghdr *nlh, void *arg)
{
	static const uint16_t attrs[3] = {
		OPHOTON_A_LINK_STATS_UP_COUNT, OPHOTON_A_LINK_STATS_DOWN_COUNT,
		OPHOTON_A_LINK_STATS_FLAP_COUNT,
	};
	struct counters *c = arg;
	uint32_t link = genl_u32(nlh, OPHOTON_A_LINK_ID, FAB_LINKS);
	const struct nlattr *st = genl_attr(nlh, OPHOTON_A_LINK_STATS);

	if (link >= FAB_LINKS || !st)
		return;
	for (int k = 0; k < 3; k++)
		c->n[link][k] = genl_nest_u32(st, attrs[k], 0);
	c->seen[link] = true;
}

/*
 * Every link's counters, each against its last sample: none may ever be
 * smaller.  Returns the number of links dumped, or -errno.
 */
static int check_counters(struct worker *w, struct genl_sock *s, const char *when)
{
	static const char *const names[3] = { "up", "down", "flap" };
	char req[256] __attribute__((aligned(4)));
	struct counters now = { 0 };
	int n;

	msg(req, OPHOTON_CMD_LINK_GET, FAB);
	genl_put_flag(req, OPHOTON_A_STATS);
	n = dump(w, s, req, 65536, read_counters, &now);
	if (n < 0)
		return n;
	for (unsigned int i = 0; i < FAB_LINKS; i++) {
		if (!now.seen[i])
			continue;
		for (int k = 0; k < 3 && sampled.seen[i]; k++) {
			if (now.n[i][k] >= sampled.n[i][k])
				continue;
			atomic_fetch_add(&went_back, 1);
			note("%s: link %u %s count went back from %u to %u\n", when, i, names[k],
			     sampled.n[i][k], now.n[i][k]);
		}
		memcpy(sampled.n[i], now.n[i], sizeof(now.n[i]));
		sampled.seen[i] = true;
	}
	atomic_fetch_add(&samples, 1);
	return n;
}

/* Every second, while links flap and modules are swapped under them. */
static void checker(struct worker *w)
{
	int n = check_counters(w, &w->s, "during the run");

	if (n >= 0 && n != FAB_LINKS) {
		atomic_fetch_add(&failed, 1);
		note("%s: a dump of %d links, not %d\n", w->name, n, FAB_LINKS);
	}
	doing(w, "its next sample", 0);
	for (int i = 0; i < 10 && !atomic_load(&stop); i++)
		usleep(100000);
}

/* The messages the kernel dropped for this socket, by its own count. */
static uint32_t drops(int fd)
{
	uint32_t mi[SK_MEMINFO_VARS] = { 0 };
	socklen_t len = sizeof(mi);

	getsockopt(fd, SOL_SOCKET, SO_MEMINFO, mi, &len);
	return mi[SK_MEMINFO_DROPS];
}

/*
 * ENOBUFS.  The kernel returns the socket's error before the messages
 * still queued, and from its first drop until the socket is read empty it
 * queues nothing: so each stream may show one gap, after what was queued.
 * Nothing says which stream lost messages, so each may; an overrun before
 * a stream showed the gap of the last one adds a second.
 */
static void overrun(struct worker *w, struct listener *l)
{
	char req[256] __attribute__((aligned(4)));
	struct genl_sock s;

	atomic_fetch_add(&l->overruns, 1);
	l->expect_enobufs = false;
	for (int i = 0; i < 2; i++) {
		l->st[i].owed++;
		l->st[i].settling = false;
	}
	if (!l->resync)
		return;
	/* What a real monitor does: the state the lost messages carried, again. */
	if (open_sock(&s)) {
		atomic_fetch_add(&failed, 1);
		note("%s: no socket: %s\n", w->name, strerror(errno));
		return;
	}
	msg(req, OPHOTON_CMD_LINK_GET, FAB);
	if (dump(w, &s, req, 65536, nothing, NULL) >= 0)
		atomic_fetch_add(&l->resyncs, 1);
	genl_close(&s);
}

/*
 * Read empty: the socket queues messages again, and the next message of
 * each stream comes after every gap owned up to so far.  It settles the
 * stream's debt: it shows the gap, or the stream lost nothing.
 */
static void drained(struct listener *l)
{
	for (int i = 0; i < 2; i++)
		if (l->st[i].owed)
			l->st[i].settling = true;
}

/*
 * Stop reading until the kernel drops a message.  The socket was just read
 * empty, so this drop sets a fresh error, which the next read must return
 * before anything else.  Bounded: the other workers may have gone quiet.
 */
static void force_overrun(struct worker *w, struct listener *l)
{
	uint32_t before = drops(l->s.fd);

	doing(w, "its queue to overflow", 0);
	for (int i = 0; i < 300 && !atomic_load(&stop); i++) {
		usleep(10000);
		beat(w);
		if (drops(l->s.fd) != before) {
			atomic_fetch_add(&l->forced, 1);
			l->expect_enobufs = true;
			break;
		}
	}
	l->forced_at = atomic_load(&live_ns);
}

/* A dropped message that was not reported first, as ENOBUFS must be. */
static void unreported(struct worker *w, struct listener *l, const char *instead)
{
	l->expect_enobufs = false;
	atomic_fetch_add(&l->unreported, 1);
	note("%s: the kernel dropped a message, and a read returned %s, not ENOBUFS\n",
	     w->name, instead);
}

static void heard(struct worker *w, struct listener *l, char *buf, ssize_t n)
{
	static const char *const names[] = { "config", "alarms" };

	for (struct nlmsghdr *h = (struct nlmsghdr *)buf; NLMSG_OK(h, (int)n);
	     h = NLMSG_NEXT(h, n)) {
		int alarms;
		uint64_t seq;
		struct stream *st;

		if (h->nlmsg_type < NLMSG_MIN_TYPE)
			continue;
		/* The churned fabric's, and fabrics coming and going: not numbered. */
		seq = genl_u64(h, OPHOTON_A_NTF_SEQ, 0);
		if (genl_u32(h, OPHOTON_A_FABRIC_ID, 0) != FAB || !seq)
			continue;
		alarms = ((struct genlmsghdr *)NLMSG_DATA(h))->cmd == OPHOTON_CMD_ALARM_NTF;
		st = &l->st[alarms];
		if (st->last && !st->owed)
			atomic_fetch_add(&l->strict, 1);
		if (st->last && seq != st->last + 1) {
			if (seq > st->last && st->owed) {
				st->owed--;
				atomic_fetch_add(&l->owned, 1);
			} else {
				atomic_fetch_add(&l->silent, 1);
				note("%s: %s %llu after %llu, %u gaps owned up to\n", w->name,
				     names[alarms], (unsigned long long)seq,
				     (unsigned long long)st->last, st->owed);
			}
		}
		if (st->settling) {
			st->owed = 0;
			st->settling = false;
		}
		st->last = seq;
		atomic_fetch_add(&l->events, 1);
	}
}

/*
 * Both streams of the main fabric, read until empty at each wake-up; the
 * overrun monitor then, once a second, lets its queue overflow.
 */
static void monitor(struct worker *w)
{
	struct listener *l = w->l;
	char buf[32768] __attribute__((aligned(4)));
	struct pollfd p = { .fd = l->s.fd, .events = POLLIN };

	doing(w, "notifications", 0);
	poll(&p, 1, 200);
	/* A listener with nothing to hear is not stuck. */
	beat(w);
	while (!atomic_load(&stop)) {
		ssize_t n = recv(l->s.fd, buf, sizeof(buf), MSG_DONTWAIT | MSG_TRUNC);

		if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
			if (l->expect_enobufs)
				unreported(w, l, "nothing");
			drained(l);
			if (l->force && atomic_load(&live_ns) - l->forced_at >= NS)
				force_overrun(w, l);
			return;
		}
		if (n < 0 && errno == ENOBUFS) {
			overrun(w, l);
			continue;
		}
		if (n < 0 || (size_t)n > sizeof(buf)) {
			atomic_fetch_add(&failed, 1);
			note("%s: recv: %s\n", w->name, n < 0 ? strerror(errno) : "truncated");
			return;
		}
		if (l->expect_enobufs)
			unreported(w, l, "a message");
		heard(w, l, buf, n);
		beat(w);
	}
}

static int listen_to(struct listener *l)
{
	if (genl_open(&l->s) ||
	    genl_join(&l->s, OPHOTON_GENL_NAME, OPHOTON_MCGRP_CONFIG) ||
	    genl_join(&l->s, OPHOTON_GENL_NAME, OPHOTON_MCGRP_ALARMS))
		return -1;
	/* Root may go past rmem_max: the roomy one must never fill. */
	return setsockopt(l->s.fd, SOL_SOCKET, SO_RCVBUFFORCE, &l->rcvbuf, sizeof(l->rcvbuf));
}

static void *run(void *arg)
{
	struct worker *w = arg;

	while (!atomic_load(&stop))
		w->fn(w);
	atomic_store(&w->done, true);
	return NULL;
}

/* From @then to @now, of the watchdog's clock. */
static uint64_t since(uint64_t then, uint64_t now)
{
	return then < now ? now - then : 0;
}

/*
 * Each worker's steps of progress and longest time without progress, of the
 * watchdog's clock and in real time; @now: and the time since its last.
 */
static void print_workers(struct worker *ws, size_t nw, uint64_t now)
{
	for (size_t i = 0; i < nw; i++) {
		printf("#   %-8s %7lu steps, longest without progress %5.2f s (%5.2f s real)",
		       ws[i].name, atomic_load(&ws[i].steps), atomic_load(&ws[i].longest_ns) / 1e9,
		       ws[i].longest_wall_ns / 1e9);
		if (now && atomic_load(&ws[i].done))
			printf(", returned");
		else if (now)
			printf(", last %5.2f s ago", since(atomic_load(&ws[i].beat_ns), now) / 1e9);
		printf("\n");
	}
}

/*
 * The watchdog: every worker must make progress within the window, to the
 * end of the run and then until it has returned, so that one stuck near
 * the end is caught too.  Returns once they all have.
 */
static void watch(struct worker *ws, size_t nw, unsigned long seconds, unsigned long window)
{
	uint64_t start = now_ns(), last = start;

	for (;;) {
		uint64_t wall, slept, live;
		size_t running = 0;

		usleep(TICK_NS / 1000);
		wall = now_ns();
		slept = wall - last;
		last = wall;
		/* Woken late: the machine stopped running us for a while. */
		if (slept > 2 * TICK_NS)
			slept = 2 * TICK_NS;
		live = atomic_load(&live_ns) + slept;
		atomic_store(&live_ns, live);
		if (wall - start >= seconds * NS)
			atomic_store(&stop, true);
		for (size_t i = 0; i < nw; i++) {
			struct worker *w = &ws[i];
			int cmd = atomic_load(&w->doing_cmd);

			if (atomic_load(&w->done))
				continue;
			running++;
			if (since(atomic_load(&w->beat_ns), live) <= window * NS)
				continue;
			printf("not ok 1 %s made no progress for %lu s, waiting for %s%s%s: "
			       "a deadlock or a lost request\n", w->name, window,
			       atomic_load(&w->doing), cmd ? " " : "", cmd_name(cmd));
			print_workers(ws, nw, live);
			fflush(stdout);
			_exit(1);
		}
		if (atomic_load(&stop) && !running) {
			printf("# the machine ran the test %.1f s of %.1f s, what the watchdog "
			       "counts\n", live / 1e9, (wall - start) / 1e9);
			return;
		}
	}
}

int main(int argc, char **argv)
{
	/* Some 10,000 notifications: more than the run's workers send in 10 s. */
	static struct listener roomy = { .rcvbuf = 32 << 20 };
	/*
	 * A dozen or so: bursts overrun it now and then, and it forces one a
	 * second, between which its numbers are checked with nothing owed.
	 */
	static struct listener tiny = { .rcvbuf = 16 << 10, .force = true, .resync = true };
	static struct worker ws[] = {
		{ .name = "reader", .fn = reader }, { .name = "reader", .fn = reader },
		{ .name = "linker", .fn = linker }, { .name = "swapper", .fn = swapper },
		{ .name = "faulter", .fn = faulter }, { .name = "clock", .fn = clocker },
		{ .name = "churn", .fn = churner }, { .name = "counters", .fn = checker },
		{ .name = "monitor", .fn = monitor, .l = &roomy },
		{ .name = "overrun", .fn = monitor, .l = &tiny },
	};
	unsigned long seconds = getenv("OPHOTON_STRESS_SECONDS") ?
				strtoul(getenv("OPHOTON_STRESS_SECONDS"), NULL, 0) : 10;
	unsigned long window, steps = 0, gaps;
	struct genl_sock s;
	uint64_t seed = 1;
	int loaded = 0, c, bad = 0, ok;
	size_t i, nw = sizeof(ws) / sizeof(ws[0]);

	while ((c = getopt(argc, argv, "t:s:")) != -1) {
		if (c == 't')
			seconds = strtoul(optarg, NULL, 0);
		else if (c == 's')
			seed = strtoull(optarg, NULL, 0);
	}
	/*
	 * A stall shows within the window even when it begins at the end of
	 * the run: the watchdog watches until every worker has returned.
	 */
	window = seconds / 2;
	if (window < WINDOW_MIN_S)
		window = WINDOW_MIN_S;
	if (window > WINDOW_MAX_S)
		window = WINDOW_MAX_S;
	printf("TAP version 13\n1..8\n");
	if (geteuid()) {
		printf("ok 1 # SKIP needs root\n");
		return 4;
	}
	if (!module_loaded("ophoton")) {
		if (module_load(ophoton_ko_path()))
			return printf("not ok 1 cannot load the module\n"), 1;
		loaded = 1;
	}
	sysfs_write(DEL_DEVICE, FAB_STR);
	sysfs_write(DEL_DEVICE, CHURN_STR);
	if (sysfs_write(NEW_DEVICE, FAB_STR " " SHAPE) || genl_open(&s) ||
	    (family = genl_family_id(&s, OPHOTON_GENL_NAME)) < 0)
		return printf("not ok 1 setting up\n"), 1;
	{
		char req[256] __attribute__((aligned(4)));
		struct genl_reply *r = calloc(1, sizeof(*r));

		msg(req, OPHOTON_CMD_FABRIC_SET, FAB);
		genl_put_u8(req, OPHOTON_A_FABRIC_ACTION, OPHOTON_FABRIC_ACTION_UP);
		if (!r || genl_transact(&s, req, r) || r->error)
			return printf("not ok 1 bring-up\n"), 1;
		free(r);
	}
	sleep(1);
	if (check_counters(NULL, &s, "before") != FAB_LINKS)
		return printf("not ok 1 a dump of every link before the run\n"), 1;
	/* Listening before anything changes: every number from here on counts. */
	if (listen_to(&roomy) || listen_to(&tiny))
		return printf("not ok 1 joining the groups\n"), 1;
	for (i = 0; i < nw; i++) {
		ws[i].rng = seed * 7919 + i + 1;
		ws[i].r = calloc(1, sizeof(*ws[i].r));
		if (!ws[i].r || open_sock(&ws[i].s))
			return printf("not ok 1 sockets\n"), 1;
		doing(&ws[i], "its first step", 0);
		ws[i].beat_wall_ns = now_ns();
		pthread_create(&ws[i].tid, NULL, run, &ws[i]);
	}
	watch(ws, nw, seconds, window);
	for (i = 0; i < nw; i++) {
		pthread_join(ws[i].tid, NULL);
		steps += atomic_load(&ws[i].steps);
	}
	printf("ok 1 %zu workers x %lu s: none went %lu s without progress (%lu steps)\n",
	       nw, seconds, window, steps);
	print_workers(ws, nw, 0);
	printf("# figures: %lu hot-swap cycles, %lu events heard, %lu overruns owned up to "
	       "(%lu forced), %lu resyncs\n", atomic_load(&cycles), atomic_load(&roomy.events),
	       atomic_load(&tiny.overruns), atomic_load(&tiny.forced), atomic_load(&tiny.resyncs));

	bad |= atomic_load(&unanswered) != 0;
	printf("%sok 2 every request was answered (%lu not)\n",
	       atomic_load(&unanswered) ? "not " : "", atomic_load(&unanswered));

	/* The last sample, for test 3's count and test 7's comparison. */
	ok = check_counters(NULL, &s, "after") == FAB_LINKS;
	bad |= atomic_load(&failed) != 0;
	printf("%sok 3 every dump ran to its end, every bus write went through (%lu failed)\n",
	       atomic_load(&failed) ? "not " : "", atomic_load(&failed));

	gaps = atomic_load(&roomy.owned) + atomic_load(&roomy.silent);
	gaps = atomic_load(&roomy.owned) + atomic_load(&roomy.silent);
	c = !atomic_load(&roomy.events) || gaps || atomic_load(&roomy.overruns) ||
	    drops(roomy.s.fd);
	bad |= c;
	printf("%sok 4 the roomy monitor heard every notification in order "
	       "(%lu heard, %lu gaps, %lu overruns, %u dropped)\n", c ? "not " : "",
	       atomic_load(&roomy.events), gaps, atomic_load(&roomy.overruns), drops(roomy.s.fd));

	c = !atomic_load(&tiny.forced) || atomic_load(&tiny.unreported);
	bad |= c;
	printf("%sok 5 the overrun monitor was told of each overrun it forced "
	       "(%lu forced, %lu not told)\n", c ? "not " : "",
	       atomic_load(&tiny.forced), atomic_load(&tiny.unreported));

	c = atomic_load(&tiny.silent) != 0;
	bad |= c;
	printf("%sok 6 the overrun monitor saw no gap it was not told of (%lu overruns, "
	       "%lu gaps told of, %lu not; %lu of %lu numbers checked owing nothing)\n",
	       c ? "not " : "", atomic_load(&tiny.overruns), atomic_load(&tiny.owned),
	       atomic_load(&tiny.silent), atomic_load(&tiny.strict), atomic_load(&tiny.events));

	bad |= atomic_load(&went_back) != 0;
	printf("%sok 7 no link counter ever went back (%lu samples, %lu did)\n",
	       atomic_load(&went_back) ? "not " : "", atomic_load(&samples),
	       atomic_load(&went_back));

	bad |= !ok;
	printf("%sok 8 a full dump afterwards has every link\n", ok ? "" : "not ");

	genl_close(&roomy.s);
	genl_close(&tiny.s);
	genl_close(&s);
	sysfs_write(DEL_DEVICE, FAB_STR);
	sysfs_write(DEL_DEVICE, CHURN_STR);
	if (loaded)
		module_unload("ophoton");
	return bad;
}
