/* eval_report.c - the eval figures as a plain-text table or one JSON object
 * (layouts in docs/eval.md).
 *
 * What must hold: the JSON is always valid (names escaped by cen_json_*,
 * ratios written with cen_json_double); both layouts carry the same figures.
 */
#include "centinela/eval.h"

#include "core/banned.h"

static int score_table(cen_buf *b, const char *what, const cen_eval_score *s)
{
	return cen_buf_printf(b,
			      "%-13s truth %llu, flagged %llu, true positives %llu\n"
			      "              precision %.4f  recall %.4f  F1 %.4f\n",
			      what, (unsigned long long)s->truth, (unsigned long long)s->flagged,
			      (unsigned long long)s->hits, s->precision, s->recall, s->f1);
}

int cen_eval_format_table(const cen_eval_result *r, cen_buf *b)
{
	int rc = cen_buf_printf(b, "alerts:       %llu (%llu bad lines skipped)\n",
				(unsigned long long)r->alerts, (unsigned long long)r->bad_lines);
	rc |= score_table(b, "transactions:", &r->txns);
	if (r->ctr_only) {
		const cen_eval_score *w = &r->txns_without_ctr_only;
		rc |= cen_buf_printf(b,
				     "              %llu of the flagged are not laundering and only ctr "
				     "flagged them (reports the\n"
				     "              regulation requires); leaving them out: precision "
				     "%.4f  F1 %.4f\n",
				     (unsigned long long)r->ctr_only, w->precision, w->f1);
	}
	if (r->has_accounts)
		rc |= score_table(b, "accounts:", &r->accounts);
	else
		rc |= cen_buf_puts(b, "accounts:     no account truth\n");
	rc |= cen_buf_puts(b,
			   "\n                       ---------- truth: detected by any alert / by its own typology ----------"
			   "   --- alerts ---\n"
			   "typology               attempts   any  same  recall  same    txns  recall  same  accts recall"
			   "  alerts   txns  precision\n");
	for (size_t i = 0; i < r->n_typologies; i++) {
		const cen_eval_typology *t = &r->typologies[i];
		rc |= cen_buf_printf(
			b,
			"%-22s %8llu %5llu %5llu  %6.3f %5.3f %7llu  %6.3f %5.3f %6llu %6.3f"
			" %7llu %6llu  %9.3f\n",
			t->name, (unsigned long long)t->attempts, (unsigned long long)t->attempts_any,
			(unsigned long long)t->attempts_same, t->attempt_recall_any,
			t->attempt_recall_same, (unsigned long long)t->txns, t->txn_recall_any,
			t->txn_recall_same, (unsigned long long)t->accounts, t->account_recall,
			(unsigned long long)t->alerts, (unsigned long long)t->alert_txns,
			t->alert_precision);
	}
	return rc ? CEN_ENOMEM : 0;
}

static int num(cen_buf *b, const char *key, uint64_t v)
{
	int rc = cen_json_key(b, key);
	rc |= cen_buf_printf(b, "%llu,", (unsigned long long)v);
	return rc;
}

static int dbl(cen_buf *b, const char *key, double v, int last)
{
	int rc = cen_json_key(b, key);
	rc |= cen_json_double(b, v);
	if (!last)
		rc |= cen_buf_putc(b, ',');
	return rc;
}

static int score_json(cen_buf *b, const cen_eval_score *s)
{
	int rc = cen_buf_putc(b, '{');
	rc |= num(b, "truth", s->truth);
	rc |= num(b, "flagged", s->flagged);
	rc |= num(b, "true_positives", s->hits);
	rc |= dbl(b, "precision", s->precision, 0);
	rc |= dbl(b, "recall", s->recall, 0);
	rc |= dbl(b, "f1", s->f1, 1);
	rc |= cen_buf_putc(b, '}');
	return rc;
}

int cen_eval_format_json(const cen_eval_result *r, cen_buf *b)
{
	int rc = cen_buf_putc(b, '{');
	rc |= num(b, "alerts", r->alerts);
	rc |= num(b, "bad_lines", r->bad_lines);
	rc |= cen_json_key(b, "transactions");
	rc |= score_json(b, &r->txns);
	rc |= cen_buf_putc(b, ',');
	rc |= num(b, "ctr_only_not_laundering", r->ctr_only);
	rc |= cen_json_key(b, "transactions_without_ctr_only");
	rc |= score_json(b, &r->txns_without_ctr_only);
	rc |= cen_buf_putc(b, ',');
	rc |= cen_json_key(b, "accounts");
	if (r->has_accounts)
		rc |= score_json(b, &r->accounts);
	else
		rc |= cen_buf_puts(b, "null");
	rc |= cen_buf_putc(b, ',');
	rc |= cen_json_key(b, "typologies");
	rc |= cen_buf_putc(b, '[');
	for (size_t i = 0; i < r->n_typologies; i++) {
		const cen_eval_typology *t = &r->typologies[i];
		rc |= cen_buf_puts(b, i ? ",{" : "{");
		rc |= cen_json_key(b, "typology");
		rc |= cen_json_cstr(b, t->name);
		rc |= cen_buf_putc(b, ',');
		rc |= num(b, "attempts", t->attempts);
		rc |= num(b, "attempts_detected_any", t->attempts_any);
		rc |= num(b, "attempts_detected_same", t->attempts_same);
		rc |= dbl(b, "attempt_recall_any", t->attempt_recall_any, 0);
		rc |= dbl(b, "attempt_recall_same", t->attempt_recall_same, 0);
		rc |= num(b, "txns", t->txns);
		rc |= num(b, "txns_detected_any", t->txns_any);
		rc |= num(b, "txns_detected_same", t->txns_same);
		rc |= dbl(b, "txn_recall_any", t->txn_recall_any, 0);
		rc |= dbl(b, "txn_recall_same", t->txn_recall_same, 0);
		rc |= num(b, "accounts", t->accounts);
		rc |= num(b, "accounts_detected", t->accounts_any);
		rc |= dbl(b, "account_recall", t->account_recall, 0);
		rc |= num(b, "alerts", t->alerts);
		rc |= num(b, "alert_txns", t->alert_txns);
		rc |= num(b, "alert_true_txns", t->alert_hits);
		rc |= dbl(b, "alert_precision", t->alert_precision, 1);
		rc |= cen_buf_putc(b, '}');
	}
	rc |= cen_buf_puts(b, "]}");
	return rc ? CEN_ENOMEM : 0;
}
