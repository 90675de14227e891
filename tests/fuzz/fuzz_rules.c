/* fuzz_rules.c - libFuzzer target for the rules file parser (rules.h).
 *
 * Any byte string must parse or fail cleanly (no crash, leak or read past
 * the input); a parsed set must answer every getter and check for every key
 * it holds.
 */
#include <stddef.h>
#include <stdint.h>

#include "centinela/rules.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	cen_rules *r = NULL;
	char err[256];
	if (cen_rules_parse((const char *)data, size, "fuzz", &r, err, sizeof err, NULL))
		return 0;
	static const cen_rules_key keys[] = {
		{"threshold", CEN_RULES_NUMBER}, {"days", CEN_RULES_INT},
		{"zips", CEN_RULES_STRINGS},     {"start", CEN_RULES_TIME},
		{"name", CEN_RULES_STRING},      {"v", CEN_RULES_NUMBERS},
	};
	static const char *const known[] = {"ctr", "gto"};
	cen_diag d = {0};
	cen_rules_check_tables(r, known, 2, &d);
	for (size_t i = 0; i < cen_rules_table_count(r); i++) {
		const char *t = cen_rules_table_name(r, i);
		cen_rules_check(r, t, keys, sizeof keys / sizeof keys[0], &d);
		for (size_t k = 0; k < cen_rules_key_count(r, t); k++) {
			const char *key = cen_rules_key_name(r, t, k);
			const char *const *s;
			const double *nums;
			size_t n;
			(void)cen_rules_get_double(r, t, key, 0);
			(void)cen_rules_get_int(r, t, key, 0);
			(void)cen_rules_get_time(r, t, key, 0);
			(void)cen_rules_get_string(r, t, key, NULL);
			if (cen_rules_get_strings(r, t, key, &s, &n))
				for (size_t j = 0; j < n; j++)
					(void)s[j][0];
			if (cen_rules_get_numbers(r, t, key, &nums, &n))
				for (size_t j = 0; j < n; j++)
					(void)nums[j];
		}
	}
	cen_rules_free(r);
	return 0;
}
