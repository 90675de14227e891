/* test_detect_cash_engine.c - the cash detectors inside the monitoring
 * engine (cen_monitor): registry, accounts lookup (owner parties, MSB kind,
 * ZIP; the owner fetched again by number or by name, the same alerts),
 * alerts through the engine's sink as soon as a business day closes,
 * which detector gives the cash records' hints, rules errors naming the
 * key, and typo warnings reported once. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "centinela/monitor.h"
#include "test_detect_cash_util.h"

typedef struct sink {
	int n;
	char typ[32][32];
	char expl[32][512];
	uint64_t ids[32];
} sink;

static int on_alert(void *ctx, const cen_alert *a)
{
	sink *s = ctx;
	if (s->n < 32) {
		snprintf(s->typ[s->n], 32, "%s", a->typology);
		snprintf(s->expl[s->n], 512, "%s", a->explanation);
		s->ids[s->n] = a->id;
	}
	s->n++;
	return 0;
}

static int lookup(void *ctx, const char *account, size_t len, cen_monitor_account *out)
{
	(void)ctx;
	struct { const char *key, *party, *zip; cen_monitor_kind kind; } t[] = {
		{"B1:A1", "P1", "78040", CEN_MKIND_PERSON},
		{"B2:A2", "P1", "78040", CEN_MKIND_PERSON},
		{"B1:M1", "E1", "78040", CEN_MKIND_MSB},
		{"B1:C1", "P9", "78041", CEN_MKIND_PERSON},
	};
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++)
		if (strlen(t[i].key) == len && memcmp(t[i].key, account, len) == 0) {
			out->kind = t[i].kind;
			out->party_id = t_sl(t[i].party);
			out->zip = t_sl(t[i].zip);
			out->country = t_sl("US");
			return 1;
		}
	return 0;
}


static int count(const sink *s, const char *typ)
{
	int k = 0;
	for (int i = 0; i < s->n && i < 32; i++)
		k += strcmp(s->typ[i], typ) == 0;
	return k;
}

static void test_cash_detectors_in_the_engine(void **state)
{
	(void)state;
	sink s = {0};
	cen_diag diag = {0};
	cen_monitor_config cfg = {0};
	cfg.sink = on_alert;
	cfg.sink_ctx = &s;
	cfg.lookup = lookup;
	cfg.diag = &diag;
	cen_monitor *m = NULL;
	char err[256];
	assert_int_equal(cen_monitor_new(&cfg, &m, err, sizeof err), 0);
	cen_txn in[] = {
		/* one person, two banks, one day: a CTR */
		t_tx("c1", "2025-12-01T10:00", "B1", "A1", "B1", "A1", 6000, CEN_CH_CASH, "78040"),
		t_tx("c2", "2025-12-01T11:00", "B2", "A2", "B2", "A2", 5000, CEN_CH_CASH, "78041"),
		/* a courier at a border MSB: the GTO (2025-09 order, built in) */
		t_tx("g1", "2025-12-01T12:00", "B1", "C1", "B1", "M1", 1500, CEN_CH_CASH, "78040"),
	};
	for (size_t i = 0; i < 3; i++)
		assert_int_equal(cen_monitor_push(m, &in[i]), 0);
	assert_int_equal(s.n, 0); /* the day is not over yet */
	/* the next business day's first transaction (not even cash) closes it */
	cen_txn next = t_tx("w1", "2025-12-02T09:00", "B1", "X", "B1", "Y", 50, CEN_CH_WIRE, NULL);
	assert_int_equal(cen_monitor_push(m, &next), 0);
	assert_int_equal(count(&s, "ctr"), 1);
	assert_int_equal(count(&s, "gto"), 1);
	assert_non_null(strstr(s.expl[0], "Party P1 took in $11,000 in cash in 2 transactions "
					  "through 2 accounts"));
	assert_true(s.ids[1] == s.ids[0] + 1);
	assert_int_equal(cen_monitor_finish(m), 0);
	int before = s.n;
	size_t nt = cen_monitor_typology_count(m);
	bool seen_ctr = false;
	for (size_t i = 0; i < nt; i++)
		if (strcmp(cen_monitor_typology_name(m, i), "ctr") == 0) {
			seen_ctr = true;
			assert_int_equal(cen_monitor_typology_alerts(m, i), 1);
		}
	assert_true(seen_ctr);
	assert_int_equal(s.n, before);
	cen_monitor_free(m);
}

