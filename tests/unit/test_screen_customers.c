/* test_screen_customers.c - the customer file reader: both formats, header
 * detection, rejects naming line and field, warnings that keep the record. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "centinela/customers.h"

struct seen {
	int errors, warnings;
	char last_field[32];
	uint64_t last_line;
	char last_msg[256];
};

static void on_diag(void *ctx, int sev, const char *file, uint64_t line, const char *field,
		    const char *msg)
{
	struct seen *s = ctx;
	(void)file;
	if (sev >= 2)
		s->errors++;
	else
		s->warnings++;
	s->last_line = line;
	snprintf(s->last_field, sizeof s->last_field, "%s", field ? field : "");
	snprintf(s->last_msg, sizeof s->last_msg, "%s", msg);
}

static char *write_tmp(const char *content)
{
	static char path[64];
	snprintf(path, sizeof path, "/tmp/cen_cust_XXXXXX");
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, content, strlen(content)), (ssize_t)strlen(content));
	close(fd);
	return path;
}

static void test_csv_basic(void **state)
{
	(void)state;
	char *p = write_tmp("\xEF\xBB\xBF" "Name, ID ,extra,DOB,country,kind\n"
			    "\"GUZMAN LOERA, Joaquin\",c1,x,1957-04-04,MX,person\n"
			    "\n"
			    "Acme S.A. de C.V.,c2,,,,company\n");
	struct seen s = {0};
	cen_diag d = {on_diag, &s, 0, 0};
	cen_customers *r;
	assert_int_equal(cen_customers_open(&r, p, NULL, &d), 0);
	assert_int_equal(cen_customers_format_of(r), CEN_CUSTOMERS_CSV);
	cen_customer c;
	assert_int_equal(cen_customers_next(r, &c), 1);
	assert_string_equal(c.id, "c1");
	assert_string_equal(c.name, "GUZMAN LOERA, Joaquin");
	assert_string_equal(c.dob, "1957-04-04");
	assert_int_equal(c.dob_date.year, 1957);
	assert_int_equal(c.dob_date.month, 4);
	assert_string_equal(c.country, "MX");
	assert_int_equal(c.kind, CEN_KIND_PERSON);
	assert_int_equal(c.line, 2);
	assert_int_equal(cen_customers_next(r, &c), 1);
	assert_string_equal(c.id, "c2");
	assert_null(c.dob);
	assert_null(c.country);
	assert_int_equal(c.kind, CEN_KIND_ORG);
	assert_int_equal(c.line, 4);
	assert_int_equal(cen_customers_next(r, &c), 0);
	assert_int_equal(s.errors + s.warnings, 0);
	cen_customers_free(r);
	unlink(p);
}

static void test_csv_rejects(void **state)
{
	(void)state;
	char *p = write_tmp("id,name,dob\n"
			    "1,ok,1990\n"
			    "2,GUZMAN, JOAQUIN,1957\n"     /* unquoted comma */
			    "3,bad \xC3\x28 utf8,1960\n"    /* invalid UTF-8 */
			    ",no id,1960\n"
			    "5,\"unterminated,1960\n"
			    "6,date bad,31/31/1999\n"      /* warning only */
			    "7,short\n"
			    "8,last,\n");
	struct seen s = {0};
	cen_diag d = {on_diag, &s, 0, 0};
	cen_customers *r;
	assert_int_equal(cen_customers_open(&r, p, NULL, &d), 0);
	cen_customer c;
	assert_int_equal(cen_customers_next(r, &c), 1);
	assert_string_equal(c.id, "1");
	assert_int_equal(cen_customers_next(r, &c), CEN_EPARSE);
	assert_int_equal(s.last_line, 3);
	assert_non_null(strstr(cen_customers_errmsg(r), ":3:"));
	cen_slice raw = cen_customers_raw(r);
	assert_int_equal(raw.len, strlen("2,GUZMAN, JOAQUIN,1957"));
	assert_int_equal(cen_customers_next(r, &c), CEN_EENCODING);
	assert_string_equal(s.last_field, "name");
	assert_int_equal(s.last_line, 4);
	assert_int_equal(cen_customers_next(r, &c), CEN_EPARSE);
	assert_string_equal(s.last_field, "id");
	assert_int_equal(cen_customers_next(r, &c), CEN_EPARSE); /* unterminated quote */
	assert_int_equal(s.last_line, 6);
	assert_int_equal(cen_customers_next(r, &c), 1);
	assert_string_equal(c.id, "6");
	assert_null(c.dob);
	assert_int_equal(s.warnings, 1);
	assert_string_equal(s.last_field, "dob");
	assert_int_equal(cen_customers_next(r, &c), CEN_EPARSE);
	assert_string_equal(s.last_field, "dob");
	assert_int_equal(cen_customers_next(r, &c), 1);
	assert_string_equal(c.id, "8");
	assert_int_equal(cen_customers_next(r, &c), 0);
	assert_int_equal(s.errors, 5);
	cen_customers_free(r);
	unlink(p);
}

