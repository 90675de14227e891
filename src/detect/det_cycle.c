/* det_cycle.c - the `cycle` detector: money returning to where it started
 * through 2..max_length accounts within `window` seconds, each hop later
 * than the one before (src/graph/cycles.c does the bounded search from the
 * closing edge backwards).
 *
 * Against noise: each hop must carry about what the hop before it carried
 * (no more than hop_increase above it, no less than 1 / (1 + hop_ratio) of
 * it: layering skims fees, it does not add money), the amount that comes back must be at least min_returned of
 * what left, and a 2-cycle (A pays B, B pays A) must return at least
 * min_returned_2 of it (refunds and shared bills are common). The same set
 * of accounts is alerted once per cooldown; later cycles through it are
 * counted as suppressed.
 *
 * temporal = false drops the time order of the hops (the cycle must still
 * lie within the window): simulators such as AMLSim emit a cycle's
 * transfers at random steps.
 *
 * open_min_hops = N (0: off) also alerts an open chain (cycles.h): when an
 * edge closes no cycle, money that moved on through at least N hops, each
 * carrying about what the hop before it did, without coming back. That is
 * a cycle some of whose hops have not been made (in AMLSim's output about
 * half of the planted cycles' hops never happen), and layering through a
 * chain of accounts. The longest chain through the edge is alerted, with
 * "open":true in its evidence; the same accounts are alerted as a chain
 * once per cooldown, and again as a cycle if it closes.
 *
 * What must hold: one alert per edge at most; evidence lists the hops in
 * path order (in time order unless temporal = false).
 */
#include <stdio.h>
#include <string.h>

#include "detect/det_util.h"
#include "graph/cycles.h"
#include "core/banned.h"

typedef struct cycle_det {
	cen__det base;
	int64_t window, cooldown;
	uint32_t min_len, max_len;
	uint64_t budget;
	int unordered;
	uint32_t open_min;     /* open_min_hops; 0: open chains off */
	double hop_ratio, hop_increase, min_returned, min_returned_2, min_amount;
	cen__seen seen;
	cen__cycle_query tmpl; /* every search's query, but min_len and fn */
	cen__cycle_query cyc;  /* the cycle search's: tmpl, min_len, accept
				  (reused: a search resets what it reports) */
	/* the cycle (or open chain) found by the current search */
	uint64_t found[CEN__CYCLE_MAX_LEN + 1];
	size_t nfound;
} cycle_det;

static const cen_rules_key keys[] = {
	{"window", CEN_RULES_NUMBER},      {"cooldown", CEN_RULES_NUMBER},
	{"min_length", CEN_RULES_INT},     {"max_length", CEN_RULES_INT},
	{"search_budget", CEN_RULES_INT},  {"hop_ratio", CEN_RULES_NUMBER},
	{"min_returned", CEN_RULES_NUMBER}, {"min_returned_2", CEN_RULES_NUMBER},
	{"min_amount", CEN_RULES_NUMBER},  {"hop_increase", CEN_RULES_NUMBER},
	{"temporal", CEN_RULES_BOOL},      {"open_min_hops", CEN_RULES_INT},
};

static int accept(void *ctx, const uint64_t *edges, size_t n);

