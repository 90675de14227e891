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

/* The records the bitmap scan split after the one cen__csv_next_run
 * returned: each is one line, they follow it in the input, and all of
 * them (with it) have been consumed, so cen_csv_line, cen_csv_raw and
 * cen_csv_offset tell of the last of them. Valid, like their fields,
 * until the next call on the reader. */
/* Longer runs save a little more per record, but a caller doing much work
 * per record (the monitor) then finds their fields and text out of the
 * first-level cache. 4 once gave the fewest cycles on a 500 k run (16: 11 M
 * fewer instructions, 2.6 M more D1 misses); after the eighth round's
 * leaner split, 8 against 4 on the 5 M benchmark: 0.6% fewer instructions
 * (profile-guided), 1.15 M more D1 misses per million records, and CPU
 * time medians 0.956, 0.966 and 0.952 in three sets of 16 paired runs. */
#define CEN__CSV_RUN 8
typedef struct cen__csv_run {
	size_t n;           /* records after the one returned, 0..CEN__CSV_RUN */
	uint64_t line;      /* line of rec[1]; rec[i] is on line + i - 1 */
	cen_slice *fields;  /* rec[1]'s fields, then rec[2]'s, ... */
	/* NULL, or (cen__csv_next_ends) rec[0]'s field ends, then rec[1]'s,
	 * ...: a record's field k is the bytes from ends[k - 1] (raw.ptr for
	 * field 0) up to the one before ends[k] (its separator; for the last
	 * field ends[k] - 1 is the record's end, raw.ptr + raw.len). fields
	 * is then not set. */
	const char *const *ends;
	/* rec[0] is the record returned; rec[1..n] those after it. */
	struct cen__csv_run_rec {
		cen_slice raw;
		size_t nfields;
		int tidy;   /* cen__csv_rec.tidy (plain is 1) */
	} rec[CEN__CSV_RUN + 1];
} cen__csv_run;

/* cen__csv_next_rec, and in *more the records the bitmap scan split after
 * that one in the same pass (none when it did not split that one): one
 * call for several records. The caller takes more's records before it
 * calls again. */
int cen__csv_next_run(cen_csv *c, cen_slice **fields, size_t *nfields, cen__csv_rec *rec,
		      cen__csv_run *more);

/* cen__csv_next_run, the bitmap scan's records all as field ends: when
 * it splits the next record, returns 1 with *fields NULL and the record
 * and those after it in more (more->ends not NULL; rec[0] is the one of
 * *rec). Else as cen__csv_next_run, more->ends NULL. A field end costs
 * the scan one store, where a slice is two and their arithmetic: for a
 * caller that takes fields where they lie. */
int cen__csv_next_ends(cen_csv *c, cen_slice **fields, size_t *nfields, cen__csv_rec *rec,
		       cen__csv_run *more);

/* The nf fields of a record of cen__csv_next_ends starting at rs, with
 * ends e, as slices in the reader's fields[] (valid until the next call
 * on the reader, which then holds no other record's fields). */
cen_slice *cen__csv_ends_fields(cen_csv *c, const char *rs, const char *const *e, size_t nf);

/* How many bytes of p[0..n) are ch (64 at a time with SSE2): a file's
 * lines counted in one pass, not a call per line. */
size_t cen__count_byte(const char *p, size_t n, char ch);

/* Which scan splits the records that follow: level 0 the byte-by-byte one
 * only (as opts.bytewise), 1 the bitmap scan with SSE2, 2 with AVX2 and
 * BMI1 when the CPU has them, else SSE2, 3 (the default) also with
 * AVX-512 (F, BW, VBMI2) for cen__csv_next_ends's field ends when the CPU
 * has it, else as 2. Returns the level now in use (0 also when the options rule the bitmap scan out, or
 * without SSE2). For tests, which compare the scans. */
int cen__csv_set_simd(cen_csv *c, int level);
/* 1 when the input is a mapped file (cen_csv_opts.map took effect). */
int cen__csv_mapped(const cen_csv *c);
/* cen_csv_opts.window when it took effect (a file or stdin read in
 * window mode), else 0. */
unsigned cen__csv_window(const cen_csv *c);
/* Window mode counted in the caller's ticks instead of calls: a record
 * of a call made while *tick was t stays where it is, unchanged, through
 * the calls made while *tick <= t + window. The caller advances *tick,
 * never back (e.g. once per record it hands on), and of several calls at
 * one tick holds records of the last only. tick is borrowed for the
 * reader's life. Before the first call. */
void cen__csv_window_clock(cen_csv *c, const uint64_t *tick);
/* For tests, in window mode: the buffers after the current one of buf
 * bytes, read chunk bytes at a time (at least 2; 256 KiB and 64 KiB
 * otherwise). Before the first read the current one too, if larger. */
void cen__csv_window_sizes(cen_csv *c, size_t buf, size_t chunk);


#endif
