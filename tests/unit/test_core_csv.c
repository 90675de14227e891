/* test_core_csv.c - the CSV reader: quoting, line ends, caps, recovery. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "centinela/io.h"
#include "core/csv.h"

static int eq(cen_slice s, const char *want)
{
	return s.len == strlen(want) && memcmp(s.ptr, want, s.len) == 0;
}

static void test_quotes_and_crlf(void **state)
{
	(void)state;
	const char *in = "a,\"b,c\",\"say \"\"hi\"\"\"\r\n\"multi\nline\",x\n-0- ,\"CUBA\",\n";
	cen_csv *c;
	assert_int_equal(cen_csv_open_mem(&c, in, strlen(in), "t.csv", NULL), 0);
	cen_slice *f;
	size_t n;
	assert_int_equal(cen_csv_next(c, &f, &n), 1);
	assert_int_equal(n, 3);
	assert_true(eq(f[0], "a"));
	assert_true(eq(f[1], "b,c"));
	assert_true(eq(f[2], "say \"hi\""));
	assert_int_equal(cen_csv_line(c), 1);
	assert_int_equal(cen_csv_next(c, &f, &n), 1);
	assert_int_equal(n, 2);
	assert_true(eq(f[0], "multi\nline"));
	assert_true(eq(f[1], "x"));
	assert_int_equal(cen_csv_line(c), 2);
	assert_int_equal(cen_csv_next(c, &f, &n), 1);
	assert_int_equal(cen_csv_line(c), 4);
	assert_int_equal(n, 3);
	assert_true(eq(f[0], "-0- "));
	assert_true(eq(f[1], "CUBA"));
	assert_true(eq(f[2], ""));
	assert_true(eq(cen_csv_raw(c), "-0- ,\"CUBA\","));
	assert_int_equal(cen_csv_next(c, &f, &n), 0);
	cen_csv_free(c);
}

static void test_unterminated_quote_recovers(void **state)
{
	(void)state;
	const char *in = "1,ok\n2,\"broken\n3,fine";
	cen_csv *c;
	assert_int_equal(cen_csv_open_mem(&c, in, strlen(in), "bad.csv", NULL), 0);
	cen_slice *f;
	size_t n;
	assert_int_equal(cen_csv_next(c, &f, &n), 1);
	assert_int_equal(cen_csv_next(c, &f, &n), CEN_EPARSE);
	assert_int_equal(cen_csv_line(c), 2);
	assert_non_null(strstr(cen_csv_errmsg(c), "bad.csv:2"));
	assert_true(eq(cen_csv_raw(c), "2,\"broken"));
	assert_int_equal(cen_csv_next(c, &f, &n), 1);
	assert_true(eq(f[0], "3"));
	assert_true(eq(f[1], "fine"));
	assert_int_equal(cen_csv_line(c), 3);
	assert_int_equal(cen_csv_next(c, &f, &n), 0);
	cen_csv_free(c);
}

static void test_caps(void **state)
{
	(void)state;
	cen_csv_opts o = {.max_field = 4, .max_fields = 3};
	const char *in = "abcdef,x\na,b,c,d\nok,1\n";
	cen_csv *c;
	assert_int_equal(cen_csv_open_mem(&c, in, strlen(in), "cap.csv", &o), 0);
	cen_slice *f;
	size_t n;
	assert_int_equal(cen_csv_next(c, &f, &n), CEN_ELIMIT);
	assert_non_null(strstr(cen_csv_errmsg(c), "field 1"));
	assert_int_equal(cen_csv_next(c, &f, &n), CEN_ELIMIT);
	assert_int_equal(cen_csv_line(c), 2);
	assert_int_equal(cen_csv_next(c, &f, &n), 1);
	assert_true(eq(f[0], "ok"));
	assert_int_equal(cen_csv_next(c, &f, &n), 0);
	cen_csv_free(c);
}

/* Records crossing the reader's internal chunk boundary come out whole. */
static void test_file_larger_than_chunk(void **state)
{
	(void)state;
	char path[] = "/tmp/cen_csv_XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	FILE *fp = fdopen(fd, "w");
	const int rows = 40000;
	for (int i = 0; i < rows; i++)
		fprintf(fp, "%d,\"name %d, with comma\",%d.%02d\n", i, i, i * 3, i % 100);
	fclose(fp);
	cen_csv *c;
	assert_int_equal(cen_csv_open_file(&c, path, NULL), 0);
	cen_slice *f;
	size_t n;
	int i = 0, rc;
	char want[64];
	while ((rc = cen_csv_next(c, &f, &n)) == 1) {
		assert_int_equal(n, 3);
		snprintf(want, sizeof want, "name %d, with comma", i);
		assert_true(eq(f[1], want));
		assert_int_equal(cen_csv_line(c), (uint64_t)i + 1);
		i++;
	}
	assert_int_equal(rc, 0);
	assert_int_equal(i, rows);
	cen_csv_free(c);
	unlink(path);
}

