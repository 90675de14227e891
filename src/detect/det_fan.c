/* det_fan.c - fan_in / fan_out: one account receiving from (sending to)
 * many distinct counterparties within a window.
 *
 * Degree alone drowns the analyst in payroll processors, utilities and
 * marketplaces, which fan in and out all day. So:
 *   - the decision is deferred: when an account reaches min_counterparties
 *     (checked in O(1) from the graph's counts, only when a new
 *     counterparty appears) it is queued, and decided decide_after seconds
 *     later over the window then: a hub has by then gone past
 *     max_counterparties (a payroll run of hundreds lands in one batch; a
 *     utility keeps collecting), a laundering fan has not;
 *   - accounts marked as hubs in the accounts file are never candidates;
 *   - the fan must move sizeable sums (mean amount >= min_mean: rent and
 *     bills paid to one account are everyday life) in comparable
 *     amounts (coefficient of variation <= max_cv: a shop's takings range
 *     from coffee to furniture); a fan-out also needs min_round of its
 *     amounts in whole hundreds (payroll and payouts are computed to the
 *     cent); it is scored on amount similarity, on dedicated
 *     counterparties (share dealing with almost nobody else in the window)
 *     and on size.
 *   - fan_out: only transfers of at least min_amount make the fan: a mule
 *     that also spends on a card has small counterparties, which neither
 *     hide the fan nor join the alert (so an account past
 *     max_counterparties in all is still examined when a large transfer
 *     adds one). fan_in counts every transfer (min_amount 0): landlords
 *     and small firms collect $1,000+ payments from several payers a day,
 *     and their small ones are what tells them apart.
 *   - fan_in at a busy account (past max_counterparties in all: a shop's
 *     card takings): the fan is looked for among its transfers of
 *     busy_min_amount or more not made by card, the money a fan-in moves.
 *     A large non-card transfer from a new sender queues such an account
 *     (O(1): the edge's own amount and channel). It is judged like any
 *     other account on that view, decide_after after the view reached
 *     min_counterparties, unless more than max_counterparties payers paid
 *     it by transfer (not card, any amount) over busy_lookback: an account
 *     that many pay by transfer routinely (a landlord around rent day, a
 *     firm paid on invoice) is not told apart from a fan by one window of
 *     its larger receipts.
 * An account is alerted once per cooldown; growth of the same fan meanwhile
 * is counted as suppressed.
 *
 * What must hold: O(1) work per edge: the edge and the account's counts,
 * and the pair count only for an edge that may start a fan (into an account
 * between min_ and max_counterparties, or a large non-card one into a busy
 * account); decisions come out in due order (a busy account put back is
 * queued no earlier than the last); a decision scans at most 4 * FAN_MAX
 * ring entries per pass, or, for a busy account, its ring (at most
 * max_adjacency entries) per pass (a ring entry says whether it was paid
 * by card); at most four passes.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "detect/fan.h"
#include "core/banned.h"

#define FAN_MAX 256

const cen_rules_key cen__fan_keys[CEN__FAN_NKEYS] = {
	{"window", CEN_RULES_NUMBER},          {"cooldown", CEN_RULES_NUMBER},
	{"min_counterparties", CEN_RULES_INT}, {"max_counterparties", CEN_RULES_INT},
	{"max_cv", CEN_RULES_NUMBER},          {"dedicated_max", CEN_RULES_INT},
	{"min_mean", CEN_RULES_NUMBER},        {"decide_after", CEN_RULES_NUMBER},
	{"min_round", CEN_RULES_NUMBER},       {"min_amount", CEN_RULES_NUMBER},
	{"busy_min_amount", CEN_RULES_NUMBER}, {"busy_lookback", CEN_RULES_NUMBER},
};

int cen__fan_init(cen__det *d, const cen_rules *r, char *err, size_t errlen, int in)
{
	fan_det *f = (fan_det *)d;
	const char *t = d->ops->name;
	f->in = in;
	f->window = (int64_t)cen_rules_get_double(r, t, "window", 2 * 86400.0);
	f->decide_after = (int64_t)cen_rules_get_double(r, t, "decide_after", 12 * 3600.0);
	f->min_mean = cen_rules_get_double(r, t, "min_mean", 2000);
	/* Payroll and marketplace payouts are computed to the cent; money
	 * dispersed to mules mostly is not. fan_in has no such default: rent
	 * and invoices are round too. */
	f->min_round = cen_rules_get_double(r, t, "min_round", in ? 0.0 : 0.2);
	f->cooldown = (int64_t)cen_rules_get_double(r, t, "cooldown", (double)f->window);
	int64_t mn = cen_rules_get_int(r, t, "min_counterparties", 5);
	int64_t mx = cen_rules_get_int(r, t, "max_counterparties", 20);
	f->max_cv = cen_rules_get_double(r, t, "max_cv", 0.6);
	/* fan_in keeps every transfer: rent and invoices of $1,000 and more
	 * from several payers in a day are everyday life, and the small ones
	 * are what tells those accounts apart. */
	double min_amount = cen_rules_get_double(r, t, "min_amount", in ? 0.0 : 1000.0);
	f->min_amount = (int64_t)(min_amount * 100.0 + 0.5);
	/* fan_in: a business past max_counterparties (card takings, customers'
	 * small payments) is looked at for its large non-card transfers; fan_out
	 * has min_amount for that. */
	double busy_min = cen_rules_get_double(r, t, "busy_min_amount", in ? 1000.0 : 0.0);
	f->busy_min_amount = (int64_t)(busy_min * 100.0 + 0.5);
	f->busy_lookback = (int64_t)cen_rules_get_double(r, t, "busy_lookback", 7 * 86400.0);
	int64_t ded = cen_rules_get_int(r, t, "dedicated_max", 2);
	if (f->window <= 0 || f->decide_after < 0 || f->decide_after > f->window || mn < 2 || mx < mn || mx > FAN_MAX || ded < 1 || f->max_cv <= 0 ||
	    min_amount < 0 || busy_min < 0 || f->busy_lookback < f->window) {
		snprintf(err, errlen, "window must be > 0, 0 <= decide_after <= window, 2 <= min_counterparties <= "
			 "max_counterparties <= %d, dedicated_max >= 1, max_cv > 0, min_amount >= 0, "
			 "busy_min_amount >= 0, busy_lookback >= window", FAN_MAX);
		return CEN_EINVAL;
	}
	f->min_cp = (uint32_t)mn;
	f->max_cp = (uint32_t)mx;
	f->dedicated_max = (uint32_t)ded;
	/* The lookback is read only when the busy view is on. */
	d->window = f->busy_min_amount > f->min_amount ? f->busy_lookback : f->window;
	return 0;
}

