/* det_stack.c - the `stack` detector: layering, money moved from a group
 * of accounts (the first layer, A) through a layer of relay accounts (B)
 * on to another group (the last layer, C) within the window, each layer at
 * least min_width accounts.
 *
 * Only transfers of at least min_amount count, and accounts of kind hub
 * (payroll processors, marketplaces, utilities) are in no layer: what they
 * pay or are paid is commerce, not layered money.
 *
 * Checked on an edge b -> c of at least min_amount. First the cheap test
 * that most accounts fail (relays(), one scan of each ring): over the
 * window, what b paid after the first transfer it received is between
 * min_passed and 1.05 times what it received. Then the relay layer is
 * grown from b through both sides, since money split among relays need
 * not come from one sender nor go to one recipient: any other account
 * that relays and is paid by a sender of a relay (a sibling on the A side)
 * or pays a recipient of a relay (on the C side), breadth first, at most
 * MAX_W relays and SCAN_BUDGET ring entries (a search cut short is
 * counted). A common party links nothing: an account with more than
 * link_max_counterparties (default 10) counterparties of layer size on
 * that side, among its newest LINK_SCAN ring entries (a landlord and its
 * tenants, an employer and its staff, a supplier and the shops it serves).
 *
 * Each relay is then judged on the layer's transfers only, in time order
 * (relay_flow()): its transfers from A, and its transfers to C made with
 * money it already had from A (what it pays before the first layer pays
 * it, or beyond 105% of what the first layer gave it so far, is its own
 * business and not part of the stack; so is what it receives after its
 * last payment on). It must have passed on at least min_passed of what A
 * gave it by then; relays that did not are dropped, and so are relays not
 * connected to b through counterparties they share (not common parties)
 * over the transfers counted: flows whose money never meets are not one
 * layer. A stack is what remains when b is kept and each of A (senders of
 * the transfers counted), B and C (their recipients) has min_width
 * accounts; the layer as a whole then conserves money (min_passed to 105%)
 * and has it before it pays it on.
 *
 * A stack found is decided decide_after seconds later: the same search
 * from b over the window before the edge until then, so relays that pass
 * their share on meanwhile are in the one alert. The relays of an alerted
 * stack are quiet for the cooldown.
 *
 * What must hold: per checked edge, no work beyond relays(b) unless b
 * relays and is not queued already; at most SCAN_BUDGET ring entries read
 * to grow the layer, plus a few scans per relay and per shared account;
 * sets hold each account once; the alert lists exactly the layer
 * transfers counted, walked once.
 */
#include <stdio.h>

#include "detect/det_util.h"
#include "core/banned.h"

#define MAX_W 16          /* relays in a layer */
#define MAX_SIDE 64       /* accounts of the first or the last layer */
#define MAX_EDGES 512     /* layer transfers kept for an alert */
#define SCAN_BUDGET 4096  /* ring entries read while growing the relay layer */
#define NEIGHBOR_SCAN 64  /* ring entries read for one account's counterparties */
#define MAX_LINK_FAN 64   /* largest link_max_counterparties */
#define LINK_SCAN 256     /* ring entries read to tell a common party */

typedef struct st_det {
	cen__det base;
	int64_t window, cooldown, decide_after;
	uint32_t min_width, link_fan;
	double min_passed, min_amount;
	int64_t min_cents;   /* cen__cents_not_below(min_amount): the gate's */
	cen__vtimes last;
	cen__dueq q; /* trigger relays of stacks waiting for their decision */
} st_det;

/* A layer transfer counted: from the first layer to a relay (in) or from
 * a relay to the last layer. */
typedef struct st_edge {
	uint64_t seq;
	uint32_t relay, other;
	double amount;
	int in;
} st_edge;

/* A stack being decided: relays B, first layer A, last layer C and the
 * layer transfers counted. */
typedef struct st_stack {
	uint32_t B[MAX_W], A[MAX_SIDE], C[MAX_SIDE];
	size_t nb, na, nc;
	st_edge edges[MAX_EDGES];
	uint32_t ne;
	double amount_in, amount_out;
	int64_t tmin, big;   /* window start; min_amount in cents */
	uint32_t budget;     /* ring entries left for growing */
} st_stack;

