// SPDX-License-Identifier: GPL-2.0
/*
 * ophoton: one hwmon device per fabric, so that lm-sensors shows the
 * hottest engine, the hottest laser module and the power of the optics.
 */
#include <linux/hwmon.h>

#include "ophoton.h"

static const char *const temp_labels[] = { "engines max", "laser modules max" };

static umode_t ophoton_hwmon_is_visible(const void *data,
					enum hwmon_sensor_types type, u32 attr,
					int channel)
{
	return 0444;
}

static int ophoton_hwmon_read(struct device *dev, enum hwmon_sensor_types type,
			      u32 attr, int channel, long *val)
{
	struct ophoton_fabric *fab = dev_get_drvdata(dev);
	s32 engine_mc, module_mc;
	u64 optics_mw;

	ophoton_lock(fab);
	if (fab->dead) {
		ophoton_unlock(fab);
		return -ENODEV;
	}
	ophoton_clock_sync(fab);
	oph_fabric_thermal(fab->model, &engine_mc, &module_mc, &optics_mw);
	ophoton_unlock(fab);

	switch (type) {
	case hwmon_temp:
		*val = channel ? module_mc : engine_mc;
		return 0;
	case hwmon_power:
		*val = (long)(optics_mw * 1000);	/* hwmon power is in uW */
		return 0;
	default:
		return -EOPNOTSUPP;
	}
}

static int ophoton_hwmon_read_string(struct device *dev,
				     enum hwmon_sensor_types type, u32 attr,
				     int channel, const char **str)
{
	*str = type == hwmon_temp ? temp_labels[channel] : "optics";
	return 0;
}

static const struct hwmon_ops ophoton_hwmon_ops = {
	.is_visible = ophoton_hwmon_is_visible,
	.read = ophoton_hwmon_read,
	.read_string = ophoton_hwmon_read_string,
};

static const struct hwmon_channel_info *ophoton_hwmon_info[] = {
	HWMON_CHANNEL_INFO(temp, HWMON_T_INPUT | HWMON_T_LABEL,
			   HWMON_T_INPUT | HWMON_T_LABEL),
	HWMON_CHANNEL_INFO(power, HWMON_P_INPUT | HWMON_P_LABEL),
	NULL
};

static const struct hwmon_chip_info ophoton_hwmon_chip = {
	.ops = &ophoton_hwmon_ops,
	.info = ophoton_hwmon_info,
};

/**
 * ophoton_hwmon_add() - register a fabric's hwmon device
 * @fab: registered fabric
 *
 * A fabric works without it: a failure is logged, not returned.
 */
void ophoton_hwmon_add(struct ophoton_fabric *fab)
{
	struct device *hw;

	hw = hwmon_device_register_with_info(&fab->dev, "ophoton", fab,
					     &ophoton_hwmon_chip, NULL);
	if (IS_ERR(hw)) {
		dev_warn(&fab->dev, "no hwmon device: %ld\n", PTR_ERR(hw));
		hw = NULL;
	}
	fab->hwmon = hw;
}

/**
 * ophoton_hwmon_remove() - unregister a fabric's hwmon device
 * @fab: fabric
 *
 * Waits for readers in flight.
 */
void ophoton_hwmon_remove(struct ophoton_fabric *fab)
{
	if (fab->hwmon)
		hwmon_device_unregister(fab->hwmon);
	fab->hwmon = NULL;
}
