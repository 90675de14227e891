/* test_graph_window.c - the temporal multigraph: adjacency in time order,
 * parallel edges, counts kept exact through eviction, the adjacency cap,
 * ids kept with their chunk of the log, and temporal cycles closed by an edge. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "graph/cycles.h"
#include "graph/graph.h"

static uint32_t vx(cen__graph *g, const char *name)
{
	uint32_t id;
	int is_new;
	assert_int_equal(cen__graph_vertex(g, name, strlen(name), &id, &is_new), 0);
	return id;
}

static uint64_t add(cen__graph *g, const char *a, const char *b, int64_t ts, int64_t cents,
		    const char *id)
{
	cen_txn t;
	memset(&t, 0, sizeof t);
	static uint64_t row;
	t.row = ++row;
	t.id.ptr = id;
	t.id.len = id ? strlen(id) : 0;
	uint64_t seq;
	assert_int_equal(cen__graph_add(g, &t, vx(g, a), vx(g, b), ts, cents, &seq), 0);
	return seq;
}

/* A ring holds exactly the newest len of its vertex's live edges in its
 * direction, len = min(deg, max_adj), in seq order; each entry carries its
 * edge's time, amount and counterparty. (Eviction pops a ring by its
 * length and degree alone, never reading it: ring.c.) Its block is
 * aligned to its class. */
static void check_ring(const cen__graph *g, uint32_t v, int dir)
{
	const cen__ring *r = dir ? &g->v[v].in : &g->v[v].out;
	uint32_t deg = 0, k = r->len;
	for (uint64_t s = g->head; s-- > g->tail;) {
		const cen__edge *e = cen__graph_edge(g, s);
		if ((dir ? e->dst : e->src) != v)
			continue;
		if (deg++ >= r->len)
			continue; /* older than the ring: dropped by the cap */
		const cen__adj *a = cen__ring_adj(r, --k);
		assert_int_equal(cen__ring_at(g, r, k), s);
		assert_int_equal(cen__adj_ts(g, a), cen__edge_ts(g, e));
		assert_int_equal(cen__adj_amount(g, a), cen__edge_amount(g, e));
		assert_int_equal(a->other, dir ? e->src : e->dst);
	}
	assert_int_equal(deg, dir ? g->v[v].deg_in : g->v[v].deg_out);
	assert_int_equal(r->len, deg < g->max_adj ? deg : g->max_adj);
	/* the walk from any entry towards the oldest visits the entries in
	 * order, wrapping at the block's end as it must */
	for (uint32_t from = 0; from <= r->len; from += 1 + from / 3) {
		cen__ring_rev it = cen__ring_rev_from(r, from);
		for (uint32_t i = from; i-- > 0;)
			assert_ptr_equal(cen__ring_rev_next(&it), cen__ring_adj(r, i));
	}
	/* blocks start on a cache line (class 2, 6 entries: on or half past
	 * one), so a ring of 4k entries spans k lines */
	uintptr_t off = (uintptr_t)r->e & 63;
	assert_true(r->cls == 2 ? off % 32 == 0 : off == 0);
}

static void check_rings(const cen__graph *g)
{
	for (uint32_t v = 0; v < g->nv; v++)
		for (int dir = 0; dir < 2; dir++)
			check_ring(g, v, dir);
	/* what the inline parts of the add's readers and of eviction read */
	if (g->head > g->tail) {
		assert_int_equal(g->oldest_ts, cen__edge_ts(g, cen__graph_edge(g, g->tail)));
		assert_ptr_equal(g->newest, cen__graph_edge(g, g->head - 1));
	} else {
		assert_int_equal(g->oldest_ts, INT64_MAX);
	}
}

static int cmp_addr(const void *a, const void *b)
{
	uintptr_t x = *(const uintptr_t *)a, y = *(const uintptr_t *)b;
	return (x > y) - (x < y);
}

/* Every free list holds as many blocks as it counts, each of its own
 * class's alignment, and no block is in two lists (or twice in one) or in
 * use by a ring. */
static void check_slab(const cen__graph *g)
{
	uint64_t total = 0, k = 0;
	for (unsigned c = 1; c < CEN__RING_CLASSES; c++)
		total += g->slab_nfree[c];
	uintptr_t *all = test_malloc((total + 1) * sizeof *all);
	for (unsigned c = 1; c < CEN__RING_CLASSES; c++) {
		uint64_t n = g->slab_nfree[c];
		assert_true(n <= g->slab_cap[c]);
		for (uint64_t i = 0; i < n; i++) {
			const void *p = g->slab_free[c][i];
			uintptr_t off = (uintptr_t)p & 63;
			all[k++] = (uintptr_t)p;
			assert_true(c == 2 ? off % 32 == 0 : off == 0);
			for (uint32_t v = 0; v < g->nv; v++)
				assert_true(p != g->v[v].out.e && p != g->v[v].in.e);
		}
		assert_int_equal(!!(g->slab_mask >> c & 1), n > 0);
	}
	qsort(all, total, sizeof *all, cmp_addr);
	for (uint64_t i = 1; i < total; i++)
		assert_true(all[i] != all[i - 1]);
	test_free(all);
}

/* A ring at the cap pops nothing while the window evicts edges it has
 * dropped, then its oldest entries one by one, down to none; self-loops
 * are in both rings of their vertex. */
static void test_evict_past_cap(void **state)
{
	(void)state;
	cen__graph g;
	assert_int_equal(cen__graph_init(&g, 4), 0);
	for (int i = 0; i < 40; i++)
		add(&g, "HUB", i % 3 ? "X" : "HUB", i, 1000 + i, NULL);
	uint32_t H = vx(&g, "HUB");
	assert_int_equal(g.v[H].out.len, 4);
	assert_int_equal(g.v[H].deg_out, 40);
	for (int t = 0; t <= 41; t++) {
		cen__graph_evict(&g, t);
		check_rings(&g);
	}
	assert_int_equal(g.v[H].out.len, 0);
	assert_null(g.v[H].out.e);
	assert_null(g.v[H].in.e);
	cen__graph_release(&g);
}

