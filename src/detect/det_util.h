/* det_util.h - small helpers the structural detectors share (internal). */
#ifndef CEN_DETECT_DET_UTIL_H
#define CEN_DETECT_DET_UTIL_H

#include "detect/detector.h"

/* Distinct counterparties in a ring, newest first: the sources of an in-ring
 * or the targets of an out-ring, over edges of at least min_amount cents
 * with ts >= tmin, excluding `skip` (UINT32_MAX: none). Looks at most
 * scan_max entries, returns at most max ids in out. */
size_t cen__neighbors(const cen__graph *g, const cen__ring *r, int64_t tmin,
		      int64_t min_amount, uint32_t skip, uint32_t *out, size_t max,
		      size_t scan_max);

/* A set of account ids in the order they came (ids, *n of them) with the
 * graph's payee bits of all of them (*seen: cen__payee_bit), which tell
 * most ids not in it without a look: x added at the end unless it is in
 * the set; returns 1 when it was added. */
static inline int cen__idset_add(uint32_t *ids, size_t *n, uint64_t *seen, uint32_t x)
{
	uint64_t bit = cen__payee_bit(x);
	if (*seen & bit) { /* maybe in the set: look */
		for (size_t j = 0; j < *n; j++)
			if (ids[j] == x)
				return 0;
	}
	*seen |= bit;
	ids[(*n)++] = x;
	return 1;
}

/* The least amount in cents whose dollars (cen__dollars) are not below
 * `dollars`: cen__dollars(a) < dollars exactly when a is below it, for
 * every amount a but INT64_MAX (a gate then compares two integers, with
 * no conversion or division). NaN gives INT64_MIN (nothing is below). */
int64_t cen__cents_not_below(double dollars);

/* A memory of recently alerted keys (accounts, pairs, account sets) with
 * the time each was last marked: exact (a hash table of the keys, not a
 * slot per hash: no key forgets another, whatever the ids), holding only
 * the keys still inside the cooldown once it grows (the others can never
 * be recent again: the clock does not go back). */
typedef struct cen__seen {
	uint64_t *keys;
	int64_t *times;  /* INT64_MIN: an empty slot */
	size_t mask;     /* slots - 1, a power of two */
	size_t used;     /* slots taken, at most half of them */
	int64_t cooldown;
} cen__seen;
int cen__seen_init(cen__seen *s, int64_t cooldown);
void cen__seen_release(cen__seen *s);
/* 1 if key was last marked at a time > now - cooldown. */
int cen__seen_recent(const cen__seen *s, uint64_t key, int64_t now);
/* key marked at now (>= every earlier now); CEN_ENOMEM when the table
 * could not grow (then nothing changed). */
int cen__seen_mark(cen__seen *s, uint64_t key, int64_t now);

/* A FIFO of deferred decisions per account: an account is queued once
 * (pushing it again while pending does nothing) and popped when its due
 * time has come. Due times must be pushed in non-decreasing order. */
typedef struct cen__dueq {
	uint32_t *v;
	int64_t *due;
	size_t head, len, cap;
	cen__vbits pending;
} cen__dueq;
int cen__dueq_push(cen__dueq *q, uint32_t v, int64_t due);
/* 1 and *v when an account is due at now (any, when all), else 0. */
int cen__dueq_pop(cen__dueq *q, int64_t now, int all, uint32_t *v);
void cen__dueq_release(cen__dueq *q);
/* The earliest due time queued; INT64_MAX when none. */
static inline int64_t cen__dueq_next(const cen__dueq *q)
{
	return q->len ? q->due[q->head] : INT64_MAX;
}
/* A detector's decision on account v, queued for due. */
typedef int (*cen__decide_fn)(cen__det *d, uint32_t v, int64_t due);
/* The hints for the decisions of q behind the one just taken: a decision
 * comes long after its account was last touched, and reads its vertex
 * line, then the newest entries of its rings, which all missed. So the
 * vertex line of the one CEN__DUEQ_HINT_AHEAD places back, and the newest
 * `lines` lines (4 entries a line) of the rings of the next one whose bits
 * are in `rings` (CEN__DUEQ_IN, CEN__DUEQ_OUT), from its vertex line
 * hinted so before. The next decision comes with the next due time,
 * seconds later, or next in a burst. Only reads. */
enum { CEN__DUEQ_IN = 1, CEN__DUEQ_OUT = 2, CEN__DUEQ_HINT_AHEAD = 2 };
void cen__dueq_hint(const cen__dueq *q, const cen__graph *g, unsigned rings, unsigned lines);
/* Takes the decisions of q due by clock (every one, when all) in due
 * order, stopping at the first error, and sets d->next_advance to the
 * next due time: a deferring detector's on_advance and flush. Each
 * decision hints (cen__dueq_hint) both rings' newest two lines. */
int cen__dueq_advance(cen__dueq *q, cen__det *d, int64_t clock, int all, cen__decide_fn decide);
/* The latest due time queued (a push must not be earlier); INT64_MIN when
 * none. */
static inline int64_t cen__dueq_last(const cen__dueq *q)
{
	return q->len ? q->due[(q->head + q->len - 1) % q->cap] : INT64_MIN;
}

/* "12,345.67" */
void cen__fmt_money(char *out, size_t outlen, double dollars);
/* Human duration: "45 minutes", "6 hours", "3 days". */
void cen__duration(char *out, size_t outlen, int64_t seconds);

/* Hash of a set of account ids (order-free). */
uint64_t cen__set_hash(const uint32_t *ids, size_t n);

static inline int cen__is_hub(const cen__graph *g, uint32_t v)
{
	return g->v[v].kind == CEN_MKIND_HUB;
}

/* Writes "\"key\":[ids...]" of account names as JSON into b. */
int cen__json_accounts(cen_buf *b, const char *key, const cen__graph *g,
		       const uint32_t *ids, size_t n);

#endif
