/* test_detect_relay.c - what pass_through and gather_scatter count as
 * money relayed: a salary, a hub's payment, a landlord's rents, card
 * spending and bills are not; an alert lists only the transfers that form
 * the pattern. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "detect_harness.h"

#define H 3600
#define DAY 86400
#define T0 (10 * DAY)

/* Card spending, a utility bill and a deposit of the relay's own between
 * the money coming in and leaving are not pieces of it: the alert lists the
 * transfer in and the one out, and its sum is what was passed on. */
static void test_pass_through_lists_only_what_was_passed_on(void **state)
{
	(void)state;
	harness h;
	cen_monitor *m = harness_new(&h);
	harness_push(m, T0, "ORIG", "CONDUIT", 20000, "in");
	harness_push_channel(m, T0 + H, "CONDUIT", "SHOP", 45, "card1", CEN_CH_CARD);
	harness_push(m, T0 + 2 * H, "CONDUIT", "UTILITY", 80, "bill");
	harness_push_channel(m, T0 + 2 * H + 60, "CONDUIT", "CONDUIT", 120, "own", CEN_CH_CASH);
	harness_push(m, T0 + 3 * H, "CONDUIT", "DEST", 19600, "out");
	assert_int_equal(cen_monitor_finish(m), 0);
	assert_int_equal(harness_count(&h, "pass_through"), 1);
	const char *j = harness_find(&h, "pass_through");
	assert_non_null(strstr(j, "\"txns\":[\"in\",\"out\"]"));
	assert_non_null(strstr(j, "\"amount_out\":19600.00"));
	assert_null(strstr(j, "SHOP"));
	harness_free(&h, m);
}

/* An employer pays twelve staff; one of them pays almost all of it on the
 * same morning (rent, a transfer to savings): income spent, not relayed.
 * A firm that pays its staff the same way and one large sum to an account
 * that passes it abroad is a pass-through's source all the same. */
static void test_pass_through_salary_is_income(void **state)
{
	(void)state;
	harness h;
	cen_monitor *m = harness_new(&h);
	char s[24];
	for (int i = 0; i < 12; i++) {
		snprintf(s, sizeof s, "staff%d", i);
		harness_push(m, T0 + i * 60, "EMPLOYER", s, 2000 + 10 * i, NULL);
	}
	harness_push(m, T0 + 2 * H, "staff0", "LANDLORD0", 1950, "rent0");
	for (int i = 0; i < 12; i++) {
		snprintf(s, sizeof s, "fstaff%d", i);
		harness_push(m, T0 + DAY + i * 60, "FIRM", s, 2000 + 10 * i, NULL);
	}
	harness_push(m, T0 + DAY + H, "FIRM", "RELAY", 40000, "big_in");
	harness_push(m, T0 + DAY + 3 * H, "RELAY", "ABROAD", 39500, "big_out");
	assert_int_equal(cen_monitor_finish(m), 0);
	assert_int_equal(harness_count(&h, "pass_through"), 1);
	assert_non_null(strstr(harness_find(&h, "pass_through"), "\"txns\":[\"big_in\",\"big_out\"]"));
	harness_free(&h, m);
}

/* Pay from a payroll processor (kind hub in the accounts file) paid on is
 * income too. */
static void test_pass_through_pay_from_a_hub_is_income(void **state)
{
	(void)state;
	harness h;
	cen_monitor *m = harness_new_lookup(&h, NULL, harness_hub_lookup);
	harness_push(m, T0, "HUBPAY", "WORKER", 3000, "pay");
	harness_push(m, T0 + H, "WORKER", "FRIEND", 2950, "gift");
	assert_int_equal(cen_monitor_finish(m), 0);
	assert_int_equal(harness_count(&h, "pass_through"), 0);
	harness_free(&h, m);
}

/* A landlord collects three rents in the morning and pays its own, like
 * one of them, at noon: it kept most of what came in, so it is no conduit.
 * An account that receives two sums and passes each on, one after the
 * other, is one: when the first leaves, it has passed on what it had. */
