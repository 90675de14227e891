/* hash.h - hashing and an open-addressing string interner (internal-shared).
 *
 * cen__intern maps byte strings to dense ids 0..n-1 in insertion order; the
 * strings live in an arena and stay valid until the interner is released
 * (or, added with cen__intern_put_borrowed_h, in the caller's storage).
 * Lookups do not allocate. Table load factor stays <= 0.5.
 *
 * A slot is 32 bytes, two to a cache line: 16 bits of the hash, the length
 * and the key itself when it has at most CEN__INTERN_INLINE bytes (account
 * names do), else a pointer to the copy. A probe that hits costs one cache
 * miss: the tables are large and random (accounts), and misses are what
 * lookups cost.
 */
#ifndef CEN_CORE_HASH_H
#define CEN_CORE_HASH_H

#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/prefetch.h"

uint64_t cen__hash_bytes(const void *data, size_t len, uint64_t seed);

static inline uint64_t cen__hash_u64(uint64_t x)
{
	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdULL;
	x ^= x >> 33;
	x *= 0xc4ceb9fe1a85ec53ULL;
	x ^= x >> 33;
	return x;
}

#define CEN__INTERN_INLINE 24

typedef struct cen__intern_slot {
	uint32_t id1;         /* id + 1; 0: empty */
	uint16_t tag;         /* hash bits 48..63 */
	uint16_t len;         /* length, 0xffff: >= 0xffff (see lens[id]) */
	union {
		char inl[CEN__INTERN_INLINE]; /* len <= CEN__INTERN_INLINE */
		const char *ptr;              /* longer: the interned copy */
	} key;
} cen__intern_slot;

typedef struct cen__intern {
	cen__intern_slot *slots; /* on a cache line, inside slots_mem; a line
				    holds two slots, and a probe starts on
				    its hash's line (cen__intern_home) */
	void *slots_mem;
	size_t nslots;        /* power of two */
	const char **strs;    /* by id, NUL-terminated, in arena */
	uint32_t *lens;
	uint64_t *hashes;
	size_t count, cap;
	cen__arena arena;
} cen__intern;

void cen__intern_init(cen__intern *t);
void cen__intern_release(cen__intern *t);
/* Returns the id (>= 0) of s, adding it if new; CEN_ENOMEM on failure. */
int64_t cen__intern_put(cen__intern *t, const char *s, size_t len);
/* Returns the id of s or -1 if absent. */
int64_t cen__intern_get(const cen__intern *t, const char *s, size_t len);
/* Put and get with the hash already computed (cen__intern_hash). */
uint64_t cen__intern_hash(const char *s, size_t len);
int64_t cen__intern_put_h(cen__intern *t, const char *s, size_t len, uint64_t h);
int64_t cen__intern_get_h(const cen__intern *t, const char *s, size_t len, uint64_t h);
/* cen__intern_put_h without the copy: when s is new, t keeps s itself, which
 * must be NUL-terminated and stay valid and unchanged until t is released
 * (a table whose rows already hold the key saves the second copy). */
int64_t cen__intern_put_borrowed_h(cen__intern *t, const char *s, size_t len, uint64_t h);
/* Makes room for n strings in all, so that adding up to n grows nothing. */
int cen__intern_reserve(cen__intern *t, size_t n);
/* Asks the CPU to fetch the slot s would probe first (no effect if none). */
/* Where the probe for hash h starts in a table of nslots: the first slot
 * of h's cache line (two slots a line). Starting on the line, not at h's
 * own slot, a key is found without reading a second line more often: on a
 * table 45% full, 9.7% of keys lie past their home line, against 15.6%
 * when the probe starts at the slot (one in two of those then began on the
 * line's second half). The home line is what cen__intern_prefetch hints; a
 * second one is a miss the lookup waits for. */
static inline size_t cen__intern_home(size_t nslots, uint64_t h)
{
	return (size_t)h & (nslots - 1) & ~(size_t)1;
}

static inline void cen__intern_prefetch(const cen__intern *t, uint64_t h)
{
	if (t->nslots)
		cen__prefetch(&t->slots[cen__intern_home(t->nslots, h)]);
}

#endif
