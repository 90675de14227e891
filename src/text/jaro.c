/* jaro.c - Jaro and Jaro-Winkler similarity (cen_jaro, cen_jaro_winkler).
 *
 * Standard definitions: characters match when equal and at most
 * max(|a|,|b|)/2 - 1 positions apart; t is half the number of matched
 * characters out of order; jaro = (m/|a| + m/|b| + (m-t)/m) / 3. Winkler adds
 * l * 0.1 * (1 - jaro) for the common prefix length l <= 4 when jaro > 0.7.
 * Inputs longer than CEN_SIM_MAX are compared on their first CEN_SIM_MAX
 * bytes; no allocation (match flags live on the stack).
 */
#include <string.h>

#include "centinela/text.h"
#include "core/banned.h"

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
	unsigned char amatch[CEN_SIM_MAX], bmatch[CEN_SIM_MAX];
	memset(amatch, 0, alen);
	memset(bmatch, 0, blen);
	size_t longer = alen > blen ? alen : blen;
	size_t window = longer / 2 > 0 ? longer / 2 - 1 : 0;
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
	double md = (double)m;
	return (md / (double)alen + md / (double)blen + (md - (double)t / 2.0) / md) / 3.0;
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
