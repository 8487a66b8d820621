// SPDX-License-Identifier: GPL-2.0
/*
 * Concurrency stress of the ophoton family: threads for a bounded time
 * mixing reads and small-buffer dumps, link changes, hot-swap cycles,
 * fault injection, clock steps, a monitor, and a fabric created and
 * destroyed through the bus, all at once.  A watchdog fails the run when
 * progress stops; every request must be answered; the monitor must see no
 * gap it was not told of (ENOBUFS); link counters never go back.
 *
 *   stress [-t SECONDS] [-s SEED]      (OPHOTON_STRESS_SECONDS, default 10)
 */
#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>
#include <linux/ophoton.h>

#include "genl.h"

#define FAB		41
#define FAB_STR		"41"
#define CHURN_STR	"42"
#define FAB_LINKS	64
#define SHAPE		"racks=2 trays=2 slots=2 engines=2 ports=4 lambdas=8 min_lanes=6 " \
			"switch_racks=2 time_scale=1000"
#define NEW_DEVICE	"/sys/bus/ophoton/new_device"
#define DEL_DEVICE	"/sys/bus/ophoton/del_device"

static atomic_bool stop;
static atomic_ulong progress;
static atomic_ulong unanswered, events, overruns, silent_gaps, cycles;
static int family;

struct worker {
	const char *name;
	void (*fn)(struct worker *w);
	pthread_t tid;
	uint64_t rng;
	unsigned long ops;
	struct genl_sock s;
	struct genl_reply *r;
};

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

