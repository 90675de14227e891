/* test_detect_cash_keys.c - the cash adapter's table of keys
 * (cash_keys.c): ids in the order first put, the same id for the same
 * bytes however the table has grown, copies that keep their text and
 * address, and failures of allocation reported, not hidden. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "detect/cash_det.h"

/* 50,000 keys (the slot table doubles many times, copies fill several
 * chunks): each gets the next id, is found again with it, and its copy
 * keeps its text and its address; prefixes, empty and long keys are
 * keys of their own. */
static void test_ids_in_order_through_growth(void **state)
{
	(void)state;
	enum { N = 50000 };
	cen__keys k;
	cen__keys_init(&k);
	static const char *first[N];
	char buf[32];
	for (int i = 0; i < N; i++) {
		int n = snprintf(buf, sizeof buf, "p:P%d", i);
		assert_int_equal(cen__keys_put(&k, buf, (size_t)n), i);
		first[i] = k.strs[i];
	}
	assert_int_equal(k.count, N);
	assert_true(4 * k.count <= 3 * k.nslots);
	for (int i = N - 1; i >= 0; i -= 7) {
		int n = snprintf(buf, sizeof buf, "p:P%d", i);
		assert_int_equal(cen__keys_put(&k, buf, (size_t)n), i);
		assert_ptr_equal(k.strs[i], first[i]);
		assert_string_equal(k.strs[i], buf);
		assert_int_equal(k.lens[i], n);
	}
	assert_int_equal(k.count, N);
	/* "p:P1" against its prefixes and the empty key */
	assert_int_equal(cen__keys_put(&k, "p:P1", 3), N);
	assert_int_equal(cen__keys_put(&k, "", 0), N + 1);
	assert_int_equal(cen__keys_put(&k, "p:P1", 4), 1);
	assert_int_equal(cen__keys_put(&k, "", 0), N + 1);
	char big[100000];
	memset(big, 'z', sizeof big);
	assert_int_equal(cen__keys_put(&k, big, sizeof big), N + 2);
	assert_int_equal(cen__keys_put(&k, big, sizeof big), N + 2);
	assert_int_equal(k.lens[N + 2], sizeof big);
	assert_int_equal(k.strs[N + 2][sizeof big], '\0');
	assert_string_equal(k.strs[1], "p:P1");
	cen__keys_release(&k);
	assert_int_equal(k.count, 0);
	cen__keys_release(&k); /* released twice: nothing left to free */
}

/* Allocation failing at each step of a put: CEN_ENOMEM, and the keys put
 * before stay with their ids. */
static void test_out_of_memory(void **state)
{
	(void)state;
	for (int fail = 0; fail < 8; fail++) {
		cen__keys k;
		cen__keys_init(&k);
		char buf[16];
		int64_t got = 0;
		int i = 0;
		cen_alloc_fail_after(fail);
		for (; i < 2000 && got >= 0; i++) {
			int n = snprintf(buf, sizeof buf, "z%d", i);
			got = cen__keys_put(&k, buf, (size_t)n);
		}
		cen_alloc_fail_after(-1);
		assert_int_equal(got, CEN_ENOMEM);
		for (int j = 0; j + 1 < i; j++) {
			int n = snprintf(buf, sizeof buf, "z%d", j);
			assert_int_equal(cen__keys_put(&k, buf, (size_t)n), j);
		}
		cen__keys_release(&k);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ids_in_order_through_growth),
		cmocka_unit_test(test_out_of_memory),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
