/* ring.c - per-vertex adjacency rings and their size-class slab.
 *
 * A ring holds edge seqs in increasing order, oldest at head. Capacities
 * grow in steps of 1.5 and 1.33 (4, 6, 8, 12, 16, ...: cen__ring_caps) up
 * to the graph's max_adj, a power of two and so a class; a class is twice
 * the one two below it. Storage comes from a slab:
 * one free list per size class, refilled from an arena, so rings that grow
 * and shrink as the window slides reuse memory instead of calling malloc.
 * A ring that empties gives its storage back; one that falls to a quarter
 * full moves to half the room. A request with its list empty splits the
 * smallest free block of twice, four times, ... its size before taking new
 * memory.
 *
 * What must hold: head < cap, len <= cap <= max_adj (cap =
 * cen__ring_caps[cls], 0 without storage); entries in strictly increasing
 * seq order; a free block is in exactly one list, of its own class.
 */
#include <string.h>

#include "centinela/core.h"
#include "graph/internal.h"
#include "core/banned.h"

const uint32_t cen__ring_caps[CEN__RING_CLASSES] = {
	0,      4,      6,      8,      12,     16,     24,     32,     48,     64,
	96,     128,    192,    256,    384,    512,    768,    1024,   1536,   2048,
	3072,   4096,   6144,   8192,   12288,  16384,  24576,  32768,  49152,  65536,
	98304,  131072, 196608, 262144, 393216, 524288, 786432, 1048576,
};

static void slab_put(cen__graph *g, cen__adj *p, unsigned cls);

/* A block of class cls: from its free list, else split from the smallest
 * free block two, four, ... classes up (twice, four times the size: the
 * other halves go to the lists between), else carved from the arena. */
static cen__adj *slab_get(cen__graph *g, unsigned cls)
{
	unsigned j = cls;
	while (j < CEN__RING_CLASSES && !g->slab_free[j])
		j += 2;
	if (j < CEN__RING_CLASSES) {
		void *p = g->slab_free[j];
		memcpy(&g->slab_free[j], p, sizeof(void *));
		for (; j > cls; j -= 2) /* keep the front half, free the back half */
			slab_put(g, (cen__adj *)p + cen__ring_caps[j - 2], j - 2);
		return p;
	}
	size_t bytes = (size_t)cen__ring_caps[cls] * sizeof(cen__adj);
	g->slab_carved += bytes;
	return cen__arena_alloc(&g->slab_arena, bytes);
}

static void slab_put(cen__graph *g, cen__adj *p, unsigned cls)
{
	void *next = g->slab_free[cls];
	memcpy(p, &next, sizeof(void *));
	g->slab_free[cls] = p;
}

/* Moves r's entries into a block of class cls (capacity >= len). */
static int ring_move(cen__graph *g, cen__ring *r, unsigned cls)
{
	cen__adj *ns = slab_get(g, cls);
	if (!ns)
		return CEN_ENOMEM;
	/* The live entries are at most two runs: head to the block's end, then
	 * from its start. */
	uint32_t cap = cen__ring_cap(r), first = r->len < cap - r->head ? r->len : cap - r->head;
	if (r->len) {
		memcpy(ns, r->e + r->head, (size_t)first * sizeof *ns);
		memcpy(ns + first, r->e, (size_t)(r->len - first) * sizeof *ns);
	}
	if (r->e)
		slab_put(g, r->e, r->cls);
	r->e = ns;
	r->cls = (uint8_t)cls;
	r->head = 0;
	return 0;
}

int cen__ring_push(cen__graph *g, cen__ring *r, const cen__adj *a)
{
	uint32_t cap = cen__ring_cap(r);
	if (r->len == cap) {
		if (cap >= g->max_adj) {
			/* At the cap: drop the oldest entry. */
			r->head = r->head + 1 == cap ? 0 : r->head + 1;
			r->len--;
			g->adj_overflow++;
		} else {
			int rc = ring_move(g, r, r->cls + 1u);
			if (rc)
				return rc;
		}
	}
	r->e[cen__ring_slot(r, r->len)] = *a;
	r->len++;
	return 0;
}

void cen__ring_pop_if(cen__graph *g, cen__ring *r, uint64_t seq)
{
	if (!r->len || r->e[r->head].seq_lo != (uint32_t)seq)
		return; /* already dropped by the cap */
	uint32_t cap = cen__ring_cap(r);
	r->head = r->head + 1 == cap ? 0 : r->head + 1;
	r->len--;
	if (!r->len) {
		slab_put(g, r->e, r->cls);
		r->e = NULL;
		r->cls = 0;
		r->head = 0;
	} else if (r->cls >= 5 && r->len <= cap / 4) {
		/* A quarter full: half the room will do (an account past its busy
		 * days gives memory back). Out of memory, it keeps its block. */
		(void)ring_move(g, r, r->cls - 2u);
	}
}
