/* txn.h - the canonical transaction record and the readers that produce it.
 *
 * A reader turns one input row into a cen_txn whose slices are borrowed from
 * the reader until its next call. The engine interns what it keeps. Accounts
 * are identified by (bank, account); written "BANK:ACCOUNT" where a bank is
 * known, else "ACCOUNT".
 *
 * Amounts are int64 in the minor unit of their currency (cents for USD, 1e-8
 * for BTC; see cen_currency_exponent). base_amount is the same value in US
 * dollar cents through the reader's rate table, so thresholds written in
 * dollars (the $10,000 CTR) apply to every currency.
 */
#ifndef CENTINELA_TXN_H
#define CENTINELA_TXN_H

#include <stdint.h>

#include "centinela/core.h"

typedef enum cen_channel {
	CEN_CH_UNKNOWN = 0,
	CEN_CH_CASH,
	CEN_CH_WIRE,
	CEN_CH_ACH,
	CEN_CH_CARD,    /* credit/debit card */
	CEN_CH_CHEQUE,
	CEN_CH_CRYPTO,  /* AMLworld "Bitcoin" */
	CEN_CH_REINVEST,/* AMLworld "Reinvestment" */
	CEN_CH__COUNT
} cen_channel;

typedef struct cen_txn {
	uint64_t row;         /* 1-based data row (header not counted) */
	cen_slice id;         /* input id; empty: the id is the row number */
	int64_t ts;           /* seconds since 1970-01-01 UTC (or simulation step) */
	cen_slice orig_bank, orig_acct;
	cen_slice bene_bank, bene_acct;
	int64_t amount;       /* paid, minor units of currency */
	char currency[8];     /* ISO 4217 or the source's code, NUL-terminated */
	int64_t amount_recv;  /* received, minor units of currency_recv */
	char currency_recv[8];
	int64_t base_amount;  /* paid, in USD cents */
	cen_channel channel;
	cen_slice orig_name, bene_name;       /* party names, may be empty */
	cen_slice orig_country, bene_country; /* ISO alpha-2 or empty */
	cen_slice location;   /* ZIP code or branch id of a cash transaction */
	cen_slice memo;
	int8_t label;         /* -1 none; 0/1 from a label column. Never used
				 for detection, only by eval. */
} cen_txn;

const char *cen_channel_name(cen_channel ch); /* "cash", "wire", ... */

/* ---- Transaction readers ------------------------------------------------
 *
 * A cen_txn_reader reads transactions from a file, stdin ("-") or memory in
 * one of these formats (docs/transactions.md):
 *   canonical  CSV with the contract header (id,timestamp,orig_bank,...)
 *   amlworld   IBM AMLworld CSV (Timestamp,From Bank,Account,To Bank,...)
 *   mapped     any CSV through a column mapping ("src=a,dst=b,amount=c,time=d")
 *   jsonl      JSON lines, one flat object per line with the canonical keys
 * AUTO detects canonical, AMLworld and JSON lines from the first line; any
 * other header needs a mapping (a mapping alone implies MAPPED). A mapping
 * needs time, src and dst; without amount every amount is 0 (edge lists
 * such as IBM's GFP examples carry none).
 *
 * cen_txn_reader_next() gives one record at a time. A malformed row is
 * reported (CEN_EPARSE or CEN_ELIMIT, message naming file, line and field,
 * raw row available) and reading goes on with the next row: every data row
 * is either returned or reported. No allocation per row once buffers have
 * grown to the largest row.
 */
typedef enum cen_txn_format {
	CEN_TXN_AUTO = 0,
	CEN_TXN_CANONICAL,
	CEN_TXN_AMLWORLD,
	CEN_TXN_MAPPED,
	CEN_TXN_JSONL,
} cen_txn_format;

/* How a numeric (all-digit) timestamp is read. Text timestamps (ISO 8601,
 * "YYYY/MM/DD HH:MM") are always calendar times. */
typedef enum cen_time_unit {
	CEN_TIME_SECONDS = 0, /* epoch seconds (UTC) */
	CEN_TIME_STEP,        /* simulation step: ts = step_origin + step * step_seconds */
} cen_time_unit;

typedef struct cen_txn_reader_opts {
	cen_txn_format format;   /* default AUTO */
	const char *columns;     /* mapping "key=column,..." (NULL: none); a column
				    is a header name or #N (1-based position) */
	cen_time_unit time_unit; /* default SECONDS */
	int64_t step_seconds;    /* length of one step; 0: 86400 (one day) */
	int64_t step_origin;     /* epoch seconds of step 0; default 0 */
	const char *rates_file;  /* CSV "currency,usd_per_unit" overriding the
				    built-in table (NULL: none) */
	const char *rates;       /* "EUR=1.08,MXN=0.055" overrides (NULL: none) */
	const char *default_currency; /* when the currency is empty; NULL: "USD" */
	char sep;                /* CSV separator; 0: ',' */
	int no_header;           /* CSV without a header: mapping by #N only */
	char comment;            /* lines starting with it are skipped (0: none) */
	const char *name;        /* name in messages; NULL: the path */
	int map_file;            /* 1: a regular file is mapped, not read (see
				    cen_csv_opts.map: a SIGBUS if it shrinks) */
	unsigned window_rows;    /* > 0 (a file or stdin; before map_file): read
				    in chunks into buffers whose bytes never move,
				    so a row's text stays valid and unchanged
				    through the calls that return the next
				    window_rows rows (see cen_txn_reader_kept) */
} cen_txn_reader_opts;

