/* det_ctr.c - the `ctr` detector (currency transaction report candidates)
 * and the helpers every cash detector shares (cash_det.h).
 *
 * CTR (31 CFR 1010.311, 1010.313): cash in (deposits) and cash out
 * (withdrawals, and cash paid to another account: the payer conducts it)
 * are summed separately per person per business day; multiple cash transactions by or
 * for the same person in one business day count as one. The person is the
 * account owner's party id where the accounts file gives one, else the
 * account (aggregate_by = "owner"), or always the account ("account"). A
 * total of MORE than the threshold ($10,000) is a CTR candidate, emitted
 * when the data's business day moves past that day (the day is then
 * complete, so the alert lists every transaction of it) or at end of input.
 *
 * Business day: a transaction at or after cutoff_hour (local time at
 * utc_offset_hours) counts toward the next calendar day; a Saturday, Sunday
 * (weekend_rolls) or listed holiday rolls forward to the next business day.
 *
 * What must hold: every cash event added to a daily bucket is in exactly one
 * closed bucket by finish; id pool offsets held by open buckets stay valid
 * across compaction; nothing here allocates per transaction once the
 * vectors have grown (ids go into one pooled buffer).
 */
#include "detect/cash_det.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "centinela/accounts.h"
#include "core/bytes.h"
#include "core/grow.h"
#include "core/timeutil.h"
#include "core/prefetch.h"
#include "core/banned.h"

/* ------------------------------------------------------------ cash basics */

static bool slice_eq(cen_slice a, cen_slice b)
{
	return a.len == b.len && cen__bytes_eq(a.ptr, b.ptr, a.len);
}

