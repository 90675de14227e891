/* plant.c - planted laundering attempts, one generator per typology
 * (docs/synth.md, "Planted typologies", lists every parameter).
 *
 * What must hold: every planted event belongs to exactly one attempt and
 * lies inside the simulated window; hops of a flow are strictly later than
 * the hop that funded them; the accounts recorded as taking part in an
 * attempt each appear in at least one of its events; the number of attempts
 * per typology follows from the laundering share of the expected background
 * volume, at least two of each. Laundering accounts are ordinary customers
 * (with their own everyday activity), never hubs, MSBs or foreign banks.
 */
#include <stdlib.h>
#include <string.h>

#include "synth/synth_int.h"

#include "core/banned.h"

enum {
	TY_CTR = 0, TY_STRUCTURING, TY_GTO, TY_FUNNEL, TY_PASS_THROUGH, TY_FAN_IN, TY_FAN_OUT,
	TY_SCATTER_GATHER, TY_GATHER_SCATTER, TY_BIPARTITE, TY_STACK, TY_CYCLE, TY_BLOCKED,
};

static const char *const typology_names[CEN_SYNTH_NTYPOLOGIES] = {
	"ctr", "structuring", "gto", "funnel", "pass_through", "fan_in", "fan_out",
	"scatter_gather", "gather_scatter", "bipartite", "stack", "cycle", "blocked_counterparty",
};
/* Mean transactions per attempt, for turning a budget into attempts. */
static const double typology_len[CEN_SYNTH_NTYPOLOGIES] = {
	3, 5.5, 6.5, 10, 2.3, 10, 10, 11, 12, 10, 12, 5, 2.5,
};

const char *cen_synth_typology_name(int i)
{
	return i >= 0 && i < CEN_SYNTH_NTYPOLOGIES ? typology_names[i] : NULL;
}

#define HOUR 3600
#define DAY 86400

typedef struct plant_ctx {
	syn_plan *p;
	syn_world *w;
	syn_rng r;
	uint32_t att;   /* current attempt index + 1 */
	int64_t t_begin, t_end;
	uint32_t days;
	double scale;   /* < 1 when the window is shorter than the pattern */
	int rc;
} plant_ctx;

static void begin(plant_ctx *c, int typology)
{
	syn_plan *p = c->p;
	if (c->rc)
		return;
	if (p->natt == p->attcap) {
		uint32_t nc = p->attcap ? p->attcap * 2 : 64;
		uint8_t *nt = cen_realloc(p->typology, nc);
		if (!nt) {
			c->rc = CEN_ENOMEM;
			return;
		}
		p->typology = nt;
		p->attcap = nc;
	}
	p->typology[p->natt++] = (uint8_t)typology;
	c->att = p->natt;
}

static void part(plant_ctx *c, uint32_t acct)
{
	syn_plan *p = c->p;
	if (c->rc)
		return;
	for (size_t k = p->nparts; k > 0 && p->parts[k - 1].attempt == c->att - 1; k--)
		if (p->parts[k - 1].acct == acct)
			return;
	if (p->nparts == p->partcap) {
		size_t nc = p->partcap ? p->partcap * 2 : 256;
		syn_part *np = cen_realloc(p->parts, nc * sizeof *np);
		if (!np) {
			c->rc = CEN_ENOMEM;
			return;
		}
		p->parts = np;
		p->partcap = nc;
	}
	p->parts[p->nparts].attempt = c->att - 1;
	p->parts[p->nparts].acct = acct;
	p->nparts++;
}

/* One planted transaction; amount in minor units of currency cur. */
static void ev_cur(plant_ctx *c, int64_t ts, uint32_t orig, uint32_t bene, int64_t amount,
		   uint8_t cur, cen_channel ch, uint8_t memo, uint16_t zip1)
{
	if (c->rc)
		return;
	if (ts < c->t_begin)
		ts = c->t_begin;
	if (ts >= c->t_end)
		ts = c->t_end - 1;
	syn_ev e;
	e.ts = ts;
	e.amount = amount;
	e.orig = orig;
	e.bene = bene;
	e.attempt = c->att;
	e.channel = (uint8_t)ch;
	e.cur = cur;
	e.cur_recv = syn_acct_currency(c->w, bene);
	e.memo = memo;
	e.loc = zip1;
	c->rc = syn_ev_push(&c->p->ev, &e);
}

