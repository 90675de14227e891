/* internal.h - helpers shared by the graph's own files (private to src/graph). */
#ifndef CEN_GRAPH_INTERNAL_H
#define CEN_GRAPH_INTERNAL_H

#include "graph/graph.h"

/* The first cache-line boundary at or after p: where the graph places the
 * vertex array and ring blocks, each a whole number of lines. */
static inline void *cen__line_up(void *p)
{
	return (unsigned char *)p + (-(uintptr_t)p & 63u);
}

/* ring.c */
/* r, full (len == its capacity) below max_adj, takes a new newest entry
 * of time ts_off (an offset from ts_base): it moves to a bigger block.
 * Returns the slot to write the entry in, counted in len already; NULL
 * out of memory (r unchanged). */
cen__adj *cen__ring_append_full(cen__graph *g, cen__ring *r, uint32_t ts_off);
/* The slot of r's new newest entry (time ts_off), counted in len already,
 * for the caller to fill; NULL out of memory (r unchanged). A full ring at
 * max_adj drops its oldest entry. Inline but for a ring's move. */
static inline cen__adj *cen__ring_append(cen__graph *g, cen__ring *r, uint32_t ts_off)
{
	uint32_t cap = cen__ring_cap(r), len = r->len, head = r->head;
	if (len != cap) {
		uint32_t j = head + len;
		r->len = len + 1;
		return &r->e[j >= cap ? j - cap : j];
	}
	if (cap < g->max_adj)
		return cen__ring_append_full(g, r, ts_off);
	/* at the cap (a hub's ring, a fifth of the adds on the benchmark): the
	 * oldest entry gives the newest its slot */
	r->head = head + 1 == cap ? 0 : head + 1;
	g->adj_overflow++;
	return &r->e[head];
}
/* The oldest of the deg live edges of r's direction (deg counting it)
 * leaves the window: out of r, if the cap has not dropped it already. */
void cen__ring_pop_oldest(cen__graph *g, cen__ring *r, uint32_t deg);
/* The same, inline for the common case: r keeps entries and its block. */
static inline void cen__ring_pop(cen__graph *g, cen__ring *r, uint32_t deg)
{
	uint32_t len = r->len;
	if (len != deg)
		return; /* the cap dropped it already: r's entries are newer */
	uint32_t cap = cen__ring_cap(r);
	if (len == 1 || (r->cls >= 5 && len - 1 <= cap / 4)) {
		cen__ring_pop_oldest(g, r, deg); /* the block changes */
		return;
	}
	r->head = r->head + 1 == cap ? 0 : r->head + 1;
	r->len = len - 1;
}

/* pairs.c */
static inline uint64_t cen__pair_hash(uint32_t src, uint32_t dst)
{
	return cen__hash_u64((uint64_t)src << 32 | dst);
}
static inline uint64_t cen__pair_slot(const cen__graph *g, uint32_t src, uint32_t dst)
{
	return cen__pair_hash(src, dst) & (g->npairs_slots - 1);
}
int cen__pairs_init(cen__graph *g);
/* A slot for every second of accounts in all (cen__graph_reserve). */
int cen__pairs_reserve(cen__graph *g, size_t accounts);
/* Before src -> dst is added (and deg_out counts it): returns 1 if the
 * pair had no live edge, 0 if it had, <0 on error (nothing changed). */
int cen__pairs_inc(cen__graph *g, uint32_t src, uint32_t dst);
/* The same, inline for the common case: src's pairs counted from its ring
 * and dst not in its payees filter (a new pair for certain). */
static inline int cen__pairs_inc_fast(cen__graph *g, cen__vertex *vs, uint32_t src, uint32_t dst)
{
	uint64_t bit = cen__payee_bit(dst);
	if (!vs->out.pairs_tabled && vs->deg_out < g->pair_scan_max && !(vs->payees & bit)) {
		vs->payees |= bit;
		return 1;
	}
	return cen__pairs_inc(g, src, dst);
}
/* Undoes cen__pairs_inc when the add fails after it (rings unchanged). */
void cen__pairs_undo_inc(cen__graph *g, uint32_t src, uint32_t dst);
/* Before e, the oldest live edge, leaves the rings and deg_out: returns 1
 * if its pair will have no live edge left. */
int cen__pairs_evicting(cen__graph *g, const cen__edge *e);
/* The same, inline for the common case: vs, e's sender, keeps its pairs
 * in its ring and more than this edge. */
static inline int cen__pairs_evicting_fast(cen__graph *g, const cen__vertex *vs, const cen__edge *e)
{
	if (!vs->out.pairs_tabled && vs->deg_out != 1)
		return !(e->flags & CEN__EDGE_REPEATED);
	return cen__pairs_evicting(g, e);
}

#endif
