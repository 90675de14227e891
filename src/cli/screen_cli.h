/* screen_cli.h - helpers shared by the screening subcommands (search,
 * compare, screen, lists): option parsing, list loading with the bundled
 * demo list as default, output formats, and the progress bar. Public API
 * only, like the rest of src/cli. */
#ifndef CEN_CLI_SCREEN_CLI_H
#define CEN_CLI_SCREEN_CLI_H

#include <stdint.h>
#include <stdio.h>

#include "centinela/centinela.h"
#include "centinela/lists.h"
#include "centinela/screen.h"

/* ---- options (screen_args.c) ---------------------------------------- */

/* If argv[*i] is `name VALUE` or `name=VALUE`, stores VALUE in *val,
 * advances *i past it and returns 1; returns -1 (after a message naming
 * cmd) when the value is missing; 0 when argv[*i] is another option. */
int cli_opt(const char *cmd, int argc, char **argv, int *i, const char *name,
	    const char **val);
/* Parses a number in [lo, hi]; 0 ok, -1 after a message. */
int cli_double(const char *cmd, const char *opt, const char *s, double lo, double hi,
	       double *out);
int cli_long(const char *cmd, const char *opt, const char *s, long lo, long hi, long *out);
/* "person"/"org"/... -> kind; -1 after a message. */
int cli_kind(const char *cmd, const char *s, cen_entity_kind *out);

#define CLI_MAX_LISTS 16

/* Paths given with --list, or none for the bundled demo list. */
typedef struct cli_lists {
	const char *paths[CLI_MAX_LISTS];
	int n;
	int quiet; /* no "using demo list" note, no load warnings (errors still) */
} cli_lists;

typedef enum cli_format { CLI_FMT_AUTO = 0, CLI_FMT_TABLE, CLI_FMT_JSON, CLI_FMT_CSV } cli_format;

/* The options search, compare and screen share. */
typedef struct cli_common {
	cli_lists lists;     /* --list PATH (repeatable) */
	cen_search_opts so;  /* --threshold, --algorithm, --exhaustive, --limit */
	cen_entity_kind kind; /* --kind */
	cli_format fmt;      /* --format */
} cli_common;

void cli_common_init(cli_common *c);
/* Handles one shared option at argv[*i]: 1 handled, 0 not shared, -1 error
 * (message printed). */
int cli_common_opt(const char *cmd, int argc, char **argv, int *i, cli_common *c);
/* The threshold in effect (the algorithm's default when not given). */
double cli_threshold(const cen_search_opts *so);

/* ---- lists (screen_lists.c) ----------------------------------------- */

/* Adds a --list path; -1 after a message when there are too many. */
int cli_lists_add(cli_lists *l, const char *cmd, const char *path);
/* The bundled demo list: $CENTINELA_DEMO_LIST, else examples/
 * watchlist-cartels.csv found from the source tree this binary was built
 * from or next to the binary. NULL if none is found. */
const char *cli_demo_list(void);
/* Loads every path (or the demo list) into a new list; load diagnostics go
 * to stderr (the first few of each file, then a count). Returns 0 or prints
 * why and returns -1. */
int cli_load_lists(const char *cmd, const cli_lists *l, cen_list **out);
/* Builds a screener over every entity of list. */
int cli_build_screener(const char *cmd, const cen_list *list, cen_screener **out);

/* A loaded list, its screener and one query ctx: what search and compare
 * need. */
typedef struct cli_engine {
	cen_list *list;
	cen_screener *scr; /* NULL when no list was loaded */
	cen_query_ctx *ctx;
} cli_engine;

/* Loads the lists (the demo list when none given) unless optional is set
 * and no --list was given, builds the screener and a ctx. 0 or -1 after a
 * message. Release with cli_engine_close even on failure. */
int cli_engine_open(const char *cmd, const cli_lists *l, int optional, cli_engine *e);
void cli_engine_close(cli_engine *e);
/* Writes b to stdout and flushes: 0, or -1 after a message. */
int cli_write_stdout(const char *cmd, cen_buf *b);

/* ---- output (out_format.c) ------------------------------------------ */

 /* "table" | "json" | "jsonl" | "csv"; -1 after a message. */
int cli_format_parse(const char *cmd, const char *s, cli_format *out);
/* Resolves AUTO: from the output file's extension (.csv, .json/.jsonl/
 * .ndjson), else table on a terminal, else JSON lines. */
cli_format cli_format_resolve(cli_format f, const char *out_path, FILE *out);

/* CSV field (RFC 4180 quoting when needed). */
int out_csv_field(cen_buf *b, const char *s);
/* The programs of e joined by sep. */
int out_programs(cen_buf *b, const cen_entity *e, const char *sep);
/* JSON array of the programs of e. */
int out_programs_json(cen_buf *b, const cen_entity *e);
/* Writes s as a table cell of width display columns (UTF-8 aware): cut
 * with an ellipsis to leave at least one blank column, then padded. */
int out_cell(cen_buf *b, const char *s, int width);

/* One hit as a JSON object (no newline). input_id/input_name may be NULL
 * (search). status NULL: no status field. */
int out_hit_json(cen_buf *b, const cen_hit *h, const char *input_id, const char *input_name,
		 const char *status);
/* The CSV header and a row for hits; with_input adds input_id,input_name. */
int out_hit_csv_header(cen_buf *b, int with_input);
int out_hit_csv(cen_buf *b, const cen_hit *h, const char *input_id, const char *input_name,
		const char *status, int with_input);
/* Table header and row; explain adds an indented `why:` line. */
int out_hit_table_header(cen_buf *b, int with_input);
int out_hit_table(cen_buf *b, const cen_hit *h, const char *input_id, int with_input,
		  int explain);
/* Writes the whole buffer to f; -1 on a write error. */
int out_flush(cen_buf *b, FILE *f);

/* ---- progress (progress.c) ------------------------------------------ */

typedef struct cli_progress {
	int on;          /* stderr is a terminal and not disabled */
	double start;    /* monotonic seconds */
	double last;     /* last draw */
	int drawn;
} cli_progress;

double cli_now(void); /* monotonic seconds */
void cli_progress_init(cli_progress *p, int enable);
/* Redraws at most ten times a second. size 0: unknown (no bar, no ETA). */
void cli_progress_update(cli_progress *p, uint64_t done_bytes, uint64_t size, uint64_t rows);
/* Clears the bar line. */
void cli_progress_end(cli_progress *p);

#endif
