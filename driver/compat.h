/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ophoton: the differences between Debian's 6.1 and mainline that the
 * module's code meets, in one place.
 */
#ifndef _OPHOTON_COMPAT_H
#define _OPHOTON_COMPAT_H

#include <linux/version.h>

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

#endif /* _OPHOTON_COMPAT_H */
