// SPDX-License-Identifier: GPL-2.0
/*
 * The ophoton family as ophotonctl sees it, written by gen-proto.py from
 * Documentation/netlink/specs/ophoton.yaml: do not edit, regenerate.
 * Strings use NLA_STRING: libnl 3.7 checks neither length nor
 * termination for NLA_NUL_STRING.
 */
#include <stddef.h>
#include <linux/ophoton.h>
#include <netlink/attr.h>

#include "proto.h"

static const char *const enum_feed_names[] = {
	"block",
	"stripe",
};

static const unsigned char enum_feed_lens[] = {
	5, 6,
};

const struct onl_enum onl_enum_feed = {
	.name = "feed", .first = 0, .n = 2, .names = enum_feed_names,
	.lens = enum_feed_lens,
};

static const char *const enum_link_state_names[] = {
	"down",
	"wait-light",
	"calibrating",
	"training",
	"ber-qual",
	"up",
	"degraded",
	"retraining",
	"failed",
};

static const unsigned char enum_link_state_lens[] = {
	4, 10, 11, 8, 8, 2, 8, 10, 6,
};

const struct onl_enum onl_enum_link_state = {
	.name = "link-state", .first = 0, .n = 9, .names = enum_link_state_names,
	.lens = enum_link_state_lens,
};

static const char *const enum_down_reason_names[] = {
	"none",
	"admin",
	"no-light",
	"drain",
	"lanes",
	"ber",
	"arbitration",
	"timeout",
	"engine",
	"fibre",
	"feed-fibre",
	"ring",
	"thermal",
	"module",
	"laser",
	"tec",
};

static const unsigned char enum_down_reason_lens[] = {
	4, 5, 8, 5, 5, 3, 11, 7, 6, 5, 10, 4, 7, 6, 5, 3,
};

const struct onl_enum onl_enum_down_reason = {
	.name = "down-reason", .first = 0, .n = 16, .names = enum_down_reason_names,
	.lens = enum_down_reason_lens,
};

static const char *const enum_module_cause_names[] = {
	"none",
	"tec-runaway",
	"supply",
	"firmware",
	"laser",
	"aging",
	"quarantine",
};

static const unsigned char enum_module_cause_lens[] = {
	4, 11, 6, 8, 5, 5, 10,
};

const struct onl_enum onl_enum_module_cause = {
	.name = "module-cause", .first = 0, .n = 7, .names = enum_module_cause_names,
	.lens = enum_module_cause_lens,
};

static const char *const enum_link_action_names[] = {
	"up",
	"down",
	"retrain",
	"clear",
};

static const unsigned char enum_link_action_lens[] = {
	2, 4, 7, 5,
};

const struct onl_enum onl_enum_link_action = {
	.name = "link-action", .first = 1, .n = 4, .names = enum_link_action_names,
	.lens = enum_link_action_lens,
};

static const char *const enum_fabric_action_names[] = {
	"up",
	"down",
};

static const unsigned char enum_fabric_action_lens[] = {
	2, 4,
};

const struct onl_enum onl_enum_fabric_action = {
	.name = "fabric-action", .first = 1, .n = 2, .names = enum_fabric_action_names,
	.lens = enum_fabric_action_lens,
};

static const char *const enum_fabric_event_names[] = {
	"create",
	"delete",
	"change",
};

static const unsigned char enum_fabric_event_lens[] = {
	6, 6, 6,
};

const struct onl_enum onl_enum_fabric_event = {
	.name = "fabric-event", .first = 1, .n = 3, .names = enum_fabric_event_names,
	.lens = enum_fabric_event_lens,
};

static const char *const enum_side_names[] = {
	"gpu",
	"switch",
};

static const unsigned char enum_side_lens[] = {
	3, 6,
};

const struct onl_enum onl_enum_side = {
	.name = "side", .first = 0, .n = 2, .names = enum_side_names,
	.lens = enum_side_lens,
};

static const char *const enum_module_state_names[] = {
	"absent",
	"low-power",
	"powering-up",
	"ready",
	"powering-down",
	"fault",
	"resetting",
};

static const unsigned char enum_module_state_lens[] = {
	6, 9, 11, 5, 13, 5, 9,
};

const struct onl_enum onl_enum_module_state = {
	.name = "module-state", .first = 0, .n = 7, .names = enum_module_state_names,
	.lens = enum_module_state_lens,
};

static const char *const enum_module_admin_names[] = {
	"unprovisioned",
	"provisioning",
	"active",
	"unprovisioning",
};

static const unsigned char enum_module_admin_lens[] = {
	13, 12, 6, 14,
};

const struct onl_enum onl_enum_module_admin = {
	.name = "module-admin", .first = 0, .n = 4, .names = enum_module_admin_names,
	.lens = enum_module_admin_lens,
};

static const char *const enum_module_action_names[] = {
	"drain",
	"activate",
	"reset",
	"recover",
	"clear",
};

static const unsigned char enum_module_action_lens[] = {
	5, 8, 5, 7, 5,
};

const struct onl_enum onl_enum_module_action = {
	.name = "module-action", .first = 1, .n = 5, .names = enum_module_action_names,
	.lens = enum_module_action_lens,
};

static const char *const enum_engine_action_names[] = {
	"recover",
	"clear",
};

static const unsigned char enum_engine_action_lens[] = {
	7, 5,
};

const struct onl_enum onl_enum_engine_action = {
	.name = "engine-action", .first = 1, .n = 2, .names = enum_engine_action_names,
	.lens = enum_engine_action_lens,
};

static const char *const enum_dir_names[] = {
	"up",
	"down",
};

static const unsigned char enum_dir_lens[] = {
	2, 4,
};

const struct onl_enum onl_enum_dir = {
	.name = "dir", .first = 0, .n = 2, .names = enum_dir_names,
	.lens = enum_dir_lens,
};

static const char *const enum_lane_state_names[] = {
	"dark",
	"locking",
	"locked",
	"active",
	"drifting",
	"failed",
};

static const unsigned char enum_lane_state_lens[] = {
	4, 7, 6, 6, 8, 6,
};

const struct onl_enum onl_enum_lane_state = {
	.name = "lane-state", .first = 0, .n = 6, .names = enum_lane_state_names,
	.lens = enum_lane_state_lens,
};

static const char *const enum_laser_state_names[] = {
	"off",
	"check",
	"ramping",
	"on",
	"fault",
};

static const unsigned char enum_laser_state_lens[] = {
	3, 5, 7, 2, 5,
};

const struct onl_enum onl_enum_laser_state = {
	.name = "laser-state", .first = 0, .n = 5, .names = enum_laser_state_names,
	.lens = enum_laser_state_lens,
};

static const char *const enum_rack_kind_names[] = {
	"compute",
	"memory",
	"switch",
};

static const unsigned char enum_rack_kind_lens[] = {
	7, 6, 6,
};

const struct onl_enum onl_enum_rack_kind = {
	.name = "rack-kind", .first = 0, .n = 3, .names = enum_rack_kind_names,
	.lens = enum_rack_kind_lens,
};

static const char *const enum_thresh_id_names[] = {
	"lane-rx-udbm",
	"port-oe-input-udbm",
	"laser-bias-permille",
	"laser-power-uw",
	"laser-freq-mhz",
	"module-temp-mc",
	"module-supply-mv",
	"engine-temp-mc",
};

static const unsigned char enum_thresh_id_lens[] = {
	12, 18, 19, 14, 14, 14, 16, 14,
};

const struct onl_enum onl_enum_thresh_id = {
	.name = "thresh-id", .first = 0, .n = 8, .names = enum_thresh_id_names,
	.lens = enum_thresh_id_lens,
};

static const char *const enum_blast_obj_names[] = {
	"module",
	"laser",
	"engine",
	"fibre",
	"tray",
	"rack",
};

static const unsigned char enum_blast_obj_lens[] = {
	6, 5, 6, 5, 4, 4,
};

const struct onl_enum onl_enum_blast_obj = {
	.name = "blast-obj", .first = 1, .n = 6, .names = enum_blast_obj_names,
	.lens = enum_blast_obj_lens,
};

static const char *const enum_sim_action_names[] = {
	"remove",
	"insert",
};

static const unsigned char enum_sim_action_lens[] = {
	6, 6,
};

const struct onl_enum onl_enum_sim_action = {
	.name = "sim-action", .first = 1, .n = 2, .names = enum_sim_action_names,
	.lens = enum_sim_action_lens,
};

static const char *const enum_fault_kind_names[] = {
	"module-death",
	"laser-death",
	"laser-aging",
	"fibre-cut",
	"fibre-dirty",
	"ring-drift",
	"tec",
	"ber",
	"arbitration",
	"engine-death",
	"fw-hang",
	"cooling",
};

static const unsigned char enum_fault_kind_lens[] = {
	12, 11, 11, 9, 11, 10, 3, 3, 11, 12, 7, 7,
};

const struct onl_enum onl_enum_fault_kind = {
	.name = "fault-kind", .first = 0, .n = 12, .names = enum_fault_kind_names,
	.lens = enum_fault_kind_lens,
};

static const char *const enum_fibre_names[] = {
	"tx",
	"rx",
	"feed",
};

static const unsigned char enum_fibre_lens[] = {
	2, 2, 4,
};

const struct onl_enum onl_enum_fibre = {
	.name = "fibre", .first = 0, .n = 3, .names = enum_fibre_names,
	.lens = enum_fibre_lens,
};

static const char *const enum_health_domain_names[] = {
	"module",
	"engine",
};

static const unsigned char enum_health_domain_lens[] = {
	6, 6,
};

const struct onl_enum onl_enum_health_domain = {
	.name = "health-domain", .first = 1, .n = 2, .names = enum_health_domain_names,
	.lens = enum_health_domain_lens,
};

static const char *const enum_alarm_kind_names[] = {
	"health-error",
	"quarantine",
	"recovered",
	"threshold-link",
	"threshold-module",
	"threshold-lasers",
	"threshold-engine",
	"aging-predicted",
	"threshold-links",
	"cleared",
};

static const unsigned char enum_alarm_kind_lens[] = {
	12, 10, 9, 14, 16, 16, 16, 15, 15, 7,
};

const struct onl_enum onl_enum_alarm_kind = {
	.name = "alarm-kind", .first = 1, .n = 10, .names = enum_alarm_kind_names,
	.lens = enum_alarm_kind_lens,
};

static const char *const enum_severity_names[] = {
	"info",
	"minor",
	"major",
	"critical",
};

static const unsigned char enum_severity_lens[] = {
	4, 5, 5, 8,
};

const struct onl_enum onl_enum_severity = {
	.name = "severity", .first = 0, .n = 4, .names = enum_severity_names,
	.lens = enum_severity_lens,
};

static const char *const enum_diag_obj_names[] = {
	"module",
	"engine",
	"link",
	"fibre",
};

static const unsigned char enum_diag_obj_lens[] = {
	6, 6, 4, 5,
};

const struct onl_enum onl_enum_diag_obj = {
	.name = "diag-obj", .first = 1, .n = 4, .names = enum_diag_obj_names,
	.lens = enum_diag_obj_lens,
};

static const char *const enum_diag_action_names[] = {
	"wait",
	"link-up",
	"clear-link",
	"retrain",
	"clean-fibre",
	"repair-fibre",
	"swap-module",
	"plan-swap",
	"reset-module",
	"activate",
	"insert",
	"recover-engine",
	"cooling",
	"clear-flags",
};

static const unsigned char enum_diag_action_lens[] = {
	4, 7, 10, 7, 11, 12, 11, 9, 12, 8, 6, 14, 7, 11,
};

const struct onl_enum onl_enum_diag_action = {
	.name = "diag-action", .first = 1, .n = 14, .names = enum_diag_action_names,
	.lens = enum_diag_action_lens,
};

extern const struct onl_set onl_set_ophoton;
extern const struct onl_set onl_set_fabric_stats;
extern const struct onl_set onl_set_link_stats;
extern const struct onl_set onl_set_module_stats;
extern const struct onl_set onl_set_lane_stats;
extern const struct onl_set onl_set_thresh;
extern const struct onl_set onl_set_agg_stats;
extern const struct onl_set onl_set_laser_stats;
extern const struct onl_set onl_set_diag_problem;

