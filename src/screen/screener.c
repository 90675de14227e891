/* screener.c - builds the immutable screening index from entities.
 *
 * One pass over every name of every entity normalises and tokenises it,
 * interns its tokens (the vocabulary) and counts in how many entities each
 * token occurs; then flat arrays are derived: weights, postings, fuzzy keys
 * (one-deletion variants, phonetic keys, nickname full forms), glued
 * adjacent tokens and identifier numbers. Layout: screen_int.h.
 * Invariant: after cen_screener_new returns, nothing writes the screener.
 */
#include <stdatomic.h>
#include <string.h>

#include "screen/screen_int.h"

#define GROW(ptr, cnt, cap, need) scr_grow((void **)&(ptr), sizeof *(ptr), &(cap), (need))

typedef struct builder {
	cen_screener *s;
	size_t vt_cap, names_cap, toks_cap, texts_cap;
	uint32_t *last_ent, *df; /* df: entities whose names hold the token */
	size_t last_cap, df_cap;
} builder;

static int add_name(builder *b, uint32_t e, size_t k, const scr_tok *t, size_t nt,
		    const char *norm, size_t normlen)
{
	cen_screener *s = b->s;
	size_t tcap = b->toks_cap;
	if (GROW(s->names, s->n_names, b->names_cap, s->n_names + 1) ||
	    GROW(s->name_toks, s->n_name_toks, b->toks_cap, s->n_name_toks + nt) ||
	    GROW(s->name_tf, s->n_name_toks, tcap, s->n_name_toks + nt) ||
	    GROW(s->texts, s->texts_len, b->texts_cap, s->texts_len + normlen + 1))
		return CEN_ENOMEM;
	scr_name *nm = &s->names[s->n_names];
	nm->entity = e;
	nm->name_idx = (uint16_t)k;
	nm->ntok = (uint8_t)nt;
	nm->kind = (uint8_t)s->ents[e]->kind;
	nm->tok_start = (uint32_t)s->n_name_toks;
	nm->text_off = (uint32_t)s->texts_len;
	nm->text_len = (uint16_t)(normlen > UINT16_MAX ? UINT16_MAX : normlen);
	memcpy(s->texts + s->texts_len, norm, nm->text_len);
	s->texts[s->texts_len + nm->text_len] = 0;
	s->texts_len += nm->text_len + 1u;
	for (size_t i = 0; i < nt; i++) {
		int64_t id = cen__intern_put(&s->vocab, t[i].s, t[i].len);
		if (id < 0)
			return (int)id;
		if ((size_t)id >= b->vt_cap || (size_t)id >= b->last_cap) {
			size_t old = b->last_cap;
			if (GROW(s->vt, 0, b->vt_cap, (size_t)id + 1) ||
			    GROW(b->df, 0, b->df_cap, (size_t)id + 1) ||
			    GROW(b->last_ent, 0, b->last_cap, (size_t)id + 1))
				return CEN_ENOMEM;
			memset(b->last_ent + old, 0xff, (b->last_cap - old) * sizeof *b->last_ent);
		}
		if (b->last_ent[id] == UINT32_MAX) {
			memset(&s->vt[id], 0, sizeof s->vt[id]);
			b->df[id] = 0;
			s->vt[id].flags = t[i].flags & ~(uint32_t)(SCR_TF_SURNAME | SCR_TF_PATERNAL);
		}
		if (b->last_ent[id] != e) {
			b->last_ent[id] = e;
			b->df[id]++;
		}
		s->name_tf[s->n_name_toks] = (uint8_t)((t[i].flags & SCR_TF_SURNAME ? 1 : 0) |
							(t[i].flags & SCR_TF_PATERNAL ? 2 : 0));
		s->name_toks[s->n_name_toks++] = (uint32_t)id;
	}
	s->n_names++;
	return 0;
}

static int put_key(scr_hmap *m, scr_pair_vec *pv, const char *k, size_t kl, uint32_t val)
{
	int64_t id = scr_hmap_put(m, scr_hmap_hash(k, kl));
	if (id < 0)
		return (int)id;
	return scr_pairs_push(pv, (uint32_t)id, val);
}

