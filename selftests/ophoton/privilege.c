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
#include <sys/wait.h>
#include <unistd.h>
#include <linux/ophoton.h>

#include "fixture.h"

#include "policy_bounds.h"

#define NOPS (sizeof(op_perms) / sizeof(op_perms[0]))

/*
 * A valid request of op @cmd on fabric @fab, fresh from new_device and
 * never brought up: one the owner must be granted.  Each changes little
 * and nothing a later op of the list relies on (the module pulled out is
 * on the switch side; the others are GPU-side slot 0, which stays).
 * Returns -1 for an op not in this list yet, so that a new op of the spec
 * fails the test until it is given a valid request here.
 */
static int valid_request(char *req, int fam, uint8_t cmd, uint32_t fab)
{
	genl_msg_init(req, (uint16_t)fam, cmd, OPHOTON_GENL_VERSION, 0);
	genl_put_u32(req, OPHOTON_A_FABRIC_ID, fab);
	switch (cmd) {
	case OPHOTON_CMD_FABRIC_GET:
		break;
	case OPHOTON_CMD_FABRIC_SET:
		genl_put_u32(req, OPHOTON_A_FABRIC_TIME_SCALE, 1000);
		break;
	case OPHOTON_CMD_LINK_GET:
		genl_put_u32(req, OPHOTON_A_LINK_ID, 0);
		break;
	case OPHOTON_CMD_LINK_SET:
		genl_put_u32(req, OPHOTON_A_LINK_ID, 0);
		genl_put_u8(req, OPHOTON_A_LINK_ACTION, OPHOTON_LINK_ACTION_CLEAR);
		break;
	case OPHOTON_CMD_MODULE_GET:
		genl_put_u8(req, OPHOTON_A_SIDE, OPHOTON_SIDE_GPU);
		genl_put_u32(req, OPHOTON_A_MODULE_ID, 0);
		break;
	case OPHOTON_CMD_MODULE_ACT:
		genl_put_u8(req, OPHOTON_A_SIDE, OPHOTON_SIDE_GPU);
		genl_put_u32(req, OPHOTON_A_MODULE_ID, 0);
		genl_put_u8(req, OPHOTON_A_MODULE_ACTION, OPHOTON_MODULE_ACTION_CLEAR);
		break;
	case OPHOTON_CMD_LANE_GET:
		genl_put_u32(req, OPHOTON_A_LINK_ID, 0);
		genl_put_u8(req, OPHOTON_A_LANE, 0);
		genl_put_u8(req, OPHOTON_A_DIR, OPHOTON_DIR_UP);
		break;
	case OPHOTON_CMD_BLAST_GET:
		genl_put_u8(req, OPHOTON_A_SIDE, OPHOTON_SIDE_GPU);
		genl_put_u8(req, OPHOTON_A_BLAST_OBJ, OPHOTON_BLAST_MODULE);
		genl_put_u32(req, OPHOTON_A_BLAST_ID, 0);
		break;
	case OPHOTON_CMD_SIM_MODULE:
		genl_put_u8(req, OPHOTON_A_SIDE, OPHOTON_SIDE_SWITCH);
		genl_put_u32(req, OPHOTON_A_MODULE_ID, 15);
		genl_put_u8(req, OPHOTON_A_SIM_ACTION, OPHOTON_SIM_ACTION_REMOVE);
		break;
	case OPHOTON_CMD_SIM_FAULT:
		genl_put_u8(req, OPHOTON_A_FAULT_KIND, OPHOTON_FAULT_FIBRE_DIRTY);
		genl_put_u32(req, OPHOTON_A_FAULT_TARGET, FAB_LINKS - 1);
		genl_put_u8(req, OPHOTON_A_FIBRE, OPHOTON_FIBRE_TX);
		genl_put_u32(req, OPHOTON_A_FAULT_VALUE, 10);
		genl_put_u8(req, OPHOTON_A_SIM_ACTION, OPHOTON_SIM_ACTION_INSERT);
		break;
	case OPHOTON_CMD_SIM_CLOCK:
		genl_put_u64(req, OPHOTON_A_SIM_STEP_NS, 1000000);
		break;
	case OPHOTON_CMD_HEALTH_GET:
		genl_put_u8(req, OPHOTON_A_HEALTH_DOMAIN, OPHOTON_HEALTH_MODULE);
		genl_put_u8(req, OPHOTON_A_SIDE, OPHOTON_SIDE_GPU);
		genl_put_u32(req, OPHOTON_A_HEALTH_ID, 0);
		break;
	case OPHOTON_CMD_RACK_GET:
		genl_put_u32(req, OPHOTON_A_RACK_ID, 0);
		break;
	case OPHOTON_CMD_GPU_GET:
		genl_put_u32(req, OPHOTON_A_GPU_ID, 0);
		break;
	case OPHOTON_CMD_ENGINE_GET:
		genl_put_u8(req, OPHOTON_A_SIDE, OPHOTON_SIDE_GPU);
		genl_put_u32(req, OPHOTON_A_ENGINE_ID, 0);
		break;
	case OPHOTON_CMD_LASER_GET:
		genl_put_u8(req, OPHOTON_A_SIDE, OPHOTON_SIDE_GPU);
		genl_put_u32(req, OPHOTON_A_MODULE_ID, 0);
		genl_put_u8(req, OPHOTON_A_LANE, 0);
		break;
	case OPHOTON_CMD_ENGINE_ACT:
		genl_put_u8(req, OPHOTON_A_SIDE, OPHOTON_SIDE_GPU);
		genl_put_u32(req, OPHOTON_A_ENGINE_ID, 0);
		genl_put_u8(req, OPHOTON_A_ENGINE_ACTION, OPHOTON_ENGINE_ACTION_CLEAR);
		break;
	default:
		return -1;
	}
	return 0;
}

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
	pid_t pid = fork();

	if (!pid) {
		if (setgid(65534) || setuid(65534))
			_exit(5);
		check_ops(FAB, 0);
	}
	EXPECT_EQ(0, child_status(pid)) TH_LOG("op %d", child_status(pid));
	EXPECT_LT(10U, NOPS);
}

TEST_F(fabric, root_of_a_user_namespace_not_owning_the_fabric_is_a_stranger)
{
	pid_t pid = fork();

	if (!pid) {
		if (unshare(CLONE_NEWUSER))
			_exit(5);
		check_ops(FAB, 0);
	}
	EXPECT_EQ(0, child_status(pid));
}

TEST_F(fabric, the_owner_may_do_everything)
{
	pid_t pid = fork();

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
		if (sysfs_write(NEW_DEVICE, "12 " FAB_SHAPE))
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
