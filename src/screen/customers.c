/* customers.c - the customer file reader: format detection, the CSV header,
 * and turning each record's used fields into a cen_customer.
 *
 * Both formats are read through the core CSV reader: a JSON line is taken as
 * the raw bytes of one CSV record (valid JSON has no raw newline inside a
 * string, so a JSON line is always one record), which gives one streaming
 * reader, one set of caps and one notion of line numbers. The first
 * non-blank record decides the format: '{' means JSON lines, anything else
 * is a CSV header.
 *
 * Invariants: every call of cen_customers_next either returns a record, or
 * reports exactly one rejection to the diag (severity 2) and returns its
 * status, or ends (0 / fatal error). Returned strings live in r->rec and are
 * only pointed at after the record is complete (the buffer may move while
 * growing).
 */
#include "centinela/customers.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "centinela/io.h"
#include "core/utf8.h"
#include "screen/customers_int.h"

#include "core/banned.h"

static const char *const col_names[CUST_NCOLS] = {"id", "name", "dob", "country", "kind"};

void cen__cust_reject(cen_customers *r, int status, const char *field, const char *fmt, ...)
{
	char msg[400];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (field)
		snprintf(r->err, sizeof r->err, "%s:%llu: field '%s': %s", r->name,
			 (unsigned long long)r->line, field, msg);
	else
		snprintf(r->err, sizeof r->err, "%s:%llu: %s", r->name,
			 (unsigned long long)r->line, msg);
	cen_diag_report(r->diag, 2, r->name, r->line, field, "%s", msg);
	r->last_status = status;
}

void cen__cust_warn(cen_customers *r, const char *field, const char *fmt, ...)
{
	char msg[400];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	cen_diag_report(r->diag, 1, r->name, r->line, field, "%s", msg);
}

static void trim(const char **p, size_t *len)
{
	while (*len && isspace((unsigned char)(*p)[*len - 1]))
		(*len)--;
	while (*len && isspace((unsigned char)**p)) {
		(*p)++;
		(*len)--;
	}
}

int cen__cust_take(cen_customers *r, int col, const char *p, size_t len)
{
	const char *field = col_names[col];
	size_t cap = col == CUST_ID ? r->o.max_id : col == CUST_NAME ? r->o.max_name
								  : r->o.max_field;
	trim(&p, &len);
	if (memchr(p, '\0', len)) {
		cen__cust_reject(r, CEN_EENCODING, field, "contains a NUL byte");
		return CEN_EENCODING;
	}
	size_t bad = cen__utf8_validate(p, len);
	if (bad != len) {
		cen__cust_reject(r, CEN_EENCODING, field, "invalid UTF-8 at byte %zu", bad + 1);
		return CEN_EENCODING;
	}
	if (len > cap) {
		cen__cust_reject(r, CEN_ELIMIT, field, "%zu bytes, longer than the cap of %zu",
				 len, cap);
		return CEN_ELIMIT;
	}
	if (len == 0 && (col == CUST_ID || col == CUST_NAME)) {
		cen__cust_reject(r, CEN_EPARSE, field, "empty");
		return CEN_EPARSE;
	}
	if (len == 0)
		return 0;
	r->off[col] = r->rec.len;
	int rc = cen_buf_append(&r->rec, p, len);
	if (!rc)
		rc = cen_buf_putc(&r->rec, '\0');
	if (rc) {
		r->off[col] = SIZE_MAX;
		cen__cust_reject(r, rc, field, "%s", cen_strerror(rc));
	}
	return rc;
}

/* Fills rec from the taken fields; warnings for doubtful optional values. */
static void finish(cen_customers *r, cen_customer *rec)
{
	memset(rec, 0, sizeof *rec);
	rec->line = r->line;
	const char *base = r->rec.data;
	rec->id = base + r->off[CUST_ID];
	rec->name = base + r->off[CUST_NAME];
	if (r->off[CUST_DOB] != SIZE_MAX) {
		const char *d = base + r->off[CUST_DOB];
		if (cen_customer_parse_dob(d, strlen(d), &rec->dob_date))
			cen__cust_warn(r, "dob", "'%.40s' is not a date (YYYY, YYYY-MM, YYYY-MM-DD, "
				       "D/M/YYYY); screened without it", d);
		else
			rec->dob = d;
	}
	if (r->off[CUST_COUNTRY] != SIZE_MAX)
		rec->country = base + r->off[CUST_COUNTRY];
	if (r->off[CUST_KIND] != SIZE_MAX) {
		const char *k = base + r->off[CUST_KIND];
		rec->kind = cen_customer_parse_kind(k, strlen(k));
		if (rec->kind == CEN_KIND_UNKNOWN)
			cen__cust_warn(r, "kind", "'%.40s' is not person|org|vessel|aircraft; "
				       "screened as unknown", k);
	}
}

