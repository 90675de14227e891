/* det_scatter_gather.c - the `scatter_gather` detector: one account sends
 * to several intermediaries which all pass the money on to one common
 * destination (s -> {m1..mk} -> d) within the window.
 *
 * Checked on a gather edge m -> d that is new for the pair, when m looks
 * like a mule (few counterparties each way) and relays what a recent sender
 * paid it (the edge's new-pair mark first): for each such s,
 * the other recipients m' of s that also pay d (pair table, O(1) each) are
 * the other intermediaries. An intermediary counts only if it passed on
 * most of what it got (what it paid d over what s paid it between
 * min_passed and 1.05): a salary spent at a shop is not a relay. Width =
 * number of intermediaries, alert at min_width or more, once per (s, d) per
 * cooldown.
 *
 * What must hold: at most MAX_SRC x MAX_FAN pair lookups per edge; only
 * accounts with few counterparties count as intermediaries, so a merchant
 * paid by many does not make every customer look like a scatter source.
 */
#include <stdio.h>

#include "detect/det_util.h"
#include "core/banned.h"

#define MAX_SRC 4
#define MAX_FAN 64

typedef struct sg_det {
	cen__det base;
	int64_t window, cooldown;
	uint32_t min_width, mule_max;
	double min_passed;
	cen__seen seen;
} sg_det;

static const cen_rules_key keys[] = {
	{"window", CEN_RULES_NUMBER}, {"cooldown", CEN_RULES_NUMBER},
	{"min_width", CEN_RULES_INT}, {"max_intermediary_counterparties", CEN_RULES_INT},
	{"min_passed", CEN_RULES_NUMBER},
};

static int init(cen__det *d, const cen_rules *r, char *err, size_t errlen)
{
	sg_det *s = (sg_det *)d;
	const char *t = d->ops->name;
	s->window = (int64_t)cen_rules_get_double(r, t, "window", 3 * 86400.0);
	s->cooldown = (int64_t)cen_rules_get_double(r, t, "cooldown", (double)s->window);
	int64_t w = cen_rules_get_int(r, t, "min_width", 3);
	int64_t mm = cen_rules_get_int(r, t, "max_intermediary_counterparties", 30);
	s->min_passed = cen_rules_get_double(r, t, "min_passed", 0.8);
	if (s->window <= 0 || w < 2 || w > MAX_FAN || mm < 1) {
		snprintf(err, errlen, "window must be > 0, min_width 2..%d, "
			 "max_intermediary_counterparties >= 1", MAX_FAN);
		return CEN_EINVAL;
	}
	s->min_width = (uint32_t)w;
	s->mule_max = (uint32_t)mm;
	d->window = s->window;
	return cen__seen_init(&s->seen, s->cooldown);
}

static void release(cen__det *d)
{
	cen__seen_release(&((sg_det *)d)->seen);
}

/* Sum of live edges a -> b with ts >= tmin (scans a's out ring). */
static double flow(const cen__graph *g, uint32_t a, uint32_t b, int64_t tmin)
{
	const cen__ring *r = &g->v[a].out;
	double sum = 0;
	cen__ring_rev it = cen__ring_rev_from(r, r->len);
	for (uint32_t k = r->len; k-- > 0;) {
		const cen__adj *x = cen__ring_rev_next(&it);
		if (cen__adj_ts(g, x) < tmin)
			break;
		if (x->other == b)
			sum += cen__dollars(cen__adj_amount(g, x));
	}
	return sum;
}

/* The recent senders of m (at most MAX_SRC, among its newest 2 * MAX_SRC
 * payments in) whose payment the edge ge (m -> dst) relays now: its amount
 * within the pass-on band of theirs. Only they can be scatter sources: an
 * O(MAX_SRC) filter that stops ordinary spending before any pair lookup. */
static size_t relayed_senders(const sg_det *sg, const cen__graph *g, const cen__vertex *mv,
			      const cen__edge *ge, int64_t tmin, uint32_t *srcs)
{
	size_t ns = 0;
	double a_out = cen__dollars(cen__edge_amount(g, ge));
	uint32_t looked = 0;
	for (uint32_t i = mv->in.len; i-- > 0 && looked < 2 * MAX_SRC && ns < MAX_SRC; looked++) {
		const cen__adj *x = cen__ring_adj(&mv->in, i);
		if (cen__adj_ts(g, x) < tmin)
			break;
		if (x->other == ge->dst)
			continue;
		double a_in = cen__dollars(cen__adj_amount(g, x));
		if (a_out < sg->min_passed * a_in || a_out > 1.05 * a_in)
			continue;
		size_t k = 0;
		while (k < ns && srcs[k] != x->other)
			k++;
		if (k == ns)
			srcs[ns++] = x->other;
	}
	return ns;
}

/* The intermediaries of each of the ns senders srcs that m relays with
 * the gather edge ge (m -> dst) since tmin. Out of line, with the large
 * frame its scans need: most gather edges relay no sender. */