static int init(cen__det *d, const cen_rules *r, char *err, size_t errlen)
{
	cycle_det *c = (cycle_det *)d;
	const char *t = d->ops->name;
	c->window = (int64_t)cen_rules_get_double(r, t, "window", 7 * 86400.0);
	c->cooldown = (int64_t)cen_rules_get_double(r, t, "cooldown", (double)c->window);
	int64_t mn = cen_rules_get_int(r, t, "min_length", 2);
	int64_t mx = cen_rules_get_int(r, t, "max_length", 8);
	int64_t budget = cen_rules_get_int(r, t, "search_budget", 2000);
	c->hop_ratio = cen_rules_get_double(r, t, "hop_ratio", 0.25);
	c->hop_increase = cen_rules_get_double(r, t, "hop_increase", 0.05);
	c->unordered = !cen_rules_get_bool(r, t, "temporal", true);
	c->min_returned = cen_rules_get_double(r, t, "min_returned", 0.75);
	c->min_returned_2 = cen_rules_get_double(r, t, "min_returned_2", 0.9);
	c->min_amount = cen_rules_get_double(r, t, "min_amount", 0);
	int64_t open_min = cen_rules_get_int(r, t, "open_min_hops", 0);
	if (c->window <= 0 || mn < 2 || mx < mn || mx > CEN__CYCLE_MAX_LEN || budget < 1 ||
	    c->hop_ratio < 0 || (open_min && (open_min < 2 || open_min > mx))) {
		snprintf(err, errlen, "window must be > 0, 2 <= min_length <= max_length <= %d, "
			 "search_budget >= 1, hop_ratio >= 0, open_min_hops 0 or "
			 "2..max_length", CEN__CYCLE_MAX_LEN);
		return CEN_EINVAL;
	}
	c->open_min = (uint32_t)open_min;
	c->min_len = (uint32_t)mn;
	c->max_len = (uint32_t)mx;
	c->budget = (uint64_t)budget;
	d->window = c->window;
	cen__cycle_query *q = &c->tmpl;
	memset(q, 0, sizeof *q);
	q->max_len = c->max_len;
	q->window = c->window;
	q->budget = c->budget;
	q->hop_ratio = c->hop_ratio;
	q->hop_increase = c->hop_increase;
	q->unordered = c->unordered;
	q->prune = 1; /* accept() stops at the first cycle it takes */
	q->ctx = c;
	cen__cycle_query_band(q);
	c->cyc = *q;
	c->cyc.min_len = c->min_len;
	c->cyc.fn = accept;
	return cen__seen_init(&c->seen, c->cooldown);
}

static void release(cen__det *d)
{
	cen__seen_release(&((cycle_det *)d)->seen);
}

static int accept(void *ctx, const uint64_t *edges, size_t n)
{
	cycle_det *c = ctx;
	const cen__graph *g = &c->base.eng->g;
	double first = cen__dollars(cen__edge_amount(g, cen__graph_edge(g, edges[0])));
	double last = cen__dollars(cen__edge_amount(g, cen__graph_edge(g, edges[n - 1])));
	double need = n == 2 ? c->min_returned_2 : c->min_returned;
	if (first <= 0 || first < c->min_amount || last < need * first)
		return 0;
	memcpy(c->found, edges, n * sizeof *edges);
	c->nfound = n;
	return 1;
}

static int accept_open(void *ctx, const uint64_t *edges, size_t n)
{
	cycle_det *c = ctx;
	const cen__graph *g = &c->base.eng->g;
	double first = cen__dollars(cen__edge_amount(g, cen__graph_edge(g, edges[0])));
	if (first <= 0 || first < c->min_amount)
		return 0;
	memcpy(c->found, edges, n * sizeof *edges);
	c->nfound = n;
	return 1;
}

static int emit_open(cycle_det *c);

/* A search under the detector's rules, reporting to fn with c; clears what
 * the last search found. */
static inline void start_query(cycle_det *c, cen__cycle_query *q, uint32_t min_len,
			       cen__cycle_fn fn)
{
	*q = c->tmpl;
	q->min_len = min_len;
	q->fn = fn;
	c->nfound = 0;
}

/* Alerts the longest open chain through seq (the edge closed no cycle).
 * Out of line and cold: the default rules (open_min_hops = 0) never call
 * it, and on_edge runs on every edge. */
static __attribute__((noinline, cold)) int open_chain(cycle_det *c, uint64_t seq)
{
	cen__engine *e = c->base.eng;
	const cen__edge *ce = cen__graph_edge(&e->g, seq);
	if (ce->src == ce->dst ||
	    (!e->g.v[ce->dst].deg_out && !e->g.v[ce->src].deg_in))
		return 0;
	cen__cycle_query q;
	start_query(c, &q, c->open_min, accept_open);
	int rc = cen__graph_chains(&e->g, seq, &q);
	if (q.truncated)
		e->search_truncated++;
	return rc < 0 ? rc : emit_open(c);
}

/* The hops as a JSON array's elements and its closing bracket; nonzero
 * when the buffer could not grow. */
