/* background.c - everyday, legitimate activity of the synthetic world, one
 * day at a time (docs/synth.md, "Background").
 *
 * What must hold: a day's events depend only on (seed, day, world), drawn
 * from the day's own PRNG stream, so days are independent and the output is
 * deterministic; every timestamp falls inside the day; no allocation other
 * than the growth of the caller's event buffer.
 *
 * The legitimate shapes are deliberately those the detectors look for:
 * payroll processors fan out to hundreds of employees on payday after one
 * funding transfer (gather-scatter), utilities and marketplaces fan in from
 * thousands, marketplaces fan out weekly to sellers, landlords receive the
 * same rent from many tenants each month, cash businesses and MSBs deposit
 * large amounts of cash, MSBs take cash and wire to Mexico every evening, friends send
 * money back and forth (two-cycles).
 */
#include <string.h>

#include "synth/synth_int.h"

#include "core/banned.h"

typedef struct day_ctx {
	const syn_world *w;
	syn_rng r;
	syn_evbuf *out;
	int64_t base; /* epoch seconds of 00:00 of the day */
	uint32_t d;
	int wd, mday;
	uint8_t payday[4]; /* by pay schedule: (flags / SF_SEMIMONTHLY) & 3 */
	double act;
	int rc;
} day_ctx;

static void emit(day_ctx *c, int h0, int h1, uint32_t orig, uint32_t bene, int64_t usd_cents,
		 cen_channel ch, uint8_t memo, uint16_t zip1)
{
	syn_ev e;
	e.ts = c->base + h0 * 3600 + (int64_t)syn_below(&c->r, (uint64_t)(h1 - h0) * 3600);
	e.orig = orig;
	e.bene = bene;
	e.attempt = 0;
	e.channel = (uint8_t)ch;
	e.cur = CUR_USD;
	/* Only wires leave the country; the rest is received in dollars. */
	e.cur_recv = ch == CEN_CH_WIRE ? syn_acct_currency(c->w, bene) : CUR_USD;
	e.amount = usd_cents;
	e.memo = memo;
	e.loc = zip1;
	if (c->rc == 0)
		c->rc = syn_ev_push(c->out, &e);
}

/* Whether business b pays wages today (the schedule is one of four). */
static int payday(const day_ctx *c, uint32_t b)
{
	return c->payday[(c->w->a[b].flags / SF_SEMIMONTHLY) & 3];
}

static uint32_t pick(syn_rng *r, const syn_list *l)
{
	return l->n ? l->v[syn_below(r, l->n)] : SYN_NONE;
}

