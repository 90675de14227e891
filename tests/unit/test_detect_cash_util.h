/* test_detect_cash_util.h - hand-built transaction streams for the cash
 * detector tests: make transactions, describe accounts, run a detector and
 * keep the alerts it emits. Included by tests/unit/test_detect_cash_*.c. */
#ifndef TEST_DETECT_CASH_UTIL_H
#define TEST_DETECT_CASH_UTIL_H

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "centinela/monitor.h"
#include "centinela/rules.h"
#include "core/timeutil.h"
#include "detect/cash_det.h"

#define T_MAX_ALERTS 64
#define T_MAX_TX 64

typedef struct t_alert {
	char typology[32];
	double score;
	char explanation[1024];
	char evidence[4096];
	size_t n_txns, n_accounts;
	char txns[T_MAX_TX][32];
	char accounts[8][64];
	int64_t start, end;
} t_alert;

typedef struct t_alerts {
	int n;
	t_alert a[T_MAX_ALERTS];
} t_alerts;

static inline int t_collect(void *ctx, cen_alert *a)
{
	t_alerts *l = ctx;
	if (l->n >= T_MAX_ALERTS)
		return 0;
	t_alert *o = &l->a[l->n++];
	a->id = (uint64_t)l->n;
	snprintf(o->typology, sizeof o->typology, "%s", a->typology);
	o->score = a->score;
	snprintf(o->explanation, sizeof o->explanation, "%s", a->explanation);
	snprintf(o->evidence, sizeof o->evidence, "%s", a->evidence);
	o->n_txns = a->n_txns;
	o->n_accounts = a->n_accounts;
	for (size_t i = 0; i < a->n_txns && i < T_MAX_TX; i++)
		snprintf(o->txns[i], sizeof o->txns[i], "%s", a->txns[i]);
	for (size_t i = 0; i < a->n_accounts && i < 8; i++)
		snprintf(o->accounts[i], sizeof o->accounts[i], "%s", a->accounts[i]);
	o->start = a->start;
	o->end = a->end;
	return 0;
}

/* "2025-03-03T10:15" -> epoch seconds UTC. */
static inline int64_t t_ts(const char *s)
{
	int y = 0, mo = 0, d = 0, h = 0, mi = 0;
	sscanf(s, "%d-%d-%dT%d:%d", &y, &mo, &d, &h, &mi);
	return cen__days_from_civil(y, (unsigned)mo, (unsigned)d) * 86400 + h * 3600 + mi * 60;
}

static inline cen_slice t_sl(const char *s)
{
	cen_slice x = {s ? s : "", s ? strlen(s) : 0};
	return x;
}

/* A transaction of usd dollars; orig/bene are account labels ("CASH" for the
 * counter side of a deposit or withdrawal). */
static inline cen_txn t_txn(const char *id, const char *ts, const char *orig, const char *bene,
		     double usd, cen_channel ch, const char *loc)
{
	cen_txn t;
	memset(&t, 0, sizeof t);
	t.id = t_sl(id);
	t.ts = t_ts(ts);
	t.orig_acct = t_sl(orig);
	t.bene_acct = t_sl(bene);
	t.amount = t.amount_recv = t.base_amount = (int64_t)llround(usd * 100);
	memcpy(t.currency, "USD", 4);
	memcpy(t.currency_recv, "USD", 4);
	t.channel = ch;
	t.location = t_sl(loc);
	t.label = -1;
	return t;
}

/* t_txn with the banks of both sides (the engine names an account
 * "BANK:ACCOUNT"). */
static inline cen_txn t_tx(const char *id, const char *ts, const char *ob, const char *oa,
			   const char *bb, const char *ba, double usd, cen_channel ch, const char *loc)
{
	cen_txn t = t_txn(id, ts, oa, ba, usd, ch, loc);
	t.orig_bank = t_sl(ob);
	t.bene_bank = t_sl(bb);
	return t;
}