static const struct onl_attr set_ophoton_attrs[OPHOTON_A_MAX + 1] = {
	[OPHOTON_A_PAD] = {
		.name = "pad", .label = "pad",
		.key = "\"pad\": ", .key_len = 6,
		.type = ONL_PAD, .unit = ONL_UNIT_NONE, .idx = 0,
	},
	[OPHOTON_A_VERSION_MODULE] = {
		.name = "version-module", .label = "version-module",
		.key = "\"version-module\": ", .key_len = 17,
		.type = ONL_STRING, .unit = ONL_UNIT_NONE, .idx = 1,
	},
	[OPHOTON_A_VERSION_PROTO] = {
		.name = "version-proto", .label = "version-proto",
		.key = "\"version-proto\": ", .key_len = 16,
		.type = ONL_U32, .unit = ONL_UNIT_NONE, .idx = 2, .scalar_len = 4,
	},
	[OPHOTON_A_FABRIC_ID] = {
		.name = "fabric-id", .label = "fabric-id",
		.key = "\"fabric-id\": ", .key_len = 12,
		.type = ONL_U32, .unit = ONL_UNIT_NONE, .idx = 3, .scalar_len = 4,
	},
	[OPHOTON_A_FABRIC_GEN] = {
		.name = "fabric-gen", .label = "fabric-gen",
		.key = "\"fabric-gen\": ", .key_len = 13,
		.type = ONL_U64, .unit = ONL_UNIT_NONE, .idx = 4, .scalar_len = 8,
	},
	[OPHOTON_A_FABRIC_CLOCK_NS] = {
		.name = "fabric-clock-ns", .label = "fabric-clock",
		.key = "\"fabric-clock-ns\": ", .key_len = 18,
		.type = ONL_U64, .unit = ONL_UNIT_NS, .idx = 5, .scalar_len = 8,
	},
	[OPHOTON_A_FABRIC_TIME_SCALE] = {
		.name = "fabric-time-scale", .label = "fabric-time-scale",
		.key = "\"fabric-time-scale\": ", .key_len = 20,
		.type = ONL_U32, .unit = ONL_UNIT_NONE, .idx = 6, .scalar_len = 4,
	},
	[OPHOTON_A_FABRIC_SEED] = {
		.name = "fabric-seed", .label = "fabric-seed",
		.key = "\"fabric-seed\": ", .key_len = 14,
		.type = ONL_U64, .unit = ONL_UNIT_NONE, .idx = 7, .scalar_len = 8,
	},
	[OPHOTON_A_FABRIC_GPUS] = {
		.name = "fabric-gpus", .label = "fabric-gpus",
		.key = "\"fabric-gpus\": ", .key_len = 14,
		.type = ONL_U32, .unit = ONL_UNIT_NONE, .idx = 8, .scalar_len = 4,
	},
	[OPHOTON_A_FABRIC_RACKS] = {
		.name = "fabric-racks", .label = "fabric-racks",
		.key = "\"fabric-racks\": ", .key_len = 15,
		.type = ONL_U32, .unit = ONL_UNIT_NONE, .idx = 9, .scalar_len = 4,
	},
	[OPHOTON_A_FABRIC_MEMORY_RACKS] = {
		.name = "fabric-memory-racks", .label = "fabric-memory-racks",
		.key = "\"fabric-memory-racks\": ", .key_len = 22,
		.type = ONL_U32, .unit = ONL_UNIT_NONE, .idx = 10, .scalar_len = 4,
	},
	[OPHOTON_A_FABRIC_SWITCH_RACKS] = {
		.name = "fabric-switch-racks", .label = "fabric-switch-racks",
		.key = "\"fabric-switch-racks\": ", .key_len = 22,
		.type = ONL_U32, .unit = ONL_UNIT_NONE, .idx = 11, .scalar_len = 4,
	},
	[OPHOTON_A_FABRIC_TRAYS] = {
		.name = "fabric-trays", .label = "fabric-trays",
		.key = "\"fabric-trays\": ", .key_len = 15,
		.type = ONL_U32, .unit = ONL_UNIT_NONE, .idx = 12, .scalar_len = 4,
	},
	[OPHOTON_A_FABRIC_SLOTS] = {
		.name = "fabric-slots", .label = "fabric-slots",
		.key = "\"fabric-slots\": ", .key_len = 15,
		.type = ONL_U32, .unit = ONL_UNIT_NONE, .idx = 13, .scalar_len = 4,
	},
	[OPHOTON_A_FABRIC_ENGINES] = {
		.name = "fabric-engines", .label = "fabric-engines",
		.key = "\"fabric-engines\": ", .key_len = 17,
		.type = ONL_U32, .unit = ONL_UNIT_NONE, .idx = 14, .scalar_len = 4,
	},
	[OPHOTON_A_FABRIC_PORTS] = {
		.name = "fabric-ports", .label = "fabric-ports",
		.key = "\"fabric-ports\": ", .key_len = 15,
		.type = ONL_U32, .unit = ONL_UNIT_NONE, .idx = 15, .scalar_len = 4,
	},
	[OPHOTON_A_FABRIC_LAMBDAS] = {
		.name = "fabric-lambdas", .label = "fabric-lambdas",
		.key = "\"fabric-lambdas\": ", .key_len = 17,
		.type = ONL_U32, .unit = ONL_UNIT_NONE, .idx = 16, .scalar_len = 4,
	},
	[OPHOTON_A_FABRIC_MODULES] = {
		.name = "fabric-modules", .label = "fabric-modules",
		.key = "\"fabric-modules\": ", .key_len = 17,
		.type = ONL_U32, .unit = ONL_UNIT_NONE, .idx = 17, .scalar_len = 4,
	},
	[OPHOTON_A_FABRIC_FEED] = {
		.name = "fabric-feed", .label = "fabric-feed",
		.key = "\"fabric-feed\": ", .key_len = 14,
		.type = ONL_U8, .unit = ONL_UNIT_NONE, .idx = 18, .enm = &onl_enum_feed, .scalar_len = 1,
	},
	[OPHOTON_A_FABRIC_LINKS] = {
		.name = "fabric-links", .label = "fabric-links",
		.key = "\"fabric-links\": ", .key_len = 15,
		.type = ONL_U32, .unit = ONL_UNIT_NONE, .idx = 19, .scalar_len = 4,
	},
	[OPHOTON_A_FABRIC_LANE_GBPS] = {
		.name = "fabric-lane-gbps", .label = "fabric-lane",
		.key = "\"fabric-lane-gbps\": ", .key_len = 19,
		.type = ONL_U32, .unit = ONL_UNIT_GBPS, .idx = 20, .scalar_len = 4,
	},
	[OPHOTON_A_FABRIC_ACTION] = {
		.name = "fabric-action", .label = "fabric-action",
		.key = "\"fabric-action\": ", .key_len = 16,
		.type = ONL_U8, .unit = ONL_UNIT_NONE, .idx = 21, .enm = &onl_enum_fabric_action, .scalar_len = 1,
	},
	[OPHOTON_A_FABRIC_EVENT] = {
		.name = "fabric-event", .label = "fabric-event",
		.key = "\"fabric-event\": ", .key_len = 15,
		.type = ONL_U8, .unit = ONL_UNIT_NONE, .idx = 22, .enm = &onl_enum_fabric_event, .scalar_len = 1,
	},
	[OPHOTON_A_FABRIC_STATS] = {
		.name = "fabric-stats", .label = "fabric-stats",
		.key = "\"fabric-stats\": ", .key_len = 15,
		.type = ONL_NEST, .unit = ONL_UNIT_NONE, .idx = 23, .nested = &onl_set_fabric_stats,
	},
	[OPHOTON_A_STATS] = {
		.name = "stats", .label = "stats",
		.key = "\"stats\": ", .key_len = 8,
		.type = ONL_FLAG, .unit = ONL_UNIT_NONE, .idx = 24,
	},
	[OPHOTON_A_UNHEALTHY] = {
		.name = "unhealthy", .label = "unhealthy",
		.key = "\"unhealthy\": ", .key_len = 12,
		.type = ONL_FLAG, .unit = ONL_UNIT_NONE, .idx = 25,
	},
	[OPHOTON_A_NTF_SEQ] = {
		.name = "ntf-seq", .label = "ntf-seq",
		.key = "\"ntf-seq\": ", .key_len = 10,
		.type = ONL_U64, .unit = ONL_UNIT_NONE, .idx = 26, .scalar_len = 8,
	},
	[OPHOTON_A_LINK_ID] = {
		.name = "link-id", .label = "link-id",
		.key = "\"link-id\": ", .key_len = 10,
		.type = ONL_U32, .unit = ONL_UNIT_NONE, .idx = 27, .scalar_len = 4,
	},
	[OPHOTON_A_GPU_ID] = {
		.name = "gpu-id", .label = "gpu-id",
		.key = "\"gpu-id\": ", .key_len = 9,
		.type = ONL_U32, .unit = ONL_UNIT_NONE, .idx = 28, .scalar_len = 4,
	},
	[OPHOTON_A_ENGINE] = {
		.name = "engine", .label = "engine",
		.key = "\"engine\": ", .key_len = 9,
		.type = ONL_U32, .unit = ONL_UNIT_NONE, .idx = 29, .scalar_len = 4,
	},
	[OPHOTON_A_PORT] = {
		.name = "port", .label = "port",
		.key = "\"port\": ", .key_len = 7,
		.type = ONL_U32, .unit = ONL_UNIT_NONE, .idx = 30, .scalar_len = 4,
	},
	[OPHOTON_A_PLANE] = {
		.name = "plane", .label = "plane",
		.key = "\"plane\": ", .key_len = 8,
		.type = ONL_U32, .unit = ONL_UNIT_NONE, .idx = 31, .scalar_len = 4,
	},
	[OPHOTON_A_LINK_STATE] = {
		.name = "link-state", .label = "link-state",
		.key = "\"link-state\": ", .key_len = 13,
		.type = ONL_U8, .unit = ONL_UNIT_NONE, .idx = 32, .enm = &onl_enum_link_state, .scalar_len = 1,
	},
	[OPHOTON_A_LINK_ADMIN_UP] = {
		.name = "link-admin-up", .label = "link-admin-up",
		.key = "\"link-admin-up\": ", .key_len = 16,
		.type = ONL_U8, .unit = ONL_UNIT_NONE, .idx = 33, .scalar_len = 1,
	},
	[OPHOTON_A_LINK_DOWN_REASON] = {
		.name = "link-down-reason", .label = "link-down-reason",
		.key = "\"link-down-reason\": ", .key_len = 19,
		.type = ONL_U8, .unit = ONL_UNIT_NONE, .idx = 34, .enm = &onl_enum_down_reason, .scalar_len = 1,
	},
	[OPHOTON_A_LINK_LANES_UP] = {
		.name = "link-lanes-up", .label = "link-lanes-up",
		.key = "\"link-lanes-up\": ", .key_len = 16,
		.type = ONL_U8, .unit = ONL_UNIT_NONE, .idx = 35, .scalar_len = 1,
	},
	[OPHOTON_A_LINK_ACTION] = {
		.name = "link-action", .label = "link-action",
		.key = "\"link-action\": ", .key_len = 14,
		.type = ONL_U8, .unit = ONL_UNIT_NONE, .idx = 36, .enm = &onl_enum_link_action, .scalar_len = 1,
	},
	[OPHOTON_A_LINK_STATS] = {
		.name = "link-stats", .label = "link-stats",
		.key = "\"link-stats\": ", .key_len = 13,
		.type = ONL_NEST, .unit = ONL_UNIT_NONE, .idx = 37, .nested = &onl_set_link_stats,
	},
	[OPHOTON_A_SIDE] = {
		.name = "side", .label = "side",
		.key = "\"side\": ", .key_len = 7,
		.type = ONL_U8, .unit = ONL_UNIT_NONE, .idx = 38, .enm = &onl_enum_side, .scalar_len = 1,
	},
	[OPHOTON_A_MODULE_ID] = {
		.name = "module-id", .label = "module-id",
		.key = "\"module-id\": ", .key_len = 12,
		.type = ONL_U32, .unit = ONL_UNIT_NONE, .idx = 39, .scalar_len = 4,
	},
	[OPHOTON_A_MODULE_STATE] = {
		.name = "module-state", .label = "module-state",
		.key = "\"module-state\": ", .key_len = 15,
		.type = ONL_U8, .unit = ONL_UNIT_NONE, .idx = 40, .enm = &onl_enum_module_state, .scalar_len = 1,
	},
	[OPHOTON_A_MODULE_ADMIN] = {
		.name = "module-admin", .label = "module-admin",
		.key = "\"module-admin\": ", .key_len = 15,
		.type = ONL_U8, .unit = ONL_UNIT_NONE, .idx = 41, .enm = &onl_enum_module_admin, .scalar_len = 1,
	},
	[OPHOTON_A_MODULE_SERIAL] = {
		.name = "module-serial", .label = "module-serial",
		.key = "\"module-serial\": ", .key_len = 16,
		.type = ONL_U32, .unit = ONL_UNIT_NONE, .idx = 42, .scalar_len = 4,
	},
	[OPHOTON_A_MODULE_INSERT_COUNT] = {
		.name = "module-insert-count", .label = "module-insert-count",
		.key = "\"module-insert-count\": ", .key_len = 22,
		.type = ONL_U32, .unit = ONL_UNIT_NONE, .idx = 43, .scalar_len = 4,
	},
	[OPHOTON_A_MODULE_REMOVE_COUNT] = {
		.name = "module-remove-count", .label = "module-remove-count",
		.key = "\"module-remove-count\": ", .key_len = 22,
		.type = ONL_U32, .unit = ONL_UNIT_NONE, .idx = 44, .scalar_len = 4,
	},
	[OPHOTON_A_MODULE_LASERS_ON] = {
		.name = "module-lasers-on", .label = "module-lasers-on",
		.key = "\"module-lasers-on\": ", .key_len = 19,
		.type = ONL_U32, .unit = ONL_UNIT_NONE, .idx = 45, .scalar_len = 4,
	},
	[OPHOTON_A_MODULE_LINKS_FED] = {
		.name = "module-links-fed", .label = "module-links-fed",
		.key = "\"module-links-fed\": ", .key_len = 19,
		.type = ONL_U32, .unit = ONL_UNIT_NONE, .idx = 46, .scalar_len = 4,
	},
	[OPHOTON_A_MODULE_SAFE_TO_REMOVE] = {
		.name = "module-safe-to-remove", .label = "module-safe-to-remove",
		.key = "\"module-safe-to-remove\": ", .key_len = 24,
		.type = ONL_FLAG, .unit = ONL_UNIT_NONE, .idx = 47,
	},
	[OPHOTON_A_MODULE_ACTION] = {
		.name = "module-action", .label = "module-action",
		.key = "\"module-action\": ", .key_len = 16,
		.type = ONL_U8, .unit = ONL_UNIT_NONE, .idx = 48, .enm = &onl_enum_module_action, .scalar_len = 1,
	},
	[OPHOTON_A_MODULE_STATS] = {
		.name = "module-stats", .label = "module-stats",
		.key = "\"module-stats\": ", .key_len = 15,
		.type = ONL_NEST, .unit = ONL_UNIT_NONE, .idx = 49, .nested = &onl_set_module_stats,
	},
	[OPHOTON_A_LANE] = {
		.name = "lane", .label = "lane",
		.key = "\"lane\": ", .key_len = 7,
		.type = ONL_U8, .unit = ONL_UNIT_NONE, .idx = 50, .scalar_len = 1,
	},
	[OPHOTON_A_DIR] = {
		.name = "dir", .label = "dir",
		.key = "\"dir\": ", .key_len = 6,
		.type = ONL_U8, .unit = ONL_UNIT_NONE, .idx = 51, .enm = &onl_enum_dir, .scalar_len = 1,
	},
	[OPHOTON_A_LANE_STATE] = {
		.name = "lane-state", .label = "lane-state",
		.key = "\"lane-state\": ", .key_len = 13,
		.type = ONL_U8, .unit = ONL_UNIT_NONE, .idx = 52, .enm = &onl_enum_lane_state, .scalar_len = 1,
	},
	[OPHOTON_A_LANE_STATS] = {
		.name = "lane-stats", .label = "lane-stats",
		.key = "\"lane-stats\": ", .key_len = 13,
		.type = ONL_NEST, .unit = ONL_UNIT_NONE, .idx = 53, .nested = &onl_set_lane_stats,
	},
	[OPHOTON_A_BLAST_OBJ] = {
		.name = "blast-obj", .label = "blast-obj",
		.key = "\"blast-obj\": ", .key_len = 12,
		.type = ONL_U8, .unit = ONL_UNIT_NONE, .idx = 54, .enm = &onl_enum_blast_obj, .scalar_len = 1,
	},
	[OPHOTON_A_BLAST_ID] = {
		.name = "blast-id", .label = "blast-id",
		.key = "\"blast-id\": ", .key_len = 11,
		.type = ONL_U32, .unit = ONL_UNIT_NONE, .idx = 55, .scalar_len = 4,
	},
	[OPHOTON_A_BLAST_LINKS] = {
		.name = "blast-links", .label = "blast-links",
		.key = "\"blast-links\": ", .key_len = 14,
		.type = ONL_U32, .unit = ONL_UNIT_NONE, .idx = 56, .scalar_len = 4,
	},
	[OPHOTON_A_BLAST_LINKS_DOWN] = {
		.name = "blast-links-down", .label = "blast-links-down",
		.key = "\"blast-links-down\": ", .key_len = 19,
		.type = ONL_U32, .unit = ONL_UNIT_NONE, .idx = 57, .scalar_len = 4,
	},
	[OPHOTON_A_BLAST_LANES] = {
		.name = "blast-lanes", .label = "blast-lanes",
		.key = "\"blast-lanes\": ", .key_len = 14,
		.type = ONL_U64, .unit = ONL_UNIT_NONE, .idx = 58, .scalar_len = 8,
	},
	[OPHOTON_A_BLAST_GPUS] = {
		.name = "blast-gpus", .label = "blast-gpus",
		.key = "\"blast-gpus\": ", .key_len = 13,
		.type = ONL_U32, .unit = ONL_UNIT_NONE, .idx = 59, .scalar_len = 4,
	},
	[OPHOTON_A_BLAST_BANDWIDTH_GBPS] = {
		.name = "blast-bandwidth-gbps", .label = "blast-bandwidth",
		.key = "\"blast-bandwidth-gbps\": ", .key_len = 23,
		.type = ONL_U64, .unit = ONL_UNIT_GBPS, .idx = 60, .scalar_len = 8,
	},
	[OPHOTON_A_BLAST_LINK_IDS] = {
		.name = "blast-link-ids", .label = "blast-link-ids",
		.key = "\"blast-link-ids\": ", .key_len = 17,
		.type = ONL_NEST, .unit = ONL_UNIT_NONE, .idx = 61,
	},
	[OPHOTON_A_SIM_ACTION] = {
		.name = "sim-action", .label = "sim-action",
		.key = "\"sim-action\": ", .key_len = 13,
		.type = ONL_U8, .unit = ONL_UNIT_NONE, .idx = 62, .enm = &onl_enum_sim_action, .scalar_len = 1,
	},
	[OPHOTON_A_SIM_STEP_NS] = {
		.name = "sim-step-ns", .label = "sim-step",
		.key = "\"sim-step-ns\": ", .key_len = 14,
		.type = ONL_U64, .unit = ONL_UNIT_NS, .idx = 63, .scalar_len = 8,
	},
	[OPHOTON_A_FAULT_KIND] = {
		.name = "fault-kind", .label = "fault-kind",
		.key = "\"fault-kind\": ", .key_len = 13,
		.type = ONL_U8, .unit = ONL_UNIT_NONE, .idx = 64, .enm = &onl_enum_fault_kind, .scalar_len = 1,
	},
	[OPHOTON_A_FAULT_TARGET] = {
		.name = "fault-target", .label = "fault-target",
		.key = "\"fault-target\": ", .key_len = 15,
		.type = ONL_U32, .unit = ONL_UNIT_NONE, .idx = 65, .scalar_len = 4,
	},
	[OPHOTON_A_FIBRE] = {
		.name = "fibre", .label = "fibre",
		.key = "\"fibre\": ", .key_len = 8,
		.type = ONL_U8, .unit = ONL_UNIT_NONE, .idx = 66, .enm = &onl_enum_fibre, .scalar_len = 1,
	},
	[OPHOTON_A_FAULT_VALUE] = {
		.name = "fault-value", .label = "fault-value",
		.key = "\"fault-value\": ", .key_len = 14,
		.type = ONL_S32, .unit = ONL_UNIT_NONE, .idx = 67, .scalar_len = 4,
	},
	[OPHOTON_A_FAULT_AMOUNT] = {
		.name = "fault-amount", .label = "fault-amount",
		.key = "\"fault-amount\": ", .key_len = 15,
		.type = ONL_S32, .unit = ONL_UNIT_NONE, .idx = 68, .scalar_len = 4,
	},
	[OPHOTON_A_HEALTH_DOMAIN] = {
		.name = "health-domain", .label = "health-domain",
		.key = "\"health-domain\": ", .key_len = 16,
		.type = ONL_U8, .unit = ONL_UNIT_NONE, .idx = 69, .enm = &onl_enum_health_domain, .scalar_len = 1,
	},
	[OPHOTON_A_HEALTH_ID] = {
		.name = "health-id", .label = "health-id",
		.key = "\"health-id\": ", .key_len = 12,
		.type = ONL_U32, .unit = ONL_UNIT_NONE, .idx = 70, .scalar_len = 4,
	},
	[OPHOTON_A_HEALTH_ERRORS] = {
		.name = "health-errors", .label = "health-errors",
		.key = "\"health-errors\": ", .key_len = 16,
		.type = ONL_U32, .unit = ONL_UNIT_NONE, .idx = 71, .scalar_len = 4,
	},
	[OPHOTON_A_HEALTH_RECOVERIES] = {
		.name = "health-recoveries", .label = "health-recoveries",
		.key = "\"health-recoveries\": ", .key_len = 20,
		.type = ONL_U32, .unit = ONL_UNIT_NONE, .idx = 72, .scalar_len = 4,
	},
	[OPHOTON_A_HEALTH_LAST_ERROR_NS] = {
		.name = "health-last-error-ns", .label = "health-last-error",
		.key = "\"health-last-error-ns\": ", .key_len = 23,
		.type = ONL_U64, .unit = ONL_UNIT_NS, .idx = 73, .scalar_len = 8,
	},
	[OPHOTON_A_HEALTH_QUARANTINED] = {
		.name = "health-quarantined", .label = "health-quarantined",
		.key = "\"health-quarantined\": ", .key_len = 21,
		.type = ONL_FLAG, .unit = ONL_UNIT_NONE, .idx = 74,
	},
	[OPHOTON_A_HEALTH_GRACE_MS] = {
		.name = "health-grace-ms", .label = "health-grace",
		.key = "\"health-grace-ms\": ", .key_len = 18,
		.type = ONL_U32, .unit = ONL_UNIT_MS, .idx = 75, .scalar_len = 4,
	},
	[OPHOTON_A_ALARM_KIND] = {
		.name = "alarm-kind", .label = "alarm-kind",
		.key = "\"alarm-kind\": ", .key_len = 13,
		.type = ONL_U8, .unit = ONL_UNIT_NONE, .idx = 76, .enm = &onl_enum_alarm_kind, .scalar_len = 1,
	},
	[OPHOTON_A_ALARM_FLAGS] = {
		.name = "alarm-flags", .label = "alarm-flags",
		.key = "\"alarm-flags\": ", .key_len = 14,
		.type = ONL_U32, .unit = ONL_UNIT_NONE, .idx = 77, .scalar_len = 4,
	},
	[OPHOTON_A_ALARM_LASERS] = {
		.name = "alarm-lasers", .label = "alarm-lasers",
		.key = "\"alarm-lasers\": ", .key_len = 15,
		.type = ONL_U32, .unit = ONL_UNIT_NONE, .idx = 78, .scalar_len = 4,
	},
	[OPHOTON_A_FABRIC_RACK_BUDGET_W] = {
		.name = "fabric-rack-budget-w", .label = "fabric-rack-budget",
		.key = "\"fabric-rack-budget-w\": ", .key_len = 23,
		.type = ONL_U32, .unit = ONL_UNIT_W, .idx = 79, .scalar_len = 4,
	},
	[OPHOTON_A_THRESH] = {
		.name = "thresh", .label = "thresh",
		.key = "\"thresh\": ", .key_len = 9,
		.type = ONL_NEST, .unit = ONL_UNIT_NONE, .idx = 80, .nested = &onl_set_thresh, .multi = 1,
	},
	[OPHOTON_A_RACK_ID] = {
		.name = "rack-id", .label = "rack-id",
		.key = "\"rack-id\": ", .key_len = 10,
		.type = ONL_U32, .unit = ONL_UNIT_NONE, .idx = 81, .scalar_len = 4,
	},
	[OPHOTON_A_RACK_KIND] = {
		.name = "rack-kind", .label = "rack-kind",
		.key = "\"rack-kind\": ", .key_len = 12,
		.type = ONL_U8, .unit = ONL_UNIT_NONE, .idx = 82, .enm = &onl_enum_rack_kind, .scalar_len = 1,
	},
	[OPHOTON_A_TRAY] = {
		.name = "tray", .label = "tray",
		.key = "\"tray\": ", .key_len = 7,
		.type = ONL_U32, .unit = ONL_UNIT_NONE, .idx = 83, .scalar_len = 4,
	},
	[OPHOTON_A_SLOT] = {
		.name = "slot", .label = "slot",
		.key = "\"slot\": ", .key_len = 7,
		.type = ONL_U32, .unit = ONL_UNIT_NONE, .idx = 84, .scalar_len = 4,
	},
	[OPHOTON_A_ENGINE_ID] = {
		.name = "engine-id", .label = "engine-id",
		.key = "\"engine-id\": ", .key_len = 12,
		.type = ONL_U32, .unit = ONL_UNIT_NONE, .idx = 85, .scalar_len = 4,
	},
	[OPHOTON_A_ENGINE_DEAD] = {
		.name = "engine-dead", .label = "engine-dead",
		.key = "\"engine-dead\": ", .key_len = 14,
		.type = ONL_FLAG, .unit = ONL_UNIT_NONE, .idx = 86,
	},
	[OPHOTON_A_LINKS] = {
		.name = "links", .label = "links",
		.key = "\"links\": ", .key_len = 8,
		.type = ONL_U32, .unit = ONL_UNIT_NONE, .idx = 87, .scalar_len = 4,
	},
	[OPHOTON_A_LINKS_UP] = {
		.name = "links-up", .label = "links-up",
		.key = "\"links-up\": ", .key_len = 11,
		.type = ONL_U32, .unit = ONL_UNIT_NONE, .idx = 88, .scalar_len = 4,
	},
	[OPHOTON_A_AGG_STATS] = {
		.name = "agg-stats", .label = "agg-stats",
		.key = "\"agg-stats\": ", .key_len = 12,
		.type = ONL_NEST, .unit = ONL_UNIT_NONE, .idx = 89, .nested = &onl_set_agg_stats,
	},
	[OPHOTON_A_LASER_STATE] = {
		.name = "laser-state", .label = "laser-state",
		.key = "\"laser-state\": ", .key_len = 14,
		.type = ONL_U8, .unit = ONL_UNIT_NONE, .idx = 90, .enm = &onl_enum_laser_state, .scalar_len = 1,
	},
	[OPHOTON_A_LASER_FIBRE_CHECKED] = {
		.name = "laser-fibre-checked", .label = "laser-fibre-checked",
		.key = "\"laser-fibre-checked\": ", .key_len = 22,
		.type = ONL_FLAG, .unit = ONL_UNIT_NONE, .idx = 91,
	},
	[OPHOTON_A_LASER_AGING_PREDICTED] = {
		.name = "laser-aging-predicted", .label = "laser-aging-predicted",
		.key = "\"laser-aging-predicted\": ", .key_len = 24,
		.type = ONL_FLAG, .unit = ONL_UNIT_NONE, .idx = 92,
	},
	[OPHOTON_A_LASER_STATS] = {
		.name = "laser-stats", .label = "laser-stats",
		.key = "\"laser-stats\": ", .key_len = 14,
		.type = ONL_NEST, .unit = ONL_UNIT_NONE, .idx = 93, .nested = &onl_set_laser_stats,
	},
	[OPHOTON_A_ENGINE_ACTION] = {
		.name = "engine-action", .label = "engine-action",
		.key = "\"engine-action\": ", .key_len = 16,
		.type = ONL_U8, .unit = ONL_UNIT_NONE, .idx = 94, .enm = &onl_enum_engine_action, .scalar_len = 1,
	},
	[OPHOTON_A_ALARM_LINK_COUNT] = {
		.name = "alarm-link-count", .label = "alarm-link-count",
		.key = "\"alarm-link-count\": ", .key_len = 19,
		.type = ONL_U32, .unit = ONL_UNIT_NONE, .idx = 95, .scalar_len = 4,
	},
	[OPHOTON_A_LINK_CAUSE] = {
		.name = "link-cause", .label = "link-cause",
		.key = "\"link-cause\": ", .key_len = 13,
		.type = ONL_U8, .unit = ONL_UNIT_NONE, .idx = 96, .enm = &onl_enum_down_reason, .scalar_len = 1,
	},
	[OPHOTON_A_LANE_CAUSE] = {
		.name = "lane-cause", .label = "lane-cause",
		.key = "\"lane-cause\": ", .key_len = 13,
		.type = ONL_U8, .unit = ONL_UNIT_NONE, .idx = 97, .enm = &onl_enum_down_reason, .scalar_len = 1,
	},
	[OPHOTON_A_MODULE_CAUSE] = {
		.name = "module-cause", .label = "module-cause",
		.key = "\"module-cause\": ", .key_len = 15,
		.type = ONL_U8, .unit = ONL_UNIT_NONE, .idx = 98, .enm = &onl_enum_module_cause, .scalar_len = 1,
	},
	[OPHOTON_A_LASER_CAUSE] = {
		.name = "laser-cause", .label = "laser-cause",
		.key = "\"laser-cause\": ", .key_len = 14,
		.type = ONL_U8, .unit = ONL_UNIT_NONE, .idx = 99, .enm = &onl_enum_module_cause, .scalar_len = 1,
	},
	[OPHOTON_A_FABRIC_CLOCK_S] = {
		.name = "fabric-clock-s", .label = "fabric-clock-s",
		.key = "\"fabric-clock-s\": ", .key_len = 17,
		.type = ONL_U64, .unit = ONL_UNIT_NONE, .idx = 100, .scalar_len = 8,
	},
	[OPHOTON_A_FORCE] = {
		.name = "force", .label = "force",
		.key = "\"force\": ", .key_len = 8,
		.type = ONL_FLAG, .unit = ONL_UNIT_NONE, .idx = 101,
	},
	[OPHOTON_A_PULL_CARRYING] = {
		.name = "pull-carrying", .label = "pull-carrying",
		.key = "\"pull-carrying\": ", .key_len = 16,
		.type = ONL_U32, .unit = ONL_UNIT_NONE, .idx = 102, .scalar_len = 4,
	},
	[OPHOTON_A_PULL_GPUS_CUT] = {
		.name = "pull-gpus-cut", .label = "pull-gpus-cut",
		.key = "\"pull-gpus-cut\": ", .key_len = 16,
		.type = ONL_U32, .unit = ONL_UNIT_NONE, .idx = 103, .scalar_len = 4,
	},
	[OPHOTON_A_PULL_PLANE_CUT] = {
		.name = "pull-plane-cut", .label = "pull-plane-cut",
		.key = "\"pull-plane-cut\": ", .key_len = 17,
		.type = ONL_FLAG, .unit = ONL_UNIT_NONE, .idx = 104,
	},
	[OPHOTON_A_PULL_PARTNERS_OUT] = {
		.name = "pull-partners-out", .label = "pull-partners-out",
		.key = "\"pull-partners-out\": ", .key_len = 20,
		.type = ONL_U32, .unit = ONL_UNIT_NONE, .idx = 105, .scalar_len = 4,
	},
	[OPHOTON_A_PULL_REFUSED] = {
		.name = "pull-refused", .label = "pull-refused",
		.key = "\"pull-refused\": ", .key_len = 15,
		.type = ONL_STRING, .unit = ONL_UNIT_NONE, .idx = 106,
	},
	[OPHOTON_A_DIAG_PROBLEM] = {
		.name = "diag-problem", .label = "diag-problem",
		.key = "\"diag-problem\": ", .key_len = 15,
		.type = ONL_NEST, .unit = ONL_UNIT_NONE, .idx = 107, .nested = &onl_set_diag_problem, .multi = 1,
	},
	[OPHOTON_A_DIAG_PROBLEMS] = {
		.name = "diag-problems", .label = "diag-problems",
		.key = "\"diag-problems\": ", .key_len = 16,
		.type = ONL_U32, .unit = ONL_UNIT_NONE, .idx = 108, .scalar_len = 4,
	},
	[OPHOTON_A_DIAG_UNLISTED] = {
		.name = "diag-unlisted", .label = "diag-unlisted",
		.key = "\"diag-unlisted\": ", .key_len = 16,
		.type = ONL_U32, .unit = ONL_UNIT_NONE, .idx = 109, .scalar_len = 4,
	},
	[OPHOTON_A_DIAG_CRITICAL] = {
		.name = "diag-critical", .label = "diag-critical",
		.key = "\"diag-critical\": ", .key_len = 16,
		.type = ONL_U32, .unit = ONL_UNIT_NONE, .idx = 110, .scalar_len = 4,
	},
	[OPHOTON_A_DIAG_MAJOR] = {
		.name = "diag-major", .label = "diag-major",
		.key = "\"diag-major\": ", .key_len = 13,
		.type = ONL_U32, .unit = ONL_UNIT_NONE, .idx = 111, .scalar_len = 4,
	},
	[OPHOTON_A_DIAG_MINOR] = {
		.name = "diag-minor", .label = "diag-minor",
		.key = "\"diag-minor\": ", .key_len = 13,
		.type = ONL_U32, .unit = ONL_UNIT_NONE, .idx = 112, .scalar_len = 4,
	},
	[OPHOTON_A_DIAG_INFO] = {
		.name = "diag-info", .label = "diag-info",
		.key = "\"diag-info\": ", .key_len = 12,
		.type = ONL_U32, .unit = ONL_UNIT_NONE, .idx = 113, .scalar_len = 4,
	},
	[OPHOTON_A_DIAG_LINKS_DOWN] = {
		.name = "diag-links-down", .label = "diag-links-down",
		.key = "\"diag-links-down\": ", .key_len = 18,
		.type = ONL_U32, .unit = ONL_UNIT_NONE, .idx = 114, .scalar_len = 4,
	},
	[OPHOTON_A_DIAG_LINKS_DEGRADED] = {
		.name = "diag-links-degraded", .label = "diag-links-degraded",
		.key = "\"diag-links-degraded\": ", .key_len = 22,
		.type = ONL_U32, .unit = ONL_UNIT_NONE, .idx = 115, .scalar_len = 4,
	},
	[OPHOTON_A_DIAG_LINKS_FLAGGED] = {
		.name = "diag-links-flagged", .label = "diag-links-flagged",
		.key = "\"diag-links-flagged\": ", .key_len = 21,
		.type = ONL_U32, .unit = ONL_UNIT_NONE, .idx = 116, .scalar_len = 4,
	},
	[OPHOTON_A_DIAG_GPUS_CUT] = {
		.name = "diag-gpus-cut", .label = "diag-gpus-cut",
		.key = "\"diag-gpus-cut\": ", .key_len = 16,
		.type = ONL_U32, .unit = ONL_UNIT_NONE, .idx = 117, .scalar_len = 4,
	},
	[OPHOTON_A_DIAG_GBPS_LOST] = {
		.name = "diag-gbps-lost", .label = "diag-gbps-lost",
		.key = "\"diag-gbps-lost\": ", .key_len = 17,
		.type = ONL_U64, .unit = ONL_UNIT_NONE, .idx = 118, .scalar_len = 8,
	},
	[OPHOTON_A_DIAG_UNITS_WALKED] = {
		.name = "diag-units-walked", .label = "diag-units-walked",
		.key = "\"diag-units-walked\": ", .key_len = 20,
		.type = ONL_U32, .unit = ONL_UNIT_NONE, .idx = 119, .scalar_len = 4,
	},
	[OPHOTON_A_ALARM_TIME_NS] = {
		.name = "alarm-time-ns", .label = "alarm-time",
		.key = "\"alarm-time-ns\": ", .key_len = 16,
		.type = ONL_U64, .unit = ONL_UNIT_NS, .idx = 120, .scalar_len = 8,
	},
	[OPHOTON_A_ALARM_WALL_NS] = {
		.name = "alarm-wall-ns", .label = "alarm-wall",
		.key = "\"alarm-wall-ns\": ", .key_len = 16,
		.type = ONL_U64, .unit = ONL_UNIT_WALL, .idx = 121, .scalar_len = 8,
	},
	[OPHOTON_A_ALARM_SEVERITY] = {
		.name = "alarm-severity", .label = "alarm-severity",
		.key = "\"alarm-severity\": ", .key_len = 17,
		.type = ONL_U8, .unit = ONL_UNIT_NONE, .idx = 122, .enm = &onl_enum_severity, .scalar_len = 1,
	},
	[OPHOTON_A_ALARM_ACTIVE] = {
		.name = "alarm-active", .label = "alarm-active",
		.key = "\"alarm-active\": ", .key_len = 15,
		.type = ONL_FLAG, .unit = ONL_UNIT_NONE, .idx = 123,
	},
	[OPHOTON_A_ALARM_CLEARED_NS] = {
		.name = "alarm-cleared-ns", .label = "alarm-cleared",
		.key = "\"alarm-cleared-ns\": ", .key_len = 19,
		.type = ONL_U64, .unit = ONL_UNIT_NS, .idx = 124, .scalar_len = 8,
	},
	[OPHOTON_A_ALARM_CLEARED_WALL_NS] = {
		.name = "alarm-cleared-wall-ns", .label = "alarm-cleared-wall",
		.key = "\"alarm-cleared-wall-ns\": ", .key_len = 24,
		.type = ONL_U64, .unit = ONL_UNIT_WALL, .idx = 125, .scalar_len = 8,
	},
	[OPHOTON_A_ALARM_ACKED] = {
		.name = "alarm-acked", .label = "alarm-acked",
		.key = "\"alarm-acked\": ", .key_len = 14,
		.type = ONL_FLAG, .unit = ONL_UNIT_NONE, .idx = 126,
	},
	[OPHOTON_A_ALARM_HISTORY] = {
		.name = "alarm-history", .label = "alarm-history",
		.key = "\"alarm-history\": ", .key_len = 16,
		.type = ONL_U32, .unit = ONL_UNIT_NONE, .idx = 127, .scalar_len = 4,
	},
	[OPHOTON_A_ALARM_FIRST_SEQ] = {
		.name = "alarm-first-seq", .label = "alarm-first-seq",
		.key = "\"alarm-first-seq\": ", .key_len = 18,
		.type = ONL_U64, .unit = ONL_UNIT_NONE, .idx = 128, .scalar_len = 8,
	},
};