static const cen_rules_key keys[] = {
	{"window", CEN_RULES_NUMBER},     {"cooldown", CEN_RULES_NUMBER},
	{"min_width", CEN_RULES_INT},     {"min_passed", CEN_RULES_NUMBER},
	{"min_amount", CEN_RULES_NUMBER}, {"decide_after", CEN_RULES_NUMBER},
	{"link_max_counterparties", CEN_RULES_INT},
};

static int init(cen__det *d, const cen_rules *r, char *err, size_t errlen)
{
	st_det *s = (st_det *)d;
	const char *t = d->ops->name;
	s->window = (int64_t)cen_rules_get_double(r, t, "window", 3 * 86400.0);
	s->cooldown = (int64_t)cen_rules_get_double(r, t, "cooldown", (double)s->window);
	int64_t w = cen_rules_get_int(r, t, "min_width", 2);
	s->min_passed = cen_rules_get_double(r, t, "min_passed", 0.7);
	s->min_amount = cen_rules_get_double(r, t, "min_amount", 1000);
	s->min_cents = cen__cents_not_below(s->min_amount);
	s->decide_after = (int64_t)cen_rules_get_double(r, t, "decide_after", 12 * 3600.0);
	int64_t lf = cen_rules_get_int(r, t, "link_max_counterparties", 10);
	if (s->window <= 0 || w < 2 || w > MAX_W || s->decide_after < 0 || lf < 1 ||
	    lf > MAX_LINK_FAN) {
		snprintf(err, errlen, "window must be > 0, min_width 2..%d, decide_after >= 0, "
			 "link_max_counterparties 1..%d", MAX_W, MAX_LINK_FAN);
		return CEN_EINVAL;
	}
	s->min_width = (uint32_t)w;
	s->link_fan = (uint32_t)lf;
	/* a decision looks back over the window from the edge that queued it */
	d->window = s->window + s->decide_after;
	return 0;
}

static void release(cen__det *d)
{
	cen__vtimes_release(&((st_det *)d)->last);
	cen__dueq_release(&((st_det *)d)->q);
}

/* A walk through an account's transfers in the window, in and out merged
 * in time order (a transfer in first when both have the same time). */
typedef struct st_walk {
	const cen__ring *in, *out;
	uint32_t i, o;
} st_walk;

/* The index of the oldest entry of r in the window. */
static uint32_t window_start(const cen__graph *g, const cen__ring *r, int64_t tmin)
{
	uint32_t q = r->len;
	while (q > 0 && cen__adj_ts(g, cen__ring_adj(r, q - 1)) >= tmin)
		q--;
	return q;
}

static void walk_start(const cen__graph *g, uint32_t v, int64_t tmin, st_walk *w)
{
	w->in = &g->v[v].in;
	w->out = &g->v[v].out;
	w->i = window_start(g, w->in, tmin);
	w->o = window_start(g, w->out, tmin);
}

/* The next transfer (*is_in: received), or NULL at the end. */
static const cen__adj *walk_next(const cen__graph *g, st_walk *w, int *is_in)
{
	const cen__adj *yi = w->i < w->in->len ? cen__ring_adj(w->in, w->i) : NULL;
	const cen__adj *yo = w->o < w->out->len ? cen__ring_adj(w->out, w->o) : NULL;
	if (!yi && !yo)
		return NULL;
	*is_in = yi && (!yo || cen__adj_ts(g, yi) <= cen__adj_ts(g, yo));
	*is_in ? w->i++ : w->o++;
	return *is_in ? yi : yo;
}

/* Does b pass on what it receives? Its transfers of at least min_amount in
 * the window with accounts other than hubs: what it paid after the first
 * of them came in is between min_passed and 1.05 times what came in. What
 * it paid before any came (last month's rent) and its everyday spending
 * are left out; paying on more than it got is spending money of its own.
 * One scan of each ring, newest first; most accounts fail it. */
