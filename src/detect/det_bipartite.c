/* det_bipartite.c - the `bipartite` detector: a group of accounts that all
 * pay the same group of recipients (many-to-many, a dense block S x D)
 * within the window.
 *
 * Checked on an edge u -> v of at least half min_mean, new for the pair.
 * First look: S = recent senders of v, D = recent recipients of u, both
 * counting only transfers of at least half min_mean (at most MAX_SIDE
 * each, among the newest SCAN_MAX ring entries); the pair table fills the
 * |S| x |D| matrix (at most MAX_SIDE^2 O(1) lookups). Hubs (payroll
 * processors, utilities, marketplaces) are left out of both sides, here and
 * when the block grows. With min_links >= 2
 * the edge goes further only if another sender s of v also pays another
 * recipient d of u (s -> v, s -> d, u -> d: a "butterfly"), which every
 * block the first look could see contains and ordinary payments seldom do.
 * Then the block is grown once on both sides, since its members need not
 * all pay v or be paid by u: D gains the recipients of the senders in
 * such butterflies, S the senders of their recipients (at most MAX_GROWN
 * each), and the matrix is filled again (at most MAX_GROWN^2 lookups).
 * Senders paying fewer than min_links of the recipients kept and
 * recipients paid by fewer than min_links of the senders kept are dropped
 * until none is left to drop; what remains is the block, which needs
 * min_side accounts on each side, must contain u and v, be at least
 * min_density full and move comparable amounts of block size (coefficient
 * of variation <= max_cv, mean >= min_mean: a household paying the same
 * utilities does not). A block with no butterfly through any of its later
 * transfers (payers in a ring, each paying the next two payees) is not
 * found.
 *
 * A block found is decided decide_after seconds later (queued by u, v
 * kept beside it): the same search over the window before the edge until
 * then, so payers and payees that join meanwhile are in the one alert.
 * Every account of an alerted block is quiet for the cooldown; an edge
 * between two quiet accounts is counted as suppressed, one that brings in
 * a new account may alert the grown block again.
 *
 * What must hold: per edge at most two ring scans of SCAN_MAX entries and
 * MAX_SIDE^2 pair lookups unless there is a butterfly; sets hold each
 * account once; the alert lists only the block's transfers of block size.
 */
#include <stdio.h>
#include <string.h>

#include "detect/det_util.h"
#include "core/banned.h"

#define MAX_SIDE 16  /* each side at first look */
#define MAX_GROWN 32 /* each side once grown */
#define MAX_BLOCK 512 /* edges of a block looked at */
#define SCAN_MAX 256  /* ring entries looked at for each side */

typedef struct bp_det {
	cen__det base;
	int64_t window, cooldown;
	uint32_t min_side, min_links;
	double min_density, max_cv, min_mean;
	int64_t big;         /* cents: half min_mean, the block's transfers */
	int64_t decide_after;
	cen__vtimes last;
	cen__dueq q;         /* senders u of edges u -> v whose block waits */
	cen__vtimes partner; /* for each u queued, its v */
} bp_det;

static const cen_rules_key keys[] = {
	{"window", CEN_RULES_NUMBER}, {"cooldown", CEN_RULES_NUMBER},
	{"min_side", CEN_RULES_INT},  {"min_density", CEN_RULES_NUMBER},
	{"max_cv", CEN_RULES_NUMBER}, {"min_links", CEN_RULES_INT},
	{"min_mean", CEN_RULES_NUMBER}, {"decide_after", CEN_RULES_NUMBER},
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
	p->big = (int64_t)(0.5 * p->min_mean * 100.0);
	if (ml < 1 || ml > MAX_SIDE) {
		snprintf(err, errlen, "min_links 1..%d", MAX_SIDE);
		return CEN_EINVAL;
	}
	p->min_links = (uint32_t)ml;
	p->max_cv = cen_rules_get_double(r, t, "max_cv", 0.5);
	p->decide_after = (int64_t)cen_rules_get_double(r, t, "decide_after", 12 * 3600.0);
	if (p->window <= 0 || p->decide_after < 0 || ms < 2 || ms > MAX_SIDE || p->min_density <= 0 ||
	    p->min_density > 1) {
		snprintf(err, errlen, "window must be > 0, decide_after >= 0, min_side 2..%d, "
			 "min_density in (0, 1]", MAX_SIDE);
		return CEN_EINVAL;
	}
	p->min_side = (uint32_t)ms;
	/* a decision looks back over the window from the edge that queued it */
	d->window = p->window + p->decide_after;
	return 0;
}

