/* accounts.c - the accounts file: canonical or AMLworld layout into an
 * immutable table keyed "BANK:ACCOUNT".
 *
 * A row's strings lie in one block, "BANK:ACCOUNT\0BANK\0bank_name\0...",
 * packed back to back (no alignment) in chunks of the arena; account is
 * the key's tail and an absent string the key's NUL (an empty one may
 * also be a NUL of its own). The key index is a cen__intern whose ids
 * are the positions in the info array (both in file order of first
 * occurrence); it borrows its keys from the blocks.
 * The interned key is normalised (bank trimmed, leading zeros of an
 * all-digit bank dropped) so lookups from transactions match however the
 * bank id was padded; info->key keeps the spelling of the file, and the
 * normalised key is its tail (trimmed bank and account, zeros dropped from
 * the front).
 *
 * Loading is a pipeline over the CSV reader's runs (cen__csv_next_run): a
 * clean row (nothing to report) gets its block cut from the arena and
 * filled at once, its key hashed and its index slot prefetched; ACC_AHEAD
 * rows later it is committed (one insert, which finds a duplicate too)
 * once the slot has come from memory. A duplicate's block stays unused. A
 * tidy row in the canonical column order (the usual file) is copied in
 * three pieces, its separators made NULs, instead of field by field. A
 * row to reject drains the ring first, and commits report in file order,
 * so messages come out as a row-at-a-time loader would give them.
 *
 * The monitoring engine may take the index over as its name table
 * (cen__accounts_take_index, accounts_engine.h): the table then answers
 * by number only.
 *
 * What must hold: intern id i <=> info[i]; every data row is either loaded
 * or reported through the diag, in file order; lookups do not allocate.
 */
#include "centinela/accounts.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "centinela/io.h"
#include "txn/accounts_engine.h"
#include "core/bytes.h"
#include "core/csv.h"
#include "core/hash.h"
#include "txn/parse.h"
#include "core/prefetch.h"
#include "core/banned.h"

#define ACC_CAP_ID 256
#define ACC_CAP_TEXT 1024
#define ACC_KEY_MAX (2 * ACC_CAP_ID + 2)
_Static_assert(ACC_KEY_MAX == CEN__ACCOUNTS_KEY_MAX, "accounts_engine.h's key room");
#define ACC_AHEAD 8           /* rows staged before their index insert */
#define ACC_CHUNK (1u << 20)  /* the largest arena chunk the blocks are cut from */
#define ACC_BANK_ROOM 16      /* a row's key room beyond its text, when presized */

/* A row's strings, in the order of its block. */
enum { S_KEY, S_ACCOUNT, S_BANK, S_BANK_NAME, S_PARTY, S_NAME, S_COUNTRY, S_ZIP, S_OCC, S__COUNT };

enum { A_ACCOUNT, A_BANK, A_PARTY, A_NAME, A_KIND, A_COUNTRY, A_ZIP, A_OCC, A_BANK_NAME, A__COUNT };

static const char *const canon_cols[A__COUNT] = {
	"account", "bank", "party_id", "name", "kind", "country", "zip", "occupation", NULL,
};
static const char *const aml_cols[5] = {
	"Bank Name", "Bank ID", "Account Number", "Entity ID", "Entity Name",
};
static const int aml_keys[5] = {A_BANK_NAME, A_BANK, A_ACCOUNT, A_PARTY, A_NAME};

/* One account as held: its block and where each string lies in it (the
 * key at 0), 40 bytes where a cen_account_info is 96, so the table costs
 * less than half the memory and a lookup reads one line of it, not two. */
typedef struct acc_rec {
	const char *blk;
	uint32_t line;
	uint16_t off[S__COUNT - 1]; /* S_ACCOUNT..S_OCC, offsets into blk */
	uint16_t party_id_len, name_len, country_len, zip_len, occupation_len;
	uint8_t kind;
} acc_rec;
_Static_assert(sizeof(acc_rec) <= 40, "an account record stays within 40 bytes");

struct cen_accounts {
	cen__intern index;
	cen__arena arena;
	acc_rec *info;
	size_t n, cap;
	char *room, *room_end; /* free part of the current chunk */
	size_t chunk;          /* its size (chunks double up to ACC_CHUNK) */
	uint64_t rows, rejected;
	int index_taken;       /* cen__accounts_take_index: index is empty */
	char *name;
	char err[512];
};

static const char *const kind_names[CEN_PARTY__COUNT] = {
	"unknown", "person", "business", "msb", "hub",
};

const char *cen_party_kind_name(cen_party_kind k)
{
	return (unsigned)k < CEN_PARTY__COUNT ? kind_names[k] : "unknown";
}

/* s[0..n) is word[0..n) (lower case) in any case. */
static int same_ci(const char *s, const char *word, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (c >= 'A' && c <= 'Z')
			c = (char)(c + 32);
		if (c != word[i])
			return 0;
	}
	return 1;
}

static int prefix_ci(const char *s, size_t len, const char *word)
{
	size_t n = strlen(word);
	return len >= n && same_ci(s, word, n);
}