/* Random bytes shaped like CSV (separators, quotes, CR, LF, NUL, long
 * runs) give the same records, fields, raw text, line numbers and errors
 * with the 64-byte bitmap scan (one record a call, or in runs) as with the
 * byte-by-byte one, under default and small caps, from memory and from a
 * file read in chunks. */
static uint64_t rnd(uint64_t *s)
{
	*s = *s * 6364136223846793005ULL + 1442695040888963407ULL;
	return *s >> 33;
}

static size_t random_csv(uint64_t *s, char *p, size_t cap, int wide)
{
	static const char alpha[] = "ab1.,,,,;\"\n\n\r  \0\xc3";
	/* sparse: records of tens to hundreds of bytes, so most go through the
	 * bitmap scan, a few with a quote or a NUL anywhere in them. */
	static const char sparse[] = "abcdefgh12345678.,,,,,;  \t\xc3\xa9";
	size_t n = 0;
	while (n < cap) {
		uint64_t r = rnd(s);
		if (wide == 2) {
			if (r % 97 == 0)
				p[n++] = '\n';
			else if (r % 1499 == 0)
				p[n++] = r % 2 ? '"' : '\0';
			else if (r % 401 == 0)
				p[n++] = '\r';
			else
				p[n++] = sparse[r % (sizeof sparse - 1)];
		} else if (wide && r % 400) { /* records of hundreds of fields */
			p[n++] = r % 3 ? ',' : 'a';
		} else if (r % 50 == 0) { /* a long plain run */
			size_t k = 1 + rnd(s) % 300;
			while (k-- && n < cap)
				p[n++] = 'x';
		} else {
			p[n++] = alpha[r % (sizeof alpha - 1)];
		}
	}
	return n;
}

/* 1 when every field is ASCII and none starts or ends with a byte <= ' '
 * (what cen__csv_rec.tidy claims), byte by byte. */
static int fields_tidy(const cen_slice *f, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const unsigned char *p = (const unsigned char *)f[i].ptr;
		if (f[i].len && (p[0] <= ' ' || p[f[i].len - 1] <= ' '))
			return 0;
		for (size_t j = 0; j < f[i].len; j++)
			if (p[j] >= 0x80)
				return 0;
	}
	return 1;
}

static size_t tidy_seen;

/* a (any scan) and b (bytewise) give the same records; what
 * cen__csv_next_rec says of a's records agrees with the accessors, a
 * record it calls plain holds no quote and no NUL, and one it calls tidy
 * is plain and tidy (counted in tidy_seen; 0 says nothing). With runs, a
 * is read with cen__csv_next_run, whose records after the one it returns
 * (counted in run_seen) are the next ones, and its accessors tell of the
 * last of them. With runs 2, a is read with cen__csv_next_ends, whose
 * runs are all field ends (counted in ends_seen), made slices with
 * cen__csv_ends_fields. Returns how many records of a were plain. */
static size_t run_seen, ends_seen;

