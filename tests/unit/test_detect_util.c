/* test_detect_util.c - helpers the structural detectors share
 * (src/detect/det_util.h): the id set whose payee bits spare most looks,
 * the distinct counterparties of a ring, the memory of alerted keys
 * (cen__seen) and the gates' thresholds in cents, against plain models. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "core/hash.h"
#include "detect/det_util.h"

static uint64_t rnd(uint64_t *s)
{
	*s = *s * 6364136223846793005ULL + 1442695040888963407ULL;
	return *s >> 33;
}

/* Sets of a few ids to hundreds (the bits then all set), drawn from
 * ranges that make them repeat: each id once, in the order it first
 * came, as a linear search keeps them. */
static void test_idset_matches_model(void **state)
{
	(void)state;
	uint64_t s = 11;
	for (int round = 0; round < 400; round++) {
		uint32_t ids[512], model[512];
		size_t n = 0, nm = 0;
		uint64_t seen = 0;
		uint32_t range = 1 + (uint32_t)(rnd(&s) % (round < 200 ? 40 : 5000));
		for (int k = 0; k < 512 && nm < 512; k++) {
			uint32_t x = (uint32_t)(rnd(&s) % range) * 2654435761u;
			size_t j = 0;
			while (j < nm && model[j] != x)
				j++;
			int fresh = j == nm;
			if (fresh)
				model[nm++] = x;
			assert_int_equal(cen__idset_add(ids, &n, &seen, x), fresh);
			assert_int_equal(n, nm);
		}
		assert_memory_equal(ids, model, n * sizeof *ids);
		for (size_t j = 0; j < n; j++)
			assert_true(seen & cen__payee_bit(ids[j]));
	}
}

static uint32_t vx(cen__graph *g, const char *name)
{
	uint32_t id;
	int is_new;
	assert_int_equal(cen__graph_vertex(g, name, strlen(name), &id, &is_new), 0);
	return id;
}

/* The counterparties of a ring that wraps in its block (the window
 * slides): newest first, each once, only amounts from min_amount on and
 * times from tmin on, skip left out, at most max of them among the
 * newest scan_max entries. */
static void test_neighbors_match_model(void **state)
{
	(void)state;
	cen__graph g;
	assert_int_equal(cen__graph_init(&g, 0), 0);
	char name[16];
	uint32_t hub = vx(&g, "HUB"), peer[60];
	for (int i = 0; i < 60; i++) {
		snprintf(name, sizeof name, "P%d", i);
		peer[i] = vx(&g, name);
	}
	cen_txn t;
	memset(&t, 0, sizeof t);
	uint64_t s = 3, seq;
	for (int64_t ts = 0; ts < 3000; ts++) {
		uint32_t p = peer[rnd(&s) % (ts < 1500 ? 60 : 12)];
		t.row = (uint64_t)ts + 1;
		assert_int_equal(cen__graph_add(&g, &t, p, hub, ts, (int64_t)(rnd(&s) % 1000), &seq), 0);
		cen__graph_evict(&g, ts - 150);
		if (ts % 7)
			continue;
		const cen__ring *r = &g.v[hub].in;
		int64_t tmin = ts - (int64_t)(rnd(&s) % 160), min_amount = (int64_t)(rnd(&s) % 600);
		uint32_t skip = rnd(&s) % 2 ? peer[rnd(&s) % 12] : UINT32_MAX;
		size_t max = 1 + rnd(&s) % 20, scan_max = 1 + rnd(&s) % 200;
		uint32_t out[64], model[64];
		size_t n = cen__neighbors(&g, r, tmin, min_amount, skip, out, max, scan_max), nm = 0;
		for (uint32_t i = r->len, scanned = 0; i-- > 0 && scanned < scan_max && nm < max;
		     scanned++) {
			const cen__adj *a = cen__ring_adj(r, i);
			if (cen__adj_ts(&g, a) < tmin)
				break;
			if (a->other == skip || cen__adj_amount(&g, a) < min_amount)
				continue;
			size_t j = 0;
			while (j < nm && model[j] != a->other)
				j++;
			if (j == nm)
				model[nm++] = a->other;
		}
		assert_int_equal(n, nm);
		assert_memory_equal(out, model, n * sizeof *out);
	}
	cen__graph_release(&g);
}

/* Keys whose hashes share their low 16 bits (the slot a direct-mapped
 * memory of 65536 slots gave them) are each remembered: neither forgets
 * the other, whatever order they come in. */
