/* det_pass_through.c - the `pass_through` detector: funds that arrive in an
 * account and leave it again at nearly the same amount within hours.
 *
 * On each outgoing edge of v, look back over v's incoming edges of the last
 * max_delay seconds (at most 32): an incoming amount A matches when the
 * outgoing amounts since it (at most 16 edges, to anyone but the sender)
 * add up to between (1 - tolerance) A (a fee may be kept) and A (+0.5%:
 * a conduit does not add money of its own). Conduits have few
 * counterparties: an account with more than max_counterparties in either
 * direction is looked at only for incoming sums of busy_min_amount or more;
 * accounts marked as hubs are skipped: a payment processor moves money in
 * and out all day. One alert per account per cooldown.
 *
 * What is passed on: only transfers to another account, not paid by card
 * and of at least 5% of A count towards the sum (card spending, a bill, a
 * deposit of the account's own are not pieces of A), and the alert lists
 * exactly those. What came in: money paid by a hub (a payroll processor)
 * or as one of a run of more than max_counterparties payments of its size
 * to other accounts (an employer's payroll) is the account's
 * income: paying it on is spending it, not relaying it. An account that
 * kept most of what it had received (since max_delay before, paid on less
 * than min_passed of what came in up to A) is not a conduit either: a
 * landlord who collected rents and paid its own, like one of them, is
 * spending its income. Both are checked only once a sum matches.
 *
 * match = "single" compares each outgoing transfer on its own with the
 * incoming ones before it: a transfer of A in and one of A out to someone
 * else, whatever else the account paid meanwhile. It suits simulated data
 * whose accounts relay exact amounts among their everyday payments
 * (AMLSim), with a tight tolerance and max_added.
 *
 * What must hold: card payments are not taken (d->channels); O(1) for
 * edges below min_amount or from busy accounts;
 * otherwise at most 32 x 256 ring entries looked at (32 x 16 but for the
 * small payments skipped), and per matching sum one read of the payer's
 * vertex and at most 2 x 256 entries of the account's rings.
 */
#include <math.h>
#include <string.h>
#include <stdio.h>

#include "detect/det_util.h"
#include "core/banned.h"

#define PT_MAX_IN 32
#define PT_MAX_OUT 16
#define PT_FLOW_SCAN 256 /* ring entries read to judge an account's flows */
#define PIECE 0.05 /* a transfer smaller than this share of A is not part of it */

typedef struct pt_det {
	cen__det base;
	int64_t max_delay, cooldown;
	double tolerance, max_added, min_amount, busy_min_amount, min_passed;
	/* The gate's smallest outgoing cents, of an account not busy [0] and
	 * of a busy one [1]: cen__cents_not_below of min_out's two values,
	 * found once (exact: the same comparison as in dollars). */
	int64_t min_out_cents[2];
	uint32_t max_cp;
	int single; /* match = "single" */
	cen__vtimes last;
} pt_det;

static const cen_rules_key keys[] = {
	{"max_delay", CEN_RULES_NUMBER},  {"cooldown", CEN_RULES_NUMBER},
	{"tolerance", CEN_RULES_NUMBER},  {"min_amount", CEN_RULES_NUMBER},
	{"max_counterparties", CEN_RULES_INT}, {"busy_min_amount", CEN_RULES_NUMBER},
	{"max_added", CEN_RULES_NUMBER},  {"match", CEN_RULES_STRING},
	{"min_passed", CEN_RULES_NUMBER},
};

/* The smallest incoming transfer looked at: a busy account (a shop, a
 * firm) is looked at only for large sums, and then its everyday transfers
 * are left out of the sums. */
static double min_in(const pt_det *p, int busy)
{
	return busy ? p->busy_min_amount : p->min_amount;
}

/* The smallest outgoing transfer that can be (a piece of) a pass-through. */
static double min_out(const pt_det *p, int busy)
{
	return busy ? min_in(p, busy) * PIECE : min_in(p, busy) * (1 - p->tolerance);
}

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
	p->min_passed = cen_rules_get_double(r, t, "min_passed", 0.5);
	const char *match = cen_rules_get_string(r, t, "match", "sum");
	p->single = strcmp(match, "single") == 0;
	if (p->max_delay <= 0 || p->tolerance < 0 || p->tolerance >= 1 || mc < 1 ||
	    p->busy_min_amount < 0 || !(p->max_added >= 0) ||
	    !(p->min_passed >= 0 && p->min_passed <= 1) ||
	    (!p->single && strcmp(match, "sum") != 0)) {
		snprintf(err, errlen, "max_delay must be > 0, tolerance in [0, 1), "
			 "max_counterparties >= 1, busy_min_amount >= 0, max_added >= 0, "
			 "min_passed in [0, 1], "
			 "match \"sum\" or \"single\"");
		return CEN_EINVAL;
	}
	p->max_cp = (uint32_t)mc;
	p->min_out_cents[0] = cen__cents_not_below(min_out(p, 0));
	p->min_out_cents[1] = cen__cents_not_below(min_out(p, 1));
	d->window = p->max_delay;
	/* A payment by card is never passed-on money (on_edge turns it away
	 * unread): the engine need not hand it over at all. */
	d->channels &= ~(1u << CEN_CH_CARD);
	return 0;
}

