/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A small JSON validator for ophotonctl's tests and fuzzer: RFC 8259 values
 * (numbers as integers or decimals), nothing but whitespace after the value.
 */
#ifndef OPHOTONCTL_JSON_CHECK_H
#define OPHOTONCTL_JSON_CHECK_H

#include <stdbool.h>
#include <string.h>

static const char *json_value(const char *s, int depth);

static const char *json_ws(const char *s)
{
	while (*s == ' ' || *s == '\n' || *s == '\t' || *s == '\r')
		s++;
	return s;
}

static const char *json_string(const char *s)
{
	if (*s++ != '"')
		return NULL;
	while (*s && *s != '"') {
		if ((unsigned char)*s < 0x20)
			return NULL;
		if (*s == '\\') {
			s++;
			if (*s == 'u') {
				for (int i = 1; i <= 4; i++)
					if (!strchr("0123456789abcdefABCDEF", s[i]) || !s[i])
						return NULL;
				s += 4;
			} else if (!*s || !strchr("\"\\/bfnrt", *s)) {
				return NULL;
			}
		}
		s++;
	}
	return *s == '"' ? s + 1 : NULL;
}

static const char *json_number(const char *s)
{
	const char *start;

	if (*s == '-')
		s++;
	if (*s == '0')
		s++;
	else if (*s >= '1' && *s <= '9')
		while (*s >= '0' && *s <= '9')
			s++;
	else
		return NULL;
	if (*s == '.') {
		start = ++s;
		while (*s >= '0' && *s <= '9')
			s++;
		if (s == start)
			return NULL;
	}
	return s;
}

static const char *json_value(const char *s, int depth)
{
	char close;

	s = json_ws(s);
	if (depth > 32)
		return NULL;
	if (*s == '{' || *s == '[') {
		close = *s == '{' ? '}' : ']';
		s = json_ws(s + 1);
		if (*s == close)
			return s + 1;
		for (;;) {
			if (close == '}') {
				s = json_string(json_ws(s));
				if (!s)
					return NULL;
				s = json_ws(s);
				if (*s++ != ':')
					return NULL;
			}
			s = json_value(s, depth + 1);
			if (!s)
				return NULL;
			s = json_ws(s);
			if (*s == close)
				return s + 1;
			if (*s++ != ',')
				return NULL;
		}
	}
	if (*s == '"')
		return json_string(s);
	if (!strncmp(s, "true", 4) || !strncmp(s, "null", 4))
		return s + 4;
	if (!strncmp(s, "false", 5))
		return s + 5;
	return json_number(s);
}

/* Every line of @s a JSON value (NDJSON), or all of it one value. */
static inline int json_valid(const char *s)
{
	const char *end = json_value(s, 0);

	return end && !*json_ws(end);
}

/*
 * @s without the whitespace pretty output adds outside strings, in place:
 * what compact output of the same value is.
 */
static inline void json_squeeze(char *s)
{
	bool in_str = false;
	char *d = s;

	for (; *s; s++) {
		if (in_str) {
			*d++ = *s;
			if (*s == '\\' && s[1])
				*d++ = *++s;
			else if (*s == '"')
				in_str = false;
		} else if (*s != ' ' && *s != '\n') {
			in_str = *s == '"';
			*d++ = *s;
		}
	}
	*d = '\0';
}

#endif /* OPHOTONCTL_JSON_CHECK_H */
