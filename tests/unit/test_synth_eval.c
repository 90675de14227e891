/* test_synth_eval.c - eval: exact precision / recall / F1 on hand-built
 * truth and alerts, per-typology coverage, bad alert lines reported with
 * their line number and skipped, truth files with bad rows, JSON output. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include <jansson.h>

#include "centinela/eval.h"

#define EPS 1e-9

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

typedef struct seen {
	int n;
	uint64_t lines[16];
} seen;

static void record(void *ctx, int severity, const char *file, uint64_t line, const char *field,
		   const char *msg)
{
	seen *s = ctx;
	(void)file;
	(void)field;
	(void)msg;
	assert_int_equal(severity, 2);
	if (s->n < 16)
		s->lines[s->n] = line;
	s->n++;
}

static const cen_eval_typology *find(const cen_eval_result *r, const char *name)
{
	for (size_t i = 0; i < r->n_typologies; i++)
		if (!strcmp(r->typologies[i].name, name))
			return &r->typologies[i];
	return NULL;
}

/* Truth: ctr attempt 1 = T1,T2 (account A:1); cycle attempt 2 = T3,T4,T5
 * (B:2, B:3); fan_in attempt 3 = T6 (C:4). */
static void add_truth(cen_eval *e)
{
	assert_int_equal(cen_eval_add_truth_txn(e, "T1", "ctr", "1"), 0);
	assert_int_equal(cen_eval_add_truth_txn(e, "T2", "ctr", "1"), 0);
	assert_int_equal(cen_eval_add_truth_txn(e, "T3", "cycle", "2"), 0);
	assert_int_equal(cen_eval_add_truth_txn(e, "T4", "cycle", "2"), 0);
	assert_int_equal(cen_eval_add_truth_txn(e, "T5", "cycle", "2"), 0);
	assert_int_equal(cen_eval_add_truth_txn(e, "T6", "fan_in", "3"), 0);
	assert_int_equal(cen_eval_add_truth_account(e, "A:1", "ctr", "1"), 0);
	assert_int_equal(cen_eval_add_truth_account(e, "B:2", "cycle", "2"), 0);
	assert_int_equal(cen_eval_add_truth_account(e, "B:3", "cycle", "2"), 0);
	assert_int_equal(cen_eval_add_truth_account(e, "C:4", "fan_in", "3"), 0);
}