unsigned cen__cash_dir(const cen_txn *t)
{
	if (t->channel != CEN_CH_CASH)
		return 0;
	bool op = cen__cash_pseudo(t->orig_acct), bp = cen__cash_pseudo(t->bene_acct);
	if (op && bp)
		return 0;
	if (op || (slice_eq(t->orig_acct, t->bene_acct) && slice_eq(t->orig_bank, t->bene_bank)))
		return CEN__CASH_IN;
	if (bp)
		return CEN__CASH_OUT;
	return CEN__CASH_IN | CEN__CASH_OUT;
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Whether the 4 bytes at s are all digits: '0'..'9' are 0x30..0x39, the
 * bytes whose high half is 3 and stays 3 with 6 added (no carry leaves a
 * byte once every high half is 3). */
static bool digits4(const char *s)
{
	uint32_t w = (uint32_t)cen__load32(s);
	return (w & 0xF0F0F0F0u) == 0x30303030u && ((w + 0x06060606u) & 0xF0F0F0F0u) == 0x30303030u;
}

int cen__zip5(const char *loc, size_t len, char out[6])
{
	/* 5 digits, 9 digits, or 10 with a digit or a '-' at byte 5 */
	if ((len != 5 && len != 9 && len != 10) || !digits4(loc) || !is_digit(loc[4]))
		return 0;
	if (len == 9 && !digits4(loc + 5))
		return 0;
	if (len == 10 && (!(is_digit(loc[5]) || loc[5] == '-') || !digits4(loc + 6)))
		return 0;
	memcpy(out, loc, 5);
	out[5] = '\0';
	return 1;
}

int cen__person_key(cen_buf *b, const cen__cash_acct *a, bool by_owner)
{
	cen_buf_reset(b);
	bool party = by_owner && a->party && *a->party;
	int rc = cen_buf_puts(b, party ? "p:" : "a:");
	return rc ? rc : cen_buf_puts(b, party ? a->party : a->label);
}

int cen__rules_aggregate_by(const cen_rules *r, const char *table, bool *by_owner,
			    cen_diag *diag)
{
	const char *s = cen_rules_get_string(r, table, "aggregate_by", "owner");
	if (strcmp(s, "owner") == 0 || strcmp(s, "account") == 0) {
		*by_owner = s[0] == 'o';
		return 0;
	}
	cen_diag_report(diag, 2, cen_rules_name(r), cen_rules_line(r, table, "aggregate_by"),
			"aggregate_by", "[%s] aggregate_by must be \"owner\" or \"account\", not \"%s\"",
			table, s);
	return CEN_EINVAL;
}

int cen__rules_dollars(const cen_rules *r, const char *table, const char *key, double def,
		       int64_t *cents, cen_diag *diag)
{
	double v = cen_rules_get_double(r, table, key, def);
	if (!(v >= 0) || v > 1e15) {
		cen_diag_report(diag, 2, cen_rules_name(r), cen_rules_line(r, table, key), key,
				"[%s] %s must be a dollar amount >= 0", table, key);
		return CEN_EINVAL;
	}
	*cents = (int64_t)llround(v * 100.0);
	return 0;
}

bool cen__cash_wants_cash(void *state, const cen_txn *t, uint32_t orig_vref, uint32_t bene_vref)
{
	(void)state;
	(void)orig_vref;
	(void)bene_vref;
	return t->channel == CEN_CH_CASH;
}

/* ------------------------------------------------------------ business day */

static int cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

int cen__bday_init(cen__bday_cfg *c, const cen_rules *r, const char *table, cen_diag *diag)
{
	memset(c, 0, sizeof *c);
	const char *name = cen_rules_name(r);
	int64_t cutoff = cen_rules_get_int(r, table, "cutoff_hour", 0);
	double off = cen_rules_get_double(r, table, "utc_offset_hours", 0.0);
	if (cutoff < 0 || cutoff > 23) {
		cen_diag_report(diag, 2, name, cen_rules_line(r, table, "cutoff_hour"), "cutoff_hour",
				"[%s] cutoff_hour must be 0..23", table);
		return CEN_EINVAL;
	}
	if (!(off >= -14.0 && off <= 14.0)) {
		cen_diag_report(diag, 2, name, cen_rules_line(r, table, "utc_offset_hours"),
				"utc_offset_hours", "[%s] utc_offset_hours must be -14..14", table);
		return CEN_EINVAL;
	}
	c->shift = (int64_t)llround(off * 3600.0) + ((24 - cutoff) % 24) * 3600;
	c->weekend_rolls = cen_rules_get_bool(r, table, "weekend_rolls", true);
	const char *const *hol;
	size_t n;
	cen_rules_get_strings(r, table, "holidays", &hol, &n);
	if (n) {
		c->holidays = cen_malloc(n * sizeof *c->holidays);
		if (!c->holidays)
			return CEN_ENOMEM;
	}
	for (size_t i = 0; i < n; i++) {
		int y;
		unsigned m, d;
		if (strlen(hol[i]) != 10 || sscanf(hol[i], "%4d-%2u-%2u", &y, &m, &d) != 3 ||
		    m < 1 || m > 12 || d < 1 || d > 31) {
			cen_diag_report(diag, 2, name, cen_rules_line(r, table, "holidays"), "holidays",
					"[%s] holidays: '%s' is not a date YYYY-MM-DD", table, hol[i]);
			cen__bday_release(c);
			return CEN_EINVAL;
		}
		c->holidays[c->n_holidays++] = cen__days_from_civil(y, m, d);
	}
	if (c->n_holidays)
		qsort(c->holidays, c->n_holidays, sizeof *c->holidays, cmp_i64);
	return 0;
}

void cen__bday_release(cen__bday_cfg *c)
{
	cen_free(c->holidays);
	c->holidays = NULL;
	c->n_holidays = 0;
}

static bool is_holiday(const cen__bday_cfg *c, int64_t day)
{
	return c->n_holidays &&
	       bsearch(&day, c->holidays, c->n_holidays, sizeof day, cmp_i64) != NULL;
}

int64_t cen__bday(const cen__bday_cfg *c, int64_t ts)
{
	int64_t day = cen__floor_div(ts + c->shift, 86400);
	/* Bounded: every step passes a weekend day or a distinct holiday. */
	for (size_t guard = 0; guard < c->n_holidays + 3; guard++) {
		int64_t dow = ((day + 4) % 7 + 7) % 7; /* 0 Sunday; 1970-01-01 was a Thursday */
		if ((c->weekend_rolls && (dow == 0 || dow == 6)) || is_holiday(c, day))
			day++;
		else
			break;
	}
	return day;
}

/* ------------------------------------------------------------ id pool */

void cen__idpool_init(cen__idpool *p)
{
	cen_buf_init(&p->buf, 0);
	p->n = p->dead = 0;
}

void cen__idpool_release(cen__idpool *p)
{
	cen_buf_release(&p->buf);
	p->n = p->dead = 0;
}

int cen__idpool_put(cen__idpool *p, const cen_txn *t, size_t *off)
{
	char tmp[24];
	size_t len = t->id.len;
	const char *id = len ? t->id.ptr : cen_txn_id_str(t, tmp, &len);
	cen_buf *b = &p->buf;
	/* One reserve for the id and its NUL (the buffer keeps its own NUL
	 * after them), not an append and a putc; asked only when the room
	 * left may not do (the buffer has no cap). */
	int rc = b->len + len + 2 <= b->cap ? 0 : cen_buf_reserve(b, len + 1);
	if (rc)
		return rc;
	*off = b->len;
	memcpy(b->data + b->len, id, len);
	b->len += len + 1;
	b->data[b->len - 1] = '\0';
	b->data[b->len] = '\0';
	p->n++;
	return 0;
}

int cen__idpool_compact_begin(cen__idpool *p, cen__idpool *fresh)
{
	cen__idpool_init(fresh);
	size_t live = p->n - p->dead; /* ids of about the same length: their share of the bytes */
	return cen_buf_reserve(&fresh->buf, p->n ? p->buf.len / p->n * live + live + 1 : 1);
}

int cen__idpool_move(const cen__idpool *old, cen__idpool *fresh, size_t *off)
{
	const char *s = old->buf.data + *off;
	size_t n = strlen(s) + 1;
	size_t at = fresh->buf.len;
	int rc = cen_buf_append(&fresh->buf, s, n);
	if (!rc) {
		*off = at;
		fresh->n++;
	}
	return rc;
}

void cen__idpool_compact_end(cen__idpool *p, cen__idpool *fresh)
{
	cen__idpool_release(p);
	*p = *fresh;
}

/* ------------------------------------------------------------ event queues */

int cen__ev_put_id(cen__ev *e, cen__idpool *ids, const cen_txn *t)
{
	size_t off;
	int rc = cen__idpool_put(ids, t, &off);
	if (rc)
		return rc;
	if (off >= CEN__EV_ID_MAX) {
		ids->buf.len = off; /* not kept */
		ids->buf.data[off] = '\0';
		ids->n--;
		return CEN_ELIMIT;
	}
	e->id = (uint32_t)off;
	return 0;
}

int cen__evqs_reserve(cen__evq **qs, size_t *nq, size_t *cap, size_t k)
{
	if (k < *nq)
		return 0;
	if (k >= *cap) {
		size_t nc = *cap ? *cap * 2 : 256;
		while (nc <= k)
			nc *= 2;
		cen__evq *n = cen_realloc(*qs, nc * sizeof *n);
		if (!n)
			return CEN_ENOMEM;
		*qs = n;
		*cap = nc;
	}
	memset(*qs + *nq, 0, (k + 1 - *nq) * sizeof **qs);
	*nq = k + 1;
	return 0;
}

int cen__evqs_presize(cen__evq **qs, size_t *cap, size_t n)
{
	void *a = *qs;
	int rc = cen__presize(&a, cap, n, sizeof **qs);
	*qs = a;
	return rc;
}

int cen__evq_push(cen__evq *q, cen__pool *pool, int64_t ts, cen__ev **out)
{
	if (q->n == q->cap) {
		if (q->head > q->n / 2) { /* reuse the evicted front first */
			memmove(q->ev, q->ev + q->head, (q->n - q->head) * sizeof *q->ev);
			q->n -= q->head;
			q->head = 0;
		} else {
			/* one first: most accounts' and persons' queues
			 * hold one event; only the live ones move */
			uint32_t live = q->n - q->head;
			if (q->cap > UINT32_MAX / 4)
				return CEN_ELIMIT;
			cen__ev *ne = q->cap ? cen__pool_grow(pool, q->ev, cen__pool_cls(q->cap),
							      q->ev + q->head, live)
					     : cen__pool_get(pool, 0);
			if (!ne)
				return CEN_ENOMEM;
			q->ev = ne;
			q->cap = q->cap ? q->cap * 2 : 1;
			q->head = 0;
			q->n = live;
		}
	}
	if (q->head == q->n)
		q->first = ts;
	*out = &q->ev[q->n++];
	memset(*out, 0, sizeof **out);
	(*out)->ts = ts;
	return 0;
}

void cen__evq_evict(cen__evq *q, int64_t before, cen__idpool *ids, cen__pool *pool)
{
	while (q->head < q->n && q->first <= before) {
		cen__idpool_drop(ids);
		if (++q->head < q->n)
			q->first = q->ev[q->head].ts;
	}
	if (q->head == q->n) {
		q->head = q->n = 0;
		if (q->cap > 64) { /* a burst's block goes back for others */
			cen__pool_put(pool, q->ev, cen__pool_cls(q->cap));
			q->ev = NULL;
			q->cap = 0;
		}
	}
}

int cen__evqs_sweep(cen__evq *qs, size_t nq, int64_t before, cen__idpool *ids, cen__pool *pool)
{
	for (size_t i = 0; i < nq; i++)
		cen__evq_evict(&qs[i], before, ids, pool);
	if (!cen__idpool_wants_compact(ids))
		return 0;
	cen__idpool fresh;
	int rc = cen__idpool_compact_begin(ids, &fresh);
	for (size_t i = 0; i < nq && !rc; i++)
		for (size_t k = qs[i].head; k < qs[i].n && !rc; k++) {
			size_t off = qs[i].ev[k].id; /* fresh holds fewer bytes */
			rc = cen__idpool_move(ids, &fresh, &off);
			qs[i].ev[k].id = (uint32_t)off;
		}
	if (rc) {
		cen__idpool_release(&fresh);
		return rc;
	}
	cen__idpool_compact_end(ids, &fresh);
	return 0;
}

/* ------------------------------------------------------------ alerts */

void cen__ab_init(cen__alert_builder *b, const char *typology)
{
	memset(b, 0, sizeof *b);
	b->typology = typology;
	cen_buf_init(&b->explanation, 1u << 16);
	cen_buf_init(&b->evidence, 1u << 24);
	b->start = INT64_MAX;
	b->end = INT64_MIN;
}

void cen__ab_release(cen__alert_builder *b)
{
	cen_free(b->accounts);
	cen_free(b->txns);
	cen_buf_release(&b->explanation);
	cen_buf_release(&b->evidence);
}

void cen__ab_reset(cen__alert_builder *b)
{
	b->n_accounts = b->n_txns = 0;
	cen_buf_reset(&b->explanation);
	cen_buf_reset(&b->evidence);
	b->start = INT64_MAX;
	b->end = INT64_MIN;
}

static int push_ptr(const char ***v, size_t *n, size_t *cap, const char *s)
{
	if (*n == *cap) {
		size_t nc = *cap ? *cap * 2 : 16;
		const char **nv = cen_realloc(*v, nc * sizeof *nv);
		if (!nv)
			return CEN_ENOMEM;
		*v = nv;
		*cap = nc;
	}
	(*v)[(*n)++] = s;
	return 0;
}

int cen__ab_account(cen__alert_builder *b, const char *label)
{
	for (size_t i = 0; i < b->n_accounts; i++)
		if (b->accounts[i] == label || strcmp(b->accounts[i], label) == 0)
			return 0;
	return push_ptr(&b->accounts, &b->n_accounts, &b->cap_accounts, label);
}

int cen__ab_txn(cen__alert_builder *b, const char *id, int64_t ts)
{
	if (ts < b->start)
		b->start = ts;
	if (ts > b->end)
		b->end = ts;
	return push_ptr(&b->txns, &b->n_txns, &b->cap_txns, id);
}

int cen__ab_emit(cen__alert_builder *b, const cen__cash_env *env, double score)
{
	if (!b->explanation.data || !b->evidence.data)
		return CEN_ENOMEM; /* an append failed earlier */
	cen_alert a = {0};
	a.typology = b->typology;
	a.score = score < 0 ? 0 : score > 1 ? 1 : score;
	a.accounts = b->accounts;
	a.n_accounts = b->n_accounts;
	a.txns = b->txns;
	a.n_txns = b->n_txns;
	a.start = b->start == INT64_MAX ? 0 : b->start;
	a.end = b->end == INT64_MIN ? a.start : b->end;
	a.explanation = cen_buf_str(&b->explanation);
	a.evidence = cen_buf_str(&b->evidence);
	return env->emit ? env->emit(env->emit_ctx, &a) : 0;
}

int cen__cash_money(cen_buf *b, int64_t cents)
{
	uint64_t v = cents < 0 ? (uint64_t)(-(cents + 1)) + 1 : (uint64_t)cents;
	char digits[24], s[48];
	const char *d = cen__u64_digits(digits + sizeof digits, v / 100);
	size_t n = (size_t)(digits + sizeof digits - d), o = 0;
	if (cents < 0)
		s[o++] = '-';
	s[o++] = '$';
	for (size_t i = 0; i < n; i++) {
		if (i && (n - i) % 3 == 0)
			s[o++] = ',';
		s[o++] = d[i];
	}
	unsigned c = (unsigned)(v % 100);
	if (c) {
		s[o++] = '.';
		s[o++] = (char)('0' + c / 10);
		s[o++] = (char)('0' + c % 10);
	}
	return cen_buf_append(b, s, o);
}

int cen__json_dollars(cen_buf *b, int64_t cents)
{
	uint64_t v = cents < 0 ? (uint64_t)(-(cents + 1)) + 1 : (uint64_t)cents;
	char s[32];
	char *end = s + sizeof s, *p = end;
	unsigned c = (unsigned)(v % 100);
	if (c) {
		*--p = (char)('0' + c % 10);
		*--p = (char)('0' + c / 10);
		*--p = '.';
	}
	p = cen__u64_digits(p, v / 100);
	if (cents < 0 && (v >= 100 || c))
		*--p = '-';
	return cen_buf_append(b, p, (size_t)(end - p));
}

/* ------------------------------------------------------------ daily buckets */

int cen__daily_init(cen__daily *d, const cen_rules *r, const char *table, cen_diag *diag,
		    cen__daily_close_fn close, void *ctx)
{
	memset(d, 0, sizeof *d);
	cen__intern_init(&d->keys);
	cen__intern_init(&d->labels);
	cen__intern_init(&d->locs);
	cen__idpool_init(&d->ids);
	cen__pool_init(&d->evs, sizeof(cen__dev));
	d->clock_day = INT64_MIN;
	d->close = close;
	d->ctx = ctx;
	return cen__bday_init(&d->bday, r, table, diag);
}

void cen__daily_release(cen__daily *d)
{
	cen__pool_release(&d->evs); /* every bucket's array, without reading the buckets */
	cen_free(d->buckets);
	cen_free(d->slot);
	cen__intern_release(&d->keys);
	cen__intern_release(&d->labels);
	cen__intern_release(&d->locs);
	cen__idpool_release(&d->ids);
	cen__bday_release(&d->bday);
}

_Static_assert(sizeof(cen__dbucket) == 64, "a daily bucket is one cache line");

/* Reports b's day (through the close callback) and empties it; b stays
 * open, in its place, for the caller to fill or drop. */
static int close_bucket(cen__daily *d, cen__dbucket *b)
{
	int rc = b->n ? d->close(d->ctx, d, b->key, b) : 0;
	for (size_t i = 0; i < b->n; i++)
		cen__idpool_drop(&d->ids);
	b->n = 0;
	b->total = 0;
	b->day = INT64_MIN;
	if (b->cap > 256) { /* a burst's block goes back for others */
		cen__pool_put(&d->evs, b->ev, cen__pool_cls(b->cap));
		b->cap = 0;
	}
	return rc;
}

static int compact_ids(cen__daily *d)
{
	cen__idpool fresh;
	int rc = cen__idpool_compact_begin(&d->ids, &fresh);
	for (size_t a = 0; a < d->nb && !rc; a++) {
		cen__dbucket *b = &d->buckets[a];
		cen__dev *ev = cen__dbucket_ev(b);
		for (size_t i = 0; i < b->n && !rc; i++)
			rc = cen__idpool_move(&d->ids, &fresh, &ev[i].id);
	}
	if (rc) {
		cen__idpool_release(&fresh);
		return rc;
	}
	cen__idpool_compact_end(&d->ids, &fresh);
	return 0;
}

/* Closes every open bucket of a day before `before` and drops it (its
 * block back to the pool); the others move down, in order. */
static int sweep(cen__daily *d, int64_t before)
{
	size_t keep = 0;
	int rc = 0;
	for (size_t a = 0; a < d->nb; a++) {
		cen__dbucket *b = &d->buckets[a];
		if (b->n && b->day >= before) {
			if (keep != a)
				d->buckets[keep] = *b;
			d->slot[b->key] = (uint32_t)++keep;
			continue;
		}
		int r2 = close_bucket(d, b);
		if (r2 && !rc)
			rc = r2;
		if (b->cap)
			cen__pool_put(&d->evs, b->ev, cen__pool_cls(b->cap));
		d->slot[b->key] = 0;
		if (d->drop)
			d->drop(d->ctx, b->key);
	}
	d->nb = keep;
	if (!rc && cen__idpool_wants_compact(&d->ids))
		rc = compact_ids(d);
	return rc;
}

/* Where the shifted calendar day of ts ends: the business day of a later
 * time can differ only from there on. */
static int64_t day_end(const cen__bday_cfg *c, int64_t ts)
{
	return (cen__floor_div(ts + c->shift, 86400) + 1) * 86400 - c->shift;
}

/* The business day of ts, through the memo of the last shifted calendar
 * day asked about (cen__bday is a function of that day): most times fall
 * in the day of the one before. */
static int64_t daily_bday(cen__daily *d, int64_t ts)
{
	if (ts < d->cal_start || ts >= d->cal_end) {
		d->cal_end = day_end(&d->bday, ts);
		d->cal_start = d->cal_end - 86400;
		d->cal_bday = cen__bday(&d->bday, ts);
	}
	return d->cal_bday;
}

int cen__daily_add_ids(cen__daily *d, uint32_t k, uint32_t lab, const cen_txn *t,
		       int64_t amount)
{
	int rc;
	int64_t day = daily_bday(d, t->ts);
	if (day > d->clock_day) {
		if (d->clock_day != INT64_MIN && (rc = sweep(d, day)))
			return rc;
		d->clock_day = day;
		d->next_check = d->cal_end;
	}
	if ((size_t)k >= d->capslot) {
		void *a = d->slot;
		rc = cen__grow_zeroed(&a, &d->capslot, k, sizeof *d->slot);
		d->slot = a;
		if (rc)
			return rc;
	}
	if (!d->slot[k]) { /* opens: a new bucket at the end */
		if (d->nb == d->capb) {
			size_t nc = d->capb ? d->capb * 2 : 256;
			cen__dbucket *nb = cen_realloc(d->buckets, nc * sizeof *nb);
			if (!nb)
				return CEN_ENOMEM;
			d->buckets = nb;
			d->capb = nc;
		}
		cen__dbucket *nb = &d->buckets[d->nb];
		memset(nb, 0, sizeof *nb);
		nb->day = INT64_MIN;
		nb->key = k;
		d->slot[k] = (uint32_t)++d->nb;
	}
	cen__dbucket *b = &d->buckets[d->slot[k] - 1];
	/* Another day still open in this bucket (out-of-order input): that day
	 * is reported on its own first. */
	if (b->n && b->day != day && (rc = close_bucket(d, b)))
		return rc;
	if (b->n == (b->cap ? b->cap : 1)) { /* the first event is in place */
		if (b->cap > UINT32_MAX / 2)
			return CEN_ELIMIT;
		cen__dev *ne = b->cap ? cen__pool_grow(&d->evs, b->ev, cen__pool_cls(b->cap), b->ev, b->n)
				      : cen__pool_get(&d->evs, 1);
		if (!ne)
			return CEN_ENOMEM;
		if (!b->cap)
			ne[0] = b->one; /* shares its bytes with ev */
		b->ev = ne;
		b->cap = b->cap ? b->cap * 2 : 2;
	}
	cen__dev *e = &cen__dbucket_ev(b)[b->n];
	int64_t loc = -1;
	if (t->location.len &&
	    (loc = cen__recent_put(&d->recent_locs, &d->locs, t->location.ptr, t->location.len)) < 0)
		return (int)loc;
	if ((rc = cen__idpool_put(&d->ids, t, &e->id)))
		return rc;
	e->ts = t->ts;
	e->amount = amount;
	e->acct = (uint32_t)lab;
	e->loc = loc < 0 ? UINT32_MAX : (uint32_t)loc;
	b->n++;
	b->total += amount;
	b->day = day;
	return 0;
}

int cen__daily_presize(cen__daily *d, size_t n)
{
	void *a = d->slot;
	int rc = cen__presize(&a, &d->capslot, n, sizeof *d->slot);
	d->slot = a;
	return rc;
}

int64_t cen__daily_next(const cen__daily *d)
{
	return d->clock_day == INT64_MIN ? INT64_MAX : d->next_check;
}

int cen__daily_advance(cen__daily *d, int64_t ts)
{
	if (d->clock_day == INT64_MIN)
		return 0;
	int64_t day = daily_bday(d, ts);
	d->next_check = d->cal_end;
	if (day <= d->clock_day)
		return 0;
	d->clock_day = day;
	return sweep(d, day);
}

int cen__daily_finish(cen__daily *d)
{
	return sweep(d, INT64_MAX);
}

/* ------------------------------------------------------------ ctr */

typedef struct ctr {
	cen__daily d;
	cen__cash_env env;
	int64_t threshold;
	bool by_owner;
	cen_buf key;
	/* by vref: the account's key ids (cash in, cash out) in d.keys + 1 */
	cen__acct_memo key_in, key_out;
	/* persons numbered by the caller: the bucket of slot 2 * index (cash
	 * in) or 2 * index + 1 (cash out) is its dense number, instead of an
	 * id in d.keys */
	cen__numbered persons;
	cen__dense dense;
	/* accounts numbered by the caller: an event's acct is vref - 1
	 * instead of an id in d.labels */
	cen__numbered labels;
	cen__alert_builder ab;
	uint32_t *scratch; size_t cap_scratch;
} ctr;

static const cen_rules_key ctr_keys[] = {
	{"threshold", CEN_RULES_NUMBER},   {"cutoff_hour", CEN_RULES_INT},
	{"utc_offset_hours", CEN_RULES_NUMBER}, {"weekend_rolls", CEN_RULES_BOOL},
	{"holidays", CEN_RULES_STRINGS},   {"aggregate_by", CEN_RULES_STRING},
};

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return (x > y) - (x < y);
}

