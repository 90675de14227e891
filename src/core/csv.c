/* csv.c - streaming RFC 4180 CSV reader with caps and error recovery.
 *
 * Input is read in chunks into one buffer, or (opts.window) into buffers
 * whose bytes never move, or (opts.map, a regular file) mapped whole
 * read-only, the pages behind the caller let go every MAP_TRIM bytes. A
 * regular file read in chunks that ends before the size it had when opened
 * was cut short while it was read: an error, not an end. Input held whole
 * (mapped or in memory) is scanned at most max_record + 1 bytes ahead for
 * one record, so an unterminated quote costs what it costs when reading.
 *
 * Window mode: a record returned stays where it is, unchanged, for the
 * window calls after its own (or the caller's ticks, cen__csv_window_clock),
 * so a caller may hold its text that long without a copy, as it may hold a
 * mapped file's until the end. Bytes are read at most WIN_CHUNK at a time
 * after the last; a buffer nearly full hands its unread bytes to another,
 * and is read into again only once no record held lies in it (win_room):
 * two 256 KiB buffers take turns. Why not map: on this project's virtual
 * machines the first touch of each 4 KiB page of a mapped file costs about
 * 2 us of user time (a scan of the 561 MB benchmark file: 0.19-0.29 s
 * mapped, under 0.01 s from a buffer read into again; the read's copy
 * costs the kernel what the mapping's faults did, 0.08 s).
 *
 * A record is located by a scan that never modifies the buffer (so the raw
 * record stays available for a rejects file), then quoted fields are
 * unescaped into a scratch buffer while unquoted fields point straight into
 * the input buffer. No malloc per record once the buffers have grown to the
 * largest record seen.
 *
 * Quoting: a '"' opens a quoted field only at the start of a field; inside,
 * "" is a quote and a lone '"' closes it; bytes after the closing quote up to
 * the separator are kept (lenient, as real list files need). A quote in the
 * middle of an unquoted field is literal.
 *
 * Recovery: an unterminated quote (at end of input, or running past
 * max_record) rejects the physical line on which the record started, and
 * reading goes on from the next line. A record longer than max_record is
 * rejected and skipped to its line end. Every rejected record is reported to
 * the caller, never dropped silently. What is accepted or rejected, and a
 * rejected record's raw text (its first line, cut to max_record bytes),
 * never depend on how much of the input is buffered: a record is looked
 * at no further than max_record + 1 bytes from its start, whether the
 * input is held whole, read in chunks or read in window mode
 * (tests/fuzz/fuzz_csv_window.c compares them).
 *
 * Speed: a record with no quote and no NUL byte before its line end, wholly
 * in the buffer and within the caps, is split using bitmaps of separators
 * and of stop bytes (newline, quote, NUL) computed 64 bytes at a time (SSE2)
 * and kept for the next record; it yields exactly the fields the general
 * scan would, and cen__csv_plain() then tells the caller the record holds
 * no NUL (so a reader refusing NULs need not look again). The same pass
 * marks untidy bytes (tidy_bits); a record with none is tidy
 * (cen__csv_rec.tidy: ASCII, no field to trim). Anything else goes to the
 * general byte-by-byte scan; a record that only runs past what was read
 * is read on for first (READ_ON), so a file read in chunks has every
 * plain record split by the bitmap scan but those of its last 64 bytes.
 * cen__csv_next_run lets the same pass go on
 * through up to CEN__CSV_RUN more records fit for it (a run): one call
 * and one set of loop registers for several records. cen__csv_next_ends
 * gives a run's fields as their ends (ends[]: one pointer a field, where
 * the next one starts) for a caller that takes them where they lie: one
 * store a field instead of a slice's two and their arithmetic; where the
 * CPU has AVX-512 VBMI2, a block part's ends are compressed out of its
 * separator bitmap eight at a time (ends_compress), not one bit a turn.
 *
 * Invariants: pos <= len <= cap; buf[len] == '\0'; line counts '\n' bytes
 * consumed before pos, plus one.
 */
#include "centinela/io.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#if defined(__SSE2__)
#include <emmintrin.h>
/* x86-64 with GCC or clang: AVX2 bitmaps when the CPU has it. */
#if defined(__GNUC__) && defined(__x86_64__)
#define CSV_AVX2 1
#include <immintrin.h>
#endif
#endif

#include "core/csv.h"
#include "core/prefetch.h"
#include "core/utf8.h"
#include "core/banned.h"

#define CSV_CHUNK (256u * 1024u)
/* The bitmap scan hints the input this many bytes ahead of the block it
 * classifies: a mapped file comes from the page cache, not from a buffer
 * just written, and without the hint the block's first load missed. */
#define CSV_AHEAD 1024
/* A mapped file is let go of in steps of this many bytes read, all but
 * the last MAP_KEEP bytes before the reader (records a caller still holds,
 * see cen_txn_reader_kept, stay mapped; a page let go would only be read
 * in again from the page cache). */
#define MAP_TRIM (8u * 1024u * 1024u)
#define MAP_KEEP (1u * 1024u * 1024u)
/* Window mode (opts.window): a buffer's usual size, and what one read
 * asks for at most: the bytes a read brings are consumed while the
 * kernel's copy of them is still in the cache, and the buffers taking
 * turns stay there too. A record longer than fits gets a larger buffer. */
#define WIN_BUF (256u * 1024u)
#define WIN_CHUNK (64u * 1024u)
/* The bitmap scan reads on (refill) when it leaves the record at pos, fewer
 * than this many bytes before the end of what was read, to the byte scan:
 * a record of the usual few hundred bytes that ran past the last whole
 * 64-byte block. */
#define READ_ON 1024
/* ends[] has this many entries more than fields[]: the AVX-512 scan
 * stores field ends eight at a time, up to seven past the last. */
#define ENDS_OVER 8
/* No bitmaps: pos - BLK_NONE wraps to at least 64 for any pos < SIZE_MAX/2
 * (buffers are far smaller). */
#define BLK_NONE (SIZE_MAX / 2)

struct cen_csv {
	int fd;          /* -1 for memory input */
	int own_fd;
	int eof;
	char *buf;
	size_t cap, len, pos;
	uint64_t consumed; /* bytes before buf[0] */
	uint64_t size;
	uint64_t line;      /* line of buf[pos] */
	uint64_t rec_line;  /* line of the last record */
	cen_slice raw;
	cen_slice *fields;
	size_t *field_off;  /* offsets into scratch for quoted fields, or SIZE_MAX */
	const char **ends;  /* a run's field ends (cen__csv_next_ends), as many */
	size_t fields_cap;
	cen_buf scratch;
	cen_csv_opts o;
	/* Fast path: bitmaps of separators and of stop bytes ('\n', '"',
	 * NUL) in the 64 bytes at buf[blk]; blk is BLK_NONE when there are
	 * none (set when buf changes), so pos - blk < 64 alone says whether
	 * they cover pos. */
	uint64_t bm_sep, bm_stop;
	/* Bytes of the block that make a record untidy (see tidy_bits). */
	uint64_t bm_untidy;
	size_t blk;
	size_t flim;        /* fast_lim() for the current fields_cap */
	size_t len_cap;     /* the smaller of max_field and max_record */
	int plain;          /* the last record was split by the fast path */
	int avx2;           /* the scan with AVX2 and BMI1 (the CPU has them) */
	int avx512;         /* and field ends by AVX-512 VBMI2 compress (idem) */
	int fast;           /* the bitmap scan may be tried (see set_fast) */
	size_t map_len;     /* buf is a read-only mapping of this many bytes, or 0 */
	size_t map_kept;    /* mapped pages before this offset have been let go */
	/* Window mode (opts.window, see win_room): buf's bytes never move.
	 * ent[] holds, for the last window + 1 distinct ticks at which calls
	 * began, the tick and the input offset (consumed + pos) at the entry
	 * of the last call made at it (the newest at ent_at, nent in use).
	 * The tick is *tick (cen__csv_window_clock) or, by default, the
	 * number of calls (calls). old[] holds the buffers read before buf,
	 * each with the offset at which the next took over (until). */
	unsigned window;
	struct win_ent {
		uint64_t tick, off;
	} *ent;
	unsigned ent_at, nent;
	uint64_t calls;
	const uint64_t *tick;
	size_t win_buf, win_chunk; /* WIN_BUF and WIN_CHUNK but in tests */
	struct win_old {
		char *p;
		size_t cap;
		uint64_t until;
	} *old;
	size_t nold, old_cap;
	char *name;
	char err[512];
};

