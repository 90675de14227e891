/* customers.h - reading the customer (or counterparty) file to screen.
 *
 * Two formats, detected from the first record:
 *  - CSV with a header line: `id` and `name` required; `dob`, `country` and
 *    `kind` optional (header names matched case-insensitively, surrounding
 *    blanks ignored); every other column is ignored.
 *  - JSON lines: one object per line with the same keys (string values;
 *    numbers are accepted for `id`).
 *
 * The reader streams: one record at a time, no malloc per record once its
 * buffers have grown. Every record is either returned or rejected; a rejected
 * record is reported through the caller's cen_diag (file, line, field,
 * reason; severity 2) and its raw bytes are available for a rejects file.
 * Doubtful optional values (a date of birth that is not a date, an unknown
 * kind) are reported as warnings (severity 1) and dropped; the record is still
 * returned, because a customer must not escape screening over a bad date.
 *
 * Rejected: bad UTF-8 or a NUL byte in a used field, a row with fewer fields
 * than needed, an empty id or name, a field longer than its cap, a JSON line
 * that is not an object or has a used key of the wrong type, a malformed CSV
 * row. Missing required header columns fail the open (nothing can be read).
 */
#ifndef CENTINELA_CUSTOMERS_H
#define CENTINELA_CUSTOMERS_H

#include <stdint.h>

#include "centinela/core.h"
#include "centinela/entity.h"

typedef enum cen_customers_format {
	CEN_CUSTOMERS_AUTO = 0,
	CEN_CUSTOMERS_CSV,
	CEN_CUSTOMERS_JSONL,
} cen_customers_format;

typedef struct cen_customers_opts {
	cen_customers_format format; /* default: detected */
	size_t max_id;   /* bytes; default 256 */
	size_t max_name; /* bytes; default 1024 */
	size_t max_field; /* other used fields; default 256 */
	size_t max_record; /* raw bytes of a record; default 64 KiB */
} cen_customers_opts;

/* One customer. Strings are NUL-terminated, borrowed from the reader until
 * the next call to cen_customers_next or cen_customers_free. */
typedef struct cen_customer {
	const char *id;
	const char *name;
	const char *dob;      /* as written, NULL when absent or dropped */
	cen_date dob_date;    /* parsed dob; year 0 when none */
	const char *country;  /* as written, NULL when absent */
	cen_entity_kind kind; /* CEN_KIND_UNKNOWN when absent or dropped */
	uint64_t line;        /* 1-based line the record starts on */
} cen_customer;

typedef struct cen_customers cen_customers;

/* Opens path ("-": stdin). diag (may be NULL) receives every rejected record
 * and warning; it is borrowed for the reader's life. On failure *out may
 * still be set so cen_customers_errmsg can say why; free it either way. */
int cen_customers_open(cen_customers **out, const char *path,
		       const cen_customers_opts *opts, cen_diag *diag);

/* The same over bytes in memory (borrowed for the reader's life); name
 * (may be NULL) is used in messages. */
int cen_customers_open_mem(cen_customers **out, const char *data, size_t len,
			   const char *name, const cen_customers_opts *opts, cen_diag *diag);

/* 1: a record is in *rec; 0: end of input; CEN_EPARSE, CEN_ELIMIT or
 * CEN_EENCODING: this record was rejected (reported to diag; raw bytes in
 * cen_customers_raw) and the next call goes on; CEN_EIO or CEN_ENOMEM: stop. */
int cen_customers_next(cen_customers *r, cen_customer *rec);

/* The raw bytes of the last record, accepted or rejected (borrowed until the
 * next call), without its line end. */
cen_slice cen_customers_raw(const cen_customers *r);
/* The format in use (known once open succeeded). */
cen_customers_format cen_customers_format_of(const cen_customers *r);
/* The CSV header line, for a rejects file; "" for JSON lines. Borrowed. */
const char *cen_customers_header(const cen_customers *r);
/* Last error or rejection message (names file, line and field). */
const char *cen_customers_errmsg(const cen_customers *r);
/* Bytes consumed so far and the input size (0 if unknown), for progress. */
uint64_t cen_customers_offset(const cen_customers *r);
uint64_t cen_customers_size(const cen_customers *r);
void cen_customers_free(cen_customers *r);

/* Parses a date of birth as customers files write it: YYYY, YYYY-MM,
 * YYYY-MM-DD, YYYYMMDD, YYYY/MM/DD, or D/M/YYYY and M/D/YYYY (also with '-'
 * or '.'): day and month are kept only when unambiguous (one of them > 12,
 * or both equal); otherwise only the year is kept. Years 1800..2200.
 * Returns 0 and fills *d, or CEN_EPARSE. */
int cen_customer_parse_dob(const char *s, size_t len, cen_date *d);

/* person/individual/natural -> PERSON; org/organization/company/entity/
 * business/legal -> ORG; vessel; aircraft. CEN_KIND_UNKNOWN when unknown. */
cen_entity_kind cen_customer_parse_kind(const char *s, size_t len);

#endif
