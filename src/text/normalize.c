/* normalize.c - names to lower-case ASCII words (cen_normalize).
 *
 * Three paths, cheapest first:
 *  1. all bytes ASCII (almost every name): one table lookup per byte, no
 *     library call, no allocation once out has room;
 *  2. Latin script with accents: each code point goes through utf8proc
 *     (compatibility decomposition, case fold, marks and ignorables stripped,
 *     punctuation lumped to ASCII), then a small table for the Latin letters
 *     that do not decompose (ø, ł, đ, æ, þ...);
 *  3. any letter of another script: the whole name first goes through the
 *     dictionary and letter tables of script_words.c (Cyrillic, Arabic
 *     script, Hebrew and Korean name words), then, if letters of another
 *     script are left, through ICU (TRANSLIT_ID below); the result takes
 *     path 2.
 * Path 2 keeps, per normaliser, the result for each code point below U+0250
 * (built once when the normaliser is created), so accented Latin names cost
 * a table lookup per character too.
 * Invariant of the output: only [a-z0-9] and single spaces between words, no
 * leading or trailing space, NUL-terminated by cen_buf. Invalid UTF-8 is
 * rejected before anything is written.
 *
 * ICU is opened the first time a name has a code point at or past U+0250
 * (core/dynlib.h), not linked in: most runs, the monitor's among them, never
 * need it and so do not load it at start. Without ICU installed such a name
 * fails to normalise, saying so. A decimal digit of another script takes
 * its value from its place in its run of ten (digit_value), not from ICU.
 */
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/ustring.h>
#include <unicode/utrans.h>
#include <unicode/uversion.h>
#include <utf8proc.h>

#include "centinela/text.h"
#include "core/dynlib.h"
#include "core/utf8.h"
#include "text/internal.h"
#include "core/banned.h"

/* Cyrillic by the BGN/PCGN romanisation of Russian (Shevchenko, Zhukov,
 * Khrushchev: the spellings sanctions lists use), Greek by ELOT 743 / UNGEGN
 * (the spelling of Greek passports: Eleftherios, Georgios), everything else
 * by ICU's default for its script; marks are stripped afterwards by path 2.
 * Before ICU, script_words.c spells common Arabic, Hebrew and Korean name
 * words the way lists do. */
#define TRANSLIT_ID "Russian-Latin/BGN; Greek-Latin/UNGEGN; Any-Latin"

/* The ICU functions used, from its two libraries; their symbols carry the
 * version ICU's headers rename them with (uscript_getScript_72). */
static struct {
	__typeof__(uscript_getScript) *get_script;
	__typeof__(u_errorName) *error_name;
	__typeof__(u_uastrcpy) *uastrcpy;
	__typeof__(u_strFromUTF8) *from_utf8;
	__typeof__(u_strToUTF8) *to_utf8;
} icu_uc;
static struct {
	__typeof__(utrans_openU) *open;
	__typeof__(utrans_transUChars) *trans;
	__typeof__(utrans_close) *close;
} icu_i18n;

#define ICU_FN(lib, name, field) {CEN__DYN_STR(name), offsetof(__typeof__(lib), field)}
static const cen__dynfn icu_uc_fns[] = {
	ICU_FN(icu_uc, uscript_getScript, get_script), ICU_FN(icu_uc, u_errorName, error_name),
	ICU_FN(icu_uc, u_uastrcpy, uastrcpy),         ICU_FN(icu_uc, u_strFromUTF8, from_utf8),
	ICU_FN(icu_uc, u_strToUTF8, to_utf8),
};
static const cen__dynfn icu_i18n_fns[] = {
	ICU_FN(icu_i18n, utrans_openU, open),
	ICU_FN(icu_i18n, utrans_transUChars, trans),
	ICU_FN(icu_i18n, utrans_close, close),
};
static cen__dynlib icu_uc_lib = {"libicuuc.so." CEN__DYN_STR(U_ICU_VERSION_MAJOR_NUM), icu_uc_fns,
				 sizeof icu_uc_fns / sizeof icu_uc_fns[0], &icu_uc, 0, ""};
