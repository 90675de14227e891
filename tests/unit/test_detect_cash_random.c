/* test_detect_cash_random.c - every cash detector over long random streams
 * (all channels, pseudo accounts, ZIPs and branch ids, blocked banks, party
 * names, timestamps partly out of order, huge and negative amounts): no
 * crash or leak (the ASan build runs this too), and every alert is whole:
 * at least one account and transaction, a sentence, evidence that parses as
 * a JSON object, a score in 0..1, start <= end. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <jansson.h>

#include "test_detect_cash_util.h"

static uint64_t rng = 88172645463325252ULL;

static uint64_t next(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static int bad_alerts, all_alerts;
static uint64_t digest; /* of every alert's text, in order */

static void mix(const char *s)
{
	for (; s && *s; s++)
		digest = (digest ^ (unsigned char)*s) * 1099511628211ULL;
	digest = (digest ^ 0xff) * 1099511628211ULL;
}

static int check_alert(void *ctx, cen_alert *a)
{
	(void)ctx;
	all_alerts++;
	mix(a->typology);
	mix(a->explanation);
	mix(a->evidence);
	for (size_t i = 0; i < a->n_accounts; i++)
		mix(a->accounts[i]);
	for (size_t i = 0; i < a->n_txns; i++)
		mix(a->txns[i]);
	json_error_t err;
	json_t *j = a->evidence ? json_loads(a->evidence, 0, &err) : NULL;
	if (!j || !json_is_object(j) || a->n_accounts == 0 || a->n_txns == 0 || !a->explanation ||
	    !*a->explanation || !(a->score >= 0 && a->score <= 1) || a->start > a->end) {
		fprintf(stderr, "bad alert %s: %s | %s\n", a->typology,
			a->explanation ? a->explanation : "(null)", a->evidence ? a->evidence : "(null)");
		bad_alerts++;
	}
	json_decref(j);
	return 0;
}

static void label_of(char out[128], cen_slice bank, cen_slice acct)
{
	if (bank.len)
		snprintf(out, 128, "%.*s:%.*s", (int)bank.len, bank.ptr, (int)acct.len, acct.ptr);
	else
		snprintf(out, 128, "%.*s", (int)acct.len, acct.ptr);
}

/* label's vref, or CEN__VREF_NEW when not numbered yet. */
static uint32_t find_vref(char seen[][128], uint32_t nseen, const char *label)
{
	for (uint32_t k = 0; k < nseen; k++)
		if (!strcmp(seen[k], label))
			return k + 1;
	return CEN__VREF_NEW;
}

static uint32_t vref_of(char seen[][128], uint32_t *nseen, const char *label)
{
	for (uint32_t k = 0; k < *nseen; k++)
		if (!strcmp(seen[k], label))
			return k + 1;
	assert_true(*nseen < 128);
	snprintf(seen[*nseen], 128, "%s", label);
	return ++*nseen;
}

/* a's person numbered as the engine numbers it (one number per "p:PARTY"
 * or "a:LABEL", shared by the accounts of a party), its key kept in keys. */
static void number_person(char keys[][136], uint32_t *nkeys, cen__cash_acct *a)
{
	char k[136];
	if (a->party && *a->party)
		snprintf(k, sizeof k, "p:%s", a->party);
	else
		snprintf(k, sizeof k, "a:%s", a->label);
	uint32_t i = 0;
	while (i < *nkeys && strcmp(keys[i], k))
		i++;
	if (i == *nkeys) {
		assert_true(*nkeys < 160);
		snprintf(keys[(*nkeys)++], 136, "%s", k);
	}
	a->person = i + 1;
	a->person_key = keys[i];
}

/* vrefs: give each account a vertex id, as the engine does (the
 * detectors' per-account memos then answer instead of their tables);
 * persons: number the accounts' persons too, as the engine does (the
 * detectors that aggregate by owner then index their state by them). */
