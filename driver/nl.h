/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ophoton: what the files of the netlink family share.  The family, its
 * groups and the handlers' declarations are generated from the YNL spec
 * (nl_gen.h).
 */
#ifndef _OPHOTON_NL_H
#define _OPHOTON_NL_H

#include "nl_gen.h"
#include "ophoton.h"

/*
 * Room for a reply to a do request.  Most are a few hundred bytes; a buffer
 * of 1 KiB with its shared info is cheap to allocate where every allocation
 * is zeroed (init_on_alloc, Debian's default), and netlink need not copy
 * it to trim it, whereas genlmsg_new(NLMSG_GOODSIZE) zeroes 8 KiB.  The
 * few larger replies are built again at NLMSG_GOODSIZE.
 */
#define OPHOTON_NL_REPLY_SIZE	512

/* Dump state, over cb->ctx: ids only, nothing held between messages. */
struct ophoton_dump_ctx {
	u32 fab_id;
	u32 obj;	/* next object id within the fabric */
	u32 done;	/* single-fabric dumps: finished */
};

/* Fill a reply about object @id of a fabric, locked. */
typedef int (*ophoton_fill_fn)(struct sk_buff *msg, struct ophoton_fabric *fab,
			       u32 id, bool stats);
/* The objects [*first, *last) a dump covers, from its filters. */
typedef int (*ophoton_range_fn)(struct ophoton_fabric *fab, struct nlattr **attrs,
				struct netlink_ext_ack *extack, u32 *first, u32 *last);
/* Whether a dump leaves object @id out (its "unhealthy" filter, absence). */
typedef bool (*ophoton_skip_fn)(struct ophoton_fabric *fab, u32 id, bool unhealthy);

/**
 * struct ophoton_dump - an object surface, as ophoton_nl_dump() walks it
 * @cmd: command of the messages
 * @every_fabric: without a fabric id, dump every fabric of the namespace
 *	(else the fabric id is required)
 * @range: the objects the request's filters cover
 * @fill: fills one object's attributes
 * @skip: leaves an object out of a dump of the unhealthy
 * @skip_always: @skip is asked in every dump, for it also leaves out what
 *	does not exist (the lasers of an empty slot); else a dump of
 *	everything does not ask it, a call less for each of a million objects
 */
struct ophoton_dump {
	u8 cmd;
	bool every_fabric;
	bool skip_always;
	ophoton_range_fn range;
	ophoton_fill_fn fill;
	ophoton_skip_fn skip;
};

/* nl_common.c: what every surface's handlers use. */
int ophoton_nl_reply(struct genl_info *info, u8 cmd, ophoton_fill_fn fill,
		     u32 id);
int ophoton_nl_dump(struct sk_buff *skb, struct netlink_callback *cb,
		    const struct ophoton_dump *d);
bool ophoton_nl_dump_lock(struct ophoton_fabric *fab);
void ophoton_nl_err_at(struct netlink_ext_ack *extack, const struct nlattr *bad,
		       const char *why);
int ophoton_nl_model_err(struct genl_info *info, int attr, int err,
			 const char *why);
int ophoton_nl_agg_refresh(struct ophoton_fabric *fab, struct genl_info *info);
int ophoton_agg_refresh(struct ophoton_fabric *fab, struct netlink_ext_ack *extack);
int ophoton_nl_yield(struct ophoton_fabric *fab, struct genl_info *info);
int ophoton_nl_check_id(struct genl_info *info, int attr, u32 limit, u32 *id);
int ophoton_nl_check_side_id(struct genl_info *info, int attr, enum oph_obj obj,
			     enum oph_side *side, u32 *id);
int ophoton_nl_check_lane(struct genl_info *info, u32 limit, u32 *lane);
int ophoton_nl_dump_gpu(struct ophoton_fabric *fab, struct nlattr **attrs,
			struct netlink_ext_ack *extack, u32 *gpu);

/* The GET replies' bodies, which the notifications carry too. */
int ophoton_nl_fabric_fill(struct sk_buff *msg, struct ophoton_fabric *fab,
			   bool stats);
int ophoton_nl_link_fill(struct sk_buff *msg, struct ophoton_fabric *fab,
			 u32 link, bool stats);
int ophoton_nl_module_fill(struct sk_buff *msg, struct ophoton_fabric *fab,
			   u32 id, bool stats);
int ophoton_nl_link_fill_change(struct sk_buff *msg, struct ophoton_fabric *fab,
				const struct oph_change *c);
int ophoton_nl_module_fill_change(struct sk_buff *msg, struct ophoton_fabric *fab,
				  const struct oph_change *c);
int ophoton_nl_alarm_body(struct sk_buff *msg, struct ophoton_fabric *fab,
			  const struct oph_change *c);

#endif /* _OPHOTON_NL_H */
