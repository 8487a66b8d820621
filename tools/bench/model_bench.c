// SPDX-License-Identifier: GPL-2.0
/*
 * Benchmark of the emulation model, built natively on the host: memory per
 * lane-direction, CPU for creation plus full bring-up, a 10 s clock step,
 * a read of every link, the aggregates walked cold and the fabric's read
 * after one change, and how each scales per
 * link from 1,024 to 65,536 GPUs (the largest shape new_device accepts).
 * Prints figures with their targets; it measures, it does not gate (exit
 * 0 either way).
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "model.h"

/* Per link, microseconds: creation, bring-up, clock step, read, aggregate. */
static double per_link[5][8];
static unsigned int shapes;

static double cpu_s(void)
{
	struct timespec t;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
	return t.tv_sec + t.tv_nsec / 1e9;
}

/*
 * The diagnosis of the fabric healthy, then with five faults in five
 * places: its cost follows the problems (and a look at each unit's
 * counts), not the fabric's size.
 */
static void diag_run(struct oph_fabric *f)
{
	static struct oph_diag d;
	const struct oph_topo *t = oph_fabric_topo(f);
	u32 ep = t->endpoints / 6, i;
	struct oph_fault flt[5] = {
		{ .kind = OPH_FAULT_FIBRE_DIRTY, .which = OPH_FIBRE_FEED, .value = 300,
		  .target = 1 * ep * t->ports_per_ep + 11 },
		{ .kind = OPH_FAULT_LASER_AGING, .target = 2 * ep * 2, .lane = 5,
		  .value = 10000000 },
		{ .kind = OPH_FAULT_RING_DRIFT, .target = 3 * ep * 4 + 2, .value = 1000,
		  .amount = 22000 },
		{ .kind = OPH_FAULT_LASER_DEATH, .target = 4 * ep * 2 + 1, .lane = 7 },
		{ .kind = OPH_FAULT_COOLING, .target = 5 * ep * 4, .value = 1000 },
	};
	const char *why;
	double t0, t1, t2;
	u32 healthy_walked;

	t0 = cpu_s();
	for (i = 0; i < 100; i++)
		oph_fabric_diagnose(f, &d);
	t1 = cpu_s();
	healthy_walked = d.units_walked;
	for (i = 0; i < 5; i++)
		oph_fault_inject(f, &flt[i], &why);
	oph_fabric_advance(f, oph_fabric_now(f) + 50 * OPH_NS_PER_S);
	oph_fabric_diagnose(f, &d);
	t2 = cpu_s();
	for (i = 0; i < 100; i++)
		oph_fabric_diagnose(f, &d);
	t2 = (cpu_s() - t2) / 100;
	printf("        diagnose: healthy %.1f us (%u units walked); five faults "
	       "%.1f us (%u problems, %u units of ~1,024 links walked)\n", (t1 - t0) * 1e4,
	       healthy_walked, t2 * 1e6, d.n, d.units_walked);
	for (i = 0; i < 5; i++)
		oph_fault_clear(f, &flt[i], &why);
}

