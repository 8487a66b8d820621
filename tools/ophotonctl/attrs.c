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
	[OPHOTON_A_PAD]			= "pad",
	[OPHOTON_A_VERSION_MODULE]	= "version-module",
	[OPHOTON_A_VERSION_PROTO]	= "version-proto",
};

struct nla_policy ophoton_policy[OPHOTON_A_MAX + 1] = {
	[OPHOTON_A_VERSION_MODULE]	= { .type = NLA_STRING },
	[OPHOTON_A_VERSION_PROTO]	= { .type = NLA_U32 },
};

const char *onl_attr_name(int type)
{
	if (type <= 0 || type > OPHOTON_A_MAX)
		return NULL;
	return attr_names[type];
}
