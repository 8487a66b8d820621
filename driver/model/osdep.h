/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ophoton model: what the model needs from its environment, for the kernel
 * and for the host build of the unit tests and benchmarks.  The model uses
 * nothing else: no locks (the caller serialises), no timers, no netlink.
 */
#ifndef _OPHOTON_MODEL_OSDEP_H
#define _OPHOTON_MODEL_OSDEP_H

#ifdef __KERNEL__

#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/math64.h>
#include <linux/minmax.h>
#include <linux/mm.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/types.h>

#define oph_zalloc(sz)		kzalloc(sz, GFP_KERNEL)
#define oph_free(p)		kfree(p)
#define oph_calloc(n, sz)	kvcalloc(n, sz, GFP_KERNEL)
#define oph_cfree(p)		kvfree(p)
#define oph_mul_div(a, b, c)	mul_u64_u64_div_u64(a, b, c)
/* @a times a fraction @b / 2^32: a multiply and a shift, never a division. */
#define oph_frac_mul(a, b)	mul_u64_u64_shr(a, b, 32)
/*
 * Long walks (every link, every event of a clock step) give the CPU away
 * now and then: the caller holds a mutex, never a spinlock.
 */
#define oph_resched()		cond_resched()

#else /* host build: tools/lib/kcompat.h */

#include "kcompat.h"

#endif /* __KERNEL__ */

#endif /* _OPHOTON_MODEL_OSDEP_H */