static size_t same_records(cen_csv *a, cen_csv *b, int runs)
{
	size_t plain = 0;
	cen__csv_run more;
	size_t at = 0;
	cen_slice *mf = NULL;
	const char *const *me = NULL;
	more.n = 0;
	more.ends = NULL;
	for (;;) {
		cen_slice *fa, *fb;
		size_t na, nb;
		cen__csv_rec rec;
		int ra;
		if (at < more.n) {
			const struct cen__csv_run_rec *m = &more.rec[++at];
			na = m->nfields;
			if (more.ends) {
				fa = cen__csv_ends_fields(a, m->raw.ptr, me, na);
				me += na;
			} else {
				fa = mf;
				mf += na;
			}
			rec.line = more.line + at - 1;
			rec.raw = m->raw;
			rec.plain = 1;
			rec.tidy = m->tidy;
			ra = 1;
			run_seen++;
		} else if (runs) {
			ra = runs == 2 ? cen__csv_next_ends(a, &fa, &na, &rec, &more)
				       : cen__csv_next_run(a, &fa, &na, &rec, &more);
			at = 0;
			mf = more.fields;
			assert_true(more.n <= CEN__CSV_RUN);
			if (more.n)
				assert_int_equal(more.line, rec.line + 1);
			if (more.ends) {
				assert_int_equal(runs, 2);
				assert_int_equal(ra, 1);
				assert_null(fa);
				me = more.ends;
				fa = cen__csv_ends_fields(a, rec.raw.ptr, me, na);
				me += na;
				ends_seen += more.n + 1;
			}
		} else {
			ra = cen__csv_next_rec(a, &fa, &na, &rec);
		}
		int rb = cen_csv_next(b, &fb, &nb);
		assert_int_equal(ra, rb);
		cen_slice wb = cen_csv_raw(b);
		assert_int_equal(rec.line, cen_csv_line(b));
		assert_int_equal(rec.raw.len, wb.len);
		assert_memory_equal(rec.raw.ptr, wb.ptr, wb.len);
		if (at == more.n) { /* the last record a read */
			cen_slice wa = cen_csv_raw(a);
			assert_int_equal(cen_csv_line(a), cen_csv_line(b));
			assert_string_equal(cen_csv_errmsg(a), cen_csv_errmsg(b));
			assert_true(rec.raw.ptr == wa.ptr && rec.raw.len == wa.len);
			assert_int_equal(rec.plain, cen__csv_plain(a));
		}
		assert_int_equal(cen__csv_plain(b), 0);
		if (rec.plain) {
			assert_int_equal(ra, 1);
			assert_null(memchr(rec.raw.ptr, '\0', rec.raw.len));
			assert_null(memchr(rec.raw.ptr, '"', rec.raw.len));
			plain++;
		}
		if (ra == 0 || ra == CEN_EIO || ra == CEN_ENOMEM)
			return plain;
		if (ra != 1)
			continue;
		assert_int_equal(na, nb);
		for (size_t i = 0; i < na; i++) {
			assert_int_equal(fa[i].len, fb[i].len);
			assert_memory_equal(fa[i].ptr, fb[i].ptr, fa[i].len);
		}
		if (rec.tidy) {
			assert_true(rec.plain);
			assert_true(fields_tidy(fa, na));
			tidy_seen++;
		}
	}
}

static void test_bitmap_scan_matches_bytewise(void **state)
{
	(void)state;
	static char buf[700000];
	uint64_t s = 7;
	size_t plain = 0;
	/* Both bitmap scans (SSE2, and AVX2 where the CPU has it). */
	for (int level = 1; level <= 3; level++) {
		for (int it = 0; it < 400; it++) {
			int wide = it % 7 == 3 ? 1 : it % 4 == 1 ? 2 : 0;
			size_t n = random_csv(&s, buf, 1 + rnd(&s) % 6000, wide);
			cen_csv_opts oa = {0}, ob = {0};
			if (it % 3 == 1 || it % 14 == 10) {
				oa.max_field = 40;
				oa.max_fields = it % 14 == 10 ? 300 : 6;
				oa.max_record = it % 14 == 10 ? 5000 : 300;
			}
			if (it % 5 == 2)
				oa.sep = ';';
			ob = oa;
			ob.bytewise = 1;
			cen_csv *a, *b;
			assert_int_equal(cen_csv_open_mem(&a, buf, n, "r.csv", &oa), 0);
			assert_int_equal(cen_csv_open_mem(&b, buf, n, "r.csv", &ob), 0);
			assert_true(cen__csv_set_simd(a, level) >= 1);
			plain += same_records(a, b, it % 3);
			cen_csv_free(a);
			cen_csv_free(b);
		}
	}
	/* The comparison is not empty: many records took the bitmap scan,
	 * and many were called tidy. */
	assert_true(plain > 10000);
	assert_true(tidy_seen > 2000);
	assert_true(run_seen > 2000);
	assert_true(ends_seen > 2000);
	/* Level 0 is the bytewise scan: nothing plain. */
	size_t n0 = random_csv(&s, buf, 5000, 2);
	cen_csv *a0, *b0;
	cen_csv_opts o0 = {0};
	o0.bytewise = 1;
	assert_int_equal(cen_csv_open_mem(&a0, buf, n0, "r.csv", NULL), 0);
	assert_int_equal(cen_csv_open_mem(&b0, buf, n0, "r.csv", &o0), 0);
	assert_int_equal(cen__csv_set_simd(a0, 0), 0);
	assert_int_equal(same_records(a0, b0, 1), 0);
	cen_csv_free(a0);
	cen_csv_free(b0);
	/* past the read chunk, so records straddle refills */
	for (int wide = 0; wide <= 2; wide += 2) {
		size_t n = random_csv(&s, buf, sizeof buf, wide);
		char path[] = "/tmp/cen_csv_XXXXXX";
		int fd = mkstemp(path);
		assert_true(fd >= 0);
		assert_int_equal(write(fd, buf, n), (ssize_t)n);
		close(fd);
		cen_csv_opts ob = {0};
		ob.bytewise = 1;
		for (int level = 1; level <= 3; level++) {
			cen_csv *a, *b;
			assert_int_equal(cen_csv_open_file(&a, path, NULL), 0);
			assert_int_equal(cen_csv_open_file(&b, path, &ob), 0);
			cen__csv_set_simd(a, level);
			same_records(a, b, level - 1); /* level 3: field ends */
			cen_csv_free(a);
			cen_csv_free(b);
		}
		unlink(path);
	}
}

