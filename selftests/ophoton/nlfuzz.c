// SPDX-License-Identifier: GPL-2.0
/*
 * A netlink fuzzer for the ophoton family: structured-random and mutated
 * requests to every op (and to ops that do not exist): attributes of the
 * wrong type, length, nesting and range, missing and duplicated, flags
 * set at random, one in eight requests mutated after it was built (its
 * first attribute repeated, or bytes flipped), messages truncated or
 * overrun, dumps read through tiny
 * buffers or abandoned half way.  Seeded and reproducible.  Afterwards the
 * module must still answer and a full dump of the fabric must be whole.
 *
 *   nlfuzz [-n COUNT] [-s SEED] [-t SECONDS] [-j WORKERS]
 *
 * OPHOTON_FUZZ_COUNT, OPHOTON_FUZZ_SECONDS and OPHOTON_FUZZ_JOBS set the
 * defaults (20,000 messages, 300 s, a worker per CPU).  Workers share the
 * count and send at the same time, each on its own socket, worker i from
 * seed SEED + i: each worker's messages are the same from run to run, and
 * -j 1 replays a run message for message.  Prints TAP and the figures.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <linux/ophoton.h>

#include "genl.h"
#include "policy_bounds.h"

#define FAB		31
#define FAB_STR		"31"
#define FAB_LINKS	64
#define NEW_DEVICE	"/sys/bus/ophoton/new_device"
#define DEL_DEVICE	"/sys/bus/ophoton/del_device"

static uint64_t rng;

static uint32_t rnd(void)
{
	/* xorshift64*: small, fast, the same sequence for the same seed. */
	rng ^= rng >> 12;
	rng ^= rng << 25;
	rng ^= rng >> 27;
	return (uint32_t)((rng * 2685821657736338717ULL) >> 32);
}

static uint32_t below(uint32_t n)
{
	return n ? rnd() % n : 0;
}

/* Values that sit on the edges of every range in the family. */
static uint64_t edge(void)
{
	static const uint64_t edges[] = {
		0, 1, 2, 3, 4, 5, 6, 7, 8, 15, 16, 17, 63, 64, 65, 255, 256, 1023, 1024,
		65535, 65536, 100000, 100001, 10000000, 0x7fffffff, 0x80000000,
		0xffffffff, 3600000000000ULL, 3600000000001ULL, ~0ULL,
	};

	return below(4) ? edges[below(sizeof(edges) / sizeof(edges[0]))] :
	       ((uint64_t)rnd() << 32 | rnd());
}

struct figures {
	unsigned long sent, acked, refused, dumps, abandoned, truncated_reads, slow, overruns;
	unsigned long mutated;
	double max_s;
	unsigned long per_cmd[OPHOTON_CMD_MAX + 3];
	unsigned long per_errno[140];
};

/* Append a random attribute: type, length and payload each may be wrong. */
static void put_random_attr(char *buf, size_t cap, int depth)
{
	struct nlmsghdr *nlh = (struct nlmsghdr *)buf;
	struct nlattr *a = (struct nlattr *)(buf + NLMSG_ALIGN(nlh->nlmsg_len));
	static const uint16_t sizes[] = { 0, 1, 2, 4, 8, 3, 12, 16, 33 };
	uint16_t type = (uint16_t)(below(8) ? below(OPHOTON_A_MAX + 4) : rnd());
	uint16_t len = sizes[below(sizeof(sizes) / sizeof(sizes[0]))];
	uint64_t v = edge();

	if (NLMSG_ALIGN(nlh->nlmsg_len) + NLA_HDRLEN + 64 > cap)
		return;
	if (depth < 2 && !below(6)) {
		/* A nest, of random attributes: THRESH's, or anything's. */
		uint32_t start = NLMSG_ALIGN(nlh->nlmsg_len);
		int n = (int)below(5);

		a->nla_type = (uint16_t)((below(2) ? OPHOTON_A_THRESH : type) |
					 (below(4) ? NLA_F_NESTED : 0));
		nlh->nlmsg_len = start + NLA_HDRLEN;
		while (n--)
			put_random_attr(buf, cap, depth + 1);
		a->nla_len = (uint16_t)(nlh->nlmsg_len - start);
		return;
	}
	a->nla_type = type;
	a->nla_len = (uint16_t)(NLA_HDRLEN + len);
	for (uint16_t i = 0; i < len; i++)
		((uint8_t *)a)[NLA_HDRLEN + i] = i < 8 ? (uint8_t)(v >> (8 * i)) : (uint8_t)rnd();
	nlh->nlmsg_len = NLMSG_ALIGN(nlh->nlmsg_len) + NLA_ALIGN(a->nla_len);
	/* Now and then, a length that runs past the message. */
	if (!below(64))
		a->nla_len = (uint16_t)(a->nla_len + 1 + below(200));
}

