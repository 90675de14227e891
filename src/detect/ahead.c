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
 *
 * The push itself is in ahead.h, inline in the engine's per-record path;
 * cen__ahead_push here is the same push as a call.
 */
#include <string.h>

#include "detect/ahead.h"
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

/* The names of t at p, hashed: the engine without a pipe names accounts
 * through it. */
void cen__vertex_keys(cen__ahead_rec *r, char *p, const cen_txn *t)
{
	cen__ahead_key_parts ps, pd;
	cen__ahead_vertex_keys(r, p, t, &ps, &pd);
	cen__ahead_hash_keys(r);
}

/* The accounts hook's hint, pass `pass`, for the accounts the lookup did
 * not find (an account on both sides once). Pass 0 comes with the lookup,
 * for every record that has a new account. */
void cen__ahead_hint_new(const cen__ahead *a, cen__ahead_rec *r, int pass)
{
	if (pass == 0)
		r->hint_s = r->hint_d = 0; /* the hook's word starts at 0 */
	if (r->vs < 0)
		a->lookup_prefetch(a->lookup_ctx, r->ks.ptr, r->ks.len, pass, &r->hint_s);
	if (r->vd < 0 && !(r->vs < 0 && r->kd.len == r->ks.len &&
			   !memcmp(r->kd.ptr, r->ks.ptr, r->ks.len)))
		a->lookup_prefetch(a->lookup_ctx, r->kd.ptr, r->kd.len, pass, &r->hint_d);
}

int cen__ahead_push(cen__ahead *a, const cen__graph *g, const cen_txn *t, int late, int kept,
		    const cen__ahead_rec *staged[2])
{
	return cen__ahead_push_inline(a, g, t, late, kept, staged);
}
