// SPDX-License-Identifier: GPL-2.0
/*
 * Host tests of the extended ACK decoding that libnl 3.7 does not do: the
 * raw errno, the message, and the attribute named by offset or as missing,
 * with and without NETLINK_CAP_ACK.
 */
#include <errno.h>
#include <string.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>
#include <linux/ophoton.h>

#include "nl.h"
#include "kselftest_harness.h"

/* A request: nlmsghdr + genlmsghdr + u32 pad attr + string attribute. */
struct req {
	struct nlmsghdr nlh;
	struct genlmsghdr g;
	struct nlattr a1;
	uint32_t v1;
	struct nlattr a2;
	char v2[8];
};

static void make_req(struct req *r)
{
	memset(r, 0, sizeof(*r));
	r->nlh.nlmsg_len = sizeof(*r);
	r->g.cmd = OPHOTON_CMD_VERSION_GET;
	r->a1.nla_type = OPHOTON_A_VERSION_PROTO;
	r->a1.nla_len = NLA_HDRLEN + 4;
	r->v1 = 1;
	r->a2.nla_type = OPHOTON_A_VERSION_MODULE;
	r->a2.nla_len = NLA_HDRLEN + 8;
	memcpy(r->v2, "0.1.0", 6);
}

static size_t put_attr(char *p, uint16_t type, const void *data, uint16_t len)
{
	struct nlattr *a = (struct nlattr *)p;

	a->nla_type = type;
	a->nla_len = NLA_HDRLEN + len;
	memcpy(p + NLA_HDRLEN, data, len);
	return NLA_ALIGN(a->nla_len);
}

/* An NLMSG_ERROR answering @req, capped (header only) or with the request. */
static struct nlmsghdr *make_err(char *buf, const struct req *req, int error,
				 int capped, const char *msg, int offs, int miss)
{
	struct nlmsghdr *nlh = (struct nlmsghdr *)buf;
	struct nlmsgerr *e = NLMSG_DATA(nlh);
	size_t len = NLMSG_HDRLEN + sizeof(*e);
	uint32_t u;

	memset(buf, 0, 4096);
	nlh->nlmsg_type = NLMSG_ERROR;
	nlh->nlmsg_flags = NLM_F_ACK_TLVS | (capped ? NLM_F_CAPPED : 0);
	e->error = error;
	e->msg = req->nlh;
	if (!capped) {
		memcpy(buf + len, (const char *)req + sizeof(req->nlh),
		       sizeof(*req) - sizeof(req->nlh));
		len += sizeof(*req) - sizeof(req->nlh);
	}
	if (msg)
		len += put_attr(buf + len, NLMSGERR_ATTR_MSG, msg, (uint16_t)(strlen(msg) + 1));
	if (offs >= 0) {
		u = (uint32_t)offs;
		len += put_attr(buf + len, NLMSGERR_ATTR_OFFS, &u, 4);
	}
	if (miss >= 0) {
		u = (uint32_t)miss;
		len += put_attr(buf + len, NLMSGERR_ATTR_MISS_TYPE, &u, 4);
	}
	nlh->nlmsg_len = (uint32_t)len;
	return nlh;
}

FIXTURE(extack) {
	struct req req;
	char buf[4096] __attribute__((aligned(4)));
	struct onl_err err;
};

FIXTURE_SETUP(extack)
{
	make_req(&self->req);
	memset(&self->err, 0, sizeof(self->err));
}

FIXTURE_TEARDOWN(extack)
{
}

TEST_F(extack, capped_error_names_attribute_by_offset)
{
	size_t offs = offsetof(struct req, a2) + 2;
	struct nlmsghdr *nlh = make_err(self->buf, &self->req, -EINVAL, 1,
					"bad value", (int)offs, -1);

	onl_parse_extack(nlh, &self->req.nlh, &self->err);
	EXPECT_EQ(-EINVAL, self->err.error);
	EXPECT_STREQ("bad value", self->err.msg);
	EXPECT_STREQ("version-module", self->err.attr);
}

