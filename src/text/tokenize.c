/* tokenize.c - split a normalised name into words and flag the ones that
 * carry little identity: particles, honorifics, legal forms, initials and
 * numbers (cen_tokenize).
 *
 * The word table is sorted (bsearch); a test checks the order. Legal forms of
 * several words ("s a de c v") are matched greedily, longest first, over the
 * token sequence after the single-word pass, and all their tokens get
 * CEN_TOK_LEGAL_FORM. A form made only of one-letter words ("s a", "l l c")
 * counts only where nothing but legal forms follows it, so the initials of a
 * person ("S A Khan") stay initials.
 */
#include <string.h>

#include "centinela/text.h"
#include "text/internal.h"
#include "core/banned.h"

typedef struct word_flag {
	const char *w;
	uint32_t flags;
} word_flag;

/* Sorted by strcmp. Generated from the lists in docs/name-text.md. */
static const word_flag words[] = {
	{"ab", CEN_TOK_LEGAL_FORM},
	{"ac", CEN_TOK_LEGAL_FORM},
	{"adm", CEN_TOK_HONORIFIC},
	{"ag", CEN_TOK_LEGAL_FORM},
	{"aka", CEN_TOK_PARTICLE},
	{"al", CEN_TOK_PARTICLE},
	{"anonima", CEN_TOK_LEGAL_FORM},
	{"aps", CEN_TOK_LEGAL_FORM},
	{"arq", CEN_TOK_HONORIFIC},
	{"asa", CEN_TOK_LEGAL_FORM},
	{"ayatollah", CEN_TOK_HONORIFIC},
	{"bhd", CEN_TOK_LEGAL_FORM},
	{"bin", CEN_TOK_PARTICLE},
	{"bint", CEN_TOK_PARTICLE},
	{"brig", CEN_TOK_HONORIFIC},
	{"bv", CEN_TOK_LEGAL_FORM},
	{"bvba", CEN_TOK_LEGAL_FORM},
	{"cap", CEN_TOK_HONORIFIC},
	{"capitan", CEN_TOK_HONORIFIC},
	{"capt", CEN_TOK_HONORIFIC},
	{"cia", CEN_TOK_LEGAL_FORM},
	{"cjsc", CEN_TOK_LEGAL_FORM},
	{"cmdt", CEN_TOK_HONORIFIC},
	{"co", CEN_TOK_LEGAL_FORM},
	{"col", CEN_TOK_HONORIFIC},
	{"comandante", CEN_TOK_HONORIFIC},
	{"compania", CEN_TOK_LEGAL_FORM},
	{"company", CEN_TOK_LEGAL_FORM},
	{"coronel", CEN_TOK_HONORIFIC},
	{"corp", CEN_TOK_LEGAL_FORM},
	{"corporation", CEN_TOK_LEGAL_FORM},
	{"cp", CEN_TOK_HONORIFIC},
	{"cv", CEN_TOK_LEGAL_FORM},
	{"da", CEN_TOK_PARTICLE},
	{"dame", CEN_TOK_HONORIFIC},
	{"das", CEN_TOK_PARTICLE},
	{"dba", CEN_TOK_PARTICLE},
	{"de", CEN_TOK_PARTICLE},
	{"degli", CEN_TOK_PARTICLE},
	{"dei", CEN_TOK_PARTICLE},
	{"del", CEN_TOK_PARTICLE},
	{"della", CEN_TOK_PARTICLE},
	{"delle", CEN_TOK_PARTICLE},
	{"den", CEN_TOK_PARTICLE},
	{"der", CEN_TOK_PARTICLE},
	{"di", CEN_TOK_PARTICLE},
	{"dip", CEN_TOK_HONORIFIC},
	{"diputado", CEN_TOK_HONORIFIC},
	{"do", CEN_TOK_PARTICLE},
	{"doctor", CEN_TOK_HONORIFIC},
	{"doctora", CEN_TOK_HONORIFIC},
	{"don", CEN_TOK_HONORIFIC},
	{"dona", CEN_TOK_HONORIFIC},
	{"doo", CEN_TOK_LEGAL_FORM},
	{"dos", CEN_TOK_PARTICLE},
	{"dr", CEN_TOK_HONORIFIC},
	{"dra", CEN_TOK_HONORIFIC},
	{"du", CEN_TOK_PARTICLE},
	{"e", CEN_TOK_PARTICLE},
	{"eireli", CEN_TOK_LEGAL_FORM},
	{"eirl", CEN_TOK_LEGAL_FORM},
	{"el", CEN_TOK_PARTICLE},
	{"enr", CEN_TOK_LEGAL_FORM},
	{"ev", CEN_TOK_LEGAL_FORM},
	{"fka", CEN_TOK_PARTICLE},
	{"fr", CEN_TOK_HONORIFIC},
	{"frau", CEN_TOK_HONORIFIC},
	{"fray", CEN_TOK_HONORIFIC},
	{"fzc", CEN_TOK_LEGAL_FORM},
	{"fzco", CEN_TOK_LEGAL_FORM},
	{"fze", CEN_TOK_LEGAL_FORM},
	{"fzllc", CEN_TOK_LEGAL_FORM},
	{"gmbh", CEN_TOK_LEGAL_FORM},
	{"gob", CEN_TOK_HONORIFIC},
	{"gobernador", CEN_TOK_HONORIFIC},
	{"gral", CEN_TOK_HONORIFIC},
	{"hadji", CEN_TOK_HONORIFIC},
	{"haji", CEN_TOK_HONORIFIC},
	{"hajji", CEN_TOK_HONORIFIC},
	{"herr", CEN_TOK_HONORIFIC},
	{"hna", CEN_TOK_HONORIFIC},
	{"hno", CEN_TOK_HONORIFIC},
	{"hojatoleslam", CEN_TOK_HONORIFIC},
	{"hrh", CEN_TOK_HONORIFIC},
	{"ibn", CEN_TOK_PARTICLE},
	{"ii", CEN_TOK_HONORIFIC},
	{"iii", CEN_TOK_HONORIFIC},
	{"imam", CEN_TOK_HONORIFIC},
	{"inc", CEN_TOK_LEGAL_FORM},
	{"incorporated", CEN_TOK_LEGAL_FORM},
	{"ing", CEN_TOK_HONORIFIC},
	{"ingeniera", CEN_TOK_HONORIFIC},
	{"ingeniero", CEN_TOK_HONORIFIC},
	{"iv", CEN_TOK_HONORIFIC},
	{"jnr", CEN_TOK_HONORIFIC},
	{"jr", CEN_TOK_HONORIFIC},
	{"jsc", CEN_TOK_LEGAL_FORM},
	{"kabushiki", CEN_TOK_LEGAL_FORM},
	{"kaisha", CEN_TOK_LEGAL_FORM},
	{"kft", CEN_TOK_LEGAL_FORM},
	{"kg", CEN_TOK_LEGAL_FORM},
	{"kk", CEN_TOK_LEGAL_FORM},
	{"la", CEN_TOK_PARTICLE},
	{"lady", CEN_TOK_HONORIFIC},
	{"las", CEN_TOK_PARTICLE},
	{"lic", CEN_TOK_HONORIFIC},
	{"licda", CEN_TOK_HONORIFIC},
	{"licenciada", CEN_TOK_HONORIFIC},
	{"licenciado", CEN_TOK_HONORIFIC},
	{"limitada", CEN_TOK_LEGAL_FORM},
	{"limited", CEN_TOK_LEGAL_FORM},
	{"llc", CEN_TOK_LEGAL_FORM},
	{"lllp", CEN_TOK_LEGAL_FORM},
	{"llp", CEN_TOK_LEGAL_FORM},
	{"lord", CEN_TOK_HONORIFIC},
	{"los", CEN_TOK_PARTICLE},
	{"lt", CEN_TOK_HONORIFIC},
	{"ltd", CEN_TOK_LEGAL_FORM},
	{"ltda", CEN_TOK_LEGAL_FORM},
	{"maestra", CEN_TOK_HONORIFIC},
	{"maestro", CEN_TOK_HONORIFIC},
	{"maj", CEN_TOK_HONORIFIC},
	{"maulana", CEN_TOK_HONORIFIC},
	{"maulvi", CEN_TOK_HONORIFIC},
	{"mbh", CEN_TOK_LEGAL_FORM},
	{"miss", CEN_TOK_HONORIFIC},
	{"mister", CEN_TOK_HONORIFIC},
	{"mlle", CEN_TOK_HONORIFIC},
	{"mme", CEN_TOK_HONORIFIC},
	{"mr", CEN_TOK_HONORIFIC},
	{"mrs", CEN_TOK_HONORIFIC},
	{"ms", CEN_TOK_HONORIFIC},
	{"mstr", CEN_TOK_HONORIFIC},
	{"mtra", CEN_TOK_HONORIFIC},
	{"mtro", CEN_TOK_HONORIFIC},
	{"mulla", CEN_TOK_HONORIFIC},
	{"mullah", CEN_TOK_HONORIFIC},
	{"nka", CEN_TOK_PARTICLE},
	{"nv", CEN_TOK_LEGAL_FORM},
	{"oao", CEN_TOK_LEGAL_FORM},
	{"ohg", CEN_TOK_LEGAL_FORM},
	{"ojsc", CEN_TOK_LEGAL_FORM},
	{"ooo", CEN_TOK_LEGAL_FORM},
	{"ould", CEN_TOK_PARTICLE},
	{"oy", CEN_TOK_LEGAL_FORM},
	{"oyj", CEN_TOK_LEGAL_FORM},
	{"padre", CEN_TOK_HONORIFIC},
	{"pao", CEN_TOK_LEGAL_FORM},
	{"pbro", CEN_TOK_HONORIFIC},
	{"pjsc", CEN_TOK_LEGAL_FORM},
	{"plc", CEN_TOK_LEGAL_FORM},
	{"pllc", CEN_TOK_LEGAL_FORM},
	{"pres", CEN_TOK_HONORIFIC},
	{"presidente", CEN_TOK_HONORIFIC},
	{"prof", CEN_TOK_HONORIFIC},
	{"profa", CEN_TOK_HONORIFIC},
	{"profesor", CEN_TOK_HONORIFIC},
	{"profesora", CEN_TOK_HONORIFIC},
	{"pt", CEN_TOK_LEGAL_FORM},
	{"pte", CEN_TOK_LEGAL_FORM},
	{"pty", CEN_TOK_LEGAL_FORM},
	{"pvt", CEN_TOK_LEGAL_FORM},
	{"rabbi", CEN_TOK_HONORIFIC},
	{"rev", CEN_TOK_HONORIFIC},
	{"rl", CEN_TOK_LEGAL_FORM},
	{"sa", CEN_TOK_LEGAL_FORM},
	{"saa", CEN_TOK_LEGAL_FORM},
	{"sab", CEN_TOK_LEGAL_FORM},
	{"sac", CEN_TOK_LEGAL_FORM},
	{"sacv", CEN_TOK_LEGAL_FORM},
	{"sadecv", CEN_TOK_LEGAL_FORM},
	{"sapi", CEN_TOK_LEGAL_FORM},
	{"sapib", CEN_TOK_LEGAL_FORM},
	{"sargento", CEN_TOK_HONORIFIC},
	{"sarl", CEN_TOK_LEGAL_FORM},
	{"sas", CEN_TOK_LEGAL_FORM},
	{"sasu", CEN_TOK_LEGAL_FORM},
	{"sayyid", CEN_TOK_HONORIFIC},
	{"sc", CEN_TOK_LEGAL_FORM},
	{"scrl", CEN_TOK_LEGAL_FORM},
	{"sderl", CEN_TOK_LEGAL_FORM},
	{"sdn", CEN_TOK_LEGAL_FORM},
	{"senador", CEN_TOK_HONORIFIC},
	{"senor", CEN_TOK_HONORIFIC},
	{"senora", CEN_TOK_HONORIFIC},
	{"senorita", CEN_TOK_HONORIFIC},
	{"sgt", CEN_TOK_HONORIFIC},
	{"shaikh", CEN_TOK_HONORIFIC},
	{"shaykh", CEN_TOK_HONORIFIC},
	{"sheik", CEN_TOK_HONORIFIC},
	{"sheikh", CEN_TOK_HONORIFIC},
	{"sir", CEN_TOK_HONORIFIC},
	{"sl", CEN_TOK_LEGAL_FORM},
	{"snr", CEN_TOK_HONORIFIC},
	{"sociedad", CEN_TOK_LEGAL_FORM},
	{"sofom", CEN_TOK_LEGAL_FORM},
	{"sor", CEN_TOK_HONORIFIC},
	{"spa", CEN_TOK_LEGAL_FORM},
	{"spr", CEN_TOK_LEGAL_FORM},
	{"sprl", CEN_TOK_LEGAL_FORM},
	{"sr", CEN_TOK_HONORIFIC},
	{"sra", CEN_TOK_HONORIFIC},
	{"srl", CEN_TOK_LEGAL_FORM},
	{"srta", CEN_TOK_HONORIFIC},
	{"tbk", CEN_TOK_LEGAL_FORM},
	{"teniente", CEN_TOK_HONORIFIC},
	{"ter", CEN_TOK_PARTICLE},
	{"tov", CEN_TOK_LEGAL_FORM},
	{"tte", CEN_TOK_HONORIFIC},
	{"ug", CEN_TOK_LEGAL_FORM},
	{"van", CEN_TOK_PARTICLE},
	{"vom", CEN_TOK_PARTICLE},
	{"von", CEN_TOK_PARTICLE},
	{"wll", CEN_TOK_LEGAL_FORM},
	{"y", CEN_TOK_PARTICLE},
	{"zao", CEN_TOK_LEGAL_FORM},
	{"zrt", CEN_TOK_LEGAL_FORM},
	{"zu", CEN_TOK_PARTICLE},
	{"zum", CEN_TOK_PARTICLE},
};

