/* cycles.h - temporal cycles closed by an edge (internal-shared).
 *
 * A temporal cycle of length L closed by edge c = (u -> v) is a path
 * v -> x1 -> ... -> u of L-1 live edges followed by c, with no vertex twice,
 * each edge later (higher seq, hence not earlier in time) than the one
 * before it, and the first edge at most `window` seconds before c. Every
 * such cycle is found exactly once, when its last edge arrives, by a depth-
 * first search backwards from u through in-edges (2SCENT-style, bounded):
 * the search examines at most `budget` adjacency entries.
 *
 * An open chain through an edge c = (u -> v) is a simple path
 * x0 -> ... -> u -> v -> ... -> xk of live edges that contains c and does
 * not come back to x0, each hop carrying about what the hop before it
 * carried (the cycle's amount test), every edge at most `window` seconds
 * before c. In time order (unordered = 0) every hop is later than the one
 * before it, so c, the newest edge, is the last hop and the path is only
 * extended backwards; unordered, it is extended both ways. It is what a
 * cycle looks like while (or when) some of its hops have not been made:
 * money moved on unchanged through several accounts.
 */
#ifndef CEN_GRAPH_CYCLES_H
#define CEN_GRAPH_CYCLES_H

#include "graph/graph.h"

#define CEN__CYCLE_MAX_LEN 16

/* edges: the cycle's seqs in time order (closing edge last), n = length.
 * Return 0 to go on, 1 to stop the search, < 0 to stop with that error. */
typedef int (*cen__cycle_fn)(void *ctx, const uint64_t *edges, size_t n);

typedef struct cen__cycle_query {
	uint32_t min_len, max_len; /* 2 <= min_len <= max_len <= CEN__CYCLE_MAX_LEN */
	int64_t window;
	uint64_t budget;           /* adjacency entries examined at most */
	double hop_ratio;          /* > 0: a hop carries at least
				      1 / (1 + hop_ratio) of the hop before it
				      and at most (1 + hop_increase) times it;
				      0: amounts not looked at */
	double hop_increase;
	int unordered;             /* 1: hops need not follow each other in time
				      (the cycle still lies within the window
				      and is found when its last edge arrives),
				      for simulators that emit a pattern's
				      transactions in random order */
	int prune;                 /* 1: paths that no payment of the origin
				      (v, the closing edge's payee) can
				      start, none early enough or of an
				      amount the hops left could turn into
				      the path's, are not searched and cost
				      no budget. When such a search finds a
				      cycle after ruling a path out, a full
				      one is run to confirm that the budget
				      lets it get that far: fn sees the
				      cycles before it again, and a search
				      that returns 0 disowns what fn
				      accepted. For a fn that stops at the
				      first cycle it accepts. examined
				      counts less than without: a search
				      no payment of v can start may end
				      before any entry is counted. */
	/* the amount band in integers (cen__cycle_query_band); zero: worked
	 * out in doubles by every search, with the same results */
	uint64_t band_lo_mul, band_hi_mul;
	uint64_t band_limit;       /* closing amounts 1..band_limit use them */
	/* with reach = 1 (cen__cycle_query_band too): the origin's bounds
	 * (cycles.c), a hop of x coming m hops after one of x * reach_lo[m]
	 * to x * reach_hi[m] at most; 0: worked out by each search that
	 * needs them */
	int reach;
	double reach_lo[CEN__CYCLE_MAX_LEN], reach_hi[CEN__CYCLE_MAX_LEN];
	cen__cycle_fn fn;
	void *ctx;
	/* out */
	uint64_t examined;
	int truncated;             /* the budget ran out */
} cen__cycle_query;

/* Works out once, from q's hop_ratio and hop_increase, the amount band
 * its searches compare ring entries with (cycles.c), in integers, so that
 * no search does it in doubles, and the bounds of the origin's rule.
 * Call it again after changing either rule (a band left from other rules
 * could leave cycles out); without it the searches find the same. */
void cen__cycle_query_band(cen__cycle_query *q);

/* Returns 0, 1 if fn stopped the search, or fn's negative status. */
int cen__graph_cycles(const cen__graph *g, uint64_t closing, cen__cycle_query *q);

/* --- the pre-test, inline: it runs on half of all edges ------------------ */

/* Ring-entry cents (CEN__ADJ_BIG standing for every amount the log holds:
 * negative, or too large) in [lo, lo + span], modulo 2^32: a superset of
 * the earlier hops the hop test (cycles.c) lets through before a hop of
 * `later`, a few cents wider each side than the bounds it implies, so
 * that the test, applied after, decides. */
typedef struct cen__cycle_band {
	uint32_t lo, span;
} cen__cycle_band;

