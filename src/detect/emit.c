/* emit.c - building an alert and handing it to the sink; the printf of
 * the alerts' text; a small helper detectors share (amount dispersion).
 *
 * The builder lives in the engine and is reused for every alert: strings go
 * into a scratch arena reset at cen__alert_begin, so emitting allocates
 * nothing in steady state. An alert lists at most CEN__ALERT_MAX_ITEMS
 * accounts and transactions; beyond that the evidence counts what was left
 * out ("more_txns"). Errors (out of memory) are latched and returned by
 * cen__alert_emit.
 *
 * What must hold: alert ids increase by one per emitted alert; accounts are
 * listed once each, in the order added.
 */
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "detect/engine.h"
#include "core/banned.h"

#define CEN__ALERT_MAX_ITEMS 500

cen__alert_b *cen__alert_begin(cen__det *d, double score)
{
	cen__alert_b *b = d->eng->ab;
	b->det = d;
	b->score = score;
	b->naccts = b->ntxns = 0;
	b->more_txns = b->more_accts = 0;
	b->start = INT64_MAX;
	b->end = INT64_MIN;
	b->rc = 0;
	cen_buf_reset(&b->explanation);
	cen_buf_reset(&b->evidence);
	cen__arena_reset(&b->scratch);
	return b;
}

void cen__alert_score(cen__alert_b *b, double score)
{
	b->score = score < 0 ? 0 : score > 1 ? 1 : score;
}

static void span(cen__alert_b *b, int64_t ts)
{
	if (ts < b->start)
		b->start = ts;
	if (ts > b->end)
		b->end = ts;
}

void cen__alert_account(cen__alert_b *b, uint32_t v)
{
	const char *s = cen__graph_vname(&b->det->eng->g, v);
	for (size_t i = 0; i < b->naccts; i++)
		if (b->accts[i] == s)
			return;
	if (b->naccts == CEN__ALERT_MAX_ITEMS) {
		b->more_accts++;
		return;
	}
	b->accts[b->naccts++] = s;
}

void cen__alert_account_str(cen__alert_b *b, const char *s, size_t len)
{
	for (size_t i = 0; i < b->naccts; i++)
		if (strlen(b->accts[i]) == len && !memcmp(b->accts[i], s, len))
			return;
	if (b->naccts == CEN__ALERT_MAX_ITEMS) {
		b->more_accts++;
		return;
	}
	char *c = cen__arena_strndup(&b->scratch, s, len);
	if (!c) {
		b->rc = CEN_ENOMEM;
		return;
	}
	b->accts[b->naccts++] = c;
}

void cen__alert_txn(cen__alert_b *b, const char *id, size_t len, int64_t ts)
{
	span(b, ts);
	if (b->ntxns == CEN__ALERT_MAX_ITEMS) {
		b->more_txns++;
		return;
	}
	char *c = cen__arena_strndup(&b->scratch, id, len);
	if (!c) {
		b->rc = CEN_ENOMEM;
		return;
	}
	b->txns[b->ntxns++] = c;
}

void cen__alert_edge(cen__alert_b *b, uint64_t seq)
{
	const cen__graph *g = &b->det->eng->g;
	if (!cen__graph_live(g, seq))
		return;
	char tmp[CEN__GRAPH_MAX_ID + 1];
	cen_slice id = cen__graph_edge_id(g, seq, tmp, sizeof tmp);
	cen__alert_txn(b, id.ptr, id.len, cen__edge_ts(g, cen__graph_edge(g, seq)));
}

void cen__alert_explain(cen__alert_b *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	cen_buf_reset(&b->explanation);
	if (cen__alert_vprintf(&b->explanation, fmt, ap))
		b->rc = CEN_ENOMEM;
	va_end(ap);
}

cen_buf *cen__alert_evidence(cen__alert_b *b)
{
	return &b->evidence;
}

int cen__alert_emit(cen__alert_b *b)
{
	cen__engine *e = b->det->eng;
	if (b->rc)
		return b->rc;
	if (b->more_txns || b->more_accts) {
		if (cen_buf_printf(&b->evidence, "%s\"more_txns\":%zu,\"more_accounts\":%zu",
				   b->evidence.len ? "," : "", b->more_txns, b->more_accts))
			return CEN_ENOMEM;
	}
	cen_buf_reset(&b->evwrap);
	if (cen_buf_putc(&b->evwrap, '{') ||
	    cen_buf_append(&b->evwrap, b->evidence.data ? b->evidence.data : "", b->evidence.len) ||
	    cen_buf_putc(&b->evwrap, '}'))
		return CEN_ENOMEM;
	cen_alert a;
	memset(&a, 0, sizeof a);
	a.id = ++e->alert_seq;
	a.typology = b->det->ops->name;
	a.score = b->score < 0 ? 0 : b->score > 1 ? 1 : b->score;
	a.accounts = b->accts;
	a.n_accounts = b->naccts;
	a.txns = b->txns;
	a.n_txns = b->ntxns;
	a.start = b->start == INT64_MAX ? e->clock : b->start;
	a.end = b->end == INT64_MIN ? e->clock : b->end;
	a.explanation = cen_buf_str(&b->explanation);
	a.evidence = cen_buf_str(&b->evwrap);
	b->det->alerts++;
	e->alerts++;
	return e->sink(e->sink_ctx, &a);
}

/* ---- printf for the alerts' text ----
 * The conversions the detectors' explanations and evidence use are
 * written here: %s, %.*s, %d, %u, %ld, %lu, %lld, %llu, %zu, %% and %.Nf
 * for N <= 3 (vsnprintf costs ~1,000 instructions a call). Anything else,
 * a NULL string, and a number whose rounding to N decimals lies near a tie
 * (the exact value's rounding is then not told from the double's) goes to
 * cen_buf_vprintf for the whole call. */

