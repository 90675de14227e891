/* test_txn_accounts.c - the accounts file: both layouts, lookups by bank and
 * account, bank-id padding, bad and duplicate rows reported; the staged
 * loader's messages in file order, its plain rows loaded as quoted ones and
 * the canonical column order as any other; the kind words. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "centinela/accounts.h"

struct seen {
	int errors, warnings;
	char last[256];
};

static void on_diag(void *ctx, int severity, const char *file, uint64_t line,
		    const char *field, const char *msg)
{
	struct seen *s = ctx;
	if (severity == 2)
		s->errors++;
	else if (severity == 1)
		s->warnings++;
	snprintf(s->last, sizeof s->last, "%s:%llu: %s: %s", file, (unsigned long long)line,
		 field ? field : "-", msg);
}

/* The record numbered i, which must exist. */
static cen_account_info at(const cen_accounts *a, int64_t i)
{
	cen_account_info x;
	assert_true(i >= 0);
	assert_int_equal(cen_accounts_at(a, (size_t)i, &x), 1);
	return x;
}

/* The number of the account written key, -1 none. */
static int64_t find(const cen_accounts *a, const char *key)
{
	return cen_accounts_find(a, key, strlen(key));
}

/* Every record's string lengths are those of its strings. */
static void check_lengths(const cen_accounts *a)
{
	for (size_t i = 0; i < cen_accounts_count(a); i++) {
		cen_account_info x = at(a, (int64_t)i);
		assert_int_equal(x.party_id_len, strlen(x.party_id));
		assert_int_equal(x.name_len, strlen(x.name));
		assert_int_equal(x.country_len, strlen(x.country));
		assert_int_equal(x.zip_len, strlen(x.zip));
		assert_int_equal(x.occupation_len, strlen(x.occupation));
	}
}

static void test_canonical_accounts(void **state)
{
	(void)state;
	const char *in = "account,bank,party_id,name,kind,country,zip,occupation\n"
			 "1001,BNK1,P1,Juan Perez,person,US,85001,employee\n"
			 "1002,BNK1,P2,Acme Payroll,hub,US,85002,payroll processor\n"
			 "1003,,P3,Casa de Cambio,msb,MX,,money transmitter\n"
			 ",BNK1,P4,No Account,person,US,,\n"
			 "1001,BNK1,P5,Dup,person,US,,\n"
			 "1004,BNK2,P6,Odd,martian,US,,\n"
			 "1005,BNK2,P7\n";
	struct seen s = {0};
	cen_diag d = {on_diag, &s, 0, 0};
	cen_accounts *a;
	assert_int_equal(cen_accounts_load_mem(&a, in, strlen(in), "acc.csv", &d), 0);
	assert_int_equal(cen_accounts_count(a), 4);
	check_lengths(a);
	assert_int_equal(cen_accounts_get(a, "BNK1", 4, "1001", 4), 0);
	cen_account_info x = at(a, 0);
	assert_string_equal(x.key, "BNK1:1001");
	assert_string_equal(x.party_id, "P1");
	assert_string_equal(x.name, "Juan Perez");
	assert_int_equal(x.kind, CEN_PARTY_PERSON);
	assert_string_equal(x.country, "US");
	assert_string_equal(x.zip, "85001");
	assert_int_equal(x.line, 2);
	assert_int_equal(at(a, find(a, "BNK1:1002")).kind, CEN_PARTY_HUB);
	x = at(a, find(a, "1003"));
	assert_int_equal(x.kind, CEN_PARTY_MSB);
	assert_string_equal(x.key, "1003");
	assert_int_equal(cen_accounts_get(a, "BNK2", 4, "1001", 4), -1);
	assert_int_equal(find(a, "1001"), -1);
	/* numbers in file order; a number past the end gives nothing */
	assert_int_equal(find(a, "BNK2:1004"), 3);
	assert_int_equal(at(a, 3).kind, CEN_PARTY_UNKNOWN);
	assert_string_equal(at(a, 3).key, "BNK2:1004");
	assert_int_equal(find(a, "1003"), 2);
	cen_account_info untouched = {.line = 77};
	assert_int_equal(cen_accounts_at(a, 4, &untouched), 0);
	assert_int_equal(untouched.line, 77);
	assert_int_equal(cen_accounts_at(NULL, 0, &untouched), 0);
	/* Prefetch hints, every pass, for known, unknown, empty and overlong
	 * keys, each key's word carried from pass to pass, then with words
	 * that no pass left (any value is safe): they read only and change no
	 * answer (ASan checks the reads). */
	char longkey[700];
	memset(longkey, '7', sizeof longkey);
	longkey[300] = ':';
	const char *keys[] = {"BNK1:1001", "1003", "BNK9:1", "", ":", "BNK1:", " 0BNK1 : 1001 "};
	enum { NKEYS = sizeof keys / sizeof keys[0] };
	uint64_t hint[NKEYS + 2] = {0};
	const uint64_t odd[] = {1, 4, 5, UINT64_MAX, 0x8000000000000000ull};
	for (int pass = 0; pass < 3; pass++) {
		for (size_t i = 0; i < NKEYS; i++)
			cen_accounts_prefetch(a, keys[i], strlen(keys[i]), pass, &hint[i]);
		cen_accounts_prefetch(a, longkey, sizeof longkey, pass, &hint[NKEYS]);
		cen_accounts_prefetch(NULL, "1003", 4, pass, &hint[NKEYS + 1]);
		for (size_t i = 0; i < sizeof odd / sizeof odd[0]; i++) {
			uint64_t w = odd[i];
			cen_accounts_prefetch(a, "BNK1:1001", 9, pass, &w);
		}
	}
	assert_int_equal(find(a, "BNK1:1002"), 1);
	assert_int_equal(find(a, "BNK9:1"), -1);
	assert_int_equal(cen_accounts_count(a), 4);
	uint64_t rows, rej;
	cen_accounts_stats(a, &rows, &rej);
	assert_int_equal(rows, 7);
	assert_int_equal(rej, 3); /* empty account, duplicate, short row */
	assert_int_equal(s.errors, 3);
	assert_int_equal(s.warnings, 1);
	assert_non_null(strstr(s.last, "acc.csv:8:"));
	cen_accounts_free(a);
}

