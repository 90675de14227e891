/* screen.h - the name-screening engine: is this name (with optional date of
 * birth, country and identifier numbers) on the loaded designation lists?
 *
 * Model
 *   cen_screener   an immutable index built once from borrowed entities
 *                  (include/centinela/entity.h). After cen_screener_new
 *                  returns it is never written again, so any number of
 *                  threads may query one screener at the same time. A list
 *                  update builds a new screener; the caller swaps the pointer
 *                  and frees the old one when no query uses it any more.
 *   cen_query_ctx  per-thread scratch: the text normaliser, candidate
 *                  accumulators, the hit array and the explanation strings.
 *                  One per thread; reused across queries and across
 *                  screeners. It grows to the largest screener it has seen
 *                  and then queries allocate nothing.
 *
 * Scoring (algorithm CEN_ALGO_DEFAULT; docs/screening.md has the details)
 *   Both names are normalised (text layer: NFKD, case fold, marks stripped,
 *   transliteration), tokenised, legal forms and honorifics dropped,
 *   particles (de, del, la, y...) down-weighted. Tokens are paired one to one
 *   by a token similarity (exact, nickname, phonetic key, edit distance 1,
 *   initials, merged/split tokens such as "mariajose" / "maria jose"); each
 *   token carries a rarity weight (IDF over the screener's list tokens). The
 *   name score combines the weighted coverage of the query and of the list
 *   name, penalises an unpaired significant token on both sides (a different
 *   surname, not a dropped one) and scales by how much rare information
 *   matched, so common names alone score below rare ones. Order does not
 *   matter ("GUZMAN LOERA, Joaquin" == "Joaquin Guzman Loera").
 *   Corroboration then adjusts it: date of birth (exact/partial agreement
 *   raises, a clear contradiction lowers), country (agreement raises a
 *   little), identifier numbers (an exact number match is decisive: 1.0).
 *   A hit is a "match" when score >= the threshold.
 *
 * Algorithm CEN_ALGO_OFAC emulates the score of OFAC's Sanctions List Search
 *   (FAQ 249): a first-letter and 50%-edit-similarity pre-filter, then the
 *   higher of Jaro-Winkler on the whole name and the composite of per-name-
 *   part Jaro-Winkler/Soundex scores. It is an emulation for users who must
 *   reproduce OFAC's numbers, not OFAC's code; corroboration is not applied.
 *
 * Ownership: every pointer in a result (hits, explanation strings, entity
 * pointers) is borrowed. Hits and strings live in the cen_query_ctx until the
 * next call on that ctx; entities live as long as their list.
 */
#ifndef CENTINELA_SCREEN_H
#define CENTINELA_SCREEN_H

#include <stddef.h>
#include <stdint.h>

#include "centinela/core.h"
#include "centinela/entity.h"

/* Default match thresholds: match = score >= threshold. */
#define CEN_SCREEN_THRESHOLD 0.80
#define CEN_SCREEN_OFAC_THRESHOLD 0.85

/* Caps on query input (longer names are refused with CEN_ELIMIT). */
#define CEN_SCREEN_MAX_NAME 1024   /* bytes of one name, before normalisation */
#define CEN_SCREEN_MAX_TOKENS 32   /* tokens of one name after normalisation */
#define CEN_SCREEN_MAX_IDS 16      /* identifier numbers in one query */
#define CEN_SCREEN_MAX_LIMIT 1000  /* hits returned by one search */

typedef enum cen_algorithm {
	CEN_ALGO_DEFAULT = 0, /* Centinela's scorer (above) */
	CEN_ALGO_OFAC = 1,    /* emulation of OFAC Sanctions List Search */
} cen_algorithm;

/* "default" / "ofac" -> algorithm; returns 0 or CEN_EINVAL. */
int cen_algorithm_parse(const char *s, cen_algorithm *out);
const char *cen_algorithm_name(cen_algorithm a);

/* ------------------------------------------------------------ screener */

typedef struct cen_screener cen_screener;

typedef struct cen_screener_opts {
	/* Names of these types are not indexed (bit (1 << cen_name_type));
	 * 0 indexes all names, including weak a.k.a.s. */
	uint32_t skip_name_types;
} cen_screener_opts;

typedef struct cen_screener_stats {
	size_t entities;      /* entities given */
	size_t names;         /* names indexed (primary + aliases) */
	size_t names_skipped; /* empty after normalisation, or over the caps */
	size_t tokens;        /* distinct tokens (vocabulary) */
	size_t postings;      /* token occurrences in names */
	size_t fuzzy_keys;    /* keys of the fuzzy token index */
	size_t bytes;         /* memory held by the screener */
	double bytes_per_name;
} cen_screener_stats;

/* Builds a screener over ents[0..n-1]. The entities (and their strings) are
 * borrowed: they must outlive the screener. opts may be NULL. On failure
 * *out is NULL and, if errmsg_out is not NULL, a static or thread-local
 * description is stored there. Entities whose names are all empty are
 * counted in stats.names_skipped, never an error. */
int cen_screener_new(cen_screener **out, const cen_entity *const *ents, size_t n,
		     const cen_screener_opts *opts, const char **errmsg_out);
void cen_screener_free(cen_screener *s); /* NULL ok */
void cen_screener_get_stats(const cen_screener *s, cen_screener_stats *out);
size_t cen_screener_entity_count(const cen_screener *s);
const cen_entity *cen_screener_entity(const cen_screener *s, size_t i);