static void set_defaults(cen_csv_opts *o, const cen_csv_opts *in)
{
	o->sep = ',';
	o->max_field = 65536;
	o->max_fields = 4096;
	o->max_record = 1024 * 1024;
	if (!in)
		return;
	if (in->sep)
		o->sep = in->sep;
	if (in->max_field)
		o->max_field = in->max_field;
	if (in->max_fields)
		o->max_fields = in->max_fields;
	if (in->max_record)
		o->max_record = in->max_record;
	o->whole_lines = in->whole_lines;
	o->map = in->map;
	o->window = in->window;
	o->bytewise = in->bytewise;
}

#if defined(CSV_AVX2)
static int cpu_avx2(void)
{
	return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("bmi");
}

static int cpu_avx512(void)
{
	return cpu_avx2() && __builtin_cpu_supports("avx512f") &&
	       __builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("avx512vbmi2") &&
	       __builtin_cpu_supports("popcnt");
}
#endif

/* The bitmap scan splits records with a separator that is not a quote or a
 * line end, outside whole-line and bytewise modes. */
static void set_fast(cen_csv *c)
{
	char sep = c->o.sep;
	c->fast = !c->o.whole_lines && !c->o.bytewise && sep != '"' && sep != '\n' &&
		  sep != '\r';
}

static int grow_fields(cen_csv *c);

static cen_csv *csv_new(const char *name, const cen_csv_opts *opts)
{
	cen_csv *c = cen_calloc(1, sizeof *c);
	if (!c)
		return NULL;
	set_defaults(&c->o, opts);
	c->len_cap = c->o.max_field < c->o.max_record ? c->o.max_field : c->o.max_record;
	c->fd = -1;
	c->line = 1;
	c->blk = BLK_NONE;
#if defined(CSV_AVX2)
	c->avx2 = cpu_avx2();
	c->avx512 = cpu_avx512();
#endif
	cen_buf_init(&c->scratch, 0);
	set_fast(c);
	c->name = cen_strdup(name ? name : "<input>");
	if (!c->name || grow_fields(c)) {
		cen_csv_free(c);
		return NULL;
	}
	return c;
}

/* Maps the whole regular file read-only, with at least one zero byte after
 * its end (buf[len] == '\0' as the invariant wants): an anonymous reservation
 * a byte longer than the file, the file mapped over its start. The pages
 * are the page cache's own, so nothing is copied. Returns 0, or -1 to read
 * the file instead (sizes too large, mapping refused). */
