/* monitor.h - the monitoring engine: transactions in, alerts out.
 *
 * A cen_monitor consumes canonical transactions (txn.h) one at a time and
 * hands alerts (alert.h) to a sink as soon as they are certain. Batch files
 * and streams use the same code: the caller pushes every record, then calls
 * cen_monitor_finish once, which flushes what the detectors still hold.
 *
 * Time: the engine's clock is the data's timestamps, never the wall clock.
 * Transactions should arrive in time order; records up to reorder_tolerance
 * seconds early are buffered and sorted. A record older than the clock by
 * more than the tolerance is reported through diag (file, line) and counted
 * in stats.late; it is still processed, at the engine's clock (its own
 * timestamp is kept in the alert evidence), so nothing is silently lost.
 *
 * Inside, accounts are interned to integer ids and the transactions of the
 * last `window` seconds (the longest window any enabled detector needs) are
 * held in a temporal multigraph (src/graph/graph.h) with per-account
 * adjacency in time order; older edges are evicted as the clock moves.
 * Memory is proportional to the transactions inside the window plus the
 * distinct accounts seen.
 *
 * Detectors are configured by a rules file (rules.h): one table per typology,
 * `enabled = false` turns one off; an engine table [monitor] holds
 * reorder_tolerance (seconds, default 0) and max_adjacency (default 1024, the
 * cap on the edges kept per account and direction; older ones beyond it are
 * dropped from that account's adjacency and counted in stats.adj_overflow).
 *
 * Threads: one cen_monitor is used by one thread at a time. A cen_rules may
 * be shared. Accounts from an accounts file are handed in either as the
 * loaded table itself (accounts.h; the engine then names its accounts by
 * the table's own index, one table for both) or through the lookup hook
 * below, for callers with a store of their own: called when the engine
 * first sees an account and once more if a cash detector later needs its
 * owner and ZIP (then by the account's number through lookup_ref, when the
 * hook gave one and lookup_ref is set).
 */
#ifndef CENTINELA_MONITOR_H
#define CENTINELA_MONITOR_H

#include <stddef.h>
#include <stdint.h>

#include "centinela/alert.h"
#include "centinela/core.h"
#include "centinela/txn.h"

typedef struct cen_monitor cen_monitor;
typedef struct cen_rules cen_rules; /* rules.h */
typedef struct cen_accounts cen_accounts; /* accounts.h */

/* What the engine knows of an account beyond its transactions. */
typedef enum cen_monitor_kind {
	CEN_MKIND_UNKNOWN = 0,
	CEN_MKIND_PERSON,
	CEN_MKIND_BUSINESS,
	CEN_MKIND_MSB,      /* money services business (GTO) */
	CEN_MKIND_HUB       /* known legitimate hub: payroll, utility, marketplace */
} cen_monitor_kind;

typedef struct cen_monitor_account {
	cen_monitor_kind kind;
	cen_slice party_id;   /* owner; accounts of one party aggregate (CTR) */
	cen_slice name;
	cen_slice country;    /* ISO alpha-2 */
	cen_slice zip;
	cen_slice occupation;
	/* Optional: the hook's own number for this account (e.g. its row in
	 * the accounts table), 1 to UINT32_MAX - 1, that lookup_ref takes to
	 * give the same account again without its name; 0: none. */
	uint64_t ref;
} cen_monitor_account;

/* Accounts enrichment hook: fill *out (slices borrowed until the hook is
 * called again; *out is zeroed before the call) for the account
 * "BANK:ACCOUNT" (or "ACCOUNT") and return 1, or return 0 when the account
 * is unknown. */
typedef int (*cen_monitor_lookup_fn)(void *ctx, const char *account, size_t len,
				     cen_monitor_account *out);
/* Optional by-number fetch (same ctx, same contract): fill *out for the
 * account whose lookup gave out->ref == ref, exactly as that lookup did,
 * and return 1 (0 only if ref names no account). The engine asks for an
 * account's owner and ZIP again when a cash detector first needs them;
 * with this hook that costs no hashing of the name. Without it (or for an
 * account the hook gave no ref), the lookup hook is asked by name. */
typedef int (*cen_monitor_lookup_ref_fn)(void *ctx, uint64_t ref, cen_monitor_account *out);
/* Optional hint (same ctx): the lookup hook will be asked for account a
 * few records from now; start loading what it reads, one step per pass
 * (0, 1, 2, a few records apart: each may read what the one before asked
 * for; cen_accounts_prefetch does this). *hint is the engine's word for
 * this account and these passes: 0 before pass 0, then as the hook left
 * it, so a pass can carry what it found to the next (the key's hash, the
 * record) instead of finding it again. Must change nothing else. */
typedef void (*cen_monitor_lookup_prefetch_fn)(void *ctx, const char *account, size_t len,
					       int pass, uint64_t *hint);

/* Per-transaction features (docs/features.md). Called once per processed
 * transaction, in time order, when its feature window has closed (up to
 * [features] window seconds after it). names/values have n entries; names
 * are the same for every call (see cen_monitor_feature_names). */
typedef int (*cen_monitor_feature_fn)(void *ctx, const char *txn_id,
				      const double *values, size_t n);

