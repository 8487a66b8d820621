/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ophotonctl: the generic decoder of the family's messages.
 */
#ifndef OPHOTONCTL_PRINT_H
#define OPHOTONCTL_PRINT_H

#include <netlink/msg.h>

#include "proto.h"

/*
 * Print the attributes at @head (@len bytes) of @set; @strip is a label
 * prefix human output leaves out ("link-" in link replies).  Returns 0, or
 * -1 when an attribute is malformed.
 */
int print_attrs(const struct onl_set *set, const struct nlattr *head, int len,
		const char *strip);
/* Print the attributes of a message of the family. */
int print_msg(const struct nlmsghdr *nlh, const char *strip);

#endif /* OPHOTONCTL_PRINT_H */
