// SPDX-License-Identifier: GPL-2.0
/*
 * ophotonctl: the generic decoder.  Any message of the family is printed
 * from the tables of proto.c: attributes in the order the kernel sent them,
 * enums by name, units converted in human output, nests as sections, and
 * attributes this tool does not know as "attr-N" rather than dropped.
 * Every length is checked before a value is read.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <netlink/genl/genl.h>

#include "out.h"
#include "print.h"

const char *onl_enum_name(const struct onl_enum *e, unsigned int v)
{
	if (!e || v < (unsigned int)e->first || v >= (unsigned int)(e->first + e->n))
		return NULL;
	return e->names[v - (unsigned int)e->first];
}

int onl_enum_value(const struct onl_enum *e, const char *name, unsigned int *v)
{
	for (int i = 0; i < e->n; i++)
		if (!strcmp(e->names[i], name)) {
			*v = (unsigned int)(e->first + i);
			return 0;
		}
	return -1;
}

const struct onl_attr *onl_attr(const struct onl_set *set, int type)
{
	if (type <= 0 || type > set->max || !set->attrs[type].name)
		return NULL;
	return &set->attrs[type];
}

/*
 * The attributes of a reply, read in place: libnl's accessors are calls
 * into a shared library, a dozen for each of a million records.
 */
static inline int a_len(const struct nlattr *a)
{
	return a->nla_len - NLA_HDRLEN;
}

static inline int a_type(const struct nlattr *a)
{
	return a->nla_type & NLA_TYPE_MASK;
}

static inline const void *a_data(const struct nlattr *a)
{
	return (const char *)a + NLA_HDRLEN;
}

static inline bool a_ok(const struct nlattr *a, int rem)
{
	return rem >= (int)sizeof(*a) && a->nla_len >= sizeof(*a) && a->nla_len <= rem;
}

static inline const struct nlattr *a_next(const struct nlattr *a, int *rem)
{
	int len = NLA_ALIGN(a->nla_len);

	*rem -= len;
	return (const struct nlattr *)((const char *)a + len);
}

#define for_each_a(pos, head, len, rem) \
	for (pos = (head), rem = (len); a_ok(pos, rem); pos = a_next(pos, &(rem)))

static inline uint64_t a_uint(const struct nlattr *a, int size)
{
	uint64_t v = 0;
	uint32_t v32;
	uint16_t v16;
	uint8_t v8;

	switch (size) {
	case 1:
		memcpy(&v8, a_data(a), 1);
		return v8;
	case 2:
		memcpy(&v16, a_data(a), 2);
		return v16;
	case 4:
		memcpy(&v32, a_data(a), 4);
		return v32;
	default:
		memcpy(&v, a_data(a), 8);
		return v;
	}
}

/* Human label: the spec's, without the object's prefix or an "-id" end. */
static const char *label_of(const struct onl_attr *a, const char *strip, char *buf,
			    size_t len)
{
	const char *l = a->label;
	size_t n;

	if (strip && !strncmp(l, strip, strlen(strip)) && l[strlen(strip)]) {
		/* The object's own id is shown as the object: "link 17". */
		if (!strcmp(l + strlen(strip), "id")) {
			snprintf(buf, len, "%.*s", (int)strlen(strip) - 1, strip);
			return buf;
		}
		l += strlen(strip);
	}
	snprintf(buf, len, "%s", l);
	n = strlen(buf);
	if (n > 3 && !strcmp(buf + n - 3, "-id"))
		buf[n - 3] = '\0';
	return buf;
}

/*
 * Flag words and bitmaps, decoded: for people in place of the number,
 * in JSON as an array beside it.  Threshold flags go by nibble: warn-lo,
 * warn-hi, alarm-lo, alarm-hi of one value (uapi/linux/ophoton.h says
 * which); an alarm's read as those of the object its kind names.
 */
enum word_kind {
	WORDS_THRESH,		/* threshold flags, by nibble */
	WORDS_BY_ALARM,		/* an alarm's: as the object its kind names */
	WORDS_LASERS,		/* a bitmap of laser indexes */
};

struct flag_layout {
	enum word_kind kind;
	const char *bits[4];	/* single bits of the low nibble, or NULL */
	const char *groups[3];	/* the values of nibbles 0, 1, 2 */
};

static const struct flag_layout words_link = {
	WORDS_THRESH, { "los-up", "los-down", "lol-up", "lol-down" },
	{ NULL, "rx", "engine-input" } };