static int build_fuzzy(cen_screener *s)
{
	scr_pair_vec pv = {0};
	int rc = 0;
	char key[SCR_KEY_MAXTOK + 8];
	char del[SCR_KEY_MAXTOK];
	for (size_t v = 0; v < s->vocab.count && !rc; v++) {
		const char *t = s->vocab.strs[v];
		size_t len = s->vocab.lens[v];
		scr_vtok *vt = &s->vt[v];
		if (vt->flags & (CEN_TOK_NUMERIC | CEN_TOK_PARTICLE | CEN_TOK_INITIAL))
			continue;
		if (len >= 4 && len <= SCR_KEY_MAXTOK) {
			/* the token itself, so one lookup of a query deletion
			 * finds both deletions and tokens equal to it */
			size_t kl0 = scr_key('d', t, len, key, sizeof key);
			rc = put_key(&s->keys_map, &pv, key, kl0, (uint32_t)v);
			for (size_t p = 0; p < len && !rc; p++) {
				if (p && t[p] == t[p - 1])
					continue; /* same variant as deleting p - 1 */
				memcpy(del, t, p);
				memcpy(del + p, t + p + 1, len - p - 1);
				size_t kl = scr_key('d', del, len - 1, key, sizeof key);
				rc = put_key(&s->keys_map, &pv, key, kl, (uint32_t)v);
			}
		}
		if (!rc && vt->phon) {
			size_t kl = scr_key('p', (const char *)&vt->phon, sizeof vt->phon, key, sizeof key);
			rc = put_key(&s->keys_map, &pv, key, kl, (uint32_t)v);
		}
		const char *forms[8];
		size_t nf = cen_nickname_all(t, len, forms, 8);
		for (size_t f = 0; f < nf && f < 8 && !rc; f++) {
			size_t kl = scr_key('n', forms[f], strlen(forms[f]), key, sizeof key);
			rc = put_key(&s->keys_map, &pv, key, kl, (uint32_t)v);
		}
	}
	if (!rc)
		rc = scr_csr_build(&s->keyv, &pv, s->keys_map.n);
	scr_pairs_release(&pv);
	return rc;
}

static int build_postings(cen_screener *s)
{
	scr_pair_vec pv = {0}, cv = {0};
	int rc = 0;
	char glue[2 * SCR_KEY_MAXTOK];
	for (size_t n = 0; n < s->n_names && !rc; n++) {
		const scr_name *nm = &s->names[n];
		const uint32_t *tk = s->name_toks + nm->tok_start;
		for (size_t i = 0; i < nm->ntok && !rc; i++) {
			rc = scr_pairs_push(&pv, tk[i], (uint32_t)n);
			if (rc || i + 1 >= nm->ntok)
				continue;
			size_t a = s->vocab.lens[tk[i]], b = s->vocab.lens[tk[i + 1]];
			if (a + b > sizeof glue)
				continue;
			memcpy(glue, s->vocab.strs[tk[i]], a);
			memcpy(glue + a, s->vocab.strs[tk[i + 1]], b);
			rc = put_key(&s->cat_map, &cv, glue, a + b, (uint32_t)n);
		}
	}
	if (!rc)
		rc = scr_csr_build(&s->post, &pv, s->vocab.count);
	if (!rc)
		rc = scr_csr_build(&s->catn, &cv, s->cat_map.n);
	scr_pairs_release(&pv);
	scr_pairs_release(&cv);
	return rc;
}

static int build_ids(cen_screener *s)
{
	scr_pair_vec pv = {0};
	int rc = 0;
	char buf[64];
	for (size_t e = 0; e < s->n_ents && !rc; e++) {
		const cen_entity *en = s->ents[e];
		for (size_t i = 0; i < en->n_ids && !rc; i++) {
			if (!en->ids[i].number)
				continue;
			size_t n = scr_norm_id(en->ids[i].number, buf, sizeof buf);
			if (n >= 4)
				rc = put_key(&s->id_map, &pv, buf, n, (uint32_t)e);
		}
	}
	if (!rc)
		rc = scr_csr_build(&s->ide, &pv, s->id_map.n);
	scr_pairs_release(&pv);
	return rc;
}

typedef struct nb_vec {
	scr_nb *v;
	size_t n, cap;
} nb_vec;

static int nb_push(void *arg, uint32_t v, float sim)
{
	nb_vec *b = arg;
	if (GROW(b->v, b->n, b->cap, b->n + 1))
		return CEN_ENOMEM;
	b->v[b->n++] = (scr_nb){v, sim};
	return 0;
}

/* Each vocabulary token's neighbours and glued-token key, so that a query
 * token found in the vocabulary (with the same flags) needs no fuzzy
 * lookups. Needs the maps built. */
