// SPDX-License-Identifier: GPL-2.0
/*
 * Host tests of ophotonctl without a kernel: a fake kernel behind libnl's
 * send and receive hooks answers the family's requests from a small fixed
 * fabric, refuses some with an extended ACK, ends one dump with an error
 * in NLMSG_DONE, and flags dumps NLM_F_DUMP_INTR when a test asks.  Every
 * command runs through main(), in human and JSON output; exit codes,
 * messages and the JSON's validity are checked.
 *
 * Each socket also has a real one behind it, of NETLINK_USERSOCK, which
 * nothing else talks on: --wait and monitor poll it and join groups on it,
 * and a test can send it notifications.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <linux/genetlink.h>
#include <linux/ophoton.h>
#include <netlink/genl/genl.h>
#include <netlink/msg.h>

#include "json_check.h"
#include "ophotonctl.h"
#include "nl.h"
#include "kselftest_harness.h"

int ophotonctl_main(int argc, char **argv);

#define FAMILY	0x20

/* Replies waiting for the next receive, per socket (-ss opens a second). */
static struct queue {
	struct nl_sock *sk;
	char buf[1 << 16];
	size_t n;
} queues[4];
static struct queue *cur;	/* the socket being answered */
static struct nlmsghdr last_req;
static int last_cmd;
/* The last request, whole, and whether the fake refuses every change. */
static char last_msg[8192] __attribute__((aligned(4)));
static bool refuse_changes;

/*
 * Dumps of @intr_cmd (0: of any command) come back flagged NLM_F_DUMP_INTR,
 * the next @intr_left of them, on their message number @intr_msg (the
 * NLMSG_DONE after the objects counts last), as the kernel flags a dump
 * that a change raced with.  @dumps counts the dumps of each command.
 */
static int intr_cmd = -1, intr_left, intr_msg = 1;
static int dumps[OPHOTON_CMD_MAX + 1];

/* The @ntf_sock-th socket opened (from 1) gets @ntf_n notifications at once. */
static int nsockets, ntf_sock, ntf_n;
static struct nl_msg *ntf[4];
/* A request for this command raises SIGTERM, which ends a monitor. */
static int stop_cmd = -1;
/* An ALARM_GET dump answers three alarms from the number it asked for. */
static uint64_t alarm_from;

static struct queue *queue_of(struct nl_sock *sk)
{
	struct queue *free_q = &queues[0];

	for (size_t i = 0; i < sizeof(queues) / sizeof(queues[0]); i++) {
		if (queues[i].sk == sk)
			return &queues[i];
		if (!queues[i].sk || !queues[i].n)
			free_q = &queues[i];
	}
	free_q->sk = sk;
	free_q->n = 0;
	return free_q;
}

static void queue(struct nl_msg *m)
{
	struct nlmsghdr *h = nlmsg_hdr(m);

	if (cur->n + NLMSG_ALIGN(h->nlmsg_len) <= sizeof(cur->buf)) {
		memcpy(cur->buf + cur->n, h, h->nlmsg_len);
		cur->n += NLMSG_ALIGN(h->nlmsg_len);
	}
	nlmsg_free(m);
}

static struct nl_msg *reply(int type, int cmd, int flags)
{
	struct nl_msg *m = nlmsg_alloc();

	genlmsg_put(m, last_req.nlmsg_pid, last_req.nlmsg_seq, type, 0, flags, (uint8_t)cmd, 1);
	return m;
}

/* The ACK, or a refusal with a message and the offset of an attribute. */
static void ack(int error, const char *msg, uint32_t offs)
{
	struct nl_msg *m = nlmsg_alloc_simple(NLMSG_ERROR, NLM_F_CAPPED |
					      (msg ? NLM_F_ACK_TLVS : 0));
	struct nlmsgerr e = { .error = error, .msg = last_req };

	nlmsg_hdr(m)->nlmsg_seq = last_req.nlmsg_seq;
	nlmsg_append(m, &e, sizeof(e), NLMSG_ALIGNTO);
	if (msg) {
		nla_put_string(m, NLMSGERR_ATTR_MSG, msg);
		if (offs)
			nla_put_u32(m, NLMSGERR_ATTR_OFFS, offs);
	}
	queue(m);
}

static void done_flags(int error, const char *msg, int flags)
{
	struct nl_msg *m = nlmsg_alloc_simple(NLMSG_DONE, NLM_F_MULTI | flags |
					      (msg ? NLM_F_ACK_TLVS : 0));

	nlmsg_hdr(m)->nlmsg_seq = last_req.nlmsg_seq;
	nlmsg_append(m, &error, sizeof(error), NLMSG_ALIGNTO);
	if (msg)
		nla_put_string(m, NLMSGERR_ATTR_MSG, msg);
	queue(m);
}

static void done(int error, const char *msg)
{
	done_flags(error, msg, 0);
}

static void ctrl_reply(void)
{
	struct nl_msg *m = reply(GENL_ID_CTRL, CTRL_CMD_NEWFAMILY, 0);
	struct nlattr *grps, *g;

	nla_put_u16(m, CTRL_ATTR_FAMILY_ID, FAMILY);
	nla_put_string(m, CTRL_ATTR_FAMILY_NAME, OPHOTON_GENL_NAME);
	grps = nla_nest_start(m, CTRL_ATTR_MCAST_GROUPS);
	g = nla_nest_start(m, 1);
	nla_put_string(m, CTRL_ATTR_MCAST_GRP_NAME, OPHOTON_MCGRP_CONFIG);
	nla_put_u32(m, CTRL_ATTR_MCAST_GRP_ID, 5);
	nla_nest_end(m, g);
	g = nla_nest_start(m, 2);
	nla_put_string(m, CTRL_ATTR_MCAST_GRP_NAME, OPHOTON_MCGRP_ALARMS);
	nla_put_u32(m, CTRL_ATTR_MCAST_GRP_ID, 6);
	nla_nest_end(m, g);
	nla_nest_end(m, grps);
	queue(m);
	ack(0, NULL, 0);
}

/* Fabrics of the namespace: 1, 2, ... */
static uint32_t fabrics = 1;
/* The attribute the last LINK_SET named its links by, and its value. */
static int set_scope;
static uint32_t set_scope_v;
static const int scopes[] = { OPHOTON_A_LINK_ID, OPHOTON_A_GPU_ID, OPHOTON_A_ENGINE_ID,
			      OPHOTON_A_MODULE_ID, OPHOTON_A_RACK_ID };
/*
 * Links read as training this many more times, then up, with no
 * notification to say so: a bring-up whose notifications were lost.
 */
static int training_dumps = -1;

/* One fabric: 2 racks x 1 tray x 2 slots, 2 engines x 2 ports: 16 links. */
static void put_fabric(struct nl_msg *m)
{
	static const struct { int a; uint32_t v; } shape[] = {
		{ OPHOTON_A_FABRIC_GPUS, 4 }, { OPHOTON_A_FABRIC_RACKS, 2 },
		{ OPHOTON_A_FABRIC_MEMORY_RACKS, 0 }, { OPHOTON_A_FABRIC_SWITCH_RACKS, 1 },
		{ OPHOTON_A_FABRIC_TRAYS, 1 }, { OPHOTON_A_FABRIC_SLOTS, 2 },
		{ OPHOTON_A_FABRIC_ENGINES, 2 }, { OPHOTON_A_FABRIC_PORTS, 2 },
		{ OPHOTON_A_FABRIC_LAMBDAS, 4 }, { OPHOTON_A_FABRIC_MODULES, 2 },
		{ OPHOTON_A_FABRIC_LINKS, 16 }, { OPHOTON_A_FABRIC_LANE_GBPS, 32 },
		{ OPHOTON_A_FABRIC_RACK_BUDGET_W, 150500 },
	};

	nla_put_u64(m, OPHOTON_A_FABRIC_CLOCK_NS, 18446744073709551615ULL);
	for (size_t i = 0; i < sizeof(shape) / sizeof(shape[0]); i++)
		nla_put_u32(m, shape[i].a, shape[i].v);
	nla_put_u8(m, OPHOTON_A_FABRIC_FEED, OPHOTON_FEED_STRIPE);
}

