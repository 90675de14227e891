/* engine.h - engine internals shared by the files of src/detect that make up
 * the engine itself (monitor.c, emit.c, reorder.c, features.c); detectors
 * include detector.h only. */
#ifndef CEN_DETECT_ENGINE_H
#define CEN_DETECT_ENGINE_H

#include "detect/detector.h"

struct cen__alert_b {
	cen__det *det;
	double score;
	const char *accts[500];
	const char *txns[500];
	size_t naccts, ntxns, more_accts, more_txns;
	int64_t start, end;
	int rc;
	cen_buf explanation, evidence, evwrap;
	cen__arena scratch;
};

/* Reorder buffer (reorder.c): holds copies of records within the tolerance
 * and releases them in (ts, arrival) order. */
typedef struct cen__held cen__held;
typedef struct cen__reorder {
	cen__held **chunks; /* CHUNK slots each, never moved */
	uint32_t *heap;     /* slot indices, min-heap on (ts, arrival) */
	uint32_t *freel;    /* free slot indices */
	size_t n, cap, nfree;
	uint64_t arrivals;
} cen__reorder;

void cen__reorder_init(cen__reorder *r);
void cen__reorder_release(cen__reorder *r);
int cen__reorder_push(cen__reorder *r, const cen_txn *t);
/* The earliest held record (borrowed until pop) or NULL. */
const cen_txn *cen__reorder_peek(const cen__reorder *r);
void cen__reorder_pop(cen__reorder *r);

/* Features (features.c): a pseudo-detector not in the registry. */
extern const cen__det_ops cen__det_features;
const char *const *cen__features_names(cen__det *d, size_t *n);
void cen__features_set_sink(cen__det *d, cen_monitor_feature_fn fn, void *ctx);

#endif