static int map_whole(cen_csv *c)
{
	long pg = sysconf(_SC_PAGESIZE);
	if (pg <= 0 || c->size > SIZE_MAX / 4)
		return -1;
	size_t len = (size_t)c->size;
	size_t span = (len + 1 + (size_t)pg - 1) / (size_t)pg * (size_t)pg;
	void *res = mmap(NULL, span, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (res == MAP_FAILED)
		return -1;
	void *m = mmap(res, len, PROT_READ, MAP_PRIVATE | MAP_FIXED, c->fd, 0);
	if (m == MAP_FAILED) {
		munmap(res, span);
		return -1;
	}
	(void)madvise(m, len, MADV_SEQUENTIAL);
	c->buf = m;
	c->map_len = span;
	c->cap = c->len = len;
	c->eof = 1;
	c->pos = cen__utf8_bom_len(c->buf, len); /* as refill skips it */
	return 0;
}

int cen_csv_open_file(cen_csv **out, const char *path, const cen_csv_opts *opts)
{
	*out = NULL;
	int is_stdin = strcmp(path, "-") == 0;
	cen_csv *c = csv_new(is_stdin ? "<stdin>" : path, opts);
	if (!c)
		return CEN_ENOMEM;
	if (is_stdin) {
		c->fd = 0;
	} else {
		c->fd = open(path, O_RDONLY);
		if (c->fd < 0) {
			snprintf(c->err, sizeof c->err, "%s: %s", path, strerror(errno));
			*out = c;
			return CEN_EIO;
		}
		c->own_fd = 1;
		struct stat st;
		if (fstat(c->fd, &st) == 0 && S_ISREG(st.st_mode))
			c->size = (uint64_t)st.st_size;
		if (c->o.map && !c->o.window && c->size && map_whole(c) == 0) {
			*out = c;
			return 0;
		}
	}
	c->cap = CSV_CHUNK * 2;
	if (c->o.window) {
		c->window = c->o.window;
		c->cap = c->win_buf = WIN_BUF;
		c->win_chunk = WIN_CHUNK;
		c->ent = cen_calloc((size_t)c->window + 1, sizeof *c->ent);
		if (!c->ent) {
			cen_csv_free(c);
			return CEN_ENOMEM;
		}
	}
	c->buf = cen_malloc(c->cap + 1);
	if (!c->buf) {
		cen_csv_free(c);
		return CEN_ENOMEM;
	}
	c->buf[0] = '\0';
	*out = c;
	return 0;
}

int cen_csv_open_mem(cen_csv **out, const char *data, size_t len,
		     const char *name, const cen_csv_opts *opts)
{
	*out = NULL;
	cen_csv *c = csv_new(name, opts);
	if (!c)
		return CEN_ENOMEM;
	c->buf = cen_malloc(len + 1);
	if (!c->buf) {
		cen_csv_free(c);
		return CEN_ENOMEM;
	}
	if (len)
		memcpy(c->buf, data, len);
	c->buf[len] = '\0';
	c->cap = len;
	c->len = len;
	c->size = len;
	c->eof = 1;
	*out = c;
	return 0;
}

void cen_csv_free(cen_csv *c)
{
	if (!c)
		return;
	if (c->own_fd && c->fd >= 0)
		close(c->fd);
	if (c->map_len)
		munmap(c->buf, c->map_len);
	else
		cen_free(c->buf);
	for (size_t i = 0; i < c->nold; i++)
		cen_free(c->old[i].p);
	cen_free(c->old);
	cen_free(c->ent);
	cen_free(c->fields);
	cen_free(c->field_off);
	cen_free(c->ends);
	cen_buf_release(&c->scratch);
	cen_free(c->name);
	cen_free(c);
}

/* At the end of a regular file: CEN_EIO if it gave fewer bytes than it
 * had when opened (another process truncated it while it was read), so
 * the caller does not take what was read for the whole file; else 0. */
static int cut_short(cen_csv *c)
{
	uint64_t got = c->consumed + c->len;
	if (!c->size || got >= c->size)
		return 0;
	snprintf(c->err, sizeof c->err,
		 "%s: the file was cut short while it was read (%llu of its %llu bytes)", c->name,
		 (unsigned long long)got, (unsigned long long)c->size);
	return CEN_EIO;
}

/* Window mode: the input offset before which no record a caller may
 * still hold begins. A record of a call made at tick t stays through the
 * calls made up to tick t + window: the records of calls made at ticks
 * up to now - window are let go, except those of the last such call (a
 * call at a tick does not let go of the records of the last call at an
 * earlier tick, which the caller may still be taking). 0 while there is
 * no such call. */
static uint64_t win_held(const cen_csv *c)
{
	uint64_t now = c->tick ? *c->tick : c->calls;
	if (now < c->window)
		return 0;
	uint64_t lim = now - c->window;
	for (unsigned k = 0, i = c->ent_at; k < c->nent; k++) {
		if (c->ent[i].tick <= lim)
			return c->ent[i].off;
		i = i ? i - 1 : c->window;
	}
	return 0;
}

/* Window mode: notes where a call begins (each entry point, first). Of
 * calls at the same tick only the last is kept: the caller took no
 * record of the ones before it (the tick would have moved). */
static void win_call(cen_csv *c)
{
	uint64_t t = c->tick ? *c->tick : ++c->calls;
	uint64_t off = c->consumed + c->pos;
	if (c->nent && c->ent[c->ent_at].tick == t) {
		c->ent[c->ent_at].off = off;
		return;
	}
	if (c->nent) {
		c->ent_at = c->ent_at == c->window ? 0 : c->ent_at + 1;
	}
	if (c->nent <= c->window)
		c->nent++;
	c->ent[c->ent_at].tick = t;
	c->ent[c->ent_at].off = off;
}

/* Window mode: room to read after len (refill). Nothing that was read
 * moves: with less than half a chunk of room left, the unread bytes are
 * copied into another buffer, which takes over (a free old one of the
 * size wanted, else a new one), and buf joins old[]. A buffer is free
 * once no record a caller may still hold lies in it (win_held is past its
 * until); free ones too small, or more than twice the size wanted (grown
 * for a long record), are let go. Returns 0 or CEN_ENOMEM. */
static int win_room(cen_csv *c)
{
	if (c->cap - c->len >= c->win_chunk / 2)
		return 0;
	size_t keep = c->len - c->pos, need = keep + c->win_chunk;
	size_t most = 2 * (need > c->win_buf ? need : c->win_buf);
	uint64_t held = win_held(c);
	char *nb = NULL;
	size_t ncap = 0;
	for (size_t i = 0; i < c->nold;) {
		if (c->old[i].until > held) {
			i++;
			continue;
		}
		if (!nb && c->old[i].cap >= need && c->old[i].cap <= most) {
			nb = c->old[i].p;
			ncap = c->old[i].cap;
		} else {
			cen_free(c->old[i].p);
		}
		c->old[i] = c->old[--c->nold];
	}
	if (!nb) {
		ncap = need > c->win_buf ? need * 2 : c->win_buf;
		if (!(nb = cen_malloc(ncap + 1)))
			return CEN_ENOMEM;
	}
	if (c->nold == c->old_cap) {
		size_t n = c->old_cap ? c->old_cap * 2 : 4;
		struct win_old *no = cen_realloc(c->old, n * sizeof *no);
		if (!no) {
			cen_free(nb);
			return CEN_ENOMEM;
		}
		c->old = no;
		c->old_cap = n;
	}
	struct win_old *o = &c->old[c->nold++];
	o->p = c->buf;
	o->cap = c->cap;
	o->until = c->consumed + c->pos;
	memcpy(nb, c->buf + c->pos, keep);
	nb[keep] = '\0';
	c->buf = nb;
	c->cap = ncap;
	c->consumed += c->pos;
	c->len = keep;
	c->pos = 0;
	return 0;
}

/* Moves unparsed bytes to the front (window mode: makes room where
 * nothing read moves, win_room) and reads more. Returns 1 if bytes were
 * added, 0 at end of input, CEN_EIO / CEN_ENOMEM on failure. Once a read,
 * out of the scans' lines. */
static __attribute__((noinline)) int refill(cen_csv *c)
{
	c->blk = BLK_NONE;
	if (c->eof)
		return 0;
	size_t want;
	if (c->window) {
		int rc = win_room(c);
		if (rc)
			return rc;
		want = c->cap - c->len < c->win_chunk ? c->cap - c->len : c->win_chunk;
	} else {
		if (c->pos > 0) {
			memmove(c->buf, c->buf + c->pos, c->len - c->pos);
			c->consumed += c->pos;
			c->len -= c->pos;
			c->pos = 0;
		}
		if (c->cap - c->len < CSV_CHUNK / 2) {
			size_t ncap = c->cap * 2;
			char *nb = cen_realloc(c->buf, ncap + 1);
			if (!nb)
				return CEN_ENOMEM;
			c->buf = nb;
			c->cap = ncap;
		}
		want = c->cap - c->len;
	}
	for (;;) {
		ssize_t n = read(c->fd, c->buf + c->len, want);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			snprintf(c->err, sizeof c->err, "%s: read error: %s", c->name,
				 strerror(errno));
			return CEN_EIO;
		}
		if (n == 0) {
			c->eof = 1;
			c->buf[c->len] = '\0';
			return cut_short(c);
		}
		/* Skip a UTF-8 byte order mark at the very start of input. */
		if (c->consumed == 0 && c->len == 0 && cen__utf8_bom_len(c->buf, (size_t)n)) {
			memmove(c->buf, c->buf + 3, (size_t)n - 3);
			n -= 3;
			c->consumed = 3;
		}
		c->len += (size_t)n;
		c->buf[c->len] = '\0';
		return 1;
	}
}

/* Fields a record may have before a block is split without fast_room: a
 * block adds at most 65 (64 separators and the line end). */
static inline size_t fast_lim(const cen_csv *c)
{
	size_t room = c->fields_cap > 65 ? c->fields_cap - 65 : 0;
	return room < c->o.max_fields ? room : c->o.max_fields;
}

static int grow_fields(cen_csv *c)
{
	size_t ncap = c->fields_cap ? c->fields_cap * 2 : 128;
	cen_slice *nf = cen_realloc(c->fields, ncap * sizeof *nf);
	if (!nf)
		return CEN_ENOMEM;
	c->fields = nf;
	size_t *no = cen_realloc(c->field_off, ncap * sizeof *no);
	if (!no)
		return CEN_ENOMEM;
	c->field_off = no;
	const char **ne = cen_realloc(c->ends, (ncap + ENDS_OVER) * sizeof *ne);
	if (!ne)
		return CEN_ENOMEM;
	c->ends = ne;
	c->fields_cap = ncap;
	c->flim = fast_lim(c);
	return 0;
}

/* Consumes through the end of the physical line starting at pos (reading
 * more as needed); sets raw to that line (less a '\r' before its '\n'),
 * cut to its first max_record bytes: the same however the input is
 * buffered. Of a longer line those bytes are kept in scratch (free: the
 * record is rejected) before what was read of it is let go. */
static int skip_line(cen_csv *c)
{
	int saved = 0;
	for (;;) {
		char *nl = memchr(c->buf + c->pos, '\n', c->len - c->pos);
		if (nl || c->eof) {
			size_t end = nl ? (size_t)(nl - c->buf) : c->len;
			if (!saved) {
				c->raw.ptr = c->buf + c->pos;
				c->raw.len = end - c->pos;
				if (nl && c->raw.len && c->raw.ptr[c->raw.len - 1] == '\r')
					c->raw.len--;
				if (c->raw.len > c->o.max_record)
					c->raw.len = c->o.max_record;
			}
			c->pos = nl ? end + 1 : c->len;
			c->line += nl != NULL;
			return 0;
		}
		/* Discard what we have of an overlong line, keep going (in
		 * window mode by consuming it: its bytes may not be reused
		 * yet). */
		if (c->len - c->pos > c->o.max_record) {
			if (!saved) {
				cen_buf_reset(&c->scratch);
				if (cen_buf_append(&c->scratch, c->buf + c->pos, c->o.max_record))
					return CEN_ENOMEM;
				c->raw.ptr = c->scratch.data;
				c->raw.len = c->o.max_record;
				saved = 1;
			}
			if (c->window) {
				c->pos = c->len;
			} else {
				c->consumed += c->len;
				c->len = c->pos = 0;
			}
			c->blk = BLK_NONE;
		}
		int rc = refill(c);
		if (rc < 0)
			return rc;
	}
}

