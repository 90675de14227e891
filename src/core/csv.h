/* csv.h - what cen_csv tells its callers in the library beyond io.h
 * (internal-shared).
 */
#ifndef CEN_CORE_CSV_H
#define CEN_CORE_CSV_H

#include "centinela/io.h"

/* 1 when the last record returned by cen_csv_next was split by the bitmap
 * scan: it then holds no NUL byte and no '"' (its raw bytes and fields are
 * the same as in any other record). 0 otherwise, which says nothing about
 * NULs: look at the raw bytes. */
int cen__csv_plain(const cen_csv *c);

/* What cen__csv_next_rec tells of the record it returned (or skipped). */
typedef struct cen__csv_rec {
	uint64_t line;  /* cen_csv_line */
	cen_slice raw;  /* cen_csv_raw */
	int plain;      /* cen__csv_plain */
	/* 1 only for a plain record whose fields are all ASCII and none of
	 * which starts or ends with a byte <= ' ' (none has blanks to trim);
	 * 0 says nothing. */
	int tidy;
} cen__csv_rec;

/* cen_csv_next, and in *rec what cen_csv_line, cen_csv_raw and
 * cen__csv_plain would then say (one call per record on hot paths). */
int cen__csv_next_rec(cen_csv *c, cen_slice **fields, size_t *nfields, cen__csv_rec *rec);

/* Which scan splits the records that follow: level 0 the byte-by-byte one
 * only (as opts.bytewise), 1 the bitmap scan with SSE2, 2 with AVX2 and
 * BMI1 when the CPU has them (the default), else SSE2. Returns the level
 * now in use (0 also when the options rule the bitmap scan out, or
 * without SSE2). For tests, which compare the scans. */
int cen__csv_set_simd(cen_csv *c, int level);
/* 1 when the input is a mapped file (cen_csv_opts.map took effect). */
int cen__csv_mapped(const cen_csv *c);


#endif
