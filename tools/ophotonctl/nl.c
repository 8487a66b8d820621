// SPDX-License-Identifier: GPL-2.0
/*
 * ophotonctl: requests to the ophoton family over libnl-genl-3.
 *
 * libnl 3.7 neither turns on nor parses extended ACKs, rewrites errnos into
 * its own codes and ignores the error carried by NLMSG_DONE; this file does
 * all three itself so that the user sees what the kernel said.  It also
 * notes NLM_F_DUMP_INTR, which libnl reports only as an error of the
 * receive call that read NLMSG_DONE, after the request is complete.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>
#include <linux/netlink.h>
#include <linux/ophoton.h>
#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>
#include <netlink/netlink.h>

#include "nl.h"
#include "print.h"
#include "ophotonctl.h"
#include "proto.h"
#include "out.h"
#include "rxpipe.h"

#ifndef SOL_NETLINK
#define SOL_NETLINK 270
#endif

/* Host tests put a fake kernel behind the socket here. */
int (*onl_test_connect)(struct nl_sock *sk);
int (*onl_test_recv)(struct nl_sock *sk, struct sockaddr_nl *peer, unsigned char **buf,
		     struct ucred **creds);

const char *onl_attr_name(int type)
{
	const struct onl_attr *a = onl_attr(&onl_set_ophoton, type);

	return a ? a->name : NULL;
}

/* Twice the largest dump message, so that one read takes any of them. */
#define ONL_RECV_BUF	65536

static int open_family(struct onl *nl, bool quiet)
{
	int one = 1;
	int err;

	nl->sk = nl_socket_alloc();
	if (!nl->sk) {
		perr("ophotonctl: out of memory\n");
		return EXIT_FAILED;
	}
	err = onl_test_connect ? onl_test_connect(nl->sk) : genl_connect(nl->sk);
	if (err < 0) {
		perr("ophotonctl: cannot open a generic netlink socket: %s\n",
			nl_geterror(err));
		goto err_free;
	}
	/*
	 * Dumps in full messages: the kernel sizes a dump's messages after the
	 * largest buffer the socket reads with (up to 32 KiB), and libnl would
	 * otherwise peek at each message with a page first, then read it.
	 */
	nl_socket_set_msg_buf_size(nl->sk, ONL_RECV_BUF);
	nl_socket_disable_msg_peek(nl->sk);
	/* A kernel that never answers must not hang us: 30 s, then exit 3. */
	{
		struct timeval tv = { .tv_sec = 30 };

		setsockopt(nl_socket_get_fd(nl->sk), SOL_SOCKET, SO_RCVTIMEO,
			   &tv, sizeof(tv));
	}
	/* libnl has no API for these; both are harmless on old kernels. */
	setsockopt(nl_socket_get_fd(nl->sk), SOL_NETLINK, NETLINK_EXT_ACK,
		   &one, sizeof(one));
	setsockopt(nl_socket_get_fd(nl->sk), SOL_NETLINK, NETLINK_CAP_ACK,
		   &one, sizeof(one));

	/* Resolving the family autoloads the module where it is installed. */
	nl->family = genl_ctrl_resolve(nl->sk, OPHOTON_GENL_NAME);
	if (nl->family < 0) {
		if (!quiet)
			fprintf(stderr,
				"ophotonctl: the ophoton module is not loaded (generic netlink family \"%s\" not found)\n",
				OPHOTON_GENL_NAME);
		nl_socket_free(nl->sk);
		nl->sk = NULL;
		return EXIT_ABSENT;
	}
	return EXIT_OK;

err_free:
	nl_socket_free(nl->sk);
	nl->sk = NULL;
	return EXIT_FAILED;
}

int onl_open(struct onl *nl)
{
	return open_family(nl, false);
}

/* As onl_open(), without a message when the family is not there. */
int onl_open_quiet(struct onl *nl)
{
	return open_family(nl, true);
}

void onl_close(struct onl *nl)
{
	if (nl->sk)
		nl_socket_free(nl->sk);
	nl->sk = NULL;
}

struct nl_msg *onl_msg(const struct onl *nl, int cmd, int flags)
{
	struct nl_msg *msg = nlmsg_alloc();

