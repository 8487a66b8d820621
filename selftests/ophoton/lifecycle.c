// SPDX-License-Identifier: GPL-2.0
/*
 * Fabrics and the module against what is going on around them: dumps
 * interrupted by modules coming and going, fabrics deleted and the module
 * unloaded while a dump is half read and a monitor listens, and fabrics
 * owned by a user namespace's network namespace.
 */
#include <errno.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>
#include <linux/ophoton.h>

#include "fixture.h"

/* What a dump callback does between two reads of the dump. */
struct mid_dump {
	FIXTURE_DATA(fabric) *self;
	int n;
	int after;		/* act after this many messages */
	int (*act)(struct mid_dump *m);
	int err;
};

static void act_mid_dump(const struct nlmsghdr *nlh, void *arg)
{
	struct mid_dump *m = arg;

	if (++m->n == m->after)
		m->err = m->act(m);
}

/* Pull laser module 5 out, or plug it back in, between two reads. */
static int sim_module(struct mid_dump *m, uint8_t action)
{
	char req[256] __attribute__((aligned(4)));

	fab_msg(m->self, req, OPHOTON_CMD_SIM_MODULE, FAB);
	genl_put_u8(req, OPHOTON_A_SIDE, OPHOTON_SIDE_GPU);
	genl_put_u32(req, OPHOTON_A_MODULE_ID, 5);
	genl_put_u8(req, OPHOTON_A_SIM_ACTION, action);
	if (genl_transact(&m->self->s, req, m->self->r))
		return -EIO;
	return m->self->r->error;
}

static int pull_module(struct mid_dump *m)
{
	return sim_module(m, OPHOTON_SIM_ACTION_REMOVE);
}

static int plug_module(struct mid_dump *m)
{
	return sim_module(m, OPHOTON_SIM_ACTION_INSERT);
}

static int delete_fabric(struct mid_dump *m)
{
	return sysfs_write(DEL_DEVICE, FAB_STR);
}

static void nothing(const struct nlmsghdr *nlh, void *arg)
{
}

/*
 * A monitor on the config group, and a dump of the fabric's lanes of which
 * only the first batch is read: what destroy and unload must cope with.
 */
static int monitor_and_half_read_dump(FIXTURE_DATA(fabric) *self, struct genl_sock *mon,
				      struct genl_sock *dump)
{
	char req[256] __attribute__((aligned(4)));
	char buf[8192] __attribute__((aligned(4)));

	if (genl_open(mon) || genl_join(mon, OPHOTON_GENL_NAME, OPHOTON_MCGRP_CONFIG) ||
	    genl_open(dump))
		return -1;
	fab_msg(self, req, OPHOTON_CMD_LANE_GET, FAB);
	((struct nlmsghdr *)req)->nlmsg_flags |= NLM_F_DUMP;
	if (send(dump->fd, req, ((struct nlmsghdr *)req)->nlmsg_len, 0) < 0 ||
	    recv(dump->fd, buf, sizeof(buf), 0) <= 0 ||
	    ((struct nlmsghdr *)buf)->nlmsg_type == NLMSG_DONE)
		return -1;
	return 0;
}

TEST_F(fabric, dump_is_flagged_interrupted_when_modules_come_and_go)
{
	char req[256] __attribute__((aligned(4)));
	struct mid_dump m = { .self = self, .after = 1, .act = pull_module };
	struct genl_sock small;
	int intr, n;

	ASSERT_TRUE(bring_up(_metadata, self));
	ASSERT_EQ(0, genl_open(&small));
	fab_msg(self, req, OPHOTON_CMD_LINK_GET, FAB);
	genl_put_flag(req, OPHOTON_A_STATS);
	/* 4 KiB reads: the module goes after the first, the rest is flagged. */
	n = genl_dump(&small, req, 4096, act_mid_dump, &m, &intr);
	EXPECT_EQ(FAB_LINKS, n);
	EXPECT_EQ(0, m.err);
	EXPECT_EQ(1, intr);

	/* Nothing moves now: a dump again is coherent. */
	fab_msg(self, req, OPHOTON_CMD_LINK_GET, FAB);
	genl_put_flag(req, OPHOTON_A_STATS);
	EXPECT_EQ(FAB_LINKS, genl_dump(&small, req, 4096, nothing, NULL, &intr));
	EXPECT_EQ(0, intr);

	/* Dumps of the other objects resume under the same check. */
	m.n = 0;
	m.act = plug_module;
	fab_msg(self, req, OPHOTON_CMD_LANE_GET, FAB);
	genl_put_flag(req, OPHOTON_A_STATS);
	n = genl_dump(&small, req, 4096, act_mid_dump, &m, &intr);
	EXPECT_EQ(FAB_LINKS * 8 * 2, n);
	EXPECT_EQ(0, m.err);
	EXPECT_EQ(1, intr);
	genl_close(&small);
}

