// SPDX-License-Identifier: GPL-2.0
/*
 * ophoton model: a virtual clock that runs for ever.
 *
 * The model keeps time in u64 nanoseconds, which would run out after 584
 * virtual years: 51 hours of real time at the highest time scale.  So the
 * model's times are counted from a base that moves: once the clock passes
 * 2^62 ns (146 years) from its base, the base moves on by 2^61 ns (73
 * years) and every time the model keeps moves back by as much.  A time
 * more than 73 years old is then kept as the base itself: a duration
 * that long reads as at least 73 years.
 *
 * Readings given out are counted from creation: in nanoseconds, which
 * saturate at 2^64 - 1 (584 virtual years), and in whole seconds, which do
 * not for 5.8 x 10^11 years.  The clock itself never stops.
 */
#include "internal.h"

#define REBASE_AT	BIT_ULL(62)
#define REBASE_BY	BIT_ULL(61)

static void back(u64 *t)
{
	*t = *t > REBASE_BY ? *t - REBASE_BY : 0;
}

static void health_back(struct oph_health *h)
{
	back(&h->last_error);
}

/* Move the base on by REBASE_BY: every time kept moves back by as much. */
static void rebase(struct oph_fabric *f)
{
	u32 i, side;

	back(&f->now);
	/* Subtracting, clamped, keeps the order: the heap stays a heap. */
	for (i = 0; i < f->evq.len; i++)
		back(&f->evq.heap[i].time);
	for (i = 0; i < f->t.links; i++) {
		back(&f->links[i].since);
		back(&f->links[i].settled);
		oph_maybe_resched(i + 1);
	}
	for (side = 0; side < 2; side++) {
		for (i = 0; i < oph_nmods(f, side); i++) {
			back(&f->slots[side][i].since);
			health_back(&f->slots[side][i].health);
			if (f->slots[side][i].mod)
				back(&f->slots[side][i].mod->inserted);
		}
		for (i = 0; i < oph_nengines(f, side); i++)
			health_back(&f->engines[side][i].health);
	}
	for (i = 0; i < f->nfaults; i++)
		back(&f->faults[i].since);
	for (i = 0; i < ARRAY_SIZE(f->hkind); i++)
		back(&f->hkind[i].last_error);
	f->rebases++;
}

/**
 * oph_fabric_step_some() - run the clock on by a span, a slice of it
 * @f: fabric
 * @left: virtual nanoseconds still to run; decreased by what ran
 * @budget: events to run at most
 *
 * The span may be any length: the model moves its base as it goes.  The
 * events run are those one oph_fabric_advance() to the end would run, in
 * the same order; the caller may let others at the fabric between two
 * slices, and their steps add up.
 *
 * Return: true once @left is 0.
 */
bool oph_fabric_step_some(struct oph_fabric *f, u64 *left, u32 budget)
{
	u64 start;

	while (*left && budget) {
		if (f->now >= REBASE_AT)
			rebase(f);
		start = f->now;
		budget -= oph_advance(f, start + min_t(u64, *left, REBASE_BY), budget);
		*left -= f->now - start;
	}
	return !*left;
}

/**
 * oph_fabric_clock_ns() - the virtual clock since creation, in nanoseconds
 * @f: fabric
 *
 * Return: ns, saturated at U64_MAX (584 virtual years).
 */
u64 oph_fabric_clock_ns(const struct oph_fabric *f)
{
	return oph_time_since_creation(f, f->now);
}

/**
 * oph_fabric_clock_s() - the virtual clock since creation, in seconds
 * @f: fabric
 *
 * Return: whole seconds; does not saturate.
 */
u64 oph_fabric_clock_s(const struct oph_fabric *f)
{
	/* 2^61 ns is 2,305,843,009 s and 213,693,952 ns. */
	return f->rebases * 2305843009ULL +
	       (f->rebases * 213693952ULL + f->now) / OPH_NS_PER_S;
}

/**
 * oph_time_since_creation() - a time the model keeps, counted from creation
 * @f: fabric
 * @t: a time in the model's frame
 *
 * Return: ns since creation, saturated at U64_MAX.
 */
u64 oph_time_since_creation(const struct oph_fabric *f, u64 t)
{
	u64 base;

	/* Eight moves of the base are 2^64 ns. */
	if (f->rebases >= 8)
		return U64_MAX;
	base = f->rebases * REBASE_BY;
	return t > U64_MAX - base ? U64_MAX : base + t;
}
