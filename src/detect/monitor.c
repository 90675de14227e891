/* monitor.c - the engine behind monitor.h: time order, the graph, the
 * detectors.
 *
 * One pass: each record goes through the reorder buffer (when a tolerance
 * is set), then the lookahead pipe (when a depth is set: ahead.c), then
 * process(): the clock moves to its timestamp (the detectors now due get
 * on_advance, then edges older than clock - window are evicted), both
 * accounts are interned (ids the pipe found are taken as they are; the
 * lookup hook gives a new account its kind and country, and for the cash
 * detectors' later fetch of its owner its number), the edge is added
 * and every enabled detector that takes its channel sees it, in registry
 * order (those with skip_self are not given an edge from an account to
 * itself).
 * finish() drains the buffer and flushes the detectors.
 *
 * Given the accounts file's table instead of the hook, the engine takes
 * the table's index of names over as its own (accounts_engine.h): the
 * accounts are vertices 0..n-1 from the start, in file order, their kind,
 * country and number set once, so a transaction's account is found by the
 * pipe's one probe (the hook's way hashed a new account three times, in
 * two tables of 32 MB each on the 5 M benchmark). A name the table does
 * not hold as written is a vertex of its own, as with the hook; it is the
 * table's account when its normalised form is (a padded bank id). Ids in
 * file order instead of first appearance change no alert on the
 * benchmarks (check6); what reads ids is exact, the cooldown memories
 * of cycle and scatter_gather included (cen__seen: a table of the keys,
 * no longer a direct-mapped cache whose shared slots depended on the
 * ids). A mark per vertex (CEN__VMARK_NAMED, in the engine's marks,
 * detector.h) records whether a transaction named it: the table's
 * accounts never named are in no output, stats.accounts included.
 *
 * What must hold: the clock never goes back; edges are added in
 * non-decreasing ts; a record is processed exactly once (late ones at the
 * clock, reported); e.next_advance <= every detector's next_advance; once
 * a sink or allocation fails, every later call returns that status.
 */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "centinela/monitor.h"
#include "centinela/rules.h"
#include "core/grow.h"
#include "detect/ahead.h"
#include "detect/engine.h"
#include "txn/accounts_engine.h"
#include "core/banned.h"

struct cen_monitor {
	cen__engine e;
	cen__alert_b ab;
	cen_monitor_config cfg;
	cen__det *dets[64];      /* by registry index; NULL: disabled */
	size_t ndets;
	cen__det *features;
	/* Per channel, a bit per registry index (EDGE_FEATURES: the features)
	 * of the enabled detectors whose on_edge takes the channel: edge_all
	 * visits the registry in order, a copy of the test per index, so
	 * every call is to a known function (inlined by the link-time build)
	 * and no loop goes through a list of hooks. [1]: for an edge from an
	 * account to itself, without the detectors that skip those. */
	uint64_t edge_mask[2][CEN_CH__COUNT];
	/* The enabled detectors (features last) that have a prefetch hook,
	 * in registry order, a list per channel (so no test per detector
	 * and record). A hook is kept with its detector: a call reads one
	 * entry, not the detector's ops too. */
	struct prefetch_hook {
		void (*prefetch)(cen__det *d, const cen_txn *t, uint32_t src, uint32_t dst,
				 int pass);
		cen__det *d;
	} prefetch_dets[CEN_CH__COUNT][65];
	size_t n_prefetch[CEN_CH__COUNT];
	uint32_t prefetch_chans; /* channels with a prefetch hook: a bit each */
	cen__det *advance_dets[65];
	size_t n_advance;
	cen__reorder ro;
	cen__ahead ahead;
	int64_t front;           /* max ts fed to the pipe: the clock to be
				    (INT64_MIN before the first record) */
	int64_t tolerance;
	int64_t max_ts;
	int64_t window;
	int started, finished;
	int failed;              /* sticky status */
	int slots;               /* cen_monitor_slot may hand out the pipe's
				    struct: a pipe, no reordering, neither
				    failed nor finished (and push, a record
				    not late, its short path) */
	cen_buf name;
	uint64_t txns, late, reordered;
	uint64_t peak_mem;
	char errmsg[512];
};

/* The bit of edge_mask for the features. */
enum { EDGE_FEATURES = 63 };