static void run_random(const cen__cash_ops *ops, const char *rules_text, int n, bool vrefs,
		       bool persons, int *alerts)
{
	static const char *const accts[] = {"A1", "A2", "A3", "A4", "M1", "M2", "B1", "H1",
					   "CASH", "ATM", "", "X\"y", "Z\xff", "K:1", "1"};
	static const char *const locs[] = {"78040", "78041-0001", "BR-7", "", "92173", "10001",
					  "780401234", "x"};
	static const char *const banks[] = {"BOFA", "CIBanco", "Intercam Banco, S.A.", "", "VECTOR",
					   "\xc3\xa9", "ACMEMXMM001", "ACMEMXMM001:K"};
	static const char *const names[] = {"", "Juan Perez", "GUZMAN LOERA Joaquin", "\xff\xfe"};
	static const cen__cash_acct known[] = {
		{"A1", "P1", NULL, CEN__OWNER_PERSON, "US", "78040", 0, 0, NULL},
		{"A2", "P1", NULL, CEN__OWNER_PERSON, "US", NULL, 0, 0, NULL},
		{"M1", "E1", NULL, CEN__OWNER_MSB, "US", "78040", 0, 0, NULL},
		{"M2", "E2", NULL, CEN__OWNER_MSB, NULL, "92173", 0, 0, NULL},
		{"B1", "E3", NULL, CEN__OWNER_BUSINESS, "MX", "78041", 0, 0, NULL},
		{"H1", "E4", NULL, CEN__OWNER_HUB, "US", "10001", 0, 0, NULL},
	};
	cen_txn *tx = calloc((size_t)n, sizeof *tx);
	char (*ids)[24] = calloc((size_t)n, 24);
	assert_non_null(tx);
	int64_t ts = t_ts("2025-09-01T00:00");
	for (int i = 0; i < n; i++) {
		uint64_t r = next();
		ts += (int64_t)(r % 7200);
		snprintf(ids[i], 24, "r%d", i);
		double usd = (double)(next() % 1200000) / 100.0;
		if (r % 97 == 0)
			usd = -usd;
		if (r % 89 == 0)
			usd = 9.0e13;
		cen_txn t = t_txn(r % 5 ? ids[i] : "", "2025-09-01T00:00",
				  accts[next() % (sizeof accts / sizeof accts[0])],
				  accts[next() % (sizeof accts / sizeof accts[0])], usd,
				  (cen_channel)(next() % CEN_CH__COUNT),
				  locs[next() % (sizeof locs / sizeof locs[0])]);
		t.row = (uint64_t)i + 1;
		t.ts = ts - (r % 13 == 0 ? (int64_t)(next() % 200000) : 0); /* some late */
		t.orig_bank = t_sl(banks[next() % (sizeof banks / sizeof banks[0])]);
		t.bene_bank = t_sl(banks[next() % (sizeof banks / sizeof banks[0])]);
		t.orig_name = t_sl(names[next() % 4]);
		t.bene_name = t_sl(names[next() % 4]);
		t.bene_country = t_sl(r % 3 ? "MX" : "");
		tx[i] = t;
	}
	t_env e = t_env_make(known, sizeof known / sizeof known[0], rules_text);
	/* t_run keeps at most T_MAX_ALERTS alerts; check every one on the way */
	void *st = NULL;
	e.env.emit = check_alert;
	e.env.diag = &e.diag;
	assert_int_equal(ops->create(&st, e.rules, &e.env), 0);
	char seen[128][128]; /* labels given a vref, vref = index + 1 */
	uint32_t nseen = 0;
	static char pkeys[160][136]; /* persons numbered, person = index + 1 */
	uint32_t npkeys = 0;
	for (int i = 0; i < n; i++) {
		/* Labels as the engine names accounts: BANK:ACCOUNT. */
		char ol[128], bl[128];
		label_of(ol, tx[i].orig_bank, tx[i].orig_acct);
		label_of(bl, tx[i].bene_bank, tx[i].bene_acct);
		cen__cash_acct o = t_lookup(&e, tx[i].orig_acct), b = t_lookup(&e, tx[i].bene_acct);
		o.label = ol;
		b.label = bl;
		/* As the engine: an account is numbered when a transaction of it
		 * is first wanted; before, wants sees CEN__VREF_NEW. */
		uint32_t wo = vrefs ? find_vref(seen, nseen, ol) : 0;
		uint32_t wb = vrefs ? find_vref(seen, nseen, bl) : 0;
		if (!ops->wants || ops->wants(st, &tx[i], wo, wb)) {
			if (vrefs) {
				o.vref = vref_of(seen, &nseen, ol);
				b.vref = vref_of(seen, &nseen, bl);
				/* a numbered account's label outlives the call */
				o.label = seen[o.vref - 1];
				b.label = seen[b.vref - 1];
			}
			if (persons) {
				number_person(pkeys, &npkeys, &o);
				number_person(pkeys, &npkeys, &b);
			}
			assert_int_equal(ops->on_txn(st, &tx[i], cen__cash_dir(&tx[i]), &o, &b), 0);
		}
		if (ops->on_advance && i % 50 == 0)
			assert_int_equal(ops->on_advance(st, tx[i].ts), 0);
	}
	assert_int_equal(ops->finish(st), 0);
	ops->free(st);
	*alerts = e.alerts.n;
	env_done(&e);
	free(tx);
	free(ids);
}

