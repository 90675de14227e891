/* vstate.c - per-account detector state: membership bits and sparse times.
 *
 * Detectors keep, per account (vertex id), whether it waits in a queue
 * (cen__vbits) and when it last alerted (cen__vtimes). Both are read for
 * most transactions, but set for few accounts. A bit per account keeps the
 * answer "not set" in about 60 KB for half a million accounts, which stays
 * in cache, where an 8-byte time per account (8 MB, read at random) cost a
 * cache miss a read. A time's 8 bytes are read only when its bit says it
 * is set, and the array of times is never filled: a page of it is touched
 * only when an account on it is set.
 *
 * What must hold: cen__vtimes_get(v) is INT64_MIN exactly when v was never
 * set or was last set to INT64_MIN; a bit is 0 unless set since its last
 * clear; growth keeps every bit and time.
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

int cen__vtimes_set(cen__vtimes *vt, uint32_t v, int64_t t)
{
	if (t == INT64_MIN) {
		cen__vbits_clear(&vt->set, v);
		return 0;
	}
	if (v >= vt->n) {
		size_t nn = words_for(vt->n / 64, v) * 64;
		int64_t *nt = cen_realloc(vt->t, nn * sizeof *nt);
		if (!nt)
			return CEN_ENOMEM;
		vt->t = nt; /* new times are read only once their bit is set */
		vt->n = nn;
	}
	if (cen__vbits_set(&vt->set, v))
		return CEN_ENOMEM;
	vt->t[v] = t;
	return 0;
}

void cen__vtimes_release(cen__vtimes *vt)
{
	cen__vbits_release(&vt->set);
	cen_free(vt->t);
	vt->t = NULL;
	vt->n = 0;
}
