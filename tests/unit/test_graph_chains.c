/* test_graph_chains.c - open chains (cen__graph_chains, cycles.h) and the
 * cycle detector's open_min_hops: money moved on through several accounts
 * that has not come back, the shape of an AMLSim cycle some of whose hops
 * were never made; and the budget of the cycle search (cen__graph_cycles),
 * which counts every ring entry examined, those whose amounts rule them out
 * included; and the search's ruling out by the origin (prune, cycles.h): a
 * path that no payment of the origin can start, none early enough or of an
 * amount the hops left could turn into the path's, is not searched. A
 * search with prune finds exactly what the full one finds (random graphs,
 * every edge closing, budgets small enough to cut searches short),
 * examines less where it rules paths out, and disowns a cycle the full
 * search's budget would not have reached; and cen__graph_cycles_none
 * tells only searches that find nothing; and the integer amount band
 * (cen__cycle_query_band) leaves out no amount the hop test passes; and
 * the band scan finds the same entry with AVX2 and without. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "centinela/rules.h"
#include "detect_harness.h"
#include "graph/cycles.h"
#include "graph/graph.h"

static uint32_t vx(cen__graph *g, const char *name)
{
	uint32_t id;
	int is_new;
	assert_int_equal(cen__graph_vertex(g, name, strlen(name), &id, &is_new), 0);
	return id;
}

static uint64_t add(cen__graph *g, const char *a, const char *b, int64_t ts, int64_t cents)
{
	cen_txn t;
	memset(&t, 0, sizeof t);
	static uint64_t row;
	t.row = ++row;
	uint64_t seq;
	assert_int_equal(cen__graph_add(g, &t, vx(g, a), vx(g, b), ts, cents, &seq), 0);
	return seq;
}

struct got {
	size_t calls, n;
	uint64_t edges[CEN__CYCLE_MAX_LEN];
};

static int keep(void *ctx, const uint64_t *edges, size_t n)
{
	struct got *r = ctx;
	r->calls++;
	r->n = n;
	memcpy(r->edges, edges, n * sizeof *edges);
	return 0;
}

static cen__cycle_query query(struct got *r, uint32_t min_len, int unordered)
{
	memset(r, 0, sizeof *r);
	cen__cycle_query q = {.min_len = min_len, .max_len = 8, .window = 100, .budget = 1000,
			      .hop_ratio = 0.000001, .hop_increase = 0.000001,
			      .unordered = unordered, .fn = keep, .ctx = r};
	return q;
}

/* The cycle search counts each in-edge it examines newest first, down to
 * the first one older than the window; it stops, truncated, past the
 * budget, even where the amounts (one the log holds) rule the entries out.
 * U's in-edges newest first: H (too large), N9..N0 (too small), X -> U, the
 * old one; the cycle V -> X -> U -> V needs the 13th entry examined. */
static void test_cycle_budget(void **state)
{
	(void)state;
	cen__graph g;
	assert_int_equal(cen__graph_init(&g, 0), 0);
	add(&g, "old", "U", 1, 1000);
	add(&g, "V", "X", 10, 1000);
	add(&g, "X", "U", 11, 1000);
	for (int i = 0; i < 10; i++) {
		char name[8];
		snprintf(name, sizeof name, "N%d", i);
		add(&g, name, "U", 12 + i, 5);
	}
	add(&g, "H", "U", 22, 3000000000);
	uint64_t uv = add(&g, "U", "V", 30, 1000);
	static const struct {
		uint64_t budget, examined;
		size_t calls;
		int truncated;
	} want[] = {{12, 13, 0, 1}, {13, 14, 1, 1}, {14, 14, 1, 0}, {1000, 14, 1, 0}};
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
		struct got r;
		cen__cycle_query q = query(&r, 2, 0);
		q.window = 25;
		q.hop_ratio = 0.25;
		q.hop_increase = 0.05;
		q.budget = want[i].budget;
		assert_int_equal(cen__graph_cycles(&g, uv, &q), 0);
		assert_int_equal(r.calls, want[i].calls);
		assert_int_equal(q.examined, want[i].examined);
		assert_int_equal(q.truncated, want[i].truncated);
	}
	cen__graph_release(&g);
}