/* An accounts hook that numbers its accounts (ref: the row + 1, none for
 * C1, too big for C2) and counts how it is asked. */
enum { NROWS = 8 };
typedef struct rows_hook {
	int give_refs;
	int by_name[NROWS], by_ref[NROWS];
} rows_hook;

static const struct row {
	const char *key, *party, *zip;
	cen_monitor_kind kind;
	uint64_t ref;
} rows[NROWS] = {
	{"B1:A1", "P1", "78040", CEN_MKIND_PERSON, 1},
	{"B2:A2", "P1", "78040", CEN_MKIND_PERSON, 2},
	{"B1:A3", "P1", "", CEN_MKIND_PERSON, 3},     /* party, no ZIP */
	{"B1:Z1", "", "78041", CEN_MKIND_PERSON, 4},  /* ZIP, no party */
	{"B1:N1", "", "", CEN_MKIND_BUSINESS, 5},     /* neither */
	{"B1:M1", "E1", "78040", CEN_MKIND_MSB, 6},
	{"B1:C1", "P9", "78041", CEN_MKIND_PERSON, 0},          /* no number */
	{"B1:C2", "P9", "78041", CEN_MKIND_PERSON, 1ull << 33}, /* too big */
};

static int row_out(const rows_hook *h, size_t i, cen_monitor_account *out)
{
	out->kind = rows[i].kind;
	out->party_id = t_sl(rows[i].party);
	out->zip = t_sl(rows[i].zip);
	out->country = t_sl("US");
	out->ref = h->give_refs ? rows[i].ref : 0;
	return 1;
}

static int rows_lookup(void *ctx, const char *account, size_t len, cen_monitor_account *out)
{
	rows_hook *h = ctx;
	for (size_t i = 0; i < NROWS; i++)
		if (strlen(rows[i].key) == len && memcmp(rows[i].key, account, len) == 0) {
			h->by_name[i]++;
			return row_out(h, i, out);
		}
	return 0;
}

static int rows_lookup_ref(void *ctx, uint64_t ref, cen_monitor_account *out)
{
	rows_hook *h = ctx;
	for (size_t i = 0; i < NROWS; i++)
		if (rows[i].ref == ref) {
			h->by_ref[i]++;
			return row_out(h, i, out);
		}
	return 0;
}

/* One business day of cash through every kind of row, closed by the next
 * day's first transaction; the alerts into s. */
