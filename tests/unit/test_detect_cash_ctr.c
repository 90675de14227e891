/* test_detect_cash_ctr.c - the ctr detector: per-person, per-business-day
 * cash aggregation (31 CFR 1010.313), business-day rules, and the shared
 * cash helpers (direction, ZIP, money, the transaction id pool). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/timeutil.h"
#include "test_detect_cash_util.h"

/* 2025-03-01 is a Saturday, 2025-03-03 a Monday. */
static const cen__cash_acct accts[] = {
	{"A1", "P1", "Ana Ruiz", CEN__OWNER_PERSON, "US", "78040", 0, 0, NULL},
	{"A2", "P1", "Ana Ruiz", CEN__OWNER_PERSON, "US", "78040", 0, 0, NULL},
	{"B1", "P2", "Tacos SA", CEN__OWNER_BUSINESS, "US", "78041", 0, 0, NULL},
};

/* The same accounts, numbered as the engine numbers them (vref, person). */
static const cen__cash_acct numbered[] = {
	{"A1", "P1", "Ana Ruiz", CEN__OWNER_PERSON, "US", "78040", 1, 7, "p:P1"},
	{"A2", "P1", "Ana Ruiz", CEN__OWNER_PERSON, "US", "78040", 2, 7, "p:P1"},
	{"B1", "P2", "Tacos SA", CEN__OWNER_BUSINESS, "US", "78041", 3, 2, "p:P2"},
};

static t_env env_with(const char *rules_text)
{
	return t_env_make(accts, sizeof accts / sizeof accts[0], rules_text);
}

static void test_same_person_two_accounts_one_day(void **state)
{
	(void)state;
	cen_txn tx[] = {
		t_txn("t1", "2025-03-04T10:00", "CASH", "A1", 6000, CEN_CH_CASH, "78040"),
		t_txn("t2", "2025-03-04T15:00", "CASH", "A2", 5000, CEN_CH_CASH, "78041"),
		t_txn("t3", "2025-03-05T09:00", "CASH", "B1", 100, CEN_CH_CASH, "78041"),
	};
	t_env e = env_with(NULL); /* no rules: defaults */
	assert_int_equal(t_run(&cen__cash_ctr, &e, tx, 3), 0);
	assert_int_equal(e.alerts.n, 1);
	t_alert *a = &e.alerts.a[0];
	assert_string_equal(a->typology, "ctr");
	assert_int_equal(a->n_txns, 2);
	assert_true(t_has_txn(a, "t1") && t_has_txn(a, "t2"));
	assert_int_equal(a->n_accounts, 2);
	assert_string_equal(a->explanation,
			    "Party P1 took in $11,000 in cash in 2 transactions through 2 accounts "
			    "on business day 2025-03-04, more than the $10,000 CTR threshold: a "
			    "currency transaction report is due.");
	assert_non_null(strstr(a->evidence, "\"total\":11000"));
	assert_non_null(strstr(a->evidence, "\"locations\":[\"78040\",\"78041\"]"));
	assert_non_null(strstr(a->evidence, "\"direction\":\"cash_in\""));
	assert_int_equal(a->start, t_ts("2025-03-04T10:00"));
	assert_int_equal(a->end, t_ts("2025-03-04T15:00"));
	assert_true(a->score > 0 && a->score <= 1);

	/* per account: neither account is over $10,000 */
	t_env e2 = env_with("[ctr]\naggregate_by = \"account\"\n");
	assert_int_equal(t_run(&cen__cash_ctr, &e2, tx, 3), 0);
	assert_int_equal(e2.alerts.n, 0);
	env_done(&e2);
}

/* Persons numbered by the caller (as the engine does): A1 and A2 are one
 * person's, so one CTR of both; an account without a number among
 * numbered ones is an error, not a second index space. */
/* A bucket holds its first event in place and moves it into an array at
 * the second; after a day of many it starts in place again: each day's
 * alert lists that day's transactions, in order, and no other. */
