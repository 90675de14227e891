/* test_detect_layering.c - the stack (layering) and bipartite detectors on
 * the shapes they must find and the legitimate look-alikes they must not:
 * relays linked only through the accounts they pay, an employer or a
 * landlord shared by unrelated accounts, a relay paying before it is paid,
 * a layer or a block that is still growing when it first qualifies, a
 * block whose members do not all pay one account, a payroll processor
 * paid by a block's payers. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "centinela/rules.h"
#include "detect_harness.h"

#define H 3600
#define T0 100000

/* The number of times needle occurs in s. */
static int occurrences(const char *s, const char *needle)
{
	int n = 0;
	for (const char *p = strstr(s, needle); p; p = strstr(p + 1, needle))
		n++;
	return n;
}

/* Three relays, each paid by a first-layer account of its own, that pay
 * the same three last-layer accounts between them: the layer is linked
 * only on the side of the recipients. One alert, every relay in it. */
static void test_stack_linked_through_recipients(void **state)
{
	(void)state;
	harness h;
	cen_monitor *m = harness_new(&h);
	harness_push(m, T0, "SA1", "SR1", 5000, "a1");
	harness_push(m, T0 + 1 * H, "SA2", "SR2", 6000, "a2");
	harness_push(m, T0 + 2 * H, "SA3", "SR3", 4000, "a3");
	harness_push(m, T0 + 20 * H, "SR1", "SC1", 2400, "c1");
	harness_push(m, T0 + 21 * H, "SR1", "SC2", 2400, "c2");
	harness_push(m, T0 + 22 * H, "SR2", "SC2", 2900, "c3");
	harness_push(m, T0 + 23 * H, "SR2", "SC3", 2900, "c4");
	harness_push(m, T0 + 24 * H, "SR3", "SC3", 1900, "c5");
	harness_push(m, T0 + 25 * H, "SR3", "SC1", 1900, "c6");
	assert_int_equal(cen_monitor_finish(m), 0);
	assert_int_equal(harness_count(&h, "stack"), 1);
	const char *j = harness_find(&h, "stack");
	assert_non_null(strstr(j, "\"relays\":[\"SR"));
	assert_non_null(strstr(j, "SR1"));
	assert_non_null(strstr(j, "SR2"));
	assert_non_null(strstr(j, "SR3"));
	assert_non_null(strstr(j, "\"c6\""));
	harness_free(&h, m);
}

/* Two accounts on the same payroll each pass their pay and a friend's gift
 * on. */
static void payroll_passed_on(cen_monitor *m)
{
	char b[16];
	harness_push(m, T0, "EMP", "ER1", 3000, NULL);
	harness_push(m, T0 + 60, "EMP", "ER2", 3000, NULL);
	for (int i = 0; i < 10; i++) {
		snprintf(b, sizeof b, "STAFF%d", i);
		harness_push(m, T0 + 120 + i, "EMP", b, 2000, NULL);
	}
	harness_push(m, T0 + 1 * H, "FRIEND1", "ER1", 4000, NULL);
	harness_push(m, T0 + 2 * H, "FRIEND2", "ER2", 4000, NULL);
	harness_push(m, T0 + 20 * H, "ER1", "EC1", 6600, NULL);
	harness_push(m, T0 + 21 * H, "ER2", "EC2", 6600, NULL);
}

/* The employer, who pays a dozen people, does not make them one layer;
 * with link_max_counterparties above its twelve it would. */
static void test_stack_not_linked_by_an_employer(void **state)
{
	(void)state;
	harness h;
	cen_monitor *m = harness_new(&h);
	payroll_passed_on(m);
	assert_int_equal(cen_monitor_finish(m), 0);
	assert_int_equal(harness_count(&h, "stack"), 0);
	harness_free(&h, m);

	cen_rules *r = NULL;
	char err[256];
	static const char text[] = "[stack]\nlink_max_counterparties = 12\n";
	assert_int_equal(cen_rules_parse(text, sizeof text - 1, "t", &r, err, sizeof err, NULL), 0);
	m = harness_new_rules(&h, r);
	payroll_passed_on(m);
	assert_int_equal(cen_monitor_finish(m), 0);
	assert_int_equal(harness_count(&h, "stack"), 1);
	assert_non_null(strstr(harness_find(&h, "stack"), "\"first\":[\"EMP\""));
	harness_free(&h, m);
	cen_rules_free(r);
}