static const struct flag_layout words_module = {
	WORDS_THRESH, { NULL }, { "temp", "supply", NULL } };
static const struct flag_layout words_laser = {
	WORDS_THRESH, { NULL }, { "bias", "power", "freq" } };
static const struct flag_layout words_temp = { WORDS_THRESH, { NULL }, { "temp", NULL, NULL } };
static const struct flag_layout words_rx = { WORDS_THRESH, { NULL }, { "rx", NULL, NULL } };
static const struct flag_layout words_alarm = { WORDS_BY_ALARM, { NULL }, { NULL } };
static const struct flag_layout words_lasers = { WORDS_LASERS, { NULL }, { NULL } };

/* The attributes that carry one, and the key of the decoded array in JSON. */
static const struct flag_attr {
	const char *set, *attr, *names_key;
	const struct flag_layout *l;
} flag_attrs[] = {
	{ "link-stats", "latched", "latched-names", &words_link },
	{ "module-stats", "flags", "flags-names", &words_module },
	{ "module-stats", "latched", "latched-names", &words_module },
	{ "laser-stats", "flags", "flags-names", &words_laser },
	{ "laser-stats", "latched", "latched-names", &words_laser },
	{ "agg-stats", "flags", "flags-names", &words_temp },
	{ "agg-stats", "latched", "latched-names", &words_temp },
	{ "lane-stats", "flags", "flags-names", &words_rx },
	{ "ophoton", "alarm-flags", "alarm-flags-names", &words_alarm },
	{ "ophoton", "alarm-lasers", "alarm-lasers-list", &words_lasers },
};

/*
 * The alarm kind of the record being printed, for its alarm-flags word:
 * the kernel puts the kind before the flags.
 */
static unsigned int rec_alarm_kind;

/* How @fa reads in this record: NULL for a plain number (an alarm without flags). */
static const struct flag_layout *layout_now(const struct flag_attr *fa)
{
	if (fa->l->kind != WORDS_BY_ALARM)
		return fa->l;
	switch (rec_alarm_kind) {
	case OPHOTON_ALARM_THRESHOLD_LINK:
	case OPHOTON_ALARM_THRESHOLD_LINKS:
		return &words_link;
	case OPHOTON_ALARM_THRESHOLD_MODULE:
		return &words_module;
	case OPHOTON_ALARM_THRESHOLD_LASERS:
		return &words_laser;
	case OPHOTON_ALARM_THRESHOLD_ENGINE:
		return &words_temp;
	default:
		return NULL;
	}
}

static const struct flag_attr *flag_attr(const struct onl_set *set, const struct onl_attr *a)
{
	for (size_t i = 0; i < sizeof(flag_attrs) / sizeof(flag_attrs[0]); i++)
		if (!strcmp(flag_attrs[i].set, set->name) && !strcmp(flag_attrs[i].attr, a->name))
			return &flag_attrs[i];
	return NULL;
}

/* The name of bit @b as @l reads it: "rx-warn-lo", or "bit12" where it has none. */
static void flag_word(const struct flag_layout *l, int b, char *buf, size_t len)
{
	static const char *const level[4] = { "warn-lo", "warn-hi", "alarm-lo", "alarm-hi" };
	const char *g = b < 12 ? l->groups[b / 4] : NULL;

	if (b < 4 && l->bits[b])
		snprintf(buf, len, "%s", l->bits[b]);
	else if (g)
		snprintf(buf, len, "%s-%s", g, level[b % 4]);
	else
		snprintf(buf, len, "bit%d", b);
}

/* @v read by @l, for people: "los-up,rx-warn-lo", lasers "0-3,7", or "none". */
static void flag_words(const struct flag_layout *l, uint32_t v, char *buf, size_t len)
{
	size_t n = 0;

	buf[0] = '\0';
	for (int b = 0; b < 32 && n < len; b++) {
		char w[32];
		int e = b;

		if (!(v & (1u << b)))
			continue;
		if (l->kind == WORDS_LASERS) {
			/* A run of lasers as a range. */
			while (e + 1 < 32 && (v & (1u << (e + 1))))
				e++;
			if (e > b)
				snprintf(w, sizeof(w), "%d-%d", b, e);
			else
				snprintf(w, sizeof(w), "%d", b);
			b = e;
		} else {
			flag_word(l, b, w, sizeof(w));
		}
		n += (size_t)snprintf(buf + n, len - n, "%s%s", n ? "," : "", w);
	}
	if (!buf[0])
		snprintf(buf, len, "none");
}

