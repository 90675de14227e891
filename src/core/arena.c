/* arena.c - chained-block bump allocator. See arena.h for the contract.
 *
 * Blocks double in size (up to 8 MiB) once the arena holds eight of them, so
 * a small arena stays small and a big one (the monitor's account names) ends
 * in few large blocks that the allocator can back with huge pages.
 *
 * A block's header is inside its block_size bytes, so a block of 4 or
 * 8 MiB (cen_malloc puts it on a 2 MiB boundary) spans exactly 2 or 4 huge
 * pages, not 32 bytes of a further page; its data starts 32 bytes past the
 * boundary. A request too big for a block gets a block of its own, of the
 * request plus the header.
 *
 * What must hold: used <= size for every block; total is the sum of the
 * blocks' bytes as allocated, headers included. */
#include "core/arena.h"

#include <string.h>

#include "centinela/core.h"

#define ARENA_BLOCK_MAX ((size_t)8 << 20)

struct cen__arena_block {
	cen__arena_block *next;
	size_t used, size;
	_Alignas(16) unsigned char data[];
};

void cen__arena_init(cen__arena *a, size_t block_size)
{
	a->head = NULL;
	a->block_size = block_size ? block_size : 64 * 1024;
	a->total = 0;
}

void cen__arena_release(cen__arena *a)
{
	cen__arena_block *b = a->head;
	while (b) {
		cen__arena_block *n = b->next;
		cen_free(b);
		b = n;
	}
	a->head = NULL;
	a->total = 0;
}

void cen__arena_reset(cen__arena *a)
{
	if (!a->head)
		return;
	/* Keep the newest block (head), free the rest. */
	cen__arena_block *b = a->head->next;
	while (b) {
		cen__arena_block *n = b->next;
		a->total -= sizeof *b + b->size;
		cen_free(b);
		b = n;
	}
	a->head->next = NULL;
	a->head->used = 0;
}

void *cen__arena_alloc(cen__arena *a, size_t size)
{
	size = (size + 15) & ~(size_t)15;
	cen__arena_block *b = a->head;
	if (!b || b->size - b->used < size) {
		if (a->total >= 8 * a->block_size && a->block_size < ARENA_BLOCK_MAX)
			a->block_size *= 2;
		size_t bs = a->block_size;
		if (size > bs - sizeof(cen__arena_block))
			bs = sizeof(cen__arena_block) + size; /* big requests get their own block */
		cen__arena_block *nb = cen_malloc(bs);
		if (!nb)
			return NULL;
		nb->size = bs - sizeof *nb;
		nb->used = 0;
		a->total += bs;
		if (b && size > a->block_size / 4 && b->size - b->used > a->block_size / 8) {
			/* Keep the current block as head for small requests. */
			nb->next = b->next;
			b->next = nb;
			nb->used = size;
			return nb->data;
		}
		nb->next = b;
		a->head = b = nb;
	}
	void *p = b->data + b->used;
	b->used += size;
	return p;
}

void *cen__arena_calloc(cen__arena *a, size_t size)
{
	void *p = cen__arena_alloc(a, size);
	if (p)
		memset(p, 0, size);
	return p;
}

char *cen__arena_strndup(cen__arena *a, const char *s, size_t n)
{
	char *d = cen__arena_alloc(a, n + 1);
	if (!d)
		return NULL;
	memcpy(d, s, n);
	d[n] = '\0';
	return d;
}
