/* lists.h - designation lists: loading, versions, differences, fetching.
 *
 * A cen_list holds the entities (include/centinela/entity.h) of one or more
 * loaded sources: OFAC legacy CSV (SDN or consolidated), the UN Security
 * Council Consolidated List XML, OpenSanctions FollowTheMoney JSON lines and
 * our own CSV watchlist format (docs/lists.md describes each).
 *
 * Ownership and threads: every entity, string and array reached from a list
 * is owned by the list and stays valid until cen_list_free. Load every source
 * first (cen_list_load is not thread-safe); after that the list is never
 * modified by any function taking a const cen_list *, so any number of
 * threads may read it (get, find, entities, diff) at the same time.
 *
 * Errors: functions return 0 or a negative CEN_E* code; the list keeps the
 * message of its last error (cen_list_errmsg), naming file, line and field.
 * A load that fails adds nothing to the list (except on CEN_ENOMEM, after
 * which the list may hold part of the source and should be freed).
 * Doubtful records (orphan rows, re-encoded bytes, unknown schemata) are
 * reported through the cen_diag the caller passes (may be NULL) as warnings
 * or notes and do not fail a load;
 * a rejected record is reported as an error (severity 2) and the rest of the
 * file is still loaded.
 */
#ifndef CENTINELA_LISTS_H
#define CENTINELA_LISTS_H

#include <stddef.h>
#include <stdint.h>

#include "centinela/core.h"
#include "centinela/entity.h"

typedef struct cen_list cen_list;

typedef enum cen_list_format {
	CEN_LIST_AUTO = 0, /* detect from the path, see cen_list_detect */
	CEN_LIST_OFAC,     /* folder with sdn.csv or cons_prim.csv, or one of those files */
	CEN_LIST_UN_XML,   /* UN SC Consolidated List XML */
	CEN_LIST_FTM,      /* OpenSanctions FollowTheMoney JSON lines (or a JSON array) */
	CEN_LIST_OWN_CSV,  /* our CSV: id,kind,name,aliases,dob,country,program[,ids] */
} cen_list_format;

/* Caps applied to every source (0 in a field of the options: the default). */
#define CEN_LIST_MAX_FILE (512u * 1024u * 1024u) /* bytes per input file */
#define CEN_LIST_MAX_FIELD (64u * 1024u)         /* bytes per field/value */
#define CEN_LIST_MAX_ENTITIES 10000000u

/* Creates an empty list. Caller frees with cen_list_free. */
int cen_list_new(cen_list **out);
void cen_list_free(cen_list *list); /* NULL is fine */

/* Loads one source and appends its entities. path is a folder or a file;
 * format CEN_LIST_AUTO detects it:
 *   - a folder holding sdn.csv (SDN) or cons_prim.csv (consolidated): OFAC,
 *     with add/alt/comments files of the same set when present;
 *   - a file named sdn.csv/cons_prim.csv (its siblings are read too) or any
 *     other .csv whose first line is not our header: OFAC primary file alone;
 *   - *.xml: UN; *.json, *.jsonl, *.ndjson: FollowTheMoney;
 *   - *.csv whose first line is our header (starts with "id,"): own CSV.
 * An entity whose id is already in the list is reported (warning) and the
 * later one is dropped. diag may be NULL.
 * Returns 0, CEN_EIO, CEN_EPARSE (nothing usable: the message says why, e.g.
 * "folder has no sdn.csv or cons_prim.csv"), CEN_ELIMIT, CEN_EUNSUPPORTED,
 * CEN_ENOMEM. */
int cen_list_load(cen_list *list, const char *path, cen_list_format format,
		  cen_diag *diag);

/* Loads a source from memory (for tests and fuzzing): OFAC here means one
 * sdn.csv-layout file. name is used in messages and as the source file name. */
int cen_list_load_mem(cen_list *list, const char *data, size_t len,
		      cen_list_format format, const char *name, cen_diag *diag);

/* What cen_list_load would do with path under CEN_LIST_AUTO; CEN_LIST_AUTO
 * if it cannot tell. Does not read past the first line of a file. */
cen_list_format cen_list_detect(const char *path);
const char *cen_list_format_name(cen_list_format f); /* "ofac", "un", ... */

/* Entities in load order. i < cen_list_count. */
size_t cen_list_count(const cen_list *list);
const cen_entity *cen_list_get(const cen_list *list, size_t i);
/* The array of all entity pointers (borrowed), *n set to the count. */
const cen_entity *const *cen_list_entities(const cen_list *list, size_t *n);
/* By cen_entity.id ("us_ofac_sdn:6861"); NULL if absent. */
const cen_entity *cen_list_find(const cen_list *list, const char *id);
/* Total names (primary and aliases) over all entities. */
size_t cen_list_name_count(const cen_list *list);

/* Bytes of memory the list holds (arena, entity table, id index). */
size_t cen_list_bytes(const cen_list *list);

/* Version of the whole list, 64 lower-case hex digits (borrowed). A source's
 * hash is the SHA-256 of the bytes of its files in load order (for an OFAC
 * folder: primary, address, alternate names, comments); a list of one
 * source has that hash, a list of several the SHA-256 of their hashes, each
 * followed by a newline. Equal hashes mean the same input. */
const char *cen_list_hash(const cen_list *list);
/* Publication date as Unix seconds (UTC): the newest over the sources, each
 * being the date the source states (UN dateGenerated) or else the
 * modification time of its main file. 0 when nothing is loaded. */
int64_t cen_list_date(const cen_list *list);

