/* accounts.c - the accounts file: canonical or AMLworld layout into an
 * immutable table keyed "BANK:ACCOUNT".
 *
 * Strings live in one arena, a row's nine in one block; the key index is a
 * cen__intern whose ids are the positions in the info array (both in file
 * order of first occurrence).
 * The interned key is normalised (bank trimmed, leading zeros of an
 * all-digit bank dropped) so lookups from transactions match however the
 * bank id was padded; info->key keeps the spelling of the file.
 *
 * What must hold: intern id i <=> info[i]; every data row is either loaded
 * or reported through the diag; lookups do not allocate.
 */
#include "centinela/accounts.h"

#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "centinela/io.h"
#include "core/hash.h"
#include "txn/parse.h"
#include "core/prefetch.h"
#include "core/banned.h"

#define ACC_CAP_ID 256
#define ACC_CAP_TEXT 1024
#define ACC_KEY_MAX (2 * ACC_CAP_ID + 2)

enum { A_ACCOUNT, A_BANK, A_PARTY, A_NAME, A_KIND, A_COUNTRY, A_ZIP, A_OCC, A_BANK_NAME, A__COUNT };

static const char *const canon_cols[A__COUNT] = {
	"account", "bank", "party_id", "name", "kind", "country", "zip", "occupation", NULL,
};
static const char *const aml_cols[5] = {
	"Bank Name", "Bank ID", "Account Number", "Entity ID", "Entity Name",
};
static const int aml_keys[5] = {A_BANK_NAME, A_BANK, A_ACCOUNT, A_PARTY, A_NAME};

struct cen_accounts {
	cen__intern index;
	cen__arena arena;
	cen_account_info *info;
	size_t n, cap;
	uint64_t rows, rejected;
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

static int prefix_ci(const char *s, size_t len, const char *word)
{
	size_t n = strlen(word);
	if (len < n)
		return 0;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (c >= 'A' && c <= 'Z')
			c = (char)(c + 32);
		if (c != word[i])
			return 0;
	}
	return 1;
}

static int eq_ci(const char *s, size_t len, const char *word)
{
	return len == strlen(word) && prefix_ci(s, len, word);
}

cen_party_kind cen_party_kind_parse(const char *s, size_t len)
{
	cen__trim(&s, &len);
	static const struct {
		const char *w;
		cen_party_kind k;
	} words[] = {
		{"person", CEN_PARTY_PERSON},     {"individual", CEN_PARTY_PERSON},
		{"business", CEN_PARTY_BUSINESS}, {"company", CEN_PARTY_BUSINESS},
		{"corporation", CEN_PARTY_BUSINESS}, {"org", CEN_PARTY_BUSINESS},
		{"organization", CEN_PARTY_BUSINESS}, {"msb", CEN_PARTY_MSB},
		{"money transmitter", CEN_PARTY_MSB}, {"hub", CEN_PARTY_HUB},
	};
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
		if (eq_ci(s, len, words[i].w))
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

/* The account of the normalised key k (n bytes, 0: none) or NULL. */
static const cen_account_info *by_key(const cen_accounts *a, const char *k, size_t n)
{
	if (!n || !a)
		return NULL;
	int64_t id = cen__intern_get(&a->index, k, n);
	return id < 0 ? NULL : &a->info[id];
}

const cen_account_info *cen_accounts_get(const cen_accounts *a, const char *bank, size_t blen,
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

const cen_account_info *cen_accounts_find(const cen_accounts *a, const char *key, size_t len)
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
			const cen_account_info *in = &a->info[*hint - 1];
			cen__prefetch(in->party_id);
			cen__prefetch(in->zip);
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
		const cen_account_info *in = &a->info[id];
		cen__prefetch(in);
		cen__prefetch((const char *)(in + 1) - 1); /* a record spans two lines */
	}
}