static void test_counts_and_eviction(void **state)
{
	(void)state;
	cen__graph g;
	assert_int_equal(cen__graph_init(&g, 0), 0);
	add(&g, "A", "B", 10, 100, "t1");
	add(&g, "A", "B", 20, 200, "t2"); /* parallel edge */
	add(&g, "A", "C", 30, 300, "t3");
	add(&g, "C", "B", 40, 400, NULL);
	uint32_t A = vx(&g, "A"), B = vx(&g, "B"), C = vx(&g, "C");
	assert_int_equal(g.v[A].deg_out, 3);
	assert_int_equal(g.v[A].fan_out, 2);
	assert_int_equal(g.v[B].deg_in, 3);
	assert_int_equal(g.v[B].fan_in, 2);
	assert_int_equal(cen__graph_pair_count(&g, A, B), 2);
	int64_t sum_out = 0;
	for (uint32_t i = 0; i < g.v[A].out.len; i++)
		sum_out += cen__adj_amount(&g, cen__ring_adj(&g.v[A].out, i));
	assert_int_equal(sum_out, 600);
	/* Ring in time order. */
	assert_int_equal(g.v[A].out.len, 3);
	assert_true(cen__ring_at(&g, &g.v[A].out, 0) < cen__ring_at(&g, &g.v[A].out, 1));
	assert_int_equal(cen__ring_adj(&g.v[A].out, 2)->other, C);
	assert_int_equal(cen__ring_adj(&g.v[B].in, 2)->other, C);
	assert_int_equal(cen__adj_amount(&g, cen__ring_adj(&g.v[B].in, 1)), 200);
	check_rings(&g);
	char tmp[CEN__GRAPH_MAX_ID + 1];
	cen_slice id = cen__graph_edge_id(&g, 3, tmp, sizeof tmp);
	assert_int_equal(id.len, 1);
	assert_memory_equal(id.ptr, "4", 1); /* row number: no id given */
	id = cen__graph_edge_id(&g, 1, tmp, sizeof tmp);
	assert_memory_equal(id.ptr, "t2", 2);
	cen__graph_evict(&g, 25); /* drops t1, t2 */
	assert_int_equal(g.tail, 2);
	check_rings(&g);
	assert_int_equal(cen__graph_pair_count(&g, A, B), 0);
	assert_int_equal(g.v[A].fan_out, 1);
	assert_int_equal(g.v[A].deg_out, 1);
	assert_int_equal(g.v[B].fan_in, 1);
	assert_int_equal(g.v[B].in.len, 1);
	assert_int_equal(g.v[C].deg_in, 1);
	cen__graph_evict(&g, 1000);
	assert_int_equal(g.npairs, 0);
	assert_int_equal(g.v[A].out.len, 0);
	assert_null(g.v[A].out.e); /* an empty ring gives its storage back */
	assert_int_equal(cen__ring_cap(&g.v[A].out), 0);
	check_rings(&g); /* no live edge left */
	add(&g, "A", "B", 1001, 100, NULL);
	check_rings(&g);
	cen__graph_release(&g);
}

static void test_growth_and_cap(void **state)
{
	(void)state;
	cen__graph g;
	assert_int_equal(cen__graph_init(&g, 8), 0);
	char a[32], b[32], id[32];
	/* 5000 edges from one hub: log and id text grow, adjacency is capped. */
	for (int i = 0; i < 5000; i++) {
		snprintf(b, sizeof b, "R%d", i % 50);
		snprintf(id, sizeof id, "id-%d-xxxxxxxxxxxxxxxx", i);
		add(&g, "HUB", b, i, 100, id);
	}
	uint32_t H = vx(&g, "HUB");
	assert_int_equal(g.v[H].out.len, 8);
	assert_int_equal(g.v[H].deg_out, 5000);
	assert_int_equal(g.v[H].fan_out, 50);
	/* the hub's out ring and each receiver's in ring (100 edges each) */
	assert_int_equal(g.adj_overflow, (5000 - 8) + 50 * (100 - 8));
	char tmp[CEN__GRAPH_MAX_ID + 1];
	cen_slice s = cen__graph_edge_id(&g, 4321, tmp, sizeof tmp);
	assert_int_equal(s.len, strlen("id-4321-xxxxxxxxxxxxxxxx"));
	assert_memory_equal(s.ptr, "id-4321-xxxxxxxxxxxxxxxx", s.len);
	/* Evict in steps while adding: ids stay right. */
	for (int i = 5000; i < 20000; i++) {
		snprintf(a, sizeof a, "S%d", i % 7);
		snprintf(b, sizeof b, "R%d", i % 13);
		snprintf(id, sizeof id, "k%d", i);
		add(&g, a, b, i, i % 97, id);
		cen__graph_evict(&g, i - 100);
		if (i % 1000 == 0)
			check_rings(&g);
	}
	check_rings(&g);
	s = cen__graph_edge_id(&g, g.head - 1, tmp, sizeof tmp);
	assert_int_equal(s.len, 6);
	assert_memory_equal(s.ptr, "k19999", 6);
	assert_int_equal(g.head - g.tail, 101);
	uint64_t total = 0;
	for (size_t v = 0; v < g.nv; v++)
		total += g.v[v].deg_out;
	assert_int_equal(total, 101);
	cen__graph_release(&g);
}

/* A vertex counted from its ring: its filter has every payee, and an
 * entry's edge is marked iff a newer entry has its payee. */
static void check_marks(const cen__graph *g, uint32_t u)
{
	const cen__ring *r = &g->v[u].out;
	for (uint32_t k = 0; !r->pairs_tabled && k < r->len; k++) {
		const cen__adj *a = cen__ring_adj(r, k);
		assert_true(g->v[u].payees & cen__payee_bit(a->other));
		int newer = 0;
		for (uint32_t j = k + 1; j < r->len; j++)
			newer |= cen__ring_adj(r, j)->other == a->other;
		const cen__edge *e = cen__graph_edge(g, cen__adj_seq(g, a));
		assert_int_equal(!!(e->flags & CEN__EDGE_REPEATED), newer);
	}
}

/* Pair counts, fan_in and fan_out against the live edges, for every pair,
 * as senders cross the bound past which their pairs move from the ring
 * scan to the pair table and back (bursts of a busy sender, then quiet),
 * with rings capped below and above that bound. */
static void check_pairs(const cen__graph *g)
{
	enum { NV = 48 };
	static uint32_t cnt[NV][NV];
	memset(cnt, 0, sizeof cnt);
	for (uint64_t s = g->tail; s < g->head; s++) {
		const cen__edge *e = cen__graph_edge(g, s);
		cnt[e->src][e->dst]++;
	}
	assert_true(g->nv <= NV);
	for (uint32_t u = 0; u < g->nv; u++) {
		uint32_t fo = 0, fi = 0;
		for (uint32_t v = 0; v < g->nv; v++) {
			assert_int_equal(cen__graph_pair_count(g, u, v), cnt[u][v]);
			fo += cnt[u][v] > 0;
			fi += cnt[v][u] > 0;
		}
		assert_int_equal(g->v[u].fan_out, fo);
		assert_int_equal(g->v[u].fan_in, fi);
		assert_true(g->v[u].out.pairs_tabled || g->v[u].deg_out <= g->pair_scan_max);
		check_marks(g, u);
	}
}

/* Eviction tells a pair's last edge by its mark in the log alone; a
 * sender whose pairs were tabled while it paid a payee again gets its
 * marks rebuilt when it comes back to the ring, so the older edge's
 * eviction keeps the pair. */
