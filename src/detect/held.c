/* held.c - a transaction record copied out of its reader's buffer, for the
 * stages of the engine that keep records across pushes (the reorder buffer,
 * the lookahead pipe).
 *
 * The text of every slice goes into the record's own storage: inline up to
 * CEN__HELD_INLINE bytes, else one malloc kept for reuse (rare: records with
 * long memos). What must hold: after cen__held_set every slice of h->t
 * points into h's storage, and `extra` more bytes follow them there.
 */
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

char *cen__held_set(cen__held *h, const cen_txn *t, size_t extra)
{
	const cen_slice *src[] = {&t->id, &t->orig_bank, &t->orig_acct, &t->bene_bank,
				  &t->bene_acct, &t->orig_name, &t->bene_name,
				  &t->orig_country, &t->bene_country, &t->location, &t->memo};
	size_t total = extra;
	for (size_t i = 0; i < sizeof src / sizeof src[0]; i++)
		total += src[i]->len;
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
	h->t = *t;
	cen_slice *dst[] = {&h->t.id, &h->t.orig_bank, &h->t.orig_acct, &h->t.bene_bank,
			    &h->t.bene_acct, &h->t.orig_name, &h->t.bene_name,
			    &h->t.orig_country, &h->t.bene_country, &h->t.location, &h->t.memo};
	for (size_t i = 0; i < sizeof src / sizeof src[0]; i++)
		copy_slice(dst[i], src[i], &p);
	return p;
}

void cen__held_release(cen__held *h)
{
	cen_free(h->ext);
	h->ext = NULL;
	h->extcap = 0;
}
