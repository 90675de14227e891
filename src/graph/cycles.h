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
				      first cycle it accepts. */
	/* the amount band in integers (cen__cycle_query_band); zero: worked
	 * out in doubles by every search, with the same results */
	uint64_t band_lo_mul, band_hi_mul;
	uint64_t band_limit;       /* closing amounts 1..band_limit use them */
	cen__cycle_fn fn;
	void *ctx;
	/* out */
	uint64_t examined;
	int truncated;             /* the budget ran out */
} cen__cycle_query;

/* Works out once, from q's hop_ratio and hop_increase, the amount band
 * its searches compare ring entries with (cycles.c), in integers, so that
 * no search does it in doubles. Call it again after changing either rule
 * (a band left from other rules could leave cycles out); without it the
 * searches find the same. */
void cen__cycle_query_band(cen__cycle_query *q);

/* Returns 0, 1 if fn stopped the search, or fn's negative status. */
int cen__graph_cycles(const cen__graph *g, uint64_t closing, cen__cycle_query *q);

/* 1 when cen__graph_cycles(g, closing, q) certainly finds nothing and is
 * not cut short, seen in one pass over the few in-edges of the closing
 * edge's payer (none of them could be a first hop back): then the query
 * need not be set up (most searches end so); 0 when that cannot be told
 * so. closing is a live edge and c its log entry (borrowed: the caller
 * has it at hand); q is only read (its amount rules, window and budget). */
int cen__graph_cycles_none(const cen__graph *g, const cen__edge *c, uint64_t closing,
			   const cen__cycle_query *q);

/* The longest open chain through `newest` (the newest live edge) of
 * min_len..max_len hops that the budget lets the search find: fn is
 * called once with its seqs in path order (first hop first), n = hops, or
 * not at all. Reads q as cen__graph_cycles does (min_len, max_len,
 * window, budget, hop_ratio, hop_increase, unordered; min_len >= 2). A
 * path back to its first vertex is a cycle, not a chain: not reported.
 * Returns 0, or fn's status (1 or negative). */
int cen__graph_chains(const cen__graph *g, uint64_t newest, cen__cycle_query *q);

#endif
