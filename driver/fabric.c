// SPDX-License-Identifier: GPL-2.0
/*
 * ophoton: a fabric's life, as a device on the ophoton bus: made (the
 * model, the device, registered, its debugfs, hwmon and announcement,
 * then its clock), its sysfs attributes, and torn down in the reverse
 * order; freed by the device's release() when the last reference goes.
 * bus.c decides when, under the registry's mutex (registry.c).
 */
#include <linux/atomic.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <uapi/linux/ophoton.h>

#include "ophoton.h"

#define OPHOTON_MAX_ID	65535

/* Fabrics made over the module's life, for ophoton_fabric::serial. */
static atomic64_t ophoton_fabric_serial = ATOMIC64_INIT(0);

static void ophoton_fabric_release(struct device *dev)
{
	struct ophoton_fabric *fab = to_ophoton_fabric(dev);

	u64 made = 0, freed = 0;
	bool modeled = fab->model;

	if (modeled) {
		made = oph_fabric_modules_made(fab->model);
		freed = oph_fabric_destroy(fab->model);
	}
	mutex_destroy(&fab->lock);
	ophoton_alarm_log_free(fab);
	kfree(fab->ntf);
	kfree(fab);
	ophoton_registry_freed(modeled, made, freed);
}

#define OPHOTON_PARAM_ATTR(name, field)					\
static ssize_t name##_show(struct device *dev,				\
			   struct device_attribute *attr, char *buf)	\
{									\
	const struct oph_params *p =					\
		oph_fabric_params(to_ophoton_fabric(dev)->model);	\
									\
	return sysfs_emit(buf, "%llu\n", (unsigned long long)(field));	\
}									\
static DEVICE_ATTR_RO(name)

OPHOTON_PARAM_ATTR(racks, p->racks);
OPHOTON_PARAM_ATTR(memory_racks, p->memory_racks);
OPHOTON_PARAM_ATTR(switch_racks, p->switch_racks);
OPHOTON_PARAM_ATTR(trays, p->trays);
OPHOTON_PARAM_ATTR(slots, p->slots);
OPHOTON_PARAM_ATTR(gpus, (u64)p->racks * p->trays * p->slots);
OPHOTON_PARAM_ATTR(engines, p->engines);
OPHOTON_PARAM_ATTR(ports, p->ports);
OPHOTON_PARAM_ATTR(lambdas, p->lambdas);
OPHOTON_PARAM_ATTR(modules, p->modules);
OPHOTON_PARAM_ATTR(lane_gbps, p->lane_gbps);
OPHOTON_PARAM_ATTR(seed, p->seed);

static ssize_t feed_show(struct device *dev, struct device_attribute *attr,
			 char *buf)
{
	const struct oph_params *p = oph_fabric_params(to_ophoton_fabric(dev)->model);

	return sysfs_emit(buf, "%s\n", p->feed == OPH_FEED_STRIPE ? "stripe" : "block");
}
static DEVICE_ATTR_RO(feed);

/* The current scale: FABRIC_SET may have changed it since creation. */
static ssize_t time_scale_show(struct device *dev, struct device_attribute *attr,
			       char *buf)
{
	return sysfs_emit(buf, "%u\n", READ_ONCE(to_ophoton_fabric(dev)->time_scale));
}
static DEVICE_ATTR_RO(time_scale);

static ssize_t links_show(struct device *dev, struct device_attribute *attr,
			  char *buf)
{
	return sysfs_emit(buf, "%u\n",
			  oph_fabric_topo(to_ophoton_fabric(dev)->model)->links);
}
static DEVICE_ATTR_RO(links);

/*
 * What the model allocated for this fabric, laser modules included: the
 * figure the benchmarks divide by the lane-directions.  It moves with hot
 * swaps, so it is read under the fabric's lock.
 */
static ssize_t model_bytes_show(struct device *dev, struct device_attribute *attr,
				char *buf)
{
	struct ophoton_fabric *fab = to_ophoton_fabric(dev);
	size_t bytes;

	ophoton_lock(fab);
	bytes = oph_fabric_bytes(fab->model);
	ophoton_unlock(fab);
	return sysfs_emit(buf, "%zu\n", bytes);
}
static DEVICE_ATTR_RO(model_bytes);

