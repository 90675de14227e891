/* det_blocked.c - the `blocked_counterparty` detector: transfers to or from
 * a blocked institution, a blocked account, or a party on a watchlist.
 *
 * Institutions: FinCEN's orders of 2025-06-25 under section 2313a of the
 * FEND Off Fentanyl Act prohibit covered US institutions from sending funds
 * to or receiving funds from CIBanco, Intercam and Vector Casa de Bolsa (in
 * force from 2025-10-20). Those three are built in; a rules file replaces
 * them with [blocked_counterparty.bank.KEY] tables (name, aliases, ids,
 * since, order) or a flat `banks` list. A transaction matches when the bank
 * field of either side, normalised (case, accents, punctuation), equals an
 * institution's name or alias, or equals one of its ids / SWIFT BICs
 * (case-insensitive; an 11-letter BIC also matches its 8-letter head).
 *
 * Accounts: `accounts` lists "BANK:ACCOUNT" keys blocked outright.
 *
 * Parties: with `watchlist = "PATH"` (any list format lists.h reads; path
 * relative to the rules file) the party names on transactions are first
 * compared with every non-weak name of the list after normalisation, word
 * order ignored ("GUZMAN LOERA, Joaquin" = "Joaquin Guzman Loera"), then,
 * failing that, screened with the screening engine (screen.h: spelling
 * variants, dropped second surnames, nicknames) at screen_threshold (0.9).
 * Verdicts are cached per distinct bank string and per distinct name, so
 * the cost per transaction is two or four hash lookups. In the engine,
 * with institutions alone to match (no account list, no watchlist), an
 * account is tested once: a mark per vertex (CEN__VMARK_CLEAN, beside the
 * engine's own in the line the engine has just written: detector.h) says
 * that no bank field its transactions can carry (every text before a
 * colon of its name) names one, and most transactions then cost two bit
 * tests.
 *
 * Deduplication: every prohibited transfer is an event of its own, so by
 * default each alerts; with cooldown_days > 0, one alert per (our account,
 * blocked counterparty) per cooldown and later transfers inside it are
 * counted as suppressed.
 *
 * What must hold: verdict caches are append-only and indexed by intern id;
 * institution indices stay valid for the detector's life; a vertex's clean
 * mark is set only when every bank its name can hold has verdict -1.
 */
#include "detect/cash_det.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "centinela/lists.h"
#include "centinela/screen.h"
#include "centinela/text.h"
#include "core/bytes.h"
#include "core/timeutil.h"
#include "core/banned.h"

#define NO_MATCH INT32_MIN
#define CACHE_MAX 4000000 /* distinct bank strings / names remembered */

typedef struct inst {
	char *name;   /* display name */
	char *order;  /* legal basis, for the evidence */
	int64_t since;
} inst;

typedef struct blocked {
	cen__cash_env env;
	cen_normalizer *norm;
	cen_buf nb, nb2, key;
	inst *insts;
	size_t ninst;
	cen__intern bank_names; /* normalised names/aliases -> insts index */
	int32_t *bank_name_inst;
	cen__intern bank_ids;   /* upper-case ids/BICs -> insts index */
	int32_t *bank_id_inst;
	cen__intern accounts;   /* blocked account keys */
	cen__intern bank_cache; /* bank strings seen -> verdict */
	int32_t *bank_verdict;
	size_t cap_bv;
	/* The verdicts of recent bank strings of up to 16 bytes (as uint32):
	 * most transactions name one of a handful of banks. */
	cen__recent recent;
	cen_list *list;
	const cen_entity *const *ents;
	cen__intern list_names; /* sorted-token normalised names -> entity */
	int32_t *list_name_ent;
	cen__intern name_cache; /* party names seen -> verdict (entity or -1) */
	int32_t *name_verdict;
	size_t cap_nv;
	float *name_score;      /* by name_cache id: 1 exact, else the screening score */
	size_t cap_ns;
	cen_screener *scr;      /* fuzzy screening over the watchlist */
	cen_query_ctx *qctx;
	double screen_threshold;
	cen__intern seen;       /* "our account|counterparty" -> last alert time */
	int64_t *seen_t;
	size_t cap_seen;
	int64_t cooldown;
	/* In the engine: institutions to match, and nothing else, so the
	 * vertices' clean marks rule most transactions out. */
	bool by_bits;
	int32_t vo, vb;        /* bank verdicts of the transaction bl_wants saw */
	const cen_txn *vt;
	cen__alert_builder ab;
	char list_path[1024];
} blocked;

static const cen_rules_key keys[] = {
	{"banks", CEN_RULES_STRINGS},   {"bank_aliases", CEN_RULES_STRINGS},
	{"bank_ids", CEN_RULES_STRINGS}, {"since", CEN_RULES_TIME},
	{"accounts", CEN_RULES_STRINGS}, {"watchlist", CEN_RULES_STRING},
	{"cooldown_days", CEN_RULES_NUMBER}, {"screen_threshold", CEN_RULES_NUMBER},
};
static const cen_rules_key bank_keys[] = {
	{"name", CEN_RULES_STRING}, {"aliases", CEN_RULES_STRINGS}, {"ids", CEN_RULES_STRINGS},
	{"since", CEN_RULES_TIME},  {"order", CEN_RULES_STRING},
};

