/* reader.h - pieces shared by the transaction reader's files (internal to txn). */
#ifndef CEN_TXN_READER_H
#define CEN_TXN_READER_H

#include <stddef.h>

#include "centinela/io.h"
#include "centinela/txn.h"

/* Fields of a transaction, in the order of the mapping keys. */
enum txn_key {
	K_ID, K_TIME, K_SRC_BANK, K_SRC, K_DST_BANK, K_DST, K_AMOUNT, K_CURRENCY,
	K_AMOUNT_RECV, K_CURRENCY_RECV, K_CHANNEL, K_ORIG_NAME, K_BENE_NAME,
	K_ORIG_COUNTRY, K_BENE_COUNTRY, K_LOCATION, K_MEMO, K_LABEL, K__COUNT
};

/* Mapping key names ("src") and canonical CSV header names ("orig_account"). */
extern const char *const cen__txn_key_names[K__COUNT];
extern const char *const cen__txn_canon_names[K__COUNT];

/* Key of a name given either way; -1 if neither. */
int cen__txn_key_lookup(const char *s, size_t len);

/* Parses one JSON line holding a flat object. For each member whose key is
 * names[k] (exact), vals[k] receives its value: a string's bytes (unescaped
 * into scratch when it has escapes), a number's text, "1"/"0" for
 * true/false, empty for null. Other members are skipped (nested values up to
 * depth 64). scratch is reset; slices stay valid until its next use.
 * Returns 0, or CEN_EPARSE with a reason in why (and *field set to the key
 * index involved, or -1). */
int cen__jsonl_parse(const char *s, size_t len, const char *const names[K__COUNT],
		     cen_slice vals[K__COUNT], cen_buf *scratch, int *field,
		     char *why, size_t whylen);

/* For tests: on, the reader takes no fast path for the records that
 * follow (the CSV reader's byte-by-byte scan, a NUL search in every row,
 * the row's fields copied, trimming and UTF-8 validation of every field,
 * the general amount and time parsers without caches, no memos), which
 * must give the same records, errors and counts as the fast paths. */
struct cen_txn_reader;
void cen__txn_reader_set_general(struct cen_txn_reader *r, int on);
/* For tests, in window mode (opts.window_rows): the CSV reader's buffers
 * from the next on of buf bytes, read chunk bytes at a time
 * (cen__csv_window_sizes). */
void cen__txn_reader_window_sizes(struct cen_txn_reader *r, size_t buf, size_t chunk);
/* For tests: cen_txn_reader_open with those sizes from the first read
 * on, the header's included (when opts->window_rows puts the file in
 * window mode). */
int cen__txn_reader_open_window(struct cen_txn_reader **out, const char *path,
				const cen_txn_reader_opts *opts, size_t buf, size_t chunk);

#endif
