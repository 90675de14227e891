/* test_synth_generate.c - synth: determinism, files parse with cen_csv, the
 * truth is consistent with the transactions, and planted attempts have the
 * shape their typology promises. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "centinela/io.h"
#include "centinela/synth.h"
#include "centinela/txn.h"
#include "core/hash.h"

static const char *const files[] = {"transactions.csv", "accounts.csv", "truth_txns.csv",
				    "truth_accounts.csv", "watchlist.csv"};
#define NFILES 5

static void make_dir(char *tmpl)
{
	assert_non_null(mkdtemp(tmpl));
}

static void remove_dir(const char *dir)
{
	char p[512];
	for (size_t i = 0; i < NFILES; i++) {
		snprintf(p, sizeof p, "%s/%s", dir, files[i]);
		unlink(p);
	}
	rmdir(dir);
}

static char *slurp(const char *dir, const char *name, size_t *len)
{
	char p[512], err[256];
	char *data = NULL;
	snprintf(p, sizeof p, "%s/%s", dir, name);
	assert_int_equal(cen_read_file(p, (size_t)1 << 30, &data, len, err, sizeof err), 0);
	return data;
}

static double laundering_share = 0.004;

static void gen(const char *dir, uint64_t seed, cen_synth_format fmt, cen_synth_stats *st)
{
	cen_synth_opts o;
	cen_synth_opts_init(&o);
	o.accounts = 2000;
	o.days = 6;
	o.seed = seed;
	o.format = fmt;
	o.laundering = laundering_share;
	char err[256];
	int rc = cen_synth_write(&o, dir, st, err, sizeof err);
	if (rc)
		fail_msg("synth: %s", err);
}

static void test_same_seed_same_bytes(void **state)
{
	(void)state;
	char a[] = "/tmp/cen_synth_aXXXXXX", b[] = "/tmp/cen_synth_bXXXXXX",
	     c[] = "/tmp/cen_synth_cXXXXXX";
	make_dir(a);
	make_dir(b);
	make_dir(c);
	cen_synth_stats st;
	gen(a, 11, CEN_SYNTH_CANONICAL, &st);
	gen(b, 11, CEN_SYNTH_CANONICAL, NULL);
	gen(c, 12, CEN_SYNTH_CANONICAL, NULL);
	for (size_t i = 0; i < NFILES; i++) {
		size_t la, lb;
		char *da = slurp(a, files[i], &la), *db = slurp(b, files[i], &lb);
		assert_int_equal(la, lb);
		assert_memory_equal(da, db, la);
		cen_free(db);
		if (i == 0) {
			size_t lc;
			char *dc = slurp(c, files[i], &lc);
			assert_true(lc != la || memcmp(da, dc, la) != 0);
			cen_free(dc);
		}
		cen_free(da);
	}
	assert_true(st.txns > 5000);
	remove_dir(a);
	remove_dir(b);
	remove_dir(c);
}

/* One transaction as the tests need it. */
typedef struct row {
	char ts[24];
	char orig[48], bene[48], orig_name[96], bene_name[96];
	char channel[16], location[8], bene_bank[16];
	double amount;
	int typology; /* -1 not laundering */
	long attempt;
} row;

typedef struct dataset {
	row *rows;
	size_t n;
	cen__intern ids; /* id -> row index (same order) */
} dataset;

static int field(cen_slice *f, size_t n, size_t i, char *out, size_t cap)
{
	if (i >= n || f[i].len >= cap)
		return -1;
	memcpy(out, f[i].ptr, f[i].len);
	out[f[i].len] = '\0';
	return 0;
}

static int typology_index(const char *name)
{
	for (int t = 0; t < CEN_SYNTH_NTYPOLOGIES; t++)
		if (!strcmp(cen_synth_typology_name(t), name))
			return t;
	return -1;
}

