// SPDX-License-Identifier: GPL-2.0
/*
 * ophoton: debugfs, a read-only mirror of each fabric's simulated world.
 *
 *   /sys/kernel/debug/ophoton/ophotonN/clock    virtual time, scale, next event
 *   /sys/kernel/debug/ophoton/ophotonN/faults   the faults injected now
 *   /sys/kernel/debug/ophoton/ophotonN/modules  every laser module slot
 *   /sys/kernel/debug/ophoton/objects           fabrics and laser modules
 *						  made and freed since load
 *
 * Not an ABI: for people and for tests, the netlink family is the interface.
 * Files are removed before the fabric is unregistered, and debugfs waits
 * for readers in flight, so a reader never sees a fabric being freed.
 */
#include <linux/debugfs.h>
#include <linux/seq_file.h>

#include "ophoton.h"

static struct dentry *ophoton_debugfs_root;

static const char *const fault_names[] = {
	[OPH_FAULT_MODULE_DEATH]	= "module-death",
	[OPH_FAULT_LASER_DEATH]		= "laser-death",
	[OPH_FAULT_LASER_AGING]		= "laser-aging",
	[OPH_FAULT_FIBRE_CUT]		= "fibre-cut",
	[OPH_FAULT_FIBRE_DIRTY]		= "fibre-dirty",
	[OPH_FAULT_RING_DRIFT]		= "ring-drift",
	[OPH_FAULT_TEC]			= "tec",
	[OPH_FAULT_BER]			= "ber",
	[OPH_FAULT_ARBITRATION]		= "arbitration",
	[OPH_FAULT_ENGINE_DEATH]	= "engine-death",
	[OPH_FAULT_FW_HANG]		= "fw-hang",
	[OPH_FAULT_COOLING]		= "cooling",
};

static const char *const module_states[] = {
	[OPH_MOD_ABSENT]	= "absent",
	[OPH_MOD_LOW_POWER]	= "low-power",
	[OPH_MOD_POWERING_UP]	= "powering-up",
	[OPH_MOD_READY]		= "ready",
	[OPH_MOD_POWERING_DOWN]	= "powering-down",
	[OPH_MOD_FAULT]		= "fault",
	[OPH_MOD_RESETTING]	= "resetting",
};

static const char *const module_admin[] = {
	[OPH_ADMIN_UNPROVISIONED]	= "unprovisioned",
	[OPH_ADMIN_PROVISIONING]	= "provisioning",
	[OPH_ADMIN_ACTIVE]		= "active",
	[OPH_ADMIN_UNPROVISIONING]	= "unprovisioning",
};

