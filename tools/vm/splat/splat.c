// SPDX-License-Identifier: GPL-2.0
/*
 * Test-only module for the VM runner's self-test: loading it makes the
 * kernel print a WARNING with a call trace, which the runner must detect.
 * It is built and loaded by tools/vm/selftest.sh and nowhere else.
 */
#include <linux/bug.h>
#include <linux/module.h>

static int __init ophoton_splat_init(void)
{
	WARN(1, "ophoton_splat: deliberate warning for the VM runner self-test\n");
	return 0;
}

static void __exit ophoton_splat_exit(void)
{
}

module_init(ophoton_splat_init);
module_exit(ophoton_splat_exit);

MODULE_DESCRIPTION("Deliberate WARN for the ophoton VM runner self-test");
MODULE_LICENSE("GPL");
