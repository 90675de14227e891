/* ring.c - per-vertex adjacency rings and their size-class slab.
 *
 * A ring holds edge seqs in increasing order, oldest at head. Capacities
 * come in steps of 1.5 and 1.33 (4, 6, 8, 12, 16, ...: cen__ring_caps) up
 * to the graph's max_adj, a power of two and so a class; a class is twice
 * the one two below it. A full ring moves to the next class, or up to four
 * classes up when its entries came fast enough to fill them within the
 * window (grow_class): an account's ring grows during its first window,
 * and each move reads the old block and writes the new one, both cold.
 * Storage comes from a slab:
 * one free list per size class, refilled from an arena, so rings that grow
 * and shrink as the window slides reuse memory instead of calling malloc.
 * A free list is a stack of block addresses apart from the blocks, so a
 * block freed or taken is not read or written for it (the blocks are
 * mostly cold: linked through their first bytes, the take read one line
 * from memory, and the merge below walked every free line one miss after
 * another, most of ring_move's time on the 5 M benchmark); out of memory
 * to grow a stack, a freed block is dropped (the arena keeps it).
 * A ring that empties gives its storage back; one that falls to a quarter
 * full moves to half the room. A request with its list empty splits the
 * smallest free block of twice, four times, ... its size, else cuts its
 * block from the front of the smallest bigger free block of the other
 * chain (4, 8, 16, ... or 6, 12, 24, ...) and frees the rest as whole
 * lines; only then is new memory taken. Before the cut, once free
 * one-line blocks have piled up (the young accounts of a stream's first
 * days leave them), runs of adjacent ones are merged into bigger blocks.
 * A bit per class (slab_mask) says which lists hold a block. On the 5 M
 * benchmark this kept ring storage at 159 MB instead of 168 while rings
 * grew a class at a time; growing by their rate, they take 168 MB.
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
 * block is in at most one list (in none only when dropped), of its own
 * class, slab_nfree counts each list (<= slab_cap) and slab_mask has the
 * bit of each list not empty; a block of
 * any class but 2 starts on a cache line, one of class 2 on or 32 bytes
 * past one.
 */
#include <assert.h>
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

_Static_assert(CEN__RING_CLASSES <= 64, "a class is a bit of slab_mask");

static inline void slab_put(cen__graph *g, cen__adj *p, unsigned cls);

#define LINE 64u
/* Ring storage comes from the arena in pieces of SLAB_PIECE bytes (a
 * quarter of its first block, less a line: four fill it with its header),
 * blocks bigger than SLAB_DIRECT on their own. */
#define SLAB_PIECE (((size_t)1 << 20) - LINE)
#define SLAB_DIRECT (((size_t)1 << 20) / 16)

static size_t class_bytes(unsigned cls)
{
	return (size_t)cen__ring_caps[cls] * sizeof(cen__adj);
}

/* The n free bytes at p (whole lines, p on a line) to the free lists, in
 * the largest blocks that fit (whole lines each: class 2 is not, and the
 * rest is). */
static void put_lines(cen__graph *g, unsigned char *p, size_t n)
{
	unsigned top = 1;
	while (top + 1 < CEN__RING_CLASSES && class_bytes(top + 1) <= n)
		top++;
	for (unsigned cls = top; cls > 0 && n; cls--) {
		size_t bytes = class_bytes(cls);
		while (cls != 2 && bytes <= n) {
			slab_put(g, (cen__adj *)p, cls);
			p += bytes;
			n -= bytes;
		}
	}
}

/* The rest of the current piece to the free lists. */
static void piece_rest(cen__graph *g)
{
	put_lines(g, g->slab_next, g->slab_left);
	g->slab_carved += g->slab_left;
	g->slab_next += g->slab_left;
	g->slab_left = 0;
}

/* Sorts the n line addresses of v; tmp has room for n. LSD radix sort
 * of their line numbers counted from the lowest, 11 bits a pass, as many
 * passes as their spread needs. Returns v or tmp, whichever holds the
 * result. */
static void **sort_lines(void **v, void **tmp, size_t n)
{
	uintptr_t lo = UINTPTR_MAX, hi = 0;
	for (size_t i = 0; i < n; i++) {
		uintptr_t a = (uintptr_t)v[i];
		lo = a < lo ? a : lo;
		hi = a > hi ? a : hi;
	}
	for (unsigned shift = 6; n && (hi - lo) >> shift; shift += 11) {
		size_t at[2048] = {0}, sum = 0;
		for (size_t i = 0; i < n; i++)
			at[(((uintptr_t)v[i] - lo) >> shift) & 2047]++;
		for (size_t d = 0; d < 2048; d++) {
			size_t c = at[d];
			at[d] = sum;
			sum += c;
		}
		for (size_t i = 0; i < n; i++)
			tmp[at[(((uintptr_t)v[i] - lo) >> shift) & 2047]++] = v[i];
		void **t = v;
		v = tmp;
		tmp = t;
	}
	return v;
}