/* Records holding byte v at a field's start, middle and end, after v % 61
 * bytes of padding (every offset in a block): two records a byte value,
 * for every byte value but the stop bytes and ',' unless stops. Returns
 * the length (buf has room for 96 bytes a byte value). */
static size_t every_byte_csv(char *buf, int stops)
{
	size_t n = 0;
	for (int v = 0; v < 256; v++) {
		if (!stops && (v == '\n' || v == '"' || v == 0 || v == ','))
			continue;
		char c = (char)v;
		memset(buf + n, 'x', (size_t)(v % 61));
		n += (size_t)(v % 61);
		const char row[] = {c, 'a', ',', 'b', c, 'b', ',', 'c', c, ',', c, '\n',
				    'p', ',', c, c, ',', 'q', '\n'};
		memcpy(buf + n, row, sizeof row);
		n += sizeof row;
	}
	return n;
}

/* Every byte value in every place: the bitmap scans give the records of
 * the bytewise one, and take as plain every record whose byte is not a
 * stop byte ('\n', '"', NUL), so no byte is mistaken for one (the AVX2
 * scan finds them by a table lookup on the low nibble). */
static void test_every_byte_matches_bytewise(void **state)
{
	(void)state;
	static char buf[256 * 96];
	cen_csv_opts ob = {0};
	ob.bytewise = 1;
	for (int level = 1; level <= 3; level++) {
		for (int run = 0; run <= 2; run++) {
			size_t n = every_byte_csv(buf, 1);
			cen_csv *a, *b;
			assert_int_equal(cen_csv_open_mem(&a, buf, n, "b.csv", NULL), 0);
			assert_int_equal(cen_csv_open_mem(&b, buf, n, "b.csv", &ob), 0);
			cen__csv_set_simd(a, level);
			same_records(a, b, run);
			cen_csv_free(a);
			cen_csv_free(b);
		}
		/* a last line so that every record tested lies 64 bytes before
		 * the end (the bitmap scan takes none closer) */
		size_t n = every_byte_csv(buf, 0);
		memset(buf + n, 'z', 80);
		n += 80;
		cen_csv *c;
		assert_int_equal(cen_csv_open_mem(&c, buf, n, "b.csv", NULL), 0);
		cen__csv_set_simd(c, level);
		for (int k = 0; k < 2 * (256 - 4); k++) {
			cen_slice *f;
			size_t nf;
			cen__csv_rec rec;
			assert_int_equal(cen__csv_next_rec(c, &f, &nf, &rec), 1);
			assert_int_equal(rec.plain, 1);
		}
		cen_csv_free(c);
	}
}

/* cen__count_byte against a byte-by-byte count: every length up to a few
 * blocks and past the point where its lane counters are summed (63 turns
 * of 64 bytes), at every alignment, dense and sparse, the byte sought a
 * NUL too. */
static void test_count_byte(void **state)
{
	(void)state;
	static char buf[20000];
	uint64_t s = 11;
	for (size_t i = 0; i < sizeof buf; i++) {
		uint64_t r = rnd(&s);
		buf[i] = i >= 12000 ? '\n' : r % 5 == 0 ? '\n' : r % 7 == 0 ? '\0' : (char)(r >> 8);
	}
	static const size_t lens[] = {0, 1, 63, 64, 65, 127, 128, 200, 4031, 4032, 4033, 4095, 4096,
				      8064, 8065, 12345, 19990};
	for (size_t j = 0; j < sizeof lens / sizeof lens[0]; j++) {
		for (size_t off = 0; off < 3; off++) {
			for (int ch = 0; ch < 2; ch++) {
				const char *p = buf + (ch ? off : sizeof buf - lens[j] - off);
				char c = ch ? '\0' : '\n';
				size_t want = 0;
				for (size_t i = 0; i < lens[j]; i++)
					want += p[i] == c;
				assert_int_equal(cen__count_byte(p, lens[j], c), want);
			}
		}
	}
	/* all of 8000 bytes the byte sought: past 255 a lane */
	assert_int_equal(cen__count_byte(buf + 12000, 8000, '\n'), 8000);
}

static void write_file(const char *path, const char *data, size_t n)
{
	FILE *fp = fopen(path, "wb");
	assert_non_null(fp);
	assert_int_equal(fwrite(data, 1, n, fp), n);
	assert_int_equal(fclose(fp), 0);
}