/* However many in-edges U has (a few are looked at before the search is
 * set up, many are scanned four at a time), whether one is older than the
 * window, and wherever among them the one hop that can go on to V lies,
 * the cycle is found and the same entries are counted as examined: every
 * in-edge of U in the window, the old one beyond it, and X's in-edge;
 * without that hop, nothing is found, and the budget still cuts the count
 * short. */
static void test_cycle_first_hop(void **state)
{
	(void)state;
	for (int n = 0; n <= 13; n++)
		for (int at = -1; at <= n; at++) /* -1: no X -> U */
		for (int old = 0; old < 2; old++) {
			cen__graph g;
			assert_int_equal(cen__graph_init(&g, 0), 0);
			if (old)
				add(&g, "old", "U", 1, 1000);
			add(&g, "V", "X", 10, 1000);
			for (int i = 0; i <= n; i++) {
				char name[8];
				if (i == at)
					add(&g, "X", "U", 11 + i, 1000);
				snprintf(name, sizeof name, "N%d", i);
				if (i < n)
					add(&g, name, "U", 11 + i, i & 1 ? 5 : 3000);
			}
			uint64_t uv = add(&g, "U", "V", 30, 1000);
			struct got r;
			cen__cycle_query q = query(&r, 2, 0);
			q.window = 25;
			q.hop_ratio = 0.25;
			q.hop_increase = 0.05;
			assert_int_equal(cen__graph_cycles(&g, uv, &q), 0);
			assert_int_equal(r.calls, at >= 0);
			assert_int_equal(q.examined, (uint64_t)(n + old + (at >= 0 ? 2 : 0)));
			assert_int_equal(q.truncated, 0);
			if (at >= 0)
				assert_int_equal(r.n, 3);
			q = query(&r, 2, 0);
			q.window = 25;
			q.hop_ratio = 0.25;
			q.hop_increase = 0.05;
			q.budget = (uint64_t)(n + (at >= 0) + old - 1);
			if (n + (at >= 0) + old > 1) {
				assert_int_equal(cen__graph_cycles(&g, uv, &q), 0);
				assert_int_equal(q.truncated, 1);
			}
			cen__graph_release(&g);
		}
}

/* In time order the chain is found from its last hop, backwards, and it is
 * the longest one; a hop of another amount is not part of it. */
static void test_chain_in_time_order(void **state)
{
	(void)state;
	cen__graph g;
	assert_int_equal(cen__graph_init(&g, 0), 0);
	uint64_t ab = add(&g, "A", "B", 1, 5000);
	add(&g, "Z", "B", 1, 7000);  /* another amount into B */
	uint64_t bc = add(&g, "B", "C", 2, 5000);
	add(&g, "C", "Y", 2, 5000);  /* in time order the newest edge ends the chain */
	uint64_t cd = add(&g, "C", "D", 3, 5000);
	struct got r;
	cen__cycle_query q = query(&r, 3, 0);
	assert_int_equal(cen__graph_chains(&g, cd, &q), 0);
	assert_int_equal(r.calls, 1);
	assert_int_equal(r.n, 3);
	assert_true(r.edges[0] == ab && r.edges[1] == bc && r.edges[2] == cd);
	/* Four hops asked for: none. */
	q = query(&r, 4, 0);
	assert_int_equal(cen__graph_chains(&g, cd, &q), 0);
	assert_int_equal(r.calls, 0);
	/* Amounts not the same: no chain. */
	q = query(&r, 3, 0);
	q.hop_ratio = 0.000001;
	uint64_t de = add(&g, "D", "E", 4, 5100);
	assert_int_equal(cen__graph_chains(&g, de, &q), 0);
	assert_int_equal(r.calls, 0);
	/* Outside the window: A->B at 1 is more than 2 before D->F at 4. */
	uint64_t df = add(&g, "D", "F", 4, 5000);
	q = query(&r, 4, 0);
	assert_int_equal(cen__graph_chains(&g, df, &q), 0);
	assert_int_equal(r.calls, 1);
	assert_int_equal(r.n, 4);
	q = query(&r, 4, 0);
	q.window = 2;
	assert_int_equal(cen__graph_chains(&g, df, &q), 0);
	assert_int_equal(r.calls, 0);
	cen__graph_release(&g);
}

