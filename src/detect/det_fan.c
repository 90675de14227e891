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
 *     cent) unless the accounts file says the account is a person's
 *     (person_min_round, 0 for fan_out: a person runs no payroll and pays
 *     out no sellers); it is scored on amount similarity, on dedicated
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
 *   - whole_window (fan_out): a candidate found at the first decision is
 *     judged once the window from its oldest transfer has passed, over
 *     exactly that window, so the transfers of a fan spread over a day
 *     and a half are in its one alert (a mule's dispersal goes on after
 *     decide_after). It alerts when it is a fan then, or when its amounts
 *     already fitted at the first decision and it has not grown into a
 *     hub since. The alert comes up to a window after the fan began.
 * An account is alerted once per cooldown; growth of the same fan meanwhile
 * is counted as suppressed.
 *
 * What must hold: O(1) work per edge: the edge and the account's counts,
 * and the edge's new-pair mark (graph.h) for an edge that may start a fan (into an account
 * between min_ and max_counterparties, or a large non-card one into a busy
 * account); decisions come out in due order: the FIFO of first decisions
 * (a busy account put back is queued no earlier than the last) merged with
 * the heap of candidates waiting for their whole window, in which an
 * account is at most once and which it leaves only when judged (a first
 * decision for a waiting account, or for one alerted within cooldown, does
 * nothing); a decision scans at most 4 * FAN_MAX
 * ring entries per pass, or, for a busy account, its ring (at most
 * max_adjacency entries) per pass (a ring entry says whether it was paid
 * by card), a busy account's only as far back as its window when that
 * holds too few counterparties; at most three passes.
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
	{"person_min_round", CEN_RULES_NUMBER}, {"whole_window", CEN_RULES_BOOL},
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
	/* A person runs no payroll and pays out no marketplace sellers. */
	f->person_min_round = cen_rules_get_double(r, t, "person_min_round", in ? f->min_round : 0.0);
	f->whole_window = cen_rules_get_bool(r, t, "whole_window", !in);
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
	cen__vtimes_release(&f->routine);
	cen__dueq_release(&f->q);
	cen_free(f->settle.due);
	cen_free(f->settle.v);
	cen_free(f->settle.fit);
	cen__vbits_release(&f->settle.pending);
}

/* How a decision was reached: queued by a new counterparty, after waiting
 * for the candidate's whole window, or at the end of input (no more
 * waiting). */
typedef enum fan_when { FAN_TRIGGERED, FAN_SETTLED, FAN_FINAL } fan_when;

/* One decision: how it came, whether the candidate's amounts fitted a fan
 * when it was queued to wait, and the end of the window judged (the clock,
 * or the end of the candidate's whole window). */
typedef struct fan_call {
	fan_when when;
	int fit_before;
	int64_t end;
} fan_call;

static int decide(fan_det *f, uint32_t v, const fan_call *c);

static void settle_move(fan_settleq *s, size_t to, size_t from)
{
	s->due[to] = s->due[from];
	s->v[to] = s->v[from];
	s->fit[to] = s->fit[from];
}

/* Queues v's judgement at due (any order). Keeps the heap on due; an
 * account already waiting is not queued twice. */
static int settle_push(fan_settleq *s, uint32_t v, int64_t due, int fit)
{
	if (cen__vbits_has(&s->pending, v))
		return 0;
	if (s->len == s->cap) {
		size_t nc = s->cap ? s->cap * 2 : 64;
		int64_t *nd = cen_realloc(s->due, nc * sizeof *nd);
		if (!nd)
			return CEN_ENOMEM;
		s->due = nd;
		uint32_t *nv = cen_realloc(s->v, nc * sizeof *nv);
		if (!nv)
			return CEN_ENOMEM;
		s->v = nv;
		uint8_t *nf = cen_realloc(s->fit, nc);
		if (!nf)
			return CEN_ENOMEM;
		s->fit = nf;
		s->cap = nc;
	}
	if (cen__vbits_set(&s->pending, v))
		return CEN_ENOMEM;
	size_t i = s->len++;
	for (; i > 0 && s->due[(i - 1) / 2] > due; i = (i - 1) / 2)
		settle_move(s, i, (i - 1) / 2);
	s->due[i] = due;
	s->v[i] = v;
	s->fit[i] = (uint8_t)fit;
	return 0;
}