static void run_rows_with(rows_hook *h, int with_ref, const char *rules, sink *s)
{
	cen_monitor_config cfg = {0};
	cen_rules *r = rules ? t_rules(rules) : NULL;
	cfg.rules = r;
	cfg.sink = on_alert;
	cfg.sink_ctx = s;
	cfg.lookup = rows_lookup;
	cfg.lookup_ref = with_ref ? rows_lookup_ref : NULL;
	cfg.lookup_ctx = h;
	cen_txn in[] = {
		/* every account seen first by a wire, so its owner is fetched
		 * again when the first cash transaction resolves it */
		t_tx("w0", "2025-12-01T08:00", "B1", "A1", "B2", "A2", 10, CEN_CH_WIRE, NULL),
		t_tx("w1", "2025-12-01T08:01", "B1", "A3", "B1", "Z1", 10, CEN_CH_WIRE, NULL),
		t_tx("w2", "2025-12-01T08:02", "B1", "N1", "B1", "M1", 10, CEN_CH_WIRE, NULL),
		t_tx("w3", "2025-12-01T08:03", "B1", "C1", "B1", "C2", 10, CEN_CH_WIRE, NULL),
		/* party P1 over three accounts, one without a ZIP */
		t_tx("c1", "2025-12-01T10:00", "B1", "A1", "B1", "A1", 6000, CEN_CH_CASH, "78040"),
		t_tx("c2", "2025-12-01T10:01", "B2", "A2", "B2", "A2", 3000, CEN_CH_CASH, "78040"),
		t_tx("c3", "2025-12-01T10:02", "B1", "A3", "B1", "A3", 2000, CEN_CH_CASH, "78040"),
		/* no party: each account is its own person */
		t_tx("c4", "2025-12-01T10:03", "B1", "Z1", "B1", "Z1", 12000, CEN_CH_CASH, "78041"),
		t_tx("c5", "2025-12-01T10:04", "B1", "N1", "B1", "N1", 10500, CEN_CH_CASH, "78041"),
		/* party P9, one account without a number, one with a number too
		 * big to keep, brings cash to the MSB (GTO) */
		t_tx("c6", "2025-12-01T11:00", "B1", "C1", "B1", "M1", 1500, CEN_CH_CASH, "78040"),
		t_tx("c7", "2025-12-01T11:01", "B1", "C2", "B1", "M1", 1200, CEN_CH_CASH, "78040"),
		t_tx("w9", "2025-12-02T09:00", "B1", "X", "B1", "Y", 50, CEN_CH_WIRE, NULL),
	};
	cen_monitor_free(t_monitor_run(&cfg, in, sizeof in / sizeof in[0]));
	cen_rules_free(r);
}

static void run_rows(rows_hook *h, int with_ref, sink *s)
{
	run_rows_with(h, with_ref, NULL, s);
}

static bool has_expl(const sink *s, const char *text)
{
	for (int i = 0; i < s->n && i < 32; i++)
		if (strstr(s->expl[i], text))
			return true;
	return false;
}

static void test_owner_fetched_by_number_or_name(void **state)
{
	(void)state;
	sink by_name = {0}, numbered = {0}, by_ref = {0};
	rows_hook hn = {0}, hg = {.give_refs = 1}, hr = {.give_refs = 1};
	run_rows(&hn, 0, &by_name);  /* no numbers, no by-number fetch */
	run_rows(&hg, 0, &numbered); /* numbers, but no by-number fetch */
	run_rows(&hr, 1, &by_ref);   /* both */
	assert_true(has_expl(&by_name, "Party P1 took in $11,000 in cash in 3 transactions "
				       "through 3 accounts"));
	assert_true(has_expl(&by_name, "from party P9 in 2 transactions"));
	assert_true(has_expl(&by_name, "Account B1:Z1"));
	assert_true(has_expl(&by_name, "Account B1:N1"));
	assert_int_equal(count(&by_name, "ctr"), 3);
	assert_int_equal(count(&by_name, "gto"), 1);
	/* the same alerts whichever way the owner came */
	assert_int_equal(by_ref.n, by_name.n);
	assert_int_equal(numbered.n, by_name.n);
	assert_memory_equal(by_ref.typ, by_name.typ, sizeof by_name.typ);
	assert_memory_equal(by_ref.expl, by_name.expl, sizeof by_name.expl);
	assert_memory_equal(numbered.expl, by_name.expl, sizeof by_name.expl);
	for (size_t i = 0; i < NROWS; i++) {
		/* once when seen; again by name for an owner to fetch, unless
		 * the by-number fetch can take its number */
		int later = rows[i].party[0] || rows[i].zip[0];
		int numbered_ok = rows[i].ref && rows[i].ref < UINT32_MAX;
		assert_int_equal(hn.by_name[i], 1 + later);
		assert_int_equal(hg.by_name[i], 1 + later);
		assert_int_equal(hr.by_name[i], 1 + (later && !numbered_ok));
		assert_int_equal(hr.by_ref[i], later && numbered_ok);
		assert_int_equal(hn.by_ref[i] + hg.by_ref[i], 0);
	}
}

/* The alerts of typology typ in s, in order, into out (its explanations
 * one after another); their number. */
