/* hash.c - a fast 64-bit byte hash and the string interner.
 *
 * The hash mixes 8 bytes at a time with multiply-xorshift (in the manner of
 * wyhash/murmur finalisers); it is not for adversarial keys in a network
 * service (a per-process seed is the caller's option).
 *
 * The interner probes line by line from its hash's line (cen__intern_home),
 * each line's slots in order. A key of at most CEN__INTERN_SHORT bytes is
 * compared by its words (cen__intern_line_find); a longer one by its hash,
 * then its length and bytes (long_is). cen__intern_get_h probes the home
 * line inline (hash.h) and calls cen__intern_get_from past it. What must
 * hold: a slot's tag is 0 until it is filled and never again after; a
 * line's slots fill in order; 2 * nlines >= count (a third of the slots
 * or more stay empty, so probes stay short and always end).
 */
#include "core/hash.h"

#include <string.h>

#include "centinela/core.h"
#include "core/bytes.h"

uint64_t cen__hash_bytes(const void *data, size_t len, uint64_t seed)
{
	const unsigned char *p = data;
	uint64_t h = seed ^ (len * 0x9E3779B97F4A7C15ULL);
	while (len >= 8) {
		uint64_t k;
		memcpy(&k, p, 8);
		h ^= cen__hash_u64(k);
		h *= 0x9E3779B97F4A7C15ULL;
		p += 8;
		len -= 8;
	}
	uint64_t k = 0;
	for (size_t i = 0; i < len; i++)
		k |= (uint64_t)p[i] << (8 * i);
	h ^= cen__hash_u64(k ^ len);
	return cen__hash_u64(h);
}

void cen__intern_init(cen__intern *t)
{
	memset(t, 0, sizeof *t);
	cen__arena_init(&t->arena, 256 * 1024);
}

void cen__intern_release(cen__intern *t)
{
	cen_free(t->lines_mem);
	cen_free(t->strs);
	cen_free(t->lens);
	cen_free(t->hashes);
	cen__arena_release(&t->arena);
	memset(t, 0, sizeof *t);
}

/* Whether slot j of l holds s, longer than CEN__INTERN_SHORT (len bytes,
 * hash h, tag tag). */
static inline int long_is(const cen__intern *t, const cen__intern_line *l, int j, const char *s,
			  size_t len, uint64_t h, unsigned tag)
{
	return l->tag[j] == tag && l->key[j][1] == h && t->lens[l->id[j]] == len &&
	       memcmp((const char *)(uintptr_t)l->key[j][0], s, len) == 0;
}

/* A slot of the table. */
typedef struct spot {
	cen__intern_line *l;
	int j;
} spot;

/* Probes from line i for s (len bytes, hash h): returns 1 with *at its
 * slot, or 0 with *at the empty slot that ends the probe (where s goes). */
static int probe(const cen__intern *t, const char *s, size_t len, uint64_t h, size_t i,
		 spot *at)
{
	size_t mask = t->nlines - 1;
	unsigned tag = cen__intern_tag(h, len);
	if (len <= CEN__INTERN_SHORT) {
		cen__short_key k = cen__short_key_of(s, len);
		for (;; i = (i + 1) & mask) {
			int j = cen__intern_line_find(&t->lines[i], k, tag);
			if (j < 2 * CEN__INTERN_WAYS) {
				at->l = &t->lines[i];
				at->j = j % CEN__INTERN_WAYS;
				return j < CEN__INTERN_WAYS;
			}
		}
	}
	for (;; i = (i + 1) & mask) {
		cen__intern_line *l = &t->lines[i];
		for (int j = 0; j < CEN__INTERN_WAYS; j++) {
			if (!l->tag[j] || long_is(t, l, j, s, len, h, tag)) {
				at->l = l;
				at->j = j;
				return l->tag[j] != 0;
			}
		}
	}
}

/* Fills the empty slot at with id, the key copy (len bytes, hash h). */
static void fill(spot at, uint32_t id, const char *copy, size_t len, uint64_t h)
{
	cen__intern_line *l = at.l;
	if (len <= CEN__INTERN_SHORT) {
		cen__short_key k = cen__short_key_of(copy, len);
		l->key[at.j][0] = k.a;
		l->key[at.j][1] = k.b;
	} else {
		l->key[at.j][0] = (uint64_t)(uintptr_t)copy;
		l->key[at.j][1] = h;
	}
	l->id[at.j] = id;
	l->tag[at.j] = (uint8_t)cen__intern_tag(h, len);
}