size_t cen__sort_unique_u32(uint32_t *v, size_t m)
{
	if (!m)
		return 0;
	if (m > 32) {
		qsort(v, m, sizeof *v, cmp_u32);
	} else { /* most sets are a few ids: no call per comparison */
		for (size_t i = 1; i < m; i++) {
			uint32_t x = v[i];
			size_t j = i;
			for (; j && v[j - 1] > x; j--)
				v[j] = v[j - 1];
			v[j] = x;
		}
	}
	size_t k = 1;
	for (size_t i = 1; i < m; i++)
		if (v[i] != v[k - 1])
			v[k++] = v[i];
	return k;
}

/* Distinct non-empty values of field (acct or loc) among the events, sorted
 * into scratch; returns the count or a negative status. */
static long distinct(uint32_t **scratch, size_t *cap, const cen__dev *ev, size_t n, int loc)
{
	if (n > *cap) {
		uint32_t *s = cen_realloc(*scratch, n * sizeof *s);
		if (!s)
			return CEN_ENOMEM;
		*scratch = s;
		*cap = n;
	}
	size_t m = 0;
	for (size_t i = 0; i < n; i++) {
		uint32_t v = loc ? ev[i].loc : ev[i].acct;
		if (v != UINT32_MAX)
			(*scratch)[m++] = v;
	}
	return (long)cen__sort_unique_u32(*scratch, m);
}

