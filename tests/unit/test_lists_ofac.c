/* test_lists_ofac.c - the OFAC legacy CSV reader: rows, remarks structure,
 * encoding repair, bad input, and the real files in the shared data. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "lists_test_util.h"

static cen_list *load_mem(const char *csv, cen_diag *d, int *rc)
{
	cen_list *l;
	assert_int_equal(cen_list_new(&l), 0);
	*rc = cen_list_load_mem(l, csv, strlen(csv), CEN_LIST_OFAC, "sdn.csv", d);
	return l;
}

static void test_remarks_structure(void **state)
{
	(void)state;
	const char *csv =
		"100,\"PEREZ GOMEZ, Juan Carlos\",\"individual\",\"SDNTK] [FTO\",\"Comandante\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"
		"\"DOB 04 Apr 1957; alt. DOB Apr 1958; alt. DOB 1955 to 1957; alt. DOB circa 1960; "
		"POB Culiacan, Sinaloa, Mexico; nationality Mexico; citizen Colombia; Gender Male; "
		"Passport A1234567 (Mexico) issued 01 Jan 2010 expires 01 Jan 2020; Cedula No. 71234567 (Colombia); "
		"R.F.C. PEGJ570404AB1 (Mexico); C.U.R.P. PEGJ570404HSLRMN09 (Mexico); SSN 123-45-6789 (United States); "
		"SWIFT/BIC BANCMXMM; Tax ID No. 98765; a.k.a. 'EL FLACO'; f.k.a. 'JUANCHO'; "
		"Linked To: EMPRESA UNO, S.A. DE C.V.; Some free text here.\"\n"
		"\x1a\n";
	lt_sink s;
	cen_diag d = lt_diag(&s);
	int rc;
	cen_list *l = load_mem(csv, &d, &rc);
	assert_int_equal(rc, 0);
	assert_int_equal(cen_list_count(l), 1);
	const cen_entity *e = cen_list_find(l, "us_ofac_sdn:100");
	assert_non_null(e);
	assert_string_equal(e->source, "us_ofac_sdn");
	assert_string_equal(e->source_id, "100");
	assert_int_equal(e->kind, CEN_KIND_PERSON);
	assert_string_equal(e->names[0].text, "PEREZ GOMEZ, Juan Carlos");
	assert_true(lt_has_name(e, "EL FLACO", CEN_NAME_WEAK_AKA));
	assert_true(lt_has_name(e, "JUANCHO", CEN_NAME_FKA));
	assert_int_equal(e->n_programs, 2);
	assert_string_equal(e->programs[0], "SDNTK");
	assert_string_equal(e->programs[1], "FTO");
	assert_string_equal(e->title, "Comandante");
	assert_int_equal(e->n_dobs, 4);
	assert_int_equal(e->dobs[0].year, 1957);
	assert_int_equal(e->dobs[0].month, 4);
	assert_int_equal(e->dobs[0].day, 4);
	assert_int_equal(e->dobs[1].year, 1958);
	assert_int_equal(e->dobs[1].month, 4);
	assert_int_equal(e->dobs[1].day, 0);
	assert_int_equal(e->dobs[2].year, 1955);
	assert_int_equal(e->dobs[2].year_to, 1957);
	assert_int_equal(e->dobs[3].year, 1960);
	assert_int_equal(e->dobs[3].circa, 1);
	assert_int_equal(e->n_pobs, 1);
	assert_string_equal(e->pobs[0], "Culiacan, Sinaloa, Mexico");
	assert_int_equal(e->n_nationalities, 1);
	assert_string_equal(e->nationalities[0], "MX");
	assert_true(lt_has_str(e->countries, e->n_countries, "CO"));
	assert_string_equal(e->gender, "male");
	const cen_identifier *p = lt_find_id(e, "passport");
	assert_non_null(p);
	assert_string_equal(p->number, "A1234567");
	assert_string_equal(p->country, "MX");
	assert_string_equal(p->label, "Passport");
	p = lt_find_id(e, "cedula");
	assert_non_null(p);
	assert_string_equal(p->number, "71234567");
	assert_string_equal(p->country, "CO");
	assert_string_equal(lt_find_id(e, "rfc")->number, "PEGJ570404AB1");
	assert_string_equal(lt_find_id(e, "curp")->number, "PEGJ570404HSLRMN09");
	assert_string_equal(lt_find_id(e, "ssn")->country, "US");
	assert_string_equal(lt_find_id(e, "swift_bic")->number, "BANCMXMM");
	assert_null(lt_find_id(e, "swift_bic")->country);
	assert_string_equal(lt_find_id(e, "tax_id")->number, "98765");
	assert_int_equal(e->n_links, 1);
	assert_string_equal(e->links[0], "EMPRESA UNO, S.A. DE C.V.");
	assert_string_equal(e->remarks, "Some free text here");
	assert_int_equal(s.n[1] + s.n[2], 0);
	cen_list_free(l);
}

static void test_kinds_and_vessel(void **state)
{
	(void)state;
	const char *csv =
		"1,\"ACME S.A.\",-0- ,\"CUBA\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \n"
		"2,\"SEA STAR\",\"vessel\",\"IRAN\",-0- ,\"9BXX\",\"Crude Oil Tanker\",\"150000\",\"80000\",\"Iran\",\"NITC\",\"Vessel Registration Identification IMO 9079107.\"\n"
		"3,\"JET ONE\",\"aircraft\",\"SDGT\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,\"Aircraft Tail Number EP-ABC.\"\n";
	int rc;
	cen_list *l = load_mem(csv, NULL, &rc);
	assert_int_equal(rc, 0);
	assert_int_equal(cen_list_count(l), 3);
	assert_int_equal(cen_list_get(l, 0)->kind, CEN_KIND_ORG);
	assert_null(cen_list_get(l, 0)->remarks);
	const cen_entity *v = cen_list_get(l, 1);
	assert_int_equal(v->kind, CEN_KIND_VESSEL);
	assert_string_equal(lt_find_id(v, "call_sign")->number, "9BXX");
	assert_string_equal(lt_find_id(v, "imo")->number, "9079107");
	assert_true(lt_has_str(v->countries, v->n_countries, "IR"));
	assert_non_null(strstr(v->remarks, "Vessel Type Crude Oil Tanker"));
	assert_non_null(strstr(v->remarks, "Vessel Owner NITC"));
	const cen_entity *a = cen_list_get(l, 2);
	assert_int_equal(a->kind, CEN_KIND_AIRCRAFT);
	assert_string_equal(lt_find_id(a, "aircraft_tail")->number, "EP-ABC");
	cen_list_free(l);
}

static void test_bad_rows_reported(void **state)
{
	(void)state;
	const char *csv = "1,\"OK ONE\",-0- ,\"CUBA\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \n"
			  "x2,\"BAD NUM\",-0- ,\"CUBA\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \n"
			  "3,\"SHORT\",-0- \n"
			  "1,\"DUP\",-0- ,\"CUBA\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \n"
			  "4,\"TRUNC\",-0- ,\"CUBA\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,\"DOB 1950; a.k.a. 'UNFINI";
	lt_sink s;
	cen_diag d = lt_diag(&s);
	int rc;
	cen_list *l = load_mem(csv, &d, &rc);
	assert_int_equal(rc, 0);
	assert_int_equal(cen_list_count(l), 1);
	assert_non_null(strstr(s.text, "sdn.csv:2 ent_num: not a number"));
	assert_non_null(strstr(s.text, "sdn.csv:3 -: expected 12 fields, found 3"));
	assert_non_null(strstr(s.text, "sdn.csv:4 ent_num: ent_num 1 repeated"));
	assert_non_null(strstr(s.text, "sdn.csv:5"));
	assert_int_equal(d.errors, 3);
	cen_list_free(l);
}

static void test_windows_1252_repaired(void **state)
{
	(void)state;
	/* "MU\xd1OZ" is Latin-1/Windows-1252 for MUÑOZ; \x93 \x94 are curly quotes. */
	const char *csv = "1,\"OK\",-0- ,\"CUBA\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \n"
			  "7,\"MU\xd1OZ, Jos\xe9\",\"individual\",\"SDNTK\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,\"a.k.a. \x93PEPE\x94.\"\n";
	lt_sink s;
	cen_diag d = lt_diag(&s);
	int rc;
	cen_list *l = load_mem(csv, &d, &rc);
	assert_int_equal(rc, 0);
	const cen_entity *e = cen_list_find(l, "us_ofac_sdn:7");
	assert_non_null(e);
	assert_string_equal(e->names[0].text, "MU\xc3\x91OZ, Jos\xc3\xa9");
	assert_true(lt_has_name(e, "PEPE", CEN_NAME_WEAK_AKA));
	assert_non_null(strstr(s.text, "1 sdn.csv:2 -: bytes that are not UTF-8 read as Windows-1252"));
	assert_int_equal(d.warnings, 1);
	cen_list_free(l);
}

