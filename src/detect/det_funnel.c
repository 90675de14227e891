/* det_funnel.c - the `funnel` detector: an account that takes cash deposits
 * in many places and soon moves most of the money out, often abroad
 * (FinCEN advisory FIN-2014-A005 on funnel accounts).
 *
 * Per receiving account, two queues over the last window_days: cash
 * deposits into it (with their location: ZIP or branch) and debits out of
 * it (any channel but card purchases, at least min_out_amount, $1,000). Each debit is the moment the
 * pattern can become certain: when the not-yet-alerted deposits come from
 * at least min_locations distinct locations and total at least
 * min_cash_total, and the debits since the first of them, each made within
 * max_out_lag_days of the latest deposit before it, total at least
 * min_out_ratio of the cash, the detector alerts with all of them and marks
 * them, so a continuing funnel alerts again only on new money.
 *
 * Legitimate look-alikes: a payroll or marketplace hub (kind "hub" is left
 * out by default: exclude_kinds) takes electronic money, not cash; a cash
 * business deposits at its own branch (one location). A business account
 * that passes lowers the score; outflows abroad raise it.
 *
 * What must hold: queues are in time order; slot k's deposits are
 * qs[2k], its debits qs[2k+1] (ev.acct: the destination, dest_id); every
 * held id offset is live. Only accounts that took cash have a slot (an
 * id in accts): a debit's destination is named by its vref (the caller's
 * text, kept or in dests) or, without one, by its label's id in
 * dest_labels, marked DEST_TEXT.
 */
#include "detect/cash_det.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/banned.h"

typedef struct funnel {
	cen__cash_env env;
	int64_t window, lag, min_cash, min_out;
	int64_t min_locs;
	double min_ratio;
	char home[3];
	unsigned exclude; /* bit per CEN__OWNER_* kind */
	cen__intern locs, areas, countries;
	cen__recent recent_locs, recent_areas, recent_countries;
	cen__acct_ids accts; /* the accounts with queues (that took cash) */
	cen__numbered dests; /* debits' destinations with a vref: their texts */
	cen__intern dest_labels; /* those without one */
	cen__evq *qs; /* 2 per account: deposits (loc, aux = ZIP area), debits (aux = country) */
	size_t nq, capq;
	cen__pool evs; /* the queues' events */
	cen__idpool ids;
	int64_t clock, last_sweep;
	cen__alert_builder ab;
	uint32_t *scratch;
	size_t cap_scratch;
} funnel;

static const cen_rules_key keys[] = {
	{"window_days", CEN_RULES_NUMBER},   {"min_locations", CEN_RULES_INT},
	{"min_cash_total", CEN_RULES_NUMBER}, {"min_out_ratio", CEN_RULES_NUMBER},
	{"max_out_lag_days", CEN_RULES_NUMBER}, {"home_country", CEN_RULES_STRING},
	{"exclude_kinds", CEN_RULES_STRINGS}, {"min_out_amount", CEN_RULES_NUMBER},
};

static void fu_free(void *state)
{
	funnel *f = state;
	if (!f)
		return;
	cen_free(f->qs);
	cen__pool_release(&f->evs);
	cen__acct_ids_release(&f->accts);
	cen__numbered_release(&f->dests);
	cen__intern_release(&f->dest_labels);
	cen__intern_release(&f->locs);
	cen__intern_release(&f->areas);
	cen__intern_release(&f->countries);
	cen__idpool_release(&f->ids);
	cen__ab_release(&f->ab);
	cen_free(f->scratch);
	cen_free(f);
}

static int bad(const cen_rules *r, const cen__cash_env *env, const char *key, const char *what)
{
	cen_diag_report(env->diag, 2, cen_rules_name(r), cen_rules_line(r, "funnel", key), key,
			"[funnel] %s %s", key, what);
	return CEN_EINVAL;
}

