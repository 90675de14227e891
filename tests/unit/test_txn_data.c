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

/* IBM GFP example edge lists: every edge read, ids and times as written. */
static void test_gfp_edges(void **state)
{
	(void)state;
	static const char *const files[] = {"aml_custom_train.txt", "aml_custom_test.txt"};
	for (size_t i = 0; i < 2; i++) {
		char path[4096];
		snprintf(path, sizeof path, "%s/gfp/%s", data_dir(), files[i]);
		if (access(path, R_OK) != 0) {
			fprintf(stderr, "skipped: %s not found (set CENTINELA_DATA)\n", path);
			skip();
		}
		/* Count data lines independently of the reader. */
		FILE *f = fopen(path, "r");
		assert_non_null(f);
		char line[256];
		uint64_t want = 0;
		while (fgets(line, sizeof line, f))
			if (line[0] != '#' && line[0] != '\n')
				want++;
		fclose(f);
		cen_txn_reader_opts o = {0};
		o.no_header = 1;
		o.sep = ' ';
		o.comment = '#';
		o.columns = "id=#1,src=#2,dst=#3,time=#4";
		cen_txn_reader *r;
		assert_int_equal(cen_txn_reader_open(&r, path, &o), 0);
		cen_txn t;
		int rc;
		uint64_t n = 0;
		int64_t last = INT64_MIN;
		while ((rc = cen_txn_reader_next(r, &t)) != 0) {
			assert_int_equal(rc, 1);
			assert_true(t.id.len > 0);
			assert_true(t.ts >= last); /* the examples are in time order */
			last = t.ts;
			n++;
		}
		assert_true(want > 0);
		assert_int_equal(n, want);
		cen_txn_reader_free(r);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_amlsim_mapping),
		cmocka_unit_test(test_gfp_edges),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
