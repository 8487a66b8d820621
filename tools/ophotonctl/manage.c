// SPDX-License-Identifier: GPL-2.0
/*
 * ophotonctl: changes to links and laser modules, and the simulation
 * group (the physical world: pull a module, cut a fibre, step the clock).
 * With --wait, a change is followed to its end through the notifications,
 * subscribed to before the request is sent.
 */
#include <inttypes.h>
#include <string.h>
#include <linux/ophoton.h>
#include <netlink/attr.h>

#include "ophotonctl.h"
#include "proto.h"

struct change {
	int n;
	struct {
		int attr;
		int size;	/* 1, 4, 8 */
		uint64_t v;
	} a[10];
};

static void ch_put(struct change *ch, int attr, int size, uint64_t v)
{
	if (ch->n < (int)NCMDS(ch->a)) {
		ch->a[ch->n].attr = attr;
		ch->a[ch->n].size = size;
		ch->a[ch->n].v = v;
		ch->n++;
	}
}

static int ch_build(struct ctx *c, struct nl_msg *msg, void *arg)
{
	struct change *ch = arg;

	(void)c;
	for (int i = 0; i < ch->n; i++) {
		int err = !ch->a[i].size ? nla_put_flag(msg, ch->a[i].attr) :
			  ch->a[i].size == 1 ? nla_put_u8(msg, ch->a[i].attr, (uint8_t)ch->a[i].v) :
			  ch->a[i].size == 4 ? nla_put_u32(msg, ch->a[i].attr, (uint32_t)ch->a[i].v) :
			  nla_put_u64(msg, ch->a[i].attr, ch->a[i].v);

		if (err)
			return -1;
	}
	return 0;
}

/* Send a change, following it to its end with --wait. */
static int ch_send(struct ctx *c, int cmd, struct change *ch, const char *what,
		   const struct wait_spec *w)
{
	struct onl ev = { 0 };
	int ret;

	/* A batch's -w is for the lines that can wait; alone, it is a mistake. */
	if (!w && c->o->wait && !c->o->batch)
		return usage_error(c, "%s has nothing to follow: --wait is for bring-up, link set and laser prepare-remove, activate, reset and recover",
				   what);
	if (!w || !c->o->wait)
		return ctx_change(c, cmd, ch_build, ch, what);
	ret = ctx_fabric(c);
	if (!ret)
		ret = wait_begin(c, &ev);
	if (ret)
		return ret;
	ret = ctx_change(c, cmd, ch_build, ch, what);
	if (!ret)
		ret = wait_finish(c, &ev, w);
	onl_close(&ev);
	return ret;
}

/* The one word of @words that @w is, as its index + @first, or -1. */
static int word_of(const char *w, const char *const *words, int n)
{
	for (int i = 0; i < n; i++)
		if (!strcmp(w, words[i]))
			return i;
	return -1;
}

/*
 * The links of a link set that names more than one: a laser module or an
 * engine (either side), a GPU, or a rack or one of its trays.  Puts the
 * scope in @ch, and the links it covers in @w when the tool can tell
 * them from the shape (all but a module's, which -w does not follow).
 * Returns 0, -1 when the place names no scope, or an exit code.
 */