static void test_one_many_one_event_days(void **state)
{
	(void)state;
	cen_txn tx[] = {
		t_txn("d1", "2025-03-04T10:00", "CASH", "A1", 10500, CEN_CH_CASH, "78040"),
		t_txn("e1", "2025-03-05T09:00", "CASH", "A1", 4000, CEN_CH_CASH, "78040"),
		t_txn("e2", "2025-03-05T10:00", "CASH", "A2", 4000, CEN_CH_CASH, "78041"),
		t_txn("e3", "2025-03-05T11:00", "CASH", "A1", 3000, CEN_CH_CASH, "78042"),
		t_txn("f1", "2025-03-06T09:00", "CASH", "A2", 12000, CEN_CH_CASH, "78043"),
	};
	t_env e = env_with(NULL);
	assert_int_equal(t_run(&cen__cash_ctr, &e, tx, 5), 0);
	assert_int_equal(e.alerts.n, 3);
	assert_int_equal(e.alerts.a[0].n_txns, 1);
	assert_true(t_has_txn(&e.alerts.a[0], "d1"));
	t_alert *a = &e.alerts.a[1];
	assert_int_equal(a->n_txns, 3);
	assert_true(t_has_txn(a, "e1") && t_has_txn(a, "e2") && t_has_txn(a, "e3"));
	assert_non_null(strstr(a->evidence, "\"locations\":[\"78040\",\"78041\",\"78042\"]"));
	assert_int_equal(a->start, t_ts("2025-03-05T09:00"));
	assert_int_equal(a->end, t_ts("2025-03-05T11:00"));
	a = &e.alerts.a[2];
	assert_int_equal(a->n_txns, 1);
	assert_true(t_has_txn(a, "f1"));
	assert_non_null(strstr(a->evidence, "\"locations\":[\"78043\"]"));
	env_done(&e);
}

/* A day of 300 deposits (its bucket's array grows past 256 events and
 * goes back to the pool when the day closes), then a quiet day of the same
 * person in the same bucket: each day's alert lists that day's deposits. */
static void test_busy_day_then_quiet(void **state)
{
	(void)state;
	enum { N = 300 };
	static char ids[N + 2][8];
	static cen_txn tx[N + 2];
	for (int i = 0; i < N; i++) {
		snprintf(ids[i], sizeof ids[i], "b%03d", i);
		tx[i] = t_txn(ids[i], "2025-03-04T10:00", "CASH", "A1", 50, CEN_CH_CASH, "78040");
	}
	for (int i = N; i < N + 2; i++) {
		snprintf(ids[i], sizeof ids[i], "q%d", i - N);
		tx[i] = t_txn(ids[i], "2025-03-05T10:00", "CASH", "A2", 6000, CEN_CH_CASH, "78040");
	}
	t_env e = env_with(NULL);
	assert_int_equal(t_run(&cen__cash_ctr, &e, tx, N + 2), 0);
	assert_int_equal(e.alerts.n, 2);
	assert_int_equal(e.alerts.a[0].n_txns, N);
	assert_true(t_has_txn(&e.alerts.a[0], "b000") && t_has_txn(&e.alerts.a[0], "b001"));
	assert_int_equal(e.alerts.a[1].n_txns, 2);
	assert_true(t_has_txn(&e.alerts.a[1], "q0") && t_has_txn(&e.alerts.a[1], "q1"));
	assert_false(t_has_txn(&e.alerts.a[1], "b000"));
	env_done(&e);
}

/* Only the open buckets are kept, in the order they opened: each day's
 * CTRs come in the order their persons first deposited that day, though
 * the persons open in another order the next day and an earlier day's
 * buckets were dropped between them. The same with the accounts' and
 * persons' texts kept by the caller (cen__cash_env.labels, persons). */
