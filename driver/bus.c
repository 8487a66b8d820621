// SPDX-License-Identifier: GPL-2.0
/*
 * ophoton: the ophoton bus, where fabrics are created and destroyed.
 *
 *   echo "ID [key=value ...]" > /sys/bus/ophoton/new_device
 *   echo ID > /sys/bus/ophoton/del_device
 *
 * as with netdevsim.  A fabric belongs to the network namespace of the
 * process that created it: netlink shows it only there, and it goes away
 * with that namespace.  Memory is freed in the device's release(), after
 * the last netlink request holding it has finished; module unload waits
 * for every release.
 */
/* Not KBUILD_MODNAME: built as driver/ophoton.o, that reads "driver/ophoton". */
#define pr_fmt(fmt) "ophoton: " fmt

#include <linux/atomic.h>
#include <linux/completion.h>
#include <linux/module.h>
#include <linux/nsproxy.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/xarray.h>
#include <uapi/linux/ophoton.h>

#include "compat.h"
#include "ophoton.h"

#define OPHOTON_MAX_ID	65535

static bool default_fabric;
module_param(default_fabric, bool, 0444);
MODULE_PARM_DESC(default_fabric, "Create fabric ophoton0 (1,024 GPUs) in the initial namespace at load");

/* Fabrics by id; lookups take a device reference under the lock. */
static DEFINE_XARRAY(ophoton_fabrics);
static DEFINE_MUTEX(ophoton_registry_lock);
static bool ophoton_bus_enabled;	/* under ophoton_registry_lock */

/* Devices not yet released, plus one for the bus itself. */
static atomic_t ophoton_live = ATOMIC_INIT(1);
static DECLARE_COMPLETION(ophoton_all_released);

/*
 * What was made and what was freed, over the module's life: the lifecycle
 * tests compare them once every fabric is gone (debugfs "objects").
 */
static atomic64_t ophoton_fabrics_made, ophoton_fabrics_freed;
static atomic64_t ophoton_lmods_made, ophoton_lmods_freed;

/**
 * ophoton_bus_objects() - objects made and freed since the module loaded
 * @c: the four counts: fabrics made and freed, laser modules made and freed
 */
void ophoton_bus_objects(u64 c[4])
{
	c[0] = atomic64_read(&ophoton_fabrics_made);
	c[1] = atomic64_read(&ophoton_fabrics_freed);
	c[2] = atomic64_read(&ophoton_lmods_made);
	c[3] = atomic64_read(&ophoton_lmods_freed);
}

