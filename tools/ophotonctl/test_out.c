// SPDX-License-Identifier: GPL-2.0
/*
 * Host tests of the one print path: JSON is valid and escaped, human and
 * JSON output carry the same fields.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "out.h"
#include "kselftest_harness.h"

struct capture {
	char *buf;
	size_t len;
	FILE *f;
};

static void cap_start(struct capture *c, int json, int pretty)
{
	c->buf = NULL;
	c->len = 0;
	c->f = open_memstream(&c->buf, &c->len);
	out_init(c->f, json, pretty);
}

static char *cap_end(struct capture *c)
{
	fclose(c->f);
	return c->buf;
}

static void print_sample(void)
{
	out_object_start(NULL);
	out_str("cli-version", "ophotonctl", "0.1.0");
	out_newline();
	out_u64("version-proto", "protocol", 18446744073709551615ULL);
	out_object_start("nested");
	out_str("name", "name", "a\"b\\c\n\x01");
	out_object_end();
	out_object_end();
	out_flush();
}

TEST(json_is_compact_and_escaped)
{
	struct capture c;
	char *s;

	cap_start(&c, 1, 0);
	print_sample();
	s = cap_end(&c);
	EXPECT_STREQ("{\"cli-version\":\"0.1.0\",\"version-proto\":18446744073709551615,"
		     "\"nested\":{\"name\":\"a\\\"b\\\\c\\n\\u0001\"}}\n", s);
	free(s);
}

TEST(json_pretty_indents_members)
{
	struct capture c;
	char *s;

	cap_start(&c, 1, 1);
	out_object_start(NULL);
	out_str("a", NULL, "x");
	out_object_start("b");
	out_u64("c", NULL, 1);
	out_object_end();
	out_object_end();
	s = cap_end(&c);
	EXPECT_STREQ("{\n    \"a\": \"x\",\n    \"b\": {\n        \"c\": 1\n    }\n}\n", s);
	free(s);
}

TEST(human_output_has_the_same_fields)
{
	struct capture c;
	char *s;

	cap_start(&c, 0, 0);
	print_sample();
	s = cap_end(&c);
	EXPECT_STREQ("ophotonctl 0.1.0\nprotocol 18446744073709551615 name a\"b\\c\n\x01\n", s);
	free(s);
}

TEST(empty_object_is_valid_json)
{
	struct capture c;
	char *s;

	cap_start(&c, 1, 1);
	out_object_start(NULL);
	out_object_end();
	s = cap_end(&c);
	EXPECT_STREQ("{}\n", s);
	free(s);
}

TEST_HARNESS_MAIN
