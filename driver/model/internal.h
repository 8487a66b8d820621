/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ophoton model: structures shared by the model's files, not its users.
 *
 * Memory: the per-object state lives in flat arrays indexed by id, sized at
 * creation.  Only laser modules, the replaceable part, are allocated and
 * freed at run time.  Lanes have no state of their own beyond two settled
 * counters: their state is derived from the link, the lasers and the faults.
 */
#ifndef _OPHOTON_MODEL_INTERNAL_H
#define _OPHOTON_MODEL_INTERNAL_H

#include "model.h"

/* Event queue entries: the object kind is in the top bits of @obj. */
#define OPH_EV_KIND_SHIFT	28
#define OPH_EV_ID_MASK		((1U << OPH_EV_KIND_SHIFT) - 1)

enum oph_ev_kind {
	OPH_EV_LINK,
	OPH_EV_MOD_EP,
	OPH_EV_MOD_SW,
	OPH_EV_ENG_EP,
	OPH_EV_ENG_SW,
};

struct oph_ev {
	u64 time;
	u32 seq;	/* valid only while equal to its object's ev_seq */
	u32 obj;
};

struct oph_evq {
	struct oph_ev *heap;
	u32 len;
	u32 cap;
	u32 seq;	/* last sequence number handed out, never 0 */
};

/**
 * struct oph_health - devlink-health-like counters of a fault domain
 * @errors: faults reported over the domain's life
 * @recoveries: recoveries
 * @last_error: virtual time of the last fault
 * @burst: faults within the grace period ending at @last_error
 * @quarantined: out of service until an admin recovers it
 */
struct oph_health {
	u32 errors;
	u32 recoveries;
	u64 last_error;
	u32 burst;
	bool quarantined;
};

/* The fault domains of one kind as a whole (health.c). */
struct oph_health_kind {
	u64 last_error;		/* latest fault of a domain not recovered since */
	u32 errors;
	u32 quarantined;
	bool active;		/* @last_error is one */
	bool stale;		/* a recovery since: look for it again */
};

/* Link flags */
#define OPH_LF_ADMIN_UP		0x01

struct oph_link {
	u8 state;
	u8 flags;
	u8 down_reason;
	u8 retries;
	u8 nfaults;		/* faults targeting this link */
	u32 latched;
	u32 ev_seq;
	u32 up_count;
	u32 down_count;
	u32 flap_count;
	u32 retrain_count;
	u64 since;		/* entered the current state */
	u64 settled;		/* counters integrated up to this time */
	u64 active_ns;		/* time up or degraded, up to @settled */
	u64 fec_unc;		/* uncorrectable codewords, up to @settled */
};

/* A laser module, allocated at insertion and freed at removal. */
struct oph_lmod {
	u32 serial;
	u16 predicted;			/* lasers whose aging was announced */
	u64 inserted;
	u64 checked;			/* output fibres that passed the check */
	u8 laser[OPH_MAX_LAMBDAS];	/* enum oph_laser_state */
	u8 droop[OPH_MAX_LAMBDAS];	/* 0.5 dB power steps lost to aging */
	u16 latched[OPH_MAX_LAMBDAS];	/* laser threshold flags */
	/* life used by aging faults since cleared: 100 ppm, rounded up */
	u16 aged[OPH_MAX_LAMBDAS];
};

struct oph_slot {
	struct oph_lmod *mod;
	u32 latched;		/* module and laser threshold flags */
	u32 tec_mk;		/* laser heating since a TEC failure, at the last tick */
	u8 state;		/* enum oph_mod_state */
	/* Two nibbles: a byte more would cost a slot eight with its padding. */
	u8 admin : 4;		/* enum oph_admin */
	u8 admin_told : 4;	/* @admin as the slot's last change reported it */
	u8 nfaults;
	u8 fault_cause;		/* enum oph_mod_cause, while in fault */
	u32 ev_seq;
	u32 insert_count;
	u32 remove_count;
	u64 since;
	struct oph_health health;
};

static_assert(__OPH_ADMIN_CNT <= 16, "a slot keeps its admin intents in nibbles");

struct oph_engine {
	u8 nfaults;
	u8 latched;		/* temperature threshold flags */
	u8 drifting;		/* heating faster than the rings follow, at the last tick */
	u8 shutdown;		/* thermal shutdown: too hot to run */
	u32 heat_mk;		/* heating by a ring drift fault, at the last tick */
	u32 cool_mk;		/* heating since its coolant was lost, at the last tick */
	u32 ev_seq;
	struct oph_health health;
};

