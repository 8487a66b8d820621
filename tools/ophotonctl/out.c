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
	bool one_line;			/* human: sections inline, not on lines of their own */
};

static struct out_state out = { .f = NULL };

/*
 * What is printed collects in out_ob and goes to the stream in 64 KiB
 * writes: a listing of a million records is some hundred million small
 * pieces, and stdio's per-call work (a lock, a vtable call, a length) was
 * most of the tool's time.  Whoever writes to the stream directly asks
 * for it through out_file(), which first empties this buffer, so the
 * order holds.
 */
struct out_buf out_ob;

void out_ob_flush(void)
{
	if (out_ob.n && out.f)
		fwrite_unlocked(out_ob.b, 1, out_ob.n, out.f);
	out_ob.n = 0;
}

static inline void ob_put(const char *s, size_t n)
{
	if (n > sizeof(out_ob.b) - out_ob.n) {
		out_ob_flush();
		if (n > sizeof(out_ob.b)) {
			fwrite_unlocked(s, 1, n, out.f);
			return;
		}
	}
	out_copy_short(out_ob.b + out_ob.n, s, n);
	out_ob.n += n;
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
	if (n > sizeof(out_ob.b) - out_ob.n)
		out_ob_flush();
}

/* Writers into the room ob_room() made: no check of their own. */
static inline void ob_c_in(char c)
{
	out_ob.b[out_ob.n++] = c;
}

static inline void ob_put_in(const char *s, size_t n)
{
	out_copy_short(out_ob.b + out_ob.n, s, n);
	out_ob.n += n;
}

static inline void ob_c(char c)
{
	if (out_ob.n == sizeof(out_ob.b))
		out_ob_flush();
	out_ob.b[out_ob.n++] = c;
}

