/* test_detect_fan_out.c - fan_out judged over the whole window from its
 * first transfer (later members are in the one alert, and the alert comes
 * once that window has passed, in due order across accounts); a person's
 * fan needs no round amounts, a business's or an unknown account's does
 * (payroll is computed to the cent); a payroll run is quiet. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "centinela/rules.h"
#include "detect_harness.h"

#define H 3600
#define DAY 86400

/* Accounts named P_... are persons, B_... businesses; others unknown. */
static int kind_lookup(void *ctx, const char *account, size_t len, cen_monitor_account *out)
{
	(void)ctx;
	if (len < 2 || account[1] != '_' || (account[0] != 'P' && account[0] != 'B'))
		return 0;
	memset(out, 0, sizeof *out);
	out->kind = account[0] == 'P' ? CEN_MKIND_PERSON : CEN_MKIND_BUSINESS;
	return 1;
}

/* Moves the clock from `from` to `to` in steps of an hour with small
 * transfers between accounts of no fan (one pair per step). */
static void tick(cen_monitor *m, int64_t from, int64_t to)
{
	for (int64_t t = from; t <= to; t += H)
		harness_push(m, t, "clockA", "clockB", 10, NULL);
}

/* Sends amounts[i] from src to "<prefix><i>" at times[i] (seconds), with
 * ids "<prefix>tx<i>". */
static void fan(cen_monitor *m, const char *src, const char *prefix, const int64_t *times,
		const double *amounts, int n)
{
	char dst[32], id[32];
	for (int i = 0; i < n; i++) {
		snprintf(dst, sizeof dst, "%s%d", prefix, i);
		snprintf(id, sizeof id, "%stx%d", prefix, i);
		harness_push(m, times[i], src, dst, amounts[i], id);
	}
}

static double evidence_number(const char *json, const char *key)
{
	char k[64];
	snprintf(k, sizeof k, "\"%s\":", key);
	const char *p = strstr(json, k);
	assert_non_null(p);
	return strtod(p + strlen(k), NULL);
}

/* Five transfers in the first hours, four more the next day, after the
 * first look (decide_after): one alert with all nine, once the window from
 * the first transfer has passed. */
static void test_members_after_decide_after_are_in_the_alert(void **state)
{
	(void)state;
	harness h;
	cen_monitor *m = harness_new_lookup(&h, NULL, kind_lookup);
	static const int64_t times[9] = {1 * H,  2 * H,  3 * H,  4 * H, 5 * H,
					 26 * H, 27 * H, 28 * H, 30 * H};
	static const double amounts[9] = {4000, 5230.17, 3100.55, 6700, 2890.4,
					  5500, 4410.23, 3875.5, 6120.8};
	fan(m, "P_MULE", "r", times, amounts, 9);
	tick(m, 31 * H, 48 * H);
	assert_int_equal(harness_count(&h, "fan_out"), 0); /* still within its window */
	tick(m, 49 * H, 52 * H);
	assert_int_equal(harness_count(&h, "fan_out"), 1); /* not only at the end */
	assert_int_equal(cen_monitor_finish(m), 0);
	assert_int_equal(harness_count(&h, "fan_out"), 1);
	const char *j = harness_find(&h, "fan_out");
	assert_non_null(strstr(j, "P_MULE"));
	assert_non_null(strstr(j, "\"counterparties\":9"));
	assert_non_null(strstr(j, "\"rtx0\""));
	assert_non_null(strstr(j, "\"rtx8\""));
	/* The span of the transfers, not of the wait. */
	assert_int_equal((int64_t)evidence_number(j, "seconds"), 29 * H);
	harness_free(&h, m);
}

/* Amounts to the cent: a person's fan alerts; the same fan from a
 * business (a payroll run looks like it) or from an account of unknown kind
 * does not. */
static void test_round_amounts_needed_unless_a_person(void **state)
{
	(void)state;
	harness h;
	cen_monitor *m = harness_new_lookup(&h, NULL, kind_lookup);
	static const int64_t times[6] = {1 * H, 3 * H, 5 * H, 7 * H, 9 * H, 11 * H};
	static const double amounts[6] = {4012.37, 5230.17, 3100.55, 6723.09, 2890.41, 4499.99};
	fan(m, "P_SPLIT", "p", times, amounts, 6);
	fan(m, "B_SPLIT", "b", times, amounts, 6);
	fan(m, "U_SPLIT", "u", times, amounts, 6);
	tick(m, 12 * H, 60 * H);
	assert_int_equal(cen_monitor_finish(m), 0);
	assert_int_equal(harness_count(&h, "fan_out"), 1);
	const char *j = harness_find(&h, "fan_out");
	assert_non_null(strstr(j, "P_SPLIT"));
	assert_non_null(strstr(j, "\"round_amounts\":0"));
	harness_free(&h, m);
}

/* Without an accounts file no account is known to be a person: the fan to
 * the cent stays quiet. */
static void test_no_accounts_file_no_person(void **state)
{
	(void)state;
	harness h;
	cen_monitor *m = harness_new(&h);
	static const int64_t times[6] = {1 * H, 3 * H, 5 * H, 7 * H, 9 * H, 11 * H};
	static const double amounts[6] = {4012.37, 5230.17, 3100.55, 6723.09, 2890.41, 4499.99};
	fan(m, "P_SPLIT", "p", times, amounts, 6);
	tick(m, 12 * H, 60 * H);
	assert_int_equal(cen_monitor_finish(m), 0);
	assert_int_equal(harness_count(&h, "fan_out"), 0);
	harness_free(&h, m);
}

/* Comparable amounts at the first look, dispersed ones later: the fan found
 * in its first hours is alerted, whole. */