static void check_figures(const cen_eval_result *r)
{
	/* flagged {T1,T9,T3,T4,T5}: 4 of 5 are laundering, 4 of 6 found */
	assert_int_equal(r->txns.truth, 6);
	assert_int_equal(r->txns.flagged, 5);
	assert_int_equal(r->txns.hits, 4);
	assert_float_equal(r->txns.precision, 0.8, EPS);
	assert_float_equal(r->txns.recall, 4.0 / 6.0, EPS);
	assert_float_equal(r->txns.f1, 2 * 0.8 * (4.0 / 6.0) / (0.8 + 4.0 / 6.0), EPS);
	/* T9: not laundering, flagged by the ctr alert alone */
	assert_int_equal(r->ctr_only, 1);
	assert_int_equal(r->txns_without_ctr_only.flagged, 4);
	assert_int_equal(r->txns_without_ctr_only.hits, 4);
	assert_float_equal(r->txns_without_ctr_only.precision, 1.0, EPS);
	assert_float_equal(r->txns_without_ctr_only.f1, 0.8, EPS);
	/* accounts {A:1,B:2,Z:9,B:3} against {A:1,B:2,B:3,C:4} */
	assert_true(r->has_accounts);
	assert_int_equal(r->accounts.truth, 4);
	assert_int_equal(r->accounts.flagged, 4);
	assert_int_equal(r->accounts.hits, 3);
	assert_float_equal(r->accounts.precision, 0.75, EPS);
	assert_float_equal(r->accounts.recall, 0.75, EPS);
	assert_float_equal(r->accounts.f1, 0.75, EPS);

	assert_int_equal(r->n_typologies, 4); /* ctr, fan_in, fan_out, cycle */
	assert_string_equal(r->typologies[0].name, "ctr");
	assert_string_equal(r->typologies[1].name, "fan_in");
	assert_string_equal(r->typologies[2].name, "fan_out");
	assert_string_equal(r->typologies[3].name, "cycle");
	const cen_eval_typology *ctr = find(r, "ctr"), *cyc = find(r, "cycle"),
				*fin = find(r, "fan_in"), *fout = find(r, "fan_out");
	assert_int_equal(ctr->attempts, 1);
	assert_int_equal(ctr->attempts_any, 1);
	assert_int_equal(ctr->attempts_same, 1);
	assert_int_equal(ctr->txns, 2);
	assert_float_equal(ctr->txn_recall_any, 0.5, EPS);
	assert_float_equal(ctr->txn_recall_same, 0.5, EPS);
	assert_int_equal(ctr->alerts, 1);
	assert_int_equal(ctr->alert_txns, 2);
	assert_float_equal(ctr->alert_precision, 0.5, EPS);
	assert_float_equal(ctr->account_recall, 1.0, EPS);

	/* T3 was flagged by a fan_out alert: any, not same */
	assert_int_equal(cyc->txns_any, 3);
	assert_int_equal(cyc->txns_same, 2);
	assert_float_equal(cyc->txn_recall_any, 1.0, EPS);
	assert_float_equal(cyc->txn_recall_same, 2.0 / 3.0, EPS);
	assert_float_equal(cyc->attempt_recall_same, 1.0, EPS);
	assert_int_equal(cyc->accounts, 2);
	assert_float_equal(cyc->account_recall, 1.0, EPS);
	assert_float_equal(cyc->alert_precision, 1.0, EPS);

	assert_int_equal(fin->attempts, 1);
	assert_int_equal(fin->attempts_any, 0);
	assert_float_equal(fin->txn_recall_any, 0.0, EPS);
	assert_float_equal(fin->account_recall, 0.0, EPS);
	assert_int_equal(fin->alerts, 0);

	assert_int_equal(fout->txns, 0);
	assert_int_equal(fout->alerts, 1);
	assert_int_equal(fout->alert_txns, 1);
	assert_float_equal(fout->alert_precision, 1.0, EPS);
	assert_float_equal(fout->txn_recall_any, 0.0, EPS);
}

static void test_exact_figures_api(void **state)
{
	(void)state;
	cen_eval *e;
	assert_int_equal(cen_eval_new(&e), 0);
	add_truth(e);
	const char *a1t[] = {"T1", "T9"}, *a1a[] = {"A:1"};
	const char *a2t[] = {"T3"}, *a2a[] = {"B:2", "Z:9"};
	const char *a3t[] = {"T4", "T5"}, *a3a[] = {"B:3"};
	assert_int_equal(cen_eval_add_alert(e, "ctr", a1t, 2, a1a, 1), 0);
	assert_int_equal(cen_eval_add_alert(e, "fan_out", a2t, 1, a2a, 2), 0);
	assert_int_equal(cen_eval_add_alert(e, "cycle", a3t, 2, a3a, 1), 0);
	cen_eval_result r;
	assert_int_equal(cen_eval_compute(e, &r), 0);
	assert_int_equal(r.alerts, 3);
	assert_int_equal(r.bad_lines, 0);
	check_figures(&r);
	cen_eval_free(e);
}