static void test_marks_after_table(void **state)
{
	(void)state;
	cen__graph g;
	assert_int_equal(cen__graph_init(&g, 0), 0);
	char b[16];
	for (int i = 0; i < 20; i++) {
		snprintf(b, sizeof b, "P%d", i);
		add(&g, "A", b, i, 100, NULL);
	}
	add(&g, "A", "X", 20, 100, NULL);
	for (int i = 0; i < 14; i++) { /* the 33rd edge tables A's pairs */
		snprintf(b, sizeof b, "Q%d", i);
		add(&g, "A", b, 21 + i, 100, NULL);
	}
	uint32_t A = vx(&g, "A"), X = vx(&g, "X");
	assert_true(g.v[A].out.pairs_tabled);
	add(&g, "A", "X", 35, 100, NULL); /* tabled: no ring scan, no mark */
	cen__graph_evict(&g, 20); /* the 20th eviction leaves 16: back to the ring */
	assert_false(g.v[A].out.pairs_tabled);
	assert_int_equal(cen__ring_adj(&g.v[A].out, 0)->other, X);
	assert_true(cen__graph_edge(&g, cen__ring_at(&g, &g.v[A].out, 0))->flags &
		    CEN__EDGE_REPEATED);
	check_pairs(&g);
	cen__graph_evict(&g, 21); /* the older A -> X: the pair stays */
	assert_int_equal(cen__graph_pair_count(&g, A, X), 1);
	assert_int_equal(g.v[A].fan_out, 15);
	check_pairs(&g);
	cen__graph_evict(&g, 36);
	assert_int_equal(g.v[A].fan_out, 0);
	assert_int_equal(g.v[X].fan_in, 0);
	check_pairs(&g);
	cen__graph_release(&g);
}

/* A reserve gives the pair table a slot for every second account, keeping
 * the pairs already in it; a smaller one changes nothing. */
static void test_pairs_reserve(void **state)
{
	(void)state;
	cen__graph g;
	assert_int_equal(cen__graph_init(&g, 0), 0);
	char b[16];
	for (int i = 0; i < 40; i++) { /* A's 33rd payee tables its pairs */
		snprintf(b, sizeof b, "P%d", i % 36);
		add(&g, "A", b, i, 100, NULL);
	}
	uint32_t A = vx(&g, "A");
	assert_true(g.v[A].out.pairs_tabled);
	assert_true(g.npairs_slots < 65536);
	assert_int_equal(cen__graph_reserve(&g, 100000), 0);
	assert_int_equal(g.npairs_slots, 65536);
	check_pairs(&g);
	assert_int_equal(cen__graph_pair_count(&g, A, vx(&g, "P3")), 2);
	assert_int_equal(cen__graph_reserve(&g, 1000), 0);
	assert_int_equal(g.npairs_slots, 65536);
	add(&g, "A", "P3", 40, 100, NULL);
	assert_int_equal(cen__graph_pair_count(&g, A, vx(&g, "P3")), 3);
	check_pairs(&g);
	cen__graph_evict(&g, 41);
	assert_int_equal(g.npairs, 0);
	check_pairs(&g);
	cen__graph_release(&g);
}

/* An edge is marked CEN__EDGE_TABLED iff its sender's pairs were in the
 * table when it was added; eviction's hints walk every edge once, at most
 * two a call, never past tail + ahead nor the head, and leave the graph
 * as it was. */
static void test_evict_hints(void **state)
{
	(void)state;
	cen__graph g;
	assert_int_equal(cen__graph_init(&g, 0), 0);
	char b[16];
	uint64_t last = 0;
	for (int i = 0; i < 40; i++) {
		snprintf(b, sizeof b, "P%d", i);
		last = add(&g, "A", b, i / 8, 100, NULL);
		uint32_t A = vx(&g, "A");
		/* the 33rd edge of A moves its pairs to the table */
		assert_int_equal(!!(cen__graph_edge(&g, last)->flags & CEN__EDGE_TABLED),
				 g.v[A].out.pairs_tabled);
		assert_int_equal(g.v[A].out.pairs_tabled, i >= 32);
	}
	add(&g, "B", "A", 5, 100, NULL);
	assert_false(cen__graph_edge(&g, last + 1)->flags & CEN__EDGE_TABLED);
	cen__graph_prefetch_evict(&g, 16);
	assert_int_equal(g.evict_hinted, 2);
	for (int i = 0; i < 10; i++)
		cen__graph_prefetch_evict(&g, 16);
	assert_int_equal(g.evict_hinted, 16); /* tail + ahead */
	cen__graph_evict(&g, 3); /* a burst: the 24 edges of 3 seconds */
	assert_int_equal(g.tail, 24);
	cen__graph_prefetch_evict(&g, 16);
	assert_int_equal(g.evict_hinted, 26); /* from the tail on */
	for (int i = 0; i < 20; i++)
		cen__graph_prefetch_evict(&g, 100);
	assert_int_equal(g.evict_hinted, g.head);
	assert_int_equal(g.tail, 24);
	check_rings(&g);
	check_pairs(&g);
	cen__graph_release(&g);
}

/* The payees filter forgets a payee once a scan sees the whole ring
 * without it, so it does not fill up as an account's payees change. */
static void test_payees_filter_forgets(void **state)
{
	(void)state;
	cen__graph g;
	assert_int_equal(cen__graph_init(&g, 0), 0);
	char b[16];
	for (int i = 0; i < 20; i++) { /* 20 payees, bits set */
		snprintf(b, sizeof b, "P%d", i);
		add(&g, "A", b, i, 100, NULL);
	}
	uint32_t A = vx(&g, "A");
	assert_true(__builtin_popcountll(g.v[A].payees) > 8);
	cen__graph_evict(&g, 20); /* all gone: the last eviction scanned an empty ring */
	assert_int_equal(g.v[A].out.len, 0);
	assert_int_equal(g.v[A].payees, 0);
	add(&g, "A", "Q", 30, 100, NULL);
	uint32_t Q = vx(&g, "Q");
	assert_int_equal(g.v[A].payees, cen__payee_bit(Q));
	assert_int_equal(cen__graph_pair_count(&g, A, Q), 1);
	assert_int_equal(cen__graph_pair_count(&g, A, vx(&g, "P3")), 0);
	cen__graph_release(&g);
}

/* An add that runs out of memory after its sender's payee was found
 * again (a ring move needing a new arena block) leaves no mark behind:
 * the older entry is the pair's newest still. Each add is tried first with
 * the next allocation failing, then again. */