static void release(cen__det *d)
{
	bp_det *p = (bp_det *)d;
	cen__vtimes_release(&p->last);
	cen__dueq_release(&p->q);
	cen__vtimes_release(&p->partner);
}

static int quiet(const bp_det *p, uint32_t v, int64_t now)
{
	int64_t l = cen__vtimes_get(&p->last, v);
	return l != INT64_MIN && now - l < p->cooldown;
}

/* The candidate block: senders S, recipients D, and which pairs have a
 * live edge (link[i][j]: S[i] -> D[j]). */
typedef struct bp_block {
	uint32_t S[MAX_GROWN], D[MAX_GROWN];
	size_t ns, nd;
	unsigned char link[MAX_GROWN][MAX_GROWN];
	unsigned char keep_s[MAX_GROWN], keep_d[MAX_GROWN];
} bp_block;

static int in_set(const uint32_t *xs, size_t n, uint32_t x)
{
	for (size_t i = 0; i < n; i++)
		if (xs[i] == x)
			return 1;
	return 0;
}

/* Adds to set (*n < cap) the counterparties of ring r over transfers of at
 * least big cents since tmin that are not in it yet and not hubs (newest
 * SCAN_MAX entries). */
static void grow(const cen__graph *g, const cen__ring *r, int64_t tmin, int64_t big,
		 uint32_t *set, size_t *n, size_t cap)
{
	uint32_t scanned = 0;
	cen__ring_rev it = cen__ring_rev_from(r, r->len);
	for (uint32_t q = r->len; q-- > 0 && scanned < SCAN_MAX && *n < cap; scanned++) {
		const cen__adj *y = cen__ring_rev_next(&it);
		if (cen__adj_ts(g, y) < tmin)
			break;
		if (cen__adj_amount(g, y) >= big && !cen__is_hub(g, y->other) &&
		    !in_set(set, *n, y->other))
			set[(*n)++] = y->other;
	}
}

/* Drops the hubs from xs (n entries); returns how many are left. */
static size_t drop_hubs(const cen__graph *g, uint32_t *xs, size_t n)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		if (!cen__is_hub(g, xs[i]))
			xs[k++] = xs[i];
	return k;
}

/* Fills link[][] for S x D from the pair counts, but for the row of
 * sender su and the column of recipient sd (UINT32_MAX: none), left 0: the
 * first look at u -> v needs only the pairs of a butterfly, and u pays
 * every recipient of D and v is paid by every sender of S anyway (those
 * are the lookups that find an edge, the longer ones). */
static void fill_links(const cen__graph *g, bp_block *k, uint32_t su, uint32_t sd)
{
	/* up to 1024 probes: let them overlap. The senders' vertex lines, which
	 * tell where each probe reads, are in cache: every sender of k was
	 * tested for being a hub (drop_hubs, grow). */
	for (size_t i = 0; i < k->ns; i++)
		if (k->S[i] != su)
			cen__graph_prefetch_pairs(g, k->S[i], k->D, k->nd);
	for (size_t i = 0; i < k->ns; i++)
		for (size_t j = 0; j < k->nd; j++)
			k->link[i][j] = k->S[i] != k->D[j] && k->S[i] != su && k->D[j] != sd &&
					cen__graph_pair_count(g, k->S[i], k->D[j]) > 0;
}

/* Grows both sides through the butterflies of u -> v: the recipients of
 * every other sender of v that pays another recipient of u, the senders of
 * every such recipient. Returns 0 when there is no butterfly. */
