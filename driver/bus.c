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

#include <linux/module.h>
#include <linux/nsproxy.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <uapi/linux/ophoton.h>

#include "compat.h"
#include "ophoton.h"

static bool default_fabric;
module_param(default_fabric, bool, 0444);
MODULE_PARM_DESC(default_fabric, "Create fabric ophoton0 (1,024 GPUs) in the initial namespace at load");

static struct bus_type ophoton_bus;

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
		{ "alarm_history", offsetof(struct oph_params, alarm_history) },
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
	err = ophoton_fabric_new(id, &p, current->nsproxy->net_ns, &ophoton_bus, &why);
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
	ophoton_registry_lock();
	/*
	 * Only from the fabric's own namespace, where netlink shows it: ids
	 * are global, but another namespace's fabric is none of its business.
	 */
	fab = id == U32_MAX ? NULL : ophoton_registry_find(id, current->nsproxy->net_ns);
	if (fab)
		ophoton_fabric_del(fab);
	ophoton_registry_unlock();
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

/*
 * Bound to every fabric, and doing nothing more: what names the driver of
 * a fabric, as sysfs and devlink ("devlink dev info") show it.
 */
static int ophoton_probe(struct device *dev)
{
	return 0;
}

static struct device_driver ophoton_driver = {
	.name = "ophoton",
	.bus = &ophoton_bus,
	.probe = ophoton_probe,
	.suppress_bind_attrs = true,
};

/* A namespace going away takes its fabrics with it. */
static void __net_exit ophoton_net_pre_exit(struct net *net)
{
	struct ophoton_fabric *fab;

	ophoton_registry_lock();
	while ((fab = ophoton_registry_find(U32_MAX, net)))
		ophoton_fabric_del(fab);
	ophoton_registry_unlock();
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
	err = driver_register(&ophoton_driver);
	if (err)
		goto err_bus_unregister;
	err = register_pernet_subsys(&ophoton_net_ops);
	if (err)
		goto err_driver_unregister;
	ophoton_registry_lock();
	ophoton_registry_set_open(true);
	ophoton_registry_unlock();
	if (default_fabric) {
		struct oph_params p;

		oph_params_default(&p);
		err = ophoton_fabric_new(0, &p, &init_net, &ophoton_bus, &why);
		if (err) {
			pr_err("default fabric: %s\n", why);
			goto err_disable;
		}
	}
	return 0;

err_disable:
	ophoton_registry_lock();
	ophoton_registry_set_open(false);
	ophoton_registry_unlock();
	unregister_pernet_subsys(&ophoton_net_ops);
err_driver_unregister:
	driver_unregister(&ophoton_driver);
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

	ophoton_registry_lock();
	ophoton_registry_set_open(false);
	while ((fab = ophoton_registry_find(U32_MAX, NULL)))
		ophoton_fabric_del(fab);
	ophoton_registry_unlock();
	unregister_pernet_subsys(&ophoton_net_ops);
	ophoton_registry_wait_released();
	driver_unregister(&ophoton_driver);
	bus_unregister(&ophoton_bus);
}
