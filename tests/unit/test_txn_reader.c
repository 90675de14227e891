/* test_txn_reader.c - the transaction reader on inline canonical, AMLworld,
 * mapped and JSON-lines samples: detection, conversion, errors, recovery. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "centinela/txn.h"
#include "txn/reader.h"

static int eq(cen_slice s, const char *want)
{
	return s.len == strlen(want) && memcmp(s.ptr, want, s.len) == 0;
}

static cen_txn_reader *open_str(const char *in, const cen_txn_reader_opts *o, int want_rc)
{
	cen_txn_reader *r = NULL;
	int rc = cen_txn_reader_open_mem(&r, in, strlen(in), "tx.csv", o);
	if (rc != want_rc)
		fprintf(stderr, "open: %d %s\n", rc, cen_txn_reader_errmsg(r));
	assert_int_equal(rc, want_rc);
	return r;
}

static void test_canonical(void **state)
{
	(void)state;
	const char *in =
		"id,timestamp,orig_bank,orig_account,bene_bank,bene_account,amount,currency,"
		"amount_received,currency_received,channel,orig_name,bene_name,orig_country,"
		"bene_country,location,memo\r\n"
		"t1,2025-03-01T14:05:00Z,B1,A1,B2,A2,9500.00,USD,,,cash,Juan Pérez,\"Acme, Inc.\",US,MX,85001,rent\r\n"
		"t2,2025-03-01 14:06:00,,A1,,A3,100,MXN,,,wire,,,,,,\r\n";
	cen_txn_reader *r = open_str(in, NULL, 0);
	assert_int_equal(cen_txn_reader_format(r), CEN_TXN_CANONICAL);
	cen_txn t;
	assert_int_equal(cen_txn_reader_next(r, &t), 1);
	assert_int_equal(t.row, 1);
	assert_true(eq(t.id, "t1"));
	assert_int_equal(t.ts, 1740837900);
	assert_true(eq(t.orig_bank, "B1"));
	assert_true(eq(t.orig_acct, "A1"));
	assert_true(eq(t.bene_bank, "B2"));
	assert_true(eq(t.bene_acct, "A2"));
	assert_int_equal(t.amount, 950000);
	assert_string_equal(t.currency, "USD");
	assert_int_equal(t.amount_recv, 950000);
	assert_string_equal(t.currency_recv, "USD");
	assert_int_equal(t.base_amount, 950000);
	assert_int_equal(t.channel, CEN_CH_CASH);
	assert_true(eq(t.orig_name, "Juan Pérez"));
	assert_true(eq(t.bene_name, "Acme, Inc."));
	assert_true(eq(t.orig_country, "US"));
	assert_true(eq(t.bene_country, "MX"));
	assert_true(eq(t.location, "85001"));
	assert_true(eq(t.memo, "rent"));
	assert_int_equal(t.label, -1);
	assert_int_equal(cen_txn_reader_line(r), 2);
	assert_int_equal(cen_txn_reader_next(r, &t), 1);
	assert_int_equal(t.row, 2);
	assert_int_equal(t.amount, 10000);
	assert_string_equal(t.currency, "MXN");
	assert_int_equal(t.base_amount, 550); /* 100 MXN * 0.055 */
	assert_int_equal(t.orig_bank.len, 0);
	assert_int_equal(cen_txn_reader_next(r, &t), 0);
	cen_txn_counts c;
	cen_txn_reader_counts(r, &c);
	assert_int_equal(c.rows, 2);
	assert_int_equal(c.ok, 2);
	assert_int_equal(c.rejected, 0);
	assert_true(eq(cen_txn_reader_header(r), "id,timestamp,orig_bank,orig_account,bene_bank,"
						 "bene_account,amount,currency,amount_received,"
						 "currency_received,channel,orig_name,bene_name,"
						 "orig_country,bene_country,location,memo"));
	cen_txn_reader_free(r);
}

static const char aml[] =
	"Timestamp,From Bank,Account,To Bank,Account,Amount Received,Receiving Currency,"
	"Amount Paid,Payment Currency,Payment Format,Is Laundering\n"
	"2022/09/01 00:20,010,8000EBD30,010,8000EBD30,3697.34,US Dollar,3697.34,US Dollar,Reinvestment,0\n"
	"2022/09/01 00:20,03208,8000F4580,001,8000F5340,0.01,US Dollar,0.01,US Dollar,Cheque,0\n"
	"2022/09/01 00:02,0036,8000F4AB0,01688,80012B580,1200.5,Euro,1300.00,US Dollar,Wire,1\n"
	"2022/09/01 00:05,1,B,2,C,0.00011901,Bitcoin,0.00011901,Bitcoin,Bitcoin,0\n"
	"2022/09/01 00:06,1,B,2,C,12,Yen,12,Yen,Credit Card,0\n";

