/* ahead.c - the lookahead pipe: records wait a few pushes before the engine
 * processes them, so the memory they will touch is already on its way.
 *
 * Almost every access the engine makes per record misses the cache (the
 * account table, the vertex, its rings, the pair table). A record entering
 * the pipe gets its two account names built and hashed and the name-table
 * slots prefetched; at a third of the way its accounts are looked up (now
 * cheap) and their vertices prefetched; at two thirds, what the pair count
 * reads and the ring slots the add will write, and the caller hands the
 * record's accounts to the detectors' prefetch hooks (their per-account
 * state). An account not in the graph yet will be looked up in the accounts
 * hook: its hint (lookup_prefetch) gets passes 0, 1 and 2 at a third, two
 * thirds and five sixths of the way, with the stages that locate the
 * record anyway (a stage of its own at half way cost every record 21
 * instructions, callgrind on 500 k records, for the tenth that has a new
 * account; the passes' hints still have a sixth of the depth, 8 records,
 * to arrive). Records leave in arrival order.
 *
 * A record's account fields are held once, as the parts of the vertex
 * names built for it. The accounts hook's hint keeps a word per new
 * account from pass to pass (the hash it computed, the record it found),
 * so no pass looks up what the one before found.
 *
 * The stages are sixths of the depth: a depth under 6 gives no hints (the
 * records still wait). The graph's hints are given once; the detectors'
 * hooks get passes 0 and 1 (at two thirds and five sixths), for state
 * reached through a pointer. Hints were given twice before, because a
 * single one measured as mostly lost (a pair-table slot hinted 8 records
 * ahead still missed in 97% of records): the graph's hint functions had
 * been compiled away (core/prefetch.h). With them kept, the second hint
 * only cost instructions: 5 M benchmark, paired runs, CPU-time ratio 0.938
 * for hinting once. Hints overlap misses but do not remove them; what they
 * fetch still costs memory bandwidth, so fewer lines touched beats better
 * hints.
 *
 * What must hold: the pipe never reorders, drops or duplicates a record;
 * an id found here is the account's for good (vertices are never removed),
 * and an account not found yet is found or added when its record is
 * processed, so the engine produces exactly what it would without the pipe
 * (tests/fuzz/fuzz_monitor.c checks it).
 */
#include <string.h>

#include "core/bytes.h"
#include "detect/engine.h"
#include "core/prefetch.h"
#include "core/banned.h"

/* The stages' distances behind the newest record, in steps (engine.h:
 * cen__ahead_links). */
static const size_t lag[3] = {2, 4, 5};

void cen__ahead_init(cen__ahead *a)
{
	memset(a, 0, sizeof *a);
}

void cen__ahead_release(cen__ahead *a)
{
	for (size_t i = 0; a->recs && i <= a->mask; i++)
		cen__held_release(&a->recs[i].h);
	cen_free(a->recs);
	cen_free(a->at);
	memset(a, 0, sizeof *a);
}

int cen__ahead_reserve(cen__ahead *a, size_t depth)
{
	if (!depth)
		return 0;
	size_t slots = 1;
	while (slots <= depth)
		slots *= 2;
	a->recs = cen_calloc(slots, sizeof *a->recs);
	a->at = cen_calloc(slots, sizeof *a->at);
	if (!a->recs || !a->at) {
		cen_free(a->recs);
		cen_free(a->at);
		a->recs = NULL;
		a->at = NULL;
		return CEN_ENOMEM;
	}
	a->depth = depth;
	a->step = depth / 6;
	a->mask = slots - 1;
	for (size_t i = 0; i < slots; i++) {
		a->at[i].rec = &a->recs[i];
		for (size_t k = 0; k < 3; k++)
			a->at[i].stage[k] = &a->recs[(i - lag[k] * a->step) & a->mask];
	}
	return 0;
}

/* Where an account's text lies in its vertex name. */
typedef struct key_parts {
	size_t len;  /* of the whole name */
	size_t acct; /* where the account begins (0: no bank) */
} key_parts;

/* "BANK:ACCOUNT" (or ACCOUNT alone) at p. The parts are a few bytes each:
 * copied inline, not by a library call. */
static inline key_parts vertex_key(char *p, cen_slice bank, cen_slice acct)
{
	key_parts k = {0, 0};
	if (bank.len) {
		cen__bytes_copy(p, bank.ptr, bank.len);
		p[bank.len] = ':';
		k.acct = bank.len + 1;
	}
	cen__bytes_copy(p + k.acct, acct.ptr, acct.len);
	k.len = k.acct + acct.len;
	return k;
}

size_t cen__vertex_keys_len(const cen_txn *t)
{
	return t->orig_bank.len + t->orig_acct.len + t->bene_bank.len + t->bene_acct.len + 2;
}

/* The names of cen__vertex_keys, inline in the push; the parts into ps,
 * pd; not hashed yet (hash_keys). */
static inline void vertex_keys(cen__ahead_rec *r, char *p, const cen_txn *t, key_parts *ps,
			       key_parts *pd)
{
	*ps = vertex_key(p, t->orig_bank, t->orig_acct);
	*pd = vertex_key(p + ps->len, t->bene_bank, t->bene_acct);
	r->ks.ptr = p;
	r->ks.len = ps->len;
	r->kd.ptr = p + ps->len;
	r->kd.len = pd->len;
	r->vs = r->vd = -1;
}

static inline __attribute__((always_inline)) void hash_keys(cen__ahead_rec *r)
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