/* Writes `Party "P"` / `Account "A"` for a person key. */
static int subject(cen_buf *b, const char *key, size_t klen_no_suffix)
{
	bool party = key[0] == 'p';
	return cen__alert_printf(b, "%s %.*s", party ? "Party" : "Account",
			      (int)(klen_no_suffix - 2), key + 2);
}

/* Bucket key's person ("p:PARTY", "a:LABEL": base bytes at *k) and
 * direction. */
static const char *ctr_key(const ctr *c, const cen__daily *d, uint32_t key, size_t *base,
			   bool *in)
{
	if (cen__numbered_on(&c->persons)) {
		uint32_t slot = cen__dense_slot(&c->dense, key);
		const char *k = cen__numbered_text(&c->persons, slot / 2);
		*in = !(slot & 1);
		*base = strlen(k);
		return k;
	}
	const char *k = d->keys.strs[key];
	size_t klen = d->keys.lens[key];
	*in = klen >= 3 && strcmp(k + klen - 3, "|in") == 0;
	*base = klen - (*in ? 3 : 4);
	return k;
}

static int ctr_close(void *ctx, cen__daily *d, uint32_t key, cen__dbucket *b)
{
	ctr *c = ctx;
	if (b->total <= c->threshold)
		return 0;
	size_t base;
	bool in;
	const char *k = ctr_key(c, d, key, &base, &in);
	cen__alert_builder *ab = &c->ab;
	cen__ab_reset(ab);
	int rc = 0;
	const cen__dev *ev = cen__dbucket_ev(b);
	for (size_t i = 0; i < b->n && !rc; i++) {
		uint32_t l = ev[i].acct;
		rc = cen__ab_account(ab, cen__numbered_on(&c->labels) ? cen__numbered_text(&c->labels, l)
								      : d->labels.strs[l]);
		if (!rc)
			rc = cen__ab_txn(ab, cen__idpool_get(&d->ids, ev[i].id), ev[i].ts);
	}
	long nloc = rc ? 0 : distinct(&c->scratch, &c->cap_scratch, ev, b->n, 1);
	if (nloc < 0)
		return (int)nloc;
	char day[11];
	cen__format_day(b->day, day);
	cen_buf *x = &ab->explanation;
	rc |= subject(x, k, base);
	rc |= cen__alert_printf(x, " %s ", in ? "took in" : "paid out");
	rc |= cen__cash_money(x, b->total);
	rc |= cen__alert_printf(x, " in cash in %zu transaction%s", b->n, b->n == 1 ? "" : "s");
	if (ab->n_accounts > 1)
		rc |= cen__alert_printf(x, " through %zu accounts", ab->n_accounts);
	rc |= cen__alert_printf(x, " on business day %s, more than the ", day);
	rc |= cen__cash_money(x, c->threshold);
	rc |= cen_buf_puts(x, " CTR threshold: a currency transaction report is due.");

	cen_buf *e = &ab->evidence;
	rc |= cen_buf_puts(e, "{\"person\":");
	rc |= cen_json_str(e, k + 2, base - 2);
	rc |= cen__alert_printf(e, ",\"basis\":\"%s\",\"direction\":\"%s\",\"business_day\":\"%s\",\"total\":",
			     k[0] == 'p' ? "owner" : "account", in ? "cash_in" : "cash_out", day);
	rc |= cen__json_dollars(e, b->total);
	rc |= cen__alert_printf(e, ",\"count\":%zu,\"threshold\":", b->n);
	rc |= cen__json_dollars(e, c->threshold);
	rc |= cen_buf_puts(e, ",\"locations\":[");
	for (long i = 0; i < nloc; i++) {
		if (i)
			rc |= cen_buf_putc(e, ',');
		rc |= cen_json_cstr(e, d->locs.strs[c->scratch[i]]);
	}
	rc |= cen_buf_puts(e, "]}");
	if (rc)
		return CEN_ENOMEM;
	/* A CTR is a filing duty, not a suspicion: a fixed middle score, a
	 * little higher the further over the threshold. */
	double over = (double)b->total / (double)(c->threshold ? c->threshold : 1);
	return cen__ab_emit(ab, &c->env, fmin(0.7, 0.4 + 0.1 * log2(over)));
}

