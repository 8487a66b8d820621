// SPDX-License-Identifier: GPL-2.0
/*
 * The bytes on the wire: a lane or link record is built the same,
 * attribute by attribute, whatever builds it.  A fresh fabric of a given
 * seed dumps the same bytes as the code that first wrote these tests, and
 * every record of a fabric carrying data is well formed: each attribute as
 * long as its type, its padding zero, the statistics nest flagged and as
 * long as what it holds.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <linux/ophoton.h>

#include "fixture.h"

/*
 * FNV-1a of every lane record (generic netlink header and attributes) of
 * a LANE_GET dump with statistics of the test fabric as new_device makes
 * it, seed and shape of FAB_SHAPE: 64 links, 1,024 lanes.  Written down
 * from the nla_put() encoder of 2026-12-07 (commit 35eeff4).
 */
#define FRESH_LANES_FNV		0x419934ac2bd836cdull
/* The same of a LINK_GET dump without statistics (64 links). */
#define FRESH_LINKS_FNV		0xa59ddde913d01ce5ull

struct wire {
	int (*want_len)(int nested, uint16_t type);
	uint16_t stats;		/* the record's statistics nest */
	uint64_t fnv;
	uint64_t top_fnv;	/* the records' attributes but the statistics nest */
	int records;
	int bad;		/* records not well formed */
	int ber;		/* BER estimates and bounds seen */
	char why[160];
};

static void fnv(uint64_t *h, const void *p, size_t n)
{
	const unsigned char *c = p;

	while (n--) {
		*h ^= *c++;
		*h *= 1099511628211ull;
	}
}

/* The length an attribute of a link record must have, by where it is. */
static int link_len(int nested, uint16_t type)
{
	if (!nested) {
		switch (type) {
		case OPHOTON_A_FABRIC_ID:
		case OPHOTON_A_LINK_ID:
		case OPHOTON_A_GPU_ID:
		case OPHOTON_A_ENGINE:
		case OPHOTON_A_PORT:
		case OPHOTON_A_PLANE:
			return 4;
		case OPHOTON_A_LINK_STATE:
		case OPHOTON_A_LINK_ADMIN_UP:
		case OPHOTON_A_LINK_DOWN_REASON:
		case OPHOTON_A_LINK_LANES_UP:
		case OPHOTON_A_LINK_CAUSE:
			return 1;
		default:
			return -1;
		}
	}
	switch (type) {
	case OPHOTON_A_LINK_STATS_TIME_IN_STATE_NS:
		return 8;
	case OPHOTON_A_LINK_STATS_PAD:
		return 0;
	default:
		return type && type <= OPHOTON_A_LINK_STATS_MAX ? 4 : -1;
	}
}

/* The length an attribute of a lane record must have, by where it is. */
static int lane_len(int nested, uint16_t type)
{
	if (!nested) {
		switch (type) {
		case OPHOTON_A_FABRIC_ID:
		case OPHOTON_A_LINK_ID:
			return 4;
		case OPHOTON_A_LANE:
		case OPHOTON_A_DIR:
		case OPHOTON_A_LANE_STATE:
		case OPHOTON_A_LANE_CAUSE:
			return 1;
		default:
			return -1;
		}
	}
	switch (type) {
	case OPHOTON_A_LANE_STATS_BITS:
	case OPHOTON_A_LANE_STATS_ERR_BITS:
	case OPHOTON_A_LANE_STATS_FEC_CORRECTED:
	case OPHOTON_A_LANE_STATS_FEC_UNCORRECTABLE:
		return 8;
	case OPHOTON_A_LANE_STATS_PAD:
		return 0;
	default:
		return type && type <= OPHOTON_A_LANE_STATS_MAX ? 4 : -1;
	}
}

/* Walk @len bytes of attributes at @p; 0 when each is as it must be. */
static int check_attrs(struct wire *w, const unsigned char *p, int len, int nested)
{
	while (len > 0) {
		const struct nlattr *a = (const void *)p;
		uint16_t type = a->nla_type & NLA_TYPE_MASK;
		int alen = a->nla_len, pad, i;

		if (len < NLA_HDRLEN || alen < NLA_HDRLEN || alen > len) {
			snprintf(w->why, sizeof(w->why), "attribute %u: length %d of %d left",
				 type, alen, len);
			return -1;
		}
		if (!nested && type == w->stats) {
			if (!(a->nla_type & NLA_F_NESTED)) {
				snprintf(w->why, sizeof(w->why), "stats nest not flagged nested");
				return -1;
			}
			if (check_attrs(w, p + NLA_HDRLEN, alen - NLA_HDRLEN, 1))
				return -1;
		} else if (w->want_len(nested, type) != alen - NLA_HDRLEN) {
			snprintf(w->why, sizeof(w->why), "%s attribute %u: %d bytes, not %d",
				 nested ? "stats" : "record", type, alen - NLA_HDRLEN,
				 w->want_len(nested, type));
			return -1;
		}
		w->ber += nested && (type == OPHOTON_A_LANE_STATS_BER_E ||
				     type == OPHOTON_A_LANE_STATS_BER_BOUND_E);
		if (!nested && type != w->stats)
			fnv(&w->top_fnv, p, (size_t)NLA_ALIGN(alen) < (size_t)len ?
			    (size_t)NLA_ALIGN(alen) : (size_t)len);
		pad = NLA_ALIGN(alen) - alen;
		if (pad > len - alen)
			pad = len - alen;
		for (i = 0; i < pad; i++)
			if (p[alen + i]) {
				snprintf(w->why, sizeof(w->why), "attribute %u: padding not zero",
					 type);
				return -1;
			}
		p += NLA_ALIGN(alen);
		len -= NLA_ALIGN(alen);
	}
	return 0;
}

