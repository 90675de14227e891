/* emit.c - building an alert and handing it to the sink; a small helper
 * detectors share (amount dispersion).
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
	if (cen_buf_vprintf(&b->explanation, fmt, ap))
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