static void ctr_free(void *state)
{
	ctr *c = state;
	if (!c)
		return;
	cen__daily_release(&c->d);
	cen_buf_release(&c->key);
	cen__acct_memo_release(&c->key_in);
	cen__acct_memo_release(&c->key_out);
	cen__numbered_release(&c->persons);
	cen__dense_release(&c->dense);
	cen__numbered_release(&c->labels);
	cen__ab_release(&c->ab);
	cen_free(c->scratch);
	cen_free(c);
}

static int ctr_create(void **state, const cen_rules *r, const cen__cash_env *env)
{
	*state = NULL;
	ctr *c = cen_calloc(1, sizeof *c);
	if (!c)
		return CEN_ENOMEM;
	c->env = *env;
	cen_buf_init(&c->key, 4096);
	cen__ab_init(&c->ab, "ctr");
	int rc = cen__cash_check(r, &cen__cash_ctr, env);
	if (!rc)
		rc = cen__rules_dollars(r, "ctr", "threshold", 10000.0, &c->threshold, env->diag);
	if (!rc)
		rc = cen__rules_aggregate_by(r, "ctr", &c->by_owner, env->diag);
	if (!rc)
		rc = cen__daily_init(&c->d, r, "ctr", env->diag, ctr_close, c);
	/* A bucket per person and direction used, persons and accounts
	 * numbered by the caller: about one per account. */
	size_t n = env->accounts;
	cen__numbered_keep(&c->persons, env->persons);
	cen__numbered_keep(&c->labels, env->labels);
	if (!rc)
		rc = cen__daily_presize(&c->d, n);
	if (!rc)
		rc = cen__memo_presize(&c->key_in, n);
	if (!rc)
		rc = cen__memo_presize(&c->key_out, n);
	if (!rc)
		rc = cen__numbered_presize(&c->persons, n);
	if (!rc)
		rc = cen__dense_presize(&c->dense, 2 * n, n);
	if (!rc)
		rc = cen__numbered_presize(&c->labels, n);
	if (rc) {
		ctr_free(c);
		return rc;
	}
	*state = c;
	return 0;
}

/* The side's bucket (its person's, or its key's: "p:PARTY|in",
 * "a:LABEL|out") and label ids, from the memos after the account's first
 * time. */
static int ctr_side(ctr *c, const cen_txn *t, const cen__cash_acct *a, bool in)
{
	int64_t k = cen__person_key_id(in ? &c->key_in : &c->key_out, &c->persons, &c->dense,
				       &c->d.keys, &c->key, a, c->by_owner, in ? "|in" : "|out", 2, !in);
	if (k < 0)
		return (int)k;
	int64_t l = cen__acct_label(&c->labels, &c->d.labels, a);
	if (l < 0)
		return (int)l;
	return cen__daily_add_ids(&c->d, (uint32_t)k, (uint32_t)l, t, t->base_amount);
}