/* JSON: @v decoded beside the number, an array of names (of indexes, for lasers). */
static __attribute__((noinline)) void json_words(const struct flag_attr *fa, uint32_t v)
{
	const struct flag_layout *l = layout_now(fa);
	char w[32];

	if (!l)
		return;
	out_list_start(fa->names_key);
	for (int b = 0; b < 32; b++) {
		if (!(v & (1u << b)))
			continue;
		if (l->kind == WORDS_LASERS) {
			out_u64(NULL, NULL, (uint64_t)b);
			continue;
		}
		flag_word(l, b, w, sizeof(w));
		out_str(NULL, NULL, w);
	}
	out_list_end();
}

/*
 * Which attributes carry a flag word or bitmap, by index over every set,
 * worked out once: JSON's fast path (json_scalar()) writes numbers only
 * and passes these by.
 */
static const struct flag_attr **flag_by_idx;

/*
 * What compact JSON writes after a flag word of 0, the most common by far
 * (a million lanes, each with its flags): ',"flags-names":[]', made once.
 */
#define N_FLAG_ATTRS (sizeof(flag_attrs) / sizeof(flag_attrs[0]))
static char flag_none[N_FLAG_ATTRS][ONL_KEY_MAX + 8];
static unsigned char flag_none_len[N_FLAG_ATTRS];

static __attribute__((noinline)) bool flags_index(void)
{
	static const struct onl_set *const sets[] = {
		&onl_set_ophoton, &onl_set_link_stats, &onl_set_module_stats,
		&onl_set_lane_stats, &onl_set_agg_stats, &onl_set_laser_stats,
	};

	flag_by_idx = calloc((size_t)onl_attrs_total, sizeof(*flag_by_idx));
	if (!flag_by_idx)
		return false;
	for (size_t i = 0; i < N_FLAG_ATTRS; i++)
		flag_none_len[i] = (unsigned char)snprintf(flag_none[i], sizeof(flag_none[i]),
							   ",\"%s\":[]", flag_attrs[i].names_key);
	for (size_t s = 0; s < sizeof(sets) / sizeof(sets[0]); s++)
		for (int t = 1; t <= sets[s]->max; t++) {
			const struct onl_attr *a = onl_attr(sets[s], t);

			if (a)
				flag_by_idx[a->idx] = flag_attr(sets[s], a);
		}
	return true;
}

static int want_len(enum onl_type t)
{
	switch (t) {
	case ONL_U8:
		return 1;
	case ONL_U16:
		return 2;
	case ONL_U32:
	case ONL_S32:
		return 4;
	case ONL_U64:
		return 8;
	case ONL_FLAG:
		return 0;
	default:
		return -1;
	}
}

/*
 * What human output shows for an attribute of a reply to a command: its
 * label without the command's prefix, and how its flag word reads.  Worked
 * out once per attribute (by its index over every set) and prefix, not
 * once for each of a million records.
 */
struct label_memo {
	const char *strip;
	bool known;
	const struct flag_attr *fl;
	struct out_label lab;	/* @text and its length */
	char text[64];
};

static struct label_memo *label_memos;

/* Work out what label_memo() remembers, at @m. */
static __attribute__((noinline)) const struct label_memo *
label_work_out(struct label_memo *m, const struct onl_set *set, const struct onl_attr *a,
	       const char *strip)
{
	label_of(a, strip, m->text, sizeof(m->text));
	m->lab.text = m->text;
	m->lab.len = (int)strlen(m->text);
	m->fl = flag_attr(set, a);
	m->strip = strip;
	m->known = true;
	return m;
}

static inline const struct label_memo *label_memo(const struct onl_set *set,
						  const struct onl_attr *a, const char *strip)
{
	static struct label_memo one;
	struct label_memo *m;

	if (!label_memos)
		label_memos = calloc((size_t)onl_attrs_total, sizeof(*label_memos));
	/* Out of memory: worked out each time, in one place. */
	if (!label_memos)
		return label_work_out(&one, set, a, strip);
	m = &label_memos[a->idx];
	if (m->known && m->strip == strip)
		return m;
	return label_work_out(m, set, a, strip);
}

static int print_one(const struct onl_set *set, const struct onl_attr *a,
		     const struct nlattr *nla, const char *strip, int in_list);