static void release(cen__det *d)
{
	cen__vtimes_release(&((pt_det *)d)->last);
}

/* Whether a transfer of a_cents from payer s to v at time ts is v's income
 * rather than money to relay: paid by a hub (a payroll processor, a
 * marketplace's payouts), or one of a run of payments of its size: s made
 * more than max_cp payments of at least half of it each to other accounts
 * within max_delay of it (an employer's payroll). A firm's one large payment
 * among its wages is not part of such a run. Reads s's vertex and at most
 * PT_FLOW_SCAN entries of its outgoing ring. */
static int is_income_from(const pt_det *p, const cen__graph *g, uint32_t s, uint32_t v,
			  int64_t ts, int64_t a_cents)
{
	const cen__vertex *sx = &g->v[s];
	if (cen__is_hub(g, s))
		return 1;
	if (sx->fan_out <= p->max_cp)
		return 0;
	uint32_t run = 0;
	cen__ring_rev it = cen__ring_rev_from(&sx->out, sx->out.len);
	for (uint32_t j = sx->out.len, seen = 0; j-- > 0 && seen < PT_FLOW_SCAN; seen++) {
		const cen__adj *o = cen__ring_rev_next(&it);
		int64_t ots = cen__adj_ts(g, o);
		if (ots < ts - p->max_delay)
			break;
		if (ots <= ts + p->max_delay && o->other != v && o->other != s &&
		    !cen__adj_card(o) && 2 * cen__adj_amount(g, o) >= a_cents && ++run > p->max_cp)
			return 1;
	}
	return 0;
}

/* An outgoing ring entry of v that can be a piece of an incoming amount of
 * a_cents: to another account, not paid by card, at least PIECE of it. */
static int is_piece(const cen__graph *g, const cen__adj *o, uint32_t v, int64_t a_cents)
{
	return o->other != v && !cen__adj_card(o) &&
	       (double)cen__adj_amount(g, o) >= PIECE * (double)a_cents;
}

/* The outgoing pieces of v since the incoming edge `is` from `from`
 * (newest first, at most PT_MAX_OUT of the last PT_FLOW_SCAN entries, the
 * newest being this outgoing edge):
 * their seqs into seqs, their total into *sum. Returns how many, or 0 when
 * v paid `from` back meanwhile (a refund or a loan repaid, not a relay). */
static uint32_t pieces_since(const cen__graph *g, const cen__ring *rout, uint32_t v,
			     uint64_t is, uint32_t from, int64_t a_cents, uint64_t *seqs,
			     double *sum)
{
	uint32_t n = 0;
	*sum = 0;
	cen__ring_rev it = cen__ring_rev_from(rout, rout->len);
	for (uint32_t j = rout->len, seen = 0; j-- > 0 && n < PT_MAX_OUT && seen < PT_FLOW_SCAN;
	     seen++) {
		const cen__adj *o = cen__ring_rev_next(&it);
		uint64_t os = cen__adj_seq(g, o);
		if (os <= is)
			break;
		if (o->other == from)
			return 0;
		if (!is_piece(g, o, v, a_cents))
			continue;
		*sum += cen__dollars(cen__adj_amount(g, o));
		seqs[n++] = os;
	}
	return n;
}

/* Total of the entries of ring r (at most PT_FLOW_SCAN, newest first) in
 * [tmin, tmax] that can be pieces of a_cents (another account, not card,
 * at least PIECE of it), in dollars. */
static double flow_between(const cen__graph *g, const cen__ring *r, uint32_t v, int64_t tmin,
			   int64_t tmax, int64_t a_cents)
{
	double sum = 0;
	cen__ring_rev it = cen__ring_rev_from(r, r->len);
	for (uint32_t j = r->len, seen = 0; j-- > 0 && seen < PT_FLOW_SCAN; seen++) {
		const cen__adj *x = cen__ring_rev_next(&it);
		int64_t ts = cen__adj_ts(g, x);
		if (ts < tmin)
			break;
		if (ts <= tmax && is_piece(g, x, v, a_cents))
			sum += cen__dollars(cen__adj_amount(g, x));
	}
	return sum;
}

/* Whether v behaves as a conduit: since max_delay before now it paid on at
 * least min_passed of what it had received up to the incoming transfer
 * matched (at time ts_in; transfers of the size of a piece of a_cents,
 * both ways). A landlord who collected rents and then paid its own, like
 * one of them, kept most of the money: that payment is spending its
 * income, not relaying one of the rents. Money that came after the one
 * matched is not counted: a conduit passing on two sums one after the
 * other has passed on the first when the first leaves. */
