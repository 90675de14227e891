/* test_lists_formats.c - own CSV, FollowTheMoney JSON and UN XML readers on
 * small inputs (every mapping rule, bad input) and on the shared real data. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "lists_test_util.h"

static cen_list *load(const char *text, cen_list_format f, const char *name, cen_diag *d,
		      int *rc)
{
	cen_list *l;
	assert_int_equal(cen_list_new(&l), 0);
	*rc = cen_list_load_mem(l, text, strlen(text), f, name, d);
	return l;
}

static void test_own_csv(void **state)
{
	(void)state;
	const char *csv =
		"id,kind,name,aliases,dob,country,program,ids,extra\n"
		"c1,person,Nemesio Oseguera Cervantes,\"EL MENCHO;weak:MENCHO;fka:RUBEN\",1966-07-17;1964,"
		"MX,SDNTK;FTO,curp:OECN660717HMNSRM09:MX;passport:X123\n"
		"c2,org,CARTEL DE JALISCO NUEVA GENERACION,CJNG,,Mexico,FTO,,ignored\n"
		"c3,ship,BAD KIND,,notadate,Atlantis,,rfc\n"
		",person,NO ID\n"
		"c1,person,DUPLICATE\n"
		"\n";
	lt_sink s;
	cen_diag d = lt_diag(&s);
	int rc;
	cen_list *l = load(csv, CEN_LIST_OWN_CSV, "watch.csv", &d, &rc);
	assert_int_equal(rc, 0);
	assert_int_equal(cen_list_count(l), 3);
	const cen_entity *e = cen_list_find(l, "own:c1");
	assert_non_null(e);
	assert_string_equal(e->source, "own");
	assert_int_equal(e->kind, CEN_KIND_PERSON);
	assert_string_equal(e->names[0].text, "Nemesio Oseguera Cervantes");
	assert_true(lt_has_name(e, "EL MENCHO", CEN_NAME_STRONG_AKA));
	assert_true(lt_has_name(e, "MENCHO", CEN_NAME_WEAK_AKA));
	assert_true(lt_has_name(e, "RUBEN", CEN_NAME_FKA));
	assert_int_equal(e->n_dobs, 2);
	assert_int_equal(e->dobs[0].day, 17);
	assert_int_equal(e->dobs[1].year, 1964);
	assert_string_equal(e->countries[0], "MX");
	assert_string_equal(e->nationalities[0], "MX");
	assert_int_equal(e->n_programs, 2);
	const cen_identifier *id = lt_find_id(e, "curp");
	assert_non_null(id);
	assert_string_equal(id->number, "OECN660717HMNSRM09");
	assert_string_equal(id->country, "MX");
	assert_string_equal(lt_find_id(e, "passport")->number, "X123");
	e = cen_list_find(l, "own:c2");
	assert_int_equal(e->kind, CEN_KIND_ORG);
	assert_int_equal(e->n_nationalities, 0);
	assert_string_equal(e->countries[0], "MX");
	e = cen_list_find(l, "own:c3");
	assert_int_equal(e->kind, CEN_KIND_UNKNOWN);
	assert_non_null(strstr(s.text, "watch.csv:4 kind: unknown kind"));
	assert_non_null(strstr(s.text, "watch.csv:4 dob: not a date: 'notadate'"));
	assert_non_null(strstr(s.text, "watch.csv:4 country: unknown country 'Atlantis'"));
	assert_non_null(strstr(s.text, "watch.csv:4 ids: 'rfc' is not type:number"));
	assert_non_null(strstr(s.text, "watch.csv:5 id: empty; row skipped"));
	assert_non_null(strstr(s.text, "watch.csv:6 id: id 'c1' repeated"));
	assert_non_null(strstr(s.text, "column 'extra' ignored"));
	cen_list_free(l);
}

static void test_own_csv_bad_header(void **state)
{
	(void)state;
	int rc;
	cen_list *l = load("name,kind\nX,person\n", CEN_LIST_OWN_CSV, "h.csv", NULL, &rc);
	assert_int_equal(rc, CEN_EPARSE);
	assert_non_null(strstr(cen_list_errmsg(l), "h.csv:1: header must have the columns id and name"));
	assert_int_equal(cen_list_count(l), 0);
	assert_int_equal(cen_list_load_mem(l, "", 0, CEN_LIST_OWN_CSV, "e.csv", NULL), CEN_EPARSE);
	assert_non_null(strstr(cen_list_errmsg(l), "e.csv: empty file"));
	cen_list_free(l);
}

static void test_ftm(void **state)
{
	(void)state;
	const char *json =
		"{\"id\":\"p1\",\"schema\":\"Person\",\"caption\":\"Ivan Petrov\",\"properties\":{"
		"\"name\":[\"PETROV, Ivan\",\"Ivan Petrov\"],\"alias\":[\"Vanya\"],\"weakAlias\":[\"IP\"],"
		"\"previousName\":[\"Ivan Sidorov\"],\"birthDate\":[\"1970-05\",\"1971\"],"
		"\"birthPlace\":[\"Moscow\"],\"nationality\":[\"ru\"],\"country\":[\"ru\",\"suhh\"],"
		"\"passportNumber\":[\"7001\"],\"idNumber\":[\"42\"],\"topics\":[\"sanction\"],"
		"\"programId\":[\"US-RUS\"],\"gender\":[\"male\"],\"addressEntity\":[\"a1\"]},"
		"\"last_change\":\"2026-04-29T07:55:02\"}\n"
		"{\"id\":\"a1\",\"schema\":\"Address\",\"properties\":{\"full\":[\"1 Red Sq, Moscow\"]}}\n"
		"{\"id\":\"s1\",\"schema\":\"Sanction\",\"properties\":{\"entity\":[\"p1\"],\"program\":[\"Russia EO\"],\"programId\":[\"US-EO14024\"]}}\n"
		"{\"id\":\"v1\",\"schema\":\"Vessel\",\"properties\":{\"name\":[\"SEA\"],\"imoNumber\":[\"IMO 9000001\"],\"flag\":[\"pa\"]}}\n"
		"{\"id\":\"o1\",\"schema\":\"Ownership\",\"properties\":{}}\n"
		"{\"id\":\"x\",\"schema\":\"Company\",\"properties\":{\"name\":[\"  \"]}}\n"
		"{not json\n"
		"[1,2]\n"
		"{\"id\":\"p1\",\"schema\":\"Person\",\"properties\":{\"name\":[\"dup\"]}}\n";
	lt_sink s;
	cen_diag d = lt_diag(&s);
	int rc;
	cen_list *l = load(json, CEN_LIST_FTM, "t.jsonl", &d, &rc);
	assert_int_equal(rc, 0);
	assert_int_equal(cen_list_count(l), 2);
	const cen_entity *e = cen_list_find(l, "opensanctions:p1");
	assert_non_null(e);
	assert_int_equal(e->kind, CEN_KIND_PERSON);
	assert_string_equal(e->names[0].text, "Ivan Petrov");
	assert_int_equal(e->names[0].type, CEN_NAME_PRIMARY);
	assert_true(lt_has_name(e, "PETROV, Ivan", CEN_NAME_STRONG_AKA));
	assert_true(lt_has_name(e, "Vanya", CEN_NAME_STRONG_AKA));
	assert_true(lt_has_name(e, "IP", CEN_NAME_WEAK_AKA));
	assert_true(lt_has_name(e, "Ivan Sidorov", CEN_NAME_FKA));
	assert_int_equal(e->n_dobs, 2);
	assert_int_equal(e->dobs[0].month, 5);
	assert_string_equal(e->pobs[0], "Moscow");
	assert_string_equal(e->nationalities[0], "RU");
	assert_int_equal(e->n_countries, 1);
	assert_string_equal(lt_find_id(e, "passport")->number, "7001");
	assert_string_equal(lt_find_id(e, "national_id")->number, "42");
	assert_true(lt_has_str(e->programs, e->n_programs, "US-RUS"));
	assert_true(lt_has_str(e->programs, e->n_programs, "US-EO14024"));
	assert_string_equal(e->addresses[0], "1 Red Sq, Moscow");
	assert_string_equal(e->gender, "male");
	assert_non_null(strstr(e->remarks, "topics: sanction"));
	e = cen_list_find(l, "opensanctions:v1");
	assert_int_equal(e->kind, CEN_KIND_VESSEL);
	assert_string_equal(lt_find_id(e, "imo")->number, "IMO 9000001");
	assert_string_equal(e->countries[0], "PA");
	assert_non_null(strstr(s.text, "t.jsonl:6 name: entity x has no name"));
	assert_non_null(strstr(s.text, "t.jsonl:7 -: invalid JSON"));
	assert_non_null(strstr(s.text, "t.jsonl:8 -: not a JSON object"));
	assert_non_null(strstr(s.text, "t.jsonl:9 id: entity p1 repeated"));
	assert_non_null(strstr(s.text, "1 Ownership record(s)"));
	assert_int_equal(cen_list_source_get(l, 0)->date_from_source, 1);
	assert_int_equal(cen_list_date(l), 1777449302); /* 2026-04-29T07:55:02Z */
	cen_list_free(l);
}