static void test_marks_out_of_memory(void **state)
{
	(void)state;
	enum { NV = 20000 };
	cen__graph g;
	assert_int_equal(cen__graph_init(&g, 0), 0);
	static uint32_t id[NV];
	char name[16];
	for (int i = 0; i < NV; i++) {
		snprintf(name, sizeof name, "V%d", i);
		id[i] = vx(&g, name);
	}
	uint64_t rng = 777;
	int undone = 0;
	cen_txn t;
	memset(&t, 0, sizeof t);
	for (int i = 0; i < 300000; i++) {
		rng = rng * 6364136223846793005ULL + 1442695040888963407ULL;
		uint32_t r = (uint32_t)(rng >> 33), src = id[r % NV];
		uint32_t dst = id[(r % NV + 1 + (r >> 20) % 3) % NV]; /* three payees each */
		const cen__vertex *v = &g.v[src];
		int repeat = !v->out.pairs_tabled && v->deg_out < g.pair_scan_max &&
			     cen__graph_pair_count(&g, src, dst);
		uint64_t seq;
		cen_alloc_fail_after(0);
		int rc = cen__graph_add(&g, &t, src, dst, i, 100, &seq);
		cen_alloc_fail_after(-1);
		if (rc) {
			assert_int_equal(rc, CEN_ENOMEM);
			assert_int_equal(g.head, (uint64_t)i);
			check_marks(&g, src);
			undone += repeat;
			assert_int_equal(cen__graph_add(&g, &t, src, dst, i, 100, &seq), 0);
		}
		check_marks(&g, src);
	}
	assert_true(undone > 0); /* the undo of a mark was tried */
	cen__graph_release(&g);
}

static void test_pair_counts_random(void **state)
{
	(void)state;
	const uint32_t caps[] = {4, 8, 64, 1024};
	uint64_t rng = 12345;
	for (size_t c = 0; c < sizeof caps / sizeof caps[0]; c++) {
		cen__graph g;
		assert_int_equal(cen__graph_init(&g, caps[c]), 0);
		char a[16], b[16];
		int tabled_seen = 0, untabled_after = 0;
		for (int i = 0; i < 6000; i++) {
			rng = rng * 6364136223846793005ULL + 1442695040888963407ULL;
			uint32_t r = (uint32_t)(rng >> 33);
			/* in bursts of 500, sender 0 (then 1) sends most edges */
			int burst = (i / 500) % 3;
			int src = burst < 2 && r % 4 ? burst : (int)(r % 40);
			snprintf(a, sizeof a, "V%d", src);
			snprintf(b, sizeof b, "V%u", (r >> 8) % 45);
			uint64_t s = add(&g, a, b, i, 100 + r % 900, NULL);
			/* the newest edge's mark: whether it started its pair */
			const cen__edge *e = cen__graph_edge(&g, s);
			assert_int_equal(!!(e->flags & CEN__EDGE_NEW_PAIR),
					 cen__graph_pair_count(&g, e->src, e->dst) == 1);
			cen__graph_evict(&g, i - 120);
			for (uint32_t v = 0; v < g.nv; v++)
				tabled_seen |= g.v[v].out.pairs_tabled;
			if (tabled_seen && burst == 2 && !g.v[0].out.pairs_tabled)
				untabled_after = 1;
			if (i % 97 == 0)
				check_pairs(&g);
		}
		check_pairs(&g);
		check_rings(&g);
		assert_true(tabled_seen);    /* the busy senders went to the table */
		assert_true(untabled_after); /* and came back when quiet */
		cen__graph_release(&g);
	}
}

/* A ring a quarter full moves to half the room, keeping its entries; and
 * blocks freed by big rings are split or cut for small ones instead of
 * taking new memory. */
static void test_ring_shrinks(void **state)
{
	(void)state;
	cen__graph g;
	assert_int_equal(cen__graph_init(&g, 1024), 0);
	char a[32], b[32];
	for (int i = 0; i < 256; i++) { /* a busy day: 256 payments out */
		snprintf(b, sizeof b, "R%d", i);
		add(&g, "BUSY", b, i, 100 + i, NULL);
	}
	uint32_t B = vx(&g, "BUSY");
	assert_int_equal(cen__ring_cap(&g.v[B].out), 256);
	add(&g, "BUSY", "LATE", 1000, 7, NULL);
	cen__graph_evict(&g, 250); /* 6 of the day's payments remain, and LATE */
	assert_int_equal(g.v[B].out.len, 7);
	assert_true(cen__ring_cap(&g.v[B].out) >= 8 && cen__ring_cap(&g.v[B].out) <= 32);
	check_rings(&g);
	assert_int_equal(cen__adj_amount(&g, cen__ring_adj(&g.v[B].out, 0)), 100 + 250);
	assert_int_equal(cen__adj_amount(&g, cen__ring_adj(&g.v[B].out, 6)), 7);
	cen__graph_evict(&g, 2000); /* everything: every block is free */
	uint64_t carved = g.slab_carved;
	/* 300 new rings of 4: more than the 4-entry blocks freed (257), so
	 * the rest must come from splitting the big ones. */
	for (int i = 0; i < 150; i++) {
		snprintf(a, sizeof a, "N%d", i);
		snprintf(b, sizeof b, "M%d", i);
		add(&g, a, b, 3000 + i, 5, NULL);
	}
	check_rings(&g);
	check_slab(&g);
	assert_int_equal(g.slab_carved, carved);
	/* Rings of 12 entries (3 lines): no free block is 12, 24, 48, ...
	 * (BUSY's were 4, 8, ..., 256), so they are cut from bigger ones.
	 * They grow a class at a time, as before the first eviction (ring.c:
	 * after it, rings whose entries come this fast would take 16). */
	g.horizon = INT64_MAX;
	for (int i = 0; i < 20 * 12; i++) {
		snprintf(a, sizeof a, "T%d", i / 12);
		snprintf(b, sizeof b, "M%d", i);
		add(&g, a, b, 4000 + i, 5, NULL);
	}
	assert_int_equal(cen__ring_cap(&g.v[vx(&g, "T7")].out), 12);
	check_rings(&g);
	check_slab(&g);
	assert_int_equal(g.slab_carved, carved);
	cen__graph_release(&g);
}

/* Before the first eviction a full ring moves to the next class (4, 6, 8,
 * 12, ...); after it, to as many classes up (at most four, at most
 * max_adj) as its entries' rate over the window since the eviction's
 * bound asks for: the smallest capacity cap with cap * span >= len *
 * window, span the time from its oldest entry to the one added. The
 * entries are the same whatever the class. */