static void test_amlworld(void **state)
{
	(void)state;
	cen_txn_reader *r = open_str(aml, NULL, 0);
	assert_int_equal(cen_txn_reader_format(r), CEN_TXN_AMLWORLD);
	cen_txn t;
	assert_int_equal(cen_txn_reader_next(r, &t), 1);
	assert_int_equal(t.ts, 1661991600);
	assert_true(eq(t.orig_bank, "010"));
	assert_true(eq(t.orig_acct, "8000EBD30"));
	assert_int_equal(t.amount, 369734);
	assert_int_equal(t.channel, CEN_CH_REINVEST);
	assert_int_equal(t.label, 0);
	assert_int_equal(t.id.len, 0);
	char buf[24];
	size_t n;
	const char *id = cen_txn_id_str(&t, buf, &n);
	assert_int_equal(n, 1);
	assert_memory_equal(id, "1", 1);
	assert_int_equal(cen_txn_reader_next(r, &t), 1);
	assert_int_equal(t.amount, 1);
	assert_int_equal(t.channel, CEN_CH_CHEQUE);
	assert_int_equal(cen_txn_reader_next(r, &t), 1);
	assert_true(eq(t.orig_acct, "8000F4AB0"));
	assert_true(eq(t.bene_bank, "01688"));
	assert_true(eq(t.bene_acct, "80012B580"));
	assert_int_equal(t.amount, 130000);
	assert_string_equal(t.currency, "USD");
	assert_int_equal(t.amount_recv, 120050);
	assert_string_equal(t.currency_recv, "EUR");
	assert_int_equal(t.label, 1);
	assert_int_equal(t.channel, CEN_CH_WIRE);
	assert_int_equal(t.row, 3);
	assert_int_equal(cen_txn_reader_next(r, &t), 1);
	assert_string_equal(t.currency, "BTC");
	assert_int_equal(t.amount, 11901);
	assert_int_equal(t.base_amount, 714); /* 0.00011901 BTC * $60,000 = $7.14 */
	assert_int_equal(t.channel, CEN_CH_CRYPTO);
	assert_int_equal(cen_txn_reader_next(r, &t), 1);
	assert_string_equal(t.currency, "JPY");
	assert_int_equal(t.amount, 12);
	assert_int_equal(t.channel, CEN_CH_CARD);
	assert_int_equal(cen_txn_reader_next(r, &t), 0);
	cen_txn_reader_free(r);
}

static void test_errors_reported_and_skipped(void **state)
{
	(void)state;
	const char *in =
		"timestamp,orig_account,bene_account,amount\n"
		"2025-03-01T00:00:00Z,A,B,10\n"
		"2025-03-01T00:00:00Z,A,B,\"12,x\"\n"
		"2025-03-01T00:00:00Z,,B,10\n"
		"2025-02-30T00:00:00Z,A,B,10\n"
		"\n"
		"2025-03-01T00:00:00Z,A,B\n"
		"2025-03-01T00:00:00Z,A,B,10,extra\n"
		"2025-03-01T00:00:00Z,A,B,-10\n"
		"2025-03-01T00:00:00Z,A,B,\"unterminated\n";
	cen_txn_reader *r = open_str(in, NULL, 0);
	cen_txn t;
	assert_int_equal(cen_txn_reader_next(r, &t), 1);
	assert_int_equal(cen_txn_reader_next(r, &t), CEN_EPARSE);
	assert_string_equal(cen_txn_reader_errmsg(r), "tx.csv:3: field 'amount': not a number: '12,x'");
	assert_true(eq(cen_txn_reader_raw(r), "2025-03-01T00:00:00Z,A,B,\"12,x\""));
	assert_int_equal(cen_txn_reader_next(r, &t), CEN_EPARSE);
	assert_string_equal(cen_txn_reader_errmsg(r), "tx.csv:4: field 'orig_account': empty");
	assert_int_equal(cen_txn_reader_next(r, &t), CEN_EPARSE);
	assert_string_equal(cen_txn_reader_errmsg(r),
			    "tx.csv:5: field 'timestamp': out of range: '2025-02-30T00:00:00Z'");
	assert_int_equal(cen_txn_reader_next(r, &t), CEN_EPARSE);
	assert_string_equal(cen_txn_reader_errmsg(r), "tx.csv:7: expected 4 fields as in the header, found 3");
	assert_int_equal(cen_txn_reader_next(r, &t), CEN_EPARSE);
	assert_int_equal(cen_txn_reader_next(r, &t), CEN_EPARSE);
	assert_string_equal(cen_txn_reader_errmsg(r), "tx.csv:9: field 'amount': negative amount: '-10'");
	assert_int_equal(cen_txn_reader_next(r, &t), CEN_EPARSE);
	assert_int_equal(cen_txn_reader_next(r, &t), 0);
	cen_txn_counts c;
	cen_txn_reader_counts(r, &c);
	assert_int_equal(c.rows, 8);
	assert_int_equal(c.ok, 1);
	assert_int_equal(c.rejected, 7);
	assert_int_equal(c.blank, 1);
	cen_txn_reader_free(r);
}