cen_party_kind cen_party_kind_parse(const char *s, size_t len)
{
	cen__trim(&s, &len);
	/* Lengths first: a row's kind is compared with one word, not ten. */
	static const struct {
		const char *w;
		size_t n;
		cen_party_kind k;
	} words[] = {
		{"person", 6, CEN_PARTY_PERSON},       {"individual", 10, CEN_PARTY_PERSON},
		{"business", 8, CEN_PARTY_BUSINESS},   {"company", 7, CEN_PARTY_BUSINESS},
		{"corporation", 11, CEN_PARTY_BUSINESS}, {"org", 3, CEN_PARTY_BUSINESS},
		{"organization", 12, CEN_PARTY_BUSINESS}, {"msb", 3, CEN_PARTY_MSB},
		{"money transmitter", 17, CEN_PARTY_MSB}, {"hub", 3, CEN_PARTY_HUB},
	};
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
		if (words[i].n == len && same_ci(s, words[i].w, len))
			return words[i].k;
	return CEN_PARTY_UNKNOWN;
}

/* AMLworld entity names say what the entity is ("Corporation #33520"). */
static cen_party_kind kind_from_entity_name(const char *s, size_t len)
{
	static const char *const biz[] = {"corporation", "sole proprietorship", "partnership",
					  "company", "llc"};
	for (size_t i = 0; i < sizeof biz / sizeof biz[0]; i++)
		if (prefix_ci(s, len, biz[i]))
			return CEN_PARTY_BUSINESS;
	if (prefix_ci(s, len, "individual") || prefix_ci(s, len, "person"))
		return CEN_PARTY_PERSON;
	return CEN_PARTY_UNKNOWN;
}

/* The lookup key: "BANK:ACCOUNT" with an all-digit bank stripped of
 * leading zeros, or "ACCOUNT". Returns its length, 0 if too long. */
static size_t norm_key(char *out, const char *bank, size_t blen, const char *acct, size_t alen)
{
	cen__trim(&bank, &blen);
	cen__trim(&acct, &alen);
	if (blen > ACC_CAP_ID || alen > ACC_CAP_ID)
		return 0;
	size_t n = 0;
	if (blen) {
		int digits = 1;
		for (size_t i = 0; i < blen; i++)
			if (bank[i] < '0' || bank[i] > '9')
				digits = 0;
		if (digits)
			while (blen > 1 && bank[0] == '0') {
				bank++;
				blen--;
			}
		memcpy(out, bank, blen);
		out[blen] = ':';
		n = blen + 1;
	}
	memcpy(out + n, acct, alen);
	return n + alen;
}

/* The number of the account of the normalised key k (n bytes, 0: none),
 * or -1. */
static int64_t by_key(const cen_accounts *a, const char *k, size_t n)
{
	if (!n || !a)
		return -1;
	return cen__intern_get(&a->index, k, n);
}

int64_t cen_accounts_get(const cen_accounts *a, const char *bank, size_t blen,
					 const char *acct, size_t alen)
{
	char key[ACC_KEY_MAX];
	return by_key(a, key, norm_key(key, bank, blen, acct, alen));
}

/* Whether s (n bytes, n <= ACC_CAP_ID) is its own normal form: nothing to
 * trim, and, as a bank, no leading zero to drop. */
static int already_normal(const char *s, size_t n, int bank)
{
	if (!n)
		return !bank;
	unsigned char f = (unsigned char)s[0], l = (unsigned char)s[n - 1];
	return f > ' ' && l > ' ' && !(bank && f == '0');
}

/* The normalised index key of "BANK:ACCOUNT" (or "ACCOUNT"): key itself
 * when already normal (the usual case: no copy), else written into buf;
 * *n its length, 0 when it cannot name an account. */
static const char *find_key(char *buf, const char *key, size_t len, size_t *n)
{
	const char *colon = memchr(key, ':', len);
	size_t blen = colon ? (size_t)(colon - key) : 0;
	const char *acct = colon ? colon + 1 : key;
	size_t alen = len - (size_t)(acct - key);
	if (blen <= ACC_CAP_ID && alen <= ACC_CAP_ID && alen && already_normal(acct, alen, 0) &&
	    (!colon || already_normal(key, blen, 1))) {
		*n = len;
		return key;
	}
	*n = norm_key(buf, colon ? key : "", blen, acct, alen);
	return buf;
}

const char *cen__accounts_key(char buf[CEN__ACCOUNTS_KEY_MAX], const char *key, size_t len,
			      size_t *n)
{
	return find_key(buf, key, len, n);
}

int cen__accounts_take_index(cen_accounts *a, cen__intern *out)
{
	if (a->index_taken)
		return CEN_EINVAL;
	cen__intern_release(out);
	*out = a->index;
	cen__intern_init(&a->index);
	a->index_taken = 1;
	return 0;
}