static const char *un_xml =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	"<CONSOLIDATED_LIST dateGenerated=\"2026-02-27T00:00:09.554Z\"><INDIVIDUALS>\n"
	"<INDIVIDUAL><DATAID>1</DATAID><FIRST_NAME>ABU</FIRST_NAME><SECOND_NAME>BAKR</SECOND_NAME>"
	"<THIRD_NAME>AL</THIRD_NAME><FOURTH_NAME>X</FOURTH_NAME><UN_LIST_TYPE>Al-Qaida</UN_LIST_TYPE>"
	"<REFERENCE_NUMBER>QDi.001</REFERENCE_NUMBER><GENDER>Male</GENDER>"
	"<NAME_ORIGINAL_SCRIPT>\xd8\xa3\xd8\xa8\xd9\x88</NAME_ORIGINAL_SCRIPT>"
	"<TITLE><VALUE>Dr.</VALUE></TITLE><DESIGNATION><VALUE>Leader</VALUE></DESIGNATION>"
	"<NATIONALITY><VALUE>Iraq</VALUE><VALUE>Atlantis</VALUE></NATIONALITY>"
	"<INDIVIDUAL_ALIAS><QUALITY>Good</QUALITY><ALIAS_NAME>Abu Dua</ALIAS_NAME></INDIVIDUAL_ALIAS>"
	"<INDIVIDUAL_ALIAS><QUALITY>Low</QUALITY><ALIAS_NAME>Dr. Ibrahim</ALIAS_NAME></INDIVIDUAL_ALIAS>"
	"<INDIVIDUAL_ALIAS><QUALITY/><ALIAS_NAME/></INDIVIDUAL_ALIAS>"
	"<INDIVIDUAL_DATE_OF_BIRTH><TYPE_OF_DATE>EXACT</TYPE_OF_DATE><DATE>1971-07-28</DATE></INDIVIDUAL_DATE_OF_BIRTH>"
	"<INDIVIDUAL_DATE_OF_BIRTH><TYPE_OF_DATE>APPROXIMATELY</TYPE_OF_DATE><YEAR>1970</YEAR></INDIVIDUAL_DATE_OF_BIRTH>"
	"<INDIVIDUAL_DATE_OF_BIRTH><TYPE_OF_DATE>BETWEEN</TYPE_OF_DATE><FROM_YEAR>1968</FROM_YEAR><TO_YEAR>1969</TO_YEAR></INDIVIDUAL_DATE_OF_BIRTH>"
	"<INDIVIDUAL_DATE_OF_BIRTH><TYPE_OF_DATE>EXACT</TYPE_OF_DATE><NOTE>Nov. 1973 </NOTE></INDIVIDUAL_DATE_OF_BIRTH>"
	"<INDIVIDUAL_PLACE_OF_BIRTH><CITY>Samarra</CITY><COUNTRY>Iraq</COUNTRY></INDIVIDUAL_PLACE_OF_BIRTH>"
	"<INDIVIDUAL_DOCUMENT><TYPE_OF_DOCUMENT>National Identification\n   Number</TYPE_OF_DOCUMENT>"
	"<NUMBER>A-77</NUMBER><ISSUING_COUNTRY>Iraq</ISSUING_COUNTRY></INDIVIDUAL_DOCUMENT>"
	"<INDIVIDUAL_ADDRESS><CITY>Mosul</CITY><COUNTRY>Iraq</COUNTRY></INDIVIDUAL_ADDRESS>"
	"<COMMENTS1>Leader &amp; founder.</COMMENTS1></INDIVIDUAL>\n"
	"<INDIVIDUAL><DATAID>2</DATAID><REFERENCE_NUMBER>QDi.002</REFERENCE_NUMBER></INDIVIDUAL>\n"
	"</INDIVIDUALS><ENTITIES><ENTITY><DATAID>3</DATAID><FIRST_NAME>AL-QAIDA</FIRST_NAME>"
	"<REFERENCE_NUMBER>QDe.004</REFERENCE_NUMBER><UN_LIST_TYPE>Al-Qaida</UN_LIST_TYPE>"
	"<ENTITY_ALIAS><QUALITY>f.k.a.</QUALITY><ALIAS_NAME>The Base</ALIAS_NAME></ENTITY_ALIAS>"
	"</ENTITY></ENTITIES></CONSOLIDATED_LIST>\n";

