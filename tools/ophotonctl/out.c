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

static struct {
	struct out_state saved;	/* the writer as it was when the capture began */
	FILE *mem;
	char *buf;
	size_t len;
} cap;

void out_init(FILE *f, int json, int pretty)
{
	memset(&out, 0, sizeof(out));
	out.f = f;
	out.json = json;
	out.pretty = json && pretty;
	/*
	 * One thread writes: a listing of a million records must not take
	 * the stream's lock for every character.
	 */
	__fsetlocking(f, FSETLOCKING_BYCALLER);
}

/* Decimal digits of @v, without printf's parsing of a format each time. */
static void put_u64(FILE *f, uint64_t v)
{
	char buf[24], *p = buf + sizeof(buf);

	do {
		*--p = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	fwrite_unlocked(p, 1, (size_t)(buf + sizeof(buf) - p), f);
}

static void put_s64(FILE *f, int64_t v)
{
	if (v < 0) {
		putc_unlocked('-', f);
		put_u64(f, -(uint64_t)v);
	} else {
		put_u64(f, (uint64_t)v);
	}
}

int out_is_json(void)
{
	return out.json;
}

FILE *out_file(void)
{
	return out.f;
}

void out_json_string(FILE *f, const char *s)
{
	const char *p = s;

	putc_unlocked('"', f);
	/* Names and words need no escape: written in one piece. */
	while (*p >= 0x20 && *p != '"' && *p != '\\')
		p++;
	fwrite_unlocked(s, 1, (size_t)(p - s), f);
	for (s = p; *s; s++) {
		unsigned char c = (unsigned char)*s;

		switch (c) {
		case '"':  fputs_unlocked("\\\"", f); break;
		case '\\': fputs_unlocked("\\\\", f); break;
		case '\n': fputs_unlocked("\\n", f); break;
		case '\r': fputs_unlocked("\\r", f); break;
		case '\t': fputs_unlocked("\\t", f); break;
		default:
			if (c < 0x20)
				fprintf(f, "\\u%04x", c);
			else
				putc_unlocked(c, f);
		}
	}
	putc_unlocked('"', f);
}

/* Newline and indentation for the next line of pretty JSON. */
static void json_indent(void)
{
	if (!out.pretty)
		return;
	putc_unlocked('\n', out.f);
	for (int i = 0; i < out.depth; i++)
		fputs_unlocked("    ", out.f);
}

/* Separator and key of the next member (or element, without a key). */
static void json_key(const char *key)
{
	if (out.depth > 0 && out.depth <= OUT_MAX_DEPTH) {
		if (!out.first[out.depth - 1])
			putc_unlocked(',', out.f);
		out.first[out.depth - 1] = false;
		json_indent();
	}
	if (key && out.depth > 0) {
		/* Keys are the spec's names (or "attr-N"): nothing to escape. */
		putc_unlocked('"', out.f);
		fputs_unlocked(key, out.f);
		fputs_unlocked(out.pretty ? "\": " : "\":", out.f);
	}
}

static void json_open(const char *key, char c)
{
	json_key(key);
	putc_unlocked(c, out.f);
	if (out.depth < OUT_MAX_DEPTH)
		out.first[out.depth] = true;
	out.depth++;
}

static void json_close(char c)
{
	out.depth--;
	if (out.depth < OUT_MAX_DEPTH && !out.first[out.depth])
		json_indent();
	putc_unlocked(c, out.f);
	if (out.depth == 0)
		putc_unlocked('\n', out.f);
}

static void human_sep(void)
{
	if (out.line_open)
		putc_unlocked(' ', out.f);
	else
		for (int i = 0; i < out.hdepth; i++)
			fputs_unlocked("    ", out.f);
	out.line_open = true;
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
		human_sep();
		fprintf(out.f, "%s:", label);
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
		out_json_string(out.f, val);
		return;
	}
	human_sep();
	if (label)
		fprintf(out.f, "%s %s", label, val);
	else
		fputs_unlocked(val, out.f);
}

void out_u64(const char *key, const char *label, uint64_t val)
{
	if (out.json) {
		json_key(key);
		put_u64(out.f, val);
		return;
	}
	human_sep();
	if (label)
		fprintf(out.f, "%s %" PRIu64, label, val);
	else
		fprintf(out.f, "%" PRIu64, val);
}

void out_s64(const char *key, const char *label, int64_t val)
{
	if (out.json) {
		json_key(key);
		put_s64(out.f, val);
		return;
	}
	human_sep();
	if (label)
		fprintf(out.f, "%s %" PRId64, label, val);
	else
		fprintf(out.f, "%" PRId64, val);
}

