/* ring.c - per-vertex adjacency rings and their size-class slab.
 *
 * A ring holds edge seqs in increasing order, oldest at head. Capacities are
 * powers of two from 4 up to the graph's max_adj. Storage comes from a slab:
 * one free list per size class, refilled from an arena, so rings that grow
 * and shrink as the window slides reuse memory instead of calling malloc.
 * A ring that empties gives its storage back.
 *
 * What must hold: len <= cap <= max_adj (cap = 1 << capl, 0 without storage); entries in strictly increasing seq
 * order.
 */
#include <string.h>

#include "centinela/core.h"
#include "graph/internal.h"
#include "core/banned.h"

static unsigned size_class(uint32_t cap)
{
	unsigned k = 0;
	while ((1u << k) < cap)
		k++;
	return k;
}

static cen__adj *slab_get(cen__graph *g, uint32_t cap)
{
	unsigned k = size_class(cap);
	void *p = g->slab_free[k];
	if (p) {
		memcpy(&g->slab_free[k], p, sizeof(void *));
		return p;
	}
	return cen__arena_alloc(&g->slab_arena, (size_t)cap * sizeof(cen__adj));
}

static void slab_put(cen__graph *g, cen__adj *p, uint32_t cap)
{
	unsigned k = size_class(cap);
	void *next = g->slab_free[k];
	memcpy(p, &next, sizeof(void *));
	g->slab_free[k] = p;
}

int cen__ring_push(cen__graph *g, cen__ring *r, const cen__adj *a)
{
	uint32_t cap = cen__ring_cap(r);
	if (r->len == cap) {
		if (cap >= g->max_adj) {
			/* At the cap: drop the oldest entry. */
			r->head = (r->head + 1) & (cap - 1);
			r->len--;
			g->adj_overflow++;
		} else {
			uint32_t nc = cap ? cap * 2 : 4;
			cen__adj *ns = slab_get(g, nc);
			if (!ns)
				return CEN_ENOMEM;
			for (uint32_t i = 0; i < r->len; i++)
				ns[i] = *cen__ring_adj(r, i);
			if (r->e)
				slab_put(g, r->e, cap);
			r->e = ns;
			r->capl = (uint8_t)size_class(nc);
			r->head = 0;
			cap = nc;
		}
	}
	r->e[(r->head + r->len) & (cap - 1)] = *a;
	r->len++;
	return 0;
}

void cen__ring_pop_if(cen__graph *g, cen__ring *r, uint64_t seq)
{
	if (!r->len || r->e[r->head].seq_lo != (uint32_t)seq)
		return; /* already dropped by the cap */
	r->head = (r->head + 1) & (cen__ring_cap(r) - 1);
	r->len--;
	if (!r->len) {
		slab_put(g, r->e, cen__ring_cap(r));
		r->e = NULL;
		r->capl = 0;
		r->head = 0;
	}
}