/* Hops made in any order: the chain through the newest edge is extended
 * both ways, only when unordered. This is what cen__graph_cycles cannot
 * see: the ring P->Q->R->S->T->P misses its hop T->P. */
static void test_chain_any_order(void **state)
{
	(void)state;
	cen__graph g;
	assert_int_equal(cen__graph_init(&g, 0), 0);
	uint64_t rs = add(&g, "R", "S", 1, 1093);
	add(&g, "R", "S", 1, 1093); /* the same hop repeated */
	uint64_t st = add(&g, "S", "T", 2, 1093);
	uint64_t pq = add(&g, "P", "Q", 3, 1093);
	uint64_t qr = add(&g, "Q", "R", 4, 1093); /* newest, in the middle */
	struct got r;
	cen__cycle_query q = query(&r, 2, 0);
	/* In time order Q->R can only end a chain: P->Q->R, 2 hops. */
	assert_int_equal(cen__graph_chains(&g, qr, &q), 0);
	assert_int_equal(r.calls, 1);
	assert_int_equal(r.n, 2);
	q = query(&r, 3, 0);
	assert_int_equal(cen__graph_chains(&g, qr, &q), 0);
	assert_int_equal(r.calls, 0);
	q = query(&r, 3, 1);
	assert_int_equal(cen__graph_chains(&g, qr, &q), 0);
	assert_int_equal(r.calls, 1);
	assert_int_equal(r.n, 4);
	assert_true(r.edges[0] == pq && r.edges[1] == qr && r.edges[2] == rs + 1 &&
		    r.edges[3] == st);
	/* No cycle closes here. */
	cen__cycle_query cq = query(&r, 2, 1);
	assert_int_equal(cen__graph_cycles(&g, qr, &cq), 0);
	assert_int_equal(r.calls, 0);
	/* The budget bounds the search: one entry examined finds only
	 * Q->R->S, and says it was cut short. */
	q = query(&r, 2, 1);
	q.budget = 1;
	assert_int_equal(cen__graph_chains(&g, qr, &q), 0);
	assert_true(q.truncated);
	assert_int_equal(r.n, 2);
	cen__graph_release(&g);
}

/* A path back to its first account is a cycle, not a chain; a vertex is
 * never on a chain twice. */
static void test_chain_not_a_cycle(void **state)
{
	(void)state;
	cen__graph g;
	assert_int_equal(cen__graph_init(&g, 0), 0);
	add(&g, "A", "B", 1, 300);
	add(&g, "C", "A", 2, 300);
	uint64_t bc = add(&g, "B", "C", 3, 300); /* closes A->B->C->A */
	struct got r;
	cen__cycle_query q = query(&r, 3, 1);
	assert_int_equal(cen__graph_chains(&g, bc, &q), 0);
	assert_int_equal(r.calls, 0);
	q = query(&r, 2, 1);
	assert_int_equal(cen__graph_chains(&g, bc, &q), 0);
	assert_int_equal(r.calls, 1);
	assert_int_equal(r.n, 2);
	cen__graph_release(&g);
}

static cen_monitor *monitor_with(harness *h, cen_rules **rules, const char *text)
{
	assert_int_equal(cen_rules_parse(text, strlen(text), "t.toml", rules, NULL, 0, NULL), 0);
	return harness_new_rules(h, *rules);
}

/* The detector: a five-account ring of one amount missing one hop, its
 * hops at random times. Off by default; with open_min_hops = 3 one alert
 * of four hops, marked open; a closed ring stays a cycle alert, and the
 * ring closing later over the chain's accounts is alerted as a cycle. */