/* An empty temporary file, its name in path ("/tmp/cen_csv_XXXXXX"). */
static void temp_file(char *path)
{
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	close(fd);
}

/* Inputs the file tests share, written to a temporary file (path): kind
 * 0 and 1 random CSV past the read chunk (narrow, wide fields), 2 a short
 * one after a byte order mark (in buf), SAMPLE_LINES plain lines to nearly
 * 9 MiB (in large). */
#define SAMPLE_LINES 9
struct samples {
	char buf[700000];
	char *large;
	size_t big;
	uint64_t s;
	char path[32];
};

static struct samples *samples_new(uint64_t seed)
{
	struct samples *x = calloc(1, sizeof *x);
	assert_non_null(x);
	x->s = seed;
	x->big = 9u << 20;
	x->large = malloc(x->big);
	assert_non_null(x->large);
	memcpy(x->path, "/tmp/cen_csv_XXXXXX", 20);
	temp_file(x->path);
	return x;
}

static void samples_free(struct samples *x)
{
	unlink(x->path);
	free(x->large);
	free(x);
}

/* Sample kind's bytes: returns the length, *data the bytes. */
static size_t sample_csv(struct samples *x, int kind, const char **data)
{
	size_t n = 0;
	*data = x->buf;
	if (kind <= 1) {
		n = random_csv(&x->s, x->buf, sizeof x->buf, kind * 2);
	} else if (kind == 2) {
		n = 3 + random_csv(&x->s, x->buf + 3, 5000, 2);
		memcpy(x->buf, "\xEF\xBB\xBF", 3);
	} else {
		for (int row = 0; n + 64 < x->big; row++)
			n += (size_t)snprintf(x->large + n, 64, "%d,acct%d,%d.%02d\n", row,
					      row % 977, row % 5000, row % 100);
		*data = x->large;
	}
	return n;
}

/* A mapped file gives what reading it gives: records, fields, raw text,
 * lines, errors and offsets. Files: random CSV past the read chunk, one
 * with a byte order mark, one of exactly a page with no final newline (the
 * zero byte after it comes from the reservation), and one past the step in
 * which mapped pages are let go (all but the first read in runs). */
static void test_mapped_file_matches_read(void **state)
{
	(void)state;
	struct samples *x = samples_new(11);
	const char *path = x->path;
	for (int kind = 0; kind < 5; kind++) {
		const char *data = x->buf;
		size_t n;
		if (kind == 3) {
			n = 4096;
			for (size_t i = 0; i < n; i++)
				x->buf[i] = i % 37 == 36 ? '\n' : i % 5 == 4 ? ',' : 'a';
			x->buf[n - 1] = 'z';
		} else {
			n = sample_csv(x, kind == 4 ? SAMPLE_LINES : kind, &data);
		}
		write_file(path, data, n);
		cen_csv_opts om = {0}, ob = {0};
		om.map = 1;
		ob.bytewise = 1;
		cen_csv *a, *b;
		assert_int_equal(cen_csv_open_file(&a, path, &om), 0);
		assert_int_equal(cen_csv_open_file(&b, path, &ob), 0);
		assert_int_equal(cen__csv_mapped(a), 1);
		assert_int_equal(cen__csv_mapped(b), 0);
		/* runs but for the random file; field ends for every other */
		same_records(a, b, kind ? 1 + kind % 2 : 0);
		assert_int_equal(cen_csv_offset(a), cen_csv_offset(b));
		assert_int_equal(cen_csv_offset(a), n);
		cen_csv_free(a);
		cen_csv_free(b);
	}
	/* An empty file is read, not mapped, and has no records. */
	write_file(path, "", 0);
	cen_csv_opts om = {0};
	om.map = 1;
	cen_csv *e;
	cen_slice *f;
	size_t nf;
	assert_int_equal(cen_csv_open_file(&e, path, &om), 0);
	assert_int_equal(cen__csv_mapped(e), 0);
	assert_int_equal(cen_csv_next(e, &f, &nf), 0);
	cen_csv_free(e);
	samples_free(x);
}

/* A file read in window mode gives what reading it in chunks gives:
 * records, fields, raw text, lines, errors and offsets. Files: random CSV
 * past the read chunk, one with a byte order mark, one of lines past
 * several window buffers, one with a record longer than a window buffer
 * and, with a 300 kB record cap, records over it (a line let go while
 * longer than the cap, unterminated quotes) between plain ones. */
