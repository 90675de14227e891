/* list_int.h - the list's layout and the loading toolkit shared by the
 * format readers (internal to src/lists).
 *
 * A reader gets a cen__load: it creates pending entities with
 * cen__ld_entity(), fills them with the cen__ent_* helpers (strings are copied
 * into the list's arena, arrays grow on the heap while loading) and returns 0
 * or a status with the message set by cen__ld_fail(). cen_list_load then
 * commits the pending entities (arrays moved into the arena, content hashes
 * computed, ids indexed) or, on failure, drops them all: a failed load adds
 * nothing.
 */
#ifndef CEN_LISTS_LIST_INT_H
#define CEN_LISTS_LIST_INT_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include "centinela/io.h"
#include "centinela/lists.h"
#include "core/arena.h"
#include "core/hash.h"
#include "lists/sha256.h"

typedef struct cen__source {
	cen_list_source pub;
	char sha[65];
} cen__source;

struct cen_list {
	cen__arena arena;       /* every string and committed array */
	cen__intern ids;        /* entity id -> index (ids in load order) */
	cen_entity **ents;
	size_t n, cap;
	size_t n_names;
	cen__source **sources;
	size_t n_sources;
	char sha_hex[65];
	int64_t date;
	char err[1024];
};

typedef struct cen__load {
	cen_list *list;
	cen_diag *user_diag;    /* may be NULL */
	cen_diag diag;          /* counts this load, forwards to user_diag */
	const char *source;     /* entity.source for new entities (static) */
	cen_entity **pending;
	size_t n_pending, cap_pending;
	cen__sha256 sha;        /* this source's files */
	int64_t date;
	int date_from_source;
} cen__load;

/* Sets list->err from a printf format; returns status for `return`. */
int cen__ld_fail(cen__load *ld, int status, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void cen__ld_diag(cen__load *ld, int severity, const char *file, uint64_t line,
		  const char *field, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));

/* Reads a whole input file (cap CEN_LIST_MAX_FILE), hashes its raw bytes
 * into the source hash, and makes it valid UTF-8: bytes that are
 * not UTF-8 are read as Windows-1252 (NUL bytes as spaces), with a warning naming the file and
 * each line concerned (first few). *data is NUL-terminated; free with
 * cen_free. mtime (may be NULL) receives the file's modification time. */
int cen__ld_read(cen__load *ld, const char *path, char **data, size_t *len,
		 int64_t *mtime);
/* The same for bytes already in memory (hashing + re-encoding); *out is
 * either data itself (*owned = 0) or a new buffer (*owned = 1). */
int cen__ld_take_mem(cen__load *ld, const char *name, const char *data,
		     size_t len, const char **out, size_t *out_len, int *owned);

/* Opens a CSV reader over data with the list caps (field CEN_LIST_MAX_FIELD,
 * record 4x that, max_fields fields); sets the message on failure. */
int cen__ld_csv_open(cen__load *ld, cen_csv **c, const char *data, size_t len,
		     const char *name, size_t max_fields);

/* A string copied into the list arena with surrounding white space removed;
 * NULL on out of memory. Empty input gives "". */
const char *cen__ld_str(cen__load *ld, const char *s, size_t len);

/* A new pending entity with id "<source>:<source_id>"; NULL on ENOMEM. */
cen_entity *cen__ld_entity(cen__load *ld, const char *source_id, size_t len);

/* Helpers filling a pending entity. Each copies its text (trimmed; empty
 * text is ignored and returns 0), drops exact duplicates, and returns 0 or
 * CEN_ENOMEM. Country arguments are ISO codes from cen_country_code. */
int cen__ent_name(cen__load *ld, cen_entity *e, const char *s, size_t len,
		  cen_name_type type);
int cen__ent_dob(cen__load *ld, cen_entity *e, cen_date d);
int cen__ent_pob(cen__load *ld, cen_entity *e, const char *s, size_t len);
int cen__ent_nationality(cen__load *ld, cen_entity *e, const char *code);
int cen__ent_country(cen__load *ld, cen_entity *e, const char *code);
int cen__ent_address(cen__load *ld, cen_entity *e, const char *s, size_t len);
int cen__ent_program(cen__load *ld, cen_entity *e, const char *s, size_t len);
int cen__ent_link(cen__load *ld, cen_entity *e, const char *s, size_t len);
int cen__ent_id(cen__load *ld, cen_entity *e, const char *type,
		const char *number, size_t number_len, const char *country,
		const char *label, size_t label_len);
/* Appends "; text" (or text) to remarks; _kv appends "label text". The
 * remarks stop growing at 4 * CEN_LIST_MAX_FIELD bytes. */
int cen__ent_remark(cen__load *ld, cen_entity *e, const char *s, size_t len);
int cen__ent_remark_kv(cen__load *ld, cen_entity *e, const char *label, const char *s,
		       size_t len);

/* Dates. "25 Dec 1954", "Dec 1954", "1954", "1955 to 1957", "circa 1960",
 * "approximately 1960", ISO "1954-12-25", "1954-12", "1954". Returns 0 and
 * fills *d, or -1 if s is not such a date. */
int cen__parse_date(const char *s, size_t len, cen_date *d);

/* "2026-02-27T00:00:09.554Z" or "2026-02-27" as Unix seconds (UTC); 0 if
 * it is not such a date. */
int64_t cen__iso_epoch(const char *s);

/* cen_country_code of the n bytes at s (not NUL-terminated); NULL if
 * unknown or longer than 127 bytes. */
const char *cen__country_n(const char *s, size_t n);

/* Readers. Each fills ld with pending entities from its input. */
int cen__ofac_load_path(cen__load *ld, const char *path);
int cen__ofac_load_mem(cen__load *ld, const char *data, size_t len, const char *name);
/* Parses an OFAC Remarks text into e (names, dobs, ids, ...; the rest to
 * e->remarks). Never fails on content, only on ENOMEM. */
int cen__ofac_remarks(cen__load *ld, cen_entity *e, const char *s, size_t len);
int cen__own_csv_load(cen__load *ld, const char *data, size_t len, const char *name);
int cen__ftm_load(cen__load *ld, const char *data, size_t len, const char *name);
int cen__un_load(cen__load *ld, const char *data, size_t len, const char *name);

/* Hash of every field of e (its content_hash). */
uint64_t cen__entity_hash(const cen_entity *e);

/* Trims ASCII white space; returns the new length, *s advanced. */
size_t cen__trim(const char **s, size_t len);

#endif
