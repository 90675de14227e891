/* cmd_screen.c - `centinela screen`: a whole customer file against the
 * lists, hits written in input order.
 *
 * Pipeline: the main thread reads a batch of records (copying their fields
 * into the batch's string buffer), then N threads (the main one among them)
 * take records by an atomic counter and format each record's hits into that
 * record's own output buffer, then the main thread writes the buffers in
 * input order. So the output is the same for any --threads, and the
 * screener - immutable and thread-safe - is shared, with one cen_query_ctx
 * per thread.
 *
 * Delta screening (--since-list OLD): the hits kept are those on entities
 * added or changed (any field) between OLD and the current lists. Scores
 * come from the same screener as a full run (token rarity over the whole
 * current list), so each kept hit is exactly the hit a full run reports.
 *
 * Every record read is screened or reported (stderr, --rejects file, the
 * summary); nothing is dropped silently.
 */
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "centinela/customers.h"
#include "centinela/goodguy.h"
#include "commands.h"
#include "screen_cli.h"

#define BATCH 4096
#define MAX_THREADS 256
#define DIAG_SHOWN 20

typedef struct rec {
	size_t id, name, dob, country, raw; /* offsets into batch.strings; SIZE_MAX: none */
	cen_entity_kind kind;
	uint64_t line;
} rec;

typedef struct rec_out {
	cen_buf text;    /* formatted hits, or the error message */
	int status;      /* 0, or the cen_search error */
	unsigned hits, suppressed, recheck;
} rec_out;

typedef struct job {
	/* fixed for the run */
	const cen_screener *scr;
	const cen_goodguy *gg;
	const unsigned char *delta; /* by entity index; NULL: every entity */
	cen_search_opts so;
	cli_format fmt;
	/* per batch */
	cen_buf strings;
	rec recs[BATCH];
	rec_out outs[BATCH];
	size_t n;
	atomic_size_t next;
} job;

typedef struct worker {
	job *j;
	cen_query_ctx *ctx;
	pthread_t tid;
} worker;

static const char *str_at(const job *j, size_t off)
{
	return off == SIZE_MAX ? NULL : j->strings.data + off;
}

static int screen_one(job *j, cen_query_ctx *ctx, size_t idx)
{
	const rec *r = &j->recs[idx];
	rec_out *o = &j->outs[idx];
	cen_buf_reset(&o->text);
	o->status = 0;
	o->hits = o->suppressed = o->recheck = 0;
	const char *id = str_at(j, r->id), *name = str_at(j, r->name);
	cen_query q = {.name = name, .dob = str_at(j, r->dob), .country = str_at(j, r->country),
		       .kind = r->kind};
	const cen_hit *hits;
	size_t n;
	int rc = cen_search(j->scr, ctx, &q, &j->so, &hits, &n);
	if (rc) {
		o->status = rc;
		return cen_buf_puts(&o->text, cen_query_ctx_errmsg(ctx));
	}
	for (size_t i = 0; i < n && !rc; i++) {
		const cen_hit *h = &hits[i];
		if (j->delta && !j->delta[h->entity_index])
			continue;
		const char *status = "hit";
		switch (cen_goodguy_check(j->gg, id, h->entity->id, h->entity->content_hash)) {
		case CEN_GOODGUY_CLEARED:
			o->suppressed++;
			continue;
		case CEN_GOODGUY_STALE:
			o->recheck++;
			status = "recheck";
			break;
		default:
			break;
		}
		o->hits++;
		if (j->fmt == CLI_FMT_TABLE)
			rc = out_hit_table(&o->text, h, id, 1, 1);
		else if (j->fmt == CLI_FMT_CSV)
			rc = out_hit_csv(&o->text, h, id, name, status, 1);
		else
			rc = out_hit_json(&o->text, h, id, name, status) ||
			     cen_buf_putc(&o->text, '\n');
	}
	if (rc)
		o->status = CEN_ENOMEM;
	return rc;
}

static void *work(void *arg)
{
	worker *w = arg;
	job *j = w->j;
	for (;;) {
		size_t idx = atomic_fetch_add(&j->next, 1);
		if (idx >= j->n)
			break;
		screen_one(j, w->ctx, idx);
	}
	return NULL;
}

/* Screens the current batch with nthreads threads (the caller is one). */
static int run_batch(job *j, worker *ws, int nthreads)
{
	atomic_store(&j->next, 0);
	int started = 0;
	for (int t = 1; t < nthreads && (size_t)t < j->n; t++) {
		if (pthread_create(&ws[t].tid, NULL, work, &ws[t]))
			break;
		started = t;
	}
	work(&ws[0]);
	for (int t = 1; t <= started; t++)
		pthread_join(ws[t].tid, NULL);
	return 0;
}

