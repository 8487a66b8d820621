// SPDX-License-Identifier: GPL-2.0
/*
 * ophoton: devlink, the standard window onto a fabric's health.
 *
 * Each fabric is a devlink instance (ophoton/ophotonN, the bus device as
 * parent, in the fabric's namespace) with two health reporters, one per
 * kind of fault domain: "laser_module" and "engine".  Every fault a
 * domain reports is a devlink error, so a reporter's error count is the
 * sum of HEALTH_GET's errors of its kind; a domain's recovery out of
 * quarantine, by whatever means, is a devlink recovery, so its recovery
 * count is the sum of their recoveries.  diagnose lists the domains in
 * error or quarantine with what the fabric's diagnosis says of them;
 * dump is that list as the first fault found it; recover does what the
 * operator's recovery does to every quarantined domain of the kind.  The
 * model's recovery records made during devlink's recover are what it
 * counts, whatever the calls returned.
 *
 * devlink's automatic recovery follows devlink's rule: it runs after a
 * fault that found its reporter healthy, unless the last recovery is
 * within the grace period.  The reporter is told, before each fault,
 * whether the fault found its kind healthy (no domain quarantined, none in
 * error: a fault within the fabric's grace period and no recovery since),
 * so a quarantine at the end of a burst is never lifted by it: only the
 * fault that quarantines a healthy kind at once (quarantine_errors=1) is.  A fault that quarantined
 * nothing has nothing to recover, and its automatic recovery says so.
 *
 * The model's change records arrive under the fabric's lock, where devlink
 * must not be called (its recovery takes the instance lock, then ours): they
 * are queued in the order they happened (devlink judges its grace period
 * by it), and told to devlink by a work item, which changes the reporter's
 * counts and state under the instance lock as devlink itself does.
 */
#include <net/devlink.h>

#include "compat.h"
#include "names.h"
#include "nl.h"
#include "version.h"

/* Events queued for the work item; past that, counted and told in bulk. */
#define DL_EVENTS	64
/* Domains diagnose and dump list; the totals count them all. */
#define DL_LIST		32

/*
 * One fault of a domain, or one recovery not made by devlink, in the order
 * they happened: devlink judges its grace period by that order.
 */
struct ophoton_dl_event {
	u8 side;
	bool recovered;		/* a recovery, not a fault */
	bool quarantine;	/* this fault quarantined the domain */
	bool found_unhealthy;	/* the kind was not healthy before it */
	bool unknown;		/* a fault past the queue: its domain is not known */
	u32 id;
};

/* A fault past the queue: it found its kind unhealthy, as a storm does. */
static const struct ophoton_dl_event missed_fault = {
	.found_unhealthy = true,
	.unknown = true,
};

/**
 * struct ophoton_dl_kind - a kind of fault domain and its reporter
 * @dl: the fabric's devlink
 * @obj: OPH_OBJ_MODULE or OPH_OBJ_ENGINE
 * @rep: its reporter
 * @ev: events not yet told, under the fabric's lock
 * @nev: entries of @ev
 * @missed: faults past @ev, told after it without their domain
 * @missed_recovered: recoveries past @ev, told after it
 * @op_recovered: recoveries made by devlink's recover callback running now
 */
struct ophoton_dl_kind {
	struct ophoton_devlink *dl;
	enum oph_obj obj;
	struct devlink_health_reporter *rep;
	struct ophoton_dl_event ev[DL_EVENTS];
	u32 nev;
	u32 missed;
	u32 missed_recovered;
	u32 op_recovered;
};

/**
 * struct ophoton_devlink - a fabric's devlink instance, its private part
 * @fab: the fabric
 * @kind: laser modules, engines
 * @work: tells devlink what the model queued
 * @in_recover: devlink's recover callback runs (it counts its recoveries)
 * @closing: the fabric is going: queue nothing more
 */
struct ophoton_devlink {
	struct ophoton_fabric *fab;
	struct ophoton_dl_kind kind[2];
	struct work_struct work;
	bool in_recover;
	bool closing;
};