/* Loads a real folder, or skips the test when the data is absent. */
static cen_list *load_real(const char *rel, lt_sink *s, cen_diag *d)
{
	char buf[4096];
	const char *dir = lt_data(rel, buf, sizeof buf);
	if (!dir)
		return NULL;
	*d = lt_diag(s);
	cen_list *l;
	assert_int_equal(cen_list_new(&l), 0);
	assert_int_equal(cen_list_detect(dir), CEN_LIST_OFAC);
	assert_int_equal(cen_list_load(l, dir, CEN_LIST_AUTO, d), 0);
	return l;
}

static void test_nul_bytes_replaced(void **state)
{
	(void)state;
	static const char csv[] = "7,\"\0DOE, Jo\0hn\",\"individual\",\"SDGT\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"
				  "\"Passport \0X1 (Mexico).\"\n";
	lt_sink s;
	cen_diag d = lt_diag(&s);
	cen_list *l;
	assert_int_equal(cen_list_new(&l), 0);
	assert_int_equal(cen_list_load_mem(l, csv, sizeof csv - 1, CEN_LIST_OFAC, "sdn.csv", &d), 0);
	const cen_entity *e = cen_list_find(l, "us_ofac_sdn:7");
	assert_non_null(e);
	assert_string_equal(e->names[0].text, "DOE, Jo hn");
	assert_string_equal(lt_find_id(e, "passport")->number, "X1");
	assert_non_null(strstr(s.text, "sdn.csv:1 -: NUL bytes read as spaces"));
	cen_list_free(l);
}