static void test_seen_keys_do_not_collide(void **state)
{
	(void)state;
	uint64_t keys[8];
	size_t n = 0;
	uint64_t low = cen__hash_u64(1) & 0xffff;
	for (uint64_t k = 1; n < 8; k++)
		if ((cen__hash_u64(k) & 0xffff) == low)
			keys[n++] = k;
	cen__seen s;
	assert_int_equal(cen__seen_init(&s, 100), 0);
	for (size_t i = 0; i < n; i++) {
		assert_false(cen__seen_recent(&s, keys[i], 1000));
		assert_int_equal(cen__seen_mark(&s, keys[i], 1000), 0);
	}
	for (size_t i = 0; i < n; i++)
		assert_true(cen__seen_recent(&s, keys[i], 1050));
	cen__seen_release(&s);
}

/* Random marks and questions against a list of every key's last mark,
 * the clock moving on: recent exactly when marked less than the cooldown
 * ago; and the table, grown past its first size many times over, holds
 * only about the keys still inside the cooldown. */
static void test_seen_matches_model(void **state)
{
	(void)state;
	enum { KEYS = 3000, COOL = 50 };
	static int64_t last[KEYS];
	for (size_t i = 0; i < KEYS; i++)
		last[i] = INT64_MIN;
	cen__seen s;
	assert_int_equal(cen__seen_init(&s, COOL), 0);
	uint64_t r = 7;
	int64_t now = 0;
	size_t most = 0;
	for (int step = 0; step < 200000; step++) {
		now += (int64_t)(rnd(&r) % 3);
		uint64_t k = rnd(&r) % KEYS;
		uint64_t key = k * 0x9E3779B97F4A7C15ull; /* any 64-bit value */
		int want = last[k] != INT64_MIN && last[k] > now - COOL;
		assert_int_equal(cen__seen_recent(&s, key, now), want);
		if (rnd(&r) % 4 == 0) {
			assert_int_equal(cen__seen_mark(&s, key, now), 0);
			last[k] = now;
		}
		most = s.mask + 1 > most ? s.mask + 1 : most;
	}
	/* about 25 marks a cooldown are alive at once: the table never
	 * needed the room of all 3000 keys */
	assert_true(most <= 512);
	cen__seen_release(&s);
}

/* The gate's threshold in cents says what the comparison in dollars
 * says, at the threshold, around it and anywhere, for thresholds of whole
 * cents, of fractions of a cent, negative, huge, zero and NaN. */
static void test_cents_not_below_matches_dollars(void **state)
{
	(void)state;
	uint64_t r = 3;
	const double fixed[] = {0.0, -0.0, 1000.0, 0.1, 0.01, 0.015, -5.0, 1e-300, 123456.785,
				1e15, 9.3e16, -9.3e16, (double)NAN};
	enum { NFIXED = sizeof fixed / sizeof fixed[0] };
	for (int k = 0; k < NFIXED + 3000; k++) {
		double d = k < NFIXED ? fixed[k]
			   : k % 2 ? (double)(int64_t)(rnd(&r) % 2000000) / 100.0 - 1000.0
				   : (double)rnd(&r) / 1e3 * (rnd(&r) % 2 ? 1 : -1);
		int64_t t = cen__cents_not_below(d);
		for (int64_t j = -3; j <= 3; j++) {
			int64_t a = (int64_t)((uint64_t)t + (uint64_t)j);
			if ((j < 0 && a > t) || (j > 0 && a < t) || a == INT64_MAX)
				continue; /* wrapped past an end; INT64_MAX is not told */
			assert_int_equal(cen__dollars(a) < d, a < t);
		}
		for (int i = 0; i < 50; i++) {
			int64_t a = (int64_t)(rnd(&r) << 31 ^ rnd(&r)) - (int64_t)(rnd(&r) << 20);
			assert_int_equal(cen__dollars(a) < d, a < t);
		}
	}
	assert_int_equal(cen__cents_not_below((double)NAN), INT64_MIN);
	assert_int_equal(cen__cents_not_below(1000.0), 100000);
	assert_int_equal(cen__cents_not_below(0.015), 2); /* 0.01 < 0.015 <= 0.02 */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_idset_matches_model),
		cmocka_unit_test(test_neighbors_match_model),
		cmocka_unit_test(test_seen_keys_do_not_collide),
		cmocka_unit_test(test_seen_matches_model),
		cmocka_unit_test(test_cents_not_below_matches_dollars),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