/* An object of each kind, with a nest of telemetry when asked. */
static void put_object(struct nl_msg *m, int cmd, uint32_t id, int stats)
{
	struct nlattr *n;

	/* Fabric N + 1 is the N-th record of a dump of fabrics. */
	nla_put_u32(m, OPHOTON_A_FABRIC_ID, cmd == OPHOTON_CMD_FABRIC_GET ? id + 1 : 1);
	switch (cmd) {
	case OPHOTON_CMD_FABRIC_GET:
		put_fabric(m);
		break;
	case OPHOTON_CMD_LINK_GET:
		nla_put_u32(m, OPHOTON_A_LINK_ID, id);
		nla_put_u32(m, OPHOTON_A_GPU_ID, id / 4);
		nla_put_u8(m, OPHOTON_A_LINK_STATE,
			   training_dumps > 0 ? OPHOTON_LINK_STATE_TRAINING :
			   training_dumps == 0 || id != 2 ? OPHOTON_LINK_STATE_UP :
			   OPHOTON_LINK_STATE_FAILED);
		if (training_dumps > 0)
			training_dumps--;
		nla_put_u8(m, OPHOTON_A_LINK_DOWN_REASON, OPHOTON_DOWN_NONE);
		if (stats) {
			n = nla_nest_start(m, OPHOTON_A_LINK_STATS);
			nla_put_u64(m, OPHOTON_A_LINK_STATS_TIME_IN_STATE_NS, 1500000000ULL);
			nla_put_s32(m, OPHOTON_A_LINK_STATS_OE_INPUT_UDBM, -2500);
			/* Link 1 with flags latched, the others without. */
			nla_put_u32(m, OPHOTON_A_LINK_STATS_LATCHED, id == 1 ? 0x11 : 0);
			nla_nest_end(m, n);
		}
		break;
	case OPHOTON_CMD_LANE_GET:
		nla_put_u32(m, OPHOTON_A_LINK_ID, id);
		nla_put_u8(m, OPHOTON_A_LANE, 1);
		nla_put_u8(m, OPHOTON_A_DIR, OPHOTON_DIR_DOWN);
		nla_put_u8(m, OPHOTON_A_LANE_STATE, OPHOTON_LANE_STATE_ACTIVE);
		if (stats) {
			n = nla_nest_start(m, OPHOTON_A_LANE_STATS);
			/* Link 2's lanes have counted too few errors: a bound. */
			nla_put_u32(m, id == 2 ? OPHOTON_A_LANE_STATS_BER_BOUND_E :
				    OPHOTON_A_LANE_STATS_BER_E, id == 2 ? 1500 : 1200);
			nla_put_u64(m, OPHOTON_A_LANE_STATS_BITS, 18446744073709551615ULL);
			nla_nest_end(m, n);
		}
		break;
	case OPHOTON_CMD_RACK_GET:
	case OPHOTON_CMD_GPU_GET:
	case OPHOTON_CMD_ENGINE_GET:
		nla_put_u32(m, cmd == OPHOTON_CMD_RACK_GET ? OPHOTON_A_RACK_ID :
			    cmd == OPHOTON_CMD_GPU_GET ? OPHOTON_A_GPU_ID : OPHOTON_A_ENGINE_ID, id);
		nla_put_u32(m, OPHOTON_A_LINKS, 4);
		nla_put_u32(m, OPHOTON_A_LINKS_UP, id ? 4 : 3);
		/* Engine 0 died: its flag is in its record only. */
		if (cmd == OPHOTON_CMD_ENGINE_GET && id == 0)
			nla_put_flag(m, OPHOTON_A_ENGINE_DEAD);
		n = nla_nest_start(m, OPHOTON_A_AGG_STATS);
		nla_put_u32(m, OPHOTON_A_AGG_STATS_LINKS_FAILED, id ? 0 : 1);
		nla_put_u64(m, OPHOTON_A_AGG_STATS_POWER_MW, 1500000);
		nla_put_s32(m, OPHOTON_A_AGG_STATS_TEMP_MC, 47120);
		nla_nest_end(m, n);
		break;
	case OPHOTON_CMD_MODULE_GET:
	case OPHOTON_CMD_LASER_GET:
		nla_put_u8(m, OPHOTON_A_SIDE, OPHOTON_SIDE_GPU);
		nla_put_u32(m, OPHOTON_A_MODULE_ID, id);
		nla_put_u8(m, OPHOTON_A_MODULE_STATE, OPHOTON_MODULE_STATE_READY);
		nla_put_flag(m, OPHOTON_A_MODULE_SAFE_TO_REMOVE);
		if (stats && cmd == OPHOTON_CMD_MODULE_GET) {
			n = nla_nest_start(m, OPHOTON_A_MODULE_STATS);
			nla_put_s32(m, OPHOTON_A_MODULE_STATS_TEMP_MC, 41500);
			nla_put_u32(m, OPHOTON_A_MODULE_STATS_POWER_MW, 9800);
			nla_nest_end(m, n);
		}
		break;
	case OPHOTON_CMD_HEALTH_GET:
		nla_put_u8(m, OPHOTON_A_HEALTH_DOMAIN, OPHOTON_HEALTH_MODULE);
		nla_put_u32(m, OPHOTON_A_HEALTH_ID, id);
		nla_put_flag(m, OPHOTON_A_HEALTH_QUARANTINED);
		break;
	case OPHOTON_CMD_ALARM_GET:
		nla_put_u8(m, OPHOTON_A_ALARM_KIND, OPHOTON_ALARM_THRESHOLD_LINK);
		nla_put_u32(m, OPHOTON_A_LINK_ID, 9);
		nla_put_u32(m, OPHOTON_A_ALARM_FLAGS, 0x10);
		nla_put_u64(m, OPHOTON_A_NTF_SEQ, alarm_from + id);
		nla_put_u64(m, OPHOTON_A_ALARM_TIME_NS, 90000000000ULL);
		nla_put_u64(m, OPHOTON_A_ALARM_WALL_NS, 1796615565000000000ULL);
		nla_put_u8(m, OPHOTON_A_ALARM_SEVERITY, OPHOTON_SEVERITY_MINOR);
		nla_put_flag(m, OPHOTON_A_ALARM_ACTIVE);
		break;
	case OPHOTON_CMD_BLAST_GET:
		n = nla_nest_start(m, OPHOTON_A_BLAST_LINK_IDS);
		nla_put_u32(m, OPHOTON_A_LINK_ID, 4);
		nla_put_u32(m, OPHOTON_A_LINK_ID, 5);
		nla_nest_end(m, n);
		nla_put_u32(m, OPHOTON_A_BLAST_LINKS, 2);
		nla_put_u64(m, OPHOTON_A_BLAST_BANDWIDTH_GBPS, 256);
		/* An attribute from a newer module: shown, not dropped. */
		nla_put_u32(m, 250, 7);
		break;
	default:
		break;
	}
}

static uint32_t req_u32(struct nlmsghdr *h, int type, uint32_t def, uint32_t *offs)
{
	struct nlattr *a = nlmsg_find_attr(h, GENL_HDRLEN, type);

	if (!a)
		return def;
	if (offs)
		*offs = (uint32_t)((char *)a - (char *)h);
	return nla_len(a) == 1 ? nla_get_u8(a) : nla_get_u32(a);
}

static bool is_change(int cmd)
{
	switch (cmd) {
	case OPHOTON_CMD_FABRIC_SET:
	case OPHOTON_CMD_LINK_SET:
	case OPHOTON_CMD_MODULE_ACT:
	case OPHOTON_CMD_ENGINE_ACT:
	case OPHOTON_CMD_SIM_MODULE:
	case OPHOTON_CMD_SIM_FAULT:
	case OPHOTON_CMD_SIM_CLOCK:
		return true;
	default:
		return false;
	}
}

static void put_problem(struct nl_msg *m, uint8_t obj, uint8_t side, uint32_t id,
			uint8_t sev, uint8_t action, int cause, uint32_t links, uint32_t down)
{
	struct nlattr *p = nla_nest_start(m, OPHOTON_A_DIAG_PROBLEM);

	nla_put_u8(m, OPHOTON_A_PROBLEM_OBJ, obj);
	if (obj == OPHOTON_DIAG_MODULE || obj == OPHOTON_DIAG_ENGINE)
		nla_put_u8(m, OPHOTON_A_PROBLEM_SIDE, side);
	nla_put_u32(m, OPHOTON_A_PROBLEM_ID, id);
	if (cause >= 0)
		nla_put_u8(m, OPHOTON_A_PROBLEM_CAUSE, (uint8_t)cause);
	nla_put_u8(m, OPHOTON_A_PROBLEM_SEVERITY, sev);
	nla_put_u8(m, OPHOTON_A_PROBLEM_ACTION, action);
	/* A link up with flags latched tells no start, as the kernel does. */
	if (cause >= 0)
		nla_put_u64(m, OPHOTON_A_PROBLEM_SINCE_NS, 1000000000ULL * id);
	nla_put_u32(m, OPHOTON_A_PROBLEM_LINKS, links);
	nla_put_u32(m, OPHOTON_A_PROBLEM_LINKS_DOWN, down);
	nla_put_u32(m, OPHOTON_A_PROBLEM_GPUS, links ? 1 : 0);
	nla_put_u64(m, OPHOTON_A_PROBLEM_GBPS_LOST, down * 512ULL);
	nla_nest_end(m, p);
}

/*
 * A diagnosis: GPU 1's module 1 dead (4 links down), two links of GPU 1's
 * engine 0 with flags latched, a switch engine hot, a link set down.
 */
static struct nl_msg *diagnosis(void)
{
	struct nl_msg *m = reply(FAMILY, OPHOTON_CMD_DIAGNOSE, 0);

	nla_put_u32(m, OPHOTON_A_FABRIC_ID, 1);
	nla_put_u64(m, OPHOTON_A_FABRIC_CLOCK_NS, 90 * 1000000000ULL);
	nla_put_u32(m, OPHOTON_A_FABRIC_TIME_SCALE, 1);
	nla_put_u32(m, OPHOTON_A_DIAG_PROBLEMS, 5);
	nla_put_u32(m, OPHOTON_A_DIAG_CRITICAL, 1);
	nla_put_u32(m, OPHOTON_A_DIAG_MINOR, 3);
	nla_put_u32(m, OPHOTON_A_DIAG_INFO, 1);
	nla_put_u32(m, OPHOTON_A_DIAG_LINKS_DOWN, 5);
	put_problem(m, OPHOTON_DIAG_MODULE, OPHOTON_SIDE_GPU, 3, OPHOTON_SEVERITY_CRITICAL,
		    OPHOTON_ACT_SWAP_MODULE, OPHOTON_DOWN_MODULE, 4, 4);
	put_problem(m, OPHOTON_DIAG_LINK, 0, 4, OPHOTON_SEVERITY_MINOR,
		    OPHOTON_ACT_CLEAR_FLAGS, -1, 1, 0);
	put_problem(m, OPHOTON_DIAG_LINK, 0, 5, OPHOTON_SEVERITY_MINOR,
		    OPHOTON_ACT_CLEAR_FLAGS, -1, 1, 0);
	put_problem(m, OPHOTON_DIAG_ENGINE, OPHOTON_SIDE_SWITCH, 1, OPHOTON_SEVERITY_MINOR,
		    OPHOTON_ACT_COOLING, OPHOTON_DOWN_THERMAL, 0, 0);
	put_problem(m, OPHOTON_DIAG_LINK, 0, 9, OPHOTON_SEVERITY_INFO,
		    OPHOTON_ACT_LINK_UP, OPHOTON_DOWN_ADMIN, 1, 1);
	return m;
}

static int fake_send(struct nl_sock *sk, struct nl_msg *msg)
{
	struct nlmsghdr *h = nlmsg_hdr(msg);
	struct genlmsghdr *g = nlmsg_data(h);
	int stats, cmd = g->cmd;
	uint32_t offs = 0;

	cur = queue_of(sk);
	last_req = *h;
	last_cmd = cmd;
	memcpy(last_msg, h, h->nlmsg_len < sizeof(last_msg) ? h->nlmsg_len : sizeof(last_msg));
	if (h->nlmsg_type == GENL_ID_CTRL) {
		ctrl_reply();
		return (int)h->nlmsg_len;
	}
	if (cmd == stop_cmd)
		raise(SIGTERM);
	if (cmd == OPHOTON_CMD_ALARM_GET) {
		struct nlattr *a = nlmsg_find_attr(h, GENL_HDRLEN, OPHOTON_A_NTF_SEQ);

		alarm_from = a ? nla_get_u64(a) : 1;
	}
	stats = nlmsg_find_attr(h, GENL_HDRLEN, OPHOTON_A_STATS) != NULL;
	if (req_u32(h, OPHOTON_A_FABRIC_ID, 1, &offs) != 1) {
		ack(-ENODEV, "no such fabric in this network namespace", offs);
		return (int)h->nlmsg_len;
	}
	if (refuse_changes && is_change(cmd)) {
		ack(-EPERM, "the test says no", offs);
		return (int)h->nlmsg_len;
	}
	switch (cmd) {
	case OPHOTON_CMD_VERSION_GET: {
		struct nl_msg *m = reply(FAMILY, cmd, 0);

		nla_put_string(m, OPHOTON_A_VERSION_MODULE, "0.1.0");
		nla_put_u32(m, OPHOTON_A_VERSION_PROTO, 1);
		queue(m);
		ack(0, NULL, 0);
		break;
	}
	case OPHOTON_CMD_LINK_SET:
		/* What the links were named by: the first of the scopes given. */
		set_scope = 0;
		for (size_t i = 0; i < sizeof(scopes) / sizeof(scopes[0]) && !set_scope; i++)
			if (req_u32(h, scopes[i], 0, NULL) != 0 ||
			    nlmsg_find_attr(h, GENL_HDRLEN, scopes[i])) {
				set_scope = scopes[i];
				set_scope_v = req_u32(h, scopes[i], 0, NULL);
			}
		/* Link 3 is training: a retrain is refused. */
		if (req_u32(h, OPHOTON_A_LINK_ID, 0, NULL) == 3)
			(void)req_u32(h, OPHOTON_A_LINK_ACTION, 0, &offs),
			ack(-EBUSY, "link is being brought up", offs);
		else
			ack(0, NULL, 0);
		break;
	case OPHOTON_CMD_DIAGNOSE:
		queue(diagnosis());
		ack(0, NULL, 0);
		break;
	case OPHOTON_CMD_FABRIC_SET:
	case OPHOTON_CMD_MODULE_ACT:
	case OPHOTON_CMD_ENGINE_ACT:
	case OPHOTON_CMD_SIM_MODULE:
	case OPHOTON_CMD_SIM_FAULT:
	case OPHOTON_CMD_SIM_CLOCK:
		ack(0, NULL, 0);
		break;
	case OPHOTON_CMD_HEALTH_GET:
		if (h->nlmsg_flags & NLM_F_DUMP) {
			/* A dump that fails half way: libnl alone calls it a success. */
			struct nl_msg *m = reply(FAMILY, cmd, NLM_F_MULTI);

			put_object(m, cmd, 0, stats);
			queue(m);
			done(-EIO, "the fabric went away mid-dump");
			break;
		}
		/* fall through */
	default:
		if (h->nlmsg_flags & NLM_F_DUMP) {
			uint32_t n = cmd == OPHOTON_CMD_FABRIC_GET ? fabrics : 3U;
			int intr = 0;

			if ((intr_cmd == cmd || intr_cmd == 0) && intr_left > 0) {
				intr_left--;
				intr = NLM_F_DUMP_INTR;
			}
			dumps[cmd]++;
			for (uint32_t i = 0; i < n; i++) {
				struct nl_msg *m = reply(FAMILY, cmd, NLM_F_MULTI |
							 (i == (uint32_t)intr_msg ? intr : 0));

				put_object(m, cmd, i, stats);
				queue(m);
			}

			done_flags(0, NULL, (uint32_t)intr_msg >= n ? intr : 0);
		} else {
			struct nl_msg *m = reply(FAMILY, cmd, 0);

			put_object(m, cmd, req_u32(h, OPHOTON_A_LINK_ID, 0, NULL), stats);
			queue(m);
			ack(0, NULL, 0);
		}
		break;
	}
	return (int)h->nlmsg_len;
}