static void test_ring_growth_rate(void **state)
{
	(void)state;
	static const struct {
		uint32_t max_adj;
		int64_t gap;   /* seconds between A's payments */
		uint32_t cap;  /* A's out ring after its 5th */
	} want[] = {
		/* 4 entries over span = 4 * gap, the 5th added; the window
		 * is 100 + 4 * gap: the first cap with cap * span >= 4 * window */
		{1024, 0, 16},  /* all at once: four classes up, no more */
		{1024, 10, 16}, /* 12 * 40 < 4 * 140: four up */
		{1024, 20, 12}, /* 8 * 80 < 4 * 180 <= 12 * 80 */
		{1024, 30, 8},  /* 6 * 120 < 4 * 220 <= 8 * 120 */
		{1024, 100, 6}, /* 4 * 500 <= 6 * 400: as slow as the window */
		{8, 0, 8},      /* never past max_adj */
		{1024, -1, 6},  /* no eviction yet: the next class */
	};
	for (size_t w = 0; w < sizeof want / sizeof want[0]; w++) {
		cen__graph g;
		assert_int_equal(cen__graph_init(&g, want[w].max_adj), 0);
		int64_t gap = want[w].gap < 0 ? 0 : want[w].gap, t0 = 2000;
		if (want[w].gap >= 0)
			cen__graph_evict(&g, t0 - 100); /* a window of now - 1900 */
		for (int i = 0; i < 4; i++)
			add(&g, "A", "B", t0 + gap * i, 10 + i, NULL);
		uint32_t A = vx(&g, "A");
		assert_int_equal(cen__ring_cap(&g.v[A].out), 4);
		add(&g, "A", "C", t0 + gap * 4, 99, NULL);
		assert_int_equal(cen__ring_cap(&g.v[A].out), want[w].cap);
		check_rings(&g);
		check_slab(&g);
		cen__graph_release(&g);
	}
}

/* The one-line blocks that small rings leave when a window's young
 * accounts are gone go back, merged where adjacent, to bigger rings
 * instead of new memory being carved. */
static void test_ring_lines_merge(void **state)
{
	(void)state;
	cen__graph g;
	assert_int_equal(cen__graph_init(&g, 1024), 0);
	char a[32], b[32];
	for (int i = 0; i < 12000; i++) { /* 24,000 rings of one line */
		snprintf(a, sizeof a, "P%d", i);
		snprintf(b, sizeof b, "Q%d", i);
		add(&g, a, b, i, 5, NULL);
	}
	cen__graph_evict(&g, 100000);
	assert_int_equal(g.slab_nfree[1], 24000);
	check_slab(&g);
	uint64_t carved = g.slab_carved;
	/* 1,000 senders of 12 payments each, to 12,000 payees: rings of 12
	 * entries (3 lines), which no single line can hold, and of one */
	for (int i = 0; i < 1000; i++)
		for (int k = 0; k < 12; k++) {
			snprintf(a, sizeof a, "S%d", i);
			snprintf(b, sizeof b, "Q%d", i * 12 + k);
			add(&g, a, b, 200000 + i, 7, NULL);
		}
	check_rings(&g);
	check_slab(&g);
	assert_int_equal(g.slab_carved, carved);
	assert_true(g.slab_lines_kept < 24000 / 8); /* most lines had a neighbour */
	cen__graph_release(&g);
}

/* Ring entries keep times as 32-bit offsets and amounts as 32-bit cents:
 * amounts past that and negative ones read back exactly (from the log),
 * and a clock that jumps more than 2^32 seconds moves the offsets' base. */
static void test_ring_entry_ranges(void **state)
{
	(void)state;
	cen__graph g;
	assert_int_equal(cen__graph_init(&g, 0), 0);
	add(&g, "A", "B", 0, 500, "gone");
	add(&g, "A", "B", 1000, 12345678900LL, "big"); /* $123,456,789.00 */
	add(&g, "B", "A", 1001, -250, "neg");
	check_rings(&g);
	uint32_t A = vx(&g, "A"), B = vx(&g, "B");
	assert_int_equal(cen__adj_amount(&g, cen__ring_adj(&g.v[A].out, 1)), 12345678900LL);
	assert_int_equal(cen__adj_amount(&g, cen__ring_adj(&g.v[A].in, 0)), -250);
	cen__graph_evict(&g, 500); /* "gone" leaves; the base stays at 0 */
	int64_t far = 1000 + ((int64_t)1 << 32) - 10;
	add(&g, "B", "C", far, 700, "far");
	check_rings(&g); /* every entry's time still equals its edge's */
	assert_int_equal(g.ts_base, 1000);
	assert_int_equal(cen__adj_ts(&g, cen__ring_adj(&g.v[B].in, 0)), 1000);
	assert_int_equal(cen__adj_ts(&g, cen__ring_adj(&g.v[B].out, 1)), far);
	assert_int_equal(cen__edge_ts(&g, cen__graph_edge(&g, g.tail)), 1000);
	assert_int_equal(cen__edge_ts(&g, cen__graph_edge(&g, g.head - 1)), far);
	/* live edges spanning more than 2^32 seconds cannot be kept */
	cen_txn t;
	memset(&t, 0, sizeof t);
	uint64_t seq;
	assert_int_equal(cen__graph_add(&g, &t, A, B, 1000 + ((int64_t)1 << 32) + 5, 1, &seq),
			 CEN_ELIMIT);
	check_rings(&g);
	/* once everything older is gone, the base follows the clock */
	cen__graph_evict(&g, far + 1);
	add(&g, "C", "D", far + ((int64_t)1 << 33), 9, "later");
	check_rings(&g);
	cen__graph_release(&g);
}

/* A ring entry tells a card payment apart and keeps the exact amount, on
 * both sides of the largest amount kept in the entry (2^31 - 2 cents). */
static void test_ring_entry_card(void **state)
{
	(void)state;
	static const struct {
		int64_t cents;
		cen_channel ch;
	} cases[] = {
		{100, CEN_CH_CARD},        {100, CEN_CH_WIRE},         {2147483646LL, CEN_CH_CARD},
		{2147483647LL, CEN_CH_CARD}, {2147483653LL, CEN_CH_ACH}, {-7, CEN_CH_CARD},
		{0, CEN_CH_CASH},
	};
	const size_t n = sizeof cases / sizeof cases[0];
	cen__graph g;
	assert_int_equal(cen__graph_init(&g, 0), 0);
	uint32_t A = vx(&g, "A"), B = vx(&g, "B");
	for (size_t i = 0; i < n; i++) {
		cen_txn t;
		memset(&t, 0, sizeof t);
		t.row = i + 1;
		t.channel = cases[i].ch;
		uint64_t seq;
		assert_int_equal(cen__graph_add(&g, &t, A, B, (int64_t)i, cases[i].cents, &seq), 0);
	}
	check_rings(&g);
	for (size_t i = 0; i < n; i++) {
		const cen__adj *o = cen__ring_adj(&g.v[A].out, (uint32_t)i);
		const cen__adj *in = cen__ring_adj(&g.v[B].in, (uint32_t)i);
		assert_int_equal(cen__adj_amount(&g, o), cases[i].cents);
		assert_int_equal(cen__adj_amount(&g, in), cases[i].cents);
		assert_int_equal(cen__adj_card(o), cases[i].ch == CEN_CH_CARD);
		assert_int_equal(cen__adj_card(in), cases[i].ch == CEN_CH_CARD);
		const cen__edge *e = cen__graph_edge(&g, i);
		assert_int_equal(e->channel, cases[i].ch);
		assert_int_equal(cen__edge_amount(&g, e), cases[i].cents);
		assert_int_equal(e->flags & CEN__EDGE_NEW_PAIR, i ? 0 : CEN__EDGE_NEW_PAIR);
	}
	cen__graph_release(&g);
}

