/* test_detect_cash_gto.c - the Southwest-border GTO detector: MSBs in
 * covered ZIP codes, the orders' thresholds and dates, aggregation per
 * person per business day, and what is not covered. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "test_detect_cash_util.h"

/* 2025-12-01 is a Monday (modified order of 2025-09 in force). */
static const cen__cash_acct accts[] = {
	{"M1", "E1", "Envios Laredo", CEN__OWNER_MSB, "US", "78040", 0, 0, NULL},
	{"M2", "E2", "Remesas NY", CEN__OWNER_MSB, "US", "10001", 0, 0, NULL},
	{"S1", "E3", "Tienda", CEN__OWNER_BUSINESS, "US", "78040", 0, 0, NULL},
	{"C1", "P9", "Courier One", CEN__OWNER_PERSON, "US", "78041", 0, 0, NULL},
	{"C2", "P8", "Client Two", CEN__OWNER_PERSON, "US", "78041", 0, 0, NULL},
};

static t_env env_with(const char *rules_text)
{
	return t_env_make(accts, sizeof accts / sizeof accts[0], rules_text);
}

static void test_courier_pays_msb_in_border_zip(void **state)
{
	(void)state;
	cen_txn tx[] = {
		t_txn("g1", "2025-12-01T10:00", "C1", "M1", 1500, CEN_CH_CASH, "78040"),
		t_txn("g2", "2025-12-01T16:00", "C1", "M1", 2000, CEN_CH_CASH, "78040"),
		t_txn("g3", "2025-12-01T17:00", "C2", "M1", 400, CEN_CH_CASH, "78040"),
		/* the MSB banks its own cash: not a covered transaction */
		t_txn("g4", "2025-12-01T19:00", "M1", "M1", 3900, CEN_CH_CASH, "78040"),
		t_txn("g5", "2025-12-02T10:00", "C2", "M1", 300, CEN_CH_CASH, "78040"),
	};
	t_env e = env_with(NULL); /* the built-in 2025 orders */
	assert_int_equal(t_run(&cen__cash_gto, &e, tx, 5), 0);
	assert_int_equal(e.alerts.n, 1);
	t_alert *a = &e.alerts.a[0];
	assert_string_equal(a->typology, "gto");
	assert_string_equal(a->explanation,
			    "MSB M1 at ZIP 78040 took in $3,500 in cash from party P9 in 2 "
			    "transactions on business day 2025-12-01, at or over the $1,000 "
			    "threshold of the Southwest-border GTO 2025-09: a GTO currency "
			    "transaction report is due.");
	assert_int_equal(a->n_txns, 2);
	assert_int_equal(a->n_accounts, 2);
	assert_string_equal(a->accounts[0], "M1");
	assert_string_equal(a->accounts[1], "C1");
	assert_non_null(strstr(a->evidence, "\"order\":\"2025-09\""));
	assert_non_null(strstr(a->evidence, "\"total\":3500"));
}

/* The same with accounts numbered as the engine numbers them: events name
 * accounts by number, and the alert by their labels. */
static void test_numbered_accounts(void **state)
{
	(void)state;
	static const cen__cash_acct numbered[] = {
		{"M1", "E1", "Envios Laredo", CEN__OWNER_MSB, "US", "78040", 4, 1, "p:E1"},
		{"C1", "P9", "Courier One", CEN__OWNER_PERSON, "US", "78041", 2, 3, "p:P9"},
	};
	cen_txn tx[] = {
		t_txn("g1", "2025-12-01T10:00", "C1", "M1", 1500, CEN_CH_CASH, "78040"),
		t_txn("g2", "2025-12-01T16:00", "C1", "M1", 2000, CEN_CH_CASH, "78040"),
		t_txn("g3", "2025-12-01T17:00", "M1", "CASH", 1200, CEN_CH_CASH, "78040"),
		t_txn("g5", "2025-12-02T10:00", "C1", "M1", 300, CEN_CH_CASH, "78040"),
	};
	t_env e = t_env_make(numbered, 2, NULL);
	assert_int_equal(t_run(&cen__cash_gto, &e, tx, 4), 0);
	assert_int_equal(e.alerts.n, 2);
	t_alert *a = &e.alerts.a[0];
	assert_non_null(strstr(a->explanation, "MSB M1 at ZIP 78040 took in $3,500 in cash from "
					       "party P9 in 2 transactions"));
	assert_int_equal(a->n_accounts, 2);
	assert_string_equal(a->accounts[0], "M1");
	assert_string_equal(a->accounts[1], "C1");
	a = &e.alerts.a[1]; /* a walk-in: the MSB names the event */
	assert_non_null(strstr(a->explanation, "MSB M1 at ZIP 78040 paid out $1,200"));
	assert_int_equal(a->n_accounts, 1);
	assert_string_equal(a->accounts[0], "M1");
}