static struct nla_policy set_ophoton_policy[OPHOTON_A_MAX + 1] = {
	[OPHOTON_A_VERSION_MODULE] = { .type = NLA_STRING },
	[OPHOTON_A_VERSION_PROTO] = { .type = NLA_U32 },
	[OPHOTON_A_FABRIC_ID] = { .type = NLA_U32 },
	[OPHOTON_A_FABRIC_GEN] = { .type = NLA_U64 },
	[OPHOTON_A_FABRIC_CLOCK_NS] = { .type = NLA_U64 },
	[OPHOTON_A_FABRIC_TIME_SCALE] = { .type = NLA_U32 },
	[OPHOTON_A_FABRIC_SEED] = { .type = NLA_U64 },
	[OPHOTON_A_FABRIC_GPUS] = { .type = NLA_U32 },
	[OPHOTON_A_FABRIC_RACKS] = { .type = NLA_U32 },
	[OPHOTON_A_FABRIC_MEMORY_RACKS] = { .type = NLA_U32 },
	[OPHOTON_A_FABRIC_SWITCH_RACKS] = { .type = NLA_U32 },
	[OPHOTON_A_FABRIC_TRAYS] = { .type = NLA_U32 },
	[OPHOTON_A_FABRIC_SLOTS] = { .type = NLA_U32 },
	[OPHOTON_A_FABRIC_ENGINES] = { .type = NLA_U32 },
	[OPHOTON_A_FABRIC_PORTS] = { .type = NLA_U32 },
	[OPHOTON_A_FABRIC_LAMBDAS] = { .type = NLA_U32 },
	[OPHOTON_A_FABRIC_MODULES] = { .type = NLA_U32 },
	[OPHOTON_A_FABRIC_FEED] = { .type = NLA_U8 },
	[OPHOTON_A_FABRIC_LINKS] = { .type = NLA_U32 },
	[OPHOTON_A_FABRIC_LANE_GBPS] = { .type = NLA_U32 },
	[OPHOTON_A_FABRIC_ACTION] = { .type = NLA_U8 },
	[OPHOTON_A_FABRIC_EVENT] = { .type = NLA_U8 },
	[OPHOTON_A_FABRIC_STATS] = { .type = NLA_NESTED },
	[OPHOTON_A_STATS] = { .type = NLA_FLAG },
	[OPHOTON_A_UNHEALTHY] = { .type = NLA_FLAG },
	[OPHOTON_A_NTF_SEQ] = { .type = NLA_U64 },
	[OPHOTON_A_LINK_ID] = { .type = NLA_U32 },
	[OPHOTON_A_GPU_ID] = { .type = NLA_U32 },
	[OPHOTON_A_ENGINE] = { .type = NLA_U32 },
	[OPHOTON_A_PORT] = { .type = NLA_U32 },
	[OPHOTON_A_PLANE] = { .type = NLA_U32 },
	[OPHOTON_A_LINK_STATE] = { .type = NLA_U8 },
	[OPHOTON_A_LINK_ADMIN_UP] = { .type = NLA_U8 },
	[OPHOTON_A_LINK_DOWN_REASON] = { .type = NLA_U8 },
	[OPHOTON_A_LINK_LANES_UP] = { .type = NLA_U8 },
	[OPHOTON_A_LINK_ACTION] = { .type = NLA_U8 },
	[OPHOTON_A_LINK_STATS] = { .type = NLA_NESTED },
	[OPHOTON_A_SIDE] = { .type = NLA_U8 },
	[OPHOTON_A_MODULE_ID] = { .type = NLA_U32 },
	[OPHOTON_A_MODULE_STATE] = { .type = NLA_U8 },
	[OPHOTON_A_MODULE_ADMIN] = { .type = NLA_U8 },
	[OPHOTON_A_MODULE_SERIAL] = { .type = NLA_U32 },
	[OPHOTON_A_MODULE_INSERT_COUNT] = { .type = NLA_U32 },
	[OPHOTON_A_MODULE_REMOVE_COUNT] = { .type = NLA_U32 },
	[OPHOTON_A_MODULE_LASERS_ON] = { .type = NLA_U32 },
	[OPHOTON_A_MODULE_LINKS_FED] = { .type = NLA_U32 },
	[OPHOTON_A_MODULE_SAFE_TO_REMOVE] = { .type = NLA_FLAG },
	[OPHOTON_A_MODULE_ACTION] = { .type = NLA_U8 },
	[OPHOTON_A_MODULE_STATS] = { .type = NLA_NESTED },
	[OPHOTON_A_LANE] = { .type = NLA_U8 },
	[OPHOTON_A_DIR] = { .type = NLA_U8 },
	[OPHOTON_A_LANE_STATE] = { .type = NLA_U8 },
	[OPHOTON_A_LANE_STATS] = { .type = NLA_NESTED },
	[OPHOTON_A_BLAST_OBJ] = { .type = NLA_U8 },
	[OPHOTON_A_BLAST_ID] = { .type = NLA_U32 },
	[OPHOTON_A_BLAST_LINKS] = { .type = NLA_U32 },
	[OPHOTON_A_BLAST_LINKS_DOWN] = { .type = NLA_U32 },
	[OPHOTON_A_BLAST_LANES] = { .type = NLA_U64 },
	[OPHOTON_A_BLAST_GPUS] = { .type = NLA_U32 },
	[OPHOTON_A_BLAST_BANDWIDTH_GBPS] = { .type = NLA_U64 },
	[OPHOTON_A_BLAST_LINK_IDS] = { .type = NLA_NESTED },
	[OPHOTON_A_SIM_ACTION] = { .type = NLA_U8 },
	[OPHOTON_A_SIM_STEP_NS] = { .type = NLA_U64 },
	[OPHOTON_A_FAULT_KIND] = { .type = NLA_U8 },
	[OPHOTON_A_FAULT_TARGET] = { .type = NLA_U32 },
	[OPHOTON_A_FIBRE] = { .type = NLA_U8 },
	[OPHOTON_A_FAULT_VALUE] = { .type = NLA_U32 },
	[OPHOTON_A_FAULT_AMOUNT] = { .type = NLA_U32 },
	[OPHOTON_A_HEALTH_DOMAIN] = { .type = NLA_U8 },
	[OPHOTON_A_HEALTH_ID] = { .type = NLA_U32 },
	[OPHOTON_A_HEALTH_ERRORS] = { .type = NLA_U32 },
	[OPHOTON_A_HEALTH_RECOVERIES] = { .type = NLA_U32 },
	[OPHOTON_A_HEALTH_LAST_ERROR_NS] = { .type = NLA_U64 },
	[OPHOTON_A_HEALTH_QUARANTINED] = { .type = NLA_FLAG },
	[OPHOTON_A_HEALTH_GRACE_MS] = { .type = NLA_U32 },
	[OPHOTON_A_ALARM_KIND] = { .type = NLA_U8 },
	[OPHOTON_A_ALARM_FLAGS] = { .type = NLA_U32 },
	[OPHOTON_A_ALARM_LASERS] = { .type = NLA_U32 },
	[OPHOTON_A_FABRIC_RACK_BUDGET_W] = { .type = NLA_U32 },
	[OPHOTON_A_THRESH] = { .type = NLA_NESTED },
	[OPHOTON_A_RACK_ID] = { .type = NLA_U32 },
	[OPHOTON_A_RACK_KIND] = { .type = NLA_U8 },
	[OPHOTON_A_TRAY] = { .type = NLA_U32 },
	[OPHOTON_A_SLOT] = { .type = NLA_U32 },
	[OPHOTON_A_ENGINE_ID] = { .type = NLA_U32 },
	[OPHOTON_A_ENGINE_DEAD] = { .type = NLA_FLAG },
	[OPHOTON_A_LINKS] = { .type = NLA_U32 },
	[OPHOTON_A_LINKS_UP] = { .type = NLA_U32 },
	[OPHOTON_A_AGG_STATS] = { .type = NLA_NESTED },
	[OPHOTON_A_LASER_STATE] = { .type = NLA_U8 },
	[OPHOTON_A_LASER_FIBRE_CHECKED] = { .type = NLA_FLAG },
	[OPHOTON_A_LASER_AGING_PREDICTED] = { .type = NLA_FLAG },
	[OPHOTON_A_LASER_STATS] = { .type = NLA_NESTED },
	[OPHOTON_A_ENGINE_ACTION] = { .type = NLA_U8 },
	[OPHOTON_A_ALARM_LINK_COUNT] = { .type = NLA_U32 },
	[OPHOTON_A_LINK_CAUSE] = { .type = NLA_U8 },
	[OPHOTON_A_LANE_CAUSE] = { .type = NLA_U8 },
	[OPHOTON_A_MODULE_CAUSE] = { .type = NLA_U8 },
	[OPHOTON_A_LASER_CAUSE] = { .type = NLA_U8 },
	[OPHOTON_A_FABRIC_CLOCK_S] = { .type = NLA_U64 },
	[OPHOTON_A_FORCE] = { .type = NLA_FLAG },
	[OPHOTON_A_PULL_CARRYING] = { .type = NLA_U32 },
	[OPHOTON_A_PULL_GPUS_CUT] = { .type = NLA_U32 },
	[OPHOTON_A_PULL_PLANE_CUT] = { .type = NLA_FLAG },
	[OPHOTON_A_PULL_PARTNERS_OUT] = { .type = NLA_U32 },
	[OPHOTON_A_PULL_REFUSED] = { .type = NLA_STRING },
	[OPHOTON_A_DIAG_PROBLEM] = { .type = NLA_NESTED },
	[OPHOTON_A_DIAG_PROBLEMS] = { .type = NLA_U32 },
	[OPHOTON_A_DIAG_UNLISTED] = { .type = NLA_U32 },
	[OPHOTON_A_DIAG_CRITICAL] = { .type = NLA_U32 },
	[OPHOTON_A_DIAG_MAJOR] = { .type = NLA_U32 },
	[OPHOTON_A_DIAG_MINOR] = { .type = NLA_U32 },
	[OPHOTON_A_DIAG_INFO] = { .type = NLA_U32 },
	[OPHOTON_A_DIAG_LINKS_DOWN] = { .type = NLA_U32 },
	[OPHOTON_A_DIAG_LINKS_DEGRADED] = { .type = NLA_U32 },
	[OPHOTON_A_DIAG_LINKS_FLAGGED] = { .type = NLA_U32 },
	[OPHOTON_A_DIAG_GPUS_CUT] = { .type = NLA_U32 },
	[OPHOTON_A_DIAG_GBPS_LOST] = { .type = NLA_U64 },
	[OPHOTON_A_DIAG_UNITS_WALKED] = { .type = NLA_U32 },
	[OPHOTON_A_ALARM_TIME_NS] = { .type = NLA_U64 },
	[OPHOTON_A_ALARM_WALL_NS] = { .type = NLA_U64 },
	[OPHOTON_A_ALARM_SEVERITY] = { .type = NLA_U8 },
	[OPHOTON_A_ALARM_ACTIVE] = { .type = NLA_FLAG },
	[OPHOTON_A_ALARM_CLEARED_NS] = { .type = NLA_U64 },
	[OPHOTON_A_ALARM_CLEARED_WALL_NS] = { .type = NLA_U64 },
	[OPHOTON_A_ALARM_ACKED] = { .type = NLA_FLAG },
	[OPHOTON_A_ALARM_HISTORY] = { .type = NLA_U32 },
	[OPHOTON_A_ALARM_FIRST_SEQ] = { .type = NLA_U64 },
};