typedef struct t_env {
	const cen_rules *rules;
	const cen__cash_acct *accts; /* known accounts */
	size_t n_accts;
	t_alerts alerts;
	cen_diag diag;
	cen__cash_env env;
} t_env;

static cen_rules *t_rules(const char *text);

/* A monitor made with cfg, given the n records of in and finished (every
 * step must succeed); the caller frees it. */
static inline cen_monitor *t_monitor_run(const cen_monitor_config *cfg, const cen_txn *in,
					 size_t n)
{
	cen_monitor *m = NULL;
	char err[256];
	assert_int_equal(cen_monitor_new(cfg, &m, err, sizeof err), 0);
	for (size_t i = 0; i < n; i++)
		assert_int_equal(cen_monitor_push(m, &in[i]), 0);
	assert_int_equal(cen_monitor_finish(m), 0);
	return m;
}

/* An environment with these known accounts and rules text (NULL: none). */
static inline t_env t_env_make(const cen__cash_acct *accts, size_t n, const char *rules_text)
{
	t_env e;
	memset(&e, 0, sizeof e);
	e.rules = rules_text ? t_rules(rules_text) : NULL;
	e.accts = accts;
	e.n_accts = n;
	return e;
}

static inline void env_done(t_env *e)
{
	cen_rules_free((cen_rules *)e->rules);
	e->rules = NULL;
}

static inline cen__cash_acct t_lookup(const t_env *e, cen_slice acct)
{
	for (size_t i = 0; i < e->n_accts; i++)
		if (strlen(e->accts[i].label) == acct.len &&
		    memcmp(e->accts[i].label, acct.ptr, acct.len) == 0)
			return e->accts[i];
	cen__cash_acct a;
	memset(&a, 0, sizeof a);
	a.label = "?"; /* replaced by the caller with a NUL-terminated copy */
	return a;
}

/* Runs ops over txns; returns the status of create (other failures fail
 * the test). Alerts land in e->alerts. */
static inline int t_run(const cen__cash_ops *ops, t_env *e, const cen_txn *txns, size_t n)
{
	void *st = NULL;
	memset(&e->alerts, 0, sizeof e->alerts);
	e->env.emit = t_collect;
	e->env.emit_ctx = &e->alerts;
	e->env.diag = &e->diag;
	int rc = ops->create(&st, e->rules, &e->env);
	if (rc)
		return rc;
	for (size_t i = 0; i < n; i++) {
		char ol[128], bl[128];
		snprintf(ol, sizeof ol, "%.*s", (int)txns[i].orig_acct.len, txns[i].orig_acct.ptr);
		snprintf(bl, sizeof bl, "%.*s", (int)txns[i].bene_acct.len, txns[i].bene_acct.ptr);
		cen__cash_acct o = t_lookup(e, txns[i].orig_acct);
		cen__cash_acct b = t_lookup(e, txns[i].bene_acct);
		/* a numbered account's label must outlive the call (the
		 * known one does) */
		if (!o.vref)
			o.label = ol;
		if (!b.vref)
			b.label = bl;
		int r2 = ops->on_txn(st, &txns[i], cen__cash_dir(&txns[i]), &o, &b);
		if (r2) {
			ops->free(st);
			return r2;
		}
	}
	rc = ops->finish(st);
	ops->free(st);
	return rc;
}

static cen_rules *t_rules(const char *text)
{
	cen_rules *r = NULL;
	char err[256];
	if (cen_rules_parse(text, strlen(text), "test.toml", &r, err, sizeof err, NULL)) {
		fprintf(stderr, "rules: %s\n", err);
		abort();
	}
	return r;
}

static inline bool t_has_txn(const t_alert *a, const char *id)
{
	for (size_t i = 0; i < a->n_txns && i < T_MAX_TX; i++)
		if (strcmp(a->txns[i], id) == 0)
			return true;
	return false;
}

#endif
