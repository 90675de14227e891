/* test_core_hash.c - the interner's probes (core/hash.h, core/hash.c).
 *
 * What must hold: a key is found exactly when it was put, whichever path
 * compares it (the words of a key of at most 16 bytes, in the caller's
 * inline probe or the table's; the hash and bytes of longer ones, by
 * pointer), however many keys share its hash (tag, length and home line
 * all equal), when its probe runs off the table's last line onto the
 * first, and for lengths past 0xffff; the hash spreads keys that differ
 * in a few bits of one word.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/hash.h"

/* Key number i of length len: bytes that differ between keys of one
 * length in their last byte, their first, or the middle. */
static void make_key(char *k, size_t len, unsigned i)
{
	for (size_t j = 0; j < len; j++)
		k[j] = (char)('a' + (j * 7 + len) % 26);
	if (len) {
		k[len - 1] = (char)(k[len - 1] + (i & 3));
		k[0] = (char)(k[0] ^ ((i >> 2) & 3) << 5);
		k[len / 2] = (char)(k[len / 2] + (i >> 4));
	}
}

/* Every length 0..40, in the slot (up to 16) or by pointer, copied and
 * borrowed: each key is found through get, get_h and put; no key that
 * differs from one in a single bit of a single byte is. */
static void test_every_length(void **state)
{
	(void)state;
	static char store[41][48]; /* borrowed keys stay here */
	char k[48];
	for (int borrow = 0; borrow < 2; borrow++) {
		cen__intern t;
		cen__intern_init(&t);
		for (size_t len = 0; len <= 40; len++) {
			make_key(store[len], len, 0);
			store[len][len] = 0;
			uint64_t h = cen__intern_hash(store[len], len);
			int64_t id = borrow ? cen__intern_put_borrowed_h(&t, store[len], len, h)
					    : cen__intern_put_h(&t, store[len], len, h);
			assert_int_equal(id, (int64_t)len);
			assert_true((t.strs[id] == store[len]) == borrow);
		}
		for (size_t len = 0; len <= 40; len++) {
			make_key(k, len, 0);
			uint64_t h = cen__intern_hash(k, len);
			assert_int_equal(cen__intern_get(&t, k, len), (int64_t)len);
			assert_int_equal(cen__intern_get_h(&t, k, len, h), (int64_t)len);
			assert_int_equal(cen__intern_put(&t, k, len), (int64_t)len);
			assert_memory_equal(t.strs[len], k, len);
			assert_int_equal(t.strs[len][len], 0);
			for (size_t j = 0; j < len; j++)
				for (int bit = 0; bit < 8; bit += 7) {
					k[j] ^= (char)(1 << bit);
					assert_int_equal(cen__intern_get(&t, k, len), -1);
					/* the same hash: only the compare can tell */
					assert_int_equal(cen__intern_get_h(&t, k, len, h), -1);
					k[j] ^= (char)(1 << bit);
				}
		}
		assert_int_equal(t.count, 41);
		cen__intern_release(&t);
	}
}

/* Keys that all share one hash: for keys of one length one tag, so the
 * probe runs on through the lines after the home line and the keys'
 * bytes alone tell them apart. */
static void test_shared_hash(void **state)
{
	(void)state;
	cen__intern t;
	cen__intern_init(&t);
	const uint64_t h = 0x5a5a000000000040ull;
	char k[48];
	size_t lens[] = {3, 8, 12, 16, 17, 24, 25, 33};
	size_t nl = sizeof lens / sizeof *lens;
	for (unsigned i = 0; i < 32; i++)
		for (size_t l = 0; l < nl; l++) {
			make_key(k, lens[l], i);
			assert_int_equal(cen__intern_put_h(&t, k, lens[l], h), (int64_t)(i * nl + l));
		}
	for (unsigned i = 0; i < 32; i++)
		for (size_t l = 0; l < nl; l++) {
			make_key(k, lens[l], i);
			assert_int_equal(cen__intern_get_h(&t, k, lens[l], h), (int64_t)(i * nl + l));
			assert_int_equal(cen__intern_put_h(&t, k, lens[l], h), (int64_t)(i * nl + l));
		}
	make_key(k, 16, 32);
	assert_int_equal(cen__intern_get_h(&t, k, 16, h), -1);
	/* a long key's bytes with another tag (the hash's top bits) on the
	 * same line: not found; a short key is its words, whatever the hash
	 * that led to its line */
	make_key(k, 24, 5);
	assert_int_equal(cen__intern_get_h(&t, k, 24, h ^ 1ull << 62), -1);
	make_key(k, 16, 5);
	assert_int_equal(cen__intern_get_h(&t, k, 16, h ^ 1ull << 62), (int64_t)(5 * nl + 3));
	assert_int_equal(t.count, 32 * nl);
	cen__intern_release(&t);
}