static int fu_create(void **state, const cen_rules *r, const cen__cash_env *env)
{
	*state = NULL;
	funnel *f = cen_calloc(1, sizeof *f);
	if (!f)
		return CEN_ENOMEM;
	f->env = *env;
	cen__acct_ids_init(&f->accts);
	cen__numbered_keep(&f->dests, env->labels);
	cen__intern_init(&f->dest_labels);
	cen__intern_init(&f->locs);
	cen__intern_init(&f->areas);
	cen__intern_init(&f->countries);
	cen__idpool_init(&f->ids);
	cen__pool_init(&f->evs, sizeof(cen__ev));
	cen__ab_init(&f->ab, "funnel");
	f->clock = f->last_sweep = INT64_MIN;
	int rc = cen__cash_check(r, &cen__cash_funnel, env);
	if (!rc)
		rc = cen__rules_dollars(r, "funnel", "min_cash_total", 10000.0, &f->min_cash, env->diag);
	if (!rc)
		rc = cen__rules_dollars(r, "funnel", "min_out_amount", 1000.0, &f->min_out, env->diag);
	if (rc)
		goto out;
	double wd = cen_rules_get_double(r, "funnel", "window_days", 10.0);
	double lag = cen_rules_get_double(r, "funnel", "max_out_lag_days", 5.0);
	f->min_locs = cen_rules_get_int(r, "funnel", "min_locations", 4);
	f->min_ratio = cen_rules_get_double(r, "funnel", "min_out_ratio", 0.7);
	const char *home = cen_rules_get_string(r, "funnel", "home_country", "US");
	if (!(wd > 0 && wd <= 366))
		rc = bad(r, env, "window_days", "must be more than 0 and at most 366");
	else if (!(lag >= 0 && lag <= wd))
		rc = bad(r, env, "max_out_lag_days", "must be 0..window_days");
	else if (f->min_locs < 2 || f->min_locs > 10000)
		rc = bad(r, env, "min_locations", "must be 2..10000");
	else if (!(f->min_ratio > 0 && f->min_ratio <= 1.0))
		rc = bad(r, env, "min_out_ratio", "must be more than 0 and at most 1");
	else if (strlen(home) != 2)
		rc = bad(r, env, "home_country", "must be an ISO 3166 alpha-2 code");
	if (rc)
		goto out;
	/* Two queues per account kept (numbered by the caller): room for
	 * about every account. */
	if ((rc = cen__acct_ids_presize(&f->accts, env->accounts)) ||
	    (rc = cen__evqs_presize(&f->qs, &f->capq, 2 * env->accounts)))
		goto out;
	f->window = (int64_t)llround(wd * 86400.0);
	f->lag = (int64_t)llround(lag * 86400.0);
	f->home[0] = home[0];
	f->home[1] = home[1];
	const char *const *ex;
	size_t nex;
	if (!cen_rules_get_strings(r, "funnel", "exclude_kinds", &ex, &nex)) {
		f->exclude = 1u << CEN__OWNER_HUB;
	} else {
		static const char *const kinds[] = {"unknown", "person", "business", "msb", "hub"};
		for (size_t i = 0; i < nex; i++) {
			size_t k = 0;
			while (k < 5 && strcmp(ex[i], kinds[k]) != 0)
				k++;
			if (k == 5) {
				rc = bad(r, env, "exclude_kinds",
					 "holds unknown, person, business, msb or hub");
				goto out;
			}
			f->exclude |= 1u << k;
		}
	}
out:
	if (rc) {
		fu_free(f);
		return rc;
	}
	*state = f;
	return 0;
}

/* Distinct loc (area = 0) or ZIP-area (area = 1) ids of the open deposits. */
static long distinct(funnel *f, const cen__evq *q, int area)
{
	size_t n = q->n - q->head;
	if (n > f->cap_scratch) {
		uint32_t *x = cen_realloc(f->scratch, n * sizeof *x);
		if (!x)
			return CEN_ENOMEM;
		f->scratch = x;
		f->cap_scratch = n;
	}
	size_t m = 0;
	for (size_t k = q->head; k < q->n; k++) {
		uint32_t v = area ? q->ev[k].aux : q->ev[k].loc;
		if (!q->ev[k].alerted && v != UINT32_MAX)
			f->scratch[m++] = v;
	}
	return (long)cen__sort_unique_u32(f->scratch, m);
}

/* Whether the open deposits come from at least min distinct locations,
 * found without sorting them: most debits of an account with many deposits
 * are from one or two places, and the answer is no. A min beyond the few
 * kept here is left to distinct(). */
static bool reaches(const cen__evq *q, int64_t min)
{
	uint32_t seen[8];
	size_t m = 0;
	if (min > 8)
		return true;
	for (size_t k = q->head; k < q->n; k++) {
		uint32_t v = q->ev[k].loc;
		if (q->ev[k].alerted || v == UINT32_MAX)
			continue;
		size_t j = 0;
		while (j < m && seen[j] != v)
			j++;
		if (j < m)
			continue;
		if ((int64_t)++m >= min)
			return true;
		seen[j] = v;
	}
	return false;
}

