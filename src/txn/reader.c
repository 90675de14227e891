/* reader.c - the transaction reader: format detection, column mapping and
 * the conversion of one row into a cen_txn.
 *
 * Every format is reduced to the same thing: a vector of K__COUNT slices
 * (one per mapping key) for the current row. CSV formats get it by column
 * index (canonical: by header name; AMLworld: by position; mapped: by the
 * user's mapping), JSON lines by member name; when the columns are the
 * canonical ones in order (direct) the CSV reader's fields are that vector,
 * not copied. build_row() then parses and checks the slices, with a one-entry
 * cache for the minute and the date, a memo of the last currency text, and
 * small caches for currencies and channels, because consecutive rows repeat
 * them; the usual channel words are recognised without the cache
 * (cen__channel_word).
 *
 * Fast paths, each answering exactly as the general code would: a field
 * with at least one byte, within its cap and no blank at either end is
 * taken as it is (ASCII names and memos need no UTF-8 look), and in a
 * row the CSV reader calls tidy (cen__csv_rec.tidy) only its length is
 * tested and nothing is trimmed; received
 * currency and amount texts equal to the paid ones are not parsed again; a
 * record the CSV reader split by its bitmap scan has no NUL byte to look
 * for. cen__txn_reader_set_general() turns them all off, for tests that
 * compare the two on every kind of row. CSV records come in runs
 * (cen__csv_next_run): one call to the CSV reader splits the next record
 * and up to CEN__CSV_RUN more, which the calls that follow take in turn;
 * in the canonical column order (a quick reader) the runs come as field
 * ends (cen__csv_next_ends) and a tidy record with the header's field
 * count goes straight to build_quick (take_quick), which reads each field
 * from two ends where it lies, the tests it would pass skipped; any other
 * record of such a run is made slices (cen__csv_ends_fields) for the
 * usual path.
 *
 * What must hold: every data row is either returned or reported (counts.rows
 * == ok + rejected); no allocation per row once buffers have grown; slices
 * in the returned record point into the CSV buffer, the JSON scratch or the
 * per-field repair buffers and stay valid until the next call.
 */
#include "centinela/txn.h"

#include <stdio.h>
#include <string.h>

#include "centinela/io.h"
#include "core/bytes.h"
#include "core/csv.h"
#include "core/utf8.h"
#include "txn/currency.h"
#include "txn/parse.h"
#include "txn/reader.h"
#include "core/banned.h"

/* Caps on field sizes (bytes); a longer value rejects the row. */
#define CAP_ID 256
#define CAP_ACCOUNT 256
#define CAP_NAME 1024
#define CAP_COUNTRY 64
#define CAP_LOCATION 256
#define CAP_MEMO 4096
/* The smallest cap of names, countries, location and memo (build_row). */
_Static_assert(CAP_COUNTRY <= CAP_NAME && CAP_COUNTRY <= CAP_LOCATION && CAP_COUNTRY <= CAP_MEMO,
	       "CAP_COUNTRY is the smallest text cap");

const char *const cen__txn_key_names[K__COUNT] = {
	"id", "time", "src_bank", "src", "dst_bank", "dst", "amount", "currency",
	"amount_recv", "currency_recv", "channel", "orig_name", "bene_name",
	"orig_country", "bene_country", "location", "memo", "label",
};

const char *const cen__txn_canon_names[K__COUNT] = {
	"id", "timestamp", "orig_bank", "orig_account", "bene_bank", "bene_account",
	"amount", "currency", "amount_received", "currency_received", "channel",
	"orig_name", "bene_name", "orig_country", "bene_country", "location", "memo",
	"label",
};

/* AMLworld columns by position (the two "Account" headers differ only by
 * where they stand). */
static const int amlworld_cols[11] = {
	K_TIME, K_SRC_BANK, K_SRC, K_DST_BANK, K_DST, K_AMOUNT_RECV,
	K_CURRENCY_RECV, K_AMOUNT, K_CURRENCY, K_CHANNEL, K_LABEL,
};
static const char *const amlworld_header[11] = {
	"Timestamp", "From Bank", "Account", "To Bank", "Account", "Amount Received",
	"Receiving Currency", "Amount Paid", "Payment Currency", "Payment Format",
	"Is Laundering",
};

/* Currency and channel columns repeat a handful of values: a small
 * direct-mapped cache keyed by the raw text avoids the name tables. */
#define CACHE_SLOTS 64
#define CACHE_KEY 23

struct cur_info {
	char code[8];
	int exponent;
	int cents;             /* 1: minor units are US cents (rate 1.0, exponent 2) */
	const cen__rate *rate; /* NULL: no rate known */
};

struct cur_cache {
	char raw[CACHE_KEY + 1];
	uint8_t len;
	uint8_t valid;
	struct cur_info info;
};

struct ch_name_cache {
	char raw[CACHE_KEY + 1];
	uint8_t len;
	uint8_t valid;
	cen_channel ch;
};

/* A word that with n identifies s[0..n) exactly, n <= 8: two overlapping
 * 4-byte reads, or the first two bytes and the last; reads only
 * [s, s + n). */
static inline uint64_t word_key(const char *s, size_t n)
{
	if (n >= 4)
		return cen__load32(s) | cen__load32(s + n - 4) << 32;
	if (n >= 2) {
		uint16_t h;
		memcpy(&h, s, 2);
		return h | (uint64_t)(unsigned char)s[n - 1] << 16;
	}
	return n ? (unsigned char)s[0] : 0;
}

static inline unsigned cache_slot(cen_slice s)
{
	unsigned h = (unsigned)s.len * 7u;
	if (s.len) {
		h += (unsigned char)s.ptr[0] * 31u + (unsigned char)s.ptr[s.len - 1] * 131u +
		     (unsigned char)s.ptr[s.len / 2];
	}
	return (h ^ (h >> 5)) & (CACHE_SLOTS - 1);
}

struct cen_txn_reader {
	cen_txn_format fmt;
	cen_csv *csv;
	int col[K__COUNT];        /* CSV column of each key, -1 none */
	struct keycol {
		int key, col;
	} pairs[K__COUNT];        /* keys with a column, in key order */
	int nactive;
	/* pairs[i] = (i, i) for every active key: the row's first nactive
	 * fields are the keys in order (the canonical layout), one copy. */
	int identity;
	size_t ncols;             /* fields a CSV row must have (0: at least max col) */
	size_t min_cols;
	char *colname[K__COUNT];  /* name used in messages */
	const char *json_names[K__COUNT];
	cen_slice v[K__COUNT];     /* the row's slices when not the CSV fields */
	/* The current row's slices by key: v, or for the canonical column
	 * order (direct) the CSV fields themselves. */
	const cen_slice *cur;
	int direct;
	/* direct, fast paths on, no comment character: a tidy record of a
	 * run with the header's field count needs none of the per-record
	 * tests of cen_txn_reader_next (next_quick). */
	int quick;
	int read_label;           /* 0: no label column (cur[K_LABEL] not read) */
	int general;              /* only the general code (cen__txn_reader_set_general) */
	int kept;                 /* the last record's text outlives the next call
				     (cen_txn_reader_kept) */
	int stays;                /* the CSV input is a mapped file or a window: a
				     plain record's text outlives the next call */
	int pending_first;        /* first record already read (JSONL auto, no header) */
	/* Records the CSV reader split after the last one it returned
	 * (cen__csv_next_run): more.rec[more_at] was the last taken (one a
	 * call), more_f points at the fields of the next. */
	cen__csv_run more;
	size_t more_at;
	cen_slice *more_f;
	/* A quick reader's runs are field ends (cen__csv_next_ends): those of
	 * the next record, and of the current row (starting at raw.ptr) when
	 * it was taken from them (cur is then NULL; see row_field). */
	const char *const *more_e;
	const char *const *q_e;
	cen__rates rates;
	cen__date_cache dc;
	struct cur_cache cc[CACHE_SLOTS];
	struct ch_name_cache chn[CACHE_SLOTS];
	/* The last currency text looked up (at most 8 bytes; cm_len
	 * SIZE_MAX: none) and its info. */
	uint64_t cm_key;
	size_t cm_len;
	struct cur_info cm_info;
	char comment;
	int no_amount;            /* mapped input without an amount column */
	cen_time_unit unit;
	int64_t step_seconds, step_origin;
	char defcur[8];
	cen_buf header;
	cen_buf jscratch;
	cen_buf fix[3];           /* UTF-8 repairs: orig_name, bene_name, memo */
	cen_txn_counts counts;
	uint64_t row;             /* data rows read so far (counts.rows) */
	uint64_t line;
	cen_slice raw;
	char *name;
	char err[512];
};