	if (!msg)
		return NULL;
	if (!genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, nl->family, 0, flags,
			 cmd, OPHOTON_GENL_VERSION)) {
		nlmsg_free(msg);
		return NULL;
	}
	return msg;
}

/*
 * Name the attribute of @set that holds byte @offs of @req, among the
 * attributes from @first (@rem bytes); inside a nest's payload, the one
 * within it, as "warn-lo in thresh".  Returns whether one held it.
 */
static bool attr_in(const struct onl_set *set, const struct nlattr *a, int rem,
		    const struct nlmsghdr *req, unsigned int offs, const char *outer,
		    struct onl_err *err)
{
	for (; nla_ok(a, rem); a = nla_next(a, &rem)) {
		unsigned int start = (unsigned int)((const char *)a - (const char *)req);
		const struct onl_attr *d = set ? onl_attr(set, nla_type(a)) : NULL;
		char name[48];

		if (offs < start || offs >= start + a->nla_len)
			continue;
		if (d)
			snprintf(name, sizeof(name), "%s", d->name);
		else
			snprintf(name, sizeof(name), "attribute %d", nla_type(a));
		if (!outer && d && d->type == ONL_NEST && d->nested &&
		    offs >= start + NLA_HDRLEN &&
		    attr_in(d->nested, nla_data(a), nla_len(a), req, offs, name, err))
			return true;
		if (outer)
			snprintf(err->attr, sizeof(err->attr), "%s in %s", name, outer);
		else
			snprintf(err->attr, sizeof(err->attr), "%s", name);
		return true;
	}
	return false;
}

/* Find the attribute of @req at byte offset @offs from its nlmsghdr. */
static void attr_at_offset(const struct nlmsghdr *req, unsigned int offs,
			   struct onl_err *err)
{
	unsigned int hdr = NLMSG_HDRLEN + GENL_HDRLEN;

	if (!req || offs < hdr || offs >= req->nlmsg_len)
		return;
	attr_in(&onl_set_ophoton, (const struct nlattr *)((const char *)req + hdr),
		(int)(req->nlmsg_len - hdr), req, offs, NULL, err);
}

/* Only these are read, each checked for its type and length. */
static struct nla_policy extack_policy[NLMSGERR_ATTR_MAX + 1] = {
	[NLMSGERR_ATTR_MSG]		= { .type = NLA_STRING },
	[NLMSGERR_ATTR_OFFS]		= { .type = NLA_U32 },
	[NLMSGERR_ATTR_MISS_TYPE]	= { .type = NLA_U32 },
};

/* The TLVs of an extended ACK: a message, an offset, a missing attribute. */
static void parse_tlvs(struct nlattr *tlvs, int len, int error,
		       const struct nlmsghdr *req, struct onl_err *err)
{
	struct nlattr *tb[NLMSGERR_ATTR_MAX + 1];
	const char *msg;

	if (len <= 0 || nla_parse(tb, NLMSGERR_ATTR_MAX, tlvs, len, extack_policy) < 0)
		return;
	if (tb[NLMSGERR_ATTR_MSG]) {
		msg = nla_data(tb[NLMSGERR_ATTR_MSG]);
		/* NLA_STRING guarantees the terminating NUL within the attribute. */
		snprintf(error ? err->msg : err->warning,
			 error ? sizeof(err->msg) : sizeof(err->warning), "%s", msg);
	}
	if (tb[NLMSGERR_ATTR_OFFS])
		attr_at_offset(req, nla_get_u32(tb[NLMSGERR_ATTR_OFFS]), err);
	if (tb[NLMSGERR_ATTR_MISS_TYPE]) {
		int type = (int)nla_get_u32(tb[NLMSGERR_ATTR_MISS_TYPE]);
		const char *name = onl_attr_name(type);

		if (name)
			snprintf(err->attr, sizeof(err->attr), "%s (missing)", name);
		else
			snprintf(err->attr, sizeof(err->attr),
				 "attribute %d (missing)", type);
	}
}

void onl_parse_extack(const struct nlmsghdr *nlh, const struct nlmsghdr *req,
		      struct onl_err *err)
{
	const struct nlmsgerr *e = nlmsg_data(nlh);
	size_t total, tlv_off;

