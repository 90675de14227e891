/* own_csv.c - our CSV watchlist format (docs/lists.md, contract in
 * /work/contracts.md):
 *
 *   id,kind,name,aliases,dob,country,program[,ids]
 *
 * Columns are found by header name (order free; unknown columns are noted
 * once and ignored); id and name are required. kind: person | org
 * (organization, company, entity) | vessel | aircraft, empty = unknown.
 * Lists inside a field are separated by ';': aliases (strong a.k.a.s; a
 * prefix "weak:", "fka:" or "nka:" gives another type), dob (YYYY, YYYY-MM,
 * YYYY-MM-DD, or the forms of dates.c), country (ISO alpha-2/alpha-3 or
 * English name; goes to countries, and to nationalities for persons),
 * program, ids (type:number[:country]). Entities get id "own:<id>".
 * A bad value is reported (file, line, field) and the rest of the row kept;
 * a row without id or name, or with an id seen before, is rejected.
 */
#include <string.h>
#include <strings.h>

#include "core/utf8.h"
#include "lists/list_int.h"

#include "core/banned.h"

enum col { C_ID, C_KIND, C_NAME, C_ALIASES, C_DOB, C_COUNTRY, C_PROGRAM, C_IDS, C_N };
static const char *const col_names[C_N] = {"id", "kind", "name", "aliases",
					   "dob", "country", "program", "ids"};

typedef struct own {
	cen__load *ld;
	const char *file;
	uint64_t line;
	int col[C_N];
	cen__intern seen;
} own;

typedef int (*item_fn)(own *o, cen_entity *e, const char *s, size_t n);

/* Calls fn for each non-empty ';'-separated item of f. */
static int each(own *o, cen_entity *e, cen_slice f, item_fn fn)
{
	size_t i = 0;
	while (i < f.len) {
		size_t j = i;
		while (j < f.len && f.ptr[j] != ';')
			j++;
		const char *s = f.ptr + i;
		size_t n = cen__trim(&s, j - i);
		if (n) {
			int rc = fn(o, e, s, n);
			if (rc)
				return rc;
		}
		i = j + 1;
	}
	return 0;
}

static int prefix_ci(const char *s, size_t n, const char *p)
{
	size_t k = strlen(p);
	return n > k && strncasecmp(s, p, k) == 0;
}

static int alias(own *o, cen_entity *e, const char *s, size_t n)
{
	cen_name_type t = CEN_NAME_STRONG_AKA;
	if (prefix_ci(s, n, "weak:"))
		t = CEN_NAME_WEAK_AKA, s += 5, n -= 5;
	else if (prefix_ci(s, n, "fka:"))
		t = CEN_NAME_FKA, s += 4, n -= 4;
	else if (prefix_ci(s, n, "nka:"))
		t = CEN_NAME_NKA, s += 4, n -= 4;
	return cen__ent_name(o->ld, e, s, n, t);
}

static int dob(own *o, cen_entity *e, const char *s, size_t n)
{
	cen_date d;
	if (cen__parse_date(s, n, &d) == 0)
		return cen__ent_dob(o->ld, e, d);
	cen__ld_diag(o->ld, 1, o->file, o->line, "dob", "not a date: '%.*s'; value ignored",
		     (int)(n > 60 ? 60 : n), s);
	return 0;
}

static int country(own *o, cen_entity *e, const char *s, size_t n)
{
	const char *cc = cen__country_n(s, n);
	if (!cc) {
		cen__ld_diag(o->ld, 1, o->file, o->line, "country",
			     "unknown country '%.*s'; value ignored", (int)(n > 60 ? 60 : n), s);
		return 0;
	}
	int rc = cen__ent_country(o->ld, e, cc);
	if (rc == 0 && e->kind == CEN_KIND_PERSON)
		rc = cen__ent_nationality(o->ld, e, cc);
	return rc;
}

static int program(own *o, cen_entity *e, const char *s, size_t n)
{
	return cen__ent_program(o->ld, e, s, n);
}

