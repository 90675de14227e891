/* det_bipartite.c - the `bipartite` detector: a group of accounts that all
 * pay the same group of recipients (many-to-many, a dense block S x D)
 * within the window.
 *
 * Checked on an edge u -> v of at least half min_mean, new for the pair.
 * S = recent senders of v, D = recent recipients of u, both counting only
 * transfers of at least half min_mean (at most MAX_SIDE each, among the
 * newest SCAN_MAX ring entries); the pair table fills the |S| x |D| matrix
 * (at most MAX_SIDE^2 O(1) lookups). Senders paying at least min_links of
 * D and recipients paid by at least min_links of those senders form the
 * block, which needs min_side accounts on each side; it must contain u and v, be at least min_density full and move
 * comparable amounts (coefficient of variation <= max_cv: a household
 * paying the same utilities does not). Every
 * account of an alerted block is quiet for the cooldown (growth of the
 * block is counted as suppressed).
 */
#include <stdio.h>
#include <string.h>

#include "detect/det_util.h"
#include "core/banned.h"

#define MAX_SIDE 16
#define MAX_BLOCK 512 /* edges of a block looked at */
#define SCAN_MAX 256  /* ring entries looked at for each side */

typedef struct bp_det {
	cen__det base;
	int64_t window, cooldown;
	uint32_t min_side, min_links;
	double min_density, max_cv, min_mean;
	cen__vtimes last;
} bp_det;

static const cen_rules_key keys[] = {
	{"window", CEN_RULES_NUMBER}, {"cooldown", CEN_RULES_NUMBER},
	{"min_side", CEN_RULES_INT},  {"min_density", CEN_RULES_NUMBER},
	{"max_cv", CEN_RULES_NUMBER}, {"min_links", CEN_RULES_INT},
	{"min_mean", CEN_RULES_NUMBER},
};

static int init(cen__det *d, const cen_rules *r, char *err, size_t errlen)
{
	bp_det *p = (bp_det *)d;
	const char *t = d->ops->name;
	p->window = (int64_t)cen_rules_get_double(r, t, "window", 3 * 86400.0);
	p->cooldown = (int64_t)cen_rules_get_double(r, t, "cooldown", (double)p->window);
	int64_t ms = cen_rules_get_int(r, t, "min_side", 3);
	p->min_density = cen_rules_get_double(r, t, "min_density", 0.5);
	int64_t ml = cen_rules_get_int(r, t, "min_links", 2);
	p->min_mean = cen_rules_get_double(r, t, "min_mean", 1000);
	if (ml < 1 || ml > MAX_SIDE) {
		snprintf(err, errlen, "min_links 1..%d", MAX_SIDE);
		return CEN_EINVAL;
	}
	p->min_links = (uint32_t)ml;
	p->max_cv = cen_rules_get_double(r, t, "max_cv", 0.5);
	if (p->window <= 0 || ms < 2 || ms > MAX_SIDE || p->min_density <= 0 ||
	    p->min_density > 1) {
		snprintf(err, errlen, "window must be > 0, min_side 2..%d, min_density in (0, 1]",
			 MAX_SIDE);
		return CEN_EINVAL;
	}
	p->min_side = (uint32_t)ms;
	d->window = p->window;
	return 0;
}

static void release(cen__det *d)
{
	cen__vtimes_release(&((bp_det *)d)->last);
}

static int quiet(const bp_det *p, uint32_t v, int64_t now)
{
	int64_t l = cen__vtimes_get(&p->last, v);
	return l != INT64_MIN && now - l < p->cooldown;
}