static __attribute__((noinline)) int gather_from(cen__det *d, const cen__edge *ge, int64_t tmin,
						 const uint32_t *srcs, size_t ns)
{
	sg_det *sg = (sg_det *)d;
	cen__engine *e = d->eng;
	const cen__graph *g = &e->g;
	uint32_t dst = ge->dst;
	for (size_t i = 0; i < ns; i++) {
		uint32_t s = srcs[i];
		if (cen__is_hub(g, s))
			continue;
		uint32_t outs[MAX_FAN], mids[MAX_FAN];
		size_t no = cen__neighbors(g, &g->v[s].out, tmin, 0, dst, outs,
					   MAX_FAN, 2 * MAX_FAN);
		size_t nm = 0;
		for (size_t j = 0; j < no; j++) {
			uint32_t x = outs[j];
			if (x == s || g->v[x].fan_in > sg->mule_max ||
			    g->v[x].fan_out > sg->mule_max || !cen__graph_pair_count(g, x, dst))
				continue;
			double got = flow(g, s, x, tmin), passed = flow(g, x, dst, tmin);
			if (got <= 0 || passed < sg->min_passed * got || passed > 1.05 * got)
				continue;
			mids[nm++] = x;
		}
		if (nm < sg->min_width)
			continue;
		uint64_t key = (uint64_t)s << 32 | dst;
		if (cen__seen_recent(&sg->seen, key, e->clock)) {
			cen__det_suppressed(d);
			return 0;
		}
		int rc = cen__seen_mark(&sg->seen, key, e->clock);
		if (rc)
			return rc;
		double out_total = 0, in_total = 0;
		double score = 0.6 + 0.1 * (double)(nm - sg->min_width + 1);
		cen__alert_b *b = cen__alert_begin(d, score > 1 ? 1 : score);
		cen__alert_account(b, s);
		for (size_t j = 0; j < nm; j++)
			cen__alert_account(b, mids[j]);
		cen__alert_account(b, dst);
		/* Evidence edges: s -> mid and mid -> dst in the window. */
		for (size_t j = 0; j < nm; j++) {
			const cen__ring *ro = &g->v[mids[j]].out, *ri = &g->v[mids[j]].in;
			for (uint32_t k = ri->len; k-- > 0;) {
				const cen__adj *x = cen__ring_adj(ri, k);
				if (cen__adj_ts(g, x) < tmin)
					break;
				if (x->other == s) {
					cen__alert_edge(b, cen__adj_seq(g, x));
					out_total += cen__dollars(cen__adj_amount(g, x));
				}
			}
			for (uint32_t k = ro->len; k-- > 0;) {
				const cen__adj *x = cen__ring_adj(ro, k);
				if (cen__adj_ts(g, x) < tmin)
					break;
				if (x->other == dst) {
					cen__alert_edge(b, cen__adj_seq(g, x));
					in_total += cen__dollars(cen__adj_amount(g, x));
				}
			}
		}
		char m1[48], m2[48];
		cen__fmt_money(m1, sizeof m1, out_total);
		cen__fmt_money(m2, sizeof m2, in_total);
		cen__alert_explain(b, "%s split %s across %zu intermediary accounts that "
				   "passed %s on to the same account %s.", cen__graph_vname(g, s),
				   m1, nm, m2, cen__graph_vname(g, dst));
		cen_buf *ev = cen__alert_evidence(b);
		int w = cen__alert_printf(ev, "\"width\":%zu,\"scattered\":%.2f,\"gathered\":%.2f,",
				       nm, out_total, in_total);
		w |= cen__json_accounts(ev, "intermediaries", g, mids, nm);
		if (w)
			return CEN_ENOMEM;
		return cen__alert_emit(b);
	}
	return 0;
}

/* The gather edge ge (m -> dst, a new pair) passed the gate of on_edge:
 * m's newest payments in, then the intermediaries of each sender it
 * relays. Out of line, so the gate saves no registers for it. */
static __attribute__((noinline)) int gather(cen__det *d, const cen__edge *ge)
{
	const sg_det *sg = (const sg_det *)d;
	const cen__engine *e = d->eng;
	int64_t tmin = e->clock - sg->window;
	uint32_t srcs[MAX_SRC];
	size_t ns = relayed_senders(sg, &e->g, &e->g.v[ge->src], ge, tmin, srcs);
	return ns ? gather_from(d, ge, tmin, srcs, ns) : 0;
}

static int on_edge(cen__det *d, const cen__edge_ctx *x)
{
	const sg_det *sg = (const sg_det *)d;
	const cen__graph *g = &d->eng->g;
	const cen__edge *ge = x->e;
	uint32_t dst = x->dst;
	const cen__vertex *mv = x->vs;
	/* The two vertex lines and the edge's mark only: a repeated payment,
	 * a bill paid to a utility (a hub) or a payment by an account with
	 * many counterparties stops here. */
	assert(x->src != dst); /* skip_self */
	if (x->vd->fan_in < sg->min_width || cen__is_hub(g, dst) ||
	    mv->fan_in == 0 || mv->fan_in > sg->mule_max || mv->fan_out > sg->mule_max ||
	    !(ge->flags & CEN__EDGE_NEW_PAIR))
		return 0;
	return gather(d, ge);
}

const cen__det_ops cen__det_scatter_gather = {
	.name = "scatter_gather",
	.size = sizeof(sg_det),
	.init = init,
	.on_edge = on_edge,
	.release = release,
	.keys = keys,
	.nkeys = sizeof keys / sizeof keys[0],
	.skip_self = true,
};
