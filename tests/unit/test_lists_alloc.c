/* test_lists_alloc.c - every allocation of a load fails in turn: the load
 * returns CEN_ENOMEM or succeeds completely, never crashes or leaks (the
 * ASan build checks leaks), for each reader and for the diff. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "lists_test_util.h"

static const char *ofac =
	"1,\"PEREZ, Juan\",\"individual\",\"SDNTK] [FTO\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"
	"\"DOB 04 Apr 1957; POB Culiacan, Mexico; nationality Mexico; Gender Male; "
	"Passport A1 (Mexico); a.k.a. 'FLACO'; Linked To: UNO S.A.\"\n"
	"2,\"UNO S.A.\",-0- ,\"SDNTK\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,\"R.F.C. UNO010101 (Mexico).\"\n"
	"3,\"SEA\",\"vessel\",\"IRAN\",-0- ,\"9B\",\"Tanker\",-0- ,-0- ,\"Iran\",-0- ,-0- \n";
static const char *own = "id,kind,name,aliases,dob,country,program,ids\n"
			 "c1,person,Ana Uno,A1;weak:A2,1970-01-02,MX,FTO;SDGT,curp:X1:MX\n"
			 "c2,org,Dos SA,,,CO,SDNTK,\n";
static const char *ftm =
	"{\"id\":\"p1\",\"schema\":\"Person\",\"properties\":{\"name\":[\"Ivan\"],\"alias\":[\"V\"],"
	"\"birthDate\":[\"1970\"],\"nationality\":[\"ru\"],\"idNumber\":[\"1\"],\"addressEntity\":[\"a\"]}}\n"
	"{\"id\":\"a\",\"schema\":\"Address\",\"properties\":{\"full\":[\"Moscow\"]}}\n"
	"{\"id\":\"s\",\"schema\":\"Sanction\",\"properties\":{\"entity\":[\"p1\"],\"programId\":[\"X\"]}}\n";
static const char *un =
	"<CONSOLIDATED_LIST dateGenerated=\"2026-01-01T00:00:00Z\"><INDIVIDUALS><INDIVIDUAL>"
	"<FIRST_NAME>A</FIRST_NAME><SECOND_NAME>B</SECOND_NAME><REFERENCE_NUMBER>Q.1</REFERENCE_NUMBER>"
	"<INDIVIDUAL_ALIAS><QUALITY>Low</QUALITY><ALIAS_NAME>C</ALIAS_NAME></INDIVIDUAL_ALIAS>"
	"<INDIVIDUAL_DATE_OF_BIRTH><DATE>1970-01-01</DATE></INDIVIDUAL_DATE_OF_BIRTH>"
	"<NATIONALITY><VALUE>Iraq</VALUE></NATIONALITY><INDIVIDUAL_DOCUMENT><TYPE_OF_DOCUMENT>Passport"
	"</TYPE_OF_DOCUMENT><NUMBER>P</NUMBER></INDIVIDUAL_DOCUMENT></INDIVIDUAL></INDIVIDUALS>"
	"</CONSOLIDATED_LIST>";

static void each_failure(const char *text, cen_list_format f, const char *name, size_t want)
{
	/* What a load without failures gives: a success under failures must
	 * give exactly the same records (no value silently lost). */
	cen_list *ref;
	assert_int_equal(cen_list_new(&ref), 0);
	assert_int_equal(cen_list_load_mem(ref, text, strlen(text), f, name, NULL), 0);
	int ok_seen = 0;
	for (long n = 0; n < 2000 && !ok_seen; n++) {
		cen_list *l = NULL;
		cen_alloc_fail_after(n);
		int rc = cen_list_new(&l);
		if (rc == 0)
			rc = cen_list_load_mem(l, text, strlen(text), f, name, NULL);
		cen_list_diff_counts c;
		int drc = rc == 0 ? cen_list_diff(l, l, NULL, NULL, &c) : 0;
		cen_alloc_fail_after(-1);
		if (rc == 0) {
			assert_int_equal(cen_list_count(l), want);
			assert_int_equal(drc, 0);
			assert_int_equal(cen_list_diff(ref, l, NULL, NULL, &c), 0);
			assert_int_equal(c.unchanged, want);
			ok_seen = 1;
		} else {
			assert_int_equal(rc, CEN_ENOMEM);
		}
		cen_list_free(l);
	}
	assert_true(ok_seen);
	cen_list_free(ref);
}

static void test_ofac(void **state)
{
	(void)state;
	each_failure(ofac, CEN_LIST_OFAC, "sdn.csv", 3);
}

static void test_own(void **state)
{
	(void)state;
	each_failure(own, CEN_LIST_OWN_CSV, "o.csv", 2);
}

static void test_ftm(void **state)
{
	(void)state;
	each_failure(ftm, CEN_LIST_FTM, "f.jsonl", 1);
}

static void test_un(void **state)
{
	(void)state;
	each_failure(un, CEN_LIST_UN_XML, "u.xml", 1);
}

static void test_latin1(void **state)
{
	(void)state;
	each_failure("1,\"MU\xd1OZ\",-0- ,\"X\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \n", CEN_LIST_OFAC,
		     "sdn.csv", 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ofac), cmocka_unit_test(test_own), cmocka_unit_test(test_ftm),
		cmocka_unit_test(test_un),   cmocka_unit_test(test_latin1),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