static int write_path(cen_buf *ev, const cen__graph *g, const uint64_t *hops, size_t n)
{
	int w = 0;
	for (size_t i = 0; i < n; i++) {
		const cen__edge *h = cen__graph_edge(g, hops[i]);
		char tmp[CEN__GRAPH_MAX_ID + 1];
		cen_slice id = cen__graph_edge_id(g, hops[i], tmp, sizeof tmp);
		w |= cen__alert_printf(ev, "%s{\"from\":", i ? "," : "");
		w |= cen_json_cstr(ev, cen__graph_vname(g, h->src));
		w |= cen_buf_puts(ev, ",\"to\":");
		w |= cen_json_cstr(ev, cen__graph_vname(g, h->dst));
		w |= cen__alert_printf(ev, ",\"amount\":%.2f,\"txn\":", cen__dollars(cen__edge_amount(g, h)));
		w |= cen_json_str(ev, id.ptr, id.len);
		w |= cen_buf_putc(ev, '}');
	}
	w |= cen_buf_putc(ev, ']');
	return w;
}

/* Searches for a cycle the edge at seq closes and alerts it (or, with
 * open_min_hops, the open chain through it). Out of line, so the gate in
 * on_edge, which turns half the edges away, saves no registers for it. */
static __attribute__((noinline)) int close_cycle(cycle_det *c, uint64_t seq)
{
	cen__det *d = &c->base;
	cen__engine *e = d->eng;
	const cen__graph *g = &e->g;
	const cen__edge *ce = cen__graph_edge(g, seq);
	c->nfound = 0;
	int rc = cen__graph_cycles(g, seq, &c->cyc);
	if (c->cyc.truncated)
		e->search_truncated++;
	if (rc < 0)
		return rc;
	if (!rc)
		c->nfound = 0; /* a cycle accept() took may be disowned (cycles.h) */
	if (!c->nfound) {
		if (!c->open_min)
			return 0;
		return open_chain(c, seq);
	}
	uint32_t verts[CEN__CYCLE_MAX_LEN + 1];
	for (size_t i = 0; i < c->nfound; i++)
		verts[i] = cen__graph_edge(g, c->found[i])->src;
	uint64_t key = cen__set_hash(verts, c->nfound);
	if (cen__seen_recent(&c->seen, key, e->clock)) {
		cen__det_suppressed(d);
		return 0;
	}
	if (cen__seen_mark(&c->seen, key, e->clock))
		return CEN_ENOMEM;
	const cen__edge *f = cen__graph_edge(g, c->found[0]);
	double out_amt = cen__dollars(cen__edge_amount(g, f)),
	       back = cen__dollars(cen__edge_amount(g, ce));
	int64_t span = cen__edge_ts(g, ce) - cen__edge_ts(g, f);
	/* Shorter, faster, fuller returns score higher. */
	double ret = out_amt > 0 ? back / out_amt : 0;
	double score = 0.5 + 0.25 * (ret > 1 ? 1 : ret) +
		       0.25 * (1.0 - (double)span / (double)(c->window + 1));
	cen__alert_b *b = cen__alert_begin(d, score);
	for (size_t i = 0; i < c->nfound; i++) {
		cen__alert_account(b, verts[i]);
		cen__alert_edge(b, c->found[i]);
	}
	char m1[48], m2[48], dur[48];
	cen__fmt_money(m1, sizeof m1, out_amt);
	cen__fmt_money(m2, sizeof m2, back);
	cen__duration(dur, sizeof dur, span);
	cen__alert_explain(b, "Funds of %s left %s and %s came back to it through %zu "
			   "accounts in %s%s.", m1, cen__graph_vname(g, verts[0]), m2,
			   c->nfound - 1, dur,
			   c->unordered ? "" : ", each transfer later than the one before");
	cen_buf *ev = cen__alert_evidence(b);
	int w = cen__alert_printf(ev, "\"hops\":%zu,\"amount_out\":%.2f,\"amount_back\":%.2f,"
			       "\"seconds\":%lld,\"path\":[", c->nfound, out_amt, back,
			       (long long)span);
	w |= write_path(ev, g, c->found, c->nfound);
	if (w)
		return CEN_ENOMEM;
	return cen__alert_emit(b);
}

