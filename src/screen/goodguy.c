/* goodguy.c - the good-guy list of cleared (customer, entity, content hash)
 * triples; see include/centinela/goodguy.h for the file format.
 *
 * Two interners: one holds "customer\x1f entity\x1f hash" for exact triples
 * (suppress), one holds "customer\x1f entity" for pairs (so a hit cleared
 * against an older record can be told apart as stale). Ids are capped at
 * GG_MAX_ID bytes, so keys fit a stack buffer and lookups never allocate.
 * After loading, the structure is only read: safe to share between threads.
 */
#include "centinela/goodguy.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "centinela/io.h"
#include "core/hash.h"

#include "core/banned.h"

#define GG_MAX_ID 512
#define GG_KEY_MAX (2 * GG_MAX_ID + 20)

struct cen_goodguy {
	cen__intern triples;
	cen__intern pairs;
	char err[512];
};

int cen_goodguy_new(cen_goodguy **out)
{
	cen_goodguy *g = cen_calloc(1, sizeof *g);
	*out = g;
	if (!g)
		return CEN_ENOMEM;
	cen__intern_init(&g->triples);
	cen__intern_init(&g->pairs);
	return 0;
}

void cen_goodguy_free(cen_goodguy *g)
{
	if (!g)
		return;
	cen__intern_release(&g->triples);
	cen__intern_release(&g->pairs);
	cen_free(g);
}

void cen_goodguy_hash_hex(uint64_t h, char out[17])
{
	static const char hex[] = "0123456789abcdef";
	for (int i = 15; i >= 0; i--) {
		out[i] = hex[h & 15];
		h >>= 4;
	}
	out[16] = '\0';
}

int cen_goodguy_hash_parse(const char *s, size_t len, uint64_t *h)
{
	*h = 0;
	while (len && isspace((unsigned char)*s)) {
		s++;
		len--;
	}
	while (len && isspace((unsigned char)s[len - 1]))
		len--;
	if (len > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		s += 2;
		len -= 2;
	}
	if (len == 0 || len > 16)
		return CEN_EPARSE;
	uint64_t v = 0;
	for (size_t i = 0; i < len; i++) {
		int c = tolower((unsigned char)s[i]), d;
		if (c >= '0' && c <= '9')
			d = c - '0';
		else if (c >= 'a' && c <= 'f')
			d = c - 'a' + 10;
		else
			return CEN_EPARSE;
		v = v << 4 | (uint64_t)d;
	}
	*h = v;
	return 0;
}

/* Builds "cust\x1f entity" (and "\x1f hash" when with_hash); 0 if too long. */
static size_t make_key(char *key, const char *cust, size_t clen, const char *ent,
		       size_t elen, int with_hash, uint64_t hash)
{
	if (clen > GG_MAX_ID || elen > GG_MAX_ID)
		return 0;
	size_t n = 0;
	memcpy(key, cust, clen);
	n += clen;
	key[n++] = '\x1f';
	memcpy(key + n, ent, elen);
	n += elen;
	if (with_hash) {
		key[n++] = '\x1f';
		cen_goodguy_hash_hex(hash, key + n);
		n += 16;
	}
	return n;
}

static int add_slices(cen_goodguy *g, const char *c, size_t clen, const char *e,
		      size_t elen, uint64_t hash)
{
	char key[GG_KEY_MAX];
	size_t n = make_key(key, c, clen, e, elen, 1, hash);
	if (!n)
		return CEN_ELIMIT;
	if (cen__intern_put(&g->triples, key, n) < 0)
		return CEN_ENOMEM;
	n = make_key(key, c, clen, e, elen, 0, 0);
	if (cen__intern_put(&g->pairs, key, n) < 0)
		return CEN_ENOMEM;
	return 0;
}

int cen_goodguy_add(cen_goodguy *g, const char *customer_id, const char *entity_id,
		    uint64_t content_hash)
{
	return add_slices(g, customer_id, strlen(customer_id), entity_id, strlen(entity_id),
			  content_hash);
}

int cen_goodguy_check(const cen_goodguy *g, const char *customer_id,
		      const char *entity_id, uint64_t content_hash)
{
	if (!g)
		return CEN_GOODGUY_NONE;
	char key[GG_KEY_MAX];
	size_t clen = strlen(customer_id), elen = strlen(entity_id);
	size_t n = make_key(key, customer_id, clen, entity_id, elen, 1, content_hash);
	if (!n)
		return CEN_GOODGUY_NONE;
	if (cen__intern_get(&g->triples, key, n) >= 0)
		return CEN_GOODGUY_CLEARED;
	n = make_key(key, customer_id, clen, entity_id, elen, 0, 0);
	return cen__intern_get(&g->pairs, key, n) >= 0 ? CEN_GOODGUY_STALE : CEN_GOODGUY_NONE;
}