/* Multi-word legal forms, in normalised form, sorted by first word and,
 * for one first word, longest first (so the first unit that matches at a
 * position is the longest). singles: made of one-letter words only. */
typedef struct legal_unit {
	uint8_t n, singles;
	const char *w[9];
} legal_unit;

static const legal_unit legal_units[] = {
	{2, 1, {"a", "c"}},
	{2, 1, {"a", "g"}},
	{2, 0, {"asociacion", "civil"}},
	{2, 1, {"b", "v"}},
	{2, 1, {"c", "v"}},
	{2, 0, {"cia", "ltda"}},
	{2, 0, {"co", "limited"}},
	{2, 0, {"co", "ltd"}},
	{3, 0, {"de", "c", "v"}},
	{3, 0, {"de", "capital", "variable"}},
	{3, 0, {"de", "r", "l"}},
	{2, 0, {"de", "cv"}},
	{2, 0, {"de", "rl"}},
	{4, 1, {"e", "i", "r", "l"}},
	{3, 1, {"i", "a", "p"}},
	{3, 1, {"i", "b", "p"}},
	{2, 0, {"kabushiki", "kaisha"}},
	{3, 1, {"l", "l", "c"}},
	{3, 1, {"l", "l", "p"}},
	{2, 1, {"l", "p"}},
	{3, 0, {"limited", "liability", "company"}},
	{2, 0, {"limited", "partnership"}},
	{2, 1, {"n", "a"}},
	{2, 1, {"n", "v"}},
	{3, 1, {"p", "l", "c"}},
	{2, 1, {"p", "a"}},
	{2, 1, {"p", "c"}},
	{2, 0, {"pte", "ltd"}},
	{2, 0, {"pty", "ltd"}},
	{3, 0, {"public", "limited", "company"}},
	{2, 0, {"pvt", "ltd"}},
	{9, 0, {"s", "a", "p", "i", "de", "c", "v", "sofom", "enr"}},
	{8, 0, {"s", "a", "p", "i", "b", "de", "c", "v"}},
	{8, 0, {"s", "c", "de", "r", "l", "de", "c", "v"}},
	{7, 0, {"s", "a", "de", "c", "v", "sofom", "enr"}},
	{7, 0, {"s", "a", "p", "i", "de", "c", "v"}},
	{7, 0, {"s", "de", "r", "l", "de", "c", "v"}},
	{6, 0, {"s", "a", "b", "de", "c", "v"}},
	{6, 0, {"s", "a", "de", "c", "v", "sofom"}},
	{6, 0, {"s", "r", "l", "de", "c", "v"}},
	{5, 0, {"s", "a", "de", "c", "v"}},
	{5, 0, {"s", "a", "de", "capital", "variable"}},
	{5, 1, {"s", "a", "p", "i", "b"}},
	{5, 0, {"s", "c", "de", "c", "v"}},
	{5, 0, {"s", "c", "de", "r", "l"}},
	{5, 0, {"s", "de", "r", "l", "mi"}},
	{5, 0, {"s", "de", "rl", "de", "cv"}},
	{5, 0, {"s", "en", "c", "por", "a"}},
	{4, 1, {"s", "a", "p", "i"}},
	{4, 1, {"s", "a", "r", "l"}},
	{4, 1, {"s", "a", "s", "u"}},
	{4, 0, {"s", "de", "r", "l"}},
	{4, 0, {"s", "de", "s", "s"}},
	{4, 0, {"s", "en", "c", "s"}},
	{4, 0, {"s", "en", "n", "c"}},
	{4, 1, {"s", "p", "r", "l"}},
	{3, 1, {"s", "a", "a"}},
	{3, 1, {"s", "a", "b"}},
	{3, 1, {"s", "a", "c"}},
	{3, 1, {"s", "a", "s"}},
	{3, 1, {"s", "a", "u"}},
	{3, 1, {"s", "c", "p"}},
	{3, 0, {"s", "de", "rl"}},
	{3, 0, {"s", "en", "c"}},
	{3, 1, {"s", "l", "l"}},
	{3, 1, {"s", "l", "u"}},
	{3, 1, {"s", "p", "a"}},
	{3, 1, {"s", "r", "l"}},
	{2, 1, {"s", "a"}},
	{2, 1, {"s", "c"}},
	{2, 1, {"s", "l"}},
	{5, 0, {"sa", "de", "cv", "sofom", "enr"}},
	{3, 0, {"sa", "de", "cv"}},
	{3, 0, {"sab", "de", "cv"}},
	{3, 0, {"sapi", "de", "cv"}},
	{3, 0, {"sapib", "de", "cv"}},
	{3, 0, {"sc", "de", "rl"}},
	{2, 0, {"sdn", "bhd"}},
	{7, 0, {"sociedad", "de", "responsabilidad", "limitada", "de", "capital", "variable"}},
	{5, 0, {"sociedad", "anonima", "de", "capital", "variable"}},
	{4, 0, {"sociedad", "de", "responsabilidad", "limitada"}},
	{2, 0, {"sociedad", "anonima"}},
	{2, 0, {"sociedad", "civil"}},
	{3, 0, {"srl", "de", "cv"}},
	{2, 0, {"y", "cia"}},
	{2, 0, {"y", "compania"}},
};

