/* SPDX-License-Identifier: ((GPL-2.0 WITH Linux-syscall-note) OR BSD-3-Clause) */
/*
 * ophoton: generic netlink protocol of the virtual co-packaged-optics fabric.
 *
 * Family name OPHOTON_GENL_NAME, protocol version OPHOTON_GENL_VERSION (the
 * "version" field of the family and of every message).  The same family is
 * described for tools in Documentation/netlink/specs/ophoton.yaml; a test
 * checks that this header, the kernel's policies and the spec agree.
 *
 * Conventions:
 *  - every request is validated strictly against a per-command policy; an
 *    unknown or malformed attribute is refused with an extended ACK naming
 *    the attribute;
 *  - 64-bit values are u64 attributes aligned with OPHOTON_A_PAD;
 *  - units are part of attribute names (_UW microwatt, _MC millidegree
 *    Celsius, _UA microampere, _MV millivolt).
 */
#ifndef _UAPI_LINUX_OPHOTON_H
#define _UAPI_LINUX_OPHOTON_H

#define OPHOTON_GENL_NAME	"ophoton"
#define OPHOTON_GENL_VERSION	1

/**
 * enum ophoton_cmd - commands of the ophoton family
 * @OPHOTON_CMD_UNSPEC: unused
 * @OPHOTON_CMD_VERSION_GET: do: report the module's version
 *	(%OPHOTON_A_VERSION_MODULE) and the protocol version it speaks
 *	(%OPHOTON_A_VERSION_PROTO).  Takes no attributes; open to every user.
 * @OPHOTON_CMD_FABRIC_GET: do: one fabric (%OPHOTON_A_FABRIC_ID required);
 *	dump: every fabric of the caller's network namespace.  Replies carry
 *	the shape, the virtual clock and the generation; with
 *	%OPHOTON_A_STATS, a %OPHOTON_A_FABRIC_STATS nest.  Open to every user.
 * @OPHOTON_CMD_FABRIC_SET: do: %OPHOTON_A_FABRIC_ACTION on a fabric: bring
 *	every laser module and link up, or drain and take them down.
 *	Requires CAP_NET_ADMIN in the fabric's namespace.
 * @OPHOTON_CMD_LINK_GET: do: one link (%OPHOTON_A_FABRIC_ID and
 *	%OPHOTON_A_LINK_ID); dump: the links of a fabric, filtered by
 *	%OPHOTON_A_GPU_ID and %OPHOTON_A_UNHEALTHY when given.  With
 *	%OPHOTON_A_STATS, a %OPHOTON_A_LINK_STATS nest.  Open to every user.
 * @OPHOTON_CMD_LINK_SET: do: %OPHOTON_A_LINK_ACTION on one link.  Requires
 *	CAP_NET_ADMIN in the fabric's namespace.  Idempotent; a retrain
 *	during bring-up is refused with -EBUSY.
 * @OPHOTON_CMD_LINK_NTF: notification on the "config" group: a link
 *	changed state.  The body is the %OPHOTON_CMD_LINK_GET reply plus
 *	%OPHOTON_A_NTF_SEQ and %OPHOTON_A_FABRIC_GEN.
 * @OPHOTON_CMD_FABRIC_NTF: notification on the "config" group: a fabric
 *	was created (%OPHOTON_A_FABRIC_EVENT) or is being deleted; the body is
 *	the %OPHOTON_CMD_FABRIC_GET reply.
 * @__OPHOTON_CMD_MAX: number of commands
 * @OPHOTON_CMD_MAX: highest command
 */
enum ophoton_cmd {
	OPHOTON_CMD_UNSPEC,
	OPHOTON_CMD_VERSION_GET,
	OPHOTON_CMD_FABRIC_GET,
	OPHOTON_CMD_FABRIC_SET,
	OPHOTON_CMD_LINK_GET,
	OPHOTON_CMD_LINK_SET,
	OPHOTON_CMD_LINK_NTF,
	OPHOTON_CMD_FABRIC_NTF,

	/* add new commands above here */
	__OPHOTON_CMD_MAX,
	OPHOTON_CMD_MAX = __OPHOTON_CMD_MAX - 1
};

#define OPHOTON_MCGRP_CONFIG	"config"