typedef struct cen_txn_reader cen_txn_reader;

typedef struct cen_txn_counts {
	uint64_t rows;     /* data rows seen (returned + rejected) */
	uint64_t ok;       /* returned by cen_txn_reader_next */
	uint64_t rejected; /* reported as malformed */
	uint64_t warnings; /* kept with a doubt (bad UTF-8 repaired, unknown channel) */
	uint64_t blank;    /* blank and comment lines skipped (not rows) */
} cen_txn_counts;

/* Opens path ("-": stdin) and reads its header to detect the format. On
 * failure returns a CEN_E* code and, unless out of memory, still sets *out
 * so cen_txn_reader_errmsg() can say why; free it in every case. opts may be
 * NULL (all defaults). */
int cen_txn_reader_open(cen_txn_reader **out, const char *path,
			const cen_txn_reader_opts *opts);
/* The same over memory; data is copied. */
int cen_txn_reader_open_mem(cen_txn_reader **out, const char *data, size_t len,
			    const char *name, const cen_txn_reader_opts *opts);
/* 1: *out holds the next record (its slices borrowed until the next call);
 * 0: end of input; CEN_EPARSE / CEN_ELIMIT: this row is malformed and was
 * skipped (errmsg, raw, line tell which), call again to continue;
 * CEN_EIO / CEN_ENOMEM: stop. */
int cen_txn_reader_next(cen_txn_reader *r, cen_txn *out);
const char *cen_txn_reader_errmsg(const cen_txn_reader *r);
/* Raw bytes of the last row returned or rejected (borrowed until the next
 * call), and of the header line (empty for JSONL / no header); for --rejects. */
cen_slice cen_txn_reader_raw(const cen_txn_reader *r);
cen_slice cen_txn_reader_header(const cen_txn_reader *r);
/* 1-based input line on which the last row started. */
uint64_t cen_txn_reader_line(const cen_txn_reader *r);
/* 1 when every text slice of the record just returned stays valid and
 * unchanged longer than until the next call: until cen_txn_reader_free
 * for a mapped file (opts.map_file), through the calls that return the
 * next opts.window_rows rows (rejected ones do not count) in window mode;
 * a row without quotes whose fields were taken where they lie (none
 * repaired). Then cen_monitor_push_kept may keep the record's text
 * without a copy, while the monitor's lookahead is below what it stays
 * valid for. */
int cen_txn_reader_kept(const cen_txn_reader *r);
cen_txn_format cen_txn_reader_format(const cen_txn_reader *r);
void cen_txn_reader_counts(const cen_txn_reader *r, cen_txn_counts *out);
/* Bytes consumed so far and input size (0 when unknown, e.g. a pipe). */
void cen_txn_reader_progress(const cen_txn_reader *r, uint64_t *done, uint64_t *total);
void cen_txn_reader_free(cen_txn_reader *r);

const char *cen_txn_format_name(cen_txn_format f); /* "canonical", ... */
/* "auto|canonical|amlworld|mapped|jsonl" -> *out; CEN_EINVAL if unknown. */
int cen_txn_format_parse(const char *s, cen_txn_format *out);
/* "seconds|step" -> *out; CEN_EINVAL if unknown. */
int cen_time_unit_parse(const char *s, cen_time_unit *out);

/* The transaction's id as text: its id field, else the row number.
 * Returns buf or the id's bytes; *len receives the length. buf needs 24 bytes. */
const char *cen_txn_id_str(const cen_txn *t, char buf[24], size_t *len);

/* Currencies. The ISO 4217 minor-unit exponent of code (2 for unknown
 * codes, 8 for BTC, 0 for JPY...). */
int cen_currency_exponent(const char *code);
/* Maps an ISO code (any case) or an AMLworld currency name ("US Dollar",
 * "Yuan", "Bitcoin") to its upper-case code in out (8 bytes). Returns 0, or
 * CEN_ENOTFOUND when s is neither a known name nor a three-letter code. */
int cen_currency_code(const char *s, size_t len, char out[8]);
/* Parses a channel name ("cash", "Wire", "Credit Card", "Bitcoin", "ACH",
 * "check"...); CEN_CH_UNKNOWN when not recognised. */
cen_channel cen_channel_parse(const char *s, size_t len);

#endif