static void test_pass_through_conduit_passes_most_on(void **state)
{
	(void)state;
	harness h;
	cen_monitor *m = harness_new(&h);
	harness_push(m, T0, "TENANT1", "LANDLORD", 1800, NULL);
	harness_push(m, T0 + H, "TENANT2", "LANDLORD", 1900, NULL);
	harness_push(m, T0 + 2 * H, "TENANT3", "LANDLORD", 2000, NULL);
	harness_push(m, T0 + 3 * H, "LANDLORD", "OWNER", 1950, NULL);
	harness_push(m, T0 + DAY, "SRC_A", "MULE", 9000, "in_a");
	harness_push(m, T0 + DAY + H, "SRC_B", "MULE", 9500, "in_b");
	harness_push(m, T0 + DAY + 2 * H, "MULE", "DST_X", 8900, "out_x");
	harness_push(m, T0 + DAY + 3 * H, "MULE", "DST_Y", 9400, "out_y");
	assert_int_equal(cen_monitor_finish(m), 0);
	assert_int_equal(harness_count(&h, "pass_through"), 1);
	const char *j = harness_find(&h, "pass_through");
	assert_non_null(strstr(j, "\"txns\":[\"in_a\",\"out_x\"]"));
	harness_free(&h, m);
}

/* Small transfers make no gather-scatter, also over the whole window: three
 * friends' few hundred in and the rent, a bill and a card payment out. */
static void test_gather_scatter_counts_transfers_of_size(void **state)
{
	(void)state;
	harness h;
	cen_monitor *m = harness_new(&h);
	harness_push(m, T0, "FRIEND1", "PERSON", 500, NULL);
	harness_push(m, T0 + 600, "FRIEND2", "PERSON", 450, NULL);
	harness_push(m, T0 + 1200, "FRIEND3", "PERSON", 550, NULL);
	harness_push(m, T0 + 14 * H, "PERSON", "RENT", 700, NULL);
	harness_push(m, T0 + 14 * H + 600, "PERSON", "UTIL", 250, NULL);
	harness_push(m, T0 + 15 * H, "PERSON", "GROCER", 300, NULL);
	assert_int_equal(cen_monitor_finish(m), 0);
	assert_int_equal(harness_count(&h, "gather_scatter"), 0);
	harness_free(&h, m);
}

/* A gather-scatter whose account also funds its payroll through a
 * processor: the payment to the hub is an expense, neither a recipient nor
 * a transfer of the alert. */
static void test_gather_scatter_leaves_hubs_out(void **state)
{
	(void)state;
	harness h;
	cen_monitor *m = harness_new_lookup(&h, NULL, harness_hub_lookup);
	char s[24], id[24];
	for (int i = 0; i < 3; i++) {
		snprintf(s, sizeof s, "SRC%d", i);
		snprintf(id, sizeof id, "g%d", i);
		harness_push(m, T0 + i * H, s, "GATHER", 5000, id);
	}
	harness_push(m, T0 + 13 * H, "GATHER", "HUBPAY", 4000, "payroll");
	for (int i = 0; i < 3; i++) {
		snprintf(s, sizeof s, "DST%d", i);
		snprintf(id, sizeof id, "d%d", i);
		harness_push(m, T0 + 14 * H + i * H, "GATHER", s, 3800, id);
	}
	assert_int_equal(cen_monitor_finish(m), 0);
	assert_int_equal(harness_count(&h, "gather_scatter"), 1);
	const char *j = harness_find(&h, "gather_scatter");
	assert_null(strstr(j, "HUBPAY"));
	assert_null(strstr(j, "payroll"));
	assert_non_null(strstr(j, "\"dispersed\":11400.00"));
	assert_non_null(strstr(j, "\"recipients\":3"));
	harness_free(&h, m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pass_through_lists_only_what_was_passed_on),
		cmocka_unit_test(test_pass_through_salary_is_income),
		cmocka_unit_test(test_pass_through_pay_from_a_hub_is_income),
		cmocka_unit_test(test_pass_through_conduit_passes_most_on),
		cmocka_unit_test(test_gather_scatter_counts_transfers_of_size),
		cmocka_unit_test(test_gather_scatter_leaves_hubs_out),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
