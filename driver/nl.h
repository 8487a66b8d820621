/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ophoton: what the files of the netlink family share.
 */
#ifndef _OPHOTON_NL_H
#define _OPHOTON_NL_H

#include <net/genetlink.h>
#include <uapi/linux/ophoton.h>

#include "ophoton.h"

extern struct genl_family ophoton_nl_family;

enum {
	OPHOTON_NLGRP_CONFIG,
	OPHOTON_NLGRP_ALARMS,
};

/* Dump state, over cb->ctx: ids only, nothing held between messages. */
struct ophoton_dump_ctx {
	u32 fab_id;
	u32 obj;	/* next object id within the fabric */
	u32 done;	/* single-fabric dumps: finished */
};

/* Fill a reply about object @id of a fabric, locked. */
typedef int (*ophoton_fill_fn)(struct sk_buff *msg, struct ophoton_fabric *fab,
			       u32 id, bool stats);

int ophoton_nl_reply(struct genl_info *info, u8 cmd, ophoton_fill_fn fill,
		     u32 id);
int ophoton_nl_model_err(struct genl_info *info, int attr, int err,
			 const char *why);
int ophoton_nl_agg_refresh(struct ophoton_fabric *fab, struct genl_info *info);
int ophoton_nl_yield(struct ophoton_fabric *fab, struct genl_info *info);
int ophoton_nl_check_id(struct genl_info *info, int attr, u32 limit, u32 *id);
int ophoton_nl_dump_gpu(struct ophoton_fabric *fab, struct nlattr **attrs,
			struct netlink_ext_ack *extack, u32 *gpu);
bool ophoton_nl_agg_unhealthy(const struct oph_agg_info *ai);
/* The objects [*first, *last) a dump covers, from its filters. */
typedef int (*ophoton_range_fn)(struct ophoton_fabric *fab, struct nlattr **attrs,
				struct netlink_ext_ack *extack, u32 *first, u32 *last);
/* Whether a dump leaves object @id out (its "unhealthy" filter). */
typedef bool (*ophoton_skip_fn)(struct ophoton_fabric *fab, u32 id, bool unhealthy);

int ophoton_nl_dump_one(struct sk_buff *skb, struct netlink_callback *cb,
			u8 cmd, ophoton_range_fn range, ophoton_fill_fn fill,
			ophoton_skip_fn skip);
void ophoton_nl_notify(struct ophoton_fabric *fab, u8 cmd, ophoton_fill_fn fill,
		       u32 id, u64 seq);

/* nl_module.c */
int ophoton_nl_module_fill(struct sk_buff *msg, struct ophoton_fabric *fab,
			   u32 id, bool stats);
int ophoton_nl_module_get_doit(struct sk_buff *skb, struct genl_info *info);
int ophoton_nl_module_get_dumpit(struct sk_buff *skb, struct netlink_callback *cb);
int ophoton_nl_module_act_doit(struct sk_buff *skb, struct genl_info *info);
int ophoton_nl_lane_get_doit(struct sk_buff *skb, struct genl_info *info);
int ophoton_nl_lane_get_dumpit(struct sk_buff *skb, struct netlink_callback *cb);

/* nl_health.c */
int ophoton_nl_health_get_doit(struct sk_buff *skb, struct genl_info *info);
int ophoton_nl_health_get_dumpit(struct sk_buff *skb, struct netlink_callback *cb);

/* nl_topo.c */
int ophoton_nl_rack_get_doit(struct sk_buff *skb, struct genl_info *info);
int ophoton_nl_rack_get_dumpit(struct sk_buff *skb, struct netlink_callback *cb);
int ophoton_nl_gpu_get_doit(struct sk_buff *skb, struct genl_info *info);
int ophoton_nl_gpu_get_dumpit(struct sk_buff *skb, struct netlink_callback *cb);
int ophoton_nl_engine_get_doit(struct sk_buff *skb, struct genl_info *info);
int ophoton_nl_engine_get_dumpit(struct sk_buff *skb, struct netlink_callback *cb);
int ophoton_nl_engine_act_doit(struct sk_buff *skb, struct genl_info *info);
int ophoton_nl_laser_get_doit(struct sk_buff *skb, struct genl_info *info);
int ophoton_nl_laser_get_dumpit(struct sk_buff *skb, struct netlink_callback *cb);

/* nl_sim.c */
int ophoton_nl_blast_get_doit(struct sk_buff *skb, struct genl_info *info);
int ophoton_nl_sim_module_doit(struct sk_buff *skb, struct genl_info *info);
int ophoton_nl_sim_fault_doit(struct sk_buff *skb, struct genl_info *info);
int ophoton_nl_sim_clock_doit(struct sk_buff *skb, struct genl_info *info);

#endif /* _OPHOTON_NL_H */
