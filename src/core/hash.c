/* hash.c - a fast 64-bit byte hash and the string interner.
 *
 * The hash mixes 8 bytes at a time with multiply-xorshift (in the manner of
 * wyhash/murmur finalisers); it is not for adversarial keys in a network
 * service (a per-process seed is the caller's option).
 *
 * The interner probes linearly from the first slot of its hash's cache
 * line (cen__intern_home). A key of 8..24 bytes is compared by its words
 * and stored by them (probe_words, fill_slot_words); others by their bytes
 * (probe_any). cen__intern_get_h probes the home line inline (hash.h) and
 * calls cen__intern_get_from past it. What must hold: a slot's id1 is 0
 * until it is filled and never again after; tl holds the length up to
 * 0xffff, the exact one is lens[id].
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
	cen_free(t->slots_mem);
	cen_free(t->strs);
	cen_free(t->lens);
	cen_free(t->hashes);
	cen__arena_release(&t->arena);
	memset(t, 0, sizeof *t);
}

/* Whether e holds s (len bytes, tl its cen__intern_tl): any length. */
static inline int slot_is(const cen__intern *t, const cen__intern_slot *e, const char *s,
			  size_t len, uint32_t tl)
{
	if (e->tl != tl)
		return 0;
	if (len <= CEN__INTERN_INLINE)
		return cen__bytes_eq(e->key.inl, s, len);
	/* the length first: memcmp may read all len bytes of a shorter copy */
	return (len < 0xffff || t->lens[e->id1 - 1] == len) && memcmp(e->key.ptr, s, len) == 0;
}

/* The slot of the key of w, probing from slot i, or, when the key is
 * absent, the empty slot that ends the probe (where the key goes). */
static inline cen__intern_slot *probe_words(const cen__intern *t, const cen__intern_words *w,
					    size_t i)
{
	size_t mask = t->nslots - 1;
	for (;; i = (i + 1) & mask) {
		cen__intern_slot *e = &t->slots[i];
		if (cen__intern_slot_has(e, w) || !e->id1)
			return e;
	}
}

/* probe_words for a key of any length, compared with slot_is. */
static cen__intern_slot *probe_any(const cen__intern *t, const char *s, size_t len, uint64_t h,
				   size_t i)
{
	size_t mask = t->nslots - 1;
	uint32_t tl = cen__intern_tl(h, len);
	for (;; i = (i + 1) & mask) {
		cen__intern_slot *e = &t->slots[i];
		if (!e->id1 || slot_is(t, e, s, len, tl))
			return e;
	}
}

/* Fills the empty slot e with the key copy (len bytes, hash h): inline
 * when it fits, else by pointer. */
static void fill_slot(cen__intern_slot *e, uint32_t id, const char *copy, size_t len, uint64_t h)
{
	e->id1 = id + 1;
	e->tl = cen__intern_tl(h, len);
	if (len <= CEN__INTERN_INLINE)
		cen__bytes_copy(e->key.inl, copy, len);
	else
		e->key.ptr = copy;
}

/* fill_slot of a key of 8..24 bytes, from its words. */
static inline void fill_slot_words(cen__intern_slot *e, uint32_t id, const cen__intern_words *w)
{
	e->id1 = id + 1;
	e->tl = w->tl;
	memcpy(e->key.inl, &w->a, 8);
	memcpy(e->key.inl + w->mid, &w->m, 8);
	memcpy(e->key.inl + w->end, &w->z, 8);
}

/* Rehashes into n slots (a power of two, more than twice count). */
static int grow_table(cen__intern *t, size_t n)
{
	void *mem = cen_calloc(n + 2, sizeof(cen__intern_slot));
	if (!mem)
		return CEN_ENOMEM;
	uintptr_t al = ((uintptr_t)mem + 63) & ~(uintptr_t)63;
	cen__intern_slot *slots = (cen__intern_slot *)al;
	for (size_t id = 0; id < t->count; id++) {
		uint64_t h = t->hashes[id];
		size_t i = cen__intern_home(n, h);
		while (slots[i].id1)
			i = (i + 1) & (n - 1);
		fill_slot(&slots[i], (uint32_t)id, t->strs[id], t->lens[id], h);
	}
	cen_free(t->slots_mem);
	t->slots_mem = mem;
	t->slots = slots;
	t->nslots = n;
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
	const cen__intern_slot *e;
	if (cen__intern_wordy(len)) {
		cen__intern_words w = cen__intern_words_of(s, len, h);
		e = probe_words(t, &w, i);
	} else {
		e = probe_any(t, s, len, h, i);
	}
	return (int64_t)e->id1 - 1;
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

int cen__intern_reserve(cen__intern *t, size_t n)
{
	size_t slots = t->nslots ? t->nslots : 512;
	while (slots < 2 * n + 2)
		slots *= 2;
	if (slots > t->nslots && grow_table(t, slots))
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
	if ((t->count + 1) * 2 > t->nslots && grow_table(t, t->nslots ? t->nslots * 2 : 512))
		return CEN_ENOMEM;
	if (t->count >= UINT32_MAX - 1 || len > UINT32_MAX)
		return CEN_ELIMIT;
	size_t i = cen__intern_home(t->nslots, h);
	const char *copy;
	int64_t id;
	if (cen__intern_wordy(len)) {
		cen__intern_words w = cen__intern_words_of(s, len, h);
		cen__intern_slot *e = probe_words(t, &w, i);
		if (e->id1)
			return (int64_t)e->id1 - 1;
		if ((id = add(t, s, len, h, borrow, &copy)) >= 0)
			fill_slot_words(e, (uint32_t)id, &w);
		return id;
	}
	cen__intern_slot *e = probe_any(t, s, len, h, i);
	if (e->id1)
		return (int64_t)e->id1 - 1;
	if ((id = add(t, s, len, h, borrow, &copy)) >= 0)
		fill_slot(e, (uint32_t)id, copy, len, h);
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
