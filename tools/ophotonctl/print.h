/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ophotonctl: the generic decoder of the family's messages.
 */
#ifndef OPHOTONCTL_PRINT_H
#define OPHOTONCTL_PRINT_H

#include <stdbool.h>
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
/*
 * Attributes of the message (not of its nests) that print_msg() leaves
 * out: @skip says which, for each, with @arg; NULL prints all.
 */
typedef bool (*print_skip_fn)(const struct nlattr *nla, void *arg);
int print_msg_but(const struct nlmsghdr *nlh, const char *strip, print_skip_fn skip, void *arg);
/*
 * The attributes of a message of the family, by type into @tb (of
 * OPHOTON_A_MAX + 1), each length checked against the spec's type as
 * libnl's policy would: 0, or -1 when one is malformed.  Read in place,
 * without libnl's calls for each attribute of a million records.
 */
int parse_msg(const struct nlmsghdr *nlh, struct nlattr **tb);
/*
 * The same into a @tb with nothing set, and back to nothing set after: a
 * table cleared only where a message wrote, for the million records of a
 * dump (the whole table is 840 bytes, a record's attributes a handful).
 */
int parse_msg_into(const struct nlmsghdr *nlh, struct nlattr **tb);
void parse_msg_forget(const struct nlmsghdr *nlh, struct nlattr **tb);

#endif /* OPHOTONCTL_PRINT_H */