const struct onl_set onl_set_ophoton = {
	.name = "ophoton", .max = OPHOTON_A_MAX,
	.attrs = set_ophoton_attrs, .policy = set_ophoton_policy,
};

static const struct onl_attr set_fabric_stats_attrs[OPHOTON_A_FABRIC_STATS_MAX + 1] = {
	[OPHOTON_A_FABRIC_STATS_PAD] = {
		.name = "pad", .label = "pad",
		.key = "\"pad\": ", .key_len = 6,
		.type = ONL_PAD, .unit = ONL_UNIT_NONE, .idx = 129,
	},
	[OPHOTON_A_FABRIC_STATS_LINKS_UP] = {
		.name = "links-up", .label = "links-up",
		.key = "\"links-up\": ", .key_len = 11,
		.type = ONL_U32, .unit = ONL_UNIT_NONE, .idx = 130, .scalar_len = 4,
	},
	[OPHOTON_A_FABRIC_STATS_LINKS_DEGRADED] = {
		.name = "links-degraded", .label = "links-degraded",
		.key = "\"links-degraded\": ", .key_len = 17,
		.type = ONL_U32, .unit = ONL_UNIT_NONE, .idx = 131, .scalar_len = 4,
	},
	[OPHOTON_A_FABRIC_STATS_LINKS_BRINGUP] = {
		.name = "links-bringup", .label = "links-bringup",
		.key = "\"links-bringup\": ", .key_len = 16,
		.type = ONL_U32, .unit = ONL_UNIT_NONE, .idx = 132, .scalar_len = 4,
	},
	[OPHOTON_A_FABRIC_STATS_LINKS_DOWN] = {
		.name = "links-down", .label = "links-down",
		.key = "\"links-down\": ", .key_len = 13,
		.type = ONL_U32, .unit = ONL_UNIT_NONE, .idx = 133, .scalar_len = 4,
	},
	[OPHOTON_A_FABRIC_STATS_LINKS_FAILED] = {
		.name = "links-failed", .label = "links-failed",
		.key = "\"links-failed\": ", .key_len = 15,
		.type = ONL_U32, .unit = ONL_UNIT_NONE, .idx = 134, .scalar_len = 4,
	},
	[OPHOTON_A_FABRIC_STATS_BANDWIDTH_GBPS] = {
		.name = "bandwidth-gbps", .label = "bandwidth",
		.key = "\"bandwidth-gbps\": ", .key_len = 17,
		.type = ONL_U64, .unit = ONL_UNIT_GBPS, .idx = 135, .scalar_len = 8,
	},
	[OPHOTON_A_FABRIC_STATS_POWER_MW] = {
		.name = "power-mw", .label = "power",
		.key = "\"power-mw\": ", .key_len = 11,
		.type = ONL_U64, .unit = ONL_UNIT_MW, .idx = 136, .scalar_len = 8,
	},
	[OPHOTON_A_FABRIC_STATS_TEMP_MC] = {
		.name = "temp-mc", .label = "temp",
		.key = "\"temp-mc\": ", .key_len = 10,
		.type = ONL_S32, .unit = ONL_UNIT_MC, .idx = 137, .scalar_len = 4,
	},
	[OPHOTON_A_FABRIC_STATS_OVER_BUDGET] = {
		.name = "over-budget", .label = "over-budget",
		.key = "\"over-budget\": ", .key_len = 14,
		.type = ONL_FLAG, .unit = ONL_UNIT_NONE, .idx = 138,
	},
};