static void test_detector_open_chain(void **state)
{
	(void)state;
	const int64_t D = 86400;
	static const char *const hops[][2] = {
		{"M3", "M4"}, {"M1", "M2"}, {"M4", "M5"}, {"M2", "M3"},
	};
	const char *base = "[cycle]\nwindow = 12960000\ntemporal = false\n"
			   "hop_ratio = 0.000001\nhop_increase = 0.000001\n";
	char text[512];
	for (int on = 0; on < 2; on++) {
		snprintf(text, sizeof text, "%s%s", base, on ? "open_min_hops = 3\n" : "");
		cen_rules *rules = NULL;
		harness h;
		cen_monitor *m = monitor_with(&h, &rules, text);
		for (int i = 0; i < 4; i++)
			harness_push(m, (10 + 7 * i) * D, hops[i][0], hops[i][1], 12.27, NULL);
		/* Two hops of other amounts: no chain. */
		harness_push(m, 50 * D, "N1", "N2", 100.10, NULL);
		harness_push(m, 51 * D, "N2", "N3", 100.20, NULL);
		/* A whole ring, out of order: a cycle, not an open chain. */
		harness_push(m, 60 * D, "R2", "R3", 40.00, NULL);
		harness_push(m, 61 * D, "R1", "R2", 40.00, NULL);
		harness_push(m, 62 * D, "R3", "R1", 40.00, NULL);
		/* The M ring's last hop. */
		harness_push(m, 70 * D, "M5", "M1", 12.27, NULL);
		assert_int_equal(cen_monitor_finish(m), 0);
		assert_int_equal(harness_count(&h, "cycle"), on ? 3 : 2);
		if (on) {
			const char *j = harness_find(&h, "cycle");
			assert_non_null(strstr(j, "\"open\":true,\"hops\":4"));
			assert_non_null(strstr(j, "\"accounts\":[\"M1\",\"M2\",\"M3\",\"M4\",\"M5\"]"));
			assert_non_null(strstr(j, "without coming back to M1"));
		}
		int closed = 0;
		for (size_t i = 0; i < h.n; i++)
			closed += strstr(h.json[i], "\"open\":true") == NULL;
		assert_int_equal(closed, 2);
		harness_free(&h, m);
		cen_rules_free(rules);
	}
	/* Default rules: the same ring of one amount, no alert at all. */
	harness h;
	cen_monitor *dm = harness_new(&h);
	for (int i = 0; i < 4; i++)
		harness_push(dm, (10 + 7 * i) * D, hops[i][0], hops[i][1], 5000, NULL);
	assert_int_equal(cen_monitor_finish(dm), 0);
	assert_int_equal(harness_count(&h, "cycle"), 0);
	harness_free(&h, dm);
	/* open_min_hops must be 0 or 2..max_length. */
	cen_rules *rules = NULL;
	const char *bad = "[cycle]\nmax_length = 4\nopen_min_hops = 5\n";
	assert_int_equal(cen_rules_parse(bad, strlen(bad), "t.toml", &rules, NULL, 0, NULL), 0);
	cen_monitor_config cfg;
	memset(&cfg, 0, sizeof cfg);
	cfg.rules = rules;
	cen_monitor *m = NULL;
	char err[256];
	assert_int_not_equal(cen_monitor_new(&cfg, &m, err, sizeof err), 0);
	assert_null(m);
	cen_rules_free(rules);
}

/* What a search reported: the calls of fn and the cycle it took. */
struct took {
	size_t calls, n;
	uint64_t edges[CEN__CYCLE_MAX_LEN];
	uint32_t reject; /* fn turns down cycles whose first seq has these low bits */
};

/* Stops at the first cycle whose first edge's seq is not turned down, as
 * the cycle detector's accept() stops at the first it takes. */
static int take(void *ctx, const uint64_t *edges, size_t n)
{
	struct took *t = ctx;
	t->calls++;
	if (t->reject && (edges[0] & 3) == t->reject)
		return 0;
	t->n = n;
	memcpy(t->edges, edges, n * sizeof *edges);
	return 1;
}