void cen__fan_release(cen__det *d)
{
	fan_det *f = (fan_det *)d;
	cen__vtimes_release(&f->last);
	cen__dueq_release(&f->q);
}

static int decide(fan_det *f, uint32_t v, int final);

static int drain(fan_det *f, int64_t clock, int all)
{
	uint32_t v;
	while (cen__dueq_pop(&f->q, clock, all, &v)) {
		int rc = decide(f, v, all);
		if (rc)
			return rc;
	}
	return 0;
}

int cen__fan_on_advance(cen__det *d, int64_t clock)
{
	fan_det *f = (fan_det *)d;
	int rc = drain(f, clock, 0);
	d->next_advance = cen__dueq_next(&f->q);
	return rc;
}

int cen__fan_flush(cen__det *d)
{
	return drain((fan_det *)d, 0, 1);
}

/* Whether an edge into (out of) an account past max_cp may be part of a fan
 * among its large transfers (decide_busy). */
static int busy_fan_edge(const fan_det *f, const cen__edge *ed)
{
	return f->busy_min_amount > f->min_amount && ed->amount >= f->busy_min_amount &&
	       ed->channel != CEN_CH_CARD;
}

int cen__fan_on_edge(cen__det *d, uint64_t seq, const cen_txn *t)
{
	(void)t;
	fan_det *f = (fan_det *)d;
	cen__engine *e = d->eng;
	const cen__graph *g = &e->g;
	const cen__edge *ed = cen__graph_edge(g, seq);
	uint32_t v = f->in ? ed->dst : ed->src;
	const cen__vertex *vx = &g->v[v];
	uint32_t fan = f->in ? vx->fan_in : vx->fan_out;
	/* With no minimum every counterparty counts, and the graph's count says
	 * at once when the account has grown into a hub; only a large non-card
	 * transfer can then start a (busy) fan. Reads nothing beyond the edge. */
	if (fan < f->min_cp || ed->src == ed->dst || ed->amount < f->min_amount ||
	    (!f->min_amount && fan > f->max_cp && !busy_fan_edge(f, ed)))
		return 0;
	if (cen__graph_pair_count(g, ed->src, ed->dst) != 1)
		return 0; /* not a new counterparty */
	if (cen__is_hub(g, v))
		return 0;
	int64_t last = cen__vtimes_get(&f->last, v);
	if (last != INT64_MIN && e->clock - last < f->cooldown) {
		cen__det_suppressed(d);
		return 0;
	}
	int64_t due = e->clock + f->decide_after;
	cen__det_due(d, due);
	return cen__dueq_push(&f->q, v, due);
}

