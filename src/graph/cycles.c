/* cycles.c - bounded backward search for temporal cycles (see cycles.h).
 *
 * From the closing edge u -> v, walk in-edges backwards from u, each step to
 * an edge with a smaller seq and a time no earlier than ts(c) - window. A
 * step that reaches v closes a cycle. Before stepping to a vertex y with
 * one hop left, the pair table says in O(1) whether v -> y exists at all.
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

int cen__graph_cycles(const cen__graph *g, uint64_t closing, cen__cycle_query *q)
{
	q->examined = 0;
	q->truncated = 0;
	if (q->max_len > CEN__CYCLE_MAX_LEN)
		q->max_len = CEN__CYCLE_MAX_LEN;
	if (q->min_len < 2)
		q->min_len = 2;
	if (!cen__graph_live(g, closing) || q->min_len > q->max_len)
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