static void test_mapping_amlsim_style(void **state)
{
	(void)state;
	const char *in = "sourceNodeId,targetNodeId,value,time\n280,15349,147.8,1\n249,9015,104.06,3\n";
	cen_txn_reader_opts o = {0};
	o.columns = "src=sourceNodeId,dst=targetNodeId,amount=value,time=time";
	o.time_unit = CEN_TIME_STEP;
	cen_txn_reader *r = open_str(in, &o, 0);
	assert_int_equal(cen_txn_reader_format(r), CEN_TXN_MAPPED);
	cen_txn t;
	assert_int_equal(cen_txn_reader_next(r, &t), 1);
	assert_true(eq(t.orig_acct, "280"));
	assert_true(eq(t.bene_acct, "15349"));
	assert_int_equal(t.amount, 14780);
	assert_int_equal(t.ts, 86400);
	assert_int_equal(cen_txn_reader_next(r, &t), 1);
	assert_int_equal(t.ts, 3 * 86400);
	assert_int_equal(t.row, 2);
	assert_int_equal(cen_txn_reader_next(r, &t), 0);
	cen_txn_reader_free(r);

	/* Unknown header without a mapping: a clear error. */
	r = open_str(in, NULL, CEN_EPARSE);
	assert_non_null(strstr(cen_txn_reader_errmsg(r), "column mapping"));
	cen_txn_reader_free(r);
	/* A mapping naming an absent column. */
	o.columns = "src=from,dst=targetNodeId,amount=value,time=time";
	r = open_str(in, &o, CEN_EPARSE);
	assert_non_null(strstr(cen_txn_reader_errmsg(r), "no column 'from'"));
	cen_txn_reader_free(r);
	/* A mapping without a required key. */
	o.columns = "src=sourceNodeId,amount=value,time=time";
	r = open_str(in, &o, CEN_EPARSE);
	assert_non_null(strstr(cen_txn_reader_errmsg(r), "'dst'"));
	cen_txn_reader_free(r);
	/* Without an amount column every amount is 0. */
	o.columns = "src=sourceNodeId,dst=targetNodeId,time=time";
	r = open_str(in, &o, 0);
	assert_int_equal(cen_txn_reader_next(r, &t), 1);
	assert_int_equal(t.amount, 0);
	assert_int_equal(t.base_amount, 0);
	cen_txn_reader_free(r);
	o.columns = "source=sourceNodeId";
	r = open_str(in, &o, CEN_EINVAL);
	assert_non_null(strstr(cen_txn_reader_errmsg(r), "unknown key 'source'"));
	cen_txn_reader_free(r);
}

static void test_headerless_edge_list(void **state)
{
	(void)state;
	/* IBM GFP example layout: space separated, a comment line, no amount. */
	const char *in = "# transaction ID, source account ID, target account ID, timestamp\n"
			 "0 0 1 0\n7 2 0 7\n\n8 2\n";
	cen_txn_reader_opts o = {0};
	o.no_header = 1;
	o.sep = ' ';
	o.comment = '#';
	o.columns = "id=#1,src=#2,dst=#3,time=#4";
	cen_txn_reader *r = open_str(in, &o, 0);
	cen_txn t;
	assert_int_equal(cen_txn_reader_next(r, &t), 1);
	assert_true(eq(t.id, "0"));
	assert_int_equal(t.row, 1);
	assert_int_equal(cen_txn_reader_next(r, &t), 1);
	assert_true(eq(t.id, "7"));
	assert_true(eq(t.orig_acct, "2"));
	assert_true(eq(t.bene_acct, "0"));
	assert_int_equal(t.ts, 7);
	assert_int_equal(cen_txn_reader_next(r, &t), CEN_EPARSE);
	assert_string_equal(cen_txn_reader_errmsg(r), "tx.csv:5: expected at least 4 fields, found 2");
	assert_int_equal(cen_txn_reader_next(r, &t), 0);
	cen_txn_counts c;
	cen_txn_reader_counts(r, &c);
	assert_int_equal(c.blank, 2);
	assert_int_equal(c.rows, 3);
	cen_txn_reader_free(r);
	/* Names instead of #N without a header: refused. */
	o.columns = "src=a,dst=b,time=c";
	r = open_str(in, &o, CEN_EINVAL);
	cen_txn_reader_free(r);
}

static void test_jsonl(void **state)
{
	(void)state;
	const char *in =
		"{\"id\":\"j1\",\"timestamp\":\"2025-03-01T14:05:00Z\",\"orig_account\":\"A\","
		"\"bene_account\":\"B\",\"amount\":0.29,\"currency\":\"USD\",\"channel\":\"wire\","
		"\"orig_name\":\"Jos\\u00e9 \\\"Pepe\\\"\",\"extra\":{\"x\":[1,2,{\"y\":null}]}}\n"
		"{\"timestamp\":1740837900,\"orig_account\":\"A\",\"bene_account\":\"B\",\"amount\":\"5\"}\n"
		"{\"timestamp\":1740837900,\"orig_account\":\"A\",\"amount\":\"5\"}\n"
		"not json\n"
		"{\"timestamp\":1740837900,\"orig_account\":\"A\",\"bene_account\":[1],\"amount\":5}\n";
	cen_txn_reader *r = open_str(in, NULL, 0);
	assert_int_equal(cen_txn_reader_format(r), CEN_TXN_JSONL);
	cen_txn t;
	assert_int_equal(cen_txn_reader_next(r, &t), 1);
	assert_true(eq(t.id, "j1"));
	assert_int_equal(t.amount, 29);
	assert_int_equal(t.ts, 1740837900);
	assert_true(eq(t.orig_name, "José \"Pepe\""));
	assert_int_equal(t.channel, CEN_CH_WIRE);
	assert_int_equal(cen_txn_reader_next(r, &t), 1);
	assert_int_equal(t.row, 2);
	assert_int_equal(t.amount, 500);
	assert_int_equal(cen_txn_reader_next(r, &t), CEN_EPARSE);
	assert_string_equal(cen_txn_reader_errmsg(r), "tx.csv:3: field 'bene_account': missing");
	assert_int_equal(cen_txn_reader_next(r, &t), CEN_EPARSE);
	assert_non_null(strstr(cen_txn_reader_errmsg(r), "tx.csv:4: not a JSON object"));
	assert_int_equal(cen_txn_reader_next(r, &t), CEN_EPARSE);
	assert_non_null(strstr(cen_txn_reader_errmsg(r), "field 'bene_account'"));
	assert_int_equal(cen_txn_reader_next(r, &t), 0);
	cen_txn_counts c;
	cen_txn_reader_counts(r, &c);
	assert_int_equal(c.rows, 5);
	assert_int_equal(c.ok, 2);
	cen_txn_reader_free(r);

	/* A key ending in an escaped quote ("x\"") after a comma is valid JSON
	 * but looks like an open CSV quote: each line stays its own record. */
	const char *ek = "{\"timestamp\":1,\"orig_account\":\"A\",\"bene_account\":\"B\",\"amount\":1,\"x\\\"\":2}\n"
			 "{\"timestamp\":2,\"orig_account\":\"A\",\"bene_account\":\"B\",\"amount\":2}\n";
	r = open_str(ek, NULL, 0);
	assert_int_equal(cen_txn_reader_format(r), CEN_TXN_JSONL);
	assert_int_equal(cen_txn_reader_next(r, &t), 1);
	assert_int_equal(t.ts, 1);
	assert_int_equal(cen_txn_reader_next(r, &t), 1);
	assert_int_equal(t.ts, 2);
	assert_int_equal(cen_txn_reader_line(r), 2);
	assert_int_equal(cen_txn_reader_next(r, &t), 0);
	cen_txn_reader_free(r);
}

