/* cmd_synth.c - `centinela synth`: write labelled synthetic bank data
 * (docs/synth.md). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "centinela/synth.h"
#include "commands.h"

static void usage(FILE *f)
{
	fprintf(f,
		"usage: centinela synth --out DIR [--accounts N] [--days N] [--seed N]\n"
		"                       [--format canonical|amlworld] [--start YYYY-MM-DD]\n"
		"                       [--activity X] [--laundering SHARE] [--quiet]\n"
		"\n"
		"Writes DIR/transactions.csv, DIR/accounts.csv, DIR/truth_txns.csv,\n"
		"DIR/truth_accounts.csv and DIR/watchlist.csv: a bank-like population with\n"
		"planted laundering attempts of every typology, identical for the same options.\n"
		"  --accounts N       domestic customer accounts (default 50000; about one\n"
		"                     transaction per account per day)\n"
		"  --days N           simulated days (default 10)\n"
		"  --seed N           random seed (default 7)\n"
		"  --format F         canonical (default) or amlworld\n"
		"  --start DATE       first day (default 2025-11-28)\n"
		"  --activity X       multiplier of everyday spending (default 1.0)\n"
		"  --laundering S     target share of laundering transactions (default 0.004)\n");
}

static int parse_u64(const char *s, uint64_t *out)
{
	char *end;
	errno = 0;
	if (!s || !*s || *s == '-')
		return -1;
	unsigned long long v = strtoull(s, &end, 10);
	if (errno || *end)
		return -1;
	*out = v;
	return 0;
}

static int parse_double(const char *s, double *out)
{
	char *end;
	errno = 0;
	if (!s || !*s)
		return -1;
	double v = strtod(s, &end);
	if (errno || *end)
		return -1;
	*out = v;
	return 0;
}

int cmd_synth(int argc, char **argv)
{
	cen_synth_opts o;
	cen_synth_opts_init(&o);
	const char *dir = NULL;
	int quiet = 0;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
		uint64_t u;
		int bad = 0;
		if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			usage(stdout);
			return 0;
		} else if (!strcmp(a, "--quiet") || !strcmp(a, "-q")) {
			quiet = 1;
			continue;
		} else if (!v) {
			fprintf(stderr, "centinela synth: %s needs a value (or is unknown)\n", a);
			usage(stderr);
			return 2;
		}
		i++;
		if (!strcmp(a, "--out"))
			dir = v;
		else if (!strcmp(a, "--accounts"))
			bad = parse_u64(v, &o.accounts);
		else if (!strcmp(a, "--days")) {
			bad = parse_u64(v, &u) || u > 366;
			o.days = bad ? 0 : (uint32_t)u;
		}
		else if (!strcmp(a, "--seed"))
			bad = parse_u64(v, &o.seed);
		else if (!strcmp(a, "--activity"))
			bad = parse_double(v, &o.activity);
		else if (!strcmp(a, "--laundering"))
			bad = parse_double(v, &o.laundering);
		else if (!strcmp(a, "--start"))
			bad = cen_synth_parse_date(v, &o.start) != 0;
		else if (!strcmp(a, "--format")) {
			if (!strcmp(v, "canonical"))
				o.format = CEN_SYNTH_CANONICAL;
			else if (!strcmp(v, "amlworld"))
				o.format = CEN_SYNTH_AMLWORLD;
			else
				bad = 1;
		} else {
			fprintf(stderr, "centinela synth: unknown option %s\n", a);
			usage(stderr);
			return 2;
		}
		if (bad) {
			fprintf(stderr, "centinela synth: bad value for %s: '%s'\n", a, v);
			return 2;
		}
	}
	if (!dir) {
		fprintf(stderr, "centinela synth: --out DIR is required\n");
		usage(stderr);
		return 2;
	}
	if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
		fprintf(stderr, "centinela synth: cannot create %s: %s\n", dir, strerror(errno));
		return 2;
	}
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	cen_synth_stats st;
	char err[512];
	int rc = cen_synth_write(&o, dir, &st, err, sizeof err);
	if (rc) {
		fprintf(stderr, "centinela synth: %s\n", err[0] ? err : cen_strerror(rc));
		return 2;
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	if (quiet)
		return 0;
	double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	fprintf(stderr,
		"synth: %llu accounts, %llu transactions (%llu laundering, %.2f%%) in %llu attempts; "
		"%.2f s\n",
		(unsigned long long)st.accounts, (unsigned long long)st.txns,
		(unsigned long long)st.laundering_txns,
		st.txns ? 100.0 * (double)st.laundering_txns / (double)st.txns : 0.0,
		(unsigned long long)st.attempts, secs);
	for (int t = 0; t < CEN_SYNTH_NTYPOLOGIES; t++)
		fprintf(stderr, "  %-22s %6llu attempts %8llu txns\n", cen_synth_typology_name(t),
			(unsigned long long)st.typology_attempts[t],
			(unsigned long long)st.typology_txns[t]);
	return 0;
}
