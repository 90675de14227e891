/* hash.c - a fast 64-bit byte hash and the string interner.
 *
 * The hash mixes 8 bytes at a time with multiply-xorshift (in the manner of
 * wyhash/murmur finalisers); it is not for adversarial keys in a network
 * service (a per-process seed is the caller's option).
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

static inline uint16_t slot_len(size_t len)
{
	return len >= 0xffff ? 0xffff : (uint16_t)len;
}

static inline int slot_is(const cen__intern *t, const cen__intern_slot *e, const char *s,
			  size_t len, uint16_t tag)
{
	if (e->tag != tag || e->len != slot_len(len))
		return 0;
	if (len <= CEN__INTERN_INLINE)
		return cen__bytes_eq(e->key.inl, s, len);
	return memcmp(e->key.ptr, s, len) == 0 && (len < 0xffff || t->lens[e->id1 - 1] == len);
}

static int64_t lookup(const cen__intern *t, const char *s, size_t len, uint64_t h,
		      size_t *slot_out)
{
	size_t mask = t->nslots - 1;
	size_t i = cen__intern_home(t->nslots, h);
	uint16_t tag = (uint16_t)(h >> 48);
	for (;;) {
		const cen__intern_slot *e = &t->slots[i];
		if (!e->id1) {
			*slot_out = i;
			return -1;
		}
		if (slot_is(t, e, s, len, tag))
			return e->id1 - 1;
		i = (i + 1) & mask;
	}
}

static void fill_slot(cen__intern_slot *e, uint32_t id, const char *copy, size_t len, uint64_t h)
{
	e->id1 = id + 1;
	e->tag = (uint16_t)(h >> 48);
	e->len = slot_len(len);
	if (len <= CEN__INTERN_INLINE)
		memcpy(e->key.inl, copy, len);
	else
		e->key.ptr = copy;
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

/* Multiply-fold: the 128-bit product's halves xored (as wyhash does). A
 * zero factor would erase the other, so callers mix constants into both. */
static inline uint64_t fold(uint64_t a, uint64_t b)
{
#ifdef __SIZEOF_INT128__
	__uint128_t m = (__uint128_t)a * b;
	return (uint64_t)m ^ (uint64_t)(m >> 64);
#else
	return cen__hash_u64(a) ^ (b * 0x9E3779B97F4A7C15ULL);
#endif
}

/* The interner's hash: keys are short (accounts, banks, codes), so they
 * are read in at most two overlapping loads, never a byte loop, and never
 * outside [s, s + len). Not cen__hash_bytes, whose values are kept in
 * files (content hashes); this one is never stored. */
uint64_t cen__intern_hash(const char *s, size_t len)
{
	const uint64_t k0 = 0xa0761d6478bd642fULL, k1 = 0xe7037ed1a0b428dbULL;
	uint64_t a, b, h = (uint64_t)len * 0x9E3779B97F4A7C15ULL; /* never k1: see fold */
	if (len > 16) {
		const char *p = s;
		size_t n = len;
		while (n > 16) {
			h = fold(cen__load64(p) ^ k0, cen__load64(p + 8) ^ h);
			p += 16;
			n -= 16;
		}
		a = cen__load64(s + len - 16);
		b = cen__load64(s + len - 8);
	} else {
		cen__short_key k = cen__short_key_of(s, len);
		a = k.a;
		b = k.b;
	}
	return cen__hash_u64(fold(a ^ k0, b ^ k1 ^ h));
}

int64_t cen__intern_get(const cen__intern *t, const char *s, size_t len)
{
	return cen__intern_get_h(t, s, len, cen__intern_hash(s, len));
}

int64_t cen__intern_get_h(const cen__intern *t, const char *s, size_t len, uint64_t h)
{
	if (!t->nslots)
		return -1;
	size_t slot;
	return lookup(t, s, len, h, &slot);
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

/* put_h, keeping s itself when borrow is set, else a copy in the arena. */
static int64_t insert(cen__intern *t, const char *s, size_t len, uint64_t h, int borrow)
{
	if ((t->count + 1) * 2 > t->nslots && grow_table(t, t->nslots ? t->nslots * 2 : 512))
		return CEN_ENOMEM;
	if (t->count >= UINT32_MAX - 1 || len > UINT32_MAX)
		return CEN_ELIMIT;
	size_t slot;
	int64_t id = lookup(t, s, len, h, &slot);
	if (id >= 0)
		return id;
	if (t->count == t->cap && grow_arrays(t, t->cap ? t->cap * 2 : 1024))
		return CEN_ENOMEM;
	const char *copy = borrow ? s : cen__arena_strndup(&t->arena, s, len);
	if (!copy)
		return CEN_ENOMEM;
	id = (int64_t)t->count;
	t->strs[id] = copy;
	t->lens[id] = (uint32_t)len;
	t->hashes[id] = h;
	fill_slot(&t->slots[slot], (uint32_t)id, copy, len, h);
	t->count++;
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