static int64_t settle_next(const fan_settleq *s)
{
	return s->len ? s->due[0] : INT64_MAX;
}

/* Removes the earliest judgement into *v, *fit and *due_out; the heap must
 * not be empty. */
static void settle_pop(fan_settleq *s, uint32_t *v, int *fit, int64_t *due_out)
{
	*v = s->v[0];
	*fit = s->fit[0];
	*due_out = s->due[0];
	cen__vbits_clear(&s->pending, *v);
	size_t n = --s->len, i = 0;
	int64_t due = s->due[n];
	for (;;) {
		size_t c = 2 * i + 1;
		if (c >= n)
			break;
		if (c + 1 < n && s->due[c + 1] < s->due[c])
			c++;
		if (s->due[c] >= due)
			break;
		settle_move(s, i, c);
		i = c;
	}
	settle_move(s, i, n);
}

/* A decision missed on its vertex line and its ring's newest entries
 * (perf: 90% of its samples, 3.2% of the 5 M run's): each decision taken
 * from q hints those of the ones behind it (cen__dueq_hint), the newest
 * HINT_LINES lines of the one ring it scans. */
#define HINT_LINES 4u

/* Decides what is due at clock (everything, when all), the two queues
 * merged in due order. */
static int drain(fan_det *f, int64_t clock, int all)
{
	for (;;) {
		int64_t qd = cen__dueq_next(&f->q), sd = settle_next(&f->settle);
		fan_call c = {all ? FAN_FINAL : FAN_TRIGGERED, 0, f->base.eng->clock};
		uint32_t v;
		int rc;
		if (qd <= sd && cen__dueq_pop(&f->q, clock, all, &v)) {
			cen__dueq_hint(&f->q, &f->base.eng->g, f->in ? CEN__DUEQ_IN : CEN__DUEQ_OUT,
				       HINT_LINES);
			rc = decide(f, v, &c);
		} else if (sd != INT64_MAX && (all || sd <= clock)) {
			int64_t due;
			settle_pop(&f->settle, &v, &c.fit_before, &due);
			if (!all)
				c.when = FAN_SETTLED;
			if (due < c.end)
				c.end = due;
			rc = decide(f, v, &c);
		} else
			return 0;
		if (rc)
			return rc;
	}
}

int cen__fan_on_advance(cen__det *d, int64_t clock)
{
	fan_det *f = (fan_det *)d;
	int rc = drain(f, clock, 0);
	int64_t qd = cen__dueq_next(&f->q), sd = settle_next(&f->settle);
	d->next_advance = qd < sd ? qd : sd;
	return rc;
}

int cen__fan_flush(cen__det *d)
{
	return drain((fan_det *)d, 0, 1);
}

/* Whether an edge into (out of) an account past max_cp may be part of a fan
 * among its large transfers (decide_busy). */
static int busy_fan_edge(const fan_det *f, const cen__edge *ed, int64_t amount)
{
	return f->busy_min_amount > f->min_amount && amount >= f->busy_min_amount &&
	       ed->channel != CEN_CH_CARD;
}

/* ed, which brings v a new counterparty, passed the gate of
 * cen__fan_on_edge: queues v's decision. Out of line, so the gate that
 * turns most edges away saves and restores no registers for it. */
static __attribute__((noinline)) int new_counterparty(fan_det *f, const cen__edge *ed, uint32_t v)
{
	cen__det *d = &f->base;
	cen__engine *e = d->eng;
	const cen__graph *g = &e->g;
	if (cen__is_hub(g, v)) /* v's line is at hand */
		return 0;
	int64_t last = cen__vtimes_get(&f->last, v);
	if (last != INT64_MIN && e->clock - last < f->cooldown) {
		cen__det_suppressed(d);
		return 0;
	}
	/* Queued already (seven in ten of the edges here): the push would do
	 * nothing, and the decision already queued is due no later. */
	if (cen__vbits_has(&f->q.pending, v))
		return 0;
	int64_t due = e->clock + f->decide_after;
	cen__det_due(d, due);
	return cen__dueq_push(&f->q, v, due);
}

