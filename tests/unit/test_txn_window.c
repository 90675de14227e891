/* test_txn_window.c - window mode of the transaction reader against the
 * plain reader, through the fuzz_txn_window target: its seed corpus, then
 * generated canonical files (quoted fields across lines, rejected rows,
 * blank and comment lines, CRLF, UTF-8, long rows) with every window size
 * and buffer size the target picks. The target aborts on any difference
 * of records, rejects (file, line, field) or counts, and on a kept row
 * whose text changes within window rows. */
#include "fuzz/fuzz_txn_window.c"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "fuzz_replay.h"

static void test_corpus(void **state)
{
	(void)state;
	assert_true(fuzz_replay("txn_window") >= 20);
}

/* A canonical file of n rows, one in about every `odd` made odd in one
 * of several ways, after the three selector bytes, into out; returns its
 * length. */
static size_t gen_file(char *out, size_t cap, unsigned seed, int n, int odd, uint8_t s0,
		       uint8_t s1, uint8_t s2)
{
	size_t len = 0;
	out[len++] = (char)s0;
	out[len++] = (char)s1;
	out[len++] = (char)s2;
	len += (size_t)snprintf(out + len, cap - len,
				"id,timestamp,orig_bank,orig_account,bene_bank,bene_account,amount,"
				"currency,amount_received,currency_received,channel,orig_name,"
				"bene_name,orig_country,bene_country,location,memo\n");
	for (int i = 0; i < n && cap - len > 600; i++) {
		seed = seed * 1103515245u + 12345u;
		unsigned r = seed >> 8, kind = r % (unsigned)odd < 9 ? r / 64 % 9 : 99;
		const char *memo = kind == 0 ? "\"quoted\nacross lines\"" : kind == 1 ? "caf\xc3\xa9"
				   : kind == 2 ? " padded " : "rent";
		const char *amount = kind == 3 ? "ten" : kind == 4 ? "" : "125.50";
		if (kind == 5) {
			len += (size_t)snprintf(out + len, cap - len, "\n# comment %u\n", r);
			continue;
		}
		len += (size_t)snprintf(out + len, cap - len,
					"T%d,2025-11-28T00:%02u:%02uZ,BNK%u,%u,BNK%u,%u,%s,%s,%s,%s,%s,"
					"Name %u,%s,US,MX,,%s%s",
					i, r % 60, r / 60 % 60, r % 4, r % 997, r / 7 % 4, r / 3 % 991,
					amount, kind == 6 ? "EUR" : "USD", kind == 7 ? "1.00" : amount,
					kind == 7 ? "MXN" : "USD", kind == 8 ? "wire" : "ach", r % 50,
					kind == 8 ? "\"Acme, Inc.\"" : "", memo, kind == 2 ? "\r\n" : "\n");
		if (kind == 4 && cap - len > 700) { /* a long row */
			memset(out + len, 'x', 500);
			len += 500;
			out[len++] = '\n';
		}
	}
	return len;
}

static void test_generated(void **state)
{
	(void)state;
	static char buf[64 << 10];
	for (unsigned t = 0; t < 96; t++) {
		/* options: plain, comments, general code for the window
		 * reader; every window, buffers small to large */
		uint8_t s0 = (uint8_t)(t % 3 == 1 ? 32 : t % 3 == 2 ? 64 : 0);
		size_t n = gen_file(buf, sizeof buf, t * 7919u, 40 + (int)(t % 5) * 90, 2 + (int)(t % 4) * 5,
				    s0, (uint8_t)(t * 37), (uint8_t)(t * 101));
		assert_int_equal(LLVMFuzzerTestOneInput((const uint8_t *)buf, n), 0);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_corpus),
		cmocka_unit_test(test_generated),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
