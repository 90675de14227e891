/* text.h - the text layer of name screening: normalisation, tokens and their
 * flags, string similarity, Soundex, a Spanish/English phonetic key and a
 * nickname (hypocorism) table.
 *
 * Everything after cen_normalize works on its output: lower-case ASCII words
 * ([a-z0-9]+) separated by single spaces, no leading or trailing space. The
 * similarity functions are pure, allocate nothing and are safe to call from
 * any thread. A cen_normalizer is not thread-safe: use one per thread.
 */
#ifndef CENTINELA_TEXT_H
#define CENTINELA_TEXT_H

#include <stddef.h>
#include <stdint.h>

#include "centinela/core.h"
#include "centinela/io.h"

/* Longest input cen_normalize accepts, in bytes (CEN_ELIMIT beyond). */
#define CEN_NAME_MAX 4096
/* Similarity functions compare at most this many bytes of each input. */
#define CEN_SIM_MAX 1024

/* --- normalisation ------------------------------------------------------ */

typedef struct cen_normalizer cen_normalizer;

/* Creates a normaliser. The ICU transliterator it needs for non-Latin
 * scripts is opened on first use, so creating one is cheap. */
int cen_normalizer_new(cen_normalizer **out);
void cen_normalizer_free(cen_normalizer *n); /* accepts NULL */
/* Message of the last error of n; never NULL. */
const char *cen_normalizer_errmsg(const cen_normalizer *n);

/* Normalises the UTF-8 name in[0..len) and REPLACES the contents of out with
 * it: compatibility decomposition (NFKD), case folding, marks stripped,
 * ß->ss, æ->ae, ø->o, ł->l, đ->d, þ->th and the like; letters of other
 * scripts romanised (Cyrillic by BGN/PCGN: "Шевченко" -> "shevchenko";
 * common Arabic, Hebrew and Korean name words as lists spell them, other
 * Arabic-script words letter by letter; the rest by ICU: Greek by ELOT 743,
 * Han as pinyin; see docs/name-text.md); apostrophes and single quotes
 * removed ("O'Neil" -> "oneil"), every other
 * non-alphanumeric character (punctuation, double quotes, symbols, spaces) a
 * word separator. The result may be empty (e.g. "---").
 * Errors: CEN_EENCODING (invalid UTF-8; out is left empty), CEN_ELIMIT (len >
 * CEN_NAME_MAX or out's cap), CEN_ENOMEM, CEN_EUNSUPPORTED (the ICU
 * transliterator could not be opened). */
int cen_normalize(cen_normalizer *n, const char *in, size_t len, cen_buf *out);

/* --- tokens ------------------------------------------------------------- */

enum cen_token_flag {
	CEN_TOK_PARTICLE = 1u << 0,   /* de, del, la, y, van, von, al, bin, ibn... */
	CEN_TOK_LEGAL_FORM = 1u << 1, /* sa, cv, llc, ltd, gmbh, "s a de c v"... */
	CEN_TOK_HONORIFIC = 1u << 2,  /* mr, sr, sra, dr, lic, ing, sheikh, jr... */
	CEN_TOK_INITIAL = 1u << 3,    /* a single letter */
	CEN_TOK_NUMERIC = 1u << 4,    /* digits only */
};
/* Flags of tokens that carry little identity: a scorer gives them no weight of
 * their own (they neither create nor hide a match). */
#define CEN_TOK_NOISE (CEN_TOK_PARTICLE | CEN_TOK_LEGAL_FORM | CEN_TOK_HONORIFIC)

typedef struct cen_token {
	uint32_t off, len; /* bytes of the normalised string */
	uint32_t flags;    /* enum cen_token_flag bits */
} cen_token;

/* Splits a normalised string at spaces into at most max tokens and flags
 * them. A legal form of several words ("s a de c v", "s de r l de c v",
 * "sa de cv") is recognised as one unit and all its tokens get
 * CEN_TOK_LEGAL_FORM (and not PARTICLE: the "de" in it is part of the form).
 * Forms made only of single letters ("s a", "s l", "s c") count only at the
 * end of the name, so "S A Khan" keeps its initials. Tokens of one letter also
 * get CEN_TOK_INITIAL, digit-only ones CEN_TOK_NUMERIC, whatever else they are.
 * Returns 0, or CEN_ELIMIT when there were more than max tokens (the first max
 * are in toks, *n == max). */
int cen_tokenize(const char *norm, size_t len, cen_token *toks, size_t max, size_t *n);

/* Flags a single word would get on its own (no multi-word legal forms). */
uint32_t cen_token_word_flags(const char *tok, size_t len);

/* --- similarity (inputs are normalised ASCII) ---------------------------- */

/* Jaro-Winkler similarity in [0,1]: standard Jaro, Winkler prefix bonus with
 * scale 0.1 over at most 4 common leading characters, applied when the Jaro
 * similarity exceeds 0.7 (as jellyfish and most references do).
 * Two empty strings: 1; one empty: 0. */
double cen_jaro_winkler(const char *a, size_t alen, const char *b, size_t blen);
/* Plain Jaro similarity, same conventions. */
double cen_jaro(const char *a, size_t alen, const char *b, size_t blen);

/* Levenshtein distance (insert, delete, substitute, each 1), bounded: returns
 * the distance if it is <= max, else max + 1. max < 0 means unbounded. Uses
 * Myers' bit-parallel algorithm when the shorter string has <= 64 bytes. */
int cen_levenshtein(const char *a, size_t alen, const char *b, size_t blen, int max);

/* American Soundex (the variant of the US National Archives, used by OFAC's
 * Sanctions List Search): first letter upper case and three digits, e.g.
 * "robert" -> "R163"; h and w do not separate equal codes, vowels do.
 * Non-letters are ignored. No letter at all: out is "". */
void cen_soundex(const char *s, size_t len, char out[5]);

/* Phonetic key for Spanish and English names: equal keys for sound-alikes
 * (v/b, z/s/c before e,i, ll/y, silent h, qu/k/c, gu before e,i, x/j/g
 * before e,i, ph/f, doubled letters, vowels after the first letter). 0 when
 * s has no letter. See docs/name-text.md for the rules. */
uint32_t cen_phonetic(const char *s, size_t len);
/* The readable code the key is a hash of (e.g. "gonzalez" -> "GNSLS"),
 * NUL-terminated, truncated to cap - 1; returns its full length. */
size_t cen_phonetic_code(const char *s, size_t len, char *out, size_t cap);

/* --- nicknames ---------------------------------------------------------- */

/* If tok is a known nickname or hypocorism of a Spanish or English first name
 * ("pepe", "paco", "bill"), sets *out to its most likely full form ("jose",
 * "francisco", "william"; a static string) and returns 1; else returns 0. */
int cen_nickname_canonical(const char *tok, size_t len, const char **out);
/* All full forms of a nickname ("beto" -> "alberto", "roberto", ...), most
 * likely first; writes at most max and returns how many there are. */
size_t cen_nickname_all(const char *tok, size_t len, const char **outs, size_t max);

#endif