/* The spec's names of an enum's values (names.h, generated). */
struct names {
	const char * const *v;
	unsigned int n;
};

static const char * const side_v[] = OPHOTON_NAMES_SIDE;
static const char * const mod_state_v[] = OPHOTON_NAMES_MODULE_STATE;
static const char * const mod_cause_v[] = OPHOTON_NAMES_MODULE_CAUSE;
static const char * const down_v[] = OPHOTON_NAMES_DOWN_REASON;
static const char * const sev_v[] = OPHOTON_NAMES_SEVERITY;
static const char * const action_v[] = OPHOTON_NAMES_DIAG_ACTION;

static const struct names side_names = { side_v, ARRAY_SIZE(side_v) };
static const struct names mod_state_names = { mod_state_v, ARRAY_SIZE(mod_state_v) };
static const struct names mod_cause_names = { mod_cause_v, ARRAY_SIZE(mod_cause_v) };
static const struct names down_names = { down_v, ARRAY_SIZE(down_v) };
static const struct names sev_names = { sev_v, ARRAY_SIZE(sev_v) };
static const struct names action_names = { action_v, ARRAY_SIZE(action_v) };

static const char *name_of(const struct names *names, unsigned int v)
{
	return v < names->n && names->v[v] ? names->v[v] : "unknown";
}

static const char *kind_name(const struct ophoton_dl_kind *k)
{
	return k->obj == OPH_OBJ_ENGINE ? "engine" : "laser module";
}

/**
 * ophoton_devlink_health_change() - a fault domain's health changed
 * @fab: fabric, locked
 * @c: the model's change record (OPH_OBJ_HEALTH)
 *
 * A fault (the record's quarantine flag not falling) is queued for devlink
 * with whether its kind was healthy before it; so is a recovery, unless
 * devlink's own recover callback made it (devlink counts those itself).
 * The work item tells devlink.
 */
void ophoton_devlink_health_change(struct ophoton_fabric *fab,
				   const struct oph_change *c)
{
	struct ophoton_devlink *dl = fab->dl;
	struct oph_health_kind_info ki;
	struct ophoton_dl_kind *k;
	struct ophoton_dl_event *ev;
	bool recovered = c->new < c->old;

	lockdep_assert_held(&fab->lock);
	if (!dl || dl->closing)
		return;
	k = &dl->kind[c->reason == OPH_OBJ_ENGINE];
	if (recovered && dl->in_recover) {
		k->op_recovered++;
		return;
	}
	if (k->nev == DL_EVENTS) {
		if (recovered)
			k->missed_recovered++;
		else
			k->missed++;
		return;
	}
	ev = &k->ev[k->nev++];
	memset(ev, 0, sizeof(*ev));
	ev->side = c->side;
	ev->id = c->id;
	ev->recovered = recovered;
	if (!recovered) {
		/* Read now: the model tells the kind as it was before this fault. */
		oph_health_kind_get(fab->model, k->obj, &ki);
		ev->quarantine = c->new > c->old;
		ev->found_unhealthy = ki.unhealthy;
	}
	schedule_work(&dl->work);
}

/* The reporter's state, under devlink's lock as devlink changes it. */
static void set_state(struct ophoton_dl_kind *k, bool unhealthy)
{
	struct devlink *devlink = priv_to_devlink(k->dl);

	devl_lock(devlink);
	devlink_health_reporter_state_update(k->rep, unhealthy ?
					     DEVLINK_HEALTH_REPORTER_STATE_ERROR :
					     DEVLINK_HEALTH_REPORTER_STATE_HEALTHY);
	devl_unlock(devlink);
}

static void tell_recovered(struct ophoton_dl_kind *k, u32 n)
{
	struct devlink *devlink = priv_to_devlink(k->dl);

	devl_lock(devlink);
	while (n--)
		devlink_health_reporter_recovery_done(k->rep);
	devl_unlock(devlink);
}

