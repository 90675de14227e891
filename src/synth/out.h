/* out.h - synth's buffered file writer and row layouts (synth-internal).
 *
 * A syn_out owns a 1 MiB buffer and a FILE; writes never fail individually,
 * the first error is kept and returned by syn_out_close with the file name.
 */
#ifndef CEN_SYNTH_OUT_H
#define CEN_SYNTH_OUT_H

#include <stdio.h>

#include "synth/synth_int.h"

typedef struct syn_out {
	FILE *f;
	char *buf;
	size_t n;
	int err; /* errno of the first failure */
	char path[4096];
} syn_out;

int syn_out_open(syn_out *o, const char *dir, const char *name, char *errbuf, size_t errlen);
/* Flushes and closes; safe on a writer that failed to open or was closed. */
int syn_out_close(syn_out *o, char *errbuf, size_t errlen);
void syn_out_bytes(syn_out *o, const char *s, size_t len);
void syn_out_str(syn_out *o, const char *s);
void syn_out_c(syn_out *o, char c);
void syn_out_u64(syn_out *o, uint64_t v);

/* "YYYY-MM-DDT" (canonical) or "YYYY/MM/DD " (AMLworld) of an epoch day. */
void syn_fmt_day(int64_t epoch_day, int amlworld, char out[12]);
void syn_write_canonical(syn_out *o, const syn_world *w, const syn_ev *e, uint64_t id,
			 const char *day);
void syn_write_amlworld(syn_out *o, const syn_world *w, const syn_ev *e, const char *day);
/* BANK:ACCOUNT as the transaction reader forms it from either format. */
void syn_write_account_key(syn_out *o, const syn_world *w, uint32_t a, int amlworld);
void syn_write_account(syn_out *o, const syn_world *w, uint32_t i, int amlworld);

#endif
