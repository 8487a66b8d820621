// SPDX-License-Identifier: GPL-2.0
/*
 * Raw generic netlink for the ophoton selftests.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "genl.h"

#ifndef SOL_NETLINK
#define SOL_NETLINK 270
#endif

#define NLA_DATA(a)	((void *)((char *)(a) + NLA_HDRLEN))

int genl_open(struct genl_sock *s)
{
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };
	int one = 1;

	s->seq = 1;
	s->ntf = NULL;
	s->ntf_len = 0;
	s->ntf_off = 0;
	s->fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_GENERIC);
	if (s->fd < 0)
		return -errno;
	if (bind(s->fd, (struct sockaddr *)&sa, sizeof(sa)) < 0 ||
	    setsockopt(s->fd, SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(one)) < 0) {
		int err = -errno;

		close(s->fd);
		return err;
	}
	return 0;
}

void genl_close(struct genl_sock *s)
{
	if (s->fd >= 0)
		close(s->fd);
	s->fd = -1;
	free(s->ntf);
	s->ntf = NULL;
	s->ntf_len = 0;
	s->ntf_off = 0;
}

int genl_msg_init(void *buf, uint16_t family, uint8_t cmd, uint8_t version,
		  uint16_t flags)
{
	struct nlmsghdr *nlh = buf;
	struct genlmsghdr *g = NLMSG_DATA(nlh);

	memset(nlh, 0, NLMSG_HDRLEN + GENL_HDRLEN);
	nlh->nlmsg_len = NLMSG_HDRLEN + GENL_HDRLEN;
	nlh->nlmsg_type = family;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK | flags;
	g->cmd = cmd;
	g->version = version;
	return (int)nlh->nlmsg_len;
}

static int genl_put(void *buf, uint16_t type, const void *data, uint16_t len)
{
	struct nlmsghdr *nlh = buf;
	struct nlattr *a = (struct nlattr *)((char *)buf + NLMSG_ALIGN(nlh->nlmsg_len));

	a->nla_type = type;
	a->nla_len = NLA_HDRLEN + len;
	if (len)
		memcpy(NLA_DATA(a), data, len);
	memset((char *)NLA_DATA(a) + len, 0, NLA_ALIGN(len) - len);
	nlh->nlmsg_len = NLMSG_ALIGN(nlh->nlmsg_len) + NLA_ALIGN(a->nla_len);
	return (int)nlh->nlmsg_len;
}

int genl_put_u32(void *buf, uint16_t type, uint32_t val)
{
	return genl_put(buf, type, &val, sizeof(val));
}

int genl_put_u8(void *buf, uint16_t type, uint8_t val)
{
	return genl_put(buf, type, &val, sizeof(val));
}

int genl_put_u64(void *buf, uint16_t type, uint64_t val)
{
	return genl_put(buf, type, &val, sizeof(val));
}

int genl_put_flag(void *buf, uint16_t type)
{
	return genl_put(buf, type, NULL, 0);
}

int genl_put_str(void *buf, uint16_t type, const char *str)
{
	return genl_put(buf, type, str, (uint16_t)(strlen(str) + 1));
}

static void parse_error(struct nlmsghdr *nlh, struct genl_reply *r)
{
	struct nlmsgerr *e = NLMSG_DATA(nlh);
	size_t off = sizeof(*e);
	struct nlattr *a;
	int rem;

	if (nlh->nlmsg_len < NLMSG_LENGTH(sizeof(*e))) {
		r->error = -EPROTO;
		return;
	}
	r->error = e->error;
	if (!(nlh->nlmsg_flags & NLM_F_ACK_TLVS))
		return;
	if (!(nlh->nlmsg_flags & NLM_F_CAPPED)) {
		if (e->msg.nlmsg_len < NLMSG_HDRLEN ||
		    e->msg.nlmsg_len > nlh->nlmsg_len)
			return;
		off += NLMSG_ALIGN(e->msg.nlmsg_len - NLMSG_HDRLEN);
	}
	if (off >= nlh->nlmsg_len - NLMSG_HDRLEN)
		return;
	a = (struct nlattr *)((char *)e + off);
	rem = (int)(nlh->nlmsg_len - NLMSG_HDRLEN - off);
	while (rem >= NLA_HDRLEN && a->nla_len >= NLA_HDRLEN && a->nla_len <= rem) {
		int dlen = a->nla_len - NLA_HDRLEN;

		if (a->nla_type == NLMSGERR_ATTR_MSG && dlen > 0)
			snprintf(r->extack, sizeof(r->extack), "%.*s", dlen,
				 (char *)NLA_DATA(a));
		else if (a->nla_type == NLMSGERR_ATTR_OFFS && dlen >= 4)
			memcpy(&r->extack_offs, NLA_DATA(a), sizeof(uint32_t));
		else if (a->nla_type == NLMSGERR_ATTR_MISS_TYPE && dlen >= 4)
			memcpy(&r->extack_miss, NLA_DATA(a), sizeof(uint32_t));
		rem -= NLA_ALIGN(a->nla_len);
		a = (struct nlattr *)((char *)a + NLA_ALIGN(a->nla_len));
	}
}

int genl_transact(struct genl_sock *s, void *req, struct genl_reply *r)
{
	struct nlmsghdr *nlh = req;
	char rbuf[65536];
	uint32_t seq = s->seq++;

	memset(r, 0, sizeof(*r));
	nlh->nlmsg_seq = seq;
	if (send(s->fd, req, nlh->nlmsg_len, 0) < 0)
		return -errno;

	for (;;) {
		ssize_t n = recv(s->fd, rbuf, sizeof(rbuf), 0);
		struct nlmsghdr *h;
		int rem;

		if (n < 0)
			return -errno;
		rem = (int)n;
		for (h = (struct nlmsghdr *)rbuf; NLMSG_OK(h, rem); h = NLMSG_NEXT(h, rem)) {
			if (h->nlmsg_seq != seq)
				continue;
			if (h->nlmsg_type == NLMSG_ERROR) {
				parse_error(h, r);
				return 0;
			}
			if (h->nlmsg_type == NLMSG_DONE)
				return 0;
			r->msgs++;
			if (!r->len && h->nlmsg_len <= sizeof(r->buf)) {
				memcpy(r->buf, h, h->nlmsg_len);
				r->len = (int)h->nlmsg_len;
			}
		}
	}
}

const struct nlattr *genl_attr(const struct nlmsghdr *nlh, uint16_t type)
{
	const struct nlattr *a;
	int rem;

	a = (const struct nlattr *)((const char *)NLMSG_DATA(nlh) + GENL_HDRLEN);
	rem = (int)nlh->nlmsg_len - NLMSG_HDRLEN - GENL_HDRLEN;
	while (rem >= NLA_HDRLEN && a->nla_len >= NLA_HDRLEN && a->nla_len <= rem) {
		if ((a->nla_type & NLA_TYPE_MASK) == type)
			return a;
		rem -= NLA_ALIGN(a->nla_len);
		a = (const struct nlattr *)((const char *)a + NLA_ALIGN(a->nla_len));
	}
	return NULL;
}

int genl_family_id(struct genl_sock *s, const char *name)
{
	char req[256] __attribute__((aligned(4)));
	struct genl_reply *r;
	const struct nlattr *a;
	int ret;

	r = malloc(sizeof(*r));
	if (!r)
		return -ENOMEM;
	genl_msg_init(req, GENL_ID_CTRL, CTRL_CMD_GETFAMILY, 1, 0);
	genl_put_str(req, CTRL_ATTR_FAMILY_NAME, name);
	ret = genl_transact(s, req, r);
	if (!ret)
		ret = r->error;
	if (!ret) {
		a = r->len ? genl_attr((struct nlmsghdr *)r->buf, CTRL_ATTR_FAMILY_ID) : NULL;
		ret = a ? *(uint16_t *)NLA_DATA(a) : -EPROTO;
	}
	free(r);
	return ret;
}

int module_load(const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	int ret;

	if (fd < 0)
		return -errno;
	ret = (int)syscall(SYS_finit_module, fd, "", 0);
	ret = ret ? -errno : 0;
	close(fd);
	return ret;
}

int module_unload(const char *name)
{
	return syscall(SYS_delete_module, name, O_NONBLOCK) ? -errno : 0;
}

int module_loaded(const char *name)
{
	char path[PATH_MAX];

	snprintf(path, sizeof(path), "/sys/module/%s", name);
	return access(path, F_OK) == 0;
}

const char *ophoton_ko_path(void)
{
	static char path[PATH_MAX + 32];
	const char *env = getenv("OPHOTON_KO");
	char exe[PATH_MAX];
	ssize_t n;
	char *slash;

	if (env && *env)
		return env;
	/* The tests live in selftests/ophoton/ of the checkout. */
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n <= 0)
		return "driver/ophoton.ko";
	exe[n] = '\0';
	slash = strrchr(exe, '/');
	if (slash)
		*slash = '\0';
	snprintf(path, sizeof(path), "%s/../../driver/ophoton.ko", exe);
	return path;
}

