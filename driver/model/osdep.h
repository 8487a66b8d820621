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
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/types.h>

#define oph_zalloc(sz)		kzalloc(sz, GFP_KERNEL)
#define oph_free(p)		kfree(p)
#define oph_calloc(n, sz)	kvcalloc(n, sz, GFP_KERNEL)
#define oph_cfree(p)		kvfree(p)
#define oph_mul_div(a, b, c)	mul_u64_u64_div_u64(a, b, c)

#else /* host build */

#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
typedef int8_t s8;
typedef int16_t s16;
typedef int32_t s32;
typedef int64_t s64;

#define oph_zalloc(sz)		calloc(1, sz)
#define oph_free(p)		free(p)
#define oph_calloc(n, sz)	calloc(n, sz)
#define oph_cfree(p)		free(p)

static inline u64 oph_mul_div(u64 a, u64 b, u64 c)
{
	return (u64)((unsigned __int128)a * b / c);
}

#ifndef min
#define min(a, b)	((a) < (b) ? (a) : (b))
#define max(a, b)	((a) > (b) ? (a) : (b))
#endif
#ifndef ARRAY_SIZE
#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
#endif

#endif /* __KERNEL__ */

#endif /* _OPHOTON_MODEL_OSDEP_H */
