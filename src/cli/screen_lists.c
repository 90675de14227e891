/* screen_lists.c - loading the designation lists a screening command uses:
 * every --list path (format detected by the library), or the bundled demo
 * list when none is given, and building the screener over them.
 *
 * The demo list is found, in order: $CENTINELA_DEMO_LIST; the examples/
 * folder of the source tree this file was compiled from (__FILE__ is the
 * absolute path CMake passes); examples/ next to the binary or one or two
 * folders up (a build directory inside the source tree), or
 * ../share/centinela/ next to the binary (an install).
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "screen_cli.h"

#define DEMO_REL "examples/watchlist-cartels.csv"
#define LOAD_DIAG_SHOWN 5

int cli_lists_add(cli_lists *l, const char *cmd, const char *path)
{
	if (l->n >= CLI_MAX_LISTS) {
		fprintf(stderr, "centinela %s: at most %d --list options\n", cmd, CLI_MAX_LISTS);
		return -1;
	}
	l->paths[l->n++] = path;
	return 0;
}

static int readable(const char *p)
{
	return access(p, R_OK) == 0;
}

/* Tries dir + "/" + up levels of ".." + DEMO_REL. */
static int try_from(char *out, size_t outlen, const char *dir, int up)
{
	char rel[64] = "";
	for (int i = 0; i < up; i++)
		strncat(rel, "../", sizeof rel - strlen(rel) - 1);
	int n = snprintf(out, outlen, "%s/%s%s", dir, rel, DEMO_REL);
	return n > 0 && (size_t)n < outlen && readable(out);
}

const char *cli_demo_list(void)
{
	static char path[PATH_MAX + 64];
	const char *env = getenv("CENTINELA_DEMO_LIST");
	if (env && *env)
		return env;
	/* Source tree: this file is <root>/src/cli/screen_lists.c. */
	char dir[PATH_MAX];
	snprintf(dir, sizeof dir, "%s", __FILE__);
	char *cut = strstr(dir, "/src/cli/");
	if (dir[0] == '/' && cut) {
		*cut = '\0';
		if (try_from(path, sizeof path, dir, 0))
			return path;
	}
	ssize_t n = readlink("/proc/self/exe", dir, sizeof dir - 1);
	if (n > 0) {
		dir[n] = '\0';
		char *slash = strrchr(dir, '/');
		if (slash)
			*slash = '\0';
		for (int up = 0; up <= 2; up++)
			if (try_from(path, sizeof path, dir, up))
				return path;
		snprintf(path, sizeof path, "%s/../share/centinela/watchlist-cartels.csv", dir);
		if (readable(path))
			return path;
	}
	return NULL;
}

struct load_diag {
	const char *cmd;
	unsigned shown;
	int quiet; /* errors only */
};

static void on_load_diag(void *ctx, int severity, const char *file, uint64_t line,
			 const char *field, const char *msg)
{
	struct load_diag *d = ctx;
	if (severity < (d->quiet ? 2 : 1) || d->shown >= LOAD_DIAG_SHOWN)
		return;
	d->shown++;
	fprintf(stderr, "centinela %s: %s: %s", d->cmd, severity >= 2 ? "error" : "warning",
		file ? file : "");
	if (line)
		fprintf(stderr, ":%llu", (unsigned long long)line);
	if (field)
		fprintf(stderr, ": field '%s'", field);
	fprintf(stderr, ": %s\n", msg);
}

int cli_load_lists(const char *cmd, const cli_lists *l, cen_list **out)
{
	*out = NULL;
	cen_list *list = NULL;
	if (cen_list_new(&list)) {
		fprintf(stderr, "centinela %s: out of memory\n", cmd);
		return -1;
	}
	const char *demo[1];
	const char *const *paths = l->paths;
	int n = l->n;
	if (n == 0) {
		demo[0] = cli_demo_list();
		if (!demo[0]) {
			fprintf(stderr, "centinela %s: no --list given and the bundled demo list "
					"(%s) was not found; set CENTINELA_DEMO_LIST or pass --list\n",
				cmd, DEMO_REL);
			cen_list_free(list);
			return -1;
		}
		if (!l->quiet)
			fprintf(stderr, "centinela %s: no --list given: using the bundled demo "
					"list %s\n", cmd, demo[0]);
		paths = demo;
		n = 1;
	}
	for (int i = 0; i < n; i++) {
		struct load_diag ld = {cmd, 0, l->quiet};
		cen_diag d = {on_load_diag, &ld, 0, 0};
		int rc = cen_list_load(list, paths[i], CEN_LIST_AUTO, &d);
		if (rc) {
			fprintf(stderr, "centinela %s: cannot load list %s: %s\n", cmd, paths[i],
				cen_list_errmsg(list));
			cen_list_free(list);
			return -1;
		}
		uint64_t total = l->quiet ? d.errors : d.warnings + d.errors;
		if (total > ld.shown)
			fprintf(stderr, "centinela %s: %s: %llu more diagnostics not shown "
					"(%llu warnings, %llu rejected records in all)\n", cmd, paths[i],
				(unsigned long long)(total - ld.shown),
				(unsigned long long)d.warnings, (unsigned long long)d.errors);
	}
	*out = list;
	return 0;
}

int cli_build_screener(const char *cmd, const cen_list *list, cen_screener **out)
{
	size_t n;
	const cen_entity *const *ents = cen_list_entities(list, &n);
	const char *msg = NULL;
	int rc = cen_screener_new(out, ents, n, NULL, &msg);
	if (rc) {
		fprintf(stderr, "centinela %s: cannot build the screening index: %s\n", cmd,
			msg ? msg : cen_strerror(rc));
		return -1;
	}
	return 0;
}

int cli_engine_open(const char *cmd, const cli_lists *l, int optional, cli_engine *e)
{
	memset(e, 0, sizeof *e);
	if (!(optional && l->n == 0) &&
	    (cli_load_lists(cmd, l, &e->list) || cli_build_screener(cmd, e->list, &e->scr)))
		return -1;
	if (cen_query_ctx_new(&e->ctx)) {
		fprintf(stderr, "centinela %s: out of memory\n", cmd);
		return -1;
	}
	return 0;
}

void cli_engine_close(cli_engine *e)
{
	cen_query_ctx_free(e->ctx);
	cen_screener_free(e->scr);
	cen_list_free(e->list);
	memset(e, 0, sizeof *e);
}

int cli_write_stdout(const char *cmd, cen_buf *b)
{
	if (out_flush(b, stdout) || fflush(stdout)) {
		fprintf(stderr, "centinela %s: cannot write the output\n", cmd);
		return -1;
	}
	return 0;
}
