/* tsim.c - similarity of two name tokens.
 *
 * The value is one of:
 *   1.00  equal;
 *   0.90  at least, when one is a nickname of the other ("pepe"/"jose"),
 *         or both are nicknames of the same name;
 *   0.6 * Jaro-Winkler + 0.4 * (1 - edits/length) when the edit distance is
 *         1 (both tokens of 4+ letters) or the phonetic keys agree, raised
 *         to 0.85 for a phonetic agreement within three edits;
 *   0     otherwise, and for gender variants ("maria"/"mario",
 *         "francisco"/"francisca", "luis"/"luisa"), particles against non-particles,
 *         numbers against anything but the same number, and anything under
 *         SCR_FLOOR.
 * Invariant (the index depends on it, see screen_int.h): a non-zero value
 * implies equal, nickname, edit distance <= 1 or equal phonetic keys.
 */
#include <string.h>

#include "screen/screen_int.h"

int scr_gender_variant(const char *a, size_t al, const char *b, size_t bl)
{
	/* feminine by an added a: luis/luisa, juan/juana, daniel/daniela */
	if (al + 1 == bl || bl + 1 == al) {
		const char *sh = al < bl ? a : b, *lo = al < bl ? b : a;
		size_t n = al < bl ? al : bl;
		char last = sh[n - 1];
		return n >= 4 && lo[n] == 'a' && !memcmp(sh, lo, n) &&
		       (last == 'l' || last == 'n' || last == 's' || last == 'r');
	}
	if (al != bl || al < 4)
		return 0;
	if (memcmp(a, b, al - 1) != 0)
		return 0;
	char x = a[al - 1], y = b[bl - 1];
	return (x == 'a' && y == 'o') || (x == 'o' && y == 'a');
}

static int nick_equiv(const scr_tok *a, const scr_tok *b)
{
	const char *fa[8], *fb[8];
	size_t na = cen_nickname_all(a->s, a->len, fa, 8);
	size_t nb = cen_nickname_all(b->s, b->len, fb, 8);
	if (na > 8)
		na = 8;
	if (nb > 8)
		nb = 8;
	for (size_t i = 0; i < na; i++)
		if (strlen(fa[i]) == b->len && !memcmp(fa[i], b->s, b->len))
			return 1;
	for (size_t i = 0; i < nb; i++)
		if (strlen(fb[i]) == a->len && !memcmp(fb[i], a->s, a->len))
			return 1;
	for (size_t i = 0; i < na; i++)
		for (size_t j = 0; j < nb; j++)
			if (!strcmp(fa[i], fb[j]))
				return 1;
	return 0;
}

float scr_tsim(const scr_tok *a, const scr_tok *b)
{
	if (a->len == b->len && !memcmp(a->s, b->s, a->len))
		return 1.0f;
	if ((a->flags ^ b->flags) & CEN_TOK_PARTICLE)
		return 0.0f;
	if ((a->flags | b->flags) & (CEN_TOK_NUMERIC | CEN_TOK_PARTICLE | CEN_TOK_INITIAL))
		return 0.0f;
	if (scr_gender_variant(a->s, a->len, b->s, b->len))
		return 0.0f;
	int nick = ((a->flags | b->flags) & SCR_TF_NICK) && nick_equiv(a, b);
	uint32_t pa = a->phon ? a->phon : cen_phonetic(a->s, a->len);
	uint32_t pb = b->phon ? b->phon : cen_phonetic(b->s, b->len);
	int phon = pa && pa == pb;
	size_t minl = a->len < b->len ? a->len : b->len;
	size_t maxl = a->len > b->len ? a->len : b->len;
	int d = cen_levenshtein(a->s, a->len, b->s, b->len, 4);
	if (!phon && !(d <= 1 && minl >= 4))
		return nick ? 0.90f : 0.0f;
	double jw = cen_jaro_winkler(a->s, a->len, b->s, b->len);
	double s = 0.6 * jw + 0.4 * (1.0 - (double)d / (double)maxl);
	/* Sound-alikes: up to 3 edits, or up to 4 in long words (a
	 * transliteration rewrites several letters: Khoakin = Joaquin). */
	if (phon && minl >= 4 && (d <= 3 || (d == 4 && minl >= 7)) && s < 0.85)
		s = 0.85;
	if (s > 0.98)
		s = 0.98; /* different spellings never score as equal */
	if (nick && s < 0.90)
		s = 0.90;
	return s < SCR_FLOOR ? 0.0f : (float)s;
}
