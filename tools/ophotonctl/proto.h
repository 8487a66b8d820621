/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ophotonctl: the ophoton family's attribute sets, enums and commands, as
 * gen-proto.py writes them from the YNL spec into proto.c.
 */
#ifndef OPHOTONCTL_PROTO_H
#define OPHOTONCTL_PROTO_H

#include <linux/ophoton.h>
#include <netlink/attr.h>

enum onl_type {
	ONL_NONE,
	ONL_PAD,
	ONL_U8,
	ONL_U16,
	ONL_U32,
	ONL_U64,
	ONL_S32,
	ONL_FLAG,
	ONL_STRING,
	ONL_NEST,
};

/* The unit an attribute's name ends with; human output converts it. */
enum onl_unit {
	ONL_UNIT_NONE,
	ONL_UNIT_UDBM,		/* 0.001 dBm */
	ONL_UNIT_MDB,		/* 0.001 dB */
	ONL_UNIT_MC,		/* millidegree Celsius */
	ONL_UNIT_UW,
	ONL_UNIT_MW,
	ONL_UNIT_W,
	ONL_UNIT_MV,
	ONL_UNIT_UA,
	ONL_UNIT_MA,
	ONL_UNIT_NS,
	ONL_UNIT_MS,
	ONL_UNIT_GBPS,
	ONL_UNIT_DM,		/* decimetre */
	ONL_UNIT_PS,
	ONL_UNIT_PPM,
	ONL_UNIT_PM,		/* picometre */
	ONL_UNIT_MHZ,
	ONL_UNIT_PERMILLE,
	ONL_UNIT_BER,		/* -100 log10(BER) */
	ONL_UNIT_BER_BOUND,	/* the same, an upper bound */
	ONL_UNIT_S,		/* seconds, a duration ("-in-s") */
	ONL_UNIT_PPB_H,		/* parts per billion per hour */
	ONL_UNIT_WALL,		/* wall clock, ns since the epoch ("-wall-ns") */
};

/*
 * The longest JSON key as written ('"name": ') and the longest name of
 * an enum value: gen-proto.py refuses a spec beyond them, so that a
 * record's writer can make room once for a key and a value.
 */
#define ONL_KEY_MAX	40
#define ONL_NAME_MAX	40

/* An enum of the spec: its names (spec names, nothing to escape) and their lengths. */
struct onl_enum {
	const char *name;
	int first;
	int n;
	const char *const *names;
	const unsigned char *lens;
};

struct onl_set;

/*
 * One attribute: its spec name (the JSON key), human label, type, unit.
 * @key is the key as JSON writes it, '"name": ': @key_len bytes of it in
 * compact output, one more (the space) in pretty output.
 */
struct onl_attr {
	const char *name;
	const char *label;
	const char *key;
	int key_len;
	int idx;		/* 0 to onl_attrs_total - 1, over every set */
	enum onl_type type;
	enum onl_unit unit;
	const struct onl_set *nested;
	const struct onl_enum *enm;
	int multi;
	int scalar_len;		/* a single number of this many bytes, else 0 */
};

struct onl_set {
	const char *name;
	int max;
	const struct onl_attr *attrs;
	struct nla_policy *policy;
};

extern const struct onl_set onl_set_ophoton;
extern const struct onl_set onl_set_thresh;
extern const struct onl_set onl_set_fabric_stats;
extern const struct onl_set onl_set_link_stats;
extern const struct onl_set onl_set_module_stats;
extern const struct onl_set onl_set_lane_stats;
extern const struct onl_set onl_set_agg_stats;
extern const struct onl_set onl_set_laser_stats;
extern const struct onl_enum onl_enum_side;
extern const struct onl_enum onl_enum_link_state;
extern const struct onl_enum onl_enum_module_state;
extern const struct onl_enum onl_enum_fault_kind;
extern const struct onl_enum onl_enum_fibre;
extern const struct onl_enum onl_enum_dir;
extern const struct onl_enum onl_enum_thresh_id;
extern const struct onl_enum onl_enum_health_domain;
extern const struct onl_enum onl_enum_alarm_kind;
extern const struct onl_enum onl_enum_rack_kind;
extern const struct onl_enum onl_enum_fabric_event;
extern const struct onl_enum onl_enum_down_reason;
extern const struct onl_enum onl_enum_module_cause;
extern const struct onl_enum onl_enum_severity;
extern const struct onl_enum onl_enum_diag_action;
extern const struct onl_enum onl_enum_laser_state;
extern const char *const onl_cmd_names[OPHOTON_CMD_MAX + 1];
extern const int onl_attrs_total;

/* The name of value @v of @e, or NULL. */
const char *onl_enum_name(const struct onl_enum *e, unsigned int v);
/* The value named @name of @e: 0 and *v, or -1. */
int onl_enum_value(const struct onl_enum *e, const char *name, unsigned int *v);
/* An attribute of @set, or NULL when the spec has none of that type. */
const struct onl_attr *onl_attr(const struct onl_set *set, int type);

#endif /* OPHOTONCTL_PROTO_H */
