/* det_stack.c - the `stack` detector: layering, money moved from a group
 * of accounts through a layer of relay accounts on to another group
 * (A -> B -> C, each layer at least min_width accounts) within the window.
 *
 * A relay passes on most of what it receives: all it paid out in the window
 * over all it received, between min_passed and 1.05. Checked on an edge
 * b -> c of at least min_amount from a relay b: A = b's senders of at least
 * min_amount; B = b and every other relay paid at least min_amount by an
 * account of A; C = the recipients (at least min_amount) of the relays of
 * B. A single source fanning out and back in is a scatter-gather, one relay
 * a pass-through: a stack needs min_width accounts in every layer, and the
 * relays together must pass on to C between min_passed and 1.05 of what A
 * gave them. The relays of an alerted stack are quiet for the cooldown.
 *
 * What must hold: at most MAX_W x MAX_W ring scans per checked edge, and
 * none for small amounts or for accounts that do not relay.
 */
#include <stdio.h>

#include "detect/det_util.h"
#include "core/banned.h"

#define MAX_W 16

typedef struct st_det {
	cen__det base;
	int64_t window, cooldown;
	uint32_t min_width;
	double min_passed, min_amount;
	cen__vtimes last;
} st_det;

static const cen_rules_key keys[] = {
	{"window", CEN_RULES_NUMBER},     {"cooldown", CEN_RULES_NUMBER},
	{"min_width", CEN_RULES_INT},     {"min_passed", CEN_RULES_NUMBER},
	{"min_amount", CEN_RULES_NUMBER},
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
	if (s->window <= 0 || w < 2 || w > MAX_W) {
		snprintf(err, errlen, "window must be > 0, min_width 2..%d", MAX_W);
		return CEN_EINVAL;
	}
	s->min_width = (uint32_t)w;
	d->window = s->window;
	return 0;
}

static void release(cen__det *d)
{
	cen__vtimes_release(&((st_det *)d)->last);
}