/* Identifier types are interned as static strings where known. */
static const char *id_type(const char *s, size_t n)
{
	static const char *const known[] = {
		"passport", "cedula", "rfc", "curp", "national_id", "ssn", "tax_id",
		"swift_bic", "registration", "imo", "mmsi", "lei", "voter_id",
		"drivers_license", "crypto_wallet", "call_sign", "other",
	};
	for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
		if (strlen(known[i]) == n && strncasecmp(known[i], s, n) == 0)
			return known[i];
	return NULL;
}

static int ident(own *o, cen_entity *e, const char *s, size_t n)
{
	const char *c1 = memchr(s, ':', n);
	if (!c1) {
		cen__ld_diag(o->ld, 1, o->file, o->line, "ids",
			     "'%.*s' is not type:number[:country]; value ignored",
			     (int)(n > 60 ? 60 : n), s);
		return 0;
	}
	size_t tl = (size_t)(c1 - s);
	const char *num = c1 + 1;
	size_t nl = n - tl - 1;
	const char *cc = NULL;
	const char *c2 = memchr(num, ':', nl);
	if (c2) {
		cc = cen__country_n(c2 + 1, nl - (size_t)(c2 - num) - 1);
		if (!cc)
			cen__ld_diag(o->ld, 1, o->file, o->line, "ids",
				     "unknown country in '%.*s'; country ignored",
				     (int)(n > 60 ? 60 : n), s);
		nl = (size_t)(c2 - num);
	}
	const char *t = id_type(s, tl);
	return cen__ent_id(o->ld, e, t ? t : "other", num, nl, cc, s, tl);
}

static cen_entity_kind kind_of(cen_slice f, int *ok)
{
	const char *s = f.ptr;
	size_t n = cen__trim(&s, f.len);
	*ok = 1;
	static const struct {
		const char *w;
		cen_entity_kind k;
	} kinds[] = {
		{"person", CEN_KIND_PERSON}, {"individual", CEN_KIND_PERSON},
		{"org", CEN_KIND_ORG}, {"organization", CEN_KIND_ORG},
		{"organisation", CEN_KIND_ORG}, {"company", CEN_KIND_ORG},
		{"entity", CEN_KIND_ORG}, {"vessel", CEN_KIND_VESSEL},
		{"aircraft", CEN_KIND_AIRCRAFT},
	};
	if (n == 0)
		return CEN_KIND_UNKNOWN;
	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
		if (strlen(kinds[i].w) == n && strncasecmp(kinds[i].w, s, n) == 0)
			return kinds[i].k;
	*ok = 0;
	return CEN_KIND_UNKNOWN;
}

static int header(own *o, cen_slice *f, size_t n)
{
	for (int c = 0; c < C_N; c++)
		o->col[c] = -1;
	for (size_t i = 0; i < n; i++) {
		const char *s = f[i].ptr;
		size_t len = cen__trim(&s, f[i].len);
		if (i == 0) {
			size_t bom = cen__utf8_bom_len(s, len);
			s += bom, len -= bom;
		}
		int found = 0;
		for (int c = 0; c < C_N; c++) {
			if (strlen(col_names[c]) == len && strncasecmp(col_names[c], s, len) == 0) {
				if (o->col[c] < 0)
					o->col[c] = (int)i;
				found = 1;
			}
		}
		if (!found)
			cen__ld_diag(o->ld, 0, o->file, 1, NULL, "column '%.*s' ignored",
				     (int)(len > 60 ? 60 : len), s);
	}
	if (o->col[C_ID] < 0 || o->col[C_NAME] < 0)
		return cen__ld_fail(o->ld, CEN_EPARSE,
				    "%s:1: header must have the columns id and name "
				    "(id,kind,name,aliases,dob,country,program[,ids])",
				    o->file);
	return 0;
}

static cen_slice get(const own *o, cen_slice *f, size_t n, enum col c)
{
	cen_slice none = {"", 0};
	return o->col[c] >= 0 && (size_t)o->col[c] < n ? f[o->col[c]] : none;
}

