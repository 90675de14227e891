/* levenshtein.c - bounded Levenshtein distance (cen_levenshtein).
 *
 * The common prefix and suffix are cut first (they cost nothing). When the
 * shorter remainder has at most 64 bytes, Myers' bit-parallel algorithm
 * (Myers 1999, in Hyyrö's formulation for the global distance) runs in one
 * machine word per text character. Otherwise a two-row dynamic programme
 * restricted to the diagonal band |i - j| <= max (Ukkonen) runs with rows on
 * the stack. Inputs longer than CEN_SIM_MAX are cut to CEN_SIM_MAX bytes.
 * Invariant: the result is the exact distance when it is <= max, else max+1.
 */
#include <string.h>

#include "centinela/text.h"
#include "text/internal.h"
#include "core/banned.h"

static int myers64(const char *p, size_t m, const char *t, size_t n)
{
	uint64_t peq[256];
	cen__text_peq(peq, p, m, t, n);
	uint64_t pv = ~(uint64_t)0, mv = 0;
	uint64_t last = (uint64_t)1 << (m - 1);
	int score = (int)m;
	for (size_t j = 0; j < n; j++) {
		uint64_t eq = peq[(unsigned char)t[j]];
		uint64_t xv = eq | mv;
		uint64_t xh = (((eq & pv) + pv) ^ pv) | eq;
		uint64_t ph = mv | ~(xh | pv);
		uint64_t mh = pv & xh;
		if (ph & last)
			score++;
		else if (mh & last)
			score--;
		ph = (ph << 1) | 1;
		mh <<= 1;
		pv = mh | ~(xv | ph);
		mv = ph & xv;
	}
	return score;
}

/* Banded DP; a is the shorter. */
static int banded(const char *a, size_t m, const char *b, size_t n, int max)
{
	int row0[CEN_SIM_MAX + 1], row1[CEN_SIM_MAX + 1];
	int *prev = row0, *cur = row1;
	const int big = max + 1;
	for (size_t i = 0; i <= m; i++)
		prev[i] = (int)i <= max ? (int)i : big;
	for (size_t j = 1; j <= n; j++) {
		size_t lo = j > (size_t)max ? j - (size_t)max : 0;
		size_t hi = j + (size_t)max < m ? j + (size_t)max : m;
		int rowmin = big;
		if (lo == 0) {
			cur[0] = (int)j <= max ? (int)j : big;
			rowmin = cur[0];
			lo = 1;
		} else {
			cur[lo - 1] = big;
		}
		for (size_t i = lo; i <= hi; i++) {
			int v = prev[i - 1] + (a[i - 1] != b[j - 1]);
			if (prev[i] + 1 < v)
				v = prev[i] + 1;
			if (cur[i - 1] + 1 < v)
				v = cur[i - 1] + 1;
			cur[i] = v < big ? v : big;
			if (cur[i] < rowmin)
				rowmin = cur[i];
		}
		if (hi < m)
			cur[hi + 1] = big;
		if (rowmin > max)
			return big;
		int *tmp = prev;
		prev = cur;
		cur = tmp;
	}
	return prev[m] <= max ? prev[m] : big;
}

int cen_levenshtein(const char *a, size_t alen, const char *b, size_t blen, int max)
{
	if (alen > CEN_SIM_MAX)
		alen = CEN_SIM_MAX;
	if (blen > CEN_SIM_MAX)
		blen = CEN_SIM_MAX;
	if (max < 0 || max > CEN_SIM_MAX)
		max = CEN_SIM_MAX;
	while (alen && blen && a[0] == b[0]) {
		a++, b++;
		alen--, blen--;
	}
	while (alen && blen && a[alen - 1] == b[blen - 1])
		alen--, blen--;
	if (alen > blen) {
		const char *t = a;
		a = b;
		b = t;
		size_t l = alen;
		alen = blen;
		blen = l;
	}
	if (blen - alen > (size_t)max)
		return max + 1;
	if (alen == 0)
		return (int)blen;
	int d = alen <= 64 ? myers64(a, alen, b, blen) : banded(a, alen, b, blen, max);
	return d <= max ? d : max + 1;
}
