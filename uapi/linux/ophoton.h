/* SPDX-License-Identifier: ((GPL-2.0 WITH Linux-syscall-note) OR BSD-3-Clause) */
/*
 * ophoton: generic netlink protocol of the virtual co-packaged-optics fabric.
 *
 * Family name OPHOTON_GENL_NAME, protocol version OPHOTON_GENL_VERSION (the
 * "version" field of the family and of every message).  The same family is
 * described for tools in Documentation/netlink/specs/ophoton.yaml; a test
 * checks that this header, the kernel's policies and the spec agree.
 *
 * Conventions:
 *  - every request is validated strictly against a per-command policy; an
 *    unknown or malformed attribute is refused with an extended ACK naming
 *    the attribute;
 *  - 64-bit values are u64 attributes aligned with OPHOTON_A_PAD;
 *  - units are part of attribute names (_UW microwatt, _MC millidegree
 *    Celsius, _UA microampere, _MV millivolt);
 *  - a request flagged NLM_F_ECHO receives, before its ACK, the
 *    notifications of the changes made while it ran, addressed to its port
 *    and sequence number; other listeners get them as usual.
 */
#ifndef _UAPI_LINUX_OPHOTON_H
#define _UAPI_LINUX_OPHOTON_H

#define OPHOTON_GENL_NAME	"ophoton"
#define OPHOTON_GENL_VERSION	1

/**
 * enum ophoton_cmd - commands of the ophoton family
 * @OPHOTON_CMD_UNSPEC: unused
 * @OPHOTON_CMD_VERSION_GET: do: report the module's version
 *	(%OPHOTON_A_VERSION_MODULE) and the protocol version it speaks
 *	(%OPHOTON_A_VERSION_PROTO).  Takes no attributes; open to every user.
 * @OPHOTON_CMD_FABRIC_GET: do: one fabric (%OPHOTON_A_FABRIC_ID required);
 *	dump: every fabric of the caller's network namespace, or with
 *	%OPHOTON_A_UNHEALTHY only those with something not healthy.  Replies carry
 *	the shape, the virtual clock and the generation; with
 *	%OPHOTON_A_STATS, a %OPHOTON_A_FABRIC_STATS nest.  Open to every user.
 * @OPHOTON_CMD_FABRIC_SET: do: %OPHOTON_A_FABRIC_ACTION on a fabric: bring
 *	every laser module and link up, or drain and take them down; and/or
 *	configure it: a new %OPHOTON_A_FABRIC_TIME_SCALE (1-100000), virtual
 *	time staying continuous; %OPHOTON_A_FABRIC_RACK_BUDGET_W; one
 *	%OPHOTON_A_THRESH nest per analog value whose levels change (levels
 *	not given keep their value).  Everything is checked before anything
 *	changes; a configuration change is announced once, as a
 *	%OPHOTON_CMD_FABRIC_NTF with %OPHOTON_FABRIC_EVENT_CHANGE.
 *	Requires CAP_NET_ADMIN in the fabric's namespace.
 * @OPHOTON_CMD_LINK_GET: do: one link (%OPHOTON_A_FABRIC_ID and
 *	%OPHOTON_A_LINK_ID); dump: the links of a fabric, filtered by
 *	%OPHOTON_A_GPU_ID, the GPU-side %OPHOTON_A_ENGINE_ID, the
 *	%OPHOTON_A_RACK_ID of their GPU and %OPHOTON_A_UNHEALTHY when given
 *	(together: the links they have in common).  With
 *	%OPHOTON_A_STATS, a %OPHOTON_A_LINK_STATS nest.  Open to every user.
 * @OPHOTON_CMD_LINK_SET: do: %OPHOTON_A_LINK_ACTION on one link.  Requires
 *	CAP_NET_ADMIN in the fabric's namespace.  Idempotent; a retrain
 *	during bring-up is refused with -EBUSY.
 * @OPHOTON_CMD_LINK_NTF: notification on the "config" group: a link
 *	changed state.  The body is the %OPHOTON_CMD_LINK_GET reply plus
 *	%OPHOTON_A_NTF_SEQ and %OPHOTON_A_FABRIC_GEN.
 * @OPHOTON_CMD_FABRIC_NTF: notification on the "config" group: a fabric
 *	was created (%OPHOTON_A_FABRIC_EVENT), reconfigured or is being
 *	deleted; the body is the %OPHOTON_CMD_FABRIC_GET reply.  A change
 *	carries %OPHOTON_A_NTF_SEQ, in the sequence of the fabric's link and
 *	module notifications.
 * @OPHOTON_CMD_MODULE_GET: do: one laser module slot (%OPHOTON_A_SIDE,
 *	%OPHOTON_A_MODULE_ID); dump: a fabric's slots, filtered by side, GPU
 *	and %OPHOTON_A_UNHEALTHY.  With %OPHOTON_A_STATS, a
 *	%OPHOTON_A_MODULE_STATS nest.  Open to every user.
 * @OPHOTON_CMD_MODULE_ACT: do: %OPHOTON_A_MODULE_ACTION on a slot: drain
 *	(prepare for removal), activate, reset, recover from quarantine,
 *	clear latched flags.  Requires CAP_NET_ADMIN in the fabric's
 *	namespace; -EBUSY with a message during a conflicting transition.
 * @OPHOTON_CMD_MODULE_NTF: notification on the "config" group: a laser
 *	module slot changed state; the body of a %OPHOTON_CMD_MODULE_GET
 *	reply plus %OPHOTON_A_NTF_SEQ and %OPHOTON_A_FABRIC_GEN.
 * @OPHOTON_CMD_LANE_GET: do: one lane (%OPHOTON_A_LINK_ID, %OPHOTON_A_LANE,
 *	%OPHOTON_A_DIR); dump: the lanes of a link or a GPU.  Telemetry comes
 *	in %OPHOTON_A_LANE_STATS.  Open to every user.
 * @OPHOTON_CMD_BLAST_GET: do: what the failure of %OPHOTON_A_BLAST_OBJ
 *	%OPHOTON_A_BLAST_ID (on %OPHOTON_A_SIDE) would take down: counts, and
 *	the affected links in %OPHOTON_A_BLAST_LINK_IDS when they fit.
 *	Changes nothing.  Open to every user.
 * @OPHOTON_CMD_SIM_MODULE: simulation: pull out or plug in a laser module
 *	(%OPHOTON_A_SIM_ACTION).  Requires CAP_NET_ADMIN; refused with
 *	-EOPNOTSUPP when the module parameter sim_ops is 0.
 * @OPHOTON_CMD_SIM_FAULT: simulation: inject or clear a fault
 *	(%OPHOTON_A_FAULT_KIND and its target).  As %OPHOTON_CMD_SIM_MODULE.
 * @OPHOTON_CMD_SIM_CLOCK: simulation: step the fabric's virtual clock by
 *	%OPHOTON_A_SIM_STEP_NS.  As %OPHOTON_CMD_SIM_MODULE.
 * @OPHOTON_CMD_HEALTH_GET: do: one fault domain (%OPHOTON_A_HEALTH_DOMAIN,
 *	%OPHOTON_A_SIDE, %OPHOTON_A_HEALTH_ID); dump: a fabric's fault domains,
 *	filtered by domain, side and %OPHOTON_A_UNHEALTHY (errors or
 *	quarantine).  Open to every user.
 * @OPHOTON_CMD_ALARM_NTF: notification on the "alarms" group: a fault
 *	domain reported an error, was quarantined or recovered; thresholds
 *	latched (one per link, module, module's lasers or engine, never per
 *	lane); a laser ages faster than it should.  Carries
 *	%OPHOTON_A_ALARM_KIND, the object, %OPHOTON_A_ALARM_FLAGS and
 *	%OPHOTON_A_ALARM_LASERS where they apply, and %OPHOTON_A_NTF_SEQ,
 *	numbered apart from the "config" group's.
 * @OPHOTON_CMD_RACK_GET: do: one rack (%OPHOTON_A_RACK_ID: compute racks
 *	first, then memory, then switch racks); dump: a fabric's racks,
 *	filtered by %OPHOTON_A_UNHEALTHY (a link not up, or over budget).
 *	Replies carry the kind, the links and the links up; with
 *	%OPHOTON_A_STATS, an %OPHOTON_A_AGG_STATS nest.  Open to every user.
 * @OPHOTON_CMD_GPU_GET: do: one GPU or memory device (%OPHOTON_A_GPU_ID);
 *	dump: a fabric's, filtered by %OPHOTON_A_RACK_ID and
 *	%OPHOTON_A_UNHEALTHY (a link not up).  As %OPHOTON_CMD_RACK_GET.
 * @OPHOTON_CMD_ENGINE_GET: do: one optical engine (%OPHOTON_A_SIDE,
 *	%OPHOTON_A_ENGINE_ID); dump: a fabric's, GPU side first, filtered by
 *	side, %OPHOTON_A_GPU_ID and %OPHOTON_A_UNHEALTHY (dead, a link not up,
 *	or temperature flags).  As %OPHOTON_CMD_RACK_GET.
 * @OPHOTON_CMD_LASER_GET: do: one laser (%OPHOTON_A_SIDE,
 *	%OPHOTON_A_MODULE_ID, %OPHOTON_A_LANE: the laser lighting that
 *	wavelength); dump: the lasers of the modules present, filtered by
 *	side, module (with a side), %OPHOTON_A_GPU_ID and %OPHOTON_A_UNHEALTHY
 *	(not on, or threshold flags).  With %OPHOTON_A_STATS, an
 *	%OPHOTON_A_LASER_STATS nest.  -ENODEV for an empty slot.  Open to
 *	every user.
 * @OPHOTON_CMD_ENGINE_ACT: do: %OPHOTON_A_ENGINE_ACTION on one optical
 *	engine (%OPHOTON_A_SIDE, %OPHOTON_A_ENGINE_ID): recover it from
 *	quarantine (its links come back unless its death fault is still
 *	injected), or clear its latched temperature flags.  Idempotent.
 *	Requires CAP_NET_ADMIN in the fabric's namespace.
 * @__OPHOTON_CMD_MAX: number of commands
 * @OPHOTON_CMD_MAX: highest command
 */