static int link_scope(struct ctx *c, struct place *p, struct change *ch, struct wait_spec *w)
{
	const struct shape *s = &c->shape;
	uint32_t id, gpu;
	uint8_t side;
	int r;

	if (p->has[P_MODULE]) {
		r = place_module(c, p, &side, &id);
		if (r <= 0)
			return r < 0 ? EXIT_USAGE : usage_error(c, "which laser module?");
		ch_put(ch, OPHOTON_A_SIDE, 1, side);
		ch_put(ch, OPHOTON_A_MODULE_ID, 4, id);
		w->none = true;
		return 0;
	}
	if (p->has[P_ENGINE]) {
		/* engine ID [side S] names an engine by id; with its GPU, by place. */
		if (!p->has[P_GPU] && !p->has[P_RACK] && !p->has[P_TRAY] && !p->has[P_SLOT]) {
			side = p->has[P_SIDE] ? (uint8_t)p->v[P_SIDE] : OPHOTON_SIDE_GPU;
			id = p->v[P_ENGINE];
		} else {
			r = place_engine(c, p, &side, &id);
			if (r <= 0)
				return r < 0 ? EXIT_USAGE : usage_error(c, "which engine?");
		}
		ch_put(ch, OPHOTON_A_SIDE, 1, side);
		ch_put(ch, OPHOTON_A_ENGINE_ID, 4, id);
		if (side == OPHOTON_SIDE_GPU) {
			w->first = id * s->ports;
			w->count = s->ports;
		} else {
			w->none = true;
		}
		return 0;
	}
	/* A GPU by id or by rack, tray and slot; a tray or a rack without one. */
	r = p->has[P_GPU] || p->has[P_SLOT] ? place_gpu(c, p, &gpu) : 0;
	if (r < 0)
		return EXIT_USAGE;
	if (r) {
		ch_put(ch, OPHOTON_A_GPU_ID, 4, gpu);
		w->first = gpu * s->engines * s->ports;
		w->count = s->engines * s->ports;
		return 0;
	}
	if (!p->has[P_RACK])
		return -1;
	if (p->v[P_RACK] >= s->ep_racks)
		return usage_error(c, "rack %" PRIu32 " out of range: %" PRIu32
				   " GPU and memory racks", p->v[P_RACK], s->ep_racks);
	ch_put(ch, OPHOTON_A_RACK_ID, 4, p->v[P_RACK]);
	w->first = p->v[P_RACK] * s->ep_per_rack;
	w->count = s->ep_per_rack;
	if (p->has[P_TRAY]) {
		if (p->v[P_TRAY] >= s->trays)
			return usage_error(c, "tray %" PRIu32 " out of range: %" PRIu32
					   " per rack", p->v[P_TRAY], s->trays);
		ch_put(ch, OPHOTON_A_TRAY, 4, p->v[P_TRAY]);
		w->first += p->v[P_TRAY] * s->slots;
		w->count = s->slots;
	}
	w->first *= s->engines * s->ports;
	w->count *= s->engines * s->ports;
	return 0;
}

int link_set(struct ctx *c, int argc, char **argv);
int link_set(struct ctx *c, int argc, char **argv)
{
	static const char *const actions[] = { "up", "down", "retrain", "clear" };
	struct wait_spec w = { 0 };
	struct change ch = { 0 };
	struct place p;
	uint32_t link;
	int act, ret;

	if (argc < 2)
		return usage_error(c, "link set needs a link (or a GPU, engine, laser module, tray or rack) and an action");
	act = word_of(argv[argc - 1], actions, 4);
	if (act < 0)
		return usage_error(c, "the action is up, down, retrain or clear, not '%s'",
				   argv[argc - 1]);
	ret = parse_place(c, argc - 1, argv, PB(P_RACK) | PB(P_TRAY) | PB(P_SLOT) |
			  PB(P_GPU) | PB(P_ENGINE) | PB(P_PORT) | PB(P_LINK) | PB(P_MODULE) |
			  PB(P_SIDE), 3, &p, NULL, NULL);
	if (!ret)
		ret = ctx_shape(c);
	if (ret)
		return ret;
	w.kind = act == 1 ? WAIT_LINKS_DOWN : WAIT_LINKS_UP;
	/* One link, by id or GPU/ENGINE/PORT; else the links of a place. */
	if (p.nid || p.has[P_LINK] || p.has[P_PORT]) {
		ret = place_link(c, &p, &link);
		if (ret <= 0)
			return ret < 0 ? EXIT_USAGE : usage_error(c, "which link?");
		ch_put(&ch, OPHOTON_A_LINK_ID, 4, link);
		w.link = link;
	} else {
		ret = link_scope(c, &p, &ch, &w);
		if (ret)
			return ret < 0 ? usage_error(c, "which links? a link, or gpu, engine, module, tray or rack") : ret;
	}
	ch_put(&ch, OPHOTON_A_LINK_ACTION, 1, OPHOTON_LINK_ACTION_UP + act);
	if (w.none && c->o->wait)
		return usage_error(c, "--wait follows the links of a GPU, a GPU's engine, a tray or a rack, not of this");
	return ch_send(c, OPHOTON_CMD_LINK_SET, &ch, "link set", &w);
}

/*
 * The laser module or engine (@what: P_MODULE or P_ENGINE, found by
 * @place) the arguments name, by id, GPU/N or labels, within the fabric's
 * shape.  Returns 0 or the exit code of the problem, said.
 */
