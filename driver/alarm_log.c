// SPDX-License-Identifier: GPL-2.0
/*
 * ophoton: a fabric's alarm history.  Every record of the "alarms" stream
 * (fault domains' health and latched thresholds, numbered without gaps)
 * is kept, the newest alarm_history of them, whether anyone listened or
 * not: a monitor that lost notifications or started late reads them back
 * (ALARM_GET), and an operator acknowledges them (ALARM_ACK).
 *
 * An alarm ends with a later record of the same stream: a threshold's
 * with its flags cleared (OPH_ALARM_CLEARED), a fault domain's error or
 * quarantine with its recovery.  The alarms whose object and class hash
 * alike are chained by number, the latest found through a small hash of
 * the key, so an end stamps what it ends without a walk of the whole
 * history.
 */
#include <linux/hash.h>
#include <linux/log2.h>
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
	struct ophoton_alarm_log *h = &fab->alarms;

	h->bits = ilog2(roundup_pow_of_two(2 * cap));
	h->rec = kvcalloc(cap, sizeof(*h->rec), GFP_KERNEL);
	h->last = kvcalloc(1U << h->bits, sizeof(*h->last), GFP_KERNEL);
	if (!h->rec || !h->last) {
		kvfree(h->last);
		kvfree(h->rec);
		h->rec = NULL;
		h->last = NULL;
		return -ENOMEM;
	}
	h->cap = cap;
	return 0;
}

/**
 * ophoton_alarm_log_free() - free a fabric's alarm history
 * @fab: fabric being released
 */
void ophoton_alarm_log_free(struct ophoton_fabric *fab)
{
	kvfree(fab->alarms.last);
	kvfree(fab->alarms.rec);
	fab->alarms.rec = NULL;
	fab->alarms.last = NULL;
}

/* Classes of alarm an end applies to, with the object in the key. */
enum alarm_class {
	ALARM_CLASS_LINK = 1,		/* a link's thresholds */
	ALARM_CLASS_MODULE,		/* a laser module's and its lasers' */
	ALARM_CLASS_ENGINE,		/* an engine's temperature */
	ALARM_CLASS_MODULE_HEALTH,	/* a module's errors and quarantine */
	ALARM_CLASS_ENGINE_HEALTH,
};

/*
 * What a record is about, as a key (0: nothing an end is recorded for,
 * such as aging), and whether it ends the alarms of that key.
 */
static u64 alarm_key(const struct oph_change *c, bool *ends)
{
	u32 class = 0, id = c->id;

	*ends = false;
	if (c->obj == OPH_OBJ_HEALTH) {
		class = c->reason == OPH_OBJ_MODULE ? ALARM_CLASS_MODULE_HEALTH :
			ALARM_CLASS_ENGINE_HEALTH;
		*ends = c->new < c->old;	/* a recovery */
	} else {
		switch (c->reason) {
		case OPH_ALARM_LINK:
			class = ALARM_CLASS_LINK;
			break;
		case OPH_ALARM_LINKS:
			/* A domain's links: ended with its lowest, as it is active. */
			class = ALARM_CLASS_LINK;
			id = c->link;
			break;
		case OPH_ALARM_MODULE:
		case OPH_ALARM_LASERS:
			class = ALARM_CLASS_MODULE;
			break;
		case OPH_ALARM_ENGINE:
			class = ALARM_CLASS_ENGINE;
			break;
		case OPH_ALARM_CLEARED:
			*ends = true;
			class = c->domain == OPH_OBJ_LINK ? ALARM_CLASS_LINK :
				c->domain == OPH_OBJ_MODULE ? ALARM_CLASS_MODULE :
				ALARM_CLASS_ENGINE;
			break;
		default:
			return 0;
		}
	}
	if (class == ALARM_CLASS_LINK)
		return (u64)class << 40 | id;
	return (u64)class << 40 | (u64)c->side << 32 | id;
}

/*
 * An end: the alarms of its key still lasting end now.  A bucket chains
 * every alarm whose key hashes to it, whatever the key, so two keys that
 * share a bucket lose nothing: the walk stamps those of its own key, down
 * to the oldest the history holds.
 */
static void alarm_log_end(struct ophoton_fabric *fab, u64 seq, u64 key,
			  const struct oph_change *c, u64 wall_ns)
{
	struct ophoton_alarm *a;

	while (seq && (a = ophoton_alarm_log_find(fab, seq))) {
		if (a->key == key && !a->cleared) {
			a->cleared = true;
			a->cleared_time = c->time;
			a->cleared_wall_ns = wall_ns;
		}
		seq = a->prev;
	}
}

/**
 * ophoton_alarm_log_add() - keep an alarm, the oldest going when full
 * @fab: fabric, locked
 * @c: the model's record, the next of the "alarms" stream
 */
void ophoton_alarm_log_add(struct ophoton_fabric *fab, const struct oph_change *c)
{
	struct ophoton_alarm_log *h = &fab->alarms;
	u64 wall_ns = ktime_get_real_ns(), key, *last = NULL;
	struct ophoton_alarm *a, *p;
	bool ends;

	lockdep_assert_held(&fab->lock);
	key = alarm_key(c, &ends);
	if (key) {
		last = &h->last[hash_64(key, h->bits)];
		if (ends)
			alarm_log_end(fab, *last, key, c, wall_ns);
	}
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
	memset(a, 0, sizeof(*a));
	a->c = *c;
	a->wall_ns = wall_ns;
	h->len++;
	if (!key || ends)
		return;
	/* The latest of its bucket: chained to the one before, if still held. */
	a->key = key;
	p = ophoton_alarm_log_find(fab, *last);
	if (p)
		a->prev = *last;
	*last = c->seq;
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
