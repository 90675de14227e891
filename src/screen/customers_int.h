/* customers_int.h - the customer reader's state, shared by customers.c (CSV
 * and detection) and customers_json.c (JSON lines). Private to src/screen. */
#ifndef CEN_SCREEN_CUSTOMERS_INT_H
#define CEN_SCREEN_CUSTOMERS_INT_H

#include <stdint.h>

#include "centinela/customers.h"
#include "centinela/io.h"

enum { CUST_ID, CUST_NAME, CUST_DOB, CUST_COUNTRY, CUST_KIND, CUST_NCOLS };

struct cen_customers {
	cen_csv *csv;
	cen_customers_format fmt;
	cen_customers_opts o;
	cen_diag *diag;   /* borrowed, may be NULL */
	char *name;       /* file name for messages */
	char *header;     /* raw CSV header line */
	long col[CUST_NCOLS]; /* CSV column of each used field, -1 absent */
	size_t ncols;     /* CSV header width */
	cen_buf rec;      /* the current record's used fields, NUL-separated */
	size_t off[CUST_NCOLS]; /* offsets into rec, SIZE_MAX absent */
	cen_slice raw;
	uint64_t line;
	int pending;      /* JSON lines: the first record was read by open */
	int at_end;
	int last_status;
	char err[512];
};

/* Rejects the current record: message into err, diag severity 2. */
void cen__cust_reject(cen_customers *r, int status, const char *field, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
void cen__cust_warn(cen_customers *r, const char *field, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Validates (UTF-8, NUL, cap, required non-empty) and stores one used
 * field; rejects the record and returns its status on failure. */
int cen__cust_take(cen_customers *r, int col, const char *p, size_t len);
/* Parses one JSON line into the record's fields. */
int cen__cust_json(cen_customers *r, const char *line, size_t len);

#endif