static int on_edge(cen__det *d, const cen__edge_ctx *x)
{
	cycle_det *c = (cycle_det *)d;
	const cen__engine *e = d->eng;
	uint64_t seq = x->seq;
	/* The payer's few payments in, when none could be a cycle's hop
	 * before this one, end most searches before a query is set up (the
	 * pre-test is inline: on_edge makes no call but the last, and keeps
	 * no frame). */
	assert(x->src != x->dst); /* skip_self */
	if (!x->vd->deg_out || !x->vs->deg_in ||
	    cen__graph_cycles_none(&e->g, x->vs, seq, e->clock, x->amount, &c->tmpl))
		/* No cycle can close here; a chain may pass through. */
		return c->open_min ? open_chain(c, seq) : 0;
	return close_cycle(c, seq);
}

/* The open chain in found[0..nfound) (nothing when nfound is 0). */
static int emit_open(cycle_det *c)
{
	cen__det *d = &c->base;
	cen__engine *e = d->eng;
	const cen__graph *g = &e->g;
	size_t n = c->nfound;
	if (!n)
		return 0;
	uint32_t verts[CEN__CYCLE_MAX_LEN + 1];
	int64_t t0 = INT64_MAX, t1 = INT64_MIN;
	for (size_t i = 0; i < n; i++) {
		const cen__edge *h = cen__graph_edge(g, c->found[i]);
		verts[i] = h->src;
		int64_t ts = cen__edge_ts(g, h);
		t0 = ts < t0 ? ts : t0;
		t1 = ts > t1 ? ts : t1;
	}
	verts[n] = cen__graph_edge(g, c->found[n - 1])->dst;
	/* Apart from the cycles' keys: the cycle that closes over a chain's
	 * accounts is alerted too. */
	uint64_t key = cen__set_hash(verts, n + 1) ^ 0x9E3779B97F4A7C15u;
	if (cen__seen_recent(&c->seen, key, e->clock)) {
		cen__det_suppressed(d);
		return 0;
	}
	if (cen__seen_mark(&c->seen, key, e->clock))
		return CEN_ENOMEM;
	double first = cen__dollars(cen__edge_amount(g, cen__graph_edge(g, c->found[0])));
	double last = cen__dollars(cen__edge_amount(g, cen__graph_edge(g, c->found[n - 1])));
	int64_t span = t1 - t0;
	/* Below a closed cycle (from 0.69): longer, faster chains higher. */
	double len = (double)n / (double)c->max_len;
	double score = 0.4 + 0.15 * len + 0.15 * (1.0 - (double)span / (double)(c->window + 1));
	cen__alert_b *b = cen__alert_begin(d, score);
	for (size_t i = 0; i <= n; i++)
		cen__alert_account(b, verts[i]);
	for (size_t i = 0; i < n; i++)
		cen__alert_edge(b, c->found[i]);
	char m1[48], m2[48], dur[48];
	cen__fmt_money(m1, sizeof m1, first);
	cen__fmt_money(m2, sizeof m2, last);
	cen__duration(dur, sizeof dur, span);
	cen__alert_explain(b, "Funds of %s left %s and moved on through %zu account%s to %s "
			   "(%s on the last hop) in %s%s, without coming back to %s.",
			   m1, cen__graph_vname(g, verts[0]), n - 1, n == 2 ? "" : "s",
			   cen__graph_vname(g, verts[n]), m2, dur,
			   c->unordered ? "" : ", each transfer later than the one before",
			   cen__graph_vname(g, verts[0]));
	cen_buf *ev = cen__alert_evidence(b);
	int w = cen__alert_printf(ev, "\"open\":true,\"hops\":%zu,\"amount_out\":%.2f,"
			       "\"amount_last\":%.2f,\"seconds\":%lld,\"path\":[", n, first,
			       last, (long long)span);
	w |= write_path(ev, g, c->found, n);
	if (w)
		return CEN_ENOMEM;
	return cen__alert_emit(b);
}

const cen__det_ops cen__det_cycle = {
	.name = "cycle",
	.size = sizeof(cycle_det),
	.init = init,
	.on_edge = on_edge,
	.release = release,
	.keys = keys,
	.nkeys = sizeof keys / sizeof keys[0],
	.skip_self = true,
};