/* Appends n bytes; 0 or the buffer's status. */
static inline int fmt_put(cen_buf *b, const char *s, size_t n)
{
	if ((!b->max || b->len + n <= b->max) && b->len + n + 1 <= b->cap) {
		memcpy(b->data + b->len, s, n);
		b->len += n;
		b->data[b->len] = '\0';
		return 0;
	}
	return cen_buf_append(b, s, n);
}

static int fmt_u64(cen_buf *b, uint64_t v, bool neg)
{
	char t[24];
	char *p = cen__u64_digits(t + sizeof t, v);
	if (neg)
		*--p = '-';
	return fmt_put(b, p, (size_t)(t + sizeof t - p));
}

static int fmt_i64(cen_buf *b, int64_t v)
{
	return fmt_u64(b, v < 0 ? (uint64_t)(-(v + 1)) + 1 : (uint64_t)v, v < 0);
}

/* %.Nf of v; 1 when it must be left to printf. */
static int fmt_fixed(cen_buf *b, double v, unsigned n)
{
	static const double scale[] = {1, 10, 100, 1000};
	static const uint64_t iscale[] = {1, 10, 100, 1000};
	if (!isfinite(v))
		return 1;
	/* Below 2^43 the product is within 2^-11 of the exact one. */
	double x = fabs(v) * scale[n], f = floor(x), frac = x - f;
	if (!(x < 8796093022208.0) || fabs(frac - 0.5) < 1.0 / 64)
		return 1;
	uint64_t r = (uint64_t)f + (frac > 0.5);
	char t[48];
	char *end = t + sizeof t, *p = end;
	if (n) {
		uint64_t fr = r % iscale[n];
		for (unsigned i = 0; i < n; i++, fr /= 10)
			*--p = (char)('0' + fr % 10);
		*--p = '.';
	}
	p = cen__u64_digits(p, r / iscale[n]);
	if (signbit(v))
		*--p = '-';
	return fmt_put(b, p, (size_t)(end - p));
}

/* The fast path: 0, a negative status, or 1 to leave it all to printf. */
static int fmt_fast(cen_buf *b, const char *fmt, va_list ap)
{
	int rc = 0;
	for (const char *f = fmt; !rc;) {
		const char *pc = strchr(f, '%');
		size_t lit = pc ? (size_t)(pc - f) : strlen(f);
		if (lit && (rc = fmt_put(b, f, lit)))
			break;
		if (!pc)
			break;
		const char *s = pc + 1;
		if (*s == '%') {
			rc = fmt_put(b, "%", 1);
		} else if (*s == 's') {
			const char *str = va_arg(ap, const char *);
			rc = str ? fmt_put(b, str, strlen(str)) : 1;
		} else if (s[0] == '.' && s[1] == '*' && s[2] == 's') {
			int prec = va_arg(ap, int);
			const char *str = va_arg(ap, const char *);
			const char *z = prec >= 0 && str ? memchr(str, '\0', (size_t)prec) : NULL;
			rc = prec >= 0 && str ? fmt_put(b, str, z ? (size_t)(z - str) : (size_t)prec) : 1;
			s += 2;
		} else if (s[0] == '.' && s[1] >= '0' && s[1] <= '3' && s[2] == 'f') {
			rc = fmt_fixed(b, va_arg(ap, double), (unsigned)(s[1] - '0'));
			s += 2;
		} else if (*s == 'd') {
			rc = fmt_i64(b, va_arg(ap, int));
		} else if (*s == 'u') {
			rc = fmt_u64(b, va_arg(ap, unsigned), false);
		} else if (s[0] == 'z' && s[1] == 'u') {
			rc = fmt_u64(b, va_arg(ap, size_t), false);
			s++;
		} else if (s[0] == 'l' && s[1] == 'd') {
			rc = fmt_i64(b, va_arg(ap, long));
			s++;
		} else if (s[0] == 'l' && s[1] == 'u') {
			rc = fmt_u64(b, va_arg(ap, unsigned long), false);
			s++;
		} else if (s[0] == 'l' && s[1] == 'l' && s[2] == 'd') {
			rc = fmt_i64(b, va_arg(ap, long long));
			s += 2;
		} else if (s[0] == 'l' && s[1] == 'l' && s[2] == 'u') {
			rc = fmt_u64(b, va_arg(ap, unsigned long long), false);
			s += 2;
		} else {
			rc = 1;
		}
		f = s + 1;
	}
	return rc;
}

int cen__alert_vprintf(cen_buf *b, const char *fmt, va_list ap)
{
	size_t start = b->len;
	va_list ap2;
	va_copy(ap2, ap);
	int rc = fmt_fast(b, fmt, ap2);
	va_end(ap2);
	if (rc && b->data) { /* all or nothing, as cen_buf_vprintf */
		b->len = start;
		b->data[start] = '\0';
	}
	return rc == 1 ? cen_buf_vprintf(b, fmt, ap) : rc;
}

int cen__alert_printf(cen_buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int rc = cen__alert_vprintf(b, fmt, ap);
	va_end(ap);
	return rc;
}

double cen__cv(double sum, double sq, uint32_t n)
{
	if (n < 2 || sum <= 0)
		return 0;
	double mean = sum / n;
	double var = sq / n - mean * mean;
	if (var < 0)
		var = 0;
	return sqrt(var) / mean;
}
