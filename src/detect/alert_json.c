/* alert_json.c - the JSON line form of an alert (docs/monitoring.md).
 *
 * What must hold: one object per alert, keys in a fixed order, always valid
 * JSON whatever bytes account ids carry; evidence is inserted verbatim and
 * must itself be a JSON object (NULL or empty becomes {}).
 */
#include "centinela/alert.h"

#include <string.h>

int cen_alert_to_json(const cen_alert *a, cen_buf *out)
{
	char ts[40];
	int rc = 0;
	rc |= cen_buf_printf(out, "{\"alert_id\":%llu,", (unsigned long long)a->id);
	rc |= cen_json_key(out, "typology");
	rc |= cen_json_cstr(out, a->typology);
	rc |= cen_buf_puts(out, ",\"score\":");
	rc |= cen_json_double(out, a->score);
	rc |= cen_buf_puts(out, ",\"accounts\":[");
	for (size_t i = 0; i < a->n_accounts; i++) {
		if (i)
			rc |= cen_buf_putc(out, ',');
		rc |= cen_json_cstr(out, a->accounts[i]);
	}
	rc |= cen_buf_puts(out, "],\"txns\":[");
	for (size_t i = 0; i < a->n_txns; i++) {
		if (i)
			rc |= cen_buf_putc(out, ',');
		rc |= cen_json_cstr(out, a->txns[i]);
	}
	cen_format_iso8601(a->start, ts, sizeof ts);
	rc |= cen_buf_puts(out, "],\"start\":");
	rc |= cen_json_cstr(out, ts);
	cen_format_iso8601(a->end, ts, sizeof ts);
	rc |= cen_buf_puts(out, ",\"end\":");
	rc |= cen_json_cstr(out, ts);
	rc |= cen_buf_puts(out, ",\"explanation\":");
	rc |= cen_json_cstr(out, a->explanation ? a->explanation : "");
	rc |= cen_buf_puts(out, ",\"evidence\":");
	rc |= cen_buf_puts(out, a->evidence && *a->evidence ? a->evidence : "{}");
	rc |= cen_buf_putc(out, '}');
	return rc ? CEN_ENOMEM : 0;
}
