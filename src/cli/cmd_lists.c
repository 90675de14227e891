/* cmd_lists.c - `centinela lists show|diff|fetch`: what a list holds, what
 * changed between two versions, and downloading the official files. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "centinela/goodguy.h"
#include "commands.h"
#include "screen_cli.h"

static void usage(FILE *f)
{
	fprintf(f,
		"usage: centinela lists show [PATH]... [--entities] [--id ID] [--format table|json]\n"
		"       centinela lists diff OLD NEW [--format table|json]\n"
		"       centinela lists fetch ofac-sdn|ofac-cons|un DEST [--url BASE] [--timeout S]\n"
		"                             [--no-keep]\n"
		"show: the sources, entity counts, dates and hashes of the lists (the bundled\n"
		"demo list without PATH); --entities lists every entity, --id shows one.\n"
		"diff: entities added, removed and changed (with the fields that changed).\n"
		"fetch: downloads the current official files into DEST, verifies them by\n"
		"loading them and keeps the previous version in DEST/previous/.\n");
}

static void fmt_date(int64_t t, char *buf, size_t len)
{
	time_t tt = (time_t)t;
	struct tm tm;
	if (!t || !gmtime_r(&tt, &tm) || !strftime(buf, len, "%Y-%m-%d", &tm))
		snprintf(buf, len, "-");
}

static int json_strings(cen_buf *b, const char *key, const char *const *v, size_t n)
{
	int rc = cen_buf_putc(b, ',') || cen_json_key(b, key) || cen_buf_putc(b, '[');
	for (size_t i = 0; !rc && i < n; i++)
		rc = (i && cen_buf_putc(b, ',')) || cen_json_cstr(b, v[i]);
	return rc || cen_buf_putc(b, ']');
}

static void date_str(const cen_date *d, char *buf, size_t len)
{
	if (d->day)
		snprintf(buf, len, "%04d-%02d-%02d", d->year, d->month, d->day);
	else if (d->month)
		snprintf(buf, len, "%04d-%02d", d->year, d->month);
	else if (d->year_to)
		snprintf(buf, len, "%04d..%04d", d->year, d->year_to);
	else
		snprintf(buf, len, "%04d", d->year);
}

static int entity_json(cen_buf *b, const cen_entity *e)
{
	char hex[17], dob[32];
	cen_goodguy_hash_hex(e->content_hash, hex);
	int rc = cen_buf_puts(b, "{\"entity_id\":") || cen_json_cstr(b, e->id) ||
		 cen_buf_puts(b, ",\"source\":") || cen_json_cstr(b, e->source) ||
		 cen_buf_puts(b, ",\"kind\":") || cen_json_cstr(b, cen_entity_kind_name(e->kind)) ||
		 cen_buf_puts(b, ",\"name\":") || cen_json_cstr(b, e->n_names ? e->names[0].text : "") ||
		 cen_buf_puts(b, ",\"aliases\":[");
	for (size_t i = 1; !rc && i < e->n_names; i++)
		rc = (i > 1 && cen_buf_putc(b, ',')) || cen_json_cstr(b, e->names[i].text);
	rc = rc || cen_buf_puts(b, "],\"dobs\":[");
	for (size_t i = 0; !rc && i < e->n_dobs; i++) {
		date_str(&e->dobs[i], dob, sizeof dob);
		rc = (i && cen_buf_putc(b, ',')) || cen_json_cstr(b, dob);
	}
	rc = rc || cen_buf_putc(b, ']') ||
	     json_strings(b, "nationalities", e->nationalities, e->n_nationalities) ||
	     json_strings(b, "countries", e->countries, e->n_countries) ||
	     cen_buf_puts(b, ",\"ids\":[");
	for (size_t i = 0; !rc && i < e->n_ids; i++)
		rc = (i && cen_buf_putc(b, ',')) || cen_buf_puts(b, "{\"type\":") ||
		     cen_json_cstr(b, e->ids[i].type) || cen_buf_puts(b, ",\"number\":") ||
		     cen_json_cstr(b, e->ids[i].number) || cen_buf_puts(b, ",\"country\":") ||
		     cen_json_cstr(b, e->ids[i].country) || cen_buf_putc(b, '}');
	rc = rc || cen_buf_putc(b, ']') || json_strings(b, "programs", e->programs, e->n_programs) ||
	     cen_buf_puts(b, ",\"content_hash\":") || cen_json_cstr(b, hex) || cen_buf_puts(b, "}\n");
	return rc;
}

static int entity_row(cen_buf *b, const cen_entity *e)
{
	char n[24];
	snprintf(n, sizeof n, "%zu", e->n_names ? e->n_names - 1 : 0);
	return out_cell(b, e->id, 24) || out_cell(b, cen_entity_kind_name(e->kind), 13) ||
	       out_cell(b, e->n_names ? e->names[0].text : "", 44) || out_cell(b, n, 8) ||
	       out_programs(b, e, " ") || cen_buf_putc(b, '\n');
}

static int show(int argc, char **argv)
{
	const char *cmd = "lists show", *v, *id = NULL;
	cli_lists lists = {0};
	cli_format fmt = CLI_FMT_AUTO;
	int entities = 0, r;
	for (int i = 2; i < argc; i++) {
		if (!strcmp(argv[i], "--entities")) {
			entities = 1;
		} else if ((r = cli_opt(cmd, argc, argv, &i, "--id", &v))) {
			if (r < 0)
				return 2;
			id = v;
		} else if ((r = cli_opt(cmd, argc, argv, &i, "--format", &v))) {
			if (r < 0 || cli_format_parse(cmd, v, &fmt))
				return 2;
		} else if ((r = cli_opt(cmd, argc, argv, &i, "--list", &v))) {
			if (r < 0 || cli_lists_add(&lists, cmd, v))
				return 2;
		} else if (argv[i][0] == '-' && argv[i][1]) {
			fprintf(stderr, "centinela lists show: unknown option '%s'\n", argv[i]);
			return 2;
		} else if (cli_lists_add(&lists, cmd, argv[i])) {
			return 2;
		}
	}
	fmt = cli_format_resolve(fmt, NULL, stdout);
	if (fmt == CLI_FMT_CSV) {
		fprintf(stderr, "centinela lists show: --format table or json\n");
		return 2;
	}
	cen_list *list = NULL;
	lists.quiet = 1;
	if (cli_load_lists(cmd, &lists, &list))
		return 2;
	cen_buf b;
	cen_buf_init(&b, 0);
	int rc = 0, status = 0;
	if (id) {
		const cen_entity *e = cen_list_find(list, id);
		if (!e) {
			fprintf(stderr, "centinela lists show: no entity '%s' (ids look like %s)\n", id,
				cen_list_count(list) ? cen_list_get(list, 0)->id : "own:1");
			status = 2;
		} else {
			rc = entity_json(&b, e);
		}
	} else if (entities) {
		if (fmt == CLI_FMT_TABLE)
			rc = out_cell(&b, "ENTITY", 24) || out_cell(&b, "KIND", 13) ||
			     out_cell(&b, "NAME", 44) || out_cell(&b, "ALIASES", 8) ||
			     cen_buf_puts(&b, "PROGRAMS\n");
		for (size_t i = 0; !rc && i < cen_list_count(list); i++) {
			const cen_entity *e = cen_list_get(list, i);
			rc = fmt == CLI_FMT_TABLE ? entity_row(&b, e) : entity_json(&b, e);
			if (!rc && b.len > 1 << 16)
				rc = out_flush(&b, stdout);
		}
	} else {
		char date[16];
		for (size_t i = 0; !rc && i < cen_list_source_count(list); i++) {
			const cen_list_source *s = cen_list_source_get(list, i);
			fmt_date(s->date, date, sizeof date);
			if (fmt == CLI_FMT_TABLE)
				rc = cen_buf_printf(&b, "%s\n  source %s, format %s, %zu entities, "
						    "dated %s (%s), sha256 %s\n  %llu warnings, %llu "
						    "rejected records while loading\n",
						    s->path, s->name, cen_list_format_name(s->format),
						    s->n_entities, date,
						    s->date_from_source ? "stated by the publisher"
									: "file time",
						    s->sha256, (unsigned long long)s->warnings,
						    (unsigned long long)s->errors);
			else
				rc = cen_buf_puts(&b, "{\"path\":") || cen_json_cstr(&b, s->path) ||
				     cen_buf_puts(&b, ",\"source\":") || cen_json_cstr(&b, s->name) ||
				     cen_buf_printf(&b, ",\"format\":\"%s\",\"entities\":%zu,"
						    "\"date\":\"%s\",\"date_from_source\":%s,"
						    "\"sha256\":\"%s\",\"warnings\":%llu,\"errors\":%llu}\n",
						    cen_list_format_name(s->format), s->n_entities, date,
						    s->date_from_source ? "true" : "false", s->sha256,
						    (unsigned long long)s->warnings,
						    (unsigned long long)s->errors);
		}
		fmt_date(cen_list_date(list), date, sizeof date);
		if (!rc && fmt == CLI_FMT_TABLE)
			rc = cen_buf_printf(&b, "total: %zu entities, %zu names; list date %s; "
					    "list hash %s\n", cen_list_count(list),
					    cen_list_name_count(list), date, cen_list_hash(list));
	}
	if (rc || out_flush(&b, stdout) || fflush(stdout)) {
		fprintf(stderr, "centinela lists show: cannot write the output\n");
		status = 2;
	}
	cen_buf_release(&b);
	cen_list_free(list);
	return status;
}

typedef struct diff_out {
	cen_buf b;
	cli_format fmt;
} diff_out;

static int on_change(void *ctx, const cen_list_change *c)
{
	diff_out *d = ctx;
	const cen_entity *e = c->new_entity ? c->new_entity : c->old_entity;
	static const char *const what[] = {"", "added", "removed", "changed"};
	static const char mark[] = " +-~";
	cen_buf fields;
	cen_buf_init(&fields, 0);
	int rc = 0;
	for (unsigned bit = 0; !rc && bit < CEN_FIELD_COUNT; bit++)
		if (c->fields & (1u << bit))
			rc = (fields.len && cen_buf_puts(&fields, d->fmt == CLI_FMT_JSON ? "," : ", ")) ||
			     (d->fmt == CLI_FMT_JSON
				      ? cen_json_cstr(&fields, cen_entity_field_name(1u << bit))
				      : cen_buf_puts(&fields, cen_entity_field_name(1u << bit)));
	const char *name = e->n_names ? e->names[0].text : "";
	if (rc)
		goto out;
	if (d->fmt == CLI_FMT_JSON)
		rc = cen_buf_printf(&d->b, "{\"change\":\"%s\",\"entity_id\":", what[c->kind]) ||
		     cen_json_cstr(&d->b, e->id) || cen_buf_puts(&d->b, ",\"name\":") ||
		     cen_json_cstr(&d->b, name) ||
		     cen_buf_printf(&d->b, ",\"fields\":[%s]}\n", cen_buf_str(&fields));
	else
		rc = cen_buf_printf(&d->b, "%c ", mark[c->kind]) || out_cell(&d->b, e->id, 24) ||
		     out_cell(&d->b, name, 44) ||
		     cen_buf_printf(&d->b, "%s%s%s\n", what[c->kind], fields.len ? ": " : "",
				    cen_buf_str(&fields));
	if (!rc && d->b.len > 1 << 16)
		rc = out_flush(&d->b, stdout);
out:
	cen_buf_release(&fields);
	return rc;
}

static int diff(int argc, char **argv)
{
	const char *cmd = "lists diff", *v;
	cli_lists old = {0}, cur = {0};
	diff_out d = {.fmt = CLI_FMT_AUTO};
	int r, npos = 0;
	for (int i = 2; i < argc; i++) {
		if ((r = cli_opt(cmd, argc, argv, &i, "--format", &v))) {
			if (r < 0 || cli_format_parse(cmd, v, &d.fmt))
				return 2;
		} else if (argv[i][0] == '-' && argv[i][1]) {
			fprintf(stderr, "centinela lists diff: unknown option '%s'\n", argv[i]);
			return 2;
		} else if (npos < 2) {
			cli_lists_add(npos++ ? &cur : &old, cmd, argv[i]);
		} else {
			fprintf(stderr, "centinela lists diff: give OLD and NEW only\n");
			return 2;
		}
	}
	if (npos != 2) {
		usage(stderr);
		return 2;
	}
	d.fmt = cli_format_resolve(d.fmt, NULL, stdout);
	if (d.fmt == CLI_FMT_CSV)
		d.fmt = CLI_FMT_TABLE;
	cen_list *lo = NULL, *ln = NULL;
	int status = 2;
	cen_buf_init(&d.b, 0);
	if (cli_load_lists(cmd, &old, &lo) || cli_load_lists(cmd, &cur, &ln))
		goto out;
	cen_list_diff_counts n;
	if (cen_list_diff(lo, ln, on_change, &d, &n) || out_flush(&d.b, stdout) || fflush(stdout)) {
		fprintf(stderr, "centinela lists diff: cannot write the output\n");
		goto out;
	}
	fprintf(stderr, "centinela lists diff: %zu added, %zu removed, %zu changed, %zu unchanged\n",
		n.added, n.removed, n.changed, n.unchanged);
	status = 0;
out:
	cen_buf_release(&d.b);
	cen_list_free(lo);
	cen_list_free(ln);
	return status;
}

static int fetch(int argc, char **argv)
{
	const char *cmd = "lists fetch", *v, *pos[2] = {NULL, NULL};
	cen_fetch_opts o = {0};
	int r, npos = 0;
	for (int i = 2; i < argc; i++) {
		if ((r = cli_opt(cmd, argc, argv, &i, "--url", &v))) {
			if (r < 0)
				return 2;
			o.base_url = v;
		} else if ((r = cli_opt(cmd, argc, argv, &i, "--timeout", &v))) {
			if (r < 0 || cli_long(cmd, "--timeout", v, 1, 3600, &o.timeout_s))
				return 2;
		} else if (!strcmp(argv[i], "--no-keep")) {
			o.keep_previous = -1;
		} else if (argv[i][0] == '-' && argv[i][1]) {
			fprintf(stderr, "centinela lists fetch: unknown option '%s'\n", argv[i]);
			return 2;
		} else if (npos < 2) {
			pos[npos++] = argv[i];
		} else {
			usage(stderr);
			return 2;
		}
	}
	if (npos != 2) {
		usage(stderr);
		return 2;
	}
	char err[512] = "";
	size_t n = 0;
	int rc = cen_list_fetch(pos[0], pos[1], &o, &n, err, sizeof err);
	if (rc) {
		fprintf(stderr, "centinela lists fetch: %s\n", err[0] ? err : cen_strerror(rc));
		return 2;
	}
	printf("fetched %s into %s: %zu entities%s\n", pos[0], pos[1], n,
	       o.keep_previous < 0 ? "" : " (the previous version is in previous/)");
	return 0;
}

int cmd_lists(int argc, char **argv)
{
	if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		usage(argc < 2 ? stderr : stdout);
		return argc < 2 ? 2 : 0;
	}
	if (!strcmp(argv[1], "show"))
		return show(argc, argv);
	if (!strcmp(argv[1], "diff"))
		return diff(argc, argv);
	if (!strcmp(argv[1], "fetch"))
		return fetch(argc, argv);
	fprintf(stderr, "centinela lists: unknown subcommand '%s' (show, diff, fetch)\n", argv[1]);
	return 2;
}
