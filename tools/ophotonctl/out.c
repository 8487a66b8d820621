// SPDX-License-Identifier: GPL-2.0
/*
 * ophotonctl: human and JSON output through one set of calls.
 *
 * JSON is written as it goes, with the separators and indentation of each
 * nesting level tracked here.  Human output is "label value" pairs on a
 * line; a section (a nested object) starts an indented line of its own.
 */
#include <inttypes.h>
#include <math.h>
#include <stdbool.h>
#include <stdio_ext.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "out.h"

const char *err_where = "";

#define OUT_MAX_DEPTH 16

struct out_state {
	FILE *f;
	bool json;
	bool pretty;
	int depth;
	bool first[OUT_MAX_DEPTH];	/* no member written yet at this depth */
	bool line_open;			/* human: something printed on the line */
	int hdepth;			/* human: open sections */
};

static struct out_state out = { .f = NULL };

/*
 * What is printed collects here and goes to the stream in 64 KiB writes:
 * a listing of a million records is some hundred million small pieces,
 * and stdio's per-call work (a lock, a vtable call, a length) was most of
 * the tool's time.  Whoever writes to the stream directly asks for it
 * through out_file(), which first empties this buffer, so the order holds.
 */
static struct {
	size_t n;
	bool tty;		/* a person watches: each line goes out whole */
	char b[1 << 16];
} ob;

static void ob_flush(void)
{
	if (ob.n && out.f)
		fwrite_unlocked(ob.b, 1, ob.n, out.f);
	ob.n = 0;
}

/*
 * Most of what is written is a few bytes (a key, a label, a number): two
 * overlapping moves of a fixed size rather than a call to memcpy().
 */
static inline void copy_short(char *d, const char *s, size_t n)
{
	if (n >= 8 && n <= 16) {
		memcpy(d, s, 8);
		memcpy(d + n - 8, s + n - 8, 8);
	} else if (n >= 4 && n < 8) {
		memcpy(d, s, 4);
		memcpy(d + n - 4, s + n - 4, 4);
	} else if (n < 4) {
		while (n--)
			*d++ = *s++;
	} else {
		memcpy(d, s, n);
	}
}

static inline void ob_put(const char *s, size_t n)
{
	if (n > sizeof(ob.b) - ob.n) {
		ob_flush();
		if (n > sizeof(ob.b)) {
			fwrite_unlocked(s, 1, n, out.f);
			return;
		}
	}
	copy_short(ob.b + ob.n, s, n);
	ob.n += n;
}

static inline void ob_s(const char *s)
{
	ob_put(s, strlen(s));
}

/*
 * Room for @n bytes more: the small pieces of one value (a label, a
 * number, its unit) are then written with one check for all of them
 * rather than one each.  @n is at most a few hundred.
 */
static inline void ob_room(size_t n)
{
	if (n > sizeof(ob.b) - ob.n)
		ob_flush();
}

/* Writers into the room ob_room() made: no check of their own. */
static inline void ob_c_in(char c)
{
	ob.b[ob.n++] = c;
}

static inline void ob_put_in(const char *s, size_t n)
{
	copy_short(ob.b + ob.n, s, n);
	ob.n += n;
}

static inline void ob_c(char c)
{
	if (ob.n == sizeof(ob.b))
		ob_flush();
	ob.b[ob.n++] = c;
}

/* A line is done: on a terminal it is shown now, as stdio would. */
static void ob_line(void)
{
	if (ob.tty) {
		ob_flush();
		fflush(out.f);
	}
}

static struct {
	struct out_state saved;	/* the writer as it was when the capture began */
	FILE *mem;
	char *buf;
	size_t len;
} cap;

void out_init(FILE *f, int json, int pretty)
{
	ob_flush();
	memset(&out, 0, sizeof(out));
	out.f = f;
	ob.tty = isatty(fileno(f));
	out.json = json;
	out_json_on = json;
	out.pretty = json && pretty;
	/*
	 * One thread writes: a listing of a million records must not take
	 * the stream's lock for every character.
	 */
	__fsetlocking(f, FSETLOCKING_BYCALLER);
}