/* Send and wait for the answer; a request nobody answers is a failure. */
static int ask(struct worker *w, char *req)
{
	if (genl_transact(&w->s, req, w->r)) {
		atomic_fetch_add(&unanswered, 1);
		return -EIO;
	}
	w->ops++;
	atomic_fetch_add(&progress, 1);
	return w->r->error;
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
	struct genl_sock small;
	int intr;

	msg(req, gets[rnd(w, sizeof(gets))], FAB);
	if (rnd(w, 2))
		genl_put_flag(req, OPHOTON_A_STATS);
	/* A fresh socket each time, so the kernel sizes the dump to 4 KiB. */
	if (genl_open(&small))
		return;
	if (genl_dump(&small, req, 4096, nothing, NULL, &intr) < -1000)
		atomic_fetch_add(&unanswered, 1);
	genl_close(&small);
	w->ops++;
	atomic_fetch_add(&progress, 1);
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

/* A fabric created, used and destroyed through the bus, over and over. */
static void churner(struct worker *w)
{
	char req[256] __attribute__((aligned(4)));

	if (sysfs_write(NEW_DEVICE, CHURN_STR " racks=1 trays=2 slots=4 engines=2 ports=2 lambdas=4 min_lanes=2 switch_racks=1 time_scale=1000"))
		return;
	msg(req, OPHOTON_CMD_FABRIC_SET, 42);
	genl_put_u8(req, OPHOTON_A_FABRIC_ACTION, OPHOTON_FABRIC_ACTION_UP);
	ask(w, req);
	msg(req, OPHOTON_CMD_LINK_GET, 42);
	genl_put_u32(req, OPHOTON_A_LINK_ID, rnd(w, 32));
	ask(w, req);
	sysfs_write(DEL_DEVICE, CHURN_STR);
	atomic_fetch_add(&progress, 1);
}

/* Both streams of the main fabric, checked for gaps the kernel did not own up to. */
static void monitor(struct worker *w)
{
	char buf[16384] __attribute__((aligned(4)));
	static uint64_t last[2];
	static bool told[2];
	struct pollfd p = { .fd = w->s.fd, .events = POLLIN };
	ssize_t n;

	if (poll(&p, 1, 200) <= 0)
		return;
	n = recv(w->s.fd, buf, sizeof(buf), MSG_DONTWAIT);
	if (n < 0) {
		/*
		 * Told before the messages still queued, which come next in
		 * order: the gap after them is the one owned up to.
		 */
		if (errno == ENOBUFS) {
			atomic_fetch_add(&overruns, 1);
			told[0] = told[1] = true;
		}
		return;
	}
	for (struct nlmsghdr *h = (struct nlmsghdr *)buf; NLMSG_OK(h, (int)n);
	     h = NLMSG_NEXT(h, n)) {
		struct genlmsghdr *g = NLMSG_DATA(h);
		int alarms = g->cmd == OPHOTON_CMD_ALARM_NTF;
		uint64_t seq = genl_u64(h, OPHOTON_A_NTF_SEQ, 0);

		if (genl_u32(h, OPHOTON_A_FABRIC_ID, 0) != FAB || !seq)
			continue;
		if (last[alarms] && seq != last[alarms] + 1) {
			if (told[alarms])
				told[alarms] = false;
			else
				atomic_fetch_add(&silent_gaps, 1);
		}
		last[alarms] = seq;
		atomic_fetch_add(&events, 1);
	}
	atomic_fetch_add(&progress, 1);
}

static void *run(void *arg)
{
	struct worker *w = arg;

	while (!atomic_load(&stop))
		w->fn(w);
	return NULL;
}

struct counters {
	uint32_t up[FAB_LINKS], down[FAB_LINKS], flaps[FAB_LINKS];
};

static void read_counters(const struct nlmsghdr *nlh, void *arg)
{
	struct counters *c = arg;
	uint32_t link = genl_u32(nlh, OPHOTON_A_LINK_ID, FAB_LINKS);
	const struct nlattr *st = genl_attr(nlh, OPHOTON_A_LINK_STATS);

	if (link >= FAB_LINKS || !st)
		return;
	c->up[link] = genl_nest_u32(st, OPHOTON_A_LINK_STATS_UP_COUNT, 0);
	c->down[link] = genl_nest_u32(st, OPHOTON_A_LINK_STATS_DOWN_COUNT, 0);
	c->flaps[link] = genl_nest_u32(st, OPHOTON_A_LINK_STATS_FLAP_COUNT, 0);
}

static int counters(struct genl_sock *s, struct counters *c)
{
	char req[256] __attribute__((aligned(4)));
	int intr;

	msg(req, OPHOTON_CMD_LINK_GET, FAB);
	genl_put_flag(req, OPHOTON_A_STATS);
	return genl_dump(s, req, 65536, read_counters, c, &intr);
}

int main(int argc, char **argv)
{
	static struct worker ws[] = {
		{ .name = "reader", .fn = reader }, { .name = "reader", .fn = reader },
		{ .name = "linker", .fn = linker }, { .name = "swapper", .fn = swapper },
		{ .name = "faulter", .fn = faulter }, { .name = "clock", .fn = clocker },
		{ .name = "monitor", .fn = monitor }, { .name = "churn", .fn = churner },
	};
	unsigned long seconds = getenv("OPHOTON_STRESS_SECONDS") ?
				strtoul(getenv("OPHOTON_STRESS_SECONDS"), NULL, 0) : 10;
	static struct counters before, after;
	unsigned long last = 0, still = 0, back = 0;
	struct genl_sock s;
	uint64_t seed = 1;
	int loaded = 0, c, bad = 0, ok_dump;
	size_t i, nw = sizeof(ws) / sizeof(ws[0]);

	while ((c = getopt(argc, argv, "t:s:")) != -1) {
		if (c == 't')
			seconds = strtoul(optarg, NULL, 0);
		else if (c == 's')
			seed = strtoull(optarg, NULL, 0);
	}
	printf("TAP version 13\n1..5\n");
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
	counters(&s, &before);
	for (i = 0; i < nw; i++) {
		ws[i].rng = seed * 7919 + i + 1;
		ws[i].r = calloc(1, sizeof(*ws[i].r));
		if (!ws[i].r || genl_open(&ws[i].s))
			return printf("not ok 1 sockets\n"), 1;
		{
			struct timeval tv = { .tv_sec = 30 };

			setsockopt(ws[i].s.fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
		}
		if (ws[i].fn == monitor &&
		    (genl_join(&ws[i].s, OPHOTON_GENL_NAME, OPHOTON_MCGRP_CONFIG) ||
		     genl_join(&ws[i].s, OPHOTON_GENL_NAME, OPHOTON_MCGRP_ALARMS)))
			return printf("not ok 1 joining\n"), 1;
		pthread_create(&ws[i].tid, NULL, run, &ws[i]);
	}
	/* The watchdog: progress every few seconds, or the run failed. */
	for (unsigned long t = 0; t < seconds; t++) {
		unsigned long now;

		sleep(1);
		now = atomic_load(&progress);
		still = now == last ? still + 1 : 0;
		last = now;
		if (still >= 20) {
			printf("not ok 1 no progress for 20 s: a deadlock or a lost request\n");
			for (i = 0; i < nw; i++)
				printf("#   %-8s %lu ops\n", ws[i].name, ws[i].ops);
			fflush(stdout);
			_exit(1);
		}
	}
	atomic_store(&stop, true);
	for (i = 0; i < nw; i++)
		pthread_join(ws[i].tid, NULL);
	printf("ok 1 %zu threads x %lu s made progress throughout (%lu operations)\n", nw,
	       seconds, atomic_load(&progress));
	for (i = 0; i < nw; i++)
		printf("#   %-8s %lu ops\n", ws[i].name, ws[i].ops);
	printf("# figures: %lu hot-swap cycles, %lu events, %lu overruns reported\n",
	       atomic_load(&cycles), atomic_load(&events), atomic_load(&overruns));
	bad |= atomic_load(&unanswered) != 0;
	printf("%sok 2 every request was answered (%lu not)\n",
	       atomic_load(&unanswered) ? "not " : "", atomic_load(&unanswered));
	bad |= atomic_load(&silent_gaps) != 0;
	printf("%sok 3 the monitor saw no gap it was not told of (%lu)\n",
	       atomic_load(&silent_gaps) ? "not " : "", atomic_load(&silent_gaps));
	ok_dump = counters(&s, &after) == FAB_LINKS;
	for (i = 0; i < FAB_LINKS; i++)
		back += after.up[i] < before.up[i] || after.down[i] < before.down[i] ||
			after.flaps[i] < before.flaps[i];
	bad |= !ok_dump || back;
	printf("%sok 4 a full dump afterwards has every link\n", ok_dump ? "" : "not ");
	printf("%sok 5 no link counter went back (%lu did)\n", back ? "not " : "", back);
	genl_close(&s);
	sysfs_write(DEL_DEVICE, FAB_STR);
	sysfs_write(DEL_DEVICE, CHURN_STR);
	if (loaded)
		module_unload("ophoton");
	return bad;
}