static void ev(plant_ctx *c, int64_t ts, uint32_t orig, uint32_t bene, int64_t usd_cents,
	       cen_channel ch, uint8_t memo)
{
	ev_cur(c, ts, orig, bene, usd_cents, CUR_USD, ch, memo, 0);
}

static void cash(plant_ctx *c, int64_t ts, uint32_t by, uint32_t to, int64_t usd_cents,
		 uint16_t zip, uint8_t memo)
{
	ev_cur(c, ts, by, to, usd_cents, CUR_USD, CEN_CH_CASH, memo, (uint16_t)(zip + 1));
}

/* An unused ordinary customer: a person, or a business with share biz. */
static uint32_t mule(plant_ctx *c, double biz)
{
	syn_world *w = c->w;
	const syn_list *l = syn_chance(&c->r, biz) && w->biz.n ? &w->biz : &w->persons;
	uint32_t a = l->v[syn_below(&c->r, l->n)];
	for (int tries = 0; tries < 64 && (w->a[a].flags & SF_USED); tries++)
		a = l->v[syn_below(&c->r, l->n)];
	w->a[a].flags |= SF_USED;
	return a;
}

static uint32_t pick(plant_ctx *c, const syn_list *l)
{
	return l->v[syn_below(&c->r, l->n)];
}

/* Dollars in [lo, hi], as cents; 30% of the time rounded to $100 (cash
 * couriers and shell invoices like round numbers). */
static int64_t dollars(plant_ctx *c, int64_t lo, int64_t hi)
{
	int64_t v = syn_range(&c->r, lo * 100, hi * 100);
	if (syn_chance(&c->r, 0.3)) {
		v = v / 10000 * 10000;
		if (v < lo * 100)
			v = lo * 100;
	}
	return v;
}

/* Planted flows move in working hours (08:00-20:00) like the background's
 * transfers, so the time of day gives nothing away: offsets are counted in
 * working seconds and mapped back to wall-clock time. */
#define WORK_START (8 * HOUR)
#define WORK_LEN (12 * HOUR)

static int64_t to_work(const plant_ctx *c, int64_t t)
{
	int64_t rel = t - c->t_begin, d = rel / DAY, s = rel % DAY - WORK_START;
	s = s < 0 ? 0 : s > WORK_LEN ? WORK_LEN : s;
	return d * WORK_LEN + s;
}

static int64_t from_work(const plant_ctx *c, int64_t w)
{
	return c->t_begin + w / WORK_LEN * DAY + WORK_START + w % WORK_LEN;
}

/* Start of a pattern lasting span working seconds; sets the compression
 * scale when the window is shorter than the pattern. */
static int64_t when(plant_ctx *c, int64_t span)
{
	int64_t w = (int64_t)c->days * WORK_LEN - HOUR;
	c->scale = span > w ? (double)w / (double)span : 1.0;
	int64_t eff = (int64_t)((double)span * c->scale);
	return from_work(c, (int64_t)syn_below(&c->r, (uint64_t)(w - eff > 1 ? w - eff : 1)));
}

/* off working seconds after t. */
static int64_t at(plant_ctx *c, int64_t t, int64_t off)
{
	return from_work(c, to_work(c, t) + (int64_t)((double)off * c->scale));
}

/* The first day from d on that is not a Sunday (branches closed) or, with
 * weekdays_only, not a Saturday either (a Saturday deposit rolls into
 * Monday's business day); else the last day of the window. */
static uint32_t open_day(plant_ctx *c, uint32_t d, int weekdays_only)
{
	for (; d + 1 < c->days; d++) {
		int wd = syn_weekday(c->w, d);
		if (wd != 0 && (!weekdays_only || wd != 6))
			break;
	}
	return d < c->days ? d : c->days - 1;
}