/* A line is done: on a terminal it is shown now, as stdio would. */
static void ob_line(void)
{
	if (out_ob.tty) {
		out_ob_flush();
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
	out_ob_flush();
	memset(&out, 0, sizeof(out));
	out.f = f;
	out_ob.tty = isatty(fileno(f));
	out.json = json;
	out_json_on = json;
	out.pretty = json && pretty;
	/*
	 * One thread writes: a listing of a million records must not take
	 * the stream's lock for every character.
	 */
	__fsetlocking(f, FSETLOCKING_BYCALLER);
}

const char out_digit_pairs[200] =
	"00010203040506070809101112131415161718192021222324252627282930313233343536373839"
	"40414243444546474849505152535455565758596061626364656667686970717273747576777879"
	"8081828384858687888990919293949596979899";

const uint32_t out_pow10[10] = {
	1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000, 1000000000,
};

/* Decimal digits of @v, without printf's parsing of a format. */
static void put_u64(uint64_t v)
{
	ob_room(OUT_U64_DIGITS);
	out_wrote(out_dec_u64(out_ob.b + out_ob.n, v));
}

static void put_s64(int64_t v)
{
	ob_room(OUT_U64_DIGITS);
	out_wrote(out_dec_s64(out_ob.b + out_ob.n, v));
}

int out_json_on;

FILE *out_file(void)
{
	out_ob_flush();
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
static __attribute__((noinline)) void json_indent_pretty(void)
{
	ob_c('\n');
	for (int i = 0; i < out.depth; i++)
		ob_put("    ", 4);
}

static inline void json_indent(void)
{
	if (out.pretty)
		json_indent_pretty();
}

/* The separator before the next member or element of the open JSON value. */
static inline void json_sep(void)
{
	if (out.depth > 0 && out.depth <= OUT_MAX_DEPTH) {
		bool *first = &out.first[out.depth - 1];

		if (!*first)
			ob_c(',');
		*first = false;
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
static inline void json_akey(const struct onl_attr *a)
{
	size_t n = (size_t)a->key_len;
	bool *first;

	if (out.pretty || out.depth <= 0 || out.depth > OUT_MAX_DEPTH) {
		json_sep();
		ob_put(a->key, n + out.pretty);
		return;
	}
	/* Compact, a dozen times a record: separator and key in one room. */
	first = &out.first[out.depth - 1];
	ob_room(n + 1);
	out_ob.b[out_ob.n] = ',';
	out_ob.n += !*first;
	*first = false;
	ob_put_in(a->key, n);
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

/*
 * The human form of a value is written in place, into one room made for
 * it: at most HUMAN_VALUE_MAX bytes (a number, its decimals and unit, or
 * a BER, a duration, a date).
 */
#define HUMAN_VALUE_MAX	64

/* Put @n bytes of @s at @p: the end. */
static inline char *put_at(char *p, const char *s, size_t n)
{
	out_copy_short(p, s, n);
	return p + n;
}

/*
 * Separator and label, and room after them for @n bytes of a value:
 * where the value goes.  A dozen times a record, so one room for all.
 */
static inline __attribute__((always_inline)) char *human_labelled(const struct out_label *l,
								  size_t n)
{
	char *p;

	if (!out.line_open || !l || l->len >= 64) {
		human_sep_l(l);
		return out_room(n);
	}
	p = out_room((size_t)l->len + 2 + n);
	*p++ = ' ';
	p = put_at(p, l->text, (size_t)l->len);
	*p++ = ' ';
	return p;
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

void out_one_line(bool on)
{
	out.one_line = on;
}

void out_section_start(const char *key, const char *label)
{
	if (out.json) {
		json_open(key, '{');
		return;
	}
	if (!out.one_line)
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
	if (!out.one_line)
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
	if (len > HUMAN_VALUE_MAX) {
		human_sep_l(label);
		ob_put(name, (size_t)len);
		return;
	}
	out_wrote(put_at(human_labelled(label, (size_t)len), name, (size_t)len));
}

void out_attr_u64(const struct onl_attr *a, const struct out_label *label, uint64_t val)
{
	if (!out.json) {
		out_wrote(out_dec_u64(human_labelled(label, OUT_U64_DIGITS), val));
		return;
	}
	json_akey(a);
	put_u64(val);
}

bool *out_json_first(void)
{
	if (!out.json || out.pretty || out.depth <= 0 || out.depth > OUT_MAX_DEPTH)
		return NULL;
	return &out.first[out.depth - 1];
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
static inline __attribute__((always_inline)) char *human_int(char *p, int64_t v,
							     const char *unit)
{
	p = out_dec_s64(p, v);
	*p++ = ' ';
	return put_at(p, unit, strlen(unit));
}

/* Scaled values: at most 3 decimals, trailing zeros dropped. */
static inline __attribute__((always_inline)) char *human_scaled(char *p, int64_t v,
								 int64_t div, const char *unit)
{
	int64_t whole = v / div, frac = v % div;
	size_t un = strlen(unit);

	if (frac < 0)
		frac = -frac;
	if (v < 0 && !whole)
		*p++ = '-';
	p = out_dec_s64(p, whole);
	if (frac) {
		/* All the decimals written, then those of trailing zeros taken back. */
		*p++ = '.';
		if (div == 10) {
			*p++ = (char)('0' + frac);
		} else if (div == 100) {
			memcpy(p, out_digit_pairs + 2 * frac, 2);
			p += 2 - (frac % 10 == 0);
		} else {
			*p = (char)('0' + frac / 100);
			memcpy(p + 1, out_digit_pairs + 2 * (frac % 100), 2);
			p += 3 - (frac % 10 == 0) - (frac % 100 == 0);
		}
	}
	if (un) {
		*p++ = ' ';
		p = put_at(p, unit, un);
	}
	return p;
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

static char *human_ber(char *p, int64_t v, bool bound)
{
	static char memo[2][BER_MEMO][12];
	char num[HUMAN_VALUE_MAX], *m;

	if (v < 0 || v >= BER_MEMO) {
		human_ber_text(v, bound, num, sizeof(num));
		return put_at(p, num, strlen(num));
	}
	m = memo[bound][v];
	if (!m[0]) {
		human_ber_text(v, bound, num, sizeof(num));
		if (strlen(num) >= sizeof(memo[0][0]))
			return put_at(p, num, strlen(num));
		strcpy(m, num);
	}
	return put_at(p, m, strlen(m));
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

static char *human_secs(char *p, int64_t v)
{
	char buf[HUMAN_VALUE_MAX];

	format_duration_s(v < 0 ? 0 : (uint64_t)v, buf, sizeof(buf));
	return put_at(p, buf, strlen(buf));
}

/* A wall clock time, as ISO 8601 in UTC to the second: 2026-12-07T03:12:45Z. */
static char *human_wall(char *p, int64_t ns)
{
	time_t t = (time_t)(ns / 1000000000);
	char buf[32];
	struct tm tm;

	if (ns <= 0 || !gmtime_r(&t, &tm) ||
	    !strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%SZ", &tm))
		return out_dec_s64(p, ns);
	return put_at(p, buf, strlen(buf));
}


/*
 * @v in its unit at @p, after its label: the end.  Inline where it is
 * used: under emulation a call's return is a jump looked up at run time,
 * and a million lanes make ten million of them.
 */
static inline __attribute__((always_inline)) char *human_unit(char *p, int64_t v,
							      enum onl_unit unit)
{
	switch (unit) {
	case ONL_UNIT_UDBM:
		return human_scaled(p, v, 1000, "dBm");
	case ONL_UNIT_MDB:
		return human_scaled(p, v, 1000, "dB");
	case ONL_UNIT_MC:
		return human_scaled(p, v, 1000, "C");
	case ONL_UNIT_UW:
		if (v >= 1000 || v <= -1000)
			return human_scaled(p, v, 1000, "mW");
		return human_int(p, v, "uW");
	case ONL_UNIT_MW:
		if (v >= 1000000 || v <= -1000000)
			return human_scaled(p, v / 1000, 1000, "kW");
		if (v >= 1000 || v <= -1000)
			return human_scaled(p, v, 1000, "W");
		return human_int(p, v, "mW");
	case ONL_UNIT_W:
		/* As milliwatts read: a rack's budget in kW beside its power. */
		if (v >= 1000 || v <= -1000)
			return human_scaled(p, v, 1000, "kW");
		return human_int(p, v, "W");
	case ONL_UNIT_MV:
		return human_scaled(p, v, 1000, "V");
	case ONL_UNIT_UA:
		return human_scaled(p, v, 1000, "mA");
	case ONL_UNIT_MA:
		return human_int(p, v, "mA");
	case ONL_UNIT_NS:
		return human_scaled(p, v / 1000000, 1000, "s");
	case ONL_UNIT_MS:
		return human_int(p, v, "ms");
	case ONL_UNIT_GBPS:
		if (v >= 1000)
			return human_scaled(p, v, 1000, "Tb/s");
		return human_int(p, v, "Gb/s");
	case ONL_UNIT_DM:
		return human_scaled(p, v, 10, "m");
	case ONL_UNIT_PS:
		return human_int(p, v, "ps");
	case ONL_UNIT_PPM:
		return human_int(p, v, "ppm");
	case ONL_UNIT_PM:
		return human_int(p, v, "pm");
	case ONL_UNIT_MHZ:
		return human_int(p, v, "MHz");
	case ONL_UNIT_PERMILLE:
		return human_scaled(p, v, 10, "%");
	case ONL_UNIT_BER:
		return human_ber(p, v, false);
	case ONL_UNIT_S:
		return human_secs(p, v);
	case ONL_UNIT_PPB_H:
		return human_scaled(p, v, 1000, "ppm/h");
	case ONL_UNIT_BER_BOUND:
		return human_ber(p, v, true);
	case ONL_UNIT_WALL:
		return human_wall(p, v);
	default:
		return out_dec_s64(p, v);
	}
}

/* @v in its unit, written in one room. */
static void human_value(int64_t v, enum onl_unit unit)
{
	out_wrote(human_unit(out_room(HUMAN_VALUE_MAX), v, unit));
}

void out_unit(const char *key, const char *label, int64_t v, enum onl_unit unit)
{
	if (out.json) {
		json_key(key);
		put_s64(v);
		return;
	}
	human_sep(label);
	human_value(v, unit);
}

void out_attr_unit(const struct onl_attr *a, const struct out_label *label, int64_t v)
{
	if (out.json) {
		json_akey(a);
		put_s64(v);
		return;
	}
	out_wrote(human_unit(human_labelled(label, HUMAN_VALUE_MAX), v, a->unit));
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
	out_ob_flush();
	fflush(out.f);
}

int out_capture_start(void)
{
	out_ob_flush();
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
	out_ob_flush();
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
