/* cycles.c - bounded backward search for temporal cycles (see cycles.h).
 *
 * From the closing edge u -> v, walk in-edges backwards from u, each step to
 * an edge with a smaller seq and a time no earlier than ts(c) - window. A
 * step that reaches v closes a cycle. Before stepping to a vertex y with
 * one hop left, the pair table says in O(1) whether v -> y exists at all.
 * A step binary-searches the window's start in the ring (entries are in
 * time order) and runs through the entries in it newest first, comparing
 * only their cents with a band that holds every amount the hop test could
 * pass (cen__cycle_band_of, cycles.h: in integers from the query's
 * multipliers, cen__cycle_query_band, a few cents wider than the test,
 * else in doubles); nearly all fail it (a hub's payments in are of every
 * size), and are counted against the budget as examined without more;
 * the band is tested four entries at a time (SSE2). The next candidate is
 * found before the paths through the current one are searched, and its
 * vertex line hinted, so the two misses of a step (vertex, then ring)
 * overlap the search before it. An account with a few
 * in-edges (most: the search runs on every payment they make) has them
 * tested in one pass before any walk is set up (cen__cycle_few_in, inline
 * in cycles.h, where the cycle detector runs it on each edge), and most
 * searches end there, having counted what the walk would have.
 *
 * With q->prune (the cycle detector), a hop is taken only if some payment
 * of v could be the cycle's first hop: one in the window, before the hop
 * (every hop comes after the first), of an amount from which the hops
 * left could lead to the hop's (hop_ok bounds each hop to a factor of the
 * one before, so m hops to a power of it). v's payments are read before
 * the walk when u's in ring is longer than ORIGIN_MAX and shorter than
 * the budget (the scan of it cannot be cut short), else once a search
 * first has a hop to rule on, and if none could start a cycle through
 * the closing edge itself, the search ends there, examining nothing more
 * (before the walk: counting nothing) (on the 5 M benchmark: a quarter
 * of the 281 k searches that walk end so; of the other hops, 47% are
 * ruled out, and the steps past u read 77% fewer ring entries). A hop ruled out costs no budget, so a search may
 * now reach a cycle a full one would have been cut short before: it is
 * then run again in full, and reports it only if that finds it too (no
 * search on the benchmark needs that).
 *
 * Open chains (cen__graph_chains) are searched from the same edge: every
 * backward path from u (in-edges, as above) is tried with every forward
 * path from v (out-edges; in time order there are none, v's out-edges
 * being older than the newest edge), keeping the longest. Unordered, a
 * ring entry to the same counterparty with the same amount as the entry
 * just tried leads to the same paths (AMLSim repeats a hop's transfer) and
 * is skipped.
 *
 * What must hold: no vertex twice on a path; seqs strictly decrease along
 * the backward walk (in time order); examined never exceeds budget by more
 * than one, and counts what an entry-by-entry scan would (the entries
 * before the bound skipped, the first one older than the window counted),
 * so a search is truncated at the same entry; the band never leaves out an
 * amount hop_ok passes; the origin rules out only hops no cycle passes
 * through (its bounds are wider than hop_ok's by a rounding slack), and a
 * search that ruled one out and found a cycle returns what the full
 * search returns (test_graph_chains.c compares them).
 */
#include "graph/cycles.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#define CYCLES_AVX2 1 /* band_scan_avx2, used when the CPU has AVX2 */
#endif

#include "centinela/core.h"
#include "core/prefetch.h"
#include "core/banned.h"

/* Payments of the origin kept to rule hops out: its out ring's entries
 * in the window and before the closing edge, oldest first, at the end of
 * the arrays. */
#define ORIGIN_MAX 64

/* What the origin v paid out: a cycle's first hop is one of these
 * payments, earlier than every other hop, so a path that no payment of v
 * can start (none early enough, none of an amount the hops left could
 * turn into the path's) is not searched. */
