/* det_util.c - helpers shared by the structural detectors: distinct
 * counterparties from adjacency rings, a memory of what was alerted
 * (for cooldowns: open addressing, linear probes, no deletion; it grows
 * when half full, keeping only the keys still inside the cooldown),
 * money and duration formatting, the queue of deferred decisions (each
 * taken hints the lines of those behind it).
 *
 * What must hold: neighbour lists hold each id once; a queue's hints only
 * read (decisions, their order and times are the same without them); a seen table is at
 * most half full, its empty slots have time INT64_MIN, and a key is in at
 * most one slot, on the probe path from its hash's slot with no empty
 * slot before it.
 */
#include <stdio.h>
#include <string.h>

#include "detect/det_util.h"
#include "core/hash.h"
#include "core/banned.h"

size_t cen__neighbors(const cen__graph *g, const cen__ring *r, int64_t tmin,
		      int64_t min_amount, uint32_t skip, uint32_t *out, size_t max,
		      size_t scan_max)
{
	size_t n = 0;
	uint64_t seen = 0; /* the graph's payee bit of every id in out */
	cen__ring_rev it = cen__ring_rev_from(r, r->len);
	for (uint32_t i = r->len, scanned = 0; i-- > 0 && scanned < scan_max; scanned++) {
		const cen__adj *e = cen__ring_rev_next(&it);
		if (cen__adj_ts(g, e) < tmin)
			break;
		uint32_t x = e->other;
		if (x == skip || cen__adj_amount(g, e) < min_amount)
			continue;
		if (cen__idset_add(out, &n, &seen, x) && n == max)
			break;
	}
	return n;
}

int64_t cen__cents_not_below(double dollars)
{
	/* cen__dollars(a) < dollars is true up to some amount, false from it
	 * on (int64 to double and the division by 100 both keep order):
	 * found by halving [lo, hi], below at lo and not at hi. */
	if (!(cen__dollars(INT64_MIN) < dollars))
		return INT64_MIN; /* none below (NaN too) */
	if (cen__dollars(INT64_MAX) < dollars)
		return INT64_MAX; /* all below */
	int64_t lo = INT64_MIN, hi = INT64_MAX;
	while ((uint64_t)hi - (uint64_t)lo > 1) {
		int64_t mid = lo + (int64_t)(((uint64_t)hi - (uint64_t)lo) / 2);
		if (cen__dollars(mid) < dollars)
			lo = mid;
		else
			hi = mid;
	}
	return hi;
}

/* The slots a new table starts with: alerts are few. */
#define SEEN_SLOTS0 64

/* A table of n slots (a power of two), all empty, into keys and times. */
static int seen_alloc(uint64_t **keys, int64_t **times, size_t n)
{
	*keys = cen_malloc(n * sizeof **keys);
	*times = cen_malloc(n * sizeof **times);
	if (!*keys || !*times) {
		cen_free(*keys);
		cen_free(*times);
		return CEN_ENOMEM;
	}
	for (size_t i = 0; i < n; i++)
		(*times)[i] = INT64_MIN;
	return 0;
}

int cen__seen_init(cen__seen *s, int64_t cooldown)
{
	memset(s, 0, sizeof *s);
	s->cooldown = cooldown;
	if (seen_alloc(&s->keys, &s->times, SEEN_SLOTS0))
		return CEN_ENOMEM;
	s->mask = SEEN_SLOTS0 - 1;
	return 0;
}

void cen__seen_release(cen__seen *s)
{
	cen_free(s->keys);
	cen_free(s->times);
	s->keys = NULL;
	s->times = NULL;
}

/* The slot of key, or the empty slot where it would go: probes from its
 * hash's slot on (at most half the slots are taken, so one is empty). */
static size_t seen_slot(const cen__seen *s, uint64_t key)
{
	size_t i = cen__hash_u64(key) & s->mask;
	while (s->times[i] != INT64_MIN && s->keys[i] != key)
		i = (i + 1) & s->mask;
	return i;
}