#define N_WORDS (sizeof words / sizeof words[0])

/* Bit l of word_lens[c] is set if some word of the table starts with 'a' + c
 * and has l letters: most name tokens are rejected without a search. Must
 * cover every word (a test checks it); a spare bit only costs time. */
static const uint16_t word_lens[26] = {
	0x028c, 0x001c, 0x0d9c, 0x01fc, 0x005e, 0x003c, 0x0418, 0x1038, 0x121c,
	0x000c, 0x024c, 0x05bc, 0x00fc, 0x000c, 0x001c, 0x073c, 0x0000, 0x002c,
	0x01fc, 0x0108, 0x0004, 0x0008, 0x0008, 0x0000, 0x0002, 0x000c,
};
#define N_UNITS (sizeof legal_units / sizeof legal_units[0])

uint32_t cen_token_word_flags(const char *tok, size_t len)
{
	uint32_t f = 0;
	if (len == 1 && tok[0] >= 'a' && tok[0] <= 'z')
		f |= CEN_TOK_INITIAL;
	size_t d = 0;
	while (d < len && tok[d] >= '0' && tok[d] <= '9')
		d++;
	if (len && d == len)
		f |= CEN_TOK_NUMERIC;
	if (len == 0 || len > 15 || tok[0] < 'a' || tok[0] > 'z' ||
	    !(word_lens[tok[0] - 'a'] & (1u << len)))
		return f;
	size_t lo = 0, hi = N_WORDS;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = cen__text_wordcmp(words[mid].w, tok, len);
		if (c == 0)
			return f | words[mid].flags;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return f;
}

