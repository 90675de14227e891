/* naive_text.h - textbook string measures, written for clarity, that the
 * tests and benchmarks compare the library's fast ones with (header only:
 * static functions, for tests/unit and bench/).
 *
 *   naive_jaro  Jaro similarity (Winkler 1990 formulation)
 *   naive_jw    Jaro-Winkler: Jaro plus 0.1 per common prefix letter (at
 *               most 4) of what is left, above a Jaro of 0.7
 *   naive_lev   Levenshtein distance (two rows of the full table)
 *
 * What must hold: these stay the definitions; they are slow on purpose.
 */
#ifndef CEN_TESTS_NAIVE_TEXT_H
#define CEN_TESTS_NAIVE_TEXT_H

#include <stdlib.h>

static double naive_jaro(const char *a, size_t al, const char *b, size_t bl)
{
	if (!al || !bl)
		return al == bl ? 1.0 : 0.0;
	char *am = calloc(al, 1), *bm = calloc(bl, 1);
	if (!am || !bm)
		abort();
	size_t w = (al > bl ? al : bl) / 2, m = 0, t = 0;
	w = w ? w - 1 : 0;
	for (size_t i = 0; i < al; i++)
		for (size_t j = i > w ? i - w : 0; j < bl && j <= i + w; j++)
			if (!bm[j] && a[i] == b[j]) {
				am[i] = bm[j] = 1;
				m++;
				break;
			}
	double r = 0;
	if (m) {
		for (size_t i = 0, j = 0; i < al; i++)
			if (am[i]) {
				while (!bm[j])
					j++;
				t += a[i] != b[j++];
			}
		double md = (double)m;
		r = (md / (double)al + md / (double)bl + (md - (double)t / 2) / md) / 3;
	}
	free(am);
	free(bm);
	return r;
}

static inline double naive_jw(const char *a, size_t al, const char *b, size_t bl)
{
	double r = naive_jaro(a, al, b, bl);
	if (!al || !bl || r <= 0.7)
		return r;
	size_t l = 0;
	while (l < 4 && l < al && l < bl && a[l] == b[l])
		l++;
	return r + (double)l * 0.1 * (1 - r);
}

static int naive_lev(const char *a, size_t m, const char *b, size_t n)
{
	int *prev = malloc((m + 1) * sizeof *prev), *cur = malloc((m + 1) * sizeof *cur);
	if (!prev || !cur)
		abort();
	for (size_t i = 0; i <= m; i++)
		prev[i] = (int)i;
	for (size_t j = 1; j <= n; j++) {
		cur[0] = (int)j;
		for (size_t i = 1; i <= m; i++) {
			int v = prev[i - 1] + (a[i - 1] != b[j - 1]);
			if (prev[i] + 1 < v)
				v = prev[i] + 1;
			if (cur[i - 1] + 1 < v)
				v = cur[i - 1] + 1;
			cur[i] = v;
		}
		int *t = prev;
		prev = cur;
		cur = t;
	}
	int d = prev[m];
	free(prev);
	free(cur);
	return d;
}

#endif