int cen__txn_key_lookup(const char *s, size_t len)
{
	for (int k = 0; k < K__COUNT; k++) {
		if (strlen(cen__txn_key_names[k]) == len && !memcmp(cen__txn_key_names[k], s, len))
			return k;
		if (strlen(cen__txn_canon_names[k]) == len && !memcmp(cen__txn_canon_names[k], s, len))
			return k;
	}
	return -1;
}

const char *cen_txn_format_name(cen_txn_format f)
{
	switch (f) {
	case CEN_TXN_AUTO: return "auto";
	case CEN_TXN_CANONICAL: return "canonical";
	case CEN_TXN_AMLWORLD: return "amlworld";
	case CEN_TXN_MAPPED: return "mapped";
	case CEN_TXN_JSONL: return "jsonl";
	}
	return "unknown";
}

int cen_txn_format_parse(const char *s, cen_txn_format *out)
{
	static const cen_txn_format all[] = {CEN_TXN_AUTO, CEN_TXN_CANONICAL, CEN_TXN_AMLWORLD,
					     CEN_TXN_MAPPED, CEN_TXN_JSONL};
	for (size_t i = 0; i < sizeof all / sizeof all[0]; i++) {
		if (!strcmp(s, cen_txn_format_name(all[i]))) {
			*out = all[i];
			return 0;
		}
	}
	if (!strcmp(s, "csv")) {
		*out = CEN_TXN_AUTO;
		return 0;
	}
	return CEN_EINVAL;
}

int cen_time_unit_parse(const char *s, cen_time_unit *out)
{
	if (!strcmp(s, "seconds") || !strcmp(s, "s") || !strcmp(s, "epoch")) {
		*out = CEN_TIME_SECONDS;
		return 0;
	}
	if (!strcmp(s, "step") || !strcmp(s, "steps")) {
		*out = CEN_TIME_STEP;
		return 0;
	}
	return CEN_EINVAL;
}

const char *cen_txn_id_str(const cen_txn *t, char buf[24], size_t *len)
{
	if (t->id.len) {
		*len = t->id.len;
		return t->id.ptr;
	}
	int n = snprintf(buf, 24, "%llu", (unsigned long long)t->row);
	*len = n > 0 ? (size_t)n : 0;
	return buf;
}

/* Field k of a record of cen__csv_next_ends starting at rs, with field
 * ends e: from e[k - 1] (rs for field 0) to the byte before e[k]. */
static inline cen_slice ends_field(const char *rs, const char *const *e, int k)
{
	const char *a = k ? e[k - 1] : rs;
	cen_slice s = {a, (size_t)(e[k] - 1 - a)};
	return s;
}

/* Where build_row finds the current row's fields: slices by key (v), or
 * with ends (a constant where build_row is inlined) a record of
 * cen__csv_next_ends in the canonical column order, its fields where
 * they lie (ends_field of rs and e). */
struct row_src {
	const cen_slice *v;
	const char *rs;
	const char *const *e;
	int ends;
};

static inline cen_slice row_at(const struct row_src *w, int k)
{
	return w->ends ? ends_field(w->rs, w->e, k) : w->v[k];
}

/* Field k of the current row, for the paths off the hot one (errors,
 * trimming): r->cur[k], or with cur NULL from the row's field ends. */
static cen_slice row_field(const cen_txn_reader *r, int k)
{
	return r->cur ? r->cur[k] : ends_field(r->raw.ptr, r->q_e, k);
}

/* Appends v to msg, quoted, at most 60 bytes, control bytes as '?'. */
static void quote_value(char *msg, size_t cap, cen_slice v)
{
	size_t n = strlen(msg);
	if (n + 4 >= cap)
		return;
	msg[n++] = '\'';
	size_t lim = v.len > 60 ? 60 : v.len;
	for (size_t i = 0; i < lim && n + 5 < cap; i++) {
		unsigned char c = (unsigned char)v.ptr[i];
		msg[n++] = (c < 0x20 || c == 0x7f) ? '?' : (char)c;
	}
	if (v.len > lim && n + 8 < cap) {
		memcpy(msg + n, "...", 3);
		n += 3;
	}
	msg[n++] = '\'';
	msg[n] = '\0';
}

static int field_error(cen_txn_reader *r, int k, const char *what, int show_value)
{
	snprintf(r->err, sizeof r->err, "%s:%llu: field '%s': %s%s", r->name,
		 (unsigned long long)r->line, r->colname[k], what, show_value ? ": " : "");
	if (show_value)
		quote_value(r->err, sizeof r->err, row_field(r, k));
	return CEN_EPARSE;
}

static int nul_error(cen_txn_reader *r)
{
	snprintf(r->err, sizeof r->err, "%s:%llu: row contains a NUL byte", r->name,
		 (unsigned long long)r->line);
	return CEN_EPARSE;
}

static int count_error(cen_txn_reader *r, size_t nf)
{
	if (r->ncols)
		snprintf(r->err, sizeof r->err, "%s:%llu: expected %zu fields as in the header, found %zu",
			 r->name, (unsigned long long)r->line, r->ncols, nf);
	else
		snprintf(r->err, sizeof r->err, "%s:%llu: expected at least %zu fields, found %zu",
			 r->name, (unsigned long long)r->line, r->min_cols, nf);
	return CEN_EPARSE;
}

static inline cen_slice trimmed(cen_slice s)
{
	cen__trim(&s.ptr, &s.len);
	return s;
}

/* trimmed(s), where tidy (a constant where this is inlined) says the
 * record's fields have nothing to trim (cen__csv_rec.tidy). */
static inline cen_slice trimmed_unless(cen_slice s, int tidy)
{
	return tidy ? s : trimmed(s);
}

/* Resolves a currency through the cache into *out (a copy: a later lookup
 * may reuse the slot). Returns 0, or -1 unknown. */
static int currency_lookup(cen_txn_reader *r, cen_slice s, struct cur_info *out)
{
	struct cur_cache *c = &r->cc[cache_slot(s)];
	if (c->valid && c->len == s.len && cen__bytes_eq(c->raw, s.ptr, s.len)) {
		*out = c->info;
		return 0;
	}
	if (s.len == 0)
		memcpy(out->code, r->defcur, sizeof out->code);
	else if (cen_currency_code(s.ptr, s.len, out->code))
		return -1;
	out->exponent = cen_currency_exponent(out->code);
	out->rate = cen__rates_find(&r->rates, out->code);
	out->cents = out->rate && out->rate->exponent == 2 && out->rate->usd_per_unit == 1.0;
	if (s.len <= CACHE_KEY) {
		memcpy(c->raw, s.ptr, s.len);
		c->len = (uint8_t)s.len;
		c->valid = 1;
		c->info = *out;
	}
	return 0;
}

/* The paid currency of most rows is that of the row before: one entry,
 * keyed by the text's word_key k (exact for up to 8 bytes; longer texts go
 * to the cache), in front of the cache. Returns its info in place (the
 * entry's, valid until the entry changes: only this function changes it)
 * or in *tmp, NULL for an unknown currency. */