static void tell_fault(struct ophoton_dl_kind *k, const struct ophoton_dl_event *ev)
{
	char msg[80];

	/*
	 * The state the fault found: devlink recovers by itself only after
	 * a fault that found its reporter healthy.  (Not under devlink's
	 * lock: its automatic recovery takes it.)
	 */
	set_state(k, ev->found_unhealthy);
	if (ev->unknown)
		snprintf(msg, sizeof(msg), "%s: fault (one of many at once)", kind_name(k));
	else
		snprintf(msg, sizeof(msg), "%s %s %u: %s", name_of(&side_names, ev->side),
			 kind_name(k), ev->id, ev->quarantine ? "quarantined" : "fault");
	devlink_health_report(k->rep, msg, (void *)ev);
}

/* The kind's state now, whatever devlink did meanwhile. */
static void sync_state(struct ophoton_dl_kind *k)
{
	struct ophoton_fabric *fab = k->dl->fab;
	struct oph_health_kind_info ki;

	ophoton_lock(fab);
	oph_health_kind_get(fab->model, k->obj, &ki);
	ophoton_unlock(fab);
	set_state(k, ki.unhealthy);
}

static void dl_work(struct work_struct *work)
{
	struct ophoton_devlink *dl = container_of(work, struct ophoton_devlink, work);
	struct ophoton_fabric *fab = dl->fab;
	struct ophoton_dl_event ev[DL_EVENTS];
	u32 i, k, n, missed, missed_recovered;

	for (k = 0; k < ARRAY_SIZE(dl->kind); k++) {
		struct ophoton_dl_kind *dk = &dl->kind[k];

		ophoton_lock(fab);
		n = dk->nev;
		memcpy(ev, dk->ev, n * sizeof(ev[0]));
		missed = dk->missed;
		missed_recovered = dk->missed_recovered;
		dk->nev = 0;
		dk->missed = 0;
		dk->missed_recovered = 0;
		ophoton_unlock(fab);

		for (i = 0; i < n; i++) {
			if (ev[i].recovered)
				tell_recovered(dk, 1);
			else
				tell_fault(dk, &ev[i]);
		}
		/* Counted, never lost; past the queue, in no order. */
		for (i = 0; i < missed; i++) {
			tell_fault(dk, &missed_fault);
			cond_resched();
		}
		tell_recovered(dk, missed_recovered);
		sync_state(dk);
	}
}

static int dl_recover(struct devlink_health_reporter *rep, void *priv_ctx,
		      struct netlink_ext_ack *extack)
{
	struct ophoton_dl_kind *k = devlink_health_reporter_priv(rep);
	const struct ophoton_dl_event *ev = priv_ctx;
	struct ophoton_fabric *fab = k->dl->fab;
	const char *why = NULL;
	u32 n, done;
	int err;

	ophoton_lock(fab);
	if (fab->dead) {
		ophoton_unlock(fab);
		NL_SET_ERR_MSG(extack, "the fabric is being deleted");
		return -ENODEV;
	}
	ophoton_clock_sync(fab);
	k->dl->in_recover = true;
	k->op_recovered = 0;
	if (ev && !ev->quarantine) {
		err = -ENOENT;
		why = "the fault quarantined nothing: there is nothing to recover";
	} else if (ev) {
		err = oph_health_recover_one(fab->model, k->obj, ev->side, ev->id, &why);
	} else {
		err = oph_health_recover_kind(fab->model, k->obj, &done, &why);
		if (!k->op_recovered && !err) {
			err = -ENOENT;
			why = "none is quarantined: there is nothing to recover";
		}
	}
	/*
	 * The recoveries the model recorded, whatever the calls returned: a
	 * module's quarantine is lifted before its reset, which may refuse.
	 */
	n = k->op_recovered;
	k->dl->in_recover = false;
	ophoton_clock_sync(fab);
	ophoton_unlock(fab);
	/* Also when some were recovered: why the others were not. */
	if (why)
		ophoton_nl_err_at(extack, NULL, why);
	if (!n)
		return err;
	/* devlink counts one recovery for this call: the others are ours. */
	while (--n)
		devlink_health_reporter_recovery_done(rep);
	return 0;
}

