/* reorder.c - the reorder buffer for records that arrive slightly out of
 * time order.
 *
 * Each held record is a copy of the cen_txn with its text in the slot's own
 * storage (inline up to HELD_INLINE bytes, else one malloc for that record:
 * rare, records with long memos). Slots are reused through a free list and
 * ordered by a binary min-heap on (ts, arrival), so records with equal
 * timestamps keep their input order.
 *
 * What must hold: every slot is either in the heap or on the free list;
 * the heap property on (ts, arrival).
 */
#include <string.h>

#include "detect/engine.h"
#include "core/banned.h"

#define HELD_INLINE 448

#define CHUNK 256 /* slots per chunk: chunks never move, held slices stay valid */

struct cen__held {
	cen_txn t;
	uint64_t arrival;
	char *ext;
	char inl[HELD_INLINE];
};

#define SLOT(r, k) (&(r)->chunks[(k) / CHUNK][(k) % CHUNK])

void cen__reorder_init(cen__reorder *r)
{
	memset(r, 0, sizeof *r);
}

void cen__reorder_release(cen__reorder *r)
{
	for (size_t i = 0; i < r->cap; i++)
		cen_free(SLOT(r, i)->ext);
	for (size_t c = 0; c < r->cap / CHUNK; c++)
		cen_free(r->chunks[c]);
	cen_free(r->chunks);
	cen_free(r->heap);
	cen_free(r->freel);
	memset(r, 0, sizeof *r);
}

static int less(const cen__reorder *r, uint32_t a, uint32_t b)
{
	const cen__held *x = SLOT(r, a), *y = SLOT(r, b);
	return x->t.ts < y->t.ts || (x->t.ts == y->t.ts && x->arrival < y->arrival);
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
	cen__held **nch = cen_realloc(r->chunks, nc / CHUNK * sizeof *nch);
	if (!nch)
		return CEN_ENOMEM;
	r->chunks = nch;
	cen__held *chunk = cen_malloc(CHUNK * sizeof *chunk);
	if (!chunk)
		return CEN_ENOMEM;
	r->chunks[r->cap / CHUNK] = chunk;
	for (size_t i = 0; i < CHUNK; i++) {
		chunk[i].ext = NULL;
		r->freel[r->nfree++] = (uint32_t)(nc - 1 - i);
	}
	r->cap = nc;
	return 0;
}

static void copy_slice(cen_slice *dst, const cen_slice *src, char **p)
{
	memcpy(*p, src->ptr ? src->ptr : "", src->len);
	dst->ptr = *p;
	dst->len = src->len;
	*p += src->len;
}

int cen__reorder_push(cen__reorder *r, const cen_txn *t)
{
	if (!r->nfree && grow(r))
		return CEN_ENOMEM;
	uint32_t k = r->freel[--r->nfree];
	cen__held *h = SLOT(r, k);
	const cen_slice *src[] = {&t->id, &t->orig_bank, &t->orig_acct, &t->bene_bank,
				  &t->bene_acct, &t->orig_name, &t->bene_name,
				  &t->orig_country, &t->bene_country, &t->location, &t->memo};
	size_t total = 0;
	for (size_t i = 0; i < sizeof src / sizeof src[0]; i++)
		total += src[i]->len;
	cen_free(h->ext);
	h->ext = NULL;
	char *p = h->inl;
	if (total > HELD_INLINE) {
		h->ext = cen_malloc(total);
		if (!h->ext) {
			r->freel[r->nfree++] = k;
			return CEN_ENOMEM;
		}
		p = h->ext;
	}
	h->t = *t;
	cen_slice *dst[] = {&h->t.id, &h->t.orig_bank, &h->t.orig_acct, &h->t.bene_bank,
			    &h->t.bene_acct, &h->t.orig_name, &h->t.bene_name,
			    &h->t.orig_country, &h->t.bene_country, &h->t.location, &h->t.memo};
	for (size_t i = 0; i < sizeof src / sizeof src[0]; i++)
		copy_slice(dst[i], src[i], &p);
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
	return r->n ? &SLOT(r, r->heap[0])->t : NULL;
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