static struct nla_policy set_fabric_stats_policy[OPHOTON_A_FABRIC_STATS_MAX + 1] = {
	[OPHOTON_A_FABRIC_STATS_LINKS_UP] = { .type = NLA_U32 },
	[OPHOTON_A_FABRIC_STATS_LINKS_DEGRADED] = { .type = NLA_U32 },
	[OPHOTON_A_FABRIC_STATS_LINKS_BRINGUP] = { .type = NLA_U32 },
	[OPHOTON_A_FABRIC_STATS_LINKS_DOWN] = { .type = NLA_U32 },
	[OPHOTON_A_FABRIC_STATS_LINKS_FAILED] = { .type = NLA_U32 },
	[OPHOTON_A_FABRIC_STATS_BANDWIDTH_GBPS] = { .type = NLA_U64 },
	[OPHOTON_A_FABRIC_STATS_POWER_MW] = { .type = NLA_U64 },
	[OPHOTON_A_FABRIC_STATS_TEMP_MC] = { .type = NLA_U32 },
	[OPHOTON_A_FABRIC_STATS_OVER_BUDGET] = { .type = NLA_FLAG },
};

const struct onl_set onl_set_fabric_stats = {
	.name = "fabric-stats", .max = OPHOTON_A_FABRIC_STATS_MAX,
	.attrs = set_fabric_stats_attrs, .policy = set_fabric_stats_policy,
};

