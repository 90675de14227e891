/* bench_text.c - speed of the name text layer against what a user might
 * write instead, on real list names, in the same run.
 *
 * Names: the primary and alias names of an OFAC SDN file (sdn.csv, alt.csv;
 * column 2 / 4), as they are (ASCII), with accents put on a third of their
 * vowels (Latin), the original-script names of the UN consolidated list
 * (Cyrillic, Arabic script) and the other non-Latin queries of
 * names/cross_script_pairs.csv (Han, Hangul, kana, Greek, Hebrew, Thai).
 * Compared, best of 5 passes each:
 *  - cen_normalize vs a straightforward normaliser: utf8proc_map (NFKD, case
 *    fold, strip marks) on every name, then ICU "Any-Latin; Latin-ASCII" on
 *    those with non-ASCII left, then an ASCII filter;
 *  - cen_jaro_winkler vs a textbook Jaro-Winkler that allocates its match
 *    flags, and cen_levenshtein (bound 2) vs the full two-row dynamic
 *    programme, on pairs of name tokens;
 *  - cen_tokenize and cen_phonetic alone (no baseline).
 * Usage: bench_text [SDN_DIR]  (default $CENTINELA_DATA/ofac/sdn-2024-05)
 * Run with bench/bench_text.sh.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <unicode/ustring.h>
#include <unicode/utrans.h>
#include <utf8proc.h>

#include "centinela/io.h"
#include "centinela/text.h"
#include "reference/naive_text.h"

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts); /* CPU time: the machines are shared */
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

typedef struct names {
	char **v;
	size_t n, cap;
} names;

static void add(names *ns, const char *s, size_t len)
{
	if (ns->n == ns->cap) {
		ns->cap = ns->cap ? ns->cap * 2 : 1024;
		ns->v = realloc(ns->v, ns->cap * sizeof *ns->v);
		if (!ns->v)
			exit(1);
	}
	char *c = malloc(len + 1);
	if (!c)
		exit(1);
	memcpy(c, s, len);
	c[len] = '\0';
	ns->v[ns->n++] = c;
}

static void load(names *ns, const char *path, size_t col)
{
	cen_csv *csv;
	if (cen_csv_open_file(&csv, path, NULL) != 0) {
		fprintf(stderr, "bench_text: cannot read %s\n", path);
		return;
	}
	cen_slice *f;
	size_t nf;
	int rc;
	while ((rc = cen_csv_next(csv, &f, &nf)) != 0) {
		if (rc < 0 || nf <= col || f[col].len == 0 || f[col].len > 300)
			continue;
		if (f[col].len == 3 && memcmp(f[col].ptr, "-0-", 3) == 0)
			continue;
		add(ns, f[col].ptr, f[col].len);
	}
	cen_csv_free(csv);
}

/* Puts accents on every third vowel: a -> á (c3 a1) and so on. */
static void accent(const names *in, names *out)
{
	static const char *acc[] = {"\xc3\xa1", "\xc3\xa9", "\xc3\xad", "\xc3\xb3", "\xc3\xba"};
	char buf[1024];
	for (size_t i = 0; i < in->n; i++) {
		size_t o = 0, k = 0;
		for (const char *p = in->v[i]; *p && o + 3 < sizeof buf; p++) {
			const char *v = strchr("aeiou", *p >= 'A' && *p <= 'Z' ? *p + 32 : *p);
			if (*p && v && ++k % 3 == 0) {
				memcpy(buf + o, acc[v - "aeiou"], 2);
				o += 2;
			} else {
				buf[o++] = *p;
			}
		}
		add(out, buf, o);
	}
}

/* The baseline normaliser. */
typedef struct naive {
	UTransliterator *t;
	UChar u[8192];
	char tmp[16384];
} naive;

static size_t naive_normalize(naive *nv, const char *s, char *out, size_t cap)
{
	utf8proc_uint8_t *m = NULL;
	utf8proc_ssize_t ml = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)strlen(s), &m,
					   UTF8PROC_STABLE | UTF8PROC_COMPAT | UTF8PROC_DECOMPOSE |
					   UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK);
	if (ml < 0)
		return 0;
	const char *src = (const char *)m;
	int ascii = 1;
	for (utf8proc_ssize_t i = 0; i < ml; i++)
		if (m[i] >= 0x80)
			ascii = 0;
	if (!ascii) {
		UErrorCode st = U_ZERO_ERROR;
		int32_t ul = 0, lim, bl = 0;
		u_strFromUTF8(nv->u, 8192, &ul, src, (int32_t)ml, &st);
		lim = ul;
		utrans_transUChars(nv->t, nv->u, &ul, 8192, 0, &lim, &st);
		u_strToUTF8(nv->tmp, sizeof nv->tmp, &bl, nv->u, ul, &st);
		if (U_FAILURE(st))
			bl = 0;
		nv->tmp[bl] = '\0';
		src = nv->tmp;
	}
	size_t o = 0;
	int sp = 0;
	for (const char *p = src; *p && o + 2 < cap; p++) {
		char c = *p;
		if (c >= 'A' && c <= 'Z')
			c = (char)(c + 32);
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
			if (sp && o)
				out[o++] = ' ';
			sp = 0;
			out[o++] = c;
		} else if (c != '\'') {
			sp = 1;
		}
	}
	out[o] = '\0';
	free(m);
	return o;
}

