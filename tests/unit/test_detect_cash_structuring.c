/* test_detect_cash_structuring.c - the structuring detector fires on cash
 * deposits kept under the threshold across days, branches and banks, and
 * stays quiet for legitimate patterns. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "test_detect_cash_util.h"

static const cen__cash_acct accts[] = {
	{"A1", "P1", "Ana Ruiz", CEN__OWNER_PERSON, "US", "78040", 0, 0, NULL},
	{"A2", "P1", "Ana Ruiz", CEN__OWNER_PERSON, "US", "78040", 0, 0, NULL},
	{"B1", "P2", "Tacos SA", CEN__OWNER_BUSINESS, "US", "78041", 0, 0, NULL},
	{"H1", "P3", "Payroll Co", CEN__OWNER_HUB, "US", "10001", 0, 0, NULL},
};

static t_env env_with(const char *rules_text)
{
	return t_env_make(accts, sizeof accts / sizeof accts[0], rules_text);
}

static void test_six_deposits_four_branches(void **state)
{
	(void)state;
	cen_txn tx[] = {
		t_txn("s1", "2025-03-03T09:10", "CASH", "X9", 9000, CEN_CH_CASH, "BR1"),
		t_txn("s2", "2025-03-03T15:40", "CASH", "X9", 9900, CEN_CH_CASH, "BR2"),
		t_txn("s3", "2025-03-04T11:00", "CASH", "X9", 9500, CEN_CH_CASH, "BR3"),
		t_txn("s4", "2025-03-05T10:30", "CASH", "X9", 9400, CEN_CH_CASH, "BR4"),
		t_txn("s5", "2025-03-06T12:00", "CASH", "X9", 9800, CEN_CH_CASH, "BR1"),
		t_txn("s6", "2025-03-07T16:20", "CASH", "X9", 9700, CEN_CH_CASH, "BR2"),
	};
	t_env e = env_with("[structuring]\nmin_count = 6\n");
	assert_int_equal(t_run(&cen__cash_structuring, &e, tx, 6), 0);
	assert_int_equal(e.alerts.n, 1);
	t_alert *a = &e.alerts.a[0];
	assert_string_equal(a->typology, "structuring");
	assert_string_equal(a->explanation,
			    "Account X9 received 6 cash deposits of $9,000-$9,900 at 4 branches over "
			    "5 days, $57,300 in all, each under the $10,000 CTR threshold.");
	assert_int_equal(a->n_txns, 6);
	assert_int_equal(a->n_accounts, 1);
	assert_string_equal(a->accounts[0], "X9");
	assert_non_null(strstr(a->evidence, "\"count\":6,\"total\":57300"));
	assert_non_null(strstr(a->evidence, "\"branches\":4"));
	assert_int_equal(a->start, t_ts("2025-03-03T09:10"));
	assert_int_equal(a->end, t_ts("2025-03-07T16:20"));
	env_done(&e);

	/* defaults (min_count 3, min_days 2): certain after the third deposit;
	 * the deposits that continue it come as one continuation alert a day */
	t_env d = env_with(NULL);
	assert_int_equal(t_run(&cen__cash_structuring, &d, tx, 6), 0);
	assert_int_equal(d.alerts.n, 4);
	assert_int_equal(d.alerts.a[0].n_txns, 3);
	assert_true(t_has_txn(&d.alerts.a[0], "s3"));
	for (int i = 1; i < 4; i++) {
		assert_int_equal(d.alerts.a[i].n_txns, 1);
		assert_non_null(strstr(d.alerts.a[i].explanation, "received 1 more cash deposit of $9,"));
		assert_non_null(strstr(d.alerts.a[i].explanation, "continuing a pattern already alerted"));
	}
	assert_true(t_has_txn(&d.alerts.a[3], "s6"));
}

