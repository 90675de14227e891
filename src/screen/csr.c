/* csr.c - growable arrays and compressed sparse rows: a static multimap from dense u32 keys to
 * u32 values, built from (key, value) pairs by one counting sort on the key.
 * Invariant: values of a key are ascending and unique.
 */
#include <stdlib.h>
#include <string.h>

#include "screen/screen_int.h"

int scr_grow(void **p, size_t elem, size_t *cap, size_t need)
{
	if (need <= *cap)
		return 0;
	size_t nc = *cap ? *cap : 64;
	while (nc < need)
		nc *= 2;
	void *np = cen_realloc(*p, nc * elem);
	if (!np)
		return CEN_ENOMEM;
	*p = np;
	*cap = nc;
	return 0;
}

int scr_pairs_push(scr_pair_vec *p, uint32_t key, uint32_t val)
{
	if (scr_grow((void **)&p->v, sizeof *p->v, &p->cap, p->n + 1))
		return CEN_ENOMEM;
	p->v[p->n++] = (uint64_t)key << 32 | val;
	return 0;
}

void scr_pairs_release(scr_pair_vec *p)
{
	cen_free(p->v);
	memset(p, 0, sizeof *p);
}

/* Sorts v[0..n) ascending: the values of one key, almost always already in
 * order (pairs are pushed in value order), so insertion sort. */
static void sort_vals(uint32_t *v, size_t n)
{
	for (size_t i = 1; i < n; i++) {
		uint32_t x = v[i];
		size_t j = i;
		for (; j > 0 && v[j - 1] > x; j--)
			v[j] = v[j - 1];
		v[j] = x;
	}
}

int scr_csr_build(scr_csr *c, scr_pair_vec *p, size_t nkeys)
{
	memset(c, 0, sizeof *c);
	if (nkeys >= UINT32_MAX - 2 || p->n >= UINT32_MAX)
		return CEN_ELIMIT;
	c->off = cen_calloc(nkeys + 2, sizeof *c->off);
	c->vals = cen_malloc((p->n ? p->n : 1) * sizeof *c->vals);
	if (!c->off || !c->vals) {
		scr_csr_release(c);
		return CEN_ENOMEM;
	}
	/* counting sort by key (stable): off[k + 2] counts key k, the prefix
	 * sums make off[k + 1] the start of key k, the scatter advances it to
	 * the end of key k, which is off[k + 1] as a CSR wants */
	for (size_t i = 0; i < p->n; i++) {
		size_t key = (size_t)(p->v[i] >> 32);
		if (key >= nkeys) {
			scr_csr_release(c);
			return CEN_EINVAL;
		}
		c->off[key + 2]++;
	}
	for (size_t k = 2; k < nkeys + 2; k++)
		c->off[k] += c->off[k - 1];
	for (size_t i = 0; i < p->n; i++)
		c->vals[c->off[(p->v[i] >> 32) + 1]++] = (uint32_t)p->v[i];
	/* each key's values ascending and unique, compacted to the left */
	size_t w = 0, from = 0;
	for (size_t k = 0; k < nkeys; k++) {
		size_t to = c->off[k + 1];
		sort_vals(c->vals + from, to - from);
		c->off[k] = (uint32_t)w;
		for (size_t i = from; i < to; i++)
			if (i == from || c->vals[i] != c->vals[i - 1])
				c->vals[w++] = c->vals[i];
		from = to;
	}
	c->off[nkeys] = (uint32_t)w;
	c->nkeys = nkeys;
	c->nvals = w;
	return 0;
}

void scr_csr_release(scr_csr *c)
{
	cen_free(c->off);
	cen_free(c->vals);
	memset(c, 0, sizeof *c);
}