/* What diagnose and dump print of a kind: its domains not healthy. */
struct dl_snapshot {
	struct oph_health_sum sum;
	u32 n;
	struct oph_domain dom[DL_LIST];
	struct oph_module_info mi[DL_LIST];
	const struct oph_problem *prob[DL_LIST];
	struct oph_diag diag;
};

static int snapshot(struct ophoton_dl_kind *k, struct dl_snapshot *s,
		    struct netlink_ext_ack *extack)
{
	struct ophoton_fabric *fab = k->dl->fab;
	u32 i, j;
	int err;

	ophoton_lock(fab);
	err = fab->dead ? -ENODEV : ophoton_agg_refresh(fab, extack);
	if (err)
		goto out;
	s->n = oph_health_scan(fab->model, k->obj, s->dom, DL_LIST, &s->sum);
	oph_fabric_diagnose(fab->model, &s->diag);
	for (i = 0; i < s->n; i++) {
		s->prob[i] = NULL;
		if (k->obj == OPH_OBJ_MODULE)
			oph_module_get(fab->model, s->dom[i].side, s->dom[i].id, &s->mi[i]);
		for (j = 0; j < s->diag.n && !s->prob[i]; j++)
			if (s->diag.p[j].obj == k->obj && s->diag.p[j].side == s->dom[i].side &&
			    s->diag.p[j].id == s->dom[i].id)
				s->prob[i] = &s->diag.p[j];
	}
out:
	ophoton_unlock(fab);
	if (err == -ENODEV)
		NL_SET_ERR_MSG(extack, "the fabric is being deleted");
	return err;
}

/* The pairs of a report; the first error is kept in *@err (ophoton_fmsg()). */
static void put_str(struct devlink_fmsg *fmsg, int *err, const char *name,
		    const char *v)
{
	ophoton_fmsg(err, devlink_fmsg_string_pair_put(fmsg, name, v));
}

static void put_u32(struct devlink_fmsg *fmsg, int *err, const char *name, u32 v)
{
	ophoton_fmsg(err, devlink_fmsg_u32_pair_put(fmsg, name, v));
}

static void put_u64(struct devlink_fmsg *fmsg, int *err, const char *name, u64 v)
{
	ophoton_fmsg(err, devlink_fmsg_u64_pair_put(fmsg, name, v));
}

static void put_domain(struct ophoton_dl_kind *k, struct devlink_fmsg *fmsg,
		       int *err, const struct dl_snapshot *s, u32 i)
{
	const struct oph_domain *d = &s->dom[i];
	const struct oph_problem *p = s->prob[i];

	ophoton_fmsg(err, devlink_fmsg_obj_nest_start(fmsg));
	put_str(fmsg, err, "side", name_of(&side_names, d->side));
	put_u32(fmsg, err, "id", d->id);
	put_str(fmsg, err, "health", d->quarantined ? "quarantined" : "error");
	put_u32(fmsg, err, "errors", d->errors);
	put_u32(fmsg, err, "recoveries", d->recoveries);
	put_u64(fmsg, err, "last_error_ns", d->last_error_ns);
	if (k->obj == OPH_OBJ_MODULE) {
		put_str(fmsg, err, "state", name_of(&mod_state_names, s->mi[i].state));
		put_str(fmsg, err, "cause", name_of(&mod_cause_names, s->mi[i].cause));
	}
	/* What the fabric's diagnosis makes of it, when it is a problem. */
	if (p) {
		put_str(fmsg, err, "severity", name_of(&sev_names, p->severity));
		put_str(fmsg, err, "links_cause", name_of(&down_names, p->cause));
		put_str(fmsg, err, "action", name_of(&action_names, p->action));
		put_u32(fmsg, err, "links", p->links);
		put_u32(fmsg, err, "links_down", p->links_down);
	}
	ophoton_fmsg(err, devlink_fmsg_obj_nest_end(fmsg));
}

