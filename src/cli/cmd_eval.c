/* cmd_eval.c - `centinela eval`: score alerts against synth's ground truth
 * (docs/eval.md). */
#include <stdio.h>
#include <string.h>

#include "centinela/eval.h"
#include "commands.h"

static void usage(FILE *f)
{
	fprintf(f,
		"usage: centinela eval --alerts FILE --truth DIR [--format table|json] [--strict]\n"
		"\n"
		"Scores alerts (JSON lines, '-' for stdin) against DIR/truth_txns.csv and\n"
		"DIR/truth_accounts.csv: precision, recall and F1 over transactions and\n"
		"accounts, recall per typology. Bad alert lines are reported and skipped;\n"
		"with --strict they make the exit code 1.\n");
}

#define SHOW_MAX 20

static void show(void *ctx, int severity, const char *file, uint64_t line, const char *field,
		 const char *msg)
{
	unsigned long *shown = ctx;
	if (++*shown > SHOW_MAX)
		return;
	fprintf(stderr, "eval: %s:%llu: %s%s%s%s\n", file ? file : "", (unsigned long long)line,
		severity >= 2 ? "" : "warning: ", field ? field : "", field ? ": " : "", msg);
}

int cmd_eval(int argc, char **argv)
{
	const char *alerts = NULL, *truth = NULL;
	int json = 0, strict = 0;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
		if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			usage(stdout);
			return 0;
		} else if (!strcmp(a, "--strict")) {
			strict = 1;
		} else if (!strcmp(a, "--alerts") && v) {
			alerts = v;
			i++;
		} else if (!strcmp(a, "--truth") && v) {
			truth = v;
			i++;
		} else if (!strcmp(a, "--format") && v && (!strcmp(v, "json") || !strcmp(v, "table"))) {
			json = !strcmp(v, "json");
			i++;
		} else {
			fprintf(stderr, "centinela eval: bad or incomplete option '%s'\n", a);
			usage(stderr);
			return 2;
		}
	}
	if (!alerts || !truth) {
		fprintf(stderr, "centinela eval: --alerts and --truth are required\n");
		usage(stderr);
		return 2;
	}
	cen_eval *e = NULL;
	unsigned long shown = 0;
	cen_diag diag = {show, &shown, 0, 0};
	cen_eval_result r;
	cen_buf out;
	cen_buf_init(&out, 0);
	int rc = cen_eval_new(&e), code = 2;
	if (rc) {
		fprintf(stderr, "centinela eval: %s\n", cen_strerror(rc));
		goto done;
	}
	if ((rc = cen_eval_load_truth(e, truth, &diag)) ||
	    (rc = cen_eval_read_alerts(e, alerts, &diag)) || (rc = cen_eval_compute(e, &r))) {
		fprintf(stderr, "centinela eval: %s\n", cen_eval_errmsg(e));
		goto done;
	}
	if (shown > SHOW_MAX)
		fprintf(stderr, "eval: ... %lu more problems not shown\n", shown - SHOW_MAX);
	rc = json ? cen_eval_format_json(&r, &out) : cen_eval_format_table(&r, &out);
	if (rc || (json && cen_buf_putc(&out, '\n'))) {
		fprintf(stderr, "centinela eval: out of memory\n");
		goto done;
	}
	fwrite(out.data, 1, out.len, stdout);
	if (fflush(stdout) != 0) {
		perror("centinela eval: stdout");
		goto done;
	}
	code = strict && diag.errors ? 1 : 0;
done:
	cen_buf_release(&out);
	cen_eval_free(e);
	return code;
}
