/* detector.h - the interface between the monitoring engine and its detectors
 * (internal-shared; the public face is include/centinela/monitor.h).
 *
 * HOW TO WRITE A DETECTOR (one file per detector, src/detect/det_<name>.c):
 *
 *   typedef struct my_det {
 *           cen__det base;          // must be the first member
 *           double threshold;       // what init read from the rules
 *           cen__vtimes cooldown;   // per-account state, grown on demand
 *   } my_det;
 *
 *   static int my_init(cen__det *d, const cen_rules *r, char *err, size_t n);
 *   static int my_on_edge(cen__det *d, const cen__edge_ctx *x);
 *   ...
 *   const cen__det_ops cen__det_my = {
 *           .name = "my", .size = sizeof(my_det), .init = my_init,
 *           .on_edge = my_on_edge, .on_advance = NULL, .flush = NULL,
 *           .release = my_release, .keys = my_keys, .nkeys = N,
 *   };
 *
 * and one line in src/detect/registry.c (and one more in CEN__REGISTRY_COUNT
 * below: the compiler says when they differ). The engine allocates `size` zeroed
 * bytes, sets base.ops/base.eng, calls init once (only if the rules leave
 * the detector enabled: `enabled = false` in its table turns it off), then:
 *
 *   on_edge(d, x)        for every transaction (of d->channels), in time
 *                        order, right after it was added to the graph as
 *                        edge x->seq (x->e, from x->src to x->dst, whose
 *                        vertex lines are x->vs and x->vd: what the engine
 *                        has at hand, so no detector works it out again).
 *                        x->t is the canonical record (borrowed for the
 *                        call: channel, location, countries, names,
 *                        base_amount...). The edge's ts is e->ts (= t->ts
 *                        unless the record came late, then the clock).
 *                        eng->clock == e->ts.
 *   on_advance(d, clock) whenever the clock moves forward to or past
 *                        d->next_advance (before the next edge is added and
 *                        before old edges are evicted): emit what became
 *                        certain (e.g. a business day closed). May be NULL.
 *   flush(d)             once at end of input: emit everything pending.
 *                        May be NULL.
 *   release(d)           frees what init allocated (not d itself). May be
 *                        NULL. Called even when init failed half-way.
 *   prefetch(d, t, s, b, pass)
 *                        a hint that t, an edge s -> b of d's channels,
 *                        comes a few records later: start loading the
 *                        per-account state its on_edge will read
 *                        (through cen__prefetch). Given twice: pass 0, then
 *                        pass 1 a few records later, when what pass 0
 *                        asked for has arrived (a detector may read it
 *                        then to ask for what it points to). May be NULL;
 *                        must change nothing.
 *
 * Windows: init sets d->window to the seconds of history it reads from the
 * graph; the engine keeps the maximum over enabled detectors, so every edge
 * with ts >= clock - d->window is live (cen__graph_live) in on_edge and
 * on_advance. A detector that needs longer memory keeps its own compact
 * state (per account, per window), never pointers into the graph.
 *
 * Accounts: eng->g.v[id] holds per-account counts (fan/deg in the window)
 * and what the accounts file said (kind, country; party and zip are
 * fetched when the cash detectors first resolve the account);
 * cen__graph_vname(&eng->g, id) is "BANK:ACCOUNT".
 *
 * Alerts: cen__alert_begin(d) ... cen__alert_emit(b). Evidence members are
 * written as JSON into cen__alert_evidence(b) without the outer braces
 * (e.g. "\"total\":12000.00,\"days\":3"); the builder wraps them. Every
 * alert needs at least one account, one transaction and an explanation of
 * one plain sentence. Scores are 0..1. Status codes: 0 ok, negative stops
 * the run (sink failure or out of memory) and must be returned.
 *
 * Deduplication is each detector's job: alert once for a pattern and fold
 * later matches of the same account/pattern into cen__det_suppressed()
 * during a cooldown, instead of alerting every edge.
 *
 * Rules: read values with cen_rules_get_*(r, d->ops->name, key, default)
 * and declare them in keys[] so typos in a rules file are reported.
 */
#ifndef CEN_DETECT_DETECTOR_H
#define CEN_DETECT_DETECTOR_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "centinela/alert.h"
#include "centinela/monitor.h"
#include "centinela/rules.h"
#include "centinela/txn.h"
#include "graph/graph.h"
#include "core/prefetch.h"

typedef struct cen__engine cen__engine;
typedef struct cen__det cen__det;
typedef struct cen__alert_b cen__alert_b;

/* What on_edge is given: the edge the engine has just added, and what it
 * knows of it. Borrowed for the call; the pointers stay valid through it
 * (accounts are interned only between records). */
typedef struct cen__edge_ctx {
	const cen__edge *e;          /* edge seq: cen__graph_edge_newest */
	const cen_txn *t;            /* its record */
	uint64_t seq;
	int64_t amount;              /* cen__edge_amount of e, read once */
	uint32_t src, dst;           /* e->src, e->dst */
	const cen__vertex *vs, *vd;  /* &g->v[src], &g->v[dst] */
} cen__edge_ctx;