static void test_fan_found_early_is_kept_when_later_amounts_vary(void **state)
{
	(void)state;
	harness h;
	cen_monitor *m = harness_new_lookup(&h, NULL, kind_lookup);
	static const int64_t times[9] = {1 * H,  2 * H,  3 * H,  4 * H, 5 * H,
					 26 * H, 27 * H, 28 * H, 29 * H};
	static const double amounts[9] = {5000, 5100, 4900, 5200, 4800, 1000, 1100, 24000, 1050};
	fan(m, "P_EARLY", "e", times, amounts, 9);
	tick(m, 30 * H, 60 * H);
	assert_int_equal(cen_monitor_finish(m), 0);
	assert_int_equal(harness_count(&h, "fan_out"), 1);
	const char *j = harness_find(&h, "fan_out");
	assert_non_null(strstr(j, "\"counterparties\":9"));
	assert_true(evidence_number(j, "amount_cv") > 0.6); /* the whole window would not fit */
	harness_free(&h, m);
}

/* An employer's payroll run of five, to the cent, and one round supplier
 * payment (no accounts file: its kind is unknown, held to min_round as a
 * business is): judged over the window from its first payment, one round
 * of six is too few, and it stays quiet (judged a moment later over the
 * window before that moment, the first payment would be gone and one of
 * five would pass). */
static void test_payroll_run_is_quiet(void **state)
{
	(void)state;
	harness h;
	cen_monitor *m = harness_new(&h);
	static const int64_t times[6] = {6 * H, 6 * H + 1800, 7 * H, 7 * H + 1800, 8 * H, 13 * H};
	static const double amounts[6] = {1496.84, 1243.2, 3428.26, 1119.39, 2256.39, 2800};
	fan(m, "EMPLOYER", "s", times, amounts, 6);
	tick(m, 14 * H + 900, 80 * H); /* the clock passes the window's end by 15 minutes */
	assert_int_equal(cen_monitor_finish(m), 0);
	assert_int_equal(harness_count(&h, "fan_out"), 0);
	harness_free(&h, m);
}

/* Two fans looked at in one order whose windows end in the other: each is
 * alerted when its own window has passed. P_A is looked at first (its
 * fifth recipient comes first) but began later than P_B. */
static void test_windows_end_in_their_own_order(void **state)
{
	(void)state;
	harness h;
	cen_monitor *m = harness_new_lookup(&h, NULL, kind_lookup);
	static const int64_t ta[5] = {1 * H, 2 * H, 3 * H, 4 * H, 5 * H};
	static const int64_t tb[5] = {H / 2, 10 * H, 10 * H + 900, 10 * H + 1800, 11 * H};
	static const double amounts[5] = {4000, 5230.17, 3100.55, 6700, 2890.4};
	/* Interleaved in time order. */
	harness_push(m, tb[0], "P_B", "bb0", amounts[0], NULL);
	for (int i = 0; i < 5; i++) {
		char dst[16];
		snprintf(dst, sizeof dst, "aa%d", i);
		harness_push(m, ta[i], "P_A", dst, amounts[i], NULL);
	}
	for (int i = 1; i < 5; i++) {
		char dst[16];
		snprintf(dst, sizeof dst, "bb%d", i);
		harness_push(m, tb[i], "P_B", dst, amounts[i], NULL);
	}
	tick(m, 12 * H, 48 * H);
	tick(m, 48 * H + 2700, 48 * H + 2700); /* past P_B's window, not P_A's */
	assert_int_equal(harness_count(&h, "fan_out"), 1);
	assert_non_null(strstr(h.json[0], "P_B"));
	tick(m, 49 * H + 1800, 50 * H);
	assert_int_equal(harness_count(&h, "fan_out"), 2);
	assert_non_null(strstr(h.json[1], "P_A"));
	assert_int_equal(cen_monitor_finish(m), 0);
	assert_int_equal(harness_count(&h, "fan_out"), 2);
	harness_free(&h, m);
}

/* whole_window = false: judged at the first look, later members fold. */
static void test_whole_window_off(void **state)
{
	(void)state;
	static const char text[] = "[fan_out]\nwhole_window = false\n";
	cen_rules *r = NULL;
	char err[256];
	assert_int_equal(cen_rules_parse(text, strlen(text), "t.toml", &r, err, sizeof err, NULL), 0);
	harness h;
	cen_monitor *m = harness_new_rules(&h, r);
	static const int64_t times[9] = {1 * H,  2 * H,  3 * H,  4 * H, 5 * H,
					 26 * H, 27 * H, 28 * H, 30 * H};
	static const double amounts[9] = {4000, 5230.17, 3100.55, 6700, 2890.4,
					  5500, 4410.23, 3875.5, 6120.8};
	fan(m, "P_MULE", "r", times, amounts, 9);
	tick(m, 31 * H, 52 * H);
	assert_int_equal(cen_monitor_finish(m), 0);
	assert_int_equal(harness_count(&h, "fan_out"), 1);
	assert_non_null(strstr(harness_find(&h, "fan_out"), "\"counterparties\":5"));
	harness_free(&h, m);
	cen_rules_free(r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_members_after_decide_after_are_in_the_alert),
		cmocka_unit_test(test_round_amounts_needed_unless_a_person),
		cmocka_unit_test(test_no_accounts_file_no_person),
		cmocka_unit_test(test_fan_found_early_is_kept_when_later_amounts_vary),
		cmocka_unit_test(test_payroll_run_is_quiet),
		cmocka_unit_test(test_windows_end_in_their_own_order),
		cmocka_unit_test(test_whole_window_off),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
