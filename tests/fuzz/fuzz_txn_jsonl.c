/* fuzz_txn_jsonl.c - libFuzzer target: the transaction reader on arbitrary
 * JSON-lines bytes (format forced to jsonl). Every line must be returned or
 * reported, and counts must add up. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "centinela/txn.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	cen_txn_reader_opts o = {0};
	o.format = CEN_TXN_JSONL;
	cen_txn_reader *r = NULL;
	int rc = cen_txn_reader_open_mem(&r, (const char *)data, size, "fuzz.jsonl", &o);
	if (rc == 0) {
		cen_txn t;
		uint64_t ok = 0, bad = 0;
		for (;;) {
			rc = cen_txn_reader_next(r, &t);
			if (rc == 0)
				break;
			if (rc == 1) {
				ok++;
				volatile size_t sum = t.id.len + t.orig_acct.len + t.bene_acct.len +
						      t.orig_name.len + t.bene_name.len + t.memo.len;
				if (t.orig_name.len)
					sum += (unsigned char)t.orig_name.ptr[t.orig_name.len - 1];
				if (t.memo.len)
					sum += (unsigned char)t.memo.ptr[0];
				(void)sum;
				continue;
			}
			if (rc != CEN_EPARSE && rc != CEN_ELIMIT)
				break;
			bad++;
			if (!cen_txn_reader_errmsg(r)[0])
				abort();
		}
		cen_txn_counts c;
		cen_txn_reader_counts(r, &c);
		if (rc == 0 && (c.ok != ok || c.rejected != bad || c.rows != ok + bad))
			abort();
	}
	cen_txn_reader_free(r);
	return 0;
}
