/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The few kernel types and helpers the emulation model uses, for its host
 * build (unit tests, fuzzers, benchmarks).  Included by
 * driver/model/osdep.h when __KERNEL__ is not defined.
 */
#ifndef OPHOTON_KCOMPAT_H
#define OPHOTON_KCOMPAT_H

#include <assert.h>
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

/* As the kernel's: no automatic zeroing of a variable written before it is read. */
#if __has_attribute(__uninitialized__)
#define __uninitialized		__attribute__((__uninitialized__))
#else
#define __uninitialized
#endif

#define oph_zalloc(sz)		calloc(1, sz)
#define oph_free(p)		free(p)
#define oph_calloc(n, sz)	calloc(n, sz)
#define oph_cfree(p)		free(p)

/* As the kernel's mul_u64_u64_div_u64(), which traps when @c is 0 or the
 * quotient does not fit: so that the host tests trap where the kernel would. */
static inline u64 oph_mul_div(u64 a, u64 b, u64 c)
{
	unsigned __int128 q = (unsigned __int128)a * b / c;

	if (q >> 64)
		abort();
	return (u64)q;
}

/* As the kernel's mul_u64_u64_shr(@a, @b, 32): @a times the fraction @b / 2^32. */
static inline u64 oph_frac_mul(u64 a, u64 b)
{
	return (u64)((unsigned __int128)a * b >> 32);
}

#define oph_resched()		do { } while (0)

#define min(a, b)		((a) < (b) ? (a) : (b))
#define max(a, b)		((a) > (b) ? (a) : (b))
#define min_t(t, a, b)		min((t)(a), (t)(b))
#define max_t(t, a, b)		max((t)(a), (t)(b))
#define BIT(n)			(1UL << (n))
#define BIT_ULL(n)		(1ULL << (n))
#define ARRAY_SIZE(a)		(sizeof(a) / sizeof((a)[0]))
#define DIV_ROUND_UP(n, d)	(((n) + (d) - 1) / (d))
#define U16_MAX			UINT16_MAX
#define U32_MAX			UINT32_MAX
#define U64_MAX			UINT64_MAX

#endif /* OPHOTON_KCOMPAT_H */
