/* test_lists_diff.c - list versions: hashes, per-field differences, the
 * diff callback and its order, and the real 2021 -> 2024 SDN change. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "lists_test_util.h"

static cen_list *own(const char *csv)
{
	cen_list *l;
	assert_int_equal(cen_list_new(&l), 0);
	assert_int_equal(cen_list_load_mem(l, csv, strlen(csv), CEN_LIST_OWN_CSV, "o.csv", NULL), 0);
	return l;
}

typedef struct seen {
	char log[2048];
	size_t len;
	int stop_after;
	int calls;
} seen;

static int on_change(void *ctx, const cen_list_change *c)
{
	seen *s = ctx;
	const cen_entity *e = c->new_entity ? c->new_entity : c->old_entity;
	const char *k = c->kind == CEN_CHANGE_ADDED ? "+" : c->kind == CEN_CHANGE_REMOVED ? "-" : "~";
	s->len += (size_t)snprintf(s->log + s->len, sizeof s->log - s->len, "%s%s", k, e->id);
	for (unsigned b = 1; b < (1u << CEN_FIELD_COUNT); b <<= 1)
		if (c->fields & b)
			s->len += (size_t)snprintf(s->log + s->len, sizeof s->log - s->len, ":%s",
						   cen_entity_field_name(b));
	s->len += (size_t)snprintf(s->log + s->len, sizeof s->log - s->len, " ");
	return ++s->calls == s->stop_after ? 7 : 0;
}

static const char *v1 = "id,kind,name,aliases,dob,country,program\n"
			"a,person,Ana Uno,A1,1970,MX,SDNTK\n"
			"b,person,Beto Dos,,1980,MX,SDNTK\n"
			"c,org,Cartel Tres,,,MX,FTO\n"
			"d,org,Gone Cuatro,,,CO,SDNTK\n";
static const char *v2 = "id,kind,name,aliases,dob,country,program\n"
			"a,person,Ana Uno,A1,1970,MX,SDNTK\n"
			"b,person,Beto Dos,B2,1981,MX,SDNTK\n"
			"c,org,Cartel Tres,,,MX,FTO;SDGT\n"
			"e,person,Nuevo Cinco,,,US,SDGT\n";

static void test_diff_fields_and_order(void **state)
{
	(void)state;
	cen_list *a = own(v1), *b = own(v2);
	seen s;
	memset(&s, 0, sizeof s);
	cen_list_diff_counts n;
	assert_int_equal(cen_list_diff(a, b, on_change, &s, &n), 0);
	assert_int_equal(n.added, 1);
	assert_int_equal(n.removed, 1);
	assert_int_equal(n.changed, 2);
	assert_int_equal(n.unchanged, 1);
	assert_string_equal(s.log, "-own:d ~own:b:names:dobs ~own:c:programs +own:e ");
	assert_int_equal(cen_list_find(a, "own:a")->content_hash, cen_list_find(b, "own:a")->content_hash);
	assert_int_not_equal(cen_list_find(a, "own:b")->content_hash,
			     cen_list_find(b, "own:b")->content_hash);
	unsigned f = cen_entity_diff_fields(cen_list_find(a, "own:c"), cen_list_find(b, "own:c"));
	assert_int_equal(f, CEN_FIELD_PROGRAMS);
	assert_int_equal(f & CEN_FIELDS_MATCHING, 0);
	/* Stopping early returns the callback's value. */
	memset(&s, 0, sizeof s);
	s.stop_after = 2;
	assert_int_equal(cen_list_diff(a, b, on_change, &s, NULL), 7);
	assert_int_equal(s.calls, 2);
	/* Same content, same hashes; different content, different list hash. */
	cen_list *a2 = own(v1);
	assert_string_equal(cen_list_hash(a), cen_list_hash(a2));
	assert_string_not_equal(cen_list_hash(a), cen_list_hash(b));
	assert_int_equal(cen_list_diff(a, a2, NULL, NULL, &n), 0);
	assert_int_equal(n.added + n.removed + n.changed, 0);
	assert_int_equal(n.unchanged, 4);
	assert_null(cen_entity_field_name(3));
	assert_int_equal(cen_list_diff(NULL, b, NULL, NULL, NULL), CEN_EINVAL);
	cen_list_free(a);
	cen_list_free(a2);
	cen_list_free(b);
}

static void test_failed_load_changes_nothing(void **state)
{
	(void)state;
	cen_list *a = own(v1);
	char hash[65];
	snprintf(hash, sizeof hash, "%s", cen_list_hash(a));
	assert_int_equal(cen_list_load_mem(a, "name\nx\n", 7, CEN_LIST_OWN_CSV, "bad.csv", NULL),
			 CEN_EPARSE);
	assert_string_equal(cen_list_hash(a), hash);
	assert_int_equal(cen_list_count(a), 4);
	assert_int_equal(cen_list_source_count(a), 1);
	/* Loading the same ids again keeps the first copies and warns. */
	lt_sink s;
	cen_diag d = lt_diag(&s);
	assert_int_equal(cen_list_load_mem(a, v2, strlen(v2), CEN_LIST_OWN_CSV, "o2.csv", &d), 0);
	assert_int_equal(cen_list_count(a), 5);
	assert_int_equal(d.warnings, 3);
	assert_non_null(strstr(s.text, "entity own:a is already in the list"));
	assert_int_equal(cen_list_source_get(a, 1)->n_entities, 1);
	assert_string_not_equal(cen_list_hash(a), hash);
	cen_list_free(a);
}

static void test_real_sdn_versions(void **state)
{
	(void)state;
	char b1[4096], b2[4096];
	const char *p1 = lt_data("ofac/sdn-2021-07", b1, sizeof b1);
	const char *p2 = lt_data("ofac/sdn-2024-05", b2, sizeof b2);
	if (!p1 || !p2)
		skip();
	cen_list *a, *b;
	assert_int_equal(cen_list_new(&a), 0);
	assert_int_equal(cen_list_new(&b), 0);
	assert_int_equal(cen_list_load(a, p1, CEN_LIST_AUTO, NULL), 0);
	assert_int_equal(cen_list_load(b, p2, CEN_LIST_AUTO, NULL), 0);
	cen_list_diff_counts n;
	assert_int_equal(cen_list_diff(a, b, NULL, NULL, &n), 0);
	/* Every entity is accounted for on both sides. */
	assert_int_equal(n.removed + n.changed + n.unchanged, cen_list_count(a));
	assert_int_equal(n.added + n.changed + n.unchanged, cen_list_count(b));
	assert_true(n.added > 5000);
	assert_true(n.removed > 0);
	assert_true(n.unchanged > 1000);
	/* Guzman Loera's record did not change between these versions. */
	assert_int_equal(cen_list_find(a, "us_ofac_sdn:6861")->content_hash,
			 cen_list_find(b, "us_ofac_sdn:6861")->content_hash);
	assert_string_not_equal(cen_list_hash(a), cen_list_hash(b));
	cen_list_free(a);
	cen_list_free(b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_diff_fields_and_order),
		cmocka_unit_test(test_failed_load_changes_nothing),
		cmocka_unit_test(test_real_sdn_versions),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