void cen__accounts_brief(const cen_accounts *a, size_t i, cen__account_brief *out)
{
	const acc_rec *r = &a->info[i];
	out->kind = r->kind;
	out->owner = (r->party_id_len | r->zip_len) != 0;
	if (r->country_len == 2)
		memcpy(out->country, r->blk + r->off[S_COUNTRY - 1], 2);
	else
		out->country[0] = out->country[1] = 0;
}

int64_t cen_accounts_find(const cen_accounts *a, const char *key, size_t len)
{
	char buf[ACC_KEY_MAX];
	size_t n;
	const char *k = find_key(buf, key, len, &n);
	return by_key(a, k, n);
}

/* Pass 0: the key's hash into *hint, its index slot asked for. Pass 1:
 * the lookup with that hash; *hint becomes the record's position + 1 (0:
 * none) and its lines are asked for. Pass 2: the owner's strings of that
 * record, copied one after another (add_row). */
void cen_accounts_prefetch(const cen_accounts *a, const char *key, size_t len, int pass,
			   uint64_t *hint)
{
	if (!a)
		return;
	if (pass == 2) {
		if (*hint - 1 < a->n) {
			const acc_rec *in = &a->info[*hint - 1];
			cen__prefetch(in->blk + in->off[S_PARTY - 1]);
			cen__prefetch(in->blk + in->off[S_ZIP - 1]);
		}
		return;
	}
	char buf[ACC_KEY_MAX];
	size_t n;
	const char *k = find_key(buf, key, len, &n);
	if (!n) {
		*hint = 0;
		return;
	}
	if (pass == 0) {
		*hint = cen__intern_hash(k, n);
		cen__intern_prefetch(&a->index, *hint);
		return;
	}
	int64_t id = cen__intern_get_h(&a->index, k, n, *hint);
	*hint = (uint64_t)(id + 1);
	if (id >= 0) {
		const acc_rec *in = &a->info[id];
		cen__prefetch(in);
		cen__prefetch((const char *)(in + 1) - 1); /* it may span two lines */
	}
}

size_t cen_accounts_count(const cen_accounts *a) { return a ? a->n : 0; }
int cen_accounts_at(const cen_accounts *a, size_t i, cen_account_info *out)
{
	if (!a || i >= a->n)
		return 0;
	const acc_rec *r = &a->info[i];
	const char *b = r->blk;
	out->key = b;
	out->account = b + r->off[S_ACCOUNT - 1];
	out->bank = b + r->off[S_BANK - 1];
	out->bank_name = b + r->off[S_BANK_NAME - 1];
	out->party_id = b + r->off[S_PARTY - 1];
	out->name = b + r->off[S_NAME - 1];
	out->kind = (cen_party_kind)r->kind;
	out->country = b + r->off[S_COUNTRY - 1];
	out->zip = b + r->off[S_ZIP - 1];
	out->occupation = b + r->off[S_OCC - 1];
	out->line = r->line;
	out->party_id_len = r->party_id_len;
	out->name_len = r->name_len;
	out->country_len = r->country_len;
	out->zip_len = r->zip_len;
	out->occupation_len = r->occupation_len;
	return 1;
}
void cen_accounts_stats(const cen_accounts *a, uint64_t *rows, uint64_t *rejected)
{
	*rows = a ? a->rows : 0;
	*rejected = a ? a->rejected : 0;
}
const char *cen_accounts_errmsg(const cen_accounts *a) { return a ? a->err : "out of memory"; }

void cen_accounts_free(cen_accounts *a)
{
	if (!a)
		return;
	cen__intern_release(&a->index);
	cen__arena_release(&a->arena);
	cen_free(a->info);
	cen_free(a->name);
	cen_free(a);
}

/* A clean row waiting for its index slot: its block already cut from the
 * arena and filled, offsets into it. */
#define ACC_KIND_SHOWN 40 /* bytes of an unknown kind quoted in its warning */

typedef struct staged {
	uint64_t h;             /* index hash of the normalised key */
	char *blk;              /* the row's block (len bytes, in the arena) */
	uint32_t line, len;
	uint16_t nkey, kn;      /* the normalised key: blk + nkey, kn bytes */
	uint16_t off[S__COUNT], lens[S__COUNT];
	cen_party_kind kind;
	uint16_t kind_len;      /* an unknown kind to warn of (0: none), in kind_text */
	char kind_text[ACC_KIND_SHOWN];
} staged;

static void reject(cen_accounts *a, cen_diag *d, uint64_t line, const char *field,
		   const char *why)
{
	a->rejected++;
	cen_diag_report(d, 2, a->name, line, field, "%s", why);
}

/* Why the row (fields by key; acct trimmed) is rejected, into *field (NULL:
 * none to name) and why; 0 when it is not. plain: the CSV reader saw no
 * NUL byte in it. */
