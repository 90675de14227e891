/* det_pass_through.c - the `pass_through` detector: funds that arrive in an
 * account and leave it again at nearly the same amount within hours.
 *
 * On each outgoing edge of v, look back over v's incoming edges of the last
 * max_delay seconds (at most 32): an incoming amount A matches when the
 * outgoing amounts since it (at most 16 edges, to anyone but the sender)
 * add up to between (1 - tolerance) A (a fee may be kept) and A (+0.5%:
 * a conduit does not add money of its own). Conduits have few
 * counterparties: an account with more than max_counterparties in either
 * direction is looked at only for incoming sums of busy_min_amount or more,
 * and then its outgoing transfers under 5% of the sum (its everyday
 * spending) are left out; accounts marked as hubs are skipped: a payment
 * processor moves money in and out all day. One alert per account per
 * cooldown.
 *
 * match = "single" compares each outgoing transfer on its own with the
 * incoming ones before it: a transfer of A in and one of A out to someone
 * else, whatever else the account paid meanwhile. It suits simulated data
 * whose accounts relay exact amounts among their everyday payments
 * (AMLSim), with a tight tolerance and max_added.
 *
 * What must hold: O(1) for edges below min_amount or from busy accounts;
 * otherwise at most 32 x 16 ring entries looked at.
 */
#include <math.h>
#include <string.h>
#include <stdio.h>

#include "detect/det_util.h"
#include "core/banned.h"

#define PT_MAX_IN 32
#define PT_MAX_OUT 16
#define PIECE 0.05 /* a busy account's transfer smaller than this share of A is not part of it */

typedef struct pt_det {
	cen__det base;
	int64_t max_delay, cooldown;
	double tolerance, max_added, min_amount, busy_min_amount;
	uint32_t max_cp;
	int single; /* match = "single" */
	cen__vtimes last;
} pt_det;

static const cen_rules_key keys[] = {
	{"max_delay", CEN_RULES_NUMBER},  {"cooldown", CEN_RULES_NUMBER},
	{"tolerance", CEN_RULES_NUMBER},  {"min_amount", CEN_RULES_NUMBER},
	{"max_counterparties", CEN_RULES_INT}, {"busy_min_amount", CEN_RULES_NUMBER},
	{"max_added", CEN_RULES_NUMBER},  {"match", CEN_RULES_STRING},
};

static int init(cen__det *d, const cen_rules *r, char *err, size_t errlen)
{
	pt_det *p = (pt_det *)d;
	const char *t = d->ops->name;
	p->max_delay = (int64_t)cen_rules_get_double(r, t, "max_delay", 24 * 3600.0);
	p->cooldown = (int64_t)cen_rules_get_double(r, t, "cooldown", 86400.0);
	p->tolerance = cen_rules_get_double(r, t, "tolerance", 0.05);
	p->min_amount = cen_rules_get_double(r, t, "min_amount", 1000);
	p->busy_min_amount = cen_rules_get_double(r, t, "busy_min_amount", 25000);
	int64_t mc = cen_rules_get_int(r, t, "max_counterparties", 10);
	p->max_added = cen_rules_get_double(r, t, "max_added", 0.005);
	const char *match = cen_rules_get_string(r, t, "match", "sum");
	p->single = strcmp(match, "single") == 0;
	if (p->max_delay <= 0 || p->tolerance < 0 || p->tolerance >= 1 || mc < 1 ||
	    p->busy_min_amount < 0 || !(p->max_added >= 0) ||
	    (!p->single && strcmp(match, "sum") != 0)) {
		snprintf(err, errlen, "max_delay must be > 0, tolerance in [0, 1), "
			 "max_counterparties >= 1, busy_min_amount >= 0, max_added >= 0, "
			 "match \"sum\" or \"single\"");
		return CEN_EINVAL;
	}
	p->max_cp = (uint32_t)mc;
	d->window = p->max_delay;
	return 0;
}

static void release(cen__det *d)
{
	cen__vtimes_release(&((pt_det *)d)->last);
}