static void test_close_order_follows_opening(void **state)
{
	(void)state;
	cen_txn tx[] = {
		t_txn("a1", "2025-03-04T09:00", "CASH", "A1", 10500, CEN_CH_CASH, "78040"),
		t_txn("b1", "2025-03-04T10:00", "CASH", "B1", 10600, CEN_CH_CASH, "78041"),
		t_txn("b2", "2025-03-05T09:00", "CASH", "B1", 10700, CEN_CH_CASH, "78041"),
		t_txn("a2", "2025-03-05T10:00", "CASH", "A2", 10800, CEN_CH_CASH, "78040"),
		t_txn("c1", "2025-03-05T11:00", "A1", "CASH", 200, CEN_CH_CASH, "78040"),
		t_txn("a3", "2025-03-06T09:00", "CASH", "A1", 10900, CEN_CH_CASH, "78040"),
	};
	const char *order[] = {"a1", "b1", "b2", "a2", "a3"};
	const char *who[] = {"A2", "B1", "B1", "A2", "A1"};
	/* the numbers' texts as a caller that keeps them (the engine) has
	 * them: labels by vref, persons by number (7 and 2) */
	const char *labels[] = {"A1", "A2", "B1"};
	const char *persons[] = {"x", "p:P2", "x", "x", "x", "x", "p:P1"};
	const char **kept_labels = labels, **kept_persons = persons;
	/* not numbered, numbered, numbered with the texts kept by the caller */
	for (int mode = 0; mode < 3; mode++) {
		t_env e = mode ? t_env_make(numbered, 3, NULL) : env_with(NULL);
		if (mode == 2) {
			e.env.labels = &kept_labels;
			e.env.persons = &kept_persons;
		}
		assert_int_equal(t_run(&cen__cash_ctr, &e, tx, 6), 0);
		assert_int_equal(e.alerts.n, 5);
		for (int i = 0; i < 5; i++) {
			assert_int_equal(e.alerts.a[i].n_txns, 1);
			assert_true(t_has_txn(&e.alerts.a[i], order[i]));
			assert_int_equal(e.alerts.a[i].n_accounts, 1);
		}
		assert_string_equal(e.alerts.a[3].accounts[0], who[3]);
		assert_non_null(strstr(e.alerts.a[1].explanation, "Party P2 took in"));
		assert_non_null(strstr(e.alerts.a[4].evidence, "\"person\":\"P1\""));
		env_done(&e);
	}
}

/* Dense numbers come in the order slots are first met, the same for a
 * slot met again, and map back to their slot, however far apart the
 * slots are. */
static void test_dense_numbers(void **state)
{
	(void)state;
	cen__dense d = {0};
	static const uint64_t slots[] = {15, 4, 100000, 15, 0, 4};
	static const int64_t want[] = {0, 1, 2, 0, 3, 1};
	for (size_t i = 0; i < sizeof slots / sizeof slots[0]; i++)
		assert_int_equal(cen__dense_of(&d, slots[i]), want[i]);
	assert_int_equal(d.n, 4);
	assert_int_equal(cen__dense_slot(&d, 0), 15);
	assert_int_equal(cen__dense_slot(&d, 1), 4);
	assert_int_equal(cen__dense_slot(&d, 2), 100000);
	assert_int_equal(cen__dense_slot(&d, 3), 0);
	assert_int_equal(cen__dense_of(&d, UINT32_MAX), CEN_ELIMIT);
	for (uint64_t s = 200; s < 5000; s++) /* growth keeps the earlier ones */
		assert_int_equal(cen__dense_of(&d, s), (int64_t)(s - 200 + 4));
	assert_int_equal(cen__dense_of(&d, 100000), 2);
	cen__dense_release(&d);
}

/* A detector's own account ids: the next id at an account's first add,
 * by vref (its label kept, not copied, nothing interned) or by label (no
 * vref), both kinds in one id space; absent ones not found. */
static void test_acct_ids(void **state)
{
	(void)state;
	cen__cash_acct a = {.label = "B:1", .vref = 9}, b = {.label = "B:2", .vref = 3};
	cen__cash_acct c = {.label = "B:3", .vref = 4}, plain = {.label = "B:1"};
	cen__cash_acct other = {.label = "B:7"};
	cen__acct_ids x;
	cen__acct_ids_init(&x);
	assert_int_equal(cen__acct_ids_find(&x, &a), -1);
	assert_int_equal(cen__acct_ids_find(&x, &plain), -1);
	assert_int_equal(cen__acct_ids_add(&x, &a), 0);
	assert_int_equal(cen__acct_ids_add(&x, &b), 1);
	assert_int_equal(cen__acct_ids_add(&x, &a), 0);
	assert_int_equal(cen__acct_ids_find(&x, &b), 1);
	assert_int_equal(cen__acct_ids_find(&x, &c), -1);
	assert_ptr_equal(cen__acct_ids_label(&x, 0), a.label); /* kept, not copied */
	assert_int_equal(x.table.count, 0);                     /* nothing interned */
	assert_int_equal(cen__acct_ids_add(&x, &plain), 2); /* by label: its own id */
	assert_int_equal(cen__acct_ids_add(&x, &other), 3);
	assert_int_equal(cen__acct_ids_add(&x, &plain), 2);
	assert_int_equal(cen__acct_ids_find(&x, &other), 3);
	assert_int_equal(cen__acct_ids_add(&x, &c), 4);
	assert_string_equal(cen__acct_ids_label(&x, 2), "B:1");
	assert_string_equal(cen__acct_ids_label(&x, 3), "B:7");
	assert_string_equal(cen__acct_ids_label(&x, 4), "B:3");
	for (uint32_t v = 10; v < 3000; v++) { /* growth keeps ids and labels */
		cen__cash_acct g = {.label = "G", .vref = v};
		assert_int_equal(cen__acct_ids_add(&x, &g), (int64_t)v - 10 + 5);
	}
	assert_int_equal(cen__acct_ids_find(&x, &b), 1);
	assert_string_equal(cen__acct_ids_label(&x, 3), "B:7");
	cen__acct_ids_release(&x);
}

