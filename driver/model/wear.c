// SPDX-License-Identifier: GPL-2.0
/*
 * ophoton model: lasers wearing out, and what a laser reports.
 *
 * A laser's bias climbs as it ages (aging faults of fault.c, or its own
 * wear-out life); the module holds its power constant until the bias runs
 * out, then the power droops, and the lane's budget (path.c) loses it.
 */
#include "internal.h"

#define BIAS_BOL_UA	200000	/* a laser's bias at the beginning of its life */

/*
 * Wear-out (cpo-domain.md 6): lognormal lives, median 82,000 h at 85 C
 * [S32d] taken as the fleet's median, sigma 0.6 in ln(hours) [A]: one
 * laser in a thousand lives less than 13,000 h, one in a hundred less
 * than 20,000 h.  End of life is the bias at 1.5x its beginning of life.
 */
#define LIFE_MEDIAN_H	82000
#define LIFE_SIGMA_DEC	26058	/* sigma 0.6 / ln(10), in 1e-5 decades */
#define PREDICT_PPM	20000	/* bias 2 % of BOL above the expected curve */

/* Life an aging rate uses over @ns: the rate is in ppm of life per hour. */
static u64 life_ppm(u64 ns, u32 rate)
{
	return ns / OPH_NS_PER_S * rate / 3600;
}

/* @v times 10^(@e / 100), for |@e| below 1000. */
static u64 scale_pow10(u64 v, s32 e)
{
	u32 k;

	if (e >= 0) {
		for (k = (u32)(e + 99) / 100; k; k--)
			v *= 10;
		return oph_frac_mul(v, oph_frac_pow10[(100 - e % 100) % 100]);
	}
	v = oph_frac_mul(v, oph_frac_pow10[-e % 100]);
	for (k = (u32)-e / 100; k; k--)
		v /= 10;
	return v;
}

/*
 * The wear-out rate of one laser, parts per billion of its life per hour:
 * its life is lognormal, drawn from the seed and the module's serial
 * number (a new module brings new lasers).  The normal deviate is the sum
 * of twelve uniform ones less six (Irwin-Hall), within +-6 sigma.
 */
static u64 laser_life_rate(const struct oph_fabric *f, const struct oph_lmod *m,
			   u32 laser)
{
	s64 zq = -6 * 65536 + 6;	/* z in 1/65536, centred */
	u32 j, h;

	for (j = 0; j < 6; j++) {
		h = oph_hash32(f->p.seed, OPH_VAR_LIFE << 8 | j, m->serial * 16 + laser);
		zq += (h & 0xffff) + (h >> 16);
	}
	/* rate = median rate x e^(-sigma z) = median rate x 10^(-sigma z / ln 10) */
	return scale_pow10(1000000000ULL / LIFE_MEDIAN_H,
			   (s32)(-zq * LIFE_SIGMA_DEC / (65536 * 1000)));
}

/* Life used over @ns at @rate parts per billion per hour, in ppm. */
static u64 life_ppm_of(u64 ns, u64 rate)
{
	return ns / OPH_NS_PER_S * rate / 3600000;
}

/* The life a laser uses now, ppb per hour: its own and its aging faults'. */
static u64 rate_ppb(const struct oph_fabric *f, enum oph_side side, u32 mod, u32 laser)
{
	const struct oph_lmod *m = f->slots[side][mod].mod;
	const struct oph_fault *a;
	u64 rate = laser_life_rate(f, m, laser);

	if (!f->slots[side][mod].nfaults)
		return rate;
	a = oph_fault_find(f, OPH_FAULT_LASER_AGING, side, mod, laser);
	if (a)
		rate += (u64)a->value * 1000;
	a = oph_fault_find(f, OPH_FAULT_LASER_AGING, side, mod, OPH_ALL);
	if (a)
		rate += (u64)a->value * 1000;
	return rate;
}

/* Virtual seconds until life used reaches @target ppm, from @age at @rate. */
static u64 secs_to(u64 age, u64 target, u64 rate)
{
	if (age >= target)
		return 0;
	/* ppm to ppb, hours to seconds; 10^6 ppm at 10^3 ppb/h fits in u64. */
	return oph_mul_div((target - age) * 1000, 3600, max_t(u64, rate, 1));
}