size_t cen_goodguy_count(const cen_goodguy *g)
{
	return g ? g->triples.count : 0;
}

const char *cen_goodguy_errmsg(const cen_goodguy *g)
{
	return g ? g->err : "out of memory";
}

static int slice_is(cen_slice s, const char *w)
{
	while (s.len && isspace((unsigned char)s.ptr[s.len - 1]))
		s.len--;
	while (s.len && isspace((unsigned char)*s.ptr)) {
		s.ptr++;
		s.len--;
	}
	if (s.len != strlen(w))
		return 0;
	for (size_t i = 0; i < s.len; i++)
		if (tolower((unsigned char)s.ptr[i]) != w[i])
			return 0;
	return 1;
}

static int marked_cleared(cen_slice s)
{
	static const char *const yes[] = {"yes", "y", "true", "1", "x", "cleared", "si", "sí"};
	for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++)
		if (slice_is(s, yes[i]))
			return 1;
	return 0;
}

static cen_slice trimmed(cen_slice s)
{
	while (s.len && isspace((unsigned char)s.ptr[s.len - 1]))
		s.len--;
	while (s.len && isspace((unsigned char)*s.ptr)) {
		s.ptr++;
		s.len--;
	}
	return s;
}

int cen_goodguy_load(cen_goodguy *g, const char *path, cen_diag *diag)
{
	cen_csv *csv = NULL;
	int rc = cen_csv_open_file(&csv, path, NULL);
	if (rc) {
		snprintf(g->err, sizeof g->err, "%s", csv ? cen_csv_errmsg(csv) : cen_strerror(rc));
		goto out;
	}
	cen_slice *f;
	size_t nf;
	long ccust = -1, cent = -1, chash = -1, cmark = -1;
	rc = cen_csv_next(csv, &f, &nf);
	if (rc != 1) {
		snprintf(g->err, sizeof g->err, "%s: no header line%s%s", path,
			 rc < 0 ? ": " : "", rc < 0 ? cen_csv_errmsg(csv) : "");
		rc = CEN_EPARSE;
		goto out;
	}
	for (size_t i = 0; i < nf; i++) {
		if (ccust < 0 && (slice_is(f[i], "customer_id") || slice_is(f[i], "input_id")))
			ccust = (long)i;
		else if (cent < 0 && slice_is(f[i], "entity_id"))
			cent = (long)i;
		else if (chash < 0 && slice_is(f[i], "content_hash"))
			chash = (long)i;
		else if (cmark < 0 && slice_is(f[i], "cleared"))
			cmark = (long)i;
	}
	if (ccust < 0 || cent < 0 || chash < 0) {
		snprintf(g->err, sizeof g->err,
			 "%s:1: header needs customer_id (or input_id), entity_id and content_hash",
			 path);
		rc = CEN_EPARSE;
		goto out;
	}
	long need = ccust > cent ? ccust : cent;
	need = need > chash ? need : chash;
	need = need > cmark ? need : cmark;
	for (;;) {
		rc = cen_csv_next(csv, &f, &nf);
		uint64_t line = cen_csv_line(csv);
		if (rc == 0)
			break;
		if (rc == CEN_EIO || rc == CEN_ENOMEM)
			goto out;
		if (rc < 0) {
			cen_diag_report(diag, 2, path, line, NULL, "%s", cen_csv_errmsg(csv));
			continue;
		}
		if (nf == 1 && f[0].len == 0)
			continue;
		if ((long)nf <= need) {
			cen_diag_report(diag, 2, path, line, NULL, "%zu fields, need %ld", nf,
					need + 1);
			continue;
		}
		if (cmark >= 0 && !marked_cleared(f[cmark]))
			continue;
		cen_slice cust = trimmed(f[ccust]), ent = trimmed(f[cent]);
		uint64_t h;
		if (!cust.len || !ent.len) {
			cen_diag_report(diag, 2, path, line, cust.len ? "entity_id" : "customer_id",
					"empty");
			continue;
		}
		if (cen_goodguy_hash_parse(f[chash].ptr, f[chash].len, &h)) {
			cen_diag_report(diag, 2, path, line, "content_hash",
					"'%.*s' is not 1..16 hex digits", (int)(f[chash].len > 40 ? 40 : f[chash].len),
					f[chash].ptr);
			continue;
		}
		rc = add_slices(g, cust.ptr, cust.len, ent.ptr, ent.len, h);
		if (rc == CEN_ELIMIT) {
			cen_diag_report(diag, 2, path, line, NULL, "id longer than %d bytes",
					GG_MAX_ID);
			continue;
		}
		if (rc)
			goto out;
	}
	rc = 0;
out:
	if (rc && !g->err[0])
		snprintf(g->err, sizeof g->err, "%s: %s", path,
			 csv && cen_csv_errmsg(csv)[0] ? cen_csv_errmsg(csv) : cen_strerror(rc));
	cen_csv_free(csv);
	return rc;
}
