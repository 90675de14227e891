/* det_structuring.c - the `structuring` detector: repeated cash deposits
 * kept just under the reporting threshold (31 U.S.C. 5324).
 *
 * A cash deposit (or a cash payment from one account to another: the payer
 * is then the person) counts when band_low*threshold <= amount < band_high*threshold
 * (default 80% to 100% of $10,000). Per person (account owner where known,
 * else the account) the counted deposits of the last window_days are kept
 * in time order. When at least min_count of them, on at least min_days
 * distinct calendar days (UTC), total MORE than the threshold, the detector
 * is certain and alerts at once with those deposits; they are then marked
 * so that a new pattern needs min_count new deposits. Deposits that continue
 * an alerted pattern (within window_days of its last deposit) are reported
 * once a day (UTC) in a continuation alert instead. No single deposit needs to reach the threshold, and deposits at
 * other branches and banks of the same person count together.
 *
 * Not structuring by itself: one deposit over the threshold (a CTR), or
 * deposits well below the band (a small business's takings). And not when
 * the same person also deposited over the threshold in the window
 * (skip_if_over: a cash business whose takings vary around it), or when
 * fewer than min_band_share of the person's cash deposits in the window are
 * in the band; out-of-band deposits are kept as context for these checks.
 *
 * What must hold: a slot's events are in time order, all younger than the
 * window after an eviction; every held id offset is live in the pool.
 */
#include "detect/cash_det.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/timeutil.h"
#include "core/banned.h"

typedef struct structuring {
	cen__cash_env env;
	int64_t threshold, low, high, window;
	int64_t min_count, min_days;
	double min_band_share;
	bool skip_if_over;
	bool by_owner;
	cen__intern keys, labels, locs, banks;
	cen__recent recent_locs, recent_banks;
	cen__acct_memo key_ids; /* by vref: ids in keys + 1 */
	cen__numbered persons; /* numbered by the caller: slot = the index's dense
				  number, keys unused */
	cen__dense dense;
	cen__numbered accts;   /* numbered by the caller: ev.acct = vref - 1, labels unused */
	cen__evq *slots; /* by person key id; ev.aux = bank, ev.flag = a payment */
	cen__pool evs;   /* the slots' events */
	size_t nslots, cap;
	int64_t *until;  /* by key: an alerted pattern continues until then */
	size_t cap_until;
	uint32_t *pending; /* keys with continuing deposits not yet alerted */
	size_t n_pending, cap_pending;
	int64_t pending_day; /* UTC day of the oldest pending deposit */
	cen__idpool ids;
	int64_t clock, last_sweep;
	cen_buf key;
	cen__alert_builder ab;
	uint32_t *scratch;
	size_t cap_scratch;
} structuring;

static const cen_rules_key keys[] = {
	{"threshold", CEN_RULES_NUMBER}, {"band_low", CEN_RULES_NUMBER},
	{"band_high", CEN_RULES_NUMBER}, {"window_days", CEN_RULES_NUMBER},
	{"min_count", CEN_RULES_INT},    {"min_days", CEN_RULES_INT},
	{"aggregate_by", CEN_RULES_STRING}, {"min_band_share", CEN_RULES_NUMBER},
	{"skip_if_over", CEN_RULES_BOOL},
};

static void st_free(void *state)
{
	structuring *s = state;
	if (!s)
		return;
	cen_free(s->slots);
	cen__pool_release(&s->evs);
	cen_free(s->until);
	cen_free(s->pending);
	cen__intern_release(&s->keys);
	cen__intern_release(&s->labels);
	cen__acct_memo_release(&s->key_ids);
	cen__numbered_release(&s->persons);
	cen__dense_release(&s->dense);
	cen__numbered_release(&s->accts);
	cen__intern_release(&s->locs);
	cen__intern_release(&s->banks);
	cen__idpool_release(&s->ids);
	cen_buf_release(&s->key);
	cen__ab_release(&s->ab);
	cen_free(s->scratch);
	cen_free(s);
}

static int bad(const cen_rules *r, const cen__cash_env *env, const char *key, const char *what)
{
	cen_diag_report(env->diag, 2, cen_rules_name(r), cen_rules_line(r, "structuring", key), key,
			"[structuring] %s %s", key, what);
	return CEN_EINVAL;
}