/* The second relay pays the last layer an hour before the first layer pays
 * it: it passed on money of its own, so it is no relay of this money, and
 * one relay is no layer. */
static void test_stack_relay_pays_before_it_is_paid(void **state)
{
	(void)state;
	harness h;
	cen_monitor *m = harness_new(&h);
	harness_push(m, T0, "PA1", "PR1", 6000, NULL);
	harness_push(m, T0 + H / 2, "PA2", "PR1", 4000, NULL);
	harness_push(m, T0 + 1 * H, "PR2", "PC2", 4000, NULL);
	harness_push(m, T0 + 2 * H, "PA1", "PR2", 4000, NULL);
	harness_push(m, T0 + 10 * H, "PR1", "PC1", 9500, NULL);
	assert_int_equal(cen_monitor_finish(m), 0);
	assert_int_equal(harness_count(&h, "stack"), 0);
	harness_free(&h, m);
}

/* The third relay passes its share on three hours after the first two: the
 * decision waits, so one alert has all three relays and each layer
 * transfer once, and not the rent a relay paid before any of it. */
static void test_stack_decided_once_grown(void **state)
{
	(void)state;
	harness h;
	cen_monitor *m = harness_new(&h);
	harness_push(m, T0 - 5 * H, "GR1", "LANDLORD", 1200, "rent0");
	harness_push(m, T0, "GA1", "GR1", 5000, "i1");
	harness_push(m, T0 + 600, "GA1", "GR2", 3000, "i2");
	harness_push(m, T0 + 1200, "GA2", "GR2", 3000, "i3");
	harness_push(m, T0 + 1800, "GA2", "GR3", 5000, "i4");
	harness_push(m, T0 + 20 * H, "GR1", "GC1", 4800, "o1");
	harness_push(m, T0 + 21 * H, "GR2", "GC1", 2900, "o2");
	harness_push(m, T0 + 21 * H + H / 2, "GR2", "GC2", 2900, "o3");
	harness_push(m, T0 + 24 * H, "GR3", "GC2", 4800, "o4");
	assert_int_equal(cen_monitor_finish(m), 0);
	assert_int_equal(harness_count(&h, "stack"), 1);
	const char *j = harness_find(&h, "stack");
	const char *ids[] = {"\"i1\"", "\"i2\"", "\"i3\"", "\"i4\"",
			     "\"o1\"", "\"o2\"", "\"o3\"", "\"o4\""};
	for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++)
		assert_int_equal(occurrences(j, ids[i]), 1);
	assert_null(strstr(j, "rent0"));
	assert_non_null(strstr(j, "GR3"));
	harness_free(&h, m);
}

/* Four payers and three payees, 9 of 12 links, where only P1 pays all
 * three payees and does so before anyone else pays: no single transfer
 * sees the block from its own sender and recipient, the block has to be
 * grown. A fifth payer joins an hour later and is in the one alert. */
static void test_bipartite_grown_from_both_sides(void **state)
{
	(void)state;
	harness h;
	cen_monitor *m = harness_new(&h);
	static const char *const links[][2] = {
		{"BP1", "BQ0"}, {"BP1", "BQ1"}, {"BP1", "BQ2"}, {"BP0", "BQ0"},
		{"BP0", "BQ1"}, {"BP2", "BQ1"}, {"BP2", "BQ2"}, {"BP3", "BQ2"},
		{"BP3", "BQ0"}, {"BP4", "BQ0"}, {"BP4", "BQ2"},
	};
	for (size_t i = 0; i < sizeof links / sizeof links[0]; i++)
		harness_push(m, T0 + (int64_t)i * 600 + (i >= 9 ? 2 * H : 0), links[i][0],
			     links[i][1], 2000 + 100 * (double)(i % 5), NULL);
	assert_int_equal(cen_monitor_finish(m), 0);
	assert_int_equal(harness_count(&h, "bipartite"), 1);
	const char *j = harness_find(&h, "bipartite");
	assert_non_null(strstr(j, "\"senders\":5,\"recipients\":3"));
	assert_non_null(strstr(j, "BP4"));
	harness_free(&h, m);
}

