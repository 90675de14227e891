/* fuzz_list_ofac.c - libFuzzer target for the ofac list reader (lists.h,
 * CEN_LIST_OFAC): any bytes load or fail cleanly, and whatever loads keeps
 * the entity invariants checked in fuzz_list_common.h. */
#include <stddef.h>
#include <stdint.h>

#include "fuzz_list_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fl_run(data, size, CEN_LIST_OFAC, "sdn.csv");
	return 0;
}