size_t cen_accounts_count(const cen_accounts *a) { return a ? a->n : 0; }
const cen_account_info *cen_accounts_at(const cen_accounts *a, size_t i)
{
	return a && i < a->n ? &a->info[i] : NULL;
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

/* A trimmed copy of s at *p (NUL-terminated), *p moved past it; its length
 * into *len when len is not NULL (s is capped at ACC_CAP_TEXT). */
static const char *keep(char **p, cen_slice s, uint16_t *len)
{
	if (len)
		*len = (uint16_t)s.len;
	char *d = *p;
	memcpy(d, s.ptr, s.len);
	d[s.len] = '\0';
	*p = d + s.len + 1;
	return d;
}

static void reject(cen_accounts *a, cen_diag *d, uint64_t line, const char *field,
		   const char *why)
{
	a->rejected++;
	cen_diag_report(d, 2, a->name, line, field, "%s", why);
}

/* One data row (fields by key; missing keys empty). */
static int add_row(cen_accounts *a, cen_diag *d, uint64_t line, cen_slice *v, int amlworld)
{
	cen_slice acct = v[A_ACCOUNT], bank = v[A_BANK];
	cen__trim(&acct.ptr, &acct.len);
	cen__trim(&bank.ptr, &bank.len);
	if (!acct.len) {
		reject(a, d, line, amlworld ? "Account Number" : "account", "empty");
		return 0;
	}
	for (int k = 0; k < A__COUNT; k++) {
		if (memchr(v[k].ptr, '\0', v[k].len)) {
			reject(a, d, line, amlworld ? NULL : canon_cols[k], "contains a NUL byte");
			return 0;
		}
		size_t cap = (k == A_ACCOUNT || k == A_BANK || k == A_PARTY) ? ACC_CAP_ID : ACC_CAP_TEXT;
		if (v[k].len > cap) {
			char why[64];
			snprintf(why, sizeof why, "longer than %zu bytes", cap);
			reject(a, d, line, amlworld ? NULL : canon_cols[k], why);
			return 0;
		}
	}
	char key[ACC_KEY_MAX];
	size_t kn = norm_key(key, bank.ptr, bank.len, acct.ptr, acct.len);
	size_t before = a->index.count;
	int64_t id = cen__intern_put(&a->index, key, kn);
	if (id < 0)
		return CEN_ENOMEM;
	if ((size_t)id < before) {
		char why[160];
		snprintf(why, sizeof why, "duplicate account %.*s (first on line %u kept)",
			 (int)(kn > 80 ? 80 : kn), key, a->info[id].line);
		reject(a, d, line, NULL, why);
		return 0;
	}
	if (a->n == a->cap) {
		size_t ncap = a->cap ? a->cap * 2 : 1024;
		cen_account_info *ni = cen_realloc(a->info, ncap * sizeof *ni);
		if (!ni)
			return CEN_ENOMEM;
		a->info = ni;
		a->cap = ncap;
	}
	cen_account_info *in = &a->info[a->n];
	memset(in, 0, sizeof *in);
	/* The row's strings, trimmed, in one block of the arena (one
	 * allocation, not nine each rounded up to 16 bytes). */
	static const int kept[] = {A_BANK_NAME, A_PARTY, A_NAME, A_COUNTRY, A_ZIP, A_OCC};
	cen_slice t[sizeof kept / sizeof kept[0]];
	size_t total = (bank.len ? bank.len + 1 : 0) + acct.len + 1 + bank.len + 1 + acct.len + 1;
	for (size_t i = 0; i < sizeof kept / sizeof kept[0]; i++) {
		t[i] = v[kept[i]];
		cen__trim(&t[i].ptr, &t[i].len);
		total += t[i].len + 1;
	}
	char *p = cen__arena_alloc(&a->arena, total);
	if (!p)
		return CEN_ENOMEM;
	in->key = p;
	if (bank.len) {
		memcpy(p, bank.ptr, bank.len);
		p[bank.len] = ':';
		p += bank.len + 1;
	}
	keep(&p, acct, NULL);
	in->bank = keep(&p, bank, NULL);
	in->account = keep(&p, acct, NULL);
	in->bank_name = keep(&p, t[0], NULL);
	in->party_id = keep(&p, t[1], &in->party_id_len);
	in->name = keep(&p, t[2], &in->name_len);
	in->country = keep(&p, t[3], &in->country_len);
	in->zip = keep(&p, t[4], &in->zip_len);
	in->occupation = keep(&p, t[5], &in->occupation_len);
	in->line = line > UINT32_MAX ? UINT32_MAX : (uint32_t)line;
	if (amlworld) {
		in->kind = kind_from_entity_name(in->name, in->name_len);
	} else {
		cen_slice ks = v[A_KIND];
		cen__trim(&ks.ptr, &ks.len);
		in->kind = cen_party_kind_parse(ks.ptr, ks.len);
		if (ks.len && in->kind == CEN_PARTY_UNKNOWN)
			cen_diag_report(d, 1, a->name, line, "kind",
					"unknown kind '%.*s' (person|business|msb|hub): kept as unknown",
					(int)(ks.len > 40 ? 40 : ks.len), ks.ptr);
	}
	a->n++;
	return 0;
}

static int slice_is(cen_slice s, const char *lit)
{
	cen__trim(&s.ptr, &s.len);
	return s.len == strlen(lit) && !memcmp(s.ptr, lit, s.len);
}

static int load(cen_accounts *a, cen_csv *c, cen_diag *d)
{
	cen_slice *f;
	size_t nf;
	int rc, col[A__COUNT], amlworld = 0;
	size_t ncols;
	for (int k = 0; k < A__COUNT; k++)
		col[k] = -1;
	/* Header. */
	for (;;) {
		rc = cen_csv_next(c, &f, &nf);
		if (rc == 0)
			return 0; /* empty file: no accounts */
		if (rc < 0) {
			snprintf(a->err, sizeof a->err, "%s", cen_csv_errmsg(c));
			return rc == CEN_EIO || rc == CEN_ENOMEM ? rc : CEN_EPARSE;
		}
		if (!(nf == 1 && f[0].len == 0))
			break;
	}
	ncols = nf;
	if (nf == 5 && slice_is(f[0], aml_cols[0]) && slice_is(f[1], aml_cols[1]) &&
	    slice_is(f[2], aml_cols[2]) && slice_is(f[3], aml_cols[3]) && slice_is(f[4], aml_cols[4])) {
		amlworld = 1;
		for (int i = 0; i < 5; i++)
			col[aml_keys[i]] = i;
	} else {
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
	}
	for (;;) {
		rc = cen_csv_next(c, &f, &nf);
		if (rc == 0)
			break;
		uint64_t line = cen_csv_line(c);
		if (rc == CEN_EIO || rc == CEN_ENOMEM) {
			snprintf(a->err, sizeof a->err, "%s", cen_csv_errmsg(c));
			return rc;
		}
		if (rc < 0) {
			a->rows++;
			reject(a, d, line, NULL, cen_csv_errmsg(c));
			continue;
		}
		if (nf == 1 && f[0].len == 0)
			continue;
		a->rows++;
		if (nf != ncols) {
			char why[96];
			snprintf(why, sizeof why, "expected %zu fields as in the header, found %zu", ncols, nf);
			reject(a, d, line, NULL, why);
			continue;
		}
		cen_slice v[A__COUNT];
		for (int k = 0; k < A__COUNT; k++) {
			v[k].ptr = "";
			v[k].len = 0;
			if (col[k] >= 0)
				v[k] = f[col[k]];
		}
		if ((rc = add_row(a, d, line, v, amlworld))) {
			snprintf(a->err, sizeof a->err, "%s: out of memory", a->name);
			return rc;
		}
	}
	return 0;
}

static size_t newlines(const char *p, size_t n)
{
	size_t k = 0;
	const char *e = p + n;
	while (p < e && (p = memchr(p, '\n', (size_t)(e - p))) != NULL) {
		k++;
		p++;
	}
	return k;
}

/* Lines of a regular file (at least its rows), counted in a quick pass so
 * the tables are sized once instead of doubling and rehashing as the rows
 * come; 0 when that cannot be known (stdin, a pipe, an error: then the
 * tables grow as before). */
static size_t file_lines(const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return 0;
	struct stat st;
	size_t n = 0;
	char *buf = NULL;
	if (!fstat(fd, &st) && S_ISREG(st.st_mode) && (buf = cen_malloc(1u << 20))) {
		ssize_t r;
		while ((r = read(fd, buf, 1u << 20)) > 0)
			n += newlines(buf, (size_t)r);
		n = r < 0 ? 0 : n + 1;
	}
	cen_free(buf);
	close(fd);
	return n;
}

/* Room for n accounts in the index and the record array. */
static int reserve(cen_accounts *a, size_t n)
{
	if (!n)
		return 0;
	if (cen__intern_reserve(&a->index, n))
		return CEN_ENOMEM;
	a->info = cen_malloc(n * sizeof *a->info);
	a->cap = a->info ? n : 0;
	return a->info ? 0 : CEN_ENOMEM;
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
	int rc = reserve(a, path ? (strcmp(path, "-") ? file_lines(path) : 0) : newlines(data, len) + 1);
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