static const cen_rules_key monitor_keys[] = {
	{"reorder_tolerance", CEN_RULES_NUMBER},
	{"max_adjacency", CEN_RULES_INT},
};

const char *const *cen_monitor_typologies(void)
{
	static const char *names[64 + 1];
	if (!names[0]) {
		for (size_t i = 0; i < cen__registry_count && i < 64; i++)
			names[i] = cen__registry[i]->name;
	}
	return names;
}

static void free_det(cen__det *d)
{
	if (!d)
		return;
	if (d->ops->release)
		d->ops->release(d);
	cen_free(d);
}

static int make_det(cen_monitor *m, const cen__det_ops *ops, cen__det **out)
{
	*out = NULL;
	cen__det *d = cen_calloc(1, ops->size);
	if (!d)
		return CEN_ENOMEM;
	d->ops = ops;
	d->eng = &m->e;
	d->next_advance = INT64_MIN;
	d->channels = UINT32_MAX;
	char err[256] = "";
	int rc = ops->init ? ops->init(d, m->cfg.rules, err, sizeof err) : 0;
	if (rc) {
		snprintf(m->errmsg, sizeof m->errmsg, "[%s]: %s", ops->name,
			 err[0] ? err : cen_strerror(rc));
		free_det(d);
		return rc;
	}
	if (m->cfg.rules)
		cen_rules_check(m->cfg.rules, ops->name, ops->keys, ops->nkeys, m->cfg.diag);
	*out = d;
	return 0;
}

/* Vertex id's owner and ZIP are to be fetched (det_ctr.c, fetch_party);
 * the hook's number for it is kept where the ZIP will go, so the fetch
 * can use lookup_ref (UINT32_MAX: by name). */
static void owner_later(cen__engine *e, uint32_t id, uint64_t ref)
{
	cen__vowner *o = &e->g.owner[id];
	o->party = CEN__PARTY_LATER;
	o->zip = (e->lookup_ref || e->accounts) && ref && ref < UINT32_MAX ? (uint32_t)ref
									 : UINT32_MAX;
}

/* What the table says of account acct into vertex id: kind, country,
 * and its number for the cash detectors' later fetch of its owner. */
static void table_account(cen__engine *e, uint32_t id, size_t acct)
{
	cen__account_brief b;
	cen__accounts_brief(e->accounts, acct, &b);
	cen__vertex *v = &e->g.v[id];
	v->kind = b.kind;
	memcpy(v->country, b.country, 2);
	if (b.owner)
		owner_later(e, id, acct + 1);
}

_Static_assert((int)CEN_PARTY_PERSON == (int)CEN_MKIND_PERSON &&
		       (int)CEN_PARTY_BUSINESS == (int)CEN_MKIND_BUSINESS &&
		       (int)CEN_PARTY_MSB == (int)CEN_MKIND_MSB &&
		       (int)CEN_PARTY_HUB == (int)CEN_MKIND_HUB,
	       "an account's kind is its vertex's");

/* The engine's marks for every vertex the graph has room for. */
static int marks_room(cen__engine *e)
{
	void *w = e->marks;
	int rc = cen__grow_zeroed(&w, &e->marks_words, e->g.vcap / 32 + 1, sizeof *e->marks);
	e->marks = w;
	return rc;
}

/* The accounts of table a as vertices 0..n-1, its index the name table;
 * room for cfg.expected_accounts more (else a sixteenth more), so the
 * few accounts a file does not list grow nothing. */
static int take_accounts(cen_monitor *m, cen_accounts *a)
{
	cen__engine *e = &m->e;
	size_t n = cen_accounts_count(a), more = m->cfg.expected_accounts;
	if (n >= UINT32_MAX / 2)
		return CEN_ELIMIT;
	more = more && more < ((size_t)1 << 26) ? more : n / 16 + 256;
	int rc = cen__accounts_take_index(a, &e->g.names);
	if (!rc && e->g.names.count != n)
		rc = CEN_EINVAL;
	if (rc || (rc = cen__graph_reserve(&e->g, n + more)) ||
	    (rc = cen__graph_vertex_all(&e->g)))
		return rc;
	if ((rc = marks_room(e)))
		return rc;
	e->accounts = a;
	e->naccounts = (uint32_t)n;
	for (size_t i = 0; i < n; i++)
		table_account(e, (uint32_t)i, i);
	return 0;
}