TEST_F(fabric, deleting_the_fabric_mid_dump_ends_the_dump_cleanly)
{
	char req[256] __attribute__((aligned(4)));
	char buf[8192] __attribute__((aligned(4)));
	struct mid_dump m = { .self = self, .after = 1, .act = delete_fabric };
	struct genl_sock small, mon;
	int intr, n, deleted = 0;

	ASSERT_EQ(0, genl_open(&mon));
	ASSERT_EQ(0, genl_join(&mon, OPHOTON_GENL_NAME, OPHOTON_MCGRP_CONFIG));
	ASSERT_EQ(0, genl_open(&small));
	fab_msg(self, req, OPHOTON_CMD_LANE_GET, FAB);
	genl_put_flag(req, OPHOTON_A_STATS);
	n = genl_dump(&small, req, 4096, act_mid_dump, &m, &intr);
	genl_close(&small);
	EXPECT_EQ(0, m.err);
	/* What was read stays read; the rest is refused: the fabric is gone. */
	EXPECT_EQ(-ENODEV, n);
	EXPECT_LT(0, m.n);
	while (genl_recv_ntf(&mon, buf, sizeof(buf), 500) > 0) {
		struct nlmsghdr *h = (struct nlmsghdr *)buf;

		if (((struct genlmsghdr *)NLMSG_DATA(h))->cmd == OPHOTON_CMD_FABRIC_NTF &&
		    genl_u8(h, OPHOTON_A_FABRIC_EVENT, 0) == OPHOTON_FABRIC_EVENT_DELETE)
			deleted++;
	}
	EXPECT_EQ(1, deleted);
	genl_close(&mon);
	EXPECT_NE(0, access("/sys/bus/ophoton/devices/ophoton" FAB_STR, F_OK));
}

TEST_F(fabric, unload_waits_for_a_half_read_dump_not_for_monitors)
{
	char buf[8192] __attribute__((aligned(4)));
	struct genl_sock dump, mon;
	int i, deleted = 0;

	if (!self->loaded)
		SKIP(return, "the module was loaded before the test");
	ASSERT_EQ(0, monitor_and_half_read_dump(self, &mon, &dump));

	/* The half-read dump pins the module; the monitor does not. */
	EXPECT_EQ(-EAGAIN, module_unload("ophoton"));
	EXPECT_TRUE(module_loaded("ophoton"));
	genl_close(&dump);
	for (i = 0; i < 50 && module_loaded("ophoton"); i++) {
		if (!module_unload("ophoton"))
			break;
		usleep(100000);
	}
	EXPECT_FALSE(module_loaded("ophoton"));
	self->loaded = 0;
	/* The monitor heard the fabric go, then nothing: the family is gone. */
	while (genl_recv_ntf(&mon, buf, sizeof(buf), 500) > 0) {
		struct nlmsghdr *h = (struct nlmsghdr *)buf;

		if (((struct genlmsghdr *)NLMSG_DATA(h))->cmd == OPHOTON_CMD_FABRIC_NTF &&
		    genl_u8(h, OPHOTON_A_FABRIC_EVENT, 0) == OPHOTON_FABRIC_EVENT_DELETE)
			deleted++;
	}
	EXPECT_EQ(1, deleted);
	genl_close(&mon);
}

/* Objects made and freed since the module loaded, from debugfs. */
static int objects(unsigned long long c[4])
{
	FILE *f = fopen("/sys/kernel/debug/ophoton/objects", "r");
	int n;

	if (!f)
		return -1;
	n = fscanf(f, "fabrics_made %llu fabrics_freed %llu laser_modules_made %llu "
		   "laser_modules_freed %llu", &c[0], &c[1], &c[2], &c[3]);
	fclose(f);
	return n == 4 ? 0 : -1;
}

/* Once every fabric is gone, every object made was freed. */
static int all_freed(void)
{
	unsigned long long c[4];

	for (int i = 0; i < 50; i++) {
		if (!objects(c) && c[0] == c[1] && c[2] == c[3] && c[0] && c[2])
			return 0;
		usleep(100000);
	}
	objects(c);
	tell("# fabrics %llu made, %llu freed; laser modules %llu made, %llu freed\n",
	     c[0], c[1], c[2], c[3]);
	return -1;
}

/*
 * The cycles that ran to their end, for the summary of "make reliability":
 * told after each, since a failed ASSERT leaves the test there and then.
 */
static void cycles_done(int done, int asked)
{
	tell("# figures: cycles %d of %d\n", done, asked);
}