/**
 * enum ophoton_feed - which laser module lights which ports of a GPU
 * @OPHOTON_FEED_BLOCK: a module lights every port of a group of engines
 * @OPHOTON_FEED_STRIPE: a module lights a slice of every engine's ports
 */
enum ophoton_feed {
	OPHOTON_FEED_BLOCK,
	OPHOTON_FEED_STRIPE,
};

/**
 * enum ophoton_link_state - state of a link
 * @OPHOTON_LINK_STATE_DOWN: administratively down
 * @OPHOTON_LINK_STATE_WAIT_LIGHT: waiting for the lasers of both ends
 * @OPHOTON_LINK_STATE_CALIBRATING: ring calibration, wavelength lock
 * @OPHOTON_LINK_STATE_TRAINING: link training
 * @OPHOTON_LINK_STATE_BER_QUAL: BER qualification
 * @OPHOTON_LINK_STATE_UP: up, every lane
 * @OPHOTON_LINK_STATE_DEGRADED: up with lanes lost or BER above warning
 * @OPHOTON_LINK_STATE_RETRAINING: backing off before the next attempt
 * @OPHOTON_LINK_STATE_FAILED: latched after too many attempts; clear it
 */
enum ophoton_link_state {
	OPHOTON_LINK_STATE_DOWN,
	OPHOTON_LINK_STATE_WAIT_LIGHT,
	OPHOTON_LINK_STATE_CALIBRATING,
	OPHOTON_LINK_STATE_TRAINING,
	OPHOTON_LINK_STATE_BER_QUAL,
	OPHOTON_LINK_STATE_UP,
	OPHOTON_LINK_STATE_DEGRADED,
	OPHOTON_LINK_STATE_RETRAINING,
	OPHOTON_LINK_STATE_FAILED,
};

/**
 * enum ophoton_down_reason - why a link last went down
 * @OPHOTON_DOWN_NONE: it did not
 * @OPHOTON_DOWN_ADMIN: an operator took it down
 * @OPHOTON_DOWN_NO_LIGHT: a laser feeding it went dark
 * @OPHOTON_DOWN_DRAIN: its laser module was prepared for removal
 * @OPHOTON_DOWN_LANES: fewer lanes than the fabric's minimum
 * @OPHOTON_DOWN_BER: BER above the down threshold (1e-6)
 * @OPHOTON_DOWN_ARBITRATION: wavelength arbitration failed
 * @OPHOTON_DOWN_TIMEOUT: a bring-up phase did not finish
 * @OPHOTON_DOWN_ENGINE: an engine at either end died
 * @OPHOTON_DOWN_FIBRE: a fibre was cut
 */
enum ophoton_down_reason {
	OPHOTON_DOWN_NONE,
	OPHOTON_DOWN_ADMIN,
	OPHOTON_DOWN_NO_LIGHT,
	OPHOTON_DOWN_DRAIN,
	OPHOTON_DOWN_LANES,
	OPHOTON_DOWN_BER,
	OPHOTON_DOWN_ARBITRATION,
	OPHOTON_DOWN_TIMEOUT,
	OPHOTON_DOWN_ENGINE,
	OPHOTON_DOWN_FIBRE,
};

/**
 * enum ophoton_link_action - what %OPHOTON_CMD_LINK_SET does
 * @OPHOTON_LINK_ACTION_UP: admin up: bring the link up when it has light
 * @OPHOTON_LINK_ACTION_DOWN: admin down
 * @OPHOTON_LINK_ACTION_RETRAIN: retrain an up link
 * @OPHOTON_LINK_ACTION_CLEAR: clear a failed link and the latched flags
 */
enum ophoton_link_action {
	OPHOTON_LINK_ACTION_UP = 1,
	OPHOTON_LINK_ACTION_DOWN,
	OPHOTON_LINK_ACTION_RETRAIN,
	OPHOTON_LINK_ACTION_CLEAR,
};

/**
 * enum ophoton_fabric_action - what %OPHOTON_CMD_FABRIC_SET does
 * @OPHOTON_FABRIC_ACTION_UP: activate every laser module, admin-up every link
 * @OPHOTON_FABRIC_ACTION_DOWN: drain every laser module, admin-down every link
 */
