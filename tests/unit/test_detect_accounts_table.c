/* test_detect_accounts_table.c - the monitoring engine given the accounts
 * file's table itself (cen_monitor_config.accounts) instead of the lookup
 * hooks: the same alerts as the hooks give from the same table, an
 * account whose bank a transaction writes differently (zero-padded,
 * spaced) still found, accounts only in the file counted nowhere,
 * accounts only in the transactions counted, the table's lookups by name
 * handed to the engine, the marks of named accounts kept apart from
 * blocked_counterparty's clean marks, and the table and a hook refused
 * together. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "centinela/accounts.h"
#include "centinela/monitor.h"
#include "test_detect_cash_util.h"

/* P1 over three accounts (one at bank 10, written "010" and " 10" by the
 * transactions below), an MSB, P9 over two, one account no transaction
 * names. */
static const char accounts_csv[] =
	"account,bank,party_id,name,kind,country,zip,occupation\n"
	"A1,10,P1,Ann,person,US,78040,\n"
	"A2,B2,P1,Ann,person,US,78040,\n"
	"A3,B1,P1,Ann,person,US,,\n"
	"Z1,B1,,Zed,person,US,78041,\n"
	"M1,B1,E1,Border MSB,msb,US,78040,\n"
	"C1,B1,P9,Cy,person,MX,78041,\n"
	"C2,B1,P9,Cy,person,MX,78041,\n"
	"Q1,B1,P5,Never seen,person,US,78040,\n";

typedef struct sink {
	int n;
	char typ[32][32];
	char expl[32][512];
} sink;

static int on_alert(void *ctx, const cen_alert *a)
{
	sink *s = ctx;
	if (s->n < 32) {
		snprintf(s->typ[s->n], 32, "%s", a->typology);
		snprintf(s->expl[s->n], 512, "%s", a->explanation);
	}
	s->n++;
	return 0;
}

static cen_accounts *load(void)
{
	cen_accounts *a = NULL;
	assert_int_equal(cen_accounts_load_mem(&a, accounts_csv, sizeof accounts_csv - 1, "t", NULL),
			 0);
	assert_int_equal(cen_accounts_count(a), 8);
	return a;
}

/* The hooks over a table, as the command line gave them before the engine
 * took the table itself. */
static int fill(const cen_accounts *t, int64_t pos, cen_monitor_account *out)
{
	cen_account_info a;
	if (pos < 0 || !cen_accounts_at(t, (size_t)pos, &a))
		return 0;
	out->ref = (uint64_t)pos + 1;
	out->kind = (cen_monitor_kind)a.kind;
	out->party_id = (cen_slice){a.party_id, a.party_id_len};
	out->country = (cen_slice){a.country, a.country_len};
	out->zip = (cen_slice){a.zip, a.zip_len};
	return 1;
}

static int hook(void *ctx, const char *account, size_t len, cen_monitor_account *out)
{
	return fill(ctx, cen_accounts_find(ctx, account, len), out);
}

static int hook_ref(void *ctx, uint64_t ref, cen_monitor_account *out)
{
	return fill(ctx, (int64_t)ref - 1, out);
}


/* A config with sink s and, when a is set, the table a. */
static cen_monitor_config config(sink *s, cen_accounts *a, unsigned lookahead)
{
	cen_monitor_config cfg = {0};
	cfg.sink = on_alert;
	cfg.sink_ctx = s;
	cfg.accounts = a;
	cfg.lookahead = lookahead;
	return cfg;
}

/* A day of cash through the accounts (A1 written two ways, none as the
 * file does), then the next day's wire between accounts no file lists;
 * the alerts into s, the stats into st. With the table (hooks 0) or the
 * hooks over it; lookahead: the pipe's depth. */
static void run(int hooks, unsigned lookahead, sink *s, cen_monitor_stats *st)
{
	cen_accounts *a = load();
	cen_monitor_config cfg = config(s, hooks ? NULL : a, lookahead);
	if (hooks) {
		cfg.lookup = hook;
		cfg.lookup_ref = hook_ref;
		cfg.lookup_ctx = a;
	}
	cen_txn in[] = {
		/* P1: $11,000 through three accounts, A1 as "010" and " 10" */
		t_tx("c1", "2025-12-01T10:00", "010", "A1", "010", "A1", 4000, CEN_CH_CASH, "78040"),
		t_tx("c2", "2025-12-01T10:01", " 10", "A1", " 10", "A1", 2000, CEN_CH_CASH, "78040"),
		t_tx("c3", "2025-12-01T10:02", "B2", "A2", "B2", "A2", 3000, CEN_CH_CASH, "78040"),
		t_tx("c4", "2025-12-01T10:03", "B1", "A3", "B1", "A3", 2000, CEN_CH_CASH, "78040"),
		/* no party: its own person */
		t_tx("c5", "2025-12-01T10:04", "B1", "Z1", "B1", "Z1", 12000, CEN_CH_CASH, "78041"),
		/* P9 brings cash to the MSB (GTO) */
		t_tx("c6", "2025-12-01T11:00", "B1", "C1", "B1", "M1", 1500, CEN_CH_CASH, "78040"),
		t_tx("c7", "2025-12-01T11:01", "B1", "C2", "B1", "M1", 1200, CEN_CH_CASH, "78040"),
		/* accounts the file does not list */
		t_tx("w9", "2025-12-02T09:00", "B1", "X", "B1", "Y", 50, CEN_CH_WIRE, NULL),
	};
	cen_monitor *m = t_monitor_run(&cfg, in, sizeof in / sizeof in[0]);
	cen_monitor_get_stats(m, st);
	if (!hooks) { /* the engine has the index of names now */
		assert_int_equal(cen_accounts_find(a, "B1:Z1", 5), -1);
		cen_account_info info;
		assert_int_equal(cen_accounts_at(a, 3, &info), 1);
		assert_string_equal(info.key, "B1:Z1");
	}
	cen_monitor_free(m);
	cen_accounts_free(a);
}

