/* rules_get.c - typed getters over a parsed rules file (rules.h).
 *
 * Lookups are linear scans: detectors read their settings once when they
 * are created, never per transaction, and a file holds at most
 * CEN_RULES_MAX_KEYS keys.
 *
 * What must hold: every getter accepts a NULL rules handle and answers the
 * default; a value of the wrong type is treated as absent (rules_check.c
 * reports it); returned pointers are borrowed from the handle.
 */
#include "detect/cash_rules.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/banned.h"

const cen__rtable *cen__rules_table(const cen_rules *r, const char *table)
{
	if (!r || !table)
		return NULL;
	for (size_t i = 0; i < r->ntables; i++)
		if (strcmp(r->tables[i].name, table) == 0)
			return &r->tables[i];
	return NULL;
}

const cen__rv *cen__rules_value(const cen_rules *r, const char *table, const char *key)
{
	const cen__rtable *t = cen__rules_table(r, table);
	if (!t || !key)
		return NULL;
	for (size_t i = 0; i < t->n; i++)
		if (strcmp(t->vals[i].key, key) == 0)
			return &t->vals[i];
	return NULL;
}

const char *cen_rules_name(const cen_rules *r)
{
	return r ? r->name : "";
}

double cen_rules_get_double(const cen_rules *r, const char *table, const char *key, double def)
{
	const cen__rv *v = cen__rules_value(r, table, key);
	if (!v)
		return def;
	if (v->kind == CEN__RV_INT)
		return (double)v->i;
	if (v->kind == CEN__RV_FLOAT)
		return v->d;
	return def;
}

int64_t cen_rules_get_int(const cen_rules *r, const char *table, const char *key, int64_t def)
{
	const cen__rv *v = cen__rules_value(r, table, key);
	if (!v)
		return def;
	if (v->kind == CEN__RV_INT)
		return v->i;
	/* 9.2e18 is the largest double below 2^63. */
	if (v->kind == CEN__RV_FLOAT && v->d == floor(v->d) && fabs(v->d) <= 9.2e18)
		return (int64_t)v->d;
	return def;
}

bool cen_rules_get_bool(const cen_rules *r, const char *table, const char *key, bool def)
{
	const cen__rv *v = cen__rules_value(r, table, key);
	return v && v->kind == CEN__RV_BOOL ? v->b : def;
}

const char *cen_rules_get_string(const cen_rules *r, const char *table, const char *key,
				 const char *def)
{
	const cen__rv *v = cen__rules_value(r, table, key);
	return v && v->kind == CEN__RV_STRING ? v->s : def;
}

int64_t cen_rules_get_time(const cen_rules *r, const char *table, const char *key, int64_t def)
{
	const cen__rv *v = cen__rules_value(r, table, key);
	if (!v)
		return def;
	if (v->kind == CEN__RV_TIME)
		return v->i;
	int64_t t;
	if (v->kind == CEN__RV_STRING && cen__rules_parse_time(v->s, strlen(v->s), &t) == 0)
		return t;
	return def;
}

int cen_rules_get_strings(const cen_rules *r, const char *table, const char *key,
			  const char *const **items, size_t *n)
{
	const cen__rv *v = cen__rules_value(r, table, key);
	*items = NULL;
	*n = 0;
	if (!v)
		return 0;
	switch (v->kind) {
	case CEN__RV_STRARR:
		*items = v->sa;
		*n = v->n;
		return 1;
	case CEN__RV_STRING:
		*items = &v->s;
		*n = 1;
		return 1;
	case CEN__RV_EMPTYARR:
		return 1;
	default:
		return 0;
	}
}

int cen_rules_get_numbers(const cen_rules *r, const char *table, const char *key,
			  const double **items, size_t *n)
{
	const cen__rv *v = cen__rules_value(r, table, key);
	*items = NULL;
	*n = 0;
	if (!v)
		return 0;
	switch (v->kind) {
	case CEN__RV_NUMARR:
		*items = v->na;
		*n = v->n;
		return 1;
	case CEN__RV_INT: /* the parser keeps d = i for ints */
	case CEN__RV_FLOAT:
		*items = &v->d;
		*n = 1;
		return 1;
	case CEN__RV_EMPTYARR:
		return 1;
	default:
		return 0;
	}
}

bool cen_rules_has(const cen_rules *r, const char *table, const char *key)
{
	return cen__rules_value(r, table, key) != NULL;
}

uint64_t cen_rules_line(const cen_rules *r, const char *table, const char *key)
{
	const cen__rv *v = cen__rules_value(r, table, key);
	return v ? v->line : 0;
}

bool cen_rules_enabled(const cen_rules *r, const char *table)
{
	return cen_rules_get_bool(r, table, "enabled", true);
}

size_t cen_rules_table_count(const cen_rules *r)
{
	return r ? r->ntables : 0;
}

const char *cen_rules_table_name(const cen_rules *r, size_t i)
{
	return r && i < r->ntables ? r->tables[i].name : NULL;
}

size_t cen_rules_key_count(const cen_rules *r, const char *table)
{
	const cen__rtable *t = cen__rules_table(r, table);
	return t ? t->n : 0;
}

const char *cen_rules_key_name(const cen_rules *r, const char *table, size_t i)
{
	const cen__rtable *t = cen__rules_table(r, table);
	return t && i < t->n ? t->vals[i].key : NULL;
}

int cen_rules_resolve_path(const cen_rules *r, const char *path, char *out, size_t outlen)
{
	const char *name = r ? r->name : "";
	const char *slash = strrchr(name, '/');
	int n;
	if (path[0] == '/' || !slash)
		n = snprintf(out, outlen, "%s", path);
	else
		n = snprintf(out, outlen, "%.*s/%s", (int)(slash - name), name, path);
	return n < 0 || (size_t)n >= outlen ? CEN_ELIMIT : 0;
}
