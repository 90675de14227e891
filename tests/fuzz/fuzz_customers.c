/* fuzz_customers.c - libFuzzer target for the customer file reader (CSV and
 * JSON lines): any bytes must be read to the end without a crash, a leak or
 * undefined behaviour, every record returned or rejected, and returned
 * records must hold valid non-empty id and name. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "centinela/customers.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	cen_customers *r = NULL;
	cen_diag d = {0};
	cen_customers_opts o = {.max_record = 4096, .max_name = 200};
	if (cen_customers_open_mem(&r, (const char *)data, size, "fuzz", &o, &d) == 0) {
		cen_customer c;
		for (int i = 0; i < 100000; i++) {
			int rc = cen_customers_next(r, &c);
			if (rc == 0 || rc == CEN_EIO || rc == CEN_ENOMEM)
				break;
			if (rc == 1) {
				if (!c.id[0] || !c.name[0] || strlen(c.name) > 200)
					__builtin_trap();
			} else {
				(void)cen_customers_raw(r);
			}
		}
	}
	cen_customers_free(r);
	return 0;
}