/* ---- reading ------------------------------------------------------- */

typedef struct stats {
	uint64_t read, screened, rejected, rej_parse, rej_encoding, rej_limit, rej_query;
	uint64_t hits, hit_records, suppressed, recheck;
	unsigned shown;
} stats;

static void on_diag(void *ctx, int severity, const char *file, uint64_t line, const char *field,
		    const char *msg)
{
	stats *st = ctx;
	if (severity < 1 || st->shown >= DIAG_SHOWN)
		return;
	st->shown++;
	fprintf(stderr, "centinela screen: %s: %s:%llu", severity >= 2 ? "rejected" : "warning",
		file, (unsigned long long)line);
	if (field)
		fprintf(stderr, ": field '%s'", field);
	fprintf(stderr, ": %s\n", msg);
}

static int put_str(cen_buf *b, const char *s, size_t *off)
{
	if (!s) {
		*off = SIZE_MAX;
		return 0;
	}
	*off = b->len;
	return cen_buf_append(b, s, strlen(s) + 1);
}

/* Copies one customer into the batch. */
static int add_record(job *j, const cen_customer *c, cen_slice raw)
{
	rec *r = &j->recs[j->n];
	char dob[32];
	const char *dobs = NULL;
	if (c->dob && c->dob_date.year) {
		if (c->dob_date.day)
			snprintf(dob, sizeof dob, "%04d-%02d-%02d", c->dob_date.year,
				 c->dob_date.month, c->dob_date.day);
		else if (c->dob_date.month)
			snprintf(dob, sizeof dob, "%04d-%02d", c->dob_date.year, c->dob_date.month);
		else
			snprintf(dob, sizeof dob, "%04d", c->dob_date.year);
		dobs = dob;
	}
	int rc = put_str(&j->strings, c->id, &r->id);
	if (!rc)
		rc = put_str(&j->strings, c->name, &r->name);
	if (!rc)
		rc = put_str(&j->strings, dobs, &r->dob);
	if (!rc)
		rc = put_str(&j->strings, c->country, &r->country);
	if (!rc) {
		r->raw = j->strings.len;
		rc = cen_buf_append(&j->strings, raw.ptr, raw.len);
		if (!rc)
			rc = cen_buf_putc(&j->strings, '\0');
	}
	r->kind = c->kind;
	r->line = c->line;
	if (!rc)
		j->n++;
	return rc;
}

static int write_reject(FILE *rej, cen_slice raw)
{
	if (!rej)
		return 0;
	if ((raw.len && fwrite(raw.ptr, 1, raw.len, rej) != raw.len) || fputc('\n', rej) == EOF)
		return -1;
	return 0;
}

/* ---- delta --------------------------------------------------------- */

typedef struct delta_ctx {
	const cen_entity **ents;
	size_t n, cap;
} delta_ctx;

static int on_change(void *ctx, const cen_list_change *c)
{
	delta_ctx *d = ctx;
	if (c->kind == CEN_CHANGE_REMOVED)
		return 0;
	if (d->n == d->cap) {
		size_t ncap = d->cap ? d->cap * 2 : 64;
		const cen_entity **ne = cen_realloc(d->ents, ncap * sizeof *ne);
		if (!ne)
			return CEN_ENOMEM;
		d->ents = ne;
		d->cap = ncap;
	}
	d->ents[d->n++] = c->new_entity;
	return 0;
}

static int ptr_cmp(const void *a, const void *b)
{
	const cen_entity *x = *(const cen_entity *const *)a, *y = *(const cen_entity *const *)b;
	return x < y ? -1 : x > y;
}

/* Marks the entities of list added or changed since old_list. */
static int build_delta(const cen_list *old_list, const cen_list *list, unsigned char **out,
		       size_t *n_delta)
{
	delta_ctx d = {0};
	cen_list_diff_counts counts;
	int rc = cen_list_diff(old_list, list, on_change, &d, &counts);
	size_t n;
	const cen_entity *const *ents = cen_list_entities(list, &n);
	unsigned char *mark = cen_calloc(n ? n : 1, 1);
	if (rc || !mark) {
		cen_free(d.ents);
		cen_free(mark);
		return rc ? rc : CEN_ENOMEM;
	}
	qsort(d.ents, d.n, sizeof *d.ents, ptr_cmp);
	for (size_t i = 0; i < n; i++)
		if (d.n && bsearch(&ents[i], d.ents, d.n, sizeof *d.ents, ptr_cmp))
			mark[i] = 1;
	cen_free(d.ents);
	*out = mark;
	*n_delta = counts.added + counts.changed;
	fprintf(stderr, "centinela screen: delta screening: %zu added, %zu changed, %zu removed "
			"since the old list\n", counts.added, counts.changed, counts.removed);
	return 0;
}

