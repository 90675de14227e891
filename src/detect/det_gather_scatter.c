/* det_gather_scatter.c - the `gather_scatter` detector: an account collects
 * from several senders and then disperses to several recipients
 * ({s1..sk} -> m -> {d1..dj}) within the window, passing most of it on.
 *
 * An outgoing edge of m that is new for the pair, when m has between
 * min_side and max_counterparties senders and recipients (O(1) from the
 * graph's counts), queues m for a decision decide_after seconds later (so
 * the scatter can finish and a hub can show itself as one; each account is
 * examined at most once per delay). Then the window's edges of m decide: the money
 * must come in before it goes out (the amount-weighted mean time of the
 * incoming edges precedes that of the outgoing ones by at least min_lag
 * times the window, so everyday spending does not blur it) and most of it
 * must leave (outgoing / incoming between
 * min_passed and 1 + tolerance). Hubs (accounts file) are skipped; one alert
 * per account per cooldown.
 *
 * An account with a business's everyday traffic blurs those whole-window
 * sums, so first the decision looks for the episode itself: a split time T
 * (one of m's outgoing transfers of at least min_amount) with at least
 * min_side distinct senders of min_amount or more in the `episode` seconds
 * before T and at least min_side distinct recipients of min_amount or more
 * from T on (within `episode`), the recipients passing on min_passed to 1.05
 * of what the senders brought. Failing that, the whole-window test above
 * decides. Either way only transfers of min_amount or more with accounts
 * that are not hubs count (a person's gifts and bills make no pattern; a
 * business funding its payroll processor pays an expense, not a
 * recipient), and the alert lists exactly the transfers counted.
 *
 * What must hold: O(1) per edge; a decision tries at most GS_MAX split
 * times, each scanning at most 4 x GS_MAX entries of each ring (reading
 * the counterparty's vertex of those of min_amount, to leave hubs out).
 */
#include <stdio.h>

#include "detect/det_util.h"
#include "core/banned.h"

#define GS_MAX 64

typedef struct gs_det {
	cen__det base;
	int64_t window, cooldown;
	uint32_t min_side, max_cp;
	double min_passed, min_before; /* min_before: rules key min_lag, in windows */
	int64_t decide_after;
	int64_t episode;      /* seconds on each side of the split */
	int64_t min_amount;   /* cents: transfers an episode counts */
	cen__vtimes last;
	cen__dueq q;
} gs_det;

static const cen_rules_key keys[] = {
	{"window", CEN_RULES_NUMBER},   {"cooldown", CEN_RULES_NUMBER},
	{"min_side", CEN_RULES_INT},    {"max_counterparties", CEN_RULES_INT},
	{"min_passed", CEN_RULES_NUMBER}, {"min_lag", CEN_RULES_NUMBER},
	{"decide_after", CEN_RULES_NUMBER}, {"episode", CEN_RULES_NUMBER},
	{"min_amount", CEN_RULES_NUMBER},
};

static int init(cen__det *d, const cen_rules *r, char *err, size_t errlen)
{
	gs_det *s = (gs_det *)d;
	const char *t = d->ops->name;
	s->window = (int64_t)cen_rules_get_double(r, t, "window", 3 * 86400.0);
	s->cooldown = (int64_t)cen_rules_get_double(r, t, "cooldown", (double)s->window);
	int64_t ms = cen_rules_get_int(r, t, "min_side", 3);
	int64_t mx = cen_rules_get_int(r, t, "max_counterparties", 30);
	s->min_passed = cen_rules_get_double(r, t, "min_passed", 0.7);
	s->min_before = cen_rules_get_double(r, t, "min_lag", 0.15);
	s->decide_after = (int64_t)cen_rules_get_double(r, t, "decide_after", 12 * 3600.0);
	s->episode = (int64_t)cen_rules_get_double(r, t, "episode", 36 * 3600.0);
	double min_amount = cen_rules_get_double(r, t, "min_amount", 2000.0);
	s->min_amount = (int64_t)(min_amount * 100.0 + 0.5);
	if (s->window <= 0 || s->decide_after < 0 || s->decide_after > s->window || ms < 2 || mx < ms || mx > GS_MAX ||
	    s->episode <= 0 || s->episode > s->window || min_amount < 0) {
		snprintf(err, errlen, "window must be > 0, 0 <= decide_after <= window, 2 <= min_side <= "
			 "max_counterparties <= %d, 0 < episode <= window, min_amount >= 0", GS_MAX);
		return CEN_EINVAL;
	}
	s->min_side = (uint32_t)ms;
	s->max_cp = (uint32_t)mx;
	d->window = s->window;
	return 0;
}

static void release(cen__det *d)
{
	cen__vtimes_release(&((gs_det *)d)->last);
	cen__dueq_release(&((gs_det *)d)->q);
}

/* An edge to a new recipient of m's passed the gate of on_edge: queues
 * m's decision. Out of line, so the gate that turns most edges away saves
 * and restores no registers for it. */