static void reset_record(cen_customers *r)
{
	cen_buf_reset(&r->rec);
	for (int i = 0; i < CUST_NCOLS; i++)
		r->off[i] = SIZE_MAX;
}

static int csv_record(cen_customers *r, cen_slice *f, size_t nf)
{
	if (nf != r->ncols) {
		const char *field = NULL;
		if (nf < r->ncols)
			for (int c = 0; c < CUST_NCOLS && !field; c++)
				if (r->col[c] >= (long)nf)
					field = col_names[c];
		cen__cust_reject(r, CEN_EPARSE, field,
				 "%zu fields where the header has %zu (an unquoted comma?)", nf,
				 r->ncols);
		return CEN_EPARSE;
	}
	for (int c = 0; c < CUST_NCOLS; c++) {
		if (r->col[c] < 0)
			continue;
		cen_slice s = f[r->col[c]];
		int rc = cen__cust_take(r, c, s.ptr, s.len);
		if (rc)
			return rc;
	}
	return 0;
}

static int is_blank(cen_slice *f, size_t nf)
{
	return nf == 1 && f[0].len == 0;
}

static int read_header(cen_customers *r, cen_slice *f, size_t nf)
{
	r->ncols = nf;
	for (int c = 0; c < CUST_NCOLS; c++)
		r->col[c] = -1;
	for (size_t i = 0; i < nf; i++) {
		const char *p = f[i].ptr;
		size_t len = f[i].len;
		trim(&p, &len);
		for (int c = 0; c < CUST_NCOLS; c++) {
			if (len != strlen(col_names[c]) || r->col[c] >= 0)
				continue;
			size_t k = 0;
			while (k < len && tolower((unsigned char)p[k]) == col_names[c][k])
				k++;
			if (k == len)
				r->col[c] = (long)i;
		}
	}
	for (int c = 0; c < 2; c++) {
		if (r->col[c] < 0) {
			snprintf(r->err, sizeof r->err,
				 "%s:%llu: header has no '%s' column (needs id,name; optional "
				 "dob,country,kind)", r->name, (unsigned long long)r->line,
				 col_names[c]);
			cen_diag_report(r->diag, 2, r->name, r->line, col_names[c],
					"header has no '%s' column", col_names[c]);
			return CEN_EPARSE;
		}
	}
	cen_slice raw = cen_csv_raw(r->csv);
	r->header = cen_strndup(raw.ptr, raw.len);
	return r->header ? 0 : CEN_ENOMEM;
}

/* The first byte that is not white space, or 0. */
static char first_nonspace(cen_slice raw)
{
	for (size_t i = 0; i < raw.len; i++)
		if (!isspace((unsigned char)raw.ptr[i]))
			return raw.ptr[i];
	return 0;
}

static int all_space(cen_slice raw)
{
	return first_nonspace(raw) == 0;
}

/* Allocates the reader with its options; the CSV reader is opened by the
 * caller. */
static int reader_new(cen_customers **out, const char *name,
		      const cen_customers_opts *opts, cen_diag *diag)
{
	*out = NULL;
	cen_customers *r = cen_calloc(1, sizeof *r);
	if (!r)
		return CEN_ENOMEM;
	*out = r;
	r->diag = diag;
	if (opts)
		r->o = *opts;
	if (!r->o.max_id)
		r->o.max_id = 256;
	if (!r->o.max_name)
		r->o.max_name = 1024;
	if (!r->o.max_field)
		r->o.max_field = 256;
	if (!r->o.max_record)
		r->o.max_record = 64 * 1024;
	cen_buf_init(&r->rec, r->o.max_record * 2 + 64);
	reset_record(r);
	r->name = cen_strdup(name);
	return r->name ? 0 : CEN_ENOMEM;
}

static cen_csv_opts csv_opts(const cen_customers *r)
{
	cen_csv_opts co = {.max_field = r->o.max_record, .max_record = r->o.max_record,
			   .max_fields = 1024};
	return co;
}