static cen__cycle_query query_prune(struct took *t, int prune, uint64_t budget, double ratio,
			      double increase, int unordered)
{
	uint32_t reject = t->reject;
	memset(t, 0, sizeof *t);
	t->reject = reject;
	cen__cycle_query q = {.min_len = 2, .max_len = 6, .window = 400, .budget = budget,
			      .hop_ratio = ratio, .hop_increase = increase,
			      .unordered = unordered, .prune = prune, .fn = take, .ctx = t};
	return q;
}

/* The full search and the pruned one both find the n-hop cycle closed by
 * edge close, the same edges. */
static void both_find_same(cen__graph *g, uint64_t close, uint64_t budget, double ratio,
			   double increase, size_t n)
{
	struct took full = {0}, cut = {0};
	cen__cycle_query qf = query_prune(&full, 0, budget, ratio, increase, 0);
	cen__cycle_query qp = query_prune(&cut, 1, budget, ratio, increase, 0);
	assert_int_equal(cen__graph_cycles(g, close, &qf), 1);
	assert_int_equal(cen__graph_cycles(g, close, &qp), 1);
	assert_int_equal(full.n, n);
	assert_int_equal(cut.n, n);
	assert_memory_equal(cut.edges, full.edges, n * sizeof full.edges[0]);
}