int cen_monitor_new(const cen_monitor_config *cfg, cen_monitor **out, char *errbuf,
		    size_t errlen)
{
	*out = NULL;
	if (!cfg || !cfg->sink) {
		if (errbuf && errlen)
			snprintf(errbuf, errlen, "monitor: a sink is required");
		return CEN_EINVAL;
	}
	cen_monitor *m = cen_calloc(1, sizeof *m);
	if (!m)
		return CEN_ENOMEM;
	int rc = 0;
	m->cfg = *cfg;
	m->e.diag = cfg->diag;
	m->e.next_advance = INT64_MIN;
	m->e.lookup = cfg->lookup;
	m->e.lookup_prefetch = cfg->lookup ? cfg->lookup_prefetch : NULL;
	m->e.lookup_ref = cfg->lookup ? cfg->lookup_ref : NULL;
	m->e.lookup_ctx = cfg->lookup_ctx;
	m->e.source = cfg->source_name ? cfg->source_name : "<input>";
	m->e.ab = &m->ab;
	m->e.sink = cfg->sink;
	m->e.sink_ctx = cfg->sink_ctx;
	cen_buf_init(&m->ab.explanation, 4096);
	cen_buf_init(&m->ab.evidence, 1u << 20);
	cen_buf_init(&m->ab.evwrap, (1u << 20) + 64);
	cen__arena_init(&m->ab.scratch, 64 * 1024);
	cen_buf_init(&m->name, 0); /* the reader caps fields */
	cen__reorder_init(&m->ro);
	cen__ahead_init(&m->ahead);
	if (cfg->lookahead > CEN_MONITOR_MAX_LOOKAHEAD ||
	    (rc = cen__ahead_reserve(&m->ahead, cfg->lookahead))) {
		snprintf(m->errmsg, sizeof m->errmsg, "monitor: lookahead must be 0..%d",
			 CEN_MONITOR_MAX_LOOKAHEAD);
		rc = rc ? rc : CEN_EINVAL;
		goto out;
	}
	m->front = INT64_MIN;
	m->ahead.lookup_prefetch = m->e.lookup_prefetch;
	m->ahead.lookup_ctx = m->e.lookup_ctx;
	const cen_rules *r = cfg->rules;
	double tol = cen_rules_get_double(r, "monitor", "reorder_tolerance", 0);
	int64_t maxadj = cen_rules_get_int(r, "monitor", "max_adjacency", CEN__GRAPH_MAX_ADJ_DEFAULT);
	if (tol < 0 || tol > 30 * 86400.0 || maxadj < 4 || maxadj > CEN__GRAPH_MAX_ADJ_LIMIT) {
		snprintf(m->errmsg, sizeof m->errmsg,
			 "[monitor]: reorder_tolerance must be 0..2592000 seconds and "
			 "max_adjacency 4..%u", CEN__GRAPH_MAX_ADJ_LIMIT);
		rc = CEN_EINVAL;
		goto out;
	}
	if (r)
		cen_rules_check(r, "monitor", monitor_keys,
				sizeof monitor_keys / sizeof monitor_keys[0], cfg->diag);
	m->tolerance = (int64_t)tol;
	m->slots = m->ahead.depth && m->tolerance <= 0;
	if ((rc = cen__graph_init(&m->e.g, (uint32_t)maxadj)))
		goto out;
	if (cfg->accounts) {
		if (cfg->lookup || (rc = take_accounts(m, cfg->accounts))) {
			snprintf(m->errmsg, sizeof m->errmsg, "monitor: %s",
				 cfg->lookup ? "an accounts table or a lookup hook, not both"
					     : "cannot take the accounts table");
			rc = rc ? rc : CEN_EINVAL;
			goto out;
		}
	} else if (cfg->expected_accounts) {
		/* Room for the accounts announced (accounts the file does not
		 * list grow the tables as before); a wild hint is capped. */
		size_t n = cfg->expected_accounts < ((size_t)1 << 26) ? cfg->expected_accounts
								       : (size_t)1 << 26;
		if ((rc = cen__graph_reserve(&m->e.g, n)))
			goto out;
	}
	m->ndets = cen__registry_count < 64 ? cen__registry_count : 64;
	m->window = 1;
	for (size_t i = 0; i < m->ndets; i++) {
		if (!cen_rules_enabled(r, cen__registry[i]->name))
			continue;
		if ((rc = make_det(m, cen__registry[i], &m->dets[i])))
			goto out;
		if (m->dets[i]->window > m->window)
			m->window = m->dets[i]->window;
	}
	if (cfg->features) {
		if ((rc = make_det(m, &cen__det_features, &m->features)))
			goto out;
		cen__features_set_sink(m->features, cfg->features, cfg->features_ctx);
		if (m->features->window > m->window)
			m->window = m->features->window;
	}
	for (size_t i = 0; i <= m->ndets; i++) {
		cen__det *d = i < m->ndets ? m->dets[i] : m->features;
		if (!d)
			continue;
		if (d->ops->on_advance)
			m->advance_dets[m->n_advance++] = d;
		for (unsigned ch = 0; ch < CEN_CH__COUNT; ch++) {
			if (!(d->channels & (1u << ch)))
				continue;
			uint64_t bit = 1ULL << (i < m->ndets ? i : EDGE_FEATURES);
			if (d->ops->on_edge)
				m->edge_mask[0][ch] |= bit;
			if (d->ops->on_edge && !d->ops->skip_self)
				m->edge_mask[1][ch] |= bit;
			if (d->ops->prefetch) {
				m->prefetch_dets[ch][m->n_prefetch[ch]++] =
					(struct prefetch_hook){d->ops->prefetch, d};
				m->prefetch_chans |= 1u << ch;
			}
		}
	}
	if (r) {
		const char *known[64 + 3];
		size_t nk = 0;
		for (size_t i = 0; i < m->ndets; i++)
			known[nk++] = cen__registry[i]->name;
		known[nk++] = "monitor";
		known[nk++] = "features";
		cen_rules_check_tables(r, known, nk, cfg->diag);
	}
out:
	if (rc) {
		if (errbuf && errlen)
			snprintf(errbuf, errlen, "%s", m->errmsg[0] ? m->errmsg : cen_strerror(rc));
		cen_monitor_free(m);
		return rc;
	}
	*out = m;
	return 0;
}