int genl_dump(struct genl_sock *s, void *req, size_t rcvbuf,
	      void (*fn)(const struct nlmsghdr *nlh, void *arg), void *arg,
	      int *intr)
{
	struct nlmsghdr *nlh = req;
	uint32_t seq = s->seq++;
	char *rbuf;
	int n = 0;

	*intr = 0;
	nlh->nlmsg_seq = seq;
	nlh->nlmsg_flags |= NLM_F_DUMP;
	if (send(s->fd, req, nlh->nlmsg_len, 0) < 0)
		return -errno;
	rbuf = malloc(rcvbuf);
	if (!rbuf)
		return -ENOMEM;
	for (;;) {
		/* MSG_TRUNC: the real length, so a cut message is noticed. */
		ssize_t got = recv(s->fd, rbuf, rcvbuf, MSG_TRUNC);
		struct nlmsghdr *h;
		int rem;

		if (got < 0) {
			n = -errno;
			break;
		}
		if ((size_t)got > rcvbuf) {
			n = -EMSGSIZE;
			break;
		}
		rem = (int)got;
		for (h = (struct nlmsghdr *)rbuf; NLMSG_OK(h, rem); h = NLMSG_NEXT(h, rem)) {
			if (h->nlmsg_seq != seq)
				continue;
			if (h->nlmsg_flags & NLM_F_DUMP_INTR)
				*intr = 1;
			if (h->nlmsg_type == NLMSG_DONE) {
				int err = 0;

				if (h->nlmsg_len >= NLMSG_LENGTH(sizeof(int)))
					memcpy(&err, NLMSG_DATA(h), sizeof(err));
				free(rbuf);
				return err < 0 ? err : n;
			}
			if (h->nlmsg_type == NLMSG_ERROR) {
				struct genl_reply *r = malloc(sizeof(*r));
				int err = -EPROTO;

				if (r) {
					parse_error(h, r);
					err = r->error;
					free(r);
				}
				free(rbuf);
				return err;
			}
			fn(h, arg);
			n++;
		}
	}
	free(rbuf);
	return n;
}