/*
 * Append the attributes of @cmd's request, each of the right size with an
 * edge value, at random: well formed, so that the request gets past the
 * policy into the semantic checks and the model.
 */
static void put_valid_attrs(char *buf, uint8_t cmd)
{
	for (size_t i = 0; i < sizeof(op_attrs) / sizeof(op_attrs[0]); i++) {
		const struct op_attr *a = &op_attrs[i];
		uint64_t v = below(3) ? below(20) : edge();

		if (a->cmd != cmd || a->attr == OPHOTON_A_FABRIC_ID || below(3) == 0)
			continue;
		switch (a->size) {
		case 0:
			genl_put_flag(buf, a->attr);
			break;
		case 1:
			genl_put_u8(buf, a->attr, (uint8_t)v);
			break;
		case 4:
			genl_put_u32(buf, a->attr, (uint32_t)v);
			break;
		case 8:
			genl_put_u64(buf, a->attr, v);
			break;
		default:
			put_random_attr(buf, 1024, 1);
			break;
		}
	}
}

/*
 * Read until the ACK or NLMSG_DONE of @seq, through a buffer of @cap.
 * Returns its error, or 1 when the rest is to be abandoned (the caller
 * reopens the socket).
 */
static int drain(int fd, uint32_t seq, size_t cap, int abandon_after, struct figures *fg)
{
	static char buf[65536];
	int msgs = 0, overrun = 0;

	for (;;) {
		ssize_t n = recv(fd, buf, cap, MSG_TRUNC);
		struct nlmsghdr *h;
		int rem;

		if (n < 0 && errno == ENOBUFS && !overrun) {
			/*
			 * Our receive buffer overran (an echo of a thousand
			 * changes, say): the answer may be among what was lost.
			 * Read on for a second, then give the socket up.
			 */
			struct timeval tv = { .tv_sec = 1 };

			overrun = 1;
			fg->overruns++;
			setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
			continue;
		}
		if (n < 0)
			return errno == EAGAIN ? (overrun ? 1 : -EAGAIN) : -errno;
		if ((size_t)n > cap) {
			fg->truncated_reads++;
			n = (ssize_t)cap;
		}
		rem = (int)n;
		for (h = (struct nlmsghdr *)buf; NLMSG_OK(h, rem); h = NLMSG_NEXT(h, rem)) {
			if (h->nlmsg_seq != seq)
				continue;
			if (h->nlmsg_type == NLMSG_ERROR || h->nlmsg_type == NLMSG_DONE) {
				int err = 0;

				if (h->nlmsg_len >= NLMSG_LENGTH(sizeof(int)))
					memcpy(&err, NLMSG_DATA(h), sizeof(err));
				return err;
			}
			if (abandon_after && ++msgs >= abandon_after)
				return 1;
		}
	}
}

static int reopen(struct genl_sock *s)
{
	genl_close(s);
	return genl_open(s) ? -1 : 0;
}

