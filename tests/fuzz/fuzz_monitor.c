/* fuzz_monitor.c - libFuzzer target: the monitoring engine on arbitrary
 * transaction rows (canonical CSV, header supplied), every detector on with
 * short windows so eviction, ring growth and shrinking, the cycle search
 * and the cash detectors all run, optionally features and reordering.
 * Differential: the same records through a monitor without the lookahead
 * pipe and one with it must give byte-identical alerts (and features), and
 * neither may fail except by running out of a limit. The first input byte
 * picks the options. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "centinela/alert.h"
#include "centinela/core.h"
#include "centinela/io.h"
#include "centinela/monitor.h"
#include "centinela/rules.h"
#include "centinela/txn.h"

static const char header[] =
	"id,timestamp,orig_bank,orig_account,bene_bank,bene_account,amount,currency,"
	"amount_received,currency_received,channel,orig_name,bene_name,orig_country,"
	"bene_country,location,memo\n";

static int to_buf(void *ctx, const cen_alert *a)
{
	return cen_alert_to_json(a, ctx) ? CEN_ENOMEM : 0;
}

static int feature_line(void *ctx, const char *txn_id, const double *values, size_t n)
{
	cen_buf *b = ctx;
	int rc = cen_buf_puts(b, txn_id);
	for (size_t i = 0; i < n; i++)
		rc |= cen_buf_printf(b, ",%.17g", values[i]);
	return rc | cen_buf_putc(b, '\n') ? CEN_ENOMEM : 0;
}

/* Runs every record of csv through one monitor; alerts and features land
 * in out. Returns the monitor's status. */
static int run(const char *csv, size_t len, const cen_rules *rules, unsigned lookahead,
	       int features, cen_buf *out)
{
	cen_monitor_config cfg;
	memset(&cfg, 0, sizeof cfg);
	cfg.rules = rules;
	cfg.sink = to_buf;
	cfg.sink_ctx = out;
	cfg.lookahead = lookahead;
	if (features) {
		cfg.features = feature_line;
		cfg.features_ctx = out;
	}
	cen_monitor *m = NULL;
	char err[256];
	if (cen_monitor_new(&cfg, &m, err, sizeof err)) {
		fprintf(stderr, "fuzz_monitor: %s\n", err);
		abort(); /* the rules below are valid */
	}
	cen_txn_reader *r = NULL;
	int rc = cen_txn_reader_open_mem(&r, csv, len, "fuzz.csv", NULL);
	if (rc) {
		cen_monitor_free(m);
		return 0; /* no readable header: nothing to compare */
	}
	cen_txn t;
	while ((rc = cen_txn_reader_next(r, &t)) != 0) {
		if (rc != 1)
			continue; /* rejected rows are the reader's business */
		if ((rc = cen_monitor_push(m, &t)))
			break;
	}
	if (!rc)
		rc = cen_monitor_finish(m);
	cen_txn_reader_free(r);
	cen_monitor_free(m);
	return rc;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t sel = size ? data[0] : 0;
	if (size) {
		data++;
		size--;
	}
	char *csv = malloc(sizeof header + size);
	if (!csv)
		return 0;
	memcpy(csv, header, sizeof header - 1);
	memcpy(csv + sizeof header - 1, data, size);
	size_t len = sizeof header - 1 + size;
	/* Short windows: the data's minutes and hours cover many of them. */
	const char *text = (sel & 1) ? "[monitor]\nreorder_tolerance = 600\n"
				       "[cycle]\nwindow = 7200\n[fan_in]\nwindow = 3600\ndecide_after = 600\n"
				       "[fan_out]\nwindow = 3600\ndecide_after = 600\n"
				       "[bipartite]\nwindow = 7200\n"
				       "[stack]\nwindow = 7200\n[pass_through]\nmax_delay = 3600\n"
				       "match = \"single\"\n"
				     : "[cycle]\nwindow = 600\ntemporal = false\n"
				       "[scatter_gather]\nwindow = 900\n[gather_scatter]\nwindow = 900\n"
				       "episode = 300\ndecide_after = 300\n"
				       "[monitor]\nmax_adjacency = 8\n";
	cen_rules *rules = NULL;
	char err[256];
	if (cen_rules_parse(text, strlen(text), "fuzz.toml", &rules, err, sizeof err, NULL))
		abort();
	int features = (sel & 2) != 0;
	cen_buf a, b;
	cen_buf_init(&a, 0);
	cen_buf_init(&b, 0);
	int ra = run(csv, len, rules, 0, features, &a);
	int rb = run(csv, len, rules, CEN_MONITOR_LOOKAHEAD, features, &b);
	if (ra != rb || (ra && ra != CEN_ELIMIT))
		abort();
	if (!ra && (a.len != b.len || (a.len && memcmp(a.data, b.data, a.len))))
		abort(); /* the pipe must not change what comes out */
	cen_buf_release(&a);
	cen_buf_release(&b);
	cen_rules_free(rules);
	free(csv);
	return 0;
}