static int only(const sink *s, const char *typ, char out[32][512])
{
	int k = 0;
	memset(out, 0, 32 * 512);
	for (int i = 0; i < s->n && i < 32; i++)
		if (strcmp(s->typ[i], typ) == 0)
			memcpy(out[k++], s->expl[i], 512);
	return k;
}

/* The cash detectors share the accounts the first of them resolved for a
 * transaction, and one of them gives the hints: each alerts alone as it
 * does beside the others, whichever of them resolves first (the GTO reads
 * owners, the funnel does not), and each account's owner is fetched once. */
static void test_detectors_alone_or_together(void **state)
{
	(void)state;
	static const char *alone[] = {
		"[structuring]\nenabled = false\n[gto]\nenabled = false\n"
		"[funnel]\nenabled = false\n[blocked_counterparty]\nenabled = false\n",
		"[ctr]\nenabled = false\n[structuring]\nenabled = false\n"
		"[funnel]\nenabled = false\n[blocked_counterparty]\nenabled = false\n",
		"[ctr]\nenabled = false\n[structuring]\nenabled = false\n[gto]\nenabled = false\n",
	};
	static const char *typ[] = {"ctr", "gto", NULL};
	sink all = {0};
	rows_hook ha = {.give_refs = 1};
	run_rows_with(&ha, 1, NULL, &all);
	for (size_t i = 0; i < NROWS; i++)
		assert_int_equal(ha.by_name[i] + ha.by_ref[i],
				 1 + (rows[i].party[0] || rows[i].zip[0]));
	for (size_t k = 0; k < sizeof alone / sizeof alone[0]; k++) {
		sink one = {0};
		rows_hook h = {.give_refs = 1};
		run_rows_with(&h, 1, alone[k], &one);
		if (k == 2) { /* funnel and blocked read no owner: none fetched */
			for (size_t i = 0; i < NROWS; i++)
				assert_int_equal(h.by_name[i] + h.by_ref[i], 1);
			continue;
		}
		static char a[32][512], b[32][512];
		int na = only(&all, typ[k], a), nb = only(&one, typ[k], b);
		assert_true(na > 0);
		assert_int_equal(nb, na);
		assert_memory_equal(a, b, sizeof a);
	}
}

extern const cen__det_ops cen__det_ctr;
extern const cen__det_ops cen__det_structuring;
extern const cen__det_ops cen__det_funnel;

/* The first cash detector with a prefetch hook gives the hints of a cash
 * record for all of them (its owners' too when one reads owners); the
 * others' hooks leave it to it. When it goes, the next one takes over. */
static void test_one_detector_hints_for_all(void **state)
{
	(void)state;
	static cen__engine eng;
	memset(&eng, 0, sizeof eng);
	const cen__det_ops *ops[] = {&cen__det_ctr, &cen__det_structuring, &cen__det_funnel};
	cen__cash_det cd[3];
	char err[256] = "";
	for (int i = 0; i < 3; i++) {
		memset(&cd[i], 0, sizeof cd[i]);
		cd[i].base.ops = ops[i];
		cd[i].base.eng = &eng;
		assert_int_equal(ops[i]->init(&cd[i].base, NULL, err, sizeof err), 0);
	}
	cen__cash_shared *s = eng.cash;
	assert_non_null(s);
	assert_int_equal(s->nhinted, 3);
	assert_true(s->hinted[0] == &cd[0] && s->hinted[1] == &cd[1] && s->hinted[2] == &cd[2]);
	assert_int_equal(cd[0].hint, CEN__HINT_ALL);
	assert_int_equal(cd[1].hint, CEN__HINT_OTHER);
	assert_int_equal(cd[2].hint, CEN__HINT_OTHER);
	assert_true(s->hint_owners); /* the CTR and structuring read owners */
	cen__cash_engine_release(&cd[0].base);
	assert_int_equal(s->nhinted, 2);
	assert_int_equal(cd[1].hint, CEN__HINT_ALL);
	assert_int_equal(cd[2].hint, CEN__HINT_OTHER);
	assert_true(s->hint_owners);
	cen__cash_engine_release(&cd[1].base);
	assert_int_equal(s->nhinted, 1);
	assert_int_equal(cd[2].hint, CEN__HINT_ALL);
	assert_false(s->hint_owners); /* the funnel reads none */
	cen__cash_engine_release(&cd[2].base);
	assert_null(eng.cash);
}

