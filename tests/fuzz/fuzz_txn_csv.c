/* fuzz_txn_csv.c - libFuzzer target: the transaction reader on arbitrary
 * CSV bytes with format auto-detection. The first byte picks options (a
 * column mapping, step time unit, no header, ';' separator) so mapped and
 * headerless paths are explored too. Every row must be returned or
 * reported, and counts must add up. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "centinela/txn.h"
#include "fuzz_txn_opts.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	cen_txn_reader_opts o = {0};
	(void)fuzz_txn_opts(&data, &size, &o);
	cen_txn_reader *r = NULL;
	int rc = cen_txn_reader_open_mem(&r, (const char *)data, size, "fuzz.csv", &o);
	if (rc == 0) {
		cen_txn t;
		uint64_t ok = 0, bad = 0;
		for (;;) {
			rc = cen_txn_reader_next(r, &t);
			if (rc == 0)
				break;
			if (rc == 1) {
				ok++;
				/* Touch every slice so ASan sees bad pointers. */
				volatile size_t sum = t.id.len + t.orig_acct.len + t.bene_acct.len +
						      t.orig_name.len + t.memo.len;
				if (t.orig_acct.len)
					sum += (unsigned char)t.orig_acct.ptr[t.orig_acct.len - 1];
				if (t.orig_name.len)
					sum += (unsigned char)t.orig_name.ptr[t.orig_name.len - 1];
				(void)sum;
				if (t.amount < 0 || t.base_amount < 0)
					abort();
				continue;
			}
			if (rc != CEN_EPARSE && rc != CEN_ELIMIT)
				break;
			bad++;
			if (!cen_txn_reader_errmsg(r)[0])
				abort(); /* a rejected row always says why */
			(void)cen_txn_reader_raw(r);
		}
		cen_txn_counts c;
		cen_txn_reader_counts(r, &c);
		if (rc == 0 && (c.ok != ok || c.rejected != bad || c.rows != ok + bad))
			abort();
	}
	cen_txn_reader_free(r);
	return 0;
}