static const struct onl_attr set_link_stats_attrs[OPHOTON_A_LINK_STATS_MAX + 1] = {
	[OPHOTON_A_LINK_STATS_PAD] = {
		.name = "pad", .label = "pad",
		.key = "\"pad\": ", .key_len = 6,
		.type = ONL_PAD, .unit = ONL_UNIT_NONE, .idx = 139,
	},
	[OPHOTON_A_LINK_STATS_UP_COUNT] = {
		.name = "up-count", .label = "up-count",
		.key = "\"up-count\": ", .key_len = 11,
		.type = ONL_U32, .unit = ONL_UNIT_NONE, .idx = 140, .scalar_len = 4,
	},
	[OPHOTON_A_LINK_STATS_DOWN_COUNT] = {
		.name = "down-count", .label = "down-count",
		.key = "\"down-count\": ", .key_len = 13,
		.type = ONL_U32, .unit = ONL_UNIT_NONE, .idx = 141, .scalar_len = 4,
	},
	[OPHOTON_A_LINK_STATS_FLAP_COUNT] = {
		.name = "flap-count", .label = "flap-count",
		.key = "\"flap-count\": ", .key_len = 13,
		.type = ONL_U32, .unit = ONL_UNIT_NONE, .idx = 142, .scalar_len = 4,
	},
	[OPHOTON_A_LINK_STATS_RETRAIN_COUNT] = {
		.name = "retrain-count", .label = "retrain-count",
		.key = "\"retrain-count\": ", .key_len = 16,
		.type = ONL_U32, .unit = ONL_UNIT_NONE, .idx = 143, .scalar_len = 4,
	},
	[OPHOTON_A_LINK_STATS_TIME_IN_STATE_NS] = {
		.name = "time-in-state-ns", .label = "time-in-state",
		.key = "\"time-in-state-ns\": ", .key_len = 19,
		.type = ONL_U64, .unit = ONL_UNIT_NS, .idx = 144, .scalar_len = 8,
	},
	[OPHOTON_A_LINK_STATS_OE_INPUT_UDBM] = {
		.name = "oe-input-udbm", .label = "oe-input",
		.key = "\"oe-input-udbm\": ", .key_len = 16,
		.type = ONL_S32, .unit = ONL_UNIT_UDBM, .idx = 145, .scalar_len = 4,
	},
	[OPHOTON_A_LINK_STATS_FEED_LOSS_MDB] = {
		.name = "feed-loss-mdb", .label = "feed-loss",
		.key = "\"feed-loss-mdb\": ", .key_len = 16,
		.type = ONL_S32, .unit = ONL_UNIT_MDB, .idx = 146, .scalar_len = 4,
	},
	[OPHOTON_A_LINK_STATS_FIBRE_LENGTH_DM] = {
		.name = "fibre-length-dm", .label = "fibre-length",
		.key = "\"fibre-length-dm\": ", .key_len = 18,
		.type = ONL_U32, .unit = ONL_UNIT_DM, .idx = 147, .scalar_len = 4,
	},
	[OPHOTON_A_LINK_STATS_TOF_PS] = {
		.name = "tof-ps", .label = "tof",
		.key = "\"tof-ps\": ", .key_len = 9,
		.type = ONL_U32, .unit = ONL_UNIT_PS, .idx = 148, .scalar_len = 4,
	},
	[OPHOTON_A_LINK_STATS_LATCHED] = {
		.name = "latched", .label = "latched",
		.key = "\"latched\": ", .key_len = 10,
		.type = ONL_U32, .unit = ONL_UNIT_NONE, .idx = 149, .scalar_len = 4,
	},
	[OPHOTON_A_LINK_STATS_BANDWIDTH_GBPS] = {
		.name = "bandwidth-gbps", .label = "bandwidth",
		.key = "\"bandwidth-gbps\": ", .key_len = 17,
		.type = ONL_U32, .unit = ONL_UNIT_GBPS, .idx = 150, .scalar_len = 4,
	},
	[OPHOTON_A_LINK_STATS_TX_FIBRE_LOSS_MDB] = {
		.name = "tx-fibre-loss-mdb", .label = "tx-fibre-loss",
		.key = "\"tx-fibre-loss-mdb\": ", .key_len = 20,
		.type = ONL_S32, .unit = ONL_UNIT_MDB, .idx = 151, .scalar_len = 4,
	},
	[OPHOTON_A_LINK_STATS_RX_FIBRE_LOSS_MDB] = {
		.name = "rx-fibre-loss-mdb", .label = "rx-fibre-loss",
		.key = "\"rx-fibre-loss-mdb\": ", .key_len = 20,
		.type = ONL_S32, .unit = ONL_UNIT_MDB, .idx = 152, .scalar_len = 4,
	},
};

static struct nla_policy set_link_stats_policy[OPHOTON_A_LINK_STATS_MAX + 1] = {
	[OPHOTON_A_LINK_STATS_UP_COUNT] = { .type = NLA_U32 },
	[OPHOTON_A_LINK_STATS_DOWN_COUNT] = { .type = NLA_U32 },
	[OPHOTON_A_LINK_STATS_FLAP_COUNT] = { .type = NLA_U32 },
	[OPHOTON_A_LINK_STATS_RETRAIN_COUNT] = { .type = NLA_U32 },
	[OPHOTON_A_LINK_STATS_TIME_IN_STATE_NS] = { .type = NLA_U64 },
	[OPHOTON_A_LINK_STATS_OE_INPUT_UDBM] = { .type = NLA_U32 },
	[OPHOTON_A_LINK_STATS_FEED_LOSS_MDB] = { .type = NLA_U32 },
	[OPHOTON_A_LINK_STATS_FIBRE_LENGTH_DM] = { .type = NLA_U32 },
	[OPHOTON_A_LINK_STATS_TOF_PS] = { .type = NLA_U32 },
	[OPHOTON_A_LINK_STATS_LATCHED] = { .type = NLA_U32 },
	[OPHOTON_A_LINK_STATS_BANDWIDTH_GBPS] = { .type = NLA_U32 },
	[OPHOTON_A_LINK_STATS_TX_FIBRE_LOSS_MDB] = { .type = NLA_U32 },
	[OPHOTON_A_LINK_STATS_RX_FIBRE_LOSS_MDB] = { .type = NLA_U32 },
};

const struct onl_set onl_set_link_stats = {
	.name = "link-stats", .max = OPHOTON_A_LINK_STATS_MAX,
	.attrs = set_link_stats_attrs, .policy = set_link_stats_policy,
};

static const struct onl_attr set_module_stats_attrs[OPHOTON_A_MODULE_STATS_MAX + 1] = {
	[OPHOTON_A_MODULE_STATS_TEMP_MC] = {
		.name = "temp-mc", .label = "temp",
		.key = "\"temp-mc\": ", .key_len = 10,
		.type = ONL_S32, .unit = ONL_UNIT_MC, .idx = 153, .scalar_len = 4,
	},
	[OPHOTON_A_MODULE_STATS_SUPPLY_MV] = {
		.name = "supply-mv", .label = "supply",
		.key = "\"supply-mv\": ", .key_len = 12,
		.type = ONL_U32, .unit = ONL_UNIT_MV, .idx = 154, .scalar_len = 4,
	},
	[OPHOTON_A_MODULE_STATS_POWER_MW] = {
		.name = "power-mw", .label = "power",
		.key = "\"power-mw\": ", .key_len = 11,
		.type = ONL_U32, .unit = ONL_UNIT_MW, .idx = 155, .scalar_len = 4,
	},
	[OPHOTON_A_MODULE_STATS_FLAGS] = {
		.name = "flags", .label = "flags",
		.key = "\"flags\": ", .key_len = 8,
		.type = ONL_U32, .unit = ONL_UNIT_NONE, .idx = 156, .scalar_len = 4,
	},
	[OPHOTON_A_MODULE_STATS_LATCHED] = {
		.name = "latched", .label = "latched",
		.key = "\"latched\": ", .key_len = 10,
		.type = ONL_U32, .unit = ONL_UNIT_NONE, .idx = 157, .scalar_len = 4,
	},
};

static struct nla_policy set_module_stats_policy[OPHOTON_A_MODULE_STATS_MAX + 1] = {
	[OPHOTON_A_MODULE_STATS_TEMP_MC] = { .type = NLA_U32 },
	[OPHOTON_A_MODULE_STATS_SUPPLY_MV] = { .type = NLA_U32 },
	[OPHOTON_A_MODULE_STATS_POWER_MW] = { .type = NLA_U32 },
	[OPHOTON_A_MODULE_STATS_FLAGS] = { .type = NLA_U32 },
	[OPHOTON_A_MODULE_STATS_LATCHED] = { .type = NLA_U32 },
};

const struct onl_set onl_set_module_stats = {
	.name = "module-stats", .max = OPHOTON_A_MODULE_STATS_MAX,
	.attrs = set_module_stats_attrs, .policy = set_module_stats_policy,
};