static int64_t day_at(plant_ctx *c, uint32_t d, int h0, int h1)
{
	return c->t_begin + (int64_t)d * DAY + h0 * HOUR +
	       (int64_t)syn_below(&c->r, (uint64_t)(h1 - h0) * HOUR);
}

static uint16_t other_zip(plant_ctx *c, uint16_t not_this)
{
	uint16_t z;
	do
		z = (uint16_t)(18 + syn_below(&c->r, syn_nzips - 18));
	while (z == not_this);
	return z;
}

/* Another branch in the same state (or the same ZIP if none). */
static uint16_t near_zip(plant_ctx *c, uint16_t z)
{
	uint16_t cand[64], n = 0;
	for (uint16_t k = 0; k < syn_nzips && n < 64; k++)
		if (!strcmp(syn_zips[k].state, syn_zips[z].state))
			cand[n++] = k;
	return n ? cand[syn_below(&c->r, n)] : z;
}

static int cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

/* ctr: 2-4 cash deposits on one business day, each under $10,000, together
 * $10,500-$19,000, at branches in the home state. */
static void plant_ctr(plant_ctx *c)
{
	begin(c, TY_CTR);
	uint32_t m = mule(c, 0.3);
	uint32_t d = (uint32_t)syn_below(&c->r, c->days), tries = 0;
	while (tries++ < 14 && (syn_weekday(c->w, d) == 0 || syn_weekday(c->w, d) == 6))
		d = (d + 1) % c->days;
	int64_t total = dollars(c, 10500, 19000);
	int k = (int)(total / 700000) + 1 + (int)syn_below(&c->r, 2);
	int64_t ts[4], left = total;
	for (int i = 0; i < k; i++)
		ts[i] = day_at(c, d, 9, 17);
	qsort(ts, (size_t)k, sizeof ts[0], cmp_i64);
	uint16_t zip = c->w->a[m].zip;
	for (int i = 0; i < k; i++) {
		int64_t amt = i == k - 1 ? left
					 : (int64_t)((double)total / k * (0.85 + 0.3 * syn_unif(&c->r)));
		left -= amt;
		cash(c, ts[i], m, m, amt, i == 0 ? zip : near_zip(c, zip), MEMO_DEPOSIT);
	}
	part(c, m);
}

/* structuring: 3-8 deposits of $8,000-$9,900, at most one a day, over
 * consecutive open days, at branches in the home state and, for a party
 * with two accounts, at two banks. */
static void plant_structuring(plant_ctx *c)
{
	begin(c, TY_STRUCTURING);
	syn_world *w = c->w;
	uint32_t acc[2];
	int na = 1;
	if (w->seconds.n && syn_chance(&c->r, 0.6)) {
		acc[1] = pick(c, &w->seconds);
		acc[0] = w->a[acc[1]].link;
		na = 2;
		w->a[acc[0]].flags |= SF_USED;
		w->a[acc[1]].flags |= SF_USED;
	} else {
		acc[0] = mule(c, 0.0);
	}
	int n = (int)syn_range(&c->r, 3, 8);
	uint32_t d = (uint32_t)syn_below(&c->r, c->days > (uint32_t)n ? c->days - (uint32_t)n + 1 : 1);
	uint32_t last = UINT32_MAX;
	for (int i = 0; i < n; i++) {
		d = open_day(c, d, 1);
		if (d == last)
			break; /* out of days */
		uint32_t a = acc[syn_below(&c->r, (uint64_t)na)];
		cash(c, day_at(c, d, 9, 17), a, a, dollars(c, 8000, 9900),
		     i % 2 ? near_zip(c, w->a[a].zip) : w->a[a].zip, MEMO_DEPOSIT);
		part(c, a);
		last = d;
		d += 1 + (uint32_t)(syn_chance(&c->r, 0.3));
	}
}

/* gto: 1-3 couriers each pay $1,100-$4,800 in cash 2-4 times over up to
 * three days at one or two money services businesses in border ZIPs. */