static int row_fault(const cen_slice *v, cen_slice acct, int amlworld, int plain,
		     const char **field, char *why, size_t whyn)
{
	if (!acct.len) {
		*field = amlworld ? "Account Number" : "account";
		snprintf(why, whyn, "empty");
		return 1;
	}
	size_t any = 0; /* every length within every cap when this one is */
	for (int k = 0; k < A__COUNT; k++)
		any |= v[k].len;
	if (plain && any <= ACC_CAP_ID)
		return 0;
	for (int k = 0; k < A__COUNT; k++) {
		size_t cap = (k == A_ACCOUNT || k == A_BANK || k == A_PARTY) ? ACC_CAP_ID : ACC_CAP_TEXT;
		*field = amlworld ? NULL : canon_cols[k];
		if (!plain && memchr(v[k].ptr, '\0', v[k].len)) {
			snprintf(why, whyn, "contains a NUL byte");
			return 1;
		}
		if (v[k].len > cap) {
			snprintf(why, whyn, "longer than %zu bytes", cap);
			return 1;
		}
	}
	return 0;
}

/* Appends t (trimmed, within its cap) to s->blk; its offset into s->off[i].
 * Empty: the key's NUL (the key is written first and never empty). */
static void stage_str(staged *s, int i, cen_slice t)
{
	s->lens[i] = (uint16_t)t.len;
	if (!t.len) {
		s->off[i] = s->lens[S_KEY];
		return;
	}
	s->off[i] = (uint16_t)s->len;
	cen__bytes_copy(s->blk + s->len, t.ptr, t.len);
	s->blk[s->len + t.len] = '\0';
	s->len += (uint32_t)t.len + 1;
}

/* Leading zeros dropped from an all-digit bank (norm_key's rule). */
static size_t bank_zeros(cen_slice bank)
{
	if (bank.len < 2 || bank.ptr[0] != '0')
		return 0;
	for (size_t i = 0; i < bank.len; i++)
		if (bank.ptr[i] < '0' || bank.ptr[i] > '9')
			return 0;
	size_t z = 0;
	while (z + 1 < bank.len && bank.ptr[z] == '0')
		z++;
	return z;
}

/* The key "BANK:ACCOUNT" (or "ACCOUNT") at blk[0], account its tail. */
static void stage_key(staged *s, cen_slice bank, cen_slice acct)
{
	size_t n = 0;
	if (bank.len) {
		cen__bytes_copy(s->blk, bank.ptr, bank.len);
		s->blk[bank.len] = ':';
		n = bank.len + 1;
	}
	cen__bytes_copy(s->blk + n, acct.ptr, acct.len);
	s->blk[n + acct.len] = '\0';
	s->off[S_KEY] = 0;
	s->lens[S_KEY] = (uint16_t)(n + acct.len);
	s->off[S_ACCOUNT] = (uint16_t)n;
	s->lens[S_ACCOUNT] = (uint16_t)acct.len;
	s->len = (uint32_t)(n + acct.len + 1);
}

/* The last kind text parsed: a file has few kind words, repeated. */
typedef struct kind_memo {
	char text[16];
	size_t len; /* 0: none */
	cen_party_kind kind;
} kind_memo;

/* cen_party_kind_parse of ks (trimmed), through the memo m. */
static cen_party_kind kind_of(kind_memo *m, cen_slice ks)
{
	if (ks.len && ks.len == m->len && cen__bytes_eq(ks.ptr, m->text, ks.len))
		return m->kind;
	cen_party_kind k = cen_party_kind_parse(ks.ptr, ks.len);
	if (ks.len <= sizeof m->text) {
		cen__bytes_copy(m->text, ks.ptr, ks.len);
		m->len = ks.len;
		m->kind = k;
	}
	return k;
}

/* n bytes, unaligned, from the current chunk of the arena (a new one when
 * it is short: chunks grow from 16 KiB to ACC_CHUNK). */
static char *room(cen_accounts *a, size_t n)
{
	if ((size_t)(a->room_end - a->room) < n) {
		size_t c = a->chunk ? a->chunk * 2 : 16384;
		a->chunk = c > ACC_CHUNK ? ACC_CHUNK : c;
		size_t want = a->chunk > n ? a->chunk : n;
		a->room = cen__arena_alloc(&a->arena, want);
		if (!a->room)
			return NULL;
		a->room_end = a->room + want;
	}
	char *p = a->room;
	a->room += n;
	return p;
}

/* What every staged row ends with, its block filled: the normalised key
 * (bank stripped of its zeros), its hash and index slot asked for, the
 * line, and the kind from ks (trimmed; the entity name for AMLworld). */
static void stage_end(const cen_accounts *a, kind_memo *m, staged *s, cen_slice bank,
		      cen_slice ks, uint64_t line, int amlworld)
{
	s->nkey = (uint16_t)bank_zeros(bank);
	s->kn = (uint16_t)(s->lens[S_KEY] - s->nkey);
	s->line = line > UINT32_MAX ? UINT32_MAX : (uint32_t)line;
	s->h = cen__intern_hash(s->blk + s->nkey, s->kn);
	cen__intern_prefetch(&a->index, s->h);
	s->kind_len = 0;
	if (amlworld) {
		s->kind = kind_from_entity_name(s->blk + s->off[S_NAME], s->lens[S_NAME]);
		return;
	}
	s->kind = kind_of(m, ks);
	if (ks.len && s->kind == CEN_PARTY_UNKNOWN) {
		s->kind_len = (uint16_t)(ks.len > ACC_KIND_SHOWN ? ACC_KIND_SHOWN : ks.len);
		memcpy(s->kind_text, ks.ptr, s->kind_len);
	}
}