/* The detectors' own edge filters (a funnel never sees card purchases,
 * structuring no withdrawals, the GTO only transactions with an MSB side)
 * leave the alerts as they were: a card purchase moves no funnel money, a
 * wire does; an account is an MSB by its kind or by msb_accounts, on
 * either side of the cash. */
static void test_edge_filters_keep_the_alerts(void **state)
{
	(void)state;
	sink s = {0};
	cen_monitor_config cfg = {0};
	cfg.sink = on_alert;
	cfg.sink_ctx = &s;
	cfg.lookup = lookup;
	cen_rules *r = t_rules("[gto]\nmsb_accounts = [\"B1:Q1\"]\n");
	cfg.rules = r;
	cen_monitor *m = NULL;
	char err[256];
	assert_int_equal(cen_monitor_new(&cfg, &m, err, sizeof err), 0);
	cen_txn in[] = {
		/* $12,000 of cash into F1 at four places over four days */
		t_tx("d1", "2025-12-01T10:00", "B1", "CASH", "B1", "F1", 3000, CEN_CH_CASH, "78040"),
		t_tx("d2", "2025-12-02T10:00", "B1", "CASH", "B1", "F1", 3000, CEN_CH_CASH, "78041"),
		t_tx("d3", "2025-12-03T10:00", "B1", "CASH", "B1", "F1", 3000, CEN_CH_CASH, "78520"),
		t_tx("d4", "2025-12-04T10:00", "B1", "CASH", "B1", "F1", 3000, CEN_CH_CASH, "79901"),
		/* cash taken out of F1: no structuring, no GTO, no funnel */
		t_tx("o1", "2025-12-04T10:30", "B1", "F1", "B1", "ATM", 1000, CEN_CH_CASH, "78040"),
		/* spent by card: not moving the money on */
		t_tx("k1", "2025-12-04T11:00", "B1", "F1", "B9", "SHOP", 11000, CEN_CH_CARD, NULL),
		/* a person's cash to a listed MSB, an MSB's cash out */
		t_tx("g1", "2025-12-04T12:00", "B1", "A1", "B1", "Q1", 1500, CEN_CH_CASH, "78040"),
		t_tx("g2", "2025-12-04T12:30", "B1", "M1", "B1", "CASH", 1500, CEN_CH_CASH, "78040"),
	};
	for (size_t i = 0; i < sizeof in / sizeof in[0]; i++)
		assert_int_equal(cen_monitor_push(m, &in[i]), 0);
	assert_int_equal(count(&s, "funnel"), 0);
	cen_txn wire = t_tx("x1", "2025-12-04T13:00", "B1", "F1", "MX", "R1", 11000, CEN_CH_WIRE, NULL);
	assert_int_equal(cen_monitor_push(m, &wire), 0);
	assert_int_equal(count(&s, "funnel"), 1);
	assert_int_equal(cen_monitor_finish(m), 0);
	assert_int_equal(count(&s, "gto"), 2);
	assert_int_equal(count(&s, "structuring"), 0);
	cen_monitor_free(m);
	cen_rules_free(r);
}

/* blocked_counterparty through the engine: its edge ends most transfers
 * at the memo of recent bank strings, but a bank the memo knows as
 * blocked, one too long for it, or a blocked account (rules) still
 * alerts. */
static int blocked_alerts(const char *rules_text, const cen_txn *in, size_t n)
{
	sink s = {0};
	cen_monitor_config cfg = {0};
	cfg.sink = on_alert;
	cfg.sink_ctx = &s;
	cen_rules *r = rules_text ? t_rules(rules_text) : NULL;
	cfg.rules = r;
	cen_monitor_free(t_monitor_run(&cfg, in, n));
	cen_rules_free(r);
	return count(&s, "blocked_counterparty");
}

