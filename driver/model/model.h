/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ophoton model: a deterministic simulation of a rack-scale co-packaged
 * optics fabric.
 *
 * Endpoints (GPUs, and memory devices when there are memory racks) sit in
 * trays of racks; each has optical engines with ports (fibre pairs), and
 * each port is one link to a port of a plane switch in a switch rack.  Each
 * link carries one wavelength lane per laser of the laser modules that
 * light it, in two directions: "up" (endpoint to switch, lit by the
 * endpoint's module) and "down" (switch to endpoint, lit by the switch's).
 *
 * Everything is driven by one virtual clock and one event queue per fabric;
 * nothing happens between events, so telemetry is a function of the state,
 * the time in state, the injected faults and the seed, computed when read.
 * The caller serialises all calls on one fabric (the kernel holds the
 * fabric's mutex).  The model never sleeps and allocates only in
 * oph_fabric_create() and when a laser module is inserted.
 */
#ifndef _OPHOTON_MODEL_H
#define _OPHOTON_MODEL_H

#include "osdep.h"

#define OPH_NS_PER_MS	1000000ULL
#define OPH_NS_PER_S	1000000000ULL

/* Feed map: which laser module lights which ports of an endpoint. */
enum oph_feed {
	OPH_FEED_BLOCK,		/* module j lights every port of a group of engines */
	OPH_FEED_STRIPE,	/* module j lights a slice of every engine's ports */
};

/**
 * struct oph_params - creation parameters of a fabric (all counts)
 * @racks: compute racks
 * @memory_racks: memory racks, reached like compute racks
 * @switch_racks: switch racks holding the plane switches
 * @trays: trays per rack
 * @slots: endpoints (GPUs or memory devices) per tray
 * @engines: optical engines per endpoint
 * @ports: ports (fibre pairs, links) per engine
 * @lambdas: wavelength lanes per port = lasers per laser module
 * @modules: laser modules per endpoint
 * @lane_gbps: line rate of one lane
 * @feed: feed map of the endpoints' laser modules
 * @time_scale: virtual seconds per real second (the glue's clock speed)
 * @seed: seed of every per-object variation
 * @min_lanes: lanes a link needs to be up at all (else it retrains)
 * @max_retries: bring-up attempts before a link latches failed
 * @ber_qual_ms: duration of BER qualification during bring-up
 * @quarantine_errors: faults within @grace_ms that quarantine a domain
 * @grace_ms: health grace period
 * @rack_budget_w: rack power budget, alarm above it
 * @alarm_history: alarms the glue's history keeps (as @time_scale, the
 *	model only checks it)
 */
struct oph_params {
	u32 racks;
	u32 memory_racks;
	u32 switch_racks;
	u32 trays;
	u32 slots;
	u32 engines;
	u32 ports;
	u32 lambdas;
	u32 modules;
	u32 lane_gbps;
	u32 feed;
	u32 time_scale;
	u64 seed;
	u32 min_lanes;
	u32 max_retries;
	u32 ber_qual_ms;
	u32 quarantine_errors;
	u32 grace_ms;
	u32 rack_budget_w;
	u32 alarm_history;
};

/* Hard limits of the model, whatever the parameters. */
#define OPH_MAX_LAMBDAS		16
#define OPH_MODULE_FIBRES	16	/* output fibres of a laser module */
#define OPH_MAX_ENDPOINTS	65536
#define OPH_MAX_LINKS		BIT(22)

/* Laser module: CMIS-like module state. */
enum oph_mod_state {
	OPH_MOD_ABSENT,
	OPH_MOD_LOW_POWER,	/* present, lasers off (after reset) */
	OPH_MOD_POWERING_UP,	/* TEC settling */
	OPH_MOD_READY,		/* lasers may be enabled */
	OPH_MOD_POWERING_DOWN,
	OPH_MOD_FAULT,		/* all lasers off until reset */
	OPH_MOD_RESETTING,	/* after insertion or a reset */
	__OPH_MOD_STATE_CNT
};

/* Laser module: admin state, after devlink line cards. */
enum oph_admin {
	OPH_ADMIN_UNPROVISIONED,	/* operator wants it dark */
	OPH_ADMIN_PROVISIONING,		/* powering up, checking fibres, ramping */
	OPH_ADMIN_ACTIVE,		/* lighting its ports */
	OPH_ADMIN_UNPROVISIONING,	/* draining its links, then powering down */
	__OPH_ADMIN_CNT
};

/* One laser (wavelength) of a module, ELSFP lane states with interlock. */
enum oph_laser_state {
	OPH_LASER_OFF,
	OPH_LASER_CHECK,	/* fibre check at low power; stays while unverified */
	OPH_LASER_RAMPING,
	OPH_LASER_ON,
	OPH_LASER_FAULT,
	__OPH_LASER_STATE_CNT
};

/* Link: one port pair, both directions. */
enum oph_link_state {
	OPH_LINK_DOWN,		/* admin down */
	OPH_LINK_WAIT_LIGHT,	/* admin up, waiting for both ends' lasers */
	OPH_LINK_CALIBRATING,	/* ring calibration, wavelength lock */
	OPH_LINK_TRAINING,
	OPH_LINK_BER_QUAL,
	OPH_LINK_UP,
	OPH_LINK_DEGRADED,	/* up with lanes lost or BER above warning */
	OPH_LINK_RETRAINING,	/* backoff before the next attempt */
	OPH_LINK_FAILED,	/* latched after max_retries; admin clears */
	__OPH_LINK_STATE_CNT
};

/* Lane: one wavelength of one link in one direction. */
enum oph_lane_state {
	OPH_LANE_DARK,
	OPH_LANE_LOCKING,
	OPH_LANE_LOCKED,
	OPH_LANE_ACTIVE,
	OPH_LANE_DRIFTING,
	OPH_LANE_FAILED,
	__OPH_LANE_STATE_CNT
};

/*
 * Whether a lane in @state carries data: active, or drifting but still
 * within its lock window.  Such a lane counts bits and reports a BER.
 */
static inline bool oph_lane_carrying(u8 state)
{
	return state == OPH_LANE_ACTIVE || state == OPH_LANE_DRIFTING;
}

/*
 * Why a link last went down (or did not come up), and the cause a
 * technician acts on of whatever link or lane is not healthy now.
 */
enum oph_down_reason {
	OPH_DOWN_NONE,
	OPH_DOWN_ADMIN,
	OPH_DOWN_NO_LIGHT,	/* a laser feeding it went dark, cause unknown */
	OPH_DOWN_DRAIN,		/* prepare-for-removal of a laser module */
	OPH_DOWN_LANES,		/* fewer than min_lanes lanes */
	OPH_DOWN_BER,		/* BER above the down threshold */
	OPH_DOWN_ARBITRATION,	/* wavelength arbitration failed */
	OPH_DOWN_TIMEOUT,	/* a bring-up phase did not finish */
	OPH_DOWN_ENGINE,	/* an engine at either end died */
	OPH_DOWN_FIBRE,		/* the link's transmit or receive fibre: cut or lossy */
	OPH_DOWN_FEED_FIBRE,	/* the feed fibre from the laser module: cut or lossy */
	OPH_DOWN_RING,		/* a ring past its tuning range lost lock */
	OPH_DOWN_THERMAL,	/* an engine overheated */
	OPH_DOWN_MODULE,	/* the laser module lighting it: absent, off or in fault */
	OPH_DOWN_LASER,		/* a laser of that module failed */
	OPH_DOWN_TEC,		/* that module's lasers walked off grid (TEC) */
	__OPH_DOWN_CNT
};

/* Why a laser module (or a laser) is not healthy, after CMIS fault causes. */
enum oph_mod_cause {
	OPH_MC_NONE,
	OPH_MC_TEC_RUNAWAY,	/* CMIS fault cause 1: the TEC lost control */
	OPH_MC_SUPPLY,		/* its supply failed: every laser dark at once */
	OPH_MC_FIRMWARE,	/* it hung in a transition; the host gave up */
	OPH_MC_LASER,		/* a laser's power loop failed (ELSFP fault code 1) */
	OPH_MC_AGING,		/* a laser wears out: bias warning or predicted */
	OPH_MC_QUARANTINE,	/* faults came too often: taken out of service */
	__OPH_MC_CNT
};

enum oph_dir {
	OPH_DIR_UP,	/* endpoint to switch */
	OPH_DIR_DOWN,	/* switch to endpoint */
};

/* Sides of the fabric owning laser modules and engines. */
enum oph_side {
	OPH_SIDE_EP,	/* endpoints (GPUs, memory) */
	OPH_SIDE_SW,	/* plane switches */
};

/* Injectable faults (cpo-domain.md §8.5). */
enum oph_fault_kind {
	OPH_FAULT_MODULE_DEATH,	/* module: all lasers dark, module FAULT */
	OPH_FAULT_LASER_DEATH,	/* module, laser: one laser dark */
	OPH_FAULT_LASER_AGING,	/* module, laser or all, rate: bias rises */
	OPH_FAULT_FIBRE_CUT,	/* link, which: tx, rx or feed */
	OPH_FAULT_FIBRE_DIRTY,	/* link, which, extra loss */
	OPH_FAULT_RING_DRIFT,	/* engine: rate, amount of heating */
	OPH_FAULT_TEC,		/* module: TEC failure, lasers walk off grid */
	OPH_FAULT_BER,		/* link (or lane): forced BER */
	OPH_FAULT_ARBITRATION,	/* link: wavelength arbitration fails */
	OPH_FAULT_ENGINE_DEATH,	/* engine: its ports dark both ways */
	OPH_FAULT_FW_HANG,	/* module: frozen in a transient state */
	OPH_FAULT_COOLING,	/* engine: its cold plate lost its coolant; rate */
	__OPH_FAULT_CNT
};

/* Which fibre of a link a fibre fault hits (seen from the endpoint). */
enum oph_fibre {
	OPH_FIBRE_TX,		/* endpoint's transmit fibre: the up direction */
	OPH_FIBRE_RX,		/* endpoint's receive fibre: the down direction */
	OPH_FIBRE_FEED,		/* laser module output to the endpoint's engine */
};

/**
 * struct oph_fault - one injected fault
 * @kind: enum oph_fault_kind
 * @side: enum oph_side of the target module or engine
 * @target: module, engine or link id, by @kind
 * @lane: laser or lane index, or OPH_ALL
 * @which: enum oph_fibre for fibre faults (OPH_ALL: the transmit fibre);
 *	for BER faults the direction: OPH_FIBRE_TX the up one, OPH_FIBRE_RX
 *	the down one, OPH_ALL both
 * @value: kind-specific: extra loss (0.01 dB), extra aging rate (ppm of
 *	life per hour), ring drift or cooling loss heating rate (mK/s), BER
 *	exponent (x100, e.g. 600 = 1e-6)
 * @amount: ring drift total heating (mK)
 * @since: virtual time of injection (ns)
 */
struct oph_fault {
	u8 kind;
	u8 side;
	u8 which;
	u8 lane;
	u32 target;
	s32 value;
	s32 amount;
	u64 since;
};

#define OPH_ALL 0xff

/* Kinds of objects named by change records and blast radius queries. */
enum oph_obj {
	OPH_OBJ_FABRIC,
	OPH_OBJ_MODULE,	/* laser module slot */
	OPH_OBJ_LASER,	/* id: module * lambdas + laser */
	OPH_OBJ_ENGINE,
	OPH_OBJ_LINK,
	OPH_OBJ_FIBRE,	/* id: link; the fibre pair and feed of that port */
	OPH_OBJ_TRAY,	/* id: rack * trays + tray (endpoint side) */
	OPH_OBJ_RACK,	/* endpoint racks first, then switch racks */
	OPH_OBJ_HEALTH,	/* fault domain (module or engine) health */
	OPH_OBJ_ALARM,	/* a threshold latched, or aging predicted */
	__OPH_OBJ_CNT
};

/* What an OPH_OBJ_ALARM record is about (in its @reason). */
enum oph_alarm {
	OPH_ALARM_LINK,		/* id: link; flags: rx << 4 | engine input << 8 */
	OPH_ALARM_MODULE,	/* id: module; flags: temperature | supply << 4 */
	OPH_ALARM_LASERS,	/* id: module; flags: OR of the lasers'; mask: which */
	OPH_ALARM_ENGINE,	/* id: engine; flags: temperature */
	OPH_ALARM_AGING,	/* id: module; mask: lasers aging too fast */
	OPH_ALARM_LINKS,	/* id: domain; @count links, lowest @link */
	/* id: link, module or engine (@domain says which); flags: those cleared */
	OPH_ALARM_CLEARED,
};

/**
 * struct oph_change - one state change, for notifications
 * @seq: per-fabric sequence number, without gaps
 * @time: virtual time (ns)
 * @obj: enum oph_obj
 * @side: enum oph_side for modules, engines and health
 * @id: object id
 * @old: previous state
 * @new: new state
 * @reason: enum oph_down_reason for links, the domain's enum oph_obj for
 *	health, enum oph_alarm for alarms
 * @admin: laser modules: the slot's enum oph_admin with @new
 * @admin_old: laser modules: the slot's enum oph_admin at its previous
 *	change (with @old)
 * @flags: alarms: the threshold flags newly latched
 * @mask: alarms: the lasers concerned
 * @domain: OPH_ALARM_LINKS: the fault domain's enum oph_obj; OPH_ALARM_CLEARED:
 *	the object's (OPH_OBJ_LINK, OPH_OBJ_MODULE or OPH_OBJ_ENGINE)
 * @link: OPH_ALARM_LINKS: the lowest id of the links
 * @count: OPH_ALARM_LINKS: how many links latched a flag
 *
 * A change is recorded per object whose state changed, never per lane: a
 * laser module's failure yields one record for the module and at most one
 * per link it fed.  State changes (links, modules) and alarms (health,
 * OPH_OBJ_ALARM) are numbered in two sequences without gaps, one per
 * notification stream.
 */
struct oph_change {
	u64 seq;
	u64 time;
	u8 obj;
	u8 side;
	u8 old;
	u8 new;
	u8 reason;
	u8 admin;
	u8 admin_old;
	u32 id;
	u32 flags;
	u16 mask;
	u8 domain;
	u32 link;
	u32 count;
};

struct oph_fabric;

typedef void (*oph_change_fn)(void *ctx, const struct oph_change *c);

/* Topology, derived from the parameters at creation. */
struct oph_topo {
	u32 ep_racks;		/* compute + memory */
	u32 endpoints;
	u32 ep_per_rack;
	u32 ports_per_ep;	/* = planes */
	u32 links;
	u32 ep_engines;
	u32 ep_modules;
	u32 ports_per_module;
	u32 sw_per_rack;	/* plane switches per switch rack */
	u32 sw_engines_per_plane;
	u32 sw_modules_per_plane;
	u32 sw_engines;
	u32 sw_modules;
	u32 lanes;		/* per direction */
};

/* Laser module slots on one side. */
static inline u32 oph_topo_modules(const struct oph_topo *t, enum oph_side side)
{
	return side == OPH_SIDE_EP ? t->ep_modules : t->sw_modules;
}

/* Optical engines on one side. */
static inline u32 oph_topo_engines(const struct oph_topo *t, enum oph_side side)
{
	return side == OPH_SIDE_EP ? t->ep_engines : t->sw_engines;
}

/* Topology and index math (topo.c). */
void oph_params_default(struct oph_params *p);
int oph_params_check(const struct oph_params *p, const char **why);
void oph_topo_init(struct oph_topo *t, const struct oph_params *p);
u32 oph_link_of(const struct oph_fabric *f, u32 ep, u32 engine, u32 port);
void oph_link_split(const struct oph_fabric *f, u32 link, u32 *ep, u32 *engine,
		    u32 *port);
void oph_lane_split(const struct oph_fabric *f, u32 idx, u32 *link, u32 *dir, u32 *lane);
u32 oph_lane_index(const struct oph_fabric *f, u32 link, u32 dir, u32 lane);
u32 oph_link_module(const struct oph_fabric *f, u32 link, enum oph_side side);
u32 oph_link_engine(const struct oph_fabric *f, u32 link, enum oph_side side);
u32 oph_link_plane(const struct oph_fabric *f, u32 link);
u32 oph_module_links(const struct oph_fabric *f, enum oph_side side, u32 mod,
		     u32 *links, u32 max);
u32 oph_engine_links(const struct oph_fabric *f, enum oph_side side, u32 eng,
		     u32 *links, u32 max);
u32 oph_ep_rack(const struct oph_fabric *f, u32 ep);
u32 oph_link_fibre_dm(const struct oph_fabric *f, u32 link);

/* Lifetime and time (fabric.c). */
int oph_fabric_create(const struct oph_params *p, struct oph_fabric **out,
		      const char **why);
u64 oph_fabric_destroy(struct oph_fabric *f);
u64 oph_fabric_modules_made(const struct oph_fabric *f);
const struct oph_params *oph_fabric_params(const struct oph_fabric *f);
const struct oph_topo *oph_fabric_topo(const struct oph_fabric *f);
void oph_fabric_set_notify(struct oph_fabric *f, oph_change_fn fn, void *ctx);
/* What an alarm record (OPH_OBJ_ALARM, OPH_OBJ_HEALTH) says now (thresh.c). */
bool oph_alarm_active(const struct oph_fabric *f, const struct oph_change *c);
u8 oph_alarm_severity(const struct oph_change *c);
u64 oph_fabric_now(const struct oph_fabric *f);
u64 oph_fabric_next_event(const struct oph_fabric *f);
u32 oph_fabric_advance(struct oph_fabric *f, u64 until);
bool oph_fabric_advance_some(struct oph_fabric *f, u64 until, u32 budget);
bool oph_fabric_step_some(struct oph_fabric *f, u64 *left, u32 budget);
u64 oph_fabric_clock_ns(const struct oph_fabric *f);
u64 oph_fabric_clock_s(const struct oph_fabric *f);
u64 oph_fabric_generation(const struct oph_fabric *f);
u64 oph_fabric_change_seq(const struct oph_fabric *f);
u64 oph_fabric_take_seq(struct oph_fabric *f);
size_t oph_fabric_bytes(const struct oph_fabric *f);

/* Management (link.c, laser.c). */
int oph_link_set_admin(struct oph_fabric *f, u32 link, bool up, const char **why);
int oph_link_retrain(struct oph_fabric *f, u32 link, const char **why);
int oph_link_clear(struct oph_fabric *f, u32 link, const char **why);
u32 oph_fabric_set_all(struct oph_fabric *f, bool up);
bool oph_fabric_set_slice(struct oph_fabric *f, bool up, u32 *pos, u32 budget,
			  u32 *refused);
int oph_module_activate(struct oph_fabric *f, enum oph_side side, u32 mod,
			const char **why);
int oph_module_drain(struct oph_fabric *f, enum oph_side side, u32 mod,
		     const char **why);
int oph_module_reset(struct oph_fabric *f, enum oph_side side, u32 mod,
		     const char **why);
int oph_module_recover(struct oph_fabric *f, enum oph_side side, u32 mod,
		       const char **why);
int oph_engine_recover(struct oph_fabric *f, enum oph_side side, u32 engine,
		       const char **why);
int oph_engine_recover_check(struct oph_fabric *f, enum oph_side side, u32 engine,
			     const char **why);

/* The physical world (laser.c, fault.c). */
int oph_module_insert(struct oph_fabric *f, enum oph_side side, u32 mod,
		      u32 serial, const char **why);
int oph_module_remove(struct oph_fabric *f, enum oph_side side, u32 mod,
		      const char **why);
/* The field of a struct oph_fault that oph_fault_check() refused. */
enum oph_fault_field {
	OPH_FF_KIND,
	OPH_FF_SIDE,
	OPH_FF_TARGET,
	OPH_FF_LANE,
	OPH_FF_WHICH,
	OPH_FF_VALUE,
	OPH_FF_AMOUNT,
};

int oph_fault_check(struct oph_fabric *f, const struct oph_fault *flt,
		    enum oph_fault_field *field, const char **why);
int oph_fault_inject(struct oph_fabric *f, const struct oph_fault *flt,
		     const char **why);
int oph_fault_clear(struct oph_fabric *f, const struct oph_fault *flt,
		    const char **why);
u32 oph_fault_count(const struct oph_fabric *f);
const struct oph_fault *oph_fault_get(const struct oph_fabric *f, u32 i);

/* Telemetry (telem.c), every value computed when read. */

/* Threshold flags, latched in oph_*_info.latched until cleared. */
#define OPH_FLAG_WARN_LO	0x01
#define OPH_FLAG_WARN_HI	0x02
#define OPH_FLAG_ALARM_LO	0x04
#define OPH_FLAG_ALARM_HI	0x08
#define OPH_FLAGS_MASK		0x0f

/* The analog values with thresholds, and their units. */
enum oph_thresh_id {
	OPH_TH_LANE_RX,		/* lane received power, 0.001 dBm */
	OPH_TH_PORT_OE_IN,	/* engine input power of a port, 0.001 dBm */
	OPH_TH_LASER_BIAS,	/* laser bias, permille of its beginning of life */
	OPH_TH_LASER_POWER,	/* laser output power, uW */
	OPH_TH_LASER_FREQ,	/* laser frequency error, MHz */
	OPH_TH_MODULE_TEMP,	/* laser module temperature, mC */
	OPH_TH_MODULE_SUPPLY,	/* laser module supply, mV */
	OPH_TH_ENGINE_TEMP,	/* engine die temperature, mC */
	__OPH_TH_CNT
};

/**
 * struct oph_thresh - warning and alarm levels of one analog value
 * @alarm_lo: alarm at or below
 * @warn_lo: warning at or below
 * @warn_hi: warning at or above
 * @alarm_hi: alarm at or above
 */
struct oph_thresh {
	s32 alarm_lo;
	s32 warn_lo;
	s32 warn_hi;
	s32 alarm_hi;
};

/**
 * struct oph_lane_info - one lane in one direction
 * @state: enum oph_lane_state
 * @rx_power_udbm: received optical power, 0.001 dBm (-40 dBm when dark)
 * @flags: OPH_FLAG_* of @rx_power_udbm now (none when dark)
 * @ring_offset_pm: resonance offset of the receive ring from its line
 * @heater_uw: ring heater power
 * @margin_mdb: rx power minus sensitivity, 0.001 dB
 * @ber_e: pre-FEC BER the receiver reports, -100 * log10 (1200 = 1e-12):
 *	the estimate, or with @ber_bound the bound it has counted bits enough
 *	for, never below 1e-15; 0 when the lane carries no data
 * @ber_bound: @ber_e is an upper bound (fewer than three errors counted)
 * @bits: bits received
 * @err_bits: errored bits
 * @fec_corrected: codewords corrected (switch side, up direction)
 * @fec_uncorrectable: codewords not correctable (switch side)
 * @has_fec: the receiving end runs FEC (the switch side)
 * @cause: enum oph_down_reason of a lane not carrying data; NONE otherwise
 */
struct oph_lane_info {
	u8 state;
	bool has_fec;
	bool ber_bound;
	u8 cause;
	u32 flags;
	s32 rx_power_udbm;
	s32 ring_offset_pm;
	u32 heater_uw;
	s32 margin_mdb;
	u32 ber_e;
	u64 bits;
	u64 err_bits;
	u64 fec_corrected;
	u64 fec_uncorrectable;
};

/* Link latched flags. */
#define OPH_LINK_LOS_UP		0x01	/* switch side lost light */
#define OPH_LINK_LOS_DOWN	0x02	/* endpoint side lost light */
#define OPH_LINK_LOL_UP		0x04
#define OPH_LINK_LOL_DOWN	0x08
#define OPH_LINK_RX_SHIFT	4	/* OPH_FLAG_* of any lane's rx power */
#define OPH_LINK_OE_SHIFT	8	/* OPH_FLAG_* of the engine input power */

/**
 * struct oph_link_info - one link
 * @ep: its endpoint, as oph_link_split() gives it
 * @engine: the endpoint's engine
 * @port: the engine's port
 * @plane: the plane switch at its far end, oph_link_plane()
 * @state: enum oph_link_state
 * @admin_up: operator wants it up
 * @down_reason: enum oph_down_reason of the last down
 * @lanes_up: lanes active, per direction
 * @oe_input_udbm: laser light reaching the endpoint engine's port, 0.001 dBm
 * @feed_loss_mdb: the feed fibre's loss, laser module output to the GPU
 *	engine's input, 0.001 dB
 * @fibre_m_dm: length of the link's fibre pair, decimetres
 * @tof_ps: time of flight over it
 * @tx_loss_mdb: loss of the link's transmit fibre (the up direction):
 *	connectors, 0.35 dB/km, dirt; 0.001 dB
 * @rx_loss_mdb: the same of its receive fibre (the down direction)
 * @latched: OPH_LINK_* flags since last cleared
 * @up_count: transitions to up
 * @down_count: transitions from up (or degraded) to not up
 * @flap_count: downs within 10 s of coming up
 * @retrain_count: bring-up attempts after the first
 * @retries: attempts of the current bring-up
 * @cause: enum oph_down_reason a technician would act on now; NONE when up
 * @flags: OPH_FLAG_* of the engine input power now
 * @time_in_state_ns: virtual time since the last transition
 * @bandwidth_gbps: lanes up times the lane rate, the lesser direction
 */
struct oph_link_info {
	u32 ep;
	u32 engine;
	u32 port;
	u32 plane;
	u8 state;
	bool admin_up;
	u8 down_reason;
	u8 lanes_up[2];
	s32 oe_input_udbm;
	s32 feed_loss_mdb;
	u32 fibre_m_dm;
	u32 tof_ps;
	s32 tx_loss_mdb;
	s32 rx_loss_mdb;
	u32 latched;
	u32 up_count;
	u32 down_count;
	u32 flap_count;
	u32 retrain_count;
	u32 retries;
	u8 cause;
	u32 flags;
	u64 time_in_state_ns;
	u32 bandwidth_gbps;
};

/* What a laser measures only while it shines. */
#define OPH_LASER_HAVE_FREQ	0x01	/* @freq_err_mhz */
#define OPH_LASER_HAVE_TEMP	0x02	/* @temp_mc */

/**
 * struct oph_laser_info - one laser of a module
 * @state: enum oph_laser_state
 * @fibre_checked: the interlock passed
 * @bias_ua: bias current
 * @power_uw: optical power before the split
 * @voltage_mv: forward voltage
 * @freq_err_mhz: distance from the grid line
 * @temp_mc: laser temperature
 * @tec_ma: TEC current
 * @age_ppm: end-of-life fraction used, parts per million
 * @flags: OPH_FLAG_* now, of bias, power and frequency (bits 0-3, 4-7, 8-11)
 * @latched: @flags latched since cleared
 * @aging_predicted: bias rises faster than the expected aging curve
 * @rate_ppb_h: life it uses now, parts per billion per hour: its own
 *	wear-out rate plus the aging faults on it
 * @warn_in_s: at @rate_ppb_h, virtual seconds until its bias reaches the
 *	warning level (0: there already)
 * @eol_in_s: the same until its end of life (bias 1.5x its beginning of
 *	life, where the power starts to droop)
 * @have: OPH_LASER_HAVE_* of the values the laser can measure now; the
 *	others are left out, not made up
 * @cause: enum oph_mod_cause of a laser not healthy; NONE otherwise
 */
struct oph_laser_info {
	u8 state;
	u8 have;
	u8 cause;
	bool fibre_checked;
	u32 bias_ua;
	u32 power_uw;
	u32 voltage_mv;
	s32 freq_err_mhz;
	s32 temp_mc;
	u32 tec_ma;
	u32 age_ppm;
	u32 flags;
	u32 latched;
	bool aging_predicted;
	u64 rate_ppb_h;
	u64 warn_in_s;
	u64 eol_in_s;
};

/**
 * struct oph_module_info - one laser module slot
 * @state: enum oph_mod_state
 * @admin: enum oph_admin
 * @serial: serial number of the module in the slot (0 when absent)
 * @insert_count: insertions into this slot
 * @remove_count: removals from this slot
 * @temp_mc: module case temperature
 * @supply_mv: supply voltage
 * @power_mw: electrical power drawn
 * @lasers_on: lasers in state ON
 * @links_fed: links this slot lights
 * @safe_to_remove: drained and dark
 * @flags: OPH_FLAG_* now, of temperature (bits 0-3) and supply (4-7)
 * @latched: @flags latched since cleared
 * @cause: enum oph_mod_cause: of the fault when in fault, else of what is
 *	not healthy (a laser failed or aging, quarantine); NONE when healthy
 */
struct oph_module_info {
	u8 state;
	u8 admin;
	u8 cause;
	u32 serial;
	u32 insert_count;
	u32 remove_count;
	s32 temp_mc;
	u32 supply_mv;
	u32 power_mw;
	u32 lasers_on;
	u32 links_fed;
	bool safe_to_remove;
	u32 flags;
	u32 latched;
};

/**
 * struct oph_health_info - a fault domain (a laser module slot or an engine)
 * @errors: faults reported
 * @recoveries: recoveries (automatic or by the operator)
 * @last_error_ns: virtual time of the last fault
 * @quarantined: taken out of service until an admin recovers it
 * @grace_ms: faults closer than this count towards quarantine
 */
struct oph_health_info {
	u32 errors;
	u32 recoveries;
	u64 last_error_ns;
	bool quarantined;
	u32 grace_ms;
};

/**
 * struct oph_health_kind_info - the fault domains of one kind as a whole
 * @errors: faults reported by any of them
 * @quarantined: domains quarantined now
 * @unhealthy: one is quarantined, or in error (a fault within the grace
 *	period, and no recovery since)
 */
struct oph_health_kind_info {
	u32 errors;
	u32 quarantined;
	bool unhealthy;
};

/**
 * struct oph_domain - a fault domain not healthy, as oph_health_scan() lists it
 * @side: enum oph_side
 * @quarantined: out of service until recovered
 * @in_error: a fault within the grace period, and no recovery since
 * @id: module or engine id
 * @errors: faults reported
 * @recoveries: recoveries out of quarantine
 * @last_error_ns: virtual time of the last fault since the fabric was made
 */
struct oph_domain {
	u8 side;
	bool quarantined;
	bool in_error;
	u32 id;
	u32 errors;
	u32 recoveries;
	u64 last_error_ns;
};

/**
 * struct oph_health_sum - the fault domains of one kind, summed
 * @domains: domains of the kind
 * @in_error: of those, with a fault within the grace period and no
 *	recovery since
 * @quarantined: of those, quarantined
 * @unhealthy: of those, in error or quarantined (what is listed)
 * @errors: faults of them all
 * @recoveries: recoveries of them all
 */
struct oph_health_sum {
	u32 domains;
	u32 in_error;
	u32 quarantined;
	u32 unhealthy;
	u64 errors;
	u64 recoveries;
};

/**
 * struct oph_agg_info - an engine, endpoint, rack or the whole fabric
 * @links: links in the aggregate
 * @by_state: links per enum oph_link_state
 * @bandwidth_gbps: bandwidth of the links up (lesser direction)
 * @temp_mc: hottest engine
 * @power_mw: engines (pJ/bit model) plus laser modules
 * @budget_w: rack power budget (racks only)
 * @over_budget: power above the budget (racks only)
 * @flags: OPH_FLAG_* of @temp_mc now (engines only)
 * @latched: @flags latched since cleared (engines only)
 * @dead: the engine died (engines only)
 */
struct oph_agg_info {
	u32 links;
	u32 by_state[__OPH_LINK_STATE_CNT];
	u64 bandwidth_gbps;
	s32 temp_mc;
	u64 power_mw;
	u32 budget_w;
	bool over_budget;
	u32 flags;
	u32 latched;
	bool dead;
};

/* A slot whose module may be pulled: drained, and dark in low power or fault. */
static inline bool oph_module_safe_to_remove(u8 state, u8 admin)
{
	return (state == OPH_MOD_LOW_POWER || state == OPH_MOD_FAULT) &&
	       admin == OPH_ADMIN_UNPROVISIONED;
}

/*
 * What "unhealthy" lists of a rack, GPU, engine or the fabric: a link not
 * up, a rack over its power budget, a dead engine or a threshold flag set.
 */
static inline bool oph_agg_unhealthy(const struct oph_agg_info *ai)
{
	return ai->by_state[OPH_LINK_UP] != ai->links || ai->over_budget ||
	       ai->dead || ai->flags;
}

/* Links of an aggregate on their way up: admin up, neither up nor failed. */
static inline u32 oph_agg_bringup(const struct oph_agg_info *ai)
{
	return ai->by_state[OPH_LINK_WAIT_LIGHT] + ai->by_state[OPH_LINK_CALIBRATING] +
	       ai->by_state[OPH_LINK_TRAINING] + ai->by_state[OPH_LINK_BER_QUAL] +
	       ai->by_state[OPH_LINK_RETRAINING];
}

int oph_lane_get(struct oph_fabric *f, u32 link, u32 lane, enum oph_dir dir,
		 struct oph_lane_info *li);
int oph_link_get(struct oph_fabric *f, u32 link, struct oph_link_info *li);
u8 oph_link_state(const struct oph_fabric *f, u32 link);
bool oph_lane_healthy(struct oph_fabric *f, u32 link, u32 lane, enum oph_dir dir);
void oph_lane_state(struct oph_fabric *f, u32 link, u32 lane, enum oph_dir dir,
		    struct oph_lane_info *li);
void oph_read_begin(struct oph_fabric *f);
void oph_read_end(struct oph_fabric *f);
int oph_laser_get(struct oph_fabric *f, enum oph_side side, u32 mod, u32 laser,
		  struct oph_laser_info *li);
int oph_module_get(struct oph_fabric *f, enum oph_side side, u32 mod,
		   struct oph_module_info *mi);
int oph_health_get(struct oph_fabric *f, enum oph_obj obj, enum oph_side side,
		   u32 id, struct oph_health_info *hi);
int oph_health_kind_get(struct oph_fabric *f, enum oph_obj obj,
			struct oph_health_kind_info *ki);
u32 oph_health_scan(struct oph_fabric *f, enum oph_obj obj,
		    struct oph_domain *out, u32 max, struct oph_health_sum *sum);
int oph_health_recover_kind(struct oph_fabric *f, enum oph_obj obj,
			    u32 *recovered, const char **why);
int oph_health_recover_one(struct oph_fabric *f, enum oph_obj obj,
			   enum oph_side side, u32 id, const char **why);
int oph_engine_get(struct oph_fabric *f, enum oph_side side, u32 engine,
		   struct oph_agg_info *ai);
int oph_ep_get(struct oph_fabric *f, u32 ep, struct oph_agg_info *ai);
int oph_rack_get(struct oph_fabric *f, u32 rack, struct oph_agg_info *ai);
void oph_fabric_get(struct oph_fabric *f, struct oph_agg_info *ai);
bool oph_agg_refresh(struct oph_fabric *f, u32 budget);
bool oph_agg_verify(struct oph_fabric *f);
void oph_fabric_thermal(struct oph_fabric *f, s32 *engine_mc, s32 *module_mc,
			u64 *optics_mw);
void oph_link_clear_latched(struct oph_fabric *f, u32 link);
int oph_module_clear_latched(struct oph_fabric *f, enum oph_side side, u32 mod,
			     const char **why);
int oph_engine_clear_latched(struct oph_fabric *f, enum oph_side side, u32 eng,
			     const char **why);

/* Thresholds (thresh.c). */
void oph_thresh_defaults(struct oph_thresh *t);
const struct oph_thresh *oph_thresh_get(const struct oph_fabric *f,
					enum oph_thresh_id id);
int oph_thresh_check(enum oph_thresh_id id, const struct oph_thresh *t,
		     const char **why);
int oph_thresh_set(struct oph_fabric *f, enum oph_thresh_id id,
		   const struct oph_thresh *t, const char **why);
int oph_fabric_set_budget(struct oph_fabric *f, u32 watts, const char **why);
void oph_fabric_config_changed(struct oph_fabric *f);
u32 oph_thresh_flags(const struct oph_fabric *f, enum oph_thresh_id id, s32 v);
u32 oph_ber_e_from_margin(s32 margin_mdb);

/**
 * struct oph_blast - what the failure of one object takes down
 * @links: links that lose at least one lane in some direction
 * @links_down: links that go down (fewer than min_lanes lanes left)
 * @lanes: lane-directions that go dark
 * @endpoints: endpoints that lose at least one link
 * @bandwidth_gbps: bandwidth lost (lane-directions x lane rate / 2)
 */
struct oph_blast {
	u32 links;
	u32 links_down;
	u64 lanes;
	u32 endpoints;
	u64 bandwidth_gbps;
};

/*
 * Blast radius (blast.c): the model answers from topology alone, without
 * changing anything.  @link_fn, when set, is called for each affected link.
 */
int oph_blast_radius(struct oph_fabric *f, enum oph_obj obj, enum oph_side side,
		     u32 id, struct oph_blast *b,
		     void (*link_fn)(void *ctx, u32 link, u32 lanes), void *ctx,
		     const char **why);

/**
 * struct oph_pull - what pulling a laser module would cost now
 * @links: links it lights
 * @carrying: of those, links carrying now (the others cost nothing)
 * @endpoints_cut: endpoints that would be left with no link carrying
 * @plane_cut: switch side: its plane would be left with no link carrying
 * @partners_out: the GPU's other modules (switch side: the plane's) out of
 *	service: empty, drained, not ready or quarantined
 */
struct oph_pull {
	u32 links;
	u32 carrying;
	u32 endpoints_cut;
	bool plane_cut;
	u32 partners_out;
};

int oph_module_pull_check(struct oph_fabric *f, enum oph_side side, u32 mod,
			  struct oph_pull *pl, const char **why);

/* How bad a problem is, worst last. */
enum oph_sev {
	OPH_SEV_INFO,		/* the operator's own doing: a link set down */
	OPH_SEV_MINOR,		/* a warning latched, or a laser wearing out */
	OPH_SEV_MAJOR,		/* bandwidth lost, or an alarm latched */
	OPH_SEV_CRITICAL,	/* links down, or a fault domain out of service */
	__OPH_SEV_CNT
};

/* What a technician does about a problem. */
enum oph_action {
	OPH_ACT_NONE,
	OPH_ACT_WAIT,		/* bring-up or a module transition under way */
	OPH_ACT_LINK_UP,	/* set down by an operator: up, if unintended */
	OPH_ACT_CLEAR_LINK,	/* failed and latched: clear it to retry */
	OPH_ACT_RETRAIN,	/* errors with a clean light path: retrain */
	OPH_ACT_CLEAN_FIBRE,	/* a fibre loses too much: clean its connectors */
	OPH_ACT_REPAIR_FIBRE,	/* no light through a fibre: cut or unplugged */
	OPH_ACT_SWAP_MODULE,	/* a laser module failed: drain, swap, activate */
	OPH_ACT_PLAN_SWAP,	/* a laser wears out: swap its module when convenient */
	OPH_ACT_RESET_MODULE,	/* its firmware hung: reset it */
	OPH_ACT_ACTIVATE,	/* a module present but not activated */
	OPH_ACT_INSERT,		/* an empty slot feeding links */
	OPH_ACT_RECOVER_ENGINE,	/* an engine died: recover it */
	OPH_ACT_COOLING,	/* an engine runs hot: check its cold plate */
	OPH_ACT_CLEAR_FLAGS,	/* flags latched, the condition gone: clear them */
	__OPH_ACT_CNT
};

/**
 * struct oph_problem - one thing wrong, with what it takes down
 * @obj: OPH_OBJ_MODULE, OPH_OBJ_ENGINE, OPH_OBJ_LINK or OPH_OBJ_FIBRE
 * @side: side of a module or engine
 * @fibre: OPH_OBJ_FIBRE: enum oph_fibre
 * @cause: enum oph_down_reason as the links it affects report it (for a
 *	module or an engine with no link affected, what it is about)
 * @mod_cause: modules: enum oph_mod_cause; NONE for the others
 * @severity: enum oph_sev, the worst of its own and its links'
 * @action: enum oph_action
 * @id: module, engine or link id
 * @since: virtual time it began (the oldest of its links' transitions, or
 *	the domain's last fault); 0 when the model cannot tell
 * @links: links it affects: not up, degraded or with flags latched
 * @links_down: of those, links carrying nothing
 * @endpoints: endpoints those links belong to
 * @gbps_lost: bandwidth of those links short of their full rate
 * @last_ep: the walk's last endpoint counted (links come in id order)
 */
struct oph_problem {
	u8 obj;
	u8 side;
	u8 fibre;
	u8 cause;
	u8 mod_cause;
	u8 severity;
	u8 action;
	u32 id;
	u64 since;
	u32 links;
	u32 links_down;
	u32 endpoints;
	u64 gbps_lost;
	u32 last_ep;
};

#define OPH_DIAG_MAX	256

/**
 * struct oph_diag - the answer of oph_fabric_diagnose()
 * @n: problems in @p, worst first
 * @unlisted: links, modules and engines with a problem past OPH_DIAG_MAX,
 *	counted in the totals only
 * @by_sev: problems in @p per enum oph_sev
 * @links_down: links not carrying, fabric-wide
 * @links_degraded: links up with lanes lost or errors above warning
 * @links_flagged: links up with threshold flags latched
 * @endpoints_cut: endpoints none of whose links carries anything
 * @gbps_lost: bandwidth short of the fabric's full rate
 * @units_walked: units of about a thousand links looked into (the cost)
 * @p: the problems
 * @slot: private, the problems by object while they are gathered
 */
struct oph_diag {
	u32 n;
	u32 unlisted;
	u32 by_sev[__OPH_SEV_CNT];
	u32 links_down;
	u32 links_degraded;
	u32 links_flagged;
	u32 endpoints_cut;
	u64 gbps_lost;
	u32 units_walked;
	struct oph_problem p[OPH_DIAG_MAX];
	u16 slot[2 * OPH_DIAG_MAX];
};

/*
 * Diagnosis (diag.c): everything not healthy, grouped by the object a
 * technician acts on, worst first.  Reads only; costs the units of links
 * that have a problem, not the fabric.
 */
void oph_fabric_diagnose(struct oph_fabric *f, struct oph_diag *d);

#endif /* _OPHOTON_MODEL_H */
