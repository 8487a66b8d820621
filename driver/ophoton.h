/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ophoton: declarations shared between the files of the module.
 *
 * Locking order: ophoton_registry_lock, then a fabric's lock.  The model
 * runs entirely under its fabric's lock; netlink callbacks take it per
 * request or per dump message and never hold it across a return to user
 * space.
 */
#ifndef _OPHOTON_H
#define _OPHOTON_H

#include <linux/device.h>
#include <linux/ktime.h>
#include <linux/mutex.h>
#include <linux/workqueue.h>
#include <net/net_namespace.h>

#include "model/model.h"

struct genl_info;

/**
 * struct ophoton_ntf - a change record waiting to be announced
 * @c: the model's record
 * @echo: the request it goes back to (NLM_F_ECHO), NULL for none; the
 *	request is still being served when the queue is flushed, before
 *	the fabric is let go
 */
struct ophoton_ntf {
	struct oph_change c;
	struct genl_info *echo;
};

/**
 * struct ophoton_alarm - one alarm of a fabric's history
 * @c: the model's record of it (the "alarms" stream's)
 * @wall_ns: wall clock when it was raised (CLOCK_REALTIME)
 * @key: the object and class of alarm it is about (alarm_log.c), 0 for
 *	none an end is recorded for
 * @prev: the previous alarm whose key hashes alike, by number; 0 for none
 * @cleared_time: virtual time it ended, since creation, when @cleared
 * @cleared_wall_ns: wall clock it ended, when @cleared
 * @cleared: a later record ended it (flags cleared, domain recovered)
 * @acked: an operator acknowledged it
 */
struct ophoton_alarm {
	struct oph_change c;
	u64 wall_ns;
	u64 key;
	u64 prev;
	u64 cleared_time;
	u64 cleared_wall_ns;
	bool cleared;
	bool acked;
};

/**
 * struct ophoton_alarm_log - the newest alarms of a fabric (alarm_log.c)
 * @rec: a ring of @cap records
 * @cap: room, the fabric's alarm_history
 * @len: records held
 * @head: where the oldest is
 * @last: by a hash of the key, the number of the latest alarm whose key
 *	hashes there: where an end starts to find what it ends
 * @bits: log2 of @last's size
 */
struct ophoton_alarm_log {
	struct ophoton_alarm *rec;
	u32 cap;
	u32 len;
	u32 head;
	u64 *last;
	u32 bits;
};

/**
 * struct ophoton_fabric - one virtual CPO fabric device
 * @dev: the device on the ophoton bus; its release frees everything
 * @id: the N of ophotonN, unique across namespaces
 * @serial: which fabric of the module's life it is: a fabric created again
 *	under @id has another
 * @net: the network namespace that created it; netlink sees it only there
 * @lock: serialises the model, the clock and @dead
 * @model: the emulated fabric, under @lock
 * @dead: set under @lock when unregistering starts; requests then fail
 * @clock_work: advances the model to the real-time clock, one per fabric,
 *	armed only for the next event, so an idle fabric costs nothing
 * @base_real: real time up to which the model has been given its virtual
 *	time (real time x @time_scale)
 * @owed_ns: virtual time given to the model that it has not run yet, left
 *	to the clock work when its events took too long to run at once
 * @time_scale: virtual seconds per real second
 * @debugfs: the fabric's debugfs directory
 * @hwmon: the fabric's hwmon device, or NULL
 * @echo: the request being served, under @lock, when it asked for
 *	NLM_F_ECHO: the notifications of its changes go back to it too
 * @held_since: when @lock was last taken, under @lock
 * @max_hold_ns: the longest time @lock was held, under @lock; debugfs
 *	shows and resets it, for the benchmarks
 * @ntf: the change records of the work in progress, under @lock, announced
 *	when the lock is let go (ophoton_nl_flush()), each with the request
 *	it is echoed to
 * @ntf_len: records in @ntf
 * @ntf_cap: room in @ntf
 * @ntf_lost: records dropped for want of memory, under @lock
 * @alarms: the alarm history, under @lock
 */
struct ophoton_fabric {
	struct device dev;
	u32 id;
	u64 serial;
	possible_net_t net;
	struct mutex lock;	/* the model, the clock and @dead */
	struct oph_fabric *model;
	bool dead;
	struct delayed_work clock_work;
	ktime_t base_real;
	u64 owed_ns;
	u32 time_scale;
	struct dentry *debugfs;
	struct device *hwmon;
	struct genl_info *echo;
	ktime_t held_since;
	s64 max_hold_ns;
	struct ophoton_ntf *ntf;
	u32 ntf_len;
	u32 ntf_cap;
	u64 ntf_lost;
	struct ophoton_alarm_log alarms;
	struct ophoton_devlink *dl;
};

