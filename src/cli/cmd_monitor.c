/* cmd_monitor.c - `centinela monitor`: transactions in, alerts out
 * (docs/monitoring.md).
 *
 * Reads transactions with cen_txn_reader (any supported format, or a column
 * mapping), pushes them through a cen_monitor and writes each alert as one
 * JSON line as soon as the engine emits it; when writing to stdout every
 * alert is flushed at once, so `--in - --out -` streams. Rejected rows go to
 * --rejects (header line first, then each raw row) and are counted; every
 * problem is reported on stderr with file and line (the first 20, then a
 * count). A summary goes to stderr at the end; a progress bar too when
 * stderr is a terminal and the input size is known.
 *
 * Exit: 0 success; 1 rows were rejected and --strict was given; 2 failure.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "centinela/accounts.h"
#include "centinela/monitor.h"
#include "centinela/rules.h"
#include "centinela/txn.h"
#include "commands.h"

#define SHOW_MAX 20

static void usage(FILE *f)
{
	fprintf(f,
		"usage: centinela monitor --in FILE|- [--out FILE|-] [--rules FILE]\n"
		"         [--accounts FILE] [--columns MAP] [--format FMT]\n"
		"         [--time-unit seconds|step] [--step-seconds N] [--features FILE]\n"
		"         [--sep C] [--no-header] [--comment C] [--currency CUR]\n"
		"         [--rates CUR=USD,...] [--rates-file FILE]\n"
		"         [--rejects FILE] [--strict] [--quiet] [--no-progress]\n"
		"         [--lookahead N]\n"
		"\n"
		"Finds laundering typologies in transactions and writes one JSON alert per\n"
		"line (default stdout). FMT: auto (default), canonical, amlworld, mapped,\n"
		"jsonl. MAP: e.g. src=sourceNodeId,dst=targetNodeId,amount=value,time=time.\n"
		"--features FILE writes per-transaction graph features (docs/features.md).\n"
		"--rejects FILE keeps malformed rows; --strict makes them exit code 1.\n"
		"--lookahead N: records held back to prefetch their memory (default 48\n"
		"for a file, 0 for stdin or a pipe, so alerts go out as they fire).\n");
}

struct ctx {
	FILE *out;
	int flush;
	cen_buf line;
	FILE *feat;
	int feat_header;
	const char *const *feat_names;
	size_t nfeat;
	unsigned long shown;
	int rc_io;
};

static void show(void *c, int severity, const char *file, uint64_t line, const char *field,
		 const char *msg)
{
	struct ctx *x = c;
	if (++x->shown > SHOW_MAX)
		return;
	char where[512];
	snprintf(where, sizeof where, "%s:%llu: ", file ? file : "", (unsigned long long)line);
	/* Reader messages already start with file:line; do not say it twice. */
	size_t wl = strlen(where);
	if (!strncmp(msg, where, wl)) {
		msg += wl;
		if (field && !strncmp(msg, "field '", 7))
			field = NULL; /* the message names the field itself */
	}
	fprintf(stderr, "monitor: %s%s%s%s%s\n", where, severity >= 2 ? "" : "warning: ",
		field ? field : "", field ? ": " : "", msg);
}

static int sink(void *c, const cen_alert *a)
{
	struct ctx *x = c;
	cen_buf_reset(&x->line);
	if (cen_alert_to_json(a, &x->line) || cen_buf_putc(&x->line, '\n'))
		return CEN_ENOMEM;
	if (fwrite(x->line.data, 1, x->line.len, x->out) != x->line.len ||
	    (x->flush && fflush(x->out))) {
		x->rc_io = 1;
		return CEN_EIO;
	}
	return 0;
}

static int features(void *c, const char *id, const double *v, size_t n)
{
	struct ctx *x = c;
	if (!x->feat_header) {
		fputs("txn_id", x->feat);
		for (size_t i = 0; i < x->nfeat; i++)
			fprintf(x->feat, ",%s", x->feat_names[i]);
		fputc('\n', x->feat);
		x->feat_header = 1;
	}
	cen_buf_reset(&x->line);
	int rc = 0;
	/* ids with commas or quotes are quoted as CSV. */
	if (strpbrk(id, ",\"\n\r")) {
		rc |= cen_buf_putc(&x->line, '"');
		for (const char *p = id; *p; p++) {
			if (*p == '"')
				rc |= cen_buf_putc(&x->line, '"');
			rc |= cen_buf_putc(&x->line, *p);
		}
		rc |= cen_buf_putc(&x->line, '"');
	} else {
		rc |= cen_buf_puts(&x->line, id);
	}
	for (size_t i = 0; i < n; i++)
		rc |= cen_buf_printf(&x->line, ",%.10g", v[i]);
	rc |= cen_buf_putc(&x->line, '\n');
	if (rc)
		return CEN_ENOMEM;
	if (fwrite(x->line.data, 1, x->line.len, x->feat) != x->line.len) {
		x->rc_io = 1;
		return CEN_EIO;
	}
	return 0;
}