/* The longest unit that starts at toks[i] (NULL if none). */
static const legal_unit *unit_at(const char *norm, const cen_token *toks, size_t i,
				 size_t n)
{
	const char *w = norm + toks[i].off;
	size_t wl = toks[i].len;
	size_t lo = 0, hi = N_UNITS;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (cen__text_wordcmp(legal_units[mid].w[0], w, wl) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < N_UNITS && cen__text_wordcmp(legal_units[lo].w[0], w, wl) == 0; lo++) {
		const legal_unit *u = &legal_units[lo];
		if (i + u->n > n)
			continue;
		size_t k = 1;
		while (k < u->n && cen__text_wordcmp(u->w[k], norm + toks[i + k].off,
						      toks[i + k].len) == 0)
			k++;
		if (k == u->n)
			return u;
	}
	return NULL;
}

static int may_start_unit(const char *w, uint32_t len, uint32_t flags)
{
	if (len == 1 || (flags & (CEN_TOK_LEGAL_FORM | CEN_TOK_PARTICLE)))
		return 1;
	return (len == 10 && memcmp(w, "asociacion", 10) == 0) ||
	       (len == 6 && memcmp(w, "public", 6) == 0);
}

/* Flags multi-word legal forms. Spans are found left to right (longest unit
 * at each position) and accepted right to left, so a one-letter-only unit
 * can check that only legal forms follow it. */
