/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ophotonctl: the one print path behind human and JSON output.
 *
 * Every command prints through these calls, so both forms always carry the
 * same fields.  Keys are the YNL spec's attribute names; in human output a
 * field is shown as "label value", or with its own printf-style format.
 */
#ifndef OPHOTONCTL_OUT_H
#define OPHOTONCTL_OUT_H

#include <stdint.h>
#include <stdio.h>

void out_init(FILE *f, int json, int pretty);
void out_object_start(const char *key);
void out_object_end(void);
void out_str(const char *key, const char *label, const char *val);
void out_u64(const char *key, const char *label, uint64_t val);
void out_newline(void);
void out_flush(void);

/* Exposed for the unit tests of the JSON writer. */
void out_json_string(FILE *f, const char *s);

#endif /* OPHOTONCTL_OUT_H */
