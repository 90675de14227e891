/* tmatch.c - the vocabulary tokens similar to one token, found through the
 * index: the exact table, the one-deletion keys, the phonetic key and the
 * nickname forms (screen_int.h).
 *
 * The same routine serves the index build (every vocabulary token's
 * neighbour list, so a query token found in the vocabulary needs no fuzzy
 * lookups at all) and queries whose tokens are not in the vocabulary.
 * Invariant: each vocabulary token is reported at most once per call, in
 * an order that depends only on the token and the screener, with the
 * similarity scr_tsim gives; tokens of similarity 0 are not reported.
 */
#include <string.h>

#include "screen/screen_int.h"

typedef struct mctx {
	const cen_screener *s;
	const scr_tok *q;
	uint32_t *seen;
	uint32_t stamp;
	scr_match_fn emit;
	void *arg;
} mctx;

float scr_tsim_vocab(const cen_screener *s, const scr_tok *q, uint32_t v)
{
	scr_tok t = scr_vocab_tok(s, v);
	if (q->flags & CEN_TOK_INITIAL)
		return (t.len == q->len && !memcmp(t.s, q->s, q->len)) ? 1.0f : 0.0f;
	return scr_tsim(q, &t);
}

static int consider(mctx *m, uint32_t v)
{
	if (m->seen[v] == m->stamp)
		return 0;
	m->seen[v] = m->stamp;
	float sim = scr_tsim_vocab(m->s, m->q, v);
	return sim > 0.0f ? m->emit(m->arg, v, sim) : 0;
}

static int consider_key_h(mctx *m, uint64_t h)
{
	int64_t id = scr_hmap_find(&m->s->keys_map, h);
	if (id < 0)
		return 0;
	size_t nv;
	const uint32_t *vs = scr_csr_get(&m->s->keyv, (size_t)id, &nv);
	for (size_t j = 0; j < nv; j++) {
		int rc = consider(m, vs[j]);
		if (rc)
			return rc;
	}
	return 0;
}

static uint64_t key_hash(char kind, const char *k, size_t kl)
{
	char key[SCR_KEY_MAXTOK + 8];
	size_t n = scr_key(kind, k, kl, key, sizeof key);
	return scr_hmap_hash(key, n);
}

static int consider_key(mctx *m, char kind, const char *k, size_t kl)
{
	return consider_key_h(m, key_hash(kind, k, kl));
}

static int consider_exact(mctx *m, const char *t, size_t len)
{
	int64_t id = scr_hmap_get(&m->s->vocab_map, t, len);
	return id < 0 ? 0 : consider(m, (uint32_t)id);
}

int scr_match_token(const cen_screener *s, const scr_tok *q, uint32_t *seen, uint32_t stamp,
		    scr_match_fn emit, void *arg)
{
	mctx m = {s, q, seen, stamp, emit, arg};
	int rc = consider_exact(&m, q->s, q->len);
	if (rc || (q->flags & (CEN_TOK_NUMERIC | CEN_TOK_PARTICLE | CEN_TOK_INITIAL)))
		return rc;
	if (q->len >= 4 && q->len <= SCR_KEY_MAXTOK) {
		/* the token and its one-deletion variants: every probe of the
		 * (large) key map in flight at once, then taken in order */
		char del[SCR_KEY_MAXTOK];
		uint64_t h[SCR_KEY_MAXTOK + 1];
		size_t nh = 0;
		h[nh++] = key_hash('d', q->s, q->len);
		for (size_t p = 0; p < q->len; p++) {
			if (p && q->s[p] == q->s[p - 1])
				continue;
			memcpy(del, q->s, p);
			memcpy(del + p, q->s + p + 1, q->len - p - 1);
			h[nh++] = key_hash('d', del, q->len - 1);
		}
		for (size_t k = 0; k < nh; k++)
			scr_hmap_prefetch(&s->keys_map, h[k]);
		for (size_t k = 0; k < nh && !rc; k++)
			rc = consider_key_h(&m, h[k]);
	}
	if (!rc && q->phon)
		rc = consider_key(&m, 'p', (const char *)&q->phon, sizeof q->phon);
	if (!rc)
		rc = consider_key(&m, 'n', q->s, q->len);
	const char *forms[8];
	size_t nf = cen_nickname_all(q->s, q->len, forms, 8);
	for (size_t f = 0; f < nf && f < 8 && !rc; f++) {
		rc = consider_exact(&m, forms[f], strlen(forms[f]));
		if (!rc)
			rc = consider_key(&m, 'n', forms[f], strlen(forms[f]));
	}
	return rc;
}
