/* SPDX-License-Identifier: GPL-2.0 */
#ifndef OPHOTONCTL_ATTRS_H
#define OPHOTONCTL_ATTRS_H

#include <linux/ophoton.h>
#include <netlink/attr.h>

extern struct nla_policy ophoton_policy[OPHOTON_A_MAX + 1];

#endif /* OPHOTONCTL_ATTRS_H */
