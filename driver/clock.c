// SPDX-License-Identifier: GPL-2.0
/*
 * ophoton: the real-time clock of a fabric.
 *
 * The model only moves when told to.  Here its virtual time follows real
 * time x time_scale: before any request reads or changes a fabric, the
 * model is advanced to now; and one delayed work per fabric is armed for
 * the model's next event, so state changes (and their notifications)
 * happen on time even when nobody asks.  With no event pending nothing is
 * armed: an idle fabric costs no CPU.
 */
#include <linux/jiffies.h>
#include <linux/math64.h>

#include "ophoton.h"

/* Events run per slice while the model is given its time. */
#define CREDIT_SLICE	64
/* Held this long, a sync leaves the rest of the events to the clock work. */
#define CREDIT_HOLD_NS	(2 * NSEC_PER_MSEC)

static bool held_long(struct ophoton_fabric *fab)
{
	return ktime_to_ns(ktime_sub(ktime_get(), fab->held_since)) >= CREDIT_HOLD_NS;
}

/*
 * Give the model the virtual time that passed since @base_real: the real
 * time times the scale, in pieces a u64 holds (51 real hours each at the
 * highest scale); the model runs any span.  Steps of the simulator add to
 * this: virtual time is real time x scale plus every step.
 *
 * A fabric of millions of links can have more events due than a request
 * should run under the lock (a bring-up at 65,536 GPUs is ten million):
 * past 2 ms of holding the fabric, the time not yet run is owed to the
 * model, and the clock work, armed at once, runs it in more such turns.
 */
static void credit(struct ophoton_fabric *fab)
{
	ktime_t now = ktime_get();
	u64 real = (u64)max_t(s64, ktime_to_ns(ktime_sub(now, fab->base_real)), 0);
	u64 piece = div_u64(U64_MAX, fab->time_scale), span;

	lockdep_assert_held(&fab->lock);
	fab->base_real = now;
	do {
		span = min(real, piece) * fab->time_scale;
		real -= min(real, piece);
		fab->owed_ns = fab->owed_ns > U64_MAX - span ? U64_MAX : fab->owed_ns + span;
		while (!oph_fabric_step_some(fab->model, &fab->owed_ns, CREDIT_SLICE)) {
			if (held_long(fab)) {
				/* The rest of the real time, owed too. */
				fab->base_real = ktime_sub_ns(now, real);
				return;
			}
		}
	} while (real);
}

static void arm(struct ophoton_fabric *fab)
{
	u64 next, now, wait_ns;

	lockdep_assert_held(&fab->lock);
	if (fab->dead)
		return;
	/* Time owed to the model: the work runs it next, after others. */
	if (fab->owed_ns) {
		mod_delayed_work(system_wq, &fab->clock_work, 0);
		return;
	}
	next = oph_fabric_next_event(fab->model);
	if (next == U64_MAX)
		return;
	now = oph_fabric_now(fab->model);
	wait_ns = next > now ? div_u64(next - now, fab->time_scale) : 0;
	/* At least a jiffy: events due together are run together. */
	mod_delayed_work(system_wq, &fab->clock_work,
			 max_t(unsigned long, nsecs_to_jiffies(wait_ns), 1));
}

/**
 * ophoton_clock_sync() - bring the model up to the real-time clock
 * @fab: fabric, locked
 *
 * Called before every request and from the clock work; re-arms the work
 * for the next event.
 */
void ophoton_clock_sync(struct ophoton_fabric *fab)
{
	lockdep_assert_held(&fab->lock);
	credit(fab);
	arm(fab);
}

static void ophoton_clock_work(struct work_struct *work)
{
	struct ophoton_fabric *fab = container_of(to_delayed_work(work),
						  struct ophoton_fabric,
						  clock_work);

	ophoton_lock(fab);
	if (!fab->dead)
		ophoton_clock_sync(fab);
	ophoton_unlock(fab);
}

/**
 * ophoton_clock_start() - start a fabric's clock at virtual time 0
 * @fab: fabric whose model was just created
 *
 * Nothing is armed yet: the first ophoton_clock_sync(), once the fabric is
 * registered, does that.
 */
void ophoton_clock_start(struct ophoton_fabric *fab)
{
	INIT_DELAYED_WORK(&fab->clock_work, ophoton_clock_work);
	fab->base_real = ktime_get();
	fab->time_scale = oph_fabric_params(fab->model)->time_scale;
}

/**
 * ophoton_clock_set_scale() - change how fast virtual time runs
 * @fab: fabric, locked
 * @scale: virtual seconds per real second
 *
 * Virtual time is continuous across the change: the time passed so far
 * is given to the model at the old scale.
 */
void ophoton_clock_set_scale(struct ophoton_fabric *fab, u32 scale)
{
	lockdep_assert_held(&fab->lock);
	credit(fab);
	/* sysfs reads it without the lock. */
	WRITE_ONCE(fab->time_scale, scale);
	arm(fab);
}

/**
 * ophoton_clock_stop() - stop a fabric's clock for good
 * @fab: fabric already marked dead, unlocked
 *
 * Waits for a running clock work; none is armed again because the fabric
 * is dead.
 */
void ophoton_clock_stop(struct ophoton_fabric *fab)
{
	cancel_delayed_work_sync(&fab->clock_work);
}