static int put_snapshot(struct ophoton_dl_kind *k, struct devlink_fmsg *fmsg,
			const struct dl_snapshot *s)
{
	int err = 0;
	u32 i;

	put_u32(fmsg, &err, "domains", s->sum.domains);
	put_u32(fmsg, &err, "in_error", s->sum.in_error);
	put_u32(fmsg, &err, "quarantined", s->sum.quarantined);
	put_u64(fmsg, &err, "errors", s->sum.errors);
	put_u64(fmsg, &err, "recoveries", s->sum.recoveries);
	ophoton_fmsg(&err, devlink_fmsg_arr_pair_nest_start(fmsg, "not_healthy"));
	for (i = 0; i < s->n; i++)
		put_domain(k, fmsg, &err, s, i);
	ophoton_fmsg(&err, devlink_fmsg_arr_pair_nest_end(fmsg));
	if (s->sum.unhealthy > s->n)
		put_u32(fmsg, &err, "unlisted", s->sum.unhealthy - s->n);
	return err;
}

static int dl_report(struct ophoton_dl_kind *k, struct devlink_fmsg *fmsg,
		     const struct ophoton_dl_event *ev, struct netlink_ext_ack *extack)
{
	struct dl_snapshot *s;
	int err = 0;

	/* Some 14 KiB, the diagnosis mostly: too much for the stack. */
	s = kvmalloc(sizeof(*s), GFP_KERNEL);
	if (!s)
		return -ENOMEM;
	err = snapshot(k, s, extack);
	if (err)
		goto out;
	if (ev && !ev->unknown) {
		/* The fault devlink was told first, then the kind as it found it. */
		ophoton_fmsg(&err, devlink_fmsg_pair_nest_start(fmsg, "fault"));
		ophoton_fmsg(&err, devlink_fmsg_obj_nest_start(fmsg));
		put_str(fmsg, &err, "side", name_of(&side_names, ev->side));
		put_u32(fmsg, &err, "id", ev->id);
		ophoton_fmsg(&err, devlink_fmsg_bool_pair_put(fmsg, "quarantined",
							      ev->quarantine));
		ophoton_fmsg(&err, devlink_fmsg_obj_nest_end(fmsg));
		ophoton_fmsg(&err, devlink_fmsg_pair_nest_end(fmsg));
	}
	if (!err)
		err = put_snapshot(k, fmsg, s);
out:
	kvfree(s);
	return err;
}

static int dl_diagnose(struct devlink_health_reporter *rep,
		       struct devlink_fmsg *fmsg, struct netlink_ext_ack *extack)
{
	struct ophoton_dl_kind *k = devlink_health_reporter_priv(rep);
	struct oph_health_kind_info ki;
	struct ophoton_fabric *fab = k->dl->fab;

	/* Faults age out unannounced: the state is brought up to now here. */
	ophoton_lock(fab);
	oph_health_kind_get(fab->model, k->obj, &ki);
	ophoton_unlock(fab);
	devlink_health_reporter_state_update(rep, ki.unhealthy ?
					     DEVLINK_HEALTH_REPORTER_STATE_ERROR :
					     DEVLINK_HEALTH_REPORTER_STATE_HEALTHY);
	return dl_report(k, fmsg, NULL, extack);
}

/*
 * Taken by devlink at the first fault it is told (and kept until cleared).
 * A dump asked for with none kept (no fault) is taken now, where devlink
 * holds the instance while it runs (ophoton_devlink_dump_locked); where it
 * does not, touching the reporter's private data could outlive the fabric.
 */
static int dl_dump(struct devlink_health_reporter *rep,
		   struct devlink_fmsg *fmsg, void *priv_ctx,
		   struct netlink_ext_ack *extack)
{
	if (!priv_ctx && !ophoton_devlink_dump_locked) {
		NL_SET_ERR_MSG(extack,
			       "no dump kept: on this kernel, one is taken at the first fault only");
		return -EOPNOTSUPP;
	}
	return dl_report(devlink_health_reporter_priv(rep), fmsg, priv_ctx, extack);
}