struct origin {
	int read;              /* 1: filled from the ring */
	int known;             /* 1: every such payment is below; 0: more
				  than ORIGIN_MAX of them, or some dropped
				  from the ring: nothing is ruled out */
	uint32_t first;        /* the payments: [first, ORIGIN_MAX) */
	uint64_t seq[ORIGIN_MAX];
	int64_t amount[ORIGIN_MAX];
	/* a hop's amount x, with m hops left before it (1 <= m), can
	 * descend from a first hop of x * lo[m] to x * hi[m] only (hop_ok
	 * applied m times, over every count of hops up to m): the query's
	 * reach_lo and reach_hi, or own_lo and own_hi */
	const double *lo, *hi;
	int amounts;           /* 1: lo and hi apply (hop_ratio > 0) */
	double own_lo[CEN__CYCLE_MAX_LEN], own_hi[CEN__CYCLE_MAX_LEN];
};

struct walk {
	const cen__graph *g;
	cen__cycle_query *q;
	uint32_t start;        /* v: the cycle's origin */
	int64_t tmin;
	uint32_t verts[CEN__CYCLE_MAX_LEN + 1];
	uint64_t edges[CEN__CYCLE_MAX_LEN + 1]; /* backwards: edges[0] = closing */
	uint32_t depth;        /* edges on the path */
	uint64_t closing;
	int64_t closing_amount;
	int prune;             /* rule hops out by the origin (q->prune) */
	int skipped;           /* a hop was ruled out by the origin */
	struct origin o;       /* read when the first hop is to be ruled on */
};

/* Whether y is one of verts[0..n): a path's vertices, a few at most. */
static int among(const uint32_t *verts, uint32_t n, uint32_t y)
{
	for (uint32_t i = 0; i < n; i++)
		if (verts[i] == y)
			return 1;
	return 0;
}

static int report(struct walk *w)
{
	uint64_t fwd[CEN__CYCLE_MAX_LEN + 1];
	for (uint32_t i = 0; i < w->depth; i++)
		fwd[i] = w->edges[w->depth - 1 - i];
	return w->q->fn(w->q->ctx, fwd, w->depth);
}

/* earlier -> later hop: the later carries at least 1 / (1 + hop_ratio) of
 * the earlier and at most (1 + hop_increase) times it. */
static int hop_ok(const cen__cycle_query *q, int64_t earlier, int64_t later)
{
	if (q->hop_ratio <= 0)
		return 1;
	double a = (double)earlier, b = (double)later;
	return !(b * (1.0 + q->hop_ratio) < a || b > a * (1.0 + q->hop_increase));
}

/* lo[m] and hi[m] for 1 <= m < n: backwards, a hop of x comes after one
 * of x / (1 + hop_increase) to x * (1 + hop_ratio) (hop_ok), so m hops
 * before it, after one of x / (1 + hop_increase)^m to
 * x * (1 + hop_ratio)^m. For hop_ratio > 0 and 1 + hop_increase > 0. */
static void reach_bounds(const cen__cycle_query *q, uint32_t n, double *lo_m, double *hi_m)
{
	double up = 1.0 + q->hop_ratio, down = 1.0 + q->hop_increase;
	double pup = 1.0, pdown = 1.0, lo = 1.0, hi = 1.0;
	for (uint32_t m = 1; m < n; m++) {
		pup *= up;
		pdown /= down;
		/* over every count of hops up to m; with slack for hop_ok's
		 * rounding, applied m times */
		lo = m == 1 || pdown < lo ? pdown : lo;
		hi = m == 1 || pup > hi ? pup : hi;
		lo_m[m] = lo * (1.0 - 1e-9);
		hi_m[m] = hi * (1.0 + 1e-9);
	}
}

/* Multipliers over 2^32 of the band's ends: lo_mul below 2^32 / shrink,
 * hi_mul above 2^32 * (1 + hop_ratio), each by more than a unit, and
 * the largest amount whose band top (times hi_mul, plus its slack) stays
 * below the large amounts' mark. Only for rules where the products fit in
 * 64 bits (1 <= shrink <= 2^16, 1 + hop_ratio <= 2^16); others keep
 * limit 0. */
