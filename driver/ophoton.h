/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ophoton: declarations shared between the files of the module.
 */
#ifndef _OPHOTON_H
#define _OPHOTON_H

int ophoton_nl_init(void);
void ophoton_nl_exit(void);

#endif /* _OPHOTON_H */
