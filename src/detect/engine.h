/* engine.h - engine internals shared by the files of src/detect that make up
 * the engine itself (monitor.c, emit.c, reorder.c, features.c); detectors
 * include detector.h only. */
#ifndef CEN_DETECT_ENGINE_H
#define CEN_DETECT_ENGINE_H

#include <string.h>

#include "detect/detector.h"

struct cen__alert_b {
	cen__det *det;
	double score;
	const char *accts[500];
	const char *txns[500];
	size_t naccts, ntxns, more_accts, more_txns;
	int64_t start, end;
	int rc;
	cen_buf explanation, evidence, evwrap;
	cen__arena scratch;
};

/* A record copied out of the reader's buffer (held.c). */
#define CEN__HELD_INLINE 448
typedef struct cen__held {
	cen_txn t;
	char *ext;    /* storage when the text exceeds inl; kept for reuse */
	size_t extcap;
	char inl[CEN__HELD_INLINE];
} cen__held;
/* Copies t into h; returns where `extra` further bytes of h's storage begin,
 * or NULL when out of memory. */
char *cen__held_set(cen__held *h, const cen_txn *t, size_t extra);
/* Room for total bytes in h: the inline storage, else the kept malloc
 * (grown as needed); NULL when out of memory. */
char *cen__held_room(cen__held *h, size_t total);
/* The first and the last w bytes of s[0..n) (w <= n <= 2w, w a constant
 * of 2, 4 or 8 once inlined: a word move each) into d: all of them. */
static inline __attribute__((always_inline)) void cen__held_ends(char *d, const char *s,
								 size_t n, size_t w)
{
	char a[8], b[8];
	memcpy(a, s, w);
	memcpy(b, s + n - w, w);
	memcpy(d, a, w);
	memcpy(d + n - w, b, w);
}
/* d[0..n) = s[0..n) for a field of a held record: most are a few bytes,
 * two (the countries), or none (names, location), so each size has its
 * own words, none is looked at twice, and an empty field costs one test
 * more than a long one. Reads and writes nothing outside the n bytes. */
static inline __attribute__((always_inline)) void cen__held_copy(char *d, const char *s,
								 size_t n)
{
	if (n - 1 >= 16) { /* none, or more than 16 */
		if (n)
			memcpy(d, s, n);
	} else if (n >= 8) {
		cen__held_ends(d, s, n, 8);
	} else if (n >= 4) {
		cen__held_ends(d, s, n, 4);
	} else if (n >= 2) {
		cen__held_ends(d, s, n, 2);
	} else {
		d[0] = s[0];
	}
}
/* Field src's text at p, *dst pointed at it: where the next field goes. */
static inline __attribute__((always_inline)) char *cen__held_put(char *p, cen_slice *dst,
								 cen_slice src)
{
	cen__held_copy(p, src.ptr, src.len);
	dst->ptr = p;
	return p + src.len;
}
/* cen__held_set without the text of orig_bank, orig_acct, bene_bank and
 * bene_acct: the caller writes it in the extra room and points those four
 * slices at it (the pipe keeps them inside the vertex names). Inline: the
 * pipe holds every record of a file read through a buffer so. */
static inline __attribute__((always_inline)) char *
cen__held_set_but_accounts(cen__held *h, const cen_txn *t, size_t extra)
{
	size_t total = extra + t->id.len + t->orig_name.len + t->bene_name.len +
		       t->orig_country.len + t->bene_country.len + t->location.len + t->memo.len;
	char *p = total <= CEN__HELD_INLINE ? h->inl : cen__held_room(h, total);
	if (!p)
		return NULL;
	if (t != &h->t)
		h->t = *t;
	cen_txn *c = &h->t;
	char *q = p;
	q = cen__held_put(q, &c->id, t->id);
	q = cen__held_put(q, &c->orig_name, t->orig_name);
	q = cen__held_put(q, &c->bene_name, t->bene_name);
	q = cen__held_put(q, &c->orig_country, t->orig_country);
	q = cen__held_put(q, &c->bene_country, t->bene_country);
	q = cen__held_put(q, &c->location, t->location);
	q = cen__held_put(q, &c->memo, t->memo);
	return q;
}
/* The struct alone, for a record whose text outlives h (its slices are
 * left pointing at it): returns `extra` bytes of h's storage, or NULL.
 * Inline: the pipe keeps every record of a file this way. The record may
 * be h->t itself (built in place: cen__ahead_slot); then nothing moves. */
static inline char *cen__held_keep(cen__held *h, const cen_txn *t, size_t extra)
{
	char *p = extra <= CEN__HELD_INLINE ? h->inl : cen__held_room(h, extra);
	if (p && t != &h->t)
		h->t = *t;
	return p;
}
void cen__held_release(cen__held *h);

/* Reorder buffer (reorder.c): holds copies of records within the tolerance
 * and releases them in (ts, arrival) order. */