/* Free one-line blocks (class 1) pile up: every ring starts in class 1
 * and leaves it as its account gets busier, so the young accounts of a
 * stream's first days leave more than the window needs again, and a line
 * serves no other class. Runs of adjacent free lines go back to the lists
 * as the largest blocks they hold. Out of memory, nothing changes.
 * The lines are sorted in their list's own stack, with one more array as
 * long (two copies, 2.8 MB at the last of the 5 M benchmark's seven
 * merges, were 10.5 MB of fresh pages in all). The sorted stack may be
 * the one they go back to: the lines of a run are read before its blocks
 * are put, and no more blocks of class 1 are put than lines were read, so
 * the stack is written only where it has been read, and never grows. */
static void merge_lines(cen__graph *g)
{
	size_t n = g->slab_nfree[1], i, j;
	void **tmp = cen_malloc(n * sizeof *tmp);
	if (!tmp)
		return;
	void **v = sort_lines(g->slab_free[1], tmp, n);
	g->slab_mask &= ~(1ull << 1);
	g->slab_nfree[1] = 0;
	for (i = 0; i < n; i = j) {
		for (j = i + 1; j < n && (uintptr_t)v[j] == (uintptr_t)v[j - 1] + LINE; j++)
			;
		assert(g->slab_nfree[1] <= i);
		put_lines(g, v[i], (j - i) * LINE);
	}
	g->slab_lines_kept = g->slab_nfree[1];
	cen_free(tmp);
}

/* Whether free lines are worth a merge before new memory is carved: a
 * piece's worth, twice what the last merge left unpaired (so the passes,
 * each over every free line, are few). */
