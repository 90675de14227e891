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
/* a as r's newest entry, r full (len == its capacity): it moves to a
 * bigger block, or at max_adj drops its oldest entry. */
int cen__ring_push_full(cen__graph *g, cen__ring *r, const cen__adj *a);
/* a as r's newest entry; inline for the common case, a ring with room. */
static inline int cen__ring_push(cen__graph *g, cen__ring *r, const cen__adj *a)
{
	if (r->len == cen__ring_cap(r))
		return cen__ring_push_full(g, r, a);
	r->e[cen__ring_slot(r, r->len)] = *a;
	r->len++;
	return 0;
}
/* The oldest of the deg live edges of r's direction (deg counting it)
 * leaves the window: out of r, if the cap has not dropped it already. */
void cen__ring_pop_oldest(cen__graph *g, cen__ring *r, uint32_t deg);

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
/* Before src -> dst is added (and deg_out counts it): returns 1 if the
 * pair had no live edge, 0 if it had, <0 on error (nothing changed). */
int cen__pairs_inc(cen__graph *g, uint32_t src, uint32_t dst);
/* Undoes cen__pairs_inc when the add fails after it (rings unchanged). */
void cen__pairs_undo_inc(cen__graph *g, uint32_t src, uint32_t dst);
/* Before e, the oldest live edge, leaves the rings and deg_out: returns 1
 * if its pair will have no live edge left. */
int cen__pairs_evicting(cen__graph *g, const cen__edge *e);

#endif
