/* ahead.h - the lookahead pipe's push (ahead.c has the pipe's design),
 * inline: the engine's per-record path (monitor.c) calls it for every
 * record, and written here it costs no call, no frame of its own and no
 * staged pointers passed through memory (callgrind, 500 k transactions:
 * 24.1 M instructions fewer than the call profile-guided, 2.2%; 3.3 M
 * plain, where its parts are inlined only when told always_inline). ahead.c
 * keeps the rest and cen__ahead_push, the same push out of line (tests).
 *
 * What must hold: as ahead.c says; only monitor.c and ahead.c include
 * this (its helpers are named cen__ahead_* so they do not clash there).
 */
#ifndef CEN_DETECT_AHEAD_H
#define CEN_DETECT_AHEAD_H

#include "core/bytes.h"
#include "core/prefetch.h"
#include "detect/engine.h"

/* Where an account's text lies in its vertex name. */
typedef struct cen__ahead_key_parts {
	size_t len;  /* of the whole name */
	size_t acct; /* where the account begins (0: no bank) */
} cen__ahead_key_parts;

/* "BANK:ACCOUNT" (or ACCOUNT alone) at p. The parts are a few bytes each:
 * copied inline, not by a library call. */
static inline cen__ahead_key_parts cen__ahead_vertex_key(char *p, cen_slice bank, cen_slice acct)
{
	cen__ahead_key_parts k = {0, 0};
	if (bank.len) {
		cen__bytes_copy(p, bank.ptr, bank.len);
		p[bank.len] = ':';
		k.acct = bank.len + 1;
	}
	cen__bytes_copy(p + k.acct, acct.ptr, acct.len);
	k.len = k.acct + acct.len;
	return k;
}

/* The names of cen__vertex_keys, inline in the push; the parts into ps,
 * pd; not hashed yet (cen__ahead_hash_keys). */
static inline void cen__ahead_vertex_keys(cen__ahead_rec *r, char *p, const cen_txn *t,
					  cen__ahead_key_parts *ps, cen__ahead_key_parts *pd)
{
	*ps = cen__ahead_vertex_key(p, t->orig_bank, t->orig_acct);
	*pd = cen__ahead_vertex_key(p + ps->len, t->bene_bank, t->bene_acct);
	r->ks.ptr = p;
	r->ks.len = ps->len;
	r->kd.ptr = p + ps->len;
	r->kd.len = pd->len;
	r->vs = r->vd = -1;
}

static inline __attribute__((always_inline)) void cen__ahead_hash_keys(cen__ahead_rec *r)
{
	size_t ls = r->ks.len, ld = r->kd.len;
	if ((ls | ld) <= 16) {
		/* both short (account names are): the two hashes side by
		 * side share their constants */
		cen__short_key a = cen__short_key_of(r->ks.ptr, ls);
		cen__short_key b = cen__short_key_of(r->kd.ptr, ld);
		r->hs = cen__intern_hash_short(a, ls);
		r->hd = cen__intern_hash_short(b, ld);
		return;
	}
	r->hs = cen__intern_hash(r->ks.ptr, ls);
	r->hd = cen__intern_hash(r->kd.ptr, ld);
}

/* A held record whose account fields are the parts of its vertex names:
 * their text is copied once. */
static inline __attribute__((always_inline)) char *cen__ahead_hold(cen__ahead_rec *r,
								   const cen_txn *t, int kept)
{
	size_t keys = cen__vertex_keys_len(t);
	char *p = kept ? cen__held_keep(&r->h, t, keys) : cen__held_set_but_accounts(&r->h, t, keys);
	if (!p)
		return NULL;
	cen__ahead_key_parts ps, pd;
	cen__ahead_vertex_keys(r, p, t, &ps, &pd);
	cen_txn *h = &r->h.t;
	h->orig_bank.ptr = r->ks.ptr;
	h->orig_acct.ptr = r->ks.ptr + ps.acct;
	h->bene_bank.ptr = r->kd.ptr;
	h->bene_acct.ptr = r->kd.ptr + pd.acct;
	return p;
}

/* An id the lookup found, or CEN__GRAPH_NO_VERTEX for -1 (not yet known):
 * ids are below UINT32_MAX (the interner's cap), so the cast does it. */