static int relays(const st_det *st, const cen__graph *g, uint32_t b, int64_t tmin)
{
	const cen__vertex *v = &g->v[b];
	if (!v->deg_in || !v->deg_out || v->fan_in > 4 * MAX_W || v->fan_out > 4 * MAX_W ||
	    cen__is_hub(g, b))
		return 0;
	int64_t big = (int64_t)(st->min_amount * 100.0), first_in = INT64_MAX;
	double got = 0, paid = 0;
	cen__ring_rev it = cen__ring_rev_from(&v->in, v->in.len);
	for (uint32_t q = v->in.len; q-- > 0;) { /* newest first: one pass per ring */
		const cen__adj *y = cen__ring_rev_next(&it);
		int64_t ts = cen__adj_ts(g, y);
		if (ts < tmin)
			break;
		int64_t am = cen__adj_amount(g, y);
		if (am >= big && !cen__is_hub(g, y->other)) {
			got += cen__dollars(am);
			first_in = ts;
		}
	}
	it = cen__ring_rev_from(&v->out, v->out.len);
	for (uint32_t q = v->out.len; q-- > 0 && got > 0;) {
		const cen__adj *y = cen__ring_rev_next(&it);
		if (cen__adj_ts(g, y) < first_in)
			break;
		int64_t am = cen__adj_amount(g, y);
		if (am >= big && !cen__is_hub(g, y->other))
			paid += cen__dollars(am);
	}
	return got > 0 && paid >= st->min_passed * got && paid <= 1.05 * got;
}

static int has(const uint32_t *xs, size_t n, uint32_t x)
{
	for (size_t i = 0; i < n; i++)
		if (xs[i] == x)
			return 1;
	return 0;
}

static int quiet(const st_det *st, uint32_t v, int64_t now)
{
	int64_t l = cen__vtimes_get(&st->last, v);
	return l != INT64_MIN && now - l < st->cooldown;
}

/* The counterparties of v (senders when in, else recipients) over its
 * transfers of at least min_amount in the window that are not hubs, each
 * once, at most MAX_W, among its newest NEIGHBOR_SCAN ring entries (taken
 * from the budget). */
static size_t layer_neighbors(const cen__graph *g, st_stack *s, uint32_t v, int in,
			      uint32_t *out)
{
	const cen__ring *r = in ? &g->v[v].in : &g->v[v].out;
	size_t n = 0;
	uint32_t seen = 0;
	uint64_t bits = 0; /* of out's ids (cen__idset_add) */
	cen__ring_rev it = cen__ring_rev_from(r, r->len);
	for (uint32_t q = r->len; q-- > 0 && seen < NEIGHBOR_SCAN && s->budget && n < MAX_W;
	     seen++, s->budget--) {
		const cen__adj *y = cen__ring_rev_next(&it);
		if (cen__adj_ts(g, y) < s->tmin)
			break;
		uint32_t x = y->other;
		if (cen__adj_amount(g, y) >= s->big && x != v && !cen__is_hub(g, x))
			(void)cen__idset_add(out, &n, &bits, x);
	}
	return n;
}

/* Does x deal with too many accounts to link relays into one layer? More
 * than link_max_counterparties distinct counterparties (senders when in) over transfers
 * of at least min_amount in the window: a landlord collecting rent from
 * many tenants, a supplier paid by many shops, an employer paying its
 * staff. Two accounts paying the same landlord are not one scheme. */
static int common_party(const st_det *st, const cen__graph *g, const st_stack *s, uint32_t x,
			int in)
{
	const cen__ring *r = in ? &g->v[x].in : &g->v[x].out;
	uint32_t seen[MAX_LINK_FAN + 1];
	size_t n = 0;
	uint64_t bits = 0; /* of seen's ids (cen__idset_add) */
	uint32_t scanned = 0;
	cen__ring_rev it = cen__ring_rev_from(r, r->len);
	for (uint32_t q = r->len; q-- > 0 && scanned < LINK_SCAN; scanned++) {
		const cen__adj *y = cen__ring_rev_next(&it);
		if (cen__adj_ts(g, y) < s->tmin)
			break;
		if (cen__adj_amount(g, y) >= s->big && cen__idset_add(seen, &n, &bits, y->other) &&
		    n > st->link_fan)
			return 1;
	}
	return 0;
}

/* Adds to the relays every account that relays and is paid by a sender of
 * v (in) or pays a recipient of v (out), unless that counterparty is a
 * common party. */