typedef struct cen__rslot cen__rslot;
typedef struct cen__reorder {
	cen__rslot **chunks; /* CHUNK slots each, never moved */
	uint32_t *heap;     /* slot indices, min-heap on (ts, arrival) */
	uint32_t *freel;    /* free slot indices */
	size_t n, cap, nfree;
	uint64_t arrivals;
} cen__reorder;

void cen__reorder_init(cen__reorder *r);
void cen__reorder_release(cen__reorder *r);
int cen__reorder_push(cen__reorder *r, const cen_txn *t);
/* The earliest held record (borrowed until pop) or NULL. */
const cen_txn *cen__reorder_peek(const cen__reorder *r);
void cen__reorder_pop(cen__reorder *r);

/* Lookahead pipe (ahead.c): records wait `depth` pushes in arrival order
 * while what they will touch is prefetched. */
typedef struct cen__ahead_rec {
	cen__held h;
	cen_slice ks, kd;   /* vertex names of orig and bene, in h's storage;
			       h.t's bank and account slices point into them */
	uint64_t hs, hd;    /* their hashes */
	int64_t vs, vd;     /* ids found ahead (hints; -1: not yet known) */
	uint64_t hint_s, hint_d; /* the accounts hook's words for a new orig, bene */
	int late;
} cen__ahead_rec;
/* Slot i's record, and the records the stages of a push into slot i work
 * on: 2, 4 and 5 steps behind it (a step is a sixth of the depth: the
 * lookup at a third of the way, what the add reads at two thirds, the
 * detectors' second pass at five sixths). */
typedef struct cen__ahead_links {
	cen__ahead_rec *rec;      /* &recs[i] */
	cen__ahead_rec *stage[3]; /* &recs[(i - (2, 4, 5) * step) & mask] */
} cen__ahead_links;
typedef struct cen__ahead {
	cen__ahead_rec *recs;   /* mask + 1 slots, a power of two > depth, so
				   a slot is found without a division and the
				   next record's slot is free even when the
				   pipe is full (cen__ahead_slot) */
	cen__ahead_links *at;   /* by slot: a push finds its record and its
				   stages' by one load each, where the index
				   arithmetic and the record's size (800
				   bytes) took seven instructions a stage */
	size_t depth, step, mask, head, n; /* step: a sixth of the depth */
	size_t tail;            /* (head + n) & mask: the next push's slot */
	/* the accounts hook's hint, for accounts the graph has not seen */
	cen_monitor_lookup_prefetch_fn lookup_prefetch;
	void *lookup_ctx;
} cen__ahead;

void cen__ahead_init(cen__ahead *a);
int cen__ahead_reserve(cen__ahead *a, size_t depth);
void cen__ahead_release(cen__ahead *a);
/* Copies t in (the pipe must not be full; with kept, t's text outlives the
 * pipe and only the struct and the vertex names are copied) and prefetches
 * for it and for the records ahead of it. staged: the records at two
 * thirds and five sixths of the way whose accounts are known (for the
 * detectors' prefetch hooks' passes 0 and 1), or NULL. The engine calls
 * it inline (cen__ahead_push_inline, ahead.h). */
int cen__ahead_push(cen__ahead *a, const cen__graph *g, const cen_txn *t, int late, int kept,
		    const cen__ahead_rec *staged[2]);
/* The oldest record (NULL when empty), borrowed until the pop. */
static inline cen__ahead_rec *cen__ahead_oldest(cen__ahead *a)
{
	return a->n ? a->at[a->head].rec : NULL;
}
static inline void cen__ahead_pop(cen__ahead *a)
{
	if (!a->n)
		return;
	a->head = (a->head + 1) & a->mask;
	a->n--;
}
/* The struct the next push will hold: a caller that builds its record
 * there saves the push the copy (cen_monitor_slot). It is slot head + n
 * (tail): with more slots than the depth, never the oldest record's even
 * in a full pipe, and unchanged when that record is processed and popped
 * first (head + 1, n - 1). */
static inline cen_txn *cen__ahead_slot(cen__ahead *a)
{
	return &a->at[a->tail].rec->h.t;
}
/* The vertex names of t, "BANK:ACCOUNT" (ACCOUNT without a bank) for orig
 * and bene, written at p (cen__vertex_keys_len(t) bytes of room), and their
 * hashes, into r's ks/kd/hs/hd; the ids vs/vd are not known yet (-1). The
 * pipe and the engine without a pipe both name accounts through it. */
static inline size_t cen__vertex_keys_len(const cen_txn *t)
{
	return t->orig_bank.len + t->orig_acct.len + t->bene_bank.len + t->bene_acct.len + 2;
}
void cen__vertex_keys(cen__ahead_rec *r, char *p, const cen_txn *t);

/* Features (features.c): a pseudo-detector not in the registry. */
extern const cen__det_ops cen__det_features;
const char *const *cen__features_names(cen__det *d, size_t *n);
void cen__features_set_sink(cen__det *d, cen_monitor_feature_fn fn, void *ctx);

#endif