/* A home line at the table's end: the probe runs from the last line onto
 * line 0 and on, for the put, the inline get and the table's get. */
static void test_probe_wraps(void **state)
{
	(void)state;
	cen__intern t;
	cen__intern_init(&t);
	assert_int_equal(cen__intern_reserve(&t, 10), 0);
	size_t n = t.nlines;
	const uint64_t h = n - 1; /* the last line */
	char k[48];
	for (unsigned i = 0; i < 6; i++) {
		size_t len = i % 2 ? 16 : 20; /* words and bytes compared */
		make_key(k, len, i);
		assert_int_equal(cen__intern_put_h(&t, k, len, h), (int64_t)i);
	}
	/* the first three on the home line, the rest on line 0 */
	for (unsigned j = 0; j < CEN__INTERN_WAYS; j++) {
		assert_int_equal(t.lines[n - 1].id[j], j);
		assert_int_equal(t.lines[0].id[j], j + 3);
		assert_true(t.lines[n - 1].tag[j] && t.lines[0].tag[j]);
	}
	assert_int_equal(t.lines[1].tag[0], 0);
	for (unsigned i = 0; i < 6; i++) {
		size_t len = i % 2 ? 16 : 20;
		make_key(k, len, i);
		assert_int_equal(cen__intern_get_h(&t, k, len, h), (int64_t)i);
	}
	make_key(k, 16, 6);
	assert_int_equal(cen__intern_get_h(&t, k, 16, h), -1);
	assert_int_equal(cen__intern_put_h(&t, k, 16, h), 6);
	assert_int_equal(t.lines[1].id[0], 6);
	assert_int_equal(cen__intern_get_h(&t, k, 16, h), 6);
	cen__intern_release(&t);
}

/* Lengths about 0xffff and past (the old slot's cap): the exact length
 * tells keys of one hash apart; the same bytes one shorter or longer are
 * other keys. */
static void test_long_lengths(void **state)
{
	(void)state;
	cen__intern t;
	cen__intern_init(&t);
	size_t max = 0x10002;
	char *big = malloc(max);
	assert_non_null(big);
	memset(big, 'q', max);
	const uint64_t h = 77;
	for (size_t len = 0xfffd; len <= max; len++)
		assert_int_equal(cen__intern_put_h(&t, big, len, h), (int64_t)(len - 0xfffd));
	for (size_t len = 0xfffd; len <= max; len++) {
		assert_int_equal(cen__intern_get_h(&t, big, len, h), (int64_t)(len - 0xfffd));
		assert_int_equal(cen__intern_get(&t, big, len), -1); /* its real hash differs */
		assert_int_equal(t.lens[len - 0xfffd], len);
	}
	big[0x8000] = 'r';
	assert_int_equal(cen__intern_get_h(&t, big, 0x10000, h), -1);
	free(big);
	cen__intern_release(&t);
}

/* Keys of 16 bytes that differ only in 17 bits of one word, at each
 * offset in either word (integers written into an id, say): in a table
 * of slots probed linearly from the hash's own, at load 0.38, a key sits
 * on average well under one slot from its home, as a random hash would
 * put it. A hash that only folded the words put them 5.8 slots away. Also the accounts' shape: BANK:ACCOUNT. */
static void test_hash_spreads(void **state)
{
	(void)state;
	const size_t nslots = 1u << 18, n = 100000;
	uint32_t *tab = malloc(nslots * sizeof *tab);
	assert_non_null(tab);
	char k[24];
	for (int shape = 0; shape < 13; shape++) {
		memset(tab, 0, nslots * sizeof *tab);
		uint64_t moved = 0;
		for (size_t i = 0; i < n; i++) {
			size_t len = 16;
			if (shape == 12) {
				len = (size_t)snprintf(k, sizeof k, "BNK%02u:%010u", (unsigned)(i % 23),
						       (unsigned)(i * 13 + 1000000));
			} else {
				uint64_t v = (uint64_t)i << (shape % 6 * 8), z = 0;
				memcpy(k, shape < 6 ? &v : &z, 8);
				memcpy(k + 8, shape < 6 ? &z : &v, 8);
			}
			size_t home = cen__intern_home(nslots, cen__intern_hash(k, len)), j = home;
			while (tab[j])
				j = (j + 1) & (nslots - 1);
			tab[j] = 1;
			moved += (j - home) & (nslots - 1);
		}
		assert_true((double)moved / (double)n < 0.6);
	}
	free(tab);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_length),
		cmocka_unit_test(test_shared_hash),
		cmocka_unit_test(test_probe_wraps),
		cmocka_unit_test(test_long_lengths),
		cmocka_unit_test(test_hash_spreads),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