typedef struct cen__det_ops {
	const char *name;   /* typology name = rules table name */
	size_t size;        /* bytes of the detector struct (cen__det first) */
	int (*init)(cen__det *d, const cen_rules *r, char *err, size_t errlen);
	int (*on_edge)(cen__det *d, const cen__edge_ctx *x);
	int (*on_advance)(cen__det *d, int64_t clock);
	int (*flush)(cen__det *d);
	void (*release)(cen__det *d);
	/* Optional hint: t, an edge src -> dst, will come a few records from
	 * now; prefetch the per-account state on_edge will read (pass 0, then
	 * pass 1: see above). Must not change anything. */
	void (*prefetch)(cen__det *d, const cen_txn *t, uint32_t src, uint32_t dst, int pass);
	const cen_rules_key *keys; /* keys the detector reads (besides enabled) */
	size_t nkeys;
	/* true: on_edge is never given an edge from an account to itself
	 * (the detector has nothing to do with one): the engine, which knows
	 * at once, leaves it out, so its gate need not ask. */
	bool skip_self;
} cen__det_ops;

struct cen__det {
	const cen__det_ops *ops;
	cen__engine *eng;
	int64_t window;      /* seconds of graph history needed; set by init */
	/* on_advance is called only once the clock reaches this. The engine
	 * sets INT64_MIN (every move) before init; a detector that knows when
	 * it next has something to do keeps it there: on_advance may set it
	 * directly, on_edge through cen__det_due or cen__det_set_due (so the
	 * engine's minimum stays right). Most clock moves then cost nothing. */
	int64_t next_advance;
	/* A bit per cen_channel: on_edge is given only edges of these channels
	 * (the engine sets every bit before init). */
	uint32_t channels;
	uint64_t alerts;     /* emitted */
	uint64_t suppressed; /* folded into earlier alerts */
};

/* The engine state detectors may read. Written only by the engine. */
struct cen__engine {
	cen__graph g;
	int64_t clock;       /* the data's time: max ts processed */
	cen_diag *diag;
	const char *source;  /* input name for messages */
	uint64_t search_truncated; /* detectors add bounded searches cut short */
	cen__alert_b *ab;    /* the one alert builder (emit.c) */
	cen_alert_sink_fn sink;
	void *sink_ctx;
	uint64_t alert_seq;  /* last alert id */
	int64_t next_advance; /* <= every detector's next_advance */
	uint32_t ncash_refs; /* cash_ref ids given out (det_ctr.c adapter) */
	/* What the cash detectors share (det_ctr.c adapter): the accounts of
	 * the edge last resolved, which of them gives the hints; NULL when no
	 * cash detector runs. */
	struct cen__cash_shared *cash;
	/* The names of the newest edge's src and dst ([0], [1]) as its
	 * record spelt them: cen__graph_vname's text, but in memory at hand
	 * (the vertex names of accounts taken from the accounts table lie in
	 * its strings, in file order). Valid during on_edge. */
	const cen_slice *newest_names;
	/* The accounts file's table (NULL: none), whose accounts are
	 * vertices 0..naccounts-1, numbered as in it; then no hooks. */
	const cen_accounts *accounts;
	uint32_t naccounts;
	cen_monitor_lookup_fn lookup; /* the accounts hook (may be NULL) */
	cen_monitor_lookup_prefetch_fn lookup_prefetch; /* its hint (may be NULL) */
	cen_monitor_lookup_ref_fn lookup_ref; /* by number (may be NULL) */
	void *lookup_ctx;
	uint64_t alerts;     /* emitted, all detectors */
	/* Two marks per vertex (cen__vmark), covering every vertex of g
	 * (both words of each vertex's pair: the engine grows it before an
	 * edge names a new vertex, so a detector reads it without a bound). */
	uint64_t *marks;
	size_t marks_words;
};

/* A vertex's marks: vertex v's are bit v % 64 of words 2 (v / 64) (the
 * named mark) and 2 (v / 64) + 1 (the clean mark), side by side in a
 * 16-byte pair, so that the record's account costs one line for both (as
 * two bitmaps, they were a line each, for every record's two accounts:
 * 10% of the engine's samples, perf). */
enum cen__vmark {
	CEN__VMARK_NAMED = 0, /* a transaction named it (the engine's, with an
				 accounts table: stats.accounts) */
	CEN__VMARK_CLEAN = 1, /* blocked_counterparty's: no bank its
				 transactions can carry is blocked */
};
static inline uint64_t *cen__vmark_word(const cen__engine *e, uint32_t v, enum cen__vmark m)
{
	return &e->marks[(size_t)(v >> 6) * 2 + (unsigned)m];
}
static inline int cen__vmark_has(const cen__engine *e, uint32_t v, enum cen__vmark m)
{
	return (int)(*cen__vmark_word(e, v, m) >> (v & 63) & 1);
}
static inline void cen__vmark_set(cen__engine *e, uint32_t v, enum cen__vmark m)
{
	*cen__vmark_word(e, v, m) |= 1ull << (v & 63);
}

