// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target of ophotonctl's decoder: any bytes, taken as the
 * attributes of a message of the family, must decode without a memory
 * error (ASan, UBSan) into valid JSON, and into human output too; its
 * compact and pretty JSON differ only in whitespace.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>

#include "json_check.h"
#include "out.h"
#include "print.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t hdr = NLMSG_HDRLEN + GENL_HDRLEN, len;
	struct nlmsghdr *nlh;
	char *buf = NULL, *compact = NULL;
	FILE *f;

	if (size > 65000)
		return 0;
	nlh = calloc(1, hdr + size);
	if (!nlh)
		return 0;
	nlh->nlmsg_len = (uint32_t)(hdr + size);
	memcpy((char *)nlh + hdr, data, size);
	/* Human, compact JSON, pretty JSON: the last two alike but for spaces. */
	for (int json = 0; json < 3; json++) {
		f = open_memstream(&buf, &len);
		if (!f)
			break;
		out_init(f, json > 0, json == 2);
		out_object_start(NULL);
		/* A malformed attribute stops the decoder; what it wrote is still JSON. */
		print_msg(nlh, "link-");
		out_object_end();
		out_flush();
		fclose(f);
		if (json && !json_valid(buf)) {
			fprintf(stderr, "invalid JSON: %s\n", buf);
			abort();
		}
		/*
		 * Compact JSON takes print.c's quick way through numbers,
		 * pretty JSON the general one: they must agree.
		 */
		if (json == 1) {
			compact = buf;
			json_squeeze(compact);
		} else if (json == 2) {
			json_squeeze(buf);
			if (strcmp(compact, buf)) {
				fprintf(stderr, "compact: %s\npretty: %s\n", compact, buf);
				abort();
			}
		}
		if (json != 1)
			free(buf);
		buf = NULL;
	}
	free(compact);
	free(nlh);
	return 0;
}