int cen__seen_recent(const cen__seen *s, uint64_t key, int64_t now)
{
	size_t i = seen_slot(s, key);
	return s->times[i] != INT64_MIN && s->times[i] > now - s->cooldown;
}

/* Room for one more key: the keys still inside the cooldown at now moved
 * into a table of twice as many slots as they take (at least as many as
 * before, so a table that holds many live keys does not shrink). */
static int seen_grow(cen__seen *s, int64_t now)
{
	size_t live = 0, n = s->mask + 1;
	for (size_t i = 0; i < n; i++)
		live += s->times[i] != INT64_MIN && s->times[i] > now - s->cooldown;
	size_t want = n;
	while (want < 4 * (live + 1))
		want *= 2;
	uint64_t *keys;
	int64_t *times;
	if (seen_alloc(&keys, &times, want))
		return CEN_ENOMEM;
	cen__seen old = *s;
	s->keys = keys;
	s->times = times;
	s->mask = want - 1;
	s->used = 0;
	for (size_t i = 0; i < n; i++) {
		if (old.times[i] == INT64_MIN || old.times[i] <= now - s->cooldown)
			continue;
		size_t j = seen_slot(s, old.keys[i]);
		s->keys[j] = old.keys[i];
		s->times[j] = old.times[i];
		s->used++;
	}
	cen__seen_release(&old);
	return 0;
}

int cen__seen_mark(cen__seen *s, uint64_t key, int64_t now)
{
	size_t i = seen_slot(s, key);
	if (s->times[i] == INT64_MIN) { /* a new key */
		if (2 * (s->used + 1) > s->mask + 1) {
			int rc = seen_grow(s, now);
			if (rc)
				return rc;
			i = seen_slot(s, key);
		}
		s->used++;
		s->keys[i] = key;
	}
	s->times[i] = now;
	return 0;
}

/* What snprintf(out, outlen, "%s", s) leaves in out (s is n bytes). */
static void put_cut(char *out, size_t outlen, const char *s, size_t n)
{
	if (!outlen)
		return;
	if (n >= outlen)
		n = outlen - 1;
	memcpy(out, s, n);
	out[n] = '\0';
}

void cen__fmt_money(char *out, size_t outlen, double dollars)
{
	int neg = dollars < 0;
	if (neg)
		dollars = -dollars;
	if (!(dollars < 9.2e16)) { /* NaN or past the cents a long long holds */
		snprintf(out, outlen, "%s%.2f", neg ? "-" : "", dollars);
		return;
	}
	uint64_t cents = (uint64_t)(long long)(dollars * 100.0 + 0.5);
	char digits[24], s[48];
	const char *d = cen__u64_digits(digits + sizeof digits, cents / 100);
	size_t nd = (size_t)(digits + sizeof digits - d), o = 0;
	if (neg)
		s[o++] = '-';
	for (size_t i = 0; i < nd; i++) {
		if (i && (nd - i) % 3 == 0)
			s[o++] = ',';
		s[o++] = d[i];
	}
	s[o++] = '.';
	s[o++] = (char)('0' + cents % 100 / 10);
	s[o++] = (char)('0' + cents % 10);
	put_cut(out, outlen, s, o);
}

void cen__duration(char *out, size_t outlen, int64_t s)
{
	static const char *const unit[] = {" seconds", " minutes", " hours", " days"};
	int u = s < 120 ? 0 : s < 2 * 3600 ? 1 : s < 2 * 86400 ? 2 : 3;
	static const int64_t per[] = {1, 60, 3600, 86400};
	int64_t v = s / per[u];
	if (v < 0) { /* a span is never negative; printf says what it is */
		snprintf(out, outlen, "%lld%s", (long long)v, unit[u]);
		return;
	}
	char t[48];
	char *p = cen__u64_digits(t + 24, (uint64_t)v);
	size_t n = (size_t)(t + 24 - p), k = strlen(unit[u]);
	memcpy(t + 24, unit[u], k);
	put_cut(out, outlen, p, n + k);
}