static cen__dynlib icu_i18n_lib = {"libicui18n.so." CEN__DYN_STR(U_ICU_VERSION_MAJOR_NUM),
				   icu_i18n_fns, sizeof icu_i18n_fns / sizeof icu_i18n_fns[0],
				   &icu_i18n, 0, ""};

/* 0 once both ICU libraries are open; else why (core/dynlib.h). */
static int icu_open(const char **why)
{
	int rc = cen__dynlib_open(&icu_uc_lib, why);
	return rc ? rc : cen__dynlib_open(&icu_i18n_lib, why);
}

/* Cached result of fold_cp for the Latin-1 and Latin Extended-A/B code
 * points, filled when the normaliser is created. */
#define FOLD_END 0x250
enum { FOLD_CHARS, FOLD_SEP, FOLD_SLOW };
struct latin_fold {
	uint8_t type, len;
	char s[4];
};

struct cen_normalizer {
	struct latin_fold fold[FOLD_END - 0x80];
	UTransliterator *trans; /* opened on first non-Latin input */
	UChar *u16;             /* transliteration buffer */
	int32_t u16cap;
	cen_buf pre;            /* after the dictionary pass (script_words.c) */
	cen_buf latin;          /* ICU output in UTF-8 */
	char errmsg[160];
};

/* ASCII byte classes: a letter or digit maps to itself (lower-cased), SEP
 * separates words, DROP vanishes without separating (apostrophes). */
enum { SEP = 0, DROP = 1 };
static const unsigned char ascii_map[128] = {
	['0'] = '0', ['1'] = '1', ['2'] = '2', ['3'] = '3', ['4'] = '4',
	['5'] = '5', ['6'] = '6', ['7'] = '7', ['8'] = '8', ['9'] = '9',
	['A'] = 'a', ['B'] = 'b', ['C'] = 'c', ['D'] = 'd', ['E'] = 'e',
	['F'] = 'f', ['G'] = 'g', ['H'] = 'h', ['I'] = 'i', ['J'] = 'j',
	['K'] = 'k', ['L'] = 'l', ['M'] = 'm', ['N'] = 'n', ['O'] = 'o',
	['P'] = 'p', ['Q'] = 'q', ['R'] = 'r', ['S'] = 's', ['T'] = 't',
	['U'] = 'u', ['V'] = 'v', ['W'] = 'w', ['X'] = 'x', ['Y'] = 'y',
	['Z'] = 'z',
	['a'] = 'a', ['b'] = 'b', ['c'] = 'c', ['d'] = 'd', ['e'] = 'e',
	['f'] = 'f', ['g'] = 'g', ['h'] = 'h', ['i'] = 'i', ['j'] = 'j',
	['k'] = 'k', ['l'] = 'l', ['m'] = 'm', ['n'] = 'n', ['o'] = 'o',
	['p'] = 'p', ['q'] = 'q', ['r'] = 'r', ['s'] = 's', ['t'] = 't',
	['u'] = 'u', ['v'] = 'v', ['w'] = 'w', ['x'] = 'x', ['y'] = 'y',
	['z'] = 'z',
	['\''] = DROP, ['`'] = DROP,
};

/* Latin letters (after case folding) that NFKD leaves alone, and apostrophe
 * look-alikes; "" means drop. Sorted by code point for bsearch. */