TEST_F(extack, an_attribute_inside_a_nest_is_named_with_its_nest)
{
	/* FABRIC_SET with a thresh nest: thresh-id, then warn-lo. */
	struct {
		struct nlmsghdr nlh;
		struct genlmsghdr g;
		struct nlattr nest;
		struct nlattr id;
		uint8_t idv[4];
		struct nlattr wl;
		uint32_t wlv;
	} r;
	struct nlmsghdr *nlh;

	memset(&r, 0, sizeof(r));
	r.nlh.nlmsg_len = sizeof(r);
	r.g.cmd = OPHOTON_CMD_FABRIC_SET;
	r.nest.nla_type = NLA_F_NESTED | OPHOTON_A_THRESH;
	r.nest.nla_len = (uint16_t)(sizeof(r) - offsetof(__typeof__(r), nest));
	r.id.nla_type = OPHOTON_A_THRESH_ID;
	r.id.nla_len = NLA_HDRLEN + 1;
	r.wl.nla_type = OPHOTON_A_THRESH_WARN_LO;
	r.wl.nla_len = NLA_HDRLEN + 4;
	/* Capped: only the request's header is read from the echo. */
	nlh = make_err(self->buf, (const struct req *)&r, -ERANGE, 1, "out of range",
		       (int)offsetof(__typeof__(r), wl), -1);
	onl_parse_extack(nlh, &r.nlh, &self->err);
	EXPECT_STREQ("warn-lo in thresh", self->err.attr);
	/* The nest's own header names the nest. */
	memset(&self->err, 0, sizeof(self->err));
	nlh = make_err(self->buf, (const struct req *)&r, -EINVAL, 1, "bad nest",
		       (int)offsetof(__typeof__(r), nest), -1);
	onl_parse_extack(nlh, &r.nlh, &self->err);
	EXPECT_STREQ("thresh", self->err.attr);
}

TEST_F(extack, uncapped_error_skips_echoed_request)
{
	struct nlmsghdr *nlh = make_err(self->buf, &self->req, -ERANGE, 0,
					"out of range",
					(int)offsetof(struct req, a1), -1);

	onl_parse_extack(nlh, &self->req.nlh, &self->err);
	EXPECT_EQ(-ERANGE, self->err.error);
	EXPECT_STREQ("out of range", self->err.msg);
	EXPECT_STREQ("version-proto", self->err.attr);
}

TEST_F(extack, missing_attribute_is_named)
{
	struct nlmsghdr *nlh = make_err(self->buf, &self->req, -EINVAL, 1,
					NULL, -1, OPHOTON_A_VERSION_PROTO);

	onl_parse_extack(nlh, &self->req.nlh, &self->err);
	EXPECT_STREQ("version-proto (missing)", self->err.attr);
	EXPECT_STREQ("", self->err.msg);
}

TEST_F(extack, success_ack_message_is_a_warning)
{
	struct nlmsghdr *nlh = make_err(self->buf, &self->req, 0, 1,
					"already up", -1, -1);

	onl_parse_extack(nlh, &self->req.nlh, &self->err);
	EXPECT_EQ(0, self->err.error);
	EXPECT_STREQ("already up", self->err.warning);
	EXPECT_STREQ("", self->err.msg);
}

TEST_F(extack, offset_outside_request_names_nothing)
{
	struct nlmsghdr *nlh = make_err(self->buf, &self->req, -EINVAL, 1,
					"x", 4000, -1);

	onl_parse_extack(nlh, &self->req.nlh, &self->err);
	EXPECT_STREQ("", self->err.attr);
}