static void test_real_2021(void **state)
{
	(void)state;
	lt_sink s;
	cen_diag d;
	cen_list *l = load_real("ofac/sdn-2021-07", &s, &d);
	if (!l)
		skip();
	assert_int_equal(cen_list_count(l), 8976);
	assert_int_equal(d.warnings + d.errors, 0);
	const cen_entity *e = cen_list_find(l, "us_ofac_sdn:6861");
	assert_non_null(e);
	assert_string_equal(e->names[0].text, "GUZMAN LOERA, Joaquin");
	assert_true(lt_has_name(e, "GUZMAN, Chapo", CEN_NAME_STRONG_AKA));
	assert_int_equal(e->n_dobs, 1);
	assert_int_equal(e->dobs[0].year, 1954);
	assert_int_equal(e->dobs[0].month, 12);
	assert_int_equal(e->dobs[0].day, 25);
	assert_string_equal(e->pobs[0], "Mexico");
	/* Remarks continued in sdn_comments.csv: the cut a.k.a. is joined. */
	e = cen_list_find(l, "us_ofac_sdn:28263");
	assert_non_null(e);
	assert_true(lt_has_name(e, "snowsjohn", CEN_NAME_WEAK_AKA));
	assert_true(lt_has_str(e->links, e->n_links, "LAZARUS GROUP"));
	assert_int_equal(strlen(cen_list_hash(l)), 64);
	const cen_list_source *src = cen_list_source_get(l, 0);
	assert_non_null(src);
	assert_string_equal(src->name, "us_ofac_sdn");
	assert_int_equal(src->n_entities, 8976);
	assert_string_equal(src->sha256, cen_list_hash(l));
	assert_true(cen_list_date(l) > 0);
	cen_list_free(l);
}