/* ---- the command --------------------------------------------------- */

static void usage(FILE *f)
{
	fprintf(f,
		"usage: centinela screen [--list PATH]... [--in FILE|-] [--out FILE|-]\n"
		"                        [--format table|json|csv] [--threshold T]\n"
		"                        [--algorithm default|ofac] [--exhaustive] [--limit N]\n"
		"                        [--since-list OLD]... [--cleared FILE]...\n"
		"                        [--rejects FILE] [--strict] [--threads N]\n"
		"                        [--no-progress] [--quiet]\n"
		"Screens every record of a customer file (CSV with id,name[,dob,country,kind]\n"
		"or JSON lines) and writes one line per hit, in input order. Without --list\n"
		"the bundled demo list is used. Exit 0 done, 1 records rejected with --strict,\n"
		"2 failure.\n");
}

typedef struct screen_args {
	cli_common c;
	cli_lists old;
	const char *in, *out, *rejects;
	const char *cleared[CLI_MAX_LISTS];
	int n_cleared, strict, quiet, progress;
	long threads;
} screen_args;

static int parse_args(int argc, char **argv, screen_args *a)
{
	const char *cmd = "screen", *v;
	int r;
	cli_common_init(&a->c);
	a->c.so.limit = CEN_SCREEN_MAX_LIMIT;
	a->in = "-";
	a->out = "-";
	a->progress = 1;
	long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	a->threads = ncpu > 0 ? ncpu : 1;
	for (int i = 1; i < argc; i++) {
		const char *s = argv[i];
		if (!strcmp(s, "--help") || !strcmp(s, "-h")) {
			usage(stdout);
			return 1;
		}
		if ((r = cli_common_opt(cmd, argc, argv, &i, &a->c))) {
			if (r < 0)
				return -1;
		} else if ((r = cli_opt(cmd, argc, argv, &i, "--in", &v)) ||
			   (r = cli_opt(cmd, argc, argv, &i, "--out", &v)) ||
			   (r = cli_opt(cmd, argc, argv, &i, "--rejects", &v))) {
			if (r < 0)
				return -1;
			*(s[2] == 'i' ? &a->in : s[2] == 'o' ? &a->out : &a->rejects) = v;
		} else if ((r = cli_opt(cmd, argc, argv, &i, "--since-list", &v))) {
			if (r < 0 || cli_lists_add(&a->old, cmd, v))
				return -1;
		} else if ((r = cli_opt(cmd, argc, argv, &i, "--cleared", &v))) {
			if (r < 0)
				return -1;
			if (a->n_cleared >= CLI_MAX_LISTS) {
				fprintf(stderr, "centinela screen: at most %d --cleared\n", CLI_MAX_LISTS);
				return -1;
			}
			a->cleared[a->n_cleared++] = v;
		} else if ((r = cli_opt(cmd, argc, argv, &i, "--threads", &v))) {
			if (r < 0 || cli_long(cmd, "--threads", v, 1, MAX_THREADS, &a->threads))
				return -1;
		} else if (!strcmp(s, "--strict")) {
			a->strict = 1;
		} else if (!strcmp(s, "--quiet") || !strcmp(s, "-q")) {
			a->quiet = 1;
		} else if (!strcmp(s, "--no-progress")) {
			a->progress = 0;
		} else {
			fprintf(stderr, "centinela screen: unknown argument '%s'\n", s);
			usage(stderr);
			return -1;
		}
	}
	if (!strcmp(a->in, "-") && isatty(STDIN_FILENO)) {
		fprintf(stderr, "centinela screen: give --in FILE (or pipe the customer file in)\n");
		usage(stderr);
		return -1;
	}
	if (a->c.lists.n == 0 && a->old.n) {
		fprintf(stderr, "centinela screen: --since-list needs the current list(s) in --list\n");
		return -1;
	}
	return 0;
}

static int load_cleared(const screen_args *a, cen_goodguy **out)
{
	*out = NULL;
	if (!a->n_cleared)
		return 0;
	if (cen_goodguy_new(out))
		return -1;
	for (int i = 0; i < a->n_cleared; i++) {
		stats st = {0};
		cen_diag d = {on_diag, &st, 0, 0};
		if (cen_goodguy_load(*out, a->cleared[i], &d)) {
			fprintf(stderr, "centinela screen: --cleared: %s\n", cen_goodguy_errmsg(*out));
			return -1;
		}
		if (d.errors)
			fprintf(stderr, "centinela screen: --cleared %s: %llu rows skipped\n",
				a->cleared[i], (unsigned long long)d.errors);
	}
	return 0;
}