static void test_thresholds_dates_and_places(void **state)
{
	(void)state;
	t_env e = env_with(NULL);
	cen_txn at[] = {
		t_txn("x", "2025-12-01T10:00", "C2", "M1", 1000, CEN_CH_CASH, "78040"),
	};
	assert_int_equal(t_run(&cen__cash_gto, &e, at, 1), 0);
	assert_int_equal(e.alerts.n, 1); /* $1,000 or more */
	/* the first order: more than $200, April to September 2025 */
	cen_txn first[] = {
		t_txn("y", "2025-05-05T10:00", "C2", "M1", 200, CEN_CH_CASH, "78040"),
		t_txn("z", "2025-05-06T10:00", "C2", "M1", 250, CEN_CH_CASH, "78040"),
	};
	assert_int_equal(t_run(&cen__cash_gto, &e, first, 2), 0);
	assert_int_equal(e.alerts.n, 1);
	assert_true(t_has_txn(&e.alerts.a[0], "z"));
	assert_non_null(strstr(e.alerts.a[0].explanation, "over the $200 threshold of the "
							   "Southwest-border GTO 2025-03"));
	cen_txn quiet[] = {
		/* an MSB outside the covered ZIP codes */
		t_txn("q1", "2025-12-01T10:00", "C1", "M2", 3000, CEN_CH_CASH, "10001"),
		/* after the order ended */
		t_txn("q2", "2026-04-01T10:00", "C1", "M1", 3000, CEN_CH_CASH, "78040"),
		/* before the first order */
		t_txn("q3", "2025-03-03T10:00", "C1", "M1", 3000, CEN_CH_CASH, "78040"),
		/* a shop, not an MSB */
		t_txn("q4", "2025-12-03T10:00", "C1", "S1", 3000, CEN_CH_CASH, "78040"),
		/* a wire, not cash */
		t_txn("q5", "2025-12-04T10:00", "C1", "M1", 3000, CEN_CH_WIRE, "78040"),
		/* over $10,000 in the day: the ordinary CTR, not the GTO */
		t_txn("q6", "2025-12-05T10:00", "C2", "M1", 6000, CEN_CH_CASH, "78040"),
		t_txn("q7", "2025-12-05T11:00", "C2", "M1", 5000, CEN_CH_CASH, "78040"),
	};
	assert_int_equal(t_run(&cen__cash_gto, &e, quiet, 7), 0);
	assert_int_equal(e.alerts.n, 0);
	/* the shop listed as an MSB in the rules is covered */
	t_env e2 = env_with("[gto]\nmsb_accounts = [\"S1\"]\n");
	assert_int_equal(t_run(&cen__cash_gto, &e2, quiet, 7), 0);
	assert_int_equal(e2.alerts.n, 1);
	assert_true(t_has_txn(&e2.alerts.a[0], "q4"));
	env_done(&e2);
}

static void test_walk_in_and_cash_out(void **state)
{
	(void)state;
	cen_txn tx[] = {
		t_txn("w1", "2025-12-01T10:00", "CASH", "M1", 1200, CEN_CH_CASH, "78040"),
		t_txn("w2", "2025-12-01T11:00", "CASH", "M1", 1300, CEN_CH_CASH, "78040"),
		t_txn("o1", "2025-12-01T12:00", "M1", "C2", 2500, CEN_CH_CASH, "78040"),
	};
	tx[0].orig_name = t_sl("Juan Perez");
	/* w2 has no name: it stands alone */
	t_env e = env_with(NULL);
	assert_int_equal(t_run(&cen__cash_gto, &e, tx, 3), 0);
	assert_int_equal(e.alerts.n, 3);
	bool saw_name = false, saw_out = false;
	for (int i = 0; i < e.alerts.n; i++) {
		saw_name |= strstr(e.alerts.a[i].explanation, "from walk-in customer Juan Perez") != NULL;
		saw_out |= strstr(e.alerts.a[i].explanation, "paid out $2,500 in cash to party P8") != NULL;
	}
	assert_true(saw_name && saw_out);
}

