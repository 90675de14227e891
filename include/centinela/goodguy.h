/* goodguy.h - the good-guy list: hits an analyst has cleared.
 *
 * A cleared hit is a (customer id, entity id, entity content hash) triple.
 * It suppresses that customer's hit on that entity in later runs for as long
 * as the entity's list record is unchanged; once the list publishes a changed
 * record (a new alias, a new date of birth: content_hash differs) the hit
 * comes back, marked as previously cleared, for a new decision.
 *
 * File format (CSV, UTF-8, header required, column order free):
 *   customer_id,entity_id,content_hash[,cleared][,...]
 * `input_id` is accepted for customer_id, so the CSV that `centinela screen
 * --format csv` writes is itself a good-guy file: the analyst fills its
 * `cleared` column (yes/y/true/1/x/cleared) for the hits they clear and
 * passes the file back with --cleared. When a `cleared` column is present,
 * only rows marked in it count; without one every row counts.
 * content_hash is the 16 hex digits the screen output prints.
 *
 * A loaded list is immutable and safe to share between threads.
 */
#ifndef CENTINELA_GOODGUY_H
#define CENTINELA_GOODGUY_H

#include <stdint.h>

#include "centinela/core.h"

typedef struct cen_goodguy cen_goodguy;

enum cen_goodguy_state {
	CEN_GOODGUY_NONE = 0,    /* never cleared */
	CEN_GOODGUY_CLEARED = 1, /* cleared, record unchanged: suppress */
	CEN_GOODGUY_STALE = 2,   /* cleared against an older record: review again */
};

int cen_goodguy_new(cen_goodguy **out);
void cen_goodguy_free(cen_goodguy *g);

/* Adds the rows of a good-guy file. Malformed rows are reported to diag
 * (may be NULL) with file, line and field, and skipped; a missing required
 * column or an unreadable file fails with the reason in cen_goodguy_errmsg. */
int cen_goodguy_load(cen_goodguy *g, const char *path, cen_diag *diag);
/* Adds one cleared triple; strings are copied. */
int cen_goodguy_add(cen_goodguy *g, const char *customer_id, const char *entity_id,
		    uint64_t content_hash);
/* The state of a hit (enum cen_goodguy_state). */
int cen_goodguy_check(const cen_goodguy *g, const char *customer_id,
		      const char *entity_id, uint64_t content_hash);
/* Number of distinct cleared triples. */
size_t cen_goodguy_count(const cen_goodguy *g);
const char *cen_goodguy_errmsg(const cen_goodguy *g);

/* Writes h as the 16 lower-case hex digits the files use (out: 17 bytes). */
void cen_goodguy_hash_hex(uint64_t h, char out[17]);
/* Parses 1..16 hex digits (an optional 0x prefix); 0 ok or CEN_EPARSE. */
int cen_goodguy_hash_parse(const char *s, size_t len, uint64_t *h);

#endif