static void test_exact_figures_files(void **state)
{
	(void)state;
	char dir[] = "/tmp/cen_eval_XXXXXX", p[256], tx[256], ac[256];
	assert_non_null(mkdtemp(dir));
	snprintf(tx, sizeof tx, "%s/truth_txns.csv", dir);
	snprintf(ac, sizeof ac, "%s/truth_accounts.csv", dir);
	snprintf(p, sizeof p, "%s/alerts.jsonl", dir);
	/* Columns in another order; a malformed row (line 5) is reported. */
	write_file(tx, "typology,txn_id,attempt_id\nctr,T1,1\nctr,T2,1\ncycle,T3,2\n\"broken,T7\n"
		       "cycle,T4,2\ncycle,T5,2\nfan_in,T6,3\n");
	write_file(ac, "account,typology,attempt_id\r\nA:1,ctr,1\r\nB:2,cycle,2\r\nB:3,cycle,2\r\n"
		       "C:4,fan_in,3\r\n");
	write_file(p,
		   "{\"alert_id\":1,\"typology\":\"ctr\",\"score\":0.9,\"accounts\":[\"A:1\"],"
		   "\"txns\":[\"T1\",\"T9\"],\"start\":\"2025-01-01T00:00:00Z\",\"end\":"
		   "\"2025-01-01T00:00:00Z\",\"explanation\":\"x\",\"evidence\":{}}\n"
		   "not json at all\n"
		   "\n"
		   "{\"typology\":\"fan_out\",\"txns\":[\"T3\"],\"accounts\":[\"B:2\",\"Z:9\"]}\n"
		   "{\"typology\":\"cycle\",\"txns\":[\"T4\",7,{}],\"accounts\":[]}\n"
		   "{\"txns\":[\"T6\"]}\n"
		   "[\"T6\"]\n"
		   "{\"typology\":\"fan_in\",\"txns\":\"T6\"}\n"
		   "{\"typology\":\"cycle\",\"txns\":[\"T4\",\"T5\"],\"accounts\":[\"B:3\"]}");
	cen_eval *e;
	assert_int_equal(cen_eval_new(&e), 0);
	seen s = {0, {0}};
	cen_diag d = {record, &s, 0, 0};
	assert_int_equal(cen_eval_load_truth(e, dir, &d), 0);
	/* cen_csv reports the broken record and resumes: T4..T6 are loaded. */
	assert_int_equal(s.n, 1);
	int truth_errors = s.n;
	assert_int_equal(s.lines[0], 5);
	assert_int_equal(cen_eval_read_alerts(e, p, &d), 0);
	assert_int_equal(s.n - truth_errors, 5);
	uint64_t want[] = {2, 5, 6, 7, 8};
	for (int i = 0; i < 5; i++)
		assert_int_equal(s.lines[truth_errors + i], want[i]);
	cen_eval_result r;
	assert_int_equal(cen_eval_compute(e, &r), 0);
	assert_int_equal(r.alerts, 3);
	assert_int_equal(r.bad_lines, 5);
	check_figures(&r);

	/* JSON output carries the same figures. */
	cen_buf b;
	cen_buf_init(&b, 0);
	assert_int_equal(cen_eval_format_json(&r, &b), 0);
	json_error_t jerr;
	json_t *j = json_loads(b.data, 0, &jerr);
	assert_non_null(j);
	assert_int_equal(json_integer_value(json_object_get(j, "bad_lines")), 5);
	json_t *t = json_object_get(j, "transactions");
	assert_int_equal(json_integer_value(json_object_get(t, "true_positives")), 4);
	assert_float_equal(json_real_value(json_object_get(t, "precision")), 0.8, 1e-6);
	assert_int_equal(json_integer_value(json_object_get(j, "ctr_only_not_laundering")), 1);
	json_t *w = json_object_get(j, "transactions_without_ctr_only");
	assert_int_equal(json_integer_value(json_object_get(w, "flagged")), 4);
	assert_float_equal(json_number_value(json_object_get(w, "f1")), 0.8, 1e-6);
	json_t *ty = json_object_get(j, "typologies");
	assert_int_equal(json_array_size(ty), 4);
	json_t *cyc = json_array_get(ty, 3);
	assert_string_equal(json_string_value(json_object_get(cyc, "typology")), "cycle");
	assert_int_equal(json_integer_value(json_object_get(cyc, "txns_detected_same")), 2);
	json_decref(j);
	cen_buf_reset(&b);
	assert_int_equal(cen_eval_format_table(&r, &b), 0);
	assert_non_null(strstr(b.data, "precision 0.8000  recall 0.6667"));
	assert_non_null(strstr(b.data, "1 of the flagged are not laundering and only ctr"));
	assert_non_null(strstr(b.data, "leaving them out: precision 1.0000  F1 0.8000"));
	assert_non_null(strstr(b.data, "fan_out"));
	cen_buf_release(&b);
	cen_eval_free(e);
	unlink(tx);
	unlink(ac);
	unlink(p);
	rmdir(dir);
}