static void test_un(void **state)
{
	(void)state;
	lt_sink s;
	cen_diag d = lt_diag(&s);
	int rc;
	cen_list *l = load(un_xml, CEN_LIST_UN_XML, "un.xml", &d, &rc);
	assert_int_equal(rc, 0);
	assert_int_equal(cen_list_count(l), 2);
	const cen_entity *e = cen_list_find(l, "un_sc:QDi.001");
	assert_non_null(e);
	assert_int_equal(e->kind, CEN_KIND_PERSON);
	assert_string_equal(e->names[0].text, "ABU BAKR AL X");
	assert_true(lt_has_name(e, "Abu Dua", CEN_NAME_STRONG_AKA));
	assert_true(lt_has_name(e, "Dr. Ibrahim", CEN_NAME_WEAK_AKA));
	assert_true(lt_has_name(e, "\xd8\xa3\xd8\xa8\xd9\x88", CEN_NAME_STRONG_AKA));
	assert_int_equal(e->n_names, 4);
	assert_int_equal(e->n_dobs, 4);
	assert_int_equal(e->dobs[0].day, 28);
	assert_true(e->dobs[1].year == 1970 && e->dobs[1].circa);
	assert_true(e->dobs[2].year == 1968 && e->dobs[2].year_to == 1969);
	assert_true(e->dobs[3].year == 1973 && e->dobs[3].month == 11);
	assert_string_equal(e->pobs[0], "Samarra, Iraq");
	assert_int_equal(e->n_nationalities, 1);
	assert_string_equal(e->nationalities[0], "IQ");
	const cen_identifier *id = lt_find_id(e, "national_id");
	assert_non_null(id);
	assert_string_equal(id->number, "A-77");
	assert_string_equal(id->country, "IQ");
	assert_string_equal(id->label, "National Identification Number");
	assert_string_equal(e->addresses[0], "Mosul, Iraq");
	assert_string_equal(e->countries[0], "IQ");
	assert_string_equal(e->programs[0], "Al-Qaida");
	assert_string_equal(e->title, "Dr.");
	assert_string_equal(e->gender, "male");
	assert_non_null(strstr(e->remarks, "nationality Atlantis"));
	assert_non_null(strstr(e->remarks, "Designation: Leader"));
	assert_non_null(strstr(e->remarks, "Leader & founder."));
	e = cen_list_find(l, "un_sc:QDe.004");
	assert_int_equal(e->kind, CEN_KIND_ORG);
	assert_true(lt_has_name(e, "The Base", CEN_NAME_FKA));
	assert_non_null(strstr(s.text, "un.xml:5 FIRST_NAME: no usable name"));
	assert_int_equal(cen_list_date(l), 1772150409);
	cen_list_free(l);
}