void cen__vertex_keys(cen__ahead_rec *r, char *p, const cen_txn *t)
{
	key_parts ps, pd;
	vertex_keys(r, p, t, &ps, &pd);
	hash_keys(r);
}

/* A held record whose account fields are the parts of its vertex names:
 * their text is copied once. */
static char *hold(cen__ahead_rec *r, const cen_txn *t, int kept)
{
	size_t keys = cen__vertex_keys_len(t);
	char *p = kept ? cen__held_keep(&r->h, t, keys) : cen__held_set_but_accounts(&r->h, t, keys);
	if (!p)
		return NULL;
	key_parts ps, pd;
	vertex_keys(r, p, t, &ps, &pd);
	cen_txn *h = &r->h.t;
	h->orig_bank.ptr = r->ks.ptr;
	h->orig_acct.ptr = r->ks.ptr + ps.acct;
	h->bene_bank.ptr = r->kd.ptr;
	h->bene_acct.ptr = r->kd.ptr + pd.acct;
	return p;
}

/* An id the lookup found, or CEN__GRAPH_NO_VERTEX for -1 (not yet known):
 * ids are below UINT32_MAX (the interner's cap), so the cast does it. */
static inline uint32_t known(int64_t v)
{
	return (uint32_t)v;
}

/* The vertex line of an account the lookup found. */
static inline void vertex_hint(const cen__graph *g, int64_t v)
{
	if (v >= 0)
		cen__prefetch(&g->v[v]);
}

/* The ids of both accounts, where they have a vertex already. */
static void stage_lookup(const cen__graph *g, cen__ahead_rec *r)
{
	int64_t s = cen__intern_get_h(&g->names, r->ks.ptr, r->ks.len, r->hs);
	int64_t d = cen__intern_get_h(&g->names, r->kd.ptr, r->kd.len, r->hd);
	/* a name without its vertex (an add that ran out of memory) is new */
	r->vs = (size_t)s < g->nv ? s : -1;
	r->vd = (size_t)d < g->nv ? d : -1;
}

/* The accounts hook's hint, pass `pass`, for the accounts the lookup did
 * not find (an account on both sides once). Pass 0 comes with the lookup,
 * for every record that has a new account. */
static void hint_new(const cen__ahead *a, cen__ahead_rec *r, int pass)
{
	if (pass == 0)
		r->hint_s = r->hint_d = 0; /* the hook's word starts at 0 */
	if (r->vs < 0)
		a->lookup_prefetch(a->lookup_ctx, r->ks.ptr, r->ks.len, pass, &r->hint_s);
	if (r->vd < 0 && !(r->vs < 0 && r->kd.len == r->ks.len &&
			   !memcmp(r->kd.ptr, r->ks.ptr, r->ks.len)))
		a->lookup_prefetch(a->lookup_ctx, r->kd.ptr, r->kd.len, pass, &r->hint_d);
}

static inline void stage_new(const cen__ahead *a, cen__ahead_rec *r, int pass)
{
	if ((r->vs < 0 || r->vd < 0) && a->lookup_prefetch)
		hint_new(a, r, pass);
}

/* What the add will read; the record, for the detectors' hooks, when both
 * accounts are known. */
static const cen__ahead_rec *stage_add(const cen__graph *g, const cen__ahead_rec *r)
{
	if ((r->vs & r->vd) < 0)
		return NULL; /* both new */
	cen__graph_prefetch_add(g, known(r->vs), known(r->vd));
	return (r->vs | r->vd) >= 0 ? r : NULL;
}

/* The stages of the records already in the pipe, the newest at index i
 * (n held, step > 0). Once n passes five stages, as it does for all but
 * the first records of a run, each stage has its record: no test. */
static void stages(const cen__ahead *a, const cen__graph *g, size_t i, size_t n,
		   const cen__ahead_rec *staged[2])
{
	size_t step = a->step;
	int all = n > 5 * step;
	cen__ahead_rec *const *behind = a->at[i].stage;
	if (all || n > 2 * step) {
		cen__ahead_rec *q = behind[0];
		stage_lookup(g, q);
		vertex_hint(g, q->vs);
		vertex_hint(g, q->vd);
		stage_new(a, q, 0);
	}
	if (all || n > 4 * step) {
		cen__ahead_rec *q = behind[1];
		staged[0] = stage_add(g, q);
		stage_new(a, q, 1);
	}
	if (all) {
		cen__ahead_rec *q = behind[2];
		if ((q->vs | q->vd) >= 0)
			staged[1] = q;
		else
			stage_new(a, q, 2);
	}
}

int cen__ahead_push(cen__ahead *a, const cen__graph *g, const cen_txn *t, int late, int kept,
		    const cen__ahead_rec *staged[2])
{
	staged[0] = staged[1] = NULL;
	size_t i = a->tail;
	cen__ahead_rec *r = a->at[i].rec;
	if (!hold(r, t, kept))
		return CEN_ENOMEM;
	r->late = late;
	a->tail = (i + 1) & a->mask;
	size_t n = ++a->n;
	if (a->step)
		stages(a, g, i, n, staged);
	/* The new names are hashed last: their bytes were written a moment
	 * ago, and the hash's 8-byte loads of them waited on those smaller
	 * stores (perf put 2.7% of the run in cen__intern_hash). */
	hash_keys(r);
	cen__intern_prefetch(&g->names, r->hs);
	cen__intern_prefetch(&g->names, r->hd);
	return 0;
}