#define OPH_MAX_FAULTS	4096

/*
 * Heating faster than this (mK/s) outruns the ring control loop: the
 * TeraPHY met its BER at 800 K/s (cpo-domain.md 1.2).
 */
#define OPH_DRIFT_FAST_MK_S	1000000

/*
 * An engine shuts itself down at this die temperature, 10 K above its
 * alarm [A], and stays down while it has no coolant.
 */
#define OPH_ENGINE_SHUTDOWN_MC	105000

/*
 * The kept figures of about a thousand links (agg.c): their states and
 * bandwidth, and the power and temperatures of the engines and laser
 * modules serving them.
 */
struct oph_unit {
	u32 links;
	u32 by_state[__OPH_LINK_STATE_CNT];
	u64 gbps;
	u64 power_mw;		/* engines, modules, and endpoints themselves */
	u64 optics_mw;		/* engines and modules */
	s32 engine_mc;		/* hottest engine at work */
	s32 module_mc;		/* hottest module present */
	u32 flagged;		/* links up with threshold flags latched */
	u32 troubled;		/* modules and engines with something wrong */
	bool stale;		/* to be recomputed before it is read */
	bool queued;		/* in oph_fabric.stale */
};

/*
 * What the lanes of one direction of a link share: the laser module
 * lighting them, whether light can reach the receiver at all, how far the
 * lines moved from where the rings of both ends were calibrated, and the
 * optical budget without the per-lane variations.  Computed once per link
 * and direction, so that reading a link's sixteen lanes costs sixteen
 * lookups of per-lane variations, not sixteen walks of the topology.
 */
/*
 * Where a link runs (topo.c, oph_link_where()), worked out once for the
 * several looks a read takes at it.
 */
struct oph_where {
	u32 ep, engine, port, plane;	/* as oph_link_split(), oph_link_plane() */
	u32 mod[2];	/* [side]: the module lighting that side's direction */
	u32 pos[2];	/* [side]: the link's output fibre in that module */
	u32 eng[2];	/* [side]: the engine terminating that end */
	u32 fibre_dm;	/* oph_link_fibre_dm() */
};

void oph_link_where(const struct oph_fabric *f, u32 link, struct oph_where *w);

struct oph_path {
	struct oph_fabric *f;
	u32 link;
	enum oph_dir dir;
	enum oph_side side;		/* of the module lighting the lanes */
	u32 mod;
	const struct oph_lmod *lit_mod;	/* the module, when present and ready */
	bool reach;			/* interlock passed, engines alive, no cut */
	bool drifting;			/* an engine heats faster than the loop */
	s64 shift_mhz[2];		/* ring tuning to add: tx ring, rx ring */
	s32 oe_base;			/* engine input power, less the laser's */
	s32 rx_base;			/* received power, less the lane's */
};

/* A module's laser[] and droop[], one byte per laser, fill two words. */
static_assert(OPH_MAX_LAMBDAS == 2 * sizeof(u64), "lasers_clean() reads two words");

struct oph_fabric {
	struct oph_params p;
	struct oph_topo t;
	/*
	 * A module's laser[] and droop[] as two words each: the bytes of its
	 * @p.lambdas lasers, and those bytes with every laser ON.
	 */
	u64 lambda_mask[2];
	u64 lasers_on[2];
	u64 now;		/* since the base, which moved @rebases times (time.c) */
	struct oph_health_kind hkind[2];	/* modules, engines */
	u64 rebases;
	u64 gen;		/* bumped on presence and topology changes */
	u64 change_seq;
	u64 alarm_seq;
	/*
	 * While one fault domain's links are re-evaluated (thresh.c), their
	 * link alarms are gathered here and sent as one.
	 */
	struct {
		bool on;
		u8 domain;	/* OPH_OBJ_MODULE or OPH_OBJ_ENGINE */
		u8 side;
		u32 id;
		u32 links;	/* links that latched a flag */
		u32 first;	/* the lowest of them */
		u32 last;	/* the last counted, not to count one twice */
		u32 flags;	/* what they latched, together */
	} coalesce;
	oph_change_fn notify;
	void *notify_ctx;
	/*
	 * Between oph_read_begin() and oph_read_end() the caller only reads:
	 * the path of the last lane read serves the next lane of the same
	 * link and direction (path.c), and what telem.c worked out for the
	 * last lane, the next one that asks the same (the 16 lanes of a link
	 * direction have the same bits counted and the same link).
	 */
	struct {
		bool on;
		bool valid;
		struct oph_path path;
		bool log_valid;
		u64 log_of;		/* bits whose 100 log10 is @log_x100 */
		u32 log_x100;
		bool clean_valid;
		u32 clean_link;		/* the link @clean answers for */
		bool clean;
	} read;
	struct oph_evq evq;
	struct oph_link *links;
	u64 *lane_err;		/* [link][dir][lambda] settled errored bits */
	u32 *lane_dark_ms;	/* [link][dir][lambda] settled dark time */
	struct oph_slot *slots[2];	/* [side][module] */
	struct oph_engine *engines[2];	/* [side][engine] */
	struct oph_fault *faults;
	u32 nfaults;
	struct oph_thresh thresh[__OPH_TH_CNT];
	/* Racks' and the fabric's figures, kept per unit of links (agg.c). */
	struct oph_unit *units;
	u32 *stale;		/* ids of the units marked stale, @nstale of them */
	u32 nunits;
	u32 nstale;
	u32 ep_unit_eps;	/* endpoints per endpoint-side unit */
	u32 ep_units_per_rack;
	u32 sw_unit_eps;	/* a plane's switch ports per switch-side unit */
	u32 sw_units_per_plane;
	size_t bytes;		/* allocated by the model */
	u64 mods_made;		/* laser modules allocated, over its life */
	u64 mods_freed;		/* ... and freed */
};