static void test_orders_from_rules_with_counties(void **state)
{
	(void)state;
	const char *rules =
		"[gto.order.test]\n"
		"threshold = 500\n"
		"start = 2026-05-01\n"
		"end = 2026-05-31\n"
		"zips = [\"92173\"]\n"
		"counties = [\"Webb, TX\", \"Nowhere, TX\"]\n"
		"[gto.county_zips]\n"
		"\"Webb, TX\" = [\"78040\", \"78045\"]\n";
	cen_txn tx[] = {
		t_txn("a", "2026-05-04T10:00", "C1", "M1", 600, CEN_CH_CASH, "78045-0001"),
		t_txn("b", "2026-05-31T22:00", "C2", "M1", 700, CEN_CH_CASH, NULL), /* MSB's ZIP */
		t_txn("c", "2026-06-01T10:00", "C2", "M1", 700, CEN_CH_CASH, "78045"),
		t_txn("d", "2026-05-05T10:00", "C2", "M1", 700, CEN_CH_CASH, "78501"),
	};
	t_env e = env_with(rules);
	assert_int_equal(t_run(&cen__cash_gto, &e, tx, 4), 0);
	assert_int_equal(e.diag.warnings, 1); /* Nowhere, TX covers nothing */
	assert_int_equal(e.alerts.n, 2);
	assert_true(t_has_txn(&e.alerts.a[0], "a"));
	assert_true(t_has_txn(&e.alerts.a[1], "b"));
	env_done(&e);

	const char *bad[] = {
		"[gto.order.x]\nthreshold = 500\nstart = 2026-05-01\nend = 2026-05-31\nzips = [\"7804\"]\n",
		"[gto.order.x]\nthreshold = 500\nend = 2026-05-31\nzips = [\"78040\"]\n",
		"[gto.order.x]\nstart = 2026-05-01\nend = 2026-04-30\n",
		"[gto.order.x]\nstart = 2026-05-01\nend = 2026-05-30\nthreshold = true\n",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		t_env b = env_with(bad[i]);
		assert_int_equal(t_run(&cen__cash_gto, &b, NULL, 0), CEN_EINVAL);
		env_done(&b);
	}
}

static void test_example_rules_file_orders(void **state)
{
	(void)state;
	cen_rules *r = NULL;
	char err[256];
	assert_int_equal(cen_rules_load(CEN_TEST_SRC_DIR "/examples/rules.toml", &r, err, sizeof err,
					NULL), 0);
	t_env e = env_with(NULL);
	e.rules = r;
	cen_txn tx[] = {
		t_txn("a", "2025-12-01T10:00", "C1", "M1", 1500, CEN_CH_CASH, "78040"),
		t_txn("b", "2025-06-02T10:00", "C1", "M1", 250, CEN_CH_CASH, "92173"),
	};
	assert_int_equal(t_run(&cen__cash_gto, &e, tx, 2), 0);
	assert_int_equal(e.diag.errors, 0);
	assert_int_equal(e.alerts.n, 2);
	env_done(&e);
}

/* Bucket keys apart by MSB, person and direction, among more keys than
 * the key map's first size (it grows with keys in it): NP persons pay
 * M1 $500 each, then three of them (the first, one in the middle, the
 * last) $600 more, which only their own buckets add up to $1,100. C5
 * pays M3 too, and M1 pays C7 out: neither adds to the $500 at M1. The
 * next day the same again in reverse order, three others paying more:
 * the first day's keys are dropped with their buckets (the key map moving
 * its slots back) and their indexes given to the second day's. With
 * persons numbered by the caller and, the second time, by their text. */