static const char *const order_2313a =
	"FinCEN order of 2025-06-25 under section 2313a of the FEND Off Fentanyl Act";

static void bl_free(void *state)
{
	blocked *b = state;
	if (!b)
		return;
	for (size_t i = 0; i < b->ninst; i++) {
		cen_free(b->insts[i].name);
		cen_free(b->insts[i].order);
	}
	cen_free(b->insts);
	cen_normalizer_free(b->norm);
	cen_buf_release(&b->nb);
	cen_buf_release(&b->nb2);
	cen_buf_release(&b->key);
	cen__intern_release(&b->bank_names);
	cen_free(b->bank_name_inst);
	cen__intern_release(&b->bank_ids);
	cen_free(b->bank_id_inst);
	cen__intern_release(&b->accounts);
	cen__intern_release(&b->bank_cache);
	cen_free(b->bank_verdict);
	cen_query_ctx_free(b->qctx);
	cen_screener_free(b->scr); /* before the list: it borrows the entities */
	cen_free(b->name_score);
	cen_list_free(b->list);
	cen__intern_release(&b->list_names);
	cen_free(b->list_name_ent);
	cen__intern_release(&b->name_cache);
	cen_free(b->name_verdict);
	cen__intern_release(&b->seen);
	cen_free(b->seen_t);
	cen__ab_release(&b->ab);
	cen_free(b);
}

/* Stores v at index id of a growable int32 array. */
static int put_i32(int32_t **a, size_t *cap, size_t id, int32_t v)
{
	if (id >= *cap) {
		size_t nc = *cap ? *cap * 2 : 64;
		while (nc <= id)
			nc *= 2;
		int32_t *n = cen_realloc(*a, nc * sizeof *n);
		if (!n)
			return CEN_ENOMEM;
		*a = n;
		*cap = nc;
	}
	(*a)[id] = v;
	return 0;
}

/* Normalised words of s into out, without legal forms, honorifics and
 * particles ("S.A. de C.V." = "SA de CV" = nothing), sorted when `sorted` so
 * word order does not matter. An empty result is fine. */
static int norm(blocked *b, const char *s, size_t len, bool sorted, cen_buf *out)
{
	int rc = cen_normalize(b->norm, s, len, &b->nb);
	if (rc)
		return rc;
	cen_buf_reset(out);
	const char *base = b->nb.data ? b->nb.data : "";
	cen_token tok[32];
	size_t n = 0;
	rc = cen_tokenize(base, b->nb.len, tok, 32, &n);
	if (rc && rc != CEN_ELIMIT) /* beyond 32 words: the first 32 decide */
		return rc;
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		if (!(tok[i].flags & CEN_TOK_NOISE))
			tok[k++] = tok[i];
	n = k;
	for (size_t i = 1; sorted && i < n; i++)
		for (size_t j = i; j > 0; j--) {
			const cen_token *x = &tok[j], *y = &tok[j - 1];
			size_t m = x->len < y->len ? x->len : y->len;
			int c = memcmp(base + x->off, base + y->off, m);
			if (c > 0 || (c == 0 && x->len >= y->len))
				break;
			cen_token t = tok[j];
			tok[j] = tok[j - 1];
			tok[j - 1] = t;
		}
	rc = 0;
	for (size_t i = 0; i < n && !rc; i++) {
		if (i)
			rc = cen_buf_putc(out, ' ');
		if (!rc)
			rc = cen_buf_append(out, base + tok[i].off, tok[i].len);
	}
	return rc;
}

static int add_inst(blocked *b, const char *name, const char *order, int64_t since, size_t *idx)
{
	inst *n = cen_realloc(b->insts, (b->ninst + 1) * sizeof *n);
	if (!n)
		return CEN_ENOMEM;
	b->insts = n;
	inst *x = &b->insts[b->ninst];
	x->name = cen_strdup(name);
	x->order = cen_strdup(order ? order : "");
	x->since = since;
	if (!x->name || !x->order) {
		cen_free(x->name);
		cen_free(x->order);
		return CEN_ENOMEM;
	}
	*idx = b->ninst++;
	return 0;
}

static int add_bank_name(blocked *b, const char *s, size_t inst_idx)
{
	int rc = norm(b, s, strlen(s), false, &b->nb2);
	if (rc || b->nb2.len == 0)
		return rc;
	size_t cap = b->bank_names.count;
	int64_t id = cen__intern_put(&b->bank_names, b->nb2.data, b->nb2.len);
	if (id < 0)
		return (int)id;
	if ((size_t)id < cap)
		return 0; /* first institution naming it wins */
	int32_t *n = cen_realloc(b->bank_name_inst, ((size_t)id + 1) * sizeof *n);
	if (!n)
		return CEN_ENOMEM;
	b->bank_name_inst = n;
	n[id] = (int32_t)inst_idx;
	return 0;
}

static int upper_key(cen_buf *out, const char *s, size_t len)
{
	cen_buf_reset(out);
	int rc = 0;
	for (size_t i = 0; i < len && !rc; i++)
		if (s[i] != ' ')
			rc = cen_buf_putc(out, (char)(s[i] >= 'a' && s[i] <= 'z' ? s[i] - 32 : s[i]));
	return rc;
}