_Static_assert(CEN_CH__COUNT <= 32, "a channel is a bit of cen__det.channels");
_Static_assert(CEN__REGISTRY_COUNT < EDGE_FEATURES, "a registry index is a bit of edge_mask");

/* The list index of a record's channel: one out of range (only a library
 * caller can pass one) counts as unknown. */
static inline unsigned channel_of(const cen_txn *t)
{
	return (unsigned)t->channel < CEN_CH__COUNT ? (unsigned)t->channel : CEN_CH_UNKNOWN;
}

/* Detector i's on_edge for x when mask has its bit. */
static inline __attribute__((always_inline)) int edge_one(cen_monitor *m, uint64_t mask, size_t i,
							   const cen__edge_ctx *x)
{
	if (i >= CEN__REGISTRY_COUNT || !(mask >> i & 1))
		return 0;
	return cen__registry[i]->on_edge(m->dets[i], x);
}

_Static_assert(CEN__REGISTRY_COUNT <= 16, "edge_all calls edge_one for indices 0..15");

/* Every enabled detector's on_edge for edge seq (record t, src -> dst)
 * that takes its channel (and, when src is dst, does not skip those), in
 * registry order, the features last. Written
 * out a call per registry index, not as a loop over a list: each call
 * site has one target, which the link-time build calls directly and
 * inlines, and the gates then share the edge and its vertex lines (x, in
 * registers) instead of each loading them again. */
