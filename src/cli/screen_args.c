/* screen_args.c - option parsing for the screening subcommands: `--name
 * VALUE` or `--name=VALUE`, numbers checked against their range, kinds.
 * Every failure prints one line naming the command and the option. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "screen_cli.h"

int cli_opt(const char *cmd, int argc, char **argv, int *i, const char *name,
	    const char **val)
{
	const char *a = argv[*i];
	size_t n = strlen(name);
	if (strncmp(a, name, n) != 0)
		return 0;
	if (a[n] == '=') {
		*val = a + n + 1;
		return 1;
	}
	if (a[n] != '\0')
		return 0;
	if (*i + 1 >= argc) {
		fprintf(stderr, "centinela %s: %s needs a value\n", cmd, name);
		return -1;
	}
	*val = argv[++*i];
	return 1;
}

int cli_double(const char *cmd, const char *opt, const char *s, double lo, double hi,
	       double *out)
{
	char *end;
	errno = 0;
	double v = strtod(s, &end);
	if (errno || end == s || *end || !(v >= lo && v <= hi)) {
		fprintf(stderr, "centinela %s: %s wants a number from %g to %g, not '%s'\n", cmd,
			opt, lo, hi, s);
		return -1;
	}
	*out = v;
	return 0;
}

int cli_long(const char *cmd, const char *opt, const char *s, long lo, long hi, long *out)
{
	char *end;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < lo || v > hi) {
		fprintf(stderr, "centinela %s: %s wants a whole number from %ld to %ld, not '%s'\n",
			cmd, opt, lo, hi, s);
		return -1;
	}
	*out = v;
	return 0;
}

int cli_kind(const char *cmd, const char *s, cen_entity_kind *out)
{
	static const struct {
		const char *name;
		cen_entity_kind kind;
	} kinds[] = {
		{"person", CEN_KIND_PERSON}, {"individual", CEN_KIND_PERSON},
		{"org", CEN_KIND_ORG},       {"organization", CEN_KIND_ORG},
		{"vessel", CEN_KIND_VESSEL}, {"aircraft", CEN_KIND_AIRCRAFT},
		{"any", CEN_KIND_UNKNOWN},
	};
	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
		if (!strcmp(s, kinds[i].name)) {
			*out = kinds[i].kind;
			return 0;
		}
	}
	fprintf(stderr, "centinela %s: --kind wants person, org, vessel, aircraft or any, not '%s'\n",
		cmd, s);
	return -1;
}

void cli_common_init(cli_common *c)
{
	memset(c, 0, sizeof *c);
	cen_search_opts_init(&c->so);
	c->so.threshold = -1;
}

double cli_threshold(const cen_search_opts *so)
{
	if (so->threshold >= 0)
		return so->threshold;
	return so->algorithm == CEN_ALGO_OFAC ? CEN_SCREEN_OFAC_THRESHOLD : CEN_SCREEN_THRESHOLD;
}

int cli_common_opt(const char *cmd, int argc, char **argv, int *i, cli_common *c)
{
	const char *v;
	int r;
	if (!strcmp(argv[*i], "--exhaustive")) {
		c->so.flags |= CEN_SEARCH_EXHAUSTIVE;
		return 1;
	}
	if ((r = cli_opt(cmd, argc, argv, i, "--list", &v)))
		return r < 0 || cli_lists_add(&c->lists, cmd, v) ? -1 : 1;
	if ((r = cli_opt(cmd, argc, argv, i, "--kind", &v)))
		return r < 0 || cli_kind(cmd, v, &c->kind) ? -1 : 1;
	if ((r = cli_opt(cmd, argc, argv, i, "--format", &v)))
		return r < 0 || cli_format_parse(cmd, v, &c->fmt) ? -1 : 1;
	if ((r = cli_opt(cmd, argc, argv, i, "--threshold", &v)))
		return r < 0 || cli_double(cmd, "--threshold", v, 0, 1, &c->so.threshold) ? -1 : 1;
	if ((r = cli_opt(cmd, argc, argv, i, "--limit", &v))) {
		long n;
		if (r < 0 || cli_long(cmd, "--limit", v, 1, CEN_SCREEN_MAX_LIMIT, &n))
			return -1;
		c->so.limit = (size_t)n;
		return 1;
	}
	if ((r = cli_opt(cmd, argc, argv, i, "--algorithm", &v))) {
		if (r < 0)
			return -1;
		if (cen_algorithm_parse(v, &c->so.algorithm)) {
			fprintf(stderr, "centinela %s: --algorithm wants default or ofac, not '%s'\n",
				cmd, v);
			return -1;
		}
		return 1;
	}
	return 0;
}