static void test_amlworld_accounts(void **state)
{
	(void)state;
	const char *in = "Bank Name,Bank ID,Account Number,Entity ID,Entity Name\n"
			 "US Bank #8,10,8000EBD30,80062E240,Sole Proprietorship #50438\n"
			 "Bank of Nowhere,3208,8000F4580,  80003D1A0 , Individual #1 \n";
	cen_accounts *a;
	assert_int_equal(cen_accounts_load_mem(&a, in, strlen(in), "HI_accounts.csv", NULL), 0);
	assert_int_equal(cen_accounts_count(a), 2);
	check_lengths(a); /* of the trimmed strings */
	/* Transactions write the bank zero-padded. */
	cen_account_info x = at(a, cen_accounts_get(a, "010", 3, "8000EBD30", 9));
	assert_string_equal(x.bank_name, "US Bank #8");
	assert_string_equal(x.party_id, "80062E240");
	assert_int_equal(x.kind, CEN_PARTY_BUSINESS);
	assert_string_equal(x.key, "10:8000EBD30");
	assert_int_equal(find(a, "03208:8000F4580"), 1);
	assert_int_equal(at(a, 1).kind, CEN_PARTY_PERSON);
	/* Keys already in normal form and keys that need it find the same
	 * record; what cannot be normalised to a key finds nothing. */
	static const char *const same[] = {"3208:8000F4580", "03208:8000F4580",
					   " 3208:8000F4580", "3208 :8000F4580",
					   "3208: 8000F4580", "3208:8000F4580\t"};
	for (size_t i = 0; i < sizeof same / sizeof *same; i++)
		assert_int_equal(find(a, same[i]), 1);
	static const char *const none[] = {"3208:", ":8000F4580", "8000F4580", "0:8000F4580",
					   "32080:8000F4580", "3208:8000F4580x"};
	for (size_t i = 0; i < sizeof none / sizeof *none; i++)
		assert_int_equal(find(a, none[i]), -1);
	cen_accounts_free(a);
}