static void person_day(day_ctx *c, uint32_t p)
{
	const syn_world *w = c->w;
	const syn_acct *a = &w->a[p];
	syn_rng *r = &c->r;
	uint16_t home = (uint16_t)(a->zip + 1);
	int weekend = c->wd == 0 || c->wd == 6;
	int n = syn_poisson(r, a->card_rate * c->act * (weekend ? 1.25 : 1.0));
	for (int k = 0; k < n; k++) {
		uint32_t m = syn_chance(r, 0.25) && w->market.n ? pick(r, &w->market)
							       : pick(r, &w->biz);
		emit(c, 7, 23, p, m, syn_lognormal_cents(r, 32, 0.9), CEN_CH_CARD, MEMO_CARD, 0);
	}
	if (c->wd != 0) {
		if (syn_chance(r, 0.02))
			emit(c, 8, 22, p, w->atm[a->bank], syn_range(r, 1, 20) * 2000, CEN_CH_CASH,
			     MEMO_WITHDRAWAL, home);
		if (syn_chance(r, 0.008)) {
			int64_t amt = syn_lognormal_cents(r, 250, 0.8);
			emit(c, 9, 18, p, p, amt > 500000 ? 500000 : amt, CEN_CH_CASH, MEMO_DEPOSIT,
			     home);
		}
		/* A car sold for cash, a loan from family: legitimate, just under or
		 * over the threshold, once. */
		if (syn_chance(r, 0.0003))
			emit(c, 9, 18, p, p, syn_range(r, 700000, 1400000), CEN_CH_CASH,
			     MEMO_DEPOSIT, home);
	}
	if (!(a->flags & SF_REMIT) && a->friend_ != SYN_NONE && a->friend_ != p &&
	    syn_chance(r, 0.03 * c->act)) {
		/* People send round sums more often than not. */
		int64_t amt = syn_lognormal_cents(r, 60, 0.8);
		if (syn_chance(r, 0.6))
			amt = (amt / 1000 + 1) * 1000;
		emit(c, 7, 23, p, a->friend_, amt, CEN_CH_ACH,
		     syn_chance(r, 0.5) ? MEMO_P2P : MEMO_TRANSFER, 0);
	}
	/* Family help by wire: a few thousand, rounded. */
	if (a->friend_ != SYN_NONE && a->friend_ != p && !(a->flags & SF_REMIT) && c->wd != 0 &&
	    c->wd != 6 && syn_chance(r, 0.002))
		emit(c, 9, 17, p, a->friend_, syn_range(r, 10, 50) * 10000, CEN_CH_WIRE,
		     MEMO_TRANSFER, 0);
	/* A car or a down payment paid by wire, now and then. */
	if (c->wd != 0 && c->wd != 6 && syn_chance(r, 0.001))
		emit(c, 9, 17, p, pick(r, &w->biz), syn_lognormal_cents(r, 12000, 0.6) / 10000 * 10000,
		     CEN_CH_WIRE, MEMO_INVOICE, 0);
	/* One in ten repays a loan to a business each month. */
	if (p % 10 == 3 && w->biz.n && c->mday == a->util_day % 28 + 1)
		emit(c, 8, 20, p, w->biz.v[p % w->biz.n], 25000 + (int64_t)(p % 40) * 1000, CEN_CH_ACH,
		     MEMO_LOAN, 0);
	if (a->link != SYN_NONE && payday(c, a->link)) {
		const syn_acct *e = &w->a[a->link];
		uint32_t payer = (e->flags & SF_VIAHUB) && e->link != SYN_NONE ? e->link : a->link;
		/* Salaried staff get the same net pay; hourly staff vary. */
		int64_t amt = p % 5 < 3 ? a->pay : (int64_t)((double)a->pay * (0.9 + 0.2 * syn_unif(r)));
		emit(c, 6, 9, payer, p, amt, CEN_CH_ACH, MEMO_PAYROLL, 0);
	}
	if (a->landlord != SYN_NONE && c->mday == a->rent_day)
		emit(c, 8, 20, p, a->landlord, a->rent, syn_chance(r, 0.2) ? CEN_CH_CHEQUE : CEN_CH_ACH,
		     MEMO_RENT, 0);
	if (a->utility != SYN_NONE && c->mday == a->util_day)
		emit(c, 0, 24, p, a->utility, syn_lognormal_cents(r, 110, 0.4), CEN_CH_ACH,
		     MEMO_UTILITY, 0);
	if ((a->flags & SF_REMIT) && c->mday == a->remit_day) {
		int64_t amt = syn_lognormal_cents(r, 350, 0.4);
		if (amt > 95000)
			amt = 95000;
		if (syn_chance(r, 0.5) && w->msb.n) {
			const syn_list *l = syn_zips[a->zip].border && w->msb_border.n ? &w->msb_border
										  : &w->msb;
			uint32_t m = pick(r, l);
			emit(c, 9, 19, p, m, amt, CEN_CH_CASH, MEMO_REMIT,
			     (uint16_t)(w->a[m].zip + 1));
		} else if (a->friend_ != SYN_NONE) {
			emit(c, 9, 19, p, a->friend_, amt, CEN_CH_WIRE, MEMO_REMIT, 0);
		}
	}
}

static void business_day(day_ctx *c, uint32_t b)
{
	const syn_world *w = c->w;
	const syn_acct *a = &w->a[b];
	syn_rng *r = &c->r;
	if ((a->flags & SF_CASHBIZ) && c->wd != 0) {
		if (a->flags & SF_BIGCASH) {
			int n = syn_chance(r, 0.15) ? 2 : 1;
			for (int k = 0; k < n; k++)
				emit(c, 11, 20, b, b, syn_lognormal_cents(r, 7000, 0.35), CEN_CH_CASH,
				     MEMO_DEPOSIT, (uint16_t)(a->zip + 1));
		} else {
			int64_t amt = syn_lognormal_cents(r, 1500, 0.6);
			emit(c, 15, 20, b, b, amt > 950000 ? 950000 : amt, CEN_CH_CASH, MEMO_DEPOSIT,
			     (uint16_t)(a->zip + 1));
		}
	}
	if (c->wd == 0 || c->wd == 6)
		return;
	if (syn_chance(r, 0.25)) {
		uint32_t s = pick(r, &w->biz);
		int64_t amt = syn_lognormal_cents(r, 2500, 1.0);
		double u = syn_unif(r);
		if (syn_chance(r, 0.2))
			amt = amt / 10000 * 10000 + 10000;
		if (s != b)
			emit(c, 9, 17, b, s, amt,
			     u < 0.15 ? CEN_CH_CHEQUE : u < 0.35 ? CEN_CH_WIRE : CEN_CH_ACH,
			     syn_chance(r, 0.1) ? MEMO_CONSULTING
						: syn_chance(r, 0.3) ? MEMO_INVOICE : MEMO_SUPPLIER,
			     0);
	}
	/* Contractors and consultants paid by wire. */
	if (syn_chance(r, 0.02))
		emit(c, 9, 17, b, pick(r, &w->persons), syn_lognormal_cents(r, 3000, 0.8), CEN_CH_WIRE,
		     syn_chance(r, 0.5) ? MEMO_CONSULTING : MEMO_INVOICE, 0);
	if (syn_chance(r, 0.015)) {
		uint32_t s = syn_chance(r, 0.5) ? pick(r, &w->ext_foreign) : pick(r, &w->ext_mx_biz);
		emit(c, 9, 17, b, s, syn_lognormal_cents(r, 15000, 0.8), CEN_CH_WIRE, MEMO_INVOICE,
		     0);
	}
	if ((a->flags & SF_VIAHUB) && a->link != SYN_NONE && a->pay > 0 &&
	    payday(c, b))
		emit(c, 5, 6, b, a->link, a->pay, CEN_CH_ACH, MEMO_PAYROLL_FUNDING, 0);
	if (a->landlord != SYN_NONE && c->mday == a->rent_day)
		emit(c, 8, 17, b, a->landlord, a->rent, CEN_CH_ACH, MEMO_RENT, 0);
}