/* Rehashes into n lines (a power of two, 2 * n >= count). */
static int grow_table(cen__intern *t, size_t n)
{
	void *mem = cen_calloc(n + 1, sizeof(cen__intern_line));
	if (!mem)
		return CEN_ENOMEM;
	uintptr_t al = ((uintptr_t)mem + 63) & ~(uintptr_t)63;
	cen__intern_line *lines = (cen__intern_line *)al;
	for (size_t id = 0; id < t->count; id++) {
		uint64_t h = t->hashes[id];
		size_t i = cen__intern_home(n, h);
		while (lines[i].tag[CEN__INTERN_WAYS - 1])
			i = (i + 1) & (n - 1);
		int j = 0;
		while (lines[i].tag[j])
			j++;
		fill((spot){&lines[i], j}, (uint32_t)id, t->strs[id], t->lens[id], h);
	}
	cen_free(t->lines_mem);
	t->lines_mem = mem;
	t->lines = lines;
	t->nlines = n;
	return 0;
}

uint64_t cen__intern_hash_long(const char *s, size_t len)
{
	uint64_t h = (uint64_t)len * 0x9E3779B97F4A7C15ULL; /* never k1: see cen__hash_fold */
	const char *p = s;
	size_t n = len;
	while (n > 16) {
		h = cen__hash_fold(cen__load64(p) ^ CEN__INTERN_K0, cen__load64(p + 8) ^ h);
		p += 16;
		n -= 16;
	}
	return cen__intern_hash_end(cen__load64(s + len - 16), cen__load64(s + len - 8), h);
}

int64_t cen__intern_get(const cen__intern *t, const char *s, size_t len)
{
	return cen__intern_get_h(t, s, len, cen__intern_hash(s, len));
}

int64_t cen__intern_get_from(const cen__intern *t, const char *s, size_t len, uint64_t h,
			     size_t i)
{
	spot at;
	return probe(t, s, len, h, i, &at) ? (int64_t)at.l->id[at.j] : -1;
}

int64_t cen__intern_put(cen__intern *t, const char *s, size_t len)
{
	return cen__intern_put_h(t, s, len, cen__intern_hash(s, len));
}

/* Room for n strings in the arrays by id. */
static int grow_arrays(cen__intern *t, size_t n)
{
	const char **ns = cen_realloc((void *)t->strs, n * sizeof *ns);
	if (!ns)
		return CEN_ENOMEM;
	t->strs = ns;
	uint32_t *nl = cen_realloc(t->lens, n * sizeof *nl);
	if (!nl)
		return CEN_ENOMEM;
	t->lens = nl;
	uint64_t *nh = cen_realloc(t->hashes, n * sizeof *nh);
	if (!nh)
		return CEN_ENOMEM;
	t->hashes = nh;
	t->cap = n;
	return 0;
}

/* Lines of a table for n strings, from a table of cur lines (0: none). */
static size_t lines_for(size_t cur, size_t n)
{
	size_t lines = cur ? cur : 256;
	while (2 * lines < n)
		lines *= 2;
	return lines;
}

int cen__intern_reserve(cen__intern *t, size_t n)
{
	size_t lines = lines_for(t->nlines, n);
	if (lines > t->nlines && grow_table(t, lines))
		return CEN_ENOMEM;
	return n > t->cap ? grow_arrays(t, n) : 0;
}

/* Gives s (len bytes, hash h, absent) the next id, keeping s itself when
 * borrow is set, else a copy in the arena (into *copy); the caller then
 * fills its slot. */
static inline int64_t add(cen__intern *t, const char *s, size_t len, uint64_t h, int borrow,
			  const char **copy)
{
	if (t->count == t->cap && grow_arrays(t, t->cap ? t->cap * 2 : 1024))
		return CEN_ENOMEM;
	*copy = borrow ? s : cen__arena_strndup(&t->arena, s, len);
	if (!*copy)
		return CEN_ENOMEM;
	size_t id = t->count++;
	t->strs[id] = *copy;
	t->lens[id] = (uint32_t)len;
	t->hashes[id] = h;
	return (int64_t)id;
}

/* put_h, keeping s itself when borrow is set (see add). */
static inline int64_t insert(cen__intern *t, const char *s, size_t len, uint64_t h, int borrow)
{
	size_t lines = lines_for(t->nlines, t->count + 1);
	if (lines > t->nlines && grow_table(t, lines))
		return CEN_ENOMEM;
	if (t->count >= UINT32_MAX - 1 || len > UINT32_MAX)
		return CEN_ELIMIT;
	spot at;
	if (probe(t, s, len, h, cen__intern_home(t->nlines, h), &at))
		return (int64_t)at.l->id[at.j];
	const char *copy;
	int64_t id = add(t, s, len, h, borrow, &copy);
	if (id >= 0)
		fill(at, (uint32_t)id, copy, len, h);
	return id;
}

int64_t cen__intern_put_h(cen__intern *t, const char *s, size_t len, uint64_t h)
{
	return insert(t, s, len, h, 0);
}

int64_t cen__intern_put_borrowed_h(cen__intern *t, const char *s, size_t len, uint64_t h)
{
	return insert(t, s, len, h, 1);
}
