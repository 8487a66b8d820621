// SPDX-License-Identifier: GPL-2.0
/*
 * ophotonctl: attribute names and the libnl parse policy of the family.
 *
 * Names are the YNL spec's (Documentation/netlink/specs/ophoton.yaml); they
 * are the JSON keys and what error messages call an attribute.  A host test
 * checks this table against the spec.  Strings use NLA_STRING: libnl 3.7
 * checks neither length nor termination for NLA_NUL_STRING.
 */
#include <stddef.h>
#include <linux/ophoton.h>
#include <netlink/attr.h>

#include "attrs.h"
#include "nl.h"

static const char *const attr_names[OPHOTON_A_MAX + 1] = {
	[OPHOTON_A_PAD]				= "pad",
	[OPHOTON_A_VERSION_MODULE]		= "version-module",
	[OPHOTON_A_VERSION_PROTO]		= "version-proto",
	[OPHOTON_A_FABRIC_ID]			= "fabric-id",
	[OPHOTON_A_FABRIC_GEN]			= "fabric-gen",
	[OPHOTON_A_FABRIC_CLOCK_NS]		= "fabric-clock-ns",
	[OPHOTON_A_FABRIC_TIME_SCALE]		= "fabric-time-scale",
	[OPHOTON_A_FABRIC_SEED]			= "fabric-seed",
	[OPHOTON_A_FABRIC_GPUS]			= "fabric-gpus",
	[OPHOTON_A_FABRIC_RACKS]		= "fabric-racks",
	[OPHOTON_A_FABRIC_MEMORY_RACKS]		= "fabric-memory-racks",
	[OPHOTON_A_FABRIC_SWITCH_RACKS]		= "fabric-switch-racks",
	[OPHOTON_A_FABRIC_TRAYS]		= "fabric-trays",
	[OPHOTON_A_FABRIC_SLOTS]		= "fabric-slots",
	[OPHOTON_A_FABRIC_ENGINES]		= "fabric-engines",
	[OPHOTON_A_FABRIC_PORTS]		= "fabric-ports",
	[OPHOTON_A_FABRIC_LAMBDAS]		= "fabric-lambdas",
	[OPHOTON_A_FABRIC_MODULES]		= "fabric-modules",
	[OPHOTON_A_FABRIC_FEED]			= "fabric-feed",
	[OPHOTON_A_FABRIC_LINKS]		= "fabric-links",
	[OPHOTON_A_FABRIC_LANE_GBPS]		= "fabric-lane-gbps",
	[OPHOTON_A_FABRIC_ACTION]		= "fabric-action",
	[OPHOTON_A_FABRIC_EVENT]		= "fabric-event",
	[OPHOTON_A_FABRIC_STATS]		= "fabric-stats",
	[OPHOTON_A_STATS]			= "stats",
	[OPHOTON_A_UNHEALTHY]			= "unhealthy",
	[OPHOTON_A_NTF_SEQ]			= "ntf-seq",
	[OPHOTON_A_LINK_ID]			= "link-id",
	[OPHOTON_A_GPU_ID]			= "gpu-id",
	[OPHOTON_A_ENGINE]			= "engine",
	[OPHOTON_A_PORT]			= "port",
	[OPHOTON_A_PLANE]			= "plane",
	[OPHOTON_A_LINK_STATE]			= "link-state",
	[OPHOTON_A_LINK_ADMIN_UP]		= "link-admin-up",
	[OPHOTON_A_LINK_DOWN_REASON]		= "link-down-reason",
	[OPHOTON_A_LINK_LANES_UP]		= "link-lanes-up",
	[OPHOTON_A_LINK_ACTION]			= "link-action",
	[OPHOTON_A_LINK_STATS]			= "link-stats",
};

struct nla_policy ophoton_policy[OPHOTON_A_MAX + 1] = {
	[OPHOTON_A_VERSION_MODULE]		= { .type = NLA_STRING },
	[OPHOTON_A_VERSION_PROTO]		= { .type = NLA_U32 },
	[OPHOTON_A_FABRIC_ID]			= { .type = NLA_U32 },
	[OPHOTON_A_FABRIC_GEN]			= { .type = NLA_U64 },
	[OPHOTON_A_FABRIC_CLOCK_NS]		= { .type = NLA_U64 },
	[OPHOTON_A_FABRIC_TIME_SCALE]		= { .type = NLA_U32 },
	[OPHOTON_A_FABRIC_SEED]			= { .type = NLA_U64 },
	[OPHOTON_A_FABRIC_GPUS]			= { .type = NLA_U32 },
	[OPHOTON_A_FABRIC_RACKS]		= { .type = NLA_U32 },
	[OPHOTON_A_FABRIC_MEMORY_RACKS]		= { .type = NLA_U32 },
	[OPHOTON_A_FABRIC_SWITCH_RACKS]		= { .type = NLA_U32 },
	[OPHOTON_A_FABRIC_TRAYS]		= { .type = NLA_U32 },
	[OPHOTON_A_FABRIC_SLOTS]		= { .type = NLA_U32 },
	[OPHOTON_A_FABRIC_ENGINES]		= { .type = NLA_U32 },
	[OPHOTON_A_FABRIC_PORTS]		= { .type = NLA_U32 },
	[OPHOTON_A_FABRIC_LAMBDAS]		= { .type = NLA_U32 },
	[OPHOTON_A_FABRIC_MODULES]		= { .type = NLA_U32 },
	[OPHOTON_A_FABRIC_FEED]			= { .type = NLA_U8 },
	[OPHOTON_A_FABRIC_LINKS]		= { .type = NLA_U32 },
	[OPHOTON_A_FABRIC_LANE_GBPS]		= { .type = NLA_U32 },
	[OPHOTON_A_FABRIC_ACTION]		= { .type = NLA_U8 },
	[OPHOTON_A_FABRIC_EVENT]		= { .type = NLA_U8 },
	[OPHOTON_A_FABRIC_STATS]		= { .type = NLA_NESTED },
	[OPHOTON_A_STATS]			= { .type = NLA_FLAG },
	[OPHOTON_A_UNHEALTHY]			= { .type = NLA_FLAG },
	[OPHOTON_A_NTF_SEQ]			= { .type = NLA_U64 },
	[OPHOTON_A_LINK_ID]			= { .type = NLA_U32 },
	[OPHOTON_A_GPU_ID]			= { .type = NLA_U32 },
	[OPHOTON_A_ENGINE]			= { .type = NLA_U32 },
	[OPHOTON_A_PORT]			= { .type = NLA_U32 },
	[OPHOTON_A_PLANE]			= { .type = NLA_U32 },
	[OPHOTON_A_LINK_STATE]			= { .type = NLA_U8 },
	[OPHOTON_A_LINK_ADMIN_UP]		= { .type = NLA_U8 },
	[OPHOTON_A_LINK_DOWN_REASON]		= { .type = NLA_U8 },
	[OPHOTON_A_LINK_LANES_UP]		= { .type = NLA_U8 },
	[OPHOTON_A_LINK_ACTION]			= { .type = NLA_U8 },
	[OPHOTON_A_LINK_STATS]			= { .type = NLA_NESTED },
};

const char *onl_attr_name(int type)
{
	if (type <= 0 || type > OPHOTON_A_MAX)
		return NULL;
	return attr_names[type];
}