void ophoton_nl_flush(struct ophoton_fabric *fab);

static inline struct ophoton_fabric *to_ophoton_fabric(struct device *dev)
{
	return container_of(dev, struct ophoton_fabric, dev);
}

/*
 * The fabric's lock, timed: how long one holder kept everyone else out
 * is what the scale benchmarks measure (debugfs "lock").  Whatever the
 * holder changed is announced before it lets go.
 */
static inline void ophoton_lock(struct ophoton_fabric *fab)
	__acquires(&fab->lock)
{
	mutex_lock(&fab->lock);
	fab->held_since = ktime_get();
}

static inline void ophoton_unlock(struct ophoton_fabric *fab)
	__releases(&fab->lock)
{
	s64 held;

	if (fab->ntf_len)
		ophoton_nl_flush(fab);
	held = ktime_to_ns(ktime_sub(ktime_get(), fab->held_since));
	if (held > fab->max_hold_ns)
		fab->max_hold_ns = held;
	mutex_unlock(&fab->lock);
}

static inline struct net *ophoton_fabric_net(const struct ophoton_fabric *fab)
{
	return read_pnet(&fab->net);
}

/* bus.c: new_device, del_device, namespaces going away */
int ophoton_bus_init(void);
void ophoton_bus_exit(void);

/* fabric.c: a fabric's life, under the registry's mutex */
int ophoton_fabric_new(u32 id, const struct oph_params *p, struct net *net,
		       struct bus_type *bus, const char **why);
void ophoton_fabric_del(struct ophoton_fabric *fab);

/* registry.c: fabrics by id, lookups, what was made and freed */
void ophoton_registry_lock(void);
void ophoton_registry_unlock(void);
void ophoton_registry_set_open(bool open);
int ophoton_registry_insert(struct ophoton_fabric *fab, const char **why);
void ophoton_registry_erase(struct ophoton_fabric *fab);
struct ophoton_fabric *ophoton_registry_find(u32 id, struct net *net);
struct ophoton_fabric *ophoton_fabric_get(struct net *net, u32 id);
struct ophoton_fabric *ophoton_fabric_next(struct net *net, u32 *id);
void ophoton_fabric_put(struct ophoton_fabric *fab);
void ophoton_registry_made(void);
void ophoton_registry_freed(bool modeled, u64 lmods_made, u64 lmods_freed);
void ophoton_registry_wait_released(void);
void ophoton_registry_objects(u64 c[4]);

/* alarm_log.c */
int ophoton_alarm_log_init(struct ophoton_fabric *fab, u32 cap);
void ophoton_alarm_log_free(struct ophoton_fabric *fab);
void ophoton_alarm_log_add(struct ophoton_fabric *fab, const struct oph_change *c);
u64 ophoton_alarm_log_first(struct ophoton_fabric *fab);
struct ophoton_alarm *ophoton_alarm_log_find(struct ophoton_fabric *fab, u64 seq);

/* clock.c */
void ophoton_clock_start(struct ophoton_fabric *fab);
void ophoton_clock_sync(struct ophoton_fabric *fab);
void ophoton_clock_stop(struct ophoton_fabric *fab);
void ophoton_clock_set_scale(struct ophoton_fabric *fab, u32 scale);

/* debugfs.c */
void ophoton_debugfs_init(void);
void ophoton_debugfs_exit(void);
void ophoton_debugfs_add(struct ophoton_fabric *fab);
void ophoton_debugfs_remove(struct ophoton_fabric *fab);

/* devlink.c */
int ophoton_devlink_register(struct ophoton_fabric *fab);
void ophoton_devlink_unregister(struct ophoton_fabric *fab);
void ophoton_devlink_health_change(struct ophoton_fabric *fab,
				   const struct oph_change *c);

/* hwmon.c */
void ophoton_hwmon_add(struct ophoton_fabric *fab);
void ophoton_hwmon_remove(struct ophoton_fabric *fab);

/* nl_family.c, nl_notify.c */
int ophoton_nl_init(void);
void ophoton_nl_exit(void);
void ophoton_nl_model_change(void *ctx, const struct oph_change *c);
void ophoton_nl_fabric_event(struct ophoton_fabric *fab, u8 event);

#endif /* _OPHOTON_H */