static inline __attribute__((always_inline)) const struct cur_info *
currency(cen_txn_reader *r, cen_slice s, uint64_t k, struct cur_info *tmp)
{
	if (s.len == r->cm_len && k == r->cm_key)
		return &r->cm_info;
	if (currency_lookup(r, s, tmp))
		return NULL;
	if (s.len <= 8) {
		r->cm_key = k;
		r->cm_len = s.len;
		r->cm_info = *tmp;
	}
	return tmp;
}

/* Any other text, through the cache keyed by the raw text. */
static __attribute__((noinline)) cen_channel channel_cached(cen_txn_reader *r, cen_slice s)
{
	struct ch_name_cache *c = &r->chn[cache_slot(s)];
	if (c->valid && c->len == s.len && cen__bytes_eq(c->raw, s.ptr, s.len))
		return c->ch;
	cen_channel ch = cen_channel_parse(s.ptr, s.len);
	if (s.len <= CACHE_KEY) {
		memcpy(c->raw, s.ptr, s.len);
		c->len = (uint8_t)s.len;
		c->ch = ch;
		c->valid = 1;
	}
	return ch;
}

/* The usual spellings without a lookup, others through the cache. */
static inline cen_channel channel(cen_txn_reader *r, cen_slice s)
{
	int ch = cen__channel_word(s.ptr, s.len);
	return ch >= 0 ? (cen_channel)ch : channel_cached(r, s);
}

/* Text fields: trimmed, capped and, for names and the memo, UTF-8
 * repaired (invalid bytes -> U+FFFD) into fix buffer `fb` when needed. */
static __attribute__((noinline, cold)) int text_too_long(cen_txn_reader *r, int k, size_t cap)
{
	char what[80];
	snprintf(what, sizeof what, "longer than %zu bytes", cap);
	return field_error(r, k, what, 0);
}

/* s (trimmed, within its cap) holds a byte >= 0x80: kept as it is when it
 * is valid UTF-8, else copied with U+FFFD for each invalid byte. */
static __attribute__((noinline)) int text_repair(cen_txn_reader *r, int fb, cen_slice s,
						  cen_slice *out)
{
	size_t bad = cen__utf8_validate(s.ptr, s.len);
	if (bad == s.len)
		return 0;
	cen_buf *b = &r->fix[fb];
	cen_buf_reset(b);
	r->kept = 0; /* this field's text is in the repair buffer */
	const unsigned char *p = (const unsigned char *)s.ptr;
	size_t i = 0;
	while (i < s.len) {
		uint32_t cp;
		size_t n = cen__utf8_decode(p + i, s.len - i, &cp);
		int rc = n ? cen_buf_append(b, p + i, n) : cen_buf_append(b, "\xEF\xBF\xBD", 3);
		if (rc)
			return rc;
		i += n ? n : 1;
	}
	out->ptr = b->data;
	out->len = b->len;
	r->counts.warnings++;
	return 0;
}

/* s holds at most cap bytes, at least one, and needs no trimming: the
 * usual field, accepted in one test of its length and one of each end
 * (of its length only when tidy: no field of the record needs trimming). */
static inline int plain_within(cen_slice s, size_t cap, int tidy)
{
	return s.len - 1 < cap && (tidy || ((unsigned char)s.ptr[0] > ' ' &&
					    (unsigned char)s.ptr[s.len - 1] > ' '));
}

/* Id, countries, location: trimmed and capped, bytes kept as they are. */
static __attribute__((noinline)) int kept_slow(cen_txn_reader *r, int k, size_t cap,
						cen_slice *out)
{
	cen_slice s = trimmed(row_field(r, k));
	if (s.len > cap)
		return text_too_long(r, k, cap);
	*out = s;
	return 0;
}

static inline __attribute__((always_inline)) int kept_field(cen_txn_reader *r,
							    const struct row_src *w, int k,
							    size_t cap, cen_slice *out, int gen,
							    int tidy)
{
	cen_slice s = row_at(w, k);
	if (!gen && (s.len == 0 || plain_within(s, cap, tidy))) {
		*out = s;
		return 0;
	}
	return kept_slow(r, k, cap, out);
}

/* Names and memo: as kept_field, then valid UTF-8 (ASCII needs no look
 * beyond one test a word). */
static __attribute__((noinline)) int utf8_slow(cen_txn_reader *r, int k, size_t cap, int fb,
						cen_slice *out)
{
	cen_slice s = trimmed(row_field(r, k));
	*out = s;
	if (s.len == 0)
		return 0;
	if (s.len > cap)
		return text_too_long(r, k, cap);
	if (cen__utf8_is_ascii(s.ptr, s.len))
		return 0;
	return text_repair(r, fb, s, out);
}

static inline __attribute__((always_inline)) int utf8_field(cen_txn_reader *r,
							    const struct row_src *w, int k,
							    size_t cap, int fb, cen_slice *out,
							    int gen, int tidy)
{
	cen_slice s = row_at(w, k);
	if (!gen && (s.len == 0 || (plain_within(s, cap, tidy) &&
				    (tidy || cen__utf8_is_ascii(s.ptr, s.len))))) {
		*out = s;
		return 0;
	}
	return utf8_slow(r, k, cap, fb, out);
}

static __attribute__((noinline, cold)) int account_error(cen_txn_reader *r, int k, size_t len)
{
	if (len == 0)
		return field_error(r, k, "empty", 0);
	char what[80];
	snprintf(what, sizeof what, "longer than %d bytes", CAP_ACCOUNT);
	return field_error(r, k, what, 0);
}

static __attribute__((noinline)) int account_slow(cen_txn_reader *r, int k, int required,
						   cen_slice *out)
{
	cen_slice s = trimmed(row_field(r, k));
	if ((s.len == 0 && required) || s.len > CAP_ACCOUNT)
		return account_error(r, k, s.len);
	*out = s;
	return 0;
}

static inline __attribute__((always_inline)) int account_field(cen_txn_reader *r,
							       const struct row_src *w, int k,
							       int required, cen_slice *out, int gen,
							       int tidy)
{
	cen_slice s = row_at(w, k);
	if (!gen && (plain_within(s, CAP_ACCOUNT, tidy) || (s.len == 0 && !required))) {
		*out = s;
		return 0;
	}
	return account_slow(r, k, required, out);
}

static __attribute__((noinline, cold)) int amount_error(cen_txn_reader *r, int k, int why)
{
	return field_error(r, k, cen__txp_reason(why, 0), why != TXP_EMPTY);
}

static inline __attribute__((always_inline)) int amount_field(cen_txn_reader *r,
							      const struct row_src *w, int k,
							      int exp, int64_t *out, int gen)
{
	cen_slice s = row_at(w, k);
	int why = gen ? cen__parse_amount_general(s.ptr, s.len, exp, out)
		      : cen__parse_amount(s.ptr, s.len, exp, out);
	return why == TXP_OK ? 0 : amount_error(r, k, why);
}

/* In a tidy row in the canonical column order (so plain: its fields lie
 * one after the other in the input), the text of fields a..b, from a's
 * first byte to b's last: none of them is longer. */
static inline size_t span_len(const struct row_src *w, int a, int b)
{
	if (w->ends)
		return (size_t)(w->e[b] - 1 - (a ? w->e[a - 1] : w->rs));
	return (size_t)(w->v[b].ptr + w->v[b].len - w->v[a].ptr);
}

/* The received currency and amount of the row -> t, given the paid
 * currency (cur, from the text cs with word_key ck); inorder, gen and tidy
 * as in build_row. */
