/* fuzz_txn_fastpath.c - differential libFuzzer target: the transaction
 * reader with its fast paths (bitmap CSV scan, plain-field tests, minute
 * cache, inline amounts) against the same reader switched to the general
 * code only (cen__txn_reader_set_general), on the same bytes and options.
 * Any difference (a return code, an error message, a line, a raw row, a
 * field of a record, the counts) aborts. The first byte picks options as
 * in fuzz_txn_csv, plus a comment character. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "centinela/txn.h"
#include "fuzz_txn_cmp.h"
#include "fuzz_txn_opts.h"
#include "txn/reader.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	cen_txn_reader_opts o = {0};
	uint8_t sel = fuzz_txn_opts(&data, &size, &o);
	if (sel & 32)
		o.comment = '#';
	cen_txn_reader *fast = NULL, *general = NULL;
	int rf = cen_txn_reader_open_mem(&fast, (const char *)data, size, "f.csv", &o);
	int rg = cen_txn_reader_open_mem(&general, (const char *)data, size, "f.csv", &o);
	if (rf != rg || strcmp(cen_txn_reader_errmsg(fast), cen_txn_reader_errmsg(general)))
		abort();
	if (rf == 0) {
		cen__txn_reader_set_general(general, 1);
		for (;;) {
			cen_txn x, y;
			int a = cen_txn_reader_next(fast, &x), b = cen_txn_reader_next(general, &y);
			if (a != b || strcmp(cen_txn_reader_errmsg(fast), cen_txn_reader_errmsg(general)) ||
			    cen_txn_reader_line(fast) != cen_txn_reader_line(general))
				abort();
			fuzz_same(cen_txn_reader_raw(fast), cen_txn_reader_raw(general));
			if (a == 1)
				fuzz_same_record(&x, &y);
			if (a == 0 || (a < 0 && a != CEN_EPARSE && a != CEN_ELIMIT))
				break;
		}
		cen_txn_counts cf, cg;
		cen_txn_reader_counts(fast, &cf);
		cen_txn_reader_counts(general, &cg);
		if (memcmp(&cf, &cg, sizeof cf))
			abort();
	}
	cen_txn_reader_free(fast);
	cen_txn_reader_free(general);
	return 0;
}