static void test_edge_inputs(void **state)
{
	(void)state;
	cen_txn t;
	/* A missing file: an error naming it, and the handle to read it from. */
	cen_txn_reader *rm = NULL;
	assert_int_equal(cen_txn_reader_open(&rm, "/nonexistent/tx.csv", NULL), CEN_EIO);
	assert_non_null(rm);
	assert_non_null(strstr(cen_txn_reader_errmsg(rm), "/nonexistent/tx.csv"));
	cen_txn_reader_free(rm);
	/* Empty input and header only: no rows, no error. */
	cen_txn_reader *r = open_str("", NULL, 0);
	assert_int_equal(cen_txn_reader_next(r, &t), 0);
	cen_txn_reader_free(r);
	r = open_str("timestamp,orig_account,bene_account,amount\n", NULL, 0);
	assert_int_equal(cen_txn_reader_next(r, &t), 0);
	cen_txn_reader_free(r);
	/* Truncated last row, no newline. */
	r = open_str("timestamp,orig_account,bene_account,amount\n2025-03-01,A,B,1\n2025-03-0", NULL, 0);
	assert_int_equal(cen_txn_reader_next(r, &t), 1);
	assert_int_equal(cen_txn_reader_next(r, &t), CEN_EPARSE);
	assert_int_equal(cen_txn_reader_next(r, &t), 0);
	cen_txn_reader_free(r);
	/* Bad UTF-8 in a name is repaired (U+FFFD) and counted, the row kept. */
	r = open_str("timestamp,orig_account,bene_account,amount,orig_name\n"
		     "2025-03-01,A,B,1,Jos\xE9\n", NULL, 0);
	assert_int_equal(cen_txn_reader_next(r, &t), 1);
	assert_true(eq(t.orig_name, "Jos\xEF\xBF\xBD"));
	cen_txn_counts c;
	cen_txn_reader_counts(r, &c);
	assert_int_equal(c.warnings, 1);
	cen_txn_reader_free(r);
	/* Unknown currency, and a currency without a rate. */
	r = open_str("timestamp,orig_account,bene_account,amount,currency\n"
		     "2025-03-01,A,B,1,Doubloon\n2025-03-01,A,B,1,XYZ\n", NULL, 0);
	assert_int_equal(cen_txn_reader_next(r, &t), CEN_EPARSE);
	assert_string_equal(cen_txn_reader_errmsg(r), "tx.csv:2: field 'currency': unknown currency: 'Doubloon'");
	assert_int_equal(cen_txn_reader_next(r, &t), CEN_EPARSE);
	assert_non_null(strstr(cen_txn_reader_errmsg(r), "no US dollar rate"));
	cen_txn_reader_free(r);
	/* The rate option adds it. */
	cen_txn_reader_opts o = {0};
	o.rates = "XYZ=2.5, EUR=1";
	r = open_str("timestamp,orig_account,bene_account,amount,currency\n"
		     "2025-03-01,A,B,1,XYZ\n2025-03-01,A,B,3,EUR\n", &o, 0);
	assert_int_equal(cen_txn_reader_next(r, &t), 1);
	assert_int_equal(t.base_amount, 250);
	assert_int_equal(cen_txn_reader_next(r, &t), 1);
	assert_int_equal(t.base_amount, 300);
	cen_txn_reader_free(r);
	/* A NUL byte rejects the row (it would cut an account id short). */
	static const char nul[] = "timestamp,orig_account,bene_account,amount\n2025-03-01,A\0X,B,1\n2025-03-01,A,B,1\n";
	cen_txn_reader *rn;
	assert_int_equal(cen_txn_reader_open_mem(&rn, nul, sizeof nul - 1, "tx.csv", NULL), 0);
	assert_int_equal(cen_txn_reader_next(rn, &t), CEN_EPARSE);
	assert_string_equal(cen_txn_reader_errmsg(rn), "tx.csv:2: row contains a NUL byte");
	assert_int_equal(cen_txn_reader_next(rn, &t), 1);
	cen_txn_reader_free(rn);
	/* Huge field rejected, next row read. */
	size_t big = 300000;
	char *in = malloc(big + 200);
	assert_non_null(in);
	int n = snprintf(in, 200, "timestamp,orig_account,bene_account,amount\n2025-03-01,");
	memset(in + n, 'x', big);
	snprintf(in + n + big, 200, ",B,1\n2025-03-01,A,B,2\n");
	r = open_str(in, NULL, 0);
	assert_int_equal(cen_txn_reader_next(r, &t), CEN_EPARSE);
	assert_non_null(strstr(cen_txn_reader_errmsg(r), "longer than"));
	assert_int_equal(cen_txn_reader_next(r, &t), 1);
	assert_int_equal(t.amount, 200);
	assert_int_equal(t.row, 2);
	cen_txn_reader_free(r);
	free(in);
}


