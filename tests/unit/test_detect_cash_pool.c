/* test_detect_cash_pool.c - the cash detectors' block pool (cash_pool.c)
 * and the event queues built on it: a block given back is the next one of
 * its class given out, growth keeps the records, large blocks go back to
 * the system, a queue that grows, wraps and empties keeps its events
 * in order, and presized arrays read as zero until set. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "detect/cash_det.h"

typedef struct rec {
	uint64_t a, b;
} rec;

/* A block given back is reused by the next get of its class, LIFO; a
 * class with none given back splits the smallest larger one given back. */
static void test_reuse_by_class(void **state)
{
	(void)state;
	cen__pool p;
	cen__pool_init(&p, sizeof(rec));
	void *x = cen__pool_get(&p, 0), *y = cen__pool_get(&p, 0), *z = cen__pool_get(&p, 2);
	assert_non_null(x);
	assert_non_null(y);
	assert_non_null(z);
	assert_ptr_not_equal(x, y);
	size_t held = p.arena.total;
	cen__pool_put(&p, x, 0);
	cen__pool_put(&p, y, 0);
	cen__pool_put(&p, z, 2);
	assert_ptr_equal(cen__pool_get(&p, 0), y);
	assert_ptr_equal(cen__pool_get(&p, 0), x);
	/* class 1 has none given back: z (class 2) is split, its upper half
	 * waits on class 1's list */
	assert_ptr_equal(cen__pool_get(&p, 1), z);
	assert_ptr_equal(cen__pool_get(&p, 1), (rec *)z + 2);
	void *w = cen__pool_get(&p, 1); /* none left to split: new */
	assert_true(w != x && w != y && w != z && w != (rec *)z + 2);
	assert_int_equal(p.arena.total, held); /* carved from the same chunk */
	cen__pool_put(&p, NULL, 3); /* nothing */
	cen__pool_release(&p);
	assert_int_equal(p.arena.total, 0);
	/* Usable again after a release. */
	assert_non_null(cen__pool_get(&p, 0));
	cen__pool_release(&p);
	/* A pool its owner zeroed but never initialised is released too. */
	cen__pool zp;
	memset(&zp, 0, sizeof zp);
	cen__pool_release(&zp);
}

/* Growing doubles the room, copies the records asked for (from inside
 * the block or not) and gives the old block back for the next get. */
static void test_grow_copies_and_gives_back(void **state)
{
	(void)state;
	cen__pool p;
	cen__pool_init(&p, sizeof(rec));
	rec *r = cen__pool_get(&p, 2);
	for (uint64_t i = 0; i < 4; i++)
		r[i] = (rec){i, 10 * i};
	rec *g = cen__pool_grow(&p, r, 2, r + 1, 3);
	assert_non_null(g);
	for (uint64_t i = 0; i < 3; i++) {
		assert_int_equal(g[i].a, i + 1);
		assert_int_equal(g[i].b, 10 * (i + 1));
	}
	assert_ptr_equal(cen__pool_get(&p, 2), r);
	cen__pool_release(&p);
}

/* Blocks past CEN__POOL_SMALL are the system's: given back at once, and
 * those still held are freed by the release (ASan checks both). */
static void test_large_blocks(void **state)
{
	(void)state;
	cen__pool p;
	cen__pool_init(&p, sizeof(rec));
	unsigned big = 0;
	while ((sizeof(rec) << big) <= CEN__POOL_SMALL)
		big++;
	rec *a = cen__pool_get(&p, big), *b = cen__pool_get(&p, big + 1);
	rec *c = cen__pool_get(&p, big);
	assert_non_null(a);
	assert_non_null(b);
	assert_non_null(c);
	memset(b, 0x5a, sizeof(rec) << (big + 1));
	assert_int_equal(p.arena.total, 0); /* none from the arena */
	cen__pool_put(&p, b, big + 1);          /* middle of the list */
	cen__pool_put(&p, c, big);              /* head of the list */
	rec *d = cen__pool_grow(&p, a, big, a, 1); /* the last one held */
	assert_non_null(d);
	assert_null(cen__pool_get(&p, CEN__POOL_CLASSES));
	cen__pool_release(&p); /* d still held */
}

/* A queue grows from one event, reuses its evicted front, empties, and a
 * burst's block goes back to the pool; events stay in time order. */