static bool has_expl(const sink *s, const char *text)
{
	for (int i = 0; i < s->n && i < 32; i++)
		if (strstr(s->expl[i], text))
			return true;
	return false;
}

static void test_table_gives_the_hooks_alerts(void **state)
{
	(void)state;
	for (unsigned depth = 0; depth <= CEN_MONITOR_LOOKAHEAD; depth += CEN_MONITOR_LOOKAHEAD) {
		sink table = {0}, hooks = {0};
		cen_monitor_stats st_table, st_hooks;
		run(0, depth, &table, &st_table);
		run(1, depth, &hooks, &st_hooks);
		/* A1 written "010" and " 10" is P1's account at bank 10 */
		assert_true(has_expl(&table, "Party P1 took in $11,000 in cash in 4 transactions "
					     "through 4 accounts"));
		assert_true(has_expl(&table, "Account B1:Z1"));
		assert_true(has_expl(&table, "from party P9 in 2 transactions"));
		assert_int_equal(table.n, hooks.n);
		assert_memory_equal(table.typ, hooks.typ, sizeof table.typ);
		assert_memory_equal(table.expl, hooks.expl, sizeof table.expl);
		/* named accounts only: "010:A1", " 10:A1", A2, A3, Z1, C1, C2,
		 * M1, X, Y; neither "10:A1" (no transaction writes it so) nor
		 * Q1 */
		assert_int_equal(st_table.accounts, 10);
		assert_int_equal(st_hooks.accounts, 10);
	}
}

/* An account only the transactions name is a vertex like any other, with
 * no owner: alone over the threshold, its own person. */
static void test_account_not_in_the_file(void **state)
{
	(void)state;
	cen_accounts *a = load();
	sink s = {0};
	cen_monitor_config cfg = config(&s, a, CEN_MONITOR_LOOKAHEAD);
	cen_txn in[] = {
		t_tx("c1", "2025-12-01T10:00", "B7", "N9", "B7", "N9", 12000, CEN_CH_CASH, "78040"),
		t_tx("w1", "2025-12-02T09:00", "B1", "X", "B1", "Y", 50, CEN_CH_WIRE, NULL),
	};
	cen_monitor *m = t_monitor_run(&cfg, in, sizeof in / sizeof in[0]);
	assert_true(has_expl(&s, "Account B7:N9"));
	cen_monitor_stats st;
	cen_monitor_get_stats(m, &st);
	assert_int_equal(st.accounts, 3); /* none of the file's 8 */
	cen_monitor_free(m);
	cen_accounts_free(a);
}

/* Every transfer with a blocked bank alerts, the second too: the account
 * named by the first (its engine mark set) is not taken for one known
 * clean (the other mark of the same word), and the named count leaves the
 * clean marks of the accounts around it out. */
static void test_named_is_not_clean(void **state)
{
	(void)state;
	cen_accounts *a = load();
	sink s = {0};
	cen_monitor_config cfg = config(&s, a, CEN_MONITOR_LOOKAHEAD);
	cen_txn in[] = {
		t_tx("w1", "2025-12-02T09:00", "B1", "A3", "CIBanco", "MX77", 900, CEN_CH_WIRE, NULL),
		t_tx("w2", "2025-12-02T09:01", "B1", "Z1", "B1", "C1", 50, CEN_CH_WIRE, NULL),
		t_tx("w3", "2025-12-02T09:02", "B1", "A3", "CIBanco", "MX77", 800, CEN_CH_WIRE, NULL),
		t_tx("w4", "2025-12-02T09:03", "B1", "C1", "B1", "Z1", 40, CEN_CH_WIRE, NULL),
	};
	cen_monitor *m = t_monitor_run(&cfg, in, sizeof in / sizeof in[0]);
	int blocked = 0;
	for (int i = 0; i < s.n && i < 32; i++)
		blocked += strcmp(s.typ[i], "blocked_counterparty") == 0;
	assert_int_equal(blocked, 2);
	cen_monitor_stats st;
	cen_monitor_get_stats(m, &st);
	assert_int_equal(st.accounts, 4); /* A3, CIBanco:MX77, Z1, C1 */
	cen_monitor_free(m);
	cen_accounts_free(a);
}

/* The table and a hook are alternatives; a table goes to one engine. */
static void test_table_or_hook(void **state)
{
	(void)state;
	cen_accounts *a = load();
	sink s = {0};
	cen_monitor_config cfg = config(&s, a, 0);
	cfg.lookup = hook;
	cfg.lookup_ctx = a;
	cen_monitor *m = NULL;
	char err[256];
	assert_int_equal(cen_monitor_new(&cfg, &m, err, sizeof err), CEN_EINVAL);
	assert_null(m);
	assert_non_null(strstr(err, "not both"));
	cfg.lookup = NULL;
	assert_int_equal(cen_monitor_new(&cfg, &m, err, sizeof err), 0);
	cen_monitor *m2 = NULL;
	assert_int_equal(cen_monitor_new(&cfg, &m2, err, sizeof err), CEN_EINVAL);
	assert_null(m2);
	cen_monitor_free(m);
	cen_accounts_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table_gives_the_hooks_alerts),
		cmocka_unit_test(test_account_not_in_the_file),
		cmocka_unit_test(test_named_is_not_clean),
		cmocka_unit_test(test_table_or_hook),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