	if (nlh->nlmsg_len < NLMSG_LENGTH(sizeof(*e))) {
		err->error = -EPROTO;
		return;
	}
	err->error = e->error;
	if (!(nlh->nlmsg_flags & NLM_F_ACK_TLVS))
		return;
	/* The echoed request is cut to its header when NETLINK_CAP_ACK is on. */
	total = nlh->nlmsg_len - NLMSG_HDRLEN;
	tlv_off = sizeof(*e);
	if (!(nlh->nlmsg_flags & NLM_F_CAPPED)) {
		if (e->msg.nlmsg_len < sizeof(e->msg))
			return;
		tlv_off += NLMSG_ALIGN(e->msg.nlmsg_len - sizeof(e->msg));
	}
	if (tlv_off >= total)
		return;
	parse_tlvs((struct nlattr *)((char *)e + tlv_off), (int)(total - tlv_off),
		   e->error, req, err);
}

void onl_parse_done(const struct nlmsghdr *nlh, const struct nlmsghdr *req,
		    struct onl_err *err)
{
	size_t total = nlh->nlmsg_len - NLMSG_HDRLEN;
	size_t off = NLMSG_ALIGN(sizeof(int));
	int error;

	if (nlh->nlmsg_len < NLMSG_HDRLEN + sizeof(int))
		return;
	error = *(const int *)nlmsg_data(nlh);
	if (error >= 0)
		return;
	err->error = error;
	/* DONE carries its TLVs right after the error, with no request echo. */
	if ((nlh->nlmsg_flags & NLM_F_ACK_TLVS) && off < total)
		parse_tlvs((struct nlattr *)((char *)nlmsg_data(nlh) + off),
			   (int)(total - off), error, req, err);
}

struct req_state {
	const struct nlmsghdr *req;
	struct onl_err *err;
	onl_reply_fn fn;
	void *arg;
	unsigned int flags;
	int fn_ret;
	int done;
};

/*
 * The attribute tables of replies being read: one for each request in
 * progress, as a reply's callback may make a request of its own (a laser
 * module's lasers).  Static, so all NULL to begin with, and each entry a
 * reply set is put back to NULL when its callback is done.
 */
#define ONL_TB_LEVELS 4
static struct nlattr *reply_tb[ONL_TB_LEVELS][OPHOTON_A_MAX + 1];
static int reply_level;

/* A reply carrying data: parsed against the family's policy, then @st->fn. */
static void on_valid(struct nlmsghdr *nlh, struct req_state *st)
{
	struct nlattr *deep[OPHOTON_A_MAX + 1], **tb;
	int ret;

	if (st->flags & ONL_UNPARSED) {
		ret = st->fn ? st->fn(nlh, NULL, st->arg) : 0;
		if (ret && !st->fn_ret)
			st->fn_ret = ret;
		return;
	}
	if (reply_level < ONL_TB_LEVELS) {
		tb = reply_tb[reply_level];
		ret = parse_msg_into(nlh, tb);
	} else {
		tb = deep;
		ret = parse_msg(nlh, tb);
	}
	if (ret < 0) {
		perr("ophotonctl: malformed reply from the kernel\n");
		st->fn_ret = EXIT_FAILED;
	} else if (st->fn) {
		reply_level++;
		ret = st->fn(nlh, tb, st->arg);
		reply_level--;
		if (ret && !st->fn_ret)
			st->fn_ret = ret;
	}
	if (tb != deep)
		parse_msg_forget(nlh, tb);
}

static int recv_raw(struct nl_sock *sk, unsigned char **buf)
{
	struct sockaddr_nl peer;

	if (onl_test_recv)
		return onl_test_recv(sk, &peer, buf, NULL);
	return nl_recv(sk, &peer, buf, NULL);
}

/* The next datagram of the replies: read ahead by @pipe, or read now. */
static int recv_next(struct nl_sock *sk, struct rx_pipe *pipe, unsigned char **buf)
{
	return pipe ? rx_pipe_next(pipe, buf) : recv_raw(sk, buf);
}