/* Writes the batch's outputs in order and counts. -1 on a write error. */
static int flush_batch(job *j, FILE *out, FILE *rej, const char *in_name, stats *st)
{
	for (size_t i = 0; i < j->n; i++) {
		rec_out *o = &j->outs[i];
		if (o->status) {
			st->rejected++;
			st->rej_query++;
			st->screened--;
			if (st->shown++ < DIAG_SHOWN)
				fprintf(stderr, "centinela screen: rejected: %s:%llu: field 'name': %s\n",
					in_name, (unsigned long long)j->recs[i].line,
					cen_buf_str(&o->text));
			cen_slice raw = {str_at(j, j->recs[i].raw), strlen(str_at(j, j->recs[i].raw))};
			if (write_reject(rej, raw))
				return -1;
			continue;
		}
		st->hits += o->hits;
		st->hit_records += o->hits > 0;
		st->suppressed += o->suppressed;
		st->recheck += o->recheck;
		if (out_flush(&o->text, out))
			return -1;
	}
	j->n = 0;
	cen_buf_reset(&j->strings);
	return 0;
}

static void summary(const screen_args *a, const stats *st, const cen_screener *scr,
		    double secs, const char *in_name)
{
	fprintf(stderr, "centinela screen: %s: read %llu records, screened %llu, rejected %llu",
		in_name, (unsigned long long)st->read, (unsigned long long)st->screened,
		(unsigned long long)st->rejected);
	if (st->rejected)
		fprintf(stderr, " (%llu malformed, %llu bad encoding, %llu oversized, %llu "
				"unscreenable name)", (unsigned long long)st->rej_parse,
			(unsigned long long)st->rej_encoding, (unsigned long long)st->rej_limit,
			(unsigned long long)st->rej_query);
	fprintf(stderr, "\ncentinela screen: %llu hits on %llu records (threshold %.2f, "
			"algorithm %s, %zu entities)", (unsigned long long)st->hits,
		(unsigned long long)st->hit_records, cli_threshold(&a->c.so),
		cen_algorithm_name(a->c.so.algorithm), cen_screener_entity_count(scr));
	if (a->n_cleared)
		fprintf(stderr, "; %llu suppressed as cleared, %llu cleared before but the list "
				"record changed (status recheck)", (unsigned long long)st->suppressed,
			(unsigned long long)st->recheck);
	fprintf(stderr, "\ncentinela screen: %.2f s, %.0f records/s, %ld thread%s\n", secs,
		secs > 0 ? (double)st->read / secs : 0.0, a->threads, a->threads == 1 ? "" : "s");
}