enum ophoton_cmd {
	OPHOTON_CMD_UNSPEC,
	OPHOTON_CMD_VERSION_GET,
	OPHOTON_CMD_FABRIC_GET,
	OPHOTON_CMD_FABRIC_SET,
	OPHOTON_CMD_LINK_GET,
	OPHOTON_CMD_LINK_SET,
	OPHOTON_CMD_LINK_NTF,
	OPHOTON_CMD_FABRIC_NTF,
	OPHOTON_CMD_MODULE_GET,
	OPHOTON_CMD_MODULE_ACT,
	OPHOTON_CMD_MODULE_NTF,
	OPHOTON_CMD_LANE_GET,
	OPHOTON_CMD_BLAST_GET,
	OPHOTON_CMD_SIM_MODULE,
	OPHOTON_CMD_SIM_FAULT,
	OPHOTON_CMD_SIM_CLOCK,
	OPHOTON_CMD_HEALTH_GET,
	OPHOTON_CMD_ALARM_NTF,
	OPHOTON_CMD_RACK_GET,
	OPHOTON_CMD_GPU_GET,
	OPHOTON_CMD_ENGINE_GET,
	OPHOTON_CMD_LASER_GET,
	OPHOTON_CMD_ENGINE_ACT,

	/* add new commands above here */
	__OPHOTON_CMD_MAX,
	OPHOTON_CMD_MAX = __OPHOTON_CMD_MAX - 1
};

#define OPHOTON_MCGRP_CONFIG	"config"
#define OPHOTON_MCGRP_ALARMS	"alarms"

/**
 * enum ophoton_feed - which laser module lights which ports of a GPU
 * @OPHOTON_FEED_BLOCK: a module lights every port of a group of engines
 * @OPHOTON_FEED_STRIPE: a module lights a slice of every engine's ports
 */
enum ophoton_feed {
	OPHOTON_FEED_BLOCK,
	OPHOTON_FEED_STRIPE,
};

/**
 * enum ophoton_link_state - state of a link
 * @OPHOTON_LINK_STATE_DOWN: administratively down
 * @OPHOTON_LINK_STATE_WAIT_LIGHT: waiting for the lasers of both ends
 * @OPHOTON_LINK_STATE_CALIBRATING: ring calibration, wavelength lock
 * @OPHOTON_LINK_STATE_TRAINING: link training
 * @OPHOTON_LINK_STATE_BER_QUAL: BER qualification
 * @OPHOTON_LINK_STATE_UP: up, every lane
 * @OPHOTON_LINK_STATE_DEGRADED: up with lanes lost or BER above warning
 * @OPHOTON_LINK_STATE_RETRAINING: backing off before the next attempt
 * @OPHOTON_LINK_STATE_FAILED: latched after too many attempts; clear it
 */
enum ophoton_link_state {
	OPHOTON_LINK_STATE_DOWN,
	OPHOTON_LINK_STATE_WAIT_LIGHT,
	OPHOTON_LINK_STATE_CALIBRATING,
	OPHOTON_LINK_STATE_TRAINING,
	OPHOTON_LINK_STATE_BER_QUAL,
	OPHOTON_LINK_STATE_UP,
	OPHOTON_LINK_STATE_DEGRADED,
	OPHOTON_LINK_STATE_RETRAINING,
	OPHOTON_LINK_STATE_FAILED,
};

/**
 * enum ophoton_down_reason - why a link last went down
 * @OPHOTON_DOWN_NONE: it did not
 * @OPHOTON_DOWN_ADMIN: an operator took it down
 * @OPHOTON_DOWN_NO_LIGHT: a laser feeding it went dark
 * @OPHOTON_DOWN_DRAIN: its laser module was prepared for removal
 * @OPHOTON_DOWN_LANES: fewer lanes than the fabric's minimum
 * @OPHOTON_DOWN_BER: BER above the down threshold (1e-6)
 * @OPHOTON_DOWN_ARBITRATION: wavelength arbitration failed
 * @OPHOTON_DOWN_TIMEOUT: a bring-up phase did not finish: the rings could
 *	not lock during calibration (heating faster than their control loop)
 * @OPHOTON_DOWN_ENGINE: an engine at either end died
 * @OPHOTON_DOWN_FIBRE: the link's transmit or receive fibre is cut
 * @OPHOTON_DOWN_FEED_FIBRE: the feed fibre from its laser module is cut, or
 *	lost so much light that the interlock holds the laser back
 * @OPHOTON_DOWN_RING: a ring past the end of its tuning range lost lock
 * @OPHOTON_DOWN_THERMAL: an engine at either end overheated: its rings were
 *	pulled past their range, or it shut down hot
 * @OPHOTON_DOWN_MODULE: the laser module lighting it is absent, powered
 *	down or in fault (%OPHOTON_A_MODULE_CAUSE says why)
 * @OPHOTON_DOWN_LASER: a laser of that module failed
 * @OPHOTON_DOWN_TEC: that module's lasers walked off grid: its TEC failed
 */
enum ophoton_down_reason {
	OPHOTON_DOWN_NONE,
	OPHOTON_DOWN_ADMIN,
	OPHOTON_DOWN_NO_LIGHT,
	OPHOTON_DOWN_DRAIN,
	OPHOTON_DOWN_LANES,
	OPHOTON_DOWN_BER,
	OPHOTON_DOWN_ARBITRATION,
	OPHOTON_DOWN_TIMEOUT,
	OPHOTON_DOWN_ENGINE,
	OPHOTON_DOWN_FIBRE,
	OPHOTON_DOWN_FEED_FIBRE,
	OPHOTON_DOWN_RING,
	OPHOTON_DOWN_THERMAL,
	OPHOTON_DOWN_MODULE,
	OPHOTON_DOWN_LASER,
	OPHOTON_DOWN_TEC,
};

/**
 * enum ophoton_link_action - what %OPHOTON_CMD_LINK_SET does
 * @OPHOTON_LINK_ACTION_UP: admin up: bring the link up when it has light
 * @OPHOTON_LINK_ACTION_DOWN: admin down
 * @OPHOTON_LINK_ACTION_RETRAIN: retrain an up link
 * @OPHOTON_LINK_ACTION_CLEAR: clear a failed link and the latched flags
 */
enum ophoton_link_action {
	OPHOTON_LINK_ACTION_UP = 1,
	OPHOTON_LINK_ACTION_DOWN,
	OPHOTON_LINK_ACTION_RETRAIN,
	OPHOTON_LINK_ACTION_CLEAR,
};

/**
 * enum ophoton_fabric_action - what %OPHOTON_CMD_FABRIC_SET does
 * @OPHOTON_FABRIC_ACTION_UP: activate every laser module, admin-up every link
 * @OPHOTON_FABRIC_ACTION_DOWN: drain every laser module, admin-down every link
 */