static void test_missing_column(void **state)
{
	(void)state;
	char *p = write_tmp("id,full_name\n1,x\n");
	cen_customers *r;
	assert_int_equal(cen_customers_open(&r, p, NULL, NULL), CEN_EPARSE);
	assert_non_null(strstr(cen_customers_errmsg(r), "'name'"));
	cen_customers_free(r);
	unlink(p);
}

static void test_oversized(void **state)
{
	(void)state;
	char big[3000];
	memset(big, 'a', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	char content[3100];
	snprintf(content, sizeof content, "id,name\n1,%s\n2,ok\n", big);
	char *p = write_tmp(content);
	struct seen s = {0};
	cen_diag d = {on_diag, &s, 0, 0};
	cen_customers *r;
	assert_int_equal(cen_customers_open(&r, p, NULL, &d), 0);
	cen_customer c;
	assert_int_equal(cen_customers_next(r, &c), CEN_ELIMIT);
	assert_string_equal(s.last_field, "name");
	assert_int_equal(cen_customers_next(r, &c), 1);
	assert_string_equal(c.name, "ok");
	cen_customers_free(r);
	unlink(p);
}

static void test_jsonl(void **state)
{
	(void)state;
	char *p = write_tmp("{\"id\": 17, \"name\": \"Nemesio Oseguera\", \"dob\": \"17/07/1966\", "
			    "\"kind\": \"individual\", \"other\": [1,2]}\n"
			    "   \n"
			    "[1,2]\n"
			    "{\"id\": \"a\", \"name\": 5}\n"
			    "{\"id\": \"b\", \"name\": \"x\\u0000y\"}\n"
			    "{\"id\": \"c\", \"name\": \"Ok\", \"country\": null, \"dob\": 1960}\n"
			    "{\"id\": \"d\", \"name\"\n");
	struct seen s = {0};
	cen_diag d = {on_diag, &s, 0, 0};
	cen_customers *r;
	assert_int_equal(cen_customers_open(&r, p, NULL, &d), 0);
	assert_int_equal(cen_customers_format_of(r), CEN_CUSTOMERS_JSONL);
	cen_customer c;
	assert_int_equal(cen_customers_next(r, &c), 1);
	assert_string_equal(c.id, "17");
	assert_string_equal(c.name, "Nemesio Oseguera");
	assert_int_equal(c.dob_date.year, 1966);
	assert_int_equal(c.dob_date.month, 7);
	assert_int_equal(c.dob_date.day, 17);
	assert_int_equal(c.kind, CEN_KIND_PERSON);
	assert_int_equal(c.line, 1);
	assert_int_equal(cen_customers_next(r, &c), CEN_EPARSE);
	assert_int_equal(s.last_line, 3);
	assert_int_equal(cen_customers_next(r, &c), CEN_EPARSE);
	assert_string_equal(s.last_field, "name");
	assert_int_equal(cen_customers_next(r, &c), CEN_EPARSE);
	assert_int_equal(cen_customers_next(r, &c), 1);
	assert_string_equal(c.id, "c");
	assert_null(c.country);
	assert_null(c.dob);
	assert_int_equal(s.warnings, 1);
	assert_int_equal(cen_customers_next(r, &c), CEN_EPARSE);
	assert_int_equal(s.last_line, 7);
	assert_int_equal(cen_customers_next(r, &c), 0);
	cen_customers_free(r);
	unlink(p);
}

/* A JSON line whose strings hold quotes that a CSV scanner would take as an
 * open quoted field must not join the lines after it: each line is its own
 * record, from a file and from memory alike. */
static void test_jsonl_quotes_stay_on_their_line(void **state)
{
	(void)state;
	const char *in = "{\"id\": \"q1\", \"name\": \"Juan \\\"El Gordo, \\\" Perez\"}\n"
			 "{\"id\": \"q2\", \"name\": \"a\",\"x\\\"\":1}\n"
			 "{\"id\": \"q3\", \"name\": \"Maria Lopez\"}\n";
	for (int from_file = 0; from_file < 2; from_file++) {
		struct seen s = {0};
		cen_diag d = {on_diag, &s, 0, 0};
		cen_customers *r;
		if (from_file)
			assert_int_equal(cen_customers_open(&r, write_tmp(in), NULL, &d), 0);
		else
			assert_int_equal(cen_customers_open_mem(&r, in, strlen(in), "q.jsonl", NULL, &d), 0);
		cen_customer c;
		assert_int_equal(cen_customers_next(r, &c), 1);
		assert_string_equal(c.id, "q1");
		assert_string_equal(c.name, "Juan \"El Gordo, \" Perez");
		assert_int_equal(cen_customers_next(r, &c), 1);
		assert_string_equal(c.id, "q2");
		assert_int_equal(c.line, 2);
		assert_int_equal(cen_customers_next(r, &c), 1);
		assert_string_equal(c.id, "q3");
		assert_int_equal(c.line, 3);
		assert_int_equal(cen_customers_next(r, &c), 0);
		assert_int_equal(s.errors, 0);
		cen_customers_free(r);
	}
}

static void test_dob_forms(void **state)
{
	(void)state;
	cen_date d;
	assert_int_equal(cen_customer_parse_dob("1954", 4, &d), 0);
	assert_int_equal(d.year, 1954);
	assert_int_equal(d.month, 0);
	assert_int_equal(cen_customer_parse_dob("1954-04", 7, &d), 0);
	assert_int_equal(d.month, 4);
	assert_int_equal(cen_customer_parse_dob("19540425", 8, &d), 0);
	assert_int_equal(d.day, 25);
	assert_int_equal(cen_customer_parse_dob("25/04/1954", 10, &d), 0);
	assert_int_equal(d.month, 4);
	assert_int_equal(d.day, 25);
	assert_int_equal(cen_customer_parse_dob("04/25/1954", 10, &d), 0);
	assert_int_equal(d.month, 4);
	assert_int_equal(d.day, 25);
	assert_int_equal(cen_customer_parse_dob("04/05/1954", 10, &d), 0);
	assert_int_equal(d.year, 1954);
	assert_int_equal(d.month, 0); /* ambiguous: year only */
	assert_int_equal(cen_customer_parse_dob("1954-02-30", 10, &d), CEN_EPARSE);
	assert_int_equal(cen_customer_parse_dob("circa 1954", 10, &d), CEN_EPARSE);
	assert_int_equal(cen_customer_parse_dob("", 0, &d), CEN_EPARSE);
	assert_int_equal(cen_customer_parse_kind(" Company ", 9), CEN_KIND_ORG);
	assert_int_equal(cen_customer_parse_kind("ship", 4), CEN_KIND_UNKNOWN);
}

static void test_empty_file(void **state)
{
	(void)state;
	char *p = write_tmp("");
	cen_customers *r;
	assert_int_equal(cen_customers_open(&r, p, NULL, NULL), 0);
	cen_customer c;
	assert_int_equal(cen_customers_next(r, &c), 0);
	cen_customers_free(r);
	unlink(p);
	assert_int_equal(cen_customers_open(&r, "/nonexistent/x.csv", NULL, NULL), CEN_EIO);
	assert_non_null(strstr(cen_customers_errmsg(r), "/nonexistent/x.csv"));
	cen_customers_free(r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_csv_basic),   cmocka_unit_test(test_csv_rejects),
		cmocka_unit_test(test_missing_column), cmocka_unit_test(test_oversized),
		cmocka_unit_test(test_jsonl),       cmocka_unit_test(test_dob_forms),
		cmocka_unit_test(test_empty_file),
		cmocka_unit_test(test_jsonl_quotes_stay_on_their_line),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