/* Arrays given room up front (the caller's expected accounts, fewer or
 * more than used) give the alerts they give grown from nothing; room is
 * zeroed, and an array grown already is left alone. */
static void test_presized_same_alerts(void **state)
{
	(void)state;
	cen_txn tx[] = {
		t_txn("t1", "2025-03-04T10:00", "CASH", "A1", 9000, CEN_CH_CASH, "78040"),
		t_txn("t2", "2025-03-04T15:00", "CASH", "A2", 5000, CEN_CH_CASH, "78041"),
		t_txn("t3", "2025-03-05T16:00", "A1", "CASH", 10500, CEN_CH_CASH, "78041"),
		t_txn("t4", "2025-03-06T09:00", "CASH", "B1", 9500, CEN_CH_CASH, "78042"),
		t_txn("t5", "2025-03-07T09:00", "CASH", "A2", 9400, CEN_CH_CASH, "78043"),
		t_txn("t6", "2025-03-10T09:00", "CASH", "A1", 9300, CEN_CH_CASH, "78044"),
	};
	const cen__cash_ops *ops[] = {&cen__cash_ctr, &cen__cash_structuring, &cen__cash_funnel};
	for (size_t d = 0; d < 3; d++) {
		t_env e = t_env_make(numbered, 3, NULL);
		assert_int_equal(t_run(ops[d], &e, tx, 6), 0);
		t_alerts want = e.alerts;
		assert_true(d == 2 || want.n > 0);
		static const size_t rooms[] = {1, 2, 1000};
		for (size_t r = 0; r < 3; r++) {
			e.env.accounts = rooms[r];
			assert_int_equal(t_run(ops[d], &e, tx, 6), 0);
			assert_int_equal(e.alerts.n, want.n);
			for (int i = 0; i < want.n; i++)
				assert_string_equal(e.alerts.a[i].explanation, want.a[i].explanation);
		}
	}
	cen__acct_memo m = {0};
	assert_int_equal(cen__memo_presize(&m, 100), 0);
	assert_int_equal(m.cap, 100);
	for (size_t i = 0; i < 100; i++)
		assert_int_equal(m.id[i], 0);
	assert_int_equal(cen__memo_set(&m, 500, 9), 0); /* grows past the room */
	assert_int_equal(cen__memo_get(&m, 500), 9);
	size_t cap = m.cap;
	assert_int_equal(cen__memo_presize(&m, 100000), 0); /* grown: left alone */
	assert_int_equal(m.cap, cap);
	assert_int_equal(cen__memo_get(&m, 500), 9);
	cen__acct_memo_release(&m);
}

static void test_numbered_persons(void **state)
{
	(void)state;
	cen_txn tx[] = {
		t_txn("t1", "2025-03-04T10:00", "CASH", "A1", 6000, CEN_CH_CASH, "78040"),
		t_txn("t2", "2025-03-04T15:00", "CASH", "A2", 5000, CEN_CH_CASH, "78041"),
		t_txn("t3", "2025-03-04T16:00", "A1", "CASH", 10500, CEN_CH_CASH, "78041"),
		t_txn("t4", "2025-03-05T09:00", "CASH", "B1", 100, CEN_CH_CASH, "78041"),
		t_txn("t5", "2025-03-05T10:00", "CASH", "Z9", 100, CEN_CH_CASH, "78041"),
	};
	t_env e = t_env_make(numbered, 3, NULL);
	assert_int_equal(t_run(&cen__cash_ctr, &e, tx, 4), 0);
	assert_int_equal(e.alerts.n, 2);
	assert_string_equal(e.alerts.a[0].explanation,
			    "Party P1 took in $11,000 in cash in 2 transactions through 2 accounts "
			    "on business day 2025-03-04, more than the $10,000 CTR threshold: a "
			    "currency transaction report is due.");
	assert_non_null(strstr(e.alerts.a[1].explanation, "Party P1 paid out $10,500"));
	assert_non_null(strstr(e.alerts.a[1].evidence, "\"person\":\"P1\",\"basis\":\"owner\""));
	assert_int_equal(t_run(&cen__cash_ctr, &e, tx, 5), CEN_EINVAL);
	assert_int_equal(t_run(&cen__cash_structuring, &e, tx, 5), CEN_EINVAL);
}