static int ctr_on_txn(void *state, const cen_txn *t, unsigned dir, const cen__cash_acct *orig,
		      const cen__cash_acct *bene)
{
	ctr *c = state;
	int rc = 0;
	/* Cash paid from one account to another (a customer paying an MSB) is
	 * the payer's currency transaction: the receiving institution is not
	 * the person conducting it. */
	if (dir == CEN__CASH_IN)
		rc = ctr_side(c, t, bene, true);
	if (!rc && (dir & CEN__CASH_OUT))
		rc = ctr_side(c, t, orig, false);
	return rc;
}

static int ctr_advance(void *state, int64_t ts)
{
	ctr *c = state;
	return cen__daily_advance(&c->d, ts);
}

static int64_t ctr_next_advance(void *state)
{
	return cen__daily_next(&((ctr *)state)->d);
}

static int ctr_finish(void *state)
{
	ctr *c = state;
	return cen__daily_finish(&c->d);
}

/* ctr_side's memos, then the bucket of the person's key, for both sides
 * (cash in is the beneficiary's, cash out the origin's): fewer instructions
 * than finding the direction, and a side that is not one asks for nothing
 * or for a line in use. */
static void ctr_prefetch(void *state, const cen_txn *t, uint32_t orig_vref, uint32_t bene_vref,
			 int pass)
{
	(void)t;
	const ctr *c = state;
	if (!pass) {
		cen__memo_prefetch(&c->key_in, bene_vref);
		cen__memo_prefetch(&c->key_out, orig_vref);
	} else {
		size_t n = c->d.capslot, size = sizeof *c->d.slot;
		cen__memo_prefetch_at(&c->key_in, bene_vref, c->d.slot, n, size);
		cen__memo_prefetch_at(&c->key_out, orig_vref, c->d.slot, n, size);
	}
}

const cen__cash_ops cen__cash_ctr = {
	"ctr", ctr_create, ctr_on_txn, ctr_advance, ctr_finish, ctr_free,
	ctr_keys, sizeof ctr_keys / sizeof ctr_keys[0], cen__cash_wants_cash, ctr_next_advance,
	true, ctr_prefetch,
};

/* ------------------------------------------------------------ engine adapter */

/* Errors found while a detector starts go to the engine's message (err);
 * everything else goes on to the engine's diagnostics. */
static void adapter_diag(void *ctx, int severity, const char *file, uint64_t line,
			 const char *field, const char *msg)
{
	cen__cash_det *cd = ctx;
	if (severity >= 2 && cd->err && cd->errlen && !cd->err[0]) {
		if (line)
			snprintf(cd->err, cd->errlen, "%s:%llu: %s", file, (unsigned long long)line, msg);
		else
			snprintf(cd->err, cd->errlen, "%s", msg);
		return;
	}
	cen_diag *up = cd->base.eng->diag;
	if (up)
		cen_diag_report(up, severity, file, line, field, "%s", msg);
}

static void errors_only(void *ctx, int severity, const char *file, uint64_t line,
			const char *field, const char *msg)
{
	cen_diag *up = ctx;
	if (severity >= 2)
		cen_diag_report(up, severity, file, line, field, "%s", msg);
}

int cen__cash_check(const cen_rules *r, const cen__cash_ops *ops, const cen__cash_env *env)
{
	if (!env->engine_checks)
		return cen_rules_check(r, ops->name, ops->keys, ops->nkeys, env->diag);
	cen_diag filt = {errors_only, env->diag, 0, 0};
	return cen_rules_check(r, ops->name, ops->keys, ops->nkeys, env->diag ? &filt : NULL);
}

/* An alert of a cash detector through the engine's builder (ids, counts,
 * the sink). */
static int adapter_emit(void *ctx, cen_alert *a)
{
	cen__cash_det *cd = ctx;
	cen__alert_b *b = cen__alert_begin(&cd->base, a->score);
	for (size_t i = 0; i < a->n_accounts; i++)
		cen__alert_account_str(b, a->accounts[i], strlen(a->accounts[i]));
	for (size_t i = 0; i < a->n_txns; i++)
		cen__alert_txn(b, a->txns[i], strlen(a->txns[i]), i + 1 == a->n_txns ? a->end : a->start);
	cen__alert_explain(b, "%s", a->explanation);
	/* The builder wants the evidence members without the outer braces. */
	size_t n = a->evidence ? strlen(a->evidence) : 0;
	if (n >= 2 && a->evidence[0] == '{' && a->evidence[n - 1] == '}' &&
	    cen_buf_append(cen__alert_evidence(b), a->evidence + 1, n - 2))
		return CEN_ENOMEM;
	return cen__alert_emit(b);
}


/* d joins its engine's shared state (made by the first). */
static int share_join(cen__det *d, const cen__cash_ops *ops)
{
	cen__cash_det *cd = (cen__cash_det *)d;
	cen__engine *e = d->eng;
	if (!e->cash) {
		if (!(e->cash = cen_calloc(1, sizeof *e->cash)))
			return CEN_ENOMEM;
		cen__keys_init(&e->cash->keys);
	}
	cen__cash_shared *s = e->cash;
	s->users++;
	cd->shares = true;
	cd->hint = CEN__HINT_SELF;
	if (d->ops->prefetch && s->nhinted < CEN__CASH_HINTS) {
		cd->hint = s->nhinted ? CEN__HINT_OTHER : CEN__HINT_ALL;
		s->hinted[s->nhinted++] = cd;
		s->hint_owners |= ops->needs_owner;
	}
	return 0;
}

/* d's cash hints no longer given by the first hinted detector. */
static void hint_leave(cen__cash_shared *s, const cen__cash_det *cd)
{
	unsigned k = 0;
	s->hint_owners = false;
	for (unsigned i = 0; i < s->nhinted; i++) {
		if (s->hinted[i] == cd)
			continue;
		s->hinted[k] = s->hinted[i];
		s->hinted[k]->hint = k ? CEN__HINT_OTHER : CEN__HINT_ALL;
		s->hint_owners |= s->hinted[k]->ops->needs_owner;
		k++;
	}
	s->nhinted = k;
}

static void share_leave(cen__det *d)
{
	cen__cash_det *cd = (cen__cash_det *)d;
	cen__engine *e = d->eng;
	if (!cd->shares)
		return;
	cd->shares = false;
	hint_leave(e->cash, cd);
	if (--e->cash->users == 0) {
		cen_free(e->cash->labels);
		cen__keys_release(&e->cash->keys);
		cen_free(e->cash);
		e->cash = NULL;
	}
}