/* Rules that decide at once: the block is alerted on the transfer that
 * completes it (3 x 3, 7 of 9 links), before the finish. */
static void test_bipartite_decide_at_once(void **state)
{
	(void)state;
	cen_rules *r = NULL;
	char err[256];
	static const char text[] = "[bipartite]\ndecide_after = 0\n";
	assert_int_equal(cen_rules_parse(text, sizeof text - 1, "t", &r, err, sizeof err, NULL), 0);
	harness h;
	cen_monitor *m = harness_new_rules(&h, r);
	static const char *const links[][2] = {
		{"DP1", "DQ0"}, {"DP1", "DQ1"}, {"DP1", "DQ2"}, {"DP0", "DQ0"},
		{"DP0", "DQ1"}, {"DP2", "DQ1"}, {"DP2", "DQ2"},
	};
	for (size_t i = 0; i < sizeof links / sizeof links[0]; i++)
		harness_push(m, T0 + (int64_t)i * 600, links[i][0], links[i][1],
			     2000 + 100 * (double)(i % 5), NULL);
	assert_int_equal(harness_count(&h, "bipartite"), 1);
	assert_non_null(strstr(harness_find(&h, "bipartite"), "\"senders\":3,\"recipients\":3"));
	assert_int_equal(cen_monitor_finish(m), 0);
	assert_int_equal(harness_count(&h, "bipartite"), 1);
	harness_free(&h, m);
	cen_rules_free(r);
}

/* A complete 3 x 3 block whose first two payers also fund their payroll
 * through the same processor, with amounts like the block's: the hub is
 * in no block. */
static void test_bipartite_leaves_hubs_out(void **state)
{
	(void)state;
	harness h;
	cen_monitor *m = harness_new_lookup(&h, NULL, harness_hub_lookup);
	harness_push(m, T0, "HP0", "HUBPAY", 2500, NULL);
	harness_push(m, T0 + 60, "HP1", "HUBPAY", 2600, NULL);
	static const char *const links[][2] = {
		{"HP1", "HQ0"}, {"HP1", "HQ1"}, {"HP1", "HQ2"}, {"HP2", "HQ0"}, {"HP2", "HQ1"},
		{"HP2", "HQ2"}, {"HP0", "HQ0"}, {"HP0", "HQ1"}, {"HP0", "HQ2"},
	};
	for (size_t i = 0; i < sizeof links / sizeof links[0]; i++)
		harness_push(m, T0 + H + (int64_t)i * 600, links[i][0], links[i][1],
			     2000 + 100 * (double)(i % 5), NULL);
	assert_int_equal(cen_monitor_finish(m), 0);
	assert_int_equal(harness_count(&h, "bipartite"), 1);
	const char *j = harness_find(&h, "bipartite");
	assert_non_null(strstr(j, "\"senders\":3,\"recipients\":3"));
	assert_null(strstr(j, "HUBPAY"));
	harness_free(&h, m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_stack_linked_through_recipients),
		cmocka_unit_test(test_stack_not_linked_by_an_employer),
		cmocka_unit_test(test_stack_relay_pays_before_it_is_paid),
		cmocka_unit_test(test_stack_decided_once_grown),
		cmocka_unit_test(test_bipartite_grown_from_both_sides),
		cmocka_unit_test(test_bipartite_decide_at_once),
		cmocka_unit_test(test_bipartite_leaves_hubs_out),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
