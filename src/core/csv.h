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
} cen__csv_rec;

/* cen_csv_next, and in *rec what cen_csv_line, cen_csv_raw and
 * cen__csv_plain would then say (one call per record on hot paths). */
int cen__csv_next_rec(cen_csv *c, cen_slice **fields, size_t *nfields, cen__csv_rec *rec);

/* Which instructions the bitmap scan uses: AVX2 when avx2 is non-zero and
 * the CPU has it (the default), else SSE2. Returns 1 when AVX2 is now in
 * use. For tests, which compare both scans with the bytewise one. */
int cen__csv_set_simd(cen_csv *c, int avx2);

#endif