static int add_bank_id(blocked *b, const char *s, size_t inst_idx)
{
	int rc = upper_key(&b->nb2, s, strlen(s));
	if (rc || b->nb2.len == 0)
		return rc;
	size_t before = b->bank_ids.count;
	int64_t id = cen__intern_put(&b->bank_ids, b->nb2.data, b->nb2.len);
	if (id < 0)
		return (int)id;
	if ((size_t)id < before)
		return 0;
	int32_t *n = cen_realloc(b->bank_id_inst, ((size_t)id + 1) * sizeof *n);
	if (!n)
		return CEN_ENOMEM;
	b->bank_id_inst = n;
	n[id] = (int32_t)inst_idx;
	return 0;
}

static int add_strings(blocked *b, const cen_rules *r, const char *table, const char *key,
		       size_t idx, int ids)
{
	const char *const *v;
	size_t n;
	cen_rules_get_strings(r, table, key, &v, &n);
	int rc = 0;
	for (size_t i = 0; i < n && !rc; i++)
		rc = ids ? add_bank_id(b, v[i], idx) : add_bank_name(b, v[i], idx);
	return rc;
}

static int builtin_banks(blocked *b, int64_t since)
{
	static const struct {
		const char *name;
		const char *aliases[4];
	} banks[] = {
		{"CIBanco S.A., Institucion de Banca Multiple", {"CIBanco", "CI Banco", NULL}},
		{"Intercam Banco S.A., Institucion de Banca Multiple",
		 {"Intercam", "Intercam Banco", NULL}},
		{"Vector Casa de Bolsa, S.A. de C.V.", {"Vector", "Vector Casa de Bolsa", NULL}},
	};
	int rc = 0;
	for (size_t i = 0; i < 3 && !rc; i++) {
		size_t idx;
		rc = add_inst(b, banks[i].name, order_2313a, since, &idx);
		if (!rc)
			rc = add_bank_name(b, banks[i].name, idx);
		for (size_t k = 0; !rc && banks[i].aliases[k]; k++)
			rc = add_bank_name(b, banks[i].aliases[k], idx);
	}
	return rc;
}

static int read_banks(blocked *b, const cen_rules *r)
{
	const char *T = "blocked_counterparty";
	int64_t since = cen_rules_get_time(r, T, "since", 20381LL * 86400); /* 2025-10-20 */
	int rc = 0, tables = 0;
	size_t nt = cen_rules_table_count(r);
	for (size_t i = 0; i < nt && !rc; i++) {
		const char *t = cen_rules_table_name(r, i);
		if (strncmp(t, "blocked_counterparty.", 21) != 0)
			continue;
		if (strncmp(t, "blocked_counterparty.bank.", 26) != 0 || !t[26]) {
			cen_diag_report(b->env.diag, 1, cen_rules_name(r), 0, t,
					"unknown table [%s]: institutions are "
					"[blocked_counterparty.bank.KEY] (ignored)", t);
			continue;
		}
		tables++;
		if ((rc = cen_rules_check(r, t, bank_keys, sizeof bank_keys / sizeof bank_keys[0],
					  b->env.diag)))
			return rc;
		size_t idx;
		const char *name = cen_rules_get_string(r, t, "name", t + 26);
		rc = add_inst(b, name, cen_rules_get_string(r, t, "order", ""),
			      cen_rules_get_time(r, t, "since", since), &idx);
		if (!rc)
			rc = add_bank_name(b, name, idx);
		if (!rc)
			rc = add_strings(b, r, t, "aliases", idx, 0);
		if (!rc)
			rc = add_strings(b, r, t, "ids", idx, 1);
	}
	const char *const *v;
	size_t n;
	bool flat = cen_rules_get_strings(r, T, "banks", &v, &n);
	for (size_t i = 0; i < n && !rc; i++) {
		size_t idx;
		rc = add_inst(b, v[i], "", since, &idx);
		if (!rc)
			rc = add_bank_name(b, v[i], idx);
	}
	if (rc)
		return rc;
	if (!tables && !flat)
		rc = builtin_banks(b, since);
	/* Flat aliases and ids belong to no one institution: the first. */
	if (!rc && b->ninst) {
		rc = add_strings(b, r, T, "bank_aliases", 0, 0);
		if (!rc)
			rc = add_strings(b, r, T, "bank_ids", 0, 1);
	}
	return rc;
}

static int screen_name(blocked *b, int32_t *v, float *score);