void cen__cycle_query_band(cen__cycle_query *q)
{
	const double two32 = 4294967296.0;
	double up = 1.0 + q->hop_ratio, shrink = 1.0 + q->hop_increase;
	/* every length a query may have (query_start clamps to the max) */
	q->reach = 1;
	if (q->hop_ratio > 0 && shrink > 0)
		reach_bounds(q, CEN__CYCLE_MAX_LEN, q->reach_lo, q->reach_hi);
	q->band_lo_mul = q->band_hi_mul = q->band_limit = 0;
	if (!(q->hop_ratio > 0 && up <= 65536.0 && shrink >= 1.0 && shrink <= 65536.0))
		return;
	q->band_lo_mul = (uint64_t)(two32 / shrink) - 2;
	q->band_hi_mul = (uint64_t)(two32 * up) + 3; /* two32 * up is exact */
	q->band_limit = (uint64_t)((double)(CEN__ADJ_BIG - 64) * two32 / (double)q->band_hi_mul);
}

/* The newest of e[to..from) in the band: its index, else UINT32_MAX.
 * Four entries at a time where SSE2 is there: a hub's ring is scanned
 * hundreds of entries deep and nearly all are out of the band. */
static uint32_t band_scan(const cen__adj *e, uint32_t to, uint32_t from, cen__cycle_band bd)
{
#if defined(__SSE2__)
	const __m128i big = _mm_set1_epi32((int)CEN__ADJ_BIG), lo = _mm_set1_epi32((int)bd.lo);
	/* unsigned x <= span as signed compares: both biased by 2^31 */
	const __m128i bias = _mm_set1_epi32(INT32_MIN);
	const __m128i span = _mm_xor_si128(_mm_set1_epi32((int)bd.span), bias);
	while (from - to >= 4) {
		from -= 4;
		const __m128 *p = (const __m128 *)(const void *)(e + from);
		/* the cents (second word) of the four entries, oldest first */
		__m128 ab = _mm_shuffle_ps(_mm_loadu_ps((const float *)&p[0]),
					   _mm_loadu_ps((const float *)&p[1]), _MM_SHUFFLE(1, 1, 1, 1));
		__m128 cd = _mm_shuffle_ps(_mm_loadu_ps((const float *)&p[2]),
					   _mm_loadu_ps((const float *)&p[3]), _MM_SHUFFLE(1, 1, 1, 1));
		__m128i c = _mm_castps_si128(_mm_shuffle_ps(ab, cd, _MM_SHUFFLE(2, 0, 2, 0)));
		c = _mm_xor_si128(_mm_sub_epi32(_mm_and_si128(c, big), lo), bias);
		int out = _mm_movemask_ps(_mm_castsi128_ps(_mm_cmpgt_epi32(c, span)));
		if (out != 0xF) /* the newest in the band: the highest clear bit */
			return from + 31u - (uint32_t)__builtin_clz((unsigned)(~out & 0xF));
	}
#endif
	for (uint32_t k = from; k-- > to;)
		if (cen__cycle_in_band(&e[k], bd))
			return k;
	return UINT32_MAX;
}

#ifdef CYCLES_AVX2
/* band_scan eight entries at a time (AVX2), the rest (fewer than eight,
 * the oldest) by band_scan: the scans of a hub's ring, hundreds of entries
 * deep, took 3.3 instructions an entry four at a time. */