static const struct {
	uint32_t cp;
	const char *s;
} latin_extra[] = {
	{0x00B4, ""},   /* acute accent used as apostrophe */
	{0x00E6, "ae"}, {0x00F0, "d"},  {0x00F8, "o"},  {0x00FE, "th"},
	{0x0111, "d"},  {0x0127, "h"},  {0x0131, "i"},  {0x0138, "k"},
	{0x0142, "l"},  {0x014B, "n"},  {0x0153, "oe"}, {0x0167, "t"},
	{0x0180, "b"},  {0x0183, "b"},  {0x0188, "c"},  {0x018C, "d"},
	{0x0192, "f"},  {0x0199, "k"},  {0x019A, "l"},  {0x01A5, "p"},
	{0x01AB, "t"},  {0x01AD, "t"},  {0x01B4, "y"},  {0x01B6, "z"},
	{0x01DD, "e"},  {0x01E5, "g"},  {0x0225, "z"},  {0x0237, "j"},
	{0x023C, "c"},  {0x0247, "e"},  {0x0249, "j"},  {0x024D, "r"},
	{0x024F, "y"},  {0x0250, "a"},  {0x0251, "a"},  {0x0253, "b"},
	{0x0254, "o"},  {0x0256, "d"},  {0x0257, "d"},  {0x0259, "e"},
	{0x025B, "e"},  {0x0260, "g"},  {0x0261, "g"},  {0x0262, "g"},
	{0x0266, "h"},  {0x0268, "i"},  {0x026A, "i"},  {0x026B, "l"},
	{0x026F, "m"},  {0x0271, "m"},  {0x0272, "n"},  {0x0273, "n"},
	{0x0274, "n"},  {0x0275, "o"},  {0x027D, "r"},  {0x0280, "r"},
	{0x0282, "s"},  {0x0283, "sh"}, {0x0288, "t"},  {0x0289, "u"},
	{0x028B, "v"},  {0x028F, "y"},  {0x0290, "z"},  {0x0292, "zh"},
	{0x0294, ""},   {0x0295, ""},   {0x02B9, ""},   {0x02BA, ""},
	{0x02BB, ""},   {0x02BC, ""},   {0x02BD, ""},   {0x02BE, ""},
	{0x02BF, ""},   {0x02C8, ""},   {0x02CA, ""},   {0x02CB, ""},
	{0x2018, ""},   {0x2019, ""},   {0x201B, ""},   {0x2032, ""},
	{0xA78C, ""},   {0xFF07, ""},
};

