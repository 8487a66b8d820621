// SPDX-License-Identifier: GPL-2.0
/*
 * ophotonctl: human and JSON output through one set of calls.
 */
#include <inttypes.h>
#include <stdbool.h>
#include <string.h>

#include "out.h"

#define OUT_MAX_DEPTH 16

static struct {
	FILE *f;
	bool json;
	bool pretty;
	int depth;
	bool first[OUT_MAX_DEPTH];	/* no member written yet at this depth */
	bool line_open;			/* human: something printed on the line */
} out = { .f = NULL };

void out_init(FILE *f, int json, int pretty)
{
	memset(&out, 0, sizeof(out));
	out.f = f;
	out.json = json;
	out.pretty = json && pretty;
}

void out_json_string(FILE *f, const char *s)
{
	fputc('"', f);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		switch (c) {
		case '"':  fputs("\\\"", f); break;
		case '\\': fputs("\\\\", f); break;
		case '\n': fputs("\\n", f); break;
		case '\r': fputs("\\r", f); break;
		case '\t': fputs("\\t", f); break;
		default:
			if (c < 0x20)
				fprintf(f, "\\u%04x", c);
			else
				fputc(c, f);
		}
	}
	fputc('"', f);
}

/* Newline and indentation for the next line of pretty JSON. */
static void json_indent(void)
{
	if (!out.pretty)
		return;
	fputc('\n', out.f);
	for (int i = 0; i < out.depth; i++)
		fputs("    ", out.f);
}

/* Separator and key of the next member of the current JSON object. */
static void json_key(const char *key)
{
	if (out.depth > 0 && !out.first[out.depth - 1])
		fputc(',', out.f);
	if (out.depth > 0) {
		out.first[out.depth - 1] = false;
		json_indent();
	}
	if (key && out.depth > 0) {
		out_json_string(out.f, key);
		fputs(out.pretty ? ": " : ":", out.f);
	}
}

static void human_sep(void)
{
	if (out.line_open)
		fputc(' ', out.f);
	out.line_open = true;
}

void out_object_start(const char *key)
{
	if (out.json) {
		json_key(key);
		fputc('{', out.f);
		if (out.depth < OUT_MAX_DEPTH)
			out.first[out.depth] = true;
		out.depth++;
	}
}

void out_object_end(void)
{
	if (!out.json)
		return;
	out.depth--;
	if (out.depth < OUT_MAX_DEPTH && !out.first[out.depth])
		json_indent();
	fputc('}', out.f);
	if (out.depth == 0)
		fputc('\n', out.f);
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
		fputs(val, out.f);
}

void out_u64(const char *key, const char *label, uint64_t val)
{
	if (out.json) {
		json_key(key);
		fprintf(out.f, "%" PRIu64, val);
		return;
	}
	human_sep();
	if (label)
		fprintf(out.f, "%s %" PRIu64, label, val);
	else
		fprintf(out.f, "%" PRIu64, val);
}

void out_newline(void)
{
	if (out.json || !out.line_open)
		return;
	fputc('\n', out.f);
	out.line_open = false;
}

void out_flush(void)
{
	out_newline();
	fflush(out.f);
}
