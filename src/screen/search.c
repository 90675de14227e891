/* search.c - queries: per-thread scratch, candidate generation through the
 * index, exhaustive scans, hit collection, and cen_compare.
 *
 * Candidate generation (default algorithm). For each query token the
 * vocabulary tokens with a non-zero similarity are taken from the token's
 * precomputed neighbour list when it is in the vocabulary with the same
 * flags, else found through the exact table and the fuzzy keys (tmatch.c,
 * behind a per-thread cache). A name can only reach the
 * threshold T if its score upper bound
 *   B(x) = (WQ * x / Wq + 1 - WQ) * rarity_max(x) + corroboration_max
 * reaches T, where x bounds the weighted similarity mass of the query
 * tokens it pairs. Tokens are taken by decreasing weight; the first ones
 * (the "essential" set E) are those without which a name could not reach T
 * even if it paired every other token perfectly and each token of E only
 * through an initial (credit u). Only postings of E are walked; every name
 * reached gets x = sum over E of w*(found similarity, else u) + weights of
 * the rest, and is scored in full only when B(x) >= T. This is MaxScore
 * pruning with a sound bound, so an indexed search returns exactly the hits
 * of the exhaustive scan (the benchmark measures it). When no E works
 * (a query of initials only, say) the query falls back to the exhaustive scan.
 * Steady state allocates nothing: the scratch grows to the largest screener
 * and result set seen.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "screen/screen_int.h"

#define WQ_B 0.6
#define R0_B 0.80
#define INFO_FULL_B 1.6
#define U_INITIAL 0.90f
#define U_OTHER 0.0f /* name-side initials are reached through the index */
#define S_INIT_FULL SCR_S_INIT_FULL
#define S_GLUE 0.95f

typedef struct qmatch {
	uint32_t v;
	uint8_t i;
	uint8_t glue; /* 1: v is the glue of query tokens i and i+1 (or i-1, i) */
	float s;
} qmatch;

typedef struct vslot {
	uint32_t stamp; /* == ctx epoch: row is this query's */
	uint32_t row;
} vslot;

/* Accumulator of a candidate name (valid while its bit is set in cbits). */
typedef struct scr_nacc {
	float acc;      /* query-side credit over the walked tokens */
	float lastv;    /* credit of the last token walked (its best counts once) */
	float mass;     /* name-side credit (upper bound) */
	uint8_t lastq;  /* that token */
} scr_nacc;

/* Per-thread cache of query-token matches: token (and flags) -> the
 * vocabulary tokens with a non-zero similarity and their similarities, as
 * match_token computes them. Valid for one screener (serial). */
typedef struct tc_ent {
	uint64_t h;
	uint32_t str_off, str_len, flags;
	uint32_t off, n; /* in tc_data */
} tc_ent;
typedef scr_nb tc_val;
#define TC_SLOTS (1u << 16)  /* entries: cleared when half full */
#define TC_MAX_VALS (1u << 22) /* values: cleared when full */

typedef struct fhit {
	double score;
	uint32_t ent, name;
	cen_score_parts parts;
} fhit;

struct cen_query_ctx {
	cen_normalizer *nz;
	cen_buf norm, norm2, expl;
	char errmsg[256];
	cen_token raw[SCR_MAXTOK];
	scr_tok q[SCR_MAXTOK];
	size_t nq;
	scr_tok n2[SCR_MAXTOK];
	float u[SCR_MAXTOK];
	int64_t catid[SCR_MAXTOK]; /* glued-token key of each query token, or -1 */
	/* no query token too long for the glue lookups: score_one may bound
	 * names directly unless they might pair glued tokens */
	int flat_bound;
	int q_init; /* some query token is an initial */
	uint64_t cat_len; /* bit L: a query token of length L has a catid */
	uint32_t glue_v[SCR_MAXTOK]; /* vocab tokens equal to two query tokens glued */
	size_t nglue_v;
	/* qm[qm_first[i] .. qm_end[i]) are token i's matches, qm[qm_glue ..)
	 * the glue matches (search_index) */
	uint32_t qm_first[SCR_MAXTOK], qm_end[SCR_MAXTOK];
	size_t qm_glue;
	scr_qextra x;
	double corr_max; /* largest positive corroboration for this query */
	uint32_t epoch;
	uint32_t mstamp; /* of mseen, per match_token call */
	size_t mtok;     /* the query token match_token works on */
	/* sized to the screener */
	size_t cap_vocab, cap_names, cap_ents;
	vslot *vs; /* per vocab token: its row of similarities this query */
	uint32_t *mseen;
	scr_nacc *na; /* per name: candidate accumulator */
	/* bit n: name n is a candidate of this query. Small enough to stay in
	 * the first-level cache, so walking postings of names that are not
	 * candidates touches no accumulator; fit() clears the bits of the
	 * previous query's candidates. */
	uint64_t *cbits;
	uint32_t *estamp, *ehit;
	/* growing */
	float *rows;
	size_t nrows, rows_cap;
	qmatch *qm;
	size_t nqm, qm_cap;
	uint32_t *cands;
	size_t ncand, cand_cap;
	fhit *found;
	size_t nfound, found_cap;
	cen_hit *hits;
	size_t hits_cap;
	/* token cache */
	uint64_t tc_serial;
	tc_ent *tc_tab;
	size_t tc_used;
	tc_val *tc_data;
	size_t tc_n, tc_cap;
	char *tc_str;
	size_t tc_str_n, tc_str_cap;
	size_t *expl_off;
	size_t expl_cap;
};