static int finish_fields(cen_csv *c, size_t nf)
{
	/* Unescape quoted fields into scratch, then point at them. */
	cen_buf_reset(&c->scratch);
	for (size_t i = 0; i < nf; i++) {
		c->field_off[i] = SIZE_MAX;
		cen_slice *f = &c->fields[i];
		if (f->len == 0 || f->ptr[0] != '"' || c->o.whole_lines)
			continue;
		size_t off = c->scratch.len;
		const char *p = f->ptr + 1, *e = f->ptr + f->len;
		int rc;
		while (p < e) {
			if (*p == '"') {
				if (p + 1 < e && p[1] == '"') {
					if ((rc = cen_buf_putc(&c->scratch, '"')))
						return rc;
					p += 2;
					continue;
				}
				p++; /* closing quote; keep any trailing bytes */
				continue;
			}
			const char *q = memchr(p, '"', (size_t)(e - p));
			if (!q)
				q = e;
			if ((rc = cen_buf_append(&c->scratch, p, (size_t)(q - p))))
				return rc;
			p = q;
		}
		c->field_off[i] = off;
		f->len = c->scratch.len - off;
	}
	for (size_t i = 0; i < nf; i++)
		if (c->field_off[i] != SIZE_MAX)
			c->fields[i].ptr = c->scratch.data ? c->scratch.data + c->field_off[i] : "";
	return 0;
}

#if defined(__SSE2__)
/* The bytes of a block that make the record holding them untidy: a byte
 * >= 0x80 anywhere, or a byte <= ' ' next to a field's edge (a separator
 * or a stop byte on either side; bytes 0 and 63, whose other neighbour is
 * in another block, count as next to one). A record none of whose bytes
 * is untidy has only ASCII fields, none starting or ending with a byte
 * <= ' ' (so none to trim): what cen__csv_rec.tidy tells. Separators and
 * stop bytes themselves are never untidy. */
static inline uint64_t tidy_bits(uint64_t sep, uint64_t stop, uint64_t odd, uint64_t hi)
{
	uint64_t bound = sep | stop;
	uint64_t edge = bound << 1 | bound >> 1 | 1 | 1ULL << 63;
	return (hi | (odd & edge)) & ~bound;
}

/* Bitmaps of the 16 bytes at p: bytes equal to sep, "stop" bytes ('\n',
 * '"' or NUL), "odd" bytes (<= ' ' or >= 0x80: all but 0x21..0x7F) and
 * bytes >= 0x80. */
static inline void masks16(const char *p, __m128i vsep, unsigned *sep, unsigned *stop,
			   unsigned *odd, unsigned *hi)
{
	__m128i x = _mm_loadu_si128((const __m128i *)(const void *)p);
	__m128i t = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8('\n')),
					      _mm_cmpeq_epi8(x, _mm_set1_epi8('"'))),
				 _mm_cmpeq_epi8(x, _mm_setzero_si128()));
	*sep = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(x, vsep));
	*stop = (unsigned)_mm_movemask_epi8(t);
	*odd = (unsigned)_mm_movemask_epi8(_mm_cmpgt_epi8(x, _mm_set1_epi8(' '))) ^ 0xFFFFu;
	*hi = (unsigned)_mm_movemask_epi8(x);
}

/* Bitmaps of a 64-byte block: separators, stop bytes, untidy bytes. */
typedef struct blk_masks {
	uint64_t sep, stop, untidy;
} blk_masks;

#if defined(CSV_AVX2)
/* The separators and stop bytes of masks16 and the untidy bytes of
 * tidy_bits, 64 bytes in 32-byte compares (only called when the CPU has
 * AVX2). A stop byte is one equal to its entry of stop_nib looked up by
 * its low nibble: '\n', '"' and NUL are at theirs (0x0A, 0x02, 0x00), every
 * other entry is 0x80, which no byte with another low nibble equals, and
 * the lookup gives 0 for a byte >= 0x80, which no such byte equals: one
 * shuffle and one compare for the three. */
__attribute__((target("avx2"))) static inline uint64_t movemask64(__m256i lo, __m256i hi)
{
	return (uint32_t)_mm256_movemask_epi8(lo) | (uint64_t)(uint32_t)_mm256_movemask_epi8(hi) << 32;
}

__attribute__((target("avx2"))) static inline blk_masks masks64_avx2(const char *p, char sep)
{
	const __m256i vsep = _mm256_set1_epi8(sep), vsp = _mm256_set1_epi8(' ');
	const __m256i stop_nib = _mm256_setr_epi8(
		0, -128, '"', -128, -128, -128, -128, -128, -128, -128, '\n', -128, -128, -128, -128, -128,
		0, -128, '"', -128, -128, -128, -128, -128, -128, -128, '\n', -128, -128, -128, -128, -128);
	__m256i x0 = _mm256_loadu_si256((const __m256i *)(const void *)p);
	__m256i x1 = _mm256_loadu_si256((const __m256i *)(const void *)(p + 32));
	blk_masks m;
	m.sep = movemask64(_mm256_cmpeq_epi8(x0, vsep), _mm256_cmpeq_epi8(x1, vsep));
	m.stop = movemask64(_mm256_cmpeq_epi8(_mm256_shuffle_epi8(stop_nib, x0), x0),
			    _mm256_cmpeq_epi8(_mm256_shuffle_epi8(stop_nib, x1), x1));
	uint64_t odd = ~movemask64(_mm256_cmpgt_epi8(x0, vsp), _mm256_cmpgt_epi8(x1, vsp));
	m.untidy = tidy_bits(m.sep, m.stop, odd, movemask64(x0, x1));
	return m;
}
#endif

/* The bitmaps of the 64 bytes at p (all inside the buffer), with AVX2 when
 * avx2 (a constant where this is inlined). */
static inline __attribute__((always_inline)) blk_masks classify(const char *p, char sep,
								 int avx2)
{
	cen__prefetch(p + CSV_AHEAD);
#if defined(CSV_AVX2)
	if (avx2)
		return masks64_avx2(p, sep);
#else
	(void)avx2;
#endif
	const __m128i vsep = _mm_set1_epi8(sep);
	unsigned sp[4], st[4], od[4], hi[4];
	for (int i = 0; i < 4; i++)
		masks16(p + 16 * i, vsep, &sp[i], &st[i], &od[i], &hi[i]);
	blk_masks m;
	m.sep = sp[0] | (uint64_t)sp[1] << 16 | (uint64_t)sp[2] << 32 | (uint64_t)sp[3] << 48;
	m.stop = st[0] | (uint64_t)st[1] << 16 | (uint64_t)st[2] << 32 | (uint64_t)st[3] << 48;
	m.untidy = tidy_bits(m.sep, m.stop,
			     od[0] | (uint64_t)od[1] << 16 | (uint64_t)od[2] << 32 |
				     (uint64_t)od[3] << 48,
			     hi[0] | (uint64_t)hi[1] << 16 | (uint64_t)hi[2] << 32 |
				     (uint64_t)hi[3] << 48);
	return m;
}

/* The index of x's lowest set bit, x != 0. With BMI (bmi, a constant where
 * this is inlined) a bare tzcnt: GCC puts a dependency-breaking xor before
 * its own, one instruction more per field split, for a false dependency
 * on the destination that only older cores have (x != 0 gives the same
 * answer as bsf there too). */
static inline __attribute__((always_inline)) uint64_t ctz_nz(uint64_t x, int bmi)
{
#if defined(CSV_AVX2)
	if (bmi) {
		uint64_t r;
		__asm__("tzcnt %1, %0" : "=r"(r) : "r"(x) : "cc");
		return r;
	}
#else
	(void)bmi;
#endif
	return (uint64_t)__builtin_ctzll(x);
}