static int load_watchlist(blocked *b, const cen_rules *r, const char *path)
{
	if (cen_rules_resolve_path(r, path, b->list_path, sizeof b->list_path))
		return CEN_ELIMIT;
	int rc = cen_list_new(&b->list);
	if (!rc)
		rc = cen_list_load(b->list, b->list_path, CEN_LIST_AUTO, b->env.diag);
	if (rc) {
		cen_diag_report(b->env.diag, 2, cen_rules_name(r),
				cen_rules_line(r, "blocked_counterparty", "watchlist"), "watchlist",
				"[blocked_counterparty] watchlist %s: %s", b->list_path,
				b->list ? cen_list_errmsg(b->list) : cen_strerror(rc));
		return rc == CEN_ENOMEM ? rc : CEN_EINVAL;
	}
	size_t ne;
	b->ents = cen_list_entities(b->list, &ne);
	for (size_t i = 0; i < ne && !rc; i++) {
		const cen_entity *e = b->ents[i];
		for (size_t k = 0; k < e->n_names && !rc; k++) {
			if (e->names[k].type == CEN_NAME_WEAK_AKA || !e->names[k].text)
				continue;
			/* A name that does not normalise is skipped, not fatal. */
			if (norm(b, e->names[k].text, strlen(e->names[k].text), true, &b->nb2) ||
			    b->nb2.len == 0)
				continue;
			size_t before = b->list_names.count;
			int64_t id = cen__intern_put(&b->list_names, b->nb2.data, b->nb2.len);
			if (id < 0) {
				rc = (int)id;
				break;
			}
			if ((size_t)id < before)
				continue;
			int32_t *n = cen_realloc(b->list_name_ent, ((size_t)id + 1) * sizeof *n);
			if (!n) {
				rc = CEN_ENOMEM;
				break;
			}
			b->list_name_ent = n;
			n[id] = (int32_t)i;
		}
	}
	if (rc || !ne)
		return rc;
	const char *why = NULL;
	if ((rc = cen_screener_new(&b->scr, b->ents, ne, NULL, &why)) ||
	    (rc = cen_query_ctx_new(&b->qctx))) {
		cen_diag_report(b->env.diag, 2, cen_rules_name(r),
				cen_rules_line(r, "blocked_counterparty", "watchlist"), "watchlist",
				"[blocked_counterparty] watchlist %s: %s", b->list_path,
				why ? why : cen_strerror(rc));
		return rc == CEN_ENOMEM ? rc : CEN_EINVAL;
	}
	/* Warm the query scratch with a name that finds itself: searches that
	 * find nothing before any that found something trip UBSan inside
	 * search.c (qsort of a NULL array of 0 hits; reported to its owner). */
	for (size_t i = 0; i < ne; i++) {
		const cen_entity *e = b->ents[i];
		if (!e->n_names || !e->names[0].text || !*e->names[0].text)
			continue;
		cen_buf_reset(&b->key);
		int32_t v = -1;
		float sc = 0;
		double keep = b->screen_threshold;
		b->screen_threshold = 0.01;
		rc = cen_buf_puts(&b->key, e->names[0].text);
		if (!rc)
			rc = screen_name(b, &v, &sc);
		b->screen_threshold = keep;
		break;
	}
	return rc;
}

static int bl_create(void **state, const cen_rules *r, const cen__cash_env *env)
{
	*state = NULL;
	blocked *b = cen_calloc(1, sizeof *b);
	if (!b)
		return CEN_ENOMEM;
	b->env = *env;
	cen_buf_init(&b->nb, 1u << 16);
	cen_buf_init(&b->nb2, 1u << 16);
	cen_buf_init(&b->key, 1u << 16);
	cen__intern_init(&b->bank_names);
	cen__intern_init(&b->bank_ids);
	cen__intern_init(&b->accounts);
	cen__intern_init(&b->bank_cache);
	cen__intern_init(&b->list_names);
	cen__intern_init(&b->name_cache);
	cen__intern_init(&b->seen);
	cen__ab_init(&b->ab, "blocked_counterparty");
	const char *T = "blocked_counterparty";
	int rc = cen__cash_check(r, &cen__cash_blocked, env);
	if (!rc)
		rc = cen_normalizer_new(&b->norm);
	double cd = cen_rules_get_double(r, T, "cooldown_days", 0.0);
	if (!rc && !(cd >= 0 && cd <= 366)) {
		cen_diag_report(env->diag, 2, cen_rules_name(r), cen_rules_line(r, T, "cooldown_days"),
				"cooldown_days", "[%s] cooldown_days must be 0..366", T);
		rc = CEN_EINVAL;
	}
	b->cooldown = (int64_t)(cd * 86400.0);
	b->screen_threshold = cen_rules_get_double(r, T, "screen_threshold", 0.9);
	if (!rc && !(b->screen_threshold > 0 && b->screen_threshold <= 1)) {
		cen_diag_report(env->diag, 2, cen_rules_name(r),
				cen_rules_line(r, T, "screen_threshold"), "screen_threshold",
				"[%s] screen_threshold must be more than 0 and at most 1", T);
		rc = CEN_EINVAL;
	}
	if (!rc)
		rc = read_banks(b, r);
	const char *const *acc;
	size_t na;
	cen_rules_get_strings(r, T, "accounts", &acc, &na);
	for (size_t i = 0; i < na && !rc; i++)
		if (cen__intern_put(&b->accounts, acc[i], strlen(acc[i])) < 0)
			rc = CEN_ENOMEM;
	const char *wl = cen_rules_get_string(r, T, "watchlist", NULL);
	if (!rc && wl && *wl)
		rc = load_watchlist(b, r, wl);
	if (rc) {
		bl_free(b);
		return rc;
	}
	*state = b;
	return 0;
}

/* The verdict of a bank field when the memo of recent strings holds it
 * (or the field is empty): the test of most transactions, kept small. */
static inline bool bank_recent(blocked *b, cen_slice bank, int32_t *out)
{
	*out = -1;
	if (!bank.len)
		return true;
	if (bank.len > 16)
		return false;
	cen__short_key k;
	const cen__recent_slot *m = cen__recent_at(&b->recent, bank.ptr, bank.len, &k);
	if (!cen__recent_holds(m, k, bank.len))
		return false;
	*out = (int32_t)m->val;
	return true;
}