static int grow_through_butterflies(const cen__graph *g, bp_block *k, uint32_t u, uint32_t v,
				    int64_t tmin, int64_t big)
{
	size_t ns0 = k->ns, nd0 = k->nd;
	unsigned char s_in[MAX_GROWN] = {0}, d_in[MAX_GROWN] = {0};
	int any = 0;
	for (size_t i = 0; i < ns0; i++)
		for (size_t j = 0; j < nd0; j++)
			if (k->link[i][j] && k->S[i] != u && k->D[j] != v) {
				s_in[i] = d_in[j] = 1;
				any = 1;
			}
	if (!any)
		return 0;
	for (size_t i = 0; i < ns0; i++)
		if (s_in[i])
			grow(g, &g->v[k->S[i]].out, tmin, big, k->D, &k->nd, MAX_GROWN);
	for (size_t j = 0; j < nd0; j++)
		if (d_in[j])
			grow(g, &g->v[k->D[j]].in, tmin, big, k->S, &k->ns, MAX_GROWN);
	return 1;
}

/* Drops senders with fewer than min_links links to the recipients kept and
 * recipients with fewer than min_links from the senders kept, until
 * nothing changes. Returns the links left; *nsk, *ndk the sides. */
static size_t prune(const bp_det *p, bp_block *k, size_t *nsk, size_t *ndk)
{
	memset(k->keep_s, 1, sizeof k->keep_s);
	memset(k->keep_d, 1, sizeof k->keep_d);
	for (int changed = 1; changed;) {
		changed = 0;
		for (size_t i = 0; i < k->ns; i++) {
			size_t c = 0;
			for (size_t j = 0; j < k->nd; j++)
				c += k->keep_d[j] && k->link[i][j];
			if (k->keep_s[i] && c < p->min_links) {
				k->keep_s[i] = 0;
				changed = 1;
			}
		}
		for (size_t j = 0; j < k->nd; j++) {
			size_t c = 0;
			for (size_t i = 0; i < k->ns; i++)
				c += k->keep_s[i] && k->link[i][j];
			if (k->keep_d[j] && c < p->min_links) {
				k->keep_d[j] = 0;
				changed = 1;
			}
		}
	}
	size_t links = 0;
	*nsk = *ndk = 0;
	for (size_t i = 0; i < k->ns; i++)
		*nsk += k->keep_s[i];
	for (size_t j = 0; j < k->nd; j++) {
		*ndk += k->keep_d[j];
		for (size_t i = 0; i < k->ns; i++)
			links += k->keep_s[i] && k->keep_d[j] && k->link[i][j];
	}
	return links;
}

static int kept(const uint32_t *xs, const unsigned char *keep, size_t n, uint32_t x)
{
	for (size_t i = 0; i < n; i++)
		if (keep[i] && xs[i] == x)
			return 1;
	return 0;
}

/* Keeps only the members of the block in k->S / k->D (in order). */
static void compact(bp_block *k)
{
	size_t a = 0, b = 0;
	for (size_t i = 0; i < k->ns; i++)
		if (k->keep_s[i])
			k->S[a++] = k->S[i];
	for (size_t j = 0; j < k->nd; j++)
		if (k->keep_d[j])
			k->D[b++] = k->D[j];
	k->ns = a;
	k->nd = b;
}

/* The block's transfers of at least big cents in the window (at most
 * MAX_BLOCK): their seqs, sum and sum of squares in dollars. */
static uint32_t block_edges(const cen__graph *g, const bp_block *k, int64_t tmin, int64_t big,
			    uint64_t *seqs, double *s1, double *s2)
{
	uint32_t ne = 0;
	*s1 = *s2 = 0;
	for (size_t i = 0; i < k->ns; i++) {
		const cen__ring *r = &g->v[k->S[i]].out;
		cen__ring_rev it = cen__ring_rev_from(r, r->len);
		for (uint32_t q = r->len; q-- > 0 && ne < MAX_BLOCK;) {
			const cen__adj *y = cen__ring_rev_next(&it);
			if (cen__adj_ts(g, y) < tmin)
				break;
			if (cen__adj_amount(g, y) < big || !in_set(k->D, k->nd, y->other))
				continue;
			double am = cen__dollars(cen__adj_amount(g, y));
			*s1 += am;
			*s2 += am * am;
			seqs[ne++] = cen__adj_seq(g, y);
		}
	}
	return ne;
}