static int passes_most_on(const pt_det *p, const cen__graph *g, uint32_t v, int64_t now,
			  int64_t ts_in, int64_t a_cents)
{
	const cen__vertex *vx = &g->v[v];
	int64_t tmin = now - p->max_delay;
	double in = flow_between(g, &vx->in, v, tmin, ts_in, a_cents);
	double out = flow_between(g, &vx->out, v, tmin, now, a_cents);
	return out >= p->min_passed * in;
}

/* The edge out at seq (from v) passed the gate: the incoming transfers
 * of at least min_in dollars it (with v's other payments since) passes on.
 * Out of line, so the gate that turns nearly every edge away saves and
 * restores no registers for it. */
static __attribute__((noinline)) int look_back(pt_det *p, uint64_t seq, const cen__edge *out,
						double min_in)
{
	cen__det *d = &p->base;
	cen__engine *e = d->eng;
	const cen__graph *g = &e->g;
	uint32_t v = out->src;
	const cen__vertex *vx = &g->v[v];
	int64_t tmin = cen__edge_ts(g, out) - p->max_delay, out_cents = cen__edge_amount(g, out);
	const cen__ring *rin = &vx->in, *rout = &vx->out;
	uint32_t looked = 0;
	uint64_t seqs[PT_MAX_OUT];
	cen__ring_rev it = cen__ring_rev_from(rin, rin->len);
	for (uint32_t i = rin->len; i-- > 0 && looked < PT_MAX_IN; looked++) {
		const cen__adj *in = cen__ring_rev_next(&it);
		if (cen__adj_ts(g, in) < tmin)
			break;
		uint64_t is = cen__adj_seq(g, in);
		int64_t a_cents = cen__adj_amount(g, in);
		double a = cen__dollars(a_cents);
		if (a < min_in || in->other == v || (double)out_cents < PIECE * (double)a_cents)
			continue;
		/* Outgoing since this incoming edge, not back to its sender
		 * (single: this outgoing edge alone). */
		double outsum;
		uint32_t nout;
		if (p->single) {
			if (out->dst == in->other)
				continue;
			outsum = cen__dollars(out_cents);
			seqs[0] = seq;
			nout = 1;
		} else {
			nout = pieces_since(g, rout, v, is, in->other, a_cents, seqs, &outsum);
		}
		/* A conduit keeps a fee at most; it does not add money. */
		if (nout == 0 || outsum < (1 - p->tolerance) * a ||
		    outsum > (1 + p->max_added) * a || is_income_from(p, g, in->other, v, cen__adj_ts(g, in), a_cents) ||
		    (!p->single && !passes_most_on(p, g, v, e->clock, cen__adj_ts(g, in), a_cents)))
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
		for (uint32_t k = 0; k < nout; k++) {
			cen__alert_account(b, cen__graph_edge(g, seqs[k])->dst);
			cen__alert_edge(b, seqs[k]);
		}
		char m1[48], m2[48], dur[48];
		cen__fmt_money(m1, sizeof m1, a);
		cen__fmt_money(m2, sizeof m2, outsum);
		cen__duration(dur, sizeof dur, delay);
		cen__alert_explain(b, "%s received %s and sent %s (%.1f%% of it) on to %u "
				   "other account%s within %s.", cen__graph_vname(g, v), m1, m2,
				   100.0 * outsum / a, nout, nout == 1 ? "" : "s", dur);
		if (cen__alert_printf(cen__alert_evidence(b),
				   "\"amount_in\":%.2f,\"amount_out\":%.2f,\"outgoing\":%u,"
				   "\"seconds\":%lld", a, outsum, nout, (long long)delay))
			return CEN_ENOMEM;
		return cen__alert_emit(b);
	}
	return 0;
}

static int on_edge(cen__det *d, const cen__edge_ctx *x)
{
	pt_det *p = (pt_det *)d;
	const cen__graph *g = &d->eng->g;
	const cen__edge *out = x->e;
	uint32_t v = x->src;
	const cen__vertex *vx = x->vs;
	int busy = vx->fan_in > p->max_cp || vx->fan_out > p->max_cp;
	assert(v != x->dst); /* skip_self */
	if (x->amount < p->min_out_cents[busy] || !vx->deg_in ||
	    out->channel == CEN_CH_CARD || cen__is_hub(g, v))
		return 0;
	return look_back(p, x->seq, out, min_in(p, busy));
}

const cen__det_ops cen__det_pass_through = {
	.name = "pass_through",
	.size = sizeof(pt_det),
	.init = init,
	.on_edge = on_edge,
	.release = release,
	.keys = keys,
	.nkeys = sizeof keys / sizeof keys[0],
	.skip_self = true,
};