enum ophoton_fabric_action {
	OPHOTON_FABRIC_ACTION_UP = 1,
	OPHOTON_FABRIC_ACTION_DOWN,
};

/**
 * enum ophoton_fabric_event - what %OPHOTON_CMD_FABRIC_NTF announces
 * @OPHOTON_FABRIC_EVENT_CREATE: the fabric appeared
 * @OPHOTON_FABRIC_EVENT_DELETE: the fabric is going away
 * @OPHOTON_FABRIC_EVENT_CHANGE: its clock speed, budget or thresholds changed
 */
enum ophoton_fabric_event {
	OPHOTON_FABRIC_EVENT_CREATE = 1,
	OPHOTON_FABRIC_EVENT_DELETE,
	OPHOTON_FABRIC_EVENT_CHANGE,
};

/**
 * enum ophoton_side - the two sides of a fabric
 * @OPHOTON_SIDE_GPU: GPUs (and memory devices): their engines and modules
 * @OPHOTON_SIDE_SWITCH: the plane switches: their engines and modules
 */
enum ophoton_side {
	OPHOTON_SIDE_GPU,
	OPHOTON_SIDE_SWITCH,
};

/**
 * enum ophoton_module_state - CMIS-like state of a laser module slot
 * @OPHOTON_MODULE_STATE_ABSENT: no module in the slot
 * @OPHOTON_MODULE_STATE_LOW_POWER: present, lasers off
 * @OPHOTON_MODULE_STATE_POWERING_UP: TEC settling
 * @OPHOTON_MODULE_STATE_READY: lasers may shine
 * @OPHOTON_MODULE_STATE_POWERING_DOWN: going to low power
 * @OPHOTON_MODULE_STATE_FAULT: every laser off until a reset
 * @OPHOTON_MODULE_STATE_RESETTING: after insertion or a reset
 */
enum ophoton_module_state {
	OPHOTON_MODULE_STATE_ABSENT,
	OPHOTON_MODULE_STATE_LOW_POWER,
	OPHOTON_MODULE_STATE_POWERING_UP,
	OPHOTON_MODULE_STATE_READY,
	OPHOTON_MODULE_STATE_POWERING_DOWN,
	OPHOTON_MODULE_STATE_FAULT,
	OPHOTON_MODULE_STATE_RESETTING,
};

/**
 * enum ophoton_module_admin - what the operator wants of a laser module
 * @OPHOTON_MODULE_ADMIN_UNPROVISIONED: dark; safe to remove in low power
 * @OPHOTON_MODULE_ADMIN_PROVISIONING: powering up, checking fibres, ramping
 * @OPHOTON_MODULE_ADMIN_ACTIVE: lighting its ports
 * @OPHOTON_MODULE_ADMIN_UNPROVISIONING: draining its links
 */
enum ophoton_module_admin {
	OPHOTON_MODULE_ADMIN_UNPROVISIONED,
	OPHOTON_MODULE_ADMIN_PROVISIONING,
	OPHOTON_MODULE_ADMIN_ACTIVE,
	OPHOTON_MODULE_ADMIN_UNPROVISIONING,
};

/**
 * enum ophoton_module_action - what %OPHOTON_CMD_MODULE_ACT does
 * @OPHOTON_MODULE_ACTION_DRAIN: prepare for removal: links down in order,
 *	lasers off, low power
 * @OPHOTON_MODULE_ACTION_ACTIVATE: provision after insertion: power up,
 *	fibre check, ramp
 * @OPHOTON_MODULE_ACTION_RESET: reset the module
 * @OPHOTON_MODULE_ACTION_RECOVER: take the slot out of quarantine
 * @OPHOTON_MODULE_ACTION_CLEAR: clear the latched flags of the module
 *	and its lasers
 */
enum ophoton_module_action {
	OPHOTON_MODULE_ACTION_DRAIN = 1,
	OPHOTON_MODULE_ACTION_ACTIVATE,
	OPHOTON_MODULE_ACTION_RESET,
	OPHOTON_MODULE_ACTION_RECOVER,
	OPHOTON_MODULE_ACTION_CLEAR,
};

/**
 * enum ophoton_engine_action - what %OPHOTON_CMD_ENGINE_ACT does
 * @OPHOTON_ENGINE_ACTION_RECOVER: take the engine out of quarantine
 * @OPHOTON_ENGINE_ACTION_CLEAR: clear the engine's latched flags
 */
enum ophoton_engine_action {
	OPHOTON_ENGINE_ACTION_RECOVER = 1,
	OPHOTON_ENGINE_ACTION_CLEAR,
};

/**
 * enum ophoton_laser_state - state of one laser of a module (ELSFP-like)
 * @OPHOTON_LASER_STATE_OFF: dark
 * @OPHOTON_LASER_STATE_CHECK: eye-safe power until its fibre is verified
 * @OPHOTON_LASER_STATE_RAMPING: ramping to full power
 * @OPHOTON_LASER_STATE_ON: at full power
 * @OPHOTON_LASER_STATE_FAULT: dead or tripped
 */
enum ophoton_laser_state {
	OPHOTON_LASER_STATE_OFF,
	OPHOTON_LASER_STATE_CHECK,
	OPHOTON_LASER_STATE_RAMPING,
	OPHOTON_LASER_STATE_ON,
	OPHOTON_LASER_STATE_FAULT,
};

/**
 * enum ophoton_rack_kind - what a rack holds
 * @OPHOTON_RACK_KIND_COMPUTE: GPUs
 * @OPHOTON_RACK_KIND_MEMORY: memory devices, reached as GPUs are
 * @OPHOTON_RACK_KIND_SWITCH: plane switches
 */
enum ophoton_rack_kind {
	OPHOTON_RACK_KIND_COMPUTE,
	OPHOTON_RACK_KIND_MEMORY,
	OPHOTON_RACK_KIND_SWITCH,
};

/**
 * enum ophoton_thresh_id - the analog values with thresholds, and their units
 * @OPHOTON_THRESH_LANE_RX_UDBM: lane received power, 0.001 dBm
 * @OPHOTON_THRESH_PORT_OE_INPUT_UDBM: laser light at an engine's port
 * @OPHOTON_THRESH_LASER_BIAS_PERMILLE: laser bias, per mille of its
 *	beginning-of-life value
 * @OPHOTON_THRESH_LASER_POWER_UW: laser output power
 * @OPHOTON_THRESH_LASER_FREQ_MHZ: laser frequency error from its grid line
 * @OPHOTON_THRESH_MODULE_TEMP_MC: laser module temperature
 * @OPHOTON_THRESH_MODULE_SUPPLY_MV: laser module supply
 * @OPHOTON_THRESH_ENGINE_TEMP_MC: engine die temperature
 */
enum ophoton_thresh_id {
	OPHOTON_THRESH_LANE_RX_UDBM,
	OPHOTON_THRESH_PORT_OE_INPUT_UDBM,
	OPHOTON_THRESH_LASER_BIAS_PERMILLE,
	OPHOTON_THRESH_LASER_POWER_UW,
	OPHOTON_THRESH_LASER_FREQ_MHZ,
	OPHOTON_THRESH_MODULE_TEMP_MC,
	OPHOTON_THRESH_MODULE_SUPPLY_MV,
	OPHOTON_THRESH_ENGINE_TEMP_MC,
};

/**
 * enum ophoton_dir - direction of a lane
 * @OPHOTON_DIR_UP: GPU to switch
 * @OPHOTON_DIR_DOWN: switch to GPU
 */
enum ophoton_dir {
	OPHOTON_DIR_UP,
	OPHOTON_DIR_DOWN,
};

/**
 * enum ophoton_lane_state - state of a lane
 * @OPHOTON_LANE_STATE_DARK: no light at the receiver
 * @OPHOTON_LANE_STATE_LOCKING: ring locking onto its wavelength
 * @OPHOTON_LANE_STATE_LOCKED: locked, link training
 * @OPHOTON_LANE_STATE_ACTIVE: carrying data
 * @OPHOTON_LANE_STATE_DRIFTING: carrying data, ring chasing a fast drift
 * @OPHOTON_LANE_STATE_FAILED: lit but unusable (ring out of range, BER)
 */
enum ophoton_lane_state {
	OPHOTON_LANE_STATE_DARK,
	OPHOTON_LANE_STATE_LOCKING,
	OPHOTON_LANE_STATE_LOCKED,
	OPHOTON_LANE_STATE_ACTIVE,
	OPHOTON_LANE_STATE_DRIFTING,
	OPHOTON_LANE_STATE_FAILED,
};

