/* arena.h - bump allocator freed in one call (internal-shared).
 *
 * Blocks are chained; an allocation never moves earlier ones, so pointers into
 * an arena stay valid until cen__arena_release (or a reset). Use one arena per
 * batch, request or window. Alignment is 16 bytes.
 */
#ifndef CEN_CORE_ARENA_H
#define CEN_CORE_ARENA_H

#include <stddef.h>

typedef struct cen__arena_block cen__arena_block;

typedef struct cen__arena {
	cen__arena_block *head;
	size_t block_size;
	size_t total; /* bytes obtained from the system */
} cen__arena;

void cen__arena_init(cen__arena *a, size_t block_size);
void cen__arena_release(cen__arena *a);
/* Frees all but the first block and makes it empty again. */
void cen__arena_reset(cen__arena *a);
/* NULL only when out of memory. */
void *cen__arena_alloc(cen__arena *a, size_t size);
void *cen__arena_calloc(cen__arena *a, size_t size);
char *cen__arena_strndup(cen__arena *a, const char *s, size_t n);

#endif