static inline __attribute__((always_inline)) int received(cen_txn_reader *r, cen_txn *t,
							  const struct row_src *w,
							  const struct cur_info *cur, cen_slice cs,
							  uint64_t ck, int inorder, int gen, int tidy)
{
	/* Amount received: defaults to the amount paid. Most rows repeat the
	 * paid currency and amount: compare the text before parsing it again
	 * (the received text as it stands equal to the trimmed paid one is
	 * also equal once trimmed). In order, "amount,currency" is compared
	 * with "amount_received,currency_received" as one text: neither field
	 * holds a separator, so equal texts are equal fields. */
	struct cur_info curr;
	int rc;
	if (inorder) {
		size_t n = span_len(w, K_AMOUNT, K_CURRENCY);
		if (n == span_len(w, K_AMOUNT_RECV, K_CURRENCY_RECV) &&
		    cen__bytes_eq(row_at(w, K_AMOUNT).ptr, row_at(w, K_AMOUNT_RECV).ptr, n)) {
			memcpy(t->currency_recv, cur->code, sizeof t->currency_recv);
			t->amount_recv = t->amount;
			return 0;
		}
	}
	cen_slice crs = row_at(w, K_CURRENCY_RECV);
	uint64_t crk = word_key(crs.ptr, crs.len <= 8 ? crs.len : 0);
	if (!gen && crs.len == cs.len &&
	    (cs.len <= 8 ? crk == ck : cen__bytes_eq(crs.ptr, cs.ptr, cs.len))) {
		curr = *cur;
	} else {
		crs = trimmed_unless(crs, tidy);
		crk = word_key(crs.ptr, crs.len <= 8 ? crs.len : 0);
		if (crs.len == 0 || (crs.len == cs.len && cen__bytes_eq(crs.ptr, cs.ptr, cs.len)))
			curr = *cur;
		else if (currency_lookup(r, crs, &curr)) /* not currency(): cur may be its entry */
			return field_error(r, K_CURRENCY_RECV, "unknown currency", 1);
	}
	memcpy(t->currency_recv, curr.code, sizeof t->currency_recv);
	cen_slice as = row_at(w, K_AMOUNT);
	cen_slice ars = row_at(w, K_AMOUNT_RECV);
	if (!gen && curr.exponent == cur->exponent && ars.len == as.len && ars.len &&
	    cen__bytes_eq(ars.ptr, as.ptr, as.len)) {
		t->amount_recv = t->amount;
	} else if ((ars = trimmed_unless(ars, tidy)).len == 0) {
		if (crs.len && strcmp(curr.code, cur->code))
			return field_error(r, K_AMOUNT_RECV, "empty while its currency differs", 0);
		t->amount_recv = t->amount;
	} else if (curr.exponent == cur->exponent && ars.len == as.len &&
		   cen__bytes_eq(ars.ptr, as.ptr, as.len)) {
		t->amount_recv = t->amount;
	} else if ((rc = amount_field(r, w, K_AMOUNT_RECV, curr.exponent, &t->amount_recv, gen))) {
		return rc;
	}
	return 0;
}

/* The current row's fields -> *t: the slices r->cur, or with ends (a
 * constant, only with tidy, for a quick reader) its field ends r->q_e of
 * the record at r->raw.ptr. gen (a constant where this is inlined): no
 * fast path, memo or shortcut, only the general code, which gives the
 * same answer for every row (tests compare the two). tidy (a constant
 * too, never with gen): the CSV reader found every field of the row
 * ASCII with nothing to trim (cen__csv_rec.tidy), so those tests are
 * skipped; in the canonical column order (direct) a run of fields whose
 * text is within the smallest of their caps is taken whole, and
 * received texts equal to the paid ones are compared as one. */
static inline __attribute__((always_inline)) int build_row(cen_txn_reader *r, cen_txn *t, int gen,
							   int tidy, int ends)
{
	const struct row_src src = {ends ? NULL : r->cur, ends ? r->raw.ptr : NULL,
				    ends ? r->q_e : NULL, ends};
	const struct row_src *w = &src;
	int rc;
	/* Every member is assigned below (no memset: this is the hot path). */
	t->row = r->row;
	t->label = -1;
	if ((rc = kept_field(r, w, K_ID, CAP_ID, &t->id, gen, tidy)))
		return rc;

	/* Time. */
	int is_num;
	cen_slice tm = row_at(w, K_TIME);
	int why = gen ? cen__parse_time_general(tm.ptr, tm.len, NULL, &t->ts, &is_num)
		      : cen__parse_time(tm.ptr, tm.len, &r->dc, &t->ts, &is_num);
	if (why)
		return field_error(r, K_TIME, cen__txp_reason(why, 1), why != TXP_EMPTY);
	if (is_num && r->unit == CEN_TIME_STEP) {
		if (t->ts > 1000000000000LL || t->ts < -1000000000000LL)
			return field_error(r, K_TIME, "step out of range", 1);
		t->ts = r->step_origin + t->ts * r->step_seconds;
	}

	/* Fields lie in order in the input: tidy (so plain) and direct. */
	const int inorder = ends || (tidy && r->direct); /* ends: a quick reader's */
	/* Runs of fields are all read before any is written: with ends, a
	 * store into *t could be taken for one into the ends, read anew. */
	const cen_slice ob = row_at(w, K_SRC_BANK), oa = row_at(w, K_SRC);
	const cen_slice bb = row_at(w, K_DST_BANK), ba = row_at(w, K_DST);
	if (inorder && span_len(w, K_SRC_BANK, K_DST) <= CAP_ACCOUNT && oa.len && ba.len) {
		t->orig_bank = ob;
		t->orig_acct = oa;
		t->bene_bank = bb;
		t->bene_acct = ba;
	} else if ((rc = account_field(r, w, K_SRC_BANK, 0, &t->orig_bank, gen, tidy)) ||
		   (rc = account_field(r, w, K_SRC, 1, &t->orig_acct, gen, tidy)) ||
		   (rc = account_field(r, w, K_DST_BANK, 0, &t->bene_bank, gen, tidy)) ||
		   (rc = account_field(r, w, K_DST, 1, &t->bene_acct, gen, tidy))) {
		return rc;
	}

	/* Amount paid, in its currency. */
	struct cur_info tmp;
	cen_slice cs = trimmed_unless(row_at(w, K_CURRENCY), tidy);
	uint64_t ck = word_key(cs.ptr, cs.len <= 8 ? cs.len : 0);
	const struct cur_info *cur = gen ? (currency_lookup(r, cs, &tmp) ? NULL : &tmp)
					 : currency(r, cs, ck, &tmp);
	if (!cur)
		return field_error(r, K_CURRENCY, "unknown currency", 1);
	if (r->no_amount)
		t->amount = 0;
	else if ((rc = amount_field(r, w, K_AMOUNT, cur->exponent, &t->amount, gen)))
		return rc;
	memcpy(t->currency, cur->code, sizeof t->currency);
	if (!cur->rate)
		return field_error(r, K_CURRENCY, "no US dollar rate for this currency (add one with a rates option)", 1);
	if (cur->cents) {
		t->base_amount = t->amount;
	} else {
		double b = (double)t->amount * cur->rate->cents_per_minor + 0.5;
		if (!(b < 9e18))
			return field_error(r, K_AMOUNT, "out of range in US dollars", 1);
		t->base_amount = (int64_t)b;
	}

	if ((rc = received(r, t, w, cur, cs, ck, inorder, gen, tidy)))
		return rc;

	cen_slice chs = trimmed_unless(row_at(w, K_CHANNEL), tidy);
	t->channel = CEN_CH_UNKNOWN;
	if (chs.len) {
		t->channel = gen ? cen_channel_parse(chs.ptr, chs.len) : channel(r, chs);
		if (t->channel == CEN_CH_UNKNOWN && !(chs.len == 7 && !memcmp(chs.ptr, "unknown", 7)))
			r->counts.warnings++;
	}

	if (inorder && span_len(w, K_ORIG_NAME, K_MEMO) <= CAP_COUNTRY) {
		/* Tidy names and memo are ASCII: kept as they are. */
		const cen_slice on = row_at(w, K_ORIG_NAME), bn = row_at(w, K_BENE_NAME);
		const cen_slice oc = row_at(w, K_ORIG_COUNTRY), bc = row_at(w, K_BENE_COUNTRY);
		const cen_slice lo = row_at(w, K_LOCATION), me = row_at(w, K_MEMO);
		t->orig_name = on;
		t->bene_name = bn;
		t->orig_country = oc;
		t->bene_country = bc;
		t->location = lo;
		t->memo = me;
	} else if (!(row_at(w, K_ORIG_NAME).len | row_at(w, K_BENE_NAME).len | row_at(w, K_ORIG_COUNTRY).len |
		     row_at(w, K_BENE_COUNTRY).len | row_at(w, K_LOCATION).len | row_at(w, K_MEMO).len)) {
		/* AMLworld and most mapped inputs: none of these. */
		t->orig_name = t->bene_name = t->orig_country = t->bene_country = row_at(w, K_MEMO);
		t->location = t->memo = row_at(w, K_MEMO);
	} else if ((rc = utf8_field(r, w, K_ORIG_NAME, CAP_NAME, 0, &t->orig_name, gen, tidy)) ||
		   (rc = utf8_field(r, w, K_BENE_NAME, CAP_NAME, 1, &t->bene_name, gen, tidy)) ||
		   (rc = kept_field(r, w, K_ORIG_COUNTRY, CAP_COUNTRY, &t->orig_country, gen, tidy)) ||
		   (rc = kept_field(r, w, K_BENE_COUNTRY, CAP_COUNTRY, &t->bene_country, gen, tidy)) ||
		   (rc = kept_field(r, w, K_LOCATION, CAP_LOCATION, &t->location, gen, tidy)) ||
		   (rc = utf8_field(r, w, K_MEMO, CAP_MEMO, 2, &t->memo, gen, tidy))) {
		return rc;
	}

	if (!r->read_label)
		return 0;
	cen_slice ls = trimmed_unless(row_at(w, K_LABEL), tidy);
	if (ls.len == 1 && (ls.ptr[0] == '0' || ls.ptr[0] == '1'))
		t->label = (int8_t)(ls.ptr[0] - '0');
	else if (ls.len == 4 && !memcmp(ls.ptr, "true", 4))
		t->label = 1;
	else if (ls.len == 5 && !memcmp(ls.ptr, "false", 5))
		t->label = 0;
	else if (ls.len)
		r->counts.warnings++; /* never used for detection: keep the row */
	return 0;
}