static inline __attribute__((always_inline)) int edge_all(cen_monitor *m, uint64_t seq,
							   const cen_txn *t, uint32_t src,
							   uint32_t dst, int64_t amount)
{
	const cen__graph *g = &m->e.g;
	const cen__edge_ctx x = {
		.e = cen__graph_edge_newest(g, seq), .t = t, .seq = seq, .amount = amount,
		.src = src, .dst = dst, .vs = &g->v[src], .vd = &g->v[dst],
	};
	uint64_t mask = m->edge_mask[src == dst][channel_of(t)];
	int rc;
	if ((rc = edge_one(m, mask, 0, &x)) || (rc = edge_one(m, mask, 1, &x)) ||
	    (rc = edge_one(m, mask, 2, &x)) || (rc = edge_one(m, mask, 3, &x)) ||
	    (rc = edge_one(m, mask, 4, &x)) || (rc = edge_one(m, mask, 5, &x)) ||
	    (rc = edge_one(m, mask, 6, &x)) || (rc = edge_one(m, mask, 7, &x)) ||
	    (rc = edge_one(m, mask, 8, &x)) || (rc = edge_one(m, mask, 9, &x)) ||
	    (rc = edge_one(m, mask, 10, &x)) || (rc = edge_one(m, mask, 11, &x)) ||
	    (rc = edge_one(m, mask, 12, &x)) || (rc = edge_one(m, mask, 13, &x)) ||
	    (rc = edge_one(m, mask, 14, &x)) || (rc = edge_one(m, mask, 15, &x)))
		return rc;
	if (mask >> EDGE_FEATURES & 1)
		return cen__det_features.on_edge(m->features, &x);
	return 0;
}

/* advance_all when some detector is due. */
static int advance_due(cen_monitor *m, int64_t clock)
{
	int64_t next = INT64_MAX;
	for (size_t i = 0; i < m->n_advance; i++) {
		cen__det *d = m->advance_dets[i];
		int rc = clock >= d->next_advance ? d->ops->on_advance(d, clock) : 0;
		if (rc)
			return rc;
		next = d->next_advance < next ? d->next_advance : next;
	}
	m->e.next_advance = next;
	return 0;
}

/* The clock moved to clock: on_advance of the detectors now due (none, in
 * the usual case: told inline). */
static inline int advance_all(cen_monitor *m, int64_t clock)
{
	return clock < m->e.next_advance ? 0 : advance_due(m, clock);
}

static int flush_all(cen_monitor *m)
{
	for (size_t i = 0; i <= m->ndets; i++) {
		cen__det *d = i < m->ndets ? m->dets[i] : m->features;
		int rc = d && d->ops->flush ? d->ops->flush(d) : 0;
		if (rc)
			return rc;
	}
	return 0;
}

/* New vertex id, whose name key the table does not hold as written: the
 * table's account when the name's normalised form is one. */
static __attribute__((noinline)) void table_respelt(cen__engine *e, const char *key, size_t len,
						     uint32_t id)
{
	char buf[CEN__ACCOUNTS_KEY_MAX];
	size_t n;
	const char *k = cen__accounts_key(buf, key, len, &n);
	if (!n || (k == key && n == len))
		return; /* already normal: not in the file */
	int64_t acct = cen__intern_get(&e->g.names, k, n);
	if (acct >= 0 && acct < (int64_t)e->naccounts)
		table_account(e, id, (size_t)acct);
}

static int vertex(cen_monitor *m, const char *key, size_t len, uint64_t h, uint32_t *id)
{
	int is_new, rc;
	if ((rc = cen__graph_vertex_h(&m->e.g, key, len, h, id, &is_new)))
		return rc;
	if (is_new && (rc = marks_room(&m->e)))
		return rc;
	if (is_new && m->e.accounts)
		table_respelt(&m->e, key, len, *id);
	if (is_new && m->cfg.lookup) {
		cen_monitor_account a;
		memset(&a, 0, sizeof a);
		if (m->cfg.lookup(m->cfg.lookup_ctx, key, len, &a) == 1) {
			cen__vertex *v = &m->e.g.v[*id];
			v->kind = (uint8_t)a.kind;
			/* Owner and ZIP only matter to the cash detectors, which
			 * fetch them when they first resolve the account. */
			if (a.party_id.len || a.zip.len)
				owner_later(&m->e, *id, a.ref);
			if (a.country.len == 2)
				memcpy(v->country, a.country.ptr, 2);
		}
	}
	return 0;
}

static void track_memory(cen_monitor *m)
{
	uint64_t mem = cen__graph_memory(&m->e.g);
	if (mem > m->peak_mem)
		m->peak_mem = mem;
}