/* An edge's small fields written as one word read back one by one. */
static void test_edge_word(void **state)
{
	(void)state;
	cen__edge e;
	memset(&e, 0, sizeof e);
	e.word = cen__edge_word(0xABCDEFu, 5, 1, 0xA);
	assert_int_equal(e.cents, 0xABCDEF);
	assert_int_equal(e.channel, 5);
	assert_int_equal(e.derived, 1);
	assert_int_equal(e.flags, 0xA);
	e.word = cen__edge_word(CEN__EDGE_BIG, CEN_CH__COUNT - 1, 0, CEN__EDGE_LATE);
	assert_int_equal(e.cents, CEN__EDGE_BIG);
	assert_int_equal(e.channel, CEN_CH__COUNT - 1);
	assert_int_equal(e.derived, 0);
	assert_int_equal(e.flags, CEN__EDGE_LATE);
}

/* The amount of edge i: mostly i, else on both sides of the largest an
 * edge keeps in itself, negative, or far past 32 bits (its chunk's list
 * keeps those). */
static int64_t amount_of(uint64_t i)
{
	switch (i % 7) {
	case 0:
		return (int64_t)CEN__EDGE_BIG - 1 + (int64_t)(i / 7 % 3);
	case 3:
		return -(int64_t)i;
	case 5:
		return ((int64_t)1 << 40) + (int64_t)i;
	default:
		return (int64_t)i;
	}
}

/* The log in chunks: an edge reads back what was written across chunk
 * boundaries (its amount too, from its chunk's list when the edge cannot
 * keep it), after the chunk table doubled with live chunks whose slots
 * change, and once the tail frees chunks the head reuses them (and their
 * lists, emptied) instead of allocating. */
static void test_log_chunks(void **state)
{
	(void)state;
	cen__graph g;
	assert_int_equal(cen__graph_init(&g, 0), 0);
	char name[8];
	uint32_t ids[8];
	for (int i = 0; i < 8; i++) {
		snprintf(name, sizeof name, "N%d", i);
		ids[i] = vx(&g, name);
	}
	/* A window of 1.5 chunks, none from 3 to 8 chunks (7 live at the
	 * end: the table doubles with chunks 1.. live), then 1.5 again. */
	const uint64_t K = CEN__LOG_CHUNK, total = 10 * K;
	cen_txn t;
	memset(&t, 0, sizeof t);
	uint64_t chunks_steady = 0;
	for (uint64_t i = 0; i < total; i++) {
		t.row = i + 1;
		uint64_t seq;
		/* seq i: N(i % 8) -> N((i / 8) % 8), amount_of(i), time i */
		assert_int_equal(cen__graph_add(&g, &t, ids[i % 8], ids[(i / 8) % 8], (int64_t)i,
						amount_of(i), &seq), 0);
		assert_int_equal(seq, i);
		assert_ptr_equal(cen__graph_edge_newest(&g, seq), cen__graph_edge(&g, seq));
		if (i < 3 * K || i >= 8 * K)
			cen__graph_evict(&g, (int64_t)i - (int64_t)(3 * K / 2));
		if (i == 17 * K / 2)
			chunks_steady = g.log_chunks;
	}
	assert_int_equal(g.nchunks, 8);
	for (uint64_t s = g.tail; s < g.head; s++) {
		const cen__edge *e = cen__graph_edge(&g, s);
		assert_int_equal(e->src, ids[s % 8]);
		assert_int_equal(e->dst, ids[(s / 8) % 8]);
		assert_int_equal(cen__edge_amount(&g, e), amount_of(s));
		assert_int_equal(cen__edge_ts(&g, e), (int64_t)s);
		char tmp[CEN__GRAPH_MAX_ID + 1], want[24];
		cen_slice id = cen__graph_edge_id(&g, s, tmp, sizeof tmp);
		int n = snprintf(want, sizeof want, "%llu", (unsigned long long)(s + 1));
		assert_int_equal(id.len, n); /* no id given: the row number */
		assert_memory_equal(id.ptr, want, (size_t)n);
	}
	assert_int_equal(g.head - g.tail, 3 * K / 2 + 1);
	assert_int_equal(g.id_bytes, 0); /* row numbers fit in the chunks */
	/* the last 1.5 chunks came from the free list */
	assert_int_equal(g.log_chunks, chunks_steady);
	assert_true(g.log_chunks <= 9);
	cen__graph_release(&g);
}

/* An add that fails after taking the chunk its edge starts (here: a time
 * 2^33 seconds past the window's oldest edge) leaves that chunk in place,
 * and the next add uses it: the table does not double, no chunk is lost,
 * and every live edge keeps its id and its amount (the failed one's, too
 * large for the edge, is not in its chunk's list). */
static void test_log_chunk_failed_add(void **state)
{
	(void)state;
	cen__graph g;
	assert_int_equal(cen__graph_init(&g, 0), 0);
	uint32_t a = vx(&g, "A"), b = vx(&g, "B");
	const uint64_t K = CEN__LOG_CHUNK;
	cen_txn t;
	memset(&t, 0, sizeof t);
	uint64_t seq, chunks = 0, table = 0;
	for (uint64_t i = 0; i < 4 * K; i++) {
		t.row = i + 1;
		if (i == 3 * K) { /* a chunk from the free list, then the failure */
			chunks = g.log_chunks;
			table = g.nchunks;
			assert_int_equal(cen__graph_add(&g, &t, a, b, (int64_t)i + ((int64_t)1 << 33),
							-1, &seq), CEN_ELIMIT);
			assert_int_equal(g.head, i);
		}
		assert_int_equal(cen__graph_add(&g, &t, a, b, (int64_t)i, amount_of(i), &seq), 0);
		assert_int_equal(seq, i);
		assert_ptr_equal(cen__graph_edge_newest(&g, seq), cen__graph_edge(&g, seq));
		cen__graph_evict(&g, (int64_t)i - (int64_t)(3 * K / 2));
	}
	assert_int_equal(g.log_chunks, chunks);
	assert_int_equal(g.nchunks, table);
	for (uint64_t s = g.tail; s < g.head; s++) {
		char tmp[CEN__GRAPH_MAX_ID + 1], want[24];
		cen_slice id = cen__graph_edge_id(&g, s, tmp, sizeof tmp);
		int n = snprintf(want, sizeof want, "%llu", (unsigned long long)(s + 1));
		assert_int_equal(id.len, n);
		assert_memory_equal(id.ptr, want, (size_t)n);
		assert_int_equal(cen__edge_amount(&g, cen__graph_edge(&g, s)), amount_of(s));
	}
	check_rings(&g);
	cen__graph_release(&g);
}

/* The id of edge i: a length from 1 to 37 bytes, so a chunk's ids end
 * anywhere. */