enum ophoton_fabric_action {
	OPHOTON_FABRIC_ACTION_UP = 1,
	OPHOTON_FABRIC_ACTION_DOWN,
};

/**
 * enum ophoton_fabric_event - what %OPHOTON_CMD_FABRIC_NTF announces
 * @OPHOTON_FABRIC_EVENT_CREATE: the fabric appeared
 * @OPHOTON_FABRIC_EVENT_DELETE: the fabric is going away
 */
enum ophoton_fabric_event {
	OPHOTON_FABRIC_EVENT_CREATE = 1,
	OPHOTON_FABRIC_EVENT_DELETE,
};

/**
 * enum ophoton_attr - attributes of the ophoton family
 * @OPHOTON_A_UNSPEC: unused
 * @OPHOTON_A_PAD: padding for 64-bit attributes
 * @OPHOTON_A_VERSION_MODULE: string, version of the loaded ophoton module
 * @OPHOTON_A_VERSION_PROTO: u32, protocol version (OPHOTON_GENL_VERSION)
 * @OPHOTON_A_FABRIC_ID: u32, fabric id (the N of /sys/bus/ophoton/devices/ophotonN)
 * @OPHOTON_A_FABRIC_GEN: u64, generation: changes when laser modules come
 *	or go; dumps that see it change are flagged NLM_F_DUMP_INTR
 * @OPHOTON_A_FABRIC_CLOCK_NS: u64, the fabric's virtual clock
 * @OPHOTON_A_FABRIC_TIME_SCALE: u32, virtual seconds per real second
 * @OPHOTON_A_FABRIC_SEED: u64, seed of the per-object variations
 * @OPHOTON_A_FABRIC_GPUS: u32, GPUs (compute endpoints)
 * @OPHOTON_A_FABRIC_RACKS: u32, compute racks
 * @OPHOTON_A_FABRIC_MEMORY_RACKS: u32, memory racks
 * @OPHOTON_A_FABRIC_SWITCH_RACKS: u32, switch racks
 * @OPHOTON_A_FABRIC_TRAYS: u32, trays per rack
 * @OPHOTON_A_FABRIC_SLOTS: u32, GPUs per tray
 * @OPHOTON_A_FABRIC_ENGINES: u32, optical engines per GPU
 * @OPHOTON_A_FABRIC_PORTS: u32, ports per engine
 * @OPHOTON_A_FABRIC_LAMBDAS: u32, wavelength lanes per port
 * @OPHOTON_A_FABRIC_MODULES: u32, laser modules per GPU
 * @OPHOTON_A_FABRIC_FEED: u8, enum ophoton_feed
 * @OPHOTON_A_FABRIC_LINKS: u32, links (GPU port to switch port)
 * @OPHOTON_A_FABRIC_LANE_GBPS: u32, line rate of one lane, Gb/s
 * @OPHOTON_A_FABRIC_ACTION: u8, enum ophoton_fabric_action
 * @OPHOTON_A_FABRIC_EVENT: u8, enum ophoton_fabric_event
 * @OPHOTON_A_FABRIC_STATS: nest, enum ophoton_fabric_stats
 * @OPHOTON_A_STATS: flag: include the object's telemetry
 * @OPHOTON_A_UNHEALTHY: flag: dump only objects that are not fully up
 * @OPHOTON_A_NTF_SEQ: u64, sequence number of a notification within its
 *	fabric; a gap means notifications were lost: dump again
 * @OPHOTON_A_LINK_ID: u32, link id: gpu * ports-per-gpu + engine * ports + port
 * @OPHOTON_A_GPU_ID: u32, GPU id
 * @OPHOTON_A_ENGINE: u32, engine index within its GPU
 * @OPHOTON_A_PORT: u32, port index within its engine
 * @OPHOTON_A_PLANE: u32, plane switch at the far end
 * @OPHOTON_A_LINK_STATE: u8, enum ophoton_link_state
 * @OPHOTON_A_LINK_ADMIN_UP: u8, 1 when the operator wants the link up
 * @OPHOTON_A_LINK_DOWN_REASON: u8, enum ophoton_down_reason
 * @OPHOTON_A_LINK_LANES_UP: u8, lanes carrying data (the lesser direction)
 * @OPHOTON_A_LINK_ACTION: u8, enum ophoton_link_action
 * @OPHOTON_A_LINK_STATS: nest, enum ophoton_link_stats
 * @__OPHOTON_A_MAX: number of attributes
 * @OPHOTON_A_MAX: highest attribute
 */