/* The vertex names of t, built in m->name (when no pipe did it). */
static int own_keys(cen_monitor *m, const cen_txn *t, cen__ahead_rec *k)
{
	cen_buf_reset(&m->name);
	int rc = cen_buf_reserve(&m->name, cen__vertex_keys_len(t));
	if (rc)
		return rc;
	cen__vertex_keys(k, m->name.data, t);
	return 0;
}

_Static_assert(offsetof(cen__ahead_rec, kd) == offsetof(cen__ahead_rec, ks) + sizeof(cen_slice),
	       "a record's names are cen__engine.newest_names[0] and [1]");

/* rec: t's vertex names (the pipe's copy of t, or process_now's). Inline
 * in the pipe's path, where every record goes: no call, no second frame. */
static inline __attribute__((always_inline)) int process(cen_monitor *m, const cen_txn *t,
							  int late, const cen__ahead_rec *rec)
{
	cen__engine *e = &m->e;
	int64_t ts = t->ts;
	int rc;
	if (!m->started) {
		m->started = 1;
		e->clock = ts;
	} else if (ts < e->clock) {
		ts = e->clock;
	} else if (ts > e->clock) {
		e->clock = ts;
		if ((rc = advance_all(m, ts)))
			return rc;
		cen__graph_evict(&e->g, ts - m->window);
	}
	/* An id the pipe found ahead is final: vertices are never removed. */
	uint32_t src = (uint32_t)rec->vs, dst = (uint32_t)rec->vd;
	if ((rec->vs < 0 && (rc = vertex(m, rec->ks.ptr, rec->ks.len, rec->hs, &src))) ||
	    (rec->vd < 0 && (rc = vertex(m, rec->kd.ptr, rec->kd.len, rec->hd, &dst))))
		return rc;
	if (e->accounts) {
		cen__vmark_set(e, src, CEN__VMARK_NAMED);
		cen__vmark_set(e, dst, CEN__VMARK_NAMED);
	}
	cen__graph_prefetch_evict(&e->g, 16);
	int64_t amount = t->base_amount ? t->base_amount : t->amount;
	uint64_t seq;
	if ((rc = cen__graph_add(&e->g, t, src, dst, ts, amount, &seq)))
		return rc;
	if (late)
		cen__graph_edge_w(&e->g, seq)->flags |= CEN__EDGE_LATE;
	if ((m->txns & 0xffff) == 0)
		track_memory(m);
	e->newest_names = &rec->ks;
	return edge_all(m, seq, t, src, dst, amount);
}

/* t at once, without a pipe: its vertex names built here. */
static __attribute__((noinline)) int process_now(cen_monitor *m, const cen_txn *t, int late)
{
	cen__ahead_rec own;
	int rc = own_keys(m, t, &own);
	return rc ? rc : process(m, t, late, &own);
}

/* Processes the oldest record of the pipe. */
static inline __attribute__((always_inline)) int process_oldest(cen_monitor *m)
{
	cen__ahead_rec *r = cen__ahead_oldest(&m->ahead);
	int rc = process(m, &r->h.t, r->late, r);
	cen__ahead_pop(&m->ahead);
	return rc;
}

/* The detectors' prefetch hooks, pass `pass`, for the pipe's record s
 * (NULL: none). Most records' channels have no hook (the cash channels
 * do): one bit tells. */
static inline __attribute__((always_inline)) void prefetch_hooks(cen_monitor *m,
								 const cen__ahead_rec *s, int pass)
{
	if (!s)
		return;
	unsigned ch = channel_of(&s->h.t);
	if (!(m->prefetch_chans >> ch & 1))
		return;
	const struct prefetch_hook *h = m->prefetch_dets[ch], *end = h + m->n_prefetch[ch];
	for (; h < end; h++)
		h->prefetch(h->d, &s->h.t, (uint32_t)s->vs, (uint32_t)s->vd, pass);
}

/* The marks' line of each account of the pipe's record s (NULL: none):
 * process() writes the named mark there and blocked_counterparty reads
 * its clean mark, and unhinted it was a miss a record (perf: 8.5% of the
 * engine's samples), as the vertex lines were. Given with what the add
 * will read, a sixth of the depth before the detectors' first hooks. */