static __attribute__((noinline)) int bank_verdict_slow(blocked *b, cen_slice bank, int32_t *out);

/* The institution a bank field names, or -1; cached per distinct string. */
static inline __attribute__((always_inline)) int bank_verdict(blocked *b, cen_slice bank, int32_t *out)
{
	*out = -1;
	if (!b->ninst || bank_recent(b, bank, out))
		return 0;
	return bank_verdict_slow(b, bank, out);
}

static int bank_verdict_find(blocked *b, cen_slice bank, int32_t *out);

/* bank_verdict past its memo of recent strings; the memo keeps what it
 * finds. */
static int bank_verdict_slow(blocked *b, cen_slice bank, int32_t *out)
{
	int rc = bank_verdict_find(b, bank, out);
	if (!rc && bank.len <= 16) {
		cen__short_key k;
		cen__recent_slot *m = cen__recent_at(&b->recent, bank.ptr, bank.len, &k);
		cen__recent_keep(m, k, bank.len, (uint32_t)*out);
	}
	return rc;
}

/* The verdict of a bank field from the cache of every string seen, else
 * found in the institutions' ids and names. */
static int bank_verdict_find(blocked *b, cen_slice bank, int32_t *out)
{
	int64_t id = cen__intern_get(&b->bank_cache, bank.ptr, bank.len);
	if (id >= 0) {
		*out = b->bank_verdict[id];
		return 0;
	}
	int32_t v = -1;
	int rc = upper_key(&b->nb2, bank.ptr, bank.len);
	if (rc)
		return rc;
	int64_t k = b->nb2.len ? cen__intern_get(&b->bank_ids, b->nb2.data, b->nb2.len) : -1;
	if (k < 0 && b->nb2.len == 11) /* a branch BIC: its 8-letter head */
		k = cen__intern_get(&b->bank_ids, b->nb2.data, 8);
	if (k >= 0) {
		v = b->bank_id_inst[k];
	} else {
		rc = norm(b, bank.ptr, bank.len, false, &b->nb2);
		if (rc == CEN_EENCODING || rc == CEN_ELIMIT)
			rc = 0, b->nb2.len = 0; /* a strange bank string names no institution */
		if (rc)
			return rc;
		k = b->nb2.len ? cen__intern_get(&b->bank_names, b->nb2.data, b->nb2.len) : -1;
		if (k >= 0)
			v = b->bank_name_inst[k];
	}
	if (b->bank_cache.count < CACHE_MAX) {
		id = cen__intern_put(&b->bank_cache, bank.ptr, bank.len);
		if (id < 0)
			return (int)id;
		if ((rc = put_i32(&b->bank_verdict, &b->cap_bv, (size_t)id, v)))
			return rc;
	}
	*out = v;
	return 0;
}

/* Fuzzy screening of one name (NUL-terminated in b->key). A name the
 * screener refuses (too long, bad UTF-8) matches nothing. */
static int screen_name(blocked *b, int32_t *v, float *score)
{
	cen_search_opts o;
	cen_search_opts_init(&o);
	o.threshold = b->screen_threshold;
	o.limit = 1;
	o.flags = CEN_SEARCH_NO_EXPLAIN;
	cen_query q;
	memset(&q, 0, sizeof q);
	q.name = cen_buf_str(&b->key);
	const cen_hit *hits;
	size_t n = 0;
	int rc = cen_search(b->scr, b->qctx, &q, &o, &hits, &n);
	if (rc == CEN_ENOMEM)
		return rc;
	if (rc == 0 && n > 0 && hits[0].score >= b->screen_threshold) {
		*v = (int32_t)hits[0].entity_index;
		*score = (float)hits[0].score;
	}
	return 0;
}

/* The watchlist entity a party name matches, or -1, and the match score
 * (1 for the same words); cached per distinct name. */
static int name_verdict(blocked *b, cen_slice name, int32_t *out, float *score)
{
	*out = -1;
	*score = 0;
	if (!name.len || !b->list_names.count)
		return 0;
	int64_t id = cen__intern_get(&b->name_cache, name.ptr, name.len);
	if (id >= 0) {
		*out = b->name_verdict[id];
		*score = b->name_score[id];
		return 0;
	}
	int32_t v = -1;
	float sc = 0;
	int rc = norm(b, name.ptr, name.len, true, &b->nb2);
	if (rc == CEN_EENCODING || rc == CEN_ELIMIT)
		rc = 0, b->nb2.len = 0;
	if (rc)
		return rc;
	int64_t k = b->nb2.len ? cen__intern_get(&b->list_names, b->nb2.data, b->nb2.len) : -1;
	if (k >= 0) {
		v = b->list_name_ent[k];
		sc = 1.0f;
	} else if (b->scr && b->nb2.len) {
		cen_buf_reset(&b->key);
		if ((rc = cen_buf_append(&b->key, name.ptr, name.len)) || (rc = screen_name(b, &v, &sc)))
			return rc;
	}
	if (b->name_cache.count < CACHE_MAX) {
		id = cen__intern_put(&b->name_cache, name.ptr, name.len);
		if (id < 0)
			return (int)id;
		if ((rc = put_i32(&b->name_verdict, &b->cap_nv, (size_t)id, v)))
			return rc;
		if ((size_t)id >= b->cap_ns) {
			size_t nc = b->cap_nv;
			float *ns = cen_realloc(b->name_score, nc * sizeof *ns);
			if (!ns)
				return CEN_ENOMEM;
			b->name_score = ns;
			b->cap_ns = nc;
		}
		b->name_score[id] = sc;
	}
	*out = v;
	*score = sc;
	return 0;
}