/* ---- fast paths against the general code ------------------------------ */

static void same_slice(cen_slice a, cen_slice b)
{
	assert_int_equal(a.len, b.len);
	if (a.len)
		assert_memory_equal(a.ptr, b.ptr, a.len);
}

/* in read by a reader with its fast paths and by one with the general
 * code only (cen__txn_reader_set_general): the same records, errors,
 * lines, raw rows and counts. The counts are added to *sum. */
static void same_rows(const char *in, size_t len, const cen_txn_reader_opts *o,
		      cen_txn_counts *sum)
{
	cen_txn_reader *a = NULL, *b = NULL;
	int ra = cen_txn_reader_open_mem(&a, in, len, "f.csv", o);
	int rb = cen_txn_reader_open_mem(&b, in, len, "f.csv", o);
	assert_int_equal(ra, rb);
	assert_string_equal(cen_txn_reader_errmsg(a), cen_txn_reader_errmsg(b));
	if (ra == 0) {
		cen__txn_reader_set_general(b, 1);
		for (;;) {
			cen_txn ta, tb;
			int xa = cen_txn_reader_next(a, &ta), xb = cen_txn_reader_next(b, &tb);
			if (xa != xb || strcmp(cen_txn_reader_errmsg(a), cen_txn_reader_errmsg(b)))
				fprintf(stderr, "fast %d '%s', general %d '%s'\n", xa,
					cen_txn_reader_errmsg(a), xb, cen_txn_reader_errmsg(b));
			assert_int_equal(xa, xb);
			assert_string_equal(cen_txn_reader_errmsg(a), cen_txn_reader_errmsg(b));
			assert_int_equal(cen_txn_reader_line(a), cen_txn_reader_line(b));
			same_slice(cen_txn_reader_raw(a), cen_txn_reader_raw(b));
			if (xa == 1) {
				assert_int_equal(ta.row, tb.row);
				assert_int_equal(ta.ts, tb.ts);
				assert_int_equal(ta.amount, tb.amount);
				assert_int_equal(ta.amount_recv, tb.amount_recv);
				assert_int_equal(ta.base_amount, tb.base_amount);
				assert_string_equal(ta.currency, tb.currency);
				assert_string_equal(ta.currency_recv, tb.currency_recv);
				assert_int_equal(ta.channel, tb.channel);
				assert_int_equal(ta.label, tb.label);
				same_slice(ta.id, tb.id);
				same_slice(ta.orig_bank, tb.orig_bank);
				same_slice(ta.orig_acct, tb.orig_acct);
				same_slice(ta.bene_bank, tb.bene_bank);
				same_slice(ta.bene_acct, tb.bene_acct);
				same_slice(ta.orig_name, tb.orig_name);
				same_slice(ta.bene_name, tb.bene_name);
				same_slice(ta.orig_country, tb.orig_country);
				same_slice(ta.bene_country, tb.bene_country);
				same_slice(ta.location, tb.location);
				same_slice(ta.memo, tb.memo);
			}
			if (xa == 0 || (xa < 0 && xa != CEN_EPARSE && xa != CEN_ELIMIT))
				break;
		}
		cen_txn_counts ca, cb;
		cen_txn_reader_counts(a, &ca);
		cen_txn_reader_counts(b, &cb);
		assert_memory_equal(&ca, &cb, sizeof ca);
		/* every row read is returned or reported */
		assert_int_equal(ca.rows, ca.ok + ca.rejected);
		sum->rows += ca.rows;
		sum->ok += ca.ok;
		sum->rejected += ca.rejected;
		sum->warnings += ca.warnings;
		sum->blank += ca.blank;
	}
	cen_txn_reader_free(a);
	cen_txn_reader_free(b);
}

static uint64_t lcg(uint64_t *s)
{
	*s = *s * 6364136223846793005ULL + 1442695040888963407ULL;
	return *s >> 33;
}

static const char *pick(const char *const *list, size_t n, uint64_t *s)
{
	return list[lcg(s) % n];
}

/* Canonical rows as synth writes them, each field now and then replaced
 * by an edge case of its kind; rows now and then quoted, cut, lengthened,
 * given a NUL byte, a CR, a blank line or a comment. */