static void test_bad_headers(void **state)
{
	(void)state;
	cen_accounts *a;
	static const char nul[] = "account,bank\n1001,B\0K\n1002,BK\n";
	assert_int_equal(cen_accounts_load_mem(&a, nul, sizeof nul - 1, "acc.csv", NULL), 0);
	assert_int_equal(cen_accounts_count(a), 1);
	assert_int_equal(find(a, "BK:1002"), 0);
	cen_accounts_free(a);
	const char *in = "who,where\nx,y\n";
	assert_int_equal(cen_accounts_load_mem(&a, in, strlen(in), "acc.csv", NULL), CEN_EPARSE);
	assert_non_null(strstr(cen_accounts_errmsg(a), "acc.csv: header"));
	cen_accounts_free(a);
	assert_int_equal(cen_accounts_load_mem(&a, "", 0, "acc.csv", NULL), 0);
	assert_int_equal(cen_accounts_count(a), 0);
	assert_int_equal(find(a, "x"), -1);
	cen_accounts_free(a);
	assert_int_equal(cen_accounts_load(&a, "/nonexistent/acc.csv", NULL), CEN_EIO);
	assert_non_null(strstr(cen_accounts_errmsg(a), "/nonexistent/acc.csv"));
	cen_accounts_free(a);
}

/* Every message, in order, one per line. */
struct log {
	char text[8192];
	size_t n;
};

static void on_log(void *ctx, int severity, const char *file, uint64_t line, const char *field,
		   const char *msg)
{
	struct log *l = ctx;
	int w = snprintf(l->text + l->n, sizeof l->text - l->n, "%d %s:%llu %s %s\n", severity,
			 file, (unsigned long long)line, field ? field : "-", msg);
	if (w > 0 && (size_t)w < sizeof l->text - l->n)
		l->n += (size_t)w;
}

/* Rows are staged several at a time before the duplicate test: messages
 * must still come in file order, duplicates found within the staging
 * window and beyond it, no kind warning for a duplicate, a repeated kind
 * word (memo) warned of or parsed as the first time. */
static void test_messages_in_file_order(void **state)
{
	(void)state;
	char in[4096];
	size_t n = (size_t)snprintf(in, sizeof in, "account,bank,kind\n");
	n += (size_t)snprintf(in + n, sizeof in - n, "1,B,person\n2,B,alien\n1,B,alien\n");
	for (int i = 3; i < 23; i++)
		n += (size_t)snprintf(in + n, sizeof in - n, "%d,B,hub\n", i);
	n += (size_t)snprintf(in + n, sizeof in - n,
			      "2,B,person\n,B,person\n22,B,msb\n7,B\n24,B,odd\n3,B,hub\n"
			      "25,B,odd\n26,B,HUB\n27,B,hub \n28,B,hubs\n29,B,Person\n");
	struct log l = {{0}, 0};
	cen_diag d = {on_log, &l, 0, 0};
	cen_accounts *a;
	assert_int_equal(cen_accounts_load_mem(&a, in, n, "acc.csv", &d), 0);
	assert_string_equal(
		l.text,
		"1 acc.csv:3 kind unknown kind 'alien' (person|business|msb|hub): kept as unknown\n"
		"2 acc.csv:4 - duplicate account B:1 (first on line 2 kept)\n"
		"2 acc.csv:25 - duplicate account B:2 (first on line 3 kept)\n"
		"2 acc.csv:26 account empty\n"
		"2 acc.csv:27 - duplicate account B:22 (first on line 24 kept)\n"
		"2 acc.csv:28 - expected 3 fields as in the header, found 2\n"
		"1 acc.csv:29 kind unknown kind 'odd' (person|business|msb|hub): kept as unknown\n"
		"2 acc.csv:30 - duplicate account B:3 (first on line 5 kept)\n"
		"1 acc.csv:31 kind unknown kind 'odd' (person|business|msb|hub): kept as unknown\n"
		"1 acc.csv:34 kind unknown kind 'hubs' (person|business|msb|hub): kept as unknown\n");
	assert_int_equal(cen_accounts_count(a), 28);
	assert_int_equal(at(a, find(a, "B:26")).kind, CEN_PARTY_HUB);
	assert_int_equal(at(a, find(a, "B:27")).kind, CEN_PARTY_HUB);
	assert_int_equal(at(a, find(a, "B:28")).kind, CEN_PARTY_UNKNOWN);
	assert_int_equal(at(a, find(a, "B:29")).kind, CEN_PARTY_PERSON);
	uint64_t rows, rejected;
	cen_accounts_stats(a, &rows, &rejected);
	assert_int_equal(rows, 34);
	assert_int_equal(rejected, 6);
	for (size_t i = 0; i < cen_accounts_count(a); i++)
		assert_int_equal(find(a, at(a, (int64_t)i).key), (int64_t)i);
	cen_accounts_free(a);
}

