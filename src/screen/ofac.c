/* ofac.c - an emulation of the score of OFAC's Sanctions List Search.
 *
 * OFAC describes its tool (FAQ 249) as: candidates must share the first
 * letter of a search term and be at least 50% similar by edit distance;
 * then Jaro-Winkler compares the whole name, and each name part of the
 * query is compared with the list name's parts by Jaro-Winkler and Soundex;
 * the higher of the whole-name score and the composite of the part scores
 * is the result. OFAC does not publish its code; this is our reading:
 *   pre-filter  some query part and some list part share their first letter
 *               and 1 - lev/maxlen >= 0.5 for that pair;
 *   whole       Jaro-Winkler of the two normalised full names;
 *   part score  for each query part, the best over list parts of
 *               JW, raised to (1 + JW)/2 when the Soundex codes agree;
 *   composite   the mean of the part scores;
 *   score       max(whole, composite).
 * No rarity, no corroboration, no legal-form removal beyond our
 * normalisation. It is documented as an emulation (docs/screening.md).
 */
#include <string.h>

#include "screen/screen_int.h"

double scr_ofac_score(const char *qtext, size_t qlen, const scr_tok *q, size_t nq,
		      const char *ntext, size_t nlen, const scr_tok *n, size_t nn,
		      cen_buf *explain)
{
	if (!nq || !nn)
		return -1;
	int pass = 0;
	for (size_t i = 0; i < nq && !pass; i++)
		for (size_t j = 0; j < nn && !pass; j++) {
			if (q[i].s[0] != n[j].s[0])
				continue;
			size_t m = q[i].len > n[j].len ? q[i].len : n[j].len;
			int d = cen_levenshtein(q[i].s, q[i].len, n[j].s, n[j].len, (int)m);
			if (1.0 - (double)d / (double)m >= 0.5)
				pass = 1;
		}
	if (!pass) {
		if (explain)
			cen_buf_puts(explain, "ofac emulation: rejected by the first-letter/50% edit pre-filter");
		return -1;
	}
	double whole = cen_jaro_winkler(qtext, qlen, ntext, nlen);
	double sum = 0;
	for (size_t i = 0; i < nq; i++) {
		char sq[5], sn[5];
		cen_soundex(q[i].s, q[i].len, sq);
		double best = 0;
		size_t bj = 0;
		for (size_t j = 0; j < nn; j++) {
			double jw = cen_jaro_winkler(q[i].s, q[i].len, n[j].s, n[j].len);
			cen_soundex(n[j].s, n[j].len, sn);
			if (sq[0] && !strcmp(sq, sn))
				jw = (1.0 + jw) / 2.0;
			if (jw > best) {
				best = jw;
				bj = j;
			}
		}
		sum += best;
		if (explain) {
			cen_buf_printf(explain, "%s%.*s~%.*s %.2f", i ? "; " : "parts: ", (int)q[i].len,
				       q[i].s, (int)n[bj].len, n[bj].s, best);
		}
	}
	double comp = sum / (double)nq;
	double v = whole > comp ? whole : comp;
	if (explain)
		cen_buf_printf(explain, "; composite %.2f; whole-name Jaro-Winkler %.2f; ofac emulation score %.2f",
			       comp, whole, v);
	return v;
}