static inline __attribute__((always_inline)) cen__cycle_band
cen__cycle_band_of(const cen__cycle_query *q, int64_t later)
{
	cen__cycle_band bd = {0, CEN__ADJ_BIG};
	if ((uint64_t)later - 1 < q->band_limit) {
		/* lo is at least 3 below the bound the doubles give (it may
		 * wrap below 0: no cents are that high), the top at least 3
		 * above it and below CEN__ADJ_BIG - 1, as the doubles' is for
		 * such amounts */
		uint64_t x = (uint64_t)later;
		uint32_t lo = (uint32_t)((x * q->band_lo_mul) >> 32) - 3u;
		uint32_t top = (uint32_t)((x * q->band_hi_mul) >> 32) + 4u;
		bd.lo = lo;
		bd.span = top - lo;
		return bd;
	}
	double b = (double)later, shrink = 1.0 + q->hop_increase;
	if (q->hop_ratio <= 0 || !(b > 0 && shrink > 0))
		return bd; /* every amount, negative ones too, may pass */
	double lo = b / shrink - 2.0;
	double hi = b * (1.0 + q->hop_ratio) + 2.0;
	if (lo > 0)
		bd.lo = lo < CEN__ADJ_BIG ? (uint32_t)lo : CEN__ADJ_BIG;
	/* hi NaN or past the inline amounts: the log's large ones may pass */
	uint32_t top = hi < CEN__ADJ_BIG - 1 ? (uint32_t)hi : CEN__ADJ_BIG;
	bd.span = top > bd.lo ? top - bd.lo : 0;
	return bd;
}

static inline int cen__cycle_in_band(const cen__adj *f, cen__cycle_band bd)
{
	return (f->cents & CEN__ADJ_BIG) - bd.lo <= bd.span;
}

/* The newest of e[to..from) whose cents are in bd (cen__cycle_in_band):
 * its index, else UINT32_MAX; eight entries at a time with AVX2 when avx2
 * is nonzero (only when the CPU has it: the searches ask it), else four.
 * The two give the same answer (test_graph_chains.c compares them). */
uint32_t cen__cycle_band_scan(const cen__adj *e, uint32_t to, uint32_t from, cen__cycle_band bd,
			      int avx2);

/* In-edges of u looked at in one pass before a search is set up. */
#define CEN__CYCLE_FEW_IN 8u

/* Whether the search from the closing edge (amount `later`) at u, whose in
 * ring r holds at most CEN__CYCLE_FEW_IN entries, fewer than the budget,
 * has no first hop: none of r's entries before the closing edge is both
 * in the window and in the amount band. Then *examined is what the search
 * would count, no budget is spent (len < budget), and nothing more need
 * be done. Most accounts have a few in-edges, the searches on their
 * payments (nearly half of all edges) end here, and the walk's set-up
 * cost more than this pass. */
static inline __attribute__((always_inline)) int
cen__cycle_few_in(const cen__graph *g, const cen__ring *r, uint64_t closing, int64_t tmin,
		  int64_t later, const cen__cycle_query *q, uint64_t *examined)
{
	if (r->len > CEN__CYCLE_FEW_IN || r->len >= q->budget)
		return 0;
	uint32_t n = r->len, in = 0, old = 0;
	if (!n) {
		*examined = 0;
		return 1;
	}
	cen__cycle_band bd = cen__cycle_band_of(q, later);
	/* On the entry's own words: its seq >= closing as distances back from
	 * the head (live seqs span less than 2^32), its time < tmin as an
	 * offset from ts_base; the slots in order from head, wrapping once. */
	uint32_t dc = (uint32_t)(g->head - closing), hl = (uint32_t)g->head;
	int64_t lim = tmin - g->ts_base;
	const cen__adj *f = r->e + r->head, *end = r->e + cen__ring_cap(r);
	for (uint32_t k = 0; k < n; k++, f++) {
		if (f == end)
			f = r->e;
		if ((uint32_t)(hl - f->seq_lo) <= dc)
			break; /* seqs increase: the rest are newer still */
		if ((int64_t)f->ts_off < lim)
			old = 1; /* time order: an older prefix, one counted */
		else if (cen__cycle_in_band(f, bd))
			return 0;
		else
			in++;
	}
	*examined = in + old;
	return 1;
}

/* 1 when cen__graph_cycles(g, closing, q) certainly finds nothing and is
 * not cut short, seen in one pass over the few in-edges of the closing
 * edge's payer (none of them could be a first hop back): then the query
 * need not be set up (most searches end so); 0 when that cannot be told
 * so. closing is a live edge; payer its sender's vertex, ts its time and
 * amount its amount (borrowed: the caller has them at hand, the payer's
 * line among them, so nothing is looked up again); q is only read (its
 * amount rules, window and budget).
 * Inline, so that the detector's check of each edge makes no calls. */
static inline int cen__graph_cycles_none(const cen__graph *g, const cen__vertex *payer,
					 uint64_t closing, int64_t ts, int64_t amount,
					 const cen__cycle_query *q)
{
	uint64_t examined;
	return cen__cycle_few_in(g, &payer->in, closing, ts - q->window, amount, q, &examined);
}

/* The longest open chain through `newest` (the newest live edge) of
 * min_len..max_len hops that the budget lets the search find: fn is
 * called once with its seqs in path order (first hop first), n = hops, or
 * not at all. Reads q as cen__graph_cycles does (min_len, max_len,
 * window, budget, hop_ratio, hop_increase, unordered; min_len >= 2). A
 * path back to its first vertex is a cycle, not a chain: not reported.
 * Returns 0, or fn's status (1 or negative). */
int cen__graph_chains(const cen__graph *g, uint64_t newest, cen__cycle_query *q);

#endif
