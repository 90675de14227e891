/* soundex.c - American Soundex (cen_soundex).
 *
 * The National Archives rules: keep the first letter; code the rest
 * b f p v = 1, c g j k q s x z = 2, d t = 3, l = 4, m n = 5, r = 6; letters
 * with the same code next to each other, or separated only by h or w, are
 * coded once (the first letter included: "Pfister" is P236); vowels and y
 * separate them; pad with zeros to a letter and three digits. Bytes other
 * than ASCII letters are skipped.
 */
#include "centinela/text.h"
#include "core/banned.h"

/* '0' for vowels and y (they separate), 'h' for h and w (they do not), 0 for
 * non-letters. */
static char code_of(unsigned char c)
{
	if (c >= 'A' && c <= 'Z')
		c = (unsigned char)(c - 'A' + 'a');
	if (c < 'a' || c > 'z')
		return 0;
	static const char codes[26 + 1] = "01230120022455012623010202";
	return c == 'h' || c == 'w' ? 'h' : codes[c - 'a'];
}

void cen_soundex(const char *s, size_t len, char out[5])
{
	size_t i = 0, o = 0;
	char prev = 0;
	for (; i < len; i++) {
		char c = code_of((unsigned char)s[i]);
		if (!c)
			continue;
		unsigned char l = (unsigned char)s[i];
		out[o++] = (char)(l >= 'a' ? l - 'a' + 'A' : l);
		prev = c;
		i++;
		break;
	}
	if (!o) {
		out[0] = '\0';
		return;
	}
	for (; i < len && o < 4; i++) {
		char c = code_of((unsigned char)s[i]);
		if (!c || c == 'h')
			continue;
		if (c != '0' && c != prev)
			out[o++] = c;
		prev = c;
	}
	while (o < 4)
		out[o++] = '0';
	out[4] = '\0';
}
