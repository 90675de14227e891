/* cmd_compare.c - `centinela compare NAME1 NAME2`: the score of two names
 * and why. Without --list, token rarity comes from the library's built-in
 * table of common names; with --list, from those lists. */
#include <string.h>

#include "commands.h"
#include "screen_cli.h"

static void usage(FILE *f)
{
	fprintf(f,
		"usage: centinela compare NAME1 NAME2 [--kind person|org]\n"
		"                         [--algorithm default|ofac] [--list PATH]...\n"
		"                         [--format table|json|csv]\n"
		"Scores NAME1 (the query) against NAME2 (the list name). match is true when\n"
		"the score reaches the algorithm's default threshold. --list makes token\n"
		"rarity come from those lists.\n");
}

static const char *corrob_name(cen_corrob c)
{
	switch (c) {
	case CEN_CORROB_AGREE: return "agree";
	case CEN_CORROB_PARTIAL: return "partial";
	case CEN_CORROB_CONTRADICT: return "contradict";
	default: return "none";
	}
}

static int write_json(cen_buf *b, const char *n1, const char *n2, cen_algorithm algo,
		      const cen_compare_result *r)
{
	const cen_score_parts *p = &r->parts;
	int rc = cen_buf_puts(b, "{\"name1\":");
	if (!rc)
		rc = cen_json_cstr(b, n1);
	if (!rc)
		rc = cen_buf_puts(b, ",\"name2\":");
	if (!rc)
		rc = cen_json_cstr(b, n2);
	if (!rc)
		rc = cen_buf_printf(b,
			",\"algorithm\":\"%s\",\"score\":%.4f,\"match\":%s,\"threshold\":%.2f,"
			"\"parts\":{\"name\":%.4f,\"coverage_query\":%.4f,\"coverage_list\":%.4f,"
			"\"rarity\":%.4f,\"conflict\":%.4f,\"paired\":%zu,\"dob\":\"%s\","
			"\"country\":\"%s\",\"id_match\":%s},\"explanation\":",
			cen_algorithm_name(algo), r->score, r->match ? "true" : "false",
			r->threshold, p->name, p->coverage_query, p->coverage_list, p->rarity,
			p->conflict, p->paired, corrob_name(p->dob), corrob_name(p->country),
			p->id_match ? "true" : "false");
	if (!rc)
		rc = cen_json_cstr(b, r->explanation ? r->explanation : "");
	return rc ? rc : cen_buf_puts(b, "}\n");
}

static int write_csv(cen_buf *b, const char *n1, const char *n2, cen_algorithm algo,
		     const cen_compare_result *r)
{
	int rc = cen_buf_puts(b, "name1,name2,algorithm,score,match,threshold,explanation\n");
	if (!rc)
		rc = out_csv_field(b, n1) || cen_buf_putc(b, ',') || out_csv_field(b, n2);
	if (!rc)
		rc = cen_buf_printf(b, ",%s,%.4f,%s,%.2f,", cen_algorithm_name(algo), r->score,
				    r->match ? "true" : "false", r->threshold);
	if (!rc)
		rc = out_csv_field(b, r->explanation ? r->explanation : "");
	return rc ? rc : cen_buf_putc(b, '\n');
}

int cmd_compare(int argc, char **argv)
{
	const char *cmd = "compare";
	cli_common c;
	cli_common_init(&c);
	const char *names[2] = {NULL, NULL};
	int nn = 0, r;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			usage(stdout);
			return 0;
		}
		if ((r = cli_common_opt(cmd, argc, argv, &i, &c))) {
			if (r < 0)
				return 2;
		} else if (a[0] == '-' && a[1]) {
			fprintf(stderr, "centinela compare: unknown option '%s'\n", a);
			usage(stderr);
			return 2;
		} else if (nn < 2) {
			names[nn++] = a;
		} else {
			fprintf(stderr, "centinela compare: two names only (quote each name)\n");
			return 2;
		}
	}
	if (nn != 2) {
		usage(stderr);
		return 2;
	}
	cli_format fmt = cli_format_resolve(c.fmt, NULL, stdout);
	int status = 2;
	cli_engine e;
	cen_buf out;
	cen_buf_init(&out, 0);
	if (cli_engine_open(cmd, &c.lists, 1, &e))
		goto out;
	cen_compare_result res;
	if (cen_compare(e.scr, e.ctx, names[0], names[1], c.kind, c.so.algorithm, &res)) {
		fprintf(stderr, "centinela compare: %s\n", cen_query_ctx_errmsg(e.ctx));
		goto out;
	}
	int rc;
	if (fmt == CLI_FMT_JSON)
		rc = write_json(&out, names[0], names[1], c.so.algorithm, &res);
	else if (fmt == CLI_FMT_CSV)
		rc = write_csv(&out, names[0], names[1], c.so.algorithm, &res);
	else
		rc = cen_buf_printf(&out, "score %.2f  %s (threshold %.2f, algorithm %s)\nwhy:   %s\n",
				    res.score, res.match ? "MATCH" : "no match", res.threshold,
				    cen_algorithm_name(c.so.algorithm),
				    res.explanation ? res.explanation : "");
	if (rc) {
		fprintf(stderr, "centinela compare: out of memory\n");
		goto out;
	}
	if (!cli_write_stdout(cmd, &out))
		status = 0;
out:
	cen_buf_release(&out);
	cli_engine_close(&e);
	return status;
}
