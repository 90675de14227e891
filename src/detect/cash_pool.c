/* cash_pool.c - blocks of 1, 2, 4, ... records for the cash detectors'
 * event queues and daily buckets (see cash_det.h, "block pool").
 *
 * A queue or bucket that grows asks for the next class (twice the room)
 * and gives its old block back; glibc realloc did that with a malloc, a
 * copy and a free of cold chunks for every doubling, and the detectors'
 * release freed each block (one cache miss per block at exit). Here a
 * block of up to CEN__POOL_SMALL bytes is carved from an arena the pool
 * owns and, once given back, waits on its class's free list (linked
 * through its first word) to be the next one given out: most likely still
 * in cache; when its class has none, the smallest larger small block given
 * back is split in halves down to the class (one half of each size onto
 * its class's list), before the arena is asked: bursts give back blocks
 * of 64 to 512 events that most queues, of one to a few, never ask for
 * again, and the 5 M benchmark's funnel held 160 k events' room on those
 * lists. Larger blocks (a burst) come from cen_malloc, behind a header
 * that links them into the pool's list of large blocks, and go back to the
 * system when given back, so a burst does not pin its memory for the run.
 * Releasing the pool frees the arena's chunks and the large blocks left,
 * not each block.
 *
 * What must hold: a block is given back to the pool it came from, with
 * the class it was got with; a free block is on exactly one free list and
 * in no owner's hands, and a split one's pieces are on the lists of their
 * classes or in owners' hands, never both; bit c of avail is set exactly
 * when free[c] holds a block (only small blocks are ever on a list);
 * every large block not given back is on p->large.
 */
#include "detect/cash_det.h"

#include <assert.h>
#include <string.h>

#include "core/banned.h"

/* Ahead of a large block: its neighbours on p->large (16 bytes, so the
 * block keeps the arena's 16-byte alignment). */
typedef struct cen__pool_big {
	struct cen__pool_big *prev, *next;
} cen__pool_big;

_Static_assert(sizeof(cen__pool_big) % 16 == 0, "a large block stays 16-byte aligned");

/* The arena's blocks (it doubles them as it grows). */
#define POOL_CHUNK ((size_t)256 * 1024)
_Static_assert(CEN__POOL_SMALL <= POOL_CHUNK, "a small block fits a chunk");

void cen__pool_init(cen__pool *p, size_t elem)
{
	assert(elem >= sizeof(void *)); /* a free block holds its list's link */
	memset(p, 0, sizeof *p);
	p->elem = elem;
	cen__arena_init(&p->arena, POOL_CHUNK);
}

static size_t block_bytes(const cen__pool *p, unsigned cls)
{
	return p->elem << cls;
}

void *cen__pool_get(cen__pool *p, unsigned cls)
{
	if (cls >= CEN__POOL_CLASSES || p->elem > (SIZE_MAX - sizeof(cen__pool_big)) >> cls)
		return NULL;
	size_t n = block_bytes(p, cls);
	if (n > CEN__POOL_SMALL) {
		cen__pool_big *b = cen_malloc(sizeof *b + n);
		if (!b)
			return NULL;
		b->prev = NULL;
		b->next = p->large;
		if (p->large)
			p->large->prev = b;
		p->large = b;
		return b + 1;
	}
	uint64_t above = p->avail >> cls; /* the classes from cls up given back */
	if (!above)
		return cen__arena_alloc(&p->arena, n);
	unsigned c = cls + (unsigned)__builtin_ctzll(above);
	void *blk = p->free[c];
	memcpy(&p->free[c], blk, sizeof(void *)); /* the link in its first word */
	if (!p->free[c])
		p->avail &= ~(1ull << c);
	while (c > cls) { /* the upper half of each size goes on its list */
		c--;
		cen__pool_put(p, (char *)blk + block_bytes(p, c), c);
	}
	return blk;
}

void cen__pool_put(cen__pool *p, void *blk, unsigned cls)
{
	if (!blk)
		return;
	if (block_bytes(p, cls) > CEN__POOL_SMALL) {
		cen__pool_big *b = (cen__pool_big *)blk - 1;
		if (b->prev)
			b->prev->next = b->next;
		else
			p->large = b->next;
		if (b->next)
			b->next->prev = b->prev;
		cen_free(b);
		return;
	}
	memcpy(blk, &p->free[cls], sizeof(void *));
	p->free[cls] = blk;
	p->avail |= 1ull << cls;
}

void *cen__pool_grow(cen__pool *p, void *blk, unsigned cls, const void *from, size_t n)
{
	void *nb = cen__pool_get(p, cls + 1);
	if (!nb)
		return NULL;
	if (n)
		memcpy(nb, from, n * p->elem);
	cen__pool_put(p, blk, cls);
	return nb;
}

void cen__pool_release(cen__pool *p)
{
	cen__pool_big *b = p->large;
	while (b) {
		cen__pool_big *n = b->next;
		cen_free(b);
		b = n;
	}
	cen__arena_release(&p->arena);
	/* Not cen__pool_init: a pool zeroed and never initialised (its
	 * owner failed before) is released too. */
	size_t elem = p->elem;
	memset(p, 0, sizeof *p);
	p->elem = elem;
	cen__arena_init(&p->arena, POOL_CHUNK);
}