static void test_random_streams(void **state)
{
	(void)state;
	const cen__cash_ops *ops[] = {&cen__cash_ctr, &cen__cash_structuring, &cen__cash_gto,
				      &cen__cash_funnel, &cen__cash_blocked};
	const char *rules[] = {
		NULL,
		"[ctr]\nthreshold = 500\ncutoff_hour = 15\nutc_offset_hours = -6\n"
		"holidays = [\"2025-09-02\"]\n"
		"[structuring]\nband_low = 0.1\nmin_count = 2\nmin_days = 1\nmin_band_share = 0\n"
		"[funnel]\nmin_locations = 2\nmin_cash_total = 100\nmin_out_amount = 0\n"
		"exclude_kinds = []\n"
		"[gto]\nmsb_accounts = [\"A3\"]\n"
		"[gto.order.x]\nthreshold = 10\nstart = 2025-01-01\nend = 2026-12-31\n"
		"zips = [\"78040\", \"92173\", \"10001\"]\n"
		"[blocked_counterparty]\naccounts = [\"A4\"]\ncooldown_days = 0.5\n"
		"[blocked_counterparty.bank.acme]\nids = [\"ACMEMXMM\"]\n",
	};
	for (size_t r = 0; r < 2; r++)
		for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++) {
			int n = 0;
			bad_alerts = all_alerts = 0;
			rng = 88172645463325252ULL + r * 7919 + i;
			digest = 14695981039346656037ULL;
			run_random(ops[i], rules[r], 20000, false, false, &n);
			assert_int_equal(bad_alerts, 0);
			/* the same alerts when the accounts carry vertex ids, and
			 * when their persons are numbered too (A1 and A2 are one
			 * person's, P1) */
			uint64_t by_label = digest;
			int all_by_label = all_alerts;
			for (int p = 0; p < 2; p++) {
				rng = 88172645463325252ULL + r * 7919 + i;
				digest = 14695981039346656037ULL;
				all_alerts = 0;
				run_random(ops[i], rules[r], 20000, true, p == 1, &n);
				assert_int_equal(bad_alerts, 0);
				assert_int_equal(all_alerts, all_by_label);
				assert_true(digest == by_label);
			}
			/* the permissive rules make every detector speak */
			if (r == 1 && all_alerts == 0)
				fail_msg("%s: no alert from the random stream", ops[i]->name);
		}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_random_streams),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
