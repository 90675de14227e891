/* prefetch.c - prefetch hints for the graph's random accesses.
 *
 * With hundreds of thousands of accounts and millions of live edges, almost
 * every access the engine makes per transaction (the vertex, its rings, the
 * pair table; then the same for the edge it evicts) misses the cache and
 * costs a trip to memory. The engine knows a few records in advance which
 * vertices they name, so it calls these hints then and the trips overlap.
 *
 * What must hold: a hint only reads the graph (and only what a valid id or a
 * live seq allows) and changes nothing but the eviction hints' cursor
 * (evict_hinted), which no result depends on; a wrong or stale hint costs
 * a wasted load, never a wrong answer.
 */
#include "core/prefetch.h"
#include "graph/internal.h"

void cen__graph_prefetch_vertex(const cen__graph *g, uint32_t v)
{
	cen__prefetch(&g->v[v]); /* one cache line (graph.h) */
}

/* Lines of a ring hinted at most: a ring counted by a scan holds at most
 * pair_scan_max (32) entries, 8 lines; a longer one is a hub's, whose
 * move reads on in order (the hardware's own prefetch follows) and whose
 * every line hinted on each add cost 1,300 instructions a transaction. */
#define RING_HINT_LINES 8u

/* The lines of a ring, up to RING_HINT_LINES from its oldest entry, and
 * its newest: for a scan, or for the move of a full one. */
static __attribute__((noinline)) void ring_all(const cen__ring *r)
{
	if (!r->len)
		return;
	uint32_t n = r->len < 4 * RING_HINT_LINES ? r->len : 4 * RING_HINT_LINES;
	/* consecutive multiples of 4 entries are 64 bytes apart: one per line */
	for (uint32_t k = 0; k < n; k += 4)
		cen__prefetch(&r->e[cen__ring_slot(r, k)]);
	cen__prefetch(&r->e[cen__ring_slot(r, r->len - 1)]);
}

/* Whether r is full below the cap: the add moves it to a larger block,
 * reading all of it. */
static inline int ring_moves(const cen__graph *g, const cen__ring *r)
{
	uint32_t cap = cen__ring_cap(r);
	return r->len == cap && r->e && cap < g->max_adj;
}

/* Where the add will write into a ring that does not move: the slot after
 * the newest entry, which for a full ring (at the cap) is its oldest's,
 * the one it drops. */
static inline void ring_slot_next(const cen__ring *r)
{
	if (r->e) {
		uint32_t cap = cen__ring_cap(r), j = r->head + r->len;
		cen__prefetch(&r->e[j >= cap ? j - cap : j]);
	}
}

/* Where the add will write, or all of a ring it moves. */
static void ring_tail(const cen__graph *g, const cen__ring *r)
{
	if (ring_moves(g, r))
		ring_all(r);
	else
		ring_slot_next(r);
}

/* The newest entries, which the detectors' scans read first. */
static inline __attribute__((always_inline)) void ring_newest(const cen__ring *r)
{
	if (r->len) {
		cen__prefetch(&r->e[cen__ring_slot(r, r->len - 1)]);
		if (r->len > 3)
			cen__prefetch(&r->e[cen__ring_slot(r, r->len - 4)]);
	}
}

void cen__graph_prefetch_pair(const cen__graph *g, uint32_t src, uint32_t dst)
{
	cen__graph_prefetch_pairs(g, src, &dst, 1);
}

void cen__graph_prefetch_pairs(const cen__graph *g, uint32_t src, const uint32_t *dst, size_t n)
{
	const cen__ring *r = &g->v[src].out;
	if (!r->pairs_tabled) {
		/* pairs.c counts from the ring, unless the payee filter
		 * already says none of the dst is there */
		uint64_t want = 0;
		for (size_t i = 0; i < n; i++)
			want |= cen__payee_bit(dst[i]);
		if (!n || (g->v[src].payees & want))
			ring_all(r);
		return;
	}
	for (size_t i = 0; i < n; i++)
		cen__prefetch(&g->pairs[cen__pair_slot(g, src, dst[i])]);
}