static void test_threshold_is_more_than(void **state)
{
	(void)state;
	cen_txn tx[] = {
		t_txn("t1", "2025-03-04T10:00", "CASH", "A1", 4000, CEN_CH_CASH, NULL),
		t_txn("t2", "2025-03-04T11:00", "CASH", "A1", 6000, CEN_CH_CASH, NULL),
	};
	t_env e = env_with(NULL);
	assert_int_equal(t_run(&cen__cash_ctr, &e, tx, 2), 0);
	assert_int_equal(e.alerts.n, 0); /* exactly $10,000 is not more than */
	tx[1].base_amount += 1;         /* one cent more */
	assert_int_equal(t_run(&cen__cash_ctr, &e, tx, 2), 0);
	assert_int_equal(e.alerts.n, 1);
	assert_non_null(strstr(e.alerts.a[0].explanation, "$10,000.01"));
	/* a lower threshold from the rules */
	t_env e2 = env_with("[ctr]\nthreshold = 3000\n");
	assert_int_equal(t_run(&cen__cash_ctr, &e2, tx, 2), 0);
	assert_int_equal(e2.alerts.n, 1);
	env_done(&e2);
}

static void test_in_and_out_are_separate_and_days_too(void **state)
{
	(void)state;
	cen_txn tx[] = {
		t_txn("d1", "2025-03-04T10:00", "CASH", "A1", 6000, CEN_CH_CASH, NULL),
		t_txn("w1", "2025-03-04T12:00", "A1", "CASH", 6000, CEN_CH_CASH, NULL),
		t_txn("d2", "2025-03-05T10:00", "CASH", "A1", 6000, CEN_CH_CASH, NULL),
		/* wires are not cash */
		t_txn("x1", "2025-03-05T11:00", "B1", "A1", 50000, CEN_CH_WIRE, NULL),
	};
	t_env e = env_with(NULL);
	assert_int_equal(t_run(&cen__cash_ctr, &e, tx, 4), 0);
	assert_int_equal(e.alerts.n, 0);
	/* two withdrawals in one day do add up */
	cen_txn w[] = {
		t_txn("w1", "2025-03-04T10:00", "A1", "CASH", 6000, CEN_CH_CASH, NULL),
		t_txn("w2", "2025-03-04T16:00", "A2", "ATM", 6000, CEN_CH_CASH, NULL),
	};
	assert_int_equal(t_run(&cen__cash_ctr, &e, w, 2), 0);
	assert_int_equal(e.alerts.n, 1);
	assert_non_null(strstr(e.alerts.a[0].explanation, "Party P1 paid out $12,000"));
	assert_non_null(strstr(e.alerts.a[0].evidence, "\"cash_out\""));
}

static void test_weekend_and_holidays_roll_forward(void **state)
{
	(void)state;
	cen_txn tx[] = {
		t_txn("s1", "2025-03-01T10:00", "CASH", "A1", 6000, CEN_CH_CASH, NULL), /* Sat */
		t_txn("m1", "2025-03-03T10:00", "CASH", "A1", 5000, CEN_CH_CASH, NULL), /* Mon */
	};
	t_env e = env_with(NULL);
	assert_int_equal(t_run(&cen__cash_ctr, &e, tx, 2), 0);
	assert_int_equal(e.alerts.n, 1);
	assert_non_null(strstr(e.alerts.a[0].explanation, "business day 2025-03-03"));
	t_env e2 = env_with("[ctr]\nweekend_rolls = false\n");
	assert_int_equal(t_run(&cen__cash_ctr, &e2, tx, 2), 0);
	assert_int_equal(e2.alerts.n, 0);
	env_done(&e2);

	cen_txn h[] = {
		t_txn("h1", "2025-03-05T10:00", "CASH", "A1", 6000, CEN_CH_CASH, NULL), /* Wed */
		t_txn("h2", "2025-03-06T10:00", "CASH", "A1", 5000, CEN_CH_CASH, NULL), /* Thu */
	};
	assert_int_equal(t_run(&cen__cash_ctr, &e, h, 2), 0);
	assert_int_equal(e.alerts.n, 0);
	t_env e3 = env_with("[ctr]\nholidays = [\"2025-03-05\"]\n");
	assert_int_equal(t_run(&cen__cash_ctr, &e3, h, 2), 0);
	assert_int_equal(e3.alerts.n, 1);
	assert_non_null(strstr(e3.alerts.a[0].explanation, "business day 2025-03-06"));
	env_done(&e3);
}

