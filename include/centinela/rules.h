/* rules.h - the rules file: detector configuration in a TOML subset.
 *
 * One table per detector ([structuring], [ctr], ...), each with keys whose
 * values are numbers (int or float), strings (basic "..." with escapes, or
 * literal '...'), booleans, dates (2025-04-14, 2025-04-14T00:00:00Z) and
 * arrays of strings or of numbers (may span lines, trailing comma allowed).
 * Comments start with '#'. Dotted table names ([gto.texas]) are kept as the
 * whole name "gto.texas". Key-value pairs before the first table belong to
 * the root table "". The full grammar and every detector's keys are in
 * docs/rules.md.
 *
 * Not supported (reported as errors, never misread): inline tables, arrays
 * of tables, nested arrays, multi-line strings, dotted keys, inf/nan.
 *
 * Defaults: detectors read every value through a getter with a default, so
 * a NULL cen_rules (no rules file given) and an empty file both mean the
 * documented defaults. A getter that finds a value of the wrong type returns
 * the default; cen_rules_check() reports such values as errors and unknown
 * keys (typos) as warnings, naming file, line and key.
 *
 * A cen_rules is immutable once loaded and may be read from many threads.
 */
#ifndef CENTINELA_RULES_H
#define CENTINELA_RULES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "centinela/core.h"

typedef struct cen_rules cen_rules;

/* Caps on what a rules file may hold. */
#define CEN_RULES_MAX_FILE (4u << 20)   /* bytes */
#define CEN_RULES_MAX_NAME 128          /* bytes of a table or key name */
#define CEN_RULES_MAX_STRING 65536      /* bytes of one string value */
#define CEN_RULES_MAX_ARRAY 100000      /* elements of one array */
#define CEN_RULES_MAX_TABLES 1024
#define CEN_RULES_MAX_KEYS 4096         /* keys in all tables together */

/* Parses text (len bytes, need not be NUL-terminated) named name (used in
 * messages; may be NULL: "<rules>"). On success *out is a new handle the
 * caller frees with cen_rules_free. On failure *out is NULL, the status is
 * CEN_EPARSE, CEN_ELIMIT, CEN_EENCODING or CEN_ENOMEM, and errbuf (may be
 * NULL) receives "NAME:LINE: key 'K': reason". diag (may be NULL) also
 * receives the error (severity 2, with file, line and key). */
int cen_rules_parse(const char *text, size_t len, const char *name,
		    cen_rules **out, char *errbuf, size_t errlen, cen_diag *diag);

/* Reads and parses the file at path. path NULL: *out is an empty rules set
 * (all defaults). A path that does not exist is an error (CEN_EIO): a user
 * who names a rules file must not silently get the defaults. */
int cen_rules_load(const char *path, cen_rules **out, char *errbuf,
		   size_t errlen, cen_diag *diag);

void cen_rules_free(cen_rules *r);

/* The name given at parse time (the path for cen_rules_load); "" for NULL. */
const char *cen_rules_name(const cen_rules *r);

/* Typed getters. r may be NULL (every value absent). table "" is the root.
 * A value of the wrong type counts as absent (and cen_rules_check reports
 * it). get_double accepts int and float values; get_int accepts ints and
 * floats with an integral value within int64. */
double cen_rules_get_double(const cen_rules *r, const char *table,
			    const char *key, double def);
int64_t cen_rules_get_int(const cen_rules *r, const char *table,
			  const char *key, int64_t def);
bool cen_rules_get_bool(const cen_rules *r, const char *table,
			const char *key, bool def);
/* Borrowed, NUL-terminated, valid for the life of r (def if absent). A
 * rules string never contains NUL (the parser rejects "\u0000"). */
const char *cen_rules_get_string(const cen_rules *r, const char *table,
				 const char *key, const char *def);
/* A date or date-time value, or a string in one of those forms, as epoch
 * seconds UTC (a date alone is its midnight UTC; an offset is applied). */
int64_t cen_rules_get_time(const cen_rules *r, const char *table,
			   const char *key, int64_t def);
/* Arrays. Return 1 and set *items (borrowed, valid for the life of r) and
 * *n when the key holds an array of that kind (an empty array counts);
 * otherwise return 0 with *items NULL and *n 0. A single string (number) is
 * accepted as a one-element array. */
int cen_rules_get_strings(const cen_rules *r, const char *table,
			  const char *key, const char *const **items, size_t *n);
int cen_rules_get_numbers(const cen_rules *r, const char *table,
			  const char *key, const double **items, size_t *n);

/* Whether the table sets key at all (any type). */
bool cen_rules_has(const cen_rules *r, const char *table, const char *key);
/* The 1-based line where table.key was set; 0 if absent. For messages. */
uint64_t cen_rules_line(const cen_rules *r, const char *table, const char *key);

/* "enabled" key of the table; default true (a detector is on unless its
 * table says enabled = false). */
bool cen_rules_enabled(const cen_rules *r, const char *table);

/* Tables in file order (the root table "" only if it has keys), and the
 * keys of a table in file order. Names are borrowed for the life of r. */
size_t cen_rules_table_count(const cen_rules *r);
const char *cen_rules_table_name(const cen_rules *r, size_t i);
size_t cen_rules_key_count(const cen_rules *r, const char *table);
const char *cen_rules_key_name(const cen_rules *r, const char *table, size_t i);

/* Typo protection. A detector declares the keys it reads. */
typedef enum cen_rules_type {
	CEN_RULES_ANY = 0,
	CEN_RULES_BOOL,
	CEN_RULES_INT,     /* an integer (or float with an integral value) */
	CEN_RULES_NUMBER,  /* int or float */
	CEN_RULES_STRING,
	CEN_RULES_TIME,    /* date, date-time or a string holding one */
	CEN_RULES_STRINGS, /* array of strings (or one string) */
	CEN_RULES_NUMBERS  /* array of numbers (or one number) */
} cen_rules_type;

typedef struct cen_rules_key {
	const char *name;
	cen_rules_type type;
} cen_rules_key;

/* Checks table against its n declared keys ("enabled" is always known, as a
 * bool): each key not declared is a warning through diag ("unknown key
 * 'treshold' in [structuring]; did you mean 'threshold'?"), each declared
 * key holding a value of another type is an error. Returns 0, or CEN_EINVAL
 * when a type error was found. r NULL or table absent: 0. */
int cen_rules_check(const cen_rules *r, const char *table,
		    const cen_rules_key *keys, size_t n, cen_diag *diag);

/* Warns about each table whose name (the part before the first '.') is not
 * among the n known names, e.g. a misspelt detector. Returns the number of
 * unknown tables. The root table is always known. */
size_t cen_rules_check_tables(const cen_rules *r, const char *const *known,
			      size_t n, cen_diag *diag);

/* Resolves a path given in the rules file: absolute paths and paths with no
 * rules file name stay as they are; a relative path is taken relative to the
 * directory of the rules file. Writes a NUL-terminated path into out (outlen
 * bytes); returns 0 or CEN_ELIMIT if it does not fit. */
int cen_rules_resolve_path(const cen_rules *r, const char *path, char *out,
			   size_t outlen);

#endif