static int lines_to_merge(const cen__graph *g)
{
	return g->slab_nfree[1] * LINE >= SLAB_PIECE && g->slab_nfree[1] >= 2 * g->slab_lines_kept;
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
		p = cen__line_up(p);
	} else {
		if (g->slab_left < take) {
			piece_rest(g);
			p = cen__arena_alloc(&g->slab_arena, SLAB_PIECE);
			if (!p)
				return NULL;
			g->slab_next = cen__line_up(p);
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

/* The block last put on a free list (not empty), off it. */
static unsigned char *slab_pop(cen__graph *g, unsigned cls)
{
	uint64_t n = --g->slab_nfree[cls];
	if (!n)
		g->slab_mask &= ~(1ull << cls);
	return g->slab_free[cls][n];
}

/* The classes of cls's chain (each twice the one before), from cls up. */
static uint64_t chain_from(unsigned cls)
{
	uint64_t parity = cls & 1 ? 0xAAAAAAAAAAAAAAAAull : 0x5555555555555555ull;
	return parity & ~((1ull << cls) - 1);
}

/* A block of class cls from its free list, else split from the smallest
 * free block two, four, ... classes up (twice, four times the size: the
 * other halves go to the lists between); NULL if none. */
static inline cen__adj *chain_get(cen__graph *g, unsigned cls)
{
	uint64_t m = g->slab_mask & chain_from(cls);
	if (!m)
		return NULL;
	unsigned j = (unsigned)__builtin_ctzll(m);
	cen__adj *p = (cen__adj *)slab_pop(g, j);
	for (; j > cls; j -= 2) /* keep the front half, free the back half */
		slab_put(g, p + cen__ring_caps[j - 2], j - 2);
	return p;
}

/* A block of class cls cut from the front of the smallest bigger free
 * block (of the other chain: chain_get found none of its own), the rest
 * back to the lists as whole lines; NULL if none. Class 2 is cut in
 * pairs, as it is carved, from 12 entries or more. */
static cen__adj *slab_cut(cen__graph *g, unsigned cls)
{
	size_t bytes = class_bytes(cls), take = cls == 2 ? 2 * bytes : bytes;
	uint64_t m = g->slab_mask & ~((2ull << (cls == 2 ? 3 : cls)) - 1) & ~(1ull << 2);
	if (!m)
		return NULL;
	unsigned j = (unsigned)__builtin_ctzll(m);
	unsigned char *p = slab_pop(g, j);
	put_lines(g, p + take, class_bytes(j) - take);
	if (take != bytes) /* the pair's second half */
		slab_put(g, (cen__adj *)(p + bytes), cls);
	return (cen__adj *)p;
}

/* A block of class cls: from its chain, else (once free lines have piled
 * up) from its chain after they are merged, else cut from any bigger free
 * block, else carved from the arena. */
static cen__adj *slab_get(cen__graph *g, unsigned cls)
{
	cen__adj *p = chain_get(g, cls);
	if (!p && lines_to_merge(g)) {
		merge_lines(g);
		p = chain_get(g, cls);
	}
	if (!p)
		p = slab_cut(g, cls);
	return p ? p : slab_carve(g, cls);
}

/* The free list of class cls, full, made twice as long; nonzero if it
 * could not be. Rare: out of line. */
static __attribute__((noinline)) int slab_grow(cen__graph *g, unsigned cls)
{
	uint64_t nc = g->slab_cap[cls] ? 2 * g->slab_cap[cls] : 64;
	void **ns = cen_realloc(g->slab_free[cls], nc * sizeof *ns);
	if (!ns)
		return CEN_ENOMEM;
	g->slab_free[cls] = ns;
	g->slab_cap[cls] = nc;
	return 0;
}

/* p onto the free list of its class; dropped if the list cannot grow. */
static inline void slab_put(cen__graph *g, cen__adj *p, unsigned cls)
{
	uint64_t n = g->slab_nfree[cls];
	if (n == g->slab_cap[cls] && slab_grow(g, cls))
		return;
	g->slab_free[cls][n] = p;
	g->slab_nfree[cls] = n + 1;
	g->slab_mask |= 1ull << cls;
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
		if (first < r->len) /* a ring that never lost an entry does not wrap */
			memcpy(ns + first, r->e, (size_t)(r->len - first) * sizeof *ns);
	}
	if (r->e)
		slab_put(g, r->e, r->cls);
	r->e = ns;
	r->cls = (uint8_t)cls;
	r->head = 0;
	return 0;
}

/* Classes a full ring climbs at most in one move: 4, 6, 8, 12, 16 entries
 * go to at most 16, 24, 32, 48, 64. */
#define GROW_MAX 4u

/* The class a full ring of class cls (below max_adj) moves to, ts_off
 * being its new newest entry's time: the next, or more when its entries
 * came fast. The
 * len entries it holds span span seconds; at that rate the window
 * (now - horizon) would bring len * window / span, and the ring takes the
 * smallest class of those (up to GROW_MAX up) that holds as many. Rings
 * grow during a stream's first window, nearly all of them (1.42 M moves
 * on the 5 M benchmark, 4 -> 6 -> 8 -> 12 -> ...; each reads the old
 * block and writes the new one, both cold): a busy account's ring now
 * skips the steps it would fill within the window anyway. The entries are
 * the same whatever the class, so no result depends on it; before the
 * first eviction the window is not known and a ring takes the next class. */
static unsigned grow_class(const cen__graph *g, const cen__ring *r, uint32_t ts_off)
{
	unsigned cls = r->cls + 1u;
	int64_t now = g->ts_base + (int64_t)ts_off;
	if (!r->len || now <= g->horizon)
		return cls;
	uint64_t window = (uint64_t)now - (uint64_t)g->horizon;
	if (window > UINT32_MAX)
		window = UINT32_MAX; /* live edges span less (graph.h) */
	/* the oldest entry: the move reads its line first anyway */
	uint64_t span = ts_off - r->e[r->head].ts_off, want = (uint64_t)r->len * window;
	for (unsigned top = r->cls + GROW_MAX; cls < top && cen__ring_caps[cls] < g->max_adj &&
					       (uint64_t)cen__ring_caps[cls] * span < want;
	     cls++)
		;
	return cls;
}

/* r, without a block, takes its first entry: a block of class 1 (what
 * ring_move to grow_class's class would take, without its steps: more
 * than half of the rings' allocations on the 5 M benchmark are these, an
 * empty ring's, and most find the list of class 1 not empty). */
static cen__adj *ring_first(cen__graph *g, cen__ring *r)
{
	cen__adj *p = g->slab_nfree[1] ? (cen__adj *)slab_pop(g, 1) : slab_get(g, 1);
	if (!p)
		return NULL;
	r->e = p;
	r->cls = 1;
	r->head = 0;
	r->len = 1;
	return p;
}

cen__adj *cen__ring_append_full(cen__graph *g, cen__ring *r, uint32_t ts_off)
{
	if (!r->e)
		return ring_first(g, r);
	assert(cen__ring_cap(r) < g->max_adj); /* at the cap, cen__ring_append drops */
	if (ring_move(g, r, grow_class(g, r, ts_off)))
		return NULL;
	return &r->e[r->len++]; /* the move put the entries at the block's start */
}

/* r, empty, gives its block back (out of line: the pop's common path
 * then calls nothing). */
static __attribute__((noinline)) void ring_release(cen__graph *g, cen__ring *r)
{
	slab_put(g, r->e, r->cls);
	r->e = NULL;
	r->cls = 0;
	r->head = 0;
}

void cen__ring_pop_oldest(cen__graph *g, cen__ring *r, uint32_t deg)
{
	if (r->len != deg)
		return; /* the cap dropped it already: r's entries are newer */
	uint32_t cap = cen__ring_cap(r);
	r->head = r->head + 1 == cap ? 0 : r->head + 1;
	r->len--;
	if (!r->len)
		ring_release(g, r);
	else if (r->cls >= 5 && r->len <= cap / 4) {
		/* A quarter full: half the room will do (an account past its busy
		 * days gives memory back). Out of memory, it keeps its block. */
		(void)ring_move(g, r, r->cls - 2u);
	}
}
