/* out_format.c - the three output formats of screening results: an aligned
 * table for people, JSON lines and CSV for programs and spreadsheets.
 *
 * JSON hit fields (stable; docs/cli.md): input_id, input_name (screen only),
 * entity_id, source, kind, name (primary), matched_name, score, match,
 * programs, content_hash, status (screen only), explanation.
 * CSV columns are the same, in that order, with programs joined by ';', plus
 * an empty `cleared` column the analyst may fill to make the file a good-guy
 * file (include/centinela/goodguy.h).
 */
#include <string.h>
#include <unistd.h>

#include "centinela/goodguy.h"
#include "screen_cli.h"

int cli_format_parse(const char *cmd, const char *s, cli_format *out)
{
	if (!strcmp(s, "table"))
		*out = CLI_FMT_TABLE;
	else if (!strcmp(s, "json") || !strcmp(s, "jsonl"))
		*out = CLI_FMT_JSON;
	else if (!strcmp(s, "csv"))
		*out = CLI_FMT_CSV;
	else {
		fprintf(stderr, "centinela %s: --format wants table, json or csv, not '%s'\n", cmd, s);
		return -1;
	}
	return 0;
}

static int ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n >= m && !strcmp(s + n - m, suffix);
}

cli_format cli_format_resolve(cli_format f, const char *out_path, FILE *out)
{
	if (f != CLI_FMT_AUTO)
		return f;
	if (out_path && strcmp(out_path, "-")) {
		if (ends_with(out_path, ".csv"))
			return CLI_FMT_CSV;
		if (ends_with(out_path, ".json") || ends_with(out_path, ".jsonl") ||
		    ends_with(out_path, ".ndjson"))
			return CLI_FMT_JSON;
	}
	return isatty(fileno(out)) ? CLI_FMT_TABLE : CLI_FMT_JSON;
}

int out_csv_field(cen_buf *b, const char *s)
{
	if (!s)
		return 0;
	if (!strpbrk(s, ",\"\r\n") && s[0] != ' ')
		return cen_buf_puts(b, s);
	int rc = cen_buf_putc(b, '"');
	for (const char *p = s; !rc && *p; p++)
		rc = *p == '"' ? cen_buf_puts(b, "\"\"") : cen_buf_putc(b, *p);
	return rc ? rc : cen_buf_putc(b, '"');
}

int out_programs(cen_buf *b, const cen_entity *e, const char *sep)
{
	int rc = 0;
	for (size_t i = 0; !rc && i < e->n_programs; i++) {
		if (i)
			rc = cen_buf_puts(b, sep);
		if (!rc)
			rc = cen_buf_puts(b, e->programs[i]);
	}
	return rc;
}

int out_programs_json(cen_buf *b, const cen_entity *e)
{
	int rc = cen_buf_putc(b, '[');
	for (size_t i = 0; !rc && i < e->n_programs; i++) {
		if (i)
			rc = cen_buf_putc(b, ',');
		if (!rc)
			rc = cen_json_cstr(b, e->programs[i]);
	}
	return rc ? rc : cen_buf_putc(b, ']');
}

int out_cell(cen_buf *b, const char *s, int width)
{
	if (!s)
		s = "";
	int cols = 0, rc = 0;
	if (width < 2)
		width = 2;
	const unsigned char *p = (const unsigned char *)s;
	while (*p && !rc) {
		size_t n = 1;
		while ((p[n] & 0xC0) == 0x80)
			n++;
		if (cols == width - 2 && p[n]) { /* more to come: cut, keep a gap */
			rc = cen_buf_puts(b, "\xE2\x80\xA6");
			cols++;
			break;
		}
		rc = cen_buf_append(b, p, n);
		p += n;
		cols++;
	}
	while (!rc && cols++ < width)
		rc = cen_buf_putc(b, ' ');
	return rc;
}

static int json_field(cen_buf *b, const char *key, const char *val)
{
	int rc = cen_buf_putc(b, ',');
	if (!rc)
		rc = cen_json_key(b, key);
	return rc ? rc : cen_json_cstr(b, val);
}

int out_hit_json(cen_buf *b, const cen_hit *h, const char *input_id, const char *input_name,
		 const char *status)
{
	const cen_entity *e = h->entity;
	char hex[17];
	cen_goodguy_hash_hex(e->content_hash, hex);
	int rc = cen_buf_putc(b, '{');
	if (!rc && input_id) {
		rc = cen_json_key(b, "input_id");
		if (!rc)
			rc = cen_json_cstr(b, input_id);
		if (!rc)
			rc = json_field(b, "input_name", input_name);
		if (!rc)
			rc = cen_buf_putc(b, ',');
	}
	if (!rc)
		rc = cen_json_key(b, "entity_id");
	if (!rc)
		rc = cen_json_cstr(b, e->id);
	if (!rc)
		rc = json_field(b, "source", e->source);
	if (!rc)
		rc = json_field(b, "kind", cen_entity_kind_name(e->kind));
	if (!rc)
		rc = json_field(b, "name", e->n_names ? e->names[0].text : "");
	if (!rc)
		rc = json_field(b, "matched_name", h->matched_name);
	if (!rc)
		rc = cen_buf_printf(b, ",\"score\":%.4f,\"match\":%s,\"programs\":", h->score,
				    h->match ? "true" : "false");
	if (!rc)
		rc = out_programs_json(b, e);
	if (!rc)
		rc = json_field(b, "content_hash", hex);
	if (!rc && status)
		rc = json_field(b, "status", status);
	if (!rc)
		rc = json_field(b, "explanation", h->explanation ? h->explanation : "");
	return rc ? rc : cen_buf_putc(b, '}');
}

