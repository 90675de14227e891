/* test_core_bytes.c - short byte strings (core/bytes.h) and UTF-8
 * validation (core/utf8.h) against plain reference code.
 *
 * What must hold: two strings of up to 16 bytes are equal exactly when their
 * lengths and short keys are; cen__utf8_validate answers what a byte-at-a-time
 * check answers, wherever in a run of ASCII the first bad byte sits.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/bytes.h"
#include "core/utf8.h"

static uint64_t rng = 88172645463325252ull;

static unsigned next_byte(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (unsigned)(rng >> 24) & 0xFF;
}

static int keys_equal(const char *a, size_t na, const char *b, size_t nb)
{
	cen__short_key ka = cen__short_key_of(a, na), kb = cen__short_key_of(b, nb);
	return na == nb && ka.a == kb.a && ka.b == kb.b;
}

/* Every length 0..16, every byte position, changed to every other value:
 * the key sees it. Equal strings at other addresses have equal keys. */
static void test_short_key_exact(void **state)
{
	(void)state;
	char buf[40], copy[40];
	for (size_t n = 0; n <= 16; n++) {
		for (size_t i = 0; i < n; i++)
			buf[i] = (char)next_byte();
		memcpy(copy + 7, buf, n); /* another alignment */
		assert_true(keys_equal(buf, n, copy + 7, n));
		assert_int_equal(cen__short_key_hash(cen__short_key_of(buf, n), n),
				 cen__short_key_hash(cen__short_key_of(copy + 7, n), n));
		for (size_t i = 0; i < n; i++) {
			for (unsigned v = 0; v < 256; v++) {
				if ((unsigned char)buf[i] == v)
					continue;
				char save = copy[7 + i];
				copy[7 + i] = (char)v;
				assert_false(keys_equal(buf, n, copy + 7, n));
				copy[7 + i] = save;
			}
		}
		/* A prefix is a different key: the length tells them apart. */
		if (n)
			assert_false(keys_equal(buf, n, buf, n - 1));
	}
}

/* Reads only [s, s + n): under ASan a read past the end of an exact-size
 * heap block fails the test. */
static void test_short_key_reads_inside(void **state)
{
	(void)state;
	for (size_t n = 1; n <= 16; n++) {
		char *p = malloc(n);
		assert_non_null(p);
		memset(p, 'x', n);
		cen__short_key k = cen__short_key_of(p, n);
		assert_true(k.a != 0);
		free(p);
	}
}

static size_t validate_ref(const unsigned char *p, size_t len)
{
	size_t i = 0;
	while (i < len) {
		uint32_t cp;
		size_t n = p[i] < 0x80 ? 1 : cen__utf8_decode(p + i, len - i, &cp);
		if (!n)
			return i;
		i += n;
	}
	return len;
}

/* ASCII runs of every length with one multi-byte or bad sequence put at
 * every offset: the word-at-a-time path agrees with the reference. */
static void test_utf8_validate_matches_reference(void **state)
{
	(void)state;
	static const char *const inserts[] = {"\xC3\xA9", "\xE2\x82\xAC", "\xF0\x9F\x98\x80",
					      "\xC3",     "\x80",         "\xED\xA0\x80",
					      "\xFF",     "\xE2\x82"};
	unsigned char buf[64];
	for (size_t k = 0; k < sizeof inserts / sizeof *inserts; k++) {
		size_t il = strlen(inserts[k]);
		for (size_t len = il; len <= 40; len++) {
			for (size_t at = 0; at + il <= len; at++) {
				for (size_t i = 0; i < len; i++)
					buf[i] = (unsigned char)('a' + i % 26);
				memcpy(buf + at, inserts[k], il);
				assert_int_equal(cen__utf8_validate((const char *)buf, len),
						 validate_ref(buf, len));
			}
		}
	}
	for (int round = 0; round < 20000; round++) {
		size_t len = next_byte() % 48;
		for (size_t i = 0; i < len; i++) {
			unsigned v = next_byte();
			buf[i] = (unsigned char)(v < 200 ? v & 0x7F : v);
		}
		assert_int_equal(cen__utf8_validate((const char *)buf, len), validate_ref(buf, len));
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_short_key_exact),
		cmocka_unit_test(test_short_key_reads_inside),
		cmocka_unit_test(test_utf8_validate_matches_reference),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