static size_t canonical_sample(uint64_t *s, char *p, size_t cap, char sep, int layout)
{
	static const char *const times[] = {
		"2025-11-28T00:00:06Z", "2025-11-28T00:00:60Z", "2025-11-28T00:00:61Z",
		"2025-11-28T24:00:06Z", "2025-11-28T23:59:59Z", "2025-11-28T00:60:06Z",
		"2025-02-29T00:00:06Z", "2024-02-29T00:00:06Z", "2025-11-28T00:00:06z",
		"2025-11-28T00:00:06+01:00", "2025-11-28T00:00:06.123Z", "2025-11-28 00:00:06Z",
		"2025/11/28T00:00:06Z", " 2025-11-28T00:00:06Z", "2025-11-28T00:00:06Z ",
		"2025-11-28T00:00:0aZ", "2025-11-28T00:00:06", "2025-11-28T00:00", "1764288006",
		"-5", "2025-11-28", "2025-13-28T00:00:06Z", "2025-11-28T00:00:\xff\x36Z", "",
	};
	static const char *const amounts[] = {
		"100.85", "0", "0.00", "5.", "", " ", ".5", "1.005", "+3", "-3", "-0", "1e3",
		"1E-2", "12,5", "1.2.3", "100.850", "100.8", "99999.99", "12345.67", "123456.78",
		"999999999999999.99", "1000000000000000", " 12.50", "12.50 ", "1 2", "nan",
		"1:00", "1.:0", "\xc3\xa9.00",
	};
	static const char *const curs[] = {"USD", "usd", "EUR", "BTC", "JPY", "KWD", "XYZ", "",
					  " USD", "USD ", "US Dollar", "Bitcoin", "Doubloon",
					  "Australian Dollar", "MXN", "USX"};
	static const char *const chans[] = {"ach", "card", "cash", "wire", "cheque",
					   "Credit Card", "unknown", "foo", " ach", "ACH", "",
					   "crypto", "reinvestment", "wire transfer"};
	static const char *const texts[] = {
		"", "US", " US", "US ", "utility bill", "Jos\xe9", "Jos\xc3\xa9", "\xc3",
		"\xed\xa0\x80", "\xf4\x90\x80\x80", "caf\xc3\xa9 au lait  ", "\t", "tab\tin",
		"ab\xf0\x9f\x98\x80" "cd", "\xc0\xaf", "0123456789abcdef", "0123456789abcdefg",
		"\xff\xff\xff\xff\xff\xff\xff\xff\xff", "12345", "\x7f", " x", "x ",
		/* 70 bytes: over the country cap (64), under the others */
		"Compania Anonima de Inversiones y Transferencias del Caribe, Sucursal",
		/* 300 bytes: over the id, account and location caps (256) */
		"0123456789012345678901234567890123456789012345678901234567890123456789"
		"0123456789012345678901234567890123456789012345678901234567890123456789"
		"0123456789012345678901234567890123456789012345678901234567890123456789"
		"0123456789012345678901234567890123456789012345678901234567890123456789"
		"01234567890123456789",
	};
	static const char *const labels[] = {"0", "1", "true", "false", "x", "", " 1"};
	char f[18][64];
	const char *fv[18];
	size_t n = 0;
	int nrows = 1 + (int)(lcg(s) % 40);
	for (int row = 0; row < nrows && n + 9000 < cap; row++) {
		unsigned sec = (unsigned)(lcg(s) % 3) + (unsigned)row;
		snprintf(f[0], 64, "T%d", row + 1);
		snprintf(f[1], 64, "2025-11-28T00:%02u:%02uZ", sec / 60 % 60, sec % 60);
		snprintf(f[2], 64, "BNK%02u", (unsigned)(lcg(s) % 10));
		snprintf(f[3], 64, "%010u", (unsigned)lcg(s));
		snprintf(f[4], 64, "BNK%02u", (unsigned)(lcg(s) % 10));
		snprintf(f[5], 64, "%010u", (unsigned)lcg(s));
		snprintf(f[6], 64, "%u.%02u", (unsigned)(lcg(s) % 100000), (unsigned)(lcg(s) % 100));
		for (int k = 0; k < 18; k++)
			fv[k] = f[k];
		fv[7] = "USD";
		fv[8] = lcg(s) % 4 ? f[6] : "";
		fv[9] = lcg(s) % 4 ? "USD" : "";
		fv[10] = pick(chans, sizeof chans / sizeof chans[0], s);
		fv[11] = fv[12] = fv[15] = "";
		fv[13] = fv[14] = "US";
		fv[16] = lcg(s) % 2 ? "utility bill" : "";
		fv[17] = pick(labels, sizeof labels / sizeof labels[0], s);
		int muts = (int)(lcg(s) % 4);
		for (int m = 0; m < muts; m++) {
			int k = (int)(lcg(s) % 18);
			if (k == 1)
				fv[k] = pick(times, sizeof times / sizeof times[0], s);
			else if (k == 6 || k == 8)
				fv[k] = lcg(s) % 3 ? pick(amounts, sizeof amounts / sizeof amounts[0], s) : fv[6];
			else if (k == 7 || k == 9)
				fv[k] = pick(curs, sizeof curs / sizeof curs[0], s);
			else if (k == 10)
				fv[k] = pick(chans, sizeof chans / sizeof chans[0], s);
			else if (k != 17)
				fv[k] = pick(texts, sizeof texts / sizeof texts[0], s);
		}
		size_t start = n;
		int nf = layout == 1 ? 18 : 17;
		if (lcg(s) % 30 == 0)
			nf += lcg(s) % 2 ? 1 : -1;
		for (int k = 0; k < nf; k++) {
			int key = layout == 2 ? 16 - k : k;
			const char *v = key >= 0 && key < 18 ? fv[key] : "extra";
			if (k)
				p[n++] = sep;
			if (lcg(s) % 60 == 0) { /* quoted, with a separator and a newline */
				n += (size_t)snprintf(p + n, cap - n, "\"%s%c\"\"\n\"", v, sep);
				continue;
			}
			size_t vl = strlen(v);
			if (lcg(s) % 200 == 0) /* over a cap: id 256, name 1024, memo 4096 */
				vl = 0;
			memcpy(p + n, v, vl);
			n += vl;
			if (vl == 0 && lcg(s) % 200 == 0) {
				memset(p + n, 'x', 5000);
				n += 5000;
			}
		}
		if (lcg(s) % 25 == 0) /* a NUL anywhere in the row */
			p[start + lcg(s) % (n - start + 1)] = '\0';
		if (lcg(s) % 20 == 0)
			p[n++] = '\r';
		p[n++] = '\n';
		if (lcg(s) % 40 == 0)
			p[n++] = '\n';
		if (lcg(s) % 40 == 0)
			n += (size_t)snprintf(p + n, cap - n, "# a comment\n");
	}
	if (n && lcg(s) % 8 == 0)
		n--; /* no final newline */
	return n;
}