/* make reliability runs 50 cycles of a few seconds each on a debug kernel. */
TEST_F_TIMEOUT(fabric, load_use_destroy_unload_cycles_leave_nothing_behind, 3600)
{
	int cycles = getenv("OPHOTON_CYCLES") ? atoi(getenv("OPHOTON_CYCLES")) : 3;
	struct mid_dump m = { .self = self };

	if (!self->loaded)
		SKIP(return, "the module was loaded before the test");
	cycles_done(0, cycles);
	for (int i = 0; i < cycles; i++) {
		struct genl_sock dump, mon;

		/* Traffic: everything up, a module swapped. */
		ASSERT_TRUE(bring_up(_metadata, self));
		EXPECT_EQ(0, pull_module(&m));
		EXPECT_EQ(0, plug_module(&m));
		/* A monitor listens, a dump is half read. */
		ASSERT_EQ(0, monitor_and_half_read_dump(self, &mon, &dump));
		/* Destroyed under them; everything made is freed. */
		ASSERT_EQ(0, sysfs_write(DEL_DEVICE, FAB_STR));
		EXPECT_EQ(0, all_freed()) TH_LOG("cycle %d", i);
		genl_close(&dump);
		genl_close(&mon);
		genl_close(&self->s);
		ASSERT_EQ(0, module_unload("ophoton")) TH_LOG("cycle %d", i);
		/* And again, from a fresh load. */
		ASSERT_EQ(0, module_load(ophoton_ko_path()));
		ASSERT_EQ(0, sysfs_write(NEW_DEVICE, FAB_STR " " FAB_SHAPE));
		ASSERT_EQ(0, genl_open(&self->s));
		self->family = genl_family_id(&self->s, OPHOTON_GENL_NAME);
		ASSERT_LT(0, self->family);
		cycles_done(i + 1, cycles);
	}
}

/* In a child: the answer to a request on fabric @fab, or a code >= 100. */
static int child_request(uint8_t cmd, uint32_t fab)
{
	static char req[256] __attribute__((aligned(4)));
	struct genl_reply *r = calloc(1, sizeof(*r));
	struct genl_sock s;
	int fam, err;

	if (!r || genl_open(&s))
		return 100;
	fam = genl_family_id(&s, OPHOTON_GENL_NAME);
	if (fam < 0)
		return 101;
	genl_msg_init(req, (uint16_t)fam, cmd, OPHOTON_GENL_VERSION, 0);
	genl_put_u32(req, OPHOTON_A_FABRIC_ID, fab);
	switch (cmd) {
	case OPHOTON_CMD_LINK_SET:
		genl_put_u32(req, OPHOTON_A_LINK_ID, 0);
		genl_put_u8(req, OPHOTON_A_LINK_ACTION, OPHOTON_LINK_ACTION_UP);
		break;
	case OPHOTON_CMD_SIM_CLOCK:
		genl_put_u64(req, OPHOTON_A_SIM_STEP_NS, 1000000);
		break;
	}
	if (genl_transact(&s, req, r))
		return 102;
	err = r->error;
	genl_close(&s);
	free(r);
	return err;
}

#define USERNS_FAB	11
#define USERNS_FAB_STR	"11"

static int child_status(pid_t pid)
{
	int status;

	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

TEST_F(fabric, user_namespace_root_manages_only_its_own_fabrics)
{
	pid_t pid;
	int i;

	/* Root of a new user namespace, still in the first network namespace. */
	pid = fork();
	ASSERT_LE(0, pid);
	if (!pid) {
		if (unshare(CLONE_NEWUSER))
			_exit(2);
		if (child_request(OPHOTON_CMD_FABRIC_GET, FAB))
			_exit(3);
		if (child_request(OPHOTON_CMD_LINK_SET, FAB) != -EPERM)
			_exit(4);
		if (child_request(OPHOTON_CMD_SIM_CLOCK, FAB) != -EPERM)
			_exit(5);
		_exit(0);
	}
	EXPECT_EQ(0, child_status(pid));

	/* With a network namespace of its own: its fabric is its to manage. */
	pid = fork();
	ASSERT_LE(0, pid);
	if (!pid) {
		if (unshare(CLONE_NEWUSER | CLONE_NEWNET))
			_exit(2);
		if (child_request(OPHOTON_CMD_FABRIC_GET, FAB) != -ENODEV)
			_exit(3);
		if (sysfs_write(NEW_DEVICE, USERNS_FAB_STR " " FAB_SHAPE))
			_exit(4);
		if (child_request(OPHOTON_CMD_FABRIC_GET, USERNS_FAB))
			_exit(5);
		if (child_request(OPHOTON_CMD_LINK_SET, USERNS_FAB))
			_exit(6);
		if (child_request(OPHOTON_CMD_SIM_CLOCK, USERNS_FAB))
			_exit(7);
		_exit(0);
	}
	EXPECT_EQ(0, child_status(pid));
	/* Its namespace went with it, and its fabric with the namespace. */
	for (i = 0; i < 100; i++) {
		if (access("/sys/bus/ophoton/devices/ophoton" USERNS_FAB_STR, F_OK))
			break;
		usleep(100000);
	}
	EXPECT_NE(0, access("/sys/bus/ophoton/devices/ophoton" USERNS_FAB_STR, F_OK));
	/* The first namespace's fabric saw none of it. */
	EXPECT_EQ((uint32_t)0, links_up(_metadata, self));
	sysfs_write(DEL_DEVICE, USERNS_FAB_STR);
}

TEST_F(fabric, unload_with_fabrics_present_tears_them_down)
{
	if (!self->loaded)
		SKIP(return, "the module was loaded before the test");
	ASSERT_EQ(0, sysfs_write(NEW_DEVICE, "10 gpus=64"));
	EXPECT_EQ(0, module_unload("ophoton"));
	EXPECT_FALSE(module_loaded("ophoton"));
	/* Teardown would unload again; there is nothing left to unload. */
	self->loaded = 0;
}

TEST_HARNESS_MAIN
