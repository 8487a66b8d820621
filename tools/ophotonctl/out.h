/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ophotonctl: the one print path behind human and JSON output.
 *
 * Every command prints through these calls, so both forms always carry the
 * same fields.  Keys are the YNL spec's attribute names, values in the
 * kernel's integer units (named by the key); human output shows a label
 * and the value in a human unit.
 */
#ifndef OPHOTONCTL_OUT_H
#define OPHOTONCTL_OUT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "proto.h"

/*
 * What is printed collects in @b and goes to the stream in 64 KiB
 * writes (out.c says why).  print.c writes the numbers of a record into
 * it directly, through out_room() and out_wrote().
 */
struct out_buf {
	size_t n;
	bool tty;		/* a person watches: each line goes out whole */
	char b[1 << 16];
};

extern struct out_buf out_ob;
void out_ob_flush(void);

/*
 * Most of what is written is a few bytes (a key, a label, a number): two
 * overlapping moves of a fixed size rather than a call to memcpy().
 */
static inline void out_copy_short(char *d, const char *s, size_t n)
{
	if (n >= 16 && n <= 32) {
		memcpy(d, s, 16);
		memcpy(d + n - 16, s + n - 16, 16);
	} else if (n >= 8 && n < 16) {
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

/* Room for @n more bytes (a few hundred at most): where they go. */
static inline char *out_room(size_t n)
{
	if (n > sizeof(out_ob.b) - out_ob.n)
		out_ob_flush();
	return out_ob.b + out_ob.n;
}

/* What was written into out_room()'s room, up to @end. */
static inline void out_wrote(const char *end)
{
	out_ob.n = (size_t)(end - out_ob.b);
}

/* The most decimal digits of a u64, and a sign. */
#define OUT_U64_DIGITS	21

extern const char out_digit_pairs[200];
extern const uint32_t out_pow10[10];

/* How many decimal digits @w has (0 has one): the bit length, then one comparison. */
static inline __attribute__((always_inline)) int out_dec_len32(uint32_t w)
{
	/* log10(2) ~ 1233 / 4096: the digits of the bit length's power of two. */
	int t = ((32 - __builtin_clz(w | 1)) * 1233) >> 12;

	return t + 1 - ((w | 1) < out_pow10[t]);
}

/* @w in decimal at @p, two digits at a time: the end. */
static inline __attribute__((always_inline)) char *out_dec_u32(char *p, uint32_t w)
{
	char *e;

	p += out_dec_len32(w);
	for (e = p; w >= 100; w /= 100) {
		e -= 2;
		memcpy(e, out_digit_pairs + 2 * (w % 100), 2);
	}
	if (w >= 10)
		memcpy(e - 2, out_digit_pairs + 2 * w, 2);
	else
		e[-1] = (char)('0' + w);
	return p;
}

/* @w, under 10^8, as exactly eight digits at @p: the end. */
static inline __attribute__((always_inline)) char *out_dec8(char *p, uint32_t w)
{
	memcpy(p, out_digit_pairs + 2 * (w / 1000000), 2);
	memcpy(p + 2, out_digit_pairs + 2 * (w / 10000 % 100), 2);
	memcpy(p + 4, out_digit_pairs + 2 * (w / 100 % 100), 2);
	memcpy(p + 6, out_digit_pairs + 2 * (w % 100), 2);
	return p + 8;
}

/*
 * @v in decimal at @p: the end.  A million records carry some ten
 * million numbers, most under 2^32; a lane's bit counters are not, and
 * go as 32-bit pieces of eight digits rather than a 64-bit division for
 * each pair.
 */
static inline __attribute__((always_inline)) char *out_dec_u64(char *p, uint64_t v)
{
	const uint64_t e8 = 100000000, e16 = e8 * e8;

	if (v <= UINT32_MAX)
		return out_dec_u32(p, (uint32_t)v);
	if (v < e16) {
		p = out_dec_u32(p, (uint32_t)(v / e8));
		return out_dec8(p, (uint32_t)(v % e8));
	}
	p = out_dec_u32(p, (uint32_t)(v / e16));
	v %= e16;
	p = out_dec8(p, (uint32_t)(v / e8));
	return out_dec8(p, (uint32_t)(v % e8));
}

static inline __attribute__((always_inline)) char *out_dec_s64(char *p, int64_t v)
{
	if (v < 0) {
		*p++ = '-';
		return out_dec_u64(p, -(uint64_t)v);
	}
	return out_dec_u64(p, (uint64_t)v);
}

void out_init(FILE *f, int json, int pretty);
/* Set by out_init(): JSON rather than human output. */
extern int out_json_on;

static inline int out_is_json(void)
{
	return out_json_on;
}
FILE *out_file(void);
/* A JSON object or array; nothing in human output. */
void out_object_start(const char *key);
void out_object_end(void);
void out_list_start(const char *key);
void out_list_end(void);
/* A nested object: in human output, an indented line of its own. */
void out_section_start(const char *key, const char *label);
void out_section_end(void);
/*
 * Human output: sections inline ("label: key value ..."), so that a
 * record is one line, as monitor prints an event.
 */
void out_one_line(bool on);
/* Human output: indent the lines that follow by @delta levels. */
void out_indent(int delta);
void out_str(const char *key, const char *label, const char *val);
void out_u64(const char *key, const char *label, uint64_t val);
void out_s64(const char *key, const char *label, int64_t val);
void out_flag(const char *key, const char *label);
void out_unit(const char *key, const char *label, int64_t val, enum onl_unit unit);
/* A label of human output with its length, as print.c remembers it. */
struct out_label {
	const char *text;
	int len;
};

/*
 * The same for an attribute of the spec: its key, and its unit; @label
 * (for human output) may be NULL.
 */
void out_attr_str(const struct onl_attr *a, const struct out_label *label, const char *val);
void out_attr_u64(const struct onl_attr *a, const struct out_label *label, uint64_t val);
void out_attr_unit(const struct onl_attr *a, const struct out_label *label, int64_t val);
void out_attr_flag(const struct onl_attr *a, const struct out_label *label);
/* A name of the spec (an enum value's), @len bytes, as a string. */
void out_attr_name(const struct onl_attr *a, const struct out_label *label, const char *name,
		   int len);
/*
 * Compact JSON: where the open object or list says whether a member was
 * written yet, for print.c to write the separator itself; NULL in
 * pretty JSON, human output, or nested deeper than out.c tracks.
 */
bool *out_json_first(void);
void out_newline(void);
/* A duration of @s seconds, short: 45s, 12m05s, 3h20m, 4d06h, 2y031d. */
void format_duration_s(uint64_t s, char *buf, size_t len);
void out_flush(void);
/*
 * Hold what is printed from here on, to be written out (@keep) or dropped
 * by out_capture_end(), which also forgets the nesting it opened; for a
 * dump that may have to run again.  Returns -1, capturing nothing, when
 * out of memory.  Captures do not nest.
 */
int out_capture_start(void);
void out_capture_end(int keep);

/*
 * Where an error comes from: "" on the command line, "FILE:LINE: " for a
 * line of a batch; perr() prints it before each error message.
 */
extern const char *err_where;
#define perr(...) (fputs(err_where, stderr), fprintf(stderr, __VA_ARGS__))

#endif /* OPHOTONCTL_OUT_H */