static int err(cen_query_ctx *c, int rc, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int err(cen_query_ctx *c, int rc, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(c->errmsg, sizeof c->errmsg, fmt, ap);
	va_end(ap);
	return rc;
}

#define grow scr_grow

int cen_query_ctx_new(cen_query_ctx **out)
{
	cen_query_ctx *c = cen_calloc(1, sizeof *c);
	*out = NULL;
	if (!c)
		return CEN_ENOMEM;
	int rc = cen_normalizer_new(&c->nz);
	if (rc) {
		cen_free(c);
		return rc;
	}
	cen_buf_init(&c->norm, CEN_SCREEN_MAX_NAME * 8);
	cen_buf_init(&c->norm2, CEN_SCREEN_MAX_NAME * 8);
	cen_buf_init(&c->expl, 0);
	*out = c;
	return 0;
}

void cen_query_ctx_free(cen_query_ctx *c)
{
	if (!c)
		return;
	cen_normalizer_free(c->nz);
	cen_buf_release(&c->norm);
	cen_buf_release(&c->norm2);
	cen_buf_release(&c->expl);
	cen_free(c->vs);
	cen_free(c->mseen);
	cen_free(c->na);
	cen_free(c->cbits);
	cen_free(c->estamp);
	cen_free(c->tc_tab);
	cen_free(c->tc_data);
	cen_free(c->tc_str);
	cen_free(c->ehit);
	cen_free(c->rows);
	cen_free(c->qm);
	cen_free(c->cands);
	cen_free(c->found);
	cen_free(c->hits);
	cen_free(c->expl_off);
	cen_free(c);
}

const char *cen_query_ctx_errmsg(const cen_query_ctx *c)
{
	return c ? c->errmsg : "";
}

void cen_search_opts_init(cen_search_opts *o)
{
	memset(o, 0, sizeof *o);
	o->algorithm = CEN_ALGO_DEFAULT;
	o->threshold = -1;
	o->limit = 10;
}

int cen_algorithm_parse(const char *s, cen_algorithm *out)
{
	if (s && !strcmp(s, "default"))
		*out = CEN_ALGO_DEFAULT;
	else if (s && !strcmp(s, "ofac"))
		*out = CEN_ALGO_OFAC;
	else
		return CEN_EINVAL;
	return 0;
}

const char *cen_algorithm_name(cen_algorithm a)
{
	return a == CEN_ALGO_OFAC ? "ofac" : "default";
}

static void zero(void *p, size_t n)
{
	if (p && n)
		memset(p, 0, n);
}

/* Sizes the per-screener scratch; stamps restart from zero when it grows. */
static int fit(cen_query_ctx *c, const cen_screener *s)
{
	size_t nv = s->vocab.count ? s->vocab.count : 1;
	size_t nn = s->n_names ? s->n_names : 1;
	size_t ne = s->n_ents ? s->n_ents : 1;
	for (size_t k = 0; k < c->ncand; k++)
		c->cbits[c->cands[k] >> 6] = 0;
	c->ncand = 0;
	if (nv > c->cap_vocab) {
		cen_free(c->vs);
		cen_free(c->mseen);
		c->vs = cen_calloc(nv, sizeof *c->vs);
		c->mseen = cen_calloc(nv, sizeof *c->mseen);
		c->mstamp = 0;
		c->cap_vocab = c->vs && c->mseen ? nv : 0;
		if (!c->cap_vocab)
			return CEN_ENOMEM;
		c->epoch = 0;
		zero(c->estamp, c->cap_ents * sizeof *c->estamp);
	}
	if (nn > c->cap_names) {
		cen_free(c->na);
		cen_free(c->cbits);
		c->na = cen_malloc(nn * sizeof *c->na);
		c->cbits = cen_calloc((nn + 63) / 64, sizeof *c->cbits);
		c->cap_names = c->na && c->cbits ? nn : 0;
		if (!c->cap_names)
			return CEN_ENOMEM;
	}
	if (ne > c->cap_ents) {
		cen_free(c->estamp);
		cen_free(c->ehit);
		c->estamp = cen_calloc(ne, sizeof *c->estamp);
		c->ehit = cen_malloc(ne * sizeof *c->ehit);
		c->cap_ents = c->estamp && c->ehit ? ne : 0;
		if (!c->cap_ents)
			return CEN_ENOMEM;
		c->epoch = 0;
		zero(c->vs, c->cap_vocab * sizeof *c->vs);
	}
	if (++c->epoch == 0) {
		zero(c->vs, c->cap_vocab * sizeof *c->vs);
		zero(c->estamp, c->cap_ents * sizeof *c->estamp);
		c->epoch = 1;
	}
	c->nrows = c->nqm = c->nfound = 0;
	c->flat_bound = 0;
	c->cat_len = 0;
	c->nglue_v = 0;
	return 0;
}

/* Normalises and tokenises a query name into c->q. */
static int prep_query(cen_query_ctx *c, const cen_screener *s, const char *name)
{
	if (!name)
		return err(c, CEN_EINVAL, "query has no name");
	size_t len = strlen(name);
	if (len > CEN_SCREEN_MAX_NAME)
		return err(c, CEN_ELIMIT, "name longer than the cap of 1024 bytes");
	int rc = cen_normalize(c->nz, name, len, &c->norm);
	if (rc == CEN_EENCODING)
		return err(c, rc, "name is not valid UTF-8");
	if (rc)
		return err(c, rc, "cannot normalise the name: %s", cen_strerror(rc));
	int trunc = 0;
	int n = scr_tokens(s, c->norm.data ? c->norm.data : "", c->norm.len, c->raw, c->q,
			   SCR_MAXTOK, &trunc);
	if (n < 0)
		return err(c, n, "cannot tokenise the name: %s", cen_strerror(n));
	if (trunc)
		return err(c, CEN_ELIMIT, "name has more than 32 words");
	c->nq = (size_t)n;
	for (size_t i = 0; i < c->nq; i++) /* the vocabulary's key: same string, same rule */
		c->q[i].phon = c->q[i].vid != SCR_NONE ? s->vt[c->q[i].vid].phon
			       : (c->q[i].flags & (CEN_TOK_NUMERIC | CEN_TOK_INITIAL))
				       ? 0
				       : cen_phonetic(c->q[i].s, c->q[i].len);
	return 0;
}

static int prep_extra(cen_query_ctx *c, const cen_query *q)
{
	/* not the id buffers (a kilobyte): only ids[0 .. n_ids) are read */
	memset(&c->x.dob, 0, sizeof c->x.dob);
	c->x.cc = NULL;
	c->x.n_ids = 0;
	if (q->dob && *q->dob && scr_parse_dob(q->dob, &c->x.dob))
		return err(c, CEN_EINVAL, "bad date of birth '%s' (YYYY, YYYY-MM or YYYY-MM-DD)",
			   q->dob);
	if (q->country && *q->country)
		c->x.cc = cen_country_code(q->country);
	for (size_t i = 0; i < q->n_ids && q->ids; i++) {
		if (c->x.n_ids == CEN_SCREEN_MAX_IDS)
			return err(c, CEN_ELIMIT, "more than 16 identifier numbers");
		if (q->ids[i] &&
		    scr_norm_id(q->ids[i], c->x.ids[c->x.n_ids], sizeof c->x.ids[0]) >= 4)
			c->x.n_ids++;
	}
	c->corr_max = scr_corrob_max(&c->x);
	return 0;
}

/* Row of similarities of vocab token v to every query token (0 where
 * none), created on first use; vrow_get: NULL when v has none. */
static inline const float *vrow_get(const cen_query_ctx *c, uint32_t v)
{
	const vslot *e = &c->vs[v];
	return e->stamp == c->epoch ? c->rows + (size_t)e->row * c->nq : NULL;
}

static float *vrow(cen_query_ctx *c, uint32_t v)
{
	vslot *e = &c->vs[v];
	if (e->stamp == c->epoch)
		return c->rows + (size_t)e->row * c->nq;
	if (grow((void **)&c->rows, sizeof *c->rows, &c->rows_cap, (c->nrows + 1) * c->nq))
		return NULL;
	float *r = c->rows + c->nrows * c->nq;
	for (size_t i = 0; i < c->nq; i++)
		r[i] = 0.0f;
	e->stamp = c->epoch;
	e->row = (uint32_t)c->nrows++;
	return r;
}

static int q_emit(void *arg, uint32_t v, float sim)
{
	cen_query_ctx *c = arg;
	float *r = vrow(c, v);
	if (!r || grow((void **)&c->qm, sizeof *c->qm, &c->qm_cap, c->nqm + 1))
		return CEN_ENOMEM;
	r[c->mtok] = sim;
	c->qm[c->nqm++] = (qmatch){v, (uint8_t)c->mtok, 0, sim};
	return 0;
}

/* Every vocabulary token with a non-zero similarity to query token i. */
static int match_token(cen_query_ctx *c, const cen_screener *s, size_t i)
{
	if (++c->mstamp == 0) {
		zero(c->mseen, c->cap_vocab * sizeof *c->mseen);
		c->mstamp = 1;
	}
	c->mtok = i;
	return scr_match_token(s, &c->q[i], c->mseen, c->mstamp, q_emit, c);
}

/* Records the matches vals[0..n) of query token i. */
static int take_matches(cen_query_ctx *c, size_t i, const scr_nb *vals, size_t n)
{
	if (grow((void **)&c->qm, sizeof *c->qm, &c->qm_cap, c->nqm + n) ||
	    grow((void **)&c->rows, sizeof *c->rows, &c->rows_cap, (c->nrows + n) * c->nq))
		return CEN_ENOMEM;
	for (size_t k = 0; k < n; k++) {
		vslot *e = &c->vs[vals[k].v];
		if (e->stamp != c->epoch) { /* vrow without the growth check */
			memset(c->rows + c->nrows * c->nq, 0, c->nq * sizeof *c->rows);
			e->stamp = c->epoch;
			e->row = (uint32_t)c->nrows++;
		}
		c->rows[(size_t)e->row * c->nq + i] = vals[k].s;
		c->qm[c->nqm++] = (qmatch){vals[k].v, (uint8_t)i, 0, vals[k].s};
	}
	return 0;
}

static void tc_clear(cen_query_ctx *c)
{
	if (c->tc_tab)
		memset(c->tc_tab, 0, TC_SLOTS * sizeof *c->tc_tab);
	c->tc_used = c->tc_n = c->tc_str_n = 0;
}

/* match_token through the per-thread cache. A cache failure (no memory)
 * only means computing again. */
static int match_token_cached(cen_query_ctx *c, const cen_screener *s, size_t i)
{
	const scr_tok *q = &c->q[i];
	uint32_t id = q->vid;
	if (id != SCR_NONE && s->vt[id].flags == q->flags)
		return s->vt[id].nb_n ? take_matches(c, i, s->nb + s->vt[id].nb_off, s->vt[id].nb_n)
				      : 0;
	if (!c->tc_tab) {
		c->tc_tab = cen_calloc(TC_SLOTS, sizeof *c->tc_tab);
		if (!c->tc_tab)
			return match_token(c, s, i);
	}
	if (c->tc_serial != s->serial) {
		tc_clear(c);
		c->tc_serial = s->serial;
	}
	uint64_t h = cen__hash_bytes(q->s, q->len, q->flags) | 1u;
	size_t slot = (size_t)h & (TC_SLOTS - 1);
	for (;; slot = (slot + 1) & (TC_SLOTS - 1)) {
		tc_ent *e = &c->tc_tab[slot];
		if (!e->h)
			break;
		if (e->h == h && e->flags == q->flags && e->str_len == q->len &&
		    !memcmp(c->tc_str + e->str_off, q->s, q->len))
			return e->n ? take_matches(c, i, c->tc_data + e->off, e->n) : 0;
	}
	size_t first = c->nqm;
	int rc = match_token(c, s, i);
	if (rc)
		return rc;
	size_t n = c->nqm - first;
	if (c->tc_used * 2 >= TC_SLOTS || c->tc_n + n > TC_MAX_VALS) {
		tc_clear(c);
		slot = (size_t)h & (TC_SLOTS - 1);
	}
	if (grow((void **)&c->tc_data, sizeof *c->tc_data, &c->tc_cap, c->tc_n + n) ||
	    grow((void **)&c->tc_str, 1, &c->tc_str_cap, c->tc_str_n + q->len + 1))
		return 0;
	tc_ent *e = &c->tc_tab[slot];
	e->h = h;
	e->flags = q->flags;
	e->str_off = (uint32_t)c->tc_str_n;
	e->str_len = q->len;
	memcpy(c->tc_str + c->tc_str_n, q->s, q->len);
	c->tc_str_n += q->len;
	e->off = (uint32_t)c->tc_n;
	e->n = (uint32_t)n;
	for (size_t k = first; k < c->nqm; k++)
		c->tc_data[c->tc_n++] = (tc_val){c->qm[k].v, c->qm[k].s};
	c->tc_used++;
	return 0;
}

/* Query tokens i and i+1 glued equal a vocabulary token. */
static int match_glue(cen_query_ctx *c, const cen_screener *s)
{
	char g[2 * SCR_KEY_MAXTOK];
	for (size_t i = 0; i + 1 < c->nq; i++) {
		const scr_tok *a = &c->q[i], *b = &c->q[i + 1];
		if (a->len + b->len > sizeof g)
			continue;
		memcpy(g, a->s, a->len);
		memcpy(g + a->len, b->s, b->len);
		int64_t id = scr_hmap_get(&s->vocab_map, g, a->len + b->len);
		if (id < 0)
			continue;
		if (grow((void **)&c->qm, sizeof *c->qm, &c->qm_cap, c->nqm + 2))
			return CEN_ENOMEM;
		c->qm[c->nqm++] = (qmatch){(uint32_t)id, (uint8_t)i, 1, S_GLUE};
		c->qm[c->nqm++] = (qmatch){(uint32_t)id, (uint8_t)(i + 1), 1, S_GLUE};
	}
	return 0;
}

/* Query token weights: the weight of the best-matching vocabulary token,
 * else the weight of an unseen token. */
static void set_weights(cen_query_ctx *c, const cen_screener *s)
{
	float best[SCR_MAXTOK];
	uint32_t bestv[SCR_MAXTOK];
	for (size_t i = 0; i < c->nq; i++) {
		best[i] = 0;
		bestv[i] = SCR_NONE;
		c->q[i].w = scr_weight(0, s ? s->n_ents : 0, c->q[i].flags);
	}
	/* among equally similar tokens the lowest id, whatever order the
	 * matches came in (index or exhaustive scan) */
	for (size_t k = 0; k < c->nqm; k++) {
		const qmatch *m = &c->qm[k];
		if (m->glue || m->s < best[m->i] || (m->s == best[m->i] && m->v >= bestv[m->i]))
			continue;
		best[m->i] = m->s;
		bestv[m->i] = m->v;
		if (!(c->q[m->i].flags & (CEN_TOK_PARTICLE | CEN_TOK_INITIAL)))
			c->q[m->i].w = s->vt[m->v].weight;
	}
	for (size_t i = 0; i < c->nq; i++)
		c->u[i] = (c->q[i].flags & CEN_TOK_INITIAL) ? U_INITIAL : U_OTHER;
}

static double bound(double x, double wq, double corr)
{
	double info = x >= INFO_FULL_B ? 1.0 : x / INFO_FULL_B;
	double cov = x / wq;
	if (cov > 1)
		cov = 1;
	return (WQ_B * cov + 1.0 - WQ_B) * (R0_B + (1.0 - R0_B) * info) + corr;
}

static int is_org(int kind)
{
	return kind == CEN_KIND_ORG || kind == CEN_KIND_VESSEL || kind == CEN_KIND_AIRCRAFT;
}

/* Scores name n against the query into *sc; when min_name > 0 and a cheap
 * bound shows the name score stays below it, returns 0 without scoring. */
static int score_one(cen_query_ctx *c, const cen_screener *s, uint32_t n, scr_tok *nt,
		     scr_scored *sc, double min_name)
{
	const scr_name *nm = &s->names[n];
	const uint32_t *tk = s->name_toks + nm->tok_start;
	float S[SCR_MAXTOK * SCR_MAXTOK];
	size_t nn = nm->ntok;
	const uint8_t *tf = s->name_tf + nm->tok_start;
	int org = is_org(nm->kind);
	if (min_name > 0 && c->flat_bound) {
		/* scr_score_bound without building the name's tokens (the same
		 * value); names that might pair glued tokens take the full
		 * bound */
		float bq[SCR_MAXTOK], wn = 0, cn = 0;
		int glue = 0;
		for (size_t i = 0; i < c->nq; i++)
			bq[i] = 0;
		for (size_t j = 0; j < nn; j++) {
			uint32_t v = tk[j];
			float w = s->vt[v].weight, bn = 0;
			const float *r = vrow_get(c, v);
			for (size_t i = 0; r && i < c->nq; i++) {
				float x = r[i];
				bq[i] = x > bq[i] ? x : bq[i];
				bn = x > bn ? x : bn;
			}
			int ni = (s->vt[v].flags & CEN_TOK_INITIAL) != 0;
			if (ni || c->q_init) {
				/* an initial pairs with a token of its letter */
				float b = ni ? SCR_S_INIT_SELF : S_INIT_FULL;
				for (size_t i = 0; i < c->nq; i++) {
					int qi = (c->q[i].flags & CEN_TOK_INITIAL) != 0;
					if (!(qi || ni) || c->q[i].s[0] != s->vt[v].s[0])
						continue;
					float a = qi ? SCR_S_INIT_SELF : S_INIT_FULL;
					bq[i] = bq[i] > a ? bq[i] : a;
					bn = bn > b ? bn : b;
				}
			}
			for (size_t g = 0; g < c->nglue_v; g++)
				glue |= c->glue_v[g] == v;
			if (c->cat_len && j + 1 < nn) {
				uint32_t gl = s->vt[v].len + s->vt[tk[j + 1]].len;
				glue |= gl < 64 && ((c->cat_len >> gl) & 1);
			}
			wn += w;
			cn += w * bn;
		}
		if (!glue) {
			if (scr_score_bound_tail(c->q, c->nq, bq, cn, wn, org) < min_name)
				return 0;
			min_name = 0; /* the full bound is the same */
		}
	}
	for (size_t j = 0; j < nn; j++) {
		nt[j] = scr_vocab_tok(s, tk[j]);
		if (tf[j])
			nt[j].flags |= (tf[j] & 1 ? SCR_TF_SURNAME : 0) | (tf[j] & 2 ? SCR_TF_PATERNAL : 0);
		const float *r = vrow_get(c, tk[j]);
		for (size_t i = 0; i < c->nq; i++)
			S[i * nn + j] = r ? r[i] : 0.0f;
	}
	if (min_name > 0 && scr_score_bound(c->q, c->nq, nt, nn, S, org) < min_name)
		return 0;
	scr_score_name(c->q, c->nq, nt, nn, S, org, sc);
	return 1;
}

static int kind_ok(cen_entity_kind want, cen_entity_kind have)
{
	return want == CEN_KIND_UNKNOWN || have == CEN_KIND_UNKNOWN || want == have;
}

/* Records a scored name if it beats the entity's best so far. */
static int offer(cen_query_ctx *c, uint32_t ent, uint32_t name, double score,
		 const cen_score_parts *parts, int all_names)
{
	if (!all_names && c->estamp[ent] == c->epoch) {
		fhit *h = &c->found[c->ehit[ent]];
		if (score > h->score || (score == h->score && name < h->name)) {
			h->score = score;
			h->name = name;
			h->parts = *parts;
		}
		return 0;
	}
	if (grow((void **)&c->found, sizeof *c->found, &c->found_cap, c->nfound + 1))
		return CEN_ENOMEM;
	c->estamp[ent] = c->epoch;
	c->ehit[ent] = (uint32_t)c->nfound;
	c->found[c->nfound++] = (fhit){score, ent, name, *parts};
	return 0;
}

static double finish_parts(const scr_scored *sc, cen_score_parts *p)
{
	p->name = sc->name;
	p->coverage_query = sc->covq;
	p->coverage_list = sc->covn;
	p->rarity = sc->rarity;
	p->conflict = sc->conflict;
	p->paired = (size_t)sc->npairs;
	if (p->id_match)
		return 1.0;
	double v = sc->name + p->dob_adj + p->country_adj;
	return v < 0 ? 0 : v > 1 ? 1 : v;
}

static int eval_name(cen_query_ctx *c, const cen_screener *s, uint32_t n, double thr,
		     int all_names)
{
	const scr_name *nm = &s->names[n];
	const cen_entity *e = s->ents[nm->entity];
	scr_tok nt[SCR_MAXTOK];
	scr_scored sc;
	if (!score_one(c, s, n, nt, &sc, thr - c->corr_max - 1e-6))
		return 0;
	cen_score_parts p;
	memset(&p, 0, sizeof p);
	scr_corroborate(&c->x, e, &p);
	double v = finish_parts(&sc, &p);
	if (v < thr)
		return 0;
	return offer(c, nm->entity, n, v, &p, all_names);
}

static int search_exhaustive(cen_query_ctx *c, const cen_screener *s, const cen_query *q,
			     double thr, int all)
{
	/* every vocabulary token against every query token */
	for (uint32_t v = 0; v < s->vocab.count; v++) {
		float *r = vrow(c, v);
		if (!r)
			return CEN_ENOMEM;
		for (size_t i = 0; i < c->nq; i++) {
			r[i] = scr_tsim_vocab(s, &c->q[i], v);
			if (r[i] > 0) {
				if (grow((void **)&c->qm, sizeof *c->qm, &c->qm_cap, c->nqm + 1))
					return CEN_ENOMEM;
				c->qm[c->nqm++] = (qmatch){v, (uint8_t)i, 0, r[i]};
			}
		}
	}
	set_weights(c, s);
	for (uint32_t n = 0; n < s->n_names; n++) {
		if (!kind_ok(q->kind, (cen_entity_kind)s->names[n].kind))
			continue;
		int rc = eval_name(c, s, n, thr, all);
		if (rc)
			return rc;
	}
	return 0;
}

/* Credits query token i of name n with inc (the best over the token's
 * matches counts once) and the name side with mass; create: a name not yet
 * a candidate becomes one, else it is left alone. */

static inline void credit(cen_query_ctx *c, const cen_screener *s, uint32_t n, uint8_t i, float inc,
			  float mass, int create)
{
	uint64_t *word = &c->cbits[n >> 6], bit = (uint64_t)1 << (n & 63);
	scr_nacc *a = &c->na[n];
	if (!(*word & bit)) {
		if (!create || (create == 2 && !((s->init_bits[n >> 6] >> (n & 63)) & 1)))
			return;
		*word |= bit;
		a->acc = inc;
		a->mass = mass;
		a->lastq = i;
		a->lastv = inc;
		c->cands[c->ncand++] = n;
		return;
	}
	a->mass += mass; /* may count a name token twice: still a bound */
	if (a->lastq == i) {
		if (inc > a->lastv) {
			a->acc += inc - a->lastv;
			a->lastv = inc;
		}
		return;
	}
	a->acc += inc;
	a->lastq = i;
	a->lastv = inc;
}

/* Postings walked for query token i (cost) or walks them (run). */
static size_t walk_token(cen_query_ctx *c, const cen_screener *s, uint8_t i, int run, int create,
			 int initials)
{
	float w = c->q[i].w, u = c->u[i];
	size_t cost = 0;
	/* token i's own matches, then the glue matches (any token) */
	for (size_t m = c->qm_first[i], end = c->qm_end[i], pass = 0;; m++) {
		if (m == end) {
			if (pass++)
				break;
			m = c->qm_glue;
			end = c->nqm;
			if (m == end)
				break;
		}
		const qmatch *qm = &c->qm[m];
		float inc = w * (qm->s - u);
		if (qm->i != i || inc <= 0)
			continue;
		size_t np;
		const uint32_t *ps = scr_csr_get(&s->post, qm->v, &np);
		cost += np;
		if (!run)
			continue;
		float mass = s->vt[qm->v].weight * qm->s;
		if (create == 1) /* each mode its own loop, credit inlined for it */
			for (size_t j = 0; j < np; j++)
				credit(c, s, ps[j], i, inc, mass, 1);
		else if (create == 2)
			for (size_t j = 0; j < np; j++)
				credit(c, s, ps[j], i, inc, mass, 2);
		else
			for (size_t j = 0; j < np; j++)
				credit(c, s, ps[j], i, inc, mass, 0);
	}
	/* names with an initial this token may pair with */
	if (initials && !(c->q[i].flags & CEN_TOK_INITIAL) && w * (S_INIT_FULL - u) > 0) {
		int64_t iv = scr_hmap_get(&s->vocab_map, c->q[i].s, 1);
		if (iv >= 0 && (s->vt[iv].flags & CEN_TOK_INITIAL)) {
			size_t np;
			const uint32_t *ps = scr_csr_get(&s->post, (size_t)iv, &np);
			cost += np;
			float mass = s->vt[iv].weight * U_INITIAL;
			for (size_t j = 0; run && j < np; j++)
				credit(c, s, ps[j], i, w * (S_INIT_FULL - u), mass, create);
		}
	}
	/* the token equals two adjacent list tokens glued */
	int64_t id = c->catid[i];
	if (id >= 0 && w * (S_GLUE - u) > 0) {
		size_t np;
		const uint32_t *ps = scr_csr_get(&s->catn, (size_t)id, &np);
		cost += np;
		for (size_t j = 0; run && j < np; j++)
			credit(c, s, ps[j], i, w * (S_GLUE - u), 1e6f, create);
	}
	return cost;
}

/* The largest list-side credit (weight * similarity) query token i may
 * give one list token through its matches (its own and the glue ones). */
static float max_mass(const cen_query_ctx *c, const cen_screener *s, size_t i)
{
	float best = 0;
	for (size_t m = c->qm_first[i]; m < c->qm_end[i]; m++) {
		float x = s->vt[c->qm[m].v].weight * c->qm[m].s;
		best = x > best ? x : best;
	}
	for (size_t m = c->qm_glue; m < c->nqm; m++) {
		float x = s->vt[c->qm[m].v].weight * c->qm[m].s;
		if (c->qm[m].i == i && x > best)
			best = x;
	}
	return best;
}

static int search_index(cen_query_ctx *c, const cen_screener *s, const cen_query *q,
			double thr, int all, int *fallback)
{
	int rc = 0;
	for (size_t i = 0; i < c->nq && !rc; i++) {
		c->qm_first[i] = (uint32_t)c->nqm;
		rc = match_token_cached(c, s, i);
		c->qm_end[i] = (uint32_t)c->nqm;
	}
	c->qm_glue = c->nqm;
	if (!rc)
		rc = match_glue(c, s);
	if (rc)
		return rc;
	set_weights(c, s);
	/* order tokens by what they can add over an initial's credit, the
	 * cheaper to walk first among equals */
	uint8_t ord[SCR_MAXTOK];
	size_t cost[SCR_MAXTOK];
	double wq = 0;
	for (size_t i = 0; i < c->nq; i++) {
		ord[i] = (uint8_t)i;
		wq += c->q[i].w;
		c->catid[i] = c->q[i].vid != SCR_NONE ? s->vcat[c->q[i].vid]
			      : (c->q[i].flags & CEN_TOK_INITIAL)
				      ? -1
				      : scr_hmap_get(&s->cat_map, c->q[i].s, c->q[i].len);
		cost[i] = walk_token(c, s, (uint8_t)i, 0, 0, 0);
	}
	/* glued pairings need a query token that is a glued list pair (a
	 * catid) or a query pair glued that is a list token (a glue match);
	 * pairs too long for those lookups are not ruled out */
	c->flat_bound = 1;
	c->cat_len = 0;
	c->nglue_v = 0;
	c->q_init = 0;
	for (size_t i = 0; i < c->nq; i++) {
		c->q_init |= (c->q[i].flags & CEN_TOK_INITIAL) != 0;
		if (c->q[i].len >= 64 ||
		    (i + 1 < c->nq && c->q[i].len + c->q[i + 1].len > 2 * SCR_KEY_MAXTOK))
			c->flat_bound = 0;
		else if (c->catid[i] >= 0)
			c->cat_len |= (uint64_t)1 << c->q[i].len;
	}
	for (size_t m = 0; m < c->nqm; m++)
		if (c->qm[m].glue && c->nglue_v < SCR_MAXTOK)
			c->glue_v[c->nglue_v++] = c->qm[m].v;
		else if (c->qm[m].glue)
			c->flat_bound = 0;
	for (size_t a = 1; a < c->nq; a++)
		for (size_t b = a; b > 0; b--) {
			uint8_t x = ord[b], y = ord[b - 1];
			float vx = c->q[x].w * (1 - c->u[x]), vy = c->q[y].w * (1 - c->u[y]);
			if (vx > vy || (vx == vy && cost[x] < cost[y])) {
				ord[b] = y;
				ord[b - 1] = x;
			} else
				break;
		}
	double corr = c->corr_max;
	double rest = wq, base = 0;
	size_t ne = 0;
	while (ne < c->nq && bound(base + rest, wq, corr) >= thr) {
		const scr_tok *t = &c->q[ord[ne]];
		rest -= t->w;
		base += c->u[ord[ne]] * t->w;
		ne++;
	}
	if (bound(base + rest, wq, corr) >= thr) {
		/* Every token is essential and still a name reached by none
		 * could pass: only through query initials pairing its full
		 * tokens, which credits its side at most S_INIT_FULL. With
		 * that list side an organisation (query weight SCR_WQ_ORG)
		 * may score more than a person. */
		double x = base, cov = x / wq > 1 ? 1 : x / wq;
		double info = x >= INFO_FULL_B ? 1.0 : x / INFO_FULL_B;
		double lin = WQ_B * cov + (1 - WQ_B) * S_INIT_FULL;
		double lin_org = SCR_WQ_ORG * cov + (1 - SCR_WQ_ORG) * S_INIT_FULL;
		if ((lin > lin_org ? lin : lin_org) * (R0_B + (1 - R0_B) * info) + corr >= thr) {
			*fallback = 1;
			return 0;
		}
	}
	if (grow((void **)&c->cands, sizeof *c->cands, &c->cand_cap, s->n_names))
		return CEN_ENOMEM;
	/* Names with an initial may pair a token through it (credit
	 * S_INIT_FULL) without holding the token. Such names must hold one of
	 * a larger essential set, ne_init tokens long; when no such set exists,
	 * the initials' postings are walked instead. */
	double rest_i = wq, base_i = 0;
	size_t ne_init = 0;
	while (ne_init < c->nq && bound(base_i + rest_i, wq, corr) >= thr) {
		uint8_t i = ord[ne_init];
		float ui = c->u[i] > 0 ? c->u[i] : S_INIT_FULL;
		rest_i -= c->q[i].w;
		base_i += ui * c->q[i].w;
		ne_init++;
	}
	int initials = bound(base_i + rest_i, wq, corr) >= thr;
	/* essential tokens make candidates */
	double walked_w = 0;
	for (size_t k = 0; k < ne; k++) {
		walk_token(c, s, ord[k], 1, 1, initials);
		if (!(c->q[ord[k]].flags & CEN_TOK_INITIAL))
			walked_w += c->q[ord[k]].w;
	}
	/* the others only tighten the bound of existing candidates (and make
	 * candidates of names with initials up to ne_init), when that is cheap
	 * compared with scoring them; particles weigh too little to be worth it.
	 * A token not walked pairs with at most one list token (or two glued,
	 * through its catid: then the list side is not bounded), whose credit
	 * on the list side is at most the token's largest match mass. */
	int all_walked = 1;
	float skipped_mass = 0;
	for (size_t k = ne; k < c->nq; k++) {
		uint8_t i = ord[k];
		if (k >= ne_init &&
		    (cost[i] > 2 * c->ncand + 64 || (c->q[i].flags & CEN_TOK_PARTICLE))) {
			if (c->catid[i] >= 0)
				all_walked = 0;
			skipped_mass += max_mass(c, s, i);
			continue;
		}
		walk_token(c, s, i, 1, k < ne_init ? 2 : 0, initials);
		rest -= c->q[i].w;
		base += c->u[i] * c->q[i].w;
		if (!(c->q[i].flags & CEN_TOK_INITIAL))
			walked_w += c->q[i].w;
	}
	for (size_t i = 0; i < c->nq; i++)
		if (c->u[i] > 0)
			all_walked = 0;
	double base_all = base + (rest > 0 ? rest : 0);
	/* credit a name with initials may have through them, when not walked */
	double init_extra = initials ? 0 : S_INIT_FULL * walked_w;
	for (size_t k = 0; k < c->ncand; k++) {
		uint32_t n = c->cands[k];
		const scr_name *nm = &s->names[n];
		double x = base_all + c->na[n].acc + (nm->has_initial ? init_extra : 0);
		double covn = 1.0;
		if (all_walked && !nm->has_initial) {
			float wn = s->names[n].wn;
			float mass = c->na[n].mass + skipped_mass;
			covn = wn > 0 && mass < wn ? mass / wn : 1.0;
		}
		double info = x >= INFO_FULL_B ? 1.0 : x / INFO_FULL_B;
		double cov = x / wq > 1 ? 1 : x / wq;
		double lin = WQ_B * cov + (1 - WQ_B) * covn;
		double lin_org = SCR_WQ_ORG * cov + (1 - SCR_WQ_ORG) * covn;
		if ((lin > lin_org ? lin : lin_org) * (R0_B + (1 - R0_B) * info) + corr < thr)
			continue;
		if (!kind_ok(q->kind, (cen_entity_kind)s->names[n].kind))
			continue;
		rc = eval_name(c, s, n, thr, all);
		if (rc)
			return rc;
	}
	return 0;
}

/* Entities whose identifier numbers equal a query number: every name. */
static int search_ids(cen_query_ctx *c, const cen_screener *s, const cen_query *q, int all)
{
	for (size_t k = 0; k < c->x.n_ids; k++) {
		int64_t id = scr_hmap_get(&s->id_map, c->x.ids[k], strlen(c->x.ids[k]));
		if (id < 0)
			continue;
		size_t ne;
		const uint32_t *es = scr_csr_get(&s->ide, (size_t)id, &ne);
		for (size_t j = 0; j < ne; j++) {
			uint32_t e = es[j];
			if (!kind_ok(q->kind, s->ents[e]->kind))
				continue;
			for (uint32_t n = s->ent_first[e]; n < s->ent_first[e] + s->ent_nnames[e]; n++) {
				int rc = eval_name(c, s, n, 0.0, all);
				if (rc)
					return rc;
			}
		}
	}
	return 0;
}

static int search_ofac(cen_query_ctx *c, const cen_screener *s, const cen_query *q,
		       double thr, int all)
{
	scr_tok nt[SCR_MAXTOK];
	cen_token raw[SCR_MAXTOK];
	for (uint32_t n = 0; n < s->n_names; n++) {
		const scr_name *nm = &s->names[n];
		if (!kind_ok(q->kind, (cen_entity_kind)nm->kind))
			continue;
		const char *text = s->texts + nm->text_off;
		const uint32_t *tk = s->name_toks + nm->tok_start;
		for (size_t j = 0; j < nm->ntok; j++)
			nt[j] = scr_vocab_tok(s, tk[j]);
		(void)raw;
		double v = scr_ofac_score(c->norm.data, c->norm.len, c->q, c->nq, text,
					  nm->text_len, nt, nm->ntok, NULL);
		if (v < thr)
			continue;
		cen_score_parts p;
		memset(&p, 0, sizeof p);
		p.name = v;
		int rc = offer(c, nm->entity, n, v, &p, all);
		if (rc)
			return rc;
	}
	return 0;
}

static int cmp_found(const void *a, const void *b)
{
	const fhit *x = a, *y = b;
	if (x->score != y->score)
		return x->score < y->score ? 1 : -1;
	if (x->ent != y->ent)
		return x->ent < y->ent ? -1 : 1;
	return x->name < y->name ? -1 : x->name > y->name;
}

static int explain_hit(cen_query_ctx *c, const cen_screener *s, const fhit *f, cen_algorithm algo)
{
	const scr_name *nm = &s->names[f->name];
	const cen_entity *e = s->ents[nm->entity];
	scr_tok nt[SCR_MAXTOK];
	if (algo == CEN_ALGO_OFAC) {
		const uint32_t *tk = s->name_toks + nm->tok_start;
		for (size_t j = 0; j < nm->ntok; j++)
			nt[j] = scr_vocab_tok(s, tk[j]);
		scr_ofac_score(c->norm.data, c->norm.len, c->q, c->nq, s->texts + nm->text_off,
			       nm->text_len, nt, nm->ntok, &c->expl);
		return cen_buf_putc(&c->expl, '\0');
	}
	scr_scored sc;
	score_one(c, s, f->name, nt, &sc, 0);
	int rc = scr_explain(&c->expl, c->q, c->nq, nt, nm->ntok, &sc, &f->parts, &c->x, e);
	return rc ? rc : cen_buf_putc(&c->expl, '\0');
}

int cen_search(const cen_screener *s, cen_query_ctx *c, const cen_query *q,
	       const cen_search_opts *opts, const cen_hit **hits, size_t *n_hits)
{
	cen_search_opts def;
	if (!opts) {
		cen_search_opts_init(&def);
		opts = &def;
	}
	*hits = NULL;
	*n_hits = 0;
	c->errmsg[0] = 0;
	if (!s || !q)
		return err(c, CEN_EINVAL, "no screener or query");
	double thr = opts->threshold >= 0 ? opts->threshold
		     : opts->algorithm == CEN_ALGO_OFAC ? CEN_SCREEN_OFAC_THRESHOLD
							 : CEN_SCREEN_THRESHOLD;
	size_t limit = opts->limit ? opts->limit : 10;
	if (limit > CEN_SCREEN_MAX_LIMIT)
		limit = CEN_SCREEN_MAX_LIMIT;
	int all = (opts->flags & CEN_SEARCH_ALL_NAMES) != 0;
	int rc = prep_query(c, s, q->name);
	if (!rc)
		rc = prep_extra(c, q);
	if (!rc)
		rc = fit(c, s);
	if (rc)
		return rc == CEN_ENOMEM ? err(c, rc, "out of memory") : rc;
	if (c->nq) {
		if (opts->algorithm == CEN_ALGO_OFAC)
			rc = search_ofac(c, s, q, thr, all);
		else if (opts->flags & CEN_SEARCH_EXHAUSTIVE)
			rc = search_exhaustive(c, s, q, thr, all);
		else {
			int fallback = 0;
			rc = search_index(c, s, q, thr, all, &fallback);
			if (!rc && fallback)
				rc = search_exhaustive(c, s, q, thr, all);
		}
	}
	if (!rc && opts->algorithm != CEN_ALGO_OFAC && c->x.n_ids)
		rc = search_ids(c, s, q, all);
	if (rc)
		return err(c, rc, "search failed: %s", cen_strerror(rc));
	/* id matches were offered below the threshold too: keep real hits */
	size_t k = 0;
	for (size_t i = 0; i < c->nfound; i++)
		if (c->found[i].score >= thr)
			c->found[k++] = c->found[i];
	c->nfound = k;
	if (c->nfound > 1) /* found is NULL before the first hit: qsort wants non-NULL */
		qsort(c->found, c->nfound, sizeof *c->found, cmp_found);
	size_t nh = c->nfound < limit ? c->nfound : limit;
	if (grow((void **)&c->hits, sizeof *c->hits, &c->hits_cap, nh) ||
	    grow((void **)&c->expl_off, sizeof *c->expl_off, &c->expl_cap, nh))
		return err(c, CEN_ENOMEM, "out of memory");
	cen_buf_reset(&c->expl);
	for (size_t i = 0; i < nh; i++) {
		const fhit *f = &c->found[i];
		cen_hit *h = &c->hits[i];
		const scr_name *nm = &s->names[f->name];
		h->entity = s->ents[nm->entity];
		h->entity_index = nm->entity;
		h->name_index = nm->name_idx;
		h->matched_name = h->entity->names[nm->name_idx].text;
		h->score = f->score;
		h->match = f->score >= thr;
		h->parts = f->parts;
		h->explanation = NULL;
		if (!(opts->flags & CEN_SEARCH_NO_EXPLAIN)) {
			c->expl_off[i] = c->expl.len;
			if (explain_hit(c, s, f, opts->algorithm))
				return err(c, CEN_ENOMEM, "out of memory");
		}
	}
	if (!(opts->flags & CEN_SEARCH_NO_EXPLAIN))
		for (size_t i = 0; i < nh; i++)
			c->hits[i].explanation = c->expl.data + c->expl_off[i];
	*hits = c->hits;
	*n_hits = nh;
	return 0;
}

int cen_compare(const cen_screener *s, cen_query_ctx *c, const char *name1,
		const char *name2, cen_entity_kind kind, cen_algorithm algorithm,
		cen_compare_result *out)
{
	memset(out, 0, sizeof *out);
	c->errmsg[0] = 0;
	out->threshold = algorithm == CEN_ALGO_OFAC ? CEN_SCREEN_OFAC_THRESHOLD
						     : CEN_SCREEN_THRESHOLD;
	if (!name2)
		return err(c, CEN_EINVAL, "compare needs two names");
	int rc = prep_query(c, s, name1);
	if (rc)
		return rc;
	memset(&c->x, 0, sizeof c->x);
	size_t len2 = strlen(name2);
	if (len2 > CEN_SCREEN_MAX_NAME)
		return err(c, CEN_ELIMIT, "second name longer than the cap of 1024 bytes");
	rc = cen_normalize(c->nz, name2, len2, &c->norm2);
	if (rc)
		return err(c, rc, "cannot normalise the second name: %s", cen_strerror(rc));
	int trunc = 0;
	int nn = scr_tokens(NULL, c->norm2.data ? c->norm2.data : "", c->norm2.len, c->raw, c->n2,
			    SCR_MAXTOK, &trunc);
	if (nn < 0 || trunc)
		return err(c, nn < 0 ? nn : CEN_ELIMIT, "second name has more than 32 words");
	scr_tok *n = c->n2;
	if (!is_org(kind))
		scr_mark_surnames(c->nz, name2, &c->expl, n, (size_t)nn);
	for (int j = 0; j < nn; j++) {
		n[j].phon = (n[j].flags & (CEN_TOK_NUMERIC | CEN_TOK_INITIAL))
				    ? 0
				    : cen_phonetic(n[j].s, n[j].len);
		int64_t id = s ? scr_hmap_get(&s->vocab_map, n[j].s, n[j].len) : -1;
		if (id >= 0 && (s->vt[id].len != n[j].len || memcmp(s->vt[id].s, n[j].s, n[j].len)))
			id = -1;
		n[j].w = id >= 0 ? s->vt[id].weight : scr_weight(0, s ? s->n_ents : 0, n[j].flags);
	}
	cen_buf_reset(&c->expl);
	if (algorithm == CEN_ALGO_OFAC) {
		double v = scr_ofac_score(c->norm.data, c->norm.len, c->q, c->nq, c->norm2.data,
					  c->norm2.len, n, (size_t)nn, &c->expl);
		out->score = v < 0 ? 0 : v;
		out->parts.name = out->score;
	} else {
		/* query token weights: as a search over s would set them */
		if (s) {
			rc = fit(c, s);
			for (size_t i = 0; i < c->nq && !rc; i++)
				rc = match_token(c, s, i);
			if (rc)
				return err(c, rc, "out of memory");
			set_weights(c, s);
		} else {
			for (size_t i = 0; i < c->nq; i++)
				c->q[i].w = scr_weight(0, 0, c->q[i].flags);
		}
		float S[SCR_MAXTOK * SCR_MAXTOK];
		for (size_t i = 0; i < c->nq; i++)
			for (int j = 0; j < nn; j++)
				S[i * (size_t)nn + (size_t)j] =
					(c->q[i].flags & CEN_TOK_INITIAL)
						? ((c->q[i].len == n[j].len &&
						    !memcmp(c->q[i].s, n[j].s, n[j].len)) ? 1.0f : 0.0f)
						: scr_tsim(&c->q[i], &n[j]);
		scr_scored sc;
		scr_score_name(c->q, c->nq, n, (size_t)nn, S, is_org(kind), &sc);
		out->score = finish_parts(&sc, &out->parts);
		rc = scr_explain(&c->expl, c->q, c->nq, n, (size_t)nn, &sc, &out->parts, &c->x, NULL);
		if (rc)
			return err(c, rc, "out of memory");
	}
	if (cen_buf_putc(&c->expl, '\0'))
		return err(c, CEN_ENOMEM, "out of memory");
	out->match = out->score >= out->threshold;
	out->explanation = c->expl.data;
	return 0;
}
