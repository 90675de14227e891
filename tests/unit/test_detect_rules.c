/* test_detect_rules.c - the rules file parser, getters and typo checks. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "centinela/rules.h"

struct diag_log {
	char last[1024];
	char field[256];
	uint64_t line;
	int severity;
	int count;
};

static void log_diag(void *ctx, int severity, const char *file, uint64_t line,
		     const char *field, const char *msg)
{
	struct diag_log *l = ctx;
	(void)file;
	snprintf(l->last, sizeof l->last, "%s", msg);
	snprintf(l->field, sizeof l->field, "%s", field ? field : "");
	l->line = line;
	l->severity = severity;
	l->count++;
}

static cen_rules *parse_ok(const char *text)
{
	cen_rules *r = NULL;
	char err[512];
	int rc = cen_rules_parse(text, strlen(text), "t.toml", &r, err, sizeof err, NULL);
	if (rc)
		fail_msg("unexpected parse error %d: %s", rc, err);
	return r;
}

/* Parses text expecting failure; returns the status, message in err. */
static int parse_err(const char *text, char *err, size_t errlen)
{
	cen_rules *r = (cen_rules *)1;
	int rc = cen_rules_parse(text, strlen(text), "t.toml", &r, err, errlen, NULL);
	assert_null(r);
	assert_true(rc < 0);
	return rc;
}

static void test_values_and_getters(void **state)
{
	(void)state;
	const char *text =
		"# Centinela rules\n"
		"version = 1\n"
		"[structuring]   # a detector\n"
		"threshold = 10_000.0\n"
		"band_low = 0.8\n"
		"window_days = 14\n"
		"hex = 0x1F\n"
		"exp = 1e3\n"
		"neg = -42\n"
		"name = \"caf\\u00e9 \\\"x\\\"\\t\"\n"
		"lit = 'C:\\path\\no escapes'\n"
		"'quoted key' = true\n"
		"enabled = false\n"
		"\n"
		"[gto.texas]\n"
		"zips = [\n"
		"  \"78040\", # Laredo\n"
		"  \"78041\",\n"
		"]\n"
		"amounts = [1, 2.5, -3]\n"
		"empty = []\n"
		"start = 2025-04-14\n"
		"end = 2025-09-09T12:30:00-05:00\n"
		"start_s = \"2025-04-14\"\n";
	cen_rules *r = parse_ok(text);
	assert_string_equal(cen_rules_name(r), "t.toml");
	assert_int_equal(cen_rules_get_int(r, "", "version", 0), 1);
	assert_true(cen_rules_get_double(r, "structuring", "threshold", 0) == 10000.0);
	assert_true(cen_rules_get_double(r, "structuring", "band_low", 0) == 0.8);
	assert_int_equal(cen_rules_get_int(r, "structuring", "window_days", 0), 14);
	assert_true(cen_rules_get_double(r, "structuring", "window_days", 0) == 14.0);
	assert_int_equal(cen_rules_get_int(r, "structuring", "hex", 0), 31);
	assert_int_equal(cen_rules_get_int(r, "structuring", "exp", 0), 1000);
	assert_int_equal(cen_rules_get_int(r, "structuring", "neg", 0), -42);
	/* a float that is not integral is not an int */
	assert_int_equal(cen_rules_get_int(r, "structuring", "band_low", 7), 7);
	assert_string_equal(cen_rules_get_string(r, "structuring", "name", NULL),
			    "caf\xc3\xa9 \"x\"\t");
	assert_string_equal(cen_rules_get_string(r, "structuring", "lit", NULL),
			    "C:\\path\\no escapes");
	assert_true(cen_rules_get_bool(r, "structuring", "quoted key", false));
	assert_false(cen_rules_enabled(r, "structuring"));
	assert_true(cen_rules_enabled(r, "cycle"));
	/* wrong type: default */
	assert_true(cen_rules_get_double(r, "structuring", "name", 5.0) == 5.0);
	assert_string_equal(cen_rules_get_string(r, "structuring", "threshold", "d"), "d");

	const char *const *zips;
	size_t n;
	assert_int_equal(cen_rules_get_strings(r, "gto.texas", "zips", &zips, &n), 1);
	assert_int_equal(n, 2);
	assert_string_equal(zips[0], "78040");
	assert_string_equal(zips[1], "78041");
	const double *nums;
	assert_int_equal(cen_rules_get_numbers(r, "gto.texas", "amounts", &nums, &n), 1);
	assert_int_equal(n, 3);
	assert_true(nums[1] == 2.5 && nums[2] == -3.0);
	assert_int_equal(cen_rules_get_strings(r, "gto.texas", "empty", &zips, &n), 1);
	assert_int_equal(n, 0);
	assert_int_equal(cen_rules_get_strings(r, "gto.texas", "amounts", &zips, &n), 0);
	assert_null(zips);
	/* one string is a one-element array, one number too */
	assert_int_equal(cen_rules_get_strings(r, "structuring", "name", &zips, &n), 1);
	assert_int_equal(n, 1);
	assert_int_equal(cen_rules_get_numbers(r, "structuring", "window_days", &nums, &n), 1);
	assert_true(n == 1 && nums[0] == 14.0);

	/* 2025-04-14 = 20192 days */
	assert_int_equal(cen_rules_get_time(r, "gto.texas", "start", 0), 20192LL * 86400);
	assert_int_equal(cen_rules_get_time(r, "gto.texas", "start_s", 0), 20192LL * 86400);
	/* 2025-09-09 12:30 -05:00 = 17:30 UTC; 2025-09-09 = 20340 */
	assert_int_equal(cen_rules_get_time(r, "gto.texas", "end", 0),
			 20340LL * 86400 + 17 * 3600 + 30 * 60);

	assert_int_equal(cen_rules_line(r, "gto.texas", "zips"), 16);
	assert_int_equal(cen_rules_line(r, "gto.texas", "amounts"), 20);
	assert_true(cen_rules_has(r, "gto.texas", "empty"));
	assert_false(cen_rules_has(r, "gto", "empty"));
	assert_int_equal(cen_rules_table_count(r), 3);
	assert_string_equal(cen_rules_table_name(r, 0), "");
	assert_string_equal(cen_rules_table_name(r, 2), "gto.texas");
	assert_int_equal(cen_rules_key_count(r, "gto.texas"), 6);
	assert_string_equal(cen_rules_key_name(r, "gto.texas", 5), "start_s");
	cen_rules_free(r);
}