/* One message per receive: libnl drops the rest of a buffer on NL_STOP. */
static int fake_recv(struct nl_sock *sk, struct sockaddr_nl *nla, unsigned char **buf,
		     struct ucred **creds)
{
	struct queue *q = queue_of(sk);
	struct nlmsghdr *h = (struct nlmsghdr *)q->buf;
	size_t n;

	if (creds)
		*creds = NULL;
	memset(nla, 0, sizeof(*nla));
	nla->nl_family = AF_NETLINK;
	if (!q->n)
		return -NLE_AGAIN;
	n = NLMSG_ALIGN(h->nlmsg_len);
	*buf = malloc(n);
	memcpy(*buf, q->buf, n);
	memmove(q->buf, q->buf + n, q->n - n);
	q->n -= n;
	return (int)n;
}

/* Send @m to the real socket behind @sk, as the kernel would a notification. */
static void notify(struct nl_sock *sk, struct nl_msg *m)
{
	struct sockaddr_nl to = { .nl_family = AF_NETLINK,
				  .nl_pid = nl_socket_get_local_port(sk) };
	int fd = socket(AF_NETLINK, SOCK_RAW, NETLINK_USERSOCK);

	if (fd >= 0) {
		sendto(fd, nlmsg_hdr(m), nlmsg_hdr(m)->nlmsg_len, 0,
		       (struct sockaddr *)&to, sizeof(to));
		close(fd);
	}
}

static int fake_connect(struct nl_sock *sk)
{
	struct nl_cb *cb;
	int err;

	err = nl_connect(sk, NETLINK_USERSOCK);
	if (err < 0)
		return err;
	if (++nsockets == ntf_sock)
		for (int i = 0; i < ntf_n; i++)
			notify(sk, ntf[i]);
	cb = nl_socket_get_cb(sk);
	nl_cb_overwrite_send(cb, fake_send);
	nl_cb_overwrite_recv(cb, fake_recv);
	nl_cb_put(cb);
	/* A new socket may sit where a freed one was: start it empty. */
	for (size_t i = 0; i < sizeof(queues) / sizeof(queues[0]); i++)
		if (queues[i].sk == sk)
			queues[i].n = 0;
	return 0;
}

struct run {
	int ret;
	char out[65536];
	char err[8192];
};

static void slurp(int fd, char *buf, size_t len)
{
	ssize_t n;

	lseek(fd, 0, SEEK_SET);
	n = read(fd, buf, len - 1);
	buf[n > 0 ? n : 0] = '\0';
	close(fd);
}

/* Run ophotonctl with these words, its stdout and stderr captured. */
static void run(struct run *r, ...)
{
	char *argv[64], tmpl_o[] = "/tmp/ophotonctl-out.XXXXXX", tmpl_e[] = "/tmp/ophotonctl-err.XXXXXX";
	int argc = 0, fo = mkstemp(tmpl_o), fe = mkstemp(tmpl_e), so, se;
	va_list ap;

	unlink(tmpl_o);
	unlink(tmpl_e);
	argv[argc++] = "ophotonctl";
	va_start(ap, r);
	while (argc < 63 && (argv[argc] = va_arg(ap, char *)))
		argc++;
	va_end(ap);
	argv[argc] = NULL;
	fflush(stdout);
	fflush(stderr);
	so = dup(1);
	se = dup(2);
	dup2(fo, 1);
	dup2(fe, 2);
	optind = 0;
	r->ret = ophotonctl_main(argc, argv);
	fflush(stdout);
	fflush(stderr);
	dup2(so, 1);
	dup2(se, 2);
	close(so);
	close(se);
	slurp(fo, r->out, sizeof(r->out));
	slurp(fe, r->err, sizeof(r->err));
}

FIXTURE(cli) {
	struct run r;
};

FIXTURE_SETUP(cli)
{
	onl_test_connect = fake_connect;
	onl_test_recv = fake_recv;
	setenv("NO_COLOR", "1", 1);
}

FIXTURE_TEARDOWN(cli)
{
}

/* Each read command, in JSON and in human output. */
static const char *const reads[][8] = {
	{ "fabric", "show" }, { "fabric", "list" }, { "rack", "show" }, { "rack", "show", "1" },
	{ "gpu", "show" }, { "gpu", "show", "1/0/1" }, { "gpu", "show", "rack", "1" },
	{ "engine", "show" }, { "engine", "show", "1/1" }, { "engine", "show", "side", "switch" },
	{ "link", "show" }, { "link", "show", "2" }, { "link", "show", "1/1/0" },
	{ "link", "show", "rack", "1", "tray", "0", "slot", "1" },
	{ "lane", "show", "link", "3" }, { "laser", "show" }, { "laser", "show", "1/1" },
	{ "laser", "show", "1/1", "lasers" }, { "laser", "show", "1/1/2" },
	{ "blast", "laser", "1/1" }, { "blast", "engine", "0/1" }, { "blast", "link", "0/0/1" },
	{ "blast", "tray", "1/0" }, { "blast", "rack", "0" }, { "fabric", "map" },
	{ "fabric", "map", "engines", "blast", "laser", "1/0" }, { "version" },
	{ "-s", "link", "show", "1" }, { "-s", "laser", "show", "1/1" },
	{ "-ss", "link", "show" }, { "-ss", "laser", "show" },
};

/* How many times @needle occurs in @hay. */
static int count(const char *hay, const char *needle)
{
	int n = 0;

	for (const char *p = hay; (p = strstr(p, needle)); p += strlen(needle))
		n++;
	return n;
}

TEST_F(cli, every_read_prints_valid_json_and_the_same_fields_for_people)
{
	char *compact;

	for (size_t i = 0; i < sizeof(reads) / sizeof(reads[0]); i++) {
		const char *const *w = reads[i];

		run(&self->r, "-j", "-s", w[0], w[1], w[2], w[3], w[4], w[5], w[6], w[7], NULL);
		EXPECT_EQ(0, self->r.ret) TH_LOG("%s %s: %s", w[0], w[1] ?: "", self->r.err);
		EXPECT_TRUE(json_valid(self->r.out)) TH_LOG("%s %s: %s", w[0], w[1] ?: "",
							    self->r.out);
		compact = strdup(self->r.out);
		ASSERT_NE(NULL, compact);
		json_squeeze(compact);
		run(&self->r, "-j", "-p", "-s", w[0], w[1], w[2], w[3], w[4], w[5], w[6], w[7],
		    NULL);
		EXPECT_TRUE(json_valid(self->r.out)) TH_LOG("pretty %s: %s", w[0], self->r.out);
		/* Compact JSON's numbers take a quick way; pretty's, the general one. */
		json_squeeze(self->r.out);
		EXPECT_STREQ(compact, self->r.out) TH_LOG("%s %s", w[0], w[1] ?: "");
		free(compact);
		run(&self->r, w[0], w[1], w[2], w[3], w[4], w[5], w[6], w[7], NULL);
		EXPECT_EQ(0, self->r.ret);
		EXPECT_LT(0U, strlen(self->r.out)) TH_LOG("%s %s printed nothing", w[0], w[1] ?: "");
	}
}

TEST_F(cli, ss_shows_every_listed_link_with_its_lanes)
{
	run(&self->r, "-j", "-ss", "link", "show", NULL);
	ASSERT_EQ(0, self->r.ret) TH_LOG("%s", self->r.err);
	/* The fake fabric dumps three links; each carries its lanes. */
	EXPECT_EQ(3, count(self->r.out, "\"lanes\":["));
	run(&self->r, "-j", "-s", "link", "show", NULL);
	EXPECT_EQ(0, count(self->r.out, "\"lanes\":["));
}

TEST_F(cli, json_keys_are_the_spec_names_with_units_and_64_bit_integers)
{
	run(&self->r, "-j", "-s", "link", "show", "1", NULL);
	EXPECT_NE(NULL, strstr(self->r.out, "\"link-state\":\"up\""));
	EXPECT_NE(NULL, strstr(self->r.out, "\"oe-input-udbm\":-2500"));
	EXPECT_NE(NULL, strstr(self->r.out, "\"time-in-state-ns\":1500000000"));
	run(&self->r, "-j", "-s", "lane", "show", "link", "1", "lane", "1", "dir", "down", NULL);
	EXPECT_NE(NULL, strstr(self->r.out, "\"bits\":18446744073709551615"));
	/* A value with a unit too: a saturated clock is not -1. */
	run(&self->r, "-j", "fabric", "show", NULL);
	EXPECT_NE(NULL, strstr(self->r.out, "\"fabric-clock-ns\":18446744073709551615"));
	run(&self->r, "-j", "blast", "laser", "1/1", NULL);
	EXPECT_NE(NULL, strstr(self->r.out, "\"blast-link-ids\":[4,5]"));
	EXPECT_NE(NULL, strstr(self->r.out, "\"attr-250\""));
	run(&self->r, "-j", "-ss", "link", "show", "1", NULL);
	EXPECT_TRUE(json_valid(self->r.out)) TH_LOG("%s", self->r.out);
	EXPECT_NE(NULL, strstr(self->r.out, "\"lanes\":[{\"fabric-id\":1,\"link-id\":")) TH_LOG("%s", self->r.out);
	run(&self->r, "-j", "health", "show", "module", "1", NULL);
	EXPECT_NE(NULL, strstr(self->r.out, "\"health-quarantined\":true"));
}