static void test_person_across_accounts_and_banks(void **state)
{
	(void)state;
	cen_txn tx[] = {
		t_txn("p1", "2025-03-03T09:00", "CASH", "A1", 8500, CEN_CH_CASH, "BR1"),
		t_txn("p2", "2025-03-04T09:00", "CASH", "A2", 8800, CEN_CH_CASH, "BR7"),
		t_txn("p3", "2025-03-05T09:00", "CASH", "A1", 9100, CEN_CH_CASH, "BR2"),
	};
	tx[0].bene_bank = t_sl("BANK1");
	tx[1].bene_bank = t_sl("BANK2");
	tx[2].bene_bank = t_sl("BANK1");
	t_env e = env_with(NULL);
	assert_int_equal(t_run(&cen__cash_structuring, &e, tx, 3), 0);
	assert_int_equal(e.alerts.n, 1);
	assert_string_equal(e.alerts.a[0].explanation,
			    "Party P1 made 3 cash deposits of $8,500-$9,100 into 2 accounts at 3 "
			    "branches of 2 banks over 3 days, $26,400 in all, each under the $10,000 "
			    "CTR threshold.");
	assert_int_equal(e.alerts.a[0].n_accounts, 2);
	/* counted per account, no account has three */
	t_env e2 = env_with("[structuring]\naggregate_by = \"account\"\n");
	assert_int_equal(t_run(&cen__cash_structuring, &e2, tx, 3), 0);
	assert_int_equal(e2.alerts.n, 0);
	env_done(&e2);
}

static void test_legitimate_patterns_do_not_fire(void **state)
{
	(void)state;
	t_env e = env_with(NULL);
	/* a business with one big deposit a day: over the threshold, a CTR */
	cen_txn big[] = {
		t_txn("b1", "2025-03-03T18:00", "CASH", "B1", 25000, CEN_CH_CASH, "BR1"),
		t_txn("b2", "2025-03-04T18:00", "CASH", "B1", 23000, CEN_CH_CASH, "BR1"),
		t_txn("b3", "2025-03-05T18:00", "CASH", "B1", 27000, CEN_CH_CASH, "BR1"),
		t_txn("b4", "2025-03-06T18:00", "CASH", "B1", 24000, CEN_CH_CASH, "BR1"),
	};
	assert_int_equal(t_run(&cen__cash_structuring, &e, big, 4), 0);
	assert_int_equal(e.alerts.n, 0);
	/* small daily takings, well under the band */
	cen_txn small[] = {
		t_txn("m1", "2025-03-03T18:00", "CASH", "B1", 2100, CEN_CH_CASH, "BR1"),
		t_txn("m2", "2025-03-04T18:00", "CASH", "B1", 1900, CEN_CH_CASH, "BR1"),
		t_txn("m3", "2025-03-05T18:00", "CASH", "B1", 2500, CEN_CH_CASH, "BR1"),
		t_txn("m4", "2025-03-06T18:00", "CASH", "B1", 3000, CEN_CH_CASH, "BR1"),
	};
	assert_int_equal(t_run(&cen__cash_structuring, &e, small, 4), 0);
	assert_int_equal(e.alerts.n, 0);
	/* a payroll hub: large electronic flows, no cash */
	cen_txn hub[] = {
		t_txn("h1", "2025-03-03T08:00", "B1", "H1", 9500, CEN_CH_ACH, NULL),
		t_txn("h2", "2025-03-04T08:00", "B1", "H1", 9600, CEN_CH_ACH, NULL),
		t_txn("h3", "2025-03-05T08:00", "B1", "H1", 9700, CEN_CH_WIRE, NULL),
		t_txn("h4", "2025-03-05T09:00", "H1", "A1", 9400, CEN_CH_ACH, NULL),
	};
	assert_int_equal(t_run(&cen__cash_structuring, &e, hub, 4), 0);
	assert_int_equal(e.alerts.n, 0);
	/* in the band but spread wider than the window */
	cen_txn slow[] = {
		t_txn("w1", "2025-03-01T10:00", "CASH", "A1", 9500, CEN_CH_CASH, NULL),
		t_txn("w2", "2025-03-20T10:00", "CASH", "A1", 9500, CEN_CH_CASH, NULL),
		t_txn("w3", "2025-04-10T10:00", "CASH", "A1", 9500, CEN_CH_CASH, NULL),
	};
	assert_int_equal(t_run(&cen__cash_structuring, &e, slow, 3), 0);
	assert_int_equal(e.alerts.n, 0);
	/* three in the band on one day: that day's total is a CTR, not spread */
	cen_txn one_day[] = {
		t_txn("o1", "2025-03-03T10:00", "CASH", "A1", 9500, CEN_CH_CASH, NULL),
		t_txn("o2", "2025-03-03T11:00", "CASH", "A1", 9500, CEN_CH_CASH, NULL),
		t_txn("o3", "2025-03-03T12:00", "CASH", "A1", 9500, CEN_CH_CASH, NULL),
	};
	assert_int_equal(t_run(&cen__cash_structuring, &e, one_day, 3), 0);
	assert_int_equal(e.alerts.n, 0);
	/* withdrawals are not deposits */
	cen_txn out[] = {
		t_txn("x1", "2025-03-03T10:00", "A1", "CASH", 9500, CEN_CH_CASH, NULL),
		t_txn("x2", "2025-03-04T10:00", "A1", "CASH", 9500, CEN_CH_CASH, NULL),
		t_txn("x3", "2025-03-05T10:00", "A1", "CASH", 9500, CEN_CH_CASH, NULL),
	};
	assert_int_equal(t_run(&cen__cash_structuring, &e, out, 3), 0);
	assert_int_equal(e.alerts.n, 0);
}

