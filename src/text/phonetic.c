/* phonetic.c - a phonetic key for Spanish and English names (cen_phonetic).
 *
 * The word's letters (anything else is skipped, so "de la cruz" and
 * "delacruz" agree) become a string of consonant classes; vowels are dropped
 * except that a leading vowel becomes 'A'. The classes merge what Spanish and
 * English spellings of one sound differ in:
 *   b v -> B (and n before b, v, p -> M: "enbar" = "embar");
 *   c before e i y, s, z -> S;  c otherwise, k, q(u), ck -> K;
 *   g before e i y, j, x -> J;  gu before e i -> G;  g otherwise -> G;
 *   ch, sh, sch, tch -> X;  ph -> F;  th -> T;  dt -> T;
 *   ll before a e o u, y before a vowel -> Y (other ll -> L: Phillip);
 *   h is silent, except hu before a vowel -> W (as w);
 *   initial kn -> N, wr -> R, ps -> S; gh -> G (the Arabic ghain of
 *   transliterated names, not the silent gh of English);
 *   kh -> J (Russian kh and Arabic kha are the sound of Spanish j:
 *   Khoakin = Joaquin, Khalid = Jalid); the y is a
 *   glide in a final -iya (BGN/PCGN for -ия: Garsiya = Garcia).
 * The same class twice with no vowel between is written once ("rr", "ss",
 * "sc(e)"). The key is the FNV-1a hash of the class string (0 is reserved
 * for "no letter"); cen_phonetic_code gives the string itself.
 * Invariant: only the first PH_MAX letters are used.
 */
#include <string.h>

#include "centinela/text.h"
#include "core/banned.h"

#define PH_MAX 64

static int is_vowel(char c)
{
	return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
}

static int front_vowel(char c)
{
	return c == 'e' || c == 'i' || c == 'y';
}

/* Writes the class string of s into code (PH_MAX + 1 bytes); returns its
 * length. */
static size_t encode(const char *s, size_t len, char *code)
{
	char w[PH_MAX + 2];
	size_t n = 0;
	for (size_t i = 0; i < len && n < PH_MAX; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 'A' && c <= 'Z')
			c = (unsigned char)(c - 'A' + 'a');
		if (c >= 'a' && c <= 'z')
			w[n++] = (char)c;
	}
	w[n] = w[n + 1] = '\0';
	size_t o = 0;
	char last = 0;
	int vowel_since = 0;
	size_t i = 0;
	if (n >= 2 && ((w[0] == 'k' && w[1] == 'n') || (w[0] == 'w' && w[1] == 'r') ||
		       (w[0] == 'p' && w[1] == 's') || (w[0] == 'g' && w[1] == 'n')))
		i = 1;
	for (; i < n; i++) {
		char c = w[i], nx = w[i + 1], nx2 = nx ? w[i + 2] : '\0';
		char sym = 0;
		/* A final -iya is the BGN/PCGN spelling of the Cyrillic ending
		 * -ия (Garsiya = Garcia): the y is a glide, not a consonant. */
		if (is_vowel(c) || (c == 'y' && (!is_vowel(nx) ||
						 (i && w[i - 1] == 'i' && nx == 'a' && !nx2)))) {
			if (o == 0 && !last)
				sym = 'A';
			else {
				vowel_since = 1;
				continue;
			}
		} else {
			switch (c) {
			case 'b':
			case 'v':
				sym = 'B';
				break;
			case 'c':
				if (nx == 'h') {
					sym = 'X';
					i++;
				} else if (front_vowel(nx)) {
					sym = 'S';
				} else {
					sym = 'K';
					if (nx == 'k')
						i++;
				}
				break;
			case 'q':
				sym = 'K';
				if (nx == 'u')
					i++;
				break;
			case 'k':
				if (nx == 'h') { /* kh = Spanish j: Russian kh, Arabic kha */
					sym = 'J';
					i++;
				} else {
					sym = 'K';
				}
				break;
			case 'g':
				if (front_vowel(nx)) {
					sym = 'J';
				} else if (nx == 'u' && front_vowel(nx2)) {
					sym = 'G';
					i++;
				} else if (nx == 'h') {
					sym = 'G'; /* Arabic ghain: Baghdadi = Bagdadi */
					i++;
				} else {
					sym = 'G';
				}
				break;
			case 'j':
			case 'x':
				sym = 'J';
				break;
			case 's':
				if (nx == 'h') {
					sym = 'X';
					i++;
				} else if (nx == 'c' && nx2 == 'h') {
					sym = 'X';
					i += 2;
				} else {
					sym = 'S';
				}
				break;
			case 'z':
				sym = 'S';
				break;
			case 'p':
				if (nx == 'h') {
					sym = 'F';
					i++;
				} else {
					sym = 'P';
				}
				break;
			case 't':
				if (nx == 'c' && nx2 == 'h')
					continue; /* tch = ch */
				sym = 'T';
				if (nx == 'h')
					i++;
				break;
			case 'd':
				if (nx == 't')
					continue; /* dt = t */
				sym = 'D';
				break;
			case 'l':
				/* Spanish ll is y; English ll (Phillip, William,
				 * Russell) is l: y only before a, e, o, u */
				if (nx == 'l' && (nx2 == 'a' || nx2 == 'e' || nx2 == 'o' || nx2 == 'u'))
					sym = 'Y';
				else
					sym = 'L';
				if (nx == 'l')
					i++;
				break;
			case 'y':
				sym = 'Y';
				break;
			case 'n':
				sym = nx == 'b' || nx == 'v' || nx == 'p' ? 'M' : 'N';
				break;
			case 'h':
				if (nx == 'u' && is_vowel(nx2)) {
					sym = 'W';
					i++;
					break;
				}
				continue;
			case 'w':
				sym = 'W';
				if (nx == 'h')
					i++;
				break;
			default: /* f m r */
				sym = (char)(c - 'a' + 'A');
				break;
			}
		}
		if (sym == last && !vowel_since)
			continue;
		code[o++] = sym;
		last = sym;
		vowel_since = 0;
	}
	code[o] = '\0';
	return o;
}

size_t cen_phonetic_code(const char *s, size_t len, char *out, size_t cap)
{
	char code[PH_MAX + 1];
	size_t n = encode(s, len, code);
	if (cap) {
		size_t k = n < cap - 1 ? n : cap - 1;
		memcpy(out, code, k);
		out[k] = '\0';
	}
	return n;
}

uint32_t cen_phonetic(const char *s, size_t len)
{
	char code[PH_MAX + 1];
	size_t n = encode(s, len, code);
	if (!n)
		return 0;
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)code[i];
		h *= 16777619u;
	}
	return h ? h : 1;
}