static inline u32 oph_lane_idx(const struct oph_fabric *f, u32 link,
			       enum oph_dir dir, u32 lane)
{
	return (link * 2 + dir) * f->p.lambdas + lane;
}

static inline u32 oph_nmods(const struct oph_fabric *f, enum oph_side side)
{
	return side == OPH_SIDE_EP ? f->t.ep_modules : f->t.sw_modules;
}

static inline u32 oph_nengines(const struct oph_fabric *f, enum oph_side side)
{
	return side == OPH_SIDE_EP ? f->t.ep_engines : f->t.sw_engines;
}

/* fabric.c */
u32 oph_advance(struct oph_fabric *f, u64 until, u32 budget);
void oph_change(struct oph_fabric *f, enum oph_obj obj, enum oph_side side,
		u32 id, u8 old, u8 new, u8 reason);
u64 oph_time_since_creation(const struct oph_fabric *f, u64 t);
void oph_alarm(struct oph_fabric *f, enum oph_alarm kind, enum oph_side side,
	       u32 id, u32 flags, u16 mask);
void oph_alarm_send(struct oph_fabric *f, struct oph_change *c);
void oph_alarm_cleared(struct oph_fabric *f, enum oph_obj obj, enum oph_side side, u32 id,
		       u32 flags);
u32 oph_module_latched(const struct oph_fabric *f, enum oph_side side, u32 mod);

/* evq.c */
int oph_evq_init(struct oph_evq *q, u32 cap);
void oph_evq_free(struct oph_evq *q);
u32 oph_evq_add(struct oph_fabric *f, u64 time, u32 kind, u32 id);
bool oph_evq_pop(struct oph_evq *q, struct oph_ev *ev);
const struct oph_ev *oph_evq_peek(const struct oph_evq *q);

/* link.c */
void oph_link_settle(struct oph_fabric *f, u32 link);
void oph_link_event(struct oph_fabric *f, u32 link);
void oph_link_light_changed(struct oph_fabric *f, u32 link, u8 reason);
bool oph_link_lit(struct oph_fabric *f, u32 link);
void oph_link_go_down(struct oph_fabric *f, u32 link, u8 state, u8 reason);
void oph_link_reevaluate(struct oph_fabric *f, u32 link);

/* laser.c */
void oph_module_event(struct oph_fabric *f, enum oph_side side, u32 mod);
bool oph_laser_lit(struct oph_fabric *f, enum oph_side side, u32 mod, u32 laser);
void oph_module_lights_changed(struct oph_fabric *f, enum oph_side side,
			       u32 mod, u8 reason);
void oph_module_fault(struct oph_fabric *f, enum oph_side side, u32 mod, u8 cause);
void oph_module_dark(struct oph_fabric *f, enum oph_side side, u32 mod);
void oph_module_settle(struct oph_fabric *f, enum oph_side side, u32 mod);

/* tables.c, generated by tools/gen-tables.py */
extern const u32 oph_frac_pow10[100];
extern const u16 oph_ber_e_tab[161];
extern const u32 oph_mdb_of_n[65];
extern const u16 oph_kp4_unc_e_tab[151];