/*
 * Life used, ppm: the laser's own wear-out rate since insertion, what
 * cleared aging faults added (kept in the module), and what the faults
 * injected now add since their injection, one on the laser and one on
 * every laser alike.  Clearing a fault takes nothing back: a counter.
 */
static u64 age_ppm(const struct oph_fabric *f, enum oph_side side, u32 mod,
		   u32 laser)
{
	const struct oph_lmod *m = f->slots[side][mod].mod;
	const struct oph_fault *a;
	u64 age = life_ppm_of(f->now - m->inserted, laser_life_rate(f, m, laser)) +
		  (u64)m->aged[laser] * 100;

	if (!f->slots[side][mod].nfaults)
		return age;
	a = oph_fault_find(f, OPH_FAULT_LASER_AGING, side, mod, laser);
	if (a)
		age += life_ppm(f->now - a->since, (u32)a->value);
	a = oph_fault_find(f, OPH_FAULT_LASER_AGING, side, mod, OPH_ALL);
	if (a)
		age += life_ppm(f->now - a->since, (u32)a->value);
	return age;
}

/**
 * oph_aging_cleared() - an aging fault ends: keep the life it used
 * @f: fabric
 * @a: the fault, still in the table
 *
 * Rounded up to the 100 ppm the module keeps, so that life used never
 * goes back.
 */
void oph_aging_cleared(struct oph_fabric *f, const struct oph_fault *a)
{
	struct oph_lmod *m = f->slots[a->side][a->target].mod;
	u64 used = DIV_ROUND_UP(life_ppm(f->now - a->since, (u32)a->value), 100);
	u32 k;

	for (k = 0; k < f->p.lambdas; k++)
		if (a->lane == OPH_ALL || a->lane == k)
			m->aged[k] = (u16)min_t(u64, m->aged[k] + used, U16_MAX);
}

/**
 * oph_laser_droop() - power steps an aged laser has lost
 * @f: fabric
 * @side: side of the module
 * @mod: module id, present
 * @laser: laser index
 *
 * Past 1.5x its beginning-of-life bias the power control gives up 0.5 dB
 * for every further 5 % of life.
 *
 * Return: 0.5 dB steps, at most 40.
 */
u8 oph_laser_droop(struct oph_fabric *f, enum oph_side side, u32 mod, u32 laser)
{
	u64 age = age_ppm(f, side, mod, laser);

	if (age <= 1000000)
		return 0;
	return (u8)min((age - 1000000) / 50000, (u64)40);
}

/**
 * oph_laser_get() - telemetry of one laser of a module
 * @f: fabric
 * @side: side of the module
 * @mod: module id
 * @laser: laser index
 * @li: filled in
 *
 * Bias rises by half its beginning-of-life value over the laser's life; the
 * automatic power control holds the power until the bias reaches 1.5x, then
 * the power droops.  The aging predictor compares the bias with the curve
 * of nominal aging and fires when it runs 2 % of BOL ahead, long before
 * the +20 % warning.
 *
 * Return: 0, -ERANGE, -ENODEV (no module).
 */
int oph_laser_get(struct oph_fabric *f, enum oph_side side, u32 mod, u32 laser,
		  struct oph_laser_info *li)
{
	struct oph_slot *s;
	u64 age, expected, bol, bias;
	s64 walk;

