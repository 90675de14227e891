/* test_core_buf.c - buffers, JSON escaping, interning, arena, time. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "centinela/alert.h"
#include "centinela/io.h"
#include "core/arena.h"
#include "core/hash.h"
#include "core/timeutil.h"

static void test_buf_cap(void **state)
{
	(void)state;
	cen_buf b;
	cen_buf_init(&b, 8);
	assert_int_equal(cen_buf_puts(&b, "12345"), 0);
	assert_int_equal(cen_buf_puts(&b, "6789"), CEN_ELIMIT);
	assert_string_equal(cen_buf_str(&b), "12345");
	assert_int_equal(cen_buf_printf(&b, "%d", 678), 0);
	assert_string_equal(cen_buf_str(&b), "12345678");
	cen_buf_release(&b);
}

static void test_json_escapes_and_bad_utf8(void **state)
{
	(void)state;
	cen_buf b;
	cen_buf_init(&b, 0);
	const char in[] = "Guzm\xc3\xa1n \"El Chapo\"\n\x01\xff";
	assert_int_equal(cen_json_str(&b, in, sizeof in - 1), 0);
	assert_string_equal(cen_buf_str(&b),
			    "\"Guzm\xc3\xa1n \\\"El Chapo\\\"\\n\\u0001\xef\xbf\xbd\"");
	cen_buf_release(&b);
}

static void test_alloc_failure_is_reported(void **state)
{
	(void)state;
	cen_buf b;
	cen_buf_init(&b, 0);
	cen_alloc_fail_after(0);
	assert_int_equal(cen_buf_puts(&b, "x"), CEN_ENOMEM);
	assert_int_equal(cen_buf_puts(&b, "x"), 0);
	cen_buf_release(&b);
}

static void test_intern(void **state)
{
	(void)state;
	cen__intern t;
	cen__intern_init(&t);
	char key[32];
	for (int i = 0; i < 5000; i++) {
		int n = snprintf(key, sizeof key, "acct-%d", i);
		assert_int_equal(cen__intern_put(&t, key, (size_t)n), i);
	}
	assert_int_equal(cen__intern_put(&t, "acct-42", 7), 42);
	assert_int_equal(cen__intern_get(&t, "acct-4999", 9), 4999);
	assert_int_equal(cen__intern_get(&t, "acct-5000", 9), -1);
	assert_string_equal(t.strs[123], "acct-123");
	cen__intern_release(&t);
}

static void test_arena(void **state)
{
	(void)state;
	cen__arena a;
	cen__arena_init(&a, 1024);
	char *p = cen__arena_strndup(&a, "hello", 5);
	void *big = cen__arena_alloc(&a, 10000);
	assert_non_null(big);
	memset(big, 1, 10000);
	char *q = cen__arena_strndup(&a, "world", 5);
	assert_string_equal(p, "hello");
	assert_string_equal(q, "world");
	assert_int_equal(((uintptr_t)big) % 16, 0);
	cen__arena_reset(&a);
	cen__arena_release(&a);
}

static void test_time(void **state)
{
	(void)state;
	char out[32];
	cen_format_iso8601(0, out, sizeof out);
	assert_string_equal(out, "1970-01-01T00:00:00Z");
	int64_t t = cen__days_from_civil(2024, 2, 29) * 86400 + 3723;
	cen_format_iso8601(t, out, sizeof out);
	assert_string_equal(out, "2024-02-29T01:02:03Z");
	cen_format_iso8601(-1, out, sizeof out);
	assert_string_equal(out, "1969-12-31T23:59:59Z");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_buf_cap),
		cmocka_unit_test(test_json_escapes_and_bad_utf8),
		cmocka_unit_test(test_alloc_failure_is_reported),
		cmocka_unit_test(test_intern),
		cmocka_unit_test(test_arena),
		cmocka_unit_test(test_time),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
