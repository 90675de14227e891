/* test_detect_cash_blocked.c - blocked_counterparty: the 2313a institutions
 * by name, alias and id, blocked accounts, watchlist parties, the in-force
 * date and the cooldown; ordinary banks and names stay quiet. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <unistd.h>
#include <cmocka.h>

#include "test_detect_cash_util.h"

static const cen__cash_acct accts[] = {
	{"A1", "P1", "Ana Ruiz", CEN__OWNER_PERSON, "US", "78040", 0, 0, NULL},
};

static t_env env_with(const char *rules_text)
{
	return t_env_make(accts, sizeof accts / sizeof accts[0], rules_text);
}

static cen_txn wire(const char *id, const char *ts, const char *ob, const char *oa,
		    const char *bb, const char *ba, double usd)
{
	cen_txn t = t_txn(id, ts, oa, ba, usd, CEN_CH_WIRE, NULL);
	t.orig_bank = t_sl(ob);
	t.bene_bank = t_sl(bb);
	return t;
}

static void test_blocked_institutions_built_in(void **state)
{
	(void)state;
	cen_txn tx[] = {
		wire("b1", "2025-11-03T10:00", "BOFA", "A1", "CIBanco", "MX77", 25000),
		/* name as written in full, accents and punctuation */
		wire("b2", "2025-11-03T11:00", "INTERCAM BANCO, S.A.", "MX88", "BOFA", "A2", 9000),
		/* ordinary banks, and a bank whose name only contains "vector" */
		wire("q1", "2025-11-03T12:00", "BOFA", "A1", "BBVA Mexico", "MX99", 25000),
		wire("q2", "2025-11-03T13:00", "BOFA", "A1", "Vector Logistics Bank", "X1", 25000),
	};
	tx[1].orig_bank = t_sl("Intercam Banco S.A., Instituci\xc3\xb3n de Banca M\xc3\xbaltiple");
	t_env e = env_with(NULL);
	assert_int_equal(t_run(&cen__cash_blocked, &e, tx, 4), 0);
	assert_int_equal(e.alerts.n, 2);
	t_alert *a = &e.alerts.a[0];
	assert_string_equal(a->typology, "blocked_counterparty");
	assert_string_equal(a->explanation,
			    "Account A1 sent $25,000 by wire to account MX77 at CIBanco S.A., "
			    "Institucion de Banca Multiple, a blocked institution (FinCEN order of "
			    "2025-06-25 under section 2313a of the FEND Off Fentanyl Act); transfers "
			    "with it are prohibited since 2025-10-20.");
	assert_int_equal(a->n_accounts, 2);
	assert_true(t_has_txn(a, "b1"));
	assert_true(a->score >= 0.9);
	assert_non_null(strstr(e.alerts.a[1].explanation, "Account A2 received $9,000 by wire "
							   "from account MX88 at Intercam"));
	assert_non_null(strstr(e.alerts.a[1].evidence, "\"direction\":\"inbound\""));
}

/* Three hundred ordinary banks between transfers to a blocked one: the
 * memo of recent bank strings (64 entries) must tell them apart. */
static void test_many_banks(void **state)
{
	(void)state;
	enum { N = 300 };
	static char names[N][16], ids[N + 1][8];
	static cen_txn tx[N + 1];
	for (int i = 0; i < N; i++) {
		snprintf(names[i], sizeof names[i], "BANK%03d", i);
		snprintf(ids[i], sizeof ids[i], "o%d", i);
		tx[i] = wire(ids[i], "2025-11-03T10:00", "BOFA", "A1", names[i], "X1", 25000);
		tx[i].ts += i;
	}
	snprintf(ids[N], sizeof ids[N], "hit");
	tx[N] = wire(ids[N], "2025-11-03T11:00", "BOFA", "A2", "CIBanco", "MX77", 25000);
	t_env e = env_with(NULL);
	assert_int_equal(t_run(&cen__cash_blocked, &e, tx, N + 1), 0);
	assert_int_equal(e.alerts.n, 1);
	assert_true(t_has_txn(&e.alerts.a[0], "hit"));
	env_done(&e);
	/* and the blocked bank first, then the others */
	tx[N].ts = tx[0].ts - 60;
	cen_txn first[N + 1];
	first[0] = tx[N];
	memcpy(first + 1, tx, N * sizeof tx[0]);
	t_env e2 = env_with(NULL);
	assert_int_equal(t_run(&cen__cash_blocked, &e2, first, N + 1), 0);
	assert_int_equal(e2.alerts.n, 1);
	env_done(&e2);
}

static void test_before_the_order_and_cooldown(void **state)
{
	(void)state;
	cen_txn tx[] = {
		wire("v1", "2025-08-01T10:00", "BOFA", "A1", "Vector", "MX1", 5000),
		wire("v2", "2025-11-03T10:00", "BOFA", "A1", "Vector", "MX1", 5000),
		wire("v3", "2025-11-03T15:00", "BOFA", "A1", "Vector", "MX1", 5000), /* cooldown */
		wire("v4", "2025-11-05T10:00", "BOFA", "A1", "Vector", "MX1", 5000),
	};
	t_env e = env_with("[blocked_counterparty]\ncooldown_days = 1\n");
	uint64_t suppressed = 0;
	e.env.suppressed = &suppressed;
	assert_int_equal(t_run(&cen__cash_blocked, &e, tx, 4), 0);
	assert_int_equal(e.alerts.n, 3);
	assert_non_null(strstr(e.alerts.a[0].explanation, "the prohibition takes effect on 2025-10-20"));
	assert_true(e.alerts.a[0].score < 0.9);
	assert_non_null(strstr(e.alerts.a[0].evidence, "\"in_force\":false"));
	assert_true(t_has_txn(&e.alerts.a[1], "v2"));
	assert_true(t_has_txn(&e.alerts.a[2], "v4"));
	assert_int_equal(suppressed, 1);
	env_done(&e);
	/* by default every transfer alerts */
	t_env d = env_with(NULL);
	assert_int_equal(t_run(&cen__cash_blocked, &d, tx, 4), 0);
	assert_int_equal(d.alerts.n, 4);
}