static void test_un_hostile(void **state)
{
	(void)state;
	int rc;
	cen_list *l = load("<CONSOLIDATED_LIST><INDIVIDUALS><INDIVIDUAL>", CEN_LIST_UN_XML, "t.xml",
			   NULL, &rc);
	assert_int_equal(rc, CEN_EPARSE);
	assert_non_null(strstr(cen_list_errmsg(l), "t.xml:1: not well-formed XML"));
	const char *bomb = "<?xml version=\"1.0\"?><!DOCTYPE CONSOLIDATED_LIST [<!ENTITY a \"aaaa\">"
			   "<!ENTITY b \"&a;&a;&a;&a;\">]><CONSOLIDATED_LIST>&b;</CONSOLIDATED_LIST>";
	assert_int_equal(cen_list_load_mem(l, bomb, strlen(bomb), CEN_LIST_UN_XML, "b.xml", NULL),
			 CEN_EUNSUPPORTED);
	assert_non_null(strstr(cen_list_errmsg(l), "document type declarations are not accepted"));
	const char *xxe = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
			  "<CONSOLIDATED_LIST><INDIVIDUALS><INDIVIDUAL><REFERENCE_NUMBER>&e;</REFERENCE_NUMBER>"
			  "</INDIVIDUAL></INDIVIDUALS></CONSOLIDATED_LIST>";
	assert_int_not_equal(cen_list_load_mem(l, xxe, strlen(xxe), CEN_LIST_UN_XML, "x.xml", NULL), 0);
	assert_int_equal(cen_list_load_mem(l, "<foo/>", 6, CEN_LIST_UN_XML, "f.xml", NULL), CEN_EPARSE);
	assert_non_null(strstr(cen_list_errmsg(l), "not CONSOLIDATED_LIST"));
	assert_int_equal(cen_list_count(l), 0);
	cen_list_free(l);
}

