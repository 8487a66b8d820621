// SPDX-License-Identifier: GPL-2.0
/*
 * ophoton: a fabric's alarm history.  Every record of the "alarms" stream
 * (fault domains' health and latched thresholds, numbered without gaps)
 * is kept, the newest alarm_history of them, whether anyone listened or
 * not: a monitor that lost notifications or started late reads them back
 * (ALARM_GET), and an operator acknowledges them (ALARM_ACK).
 */
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/timekeeping.h>

#include "ophoton.h"

/**
 * ophoton_alarm_log_init() - room for a fabric's alarm history
 * @fab: fabric, not yet registered
 * @cap: alarms to keep
 *
 * Return: 0 or -ENOMEM.  ophoton_alarm_log_free() undoes it.
 */
int ophoton_alarm_log_init(struct ophoton_fabric *fab, u32 cap)
{
	fab->alarms.rec = kvcalloc(cap, sizeof(*fab->alarms.rec), GFP_KERNEL);
	if (!fab->alarms.rec)
		return -ENOMEM;
	fab->alarms.cap = cap;
	return 0;
}

/**
 * ophoton_alarm_log_free() - free a fabric's alarm history
 * @fab: fabric being released
 */
void ophoton_alarm_log_free(struct ophoton_fabric *fab)
{
	kvfree(fab->alarms.rec);
	fab->alarms.rec = NULL;
}

/**
 * ophoton_alarm_log_add() - keep an alarm, the oldest going when full
 * @fab: fabric, locked
 * @c: the model's record, the next of the "alarms" stream
 */
void ophoton_alarm_log_add(struct ophoton_fabric *fab, const struct oph_change *c)
{
	struct ophoton_alarm_log *h = &fab->alarms;
	struct ophoton_alarm *a;

	lockdep_assert_held(&fab->lock);
	/*
	 * The stream is numbered without gaps, which ophoton_alarm_log_find()
	 * relies on to find an alarm by its number.
	 */
	WARN_ON_ONCE(h->len &&
		     c->seq != h->rec[(h->head + h->len - 1) % h->cap].c.seq + 1);
	if (h->len == h->cap) {
		h->head = (h->head + 1) % h->cap;
		h->len--;
	}
	a = &h->rec[(h->head + h->len) % h->cap];
	a->c = *c;
	a->wall_ns = ktime_get_real_ns();
	a->acked = false;
	h->len++;
}

/**
 * ophoton_alarm_log_first() - the oldest alarm the history holds
 * @fab: fabric, locked
 *
 * Return: its sequence number, or 0 while the history is empty.
 */
u64 ophoton_alarm_log_first(struct ophoton_fabric *fab)
{
	lockdep_assert_held(&fab->lock);
	return fab->alarms.len ? fab->alarms.rec[fab->alarms.head].c.seq : 0;
}

/**
 * ophoton_alarm_log_find() - an alarm of the history by its number
 * @fab: fabric, locked
 * @seq: its sequence number in the "alarms" stream
 *
 * Return: the alarm, or NULL when the history no longer (or not yet)
 * holds it.
 */
struct ophoton_alarm *ophoton_alarm_log_find(struct ophoton_fabric *fab, u64 seq)
{
	struct ophoton_alarm_log *h = &fab->alarms;
	u64 first = ophoton_alarm_log_first(fab);

	if (!h->len || seq < first || seq - first >= h->len)
		return NULL;
	return &h->rec[(h->head + (seq - first)) % h->cap];
}
