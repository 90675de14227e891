/* fuzz_csv_window.c - differential libFuzzer target for the CSV reader's
 * window mode (cen_csv_opts.window) with small caps, so that its own
 * paths (a record longer than max_record let go while the window still
 * holds what came before, unterminated quotes, too many fields, long
 * fields) are reached, which the transaction reader's caps of megabytes
 * keep out of fuzz_txn_window's reach. The bytes, written to a file, are
 * read in window mode (small or odd window, buffers of a few dozen to a
 * few thousand bytes, runs or field ends or single records) and by the
 * byte-by-byte scan without a window. Any difference aborts: return
 * code, message, line, raw text, fields, offset. So does a record whose
 * raw text moves, changes or is freed before the window-th call after the
 * one that returned it (records of a run belong to its call).
 *
 * Input: byte 0 picks the caps, the separator, whole lines and how the
 * window reader is called; bytes 1 and 2 the window and buffer sizes
 * (fuzz_window_sizes); the rest is the file. tests/unit/test_txn_window.c
 * runs this target on its corpus in the unit suite; bench/fuzz.sh runs
 * it long. */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "centinela/io.h"
#include "core/csv.h"
#include "fuzz_window.h"

#define PER_CALL (CEN__CSV_RUN + 1)

/* The raw text of the records of the window reader's last window + 1
 * calls: slot (call % (window + 1)) * PER_CALL + i. */
static struct held {
	int live;
	uint64_t call;
	cen_slice raw;
	char *copy;
	size_t cap;
} ring[(FUZZ_WINDOW_MAX + 1) * PER_CALL];

static void hold(struct held *h, uint64_t call, cen_slice raw)
{
	if (raw.len > h->cap) {
		char *p = realloc(h->copy, raw.len);
		if (!p)
			abort();
		h->copy = p;
		h->cap = raw.len;
	}
	if (raw.len)
		memcpy(h->copy, raw.ptr, raw.len);
	h->raw = raw;
	h->call = call;
	h->live = 1;
}

/* After the window reader's call number now: records of the window
 * calls before it are as they were; older ones are let go. */
static void check_held(unsigned window, uint64_t now)
{
	for (size_t i = 0; i < (size_t)(window + 1) * PER_CALL; i++) {
		struct held *h = &ring[i];
		if (!h->live)
			continue;
		if (now - h->call > window) {
			h->live = 0;
			continue;
		}
		if (h->raw.len && memcmp(h->raw.ptr, h->copy, h->raw.len))
			abort();
	}
}

static void same_fields(const cen_slice *a, size_t na, const cen_slice *b, size_t nb)
{
	if (na != nb)
		abort();
	for (size_t k = 0; k < na; k++)
		if (a[k].len != b[k].len || (a[k].len && memcmp(a[k].ptr, b[k].ptr, a[k].len)))
			abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 3)
		return 0;
	uint8_t sel = data[0];
	unsigned window;
	size_t buf, chunk;
	fuzz_window_sizes(data[1], data[2], &window, &buf, &chunk);
	data += 3;
	size -= 3;
	cen_csv_opts o = {0};
	o.max_record = 16 + (size_t)(sel & 7) * 150;
	o.max_field = 4 + (size_t)(sel >> 3 & 3) * 90;
	o.max_fields = 2 + (size_t)(sel >> 5 & 1) * 60;
	o.sep = sel & 64 ? ';' : ',';
	const int mode = sel >> 7 ? (int)(size % 3) : 1; /* 0 single, 1 runs, 2 ends */
	const char *path = fuzz_window_file(data, size);
	cen_csv *w = NULL, *p = NULL;
	cen_csv_opts ob = o;
	ob.bytewise = 1;
	o.window = window;
	if (cen_csv_open_file(&w, path, &o) || cen_csv_open_file(&p, path, &ob))
		abort();
	cen__csv_window_sizes(w, buf, chunk);
	if (size % 5 == 0) { /* as the transaction reader reads JSON lines */
		cen_csv_set_whole_lines(w, 1);
		cen_csv_set_whole_lines(p, 1);
	}
	for (size_t i = 0; i < (size_t)(window + 1) * PER_CALL; i++)
		ring[i].live = 0;
	uint64_t calls = 0;
	cen__csv_run more;
	more.n = 0;
	more.ends = NULL;
	size_t at = 0;
	cen_slice *mf = NULL;
	const char *const *me = NULL;
	for (;;) {
		cen_slice *fw, *fp;
		size_t nw, np;
		cen__csv_rec rec;
		int rw;
		if (at < more.n) {
			const struct cen__csv_run_rec *m = &more.rec[++at];
			nw = m->nfields;
			if (more.ends) {
				fw = cen__csv_ends_fields(w, m->raw.ptr, me, nw);
				me += nw;
			} else {
				fw = mf;
				mf += nw;
			}
			rec.line = more.line + at - 1;
			rec.raw = m->raw;
			rw = 1;
		} else {
			if (mode == 0)
				rw = cen__csv_next_rec(w, &fw, &nw, &rec);
			else if (mode == 1)
				rw = cen__csv_next_run(w, &fw, &nw, &rec, &more);
			else
				rw = cen__csv_next_ends(w, &fw, &nw, &rec, &more);
			calls++;
			check_held(window, calls);
			at = 0;
			mf = more.fields;
			if (more.ends) {
				me = more.ends;
				fw = cen__csv_ends_fields(w, rec.raw.ptr, me, nw);
				me += nw;
			}
			if (rw == 1) {
				struct held *slot = &ring[(calls % (window + 1)) * PER_CALL];
				hold(&slot[0], calls, rec.raw);
				for (size_t i = 1; i <= more.n; i++)
					hold(&slot[i], calls, more.rec[i].raw);
			}
		}
		int rp = cen_csv_next(p, &fp, &np);
		if (rw != rp || strcmp(cen_csv_errmsg(w), cen_csv_errmsg(p)) ||
		    rec.line != cen_csv_line(p))
			abort();
		cen_slice raw = cen_csv_raw(p);
		if (rec.raw.len != raw.len || (raw.len && memcmp(rec.raw.ptr, raw.ptr, raw.len)))
			abort();
		if (rw == 1)
			same_fields(fw, nw, fp, np);
		if (at == more.n && cen_csv_offset(w) != cen_csv_offset(p))
			abort();
		if (rw == 0 || (rw < 0 && rw != CEN_EPARSE && rw != CEN_ELIMIT))
			break;
	}
	cen_csv_free(w);
	cen_csv_free(p);
	return 0;
}
