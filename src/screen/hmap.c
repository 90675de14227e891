/* hmap.c - a read-only open-addressing map from 64-bit string hashes to
 * dense ids, one cache line per probe.
 *
 * The screener's lookups (vocabulary, fuzzy keys, glued tokens, identifier
 * numbers) only need to find candidates: whatever they find is verified
 * afterwards (token similarity compares the strings, scoring compares
 * identifiers), so storing the hash without the string is enough, and a
 * 64-bit collision could at worst add a candidate, never lose one or
 * change a score. Load factor <= 0.5. Hash 0 is stored as 1.
 */
#include <string.h>

#include "screen/screen_int.h"

static uint64_t fix(uint64_t h)
{
	return h ? h : 1;
}

/* Puts (h, id) in the first free slot of its probe run in e (mask + 1
 * slots; h not there yet). */
static void place(scr_hmap_entry *e, size_t mask, uint64_t h, uint32_t id)
{
	size_t i = (size_t)h & mask;
	while (e[i].h)
		i = (i + 1) & mask;
	e[i].h = h;
	e[i].id = id;
}

int scr_hmap_build(scr_hmap *m, const uint64_t *hashes, size_t n)
{
	size_t cap = 16;
	while (cap < 2 * n)
		cap *= 2;
	m->e = cen_calloc(cap, sizeof *m->e);
	if (!m->e)
		return CEN_ENOMEM;
	m->mask = cap - 1;
	m->n = n;
	for (size_t id = 0; id < n; id++)
		place(m->e, m->mask, fix(hashes[id]), (uint32_t)id);
	return 0;
}

static int rehash(scr_hmap *m, size_t cap)
{
	scr_hmap_entry *e = cen_calloc(cap, sizeof *e);
	if (!e)
		return CEN_ENOMEM;
	for (size_t i = 0; m->e && i <= m->mask; i++)
		if (m->e[i].h)
			place(e, cap - 1, m->e[i].h, m->e[i].id);
	cen_free(m->e);
	m->e = e;
	m->mask = cap - 1;
	return 0;
}

int64_t scr_hmap_put(scr_hmap *m, uint64_t h)
{
	h = fix(h);
	if (!m->e || 2 * (m->n + 1) > m->mask + 1) {
		if (m->n >= UINT32_MAX - 1 || rehash(m, m->e ? 2 * (m->mask + 1) : 16))
			return CEN_ENOMEM;
	}
	size_t i = (size_t)h & m->mask;
	for (; m->e[i].h; i = (i + 1) & m->mask)
		if (m->e[i].h == h)
			return m->e[i].id;
	m->e[i].h = h;
	m->e[i].id = (uint32_t)m->n;
	return (int64_t)m->n++;
}

void scr_hmap_release(scr_hmap *m)
{
	cen_free(m->e);
	memset(m, 0, sizeof *m);
}

int64_t scr_hmap_get(const scr_hmap *m, const char *s, size_t len)
{
	return scr_hmap_find(m, scr_hmap_hash(s, len));
}

int64_t scr_hmap_find(const scr_hmap *m, uint64_t h)
{
	if (!m->e)
		return -1;
	for (size_t i = (size_t)h & m->mask;; i = (i + 1) & m->mask) {
		if (m->e[i].h == h)
			return m->e[i].id;
		if (!m->e[i].h)
			return -1;
	}
}
