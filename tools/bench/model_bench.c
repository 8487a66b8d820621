// SPDX-License-Identifier: GPL-2.0
/*
 * Benchmark of the emulation model, built natively on the host: memory per
 * lane-direction, CPU for creation plus full bring-up, and how both scale
 * from 1,024 to 8,192 GPUs.  Prints figures with their targets; it
 * measures, it does not gate (exit 0 either way).
 */
#include <stdio.h>
#include <time.h>

#include "model.h"

static double cpu_s(void)
{
	struct timespec t;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
	return t.tv_sec + t.tv_nsec / 1e9;
}

static int run(unsigned int racks, FILE *csv)
{
	struct oph_params p;
	struct oph_fabric *f;
	struct oph_agg_info ai;
	const char *why;
	double t0, t1, t2, bpl;
	u64 sim;
	unsigned int gpus;

	oph_params_default(&p);
	p.racks = racks;
	t0 = cpu_s();
	if (oph_fabric_create(&p, &f, &why)) {
		fprintf(stderr, "create: %s\n", why);
		return 1;
	}
	t1 = cpu_s();
	oph_fabric_set_all(f, true);
	/* Step until every link is up: the simulated bring-up time. */
	for (sim = 0; sim <= 60 * OPH_NS_PER_S; sim += 100 * OPH_NS_PER_MS) {
		oph_fabric_advance(f, sim);
		if (oph_fabric_next_event(f) > sim + 10 * OPH_NS_PER_S)
			break;
	}
	t2 = cpu_s();
	oph_fabric_get(f, &ai);
	gpus = oph_fabric_topo(f)->endpoints;
	bpl = (double)oph_fabric_bytes(f) / (2.0 * oph_fabric_topo(f)->lanes);
	printf("%6u GPUs  create %7.3f s  bring-up cpu %7.3f s  simulated %5.1f s  "
	       "%5.2f B/lane-dir  links up %u/%u\n", gpus, t1 - t0, t2 - t1,
	       sim / 1e9, bpl, ai.by_state[OPH_LINK_UP], ai.links);
	fprintf(csv, "%u,%.4f,%.4f,%.2f,%.3f,%u\n", gpus, t1 - t0, t2 - t1, sim / 1e9,
		bpl, ai.by_state[OPH_LINK_UP]);
	if (racks == 16) {
		printf("  target: <= 16 B/lane-dir: %s; create + bring-up < 1 s CPU: %s; "
		       "simulated bring-up < 10 s: %s\n",
		       bpl <= 16 ? "met" : "MISSED", t2 - t0 < 1 ? "met" : "MISSED",
		       sim < 10 * OPH_NS_PER_S ? "met" : "MISSED");
	}
	oph_fabric_destroy(f);
	return 0;
}

int main(int argc, char **argv)
{
	FILE *csv = fopen(argc > 1 ? argv[1] : "model_bench.csv", "w");
	unsigned int racks;

	if (!csv) {
		perror("csv");
		return 0;
	}
	fprintf(csv, "gpus,create_s,bringup_cpu_s,bringup_sim_s,bytes_per_lane_dir,links_up\n");
	for (racks = 16; racks <= 128; racks *= 2)
		run(racks, csv);
	fclose(csv);
	return 0;
}