static void plant_gto(plant_ctx *c)
{
	syn_world *w = c->w;
	if (!w->msb_border.n)
		return;
	begin(c, TY_GTO);
	uint32_t msbs[2] = {pick(c, &w->msb_border), pick(c, &w->msb_border)};
	int q = (int)syn_range(&c->r, 1, 3);
	uint32_t d0 = (uint32_t)syn_below(&c->r, c->days > 3 ? c->days - 2 : 1);
	for (int j = 0; j < q; j++) {
		uint32_t courier = mule(c, 0.0);
		int t = (int)syn_range(&c->r, 2, 4);
		for (int i = 0; i < t; i++) {
			uint32_t m = msbs[syn_below(&c->r, 2)];
			uint32_t d = open_day(c, d0 + (uint32_t)syn_below(&c->r, 3), 0);
			cash(c, day_at(c, d, 9, 19), courier, m, dollars(c, 1100, 4800), w->a[m].zip,
			     MEMO_REMIT);
		}
		part(c, courier);
	}
}

/* funnel: 6-12 cash deposits of $1,500-$8,500 into one account at as many
 * distinct, distant ZIPs over 1-3 days (09-14h), then within 0-2 days
 * (15-20h) one or two wires to Mexico of 85-95% of the total. */
static void plant_funnel(plant_ctx *c)
{
	begin(c, TY_FUNNEL);
	syn_world *w = c->w;
	uint32_t f = mule(c, 0.0);
	uint32_t payee = syn_chance(&c->r, 0.6) ? pick(c, &w->ext_mx_person) : pick(c, &w->ext_mx_biz);
	int k = (int)syn_range(&c->r, 6, 12);
	uint32_t span = (uint32_t)syn_range(&c->r, 1, 3);
	uint32_t d0 = (uint32_t)syn_below(&c->r, c->days > span + 2 ? c->days - span - 1 : 1);
	uint16_t used[12];
	int64_t sum = 0;
	uint32_t last = d0;
	for (int i = 0; i < k; i++) {
		uint16_t z;
		int fresh;
		do {
			z = other_zip(c, w->a[f].zip);
			fresh = 1;
			for (int j = 0; j < i; j++)
				fresh &= used[j] != z;
		} while (!fresh);
		used[i] = z;
		uint32_t d = open_day(c, d0 + (uint32_t)syn_below(&c->r, span), 0);
		if (d > last)
			last = d;
		int64_t amt = dollars(c, 1500, 8500);
		cash(c, day_at(c, d, 9, 14), f, f, amt, z, MEMO_DEPOSIT);
		sum += amt;
	}
	uint32_t dout = last + (uint32_t)syn_below(&c->r, 3);
	if (dout >= c->days)
		dout = c->days - 1;
	int64_t out = (int64_t)((double)sum * (0.85 + 0.1 * syn_unif(&c->r)));
	int nw = syn_chance(&c->r, 0.5) ? 2 : 1;
	for (int i = 0; i < nw; i++)
		ev(c, day_at(c, dout, 15, 20), f, payee, i == nw - 1 ? out - out / nw * (nw - 1) : out / nw,
		   CEN_CH_WIRE, MEMO_TRANSFER);
	part(c, f);
	part(c, payee);
}

/* pass_through: $15,000-$150,000 arrives and leaves again at 97-99.5% of
 * the amount 1-6 hours later; sometimes through a second account. */
static void plant_pass_through(plant_ctx *c)
{
	begin(c, TY_PASS_THROUGH);
	syn_world *w = c->w;
	uint32_t src = syn_chance(&c->r, 0.5) ? pick(c, &w->ext_foreign) : mule(c, 1.0);
	uint32_t mid = mule(c, 0.5);
	int hops = syn_chance(&c->r, 0.3) ? 2 : 1;
	int64_t t = when(c, 14 * HOUR), amt = dollars(c, 15000, 150000);
	ev(c, t, src, mid, amt, CEN_CH_WIRE, MEMO_INVOICE);
	part(c, src);
	part(c, mid);
	for (int h = 0; h < hops; h++) {
		uint32_t dst = h + 1 < hops ? mule(c, 0.5)
					    : (syn_chance(&c->r, 0.6) ? pick(c, &w->ext_mx_biz)
								       : pick(c, &w->ext_foreign));
		t = at(c, t, syn_range(&c->r, HOUR, 6 * HOUR));
		amt = (int64_t)((double)amt * (0.97 + 0.025 * syn_unif(&c->r)));
		ev(c, t, mid, dst, amt, CEN_CH_WIRE, MEMO_CONSULTING);
		part(c, dst);
		mid = dst;
	}
}

