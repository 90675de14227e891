/* screen_int.h - layouts shared by the files of src/screen (private).
 *
 * A screener is a set of flat arrays built once:
 *   vocab      every distinct significant token of every indexed name
 *              (cen__intern id = vocab id) with its rarity weight and
 *              phonetic key;
 *   names      one record per indexed name: entity, which name, its tokens
 *              (vocab ids in name_toks[tok_start .. tok_start + ntok)) and
 *              its normalised full text (for the OFAC emulation and
 *              explanations);
 *   postings   vocab id -> names holding it (CSR, ascending, unique);
 *   fuzzy keys key -> vocab ids: "d"+one-deletion variants of tokens of
 *              4+ letters, "p"+phonetic key, "n"+full form of a nickname;
 *   neighbours vocab id -> every vocab token of non-zero similarity and
 *              that similarity (tmatch.c at build time), so a query token
 *              found in the vocabulary costs one lookup;
 *   concat     "token_i token_i+1" glued -> names (merged-token matches);
 *   ids        normalised identifier number -> entities.
 * Invariant the index relies on: the token similarity (tsim.c) is non-zero
 * only for pairs reachable through vocab / fuzzy keys (equal, nickname,
 * phonetic key, edit distance 1), so candidate generation loses nothing the
 * exhaustive scan would find; candidates are pruned only by a sound upper
 * bound of the score (search.c).
 */
#ifndef CEN_SCREEN_INT_H
#define CEN_SCREEN_INT_H

#include <stddef.h>
#include <stdint.h>

#include "centinela/io.h"
#include "centinela/screen.h"
#include "centinela/text.h"
#include "core/arena.h"
#include "core/hash.h"
#include "core/prefetch.h"

#define SCR_MAXTOK CEN_SCREEN_MAX_TOKENS
#define SCR_NONE UINT32_MAX

/* Token similarity below this does not pair two tokens. */
#define SCR_FLOOR 0.80f
/* Weights of tokens that carry little identity. */
#define SCR_W_PARTICLE 0.05f
#define SCR_W_INITIAL 0.30f
/* Credit of a full token paired with an initial of the other side ("Joaquin"
 * with "J"): an initial says little about the name it stands for. */
#define SCR_S_INIT_FULL 0.35f
/* ... and the initial's own side. */
#define SCR_S_INIT_SELF 0.90f

/* Internal token flags (beyond enum cen_token_flag, in the high bits). */
#define SCR_TF_COMMON (1u << 8) /* in the built-in table of common names */
#define SCR_TF_NICK (1u << 9)   /* a known nickname (cen_nickname_all finds it) */
#define SCR_TF_SURNAME (1u << 10)  /* list name: before the comma of "SURNAMES, Given" */
#define SCR_TF_PATERNAL (1u << 11) /* list name: the first of those surnames */

/* Read-only hash -> id map (hmap.c); ids are those of a cen__intern whose
 * hashes it was built from. A hit may be a 64-bit collision: callers verify. */
typedef struct scr_hmap_entry {
	uint64_t h;
	uint32_t id;
} scr_hmap_entry;
typedef struct scr_hmap {
	scr_hmap_entry *e;
	size_t mask;
	size_t n; /* entries */
} scr_hmap;
int scr_hmap_build(scr_hmap *m, const uint64_t *hashes, size_t n);
/* Adds hash h (scr_hmap_hash) if absent; returns its id (the distinct
 * hashes numbered in insertion order) or CEN_ENOMEM. A map of string keys
 * that never needs the strings back. */
int64_t scr_hmap_put(scr_hmap *m, uint64_t h);
void scr_hmap_release(scr_hmap *m);
int64_t scr_hmap_get(const scr_hmap *m, const char *s, size_t len);
/* The same in steps, so that several lookups can wait for memory at once:
 * the hash of a string, a hint to fetch its first slot, the lookup. */
static inline uint64_t scr_hmap_hash(const char *s, size_t len)
{
	uint64_t h = cen__intern_hash(s, len);
	return h ? h : 1;
}
static inline void scr_hmap_prefetch(const scr_hmap *m, uint64_t h)
{
	if (m->e)
		cen__prefetch(&m->e[(size_t)h & m->mask]);
}
int64_t scr_hmap_find(const scr_hmap *m, uint64_t h);

/* CSR multimap: key k -> vals[off[k] .. off[k+1]). */
typedef struct scr_csr {
	uint32_t *off; /* nkeys + 1 */
	uint32_t *vals;
	size_t nkeys, nvals;
} scr_csr;