static inline uint32_t cen__ahead_known(int64_t v)
{
	return (uint32_t)v;
}

/* The vertex line of an account the lookup found. */
static inline void cen__ahead_vertex_hint(const cen__graph *g, int64_t v)
{
	if (v >= 0)
		cen__prefetch(&g->v[v]);
}

/* The ids of both accounts, where they have a vertex already. */
static inline __attribute__((always_inline)) void
cen__ahead_stage_lookup(const cen__graph *g, cen__ahead_rec *r)
{
	int64_t s = cen__intern_get_h(&g->names, r->ks.ptr, r->ks.len, r->hs);
	int64_t d = cen__intern_get_h(&g->names, r->kd.ptr, r->kd.len, r->hd);
	/* a name without its vertex (an add that ran out of memory) is new */
	r->vs = (size_t)s < g->nv ? s : -1;
	r->vd = (size_t)d < g->nv ? d : -1;
}

/* The accounts hook's hint, pass `pass`, for the accounts the lookup did
 * not find (ahead.c: out of line, a tenth of the records or none). */
void cen__ahead_hint_new(const cen__ahead *a, cen__ahead_rec *r, int pass);

static inline void cen__ahead_stage_new(const cen__ahead *a, cen__ahead_rec *r, int pass)
{
	if ((r->vs < 0 || r->vd < 0) && a->lookup_prefetch)
		cen__ahead_hint_new(a, r, pass);
}

/* What the add will read; the record, for the detectors' hooks, when both
 * accounts are known. */
static inline const cen__ahead_rec *cen__ahead_stage_add(const cen__graph *g,
							 const cen__ahead_rec *r)
{
	if ((r->vs & r->vd) < 0)
		return NULL; /* both new */
	cen__graph_prefetch_add(g, cen__ahead_known(r->vs), cen__ahead_known(r->vd));
	return (r->vs | r->vd) >= 0 ? r : NULL;
}

/* The stages of the records already in the pipe, the newest at index i
 * (n held, step > 0). Once n passes five stages, as it does for all but
 * the first records of a run, each stage has its record: no test. */
static inline __attribute__((always_inline)) void
cen__ahead_stages(const cen__ahead *a, const cen__graph *g, size_t i, size_t n,
		  const cen__ahead_rec *staged[2])
{
	size_t step = a->step;
	int all = n > 5 * step;
	cen__ahead_rec *const *behind = a->at[i].stage;
	if (all || n > 2 * step) {
		cen__ahead_rec *q = behind[0];
		cen__ahead_stage_lookup(g, q);
		cen__ahead_vertex_hint(g, q->vs);
		cen__ahead_vertex_hint(g, q->vd);
		cen__ahead_stage_new(a, q, 0);
	}
	if (all || n > 4 * step) {
		cen__ahead_rec *q = behind[1];
		staged[0] = cen__ahead_stage_add(g, q);
		cen__ahead_stage_new(a, q, 1);
	}
	if (all) {
		cen__ahead_rec *q = behind[2];
		if ((q->vs | q->vd) >= 0)
			staged[1] = q;
		else
			cen__ahead_stage_new(a, q, 2);
	}
}

/* cen__ahead_push (engine.h), inline. */
static inline __attribute__((always_inline)) int
cen__ahead_push_inline(cen__ahead *a, const cen__graph *g, const cen_txn *t, int late, int kept,
		       const cen__ahead_rec *staged[2])
{
	staged[0] = staged[1] = NULL;
	size_t i = a->tail;
	cen__ahead_rec *r = a->at[i].rec;
	if (!cen__ahead_hold(r, t, kept))
		return CEN_ENOMEM;
	r->late = late;
	a->tail = (i + 1) & a->mask;
	size_t n = ++a->n;
	if (a->step)
		cen__ahead_stages(a, g, i, n, staged);
	/* The new names are hashed last: their bytes were written a moment
	 * ago, and the hash's 8-byte loads of them waited on those smaller
	 * stores (perf put 2.7% of the run in cen__intern_hash). */
	cen__ahead_hash_keys(r);
	cen__intern_prefetch(&g->names, r->hs);
	cen__intern_prefetch(&g->names, r->hd);
	return 0;
}

#endif
