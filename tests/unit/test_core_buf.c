/* test_core_buf.c - buffers, JSON escaping, interning, arena, time. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
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

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return x < y ? -1 : x > y;
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

	/* Every length the hash and the slots treat apart (in the slot up to
	 * 16 bytes, by two loads, a loop beyond), embedded NULs, and a key
	 * longer than 0xffff bytes: each found, and no key that differs in
	 * one byte. */
	cen__intern_init(&t);
	static char big[70000];
	memset(big, 'x', sizeof big);
	char k[64];
	for (size_t len = 0; len <= 60; len++) {
		for (size_t i = 0; i < len; i++)
			k[i] = (char)(i % 7 == 3 ? 0 : 'a' + (i * 5 + len) % 26);
		assert_int_equal(cen__intern_put(&t, k, len), (int64_t)len);
	}
	assert_int_equal(cen__intern_put(&t, big, sizeof big), 61);
	assert_int_equal(cen__intern_put(&t, big, sizeof big - 1), 62);
	for (size_t len = 0; len <= 60; len++) {
		for (size_t i = 0; i < len; i++)
			k[i] = (char)(i % 7 == 3 ? 0 : 'a' + (i * 5 + len) % 26);
		assert_int_equal(cen__intern_get(&t, k, len), (int64_t)len);
		for (size_t i = 0; i < len; i++) {
			k[i] ^= 1;
			assert_int_equal(cen__intern_get(&t, k, len), -1);
			k[i] ^= 1;
		}
	}
	assert_int_equal(cen__intern_get(&t, big, sizeof big), 61);
	big[40000] = 'y';
	assert_int_equal(cen__intern_get(&t, big, sizeof big), -1);
	cen__intern_release(&t);

	/* Short keys get distinct 64-bit hashes (the screener's maps keep
	 * hashes only): every key of 1 and 2 bytes over 96 characters, and of
	 * 3 bytes over 24. */
	cen__intern_init(&t);
	for (int a = 32; a < 128; a++) {
		k[0] = (char)a;
		assert_true(cen__intern_put(&t, k, 1) >= 0);
		for (int b = 32; b < 128; b++) {
			k[1] = (char)b;
			assert_true(cen__intern_put(&t, k, 2) >= 0);
			if (a < 56 && b < 56)
				for (int c = 32; c < 56; c++) {
					k[2] = (char)c;
					assert_true(cen__intern_put(&t, k, 3) >= 0);
				}
		}
	}
	assert_int_equal(t.count, 96 + 96 * 96 + 24 * 24 * 24);
	qsort(t.hashes, t.count, sizeof *t.hashes, cmp_u64);
	for (size_t i = 1; i < t.count; i++)
		assert_true(t.hashes[i] != t.hashes[i - 1]);
	cen__intern_release(&t);

	/* Account-like keys spread over the table: linear probing, line by
	 * line from the hash's line, three slots a line, at load <= 2/3,
	 * leaves about one key in fifteen past its home line at load 0.51
	 * (one in ten at 0.6), unless the hash clusters them. The lines are
	 * cache lines. */
	cen__intern_init(&t);
	for (int i = 0; i < 100000; i++) {
		int n = snprintf(key, sizeof key, "BNK%02d:%010d", i % 17, 1000000 + i * 7);
		assert_int_equal(cen__intern_put(&t, key, (size_t)n), i);
	}
	assert_int_equal((uintptr_t)t.lines % 64, 0);
	assert_true(2 * t.nlines >= t.count && t.nlines < t.count);
	uint64_t moved = 0, past_line = 0, filled = 0;
	for (size_t i = 0; i < t.nlines; i++)
		for (int j = 0; j < CEN__INTERN_WAYS; j++) {
			const cen__intern_line *l = &t.lines[i];
			if (!l->tag[j])
				continue;
			filled++;
			size_t home = cen__intern_home(t.nlines, t.hashes[l->id[j]]);
			size_t d = (i - home) & (t.nlines - 1);
			moved += d;
			past_line += d >= 1;
		}
	assert_int_equal(filled, t.count);
	assert_true((double)moved / (double)t.count < 0.2);
	assert_true((double)past_line / (double)t.count < 0.09);
	cen__intern_release(&t);

	/* Reserved room: the strings already in keep their ids, and adding up
	 * to the reserved count moves no table. */
	cen__intern_init(&t);
	assert_int_equal(cen__intern_put(&t, "first", 5), 0);
	assert_int_equal(cen__intern_reserve(&t, 5000), 0);
	const cen__intern_line *lines = t.lines;
	const char **strs = t.strs;
	for (int i = 1; i < 5000; i++) {
		int n = snprintf(key, sizeof key, "acct-%d", i);
		assert_int_equal(cen__intern_put(&t, key, (size_t)n), i);
	}
	assert_ptr_equal(t.lines, lines);
	assert_ptr_equal(t.strs, strs);
	assert_int_equal(cen__intern_get(&t, "first", 5), 0);
	assert_int_equal(cen__intern_get(&t, "acct-4999", 9), 4999);
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

/* A block's header is inside its block_size bytes (a 4 MiB block spans two
 * huge pages, not a third); a request too big gets a block of its own. */
static void test_arena_block_fits(void **state)
{
	(void)state;
	cen__arena a;
	cen__arena_init(&a, 4096);
	assert_non_null(cen__arena_alloc(&a, 1024));
	size_t one = a.total;
	assert_int_equal(one, 4096);
	assert_non_null(cen__arena_alloc(&a, 2048));
	assert_int_equal(a.total, one); /* the header and 3 KiB fit 4 KiB */
	void *big = cen__arena_alloc(&a, 4096);
	assert_non_null(big);
	memset(big, 2, 4096);
	assert_true(a.total > one + 4096 && a.total <= one + 4096 + 64);
	cen__arena_release(&a);
	assert_int_equal(a.total, 0);
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

/* cen_format_iso8601 writes years 0..9999 digit by digit: the same bytes as
 * the printf form it replaces, for times from before year 0 to past 9999,
 * whatever the room (a short buffer gets the printf cut). */
static void test_time_digits_as_printf(void **state)
{
	(void)state;
	uint64_t x = 88172645463325252ull;
	for (int i = 0; i < 200000; i++) {
		x ^= x << 13, x ^= x >> 7, x ^= x << 17;
		int64_t t = (int64_t)(x % 800000000000ull) - 400000000000ll; /* about +-12,700 years */
		if (i % 4 == 0)
			t = (int64_t)(x % 400000000000ull) - 62167219200ll; /* years 0..12,000 */
		int64_t days = cen__floor_div(t, 86400), secs = t - days * 86400;
		int y;
		unsigned m, d;
		cen__civil_from_days(days, &y, &m, &d);
		size_t room = i % 16 == 0 ? (size_t)(x >> 40) % 24 + 1 : 32;
		char want[32], got[32];
		snprintf(want, room, "%04d-%02u-%02uT%02u:%02u:%02uZ", y, m, d, (unsigned)(secs / 3600),
			 (unsigned)(secs / 60 % 60), (unsigned)(secs % 60));
		cen_format_iso8601(t, got, room);
		assert_string_equal(got, want);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_buf_cap),
		cmocka_unit_test(test_json_escapes_and_bad_utf8),
		cmocka_unit_test(test_alloc_failure_is_reported),
		cmocka_unit_test(test_intern),
		cmocka_unit_test(test_arena),
		cmocka_unit_test(test_arena_block_fits),
		cmocka_unit_test(test_time),
		cmocka_unit_test(test_time_digits_as_printf),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