int cen__cash_engine_init(cen__det *d, const cen__cash_ops *ops, const cen_rules *r, char *err,
			  size_t errlen)
{
	cen__cash_det *cd = (cen__cash_det *)d;
	cd->ops = ops;
	int rc = share_join(d, ops);
	if (rc)
		return rc;
	cd->err = err;
	cd->errlen = errlen;
	cd->diag.fn = adapter_diag;
	cd->diag.ctx = cd;
	d->window = 0; /* cash detectors keep their own state, not graph history */
	if (ops->wants == cen__cash_wants_cash)
		d->channels = 1u << CEN_CH_CASH; /* the engine's filter answers wants */
	else
		cd->wants = ops->wants;
	if (!ops->on_advance)
		d->next_advance = INT64_MAX; /* nothing waits on the clock */
	/* The accounts' names and persons' keys are the engine's, kept by
	 * their numbers for every cash detector (written once an account). */
	cen__cash_env env = {adapter_emit, cd, &cd->diag, true, &d->suppressed, d->eng->g.vcap,
			     &d->eng->cash->labels, &d->eng->cash->keys.strs};
	rc = ops->create(&cd->state, r, &env);
	cd->err = NULL;
	cd->errlen = 0;
	return rc;
}

/* The shared keys hold the persons the adapter numbered, "p:PARTY" and
 * "a:LABEL" (cen__person_key with by_owner), and ZIPs. A vertex's
 * owner.party is the id of its person's key: an owner's party's ("p:"),
 * or with PERSON_ACCT an account's own ("a:"), given by the first detector
 * that reads the owner; a->person is that id + 1, the same for every
 * account of the party and for every detector. */
#define PERSON_ACCT 0x80000000u

/* prefix (2 bytes) then s put into the shared keys; its id into
 * *id (below PERSON_ACCT, so that it can carry the mark). A key of a few
 * dozen bytes (most) is put together on the stack. */
static int strings_put(cen__cash_det *cd, cen__engine *e, const char prefix[2], const char *s,
		       size_t len, uint32_t *id)
{
	char small[64];
	const char *key = small;
	if (len <= sizeof small - 2) {
		memcpy(small, prefix, 2);
		memcpy(small + 2, s, len);
	} else {
		cen_buf_reset(&cd->key);
		int rc = cen_buf_append(&cd->key, prefix, 2);
		if (!rc)
			rc = cen_buf_append(&cd->key, s, len);
		if (rc)
			return rc;
		key = cd->key.data;
	}
	int64_t k = cen__keys_put(&e->cash->keys, key, len + 2);
	if (k < 0)
		return (int)k;
	if (k >= (int64_t)PERSON_ACCT - 2)
		return CEN_ELIMIT;
	*id = (uint32_t)k;
	return 0;
}

/* The accounts hook's record of vertex v into *a (1, else 0): by the
 * number vertex() kept (ref, UINT32_MAX none) from the engine's accounts
 * table, or when the hook has the by-number fetch, else by name. */
static int hook_account(const cen__engine *e, uint32_t v, uint32_t ref, cen_monitor_account *a)
{
	memset(a, 0, sizeof *a);
	if (e->accounts) {
		cen_account_info in;
		if (ref == UINT32_MAX || !cen_accounts_at(e->accounts, ref - 1, &in))
			return 0;
		a->party_id = (cen_slice){in.party_id, in.party_id_len};
		a->zip = (cen_slice){in.zip, in.zip_len};
		return 1;
	}
	if (ref != UINT32_MAX && e->lookup_ref)
		return e->lookup_ref(e->lookup_ctx, ref, a);
	const char *name = cen__graph_vname(&e->g, v);
	return e->lookup ? e->lookup(e->lookup_ctx, name, e->g.names.lens[v], a) : 0;
}

/* The id of ZIP s (len bytes) in keys, through the adapter's recent
 * strings when it has 1 to 16 bytes. */
static int64_t zip_put(cen__cash_det *cd, cen__keys *keys, const char *s, size_t len)
{
	cen__short_key k;
	cen__recent_slot *m = NULL;
	if (len - 1 < 16) {
		m = cen__recent_at(&cd->zips, s, len, &k);
		if (cen__recent_holds(m, k, len))
			return m->val;
	}
	int64_t id = cen__keys_put(keys, s, len);
	if (m && id >= 0 && id < UINT32_MAX)
		cen__recent_keep(m, k, len, (uint32_t)id);
	return id;
}

/* The owner and ZIP of vertex v from the accounts hook, interned (a ZIP
 * through the adapter's recent strings: a few thousand ZIPs among the
 * parties of a large table, so most are found without probing it). */
static int fetch_party(cen__cash_det *cd, cen__engine *e, uint32_t v)
{
	cen__vowner *x = &e->g.owner[v];
	uint32_t ref = x->zip;
	x->party = x->zip = UINT32_MAX;
	cen_monitor_account a;
	if (hook_account(e, v, ref, &a) != 1)
		return 0;
	int rc = a.party_id.len ? strings_put(cd, e, "p:", a.party_id.ptr, a.party_id.len, &x->party)
				: 0;
	if (!rc && a.zip.len) {
		int64_t z = zip_put(cd, &e->cash->keys, a.zip.ptr, a.zip.len);
		if (z < 0)
			return (int)z;
		x->zip = (uint32_t)z;
	}
	return rc;
}

/* Vertex v's owner for a detector that reads it: fetched the first time;
 * an account without a known party is its own person. */
static int owner_of(cen__cash_det *cd, cen__engine *e, uint32_t v)
{
	cen__vowner *o = &e->g.owner[v];
	int rc = o->party == CEN__PARTY_LATER ? fetch_party(cd, e, v) : 0;
	if (rc || o->party != UINT32_MAX)
		return rc;
	uint32_t id;
	rc = strings_put(cd, e, "a:", cen__graph_vname(&e->g, v), e->g.names.lens[v], &id);
	if (!rc)
		o->party = id | PERSON_ACCT;
	return rc;
}

/* Numbers vertex v for the cash detectors (cash_ref), its name kept by
 * that number for them all (cen__cash_env.labels). */
static int number_account(cen__engine *e, uint32_t v)
{
	cen__cash_shared *s = e->cash;
	if (e->ncash_refs >= UINT32_MAX - 1)
		return CEN_ELIMIT;
	size_t i = e->ncash_refs;
	void *a = s->labels;
	int rc = cen__grow_zeroed(&a, &s->cap_labels, i, sizeof *s->labels);
	s->labels = a;
	if (rc)
		return rc;
	s->labels[i] = cen__graph_vname(&e->g, v);
	e->g.v[v].cash_ref = ++e->ncash_refs;
	return 0;
}

/* What the engine knows of vertex v, as a cen__cash_acct; numbers the
 * account for the memos, and fetches its owner and numbers its person the
 * first time a detector that reads it (owner) asks. For a detector that
 * does not (the funnel's debits, most of its calls), the owner record is
 * not read at all: person, party and zip are left unset, and the record,
 * a random line of 8 bytes a vertex, stays out of the cache. */