/*
 * One datagram of replies, read where it landed: libnl's nl_recvmsgs()
 * would copy each message into an nl_msg of its own before a callback
 * sees it, a million times for a fabric's lanes.  The ACK or NLMSG_DONE
 * ends the request (with the error and extended ACK they carry);
 * NLM_F_DUMP_INTR on any message marks the dump inconsistent.
 */
static int recv_replies(struct nl_sock *sk, struct rx_pipe *pipe, struct req_state *st)
{
	unsigned char *buf = NULL;
	struct nlmsghdr *nlh;
	int n;

	n = recv_next(sk, pipe, &buf);
	if (n <= 0) {
		free(buf);
		return n;
	}
	/* NLMSG_OK and NLMSG_NEXT: libnl's calls, once for each record. */
	for (nlh = (struct nlmsghdr *)buf; NLMSG_OK(nlh, n) && !st->done;
	     nlh = NLMSG_NEXT(nlh, n)) {
		/* What answers an earlier request is not ours to read. */
		if (nlh->nlmsg_seq != st->req->nlmsg_seq)
			continue;
		if (nlh->nlmsg_flags & NLM_F_DUMP_INTR)
			st->err->interrupted = true;
		switch (nlh->nlmsg_type) {
		case NLMSG_DONE:
			/* A dump that failed half way says so here. */
			onl_parse_done(nlh, st->req, st->err);
			st->done = 1;
			break;
		case NLMSG_ERROR:
			/* The ACK (error 0) or the refusal, with its extended ACK. */
			onl_parse_extack(nlh, st->req, st->err);
			st->done = 1;
			break;
		case NLMSG_NOOP:
		case NLMSG_OVERRUN:
			break;
		default:
			on_valid(nlh, st);
		}
	}
	free(buf);
	return 0;
}

int onl_request(struct onl *nl, struct nl_msg *msg, onl_reply_fn fn, void *arg,
		struct onl_err *err)
{
	return onl_request_flags(nl, msg, fn, arg, err, 0);
}

int onl_request_flags(struct onl *nl, struct nl_msg *msg, onl_reply_fn fn, void *arg,
		      struct onl_err *err, unsigned int flags)
{
	struct req_state st = {
		.req = nlmsg_hdr(msg), .err = err, .fn = fn, .arg = arg, .flags = flags,
	};
	struct rx_pipe *pipe = NULL;
	int ret;

	memset(err, 0, sizeof(*err));
	ret = nl_send_auto(nl->sk, msg);
	if (ret < 0) {
		err->error = -EIO;
		err->local = 1;
		snprintf(err->msg, sizeof(err->msg), "send failed: %s",
			 nl_geterror(ret));
		goto out;
	}
	/* A dump's datagrams are read ahead while the last is printed. */
	if (st.req->nlmsg_flags & NLM_F_DUMP)
		pipe = rx_pipe_start(nl->sk, st.req->nlmsg_seq, recv_raw);
	/* Always drain to the ACK or DONE, so no reply is left for the next. */
	while (!st.done) {
		ret = recv_replies(nl->sk, pipe, &st);
		if (ret < 0 && !st.done) {
			if (!err->error) {
				/* No answer from the kernel: ours, not its refusal. */
				err->error = -EIO;
				err->local = 1;
			}
			if (!err->msg[0])
				snprintf(err->msg, sizeof(err->msg), "%s",
					 nl_geterror(ret));
			break;
		}
	}
	rx_pipe_stop(pipe);
out:
	/* The request stays alive until here so that OFFS can be resolved. */
	nlmsg_free(msg);
	if (err->warning[0])
		fprintf(stderr, "Warning: %s\n", err->warning);
	if (err->error)
		return err->local ? EXIT_FAILED :
		       err->error == -ENODEV ? EXIT_ABSENT : EXIT_KERNEL;
	return st.fn_ret;
}

int onl_no_seq_check(struct nl_msg *msg, void *arg)
{
	(void)msg;
	(void)arg;
	return NL_OK;
}

void onl_print_err(const char *what, const struct onl_err *err)
{
	perr("ophotonctl: %s: %s", what, strerror(-err->error));
	if (err->msg[0])
		fprintf(stderr, ": %s", err->msg);
	if (err->attr[0])
		fprintf(stderr, " (attribute %s)", err->attr);
	fputc('\n', stderr);
}