/**
 * enum ophoton_blast_obj - objects whose blast radius can be asked for
 * @OPHOTON_BLAST_MODULE: a laser module (id: module, with a side)
 * @OPHOTON_BLAST_LASER: one laser (id: module * lambdas + laser, with a side)
 * @OPHOTON_BLAST_ENGINE: an engine (id: engine, with a side)
 * @OPHOTON_BLAST_FIBRE: the fibres of a link (id: link)
 * @OPHOTON_BLAST_TRAY: a tray (id: rack * trays + tray)
 * @OPHOTON_BLAST_RACK: a rack (GPU racks first, then memory, then switch)
 */
enum ophoton_blast_obj {
	OPHOTON_BLAST_MODULE = 1,
	OPHOTON_BLAST_LASER,
	OPHOTON_BLAST_ENGINE,
	OPHOTON_BLAST_FIBRE,
	OPHOTON_BLAST_TRAY,
	OPHOTON_BLAST_RACK,
};

/**
 * enum ophoton_sim_action - what a simulation op does
 * @OPHOTON_SIM_ACTION_REMOVE: pull a laser module out / clear a fault
 * @OPHOTON_SIM_ACTION_INSERT: plug a laser module in / inject a fault
 */
enum ophoton_sim_action {
	OPHOTON_SIM_ACTION_REMOVE = 1,
	OPHOTON_SIM_ACTION_INSERT,
};

/**
 * enum ophoton_fault_kind - injectable faults (Documentation/model.rst)
 * @OPHOTON_FAULT_MODULE_DEATH: a laser module dies (target: module)
 * @OPHOTON_FAULT_LASER_DEATH: one laser dies (module, %OPHOTON_A_LANE)
 * @OPHOTON_FAULT_LASER_AGING: lasers use %OPHOTON_A_FAULT_VALUE ppm more of
 *	their life per hour than the nominal 100 (module, lane or all)
 * @OPHOTON_FAULT_FIBRE_CUT: a fibre is cut (link, %OPHOTON_A_FIBRE)
 * @OPHOTON_FAULT_FIBRE_DIRTY: a fibre loses %OPHOTON_A_FAULT_VALUE x 0.01 dB
 * @OPHOTON_FAULT_RING_DRIFT: an engine heats at %OPHOTON_A_FAULT_VALUE mK/s
 *	up to %OPHOTON_A_FAULT_AMOUNT mK
 * @OPHOTON_FAULT_TEC: a module's TEC fails; lasers walk off grid
 * @OPHOTON_FAULT_BER: a link's lanes run at a BER of
 *	10^-(%OPHOTON_A_FAULT_VALUE / 100); %OPHOTON_A_FIBRE tx for the up
 *	direction only (received with KP4 FEC), rx for the down one (no
 *	FEC), absent for both
 * @OPHOTON_FAULT_ARBITRATION: a link's wavelength arbitration fails
 * @OPHOTON_FAULT_ENGINE_DEATH: an engine dies (target: engine)
 * @OPHOTON_FAULT_FW_HANG: a module's firmware hangs in its next transition
 * @OPHOTON_FAULT_COOLING: an engine's cold plate loses its coolant: the die
 *	heats at %OPHOTON_A_FAULT_VALUE mK/s through its warning and alarm to
 *	a thermal shutdown at 105 C; it runs again once the fault is cleared
 */
enum ophoton_fault_kind {
	OPHOTON_FAULT_MODULE_DEATH,
	OPHOTON_FAULT_LASER_DEATH,
	OPHOTON_FAULT_LASER_AGING,
	OPHOTON_FAULT_FIBRE_CUT,
	OPHOTON_FAULT_FIBRE_DIRTY,
	OPHOTON_FAULT_RING_DRIFT,
	OPHOTON_FAULT_TEC,
	OPHOTON_FAULT_BER,
	OPHOTON_FAULT_ARBITRATION,
	OPHOTON_FAULT_ENGINE_DEATH,
	OPHOTON_FAULT_FW_HANG,
	OPHOTON_FAULT_COOLING,
};

/**
 * enum ophoton_module_cause - why a laser module or a laser is not healthy,
 *	after the CMIS module fault causes and the ELSFP lane fault codes
 * @OPHOTON_MODULE_CAUSE_NONE: healthy
 * @OPHOTON_MODULE_CAUSE_TEC_RUNAWAY: the TEC lost control (CMIS fault
 *	cause 1): the lasers walk off grid, then the module faults
 * @OPHOTON_MODULE_CAUSE_SUPPLY: its supply failed: every laser dark at once
 * @OPHOTON_MODULE_CAUSE_FIRMWARE: it hung in a transition; the host gave up
 * @OPHOTON_MODULE_CAUSE_LASER: a laser's power loop failed (ELSFP fault
 *	code 1)
 * @OPHOTON_MODULE_CAUSE_AGING: a laser wears out: its bias warns, or runs
 *	ahead of the fleet's aging curve
 * @OPHOTON_MODULE_CAUSE_QUARANTINE: it failed too often and was taken out
 *	of service until an admin recovers it
 */
enum ophoton_module_cause {
	OPHOTON_MODULE_CAUSE_NONE,
	OPHOTON_MODULE_CAUSE_TEC_RUNAWAY,
	OPHOTON_MODULE_CAUSE_SUPPLY,
	OPHOTON_MODULE_CAUSE_FIRMWARE,
	OPHOTON_MODULE_CAUSE_LASER,
	OPHOTON_MODULE_CAUSE_AGING,
	OPHOTON_MODULE_CAUSE_QUARANTINE,
};

/**
 * enum ophoton_fibre - which fibre of a link a fibre fault hits
 * @OPHOTON_FIBRE_TX: the GPU's transmit fibre (the up direction)
 * @OPHOTON_FIBRE_RX: the GPU's receive fibre (the down direction)
 * @OPHOTON_FIBRE_FEED: from the laser module to the GPU's engine
 */
enum ophoton_fibre {
	OPHOTON_FIBRE_TX,
	OPHOTON_FIBRE_RX,
	OPHOTON_FIBRE_FEED,
};

/**
 * enum ophoton_health_domain - kinds of fault domain
 * @OPHOTON_HEALTH_MODULE: a laser module slot
 * @OPHOTON_HEALTH_ENGINE: an optical engine
 */
enum ophoton_health_domain {
	OPHOTON_HEALTH_MODULE = 1,
	OPHOTON_HEALTH_ENGINE,
};

/**
 * enum ophoton_alarm_kind - what an %OPHOTON_CMD_ALARM_NTF is about
 * @OPHOTON_ALARM_HEALTH_ERROR: a fault domain reported a fault
 * @OPHOTON_ALARM_QUARANTINE: a fault domain was quarantined
 * @OPHOTON_ALARM_RECOVERED: a fault domain was recovered by an operator
 * @OPHOTON_ALARM_THRESHOLD_LINK: a link's rx or engine input power
 *	crossed a threshold (flags as %OPHOTON_A_LINK_STATS_LATCHED)
 * @OPHOTON_ALARM_THRESHOLD_MODULE: a laser module's temperature or supply
 * @OPHOTON_ALARM_THRESHOLD_LASERS: lasers of a module (bias bits 0-3,
 *	power 4-7, frequency 8-11; %OPHOTON_A_ALARM_LASERS says which)
 * @OPHOTON_ALARM_THRESHOLD_ENGINE: an engine's temperature
 * @OPHOTON_ALARM_AGING_PREDICTED: lasers of a module age faster than the
 *	expected curve, long before their bias warns
 * @OPHOTON_ALARM_THRESHOLD_LINKS: several links of one fault domain (a
 *	laser module or an engine, named as the domain) crossed thresholds
 *	at once: %OPHOTON_A_ALARM_LINK_COUNT links, the lowest
 *	%OPHOTON_A_LINK_ID, flags as %OPHOTON_A_LINK_STATS_LATCHED ORed
 */
enum ophoton_alarm_kind {
	OPHOTON_ALARM_HEALTH_ERROR = 1,
	OPHOTON_ALARM_QUARANTINE,
	OPHOTON_ALARM_RECOVERED,
	OPHOTON_ALARM_THRESHOLD_LINK,
	OPHOTON_ALARM_THRESHOLD_MODULE,
	OPHOTON_ALARM_THRESHOLD_LASERS,
	OPHOTON_ALARM_THRESHOLD_ENGINE,
	OPHOTON_ALARM_AGING_PREDICTED,
	OPHOTON_ALARM_THRESHOLD_LINKS,
};