static int in_gpu_arg(struct ctx *c, int argc, char **argv, int what,
		      int (*place)(struct ctx *c, struct place *p, uint8_t *side, uint32_t *id),
		      const char *which, uint8_t *side, uint32_t *id)
{
	struct place p;
	int ret = parse_place(c, argc, argv, PB(P_RACK) | PB(P_TRAY) | PB(P_SLOT) |
			      PB(P_GPU) | PB(what) | PB(P_SIDE), 2, &p, NULL, NULL);

	if (!ret)
		ret = ctx_shape(c);
	if (ret)
		return ret;
	ret = place(c, &p, side, id);
	if (ret <= 0)
		return ret < 0 ? EXIT_USAGE : usage_error(c, "which %s?", which);
	return 0;
}

int laser_act(struct ctx *c, int argc, char **argv);
int laser_act(struct ctx *c, int argc, char **argv)
{
	static const char *const verbs[] = {
		"prepare-remove", "activate", "reset", "recover", "clear",
	};
	struct wait_spec w = { 0 };
	struct change ch = { 0 };
	int act = word_of(c->cmd->name, verbs, 5), ret;
	bool force = false;
	uint32_t mod;
	uint8_t side;

	/* "force": pull it even if the present state says not to. */
	if (act == 0 && argc > 1 && !strcmp(argv[argc - 1], "force")) {
		force = true;
		argc--;
	}
	ret = in_gpu_arg(c, argc, argv, P_MODULE, place_module, "laser module", &side, &mod);
	if (ret)
		return ret;
	if (force)
		ch_put(&ch, OPHOTON_A_FORCE, 0, 0);
	ch_put(&ch, OPHOTON_A_SIDE, 1, side);
	ch_put(&ch, OPHOTON_A_MODULE_ID, 4, mod);
	ch_put(&ch, OPHOTON_A_MODULE_ACTION, 1, OPHOTON_MODULE_ACTION_DRAIN + act);
	w.side = side;
	w.module = mod;
	w.kind = act == 0 ? WAIT_MODULE_SAFE : WAIT_MODULE_READY;
	/* Recover resets a quarantined module: followed as a reset is. */
	return ch_send(c, OPHOTON_CMD_MODULE_ACT, &ch, c->cmd->name, act < 4 ? &w : NULL);
}

int engine_act(struct ctx *c, int argc, char **argv);
int engine_act(struct ctx *c, int argc, char **argv)
{
	static const char *const verbs[] = { "recover", "clear" };
	int act = word_of(c->cmd->name, verbs, 2), ret;
	struct change ch = { 0 };
	bool force = false;
	uint32_t eng;
	uint8_t side;

	/* "force": recover it even while its fault is still there. */
	if (act == 0 && argc > 1 && !strcmp(argv[argc - 1], "force")) {
		force = true;
		argc--;
	}
	ret = in_gpu_arg(c, argc, argv, P_ENGINE, place_engine, "engine", &side, &eng);
	if (ret)
		return ret;
	if (force)
		ch_put(&ch, OPHOTON_A_FORCE, 0, 0);
	ch_put(&ch, OPHOTON_A_SIDE, 1, side);
	ch_put(&ch, OPHOTON_A_ENGINE_ID, 4, eng);
	ch_put(&ch, OPHOTON_A_ENGINE_ACTION, 1, OPHOTON_ENGINE_ACTION_RECOVER + act);
	return ch_send(c, OPHOTON_CMD_ENGINE_ACT, &ch, c->cmd->name, NULL);
}