static void test_cutoff_and_time_zone(void **state)
{
	(void)state;
	cen_txn tx[] = {
		t_txn("a", "2025-03-04T15:00", "CASH", "A1", 6000, CEN_CH_CASH, NULL),
		t_txn("b", "2025-03-05T10:00", "CASH", "A1", 5000, CEN_CH_CASH, NULL),
	};
	t_env e = env_with(NULL);
	assert_int_equal(t_run(&cen__cash_ctr, &e, tx, 2), 0);
	assert_int_equal(e.alerts.n, 0);
	/* after a 14:00 cut-off, Tuesday 15:00 belongs to Wednesday */
	t_env e2 = env_with("[ctr]\ncutoff_hour = 14\n");
	assert_int_equal(t_run(&cen__cash_ctr, &e2, tx, 2), 0);
	assert_int_equal(e2.alerts.n, 1);
	assert_non_null(strstr(e2.alerts.a[0].explanation, "business day 2025-03-05"));
	env_done(&e2);

	/* the day's edge to the second (the business day of the calendar day
	 * last seen is remembered): 13:59:59 is Tuesday's, 14:00:00 and the
	 * next day's 13:59:59 Wednesday's */
	cen_txn edge[] = {
		t_txn("t1", "2025-03-04T13:59:59", "CASH", "A1", 6000, CEN_CH_CASH, NULL),
		t_txn("w1", "2025-03-04T14:00:00", "CASH", "A1", 5000, CEN_CH_CASH, NULL),
		t_txn("w2", "2025-03-05T13:59:59", "CASH", "A1", 5500, CEN_CH_CASH, NULL),
		t_txn("h1", "2025-03-05T14:00:00", "CASH", "A1", 9000, CEN_CH_CASH, NULL),
	};
	t_env e4 = env_with("[ctr]\ncutoff_hour = 14\n");
	assert_int_equal(t_run(&cen__cash_ctr, &e4, edge, 4), 0);
	assert_int_equal(e4.alerts.n, 1);
	assert_non_null(strstr(e4.alerts.a[0].explanation, "$10,500"));
	assert_non_null(strstr(e4.alerts.a[0].explanation, "business day 2025-03-05"));
	env_done(&e4);

	/* 2025-03-05T03:00Z is Tuesday 21:00 in UTC-6 */
	cen_txn z[] = {
		t_txn("a", "2025-03-04T15:00", "CASH", "A1", 6000, CEN_CH_CASH, NULL),
		t_txn("b", "2025-03-05T03:00", "CASH", "A1", 5000, CEN_CH_CASH, NULL),
	};
	assert_int_equal(t_run(&cen__cash_ctr, &e, z, 2), 0);
	assert_int_equal(e.alerts.n, 0);
	t_env e3 = env_with("[ctr]\nutc_offset_hours = -6\n");
	assert_int_equal(t_run(&cen__cash_ctr, &e3, z, 2), 0);
	assert_int_equal(e3.alerts.n, 1);
	assert_non_null(strstr(e3.alerts.a[0].explanation, "business day 2025-03-04"));
	env_done(&e3);
}

static void test_business_with_one_big_daily_deposit(void **state)
{
	(void)state;
	/* A legitimate cash business: one deposit a day, over the threshold. Each
	 * day is its own CTR (a filing, not a structuring suspicion). */
	cen_txn tx[] = {
		t_txn("b1", "2025-03-04T18:00", "CASH", "B1", 25000, CEN_CH_CASH, "78041"),
		t_txn("b2", "2025-03-05T18:00", "CASH", "B1", 24000, CEN_CH_CASH, "78041"),
		t_txn("b3", "2025-03-06T18:00", "CASH", "B1", 26500.5, CEN_CH_CASH, "78041"),
	};
	t_env e = env_with(NULL);
	assert_int_equal(t_run(&cen__cash_ctr, &e, tx, 3), 0);
	assert_int_equal(e.alerts.n, 3);
	for (int i = 0; i < 3; i++)
		assert_int_equal(e.alerts.a[i].n_txns, 1);
	assert_non_null(strstr(e.alerts.a[2].explanation, "$26,500.50"));
	assert_non_null(strstr(e.alerts.a[2].evidence, "\"total\":26500.50"));
}