static void test_window_matches_read(void **state)
{
	(void)state;
	struct samples *x = samples_new(17);
	const char *path = x->path;
	char *large = x->large;
	for (int kind = 0; kind < 6; kind++) {
		const char *data;
		size_t n = 0, max_record = 0;
		if (kind <= 3) {
			n = sample_csv(x, kind == 3 ? SAMPLE_LINES : kind, &data);
		} else {
			/* kind 4: a 1.5 MB field; kind 5: records over a 300 kB
			 * cap, one quoted across lines, one never closed. */
			size_t longest = kind == 4 ? 1536u << 10 : 400u << 10;
			max_record = kind == 4 ? 0 : 300u << 10;
			for (int part = 0; part < 6; part++) {
				for (int row = 0; row < 20000; row++)
					n += (size_t)snprintf(large + n, 64, "p%d,%d,x\n", part, row);
				if (part == 2)
					large[n++] = '"';
				memset(large + n, part == 3 ? '\n' : 'y', longest / (size_t)(part + 1));
				n += longest / (size_t)(part + 1);
				large[n++] = '\n';
			}
			data = large;
		}
		write_file(path, data, n);
		cen_csv_opts ow = {0}, ob = {0};
		ow.window = 1 + (unsigned)kind;
		ow.max_record = ob.max_record = max_record;
		ow.max_field = ob.max_field = max_record ? max_record : 4u << 20;
		ob.bytewise = 1;
		if (kind == 4)
			ow.max_record = ob.max_record = 4u << 20;
		cen_csv *a, *b;
		assert_int_equal(cen_csv_open_file(&a, path, &ow), 0);
		assert_int_equal(cen_csv_open_file(&b, path, &ob), 0);
		assert_int_equal(cen__csv_window(a), 1 + kind);
		assert_int_equal(cen__csv_window(b), 0);
		if (kind == 1 || kind == 3) /* buffers of a few records */
			cen__csv_window_sizes(a, 700, 256);
		/* runs for the lines and the long fields, field ends else */
		same_records(a, b, kind % 3);
		assert_int_equal(cen_csv_offset(a), cen_csv_offset(b));
		assert_int_equal(cen_csv_offset(a), n);
		cen_csv_free(a);
		cen_csv_free(b);
	}
	/* Memory input has no window. */
	cen_csv_opts ow = {0};
	ow.window = 4;
	cen_csv *m;
	assert_int_equal(cen_csv_open_mem(&m, "a,b\n", 4, "m", &ow), 0);
	assert_int_equal(cen__csv_window(m), 0);
	cen_csv_free(m);
	samples_free(x);
}

/* A record running past what was read is split by the bitmap scan after
 * the reader reads on, not left to the byte scan: in a file read a few
 * hundred bytes at a time (window buffers of 700 bytes, reads of 256),
 * every record but those in the file's last 64 bytes is plain, in single
 * records, runs and field ends; one in about every six was not when the
 * byte scan took the record at each read's end. */
static void test_reads_on_for_the_bitmap_scan(void **state)
{
	(void)state;
	char path[] = "/tmp/cen_csv_XXXXXX";
	temp_file(path);
	static char data[40000];
	size_t n = 0, rows = 0;
	for (; n + 64 < sizeof data; rows++)
		n += (size_t)snprintf(data + n, 64, "%zu,acct%zu,%zu.%02zu,memo\n", rows, rows % 97,
				      rows % 500, rows % 100);
	write_file(path, data, n);
	for (int runs = 0; runs <= 2; runs++) {
		cen_csv_opts o = {0};
		o.window = 4;
		cen_csv *c;
		assert_int_equal(cen_csv_open_file(&c, path, &o), 0);
		cen__csv_window_sizes(c, 700, 256);
		size_t records = 0, not_plain = 0;
		cen__csv_run more;
		for (;;) {
			cen_slice *f;
			size_t nf;
			cen__csv_rec rec;
			int rc = runs == 0   ? cen__csv_next_rec(c, &f, &nf, &rec)
				 : runs == 1 ? cen__csv_next_run(c, &f, &nf, &rec, &more)
					     : cen__csv_next_ends(c, &f, &nf, &rec, &more);
			if (rc == 0)
				break;
			assert_int_equal(rc, 1);
			records += 1 + (runs ? more.n : 0);
			not_plain += !rec.plain;
		}
		assert_int_equal(records, rows);
		assert_true(not_plain <= 2);
		cen_csv_free(c);
	}
	unlink(path);
}

/* A file in window mode is read on after the size it had when opened
 * (rows appended while it is read are read too), and one cut short while
 * read is an error (CEN_EIO, "cut short") after the rows that were there.
 * Reads of 500 bytes, so most of the file is read after the change. */
