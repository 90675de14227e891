/* tokens.c - name tokens as the scorer sees them, and their rarity weights.
 *
 * Legal forms and honorifics are dropped before scoring so they neither
 * create nor hide a match ("GRUPO X S.A. DE C.V." == "Grupo X"); when a name
 * is made only of such words they are kept, or nothing would be left.
 * Weights: a token held by few entities of the list weighs 1, one held by
 * very many weighs SCR_W_MIN; in between the weight falls with log(df).
 * Tokens in the built-in table of very common given names and surnames
 * weigh at most SCR_W_COMMON whatever the list says, because the people
 * screened are the general population, not the list.
 */
#include <math.h>
#include <string.h>

#include "screen/screen_int.h"
#include "core/prefetch.h"

#define SCR_W_MIN 0.25f
#define SCR_W_COMMON 0.45f

/* Very common given names and surnames of the Americas, the Arab world and
 * English; sorted for bsearch, with their lengths. */
typedef struct common_word {
	const char *s;
	size_t len;
} common_word;
#define W(x) {x, sizeof(x) - 1}
static const common_word common[] = {
	W("abdul"), W("abdullah"), W("ahmad"), W("ahmed"), W("alberto"), W("alejandro"), W("ali"),
	W("alvarez"), W("ana"), W("antonio"), W("carlos"), W("castillo"), W("castro"),
	W("chavez"), W("cruz"), W("daniel"), W("david"), W("diaz"), W("eduardo"), W("fernandez"),
	W("fernando"), W("flores"), W("francisco"), W("garcia"), W("gomez"), W("gonzalez"),
	W("gutierrez"), W("hassan"), W("hernandez"), W("herrera"), W("hussein"), W("james"),
	W("javier"), W("jesus"), W("jimenez"), W("john"), W("johnson"), W("jorge"), W("jose"),
	W("juan"), W("lopez"), W("luis"), W("manuel"), W("maria"), W("martinez"), W("medina"),
	W("mendoza"), W("miguel"), W("mohamed"), W("mohammad"), W("mohammed"), W("morales"),
	W("moreno"), W("muhammad"), W("ortiz"), W("pedro"), W("perez"), W("ramirez"), W("ramos"),
	W("reyes"), W("rivera"), W("rodriguez"), W("romero"), W("ruiz"), W("sanchez"), W("smith"),
	W("torres"), W("vargas"), W("vasquez"), W("williams"),
};
#undef W