static int build_fast(cen_txn_reader *r, cen_txn *t)
{
	return build_row(r, t, 0, 0, 0);
}

static int build_tidy(cen_txn_reader *r, cen_txn *t)
{
	return build_row(r, t, 0, 1, 0);
}

/* A tidy row of a quick reader, taken from its field ends (take_quick). */
static inline __attribute__((always_inline)) int build_quick(cen_txn_reader *r, cen_txn *t)
{
	return build_row(r, t, 0, 1, 1);
}

static __attribute__((noinline)) int build_general(cen_txn_reader *r, cen_txn *t)
{
	return build_row(r, t, 1, 0, 0);
}

/* ---- header and mapping ---------------------------------------------- */

static int set_colname(cen_txn_reader *r, int k, const char *s, size_t len)
{
	cen_free(r->colname[k]);
	r->colname[k] = cen_strndup(s, len);
	return r->colname[k] ? 0 : CEN_ENOMEM;
}

static int slice_eq(cen_slice s, const char *lit)
{
	s = trimmed(s);
	return s.len == strlen(lit) && !memcmp(s.ptr, lit, s.len);
}

static int is_amlworld(cen_slice *f, size_t nf)
{
	if (nf != 10 && nf != 11)
		return 0;
	for (size_t i = 0; i < nf; i++)
		if (!slice_eq(f[i], amlworld_header[i]))
			return 0;
	return 1;
}

static int is_canonical(cen_slice *f, size_t nf)
{
	int need = 0;
	for (size_t i = 0; i < nf; i++) {
		if (slice_eq(f[i], "timestamp") || slice_eq(f[i], "orig_account") ||
		    slice_eq(f[i], "bene_account") || slice_eq(f[i], "amount"))
			need++;
	}
	return need >= 4;
}

struct mapping {
	char *col[K__COUNT]; /* column name or "#N", NULL unmapped */
};

static void mapping_release(struct mapping *m)
{
	for (int k = 0; k < K__COUNT; k++)
		cen_free(m->col[k]);
}

static int parse_mapping(cen_txn_reader *r, const char *spec, struct mapping *m)
{
	const char *p = spec;
	while (*p) {
		const char *q = strchr(p, ',');
		size_t n = q ? (size_t)(q - p) : strlen(p);
		cen_slice item = trimmed((cen_slice){p, n});
		if (item.len) {
			const char *eq = memchr(item.ptr, '=', item.len);
			if (!eq) {
				snprintf(r->err, sizeof r->err,
					 "column mapping: '%.*s' is not key=column", (int)item.len, item.ptr);
				return CEN_EINVAL;
			}
			cen_slice key = trimmed((cen_slice){item.ptr, (size_t)(eq - item.ptr)});
			cen_slice val = trimmed((cen_slice){eq + 1, item.len - (size_t)(eq - item.ptr) - 1});
			int k = cen__txn_key_lookup(key.ptr, key.len);
			if (k < 0) {
				snprintf(r->err, sizeof r->err,
					 "column mapping: unknown key '%.*s' (keys: id, time, src_bank, src, dst_bank, dst, amount, currency, amount_recv, currency_recv, channel, orig_name, bene_name, orig_country, bene_country, location, memo, label)",
					 (int)key.len, key.ptr);
				return CEN_EINVAL;
			}
			if (m->col[k]) {
				snprintf(r->err, sizeof r->err, "column mapping: key '%s' given twice",
					 cen__txn_key_names[k]);
				return CEN_EINVAL;
			}
			if (!val.len) {
				snprintf(r->err, sizeof r->err, "column mapping: key '%s' has no column",
					 cen__txn_key_names[k]);
				return CEN_EINVAL;
			}
			if (!(m->col[k] = cen_strndup(val.ptr, val.len)))
				return CEN_ENOMEM;
		}
		if (!q)
			break;
		p = q + 1;
	}
	return 0;
}

static int check_required(cen_txn_reader *r, const char *what)
{
	static const int req[] = {K_TIME, K_SRC, K_DST, K_AMOUNT};
	for (size_t i = 0; i < sizeof req / sizeof req[0]; i++) {
		if (req[i] == K_AMOUNT && r->fmt == CEN_TXN_MAPPED && r->col[K_AMOUNT] < 0) {
			r->no_amount = 1;
			continue;
		}
		if (r->col[req[i]] < 0) {
			snprintf(r->err, sizeof r->err, "%s: %s: no column for '%s' (required: %s)",
				 r->name, what,
				 r->fmt == CEN_TXN_CANONICAL ? cen__txn_canon_names[req[i]]
							     : cen__txn_key_names[req[i]],
				 r->fmt == CEN_TXN_CANONICAL
					 ? "timestamp, orig_account, bene_account, amount"
					 : "time, src, dst");
			return CEN_EPARSE;
		}
	}
	return 0;
}

static void set_quick(cen_txn_reader *r)
{
	r->quick = r->direct && !r->general && !r->comment;
}

static void finish_columns(cen_txn_reader *r)
{
	r->nactive = 0;
	size_t maxc = 0;
	for (int k = 0; k < K__COUNT; k++) {
		if (r->col[k] >= 0) {
			r->pairs[r->nactive].key = k;
			r->pairs[r->nactive++].col = r->col[k];
			if ((size_t)r->col[k] + 1 > maxc)
				maxc = (size_t)r->col[k] + 1;
		}
	}
	r->min_cols = maxc;
	r->identity = 1;
	for (int i = 0; i < r->nactive; i++)
		if (r->pairs[i].key != i || r->pairs[i].col != i)
			r->identity = 0;
	/* Columns 0..16 hold the keys in order (optionally label at 17): build
	 * reads the CSV fields where they are, the label only if it has one. */
	r->direct = r->identity && r->nactive >= K_LABEL;
	r->read_label = !r->direct || r->nactive > K_LABEL;
	set_quick(r);
	r->cur = r->v;
}

