/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The one place the release version is written down; the module reports it
 * over netlink and the Makefile passes it to ophotonctl.
 */
#ifndef _OPHOTON_VERSION_H
#define _OPHOTON_VERSION_H

#define OPHOTON_VERSION "0.1.0"

#endif /* _OPHOTON_VERSION_H */