TEST_F(cli, human_output_converts_units)
{
	run(&self->r, "-s", "link", "show", "1", NULL);
	EXPECT_NE(NULL, strstr(self->r.out, "state up")) TH_LOG("%s", self->r.out);
	EXPECT_NE(NULL, strstr(self->r.out, "oe-input -2.5 dBm")) TH_LOG("%s", self->r.out);
	EXPECT_NE(NULL, strstr(self->r.out, "time-in-state 1.5 s")) TH_LOG("%s", self->r.out);
	/* Flag words for people, the number in JSON. */
	EXPECT_NE(NULL, strstr(self->r.out, "latched los-up,rx-warn-lo")) TH_LOG("%s", self->r.out);
	run(&self->r, "-j", "-s", "link", "show", "1", NULL);
	EXPECT_NE(NULL, strstr(self->r.out, "\"latched\":17")) TH_LOG("%s", self->r.out);
	run(&self->r, "-s", "gpu", "show", "1", NULL);
	EXPECT_NE(NULL, strstr(self->r.out, "power 1.5 kW")) TH_LOG("%s", self->r.out);
	/* Watts in kW from a thousand, as milliwatts are: one unit beside another. */
	run(&self->r, "fabric", "show", NULL);
	EXPECT_NE(NULL, strstr(self->r.out, "rack-budget 150.5 kW")) TH_LOG("%s", self->r.out);
	run(&self->r, "-s", "gpu", "show", "1", NULL);
	EXPECT_NE(NULL, strstr(self->r.out, "temp 47.12 C")) TH_LOG("%s", self->r.out);
	run(&self->r, "-s", "lane", "show", "link", "1", "lane", "1", "dir", "down", NULL);
	EXPECT_NE(NULL, strstr(self->r.out, "ber 1.0e-12")) TH_LOG("%s", self->r.out);
	/* A bound reads as one, in its own key in JSON. */
	run(&self->r, "-s", "lane", "show", "link", "2", "lane", "1", "dir", "down", NULL);
	EXPECT_NE(NULL, strstr(self->r.out, "ber <1e-15")) TH_LOG("%s", self->r.out);
	run(&self->r, "-j", "-s", "lane", "show", "link", "2", "lane", "1", "dir", "down", NULL);
	EXPECT_NE(NULL, strstr(self->r.out, "\"ber-bound-e\":1500")) TH_LOG("%s", self->r.out);
}

/* Each change command, the op it sends and one attribute it must carry. */
static const struct {
	const char *w[8];
	int cmd, attr;
	uint32_t v;
} changes[] = {
	{ { "link", "set", "1", "down" }, OPHOTON_CMD_LINK_SET, OPHOTON_A_LINK_ACTION,
	  OPHOTON_LINK_ACTION_DOWN },
	{ { "link", "set", "0/1/0", "up" }, OPHOTON_CMD_LINK_SET, OPHOTON_A_LINK_ACTION,
	  OPHOTON_LINK_ACTION_UP },
	{ { "link", "set", "2", "clear" }, OPHOTON_CMD_LINK_SET, OPHOTON_A_LINK_ACTION,
	  OPHOTON_LINK_ACTION_CLEAR },
	{ { "fabric", "set", "up" }, OPHOTON_CMD_FABRIC_SET, OPHOTON_A_FABRIC_ACTION,
	  OPHOTON_FABRIC_ACTION_UP },
	{ { "fabric", "set", "time-scale", "10" }, OPHOTON_CMD_FABRIC_SET,
	  OPHOTON_A_FABRIC_TIME_SCALE, 10 },
	{ { "fabric", "set", "thresh", "engine-temp-mc", "warn-hi", "80000" },
	  OPHOTON_CMD_FABRIC_SET, OPHOTON_A_FABRIC_ID, 1 },
	{ { "laser", "prepare-remove", "1/1" }, OPHOTON_CMD_MODULE_ACT, OPHOTON_A_MODULE_ACTION,
	  OPHOTON_MODULE_ACTION_DRAIN },
	{ { "laser", "activate", "3" }, OPHOTON_CMD_MODULE_ACT, OPHOTON_A_MODULE_ACTION,
	  OPHOTON_MODULE_ACTION_ACTIVATE },
	{ { "laser", "reset", "2" }, OPHOTON_CMD_MODULE_ACT, OPHOTON_A_MODULE_ACTION,
	  OPHOTON_MODULE_ACTION_RESET },
	{ { "laser", "recover", "0/0" }, OPHOTON_CMD_MODULE_ACT, OPHOTON_A_MODULE_ACTION,
	  OPHOTON_MODULE_ACTION_RECOVER },
	{ { "laser", "clear", "0" }, OPHOTON_CMD_MODULE_ACT, OPHOTON_A_MODULE_ACTION,
	  OPHOTON_MODULE_ACTION_CLEAR },
	{ { "engine", "recover", "1/0" }, OPHOTON_CMD_ENGINE_ACT, OPHOTON_A_ENGINE_ACTION,
	  OPHOTON_ENGINE_ACTION_RECOVER },
	{ { "engine", "clear", "3", "side", "switch" }, OPHOTON_CMD_ENGINE_ACT,
	  OPHOTON_A_SIDE, OPHOTON_SIDE_SWITCH },
	{ { "sim", "laser", "remove", "1/1" }, OPHOTON_CMD_SIM_MODULE, OPHOTON_A_SIM_ACTION,
	  OPHOTON_SIM_ACTION_REMOVE },
	{ { "sim", "laser", "insert", "1/1", "serial", "9" }, OPHOTON_CMD_SIM_MODULE,
	  OPHOTON_A_MODULE_SERIAL, 9 },
	{ { "sim", "fault", "inject", "fibre-cut", "0/0/1", "fibre", "tx" },
	  OPHOTON_CMD_SIM_FAULT, OPHOTON_A_FAULT_KIND, OPHOTON_FAULT_FIBRE_CUT },
	{ { "sim", "fault", "clear", "engine-death", "1/0" }, OPHOTON_CMD_SIM_FAULT,
	  OPHOTON_A_SIM_ACTION, OPHOTON_SIM_ACTION_REMOVE },
	{ { "sim", "clock", "step", "500ms" }, OPHOTON_CMD_SIM_CLOCK, OPHOTON_A_SIM_STEP_NS,
	  500000000 },
};

TEST(durations_run_from_nanoseconds_to_years_and_refuse_what_a_u64_cannot_hold)
{
	uint64_t ns;

	ASSERT_EQ(0, parse_duration_ns("100ns", &ns));
	EXPECT_EQ(100ULL, ns);
	ASSERT_EQ(0, parse_duration_ns("3d", &ns));
	EXPECT_EQ(3 * 86400000000000ULL, ns);
	ASSERT_EQ(0, parse_duration_ns("584y", &ns));
	EXPECT_EQ(584 * 31536000000000000ULL, ns);
	/* 585 years of nanoseconds is more than 2^64. */
	EXPECT_EQ(-1, parse_duration_ns("585y", &ns));
	EXPECT_EQ(-1, parse_duration_ns("1w", &ns));
	EXPECT_EQ(-1, parse_duration_ns("-1s", &ns));
}

TEST_F(cli, changes_send_their_op_and_attributes_and_refusals_name_the_attribute)
{
	for (size_t i = 0; i < sizeof(changes) / sizeof(changes[0]); i++) {
		const char *const *w = changes[i].w;
		const struct nlmsghdr *h = (const struct nlmsghdr *)last_msg;

		run(&self->r, w[0], w[1], w[2], w[3], w[4], w[5], w[6], w[7], NULL);
		EXPECT_EQ(0, self->r.ret) TH_LOG("%s %s %s: %s", w[0], w[1], w[2], self->r.err);
		EXPECT_EQ(changes[i].cmd, last_cmd) TH_LOG("%s %s %s", w[0], w[1], w[2]);
		EXPECT_EQ(changes[i].v, req_u32((struct nlmsghdr *)h, changes[i].attr, ~0U, NULL))
			TH_LOG("%s %s %s: attribute %d", w[0], w[1], w[2], changes[i].attr);
	}
	run(&self->r, "link", "set", "3", "retrain", NULL);
	EXPECT_EQ(2, self->r.ret);
	EXPECT_NE(NULL, strstr(self->r.err, "Device or resource busy: link is being brought up"));
	EXPECT_NE(NULL, strstr(self->r.err, "(attribute link-action)")) TH_LOG("%s", self->r.err);
	EXPECT_EQ(OPHOTON_CMD_LINK_SET, last_cmd);
}

TEST_F(cli, every_change_the_kernel_refuses_exits_2_with_its_message)
{
	refuse_changes = true;
	for (size_t i = 0; i < sizeof(changes) / sizeof(changes[0]); i++) {
		const char *const *w = changes[i].w;

		run(&self->r, w[0], w[1], w[2], w[3], w[4], w[5], w[6], w[7], NULL);
		EXPECT_EQ(2, self->r.ret) TH_LOG("%s %s %s", w[0], w[1], w[2]);
		EXPECT_NE(NULL, strstr(self->r.err, "Operation not permitted: the test says no"))
			TH_LOG("%s %s %s: %s", w[0], w[1], w[2], self->r.err);
		EXPECT_NE(NULL, strstr(self->r.err, "(attribute fabric-id)"))
			TH_LOG("%s %s %s: %s", w[0], w[1], w[2], self->r.err);
	}
	refuse_changes = false;
}

