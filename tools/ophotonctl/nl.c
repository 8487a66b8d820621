// SPDX-License-Identifier: GPL-2.0
/*
 * ophotonctl: requests to the ophoton family over libnl-genl-3.
 *
 * libnl 3.7 neither turns on nor parses extended ACKs, rewrites errnos into
 * its own codes and ignores the error carried by NLMSG_DONE; this file does
 * all three itself so that the user sees what the kernel said.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <linux/netlink.h>
#include <linux/ophoton.h>
#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>
#include <netlink/netlink.h>

#include "attrs.h"
#include "nl.h"
#include "ophotonctl.h"

#ifndef SOL_NETLINK
#define SOL_NETLINK 270
#endif

int onl_open(struct onl *nl)
{
	int one = 1;
	int err;

	nl->sk = nl_socket_alloc();
	if (!nl->sk) {
		fprintf(stderr, "ophotonctl: out of memory\n");
		return EXIT_FAILED;
	}
	err = genl_connect(nl->sk);
	if (err < 0) {
		fprintf(stderr, "ophotonctl: cannot open a generic netlink socket: %s\n",
			nl_geterror(err));
		goto err_free;
	}
	/* libnl has no API for these; both are harmless on old kernels. */
	setsockopt(nl_socket_get_fd(nl->sk), SOL_NETLINK, NETLINK_EXT_ACK,
		   &one, sizeof(one));
	setsockopt(nl_socket_get_fd(nl->sk), SOL_NETLINK, NETLINK_CAP_ACK,
		   &one, sizeof(one));

	/* Resolving the family autoloads the module where it is installed. */
	nl->family = genl_ctrl_resolve(nl->sk, OPHOTON_GENL_NAME);
	if (nl->family < 0) {
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

/* Find the attribute of @req at byte offset @offs from its nlmsghdr. */
static void attr_at_offset(const struct nlmsghdr *req, unsigned int offs,
			   struct onl_err *err)
{
	unsigned int hdr = NLMSG_HDRLEN + GENL_HDRLEN;
	const struct nlattr *a;
	int rem;

	if (!req || offs < hdr || offs >= req->nlmsg_len)
		return;
	a = (const struct nlattr *)((const char *)req + hdr);
	rem = (int)(req->nlmsg_len - hdr);
	for (; nla_ok(a, rem); a = nla_next(a, &rem)) {
		unsigned int start = (unsigned int)((const char *)a - (const char *)req);

		if (offs >= start && offs < start + a->nla_len) {
			const char *name = onl_attr_name(nla_type(a));

			if (name)
				snprintf(err->attr, sizeof(err->attr), "%s", name);
			else
				snprintf(err->attr, sizeof(err->attr), "attribute %d",
					 nla_type(a));
			return;
		}
	}
}

void onl_parse_extack(const struct nlmsghdr *nlh, const struct nlmsghdr *req,
		      struct onl_err *err)
{
	const struct nlmsgerr *e = nlmsg_data(nlh);
	struct nlattr *tb[NLMSGERR_ATTR_MAX + 1];
	unsigned int tlv_off;
	int len;

	err->error = e->error;
	if (!(nlh->nlmsg_flags & NLM_F_ACK_TLVS))
		return;
	/* The echoed request is cut to its header when NETLINK_CAP_ACK is on. */
	tlv_off = sizeof(*e);
	if (!(nlh->nlmsg_flags & NLM_F_CAPPED))
		tlv_off += e->msg.nlmsg_len - sizeof(e->msg);
	len = (int)nlh->nlmsg_len - NLMSG_HDRLEN - (int)tlv_off;
	if (len <= 0)
		return;
	if (nla_parse(tb, NLMSGERR_ATTR_MAX,
		      (struct nlattr *)((char *)e + tlv_off), len, NULL) < 0)
		return;
	if (tb[NLMSGERR_ATTR_MSG])
		snprintf(e->error ? err->msg : err->warning,
			 e->error ? sizeof(err->msg) : sizeof(err->warning),
			 "%s", (const char *)nla_data(tb[NLMSGERR_ATTR_MSG]));
	if (tb[NLMSGERR_ATTR_OFFS] && nla_len(tb[NLMSGERR_ATTR_OFFS]) >= 4)
		attr_at_offset(req, nla_get_u32(tb[NLMSGERR_ATTR_OFFS]), err);
	if (tb[NLMSGERR_ATTR_MISS_TYPE] && nla_len(tb[NLMSGERR_ATTR_MISS_TYPE]) >= 4) {
		int type = (int)nla_get_u32(tb[NLMSGERR_ATTR_MISS_TYPE]);
		const char *name = onl_attr_name(type);

		if (name)
			snprintf(err->attr, sizeof(err->attr), "%s (missing)", name);
		else
			snprintf(err->attr, sizeof(err->attr),
				 "attribute %d (missing)", type);
	}
}

struct req_state {
	const struct nlmsghdr *req;
	struct onl_err *err;
	onl_reply_fn fn;
	void *arg;
	int fn_ret;
	int done;
};

static int cb_error(struct sockaddr_nl *nla, struct nlmsgerr *e, void *arg)
{
	struct req_state *st = arg;
	struct nlmsghdr *nlh = (struct nlmsghdr *)((char *)e - NLMSG_HDRLEN);

	(void)nla;
	onl_parse_extack(nlh, st->req, st->err);
	st->done = 1;
	return NL_STOP;
}

static int cb_ack(struct nl_msg *msg, void *arg)
{
	struct req_state *st = arg;

	onl_parse_extack(nlmsg_hdr(msg), st->req, st->err);
	st->done = 1;
	return NL_STOP;
}

/* A dump that failed half way says so in NLMSG_DONE, which libnl ignores. */
static int cb_finish(struct nl_msg *msg, void *arg)
{
	struct req_state *st = arg;
	struct nlmsghdr *nlh = nlmsg_hdr(msg);

	if (nlh->nlmsg_len >= NLMSG_HDRLEN + sizeof(int)) {
		int error = *(int *)nlmsg_data(nlh);

		if (error < 0)
			onl_parse_extack(nlh, st->req, st->err);
	}
	st->done = 1;
	return NL_STOP;
}

static int cb_valid(struct nl_msg *msg, void *arg)
{
	struct req_state *st = arg;
	struct nlattr *tb[OPHOTON_A_MAX + 1];
	int ret;

	ret = genlmsg_parse(nlmsg_hdr(msg), 0, tb, OPHOTON_A_MAX, ophoton_policy);
	if (ret < 0) {
		fprintf(stderr, "ophotonctl: malformed reply from the kernel: %s\n",
			nl_geterror(ret));
		st->fn_ret = EXIT_FAILED;
		return NL_SKIP;
	}
	if (st->fn) {
		ret = st->fn(tb, st->arg);
		if (ret && !st->fn_ret)
			st->fn_ret = ret;
	}
	return NL_OK;
}

int onl_request(struct onl *nl, struct nl_msg *msg, onl_reply_fn fn, void *arg,
		struct onl_err *err)
{
	struct req_state st = {
		.req = nlmsg_hdr(msg), .err = err, .fn = fn, .arg = arg,
	};
	struct nl_cb *cb;
	int ret;

	memset(err, 0, sizeof(*err));
	cb = nl_cb_clone(nl_socket_get_cb(nl->sk));
	if (!cb) {
		nlmsg_free(msg);
		err->error = -ENOMEM;
		return EXIT_FAILED;
	}
	nl_cb_err(cb, NL_CB_CUSTOM, cb_error, &st);
	nl_cb_set(cb, NL_CB_ACK, NL_CB_CUSTOM, cb_ack, &st);
	nl_cb_set(cb, NL_CB_FINISH, NL_CB_CUSTOM, cb_finish, &st);
	nl_cb_set(cb, NL_CB_VALID, NL_CB_CUSTOM, cb_valid, &st);

	ret = nl_send_auto(nl->sk, msg);
	if (ret < 0) {
		err->error = -EIO;
		snprintf(err->msg, sizeof(err->msg), "send failed: %s",
			 nl_geterror(ret));
		goto out;
	}
	/* Always drain to the ACK or DONE, so no reply is left for the next. */
	while (!st.done) {
		ret = nl_recvmsgs(nl->sk, cb);
		if (ret < 0 && !st.done) {
			if (!err->error)
				err->error = -EIO;
			if (!err->msg[0])
				snprintf(err->msg, sizeof(err->msg), "%s",
					 nl_geterror(ret));
			break;
		}
	}
out:
	nl_cb_put(cb);
	/* The request stays alive until here so that OFFS can be resolved. */
	nlmsg_free(msg);
	if (err->warning[0])
		fprintf(stderr, "Warning: %s\n", err->warning);
	if (err->error)
		return EXIT_KERNEL;
	return st.fn_ret;
}

void onl_print_err(const char *what, const struct onl_err *err)
{
	fprintf(stderr, "ophotonctl: %s: %s", what, strerror(-err->error));
	if (err->msg[0])
		fprintf(stderr, ": %s", err->msg);
	if (err->attr[0])
		fprintf(stderr, " (attribute %s)", err->attr);
	fputc('\n', stderr);
}
