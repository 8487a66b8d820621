// SPDX-License-Identifier: GPL-2.0
/*
 * A valid request of each op of the ophoton family (requests.h).
 */
#include <errno.h>
#include <stdlib.h>
#include <linux/ophoton.h>

#include "genl.h"
#include "requests.h"

/*
 * A valid request of op @cmd on fabric @fab, fresh from new_device and
 * never brought up: one the owner must be granted.  Each changes little
 * and nothing a later op of the list relies on (the module pulled out is
 * on the switch side; the others are GPU-side slot 0, which stays).
 * Returns -1 for an op not in this list yet, so that a new op of the spec
 * fails the test until it is given a valid request here.
 */
int valid_request(char *req, int fam, uint8_t cmd, uint32_t fab)
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
		genl_put_u32(req, OPHOTON_A_MODULE_ID, VALID_REMOVED_MODULE);
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
	case OPHOTON_CMD_DIAGNOSE:
		break;
	case OPHOTON_CMD_ALARM_GET:
	case OPHOTON_CMD_ALARM_ACK:
		/* The first alarm: its caller raised one (raise_alarm()). */
		genl_put_u64(req, OPHOTON_A_NTF_SEQ, 1);
		break;
	default:
		return -1;
	}
	return 0;
}

int raise_alarm(int fam, uint32_t fab)
{
	char req[256] __attribute__((aligned(4)));
	struct genl_reply *r = calloc(1, sizeof(*r));
	struct genl_sock s;
	int err;

	if (!r)
		return -ENOMEM;
	err = genl_open(&s);
	if (!err) {
		genl_msg_init(req, (uint16_t)fam, OPHOTON_CMD_SIM_FAULT, OPHOTON_GENL_VERSION, 0);
		genl_put_u32(req, OPHOTON_A_FABRIC_ID, fab);
		genl_put_u8(req, OPHOTON_A_FAULT_KIND, OPHOTON_FAULT_LASER_DEATH);
		genl_put_u32(req, OPHOTON_A_FAULT_TARGET, 0);
		genl_put_u8(req, OPHOTON_A_LANE, 0);
		genl_put_u8(req, OPHOTON_A_SIM_ACTION, OPHOTON_SIM_ACTION_INSERT);
		err = genl_transact(&s, req, r);
		if (!err)
			err = r->error;
		genl_close(&s);
	}
	free(r);
	return err;
}