static size_t id_of(uint64_t i, char *buf)
{
	size_t len = 1 + (size_t)(i * 7 % 37);
	for (size_t k = 0; k < len; k++)
		buf[k] = (char)('A' + (i + k) % 26);
	return len;
}

/* Every live edge has the id it was added with, the ids of a chunk's
 * edges back to back in its text, each after its length's byte, which
 * goes on once in its overflow block. */
static void check_ids(const cen__graph *g)
{
	char buf[64], tmp[CEN__GRAPH_MAX_ID + 1];
	const char *next = NULL;
	int jumps = 0;
	for (uint64_t s = g->tail; s < g->head; s++) {
		size_t len = id_of(s, buf);
		cen_slice id = cen__graph_edge_id(g, s, tmp, sizeof tmp);
		assert_int_equal(id.len, len);
		assert_memory_equal(id.ptr, buf, len);
		if (!(s & (CEN__LOG_CHUNK - 1)))
			jumps = 0;
		else if (s > g->tail && id.ptr != next)
			assert_true(++jumps <= 1);
		next = id.ptr + id.len + 1;
	}
}

/* The ids go with their chunk of the log: ids longer than the chunk's
 * own text has room for (19 bytes on average here) go on in its overflow
 * block, which for the first chunk grows by doubling, for every later
 * one starts that large and does not grow; a window sliding over chunk
 * ends reuses the chunks left behind with their text. Every live edge
 * keeps its id byte for byte. */
static void test_id_text(void **state)
{
	(void)state;
	cen__graph g;
	assert_int_equal(cen__graph_init(&g, 0), 0);
	uint32_t a = vx(&g, "A"), b = vx(&g, "B");
	char buf[64];
	cen_txn t;
	memset(&t, 0, sizeof t);
	const uint64_t K = CEN__LOG_CHUNK;
	uint64_t first = 0;
	for (uint64_t i = 0; i < 4 * K; i++) {
		t.row = i + 1;
		t.id.ptr = buf;
		t.id.len = id_of(i, buf);
		uint64_t seq;
		assert_int_equal(cen__graph_add(&g, &t, a, b, (int64_t)i, 100, &seq), 0);
		cen__graph_evict(&g, (int64_t)i - (int64_t)(K + K / 4));
		if (i == K - 1) {
			first = g.id_bytes;
			assert_true(first > 16384); /* grew */
			check_ids(&g);
		}
		if (i == 2 * K + 7)
			check_ids(&g);
	}
	check_ids(&g);
	assert_int_equal(g.head - g.tail, K + K / 4 + 1);
	assert_int_equal(g.log_chunks, 3); /* the fourth reused the first */
	assert_int_equal(g.id_bytes, 3 * first);
	cen__graph_release(&g);
}

/* Ids of the most bytes kept (longer ones cut), 600 of them: the walk
 * over the ids of a group of CEN__ID_GROUP before an edge's is its
 * longest, and crosses into the overflow block. */
static void test_id_longest(void **state)
{
	(void)state;
	cen__graph g;
	assert_int_equal(cen__graph_init(&g, 0), 0);
	uint32_t a = vx(&g, "A"), b = vx(&g, "B");
	char buf[CEN__GRAPH_MAX_ID + 9], tmp[CEN__GRAPH_MAX_ID + 1];
	cen_txn t;
	memset(&t, 0, sizeof t);
	for (uint64_t i = 0; i < 600; i++) {
		for (size_t k = 0; k < sizeof buf; k++)
			buf[k] = (char)('a' + (i * 7 + k) % 26);
		t.row = i + 1;
		t.id.ptr = buf;
		t.id.len = i % 3 ? sizeof buf : CEN__GRAPH_MAX_ID;
		uint64_t seq;
		assert_int_equal(cen__graph_add(&g, &t, a, b, (int64_t)i, 100, &seq), 0);
	}
	for (uint64_t s = 0; s < 600; s++) {
		for (size_t k = 0; k < sizeof buf; k++)
			buf[k] = (char)('a' + (s * 7 + k) % 26);
		cen_slice id = cen__graph_edge_id(&g, s, tmp, sizeof tmp);
		assert_int_equal(id.len, CEN__GRAPH_MAX_ID);
		assert_memory_equal(id.ptr, buf, CEN__GRAPH_MAX_ID);
	}
	cen__graph_release(&g);
}

/* Ids numbered in the order of the records are derived from their
 * group's first, which alone takes text: counted up through a carry into
 * one more digit, through leading zeros, with only digits; an id off the
 * count (or not ending in a digit) is kept as text, and so is the rest of
 * its group; an id whose count would pass CEN__GRAPH_MAX_ID bytes too.
 * Every live edge keeps its id byte for byte. */