/* Does b pass on what it received? */
static int relays(const st_det *st, const cen__graph *g, uint32_t b, int64_t tmin)
{
	const cen__vertex *v = &g->v[b];
	if (!v->deg_in || !v->deg_out || v->fan_in > 4 * MAX_W || v->fan_out > 4 * MAX_W)
		return 0;
	double got = 0, paid = 0;
	const cen__ring *rs[2] = {&v->in, &v->out};
	for (int k = 0; k < 2; k++)
		for (uint32_t q = rs[k]->len; q-- > 0;) {
			const cen__adj *y = cen__ring_adj(rs[k], q);
			if (cen__adj_ts(g, y) < tmin)
				break;
			*(k ? &paid : &got) += cen__dollars(cen__adj_amount(g, y));
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

/* Adds to set (n, cap MAX_W) the counterparties of v over edges of at least
 * min_amount in the window: senders (in) or recipients. */
static void big_neighbors(const st_det *st, const cen__graph *g, uint32_t v, int in,
			  int64_t tmin, uint32_t *set, size_t *n)
{
	const cen__ring *r = in ? &g->v[v].in : &g->v[v].out;
	uint32_t seen = 0;
	for (uint32_t q = r->len; q-- > 0 && seen < 4 * MAX_W && *n < MAX_W; seen++) {
		const cen__adj *y = cen__ring_adj(r, q);
		if (cen__adj_ts(g, y) < tmin)
			break;
		uint32_t x = y->other;
		if (cen__dollars(cen__adj_amount(g, y)) >= st->min_amount && x != v && !has(set, *n, x))
			set[(*n)++] = x;
	}
}

static int quiet(const st_det *st, uint32_t v, int64_t now)
{
	int64_t l = cen__vtimes_get(&st->last, v);
	return l != INT64_MIN && now - l < st->cooldown;
}

/* The relays' transfers of at least min_amount from the first layer A and
 * to the last layer C: their totals, and each added to the alert b (when
 * not NULL). */
static double layer_edges(const st_det *st, const cen__graph *g, const uint32_t *B, size_t nb,
			  const uint32_t *A, size_t na, const uint32_t *C, size_t nc, int64_t tmin,
			  cen__alert_b *b, double *total_in, double *total_out)
{
	*total_in = *total_out = 0;
	double tw[2] = {0, 0}; /* amount-weighted times (from tmin) of each side */
	for (size_t k = 0; k < nb; k++) {
		const cen__ring *rs[2] = {&g->v[B[k]].in, &g->v[B[k]].out};
		for (int side = 0; side < 2; side++)
			for (uint32_t q = rs[side]->len; q-- > 0;) {
				const cen__adj *y = cen__ring_adj(rs[side], q);
				if (cen__adj_ts(g, y) < tmin)
					break;
				double am = cen__dollars(cen__adj_amount(g, y));
				if (!has(side ? C : A, side ? nc : na, y->other) || am < st->min_amount)
					continue;
				if (b)
					cen__alert_edge(b, cen__adj_seq(g, y));
				*(side ? total_out : total_in) += am;
				tw[side] += (double)(cen__adj_ts(g, y) - tmin) * am;
			}
	}
	/* seconds by which the money left the relays after it reached them */
	return *total_in > 0 && *total_out > 0 ? tw[1] / *total_out - tw[0] / *total_in : 0;
}

static int on_edge(cen__det *d, uint64_t seq, const cen_txn *t)
{
	(void)t;
	st_det *st = (st_det *)d;
	cen__engine *e = d->eng;
	const cen__graph *g = &e->g;
	const cen__edge *x = cen__graph_edge(g, seq);
	uint32_t bv = x->src;
	if (bv == x->dst || cen__dollars(x->amount) < st->min_amount || cen__is_hub(g, bv))
		return 0;
	int64_t tmin = e->clock - st->window;
	if (!relays(st, g, bv, tmin))
		return 0;
	if (quiet(st, bv, e->clock)) {
		cen__det_suppressed(d);
		return 0;
	}
	uint32_t A[MAX_W], B[MAX_W], C[MAX_W];
	size_t na = 0, nb = 0, nc = 0;
	big_neighbors(st, g, bv, 1, tmin, A, &na);
	B[nb++] = bv;
	for (size_t i = 0; i < na && nb < MAX_W; i++) {
		if (cen__is_hub(g, A[i]))
			continue;
		uint32_t outs[MAX_W];
		size_t no = 0;
		big_neighbors(st, g, A[i], 0, tmin, outs, &no);
		for (size_t j = 0; j < no && nb < MAX_W; j++)
			if (!has(B, nb, outs[j]) && !has(A, na, outs[j]) && !quiet(st, outs[j], e->clock) &&
			    relays(st, g, outs[j], tmin))
				B[nb++] = outs[j];
	}
	if (nb < st->min_width)
		return 0;
	/* The first layer is every big sender of the relays; the last, every
	 * big recipient; neither may overlap the relays. */
	for (size_t k = 0; k < nb; k++) {
		big_neighbors(st, g, B[k], 1, tmin, A, &na);
		big_neighbors(st, g, B[k], 0, tmin, C, &nc);
	}
	size_t na2 = 0, nc2 = 0;
	for (size_t i = 0; i < na; i++)
		if (!has(B, nb, A[i]))
			A[na2++] = A[i];
	for (size_t i = 0; i < nc; i++)
		if (!has(B, nb, C[i]) && !has(A, na2, C[i]))
			C[nc2++] = C[i];
	na = na2;
	nc = nc2;
	if (na < st->min_width || nc < st->min_width)
		return 0;
	/* The layer as a whole conserves money too: what the relays passed on
	 * to the last layer is about what the first layer gave them (relays
	 * with other income pay more than the first layer brought). */
	double total_in = 0, total_out = 0;
	double lag = layer_edges(st, g, B, nb, A, na, C, nc, tmin, NULL, &total_in, &total_out);
	if (total_in <= 0 || total_out < st->min_passed * total_in || total_out > 1.05 * total_in ||
	    lag <= 0)
		return 0;
	for (size_t k = 0; k < nb; k++)
		if (cen__vtimes_set(&st->last, B[k], e->clock))
			return CEN_ENOMEM;
	double score = 0.55 + 0.05 * (double)(na + nb + nc - 3 * st->min_width);
	cen__alert_b *b = cen__alert_begin(d, score > 1 ? 1 : score);
	for (size_t i = 0; i < na; i++)
		cen__alert_account(b, A[i]);
	for (size_t k = 0; k < nb; k++)
		cen__alert_account(b, B[k]);
	for (size_t i = 0; i < nc; i++)
		cen__alert_account(b, C[i]);
	(void)layer_edges(st, g, B, nb, A, na, C, nc, tmin, b, &total_in, &total_out);
	char m1[48], m2[48];
	cen__fmt_money(m1, sizeof m1, total_in);
	cen__fmt_money(m2, sizeof m2, total_out);
	cen__alert_explain(b, "%s from %zu accounts was layered through %zu relay accounts, "
			   "which passed %s on to %zu further accounts.", m1, na, nb, m2, nc);
	cen_buf *ev = cen__alert_evidence(b);
	int w = cen_buf_printf(ev, "\"layers\":3,\"amount_in\":%.2f,\"amount_out\":%.2f,",
			       total_in, total_out);
	w |= cen__json_accounts(ev, "first", g, A, na);
	w |= cen_buf_putc(ev, ',');
	w |= cen__json_accounts(ev, "relays", g, B, nb);
	w |= cen_buf_putc(ev, ',');
	w |= cen__json_accounts(ev, "last", g, C, nc);
	if (w)
		return CEN_ENOMEM;
	return cen__alert_emit(b);
}

const cen__det_ops cen__det_stack = {
	.name = "stack",
	.size = sizeof(st_det),
	.init = init,
	.on_edge = on_edge,
	.release = release,
	.keys = keys,
	.nkeys = sizeof keys / sizeof keys[0],
};
