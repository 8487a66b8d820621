/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the host tests of the model share: a small fabric, a recorder of
 * change records, bring-up.  Included once per test program.
 */
#ifndef _OPHOTON_MODEL_TESTS_HELPERS_H
#define _OPHOTON_MODEL_TESTS_HELPERS_H

#define SEC OPH_NS_PER_S

struct rec {
	struct oph_change c[200000];
	unsigned int n;
	u64 last_seq[2];	/* state changes, alarms */
	int gaps;
};

static __attribute__((unused)) void record(void *ctx, const struct oph_change *c)
{
	struct rec *r = ctx;
	int alarm = c->obj == OPH_OBJ_HEALTH || c->obj == OPH_OBJ_ALARM;

	if (c->seq != r->last_seq[alarm] + 1)
		r->gaps++;
	r->last_seq[alarm] = c->seq;
	if (r->n < sizeof(r->c) / sizeof(r->c[0]))
		r->c[r->n++] = *c;
}

/* A small fabric: 2 racks x 2 trays x 2 GPUs, 2 engines x 4 ports, 8 lanes. */
static void small_params(struct oph_params *p)
{
	oph_params_default(p);
	p->racks = 2;
	p->trays = 2;
	p->slots = 2;
	p->engines = 2;
	p->ports = 4;
	p->lambdas = 8;
	p->modules = 2;
	p->switch_racks = 2;
	p->min_lanes = 6;
}

static struct oph_fabric *make(struct oph_params *p, struct rec *r)
{
	struct oph_fabric *f;
	const char *why = NULL;

	if (oph_fabric_create(p, &f, &why)) {
		fprintf(stderr, "create: %s\n", why);
		return NULL;
	}
	if (r) {
		memset(r, 0, sizeof(*r));
		oph_fabric_set_notify(f, record, r);
	}
	return f;
}

static __attribute__((unused)) u32 count_state(struct oph_fabric *f, u8 state)
{
	struct oph_link_info li;
	u32 i, n = 0;

	for (i = 0; i < oph_fabric_topo(f)->links; i++) {
		oph_link_get(f, i, &li);
		n += li.state == state;
	}
	return n;
}

static void bring_up(struct oph_fabric *f)
{
	oph_fabric_set_all(f, true);
	oph_fabric_advance(f, oph_fabric_now(f) + 10 * SEC);
}

#endif /* _OPHOTON_MODEL_TESTS_HELPERS_H */
