/* fuzz_list_ftm.c - libFuzzer target for the ftm list reader (lists.h,
 * CEN_LIST_FTM): any bytes load or fail cleanly, and whatever loads keeps
 * the entity invariants checked in fuzz_list_common.h. */
#include <stddef.h>
#include <stdint.h>

#include "fuzz_list_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fl_run(data, size, CEN_LIST_FTM, "x.jsonl");
	return 0;
}
