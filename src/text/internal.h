/* internal.h - hooks of the text module for its tests (internal-shared). */
#ifndef CEN_TEXT_INTERNAL_H
#define CEN_TEXT_INTERNAL_H

#include <stddef.h>
#include <string.h>

/* strcmp of the NUL-terminated table word w against tok[0..len), for binary
 * searches over the static tables. */
static inline int cen__text_wordcmp(const char *w, const char *tok, size_t len)
{
	if (!len)
		return w[0] ? 1 : 0;
	int c = (unsigned char)w[0] - (unsigned char)tok[0];
	if (c)
		return c;
	c = strncmp(w, tok, len);
	if (c)
		return c;
	return w[len] ? 1 : 0;
}

/* Nonzero if the static word tables are in the order bsearch needs. */
int cen__text_words_sorted(void);
int cen__text_nicks_sorted(void);
int cen__script_words_sorted(void);

/* Rewrites the common name words of Arabic, Hebrew and Korean in in[0..len)
 * (valid UTF-8) with their usual Latin spelling, into out (replaced); the
 * rest is copied (script_words.c). */
struct cen_buf;
int cen__script_words(const char *in, size_t len, struct cen_buf *out);

#endif