static void msb_day(day_ctx *c, uint32_t m, uint32_t k)
{
	const syn_world *w = c->w;
	const syn_acct *a = &w->a[m];
	syn_rng *r = &c->r;
	if (c->wd == 0)
		return;
	int border = syn_zips[a->zip].border;
	int n = syn_poisson(r, 8.0 * c->act);
	int64_t sum = 0;
	for (int j = 0; j < n; j++) {
		int64_t amt = syn_lognormal_cents(r, border ? 300 : 400, 0.6);
		/* Border customers stay below the GTO's $1,000 almost always. */
		if (border && amt > 95000 && syn_chance(r, 0.95))
			amt = syn_range(r, 20000, 95000);
		if (amt > 300000)
			amt = 300000;
		emit(c, 9, 19, pick(r, &w->persons), m, amt, CEN_CH_CASH, MEMO_REMIT,
		     (uint16_t)(a->zip + 1));
		sum += amt;
	}
	/* The walk-in payments above are the MSB's cash in (its own deposit of
	 * that cash at its bank is not written again, or the cash would count
	 * twice); in the evening it wires 97% to its correspondent in Mexico. */
	if (sum > 0 && w->ext_mx_biz.n)
		emit(c, 20, 21, m, w->ext_mx_biz.v[k % w->ext_mx_biz.n], sum * 97 / 100, CEN_CH_WIRE,
		     MEMO_REMIT, 0);
}

static void hub_day(day_ctx *c, uint32_t h)
{
	const syn_world *w = c->w;
	const syn_acct *a = &w->a[h];
	syn_rng *r = &c->r;
	if (a->kind == SK_HUB_MARKET && c->wd == 1 && w->biz.n) {
		uint32_t k = 30 + (uint32_t)syn_below(r, 60);
		for (uint32_t j = 0; j < k; j++) {
			uint32_t s = w->biz.v[((uint64_t)h * 7919 + (uint64_t)j * 104729) % w->biz.n];
			emit(c, 3, 6, h, s, syn_lognormal_cents(r, 1800, 0.8), CEN_CH_ACH, MEMO_PAYOUT,
			     0);
		}
	} else if (a->kind == SK_HUB_UTILITY && c->wd == 2 && w->biz.n) {
		uint32_t s = w->biz.v[((uint64_t)h * 7919) % w->biz.n];
		emit(c, 10, 12, h, s, syn_lognormal_cents(r, 60000, 0.3), CEN_CH_WIRE, MEMO_SUPPLIER,
		     0);
	}
}

int syn_background_day(const syn_world *w, uint32_t d, syn_evbuf *out)
{
	day_ctx c;
	memset(&c, 0, sizeof c);
	c.w = w;
	syn_rng_seed(&c.r, w->o->seed, 1000 + (uint64_t)d);
	c.out = out;
	c.d = d;
	c.base = (w->day0 + d) * 86400;
	c.wd = syn_weekday(w, d);
	c.mday = syn_mday(w, d);
	c.act = w->o->activity;
	for (uint32_t k = 0; k < 4; k++)
		c.payday[k] = (uint8_t)syn_is_payday_schedule(w, (uint8_t)(k * SF_SEMIMONTHLY), d);
	for (uint32_t i = 0; i < w->persons.n && !c.rc; i++)
		person_day(&c, w->persons.v[i]);
	for (uint32_t i = 0; i < w->seconds.n && !c.rc; i++) {
		uint32_t s = w->seconds.v[i];
		if (syn_chance(&c.r, 0.05))
			emit(&c, 7, 23, w->a[s].link, s, syn_lognormal_cents(&c.r, 300, 1.0),
			     CEN_CH_ACH, MEMO_TRANSFER, 0);
	}
	for (uint32_t i = 0; i < w->biz.n && !c.rc; i++)
		business_day(&c, w->biz.v[i]);
	for (uint32_t i = 0; i < w->msb.n && !c.rc; i++)
		msb_day(&c, w->msb.v[i], i);
	for (uint32_t i = 0; i < w->market.n && !c.rc; i++)
		hub_day(&c, w->market.v[i]);
	for (uint32_t i = 0; i < w->utility.n && !c.rc; i++)
		hub_day(&c, w->utility.v[i]);
	return c.rc;
}

double syn_background_estimate(const syn_world *w)
{
	double act = w->o->activity;
	return w->persons.n * (0.85 * act + 0.2) + w->biz.n * 0.6 + w->msb.n * 8.0 * act;
}