int cmd_screen(int argc, char **argv)
{
	screen_args a;
	memset(&a, 0, sizeof a);
	int r = parse_args(argc, argv, &a);
	if (r)
		return r > 0 ? 0 : 2;
	int status = 2;
	cen_list *list = NULL, *old = NULL;
	cen_screener *scr = NULL;
	cen_goodguy *gg = NULL;
	cen_customers *cr = NULL;
	unsigned char *delta = NULL;
	FILE *out = stdout, *rej = NULL;
	worker ws[MAX_THREADS];
	int nthreads = (int)a.threads;
	memset(ws, 0, sizeof ws);
	job *j = cen_calloc(1, sizeof *j);
	stats st = {0};
	cen_diag diag = {on_diag, &st, 0, 0};
	if (!j) {
		fprintf(stderr, "centinela screen: out of memory\n");
		return 2;
	}
	cen_buf_init(&j->strings, 0);
	for (size_t i = 0; i < BATCH; i++)
		cen_buf_init(&j->outs[i].text, 0);

	if (strcmp(a.out, "-") && !(out = fopen(a.out, "w"))) {
		fprintf(stderr, "centinela screen: cannot write %s: %s\n", a.out, strerror(errno));
		out = NULL;
		goto out;
	}
	j->fmt = cli_format_resolve(a.c.fmt, a.out, out);
	a.c.lists.quiet = a.quiet;
	if (cli_load_lists("screen", &a.c.lists, &list) ||
	    cli_build_screener("screen", list, &scr))
		goto out;
	if (a.old.n) {
		size_t nd;
		a.old.quiet = 1;
		if (cli_load_lists("screen", &a.old, &old))
			goto out;
		if (build_delta(old, list, &delta, &nd)) {
			fprintf(stderr, "centinela screen: cannot compare the lists: out of memory\n");
			goto out;
		}
	}
	if (load_cleared(&a, &gg))
		goto out;
	int rc = cen_customers_open(&cr, a.in, NULL, &diag);
	if (rc) {
		fprintf(stderr, "centinela screen: cannot read customers: %s\n",
			cen_customers_errmsg(cr));
		goto out;
	}
	const char *in_name = strcmp(a.in, "-") ? a.in : "<stdin>";
	if (a.rejects) {
		if (!(rej = fopen(a.rejects, "w"))) {
			fprintf(stderr, "centinela screen: cannot write %s: %s\n", a.rejects,
				strerror(errno));
			goto out;
		}
		if (cen_customers_format_of(cr) == CEN_CUSTOMERS_CSV)
			fprintf(rej, "%s\n", cen_customers_header(cr));
	}
	for (int t = 0; t < nthreads; t++) {
		ws[t].j = j;
		if (cen_query_ctx_new(&ws[t].ctx)) {
			fprintf(stderr, "centinela screen: out of memory\n");
			goto out;
		}
	}
	j->scr = scr;
	j->gg = gg;
	j->delta = delta;
	j->so = a.c.so;
	cen_buf hdr;
	cen_buf_init(&hdr, 0);
	if (j->fmt == CLI_FMT_CSV)
		out_hit_csv_header(&hdr, 1);
	else if (j->fmt == CLI_FMT_TABLE)
		out_hit_table_header(&hdr, 1);
	rc = out_flush(&hdr, out);
	cen_buf_release(&hdr);
	if (rc)
		goto write_error;

	cli_progress prog;
	cli_progress_init(&prog, a.progress && !a.quiet);
	double t0 = cli_now();
	for (;;) {
		cen_customer c;
		rc = cen_customers_next(cr, &c);
		if (rc == 1) {
			st.read++;
			st.screened++;
			if (add_record(j, &c, cen_customers_raw(cr))) {
				fprintf(stderr, "centinela screen: out of memory\n");
				goto out;
			}
			if (j->n < BATCH)
				continue;
		} else if (rc == CEN_EPARSE || rc == CEN_EENCODING || rc == CEN_ELIMIT) {
			st.read++;
			st.rejected++;
			st.rej_parse += rc == CEN_EPARSE;
			st.rej_encoding += rc == CEN_EENCODING;
			st.rej_limit += rc == CEN_ELIMIT;
			/* Keep the rejects file in input order: screen what came before. */
			if (rej && j->n) {
				run_batch(j, ws, nthreads);
				if (flush_batch(j, out, rej, in_name, &st))
					goto write_error;
			}
			if (write_reject(rej, cen_customers_raw(cr)))
				goto write_error;
			continue;
		} else if (rc < 0) {
			fprintf(stderr, "centinela screen: reading stopped: %s\n",
				cen_customers_errmsg(cr));
			goto out;
		}
		run_batch(j, ws, nthreads);
		if (flush_batch(j, out, rej, in_name, &st))
			goto write_error;
		cli_progress_update(&prog, cen_customers_offset(cr), cen_customers_size(cr), st.read);
		if (rc == 0)
			break;
	}
	cli_progress_end(&prog);
	if (fflush(out) || (rej && fflush(rej)))
		goto write_error;
	if (st.shown >= DIAG_SHOWN)
		fprintf(stderr, "centinela screen: (only the first %d diagnostics shown%s)\n",
			DIAG_SHOWN, a.rejects ? "; every rejected record is in the rejects file" : "");
	if (!a.quiet)
		summary(&a, &st, scr, cli_now() - t0, in_name);
	status = a.strict && st.rejected ? 1 : 0;
	goto out;
write_error:
	fprintf(stderr, "centinela screen: cannot write the output: %s\n", strerror(errno));
	status = 2;
out:
	for (int t = 0; t < nthreads; t++)
		cen_query_ctx_free(ws[t].ctx);
	if (out && out != stdout && fclose(out) && status != 2) {
		fprintf(stderr, "centinela screen: cannot write %s\n", a.out);
		status = 2;
	}
	if (rej)
		fclose(rej);
	cen_customers_free(cr);
	cen_goodguy_free(gg);
	cen_free(delta);
	cen_screener_free(scr);
	cen_list_free(old);
	cen_list_free(list);
	for (size_t i = 0; i < BATCH; i++)
		cen_buf_release(&j->outs[i].text);
	cen_buf_release(&j->strings);
	cen_free(j);
	return status;
}