/* A row that row_fault passed (acct and bank trimmed): its strings
 * trimmed into a block cut to their size. 0 or CEN_ENOMEM. */
static int stage(cen_accounts *a, kind_memo *m, staged *s, const cen_slice *v, cen_slice acct,
		 cen_slice bank, uint64_t line, int amlworld)
{
	static const int kept[] = {A_BANK_NAME, A_PARTY, A_NAME, A_COUNTRY, A_ZIP, A_OCC};
	enum { NKEPT = sizeof kept / sizeof kept[0] };
	cen_slice t[NKEPT];
	size_t bl = bank.len ? bank.len + 1 : 0;
	size_t need = bl + acct.len + 1 + bl;
	for (int i = 0; i < NKEPT; i++) {
		t[i] = v[kept[i]];
		cen__trim(&t[i].ptr, &t[i].len);
		need += t[i].len ? t[i].len + 1 : 0;
	}
	if (!(s->blk = room(a, need)))
		return CEN_ENOMEM;
	stage_key(s, bank, acct);
	stage_str(s, S_BANK, bank);
	for (int i = 0; i < NKEPT; i++)
		stage_str(s, S_BANK_NAME + i, t[i]);
	cen_slice ks = v[A_KIND];
	cen__trim(&ks.ptr, &ks.len);
	stage_end(a, m, s, bank, ks, line, amlworld);
	return 0;
}

/* Field k of a plain record whose field a was copied to blk + at
 * (copy_fields): the NUL after it, its offset from blk into off[i], its
 * length into lens[i]. */
static inline __attribute__((always_inline)) void put_field(staged *s, char *blk, size_t at,
							     const cen_slice *f, int a, int k,
							     int i)
{
	size_t o = at + (size_t)(f[k].ptr - f[a].ptr);
	blk[o + f[k].len] = '\0';
	s->off[i] = (uint16_t)o;
	s->lens[i] = (uint16_t)f[k].len;
}

/* Fields a..b of a plain record (they lie one after another in the input,
 * a separator apart), copied as one text to p (put_field then makes each
 * separator and the end a NUL). Returns the bytes written. */
static inline __attribute__((always_inline)) size_t copy_fields(char *p, const cen_slice *f, int a,
								   int b)
{
	size_t n = (size_t)(f[b].ptr + f[b].len - f[a].ptr);
	cen__bytes_copy(p, f[a].ptr, n);
	return n + 1;
}

/* stage for a tidy row (cen__csv_rec.tidy: nothing to trim, ASCII) in the
 * canonical column order, every field within ACC_CAP_ID and the account
 * not empty: the block is "BANK:" (none when the bank is empty), then the
 * text from account to name and the text from country to occupation,
 * each copied whole with its separators made NULs. That is the general
 * layout (key, bank, party, name, country, zip, occupation), but for an
 * empty field, which is the NUL where it stands, not the key's; the bank
 * name is the key's NUL. 0 or CEN_ENOMEM. */
static int stage_tidy(cen_accounts *a, kind_memo *m, staged *s, const cen_slice *f,
		      uint64_t line)
{
	cen_slice acct = f[A_ACCOUNT], bank = f[A_BANK];
	size_t bl = bank.len ? bank.len + 1 : 0;
	size_t need = bl + (size_t)(f[A_NAME].ptr + f[A_NAME].len - acct.ptr) + 1 +
		      (size_t)(f[A_OCC].ptr + f[A_OCC].len - f[A_COUNTRY].ptr) + 1;
	char *p = room(a, need);
	if (!p)
		return CEN_ENOMEM;
	s->blk = p;
	if (bank.len) {
		cen__bytes_copy(p, bank.ptr, bank.len);
		p[bank.len] = ':';
	}
	/* Account to name and country to occupation, field by field (not a
	 * loop: the compiler would keep one); the kind is not kept. */
	size_t n = bl + copy_fields(p + bl, f, A_ACCOUNT, A_NAME);
	put_field(s, p, bl, f, A_ACCOUNT, A_ACCOUNT, S_ACCOUNT);
	put_field(s, p, bl, f, A_ACCOUNT, A_BANK, S_BANK);
	put_field(s, p, bl, f, A_ACCOUNT, A_PARTY, S_PARTY);
	put_field(s, p, bl, f, A_ACCOUNT, A_NAME, S_NAME);
	size_t at = n;
	n += copy_fields(p + at, f, A_COUNTRY, A_OCC);
	put_field(s, p, at, f, A_COUNTRY, A_COUNTRY, S_COUNTRY);
	put_field(s, p, at, f, A_COUNTRY, A_ZIP, S_ZIP);
	put_field(s, p, at, f, A_COUNTRY, A_OCC, S_OCC);
	s->len = (uint32_t)n;
	s->off[S_KEY] = 0;
	s->lens[S_KEY] = (uint16_t)(bl + acct.len);
	s->off[S_BANK_NAME] = s->lens[S_KEY];
	s->lens[S_BANK_NAME] = 0;
	stage_end(a, m, s, bank, f[A_KIND], line, 0);
	return 0;
}

