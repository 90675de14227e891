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
 * A ring holds the newest len of its vertex's deg live edges in its
 * direction (deg_out for out, deg_in for in): the cap drops only the
 * oldest, and the window evicts the oldest first. So when the window
 * evicts an edge it is the ring's oldest, and the ring holds it iff len ==
 * deg: the pop reads the vertex's line only, never the ring's entries.
 *
 * What must hold: head < cap, len <= cap <= max_adj (cap =
 * cen__ring_caps[cls], 0 without storage); len <= deg, the entries being
 * the newest len live edges, in strictly increasing seq order; a free
 * block is in exactly one list, of its own class; a block of any class
 * but 2 starts on a cache line, one of class 2 on or 32 bytes past one.
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

#define LINE 64u
/* Ring storage comes from the arena in pieces of SLAB_PIECE bytes (a
 * quarter of its first block: four fill it), blocks bigger than
 * SLAB_DIRECT on their own. */
#define SLAB_PIECE ((size_t)1 << 20)
#define SLAB_DIRECT (SLAB_PIECE / 16)

static size_t class_bytes(unsigned cls)
{
	return (size_t)cen__ring_caps[cls] * sizeof(cen__adj);
}

static unsigned char *line_up(unsigned char *p)
{
	return p + (-(uintptr_t)p & (LINE - 1));
}

/* The rest of the current piece to the free lists, in the largest blocks
 * that fit (whole lines each: class 2 is not, and the rest is). */
static void piece_rest(cen__graph *g)
{
	for (unsigned cls = CEN__RING_CLASSES - 1; cls > 0 && g->slab_left; cls--) {
		size_t bytes = class_bytes(cls);
		while (cls != 2 && bytes <= g->slab_left) {
			slab_put(g, (cen__adj *)g->slab_next, cls);
			g->slab_next += bytes;
			g->slab_left -= bytes;
			g->slab_carved += bytes;
		}
	}
}

/* New storage for a block of class cls, starting on a cache line, so that
 * a ring of 4k entries spans k lines. Class 2 (6 entries, a line and a
 * half) is carved in pairs: each of the two spans 2 lines. */
static cen__adj *slab_carve(cen__graph *g, unsigned cls)
{
	size_t bytes = class_bytes(cls), take = cls == 2 ? 2 * bytes : bytes;
	unsigned char *p;
	if (take > SLAB_DIRECT) {
		p = cen__arena_alloc(&g->slab_arena, take + LINE);
		if (!p)
			return NULL;
		p = line_up(p);
	} else {
		if (g->slab_left < take) {
			piece_rest(g);
			p = cen__arena_alloc(&g->slab_arena, SLAB_PIECE);
			if (!p)
				return NULL;
			g->slab_next = line_up(p);
			g->slab_left = (size_t)(p + SLAB_PIECE - g->slab_next) & ~(size_t)(LINE - 1);
		}
		p = g->slab_next;
		g->slab_next += take;
		g->slab_left -= take;
	}
	g->slab_carved += take;
	if (take != bytes) /* the pair's second half */
		slab_put(g, (cen__adj *)(p + bytes), cls);
	return (cen__adj *)p;
}

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
	return slab_carve(g, cls);
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

void cen__ring_pop_oldest(cen__graph *g, cen__ring *r, uint32_t deg)
{
	if (r->len != deg)
		return; /* the cap dropped it already: r's entries are newer */
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