/* ------------------------------------------------------------ queries */

typedef struct cen_query_ctx cen_query_ctx;

/* Creates per-thread scratch (holds a text normaliser). */
int cen_query_ctx_new(cen_query_ctx **out);
void cen_query_ctx_free(cen_query_ctx *ctx); /* NULL ok */
/* The message of the last failed call on ctx ("" if none). */
const char *cen_query_ctx_errmsg(const cen_query_ctx *ctx);

typedef struct cen_query {
	const char *name;    /* required, UTF-8, NUL-terminated */
	const char *dob;     /* NULL/"" or "YYYY", "YYYY-MM", "YYYY-MM-DD" */
	const char *country; /* NULL/"" or ISO alpha-2 or a country name */
	cen_entity_kind kind; /* CEN_KIND_UNKNOWN: any; else only that kind
				 (entities of unknown kind always qualify) */
	const char *const *ids; /* identifier numbers as written (passport,
				   cedula, RFC, CURP...); compared ignoring
				   case, spaces and punctuation */
	size_t n_ids;
} cen_query;

/* Search flags. */
#define CEN_SEARCH_EXHAUSTIVE 0x1u /* score every name; bypass the index */
#define CEN_SEARCH_NO_EXPLAIN 0x2u /* leave hit.explanation NULL (faster) */
#define CEN_SEARCH_ALL_NAMES  0x4u /* one hit per matching name, not per entity */

typedef struct cen_search_opts {
	cen_algorithm algorithm;
	double threshold; /* hits have score >= threshold; < 0: the algorithm's default */
	size_t limit;     /* at most this many hits, best first; 0: 10 */
	uint32_t flags;   /* CEN_SEARCH_* */
} cen_search_opts;

/* Fills *o with the defaults (algorithm default, threshold -1, limit 10). */
void cen_search_opts_init(cen_search_opts *o);

/* Corroboration outcome of one field. */
typedef enum cen_corrob {
	CEN_CORROB_NONE = 0,    /* not given in the query, or not on the record */
	CEN_CORROB_AGREE,       /* exact agreement */
	CEN_CORROB_PARTIAL,     /* compatible but less precise (year only, within a range/circa) */
	CEN_CORROB_CONTRADICT,  /* clearly different */
} cen_corrob;

/* Components of a score; the final score is
 *   clamp(name + dob_adj + country_adj, 0, 1), or 1.0 when id_match. */
typedef struct cen_score_parts {
	double name;         /* name similarity 0..1 (after the rarity scaling) */
	double coverage_query; /* weighted share of the query's tokens paired, 0..1 */
	double coverage_list;  /* weighted share of the list name's tokens paired, 0..1 */
	double rarity;       /* rarity factor applied (<= 1; < 1 for common names) */
	double conflict;     /* penalty for unpaired tokens on both sides (>= 0) */
	cen_corrob dob;      double dob_adj;     /* added to the score */
	cen_corrob country;  double country_adj; /* added to the score */
	int id_match;        /* an identifier number matched exactly */
	size_t paired;       /* token pairs formed */
} cen_score_parts;

typedef struct cen_hit {
	const cen_entity *entity; /* borrowed from the list */
	size_t entity_index;      /* index in the array given to cen_screener_new */
	size_t name_index;        /* the matching name: entity->names[name_index] */
	const char *matched_name; /* == entity->names[name_index].text */
	double score;             /* 0..1 */
	int match;                /* score >= threshold used */
	cen_score_parts parts;
	/* One line, e.g. "joaquin~joaquin 1.00 (w 0.62); guzman~guzman 1.00
	 * (w 0.81); list loera unpaired (dropped maternal surname?); coverage
	 * query 1.00 list 0.71; rarity 1.00; name 0.86; dob 1954 agrees +0.05;
	 * country MX agrees +0.03". NULL with CEN_SEARCH_NO_EXPLAIN. Borrowed
	 * from the ctx until its next call. */
	const char *explanation;
} cen_hit;

/* Searches s for q. On success *hits points to *n_hits hits (possibly 0),
 * best score first (ties: entity order), at most one per entity unless
 * CEN_SEARCH_ALL_NAMES. Hits are borrowed from ctx until its next call.
 * opts may be NULL (defaults). Errors: CEN_EINVAL (no name, bad dob),
 * CEN_ELIMIT (name over the caps), CEN_EENCODING (invalid UTF-8),
 * CEN_ENOMEM; the message is in cen_query_ctx_errmsg(ctx). */
int cen_search(const cen_screener *s, cen_query_ctx *ctx, const cen_query *q,
	       const cen_search_opts *opts, const cen_hit **hits, size_t *n_hits);

/* ------------------------------------------------------------ compare */

typedef struct cen_compare_result {
	double score;   /* 0..1 */
	int match;      /* score >= the algorithm's default threshold */
	double threshold;
	cen_score_parts parts;
	const char *explanation; /* borrowed from ctx until its next call */
} cen_compare_result;

/* Scores name1 (the query) against name2 (the list name) with algorithm.
 * kind is a hint (CEN_KIND_UNKNOWN: person rules and org rules both apply).
 * Rarity: with s != NULL token weights come from s's lists; with s NULL a
 * built-in table of very common given names and surnames is used, other
 * tokens count as rare. */
int cen_compare(const cen_screener *s, cen_query_ctx *ctx, const char *name1,
		const char *name2, cen_entity_kind kind, cen_algorithm algorithm,
		cen_compare_result *out);

#endif