static void add_siblings(const st_det *st, cen__engine *e, st_stack *s, uint32_t v, int in)
{
	const cen__graph *g = &e->g;
	uint32_t nb[MAX_W], sib[MAX_W];
	size_t n = layer_neighbors(g, s, v, in, nb);
	for (size_t i = 0; i < n && s->nb < MAX_W; i++) {
		if (common_party(st, g, s, nb[i], !in))
			continue;
		/* the senders' other recipients, the recipients' other senders */
		size_t m = layer_neighbors(g, s, nb[i], !in, sib);
		for (size_t j = 0; j < m && s->nb < MAX_W; j++) {
			uint32_t x = sib[j];
			if (!has(s->B, s->nb, x) && !quiet(st, x, e->clock) &&
			    relays(st, g, x, s->tmin))
				s->B[s->nb++] = x;
		}
	}
}

/* Grows the relay layer from s->B[0], breadth first. */
static void grow_relays(const st_det *st, cen__engine *e, st_stack *s)
{
	for (size_t i = 0; i < s->nb && s->nb < MAX_W && s->budget; i++) {
		add_siblings(st, e, s, s->B[i], 1);
		add_siblings(st, e, s, s->B[i], 0);
	}
	if (!s->budget)
		e->search_truncated++;
}

/* The first layer: every sender of the relays (layer-sized, no hub) that
 * is not itself a relay. */
static void first_layer(const cen__graph *g, st_stack *s)
{
	s->na = 0;
	for (size_t k = 0; k < s->nb; k++) {
		const cen__ring *r = &g->v[s->B[k]].in;
		cen__ring_rev it = cen__ring_rev_from(r, r->len);
		for (uint32_t q = r->len; q-- > 0 && s->na < MAX_SIDE;) {
			const cen__adj *y = cen__ring_rev_next(&it);
			if (cen__adj_ts(g, y) < s->tmin)
				break;
			uint32_t x = y->other;
			if (cen__adj_amount(g, y) >= s->big && !cen__is_hub(g, x) &&
			    !has(s->B, s->nb, x) && !has(s->A, s->na, x))
				s->A[s->na++] = x;
		}
	}
}

/* Is y a transfer of the last layer: layer-sized, to an account that is
 * neither a hub nor a relay nor in the first layer? */
static int to_last_layer(const cen__graph *g, const st_stack *s, const cen__adj *y)
{
	uint32_t x = y->other;
	return cen__adj_amount(g, y) >= s->big && !cen__is_hub(g, x) && !has(s->B, s->nb, x) &&
	       !has(s->A, s->na, x);
}

/* Walks relay r's transfers from A and to the last layer in time order and
 * counts what it passed on out of money it had from A: a transfer out
 * counts when the relay's total passed on stays within 105% of what A gave
 * it so far. Adds r's counted transfers to the stack when it passed on
 * min_passed of what it got (returns 1), else leaves the stack as it was
 * (returns 0). */
static int relay_flow(const st_det *st, const cen__graph *g, st_stack *s, uint32_t r)
{
	uint32_t ne0 = s->ne, last_out = ne0;
	double got = 0, passed = 0, got_by_last_out = 0;
	st_walk w;
	walk_start(g, r, s->tmin, &w);
	int in;
	for (const cen__adj *y; (y = walk_next(g, &w, &in));) {
		double am = cen__dollars(cen__adj_amount(g, y));
		if (in) {
			if (cen__adj_amount(g, y) < s->big || !has(s->A, s->na, y->other))
				continue;
			got += am;
		} else {
			if (!to_last_layer(g, s, y) || passed + am > 1.05 * got)
				continue;
			passed += am;
			got_by_last_out = got;
		}
		if (s->ne < MAX_EDGES)
			s->edges[s->ne++] = (st_edge){cen__adj_seq(g, y), r, y->other, am, in};
		if (!in)
			last_out = s->ne;
	}
	/* money that came after the last transfer passed on has not gone
	 * through the relay (yet): not part of the stack */
	s->ne = last_out;
	if (got_by_last_out > 0 && passed >= st->min_passed * got_by_last_out)
		return 1;
	s->ne = ne0;
	return 0;
}