__attribute__((target("avx2"))) static uint32_t band_scan_avx2(const cen__adj *e, uint32_t to,
								uint32_t from, cen__cycle_band bd)
{
	const __m256i big = _mm256_set1_epi32((int)CEN__ADJ_BIG), lo = _mm256_set1_epi32((int)bd.lo);
	const __m256i bias = _mm256_set1_epi32(INT32_MIN);
	const __m256i span = _mm256_xor_si256(_mm256_set1_epi32((int)bd.span), bias);
	/* the shuffles leave entries 0, 2, 4, 6, 1, 3, 5, 7: back in order */
	const __m256i order = _mm256_setr_epi32(0, 4, 1, 5, 2, 6, 3, 7);
	while (from - to >= 8) {
		from -= 8;
		const float *p = (const float *)(const void *)(e + from);
		/* per 128-bit lane: the cents (second word) of entries
		 * 0, 2 (4, 6) and 1, 3 (5, 7) */
		__m256 ab = _mm256_shuffle_ps(_mm256_loadu_ps(p), _mm256_loadu_ps(p + 8),
					      _MM_SHUFFLE(1, 1, 1, 1));
		__m256 cd = _mm256_shuffle_ps(_mm256_loadu_ps(p + 16), _mm256_loadu_ps(p + 24),
					      _MM_SHUFFLE(1, 1, 1, 1));
		__m256i c = _mm256_castps_si256(_mm256_shuffle_ps(ab, cd, _MM_SHUFFLE(2, 0, 2, 0)));
		c = _mm256_permutevar8x32_epi32(c, order);
		c = _mm256_xor_si256(_mm256_sub_epi32(_mm256_and_si256(c, big), lo), bias);
		int out = _mm256_movemask_ps(_mm256_castsi256_ps(_mm256_cmpgt_epi32(c, span)));
		if (out != 0xFF) /* the newest in the band: the highest clear bit */
			return from + 31u - (uint32_t)__builtin_clz((unsigned)(~out & 0xFF));
	}
	return band_scan(e, to, from, bd);
}
#endif

/* band_scan with AVX2 when the CPU has it (nonzero avx2). */
uint32_t cen__cycle_band_scan(const cen__adj *e, uint32_t to, uint32_t from, cen__cycle_band bd,
			      int avx2)
{
#ifdef CYCLES_AVX2
	if (avx2)
		return band_scan_avx2(e, to, from, bd);
#endif
	(void)avx2;
	return band_scan(e, to, from, bd);
}

static int cpu_avx2(void)
{
#ifdef CYCLES_AVX2
	return __builtin_cpu_supports("avx2");
#else
	return 0;
#endif
}

/* The newest of r's entries stop..i-1 (0 the oldest) in the band: its
 * index, else UINT32_MAX. Entry j is slot head + j, less the capacity
 * from j = wrap on, so the range is at most two runs of slots. */
static uint32_t ring_band_scan(const cen__ring *r, uint32_t stop, uint32_t i, cen__cycle_band bd)
{
	uint32_t head = r->head, wrap = cen__ring_cap(r) - head;
	int avx2 = cpu_avx2();
	if (i > wrap) {
		uint32_t from = stop > wrap ? stop : wrap;
		uint32_t k = cen__cycle_band_scan(r->e, from - wrap, i - wrap, bd, avx2);
		if (k != UINT32_MAX)
			return k + wrap;
		if (stop >= wrap)
			return UINT32_MAX;
		i = wrap;
	}
	uint32_t k = cen__cycle_band_scan(r->e, head + stop, head + i, bd, avx2);
	return k == UINT32_MAX ? k : k - head;
}

/* The oldest of r's entries 0..n-1 at or after tmin (n if none): the
 * entries are in time order. */
static uint32_t first_since(const cen__graph *g, const cen__ring *r, uint32_t n, int64_t tmin)
{
	uint32_t lo = 0;
	/* Nearly always the oldest is in the window already (the graph keeps
	 * no more than the longest window): one entry read, not log2(n)
	 * lines of a cold ring one after another. */
	if (!n || cen__adj_ts(g, cen__ring_adj(r, 0)) >= tmin)
		return 0;
	while (lo < n) {
		uint32_t mid = lo + (n - lo) / 2;
		if (cen__adj_ts(g, cen__ring_adj(r, mid)) < tmin)
			lo = mid + 1;
		else
			n = mid;
	}
	return lo;
}

/* Fills o from v's out ring: its payments since tmin before the closing
 * edge. Known only when all of them are in the ring (a ring capped by
 * max_adj may have dropped some still in the window) and there are at
 * most ORIGIN_MAX. */