/* Makes room for a record's fields split so far (nf) and a block's more
 * (sp: its separators, and a line end) before they are stored; 0 when the record has more than
 * max_fields (the general scan reports it), 1 done, CEN_ENOMEM. Called
 * between passes of scan_fast (see there), never inside its loop: a call
 * there would cost the loop its vector registers. */
static __attribute__((noinline)) int fast_room(cen_csv *c, size_t nf, uint64_t sp)
{
	size_t need = nf + (size_t)__builtin_popcountll(sp) + 1;
	if (need > c->o.max_fields)
		return 0;
	while (nf + 65 > c->fields_cap)
		if (grow_fields(c))
			return CEN_ENOMEM;
	return 1;
}

/* A record longer than len_cap that the fast path may still take: within
 * max_record, each of its nf fields within max_field (inline: no call in
 * scan_fast's loop). Its fields are f[0..nf), or with e (not NULL) those
 * of the field ends e[0..nf) of cen__csv_next_ends of the record at rs. */
static inline __attribute__((always_inline)) int within_caps(const cen_csv *c,
							     const cen_slice *f,
							     const char *const *e,
							     const char *rs, size_t nf,
							     size_t rlen)
{
	if (rlen > c->o.max_record)
		return 0;
	for (size_t k = 0; k < nf; k++)
		if ((e ? (size_t)(e[k] - 1 - (k ? e[k - 1] : rs)) : f[k].len) > c->o.max_field)
			return 0;
	return 1;
}

#if defined(CSV_AVX2)
/* The field ends of the separators in sp (a part of the block at bb), at
 * q: the offsets after them (1..64) compressed into the low bytes of one
 * register, then widened and added to bb eight at a time (stores up to
 * seven entries past the last, see ENDS_OVER). Returns q past them. */
__attribute__((target("avx2,bmi,avx512f,avx512bw,avx512vbmi2,popcnt"))) static inline const char **
ends_compress(const char **q, const char *bb, uint64_t sp)
{
	static const unsigned char after[64] = {
		1,  2,  3,  4,  5,  6,  7,  8,  9,  10, 11, 12, 13, 14, 15, 16,
		17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32,
		33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47, 48,
		49, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59, 60, 61, 62, 63, 64};
	__m512i pos = _mm512_maskz_compress_epi8(sp, _mm512_loadu_si512(after));
	const __m512i base = _mm512_set1_epi64((long long)(intptr_t)bb);
	size_t n = (size_t)__builtin_popcountll(sp);
	for (size_t j = 0; j < n; j += 8) {
		__m512i v = _mm512_add_epi64(_mm512_cvtepu8_epi64(_mm512_castsi512_si128(pos)), base);
		_mm512_storeu_si512((void *)(q + j), v);
		pos = _mm512_alignr_epi64(_mm512_setzero_si512(), pos, 1);
	}
	return q + n;
}
#endif

/* The fast path (see the file comment): splits the record at pos and, up
 * to max records in all, the records that follow while they are fit for
 * it and their fields fit in fields[] (one that is not is left whole to
 * the next call). Returns how many it took (0: leave the record at pos to
 * the general scan; always safe, it gives the same record), their fields
 * one record's after the other's in fields[] (with ends, a constant where
 * this is inlined: their field ends in ends[], see cen__csv_next_ends)
 * and the rest in out[], with pos, line and raw advanced past them. When
 * the first record's fields may not fit, it returns 0 with *room_nf and
 * *room_sp set for fast_room (0 otherwise): the caller makes room and
 * calls again, which splits the record anew. Reads only inside
 * buf[0, len); the bitmaps of the current 64-byte block carry over from
 * one record to the next until the buffer moves (refill). A record taken
 * here holds no '"' and no NUL byte. */
static inline __attribute__((always_inline)) int scan_fast(cen_csv *c,
							   struct cen__csv_run_rec *out,
							   size_t max, size_t *room_nf,
							   uint64_t *room_sp, int avx2, int ends)
{
	const char *b = c->buf;
	const size_t pos = c->pos;
	const char sep = c->o.sep;
	/* Locals only in the loop (stores into fields[] could alias c); the
	 * bitmaps go back into c at the end. */
	size_t blk = c->blk;
	blk_masks mk = {c->bm_sep, c->bm_stop, c->bm_untidy};
	if (pos - blk >= 64) {
		if (pos + 64 > c->len)
			return 0;
		blk = pos;
		mk = classify(b + pos, sep, avx2);
	}
	const char *bb = b + blk;              /* the block */
	const char *const blim = b + c->len - 64; /* the last a block may start at */
	/* Records up to this long need no look at their fields' lengths. */
	const size_t len_cap = c->len_cap;
	cen_slice *fl = c->fields, *o = fl;
	/* With ends: the next field end goes to q. */
	const char **const ql = c->ends;
	const char **q = ql, **qo = q;
	/* Past olim a block's fields may not fit, or exceed max_fields. */
	const cen_slice *olim = fl + c->flim;
	const char *const *qlim = ql + c->flim;
	struct cen__csv_run_rec *m = out, *const mend = out + max;
	const char *rs = b + pos;  /* start of the current record */
	cen_slice *ro = o;         /* its first field */
	const char *fs = rs;       /* start of the current field */
	uint64_t live = ~0ULL << (pos - blk);
	uint64_t bsep = mk.sep & live, bstop = mk.stop & live;
	/* Untidy bytes of the block from the current record on; bit 0 also
	 * stands for the record's bytes in blocks before (a record's first
	 * byte is next to the '\n' before it, or is a block's byte 0: an edge
	 * either way). */
	uint64_t buntidy = mk.untidy & live;
	for (;;) {
		uint64_t stop = bstop & (0 - bstop); /* the first stop byte, or 0 */
		if (stop && bb[ctz_nz(stop, avx2)] != '\n')
			break; /* a quote or a NUL: the general scan */
		uint64_t sp = bsep & (stop - 1); /* stop - 1: all ones if none */
		/* Two fields a turn: one loop test for both. A field ends
		 * where the next starts, less its separator (nf - fs - 1,
		 * one instruction fewer than e - fs with e kept). With ends,
		 * the byte after a separator ends its field. */
#if defined(CSV_AVX2)
		if (ends && avx2 == 2) {
			if (sp)
				q = ends_compress(q, bb, sp);
			sp = 0;
		}
#endif
		while (sp && ends) {
			q[0] = bb + ctz_nz(sp, avx2) + 1;
			sp &= sp - 1;
			if (!sp) {
				q++;
				break;
			}
			q[1] = bb + ctz_nz(sp, avx2) + 1;
			sp &= sp - 1;
			q += 2;
		}
		while (sp && !ends) {
			const char *nf = bb + ctz_nz(sp, avx2) + 1;
			sp &= sp - 1;
			o[0].ptr = fs;
			o[0].len = (size_t)(nf - fs) - 1;
			fs = nf;
			if (!sp) {
				o++;
				break;
			}
			nf = bb + ctz_nz(sp, avx2) + 1;
			sp &= sp - 1;
			o[1].ptr = fs;
			o[1].len = (size_t)(nf - fs) - 1;
			o += 2;
			fs = nf;
		}
		if (stop) {
			/* A '\r' before the '\n' ends the last field (it is
			 * not a separator, so lies in that field). */
			const char *e = bb + ctz_nz(stop, avx2), *fe = e;
			if (fe > rs && fe[-1] == '\r')
				fe--;
			size_t rlen = (size_t)(fe - rs);
			/* What the general scan holds to max_record: the
			 * record up to its '\n', a '\r' included. */
			size_t span = (size_t)(e - rs);
			size_t nf;
			if (ends) {
				*q = fe + 1;
				nf = (size_t)(q - qo) + 1;
			} else {
				o->ptr = fs;
				o->len = (size_t)(fe - fs);
				nf = (size_t)(o - ro) + 1;
			}
			if (nf > c->o.max_fields)
				break;
			/* A field can exceed its cap only if the record does. */
			if (span > len_cap &&
			    !within_caps(c, ro, ends ? qo : NULL, rs, nf, span))
				break;
			m->raw.ptr = rs;
			m->raw.len = rlen;
			m->nfields = nf;
			m->tidy = !(buntidy & ((stop - 1) | 1));
			rs = fs = e + 1;
			if (++m == mend)
				break;
			/* The next record starts after e, in this block. */
			uint64_t after = ~((stop << 1) - 1);
			bsep &= after;
			bstop &= after;
			buntidy &= after;
			if (ends) {
				qo = ++q;
			} else {
				ro = ++o;
			}
			continue;
		}
		if (bb + 64 > blim)
			break;
		/* Room for the next block's fields (at most 65): tested per
		 * block, as a record ending in this one took at most the
		 * room of its fields. Else the run ends before this record;
		 * or, its first, the caller makes room. */
		if (ends ? q > qlim : o > olim) {
			if (m == out) {
				*room_nf = ends ? (size_t)(q - ql) : (size_t)(o - fl);
				*room_sp = 0;
			}
			break;
		}
		bb += 64;
		uint64_t carry = buntidy != 0;
		mk = classify(bb, sep, avx2);
		bsep = mk.sep;
		bstop = mk.stop;
		buntidy = mk.untidy | carry;
	}
	/* The block's bitmaps, less bits before the next record (none the
	 * next call looks at: bit 0 of buntidy differs only when that record
	 * began in an earlier block, and then the next call classifies anew). */
	c->blk = (size_t)(bb - b);
	c->bm_sep = bsep;
	c->bm_stop = bstop;
	c->bm_untidy = buntidy;
	size_t done = (size_t)(m - out);
	if (done) {
		c->pos = (size_t)(rs - b);
		c->raw = m[-1].raw;
		c->line += done;
		c->rec_line = c->line - 1;
		c->plain = 1;
	}
	return (int)done;
}

