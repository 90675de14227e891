/* fuzz_search_diff.c - differential libFuzzer target: the screening index
 * must give exactly what the exhaustive scan gives (the same hits, in the
 * same order, with the same scores) for any query, at any threshold, with
 * or without a date of birth, a country or a kind.
 *
 * The list is the full OFAC SDN list when CENTINELA_DATA points at the
 * shared data, else the bundled examples/watchlist-cartels.csv (run from
 * the source root, as bench/fuzz.sh does); CEN_FUZZ_LIST overrides both.
 * Input: byte 0 picks the threshold (0.55-0.95), byte 1 the extras (dob,
 * country, kind), the rest is the query name (at most 300 bytes, any
 * bytes: names the screener refuses must be refused by both paths).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "centinela/lists.h"
#include "centinela/screen.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static cen_list *list;
static cen_screener *scr;
static cen_query_ctx *ctx_a, *ctx_b;

static void setup(void)
{
	char path[1024];
	const char *env = getenv("CEN_FUZZ_LIST"), *dd = getenv("CENTINELA_DATA");
	if (env)
		snprintf(path, sizeof path, "%s", env);
	else if (dd)
		snprintf(path, sizeof path, "%s/ofac/sdn-2024-05", dd);
	else
		snprintf(path, sizeof path, "examples/watchlist-cartels.csv");
	if (cen_list_new(&list) || cen_list_load(list, path, CEN_LIST_AUTO, NULL)) {
		fprintf(stderr, "fuzz_search_diff: cannot load %s\n", path);
		abort();
	}
	size_t n;
	const cen_entity *const *e = cen_list_entities(list, &n);
	if (cen_screener_new(&scr, e, n, NULL, NULL) || cen_query_ctx_new(&ctx_a) ||
	    cen_query_ctx_new(&ctx_b))
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!scr)
		setup();
	if (size < 3)
		return 0;
	static const char *dobs[] = {NULL, "1954", "1957-04-04", "1980-01"};
	static const char *ccs[] = {NULL, "MX", "Colombia", "RU"};
	char name[301];
	size_t n = size - 2 > 300 ? 300 : size - 2;
	memcpy(name, data + 2, n);
	name[n] = '\0';
	cen_query q;
	memset(&q, 0, sizeof q);
	q.name = name;
	q.dob = dobs[data[1] & 3];
	q.country = ccs[(data[1] >> 2) & 3];
	q.kind = (data[1] >> 4) & 1 ? CEN_KIND_PERSON : CEN_KIND_UNKNOWN;
	cen_search_opts o;
	cen_search_opts_init(&o);
	o.threshold = 0.55 + 0.05 * (data[0] % 9);
	o.limit = 16;
	o.flags = CEN_SEARCH_NO_EXPLAIN;
	const cen_hit *a, *b;
	size_t na = 0, nb = 0;
	int ra = cen_search(scr, ctx_a, &q, &o, &a, &na);
	o.flags |= CEN_SEARCH_EXHAUSTIVE;
	int rb = cen_search(scr, ctx_b, &q, &o, &b, &nb);
	if (ra != rb || (!ra && na != nb))
		__builtin_trap();
	for (size_t i = 0; !ra && i < na; i++)
		if (a[i].entity != b[i].entity || a[i].score != b[i].score ||
		    a[i].name_index != b[i].name_index)
			__builtin_trap();
	return 0;
}