static void origin_init(const cen__graph *g, const cen__cycle_query *q, uint32_t v,
			uint64_t closing, int64_t tmin, struct origin *o)
{
	const cen__vertex *vx = &g->v[v];
	const cen__ring *r = &vx->out;
	uint32_t k = r->len, j = ORIGIN_MAX;
	o->read = 1;
	o->known = 0;
	while (k > 0 && cen__ring_at(g, r, k - 1) >= closing)
		k--;
	/* One walk, newest first, filling the arrays from their end: they
	 * hold the payments oldest first. */
	cen__ring_rev it = cen__ring_rev_from(r, k);
	for (; k > 0; k--) {
		const cen__adj *a = cen__ring_rev_next(&it);
		if (cen__adj_ts(g, a) < tmin)
			break;
		if (j == 0)
			return; /* more than ORIGIN_MAX */
		j--;
		o->seq[j] = cen__adj_seq(g, a);
		o->amount[j] = cen__adj_amount(g, a);
	}
	if (k == 0 && r->len < vx->deg_out)
		return; /* the entries the cap dropped may be in the window */
	o->first = j;
	o->amounts = q->hop_ratio > 0 && 1.0 + q->hop_increase > 0;
	if (q->reach) {
		o->lo = q->reach_lo;
		o->hi = q->reach_hi;
	} else {
		if (o->amounts)
			reach_bounds(q, q->max_len, o->own_lo, o->own_hi);
		o->lo = o->own_lo;
		o->hi = o->own_hi;
	}
	o->known = 1;
}

/* Whether a first hop of the origin's may start a path to a hop of
 * amount x with at most m (>= 1) hops before it, all before seq bound. */
static int origin_reaches(const struct origin *o, int64_t x, uint32_t m, uint64_t bound)
{
	if (!o->known)
		return 1;
	int by_amount = o->amounts && x > 0;
	double lo = by_amount ? (double)x * o->lo[m] - 1.0 : 0;
	double hi = by_amount ? (double)x * o->hi[m] + 1.0 : 0;
	for (uint32_t i = o->first; i < ORIGIN_MAX && o->seq[i] < bound; i++) {
		double a = (double)o->amount[i];
		if (!by_amount || (a >= lo && a <= hi))
			return 1;
	}
	return 0;
}

static int step(struct walk *w, uint32_t x, uint64_t bound, int64_t later);

/* The path (ending at x, whose hop carries `later`) extended backwards by
 * the ring entry f: closes a cycle at the origin or steps on. */
static int try_hop(struct walk *w, const cen__adj *f, int64_t later)
{
	const cen__graph *g = w->g;
	int64_t amount = cen__adj_amount(g, f);
	if (!hop_ok(w->q, amount, later))
		return 0;
	uint64_t s = cen__adj_seq(g, f);
	uint32_t y = f->other;
	if (y == w->start) {
		if (w->depth + 1 < w->q->min_len)
			return 0;
		w->edges[w->depth] = s;
		w->depth++;
		int rc = report(w);
		w->depth--;
		return rc;
	}
	if (w->depth + 1 >= w->q->max_len || among(w->verts, w->depth, y))
		return 0;
	if (w->prune) {
		if (!w->o.read) {
			/* Not read before the walk: only now, most searches
			 * finding no hop to take. */
			origin_init(g, w->q, w->start, w->closing, w->tmin, &w->o);
			if (!origin_reaches(&w->o, w->closing_amount, w->q->max_len - 1,
					    w->closing))
				return 3; /* no payment of v starts a cycle: none */
		}
		if (!origin_reaches(&w->o, amount, w->q->max_len - 1 - w->depth,
				    w->q->unordered ? w->closing : s)) {
			w->skipped = 1;
			return 0;
		}
	}
	if (w->depth + 2 == w->q->max_len && !cen__graph_pair_count(g, w->start, y))
		return 0;
	w->verts[w->depth] = y;
	w->edges[w->depth] = s;
	w->depth++;
	int rc = step(w, y, s, amount);
	w->depth--;
	return rc;
}