TEST_F(extack, truncated_tlvs_are_ignored)
{
	struct nlmsghdr *nlh = make_err(self->buf, &self->req, -EINVAL, 1,
					"message", -1, -1);

	/* Cut the message attribute short: nothing may be read past it. */
	nlh->nlmsg_len -= 6;
	onl_parse_extack(nlh, &self->req.nlh, &self->err);
	EXPECT_EQ(-EINVAL, self->err.error);
	EXPECT_STREQ("", self->err.msg);
}

TEST_F(extack, bogus_echo_length_reads_nothing_outside)
{
	struct nlmsghdr *nlh = make_err(self->buf, &self->req, -EINVAL, 0,
					"message", -1, -1);
	struct nlmsgerr *e = NLMSG_DATA(nlh);

	/* A hostile echoed length must not move the TLV pointer off the buffer. */
	e->msg.nlmsg_len = 0xfffffff0;
	onl_parse_extack(nlh, &self->req.nlh, &self->err);
	EXPECT_EQ(-EINVAL, self->err.error);
	EXPECT_STREQ("", self->err.msg);
}

TEST_F(extack, unterminated_message_is_ignored)
{
	struct nlmsghdr *nlh = make_err(self->buf, &self->req, -EINVAL, 1,
					"abcd", -1, -1);
	char *msg = (char *)NLMSG_DATA(nlh) + sizeof(struct nlmsgerr) + NLA_HDRLEN;

	msg[4] = 'e';	/* overwrite the NUL: the string runs to the end */
	memset(msg + 5, 'x', 3);
	onl_parse_extack(nlh, &self->req.nlh, &self->err);
	EXPECT_EQ(-EINVAL, self->err.error);
	EXPECT_STREQ("", self->err.msg);
}

TEST_F(extack, short_error_message_is_a_protocol_error)
{
	struct nlmsghdr *nlh = make_err(self->buf, &self->req, -EINVAL, 1,
					NULL, -1, -1);

	nlh->nlmsg_len = NLMSG_HDRLEN + 2;
	onl_parse_extack(nlh, &self->req.nlh, &self->err);
	EXPECT_EQ(-EPROTO, self->err.error);
}

TEST_F(extack, dump_error_in_done_keeps_its_message)
{
	struct nlmsghdr *nlh = (struct nlmsghdr *)self->buf;
	size_t len = NLMSG_HDRLEN;
	int error = -ENODEV;

	memset(self->buf, 0, sizeof(self->buf));
	nlh->nlmsg_type = NLMSG_DONE;
	nlh->nlmsg_flags = NLM_F_MULTI | NLM_F_ACK_TLVS;
	memcpy(self->buf + len, &error, sizeof(error));
	len += sizeof(error);
	len += put_attr(self->buf + len, NLMSGERR_ATTR_MSG, "fabric is gone", 15);
	nlh->nlmsg_len = (uint32_t)len;
	onl_parse_done(nlh, &self->req.nlh, &self->err);
	EXPECT_EQ(-ENODEV, self->err.error);
	EXPECT_STREQ("fabric is gone", self->err.msg);
}

TEST_F(extack, successful_done_is_not_an_error)
{
	struct nlmsghdr *nlh = (struct nlmsghdr *)self->buf;
	int zero = 0;

	memset(self->buf, 0, sizeof(self->buf));
	nlh->nlmsg_type = NLMSG_DONE;
	memcpy(self->buf + NLMSG_HDRLEN, &zero, sizeof(zero));
	nlh->nlmsg_len = NLMSG_HDRLEN + sizeof(zero);
	onl_parse_done(nlh, &self->req.nlh, &self->err);
	EXPECT_EQ(0, self->err.error);
}

TEST(unknown_attribute_types_have_no_name)
{
	EXPECT_EQ(NULL, onl_attr_name(0));
	EXPECT_EQ(NULL, onl_attr_name(OPHOTON_A_MAX + 1));
	EXPECT_STREQ("version-module", onl_attr_name(OPHOTON_A_VERSION_MODULE));
}

TEST_HARNESS_MAIN