/* a and b hold the same accounts, strings, kinds and lines. */
static void assert_same_accounts(const cen_accounts *a, const cen_accounts *b)
{
	assert_int_equal(cen_accounts_count(a), cen_accounts_count(b));
	for (size_t i = 0; i < cen_accounts_count(a); i++) {
		cen_account_info x = at(a, (int64_t)i), y = at(b, (int64_t)i);
		const char *const xs[] = {x.key, x.bank, x.account, x.bank_name, x.party_id,
					  x.name, x.country, x.zip, x.occupation};
		const char *const ys[] = {y.key, y.bank, y.account, y.bank_name, y.party_id,
					  y.name, y.country, y.zip, y.occupation};
		for (size_t k = 0; k < sizeof xs / sizeof xs[0]; k++)
			assert_string_equal(xs[k], ys[k]);
		assert_int_equal(x.kind, y.kind);
		assert_int_equal(x.line, y.line);
	}
}

/* The canonical column order is read without the column map: the same
 * rows with the columns shuffled, one more added, or one dropped, must
 * load alike (a dropped column empty). */
static void test_column_order(void **state)
{
	(void)state;
	const char *canon = "account,bank,party_id,name,kind,country,zip,occupation\n"
			    "1,B,P1,Ann,person,US,1000,clerk\n"
			    "2,,P2,Bob,hub,MX,,\n"
			    "1,B,P3,Dup,msb,US,1,x\n";
	const char *shuffled = "zip,occupation,name,kind,bank,account,note,country,party_id\n"
			       "1000,clerk,Ann,person,B,1,n,US,P1\n"
			       ",,Bob,hub,,2,n,MX,P2\n"
			       "1,x,Dup,msb,B,1,n,US,P3\n";
	const char *dropped = "account,bank,party_id,name,kind,country,zip\n"
			      "1,B,P1,Ann,person,US,1000\n"
			      "2,,P2,Bob,hub,MX,\n"
			      "1,B,P3,Dup,msb,US,1\n";
	cen_accounts *a, *b, *c;
	assert_int_equal(cen_accounts_load_mem(&a, canon, strlen(canon), "a.csv", NULL), 0);
	assert_int_equal(cen_accounts_load_mem(&b, shuffled, strlen(shuffled), "b.csv", NULL), 0);
	assert_int_equal(cen_accounts_load_mem(&c, dropped, strlen(dropped), "c.csv", NULL), 0);
	assert_int_equal(cen_accounts_count(a), 2);
	assert_same_accounts(a, b);
	assert_string_equal(at(a, 0).occupation, "clerk");
	assert_string_equal(at(c, 0).occupation, "");
	assert_string_equal(at(c, 0).zip, "1000");
	assert_int_equal(at(a, 1).kind, CEN_PARTY_HUB);
	cen_accounts_free(a);
	cen_accounts_free(b);
	cen_accounts_free(c);
}

/* Appends row to out at n with every field quoted, then end; the new n
 * (out has room). */
static size_t put_quoted(char *out, size_t n, const char *row, const char *end)
{
	out[n++] = '"';
	for (const char *p = row; *p; p++) {
		if (*p == ',') {
			memcpy(out + n, "\",\"", 3);
			n += 3;
		} else {
			out[n++] = *p;
		}
	}
	out[n++] = '"';
	memcpy(out + n, end, strlen(end));
	return n + strlen(end);
}

/* Records the CSV reader calls plain (no quote, no NUL) skip the NUL
 * search: quoted, the same rows take the general way and must load alike,
 * padded, zero-led and empty fields included. */