static int run(unsigned int racks, FILE *csv)
{
	struct oph_params p;
	struct oph_fabric *f;
	struct oph_link_info li;
	struct oph_agg_info ai;
	const char *why;
	double t0, t1, t2, t3, t4, t5, t6, t7, bpl, n;
	u64 sim;
	unsigned int gpus, i;

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
	/* Ten seconds more of a fabric up, every link read, the aggregate. */
	oph_fabric_advance(f, sim + 10 * OPH_NS_PER_S);
	t3 = cpu_s();
	for (i = 0; i < oph_fabric_topo(f)->links; i++)
		oph_link_get(f, i, &li);
	t4 = cpu_s();
	/* Every unit of the aggregates walked: what a read would cost cold. */
	oph_agg_verify(f);
	t5 = cpu_s();
	/* Nothing changed since: the figures kept. */
	for (i = 0; i < 1000; i++)
		oph_fabric_get(f, &ai);
	t6 = cpu_s();
	/* A link taken down, the fabric read, the link up, read again. */
	for (i = 0; i < 500; i++) {
		u32 link = (u32)((u64)i * 7919 % oph_fabric_topo(f)->links);

		oph_link_set_admin(f, link, false, &why);
		oph_fabric_get(f, &ai);
		oph_link_set_admin(f, link, true, &why);
		oph_fabric_get(f, &ai);
	}
	t7 = cpu_s();
	oph_fabric_advance(f, oph_fabric_now(f) + 60 * OPH_NS_PER_S);
	oph_fabric_get(f, &ai);
	gpus = oph_fabric_topo(f)->endpoints;
	n = oph_fabric_topo(f)->links / 1e6;
	if (shapes < 8) {
		per_link[0][shapes] = (t1 - t0) / n;
		per_link[1][shapes] = (t2 - t1) / n;
		per_link[2][shapes] = (t3 - t2) / n;
		per_link[3][shapes] = (t4 - t3) / n;
		per_link[4][shapes] = (t5 - t4) / n;
		shapes++;
	}
	bpl = (double)oph_fabric_bytes(f) / (2.0 * oph_fabric_topo(f)->lanes);
	printf("%6u GPUs  create %7.3f s  bring-up cpu %7.3f s  simulated %5.1f s  "
	       "%5.2f B/lane-dir  links up %u/%u\n", gpus, t1 - t0, t2 - t1,
	       sim / 1e9, bpl, ai.by_state[OPH_LINK_UP], ai.links);
	printf("        per link: create %.3f us, bring-up %.2f us, 10 s step %.3f us, "
	       "read %.3f us, every aggregate unit walked %.3f us\n"
	       "        fabric aggregate, nothing changed: %.3f us a read; after a link "
	       "changed: %.2f us a change and read\n", (t1 - t0) / n, (t2 - t1) / n,
	       (t3 - t2) / n, (t4 - t3) / n, (t5 - t4) / n, (t6 - t5) * 1e3,
	       (t7 - t6) * 1e3);
	fprintf(csv, "%u,%.4f,%.4f,%.2f,%.3f,%u,%.4f,%.4f,%.4f,%.3f\n", gpus, t1 - t0,
		t2 - t1, sim / 1e9, bpl, ai.by_state[OPH_LINK_UP], t3 - t2, t4 - t3, t5 - t4,
		(t7 - t6) * 1e3);
	diag_run(f);
	if (racks == 16) {
		printf("  target: <= 16 B/lane-dir: %s; create + bring-up < 1 s CPU: %s; "
		       "simulated bring-up < 10 s: %s\n",
		       bpl <= 16 ? "met" : "MISSED", t2 - t0 < 1 ? "met" : "MISSED",
		       sim < 10 * OPH_NS_PER_S ? "met" : "MISSED");
	}
	oph_fabric_destroy(f);
	return 0;
}

/* model_bench [CSV [MAX_GPUS]]: the series from 1,024 GPUs up to MAX_GPUS. */
int main(int argc, char **argv)
{
	FILE *csv = fopen(argc > 1 ? argv[1] : "model_bench.csv", "w");
	unsigned int racks, max_racks = argc > 2 ? (unsigned int)atoi(argv[2]) / 64 : 1024;

	if (!csv) {
		perror("csv");
		return 0;
	}
	static const char *const what[] = {
		"creation", "bring-up", "10 s clock step", "read of every link", "aggregate walked",
	};
	unsigned int k;

	fprintf(csv, "gpus,create_s,bringup_cpu_s,bringup_sim_s,bytes_per_lane_dir,links_up,"
		"step_10s_s,read_links_s,agg_walk_s,change_and_fabric_get_us\n");
	for (racks = 16; racks <= max_racks && racks <= 1024; racks *= 2)
		run(racks, csv);
	fclose(csv);
	/* Flat means the largest shape costs what the default does, per link. */
	for (k = 0; k < 5 && shapes == 7; k++) {
		/* An idle fabric's clock step runs no event at any size. */
		if (per_link[k][0] < 0.001 && per_link[k][6] < 0.001) {
			printf("  per link, 65,536 / 1,024 GPUs, %-20s idle: no event, no cost\n",
			       what[k]);
			continue;
		}
		printf("  per link, 65,536 / 1,024 GPUs, %-20s %5.2fx  (target <= 1.15x: %s)\n",
		       what[k], per_link[k][6] / per_link[k][0],
		       per_link[k][6] <= 1.15 * per_link[k][0] ? "met" : "MISSED");
	}
	return 0;
}