static const char *latin_extra_find(uint32_t cp)
{
	size_t lo = 0, hi = sizeof latin_extra / sizeof latin_extra[0];
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (latin_extra[mid].cp == cp)
			return latin_extra[mid].s;
		if (latin_extra[mid].cp < cp)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

static void build_fold_cache(cen_normalizer *n);

int cen_normalizer_new(cen_normalizer **out)
{
	*out = NULL;
	cen_normalizer *n = cen_calloc(1, sizeof *n);
	if (!n)
		return CEN_ENOMEM;
	cen_buf_init(&n->latin, 0);
	cen_buf_init(&n->pre, 8 * CEN_NAME_MAX);
	build_fold_cache(n);
	*out = n;
	return CEN_OK;
}

void cen_normalizer_free(cen_normalizer *n)
{
	if (!n)
		return;
	if (n->trans)
		icu_i18n.close(n->trans);
	cen_free(n->u16);
	cen_buf_release(&n->latin);
	cen_buf_release(&n->pre);
	cen_free(n);
}

const char *cen_normalizer_errmsg(const cen_normalizer *n)
{
	return n && n->errmsg[0] ? n->errmsg : "";
}

/* Output under construction: words are written as they come, a separator
 * only sets a pending space so spaces never double and never lead or trail. */
typedef struct emitter {
	cen_buf *b;
	int space;     /* a separator was seen since the last character */
	unsigned seps; /* separators seen in all */
} emitter;

static void emit_sep(emitter *e)
{
	e->space = 1;
	e->seps++;
}

static int emit_char(emitter *e, char c)
{
	if (e->b->len + 3 > e->b->cap || (e->b->max && e->b->len + 2 > e->b->max)) {
		int rc = cen_buf_reserve(e->b, 2);
		if (rc)
			return rc;
	}
	if (e->space && e->b->len)
		e->b->data[e->b->len++] = ' ';
	e->space = 0;
	e->b->data[e->b->len++] = c;
	e->b->data[e->b->len] = '\0';
	return CEN_OK;
}

static int emit_ascii(emitter *e, unsigned c)
{
	unsigned char m = ascii_map[c & 0x7F];
	if (m == SEP) {
		emit_sep(e);
		return CEN_OK;
	}
	if (m == DROP)
		return CEN_OK;
	return emit_char(e, (char)m);
}

/* A run of ASCII bytes: room for all of it is made once, then the bytes are
 * written without further checks (the run adds at most n + 1 bytes). */
static int emit_ascii_run(emitter *e, const unsigned char *s, size_t n)
{
	cen_buf *b = e->b;
	if (b->len + n + 2 > b->cap || b->max) {
		int rc = cen_buf_reserve(b, n + 1);
		if (rc) /* near the cap: byte by byte, to fail exactly there */
			goto slow;
	}
	char *d = b->data;
	size_t o = b->len;
	for (size_t i = 0; i < n; i++) {
		unsigned char m = ascii_map[s[i]];
		if (m > DROP) {
			if (e->space && o)
				d[o++] = ' ';
			e->space = 0;
			d[o++] = (char)m;
		} else if (m == SEP) {
			emit_sep(e);
		}
	}
	d[o] = '\0';
	b->len = o;
	return CEN_OK;
slow:
	for (size_t i = 0; i < n; i++) {
		int rc = emit_ascii(e, s[i]);
		if (rc)
			return rc;
	}
	return CEN_OK;
}

/* Path 1. The output is never longer than the input. */
static int normalize_ascii(const unsigned char *s, size_t len, cen_buf *out)
{
	if (out->cap < len + 1 || out->max) {
		int rc = cen_buf_reserve(out, len);
		if (rc)
			return rc;
	}
	char *d = out->data;
	size_t o = 0;
	int space = 0;
	for (size_t i = 0; i < len; i++) {
		unsigned char m = ascii_map[s[i]];
		if (m > DROP) {
			if (space && o)
				d[o++] = ' ';
			space = 0;
			d[o++] = (char)m;
		} else if (m == SEP) {
			space = 1;
		}
	}
	d[o] = '\0';
	out->len = o;
	return CEN_OK;
}

/* One decomposed, case-folded code point of path 2. */
int cen__digit_value(int32_t cp)
{
	int32_t start = cp;
	while (start > 0 && utf8proc_category(start - 1) == UTF8PROC_CATEGORY_ND)
		start--;
	return (int)((cp - start) % 10);
}

static int emit_folded(emitter *e, int32_t cp)
{
	if (cp < 0x80)
		return emit_ascii(e, (unsigned)cp);
	const char *x = latin_extra_find((uint32_t)cp);
	if (x) {
		for (; *x; x++) {
			int rc = emit_char(e, *x);
			if (rc)
				return rc;
		}
		return CEN_OK;
	}
	switch (utf8proc_category(cp)) {
	case UTF8PROC_CATEGORY_ND: {
		return emit_char(e, (char)('0' + cen__digit_value(cp)));
	}
	case UTF8PROC_CATEGORY_LU:
	case UTF8PROC_CATEGORY_LL:
	case UTF8PROC_CATEGORY_LT:
	case UTF8PROC_CATEGORY_LM:
	case UTF8PROC_CATEGORY_LO:
	case UTF8PROC_CATEGORY_MN:
	case UTF8PROC_CATEGORY_MC:
	case UTF8PROC_CATEGORY_ME:
	case UTF8PROC_CATEGORY_CF:
		/* a letter with no ASCII form (or a format character): it must
		 * not split the word it is in */
		return CEN_OK;
	default:
		emit_sep(e);
		return CEN_OK;
	}
}

/* One code point (not ASCII) of the input, slow path: utf8proc, then the
 * table. */
static int fold_cp(emitter *e, uint32_t cp)
{
	const utf8proc_option_t opts = UTF8PROC_COMPAT | UTF8PROC_DECOMPOSE |
				       UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK |
				       UTF8PROC_IGNORE | UTF8PROC_LUMP;
	/* apostrophe look-alikes before decomposition: NFKD turns U+00B4 into
	 * a space and a mark */
	const char *x = latin_extra_find(cp);
	if (x && !*x)
		return CEN_OK;
	int32_t dec[32];
	int boundclass = 0;
	utf8proc_ssize_t nd = utf8proc_decompose_char((utf8proc_int32_t)cp, dec, 32, opts,
						      &boundclass);
	if (nd < 0 || nd > 32) {
		emit_sep(e);
		return CEN_OK;
	}
	int rc = CEN_OK;
	for (utf8proc_ssize_t j = 0; j < nd && !rc; j++)
		rc = emit_folded(e, dec[j]);
	return rc;
}

/* Fills the cache of fold_cp results for U+0080..FOLD_END-1. A code point
 * whose result is not one of "letters", "nothing" or "a separator" (e.g.
 * "½" -> "1 2") is left to the slow path. */
static void build_fold_cache(cen_normalizer *n)
{
	for (uint32_t cp = 0x80; cp < FOLD_END; cp++) {
		struct latin_fold *f = &n->fold[cp - 0x80];
		char tmp[16];
		cen_buf b = {tmp, 0, sizeof tmp, 8};
		emitter e = {&b, 0, 0};
		f->type = FOLD_SLOW;
		if (fold_cp(&e, cp) != CEN_OK)
			continue;
		if (b.len == 0) {
			f->type = e.seps ? FOLD_SEP : FOLD_CHARS;
			f->len = 0;
		} else if (e.seps == 0 && b.len <= sizeof f->s) {
			f->type = FOLD_CHARS;
			f->len = (uint8_t)b.len;
			memcpy(f->s, tmp, b.len);
		}
	}
}

/* Path 2 over valid UTF-8. */
static int normalize_latin(cen_normalizer *n, const unsigned char *s, size_t len,
			   cen_buf *out)
{
	emitter e = {out, 0, 0};
	cen_buf_reset(out);
	size_t i = 0;
	while (i < len) {
		int rc = CEN_OK;
		if (s[i] < 0x80) {
			size_t j = i;
			while (j < len && s[j] < 0x80)
				j++;
			rc = emit_ascii_run(&e, s + i, j - i);
			i = j;
		} else {
			uint32_t cp;
			size_t k = cen__utf8_decode(s + i, len - i, &cp);
			if (!k)
				return CEN_EENCODING; /* validated by the caller */
			i += k;
			const struct latin_fold *f = cp < FOLD_END ? &n->fold[cp - 0x80] : NULL;
			if (!f || f->type == FOLD_SLOW)
				rc = fold_cp(&e, cp);
			else if (f->type == FOLD_SEP)
				emit_sep(&e);
			else
				for (unsigned j = 0; j < f->len && !rc; j++)
					rc = emit_char(&e, f->s[j]);
		}
		if (rc)
			return rc;
	}
	if (!out->len && out->cap)
		out->data[0] = '\0';
	return CEN_OK;
}

/* One pass over s: returns the offset of the first invalid UTF-8 byte (len
 * if none) and sets *translit if some letter is of a script other than
 * Latin (code points below U+0250 are all Latin or common). */
static size_t scan(const unsigned char *s, size_t len, int *translit)
{
	size_t i = 0;
	*translit = 0;
	while (i < len) {
		if (s[i] < 0x80) {
			i++;
			continue;
		}
		uint32_t cp;
		size_t k = cen__utf8_decode(s + i, len - i, &cp);
		if (!k)
			return i;
		i += k;
		if (cp < 0x250 || *translit)
			continue;
		if (icu_open(NULL)) {
			*translit = 1; /* transliterate() says what is missing */
			continue;
		}
		UErrorCode st = U_ZERO_ERROR;
		UScriptCode sc = icu_uc.get_script((UChar32)cp, &st);
		if (U_SUCCESS(st) && sc != USCRIPT_LATIN && sc != USCRIPT_COMMON &&
		    sc != USCRIPT_INHERITED && sc != USCRIPT_UNKNOWN)
			*translit = 1;
	}
	return len;
}

static int set_err(cen_normalizer *n, int rc, const char *what, UErrorCode st)
{
	snprintf(n->errmsg, sizeof n->errmsg, "%s: %s", what, icu_uc.error_name(st));
	return rc;
}

/* Path 3: s through ICU into n->latin (UTF-8). */
static int transliterate(cen_normalizer *n, const char *s, size_t len)
{
	UErrorCode st = U_ZERO_ERROR;
	const char *why = NULL;
	if (icu_open(&why)) {
		snprintf(n->errmsg, sizeof n->errmsg, "cannot transliterate: %s", why);
		return CEN_EUNSUPPORTED;
	}
	if (!n->trans) {
		UChar id[sizeof TRANSLIT_ID];
		icu_uc.uastrcpy(id, TRANSLIT_ID);
		UParseError perr;
		n->trans = icu_i18n.open(id, -1, UTRANS_FORWARD, NULL, 0, &perr, &st);
		if (U_FAILURE(st)) {
			n->trans = NULL;
			return set_err(n, CEN_EUNSUPPORTED,
				       "cannot open ICU transliterator " TRANSLIT_ID, st);
		}
	}
	/* A code point is at most 2 UTF-16 units; transliteration may
	 * lengthen the text (a Han character becomes a syllable and a space),
	 * so start with room for 8 units per input byte and grow on overflow. */
	int32_t want = (int32_t)(len * 8 + 64);
	for (int attempt = 0; attempt < 3; attempt++, want *= 4) {
		if (n->u16cap < want) {
			UChar *p = cen_realloc(n->u16, (size_t)want * sizeof *p);
			if (!p)
				return CEN_ENOMEM;
			n->u16 = p;
			n->u16cap = want;
		}
		int32_t ulen = 0;
		st = U_ZERO_ERROR;
		icu_uc.from_utf8(n->u16, n->u16cap, &ulen, s, (int32_t)len, &st);
		if (U_FAILURE(st))
			return set_err(n, CEN_EENCODING, "UTF-16 conversion", st);
		int32_t limit = ulen;
		icu_i18n.trans(n->trans, n->u16, &ulen, n->u16cap, 0, &limit, &st);
		if (st == U_BUFFER_OVERFLOW_ERROR)
			continue;
		if (U_FAILURE(st))
			return set_err(n, CEN_EINVAL, "ICU transliteration", st);
		int32_t blen = 0;
		size_t bcap = (size_t)ulen * 3 + 1;
		cen_buf_reset(&n->latin);
		if (cen_buf_reserve(&n->latin, bcap) != 0)
			return CEN_ENOMEM;
		st = U_ZERO_ERROR;
		icu_uc.to_utf8(n->latin.data, (int32_t)bcap, &blen, n->u16, ulen, &st);
		if (U_FAILURE(st))
			return set_err(n, CEN_EINVAL, "UTF-8 conversion", st);
		n->latin.len = (size_t)blen;
		n->latin.data[blen] = '\0';
		return CEN_OK;
	}
	return set_err(n, CEN_ELIMIT, "transliteration too long", U_BUFFER_OVERFLOW_ERROR);
}

int cen_normalize(cen_normalizer *n, const char *in, size_t len, cen_buf *out)
{
	cen_buf_reset(out);
	if (out->cap)
		out->data[0] = '\0';
	if (!in && len)
		return CEN_EINVAL;
	if (len > CEN_NAME_MAX) {
		snprintf(n->errmsg, sizeof n->errmsg, "name of %zu bytes exceeds %d",
			 len, CEN_NAME_MAX);
		return CEN_ELIMIT;
	}
	const unsigned char *s = (const unsigned char *)in;
	size_t i = 0;
	while (i < len && s[i] < 0x80)
		i++;
	if (i == len)
		return normalize_ascii(s, len, out);
	int translit;
	size_t bad = i + scan(s + i, len - i, &translit);
	if (bad != len) {
		snprintf(n->errmsg, sizeof n->errmsg, "invalid UTF-8 at byte %zu", bad);
		return CEN_EENCODING;
	}
	int rc;
	if (translit) {
		rc = cen__script_words(in, len, &n->pre);
		const char *p = cen_buf_str(&n->pre);
		size_t pl = n->pre.len;
		if (rc == CEN_OK && (scan((const unsigned char *)p, pl, &translit), translit)) {
			rc = transliterate(n, p, pl);
			p = cen_buf_str(&n->latin);
			pl = n->latin.len;
		}
		if (rc == CEN_OK)
			rc = normalize_latin(n, (const unsigned char *)p, pl, out);
	} else {
		rc = normalize_latin(n, s, len, out);
	}
	if (rc) {
		cen_buf_reset(out);
		if (out->cap)
			out->data[0] = '\0';
	}
	return rc;
}