/* sim laser remove|insert MODULE [serial N] */
static int sim_laser(struct ctx *c, int argc, char **argv)
{
	static const char *const actions[] = { "remove", "insert" };
	struct change ch = { 0 };
	uint32_t mod, serial = 0;
	bool has_serial = false;
	struct place p;
	uint8_t side;
	int act, ret, n = argc;

	if (argc < 2)
		return usage_error(c, "sim laser needs remove or insert and a module");
	act = word_of(argv[0], actions, 2);
	if (act < 0)
		return usage_error(c, "sim laser remove or insert, not '%s'", argv[0]);
	if (n >= 3 && !strcmp(argv[n - 2], "serial")) {
		if (parse_u32(argv[n - 1], &serial))
			return usage_error(c, "serial must be a number");
		has_serial = true;
		n -= 2;
	}
	ret = parse_place(c, n - 1, argv + 1, PB(P_RACK) | PB(P_TRAY) | PB(P_SLOT) |
			  PB(P_GPU) | PB(P_MODULE) | PB(P_SIDE), 2, &p, NULL, NULL);
	if (!ret)
		ret = ctx_shape(c);
	if (ret)
		return ret;
	ret = place_module(c, &p, &side, &mod);
	if (ret <= 0)
		return ret < 0 ? EXIT_USAGE : usage_error(c, "which laser module?");
	ch_put(&ch, OPHOTON_A_SIDE, 1, side);
	ch_put(&ch, OPHOTON_A_MODULE_ID, 4, mod);
	ch_put(&ch, OPHOTON_A_SIM_ACTION, 1, act ? OPHOTON_SIM_ACTION_INSERT :
					      OPHOTON_SIM_ACTION_REMOVE);
	if (has_serial)
		ch_put(&ch, OPHOTON_A_MODULE_SERIAL, 4, serial);
	return ch_send(c, OPHOTON_CMD_SIM_MODULE, &ch, "sim laser", NULL);
}

struct fault_args {
	bool has_value, has_amount, has_fibre, has_target;
	int32_t value, amount;
	unsigned int fibre;
	uint32_t target;
};

/* The options of a fault: "value V", "amount A", "fibre F", "target ID". */
static int fault_extra(struct ctx *c, int argc, char **argv, void *arg)
{
	struct fault_args *f = arg;
	int bad;

	if (argc < 2)
		return 0;
	if (!strcmp(argv[0], "value")) {
		bad = parse_s32(argv[1], &f->value);
		f->has_value = true;
	} else if (!strcmp(argv[0], "amount")) {
		bad = parse_s32(argv[1], &f->amount);
		f->has_amount = true;
	} else if (!strcmp(argv[0], "fibre")) {
		bad = onl_enum_value(&onl_enum_fibre, argv[1], &f->fibre);
		f->has_fibre = true;
	} else if (!strcmp(argv[0], "target")) {
		bad = parse_u32(argv[1], &f->target);
		f->has_target = true;
	} else {
		return 0;
	}
	if (bad) {
		usage_error(c, "bad %s '%s'", argv[0], argv[1]);
		return -1;
	}
	return 2;
}

/* The target of a fault kind: a module, an engine or a link. */
static int fault_target(struct ctx *c, unsigned int kind, struct place *p,
			struct fault_args *f, uint8_t *side, uint32_t *target)
{
	int ret;

	*side = p->has[P_SIDE] ? (uint8_t)p->v[P_SIDE] : OPHOTON_SIDE_GPU;
	if (f->has_target) {
		*target = f->target;
		return 0;
	}
	switch (kind) {
	case OPHOTON_FAULT_FIBRE_CUT:
	case OPHOTON_FAULT_FIBRE_DIRTY:
	case OPHOTON_FAULT_BER:
	case OPHOTON_FAULT_ARBITRATION:
		ret = place_link(c, p, target);
		break;
	case OPHOTON_FAULT_RING_DRIFT:
	case OPHOTON_FAULT_ENGINE_DEATH:
	case OPHOTON_FAULT_COOLING:
		ret = place_engine(c, p, side, target);
		break;
	default:
		ret = place_module(c, p, side, target);
		break;
	}
	if (ret < 0)
		return EXIT_USAGE;
	return ret ? 0 : usage_error(c, "which %s does the fault hit?",
				     onl_enum_name(&onl_enum_fault_kind, kind));
}