/**
 * enum ophoton_attr - attributes of the ophoton family
 * @OPHOTON_A_UNSPEC: unused
 * @OPHOTON_A_PAD: padding for 64-bit attributes
 * @OPHOTON_A_VERSION_MODULE: string, version of the loaded ophoton module
 * @OPHOTON_A_VERSION_PROTO: u32, protocol version (OPHOTON_GENL_VERSION)
 * @OPHOTON_A_FABRIC_ID: u32, fabric id (the N of /sys/bus/ophoton/devices/ophotonN)
 * @OPHOTON_A_FABRIC_GEN: u64, generation: changes when laser modules come
 *	or go; dumps that see it change are flagged NLM_F_DUMP_INTR
 * @OPHOTON_A_FABRIC_CLOCK_NS: u64, the fabric's virtual clock, ns since
 *	creation; saturates at 2^64 - 1 (584 virtual years, 51 real hours at
 *	the highest time scale) while the clock runs on; so do the virtual
 *	times of notifications and %OPHOTON_A_HEALTH_LAST_ERROR_NS
 * @OPHOTON_A_FABRIC_TIME_SCALE: u32, virtual seconds per real second
 * @OPHOTON_A_FABRIC_SEED: u64, seed of the per-object variations
 * @OPHOTON_A_FABRIC_GPUS: u32, GPUs (compute endpoints)
 * @OPHOTON_A_FABRIC_RACKS: u32, compute racks
 * @OPHOTON_A_FABRIC_MEMORY_RACKS: u32, memory racks
 * @OPHOTON_A_FABRIC_SWITCH_RACKS: u32, switch racks
 * @OPHOTON_A_FABRIC_TRAYS: u32, trays per rack
 * @OPHOTON_A_FABRIC_SLOTS: u32, GPUs per tray
 * @OPHOTON_A_FABRIC_ENGINES: u32, optical engines per GPU
 * @OPHOTON_A_FABRIC_PORTS: u32, ports per engine
 * @OPHOTON_A_FABRIC_LAMBDAS: u32, wavelength lanes per port
 * @OPHOTON_A_FABRIC_MODULES: u32, laser modules per GPU
 * @OPHOTON_A_FABRIC_FEED: u8, enum ophoton_feed
 * @OPHOTON_A_FABRIC_LINKS: u32, links (GPU port to switch port)
 * @OPHOTON_A_FABRIC_LANE_GBPS: u32, line rate of one lane, Gb/s
 * @OPHOTON_A_FABRIC_ACTION: u8, enum ophoton_fabric_action
 * @OPHOTON_A_FABRIC_EVENT: u8, enum ophoton_fabric_event
 * @OPHOTON_A_FABRIC_STATS: nest, enum ophoton_fabric_stats
 * @OPHOTON_A_STATS: flag: include the object's telemetry
 * @OPHOTON_A_UNHEALTHY: flag: dump only objects that are not fully up
 * @OPHOTON_A_NTF_SEQ: u64, sequence number of a notification within its
 *	fabric; a gap means notifications were lost: dump again
 * @OPHOTON_A_LINK_ID: u32, link id: gpu * ports-per-gpu + engine * ports + port
 * @OPHOTON_A_GPU_ID: u32, GPU id
 * @OPHOTON_A_ENGINE: u32, engine index within its GPU
 * @OPHOTON_A_PORT: u32, port index within its engine
 * @OPHOTON_A_PLANE: u32, plane switch at the far end
 * @OPHOTON_A_LINK_STATE: u8, enum ophoton_link_state
 * @OPHOTON_A_LINK_ADMIN_UP: u8, 1 when the operator wants the link up
 * @OPHOTON_A_LINK_DOWN_REASON: u8, enum ophoton_down_reason
 * @OPHOTON_A_LINK_LANES_UP: u8, lanes carrying data (the lesser direction)
 * @OPHOTON_A_LINK_ACTION: u8, enum ophoton_link_action
 * @OPHOTON_A_LINK_STATS: nest, enum ophoton_link_stats
 * @OPHOTON_A_SIDE: u8, enum ophoton_side
 * @OPHOTON_A_MODULE_ID: u32, laser module slot: gpu * modules + j on the
 *	GPU side, plane * modules-per-plane + k on the switch side
 * @OPHOTON_A_MODULE_STATE: u8, enum ophoton_module_state
 * @OPHOTON_A_MODULE_ADMIN: u8, enum ophoton_module_admin
 * @OPHOTON_A_MODULE_SERIAL: u32, serial number of the module in the slot
 * @OPHOTON_A_MODULE_INSERT_COUNT: u32, insertions into the slot
 * @OPHOTON_A_MODULE_REMOVE_COUNT: u32, removals from the slot
 * @OPHOTON_A_MODULE_LASERS_ON: u32, lasers shining
 * @OPHOTON_A_MODULE_LINKS_FED: u32, links the slot lights
 * @OPHOTON_A_MODULE_SAFE_TO_REMOVE: flag: drained and dark
 * @OPHOTON_A_MODULE_ACTION: u8, enum ophoton_module_action
 * @OPHOTON_A_MODULE_STATS: nest, enum ophoton_module_stats
 * @OPHOTON_A_LANE: u8, lane (wavelength) index
 * @OPHOTON_A_DIR: u8, enum ophoton_dir
 * @OPHOTON_A_LANE_STATE: u8, enum ophoton_lane_state
 * @OPHOTON_A_LANE_STATS: nest, enum ophoton_lane_stats
 * @OPHOTON_A_BLAST_OBJ: u8, enum ophoton_blast_obj
 * @OPHOTON_A_BLAST_ID: u32, id of the object (see enum ophoton_blast_obj)
 * @OPHOTON_A_BLAST_LINKS: u32, links losing at least one lane
 * @OPHOTON_A_BLAST_LINKS_DOWN: u32, links going down
 * @OPHOTON_A_BLAST_LANES: u64, lane-directions going dark
 * @OPHOTON_A_BLAST_GPUS: u32, GPUs losing at least one link
 * @OPHOTON_A_BLAST_BANDWIDTH_GBPS: u64, bandwidth lost, per direction
 * @OPHOTON_A_BLAST_LINK_IDS: nest of u32 %OPHOTON_A_LINK_ID, the affected
 *	links, when there are at most 1024
 * @OPHOTON_A_SIM_ACTION: u8, enum ophoton_sim_action
 * @OPHOTON_A_SIM_STEP_NS: u64, virtual nanoseconds to step the clock by,
 *	any span from 1 ns; a long step runs in slices and a signal stops it
 *	part of the way (EINTR)
 * @OPHOTON_A_FAULT_KIND: u8, enum ophoton_fault_kind
 * @OPHOTON_A_FAULT_TARGET: u32, module, engine or link id, by kind
 * @OPHOTON_A_FIBRE: u8, enum ophoton_fibre
 * @OPHOTON_A_FAULT_VALUE: s32, kind-specific value
 * @OPHOTON_A_FAULT_AMOUNT: s32, ring drift total heating, mK
 * @OPHOTON_A_HEALTH_DOMAIN: u8, enum ophoton_health_domain
 * @OPHOTON_A_HEALTH_ID: u32, module slot or engine id
 * @OPHOTON_A_HEALTH_ERRORS: u32, faults the domain reported
 * @OPHOTON_A_HEALTH_RECOVERIES: u32, recoveries
 * @OPHOTON_A_HEALTH_LAST_ERROR_NS: u64, virtual time of the last fault;
 *	absent when there was none
 * @OPHOTON_A_HEALTH_QUARANTINED: flag: out of service until recovered
 * @OPHOTON_A_HEALTH_GRACE_MS: u32, faults closer than this count towards
 *	quarantine
 * @OPHOTON_A_ALARM_KIND: u8, enum ophoton_alarm_kind
 * @OPHOTON_A_ALARM_FLAGS: u32, threshold flags newly latched
 * @OPHOTON_A_ALARM_LASERS: u32, bitmap of the lasers concerned
 * @OPHOTON_A_FABRIC_RACK_BUDGET_W: u32, power budget of each rack
 * @OPHOTON_A_THRESH: nest, enum ophoton_thresh_attrs: the levels of one
 *	analog value; one per value in replies and notifications
 * @OPHOTON_A_RACK_ID: u32, rack: compute racks first, then memory racks,
 *	then switch racks
 * @OPHOTON_A_RACK_KIND: u8, enum ophoton_rack_kind
 * @OPHOTON_A_TRAY: u32, tray within its rack
 * @OPHOTON_A_SLOT: u32, slot within its tray
 * @OPHOTON_A_ENGINE_ID: u32, engine on its side: gpu * engines + engine on
 *	the GPU side, plane * engines-per-plane + k on the switch side
 * @OPHOTON_A_ENGINE_DEAD: flag: the engine died
 * @OPHOTON_A_LINKS: u32, links of a rack, GPU or engine
 * @OPHOTON_A_LINKS_UP: u32, of those, links up (not degraded)
 * @OPHOTON_A_AGG_STATS: nest, enum ophoton_agg_stats
 * @OPHOTON_A_LASER_STATE: u8, enum ophoton_laser_state
 * @OPHOTON_A_LASER_FIBRE_CHECKED: flag: the module's fibre interlock passed
 * @OPHOTON_A_LASER_AGING_PREDICTED: flag: ages faster than it should
 * @OPHOTON_A_LASER_STATS: nest, enum ophoton_laser_stats
 * @OPHOTON_A_ENGINE_ACTION: u8, enum ophoton_engine_action
 * @OPHOTON_A_ALARM_LINK_COUNT: u32, links a threshold-links alarm is about
 * @OPHOTON_A_LINK_CAUSE: u8, enum ophoton_down_reason: what a technician
 *	would act on for a link that is not up now; absent when up
 * @OPHOTON_A_LANE_CAUSE: u8, enum ophoton_down_reason: why a lane is not
 *	active; absent when active, or locking on its way up
 * @OPHOTON_A_MODULE_CAUSE: u8, enum ophoton_module_cause: why a laser module
 *	is not healthy (its fault cause when in fault); absent when healthy
 * @OPHOTON_A_LASER_CAUSE: u8, enum ophoton_module_cause: why a laser is not
 *	healthy; absent when healthy
 * @OPHOTON_A_FABRIC_CLOCK_S: u64, the fabric's virtual clock, whole seconds
 *	since creation; goes on past the end of %OPHOTON_A_FABRIC_CLOCK_NS
 * @__OPHOTON_A_MAX: number of attributes
 * @OPHOTON_A_MAX: highest attribute
 */
