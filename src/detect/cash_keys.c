/* cash_keys.c - the cash adapter's table of persons' keys and ZIPs (see
 * cash_det.h, "the adapter's keys").
 *
 * Strings numbered 0, 1, 2, ... in the order first put, as cen__intern
 * numbers them, but in 8-byte slots: the low 32 bits of the key's hash
 * and its id + 1. A key is put once per account (the first time a cash
 * detector that reads owners resolves it), never on a transaction's path,
 * so a probe may compare through the id's copy of the text; cen__intern's
 * 32-byte slots, with the key inline for lookups on every transaction,
 * took 16 MiB for the 5 M benchmark's 170 k keys. Copies are packed end to
 * end (NUL-terminated, no alignment) in chunks that never move.
 *
 * What must hold: slots are never emptied, so a probe ends at the first
 * empty slot; a slot's hash bits are those of its id's text (cen__intern_hash),
 * which is what growth places it by; at most 3/4 of the slots are full;
 * strs[id] stays valid and unchanged until the table is released.
 */
#include <string.h>

#include "detect/cash_det.h"
#include "core/banned.h"

#define KEYS_CHUNK ((size_t)64 * 1024)

/* Ahead of each chunk of copies: the chunk made before it. */
typedef struct cen__keys_chunk {
	struct cen__keys_chunk *prev;
} cen__keys_chunk;

void cen__keys_init(cen__keys *k)
{
	memset(k, 0, sizeof *k);
}

void cen__keys_release(cen__keys *k)
{
	cen__keys_chunk *c = k->chunk;
	while (c) {
		cen__keys_chunk *p = c->prev;
		cen_free(c);
		c = p;
	}
	cen_free(k->slots);
	cen_free(k->strs);
	cen_free(k->lens);
	memset(k, 0, sizeof *k);
}

/* The table doubled (or made), every key placed again by its slot's hash. */
static int grow_slots(cen__keys *k)
{
	size_t n = k->nslots ? k->nslots * 2 : 1024;
	uint64_t *s = cen_calloc(n, sizeof *s);
	if (!s)
		return CEN_ENOMEM;
	for (size_t i = 0; i < k->nslots; i++) {
		uint64_t v = k->slots[i];
		if (!v)
			continue;
		size_t h = (size_t)(v >> 32) & (n - 1);
		while (s[h])
			h = (h + 1) & (n - 1);
		s[h] = v;
	}
	cen_free(k->slots);
	k->slots = s;
	k->nslots = n;
	return 0;
}

/* A copy of s (len bytes) and its NUL, packed after the last one. */
static const char *copy(cen__keys *k, const char *s, size_t len)
{
	if (len + 1 > k->room) {
		size_t size = len + 1 > KEYS_CHUNK ? len + 1 : KEYS_CHUNK;
		cen__keys_chunk *c = cen_malloc(sizeof *c + size);
		if (!c)
			return NULL;
		c->prev = k->chunk;
		k->chunk = c;
		k->next = (char *)(c + 1);
		k->room = size;
	}
	char *d = k->next;
	memcpy(d, s, len);
	d[len] = '\0';
	k->next += len + 1;
	k->room -= len + 1;
	return d;
}

int64_t cen__keys_put(cen__keys *k, const char *s, size_t len)
{
	if (4 * (k->count + 1) > 3 * k->nslots) {
		int rc = grow_slots(k);
		if (rc)
			return rc;
	}
	uint32_t h32 = (uint32_t)cen__intern_hash(s, len);
	size_t mask = k->nslots - 1, h = h32 & mask;
	for (uint64_t v; (v = k->slots[h]); h = (h + 1) & mask) {
		if ((uint32_t)(v >> 32) != h32)
			continue;
		size_t id = (uint32_t)v - 1;
		if (k->lens[id] == len && memcmp(k->strs[id], s, len) == 0)
			return (int64_t)id;
	}
	if (k->count >= UINT32_MAX - 1 || len >= UINT32_MAX)
		return CEN_ELIMIT;
	if (k->count == k->cap) {
		size_t nc = k->cap ? k->cap * 2 : 1024;
		const char **ns = cen_realloc(k->strs, nc * sizeof *ns);
		if (!ns)
			return CEN_ENOMEM;
		k->strs = ns;
		uint32_t *nl = cen_realloc(k->lens, nc * sizeof *nl);
		if (!nl)
			return CEN_ENOMEM;
		k->lens = nl;
		k->cap = nc;
	}
	const char *c = copy(k, s, len);
	if (!c)
		return CEN_ENOMEM;
	size_t id = k->count++;
	k->strs[id] = c;
	k->lens[id] = (uint32_t)len;
	k->slots[h] = (uint64_t)h32 << 32 | (uint32_t)(id + 1);
	return (int64_t)id;
}
