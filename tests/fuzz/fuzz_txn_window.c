/* fuzz_txn_window.c - differential libFuzzer target for window mode
 * (cen_txn_reader_opts.window_rows): the same bytes, written to a file,
 * read by the transaction reader in window mode, with a small or odd
 * window and window buffers of a few dozen to a few thousand bytes read
 * a few bytes to a buffer's worth at a time, and by the plain reader (the
 * same file read without a window). Any difference aborts: a return code,
 * an error message (file, line and field), a line, a raw row, a field of
 * a record, the counts. So does a record the window reader says is kept
 * (cen_txn_reader_kept) whose text moves, changes or is freed before the
 * call that returns the window-th row after it (a rejected row between
 * them does not count; ASan sees a freed buffer read).
 *
 * Input: the first byte picks reader options as in fuzz_txn_csv, plus a
 * comment character (32) and the general code only for the window reader
 * (64, cen__txn_reader_set_general: its byte scan in window mode); the
 * next two the window and the buffer sizes (fuzz_window_sizes); the rest
 * is the file. tests/unit/test_txn_window.c runs this target on its
 * corpus and on generated files in the unit suite; bench/fuzz.sh runs it
 * long. */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "centinela/txn.h"
#include "fuzz_txn_cmp.h"
#include "fuzz_txn_opts.h"
#include "fuzz_window.h"
#include "txn/reader.h"

/* The text slices of a record, in cen_txn order. */
#define NTEXT 11

static void texts(const cen_txn *t, cen_slice s[NTEXT])
{
	s[0] = t->id;
	s[1] = t->orig_bank;
	s[2] = t->orig_acct;
	s[3] = t->bene_bank;
	s[4] = t->bene_acct;
	s[5] = t->orig_name;
	s[6] = t->bene_name;
	s[7] = t->orig_country;
	s[8] = t->bene_country;
	s[9] = t->location;
	s[10] = t->memo;
}

/* A kept record of the window reader: the ok count it was returned at
 * (idx), its slices, and a copy of their bytes. */
struct held {
	int live;
	uint64_t idx;
	cen_slice s[NTEXT];
	char *copy;
	size_t cap;
};

static struct held ring[FUZZ_WINDOW_MAX + 1];

static void hold(struct held *h, uint64_t idx, const cen_txn *t)
{
	texts(t, h->s);
	size_t n = 0;
	for (int i = 0; i < NTEXT; i++)
		n += h->s[i].len;
	if (n > h->cap) {
		char *p = realloc(h->copy, n);
		if (!p)
			abort();
		h->copy = p;
		h->cap = n;
	}
	n = 0;
	for (int i = 0; i < NTEXT; i++) {
		if (h->s[i].len)
			memcpy(h->copy + n, h->s[i].ptr, h->s[i].len);
		n += h->s[i].len;
	}
	h->idx = idx;
	h->live = 1;
}

/* After a call of the window reader that left its ok count at now (got:
 * the call returned a row): the kept records it still promises are as
 * they were; the others are let go. */
static void check_held(unsigned window, uint64_t now, int got)
{
	for (unsigned i = 0; i <= window; i++) {
		struct held *h = &ring[i];
		if (!h->live)
			continue;
		uint64_t age = now - h->idx;
		if (got ? age > window : age >= window) {
			h->live = 0;
			continue;
		}
		size_t n = 0;
		for (int k = 0; k < NTEXT; k++) {
			if (h->s[k].len && memcmp(h->s[k].ptr, h->copy + n, h->s[k].len))
				abort();
			n += h->s[k].len;
		}
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	cen_txn_reader_opts o = {0};
	uint8_t sel = fuzz_txn_opts(&data, &size, &o);
	if (sel & 32)
		o.comment = '#';
	uint8_t a = size > 0 ? data[0] : 0, b = size > 1 ? data[1] : 0;
	size_t skip = size < 2 ? size : 2;
	data += skip;
	size -= skip;
	unsigned window;
	size_t buf, chunk;
	fuzz_window_sizes(a, b, &window, &buf, &chunk);
	const char *path = fuzz_window_file(data, size);
	o.name = "w.csv";
	cen_txn_reader *plain = NULL, *win = NULL;
	int rp = cen_txn_reader_open(&plain, path, &o);
	o.window_rows = window;
	int rw = cen__txn_reader_open_window(&win, path, &o, buf, chunk);
	if (rp != rw || strcmp(cen_txn_reader_errmsg(plain), cen_txn_reader_errmsg(win)))
		abort();
	if (rp == 0) {
		if (sel & 64)
			cen__txn_reader_set_general(win, 1);
		for (unsigned i = 0; i <= window; i++)
			ring[i].live = 0;
		uint64_t ok = 0;
		for (;;) {
			cen_txn x, y;
			int p = cen_txn_reader_next(plain, &x), w = cen_txn_reader_next(win, &y);
			if (p != w || strcmp(cen_txn_reader_errmsg(plain), cen_txn_reader_errmsg(win)) ||
			    cen_txn_reader_line(plain) != cen_txn_reader_line(win))
				abort();
			fuzz_same(cen_txn_reader_raw(plain), cen_txn_reader_raw(win));
			if (w == 1) {
				fuzz_same_record(&x, &y);
				ok++;
			}
			check_held(window, ok, w == 1);
			if (w == 1 && cen_txn_reader_kept(win))
				hold(&ring[ok % (window + 1)], ok, &y);
			if (w == 0 || (w < 0 && w != CEN_EPARSE && w != CEN_ELIMIT))
				break;
		}
		cen_txn_counts cp, cw;
		cen_txn_reader_counts(plain, &cp);
		cen_txn_reader_counts(win, &cw);
		if (memcmp(&cp, &cw, sizeof cp))
			abort();
	}
	cen_txn_reader_free(plain);
	cen_txn_reader_free(win);
	return 0;
}
