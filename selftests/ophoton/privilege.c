// SPDX-License-Identifier: GPL-2.0
/*
 * Privilege, op by op, from the spec's own list (tools/spec-bounds.py), so
 * that a new op cannot escape it: every privileged op is refused with
 * EPERM to an unprivileged user and to root of a user namespace that does
 * not own the fabric's network namespace, and allowed to the owner (root,
 * or root of the user namespace owning a network namespace and its
 * fabric); every read is open to all.  "Allowed" means done: each op is
 * also sent as a valid request (valid_request(), which a new op must join),
 * and the owner's must all succeed.
 */
#include <errno.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <linux/capability.h>
#include <unistd.h>
#include <linux/ophoton.h>

#include "fixture.h"

#include "policy_bounds.h"

#define NOPS (sizeof(op_perms) / sizeof(op_perms[0]))

/*
 * In a child: every op on @fab, each answer checked against @owner, twice.
 * First with the fabric id alone, which most ops refuse as incomplete: a
 * privileged op must be refused with EPERM before that, to a stranger
 * only.  Then with a valid request: the owner is granted every op (0), a
 * stranger every read and no change (EPERM).  Exits 0, or 10 + the index
 * of the first op that was not as it should be (40 + the index for the
 * valid requests; 2 to 4 when the child could not even start).
 */
static void __attribute__((noreturn)) check_ops(uint32_t fab, int owner)
{
	char req[256] __attribute__((aligned(4)));
	struct genl_reply *r = calloc(1, sizeof(*r));
	struct genl_sock s;
	int fam;

	if (!r || genl_open(&s))
		_exit(2);
	fam = genl_family_id(&s, OPHOTON_GENL_NAME);
	if (fam < 0)
		_exit(3);
	for (size_t i = 0; i < NOPS; i++) {
		int refused;

		genl_msg_init(req, (uint16_t)fam, op_perms[i].cmd, OPHOTON_GENL_VERSION, 0);
		genl_put_u32(req, OPHOTON_A_FABRIC_ID, fab);
		if (genl_transact(&s, req, r))
			_exit(4);
		refused = r->error == -EPERM;
		if (refused != (op_perms[i].admin && !owner)) {
			fprintf(stderr, "%s: %s, as %s\n", op_perms[i].name, strerror(-r->error),
				owner ? "owner" : "stranger");
			_exit(10 + (int)i);
		}
	}
	for (size_t i = 0; i < NOPS; i++) {
		int want = op_perms[i].admin && !owner ? -EPERM : 0;

		if (valid_request(req, fam, op_perms[i].cmd, fab)) {
			fprintf(stderr, "%s: no valid request for it in privilege.c\n",
				op_perms[i].name);
			_exit(40 + (int)i);
		}
		if (genl_transact(&s, req, r))
			_exit(4);
		if (r->error != want) {
			fprintf(stderr, "%s (valid): %s (%s), as %s\n", op_perms[i].name,
				strerror(-r->error), r->extack, owner ? "owner" : "stranger");
			_exit(40 + (int)i);
		}
	}
	_exit(0);
}

static int child_status(pid_t pid)
{
	int status;

	if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

TEST_F(fabric, an_unprivileged_user_may_read_and_change_nothing)
{
	pid_t pid;

	ASSERT_EQ(0, raise_alarm(self->family, FAB));
	pid = fork();

	if (!pid) {
		if (setgid(65534) || setuid(65534))
			_exit(5);
		check_ops(FAB, 0);
	}
	EXPECT_EQ(0, child_status(pid)) TH_LOG("op %d", child_status(pid));
	EXPECT_LT(10U, NOPS);
}

/* Drop every capability of this (forked) process; 0 on success. */
static int drop_caps(void)
{
	struct __user_cap_header_struct h = { .version = _LINUX_CAPABILITY_VERSION_3 };
	struct __user_cap_data_struct d[2] = { { 0 } };

	return (int)syscall(SYS_capset, &h, d);
}

/* Root is its capabilities: without CAP_NET_ADMIN, a stranger's rights. */
TEST_F(fabric, root_without_cap_net_admin_may_read_and_change_nothing)
{
	uint32_t up;
	pid_t pid;

	ASSERT_TRUE(bring_up(_metadata, self));
	/* The alarm's dead laser takes its links down with it, at once. */
	ASSERT_EQ(0, raise_alarm(self->family, FAB));
	up = links_up(_metadata, self);
	pid = fork();
	if (!pid) {
		if (drop_caps())
			_exit(5);
		check_ops(FAB, 0);
	}
	EXPECT_EQ(0, child_status(pid));
	EXPECT_EQ(up, links_up(_metadata, self));
}

TEST_F(fabric, root_of_a_user_namespace_not_owning_the_fabric_is_a_stranger)
{
	pid_t pid;

	ASSERT_EQ(0, raise_alarm(self->family, FAB));
	pid = fork();

	if (!pid) {
		if (unshare(CLONE_NEWUSER))
			_exit(5);
		check_ops(FAB, 0);
	}
	EXPECT_EQ(0, child_status(pid));
}

TEST_F(fabric, the_owner_may_do_everything)
{
	pid_t pid;

	ASSERT_EQ(0, raise_alarm(self->family, FAB));
	pid = fork();

	if (!pid)
		check_ops(FAB, 1);
	EXPECT_EQ(0, child_status(pid));
}

TEST_F(fabric, root_of_a_user_namespace_owns_its_network_namespace_fabrics)
{
	pid_t pid = fork();

	if (!pid) {
		if (unshare(CLONE_NEWUSER | CLONE_NEWNET))
			_exit(5);
		if (sysfs_write(NEW_DEVICE, "12 " FAB_SHAPE) || raise_alarm(self->family, 12))
			_exit(6);
		check_ops(12, 1);
	}
	EXPECT_EQ(0, child_status(pid));
	/* The namespace, and its fabric, went with the child. */
	for (int i = 0; i < 100 && !access("/sys/bus/ophoton/devices/ophoton12", F_OK); i++)
		usleep(100000);
	EXPECT_NE(0, access("/sys/bus/ophoton/devices/ophoton12", F_OK));
}

TEST_HARNESS_MAIN