static void test_rules_banks_ids_accounts(void **state)
{
	(void)state;
	const char *rules =
		"[blocked_counterparty]\n"
		"accounts = [\"EVIL:666\"]\n"
		"[blocked_counterparty.bank.acme]\n"
		"name = \"Acme Exchange House\"\n"
		"aliases = [\"ACMEX\"]\n"
		"ids = [\"ACMEMXMM\", \"0042\"]\n"
		"since = 2024-01-01\n";
	cen_txn tx[] = {
		wire("i1", "2025-11-03T10:00", "BOFA", "A1", "acmemxmm123", "Z1", 100), /* branch BIC */
		wire("i2", "2025-11-03T10:00", "BOFA", "A2", "0042", "Z2", 100),
		wire("i3", "2025-11-03T10:00", "BOFA", "A3", "acme exchange house", "Z3", 100),
		/* the built-in banks are replaced by the rules */
		wire("i4", "2025-11-03T10:00", "BOFA", "A4", "CIBanco", "Z4", 100),
		wire("i5", "2025-11-03T10:00", "BOFA", "A5", "X", "EVIL:666", 100),
	};
	t_env e = env_with(rules);
	assert_int_equal(t_run(&cen__cash_blocked, &e, tx, 5), 0);
	assert_int_equal(e.alerts.n, 4);
	assert_non_null(strstr(e.alerts.a[0].explanation, "at Acme Exchange House"));
	assert_non_null(strstr(e.alerts.a[3].explanation, "which the rules list as blocked"));
	env_done(&e);
	t_env b = env_with("[blocked_counterparty]\ncooldown_days = -1\n");
	assert_int_equal(t_run(&cen__cash_blocked, &b, NULL, 0), CEN_EINVAL);
	env_done(&b);
}

static void test_watchlist_parties(void **state)
{
	(void)state;
	char path[] = "/tmp/cen_test_watchlist_XXXXXX.csv";
	int fd = mkstemps(path, 4);
	assert_true(fd >= 0);
	const char *csv =
		"id,kind,name,aliases,dob,country,program\n"
		"W1,person,GUZMAN LOERA Joaquin,El Chapo;Joaquin Guzman,1957,MX,SDNTK\n"
		"W2,org,Transportes Ficticios SA de CV,,,MX,SDGT;FTO\n";
	assert_int_equal(write(fd, csv, strlen(csv)), (ssize_t)strlen(csv));
	close(fd);
	char rules[256];
	snprintf(rules, sizeof rules, "[blocked_counterparty]\nwatchlist = \"%s\"\n", path);
	cen_txn tx[] = {
		wire("p1", "2025-11-03T10:00", "BOFA", "A1", "BBVA", "MX5", 7000),
		wire("p2", "2025-11-03T11:00", "BBVA", "MX6", "BOFA", "A1", 3000),
		wire("p3", "2025-11-03T12:00", "BOFA", "A1", "BBVA", "MX7", 7000),
		wire("p4", "2025-11-03T13:00", "BOFA", "A1", "BBVA", "MX8", 7000),
		wire("p5", "2025-11-03T14:00", "BOFA", "A1", "BBVA", "MX9", 7000),
	};
	tx[0].bene_name = t_sl("Joaqu\xc3\xadn Guzm\xc3\xa1n Loera");
	tx[1].orig_name = t_sl("TRANSPORTES FICTICIOS, S.A. DE C.V.");
	tx[2].bene_name = t_sl("Joaquin Guzman Perez"); /* a different person */
	tx[3].bene_name = t_sl("Transportes Fictisios SA");  /* a spelling variant */
	tx[4].bene_name = t_sl("Maria Lopez");                /* nobody */
	t_env e = env_with(rules);
	assert_int_equal(t_run(&cen__cash_blocked, &e, tx, 5), 0);
	unlink(path);
	assert_int_equal(e.alerts.n, 3);
	assert_true(t_has_txn(&e.alerts.a[2], "p4"));
	assert_non_null(strstr(e.alerts.a[2].explanation, "with a screening score of 0."));
	assert_non_null(strstr(e.alerts.a[2].evidence, "\"name_match\":\"screening\""));
	assert_non_null(strstr(e.alerts.a[0].explanation,
			       "sent $7,000 by wire to Joaqu\xc3\xadn Guzm\xc3\xa1n Loera (account MX5), "
			       "whose name matches GUZMAN LOERA Joaquin on the watchlist (SDNTK)."));
	assert_non_null(strstr(e.alerts.a[1].explanation, "received $3,000 by wire from TRANSPORTES"));
	assert_non_null(strstr(e.alerts.a[1].evidence, "\"programs\":[\"SDGT\",\"FTO\"]"));
	env_done(&e);
	/* a watchlist that cannot be read is an error naming it */
	t_env b = env_with("[blocked_counterparty]\nwatchlist = \"/nonexistent/list.csv\"\n");
	assert_int_equal(t_run(&cen__cash_blocked, &b, NULL, 0), CEN_EINVAL);
	assert_true(b.diag.errors >= 1);
	env_done(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_blocked_institutions_built_in),
		cmocka_unit_test(test_many_banks),
		cmocka_unit_test(test_before_the_order_and_cooldown),
		cmocka_unit_test(test_rules_banks_ids_accounts),
		cmocka_unit_test(test_watchlist_parties),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