static void test_integer_ids_and_no_account_truth(void **state)
{
	(void)state;
	char dir[] = "/tmp/cen_eval_XXXXXX", tx[256];
	assert_non_null(mkdtemp(dir));
	snprintf(tx, sizeof tx, "%s/truth_txns.csv", dir);
	/* AMLworld truth: ids are row numbers; no attempt column. */
	write_file(tx, "txn_id,typology\n7,cycle\n8,cycle\n12,fan_out\n");
	cen_eval *e;
	assert_int_equal(cen_eval_new(&e), 0);
	assert_int_equal(cen_eval_load_truth(e, dir, NULL), 0);
	const char *line = "{\"typology\":\"cycle\",\"txns\":[7,8,9]}";
	assert_int_equal(cen_eval_add_alert_json(e, line, strlen(line)), 0);
	cen_eval_result r;
	assert_int_equal(cen_eval_compute(e, &r), 0);
	assert_false(r.has_accounts);
	assert_int_equal(r.txns.hits, 2);
	assert_float_equal(r.txns.precision, 2.0 / 3.0, EPS);
	assert_float_equal(r.txns.recall, 2.0 / 3.0, EPS);
	/* each transaction its own attempt without attempt ids */
	const cen_eval_typology *c = find(&r, "cycle");
	assert_int_equal(c->attempts, 2);
	assert_int_equal(c->attempts_same, 2);
	assert_int_equal(find(&r, "fan_out")->attempts_any, 0);
	/* nothing flagged: zero ratios, not NaN */
	assert_float_equal(find(&r, "fan_out")->alert_precision, 0.0, EPS);
	cen_eval_free(e);
	unlink(tx);
	rmdir(dir);

	assert_int_equal(cen_eval_new(&e), 0);
	assert_int_equal(cen_eval_load_truth(e, "/nonexistent/truth", NULL), CEN_EIO);
	assert_non_null(strstr(cen_eval_errmsg(e), "/nonexistent/truth/truth_txns.csv"));
	assert_int_equal(cen_eval_read_alerts(e, "/nonexistent/alerts.jsonl", NULL), CEN_EIO);
	assert_int_equal(cen_eval_compute(e, &r), 0);
	assert_int_equal(r.txns.truth, 0);
	assert_float_equal(r.txns.f1, 0.0, EPS);
	cen_eval_free(e);
}

static void test_many_typologies_and_hostile_values(void **state)
{
	(void)state;
	cen_eval *e;
	assert_int_equal(cen_eval_new(&e), 0);
	char name[32], line[128];
	for (int i = 0; i < 100; i++) {
		snprintf(name, sizeof name, "custom_%d", i);
		assert_int_equal(cen_eval_add_truth_txn(e, name, name, NULL), 0);
		int n = snprintf(line, sizeof line, "{\"typology\":\"%s\",\"txns\":[\"%s\"]}", name, name);
		assert_int_equal(cen_eval_add_alert_json(e, line, (size_t)n), 0);
	}
	char big[2100];
	memset(big, 'x', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	assert_int_equal(cen_eval_add_truth_txn(e, big, "ctr", "1"), CEN_ELIMIT);
	assert_int_equal(cen_eval_add_truth_txn(e, "", "ctr", "1"), CEN_EINVAL);
	const char *nul = "{\"typology\":\"ctr\",\"txns\":[\"a\\u0000b\"]}";
	assert_int_equal(cen_eval_add_alert_json(e, nul, strlen(nul)), CEN_EPARSE);
	const char *dup = "{\"typology\":\"ctr\",\"typology\":\"cycle\"}";
	assert_int_equal(cen_eval_add_alert_json(e, dup, strlen(dup)), CEN_EPARSE);
	const char *trunc = "{\"typology\":\"ctr\",\"txns\":[\"T1\"";
	assert_int_equal(cen_eval_add_alert_json(e, trunc, strlen(trunc)), CEN_EPARSE);
	const char *bad_utf8 = "{\"typology\":\"ct\xff\"}";
	assert_int_equal(cen_eval_add_alert_json(e, bad_utf8, strlen(bad_utf8)), CEN_EPARSE);
	cen_eval_result r;
	assert_int_equal(cen_eval_compute(e, &r), 0);
	assert_int_equal(r.alerts, 100);
	/* every alert flagged its own laundering transaction */
	assert_int_equal(r.txns.truth, 100);
	assert_int_equal(r.txns.hits, 100);
	assert_float_equal(r.txns.f1, 1.0, EPS);
	assert_non_null(find(&r, "other"));
	assert_true(r.n_typologies <= 64);
	cen_eval_free(e);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_exact_figures_api),
		cmocka_unit_test(test_exact_figures_files),
		cmocka_unit_test(test_integer_ids_and_no_account_truth),
		cmocka_unit_test(test_many_typologies_and_hostile_values),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