typedef struct cen_monitor_config {
	const cen_rules *rules;          /* borrowed; NULL: all defaults */
	cen_alert_sink_fn sink;          /* required */
	void *sink_ctx;
	/* Optional: the accounts file's table (borrowed; it must outlive the
	 * engine, and is not to be used by another engine). The engine takes
	 * its index of names over as its own name table, so the table's
	 * lookups by name find nothing from then on (cen_accounts_at still
	 * works). Not with lookup. Accounts of the table that no transaction
	 * names change no output and are not counted in stats.accounts. */
	cen_accounts *accounts;
	cen_monitor_lookup_fn lookup;    /* optional, not with accounts */
	cen_monitor_lookup_prefetch_fn lookup_prefetch; /* optional, with lookup */
	cen_monitor_lookup_ref_fn lookup_ref; /* optional, with lookup */
	void *lookup_ctx;
	cen_monitor_feature_fn features; /* optional: computes features when set */
	void *features_ctx;
	cen_diag *diag;                  /* optional: late records, config warnings */
	const char *source_name;         /* input name for messages ("-": stdin) */
	/* Records held back so the memory they will touch is prefetched (0:
	 * none; CEN_MONITOR_LOOKAHEAD is the tuned depth). Results are the
	 * same, but a record's alerts may come up to this many pushes later:
	 * by cen_monitor_drain or cen_monitor_finish at the latest. Worth it
	 * for files (measured: bench/bench_monitor.sh); a live feed that
	 * trickles wants 0 or a drain when the feed goes quiet. */
	unsigned lookahead;
	/* Optional hint: about how many accounts the input names (e.g. the
	 * rows of the accounts file; with accounts, beyond them). The account
	 * tables are sized for them at once instead of growing as they
	 * appear. 0: no hint. */
	size_t expected_accounts;
} cen_monitor_config;

#define CEN_MONITOR_LOOKAHEAD 48
#define CEN_MONITOR_MAX_LOOKAHEAD 1024

typedef struct cen_monitor_stats {
	uint64_t txns;            /* pushed */
	uint64_t late;            /* older than clock - tolerance; processed at clock */
	uint64_t reordered;       /* arrived early within the tolerance and sorted */
	uint64_t alerts;          /* emitted, all typologies */
	uint64_t suppressed;      /* matches folded into an earlier alert (cooldown) */
	uint64_t adj_overflow;    /* adjacency entries dropped by max_adjacency */
	uint64_t search_truncated;/* bounded searches (cycles, layers) cut by budget */
	uint64_t accounts;        /* distinct accounts seen */
	uint64_t window_edges;    /* transactions held in the window now */
	uint64_t peak_window_edges;
	uint64_t memory_bytes;    /* the graph's memory now (log, rings, ids, names);
				     detectors' state is not counted */
	uint64_t peak_memory_bytes;
	int64_t window;           /* seconds of history held */
} cen_monitor_stats;

/* Creates an engine. *out is NULL on failure; errbuf (may be NULL) gets a
 * message naming the rules key at fault. Caller frees with cen_monitor_free. */
int cen_monitor_new(const cen_monitor_config *cfg, cen_monitor **out,
		    char *errbuf, size_t errlen);

/* Processes one transaction (borrowed for the call only). Alerts that become
 * certain are handed to the sink before it returns. A negative status from
 * the sink stops the engine and is returned (and by every later call). */
int cen_monitor_push(cen_monitor *m, const cen_txn *t);
/* The same, naming the 1-based input line of the record for messages about
 * it (a late timestamp). */
int cen_monitor_push_line(cen_monitor *m, const cen_txn *t, uint64_t line);
/* cen_monitor_push_line for a record whose text (every slice) stays valid
 * and unchanged until the engine has processed it: by the push `lookahead`
 * pushes later, or cen_monitor_drain or cen_monitor_finish if sooner. Such
 * is a record of a mapped file, or of a reader's window of more rows than
 * the lookahead (cen_txn_reader_kept): the lookahead keeps pointers to it
 * instead of copies. The struct itself is still borrowed for the call. */
int cen_monitor_push_kept(cen_monitor *m, const cen_txn *t, uint64_t line);
/* Where the caller may build its next record so that the push does not
 * copy the struct: the lookahead's own place for it. Valid until the next
 * push, drain, finish or free; pass it to one of the push calls as t. NULL
 * when the engine would copy the record anyway (no lookahead, a reorder
 * tolerance) or has stopped; then build the record elsewhere. */
cen_txn *cen_monitor_slot(cen_monitor *m);
/* Processes every record the lookahead holds back (alerts reach the sink). */
int cen_monitor_drain(cen_monitor *m);

/* End of input: drains the reorder buffer, flushes every detector and the
 * features of the last window. Call once; push after finish is CEN_EINVAL. */
int cen_monitor_finish(cen_monitor *m);

void cen_monitor_get_stats(const cen_monitor *m, cen_monitor_stats *out);

/* Alerts emitted per typology: the i-th registered detector's name and
 * count, i < cen_monitor_typology_count(). Disabled detectors count 0. */
size_t cen_monitor_typology_count(const cen_monitor *m);
const char *cen_monitor_typology_name(const cen_monitor *m, size_t i);
uint64_t cen_monitor_typology_alerts(const cen_monitor *m, size_t i);
int cen_monitor_typology_enabled(const cen_monitor *m, size_t i);

/* Names of the feature columns (n set to the count); borrowed for the life
 * of m. Empty when no features callback was configured. */
const char *const *cen_monitor_feature_names(const cen_monitor *m, size_t *n);

const char *cen_monitor_errmsg(const cen_monitor *m);
void cen_monitor_free(cen_monitor *m);

/* Every typology the engine knows, registry order (NULL-terminated). */
const char *const *cen_monitor_typologies(void);

#endif
