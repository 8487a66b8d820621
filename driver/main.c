// SPDX-License-Identifier: GPL-2.0
/*
 * ophoton: virtual co-packaged-optics (CPO) GPU fabric.
 *
 * Module entry points only; each subsystem of the module has its own file
 * with an init/exit pair, called here in order and undone in reverse.
 */
#include <linux/module.h>

#include "ophoton.h"
#include "version.h"

static int __init ophoton_init(void)
{
	int err;

	/* The family first: creating a fabric announces it. */
	ophoton_debugfs_init();
	err = ophoton_nl_init();
	if (err)
		goto err_debugfs_exit;
	err = ophoton_bus_init();
	if (err)
		goto err_nl_exit;
	return 0;

err_nl_exit:
	ophoton_nl_exit();
err_debugfs_exit:
	ophoton_debugfs_exit();
	return err;
}

static void __exit ophoton_exit(void)
{
	ophoton_bus_exit();
	ophoton_nl_exit();
	ophoton_debugfs_exit();
}

module_init(ophoton_init);
module_exit(ophoton_exit);

MODULE_DESCRIPTION("Virtual co-packaged-optics GPU fabric");
MODULE_AUTHOR("The ophoton developers");
MODULE_LICENSE("GPL");
MODULE_VERSION(OPHOTON_VERSION);