static int on_edge(cen__det *d, uint64_t seq, const cen_txn *t)
{
	(void)t;
	bp_det *p = (bp_det *)d;
	cen__engine *e = d->eng;
	const cen__graph *g = &e->g;
	const cen__edge *x = cen__graph_edge(g, seq);
	uint32_t u = x->src, v = x->dst;
	const cen__vertex *uv = &g->v[u], *vv = &g->v[v];
	int64_t big = (int64_t)(0.5 * p->min_mean * 100.0); /* cents: the block's transfers */
	if (u == v || x->amount < big || uv->fan_out < p->min_links || vv->fan_in < p->min_links ||
	    cen__graph_pair_count(g, u, v) != 1 || cen__is_hub(g, u) || cen__is_hub(g, v))
		return 0;
	if (quiet(p, u, e->clock) && quiet(p, v, e->clock)) {
		cen__det_suppressed(d);
		return 0;
	}
	int64_t tmin = e->clock - p->window;
	uint32_t S[MAX_SIDE], D[MAX_SIDE];
	/* Only transfers the size of the block's count: a shop's card takings
	 * or a household's bills must not crowd its members out. */
	size_t ns = cen__neighbors(g, &vv->in, tmin, big, UINT64_MAX, UINT32_MAX, S, MAX_SIDE,
				   SCAN_MAX);
	size_t nd = cen__neighbors(g, &uv->out, tmin, big, UINT64_MAX, UINT32_MAX, D, MAX_SIDE,
				   SCAN_MAX);
	if (ns < p->min_side || nd < p->min_side)
		return 0;
	unsigned char mat[MAX_SIDE][MAX_SIDE];
	for (size_t i = 0; i < ns; i++) /* up to 256 probes: let them overlap */
		cen__graph_prefetch_vertex(g, S[i]);
	for (size_t i = 0; i < ns; i++)
		cen__graph_prefetch_pairs(g, S[i], D, nd);
	for (size_t i = 0; i < ns; i++)
		for (size_t j = 0; j < nd; j++)
			mat[i][j] = S[i] != D[j] && cen__graph_pair_count(g, S[i], D[j]) > 0;
	int sk[MAX_SIDE], dk[MAX_SIDE];
	size_t nsk = 0, ndk = 0;
	for (size_t i = 0; i < ns; i++) {
		size_t c = 0;
		for (size_t j = 0; j < nd; j++)
			c += mat[i][j];
		sk[i] = c >= p->min_links;
		nsk += (size_t)sk[i];
	}
	for (size_t j = 0; j < nd; j++) {
		size_t c = 0;
		for (size_t i = 0; i < ns; i++)
			c += sk[i] && mat[i][j];
		dk[j] = c >= p->min_links;
		ndk += (size_t)dk[j];
	}
	if (nsk < p->min_side || ndk < p->min_side)
		return 0;
	size_t edges = 0;
	int has_u = 0, has_v = 0;
	for (size_t i = 0; i < ns; i++) {
		if (!sk[i])
			continue;
		has_u |= S[i] == u;
		for (size_t j = 0; j < nd; j++)
			edges += dk[j] && mat[i][j];
	}
	for (size_t j = 0; j < nd; j++)
		has_v |= dk[j] && D[j] == v;
	double density = (double)edges / (double)(nsk * ndk);
	if (!has_u || !has_v || density < p->min_density)
		return 0;
	uint32_t Sk[MAX_SIDE], Dk[MAX_SIDE];
	size_t a = 0, bcount = 0;
	for (size_t i = 0; i < ns; i++)
		if (sk[i])
			Sk[a++] = S[i];
	for (size_t j = 0; j < nd; j++)
		if (dk[j])
			Dk[bcount++] = D[j];
	/* The block's edges in the window (kept for the evidence). */
	uint64_t block[MAX_BLOCK];
	double s1 = 0, s2 = 0;
	uint32_t ne = 0;
	for (size_t i = 0; i < a; i++) {
		const cen__ring *r = &g->v[Sk[i]].out;
		for (uint32_t k = r->len; k-- > 0 && ne < MAX_BLOCK;) {
			const cen__adj *y = cen__ring_adj(r, k);
			if (cen__adj_ts(g, y) < tmin)
				break;
			for (size_t j = 0; j < bcount; j++)
				if (y->other == Dk[j]) {
					double am = cen__dollars(cen__adj_amount(g, y));
					s1 += am;
					s2 += am * am;
					block[ne++] = cen__adj_seq(g, y);
					break;
				}
		}
	}
	if (!ne || cen__cv(s1, s2, ne) > p->max_cv || s1 / ne < p->min_mean)
		return 0;
	for (size_t i = 0; i < a; i++)
		if (cen__vtimes_set(&p->last, Sk[i], e->clock))
			return CEN_ENOMEM;
	for (size_t j = 0; j < bcount; j++)
		if (cen__vtimes_set(&p->last, Dk[j], e->clock))
			return CEN_ENOMEM;
	cen__alert_b *b = cen__alert_begin(d, 0.5 + 0.5 * density);
	for (size_t i = 0; i < a; i++)
		cen__alert_account(b, Sk[i]);
	for (size_t j = 0; j < bcount; j++)
		cen__alert_account(b, Dk[j]);
	double total = s1;
	for (uint32_t k = 0; k < ne; k++)
		cen__alert_edge(b, block[k]);
	char m1[48];
	cen__fmt_money(m1, sizeof m1, total);
	cen__alert_explain(b, "%zu accounts each paid most of the same %zu recipients "
			   "(%zu of %zu possible links, %s in total), a many-to-many "
			   "block rather than independent payments.", a, bcount, edges,
			   a * bcount, m1);
	cen_buf *ev = cen__alert_evidence(b);
	int w = cen_buf_printf(ev, "\"senders\":%zu,\"recipients\":%zu,\"links\":%zu,"
			       "\"density\":%.3f,\"total\":%.2f,", a, bcount, edges, density, total);
	w |= cen__json_accounts(ev, "sender_accounts", g, Sk, a);
	w |= cen_buf_putc(ev, ',');
	w |= cen__json_accounts(ev, "recipient_accounts", g, Dk, bcount);
	if (w)
		return CEN_ENOMEM;
	return cen__alert_emit(b);
}

const cen__det_ops cen__det_bipartite = {
	.name = "bipartite",
	.size = sizeof(bp_det),
	.init = init,
	.on_edge = on_edge,
	.release = release,
	.keys = keys,
	.nkeys = sizeof keys / sizeof keys[0],
};