/* Budget spent: the search stops. */
static int out_of_budget(cen__cycle_query *q)
{
	q->examined++;
	q->truncated = 1;
	return 2;
}

/* At vertex x (= verts[depth-1]) whose path edge is edges[depth-1], of
 * amount `later` (the hop after the one this step looks for). Reads only
 * x's ring entries, never the edge log. Its in-edges before `bound` (the
 * closing edge unordered) are examined newest first down to the first one
 * older than the window, which ends the scan (and counts as examined);
 * those whose amounts cannot pass hop_ok are counted, not looked at. None
 * of x's in-edges is on the path (its vertices are distinct). */
static int step(struct walk *w, uint32_t x, uint64_t bound, int64_t later)
{
	const cen__graph *g = w->g;
	cen__cycle_query *q = w->q;
	const cen__ring *r = &g->v[x].in;
	uint64_t before = q->unordered ? w->closing : bound;
	uint32_t i = r->len;
	while (i && cen__ring_at(g, r, i - 1) >= before)
		i--;
	uint32_t first = first_since(g, r, i, w->tmin);
	cen__cycle_band bd = cen__cycle_band_of(q, later);
	/* The next candidate, found before the paths through this one are
	 * searched, so that its vertex line is on its way meanwhile (each
	 * step reads its vertex's line, then its ring: two misses one after
	 * the other). The next pass's range [stop', k) lies within [stop, k)
	 * (the budget only shrinks), so the newest in the band there is next
	 * when next >= stop', else there is none. */
	uint32_t next = UINT32_MAX;
	int have_next = 0;
	while (i > first) {
		/* examined <= budget here */
		uint64_t room = q->budget - q->examined;
		uint32_t stop = i - first > room ? i - (uint32_t)room : first;
		uint32_t k = !have_next ? ring_band_scan(r, stop, i, bd)
			   : next != UINT32_MAX && next >= stop ? next : UINT32_MAX;
		if (k == UINT32_MAX) {
			q->examined += i - stop;
			if (stop > first)
				return out_of_budget(q);
			break;
		}
		q->examined += i - k;
		i = k;
		next = i > stop ? ring_band_scan(r, stop, i, bd) : UINT32_MAX;
		have_next = 1;
		if (next != UINT32_MAX)
			cen__prefetch(&g->v[cen__ring_adj(r, next)->other]);
		int rc = try_hop(w, cen__ring_adj(r, k), later);
		if (rc)
			return rc;
	}
	if (first && q->examined >= q->budget)
		return out_of_budget(q);
	q->examined += first > 0;
	return 0;
}

/* Resets q's counters and clamps its lengths; whether a search from the
 * edge at seq can find anything (a live edge, lengths that allow one). */
static int query_start(const cen__graph *g, uint64_t seq, cen__cycle_query *q)
{
	q->examined = 0;
	q->truncated = 0;
	if (q->max_len > CEN__CYCLE_MAX_LEN)
		q->max_len = CEN__CYCLE_MAX_LEN;
	if (q->min_len < 2)
		q->min_len = 2;
	return cen__graph_live(g, seq) && q->min_len <= q->max_len;
}