void cen__fan_prefetch(cen__det *d, const cen_txn *t, uint32_t src, uint32_t dst, int pass)
{
	(void)t;
	(void)pass; /* a flat array: both passes ask for the same */
	fan_det *f = (fan_det *)d;
	uint32_t v = f->in ? dst : src;
	cen__vtimes_prefetch(&f->last, v);
	cen__vtimes_prefetch(&f->q.pending, v);
}

/* Which of an account's transfers a decision looks at: those at or after
 * tmin of at least min_cents, never the account's own, and, with no_card,
 * none by card (a shop's takings are not transfers). */
typedef struct fan_view {
	int64_t tmin;
	int64_t min_cents;
	int no_card;
} fan_view;

static int in_view(const cen__graph *g, const cen__adj *x, uint32_t v, const fan_view *w)
{
	if (x->other == v || cen__adj_amount(g, x) < w->min_cents)
		return 0;
	return !w->no_card || !cen__adj_card(x);
}

/* Distinct counterparties of the view's transfers in ring, newest first,
 * at most max of them into out, looking at no more than scan_max entries.
 * first (may be NULL) gets the time of each one's oldest transfer seen;
 * exact unless max was reached. */
static size_t view_counterparties(const cen__graph *g, const cen__ring *ring, uint32_t v,
				  const fan_view *w, uint32_t *out, int64_t *first, size_t max,
				  size_t scan_max)
{
	size_t n = 0, scanned = 0;
	for (uint32_t i = ring->len; i-- > 0 && scanned < scan_max && n < max; scanned++) {
		const cen__adj *x = cen__ring_adj(ring, i);
		if (cen__adj_ts(g, x) < w->tmin)
			break;
		if (!in_view(g, x, v, w))
			continue;
		size_t j = 0;
		while (j < n && out[j] != x->other)
			j++;
		if (j == n)
			out[n++] = x->other;
		if (first)
			first[j] = cen__adj_ts(g, x);
	}
	return n;
}

/* When the k-th of n counterparties first appeared (their first times in
 * first): the time the view reached k counterparties. 1 <= k <= n. */
static int64_t reached_at(const int64_t *first, size_t n, size_t k)
{
	int64_t t[FAN_MAX + 1];
	memcpy(t, first, n * sizeof *t);
	for (size_t i = 0; i < k; i++) /* selection of the k smallest */
		for (size_t j = i + 1; j < n; j++)
			if (t[j] < t[i]) {
				int64_t s = t[i];
				t[i] = t[j];
				t[j] = s;
			}
	return t[k - 1];
}

/* Amount figures of the view's transfers in the window. */
typedef struct fan_amounts {
	double s1, s2;  /* sum and sum of squares, dollars */
	size_t n, nround;
	int64_t first;  /* time of the oldest */
} fan_amounts;

