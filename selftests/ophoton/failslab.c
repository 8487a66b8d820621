// SPDX-License-Identifier: GPL-2.0
/*
 * Allocation failure, at every allocation in turn: with failslab's
 * fail-nth, the Nth slab allocation of this task fails, for N = 1, 2, ...
 * until the operation gets through.  Creating a fabric and inserting a
 * laser module must then fail cleanly with ENOMEM, leave nothing half made
 * and leave the fabric already there untouched; kmemleak, after the run,
 * says nothing leaked.  Needs a kernel with failslab (the debug kernel).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <linux/ophoton.h>

#include "fixture.h"

#define FAILSLAB	"/sys/kernel/debug/failslab"
#define MAX_POINTS	2000

static int write_file(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY), err = 0;

	if (fd < 0)
		return -errno;
	if (write(fd, text, strlen(text)) < 0)
		err = -errno;
	close(fd);
	return err;
}

/*
 * This task's fail-nth, opened once: opening a file allocates, which would
 * count against (and set off) the armed failure.
 */
static int nth_fd = -1;

/* The next @n-th slab allocation of this task fails (0: none). */
static int fail_nth(int n)
{
	char text[16];

	snprintf(text, sizeof(text), "%d", n);
	return pwrite(nth_fd, text, strlen(text), 0) < 0 ? -errno : 0;
}

/*
 * What is left of the count: not 0 when the operation made fewer than N
 * allocations, so that every point of its path has been tried.  It is
 * disarmed afterwards.
 */
static int fail_nth_left(void)
{
	char text[16] = "";
	ssize_t n = pread(nth_fd, text, sizeof(text) - 1, 0);

	fail_nth(0);
	return n > 0 ? atoi(text) : -1;
}

static int failslab_setup(void)
{
	char path[64];

	if (access(FAILSLAB, F_OK))
		return -ENOENT;
	snprintf(path, sizeof(path), "/proc/self/task/%ld/fail-nth", (long)syscall(SYS_gettid));
	if (nth_fd < 0)
		nth_fd = open(path, O_RDWR);
	if (nth_fd < 0)
		return -errno;
	/* Sleeping allocations too: the creation path makes only those. */
	return write_file(FAILSLAB "/ignore-gfp-wait", "N") ?:
	       write_file(FAILSLAB "/verbose", "0");
}

static uint32_t fabric_links(struct __test_metadata *_metadata, FIXTURE_DATA(fabric) *self)
{
	return links_up(_metadata, self);
}

/* Every allocation point in turn on a debug kernel: minutes, not 30 s. */
TEST_F_TIMEOUT(fabric, fabric_creation_fails_cleanly_at_every_allocation, 900)
{
	int n, err = -ENOMEM, points = 0;
	uint32_t before;

	if (failslab_setup())
		SKIP(return, "no failslab in this kernel");
	ASSERT_TRUE(bring_up(_metadata, self));
	before = fabric_links(_metadata, self);
	for (n = 1; n < MAX_POINTS; n++) {
		int left;

		ASSERT_EQ(0, fail_nth(n));
		err = sysfs_write(NEW_DEVICE, "13 racks=1 trays=2 slots=2 engines=2 ports=2 "
				  "lambdas=4 min_lanes=2 switch_racks=1");
		left = fail_nth_left();
		if (!err) {
			/* A failure absorbed (kvmalloc falls back to vmalloc), or none left. */
			ASSERT_EQ(0, sysfs_write(DEL_DEVICE, "13"));
			if (left)
				break;
			continue;
		}
		points++;
		ASSERT_EQ(-ENOMEM, err) TH_LOG("allocation %d: %s", n, strerror(-err));
		/* Nothing half made, nothing else touched. */
		ASSERT_NE(0, access("/sys/bus/ophoton/devices/ophoton13", F_OK)) TH_LOG("at %d", n);
		ASSERT_EQ(before, fabric_links(_metadata, self));
	}
	EXPECT_EQ(0, err) TH_LOG("still failing after %d allocations", MAX_POINTS);
	tell("# figures: fabric creation: %d allocation points tried, %d refused cleanly\n",
	     n, points);
	EXPECT_LT(5, points);
}

TEST_F_TIMEOUT(fabric, laser_module_insertion_fails_cleanly_at_every_allocation, 900)
{
	char req[256] __attribute__((aligned(4)));
	int n, err = -ENOMEM, points = 0;
	uint8_t state;

	if (failslab_setup())
		SKIP(return, "no failslab in this kernel");
	ASSERT_TRUE(bring_up(_metadata, self));
	fab_msg(self, req, OPHOTON_CMD_SIM_MODULE, FAB);
	genl_put_u8(req, OPHOTON_A_SIDE, OPHOTON_SIDE_GPU);
	genl_put_u32(req, OPHOTON_A_MODULE_ID, 6);
	genl_put_u8(req, OPHOTON_A_SIM_ACTION, OPHOTON_SIM_ACTION_REMOVE);
	ASSERT_EQ(0, request(_metadata, self, req));
	for (n = 1; n < MAX_POINTS; n++) {
		int left;

		fab_msg(self, req, OPHOTON_CMD_SIM_MODULE, FAB);
		genl_put_u8(req, OPHOTON_A_SIDE, OPHOTON_SIDE_GPU);
		genl_put_u32(req, OPHOTON_A_MODULE_ID, 6);
		genl_put_u8(req, OPHOTON_A_SIM_ACTION, OPHOTON_SIM_ACTION_INSERT);
		ASSERT_EQ(0, fail_nth(n));
		/* Sending, the request or its answer may be what fails. */
		err = genl_transact(&self->s, req, self->r) ?: self->r->error;
		left = fail_nth_left();
		fab_msg(self, req, OPHOTON_CMD_MODULE_GET, FAB);
		genl_put_u8(req, OPHOTON_A_SIDE, OPHOTON_SIDE_GPU);
		genl_put_u32(req, OPHOTON_A_MODULE_ID, 6);
		ASSERT_EQ(0, request(_metadata, self, req));
		state = genl_u8((struct nlmsghdr *)self->r->buf, OPHOTON_A_MODULE_STATE, 0xff);
		if (err) {
			points++;
			ASSERT_TRUE(err == -ENOMEM || err == -ENOBUFS) TH_LOG("at %d: %s", n,
									     strerror(-err));
			/* Refused means not inserted; only a lost answer may hide one. */
			if (err == -ENOMEM)
				ASSERT_EQ(OPHOTON_MODULE_STATE_ABSENT, state) TH_LOG("at %d", n);
		}
		if (left && !err)
			break;
		/* In: out again, for the next point. */
		if (state != OPHOTON_MODULE_STATE_ABSENT) {
			fab_msg(self, req, OPHOTON_CMD_SIM_MODULE, FAB);
			genl_put_u8(req, OPHOTON_A_SIDE, OPHOTON_SIDE_GPU);
			genl_put_u32(req, OPHOTON_A_MODULE_ID, 6);
			genl_put_u8(req, OPHOTON_A_SIM_ACTION, OPHOTON_SIM_ACTION_REMOVE);
			ASSERT_EQ(0, request(_metadata, self, req));
		}
	}
	EXPECT_EQ(0, err);
	tell("# figures: laser module insertion: %d allocation points tried, %d refused cleanly\n",
	     n, points);
	EXPECT_LT(0, points);
}

TEST_HARNESS_MAIN