static int vertex_acct(cen__cash_det *cd, uint32_t v, bool owner, cen__cash_acct *a)
{
	cen__engine *e = cd->base.eng;
	cen__vertex *x = &e->g.v[v];
	int rc = x->cash_ref ? 0 : number_account(e, v);
	if (!rc && owner)
		rc = owner_of(cd, e, v);
	if (rc)
		return rc;
	memset(a, 0, sizeof *a);
	a->label = cen__graph_vname(&e->g, v);
	if (owner) { /* owner_of numbered the person */
		const cen__vowner *o = &e->g.owner[v];
		uint32_t id = o->party & ~PERSON_ACCT;
		a->person = id + 1;
		a->person_key = e->cash->keys.strs[id];
		a->party = o->party & PERSON_ACCT ? NULL : a->person_key + 2;
		a->zip = o->zip != UINT32_MAX ? e->cash->keys.strs[o->zip] : NULL;
	}
	a->country = x->country[0] ? x->country : NULL;
	a->kind = x->kind <= CEN__OWNER_HUB ? x->kind : CEN__OWNER_UNKNOWN;
	a->vref = x->cash_ref;
	return 0;
}

/* Both accounts of edge x (given to an on_edge) into the shared state,
 * unless there already (resolved with their owners when owner). */
static int resolve_edge(cen__cash_det *cd, const cen__edge_ctx *x, bool owner)
{
	cen__engine *eng = cd->base.eng;
	cen__cash_shared *s = eng->cash;
	if (s->seq == x->seq + 1 && (s->owner || !owner))
		return 0;
	s->seq = 0;
	int rc = vertex_acct(cd, x->src, owner, &s->o);
	if (rc || (rc = vertex_acct(cd, x->dst, owner, &s->b)))
		return rc;
	s->owner = owner;
	s->seq = x->seq + 1;
	return 0;
}

int cen__cash_engine_run(cen__det *d, const cen__edge_ctx *x)
{
	cen__cash_det *cd = (cen__cash_det *)d;
	int rc = resolve_edge(cd, x, cd->ops->needs_owner);
	if (rc)
		return rc;
	const cen__cash_shared *s = d->eng->cash;
	rc = cd->ops->on_txn(cd->state, x->t, cen__cash_edge_dir(d, x), &s->o, &s->b);
	if (cd->ops->next_advance)
		cen__det_set_due(d, cd->ops->next_advance(cd->state));
	return rc;
}

int cen__cash_engine_edge(cen__det *d, const cen__edge_ctx *x)
{
	cen__cash_det *cd = (cen__cash_det *)d;
	if (cd->wants) {
		uint32_t o, b;
		cen__cash_wants_vrefs(x, &o, &b);
		if (!cd->wants(cd->state, x->t, o, b))
			return 0; /* most transactions: nothing to resolve */
	}
	return cen__cash_engine_run(d, x);
}

/* vertex_acct's owner record of v, then the pointers to its party and ZIP;
 * for an owner not fetched yet (its zip is the accounts table's number of
 * the account, not a string), the strings fetch_party will copy: reading
 * the account's record here, so that its two misses do not come one after
 * the other there (most cash accounts are new for a while: 190 k of them
 * on the 5 M benchmark). */
static void owner_hint(const cen__engine *e, const cen__keys *keys, uint32_t v, int pass)
{
	const cen__vowner *o = &e->g.owner[v];
	if (!pass) {
		cen__prefetch(o);
		return;
	}
	if (o->party == CEN__PARTY_LATER) {
		uint64_t ref = o->zip; /* the hint cen_accounts_prefetch's pass 2 takes */
		if (e->accounts && ref != UINT32_MAX)
			cen_accounts_prefetch(e->accounts, NULL, 0, 2, &ref);
		return;
	}
	if (o->party < CEN__PARTY_LATER)
		cen__prefetch(&keys->strs[o->party & ~PERSON_ACCT]);
	if (o->zip < CEN__PARTY_LATER)
		cen__prefetch(&keys->strs[o->zip]);
}

/* The hints of a cash record, pass `pass`, for every hinted detector:
 * vertex_acct's label pointers (not the text: the detectors name an
 * account by its vref and read the text for an alert), the owners when
 * one reads them, then each detector's own. Out of line, so that the
 * hooks of the detectors it hints for return without saving registers. */
static __attribute__((noinline)) void hint_cash(const cen__engine *e, const cen_txn *t, uint32_t src, uint32_t dst,
		      int pass)
{
	const cen__graph *g = &e->g;
	const cen__cash_shared *s = e->cash;
	for (int k = 0; k < 2; k++) {
		uint32_t v = k ? dst : src;
		if (!pass)
			cen__prefetch(&g->names.strs[v]);
		if (s->hint_owners)
			owner_hint(e, &s->keys, v, pass);
	}
	uint32_t rs = g->v[src].cash_ref, rd = g->v[dst].cash_ref;
	for (unsigned i = 0; i < s->nhinted; i++) {
		const cen__cash_det *c = s->hinted[i];
		if (c->ops->prefetch)
			c->ops->prefetch(c->state, t, rs, rd, pass);
	}
}

/* A detector's own hints (not of a cash record, or CEN__HINT_SELF). */
static __attribute__((noinline)) void hint_own(const cen__cash_det *cd, const cen_txn *t,
					       uint32_t src, uint32_t dst, int pass)
{
	const cen__graph *g = &cd->base.eng->g;
	if (cd->ops->prefetch)
		cd->ops->prefetch(cd->state, t, g->v[src].cash_ref, g->v[dst].cash_ref, pass);
}

void cen__cash_engine_prefetch(cen__det *d, const cen_txn *t, uint32_t src, uint32_t dst,
			       int pass)
{
	cen__cash_det *cd = (cen__cash_det *)d;
	if (t->channel == CEN_CH_CASH && cd->hint != CEN__HINT_SELF) {
		if (cd->hint == CEN__HINT_ALL)
			hint_cash(d->eng, t, src, dst, pass);
		return;
	}
	hint_own(cd, t, src, dst, pass);
}

int cen__cash_engine_advance(cen__det *d, int64_t clock)
{
	cen__cash_det *cd = (cen__cash_det *)d;
	if (!cd->ops->on_advance)
		return 0;
	int rc = cd->ops->on_advance(cd->state, clock);
	if (cd->ops->next_advance)
		cen__det_set_due(d, cd->ops->next_advance(cd->state));
	return rc;
}

int cen__cash_engine_flush(cen__det *d)
{
	cen__cash_det *cd = (cen__cash_det *)d;
	return cd->ops->finish(cd->state);
}

void cen__cash_engine_release(cen__det *d)
{
	cen__cash_det *cd = (cen__cash_det *)d;
	if (cd->ops && cd->state)
		cd->ops->free(cd->state);
	cd->state = NULL;
	cen_buf_release(&cd->key);
	share_leave(d);
}

static int ctr_engine_init(cen__det *d, const cen_rules *r, char *err, size_t errlen)
{
	return cen__cash_engine_init(d, &cen__cash_ctr, r, err, errlen);
}

const cen__det_ops cen__det_ctr = {
	.name = "ctr", .size = sizeof(cen__cash_det), .init = ctr_engine_init,
	.on_edge = cen__cash_engine_edge, .on_advance = cen__cash_engine_advance,
	.flush = cen__cash_engine_flush, .release = cen__cash_engine_release,
	.prefetch = cen__cash_engine_prefetch,
	.keys = ctr_keys, .nkeys = sizeof ctr_keys / sizeof ctr_keys[0],
};