/* Reads the first non-blank record, which decides the format. */
static int start(cen_customers *r)
{
	cen_slice *f;
	size_t nf;
	/* JSON lines are read a whole line at a time (a string holding a quote
	 * must not make the CSV scanner join lines), so decide the format from
	 * the first bytes before the first record is split. */
	int rc = cen_csv_peek_first(r->csv);
	if (rc < 0) {
		snprintf(r->err, sizeof r->err, "%s", cen_csv_errmsg(r->csv));
		return rc;
	}
	if (r->o.format == CEN_CUSTOMERS_JSONL || (!r->o.format && rc == '{'))
		cen_csv_set_whole_lines(r->csv, 1);
	for (;;) {
		rc = cen_csv_next(r->csv, &f, &nf);
		r->line = cen_csv_line(r->csv);
		if (rc == 0) {
			r->fmt = r->o.format ? r->o.format : CEN_CUSTOMERS_CSV;
			r->at_end = 1;
			return 0;
		}
		if (rc < 0) {
			snprintf(r->err, sizeof r->err, "%s", cen_csv_errmsg(r->csv));
			if (rc == CEN_EPARSE || rc == CEN_ELIMIT)
				cen_diag_report(r->diag, 2, r->name, r->line, NULL,
						"cannot read the first record: %s",
						cen_csv_errmsg(r->csv));
			return rc;
		}
		if (!is_blank(f, nf))
			break;
	}
	r->raw = cen_csv_raw(r->csv);
	r->fmt = r->o.format;
	if (!r->fmt)
		r->fmt = first_nonspace(r->raw) == '{' ? CEN_CUSTOMERS_JSONL : CEN_CUSTOMERS_CSV;
	if (r->fmt == CEN_CUSTOMERS_JSONL) {
		r->pending = 1; /* the first line is a record */
		return 0;
	}
	return read_header(r, f, nf);
}

int cen_customers_open(cen_customers **out, const char *path,
		       const cen_customers_opts *opts, cen_diag *diag)
{
	int rc = reader_new(out, strcmp(path, "-") ? path : "<stdin>", opts, diag);
	if (rc)
		return rc;
	cen_customers *r = *out;
	cen_csv_opts co = csv_opts(r);
	rc = cen_csv_open_file(&r->csv, path, &co);
	if (rc) {
		snprintf(r->err, sizeof r->err, "%s",
			 r->csv ? cen_csv_errmsg(r->csv) : cen_strerror(rc));
		cen_csv_free(r->csv);
		r->csv = NULL;
		return rc;
	}
	return start(r);
}

int cen_customers_open_mem(cen_customers **out, const char *data, size_t len,
			   const char *name, const cen_customers_opts *opts, cen_diag *diag)
{
	int rc = reader_new(out, name ? name : "<memory>", opts, diag);
	if (rc)
		return rc;
	cen_customers *r = *out;
	cen_csv_opts co = csv_opts(r);
	rc = cen_csv_open_mem(&r->csv, data, len, r->name, &co);
	if (rc)
		return rc;
	return start(r);
}

int cen_customers_next(cen_customers *r, cen_customer *rec)
{
	memset(rec, 0, sizeof *rec);
	if (!r->csv || r->at_end)
		return 0;
	for (;;) {
		cen_slice *f = NULL;
		size_t nf = 0;
		int rc;
		if (r->pending) {
			r->pending = 0;
		} else {
			rc = cen_csv_next(r->csv, &f, &nf);
			r->line = cen_csv_line(r->csv);
			r->raw = cen_csv_raw(r->csv);
			if (rc == 0) {
				r->at_end = 1;
				return 0;
			}
			if (rc == CEN_EPARSE || rc == CEN_ELIMIT) {
				/* The CSV reader's message already names file and line. */
				snprintf(r->err, sizeof r->err, "%s", cen_csv_errmsg(r->csv));
				const char *m = cen_csv_errmsg(r->csv);
				const char *colon = strstr(m, ": ");
				cen_diag_report(r->diag, 2, r->name, r->line, NULL, "%s",
						colon ? colon + 2 : m);
				return rc;
			}
			if (rc < 0) {
				snprintf(r->err, sizeof r->err, "%s", cen_csv_errmsg(r->csv));
				return rc;
			}
			if (r->fmt == CEN_CUSTOMERS_CSV ? is_blank(f, nf) : all_space(r->raw))
				continue;
		}
		reset_record(r);
		r->err[0] = '\0';
		rc = r->fmt == CEN_CUSTOMERS_JSONL ? cen__cust_json(r, r->raw.ptr, r->raw.len)
						   : csv_record(r, f, nf);
		if (rc)
			return rc;
		finish(r, rec);
		return 1;
	}
}

cen_slice cen_customers_raw(const cen_customers *r)
{
	return r->raw;
}

cen_customers_format cen_customers_format_of(const cen_customers *r)
{
	return r->fmt;
}

const char *cen_customers_header(const cen_customers *r)
{
	return r->header ? r->header : "";
}

const char *cen_customers_errmsg(const cen_customers *r)
{
	return r ? r->err : "out of memory";
}

uint64_t cen_customers_offset(const cen_customers *r)
{
	return r->csv ? cen_csv_offset(r->csv) : 0;
}

uint64_t cen_customers_size(const cen_customers *r)
{
	return r->csv ? cen_csv_size(r->csv) : 0;
}

void cen_customers_free(cen_customers *r)
{
	if (!r)
		return;
	cen_csv_free(r->csv);
	cen_buf_release(&r->rec);
	cen_free(r->header);
	cen_free(r->name);
	cen_free(r);
}