int genl_join(struct genl_sock *s, const char *name, const char *grp)
{
	char req[256] __attribute__((aligned(4)));
	const struct nlattr *groups, *g, *a;
	struct genl_reply *r;
	int rem, grem, id = -ENOENT;

	r = malloc(sizeof(*r));
	if (!r)
		return -ENOMEM;
	genl_msg_init(req, GENL_ID_CTRL, CTRL_CMD_GETFAMILY, 1, 0);
	genl_put_str(req, CTRL_ATTR_FAMILY_NAME, name);
	if (genl_transact(s, req, r) || r->error || !r->len)
		goto out;
	groups = genl_attr((struct nlmsghdr *)r->buf, CTRL_ATTR_MCAST_GROUPS);
	if (!groups)
		goto out;
	rem = groups->nla_len - NLA_HDRLEN;
	for (g = NLA_DATA(groups); rem >= NLA_HDRLEN && g->nla_len >= NLA_HDRLEN &&
	     g->nla_len <= rem; rem -= NLA_ALIGN(g->nla_len),
	     g = (const struct nlattr *)((const char *)g + NLA_ALIGN(g->nla_len))) {
		int gid = -1, match = 0;

		grem = g->nla_len - NLA_HDRLEN;
		for (a = NLA_DATA(g); grem >= NLA_HDRLEN && a->nla_len >= NLA_HDRLEN &&
		     a->nla_len <= grem; grem -= NLA_ALIGN(a->nla_len),
		     a = (const struct nlattr *)((const char *)a + NLA_ALIGN(a->nla_len))) {
			if (a->nla_type == CTRL_ATTR_MCAST_GRP_NAME)
				match = !strncmp(NLA_DATA(a), grp, a->nla_len - NLA_HDRLEN);
			if (a->nla_type == CTRL_ATTR_MCAST_GRP_ID && a->nla_len >= NLA_HDRLEN + 4)
				memcpy(&gid, NLA_DATA(a), 4);
		}
		if (match && gid >= 0)
			id = gid;
	}
	if (id >= 0 && setsockopt(s->fd, SOL_NETLINK, NETLINK_ADD_MEMBERSHIP,
				  &id, sizeof(id)) < 0)
		id = -errno;
out:
	free(r);
	return id < 0 ? id : 0;
}