static void test_bad_rules_are_errors(void **state)
{
	(void)state;
	const char *bad[] = {
		"[ctr]\ncutoff_hour = 25\n",
		"[ctr]\nthreshold = \"ten\"\n",
		"[ctr]\nthreshold = -5\n",
		"[ctr]\naggregate_by = \"bank\"\n",
		"[ctr]\nholidays = [\"2025-13-01\"]\n",
		"[ctr]\nutc_offset_hours = 20\n",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		t_env e = env_with(bad[i]);
		assert_int_equal(t_run(&cen__cash_ctr, &e, NULL, 0), CEN_EINVAL);
		assert_true(e.diag.errors >= 1);
		env_done(&e);
	}
	/* an unknown key is only a warning */
	t_env e = env_with("[ctr]\ntreshold = 5\n");
	assert_int_equal(t_run(&cen__cash_ctr, &e, NULL, 0), 0);
	assert_int_equal(e.diag.warnings, 1);
	env_done(&e);
}

static void test_helpers(void **state)
{
	(void)state;
	char z[6];
	assert_int_equal(cen__zip5("78040", 5, z), 1);
	assert_string_equal(z, "78040");
	assert_int_equal(cen__zip5("78040-1234", 10, z), 1);
	assert_int_equal(cen__zip5("780401234", 9, z), 1);
	assert_int_equal(cen__zip5("BR-17", 5, z), 0);
	assert_int_equal(cen__zip5("7804", 4, z), 0);
	cen_txn t = t_txn("x", "2025-03-04T10:00", "CASH", "A1", 1, CEN_CH_CASH, NULL);
	assert_int_equal(cen__cash_dir(&t), CEN__CASH_IN);
	t = t_txn("x", "2025-03-04T10:00", "A1", "A1", 1, CEN_CH_CASH, NULL);
	assert_int_equal(cen__cash_dir(&t), CEN__CASH_IN);
	t = t_txn("x", "2025-03-04T10:00", "A1", "walk-in", 1, CEN_CH_CASH, NULL);
	assert_int_equal(cen__cash_dir(&t), CEN__CASH_OUT);
	t = t_txn("x", "2025-03-04T10:00", "A1", "B1", 1, CEN_CH_CASH, NULL);
	assert_int_equal(cen__cash_dir(&t), CEN__CASH_IN | CEN__CASH_OUT);
	t = t_txn("x", "2025-03-04T10:00", "CASH", "A1", 1, CEN_CH_WIRE, NULL);
	assert_int_equal(cen__cash_dir(&t), 0);
	/* pseudo accounts in any case; near misses are real accounts */
	static const char *const pseudo[] = {"", "-", "ATM", "atm", "aTm", "CASH", "Cash",
					     "WALKIN", "WalkIn", "walkin", "TELLER", "teller",
					     "WALK-IN", "Walk-In"};
	static const char *const real[] = {"--", "AT", "ATMS", "@TM", "CAS", "CASHX", "CA$H",
					   "C\x01SH", "WALKIM", "TELLEX", "WALK IN", "WALK\rIN",
					   "WALK_IN", "WALK-IM", "1234567"};
	for (size_t i = 0; i < sizeof pseudo / sizeof pseudo[0]; i++)
		assert_true(cen__cash_pseudo(t_sl(pseudo[i])));
	for (size_t i = 0; i < sizeof real / sizeof real[0]; i++)
		assert_false(cen__cash_pseudo(t_sl(real[i])));
	cen_buf b;
	cen_buf_init(&b, 0);
	assert_int_equal(cen__cash_money(&b, 5730000), 0);
	assert_string_equal(cen_buf_str(&b), "$57,300");
	cen_buf_reset(&b);
	assert_int_equal(cen__cash_money(&b, 123456789), 0);
	assert_string_equal(cen_buf_str(&b), "$1,234,567.89");
	cen_buf_reset(&b);
	assert_int_equal(cen__cash_money(&b, 5), 0);
	assert_string_equal(cen_buf_str(&b), "$0.05");
	cen_buf_release(&b);
	char d[11];
	cen__format_day(cen__days_from_civil(2025, 4, 14), d);
	assert_string_equal(d, "2025-04-14");
}