/* The record of the staged row's block (its key at offset 0). */
static void fill_info(acc_rec *in, const staged *s)
{
	in->blk = s->blk;
	memcpy(in->off, s->off + 1, sizeof in->off);
	in->party_id_len = s->lens[S_PARTY];
	in->name_len = s->lens[S_NAME];
	in->country_len = s->lens[S_COUNTRY];
	in->zip_len = s->lens[S_ZIP];
	in->occupation_len = s->lens[S_OCC];
	in->kind = (uint8_t)s->kind;
	in->line = s->line;
}

/* Adds a staged row, or reports it as a duplicate (its block then stays
 * unused in the arena); then the warning of its unknown kind, if any.
 * One index probe: a new key gets the next id, which is a->n. 0 or
 * CEN_ENOMEM. */
static int commit(cen_accounts *a, cen_diag *d, const staged *s)
{
	if (a->n == a->cap) {
		size_t ncap = a->cap ? a->cap * 2 : 1024;
		acc_rec *ni = cen_realloc(a->info, ncap * sizeof *ni);
		if (!ni)
			return CEN_ENOMEM;
		a->info = ni;
		a->cap = ncap;
	}
	const char *nk = s->blk + s->nkey;
	int64_t id = cen__intern_put_borrowed_h(&a->index, nk, s->kn, s->h);
	if (id < 0)
		return CEN_ENOMEM;
	if ((size_t)id < a->n) {
		char why[160];
		snprintf(why, sizeof why, "duplicate account %.*s (first on line %u kept)",
			 (int)(s->kn > 80 ? 80 : s->kn), nk, a->info[id].line);
		reject(a, d, s->line, NULL, why);
		return 0;
	}
	fill_info(&a->info[a->n++], s);
	if (s->kind_len)
		cen_diag_report(d, 1, a->name, s->line, "kind",
				"unknown kind '%.*s' (person|business|msb|hub): kept as unknown",
				(int)s->kind_len, s->kind_text);
	return 0;
}

/* Rows staged and not yet committed: ring[(first + i) % ACC_AHEAD], i < n. */
typedef struct stage_ring {
	staged *ring;
	size_t first, n;
	kind_memo memo;
} stage_ring;

/* Commits every staged row, oldest first. */
static int drain(cen_accounts *a, cen_diag *d, stage_ring *q)
{
	int rc = 0;
	for (; q->n && !rc; q->n--, q->first = (q->first + 1) % ACC_AHEAD)
		rc = commit(a, d, &q->ring[q->first]);
	return rc;
}

/* A free staging slot, committing the oldest row when the ring is full. */
static inline int next_slot(cen_accounts *a, cen_diag *d, stage_ring *q, staged **s)
{
	if (q->n == ACC_AHEAD) {
		int rc = commit(a, d, &q->ring[q->first]);
		if (rc)
			return rc;
		q->first = (q->first + 1) % ACC_AHEAD;
		q->n--;
	}
	*s = &q->ring[(q->first + q->n) % ACC_AHEAD];
	return 0;
}

/* One data row (fields by key; missing keys empty): rejected at once (after
 * the rows staged before it) or staged. */
static int add_row(cen_accounts *a, cen_diag *d, stage_ring *q, const cen__csv_rec *rec,
		   const cen_slice *v, int amlworld)
{
	cen_slice acct = v[A_ACCOUNT], bank = v[A_BANK];
	cen__trim(&acct.ptr, &acct.len);
	cen__trim(&bank.ptr, &bank.len);
	const char *field;
	char why[64];
	int rc;
	if (row_fault(v, acct, amlworld, rec->plain, &field, why, sizeof why)) {
		if ((rc = drain(a, d, q)))
			return rc;
		reject(a, d, rec->line, field, why);
		return 0;
	}
	staged *s;
	if ((rc = next_slot(a, d, q, &s)) ||
	    (rc = stage(a, &q->memo, s, v, acct, bank, rec->line, amlworld)))
		return rc;
	q->n++;
	return 0;
}

static int slice_is(cen_slice s, const char *lit)
{
	cen__trim(&s.ptr, &s.len);
	return s.len == strlen(lit) && !memcmp(s.ptr, lit, s.len);
}

/* The header: columns into col (by key, -1: absent), *ncols, *amlworld.
 * 1 when read, 0 for an empty file, else a CEN_E* code (a->err set). */