TEST_F(cli, errors_have_their_documented_exit_codes)
{
	/* 4: no such fabric. */
	run(&self->r, "-F", "9", "link", "show", "1", NULL);
	EXPECT_EQ(4, self->r.ret);
	EXPECT_NE(NULL, strstr(self->r.err, "no such fabric"));
	/* 2: a dump the kernel failed half way, as NLMSG_DONE said. */
	run(&self->r, "health", "show", NULL);
	EXPECT_EQ(2, self->r.ret);
	EXPECT_NE(NULL, strstr(self->r.err, "the fabric went away mid-dump"));
	/* 1: usage, with the command's usage printed. */
	run(&self->r, "link", "show", "16", NULL);
	EXPECT_EQ(1, self->r.ret);
	EXPECT_NE(NULL, strstr(self->r.err, "out of range"));
	EXPECT_NE(NULL, strstr(self->r.err, "Usage: ophotonctl link show"));
	run(&self->r, "lnk", "show", NULL);
	EXPECT_EQ(1, self->r.ret);
	/* Exact keywords: no prefix matching. */
	run(&self->r, "link", "sh", NULL);
	EXPECT_EQ(1, self->r.ret);
	run(&self->r, "link", "show", "gp", "1", NULL);
	EXPECT_EQ(1, self->r.ret);
	run(&self->r, "link", "set", "1", "sideways", NULL);
	EXPECT_EQ(1, self->r.ret);
	run(&self->r, "sim", "fault", "inject", "gremlins", "1", NULL);
	EXPECT_EQ(1, self->r.ret);
	run(&self->r, "sim", "clock", "step", "soon", NULL);
	EXPECT_EQ(1, self->r.ret);
	run(&self->r, "gpu", "show", "rack", "0", "tray", "0", "slot", "2", NULL);
	EXPECT_EQ(1, self->r.ret);
	run(&self->r, "-j", "fabric", "export", NULL);
	EXPECT_EQ(1, self->r.ret);
	/* A place given two ways is a mistake, not the first of them. */
	run(&self->r, "link", "show", "2", "gpu", "1", NULL);
	EXPECT_EQ(1, self->r.ret);
	EXPECT_NE(NULL, strstr(self->r.err, "the link given both by id and by 'gpu'"))
		TH_LOG("%s", self->r.err);
	run(&self->r, "blast", "engine", "1", "gpu", "1", NULL);
	EXPECT_EQ(1, self->r.ret);
	run(&self->r, "laser", "show", "1/1", "module", "0", NULL);
	EXPECT_EQ(1, self->r.ret);
	/* A laser past the module's (4 in the fake fabric): the tool says so. */
	run(&self->r, "laser", "show", "1/1", "laser", "4", NULL);
	EXPECT_EQ(1, self->r.ret);
	EXPECT_NE(NULL, strstr(self->r.err, "laser 4 out of range: a laser module has 4 lasers"))
		TH_LOG("%s", self->r.err);
	run(&self->r, "laser", "show", "1/1/9", NULL);
	EXPECT_EQ(1, self->r.ret);
	run(&self->r, "blast", "laser", "1/1/4", NULL);
	EXPECT_EQ(1, self->r.ret);
	EXPECT_NE(NULL, strstr(self->r.err, "out of range")) TH_LOG("%s", self->r.err);
	run(&self->r, "-j", "laser", "show", "1/1", "laser", "3", NULL);
	EXPECT_EQ(0, self->r.ret) TH_LOG("%s", self->r.err);
	run(&self->r, "gpu", "show", "1", "rack", "0", NULL);
	EXPECT_EQ(1, self->r.ret);
	/* --wait where there is nothing to follow, --timeout without it. */
	run(&self->r, "-w", "sim", "clock", "step", "1s", NULL);
	EXPECT_EQ(1, self->r.ret);
	EXPECT_NE(NULL, strstr(self->r.err, "nothing to follow")) TH_LOG("%s", self->r.err);
	run(&self->r, "-w", "fabric", "set", "time-scale", "10", NULL);
	EXPECT_EQ(1, self->r.ret);
	/* A recovery resets the module: it is followed as a reset is. */
	run(&self->r, "-j", "-w", "--timeout", "1", "laser", "recover", "1/0", NULL);
	EXPECT_NE(1, self->r.ret);
	EXPECT_EQ(NULL, strstr(self->r.err, "nothing to follow")) TH_LOG("%s", self->r.err);
	/* The fake's module reads name another module: followed, never settled. */
	EXPECT_NE(NULL, strstr(self->r.out, "\"module-state\":")) TH_LOG("%s", self->r.out);
	EXPECT_NE(NULL, strstr(self->r.out, "\"result\":")) TH_LOG("%s", self->r.out);
	run(&self->r, "--timeout", "5", "link", "show", NULL);
	EXPECT_EQ(1, self->r.ret);
	EXPECT_NE(NULL, strstr(self->r.err, "--timeout goes with --wait"));
}

TEST_F(cli, help_works_at_every_level_without_the_module)
{
	onl_test_connect = NULL;	/* nothing behind the socket would answer */
	onl_test_recv = NULL;
	run(&self->r, "help", NULL);
	EXPECT_EQ(0, self->r.ret);
	EXPECT_NE(NULL, strstr(self->r.out, "Exit codes"));
	run(&self->r, "link", "help", NULL);
	EXPECT_EQ(0, self->r.ret);
	EXPECT_NE(NULL, strstr(self->r.out, "ophotonctl link set"));
	run(&self->r, "monitor", "help", NULL);
	EXPECT_EQ(0, self->r.ret);
	/* And below the command: its own usage. */
	run(&self->r, "link", "set", "help", NULL);
	EXPECT_EQ(0, self->r.ret);
	EXPECT_NE(NULL, strstr(self->r.out, "Usage: ophotonctl link set")) TH_LOG("%s", self->r.out);
	run(&self->r, "sim", "fault", "help", NULL);
	EXPECT_EQ(0, self->r.ret);
	EXPECT_NE(NULL, strstr(self->r.out, "Usage: ophotonctl sim fault")) TH_LOG("%s", self->r.out);
	run(&self->r, "blast", "laser", "help", NULL);
	EXPECT_EQ(0, self->r.ret);
	run(&self->r, "fabric", "export", "help", NULL);
	EXPECT_EQ(0, self->r.ret);
	EXPECT_NE(NULL, strstr(self->r.out, "Usage: ophotonctl fabric export")) TH_LOG("%s", self->r.out);
	run(&self->r, "-V", NULL);
	EXPECT_EQ(0, self->r.ret);
}

TEST_F(cli, batch_reports_file_and_line_and_stops_unless_forced)
{
	char path[] = "/tmp/ophotonctl-batch.XXXXXX";
	int fd = mkstemp(path);
	const char *text = "# a comment\nlink show 1\nlink \\\n  show 99\nrack show 0\n";

	ASSERT_LE(0, fd);
	ASSERT_EQ((ssize_t)strlen(text), write(fd, text, strlen(text)));
	close(fd);
	run(&self->r, "-b", path, NULL);
	EXPECT_EQ(1, self->r.ret);
	EXPECT_NE(NULL, strstr(self->r.err, ":3: command failed")) TH_LOG("%s", self->r.err);
	/* The command's own message says where it comes from too. */
	EXPECT_NE(NULL, strstr(self->r.err, ":3: ophotonctl: link 99 out of range"))
		TH_LOG("%s", self->r.err);
	EXPECT_EQ(NULL, strstr(self->r.out, "kind")) TH_LOG("stopped: %s", self->r.out);
	run(&self->r, "-f", "-b", path, NULL);
	EXPECT_EQ(1, self->r.ret);
	EXPECT_NE(NULL, strstr(self->r.out, "rack 0")) TH_LOG("went on: %s", self->r.out);
	unlink(path);
}


/*
 * The rules of the Prometheus text format 0.0.4 that node_exporter's
 * parser enforces and ophotonctl must keep: HELP and TYPE lines only, of
 * its five types, every sample named as the TYPE line above it.  NULL, or
 * the first line that breaks them.
 */
static const char *prom_violation(const char *text)
{
	static const char *const types[] = { "counter", "gauge", "untyped", "summary",
					     "histogram" };
	static char line[512], fam[256];
	const char *p = text;

	fam[0] = '\0';
	while (*p) {
		size_t n = strcspn(p, "\n");
		char name[256], type[64];

		snprintf(line, sizeof(line), "%.*s", (int)n, p);
		p += n + (p[n] == '\n');
		if (!strncmp(line, "# HELP ", 7))
			continue;
		if (sscanf(line, "# TYPE %255s %63s", name, type) == 2) {
			bool known = false;

			for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++)
				known |= !strcmp(type, types[i]);
			if (!known)
				return line;
			snprintf(fam, sizeof(fam), "%s", name);
			continue;
		}
		if (line[0] == '#' || strncmp(line, fam, strlen(fam)) || !fam[0] ||
		    (line[strlen(fam)] != '{' && line[strlen(fam)] != ' '))
			return line;
	}
	return NULL;
}

/* Keep the text for check-export.py, where "make check" asks for it. */
static void keep_export(const char *text, const char *name)
{
	const char *dir = getenv("OPHOTON_EXPORT_DIR");
	char path[4096];
	FILE *f;

	if (!dir)
		return;
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "w");
	if (f) {
		fputs(text, f);
		fclose(f);
	}
}

/* The state samples of module 1, and in @ones how many say 1. */
static int module_states(const char *text, int *ones)
{
	static const char key[] =
		"ophoton_laser_module_state{fabric=\"1\",side=\"gpu\",module=\"1\",state=\"";
	int states = 0;

	*ones = 0;
	for (const char *p = text; (p = strstr(p, key)); p += sizeof(key) - 1) {
		states++;
		*ones += !strncmp(strchr(p, '}'), "} 1\n", 4);
	}
	return states;
}

TEST_F(cli, export_is_prometheus_text_by_default)
{
	const char *bad;
	int ones;

	run(&self->r, "fabric", "export", NULL);
	EXPECT_EQ(0, self->r.ret) TH_LOG("%s", self->r.err);
	/* A counter's HELP and TYPE name its samples, _total included. */
	EXPECT_NE(NULL, strstr(self->r.out, "# HELP ophoton_link_downs_total Times the link went down.\n"
				    "# TYPE ophoton_link_downs_total counter\n"
				    "ophoton_link_downs_total{fabric=\"1\",link=\"0\",gpu=\"0\",plane=\"0\"} 0\n"))
		TH_LOG("%s", self->r.out);
	EXPECT_NE(NULL, strstr(self->r.out, "# TYPE ophoton_laser_module_insertions_total counter\n"));
	EXPECT_NE(NULL, strstr(self->r.out, "# HELP ophoton_rack_power_watts Power drawn by a rack.\n"
				    "# TYPE ophoton_rack_power_watts gauge\n"));
	/* States: a gauge per state, 1 for the one the module is in. */
	EXPECT_NE(NULL, strstr(self->r.out, "# TYPE ophoton_laser_module_state gauge\n"));
	EXPECT_NE(NULL, strstr(self->r.out, "ophoton_laser_module_state{fabric=\"1\",side=\"gpu\",module=\"1\",state=\"ready\"} 1\n"));
	EXPECT_NE(NULL, strstr(self->r.out, "ophoton_laser_module_state{fabric=\"1\",side=\"gpu\",module=\"1\",state=\"absent\"} 0\n"));
	EXPECT_LT(3, module_states(self->r.out, &ones));
	EXPECT_EQ(1, ones) TH_LOG("a module in exactly one state");
	/* Nothing of OpenMetrics. */
	EXPECT_EQ(NULL, strstr(self->r.out, "# EOF"));
	EXPECT_EQ(NULL, strstr(self->r.out, "# UNIT"));
	EXPECT_EQ(NULL, strstr(self->r.out, "stateset"));
	bad = prom_violation(self->r.out);
	EXPECT_EQ(NULL, bad) TH_LOG("not Prometheus text 0.0.4: %s", bad);
	/* Every family once: as many TYPE lines as families written. */
	EXPECT_EQ(count(self->r.out, "# HELP "), count(self->r.out, "# TYPE "));
	EXPECT_EQ(20, count(self->r.out, "# TYPE ")) TH_LOG("%s", self->r.out);
	keep_export(self->r.out, "export.prom");
	run(&self->r, "fabric", "export", "--format", "prometheus", NULL);
	EXPECT_EQ(0, self->r.ret) TH_LOG("%s", self->r.err);
	EXPECT_EQ(NULL, prom_violation(self->r.out));
	run(&self->r, "fabric", "export", "format", "prometheus", NULL);
	EXPECT_EQ(0, self->r.ret) TH_LOG("%s", self->r.err);
	EXPECT_EQ(NULL, strstr(self->r.out, "# EOF"));
}