static __attribute__((noinline)) int new_recipient(gs_det *gs, uint32_t m)
{
	cen__det *d = &gs->base;
	cen__engine *e = d->eng;
	const cen__graph *g = &e->g;
	if (cen__is_hub(g, m))
		return 0;
	int64_t lastt = cen__vtimes_get(&gs->last, m);
	if (lastt != INT64_MIN && e->clock - lastt < gs->cooldown) {
		cen__det_suppressed(d);
		return 0;
	}
	int64_t due = e->clock + gs->decide_after;
	cen__det_due(d, due);
	return cen__dueq_push(&gs->q, m, due);
}

static int on_edge(cen__det *d, const cen__edge_ctx *x)
{
	gs_det *gs = (gs_det *)d;
	const cen__edge *oe = x->e;
	const cen__vertex *mv = x->vs;
	assert(x->src != x->dst); /* skip_self */
	/* Many senders are allowed here: a shop's card takings can hide an
	 * episode, which decide() looks for among the large transfers. */
	if (mv->fan_in < gs->min_side || mv->fan_out < gs->min_side ||
	    mv->fan_out > gs->max_cp ||
	    (mv->fan_in > gs->max_cp && x->amount < gs->min_amount) ||
	    !(oe->flags & CEN__EDGE_NEW_PAIR))
		return 0;
	return new_recipient(gs, x->src);
}

/* Whether ring entry x of m's belongs to a side of the pattern between lo
 * and hi: a transfer of at least min cents with another account that is
 * not a hub (paying a payroll processor or a utility is an expense, being
 * paid by one is income: neither is money gathered or dispersed). Reads
 * the counterparty's vertex: only when a candidate is decided. */
static int on_side(const cen__graph *g, const cen__adj *x, uint32_t m, int64_t lo, int64_t hi,
		   int64_t min)
{
	int64_t ts = cen__adj_ts(g, x);
	return ts >= lo && ts <= hi && x->other != m && cen__adj_amount(g, x) >= min &&
	       !cen__is_hub(g, x->other);
}

/* One side of the pattern: the distinct counterparties (at most GS_MAX),
 * the total in dollars and the amount-weighted time (seconds after lo). */
typedef struct side {
	double total, tsum;
	size_t n;
	uint32_t cp[GS_MAX];
} side;

/* The side of m's ring r between lo and hi (entries that are on_side),
 * scanning at most 4 x GS_MAX entries newest first. */
static void side_of(const cen__graph *g, const cen__ring *r, uint32_t m, int64_t lo, int64_t hi,
		    int64_t min, side *s)
{
	s->n = 0;
	s->total = s->tsum = 0;
	cen__ring_rev it = cen__ring_rev_from(r, r->len);
	for (uint32_t i = r->len, seen = 0; i-- > 0 && seen < 4 * GS_MAX; seen++) {
		const cen__adj *x = cen__ring_rev_next(&it);
		if (cen__adj_ts(g, x) < lo)
			break;
		if (!on_side(g, x, m, lo, hi, min))
			continue;
		double a = cen__dollars(cen__adj_amount(g, x));
		s->total += a;
		s->tsum += (double)(cen__adj_ts(g, x) - lo) * a;
		size_t j = 0;
		while (j < s->n && s->cp[j] != x->other)
			j++;
		if (j == s->n && s->n < GS_MAX)
			s->cp[s->n++] = x->other;
	}
}

/* Adds to b the entries of m's ring r that side_of counted. */
static void alert_side(cen__alert_b *b, const cen__graph *g, const cen__ring *r, uint32_t m,
		       int64_t lo, int64_t hi, int64_t min)
{
	for (uint32_t i = r->len, seen = 0; i-- > 0 && seen < 4 * GS_MAX; seen++) {
		const cen__adj *x = cen__ring_adj(r, i);
		if (cen__adj_ts(g, x) < lo)
			break;
		if (on_side(g, x, m, lo, hi, min))
			cen__alert_edge(b, cen__adj_seq(g, x));
	}
}

typedef struct episode {
	int64_t split;
	side in, out;
} episode;

/* The gather-then-scatter episode of m (see the header), or 0. */
static int find_episode(const gs_det *gs, const cen__graph *g, uint32_t m, int64_t tmin,
			episode *ep)
{
	const cen__vertex *mv = &g->v[m];
	const cen__ring *ro = &mv->out;
	int64_t last = INT64_MIN;
	for (uint32_t i = 0, tried = 0; i < ro->len && tried < GS_MAX; i++) {
		const cen__adj *x = cen__ring_adj(ro, i);
		int64_t ts = cen__adj_ts(g, x);
		if (ts < tmin + gs->episode || cen__adj_amount(g, x) < gs->min_amount || ts == last)
			continue;
		last = ts;
		tried++;
		ep->split = ts;
		side_of(g, ro, m, ts, ts + gs->episode, gs->min_amount, &ep->out);
		if (ep->out.n < gs->min_side)
			continue;
		side_of(g, &mv->in, m, ts - gs->episode, ts - 1, gs->min_amount, &ep->in);
		if (ep->in.n < gs->min_side || ep->in.total <= 0)
			continue;
		double passed = ep->out.total / ep->in.total;
		if (passed >= gs->min_passed && passed <= 1.05)
			return 1;
	}
	return 0;
}