/* Resolves a mapping against a header (f may be NULL: no header). */
static int apply_mapping(cen_txn_reader *r, struct mapping *m, cen_slice *f, size_t nf)
{
	for (int k = 0; k < K__COUNT; k++) {
		if (!m->col[k])
			continue;
		const char *c = m->col[k];
		int idx = -1;
		if (c[0] == '#' && c[1]) {
			long v = 0;
			const char *p = c + 1;
			while (*p >= '0' && *p <= '9' && v < 100000)
				v = v * 10 + (*p++ - '0');
			if (*p || v < 1) {
				snprintf(r->err, sizeof r->err, "column mapping: '%s' is not a column number", c);
				return CEN_EINVAL;
			}
			idx = (int)(v - 1);
			if (f && (size_t)idx >= nf) {
				snprintf(r->err, sizeof r->err,
					 "%s: column mapping: %s=%s but the header has %zu columns",
					 r->name, cen__txn_key_names[k], c, nf);
				return CEN_EPARSE;
			}
		} else if (f) {
			for (size_t i = 0; i < nf; i++) {
				if (slice_eq(f[i], c)) {
					idx = (int)i;
					break;
				}
			}
			if (idx < 0) {
				snprintf(r->err, sizeof r->err,
					 "%s: column mapping: no column '%s' in the header (for %s)",
					 r->name, c, cen__txn_key_names[k]);
				return CEN_EPARSE;
			}
		} else {
			snprintf(r->err, sizeof r->err,
				 "column mapping: without a header columns are given as #N, not '%s'", c);
			return CEN_EINVAL;
		}
		r->col[k] = idx;
		int rc = f ? set_colname(r, k, f[idx].ptr, f[idx].len) : set_colname(r, k, c, strlen(c));
		if (rc)
			return rc;
	}
	return 0;
}

static int setup_canonical(cen_txn_reader *r, cen_slice *f, size_t nf)
{
	for (size_t i = 0; i < nf; i++) {
		cen_slice s = trimmed(f[i]);
		for (int k = 0; k < K__COUNT; k++) {
			if (s.len == strlen(cen__txn_canon_names[k]) &&
			    !memcmp(s.ptr, cen__txn_canon_names[k], s.len)) {
				if (r->col[k] >= 0) {
					snprintf(r->err, sizeof r->err, "%s: header: column '%s' given twice",
						 r->name, cen__txn_canon_names[k]);
					return CEN_EPARSE;
				}
				r->col[k] = (int)i;
			}
		}
	}
	return check_required(r, "header");
}

static int setup_amlworld(cen_txn_reader *r, size_t nf)
{
	for (size_t i = 0; i < nf; i++) {
		r->col[amlworld_cols[i]] = (int)i;
		int rc = set_colname(r, amlworld_cols[i], amlworld_header[i], strlen(amlworld_header[i]));
		if (rc)
			return rc;
	}
	/* Tell the two "Account" columns apart in messages. */
	int rc = set_colname(r, K_SRC, "Account (from)", 14);
	if (!rc)
		rc = set_colname(r, K_DST, "Account (to)", 12);
	return rc;
}

static void header_unknown(cen_txn_reader *r)
{
	snprintf(r->err, sizeof r->err,
		 "%s: header is neither canonical (timestamp, orig_account, bene_account, amount, ...) nor AMLworld; give a column mapping (--columns src=...,dst=...,amount=...,time=...): ",
		 r->name);
	cen_slice h = {r->header.data ? r->header.data : "", r->header.len};
	quote_value(r->err, sizeof r->err, h);
}

static int starts_json(cen_slice raw)
{
	raw = trimmed(raw);
	return raw.len && raw.ptr[0] == '{';
}

static int detect(cen_txn_reader *r, const cen_txn_reader_opts *o, struct mapping *m)
{
	cen_slice *f;
	size_t nf;
	int rc;
	int have_map = o->columns && *o->columns;
	if (o->no_header) {
		if (r->fmt == CEN_TXN_AUTO)
			r->fmt = CEN_TXN_MAPPED;
		if (r->fmt != CEN_TXN_MAPPED || !have_map) {
			snprintf(r->err, sizeof r->err,
				 "input without a header needs a column mapping with #N columns");
			return CEN_EINVAL;
		}
		int mrc = apply_mapping(r, m, NULL, 0);
		return mrc ? mrc : check_required(r, "column mapping");
	}
	/* Read the first non-blank record: header, or first JSON line. */
	for (;;) {
		rc = cen_csv_next(r->csv, &f, &nf);
		if (rc == 0) {
			/* Empty input: nothing to read, whatever the format. */
			if (r->fmt == CEN_TXN_AUTO)
				r->fmt = have_map ? CEN_TXN_MAPPED : CEN_TXN_CANONICAL;
			return 0;
		}
		if (rc < 0 && rc != CEN_EPARSE && rc != CEN_ELIMIT) {
			snprintf(r->err, sizeof r->err, "%s", cen_csv_errmsg(r->csv));
			return rc;
		}
		cen_slice raw = cen_csv_raw(r->csv);
		if (rc < 0 && !(r->fmt == CEN_TXN_JSONL || (r->fmt == CEN_TXN_AUTO && starts_json(raw)))) {
			snprintf(r->err, sizeof r->err, "header: %s", cen_csv_errmsg(r->csv));
			return CEN_EPARSE;
		}
		if (rc > 0 && ((nf == 1 && f[0].len == 0) ||
			       (r->comment && raw.len && raw.ptr[0] == r->comment))) {
			r->counts.blank++;
			continue;
		}
		if (r->fmt == CEN_TXN_JSONL || (r->fmt == CEN_TXN_AUTO && starts_json(raw))) {
			r->fmt = CEN_TXN_JSONL;
			r->pending_first = rc > 0 ? 1 : rc;
			r->line = cen_csv_line(r->csv);
			r->raw = raw;
			if (rc < 0)
				snprintf(r->err, sizeof r->err, "%s", cen_csv_errmsg(r->csv));
			for (int k = 0; k < K__COUNT; k++) {
				/* messages name the JSON key */
				const char *jn = m->col[k] ? m->col[k] : cen__txn_canon_names[k];
				if ((rc = set_colname(r, k, jn, strlen(jn))))
					return rc;
				r->json_names[k] = r->colname[k];
			}
			return 0;
		}
		if ((rc = cen_buf_append(&r->header, raw.ptr, raw.len)))
			return rc;
		break;
	}
	if (r->fmt == CEN_TXN_AUTO) {
		if (have_map)
			r->fmt = CEN_TXN_MAPPED;
		else if (is_amlworld(f, nf))
			r->fmt = CEN_TXN_AMLWORLD;
		else if (is_canonical(f, nf))
			r->fmt = CEN_TXN_CANONICAL;
		else {
			header_unknown(r);
			return CEN_EPARSE;
		}
	}
	r->ncols = nf;
	switch (r->fmt) {
	case CEN_TXN_CANONICAL:
		rc = setup_canonical(r, f, nf);
		break;
	case CEN_TXN_AMLWORLD:
		if (!is_amlworld(f, nf)) {
			snprintf(r->err, sizeof r->err,
				 "%s: not an AMLworld header (Timestamp,From Bank,Account,To Bank,Account,Amount Received,Receiving Currency,Amount Paid,Payment Currency,Payment Format[,Is Laundering])",
				 r->name);
			return CEN_EPARSE;
		}
		rc = setup_amlworld(r, nf);
		break;
	case CEN_TXN_MAPPED:
		if (!have_map) {
			snprintf(r->err, sizeof r->err, "%s: the mapped format needs a column mapping", r->name);
			return CEN_EINVAL;
		}
		rc = apply_mapping(r, m, f, nf);
		if (!rc)
			rc = check_required(r, "column mapping");
		break;
	default:
		rc = CEN_EINVAL;
	}
	if (rc)
		return rc;
	/* Header names for messages where the format did not set them. */
	for (int k = 0; k < K__COUNT; k++) {
		if (r->col[k] >= 0 && !r->colname[k] &&
		    (rc = set_colname(r, k, f[r->col[k]].ptr, f[r->col[k]].len)))
			return rc;
	}
	return 0;
}