static const struct onl_attr set_lane_stats_attrs[OPHOTON_A_LANE_STATS_MAX + 1] = {
	[OPHOTON_A_LANE_STATS_PAD] = {
		.name = "pad", .label = "pad",
		.key = "\"pad\": ", .key_len = 6,
		.type = ONL_PAD, .unit = ONL_UNIT_NONE, .idx = 158,
	},
	[OPHOTON_A_LANE_STATS_RX_POWER_UDBM] = {
		.name = "rx-power-udbm", .label = "rx-power",
		.key = "\"rx-power-udbm\": ", .key_len = 16,
		.type = ONL_S32, .unit = ONL_UNIT_UDBM, .idx = 159, .scalar_len = 4,
	},
	[OPHOTON_A_LANE_STATS_MARGIN_MDB] = {
		.name = "margin-mdb", .label = "margin",
		.key = "\"margin-mdb\": ", .key_len = 13,
		.type = ONL_S32, .unit = ONL_UNIT_MDB, .idx = 160, .scalar_len = 4,
	},
	[OPHOTON_A_LANE_STATS_RING_OFFSET_PM] = {
		.name = "ring-offset-pm", .label = "ring-offset",
		.key = "\"ring-offset-pm\": ", .key_len = 17,
		.type = ONL_S32, .unit = ONL_UNIT_PM, .idx = 161, .scalar_len = 4,
	},
	[OPHOTON_A_LANE_STATS_HEATER_UW] = {
		.name = "heater-uw", .label = "heater",
		.key = "\"heater-uw\": ", .key_len = 12,
		.type = ONL_U32, .unit = ONL_UNIT_UW, .idx = 162, .scalar_len = 4,
	},
	[OPHOTON_A_LANE_STATS_BER_E] = {
		.name = "ber-e", .label = "ber",
		.key = "\"ber-e\": ", .key_len = 8,
		.type = ONL_U32, .unit = ONL_UNIT_BER, .idx = 163, .scalar_len = 4,
	},
	[OPHOTON_A_LANE_STATS_BITS] = {
		.name = "bits", .label = "bits",
		.key = "\"bits\": ", .key_len = 7,
		.type = ONL_U64, .unit = ONL_UNIT_NONE, .idx = 164, .scalar_len = 8,
	},
	[OPHOTON_A_LANE_STATS_ERR_BITS] = {
		.name = "err-bits", .label = "err-bits",
		.key = "\"err-bits\": ", .key_len = 11,
		.type = ONL_U64, .unit = ONL_UNIT_NONE, .idx = 165, .scalar_len = 8,
	},
	[OPHOTON_A_LANE_STATS_FEC_CORRECTED] = {
		.name = "fec-corrected", .label = "fec-corrected",
		.key = "\"fec-corrected\": ", .key_len = 16,
		.type = ONL_U64, .unit = ONL_UNIT_NONE, .idx = 166, .scalar_len = 8,
	},
	[OPHOTON_A_LANE_STATS_FEC_UNCORRECTABLE] = {
		.name = "fec-uncorrectable", .label = "fec-uncorrectable",
		.key = "\"fec-uncorrectable\": ", .key_len = 20,
		.type = ONL_U64, .unit = ONL_UNIT_NONE, .idx = 167, .scalar_len = 8,
	},
	[OPHOTON_A_LANE_STATS_FLAGS] = {
		.name = "flags", .label = "flags",
		.key = "\"flags\": ", .key_len = 8,
		.type = ONL_U32, .unit = ONL_UNIT_NONE, .idx = 168, .scalar_len = 4,
	},
	[OPHOTON_A_LANE_STATS_BER_BOUND_E] = {
		.name = "ber-bound-e", .label = "ber",
		.key = "\"ber-bound-e\": ", .key_len = 14,
		.type = ONL_U32, .unit = ONL_UNIT_BER_BOUND, .idx = 169, .scalar_len = 4,
	},
};

static struct nla_policy set_lane_stats_policy[OPHOTON_A_LANE_STATS_MAX + 1] = {
	[OPHOTON_A_LANE_STATS_RX_POWER_UDBM] = { .type = NLA_U32 },
	[OPHOTON_A_LANE_STATS_MARGIN_MDB] = { .type = NLA_U32 },
	[OPHOTON_A_LANE_STATS_RING_OFFSET_PM] = { .type = NLA_U32 },
	[OPHOTON_A_LANE_STATS_HEATER_UW] = { .type = NLA_U32 },
	[OPHOTON_A_LANE_STATS_BER_E] = { .type = NLA_U32 },
	[OPHOTON_A_LANE_STATS_BITS] = { .type = NLA_U64 },
	[OPHOTON_A_LANE_STATS_ERR_BITS] = { .type = NLA_U64 },
	[OPHOTON_A_LANE_STATS_FEC_CORRECTED] = { .type = NLA_U64 },
	[OPHOTON_A_LANE_STATS_FEC_UNCORRECTABLE] = { .type = NLA_U64 },
	[OPHOTON_A_LANE_STATS_FLAGS] = { .type = NLA_U32 },
	[OPHOTON_A_LANE_STATS_BER_BOUND_E] = { .type = NLA_U32 },
};

const struct onl_set onl_set_lane_stats = {
	.name = "lane-stats", .max = OPHOTON_A_LANE_STATS_MAX,
	.attrs = set_lane_stats_attrs, .policy = set_lane_stats_policy,
};

static const struct onl_attr set_thresh_attrs[OPHOTON_A_THRESH_MAX + 1] = {
	[OPHOTON_A_THRESH_ID] = {
		.name = "id", .label = "id",
		.key = "\"id\": ", .key_len = 5,
		.type = ONL_U8, .unit = ONL_UNIT_NONE, .idx = 170, .enm = &onl_enum_thresh_id, .scalar_len = 1,
	},
	[OPHOTON_A_THRESH_ALARM_LO] = {
		.name = "alarm-lo", .label = "alarm-lo",
		.key = "\"alarm-lo\": ", .key_len = 11,
		.type = ONL_S32, .unit = ONL_UNIT_NONE, .idx = 171, .scalar_len = 4,
	},
	[OPHOTON_A_THRESH_WARN_LO] = {
		.name = "warn-lo", .label = "warn-lo",
		.key = "\"warn-lo\": ", .key_len = 10,
		.type = ONL_S32, .unit = ONL_UNIT_NONE, .idx = 172, .scalar_len = 4,
	},
	[OPHOTON_A_THRESH_WARN_HI] = {
		.name = "warn-hi", .label = "warn-hi",
		.key = "\"warn-hi\": ", .key_len = 10,
		.type = ONL_S32, .unit = ONL_UNIT_NONE, .idx = 173, .scalar_len = 4,
	},
	[OPHOTON_A_THRESH_ALARM_HI] = {
		.name = "alarm-hi", .label = "alarm-hi",
		.key = "\"alarm-hi\": ", .key_len = 11,
		.type = ONL_S32, .unit = ONL_UNIT_NONE, .idx = 174, .scalar_len = 4,
	},
};

static struct nla_policy set_thresh_policy[OPHOTON_A_THRESH_MAX + 1] = {
	[OPHOTON_A_THRESH_ID] = { .type = NLA_U8 },
	[OPHOTON_A_THRESH_ALARM_LO] = { .type = NLA_U32 },
	[OPHOTON_A_THRESH_WARN_LO] = { .type = NLA_U32 },
	[OPHOTON_A_THRESH_WARN_HI] = { .type = NLA_U32 },
	[OPHOTON_A_THRESH_ALARM_HI] = { .type = NLA_U32 },
};

const struct onl_set onl_set_thresh = {
	.name = "thresh", .max = OPHOTON_A_THRESH_MAX,
	.attrs = set_thresh_attrs, .policy = set_thresh_policy,
};

static const struct onl_attr set_agg_stats_attrs[OPHOTON_A_AGG_STATS_MAX + 1] = {
	[OPHOTON_A_AGG_STATS_PAD] = {
		.name = "pad", .label = "pad",
		.key = "\"pad\": ", .key_len = 6,
		.type = ONL_PAD, .unit = ONL_UNIT_NONE, .idx = 175,
	},
	[OPHOTON_A_AGG_STATS_LINKS_DEGRADED] = {
		.name = "links-degraded", .label = "links-degraded",
		.key = "\"links-degraded\": ", .key_len = 17,
		.type = ONL_U32, .unit = ONL_UNIT_NONE, .idx = 176, .scalar_len = 4,
	},
	[OPHOTON_A_AGG_STATS_LINKS_BRINGUP] = {
		.name = "links-bringup", .label = "links-bringup",
		.key = "\"links-bringup\": ", .key_len = 16,
		.type = ONL_U32, .unit = ONL_UNIT_NONE, .idx = 177, .scalar_len = 4,
	},
	[OPHOTON_A_AGG_STATS_LINKS_DOWN] = {
		.name = "links-down", .label = "links-down",
		.key = "\"links-down\": ", .key_len = 13,
		.type = ONL_U32, .unit = ONL_UNIT_NONE, .idx = 178, .scalar_len = 4,
	},
	[OPHOTON_A_AGG_STATS_LINKS_FAILED] = {
		.name = "links-failed", .label = "links-failed",
		.key = "\"links-failed\": ", .key_len = 15,
		.type = ONL_U32, .unit = ONL_UNIT_NONE, .idx = 179, .scalar_len = 4,
	},
	[OPHOTON_A_AGG_STATS_BANDWIDTH_GBPS] = {
		.name = "bandwidth-gbps", .label = "bandwidth",
		.key = "\"bandwidth-gbps\": ", .key_len = 17,
		.type = ONL_U64, .unit = ONL_UNIT_GBPS, .idx = 180, .scalar_len = 8,
	},
	[OPHOTON_A_AGG_STATS_POWER_MW] = {
		.name = "power-mw", .label = "power",
		.key = "\"power-mw\": ", .key_len = 11,
		.type = ONL_U64, .unit = ONL_UNIT_MW, .idx = 181, .scalar_len = 8,
	},
	[OPHOTON_A_AGG_STATS_TEMP_MC] = {
		.name = "temp-mc", .label = "temp",
		.key = "\"temp-mc\": ", .key_len = 10,
		.type = ONL_S32, .unit = ONL_UNIT_MC, .idx = 182, .scalar_len = 4,
	},
	[OPHOTON_A_AGG_STATS_BUDGET_W] = {
		.name = "budget-w", .label = "budget",
		.key = "\"budget-w\": ", .key_len = 11,
		.type = ONL_U32, .unit = ONL_UNIT_W, .idx = 183, .scalar_len = 4,
	},
	[OPHOTON_A_AGG_STATS_OVER_BUDGET] = {
		.name = "over-budget", .label = "over-budget",
		.key = "\"over-budget\": ", .key_len = 14,
		.type = ONL_FLAG, .unit = ONL_UNIT_NONE, .idx = 184,
	},
	[OPHOTON_A_AGG_STATS_FLAGS] = {
		.name = "flags", .label = "flags",
		.key = "\"flags\": ", .key_len = 8,
		.type = ONL_U32, .unit = ONL_UNIT_NONE, .idx = 185, .scalar_len = 4,
	},
	[OPHOTON_A_AGG_STATS_LATCHED] = {
		.name = "latched", .label = "latched",
		.key = "\"latched\": ", .key_len = 10,
		.type = ONL_U32, .unit = ONL_UNIT_NONE, .idx = 186, .scalar_len = 4,
	},
};

static struct nla_policy set_agg_stats_policy[OPHOTON_A_AGG_STATS_MAX + 1] = {
	[OPHOTON_A_AGG_STATS_LINKS_DEGRADED] = { .type = NLA_U32 },
	[OPHOTON_A_AGG_STATS_LINKS_BRINGUP] = { .type = NLA_U32 },
	[OPHOTON_A_AGG_STATS_LINKS_DOWN] = { .type = NLA_U32 },
	[OPHOTON_A_AGG_STATS_LINKS_FAILED] = { .type = NLA_U32 },
	[OPHOTON_A_AGG_STATS_BANDWIDTH_GBPS] = { .type = NLA_U64 },
	[OPHOTON_A_AGG_STATS_POWER_MW] = { .type = NLA_U64 },
	[OPHOTON_A_AGG_STATS_TEMP_MC] = { .type = NLA_U32 },
	[OPHOTON_A_AGG_STATS_BUDGET_W] = { .type = NLA_U32 },
	[OPHOTON_A_AGG_STATS_OVER_BUDGET] = { .type = NLA_FLAG },
	[OPHOTON_A_AGG_STATS_FLAGS] = { .type = NLA_U32 },
	[OPHOTON_A_AGG_STATS_LATCHED] = { .type = NLA_U32 },
};

const struct onl_set onl_set_agg_stats = {
	.name = "agg-stats", .max = OPHOTON_A_AGG_STATS_MAX,
	.attrs = set_agg_stats_attrs, .policy = set_agg_stats_policy,
};