static void test_plain_rows_as_quoted(void **state)
{
	(void)state;
	static const char *const rows[] = {
		"1001,BNK1,P1,Juan Perez,person,US,85001,employee",
		" 0042 , 007 , P2 ,  Acme  ,HUB ,MX, , payroll processor ",
		"1003,,P3,,Money Transmitter,,,",
		"1004,000,,x,Org,,,",
		"1005,0A0,P5,y,individual,US,1,z",
	};
	char plain[1024], quoted[1024];
	size_t np = (size_t)snprintf(plain, sizeof plain, "account,bank,party_id,name,kind,country,zip,occupation\n");
	size_t nq = (size_t)snprintf(quoted, sizeof quoted, "%s", plain);
	for (size_t r = 0; r < sizeof rows / sizeof rows[0]; r++) {
		np += (size_t)snprintf(plain + np, sizeof plain - np, "%s\n", rows[r]);
		nq = put_quoted(quoted, nq, rows[r], "\n");
	}
	cen_accounts *a, *b;
	assert_int_equal(cen_accounts_load_mem(&a, plain, np, "p.csv", NULL), 0);
	assert_int_equal(cen_accounts_load_mem(&b, quoted, nq, "q.csv", NULL), 0);
	assert_int_equal(cen_accounts_count(a), 5);
	check_lengths(a);
	assert_same_accounts(a, b);
	int64_t i = cen_accounts_get(a, "7", 1, "0042", 4);
	cen_account_info x = at(a, i);
	assert_string_equal(x.key, "007:0042");
	assert_string_equal(x.bank, "007");
	assert_string_equal(x.account, "0042");
	assert_string_equal(x.name, "Acme");
	assert_string_equal(x.zip, "");
	assert_int_equal(x.kind, CEN_PARTY_HUB);
	assert_int_equal(find(a, "0007:0042"), i);
	assert_int_equal(find(a, "0:1004"), 3);
	assert_int_equal(find(a, "A0:1005"), -1);
	assert_true(find(a, "0A0:1005") >= 0);
	assert_int_equal(find(a, "1003"), 2);
	assert_int_equal(at(a, 2).kind, CEN_PARTY_MSB);
	assert_int_equal(at(a, 3).kind, CEN_PARTY_BUSINESS);
	cen_accounts_free(a);
	cen_accounts_free(b);
}

/* Tidy rows in the canonical order are copied whole (stage_tidy): the same
 * rows quoted take the general way and must load alike, in every shape
 * the copy meets: runs of rows, CR-LF line ends, a last row without a line
 * end, empty fields at either end and between, a zero-led bank, a
 * duplicate, an extra column after the canonical ones, a name past the
 * copy's length cap, and rows to trim between tidy ones. */
static void test_tidy_rows_as_quoted(void **state)
{
	(void)state;
	char name300[301];
	memset(name300, 'n', 300);
	name300[300] = '\0';
	char plain[16384], quoted[16384];
	size_t np = 0, nq = 0;
	np += (size_t)snprintf(plain + np, sizeof plain - np,
			       "account,bank,party_id,name,kind,country,zip,occupation,note\r\n");
	nq += (size_t)snprintf(quoted + nq, sizeof quoted - nq, "%s", plain);
	for (int i = 0; i < 40; i++) {
		char row[512];
		switch (i % 8) {
		case 0: snprintf(row, sizeof row, "%d,BNK%d,P%d,Name %d,person,US,%05d,clerk,x", i, i % 3, i, i, i); break;
		case 1: snprintf(row, sizeof row, "%d,,,,,,,,", i); break;
		case 2: snprintf(row, sizeof row, "%d,007,P,N,hub,MX,,occ,", i); break;
		case 3: snprintf(row, sizeof row, "%d,BNK0,P%d,%s,msb,,1,,y", i, i, name300); break;
		case 4: snprintf(row, sizeof row, " %d ,B ,P,N,Org,US,2,o,z", i); break;
		case 5: snprintf(row, sizeof row, "%d,BNK0,P%d,Dup,person,US,3,o,w", i - 5, i); break;
		case 6: snprintf(row, sizeof row, "%d,B,,Name,alien,,,,", i); break;
		default: snprintf(row, sizeof row, "%d,B,P,N,business,GB,99,occ,last", i); break;
		}
		const char *end = i == 39 ? "" : (i % 2 ? "\r\n" : "\n");
		np += (size_t)snprintf(plain + np, sizeof plain - np, "%s%s", row, end);
		nq = put_quoted(quoted, nq, row, end);
	}
	struct log la = {{0}, 0}, lb = {{0}, 0};
	cen_diag da = {on_log, &la, 0, 0}, db = {on_log, &lb, 0, 0};
	cen_accounts *a, *b;
	assert_int_equal(cen_accounts_load_mem(&a, plain, np, "t.csv", &da), 0);
	assert_int_equal(cen_accounts_load_mem(&b, quoted, nq, "t.csv", &db), 0);
	assert_string_equal(la.text, lb.text);
	assert_non_null(strstr(la.text, "duplicate account"));
	assert_int_equal(cen_accounts_count(a), 38);
	check_lengths(a);
	assert_same_accounts(a, b);
	cen_account_info x = at(a, cen_accounts_get(a, "BNK1", 4, "16", 2));
	assert_string_equal(x.key, "BNK1:16");
	assert_string_equal(x.name, "Name 16");
	assert_string_equal(x.zip, "00016");
	assert_string_equal(x.occupation, "clerk");
	assert_string_equal(x.bank_name, "");
	x = at(a, cen_accounts_get(a, "7", 1, "2", 1));
	assert_string_equal(x.key, "007:2");
	assert_string_equal(x.bank, "007");
	assert_int_equal(x.kind, CEN_PARTY_HUB);
	assert_int_equal(find(a, "39"), -1);
	x = at(a, find(a, "B:39"));
	assert_string_equal(x.occupation, "occ");
	x = at(a, find(a, "9"));
	assert_string_equal(x.party_id, "");
	assert_string_equal(x.bank, "");
	assert_int_equal(strlen(at(a, find(a, "BNK0:3")).name), 300);
	cen_accounts_free(a);
	cen_accounts_free(b);
}

