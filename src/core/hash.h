/* hash.h - hashing and an open-addressing string interner (internal-shared).
 *
 * cen__intern maps byte strings to dense ids 0..n-1 in insertion order; the
 * strings live in an arena and stay valid until the interner is released
 * (or, added with cen__intern_put_borrowed_h, in the caller's storage).
 * Lookups do not allocate. Table load factor stays <= 0.5.
 *
 * A slot is 32 bytes, two to a cache line: 16 bits of the hash and the
 * length in one word (tl), and the key itself when it has at most
 * CEN__INTERN_INLINE bytes (account names do), else a pointer to the copy.
 * A probe that hits costs one cache miss: the tables are large and random
 * (accounts), and misses are what lookups cost.
 *
 * The monitor looks both accounts of every transaction up, so the common
 * lookup is written here to be inlined: the hash of a key of at most 16
 * bytes, and the probe of the home line for a key of 8..16 bytes, which
 * compares tl and two words per slot (cen__intern_slot_has2); keys of
 * 8..24 bytes are compared by three words elsewhere (cen__intern_words). What must
 * hold: slots are never emptied (no deletion), so a probe ends at the
 * first empty slot; keys are put and looked up with one hash function
 * (cen__intern_hash) unless a caller passes its own hash to both.
 */
#ifndef CEN_CORE_HASH_H
#define CEN_CORE_HASH_H

#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/bytes.h"
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
	uint32_t id1; /* id + 1; 0: empty */
	uint32_t tl;  /* cen__intern_tl: hash bits 48..63, then the length */
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
static inline uint64_t cen__intern_hash(const char *s, size_t len);
int64_t cen__intern_put_h(cen__intern *t, const char *s, size_t len, uint64_t h);
static inline int64_t cen__intern_get_h(const cen__intern *t, const char *s, size_t len,
					uint64_t h);
/* cen__intern_put_h without the copy: when s is new, t keeps s itself, which
 * must be NUL-terminated and stay valid and unchanged until t is released
 * (a table whose rows already hold the key saves the second copy). */
int64_t cen__intern_put_borrowed_h(cen__intern *t, const char *s, size_t len, uint64_t h);
/* Makes room for n strings in all, so that adding up to n grows nothing. */
int cen__intern_reserve(cen__intern *t, size_t n);

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

/* Asks the CPU to fetch the slot s would probe first (no effect if none). */
static inline void cen__intern_prefetch(const cen__intern *t, uint64_t h)
{
	if (t->nslots)
		cen__prefetch(&t->slots[cen__intern_home(t->nslots, h)]);
}

/* A slot's tl for a key of hash h and len bytes: lengths from 0xffff up
 * share 0xffff (the exact one is in lens[id]). Never 0 for len > 0. */
static inline uint32_t cen__intern_tl(uint64_t h, size_t len)
{
	return (uint32_t)(h >> 48) | (uint32_t)(len >= 0xffff ? 0xffff : len) << 16;
}

/* A key of 8..CEN__INTERN_INLINE bytes (account names are) as three
 * overlapping words, at 0, (len - 8) / 2 and len - 8: together they cover
 * every byte, so two keys of one length are equal exactly when their
 * words are. A probe reads the key once and compares each slot's inline
 * copy in three loads, without a call or a loop. */
typedef struct cen__intern_words {
	uint64_t a, m, z;
	size_t mid, end; /* the offsets of m and z */
	uint32_t tl;     /* cen__intern_tl */
} cen__intern_words;

static inline int cen__intern_wordy(size_t len)
{
	return len - 8 <= CEN__INTERN_INLINE - 8;
}

/* The words of s (len bytes, cen__intern_wordy), whose hash is h. */
static inline cen__intern_words cen__intern_words_of(const char *s, size_t len, uint64_t h)
{
	cen__intern_words w;
	w.mid = (len - 8) / 2;
	w.end = len - 8;
	w.a = cen__load64(s);
	w.m = cen__load64(s + w.mid);
	w.z = cen__load64(s + w.end);
	w.tl = cen__intern_tl(h, len);
	return w;
}

/* Whether e holds the key of w. */
static inline int cen__intern_slot_has(const cen__intern_slot *e, const cen__intern_words *w)
{
	const char *k = e->key.inl;
	return e->tl == w->tl && ((cen__load64(k) ^ w->a) | (cen__load64(k + w->mid) ^ w->m) |
				  (cen__load64(k + w->end) ^ w->z)) == 0;
}

/* cen__intern_get_h from slot i on (the general probe, any length). */
int64_t cen__intern_get_from(const cen__intern *t, const char *s, size_t len, uint64_t h,
			     size_t i);

