/* test_detect_engine.c - the engine around the detectors: records shuffled
 * within the reorder tolerance are sorted (a cycle whose hops arrive out of
 * order is still found), a record later than the tolerance is reported with
 * its line and processed at the clock, alerts come out as soon as they are
 * certain (before finish), the window evicts, and bad configuration is
 * refused with a message. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "centinela/rules.h"
#include "detect_harness.h"

struct diags {
	int n;
	uint64_t line;
	char field[32];
};

static void on_diag(void *ctx, int severity, const char *file, uint64_t line,
		    const char *field, const char *msg)
{
	struct diags *d = ctx;
	(void)severity;
	(void)file;
	(void)msg;
	d->n++;
	d->line = line;
	snprintf(d->field, sizeof d->field, "%s", field ? field : "");
}

static cen_monitor *with_rules(harness *h, const char *text, cen_rules **rules, cen_diag *diag)
{
	memset(h, 0, sizeof *h);
	cen_buf_init(&h->buf, 0);
	assert_int_equal(cen_rules_parse(text, strlen(text), "t.toml", rules, NULL, 0, NULL), 0);
	cen_monitor_config cfg;
	memset(&cfg, 0, sizeof cfg);
	cfg.rules = *rules;
	cfg.sink = harness_sink;
	cfg.sink_ctx = h;
	cfg.diag = diag;
	cfg.source_name = "t.csv";
	cen_monitor *m = NULL;
	char err[256];
	assert_int_equal(cen_monitor_new(&cfg, &m, err, sizeof err), 0);
	return m;
}

static cen_txn txn(int64_t ts, const char *a, const char *b, int64_t cents, const char *id)
{
	cen_txn t;
	memset(&t, 0, sizeof t);
	t.ts = ts;
	t.orig_acct.ptr = a;
	t.orig_acct.len = strlen(a);
	t.bene_acct.ptr = b;
	t.bene_acct.len = strlen(b);
	t.amount = t.base_amount = cents;
	t.id.ptr = id;
	t.id.len = strlen(id);
	return t;
}

static void test_reorder_within_tolerance(void **state)
{
	(void)state;
	harness h;
	cen_rules *r;
	struct diags dd = {0};
	cen_diag diag = {on_diag, &dd, 0, 0};
	cen_monitor *m = with_rules(&h, "[monitor]\nreorder_tolerance = 3600\n", &r, &diag);
	/* A -> B -> C -> A, hops arriving in the order 2, 1, 3. */
	cen_txn t2 = txn(1000 + 600, "B", "C", 500000, "h2");
	cen_txn t1 = txn(1000, "A", "B", 510000, "h1");
	cen_txn t3 = txn(1000 + 1200, "C", "A", 490000, "h3");
	assert_int_equal(cen_monitor_push_line(m, &t2, 2), 0);
	assert_int_equal(cen_monitor_push_line(m, &t1, 3), 0);
	assert_int_equal(cen_monitor_push_line(m, &t3, 4), 0);
	assert_int_equal(cen_monitor_finish(m), 0);
	assert_int_equal(harness_count(&h, "cycle"), 1);
	assert_non_null(strstr(harness_find(&h, "cycle"), "\"txns\":[\"h1\",\"h2\",\"h3\"]"));
	cen_monitor_stats st;
	cen_monitor_get_stats(m, &st);
	assert_int_equal(st.reordered, 1);
	assert_int_equal(st.late, 0);
	assert_int_equal(dd.n, 0);
	harness_free(&h, m);
	cen_rules_free(r);
}

static void test_late_is_reported_and_processed(void **state)
{
	(void)state;
	harness h;
	cen_rules *r;
	struct diags dd = {0};
	cen_diag diag = {on_diag, &dd, 0, 0};
	cen_monitor *m = with_rules(&h, "", &r, &diag);
	cen_txn a = txn(5000, "X", "Y", 100, "k1");
	cen_txn late = txn(1000, "Y", "X", 100, "k2");
	assert_int_equal(cen_monitor_push_line(m, &a, 2), 0);
	assert_int_equal(cen_monitor_push_line(m, &late, 3), 0);
	assert_int_equal(cen_monitor_finish(m), 0);
	cen_monitor_stats st;
	cen_monitor_get_stats(m, &st);
	assert_int_equal(st.txns, 2);
	assert_int_equal(st.late, 1);
	assert_int_equal(dd.n, 1);
	assert_int_equal(dd.line, 3);
	assert_string_equal(dd.field, "timestamp");
	/* Processed, not dropped: it closes the 2-cycle X -> Y -> X. */
	assert_int_equal(harness_count(&h, "cycle"), 1);
	harness_free(&h, m);
	cen_rules_free(r);
}

static void test_alert_before_finish_and_eviction(void **state)
{
	(void)state;
	harness h;
	cen_monitor *m = harness_new(&h);
	harness_push(m, 100, "P", "Q", 7000, "e1");
	harness_push(m, 200, "Q", "P", 7000, "e2");
	/* Streaming: the cycle is certain when its last edge arrives. */
	assert_int_equal(h.n, 1);
	/* Far later: the window has moved past both edges. */
	harness_push(m, 100 + 30 * 86400, "Z1", "Z2", 10, "e3");
	cen_monitor_stats st;
	cen_monitor_get_stats(m, &st);
	assert_int_equal(st.window_edges, 1);
	assert_int_equal(st.peak_window_edges, 2);
	assert_int_equal(st.accounts, 4);
	assert_int_equal(cen_monitor_finish(m), 0);
	assert_int_equal(cen_monitor_push(m, NULL), CEN_EINVAL); /* after finish */
	harness_free(&h, m);
}

static int no_features(void *ctx, const char *id, const double *v, size_t n)
{
	(void)ctx;
	(void)id;
	(void)v;
	(void)n;
	return 0;
}

static void test_bad_config(void **state)
{
	(void)state;
	const char *bad[] = {"[cycle]\nmax_length = 99\n", "[monitor]\nreorder_tolerance = -5\n",
			     "[fan_in]\nmin_counterparties = 1\n", "[features]\nbins = [3, 2]\n"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		cen_rules *r = NULL;
		assert_int_equal(cen_rules_parse(bad[i], strlen(bad[i]), "t", &r, NULL, 0, NULL), 0);
		cen_monitor_config cfg;
		memset(&cfg, 0, sizeof cfg);
		cfg.rules = r;
		cfg.sink = harness_sink;
		cfg.features = i == 3 ? no_features : NULL;
		cen_monitor *m = (cen_monitor *)&cfg;
		char err[256] = "";
		assert_true(cen_monitor_new(&cfg, &m, err, sizeof err) < 0);
		assert_null(m);
		assert_true(strlen(err) > 5);
		cen_rules_free(r);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_reorder_within_tolerance),
		cmocka_unit_test(test_late_is_reported_and_processed),
		cmocka_unit_test(test_alert_before_finish_and_eviction),
		cmocka_unit_test(test_bad_config),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