/*
 * BER levels, as -100 log10(BER) (cpo-domain.md 4.3).  The endpoints
 * receive without FEC: degraded above 1e-10, down above 1e-6 [A].  The
 * switches receive with RS(544,514) (KP4) FEC, judged on its own terms:
 * "degraded SER" above 6,380 symbol errors per 8,192 codewords (a pre-FEC
 * BER of 1.4e-4 [S25]), the 2.4e-4 limit past which codewords are lost
 * [S24], and down above 1e-3, where one codeword in ten thousand is [A].
 * No receiver claims a BER below 1e-15 (3e15 bits, a day of one lane,
 * to see it at 95 % confidence): the floor of every BER reported.
 */
#define OPH_BER_E_WARN		1000
#define OPH_BER_E_DOWN		600
#define OPH_KP4_E_DEGRADE	384
#define OPH_KP4_E_LIMIT		362
#define OPH_KP4_E_DOWN		300
#define OPH_BER_E_FLOOR		1500

/* The BER above which a lane of direction @dir stops carrying data. */
static inline u32 oph_ber_e_down(enum oph_dir dir)
{
	return dir == OPH_DIR_UP ? OPH_KP4_E_DOWN : OPH_BER_E_DOWN;
}

/* path.c */
#define OPH_RX_FLOOR_UDBM	(-40000)	/* a photodiode reads nothing below */

/**
 * struct oph_lane_phys - what the light of one lane reads at the receiver
 * @lit: light reaches the receiver
 * @rx_udbm: received power, 0.001 dBm; the floor when dark
 * @margin_mdb: @rx_udbm over the receiver's sensitivity, 0.001 dB
 * @ber_e: -100 log10(BER) of a lit lane, 0 when dark
 * @state: enum oph_lane_state
 * @cause: enum oph_down_reason of a lane not active
 * @heater_uw: the receive ring's heater
 * @ring_offset_pm: how far the worse ring sits off its line
 */
struct oph_lane_phys {
	bool lit;
	s32 rx_udbm;
	s32 margin_mdb;
	u32 ber_e;
	u8 state;
	u8 cause;
	u32 heater_uw;
	s32 ring_offset_pm;
};

void oph_lane_phys(struct oph_fabric *f, u32 link, u32 lane, enum oph_dir dir,
		   struct oph_lane_phys *p);
u32 oph_link_scan_up(struct oph_fabric *f, u32 link, const struct oph_where *w,
		     bool clean, s32 feed, s32 *oe_udbm);
void oph_link_fibres(const struct oph_fabric *f, u32 link, const struct oph_where *w,
		     s32 *feed, s32 *tx, s32 *rx);
u8 oph_link_cause(struct oph_fabric *f, u32 link);
u32 oph_module_pos(const struct oph_fabric *f, u32 link, enum oph_side side);
s64 oph_laser_walk_mhz(const struct oph_fabric *f, enum oph_side side, u32 mod);
u64 oph_attenuate(u64 v, u32 mdb);
u32 oph_link_lanes_up(struct oph_fabric *f, u32 link, enum oph_dir dir);
u32 oph_link_lanes_lit(struct oph_fabric *f, u32 link, enum oph_dir dir);
/**
 * struct oph_lanes - the lanes of one direction of a link, in one look
 * @state: enum oph_lane_state, per lane
 * @ber_e: -100 log10(BER) per lane of a link up or degraded, 0 when dark
 * @lit: lanes light reaches
 * @up: lanes carrying data (active or drifting)
 * @worst_ber_e: the smallest @ber_e of the lanes carrying data, 0 if none
 */
struct oph_lanes {
	u8 state[OPH_MAX_LAMBDAS];
	u32 ber_e[OPH_MAX_LAMBDAS];
	u32 lit, up, worst_ber_e;
};

void oph_link_lanes(struct oph_fabric *f, u32 link, enum oph_dir dir,
		    struct oph_lanes *v);
u32 oph_link_lit_rx_udbm(struct oph_fabric *f, u32 link, enum oph_dir dir,
			 s32 *udbm);
u8 oph_link_diagnose(struct oph_fabric *f, u32 link);
u8 oph_link_trouble(struct oph_fabric *f, u32 link, enum oph_dir *dir);

/* telem.c */
u32 oph_link_gbps(struct oph_fabric *f, u32 link);
u64 oph_engine_power_mw(struct oph_fabric *f, enum oph_side side, u32 eng,
			u64 *gbps);
u64 oph_kp4_uncorrectable(u64 codewords, u32 ber_e);

/* wear.c */
u8 oph_laser_droop(struct oph_fabric *f, enum oph_side side, u32 mod, u32 laser);
void oph_aging_cleared(struct oph_fabric *f, const struct oph_fault *a);

