/* fuzz_normalize.c - libFuzzer target for cen_normalize and what runs on its
 * output (tokens, Soundex, phonetic key, similarity).
 *
 * Checks the output invariant: only [a-z0-9] and single inner spaces; and
 * that a string is at distance 0 and similarity 1 from itself.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "centinela/text.h"

static cen_normalizer *norm;
static cen_buf out;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!norm) {
		if (cen_normalizer_new(&norm) != 0)
			abort();
		cen_buf_init(&out, 0);
	}
	int rc = cen_normalize(norm, (const char *)data, size, &out);
	if (rc != 0) {
		if (rc != CEN_EENCODING && rc != CEN_ELIMIT)
			abort();
		if (out.len != 0)
			abort();
		return 0;
	}
	const char *s = cen_buf_str(&out);
	size_t n = out.len;
	if (strlen(s) != n)
		abort();
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		int ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
			 (c == ' ' && i > 0 && i + 1 < n && s[i - 1] != ' ');
		if (!ok)
			abort();
	}
	cen_token toks[64];
	size_t nt = 0;
	rc = cen_tokenize(s, n, toks, 64, &nt);
	if (rc != 0 && rc != CEN_ELIMIT)
		abort();
	for (size_t i = 0; i < nt; i++) {
		const char *t = s + toks[i].off;
		size_t tl = toks[i].len;
		if (!tl || toks[i].off + tl > n)
			abort();
		char sx[5];
		cen_soundex(t, tl, sx);
		(void)cen_phonetic(t, tl);
		const char *full;
		(void)cen_nickname_canonical(t, tl, &full);
		if (i > 0) {
			const char *p = s + toks[i - 1].off;
			size_t pl = toks[i - 1].len;
			double j = cen_jaro_winkler(p, pl, t, tl);
			if (!(j >= 0.0 && j <= 1.0))
				abort();
			int d = cen_levenshtein(p, pl, t, tl, 3);
			if (d < 0 || d > 4)
				abort();
		}
	}
	if (cen_levenshtein(s, n, s, n, 0) != 0)
		abort();
	if (n && cen_jaro_winkler(s, n, s, n) != 1.0)
		abort();
	/* the raw input as "normalised" text must not crash the scorers */
	(void)cen_levenshtein((const char *)data, size, s, n, 5);
	(void)cen_jaro_winkler((const char *)data, size, s, n);
	(void)cen_phonetic((const char *)data, size);
	return 0;
}