static int slot(funnel *f, const cen__cash_acct *a, bool create, size_t *k)
{
	int64_t id = create ? cen__acct_ids_add(&f->accts, a) : cen__acct_ids_find(&f->accts, a);
	if (id < 0)
		return create ? (int)id : 0;
	int rc = cen__evqs_reserve(&f->qs, &f->nq, &f->capq, 2 * (size_t)id + 1);
	if (rc)
		return rc;
	*k = (size_t)id;
	return 1;
}

#define DEST_TEXT 0x80000000u

/* The debit's destination a, as an event's acct: vref - 1, or the id of
 * its label in dest_labels | DEST_TEXT. <0 on error. */
static int64_t dest_id(funnel *f, const cen__cash_acct *a)
{
	if (a->vref && a->vref <= DEST_TEXT)
		return cen__numbered_index(&f->dests, a->vref, a->label);
	int64_t id = cen__intern_put(&f->dest_labels, a->label, strlen(a->label));
	if (id >= (int64_t)DEST_TEXT - 1)
		return CEN_ELIMIT;
	return id < 0 ? id : (int64_t)((uint32_t)id | DEST_TEXT);
}

static const char *dest_label(const funnel *f, uint32_t id)
{
	return id & DEST_TEXT ? f->dest_labels.strs[id & ~DEST_TEXT]
			      : cen__numbered_text(&f->dests, id);
}

static int add_event(funnel *f, cen__evq *q, const cen_txn *t, uint32_t loc, uint32_t aux)
{
	cen__evq_evict(q, t->ts - f->window, &f->ids, &f->evs);
	cen__ev *e;
	int rc = cen__evq_push(q, &f->evs, t->ts, &e);
	if (rc)
		return rc;
	if ((rc = cen__ev_put_id(e, &f->ids, t))) {
		q->n--;
		return rc;
	}
	e->amount = t->base_amount;
	e->loc = loc;
	e->aux = aux;
	return 0;
}

static int on_deposit(funnel *f, const cen_txn *t, const cen__cash_acct *bene)
{
	size_t k = 0; /* set by slot() whenever it returns 1 */
	int rc = slot(f, bene, true, &k);
	if (rc < 0)
		return rc;
	uint32_t loc = UINT32_MAX, area = UINT32_MAX;
	if (t->location.len) {
		int64_t l = cen__recent_put(&f->recent_locs, &f->locs, t->location.ptr, t->location.len);
		if (l < 0)
			return (int)l;
		loc = (uint32_t)l;
		char z5[6];
		if (cen__zip5(t->location.ptr, t->location.len, z5)) {
			int64_t a = cen__recent_put(&f->recent_areas, &f->areas, z5, 3);
			if (a < 0)
				return (int)a;
			area = (uint32_t)a;
		}
	}
	return add_event(f, &f->qs[2 * k], t, loc, area);
}

