// SPDX-License-Identifier: GPL-2.0
/*
 * ophoton: the registry of fabrics, by id, and the accounting of what was
 * made and freed over the module's life.
 *
 * Lookups (netlink, del_device, a namespace going away) find a fabric here
 * and take a device reference under the registry's mutex; the lifecycle
 * (fabric.c) inserts and erases under it.  The order is registry, then a
 * fabric's lock: nothing that holds a fabric's lock takes the registry.
 * This file calls no other file of the driver.
 */
#include <linux/atomic.h>
#include <linux/completion.h>
#include <linux/xarray.h>

#include "ophoton.h"

/* Fabrics by id; lookups take a device reference under the mutex. */
static DEFINE_XARRAY(ophoton_fabrics);
static DEFINE_MUTEX(ophoton_registry_mutex);
static bool ophoton_registry_open;	/* under ophoton_registry_mutex */

/* Devices not yet released, plus one for the registry itself. */
static atomic_t ophoton_live = ATOMIC_INIT(1);
static DECLARE_COMPLETION(ophoton_all_released);

/*
 * What was made and what was freed, over the module's life: the lifecycle
 * tests compare them once every fabric is gone (debugfs "objects").
 */
static atomic64_t ophoton_fabrics_made, ophoton_fabrics_freed;
static atomic64_t ophoton_lmods_made, ophoton_lmods_freed;

/**
 * ophoton_registry_lock() - take the registry's mutex
 *
 * Held across a fabric's registration and deletion, so that nobody finds
 * it half made or half gone.
 */
void ophoton_registry_lock(void)
{
	mutex_lock(&ophoton_registry_mutex);
}

/**
 * ophoton_registry_unlock() - release the registry's mutex
 */
void ophoton_registry_unlock(void)
{
	mutex_unlock(&ophoton_registry_mutex);
}

/**
 * ophoton_registry_set_open() - whether new fabrics may register
 * @open: false while the module is loading or going away
 */
void ophoton_registry_set_open(bool open)
{
	lockdep_assert_held(&ophoton_registry_mutex);
	ophoton_registry_open = open;
}

/**
 * ophoton_registry_insert() - register a fabric under its id
 * @fab: fabric
 * @why: reason when refused
 *
 * Return: 0, -EBUSY (the module is going away), -EEXIST or -ENOMEM.
 */
int ophoton_registry_insert(struct ophoton_fabric *fab, const char **why)
{
	int err;

	lockdep_assert_held(&ophoton_registry_mutex);
	if (!ophoton_registry_open) {
		*why = "the ophoton module is being unloaded";
		return -EBUSY;
	}
	err = xa_insert(&ophoton_fabrics, fab->id, fab, GFP_KERNEL);
	if (err == -EBUSY) {
		*why = "a fabric with that id exists";
		return -EEXIST;
	}
	if (err)
		*why = "out of memory";
	return err;
}

/**
 * ophoton_registry_erase() - unregister a fabric: no lookup finds it now
 * @fab: fabric
 */
void ophoton_registry_erase(struct ophoton_fabric *fab)
{
	lockdep_assert_held(&ophoton_registry_mutex);
	xa_erase(&ophoton_fabrics, fab->id);
}

/**
 * ophoton_registry_find() - a fabric by id, or the first of a namespace
 * @id: fabric id, or U32_MAX for the lowest id of @net
 * @net: its namespace; NULL for any
 *
 * No reference is taken: the caller holds the registry, which keeps the
 * fabric registered until it lets go.
 *
 * Return: the fabric or NULL.
 */
struct ophoton_fabric *ophoton_registry_find(u32 id, struct net *net)
{
	struct ophoton_fabric *fab;
	unsigned long idx;

	lockdep_assert_held(&ophoton_registry_mutex);
	if (id != U32_MAX) {
		fab = xa_load(&ophoton_fabrics, id);
		return fab && (!net || net_eq(ophoton_fabric_net(fab), net)) ? fab : NULL;
	}
	xa_for_each(&ophoton_fabrics, idx, fab)
		if (!net || net_eq(ophoton_fabric_net(fab), net))
			return fab;
	return NULL;
}

/**
 * ophoton_fabric_get() - find a fabric of a namespace and hold it
 * @net: the caller's namespace
 * @id: fabric id
 *
 * Return: the fabric with a reference, or NULL.  The caller checks
 * @dead under the fabric's lock and drops it with ophoton_fabric_put().
 */
struct ophoton_fabric *ophoton_fabric_get(struct net *net, u32 id)
{
	struct ophoton_fabric *fab;

	mutex_lock(&ophoton_registry_mutex);
	fab = id == U32_MAX ? NULL : ophoton_registry_find(id, net);
	if (fab)
		get_device(&fab->dev);
	mutex_unlock(&ophoton_registry_mutex);
	return fab;
}

/**
 * ophoton_fabric_next() - the next fabric of a namespace, for dumps
 * @net: the caller's namespace
 * @id: in: first id to consider; out: the id found
 *
 * Return: the fabric with a reference, or NULL when there are no more.
 */
struct ophoton_fabric *ophoton_fabric_next(struct net *net, u32 *id)
{
	struct ophoton_fabric *fab;
	unsigned long idx = *id;

	mutex_lock(&ophoton_registry_mutex);
	xa_for_each_start(&ophoton_fabrics, idx, fab, *id) {
		if (net_eq(ophoton_fabric_net(fab), net)) {
			get_device(&fab->dev);
			*id = (u32)idx;
			mutex_unlock(&ophoton_registry_mutex);
			return fab;
		}
	}
	mutex_unlock(&ophoton_registry_mutex);
	return NULL;
}

/**
 * ophoton_fabric_put() - drop a reference taken by a lookup
 * @fab: fabric
 */
void ophoton_fabric_put(struct ophoton_fabric *fab)
{
	put_device(&fab->dev);
}

/**
 * ophoton_registry_made() - count a fabric made: its release is awaited
 */
void ophoton_registry_made(void)
{
	atomic_inc(&ophoton_live);
	atomic64_inc(&ophoton_fabrics_made);
}

/**
 * ophoton_registry_freed() - count a fabric's release
 * @modeled: whether its model was built (a failed creation has none)
 * @lmods_made: laser modules its model made
 * @lmods_freed: laser modules its model freed
 */
void ophoton_registry_freed(bool modeled, u64 lmods_made, u64 lmods_freed)
{
	if (modeled) {
		atomic64_add(lmods_made, &ophoton_lmods_made);
		atomic64_add(lmods_freed, &ophoton_lmods_freed);
		atomic64_inc(&ophoton_fabrics_freed);
	}
	if (atomic_dec_and_test(&ophoton_live))
		complete(&ophoton_all_released);
}

/**
 * ophoton_registry_wait_released() - wait until every fabric was released
 *
 * Called once, at unload, after every fabric was deleted: release() is
 * the module's code and must have run before the module goes.
 */
void ophoton_registry_wait_released(void)
{
	if (!atomic_dec_and_test(&ophoton_live))
		wait_for_completion(&ophoton_all_released);
}

/**
 * ophoton_registry_objects() - objects made and freed since the module loaded
 * @c: the four counts: fabrics made and freed, laser modules made and freed
 */
void ophoton_registry_objects(u64 c[4])
{
	c[0] = atomic64_read(&ophoton_fabrics_made);
	c[1] = atomic64_read(&ophoton_fabrics_freed);
	c[2] = atomic64_read(&ophoton_lmods_made);
	c[3] = atomic64_read(&ophoton_lmods_freed);
}