static void test_courier_payments_count_for_the_payer(void **state)
{
	(void)state;
	/* a courier pays cash to money transmitters; the MSB receiving many
	 * customers' payments is not the one structuring */
	cen_txn tx[] = {
		t_txn("c1", "2025-03-03T10:00", "C1", "M1", 9000, CEN_CH_CASH, "78040"),
		t_txn("o1", "2025-03-03T11:00", "C2", "M1", 9100, CEN_CH_CASH, "78040"),
		t_txn("c2", "2025-03-04T10:00", "C1", "M2", 9200, CEN_CH_CASH, "78041"),
		t_txn("o2", "2025-03-04T12:00", "C3", "M1", 9300, CEN_CH_CASH, "78040"),
		t_txn("c3", "2025-03-05T10:00", "C1", "M1", 9400, CEN_CH_CASH, "78040"),
	};
	t_env e = env_with("[structuring]\naggregate_by = \"account\"\n");
	assert_int_equal(t_run(&cen__cash_structuring, &e, tx, 5), 0);
	assert_int_equal(e.alerts.n, 1);
	assert_string_equal(e.alerts.a[0].explanation,
			    "Account C1 made 3 cash payments of $9,000-$9,400 at 2 branches over 3 "
			    "days, $27,600 in all, each under the $10,000 CTR threshold.");
	assert_string_equal(e.alerts.a[0].accounts[0], "C1");
	env_done(&e);
}

static void test_takings_that_vary_around_the_threshold(void **state)
{
	(void)state;
	/* a cash business: some days in the band, one day over it */
	cen_txn tx[] = {
		t_txn("v1", "2025-03-03T18:00", "B1", "B1", 8500, CEN_CH_CASH, "BR1"),
		t_txn("v2", "2025-03-04T18:00", "B1", "B1", 12000, CEN_CH_CASH, "BR1"),
		t_txn("v3", "2025-03-05T18:00", "B1", "B1", 9000, CEN_CH_CASH, "BR1"),
		t_txn("v4", "2025-03-06T18:00", "B1", "B1", 9500, CEN_CH_CASH, "BR1"),
	};
	t_env e = env_with(NULL);
	assert_int_equal(t_run(&cen__cash_structuring, &e, tx, 4), 0);
	assert_int_equal(e.alerts.n, 0);
	t_env e2 = env_with("[structuring]\nskip_if_over = false\n");
	assert_int_equal(t_run(&cen__cash_structuring, &e2, tx, 4), 0);
	assert_int_equal(e2.alerts.n, 1);
	assert_int_equal(e2.alerts.a[0].n_txns, 3); /* only the deposits in the band */
	env_done(&e2);
	/* mostly small deposits, three in the band: not keeping under it */
	cen_txn mix[8];
	for (int i = 0; i < 8; i++) {
		mix[i] = t_txn("m", "2025-03-03T12:00", "B1", "B1", i % 3 == 0 ? 9200 : 3000,
			       CEN_CH_CASH, "BR1");
		mix[i].ts += i * 86400;
	}
	assert_int_equal(t_run(&cen__cash_structuring, &e, mix, 8), 0);
	assert_int_equal(e.alerts.n, 0);
	t_env e3 = env_with("[structuring]\nmin_band_share = 0.3\n");
	assert_int_equal(t_run(&cen__cash_structuring, &e3, mix, 8), 0);
	assert_int_equal(e3.alerts.n, 1);
	env_done(&e3);
}

