/* SPDX-License-Identifier: GPL-2.0 */
/*
 * One valid request of every op, for the tests that must see each op
 * granted (privilege) or refused for a reason other than its arguments
 * (params, sim_ops=0).
 */
#ifndef OPHOTON_SELFTEST_REQUESTS_H
#define OPHOTON_SELFTEST_REQUESTS_H

#include <stdint.h>

/* The test fabric's shape, which the requests address within. */
#define FAB_SHAPE	"racks=2 trays=2 slots=2 engines=2 ports=4 lambdas=8 " \
			"min_lanes=6 switch_racks=2 time_scale=1000"
/* 2 racks x 2 trays x 2 GPUs, 2 engines x 4 ports: 64 links. */
#define FAB_LINKS	64
/* The laser module valid_request() pulls out: switch side, the last one. */
#define VALID_REMOVED_MODULE	15

/*
 * Build in @req a valid request of op @cmd of family @fam on fabric @fab
 * of FAB_SHAPE, fresh from new_device.  Returns 0, or -1 for an op that
 * has no valid request here yet.
 */
int valid_request(char *req, int fam, uint8_t cmd, uint32_t fab);

/*
 * Raise the first alarm of fabric @fab (a laser dies: its module reports a
 * fault), which the valid requests of ALARM_GET and ALARM_ACK name; needs
 * CAP_NET_ADMIN over the fabric.  Returns 0 or a negative errno.
 */
int raise_alarm(int fam, uint32_t fab);

#endif