static int build_neighbours(cen_screener *s, size_t *cap_out)
{
	size_t nv = s->vocab.count;
	nb_vec b = {0};
	uint32_t *seen = cen_calloc(nv ? nv : 1, sizeof *seen);
	s->vcat = cen_malloc((nv ? nv : 1) * sizeof *s->vcat);
	int rc = seen && s->vcat ? 0 : CEN_ENOMEM;
	for (size_t v = 0; v < nv && !rc; v++) {
		scr_tok t = scr_vocab_tok(s, (uint32_t)v);
		size_t first = b.n;
		rc = scr_match_token(s, &t, seen, (uint32_t)v + 1, nb_push, &b);
		if (!rc && b.n >= UINT32_MAX)
			rc = CEN_ELIMIT;
		s->vt[v].nb_off = (uint32_t)first;
		s->vt[v].nb_n = (uint32_t)(b.n - first);
		s->vcat[v] = (t.flags & CEN_TOK_INITIAL)
				     ? -1
				     : (int32_t)scr_hmap_get(&s->cat_map, t.s, t.len);
	}
	s->nb = b.v;
	*cap_out = b.cap;
	cen_free(seen);
	return rc;
}

static size_t csr_bytes(const scr_csr *c)
{
	return (c->nkeys + 1) * sizeof(uint32_t) + c->nvals * sizeof(uint32_t);
}

int cen_screener_new(cen_screener **out, const cen_entity *const *ents, size_t n,
		     const cen_screener_opts *opts, const char **errmsg_out)
{
	const char *msg = NULL;
	builder b;
	memset(&b, 0, sizeof b);
	cen_normalizer *nz = NULL;
	cen_buf norm, tmp;
	cen_buf_init(&norm, 0);
	cen_buf_init(&tmp, 0);
	int rc = 0;
	*out = NULL;
	if (n && !ents) {
		msg = "no entities given";
		rc = CEN_EINVAL;
		goto out;
	}
	if (n >= UINT32_MAX / 2) {
		msg = "too many entities";
		rc = CEN_ELIMIT;
		goto out;
	}
	cen_screener *s = cen_calloc(1, sizeof *s);
	if (!s)
		goto nomem;
	b.s = s;
	cen__intern_init(&s->vocab);
	s->ents_copy = cen_malloc((n ? n : 1) * sizeof *s->ents_copy);
	s->ent_first = cen_calloc(n ? n : 1, sizeof *s->ent_first);
	s->ent_nnames = cen_calloc(n ? n : 1, sizeof *s->ent_nnames);
	if (!s->ents_copy || !s->ent_first || !s->ent_nnames)
		goto nomem;
	if (n)
		memcpy(s->ents_copy, ents, n * sizeof *ents);
	s->ents = s->ents_copy;
	s->n_ents = n;
	rc = cen_normalizer_new(&nz);
	if (rc) {
		msg = "cannot create the text normaliser";
		goto out;
	}
	uint32_t skip = opts ? opts->skip_name_types : 0;
	cen_token raw[SCR_MAXTOK];
	scr_tok toks[SCR_MAXTOK];
	for (size_t e = 0; e < n; e++) {
		const cen_entity *en = ents[e];
		s->ent_first[e] = (uint32_t)s->n_names;
		for (size_t k = 0; en && k < en->n_names && k <= UINT16_MAX; k++) {
			const char *text = en->names[k].text;
			if (!text || ((skip >> en->names[k].type) & 1u))
				continue;
			size_t tl = strlen(text);
			rc = tl > CEN_NAME_MAX ? CEN_ELIMIT : cen_normalize(nz, text, tl, &norm);
			if (rc == CEN_ENOMEM)
				goto nomem;
			int trunc = 0;
			int nt = rc ? 0 : scr_tokens(NULL, norm.data, norm.len, raw, toks, SCR_MAXTOK, &trunc);
			rc = 0;
			if (nt <= 0) {
				s->names_skipped++;
				continue;
			}
			if (en->kind == CEN_KIND_PERSON || en->kind == CEN_KIND_UNKNOWN)
				scr_mark_surnames(nz, text, &tmp, toks, (size_t)nt);
			rc = add_name(&b, (uint32_t)e, k, toks, (size_t)nt, norm.data, norm.len);
			if (rc)
				goto nomem;
		}
		s->ent_nnames[e] = (uint32_t)s->n_names - s->ent_first[e];
	}
	for (size_t v = 0; v < s->vocab.count; v++) {
		scr_vtok *vt = &s->vt[v];
		vt->weight = scr_weight(b.df[v], n, vt->flags);
		vt->s = s->vocab.strs[v];
		vt->len = s->vocab.lens[v];
		vt->phon = (vt->flags & (CEN_TOK_NUMERIC | CEN_TOK_INITIAL))
				   ? 0
				   : cen_phonetic(vt->s, vt->len);
	}
	s->init_bits = cen_calloc((s->n_names + 63) / 64 + 1, sizeof *s->init_bits);
	if (!s->init_bits)
		goto nomem;
	for (size_t k = 0; k < s->n_names; k++) {
		scr_name *nm = &s->names[k];
		float wn = 0;
		nm->has_initial = 0;
		for (size_t i = 0; i < nm->ntok; i++) {
			const scr_vtok *vt = &s->vt[s->name_toks[nm->tok_start + i]];
			wn += vt->weight;
			if (vt->flags & CEN_TOK_INITIAL)
				nm->has_initial = 1;
		}
		nm->wn = wn;
		s->init_bits[k >> 6] |= (uint64_t)nm->has_initial << (k & 63);
	}
	rc = build_postings(s);
	if (!rc)
		rc = build_fuzzy(s);
	if (!rc)
		rc = build_ids(s);
	if (!rc)
		rc = scr_hmap_build(&s->vocab_map, s->vocab.hashes, s->vocab.count);
	size_t nb_cap = 0;
	if (!rc)
		rc = build_neighbours(s, &nb_cap);
	if (rc)
		goto nomem;
	s->n_keys = s->keys_map.n;
	s->bytes = sizeof *s + n * (sizeof(void *) + 8) + b.vt_cap * sizeof *s->vt +
		   b.names_cap * sizeof *s->names + b.toks_cap * 5 + b.texts_cap +
		   csr_bytes(&s->post) + csr_bytes(&s->keyv) + csr_bytes(&s->catn) +
		   csr_bytes(&s->ide) + cen__intern_bytes(&s->vocab) + nb_cap * sizeof *s->nb +
		   s->vocab.count * sizeof *s->vcat + ((s->n_names + 63) / 64 + 1) * 8 +
		   (s->vocab_map.mask + s->keys_map.mask + s->cat_map.mask + s->id_map.mask + 4) *
			   sizeof(scr_hmap_entry);
	static atomic_uint_fast64_t next_serial = 1;
	s->serial = atomic_fetch_add(&next_serial, 1);
	*out = s;
	b.s = NULL;
	goto out;
nomem:
	rc = CEN_ENOMEM;
	msg = "out of memory building the screening index";
out:
	cen_free(b.last_ent);
	cen_free(b.df);
	cen_screener_free(b.s);
	cen_normalizer_free(nz);
	cen_buf_release(&norm);
	cen_buf_release(&tmp);
	if (errmsg_out)
		*errmsg_out = rc ? (msg ? msg : cen_strerror(rc)) : NULL;
	return rc;
}