static struct attribute *ophoton_fabric_attrs[] = {
	&dev_attr_racks.attr,
	&dev_attr_memory_racks.attr,
	&dev_attr_switch_racks.attr,
	&dev_attr_trays.attr,
	&dev_attr_slots.attr,
	&dev_attr_gpus.attr,
	&dev_attr_engines.attr,
	&dev_attr_ports.attr,
	&dev_attr_lambdas.attr,
	&dev_attr_modules.attr,
	&dev_attr_lane_gbps.attr,
	&dev_attr_time_scale.attr,
	&dev_attr_seed.attr,
	&dev_attr_feed.attr,
	&dev_attr_links.attr,
	&dev_attr_model_bytes.attr,
	NULL,
};
ATTRIBUTE_GROUPS(ophoton_fabric);

static const struct device_type ophoton_fabric_type = {
	.name = "ophoton-fabric",
	.groups = ophoton_fabric_groups,
	.release = ophoton_fabric_release,
};

/**
 * ophoton_fabric_new() - create and register a fabric
 * @id: the N of ophotonN
 * @p: model parameters
 * @net: namespace that owns it
 * @bus: the ophoton bus, the device's
 * @why: reason when refused
 *
 * Return: 0, -EINVAL (bad parameters), -EEXIST (id in use), -ENOMEM,
 * -EBUSY (the module is going away) or an error of device_add().
 */
int ophoton_fabric_new(u32 id, const struct oph_params *p, struct net *net,
		       struct bus_type *bus, const char **why)
{
	struct ophoton_fabric *fab;
	int err;

	if (id > OPHOTON_MAX_ID) {
		*why = "fabric id must be 0 to 65535";
		return -EINVAL;
	}
	fab = kzalloc(sizeof(*fab), GFP_KERNEL);
	if (!fab) {
		*why = "out of memory";
		return -ENOMEM;
	}
	fab->id = id;
	fab->serial = atomic64_inc_return(&ophoton_fabric_serial);
	mutex_init(&fab->lock);
	write_pnet(&fab->net, net);
	err = oph_fabric_create(p, &fab->model, why);
	if (err)
		goto err_free_fab;
	err = ophoton_alarm_log_init(fab, p->alarm_history);
	if (err) {
		*why = "out of memory";
		goto err_free_model;
	}
	oph_fabric_set_notify(fab->model, ophoton_nl_model_change, fab);
	ophoton_clock_start(fab);

	device_initialize(&fab->dev);
	fab->dev.bus = bus;
	fab->dev.type = &ophoton_fabric_type;
	/* From here on the device's release frees the fabric. */
	ophoton_registry_made();
	err = dev_set_name(&fab->dev, "ophoton%u", id);
	if (err)
		goto err_put_device;

	ophoton_registry_lock();
	err = ophoton_registry_insert(fab, why);
	if (err)
		goto err_unlock;
	err = device_add(&fab->dev);
	if (err) {
		*why = "device registration failed";
		goto err_erase;
	}
	err = ophoton_devlink_register(fab);
	if (err) {
		*why = "devlink registration failed";
		goto err_device_del;
	}
	ophoton_debugfs_add(fab);
	ophoton_hwmon_add(fab);
	/*
	 * Registered: announced, then the clock may run (laser modules are
	 * resetting).  In that order, or the first modules done resetting
	 * would be announced before their fabric.  Still under the registry
	 * lock, which del_device and unload take before tearing a fabric
	 * down: dropped earlier, a concurrent removal could free the fabric
	 * under us, or announce DELETE before CREATE.
	 */
	ophoton_nl_fabric_event(fab, OPHOTON_FABRIC_EVENT_CREATE);
	ophoton_lock(fab);
	ophoton_clock_sync(fab);
	ophoton_unlock(fab);
	ophoton_registry_unlock();
	return 0;

err_device_del:
	device_del(&fab->dev);
err_erase:
	ophoton_registry_erase(fab);
err_unlock:
	ophoton_registry_unlock();
err_put_device:
	put_device(&fab->dev);
	return err;

err_free_model:
	oph_fabric_destroy(fab->model);
err_free_fab:
	mutex_destroy(&fab->lock);
	kfree(fab);
	return err;
}

/**
 * ophoton_fabric_del() - unregister and tear down a fabric
 * @fab: fabric, registered; the caller holds the registry
 *
 * Unreachable from netlink first, then dead to requests in flight, then
 * the clock stopped, then unregistered; the memory goes when the last
 * reference does.
 */
void ophoton_fabric_del(struct ophoton_fabric *fab)
{
	ophoton_registry_erase(fab);
	ophoton_nl_fabric_event(fab, OPHOTON_FABRIC_EVENT_DELETE);
	ophoton_devlink_unregister(fab);
	ophoton_hwmon_remove(fab);
	ophoton_debugfs_remove(fab);
	ophoton_lock(fab);
	fab->dead = true;
	ophoton_unlock(fab);
	ophoton_clock_stop(fab);
	device_unregister(&fab->dev);
}
