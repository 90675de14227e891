/* lists_test_util.h - helpers shared by the test_lists_* programs: where
 * the shared real data is, and a diagnostics sink that records messages. */
#ifndef LISTS_TEST_UTIL_H
#define LISTS_TEST_UTIL_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "centinela/lists.h"

/* Path of a file under the shared data folder, or NULL if it is absent. */
static inline const char *lt_data(const char *rel, char *buf, size_t len)
{
	const char *dir = getenv("CENTINELA_DATA");
	if (!dir || !*dir)
		dir = CEN_TEST_DATA_DIR;
	snprintf(buf, len, "%s/%s", dir, rel);
	struct stat st;
	if (stat(buf, &st) != 0) {
		fprintf(stderr, "skipped: %s is absent (set CENTINELA_DATA)\n", buf);
		return NULL;
	}
	return buf;
}

typedef struct lt_sink {
	char text[16384]; /* every message, one per line: "sev file:line field: msg" */
	size_t len;
	int n[3];
} lt_sink;

static inline void lt_sink_fn(void *ctx, int sev, const char *file, uint64_t line,
			      const char *field, const char *msg)
{
	lt_sink *s = ctx;
	if (sev >= 0 && sev < 3)
		s->n[sev]++;
	if (s->len < sizeof s->text - 1) {
		int k = snprintf(s->text + s->len, sizeof s->text - s->len, "%d %s:%llu %s: %s\n",
				 sev, file ? file : "", (unsigned long long)line,
				 field ? field : "-", msg);
		if (k > 0)
			s->len += (size_t)k;
		if (s->len > sizeof s->text - 1)
			s->len = sizeof s->text - 1;
	}
}

static inline cen_diag lt_diag(lt_sink *s)
{
	memset(s, 0, sizeof *s);
	cen_diag d = {lt_sink_fn, s, 0, 0};
	return d;
}

static inline int lt_has_name(const cen_entity *e, const char *text, cen_name_type t)
{
	for (size_t i = 0; i < e->n_names; i++)
		if (strcmp(e->names[i].text, text) == 0 && e->names[i].type == t)
			return 1;
	return 0;
}

static inline int lt_has_str(const char *const *a, size_t n, const char *s)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(a[i], s) == 0)
			return 1;
	return 0;
}

static inline const cen_identifier *lt_find_id(const cen_entity *e, const char *type)
{
	for (size_t i = 0; i < e->n_ids; i++)
		if (strcmp(e->ids[i].type, type) == 0)
			return &e->ids[i];
	return NULL;
}

#endif