void cen_screener_free(cen_screener *s)
{
	if (!s)
		return;
	cen__intern_release(&s->vocab);
	scr_hmap_release(&s->vocab_map);
	scr_hmap_release(&s->keys_map);
	scr_hmap_release(&s->cat_map);
	scr_hmap_release(&s->id_map);
	scr_csr_release(&s->post);
	scr_csr_release(&s->keyv);
	scr_csr_release(&s->catn);
	scr_csr_release(&s->ide);
	cen_free(s->nb);
	cen_free(s->vcat);
	cen_free(s->vt);
	cen_free(s->names);
	cen_free(s->name_toks);
	cen_free(s->name_tf);
	cen_free(s->texts);
	cen_free(s->ents_copy);
	cen_free(s->ent_first);
	cen_free(s->ent_nnames);
	cen_free(s->init_bits);
	cen_free(s);
}

void cen_screener_get_stats(const cen_screener *s, cen_screener_stats *o)
{
	memset(o, 0, sizeof *o);
	o->entities = s->n_ents;
	o->names = s->n_names;
	o->names_skipped = s->names_skipped;
	o->tokens = s->vocab.count;
	o->postings = s->post.nvals;
	o->fuzzy_keys = s->n_keys;
	o->bytes = s->bytes;
	o->bytes_per_name = s->n_names ? (double)s->bytes / (double)s->n_names : 0;
}

size_t cen_screener_entity_count(const cen_screener *s)
{
	return s->n_ents;
}

const cen_entity *cen_screener_entity(const cen_screener *s, size_t i)
{
	return i < s->n_ents ? s->ents[i] : NULL;
}