static cen_channel layering_channel(plant_ctx *c)
{
	return syn_chance(&c->r, 0.5) ? CEN_CH_WIRE : CEN_CH_ACH;
}

/* fan_in / fan_out: 6-14 counterparties, $1,000-$9,000 each, within 18
 * working hours. */
static void plant_fan(plant_ctx *c, int in)
{
	begin(c, in ? TY_FAN_IN : TY_FAN_OUT);
	uint32_t hub = mule(c, 0.4);
	int k = (int)syn_range(&c->r, 6, 14);
	int64_t t0 = when(c, 18 * HOUR);
	part(c, hub);
	for (int i = 0; i < k; i++) {
		uint32_t o = mule(c, 0.2);
		int64_t t = at(c, t0, (int64_t)syn_below(&c->r, 18 * HOUR));
		if (in)
			ev(c, t, o, hub, dollars(c, 1000, 9000), layering_channel(c), MEMO_TRANSFER);
		else
			ev(c, t, hub, o, dollars(c, 1000, 9000), layering_channel(c), MEMO_TRANSFER);
		part(c, o);
	}
}

/* scatter_gather: a source pays 3-8 intermediates within 6 working hours;
 * each passes 97-99.5% on to one sink 1-15 working hours after it was paid. */
static void plant_scatter_gather(plant_ctx *c)
{
	begin(c, TY_SCATTER_GATHER);
	uint32_t src = mule(c, 0.5), sink = mule(c, 0.5);
	int k = (int)syn_range(&c->r, 3, 8);
	int64_t t0 = when(c, 21 * HOUR);
	part(c, src);
	for (int i = 0; i < k; i++) {
		uint32_t mid = mule(c, 0.2);
		int64_t t = at(c, t0, (int64_t)syn_below(&c->r, 6 * HOUR));
		int64_t amt = dollars(c, 3000, 9500);
		ev(c, t, src, mid, amt, layering_channel(c), MEMO_TRANSFER);
		ev(c, at(c, t, syn_range(&c->r, HOUR, 15 * HOUR)), mid, sink,
		   (int64_t)((double)amt * (0.97 + 0.025 * syn_unif(&c->r))), layering_channel(c),
		   MEMO_TRANSFER);
		part(c, mid);
	}
	part(c, sink);
}

/* gather_scatter: 4-8 sources pay one account within 12 working hours;
 * from 13 to 24 working hours it pays 4-8 others about 95% of what came in. */
static void plant_gather_scatter(plant_ctx *c)
{
	begin(c, TY_GATHER_SCATTER);
	uint32_t hub = mule(c, 0.5);
	int k = (int)syn_range(&c->r, 4, 8), m = (int)syn_range(&c->r, 4, 8);
	int64_t t0 = when(c, 24 * HOUR), sum = 0;
	part(c, hub);
	for (int i = 0; i < k; i++) {
		uint32_t s = mule(c, 0.2);
		int64_t amt = dollars(c, 2000, 9500);
		ev(c, at(c, t0, (int64_t)syn_below(&c->r, 12 * HOUR)), s, hub, amt, layering_channel(c),
		   MEMO_TRANSFER);
		sum += amt;
		part(c, s);
	}
	int64_t each = sum * 95 / 100 / m;
	for (int i = 0; i < m; i++) {
		uint32_t d = mule(c, 0.2);
		ev(c, at(c, t0, 13 * HOUR + (int64_t)syn_below(&c->r, 11 * HOUR)), hub, d,
		   (int64_t)((double)each * (0.9 + 0.2 * syn_unif(&c->r))), layering_channel(c),
		   MEMO_TRANSFER);
		part(c, d);
	}
}