typedef struct scr_pair_vec {
	uint64_t *v; /* key << 32 | val */
	size_t n, cap;
} scr_pair_vec;

/* Grows *p (elements of elem bytes, capacity *cap) to hold need elements. */
int scr_grow(void **p, size_t elem, size_t *cap, size_t need);

int scr_pairs_push(scr_pair_vec *p, uint32_t key, uint32_t val);
void scr_pairs_release(scr_pair_vec *p);
/* Builds the CSR from the pairs (sorted, duplicates dropped); nkeys keys. */
int scr_csr_build(scr_csr *c, scr_pair_vec *p, size_t nkeys);
void scr_csr_release(scr_csr *c);
static inline const uint32_t *scr_csr_get(const scr_csr *c, size_t k, size_t *n)
{
	if (k >= c->nkeys) {
		*n = 0;
		return NULL;
	}
	*n = c->off[k + 1] - c->off[k];
	return c->vals + c->off[k];
}

/* What a query reads of a vocabulary token, in one 32-byte record. */
typedef struct scr_vtok {
	float weight;   /* rarity weight 0..1 */
	uint32_t phon;  /* cen_phonetic key, 0 if none */
	uint32_t flags; /* cen_token_flag | SCR_TF_* */
	uint32_t len;   /* the string: s[0 .. len) (the interner's copy) */
	const char *s;
	uint32_t nb_off, nb_n; /* neighbours: nb[nb_off .. nb_off + nb_n) */
} scr_vtok;

typedef struct scr_nb {
	uint32_t v;
	float s;
} scr_nb;

typedef struct scr_name {
	float wn; /* sum of the token weights */
	uint32_t entity;
	uint32_t tok_start;
	uint32_t text_off; /* normalised text in s->texts */
	uint16_t name_idx;
	uint8_t ntok;
	uint8_t kind;
	uint16_t text_len;
	uint8_t has_initial; /* one of its tokens is a single letter */
} scr_name;

struct cen_screener {
	const cen_entity *const *ents;
	size_t n_ents;
	const cen_entity **ents_copy; /* owned array of the borrowed pointers */

	cen__intern vocab; /* strings of the tokens */
	scr_hmap vocab_map, keys_map, cat_map, id_map; /* lookups */
	scr_vtok *vt;
	scr_name *names;
	size_t n_names, names_skipped;
	uint32_t *name_toks;
	uint8_t *name_tf; /* per occurrence: 1 surname, 2 paternal surname */
	size_t n_name_toks;
	char *texts;
	size_t texts_len;

	scr_csr post;   /* vocab -> names */
	size_t n_keys;
	scr_csr keyv;   /* fuzzy key (id in keys_map) -> vocab */
	scr_csr catn;   /* glued adjacent tokens (id in cat_map) -> names */
	/* neighbours: every vocab token of non-zero similarity to vocab v
	 * (scr_match_token order), at vt[v].nb_off */
	scr_nb *nb;
	int32_t *vcat; /* vocab v -> its glued-token key in cat_map, or -1 */
	scr_csr ide;    /* identifier numbers (id in id_map) -> entities */
	uint32_t *ent_first, *ent_nnames; /* names of entity e, contiguous */
	uint64_t *init_bits; /* bit n: names[n].has_initial */
	uint64_t serial; /* unique per screener built in this process */
	size_t bytes;
};

/* One token of a query or a name being scored. */
typedef struct scr_tok {
	const char *s;
	uint32_t len;
	uint32_t flags;  /* cen_token_flag | SCR_TF_* */
	float w;         /* weight */
	uint32_t vid;    /* vocab id or SCR_NONE */
	uint32_t phon;
} scr_tok;

/* Vocabulary token v as a scorer token (borrowed strings). */
static inline scr_tok scr_vocab_tok(const cen_screener *s, uint32_t v)
{
	scr_tok t;
	const scr_vtok *x = &s->vt[v];
	t.s = x->s;
	t.len = x->len;
	t.flags = x->flags;
	t.w = x->weight;
	t.vid = v;
	t.phon = x->phon;
	return t;
}

/* Every vocabulary token with a non-zero similarity to q (tmatch.c), each
 * once, through emit (a non-zero return stops the walk and is returned).
 * seen: scratch of one uint32 per vocabulary token; stamp: a value not in
 * it (what it is left holding marks the tokens tried). q->phon is set. */
typedef int (*scr_match_fn)(void *arg, uint32_t v, float sim);
int scr_match_token(const cen_screener *s, const scr_tok *q, uint32_t *seen, uint32_t stamp,
		    scr_match_fn emit, void *arg);