/* Whether e holds the key of 8..16 bytes whose first and last words are
 * a and z (together every byte of it) and whose tl is tl. */
static inline int cen__intern_slot_has2(const cen__intern_slot *e, uint32_t tl, uint64_t a,
					uint64_t z, size_t len)
{
	const char *k = e->key.inl;
	return e->tl == tl && ((cen__load64(k) ^ a) | (cen__load64(k + len - 8) ^ z)) == 0;
}

/* The two slots of the home line are probed here, in the caller: a key
 * is found there nine times in ten (see cen__intern_home), and a lookup
 * then costs no call. Inline for keys of 8..16 bytes (account names are),
 * whose first and last words hold every byte: two compares a slot, not
 * the three of cen__intern_words. Past the line, and for other lengths,
 * cen__intern_get_from goes on. */
static inline __attribute__((always_inline)) int64_t
cen__intern_get_h(const cen__intern *t, const char *s, size_t len, uint64_t h)
{
	if (!t->nslots)
		return -1;
	size_t i = cen__intern_home(t->nslots, h);
	if (len - 8 > 8)
		return cen__intern_get_from(t, s, len, h, i);
	const cen__intern_slot *e = &t->slots[i];
	uint64_t a = cen__load64(s), z = cen__load64(s + len - 8);
	uint32_t tl = cen__intern_tl(h, len);
	if (cen__intern_slot_has2(e, tl, a, z, len))
		return (int64_t)e->id1 - 1;
	if (!e->id1)
		return -1;
	if (cen__intern_slot_has2(e + 1, tl, a, z, len))
		return (int64_t)e[1].id1 - 1;
	if (!e[1].id1)
		return -1;
	return cen__intern_get_from(t, s, len, h, (i + 2) & (t->nslots - 1));
}

/* Multiply-fold: the 128-bit product's halves xored (as wyhash does). A
 * zero factor would erase the other, so callers mix constants into both. */
static inline uint64_t cen__hash_fold(uint64_t a, uint64_t b)
{
#ifdef __SIZEOF_INT128__
	__uint128_t m = (__uint128_t)a * b;
	return (uint64_t)m ^ (uint64_t)(m >> 64);
#else
	return cen__hash_u64(a) ^ (b * 0x9E3779B97F4A7C15ULL);
#endif
}

#define CEN__INTERN_K0 0xa0761d6478bd642fULL
#define CEN__INTERN_K1 0xe7037ed1a0b428dbULL

/* The last step of cen__intern_hash: the final two words a, b (the whole
 * of a short key) and h, the length and the words before them. The fold
 * alone leaves the low bits (the slot) poorly mixed when keys differ in a
 * few high bits of a word: 100,000 keys of 16 bytes that differ only in
 * bits 32..48 of their first word sat 5.8 slots from home on average, at
 * load 0.38. One multiply-xorshift round after it spreads them as the two
 * rounds of cen__hash_u64 did (0.45, as random; so too with the integer
 * at any byte offset of either word, and for the accounts file's keys),
 * with one multiply less. Both steps after the fold are invertible: keys
 * the fold tells apart keep distinct hashes. */
static inline uint64_t cen__intern_hash_end(uint64_t a, uint64_t b, uint64_t h)
{
	uint64_t x = cen__hash_fold(a ^ CEN__INTERN_K0, b ^ CEN__INTERN_K1 ^ h);
	x ^= x >> 32;
	x *= 0x9E3779B97F4A7C15ULL;
	return x ^ (x >> 29);
}

/* cen__intern_hash of a key longer than 16 bytes. */
uint64_t cen__intern_hash_long(const char *s, size_t len);

/* cen__intern_hash of a key of at most 16 bytes, from its words
 * (cen__short_key_of): a caller hashing two keys at once interleaves them. */
static inline uint64_t cen__intern_hash_short(cen__short_key k, size_t len)
{
	/* never k1: see cen__hash_fold */
	return cen__intern_hash_end(k.a, k.b, (uint64_t)len * 0x9E3779B97F4A7C15ULL);
}

/* The interner's hash: keys are short (accounts, banks, codes), so they
 * are read in at most two overlapping loads, never a byte loop, and never
 * outside [s, s + len); a key of at most 16 bytes is hashed here, in the
 * caller. Not cen__hash_bytes, whose values are kept in files (content
 * hashes); this one is never stored. */
static inline __attribute__((always_inline)) uint64_t cen__intern_hash(const char *s,
									size_t len)
{
	if (len > 16)
		return cen__intern_hash_long(s, len);
	return cen__intern_hash_short(cen__short_key_of(s, len), len);
}

#endif
