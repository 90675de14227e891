/* test_txn_data.c - the transaction reader on the shared real data: the
 * AMLSim sample through a column mapping (skipped when the data is absent). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "centinela/txn.h"

static const char *data_dir(void)
{
	const char *d = getenv("CENTINELA_DATA");
	return d && *d ? d : CEN_TEST_DATA_DIR;
}

static void test_amlsim_mapping(void **state)
{
	(void)state;
	char path[4096];
	snprintf(path, sizeof path, "%s/amlsim/transactions.csv", data_dir());
	if (access(path, R_OK) != 0) {
		fprintf(stderr, "skipped: %s not found (set CENTINELA_DATA)\n", path);
		skip();
	}
	cen_txn_reader_opts o = {0};
	o.columns = "src=sourceNodeId,dst=targetNodeId,amount=value,time=time";
	o.time_unit = CEN_TIME_STEP;
	cen_txn_reader *r;
	assert_int_equal(cen_txn_reader_open(&r, path, &o), 0);
	cen_txn t;
	int rc;
	uint64_t n = 0, last_row = 0;
	int64_t tmin = INT64_MAX, tmax = INT64_MIN, sum_first = 0;
	while ((rc = cen_txn_reader_next(r, &t)) != 0) {
		assert_int_equal(rc, 1);
		n++;
		assert_int_equal(t.row, last_row + 1);
		last_row = t.row;
		assert_true(t.orig_acct.len > 0 && t.bene_acct.len > 0);
		assert_true(t.amount > 0);
		assert_int_equal(t.base_amount, t.amount);
		assert_int_equal(t.ts % 86400, 0);
		if (t.ts < tmin)
			tmin = t.ts;
		if (t.ts > tmax)
			tmax = t.ts;
		if (n <= 2)
			sum_first += t.amount;
	}
	assert_int_equal(n, 117805);
	assert_int_equal(sum_first, 14780 + 10406); /* 147.8 + 104.06 */
	assert_true(tmin >= 0 && tmax > tmin);
	cen_txn_counts c;
	cen_txn_reader_counts(r, &c);
	assert_int_equal(c.rows, 117805);
	assert_int_equal(c.rejected, 0);
	uint64_t done, total;
	cen_txn_reader_progress(r, &done, &total);
	assert_true(total > 0);
	assert_int_equal(done, total);
	cen_txn_reader_free(r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_amlsim_mapping),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