/* The alert of m's pattern: its sides in and out, their transfers between
 * [in_lo, in_hi] and [out_lo, out_hi]; episode_seconds > 0 for an episode. */
static int alert_pattern(gs_det *gs, uint32_t m, const side *in, const side *out,
			 int64_t in_lo, int64_t in_hi, int64_t out_lo, int64_t out_hi,
			 int64_t episode_seconds)
{
	cen__det *d = &gs->base;
	const cen__graph *g = &d->eng->g;
	const cen__vertex *mv = &g->v[m];
	double passed = out->total / in->total;
	double score = 0.6 + 0.4 * (passed > 1 ? 1 : (passed - gs->min_passed) /
					      (1 - gs->min_passed + 1e-9));
	cen__alert_b *b = cen__alert_begin(d, score);
	cen__alert_account(b, m);
	for (size_t i = 0; i < in->n; i++)
		cen__alert_account(b, in->cp[i]);
	for (size_t i = 0; i < out->n; i++)
		cen__alert_account(b, out->cp[i]);
	alert_side(b, g, &mv->in, m, in_lo, in_hi, gs->min_amount);
	alert_side(b, g, &mv->out, m, out_lo, out_hi, gs->min_amount);
	char m1[48], m2[48], dur[48];
	cen__fmt_money(m1, sizeof m1, in->total);
	cen__fmt_money(m2, sizeof m2, out->total);
	if (episode_seconds > 0) {
		cen__duration(dur, sizeof dur, episode_seconds);
		cen__alert_explain(b, "%s gathered %s from %zu senders in the %s before it "
				   "dispersed %s (%.0f%%) to %zu recipients.", cen__graph_vname(g, m),
				   m1, in->n, dur, m2, 100 * passed, out->n);
	} else {
		cen__alert_explain(b, "%s gathered %s from %zu senders and then dispersed %s "
				   "(%.0f%%) to %zu recipients.", cen__graph_vname(g, m), m1, in->n,
				   m2, 100 * passed, out->n);
	}
	cen_buf *ev = cen__alert_evidence(b);
	if (cen__alert_printf(ev, "\"senders\":%zu,\"recipients\":%zu,\"gathered\":%.2f,"
			   "\"dispersed\":%.2f", in->n, out->n, in->total, out->total) ||
	    (episode_seconds > 0 &&
	     cen__alert_printf(ev, ",\"episode_seconds\":%lld", (long long)episode_seconds)))
		return CEN_ENOMEM;
	return cen__alert_emit(b);
}

static int decide(gs_det *gs, uint32_t m)
{
	cen__det *d = &gs->base;
	cen__engine *e = d->eng;
	const cen__graph *g = &e->g;
	const cen__vertex *mv = &g->v[m];
	if (mv->fan_out > gs->max_cp)
		return 0;
	int64_t tmin = e->clock - gs->window;
	episode ep;
	if (find_episode(gs, g, m, tmin, &ep)) {
		if (cen__vtimes_set(&gs->last, m, e->clock))
			return CEN_ENOMEM;
		return alert_pattern(gs, m, &ep.in, &ep.out, ep.split - gs->episode, ep.split - 1,
				     ep.split, ep.split + gs->episode, gs->episode);
	}
	if (mv->fan_in > gs->max_cp)
		return 0;
	/* The whole window, counting the transfers of min_amount or more with
	 * accounts that are not hubs, as an episode does. */
	side in, out;
	side_of(g, &mv->in, m, tmin, e->clock, gs->min_amount, &in);
	side_of(g, &mv->out, m, tmin, e->clock, gs->min_amount, &out);
	if (in.n < gs->min_side || out.n < gs->min_side || in.total <= 0 || out.total <= 0)
		return 0;
	double passed = out.total / in.total;
	double lag = out.tsum / out.total - in.tsum / in.total;
	if (passed < gs->min_passed || passed > 1.05 ||
	    lag < gs->min_before * (double)gs->window)
		return 0;
	if (cen__vtimes_set(&gs->last, m, e->clock))
		return CEN_ENOMEM;
	return alert_pattern(gs, m, &in, &out, tmin, e->clock, tmin, e->clock, 0);
}

/* decide() as the queue hands it out (the due time is not needed). */
static int decide_due(cen__det *d, uint32_t m, int64_t due)
{
	(void)due;
	return decide((gs_det *)d, m);
}

static int on_advance(cen__det *d, int64_t clock)
{
	return cen__dueq_advance(&((gs_det *)d)->q, d, clock, 0, decide_due);
}

static int flush(cen__det *d)
{
	return cen__dueq_advance(&((gs_det *)d)->q, d, 0, 1, decide_due);
}

const cen__det_ops cen__det_gather_scatter = {
	.name = "gather_scatter",
	.size = sizeof(gs_det),
	.init = init,
	.on_edge = on_edge,
	.on_advance = on_advance,
	.flush = flush,
	.release = release,
	.keys = keys,
	.nkeys = sizeof keys / sizeof keys[0],
	.skip_self = true,
};