/* sim fault inject|clear KIND TARGET [side S] [lane K] [fibre F] [value V] [amount A] */
static int sim_fault(struct ctx *c, int argc, char **argv)
{
	struct fault_args f = { 0 };
	struct change ch = { 0 };
	unsigned int kind;
	struct place p;
	uint32_t target;
	uint8_t side;
	int inject, ret;

	if (argc < 2)
		return usage_error(c, "sim fault needs inject or clear and a fault kind");
	if (!strcmp(argv[0], "inject"))
		inject = 1;
	else if (!strcmp(argv[0], "clear"))
		inject = 0;
	else
		return usage_error(c, "sim fault inject or clear, not '%s'", argv[0]);
	if (onl_enum_value(&onl_enum_fault_kind, argv[1], &kind))
		return usage_error(c, "unknown fault kind '%s' (see ophotonctl sim help)", argv[1]);
	ret = parse_place(c, argc - 2, argv + 2, PB(P_RACK) | PB(P_TRAY) | PB(P_SLOT) |
			  PB(P_GPU) | PB(P_ENGINE) | PB(P_PORT) | PB(P_LINK) | PB(P_MODULE) |
			  PB(P_LANE) | PB(P_LASER) | PB(P_SIDE), 3, &p, fault_extra, &f);
	if (!ret)
		ret = ctx_shape(c);
	if (ret)
		return ret;
	ret = fault_target(c, kind, &p, &f, &side, &target);
	if (ret)
		return ret;
	ch_put(&ch, OPHOTON_A_SIM_ACTION, 1, inject ? OPHOTON_SIM_ACTION_INSERT :
						  OPHOTON_SIM_ACTION_REMOVE);
	ch_put(&ch, OPHOTON_A_FAULT_KIND, 1, kind);
	ch_put(&ch, OPHOTON_A_SIDE, 1, side);
	ch_put(&ch, OPHOTON_A_FAULT_TARGET, 4, target);
	if (p.has[P_LANE] || p.has[P_LASER])
		ch_put(&ch, OPHOTON_A_LANE, 1, p.has[P_LANE] ? p.v[P_LANE] : p.v[P_LASER]);
	if (f.has_fibre)
		ch_put(&ch, OPHOTON_A_FIBRE, 1, f.fibre);
	if (f.has_value)
		ch_put(&ch, OPHOTON_A_FAULT_VALUE, 4, (uint32_t)f.value);
	if (f.has_amount)
		ch_put(&ch, OPHOTON_A_FAULT_AMOUNT, 4, (uint32_t)f.amount);
	return ch_send(c, OPHOTON_CMD_SIM_FAULT, &ch, "sim fault", NULL);
}

/* sim clock step DURATION */
static int sim_clock(struct ctx *c, int argc, char **argv)
{
	struct change ch = { 0 };
	uint64_t ns;

	if (argc != 2 || strcmp(argv[0], "step"))
		return usage_error(c, "sim clock step DURATION (e.g. 10s, 500ms, 1h, 2y)");
	if (parse_duration_ns(argv[1], &ns) || !ns)
		return usage_error(c, "bad duration '%s' (e.g. 10s, 500ms, 1h)", argv[1]);
	ch_put(&ch, OPHOTON_A_SIM_STEP_NS, 8, ns);
	return ch_send(c, OPHOTON_CMD_SIM_CLOCK, &ch, "sim clock", NULL);
}

static const struct cmd sim_cmds[] = {
	{ "laser", "{ remove | insert } { MODULE | GPU/MODULE } [ side gpu|switch ] [ serial N ]",
	  "pull a laser module out (by surprise) or plug one in", sim_laser },
	{ "fault", "{ inject | clear } KIND TARGET [ side gpu|switch ] [ lane K | laser K ]\n"
	  "      [ fibre tx|rx|feed ] [ value V ] [ amount A ]",
	  "inject or clear a fault; KIND: module-death laser-death laser-aging fibre-cut\n"
	  "      fibre-dirty ring-drift tec ber arbitration engine-death fw-hang\n"
	  "      cooling; for ber, fibre tx is the up direction (into the switch's\n"
	  "      FEC), rx the down one, none both;\n"
	  "      TARGET: a module (GPU/MODULE), an engine (GPU/ENGINE) or a link\n"
	  "      (GPU/ENGINE/PORT) by kind, or 'target ID'; lane or laser K\n"
	  "      picks one (laser-death needs it; left out: every lane or laser);\n"
	  "      value V by kind: laser-aging ppm of life an hour (1-10000000),\n"
	  "      fibre-dirty 0.01 dB (1-4000), ring-drift mK/s (1-10000000) with\n"
	  "      amount A mK (1-200000), ber -100 log10 BER (30-2000), cooling\n"
	  "      mK/s (1-100000); the others take none.  E.g. sim fault inject\n"
	  "      fibre-dirty 17/2/5 fibre tx value 300 (3 dB)", sim_fault },
	{ "clock", "step DURATION", "step the fabric's virtual clock (10s, 500ms, 1h, 3d, 2y)",
	  sim_clock },
};

const struct object obj_sim = { "sim", "simulation: the physical world (module parameter sim_ops)",
				sim_cmds, NCMDS(sim_cmds) };