/* scr_tsim of query token q and vocabulary token v (initials: equality). */
float scr_tsim_vocab(const cen_screener *s, const scr_tok *q, uint32_t v);

/* Prepares tokens of a normalised name: tokenises, drops legal forms and
 * honorifics (unless nothing else is left), flags the built-in common
 * names. With a screener s (may be NULL), sets each token's vid to its
 * vocabulary id when the vocabulary holds the string. Returns the count
 * (<= max) or a negative status. */
int scr_tokens(const cen_screener *s, const char *norm, size_t len, cen_token *raw, scr_tok *out,
	       size_t max, int *truncated);
/* For a person's list name written "SURNAMES, Given names": flags the
 * tokens of toks[0..nt) that come from before the comma with SCR_TF_SURNAME
 * and the first of them with SCR_TF_PATERNAL. tmp is scratch. */
void scr_mark_surnames(cen_normalizer *nz, const char *raw, cen_buf *tmp, scr_tok *toks,
		       size_t nt);
/* Fuzzy-key strings: kind letter + bytes; returns the length (<= cap). */
size_t scr_key(char kind, const char *s, size_t len, char *out, size_t cap);
#define SCR_KEY_MAXTOK 64 /* longer tokens get exact lookups only */

/* Weight of a token from its document frequency (entities holding it), the
 * number of entities and its flags. */
float scr_weight(uint32_t df, size_t n_ents, uint32_t flags);
/* 1 if the token is in the built-in table of very common names. */
int scr_is_common_name(const char *s, size_t len);

/* Token similarity in [0,1]; 0 below SCR_FLOOR. Both tokens are
 * significant (not initials); phonetic keys given (0: compute). */
float scr_tsim(const scr_tok *a, const scr_tok *b);
/* "maria"/"mario": same but the final a/o (gender variants). */
int scr_gender_variant(const char *a, size_t al, const char *b, size_t bl);

/* Pairing record for explanations. */
typedef struct scr_pair {
	uint8_t q, n, n2, q2; /* n2/q2 = 0xff unless a glued pair */
	float s;
} scr_pair;

/* Similarity lookup for the scorer: sims[i * stride + j] for query token i
 * and name token j, precomputed by the caller. */
typedef struct scr_scored {
	float name, covq, covn, rarity, conflict;
	int npairs;
	scr_pair pairs[SCR_MAXTOK];
} scr_scored;

/* Default name scorer. sim(i, j) comes from the matrix S (nq x nn, row
 * major); the scorer adds initials and glued tokens itself. */
void scr_score_name(const scr_tok *q, size_t nq, const scr_tok *n, size_t nn,
		    const float *S, int org, scr_scored *out);

/* An upper bound of scr_score_name's name score, cheap to compute. */
float scr_score_bound(const scr_tok *q, size_t nq, const scr_tok *n, size_t nn,
		      const float *S, int org);
/* Its last step, from the best credit bq[i] of each query token, the
 * name side's credit cn = sum(w * best credit) and weight wn = sum(w), both
 * summed in token order: callers that know no initial or glued pairing is
 * possible compute those directly and get the same value. */
float scr_score_bound_tail(const scr_tok *q, size_t nq, const float *bq, float cn, float wn,
			   int org);
/* Weight of the query side in the name score (persons / organisations). */
#define SCR_WQ_PERSON 0.6f
#define SCR_WQ_ORG 0.7f

/* Corroboration. */
typedef struct scr_qextra {
	cen_date dob; /* year 0: none */
	const char *cc; /* ISO2 or NULL */
	char ids[CEN_SCREEN_MAX_IDS][64];
	size_t n_ids;
} scr_qextra;
int scr_parse_dob(const char *s, cen_date *out);
/* Normalises an identifier number: letters upper-case and digits only. */
size_t scr_norm_id(const char *s, char *out, size_t cap);
void scr_corroborate(const scr_qextra *x, const cen_entity *e, cen_score_parts *p);
double scr_corrob_max(const scr_qextra *x);

/* Explanation of a default-algorithm score. */
int scr_explain(cen_buf *b, const scr_tok *q, size_t nq, const scr_tok *n, size_t nn,
		const scr_scored *sc, const cen_score_parts *p, const scr_qextra *x,
		const cen_entity *e);

/* OFAC emulation: score of normalised query against normalised name (with
 * their tokens); -1 when the pre-filter rejects the pair. */
double scr_ofac_score(const char *qtext, size_t qlen, const scr_tok *q, size_t nq,
		      const char *ntext, size_t nlen, const scr_tok *n, size_t nn,
		      cen_buf *explain);

#endif
