/* cmd_search.c - `centinela search NAME`: one name against the lists,
 * ranked hits with their explanation. */
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "screen_cli.h"

static void usage(FILE *f)
{
	fprintf(f,
		"usage: centinela search NAME [--dob DATE] [--country CC] [--kind person|org]\n"
		"                        [--id NUMBER]... [--limit N] [--threshold T]\n"
		"                        [--algorithm default|ofac] [--exhaustive]\n"
		"                        [--list PATH]... [--format table|json|csv]\n"
		"Ranks the entities whose names match NAME (best first, one line per entity).\n"
		"Without --list the bundled demo list is used. DATE is YYYY, YYYY-MM or\n"
		"YYYY-MM-DD; --id takes a passport, cedula, RFC, CURP... number.\n");
}

static int write_hits(cli_format fmt, const cen_query *q, const cen_search_opts *so,
		      const cen_screener *scr, const cen_hit *hits, size_t n, cen_buf *out)
{
	int rc = 0;
	if (fmt == CLI_FMT_TABLE) {
		rc = cen_buf_printf(out, "%zu hit%s for \"%s\" (threshold %.2f, %zu entities)\n", n,
				    n == 1 ? "" : "s", q->name, cli_threshold(so),
				    cen_screener_entity_count(scr));
		if (!rc && n)
			rc = cen_buf_putc(out, '\n') || out_hit_table_header(out, 0);
	} else if (fmt == CLI_FMT_CSV) {
		rc = out_hit_csv_header(out, 0);
	}
	for (size_t i = 0; !rc && i < n; i++) {
		if (fmt == CLI_FMT_TABLE)
			rc = out_hit_table(out, &hits[i], NULL, 0, 1);
		else if (fmt == CLI_FMT_CSV)
			rc = out_hit_csv(out, &hits[i], NULL, NULL, NULL, 0);
		else
			rc = out_hit_json(out, &hits[i], NULL, NULL, NULL) || cen_buf_putc(out, '\n');
	}
	return rc;
}

int cmd_search(int argc, char **argv)
{
	const char *cmd = "search";
	cli_common c;
	cli_common_init(&c);
	cen_query q = {0};
	const char *ids[CEN_SCREEN_MAX_IDS];
	const char *v;
	int r;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			usage(stdout);
			return 0;
		}
		if ((r = cli_common_opt(cmd, argc, argv, &i, &c))) {
			if (r < 0)
				return 2;
		} else if ((r = cli_opt(cmd, argc, argv, &i, "--dob", &v))) {
			if (r < 0)
				return 2;
			q.dob = v;
		} else if ((r = cli_opt(cmd, argc, argv, &i, "--country", &v))) {
			if (r < 0)
				return 2;
			q.country = v;
		} else if ((r = cli_opt(cmd, argc, argv, &i, "--id", &v))) {
			if (r < 0)
				return 2;
			if (q.n_ids >= CEN_SCREEN_MAX_IDS) {
				fprintf(stderr, "centinela search: at most %d --id\n", CEN_SCREEN_MAX_IDS);
				return 2;
			}
			ids[q.n_ids++] = v;
		} else if (a[0] == '-' && a[1]) {
			fprintf(stderr, "centinela search: unknown option '%s'\n", a);
			usage(stderr);
			return 2;
		} else if (!q.name) {
			q.name = a;
		} else {
			fprintf(stderr, "centinela search: one NAME only (quote it: \"%s %s\")\n",
				q.name, a);
			return 2;
		}
	}
	if (!q.name) {
		usage(stderr);
		return 2;
	}
	q.ids = ids;
	q.kind = c.kind;
	cli_format fmt = cli_format_resolve(c.fmt, NULL, stdout);

	int status = 2;
	cli_engine e;
	cen_buf out;
	cen_buf_init(&out, 0);
	c.lists.quiet = fmt != CLI_FMT_TABLE;
	if (cli_engine_open(cmd, &c.lists, 0, &e))
		goto out;
	const cen_hit *hits;
	size_t n;
	if (cen_search(e.scr, e.ctx, &q, &c.so, &hits, &n)) {
		fprintf(stderr, "centinela search: %s\n", cen_query_ctx_errmsg(e.ctx));
		goto out;
	}
	if (write_hits(fmt, &q, &c.so, e.scr, hits, n, &out)) {
		fprintf(stderr, "centinela search: out of memory\n");
		goto out;
	}
	if (!cli_write_stdout(cmd, &out))
		status = 0;
out:
	cen_buf_release(&out);
	cli_engine_close(&e);
	return status;
}