/* One run of ids, "4" or "4-9", after a comma unless first; the end. */
static char *put_range(char *p, uint32_t first, uint32_t last, bool comma)
{
	if (comma)
		*p++ = ',';
	p = out_dec_u32(p, first);
	if (last != first) {
		*p++ = '-';
		p = out_dec_u32(p, last);
	}
	return p;
}

/*
 * A nest of u32 values with no attribute set of its own (blast-link-ids):
 * in JSON a list; for people, runs of consecutive ids as ranges
 * ("4-5,17"): a module's or an engine's links are consecutive.
 */
static int print_u32_list(const char *key, const char *label, const struct nlattr *nla)
{
	/* At most an id and a separator per 8 bytes of nest, with room for ends. */
	size_t room = (size_t)a_len(nla) / 8 * (2 * 10 + 2) + 32;
	char *ranges = NULL, *p = NULL;
	const struct nlattr *x;
	uint32_t first = 0, last = 0;
	bool open = false;
	int rem, ret = 0;

	out_list_start(key);
	if (!out_is_json()) {
		ranges = malloc(room);
		if (!ranges) {
			out_list_end();
			return -1;
		}
		p = ranges;
	}
	for_each_a(x, (const struct nlattr *)a_data(nla), a_len(nla), rem) {
		uint32_t v;

		if (a_len(x) != 4) {
			ret = -1;
			break;
		}
		v = (uint32_t)a_uint(x, 4);
		if (!ranges) {
			out_u64(NULL, NULL, v);
		} else if (open && v == last + 1) {
			last = v;
		} else {
			if (open)
				p = put_range(p, first, last, p != ranges);
			first = last = v;
			open = true;
		}
	}
	if (ranges) {
		if (open)
			p = put_range(p, first, last, p != ranges);
		*p = '\0';
		out_str(NULL, label, open ? ranges : "none");
		free(ranges);
	}
	/* Closed whatever happened: the output stays well formed. */
	out_list_end();
	return ret;
}

/* The attributes of one nest of @set, as a section. */
static int print_nest(const struct onl_set *set, const struct onl_attr *a,
		      const struct nlattr *nla, int in_list)
{
	int ret;

	out_section_start(in_list ? NULL : a->name,
			  out_is_json() ? NULL : label_memo(set, a, NULL)->text);
	ret = print_attrs(a->nested, a_data(nla), a_len(nla), NULL);
	out_section_end();
	return ret;
}

/*
 * Apart from print_one(), which runs for every attribute of a million
 * records: a buffer on its stack would give it a stack protector's work
 * each time.
 */
static __attribute__((noinline)) void print_flag_words(const struct onl_attr *a,
							const struct label_memo *m, uint32_t v)
{
	const struct flag_layout *l = layout_now(m->fl);
	char words[320];

	if (!l) {
		out_attr_u64(a, &m->lab, v);
		return;
	}
	flag_words(l, v, words, sizeof(words));
	out_attr_str(a, &m->lab, words);
}

/* An attribute of a newer module: its type and length, not dropped. */
static __attribute__((noinline)) void print_unknown(const struct nlattr *nla)
{
	char key[32];

	snprintf(key, sizeof(key), "attr-%d", a_type(nla));
	out_u64(key, key, (uint64_t)a_len(nla));
}

/*
 * A number of @a: an enum's name, a flag word's names, a value in its
 * unit or a plain number.  @m is what human output labels it with (NULL
 * in JSON).
 */
static inline void print_scalar(const struct onl_attr *a, const struct label_memo *m,
				uint64_t v)
{
	const struct onl_enum *e = a->enm;
	const struct out_label *lb = m ? &m->lab : NULL;
	const struct flag_attr *fa = !m && flag_by_idx ? flag_by_idx[a->idx] : NULL;

	if (fa) {
		/* JSON: the number under the spec's key, its names beside it. */
		out_attr_u64(a, NULL, v);
		json_words(fa, (uint32_t)v);
	} else if (m && m->fl && !v && m->fl->l->kind != WORDS_BY_ALARM)
		/* Most records have no flag up. */
		out_attr_name(a, lb, "none", 4);
	else if (m && m->fl)
		print_flag_words(a, m, (uint32_t)v);
	else if (e && v - (uint64_t)e->first < (uint64_t)e->n)
		out_attr_name(a, lb, e->names[v - e->first], e->lens[v - e->first]);
	else if (a->type == ONL_S32)
		out_attr_unit(a, lb, (int32_t)v);
	else if (a->unit != ONL_UNIT_NONE && v <= INT64_MAX)
		out_attr_unit(a, lb, (int64_t)v);
	else
		/* Unsigned to the top: a saturated clock is 2^64 - 1, not -1. */
		out_attr_u64(a, lb, v);
}