/* Decimal digits of @v, two at a time, without printf's parsing of a format. */
static void put_u64(uint64_t v)
{
	static const char pairs[] =
		"00010203040506070809101112131415161718192021222324252627282930313233343536373839"
		"40414243444546474849505152535455565758596061626364656667686970717273747576777879"
		"8081828384858687888990919293949596979899";
	char buf[24], *p = buf + sizeof(buf);

	uint32_t w;

	while (v > UINT32_MAX) {
		unsigned int r = (unsigned int)(v % 100);

		v /= 100;
		p -= 2;
		memcpy(p, pairs + 2 * r, 2);
	}
	/* Most values fit 32 bits, where a division by 100 is cheaper. */
	for (w = (uint32_t)v; w >= 100; w /= 100) {
		p -= 2;
		memcpy(p, pairs + 2 * (w % 100), 2);
	}
	if (w >= 10) {
		p -= 2;
		memcpy(p, pairs + 2 * w, 2);
	} else {
		*--p = (char)('0' + w);
	}
	ob_room(sizeof(buf));
	ob_put_in(p, (size_t)(buf + sizeof(buf) - p));
}

static void put_s64(int64_t v)
{
	if (v < 0) {
		ob_c('-');
		put_u64(-(uint64_t)v);
	} else {
		put_u64((uint64_t)v);
	}
}

int out_json_on;

FILE *out_file(void)
{
	ob_flush();
	return out.f;
}

static void json_string(const char *s)
{
	static const char hex[] = "0123456789abcdef";
	const char *p = s;

	ob_c('"');
	/* Names and words need no escape: written in one piece. */
	while ((unsigned char)*p >= 0x20 && *p != '"' && *p != '\\')
		p++;
	ob_put(s, (size_t)(p - s));
	for (s = p; *s; s++) {
		unsigned char c = (unsigned char)*s;

		switch (c) {
		case '"':  ob_put("\\\"", 2); break;
		case '\\': ob_put("\\\\", 2); break;
		case '\n': ob_put("\\n", 2); break;
		case '\r': ob_put("\\r", 2); break;
		case '\t': ob_put("\\t", 2); break;
		default:
			if (c < 0x20) {
				ob_put("\\u00", 4);
				ob_c(hex[c >> 4]);
				ob_c(hex[c & 15]);
			} else {
				ob_c((char)c);
			}
		}
	}
	ob_c('"');
}

/* Newline and indentation for the next line of pretty JSON. */
static void json_indent(void)
{
	if (!out.pretty)
		return;
	ob_c('\n');
	for (int i = 0; i < out.depth; i++)
		ob_put("    ", 4);
}

/* The separator before the next member or element of the open JSON value. */
static void json_sep(void)
{
	if (out.depth > 0 && out.depth <= OUT_MAX_DEPTH) {
		if (!out.first[out.depth - 1])
			ob_c(',');
		out.first[out.depth - 1] = false;
		json_indent();
	}
}

/* Separator and key of the next member (or element, without a key). */
static void json_key(const char *key)
{
	json_sep();
	if (key && out.depth > 0) {
		/* Keys are the spec's names (or "attr-N"): nothing to escape. */
		ob_c('"');
		ob_s(key);
		if (out.pretty)
			ob_put("\": ", 3);
		else
			ob_put("\":", 2);
	}
}

/* The same for an attribute of the spec, its key written beforehand. */
static void json_akey(const struct onl_attr *a)
{
	json_sep();
	ob_put(a->key, (size_t)a->key_len + out.pretty);
}

static void json_open(const char *key, char c)
{
	json_key(key);
	ob_c(c);
	if (out.depth < OUT_MAX_DEPTH)
		out.first[out.depth] = true;
	out.depth++;
}

static void json_close(char c)
{
	out.depth--;
	if (out.depth < OUT_MAX_DEPTH && !out.first[out.depth])
		json_indent();
	ob_c(c);
	if (out.depth == 0) {
		ob_c('\n');
		ob_line();
	}
}

