/* detect_harness.h - runs transactions given as compact text through a
 * cen_monitor and collects the alerts (for the test_detect_* tests).
 * Lines: "ts src dst amount [id]", ts in seconds, amount in dollars. */
#ifndef TEST_DETECT_HARNESS_H
#define TEST_DETECT_HARNESS_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "centinela/monitor.h"

typedef struct harness {
	size_t n;
	char typ[256][32];
	char json[256][4096];
	cen_buf buf;
} harness;

static int harness_sink(void *ctx, const cen_alert *a)
{
	harness *h = ctx;
	if (h->n < 256) {
		snprintf(h->typ[h->n], sizeof h->typ[0], "%s", a->typology);
		cen_buf_reset(&h->buf);
		cen_alert_to_json(a, &h->buf);
		snprintf(h->json[h->n], sizeof h->json[0], "%s", cen_buf_str(&h->buf));
	}
	h->n++;
	return 0;
}

static size_t harness_count(const harness *h, const char *typ)
{
	size_t c = 0;
	for (size_t i = 0; i < h->n && i < 256; i++)
		c += strcmp(h->typ[i], typ) == 0;
	return c;
}

/* The first alert of typ, or NULL. */
static const char *harness_find(const harness *h, const char *typ)
{
	for (size_t i = 0; i < h->n && i < 256; i++)
		if (!strcmp(h->typ[i], typ))
			return h->json[i];
	return NULL;
}

static void harness_push_channel(cen_monitor *m, int64_t ts, const char *src, const char *dst,
				 double dollars, const char *id, cen_channel channel)
{
	cen_txn t;
	memset(&t, 0, sizeof t);
	static uint64_t row;
	t.row = ++row;
	t.ts = ts;
	t.orig_acct.ptr = src;
	t.orig_acct.len = strlen(src);
	t.bene_acct.ptr = dst;
	t.bene_acct.len = strlen(dst);
	t.amount = t.base_amount = (int64_t)(dollars * 100 + 0.5);
	memcpy(t.currency, "USD", 4);
	t.channel = channel;
	t.label = -1;
	if (id) {
		t.id.ptr = id;
		t.id.len = strlen(id);
	}
	if (cen_monitor_push(m, &t) != 0) {
		fprintf(stderr, "push failed\n");
		abort();
	}
}

/* A wire transfer. */
static void harness_push(cen_monitor *m, int64_t ts, const char *src, const char *dst,
			 double dollars, const char *id)
{
	harness_push_channel(m, ts, src, dst, dollars, id, CEN_CH_WIRE);
}

/* The accounts hook of tests with one hub: HUBPAY is a payroll processor,
 * every other account unknown. */
static inline int harness_hub_lookup(void *ctx, const char *account, size_t len,
				     cen_monitor_account *out)
{
	(void)ctx;
	if (len != 6 || memcmp(account, "HUBPAY", 6) != 0)
		return 0;
	memset(out, 0, sizeof *out);
	out->kind = CEN_MKIND_HUB;
	return 1;
}

/* A monitor collecting into h, with rules (NULL: the defaults) and an
 * accounts hook (NULL: none). */
static cen_monitor *harness_new_lookup(harness *h, const cen_rules *rules,
				       cen_monitor_lookup_fn lookup)
{
	memset(h, 0, sizeof *h);
	cen_buf_init(&h->buf, 0);
	cen_monitor_config cfg;
	memset(&cfg, 0, sizeof cfg);
	cfg.sink = harness_sink;
	cfg.sink_ctx = h;
	cfg.rules = rules;
	cfg.lookup = lookup;
	cen_monitor *m = NULL;
	char err[256];
	if (cen_monitor_new(&cfg, &m, err, sizeof err)) {
		fprintf(stderr, "monitor: %s\n", err);
		abort();
	}
	return m;
}

static cen_monitor *harness_new_rules(harness *h, const cen_rules *rules)
{
	return harness_new_lookup(h, rules, NULL);
}

static cen_monitor *harness_new(harness *h)
{
	return harness_new_rules(h, NULL);
}

static void harness_free(harness *h, cen_monitor *m)
{
	cen_monitor_free(m);
	cen_buf_release(&h->buf);
}

#endif
