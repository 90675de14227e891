/* fuzz_list_own.c - libFuzzer target for the own list reader (lists.h,
 * CEN_LIST_OWN_CSV): any bytes load or fail cleanly, and whatever loads keeps
 * the entity invariants checked in fuzz_list_common.h. */
#include <stddef.h>
#include <stdint.h>

#include "fuzz_list_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fl_run(data, size, CEN_LIST_OWN_CSV, "own.csv");
	return 0;
}