/* The gate of every edge, for one direction: in is a constant in each of
 * the two callers, so neither tests it per edge. */
static inline __attribute__((always_inline)) int fan_on_edge(cen__det *d, const cen__edge_ctx *x,
							     int in)
{
	fan_det *f = (fan_det *)d;
	const cen__edge *ed = x->e;
	uint32_t v = in ? x->dst : x->src;
	const cen__vertex *vx = in ? x->vd : x->vs;
	uint32_t fan = in ? vx->fan_in : vx->fan_out;
	/* With no minimum every counterparty counts, and the graph's count says
	 * at once when the account has grown into a hub; only a large non-card
	 * transfer can then start a (busy) fan. Reads nothing beyond the edge;
	 * only an edge of a new pair (its mark) brings a new counterparty. */
	assert(x->src != x->dst); /* skip_self */
	if (fan < f->min_cp || x->amount < f->min_amount ||
	    (!f->min_amount && fan > f->max_cp && !busy_fan_edge(f, ed, x->amount)) ||
	    !(ed->flags & CEN__EDGE_NEW_PAIR))
		return 0;
	return new_counterparty(f, ed, v);
}

int cen__fan_in_on_edge(cen__det *d, const cen__edge_ctx *x)
{
	return fan_on_edge(d, x, 1);
}

int cen__fan_out_on_edge(cen__det *d, const cen__edge_ctx *x)
{
	return fan_on_edge(d, x, 0);
}

/* Which of an account's transfers a decision looks at: those from tmin to
 * tmax of at least min_cents, never the account's own, and, with no_card,
 * none by card (a shop's takings are not transfers). */
typedef struct fan_view {
	int64_t tmin, tmax;
	int64_t min_cents;
	int no_card;
} fan_view;

/* x, from tmin to tmax: the scans start at view_end and stop at the first
 * entry older than tmin. The card bit first: a busy account's ring is
 * mostly card takings. Inlined: it is called once per ring entry. */
static inline __attribute__((always_inline)) int in_view(const cen__graph *g, const cen__adj *x,
							 uint32_t v, const fan_view *w)
{
	if (w->no_card && cen__adj_card(x))
		return 0;
	return x->other != v && cen__adj_amount(g, x) >= w->min_cents;
}

/* One past the newest entry of ring at or before tmax (a ring is in time
 * order; nearly always its length: tmax is the clock, or was very
 * recently). */
static uint32_t view_end(const cen__graph *g, const cen__ring *ring, const fan_view *w)
{
	uint32_t i = ring->len;
	while (i > 0 && cen__adj_ts(g, cen__ring_adj(ring, i - 1)) > w->tmax)
		i--;
	return i;
}

/* The two views of a busy account (decide_busy) in one pass over its ring,
 * newest first: wl, the payers by transfer over busy_lookback, counted up
 * to max_cp + 1 (then the account is paid routinely: returns 0, the time
 * of the transfer from the max_cp + 1-th payer in *routine_at), and ww,
 * of its larger ones over the window, whose counterparties go to out (at
 * most max_cp of them: ww's transfers are among wl's) with the time of
 * each one's oldest transfer in first. Returns their number, or 0. Both
 * views end at the same tmax; wl reaches back at least as far as ww. With
 * fewer than min_cp counterparties in ww (three busy decisions in four),
 * the pass ends where ww does: wl is not read further to tell whether the
 * account is paid routinely (a finding kept for later decisions only to
 * spare them the pass), since nothing is judged either way. */