void out_flag(const char *key, const char *label)
{
	if (out.json) {
		json_key(key);
		fputs_unlocked("true", out.f);
		return;
	}
	human_sep();
	fputs_unlocked(label, out.f);
}

/* Scaled values: at most 3 decimals, trailing zeros dropped. */
static void human_scaled(const char *label, int64_t v, int64_t div, const char *unit)
{
	char num[64];
	int64_t whole = v / div, frac = v % div;
	int len;

	if (frac < 0)
		frac = -frac;
	len = snprintf(num, sizeof(num), "%s%" PRId64, v < 0 && !whole ? "-" : "", whole);
	if (frac) {
		int digits = div == 10 ? 1 : div == 100 ? 2 : 3;

		len += snprintf(num + len, sizeof(num) - (size_t)len, ".%0*" PRId64,
				digits, frac);
		while (num[len - 1] == '0')
			num[--len] = '\0';
	}
	fprintf(out.f, "%s %s%s%s", label, num, *unit ? " " : "", unit);
}

void out_unit(const char *key, const char *label, int64_t v, enum onl_unit unit)
{
	if (out.json) {
		json_key(key);
		put_s64(out.f, v);
		return;
	}
	human_sep();
	switch (unit) {
	case ONL_UNIT_UDBM:
		human_scaled(label, v, 1000, "dBm");
		break;
	case ONL_UNIT_MDB:
		human_scaled(label, v, 1000, "dB");
		break;
	case ONL_UNIT_MC:
		human_scaled(label, v, 1000, "C");
		break;
	case ONL_UNIT_UW:
		if (v >= 1000 || v <= -1000)
			human_scaled(label, v, 1000, "mW");
		else
			fprintf(out.f, "%s %" PRId64 " uW", label, v);
		break;
	case ONL_UNIT_MW:
		if (v >= 1000000 || v <= -1000000)
			human_scaled(label, v / 1000, 1000, "kW");
		else if (v >= 1000 || v <= -1000)
			human_scaled(label, v, 1000, "W");
		else
			fprintf(out.f, "%s %" PRId64 " mW", label, v);
		break;
	case ONL_UNIT_W:
		fprintf(out.f, "%s %" PRId64 " W", label, v);
		break;
	case ONL_UNIT_MV:
		human_scaled(label, v, 1000, "V");
		break;
	case ONL_UNIT_UA:
		human_scaled(label, v, 1000, "mA");
		break;
	case ONL_UNIT_MA:
		fprintf(out.f, "%s %" PRId64 " mA", label, v);
		break;
	case ONL_UNIT_NS:
		human_scaled(label, v / 1000000, 1000, "s");
		break;
	case ONL_UNIT_MS:
		fprintf(out.f, "%s %" PRId64 " ms", label, v);
		break;
	case ONL_UNIT_GBPS:
		if (v >= 1000)
			human_scaled(label, v, 1000, "Tb/s");
		else
			fprintf(out.f, "%s %" PRId64 " Gb/s", label, v);
		break;
	case ONL_UNIT_DM:
		human_scaled(label, v, 10, "m");
		break;
	case ONL_UNIT_PS:
		fprintf(out.f, "%s %" PRId64 " ps", label, v);
		break;
	case ONL_UNIT_PPM:
		fprintf(out.f, "%s %" PRId64 " ppm", label, v);
		break;
	case ONL_UNIT_PM:
		fprintf(out.f, "%s %" PRId64 " pm", label, v);
		break;
	case ONL_UNIT_MHZ:
		fprintf(out.f, "%s %" PRId64 " MHz", label, v);
		break;
	case ONL_UNIT_PERMILLE:
		human_scaled(label, v, 10, "%");
		break;
	case ONL_UNIT_BER:
		fprintf(out.f, "%s %.1e", label, pow(10.0, -(double)v / 100.0));
		break;
	case ONL_UNIT_BER_BOUND:
		fprintf(out.f, "%s <%.0e", label, pow(10.0, -(double)v / 100.0));
		break;
	default:
		fprintf(out.f, "%s %" PRId64, label, v);
		break;
	}
}

void out_newline(void)
{
	if (out.json || !out.line_open)
		return;
	putc_unlocked('\n', out.f);
	out.line_open = false;
}

void out_flush(void)
{
	out_newline();
	fflush(out.f);
}

int out_capture_start(void)
{
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
	fclose(cap.mem);
	cap.mem = NULL;
	if (keep) {
		out.f = cap.saved.f;
		fwrite_unlocked(cap.buf, 1, cap.len, out.f);
	} else {
		out = cap.saved;
	}
	free(cap.buf);
	cap.buf = NULL;
	cap.len = 0;
}
