/* cycles.c - bounded backward search for temporal cycles (see cycles.h).
 *
 * From the closing edge u -> v, walk in-edges backwards from u, each step to
 * an edge with a smaller seq and a time no earlier than ts(c) - window. A
 * step that reaches v closes a cycle. Before stepping to a vertex y with
 * one hop left, the pair table says in O(1) whether v -> y exists at all.
 *
 * Open chains (cen__graph_chains) are searched from the same edge: every
 * backward path from u (in-edges, as above) is tried with every forward
 * path from v (out-edges; in time order there are none, v's out-edges
 * being older than the newest edge), keeping the longest. Unordered, a
 * ring entry to the same counterparty with the same amount as the entry
 * just tried leads to the same paths (AMLSim repeats a hop's transfer) and
 * is skipped.
 *
 * What must hold: no vertex twice on a path; seqs strictly decrease along
 * the backward walk; examined never exceeds budget by more than one.
 */
#include "graph/cycles.h"

#include "centinela/core.h"
#include "core/banned.h"

struct walk {
	const cen__graph *g;
	cen__cycle_query *q;
	uint32_t start;        /* v: the cycle's origin */
	int64_t tmin;
	uint32_t verts[CEN__CYCLE_MAX_LEN + 1];
	uint64_t edges[CEN__CYCLE_MAX_LEN + 1]; /* backwards: edges[0] = closing */
	uint32_t depth;        /* edges on the path */
	uint64_t closing;
};

static int on_edges(const struct walk *w, uint64_t s)
{
	for (uint32_t i = 0; i < w->depth; i++)
		if (w->edges[i] == s)
			return 1;
	return 0;
}

static int on_path(const struct walk *w, uint32_t y)
{
	for (uint32_t i = 0; i < w->depth; i++)
		if (w->verts[i] == y)
			return 1;
	return 0;
}

static int report(struct walk *w)
{
	uint64_t fwd[CEN__CYCLE_MAX_LEN + 1];
	for (uint32_t i = 0; i < w->depth; i++)
		fwd[i] = w->edges[w->depth - 1 - i];
	return w->q->fn(w->q->ctx, fwd, w->depth);
}

/* At vertex x (= verts[depth-1]) whose path edge is edges[depth-1], of
 * amount `later` (the hop after the one this step looks for). Reads only
 * x's ring entries, never the edge log. */
static int step(struct walk *w, uint32_t x, uint64_t bound, int64_t later)
{
	const cen__graph *g = w->g;
	const cen__ring *r = &g->v[x].in;
	for (uint32_t i = r->len; i-- > 0;) {
		const cen__adj *f = cen__ring_adj(r, i);
		uint64_t s = cen__adj_seq(g, f);
		if (w->q->unordered ? (s >= w->closing || on_edges(w, s)) : s >= bound)
			continue;
		if (++w->q->examined > w->q->budget) {
			w->q->truncated = 1;
			return 2;
		}
		if (cen__adj_ts(g, f) < w->tmin)
			break;
		int64_t amount = cen__adj_amount(g, f);
		if (w->q->hop_ratio > 0) {
			/* f is the earlier hop, b the later one. */
			double a = (double)amount;
			double b = (double)later;
			if (b * (1.0 + w->q->hop_ratio) < a || b > a * (1.0 + w->q->hop_increase))
				continue;
		}
		uint32_t y = f->other;
		if (y == w->start) {
			if (w->depth + 1 >= w->q->min_len) {
				w->edges[w->depth] = s;
				w->depth++;
				int rc = report(w);
				w->depth--;
				if (rc)
					return rc;
			}
			continue;
		}
		if (w->depth + 1 >= w->q->max_len || on_path(w, y))
			continue;
		if (w->depth + 2 == w->q->max_len &&
		    !cen__graph_pair_count(g, w->start, y))
			continue;
		w->verts[w->depth] = y;
		w->edges[w->depth] = s;
		w->depth++;
		int rc = step(w, y, s, amount);
		w->depth--;
		if (rc)
			return rc;
	}
	return 0;
}