/* 1 when (ours, what) alerted within the cooldown; else records now. */
static int cooling(blocked *b, const char *ours, const char *what, int64_t now, int *hot)
{
	cen_buf_reset(&b->key);
	int rc = cen__alert_printf(&b->key, "%s\x1f%s", ours, what);
	if (rc)
		return rc;
	int64_t id = cen__intern_put(&b->seen, b->key.data, b->key.len);
	if (id < 0)
		return (int)id;
	if ((size_t)id >= b->cap_seen) {
		size_t nc = b->cap_seen ? b->cap_seen * 2 : 256;
		while (nc <= (size_t)id)
			nc *= 2;
		int64_t *n = cen_realloc(b->seen_t, nc * sizeof *n);
		if (!n)
			return CEN_ENOMEM;
		for (size_t i = b->cap_seen; i < nc; i++)
			n[i] = INT64_MIN;
		b->seen_t = n;
		b->cap_seen = nc;
	}
	*hot = b->seen_t[id] != INT64_MIN && now - b->seen_t[id] < b->cooldown;
	if (!*hot)
		b->seen_t[id] = now;
	return 0;
}

typedef struct hit {
	const char *ours;     /* our account label */
	const char *other;    /* the counterparty account label */
	bool outbound;        /* ours sent the money */
	int kind;             /* 0 institution, 1 account, 2 party */
	int32_t idx;          /* institution or entity */
	cen_slice party;      /* party name as written (kind 2) */
	float score;          /* name score (kind 2): 1 same words, else screening */
} hit;

static int emit_hit(blocked *b, const cen_txn *t, const hit *h)
{
	const char *what = h->kind == 0 ? b->insts[h->idx].name
			 : h->kind == 1 ? h->other
					: b->ents[h->idx]->id;
	int hot = 0;
	int rc = cooling(b, h->ours, what, t->ts, &hot);
	if (rc || hot) {
		if (hot && b->env.suppressed)
			(*b->env.suppressed)++;
		return rc;
	}
	cen__alert_builder *ab = &b->ab;
	cen__ab_reset(ab);
	rc = cen__ab_account(ab, h->ours);
	if (!rc)
		rc = cen__ab_account(ab, h->other);
	char tmp[24];
	size_t idlen;
	const char *tid = cen_txn_id_str(t, tmp, &idlen);
	cen_buf_reset(&b->key);
	if (!rc)
		rc = cen_buf_append(&b->key, tid, idlen);
	if (!rc)
		rc = cen__ab_txn(ab, cen_buf_str(&b->key), t->ts);
	if (rc)
		return rc;
	bool in_force = true;
	double score = 0.95;
	cen_buf *x = &ab->explanation;
	rc |= cen__alert_printf(x, "Account %s %s ", h->ours, h->outbound ? "sent" : "received");
	rc |= cen__cash_money(x, t->base_amount);
	rc |= cen__alert_printf(x, " by %s %s ", cen_channel_name(t->channel), h->outbound ? "to" : "from");
	cen_buf *e = &ab->evidence;
	rc |= cen__alert_printf(e, "{\"direction\":\"%s\",\"counterparty_account\":",
			     h->outbound ? "outbound" : "inbound");
	rc |= cen_json_cstr(e, h->other);
	rc |= cen_buf_puts(e, ",\"amount\":");
	rc |= cen__json_dollars(e, t->base_amount);
	if (h->kind == 0) {
		const inst *in = &b->insts[h->idx];
		in_force = t->ts >= in->since;
		char day[11];
		cen__format_day(in->since / 86400, day);
		rc |= cen__alert_printf(x, "account %s at %s, a blocked institution", h->other, in->name);
		if (*in->order)
			rc |= cen__alert_printf(x, " (%s)", in->order);
		rc |= cen__alert_printf(x, in_force ? "; transfers with it are prohibited since %s."
						  : "; the prohibition takes effect on %s.", day);
		rc |= cen_buf_puts(e, ",\"match\":\"institution\",\"institution\":");
		rc |= cen_json_cstr(e, in->name);
		rc |= cen_buf_puts(e, ",\"order\":");
		rc |= cen_json_cstr(e, in->order);
		rc |= cen__alert_printf(e, ",\"in_force_since\":\"%s\",\"in_force\":%s", day,
				     in_force ? "true" : "false");
		score = in_force ? 0.95 : 0.6;
	} else if (h->kind == 1) {
		rc |= cen__alert_printf(x, "account %s, which the rules list as blocked.", h->other);
		rc |= cen_buf_puts(e, ",\"match\":\"account\"");
	} else {
		const cen_entity *en = b->ents[h->idx];
		const char *primary = en->n_names ? en->names[0].text : en->id;
		rc |= cen__alert_printf(x, "%.*s (account %s), whose name matches %s on the watchlist",
				     (int)h->party.len, h->party.ptr, h->other, primary);
		if (h->score < 1.0f)
			rc |= cen__alert_printf(x, " with a screening score of %.2f", h->score);
		if (en->n_programs) {
			rc |= cen_buf_puts(x, " (");
			for (size_t i = 0; i < en->n_programs && i < 4; i++)
				rc |= cen__alert_printf(x, "%s%s", i ? ", " : "", en->programs[i]);
			rc |= cen_buf_putc(x, ')');
		}
		rc |= cen_buf_putc(x, '.');
		rc |= cen_buf_puts(e, ",\"match\":\"party\",\"party_name\":");
		rc |= cen_json_str(e, h->party.ptr, h->party.len);
		rc |= cen_buf_puts(e, ",\"entity_id\":");
		rc |= cen_json_cstr(e, en->id);
		rc |= cen_buf_puts(e, ",\"entity_name\":");
		rc |= cen_json_cstr(e, primary);
		rc |= cen_buf_puts(e, ",\"programs\":[");
		for (size_t i = 0; i < en->n_programs; i++) {
			if (i)
				rc |= cen_buf_putc(e, ',');
			rc |= cen_json_cstr(e, en->programs[i]);
		}
		rc |= cen__alert_printf(e, "],\"name_match\":\"%s\",\"name_score\":%.3f",
				     h->score >= 1.0f ? "same words after normalisation" : "screening",
				     h->score);
		score = h->score >= 1.0f ? 0.9 : 0.9 * h->score;
	}
	rc |= cen_buf_putc(e, '}');
	if (rc)
		return CEN_ENOMEM;
	return cen__ab_emit(ab, &b->env, score);
}

