/* hash.h - hashing and an open-addressing string interner (internal-shared).
 *
 * cen__intern maps byte strings to dense ids 0..n-1 in insertion order; the
 * strings live in an arena and stay valid until the interner is released
 * (or, added with cen__intern_put_borrowed_h, in the caller's storage).
 * Lookups do not allocate.
 *
 * The table is made of 64-byte lines (cen__intern_line), one to a cache
 * line, three slots to a line, at most two thirds of the slots full: a
 * slot is a key of at most CEN__INTERN_SHORT bytes itself, as the two
 * words cen__short_key_of reads (account names are such keys), or a longer
 * key's copy's address and its hash; its id; and a byte, the tag, of the
 * key's length (a long key's: and three bits of its hash; 0: empty). A
 * probe starts on its hash's line and goes on line by line: a lookup
 * that hits on its home line costs that one line and no read of the
 * key's text (a short key is compared by its two words; a long one by
 * its hash before its text). The tables are large and random (accounts), and misses are what
 * lookups cost: the three-slot lines held the 5 M benchmark's 502 k names
 * (reserved) in 16 MiB, where two 32-byte slots a line at load <= 0.5
 * took 32 MiB, with a key past its home line about as often (10.2% of
 * keys at its load 0.60, 9.7% then at 0.45). The hint a caller gives
 * ahead of a lookup (cen__intern_prefetch) asks for the home line and
 * the next one, so a key past its home line is not a miss the lookup
 * waits for (the probe past the line, cen__intern_get_from, took 2.4% of
 * the benchmark's samples, 1.2% with both lines hinted).
 *
 * The monitor looks both accounts of every transaction up, so the common
 * lookup is written here to be inlined: the hash of a key of at most 16
 * bytes, and the probe of its home line (cen__intern_line_find). What
 * must hold: slots are never emptied (no deletion), and a line's slots
 * fill in order, so a probe ends at the first empty slot; keys are put
 * and looked up with one hash function (cen__intern_hash) unless a caller
 * passes its own hash to both.
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

#define CEN__INTERN_WAYS 3   /* slots a line */
#define CEN__INTERN_SHORT 16 /* keys up to this length are kept in their slot */

/* A cache line of the table: three slots, filled in order. */
typedef struct cen__intern_line {
	/* a key of at most CEN__INTERN_SHORT bytes: cen__short_key_of's words
	 * (together they hold every byte; the tag its length); a longer one:
	 * its copy's address (strs[id]) and its hash */
	uint64_t key[CEN__INTERN_WAYS][2];
	uint32_t id[CEN__INTERN_WAYS];
	uint8_t tag[CEN__INTERN_WAYS]; /* cen__intern_tag; 0: the slot is empty */
	uint8_t unused;
} cen__intern_line;
_Static_assert(sizeof(cen__intern_line) == 64, "a line of the table is a cache line");

typedef struct cen__intern {
	cen__intern_line *lines; /* on a cache line, inside lines_mem; a probe
				    starts on its hash's (cen__intern_home) */
	void *lines_mem;
	size_t nlines;        /* power of two; 2 * nlines >= count */
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

/* Bytes of t's table of lines (for stats). */
static inline size_t cen__intern_table_bytes(const cen__intern *t)
{
	return t->nlines * sizeof(cen__intern_line);
}

/* Bytes of all of t: its table, its arrays by id and its arena (for
 * stats). */
static inline size_t cen__intern_bytes(const cen__intern *t)
{
	return cen__intern_table_bytes(t) +
	       t->cap * (sizeof *t->strs + sizeof *t->lens + sizeof *t->hashes) + t->arena.total;
}

/* The line a probe for hash h starts on, in a table of nlines: the hash's
 * low bits (the tag takes its top three). */
static inline size_t cen__intern_home(size_t nlines, uint64_t h)
{
	return (size_t)h & (nlines - 1);
}

/* Asks the CPU to fetch the line s would probe first and the next one,
 * where one key in ten is (no effect if none). */
static inline void cen__intern_prefetch(const cen__intern *t, uint64_t h)
{
	if (t->nlines) {
		size_t i = cen__intern_home(t->nlines, h);
		cen__prefetch(&t->lines[i]);
		cen__prefetch(&t->lines[(i + 1) & (t->nlines - 1)]);
	}
}

/* A slot's tag for a key of hash h and len bytes: its length + 1 up to
 * CEN__INTERN_SHORT (the words compare the rest: no hash bits needed, and
 * none to work out on the inline lookup); for any longer one
 * CEN__INTERN_SHORT + 2 in the low five bits and h's top three bits above
 * them. Never 0. */
static inline unsigned cen__intern_tag(uint64_t h, size_t len)
{
	if (len <= CEN__INTERN_SHORT)
		return (unsigned)len + 1;
	return (CEN__INTERN_SHORT + 2) | (unsigned)(h >> 61) << 5;
}

/* Where line l has the short key of words k and tag tag: its slot j
 * (< CEN__INTERN_WAYS); CEN__INTERN_WAYS + j when its slot j is empty
 * and none before holds the key (the key is absent; slot j is where it
 * goes); 2 * CEN__INTERN_WAYS when l is full without it (the probe goes
 * on to the next line). */
static inline int cen__intern_line_find(const cen__intern_line *l, cen__short_key k,
					unsigned tag)
{
	for (int j = 0; j < CEN__INTERN_WAYS; j++) {
		if (l->tag[j] == tag && ((l->key[j][0] ^ k.a) | (l->key[j][1] ^ k.b)) == 0)
			return j;
		if (!l->tag[j])
			return CEN__INTERN_WAYS + j;
	}
	return 2 * CEN__INTERN_WAYS;
}

/* cen__intern_get_h from line i on (the general probe, any length). */
int64_t cen__intern_get_from(const cen__intern *t, const char *s, size_t len, uint64_t h,
			     size_t i);

/* The home line is probed here, in the caller, for a key of at most
 * CEN__INTERN_SHORT bytes (account names are): a key is found there nine
 * times in ten, and a lookup then costs no call. Past the line, and for
 * longer keys, cen__intern_get_from goes on. */
static inline __attribute__((always_inline)) int64_t
cen__intern_get_h(const cen__intern *t, const char *s, size_t len, uint64_t h)
{
	if (!t->nlines)
		return -1;
	size_t i = cen__intern_home(t->nlines, h);
	if (len > CEN__INTERN_SHORT)
		return cen__intern_get_from(t, s, len, h, i);
	const cen__intern_line *l = &t->lines[i];
	int j = cen__intern_line_find(l, cen__short_key_of(s, len), cen__intern_tag(h, len));
	if (j < CEN__INTERN_WAYS)
		return (int64_t)l->id[j];
	if (j < 2 * CEN__INTERN_WAYS)
		return -1;
	return cen__intern_get_from(t, s, len, h, (i + 1) & (t->nlines - 1));
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
