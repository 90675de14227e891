/* io.h - byte buffers, JSON output and a CSV reader shared by every module
 * and by the command.
 *
 * cen_buf is a growable byte buffer, always NUL-terminated after len bytes,
 * with a size cap (0: unlimited) so nothing read from outside grows without
 * bound. Appending past the cap fails with CEN_ELIMIT and leaves the buffer
 * unchanged.
 *
 * cen_csv reads RFC 4180 CSV (quoted fields, "" escapes, CRLF or LF, newlines
 * inside quotes) from a file, stdin ("-") or memory, one record at a time,
 * without a malloc per record. A malformed record is reported (line, field,
 * reason in cen_csv_errmsg) and skipped; the next call goes on with the next
 * record, so a caller can report every bad row and lose nothing.
 */
#ifndef CENTINELA_IO_H
#define CENTINELA_IO_H

#include <stdarg.h>
#include <stdio.h>

#include "centinela/core.h"

typedef struct cen_buf {
	char *data; /* owned; NUL at data[len] once anything was appended */
	size_t len;
	size_t cap;
	size_t max; /* 0: no cap */
} cen_buf;

void cen_buf_init(cen_buf *b, size_t max);
void cen_buf_release(cen_buf *b);
void cen_buf_reset(cen_buf *b); /* len = 0, keeps storage */
int cen_buf_reserve(cen_buf *b, size_t extra);
int cen_buf_append(cen_buf *b, const void *data, size_t len);
int cen_buf_puts(cen_buf *b, const char *s);
int cen_buf_putc(cen_buf *b, char c);
int cen_buf_printf(cen_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
int cen_buf_vprintf(cen_buf *b, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));
/* Returns the string ("" when empty); the caller now owns it (cen_free) and
 * the buffer is empty again. NULL only on out of memory. */
char *cen_buf_detach(cen_buf *b);
/* The contents as a C string, borrowed; "" when empty. */
const char *cen_buf_str(const cen_buf *b);

/* JSON writing into a cen_buf. Strings are escaped per RFC 8259; invalid
 * UTF-8 bytes are written as U+FFFD so the output is always valid JSON. */
int cen_json_str(cen_buf *b, const char *s, size_t len);
int cen_json_cstr(cen_buf *b, const char *s); /* NULL writes null */
int cen_json_key(cen_buf *b, const char *key); /* writes "key": */
int cen_json_double(cen_buf *b, double v);      /* NaN/inf written as null */

/* CSV reader. */
typedef struct cen_csv cen_csv;

typedef struct cen_csv_opts {
	char sep;            /* default ',' */
	size_t max_field;    /* default 65536 bytes */
	size_t max_fields;   /* default 4096 */
	size_t max_record;   /* default 1 MiB: a record whose line end is not
				within max_record + 1 bytes of its start (a
				'\r' before it counts) is rejected, however
				the input is buffered */
	int whole_lines;     /* 1: each physical line is one record of one field,
				no quoting, no separator (JSON lines) */
	int bytewise;        /* 1: never the 64-byte bitmap scan; the byte-by-byte
				one gives the same records (tests compare them) */
	int map;             /* 1: a regular file is mapped into memory, not read
				(no copy through a buffer). The caller accepts a
				SIGBUS if the file shrinks while it is read. */
	unsigned window;     /* > 0 (a file or stdin, not memory; before map):
				read in chunks into buffers whose bytes never
				move, so a record's raw text and unquoted fields
				stay where they are, unchanged, through the next
				`window` calls. */
} cen_csv_opts;

/* path "-" reads stdin. On CEN_EIO *out is still set (cen_csv_errmsg names
 * the file and the reason) and the caller frees it; on CEN_ENOMEM *out is
 * NULL. cen_csv_free accepts NULL. */
int cen_csv_open_file(cen_csv **out, const char *path, const cen_csv_opts *opts);
/* Reads from memory; data is borrowed for the reader's life. */
int cen_csv_open_mem(cen_csv **out, const char *data, size_t len,
		     const char *name, const cen_csv_opts *opts);
/* 1: a record is in *fields (borrowed until the next call); 0: end of input;
 * CEN_EPARSE or CEN_ELIMIT: this record is malformed and was skipped (see
 * cen_csv_errmsg); CEN_EIO: reading failed, stop. A blank line is a record of
 * one empty field. */
int cen_csv_next(cen_csv *c, cen_slice **fields, size_t *nfields);
/* The first byte that is not a space, tab or line end among the bytes
 * buffered but not yet consumed (reading more if none are), without
 * consuming anything: lets a caller decide the format of any input, stdin
 * included, before the first record is split. A byte-order mark is already
 * skipped. Returns the byte (1..255), 0 if none is buffered, or CEN_EIO /
 * CEN_ENOMEM. */
int cen_csv_peek_first(cen_csv *c);
/* Switches whole-line mode (see cen_csv_opts) for the records that follow. */
void cen_csv_set_whole_lines(cen_csv *c, int on);
/* 1-based line on which the last record (or error) started. */
uint64_t cen_csv_line(const cen_csv *c);
/* The raw bytes of the last record or skipped malformed record, without its
 * line end (borrowed until the next call); for rejects files. Of a
 * malformed record, its first physical line, cut to max_record bytes. */
cen_slice cen_csv_raw(const cen_csv *c);
const char *cen_csv_errmsg(const cen_csv *c);
const char *cen_csv_name(const cen_csv *c);
/* Bytes consumed so far and the input size (0 if unknown), for progress. */
uint64_t cen_csv_offset(const cen_csv *c);
uint64_t cen_csv_size(const cen_csv *c);
void cen_csv_free(cen_csv *c);

/* Reads a whole file (path "-": stdin) into a NUL-terminated buffer of at
 * most max bytes. The caller frees *data with cen_free. errbuf receives a
 * message naming the file on failure. */
int cen_read_file(const char *path, size_t max, char **data, size_t *len,
		  char *errbuf, size_t errlen);

#endif