static inline __attribute__((always_inline)) void hint_marks(const cen_monitor *m,
							     const cen__ahead_rec *s)
{
	if (!s)
		return;
	cen__prefetch(cen__vmark_word(&m->e, (uint32_t)s->vs, CEN__VMARK_NAMED));
	cen__prefetch(cen__vmark_word(&m->e, (uint32_t)s->vd, CEN__VMARK_NAMED));
}

/* The next record in time order into the pipe (a depth is set), the
 * oldest processed first when the pipe is full. */
static inline __attribute__((always_inline)) int feed_pipe(cen_monitor *m, const cen_txn *t,
							   int late, int kept)
{
	int rc;
	if (m->ahead.n == m->ahead.depth && (rc = process_oldest(m)))
		return rc;
	const cen__ahead_rec *staged[2];
	if ((rc = cen__ahead_push_inline(&m->ahead, &m->e.g, t, late, kept, staged)))
		return rc;
	hint_marks(m, staged[0]);
	prefetch_hooks(m, staged[0], 0);
	prefetch_hooks(m, staged[1], 1);
	return 0;
}

/* The next record in time order: into the pipe, or processed at once. */
static inline __attribute__((always_inline)) int feed(cen_monitor *m, const cen_txn *t, int late,
						      int kept)
{
	if (t->ts > m->front)
		m->front = t->ts;
	if (!m->ahead.depth)
		return process_now(m, t, late);
	return feed_pipe(m, t, late, kept);
}

static __attribute__((noinline)) int drain(cen_monitor *m)
{
	int rc = 0;
	while (!rc && m->ahead.n)
		rc = process_oldest(m);
	return rc;
}

static int release_ready(cen_monitor *m, int all)
{
	const cen_txn *h;
	while ((h = cen__reorder_peek(&m->ro)) && (all || h->ts <= m->max_ts - m->tolerance)) {
		int rc = feed(m, h, 0, 0);
		cen__reorder_pop(&m->ro);
		if (rc)
			return rc;
	}
	return 0;
}

/* The record's failure ends the run: every later call returns rc. */
static int fail(cen_monitor *m, int rc)
{
	m->failed = rc;
	m->slots = 0;
	return rc;
}

/* t is older than the clock will be: reported; it is processed at the
 * clock. */
static __attribute__((noinline, cold)) void report_late(cen_monitor *m, const cen_txn *t,
							 uint64_t line)
{
	m->late++;
	char id[24];
	int idlen = t->id.len > 200 ? 200 : (int)t->id.len;
	const char *ids = t->id.ptr;
	if (!idlen) {
		idlen = snprintf(id, sizeof id, "%llu", (unsigned long long)t->row);
		ids = id;
	}
	cen_diag_report(m->cfg.diag, 1, m->e.source, line, "timestamp",
			"transaction %.*s is %lld s older than the engine clock "
			"(reorder tolerance %lld s); processed at the clock",
			idlen, ids, (long long)(m->front - t->ts), (long long)m->tolerance);
}

/* t into the reorder buffer; those now due out of it. */
static int reorder(cen_monitor *m, const cen_txn *t)
{
	if (m->ro.n && t->ts < m->max_ts)
		m->reordered++;
	if (!m->ro.n && !m->started)
		m->max_ts = t->ts;
	else if (t->ts > m->max_ts)
		m->max_ts = t->ts;
	int rc = cen__reorder_push(&m->ro, t);
	return rc ? rc : release_ready(m, 0);
}

/* kept: t's text outlives the monitor's use of it (cen_monitor_push_kept).
 * Every case: failed or finished, late, reordered, without a pipe. */
static int push_any(cen_monitor *m, const cen_txn *t, uint64_t line, int kept)
{
	if (m->failed | m->finished)
		return m->failed ? m->failed : CEN_EINVAL;
	m->txns++;
	int late = t->ts < m->front, rc;
	if (late)
		report_late(m, t, line);
	if (!late && m->tolerance > 0)
		rc = reorder(m, t);
	else
		rc = feed(m, t, late, kept);
	return rc ? fail(m, rc) : 0;
}

/* push_any, inline in each entry point for the usual record, which goes
 * straight into the pipe (m->slots: a pipe, no reordering, neither failed
 * nor finished) and is not late: a record costs one call, and none of
 * push_any's tests but these two. */