static void load_canonical(const char *dir, dataset *ds)
{
	char p[512];
	snprintf(p, sizeof p, "%s/transactions.csv", dir);
	cen_csv *c;
	assert_int_equal(cen_csv_open_file(&c, p, NULL), 0);
	cen_slice *f;
	size_t n, cap = 1024;
	assert_int_equal(cen_csv_next(c, &f, &n), 1);
	assert_int_equal(n, 17);
	assert_int_equal(f[0].len, 2);
	assert_memory_equal(f[0].ptr, "id", 2);
	ds->rows = calloc(cap, sizeof *ds->rows);
	ds->n = 0;
	cen__intern_init(&ds->ids);
	int rc;
	while ((rc = cen_csv_next(c, &f, &n)) == 1) {
		assert_int_equal(n, 17);
		if (ds->n == cap) {
			cap *= 2;
			ds->rows = realloc(ds->rows, cap * sizeof *ds->rows);
		}
		row *r = &ds->rows[ds->n];
		memset(r, 0, sizeof *r);
		char tmp[64], acct[32], bank[16];
		assert_int_equal(field(f, n, 1, r->ts, sizeof r->ts), 0);
		assert_int_equal(field(f, n, 2, bank, sizeof bank), 0);
		assert_int_equal(field(f, n, 3, acct, sizeof acct), 0);
		snprintf(r->orig, sizeof r->orig, "%s:%s", bank, acct);
		assert_int_equal(field(f, n, 4, r->bene_bank, sizeof r->bene_bank), 0);
		assert_int_equal(field(f, n, 5, acct, sizeof acct), 0);
		snprintf(r->bene, sizeof r->bene, "%s:%s", r->bene_bank, acct);
		assert_int_equal(field(f, n, 6, tmp, sizeof tmp), 0);
		r->amount = strtod(tmp, NULL);
		assert_true(r->amount > 0);
		assert_int_equal(field(f, n, 10, r->channel, sizeof r->channel), 0);
		assert_int_equal(field(f, n, 11, r->orig_name, sizeof r->orig_name), 0);
		assert_int_equal(field(f, n, 12, r->bene_name, sizeof r->bene_name), 0);
		assert_int_equal(field(f, n, 15, r->location, sizeof r->location), 0);
		r->typology = -1;
		/* ids are unique and in file order */
		assert_int_equal(cen__intern_put(&ds->ids, f[0].ptr, f[0].len), (int64_t)ds->n);
		if (ds->n)
			assert_true(strcmp(ds->rows[ds->n - 1].ts, r->ts) <= 0);
		ds->n++;
	}
	assert_int_equal(rc, 0);
	cen_csv_free(c);
}

static void free_dataset(dataset *ds)
{
	free(ds->rows);
	cen__intern_release(&ds->ids);
}

/* Reads truth_txns.csv into the rows; returns how many. */
static size_t load_truth(const char *dir, dataset *ds)
{
	char p[512], name[32], att[16];
	snprintf(p, sizeof p, "%s/truth_txns.csv", dir);
	cen_csv *c;
	assert_int_equal(cen_csv_open_file(&c, p, NULL), 0);
	cen_slice *f;
	size_t n, count = 0;
	assert_int_equal(cen_csv_next(c, &f, &n), 1);
	assert_int_equal(n, 3);
	while (cen_csv_next(c, &f, &n) == 1) {
		assert_int_equal(n, 3);
		int64_t i = cen__intern_get(&ds->ids, f[0].ptr, f[0].len);
		assert_true(i >= 0); /* every truth id is a transaction */
		assert_int_equal(field(f, n, 1, name, sizeof name), 0);
		assert_int_equal(field(f, n, 2, att, sizeof att), 0);
		row *r = &ds->rows[i];
		assert_int_equal(r->typology, -1); /* listed once */
		r->typology = typology_index(name);
		assert_true(r->typology >= 0);
		r->attempt = atol(att);
		assert_true(r->attempt > 0);
		count++;
	}
	cen_csv_free(c);
	return count;
}

/* Lower-case words of a name, accents of the list's Spanish names dropped,
 * punctuation and the legal form "S.A. de C.V." removed, each word framed by
 * spaces (" rosa gonzalez diaz "). */
static void name_words(const char *s, char *out, size_t cap)
{
	static const char *const acc[][2] = {{"\xc3\xa1", "a"}, {"\xc3\xa9", "e"},
					     {"\xc3\xad", "i"}, {"\xc3\xb3", "o"},
					     {"\xc3\xba", "u"}, {"\xc3\xb1", "n"}};
	char tmp[256];
	size_t n = 0;
	tmp[n++] = ' ';
	while (*s && n + 2 < sizeof tmp) {
		int done = 0;
		for (size_t k = 0; k < 6 && !done; k++)
			if (!strncmp(s, acc[k][0], 2)) {
				tmp[n++] = acc[k][1][0];
				s += 2;
				done = 1;
			}
		if (done)
			continue;
		char c = *s++;
		tmp[n++] = c >= 'A' && c <= 'Z' ? (char)(c + 32) : (c >= 'a' && c <= 'z') ? c : ' ';
	}
	tmp[n++] = ' ';
	tmp[n] = '\0';
	/* drop the legal form words */
	snprintf(out, cap, " ");
	char *save = NULL;
	for (char *w = strtok_r(tmp, " ", &save); w; w = strtok_r(NULL, " ", &save)) {
		if (!strcmp(w, "s") || !strcmp(w, "a") || !strcmp(w, "de") || !strcmp(w, "c") ||
		    !strcmp(w, "v") || !strcmp(w, "sa") || !strcmp(w, "cv"))
			continue;
		size_t l = strlen(out);
		snprintf(out + l, cap - l, "%s ", w);
	}
}