static void test_blocked_through_the_engine(void **state)
{
	(void)state;
	cen_txn in[] = {
		t_tx("w1", "2025-11-03T10:00", "BOFA", "A1", "BBVA", "X1", 900, CEN_CH_WIRE, NULL),
		t_tx("w2", "2025-11-03T10:01", "BOFA", "A1", "BBVA", "X1", 900, CEN_CH_WIRE, NULL),
		t_tx("b1", "2025-11-03T10:02", "BOFA", "A1", "CIBanco", "M1", 900, CEN_CH_WIRE, NULL),
		t_tx("b2", "2025-11-03T10:03", "BOFA", "A2", "CIBanco", "M1", 900, CEN_CH_WIRE, NULL),
		t_tx("b3", "2025-11-03T10:04", "Intercam Banco S.A.", "M2", "BOFA", "A1", 900,
		   CEN_CH_WIRE, NULL),
		t_tx("w3", "2025-11-03T10:05", "BOFA", "A2", "B1", "EVIL", 900, CEN_CH_WIRE, NULL),
	};
	size_t n = sizeof in / sizeof in[0];
	assert_int_equal(blocked_alerts(NULL, in, n), 3);
	assert_int_equal(blocked_alerts("[blocked_counterparty]\naccounts = [\"B1:EVIL\"]\n", in, n),
			 4);
}

/* The engine rules most transfers out by a bit per account, set once no
 * bank field of that account can be blocked. The account is its vertex
 * "BANK:ACCOUNT", and a colon may be in either part: no bank and account
 * "CIBanco:9" is the vertex of bank "CIBanco", account "9", so that
 * vertex is never clean, and the second transfer below still alerts; the
 * same holds for a bank with colons ("X:CIBanco" "9" is vertex
 * "X:CIBanco:9", one of whose banks could be "X:CIBanco"). */
static void test_blocked_bits_read_every_bank_of_a_vertex(void **state)
{
	(void)state;
	cen_txn in[] = {
		t_tx("c1", "2025-11-03T10:00", "", "CIBanco:9", "BOFA", "A1", 900, CEN_CH_WIRE, NULL),
		t_tx("c2", "2025-11-03T10:01", "BOFA", "A1", "", "CIBanco:9", 900, CEN_CH_WIRE, NULL),
		t_tx("c3", "2025-11-03T10:02", "BOFA", "A1", "CIBanco", "9", 900, CEN_CH_WIRE, NULL),
		t_tx("c4", "2025-11-03T10:03", "BOFA", "A1", "X", "Y:Z", 900, CEN_CH_WIRE, NULL),
		t_tx("c5", "2025-11-03T10:04", "BOFA", "A1", "X:Y", "Z", 900, CEN_CH_WIRE, NULL),
		t_tx("c6", "2025-11-03T10:05", "BOFA", "A2", "X", "CIBanco:1", 900, CEN_CH_WIRE, NULL),
		t_tx("c7", "2025-11-03T10:06", "BOFA", "A2", "X:CIBanco", "1", 900, CEN_CH_WIRE, NULL),
		/* names of 8 bytes and fewer: the word at a time ends there */
		t_tx("c8", "2025-11-03T10:07", "BOFA", "A3", "Vector", "1", 900, CEN_CH_WIRE, NULL),
		t_tx("c9", "2025-11-03T10:08", "BOFA", "A3", "Vector", "", 900, CEN_CH_WIRE, NULL),
		t_tx("c10", "2025-11-03T10:09", "BOFA", "A3", "BBVA", "Y", 900, CEN_CH_WIRE, NULL),
	};
	size_t n = sizeof in / sizeof in[0];
	/* c3, c8, c9: "X:CIBanco" normalises to no institution's name */
	assert_int_equal(blocked_alerts(NULL, in, n), 3);
	assert_int_equal(blocked_alerts("[blocked_counterparty]\nbank_aliases = [\"X:CIBanco\"]\n",
					in, n),
			 4);
}