static int st_create(void **state, const cen_rules *r, const cen__cash_env *env)
{
	*state = NULL;
	structuring *s = cen_calloc(1, sizeof *s);
	if (!s)
		return CEN_ENOMEM;
	s->env = *env;
	cen__intern_init(&s->keys);
	cen__intern_init(&s->labels);
	cen__intern_init(&s->locs);
	cen__intern_init(&s->banks);
	cen__idpool_init(&s->ids);
	cen__pool_init(&s->evs, sizeof(cen__ev));
	cen_buf_init(&s->key, 4096);
	cen__ab_init(&s->ab, "structuring");
	s->clock = s->last_sweep = INT64_MIN;
	int rc = cen__cash_check(r, &cen__cash_structuring, env);
	if (!rc)
		rc = cen__rules_dollars(r, "structuring", "threshold", 10000.0, &s->threshold, env->diag);
	if (!rc)
		rc = cen__rules_aggregate_by(r, "structuring", &s->by_owner, env->diag);
	if (rc)
		goto out;
	double lo = cen_rules_get_double(r, "structuring", "band_low", 0.8);
	double hi = cen_rules_get_double(r, "structuring", "band_high", 1.0);
	double wd = cen_rules_get_double(r, "structuring", "window_days", 14.0);
	s->min_count = cen_rules_get_int(r, "structuring", "min_count", 3);
	s->min_days = cen_rules_get_int(r, "structuring", "min_days", 2);
	s->min_band_share = cen_rules_get_double(r, "structuring", "min_band_share", 0.5);
	s->skip_if_over = cen_rules_get_bool(r, "structuring", "skip_if_over", true);
	if (!(lo > 0 && lo < hi && hi <= 1.0))
		rc = bad(r, env, "band_low", "and band_high must satisfy 0 < band_low < band_high <= 1");
	else if (!(wd > 0 && wd <= 366))
		rc = bad(r, env, "window_days", "must be more than 0 and at most 366");
	else if (s->min_count < 2 || s->min_count > 100000)
		rc = bad(r, env, "min_count", "must be 2..100000");
	else if (s->min_days < 1 || s->min_days > 366)
		rc = bad(r, env, "min_days", "must be 1..366");
	else if (!(s->min_band_share >= 0 && s->min_band_share <= 1))
		rc = bad(r, env, "min_band_share", "must be 0..1");
	if (rc)
		goto out;
	/* One slot per person, persons and accounts numbered by the caller:
	 * about one per account. */
	size_t n = env->accounts;
	cen__numbered_keep(&s->persons, env->persons);
	cen__numbered_keep(&s->accts, env->labels);
	if ((rc = cen__evqs_presize(&s->slots, &s->cap, n)) ||
	    (rc = cen__memo_presize(&s->key_ids, n)) || (rc = cen__numbered_presize(&s->persons, n)) ||
	    (rc = cen__dense_presize(&s->dense, n, n)) || (rc = cen__numbered_presize(&s->accts, n)))
		goto out;
	s->low = (int64_t)llround((double)s->threshold * lo);
	s->high = (int64_t)llround((double)s->threshold * hi);
	s->window = (int64_t)llround(wd * 86400.0);
out:
	if (rc) {
		st_free(s);
		return rc;
	}
	*state = s;
	return 0;
}

/* Whether a deposit of amount is in the band (else it is context). */
static bool in_band(const structuring *s, int64_t amount)
{
	return amount >= s->low && amount < s->high;
}

/* Distinct values among the not-yet-alerted events: which 0 acct, 1 loc,
 * 2 bank, 3 calendar day. */
static long distinct(structuring *s, const cen__evq *sl, int which)
{
	size_t n = sl->n - sl->head;
	if (n > s->cap_scratch) {
		uint32_t *x = cen_realloc(s->scratch, n * sizeof *x);
		if (!x)
			return CEN_ENOMEM;
		s->scratch = x;
		s->cap_scratch = n;
	}
	size_t m = 0;
	for (size_t k = sl->head; k < sl->n; k++) {
		const cen__ev *e = &sl->ev[k];
		if (e->alerted)
			continue;
		uint32_t v = which == 0 ? e->acct : which == 1 ? e->loc : which == 2 ? e->aux
			   : (uint32_t)cen__floor_div(e->ts, 86400);
		if (v != UINT32_MAX)
			s->scratch[m++] = v;
	}
	return (long)cen__sort_unique_u32(s->scratch, m);
}