int scr_is_common_name(const char *s, size_t len)
{
	if (!len)
		return 0;
	size_t lo = 0, hi = sizeof common / sizeof common[0];
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		const common_word *c = &common[mid];
		/* most probes differ in the first letter: no call for those */
		int r = (unsigned char)c->s[0] - (unsigned char)s[0];
		if (r == 0)
			r = memcmp(c->s, s, c->len < len ? c->len : len);
		if (r == 0)
			r = (c->len > len) - (c->len < len);
		if (r == 0)
			return 1;
		if (r < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

float scr_weight(uint32_t df, size_t n_ents, uint32_t flags)
{
	if (flags & CEN_TOK_PARTICLE)
		return SCR_W_PARTICLE;
	if (flags & CEN_TOK_INITIAL)
		return SCR_W_INITIAL;
	/* df at or below lo: full weight; at or above hi: SCR_W_MIN. The band
	 * scales with the list so a small own list keeps some contrast. */
	double n = (double)(n_ents ? n_ents : 1);
	double lo = n / 5000.0 < 2.0 ? 2.0 : n / 5000.0;
	double hi = n / 10.0 < lo * 10.0 ? lo * 10.0 : n / 10.0;
	float w;
	if (df <= lo)
		w = 1.0f;
	else if (df >= hi)
		w = SCR_W_MIN;
	else
		w = (float)(1.0 - (1.0 - SCR_W_MIN) * (log(df) - log(lo)) / (log(hi) - log(lo)));
	if ((flags & SCR_TF_COMMON) && w > SCR_W_COMMON)
		w = SCR_W_COMMON;
	return w;
}

size_t scr_key(char kind, const char *s, size_t len, char *out, size_t cap)
{
	if (len + 1 > cap)
		len = cap - 1;
	out[0] = kind;
	memcpy(out + 1, s, len);
	return len + 1;
}

int scr_tokens(const cen_screener *s, const char *norm, size_t len, cen_token *raw, scr_tok *out,
	       size_t max, int *truncated)
{
	size_t n = 0;
	int rc = cen_tokenize(norm, len, raw, max, &n);
	*truncated = rc == CEN_ELIMIT;
	if (rc < 0 && rc != CEN_ELIMIT)
		return rc;
	size_t keep = 0;
	for (size_t i = 0; i < n; i++)
		if (!(raw[i].flags & (CEN_TOK_LEGAL_FORM | CEN_TOK_HONORIFIC)))
			keep++;
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		uint32_t f = raw[i].flags;
		if (keep && (f & (CEN_TOK_LEGAL_FORM | CEN_TOK_HONORIFIC)))
			continue;
		if (!keep)
			f &= ~(uint32_t)(CEN_TOK_LEGAL_FORM | CEN_TOK_HONORIFIC | CEN_TOK_PARTICLE);
		scr_tok *t = &out[k++];
		t->s = norm + raw[i].off;
		t->len = raw[i].len;
		t->vid = SCR_NONE;
		t->flags = f;
		t->w = 1.0f;
		t->phon = 0;
	}
	if (s) {
		/* vocabulary ids: every token's lookup in flight at once */
		uint64_t h[SCR_MAXTOK];
		for (size_t i = 0; i < k && i < SCR_MAXTOK; i++) {
			h[i] = scr_hmap_hash(out[i].s, out[i].len);
			scr_hmap_prefetch(&s->vocab_map, h[i]);
		}
		for (size_t i = 0; i < k && i < SCR_MAXTOK; i++) {
			int64_t id = scr_hmap_find(&s->vocab_map, h[i]);
			if (id >= 0) {
				cen__prefetch(&s->vt[id]);
				out[i].vid = (uint32_t)id;
			}
		}
		for (size_t i = 0; i < k; i++) {
			uint32_t id = out[i].vid;
			if (id != SCR_NONE &&
			    (s->vt[id].len != out[i].len || memcmp(s->vt[id].s, out[i].s, out[i].len)))
				out[i].vid = SCR_NONE;
		}
	}
	for (size_t i = 0; i < k; i++) {
		scr_tok *t = &out[i];
		const char *form;
		if (t->vid != SCR_NONE) /* both depend on the string only */
			t->flags |= s->vt[t->vid].flags & (SCR_TF_COMMON | SCR_TF_NICK);
		else {
			if (scr_is_common_name(t->s, t->len))
				t->flags |= SCR_TF_COMMON;
			if (cen_nickname_canonical(t->s, t->len, &form))
				t->flags |= SCR_TF_NICK;
		}
	}
	/* A name of particles only ("LA LINEA" is not, "DE LA" would be): keep
	 * them as ordinary tokens. */
	int sig = 0;
	for (size_t i = 0; i < k; i++)
		if (!(out[i].flags & CEN_TOK_PARTICLE))
			sig = 1;
	if (!sig)
		for (size_t i = 0; i < k; i++)
			out[i].flags &= ~(uint32_t)CEN_TOK_PARTICLE;
	return (int)k;
}

void scr_mark_surnames(cen_normalizer *nz, const char *raw, cen_buf *tmp, scr_tok *toks,
		       size_t nt)
{
	const char *comma = strchr(raw, ',');
	if (!comma || comma == raw || !comma[1])
		return;
	if (cen_normalize(nz, raw, (size_t)(comma - raw), tmp))
		return;
	cen_token raw_toks[SCR_MAXTOK];
	scr_tok st[SCR_MAXTOK];
	int trunc = 0;
	int k = scr_tokens(NULL, tmp->data ? tmp->data : "", tmp->len, raw_toks, st, SCR_MAXTOK, &trunc);
	if (k <= 0 || (size_t)k >= nt)
		return; /* nothing after the comma survived: not "SURNAMES, Given" */
	int first = 1;
	for (int i = 0; i < k; i++) {
		/* the prefix must be the start of the full name's tokens */
		if (st[i].len != toks[i].len || memcmp(st[i].s, toks[i].s, st[i].len))
			return;
	}
	for (int i = 0; i < k; i++) {
		toks[i].flags |= SCR_TF_SURNAME;
		if (first && !(toks[i].flags & (CEN_TOK_PARTICLE | CEN_TOK_INITIAL))) {
			toks[i].flags |= SCR_TF_PATERNAL;
			first = 0;
		}
	}
}
