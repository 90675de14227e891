/* bench_txn_read.c - rows per second of the transaction reader against a
 * naive reader a user might write (fgets + strtok_r + strtod + strptime +
 * timegm), on the same generated files, in the same run.
 *
 * Usage: bench_txn_read [ROWS] [DIR]   (defaults: 2000000 rows, /tmp)
 * Writes DIR/bench_txn_aml.csv (AMLworld) and DIR/bench_txn_canon.csv
 * (canonical) once (deterministic content), then times, best of 3 passes
 * each (files in the page cache): the raw generic CSV tokenizer (cen_csv),
 * cen_txn_reader on both formats, and the naive baseline on the AMLworld
 * file. Prints rows per CPU second (process CPU time, so one core's rate
 * even on a shared machine), ns/row and the ratio to the baseline.
 * Run with bench/bench_txn_read.sh.
 */
#define _XOPEN_SOURCE 700
#define _DEFAULT_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "centinela/io.h"
#include "centinela/txn.h"

static double now(void)
{
	struct timespec ts;
	/* CPU time of this process: rows per second of one core, even while
	 * other programs share the machine. */
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static uint64_t rng = 0x9E3779B97F4A7C15ULL;
static uint64_t next_rand(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static const char *const cur_names[] = {"US Dollar", "US Dollar", "US Dollar", "Euro",
					"Yuan", "Mexican Peso", "UK Pound", "Bitcoin"};
static const char *const cur_codes[] = {"USD", "USD", "USD", "EUR", "CNY", "MXN", "GBP", "BTC"};
static const char *const formats[] = {"Cheque", "ACH", "Credit Card", "Wire", "Cash",
				      "Reinvestment", "Bitcoin"};
static const char *const channels[] = {"cheque", "ach", "card", "wire", "cash",
				       "reinvestment", "crypto"};

static int exists(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && st.st_size > 0;
}

/* Timestamps advance slowly (many rows per minute), as in AMLworld. */
static void gen(const char *path, long rows, int canonical)
{
	FILE *f = fopen(path, "w");
	if (!f) {
		perror(path);
		exit(1);
	}
	if (canonical)
		fputs("id,timestamp,orig_bank,orig_account,bene_bank,bene_account,amount,currency,"
		      "amount_received,currency_received,channel,orig_name,bene_name,orig_country,"
		      "bene_country,location,memo\n", f);
	else
		fputs("Timestamp,From Bank,Account,To Bank,Account,Amount Received,Receiving "
		      "Currency,Amount Paid,Payment Currency,Payment Format,Is Laundering\n", f);
	long t0 = 1661990400; /* 2022-09-01 */
	for (long i = 0; i < rows; i++) {
		long t = t0 + i / 40 * 60 / 10 * 10;
		time_t tt = (time_t)t;
		struct tm tm;
		gmtime_r(&tt, &tm);
		uint64_t r = next_rand();
		unsigned b1 = (unsigned)(r % 3000), b2 = (unsigned)(r >> 12) % 3000;
		unsigned long a1 = 0x80000000UL + (unsigned long)((r >> 20) % 500000);
		unsigned long a2 = 0x80000000UL + (unsigned long)((r >> 40) % 500000);
		unsigned ci = (unsigned)(r >> 8) % 8, fi = (unsigned)(r >> 16) % 7;
		unsigned long cents = (unsigned long)(next_rand() % 2000000);
		if (canonical) {
			fprintf(f, "T%ld,%04d-%02d-%02dT%02d:%02d:%02dZ,B%03u,%lX,B%03u,%lX,%lu.%02lu,%s,,,%s,,,US,US,,\n",
				i + 1, tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
				tm.tm_min, tm.tm_sec, b1, a1, b2, a2, cents / 100, cents % 100,
				cur_codes[ci], channels[fi]);
		} else {
			fprintf(f, "%04d/%02d/%02d %02d:%02d,%03u,%lX,%03u,%lX,%lu.%02lu,%s,%lu.%02lu,%s,%s,%d\n",
				tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min,
				b1, a1, b2, a2, cents / 100, cents % 100, cur_names[ci], cents / 100,
				cents % 100, cur_names[ci], formats[fi], (r & 1023) == 0);
		}
	}
	fclose(f);
}

static volatile int64_t sink;

static long run_reader(const char *path)
{
	cen_txn_reader *r;
	if (cen_txn_reader_open(&r, path, NULL)) {
		fprintf(stderr, "%s\n", cen_txn_reader_errmsg(r));
		exit(1);
	}
	cen_txn t;
	long n = 0;
	int64_t acc = 0;
	int rc;
	while ((rc = cen_txn_reader_next(r, &t)) != 0) {
		if (rc < 0) {
			fprintf(stderr, "%s\n", cen_txn_reader_errmsg(r));
			exit(1);
		}
		acc += t.base_amount + t.ts + (int64_t)t.orig_acct.len;
		n++;
	}
	sink = acc;
	cen_txn_reader_free(r);
	return n;
}

static long run_csv(const char *path)
{
	cen_csv *c;
	if (cen_csv_open_file(&c, path, NULL))
		exit(1);
	cen_slice *f;
	size_t nf;
	long n = 0;
	size_t acc = 0;
	while (cen_csv_next(c, &f, &nf) > 0) {
		acc += nf + f[0].len;
		n++;
	}
	sink = (int64_t)acc;
	cen_csv_free(c);
	return n - 1;
}

/* What a user might write: fgets, strtok_r, strtod, strptime, timegm, and
 * a strcmp chain for currency names. */
static long run_naive(const char *path)
{
	FILE *f = fopen(path, "r");
	if (!f)
		exit(1);
	char line[4096];
	long n = 0;
	double acc = 0;
	if (!fgets(line, sizeof line, f))
		exit(1);
	while (fgets(line, sizeof line, f)) {
		char *save, *fld[12];
		int k = 0;
		for (char *p = strtok_r(line, ",\n", &save); p && k < 12; p = strtok_r(NULL, ",\n", &save))
			fld[k++] = p;
		if (k < 10)
			continue;
		struct tm tm;
		memset(&tm, 0, sizeof tm);
		if (!strptime(fld[0], "%Y/%m/%d %H:%M", &tm))
			continue;
		time_t ts = timegm(&tm);
		double paid = strtod(fld[7], NULL);
		double rate = 1.0;
		if (!strcmp(fld[8], "Euro"))
			rate = 1.08;
		else if (!strcmp(fld[8], "Yuan"))
			rate = 0.14;
		else if (!strcmp(fld[8], "Mexican Peso"))
			rate = 0.055;
		else if (!strcmp(fld[8], "UK Pound"))
			rate = 1.27;
		else if (!strcmp(fld[8], "Bitcoin"))
			rate = 60000;
		acc += paid * rate + (double)ts + (double)strlen(fld[2]);
		n++;
	}
	sink = (int64_t)acc;
	fclose(f);
	return n;
}

static double best(long (*fn)(const char *), const char *path, long want)
{
	double b = 1e30;
	for (int i = 0; i < 3; i++) {
		double t0 = now();
		long n = fn(path);
		double dt = now() - t0;
		if (n != want) {
			fprintf(stderr, "%s: %ld rows, expected %ld\n", path, n, want);
			exit(1);
		}
		if (dt < b)
			b = dt;
	}
	return b;
}

static void report(const char *what, long rows, double secs, double base)
{
	printf("%-34s %8.2f M rows/s %7.1f ns/row", what, (double)rows / secs / 1e6,
	       secs * 1e9 / (double)rows);
	if (base > 0)
		printf("   x%.1f vs naive", base / secs);
	printf("\n");
}

int main(int argc, char **argv)
{
	long rows = argc > 1 ? atol(argv[1]) : 2000000;
	const char *dir = argc > 2 ? argv[2] : "/tmp";
	char aml[1024], canon[1024];
	snprintf(aml, sizeof aml, "%s/bench_txn_aml_%ld.csv", dir, rows);
	snprintf(canon, sizeof canon, "%s/bench_txn_canon_%ld.csv", dir, rows);
	if (!exists(aml))
		gen(aml, rows, 0);
	if (!exists(canon))
		gen(canon, rows, 1);
	printf("bench_txn_read: %ld rows per file (%s, %s), best of 3\n", rows, aml, canon);
	double naive = best(run_naive, aml, rows);
	double csv_aml = best(run_csv, aml, rows);
	double rd_aml = best(run_reader, aml, rows);
	double csv_can = best(run_csv, canon, rows);
	double rd_can = best(run_reader, canon, rows);
	report("naive fgets/strtok/strtod/strptime", rows, naive, 0);
	report("cen_csv tokenizer only (AMLworld)", rows, csv_aml, naive);
	report("cen_txn_reader AMLworld", rows, rd_aml, naive);
	report("cen_csv tokenizer only (canonical)", rows, csv_can, 0);
	report("cen_txn_reader canonical", rows, rd_can, 0);
	printf("ratio reader/naive (AMLworld): %.1fx\n", naive / rd_aml);
	return 0;
}