/* Whether every word of the name on the wire is in one watchlist name. */
static int on_watchlist(const char *dir, const char *wire)
{
	char p[512], want[256], have[256];
	snprintf(p, sizeof p, "%s/watchlist.csv", dir);
	name_words(wire, want, sizeof want);
	cen_csv *c;
	assert_int_equal(cen_csv_open_file(&c, p, NULL), 0);
	cen_slice *f;
	size_t n;
	int found = 0;
	assert_int_equal(cen_csv_next(c, &f, &n), 1);
	assert_int_equal(n, 7);
	while (!found && cen_csv_next(c, &f, &n) == 1) {
		char name[200];
		assert_int_equal(field(f, n, 2, name, sizeof name), 0);
		name_words(name, have, sizeof have);
		found = 1;
		char copy[256], *save = NULL;
		snprintf(copy, sizeof copy, "%s", want);
		for (char *w = strtok_r(copy, " ", &save); w; w = strtok_r(NULL, " ", &save)) {
			char framed[64];
			snprintf(framed, sizeof framed, " %s ", w);
			found &= strstr(have, framed) != NULL;
		}
	}
	cen_csv_free(c);
	return found;
}

static int is_border(const char *zip)
{
	size_t n;
	const char *const *z = cen_synth_border_zips(&n);
	for (size_t i = 0; i < n; i++)
		if (!strcmp(z[i], zip))
			return 1;
	return 0;
}

static int listed_parties_seen;

/* The shape each typology promises, checked on every attempt. */
static void check_attempt(const char *dir, const dataset *ds, long attempt, int typology)
{
	double total = 0;
	size_t k = 0;
	const row *first = NULL;
	for (size_t i = 0; i < ds->n; i++) {
		const row *r = &ds->rows[i];
		if (r->attempt != attempt)
			continue;
		assert_int_equal(r->typology, typology);
		if (!first)
			first = r;
		k++;
		total += r->amount;
		switch (typology) {
		case 0: /* ctr: cash deposits, one day, each under the threshold */
			assert_string_equal(r->channel, "cash");
			assert_string_equal(r->orig, r->bene);
			assert_memory_equal(r->ts, first->ts, 10);
			assert_true(r->amount < 10000);
			break;
		case 1: /* structuring: just under the threshold */
			assert_string_equal(r->channel, "cash");
			assert_true(r->amount >= 8000 && r->amount < 10000);
			break;
		case 2: /* gto: cash over $1,000 in a border ZIP */
			assert_string_equal(r->channel, "cash");
			assert_true(r->amount > 1000);
			assert_true(is_border(r->location));
			break;
		case 12: { /* blocked_counterparty: a blocked bank or a listed party */
			int blocked = 0;
			size_t nb;
			const char *const *b = cen_synth_blocked_banks(&nb);
			for (size_t j = 0; j < nb; j++) {
				size_t l = strlen(b[j]);
				blocked |= !strncmp(r->orig, b[j], l) && r->orig[l] == ':';
				blocked |= !strcmp(r->bene_bank, b[j]);
			}
			assert_string_equal(r->channel, "wire");
			if (!blocked) {
				blocked = on_watchlist(dir, r->bene_name) || on_watchlist(dir, r->orig_name);
				listed_parties_seen += blocked;
			}
			if (!blocked)
				fail_msg("attempt %ld: %s -> %s is neither blocked nor listed", attempt,
					 r->orig_name, r->bene_name);
			break;
		}
		default:
			break;
		}
	}
	assert_true(k > 0);
	if (typology == 0)
		assert_true(total > 10000 && k >= 2);
	if (typology == 11) { /* cycle: back to the start, each hop later */
		const row *prev = NULL;
		for (size_t i = 0; i < ds->n; i++) {
			const row *r = &ds->rows[i];
			if (r->attempt != attempt)
				continue;
			if (prev) {
				assert_string_equal(prev->bene, r->orig);
				assert_true(strcmp(prev->ts, r->ts) < 0);
			}
			prev = r;
		}
		assert_string_equal(prev->bene, first->orig);
	}
}

