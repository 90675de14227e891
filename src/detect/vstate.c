/* vstate.c - per-account detector state: membership bits and sparse times.
 *
 * Detectors keep, per account (vertex id), whether it waits in a queue
 * (cen__vbits) and when it last alerted (cen__vtimes). Both are read for
 * most transactions, but set for few accounts. A bit per account keeps the
 * answer "not set" in about 60 KB for half a million accounts, which stays
 * in cache, where an 8-byte time per account (8 MB, read at random) cost a
 * cache miss a read. A time is read only when its bit says it is set, from
 * an open-addressing table of the accounts ever set (linear probing, at
 * most half full, never shrunk): a detector alerting a thousand accounts
 * keeps 32 KB of times, not an array over every account that grows by
 * copying and touches a fresh page for nearly every account set.
 *
 * What must hold: cen__vtimes_get(v) is INT64_MIN exactly when v was never
 * set or was last set to INT64_MIN; a bit is 0 unless set since its last
 * clear; every account whose bit is set has a slot holding its last time;
 * growth keeps every bit and time.
 */
#include <string.h>

#include "detect/detector.h"
#include "core/banned.h"

/* Words to cover bit v: doubling, at least 16 (1,024 accounts). */
static size_t words_for(size_t have, uint32_t v)
{
	size_t need = ((size_t)v >> 6) + 1, n = have ? have : 16;
	while (n < need)
		n *= 2;
	return n;
}

int cen__vbits_set(cen__vbits *b, uint32_t v)
{
	size_t i = (size_t)v >> 6;
	if (i >= b->nw) {
		size_t nw = words_for(b->nw, v);
		uint64_t *w = cen_realloc(b->w, nw * sizeof *w);
		if (!w)
			return CEN_ENOMEM;
		memset(w + b->nw, 0, (nw - b->nw) * sizeof *w);
		b->w = w;
		b->nw = nw;
	}
	b->w[i] |= 1ULL << (v & 63);
	return 0;
}

void cen__vbits_release(cen__vbits *b)
{
	cen_free(b->w);
	b->w = NULL;
	b->nw = 0;
}

/* First slot to probe for v: Fibonacci hashing on the table's bits. */
static size_t home(const cen__vtimes *vt, uint32_t v)
{
	return (size_t)(((uint64_t)v * 0x9E3779B97F4A7C15ULL) >> 32) & (vt->cap - 1);
}

/* v's slot, or the empty one where it would go. cap > used. */
static cen__vtime_slot *probe(const cen__vtimes *vt, uint32_t v)
{
	size_t i = home(vt, v);
	while (vt->slot[i].key && vt->slot[i].key != v + 1)
		i = (i + 1) & (vt->cap - 1);
	return &vt->slot[i];
}

int64_t cen__vtimes_find(const cen__vtimes *vt, uint32_t v)
{
	return probe(vt, v)->t; /* its bit is set: it has a slot */
}

/* Doubles the table (at least 64 slots), keeping every entry. */
static int grow(cen__vtimes *vt)
{
	size_t nc = vt->cap ? vt->cap * 2 : 64;
	cen__vtime_slot *ns = cen_calloc(nc, sizeof *ns);
	if (!ns)
		return CEN_ENOMEM;
	cen__vtimes old = *vt;
	vt->slot = ns;
	vt->cap = nc;
	for (size_t i = 0; i < old.cap; i++)
		if (old.slot[i].key)
			*probe(vt, old.slot[i].key - 1) = old.slot[i];
	cen_free(old.slot);
	return 0;
}

int cen__vtimes_set(cen__vtimes *vt, uint32_t v, int64_t t)
{
	if (t == INT64_MIN) {
		cen__vbits_clear(&vt->set, v);
		return 0;
	}
	/* at most half full, so a probe ends soon at an empty slot */
	if (2 * (vt->used + 1) > vt->cap && grow(vt))
		return CEN_ENOMEM;
	if (cen__vbits_set(&vt->set, v))
		return CEN_ENOMEM;
	cen__vtime_slot *s = probe(vt, v);
	if (!s->key) {
		s->key = v + 1;
		vt->used++;
	}
	s->t = t;
	return 0;
}

void cen__vtimes_release(cen__vtimes *vt)
{
	cen__vbits_release(&vt->set);
	cen_free(vt->slot);
	vt->slot = NULL;
	vt->cap = vt->used = 0;
}