/* One loaded source, as shown by `centinela lists show`. Strings borrowed. */
typedef struct cen_list_source {
	const char *path;    /* as given to cen_list_load */
	const char *name;    /* entity.source of its entities: "us_ofac_sdn", ... */
	cen_list_format format;
	size_t n_entities;
	int64_t date;        /* Unix seconds, see cen_list_date */
	int date_from_source; /* 1: stated by the publisher; 0: file mtime */
	const char *sha256;  /* hex of this source's files */
	uint64_t warnings, errors; /* diagnostics reported while loading it */
} cen_list_source;
size_t cen_list_source_count(const cen_list *list);
/* NULL if i is out of range. */
const cen_list_source *cen_list_source_get(const cen_list *list, size_t i);

/* Message of the last failed call on this list ("" if none). */
const char *cen_list_errmsg(const cen_list *list);

/* ---- Differences between two versions --------------------------------- */

/* Field bits of cen_list_change.fields. */
enum {
	CEN_FIELD_NAMES = 1u << 0, /* primary name or any alias/its type */
	CEN_FIELD_KIND = 1u << 1,
	CEN_FIELD_DOBS = 1u << 2,
	CEN_FIELD_POBS = 1u << 3,
	CEN_FIELD_NATIONALITIES = 1u << 4,
	CEN_FIELD_COUNTRIES = 1u << 5,
	CEN_FIELD_IDS = 1u << 6,
	CEN_FIELD_ADDRESSES = 1u << 7,
	CEN_FIELD_PROGRAMS = 1u << 8,
	CEN_FIELD_LINKS = 1u << 9,
	CEN_FIELD_GENDER = 1u << 10,
	CEN_FIELD_TITLE = 1u << 11,
	CEN_FIELD_REMARKS = 1u << 12,
};
#define CEN_FIELD_COUNT 13
/* "names", "kind", "dobs", ... for one bit; NULL for anything else. */
const char *cen_entity_field_name(unsigned field_bit);
/* The CEN_FIELD_* bits where a and b differ (0: equal in every field). */
unsigned cen_entity_diff_fields(const cen_entity *a, const cen_entity *b);
/* Fields that can change who matches: names, kind, dobs, nationalities,
 * countries, ids. Delta screening rescreens entities changed in these. */
#define CEN_FIELDS_MATCHING                                                    \
	(CEN_FIELD_NAMES | CEN_FIELD_KIND | CEN_FIELD_DOBS |                    \
	 CEN_FIELD_NATIONALITIES | CEN_FIELD_COUNTRIES | CEN_FIELD_IDS)

typedef enum cen_change_kind {
	CEN_CHANGE_ADDED = 1,
	CEN_CHANGE_REMOVED,
	CEN_CHANGE_CHANGED,
} cen_change_kind;

typedef struct cen_list_change {
	cen_change_kind kind;
	const cen_entity *old_entity; /* NULL when added */
	const cen_entity *new_entity; /* NULL when removed */
	unsigned fields;              /* CEN_FIELD_* bits; 0 unless changed */
} cen_list_change;

/* Returns 0 to go on, non-zero to stop (cen_list_diff then returns it). */
typedef int (*cen_list_change_fn)(void *ctx, const cen_list_change *c);

/* Calls fn for every entity id present in only one list or whose record
 * differs (content_hash, then per field), in this order: removed (old
 * order), then added and changed (new order). Entities match by id.
 * Equal content_hash means unchanged (a 64-bit collision between different
 * records would hide a change); otherwise the fields are compared one by
 * one. counts (may be NULL) receives added, removed, changed, unchanged. */
typedef struct cen_list_diff_counts {
	size_t added, removed, changed, unchanged;
} cen_list_diff_counts;
int cen_list_diff(const cen_list *old_list, const cen_list *new_list,
		  cen_list_change_fn fn, void *ctx, cen_list_diff_counts *counts);

/* ---- Fetching the official files -------------------------------------- */

typedef struct cen_fetch_opts {
	/* Base URL replacing the publisher's (files are then fetched as
	 * BASE/SDN.CSV ... or BASE/consolidated.xml, see docs/lists.md);
	 * NULL: official URLs. */
	const char *base_url;
	long timeout_s;    /* per file; 0: 120 */
	size_t max_bytes;  /* per file; 0: CEN_LIST_MAX_FILE */
	int keep_previous; /* 1 (default when 0 and not -1): move the old files
			      to DEST/previous/; -1: replace without keeping */
	cen_diag *diag;    /* parse diagnostics of the new version; may be NULL */
} cen_fetch_opts;

/* Downloads the current list `which` ("ofac-sdn", "ofac-cons" or "un") into
 * dest_dir (created if missing): files go to a temporary folder inside
 * dest_dir, are verified by loading them, then the files of the previous
 * version move to dest_dir/previous/ (replacing what was there) and the new
 * ones into dest_dir. On any failure dest_dir is left as it was. opts may be
 * NULL. On success *n_entities (may be NULL) receives the entity count.
 * errbuf (may be NULL) receives a message on failure. Returns 0, CEN_ENET,
 * CEN_EIO, CEN_EPARSE, CEN_EINVAL (unknown `which`), CEN_ENOMEM. */
int cen_list_fetch(const char *which, const char *dest_dir,
		   const cen_fetch_opts *opts, size_t *n_entities,
		   char *errbuf, size_t errlen);

/* The official URL of file i (0-based) of `which`, NULL past the last. */
const char *cen_list_fetch_url(const char *which, size_t i);

#endif
