/* det_stack.c - the `stack` detector: layering, money moved from a group
 * of accounts through a layer of intermediaries into a common account
 * (A -> B -> c, |A| >= min_width, |B| >= min_width) within the window.
 *
 * Checked on an edge b -> c new for the pair, when b received from between
 * min_width and MAX_W senders and c from at least min_width: A = recent
 * senders of b (before this edge); B = b plus every other recipient b' of
 * an account of A that also pays c (pair table). A single source is a
 * scatter-gather, not a stack, so A needs min_width accounts. An
 * intermediary counts only if it passed on most of what it received (all
 * it paid out in the window over all it received, between
 * min_passed and 1.05). One alert per
 * destination per cooldown; every intermediary is quiet for the cooldown.
 *
 * What must hold: at most MAX_W x MAX_W pair lookups per edge.
 */
#include <stdio.h>

#include "detect/det_util.h"
#include "core/banned.h"

#define MAX_W 16

typedef struct st_det {
	cen__det base;
	int64_t window, cooldown;
	uint32_t min_width;
	double min_passed;
	cen__vtimes last;
} st_det;

static const cen_rules_key keys[] = {
	{"window", CEN_RULES_NUMBER},
	{"cooldown", CEN_RULES_NUMBER},
	{"min_width", CEN_RULES_INT},
	{"min_passed", CEN_RULES_NUMBER},
};

static int init(cen__det *d, const cen_rules *r, char *err, size_t errlen)
{
	st_det *s = (st_det *)d;
	const char *t = d->ops->name;
	s->window = (int64_t)cen_rules_get_double(r, t, "window", 3 * 86400.0);
	s->cooldown = (int64_t)cen_rules_get_double(r, t, "cooldown", (double)s->window);
	int64_t w = cen_rules_get_int(r, t, "min_width", 2);
	s->min_passed = cen_rules_get_double(r, t, "min_passed", 0.7);
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

/* Does b pass on what the accounts of A paid it? */
static int relays(const st_det *st, const cen__graph *g, uint32_t b, int64_t tmin)
{
	double got = 0, paid = 0;
	const cen__ring *ri = &g->v[b].in, *ro = &g->v[b].out;
	for (uint32_t q = ri->len; q-- > 0;) {
		uint64_t es = cen__ring_at(ri, q);
		const cen__edge *y = cen__graph_edge(g, es);
		if (!cen__graph_live(g, es) || y->ts < tmin)
			break;
		got += cen__dollars(y->amount);
	}
	for (uint32_t q = ro->len; q-- > 0;) {
		uint64_t es = cen__ring_at(ro, q);
		const cen__edge *y = cen__graph_edge(g, es);
		if (!cen__graph_live(g, es) || y->ts < tmin)
			break;
		paid += cen__dollars(y->amount);
	}
	return got > 0 && paid >= st->min_passed * got && paid <= 1.05 * got;
}

static int on_edge(cen__det *d, uint64_t seq, const cen_txn *t)
{
	(void)t;
	st_det *st = (st_det *)d;
	cen__engine *e = d->eng;
	const cen__graph *g = &e->g;
	const cen__edge *x = cen__graph_edge(g, seq);
	uint32_t bv = x->src, c = x->dst;
	const cen__vertex *bx = &g->v[bv];
	if (bv == c || bx->fan_in < st->min_width || bx->fan_in > MAX_W ||
	    bx->fan_out > MAX_W || g->v[c].fan_in < st->min_width ||
	    cen__graph_pair_count(g, bv, c) != 1 || cen__is_hub(g, c))
		return 0;
	int64_t lc = cen__vtimes_get(&st->last, c), lb = cen__vtimes_get(&st->last, bv);
	if ((lc != INT64_MIN && e->clock - lc < st->cooldown) ||
	    (lb != INT64_MIN && e->clock - lb < st->cooldown)) {
		cen__det_suppressed(d);
		return 0;
	}
	int64_t tmin = e->clock - st->window;
	uint32_t A[MAX_W], B[MAX_W];
	size_t na = cen__neighbors(g, &bx->in, 1, tmin, seq, c, A, MAX_W, 4 * MAX_W);
	if (na < st->min_width)
		return 0;
	size_t nb = 0;
	if (!relays(st, g, bv, tmin))
		return 0;
	B[nb++] = bv;
	for (size_t i = 0; i < na && nb < MAX_W; i++) {
		if (cen__is_hub(g, A[i]))
			continue;
		uint32_t outs[MAX_W];
		size_t no = cen__neighbors(g, &g->v[A[i]].out, 0, tmin, seq, c, outs, MAX_W,
					   4 * MAX_W);
		for (size_t j = 0; j < no && nb < MAX_W; j++) {
			uint32_t y = outs[j];
			size_t k = 0;
			while (k < nb && B[k] != y)
				k++;
			if (k < nb || y == c || g->v[y].fan_out > MAX_W ||
			    !cen__graph_pair_count(g, y, c) || !relays(st, g, y, tmin))
				continue;
			B[nb++] = y;
		}
	}
	if (nb < st->min_width)
		return 0;
	/* The sources of the first layer: senders of any B member among A. */
	for (size_t k = 0; k < nb; k++)
		if (cen__vtimes_set(&st->last, B[k], e->clock))
			return CEN_ENOMEM;
	if (cen__vtimes_set(&st->last, c, e->clock))
		return CEN_ENOMEM;
	double score = 0.55 + 0.1 * (double)(na + nb - 2 * st->min_width);
	cen__alert_b *b = cen__alert_begin(d, score > 1 ? 1 : score);
	for (size_t i = 0; i < na; i++)
		cen__alert_account(b, A[i]);
	for (size_t k = 0; k < nb; k++)
		cen__alert_account(b, B[k]);
	cen__alert_account(b, c);
	double total_in = 0, total_out = 0;
	for (size_t k = 0; k < nb; k++) {
		const cen__ring *ri = &g->v[B[k]].in, *ro = &g->v[B[k]].out;
		for (uint32_t q = ri->len; q-- > 0;) {
			uint64_t es = cen__ring_at(ri, q);
			const cen__edge *y = cen__graph_edge(g, es);
			if (!cen__graph_live(g, es) || y->ts < tmin)
				break;
			for (size_t i = 0; i < na; i++)
				if (y->src == A[i]) {
					cen__alert_edge(b, es);
					total_in += cen__dollars(y->amount);
					break;
				}
		}
		for (uint32_t q = ro->len; q-- > 0;) {
			uint64_t es = cen__ring_at(ro, q);
			const cen__edge *y = cen__graph_edge(g, es);
			if (!cen__graph_live(g, es) || y->ts < tmin)
				break;
			if (y->dst == c) {
				cen__alert_edge(b, es);
				total_out += cen__dollars(y->amount);
			}
		}
	}
	char m1[48], m2[48];
	cen__fmt_money(m1, sizeof m1, total_in);
	cen__fmt_money(m2, sizeof m2, total_out);
	cen__alert_explain(b, "%s from %zu accounts was layered through %zu intermediary "
			   "accounts, which passed %s on to %s.", m1, na, nb, m2,
			   cen__graph_vname(g, c));
	cen_buf *ev = cen__alert_evidence(b);
	int w = cen_buf_printf(ev, "\"layers\":3,\"first_layer\":%zu,\"second_layer\":%zu,"
			       "\"amount_in\":%.2f,\"amount_out\":%.2f,", na, nb, total_in, total_out);
	w |= cen__json_accounts(ev, "first", g, A, na);
	w |= cen_buf_putc(ev, ',');
	w |= cen__json_accounts(ev, "second", g, B, nb);
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