static void ophoton_fabric_release(struct device *dev)
{
	struct ophoton_fabric *fab = to_ophoton_fabric(dev);

	if (fab->model) {
		atomic64_add(oph_fabric_modules_made(fab->model), &ophoton_lmods_made);
		atomic64_add(oph_fabric_destroy(fab->model), &ophoton_lmods_freed);
		atomic64_inc(&ophoton_fabrics_freed);
	}
	mutex_destroy(&fab->lock);
	kfree(fab->ntf);
	kfree(fab);
	if (atomic_dec_and_test(&ophoton_live))
		complete(&ophoton_all_released);
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

static struct bus_type ophoton_bus;

/**
 * ophoton_fabric_new() - create and register a fabric
 * @id: the N of ophotonN
 * @p: model parameters
 * @net: namespace that owns it
 * @why: reason when refused
 *
 * Return: 0, -EINVAL (bad parameters), -EEXIST (id in use), -ENOMEM,
 * -EBUSY (the module is going away) or an error of device_add().
 */
int ophoton_fabric_new(u32 id, const struct oph_params *p, struct net *net,
		       const char **why)
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
	mutex_init(&fab->lock);
	write_pnet(&fab->net, net);
	err = oph_fabric_create(p, &fab->model, why);
	if (err)
		goto err_free_fab;
	oph_fabric_set_notify(fab->model, ophoton_nl_model_change, fab);
	ophoton_clock_start(fab);

	device_initialize(&fab->dev);
	fab->dev.bus = &ophoton_bus;
	fab->dev.type = &ophoton_fabric_type;
	/* From here on the device's release frees the fabric. */
	atomic_inc(&ophoton_live);
	atomic64_inc(&ophoton_fabrics_made);
	err = dev_set_name(&fab->dev, "ophoton%u", id);
	if (err)
		goto err_put_device;

	mutex_lock(&ophoton_registry_lock);
	if (!ophoton_bus_enabled) {
		*why = "the ophoton module is being unloaded";
		err = -EBUSY;
		goto err_unlock;
	}
	err = xa_insert(&ophoton_fabrics, id, fab, GFP_KERNEL);
	if (err) {
		*why = err == -EBUSY ? "a fabric with that id exists" : "out of memory";
		err = err == -EBUSY ? -EEXIST : err;
		goto err_unlock;
	}
	err = device_add(&fab->dev);
	if (err) {
		*why = "device registration failed";
		goto err_erase;
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
	mutex_unlock(&ophoton_registry_lock);
	return 0;

err_erase:
	xa_erase(&ophoton_fabrics, id);
err_unlock:
	mutex_unlock(&ophoton_registry_lock);
err_put_device:
	put_device(&fab->dev);
	return err;

err_free_fab:
	mutex_destroy(&fab->lock);
	kfree(fab);
	return err;
}

/*
 * Unreachable from netlink first, then dead to requests in flight, then
 * the clock stopped, then unregistered; the memory goes when the last
 * reference does.
 */
static void ophoton_fabric_del(struct ophoton_fabric *fab)
{
	lockdep_assert_held(&ophoton_registry_lock);
	xa_erase(&ophoton_fabrics, fab->id);
	ophoton_nl_fabric_event(fab, OPHOTON_FABRIC_EVENT_DELETE);
	ophoton_hwmon_remove(fab);
	ophoton_debugfs_remove(fab);
	ophoton_lock(fab);
	fab->dead = true;
	ophoton_unlock(fab);
	ophoton_clock_stop(fab);
	device_unregister(&fab->dev);
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

	mutex_lock(&ophoton_registry_lock);
	fab = xa_load(&ophoton_fabrics, id);
	if (fab && net_eq(ophoton_fabric_net(fab), net))
		get_device(&fab->dev);
	else
		fab = NULL;
	mutex_unlock(&ophoton_registry_lock);
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

	mutex_lock(&ophoton_registry_lock);
	xa_for_each_start(&ophoton_fabrics, idx, fab, *id) {
		if (net_eq(ophoton_fabric_net(fab), net)) {
			get_device(&fab->dev);
			*id = (u32)idx;
			mutex_unlock(&ophoton_registry_lock);
			return fab;
		}
	}
	mutex_unlock(&ophoton_registry_lock);
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

/* "key=value" options of new_device, applied to @p. */
static int parse_option(char *opt, struct oph_params *p, u32 *gpus,
			const char **why)
{
	static const struct {
		const char *key;
		size_t off;
	} u32_keys[] = {
		{ "racks", offsetof(struct oph_params, racks) },
		{ "memory_racks", offsetof(struct oph_params, memory_racks) },
		{ "switch_racks", offsetof(struct oph_params, switch_racks) },
		{ "trays", offsetof(struct oph_params, trays) },
		{ "slots", offsetof(struct oph_params, slots) },
		{ "engines", offsetof(struct oph_params, engines) },
		{ "ports", offsetof(struct oph_params, ports) },
		{ "lambdas", offsetof(struct oph_params, lambdas) },
		{ "modules", offsetof(struct oph_params, modules) },
		{ "lane_gbps", offsetof(struct oph_params, lane_gbps) },
		{ "time_scale", offsetof(struct oph_params, time_scale) },
		{ "min_lanes", offsetof(struct oph_params, min_lanes) },
		{ "max_retries", offsetof(struct oph_params, max_retries) },
		{ "ber_qual_ms", offsetof(struct oph_params, ber_qual_ms) },
		{ "quarantine_errors", offsetof(struct oph_params, quarantine_errors) },
		{ "grace_ms", offsetof(struct oph_params, grace_ms) },
		{ "rack_budget_w", offsetof(struct oph_params, rack_budget_w) },
	};
	char *val = strchr(opt, '=');
	unsigned int i;

	if (!val) {
		*why = "options are key=value";
		return -EINVAL;
	}
	*val++ = '\0';
	if (!strcmp(opt, "feed")) {
		if (!strcmp(val, "block"))
			p->feed = OPH_FEED_BLOCK;
		else if (!strcmp(val, "stripe"))
			p->feed = OPH_FEED_STRIPE;
		else
			goto bad_value;
		return 0;
	}
	if (!strcmp(opt, "seed"))
		return kstrtou64(val, 0, &p->seed) ? -EINVAL : 0;
	if (!strcmp(opt, "gpus"))
		return kstrtou32(val, 0, gpus) ? -EINVAL : 0;
	for (i = 0; i < ARRAY_SIZE(u32_keys); i++)
		if (!strcmp(opt, u32_keys[i].key)) {
			if (kstrtou32(val, 0, (u32 *)((char *)p + u32_keys[i].off)))
				goto bad_value;
			return 0;
		}
	*why = "unknown option";
	return -EINVAL;
bad_value:
	*why = "bad value";
	return -EINVAL;
}

static ssize_t new_device_store(OPHOTON_BUS_TYPE *bus, const char *buf,
				size_t count)
{
	const char *why = "expected \"ID [key=value ...]\"";
	char *s, *cur, *tok, *key = NULL;
	struct oph_params p;
	u32 id, gpus = 0;
	int err = -EINVAL;

	s = kstrndup(buf, count, GFP_KERNEL);
	if (!s)
		return -ENOMEM;
	oph_params_default(&p);
	cur = strim(s);
	tok = strsep(&cur, " \t\n");
	if (!tok || kstrtou32(tok, 10, &id))
		goto out;
	while ((tok = strsep(&cur, " \t\n"))) {
		if (!*tok)
			continue;
		key = tok;
		err = parse_option(tok, &p, &gpus, &why);
		if (err)
			goto out;
		key = NULL;
	}
	if (gpus) {
		u32 per_rack = p.trays * p.slots;

		if (!per_rack || gpus % per_rack) {
			why = "gpus must be a multiple of trays x slots";
			err = -EINVAL;
			goto out;
		}
		p.racks = gpus / per_rack;
	}
	err = ophoton_fabric_new(id, &p, current->nsproxy->net_ns, &why);
out:
	if (err)
		pr_err("new_device: %s%s%s\n", why, key ? ": " : "", key ? key : "");
	kfree(s);
	return err ? err : count;
}
static BUS_ATTR_WO(new_device);

static ssize_t del_device_store(OPHOTON_BUS_TYPE *bus, const char *buf,
				size_t count)
{
	struct ophoton_fabric *fab;
	u32 id;

	if (kstrtou32(strim((char *)buf), 10, &id)) {
		pr_err("del_device: expected \"ID\"\n");
		return -EINVAL;
	}
	mutex_lock(&ophoton_registry_lock);
	fab = xa_load(&ophoton_fabrics, id);
	/*
	 * Only from the fabric's own namespace, where netlink shows it: ids
	 * are global, but another namespace's fabric is none of its business.
	 */
	if (fab && !net_eq(ophoton_fabric_net(fab), current->nsproxy->net_ns))
		fab = NULL;
	if (fab)
		ophoton_fabric_del(fab);
	mutex_unlock(&ophoton_registry_lock);
	return fab ? count : -ENOENT;
}
static BUS_ATTR_WO(del_device);

static struct attribute *ophoton_bus_attrs[] = {
	&bus_attr_new_device.attr,
	&bus_attr_del_device.attr,
	NULL,
};
ATTRIBUTE_GROUPS(ophoton_bus);

static struct bus_type ophoton_bus = {
	.name = "ophoton",
	.dev_name = "ophoton",
	.bus_groups = ophoton_bus_groups,
};

/* A namespace going away takes its fabrics with it. */
static void __net_exit ophoton_net_pre_exit(struct net *net)
{
	struct ophoton_fabric *fab;
	unsigned long idx;

	mutex_lock(&ophoton_registry_lock);
	xa_for_each(&ophoton_fabrics, idx, fab)
		if (net_eq(ophoton_fabric_net(fab), net))
			ophoton_fabric_del(fab);
	mutex_unlock(&ophoton_registry_lock);
}

static struct pernet_operations ophoton_net_ops = {
	.pre_exit = ophoton_net_pre_exit,
};

/**
 * ophoton_bus_init() - register the bus; create the default fabric if asked
 *
 * Return: 0 or a negative errno.
 */
int ophoton_bus_init(void)
{
	const char *why;
	int err;

	err = bus_register(&ophoton_bus);
	if (err)
		return err;
	err = register_pernet_subsys(&ophoton_net_ops);
	if (err)
		goto err_bus_unregister;
	mutex_lock(&ophoton_registry_lock);
	ophoton_bus_enabled = true;
	mutex_unlock(&ophoton_registry_lock);
	if (default_fabric) {
		struct oph_params p;

		oph_params_default(&p);
		err = ophoton_fabric_new(0, &p, &init_net, &why);
		if (err) {
			pr_err("default fabric: %s\n", why);
			goto err_disable;
		}
	}
	return 0;

err_disable:
	mutex_lock(&ophoton_registry_lock);
	ophoton_bus_enabled = false;
	mutex_unlock(&ophoton_registry_lock);
	unregister_pernet_subsys(&ophoton_net_ops);
err_bus_unregister:
	bus_unregister(&ophoton_bus);
	return err;
}

/**
 * ophoton_bus_exit() - destroy every fabric, wait for their release, and
 * unregister the bus
 */
void ophoton_bus_exit(void)
{
	struct ophoton_fabric *fab;
	unsigned long idx;

	mutex_lock(&ophoton_registry_lock);
	ophoton_bus_enabled = false;
	xa_for_each(&ophoton_fabrics, idx, fab)
		ophoton_fabric_del(fab);
	mutex_unlock(&ophoton_registry_lock);
	unregister_pernet_subsys(&ophoton_net_ops);
	/* release() is our code: it must have run before the module goes. */
	if (!atomic_dec_and_test(&ophoton_live))
		wait_for_completion(&ophoton_all_released);
	bus_unregister(&ophoton_bus);
}