static int on_edge(cen__det *d, uint64_t seq, const cen_txn *t)
{
	(void)t;
	pt_det *p = (pt_det *)d;
	cen__engine *e = d->eng;
	const cen__graph *g = &e->g;
	const cen__edge *out = cen__graph_edge(g, seq);
	uint32_t v = out->src;
	const cen__vertex *vx = &g->v[v];
	/* A busy account (a shop, a firm) is looked at only for large sums:
	 * then its everyday transfers are left out of the sums. */
	int busy = vx->fan_in > p->max_cp || vx->fan_out > p->max_cp;
	double min_in = busy ? p->busy_min_amount : p->min_amount;
	/* the smallest outgoing transfer that can be (a piece of) a pass-through */
	double min_out = busy ? min_in * PIECE : min_in * (1 - p->tolerance);
	if (cen__dollars(out->amount) < min_out || !vx->deg_in || out->src == out->dst ||
	    cen__is_hub(g, v))
		return 0;
	int64_t tmin = cen__edge_ts(g, out) - p->max_delay;
	const cen__ring *rin = &vx->in, *rout = &vx->out;
	uint32_t looked = 0;
	for (uint32_t i = rin->len; i-- > 0 && looked < PT_MAX_IN; looked++) {
		const cen__adj *in = cen__ring_adj(rin, i);
		if (cen__adj_ts(g, in) < tmin)
			break;
		uint64_t is = cen__adj_seq(g, in);
		int64_t a_cents = cen__adj_amount(g, in);
		double a = cen__dollars(a_cents);
		if (a < min_in || in->other == v)
			continue;
		/* Outgoing since this incoming edge, not back to its sender
		 * (single: this outgoing edge alone). */
		double outsum = 0;
		uint32_t nout = 0;
		int back = 0;
		if (p->single) {
			back = out->dst == in->other;
			outsum = cen__dollars(out->amount);
			nout = 1;
		}
		for (uint32_t j = rout->len; !p->single && j-- > 0 && nout < PT_MAX_OUT;) {
			const cen__adj *o = cen__ring_adj(rout, j);
			uint64_t os = cen__adj_seq(g, o);
			if (os <= is)
				break;
			if (o->other == in->other) {
				back = 1;
				break;
			}
			int64_t o_cents = cen__adj_amount(g, o);
			if (busy && (double)o_cents < PIECE * (double)a_cents)
				continue; /* its everyday spending, not a piece of A */
			outsum += cen__dollars(o_cents);
			nout++;
		}
		/* A conduit keeps a fee at most; it does not add money. */
		if (back || nout == 0 || outsum < (1 - p->tolerance) * a ||
		    outsum > (1 + p->max_added) * a)
			continue;
		int64_t lastt = cen__vtimes_get(&p->last, v);
		if (lastt != INT64_MIN && e->clock - lastt < p->cooldown) {
			cen__det_suppressed(d);
			return 0;
		}
		if (cen__vtimes_set(&p->last, v, e->clock))
			return CEN_ENOMEM;
		int64_t delay = cen__edge_ts(g, out) - cen__adj_ts(g, in);
		double closeness = p->tolerance > 0 ? 1.0 - fabs(outsum - a) / (a * p->tolerance) : 1.0;
		double score = 0.6 + 0.2 * closeness +
			       0.2 * (1.0 - (double)delay / (double)(p->max_delay + 1));
		if (score > 1)
			score = 1;
		cen__alert_b *b = cen__alert_begin(d, score);
		cen__alert_account(b, in->other);
		cen__alert_account(b, v);
		cen__alert_edge(b, is);
		uint32_t k = 0;
		for (uint32_t j = rout->len; j-- > 0 && k < nout; k++) {
			const cen__adj *o = cen__ring_adj(rout, j);
			cen__alert_account(b, o->other);
			cen__alert_edge(b, cen__adj_seq(g, o));
		}
		char m1[48], m2[48], dur[48];
		cen__fmt_money(m1, sizeof m1, a);
		cen__fmt_money(m2, sizeof m2, outsum);
		cen__duration(dur, sizeof dur, delay);
		cen__alert_explain(b, "%s received %s and sent %s (%.1f%% of it) on to %u "
				   "other account%s within %s.", cen__graph_vname(g, v), m1, m2,
				   100.0 * outsum / a, nout, nout == 1 ? "" : "s", dur);
		if (cen_buf_printf(cen__alert_evidence(b),
				   "\"amount_in\":%.2f,\"amount_out\":%.2f,\"outgoing\":%u,"
				   "\"seconds\":%lld", a, outsum, nout, (long long)delay))
			return CEN_ENOMEM;
		return cen__alert_emit(b);
	}
	return 0;
}

const cen__det_ops cen__det_pass_through = {
	.name = "pass_through",
	.size = sizeof(pt_det),
	.init = init,
	.on_edge = on_edge,
	.release = release,
	.keys = keys,
	.nkeys = sizeof keys / sizeof keys[0],
};