static void test_real_un(void **state)
{
	(void)state;
	char buf[4096];
	const char *p = lt_data("un/consolidated-2026-02-27.xml", buf, sizeof buf);
	if (!p)
		skip();
	lt_sink s;
	cen_diag d = lt_diag(&s);
	cen_list *l;
	assert_int_equal(cen_list_new(&l), 0);
	assert_int_equal(cen_list_load(l, p, CEN_LIST_AUTO, &d), 0);
	size_t persons = 0, orgs = 0;
	for (size_t i = 0; i < cen_list_count(l); i++) {
		const cen_entity *e = cen_list_get(l, i);
		persons += e->kind == CEN_KIND_PERSON;
		orgs += e->kind == CEN_KIND_ORG;
	}
	assert_int_equal(persons, 730);
	assert_int_equal(orgs, 273);
	assert_int_equal(d.errors, 0);
	const cen_entity *e = cen_list_find(l, "un_sc:CDi.006");
	assert_non_null(e);
	assert_string_equal(e->names[0].text, "GERMAIN KATANGA");
	assert_int_equal(e->dobs[0].year, 1978);
	assert_string_equal(e->nationalities[0], "CD");
	const cen_list_source *src = cen_list_source_get(l, 0);
	assert_int_equal(src->date_from_source, 1);
	assert_int_equal(src->date, 1772150409);
	cen_list_free(l);
}

static void test_real_ftm(void **state)
{
	(void)state;
	char buf[4096];
	const char *p = lt_data("opensanctions/zala-2026-06-03.ftm.json", buf, sizeof buf);
	if (!p)
		skip();
	lt_sink s;
	cen_diag d = lt_diag(&s);
	cen_list *l;
	assert_int_equal(cen_list_new(&l), 0);
	assert_int_equal(cen_list_detect(p), CEN_LIST_FTM);
	assert_int_equal(cen_list_load(l, p, CEN_LIST_AUTO, &d), 0);
	/* 91 records: 6 Person + 11 Company are parties; the other 74 are notes. */
	assert_int_equal(cen_list_count(l), 17);
	assert_int_equal(d.errors, 0);
	int skipped = 0;
	const char *t = s.text;
	while ((t = strstr(t, "schema: ")) != NULL) {
		t += 8;
		skipped += atoi(t);
	}
	assert_int_equal(skipped + 17, 91);
	const cen_entity *e = cen_list_find(l, "opensanctions:NK-2Tbri3s6GgNtAwsSXh4qpL");
	assert_non_null(e);
	assert_string_equal(e->names[0].text, "Maria Aleksandrovna Osetrova");
	assert_int_equal(e->dobs[0].year, 1988);
	assert_string_equal(e->nationalities[0], "RU");
	cen_list_free(l);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_own_csv),  cmocka_unit_test(test_own_csv_bad_header),
		cmocka_unit_test(test_ftm),      cmocka_unit_test(test_un),
		cmocka_unit_test(test_un_hostile), cmocka_unit_test(test_real_un),
		cmocka_unit_test(test_real_ftm),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