static int print_one(const struct onl_set *set, const struct onl_attr *a,
		     const struct nlattr *nla, const char *strip, int in_list)
{
	const struct label_memo *m = NULL;
	int want = want_len(a->type);
	const struct out_label *lb = NULL;

	if (want >= 0 && a_len(nla) != want)
		return -1;
	/*
	 * Labels are for people; JSON has the spec's keys.  A nest is
	 * labelled by print_nest(), without the prefix.
	 */
	if (!out_is_json() && (a->type != ONL_NEST || !a->nested)) {
		m = label_memo(set, a, strip);
		lb = &m->lab;
	}
	switch (a->type) {
	case ONL_PAD:
		return 0;
	case ONL_FLAG:
		out_attr_flag(a, lb);
		return 0;
	case ONL_STRING:
		if (!a_len(nla) || ((const char *)a_data(nla))[a_len(nla) - 1])
			return -1;
		out_attr_str(a, lb, a_data(nla));
		return 0;
	case ONL_NEST:
		if (!a->nested)
			return print_u32_list(a->name, lb ? lb->text : NULL, nla);
		return print_nest(set, a, nla, in_list);
	default:
		break;
	}
	if (want <= 0)
		return -1;	/* ONL_NONE: nothing the spec declares */
	print_scalar(a, m, a_uint(nla, want));
	return 0;
}

/* Whether an attribute of @type comes before @nla in the nest at @head. */
static bool seen_before(const struct nlattr *head, const struct nlattr *nla, int type)
{
	for (const struct nlattr *x = head; x < nla; x = (const void *)((const char *)x +
							NLA_ALIGN(x->nla_len)))
		if (a_type(x) == type)
			return true;
	return false;
}

/*
 * A number or an enum's name as a member of compact JSON: most of every
 * record, and of a million of them in a listing.  Written in place,
 * separator, key and value in one room, without print_one()'s
 * questions, which gen-proto.py answered beforehand (@a->scalar_len;
 * keys and names within ONL_KEY_MAX and ONL_NAME_MAX); the same bytes.
 */
static inline void json_scalar(bool *first, const struct onl_attr *a,
			       const struct nlattr *nla)
{
	uint64_t v = a_uint(nla, a->scalar_len);
	const struct onl_enum *e = a->enm;
	char *p = out_room(1 + ONL_KEY_MAX + 2 + ONL_NAME_MAX + OUT_U64_DIGITS);

	*p = ',';
	p += !*first;
	*first = false;
	out_copy_short(p, a->key, (size_t)a->key_len);
	p += a->key_len;
	if (e && v - (uint64_t)e->first < (uint64_t)e->n) {
		size_t n = e->lens[v - e->first];

		*p++ = '"';
		out_copy_short(p, e->names[v - e->first], n);
		p += n;
		*p++ = '"';
	} else if (a->type == ONL_S32) {
		p = out_dec_s64(p, (int32_t)v);
	} else {
		p = out_dec_u64(p, v);
	}
	out_wrote(p);
}

/* What print_msg_but() leaves out of the message it prints. */
static print_skip_fn skip_fn;
static void *skip_arg;