static void test_fast_paths_match_general(void **state)
{
	(void)state;
	static const char *const headers[] = {
		"id,timestamp,orig_bank,orig_account,bene_bank,bene_account,amount,currency,"
		"amount_received,currency_received,channel,orig_name,bene_name,orig_country,"
		"bene_country,location,memo",
		"id,timestamp,orig_bank,orig_account,bene_bank,bene_account,amount,currency,"
		"amount_received,currency_received,channel,orig_name,bene_name,orig_country,"
		"bene_country,location,memo,label",
		"memo,location,bene_country,orig_country,bene_name,orig_name,channel,"
		"currency_received,amount_received,currency,amount,bene_account,bene_bank,"
		"orig_account,orig_bank,timestamp,id",
	};
	size_t cap = 1u << 20;
	char *buf = malloc(cap);
	assert_non_null(buf);
	cen_txn_counts sum = {0};
	uint64_t s = 11;
	for (int it = 0; it < 600; it++) {
		int layout = it % 5 == 3 ? 1 : it % 5 == 4 ? 2 : 0;
		char sep = it % 7 == 5 ? ';' : ',';
		size_t n = (size_t)snprintf(buf, cap, "%s\n", headers[layout]);
		if (sep == ';')
			for (size_t i = 0; i < n; i++)
				if (buf[i] == ',')
					buf[i] = ';';
		n += canonical_sample(&s, buf + n, cap - n, sep, layout);
		cen_txn_reader_opts o = {0};
		o.sep = sep;
		o.comment = it % 3 == 0 ? '#' : 0;
		if (it % 11 == 7)
			o.rates = "XYZ=2.5";
		same_rows(buf, n, &o, &sum);
	}
	/* Every kind of outcome was compared, many times. */
	if (getenv("CEN_TEST_VERBOSE"))
		fprintf(stderr, "rows %llu ok %llu rejected %llu warnings %llu blank %llu\n",
			(unsigned long long)sum.rows, (unsigned long long)sum.ok,
			(unsigned long long)sum.rejected, (unsigned long long)sum.warnings,
			(unsigned long long)sum.blank);
	assert_true(sum.ok > 5000);
	assert_true(sum.rejected > 1000);
	assert_true(sum.warnings > 500);
	assert_true(sum.blank > 50);
	free(buf);
}

/* Which records of a mapped file (or one read in window mode) say their
 * text is kept (valid until the reader is freed, or for the window's rows):
 * plain rows yes; a quoted row, a row with a repaired field no; the same
 * file read, not mapped, never; JSON lines never. The slices of kept
 * records are still right after the whole file was read (the window is
 * longer than the file).
 * (Rows follow, so the four are not in the file's last 64 bytes, which the
 * bitmap scan leaves to the byte scan: those are copied.) */