/* d has something to do once the clock reaches t: lowers d->next_advance
 * (and the engine's minimum) to t. */
static inline void cen__det_due(cen__det *d, int64_t t)
{
	if (t < d->next_advance)
		d->next_advance = t;
	if (t < d->eng->next_advance)
		d->eng->next_advance = t;
}

/* Sets d->next_advance to t, keeping the engine's minimum right. */
static inline void cen__det_set_due(cen__det *d, int64_t t)
{
	d->next_advance = t;
	if (t < d->eng->next_advance)
		d->eng->next_advance = t;
}

/* The registry (registry.c): every detector, in summary order; as many
 * as CEN__REGISTRY_COUNT (a constant: the engine's dispatch is unrolled
 * over it). */
#define CEN__REGISTRY_COUNT 13
extern const cen__det_ops *const cen__registry[CEN__REGISTRY_COUNT];
extern const size_t cen__registry_count;

/* Alert building (emit.c). One alert at a time per engine. */
cen__alert_b *cen__alert_begin(cen__det *d, double score);
void cen__alert_account(cen__alert_b *b, uint32_t v);
void cen__alert_account_str(cen__alert_b *b, const char *s, size_t len);
/* Adds a live edge: its id, its accounts are NOT added; the span widens. */
void cen__alert_edge(cen__alert_b *b, uint64_t seq);
/* Adds a transaction by id text (for detectors keeping their own ids). */
void cen__alert_txn(cen__alert_b *b, const char *id, size_t len, int64_t ts);
void cen__alert_score(cen__alert_b *b, double score);
void cen__alert_explain(cen__alert_b *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
cen_buf *cen__alert_evidence(cen__alert_b *b);
/* cen_buf_printf for the alerts' explanations and evidence (and keys):
 * the same bytes, the usual conversions without a vsnprintf (emit.c). */
int cen__alert_printf(cen_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int cen__alert_vprintf(cen_buf *b, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));
/* Hands the alert to the sink; returns its status (or CEN_ENOMEM). */
int cen__alert_emit(cen__alert_b *b);

static inline void cen__det_suppressed(cen__det *d)
{
	d->suppressed++;
}

/* The decimal digits of v written backwards, the last one just before
 * end (20 bytes of room before it): returns where they begin. The alerts'
 * numbers, without a printf each. */
static inline char *cen__u64_digits(char *end, uint64_t v)
{
	do {
		*--end = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	return end;
}

/* Dollars of an edge amount. */
static inline double cen__dollars(int64_t cents)
{
	return (double)cents / 100.0;
}

/* Per-account state (vstate.c). A bit per account (waiting in a queue,
 * and the like), grown on demand; all zero at first. */
typedef struct cen__vbits {
	uint64_t *w;
	size_t nw; /* words */
} cen__vbits;
static inline int cen__vbits_has(const cen__vbits *b, uint32_t v)
{
	size_t i = (size_t)v >> 6;
	return i < b->nw && (b->w[i] >> (v & 63) & 1);
}
int cen__vbits_set(cen__vbits *b, uint32_t v);
static inline void cen__vbits_clear(cen__vbits *b, uint32_t v)
{
	size_t i = (size_t)v >> 6;
	if (i < b->nw)
		b->w[i] &= ~(1ULL << (v & 63));
}
void cen__vbits_release(cen__vbits *b);

/* Per-account times (cooldowns, last seen), INT64_MIN when never set;
 * setting INT64_MIN unsets. A time is read only where its bit is set, from
 * a small hash table of the accounts ever set: for state few accounts get
 * (an alert's cooldown, a queued decision's partner). */
typedef struct cen__vtime_slot {
	int64_t t;
	uint32_t key; /* account id + 1; 0: empty */
} cen__vtime_slot;
typedef struct cen__vtimes {
	cen__vbits set;
	cen__vtime_slot *slot; /* open addressing, cap a power of two */
	size_t cap, used;
} cen__vtimes;
/* The time of v, whose bit is set. */
int64_t cen__vtimes_find(const cen__vtimes *vt, uint32_t v);
static inline int64_t cen__vtimes_get(const cen__vtimes *vt, uint32_t v)
{
	return cen__vbits_has(&vt->set, v) ? cen__vtimes_find(vt, v) : INT64_MIN;
}
int cen__vtimes_set(cen__vtimes *vt, uint32_t v, int64_t t);
void cen__vtimes_release(cen__vtimes *vt);

/* Coefficient of variation of amounts from live sums (0 when < 2 edges). */
double cen__cv(double sum, double sq, uint32_t n);

#endif