static void test_id_derived(void **state)
{
	(void)state;
	static const struct {
		const char *pre, *post; /* the id: pre, the number, post */
		int width;              /* the number's digits at the least */
		uint64_t from, n;       /* numbers from, from + 1, ... */
		uint32_t text;          /* the head chunk's text bytes after them */
	} want[] = {
		/* each id with its length's byte */
		{"T", "", 1, 1, 1000, 3 + 5 + 5 + 5},          /* T1, T257, T513, T769 */
		{"T", "", 1, 90, 600, 4 + 5 + 5},              /* T90: T99 -> T100 */
		{"A-", "", 5, 9990, 300, 8 + 8},               /* A-09990 -> A-10000 */
		{"", "", 1, 999999999990ull, 20, 13},          /* only digits */
		{"X", "Z", 1, 1, 300, 9 * 4 + 90 * 5 + 201 * 6}, /* no digit at the end */
	};
	char buf[CEN__GRAPH_MAX_ID + 9], tmp[CEN__GRAPH_MAX_ID + 1];
	cen_txn t;
	for (size_t w = 0; w < sizeof want / sizeof want[0]; w++) {
		cen__graph g;
		assert_int_equal(cen__graph_init(&g, 0), 0);
		uint32_t a = vx(&g, "A"), b = vx(&g, "B");
		memset(&t, 0, sizeof t);
		for (uint64_t i = 0; i < want[w].n; i++) {
			t.id.len = (size_t)snprintf(buf, sizeof buf, "%s%0*llu%s", want[w].pre,
						    want[w].width, (unsigned long long)(want[w].from + i),
						    want[w].post);
			t.id.ptr = buf;
			uint64_t seq;
			assert_int_equal(cen__graph_add(&g, &t, a, b, (int64_t)i, 100, &seq), 0);
		}
		assert_int_equal(g.id_used, want[w].text);
		for (uint64_t s = 0; s < want[w].n; s++) {
			int n = snprintf(buf, sizeof buf, "%s%0*llu%s", want[w].pre, want[w].width,
					 (unsigned long long)(want[w].from + s), want[w].post);
			cen_slice id = cen__graph_edge_id(&g, s, tmp, sizeof tmp);
			assert_int_equal(id.len, n);
			assert_memory_equal(id.ptr, buf, (size_t)n);
		}
		cen__graph_release(&g);
	}
	/* off the count in the middle of a group: 7 derived, then text */
	cen__graph g;
	assert_int_equal(cen__graph_init(&g, 0), 0);
	uint32_t a = vx(&g, "A"), b = vx(&g, "B");
	static const char *ids[] = {"R10", "R11", "R12", "R13", "R14", "R15", "R16", "R17",
				    "R19", "R20", "R21"};
	for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++) {
		uint64_t seq;
		t.id.ptr = ids[i];
		t.id.len = strlen(ids[i]);
		assert_int_equal(cen__graph_add(&g, &t, a, b, (int64_t)i, 100, &seq), 0);
	}
	assert_int_equal(g.id_used, 4 * 4);
	for (uint64_t s = 0; s < sizeof ids / sizeof ids[0]; s++) {
		cen_slice id = cen__graph_edge_id(&g, s, tmp, sizeof tmp);
		assert_int_equal(id.len, strlen(ids[s]));
		assert_memory_equal(id.ptr, ids[s], id.len);
	}
	cen__graph_release(&g);
	/* ids of the most bytes kept, ending in 8: the 9 is derived, the 10
	 * would be a byte too long and is kept as text (cut) */
	assert_int_equal(cen__graph_init(&g, 0), 0);
	a = vx(&g, "A");
	b = vx(&g, "B");
	memset(buf, 'q', CEN__GRAPH_MAX_ID);
	for (int i = 0; i < 3; i++) {
		uint64_t seq;
		buf[CEN__GRAPH_MAX_ID - 1] = (char)('8' + i);
		if (i == 2)
			memcpy(buf + CEN__GRAPH_MAX_ID - 1, "10", 2);
		t.id.ptr = buf;
		t.id.len = CEN__GRAPH_MAX_ID + (i == 2);
		assert_int_equal(cen__graph_add(&g, &t, a, b, i, 100, &seq), 0);
	}
	assert_int_equal(g.id_used, 2 * (CEN__GRAPH_MAX_ID + 1));
	for (uint64_t s = 0; s < 3; s++) {
		cen_slice id = cen__graph_edge_id(&g, s, tmp, sizeof tmp);
		assert_int_equal(id.len, CEN__GRAPH_MAX_ID);
		assert_int_equal(id.ptr[CEN__GRAPH_MAX_ID - 2], 'q');
		assert_int_equal(id.ptr[CEN__GRAPH_MAX_ID - 1], s == 2 ? '1' : (char)('8' + s));
	}
	cen__graph_release(&g);
}

static int collect(void *ctx, const uint64_t *edges, size_t n)
{
	size_t *found = ctx;
	found[n]++;
	(void)edges;
	return 0;
}

/* Every vertex is one cache line, small graphs too: the array starts on a
 * line as it grows from a few vertices past the size where allocations
 * come from huge-page-aligned blocks, and keeps its vertices. */
static void test_vertices_on_lines(void **state)
{
	(void)state;
	cen__graph g;
	assert_int_equal(cen__graph_init(&g, 0), 0);
	char name[32];
	for (uint32_t i = 0; i < 70000; i++) {
		snprintf(name, sizeof name, "B:%u", i);
		uint32_t id = vx(&g, name);
		assert_int_equal(id, i);
		assert_int_equal((uintptr_t)g.v & 63, 0);
		g.v[id].fan_in = i; /* a mark the growth must carry */
	}
	for (uint32_t i = 0; i < 70000; i += 997)
		assert_int_equal(g.v[i].fan_in, i);
	cen__graph_release(&g);
}

static void test_temporal_cycles(void **state)
{
	(void)state;
	cen__graph g;
	assert_int_equal(cen__graph_init(&g, 0), 0);
	/* A->B->C->A in increasing time: one 3-cycle closed by the last edge. */
	add(&g, "A", "B", 1, 1000, NULL);
	add(&g, "B", "C", 2, 1000, NULL);
	add(&g, "X", "C", 2, 1000, NULL);
	uint64_t close = add(&g, "C", "A", 3, 1000, NULL);
	size_t found[CEN__CYCLE_MAX_LEN + 1] = {0};
	cen__cycle_query q = {.min_len = 2, .max_len = 6, .window = 10, .budget = 1000,
			      .fn = collect, .ctx = found};
	assert_int_equal(cen__graph_cycles(&g, close, &q), 0);
	assert_int_equal(found[3], 1);
	/* Time order matters: D->E at 5 then E->D at 4 is not a temporal cycle. */
	add(&g, "E", "D", 4, 1000, NULL);
	uint64_t de = add(&g, "D", "E", 5, 1000, NULL);
	memset(found, 0, sizeof found);
	assert_int_equal(cen__graph_cycles(&g, de, &q), 0);
	assert_int_equal(found[2], 1); /* E->D (4) then D->E (5) */
	uint64_t late = add(&g, "B", "A", 6, 1000, NULL); /* A->B at 1, B->A at 6 */
	memset(found, 0, sizeof found);
	q.window = 3; /* span 5 > 3: outside the window */
	assert_int_equal(cen__graph_cycles(&g, late, &q), 0);
	assert_int_equal(found[2], 0);
	q.window = 10;
	assert_int_equal(cen__graph_cycles(&g, late, &q), 0);
	assert_int_equal(found[2], 1);
	/* Amounts: a hop 10x bigger breaks the chain when hop_ratio is set. */
	add(&g, "P", "Q", 7, 100, NULL);
	uint64_t qp = add(&g, "Q", "P", 8, 100000, NULL);
	memset(found, 0, sizeof found);
	q.hop_ratio = 0.5;
	assert_int_equal(cen__graph_cycles(&g, qp, &q), 0);
	assert_int_equal(found[2], 0);
	cen__graph_release(&g);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_counts_and_eviction),
		cmocka_unit_test(test_growth_and_cap),
		cmocka_unit_test(test_evict_past_cap),
		cmocka_unit_test(test_pair_counts_random),
		cmocka_unit_test(test_marks_after_table),
		cmocka_unit_test(test_pairs_reserve),
		cmocka_unit_test(test_evict_hints),
		cmocka_unit_test(test_marks_out_of_memory),
		cmocka_unit_test(test_ring_shrinks),
		cmocka_unit_test(test_ring_growth_rate),
		cmocka_unit_test(test_ring_lines_merge),
		cmocka_unit_test(test_id_longest),
		cmocka_unit_test(test_id_derived),
		cmocka_unit_test(test_ring_entry_ranges),
		cmocka_unit_test(test_ring_entry_card),
		cmocka_unit_test(test_edge_word),
		cmocka_unit_test(test_payees_filter_forgets),
		cmocka_unit_test(test_log_chunks),
		cmocka_unit_test(test_log_chunk_failed_add),
		cmocka_unit_test(test_id_text),
		cmocka_unit_test(test_temporal_cycles),
		cmocka_unit_test(test_vertices_on_lines),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
