/* alert.h - the alert record detectors emit and sinks consume.
 *
 * An alert is handed to a sink by pointer; every field is borrowed for the
 * duration of the sink call only (the engine reuses its storage). A sink that
 * keeps an alert copies what it needs.
 */
#ifndef CENTINELA_ALERT_H
#define CENTINELA_ALERT_H

#include <stddef.h>
#include <stdint.h>

#include "centinela/io.h"

typedef struct cen_alert {
	uint64_t id;              /* unique within a run, increasing */
	const char *typology;     /* "ctr", "structuring", "fan_in", "cycle", ... */
	double score;             /* 0..1 */
	const char *const *accounts; size_t n_accounts; /* "BANK:ACCOUNT" */
	const char *const *txns; size_t n_txns;         /* transaction ids */
	int64_t start, end;       /* time span of the evidence, epoch seconds */
	const char *explanation;  /* one plain sentence */
	const char *evidence;     /* a JSON object (text), e.g. totals, hops */
} cen_alert;

/* A sink returns 0, or a negative status to stop the run. */
typedef int (*cen_alert_sink_fn)(void *ctx, const cen_alert *alert);

/* Appends the alert as one JSON object (no newline) with the fields
 * alert_id, typology, score, accounts, txns, start, end (ISO 8601 UTC),
 * explanation, evidence. */
int cen_alert_to_json(const cen_alert *a, cen_buf *out);

/* ISO 8601 UTC ("2025-03-01T14:05:00Z") of epoch seconds into out (>= 21 bytes). */
void cen_format_iso8601(int64_t t, char *out, size_t outlen);

#endif