TEST_F(cli, export_openmetrics_on_request)
{
	run(&self->r, "fabric", "export", "--format", "openmetrics", NULL);
	EXPECT_EQ(0, self->r.ret) TH_LOG("%s", self->r.err);
	EXPECT_NE(NULL, strstr(self->r.out, "# TYPE ophoton_link_downs counter\n"
				    "# HELP ophoton_link_downs Times the link went down.\n"
				    "ophoton_link_downs_total{fabric=\"1\",link=\"0\""))
		TH_LOG("%s", self->r.out);
	EXPECT_NE(NULL, strstr(self->r.out, "# TYPE ophoton_rack_power_watts gauge\n"
				    "# UNIT ophoton_rack_power_watts watts\n"));
	EXPECT_NE(NULL, strstr(self->r.out, "# TYPE ophoton_laser_module_state stateset\n"));
	EXPECT_NE(NULL, strstr(self->r.out, ",module=\"1\",ophoton_laser_module_state=\"ready\"} 1\n"));
	EXPECT_EQ(NULL, strstr(self->r.out, "_total counter"));
	EXPECT_EQ(0, strcmp(self->r.out + strlen(self->r.out) - 6, "# EOF\n"));
	EXPECT_EQ(1, count(self->r.out, "# EOF"));
	keep_export(self->r.out, "export.om");
	run(&self->r, "fabric", "export", "format", "openmetrics", NULL);
	EXPECT_EQ(0, self->r.ret) TH_LOG("%s", self->r.err);
	EXPECT_NE(NULL, strstr(self->r.out, "stateset"));
	run(&self->r, "fabric", "export", "--format", "csv", NULL);
	EXPECT_EQ(1, self->r.ret);
	EXPECT_NE(NULL, strstr(self->r.err, "the format is prometheus (the default) or openmetrics"));
	run(&self->r, "fabric", "export", "--format", NULL);
	EXPECT_EQ(1, self->r.ret);
	run(&self->r, "fabric", "export", "--format", "openmetrics", "x", NULL);
	EXPECT_EQ(1, self->r.ret);
	run(&self->r, "-j", "fabric", "export", NULL);
	EXPECT_EQ(1, self->r.ret);
}

static const char intr_warning[] =
	"ophotonctl: warning: the fabric changed during the dump; the output may mix "
	"states from before and after (run it again)\n";

TEST_F(cli, an_interrupted_dump_warns_once_and_keeps_its_output)
{
	/* show: the warning alone on stderr, exit 0, every object, valid JSON. */
	intr_cmd = OPHOTON_CMD_LINK_GET;
	intr_left = 1;
	run(&self->r, "-j", "link", "show", NULL);
	EXPECT_EQ(0, self->r.ret);
	EXPECT_STREQ(intr_warning, self->r.err);
	EXPECT_TRUE(json_valid(self->r.out)) TH_LOG("%s", self->r.out);
	EXPECT_EQ(3, count(self->r.out, "\"link-id\":"));
	EXPECT_EQ(1, dumps[OPHOTON_CMD_LINK_GET]);
	/* In human output too; "list" is "show". */
	intr_left = 1;
	run(&self->r, "link", "list", NULL);
	EXPECT_EQ(0, self->r.ret);
	EXPECT_STREQ(intr_warning, self->r.err);
	/* The flag on NLMSG_DONE alone: a change after the last object. */
	intr_msg = 3;
	intr_left = 1;
	run(&self->r, "-j", "-p", "link", "show", NULL);
	EXPECT_STREQ(intr_warning, self->r.err);
	EXPECT_TRUE(json_valid(self->r.out)) TH_LOG("%s", self->r.out);
	intr_msg = 1;
	/* Not flagged: no warning. */
	run(&self->r, "-j", "link", "show", NULL);
	EXPECT_STREQ("", self->r.err);
	/* -ss: the children's dumps. */
	intr_cmd = OPHOTON_CMD_LANE_GET;
	intr_left = 1;
	run(&self->r, "-j", "-ss", "link", "show", "1", NULL);
	EXPECT_EQ(0, self->r.ret);
	EXPECT_STREQ(intr_warning, self->r.err);
	EXPECT_TRUE(json_valid(self->r.out)) TH_LOG("%s", self->r.out);
	EXPECT_NE(NULL, strstr(self->r.out, "\"lanes\":[{")) TH_LOG("%s", self->r.out);
	/* map. */
	intr_cmd = OPHOTON_CMD_GPU_GET;
	intr_left = 1;
	run(&self->r, "-j", "fabric", "map", NULL);
	EXPECT_EQ(0, self->r.ret);
	EXPECT_STREQ(intr_warning, self->r.err);
	EXPECT_TRUE(json_valid(self->r.out)) TH_LOG("%s", self->r.out);
	/* export, every dump flagged: one warning, the text whole. */
	intr_cmd = 0;
	intr_left = 100;
	run(&self->r, "fabric", "export", NULL);
	EXPECT_EQ(0, self->r.ret);
	EXPECT_STREQ(intr_warning, self->r.err);
	EXPECT_EQ(NULL, prom_violation(self->r.out));
	EXPECT_EQ(20, count(self->r.out, "# TYPE "));
	intr_left = 100;
	run(&self->r, "fabric", "export", "--format", "openmetrics", NULL);
	EXPECT_STREQ(intr_warning, self->r.err);
	EXPECT_EQ(0, strcmp(self->r.out + strlen(self->r.out) - 6, "# EOF\n"));
}

/*
 * A reply's attributes are its own: a flag of one record is not seen in
 * the next (the tool clears only what each record set).
 */
TEST_F(cli, each_record_of_a_dump_is_read_without_the_one_before)
{
	run(&self->r, "-j", "fabric", "map", "engines", NULL);
	ASSERT_EQ(0, self->r.ret) TH_LOG("%s", self->r.err);
	EXPECT_TRUE(json_valid(self->r.out)) TH_LOG("%s", self->r.out);
	EXPECT_NE(NULL, strstr(self->r.out, "\"engine-id\":0,")) TH_LOG("%s", self->r.out);
	EXPECT_EQ(1, count(self->r.out, "\"state\":\"failed\"")) TH_LOG("%s", self->r.out);
	EXPECT_EQ(2, count(self->r.out, "\"state\":\"up\"")) TH_LOG("%s", self->r.out);
}

/*
 * Work that finished without a notification saying so is not reported as
 * a timeout: when time is up, the states are read once more.
 */
TEST_F(cli, a_wait_reads_again_before_it_reports_a_timeout)
{
	training_dumps = 1;
	run(&self->r, "-j", "-w", "--timeout", "1", "link", "set", "1", "up", NULL);
	EXPECT_EQ(0, self->r.ret) TH_LOG("%s", self->r.err);
	EXPECT_NE(NULL, strstr(self->r.out, "\"result\":\"done\"")) TH_LOG("%s", self->r.out);
	EXPECT_EQ(NULL, strstr(self->r.err, "timed out")) TH_LOG("%s", self->r.err);
	training_dumps = -1;
}

/* link set names one link, or every link of a GPU, engine, module, tray or rack. */
TEST_F(cli, link_set_names_the_links_of_a_place_in_one_request)
{
	run(&self->r, "link", "set", "gpu", "2", "clear", NULL);
	EXPECT_EQ(0, self->r.ret) TH_LOG("%s", self->r.err);
	EXPECT_EQ(OPHOTON_A_GPU_ID, set_scope);
	EXPECT_EQ(2U, set_scope_v);
	/* GPU 1's engine 1: engine 3 of 2 per GPU. */
	run(&self->r, "link", "set", "gpu", "1", "engine", "1", "down", NULL);
	EXPECT_EQ(0, self->r.ret) TH_LOG("%s", self->r.err);
	EXPECT_EQ(OPHOTON_A_ENGINE_ID, set_scope);
	EXPECT_EQ(3U, set_scope_v);
	run(&self->r, "link", "set", "engine", "1", "side", "switch", "down", NULL);
	EXPECT_EQ(0, self->r.ret) TH_LOG("%s", self->r.err);
	EXPECT_EQ(OPHOTON_A_ENGINE_ID, set_scope);
	EXPECT_EQ(1U, set_scope_v);
	run(&self->r, "link", "set", "module", "1", "side", "switch", "down", NULL);
	EXPECT_EQ(0, self->r.ret) TH_LOG("%s", self->r.err);
	EXPECT_EQ(OPHOTON_A_MODULE_ID, set_scope);
	run(&self->r, "link", "set", "rack", "1", "tray", "0", "up", NULL);
	EXPECT_EQ(0, self->r.ret) TH_LOG("%s", self->r.err);
	EXPECT_EQ(OPHOTON_A_RACK_ID, set_scope);
	EXPECT_EQ(1U, set_scope_v);
	run(&self->r, "link", "set", "1/0/1", "up", NULL);
	EXPECT_EQ(0, self->r.ret) TH_LOG("%s", self->r.err);
	EXPECT_EQ(OPHOTON_A_LINK_ID, set_scope);
	/* The tool says what it cannot name, before asking the kernel. */
	set_scope = -1;
	run(&self->r, "link", "set", "rack", "5", "up", NULL);
	EXPECT_EQ(1, self->r.ret);
	EXPECT_NE(NULL, strstr(self->r.err, "rack 5 out of range")) TH_LOG("%s", self->r.err);
	/* Said once, without a second, vaguer complaint. */
	EXPECT_EQ(NULL, strstr(self->r.err, "which links")) TH_LOG("%s", self->r.err);
	run(&self->r, "link", "set", "rack", "0", "tray", "3", "up", NULL);
	EXPECT_EQ(1, self->r.ret);
	run(&self->r, "link", "set", "1/0", "up", NULL);
	EXPECT_EQ(1, self->r.ret);
	run(&self->r, "link", "set", "down", NULL);
	EXPECT_EQ(1, self->r.ret);
	run(&self->r, "-w", "link", "set", "module", "1", "side", "switch", "down", NULL);
	EXPECT_EQ(1, self->r.ret);
	EXPECT_NE(NULL, strstr(self->r.err, "--wait follows")) TH_LOG("%s", self->r.err);
	EXPECT_EQ(-1, set_scope);
}