enum ophoton_attr {
	OPHOTON_A_UNSPEC,
	OPHOTON_A_PAD,
	OPHOTON_A_VERSION_MODULE,
	OPHOTON_A_VERSION_PROTO,
	OPHOTON_A_FABRIC_ID,
	OPHOTON_A_FABRIC_GEN,
	OPHOTON_A_FABRIC_CLOCK_NS,
	OPHOTON_A_FABRIC_TIME_SCALE,
	OPHOTON_A_FABRIC_SEED,
	OPHOTON_A_FABRIC_GPUS,
	OPHOTON_A_FABRIC_RACKS,
	OPHOTON_A_FABRIC_MEMORY_RACKS,
	OPHOTON_A_FABRIC_SWITCH_RACKS,
	OPHOTON_A_FABRIC_TRAYS,
	OPHOTON_A_FABRIC_SLOTS,
	OPHOTON_A_FABRIC_ENGINES,
	OPHOTON_A_FABRIC_PORTS,
	OPHOTON_A_FABRIC_LAMBDAS,
	OPHOTON_A_FABRIC_MODULES,
	OPHOTON_A_FABRIC_FEED,
	OPHOTON_A_FABRIC_LINKS,
	OPHOTON_A_FABRIC_LANE_GBPS,
	OPHOTON_A_FABRIC_ACTION,
	OPHOTON_A_FABRIC_EVENT,
	OPHOTON_A_FABRIC_STATS,
	OPHOTON_A_STATS,
	OPHOTON_A_UNHEALTHY,
	OPHOTON_A_NTF_SEQ,
	OPHOTON_A_LINK_ID,
	OPHOTON_A_GPU_ID,
	OPHOTON_A_ENGINE,
	OPHOTON_A_PORT,
	OPHOTON_A_PLANE,
	OPHOTON_A_LINK_STATE,
	OPHOTON_A_LINK_ADMIN_UP,
	OPHOTON_A_LINK_DOWN_REASON,
	OPHOTON_A_LINK_LANES_UP,
	OPHOTON_A_LINK_ACTION,
	OPHOTON_A_LINK_STATS,

	/* add new attributes above here, and to ophoton.yaml */
	__OPHOTON_A_MAX,
	OPHOTON_A_MAX = __OPHOTON_A_MAX - 1
};

/**
 * enum ophoton_fabric_stats - telemetry of a fabric (%OPHOTON_A_FABRIC_STATS)
 * @OPHOTON_A_FABRIC_STATS_UNSPEC: unused
 * @OPHOTON_A_FABRIC_STATS_PAD: padding for 64-bit attributes
 * @OPHOTON_A_FABRIC_STATS_LINKS_UP: u32, links up
 * @OPHOTON_A_FABRIC_STATS_LINKS_DEGRADED: u32, links up but degraded
 * @OPHOTON_A_FABRIC_STATS_LINKS_BRINGUP: u32, links waiting for light,
 *	calibrating, training, qualifying or retraining
 * @OPHOTON_A_FABRIC_STATS_LINKS_DOWN: u32, links administratively down
 * @OPHOTON_A_FABRIC_STATS_LINKS_FAILED: u32, links latched failed
 * @OPHOTON_A_FABRIC_STATS_BANDWIDTH_GBPS: u64, bandwidth of the links up,
 *	per direction
 * @OPHOTON_A_FABRIC_STATS_POWER_MW: u64, electrical power: GPUs, switch
 *	ASICs, engines and laser modules
 * @OPHOTON_A_FABRIC_STATS_TEMP_MC: s32, the hottest engine
 * @OPHOTON_A_FABRIC_STATS_OVER_BUDGET: flag: some rack draws more than its
 *	power budget
 * @__OPHOTON_A_FABRIC_STATS_MAX: number of attributes
 * @OPHOTON_A_FABRIC_STATS_MAX: highest attribute
 */