static void report(const char *what, size_t n, double ours, double base)
{
	printf("%-34s %9.1f ns   baseline %9.1f ns   ratio %6.1fx\n", what, ours / (double)n * 1e9,
	       base / (double)n * 1e9, base / ours);
}

static double best3_norm(cen_normalizer *cn, const names *ns, cen_buf *b, size_t *bytes)
{
	double best = 1e9;
	for (int r = 0; r < 5; r++) {
		double t0 = now();
		size_t tot = 0;
		for (size_t i = 0; i < ns->n; i++)
			if (cen_normalize(cn, ns->v[i], strlen(ns->v[i]), b) == 0)
				tot += b->len;
		double dt = now() - t0;
		if (dt < best)
			best = dt;
		*bytes = tot;
	}
	return best;
}

static double best3_naive(naive *nv, const names *ns, size_t *bytes)
{
	double best = 1e9;
	char out[8192];
	for (int r = 0; r < 5; r++) {
		double t0 = now();
		size_t tot = 0;
		for (size_t i = 0; i < ns->n; i++)
			tot += naive_normalize(nv, ns->v[i], out, sizeof out);
		double dt = now() - t0;
		if (dt < best)
			best = dt;
		*bytes = tot;
	}
	return best;
}

int main(int argc, char **argv)
{
	char dir[1024], path[1200];
	const char *data = getenv("CENTINELA_DATA");
	if (argc > 1)
		snprintf(dir, sizeof dir, "%s", argv[1]);
	else
		snprintf(dir, sizeof dir, "%s/ofac/sdn-2024-05", data ? data : "../shared/data");
	names ascii = {0}, latin = {0}, other = {0};
	snprintf(path, sizeof path, "%s/sdn.csv", dir);
	load(&ascii, path, 1);
	snprintf(path, sizeof path, "%s/alt.csv", dir);
	load(&ascii, path, 3);
	if (!ascii.n) {
		fprintf(stderr, "bench_text: no names under %s\n", dir);
		return 77;
	}
	accent(&ascii, &latin);
	/* original-script names of the UN list, by script */
	names cyr = {0}, arab = {0};
	snprintf(path, sizeof path, "%s/un/consolidated-2026-02-27.xml", data ? data : "../shared/data");
	char *xml = NULL;
	size_t xlen = 0;
	char err[256];
	if (cen_read_file(path, 64u << 20, &xml, &xlen, err, sizeof err) == 0) {
		const char *tag = "<NAME_ORIGINAL_SCRIPT>";
		for (const char *p = strstr(xml, tag); p; p = strstr(p, tag)) {
			p += strlen(tag);
			const char *e = strstr(p, "</NAME_ORIGINAL_SCRIPT>");
			if (!e)
				break;
			unsigned char c = (unsigned char)p[0];
			add(c == 0xd0 || c == 0xd1 ? &cyr : c >= 0xd8 && c <= 0xdb ? &arab : &other, p,
			    (size_t)(e - p));
		}
		cen_free(xml);
	}
	snprintf(path, sizeof path, "%s/names/cross_script_pairs.csv", data ? data : "../shared/data");
	names pairs = {0};
	load(&pairs, path, 0);
	for (size_t i = 0; i < pairs.n; i++) {
		unsigned char c = (unsigned char)pairs.v[i][0];
		if (c >= 0x80 && !(c == 0xd0 || c == 0xd1) && !(c >= 0xd8 && c <= 0xdb))
			add(&other, pairs.v[i], strlen(pairs.v[i]));
	}
	printf("names: %zu ASCII (SDN primary + alias), %zu accented, %zu Cyrillic and %zu Arabic "
	       "(UN list), %zu other scripts\n",
	       ascii.n, latin.n, cyr.n, arab.n, other.n);

	cen_normalizer *cn;
	if (cen_normalizer_new(&cn) != 0)
		return 1;
	cen_buf b;
	cen_buf_init(&b, 0);
	static naive nv;
	UChar id[64];
	u_uastrcpy(id, "Any-Latin; Latin-ASCII");
	UErrorCode st = U_ZERO_ERROR;
	nv.t = utrans_openU(id, -1, UTRANS_FORWARD, NULL, 0, NULL, &st);
	if (U_FAILURE(st))
		return 1;
	const names *sets[] = {&ascii, &latin, &cyr, &arab, &other};
	const char *labels[] = {"normalize, ASCII names", "normalize, accented Latin names",
				"normalize, Cyrillic names", "normalize, Arabic-script names",
				"normalize, Han/Hangul/kana/Thai..."};
	for (int k = 0; k < 5; k++) {
		if (!sets[k]->n)
			continue;
		size_t b1, b2;
		/* warm up the transliterators */
		best3_norm(cn, sets[k], &b, &b1);
		double ours = best3_norm(cn, sets[k], &b, &b1);
		double base = best3_naive(&nv, sets[k], &b2);
		report(labels[k], sets[k]->n, ours, base);
		printf("  output bytes: ours %zu, baseline %zu\n", b1, b2);
	}

	/* token pairs: consecutive normalised tokens of the SDN names */
	names toks = {0}, normed = {0};
	for (size_t i = 0; i < ascii.n; i++) {
		if (cen_normalize(cn, ascii.v[i], strlen(ascii.v[i]), &b) != 0)
			continue;
		add(&normed, b.data ? b.data : "", b.len);
		if (toks.n >= 20000)
			continue;
		cen_token t[32];
		size_t nt = 0;
		cen_tokenize(b.data, b.len, t, 32, &nt);
		for (size_t j = 0; j < nt; j++)
			add(&toks, b.data + t[j].off, t[j].len);
	}
	size_t np = toks.n - 1;
	double best_o = 1e9, best_b = 1e9, acc = 0;
	for (int r = 0; r < 5; r++) {
		double t0 = now();
		for (size_t i = 0; i < np; i++)
			acc += cen_jaro_winkler(toks.v[i], strlen(toks.v[i]), toks.v[i + 1],
						strlen(toks.v[i + 1]));
		double t1 = now();
		for (size_t i = 0; i < np; i++)
			acc -= naive_jw(toks.v[i], strlen(toks.v[i]), toks.v[i + 1],
					strlen(toks.v[i + 1]));
		double t2 = now();
		if (t1 - t0 < best_o)
			best_o = t1 - t0;
		if (t2 - t1 < best_b)
			best_b = t2 - t1;
	}
	report("jaro-winkler, token pairs", np, best_o, best_b);
	if (acc > 1e-6 || acc < -1e-6)
		printf("  (jaro-winkler disagrees with the baseline: %g)\n", acc);
	best_o = best_b = 1e9;
	long mism = 0;
	for (int r = 0; r < 5; r++) {
		long d1 = 0, d2 = 0;
		double t0 = now();
		for (size_t i = 0; i < np; i++)
			d1 += cen_levenshtein(toks.v[i], strlen(toks.v[i]), toks.v[i + 1],
					      strlen(toks.v[i + 1]), 2);
		double t1 = now();
		for (size_t i = 0; i < np; i++) {
			int d = naive_lev(toks.v[i], strlen(toks.v[i]), toks.v[i + 1],
					  strlen(toks.v[i + 1]));
			d2 += d > 2 ? 3 : d;
		}
		double t2 = now();
		mism = d1 - d2;
		if (t1 - t0 < best_o)
			best_o = t1 - t0;
		if (t2 - t1 < best_b)
			best_b = t2 - t1;
	}
	report("levenshtein <= 2, token pairs", np, best_o, best_b);
	if (mism)
		printf("  (levenshtein disagrees with the baseline: %ld)\n", mism);

	double dt = 1e9;
	size_t ntok = 0;
	for (int r = 0; r < 5; r++) {
		double t0 = now();
		ntok = 0;
		for (size_t i = 0; i < normed.n; i++) {
			cen_token t[32];
			size_t nt = 0;
			cen_tokenize(normed.v[i], strlen(normed.v[i]), t, 32, &nt);
			ntok += nt;
		}
		if (now() - t0 < dt)
			dt = now() - t0;
	}
	printf("%-34s %9.1f ns a name (%zu tokens)\n", "tokenize (normalised names)",
	       dt / (double)normed.n * 1e9, ntok);
	dt = 1e9;
	uint32_t h = 0;
	for (int r = 0; r < 5; r++) {
		double t0 = now();
		for (size_t i = 0; i < toks.n; i++)
			h ^= cen_phonetic(toks.v[i], strlen(toks.v[i]));
		if (now() - t0 < dt)
			dt = now() - t0;
	}
	printf("%-34s %9.1f ns a token (%08x)\n", "phonetic key", dt / (double)toks.n * 1e9, h);
	cen_buf_release(&b);
	cen_normalizer_free(cn);
	utrans_close(nv.t);
	return 0;
}
