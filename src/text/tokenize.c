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
	{"ag", CEN_TOK_LEGAL_FORM},
	{"al", CEN_TOK_PARTICLE},
	{"anonima", CEN_TOK_LEGAL_FORM},
	{"aps", CEN_TOK_LEGAL_FORM},
	{"arq", CEN_TOK_HONORIFIC},
	{"asa", CEN_TOK_LEGAL_FORM},
	{"bhd", CEN_TOK_LEGAL_FORM},
	{"bin", CEN_TOK_PARTICLE},
	{"bint", CEN_TOK_PARTICLE},
	{"bv", CEN_TOK_LEGAL_FORM},
	{"bvba", CEN_TOK_LEGAL_FORM},
	{"cap", CEN_TOK_HONORIFIC},
	{"capitan", CEN_TOK_HONORIFIC},
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
	{"de", CEN_TOK_PARTICLE},
	{"del", CEN_TOK_PARTICLE},
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
	{"eirl", CEN_TOK_LEGAL_FORM},
	{"el", CEN_TOK_PARTICLE},
	{"ev", CEN_TOK_LEGAL_FORM},
	{"fr", CEN_TOK_HONORIFIC},
	{"frau", CEN_TOK_HONORIFIC},
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
	{"kft", CEN_TOK_LEGAL_FORM},
	{"kg", CEN_TOK_LEGAL_FORM},
	{"la", CEN_TOK_PARTICLE},
	{"lady", CEN_TOK_HONORIFIC},
	{"las", CEN_TOK_PARTICLE},
	{"lic", CEN_TOK_HONORIFIC},
	{"licenciada", CEN_TOK_HONORIFIC},
	{"licenciado", CEN_TOK_HONORIFIC},
	{"limitada", CEN_TOK_LEGAL_FORM},
	{"limited", CEN_TOK_LEGAL_FORM},
	{"llc", CEN_TOK_LEGAL_FORM},
	{"lllp", CEN_TOK_LEGAL_FORM},
	{"llp", CEN_TOK_LEGAL_FORM},
	{"lord", CEN_TOK_HONORIFIC},
	{"los", CEN_TOK_PARTICLE},
	{"ltd", CEN_TOK_LEGAL_FORM},
	{"ltda", CEN_TOK_LEGAL_FORM},
	{"maestra", CEN_TOK_HONORIFIC},
	{"maestro", CEN_TOK_HONORIFIC},
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
	{"pjsc", CEN_TOK_LEGAL_FORM},
	{"plc", CEN_TOK_LEGAL_FORM},
	{"pres", CEN_TOK_HONORIFIC},
	{"presidente", CEN_TOK_HONORIFIC},
	{"prof", CEN_TOK_HONORIFIC},
	{"profesor", CEN_TOK_HONORIFIC},
	{"profesora", CEN_TOK_HONORIFIC},
	{"pte", CEN_TOK_LEGAL_FORM},
	{"pty", CEN_TOK_LEGAL_FORM},
	{"pvt", CEN_TOK_LEGAL_FORM},
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

/* Multi-word legal forms, in normalised form. */
static const char *const legal_units[] = {
	"s a de c v", "s a b de c v", "s a p i de c v", "s a p i b de c v",
	"s a de c v sofom", "s a de c v sofom enr", "s a p i de c v sofom enr",
	"sa de cv", "sab de cv", "sapi de cv", "sapib de cv", "sa de cv sofom enr",
	"s de r l de c v", "s de rl de cv", "s de r l", "s de rl", "s de r l mi",
	"s r l de c v", "srl de cv", "s c de r l", "s c de r l de c v",
	"s c de c v", "sc de rl", "s de s s", "s c p", "s en c", "s en c s",
	"s en n c", "s en c por a", "s a s", "s a", "s l", "s c", "s r l",
	"s a c", "s a a", "e i r l", "s p a", "s p r l", "s a r l", "s a s u",
	"a c", "i a p", "i b p", "l l c", "l l p", "l p", "p l c", "n v", "b v",
	"a g", "c v", "de c v", "de cv", "de r l", "de rl", "y cia", "y compania",
	"cia ltda", "co ltd", "co limited", "pvt ltd", "pte ltd", "pty ltd",
	"sdn bhd", "sociedad anonima", "sociedad anonima de capital variable",
	"sociedad de responsabilidad limitada",
	"sociedad de responsabilidad limitada de capital variable",
	"sociedad civil", "asociacion civil", "limited liability company",
	"public limited company", "limited partnership", "de capital variable",
	"s a de capital variable",
};

#define N_WORDS (sizeof words / sizeof words[0])
#define N_UNITS (sizeof legal_units / sizeof legal_units[0])

static int word_cmp(const char *w, const char *s, size_t len)
{
	int c = strncmp(w, s, len);
	if (c)
		return c;
	return w[len] ? 1 : 0;
}

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
	if (len == 0 || len > 12)
		return f;
	size_t lo = 0, hi = N_WORDS;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = word_cmp(words[mid].w, tok, len);
		if (c == 0)
			return f | words[mid].flags;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return f;
}

/* Number of tokens from toks[i] the unit u covers, or 0 if it does not match
 * there. *singles: the unit is made of one-letter words only. */
static size_t unit_match(const char *u, const char *norm, const cen_token *toks,
			 size_t i, size_t n, int *singles)
{
	size_t k = 0;
	*singles = 1;
	while (*u) {
		const char *e = strchr(u, ' ');
		size_t wl = e ? (size_t)(e - u) : strlen(u);
		if (i + k >= n || toks[i + k].len != wl ||
		    memcmp(norm + toks[i + k].off, u, wl) != 0)
			return 0;
		if (wl != 1)
			*singles = 0;
		k++;
		u += wl;
		if (*u == ' ')
			u++;
	}
	return k;
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
		size_t best = 0;
		int best_singles = 0;
		if (may_start_unit(norm + toks[i].off, toks[i].len, toks[i].flags)) {
			for (size_t u = 0; u < N_UNITS; u++) {
				int singles;
				size_t k = unit_match(legal_units[u], norm, toks, i, n, &singles);
				if (k > best) {
					best = k;
					best_singles = singles;
				}
			}
		}
		if (best) {
			spans[ns].start = i;
			spans[ns].len = best;
			spans[ns].singles = best_singles;
			ns++;
			i += best;
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
	for (size_t i = 1; i < N_WORDS; i++)
		if (strcmp(words[i - 1].w, words[i].w) >= 0)
			return 0;
	return 1;
}
