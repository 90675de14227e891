/* test_detect_cash_funnel.c - the funnel detector: cash in at many places,
 * most of it out (abroad) within days; and the look-alikes it must leave
 * alone (a cash business at one branch, a payroll hub, slow or partial
 * outflows). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "test_detect_cash_util.h"

static const cen__cash_acct accts[] = {
	{"F1", "P1", "Luis Mora", CEN__OWNER_PERSON, "US", "85001", 0, 0, NULL},
	{"B1", "P2", "Tacos SA", CEN__OWNER_BUSINESS, "US", "78041", 0, 0, NULL},
	{"H1", "P3", "Payroll Co", CEN__OWNER_HUB, "US", "10001", 0, 0, NULL},
	{"MX1", "X1", "Comercial del Norte", CEN__OWNER_BUSINESS, "MX", "", 0, 0, NULL},
	{"S1", "X2", "Supplier Inc", CEN__OWNER_BUSINESS, "US", "60601", 0, 0, NULL},
};

static t_env env_with(const char *rules_text)
{
	return t_env_make(accts, sizeof accts / sizeof accts[0], rules_text);
}

/* Six deposits at six ZIP codes in four states over two days, $30,000. */
static void deposits(cen_txn *tx, const char *acct)
{
	static const char *const zips[] = {"85001", "87101", "79901", "73301", "90001", "80201"};
	static const double amt[] = {5200, 4800, 6100, 3900, 5500, 4500};
	static const char *const ids[] = {"d1", "d2", "d3", "d4", "d5", "d6"};
	for (int i = 0; i < 6; i++) {
		tx[i] = t_txn(ids[i], i < 3 ? "2025-03-03T10:00" : "2025-03-04T10:00", "CASH", acct,
			      amt[i], CEN_CH_CASH, zips[i]);
		tx[i].ts += i * 600;
	}
}

static void test_funnel_to_mexico(void **state)
{
	(void)state;
	cen_txn tx[8];
	deposits(tx, "F1");
	tx[6] = t_txn("o1", "2025-03-05T16:00", "F1", "MX1", 14000, CEN_CH_WIRE, NULL);
	tx[7] = t_txn("o2", "2025-03-05T17:00", "F1", "MX1", 13500, CEN_CH_WIRE, NULL);
	t_env e = env_with(NULL);
	assert_int_equal(t_run(&cen__cash_funnel, &e, tx, 8), 0);
	assert_int_equal(e.alerts.n, 1);
	t_alert *a = &e.alerts.a[0];
	assert_string_equal(a->typology, "funnel");
	assert_string_equal(a->explanation,
			    "Account F1 received 6 cash deposits totalling $30,000 at 6 locations (6 "
			    "ZIP areas) over 2 days, then sent $27,500 (92%) out in 2 payments within "
			    "2 days, $27,500 of it abroad (MX).");
	assert_int_equal(a->n_txns, 8);
	assert_true(t_has_txn(a, "d1") && t_has_txn(a, "o2"));
	assert_int_equal(a->n_accounts, 2); /* the funnel and where the money went */
	assert_string_equal(a->accounts[0], "F1");
	assert_string_equal(a->accounts[1], "MX1");
	assert_non_null(strstr(a->evidence, "\"countries\":[\"MX\"]"));
	assert_true(a->score >= 0.9);
	/* the transaction's own country is used first */
	tx[6].bene_country = t_sl("US");
	tx[7].bene_country = t_sl("US");
	assert_int_equal(t_run(&cen__cash_funnel, &e, tx, 8), 0);
	assert_int_equal(e.alerts.n, 1);
	assert_null(strstr(e.alerts.a[0].explanation, "abroad"));
	assert_true(e.alerts.a[0].score < 0.9);
}

/* The debits' destinations are named in the alert however the caller
 * gives them: numbered (vref), with the texts kept by the detector or by
 * the caller (cen__cash_env.labels), or unknown to it (no vref) among
 * numbered ones. */
static void test_destinations_named(void **state)
{
	(void)state;
	static const cen__cash_acct numbered[] = {
		{"F1", "P1", "Luis Mora", CEN__OWNER_PERSON, "US", "85001", 1, 0, NULL},
		{"MX1", "X1", "Comercial del Norte", CEN__OWNER_BUSINESS, "MX", "", 2, 0, NULL},
	};
	const char *labels[] = {"F1", "MX1"};
	const char **kept = labels;
	cen_txn tx[8];
	deposits(tx, "F1");
	tx[6] = t_txn("o1", "2025-03-05T16:00", "F1", "MX1", 14000, CEN_CH_WIRE, NULL);
	tx[7] = t_txn("o2", "2025-03-05T17:00", "F1", "ZZ9", 13500, CEN_CH_WIRE, NULL);
	for (int mode = 0; mode < 3; mode++) {
		t_env e = mode ? t_env_make(numbered, 2, NULL) : env_with(NULL);
		if (mode == 2)
			e.env.labels = &kept;
		assert_int_equal(t_run(&cen__cash_funnel, &e, tx, 8), 0);
		assert_int_equal(e.alerts.n, 1);
		t_alert *a = &e.alerts.a[0];
		assert_int_equal(a->n_accounts, 3);
		assert_string_equal(a->accounts[0], "F1");
		assert_string_equal(a->accounts[1], "MX1");
		assert_string_equal(a->accounts[2], "ZZ9");
		env_done(&e);
	}
}

