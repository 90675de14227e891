/* csr.c - growable arrays and compressed sparse rows: a static multimap from dense u32 keys to
 * u32 values, built from (key, value) pairs by one sort.
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

/* LSD radix sort on 64-bit keys, 16 bits at a time (fast and stable). */
static int sort_u64(uint64_t *v, size_t n)
{
	if (n < 2)
		return 0;
	uint64_t *tmp = cen_malloc(n * sizeof *tmp);
	size_t *cnt = cen_malloc(65536 * sizeof *cnt);
	if (!tmp || !cnt) {
		cen_free(tmp);
		cen_free(cnt);
		return CEN_ENOMEM;
	}
	uint64_t *src = v, *dst = tmp;
	for (int pass = 0; pass < 4; pass++) {
		int sh = pass * 16;
		memset(cnt, 0, 65536 * sizeof *cnt);
		for (size_t i = 0; i < n; i++)
			cnt[(src[i] >> sh) & 0xffff]++;
		size_t sum = 0;
		for (size_t i = 0; i < 65536; i++) {
			size_t c = cnt[i];
			cnt[i] = sum;
			sum += c;
		}
		for (size_t i = 0; i < n; i++)
			dst[cnt[(src[i] >> sh) & 0xffff]++] = src[i];
		uint64_t *t = src;
		src = dst;
		dst = t;
	}
	/* four passes: the result is back in v */
	cen_free(tmp);
	cen_free(cnt);
	return 0;
}

int scr_csr_build(scr_csr *c, scr_pair_vec *p, size_t nkeys)
{
	memset(c, 0, sizeof *c);
	int rc = sort_u64(p->v, p->n);
	if (rc)
		return rc;
	c->off = cen_calloc(nkeys + 1, sizeof *c->off);
	c->vals = cen_malloc((p->n ? p->n : 1) * sizeof *c->vals);
	if (!c->off || !c->vals) {
		scr_csr_release(c);
		return CEN_ENOMEM;
	}
	size_t k = 0;
	for (size_t i = 0; i < p->n; i++) {
		if (i && p->v[i] == p->v[i - 1])
			continue;
		uint32_t key = (uint32_t)(p->v[i] >> 32);
		c->off[key + 1]++;
		c->vals[k++] = (uint32_t)p->v[i];
	}
	for (size_t i = 0; i < nkeys; i++)
		c->off[i + 1] += c->off[i];
	c->nkeys = nkeys;
	c->nvals = k;
	return 0;
}

void scr_csr_release(scr_csr *c)
{
	cen_free(c->off);
	cen_free(c->vals);
	memset(c, 0, sizeof *c);
}