/* The next message of the datagram held in @s, copied into @buf; 0 if none. */
static int ntf_next(struct genl_sock *s, void *buf, size_t len)
{
	struct nlmsghdr *h;
	int rem = s->ntf_len - s->ntf_off;

	if (!s->ntf || rem <= 0)
		return 0;
	h = (struct nlmsghdr *)(s->ntf + s->ntf_off);
	if (!NLMSG_OK(h, rem)) {
		s->ntf_len = 0;
		return 0;
	}
	s->ntf_off += NLMSG_ALIGN(h->nlmsg_len);
	if (h->nlmsg_len > len)
		return -EMSGSIZE;
	memcpy(buf, h, h->nlmsg_len);
	return (int)h->nlmsg_len;
}

int genl_recv_ntf(struct genl_sock *s, void *buf, size_t len, int ms)
{
	struct pollfd p = { .fd = s->fd, .events = POLLIN };
	ssize_t n;
	int ret;

	ret = ntf_next(s, buf, len);
	if (ret)
		return ret;
	ret = poll(&p, 1, ms);
	if (ret <= 0)
		return ret < 0 ? -errno : 0;
	if (!s->ntf) {
		s->ntf = malloc(65536);
		if (!s->ntf)
			return -ENOMEM;
	}
	n = recv(s->fd, s->ntf, 65536, 0);
	if (n < 0)
		return -errno;
	s->ntf_len = (int)n;
	s->ntf_off = 0;
	return ntf_next(s, buf, len);
}

uint32_t genl_u32(const struct nlmsghdr *nlh, uint16_t type, uint32_t def)
{
	const struct nlattr *a = genl_attr(nlh, type);
	uint32_t v;

	if (!a || a->nla_len < NLA_HDRLEN + 4)
		return def;
	memcpy(&v, (const char *)a + NLA_HDRLEN, 4);
	return v;
}

uint64_t genl_u64(const struct nlmsghdr *nlh, uint16_t type, uint64_t def)
{
	const struct nlattr *a = genl_attr(nlh, type);
	uint64_t v;

	if (!a || a->nla_len < NLA_HDRLEN + 8)
		return def;
	memcpy(&v, (const char *)a + NLA_HDRLEN, 8);
	return v;
}

uint8_t genl_u8(const struct nlmsghdr *nlh, uint16_t type, uint8_t def)
{
	const struct nlattr *a = genl_attr(nlh, type);

	if (!a || a->nla_len < NLA_HDRLEN + 1)
		return def;
	return *((const uint8_t *)a + NLA_HDRLEN);
}

const struct nlattr *genl_nest_attr(const struct nlattr *nest, uint16_t type)
{
	const struct nlattr *a = (const struct nlattr *)((const char *)nest + NLA_HDRLEN);
	int rem = nest->nla_len - NLA_HDRLEN;

	while (rem >= NLA_HDRLEN && a->nla_len >= NLA_HDRLEN && a->nla_len <= rem) {
		if ((a->nla_type & NLA_TYPE_MASK) == type)
			return a;
		rem -= NLA_ALIGN(a->nla_len);
		a = (const struct nlattr *)((const char *)a + NLA_ALIGN(a->nla_len));
	}
	return NULL;
}

uint64_t genl_nest_u64(const struct nlattr *nest, uint16_t type, uint64_t def)
{
	const struct nlattr *a = genl_nest_attr(nest, type);
	uint64_t v;

	if (!a || a->nla_len < NLA_HDRLEN + 8)
		return def;
	memcpy(&v, (const char *)a + NLA_HDRLEN, 8);
	return v;
}

uint32_t genl_nest_u32(const struct nlattr *nest, uint16_t type, uint32_t def)
{
	const struct nlattr *a = genl_nest_attr(nest, type);
	uint32_t v;

	if (!a || a->nla_len < NLA_HDRLEN + 4)
		return def;
	memcpy(&v, (const char *)a + NLA_HDRLEN, 4);
	return v;
}

int sysfs_write(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC);
	ssize_t n;
	int err = 0;

	if (fd < 0)
		return -errno;
	n = write(fd, text, strlen(text));
	if (n < 0)
		err = -errno;
	close(fd);
	return err;
}