/* cen_party_kind_parse against a plain reading of its contract: trimmed,
 * any case, whole words only. */
static void test_kind_words(void **state)
{
	(void)state;
	static const struct {
		const char *w;
		cen_party_kind k;
	} words[] = {
		{"person", CEN_PARTY_PERSON},     {"individual", CEN_PARTY_PERSON},
		{"business", CEN_PARTY_BUSINESS}, {"company", CEN_PARTY_BUSINESS},
		{"corporation", CEN_PARTY_BUSINESS}, {"org", CEN_PARTY_BUSINESS},
		{"organization", CEN_PARTY_BUSINESS}, {"msb", CEN_PARTY_MSB},
		{"money transmitter", CEN_PARTY_MSB}, {"hub", CEN_PARTY_HUB},
	};
	char buf[64];
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
		const char *w = words[i].w;
		size_t n = strlen(w);
		assert_int_equal(cen_party_kind_parse(w, n), words[i].k);
		for (size_t j = 0; j < n; j++) { /* one letter upper, then one changed */
			memcpy(buf, w, n);
			if (buf[j] >= 'a' && buf[j] <= 'z')
				buf[j] = (char)(buf[j] - 32);
			assert_int_equal(cen_party_kind_parse(buf, n), words[i].k);
			buf[j] = (char)(w[j] ^ 1);
			assert_int_equal(cen_party_kind_parse(buf, n), CEN_PARTY_UNKNOWN);
		}
		int m = snprintf(buf, sizeof buf, " \t%s ", w);
		assert_int_equal(cen_party_kind_parse(buf, (size_t)m), words[i].k);
		assert_int_equal(cen_party_kind_parse(w, n - 1), CEN_PARTY_UNKNOWN);
		snprintf(buf, sizeof buf, "%ss", w);
		assert_int_equal(cen_party_kind_parse(buf, n + 1), CEN_PARTY_UNKNOWN);
	}
	assert_int_equal(cen_party_kind_parse("money\0transmitter", 17), CEN_PARTY_UNKNOWN);
	assert_int_equal(cen_party_kind_parse("", 0), CEN_PARTY_UNKNOWN);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_canonical_accounts),
		cmocka_unit_test(test_amlworld_accounts),
		cmocka_unit_test(test_bad_headers),
		cmocka_unit_test(test_messages_in_file_order),
		cmocka_unit_test(test_plain_rows_as_quoted),
		cmocka_unit_test(test_tidy_rows_as_quoted),
		cmocka_unit_test(test_column_order),
		cmocka_unit_test(test_kind_words),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
