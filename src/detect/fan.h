/* fan.h - the logic fan_in and fan_out share (det_fan.c); each detector file
 * only picks a direction. */
#ifndef CEN_DETECT_FAN_H
#define CEN_DETECT_FAN_H

#include "detect/det_util.h"

/* Candidates waiting for the end of their window: a binary min-heap on due
 * time (due times come in any order; the arrays share indices), and per
 * account a bit: its judgement is pending, so it waits at most once. */
typedef struct fan_settleq {
	int64_t *due;
	uint32_t *v;
	uint8_t *fit;   /* whether its amounts fitted a fan when queued */
	size_t len, cap;
	cen__vbits pending;
} fan_settleq;

typedef struct fan_det {
	cen__det base;
	int in;                  /* 1: fan_in (many senders -> one), 0: fan_out */
	int64_t window, cooldown;
	uint32_t min_cp, max_cp; /* distinct counterparties in the window */
	double max_cv;           /* amount dispersion that counts as "similar" */
	uint32_t dedicated_max;  /* a counterparty with at most this many
				    counterparties of its own is "dedicated" */
	double min_mean;         /* dollars: mean amount of the fan's edges */
	double min_round;        /* share of amounts in whole hundreds */
	double person_min_round; /* min_round for an account of kind person
				    (who runs no payroll, pays out no sellers) */
	int64_t min_amount;      /* cents: smaller transfers are not the fan's */
	int64_t busy_min_amount; /* cents: an account past max_cp is looked at
				    for its non-card transfers this large only;
				    0: not at all */
	int64_t busy_lookback;   /* seconds: such an account with more than
				    max_cp of those counterparties over this
				    long collects large payments routinely */
	int64_t decide_after;    /* seconds from trigger to decision */
	int whole_window;        /* a candidate is judged once the window from
				    its first transfer has passed */
	cen__vtimes last;        /* per account: time of its last alert */
	cen__vtimes routine;     /* per busy account found paid routinely: the
				    time of the transfer from its max_cp + 1-th
				    payer back from that decision's end */
	cen__dueq q;             /* pending decisions */
	fan_settleq settle;      /* candidates waiting for their whole window */
} fan_det;

int cen__fan_init(cen__det *d, const cen_rules *r, char *err, size_t errlen, int in);
int cen__fan_in_on_edge(cen__det *d, const cen__edge_ctx *x);
int cen__fan_out_on_edge(cen__det *d, const cen__edge_ctx *x);
int cen__fan_on_advance(cen__det *d, int64_t clock);
int cen__fan_flush(cen__det *d);
void cen__fan_release(cen__det *d);
#define CEN__FAN_NKEYS 14
extern const cen_rules_key cen__fan_keys[CEN__FAN_NKEYS];

#endif