/* cen__zip5 against the byte-by-byte rule (5 or 9 digits, or 10 with a
 * digit or '-' at byte 5) on strings of mostly digits, near misses at
 * every byte: bytes next to '0' and '9', and the high-half lookalikes. */
static void test_zip5_matches_rule(void **state)
{
	(void)state;
	static const char odd[] = {'/', ':', '-', '?', ' ', 'a', 0x10, 0x20, (char)0xb5, 0x3f};
	uint64_t s = 17;
	for (int round = 0; round < 200000; round++) {
		s = s * 6364136223846793005ULL + 1442695040888963407ULL;
		uint64_t r = s >> 11;
		size_t len = 4 + r % 8;
		char loc[16], z[6];
		for (size_t i = 0; i < len; i++) {
			s = s * 6364136223846793005ULL + 1442695040888963407ULL;
			r = s >> 20;
			loc[i] = r % 9 ? (char)('0' + r % 10) : odd[(r >> 8) % sizeof odd];
		}
		int want = len == 5 || len == 9 || len == 10;
		for (size_t i = 0; i < len && want; i++)
			if (!(loc[i] >= '0' && loc[i] <= '9') && !(len == 10 && i == 5 && loc[i] == '-'))
				want = 0;
		assert_int_equal(cen__zip5(loc, len, z), want);
		if (want)
			assert_memory_equal(z, loc, 5);
	}
}

/* The id pool counts released ids without reading them, asks for
 * compaction once more than half of many ids are dead, and compaction
 * keeps every live id's text at its moved offset. */
static void test_id_pool(void **state)
{
	(void)state;
	enum { N = 20000 };
	cen__idpool p;
	cen__idpool_init(&p);
	static size_t off[N];
	char id[16];
	for (size_t i = 0; i < N; i++) {
		snprintf(id, sizeof id, "T%05zu", i);
		cen_txn t = t_txn(id, "2025-03-03T09:10", "CASH", "X9", 1, CEN_CH_CASH, NULL);
		assert_int_equal(cen__idpool_put(&p, &t, &off[i]), 0);
	}
	for (size_t i = 0; i < N / 2; i++)
		cen__idpool_drop(&p);
	assert_false(cen__idpool_wants_compact(&p)); /* half, not more */
	cen__idpool_drop(&p);
	assert_true(cen__idpool_wants_compact(&p));
	cen__idpool fresh;
	assert_int_equal(cen__idpool_compact_begin(&p, &fresh), 0);
	for (size_t i = N / 2 + 1; i < N; i++)
		assert_int_equal(cen__idpool_move(&p, &fresh, &off[i]), 0);
	cen__idpool_compact_end(&p, &fresh);
	assert_false(cen__idpool_wants_compact(&p));
	for (size_t i = N / 2 + 1; i < N; i++) {
		snprintf(id, sizeof id, "T%05zu", i);
		assert_string_equal(cen__idpool_get(&p, off[i]), id);
	}
	assert_int_equal(p.buf.len, (N - N / 2 - 1) * 7);
	cen__idpool_release(&p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_same_person_two_accounts_one_day),
		cmocka_unit_test(test_threshold_is_more_than),
		cmocka_unit_test(test_in_and_out_are_separate_and_days_too),
		cmocka_unit_test(test_weekend_and_holidays_roll_forward),
		cmocka_unit_test(test_cutoff_and_time_zone),
		cmocka_unit_test(test_business_with_one_big_daily_deposit),
		cmocka_unit_test(test_bad_rules_are_errors),
		cmocka_unit_test(test_helpers),
		cmocka_unit_test(test_zip5_matches_rule),
		cmocka_unit_test(test_numbered_persons),
		cmocka_unit_test(test_dense_numbers),
		cmocka_unit_test(test_acct_ids),
		cmocka_unit_test(test_presized_same_alerts),
		cmocka_unit_test(test_one_many_one_event_days),
		cmocka_unit_test(test_busy_day_then_quiet),
		cmocka_unit_test(test_close_order_follows_opening),
		cmocka_unit_test(test_id_pool),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