static void test_real_2024_orphans(void **state)
{
	(void)state;
	lt_sink s;
	cen_diag d;
	cen_list *l = load_real("ofac/sdn-2024-05", &s, &d);
	if (!l)
		skip();
	assert_int_equal(cen_list_count(l), 14965);
	assert_true(d.warnings >= 112 + 19);
	assert_int_equal(d.errors, 0);
	assert_non_null(strstr(s.text, "add.csv"));
	assert_non_null(strstr(s.text, "is not in sdn.csv (orphan row skipped)"));
	cen_list_free(l);
}

static void test_partial_folder_error(void **state)
{
	(void)state;
	char buf[4096];
	const char *dir = lt_data("ofac/sdn-2025-12-partial", buf, sizeof buf);
	if (!dir)
		skip();
	cen_list *l;
	assert_int_equal(cen_list_new(&l), 0);
	assert_int_equal(cen_list_load(l, dir, CEN_LIST_AUTO, NULL), CEN_EPARSE);
	assert_non_null(strstr(cen_list_errmsg(l), "sdn-2025-12-partial: folder has no sdn.csv or cons_prim.csv"));
	assert_int_equal(cen_list_count(l), 0);
	assert_int_equal(cen_list_source_count(l), 0);
	cen_list_free(l);
}

static void test_real_cons_and_cartels(void **state)
{
	(void)state;
	char buf[4096], buf2[4096];
	const char *dir = lt_data("ofac/cons-2025-12", buf, sizeof buf);
	const char *rows = lt_data("ofac/sdn-2026-cartel-rows.csv", buf2, sizeof buf2);
	if (!dir || !rows)
		skip();
	cen_list *l;
	assert_int_equal(cen_list_new(&l), 0);
	assert_int_equal(cen_list_load(l, dir, CEN_LIST_AUTO, NULL), 0);
	size_t ncons = cen_list_count(l);
	assert_true(ncons > 400);
	assert_string_equal(cen_list_get(l, 0)->source, "us_ofac_cons");
	assert_int_equal(cen_list_load(l, rows, CEN_LIST_AUTO, NULL), 0);
	assert_int_equal(cen_list_count(l), ncons + 5);
	assert_int_equal(cen_list_source_count(l), 2);
	const cen_entity *e = cen_list_find(l, "us_ofac_sdn:11440");
	assert_non_null(e);
	assert_string_equal(e->names[0].text, "SINALOA CARTEL");
	assert_int_equal(e->kind, CEN_KIND_ORG);
	assert_true(lt_has_str(e->programs, e->n_programs, "FTO"));
	assert_true(lt_has_str(e->programs, e->n_programs, "ILLICIT-DRUGS-EO14059"));
	assert_true(lt_has_name(e, "MEXICAN FEDERATION", CEN_NAME_WEAK_AKA));
	e = cen_list_find(l, "us_ofac_sdn:6861");
	assert_non_null(e);
	assert_int_equal(e->dobs[0].year, 1954);
	cen_list_free(l);
}

static void test_missing_path(void **state)
{
	(void)state;
	cen_list *l;
	assert_int_equal(cen_list_new(&l), 0);
	assert_int_equal(cen_list_load(l, "/nonexistent/sdn", CEN_LIST_AUTO, NULL), CEN_EIO);
	assert_non_null(strstr(cen_list_errmsg(l), "/nonexistent/sdn"));
	cen_list_free(l);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_remarks_structure),
		cmocka_unit_test(test_kinds_and_vessel),
		cmocka_unit_test(test_bad_rows_reported),
		cmocka_unit_test(test_windows_1252_repaired),
		cmocka_unit_test(test_nul_bytes_replaced),
		cmocka_unit_test(test_real_2021),
		cmocka_unit_test(test_real_2024_orphans),
		cmocka_unit_test(test_partial_folder_error),
		cmocka_unit_test(test_real_cons_and_cartels),
		cmocka_unit_test(test_missing_path),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
