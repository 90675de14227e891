/* reorder.c - the reorder buffer for records that arrive slightly out of
 * time order.
 *
 * Each slot holds a copy of the record (held.c). Slots are reused through a
 * free list and ordered by a binary min-heap on (ts, arrival), so records
 * with equal timestamps keep their input order.
 *
 * What must hold: every slot is either in the heap or on the free list;
 * the heap property on (ts, arrival).
 */
#include <string.h>

#include "detect/engine.h"
#include "core/banned.h"

#define CHUNK 256 /* slots per chunk: chunks never move, held slices stay valid */

struct cen__rslot {
	cen__held h;
	uint64_t arrival;
};

#define SLOT(r, k) (&(r)->chunks[(k) / CHUNK][(k) % CHUNK])

void cen__reorder_init(cen__reorder *r)
{
	memset(r, 0, sizeof *r);
}

void cen__reorder_release(cen__reorder *r)
{
	for (size_t i = 0; i < r->cap; i++)
		cen__held_release(&SLOT(r, i)->h);
	for (size_t c = 0; c < r->cap / CHUNK; c++)
		cen_free(r->chunks[c]);
	cen_free(r->chunks);
	cen_free(r->heap);
	cen_free(r->freel);
	memset(r, 0, sizeof *r);
}

static int less(const cen__reorder *r, uint32_t a, uint32_t b)
{
	const cen__rslot *x = SLOT(r, a), *y = SLOT(r, b);
	return x->h.t.ts < y->h.t.ts || (x->h.t.ts == y->h.t.ts && x->arrival < y->arrival);
}

static int grow(cen__reorder *r)
{
	size_t nc = r->cap + CHUNK;
	uint32_t *nh = cen_realloc(r->heap, nc * sizeof *nh);
	if (!nh)
		return CEN_ENOMEM;
	r->heap = nh;
	uint32_t *nf = cen_realloc(r->freel, nc * sizeof *nf);
	if (!nf)
		return CEN_ENOMEM;
	r->freel = nf;
	cen__rslot **nch = cen_realloc(r->chunks, nc / CHUNK * sizeof *nch);
	if (!nch)
		return CEN_ENOMEM;
	r->chunks = nch;
	cen__rslot *chunk = cen_calloc(CHUNK, sizeof *chunk);
	if (!chunk)
		return CEN_ENOMEM;
	r->chunks[r->cap / CHUNK] = chunk;
	for (size_t i = 0; i < CHUNK; i++)
		r->freel[r->nfree++] = (uint32_t)(nc - 1 - i);
	r->cap = nc;
	return 0;
}

int cen__reorder_push(cen__reorder *r, const cen_txn *t)
{
	if (!r->nfree && grow(r))
		return CEN_ENOMEM;
	uint32_t k = r->freel[--r->nfree];
	cen__rslot *h = SLOT(r, k);
	if (!cen__held_set(&h->h, t, 0)) {
		r->freel[r->nfree++] = k;
		return CEN_ENOMEM;
	}
	h->arrival = r->arrivals++;
	/* Sift up. */
	size_t i = r->n++;
	r->heap[i] = k;
	while (i > 0) {
		size_t parent = (i - 1) / 2;
		if (!less(r, r->heap[i], r->heap[parent]))
			break;
		uint32_t tmp = r->heap[i];
		r->heap[i] = r->heap[parent];
		r->heap[parent] = tmp;
		i = parent;
	}
	return 0;
}

const cen_txn *cen__reorder_peek(const cen__reorder *r)
{
	return r->n ? &SLOT(r, r->heap[0])->h.t : NULL;
}

void cen__reorder_pop(cen__reorder *r)
{
	if (!r->n)
		return;
	r->freel[r->nfree++] = r->heap[0];
	r->heap[0] = r->heap[--r->n];
	size_t i = 0;
	for (;;) {
		size_t l = 2 * i + 1, m = i;
		if (l < r->n && less(r, r->heap[l], r->heap[m]))
			m = l;
		if (l + 1 < r->n && less(r, r->heap[l + 1], r->heap[m]))
			m = l + 1;
		if (m == i)
			break;
		uint32_t tmp = r->heap[i];
		r->heap[i] = r->heap[m];
		r->heap[m] = tmp;
		i = m;
	}
}