#endif

static __attribute__((noinline)) int next_general(cen_csv *c, cen_slice **fields,
						 size_t *nfields);

/* One record: the bitmap scan when it applies (with AVX2 when avx2, 2
 * also AVX-512 for field ends, a
 * constant where this is inlined), else the general scan; then what the
 * caller needs to know of it in *rec. With a run (more, a constant NULL
 * or not where this is inlined) the records the bitmap scan split after
 * it, in *more (see scan_fast); with ends (a constant, only with a run)
 * all of them as field ends (cen__csv_next_ends). */
static inline __attribute__((always_inline)) int next_rec(cen_csv *c, cen_slice **fields,
							  size_t *nfields, cen__csv_rec *rec,
							  cen__csv_run *more, int avx2, int ends)
{
	int rc = 0;
	if (more) {
		more->n = 0;
		more->ends = NULL;
	}
#if defined(__SSE2__)
	struct cen__csv_run_rec one, *out = more ? more->rec : &one;
	const uint64_t line = c->line;
	if (c->fast && c->pos < c->len) {
		c->rec_line = line;
		for (int read_on = 1;;) {
			size_t room_nf = 0;
			uint64_t room_sp = 0;
			rc = scan_fast(c, out, more ? CEN__CSV_RUN + 1 : 1, &room_nf, &room_sp,
				       avx2, ends);
			if (!rc && room_nf && (rc = fast_room(c, room_nf, room_sp)) > 0)
				continue; /* room made: split it anew */
			/* A record running past the last whole block read: read
			 * on first, so that the bitmap scan takes it, not the
			 * byte scan (which would read on too): one record a
			 * read. Once: what else it left is the byte scan's. */
			if (rc || !read_on || c->eof || c->len - c->pos >= READ_ON)
				break;
			read_on = 0;
			if ((rc = refill(c)) < 0)
				break;
		}
	}
	if (rc > 0) {
		c->err[0] = '\0';
		*fields = ends ? NULL : c->fields;
		*nfields = out->nfields;
		rec->line = line;
		rec->raw = out->raw;
		rec->plain = 1;
		rec->tidy = out->tidy;
		if (more) {
			more->n = (size_t)rc - 1;
			more->line = line + 1;
			more->fields = c->fields + out->nfields;
			if (ends)
				more->ends = c->ends;
		}
		return 1;
	}
	if (rc < 0) {
		if (rc != CEN_EIO) /* a read's error says what went wrong */
			c->err[0] = '\0';
		c->plain = 0;
		c->raw.ptr = "";
		c->raw.len = 0;
		*fields = NULL;
		*nfields = 0;
	} else
#else
	(void)avx2;
#endif
	{
		rc = next_general(c, fields, nfields);
	}
	rec->line = c->rec_line;
	rec->raw = c->raw;
	rec->plain = c->plain;
	rec->tidy = 0;
	return rc;
}

/* next_rec with SSE2 (every x86-64; elsewhere the general scan only), and
 * with AVX2 and BMI1 (tzcnt without a sign extension, blsr) where the CPU
 * has them; each for single records and for runs. */
/* Not inlined into the exported entry points: there they would give the
 * AVX2 path (a tail call) their frame and saved registers too. */
static __attribute__((noinline)) int next_sse2(cen_csv *c, cen_slice **fields, size_t *nfields,
					       cen__csv_rec *rec)
{
	return next_rec(c, fields, nfields, rec, NULL, 0, 0);
}

static __attribute__((noinline)) int run_sse2(cen_csv *c, cen_slice **fields, size_t *nfields,
					      cen__csv_rec *rec, cen__csv_run *more)
{
	return next_rec(c, fields, nfields, rec, more, 0, 0);
}

static __attribute__((noinline)) int ends_sse2(cen_csv *c, cen_slice **fields, size_t *nfields,
					       cen__csv_rec *rec, cen__csv_run *more)
{
	return next_rec(c, fields, nfields, rec, more, 0, 1);
}

#if defined(CSV_AVX2)
/* flatten: masks64_avx2 (target avx2) cannot be inlined into classify,
 * which has no target, only into these; without it each 64-byte block
 * cost a call, its three masks returned through memory and the vector
 * constants made anew: 12 M instructions of 1,095 M on a 500 k run
 * (callgrind, AVX2). next_general and fast_room stay out of line. */
__attribute__((target("avx2,bmi"), flatten)) static int next_avx2(cen_csv *c, cen_slice **fields,
								   size_t *nfields,
								   cen__csv_rec *rec)
{
	return next_rec(c, fields, nfields, rec, NULL, 1, 0);
}

__attribute__((target("avx2,bmi"), flatten)) static int run_avx2(cen_csv *c, cen_slice **fields,
								  size_t *nfields,
								  cen__csv_rec *rec,
								  cen__csv_run *more)
{
	return next_rec(c, fields, nfields, rec, more, 1, 0);
}

__attribute__((target("avx2,bmi"), flatten)) static int ends_avx2(cen_csv *c, cen_slice **fields,
								   size_t *nfields,
								   cen__csv_rec *rec,
								   cen__csv_run *more)
{
	return next_rec(c, fields, nfields, rec, more, 1, 1);
}

/* ends_avx2 with the field ends stored by AVX-512 compress (avx2 2). */
__attribute__((target("avx2,bmi,avx512f,avx512bw,avx512vbmi2,popcnt"), flatten)) static int
ends_avx512(cen_csv *c, cen_slice **fields, size_t *nfields, cen__csv_rec *rec,
	    cen__csv_run *more)
{
	return next_rec(c, fields, nfields, rec, more, 2, 1);
}
#endif

/* Lets the kernel unmap the pages of a mapped file wholly before
 * pos - MAP_KEEP (records the caller is done with), so the process holds
 * about MAP_TRIM of the file at a time rather than all of it. The page
 * cache keeps the data; nothing is lost if a page were touched again. */