/* Resets q's counters and clamps its lengths; whether a search from the
 * edge at seq can find anything (a live edge, lengths that allow one). */
static int query_start(const cen__graph *g, uint64_t seq, cen__cycle_query *q)
{
	q->examined = 0;
	q->truncated = 0;
	if (q->max_len > CEN__CYCLE_MAX_LEN)
		q->max_len = CEN__CYCLE_MAX_LEN;
	if (q->min_len < 2)
		q->min_len = 2;
	return cen__graph_live(g, seq) && q->min_len <= q->max_len;
}

int cen__graph_cycles(const cen__graph *g, uint64_t closing, cen__cycle_query *q)
{
	if (!query_start(g, closing, q))
		return 0;
	const cen__edge *c = cen__graph_edge(g, closing);
	if (c->src == c->dst || !g->v[c->dst].out.len)
		return 0;
	struct walk w;
	w.g = g;
	w.q = q;
	w.start = c->dst;
	w.tmin = cen__edge_ts(g, c) - q->window;
	/* verts[] holds the path's vertices other than the origin (the origin
	 * is tested separately), starting with u. */
	w.verts[0] = c->src;
	w.edges[0] = closing;
	w.depth = 1;
	w.closing = closing;
	int rc = step(&w, c->src, closing, c->amount);
	return rc == 2 ? 0 : rc;
}

/* --- open chains --------------------------------------------------------- */

struct chain {
	const cen__graph *g;
	cen__cycle_query *q;
	int64_t tmin;
	uint64_t newest;
	uint32_t start;        /* v: where the forward paths begin */
	int64_t start_amount;  /* the newest edge's amount */
	uint32_t verts[2 * CEN__CYCLE_MAX_LEN + 2]; /* every vertex on the path */
	uint32_t nverts;
	uint64_t back[CEN__CYCLE_MAX_LEN]; /* back[0] = newest, back[i] the hop before back[i-1] */
	uint32_t nback;
	uint64_t fwd[CEN__CYCLE_MAX_LEN];  /* the hops after the newest edge */
	uint32_t nfwd;
	uint64_t best[CEN__CYCLE_MAX_LEN]; /* path order */
	uint32_t nbest;
};

/* earlier -> later hop: the later carries at least 1 / (1 + hop_ratio) of
 * the earlier and at most (1 + hop_increase) times it. */
static int hop_ok(const cen__cycle_query *q, int64_t earlier, int64_t later)
{
	if (q->hop_ratio <= 0)
		return 1;
	double a = (double)earlier, b = (double)later;
	return !(b * (1.0 + q->hop_ratio) < a || b > a * (1.0 + q->hop_increase));
}

static int chain_has(const struct chain *ch, uint32_t y)
{
	for (uint32_t i = 0; i < ch->nverts; i++)
		if (ch->verts[i] == y)
			return 1;
	return 0;
}

/* Keeps the current path if it is the longest yet; 1 when it has
 * max_len hops (nothing longer can be found). */
static int chain_keep(struct chain *ch)
{
	uint32_t n = ch->nback + ch->nfwd;
	if (n > ch->nbest) {
		for (uint32_t i = 0; i < ch->nback; i++)
			ch->best[i] = ch->back[ch->nback - 1 - i];
		for (uint32_t i = 0; i < ch->nfwd; i++)
			ch->best[ch->nback + i] = ch->fwd[i];
		ch->nbest = n;
	}
	return n >= ch->q->max_len;
}

/* Extends the path forwards from y, whose path hop (the one ending at y)
 * has amount `earlier`. Returns 1 to stop (longest possible found or
 * budget spent), else 0. */