static int read_header(cen_accounts *a, cen_csv *c, int *col, size_t *ncols, int *amlworld)
{
	cen_slice *f;
	size_t nf;
	for (int k = 0; k < A__COUNT; k++)
		col[k] = -1;
	for (;;) {
		int rc = cen_csv_next(c, &f, &nf);
		if (rc == 0)
			return 0; /* empty file: no accounts */
		if (rc < 0) {
			snprintf(a->err, sizeof a->err, "%s", cen_csv_errmsg(c));
			return rc == CEN_EIO || rc == CEN_ENOMEM ? rc : CEN_EPARSE;
		}
		if (!(nf == 1 && f[0].len == 0))
			break;
	}
	*ncols = nf;
	if (nf == 5 && slice_is(f[0], aml_cols[0]) && slice_is(f[1], aml_cols[1]) &&
	    slice_is(f[2], aml_cols[2]) && slice_is(f[3], aml_cols[3]) && slice_is(f[4], aml_cols[4])) {
		*amlworld = 1;
		for (int i = 0; i < 5; i++)
			col[aml_keys[i]] = i;
		return 1;
	}
	for (size_t i = 0; i < nf; i++)
		for (int k = 0; k < A__COUNT; k++)
			if (canon_cols[k] && slice_is(f[i], canon_cols[k]) && col[k] < 0)
				col[k] = (int)i;
	if (col[A_ACCOUNT] < 0) {
		snprintf(a->err, sizeof a->err,
			 "%s: header is neither 'account,bank,party_id,name,kind,country,zip,occupation' nor AMLworld 'Bank Name,Bank ID,Account Number,Entity ID,Entity Name' (an 'account' column is required)",
			 a->name);
		return CEN_EPARSE;
	}
	return 1;
}

/* What read_rows knows of the columns. canonical: key k in column k for
 * every key but the bank name, which has none (the usual file). */
typedef struct layout {
	const int *col;
	size_t ncols;
	int amlworld, canonical;
} layout;

/* The row's fields by key into v (missing keys empty). */
static void map_fields(cen_slice *v, const cen_slice *f, const layout *l)
{
	if (l->canonical) {
		memcpy(v, f, A_BANK_NAME * sizeof *v);
		v[A_BANK_NAME].ptr = "";
		v[A_BANK_NAME].len = 0;
		return;
	}
	for (int k = 0; k < A__COUNT; k++) {
		v[k].ptr = "";
		v[k].len = 0;
		if (l->col[k] >= 0)
			v[k] = f[l->col[k]];
	}
}

/* One record from the CSV reader (rc: its answer, > 0 or a rejecting
 * CEN_EPARSE / CEN_ELIMIT): skipped when blank, else counted and
 * rejected or staged. 0 or CEN_ENOMEM. */
static int one_record(cen_accounts *a, cen_csv *c, cen_diag *d, stage_ring *q, const layout *l,
		      int rc, const cen_slice *f, size_t nf, const cen__csv_rec *rec)
{
	if (rc > 0 && nf == 1 && f[0].len == 0)
		return 0;
	a->rows++;
	if (rc < 0 || nf != l->ncols) {
		char why[96];
		snprintf(why, sizeof why, "expected %zu fields as in the header, found %zu", l->ncols, nf);
		if (drain(a, d, q))
			return CEN_ENOMEM;
		reject(a, d, rec->line, NULL, rc < 0 ? cen_csv_errmsg(c) : why);
		return 0;
	}
	if (l->canonical && rec->tidy) {
		/* Nothing to trim and no NUL: row_fault passes a non-empty
		 * account when no field is longer than the smallest cap. */
		size_t any = f[A_ACCOUNT].len | f[A_BANK].len | f[A_PARTY].len | f[A_NAME].len |
			     f[A_KIND].len | f[A_COUNTRY].len | f[A_ZIP].len | f[A_OCC].len;
		staged *s;
		if (f[A_ACCOUNT].len && any <= ACC_CAP_ID) {
			if ((rc = next_slot(a, d, q, &s)) ||
			    (rc = stage_tidy(a, &q->memo, s, f, rec->line)))
				return rc;
			q->n++;
			return 0;
		}
	}
	cen_slice v[A__COUNT];
	map_fields(v, f, l);
	return add_row(a, d, q, rec, v, l->amlworld) ? CEN_ENOMEM : 0;
}

/* The data rows, through the staging ring q (drained on return), the CSV
 * reader's runs (cen__csv_next_run) taken one record after another. */
static int read_rows(cen_accounts *a, cen_csv *c, cen_diag *d, stage_ring *q, const int *col,
		     size_t ncols, int amlworld)
{
	cen_slice *f;
	size_t nf;
	cen__csv_rec rec;
	cen__csv_run more;
	int rc;
	layout l = {col, ncols, amlworld, col[A_BANK_NAME] < 0};
	for (int k = 0; k < A_BANK_NAME; k++)
		l.canonical &= col[k] == k;
	while ((rc = cen__csv_next_run(c, &f, &nf, &rec, &more)) != 0) {
		if (rc == CEN_EIO || rc == CEN_ENOMEM) {
			snprintf(a->err, sizeof a->err, "%s", cen_csv_errmsg(c));
			return drain(a, d, q) ? CEN_ENOMEM : rc;
		}
		if (one_record(a, c, d, q, &l, rc, f, nf, &rec))
			return CEN_ENOMEM;
		const cen_slice *mf = more.fields;
		for (size_t i = 1; i <= more.n; i++) {
			const struct cen__csv_run_rec *m = &more.rec[i];
			cen__csv_rec mr = {more.line + i - 1, m->raw, 1, m->tidy};
			if (one_record(a, c, d, q, &l, 1, mf, m->nfields, &mr))
				return CEN_ENOMEM;
			mf += m->nfields;
		}
	}
	return drain(a, d, q) ? CEN_ENOMEM : 0;
}