enum ophoton_fabric_stats {
	OPHOTON_A_FABRIC_STATS_UNSPEC,
	OPHOTON_A_FABRIC_STATS_PAD,
	OPHOTON_A_FABRIC_STATS_LINKS_UP,
	OPHOTON_A_FABRIC_STATS_LINKS_DEGRADED,
	OPHOTON_A_FABRIC_STATS_LINKS_BRINGUP,
	OPHOTON_A_FABRIC_STATS_LINKS_DOWN,
	OPHOTON_A_FABRIC_STATS_LINKS_FAILED,
	OPHOTON_A_FABRIC_STATS_BANDWIDTH_GBPS,
	OPHOTON_A_FABRIC_STATS_POWER_MW,
	OPHOTON_A_FABRIC_STATS_TEMP_MC,
	OPHOTON_A_FABRIC_STATS_OVER_BUDGET,

	__OPHOTON_A_FABRIC_STATS_MAX,
	OPHOTON_A_FABRIC_STATS_MAX = __OPHOTON_A_FABRIC_STATS_MAX - 1
};

/**
 * enum ophoton_link_stats - telemetry of a link (%OPHOTON_A_LINK_STATS)
 * @OPHOTON_A_LINK_STATS_UNSPEC: unused
 * @OPHOTON_A_LINK_STATS_PAD: padding for 64-bit attributes
 * @OPHOTON_A_LINK_STATS_UP_COUNT: u32, times the link came up
 * @OPHOTON_A_LINK_STATS_DOWN_COUNT: u32, times it went down from up
 * @OPHOTON_A_LINK_STATS_FLAP_COUNT: u32, downs within 10 s of coming up
 * @OPHOTON_A_LINK_STATS_RETRAIN_COUNT: u32, bring-up attempts after the first
 * @OPHOTON_A_LINK_STATS_TIME_IN_STATE_NS: u64, virtual time since the last
 *	transition
 * @OPHOTON_A_LINK_STATS_OE_INPUT_UDBM: s32, laser light at the GPU engine's
 *	input, 0.001 dBm
 * @OPHOTON_A_LINK_STATS_FIBRE_LOSS_MDB: s32, feed fibre loss, 0.001 dB
 * @OPHOTON_A_LINK_STATS_FIBRE_LENGTH_DM: u32, fibre length, decimetres
 * @OPHOTON_A_LINK_STATS_TOF_PS: u32, time of flight, picoseconds
 * @OPHOTON_A_LINK_STATS_LATCHED: u32, latched flags: bits 0-3 LOS up/down,
 *	LOL up/down; bits 4-7 rx power, 8-11 engine input power threshold
 *	flags (warn-lo, warn-hi, alarm-lo, alarm-hi)
 * @OPHOTON_A_LINK_STATS_BANDWIDTH_GBPS: u32, lanes up times the lane rate
 * @__OPHOTON_A_LINK_STATS_MAX: number of attributes
 * @OPHOTON_A_LINK_STATS_MAX: highest attribute
 */
enum ophoton_link_stats {
	OPHOTON_A_LINK_STATS_UNSPEC,
	OPHOTON_A_LINK_STATS_PAD,
	OPHOTON_A_LINK_STATS_UP_COUNT,
	OPHOTON_A_LINK_STATS_DOWN_COUNT,
	OPHOTON_A_LINK_STATS_FLAP_COUNT,
	OPHOTON_A_LINK_STATS_RETRAIN_COUNT,
	OPHOTON_A_LINK_STATS_TIME_IN_STATE_NS,
	OPHOTON_A_LINK_STATS_OE_INPUT_UDBM,
	OPHOTON_A_LINK_STATS_FIBRE_LOSS_MDB,
	OPHOTON_A_LINK_STATS_FIBRE_LENGTH_DM,
	OPHOTON_A_LINK_STATS_TOF_PS,
	OPHOTON_A_LINK_STATS_LATCHED,
	OPHOTON_A_LINK_STATS_BANDWIDTH_GBPS,

	__OPHOTON_A_LINK_STATS_MAX,
	OPHOTON_A_LINK_STATS_MAX = __OPHOTON_A_LINK_STATS_MAX - 1
};

#endif /* _UAPI_LINUX_OPHOTON_H */
