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
 * hook: its hint (lookup_prefetch) gets passes 0, 1 and 2 at a third, a
 * half and two thirds of the way. Records leave in arrival order.
 *
 * The stages are sixths of the depth: a depth under 6 gives no hints (the
 * records still wait). Every hint is given twice, a sixth apart. Measured
 * on the 5 M benchmark with rdtsc around the first read: a pair-table slot
 * hinted once, 8 records ahead, was still a miss (400-800 cycles) at use in
 * 97% of records; hinted twice, in about half. Why a single hint is lost
 * there is not known: a micro-benchmark on the same machine does not lose
 * them. Hints overlap misses but do not remove them; what they fetch still
 * costs memory bandwidth, so fewer lines touched beats better hints.
 *
 * What must hold: the pipe never reorders, drops or duplicates a record;
 * an id found here is the account's for good (vertices are never removed),
 * and an account not found yet is found or added when its record is
 * processed, so the engine produces exactly what it would without the pipe
 * (tests/fuzz/fuzz_monitor.c checks it).
 */
#include <string.h>

#include "detect/engine.h"
#include "core/banned.h"

void cen__ahead_init(cen__ahead *a)
{
	memset(a, 0, sizeof *a);
}

void cen__ahead_release(cen__ahead *a)
{
	for (size_t i = 0; a->recs && i <= a->mask; i++)
		cen__held_release(&a->recs[i].h);
	cen_free(a->recs);
	memset(a, 0, sizeof *a);
}

int cen__ahead_reserve(cen__ahead *a, size_t depth)
{
	if (!depth)
		return 0;
	size_t slots = 1;
	while (slots < depth)
		slots *= 2;
	a->recs = cen_calloc(slots, sizeof *a->recs);
	if (!a->recs)
		return CEN_ENOMEM;
	a->depth = depth;
	a->mask = slots - 1;
	return 0;
}

/* "BANK:ACCOUNT" (or ACCOUNT alone) at p; returns its length. */
static size_t vertex_key(char *p, cen_slice bank, cen_slice acct)
{
	size_t n = 0;
	if (bank.len) {
		memcpy(p, bank.ptr, bank.len);
		p[bank.len] = ':';
		n = bank.len + 1;
	}
	if (acct.len)
		memcpy(p + n, acct.ptr, acct.len);
	return n + acct.len;
}

size_t cen__vertex_keys_len(const cen_txn *t)
{
	return t->orig_bank.len + t->orig_acct.len + t->bene_bank.len + t->bene_acct.len + 2;
}

void cen__vertex_keys(cen__ahead_rec *r, char *p, const cen_txn *t)
{
	r->ks.ptr = p;
	r->ks.len = vertex_key(p, t->orig_bank, t->orig_acct);
	r->kd.ptr = p + r->ks.len;
	r->kd.len = vertex_key(p + r->ks.len, t->bene_bank, t->bene_acct);
	r->hs = cen__intern_hash(r->ks.ptr, r->ks.len);
	r->hd = cen__intern_hash(r->kd.ptr, r->kd.len);
	r->vs = r->vd = -1;
}

static cen__ahead_rec *age(cen__ahead *a, size_t k)
{
	/* k = 0 is the newest record; the caller ensures k < n. */
	return &a->recs[(a->head + a->n - 1 - k) & a->mask];
}

static void stage_lookup(const cen__graph *g, cen__ahead_rec *r)
{
	r->vs = cen__intern_get_h(&g->names, r->ks.ptr, r->ks.len, r->hs);
	r->vd = cen__intern_get_h(&g->names, r->kd.ptr, r->kd.len, r->hd);
}

/* The accounts hook's hint for the accounts the lookup did not find. */
static void stage_new(const cen__ahead *a, const cen__ahead_rec *r, int pass)
{
	if (!a->lookup_prefetch)
		return;
	if (r->vs < 0)
		a->lookup_prefetch(a->lookup_ctx, r->ks.ptr, r->ks.len, pass);
	if (r->vd < 0 && !(r->vs < 0 && r->kd.len == r->ks.len &&
			   !memcmp(r->kd.ptr, r->ks.ptr, r->ks.len)))
		a->lookup_prefetch(a->lookup_ctx, r->kd.ptr, r->kd.len, pass);
}

/* The vertices: at the lookup and again a step later. */
static void stage_vertices(const cen__graph *g, const cen__ahead_rec *r)
{
	if (r->vs >= 0 && (size_t)r->vs < g->nv)
		cen__graph_prefetch_vertex(g, (uint32_t)r->vs);
	if (r->vd >= 0 && (size_t)r->vd < g->nv)
		cen__graph_prefetch_vertex(g, (uint32_t)r->vd);
}

/* What the add will read; the record, for the detectors' hooks, when both
 * accounts are known. */
static const cen__ahead_rec *stage_add(const cen__graph *g, const cen__ahead_rec *r)
{
	uint32_t s = r->vs >= 0 && (size_t)r->vs < g->nv ? (uint32_t)r->vs : CEN__GRAPH_NO_VERTEX;
	uint32_t d = r->vd >= 0 && (size_t)r->vd < g->nv ? (uint32_t)r->vd : CEN__GRAPH_NO_VERTEX;
	if (s == CEN__GRAPH_NO_VERTEX && d == CEN__GRAPH_NO_VERTEX)
		return NULL;
	cen__graph_prefetch_add(g, s, d);
	return s != CEN__GRAPH_NO_VERTEX && d != CEN__GRAPH_NO_VERTEX ? r : NULL;
}

int cen__ahead_push(cen__ahead *a, const cen__graph *g, const cen_txn *t, int late,
		    const cen__ahead_rec *staged[2])
{
	staged[0] = staged[1] = NULL;
	cen__ahead_rec *r = &a->recs[(a->head + a->n) & a->mask];
	char *p = cen__held_set(&r->h, t, cen__vertex_keys_len(t));
	if (!p)
		return CEN_ENOMEM;
	a->n++;
	r->late = late;
	cen__vertex_keys(r, p, &r->h.t);
	cen__intern_prefetch(&g->names, r->hs);
	cen__intern_prefetch(&g->names, r->hd);
	size_t step = a->depth / 6;
	if (!step)
		return 0;
	if (a->n > step) {
		const cen__ahead_rec *q = age(a, step);
		cen__intern_prefetch(&g->names, q->hs);
		cen__intern_prefetch(&g->names, q->hd);
	}
	if (a->n > 2 * step) {
		cen__ahead_rec *q = age(a, 2 * step);
		stage_lookup(g, q);
		stage_vertices(g, q);
		stage_new(a, q, 0);
	}
	if (a->n > 3 * step) {
		const cen__ahead_rec *q = age(a, 3 * step);
		stage_vertices(g, q);
		stage_new(a, q, 1);
	}
	if (a->n > 4 * step) {
		const cen__ahead_rec *q = age(a, 4 * step);
		staged[0] = stage_add(g, q);
		stage_new(a, q, 2);
	}
	if (a->n > 5 * step)
		staged[1] = stage_add(g, age(a, 5 * step));
	return 0;
}

cen__ahead_rec *cen__ahead_oldest(cen__ahead *a)
{
	return a->n ? &a->recs[a->head] : NULL;
}

void cen__ahead_pop(cen__ahead *a)
{
	if (!a->n)
		return;
	a->head = (a->head + 1) & a->mask;
	a->n--;
}