static void view_amounts(const cen__graph *g, const cen__ring *ring, uint32_t v,
			 const fan_view *w, fan_amounts *a)
{
	memset(a, 0, sizeof *a);
	a->first = INT64_MAX;
	for (uint32_t i = ring->len; i-- > 0 && a->n < 4 * FAN_MAX;) {
		const cen__adj *x = cen__ring_adj(ring, i);
		if (cen__adj_ts(g, x) < w->tmin)
			break;
		if (!in_view(g, x, v, w))
			continue;
		int64_t cents = cen__adj_amount(g, x);
		double d = cen__dollars(cents);
		a->nround += cents % 10000 == 0;
		a->s1 += d;
		a->s2 += d * d;
		a->n++;
		a->first = cen__adj_ts(g, x);
	}
}

static int emit(fan_det *f, uint32_t v, const fan_view *w, const uint32_t *cps, size_t ncp,
		size_t dedicated, const fan_amounts *a, double cv, double score)
{
	cen__det *d = &f->base;
	cen__engine *e = d->eng;
	const cen__graph *g = &e->g;
	const cen__ring *ring = f->in ? &g->v[v].in : &g->v[v].out;
	if (cen__vtimes_set(&f->last, v, e->clock))
		return CEN_ENOMEM;
	cen__alert_b *b = cen__alert_begin(d, score);
	cen__alert_account(b, v);
	for (size_t i = 0; i < ncp; i++)
		cen__alert_account(b, cps[i]);
	for (uint32_t i = ring->len; i-- > 0;) {
		const cen__adj *x = cen__ring_adj(ring, i);
		if (cen__adj_ts(g, x) < w->tmin)
			break;
		if (in_view(g, x, v, w))
			cen__alert_edge(b, cen__adj_seq(g, x));
	}
	char money[48], dur[48], floor_[48], only[160] = "";
	cen__fmt_money(money, sizeof money, a->s1);
	cen__duration(dur, sizeof dur, e->clock - a->first);
	if (w->no_card) {
		cen__fmt_money(floor_, sizeof floor_, cen__dollars(w->min_cents));
		snprintf(only, sizeof only, " (counting its transfers of %s or more not made by "
			 "card, among more than %u counterparties in all)", floor_, f->max_cp);
	}
	if (f->in)
		cen__alert_explain(b, "%s received %s from %zu distinct senders in %s%s, in "
				   "similar amounts (variation %.0f%%), %zu of them sending to "
				   "almost no one else.", cen__graph_vname(g, v), money, ncp, dur,
				   only, 100 * cv, dedicated);
	else
		cen__alert_explain(b, "%s sent %s to %zu distinct recipients in %s%s, in "
				   "similar amounts (variation %.0f%%), %zu of them receiving "
				   "from almost no one else.", cen__graph_vname(g, v), money, ncp,
				   dur, only, 100 * cv, dedicated);
	if (cen_buf_printf(cen__alert_evidence(b),
			   "\"counterparties\":%zu,\"dedicated\":%zu,\"transactions\":%zu,"
			   "\"total\":%.2f,\"amount_cv\":%.3f,\"round_amounts\":%zu,"
			   "\"seconds\":%lld%s",
			   ncp, dedicated, a->n, a->s1, cv, a->nround,
			   (long long)(e->clock - a->first), w->no_card ? ",\"busy\":true" : ""))
		return CEN_ENOMEM;
	return cen__alert_emit(b);
}

/* Alerts when the view's counterparties cps (ncp of them), whose transfers
 * add up to a, are a fan: enough and not too many, dealing in comparable
 * sizeable (and, with min_round, round) amounts. */
