/* fuzz_txn_opts.h - the reader options a transaction fuzz input picks with
 * its first byte (a column mapping, step time unit, no header with numbered
 * columns, ';' separator, a rates option), shared by the reader targets so
 * their corpora mean the same. */
#ifndef FUZZ_TXN_OPTS_H
#define FUZZ_TXN_OPTS_H

#include <stddef.h>
#include <stdint.h>

#include "centinela/txn.h"

/* Fills *o from the first byte, which it takes off *data and *size; returns
 * that byte (targets may read more options from its high bits). */
static inline uint8_t fuzz_txn_opts(const uint8_t **data, size_t *size, cen_txn_reader_opts *o)
{
	uint8_t sel = *size ? (*data)[0] : 0;
	if (*size) {
		(*data)++;
		(*size)--;
	}
	if (sel & 1)
		o->columns = "src=a,dst=b,amount=c,time=d,currency=e,channel=f,orig_name=g,label=h";
	if (sel & 2)
		o->time_unit = CEN_TIME_STEP;
	if ((sel & 12) == 4) {
		o->no_header = 1;
		o->columns = "src=#1,dst=#2,amount=#3,time=#4,id=#5";
	}
	if ((sel & 12) == 8)
		o->sep = ';';
	if (sel & 16)
		o->rates = "XYZ=2.5";
	return sel;
}

#endif