enum ophoton_attr {
	OPHOTON_A_UNSPEC,
	OPHOTON_A_PAD,
	OPHOTON_A_VERSION_MODULE,
	OPHOTON_A_VERSION_PROTO,
	OPHOTON_A_FABRIC_ID,
	OPHOTON_A_FABRIC_GEN,
	OPHOTON_A_FABRIC_CLOCK_NS,
	OPHOTON_A_FABRIC_TIME_SCALE,
	OPHOTON_A_FABRIC_SEED,
	OPHOTON_A_FABRIC_GPUS,
	OPHOTON_A_FABRIC_RACKS,
	OPHOTON_A_FABRIC_MEMORY_RACKS,
	OPHOTON_A_FABRIC_SWITCH_RACKS,
	OPHOTON_A_FABRIC_TRAYS,
	OPHOTON_A_FABRIC_SLOTS,
	OPHOTON_A_FABRIC_ENGINES,
	OPHOTON_A_FABRIC_PORTS,
	OPHOTON_A_FABRIC_LAMBDAS,
	OPHOTON_A_FABRIC_MODULES,
	OPHOTON_A_FABRIC_FEED,
	OPHOTON_A_FABRIC_LINKS,
	OPHOTON_A_FABRIC_LANE_GBPS,
	OPHOTON_A_FABRIC_ACTION,
	OPHOTON_A_FABRIC_EVENT,
	OPHOTON_A_FABRIC_STATS,
	OPHOTON_A_STATS,
	OPHOTON_A_UNHEALTHY,
	OPHOTON_A_NTF_SEQ,
	OPHOTON_A_LINK_ID,
	OPHOTON_A_GPU_ID,
	OPHOTON_A_ENGINE,
	OPHOTON_A_PORT,
	OPHOTON_A_PLANE,
	OPHOTON_A_LINK_STATE,
	OPHOTON_A_LINK_ADMIN_UP,
	OPHOTON_A_LINK_DOWN_REASON,
	OPHOTON_A_LINK_LANES_UP,
	OPHOTON_A_LINK_ACTION,
	OPHOTON_A_LINK_STATS,
	OPHOTON_A_SIDE,
	OPHOTON_A_MODULE_ID,
	OPHOTON_A_MODULE_STATE,
	OPHOTON_A_MODULE_ADMIN,
	OPHOTON_A_MODULE_SERIAL,
	OPHOTON_A_MODULE_INSERT_COUNT,
	OPHOTON_A_MODULE_REMOVE_COUNT,
	OPHOTON_A_MODULE_LASERS_ON,
	OPHOTON_A_MODULE_LINKS_FED,
	OPHOTON_A_MODULE_SAFE_TO_REMOVE,
	OPHOTON_A_MODULE_ACTION,
	OPHOTON_A_MODULE_STATS,
	OPHOTON_A_LANE,
	OPHOTON_A_DIR,
	OPHOTON_A_LANE_STATE,
	OPHOTON_A_LANE_STATS,
	OPHOTON_A_BLAST_OBJ,
	OPHOTON_A_BLAST_ID,
	OPHOTON_A_BLAST_LINKS,
	OPHOTON_A_BLAST_LINKS_DOWN,
	OPHOTON_A_BLAST_LANES,
	OPHOTON_A_BLAST_GPUS,
	OPHOTON_A_BLAST_BANDWIDTH_GBPS,
	OPHOTON_A_BLAST_LINK_IDS,
	OPHOTON_A_SIM_ACTION,
	OPHOTON_A_SIM_STEP_NS,
	OPHOTON_A_FAULT_KIND,
	OPHOTON_A_FAULT_TARGET,
	OPHOTON_A_FIBRE,
	OPHOTON_A_FAULT_VALUE,
	OPHOTON_A_FAULT_AMOUNT,
	OPHOTON_A_HEALTH_DOMAIN,
	OPHOTON_A_HEALTH_ID,
	OPHOTON_A_HEALTH_ERRORS,
	OPHOTON_A_HEALTH_RECOVERIES,
	OPHOTON_A_HEALTH_LAST_ERROR_NS,
	OPHOTON_A_HEALTH_QUARANTINED,
	OPHOTON_A_HEALTH_GRACE_MS,
	OPHOTON_A_ALARM_KIND,
	OPHOTON_A_ALARM_FLAGS,
	OPHOTON_A_ALARM_LASERS,
	OPHOTON_A_FABRIC_RACK_BUDGET_W,
	OPHOTON_A_THRESH,
	OPHOTON_A_RACK_ID,
	OPHOTON_A_RACK_KIND,
	OPHOTON_A_TRAY,
	OPHOTON_A_SLOT,
	OPHOTON_A_ENGINE_ID,
	OPHOTON_A_ENGINE_DEAD,
	OPHOTON_A_LINKS,
	OPHOTON_A_LINKS_UP,
	OPHOTON_A_AGG_STATS,
	OPHOTON_A_LASER_STATE,
	OPHOTON_A_LASER_FIBRE_CHECKED,
	OPHOTON_A_LASER_AGING_PREDICTED,
	OPHOTON_A_LASER_STATS,
	OPHOTON_A_ENGINE_ACTION,
	OPHOTON_A_ALARM_LINK_COUNT,
	OPHOTON_A_LINK_CAUSE,
	OPHOTON_A_LANE_CAUSE,
	OPHOTON_A_MODULE_CAUSE,
	OPHOTON_A_LASER_CAUSE,
	OPHOTON_A_FABRIC_CLOCK_S,

	/* add new attributes above here, and to ophoton.yaml */
	__OPHOTON_A_MAX,
	OPHOTON_A_MAX = __OPHOTON_A_MAX - 1
};

/**
 * enum ophoton_fabric_stats - telemetry of a fabric (%OPHOTON_A_FABRIC_STATS)
 * @OPHOTON_A_FABRIC_STATS_UNSPEC: unused
 * @OPHOTON_A_FABRIC_STATS_PAD: padding for 64-bit attributes
 * @OPHOTON_A_FABRIC_STATS_LINKS_UP: u32, links up
 * @OPHOTON_A_FABRIC_STATS_LINKS_DEGRADED: u32, links up but degraded
 * @OPHOTON_A_FABRIC_STATS_LINKS_BRINGUP: u32, links waiting for light,
 *	calibrating, training, qualifying or retraining
 * @OPHOTON_A_FABRIC_STATS_LINKS_DOWN: u32, links administratively down
 * @OPHOTON_A_FABRIC_STATS_LINKS_FAILED: u32, links latched failed
 * @OPHOTON_A_FABRIC_STATS_BANDWIDTH_GBPS: u64, bandwidth of the links up,
 *	per direction
 * @OPHOTON_A_FABRIC_STATS_POWER_MW: u64, electrical power: GPUs, switch
 *	ASICs, engines and laser modules
 * @OPHOTON_A_FABRIC_STATS_TEMP_MC: s32, the hottest engine
 * @OPHOTON_A_FABRIC_STATS_OVER_BUDGET: flag: some rack draws more than its
 *	power budget
 * @__OPHOTON_A_FABRIC_STATS_MAX: number of attributes
 * @OPHOTON_A_FABRIC_STATS_MAX: highest attribute
 */