/* Human output: the separator before a value, and its label of @len bytes. */
/* The start of a line, or a label too long for human_sep_n()'s room. */
static __attribute__((noinline)) void human_sep_slow(const char *label, size_t len)
{
	if (out.line_open)
		ob_c(' ');
	else
		for (int i = 0; i < out.hdepth; i++)
			ob_put("    ", 4);
	out.line_open = true;
	if (label) {
		ob_put(label, len);
		ob_c(' ');
	}
}

/*
 * The separator before a value, and its label: a dozen times a record.
 * A label of print.c's is under 64 bytes, written into one room.
 */
static inline void human_sep_n(const char *label, size_t len)
{
	if (!out.line_open || len >= 64) {
		human_sep_slow(label, len);
		return;
	}
	ob_room(len + 2);
	ob_c_in(' ');
	if (label) {
		ob_put_in(label, len);
		ob_c_in(' ');
	}
}

static void human_sep(const char *label)
{
	human_sep_n(label, label ? strlen(label) : 0);
}

/* What print.c passes: its remembered label and length, or nothing. */
static void human_sep_l(const struct out_label *l)
{
	if (l)
		human_sep_n(l->text, (size_t)l->len);
	else
		human_sep_n(NULL, 0);
}

void out_object_start(const char *key)
{
	if (out.json)
		json_open(key, '{');
}

void out_object_end(void)
{
	if (out.json)
		json_close('}');
}

void out_list_start(const char *key)
{
	if (out.json)
		json_open(key, '[');
}

void out_list_end(void)
{
	if (out.json)
		json_close(']');
}

void out_section_start(const char *key, const char *label)
{
	if (out.json) {
		json_open(key, '{');
		return;
	}
	out_newline();
	out.hdepth++;
	if (label) {
		human_sep(NULL);
		ob_s(label);
		ob_c(':');
	}
}

void out_section_end(void)
{
	if (out.json) {
		json_close('}');
		return;
	}
	out_newline();
	if (out.hdepth > 0)
		out.hdepth--;
}

void out_indent(int delta)
{
	if (out.json)
		return;
	out_newline();
	out.hdepth += delta;
	if (out.hdepth < 0)
		out.hdepth = 0;
}

void out_str(const char *key, const char *label, const char *val)
{
	if (out.json) {
		json_key(key);
		json_string(val);
		return;
	}
	human_sep(label);
	ob_s(val);
}

void out_u64(const char *key, const char *label, uint64_t val)
{
	if (out.json)
		json_key(key);
	else
		human_sep(label);
	put_u64(val);
}

void out_s64(const char *key, const char *label, int64_t val)
{
	if (out.json)
		json_key(key);
	else
		human_sep(label);
	put_s64(val);
}

void out_flag(const char *key, const char *label)
{
	if (out.json) {
		json_key(key);
		ob_put("true", 4);
		return;
	}
	human_sep(NULL);
	ob_s(label);
}

void out_attr_str(const struct onl_attr *a, const struct out_label *label, const char *val)
{
	if (!out.json) {
		human_sep_l(label);
		ob_s(val);
		return;
	}
	json_akey(a);
	json_string(val);
}

void out_attr_name(const struct onl_attr *a, const struct out_label *label, const char *name,
		   int len)
{
	if (out.json) {
		json_akey(a);
		ob_c('"');
		ob_put(name, (size_t)len);
		ob_c('"');
		return;
	}
	human_sep_l(label);
	ob_put(name, (size_t)len);
}

void out_attr_u64(const struct onl_attr *a, const struct out_label *label, uint64_t val)
{
	if (out.json)
		json_akey(a);
	else
		human_sep_l(label);
	put_u64(val);
}

void out_attr_flag(const struct onl_attr *a, const struct out_label *label)
{
	if (!out.json) {
		human_sep_n(NULL, 0);
		if (label)
			ob_put(label->text, (size_t)label->len);
		return;
	}
	json_akey(a);
	ob_put("true", 4);
}