static int alert(funnel *f, size_t k, const cen__cash_acct *acct, int64_t cash, long locs,
		 long areas, int64_t out, int64_t abroad, int64_t first, int64_t last_dep,
		 int64_t last_out)
{
	cen__evq *dq = &f->qs[2 * k], *oq = &f->qs[2 * k + 1];
	cen__alert_builder *ab = &f->ab;
	cen__ab_reset(ab);
	const char *name = cen__acct_ids_label(&f->accts, k);
	int rc = cen__ab_account(ab, name);
	size_t nd = 0, no = 0;
	/* the countries money went to, for the sentence */
	const char *cty[4] = {0};
	size_t ncty = 0;
	for (size_t i = dq->head; i < dq->n && !rc; i++)
		if (!dq->ev[i].alerted) {
			rc = cen__ab_txn(ab, cen__idpool_get(&f->ids, dq->ev[i].id), dq->ev[i].ts);
			dq->ev[i].alerted = true;
			nd++;
		}
	for (size_t i = oq->head; i < oq->n && !rc; i++) {
		cen__ev *e = &oq->ev[i];
		if (e->alerted || e->loc != 1) /* not among the counted debits */
			continue;
		rc = cen__ab_txn(ab, cen__idpool_get(&f->ids, e->id), e->ts);
		if (!rc && e->acct != UINT32_MAX)
			rc = cen__ab_account(ab, dest_label(f, e->acct));
		e->alerted = true;
		no++;
		if (e->flag && e->aux != UINT32_MAX) {
			const char *c = f->countries.strs[e->aux];
			size_t j = 0;
			while (j < ncty && strcmp(cty[j], c) != 0)
				j++;
			if (j == ncty && ncty < 4)
				cty[ncty++] = c;
		}
	}
	if (rc)
		return rc;
	double ratio = (double)out / (double)cash;
	int64_t dep_days = (last_dep - first) / 86400 + 1;
	int64_t out_days = (last_out - last_dep + 86399) / 86400;
	cen_buf *x = &ab->explanation;
	rc |= cen__alert_printf(x, "Account %s received %zu cash deposits totalling ", name, nd);
	rc |= cen__cash_money(x, cash);
	rc |= cen__alert_printf(x, " at %ld locations", locs);
	if (areas > 1)
		rc |= cen__alert_printf(x, " (%ld ZIP areas)", areas);
	rc |= cen__alert_printf(x, " over %lld day%s, then sent ", (long long)dep_days,
			     dep_days == 1 ? "" : "s");
	rc |= cen__cash_money(x, out);
	rc |= cen__alert_printf(x, " (%.0f%%) out in %zu payment%s", ratio * 100.0, no, no == 1 ? "" : "s");
	if (out_days <= 0)
		rc |= cen_buf_puts(x, " the same day");
	else
		rc |= cen__alert_printf(x, " within %lld day%s", (long long)out_days,
				     out_days == 1 ? "" : "s");
	if (abroad > 0) {
		rc |= cen_buf_puts(x, ", ");
		rc |= cen__cash_money(x, abroad);
		rc |= cen_buf_puts(x, " of it abroad (");
		for (size_t j = 0; j < ncty; j++)
			rc |= cen__alert_printf(x, "%s%s", j ? ", " : "", cty[j]);
		rc |= cen_buf_putc(x, ')');
	}
	rc |= cen_buf_putc(x, '.');

	cen_buf *e = &ab->evidence;
	rc |= cen_buf_puts(e, "{\"account\":");
	rc |= cen_json_cstr(e, name);
	rc |= cen__alert_printf(e, ",\"deposits\":%zu,\"cash_total\":", nd);
	rc |= cen__json_dollars(e, cash);
	rc |= cen__alert_printf(e, ",\"locations\":%ld,\"zip_areas\":%ld,\"outflows\":%zu,\"out_total\":",
			     locs, areas, no);
	rc |= cen__json_dollars(e, out);
	rc |= cen_buf_puts(e, ",\"abroad_total\":");
	rc |= cen__json_dollars(e, abroad);
	rc |= cen_buf_puts(e, ",\"countries\":[");
	for (size_t j = 0; j < ncty; j++) {
		if (j)
			rc |= cen_buf_putc(e, ',');
		rc |= cen_json_cstr(e, cty[j]);
	}
	rc |= cen__alert_printf(e, "],\"out_ratio\":%.3f,\"owner_kind\":%d}", ratio, acct->kind);
	if (rc)
		return CEN_ENOMEM;
	double score = 0.6 + 0.2 * ((double)abroad / (double)out) +
		       (locs >= 2 * f->min_locs ? 0.1 : 0) + (ratio >= 0.9 ? 0.1 : 0) -
		       (acct->kind == CEN__OWNER_BUSINESS ? 0.1 : 0);
	return cen__ab_emit(ab, &f->env, score);
}