static int reader_init(cen_txn_reader *r, const char *name, const cen_txn_reader_opts *o)
{
	r->fmt = o->format;
	r->unit = o->time_unit;
	r->comment = o->comment;
	r->step_seconds = o->step_seconds > 0 ? o->step_seconds : 86400;
	r->step_origin = o->step_origin;
	cen_buf_init(&r->header, 1u << 20);
	cen_buf_init(&r->jscratch, 0);
	for (int i = 0; i < 3; i++)
		cen_buf_init(&r->fix[i], 0);
	for (int k = 0; k < K__COUNT; k++) {
		r->col[k] = -1;
		r->v[k].ptr = "";
	}
	r->cur = r->v;
	r->cm_len = SIZE_MAX;
	r->name = cen_strdup(name);
	if (!r->name)
		return CEN_ENOMEM;
	for (int k = 0; k < K__COUNT; k++)
		if ((r->colname[k] = cen_strdup(cen__txn_canon_names[k])) == NULL)
			return CEN_ENOMEM;
	cen__rates_builtin(&r->rates);
	char why[400];
	int rc;
	if (o->rates_file && (rc = cen__rates_load(&r->rates, o->rates_file, why, sizeof why))) {
		snprintf(r->err, sizeof r->err, "rates file: %s", why);
		return rc;
	}
	if (o->rates && (rc = cen__rates_parse(&r->rates, o->rates, why, sizeof why))) {
		snprintf(r->err, sizeof r->err, "rates: %s", why);
		return rc;
	}
	const char *dc = o->default_currency ? o->default_currency : "USD";
	if (cen_currency_code(dc, strlen(dc), r->defcur)) {
		snprintf(r->err, sizeof r->err, "default currency '%s' is not a currency code", dc);
		return CEN_EINVAL;
	}
	if (o->step_seconds < 0) {
		snprintf(r->err, sizeof r->err, "step length must be positive");
		return CEN_EINVAL;
	}
	return 0;
}

/* win: NULL, or (tests) the window buffers' size and read size, set
 * before the first read (cen__txn_reader_open_window). */
static int open_common(cen_txn_reader **out, const char *path, const char *data, size_t len,
		       const char *name, const cen_txn_reader_opts *opts, const size_t *win)
{
	static const cen_txn_reader_opts defaults;
	const cen_txn_reader_opts *o = opts ? opts : &defaults;
	struct mapping m = {{0}};
	*out = NULL;
	cen_txn_reader *r = cen_calloc(1, sizeof *r);
	if (!r)
		return CEN_ENOMEM;
	*out = r;
	if (!name)
		name = o->name ? o->name : (path ? (strcmp(path, "-") ? path : "<stdin>") : "<input>");
	int rc = reader_init(r, name, o);
	if (rc)
		goto out;
	if (o->columns && (rc = parse_mapping(r, o->columns, &m)))
		goto out;
	cen_csv_opts co = {0};
	co.sep = o->sep;
	co.max_fields = 65536;
	co.max_field = 1u << 20;
	co.max_record = 4u << 20;
	co.map = o->map_file;
	co.window = o->window_rows;
	rc = path ? cen_csv_open_file(&r->csv, path, &co)
		  : cen_csv_open_mem(&r->csv, data, len, name, &co);
	if (rc) {
		snprintf(r->err, sizeof r->err, "%s", r->csv ? cen_csv_errmsg(r->csv) : "out of memory");
		goto out;
	}
	/* A window counts the rows returned: a row is held on (pushed) once
	 * it is returned, and it is returned before the reader's next call
	 * to the CSV reader (cen__csv_window_clock). */
	if (cen__csv_window(r->csv)) {
		cen__csv_window_clock(r->csv, &r->counts.ok);
		if (win)
			cen__csv_window_sizes(r->csv, win[0], win[1]);
	}
	r->stays = cen__csv_mapped(r->csv) || cen__csv_window(r->csv);
	/* JSON lines are read a whole line at a time: split as CSV, a member
	 * such as "":1 would look like an open quote and join lines. The first
	 * byte decides, from files, memory and stdin alike. */
	if (o->format == CEN_TXN_JSONL || (o->format == CEN_TXN_AUTO && !o->no_header)) {
		int first = cen_csv_peek_first(r->csv);
		if (first < 0) {
			rc = first;
			snprintf(r->err, sizeof r->err, "%s", cen_csv_errmsg(r->csv));
			goto out;
		}
		if (o->format == CEN_TXN_JSONL || first == '{')
			cen_csv_set_whole_lines(r->csv, 1);
	}
	if ((rc = detect(r, o, &m)))
		goto out;
	finish_columns(r);
out:
	mapping_release(&m);
	if (rc == CEN_ENOMEM && !r->err[0])
		snprintf(r->err, sizeof r->err, "out of memory");
	return rc;
}

int cen_txn_reader_open(cen_txn_reader **out, const char *path, const cen_txn_reader_opts *opts)
{
	return open_common(out, path, NULL, 0, NULL, opts, NULL);
}

int cen__txn_reader_open_window(cen_txn_reader **out, const char *path,
				const cen_txn_reader_opts *opts, size_t buf, size_t chunk)
{
	const size_t win[2] = {buf, chunk};
	return open_common(out, path, NULL, 0, NULL, opts, win);
}

int cen_txn_reader_open_mem(cen_txn_reader **out, const char *data, size_t len,
			    const char *name, const cen_txn_reader_opts *opts)
{
	return open_common(out, NULL, data, len, name ? name : "<input>", opts, NULL);
}

static int next_jsonl(cen_txn_reader *r, cen_slice raw, cen_txn *out)
{
	r->cur = r->v;
	char why[200];
	int field;
	int rc = cen__jsonl_parse(raw.ptr, raw.len, r->json_names, r->v, &r->jscratch, &field,
				  why, sizeof why);
	if (rc == CEN_ENOMEM)
		return rc;
	if (rc) {
		if (field >= 0)
			snprintf(r->err, sizeof r->err, "%s:%llu: field '%s': %s", r->name,
				 (unsigned long long)r->line, r->json_names[field], why);
		else
			snprintf(r->err, sizeof r->err, "%s:%llu: %s", r->name,
				 (unsigned long long)r->line, why);
		return CEN_EPARSE;
	}
	if (memchr(raw.ptr, '\0', raw.len))
		return nul_error(r);
	static const int ids[] = {K_ID, K_SRC_BANK, K_SRC, K_DST_BANK, K_DST};
	for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++)
		if (memchr(r->v[ids[i]].ptr, '\0', r->v[ids[i]].len))
			return field_error(r, ids[i], "contains a NUL byte (\\u0000)", 0);
	static const int req[] = {K_TIME, K_SRC, K_DST, K_AMOUNT};
	for (size_t i = 0; i < sizeof req / sizeof req[0]; i++)
		if (r->v[req[i]].len == 0) {
			snprintf(r->err, sizeof r->err, "%s:%llu: field '%s': missing", r->name,
				 (unsigned long long)r->line, r->json_names[req[i]]);
			return CEN_EPARSE;
		}
	return r->general ? build_general(r, out) : build_fast(r, out);
}