static inline __attribute__((always_inline)) int push(cen_monitor *m, const cen_txn *t,
						      uint64_t line, int kept)
{
	if (!m->slots || t->ts < m->front) /* t is not read after finish */
		return push_any(m, t, line, kept);
	m->txns++;
	m->front = t->ts;
	int rc = feed_pipe(m, t, 0, kept);
	return rc ? fail(m, rc) : 0;
}

cen_txn *cen_monitor_slot(cen_monitor *m)
{
	return m->slots ? cen__ahead_slot(&m->ahead) : NULL;
}

int cen_monitor_push_line(cen_monitor *m, const cen_txn *t, uint64_t line)
{
	return push(m, t, line, 0);
}

int cen_monitor_push_kept(cen_monitor *m, const cen_txn *t, uint64_t line)
{
	return push(m, t, line, 1);
}

int cen_monitor_push(cen_monitor *m, const cen_txn *t)
{
	return cen_monitor_push_line(m, t, 0);
}

int cen_monitor_drain(cen_monitor *m)
{
	if (m->failed)
		return m->failed;
	if (m->finished)
		return CEN_EINVAL;
	int rc = drain(m);
	return rc ? fail(m, rc) : 0;
}

int cen_monitor_finish(cen_monitor *m)
{
	if (m->failed)
		return m->failed;
	if (m->finished)
		return CEN_EINVAL;
	m->finished = 1;
	m->slots = 0;
	int rc = release_ready(m, 1);
	if (!rc)
		rc = drain(m);
	if (!rc)
		rc = flush_all(m);
	track_memory(m);
	return rc ? fail(m, rc) : 0;
}

void cen_monitor_get_stats(const cen_monitor *m, cen_monitor_stats *st)
{
	memset(st, 0, sizeof *st);
	st->txns = m->txns;
	st->late = m->late;
	st->reordered = m->reordered;
	st->alerts = m->e.alerts;
	for (size_t i = 0; i < m->ndets; i++)
		if (m->dets[i])
			st->suppressed += m->dets[i]->suppressed;
	st->adj_overflow = m->e.g.adj_overflow;
	st->search_truncated = m->e.search_truncated;
	st->accounts = m->e.accounts ? 0 : m->e.g.nv; /* with a table, those named */
	for (size_t i = CEN__VMARK_NAMED; m->e.accounts && i < m->e.marks_words; i += 2)
		st->accounts += (uint64_t)__builtin_popcountll(m->e.marks[i]);
	st->window_edges = m->e.g.head - m->e.g.tail;
	st->peak_window_edges = m->e.g.peak_edges;
	st->memory_bytes = cen__graph_memory(&m->e.g);
	st->peak_memory_bytes = m->peak_mem > st->memory_bytes ? m->peak_mem : st->memory_bytes;
	st->window = m->window;
}

size_t cen_monitor_typology_count(const cen_monitor *m)
{
	return m->ndets;
}

const char *cen_monitor_typology_name(const cen_monitor *m, size_t i)
{
	return i < m->ndets ? cen__registry[i]->name : "";
}

uint64_t cen_monitor_typology_alerts(const cen_monitor *m, size_t i)
{
	return i < m->ndets && m->dets[i] ? m->dets[i]->alerts : 0;
}

int cen_monitor_typology_enabled(const cen_monitor *m, size_t i)
{
	return i < m->ndets && m->dets[i] != NULL;
}

const char *const *cen_monitor_feature_names(const cen_monitor *m, size_t *n)
{
	if (!m->features) {
		*n = 0;
		return NULL;
	}
	return cen__features_names(m->features, n);
}

const char *cen_monitor_errmsg(const cen_monitor *m)
{
	return m->errmsg;
}

void cen_monitor_free(cen_monitor *m)
{
	if (!m)
		return;
	for (size_t i = 0; i < m->ndets; i++)
		free_det(m->dets[i]);
	free_det(m->features);
	cen__reorder_release(&m->ro);
	cen__ahead_release(&m->ahead);
	cen__graph_release(&m->e.g);
	cen_buf_release(&m->ab.explanation);
	cen_buf_release(&m->ab.evidence);
	cen_buf_release(&m->ab.evwrap);
	cen__arena_release(&m->ab.scratch);
	cen_buf_release(&m->name);
	cen_free(m->e.marks);
	cen_free(m);
}
