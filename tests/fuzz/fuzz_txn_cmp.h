/* fuzz_txn_cmp.h - what the differential reader targets compare: two
 * slices byte for byte, and two records field by field (every member of a
 * cen_txn). A difference aborts. */
#ifndef FUZZ_TXN_CMP_H
#define FUZZ_TXN_CMP_H

#include <stdlib.h>
#include <string.h>

#include "centinela/txn.h"

static inline void fuzz_same(cen_slice a, cen_slice b)
{
	if (a.len != b.len || (a.len && memcmp(a.ptr, b.ptr, a.len)))
		abort();
}

static inline void fuzz_same_record(const cen_txn *x, const cen_txn *y)
{
	if (x->row != y->row || x->ts != y->ts || x->amount != y->amount ||
	    x->amount_recv != y->amount_recv || x->base_amount != y->base_amount ||
	    strcmp(x->currency, y->currency) || strcmp(x->currency_recv, y->currency_recv) ||
	    x->channel != y->channel || x->label != y->label)
		abort();
	fuzz_same(x->id, y->id);
	fuzz_same(x->orig_bank, y->orig_bank);
	fuzz_same(x->orig_acct, y->orig_acct);
	fuzz_same(x->bene_bank, y->bene_bank);
	fuzz_same(x->bene_acct, y->bene_acct);
	fuzz_same(x->orig_name, y->orig_name);
	fuzz_same(x->bene_name, y->bene_name);
	fuzz_same(x->orig_country, y->orig_country);
	fuzz_same(x->bene_country, y->bene_country);
	fuzz_same(x->location, y->location);
	fuzz_same(x->memo, y->memo);
}

#endif
