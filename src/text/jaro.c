/* jaro.c - Jaro and Jaro-Winkler similarity (cen_jaro, cen_jaro_winkler).
 *
 * Standard definitions: characters match when equal and at most
 * max(|a|,|b|)/2 - 1 positions apart; t is half the number of matched
 * characters out of order; jaro = (m/|a| + m/|b| + (m-t)/m) / 3. Winkler adds
 * l * 0.1 * (1 - jaro) for the common prefix length l <= 4 when jaro > 0.7.
 * When both strings fit in 64 bytes (name tokens, most whole names) the
 * matching runs on bit masks: for each character of a, the first unmatched
 * equal character of b inside the window is the lowest set bit of
 * peq[c] & window & ~matched, which gives the same matches as the textbook
 * double loop. Longer inputs use the double loop with flags on the stack;
 * inputs longer than CEN_SIM_MAX are compared on their first CEN_SIM_MAX
 * bytes. Nothing allocates.
 */
#include <string.h>

#include "centinela/text.h"
#include "text/internal.h"
#include "core/banned.h"

static double jaro_value(size_t m, size_t t, size_t alen, size_t blen)
{
	double md = (double)m;
	return (md / (double)alen + md / (double)blen + (md - (double)t / 2.0) / md) / 3.0;
}

/* Both lengths in 1..64. */
static double jaro64(const char *a, size_t alen, const char *b, size_t blen, size_t window)
{
	uint64_t peq[256];
	cen__text_peq(peq, b, blen, a, alen);
	uint64_t amatch = 0, bmatch = 0;
	size_t m = 0;
	for (size_t i = 0; i < alen; i++) {
		size_t lo = i > window ? i - window : 0;
		size_t hi = i + window + 1 < blen ? i + window + 1 : blen;
		if (lo >= hi)
			continue;
		uint64_t range = (hi == 64 ? ~(uint64_t)0 : ((uint64_t)1 << hi) - 1) &
				 ~(((uint64_t)1 << lo) - 1);
		uint64_t cand = peq[(unsigned char)a[i]] & range & ~bmatch;
		if (cand) {
			bmatch |= cand & (~cand + 1);
			amatch |= (uint64_t)1 << i;
			m++;
		}
	}
	if (!m)
		return 0.0;
	size_t t = 0;
	while (amatch) {
		int i = __builtin_ctzll(amatch), j = __builtin_ctzll(bmatch);
		t += a[i] != b[j];
		amatch &= amatch - 1;
		bmatch &= bmatch - 1;
	}
	return jaro_value(m, t, alen, blen);
}

double cen_jaro(const char *a, size_t alen, const char *b, size_t blen)
{
	if (alen > CEN_SIM_MAX)
		alen = CEN_SIM_MAX;
	if (blen > CEN_SIM_MAX)
		blen = CEN_SIM_MAX;
	if (!alen && !blen)
		return 1.0;
	if (!alen || !blen)
		return 0.0;
	if (alen == blen && memcmp(a, b, alen) == 0)
		return 1.0;
	size_t longer = alen > blen ? alen : blen;
	size_t window = longer / 2 > 0 ? longer / 2 - 1 : 0;
	if (longer <= 64)
		return jaro64(a, alen, b, blen, window);
	unsigned char amatch[CEN_SIM_MAX], bmatch[CEN_SIM_MAX];
	memset(amatch, 0, alen);
	memset(bmatch, 0, blen);
	size_t m = 0;
	for (size_t i = 0; i < alen; i++) {
		size_t lo = i > window ? i - window : 0;
		size_t hi = i + window + 1 < blen ? i + window + 1 : blen;
		for (size_t j = lo; j < hi; j++) {
			if (!bmatch[j] && a[i] == b[j]) {
				amatch[i] = bmatch[j] = 1;
				m++;
				break;
			}
		}
	}
	if (!m)
		return 0.0;
	size_t t = 0, j = 0;
	for (size_t i = 0; i < alen; i++) {
		if (!amatch[i])
			continue;
		while (!bmatch[j])
			j++;
		if (a[i] != b[j])
			t++;
		j++;
	}
	return jaro_value(m, t, alen, blen);
}

double cen_jaro_winkler(const char *a, size_t alen, const char *b, size_t blen)
{
	double j = cen_jaro(a, alen, b, blen);
	if (j <= 0.7)
		return j;
	size_t l = 0;
	while (l < 4 && l < alen && l < blen && a[l] == b[l])
		l++;
	return j + (double)l * 0.1 * (1.0 - j);
}