static int alert(structuring *s, uint32_t key, cen__evq *sl, int64_t count, int64_t total,
		 int64_t lo, int64_t hi, long days, long accts, long locs, long banks, bool cont)
{
	cen__alert_builder *ab = &s->ab;
	cen__ab_reset(ab);
	int rc = 0;
	int64_t first = INT64_MAX, last = INT64_MIN;
	int kinds = 0; /* 1 deposits, 2 payments */
	for (size_t k = sl->head; k < sl->n && !rc; k++) {
		cen__ev *e = &sl->ev[k];
		if (e->alerted)
			continue;
		kinds |= e->flag ? 2 : 1;
		rc = cen__ab_account(ab, cen__numbered_on(&s->accts) ? cen__numbered_text(&s->accts, e->acct)
								     : s->labels.strs[e->acct]);
		if (!rc)
			rc = cen__ab_txn(ab, cen__idpool_get(&s->ids, e->id), e->ts);
		e->alerted = true;
		first = e->ts < first ? e->ts : first;
		last = e->ts > last ? e->ts : last;
	}
	if (rc)
		return rc;
	const char *k = cen__numbered_on(&s->persons)
				? cen__numbered_text(&s->persons, cen__dense_slot(&s->dense, key))
				: s->keys.strs[key];
	bool party = k[0] == 'p';
	int64_t span = cen__floor_div(last, 86400) - cen__floor_div(first, 86400) + 1;
	cen_buf *x = &ab->explanation;
	static const char *const what[2][4] = {
		{"", "deposit", "payment", "deposit and payment"},
		{"", "deposits", "payments", "deposits and payments"},
	};
	rc |= cen__alert_printf(x, "%s %s %s %lld %scash %s of ", party ? "Party" : "Account", k + 2,
			     party || kinds != 1 ? "made" : "received", (long long)count,
			     cont ? "more " : "", what[count != 1][kinds]);
	rc |= cen__cash_money(x, lo);
	if (hi != lo) {
		rc |= cen_buf_putc(x, '-');
		rc |= cen__cash_money(x, hi);
	}
	if (party && accts > 1)
		rc |= cen__alert_printf(x, " into %ld accounts", accts);
	if (locs > 0)
		rc |= cen__alert_printf(x, " at %ld branch%s", locs, locs == 1 ? "" : "es");
	if (banks > 1)
		rc |= cen__alert_printf(x, " of %ld banks", banks);
	if (count > 1) {
		rc |= cen__alert_printf(x, " over %lld day%s, ", (long long)span, span == 1 ? "" : "s");
		rc |= cen__cash_money(x, total);
		rc |= cen_buf_puts(x, " in all, each under the ");
	} else {
		rc |= cen_buf_puts(x, ", under the ");
	}
	rc |= cen__cash_money(x, s->threshold);
	rc |= cen_buf_puts(x, cont ? " CTR threshold, continuing a pattern already alerted."
				   : " CTR threshold.");

	cen_buf *e = &ab->evidence;
	rc |= cen_buf_puts(e, "{\"person\":");
	rc |= cen_json_cstr(e, k + 2);
	rc |= cen__alert_printf(e, ",\"basis\":\"%s\",\"count\":%lld,\"total\":", party ? "owner" : "account",
			     (long long)count);
	rc |= cen__json_dollars(e, total);
	rc |= cen_buf_puts(e, ",\"min\":");
	rc |= cen__json_dollars(e, lo);
	rc |= cen_buf_puts(e, ",\"max\":");
	rc |= cen__json_dollars(e, hi);
	rc |= cen_buf_puts(e, ",\"threshold\":");
	rc |= cen__json_dollars(e, s->threshold);
	rc |= cen__alert_printf(e, ",\"days\":%ld,\"span_days\":%lld,\"accounts\":%ld,\"branches\":%ld,"
			     "\"banks\":%ld,\"continuation\":%s,\"band\":[", days, (long long)span,
			     accts, locs, banks, cont ? "true" : "false");
	rc |= cen__json_dollars(e, s->low);
	rc |= cen_buf_putc(e, ',');
	rc |= cen__json_dollars(e, s->high);
	rc |= cen_buf_puts(e, "]}");
	if (rc)
		return CEN_ENOMEM;
	/* More deposits, more places and amounts hugging the threshold raise it. */
	s->until[key] = last + s->window;
	double mean = (double)total / (double)count / (double)(s->threshold ? s->threshold : 1);
	double score = 0.6 + fmin(0.2, 0.05 * (double)(count - s->min_count)) +
		       fmin(0.1, 0.05 * (double)(locs > 1 ? locs - 1 : 0)) + (mean >= 0.9 ? 0.1 : 0);
	return cen__ab_emit(ab, &s->env, score);
}