static size_t busy_counterparties(const fan_det *f, const cen__ring *ring, uint32_t v,
				  const fan_view *wl, const fan_view *ww, uint32_t *out,
				  int64_t *first, int64_t *routine_at)
{
	const cen__graph *g = &f->base.eng->g;
	uint32_t payers[FAN_MAX + 1];
	size_t nl = 0, n = 0;
	uint64_t bits = 0; /* of the payers' ids (cen__idset_add) */
	uint32_t end = view_end(g, ring, wl);
	cen__ring_rev it = cen__ring_rev_from(ring, end);
	for (uint32_t i = end; i-- > 0;) {
		const cen__adj *x = cen__ring_rev_next(&it);
		int64_t ts = cen__adj_ts(g, x);
		if (ts < wl->tmin || (ts < ww->tmin && n < f->min_cp))
			break; /* too few in ww, whatever the rest of wl holds */
		if (!in_view(g, x, v, wl))
			continue;
		if (cen__idset_add(payers, &nl, &bits, x->other) && nl > f->max_cp) {
			*routine_at = ts;
			return 0;
		}
		if (ts < ww->tmin || !in_view(g, x, v, ww))
			continue;
		size_t j = 0;
		while (j < n && out[j] != x->other)
			j++;
		if (j == n)
			out[n++] = x->other;
		first[j] = ts;
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
	int64_t first, last; /* times of the oldest and the newest */
} fan_amounts;

static void amounts_init(fan_amounts *a)
{
	memset(a, 0, sizeof *a);
	a->first = INT64_MAX;
	a->last = INT64_MIN;
}

/* Adds a transfer of the view to a, the scan going newest first. */
static inline void amounts_add(fan_amounts *a, int64_t ts, int64_t cents)
{
	double d = cen__dollars(cents);
	a->nround += cents % 10000 == 0;
	a->s1 += d;
	a->s2 += d * d;
	a->n++;
	a->first = ts;
	if (a->last == INT64_MIN)
		a->last = ts;
}

/* The amounts of the view's newest 4 * FAN_MAX transfers into a. */
static void view_amounts(const cen__graph *g, const cen__ring *ring, uint32_t v,
			 const fan_view *w, fan_amounts *a)
{
	amounts_init(a);
	uint32_t end = view_end(g, ring, w);
	cen__ring_rev it = cen__ring_rev_from(ring, end);
	for (uint32_t i = end; i-- > 0 && a->n < 4 * FAN_MAX;) {
		const cen__adj *x = cen__ring_rev_next(&it);
		int64_t ts = cen__adj_ts(g, x);
		if (ts < w->tmin)
			break;
		if (in_view(g, x, v, w))
			amounts_add(a, ts, cen__adj_amount(g, x));
	}
}

/* view_amounts into a and, in the same pass, the distinct counterparties
 * of the view's transfers among the newest scan_max ring entries, newest
 * first, into out: returns their number, or max as soon as that many are
 * found (a hub's: a is then left part done, not needed). The pass goes on
 * for the amounts alone after scan_max entries. */
static size_t view_scan(const cen__graph *g, const cen__ring *ring, uint32_t v,
			const fan_view *w, uint32_t *out, size_t max, size_t scan_max,
			fan_amounts *a)
{
	size_t n = 0, scanned = 0;
	uint64_t seen = 0; /* the graph's payee bit of every id in out */
	amounts_init(a);
	uint32_t end = view_end(g, ring, w);
	cen__ring_rev it = cen__ring_rev_from(ring, end);
	for (uint32_t i = end; i-- > 0 && a->n < 4 * FAN_MAX; scanned++) {
		const cen__adj *x = cen__ring_rev_next(&it);
		int64_t ts = cen__adj_ts(g, x);
		if (ts < w->tmin)
			break;
		if (!in_view(g, x, v, w))
			continue;
		amounts_add(a, ts, cen__adj_amount(g, x));
		if (scanned >= scan_max)
			continue;
		if (cen__idset_add(out, &n, &seen, x->other) && n == max)
			return n;
	}
	return n;
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
	for (uint32_t i = view_end(g, ring, w); i-- > 0;) {
		const cen__adj *x = cen__ring_adj(ring, i);
		int64_t ts = cen__adj_ts(g, x);
		if (ts < w->tmin)
			break;
		if (in_view(g, x, v, w))
			cen__alert_edge(b, cen__adj_seq(g, x));
	}
	char money[48], dur[48], floor_[48], only[160] = "";
	cen__fmt_money(money, sizeof money, a->s1);
	cen__duration(dur, sizeof dur, a->last - a->first);
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
	if (cen__alert_printf(cen__alert_evidence(b),
			   "\"counterparties\":%zu,\"dedicated\":%zu,\"transactions\":%zu,"
			   "\"total\":%.2f,\"amount_cv\":%.3f,\"round_amounts\":%zu,"
			   "\"seconds\":%lld%s",
			   ncp, dedicated, a->n, a->s1, cv, a->nround,
			   (long long)(a->last - a->first), w->no_card ? ",\"busy\":true" : ""))
		return CEN_ENOMEM;
	return cen__alert_emit(b);
}

/* Whether the view's transfers, adding up to a, move sizeable comparable
 * sums, and (with min_round for v's kind) round ones, as a fan does. */
static int amounts_fit(const fan_det *f, uint32_t v, const fan_amounts *a)
{
	const cen__graph *g = &f->base.eng->g;
	double min_round = g->v[v].kind == CEN_MKIND_PERSON ? f->person_min_round : f->min_round;
	return a->n && a->s1 / (double)a->n >= f->min_mean &&
	       cen__cv(a->s1, a->s2, (uint32_t)a->n) <= f->max_cv &&
	       (double)a->nround >= min_round * (double)a->n;
}

/* Alerts when the view's counterparties cps (ncp of them), whose transfers
 * add up to a, are a fan: enough and not too many, dealing in comparable
 * sizeable (and, with min_round, round) amounts, now or (fit_before) when
 * the candidate was first decided on. */
static int judge(fan_det *f, uint32_t v, const fan_view *w, const uint32_t *cps, size_t ncp,
		 const fan_amounts *a, int fit_before)
{
	const cen__graph *g = &f->base.eng->g;
	if (ncp < f->min_cp || ncp > f->max_cp)
		return 0; /* too few, or grown into a hub */
	if (!fit_before && !amounts_fit(f, v, a))
		return 0;
	size_t dedicated = 0;
	for (size_t i = 0; i < ncp; i++) {
		const cen__vertex *c = &g->v[cps[i]];
		uint32_t other = f->in ? c->fan_out : c->fan_in;
		if (other <= f->dedicated_max)
			dedicated++;
	}
	double cv = cen__cv(a->s1, a->s2, (uint32_t)a->n);
	double s_amt = cv >= f->max_cv ? 0 : 1.0 - cv / f->max_cv;
	double s_ded = (double)dedicated / (double)ncp;
	double s_size = (double)ncp / (2.0 * f->min_cp);
	if (s_size > 1)
		s_size = 1;
	double score = 0.5 + 0.2 * s_ded + 0.2 * s_amt + 0.1 * s_size;
	return emit(f, v, w, cps, ncp, dedicated, a, cv, score);
}

/* Judges the candidate now, or, with whole_window, over the window that
 * starts at its oldest transfer (a->first) once that has passed: transfers
 * that come after decide_after are then in the one alert, and nothing
 * judged now is out of that window. Whether its amounts fit now is kept: a
 * fan found in its first hours is not let go because later transfers vary
 * more. A candidate waits once per trigger. */
static int judge_or_wait(fan_det *f, uint32_t v, const fan_view *w, const uint32_t *cps,
			 size_t ncp, const fan_amounts *a, const fan_call *c)
{
	int64_t whole = a->first + f->window;
	if (f->whole_window && c->when == FAN_TRIGGERED && a->n && whole > c->end) {
		int fit = ncp >= f->min_cp && ncp <= f->max_cp && amounts_fit(f, v, a);
		return settle_push(&f->settle, v, whole, fit);
	}
	return judge(f, v, w, cps, ncp, a, c->fit_before);
}

/* An account past max_cp counterparties in all (a shop with card takings):
 * the fan is looked for among its transfers of busy_min_amount or more not
 * made by card. An account paid by transfer (not card, any amount) by more
 * than max_cp payers over busy_lookback has many paying it routinely (a
 * landlord around rent day, a firm paid on invoice) and is left alone. As
 * an ordinary account is judged decide_after after it reached min_cp
 * counterparties, this view is judged decide_after after it reached min_cp
 * of them (no later check when the candidate has waited or input ended): a
 * burst that has just begun has had no time to show itself as a landlord's
 * rent day. Scans at most the ring, twice; not at all for an account
 * found paid routinely while that finding still holds (f->routine). */
static int decide_busy(fan_det *f, uint32_t v, const fan_call *c)
{
	const cen__engine *e = f->base.eng;
	const cen__ring *ring = f->in ? &e->g.v[v].in : &e->g.v[v].out;
	fan_view wl = {c->end - f->busy_lookback, c->end, 0, 1};
	fan_view w = {c->end - f->window, c->end, f->busy_min_amount, 1};
	/* Known to be paid routinely: more than max_cp payers from routine_at
	 * to an earlier decision's end (<= the clock now), all still in the
	 * ring (its oldest entry is older) and in this lookback. Only at the
	 * clock: a settled decision's end may be earlier. */
	int64_t routine_at = cen__vtimes_get(&f->routine, v);
	if (c->when != FAN_SETTLED && routine_at != INT64_MIN && routine_at >= wl.tmin &&
	    ring->len && cen__adj_ts(&e->g, cen__ring_adj(ring, 0)) < routine_at)
		return 0;
	uint32_t cps[FAN_MAX + 1];
	int64_t first[FAN_MAX + 1];
	routine_at = INT64_MIN;
	size_t ncp = busy_counterparties(f, ring, v, &wl, &w, cps, first, &routine_at);
	if (routine_at != INT64_MIN)
		return cen__vtimes_set(&f->routine, v, routine_at);
	if (ncp < f->min_cp)
		return 0;
	int64_t due = reached_at(first, ncp, f->min_cp) + f->decide_after;
	if (c->when == FAN_TRIGGERED && due > e->clock) {
		int64_t last = cen__dueq_last(&f->q);
		return cen__dueq_push(&f->q, v, due > last ? due : last); /* kept in order */
	}
	fan_amounts a;
	view_amounts(&e->g, ring, v, &w, &a);
	return judge_or_wait(f, v, &w, cps, ncp, &a, c);
}

static int decide(fan_det *f, uint32_t v, const fan_call *c)
{
	const cen__engine *e = f->base.eng;
	if (c->when != FAN_SETTLED && cen__vbits_has(&f->settle.pending, v))
		return 0; /* judged when its window has passed, this included */
	int64_t last = cen__vtimes_get(&f->last, v);
	if (last != INT64_MIN && e->clock - last < f->cooldown)
		return 0; /* queued before its alert */
	const cen__vertex *vx = &e->g.v[v];
	int busy_path = f->busy_min_amount > f->min_amount;
	if (!f->min_amount && (f->in ? vx->fan_in : vx->fan_out) > f->max_cp)
		return busy_path ? decide_busy(f, v, c) : 0;
	/* The window of this detector may be shorter than the graph's. */
	fan_view w = {c->end - f->window, c->end, f->min_amount, 0};
	const cen__ring *ring = f->in ? &vx->in : &vx->out;
	/* one more than max_cp: finding it means the account is a hub */
	uint32_t cps[FAN_MAX + 1];
	fan_amounts a;
	size_t ncp = view_scan(&e->g, ring, v, &w, cps, f->max_cp + 1, 4 * FAN_MAX, &a);
	if (ncp > f->max_cp)
		return busy_path ? decide_busy(f, v, c) : 0;
	if (ncp < f->min_cp)
		return 0;
	return judge_or_wait(f, v, &w, cps, ncp, &a, c);
}