static int load(cen_accounts *a, cen_csv *c, cen_diag *d)
{
	int col[A__COUNT], amlworld = 0;
	size_t ncols = 0;
	int rc = read_header(a, c, col, &ncols, &amlworld);
	if (rc <= 0)
		return rc;
	stage_ring q = {.ring = cen_malloc(ACC_AHEAD * sizeof *q.ring)};
	rc = q.ring ? read_rows(a, c, d, &q, col, ncols, amlworld) : CEN_ENOMEM;
	cen_free(q.ring);
	if (rc == CEN_ENOMEM)
		snprintf(a->err, sizeof a->err, "%s: out of memory", a->name);
	return rc;
}

/* Lines of a regular file (at least its rows), counted in a quick pass so
 * the tables are sized once instead of doubling and rehashing as the rows
 * come; 0 when that cannot be known (stdin, not a regular file, an error:
 * then the tables grow as before). The file is read, not mapped: on the
 * project's VM a mapping's every 4 KiB page costs a fault and a page-table
 * fill, more than copying it from the page cache. */
static size_t file_lines(const char *path, size_t *bytes)
{
	enum { COUNT_CHUNK = 256 * 1024 };
	*bytes = 0;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return 0;
	struct stat st;
	size_t n = 0;
	char *b = NULL;
	if (!fstat(fd, &st) && S_ISREG(st.st_mode) && st.st_size > 0 &&
	    (b = cen_malloc(COUNT_CHUNK))) {
		n = 1;
		for (;;) {
			ssize_t got = read(fd, b, COUNT_CHUNK);
			if (got < 0 && errno == EINTR)
				continue;
			if (got <= 0) {
				n = got < 0 ? 0 : n;
				break;
			}
			n += cen__count_byte(b, (size_t)got, '\n');
			*bytes += (size_t)got;
		}
	}
	cen_free(b);
	close(fd);
	return n;
}

/* Room for n accounts in the index and the record array, and for the
 * blocks of a file of `bytes` bytes in one chunk: a row's block is its
 * text less the kind and the separators, plus the key's bank and colon,
 * so bytes and a bank's worth a row hold them all. One chunk of the
 * whole is a large block (core/alloc.c: on huge pages), where chunks of
 * up to ACC_CHUNK would take a page fault every 4 KiB. */
static int reserve(cen_accounts *a, size_t n, size_t bytes)
{
	if (!n)
		return 0;
	if (cen__intern_reserve(&a->index, n))
		return CEN_ENOMEM;
	a->info = cen_malloc(n * sizeof *a->info);
	a->cap = a->info ? n : 0;
	if (!a->info)
		return CEN_ENOMEM;
	size_t want = bytes + n * (ACC_BANK_ROOM + 1);
	if (want <= ACC_CHUNK)
		return 0;
	a->room = cen__arena_alloc(&a->arena, want);
	a->room_end = a->room ? a->room + want : NULL;
	a->chunk = ACC_CHUNK;
	return a->room ? 0 : CEN_ENOMEM;
}

static int load_common(cen_accounts **out, const char *path, const char *data, size_t len,
		       const char *name, cen_diag *diag)
{
	cen_diag local = {0};
	cen_diag *d = diag ? diag : &local;
	*out = NULL;
	cen_accounts *a = cen_calloc(1, sizeof *a);
	if (!a)
		return CEN_ENOMEM;
	cen__intern_init(&a->index);
	cen__arena_init(&a->arena, 1u << 16);
	a->name = cen_strdup(name);
	if (!a->name) {
		cen_accounts_free(a);
		return CEN_ENOMEM;
	}
	*out = a;
	cen_csv *c = NULL;
	size_t bytes = len, lines = 0;
	if (!path)
		lines = cen__count_byte(data, len, '\n') + 1;
	else if (strcmp(path, "-"))
		lines = file_lines(path, &bytes);
	int rc = reserve(a, lines, bytes);
	if (!rc)
		rc = path ? cen_csv_open_file(&c, path, NULL)
			  : cen_csv_open_mem(&c, data, len, name, NULL);
	if (rc) {
		snprintf(a->err, sizeof a->err, "%s", c ? cen_csv_errmsg(c) : "out of memory");
	} else {
		rc = load(a, c, d);
	}
	cen_csv_free(c);
	return rc;
}

int cen_accounts_load(cen_accounts **out, const char *path, cen_diag *diag)
{
	return load_common(out, path, NULL, 0, strcmp(path, "-") ? path : "<stdin>", diag);
}

int cen_accounts_load_mem(cen_accounts **out, const char *data, size_t len, const char *name,
			  cen_diag *diag)
{
	return load_common(out, NULL, data, len, name ? name : "<accounts>", diag);
}
