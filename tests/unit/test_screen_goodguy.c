/* test_screen_goodguy.c - cleared hits: suppressed while the entity's record
 * is unchanged, back (stale) once it changes; the file format and its
 * `cleared` marker column. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "centinela/goodguy.h"

static void test_states(void **state)
{
	(void)state;
	cen_goodguy *g;
	assert_int_equal(cen_goodguy_new(&g), 0);
	assert_int_equal(cen_goodguy_add(g, "c1", "us_ofac_sdn:123", 0xabcdefULL), 0);
	assert_int_equal(cen_goodguy_check(g, "c1", "us_ofac_sdn:123", 0xabcdefULL),
			 CEN_GOODGUY_CLEARED);
	assert_int_equal(cen_goodguy_check(g, "c1", "us_ofac_sdn:123", 0xabcdeeULL),
			 CEN_GOODGUY_STALE);
	assert_int_equal(cen_goodguy_check(g, "c2", "us_ofac_sdn:123", 0xabcdefULL),
			 CEN_GOODGUY_NONE);
	assert_int_equal(cen_goodguy_check(g, "c1", "us_ofac_sdn:12", 0xabcdefULL),
			 CEN_GOODGUY_NONE);
	assert_int_equal(cen_goodguy_count(g), 1);
	cen_goodguy_free(g);
}

static void test_hex(void **state)
{
	(void)state;
	char hex[17];
	cen_goodguy_hash_hex(0x00f1ULL, hex);
	assert_string_equal(hex, "00000000000000f1");
	uint64_t h;
	assert_int_equal(cen_goodguy_hash_parse(" 0xF1 ", 6, &h), 0);
	assert_true(h == 0xf1);
	assert_int_equal(cen_goodguy_hash_parse("12345678901234567", 17, &h), CEN_EPARSE);
	assert_int_equal(cen_goodguy_hash_parse("zz", 2, &h), CEN_EPARSE);
}

static int errors;
static void on_diag(void *ctx, int sev, const char *file, uint64_t line, const char *field,
		    const char *msg)
{
	(void)ctx, (void)file, (void)line, (void)field, (void)msg;
	if (sev >= 2)
		errors++;
}

static void test_file_with_marker(void **state)
{
	(void)state;
	char path[] = "/tmp/cen_gg_XXXXXX";
	int fd = mkstemp(path);
	const char *csv = "input_id,entity_id,score,content_hash,cleared\n"
			  "c1,own:1,0.9,00000000000000aa,yes\n"
			  "c2,own:1,0.9,00000000000000aa,\n"
			  "c3,own:2,0.9,nothex,x\n"
			  "c4,own:2,0.9,bb,X\n";
	assert_int_equal(write(fd, csv, strlen(csv)), (ssize_t)strlen(csv));
	close(fd);
	cen_goodguy *g;
	assert_int_equal(cen_goodguy_new(&g), 0);
	cen_diag d = {on_diag, NULL, 0, 0};
	assert_int_equal(cen_goodguy_load(g, path, &d), 0);
	assert_int_equal(errors, 1);
	assert_int_equal(cen_goodguy_count(g), 2);
	assert_int_equal(cen_goodguy_check(g, "c1", "own:1", 0xaa), CEN_GOODGUY_CLEARED);
	assert_int_equal(cen_goodguy_check(g, "c2", "own:1", 0xaa), CEN_GOODGUY_NONE);
	assert_int_equal(cen_goodguy_check(g, "c4", "own:2", 0xbb), CEN_GOODGUY_CLEARED);
	cen_goodguy_free(g);
	unlink(path);
}

static void test_bad_header(void **state)
{
	(void)state;
	char path[] = "/tmp/cen_gg_XXXXXX";
	int fd = mkstemp(path);
	const char *csv = "customer,entity\nc1,own:1\n";
	assert_int_equal(write(fd, csv, strlen(csv)), (ssize_t)strlen(csv));
	close(fd);
	cen_goodguy *g;
	assert_int_equal(cen_goodguy_new(&g), 0);
	assert_int_equal(cen_goodguy_load(g, path, NULL), CEN_EPARSE);
	assert_non_null(strstr(cen_goodguy_errmsg(g), "content_hash"));
	cen_goodguy_free(g);
	unlink(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_states),
		cmocka_unit_test(test_hex),
		cmocka_unit_test(test_file_with_marker),
		cmocka_unit_test(test_bad_header),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
