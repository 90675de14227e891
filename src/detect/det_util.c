/* det_util.c - helpers shared by the structural detectors: distinct
 * counterparties from adjacency rings, a fixed-size memory of what was
 * alerted (for cooldowns), money and duration formatting.
 *
 * What must hold: nothing here allocates after init; neighbour lists hold
 * each id once.
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

int cen__seen_init(cen__seen *s, unsigned log2_slots)
{
	size_t n = (size_t)1 << log2_slots;
	s->keys = cen_calloc(n, sizeof *s->keys);
	s->times = cen_malloc(n * sizeof *s->times);
	s->mask = n - 1;
	if (!s->keys || !s->times) {
		cen__seen_release(s);
		return CEN_ENOMEM;
	}
	for (size_t i = 0; i < n; i++)
		s->times[i] = INT64_MIN;
	return 0;
}

void cen__seen_release(cen__seen *s)
{
	cen_free(s->keys);
	cen_free(s->times);
	s->keys = NULL;
	s->times = NULL;
}

int cen__seen_recent(const cen__seen *s, uint64_t key, int64_t now, int64_t cooldown)
{
	uint64_t i = cen__hash_u64(key) & s->mask;
	return s->keys[i] == key && s->times[i] != INT64_MIN && s->times[i] > now - cooldown;
}

void cen__seen_mark(cen__seen *s, uint64_t key, int64_t now)
{
	uint64_t i = cen__hash_u64(key) & s->mask;
	s->keys[i] = key;
	s->times[i] = now;
}

void cen__fmt_money(char *out, size_t outlen, double dollars)
{
	char digits[64];
	int neg = dollars < 0;
	if (neg)
		dollars = -dollars;
	long long cents = (long long)(dollars * 100.0 + 0.5);
	snprintf(digits, sizeof digits, "%lld", cents / 100);
	size_t nd = strlen(digits), o = 0;
	if (neg && o + 1 < outlen)
		out[o++] = '-';
	for (size_t i = 0; i < nd && o + 1 < outlen; i++) {
		if (i && (nd - i) % 3 == 0 && o + 1 < outlen)
			out[o++] = ',';
		out[o++] = digits[i];
	}
	if (outlen > o)
		snprintf(out + o, outlen - o, ".%02lld", cents % 100);
}

void cen__duration(char *out, size_t outlen, int64_t s)
{
	if (s < 120)
		snprintf(out, outlen, "%lld seconds", (long long)s);
	else if (s < 2 * 3600)
		snprintf(out, outlen, "%lld minutes", (long long)(s / 60));
	else if (s < 2 * 86400)
		snprintf(out, outlen, "%lld hours", (long long)(s / 3600));
	else
		snprintf(out, outlen, "%lld days", (long long)(s / 86400));
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

int cen__dueq_advance(cen__dueq *q, cen__det *d, int64_t clock, int all, cen__decide_fn decide)
{
	int rc = 0;
	uint32_t v;
	while (!rc) {
		int64_t due = cen__dueq_next(q);
		if (!cen__dueq_pop(q, clock, all, &v))
			break;
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
