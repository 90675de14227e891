/* test_core_alloc.c - the library's allocation functions (core/alloc.c):
 * small and large blocks made, grown, shrunk, moved between the two kinds
 * and freed, with their bytes kept.
 *
 * What must hold: cen_realloc keeps min(old, new) bytes whichever kinds
 * the old and new sizes are; cen_calloc's bytes are zero at any size;
 * cen_malloc's blocks of 4 MiB or more start on a 2 MiB boundary; every
 * block is freed the way it was made (a large block freed as a malloc'd
 * one, or one the table of large blocks lost, aborts in free); the fail
 * hook fails large allocations too. Under AddressSanitizer the large
 * blocks come from malloc (alloc.c), and the same checks hold.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "centinela/core.h"

#define MIB ((size_t)1 << 20)

/* Bytes at a few places of the first n of p: a pattern of seed, so that a
 * lost or shifted copy shows (writing every byte of many MiB would only
 * slow the test). */
static size_t probe_at(size_t n, unsigned k)
{
	static const size_t at[] = {0, 1, 4095, 4096, (size_t)1 << 20, ((size_t)2 << 20) - 1,
				    (size_t)2 << 20, ((size_t)3 << 20) + 7};
	return k < sizeof at / sizeof at[0] && at[k] < n ? at[k] : n - 1;
}

static void mark(unsigned char *p, size_t n, unsigned seed)
{
	for (unsigned k = 0; k < 8; k++)
		p[probe_at(n, k)] = (unsigned char)(seed + k * 31);
	p[n - 1] = (unsigned char)(seed ^ 0x5a);
}

static void check_marked(const unsigned char *p, size_t n, unsigned seed)
{
	assert_int_equal(p[n - 1], (unsigned char)(seed ^ 0x5a));
	for (unsigned k = 0; k < 8; k++) {
		size_t i = probe_at(n, k);
		if (i != n - 1)
			assert_int_equal(p[i], (unsigned char)(seed + k * 31));
	}
}

/* Every pair of kinds (small, 1 MiB, a whole number of 2 MiB, just past
 * one, several MiB), up and down: the common bytes are kept. */
static void test_realloc_keeps_bytes(void **state)
{
	(void)state;
	static const size_t sizes[] = {100,
				       64 * 1024,
				       MIB - 1,
				       MIB,
				       2 * MIB,
				       2 * MIB + 100,
				       4 * MIB + 64,
				       6 * MIB + 300 * 1024,
				       9 * MIB};
	size_t ns = sizeof sizes / sizeof sizes[0];
	for (size_t i = 0; i < ns; i++) {
		for (size_t j = 0; j < ns; j++) {
			unsigned char *p = cen_malloc(sizes[i]);
			assert_non_null(p);
			mark(p, sizes[i], (unsigned)(i * 7 + j));
			unsigned char *q = cen_realloc(p, sizes[j]);
			assert_non_null(q);
			size_t keep = sizes[i] < sizes[j] ? sizes[i] : sizes[j];
			if (keep == sizes[i]) {
				check_marked(q, keep, (unsigned)(i * 7 + j));
			} else {
				assert_int_equal(q[0], (unsigned char)(i * 7 + j));
			}
			q[sizes[j] - 1] = 1; /* all of the new size is there */
			cen_free(q);
		}
	}
}

/* A block grown many times by doubling, as the tables grow. */
static void test_realloc_doubling(void **state)
{
	(void)state;
	size_t n = 4096;
	unsigned char *p = cen_malloc(n);
	assert_non_null(p);
	mark(p, n, 3);
	while (n < 32 * MIB) {
		p = cen_realloc(p, n * 2);
		assert_non_null(p);
		check_marked(p, n, 3);
		n *= 2;
		mark(p, n, 3);
	}
	cen_free(p);
}

static void test_calloc_zero_and_aligned(void **state)
{
	(void)state;
	static const size_t sizes[] = {16, MIB, 3 * MIB + 5, 4 * MIB, 10 * MIB + 1};
	for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
		unsigned char *p = cen_calloc(1, sizes[i]);
		assert_non_null(p);
		for (unsigned k = 0; k < 8; k++)
			assert_int_equal(p[probe_at(sizes[i], k)], 0);
		/* a block freed and made again comes back zeroed too */
		mark(p, sizes[i], 9);
		cen_free(p);
		p = cen_calloc(sizes[i], 1);
		assert_non_null(p);
		for (unsigned k = 0; k < 8; k++)
			assert_int_equal(p[probe_at(sizes[i], k)], 0);
		cen_free(p);
		if (sizes[i] >= 4 * MIB) { /* from cen_malloc with either kind */
			p = cen_malloc(sizes[i]);
			assert_non_null(p);
			assert_int_equal((uintptr_t)p % (2 * MIB), 0);
			cen_free(p);
		}
	}
}

/* More large blocks live at once than the table's first room, freed and
 * moved in a scrambled order: each is still known by its start (a lost
 * entry would be freed by free() and abort). */
static void test_many_large_blocks(void **state)
{
	(void)state;
	enum { N = 150 };
	unsigned char *p[N];
	for (unsigned i = 0; i < N; i++) {
		p[i] = cen_malloc(2 * MIB + i);
		assert_non_null(p[i]);
		if (i % 16 == 0)
			mark(p[i], 2 * MIB + i, i);
	}
	for (unsigned k = 0; k < N; k++) {
		unsigned i = (k * 37) % N;
		if (k % 3 == 0) {
			p[i] = cen_realloc(p[i], 4 * MIB + 4096 + i);
			assert_non_null(p[i]);
			if (i % 16 == 0)
				check_marked(p[i], 2 * MIB + i, i);
		} else {
			cen_free(p[i]);
			p[i] = NULL;
		}
	}
	for (unsigned i = 0; i < N; i++)
		cen_free(p[i]);
}

static void test_fail_hook_large(void **state)
{
	(void)state;
	cen_alloc_fail_after(0);
	assert_null(cen_malloc(8 * MIB));
	void *p = cen_malloc(8 * MIB);
	assert_non_null(p);
	cen_alloc_fail_after(0);
	assert_null(cen_realloc(p, 16 * MIB)); /* p is left as it was */
	cen_alloc_fail_after(0);
	assert_null(cen_calloc(1, 4 * MIB));
	cen_free(p);
	cen_free(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_realloc_keeps_bytes),
		cmocka_unit_test(test_realloc_doubling),
		cmocka_unit_test(test_calloc_zero_and_aligned),
		cmocka_unit_test(test_many_large_blocks),
		cmocka_unit_test(test_fail_hook_large),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