/* The newest entries of r, ADD_SCAN_LINES lines' worth (entries 4 apart
 * are a line apart): the add's pair count scans the sender's ring from
 * its newest entry and stops at the newest with the payee. Hinting all of
 * a 32-entry ring (8 lines) as for a full scan cost 10.7 M instructions
 * on the first 1 M benchmark records, and fetched only 3.8 k lines that
 * the run did not read anyway (cachegrind with the hints made loads):
 * the older lines are read soon after, and hinted then. */
#define ADD_SCAN_LINES 2u
static inline __attribute__((always_inline)) void ring_scan_newest(const cen__ring *r)
{
	cen__ring_hint_newest(r, ADD_SCAN_LINES);
}

/* cen__graph_prefetch_add for what its common case leaves out: an
 * account not seen yet, a sender whose pairs are in the table, a full
 * ring below the cap (its move reads all of it). Out of line, so that the
 * common case makes no call and saves no register. */
static __attribute__((noinline)) void prefetch_add_rare(const cen__graph *g, uint32_t src,
							uint32_t dst)
{
	if (src != CEN__GRAPH_NO_VERTEX) {
		const cen__vertex *v = &g->v[src];
		if (dst == CEN__GRAPH_NO_VERTEX || v->out.pairs_tabled)
			/* a new dst: its pair is new, the ring is scanned in
			 * full unless the payees filter rules it out */
			cen__graph_prefetch_pairs(g, src, &dst, dst != CEN__GRAPH_NO_VERTEX);
		else if (v->payees & cen__payee_bit(dst))
			ring_scan_newest(&v->out);
		ring_tail(g, &g->v[src].out);
		/* what arrived at the sender lately: pass_through,
		 * scatter_gather, gather_scatter and the cycle search start
		 * there */
		ring_newest(&g->v[src].in);
	}
	if (dst != CEN__GRAPH_NO_VERTEX)
		ring_tail(g, &g->v[dst].in);
}

void cen__graph_prefetch_add(const cen__graph *g, uint32_t src, uint32_t dst)
{
	if (src == CEN__GRAPH_NO_VERTEX || dst == CEN__GRAPH_NO_VERTEX) {
		prefetch_add_rare(g, src, dst);
		return;
	}
	const cen__vertex *v = &g->v[src];
	const cen__ring *o = &v->out, *di = &g->v[dst].in;
	if (o->pairs_tabled || ring_moves(g, o) || ring_moves(g, di)) {
		prefetch_add_rare(g, src, dst);
		return;
	}
	if (v->payees & cen__payee_bit(dst))
		ring_scan_newest(o);
	ring_slot_next(o);
	ring_newest(&v->in);
	ring_slot_next(di);
}

/* Edges whose eviction hints one call issues at most: the tail moves in
 * bursts (every edge of a second at once: 8 on the benchmark), the head
 * one edge a call, so the cursor catches up after a burst in a few calls
 * without a run of hints that would fill the CPU's miss buffers. */
#define EVICT_HINTS_PER_CALL 2u

/* What evicting the edge at seq reads beyond the log: its vertices' lines,
 * and the pair's table slot if its sender kept its pairs there when the
 * edge was added (the edge's mark says, so the sender's line is not read
 * here; a sender that has left the table since costs a wasted load).
 * Evicting writes nothing else: a ring's oldest entry goes without a read
 * of the ring (ring.c), and a block freed is not touched either. */
static void evict_edge(const cen__graph *g, uint64_t seq)
{
	const cen__edge *e = cen__graph_edge(g, seq);
	cen__graph_prefetch_vertex(g, e->src);
	cen__graph_prefetch_vertex(g, e->dst);
	if (e->flags & CEN__EDGE_TABLED)
		cen__prefetch(&g->pairs[cen__pair_slot(g, e->src, e->dst)]);
}

void cen__graph_prefetch_evict_run(cen__graph *g, uint64_t ahead)
{
	/* Per call, hinting the edge at tail + ahead missed most edges: the
	 * tail stays put for the records of one second, then jumps past all
	 * of that second's edges. A cursor hints each edge once instead. */
	uint64_t s = g->evict_hinted > g->tail ? g->evict_hinted : g->tail;
	uint64_t end = g->tail + ahead < g->head ? g->tail + ahead : g->head;
	for (unsigned n = 0; s < end && n < EVICT_HINTS_PER_CALL; n++, s++)
		evict_edge(g, s);
	g->evict_hinted = s;
}
