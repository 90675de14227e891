/* eval.h - scoring alerts against ground truth (docs/eval.md).
 *
 * A cen_eval collects the truth (laundering transaction ids and accounts,
 * each with its typology and attempt, as synth writes them) and the alerts
 * (typology, transaction ids, accounts), then computes:
 *   - transaction level: the union of transaction ids in all alerts against
 *     the truth's laundering transactions: precision, recall, F1;
 *   - per truth typology: the fraction of its transactions, attempts and
 *     accounts covered by any alert, and by alerts of the same typology;
 *   - per alert typology: its alerts, the distinct transactions they flag and
 *     the share of those that are laundering (of any typology);
 *   - account level: accounts named in alerts against the truth accounts.
 * An attempt counts as detected when at least one of its transactions is
 * flagged. Ratios with a zero denominator are 0.
 *
 * Alerts are read from JSON lines (the fields of include/centinela/alert.h);
 * a malformed line is reported through cen_diag with its line number and
 * skipped, never fatal. Ids are compared as text (a JSON integer id is
 * compared as its decimal form).
 */
#ifndef CENTINELA_EVAL_H
#define CENTINELA_EVAL_H

#include <stddef.h>
#include <stdint.h>

#include "centinela/core.h"
#include "centinela/io.h"

typedef struct cen_eval cen_eval;

int cen_eval_new(cen_eval **out);
void cen_eval_free(cen_eval *e);
/* The message of the last failure (names file and line where there is one). */
const char *cen_eval_errmsg(const cen_eval *e);

/* Truth, one record at a time. attempt may be NULL or empty (each
 * transaction is then its own attempt). A transaction listed twice keeps its
 * first typology; an account may belong to several typologies. */
int cen_eval_add_truth_txn(cen_eval *e, const char *id, const char *typology,
			   const char *attempt);
int cen_eval_add_truth_account(cen_eval *e, const char *account, const char *typology,
			       const char *attempt);
/* Reads DIR/truth_txns.csv (required) and DIR/truth_accounts.csv (optional:
 * without it there are no account-level figures). Malformed rows are
 * reported through diag (may be NULL) and skipped. */
int cen_eval_load_truth(cen_eval *e, const char *dir, cen_diag *diag);

/* One alert. txns and accounts are borrowed for the call. */
int cen_eval_add_alert(cen_eval *e, const char *typology, const char *const *txns,
		       size_t n_txns, const char *const *accounts, size_t n_accounts);
/* One JSON line. CEN_EPARSE (reason in errmsg) if it is not an alert: not
 * an object, no string "typology", "txns"/"accounts" not arrays of strings
 * or integers, an id over 1024 bytes. */
int cen_eval_add_alert_json(cen_eval *e, const char *line, size_t len);
/* Reads alerts JSONL from path ("-": stdin). Each bad line is reported
 * through diag (severity 2, file and line) and counted; blank lines are
 * skipped. Fails only on I/O errors or out of memory. */
int cen_eval_read_alerts(cen_eval *e, const char *path, cen_diag *diag);

typedef struct cen_eval_score {
	uint64_t truth, flagged, hits; /* hits: flagged and in the truth */
	double precision, recall, f1;
} cen_eval_score;

typedef struct cen_eval_typology {
	const char *name;
	/* as a truth typology */
	uint64_t attempts, attempts_any, attempts_same;
	uint64_t txns, txns_any, txns_same;
	uint64_t accounts, accounts_any;
	double attempt_recall_any, attempt_recall_same;
	double txn_recall_any, txn_recall_same, account_recall;
	/* as an alert typology */
	uint64_t alerts, alert_txns, alert_hits;
	double alert_precision;
} cen_eval_typology;

typedef struct cen_eval_result {
	uint64_t alerts, bad_lines;
	cen_eval_score txns;
	/* Flagged transactions that are not laundering and that only ctr
	 * alerts flagged: currency transaction reports, which the regulation
	 * requires for any cash over the threshold, suspicious or not. And the
	 * transaction score with those left out of the flagged. */
	uint64_t ctr_only;
	cen_eval_score txns_without_ctr_only;
	cen_eval_score accounts;
	int has_accounts;   /* account truth was given */
	/* Typologies with truth or alerts: the contract's names first in their
	 * order, then others as first seen. Borrowed from the cen_eval until
	 * the next compute or free. */
	const cen_eval_typology *typologies;
	size_t n_typologies;
} cen_eval_result;

int cen_eval_compute(cen_eval *e, cen_eval_result *out);

/* Appends the result as a plain-text table or as one JSON object. */
int cen_eval_format_table(const cen_eval_result *r, cen_buf *out);
int cen_eval_format_json(const cen_eval_result *r, cen_buf *out);

#endif