static int clock_show(struct seq_file *s, void *unused)
{
	struct ophoton_fabric *fab = s->private;
	u64 next;

	ophoton_lock(fab);
	if (!fab->dead)
		ophoton_clock_sync(fab);
	next = oph_fabric_next_event(fab->model);
	seq_printf(s, "now_ns %llu\nnow_s %llu\ntime_scale %u\ngeneration %llu\nchanges %llu\n",
		   oph_fabric_clock_ns(fab->model), oph_fabric_clock_s(fab->model),
		   fab->time_scale,
		   oph_fabric_generation(fab->model), oph_fabric_change_seq(fab->model));
	if (next == U64_MAX)
		seq_puts(s, "next_event none\n");
	else
		seq_printf(s, "next_event_in_ns %llu\n", next - oph_fabric_now(fab->model));
	ophoton_unlock(fab);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(clock);

static int faults_show(struct seq_file *s, void *unused)
{
	struct ophoton_fabric *fab = s->private;
	const struct oph_fault *flt;
	u32 i;

	ophoton_lock(fab);
	seq_puts(s, "kind side target lane fibre value amount since_ns\n");
	for (i = 0; (flt = oph_fault_get(fab->model, i)); i++)
		seq_printf(s, "%s %s %u %u %u %d %d %llu\n",
			   flt->kind < ARRAY_SIZE(fault_names) ? fault_names[flt->kind] : "?",
			   flt->side ? "switch" : "gpu", flt->target, flt->lane,
			   flt->which, flt->value, flt->amount, flt->since);
	ophoton_unlock(fab);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(faults);

static int modules_show(struct seq_file *s, void *unused)
{
	struct ophoton_fabric *fab = s->private;
	const struct oph_topo *t = oph_fabric_topo(fab->model);
	struct oph_module_info mi;
	u32 side, i, n;

	ophoton_lock(fab);
	seq_puts(s, "side module state admin serial lasers_on inserted removed\n");
	for (side = 0; side < 2; side++) {
		n = side == OPH_SIDE_EP ? t->ep_modules : t->sw_modules;
		for (i = 0; i < n; i++) {
			oph_module_get(fab->model, side, i, &mi);
			seq_printf(s, "%s %u %s %s %u %u %u %u\n",
				   side ? "switch" : "gpu", i, module_states[mi.state],
				   module_admin[mi.admin], mi.serial, mi.lasers_on,
				   mi.insert_count, mi.remove_count);
		}
	}
	ophoton_unlock(fab);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(modules);

/*
 * The longest time the fabric's lock was held since the last reset: what
 * one request, dump message or clock work kept every other out.  Writing
 * anything resets it; the scale benchmarks read it per operation.
 */
static int lock_show(struct seq_file *s, void *unused)
{
	struct ophoton_fabric *fab = s->private;
	u64 lost;
	s64 max;

	ophoton_lock(fab);
	max = fab->max_hold_ns;
	lost = fab->ntf_lost;
	ophoton_unlock(fab);
	seq_printf(s, "max_hold_ns %lld\n", max);
	/* Change records the notification queue had no memory for. */
	seq_printf(s, "ntf_lost %llu\n", lost);
	return 0;
}

static int lock_open(struct inode *inode, struct file *file)
{
	return single_open(file, lock_show, inode->i_private);
}

static ssize_t lock_write(struct file *file, const char __user *buf, size_t len,
			  loff_t *ppos)
{
	struct ophoton_fabric *fab = ((struct seq_file *)file->private_data)->private;

	/* What remains is this write's own hold, a few microseconds. */
	ophoton_lock(fab);
	fab->max_hold_ns = 0;
	ophoton_unlock(fab);
	return len;
}

static const struct file_operations lock_fops = {
	.owner = THIS_MODULE,
	.open = lock_open,
	.read = seq_read,
	.write = lock_write,
	.llseek = seq_lseek,
	.release = single_release,
};

/**
 * ophoton_debugfs_add() - a registered fabric's debugfs directory
 * @fab: fabric
 *
 * debugfs failures are not errors: the fabric works without it.
 */
void ophoton_debugfs_add(struct ophoton_fabric *fab)
{
	fab->debugfs = debugfs_create_dir(dev_name(&fab->dev), ophoton_debugfs_root);
	debugfs_create_file("clock", 0444, fab->debugfs, fab, &clock_fops);
	debugfs_create_file("faults", 0444, fab->debugfs, fab, &faults_fops);
	debugfs_create_file("modules", 0444, fab->debugfs, fab, &modules_fops);
	debugfs_create_file("lock", 0644, fab->debugfs, fab, &lock_fops);
}

/**
 * ophoton_debugfs_remove() - remove a fabric's debugfs directory
 * @fab: fabric
 *
 * Waits for readers in flight.
 */
void ophoton_debugfs_remove(struct ophoton_fabric *fab)
{
	debugfs_remove_recursive(fab->debugfs);
	fab->debugfs = NULL;
}

/* Objects made and freed since load: equal once every fabric is gone. */
static int objects_show(struct seq_file *s, void *unused)
{
	u64 c[4];

	ophoton_registry_objects(c);
	seq_printf(s, "fabrics_made %llu\nfabrics_freed %llu\nlaser_modules_made %llu\nlaser_modules_freed %llu\n",
		   c[0], c[1], c[2], c[3]);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(objects);

/**
 * ophoton_debugfs_init() - create /sys/kernel/debug/ophoton and its
 * module-wide "objects" accounting
 */
void ophoton_debugfs_init(void)
{
	ophoton_debugfs_root = debugfs_create_dir("ophoton", NULL);
	debugfs_create_file("objects", 0444, ophoton_debugfs_root, NULL, &objects_fops);
}

/**
 * ophoton_debugfs_exit() - remove /sys/kernel/debug/ophoton
 */
void ophoton_debugfs_exit(void)
{
	debugfs_remove_recursive(ophoton_debugfs_root);
}
