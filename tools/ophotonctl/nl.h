/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ophotonctl: requests to the ophoton family over libnl-genl-3.
 */
#ifndef OPHOTONCTL_NL_H
#define OPHOTONCTL_NL_H

#include <stdbool.h>
#include <netlink/attr.h>
#include <netlink/msg.h>

struct nl_sock;

struct onl {
	struct nl_sock *sk;
	int family;
};

/*
 * What the kernel said about a request: the raw errno (libnl rewrites it
 * into NLE_* codes, so it is captured from the error message itself), the
 * extended ACK message and the name of the attribute it points at.
 */
struct onl_err {
	int error;		/* negative errno, 0 on success */
	char msg[256];
	char attr[64];
	char warning[256];	/* extack message on a successful ACK */
	int local;		/* the failure was ours (send, receive), not the kernel's */
	/*
	 * A reply of the dump carried NLM_F_DUMP_INTR: the objects changed
	 * while they were being dumped (a hot swap, a link going down), so
	 * the replies may mix states from before and after.  Every reply was
	 * still handed over; the caller warns or dumps again.
	 */
	bool interrupted;
};

typedef int (*onl_reply_fn)(const struct nlmsghdr *nlh, struct nlattr **tb, void *arg);

/* Returns an exit code; on failure prints why on stderr. */
int onl_open(struct onl *nl);
int onl_open_quiet(struct onl *nl);
void onl_close(struct onl *nl);

struct nl_msg *onl_msg(const struct onl *nl, int cmd, int flags);

/*
 * Send @msg (consumed), call @fn for each reply with its attributes parsed
 * against the family's attribute table, and wait for the ACK or NLMSG_DONE.
 * Returns an exit code and fills @err (see its @interrupted for dumps).
 */
int onl_request(struct onl *nl, struct nl_msg *msg, onl_reply_fn fn, void *arg,
		struct onl_err *err);
/*
 * The same, with ONL_UNPARSED in @flags: @fn gets NULL for the table and
 * reads the message itself (print_msg() checks every attribute it
 * prints), for listings of a million records that need no table.
 */
#define ONL_UNPARSED	1
int onl_request_flags(struct onl *nl, struct nl_msg *msg, onl_reply_fn fn, void *arg,
		      struct onl_err *err, unsigned int flags);

/* NL_CB_SEQ_CHECK hook of notification sockets: every sequence is fine. */
int onl_no_seq_check(struct nl_msg *msg, void *arg);

/* Print the error of a failed request as "ophotonctl: ..." on stderr. */
void onl_print_err(const char *what, const struct onl_err *err);

/* Exposed for unit tests: extended ACK decoding of an NLMSG_ERROR. */
void onl_parse_extack(const struct nlmsghdr *nlh, const struct nlmsghdr *req,
		      struct onl_err *err);

/* Exposed for unit tests: the error of a failed dump, in NLMSG_DONE. */
void onl_parse_done(const struct nlmsghdr *nlh, const struct nlmsghdr *req,
		    struct onl_err *err);

/* Name of a top-level attribute as in the YNL spec, or NULL. */
const char *onl_attr_name(int type);

/* Host tests: connects a socket to a fake kernel instead of the real one. */
extern int (*onl_test_connect)(struct nl_sock *sk);
/* Host tests: what the requests read instead of the socket. */
extern int (*onl_test_recv)(struct nl_sock *sk, struct sockaddr_nl *peer,
			    unsigned char **buf, struct ucred **creds);

#endif /* OPHOTONCTL_NL_H */
