/* rules_check.c - typo protection for rules files: unknown tables and keys
 * become warnings with a "did you mean" suggestion, values of the wrong type
 * become errors (rules.h).
 *
 * What must hold: checking never changes the rules; every message names the
 * file, the line and the key.
 */
#include "detect/cash_rules.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/banned.h"

/* Edit distance of two short names, capped: names are at most
 * CEN_RULES_MAX_NAME bytes. */
static size_t edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	if (la >= CEN_RULES_MAX_NAME || lb >= CEN_RULES_MAX_NAME)
		return SIZE_MAX;
	size_t row[CEN_RULES_MAX_NAME + 1];
	for (size_t j = 0; j <= lb; j++)
		row[j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t diag = row[0];
		row[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t up = row[j];
			size_t best = diag + (a[i - 1] != b[j - 1]);
			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diag = up;
		}
	}
	return row[lb];
}

/* The closest of names to s within a distance of a third of its length. */
static const char *suggest(const char *s, const char *const *names, size_t n)
{
	const char *best = NULL;
	size_t bd = strlen(s) / 3 + 1;
	for (size_t i = 0; i < n; i++) {
		size_t d = edit_distance(s, names[i]);
		if (d < bd) {
			bd = d;
			best = names[i];
		}
	}
	return best;
}

static const char *type_name(cen_rules_type t)
{
	switch (t) {
	case CEN_RULES_BOOL: return "true or false";
	case CEN_RULES_INT: return "an integer";
	case CEN_RULES_NUMBER: return "a number";
	case CEN_RULES_STRING: return "a string";
	case CEN_RULES_TIME: return "a date (YYYY-MM-DD)";
	case CEN_RULES_STRINGS: return "an array of strings";
	case CEN_RULES_NUMBERS: return "an array of numbers";
	case CEN_RULES_ANY: break;
	}
	return "any value";
}

static bool fits(const cen__rv *v, cen_rules_type t)
{
	switch (t) {
	case CEN_RULES_ANY: return true;
	case CEN_RULES_BOOL: return v->kind == CEN__RV_BOOL;
	case CEN_RULES_INT:
		return v->kind == CEN__RV_INT ||
		       (v->kind == CEN__RV_FLOAT && v->d == floor(v->d) && fabs(v->d) <= 9.2e18);
	case CEN_RULES_NUMBER: return v->kind == CEN__RV_INT || v->kind == CEN__RV_FLOAT;
	case CEN_RULES_STRING: return v->kind == CEN__RV_STRING;
	case CEN_RULES_TIME: {
		int64_t tt;
		return v->kind == CEN__RV_TIME ||
		       (v->kind == CEN__RV_STRING &&
			cen__rules_parse_time(v->s, strlen(v->s), &tt) == 0);
	}
	case CEN_RULES_STRINGS:
		return v->kind == CEN__RV_STRARR || v->kind == CEN__RV_STRING ||
		       v->kind == CEN__RV_EMPTYARR;
	case CEN_RULES_NUMBERS:
		return v->kind == CEN__RV_NUMARR || v->kind == CEN__RV_INT ||
		       v->kind == CEN__RV_FLOAT || v->kind == CEN__RV_EMPTYARR;
	}
	return false;
}

int cen_rules_check(const cen_rules *r, const char *table, const cen_rules_key *keys,
		    size_t n, cen_diag *diag)
{
	const cen__rtable *t = cen__rules_table(r, table);
	if (!t)
		return 0;
	int rc = 0;
	const char *names[64];
	size_t nn = 0;
	for (size_t k = 0; k < n && nn < 63; k++)
		names[nn++] = keys[k].name;
	names[nn++] = "enabled";
	for (size_t i = 0; i < t->n; i++) {
		const cen__rv *v = &t->vals[i];
		char field[2 * CEN_RULES_MAX_NAME + 2];
		snprintf(field, sizeof field, "%s%s%s", table, *table ? "." : "", v->key);
		cen_rules_type want = CEN_RULES_ANY;
		bool known = false;
		if (strcmp(v->key, "enabled") == 0) {
			known = true;
			want = CEN_RULES_BOOL;
		}
		for (size_t k = 0; k < n && !known; k++)
			if (strcmp(keys[k].name, v->key) == 0) {
				known = true;
				want = keys[k].type;
			}
		if (!known) {
			const char *s = suggest(v->key, names, nn);
			cen_diag_report(diag, 1, r->name, v->line, field,
					"unknown key '%s' in [%s]%s%s%s (ignored)", v->key, table,
					s ? "; did you mean '" : "", s ? s : "", s ? "'?" : "");
			continue;
		}
		if (!fits(v, want)) {
			cen_diag_report(diag, 2, r->name, v->line, field,
					"key '%s' in [%s] must be %s", v->key, table,
					type_name(want));
			rc = CEN_EINVAL;
		}
	}
	return rc;
}

size_t cen_rules_check_tables(const cen_rules *r, const char *const *known, size_t n,
			      cen_diag *diag)
{
	size_t bad = 0;
	for (size_t i = 0; r && i < r->ntables; i++) {
		const cen__rtable *t = &r->tables[i];
		if (!*t->name)
			continue;
		char head[CEN_RULES_MAX_NAME];
		snprintf(head, sizeof head, "%s", t->name);
		char *dot = strchr(head, '.');
		if (dot)
			*dot = '\0';
		bool ok = false;
		for (size_t k = 0; k < n && !ok; k++)
			ok = strcmp(known[k], head) == 0;
		if (ok)
			continue;
		const char *s = suggest(head, known, n);
		cen_diag_report(diag, 1, r->name, t->line, t->name,
				"unknown table [%s]%s%s%s (ignored)", t->name,
				s ? "; did you mean [" : "", s ? s : "", s ? "]?" : "");
		bad++;
	}
	return bad;
}