/* bipartite: 3-5 payers each pay 1-4 of 3-5 payees (every payee paid at
 * least once), $2,000-$9,500, within 24 working hours. */
static void plant_bipartite(plant_ctx *c)
{
	begin(c, TY_BIPARTITE);
	uint32_t A[5], B[5];
	int na = (int)syn_range(&c->r, 3, 5), nb = (int)syn_range(&c->r, 3, 5);
	for (int i = 0; i < na; i++)
		A[i] = mule(c, 0.3);
	for (int j = 0; j < nb; j++)
		B[j] = mule(c, 0.3);
	int64_t t0 = when(c, 24 * HOUR);
	for (int i = 0; i < na; i++) {
		for (int j = 0; j < nb; j++) {
			/* j == i % nb guarantees every payer and payee an edge. */
			if (j != i % nb && j != (i + na) % nb && !syn_chance(&c->r, 0.45))
				continue;
			ev(c, at(c, t0, (int64_t)syn_below(&c->r, 24 * HOUR)), A[i], B[j],
			   dollars(c, 2000, 9500), layering_channel(c), MEMO_INVOICE);
			part(c, A[i]);
			part(c, B[j]);
		}
	}
}

/* stack: three layers of 3-4 accounts; each of the first pays 1-2 of the
 * second within 12 working hours, each of the second passes 90-98% on to 1-2
 * of the third 15-27 working hours after the start. */
static void plant_stack(plant_ctx *c)
{
	begin(c, TY_STACK);
	uint32_t L[3][4];
	int n[3];
	int64_t got[4] = {0, 0, 0, 0};
	for (int l = 0; l < 3; l++) {
		n[l] = (int)syn_range(&c->r, 3, 4);
		for (int i = 0; i < n[l]; i++)
			L[l][i] = mule(c, 0.3);
	}
	int64_t t0 = when(c, 27 * HOUR);
	for (int i = 0; i < n[0]; i++) {
		int outs = (int)syn_range(&c->r, 1, 2);
		for (int k = 0; k < outs; k++) {
			int j = (i + k) % n[1];
			int64_t amt = dollars(c, 3000, 9500);
			ev(c, at(c, t0, (int64_t)syn_below(&c->r, 12 * HOUR)), L[0][i], L[1][j], amt,
			   layering_channel(c), MEMO_TRANSFER);
			got[j] += amt;
			part(c, L[0][i]);
			part(c, L[1][j]);
		}
	}
	for (int j = 0; j < n[1]; j++) {
		if (!got[j])
			continue;
		int outs = (int)syn_range(&c->r, 1, 2);
		for (int k = 0; k < outs; k++) {
			int m = (j + k) % n[2];
			ev(c, at(c, t0, 15 * HOUR + (int64_t)syn_below(&c->r, 12 * HOUR)), L[1][j], L[2][m],
			   (int64_t)((double)got[j] / outs * (0.9 + 0.08 * syn_unif(&c->r))),
			   layering_channel(c), MEMO_TRANSFER);
			part(c, L[2][m]);
		}
	}
}

/* cycle: 3-7 accounts; $5,000-$80,000 goes round, each hop 1-8 working
 * hours after the previous and 0.5-3% smaller, back to where it started. */
static void plant_cycle(plant_ctx *c)
{
	begin(c, TY_CYCLE);
	uint32_t acc[7];
	int k = (int)syn_range(&c->r, 3, 7);
	for (int i = 0; i < k; i++)
		acc[i] = mule(c, 0.4);
	int64_t t = when(c, (int64_t)k * 8 * HOUR), amt = dollars(c, 5000, 80000);
	for (int i = 0; i < k; i++) {
		ev(c, t, acc[i], acc[(i + 1) % k], amt, layering_channel(c), MEMO_INVOICE);
		part(c, acc[i]);
		t = at(c, t, syn_range(&c->r, HOUR, 8 * HOUR));
		amt = (int64_t)((double)amt * (0.97 + 0.025 * syn_unif(&c->r)));
	}
}