static void test_kept_records(void **state)
{
	(void)state;
	static const char *csv =
		"id,timestamp,orig_account,bene_account,amount,memo\n"
		"t1,2025-01-01T00:00:00Z,A,B,10.00,rent\n"
		"t2,2025-01-01T00:01:00Z,A,\"B\",11.00,quoted\n"
		"t3,2025-01-01T00:02:00Z,A,B,12.00,caf\xe9\n"
		"t4,2025-01-01T00:03:00Z,C,D,13.00,last\n";
	static const int want[] = {1, 0, 0, 1};
	char path[] = "/tmp/cen_kept_XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	FILE *fp = fdopen(fd, "w");
	assert_non_null(fp);
	fputs(csv, fp);
	for (int i = 0; i < 20; i++)
		fprintf(fp, "x%d,2025-01-01T01:00:00Z,E,F,1.00,more\n", i);
	assert_int_equal(fclose(fp), 0);
	for (int mode = 0; mode <= 2; mode++) {
		/* read, mapped, window of 30 rows (more than the file's) */
		const int map = mode != 0;
		cen_txn_reader_opts o = {0};
		o.map_file = mode == 1;
		o.window_rows = mode == 2 ? 30 : 0;
		cen_txn_reader *r = NULL;
		assert_int_equal(cen_txn_reader_open(&r, path, &o), 0);
		cen_txn t[4];
		for (int i = 0; i < 4; i++) {
			assert_int_equal(cen_txn_reader_next(r, &t[i]), 1);
			assert_int_equal(cen_txn_reader_kept(r), map ? want[i] : 0);
		}
		cen_txn end;
		while (cen_txn_reader_next(r, &end) == 1)
			;
		if (map) { /* kept text outlives the calls after it */
			assert_true(eq(t[0].id, "t1") && eq(t[0].memo, "rent"));
			assert_true(eq(t[3].orig_acct, "C") && eq(t[3].memo, "last"));
		}
		cen_txn_reader_free(r);
	}
	cen_txn_reader *j = open_str("{\"timestamp\":\"2025-01-01T00:00:00Z\",\"orig_account\":\"A\","
				     "\"bene_account\":\"B\",\"amount\":1}\n", NULL, 0);
	cen_txn jt;
	assert_int_equal(cen_txn_reader_next(j, &jt), 1);
	assert_int_equal(cen_txn_reader_kept(j), 0);
	cen_txn_reader_free(j);
	unlink(path);
}

/* A row of a file read in window mode (opts.window_rows = W) says its
 * text is kept when it is plain, and that text stays valid and unchanged
 * through the calls that return the next W rows; rejected rows, blank
 * lines (runs of them many times W too) and quoted rows come between.
 * Each kept row is compared with a copy of its text when the W-th row
 * after it has been returned, with window buffers small enough that what
 * is held spans several. */
static void test_window_rows_kept(void **state)
{
	(void)state;
	enum { W = 300 };
	char path[] = "/tmp/cen_kept_XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	FILE *fp = fdopen(fd, "w");
	assert_non_null(fp);
	fputs("id,timestamp,orig_account,bene_account,amount,memo\n", fp);
	for (int i = 0; i < 60000; i++) {
		if (i % 7 == 0)
			fprintf(fp, "bad%d,2025-01-01T00:00:00Z,A,B,ten,x\n", i);
		else if (i % 53 == 0)
			fprintf(fp, "q%d,2025-01-01T00:00:00Z,A,\"B%d\",1.00,quoted\n", i, i);
		else if (i % 37 == 0)
			fputs("\n", fp);
		else if (i % 20011 == 0)
			for (int k = 0; k < 20 * W; k++)
				fputs("\n", fp);
		else
			fprintf(fp, "t%d,2025-01-01T00:%02d:00Z,A%d,B%d,%d.%02d,memo %d\n", i, i % 60,
				i % 97, i % 89, i % 5000, i % 100, i * 7);
	}
	assert_int_equal(fclose(fp), 0);
	cen_txn_reader_opts o = {0};
	o.window_rows = W;
	cen_txn_reader *r = NULL;
	assert_int_equal(cen_txn_reader_open(&r, path, &o), 0);
	cen__txn_reader_window_sizes(r, 4096, 2048);
	static struct {
		int kept;
		cen_slice id, memo;
		char copy[64];
	} held[W];
	size_t rows = 0, kept = 0, rejected = 0;
	for (;;) {
		cen_txn t;
		int rc = cen_txn_reader_next(r, &t);
		if (rc == 0)
			break;
		if (rc < 0) {
			assert_int_equal(rc, CEN_EPARSE);
			rejected++;
			continue;
		}
		/* the row W before this one is still as it was */
		size_t at = rows % W;
		if (rows >= W && held[at].kept) {
			size_t n = held[at].id.len;
			assert_memory_equal(held[at].id.ptr, held[at].copy, n);
			assert_memory_equal(held[at].memo.ptr, held[at].copy + n, held[at].memo.len);
		}
		rows++;
		/* plain rows split by the bitmap scan (all but those of the
		 * file's last 64 bytes, which the byte scan takes) */
		int k = cen_txn_reader_kept(r);
		if (k)
			assert_true(t.id.ptr[0] == 't');
		held[at].kept = k;
		held[at].id = t.id;
		held[at].memo = t.memo;
		assert_true(t.id.len + t.memo.len <= sizeof held[at].copy);
		memcpy(held[at].copy, t.id.ptr, t.id.len);
		memcpy(held[at].copy + t.id.len, t.memo.ptr, t.memo.len);
		kept += (size_t)k;
	}
	assert_true(kept > 35000);
	assert_true(rejected > 8000);
	assert_true(rows + rejected > 58000);
	cen_txn_reader_free(r);
	unlink(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_canonical),
		cmocka_unit_test(test_amlworld),
		cmocka_unit_test(test_errors_reported_and_skipped),
		cmocka_unit_test(test_mapping_amlsim_style),
		cmocka_unit_test(test_headerless_edge_list),
		cmocka_unit_test(test_jsonl),
		cmocka_unit_test(test_edge_inputs),
		cmocka_unit_test(test_fast_paths_match_general),
		cmocka_unit_test(test_kept_records),
		cmocka_unit_test(test_window_rows_kept),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