uint64_t cen__set_hash(const uint32_t *ids, size_t n)
{
	uint64_t h = 0x51ed27;
	for (size_t i = 0; i < n; i++)
		h += cen__hash_u64((uint64_t)ids[i] + 0x9E3779B97F4A7C15ULL);
	return cen__hash_u64(h ^ n);
}

int cen__json_accounts(cen_buf *b, const char *key, const cen__graph *g,
		       const uint32_t *ids, size_t n)
{
	int rc = cen_json_key(b, key);
	rc |= cen_buf_putc(b, '[');
	for (size_t i = 0; i < n; i++) {
		if (i)
			rc |= cen_buf_putc(b, ',');
		rc |= cen_json_cstr(b, cen__graph_vname(g, ids[i]));
	}
	rc |= cen_buf_putc(b, ']');
	return rc ? CEN_ENOMEM : 0;
}

int cen__dueq_push(cen__dueq *q, uint32_t v, int64_t due)
{
	if (cen__vbits_has(&q->pending, v))
		return 0;
	if (q->len == q->cap) {
		size_t nc = q->cap ? q->cap * 2 : 256;
		uint32_t *nv = cen_malloc(nc * sizeof *nv);
		int64_t *nd = cen_malloc(nc * sizeof *nd);
		if (!nv || !nd) {
			cen_free(nv);
			cen_free(nd);
			return CEN_ENOMEM;
		}
		for (size_t i = 0; i < q->len; i++) {
			nv[i] = q->v[(q->head + i) % q->cap];
			nd[i] = q->due[(q->head + i) % q->cap];
		}
		cen_free(q->v);
		cen_free(q->due);
		q->v = nv;
		q->due = nd;
		q->cap = nc;
		q->head = 0;
	}
	size_t k = (q->head + q->len) % q->cap;
	q->v[k] = v;
	q->due[k] = due;
	q->len++;
	return cen__vbits_set(&q->pending, v);
}

int cen__dueq_pop(cen__dueq *q, int64_t now, int all, uint32_t *v)
{
	if (!q->len || (!all && q->due[q->head] > now))
		return 0;
	*v = q->v[q->head];
	q->head = (q->head + 1) % q->cap;
	q->len--;
	cen__vbits_clear(&q->pending, *v);
	return 1;
}

void cen__dueq_hint(const cen__dueq *q, const cen__graph *g, unsigned rings, unsigned lines)
{
	if (q->len > CEN__DUEQ_HINT_AHEAD) {
		size_t i = q->head + CEN__DUEQ_HINT_AHEAD;
		cen__prefetch(&g->v[q->v[i < q->cap ? i : i - q->cap]]);
	}
	if (q->len) {
		const cen__vertex *vx = &g->v[q->v[q->head]];
		if (rings & CEN__DUEQ_IN)
			cen__ring_hint_newest(&vx->in, lines);
		if (rings & CEN__DUEQ_OUT)
			cen__ring_hint_newest(&vx->out, lines);
	}
}

int cen__dueq_advance(cen__dueq *q, cen__det *d, int64_t clock, int all, cen__decide_fn decide)
{
	int rc = 0;
	uint32_t v;
	while (!rc) {
		int64_t due = cen__dueq_next(q);
		if (!cen__dueq_pop(q, clock, all, &v))
			break;
		cen__dueq_hint(q, &d->eng->g, CEN__DUEQ_IN | CEN__DUEQ_OUT, 2);
		rc = decide(d, v, due);
	}
	d->next_advance = cen__dueq_next(q);
	return rc;
}

void cen__dueq_release(cen__dueq *q)
{
	cen_free(q->v);
	cen_free(q->due);
	cen__vbits_release(&q->pending);
	memset(q, 0, sizeof *q);
}
