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
 * Threshold flag words for people: each nibble is warn-lo, warn-hi,
 * alarm-lo, alarm-hi of one value (uapi/linux/ophoton.h says which).
 */
static const struct flag_layout {
	const char *set, *attr;
	const char *bits[4];	/* single bits of the low nibble, or NULL */
	const char *groups[3];	/* the values of nibbles 0, 1, 2 */
} flag_layouts[] = {
	{ "link-stats", "latched", { "los-up", "los-down", "lol-up", "lol-down" },
	  { NULL, "rx", "engine-input" } },
	{ "module-stats", "flags", { NULL }, { "temp", "supply", NULL } },
	{ "module-stats", "latched", { NULL }, { "temp", "supply", NULL } },
	{ "laser-stats", "flags", { NULL }, { "bias", "power", "freq" } },
	{ "laser-stats", "latched", { NULL }, { "bias", "power", "freq" } },
	{ "agg-stats", "flags", { NULL }, { "temp", NULL, NULL } },
	{ "agg-stats", "latched", { NULL }, { "temp", NULL, NULL } },
	{ "lane-stats", "flags", { NULL }, { "rx", NULL, NULL } },
};

static const struct flag_layout *flag_layout(const struct onl_set *set,
					     const struct onl_attr *a)
{
	for (size_t i = 0; i < sizeof(flag_layouts) / sizeof(flag_layouts[0]); i++)
		if (!strcmp(flag_layouts[i].set, set->name) &&
		    !strcmp(flag_layouts[i].attr, a->name))
			return &flag_layouts[i];
	return NULL;
}

static void flag_words(const struct flag_layout *l, uint32_t v, char *buf, size_t len)
{
	static const char *const level[4] = { "warn-lo", "warn-hi", "alarm-lo", "alarm-hi" };
	size_t n = 0;

	buf[0] = '\0';
	for (int b = 0; b < 12; b++) {
		const char *g = l->groups[b / 4];

		if (!(v & (1u << b)))
			continue;
		if (b < 4 && l->bits[b])
			n += (size_t)snprintf(buf + n, len - n, "%s%s", n ? "," : "", l->bits[b]);
		else if (g)
			n += (size_t)snprintf(buf + n, len - n, "%s%s-%s", n ? "," : "", g,
					      level[b % 4]);
		else
			n += (size_t)snprintf(buf + n, len - n, "%sbit%d", n ? "," : "", b);
		if (n >= len)
			break;
	}
	if (v >> 12)
		snprintf(buf + n, len - n, "%s0x%x", n ? "," : "", v >> 12 << 12);
	if (!buf[0])
		snprintf(buf, len, "none");
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
	const struct flag_layout *fl;
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
	m->fl = flag_layout(set, a);
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

/* A nest of u32 values with no attribute set of its own (blast-link-ids). */
static int print_u32_list(const char *key, const char *label, const struct nlattr *nla)
{
	const struct nlattr *x;
	int rem;

	out_list_start(key);
	if (!out_is_json())
		out_str(NULL, NULL, label);
	for_each_a(x, (const struct nlattr *)a_data(nla), a_len(nla), rem) {
		if (a_len(x) != 4) {
			/* Close what was opened: the output stays well formed. */
			out_list_end();
			return -1;
		}
		out_u64(NULL, NULL, a_uint(x, 4));
	}
	out_list_end();
	return 0;
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
	char words[256];

	flag_words(m->fl, v, words, sizeof(words));
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

	if (m && m->fl && !v)
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

int print_attrs(const struct onl_set *set, const struct nlattr *head, int len,
		const char *strip)
{
	bool *first = out_json_first();
	/* Human output names the fabric only where it is the object. */
	bool hide_fabric = set == &onl_set_ophoton && !out_is_json() &&
			   (!strip || strcmp(strip, "fabric-"));
	const struct nlattr *nla, *x;
	int rem, rem2;

	for_each_a(nla, head, len, rem) {
		int type = a_type(nla);
		const struct onl_attr *a = onl_attr(set, type);

		if (first && a && a->scalar_len && a->scalar_len == a_len(nla)) {
			json_scalar(first, a, nla);
			continue;
		}
		if (!a) {
			print_unknown(nla);
			continue;
		}
		if (type == OPHOTON_A_FABRIC_ID && hide_fabric)
			continue;
		if (a->scalar_len && a->scalar_len == a_len(nla)) {
			/* JSON (pretty, here) has no labels: flag words stay numbers. */
			print_scalar(a, out_is_json() ? NULL : label_memo(set, a, strip),
				     a_uint(nla, a->scalar_len));
			continue;
		}
		if (!a->multi) {
			if (print_one(set, a, nla, strip, 0) < 0)
				return -1;
			continue;
		}
		/* Every occurrence of a multi-attr, together, as a list. */
		if (seen_before(head, nla, type))
			continue;
		out_list_start(a->name);
		for_each_a(x, head, len, rem2)
			if (a_type(x) == type && print_one(set, a, x, strip, 1) < 0) {
				out_list_end();
				return -1;
			}
		out_list_end();
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
	return print_attrs(&onl_set_ophoton, head, len, strip);
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