static void test_truth_consistent(void **state)
{
	(void)state;
	char dir[] = "/tmp/cen_synth_tXXXXXX";
	make_dir(dir);
	cen_synth_stats st;
	laundering_share = 0.05; /* many attempts of each typology */
	gen(dir, 3, CEN_SYNTH_CANONICAL, &st);
	laundering_share = 0.004;
	dataset ds;
	load_canonical(dir, &ds);
	assert_int_equal(ds.n, st.txns);
	size_t nt = load_truth(dir, &ds);
	assert_int_equal(nt, st.laundering_txns);
	assert_true(nt > 0 && nt * 10 < ds.n); /* a minority */
	long max_attempt = 0;
	for (size_t i = 0; i < ds.n; i++)
		if (ds.rows[i].attempt > max_attempt)
			max_attempt = ds.rows[i].attempt;
	assert_int_equal(max_attempt, (long)st.attempts);
	for (int t = 0; t < CEN_SYNTH_NTYPOLOGIES; t++) {
		assert_true(st.typology_attempts[t] >= 2);
		assert_true(st.typology_txns[t] >= 2);
	}
	int *typ = calloc((size_t)max_attempt + 1, sizeof *typ);
	for (size_t i = 0; i < ds.n; i++)
		if (ds.rows[i].attempt)
			typ[ds.rows[i].attempt] = ds.rows[i].typology;
	listed_parties_seen = 0;
	for (long a = 1; a <= max_attempt; a++)
		check_attempt(dir, &ds, a, typ[a]);
	assert_true(listed_parties_seen > 0); /* some wires go to watchlist parties */

	/* Each truth account takes part in a transaction of its attempt. */
	char p[512], acct[64], name[32], att[16];
	snprintf(p, sizeof p, "%s/truth_accounts.csv", dir);
	cen_csv *c;
	assert_int_equal(cen_csv_open_file(&c, p, NULL), 0);
	cen_slice *f;
	size_t n, rows = 0;
	assert_int_equal(cen_csv_next(c, &f, &n), 1);
	while (cen_csv_next(c, &f, &n) == 1) {
		assert_int_equal(field(f, n, 0, acct, sizeof acct), 0);
		assert_int_equal(field(f, n, 1, name, sizeof name), 0);
		assert_int_equal(field(f, n, 2, att, sizeof att), 0);
		long a = atol(att);
		assert_true(a >= 1 && a <= max_attempt);
		assert_int_equal(typology_index(name), typ[a]);
		int seen = 0;
		for (size_t i = 0; i < ds.n && !seen; i++)
			seen = ds.rows[i].attempt == a &&
			       (!strcmp(ds.rows[i].orig, acct) || !strcmp(ds.rows[i].bene, acct));
		if (!seen)
			fail_msg("truth account %s not in attempt %ld", acct, a);
		rows++;
	}
	assert_int_equal(rows, st.truth_accounts);
	cen_csv_free(c);
	free(typ);
	free_dataset(&ds);
	remove_dir(dir);
}

static void test_amlworld_labels(void **state)
{
	(void)state;
	char dir[] = "/tmp/cen_synth_wXXXXXX";
	make_dir(dir);
	cen_synth_stats st;
	gen(dir, 5, CEN_SYNTH_AMLWORLD, &st);
	char p[512];
	snprintf(p, sizeof p, "%s/transactions.csv", dir);
	cen_csv *c;
	assert_int_equal(cen_csv_open_file(&c, p, NULL), 0);
	cen_slice *f;
	size_t n, rowno = 0, labelled = 0;
	assert_int_equal(cen_csv_next(c, &f, &n), 1);
	assert_int_equal(n, 11);
	assert_memory_equal(f[10].ptr, "Is Laundering", 13);
	char *labels = calloc(st.txns + 2, 1);
	while (cen_csv_next(c, &f, &n) == 1) {
		assert_int_equal(n, 11);
		rowno++;
		assert_int_equal(f[0].len, 16); /* 2025/03/01 14:05 */
		assert_true(f[10].len == 1 && (f[10].ptr[0] == '0' || f[10].ptr[0] == '1'));
		labels[rowno] = f[10].ptr[0] == '1';
		labelled += labels[rowno];
	}
	cen_csv_free(c);
	assert_int_equal(rowno, st.txns);
	assert_int_equal(labelled, st.laundering_txns);
	/* truth ids are the 1-based data row numbers of the labelled rows */
	snprintf(p, sizeof p, "%s/truth_txns.csv", dir);
	assert_int_equal(cen_csv_open_file(&c, p, NULL), 0);
	assert_int_equal(cen_csv_next(c, &f, &n), 1);
	size_t truth = 0;
	while (cen_csv_next(c, &f, &n) == 1) {
		char id[24];
		assert_int_equal(field(f, n, 0, id, sizeof id), 0);
		unsigned long long r = strtoull(id, NULL, 10);
		assert_true(r >= 1 && r <= rowno);
		assert_int_equal(labels[r], 1);
		truth++;
	}
	assert_int_equal(truth, labelled);
	cen_csv_free(c);
	free(labels);
	remove_dir(dir);
}