/* Listing fabrics is what fabric list is for, however many there are. */
TEST_F(cli, fabric_list_lists_every_fabric_of_the_namespace)
{
	fabrics = 2;
	run(&self->r, "-j", "fabric", "list", NULL);
	EXPECT_EQ(0, self->r.ret) TH_LOG("%s", self->r.err);
	EXPECT_TRUE(json_valid(self->r.out)) TH_LOG("%s", self->r.out);
	EXPECT_EQ(2, count(self->r.out, "\"fabric-gpus\":4")) TH_LOG("%s", self->r.out);
	EXPECT_NE(NULL, strstr(self->r.out, "\"fabric-id\":2,")) TH_LOG("%s", self->r.out);
	run(&self->r, "fabric", "show", NULL);
	EXPECT_EQ(0, self->r.ret) TH_LOG("%s", self->r.err);
	EXPECT_EQ(2, count(self->r.out, "fabric 1") + count(self->r.out, "fabric 2"))
		TH_LOG("%s", self->r.out);
	/* A command about one fabric still asks which. */
	run(&self->r, "link", "show", "1", NULL);
	EXPECT_EQ(1, self->r.ret);
	EXPECT_NE(NULL, strstr(self->r.err, "2 fabrics here: say which")) TH_LOG("%s", self->r.err);
	fabrics = 1;
}

TEST_F(cli, internal_reads_run_an_interrupted_dump_again)
{
	/* Finding the only fabric: read again, silently. */
	intr_cmd = OPHOTON_CMD_FABRIC_GET;
	intr_left = 2;
	run(&self->r, "-j", "link", "show", "2", NULL);
	EXPECT_EQ(0, self->r.ret);
	EXPECT_STREQ("", self->r.err);
	EXPECT_EQ(3, dumps[OPHOTON_CMD_FABRIC_GET]);
	/* --wait's read of every link: twice interrupted, read three times. */
	intr_cmd = OPHOTON_CMD_LINK_GET;
	intr_left = 2;
	run(&self->r, "-w", "--timeout", "1", "fabric", "set", "up", NULL);
	EXPECT_EQ(3, self->r.ret);	/* nothing notifies the fake's links up */
	EXPECT_NE(NULL, strstr(self->r.err, "timed out")) TH_LOG("%s", self->r.err);
	EXPECT_EQ(NULL, strstr(self->r.err, "warning")) TH_LOG("%s", self->r.err);
	/* Three reads, then the last look before the timeout. */
	EXPECT_EQ(3 + 1, dumps[OPHOTON_CMD_LINK_GET]);
	/* Always interrupted: each read gives up after DUMP_TRIES, still silent. */
	intr_left = 100;
	run(&self->r, "-w", "--timeout", "1", "fabric", "set", "up", NULL);
	EXPECT_EQ(NULL, strstr(self->r.err, "warning")) TH_LOG("%s", self->r.err);
	EXPECT_EQ(3 + 1 + 4 + 4, dumps[OPHOTON_CMD_LINK_GET]);
}

/* A link notification of fabric 1 with sequence number @seq. */
static struct nl_msg *link_ntf(uint64_t seq)
{
	struct nl_msg *m = nlmsg_alloc();

	genlmsg_put(m, 0, 0, FAMILY, 0, 0, OPHOTON_CMD_LINK_NTF, 1);
	nla_put_u32(m, OPHOTON_A_FABRIC_ID, 1);
	nla_put_u64(m, OPHOTON_A_NTF_SEQ, seq);
	nla_put_u32(m, OPHOTON_A_LINK_ID, 9);
	nla_put_u8(m, OPHOTON_A_LINK_STATE, OPHOTON_LINK_STATE_DOWN);
	return m;
}

/* A fabric-ntf of fabric 1 with all eight thresholds; lane rx warning low at @rx_warn_lo. */
static struct nl_msg *fabric_ntf(uint8_t event, uint64_t seq, int32_t rx_warn_lo)
{
	struct nl_msg *m = nlmsg_alloc();

	genlmsg_put(m, 0, 0, FAMILY, 0, 0, OPHOTON_CMD_FABRIC_NTF, 1);
	nla_put_u32(m, OPHOTON_A_FABRIC_ID, 1);
	nla_put_u8(m, OPHOTON_A_FABRIC_EVENT, event);
	if (seq)
		nla_put_u64(m, OPHOTON_A_NTF_SEQ, seq);
	put_fabric(m);
	for (uint8_t id = OPHOTON_THRESH_LANE_RX_UDBM; id <= OPHOTON_THRESH_ENGINE_TEMP_MC; id++) {
		struct nlattr *n = nla_nest_start(m, OPHOTON_A_THRESH);

		nla_put_u8(m, OPHOTON_A_THRESH_ID, id);
		nla_put_s32(m, OPHOTON_A_THRESH_ALARM_LO, -10000);
		nla_put_s32(m, OPHOTON_A_THRESH_WARN_LO,
			    id == OPHOTON_THRESH_LANE_RX_UDBM ? rx_warn_lo : -9000);
		nla_put_s32(m, OPHOTON_A_THRESH_WARN_HI, 80000);
		nla_put_s32(m, OPHOTON_A_THRESH_ALARM_HI, 90000);
		nla_nest_end(m, n);
	}
	return m;
}

TEST_F(cli, monitor_prints_an_event_a_line_and_of_thresholds_those_that_changed)
{
	char *line;
	int lines = 0, ntfs = 0;

	/* Created; one threshold changed; a change of nothing; a gap ends it. */
	ntf[0] = fabric_ntf(OPHOTON_FABRIC_EVENT_CREATE, 0, -7000);
	ntf[1] = fabric_ntf(OPHOTON_FABRIC_EVENT_CHANGE, 1, -7500);
	ntf[2] = fabric_ntf(OPHOTON_FABRIC_EVENT_CHANGE, 2, -7500);
	ntf[3] = link_ntf(4);
	ntf_n = 4;
	nsockets = 0;
	ntf_sock = 2;
	stop_cmd = OPHOTON_CMD_HEALTH_GET;
	run(&self->r, "monitor", "config", NULL);
	for (int i = 0; i < 4; i++)
		nlmsg_free(ntf[i]);
	ntf_n = 0;
	EXPECT_EQ(0, self->r.ret) TH_LOG("%s", self->r.err);
	/* The change names the threshold it changed, and no other. */
	EXPECT_EQ(1, count(self->r.out, "thresh:")) TH_LOG("%s", self->r.out);
	EXPECT_NE(NULL, strstr(self->r.out, "thresh: id lane-rx-udbm alarm-lo -10000 warn-lo -7500 "))
		TH_LOG("%s", self->r.out);
	EXPECT_EQ(NULL, strstr(self->r.out, "engine-temp")) TH_LOG("%s", self->r.out);
	EXPECT_EQ(2, count(self->r.out, "(other thresholds unchanged)")) TH_LOG("%s", self->r.out);
	/* Each event on one line of its own. */
	for (line = strtok(self->r.out, "\n"); line; line = strtok(NULL, "\n")) {
		lines++;
		ntfs += !strncmp(line, "fabric-ntf ", 11);
	}
	EXPECT_EQ(3, ntfs);
	/* JSON keeps every threshold of every event. */
	ntf[0] = fabric_ntf(OPHOTON_FABRIC_EVENT_CREATE, 0, -7000);
	ntf[1] = fabric_ntf(OPHOTON_FABRIC_EVENT_CHANGE, 1, -7500);
	ntf[2] = link_ntf(3);
	ntf_n = 3;
	nsockets = 0;
	run(&self->r, "-j", "monitor", "config", NULL);
	for (int i = 0; i < 3; i++)
		nlmsg_free(ntf[i]);
	ntf_n = 0;
	EXPECT_EQ(16, count(self->r.out, "{\"id\":")) TH_LOG("%s", self->r.out);
}

TEST_F(cli, monitor_prints_only_a_resync_no_change_interrupted)
{
	char *line;
	int lines = 0;

	/* Events 1 and 3 on the monitor's socket (its second): 2 was lost. */
	ntf[0] = link_ntf(1);
	ntf[1] = link_ntf(3);
	ntf_n = 2;
	ntf_sock = 2;
	/* The re-read of the unhealthy links is interrupted twice. */
	intr_cmd = OPHOTON_CMD_LINK_GET;
	intr_left = 2;
	/* The last request of the re-read ends the watch. */
	stop_cmd = OPHOTON_CMD_HEALTH_GET;
	run(&self->r, "-j", "monitor", "config", NULL);
	nlmsg_free(ntf[0]);
	nlmsg_free(ntf[1]);
	EXPECT_EQ(0, self->r.ret) TH_LOG("%s", self->r.err);
	EXPECT_NE(NULL, strstr(self->r.err, "1 notifications of fabric 1 lost")) TH_LOG("%s", self->r.err);
	EXPECT_EQ(NULL, strstr(self->r.err, "warning")) TH_LOG("%s", self->r.err);
	EXPECT_EQ(3, dumps[OPHOTON_CMD_LINK_GET]);
	/* One resync, with the links once: those of the last, whole read. */
	EXPECT_EQ(1, count(self->r.out, "\"name\":\"resync-start\""));
	EXPECT_EQ(1, count(self->r.out, "\"name\":\"resync-end\"")) TH_LOG("%s", self->r.out);
	EXPECT_EQ(1, count(self->r.out, "\"link-id\":0,")) TH_LOG("%s", self->r.out);
	EXPECT_EQ(2, count(self->r.out, "\"name\":\"link-ntf\""));
	/* Still one JSON value per line. */
	for (line = strtok(self->r.out, "\n"); line; line = strtok(NULL, "\n")) {
		EXPECT_TRUE(json_valid(line)) TH_LOG("%s", line);
		lines++;
	}
	EXPECT_LE(8, lines);
}

/* An alarm notification of fabric 1 with sequence number @seq. */
static struct nl_msg *alarm_ntf(uint64_t seq)
{
	struct nl_msg *m = nlmsg_alloc();

	genlmsg_put(m, 0, 0, FAMILY, 0, 0, OPHOTON_CMD_ALARM_NTF, 1);
	nla_put_u32(m, OPHOTON_A_FABRIC_ID, 1);
	nla_put_u8(m, OPHOTON_A_ALARM_KIND, OPHOTON_ALARM_THRESHOLD_LINK);
	nla_put_u32(m, OPHOTON_A_LINK_ID, 9);
	nla_put_u64(m, OPHOTON_A_NTF_SEQ, seq);
	return m;
}

TEST_F(cli, monitor_reads_missed_alarms_back_from_the_history_in_order)
{
	char *line, *two, *three, *four;
	int lines = 0;

	/* Alarms 1 and 4 on the monitor's socket (its second): 2 and 3 missed. */
	ntf[0] = alarm_ntf(1);
	ntf[1] = alarm_ntf(4);
	ntf_n = 2;
	ntf_sock = 2;
	/* Reading the history ends the watch, once the events are printed. */
	stop_cmd = OPHOTON_CMD_ALARM_GET;
	run(&self->r, "-j", "monitor", "all", NULL);
	nlmsg_free(ntf[0]);
	nlmsg_free(ntf[1]);
	EXPECT_EQ(0, self->r.ret) TH_LOG("%s", self->r.err);
	EXPECT_NE(NULL, strstr(self->r.err, "2 alarms of fabric 1 missed; read back from its history"))
		TH_LOG("%s", self->r.err);
	/* No re-read of the state: nothing was lost. */
	EXPECT_EQ(0, count(self->r.out, "resync-start")) TH_LOG("%s", self->r.out);
	EXPECT_EQ(1, dumps[OPHOTON_CMD_ALARM_GET]);
	/* 1, then 2 and 3 from the history, then 4: in order, once each. */
	EXPECT_EQ(4, count(self->r.out, "\"name\":\"alarm-ntf\""));
	EXPECT_EQ(2, count(self->r.out, "\"replayed\":true"));
	two = strstr(self->r.out, "\"ntf-seq\":2,");
	three = strstr(self->r.out, "\"ntf-seq\":3,");
	four = strstr(self->r.out, "\"ntf-seq\":4");
	ASSERT_NE(NULL, two) TH_LOG("%s", self->r.out);
	ASSERT_NE(NULL, three);
	ASSERT_NE(NULL, four);
	EXPECT_LT(two, three);
	EXPECT_LT(three, four);
	for (line = strtok(self->r.out, "\n"); line; line = strtok(NULL, "\n")) {
		EXPECT_TRUE(json_valid(line)) TH_LOG("%s", line);
		lines++;
	}
	EXPECT_LE(6, lines);
}