static int emit_block(cen__det *d, const bp_block *k, size_t links, double density,
		      const uint64_t *seqs, uint32_t ne, double total)
{
	bp_det *p = (bp_det *)d;
	cen__engine *e = d->eng;
	const cen__graph *g = &e->g;
	for (size_t i = 0; i < k->ns; i++)
		if (cen__vtimes_set(&p->last, k->S[i], e->clock))
			return CEN_ENOMEM;
	for (size_t j = 0; j < k->nd; j++)
		if (cen__vtimes_set(&p->last, k->D[j], e->clock))
			return CEN_ENOMEM;
	cen__alert_b *b = cen__alert_begin(d, 0.5 + 0.5 * density);
	for (size_t i = 0; i < k->ns; i++)
		cen__alert_account(b, k->S[i]);
	for (size_t j = 0; j < k->nd; j++)
		cen__alert_account(b, k->D[j]);
	for (uint32_t q = 0; q < ne; q++)
		cen__alert_edge(b, seqs[q]);
	char m1[48];
	cen__fmt_money(m1, sizeof m1, total);
	cen__alert_explain(b, "%zu accounts each paid most of the same %zu recipients "
			   "(%zu of %zu possible links, %s in total), a many-to-many "
			   "block rather than independent payments.", k->ns, k->nd, links,
			   k->ns * k->nd, m1);
	cen_buf *ev = cen__alert_evidence(b);
	int w = cen__alert_printf(ev, "\"senders\":%zu,\"recipients\":%zu,\"links\":%zu,"
			       "\"density\":%.3f,\"total\":%.2f,", k->ns, k->nd, links, density,
			       total);
	w |= cen__json_accounts(ev, "sender_accounts", g, k->S, k->ns);
	w |= cen_buf_putc(ev, ',');
	w |= cen__json_accounts(ev, "recipient_accounts", g, k->D, k->nd);
	if (w)
		return CEN_ENOMEM;
	return cen__alert_emit(b);
}

/* Is there a block containing the edge u -> v among the transfers since
 * tmin? Fills k (its members only), *links and *density, and the block's
 * transfers (seqs, ne; s1 their total). */
static int find_block(const bp_det *p, const cen__graph *g, uint32_t u, uint32_t v,
		      int64_t tmin, bp_block *k, size_t *links, double *density,
		      uint64_t *seqs, uint32_t *ne, double *s1)
{
	int64_t big = p->big;
	/* Only transfers the size of the block's count: a shop's card takings
	 * or a household's bills must not crowd its members out. u's other
	 * recipients first: there are seldom any, and v's senders are the
	 * longer scan. */
	k->nd = cen__neighbors(g, &g->v[u].out, tmin, big, UINT32_MAX, k->D, MAX_SIDE,
			       SCAN_MAX);
	k->nd = drop_hubs(g, k->D, k->nd); /* a payroll processor is in no block */
	if (k->nd < 2)
		return 0;
	k->ns = cen__neighbors(g, &g->v[v].in, tmin, big, UINT32_MAX, k->S, MAX_SIDE,
			       SCAN_MAX);
	k->ns = drop_hubs(g, k->S, k->ns);
	if (k->ns < 2)
		return 0;
	/* With min_links >= 2 the block needs a butterfly, which u's row and
	 * v's column are no part of; the grown block is filled whole. */
	uint32_t su = p->min_links >= 2 ? u : UINT32_MAX, sd = p->min_links >= 2 ? v : UINT32_MAX;
	fill_links(g, k, su, sd);
	if (grow_through_butterflies(g, k, u, v, tmin, big))
		fill_links(g, k, UINT32_MAX, UINT32_MAX);
	else if (p->min_links >= 2)
		return 0; /* u's other recipients are paid by no other sender of v */
	size_t nsk, ndk;
	*links = prune(p, k, &nsk, &ndk);
	if (nsk < p->min_side || ndk < p->min_side || !kept(k->S, k->keep_s, k->ns, u) ||
	    !kept(k->D, k->keep_d, k->nd, v))
		return 0;
	*density = (double)*links / (double)(nsk * ndk);
	if (*density < p->min_density)
		return 0;
	compact(k);
	double s2;
	*ne = block_edges(g, k, tmin, big, seqs, s1, &s2);
	return *ne && cen__cv(*s1, s2, *ne) <= p->max_cv && *s1 / *ne >= p->min_mean;
}