int print_attrs(const struct onl_set *set, const struct nlattr *head, int len,
		const char *strip)
{
	bool *first = out_json_first();
	/* Human output names the fabric only where it is the object. */
	bool hide_fabric = set == &onl_set_ophoton && !out_is_json() &&
			   (!strip || strcmp(strip, "fabric-"));
	const struct nlattr *nla, *x;
	int rem, rem2;

	bool lists = false;

	if (!flag_by_idx && !flags_index())
		return -1;
	for_each_a(nla, head, len, rem) {
		int type = a_type(nla);
		const struct onl_attr *a = onl_attr(set, type);

		if (type == OPHOTON_A_ALARM_KIND && set == &onl_set_ophoton && a_len(nla) == 1)
			rec_alarm_kind = *(const uint8_t *)a_data(nla);
		if (first && a && a->scalar_len && a->scalar_len == a_len(nla)) {
			const struct flag_attr *fa = flag_by_idx[a->idx];

			if (!fa) {
				json_scalar(first, a, nla);
				continue;
			}
			if (fa->l->kind != WORDS_BY_ALARM && !a_uint(nla, a->scalar_len)) {
				/* No flag up: the number, then an empty list of names. */
				size_t i = (size_t)(fa - flag_attrs);
				char *p;

				json_scalar(first, a, nla);
				p = out_room(sizeof(flag_none[0]));
				out_copy_short(p, flag_none[i], flag_none_len[i]);
				out_wrote(p + flag_none_len[i]);
				continue;
			}
		}
		if (!a) {
			print_unknown(nla);
			continue;
		}
		if (type == OPHOTON_A_FABRIC_ID && hide_fabric)
			continue;
		if (skip_fn && set == &onl_set_ophoton && !a->multi && skip_fn(nla, skip_arg))
			continue;
		if (a->scalar_len && a->scalar_len == a_len(nla)) {
			/* JSON (pretty, here, or a flag word) has no labels. */
			print_scalar(a, out_is_json() ? NULL : label_memo(set, a, strip),
				     a_uint(nla, a->scalar_len));
			continue;
		}
		if (!a->multi) {
			/* People read a summary first: id lists come last. */
			if (a->type == ONL_NEST && !a->nested && !out_is_json()) {
				lists = true;
				continue;
			}
			if (print_one(set, a, nla, strip, 0) < 0)
				return -1;
			continue;
		}
		/* Every occurrence of a multi-attr, together, as a list. */
		if (seen_before(head, nla, type))
			continue;
		out_list_start(a->name);
		for_each_a(x, head, len, rem2)
			if (a_type(x) == type &&
			    !(skip_fn && set == &onl_set_ophoton && skip_fn(x, skip_arg)) &&
			    print_one(set, a, x, strip, 1) < 0) {
				out_list_end();
				return -1;
			}
		out_list_end();
	}
	if (!lists)
		return 0;
	for_each_a(nla, head, len, rem) {
		const struct onl_attr *a = onl_attr(set, a_type(nla));

		if (a && !a->multi && a->type == ONL_NEST && !a->nested &&
		    print_one(set, a, nla, strip, 0) < 0)
			return -1;
	}
	return 0;
}

/* The attributes of a message of the family: where they start, how long. */
static const struct nlattr *msg_attrs(const struct nlmsghdr *nlh, int *len)
{
	const int off = NLMSG_HDRLEN + GENL_HDRLEN;

	if (nlh->nlmsg_len < (unsigned int)off)
		return NULL;
	*len = (int)nlh->nlmsg_len - off;
	return (const struct nlattr *)((const char *)nlh + off);
}

int print_msg(const struct nlmsghdr *nlh, const char *strip)
{
	const struct nlattr *head;
	int len;

	head = msg_attrs(nlh, &len);
	if (!head)
		return -1;
	rec_alarm_kind = 0;
	return print_attrs(&onl_set_ophoton, head, len, strip);
}

int print_msg_but(const struct nlmsghdr *nlh, const char *strip, print_skip_fn skip, void *arg)
{
	int ret;

	skip_fn = skip;
	skip_arg = arg;
	ret = print_msg(nlh, strip);
	skip_fn = NULL;
	skip_arg = NULL;
	return ret;
}

int parse_msg_into(const struct nlmsghdr *nlh, struct nlattr **tb)
{
	const struct nlattr *head, *nla;
	int len, rem;

	head = msg_attrs(nlh, &len);
	if (!head)
		return -1;
	for_each_a(nla, head, len, rem) {
		const struct onl_attr *a = onl_attr(&onl_set_ophoton, a_type(nla));
		int want;

		if (!a)
			continue;	/* a newer module's: the printer shows it */
		want = want_len(a->type);
		if (a->type == ONL_FLAG ? a_len(nla) != 0 : a_len(nla) < want)
			return -1;
		if (a->type == ONL_STRING &&
		    (!a_len(nla) || ((const char *)a_data(nla))[a_len(nla) - 1]))
			return -1;
		tb[a_type(nla)] = (struct nlattr *)nla;
	}
	return 0;
}

void parse_msg_forget(const struct nlmsghdr *nlh, struct nlattr **tb)
{
	const struct nlattr *head, *nla;
	int len, rem;

	head = msg_attrs(nlh, &len);
	if (!head)
		return;
	for_each_a(nla, head, len, rem)
		if (a_type(nla) <= OPHOTON_A_MAX)
			tb[a_type(nla)] = NULL;
}

int parse_msg(const struct nlmsghdr *nlh, struct nlattr **tb)
{
	memset(tb, 0, (OPHOTON_A_MAX + 1) * sizeof(*tb));
	return parse_msg_into(nlh, tb);
}
