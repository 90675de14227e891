/* held.c - a transaction record copied out of its reader's buffer, for the
 * stages of the engine that keep records across pushes (the reorder buffer,
 * the lookahead pipe).
 *
 * The text of every slice goes into the record's own storage: inline up to
 * CEN__HELD_INLINE bytes, else one malloc kept for reuse (rare: records with
 * long memos). When the slices lie close together (fields of one CSV line),
 * the stretch they span is copied at once. What must hold: after cen__held_set every slice of h->t
 * points into h's storage, and `extra` more bytes follow them there.
 */
#include <stdint.h>
#include <string.h>

#include "core/bytes.h"
#include "detect/engine.h"
#include "core/banned.h"

static void copy_slice(cen_slice *dst, const cen_slice *src, char **p)
{
	cen__bytes_copy(*p, src->ptr ? src->ptr : "", src->len);
	dst->ptr = *p;
	dst->len = src->len;
	*p += src->len;
}

/* The record's text fields, for the unrolled loops below. */
#define HELD_FIELDS(X)                                                              \
	X(id) X(orig_bank) X(orig_acct) X(bene_bank) X(bene_acct) X(orig_name)        \
	X(bene_name) X(orig_country) X(bene_country) X(location) X(memo)

char *cen__held_set(cen__held *h, const cen_txn *t, size_t extra)
{
	size_t total = extra;
	uintptr_t lo = UINTPTR_MAX, hi = 0;
#define SPAN(f)                                                                     \
	if (t->f.len) {                                                             \
		uintptr_t a = (uintptr_t)t->f.ptr, b = a + t->f.len;                   \
		lo = a < lo ? a : lo;                                                  \
		hi = b > hi ? b : hi;                                                  \
		total += t->f.len;                                                     \
	}
	HELD_FIELDS(SPAN)
#undef SPAN
	h->t = *t;
	/* Usually every slice lies in one CSV line: copy the line's stretch
	 * once and point into the copy. */
	size_t span = hi > lo ? hi - lo : 0;
	if (span + extra <= CEN__HELD_INLINE && span <= 2 * total + 64) {
		if (span)
			memcpy(h->inl, (const char *)lo, span);
#define REBASE(f) h->t.f.ptr = t->f.len ? h->inl + ((uintptr_t)t->f.ptr - lo) : h->inl;
		HELD_FIELDS(REBASE)
#undef REBASE
		return h->inl + span;
	}
	char *p = h->inl;
	if (total > CEN__HELD_INLINE) {
		if (total > h->extcap) {
			char *ne = cen_malloc(total);
			if (!ne)
				return NULL;
			cen_free(h->ext);
			h->ext = ne;
			h->extcap = total;
		}
		p = h->ext;
	}
#define COPY(f) copy_slice(&h->t.f, &t->f, &p);
	HELD_FIELDS(COPY)
#undef COPY
	return p;
}

void cen__held_release(cen__held *h)
{
	cen_free(h->ext);
	h->ext = NULL;
	h->extcap = 0;
}