static __attribute__((noinline)) void trim_mapped(cen_csv *c)
{
	size_t pg = (size_t)sysconf(_SC_PAGESIZE);
	size_t upto = (c->pos - MAP_KEEP) / pg * pg;
	if (upto > c->map_kept) {
		(void)madvise(c->buf + c->map_kept, upto - c->map_kept, MADV_DONTNEED);
		c->map_kept = upto;
	}
}

int cen__csv_next_rec(cen_csv *c, cen_slice **fields, size_t *nfields, cen__csv_rec *rec)
{
	if (c->window)
		win_call(c);
	if (c->map_len && c->pos - c->map_kept >= MAP_TRIM + MAP_KEEP)
		trim_mapped(c);
#if defined(CSV_AVX2)
	if (c->avx2)
		return next_avx2(c, fields, nfields, rec);
#endif
	return next_sse2(c, fields, nfields, rec);
}

/* Fields a run may fill: CEN__CSV_RUN + 1 records of a few dozen fields
 * each, and a block's worth more (see fast_lim). */
#define RUN_FIELDS 256

/* The run scan the CPU has, with field ends when ends (a constant where
 * this is inlined); tail calls. */
static inline __attribute__((always_inline)) int run_any(cen_csv *c, cen_slice **fields,
							 size_t *nfields, cen__csv_rec *rec,
							 cen__csv_run *more, int ends)
{
#if defined(CSV_AVX2)
	if (c->avx2 && ends && c->avx512)
		return ends_avx512(c, fields, nfields, rec, more);
	if (c->avx2)
		return ends ? ends_avx2(c, fields, nfields, rec, more)
			    : run_avx2(c, fields, nfields, rec, more);
#endif
	return ends ? ends_sse2(c, fields, nfields, rec, more)
		    : run_sse2(c, fields, nfields, rec, more);
}

/* cen__csv_next_run after its upkeep: fields[] grown to RUN_FIELDS (once
 * per reader), mapped pages let go. Out of line,
 * so that the usual call is tests and a tail call, no frame. */
static __attribute__((noinline)) int run_upkeep(cen_csv *c, cen_slice **fields, size_t *nfields,
						 cen__csv_rec *rec, cen__csv_run *more, int ends)
{
	while (c->fields_cap < RUN_FIELDS)
		if (grow_fields(c))
			break; /* runs stay short; the record still goes */
	if (c->map_len && c->pos - c->map_kept >= MAP_TRIM + MAP_KEEP)
		trim_mapped(c);
	return run_any(c, fields, nfields, rec, more, ends);
}

/* cen__csv_next_run (ends 0) or cen__csv_next_ends (1; constants). */
static inline __attribute__((always_inline)) int next_run(cen_csv *c, cen_slice **fields,
							  size_t *nfields, cen__csv_rec *rec,
							  cen__csv_run *more, int ends)
{
	more->n = 0;
	if (c->window)
		win_call(c);
	if (c->fields_cap < RUN_FIELDS ||
	    (c->map_len && c->pos - c->map_kept >= MAP_TRIM + MAP_KEEP))
		return run_upkeep(c, fields, nfields, rec, more, ends);
	return run_any(c, fields, nfields, rec, more, ends);
}

int cen__csv_next_run(cen_csv *c, cen_slice **fields, size_t *nfields, cen__csv_rec *rec,
		      cen__csv_run *more)
{
	return next_run(c, fields, nfields, rec, more, 0);
}

int cen__csv_next_ends(cen_csv *c, cen_slice **fields, size_t *nfields, cen__csv_rec *rec,
		       cen__csv_run *more)
{
	return next_run(c, fields, nfields, rec, more, 1);
}

cen_slice *cen__csv_ends_fields(cen_csv *c, const char *rs, const char *const *e, size_t nf)
{
	for (size_t k = 0; k < nf; k++) {
		c->fields[k].ptr = rs;
		c->fields[k].len = (size_t)(e[k] - 1 - rs);
		rs = e[k];
	}
	return c->fields;
}

int cen_csv_next(cen_csv *c, cen_slice **fields, size_t *nfields)
{
	cen__csv_rec rec;
	return cen__csv_next_rec(c, fields, nfields, &rec);
}

/* Reads more when every buffered byte is consumed; 0 or CEN_EIO/ENOMEM.
 * Afterwards pos == len only at the end of input. */
static int fill_if_empty(cen_csv *c)
{
	if (!c->buf)
		return CEN_EIO;
	if (c->pos < c->len)
		return 0;
	int rc = refill(c);
	return rc < 0 ? rc : 0;
}

/* The general scan of one record: any input, any options. */
static __attribute__((noinline)) int next_general(cen_csv *c, cen_slice **fields,
						 size_t *nfields)
{
	c->err[0] = '\0';
	c->plain = 0;
	c->raw.ptr = "";
	c->raw.len = 0;
	*fields = NULL;
	*nfields = 0;
	int filled = fill_if_empty(c);
	if (filled < 0)
		return filled;
	if (c->pos >= c->len)
		return 0;
restart:;
	/* Scan without modifying: find field boundaries and the record end. */
	size_t i = c->pos, nf = 0, fstart = c->pos, nl = 0;
	int in_quote = 0, at_start = 1;
	const int whole = c->o.whole_lines;
	/* In whole-line mode no byte but '\n' is special: NUL never occurs as
	 * a separator there because sep is compared only when !whole. */
	const char sep = c->o.sep;
	c->rec_line = c->line;
	/* A record is scanned at most max_record + 1 bytes ahead, whatever
	 * is buffered: one whose line end (or the end of input) is not among
	 * them is rejected, so the answer is the same for input held whole
	 * and for input read in chunks of any size (a window's, a pipe's). */
	const size_t lim = c->len - c->pos > c->o.max_record ? c->pos + c->o.max_record + 1
							      : c->len;
	for (;;) {
		if (i >= lim) {
			if (i - c->pos > c->o.max_record) {
				if (in_quote)
					goto unterminated;
				snprintf(c->err, sizeof c->err, "%s:%llu: record longer than %zu bytes",
					 c->name, (unsigned long long)c->rec_line, c->o.max_record);
				int rc = skip_line(c);
				return rc < 0 ? rc : CEN_ELIMIT;
			}
			if (!c->eof) {
				size_t old_pos = c->pos;
				int rc = refill(c);
				if (rc < 0)
					return rc;
				(void)old_pos;
				goto restart; /* offsets moved; rescan (cheap, rare) */
			}
			if (in_quote)
				goto unterminated;
			break; /* last record without a newline */
		}
		char ch = c->buf[i];
		if (in_quote) {
			if (ch == '"') {
				if (i + 1 >= c->len && !c->eof) {
					int rc = refill(c);
					if (rc < 0)
						return rc;
					goto restart;
				}
				if (i + 1 < c->len && c->buf[i + 1] == '"') {
					i += 2;
					continue;
				}
				in_quote = 0;
			} else if (ch == '\n') {
				nl++;
			}
			i++;
			continue;
		}
		if (at_start && ch == '"' && !whole) {
			in_quote = 1;
			at_start = 0;
			i++;
			continue;
		}
		at_start = 0;
		if ((ch == sep && !whole) || ch == '\n') {
			size_t fend = i;
			if (ch == '\n' && fend > fstart && c->buf[fend - 1] == '\r')
				fend--;
			if (nf >= c->o.max_fields) {
				snprintf(c->err, sizeof c->err, "%s:%llu: more than %zu fields",
					 c->name, (unsigned long long)c->rec_line, c->o.max_fields);
				int rc = skip_line(c);
				return rc < 0 ? rc : CEN_ELIMIT;
			}
			if (fend - fstart > c->o.max_field + 2) {
				snprintf(c->err, sizeof c->err,
					 "%s:%llu: field %zu longer than %zu bytes", c->name,
					 (unsigned long long)c->rec_line, nf + 1, c->o.max_field);
				int rc = skip_line(c);
				return rc < 0 ? rc : CEN_ELIMIT;
			}
			if (nf >= c->fields_cap && grow_fields(c))
				return CEN_ENOMEM;
			c->fields[nf].ptr = c->buf + fstart;
			c->fields[nf].len = fend - fstart;
			nf++;
			i++;
			fstart = i;
			at_start = 1;
			if (ch == '\n') {
				c->raw.ptr = c->buf + c->pos;
				c->raw.len = fend - c->pos;
				c->line += nl + 1;
				c->pos = i;
				goto done;
			}
			continue;
		}
		i++;
	}
	/* End of input without a final newline. */
	{
		size_t fend = i;
		if (fend > fstart && c->buf[fend - 1] == '\r')
			fend--;
		if (nf >= c->o.max_fields || fend - fstart > c->o.max_field + 2) {
			snprintf(c->err, sizeof c->err, "%s:%llu: field %zu too long or too many fields",
				 c->name, (unsigned long long)c->rec_line, nf + 1);
			int rc = skip_line(c);
			return rc < 0 ? rc : CEN_ELIMIT;
		}
		if (nf >= c->fields_cap && grow_fields(c))
			return CEN_ENOMEM;
		c->fields[nf].ptr = c->buf + fstart;
		c->fields[nf].len = fend - fstart;
		nf++;
		c->raw.ptr = c->buf + c->pos;
		c->raw.len = fend - c->pos;
		c->line += nl;
		c->pos = c->len;
	}
done:;
	int rc = finish_fields(c, nf);
	if (rc)
		return rc;
	for (size_t k = 0; k < nf; k++) {
		if (c->fields[k].len > c->o.max_field) {
			snprintf(c->err, sizeof c->err, "%s:%llu: field %zu longer than %zu bytes",
				 c->name, (unsigned long long)c->rec_line, k + 1, c->o.max_field);
			return CEN_ELIMIT;
		}
	}
	*fields = c->fields;
	*nfields = nf;
	return 1;

unterminated:
	snprintf(c->err, sizeof c->err, "%s:%llu: unterminated quoted field",
		 c->name, (unsigned long long)c->rec_line);
	{
		int src = skip_line(c);
		return src < 0 ? src : CEN_EPARSE;
	}
}