static void test_window_file_grows_or_is_cut(void **state)
{
	(void)state;
	char path[] = "/tmp/cen_csv_XXXXXX";
	temp_file(path);
	static char data[20000];
	size_t n = 0;
	for (int row = 0; n + 40 < sizeof data; row++)
		n += (size_t)snprintf(data + n, 40, "%d,some text,%d\n", row, row * 3);
	for (int cut = 0; cut <= 1; cut++) {
		write_file(path, data, n);
		cen_csv_opts o = {0};
		o.window = 2;
		cen_csv *c;
		assert_int_equal(cen_csv_open_file(&c, path, &o), 0);
		cen__csv_window_sizes(c, 1000, 500);
		cen_slice *f;
		size_t nf;
		assert_int_equal(cen_csv_next(c, &f, &nf), 1);
		FILE *fp = fopen(path, cut ? "wb" : "ab");
		assert_non_null(fp);
		if (cut)
			fwrite(data, 1, 1000, fp); /* the first 1000 bytes only */
		else
			fputs("999999,appended,1\n", fp);
		assert_int_equal(fclose(fp), 0);
		int rc, appended = 0;
		size_t rows = 1;
		while ((rc = cen_csv_next(c, &f, &nf)) == 1) {
			appended += eq(f[0], "999999");
			rows++;
		}
		if (cut) {
			assert_int_equal(rc, CEN_EIO);
			assert_non_null(strstr(cen_csv_errmsg(c), "cut short while it was read"));
			assert_true(rows < 100);
		} else {
			assert_int_equal(rc, 0);
			assert_int_equal(appended, 1);
			assert_int_equal(cen_csv_offset(c), n + 18);
		}
		cen_csv_free(c);
	}
	unlink(path);
}

/* What a caller holds of a window: the records of a call. */
struct held_rec {
	uint64_t tick;
	const char *ptr;
	char *copy;
	size_t len;
};

/* Window mode keeps every record where it is, unchanged, through the
 * window calls after its own (by default), or (with a clock) through the
 * calls made while the caller's tick is at most window more than at its
 * own call, of which the caller holds the last at each tick: a file of
 * several MiB read in runs, every record held kept with a copy of its
 * bytes and compared after each call for as long as it must stay. Fails
 * if a buffer is read into again too early. */
static void test_window_keeps_records(void **state)
{
	(void)state;
	char path[] = "/tmp/cen_csv_XXXXXX";
	temp_file(path);
	size_t big = 6u << 20, n = 0;
	char *data = malloc(big);
	assert_non_null(data);
	uint64_t s = 5;
	for (int row = 0; n + 300 < big; row++) {
		uint64_t r = rnd(&s);
		if (r % 53 == 0) {
			data[n++] = '\n'; /* blank */
			continue;
		}
		size_t pad = r % 7 == 0 ? 100 + r % 150 : r % 20;
		n += (size_t)snprintf(data + n, 64, "%d,%llu,", row, (unsigned long long)r);
		memset(data + n, 'a' + (char)(row % 26), pad);
		n += pad;
		data[n++] = '\n';
	}
	write_file(path, data, n);
	free(data);
	for (int pass = 0; pass < 4; pass++) {
		const int clocked = pass & 1;
		const unsigned window = clocked ? 40 : 3;
		cen_csv_opts o = {0};
		o.window = window;
		cen_csv *c;
		assert_int_equal(cen_csv_open_file(&c, path, &o), 0);
		/* passes 2, 3: buffers about as large as what is held */
		if (pass >= 2)
			cen__csv_window_sizes(c, clocked ? 3000 : 600, clocked ? 2500 : 500);
		uint64_t tick = 0, calls = 0;
		if (clocked)
			cen__csv_window_clock(c, &tick);
		size_t cap = 4096, nh = 0, records = 0;
		struct held_rec *h = calloc(cap, sizeof *h);
		assert_non_null(h);
		for (;;) {
			cen_slice *f;
			size_t nf;
			cen__csv_rec rec;
			cen__csv_run more;
			uint64_t now = clocked ? tick : ++calls;
			/* Of calls at one tick the caller holds the last's. */
			while (clocked && nh && h[nh - 1].tick == now)
				free(h[--nh].copy);
			int rc = cen__csv_next_run(c, &f, &nf, &rec, &more);
			/* What must still be there: records of calls at ticks
			 * from now - window on. */
			size_t keep = 0;
			for (size_t i = 0; i < nh; i++) {
				if (h[i].tick + window < now) {
					free(h[i].copy);
					continue;
				}
				assert_memory_equal(h[i].ptr, h[i].copy, h[i].len);
				h[keep++] = h[i];
			}
			nh = keep;
			if (rc == 0)
				break;
			assert_int_equal(rc, 1);
			for (size_t k = 0; k <= more.n; k++) {
				cen_slice raw = k ? more.rec[k].raw : rec.raw;
				if (nh == cap) {
					cap *= 2;
					h = realloc(h, cap * sizeof *h);
					assert_non_null(h);
				}
				h[nh].tick = now;
				h[nh].ptr = raw.ptr;
				h[nh].len = raw.len;
				h[nh].copy = malloc(raw.len + 1);
				assert_non_null(h[nh].copy);
				memcpy(h[nh].copy, raw.ptr, raw.len);
				nh++;
				records++;
				/* the caller's tick: every third non-blank record */
				if (clocked && raw.len && records % 3 == 0)
					tick++;
			}
		}
		assert_true(records > 100000);
		for (size_t i = 0; i < nh; i++)
			free(h[i].copy);
		free(h);
		cen_csv_free(c);
	}
	unlink(path);
}

