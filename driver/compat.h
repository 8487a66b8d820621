/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ophoton: the differences between Debian's 6.1 and mainline that the
 * module's code meets, in one place.
 */
#ifndef _OPHOTON_COMPAT_H
#define _OPHOTON_COMPAT_H

#include <linux/version.h>

/*
 * Split ops since 6.2: a command's do and dump are two entries of the op
 * table, each with its own hooks (nl_gen.c is written for both forms).
 */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 2, 0)
#define OPHOTON_SPLIT_OPS	1
#define OPHOTON_GENL_OPS	const struct genl_split_ops
#else
#define OPHOTON_SPLIT_OPS	0
#define OPHOTON_GENL_OPS	const struct genl_ops
#endif

/* Bus attribute callbacks take a const bus_type since 6.4. */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 4, 0)
#define OPHOTON_BUS_TYPE const struct bus_type
#else
#define OPHOTON_BUS_TYPE struct bus_type
#endif

/* The parsed attributes of a dump request: genl_info_dump() since 6.6. */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 6, 0)
#define ophoton_dump_attrs(cb)	(genl_info_dump(cb)->attrs)
#else
#define ophoton_dump_attrs(cb)	(genl_dumpit_info(cb)->attrs)
#endif

/*
 * devlink's fmsg puts latch their first error in the message since 6.7,
 * and return nothing; before, each returned its error, kept in *@errp
 * here.  Either way the first error is what the callback returns.
 */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 7, 0)
#define ophoton_fmsg(errp, put)	(put)
#else
static inline void ophoton_fmsg_latch(int *errp, int err)
{
	if (!*errp)
		*errp = err;
}

#define ophoton_fmsg(errp, put)	ophoton_fmsg_latch(errp, put)
#endif

/*
 * devlink's DUMP_GET holds the instance (its lock and a reference) while
 * it calls a reporter's dump: so in 6.12; 6.1 holds neither, and a dump
 * taken there can race the instance's end.
 */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 12, 0)
#define ophoton_devlink_dump_locked	true
#else
#define ophoton_devlink_dump_locked	false
#endif

/* devlink's core names the bound driver in "devlink dev info" since 6.2. */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 2, 0)
#define ophoton_devlink_info_driver(req)	0
#else
#define ophoton_devlink_info_driver(req)	devlink_info_driver_name_put(req, "ophoton")
#endif

/*
 * An extended ACK formatted with the request's values (NL_SET_ERR_MSG_FMT,
 * since 6.3); before, the fixed message alone.
 */
#ifdef NL_SET_ERR_MSG_FMT
#define ophoton_err_fmt(extack, msg, fmt, ...) \
	NL_SET_ERR_MSG_FMT(extack, msg fmt, __VA_ARGS__)
#else
#define ophoton_err_fmt(extack, msg, fmt, ...)	NL_SET_ERR_MSG(extack, msg)
#endif

#endif /* _OPHOTON_COMPAT_H */