static int judge(fan_det *f, uint32_t v, const fan_view *w, const uint32_t *cps, size_t ncp,
		 const fan_amounts *a)
{
	const cen__graph *g = &f->base.eng->g;
	if (ncp < f->min_cp || ncp > f->max_cp)
		return 0; /* too few, or grown into a hub */
	size_t dedicated = 0;
	for (size_t i = 0; i < ncp; i++) {
		const cen__vertex *c = &g->v[cps[i]];
		uint32_t other = f->in ? c->fan_out : c->fan_in;
		if (other <= f->dedicated_max)
			dedicated++;
	}
	double cv = cen__cv(a->s1, a->s2, (uint32_t)a->n);
	if (!a->n || a->s1 / (double)a->n < f->min_mean || cv > f->max_cv ||
	    (double)a->nround < f->min_round * (double)a->n)
		return 0;
	double s_amt = cv >= f->max_cv ? 0 : 1.0 - cv / f->max_cv;
	double s_ded = (double)dedicated / (double)ncp;
	double s_size = (double)ncp / (2.0 * f->min_cp);
	if (s_size > 1)
		s_size = 1;
	double score = 0.5 + 0.2 * s_ded + 0.2 * s_amt + 0.1 * s_size;
	return emit(f, v, w, cps, ncp, dedicated, a, cv, score);
}

/* An account past max_cp counterparties in all (a shop with card takings):
 * the fan is looked for among its transfers of busy_min_amount or more not
 * made by card. An account paid by transfer (not card, any amount) by more
 * than max_cp payers over busy_lookback has many paying it routinely (a
 * landlord around rent day, a firm paid on invoice) and is left alone. As
 * an ordinary account is judged decide_after after it reached min_cp
 * counterparties, this view is judged decide_after after it reached min_cp
 * of them (sooner only when final): a burst that has just begun has had no
 * time to show itself as a landlord's rent day. Scans at most the ring,
 * three times. */
static int decide_busy(fan_det *f, uint32_t v, int final)
{
	const cen__engine *e = f->base.eng;
	const cen__ring *ring = f->in ? &e->g.v[v].in : &e->g.v[v].out;
	fan_view w = {e->clock - f->busy_lookback, 0, 1};
	uint32_t cps[FAN_MAX + 1];
	int64_t first[FAN_MAX + 1];
	if (view_counterparties(&e->g, ring, v, &w, cps, NULL, f->max_cp + 1, ring->len) > f->max_cp)
		return 0;
	w.tmin = e->clock - f->window;
	w.min_cents = f->busy_min_amount;
	size_t ncp = view_counterparties(&e->g, ring, v, &w, cps, first, f->max_cp + 1, ring->len);
	if (ncp < f->min_cp || ncp > f->max_cp)
		return 0;
	int64_t due = reached_at(first, ncp, f->min_cp) + f->decide_after;
	if (!final && due > e->clock) {
		int64_t last = cen__dueq_last(&f->q);
		return cen__dueq_push(&f->q, v, due > last ? due : last); /* kept in order */
	}
	fan_amounts a;
	view_amounts(&e->g, ring, v, &w, &a);
	return judge(f, v, &w, cps, ncp, &a);
}

static int decide(fan_det *f, uint32_t v, int final)
{
	const cen__engine *e = f->base.eng;
	const cen__vertex *vx = &e->g.v[v];
	int busy_path = f->busy_min_amount > f->min_amount;
	if (!f->min_amount && (f->in ? vx->fan_in : vx->fan_out) > f->max_cp)
		return busy_path ? decide_busy(f, v, final) : 0;
	/* The window of this detector may be shorter than the graph's. */
	fan_view w = {e->clock - f->window, f->min_amount, 0};
	const cen__ring *ring = f->in ? &vx->in : &vx->out;
	/* one more than max_cp: finding it means the account is a hub */
	uint32_t cps[FAN_MAX + 1];
	size_t ncp = view_counterparties(&e->g, ring, v, &w, cps, NULL, f->max_cp + 1, 4 * FAN_MAX);
	if (ncp > f->max_cp)
		return busy_path ? decide_busy(f, v, final) : 0;
	if (ncp < f->min_cp)
		return 0;
	fan_amounts a;
	view_amounts(&e->g, ring, v, &w, &a);
	return judge(f, v, &w, cps, ncp, &a);
}