int out_hit_csv_header(cen_buf *b, int with_input)
{
	return cen_buf_puts(b, with_input
		? "input_id,input_name,entity_id,source,kind,name,matched_name,score,match,"
		  "programs,content_hash,status,explanation,cleared\n"
		: "entity_id,source,kind,name,matched_name,score,match,programs,content_hash,"
		  "explanation\n");
}

int out_hit_csv(cen_buf *b, const cen_hit *h, const char *input_id, const char *input_name,
		const char *status, int with_input)
{
	const cen_entity *e = h->entity;
	char hex[17];
	cen_goodguy_hash_hex(e->content_hash, hex);
	int rc = 0;
	if (with_input) {
		rc = out_csv_field(b, input_id);
		if (!rc)
			rc = cen_buf_putc(b, ',');
		if (!rc)
			rc = out_csv_field(b, input_name);
		if (!rc)
			rc = cen_buf_putc(b, ',');
	}
	const char *cols[] = {e->id, e->source, cen_entity_kind_name(e->kind),
			      e->n_names ? e->names[0].text : "", h->matched_name};
	for (size_t i = 0; !rc && i < sizeof cols / sizeof cols[0]; i++) {
		rc = out_csv_field(b, cols[i]);
		if (!rc)
			rc = cen_buf_putc(b, ',');
	}
	if (!rc)
		rc = cen_buf_printf(b, "%.4f,%s,", h->score, h->match ? "true" : "false");
	cen_buf progs;
	cen_buf_init(&progs, 0);
	if (!rc)
		rc = out_programs(&progs, e, ";");
	if (!rc)
		rc = out_csv_field(b, cen_buf_str(&progs));
	cen_buf_release(&progs);
	if (!rc)
		rc = cen_buf_printf(b, ",%s,", hex);
	if (!rc && with_input) {
		rc = out_csv_field(b, status ? status : "");
		if (!rc)
			rc = cen_buf_putc(b, ',');
	}
	if (!rc)
		rc = out_csv_field(b, h->explanation ? h->explanation : "");
	if (!rc && with_input)
		rc = cen_buf_putc(b, ',');
	return rc ? rc : cen_buf_putc(b, '\n');
}

/* Column widths of the table. */
enum { W_INPUT = 10, W_SCORE = 6, W_ENTITY = 22, W_NAME = 34, W_MATCHED = 30 };

int out_hit_table_header(cen_buf *b, int with_input)
{
	int rc = 0;
	if (with_input)
		rc = out_cell(b, "INPUT", W_INPUT + 1);
	if (!rc)
		rc = out_cell(b, "SCORE", W_SCORE + 1);
	if (!rc)
		rc = out_cell(b, "ENTITY", W_ENTITY + 1);
	if (!rc)
		rc = out_cell(b, "NAME", W_NAME + 1);
	if (!rc)
		rc = out_cell(b, "MATCHED NAME", W_MATCHED + 1);
	return rc ? rc : cen_buf_puts(b, "PROGRAMS\n");
}

int out_hit_table(cen_buf *b, const cen_hit *h, const char *input_id, int with_input,
		  int explain)
{
	const cen_entity *e = h->entity;
	char score[16];
	snprintf(score, sizeof score, "%.2f%s", h->score, h->match ? "" : "?");
	int rc = 0;
	if (with_input)
		rc = out_cell(b, input_id, W_INPUT + 1);
	if (!rc)
		rc = out_cell(b, score, W_SCORE + 1);
	if (!rc)
		rc = out_cell(b, e->id, W_ENTITY + 1);
	if (!rc)
		rc = out_cell(b, e->n_names ? e->names[0].text : "", W_NAME + 1);
	if (!rc)
		rc = out_cell(b, h->name_index ? h->matched_name : "(primary)", W_MATCHED + 1);
	if (!rc)
		rc = out_programs(b, e, " ");
	if (!rc)
		rc = cen_buf_putc(b, '\n');
	if (!rc && explain && h->explanation)
		rc = cen_buf_printf(b, "%*s  why: %s\n", with_input ? W_INPUT + 1 : 0, "",
				    h->explanation);
	return rc;
}

int out_flush(cen_buf *b, FILE *f)
{
	if (b->len && fwrite(b->data, 1, b->len, f) != b->len)
		return -1;
	cen_buf_reset(b);
	return 0;
}
