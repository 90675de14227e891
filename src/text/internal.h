/* internal.h - hooks of the text module for its tests (internal-shared). */
#ifndef CEN_TEXT_INTERNAL_H
#define CEN_TEXT_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

/* strcmp of the NUL-terminated table word w against tok[0..len), for binary
 * searches over the static tables. */
static inline int cen__text_wordcmp(const char *w, const char *tok, size_t len)
{
	/* table words are short: a plain loop beats a strncmp call */
	for (size_t i = 0; i < len; i++) {
		int c = (unsigned char)w[i] - (unsigned char)tok[i];
		if (c)
			return c; /* also when w ends first: 0 - tok[i] < 0 */
	}
	return w[len] ? 1 : 0;
}

/* Position masks of the bytes of p (m <= 64): bit i of peq[c] is set when
 * p[i] == c. Only the entries of bytes in p or in t are written, and only
 * those may be read afterwards. */
static inline void cen__text_peq(uint64_t peq[256], const char *p, size_t m, const char *t,
				 size_t n)
{
	for (size_t i = 0; i < m; i++)
		peq[(unsigned char)p[i]] = 0;
	for (size_t j = 0; j < n; j++)
		peq[(unsigned char)t[j]] = 0;
	for (size_t i = 0; i < m; i++)
		peq[(unsigned char)p[i]] |= (uint64_t)1 << i;
}

/* Nonzero if the static word tables are in the order bsearch needs. */
/* The value 0..9 of cp, a decimal digit (Unicode category Nd) of any
 * script: Unicode encodes those only in runs of ten, 0 to 9 in order, and
 * runs that meet each begin at a 0, so it is cp's distance from the start
 * of its run of Nd code points, modulo 10 (normalize.c). */
int cen__digit_value(int32_t cp);
int cen__text_words_sorted(void);
int cen__text_nicks_sorted(void);
int cen__script_words_sorted(void);

/* Rewrites the common name words of Arabic, Hebrew and Korean in in[0..len)
 * (valid UTF-8) with their usual Latin spelling, into out (replaced); the
 * rest is copied (script_words.c). */
struct cen_buf;
int cen__script_words(const char *in, size_t len, struct cen_buf *out);

#endif
