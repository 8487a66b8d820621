// SPDX-License-Identifier: GPL-2.0
/*
 * ophoton: fault domains over netlink, after devlink health.
 *
 * Dumps walk one combined index: GPU-side module slots, switch-side module
 * slots, GPU-side engines, switch-side engines; a domain (and a side within
 * it) narrows the walk to its part.
 */
#include "nl.h"

/* Bounds of the combined index of a fabric's fault domains. */
static void domains(struct ophoton_fabric *fab, u32 b[5])
{
	const struct oph_topo *t = oph_fabric_topo(fab->model);

	b[0] = 0;
	b[1] = b[0] + t->ep_modules;
	b[2] = b[1] + t->sw_modules;
	b[3] = b[2] + t->ep_engines;
	b[4] = b[3] + t->sw_engines;
}

static void domain_split(struct ophoton_fabric *fab, u32 idx, u8 *domain,
			 enum oph_side *side, u32 *id)
{
	u32 b[5], part;

	domains(fab, b);
	for (part = 0; part < 3 && idx >= b[part + 1]; part++)
		;
	*domain = part < 2 ? OPHOTON_HEALTH_MODULE : OPHOTON_HEALTH_ENGINE;
	*side = part % 2 ? OPH_SIDE_SW : OPH_SIDE_EP;
	*id = idx - b[part];
}

static int health_fill(struct sk_buff *msg, struct ophoton_fabric *fab, u32 idx,
		       bool stats)
{
	struct oph_health_info hi;
	enum oph_side side;
	u8 domain;
	u32 id;

	lockdep_assert_held(&fab->lock);
	domain_split(fab, idx, &domain, &side, &id);
	oph_health_get(fab->model, domain == OPHOTON_HEALTH_MODULE ? OPH_OBJ_MODULE :
			OPH_OBJ_ENGINE, side, id, &hi);
	if (nla_put_u32(msg, OPHOTON_A_FABRIC_ID, fab->id) ||
	    nla_put_u8(msg, OPHOTON_A_HEALTH_DOMAIN, domain) ||
	    nla_put_u8(msg, OPHOTON_A_SIDE, side) ||
	    nla_put_u32(msg, OPHOTON_A_HEALTH_ID, id) ||
	    nla_put_u32(msg, OPHOTON_A_HEALTH_ERRORS, hi.errors) ||
	    nla_put_u32(msg, OPHOTON_A_HEALTH_RECOVERIES, hi.recoveries) ||
	    (hi.errors && nla_put_u64_64bit(msg, OPHOTON_A_HEALTH_LAST_ERROR_NS,
					    hi.last_error_ns, OPHOTON_A_PAD)) ||
	    (hi.quarantined && nla_put_flag(msg, OPHOTON_A_HEALTH_QUARANTINED)) ||
	    nla_put_u32(msg, OPHOTON_A_HEALTH_GRACE_MS, hi.grace_ms))
		return -EMSGSIZE;
	return 0;
}

/**
 * ophoton_nl_health_get_doit() - HEALTH_GET do
 * @skb: request
 * @info: request info; the fabric is locked by pre_doit
 *
 * Return: 0 or a negative errno with an extended ACK.
 */
int ophoton_nl_health_get_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct ophoton_fabric *fab = info->user_ptr[0];
	enum oph_side side;
	u32 b[5], id;
	u8 domain;
	int err;

	if (GENL_REQ_ATTR_CHECK(info, OPHOTON_A_HEALTH_DOMAIN))
		return -EINVAL;
	domain = nla_get_u8(info->attrs[OPHOTON_A_HEALTH_DOMAIN]);
	err = ophoton_nl_check_side_id(info, OPHOTON_A_HEALTH_ID,
				       domain == OPHOTON_HEALTH_MODULE ? OPH_OBJ_MODULE :
				       OPH_OBJ_ENGINE, &side, &id);
	if (err)
		return err;
	domains(fab, b);
	return ophoton_nl_reply(info, OPHOTON_CMD_HEALTH_GET, health_fill,
				b[(domain == OPHOTON_HEALTH_ENGINE) * 2 + side] + id);
}

static bool health_skip(struct ophoton_fabric *fab, u32 idx, bool unhealthy)
{
	struct oph_health_info hi;
	enum oph_side side;
	u8 domain;
	u32 id;

	lockdep_assert_held(&fab->lock);
	if (!unhealthy)
		return false;
	domain_split(fab, idx, &domain, &side, &id);
	oph_health_get(fab->model, domain == OPHOTON_HEALTH_MODULE ? OPH_OBJ_MODULE :
		       OPH_OBJ_ENGINE, side, id, &hi);
	return !hi.errors && !hi.quarantined;
}

static int health_range(struct ophoton_fabric *fab, struct nlattr **attrs,
			struct netlink_ext_ack *extack, u32 *first, u32 *last)
{
	u32 b[5];

	lockdep_assert_held(&fab->lock);
	domains(fab, b);
	*first = b[0];
	*last = b[4];
	if (attrs[OPHOTON_A_SIDE] && !attrs[OPHOTON_A_HEALTH_DOMAIN]) {
		NL_SET_ERR_MSG_ATTR(extack, attrs[OPHOTON_A_SIDE],
				    "the side filter needs a health-domain");
		return -EINVAL;
	}
	if (attrs[OPHOTON_A_HEALTH_DOMAIN]) {
		u32 part = (nla_get_u8(attrs[OPHOTON_A_HEALTH_DOMAIN]) ==
			    OPHOTON_HEALTH_ENGINE) * 2;

		*first = b[part];
		*last = b[part + 2];
		if (attrs[OPHOTON_A_SIDE]) {
			part += nla_get_u8(attrs[OPHOTON_A_SIDE]);
			*first = b[part];
			*last = b[part + 1];
		}
	}
	return 0;
}

static const struct ophoton_dump health_dump = {
	.cmd	= OPHOTON_CMD_HEALTH_GET,
	.range	= health_range,
	.fill	= health_fill,
	.skip	= health_skip,
};

/**
 * ophoton_nl_health_get_dumpit() - HEALTH_GET dump
 * @skb: message being filled
 * @cb: dump state
 *
 * Return: bytes filled, 0 when done, or a negative errno.
 */
int ophoton_nl_health_get_dumpit(struct sk_buff *skb, struct netlink_callback *cb)
{
	return ophoton_nl_dump(skb, cb, &health_dump);
}