/* The process's peak resident memory in MiB (graph, detectors, accounts
 * table and buffers held at once), 0 unknown. */
static double peak_resident_mib(void)
{
	struct rusage ru;
	if (getrusage(RUSAGE_SELF, &ru))
		return 0.0;
	return (double)ru.ru_maxrss / 1024.0; /* ru_maxrss is in KiB on Linux */
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void progress(const cen_txn_reader *r, uint64_t n, double t0, int done)
{
	uint64_t pos, total;
	cen_txn_reader_progress(r, &pos, &total);
	double el = now() - t0;
	if (total) {
		int w = 30, fill = (int)((double)pos / (double)total * w);
		if (fill > w)
			fill = w;
		fprintf(stderr, "\r[%.*s%*s] %3.0f%% %llu txns %.0f txn/s ", fill,
			"##############################", w - fill, "",
			100.0 * (double)pos / (double)total, (unsigned long long)n,
			el > 0 ? (double)n / el : 0.0);
	} else {
		fprintf(stderr, "\r%llu txns %.0f txn/s ", (unsigned long long)n,
			el > 0 ? (double)n / el : 0.0);
	}
	if (done)
		fputc('\n', stderr);
}

/* A file is read as fast as the engine goes: hold records back to
 * prefetch for them. A pipe or terminal may trickle: alerts go out at once. */
static unsigned input_lookahead(const char *in)
{
	struct stat st;
	if (!strcmp(in, "-") || stat(in, &st) || !S_ISREG(st.st_mode))
		return 0;
	return CEN_MONITOR_LOOKAHEAD;
}

int cmd_monitor(int argc, char **argv)
{
	const char *in = NULL, *outp = "-", *rules_path = NULL, *accounts_path = NULL;
	const char *features_path = NULL, *rejects_path = NULL;
	int strict = 0, quiet = 0, want_progress = 1;
	long lookahead = -1; /* -1: by the kind of input */
	cen_txn_reader_opts ro;
	memset(&ro, 0, sizeof ro);
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
		if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			usage(stdout);
			return 0;
		} else if (!strcmp(a, "--strict")) {
			strict = 1;
		} else if (!strcmp(a, "--quiet")) {
			quiet = 1;
		} else if (!strcmp(a, "--no-progress")) {
			want_progress = 0;
		} else if (!strcmp(a, "--no-header")) {
			ro.no_header = 1; /* columns then named #1, #2, ... in --columns */
		} else if (!v) {
			fprintf(stderr, "centinela monitor: bad or incomplete option '%s'\n", a);
			usage(stderr);
			return 2;
		} else if (!strcmp(a, "--in")) {
			in = v, i++;
		} else if (!strcmp(a, "--out")) {
			outp = v, i++;
		} else if (!strcmp(a, "--rules")) {
			rules_path = v, i++;
		} else if (!strcmp(a, "--accounts")) {
			accounts_path = v, i++;
		} else if (!strcmp(a, "--columns")) {
			ro.columns = v, i++;
		} else if (!strcmp(a, "--sep") || !strcmp(a, "--comment")) {
			char c = !strcmp(v, "tab") || !strcmp(v, "\\t") ? '\t' : v[0];
			if (!c || (v[1] && c != '\t')) {
				fprintf(stderr, "centinela monitor: %s takes one character (or 'tab')\n", a);
				return 2;
			}
			if (a[2] == 's')
				ro.sep = c;
			else
				ro.comment = c;
			i++;
		} else if (!strcmp(a, "--currency")) {
			ro.default_currency = v, i++;
		} else if (!strcmp(a, "--rates")) {
			ro.rates = v, i++;
		} else if (!strcmp(a, "--rates-file")) {
			ro.rates_file = v, i++;
		} else if (!strcmp(a, "--features")) {
			features_path = v, i++;
		} else if (!strcmp(a, "--rejects")) {
			rejects_path = v, i++;
		} else if (!strcmp(a, "--format")) {
			if (cen_txn_format_parse(v, &ro.format)) {
				fprintf(stderr, "centinela monitor: unknown format '%s'\n", v);
				return 2;
			}
			i++;
		} else if (!strcmp(a, "--time-unit")) {
			if (cen_time_unit_parse(v, &ro.time_unit)) {
				fprintf(stderr, "centinela monitor: unknown time unit '%s'\n", v);
				return 2;
			}
			i++;
		} else if (!strcmp(a, "--lookahead")) {
			char *end;
			lookahead = strtol(v, &end, 10);
			if (*end || lookahead < 0 || lookahead > CEN_MONITOR_MAX_LOOKAHEAD) {
				fprintf(stderr, "centinela monitor: --lookahead needs 0..%d\n",
					CEN_MONITOR_MAX_LOOKAHEAD);
				return 2;
			}
			i++;
		} else if (!strcmp(a, "--step-seconds")) {
			char *end;
			long long s = strtoll(v, &end, 10);
			if (*end || s <= 0) {
				fprintf(stderr, "centinela monitor: --step-seconds needs a positive integer\n");
				return 2;
			}
			ro.step_seconds = s;
			i++;
		} else {
			fprintf(stderr, "centinela monitor: unknown option '%s'\n", a);
			usage(stderr);
			return 2;
		}
	}
	if (!in) {
		fprintf(stderr, "centinela monitor: --in is required\n");
		usage(stderr);
		return 2;
	}
	struct ctx x;
	memset(&x, 0, sizeof x);
	cen_buf_init(&x.line, 0);
	cen_diag diag = {show, &x, 0, 0};
	cen_rules *rules = NULL;
	cen_accounts *accounts = NULL;
	cen_txn_reader *rd = NULL;
	cen_monitor *m = NULL;
	FILE *rej = NULL;
	int code = 2, rc;
	char err[512];
	x.out = stdout;
	if ((rc = cen_rules_load(rules_path, &rules, err, sizeof err, &diag))) {
		fprintf(stderr, "centinela monitor: %s\n", err);
		goto done;
	}
	if (accounts_path) {
		if ((rc = cen_accounts_load(&accounts, accounts_path, &diag))) {
			fprintf(stderr, "centinela monitor: %s\n",
				accounts ? cen_accounts_errmsg(accounts) : cen_strerror(rc));
			goto done;
		}
	}
	/* --in is read, not mapped (on this project's VM each 4 KiB page of a
	 * mapping costs a fault and a page-table fill on first touch; read()
	 * copies from the page cache on the kernel's huge pages), into buffers
	 * whose bytes stay put through the rows the lookahead holds (and one
	 * more): the engine keeps a row's text where it lies, no copy, until
	 * the row leaves the pipe, that many rows later. */
	unsigned depth = lookahead >= 0 ? (unsigned)lookahead : input_lookahead(in);
	ro.window_rows = depth + 1;
	if ((rc = cen_txn_reader_open(&rd, in, &ro))) {
		fprintf(stderr, "centinela monitor: %s\n", rd ? cen_txn_reader_errmsg(rd) : cen_strerror(rc));
		goto done;
	}
	if (strcmp(outp, "-")) {
		x.out = fopen(outp, "wb");
		if (!x.out) {
			fprintf(stderr, "centinela monitor: cannot write %s\n", outp);
			x.out = stdout;
			goto done;
		}
	} else {
		x.flush = 1;
	}
	if (features_path && !(x.feat = fopen(features_path, "wb"))) {
		fprintf(stderr, "centinela monitor: cannot write %s\n", features_path);
		goto done;
	}
	if (rejects_path) {
		if (!(rej = fopen(rejects_path, "wb"))) {
			fprintf(stderr, "centinela monitor: cannot write %s\n", rejects_path);
			goto done;
		}
		cen_slice h = cen_txn_reader_header(rd);
		if (h.len) {
			fwrite(h.ptr, 1, h.len, rej);
			fputc('\n', rej);
		}
	}
	cen_monitor_config cfg;
	memset(&cfg, 0, sizeof cfg);
	cfg.rules = rules;
	cfg.sink = sink;
	cfg.sink_ctx = &x;
	cfg.accounts = accounts; /* the engine takes its index of names */
	if (x.feat) {
		cfg.features = features;
		cfg.features_ctx = &x;
	}
	cfg.diag = &diag;
	cfg.source_name = strcmp(in, "-") ? in : "<stdin>";
	cfg.lookahead = depth;
	if ((rc = cen_monitor_new(&cfg, &m, err, sizeof err))) {
		fprintf(stderr, "centinela monitor: %s\n", err);
		goto done;
	}
	if (x.feat)
		x.feat_names = cen_monitor_feature_names(m, &x.nfeat);
	int show_progress = want_progress && !quiet && isatty(2);
	double t0 = now();
	uint64_t n = 0;
	cen_txn own;
	for (;;) {
		/* The record is read straight into the engine's place for it,
		 * where there is one: the push then copies no struct. */
		cen_txn *t = cen_monitor_slot(m);
		if (!t)
			t = &own;
		rc = cen_txn_reader_next(rd, t);
		if (rc == 0)
			break;
		if (rc == CEN_EPARSE || rc == CEN_ELIMIT) {
			cen_diag_report(&diag, 2, cfg.source_name, cen_txn_reader_line(rd), NULL, "%s",
					cen_txn_reader_errmsg(rd));
			if (rej) {
				cen_slice raw = cen_txn_reader_raw(rd);
				fwrite(raw.ptr, 1, raw.len, rej);
				fputc('\n', rej);
			}
			continue;
		}
		if (rc < 0) {
			fprintf(stderr, "centinela monitor: %s\n", cen_txn_reader_errmsg(rd));
			goto done;
		}
		rc = cen_txn_reader_kept(rd) ? cen_monitor_push_kept(m, t, cen_txn_reader_line(rd))
						   : cen_monitor_push_line(m, t, cen_txn_reader_line(rd));
		if (rc) {
			fprintf(stderr, "centinela monitor: %s\n",
				x.rc_io ? "cannot write the output" : cen_strerror(rc));
			goto done;
		}
		if ((++n & 0x3ffff) == 0 && show_progress)
			progress(rd, n, t0, 0);
	}
	if ((rc = cen_monitor_finish(m))) {
		fprintf(stderr, "centinela monitor: %s\n",
			x.rc_io ? "cannot write the output" : cen_strerror(rc));
		goto done;
	}
	if (fflush(x.out) || (x.feat && fflush(x.feat))) {
		fprintf(stderr, "centinela monitor: cannot write the output\n");
		goto done;
	}
	double el = now() - t0;
	if (show_progress)
		progress(rd, n, t0, 1);
	if (x.shown > SHOW_MAX)
		fprintf(stderr, "monitor: ... %lu more problems not shown\n", x.shown - SHOW_MAX);
	cen_txn_counts counts;
	cen_txn_reader_counts(rd, &counts);
	cen_monitor_stats st;
	cen_monitor_get_stats(m, &st);
	if (!quiet) {
		fprintf(stderr, "monitor: %llu transactions read, %llu rejected, %llu late "
			"(processed at the clock), %llu reordered\n",
			(unsigned long long)counts.ok, (unsigned long long)counts.rejected,
			(unsigned long long)st.late, (unsigned long long)st.reordered);
		fprintf(stderr, "monitor: %llu alerts (%llu further matches folded into them)\n",
			(unsigned long long)st.alerts, (unsigned long long)st.suppressed);
		for (size_t i = 0; i < cen_monitor_typology_count(m); i++)
			fprintf(stderr, "  %-22s %s%llu\n", cen_monitor_typology_name(m, i),
				cen_monitor_typology_enabled(m, i) ? "" : "(off) ",
				(unsigned long long)cen_monitor_typology_alerts(m, i));
		fprintf(stderr, "monitor: %.2f s, %.0f txn/s; %llu accounts; window %lld s, "
			"peak %llu transactions held, %.1f MiB peak graph memory "
			"(%.0f bytes per transaction held); %.1f MiB peak resident\n",
			el, el > 0 ? (double)n / el : 0.0, (unsigned long long)st.accounts,
			(long long)st.window, (unsigned long long)st.peak_window_edges,
			(double)st.peak_memory_bytes / 1048576.0,
			st.peak_window_edges ? (double)st.peak_memory_bytes / (double)st.peak_window_edges : 0.0,
			peak_resident_mib());
		if (st.adj_overflow || st.search_truncated)
			fprintf(stderr, "monitor: %llu adjacency entries over the per-account cap, "
				"%llu bounded searches cut short\n",
				(unsigned long long)st.adj_overflow,
				(unsigned long long)st.search_truncated);
	}
	code = strict && (counts.rejected || diag.errors) ? 1 : 0;
done:
	cen_monitor_free(m);
	cen_txn_reader_free(rd);
	cen_accounts_free(accounts);
	cen_rules_free(rules);
	if (x.out && x.out != stdout && fclose(x.out) && code == 0)
		code = 2;
	if (x.feat && fclose(x.feat) && code == 0)
		code = 2;
	if (rej)
		fclose(rej);
	cen_buf_release(&x.line);
	return code;
}