static void test_null_and_empty_mean_defaults(void **state)
{
	(void)state;
	assert_true(cen_rules_get_double(NULL, "ctr", "threshold", 10000.0) == 10000.0);
	assert_true(cen_rules_enabled(NULL, "ctr"));
	assert_string_equal(cen_rules_get_string(NULL, "x", "y", "def"), "def");
	const char *const *s;
	size_t n = 9;
	assert_int_equal(cen_rules_get_strings(NULL, "gto", "zips", &s, &n), 0);
	assert_int_equal(n, 0);
	cen_rules *r = NULL;
	assert_int_equal(cen_rules_load(NULL, &r, NULL, 0, NULL), 0);
	assert_non_null(r);
	assert_int_equal(cen_rules_table_count(r), 0);
	assert_int_equal(cen_rules_get_int(r, "ctr", "cutoff_hour", 0), 0);
	cen_rules_free(r);
	r = parse_ok("   \n# only a comment\r\n\n");
	assert_int_equal(cen_rules_table_count(r), 0);
	cen_rules_free(r);
	cen_rules_free(NULL);
}

static void test_missing_file_is_an_error(void **state)
{
	(void)state;
	cen_rules *r = NULL;
	char err[256];
	assert_int_equal(cen_rules_load("/nonexistent/rules.toml", &r, err, sizeof err, NULL),
			 CEN_EIO);
	assert_null(r);
	assert_non_null(strstr(err, "/nonexistent/rules.toml"));
}

static void test_load_example_rules(void **state)
{
	(void)state;
	cen_rules *r = NULL;
	char err[512];
	int rc = cen_rules_load(CEN_TEST_SRC_DIR "/examples/rules.toml", &r, err, sizeof err, NULL);
	if (rc)
		fail_msg("examples/rules.toml: %s", err);
	assert_true(cen_rules_get_double(r, "ctr", "threshold", 0) == 10000.0);
	const char *const *zips;
	size_t n;
	assert_int_equal(cen_rules_get_strings(r, "gto.order.2025-03", "zips", &zips, &n), 1);
	assert_int_equal(n, 30); /* the March 2025 order lists 30 ZIP codes */
	assert_int_equal(cen_rules_get_time(r, "gto.order.2025-09", "start", 0),
			 20341LL * 86400); /* 2025-09-10 */
	cen_rules_free(r);
}

