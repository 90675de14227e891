/* fuzz_txn_accounts.c - libFuzzer target: the accounts file loader on
 * arbitrary bytes, then a lookup of every loaded account by its key. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "centinela/accounts.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	cen_accounts *a = NULL;
	int rc = cen_accounts_load_mem(&a, (const char *)data, size, "fuzz_accounts.csv", NULL);
	if (rc == 0) {
		for (size_t i = 0; i < cen_accounts_count(a); i++) {
			cen_account_info x;
			if (!cen_accounts_at(a, i, &x) ||
			    cen_accounts_get(a, x.bank, strlen(x.bank), x.account, strlen(x.account)) !=
				    (int64_t)i)
				abort();
		}
	}
	cen_accounts_free(a);
	return 0;
}