static void test_queue_on_pool(void **state)
{
	(void)state;
	cen__pool p;
	cen__pool_init(&p, sizeof(cen__ev));
	cen__idpool ids;
	cen__idpool_init(&ids);
	cen__evq q = {0};
	cen__ev *e;
	for (int64_t ts = 1; ts <= 8; ts++) {
		assert_int_equal(cen__evq_push(&q, &p, ts, &e), 0);
		e->amount = 100 * ts;
	}
	assert_int_equal(q.cap, 8);
	cen__evq_evict(&q, 5, &ids, &p); /* 1..5 go */
	assert_int_equal(q.n - q.head, 3);
	assert_int_equal(q.first, 6); /* the front's time, kept in the queue */
	assert_int_equal(cen__evq_push(&q, &p, 9, &e), 0); /* into the evicted front */
	e->amount = 900;
	assert_int_equal(q.cap, 8);
	assert_int_equal(q.head, 0);
	for (int64_t ts = 10; ts <= 14; ts++) { /* then grows */
		assert_int_equal(cen__evq_push(&q, &p, ts, &e), 0);
		e->amount = 100 * ts;
	}
	assert_int_equal(q.cap, 16);
	assert_int_equal(q.n - q.head, 9);
	for (size_t k = q.head; k < q.n; k++) {
		assert_int_equal(q.ev[k].ts, (int64_t)(k - q.head) + 6);
		assert_int_equal(q.ev[k].amount, 100 * q.ev[k].ts);
	}
	/* A burst past 64 events: emptied, its block goes back. */
	for (int64_t ts = 15; ts <= 200; ts++) {
		assert_int_equal(cen__evq_push(&q, &p, ts, &e), 0);
		assert_int_equal(e->ts, ts);
	}
	cen__ev *burst = q.ev;
	unsigned cls = cen__pool_cls(q.cap);
	cen__evq_evict(&q, 200, &ids, &p);
	assert_null(q.ev);
	assert_int_equal(q.cap, 0);
	assert_ptr_equal(cen__pool_get(&p, cls), burst);
	cen__pool_release(&p);
	cen__idpool_release(&ids);
}

/* Presized arrays read as zero everywhere, small or large (core/alloc.c
 * maps those of 1.75 MiB and more on their own), and growing past the
 * presized room keeps what was set; presized queues read as empty. */
static void test_presized_arrays(void **state)
{
	(void)state;
	static const size_t ns[] = {1000, (1u << 20) / 4 + 7, (4u << 20) / 4, (5u << 20) / 4};
	for (size_t k = 0; k < sizeof ns / sizeof ns[0]; k++) {
		cen__acct_memo m = {0};
		size_t n = ns[k];
		assert_int_equal(cen__memo_presize(&m, n), 0);
		assert_int_equal(m.cap, n);
		for (size_t i = 0; i < n; i++)
			assert_int_equal(m.id[i], 0);
		assert_int_equal(cen__memo_set(&m, 1, 7), 0);
		assert_int_equal(cen__memo_set(&m, (uint32_t)n, 9), 0);
		assert_int_equal(cen__memo_set(&m, (uint32_t)(2 * n + 5), 11), 0); /* grows */
		assert_int_equal(cen__memo_get(&m, 1), 7);
		assert_int_equal(cen__memo_get(&m, (uint32_t)n), 9);
		assert_int_equal(cen__memo_get(&m, (uint32_t)(2 * n + 5)), 11);
		assert_int_equal(cen__memo_get(&m, (uint32_t)(n + 1)), 0);
		assert_int_equal(cen__memo_get(&m, (uint32_t)(2 * n + 4)), 0);
		cen__acct_memo_release(&m);
	}
	cen__evq *qs = NULL;
	size_t nq = 0, cap = 0;
	assert_int_equal(cen__evqs_presize(&qs, &cap, 100000), 0);
	assert_int_equal(cap, 100000);
	assert_int_equal(cen__evqs_reserve(&qs, &nq, &cap, 40), 0);
	assert_int_equal(nq, 41);
	for (size_t i = 0; i < nq; i++)
		assert_true(!qs[i].ev && !qs[i].head && !qs[i].n && !qs[i].cap);
	cen_free(qs);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_reuse_by_class),
		cmocka_unit_test(test_grow_copies_and_gives_back),
		cmocka_unit_test(test_large_blocks),
		cmocka_unit_test(test_queue_on_pool),
		cmocka_unit_test(test_presized_arrays),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