/* A laser alarm of fabric 1's module 4: bias alarm-hi, power warn-lo of lasers 0-3 and 7. */
static struct nl_msg *laser_alarm_ntf(uint64_t seq)
{
	struct nl_msg *m = nlmsg_alloc();

	genlmsg_put(m, 0, 0, FAMILY, 0, 0, OPHOTON_CMD_ALARM_NTF, 1);
	nla_put_u32(m, OPHOTON_A_FABRIC_ID, 1);
	nla_put_u32(m, OPHOTON_A_MODULE_ID, 4);
	nla_put_u8(m, OPHOTON_A_ALARM_KIND, OPHOTON_ALARM_THRESHOLD_LASERS);
	nla_put_u32(m, OPHOTON_A_ALARM_FLAGS, 0x18);
	nla_put_u32(m, OPHOTON_A_ALARM_LASERS, 0x8f);
	nla_put_u64(m, OPHOTON_A_NTF_SEQ, seq);
	return m;
}

/* A monitor of @fmt (NULL or "-j") that sees a laser alarm, then a gap, then ends. */
static void watch_laser_alarm(struct run *r, const char *fmt)
{
	ntf[0] = laser_alarm_ntf(1);
	ntf[1] = alarm_ntf(3);
	ntf_n = 2;
	/* The monitor's socket is the second this run opens. */
	nsockets = 0;
	ntf_sock = 2;
	stop_cmd = OPHOTON_CMD_ALARM_GET;
	if (fmt)
		run(r, fmt, "monitor", "all", NULL);
	else
		run(r, "monitor", "all", NULL);
	nlmsg_free(ntf[0]);
	nlmsg_free(ntf[1]);
	ntf_n = 0;
}

TEST_F(cli, flag_words_and_laser_bitmaps_read_as_names_in_text_and_json)
{
	/* An alarm's flags read as its object's: a laser alarm's as a laser's. */
	watch_laser_alarm(&self->r, NULL);
	EXPECT_EQ(0, self->r.ret) TH_LOG("%s", self->r.err);
	EXPECT_NE(NULL, strstr(self->r.out, "flags bias-alarm-hi,power-warn-lo"))
		TH_LOG("%s", self->r.out);
	EXPECT_NE(NULL, strstr(self->r.out, "lasers 0-3,7")) TH_LOG("%s", self->r.out);
	/* A link alarm's, read back from the history, as a link's. */
	EXPECT_NE(NULL, strstr(self->r.out, "flags rx-warn-lo")) TH_LOG("%s", self->r.out);
	EXPECT_EQ(NULL, strstr(self->r.out, "lasers 143")) TH_LOG("%s", self->r.out);
	/* JSON: the number under the spec's key, the names beside it. */
	watch_laser_alarm(&self->r, "-j");
	EXPECT_EQ(0, self->r.ret) TH_LOG("%s", self->r.err);
	EXPECT_NE(NULL, strstr(self->r.out, "\"alarm-flags\":24,"
				"\"alarm-flags-names\":[\"bias-alarm-hi\",\"power-warn-lo\"]"))
		TH_LOG("%s", self->r.out);
	EXPECT_NE(NULL, strstr(self->r.out, "\"alarm-lasers\":143,"
				"\"alarm-lasers-list\":[0,1,2,3,7]")) TH_LOG("%s", self->r.out);
	EXPECT_NE(NULL, strstr(self->r.out, "\"alarm-flags\":16,"
				"\"alarm-flags-names\":[\"rx-warn-lo\"]")) TH_LOG("%s", self->r.out);
	/* Pretty JSON the same. */
	watch_laser_alarm(&self->r, "-jp");
	EXPECT_NE(NULL, strstr(self->r.out, "\"alarm-flags-names\": [")) TH_LOG("%s", self->r.out);
	/* A telemetry word, in a listing's records. */
	run(&self->r, "-j", "-s", "link", "show", "1", NULL);
	EXPECT_NE(NULL, strstr(self->r.out, "\"latched\":17,\"latched-names\":[\"los-up\",\"rx-warn-lo\"]"))
		TH_LOG("%s", self->r.out);
	EXPECT_TRUE(json_valid(self->r.out)) TH_LOG("%s", self->r.out);
	/* None up: an empty list, in compact and pretty JSON alike. */
	run(&self->r, "-j", "-s", "link", "show", NULL);
	EXPECT_NE(NULL, strstr(self->r.out, "\"latched\":0,\"latched-names\":[]}"))
		TH_LOG("%s", self->r.out);
	EXPECT_TRUE(json_valid(self->r.out)) TH_LOG("%s", self->r.out);
	run(&self->r, "-j", "-p", "-s", "link", "show", NULL);
	EXPECT_NE(NULL, strstr(self->r.out, "\"latched-names\": []")) TH_LOG("%s", self->r.out);
	EXPECT_TRUE(json_valid(self->r.out)) TH_LOG("%s", self->r.out);
}

TEST_F(cli, blast_prints_its_summary_first_and_link_ids_as_ranges)
{
	const char *links, *ids;

	run(&self->r, "blast", "laser", "1/1", NULL);
	EXPECT_EQ(0, self->r.ret) TH_LOG("%s", self->r.err);
	links = strstr(self->r.out, "links 2");
	ids = strstr(self->r.out, "link-ids 4-5");
	ASSERT_NE(NULL, links) TH_LOG("%s", self->r.out);
	ASSERT_NE(NULL, ids) TH_LOG("%s", self->r.out);
	EXPECT_LT(links, ids) TH_LOG("%s", self->r.out);
	/* JSON: every id, in the kernel's order. */
	run(&self->r, "-j", "blast", "laser", "1/1", NULL);
	EXPECT_NE(NULL, strstr(self->r.out, "\"blast-link-ids\":[4,5]")) TH_LOG("%s", self->r.out);
}

TEST_F(cli, alarm_show_and_ack_name_an_alarm_by_its_number)
{
	run(&self->r, "alarm", "show", NULL);
	ASSERT_EQ(0, self->r.ret) TH_LOG("%s", self->r.err);
	EXPECT_EQ(3, count(self->r.out, "kind threshold-link")) TH_LOG("%s", self->r.out);
	/* When, as a person reads it: UTC wall clock and virtual time. */
	EXPECT_NE(NULL, strstr(self->r.out, "wall 2026-12-07T03:52:45Z")) TH_LOG("%s", self->r.out);
	EXPECT_NE(NULL, strstr(self->r.out, "severity minor"));
	run(&self->r, "-j", "alarm", "show", "from", "7", "active", NULL);
	ASSERT_EQ(0, self->r.ret);
	EXPECT_TRUE(json_valid(self->r.out)) TH_LOG("%s", self->r.out);
	EXPECT_NE(NULL, strstr(self->r.out, "\"ntf-seq\":7,"));
	EXPECT_NE(NULL, nlmsg_find_attr((struct nlmsghdr *)last_msg, GENL_HDRLEN,
					OPHOTON_A_ALARM_ACTIVE));
	run(&self->r, "alarm", "ack", "7", NULL);
	EXPECT_EQ(0, self->r.ret);
	EXPECT_EQ(OPHOTON_CMD_ALARM_ACK, last_cmd);
	/* Bad numbers and mixed forms: usage errors, nothing sent. */
	last_cmd = -1;
	run(&self->r, "alarm", "ack", "0", NULL);
	EXPECT_EQ(1, self->r.ret);
	EXPECT_NE(NULL, strstr(self->r.err, "not an alarm number")) TH_LOG("%s", self->r.err);
	run(&self->r, "alarm", "ack", "-3", NULL);
	EXPECT_EQ(1, self->r.ret);
	run(&self->r, "alarm", "show", "7", "active", NULL);
	EXPECT_EQ(1, self->r.ret);
	EXPECT_EQ(-1, last_cmd);
}

TEST_F(cli, diagnose_names_objects_as_commands_take_them_and_merges_alike_links)
{
	run(&self->r, "fabric", "diagnose", NULL);
	ASSERT_EQ(0, self->r.ret) TH_LOG("%s", self->r.err);
	EXPECT_NE(NULL, strstr(self->r.out, "fabric 1 at 1m30s virtual: 5 problems (1 critical"))
		TH_LOG("%s", self->r.out);
	/* Worst first, as the kernel ordered them; each in the address typed. */
	EXPECT_NE(NULL, strstr(self->r.out, "critical  laser 1/1 "));
	EXPECT_NE(NULL, strstr(self->r.out, "module          4/4 "));
	EXPECT_NE(NULL, strstr(self->r.out, "swap-module\n"));
	/* Two links of one engine alike: one row, their counts added. */
	EXPECT_NE(NULL, strstr(self->r.out, "minor     link 1/0/0-1 "));
	EXPECT_NE(NULL, strstr(self->r.out, "flags           0/2 "));
	EXPECT_NE(NULL, strstr(self->r.out, "engine 1 side switch"));
	EXPECT_NE(NULL, strstr(self->r.out, "info      link 2/0/1 "));
	EXPECT_EQ(1, count(self->r.out, "clear-flags"));
	run(&self->r, "-j", "fabric", "diagnose", NULL);
	ASSERT_EQ(0, self->r.ret);
	EXPECT_TRUE(json_valid(self->r.out)) TH_LOG("%s", self->r.out);
	/* JSON keeps each problem, by the spec's names. */
	EXPECT_EQ(5, count(self->r.out, "\"obj\":"));
	EXPECT_NE(NULL, strstr(self->r.out, "\"action\":\"swap-module\""));
	run(&self->r, "fabric", "diagnose", "1", "2", NULL);
	EXPECT_EQ(1, self->r.ret);
}

TEST(json_validator_refuses_what_is_not_json)
{
	EXPECT_TRUE(json_valid("[{\"a\":1,\"b\":[true,null,\"x\\n\"]}]\n"));
	EXPECT_FALSE(json_valid("{\"a\":1,}"));
	EXPECT_FALSE(json_valid("{\"a\"}"));
	EXPECT_FALSE(json_valid("[1 2]"));
	EXPECT_FALSE(json_valid("\"\x01\""));
	EXPECT_FALSE(json_valid("{} {}"));
}

TEST_HARNESS_MAIN
