/* fuzz_list_common.h - shared body of the list reader fuzz targets: load
 * the input in one format, then read every field of every entity and check
 * what must always hold (a primary name first, valid UTF-8 strings, ISO
 * codes, sane dates), and diff the list against itself (no change). */
#ifndef FUZZ_LIST_COMMON_H
#define FUZZ_LIST_COMMON_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "centinela/lists.h"
#include "core/utf8.h"

/* Aborts with the line of the failed check (the fuzzer keeps the input). */
#define FL_FAIL() fl_fail(__LINE__)
_Noreturn static void fl_fail(int line)
{
	fprintf(stderr, "fuzz_list_common.h:%d: invariant broken\n", line);
	abort();
}

static void fl_check_str(const char *s)
{
	if (!s)
		return;
	size_t n = strlen(s);
	if (cen__utf8_validate(s, n) != n)
		FL_FAIL();
}

static void fl_check_strs(const char *const *a, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (!a[i])
			FL_FAIL();
		fl_check_str(a[i]);
	}
}

static void fl_check_entity(const cen_entity *e)
{
	if (!e->id || !e->source || !e->source_id || e->n_names == 0 ||
	    e->names[0].type != CEN_NAME_PRIMARY)
		FL_FAIL();
	fl_check_str(e->id);
	for (size_t i = 0; i < e->n_names; i++) {
		if (!e->names[i].text || !e->names[i].text[0])
			FL_FAIL();
		fl_check_str(e->names[i].text);
	}
	for (size_t i = 0; i < e->n_dobs; i++) {
		const cen_date *d = &e->dobs[i];
		if (d->year < 1000 || d->year > 2999 || d->month < 0 || d->month > 12 || d->day < 0 ||
		    d->day > 31 || (d->year_to && d->year_to <= d->year))
			FL_FAIL();
	}
	fl_check_strs(e->pobs, e->n_pobs);
	fl_check_strs(e->nationalities, e->n_nationalities);
	fl_check_strs(e->countries, e->n_countries);
	for (size_t i = 0; i < e->n_nationalities; i++)
		if (strlen(e->nationalities[i]) != 2)
			FL_FAIL();
	for (size_t i = 0; i < e->n_ids; i++) {
		if (!e->ids[i].type || !e->ids[i].number || !e->ids[i].number[0])
			FL_FAIL();
		fl_check_str(e->ids[i].number);
		fl_check_str(e->ids[i].label);
		if (e->ids[i].country && strlen(e->ids[i].country) != 2)
			FL_FAIL();
	}
	fl_check_strs(e->addresses, e->n_addresses);
	fl_check_strs(e->programs, e->n_programs);
	fl_check_strs(e->links, e->n_links);
	fl_check_str(e->title);
	fl_check_str(e->remarks);
}

static int fl_no_change(void *ctx, const cen_list_change *c)
{
	(void)ctx;
	(void)c;
	FL_FAIL();
}

static void fl_run(const uint8_t *data, size_t size, cen_list_format f, const char *name)
{
	cen_list *l;
	if (cen_list_new(&l))
		return;
	cen_diag d = {NULL, NULL, 0, 0};
	if (cen_list_load_mem(l, (const char *)data, size, f, name, &d) == 0) {
		for (size_t i = 0; i < cen_list_count(l); i++) {
			const cen_entity *e = cen_list_get(l, i);
			fl_check_entity(e);
			if (cen_list_find(l, e->id) != e)
				FL_FAIL();
		}
		cen_list_diff(l, l, fl_no_change, NULL, NULL);
	} else if (cen_list_count(l) != 0) {
		FL_FAIL(); /* a failed load adds nothing */
	}
	cen_list_free(l);
}

#endif