static int on_debit(funnel *f, const cen_txn *t, const cen__cash_acct *orig,
		    const cen__cash_acct *bene)
{
	size_t k = 0; /* set by slot() whenever it returns 1 */
	int rc = slot(f, orig, false, &k);
	if (rc <= 0)
		return rc; /* no cash ever came in: nothing to watch */
	cen__evq *dq = &f->qs[2 * k], *oq = &f->qs[2 * k + 1];
	cen__evq_evict(dq, t->ts - f->window, &f->ids, &f->evs);
	if (dq->head == dq->n)
		return 0;
	/* where the money goes: the transaction's country, else the account's */
	cen_slice c = t->bene_country;
	if (!c.len && bene->country && *bene->country) {
		c.ptr = bene->country;
		c.len = strlen(bene->country);
	}
	bool abroad = c.len == 2 && !(c.ptr[0] == f->home[0] && c.ptr[1] == f->home[1]);
	uint32_t cid = UINT32_MAX;
	if (c.len) {
		int64_t id = cen__recent_put(&f->recent_countries, &f->countries, c.ptr, c.len);
		if (id < 0)
			return (int)id;
		cid = (uint32_t)id;
	}
	/* the destination, named in the alert */
	int64_t dst = dest_id(f, bene);
	if (dst < 0)
		return (int)dst;
	if ((rc = add_event(f, oq, t, UINT32_MAX, cid)))
		return rc;
	oq->ev[oq->n - 1].flag = abroad;
	oq->ev[oq->n - 1].acct = (uint32_t)dst;

	/* The open deposits (all before this debit: time order). */
	int64_t cash = 0, first = INT64_MAX, last_dep = INT64_MIN;
	for (size_t i = dq->head; i < dq->n; i++)
		if (!dq->ev[i].alerted) {
			cash += dq->ev[i].amount;
			first = dq->ev[i].ts < first ? dq->ev[i].ts : first;
			last_dep = dq->ev[i].ts;
		}
	if (first == INT64_MAX || cash <= 0 || cash < f->min_cash || t->ts - last_dep > f->lag)
		return 0;
	/* Debits since the first open deposit, each within the lag of the
	 * latest deposit before it. */
	int64_t out = 0, ab = 0;
	size_t di = dq->head;
	int64_t prev_dep = INT64_MIN;
	for (size_t i = oq->head; i < oq->n; i++) {
		cen__ev *e = &oq->ev[i];
		while (di < dq->n && dq->ev[di].ts <= e->ts) {
			if (!dq->ev[di].alerted)
				prev_dep = dq->ev[di].ts;
			di++;
		}
		e->loc = UINT32_MAX; /* loc marks the debits counted now (1) */
		if (e->alerted || e->ts < first || prev_dep == INT64_MIN || e->ts - prev_dep > f->lag)
			continue;
		e->loc = 1;
		out += e->amount;
		ab += e->flag ? e->amount : 0;
	}
	if ((double)out < f->min_ratio * (double)cash || !reaches(dq, f->min_locs))
		return 0;
	long locs = distinct(f, dq, 0);
	if (locs < 0)
		return (int)locs;
	if (locs < f->min_locs)
		return 0;
	long areas = distinct(f, dq, 1);
	if (areas < 0)
		return (int)areas;
	return alert(f, k, orig, cash, locs, areas, out, ab, first, last_dep, t->ts);
}

/* A cash deposit, or a debit that could move the money on. */
static bool is_debit(const funnel *f, const cen_txn *t, unsigned dir)
{
	return (dir == 0 || (dir & CEN__CASH_OUT)) && t->channel != CEN_CH_CARD &&
	       t->base_amount >= f->min_out && !cen__cash_pseudo(t->orig_acct);
}

/* Whether the account with this vref took cash (known by its vref without
 * resolving it: most accounts never did; vref 0: unknown, so maybe). */
static inline bool took_cash(const funnel *f, uint32_t orig_vref)
{
	return orig_vref != CEN__VREF_NEW && (!orig_vref || cen__memo_get(&f->accts.memo, orig_vref));
}

/* A cash deposit, or a debit from an account that took cash. */
static inline __attribute__((always_inline)) bool fu_wants(void *state, const cen_txn *t,
							   uint32_t orig_vref, uint32_t bene_vref)
{
	(void)bene_vref;
	const funnel *f = state;
	unsigned dir = 0;
	if (t->channel == CEN_CH_CASH && ((dir = cen__cash_dir(t)) & CEN__CASH_IN))
		return true;
	return took_cash(f, orig_vref) && is_debit(f, t, dir);
}

static int fu_on_txn(void *state, const cen_txn *t, unsigned dir, const cen__cash_acct *orig,
		     const cen__cash_acct *bene)
{
	funnel *f = state;
	if (t->ts > f->clock) {
		f->clock = t->ts;
		if (f->last_sweep == INT64_MIN) {
			f->last_sweep = t->ts;
		} else if (t->ts - f->last_sweep > f->window) {
			int rc = cen__evqs_sweep(f->qs, f->nq, t->ts - f->window, &f->ids, &f->evs);
			if (rc)
				return rc;
			f->last_sweep = t->ts;
		}
	}
	int rc = 0;
	if ((dir & CEN__CASH_IN) && !(bene->kind >= 0 && bene->kind < 32 &&
					(f->exclude & (1u << bene->kind))))
		rc = on_deposit(f, t, bene);
	/* A debit: money leaving orig for another account or as cash; card
	 * purchases and small payments are everyday spending, not moving the
	 * money on. */
	bool self = cen__cash_same_acct(orig, bene);
	if (!rc && !self && is_debit(f, t, dir))
		rc = on_debit(f, t, orig, bene);
	return rc;
}