size_t cen__count_byte(const char *p, size_t n, char ch)
{
	size_t k = 0, i = 0;
#if defined(__SSE2__)
	/* 64 bytes a turn, each byte lane of acc counting its matches (four a
	 * turn), summed before it could pass 255: every 63 turns. */
	const __m128i v = _mm_set1_epi8(ch), z = _mm_setzero_si128();
	while (n - i >= 64) {
		size_t end = n - i >= 63 * 64 ? i + 63 * 64 : i + (n - i) / 64 * 64;
		__m128i acc = z;
		for (; i < end; i += 64) {
			const __m128i *q = (const __m128i *)(const void *)(p + i);
			acc = _mm_sub_epi8(acc, _mm_cmpeq_epi8(_mm_loadu_si128(q), v));
			acc = _mm_sub_epi8(acc, _mm_cmpeq_epi8(_mm_loadu_si128(q + 1), v));
			acc = _mm_sub_epi8(acc, _mm_cmpeq_epi8(_mm_loadu_si128(q + 2), v));
			acc = _mm_sub_epi8(acc, _mm_cmpeq_epi8(_mm_loadu_si128(q + 3), v));
		}
		__m128i sum = _mm_sad_epu8(acc, z); /* two sums of eight lanes */
		k += (size_t)_mm_cvtsi128_si32(sum) + (size_t)_mm_extract_epi16(sum, 4);
	}
#endif
	for (; i < n; i++)
		k += p[i] == ch;
	return k;
}

int cen_csv_peek_first(cen_csv *c)
{
	int rc = fill_if_empty(c);
	if (rc < 0)
		return rc;
	for (size_t i = c->pos; i < c->len; i++) {
		unsigned char ch = (unsigned char)c->buf[i];
		if (ch != ' ' && ch != '\t' && ch != '\r' && ch != '\n')
			return ch;
	}
	return 0;
}

void cen_csv_set_whole_lines(cen_csv *c, int on)
{
	c->o.whole_lines = on != 0;
	set_fast(c);
}

uint64_t cen_csv_line(const cen_csv *c) { return c->rec_line; }
int cen__csv_plain(const cen_csv *c) { return c->plain; }
int cen__csv_mapped(const cen_csv *c) { return c->map_len != 0; }
unsigned cen__csv_window(const cen_csv *c) { return c->window; }

void cen__csv_window_sizes(cen_csv *c, size_t buf, size_t chunk)
{
	c->win_buf = buf;
	/* Under 2 a read could ask for nothing and take it for the end. */
	c->win_chunk = chunk < 2 ? 2 : chunk;
	if (c->consumed || c->len || c->eof || buf >= c->cap)
		return;
	/* Nothing read yet: the first buffer is of this size too. */
	char *nb = cen_realloc(c->buf, buf + 1);
	if (nb) {
		c->buf = nb;
		c->cap = buf;
	}
}

void cen__csv_window_clock(cen_csv *c, const uint64_t *tick)
{
	c->tick = tick;
	c->nent = 0;
	c->ent_at = 0;
}


int cen__csv_set_simd(cen_csv *c, int level)
{
	c->o.bytewise = level <= 0;
#if defined(CSV_AVX2)
	c->avx2 = level >= 2 && cpu_avx2();
	c->avx512 = level >= 3 && cpu_avx512();
#endif
	set_fast(c);
	c->blk = BLK_NONE;
#if defined(__SSE2__)
	return !c->fast ? 0 : c->avx512 ? 3 : c->avx2 ? 2 : 1;
#else
	return 0;
#endif
}

cen_slice cen_csv_raw(const cen_csv *c) { return c->raw; }
const char *cen_csv_errmsg(const cen_csv *c) { return c->err; }
const char *cen_csv_name(const cen_csv *c) { return c->name; }
uint64_t cen_csv_offset(const cen_csv *c) { return c->consumed + c->pos; }
uint64_t cen_csv_size(const cen_csv *c) { return c->size; }

int cen_read_file(const char *path, size_t max, char **data, size_t *len,
		  char *errbuf, size_t errlen)
{
	*data = NULL;
	*len = 0;
	int fd = strcmp(path, "-") == 0 ? 0 : open(path, O_RDONLY);
	if (fd < 0) {
		snprintf(errbuf, errlen, "%s: %s", path, strerror(errno));
		return CEN_EIO;
	}
	cen_buf b;
	cen_buf_init(&b, max);
	int rc = 0;
	for (;;) {
		size_t want = 65536;
		if (max && max - b.len < want)
			want = max - b.len;
		if (want == 0) {
			char extra;
			ssize_t m = read(fd, &extra, 1);
			if (m > 0) {
				snprintf(errbuf, errlen, "%s: larger than %zu bytes", path, max);
				rc = CEN_ELIMIT;
				goto out;
			}
			break;
		}
		if ((rc = cen_buf_reserve(&b, want))) {
			if (rc == CEN_ELIMIT)
				snprintf(errbuf, errlen, "%s: larger than %zu bytes", path, max);
			else
				snprintf(errbuf, errlen, "%s: out of memory", path);
			goto out;
		}
		ssize_t n = read(fd, b.data + b.len, want);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			snprintf(errbuf, errlen, "%s: %s", path, strerror(errno));
			rc = CEN_EIO;
			goto out;
		}
		if (n == 0)
			break;
		b.len += (size_t)n;
		b.data[b.len] = '\0';
	}
	*len = b.len;
	*data = cen_buf_detach(&b);
	if (!*data)
		rc = CEN_ENOMEM;
out:
	if (fd > 0)
		close(fd);
	cen_buf_release(&b);
	return rc;
}