enum ophoton_fabric_stats {
	OPHOTON_A_FABRIC_STATS_UNSPEC,
	OPHOTON_A_FABRIC_STATS_PAD,
	OPHOTON_A_FABRIC_STATS_LINKS_UP,
	OPHOTON_A_FABRIC_STATS_LINKS_DEGRADED,
	OPHOTON_A_FABRIC_STATS_LINKS_BRINGUP,
	OPHOTON_A_FABRIC_STATS_LINKS_DOWN,
	OPHOTON_A_FABRIC_STATS_LINKS_FAILED,
	OPHOTON_A_FABRIC_STATS_BANDWIDTH_GBPS,
	OPHOTON_A_FABRIC_STATS_POWER_MW,
	OPHOTON_A_FABRIC_STATS_TEMP_MC,
	OPHOTON_A_FABRIC_STATS_OVER_BUDGET,

	__OPHOTON_A_FABRIC_STATS_MAX,
	OPHOTON_A_FABRIC_STATS_MAX = __OPHOTON_A_FABRIC_STATS_MAX - 1
};

/**
 * enum ophoton_link_stats - telemetry of a link (%OPHOTON_A_LINK_STATS)
 * @OPHOTON_A_LINK_STATS_UNSPEC: unused
 * @OPHOTON_A_LINK_STATS_PAD: padding for 64-bit attributes
 * @OPHOTON_A_LINK_STATS_UP_COUNT: u32, times the link came up
 * @OPHOTON_A_LINK_STATS_DOWN_COUNT: u32, times it went down from up
 * @OPHOTON_A_LINK_STATS_FLAP_COUNT: u32, downs within 10 s of coming up
 * @OPHOTON_A_LINK_STATS_RETRAIN_COUNT: u32, bring-up attempts after the first
 * @OPHOTON_A_LINK_STATS_TIME_IN_STATE_NS: u64, virtual time since the last
 *	transition
 * @OPHOTON_A_LINK_STATS_OE_INPUT_UDBM: s32, laser light at the GPU engine's
 *	input, 0.001 dBm
 * @OPHOTON_A_LINK_STATS_FEED_LOSS_MDB: s32, loss of the feed fibre, from
 *	the laser module's output to the GPU engine's input, 0.001 dB
 * @OPHOTON_A_LINK_STATS_FIBRE_LENGTH_DM: u32, length of the link's fibre
 *	pair (GPU engine to switch engine), decimetres
 * @OPHOTON_A_LINK_STATS_TOF_PS: u32, time of flight over it, picoseconds
 * @OPHOTON_A_LINK_STATS_LATCHED: u32, latched flags: bits 0-3 LOS up/down,
 *	LOL up/down; bits 4-7 rx power, 8-11 engine input power threshold
 *	flags (warn-lo, warn-hi, alarm-lo, alarm-hi)
 * @OPHOTON_A_LINK_STATS_BANDWIDTH_GBPS: u32, lanes up times the lane rate
 * @OPHOTON_A_LINK_STATS_TX_FIBRE_LOSS_MDB: s32, loss of the link's transmit
 *	fibre (the up direction), 0.001 dB
 * @OPHOTON_A_LINK_STATS_RX_FIBRE_LOSS_MDB: s32, loss of its receive fibre
 *	(the down direction), 0.001 dB
 * @__OPHOTON_A_LINK_STATS_MAX: number of attributes
 * @OPHOTON_A_LINK_STATS_MAX: highest attribute
 */
enum ophoton_link_stats {
	OPHOTON_A_LINK_STATS_UNSPEC,
	OPHOTON_A_LINK_STATS_PAD,
	OPHOTON_A_LINK_STATS_UP_COUNT,
	OPHOTON_A_LINK_STATS_DOWN_COUNT,
	OPHOTON_A_LINK_STATS_FLAP_COUNT,
	OPHOTON_A_LINK_STATS_RETRAIN_COUNT,
	OPHOTON_A_LINK_STATS_TIME_IN_STATE_NS,
	OPHOTON_A_LINK_STATS_OE_INPUT_UDBM,
	OPHOTON_A_LINK_STATS_FEED_LOSS_MDB,
	OPHOTON_A_LINK_STATS_FIBRE_LENGTH_DM,
	OPHOTON_A_LINK_STATS_TOF_PS,
	OPHOTON_A_LINK_STATS_LATCHED,
	OPHOTON_A_LINK_STATS_BANDWIDTH_GBPS,
	OPHOTON_A_LINK_STATS_TX_FIBRE_LOSS_MDB,
	OPHOTON_A_LINK_STATS_RX_FIBRE_LOSS_MDB,

	__OPHOTON_A_LINK_STATS_MAX,
	OPHOTON_A_LINK_STATS_MAX = __OPHOTON_A_LINK_STATS_MAX - 1
};

/* The feed fibre's loss had this name before the link's fibres had theirs. */
#define OPHOTON_A_LINK_STATS_FIBRE_LOSS_MDB OPHOTON_A_LINK_STATS_FEED_LOSS_MDB

/**
 * enum ophoton_module_stats - telemetry of a laser module (%OPHOTON_A_MODULE_STATS)
 * @OPHOTON_A_MODULE_STATS_UNSPEC: unused
 * @OPHOTON_A_MODULE_STATS_TEMP_MC: s32, case temperature
 * @OPHOTON_A_MODULE_STATS_SUPPLY_MV: u32, supply voltage
 * @OPHOTON_A_MODULE_STATS_POWER_MW: u32, electrical power drawn
 * @OPHOTON_A_MODULE_STATS_FLAGS: u32, threshold flags now: temperature in
 *	bits 0-3, supply in 4-7 (warn-lo, warn-hi, alarm-lo, alarm-hi)
 * @OPHOTON_A_MODULE_STATS_LATCHED: u32, the same flags, latched
 * @__OPHOTON_A_MODULE_STATS_MAX: number of attributes
 * @OPHOTON_A_MODULE_STATS_MAX: highest attribute
 */
enum ophoton_module_stats {
	OPHOTON_A_MODULE_STATS_UNSPEC,
	OPHOTON_A_MODULE_STATS_TEMP_MC,
	OPHOTON_A_MODULE_STATS_SUPPLY_MV,
	OPHOTON_A_MODULE_STATS_POWER_MW,
	OPHOTON_A_MODULE_STATS_FLAGS,
	OPHOTON_A_MODULE_STATS_LATCHED,

	__OPHOTON_A_MODULE_STATS_MAX,
	OPHOTON_A_MODULE_STATS_MAX = __OPHOTON_A_MODULE_STATS_MAX - 1
};

/**
 * enum ophoton_lane_stats - telemetry of a lane (%OPHOTON_A_LANE_STATS)
 * @OPHOTON_A_LANE_STATS_UNSPEC: unused
 * @OPHOTON_A_LANE_STATS_PAD: padding for 64-bit attributes
 * @OPHOTON_A_LANE_STATS_RX_POWER_UDBM: s32, received power, 0.001 dBm; never
 *	below -40 dBm, the photodiode's floor (what a dark lane reads)
 * @OPHOTON_A_LANE_STATS_MARGIN_MDB: s32, over sensitivity, 0.001 dB
 * @OPHOTON_A_LANE_STATS_RING_OFFSET_PM: s32, receive ring off its line
 * @OPHOTON_A_LANE_STATS_HEATER_UW: u32, ring heater power
 * @OPHOTON_A_LANE_STATS_BER_E: u32, pre-FEC BER estimated from the errors
 *	counted, as -100 log10 (1200 is 1e-12); absent when the lane carries
 *	no data, or has counted too few errors for an estimate (then
 *	%OPHOTON_A_LANE_STATS_BER_BOUND_E)
 * @OPHOTON_A_LANE_STATS_BITS: u64, bits received
 * @OPHOTON_A_LANE_STATS_ERR_BITS: u64, errored bits
 * @OPHOTON_A_LANE_STATS_FEC_CORRECTED: u64, codewords corrected (switch
 *	side receivers only; absent elsewhere)
 * @OPHOTON_A_LANE_STATS_FEC_UNCORRECTABLE: u64, codewords lost on the link
 *	(they span its lanes; switch side only)
 * @OPHOTON_A_LANE_STATS_FLAGS: u32, rx power threshold flags now
 * @OPHOTON_A_LANE_STATS_BER_BOUND_E: u32, the BER is below this bound, as
 *	-100 log10: fewer than three errors were counted in the bits
 *	received (3 / bits, 95 % confidence), and never below 1e-15 (1500);
 *	absent when the lane carries no data or has an estimate
 * @__OPHOTON_A_LANE_STATS_MAX: number of attributes
 * @OPHOTON_A_LANE_STATS_MAX: highest attribute
 */