static void take_record(const struct nlmsghdr *nlh, void *arg)
{
	struct wire *w = arg;
	const unsigned char *body = NLMSG_DATA(nlh);
	int len = (int)nlh->nlmsg_len - NLMSG_HDRLEN;

	fnv(&w->fnv, body, (size_t)len);
	w->records++;
	if (len < (int)GENL_HDRLEN ||
	    check_attrs(w, body + GENL_HDRLEN, len - (int)GENL_HDRLEN, 0))
		w->bad++;
}

/* A dump of @cmd, with statistics or not, into @w: hashed and checked. */
static void dump_records(struct __test_metadata *_metadata, FIXTURE_DATA(fabric) *self,
			 struct wire *w, uint8_t cmd, int stats)
{
	char req[256] __attribute__((aligned(4)));
	int intr = 0;

	memset(w, 0, sizeof(*w));
	w->fnv = 14695981039346656037ull;
	w->top_fnv = w->fnv;
	w->want_len = cmd == OPHOTON_CMD_LANE_GET ? lane_len : link_len;
	w->stats = cmd == OPHOTON_CMD_LANE_GET ? OPHOTON_A_LANE_STATS : OPHOTON_A_LINK_STATS;
	fab_msg(self, req, cmd, FAB);
	if (stats)
		genl_put_flag(req, OPHOTON_A_STATS);
	ASSERT_LT(0, genl_dump(&self->s, req, 65536, take_record, w, &intr));
	EXPECT_EQ(0, intr);
	EXPECT_EQ(cmd == OPHOTON_CMD_LANE_GET ? FAB_LINKS * 2 * 8 : FAB_LINKS, w->records);
	EXPECT_EQ(0, w->bad) TH_LOG("%s", w->why);
}

static void dump_lanes(struct __test_metadata *_metadata, FIXTURE_DATA(fabric) *self,
		       struct wire *w)
{
	dump_records(_metadata, self, w, OPHOTON_CMD_LANE_GET, 1);
}

TEST_F(fabric, a_fresh_fabric_dumps_its_lanes_in_the_bytes_it_always_did)
{
	char req[256] __attribute__((aligned(4)));
	struct wire a, b;

	dump_lanes(_metadata, self, &a);
	/* Nothing is lit: the records do not move with the clock. */
	fab_msg(self, req, OPHOTON_CMD_SIM_CLOCK, FAB);
	genl_put_u64(req, OPHOTON_A_SIM_STEP_NS, 10000000000ull);
	ASSERT_EQ(0, request(_metadata, self, req));
	dump_lanes(_metadata, self, &b);
	EXPECT_EQ(a.fnv, b.fnv);
	EXPECT_EQ(FRESH_LANES_FNV, a.fnv) TH_LOG("lane records hash to %#llx",
						 (unsigned long long)a.fnv);
}

TEST_F(fabric, every_lane_record_of_a_fabric_carrying_data_is_well_formed)
{
	struct wire w;

	ASSERT_TRUE(bring_up(_metadata, self));
	dump_lanes(_metadata, self, &w);
	/* Lanes carrying data report a BER: those attributes were checked. */
	EXPECT_LT(0, w.ber);
}

/*
 * A listing without statistics reads only the lanes' state and cause
 * (oph_lane_state()): each record is the one with statistics, less its
 * nest, for lanes up, dark, and down by an administrator.
 */
TEST_F(fabric, a_lane_listing_without_statistics_is_the_one_with_them_less_their_nest)
{
	char req[256] __attribute__((aligned(4)));
	struct wire with, without;

	ASSERT_TRUE(bring_up(_metadata, self));
	fab_msg(self, req, OPHOTON_CMD_LINK_SET, FAB);
	genl_put_u32(req, OPHOTON_A_LINK_ID, 3);
	genl_put_u8(req, OPHOTON_A_LINK_ACTION, OPHOTON_LINK_ACTION_DOWN);
	ASSERT_EQ(0, request(_metadata, self, req));
	dump_records(_metadata, self, &with, OPHOTON_CMD_LANE_GET, 1);
	dump_records(_metadata, self, &without, OPHOTON_CMD_LANE_GET, 0);
	EXPECT_EQ(with.records, without.records);
	EXPECT_EQ(with.top_fnv, without.top_fnv);
}

/*
 * A fresh fabric's links, without statistics (with them, the time in
 * their state moves with the clock), as the nla_put() encoder wrote them.
 */
TEST_F(fabric, a_fresh_fabric_dumps_its_links_in_the_bytes_it_always_did)
{
	struct wire w;

	dump_records(_metadata, self, &w, OPHOTON_CMD_LINK_GET, 0);
	EXPECT_EQ(FRESH_LINKS_FNV, w.fnv) TH_LOG("link records hash to %#llx",
						 (unsigned long long)w.fnv);
}

TEST_F(fabric, every_link_record_with_statistics_is_well_formed)
{
	struct wire w;

	dump_records(_metadata, self, &w, OPHOTON_CMD_LINK_GET, 1);
	ASSERT_TRUE(bring_up(_metadata, self));
	dump_records(_metadata, self, &w, OPHOTON_CMD_LINK_GET, 1);
}

TEST_HARNESS_MAIN
