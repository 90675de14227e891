/* customers_json.c - one JSON line of a customer file into a record.
 *
 * The line must be an object; `id` (string or integer) and `name` (string)
 * are required, `dob`, `country`, `kind` optional (string or null; another
 * type is a warning and the value is dropped). Other keys are ignored. Size
 * is bounded by the reader's record cap before jansson sees the bytes;
 * jansson itself rejects invalid UTF-8 and caps nesting depth.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "screen/customers_int.h"

#include "core/banned.h"

static const char *const keys[CUST_NCOLS] = {"id", "name", "dob", "country", "kind"};

int cen__cust_json(cen_customers *r, const char *line, size_t len)
{
	json_error_t jerr;
	json_t *obj = json_loadb(line, len, JSON_REJECT_DUPLICATES, &jerr);
	int rc = 0;
	if (!obj) {
		cen__cust_reject(r, CEN_EPARSE, NULL, "not valid JSON: %s (column %d)", jerr.text,
				 jerr.column);
		return CEN_EPARSE;
	}
	if (!json_is_object(obj)) {
		cen__cust_reject(r, CEN_EPARSE, NULL, "a JSON line must be an object");
		rc = CEN_EPARSE;
		goto out;
	}
	for (int c = 0; c < CUST_NCOLS; c++) {
		json_t *v = json_object_get(obj, keys[c]);
		int required = c == CUST_ID || c == CUST_NAME;
		if (!v || json_is_null(v)) {
			if (required) {
				cen__cust_reject(r, CEN_EPARSE, keys[c], "missing");
				rc = CEN_EPARSE;
				goto out;
			}
			continue;
		}
		char num[32];
		const char *s;
		size_t slen;
		if (json_is_string(v)) {
			s = json_string_value(v);
			slen = json_string_length(v);
		} else if (c == CUST_ID && json_is_integer(v)) {
			snprintf(num, sizeof num, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
			s = num;
			slen = strlen(num);
		} else if (required) {
			cen__cust_reject(r, CEN_EPARSE, keys[c], "must be a string");
			rc = CEN_EPARSE;
			goto out;
		} else {
			cen__cust_warn(r, keys[c], "not a string; ignored");
			continue;
		}
		if ((rc = cen__cust_take(r, c, s, slen)))
			goto out;
	}
out:
	json_decref(obj);
	return rc;
}