static const struct onl_attr set_laser_stats_attrs[OPHOTON_A_LASER_STATS_MAX + 1] = {
	[OPHOTON_A_LASER_STATS_BIAS_UA] = {
		.name = "bias-ua", .label = "bias",
		.key = "\"bias-ua\": ", .key_len = 10,
		.type = ONL_U32, .unit = ONL_UNIT_UA, .idx = 187, .scalar_len = 4,
	},
	[OPHOTON_A_LASER_STATS_POWER_UW] = {
		.name = "power-uw", .label = "power",
		.key = "\"power-uw\": ", .key_len = 11,
		.type = ONL_U32, .unit = ONL_UNIT_UW, .idx = 188, .scalar_len = 4,
	},
	[OPHOTON_A_LASER_STATS_VOLTAGE_MV] = {
		.name = "voltage-mv", .label = "voltage",
		.key = "\"voltage-mv\": ", .key_len = 13,
		.type = ONL_U32, .unit = ONL_UNIT_MV, .idx = 189, .scalar_len = 4,
	},
	[OPHOTON_A_LASER_STATS_FREQ_ERR_MHZ] = {
		.name = "freq-err-mhz", .label = "freq-err",
		.key = "\"freq-err-mhz\": ", .key_len = 15,
		.type = ONL_S32, .unit = ONL_UNIT_MHZ, .idx = 190, .scalar_len = 4,
	},
	[OPHOTON_A_LASER_STATS_TEMP_MC] = {
		.name = "temp-mc", .label = "temp",
		.key = "\"temp-mc\": ", .key_len = 10,
		.type = ONL_S32, .unit = ONL_UNIT_MC, .idx = 191, .scalar_len = 4,
	},
	[OPHOTON_A_LASER_STATS_TEC_MA] = {
		.name = "tec-ma", .label = "tec",
		.key = "\"tec-ma\": ", .key_len = 9,
		.type = ONL_U32, .unit = ONL_UNIT_MA, .idx = 192, .scalar_len = 4,
	},
	[OPHOTON_A_LASER_STATS_AGE_PPM] = {
		.name = "age-ppm", .label = "age",
		.key = "\"age-ppm\": ", .key_len = 10,
		.type = ONL_U32, .unit = ONL_UNIT_PPM, .idx = 193, .scalar_len = 4,
	},
	[OPHOTON_A_LASER_STATS_FLAGS] = {
		.name = "flags", .label = "flags",
		.key = "\"flags\": ", .key_len = 8,
		.type = ONL_U32, .unit = ONL_UNIT_NONE, .idx = 194, .scalar_len = 4,
	},
	[OPHOTON_A_LASER_STATS_LATCHED] = {
		.name = "latched", .label = "latched",
		.key = "\"latched\": ", .key_len = 10,
		.type = ONL_U32, .unit = ONL_UNIT_NONE, .idx = 195, .scalar_len = 4,
	},
	[OPHOTON_A_LASER_STATS_PAD] = {
		.name = "pad", .label = "pad",
		.key = "\"pad\": ", .key_len = 6,
		.type = ONL_PAD, .unit = ONL_UNIT_NONE, .idx = 196,
	},
	[OPHOTON_A_LASER_STATS_AGING_RATE_PPB_H] = {
		.name = "aging-rate-ppb-h", .label = "aging-rate",
		.key = "\"aging-rate-ppb-h\": ", .key_len = 19,
		.type = ONL_U64, .unit = ONL_UNIT_PPB_H, .idx = 197, .scalar_len = 8,
	},
	[OPHOTON_A_LASER_STATS_BIAS_WARN_IN_S] = {
		.name = "bias-warn-in-s", .label = "bias-warn",
		.key = "\"bias-warn-in-s\": ", .key_len = 17,
		.type = ONL_U64, .unit = ONL_UNIT_S, .idx = 198, .scalar_len = 8,
	},
	[OPHOTON_A_LASER_STATS_END_OF_LIFE_IN_S] = {
		.name = "end-of-life-in-s", .label = "end-of-life",
		.key = "\"end-of-life-in-s\": ", .key_len = 19,
		.type = ONL_U64, .unit = ONL_UNIT_S, .idx = 199, .scalar_len = 8,
	},
};

static struct nla_policy set_laser_stats_policy[OPHOTON_A_LASER_STATS_MAX + 1] = {
	[OPHOTON_A_LASER_STATS_BIAS_UA] = { .type = NLA_U32 },
	[OPHOTON_A_LASER_STATS_POWER_UW] = { .type = NLA_U32 },
	[OPHOTON_A_LASER_STATS_VOLTAGE_MV] = { .type = NLA_U32 },
	[OPHOTON_A_LASER_STATS_FREQ_ERR_MHZ] = { .type = NLA_U32 },
	[OPHOTON_A_LASER_STATS_TEMP_MC] = { .type = NLA_U32 },
	[OPHOTON_A_LASER_STATS_TEC_MA] = { .type = NLA_U32 },
	[OPHOTON_A_LASER_STATS_AGE_PPM] = { .type = NLA_U32 },
	[OPHOTON_A_LASER_STATS_FLAGS] = { .type = NLA_U32 },
	[OPHOTON_A_LASER_STATS_LATCHED] = { .type = NLA_U32 },
	[OPHOTON_A_LASER_STATS_AGING_RATE_PPB_H] = { .type = NLA_U64 },
	[OPHOTON_A_LASER_STATS_BIAS_WARN_IN_S] = { .type = NLA_U64 },
	[OPHOTON_A_LASER_STATS_END_OF_LIFE_IN_S] = { .type = NLA_U64 },
};

const struct onl_set onl_set_laser_stats = {
	.name = "laser-stats", .max = OPHOTON_A_LASER_STATS_MAX,
	.attrs = set_laser_stats_attrs, .policy = set_laser_stats_policy,
};

static const struct onl_attr set_diag_problem_attrs[OPHOTON_A_PROBLEM_MAX + 1] = {
	[OPHOTON_A_PROBLEM_PAD] = {
		.name = "pad", .label = "pad",
		.key = "\"pad\": ", .key_len = 6,
		.type = ONL_PAD, .unit = ONL_UNIT_NONE, .idx = 200,
	},
	[OPHOTON_A_PROBLEM_OBJ] = {
		.name = "obj", .label = "obj",
		.key = "\"obj\": ", .key_len = 6,
		.type = ONL_U8, .unit = ONL_UNIT_NONE, .idx = 201, .enm = &onl_enum_diag_obj, .scalar_len = 1,
	},
	[OPHOTON_A_PROBLEM_SIDE] = {
		.name = "side", .label = "side",
		.key = "\"side\": ", .key_len = 7,
		.type = ONL_U8, .unit = ONL_UNIT_NONE, .idx = 202, .enm = &onl_enum_side, .scalar_len = 1,
	},
	[OPHOTON_A_PROBLEM_ID] = {
		.name = "id", .label = "id",
		.key = "\"id\": ", .key_len = 5,
		.type = ONL_U32, .unit = ONL_UNIT_NONE, .idx = 203, .scalar_len = 4,
	},
	[OPHOTON_A_PROBLEM_FIBRE] = {
		.name = "fibre", .label = "fibre",
		.key = "\"fibre\": ", .key_len = 8,
		.type = ONL_U8, .unit = ONL_UNIT_NONE, .idx = 204, .enm = &onl_enum_fibre, .scalar_len = 1,
	},
	[OPHOTON_A_PROBLEM_CAUSE] = {
		.name = "cause", .label = "cause",
		.key = "\"cause\": ", .key_len = 8,
		.type = ONL_U8, .unit = ONL_UNIT_NONE, .idx = 205, .enm = &onl_enum_down_reason, .scalar_len = 1,
	},
	[OPHOTON_A_PROBLEM_MODULE_CAUSE] = {
		.name = "module-cause", .label = "module-cause",
		.key = "\"module-cause\": ", .key_len = 15,
		.type = ONL_U8, .unit = ONL_UNIT_NONE, .idx = 206, .enm = &onl_enum_module_cause, .scalar_len = 1,
	},
	[OPHOTON_A_PROBLEM_SEVERITY] = {
		.name = "severity", .label = "severity",
		.key = "\"severity\": ", .key_len = 11,
		.type = ONL_U8, .unit = ONL_UNIT_NONE, .idx = 207, .enm = &onl_enum_severity, .scalar_len = 1,
	},
	[OPHOTON_A_PROBLEM_ACTION] = {
		.name = "action", .label = "action",
		.key = "\"action\": ", .key_len = 9,
		.type = ONL_U8, .unit = ONL_UNIT_NONE, .idx = 208, .enm = &onl_enum_diag_action, .scalar_len = 1,
	},
	[OPHOTON_A_PROBLEM_SINCE_NS] = {
		.name = "since-ns", .label = "since",
		.key = "\"since-ns\": ", .key_len = 11,
		.type = ONL_U64, .unit = ONL_UNIT_NS, .idx = 209, .scalar_len = 8,
	},
	[OPHOTON_A_PROBLEM_LINKS] = {
		.name = "links", .label = "links",
		.key = "\"links\": ", .key_len = 8,
		.type = ONL_U32, .unit = ONL_UNIT_NONE, .idx = 210, .scalar_len = 4,
	},
	[OPHOTON_A_PROBLEM_LINKS_DOWN] = {
		.name = "links-down", .label = "links-down",
		.key = "\"links-down\": ", .key_len = 13,
		.type = ONL_U32, .unit = ONL_UNIT_NONE, .idx = 211, .scalar_len = 4,
	},
	[OPHOTON_A_PROBLEM_GPUS] = {
		.name = "gpus", .label = "gpus",
		.key = "\"gpus\": ", .key_len = 7,
		.type = ONL_U32, .unit = ONL_UNIT_NONE, .idx = 212, .scalar_len = 4,
	},
	[OPHOTON_A_PROBLEM_GBPS_LOST] = {
		.name = "gbps-lost", .label = "gbps-lost",
		.key = "\"gbps-lost\": ", .key_len = 12,
		.type = ONL_U64, .unit = ONL_UNIT_NONE, .idx = 213, .scalar_len = 8,
	},
};

static struct nla_policy set_diag_problem_policy[OPHOTON_A_PROBLEM_MAX + 1] = {
	[OPHOTON_A_PROBLEM_OBJ] = { .type = NLA_U8 },
	[OPHOTON_A_PROBLEM_SIDE] = { .type = NLA_U8 },
	[OPHOTON_A_PROBLEM_ID] = { .type = NLA_U32 },
	[OPHOTON_A_PROBLEM_FIBRE] = { .type = NLA_U8 },
	[OPHOTON_A_PROBLEM_CAUSE] = { .type = NLA_U8 },
	[OPHOTON_A_PROBLEM_MODULE_CAUSE] = { .type = NLA_U8 },
	[OPHOTON_A_PROBLEM_SEVERITY] = { .type = NLA_U8 },
	[OPHOTON_A_PROBLEM_ACTION] = { .type = NLA_U8 },
	[OPHOTON_A_PROBLEM_SINCE_NS] = { .type = NLA_U64 },
	[OPHOTON_A_PROBLEM_LINKS] = { .type = NLA_U32 },
	[OPHOTON_A_PROBLEM_LINKS_DOWN] = { .type = NLA_U32 },
	[OPHOTON_A_PROBLEM_GPUS] = { .type = NLA_U32 },
	[OPHOTON_A_PROBLEM_GBPS_LOST] = { .type = NLA_U64 },
};

const struct onl_set onl_set_diag_problem = {
	.name = "diag-problem", .max = OPHOTON_A_PROBLEM_MAX,
	.attrs = set_diag_problem_attrs, .policy = set_diag_problem_policy,
};

const int onl_attrs_total = 214;

const char *const onl_cmd_names[OPHOTON_CMD_MAX + 1] = {
	[OPHOTON_CMD_VERSION_GET] = "version-get",
	[OPHOTON_CMD_FABRIC_GET] = "fabric-get",
	[OPHOTON_CMD_FABRIC_SET] = "fabric-set",
	[OPHOTON_CMD_LINK_GET] = "link-get",
	[OPHOTON_CMD_LINK_SET] = "link-set",
	[OPHOTON_CMD_LINK_NTF] = "link-ntf",
	[OPHOTON_CMD_FABRIC_NTF] = "fabric-ntf",
	[OPHOTON_CMD_MODULE_GET] = "module-get",
	[OPHOTON_CMD_MODULE_ACT] = "module-act",
	[OPHOTON_CMD_MODULE_NTF] = "module-ntf",
	[OPHOTON_CMD_LANE_GET] = "lane-get",
	[OPHOTON_CMD_BLAST_GET] = "blast-get",
	[OPHOTON_CMD_SIM_MODULE] = "sim-module",
	[OPHOTON_CMD_SIM_FAULT] = "sim-fault",
	[OPHOTON_CMD_SIM_CLOCK] = "sim-clock",
	[OPHOTON_CMD_HEALTH_GET] = "health-get",
	[OPHOTON_CMD_ALARM_NTF] = "alarm-ntf",
	[OPHOTON_CMD_RACK_GET] = "rack-get",
	[OPHOTON_CMD_GPU_GET] = "gpu-get",
	[OPHOTON_CMD_ENGINE_GET] = "engine-get",
	[OPHOTON_CMD_LASER_GET] = "laser-get",
	[OPHOTON_CMD_ENGINE_ACT] = "engine-act",
	[OPHOTON_CMD_DIAGNOSE] = "diagnose",
	[OPHOTON_CMD_ALARM_GET] = "alarm-get",
	[OPHOTON_CMD_ALARM_ACK] = "alarm-ack",
};