/* Keeps the relays that pass on what A gave them, with their transfers. */
static void judge_relays(const st_det *st, const cen__graph *g, st_stack *s)
{
	size_t kept = 0;
	s->ne = 0;
	for (size_t k = 0; k < s->nb; k++)
		if (relay_flow(st, g, s, s->B[k]))
			s->B[kept++] = s->B[k];
	s->nb = kept;
}

/* Do relays x and y share a counterparty on the same side, one that is
 * not a common party? */
static int linked(const st_det *st, const cen__graph *g, const st_stack *s, uint32_t x,
		  uint32_t y)
{
	for (uint32_t i = 0; i < s->ne; i++) {
		const st_edge *a = &s->edges[i];
		if (a->relay != x)
			continue;
		for (uint32_t j = 0; j < s->ne; j++) {
			const st_edge *b = &s->edges[j];
			if (b->relay == y && b->other == a->other && b->in == a->in &&
			    !common_party(st, g, s, a->other, !a->in))
				return 1;
		}
	}
	return 0;
}

/* Keeps only the relays the trigger relay b is connected to through shared
 * senders or recipients, counting counted transfers only: relays whose
 * money never meets are separate flows, not one layer. Then A, C and the
 * totals are what the transfers kept say. */
static void keep_connected(const st_det *st, const cen__graph *g, st_stack *s, uint32_t bv)
{
	uint32_t R[MAX_W];
	size_t nr = 0;
	R[nr++] = bv;
	for (size_t i = 0; i < nr; i++)
		for (size_t k = 0; k < s->nb; k++)
			if (!has(R, nr, s->B[k]) && linked(st, g, s, R[i], s->B[k]))
				R[nr++] = s->B[k];
	s->nb = 0;
	for (size_t k = 0; k < nr; k++)
		s->B[s->nb++] = R[k];
	uint32_t kept = 0;
	s->na = s->nc = 0;
	s->amount_in = s->amount_out = 0;
	for (uint32_t i = 0; i < s->ne; i++) {
		st_edge ed = s->edges[i];
		if (!has(R, nr, ed.relay))
			continue;
		s->edges[kept++] = ed;
		uint32_t *set = ed.in ? s->A : s->C;
		size_t *n = ed.in ? &s->na : &s->nc;
		if (!has(set, *n, ed.other) && *n < MAX_SIDE)
			set[(*n)++] = ed.other;
		*(ed.in ? &s->amount_in : &s->amount_out) += ed.amount;
	}
	s->ne = kept;
}

static int emit_stack(cen__det *d, const st_stack *s)
{
	st_det *st = (st_det *)d;
	cen__engine *e = d->eng;
	const cen__graph *g = &e->g;
	for (size_t k = 0; k < s->nb; k++)
		if (cen__vtimes_set(&st->last, s->B[k], e->clock))
			return CEN_ENOMEM;
	double score = 0.55 + 0.05 * (double)(s->na + s->nb + s->nc - 3 * st->min_width);
	cen__alert_b *b = cen__alert_begin(d, score > 1 ? 1 : score);
	for (size_t i = 0; i < s->na; i++)
		cen__alert_account(b, s->A[i]);
	for (size_t k = 0; k < s->nb; k++)
		cen__alert_account(b, s->B[k]);
	for (size_t i = 0; i < s->nc; i++)
		cen__alert_account(b, s->C[i]);
	for (uint32_t q = 0; q < s->ne; q++)
		cen__alert_edge(b, s->edges[q].seq);
	char m1[48], m2[48];
	cen__fmt_money(m1, sizeof m1, s->amount_in);
	cen__fmt_money(m2, sizeof m2, s->amount_out);
	cen__alert_explain(b, "%s from %zu accounts was layered through %zu relay accounts, "
			   "which passed %s on to %zu further accounts.", m1, s->na, s->nb, m2,
			   s->nc);
	cen_buf *ev = cen__alert_evidence(b);
	int w = cen__alert_printf(ev, "\"layers\":3,\"amount_in\":%.2f,\"amount_out\":%.2f,",
			       s->amount_in, s->amount_out);
	w |= cen__json_accounts(ev, "first", g, s->A, s->na);
	w |= cen_buf_putc(ev, ',');
	w |= cen__json_accounts(ev, "relays", g, s->B, s->nb);
	w |= cen_buf_putc(ev, ',');
	w |= cen__json_accounts(ev, "last", g, s->C, s->nc);
	if (w)
		return CEN_ENOMEM;
	return cen__alert_emit(b);
}