/* The counts for a row built (rc 0) or rejected: 1, or rc. */
static inline int row_done(cen_txn_reader *r, int rc)
{
	if (rc == 0) {
		r->counts.ok++;
		return 1;
	}
	if (rc != CEN_ENOMEM)
		r->counts.rejected++;
	return rc;
}

/* next_row's answers for a record it leaves to build_tidy (its slices in
 * r->cur) and to build_quick (its field ends in r->q_e). */
#define ROW_TIDY 2
#define ROW_QUICK 3

/* Takes the next record of the run (a quick reader's runs are field ends),
 * when it is tidy and has the header's field count, as next_row would,
 * without its tests (the record is plain, so without a NUL, and not
 * blank: a direct header has at least 17 fields): ROW_QUICK. 0: not such
 * a record. */
static inline int take_quick(cen_txn_reader *r)
{
	const struct cen__csv_run_rec *m = &r->more.rec[r->more_at + 1];
	if (!m->tidy || m->nfields != r->ncols)
		return 0;
	r->more_at++;
	r->err[0] = '\0';
	r->line = r->more.line + r->more_at - 1;
	r->raw = m->raw;
	r->cur = NULL;
	r->q_e = r->more_e;
	r->more_e += m->nfields;
	r->kept = r->stays;
	r->row++;
	return ROW_QUICK;
}

static int next_row(cen_txn_reader *r, cen_txn *out);

int cen_txn_reader_next(cen_txn_reader *r, cen_txn *out)
{
	int rc = r->quick && r->more_at < r->more.n ? take_quick(r) : 0;
	if (!rc)
		rc = next_row(r, out);
	/* One place builds quick rows: build_row is inlined once for them. */
	if (rc == ROW_QUICK)
		return row_done(r, build_quick(r, out));
	return rc == ROW_TIDY ? row_done(r, build_tidy(r, out)) : rc;
}

/* cen_txn_reader_next for any record; ROW_TIDY and ROW_QUICK leave a tidy
 * row to the caller's build_tidy and build_quick. */
static int next_row(cen_txn_reader *r, cen_txn *out)
{
	cen_slice *f;
	size_t nf;
	cen__csv_rec rec;
	int rc;
	if (r->pending_first || !r->csv) {
		if (r->pending_first >= 0)
			r->err[0] = '\0'; /* else it holds the first line's error */
		if (!r->csv)
			return CEN_EIO;
		/* The first JSON line, read during detection. */
		rc = r->pending_first;
		r->pending_first = 0;
		r->row++;
			if (rc < 0) {
			r->counts.rejected++;
			return rc;
		}
		rc = next_jsonl(r, r->raw, out);
		goto done;
	}
	r->err[0] = '\0';
	r->kept = 0;
	for (;;) {
		/* more_at is SIZE_MAX when none of a run of field ends is taken
		 * yet (its first record is also in more). */
		if (r->more_at + 1 <= r->more.n) {
			/* The next of the records split with the last one. */
			if (r->more.ends && r->quick && (rc = take_quick(r)))
				return rc;
			const struct cen__csv_run_rec *m = &r->more.rec[++r->more_at];
			nf = m->nfields;
			if (r->more.ends) {
				f = cen__csv_ends_fields(r->csv, m->raw.ptr, r->more_e, nf);
				r->more_e += nf;
			} else {
				f = r->more_f;
				r->more_f += nf;
			}
			rec.line = r->more.line + r->more_at - 1;
			rec.raw = m->raw;
			rec.plain = 1;
			rec.tidy = m->tidy;
			rc = 1;
		} else {
			rc = r->quick ? cen__csv_next_ends(r->csv, &f, &nf, &rec, &r->more)
				      : cen__csv_next_run(r->csv, &f, &nf, &rec, &r->more);
			r->more_at = 0;
			r->more_f = r->more.fields;
			if (r->more.ends) {
				r->more_at = SIZE_MAX;
				r->more_e = r->more.ends;
				continue;
			}
		}
		r->line = rec.line;
		r->raw = rec.raw;
		if (rc == 1) {
			if ((nf == 1 && trimmed(f[0]).len == 0) ||
			    (r->comment && r->raw.len && r->raw.ptr[0] == r->comment)) {
				r->counts.blank++;
				continue;
			}
			break;
		}
		if (rc == 0)
			return 0;
		if (rc == CEN_EPARSE || rc == CEN_ELIMIT) {
			r->row++;
					r->counts.rejected++;
			snprintf(r->err, sizeof r->err, "%s", cen_csv_errmsg(r->csv));
			return rc;
		}
		snprintf(r->err, sizeof r->err, "%s", cen_csv_errmsg(r->csv));
		return rc;
	}
	r->row++;
	if (r->fmt == CEN_TXN_JSONL) {
		rc = next_jsonl(r, r->raw, out);
		goto done;
	}
	if (r->ncols ? nf != r->ncols : nf < r->min_cols) {
		rc = count_error(r, nf);
		goto done;
	}
	/* A NUL byte would cut an account id short wherever it is used as a
	 * C string: no text file has one, so refuse the row. A record the CSV
	 * reader split by its bitmap scan has none. */
	if ((!rec.plain || r->general) && memchr(r->raw.ptr, '\0', r->raw.len)) {
		rc = nul_error(r);
		goto done;
	}
	if (r->direct && !r->general) {
		r->cur = f;
	} else {
		r->cur = r->v;
		if (r->identity)
			memcpy(r->v, f, (size_t)r->nactive * sizeof *f);
		else
			for (const struct keycol *p = r->pairs, *pe = p + r->nactive; p < pe; p++)
				r->v[p->key] = f[p->col];
	}
	/* Fields of a plain record lie in the input; a mapped or window
	 * input keeps them. */
	r->kept = rec.plain & r->stays;
	if (!r->general && rec.tidy)
		return ROW_TIDY;
	rc = r->general ? build_general(r, out) : build_fast(r, out);
done:
	return row_done(r, rc);
}

void cen__txn_reader_set_general(cen_txn_reader *r, int on)
{
	r->general = on != 0;
	set_quick(r);
	if (r->csv)
		cen__csv_set_simd(r->csv, on ? 0 : 3);
}

void cen__txn_reader_window_sizes(cen_txn_reader *r, size_t buf, size_t chunk)
{
	if (r->csv && cen__csv_window(r->csv))
		cen__csv_window_sizes(r->csv, buf, chunk);
}

const char *cen_txn_reader_errmsg(const cen_txn_reader *r) { return r ? r->err : "out of memory"; }
cen_slice cen_txn_reader_raw(const cen_txn_reader *r) { return r->raw; }
cen_slice cen_txn_reader_header(const cen_txn_reader *r)
{
	cen_slice s = {r->header.data ? r->header.data : "", r->header.len};
	return s;
}
uint64_t cen_txn_reader_line(const cen_txn_reader *r) { return r->line; }

int cen_txn_reader_kept(const cen_txn_reader *r) { return r->kept; }
cen_txn_format cen_txn_reader_format(const cen_txn_reader *r) { return r->fmt; }
void cen_txn_reader_counts(const cen_txn_reader *r, cen_txn_counts *out)
{
	*out = r->counts;
	out->rows = r->row; /* every row read is numbered */
}

void cen_txn_reader_progress(const cen_txn_reader *r, uint64_t *done, uint64_t *total)
{
	*done = r->csv ? cen_csv_offset(r->csv) : 0;
	*total = r->csv ? cen_csv_size(r->csv) : 0;
}

void cen_txn_reader_free(cen_txn_reader *r)
{
	if (!r)
		return;
	cen_csv_free(r->csv);
	cen_buf_release(&r->header);
	cen_buf_release(&r->jscratch);
	for (int i = 0; i < 3; i++)
		cen_buf_release(&r->fix[i]);
	for (int k = 0; k < K__COUNT; k++)
		cen_free(r->colname[k]);
	cen_free(r->name);
	cen_free(r);
}