	if ((side != OPH_SIDE_EP && side != OPH_SIDE_SW) ||
	    mod >= oph_nmods(f, side) || laser >= f->p.lambdas)
		return -ERANGE;
	s = &f->slots[side][mod];
	if (!s->mod)
		return -ENODEV;
	memset(li, 0, sizeof(*li));
	li->state = s->mod->laser[laser];
	li->fibre_checked = s->mod->checked != 0;
	age = age_ppm(f, side, mod, laser);
	li->age_ppm = (u32)min_t(u64, age, 10000000);
	bol = BIAS_BOL_UA + oph_vary(f, OPH_VAR_LASER, (mod << 1 | side) * 16 + laser,
				     -20000, 20000);
	bias = bol + bol * min_t(u64, age, 4000000) / 2000000;
	/* The fleet's curve: a laser of median life, as characterised. */
	expected = bol + bol * life_ppm_of(f->now - s->mod->inserted,
					   1000000000ULL / LIFE_MEDIAN_H) / 2000000;
	li->aging_predicted = bias > expected &&
			      (bias - expected) * 1000000 > bol * PREDICT_PPM;
	/*
	 * Planning: at the present rate, when the bias warns (its level in
	 * permille of BOL is 1000 + age / 2000) and when its life ends.
	 */
	li->rate_ppb_h = rate_ppb(f, side, mod, laser);
	li->warn_in_s = secs_to(age, (u64)max(oph_thresh_get(f, OPH_TH_LASER_BIAS)->warn_hi - 1000,
					      0) * 2000, li->rate_ppb_h);
	li->eol_in_s = secs_to(age, 1000000, li->rate_ppb_h);
	/* The demanded bias warns even where the power control clamps it. */
	if (li->state == OPH_LASER_ON || li->state == OPH_LASER_FAULT)
		li->flags |= oph_thresh_flags(f, OPH_TH_LASER_BIAS,
					      (s32)min_t(u64, bias * 1000 / bol, 100000));
	bias = min(bias, bol * 3 / 2);
	if (li->state == OPH_LASER_ON || li->state == OPH_LASER_RAMPING) {
		li->bias_ua = (u32)bias;
		li->power_uw = (u32)oph_attenuate(50000, s->mod->droop[laser] * 500);
	} else if (li->state == OPH_LASER_CHECK) {
		li->bias_ua = (u32)(bol / 10);
		li->power_uw = 1000;	/* check power, eye safe */
	}
	li->voltage_mv = li->bias_ua ? 1400 + li->bias_ua / 1000 : 0;
	/*
	 * Only light has a wavelength, and the laser's thermistor is read
	 * through its TEC's controller: a laser that does not shine measures
	 * neither (the "unset" convention: the values are left out).
	 */
	if (li->state == OPH_LASER_ON || li->state == OPH_LASER_RAMPING ||
	    li->state == OPH_LASER_CHECK) {
		walk = oph_laser_walk_mhz(f, side, mod);
		li->have = OPH_LASER_HAVE_FREQ | OPH_LASER_HAVE_TEMP;
		li->freq_err_mhz = (s32)min_t(s64, walk, 2000000000) +
				   oph_vary(f, OPH_VAR_TEMP, (mod << 1 | side) * 16 + laser,
					    -2000, 2000);
		li->temp_mc = 50000 + (s32)s->tec_mk +
			      oph_vary(f, OPH_VAR_TEMP, (mod << 1 | side) * 16 + laser + 7,
				       -100, 100);
		/* Cooling a warmer case: more current in a warmer module. */
		if (!s->tec_mk)
			li->tec_ma = 300 + (u32)oph_vary(f, OPH_VAR_RTH, mod << 1 | side, 0, 200);
		li->flags |= oph_thresh_flags(f, OPH_TH_LASER_FREQ, li->freq_err_mhz) << 8;
	}
	/* A laser in fault emits nothing: that is a low-power alarm. */
	if (li->state == OPH_LASER_ON || li->state == OPH_LASER_FAULT)
		li->flags |= oph_thresh_flags(f, OPH_TH_LASER_POWER, (s32)li->power_uw) << 4;
	if (li->state == OPH_LASER_FAULT)
		li->cause = OPH_MC_LASER;
	else if (s->state == OPH_MOD_FAULT)
		li->cause = s->fault_cause;
	else if (s->tec_mk)
		li->cause = OPH_MC_TEC_RUNAWAY;
	else if (li->aging_predicted || (li->flags & OPH_FLAGS_MASK))
		li->cause = OPH_MC_AGING;
	li->latched = s->mod->latched[laser];
	return 0;
}
