// SPDX-License-Identifier: GPL-2.0
/*
 * Host tests of the read-ahead of a dump's datagrams: every datagram
 * arrives once and in order, the reader stops at the request's end or its
 * first failed read, never holds more than RX_PIPE_DEPTH, and a consumer
 * that stops early is not left waiting.
 */
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <linux/netlink.h>
#include <netlink/errno.h>

#include "rxpipe.h"
#include "kselftest_harness.h"

#define SEQ 77

/* What the fake socket gives: @total datagrams, the last a DONE, or an error at @fail_at. */
static struct {
	int total;
	int fail_at;		/* -1: none */
	bool block_after;	/* reads past the end never return */
	atomic_int reads;
	atomic_int outstanding;	/* read and not yet taken */
	atomic_int most;
} fake;

static int fake_recv(struct nl_sock *sk, unsigned char **buf)
{
	int i = atomic_fetch_add(&fake.reads, 1), out;
	struct nlmsghdr *nlh;

	(void)sk;
	if (i == fake.fail_at)
		return -NLE_AGAIN;
	if (i >= fake.total && fake.block_after)
		for (;;)
			pause();	/* a read that never returns; cancelled */
	nlh = calloc(1, NLMSG_SPACE(sizeof(int)));
	if (!nlh)
		return -NLE_NOMEM;
	nlh->nlmsg_len = NLMSG_LENGTH(sizeof(int));
	nlh->nlmsg_seq = SEQ;
	nlh->nlmsg_type = i == fake.total - 1 ? NLMSG_DONE : 0x20;
	memcpy(NLMSG_DATA(nlh), &i, sizeof(i));
	out = atomic_fetch_add(&fake.outstanding, 1) + 1;
	if (out > atomic_load(&fake.most))
		atomic_store(&fake.most, out);
	*buf = (unsigned char *)nlh;
	return (int)NLMSG_SPACE(sizeof(int));
}

static void fake_reset(int total, int fail_at, bool block_after)
{
	fake.total = total;
	fake.fail_at = fail_at;
	fake.block_after = block_after;
	atomic_store(&fake.reads, 0);
	atomic_store(&fake.outstanding, 0);
	atomic_store(&fake.most, 0);
}

/* Take the next datagram: its index, or what the read returned. */
static int take(struct rx_pipe *p, int *type)
{
	unsigned char *buf;
	int n = rx_pipe_next(p, &buf), idx;

	if (n <= 0)
		return n;
	atomic_fetch_sub(&fake.outstanding, 1);
	memcpy(&idx, NLMSG_DATA((struct nlmsghdr *)buf), sizeof(idx));
	*type = ((struct nlmsghdr *)buf)->nlmsg_type;
	free(buf);
	usleep(idx % 7 ? 0 : 100);	/* a slow printer, now and then */
	return idx + 1;
}

TEST(every_datagram_arrives_once_in_order_and_the_reader_stops_at_done)
{
	struct rx_pipe *p;
	int i, type = 0;

	if (sysconf(_SC_NPROCESSORS_ONLN) < 2)
		SKIP(return, "one CPU: the tool reads inline");
	fake_reset(500, -1, true);
	p = rx_pipe_start(NULL, SEQ, fake_recv);
	ASSERT_NE(NULL, p);
	for (i = 0; i < 500; i++)
		ASSERT_EQ(i + 1, take(p, &type));
	EXPECT_EQ(NLMSG_DONE, type);
	/* Nothing after the end: asked again, it says so rather than wait. */
	EXPECT_EQ(-NLE_FAILURE, take(p, &type));
	rx_pipe_stop(p);
	EXPECT_EQ(500, atomic_load(&fake.reads));
	/* The ring, one read in flight, one taken and not yet counted. */
	EXPECT_GE(RX_PIPE_DEPTH + 2, atomic_load(&fake.most));
}

TEST(a_failed_read_is_handed_on_and_ends_the_reading)
{
	struct rx_pipe *p;
	int i, type;

	if (sysconf(_SC_NPROCESSORS_ONLN) < 2)
		SKIP(return, "one CPU: the tool reads inline");
	fake_reset(100, 40, true);
	p = rx_pipe_start(NULL, SEQ, fake_recv);
	ASSERT_NE(NULL, p);
	for (i = 0; i < 40; i++)
		ASSERT_EQ(i + 1, take(p, &type));
	EXPECT_EQ(-NLE_AGAIN, take(p, &type));
	rx_pipe_stop(p);
	EXPECT_EQ(41, atomic_load(&fake.reads));
}

TEST(a_consumer_that_stops_early_is_not_left_waiting)
{
	struct rx_pipe *p;
	int type;

	if (sysconf(_SC_NPROCESSORS_ONLN) < 2)
		SKIP(return, "one CPU: the tool reads inline");
	/* The reader waits on a full ring. */
	fake_reset(1000, -1, true);
	p = rx_pipe_start(NULL, SEQ, fake_recv);
	ASSERT_NE(NULL, p);
	ASSERT_EQ(1, take(p, &type));
	usleep(20000);
	rx_pipe_stop(p);
	/* The reader waits in a read that never returns (its DONE is not seen). */
	fake_reset(3, -1, true);
	p = rx_pipe_start(NULL, SEQ + 1, fake_recv);
	ASSERT_NE(NULL, p);
	ASSERT_EQ(1, take(p, &type));
	rx_pipe_stop(p);
}

TEST_HARNESS_MAIN