/* blocked_counterparty: 1-3 wires of $5,000-$60,000 within 36 working
 * hours to an account at CIBanco, Intercam or Vector or, in 30% of the
 * attempts, to a designated party (watchlist.csv) banking at an ordinary
 * Mexican bank; in 30% money also comes back (paid in pesos). */
static void plant_blocked(plant_ctx *c)
{
	begin(c, TY_BLOCKED);
	syn_world *w = c->w;
	uint32_t s = mule(c, 0.6);
	uint32_t b = syn_chance(&c->r, 0.3) && w->designated.n >= SYN_DESIGNATED_USED
			     ? w->designated.v[syn_below(&c->r, SYN_DESIGNATED_USED)]
			     : pick(c, &w->blocked);
	int k = (int)syn_range(&c->r, 1, 3);
	int64_t t0 = when(c, 36 * HOUR);
	for (int i = 0; i < k; i++)
		ev(c, at(c, t0, (int64_t)syn_below(&c->r, 36 * HOUR)), s, b, dollars(c, 5000, 60000),
		   CEN_CH_WIRE, syn_chance(&c->r, 0.5) ? MEMO_INVOICE : MEMO_CONSULTING);
	if (syn_chance(&c->r, 0.3))
		ev_cur(c, at(c, t0, (int64_t)syn_below(&c->r, 36 * HOUR)), b, s,
		       syn_convert(dollars(c, 3000, 40000), CUR_MXN), CUR_MXN, CEN_CH_WIRE,
		       MEMO_LOAN, 0);
	part(c, s);
	part(c, b);
}

int syn_plan_build(syn_plan *p, syn_world *w)
{
	memset(p, 0, sizeof *p);
	plant_ctx c;
	memset(&c, 0, sizeof c);
	c.p = p;
	c.w = w;
	c.days = w->o->days;
	c.t_begin = w->day0 * DAY;
	c.t_end = c.t_begin + (int64_t)c.days * DAY;
	c.scale = 1.0;
	syn_rng_seed(&c.r, w->o->seed, 2);
	double budget = syn_background_estimate(w) * c.days * w->o->laundering /
			CEN_SYNTH_NTYPOLOGIES;
	uint32_t count[CEN_SYNTH_NTYPOLOGIES], most = 0;
	for (int t = 0; t < CEN_SYNTH_NTYPOLOGIES; t++) {
		double n = budget / typology_len[t] + 0.5;
		count[t] = n < 2 ? 2 : (uint32_t)n;
		if (count[t] > most)
			most = count[t];
	}
	/* Interleave typologies so no typology owns a region of the population. */
	for (uint32_t round = 0; round < most && !c.rc; round++) {
		for (int t = 0; t < CEN_SYNTH_NTYPOLOGIES && !c.rc; t++) {
			if (round >= count[t])
				continue;
			switch (t) {
			case TY_CTR: plant_ctr(&c); break;
			case TY_STRUCTURING: plant_structuring(&c); break;
			case TY_GTO: plant_gto(&c); break;
			case TY_FUNNEL: plant_funnel(&c); break;
			case TY_PASS_THROUGH: plant_pass_through(&c); break;
			case TY_FAN_IN: plant_fan(&c, 1); break;
			case TY_FAN_OUT: plant_fan(&c, 0); break;
			case TY_SCATTER_GATHER: plant_scatter_gather(&c); break;
			case TY_GATHER_SCATTER: plant_gather_scatter(&c); break;
			case TY_BIPARTITE: plant_bipartite(&c); break;
			case TY_STACK: plant_stack(&c); break;
			case TY_CYCLE: plant_cycle(&c); break;
			default: plant_blocked(&c); break;
			}
		}
	}
	if (c.rc)
		syn_plan_release(p);
	return c.rc;
}

void syn_plan_release(syn_plan *p)
{
	cen_free(p->ev.v);
	cen_free(p->typology);
	cen_free(p->parts);
	memset(p, 0, sizeof *p);
}