static void test_look_alikes_do_not_fire(void **state)
{
	(void)state;
	t_env e = env_with(NULL);
	cen_txn tx[8];
	/* only 40% leaves */
	deposits(tx, "F1");
	tx[6] = t_txn("o1", "2025-03-05T16:00", "F1", "MX1", 12000, CEN_CH_WIRE, NULL);
	assert_int_equal(t_run(&cen__cash_funnel, &e, tx, 7), 0);
	assert_int_equal(e.alerts.n, 0);
	/* the money leaves only after the lag (5 days after the last deposit) */
	tx[6] = t_txn("o1", "2025-03-11T16:00", "F1", "MX1", 28000, CEN_CH_WIRE, NULL);
	assert_int_equal(t_run(&cen__cash_funnel, &e, tx, 7), 0);
	assert_int_equal(e.alerts.n, 0);
	/* a cash business banks its takings at its own branch, pays a supplier */
	cen_txn biz[7];
	for (int i = 0; i < 6; i++) {
		biz[i] = t_txn("b", "2025-03-03T18:00", "B1", "B1", 5000, CEN_CH_CASH, "78041");
		biz[i].ts += i * 86400;
	}
	biz[6] = t_txn("s", "2025-03-08T09:00", "B1", "S1", 28000, CEN_CH_ACH, NULL);
	assert_int_equal(t_run(&cen__cash_funnel, &e, biz, 7), 0);
	assert_int_equal(e.alerts.n, 0);
	/* a payroll hub: even cash at many places is not its pattern */
	deposits(tx, "H1");
	tx[6] = t_txn("p1", "2025-03-05T06:00", "H1", "F1", 29000, CEN_CH_ACH, NULL);
	assert_int_equal(t_run(&cen__cash_funnel, &e, tx, 7), 0);
	assert_int_equal(e.alerts.n, 0);
	/* the same counted as any other account when hubs are not excluded */
	t_env e2 = env_with("[funnel]\nexclude_kinds = []\n");
	assert_int_equal(t_run(&cen__cash_funnel, &e2, tx, 7), 0);
	assert_int_equal(e2.alerts.n, 1);
	env_done(&e2);
	/* electronic money in, out again: no cash at all */
	cen_txn el[3] = {
		t_txn("e1", "2025-03-03T06:00", "S1", "F1", 20000, CEN_CH_WIRE, NULL),
		t_txn("e2", "2025-03-03T07:00", "H1", "F1", 20000, CEN_CH_ACH, NULL),
		t_txn("e3", "2025-03-03T09:00", "F1", "MX1", 39000, CEN_CH_WIRE, NULL),
	};
	assert_int_equal(t_run(&cen__cash_funnel, &e, el, 3), 0);
	assert_int_equal(e.alerts.n, 0);
}

static void test_rules_and_repeat(void **state)
{
	(void)state;
	cen_txn tx[8];
	deposits(tx, "F1");
	tx[6] = t_txn("o1", "2025-03-05T16:00", "F1", "MX1", 16000, CEN_CH_WIRE, NULL);
	/* with min_locations 8 the six places are not enough */
	t_env e = env_with("[funnel]\nmin_locations = 8\n");
	assert_int_equal(t_run(&cen__cash_funnel, &e, tx, 7), 0);
	assert_int_equal(e.alerts.n, 0);
	env_done(&e);
	/* a lower ratio lets $16,000 of $30,000 count */
	t_env e2 = env_with("[funnel]\nmin_out_ratio = 0.5\n");
	tx[7] = t_txn("o2", "2025-03-05T18:00", "F1", "MX1", 16000, CEN_CH_WIRE, NULL);
	assert_int_equal(t_run(&cen__cash_funnel, &e2, tx, 8), 0);
	assert_int_equal(e2.alerts.n, 1); /* the second debit finds no new cash */
	assert_int_equal(e2.alerts.a[0].n_txns, 7);
	env_done(&e2);
	/* distinct places, not deposits, are counted against min_locations:
	 * six places reach 6, not 7; with d2 and d5 at d1's place, 4 of them
	 * reach 4, not 5 */
	for (int min = 6, rep = 0; rep < 2; rep++) {
		for (int extra = 0; extra < 2; extra++) {
			char rules[64];
			snprintf(rules, sizeof rules, "[funnel]\nmin_locations = %d\n", min + extra);
			deposits(tx, "F1");
			if (rep)
				tx[1].location = tx[4].location = tx[0].location;
			tx[6] = t_txn("o1", "2025-03-05T16:00", "F1", "MX1", 28000, CEN_CH_WIRE, NULL);
			t_env m = env_with(rules);
			assert_int_equal(t_run(&cen__cash_funnel, &m, tx, 7), 0);
			assert_int_equal(m.alerts.n, !extra);
			env_done(&m);
		}
		min = 4;
	}
	const char *bad[] = {
		"[funnel]\nmin_out_ratio = 1.5\n",
		"[funnel]\nmin_locations = 1\n",
		"[funnel]\nhome_country = \"USA\"\n",
		"[funnel]\nexclude_kinds = [\"bank\"]\n",
		"[funnel]\nwindow_days = 3\nmax_out_lag_days = 5\n",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		t_env b = env_with(bad[i]);
		assert_int_equal(t_run(&cen__cash_funnel, &b, NULL, 0), CEN_EINVAL);
		env_done(&b);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_funnel_to_mexico),
		cmocka_unit_test(test_destinations_named),
		cmocka_unit_test(test_look_alikes_do_not_fire),
		cmocka_unit_test(test_rules_and_repeat),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
