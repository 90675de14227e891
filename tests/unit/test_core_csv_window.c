/* test_core_csv_window.c - the CSV reader's window mode with small caps
 * against its byte-by-byte scan without a window, through the
 * fuzz_csv_window target on its seed corpus: records, rejects (a record
 * over max_record, an unterminated quote, too many fields, a long field)
 * and their raw text, lines and offsets, and the raw text of each record
 * through the window calls after it. */
#include "fuzz/fuzz_csv_window.c"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "fuzz_replay.h"

static void test_corpus(void **state)
{
	(void)state;
	assert_true(fuzz_replay("csv_window") >= 20);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_corpus),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
