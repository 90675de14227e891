/* fuzz_eval_alerts.c - libFuzzer target for eval's alert lines and figures:
 * against a small fixed truth, every line of the input goes to
 * cen_eval_add_alert_json; then the figures are computed and formatted both
 * ways. Must never crash, leak or read out of bounds, whatever the bytes. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "centinela/eval.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	cen_eval *e;
	if (cen_eval_new(&e))
		return 0;
	/* a fixed truth so flagged ids can hit something */
	cen_eval_add_truth_txn(e, "T1", "ctr", "1");
	cen_eval_add_truth_txn(e, "T2", "cycle", "2");
	cen_eval_add_truth_txn(e, "3", "cycle", "2");
	cen_eval_add_truth_account(e, "B:1", "ctr", "1");
	const char *p = (const char *)data, *end = p + size;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t len = nl ? (size_t)(nl - p) : (size_t)(end - p);
		cen_eval_add_alert_json(e, p, len);
		p += len + (nl ? 1 : 0);
	}
	cen_eval_result r;
	if (cen_eval_compute(e, &r) == 0) {
		cen_buf b;
		cen_buf_init(&b, 0);
		cen_eval_format_table(&r, &b);
		cen_eval_format_json(&r, &b);
		cen_buf_release(&b);
	}
	cen_eval_free(e);
	return 0;
}