/* Input held whole (mapped, or in memory) keeps the record cap: a record
 * longer than max_record is rejected and an unterminated quote rejects its
 * line after max_record bytes, not at the end of the input. */
static void test_mapped_record_cap(void **state)
{
	(void)state;
	static char buf[4000];
	size_t n = (size_t)snprintf(buf, sizeof buf, "a,b\n");
	memset(buf + n, 'x', 150);
	n += 150;
	n += (size_t)snprintf(buf + n, sizeof buf - n, ",y\nc,d\n\"open,e\n");
	for (int i = 0; i < 40; i++)
		n += (size_t)snprintf(buf + n, sizeof buf - n, "r%d,s\n", i);
	/* a quote that would have closed the one opened on line 4 */
	n += (size_t)snprintf(buf + n, sizeof buf - n, "z\",t\n");
	char path[] = "/tmp/cen_csv_XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	close(fd);
	write_file(path, buf, n);
	for (int mapped = 0; mapped <= 1; mapped++) {
		cen_csv_opts o = {.max_record = 100, .map = mapped};
		cen_csv *c;
		cen_slice *f;
		size_t nf;
		if (mapped)
			assert_int_equal(cen_csv_open_file(&c, path, &o), 0);
		else
			assert_int_equal(cen_csv_open_mem(&c, buf, n, path, &o), 0);
		assert_int_equal(cen__csv_mapped(c), mapped);
		assert_int_equal(cen_csv_next(c, &f, &nf), 1);
		assert_true(eq(f[0], "a"));
		assert_int_equal(cen_csv_next(c, &f, &nf), CEN_ELIMIT);
		assert_non_null(strstr(cen_csv_errmsg(c), ":2: record longer than 100 bytes"));
		assert_int_equal(cen_csv_next(c, &f, &nf), 1);
		assert_true(eq(f[0], "c"));
		assert_int_equal(cen_csv_next(c, &f, &nf), CEN_EPARSE);
		assert_non_null(strstr(cen_csv_errmsg(c), ":4: unterminated quoted field"));
		for (int i = 0; i < 40; i++) {
			char want[8];
			snprintf(want, sizeof want, "r%d", i);
			assert_int_equal(cen_csv_next(c, &f, &nf), 1);
			assert_true(eq(f[0], want));
			assert_int_equal(cen_csv_line(c), (uint64_t)i + 5);
		}
		assert_int_equal(cen_csv_next(c, &f, &nf), 1);
		assert_true(eq(f[0], "z\""));
		assert_int_equal(cen_csv_next(c, &f, &nf), 0);
		cen_csv_free(c);
	}
	unlink(path);
}

static void test_missing_file_names_it(void **state)
{
	(void)state;
	cen_csv *c;
	assert_int_equal(cen_csv_open_file(&c, "/nonexistent/x.csv", NULL), CEN_EIO);
	assert_non_null(strstr(cen_csv_errmsg(c), "/nonexistent/x.csv"));
	cen_csv_free(c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_quotes_and_crlf),
		cmocka_unit_test(test_unterminated_quote_recovers),
		cmocka_unit_test(test_caps),
		cmocka_unit_test(test_file_larger_than_chunk),
		cmocka_unit_test(test_bitmap_scan_matches_bytewise),
		cmocka_unit_test(test_every_byte_matches_bytewise),
		cmocka_unit_test(test_count_byte),
		cmocka_unit_test(test_mapped_file_matches_read),
		cmocka_unit_test(test_mapped_record_cap),
		cmocka_unit_test(test_window_matches_read),
		cmocka_unit_test(test_window_keeps_records),
		cmocka_unit_test(test_window_file_grows_or_is_cut),
		cmocka_unit_test(test_reads_on_for_the_bitmap_scan),
		cmocka_unit_test(test_missing_file_names_it),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