int cen__graph_cycles(const cen__graph *g, uint64_t closing, cen__cycle_query *q)
{
	if (!query_start(g, closing, q))
		return 0;
	const cen__edge *c = cen__graph_edge(g, closing);
	if (c->src == c->dst || !g->v[c->dst].out.len)
		return 0;
	int64_t tmin = cen__edge_ts(g, c) - q->window, amount = cen__edge_amount(g, c);
	if (cen__cycle_few_in(g, &g->v[c->src].in, closing, tmin, amount, q, &q->examined))
		return 0;
	struct walk w;
	w.g = g;
	w.q = q;
	w.start = c->dst;
	w.tmin = tmin;
	/* verts[] holds the path's vertices other than the origin (the origin
	 * is tested separately), starting with u. */
	w.verts[0] = c->src;
	w.edges[0] = closing;
	w.depth = 1;
	w.closing = closing;
	w.closing_amount = amount;
	w.prune = q->prune;
	w.skipped = 0;
	w.o.read = 0;
	uint32_t ulen = g->v[c->src].in.len;
	if (w.prune && ulen > ORIGIN_MAX && ulen < q->budget) {
		/* No payment of v can start a cycle through the closing edge:
		 * there is none, and the scan of u's ring, which cannot spend
		 * the budget, would end with nothing found (a first hop back
		 * to v is such a payment; any other, ruled on, ends it). Told
		 * before the scan when u's ring is longer than the most of
		 * v's payments read (a hub's: the scan costs more; on shorter
		 * rings, most searches never read them). */
		origin_init(g, q, w.start, closing, tmin, &w.o);
		if (!origin_reaches(&w.o, amount, q->max_len - 1, closing))
			return 0;
	}
	int rc = step(&w, c->src, closing, amount);
	if (rc == 1 && w.skipped) {
		/* The hops ruled out cost no budget, so the search may have got
		 * further than a full one: found only if a full one finds it. */
		q->examined = 0;
		q->truncated = 0;
		w.prune = 0;
		rc = step(&w, c->src, closing, amount);
	}
	return rc >= 2 ? 0 : rc;
}

/* --- open chains --------------------------------------------------------- */

struct chain {
	const cen__graph *g;
	cen__cycle_query *q;
	int64_t tmin;
	uint64_t newest;
	uint32_t start;        /* v: where the forward paths begin */
	int64_t start_amount;  /* the newest edge's amount */
	uint32_t verts[2 * CEN__CYCLE_MAX_LEN + 2]; /* every vertex on the path */
	uint32_t nverts;
	uint64_t back[CEN__CYCLE_MAX_LEN]; /* back[0] = newest, back[i] the hop before back[i-1] */
	uint32_t nback;
	uint64_t fwd[CEN__CYCLE_MAX_LEN];  /* the hops after the newest edge */
	uint32_t nfwd;
	uint64_t best[CEN__CYCLE_MAX_LEN]; /* path order */
	uint32_t nbest;
};

/* Keeps the current path if it is the longest yet; 1 when it has
 * max_len hops (nothing longer can be found). */
static int chain_keep(struct chain *ch)
{
	uint32_t n = ch->nback + ch->nfwd;
	if (n > ch->nbest) {
		for (uint32_t i = 0; i < ch->nback; i++)
			ch->best[i] = ch->back[ch->nback - 1 - i];
		for (uint32_t i = 0; i < ch->nfwd; i++)
			ch->best[ch->nback + i] = ch->fwd[i];
		ch->nbest = n;
	}
	return n >= ch->q->max_len;
}

/* A scan of one ring for the hops that may extend a chain, newest first:
 * entries with a seq below `before`, down to the first older than the
 * window; a hop that repeats the last one tried (same account, same
 * amount) leads nowhere new. */
struct hop_scan {
	const cen__ring *r;
	uint32_t i;            /* entries i-1, i-2, ... are left */
	uint64_t before;
	int64_t other_amount;  /* the path hop the candidate joins */
	int forward;           /* the candidate comes after that hop */
	uint32_t last_other;
	int64_t last_amount;
};

static struct hop_scan scan_of(const cen__ring *r, uint64_t before, int64_t other_amount,
			       int forward)
{
	struct hop_scan sc = {r, r->len, before, other_amount, forward, UINT32_MAX, -1};
	return sc;
}

/* The next hop of sc that passes hop_ok and is off the path: 1 with its
 * seq, counterparty and amount; 0 when the scan is over; -1 when the
 * budget is spent (the search stops). */
