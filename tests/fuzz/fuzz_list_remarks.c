/* fuzz_list_remarks.c - libFuzzer target for the OFAC Remarks parser: the
 * input becomes the Remarks field of one well-formed sdn.csv row (quotes
 * doubled), so every run reaches the parser, whose results must keep the
 * entity invariants checked in fuzz_list_common.h. */
#include <stddef.h>
#include <stdint.h>

#include "fuzz_list_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char head[] = "1,\"DOE, John\",\"individual\",\"SDGT] [FTO\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,\"";
	if (size > 60000)
		return 0;
	size_t cap = sizeof head + 2 * size + 4;
	uint8_t *row = malloc(cap);
	if (!row)
		return 0;
	size_t n = sizeof head - 1;
	memcpy(row, head, n);
	for (size_t i = 0; i < size; i++) {
		if (data[i] == '"')
			row[n++] = '"';
		row[n++] = data[i];
	}
	row[n++] = '"';
	row[n++] = '\n';
	fl_run(row, n, CEN_LIST_OFAC, "sdn.csv");
	free(row);
	return 0;
}