/*
 * A number and its unit: "12 mW".  Inline, as human_scaled(): the unit
 * and the divisor are constants where they are used, so no strlen() of
 * the unit and no division instruction remain (both costly under
 * emulation, where a million lanes are listed).
 */
static inline __attribute__((always_inline)) void human_int(int64_t v, const char *unit)
{
	size_t n = strlen(unit);

	put_s64(v);
	ob_room(n + 1);
	ob_c_in(' ');
	ob_put_in(unit, n);
}

/* Scaled values: at most 3 decimals, trailing zeros dropped. */
static inline __attribute__((always_inline)) void human_scaled(int64_t v, int64_t div,
								const char *unit)
{
	int64_t whole = v / div, frac = v % div;
	size_t un = strlen(unit);

	if (frac < 0)
		frac = -frac;
	if (v < 0 && !whole)
		ob_c('-');
	put_s64(whole);
	/* The decimals and the unit: one room for both. */
	ob_room(un + 5);
	if (frac) {
		char d[3];
		int digits = div == 10 ? 1 : div == 100 ? 2 : 3, n = digits;

		for (int i = digits - 1; i >= 0; i--, frac /= 10)
			d[i] = (char)('0' + frac % 10);
		while (n > 1 && d[n - 1] == '0')
			n--;
		ob_c_in('.');
		for (int i = 0; i < n; i++)
			ob_c_in(d[i]);
	}
	if (un) {
		ob_c_in(' ');
		ob_put_in(unit, un);
	}
}

/* A bit error ratio from its -100 log10 form: "1.0e-12", or a bound "<1e-15". */
static void human_ber_text(int64_t v, bool bound, char *num, size_t len)
{
	snprintf(num, len, bound ? "<%.0e" : "%.1e", pow(10.0, -(double)v / 100.0));
}

/*
 * The same, remembered: a listing's lanes report a few values of the
 * BER over and over, and pow() with printf for each was the text
 * listing's largest cost.  Each value is worked out once, as above.
 */
#define BER_MEMO	4096

static void human_ber(int64_t v, bool bound)
{
	static char memo[2][BER_MEMO][12];
	char num[32], *m;

	if (v < 0 || v >= BER_MEMO) {
		human_ber_text(v, bound, num, sizeof(num));
		ob_s(num);
		return;
	}
	m = memo[bound][v];
	if (!m[0]) {
		human_ber_text(v, bound, num, sizeof(num));
		if (strlen(num) >= sizeof(memo[0][0])) {
			ob_s(num);
			return;
		}
		strcpy(m, num);
	}
	ob_s(m);
}

/**
 * format_duration_s() - a duration as an operator reads it
 * @s: seconds
 * @buf: filled with 45s, 12m05s, 3h20m, 4d06h or 2y031d
 * @len: its size
 */
void format_duration_s(uint64_t s, char *buf, size_t len)
{
	unsigned long long v = s;

	if (v < 60)
		snprintf(buf, len, "%llus", v);
	else if (v < 3600)
		snprintf(buf, len, "%llum%02llus", v / 60, v % 60);
	else if (v < 86400)
		snprintf(buf, len, "%lluh%02llum", v / 3600, v % 3600 / 60);
	else if (v < 365 * 86400ULL)
		snprintf(buf, len, "%llud%02lluh", v / 86400, v % 86400 / 3600);
	else
		snprintf(buf, len, "%lluy%03llud", v / (365 * 86400ULL), v % (365 * 86400ULL) / 86400);
}

static void human_secs(int64_t v)
{
	char buf[48];

	format_duration_s(v < 0 ? 0 : (uint64_t)v, buf, sizeof(buf));
	ob_s(buf);
}

/* A wall clock time, as ISO 8601 in UTC to the second: 2026-12-07T03:12:45Z. */
static void human_wall(int64_t ns)
{
	time_t t = (time_t)(ns / 1000000000);
	char buf[32];
	struct tm tm;

	if (ns <= 0 || !gmtime_r(&t, &tm) ||
	    !strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%SZ", &tm)) {
		put_s64(ns);
		return;
	}
	ob_s(buf);
}

