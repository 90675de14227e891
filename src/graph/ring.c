/* ring.c - per-vertex adjacency rings and their size-class slab.
 *
 * A ring holds edge seqs in increasing order, oldest at head. Capacities are
 * powers of two from 4 up to the graph's max_adj. Storage comes from a slab:
 * one free list per size class, refilled from an arena, so rings that grow
 * and shrink as the window slides reuse memory instead of calling malloc.
 * A ring that empties gives its storage back; one that falls to a quarter
 * full moves to half the room. A request with its list empty splits the
 * smallest larger free block before taking new memory.
 *
 * What must hold: len <= cap <= max_adj (cap = 1 << capl, 0 without
 * storage); entries in strictly increasing seq order; a free block is in
 * exactly one list, of its own size.
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

static void slab_put(cen__graph *g, cen__adj *p, uint32_t cap);

/* A block of cap entries: from its free list, else split from the smallest
 * larger free block (its other halves go to the lists below), else carved
 * from the arena. */
static cen__adj *slab_get(cen__graph *g, uint32_t cap)
{
	unsigned k = size_class(cap);
	unsigned j = k;
	while (j < 31 && !g->slab_free[j])
		j++;
	if (j < 31) {
		void *p = g->slab_free[j];
		memcpy(&g->slab_free[j], p, sizeof(void *));
		for (; j > k; j--) /* keep the front half, free the back half */
			slab_put(g, (cen__adj *)p + (1u << (j - 1)), 1u << (j - 1));
		return p;
	}
	g->slab_carved += (uint64_t)cap * sizeof(cen__adj);
	return cen__arena_alloc(&g->slab_arena, (size_t)cap * sizeof(cen__adj));
}

static void slab_put(cen__graph *g, cen__adj *p, uint32_t cap)
{
	unsigned k = size_class(cap);
	void *next = g->slab_free[k];
	memcpy(p, &next, sizeof(void *));
	g->slab_free[k] = p;
}

/* Moves r's entries into a block of cap entries (cap >= len). */
static int ring_move(cen__graph *g, cen__ring *r, uint32_t cap)
{
	cen__adj *ns = slab_get(g, cap);
	if (!ns)
		return CEN_ENOMEM;
	for (uint32_t i = 0; i < r->len; i++)
		ns[i] = *cen__ring_adj(r, i);
	if (r->e)
		slab_put(g, r->e, cen__ring_cap(r));
	r->e = ns;
	r->capl = (uint8_t)size_class(cap);
	r->head = 0;
	return 0;
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
			cap = cap ? cap * 2 : 4;
			int rc = ring_move(g, r, cap);
			if (rc)
				return rc;
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
	uint32_t cap = cen__ring_cap(r);
	r->head = (r->head + 1) & (cap - 1);
	r->len--;
	if (!r->len) {
		slab_put(g, r->e, cap);
		r->e = NULL;
		r->capl = 0;
		r->head = 0;
	} else if (cap >= 16 && r->len <= cap / 4) {
		/* A quarter full: half the room will do (an account past its busy
		 * days gives memory back). Out of memory, it keeps its block. */
		(void)ring_move(g, r, cap / 2);
	}
}
