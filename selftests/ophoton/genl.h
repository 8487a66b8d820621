/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Raw generic netlink for the ophoton selftests.
 *
 * Deliberately independent of libnl and of ophotonctl: the selftests check
 * the kernel's side of the protocol with nothing of ours in between.
 */
#ifndef OPHOTON_SELFTEST_GENL_H
#define OPHOTON_SELFTEST_GENL_H

#include <stddef.h>
#include <stdint.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>

struct genl_sock {
	int fd;
	uint32_t seq;
	/*
	 * A notification datagram may hold several messages (the kernel
	 * batches a group's consecutive ones): genl_recv_ntf() hands them
	 * out one at a time from here.
	 */
	char *ntf;
	int ntf_len, ntf_off;
};

/* A reply, or the error of a request with its extended ACK message. */
struct genl_reply {
	char buf[65536];
	int len;			/* bytes of the first data message */
	int msgs;			/* data messages before the ACK */
	int error;			/* negative errno from NLMSG_ERROR */
	char extack[256];		/* NLMSGERR_ATTR_MSG */
	uint32_t extack_offs;		/* NLMSGERR_ATTR_OFFS, 0 if none */
	uint32_t extack_miss;		/* NLMSGERR_ATTR_MISS_TYPE, 0 if none */
};

int genl_open(struct genl_sock *s);
void genl_close(struct genl_sock *s);

/* Family id of @name, or a negative errno (-ENOENT when not registered). */
int genl_family_id(struct genl_sock *s, const char *name);

/*
 * Build a request: returns the length of the message in @buf, which holds
 * nlmsghdr + genlmsghdr; genl_put_*() append attributes.
 */
int genl_msg_init(void *buf, uint16_t family, uint8_t cmd, uint8_t version,
		  uint16_t flags);
int genl_put_u32(void *buf, uint16_t type, uint32_t val);
int genl_put_u8(void *buf, uint16_t type, uint8_t val);
int genl_put_u64(void *buf, uint16_t type, uint64_t val);
int genl_put_flag(void *buf, uint16_t type);
int genl_put_str(void *buf, uint16_t type, const char *str);

/*
 * Send a request made by genl_msg_init() and wait for its answer: the
 * first data message is kept in @r->buf, the NLMSG_ERROR (ACK) result in
 * @r->error and @r->extack.  Returns 0 or a negative errno of the socket.
 */
int genl_transact(struct genl_sock *s, void *req, struct genl_reply *r);

/*
 * Send a dump request and call @fn for each message until NLMSG_DONE;
 * @rcvbuf bounds each recv() (a tiny one forces many resumes).  Returns
 * the number of messages, or a negative errno (from the socket, or the
 * error in NLMSG_DONE / NLMSG_ERROR).  *@intr is set if any message was
 * flagged NLM_F_DUMP_INTR.
 */
int genl_dump(struct genl_sock *s, void *req, size_t rcvbuf,
	      void (*fn)(const struct nlmsghdr *nlh, void *arg), void *arg,
	      int *intr);

/* Join the multicast group @grp of family @name; returns 0 or -errno. */
int genl_join(struct genl_sock *s, const char *name, const char *grp);

/*
 * Wait up to @ms for the next message on a joined socket; copies it into
 * @buf (of @len bytes).  Returns its length, 0 on timeout, or -errno.
 * Messages that came in one datagram are returned one per call, without
 * waiting.
 */
int genl_recv_ntf(struct genl_sock *s, void *buf, size_t len, int ms);

/* Typed attribute readers; @def when the attribute is absent. */
uint32_t genl_u32(const struct nlmsghdr *nlh, uint16_t type, uint32_t def);
uint64_t genl_u64(const struct nlmsghdr *nlh, uint16_t type, uint64_t def);
uint8_t genl_u8(const struct nlmsghdr *nlh, uint16_t type, uint8_t def);
/* Attribute @type inside the nest @nest, or NULL. */
const struct nlattr *genl_nest_attr(const struct nlattr *nest, uint16_t type);
/* A u64 or u32 attribute inside the nest @nest; @def when absent. */
uint64_t genl_nest_u64(const struct nlattr *nest, uint16_t type, uint64_t def);
uint32_t genl_nest_u32(const struct nlattr *nest, uint16_t type, uint32_t def);

/* Write @text to a sysfs file: 0 or -errno of the write. */
int sysfs_write(const char *path, const char *text);

/* Attribute @type of the genetlink message at @nlh, or NULL. */
const struct nlattr *genl_attr(const struct nlmsghdr *nlh, uint16_t type);

/* Load and unload a module with finit_module(2)/delete_module(2). */
int module_load(const char *path);
int module_unload(const char *name);
int module_loaded(const char *name);

/* Path of ophoton.ko: $OPHOTON_KO, else driver/ophoton.ko of this tree. */
const char *ophoton_ko_path(void);

#endif /* OPHOTON_SELFTEST_GENL_H */