/* How long a reply may take: long for a whole one, short for a cut one. */
static void wait_for(struct genl_sock *s, int ms)
{
	struct timeval tv = { .tv_sec = ms / 1000, .tv_usec = (ms % 1000) * 1000 };

	setsockopt(s->fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
}

/*
 * Mutate a request built above: its first attribute once more (a
 * duplicate), or one to four of its attribute bytes flipped.
 */
static void mutate(char *buf, size_t cap)
{
	struct nlmsghdr *nlh = (struct nlmsghdr *)buf;
	uint32_t hdr = NLMSG_HDRLEN + GENL_HDRLEN, len = nlh->nlmsg_len;
	struct nlattr *first = (struct nlattr *)(buf + hdr);

	if (len <= hdr)
		return;
	if (below(2) && first->nla_len >= NLA_HDRLEN && hdr + first->nla_len <= len &&
	    NLMSG_ALIGN(len) + NLA_ALIGN(first->nla_len) <= cap) {
		memcpy(buf + NLMSG_ALIGN(len), first, first->nla_len);
		nlh->nlmsg_len = NLMSG_ALIGN(len) + NLA_ALIGN(first->nla_len);
		return;
	}
	for (int n = 1 + (int)below(4); n--; )
		buf[hdr + below(len - hdr)] ^= (char)(1 + below(255));
}

static int one_message(struct genl_sock *s, int family, struct figures *fg)
{
	char buf[1024] __attribute__((aligned(4)));
	struct nlmsghdr *nlh = (struct nlmsghdr *)buf;
	uint8_t cmd = (uint8_t)(below(16) ? 1 + below(OPHOTON_CMD_MAX) : below(256));
	uint16_t flags = (uint16_t)(below(3) ? 0 : NLM_F_DUMP);
	int nattrs = (int)below(9), err, abandon = 0, cut = 0;
	struct timespec t0, t1;
	double took;
	size_t cap = 65536;
	uint32_t seq, real;

	if (!below(8))
		flags |= NLM_F_ECHO;
	genl_msg_init(buf, (uint16_t)family, cmd, (uint8_t)(below(16) ? OPHOTON_GENL_VERSION :
							   below(256)), flags);
	/* Mostly on the fuzzed fabric, to reach past the lookup. */
	if (below(8))
		genl_put_u32(buf, OPHOTON_A_FABRIC_ID, below(16) ? FAB : (uint32_t)edge());
	/* Half well formed, half anything. */
	if (below(2))
		put_valid_attrs(buf, cmd);
	else
		while (nattrs--)
			put_random_attr(buf, sizeof(buf), 0);
	if (!below(8)) {
		mutate(buf, sizeof(buf));
		fg->mutated++;
	}
	real = nlh->nlmsg_len;
	/* Now and then a message that says it is shorter than it is. */
	if (!below(50)) {
		nlh->nlmsg_len = (uint32_t)below(nlh->nlmsg_len + 1);
		cut = 1;
	}
	seq = ++s->seq;
	nlh->nlmsg_seq = seq;
	fg->sent++;
	fg->per_cmd[cmd <= OPHOTON_CMD_MAX ? cmd : OPHOTON_CMD_MAX + 1]++;
	if (send(s->fd, buf, real, 0) < 0)
		return -errno == -EINVAL ? 0 : -errno;
	if (flags & NLM_F_DUMP) {
		fg->dumps++;
		if (!below(8))
			abandon = 1 + (int)below(4);
		/* A tiny receive buffer: the kernel's dump messages are cut. */
		if (!below(8)) {
			cap = 64 + below(2048);
			cut = 1;
		}
	}
	/*
	 * A cut request may get no answer, a cut read may lose it.  A whole
	 * one is answered, if slowly: an hour of virtual time stepped on a
	 * debug kernel takes a while.
	 */
	wait_for(s, cut ? 50 : 120000);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	err = drain(s->fd, seq, cap, abandon, fg);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	took = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	if (took > fg->max_s)
		fg->max_s = took;
	fg->slow += took > 5.0;
	if (err == 1 || (cut && err == -EAGAIN)) {
		/* Abandoned mid-dump, or a dump cut by a small buffer. */
		fg->abandoned++;
		return reopen(s);
	}
	if (err == -EAGAIN)
		return -ETIMEDOUT;
	if (err < 0) {
		fg->refused++;
		fg->per_errno[-err < 140 ? -err : 0]++;
	} else {
		fg->acked++;
	}
	return 0;
}

static void count_links(const struct nlmsghdr *nlh, void *arg)
{
	(void)nlh;
	(*(int *)arg)++;
}

/*
 * One worker: its share of the messages, from its own seed, on its own
 * socket, within the time bound.  Returns 0, or 1 if a message went
 * unanswered or the socket broke.
 */
static int fuzz_worker(int family, uint64_t seed, unsigned long count,
		       unsigned long seconds, time_t start, struct figures *fg)
{
	struct genl_sock s = { .fd = -1 };
	int failed = 0;

	rng = seed ? seed : 1;
	if (reopen(&s))
		return 1;
	while (fg->sent < count && (unsigned long)(time(NULL) - start) < seconds) {
		int err = one_message(&s, family, fg);

		if (err) {
			printf("# message %lu of seed %llu: %s\n", fg->sent,
			       (unsigned long long)seed, strerror(-err));
			fflush(stdout);
			failed = 1;
			if (reopen(&s))
				break;
		}
	}
	genl_close(&s);
	return failed;
}

/* The workers' figures, added up into the first. */
static void figures_add(struct figures *all, const struct figures *w)
{
	all->sent += w->sent;
	all->acked += w->acked;
	all->refused += w->refused;
	all->dumps += w->dumps;
	all->abandoned += w->abandoned;
	all->truncated_reads += w->truncated_reads;
	all->slow += w->slow;
	all->mutated += w->mutated;
	all->overruns += w->overruns;
	if (w->max_s > all->max_s)
		all->max_s = w->max_s;
	for (size_t i = 0; i < sizeof(w->per_cmd) / sizeof(w->per_cmd[0]); i++)
		all->per_cmd[i] += w->per_cmd[i];
	for (size_t i = 0; i < sizeof(w->per_errno) / sizeof(w->per_errno[0]); i++)
		all->per_errno[i] += w->per_errno[i];
}

static bool is_ntf(int cmd)
{
	return cmd == OPHOTON_CMD_LINK_NTF || cmd == OPHOTON_CMD_FABRIC_NTF ||
	       cmd == OPHOTON_CMD_MODULE_NTF || cmd == OPHOTON_CMD_ALARM_NTF;
}

int main(int argc, char **argv)
{
	unsigned long count = getenv("OPHOTON_FUZZ_COUNT") ?
			      strtoul(getenv("OPHOTON_FUZZ_COUNT"), NULL, 0) : 20000;
	unsigned long seconds = getenv("OPHOTON_FUZZ_SECONDS") ?
				strtoul(getenv("OPHOTON_FUZZ_SECONDS"), NULL, 0) : 300;
	long jobs = getenv("OPHOTON_FUZZ_JOBS") ? strtol(getenv("OPHOTON_FUZZ_JOBS"), NULL, 0) :
		    sysconf(_SC_NPROCESSORS_ONLN);
	char req[256] __attribute__((aligned(4)));
	struct genl_reply *r = calloc(1, sizeof(*r));
	int family, loaded = 0, c, links = 0, n = 0, intr, failed = 0, ops = 0;
	int nops = 0;
	bool answers;
	struct figures *figs, fg = { 0 };
	uint64_t seed = 1;
	struct genl_sock s = { .fd = -1 };
	time_t start;
	long i;

	while ((c = getopt(argc, argv, "n:s:t:j:")) != -1) {
		if (c == 'n')
			count = strtoul(optarg, NULL, 0);
		else if (c == 's')
			seed = strtoull(optarg, NULL, 0);
		else if (c == 't')
			seconds = strtoul(optarg, NULL, 0);
		else if (c == 'j')
			jobs = strtol(optarg, NULL, 0);
	}
	if (jobs < 1 || jobs > 16)
		jobs = jobs < 1 ? 1 : 16;
	printf("TAP version 13\n1..3\n");
	if (geteuid() || !r) {
		printf("ok 1 # SKIP needs root\n");
		return 4;
	}
	if (!module_loaded("ophoton")) {
		if (module_load(ophoton_ko_path()))
			return printf("not ok 1 cannot load %s\n", ophoton_ko_path()), 1;
		loaded = 1;
	}
	sysfs_write(DEL_DEVICE, FAB_STR);
	if (sysfs_write(NEW_DEVICE, FAB_STR " racks=2 trays=2 slots=2 engines=2 ports=4 "
			"lambdas=8 min_lanes=6 switch_racks=2 time_scale=1000") ||
	    reopen(&s) || (family = genl_family_id(&s, OPHOTON_GENL_NAME)) < 0)
		return printf("not ok 1 setting up\n"), 1;
	figs = mmap(NULL, (size_t)jobs * sizeof(*figs), PROT_READ | PROT_WRITE,
		    MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (figs == MAP_FAILED)
		return printf("not ok 1 no memory for %ld workers\n", jobs), 1;

	fflush(stdout);
	start = time(NULL);
	for (i = 0; i < jobs; i++) {
		unsigned long share = count / (unsigned long)jobs +
				      ((unsigned long)i < count % (unsigned long)jobs);
		pid_t pid = fork();

		if (pid < 0) {
			printf("# fork: %s\n", strerror(errno));
			failed = 1;
			break;
		}
		if (!pid)
			_exit(fuzz_worker(family, seed + (uint64_t)i, share, seconds, start,
					  &figs[i]));
	}
	while (wait(&c) > 0)
		failed |= !WIFEXITED(c) || WEXITSTATUS(c);
	for (i = 0; i < jobs; i++)
		figures_add(&fg, &figs[i]);
	munmap(figs, (size_t)jobs * sizeof(*figs));
	/* Every request op reached: notification numbers are not ops. */
	for (int k = 1; k <= OPHOTON_CMD_MAX; k++) {
		if (is_ntf(k))
			continue;
		nops++;
		ops += fg.per_cmd[k] > 0;
	}
	if (ops < nops && fg.sent >= 10000) {
		printf("# only %d of %d ops reached\n", ops, nops);
		failed = 1;
	}
	/* The count is the promise; running out of time short of it is a failure. */
	if (fg.sent < count) {
		printf("# only %lu of %lu messages in %lu s\n", fg.sent, count, seconds);
		failed = 1;
	}
	printf("%sok 1 %lu messages (seed %llu, %ld workers) in %lds, every one answered\n",
	       failed ? "not " : "", fg.sent, (unsigned long long)seed, jobs,
	       (long)(time(NULL) - start));
	printf("# figures: sent %lu, acked %lu, refused %lu, dumps %lu, abandoned %lu, "
	       "cut reads %lu, overruns %lu, ops %d of %d, slowest answer %.2f s, %lu over 5 s, "
	       "mutated %lu\n",
	       fg.sent, fg.acked, fg.refused, fg.dumps, fg.abandoned, fg.truncated_reads,
	       fg.overruns, ops, nops, fg.max_s, fg.slow, fg.mutated);
	for (int k = 1; k < 140; k++)
		if (fg.per_errno[k])
			printf("#   %-8lu %s\n", fg.per_errno[k], strerror(k));

	/* Still answering, and the fabric whole. */
	reopen(&s);
	genl_msg_init(req, (uint16_t)family, OPHOTON_CMD_VERSION_GET, OPHOTON_GENL_VERSION, 0);
	answers = !genl_transact(&s, req, r) && !r->error;
	printf("%sok 2 the module still answers\n", answers ? "" : "not ");
	genl_msg_init(req, (uint16_t)family, OPHOTON_CMD_LINK_GET, OPHOTON_GENL_VERSION, 0);
	genl_put_u32(req, OPHOTON_A_FABRIC_ID, FAB);
	wait_for(&s, 120000);
	links = genl_dump(&s, req, 65536, count_links, &n, &intr);
	printf("%sok 3 a full dump of the fabric has its %d links\n",
	       links == FAB_LINKS ? "" : "not ", FAB_LINKS);
	genl_close(&s);
	sysfs_write(DEL_DEVICE, FAB_STR);
	if (loaded)
		module_unload("ophoton");
	free(r);
	return failed || !answers || links != FAB_LINKS;
}