#define NP 1500
/* Day's payments into M1 from tx[n] on: $500 from every person at 10:00
 * (in order for an id prefix 'a', in reverse else), $600 more at noon
 * from the three in again (ids prefix + 1). The count of records after. */
static size_t pay_day(cen_txn *tx, size_t n, char (*ids)[16], char (*labels)[16],
		      const char *day, char prefix, const size_t again[3])
{
	char at[2][24];
	snprintf(at[0], sizeof at[0], "%sT10:00", day);
	snprintf(at[1], sizeof at[1], "%sT12:00", day);
	for (size_t k = 0; k < NP + 3; k++) {
		size_t i = k >= NP ? again[k - NP] : prefix == 'a' ? k : NP - 1 - k;
		snprintf(ids[n], sizeof ids[n], "%c%zu", k < NP ? prefix : prefix + 1, i);
		tx[n] = t_txn(ids[n], at[k >= NP], labels[i], "M1", k < NP ? 500 : 600, CEN_CH_CASH,
			      "78040");
		n++;
	}
	return n;
}

static void run_many_keys(bool numbered)
{
	static char labels[NP][16], parties[NP][16], keys[NP][20], ids[2 * NP + 16][16];
	static cen__cash_acct ac[NP + 2];
	static cen_txn tx[2 * NP + 16];
	ac[0] = (cen__cash_acct){"M1", "E1", "Envios Laredo", CEN__OWNER_MSB, "US", "78040", 0, 0, NULL};
	ac[1] = (cen__cash_acct){"M3", "E3", "Cambio Sur", CEN__OWNER_MSB, "US", "78040", 0, 0, NULL};
	for (size_t i = 0; i < NP; i++) {
		snprintf(labels[i], sizeof labels[i], "C%zu", i);
		snprintf(parties[i], sizeof parties[i], "P%zu", i);
		snprintf(keys[i], sizeof keys[i], "p:P%zu", i);
		ac[i + 2] = (cen__cash_acct){labels[i], parties[i], NULL, CEN__OWNER_PERSON, "US",
					     "78041", 0, 0, NULL};
	}
	if (numbered)
		for (size_t i = 0; i < NP + 2; i++) {
			ac[i].vref = (uint32_t)i + 1;
			ac[i].person = (uint32_t)i + 1;
			ac[i].person_key = i < 2 ? (i ? "p:E3" : "p:E1") : keys[i - 2];
		}
	const size_t again[] = {0, NP / 2, NP - 1}, again2[] = {1, NP / 3, NP - 2};
	size_t n = pay_day(tx, 0, ids, labels, "2025-12-01", 'a', again);
	tx[n++] = t_txn("m3", "2025-12-01T13:00", "C5", "M3", 600, CEN_CH_CASH, "78040");
	tx[n++] = t_txn("o7", "2025-12-01T14:00", "M1", "C7", 600, CEN_CH_CASH, "78040");
	n = pay_day(tx, n, ids, labels, "2025-12-02", 'c', again2);
	t_env e = t_env_make(ac, NP + 2, NULL);
	assert_int_equal(t_run(&cen__cash_gto, &e, tx, n), 0);
	assert_int_equal(e.alerts.n, 6);
	for (size_t j = 0; j < 6; j++) {
		char want[96];
		snprintf(want, sizeof want, "took in $1,100 in cash from party P%zu in 2 transactions "
			 "on business day 2025-12-0%d", j < 3 ? again[j] : again2[j - 3], j < 3 ? 1 : 2);
		bool found = false;
		for (int i = 0; i < e.alerts.n; i++)
			found |= strstr(e.alerts.a[i].explanation, want) != NULL;
		assert_true(found);
	}
}

static void test_many_keys_apart(void **state)
{
	(void)state;
	run_many_keys(true);
	run_many_keys(false);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_courier_pays_msb_in_border_zip),
		cmocka_unit_test(test_numbered_accounts),
		cmocka_unit_test(test_thresholds_dates_and_places),
		cmocka_unit_test(test_walk_in_and_cash_out),
		cmocka_unit_test(test_orders_from_rules_with_counties),
		cmocka_unit_test(test_example_rules_file_orders),
		cmocka_unit_test(test_many_keys_apart),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