/* The transaction reader (src/txn) reads both formats without a reject,
 * sees the same money in both, and the AMLworld label matches the truth. */
static void read_all(const char *dir, uint64_t *rows, uint64_t *labelled, int64_t *usd,
		     uint64_t *cash)
{
	char p[512];
	snprintf(p, sizeof p, "%s/transactions.csv", dir);
	cen_txn_reader *r = NULL;
	assert_int_equal(cen_txn_reader_open(&r, p, NULL), 0);
	cen_txn t;
	int rc;
	*rows = *labelled = *cash = 0;
	*usd = 0;
	while ((rc = cen_txn_reader_next(r, &t)) != 0) {
		if (rc < 0)
			fail_msg("reader rejected a synth row: %s", cen_txn_reader_errmsg(r));
		(*rows)++;
		*labelled += t.label == 1;
		*usd += t.base_amount;
		*cash += t.channel == CEN_CH_CASH;
		if (t.id.len) { /* canonical: id is T<row>, cash has its ZIP */
			if (t.channel == CEN_CH_CASH)
				assert_int_equal(t.location.len, 5);
			char want[24];
			int n = snprintf(want, sizeof want, "T%llu", (unsigned long long)t.row);
			assert_int_equal(t.id.len, (size_t)n);
			assert_memory_equal(t.id.ptr, want, (size_t)n);
		}
	}
	cen_txn_counts c;
	cen_txn_reader_counts(r, &c);
	assert_int_equal(c.rejected, 0);
	assert_int_equal(c.warnings, 0);
	cen_txn_reader_free(r);
}

static void test_txn_reader_reads_both_formats(void **state)
{
	(void)state;
	char a[] = "/tmp/cen_synth_rXXXXXX", b[] = "/tmp/cen_synth_sXXXXXX";
	make_dir(a);
	make_dir(b);
	cen_synth_stats sa, sb;
	gen(a, 9, CEN_SYNTH_CANONICAL, &sa);
	gen(b, 9, CEN_SYNTH_AMLWORLD, &sb);
	uint64_t ra, la, ca, rb, lb, cb;
	int64_t ua, ub;
	read_all(a, &ra, &la, &ua, &ca);
	read_all(b, &rb, &lb, &ub, &cb);
	assert_int_equal(ra, sa.txns);
	assert_int_equal(rb, sb.txns);
	assert_int_equal(ra, rb);
	assert_int_equal(ca, cb);
	assert_true(ca > 0);
	assert_int_equal(la, 0);
	assert_int_equal(lb, sb.laundering_txns);
	/* same transactions, same dollars (within a cent a row of rounding) */
	int64_t diff = ua > ub ? ua - ub : ub - ua;
	assert_true((uint64_t)diff <= ra);
	remove_dir(a);
	remove_dir(b);
}

static void test_bad_options(void **state)
{
	(void)state;
	cen_synth_opts o;
	cen_synth_opts_init(&o);
	char err[256];
	o.accounts = 5;
	assert_int_equal(cen_synth_write(&o, "/tmp", NULL, err, sizeof err), CEN_EINVAL);
	assert_non_null(strstr(err, "accounts"));
	cen_synth_opts_init(&o);
	o.accounts = 500;
	o.days = 2;
	assert_int_equal(cen_synth_write(&o, "/nonexistent/dir/x", NULL, err, sizeof err), CEN_EIO);
	assert_non_null(strstr(err, "/nonexistent/dir/x/accounts.csv"));
	int64_t t;
	assert_int_equal(cen_synth_parse_date("2025-03-01", &t), 0);
	assert_int_equal(t, 1740787200);
	assert_int_equal(cen_synth_parse_date("2025-02-30", &t), CEN_EINVAL);
	assert_int_equal(cen_synth_parse_date("2025-3-1", &t), CEN_EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_same_seed_same_bytes),
		cmocka_unit_test(test_truth_consistent),
		cmocka_unit_test(test_amlworld_labels),
		cmocka_unit_test(test_txn_reader_reads_both_formats),
		cmocka_unit_test(test_bad_options),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