static int fu_finish(void *state)
{
	(void)state; /* alerts are emitted when certain; nothing waits */
	return 0;
}

/* The memo entry fu_wants and slot() read for the account with vref v
 * (pass 0), then its queues (pass 1). */
static inline void hint_account(const funnel *f, uint32_t v, int pass)
{
	if (!pass)
		cen__memo_prefetch(&f->accts.memo, v);
	else /* the deposits' queue (2 id); the debits' (2 id + 1) follows it */
		cen__memo_prefetch_at(&f->accts.memo, v, f->qs, f->nq / 2, 2 * sizeof *f->qs);
}

static void fu_prefetch(void *state, const cen_txn *t, uint32_t orig_vref, uint32_t bene_vref,
			int pass)
{
	(void)t;
	hint_account(state, orig_vref, pass);
	hint_account(state, bene_vref, pass);
}

const cen__cash_ops cen__cash_funnel = {
	"funnel", fu_create, fu_on_txn, NULL, fu_finish, fu_free,
	keys, sizeof keys / sizeof keys[0], fu_wants, NULL, false, fu_prefetch,
};

/* Card purchases are neither deposits nor debits (is_debit): the engine
 * gives the funnel every channel but cards. */
static int fu_engine_init(cen__det *d, const cen_rules *r, char *err, size_t errlen)
{
	int rc = cen__cash_engine_init(d, &cen__cash_funnel, r, err, errlen);
	d->channels &= ~(1u << CEN_CH_CARD);
	return rc;
}

/* fu_wants on the edge, the direction shared with the other cash
 * detectors, then on_txn through the adapter. Most transactions, neither
 * cash nor a large enough payment from an account that took cash, end at
 * a test of the record, or of the sender's memo entry, without a call. */
static int fu_engine_edge(cen__det *d, const cen__edge_ctx *x)
{
	const funnel *f = ((cen__cash_det *)d)->state;
	const cen_txn *t = x->t;
	unsigned dir = 0;
	if (t->channel == CEN_CH_CASH && ((dir = cen__cash_edge_dir(d, x)) & CEN__CASH_IN))
		return cen__cash_engine_run(d, x);
	if (!is_debit(f, t, dir))
		return 0;
	uint32_t v = x->vs->cash_ref;
	if (!took_cash(f, v ? v : CEN__VREF_NEW))
		return 0;
	return cen__cash_engine_run(d, x);
}

/* cen__cash_engine_prefetch, but for a transfer that is not cash only what
 * fu_engine_edge reads past the record, when it gets that far: the
 * sender's memo entry, then its queues and, when the sender took cash (a
 * debit the adapter will resolve), both accounts' name pointers, which
 * vertex_acct reads (no other cash detector hints a transfer). */
static void fu_engine_prefetch(cen__det *d, const cen_txn *t, uint32_t src, uint32_t dst,
			       int pass)
{
	if (t->channel == CEN_CH_CASH) {
		cen__cash_engine_prefetch(d, t, src, dst, pass);
		return;
	}
	const funnel *f = ((cen__cash_det *)d)->state;
	if (t->base_amount < f->min_out)
		return;
	const cen__graph *g = &d->eng->g;
	uint32_t v = g->v[src].cash_ref;
	hint_account(f, v, pass);
	if (pass && v && cen__memo_get(&f->accts.memo, v)) {
		cen__prefetch(&g->names.strs[src]);
		cen__prefetch(&g->names.strs[dst]);
	}
}

const cen__det_ops cen__det_funnel = {
	.name = "funnel", .size = sizeof(cen__cash_det), .init = fu_engine_init,
	.on_edge = fu_engine_edge, .on_advance = cen__cash_engine_advance,
	.flush = cen__cash_engine_flush, .release = cen__cash_engine_release,
	.prefetch = fu_engine_prefetch,
	.keys = keys, .nkeys = sizeof keys / sizeof keys[0],
};