static int row(own *o, cen_slice *f, size_t n)
{
	cen__load *ld = o->ld;
	cen_slice id = get(o, f, n, C_ID), name = get(o, f, n, C_NAME);
	const char *ids = id.ptr;
	size_t idl = cen__trim(&ids, id.len);
	const char *nm = name.ptr;
	if (idl == 0 || cen__trim(&nm, name.len) == 0) {
		cen__ld_diag(ld, 2, o->file, o->line, idl ? "name" : "id", "empty; row skipped");
		return 0;
	}
	if (cen__intern_get(&o->seen, ids, idl) >= 0) {
		cen__ld_diag(ld, 2, o->file, o->line, "id", "id '%.*s' repeated; row skipped",
			     (int)(idl > 60 ? 60 : idl), ids);
		return 0;
	}
	if (cen__intern_put(&o->seen, ids, idl) < 0)
		return CEN_ENOMEM;
	cen_entity *e = cen__ld_entity(ld, ids, idl);
	if (!e)
		return CEN_ENOMEM;
	int ok;
	e->kind = kind_of(get(o, f, n, C_KIND), &ok);
	if (!ok)
		cen__ld_diag(ld, 1, o->file, o->line, "kind",
			     "unknown kind (person, org, vessel, aircraft); read as unknown");
	int rc = cen__ent_name(ld, e, name.ptr, name.len, CEN_NAME_PRIMARY);
	if (!rc)
		rc = each(o, e, get(o, f, n, C_ALIASES), alias);
	if (!rc)
		rc = each(o, e, get(o, f, n, C_DOB), dob);
	if (!rc)
		rc = each(o, e, get(o, f, n, C_COUNTRY), country);
	if (!rc)
		rc = each(o, e, get(o, f, n, C_PROGRAM), program);
	if (!rc)
		rc = each(o, e, get(o, f, n, C_IDS), ident);
	return rc;
}

int cen__own_csv_load(cen__load *ld, const char *data, size_t len, const char *name)
{
	own o;
	memset(&o, 0, sizeof o);
	o.ld = ld;
	o.file = name;
	ld->source = "own";
	cen__intern_init(&o.seen);
	cen_csv *c;
	int rc = cen__ld_csv_open(ld, &c, data, len, name, 256);
	if (rc) {
		cen__intern_release(&o.seen);
		return rc;
	}
	int have_header = 0;
	for (;;) {
		cen_slice *f;
		size_t n;
		int r = cen_csv_next(c, &f, &n);
		if (r == 0)
			break;
		o.line = cen_csv_line(c);
		if (r == CEN_EPARSE || r == CEN_ELIMIT) {
			if (!have_header) {
				rc = cen__ld_fail(ld, CEN_EPARSE, "%s", cen_csv_errmsg(c));
				break;
			}
			cen__ld_diag(ld, 2, name, o.line, NULL, "%s; row skipped", cen_csv_errmsg(c));
			continue;
		}
		if (r < 0) {
			rc = cen__ld_fail(ld, r, "%s", cen_csv_errmsg(c));
			break;
		}
		const char *first = f[0].ptr;
		if (n == 1 && cen__trim(&first, f[0].len) == 0)
			continue; /* blank line */
		if (!have_header) {
			rc = header(&o, f, n);
			if (rc)
				break;
			have_header = 1;
			continue;
		}
		rc = row(&o, f, n);
		if (rc) {
			cen__ld_fail(ld, rc, "%s:%llu: %s", name, (unsigned long long)o.line,
				     cen_strerror(rc));
			break;
		}
	}
	if (rc == 0 && !have_header)
		rc = cen__ld_fail(ld, CEN_EPARSE, "%s: empty file (expected the header "
				  "id,kind,name,aliases,dob,country,program)", name);
	cen_csv_free(c);
	cen__intern_release(&o.seen);
	return rc;
}