static int next_hop(struct chain *ch, struct hop_scan *sc, uint64_t *seq, uint32_t *other,
		    int64_t *amount)
{
	const cen__graph *g = ch->g;
	while (sc->i > 0) {
		const cen__adj *f = cen__ring_adj(sc->r, --sc->i);
		uint64_t s = cen__adj_seq(g, f);
		if (s >= sc->before)
			continue;
		if (++ch->q->examined > ch->q->budget) {
			ch->q->truncated = 1;
			return -1;
		}
		if (cen__adj_ts(g, f) < ch->tmin)
			return 0;
		int64_t a = cen__adj_amount(g, f);
		uint32_t z = f->other;
		if (z == sc->last_other && a == sc->last_amount)
			continue;
		int ok = sc->forward ? hop_ok(ch->q, sc->other_amount, a)
				     : hop_ok(ch->q, a, sc->other_amount);
		if (!ok || among(ch->verts, ch->nverts, z))
			continue;
		sc->last_other = z;
		sc->last_amount = a;
		*seq = s;
		*other = z;
		*amount = a;
		return 1;
	}
	return 0;
}

/* Extends the path forwards from y, whose path hop (the one ending at y)
 * has amount `earlier`. Returns 1 to stop (longest possible found or
 * budget spent), else 0. */
static int chain_fwd(struct chain *ch, uint32_t y, int64_t earlier)
{
	struct hop_scan sc = scan_of(&ch->g->v[y].out, ch->newest, earlier, 1);
	uint64_t s;
	uint32_t z;
	int64_t amount;
	int more;
	while ((more = next_hop(ch, &sc, &s, &z, &amount)) > 0) {
		ch->fwd[ch->nfwd++] = s;
		ch->verts[ch->nverts++] = z;
		int rc = chain_keep(ch);
		if (!rc && ch->nback + ch->nfwd < ch->q->max_len)
			rc = chain_fwd(ch, z, amount);
		ch->nverts--;
		ch->nfwd--;
		if (rc)
			return rc;
	}
	return more < 0;
}

/* Extends the path backwards from x, whose path hop (the one leaving x)
 * has seq `bound` and amount `later`; every backward path is tried with
 * the forward paths from v. Newest first: in time order the entry tried
 * first also leaves the most room before it. Returns 1 to stop, else 0. */
static int chain_back(struct chain *ch, uint32_t x, uint64_t bound, int64_t later)
{
	struct hop_scan sc =
		scan_of(&ch->g->v[x].in, ch->q->unordered ? ch->newest : bound, later, 0);
	uint64_t s;
	uint32_t y;
	int64_t amount;
	int more;
	while ((more = next_hop(ch, &sc, &s, &y, &amount)) > 0) {
		ch->back[ch->nback++] = s;
		ch->verts[ch->nverts++] = y;
		int rc = chain_keep(ch);
		if (!rc && ch->q->unordered && ch->nback < ch->q->max_len)
			rc = chain_fwd(ch, ch->start, ch->start_amount);
		if (!rc && ch->nback < ch->q->max_len)
			rc = chain_back(ch, y, s, amount);
		ch->nverts--;
		ch->nback--;
		if (rc)
			return rc;
	}
	return more < 0;
}

int cen__graph_chains(const cen__graph *g, uint64_t newest, cen__cycle_query *q)
{
	if (!query_start(g, newest, q))
		return 0;
	const cen__edge *c = cen__graph_edge(g, newest);
	if (c->src == c->dst)
		return 0;
	struct chain ch;
	ch.g = g;
	ch.q = q;
	ch.tmin = cen__edge_ts(g, c) - q->window;
	ch.newest = newest;
	ch.start = c->dst;
	ch.start_amount = cen__edge_amount(g, c);
	ch.verts[0] = c->src;
	ch.verts[1] = c->dst;
	ch.nverts = 2;
	ch.back[0] = newest;
	ch.nback = 1;
	ch.nfwd = 0;
	ch.nbest = 0;
	int stop = 0;
	if (q->unordered)
		stop = chain_fwd(&ch, c->dst, ch.start_amount);
	if (!stop)
		chain_back(&ch, c->src, newest, ch.start_amount);
	if (ch.nbest < q->min_len)
		return 0;
	return q->fn(q->ctx, ch.best, ch.nbest);
}