/* thresh.c: latch flags where the model changes, never when read */
void oph_link_latch(struct oph_fabric *f, u32 link);
bool oph_coalesce_begin(struct oph_fabric *f, enum oph_obj domain,
			enum oph_side side, u32 id);
void oph_coalesce_end(struct oph_fabric *f, bool began);
void oph_module_latch(struct oph_fabric *f, enum oph_side side, u32 mod);
void oph_engine_latch(struct oph_fabric *f, enum oph_side side, u32 eng);

/* telem.c, for thresh.c */
s32 oph_port_oe_udbm(struct oph_fabric *f, u32 link);
s32 oph_engine_temp_mc(struct oph_fabric *f, enum oph_side side, u32 eng);

/* Aggregates kept per unit (agg.c). */
int oph_agg_init(struct oph_fabric *f);
void oph_agg_free(struct oph_fabric *f);
void oph_agg_link(struct oph_fabric *f, u32 link);
void oph_agg_object(struct oph_fabric *f, enum oph_obj obj, enum oph_side side,
		    u32 id);
bool oph_module_troubled(const struct oph_fabric *f, enum oph_side side, u32 mod);
bool oph_engine_troubled(const struct oph_fabric *f, enum oph_side side, u32 eng);
void oph_agg_unit_span(const struct oph_fabric *f, u32 unit, u32 *first_ep,
		       u32 *last_ep, u32 *plane);

/* fault.c */
const struct oph_fault *oph_fault_find(const struct oph_fabric *f, u8 kind,
				       u8 side, u32 target, u8 lane);
bool oph_engine_dead(const struct oph_fabric *f, enum oph_side side, u32 eng);
bool oph_fault_any(const struct oph_fabric *f, u8 kind, u8 side, u32 target);
void oph_engine_event(struct oph_fabric *f, enum oph_side side, u32 eng);
void oph_faults_drop_module(struct oph_fabric *f, enum oph_side side, u32 mod);

/* health.c */
void oph_health_error(struct oph_fabric *f, struct oph_health *h,
		      enum oph_obj obj, enum oph_side side, u32 id);
void oph_health_recover(struct oph_fabric *f, struct oph_health *h,
			enum oph_obj obj, enum oph_side side, u32 id);

/* Every this many objects or events, a long walk lets the CPU go. */
#define OPH_RESCHED_EVERY	1024

static inline void oph_maybe_resched(u32 i)
{
	if (!(i % OPH_RESCHED_EVERY))
		oph_resched();
}

/*
 * Counters saturate rather than wrap: a lane up at 32 Gb/s carries 2^64
 * bits in 18 virtual years, which a fabric at the highest time scale
 * passes in minutes.
 */
static inline u64 oph_mul_sat(u64 a, u64 b)
{
	return b && a > U64_MAX / b ? U64_MAX : a * b;
}

static inline u64 oph_add_sat(u64 a, u64 b)
{
	return a > U64_MAX - b ? U64_MAX : a + b;
}

/* Set @why and return @err: the refusals of the model's checks. */
static inline int oph_refuse(const char **why, int err, const char *msg)
{
	*why = msg;
	return err;
}

/*
 * A well-mixed 32-bit value of (@seed, @kind, @id), the splitmix64
 * finaliser: an object's deterministic variation.  Inline: a lane's
 * reading asks for several, and a dump reads a million lanes.
 */
static inline u32 oph_hash32(u64 seed, u32 kind, u32 id)
{
	u64 z = seed + 0x9e3779b97f4a7c15ULL * (((u64)kind << 32 | id) + 1);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return (u32)((z ^ (z >> 31)) >> 16);
}

/* Deterministic per-object variation in [lo, hi]. */
static inline s32 oph_vary(const struct oph_fabric *f, u32 kind, u32 id,
			   s32 lo, s32 hi)
{
	return lo + (s32)(oph_hash32(f->p.seed, kind, id) % (u32)(hi - lo + 1));
}

/* Variation kinds for oph_vary(). */
enum {
	OPH_VAR_RESET, OPH_VAR_PWRUP, OPH_VAR_CHECK, OPH_VAR_RAMP,
	OPH_VAR_CAL, OPH_VAR_TRAIN, OPH_VAR_RX, OPH_VAR_RING, OPH_VAR_FIBRE,
	OPH_VAR_LASER, OPH_VAR_TEMP, OPH_VAR_LIFE, OPH_VAR_RTH, OPH_VAR_LOAD,
};

#endif /* _OPHOTON_MODEL_INTERNAL_H */