static uint64_t rnd(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

/* Random graphs of a few accounts (so cycles are common) or of more (so
 * most payers have few payments in, told without a search), amounts from a
 * few sizes (so hop tests pass and fail), every edge tried as the closing
 * one under several budgets, amount rules and time orders: a search that
 * rules paths out returns what the full one returns, takes the same cycle
 * and is cut short whenever the full one is and no cycle was found
 * first; and one with the band and the origin's bounds worked out once
 * (cen__cycle_query_band) searches exactly as the one without. */
static void test_same_as_full(void **state)
{
	(void)state;
	uint64_t s = 88172645463325252ull;
	size_t found = 0, pruned_less = 0, nones = 0;
	for (int round = 0; round < 40; round++) {
		cen__graph g;
		assert_int_equal(cen__graph_init(&g, 0), 0);
		int nacc = round % 2 ? 5 + (int)(rnd(&s) % 8) : 40 + (int)(rnd(&s) % 40);
		uint64_t seqs[300];
		int nedges = 150 + (int)(rnd(&s) % 150);
		for (int i = 0; i < nedges; i++) {
			char a[8], b[8];
			int x = (int)(rnd(&s) % (uint64_t)nacc), y = (int)(rnd(&s) % (uint64_t)nacc);
			snprintf(a, sizeof a, "a%d", x);
			snprintf(b, sizeof b, "a%d", y);
			static const int64_t sizes[] = {1000, 1100, 1300, 2000, 5000, 900};
			int64_t cents = sizes[rnd(&s) % 6] + (int64_t)(rnd(&s) % 3);
			seqs[i] = add(&g, a, b, i * 3, cents);
		}
		for (int i = 0; i < nedges; i++) {
			static const uint64_t budgets[] = {3, 10, 40, 200, 100000};
			static const double ratios[] = {0, 0.25, 0.05};
			uint64_t budget = budgets[rnd(&s) % 5];
			double ratio = ratios[rnd(&s) % 3];
			int unordered = rnd(&s) % 4 == 0;
			struct took full = {.reject = (uint32_t)(rnd(&s) % 4)}, cut = full;
			cen__cycle_query qf = query_prune(&full, 0, budget, ratio, ratio / 5, unordered);
			cen__cycle_query qp = query_prune(&cut, 1, budget, ratio, ratio / 5, unordered);
			/* qp with the band and the origin's bounds worked out
			 * once (cen__cycle_query_band): the same search */
			struct took band = cut;
			cen__cycle_query qb = qp;
			qb.ctx = &band;
			cen__cycle_query_band(&qb);
			const cen__edge *ce = cen__graph_edge(&g, seqs[i]);
			int none = cen__graph_cycles_none(&g, &g.v[ce->src], seqs[i], cen__edge_ts(&g, ce),
						  cen__edge_amount(&g, ce), &qf);
			int rf = cen__graph_cycles(&g, seqs[i], &qf);
			int rp = cen__graph_cycles(&g, seqs[i], &qp);
			int rb = cen__graph_cycles(&g, seqs[i], &qb);
			assert_int_equal(rp, rf);
			assert_int_equal(rb, rp);
			assert_int_equal(qb.examined, qp.examined);
			assert_int_equal(qb.truncated, qp.truncated);
			assert_int_equal(band.calls, cut.calls);
			if (rb == 1)
				assert_memory_equal(band.edges, cut.edges, cut.n * sizeof cut.edges[0]);
			/* told without a search: the full one finds nothing */
			if (none) {
				assert_int_equal(rf, 0);
				assert_false(qf.truncated);
				assert_int_equal(full.calls, 0);
				nones++;
			}
			if (rf == 1) {
				found++;
				assert_int_equal(cut.n, full.n);
				assert_memory_equal(cut.edges, full.edges, full.n * sizeof full.edges[0]);
			}
			/* cut short with nothing found: so is the full search */
			if (qp.truncated && rf != 1)
				assert_true(qf.truncated);
			assert_true(qp.examined <= qf.examined);
			pruned_less += qp.examined < qf.examined;
		}
		cen__graph_release(&g);
	}
	/* the cases are not vacuous: cycles found, paths ruled out */
	assert_true(found > 100);
	assert_true(pruned_less > 100);
	assert_true(nones > 100);
}

/* The integer amount band (cen__cycle_query_band) holds every amount the
 * hop test passes: 2-cycles A -> B -> A whose first hop is each amount
 * around both of the hop test's bounds, for closing amounts from a cent
 * to the largest the band takes and one past it, under several rules, the
 * payer B with few payments in (told in one pass) and with many (the
 * search's ring scan). A query with the band finds exactly what one
 * without it does, and tells "none" only where that does. */
static void test_integer_band(void **state)
{
	(void)state;
	static const double rules[][2] = {{0.25, 0.05}, {0.01, 0}, {1.0, 0.5}, {3.0, 2.0}};
	size_t found = 0, missed = 0;
	for (size_t ri = 0; ri < sizeof rules / sizeof rules[0]; ri++) {
		struct took bt = {0};
		cen__cycle_query qb = query_prune(&bt, 1, 100000, rules[ri][0], rules[ri][1], 0);
		cen__cycle_query_band(&qb);
		assert_true(qb.band_limit > 1000000);
		double up = 1.0 + rules[ri][0], shrink = 1.0 + rules[ri][1];
		const int64_t closing[] = {1, 2, 3, 7, 100, 1000, 1050, 99999, 12345678,
					   (int64_t)qb.band_limit, (int64_t)qb.band_limit + 1};
		for (size_t bi = 0; bi < sizeof closing / sizeof closing[0]; bi++) {
			for (int decoys = 0; decoys <= 9; decoys += 9) {
				int64_t b = closing[bi];
				int64_t ends[2] = {(int64_t)((double)b / shrink),
						   (int64_t)((double)b * up)};
				cen__graph g;
				assert_int_equal(cen__graph_init(&g, 0), 0);
				uint64_t close[2][13];
				for (int e = 0; e < 2; e++)
					for (int k = 0; k < 13; k++) {
						char x[16], y[16];
						snprintf(x, sizeof x, "a%d.%d", e, k);
						snprintf(y, sizeof y, "b%d.%d", e, k);
						int64_t a = ends[e] + k - 6;
						add(&g, x, y, 10, a > 0 ? a : 1);
						for (int j = 0; j < decoys; j++) {
							char z[16];
							snprintf(z, sizeof z, "d%d.%d.%d", e, k, j);
							add(&g, z, y, 20 + j, 1);
						}
					}
				for (int e = 0; e < 2; e++)
					for (int k = 0; k < 13; k++) {
						char x[16], y[16];
						snprintf(x, sizeof x, "a%d.%d", e, k);
						snprintf(y, sizeof y, "b%d.%d", e, k);
						close[e][k] = add(&g, y, x, 100, b);
					}
				for (int e = 0; e < 2; e++)
					for (int k = 0; k < 13; k++) {
						uint64_t c = close[e][k];
						const cen__edge *ce = cen__graph_edge(&g, c);
						struct took dt = {0};
						cen__cycle_query qd = query_prune(&dt, 1, 100000, rules[ri][0],
										  rules[ri][1], 0);
						cen__cycle_query qi = qb;
						memset(&bt, 0, sizeof bt);
						int none_d = cen__graph_cycles_none(
							&g, &g.v[ce->src], c, cen__edge_ts(&g, ce),
							cen__edge_amount(&g, ce), &qd);
						int none_i = cen__graph_cycles_none(
							&g, &g.v[ce->src], c, cen__edge_ts(&g, ce),
							cen__edge_amount(&g, ce), &qi);
						int rd = cen__graph_cycles(&g, c, &qd);
						int rb = cen__graph_cycles(&g, c, &qi);
						assert_int_equal(rb, rd);
						/* looser by a few cents: "none" less often */
						if (none_i)
							assert_true(none_d);
						/* examined may differ only there: with
						 * prune, a search no payment of a can start
						 * counts nothing, one told "none" counts */
						if (none_i == none_d)
							assert_int_equal(qi.examined, qd.examined);
						assert_int_equal(qi.truncated, qd.truncated);
						if (none_i)
							assert_int_equal(rd, 0);
						found += rd == 1;
						missed += rd == 0;
					}
				cen__graph_release(&g);
			}
		}
	}
	/* both sides of both bounds were tried */
	assert_true(found > 100);
	assert_true(missed > 100);
}

/* The origin V paid out once, long before, an amount no path to U's
 * payment can come from: U, paid through more chains than the origin's
 * payments kept (ORIGIN_MAX), is not even scanned (told before the walk,
 * nothing examined), though U's payers form long paths. When V can start
 * a cycle, it is found as by the full search. */
static void test_origin_rules_out(void **state)
{
	(void)state;
	cen__graph g;
	assert_int_equal(cen__graph_init(&g, 0), 0);
	add(&g, "V", "Z", 0, 100);        /* V's only payment: $1 */
	for (int i = 0; i < 70; i++) {    /* chains into U of about $100 */
		char a[8], b[8];
		snprintf(a, sizeof a, "p%d", i);
		snprintf(b, sizeof b, "q%d", i);
		add(&g, a, b, 10 + i, 10000);
		add(&g, b, "U", 100 + i, 10000);
	}
	uint64_t close = add(&g, "U", "V", 200, 10000);
	struct took full = {0}, cut = {0};
	cen__cycle_query qf = query_prune(&full, 0, 100000, 0.25, 0.05, 0);
	cen__cycle_query qp = query_prune(&cut, 1, 100000, 0.25, 0.05, 0);
	assert_int_equal(cen__graph_cycles(&g, close, &qf), 0);
	assert_int_equal(cen__graph_cycles(&g, close, &qp), 0);
	assert_true(qf.examined > 70);
	assert_int_equal(qp.examined, 0);
	/* V pays $100 too, but after every path's first hop: still none */
	add(&g, "V", "W", 199, 10000);
	close = add(&g, "U", "V", 201, 10000);
	qp = query_prune(&cut, 1, 100000, 0.25, 0.05, 0);
	assert_int_equal(cen__graph_cycles(&g, close, &qp), 0);
	/* V pays q3 $100, q3 pays U again: V -> q3 -> U -> V */
	add(&g, "V", "q3", 202, 10000);
	add(&g, "q3", "U", 203, 10000);
	close = add(&g, "U", "V", 204, 10000);
	both_find_same(&g, close, 100000, 0.25, 0.05, 3);
	cen__graph_release(&g);
}

/* The hop ruled out first hides a subtree that exhausts the full
 * search's budget before the cycle through the next hop: the search that
 * skipped it finds that cycle, and disowns it (returns 0, cut short) as
 * the full one never reaches it. With room for both, both find it. */
static void test_disowned_past_budget(void **state)
{
	(void)state;
	cen__graph g;
	assert_int_equal(cen__graph_init(&g, 0), 0);
	add(&g, "V", "C", 10, 10000);     /* the cycle V -> C -> U -> V */
	add(&g, "C", "U", 20, 10000);
	for (int i = 0; i < 30; i++) {    /* B's many payers, of $200 */
		char a[8];
		snprintf(a, sizeof a, "p%d", i);
		add(&g, a, "B", 30 + i, 20000);
	}
	/* newest hop into U: $200, which no payment of V's ($100) can become
	 * over 4 hops that grow it by 1% at most */
	add(&g, "B", "U", 80, 20000);
	uint64_t close = add(&g, "U", "V", 90, 10000);
	struct took full = {0}, cut = {0};
	cen__cycle_query qf = query_prune(&full, 0, 20, 1.0, 0.01, 0);
	cen__cycle_query qp = query_prune(&cut, 1, 20, 1.0, 0.01, 0);
	assert_int_equal(cen__graph_cycles(&g, close, &qf), 0);
	assert_true(qf.truncated);
	assert_int_equal(cen__graph_cycles(&g, close, &qp), 0);
	assert_true(qp.truncated);
	assert_true(cut.calls >= 1); /* it was found, then disowned */
	both_find_same(&g, close, 1000, 1.0, 0.01, 3);
	cen__graph_release(&g);
}

/* The band scan, with AVX2 (when the CPU has it) and without, finds the
 * newest entry in the band an entry-by-entry scan finds: every range of
 * random blocks, narrow and wide bands, bands that wrap below 0, amounts
 * the log holds (CEN__ADJ_BIG) and card payments among them. */
static void test_band_scan_same(void **state)
{
	(void)state;
	enum { N = 70 };
	cen__adj e[N];
	uint64_t x = 88172645463325252ull;
	int avx2 = 0;
#if defined(__x86_64__) && defined(__GNUC__)
	avx2 = __builtin_cpu_supports("avx2");
#endif
	for (int round = 0; round < 60; round++) {
		for (uint32_t i = 0; i < N; i++) {
			x ^= x << 13;
			x ^= x >> 7;
			x ^= x << 17;
			uint32_t c = x % 31 == 0 ? CEN__ADJ_BIG : (uint32_t)(x % 1000);
			if ((x >> 20) & 1)
				c |= CEN__ADJ_CARD;
			e[i] = (cen__adj){i, c, i, 0};
		}
		cen__cycle_band bd = {(uint32_t)(x >> 32) % 1000,
				      (uint32_t)(x >> 40) % (round % 2 ? 40u : 400u)};
		if (round % 5 == 0)
			bd.lo = UINT32_MAX - 2; /* below 0: cents 0.. pass */
		if (round % 7 == 0)
			bd = (cen__cycle_band){0, CEN__ADJ_BIG}; /* every amount */
		for (uint32_t to = 0; to <= N; to++)
			for (uint32_t from = to; from <= N; from++) {
				uint32_t want = UINT32_MAX;
				for (uint32_t k = from; k-- > to;)
					if (cen__cycle_in_band(&e[k], bd)) {
						want = k;
						break;
					}
				assert_int_equal(cen__cycle_band_scan(e, to, from, bd, 0), want);
				if (avx2)
					assert_int_equal(cen__cycle_band_scan(e, to, from, bd, 1), want);
			}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_chain_in_time_order),
		cmocka_unit_test(test_chain_any_order),
		cmocka_unit_test(test_chain_not_a_cycle),
		cmocka_unit_test(test_detector_open_chain),
		cmocka_unit_test(test_cycle_budget),
		cmocka_unit_test(test_cycle_first_hop),
		cmocka_unit_test(test_same_as_full),
		cmocka_unit_test(test_integer_band),
		cmocka_unit_test(test_origin_rules_out),
		cmocka_unit_test(test_disowned_past_budget),
		cmocka_unit_test(test_band_scan_same),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
