// SPDX-License-Identifier: GPL-2.0
/*
 * Host tests of the one print path: JSON is valid and escaped, human and
 * JSON output carry the same fields.
 */
#include <math.h>
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
	/* The writer holds what it printed until a flush, as at a command's end. */
	out_flush();
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

/*
 * A BER is shown as printf shows 10^(-v/100), each value remembered after
 * its first time: the second pass, from memory, reads as the first.
 */
TEST(ber_values_read_as_printf_writes_them_every_time)
{
	struct capture c;
	char *s, *want = NULL, num[32];
	size_t wlen = 0;
	FILE *w = open_memstream(&want, &wlen);
	int pass, v, bound;

	ASSERT_NE(NULL, w);
	cap_start(&c, 0, 0);
	for (pass = 0; pass < 2; pass++)
		for (v = 0; v < 5000; v += 7)
			for (bound = 0; bound < 2; bound++) {
				out_unit(NULL, "ber", v, bound ? ONL_UNIT_BER_BOUND : ONL_UNIT_BER);
				snprintf(num, sizeof(num), bound ? "<%.0e" : "%.1e",
					 pow(10.0, -(double)v / 100.0));
				fprintf(w, "%sber %s", ftell(w) ? " " : "", num);
			}
	out_newline();
	fputc('\n', w);
	fclose(w);
	s = cap_end(&c);
	EXPECT_STREQ(want, s);
	free(s);
	free(want);
}

/* printf's "%.3f" of @v / 1000, trailing zeros and point dropped. */
static void ref_milli(char *buf, size_t len, long long v)
{
	size_t n;

	snprintf(buf, len, "%.3f", v / 1000.0);
	n = strlen(buf);
	while (buf[n - 1] == '0')
		buf[--n] = '\0';
	if (buf[n - 1] == '.')
		buf[--n] = '\0';
}

/*
 * Numbers are written with their own digits and units, a value's pieces
 * into one room of the output buffer: across that buffer's end many times
 * over, every number reads as printf writes it, on both sides of 2^32.
 */
TEST(numbers_read_as_printf_writes_them_across_the_buffer_end)
{
	static const unsigned long long big[] = {
		0, 9, 10, 99, 100, 4294967295ULL, 4294967296ULL, 4294967395ULL,
		99999999999ULL, 18446744073709551615ULL,
	};
	struct capture c;
	char *s, *want = NULL, num[64];
	size_t wlen = 0;
	FILE *w = open_memstream(&want, &wlen);
	long long v;
	int i;

	ASSERT_NE(NULL, w);
	cap_start(&c, 0, 0);
	for (i = 0; i < 30000; i++) {
		v = (long long)i * 7919 % 2000003 - 1000001;
		out_u64(NULL, "n", big[i % 10]);
		fprintf(w, "%sn %llu", i && i % 500 ? " " : "", big[i % 10]);
		out_unit(NULL, "p", v, ONL_UNIT_UDBM);
		ref_milli(num, sizeof(num), v);
		/* -0.5 dBm keeps its sign though its whole part is 0. */
		fprintf(w, " p %s dBm", num);
		out_unit(NULL, "t", v, ONL_UNIT_PM);
		fprintf(w, " t %lld pm", v);
		if (i % 500 == 499) {
			out_newline();
			fputc('\n', w);
		}
	}
	fclose(w);
	s = cap_end(&c);
	ASSERT_GT(strlen(s), (size_t)(1 << 17));
	/* Where they part, not two hundred kilobytes of both. */
	for (i = 0; s[i] && s[i] == want[i]; i++)
		;
	EXPECT_EQ(want[i], s[i]) TH_LOG("at byte %d: \"%.40s\" for \"%.40s\"", i,
					 s + (i > 20 ? i - 20 : 0), want + (i > 20 ? i - 20 : 0));
	free(s);
	free(want);
}

/*
 * Digits are counted before they are written: every count of them, at
 * each power of ten and either side of it, signed and not, and values
 * in tenths, read as printf writes them.
 */
TEST(every_length_of_number_reads_as_printf_writes_it)
{
	struct capture c;
	char *s, *want = NULL;
	size_t wlen = 0;
	FILE *w = open_memstream(&want, &wlen);
	unsigned long long p = 1;
	int k, d;

	ASSERT_NE(NULL, w);
	cap_start(&c, 0, 0);
	for (k = 0; k < 20; k++, p *= 10)
		for (d = -1; d <= 1; d++) {
			unsigned long long v = p + (unsigned long long)d;
			long long sv = -(long long)(v & 0x7fffffffffffffffULL);

			out_u64(NULL, "u", v);
			out_s64(NULL, "s", sv);
			out_unit(NULL, "d", sv / 7, ONL_UNIT_DM);
			fprintf(w, "%su %llu s %lld d ", k || d > -1 ? " " : "", v, sv);
			/* Decimetres: one decimal, dropped when it is 0. */
			if ((sv / 7) % 10)
				fprintf(w, "%s%lld.%lld m", sv / 7 > -10 ? "-" : "", sv / 7 / 10,
					-((sv / 7) % 10));
			else
				fprintf(w, "%lld m", sv / 7 / 10);
		}
	out_u64(NULL, "max", 18446744073709551615ULL);
	fprintf(w, " max 18446744073709551615\n");
	out_newline();
	fclose(w);
	s = cap_end(&c);
	EXPECT_STREQ(want, s);
	free(s);
	free(want);
}

/* What a command writes to the stream itself lands where it was written. */
TEST(direct_writes_keep_their_place_among_buffered_output)
{
	struct capture c;
	char *s;

	cap_start(&c, 0, 0);
	out_str(NULL, "a", "1");
	fputs("[direct] ", out_file());
	out_str(NULL, "b", "2");
	out_newline();
	s = cap_end(&c);
	EXPECT_STREQ("a 1[direct]  b 2\n", s);
	free(s);
}

/* Output larger than the writer's buffer arrives whole and in order. */
TEST(a_listing_larger_than_the_buffer_arrives_whole)
{
	struct capture c;
	size_t n = 0;
	char *s, *p;
	int i;

	cap_start(&c, 1, 0);
	out_list_start(NULL);
	for (i = 0; i < 20000; i++)
		out_u64(NULL, NULL, (uint64_t)i);
	out_list_end();
	s = cap_end(&c);
	ASSERT_EQ(0, strncmp(s, "[0,1,2,", 7));
	n = strlen(s);
	ASSERT_GT(n, (size_t)(1 << 16));
	EXPECT_STREQ("19998,19999]\n", s + n - 13);
	/* Every number once, in order. */
	for (i = 0, p = s + 1; i < 20000; i++, p++) {
		ASSERT_EQ((unsigned long)i, strtoul(p, &p, 10));
		ASSERT_EQ(i < 19999 ? ',' : ']', *p);
	}
	free(s);
}

TEST_HARNESS_MAIN