static void test_errors_name_file_line_key(void **state)
{
	(void)state;
	char err[512];
	struct {
		const char *text;
		int status;
		const char *want; /* substring of the message */
	} cases[] = {
		{"[a]\nx = 1\ny = \n", CEN_EPARSE, "t.toml:3: key 'a.y': expected a value"},
		{"[a]\nx = 1\nx = 2\n", CEN_EPARSE, "t.toml:3: key 'a.x': set twice (first at line 2)"},
		{"[a]\n[b]\n[a]\n", CEN_EPARSE, "t.toml:3: table [a] defined twice (first at line 1)"},
		{"x = \"abc\n", CEN_EPARSE, "t.toml:1: key 'x': unterminated string"},
		{"x = abc\n", CEN_EPARSE, "a string needs quotes"},
		{"x = 1 2\n", CEN_EPARSE, "expected end of line"},
		{"x = [1, \"a\"]\n", CEN_EPARSE, "mixes"},
		{"x = [[1]]\n", CEN_EPARSE, "nested arrays"},
		{"x = {a = 1}\n", CEN_EPARSE, "inline tables"},
		{"[[x]]\n", CEN_EPARSE, "arrays of tables"},
		{"a.b = 1\n", CEN_EPARSE, "dotted keys"},
		{"x = \"\"\"m\"\"\"\n", CEN_EPARSE, "multi-line"},
		{"x = nan\n", CEN_EPARSE, "inf and nan"},
		{"x = 1e999\n", CEN_EPARSE, "out of range"},
		{"x = 99999999999999999999\n", CEN_EPARSE, "out of range"},
		{"x = 0123\n", CEN_EPARSE, "leading zeros"},
		{"x = 1__0\n", CEN_EPARSE, "not a valid"},
		{"x = 2025-02-30\n", CEN_EPARSE, "not a valid date"},
		{"x = \"\\q\"\n", CEN_EPARSE, "unknown escape"},
		{"x = \"\\u0000\"\n", CEN_EPARSE, "NUL"},
		{"x = \"\\uD800\"\n", CEN_EPARSE, "scalar value"},
		{"x = [1,\n 2,\n", CEN_EPARSE, "t.toml:1: key 'x': array opened here is never closed"},
		{"[a\n", CEN_EPARSE, "expected ']'"},
		{"x = 1\n\xff\n", CEN_EENCODING, "t.toml:2: invalid UTF-8"},
		{"x = \"a\x01\"\n", CEN_EPARSE, "control character"},
		{"= 1\n", CEN_EPARSE, "key name"},
		{"x = true # ok\ny = tru\n", CEN_EPARSE, "t.toml:2: key 'y'"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		int rc = parse_err(cases[i].text, err, sizeof err);
		if (rc != cases[i].status || !strstr(err, cases[i].want))
			fail_msg("case %zu: got %d '%s', want %d '%s'", i, rc, err,
				 cases[i].status, cases[i].want);
	}
}

static void test_caps(void **state)
{
	(void)state;
	char err[512];
	/* a string over the cap */
	size_t big = CEN_RULES_MAX_STRING + 100;
	char *t = malloc(big + 16);
	assert_non_null(t);
	memcpy(t, "x = \"", 5);
	memset(t + 5, 'a', big);
	memcpy(t + 5 + big, "\"\n", 3);
	assert_int_equal(parse_err(t, err, sizeof err), CEN_ELIMIT);
	/* a key name over the cap */
	memset(t, 'k', 300);
	memcpy(t + 300, " = 1\n", 6);
	assert_int_equal(parse_err(t, err, sizeof err), CEN_ELIMIT);
	free(t);
	/* too many keys */
	size_t cap = (CEN_RULES_MAX_KEYS + 2) * 16;
	char *many = malloc(cap);
	assert_non_null(many);
	size_t len = 0;
	for (int i = 0; i <= CEN_RULES_MAX_KEYS; i++)
		len += (size_t)snprintf(many + len, cap - len, "k%d = %d\n", i, i);
	assert_int_equal(parse_err(many, err, sizeof err), CEN_ELIMIT);
	free(many);
}

static void test_diag_receives_errors(void **state)
{
	(void)state;
	struct diag_log log = {0};
	cen_diag d = {log_diag, &log, 0, 0};
	cen_rules *r;
	const char *text = "[ctr]\nthreshold = 'x\n";
	assert_int_equal(cen_rules_parse(text, strlen(text), "f.toml", &r, NULL, 0, &d), CEN_EPARSE);
	assert_int_equal(d.errors, 1);
	assert_int_equal(log.line, 2);
	assert_string_equal(log.field, "ctr.threshold");
	assert_non_null(strstr(log.last, "unterminated"));
}

static void test_check_keys_and_tables(void **state)
{
	(void)state;
	cen_rules *r = parse_ok("[structuring]\ntreshold = 9000\nwindow_days = \"14\"\n"
				"band_low = 0.8\nenabled = true\n[structurng]\nx = 1\n"
				"[gto.tx]\nzips=[]\n");
	static const cen_rules_key keys[] = {
		{"threshold", CEN_RULES_NUMBER},
		{"window_days", CEN_RULES_INT},
		{"band_low", CEN_RULES_NUMBER},
	};
	struct diag_log log = {0};
	cen_diag d = {log_diag, &log, 0, 0};
	assert_int_equal(cen_rules_check(r, "structuring", keys, 3, &d), CEN_EINVAL);
	assert_int_equal(d.warnings, 1);
	assert_int_equal(d.errors, 1);
	assert_int_equal(log.line, 3);
	assert_non_null(strstr(log.last, "must be an integer"));

	memset(&log, 0, sizeof log);
	d.warnings = d.errors = 0;
	static const cen_rules_key keys2[] = {
		{"threshold", CEN_RULES_NUMBER},
		{"window_days", CEN_RULES_ANY},
		{"band_low", CEN_RULES_NUMBER},
		{"treshold", CEN_RULES_INT},
	};
	assert_int_equal(cen_rules_check(r, "structuring", keys2, 4, &d), 0);
	assert_int_equal(d.warnings + d.errors, 0);

	/* unknown key with suggestion */
	memset(&log, 0, sizeof log);
	assert_int_equal(cen_rules_check(r, "structuring", keys, 1, &d), 0);
	assert_int_equal(log.severity, 1);

	static const cen_rules_key k1[] = {{"threshold", CEN_RULES_NUMBER}};
	memset(&log, 0, sizeof log);
	d.warnings = d.errors = 0;
	cen_rules *r2 = parse_ok("[ctr]\ntreshold = 9000\n");
	assert_int_equal(cen_rules_check(r2, "ctr", k1, 1, &d), 0);
	assert_int_equal(d.warnings, 1);
	assert_non_null(strstr(log.last, "did you mean 'threshold'?"));
	assert_int_equal(log.line, 2);
	assert_string_equal(log.field, "ctr.treshold");
	cen_rules_free(r2);

	/* tables */
	static const char *const known[] = {"structuring", "gto", "ctr"};
	memset(&log, 0, sizeof log);
	assert_int_equal(cen_rules_check_tables(r, known, 3, &d), 1);
	assert_non_null(strstr(log.last, "did you mean [structuring]?"));
	assert_int_equal(log.line, 6);
	/* absent tables / NULL rules: nothing to say */
	assert_int_equal(cen_rules_check(NULL, "ctr", keys, 3, &d), 0);
	assert_int_equal(cen_rules_check_tables(NULL, known, 3, &d), 0);
	cen_rules_free(r);
}

static void test_resolve_path(void **state)
{
	(void)state;
	cen_rules *r = NULL;
	const char *t = "x = 1\n";
	assert_int_equal(cen_rules_parse(t, strlen(t), "conf/dir/rules.toml", &r, NULL, 0, NULL), 0);
	char out[64];
	assert_int_equal(cen_rules_resolve_path(r, "lists/w.csv", out, sizeof out), 0);
	assert_string_equal(out, "conf/dir/lists/w.csv");
	assert_int_equal(cen_rules_resolve_path(r, "/abs/w.csv", out, sizeof out), 0);
	assert_string_equal(out, "/abs/w.csv");
	assert_int_equal(cen_rules_resolve_path(NULL, "w.csv", out, sizeof out), 0);
	assert_string_equal(out, "w.csv");
	char tiny[8];
	assert_int_equal(cen_rules_resolve_path(r, "lists/w.csv", tiny, sizeof tiny), CEN_ELIMIT);
	cen_rules_free(r);
}

static void test_alloc_failures_never_leak_or_crash(void **state)
{
	(void)state;
	const char *text = "[a]\nx = [\"1\", \"2\"]\ny = 'z'\n[b.c]\nn = [1,2,3]\n";
	for (long k = 0; k < 40; k++) {
		cen_rules *r = NULL;
		cen_alloc_fail_after(k);
		int rc = cen_rules_parse(text, strlen(text), "t", &r, NULL, 0, NULL);
		cen_alloc_fail_after(-1);
		if (rc == 0) {
			assert_int_equal(cen_rules_get_strings(r, "a", "x", &(const char *const *){0},
							       &(size_t){0}), 1);
			cen_rules_free(r);
		} else {
			assert_int_equal(rc, CEN_ENOMEM);
			assert_null(r);
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_values_and_getters),
		cmocka_unit_test(test_null_and_empty_mean_defaults),
		cmocka_unit_test(test_missing_file_is_an_error),
		cmocka_unit_test(test_load_example_rules),
		cmocka_unit_test(test_errors_name_file_line_key),
		cmocka_unit_test(test_caps),
		cmocka_unit_test(test_diag_receives_errors),
		cmocka_unit_test(test_check_keys_and_tables),
		cmocka_unit_test(test_resolve_path),
		cmocka_unit_test(test_alloc_failures_never_leak_or_crash),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