/* Finds the block of u -> v since tmin and alerts it. */
static int alert_block(cen__det *d, uint32_t u, uint32_t v, int64_t tmin)
{
	bp_det *p = (bp_det *)d;
	bp_block k;
	size_t links;
	double density, total;
	uint64_t seqs[MAX_BLOCK];
	uint32_t ne;
	if (!find_block(p, &d->eng->g, u, v, tmin, &k, &links, &density, seqs, &ne, &total))
		return 0;
	return emit_block(d, &k, links, density, seqs, ne, total);
}

/* The decision on the block queued by u -> v at due - decide_after: the
 * same search over everything from the window before then until now, so
 * members and transfers that came meanwhile are part of it. */
static int decide(cen__det *d, uint32_t u, int64_t due)
{
	bp_det *p = (bp_det *)d;
	cen__engine *e = d->eng;
	uint32_t v = (uint32_t)cen__vtimes_get(&p->partner, u);
	if (quiet(p, u, e->clock) && quiet(p, v, e->clock)) {
		cen__det_suppressed(d);
		return 0;
	}
	return alert_block(d, u, v, due - p->decide_after - p->window);
}

static int on_advance(cen__det *d, int64_t clock)
{
	return cen__dueq_advance(&((bp_det *)d)->q, d, clock, 0, decide);
}

static int flush(cen__det *d)
{
	return cen__dueq_advance(&((bp_det *)d)->q, d, 0, 1, decide);
}

/* u -> v, a new pair, passed the gate of on_edge: the block it may be
 * part of, alerted or queued for the decision. Out of line (its block is
 * large), so the gate saves no registers for it. */
static __attribute__((noinline)) int new_pair(cen__det *d, uint32_t u, uint32_t v)
{
	bp_det *p = (bp_det *)d;
	cen__engine *e = d->eng;
	const cen__graph *g = &e->g;
	if (cen__is_hub(g, u) || cen__is_hub(g, v))
		return 0;
	if (quiet(p, u, e->clock) && quiet(p, v, e->clock)) {
		cen__det_suppressed(d);
		return 0;
	}
	int64_t tmin = e->clock - p->window;
	if (!p->decide_after)
		return alert_block(d, u, v, tmin);
	bp_block k;
	size_t links;
	double density, total;
	uint64_t seqs[MAX_BLOCK];
	uint32_t ne;
	if (cen__vbits_has(&p->q.pending, u))
		return 0; /* decided later anyway: no need to look now */
	if (!find_block(p, g, u, v, tmin, &k, &links, &density, seqs, &ne, &total))
		return 0;
	int64_t due = e->clock + p->decide_after;
	if (cen__vtimes_set(&p->partner, u, (int64_t)v))
		return CEN_ENOMEM;
	cen__det_due(d, due);
	return cen__dueq_push(&p->q, u, due);
}

static int on_edge(cen__det *d, const cen__edge_ctx *x)
{
	const bp_det *p = (const bp_det *)d;
	const cen__edge *e = x->e;
	uint32_t u = x->src, v = x->dst;
	assert(u != v); /* skip_self */
	if (x->amount < p->big || x->vs->fan_out < p->min_links ||
	    x->vd->fan_in < p->min_links || !(e->flags & CEN__EDGE_NEW_PAIR))
		return 0;
	return new_pair(d, u, v);
}

const cen__det_ops cen__det_bipartite = {
	.name = "bipartite",
	.size = sizeof(bp_det),
	.init = init,
	.on_edge = on_edge,
	.on_advance = on_advance,
	.flush = flush,
	.release = release,
	.keys = keys,
	.nkeys = sizeof keys / sizeof keys[0],
	.skip_self = true,
};