enum ophoton_lane_stats {
	OPHOTON_A_LANE_STATS_UNSPEC,
	OPHOTON_A_LANE_STATS_PAD,
	OPHOTON_A_LANE_STATS_RX_POWER_UDBM,
	OPHOTON_A_LANE_STATS_MARGIN_MDB,
	OPHOTON_A_LANE_STATS_RING_OFFSET_PM,
	OPHOTON_A_LANE_STATS_HEATER_UW,
	OPHOTON_A_LANE_STATS_BER_E,
	OPHOTON_A_LANE_STATS_BITS,
	OPHOTON_A_LANE_STATS_ERR_BITS,
	OPHOTON_A_LANE_STATS_FEC_CORRECTED,
	OPHOTON_A_LANE_STATS_FEC_UNCORRECTABLE,
	OPHOTON_A_LANE_STATS_FLAGS,
	OPHOTON_A_LANE_STATS_BER_BOUND_E,

	__OPHOTON_A_LANE_STATS_MAX,
	OPHOTON_A_LANE_STATS_MAX = __OPHOTON_A_LANE_STATS_MAX - 1
};

/**
 * enum ophoton_thresh_attrs - levels of one analog value (%OPHOTON_A_THRESH)
 * @OPHOTON_A_THRESH_UNSPEC: unused
 * @OPHOTON_A_THRESH_ID: u8, enum ophoton_thresh_id; required
 * @OPHOTON_A_THRESH_ALARM_LO: s32, alarm at or below, in the unit of the id
 * @OPHOTON_A_THRESH_WARN_LO: s32, warning at or below
 * @OPHOTON_A_THRESH_WARN_HI: s32, warning at or above
 * @OPHOTON_A_THRESH_ALARM_HI: s32, alarm at or above
 * @__OPHOTON_A_THRESH_MAX: number of attributes
 * @OPHOTON_A_THRESH_MAX: highest attribute
 *
 * The levels must stay ordered alarm-lo <= warn-lo < warn-hi <= alarm-hi.
 */
enum ophoton_thresh_attrs {
	OPHOTON_A_THRESH_UNSPEC,
	OPHOTON_A_THRESH_ID,
	OPHOTON_A_THRESH_ALARM_LO,
	OPHOTON_A_THRESH_WARN_LO,
	OPHOTON_A_THRESH_WARN_HI,
	OPHOTON_A_THRESH_ALARM_HI,

	__OPHOTON_A_THRESH_MAX,
	OPHOTON_A_THRESH_MAX = __OPHOTON_A_THRESH_MAX - 1
};

/**
 * enum ophoton_agg_stats - telemetry of a rack, GPU or engine
 *	(%OPHOTON_A_AGG_STATS)
 * @OPHOTON_A_AGG_STATS_UNSPEC: unused
 * @OPHOTON_A_AGG_STATS_PAD: padding for 64-bit attributes
 * @OPHOTON_A_AGG_STATS_LINKS_DEGRADED: u32, links up but degraded
 * @OPHOTON_A_AGG_STATS_LINKS_BRINGUP: u32, links on their way up
 * @OPHOTON_A_AGG_STATS_LINKS_DOWN: u32, links administratively down
 * @OPHOTON_A_AGG_STATS_LINKS_FAILED: u32, links latched failed
 * @OPHOTON_A_AGG_STATS_BANDWIDTH_GBPS: u64, bandwidth of the links up, per
 *	direction
 * @OPHOTON_A_AGG_STATS_POWER_MW: u64, electrical power: the GPU or switch
 *	ASICs, engines and laser modules within
 * @OPHOTON_A_AGG_STATS_TEMP_MC: s32, the hottest engine within
 * @OPHOTON_A_AGG_STATS_BUDGET_W: u32, the rack's power budget (racks only)
 * @OPHOTON_A_AGG_STATS_OVER_BUDGET: flag: above it (racks only)
 * @OPHOTON_A_AGG_STATS_FLAGS: u32, temperature threshold flags now
 *	(engines only)
 * @OPHOTON_A_AGG_STATS_LATCHED: u32, the same, latched (engines only)
 * @__OPHOTON_A_AGG_STATS_MAX: number of attributes
 * @OPHOTON_A_AGG_STATS_MAX: highest attribute
 */
enum ophoton_agg_stats {
	OPHOTON_A_AGG_STATS_UNSPEC,
	OPHOTON_A_AGG_STATS_PAD,
	OPHOTON_A_AGG_STATS_LINKS_DEGRADED,
	OPHOTON_A_AGG_STATS_LINKS_BRINGUP,
	OPHOTON_A_AGG_STATS_LINKS_DOWN,
	OPHOTON_A_AGG_STATS_LINKS_FAILED,
	OPHOTON_A_AGG_STATS_BANDWIDTH_GBPS,
	OPHOTON_A_AGG_STATS_POWER_MW,
	OPHOTON_A_AGG_STATS_TEMP_MC,
	OPHOTON_A_AGG_STATS_BUDGET_W,
	OPHOTON_A_AGG_STATS_OVER_BUDGET,
	OPHOTON_A_AGG_STATS_FLAGS,
	OPHOTON_A_AGG_STATS_LATCHED,

	__OPHOTON_A_AGG_STATS_MAX,
	OPHOTON_A_AGG_STATS_MAX = __OPHOTON_A_AGG_STATS_MAX - 1
};

/**
 * enum ophoton_laser_stats - telemetry of a laser (%OPHOTON_A_LASER_STATS)
 * @OPHOTON_A_LASER_STATS_UNSPEC: unused
 * @OPHOTON_A_LASER_STATS_BIAS_UA: u32, bias current
 * @OPHOTON_A_LASER_STATS_POWER_UW: u32, optical power before the split
 * @OPHOTON_A_LASER_STATS_VOLTAGE_MV: u32, forward voltage
 * @OPHOTON_A_LASER_STATS_FREQ_ERR_MHZ: s32, distance from its grid line;
 *	absent when the laser does not shine (no light, no wavelength)
 * @OPHOTON_A_LASER_STATS_TEMP_MC: s32, laser temperature; absent when the
 *	laser does not shine (its TEC controller is off)
 * @OPHOTON_A_LASER_STATS_TEC_MA: u32, TEC current
 * @OPHOTON_A_LASER_STATS_AGE_PPM: u32, end-of-life fraction used, parts per
 *	million
 * @OPHOTON_A_LASER_STATS_FLAGS: u32, threshold flags now: bias bits 0-3,
 *	power 4-7, frequency 8-11
 * @OPHOTON_A_LASER_STATS_LATCHED: u32, the same, latched
 * @__OPHOTON_A_LASER_STATS_MAX: number of attributes
 * @OPHOTON_A_LASER_STATS_MAX: highest attribute
 */
enum ophoton_laser_stats {
	OPHOTON_A_LASER_STATS_UNSPEC,
	OPHOTON_A_LASER_STATS_BIAS_UA,
	OPHOTON_A_LASER_STATS_POWER_UW,
	OPHOTON_A_LASER_STATS_VOLTAGE_MV,
	OPHOTON_A_LASER_STATS_FREQ_ERR_MHZ,
	OPHOTON_A_LASER_STATS_TEMP_MC,
	OPHOTON_A_LASER_STATS_TEC_MA,
	OPHOTON_A_LASER_STATS_AGE_PPM,
	OPHOTON_A_LASER_STATS_FLAGS,
	OPHOTON_A_LASER_STATS_LATCHED,

	__OPHOTON_A_LASER_STATS_MAX,
	OPHOTON_A_LASER_STATS_MAX = __OPHOTON_A_LASER_STATS_MAX - 1
};

#endif /* _UAPI_LINUX_OPHOTON_H */