static const struct devlink_health_reporter_ops dl_module_ops = {
	.name = "laser_module",
	.recover = dl_recover,
	.diagnose = dl_diagnose,
	.dump = dl_dump,
};

static const struct devlink_health_reporter_ops dl_engine_ops = {
	.name = "engine",
	.recover = dl_recover,
	.diagnose = dl_diagnose,
	.dump = dl_dump,
};

/*
 * The driver, the fabric's serial (its id and the number of its creation
 * in the module's life: ids are reused), and what the emulated board is
 * and runs: the model is its firmware.
 */
static int dl_info_get(struct devlink *devlink, struct devlink_info_req *req,
		       struct netlink_ext_ack *extack)
{
	struct ophoton_devlink *dl = devlink_priv(devlink);
	char serial[32];
	int err;

	err = ophoton_devlink_info_driver(req);
	if (err)
		return err;
	snprintf(serial, sizeof(serial), "%u-%llu", dl->fab->id, dl->fab->serial);
	return devlink_info_serial_number_put(req, serial) ?:
	       devlink_info_version_fixed_put(req, DEVLINK_INFO_VERSION_GENERIC_BOARD_ID,
					      "ophoton-cpo-fabric") ?:
	       devlink_info_version_running_put(req, DEVLINK_INFO_VERSION_GENERIC_FW,
						OPHOTON_VERSION);
}

static const struct devlink_ops ophoton_devlink_ops = {
	.info_get = dl_info_get,
};

/**
 * ophoton_devlink_register() - a fabric's devlink instance and reporters
 * @fab: fabric, its device added
 *
 * Return: 0, -ENOMEM, or an error of devlink_health_reporter_create().
 */
int ophoton_devlink_register(struct ophoton_fabric *fab)
{
	const struct oph_params *p = oph_fabric_params(fab->model);
	struct ophoton_devlink *dl;
	struct devlink *devlink;
	unsigned int k;
	int err;

	devlink = devlink_alloc_ns(&ophoton_devlink_ops, sizeof(*dl),
				   ophoton_fabric_net(fab), &fab->dev);
	if (!devlink)
		return -ENOMEM;
	dl = devlink_priv(devlink);
	dl->fab = fab;
	INIT_WORK(&dl->work, dl_work);
	for (k = 0; k < ARRAY_SIZE(dl->kind); k++) {
		dl->kind[k].dl = dl;
		dl->kind[k].obj = k ? OPH_OBJ_ENGINE : OPH_OBJ_MODULE;
		/* devlink's grace period, in wall time, is the fabric's to start with. */
		dl->kind[k].rep = devlink_health_reporter_create(devlink, k ? &dl_engine_ops :
								 &dl_module_ops, p->grace_ms,
								 &dl->kind[k]);
		if (IS_ERR(dl->kind[k].rep)) {
			err = PTR_ERR(dl->kind[k].rep);
			goto err_destroy;
		}
	}
	ophoton_lock(fab);
	fab->dl = dl;
	ophoton_unlock(fab);
	devlink_register(devlink);
	return 0;

err_destroy:
	while (k--)
		devlink_health_reporter_destroy(dl->kind[k].rep);
	devlink_free(devlink);
	return err;
}

/**
 * ophoton_devlink_unregister() - undo ophoton_devlink_register()
 * @fab: fabric
 *
 * Nothing more is queued, what was is dropped (devlink and its counts go
 * with the fabric), and devlink's callbacks in flight finish first.
 */
void ophoton_devlink_unregister(struct ophoton_fabric *fab)
{
	struct ophoton_devlink *dl = fab->dl;
	unsigned int k;

	ophoton_lock(fab);
	dl->closing = true;
	ophoton_unlock(fab);
	cancel_work_sync(&dl->work);
	devlink_unregister(priv_to_devlink(dl));
	for (k = ARRAY_SIZE(dl->kind); k--; )
		devlink_health_reporter_destroy(dl->kind[k].rep);
	ophoton_lock(fab);
	fab->dl = NULL;
	ophoton_unlock(fab);
	devlink_free(priv_to_devlink(dl));
}