static void sums(const cen__evq *sl, int64_t *count, int64_t *total, int64_t *lo, int64_t *hi)
{
	*count = *total = *hi = 0;
	*lo = INT64_MAX;
	for (size_t i = sl->head; i < sl->n; i++) {
		if (sl->ev[i].alerted)
			continue;
		(*count)++;
		*total += sl->ev[i].amount;
		*lo = sl->ev[i].amount < *lo ? sl->ev[i].amount : *lo;
		*hi = sl->ev[i].amount > *hi ? sl->ev[i].amount : *hi;
	}
}

static int add_pending(structuring *s, uint32_t k, int64_t ts)
{
	for (size_t i = 0; i < s->n_pending; i++)
		if (s->pending[i] == k)
			return 0;
	if (s->n_pending == s->cap_pending) {
		size_t nc = s->cap_pending ? s->cap_pending * 2 : 64;
		uint32_t *np = cen_realloc(s->pending, nc * sizeof *np);
		if (!np)
			return CEN_ENOMEM;
		s->pending = np;
		s->cap_pending = nc;
	}
	if (!s->n_pending)
		s->pending_day = cen__floor_div(ts, 86400);
	s->pending[s->n_pending++] = k;
	return 0;
}

/* Continuation alerts for the deposits of persons already alerted. */
static int flush_pending(structuring *s)
{
	int rc = 0;
	for (size_t i = 0; i < s->n_pending && !rc; i++) {
		uint32_t k = s->pending[i];
		cen__evq *sl = &s->slots[k];
		int64_t count, total, lo, hi;
		sums(sl, &count, &total, &lo, &hi);
		if (!count)
			continue; /* evicted meanwhile */
		long days = distinct(s, sl, 3), accts = distinct(s, sl, 0);
		long locs = distinct(s, sl, 1), banks = distinct(s, sl, 2);
		if (days < 0 || accts < 0 || locs < 0 || banks < 0)
			return CEN_ENOMEM;
		rc = alert(s, k, sl, count, total, lo, hi, days, accts, locs, banks, true);
	}
	s->n_pending = 0;
	return rc;
}

static int st_advance(void *state, int64_t ts)
{
	structuring *s = state;
	if (s->n_pending && cen__floor_div(ts, 86400) > s->pending_day)
		return flush_pending(s);
	return 0;
}

static int st_on_txn(void *state, const cen_txn *t, unsigned dir, const cen__cash_acct *orig,
		     const cen__cash_acct *bene)
{
	structuring *s = state;
	int rc = st_advance(s, t->ts);
	if (rc)
		return rc;
	if (!(dir & CEN__CASH_IN))
		return 0;
	/* The person who brought the cash: the account holder for a deposit,
	 * the payer when cash goes from one account to another (a courier
	 * paying an MSB). */
	bool payment = (dir & CEN__CASH_OUT) != 0;
	const cen__cash_acct *who = payment ? orig : bene;
	if (t->ts > s->clock) {
		s->clock = t->ts;
		if (s->last_sweep == INT64_MIN)
			s->last_sweep = t->ts;
		else if (t->ts - s->last_sweep > s->window) {
			/* Every window of data time, idle persons' old deposits go too. */
			rc = cen__evqs_sweep(s->slots, s->nslots, t->ts - s->window, &s->ids,
						     &s->evs);
			if (rc)
				return rc;
			s->last_sweep = t->ts;
		}
	}
	bool band = in_band(s, t->base_amount);
	int64_t k = cen__person_key_id(&s->key_ids, &s->persons, &s->dense, &s->keys, &s->key, who,
				       s->by_owner, NULL, 1, 0);
	if (k < 0)
		return (int)k;
	if ((rc = cen__evqs_reserve(&s->slots, &s->nslots, &s->cap, (size_t)k)))
		return rc;
	cen__evq *sl = &s->slots[k];
	cen__evq_evict(sl, t->ts - s->window, &s->ids, &s->evs);
	int64_t a = cen__acct_label(&s->accts, &s->labels, who);
	int64_t l = t->location.len ? cen__recent_put(&s->recent_locs, &s->locs, t->location.ptr,
						      t->location.len) : -1;
	int64_t b = t->bene_bank.len ? cen__recent_put(&s->recent_banks, &s->banks, t->bene_bank.ptr,
						       t->bene_bank.len) : -1;
	if (a < 0)
		return (int)a;
	if ((t->location.len && l < 0) || (t->bene_bank.len && b < 0))
		return CEN_ENOMEM;
	cen__ev *e;
	if ((rc = cen__evq_push(sl, &s->evs, t->ts, &e)))
		return rc;
	if ((rc = cen__ev_put_id(e, &s->ids, t))) {
		sl->n--;
		return rc;
	}
	e->amount = t->base_amount;
	e->acct = (uint32_t)a;
	e->loc = l < 0 ? UINT32_MAX : (uint32_t)l;
	e->aux = b < 0 ? UINT32_MAX : (uint32_t)b;
	e->flag = payment;
	/* Deposits outside the band are kept only to see whether the person
	 * also deposits over the threshold or mostly elsewhere (context:
	 * never part of an alert). */
	e->alerted = !band;
	if (!band)
		return 0;
	if ((size_t)k >= s->cap_until) {
		/* its own doubling, not the slots' room: every entry is set */
		size_t nc = s->cap_until ? s->cap_until * 2 : 256;
		while (nc <= (size_t)k)
			nc *= 2;
		int64_t *nu = cen_realloc(s->until, nc * sizeof *nu);
		if (!nu)
			return CEN_ENOMEM;
		for (size_t i = s->cap_until; i < nc; i++)
			nu[i] = INT64_MIN;
		s->until = nu;
		s->cap_until = nc;
	}
	/* An alerted pattern that goes on: reported once a day, not re-proven. */
	if (t->ts <= s->until[k])
		return add_pending(s, (uint32_t)k, t->ts);

	int64_t count, total, lo, hi;
	sums(sl, &count, &total, &lo, &hi);
	if (count < s->min_count || total <= s->threshold)
		return 0;
	/* A person who also deposits over the threshold is not avoiding it (a
	 * cash business with large takings); one whose deposits are mostly
	 * outside the band is not keeping under it. */
	int64_t others = 0;
	for (size_t i = sl->head; i < sl->n; i++) {
		if (in_band(s, sl->ev[i].amount))
			continue; /* not context */
		others++;
		if (s->skip_if_over && sl->ev[i].amount >= s->threshold)
			return 0;
	}
	if ((double)count < s->min_band_share * (double)(count + others))
		return 0;
	long days = distinct(s, sl, 3);
	if (days < 0)
		return (int)days;
	if (days < s->min_days)
		return 0;
	long accts = distinct(s, sl, 0), locs = distinct(s, sl, 1), banks = distinct(s, sl, 2);
	if (accts < 0 || locs < 0 || banks < 0)
		return CEN_ENOMEM;
	return alert(s, (uint32_t)k, sl, count, total, lo, hi, days, accts, locs, banks, false);
}