/* The bank verdicts come from the record; the accounts are needed only for
 * a match, a blocked-accounts list or party names to screen. An error is
 * left for bl_on_txn to return. */
static inline __attribute__((always_inline)) bool bl_wants(void *state, const cen_txn *t,
							   uint32_t orig_vref, uint32_t bene_vref)
{
	blocked *b = state;
	(void)orig_vref; /* a per-account memo was slower: the bank cache is tiny and */
	(void)bene_vref; /* stays in cache, an array by account misses it */
	b->vt = NULL;
	if (bank_verdict(b, t->orig_bank, &b->vo) || bank_verdict(b, t->bene_bank, &b->vb))
		return true;
	b->vt = t;
	return b->vo >= 0 || b->vb >= 0 || b->accounts.count ||
	       (b->list_names.count && (t->orig_name.len || t->bene_name.len));
}

static int bl_on_txn(void *state, const cen_txn *t, unsigned dir, const cen__cash_acct *orig,
		     const cen__cash_acct *bene)
{
	(void)dir; /* banks, accounts and names, in any channel */
	blocked *b = state;
	int32_t vo = b->vo, vb = b->vb;
	int rc = 0;
	if (b->vt != t) { /* called without bl_wants (tests) */
		if ((rc = bank_verdict(b, t->orig_bank, &vo)) ||
		    (rc = bank_verdict(b, t->bene_bank, &vb)))
			return rc;
	}
	b->vt = NULL;
	/* A transfer inside one blocked institution is not ours to see. */
	if (vb >= 0 && vo < 0) {
		hit h = {orig->label, bene->label, true, 0, vb, {0}, 0};
		if ((rc = emit_hit(b, t, &h)))
			return rc;
	} else if (vo >= 0 && vb < 0) {
		hit h = {bene->label, orig->label, false, 0, vo, {0}, 0};
		if ((rc = emit_hit(b, t, &h)))
			return rc;
	}
	if (b->accounts.count) {
		bool ob = cen__intern_get(&b->accounts, orig->label, strlen(orig->label)) >= 0;
		bool bb = cen__intern_get(&b->accounts, bene->label, strlen(bene->label)) >= 0;
		if (bb && !ob) {
			hit h = {orig->label, bene->label, true, 1, 0, {0}, 0};
			rc = emit_hit(b, t, &h);
		} else if (ob && !bb) {
			hit h = {bene->label, orig->label, false, 1, 0, {0}, 0};
			rc = emit_hit(b, t, &h);
		}
		if (rc)
			return rc;
	}
	if (b->list_names.count) {
		int32_t eo, eb;
		float so, sb;
		if ((rc = name_verdict(b, t->orig_name, &eo, &so)) ||
		    (rc = name_verdict(b, t->bene_name, &eb, &sb)))
			return rc;
		if (eb >= 0) {
			hit h = {orig->label, bene->label, true, 2, eb, t->bene_name, sb};
			rc = emit_hit(b, t, &h);
		}
		if (!rc && eo >= 0) {
			hit h = {bene->label, orig->label, false, 2, eo, t->orig_name, so};
			rc = emit_hit(b, t, &h);
		}
	}
	return rc;
}

static int bl_finish(void *state)
{
	(void)state;
	return 0;
}

const cen__cash_ops cen__cash_blocked = {
	"blocked_counterparty", bl_create, bl_on_txn, NULL, bl_finish, bl_free,
	keys, sizeof keys / sizeof keys[0], bl_wants, NULL, false, NULL,
};

static int bl_engine_init(cen__det *d, const cen_rules *r, char *err, size_t errlen)
{
	int rc = cen__cash_engine_init(d, &cen__cash_blocked, r, err, errlen);
	blocked *b = ((cen__cash_det *)d)->state;
	if (rc || !b)
		return rc;
	b->by_bits = b->ninst && !b->accounts.count && !b->list_names.count;
	return 0;
}