static void test_band_and_window_from_rules(void **state)
{
	(void)state;
	cen_txn tx[] = {
		t_txn("a", "2025-03-03T10:00", "CASH", "A1", 7000, CEN_CH_CASH, NULL),
		t_txn("b", "2025-03-10T10:00", "CASH", "A1", 7200, CEN_CH_CASH, NULL),
		t_txn("c", "2025-03-18T10:00", "CASH", "A1", 7100, CEN_CH_CASH, NULL),
	};
	t_env e = env_with(NULL);
	assert_int_equal(t_run(&cen__cash_structuring, &e, tx, 3), 0);
	assert_int_equal(e.alerts.n, 0); /* $7,000 is under the 80% band */
	t_env e2 = env_with("[structuring]\nband_low = 0.6\nwindow_days = 21\n");
	assert_int_equal(t_run(&cen__cash_structuring, &e2, tx, 3), 0);
	assert_int_equal(e2.alerts.n, 1);
	env_done(&e2);
	t_env e3 = env_with("[structuring]\nband_low = 0.6\n"); /* 14 days: too slow */
	assert_int_equal(t_run(&cen__cash_structuring, &e3, tx, 3), 0);
	assert_int_equal(e3.alerts.n, 0);
	env_done(&e3);
	const char *bad[] = {
		"[structuring]\nband_low = 1.2\n",
		"[structuring]\nwindow_days = 0\n",
		"[structuring]\nmin_count = 1\n",
		"[structuring]\nmin_days = \"two\"\n",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		t_env b = env_with(bad[i]);
		assert_int_equal(t_run(&cen__cash_structuring, &b, NULL, 0), CEN_EINVAL);
		env_done(&b);
	}
}

static void test_many_people_long_run(void **state)
{
	(void)state;
	/* 400 accounts over 60 days, each with one in-band deposit a week: never
	 * three in a 14-day window, so silent; exercises eviction and the pool. */
	enum { N = 400 * 9 + 5 };
	cen_txn *tx = calloc(N, sizeof *tx);
	char (*ids)[40] = calloc(N, 40);
	char (*acc)[16] = calloc(400, 16);
	assert_non_null(tx);
	size_t k = 0;
	for (int week = 0; week < 9; week++)
		for (int p = 0; p < 400; p++) {
			snprintf(ids[k], 40, "txn-%024zu", k); /* long ids: the pool compacts */
			snprintf(acc[p], 16, "Z%d", p);
			tx[k] = t_txn(ids[k], "2025-01-06T10:00", "CASH", acc[p], 9500, CEN_CH_CASH, "BR1");
			tx[k].ts += (int64_t)week * 7 * 86400 + p;
			k++;
		}
	/* then a new account structures, and one of the weekly ones deposits
	 * twice more: both alerts must carry the right ids after compaction */
	for (int j = 0; j < 3; j++) {
		snprintf(ids[k], 40, "late-%d", j);
		tx[k] = t_txn(ids[k], "2025-03-12T10:00", "CASH", "Q1", 9000 + 100 * j, CEN_CH_CASH, "BR2");
		tx[k].ts += (int64_t)j * 86400;
		k++;
	}
	for (int j = 0; j < 2; j++) {
		snprintf(ids[k], 40, "again-%d", j);
		tx[k] = t_txn(ids[k], "2025-03-15T10:00", "CASH", "Z7", 9000, CEN_CH_CASH, "BR2");
		tx[k].ts += (int64_t)j * 86400;
		k++;
	}
	t_env e = env_with(NULL);
	assert_int_equal(t_run(&cen__cash_structuring, &e, tx, k), 0);
	assert_int_equal(e.alerts.n, 2);
	assert_int_equal(e.alerts.a[0].n_txns, 3);
	assert_true(t_has_txn(&e.alerts.a[0], "late-0") && t_has_txn(&e.alerts.a[0], "late-2"));
	assert_true(t_has_txn(&e.alerts.a[1], "txn-000000000000000000003207") &&
		    t_has_txn(&e.alerts.a[1], "again-1"));
	free(tx);
	free(ids);
	free(acc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_six_deposits_four_branches),
		cmocka_unit_test(test_person_across_accounts_and_banks),
		cmocka_unit_test(test_legitimate_patterns_do_not_fire),
		cmocka_unit_test(test_courier_payments_count_for_the_payer),
		cmocka_unit_test(test_takings_that_vary_around_the_threshold),
		cmocka_unit_test(test_band_and_window_from_rules),
		cmocka_unit_test(test_many_people_long_run),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