/* Is there a stack with relay bv among the transfers since tmin? Fills s. */
static int find_stack(const st_det *st, cen__engine *e, uint32_t bv, int64_t tmin, st_stack *s)
{
	const cen__graph *g = &e->g;
	s->tmin = tmin;
	s->big = (int64_t)(st->min_amount * 100.0);
	s->budget = SCAN_BUDGET;
	s->B[0] = bv;
	s->nb = 1;
	grow_relays(st, e, s);
	if (s->nb < st->min_width)
		return 0;
	first_layer(g, s);
	if (s->na < st->min_width)
		return 0;
	judge_relays(st, g, s);
	if (!has(s->B, s->nb, bv))
		return 0;
	keep_connected(st, g, s, bv);
	return s->nb >= st->min_width && s->na >= st->min_width && s->nc >= st->min_width;
}

/* The decision on a stack queued by relay bv at due - decide_after: the
 * same search over everything from the window before then until now, so
 * the relays and transfers that came meanwhile are part of it. */
static int decide(cen__det *d, uint32_t bv, int64_t due)
{
	st_det *st = (st_det *)d;
	cen__engine *e = d->eng;
	if (quiet(st, bv, e->clock)) {
		cen__det_suppressed(d);
		return 0;
	}
	st_stack s;
	if (!find_stack(st, e, bv, due - st->decide_after - st->window, &s))
		return 0;
	return emit_stack(d, &s);
}

static int on_advance(cen__det *d, int64_t clock)
{
	return cen__dueq_advance(&((st_det *)d)->q, d, clock, 0, decide);
}

static int flush(cen__det *d)
{
	return cen__dueq_advance(&((st_det *)d)->q, d, 0, 1, decide);
}

/* bv relays: its stack, alerted or queued for the decision. Out of line
 * (its stack is large), so the gate in on_edge saves no registers for it. */
static __attribute__((noinline)) int stack_at(cen__det *d, uint32_t bv, int64_t tmin)
{
	st_det *st = (st_det *)d;
	cen__engine *e = d->eng;
	if (quiet(st, bv, e->clock)) {
		cen__det_suppressed(d);
		return 0;
	}
	if (cen__vbits_has(&st->q.pending, bv))
		return 0; /* its stack is decided later anyway */
	st_stack s;
	if (!find_stack(st, e, bv, tmin, &s))
		return 0;
	if (!st->decide_after)
		return emit_stack(d, &s);
	int64_t due = e->clock + st->decide_after;
	cen__det_due(d, due);
	return cen__dueq_push(&st->q, bv, due);
}

/* An edge of bv's passed the gate of on_edge: bv's stack when bv relays.
 * Out of line, so the gate that turns most edges away saves and restores
 * no registers for it. */
static __attribute__((noinline)) int relay_edge(cen__det *d, uint32_t bv)
{
	const st_det *st = (const st_det *)d;
	const cen__engine *e = d->eng;
	int64_t tmin = e->clock - st->window;
	if (!relays(st, &e->g, bv, tmin))
		return 0;
	return stack_at(d, bv, tmin);
}

static int on_edge(cen__det *d, const cen__edge_ctx *x)
{
	const st_det *st = (const st_det *)d;
	const cen__graph *g = &d->eng->g;
	uint32_t bv = x->src;
	assert(bv != x->dst); /* skip_self */
	if (x->amount < st->min_cents || cen__is_hub(g, x->dst))
		return 0;
	return relay_edge(d, bv);
}

const cen__det_ops cen__det_stack = {
	.name = "stack",
	.size = sizeof(st_det),
	.init = init,
	.on_edge = on_edge,
	.on_advance = on_advance,
	.flush = flush,
	.release = release,
	.keys = keys,
	.nkeys = sizeof keys / sizeof keys[0],
	.skip_self = true,
};