static void human_unit(int64_t v, enum onl_unit unit);

void out_unit(const char *key, const char *label, int64_t v, enum onl_unit unit)
{
	if (out.json) {
		json_key(key);
		put_s64(v);
		return;
	}
	human_sep(label);
	human_unit(v, unit);
}

void out_attr_unit(const struct onl_attr *a, const struct out_label *label, int64_t v)
{
	if (out.json) {
		json_akey(a);
		put_s64(v);
		return;
	}
	human_sep_l(label);
	human_unit(v, a->unit);
}

/* @v in its unit, after its label. */
static void human_unit(int64_t v, enum onl_unit unit)
{
	switch (unit) {
	case ONL_UNIT_UDBM:
		human_scaled(v, 1000, "dBm");
		break;
	case ONL_UNIT_MDB:
		human_scaled(v, 1000, "dB");
		break;
	case ONL_UNIT_MC:
		human_scaled(v, 1000, "C");
		break;
	case ONL_UNIT_UW:
		if (v >= 1000 || v <= -1000)
			human_scaled(v, 1000, "mW");
		else
			human_int(v, "uW");
		break;
	case ONL_UNIT_MW:
		if (v >= 1000000 || v <= -1000000)
			human_scaled(v / 1000, 1000, "kW");
		else if (v >= 1000 || v <= -1000)
			human_scaled(v, 1000, "W");
		else
			human_int(v, "mW");
		break;
	case ONL_UNIT_W:
		human_int(v, "W");
		break;
	case ONL_UNIT_MV:
		human_scaled(v, 1000, "V");
		break;
	case ONL_UNIT_UA:
		human_scaled(v, 1000, "mA");
		break;
	case ONL_UNIT_MA:
		human_int(v, "mA");
		break;
	case ONL_UNIT_NS:
		human_scaled(v / 1000000, 1000, "s");
		break;
	case ONL_UNIT_MS:
		human_int(v, "ms");
		break;
	case ONL_UNIT_GBPS:
		if (v >= 1000)
			human_scaled(v, 1000, "Tb/s");
		else
			human_int(v, "Gb/s");
		break;
	case ONL_UNIT_DM:
		human_scaled(v, 10, "m");
		break;
	case ONL_UNIT_PS:
		human_int(v, "ps");
		break;
	case ONL_UNIT_PPM:
		human_int(v, "ppm");
		break;
	case ONL_UNIT_PM:
		human_int(v, "pm");
		break;
	case ONL_UNIT_MHZ:
		human_int(v, "MHz");
		break;
	case ONL_UNIT_PERMILLE:
		human_scaled(v, 10, "%");
		break;
	case ONL_UNIT_BER:
		human_ber(v, false);
		break;
	case ONL_UNIT_S:
		human_secs(v);
		break;
	case ONL_UNIT_PPB_H:
		human_scaled(v, 1000, "ppm/h");
		break;
	case ONL_UNIT_BER_BOUND:
		human_ber(v, true);
		break;
	case ONL_UNIT_WALL:
		human_wall(v);
		break;
	default:
		put_s64(v);
		break;
	}
}

void out_newline(void)
{
	if (out.json || !out.line_open)
		return;
	ob_c('\n');
	out.line_open = false;
	ob_line();
}

void out_flush(void)
{
	out_newline();
	ob_flush();
	fflush(out.f);
}

int out_capture_start(void)
{
	ob_flush();
	cap.mem = open_memstream(&cap.buf, &cap.len);
	if (!cap.mem)
		return -1;
	cap.saved = out;
	out.f = cap.mem;
	return 0;
}

void out_capture_end(int keep)
{
	if (!cap.mem)
		return;
	ob_flush();
	fclose(cap.mem);
	cap.mem = NULL;
	if (keep) {
		out.f = cap.saved.f;
		ob_put(cap.buf, cap.len);
	} else {
		out = cap.saved;
	}
	free(cap.buf);
	cap.buf = NULL;
	cap.len = 0;
}