/* Pending continuations go out when the UTC day of the oldest ends. */
static int64_t st_next_advance(void *state)
{
	const structuring *s = state;
	return s->n_pending ? (s->pending_day + 1) * 86400 : INT64_MAX;
}

static int st_finish(void *state)
{
	return flush_pending(state);
}

/* The person's memos, then the person's queue (st_on_txn), for both sides
 * (the person is the beneficiary of a deposit, the origin of a payment):
 * fewer instructions than finding the direction. */
static void st_prefetch(void *state, const cen_txn *t, uint32_t orig_vref, uint32_t bene_vref,
			int pass)
{
	(void)t;
	const structuring *s = state;
	for (int k = 0; k < 2; k++) {
		uint32_t who = k ? bene_vref : orig_vref;
		if (!pass) {
			cen__memo_prefetch(&s->key_ids, who);
		} else {
			cen__memo_prefetch_at(&s->key_ids, who, s->slots, s->nslots, sizeof *s->slots);
		}
	}
}

const cen__cash_ops cen__cash_structuring = {
	"structuring", st_create, st_on_txn, st_advance, st_finish, st_free,
	keys, sizeof keys / sizeof keys[0], cen__cash_wants_cash, st_next_advance,
	true, st_prefetch,
};

static int st_engine_init(cen__det *d, const cen_rules *r, char *err, size_t errlen)
{
	return cen__cash_engine_init(d, &cen__cash_structuring, r, err, errlen);
}

/* cen__cash_engine_edge (the engine's channel filter passed only cash)
 * without resolving the accounts of a withdrawal: no one brought cash in.
 * The clock's work st_on_txn would do first is the engine's on_advance,
 * called before the edge. */
static int st_engine_edge(cen__det *d, const cen__edge_ctx *x)
{
	if (!(cen__cash_edge_dir(d, x) & CEN__CASH_IN))
		return 0;
	return cen__cash_engine_run(d, x);
}

const cen__det_ops cen__det_structuring = {
	.name = "structuring", .size = sizeof(cen__cash_det), .init = st_engine_init,
	.on_edge = st_engine_edge, .on_advance = cen__cash_engine_advance,
	.flush = cen__cash_engine_flush, .release = cen__cash_engine_release,
	.prefetch = cen__cash_engine_prefetch,
	.keys = keys, .nkeys = sizeof keys / sizeof keys[0],
};
