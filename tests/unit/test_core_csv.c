/* test_core_csv.c - the CSV reader: quoting, line ends, caps, recovery. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "centinela/io.h"

static int eq(cen_slice s, const char *want)
{
	return s.len == strlen(want) && memcmp(s.ptr, want, s.len) == 0;
}

static void test_quotes_and_crlf(void **state)
{
	(void)state;
	const char *in = "a,\"b,c\",\"say \"\"hi\"\"\"\r\n\"multi\nline\",x\n-0- ,\"CUBA\",\n";
	cen_csv *c;
	assert_int_equal(cen_csv_open_mem(&c, in, strlen(in), "t.csv", NULL), 0);
	cen_slice *f;
	size_t n;
	assert_int_equal(cen_csv_next(c, &f, &n), 1);
	assert_int_equal(n, 3);
	assert_true(eq(f[0], "a"));
	assert_true(eq(f[1], "b,c"));
	assert_true(eq(f[2], "say \"hi\""));
	assert_int_equal(cen_csv_line(c), 1);
	assert_int_equal(cen_csv_next(c, &f, &n), 1);
	assert_int_equal(n, 2);
	assert_true(eq(f[0], "multi\nline"));
	assert_true(eq(f[1], "x"));
	assert_int_equal(cen_csv_line(c), 2);
	assert_int_equal(cen_csv_next(c, &f, &n), 1);
	assert_int_equal(cen_csv_line(c), 4);
	assert_int_equal(n, 3);
	assert_true(eq(f[0], "-0- "));
	assert_true(eq(f[1], "CUBA"));
	assert_true(eq(f[2], ""));
	assert_true(eq(cen_csv_raw(c), "-0- ,\"CUBA\","));
	assert_int_equal(cen_csv_next(c, &f, &n), 0);
	cen_csv_free(c);
}

static void test_unterminated_quote_recovers(void **state)
{
	(void)state;
	const char *in = "1,ok\n2,\"broken\n3,fine";
	cen_csv *c;
	assert_int_equal(cen_csv_open_mem(&c, in, strlen(in), "bad.csv", NULL), 0);
	cen_slice *f;
	size_t n;
	assert_int_equal(cen_csv_next(c, &f, &n), 1);
	assert_int_equal(cen_csv_next(c, &f, &n), CEN_EPARSE);
	assert_int_equal(cen_csv_line(c), 2);
	assert_non_null(strstr(cen_csv_errmsg(c), "bad.csv:2"));
	assert_true(eq(cen_csv_raw(c), "2,\"broken"));
	assert_int_equal(cen_csv_next(c, &f, &n), 1);
	assert_true(eq(f[0], "3"));
	assert_true(eq(f[1], "fine"));
	assert_int_equal(cen_csv_line(c), 3);
	assert_int_equal(cen_csv_next(c, &f, &n), 0);
	cen_csv_free(c);
}

static void test_caps(void **state)
{
	(void)state;
	cen_csv_opts o = {.max_field = 4, .max_fields = 3};
	const char *in = "abcdef,x\na,b,c,d\nok,1\n";
	cen_csv *c;
	assert_int_equal(cen_csv_open_mem(&c, in, strlen(in), "cap.csv", &o), 0);
	cen_slice *f;
	size_t n;
	assert_int_equal(cen_csv_next(c, &f, &n), CEN_ELIMIT);
	assert_non_null(strstr(cen_csv_errmsg(c), "field 1"));
	assert_int_equal(cen_csv_next(c, &f, &n), CEN_ELIMIT);
	assert_int_equal(cen_csv_line(c), 2);
	assert_int_equal(cen_csv_next(c, &f, &n), 1);
	assert_true(eq(f[0], "ok"));
	assert_int_equal(cen_csv_next(c, &f, &n), 0);
	cen_csv_free(c);
}

/* Records crossing the reader's internal chunk boundary come out whole. */
static void test_file_larger_than_chunk(void **state)
{
	(void)state;
	char path[] = "/tmp/cen_csv_XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	FILE *fp = fdopen(fd, "w");
	const int rows = 40000;
	for (int i = 0; i < rows; i++)
		fprintf(fp, "%d,\"name %d, with comma\",%d.%02d\n", i, i, i * 3, i % 100);
	fclose(fp);
	cen_csv *c;
	assert_int_equal(cen_csv_open_file(&c, path, NULL), 0);
	cen_slice *f;
	size_t n;
	int i = 0, rc;
	char want[64];
	while ((rc = cen_csv_next(c, &f, &n)) == 1) {
		assert_int_equal(n, 3);
		snprintf(want, sizeof want, "name %d, with comma", i);
		assert_true(eq(f[1], want));
		assert_int_equal(cen_csv_line(c), (uint64_t)i + 1);
		i++;
	}
	assert_int_equal(rc, 0);
	assert_int_equal(i, rows);
	cen_csv_free(c);
	unlink(path);
}

static void test_missing_file_names_it(void **state)
{
	(void)state;
	cen_csv *c;
	assert_int_equal(cen_csv_open_file(&c, "/nonexistent/x.csv", NULL), CEN_EIO);
	assert_non_null(strstr(cen_csv_errmsg(c), "/nonexistent/x.csv"));
	cen_csv_free(c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_quotes_and_crlf),
		cmocka_unit_test(test_unterminated_quote_recovers),
		cmocka_unit_test(test_caps),
		cmocka_unit_test(test_file_larger_than_chunk),
		cmocka_unit_test(test_missing_file_names_it),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