static int chain_fwd(struct chain *ch, uint32_t y, int64_t earlier)
{
	const cen__graph *g = ch->g;
	const cen__ring *r = &g->v[y].out;
	uint32_t last_other = UINT32_MAX;
	int64_t last_amount = -1;
	for (uint32_t i = r->len; i-- > 0;) {
		const cen__adj *f = cen__ring_adj(r, i);
		uint64_t s = cen__adj_seq(g, f);
		if (s >= ch->newest)
			continue;
		if (++ch->q->examined > ch->q->budget) {
			ch->q->truncated = 1;
			return 1;
		}
		if (cen__adj_ts(g, f) < ch->tmin)
			break;
		int64_t amount = cen__adj_amount(g, f);
		uint32_t z = f->other;
		if (z == last_other && amount == last_amount)
			continue;
		if (!hop_ok(ch->q, earlier, amount) || chain_has(ch, z))
			continue;
		last_other = z;
		last_amount = amount;
		ch->fwd[ch->nfwd++] = s;
		ch->verts[ch->nverts++] = z;
		int rc = chain_keep(ch);
		if (!rc && ch->nback + ch->nfwd < ch->q->max_len)
			rc = chain_fwd(ch, z, amount);
		ch->nverts--;
		ch->nfwd--;
		if (rc)
			return rc;
	}
	return 0;
}

/* Extends the path backwards from x, whose path hop (the one leaving x)
 * has seq `bound` and amount `later`; every backward path is tried with
 * the forward paths from v. Returns 1 to stop, else 0. */
static int chain_back(struct chain *ch, uint32_t x, uint64_t bound, int64_t later)
{
	const cen__graph *g = ch->g;
	const cen__ring *r = &g->v[x].in;
	uint32_t last_other = UINT32_MAX;
	int64_t last_amount = -1;
	for (uint32_t i = r->len; i-- > 0;) {
		const cen__adj *f = cen__ring_adj(r, i);
		uint64_t s = cen__adj_seq(g, f);
		if (s >= (ch->q->unordered ? ch->newest : bound))
			continue;
		if (++ch->q->examined > ch->q->budget) {
			ch->q->truncated = 1;
			return 1;
		}
		if (cen__adj_ts(g, f) < ch->tmin)
			break;
		int64_t amount = cen__adj_amount(g, f);
		uint32_t y = f->other;
		/* Newest first: in time order the entry tried first also
		 * leaves the most room before it. */
		if (y == last_other && amount == last_amount)
			continue;
		if (!hop_ok(ch->q, amount, later) || chain_has(ch, y))
			continue;
		last_other = y;
		last_amount = amount;
		ch->back[ch->nback++] = s;
		ch->verts[ch->nverts++] = y;
		int rc = chain_keep(ch);
		if (!rc && ch->q->unordered && ch->nback < ch->q->max_len)
			rc = chain_fwd(ch, ch->start, ch->start_amount);
		if (!rc && ch->nback < ch->q->max_len)
			rc = chain_back(ch, y, s, amount);
		ch->nverts--;
		ch->nback--;
		if (rc)
			return rc;
	}
	return 0;
}

int cen__graph_chains(const cen__graph *g, uint64_t newest, cen__cycle_query *q)
{
	if (!query_start(g, newest, q))
		return 0;
	const cen__edge *c = cen__graph_edge(g, newest);
	if (c->src == c->dst)
		return 0;
	struct chain ch;
	ch.g = g;
	ch.q = q;
	ch.tmin = cen__edge_ts(g, c) - q->window;
	ch.newest = newest;
	ch.start = c->dst;
	ch.start_amount = c->amount;
	ch.verts[0] = c->src;
	ch.verts[1] = c->dst;
	ch.nverts = 2;
	ch.back[0] = newest;
	ch.nback = 1;
	ch.nfwd = 0;
	ch.nbest = 0;
	int stop = 0;
	if (q->unordered)
		stop = chain_fwd(&ch, c->dst, c->amount);
	if (!stop)
		chain_back(&ch, c->src, newest, c->amount);
	if (ch.nbest < q->min_len)
		return 0;
	return q->fn(q->ctx, ch.best, ch.nbest);
}
