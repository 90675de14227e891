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
 * An account is alerted once per cooldown; growth of the same fan meanwhile
 * is counted as suppressed.
 *
 * What must hold: O(1) work for an edge that does not add a counterparty;
 * decisions come out in due order; at most 4 * FAN_MAX ring entries are
 * scanned per decision.
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
	int64_t ded = cen_rules_get_int(r, t, "dedicated_max", 2);
	if (f->window <= 0 || f->decide_after < 0 || f->decide_after > f->window || mn < 2 || mx < mn || mx > FAN_MAX || ded < 1 || f->max_cv <= 0 ||
	    min_amount < 0) {
		snprintf(err, errlen, "window must be > 0, 0 <= decide_after <= window, 2 <= min_counterparties <= "
			 "max_counterparties <= %d, dedicated_max >= 1, max_cv > 0, min_amount >= 0", FAN_MAX);
		return CEN_EINVAL;
	}
	f->min_cp = (uint32_t)mn;
	f->max_cp = (uint32_t)mx;
	f->dedicated_max = (uint32_t)ded;
	d->window = f->window;
	return 0;
}

void cen__fan_release(cen__det *d)
{
	fan_det *f = (fan_det *)d;
	cen__vtimes_release(&f->last);
	cen__dueq_release(&f->q);
}

static int decide(fan_det *f, uint32_t v);

static int drain(fan_det *f, int64_t clock, int all)
{
	uint32_t v;
	while (cen__dueq_pop(&f->q, clock, all, &v)) {
		int rc = decide(f, v);
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
	 * at once when the account has grown into a hub. */
	if (fan < f->min_cp || ed->src == ed->dst || ed->amount < f->min_amount ||
	    (!f->min_amount && fan > f->max_cp))
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

static int decide(fan_det *f, uint32_t v)
{
	cen__det *d = &f->base;
	cen__engine *e = d->eng;
	const cen__graph *g = &e->g;
	const cen__vertex *vx = &g->v[v];
	if (!f->min_amount && (f->in ? vx->fan_in : vx->fan_out) > f->max_cp)
		return 0; /* grew into a hub */
	double cv;
	/* The window of this detector may be shorter than the graph's. */
	/* Scan the window's edges: counterparties, dedication, exact totals. */
	const cen__ring *ring = f->in ? &vx->in : &vx->out;
	int64_t tmin = e->clock - f->window;
	/* one more than max_cp: finding it means the account is a hub */
	uint32_t cps[FAN_MAX + 1];
	size_t ncp = cen__neighbors(g, ring, tmin, f->min_amount, UINT64_MAX, v, cps,
				    f->max_cp + 1, 4 * FAN_MAX);
	if (ncp < f->min_cp || ncp > f->max_cp)
		return 0; /* too few, or grown into a hub */
	size_t dedicated = 0;
	for (size_t i = 0; i < ncp; i++) {
		const cen__vertex *c = &g->v[cps[i]];
		uint32_t other = f->in ? c->fan_out : c->fan_in;
		if (other <= f->dedicated_max)
			dedicated++;
	}
	double s1 = 0, s2 = 0, total = 0;
	size_t n = 0, nround = 0;
	int64_t first = INT64_MAX;
	for (uint32_t i = ring->len; i-- > 0 && n < 4 * FAN_MAX;) {
		const cen__adj *x = cen__ring_adj(ring, i);
		if (cen__adj_ts(g, x) < tmin)
			break;
		int64_t cents = cen__adj_amount(g, x);
		if (cents < f->min_amount || x->other == v)
			continue;
		double a = cen__dollars(cents);
		nround += cents % 10000 == 0;
		s1 += a;
		s2 += a * a;
		n++;
		first = cen__adj_ts(g, x);
	}
	total = s1;
	cv = cen__cv(s1, s2, (uint32_t)n);
	if (!n || total / (double)n < f->min_mean || cv > f->max_cv ||
	    (double)nround < f->min_round * (double)n)
		return 0;
	double s_amt = cv >= f->max_cv ? 0 : 1.0 - cv / f->max_cv;
	double s_ded = (double)dedicated / (double)ncp;
	double s_size = (double)ncp / (2.0 * f->min_cp);
	if (s_size > 1)
		s_size = 1;
	double score = 0.5 + 0.2 * s_ded + 0.2 * s_amt + 0.1 * s_size;
	if (cen__vtimes_set(&f->last, v, e->clock))
		return CEN_ENOMEM;
	cen__alert_b *b = cen__alert_begin(d, score);
	cen__alert_account(b, v);
	for (size_t i = 0; i < ncp; i++)
		cen__alert_account(b, cps[i]);
	for (uint32_t i = ring->len; i-- > 0;) {
		const cen__adj *x = cen__ring_adj(ring, i);
		if (cen__adj_ts(g, x) < tmin)
			break;
		if (cen__adj_amount(g, x) >= f->min_amount && x->other != v)
			cen__alert_edge(b, cen__adj_seq(g, x));
	}
	char money[48], dur[48];
	cen__fmt_money(money, sizeof money, total);
	cen__duration(dur, sizeof dur, e->clock - first);
	if (f->in)
		cen__alert_explain(b, "%s received %s from %zu distinct senders in %s, in "
				   "similar amounts (variation %.0f%%), %zu of them sending to "
				   "almost no one else.", cen__graph_vname(g, v), money, ncp, dur,
				   100 * cv, dedicated);
	else
		cen__alert_explain(b, "%s sent %s to %zu distinct recipients in %s, in "
				   "similar amounts (variation %.0f%%), %zu of them receiving "
				   "from almost no one else.", cen__graph_vname(g, v), money, ncp,
				   dur, 100 * cv, dedicated);
	if (cen_buf_printf(cen__alert_evidence(b),
			   "\"counterparties\":%zu,\"dedicated\":%zu,\"transactions\":%zu,"
			   "\"total\":%.2f,\"amount_cv\":%.3f,\"round_amounts\":%zu,"
			   "\"seconds\":%lld",
			   ncp, dedicated, n, total, cv, nround, (long long)(e->clock - first)))
		return CEN_ENOMEM;
	return cen__alert_emit(b);
}