static void flag_legal_units(const char *norm, cen_token *toks, size_t n)
{
	enum { MAXSPANS = 16 };
	struct { size_t start, len; int singles; } spans[MAXSPANS];
	size_t ns = 0;
	for (size_t i = 0; i < n && ns < MAXSPANS;) {
		const legal_unit *u = NULL;
		if (may_start_unit(norm + toks[i].off, toks[i].len, toks[i].flags))
			u = unit_at(norm, toks, i, n);
		if (u) {
			spans[ns].start = i;
			spans[ns].len = u->n;
			spans[ns].singles = u->singles;
			ns++;
			i += u->n;
		} else {
			i++;
		}
	}
	while (ns-- > 0) {
		size_t end = spans[ns].start + spans[ns].len;
		if (spans[ns].singles) {
			size_t j = end;
			while (j < n && (toks[j].flags & CEN_TOK_LEGAL_FORM))
				j++;
			if (j < n)
				continue;
		}
		for (size_t j = spans[ns].start; j < end; j++) {
			toks[j].flags &= ~(uint32_t)(CEN_TOK_PARTICLE | CEN_TOK_HONORIFIC);
			toks[j].flags |= CEN_TOK_LEGAL_FORM;
		}
	}
}

int cen_tokenize(const char *norm, size_t len, cen_token *toks, size_t max, size_t *n)
{
	size_t k = 0, i = 0;
	int rc = CEN_OK;
	while (i < len) {
		while (i < len && norm[i] == ' ')
			i++;
		if (i >= len)
			break;
		size_t s = i;
		while (i < len && norm[i] != ' ')
			i++;
		if (k == max) {
			rc = CEN_ELIMIT;
			break;
		}
		toks[k].off = (uint32_t)s;
		toks[k].len = (uint32_t)(i - s);
		toks[k].flags = cen_token_word_flags(norm + s, i - s);
		k++;
	}
	flag_legal_units(norm, toks, k);
	*n = k;
	return rc;
}

int cen__text_words_sorted(void)
{
	for (size_t i = 0; i < N_WORDS; i++) {
		size_t l = strlen(words[i].w);
		if (i && strcmp(words[i - 1].w, words[i].w) >= 0)
			return 0;
		if (words[i].w[0] < 'a' || words[i].w[0] > 'z' || l > 15 ||
		    !(word_lens[words[i].w[0] - 'a'] & (1u << l)))
			return 0;
	}
	for (size_t i = 1; i < N_UNITS; i++) {
		const legal_unit *a = &legal_units[i - 1], *b = &legal_units[i];
		int c = strcmp(a->w[0], b->w[0]);
		if (c > 0 || (c == 0 && a->n < b->n))
			return 0;
	}
	return 1;
}