static void test_rules_errors_and_warnings(void **state)
{
	(void)state;
	sink s = {0};
	cen_monitor_config cfg = {0};
	cfg.sink = on_alert;
	cfg.sink_ctx = &s;
	cen_monitor *m = NULL;
	char err[256];
	cen_rules *r = t_rules("[ctr]\ncutoff_hour = 30\n");
	cfg.rules = r;
	assert_int_equal(cen_monitor_new(&cfg, &m, err, sizeof err), CEN_EINVAL);
	assert_null(m);
	assert_non_null(strstr(err, "[ctr]"));
	assert_non_null(strstr(err, "test.toml:2"));
	assert_non_null(strstr(err, "cutoff_hour"));
	cen_rules_free(r);

	r = t_rules("[structuring]\nwindow_days = \"two weeks\"\n");
	cfg.rules = r;
	assert_int_equal(cen_monitor_new(&cfg, &m, err, sizeof err), CEN_EINVAL);
	assert_non_null(strstr(err, "window_days"));
	cen_rules_free(r);

	/* a typo is one warning, not one per check */
	cen_diag diag = {0};
	cfg.diag = &diag;
	r = t_rules("[funnel]\nmin_locatoins = 3\n[ctr]\nenabled = false\n");
	cfg.rules = r;
	assert_int_equal(cen_monitor_new(&cfg, &m, err, sizeof err), 0);
	assert_int_equal(diag.warnings, 1);
	assert_int_equal(diag.errors, 0);
	cen_txn c = t_txn("c", "2025-12-01T10:00", "A", "A", 20000, CEN_CH_CASH, NULL);
	assert_int_equal(cen_monitor_push(m, &c), 0);
	assert_int_equal(cen_monitor_finish(m), 0);
	assert_int_equal(count(&s, "ctr"), 0); /* disabled */
	cen_monitor_free(m);
	cen_rules_free(r);
}

static void log_diag(void *ctx, int severity, const char *file, uint64_t line,
		     const char *field, const char *msg)
{
	(void)ctx;
	fprintf(stderr, "%s:%llu: [%d] %s: %s\n", file, (unsigned long long)line, severity,
		field ? field : "", msg);
}

static void test_example_rules_load_cleanly(void **state)
{
	(void)state;
	cen_rules *r = NULL;
	char err[256];
	assert_int_equal(cen_rules_load(CEN_TEST_SRC_DIR "/examples/rules.toml", &r, err, sizeof err,
					NULL), 0);
	sink s = {0};
	cen_diag diag = {log_diag, NULL, 0, 0};
	cen_monitor_config cfg = {0};
	cfg.sink = on_alert;
	cfg.sink_ctx = &s;
	cfg.rules = r;
	cfg.diag = &diag;
	cen_monitor *m = NULL;
	assert_int_equal(cen_monitor_new(&cfg, &m, err, sizeof err), 0);
	/* every key of the example is known, every value well typed; the only
	 * warnings are the two counties with no ZIP codes listed */
	assert_int_equal(diag.errors, 0);
	assert_int_equal(diag.warnings, 2);
	cen_txn t = t_tx("b", "2025-11-03T10:00", "BOFA", "A1", "Intercam", "MX1", 100, CEN_CH_WIRE, NULL);
	assert_int_equal(cen_monitor_push(m, &t), 0);
	assert_int_equal(cen_monitor_finish(m), 0);
	assert_int_equal(count(&s, "blocked_counterparty"), 1);
	cen_monitor_free(m);
	cen_rules_free(r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cash_detectors_in_the_engine),
		cmocka_unit_test(test_owner_fetched_by_number_or_name),
		cmocka_unit_test(test_detectors_alone_or_together),
		cmocka_unit_test(test_edge_filters_keep_the_alerts),
		cmocka_unit_test(test_one_detector_hints_for_all),
		cmocka_unit_test(test_blocked_through_the_engine),
		cmocka_unit_test(test_blocked_bits_read_every_bank_of_a_vertex),
		cmocka_unit_test(test_rules_errors_and_warnings),
		cmocka_unit_test(test_example_rules_load_cleanly),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
