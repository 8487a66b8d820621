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

#include <stdint.h>
#include <stdio.h>

#include "proto.h"

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
