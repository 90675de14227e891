/* cash_rules.h - the in-memory layout of a parsed rules file (private to
 * src/detect/rules*.c).
 *
 * What must hold: every string and array lives in the arena and stays valid
 * until cen_rules_free; table names are unique; keys are unique within a
 * table; counts stay within the CEN_RULES_MAX_* caps.
 */
#ifndef CEN_DETECT_CASH_RULES_H
#define CEN_DETECT_CASH_RULES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "centinela/rules.h"
#include "core/arena.h"

typedef enum cen__rv_kind {
	CEN__RV_BOOL,
	CEN__RV_INT,
	CEN__RV_FLOAT,
	CEN__RV_STRING,
	CEN__RV_TIME,
	CEN__RV_STRARR,
	CEN__RV_NUMARR,
	CEN__RV_EMPTYARR /* [] : fits both array kinds */
} cen__rv_kind;

typedef struct cen__rv {
	const char *key;
	uint64_t line;
	cen__rv_kind kind;
	bool b;
	int64_t i;         /* INT, TIME (epoch seconds) */
	double d;          /* FLOAT; for INT the same value as a double */
	const char *s;     /* STRING */
	const char **sa;   /* STRARR */
	double *na;        /* NUMARR */
	size_t n;          /* array length */
} cen__rv;

typedef struct cen__rtable {
	const char *name;
	uint64_t line;
	cen__rv *vals;
	size_t n, cap;
} cen__rtable;

struct cen_rules {
	const char *name;
	cen__arena arena;
	cen__rtable *tables;
	size_t ntables, cap;
	size_t nkeys;
};

/* Lookup (NULL when r, the table or the key is absent). */
const cen__rtable *cen__rules_table(const cen_rules *r, const char *table);
const cen__rv *cen__rules_value(const cen_rules *r, const char *table,
				const char *key);
/* Parses an ISO date or date-time (see rules.h) of exactly len bytes. */
int cen__rules_parse_time(const char *s, size_t len, int64_t *out);

#endif
