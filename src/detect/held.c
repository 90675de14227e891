/* held.c - a transaction record copied out of its reader's buffer, for the
 * stages of the engine that keep records across pushes (the reorder buffer,
 * the lookahead pipe).
 *
 * The text of every slice goes into the record's own storage, field after
 * field: inline up to CEN__HELD_INLINE bytes, else one malloc kept for
 * reuse (rare: records with long memos). Fields are a few bytes each, so
 * each is copied with a word move or two (cen__held_copy, engine.h), no
 * library call. cen__held_set_but_accounts, which the pipe calls for every
 * record of a file read through a buffer, is inline there too.
 *
 * What must hold: after cen__held_set every slice of h->t points into h's
 * storage, and `extra` more bytes follow them there; after
 * cen__held_set_but_accounts the same for every slice but the four account
 * fields, which the caller points into that extra room itself; after
 * cen__held_keep (inline, engine.h) the slices are the caller's (its text
 * outlives h) and h's storage is the extra room alone. The record may be
 * h->t itself (built in place by the pipe's caller): then only its text
 * moves.
 */
#include <stdint.h>
#include <string.h>

#include "detect/engine.h"
#include "core/banned.h"

/* The record's text fields, for the unrolled lines below. */
#define ACCOUNT_FIELDS(X) X(orig_bank) X(orig_acct) X(bene_bank) X(bene_acct)
#define OTHER_FIELDS(X)                                                             \
	X(id) X(orig_name) X(bene_name) X(orig_country) X(bene_country) X(location)   \
	X(memo)

#define LEN(f) +t->f.len
#define COPY(f) p = cen__held_put(p, &h->t.f, t->f);

char *cen__held_room(cen__held *h, size_t total)
{
	if (total <= CEN__HELD_INLINE)
		return h->inl;
	if (total > h->extcap) {
		char *ne = cen_malloc(total);
		if (!ne)
			return NULL;
		cen_free(h->ext);
		h->ext = ne;
		h->extcap = total;
	}
	return h->ext;
}

char *cen__held_set(cen__held *restrict h, const cen_txn *restrict t, size_t extra)
{
	char *p = cen__held_room(h, extra ACCOUNT_FIELDS(LEN) OTHER_FIELDS(LEN));
	if (!p)
		return NULL;
	h->t = *t;
	ACCOUNT_FIELDS(COPY)
	OTHER_FIELDS(COPY)
	return p;
}

void cen__held_release(cen__held *h)
{
	cen_free(h->ext);
	h->ext = NULL;
	h->extcap = 0;
}