/* Bit 7 of each byte of w that is a ':' (exactly: no borrow crosses
 * bytes). */
static inline uint64_t colons(uint64_t w)
{
	const uint64_t low7 = 0x7f7f7f7f7f7f7f7full;
	uint64_t x = w ^ 0x3a3a3a3a3a3a3a3aull;
	return ~(((x & low7) + low7) | x | low7);
}

/* The engine's vertex names are "BANK:ACCOUNT", or "ACCOUNT" when the
 * bank field is empty; a colon may be in either part, so the bank field of
 * a transaction of vertex v is one of: empty, or the text of v's name
 * before one of its colons. v is clean when none of those names an
 * institution: then no transaction of it can match by its bank. The name
 * is read a word at a time (most have one colon, after the bank). */
static int vertex_clean(blocked *b, cen_slice vname, bool *clean)
{
	const char *name = vname.ptr;
	size_t len = vname.len;
	*clean = false;
	for (size_t i = 0; i < len; i += 8) {
		uint64_t w;
		if (i + 8 <= len) {
			w = cen__load64(name + i);
		} else if (len >= 8) { /* the last word, without the bytes seen */
			w = cen__load64(name + len - 8) >> (8 * (i + 8 - len));
		} else {
			w = 0; /* 0 is no colon */
			for (size_t k = len; k-- > 0;)
				w = w << 8 | (unsigned char)name[k];
		}
		for (uint64_t m = colons(w); m; m &= m - 1) {
			int32_t vd;
			size_t at = i + (size_t)(__builtin_ctzll(m) >> 3);
			int rc = bank_verdict(b, (cen_slice){name, at}, &vd);
			if (rc || vd >= 0)
				return rc;
		}
	}
	*clean = true;
	return 0;
}

/* Whether v, named vname (the newest edge's record's spelling, which is
 * its name: cen__engine.newest_names), is clean, its bit set when it is
 * (an error sets nothing: the transaction then goes the long way, which
 * reports it). */
static __attribute__((noinline)) bool learn_clean(blocked *b, cen__engine *e, uint32_t v,
						   cen_slice vname)
{
	const char *name = vname.ptr;
	size_t len = vname.len;
	bool clean = false;
	int32_t vd;
	/* Most names are of 8 to 16 bytes with one colon, after a bank the
	 * memo of recent strings knows: two words and one memo probe. */
	uint64_t m0 = 0, m1 = 1;
	if (len >= 8 && len <= 16) {
		m0 = colons(cen__load64(name));
		m1 = len > 8 ? colons(cen__load64(name + len - 8) >> (8 * (16 - len))) /* bytes 8.. */
			     : 0;
	}
	if (m0 && !(m0 & (m0 - 1)) && !m1 &&
	    bank_recent(b, (cen_slice){name, (size_t)__builtin_ctzll(m0) >> 3}, &vd)) {
		if (vd >= 0)
			return false;
	} else if (vertex_clean(b, vname, &clean) || !clean) {
		return false;
	}
	cen__vmark_set(e, v, CEN__VMARK_CLEAN);
	return true;
}

/* cen__cash_engine_edge behind bl_wants, once an account is not known
 * clean: learns whether both are, else asks bl_wants about the record. */
static __attribute__((noinline)) int bl_engine_edge_slow(cen__det *d, const cen__edge_ctx *x)
{
	blocked *b = ((cen__cash_det *)d)->state;
	if (b->by_bits) {
		cen__engine *e = d->eng;
		const cen_slice *names = e->newest_names;
		if ((cen__vmark_has(e, x->src, CEN__VMARK_CLEAN) ||
		     learn_clean(b, e, x->src, names[0])) &&
		    (cen__vmark_has(e, x->dst, CEN__VMARK_CLEAN) ||
		     learn_clean(b, e, x->dst, names[1])))
			return 0;
	}
	if (!bl_wants(b, x->t, 0, 0))
		return 0;
	return cen__cash_engine_run(d, x);
}

/* cen__cash_engine_edge without the record: with no account list and no
 * watchlist, only a bank can match, and most transactions are between two
 * accounts known clean (vertex_clean): two bits, without a call. */
static int bl_engine_edge(cen__det *d, const cen__edge_ctx *x)
{
	blocked *b = ((cen__cash_det *)d)->state;
	if (b->by_bits) {
		const cen__engine *e = d->eng;
		if (cen__vmark_has(e, x->src, CEN__VMARK_CLEAN) &&
		    cen__vmark_has(e, x->dst, CEN__VMARK_CLEAN))
			return 0;
	} else if (!b->ninst && !b->accounts.count && !b->list_names.count) {
		return 0;
	}
	return bl_engine_edge_slow(d, x);
}

const cen__det_ops cen__det_blocked = {
	.name = "blocked_counterparty", .size = sizeof(cen__cash_det), .init = bl_engine_init,
	.on_edge = bl_engine_edge, .on_advance = cen__cash_engine_advance,
	.flush = cen__cash_engine_flush, .release = cen__cash_engine_release,
	.keys = keys, .nkeys = sizeof keys / sizeof keys[0],
};
