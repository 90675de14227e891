/* ofac.c - OFAC legacy CSV files: the SDN set (sdn.csv, add.csv, alt.csv,
 * sdn_comments.csv) and the consolidated non-SDN set (cons_prim.csv,
 * cons_add.csv, cons_alt.csv, cons_comments.csv), given as a folder or as
 * the primary file (its siblings are read when present).
 *
 * The files have no header; "-0-" (often "-0- ") is null. Layouts:
 *   primary:  ent_num,SDN_Name,SDN_Type,Program,Title,Call_Sign,Vess_type,
 *             Tonnage,GRT,Vess_flag,Vess_owner,Remarks
 *   address:  ent_num,Add_num,Address,City/State/Province/Postal Code,Country,Add_remarks
 *   alt:      ent_num,alt_num,alt_type(aka|fka|nka),alt_name,alt_remarks
 *   comments: ent_num,Remarks_extension (continues the primary Remarks text
 *             exactly where it was cut, often mid-word)
 * Rows of the secondary files whose ent_num is not in the primary file
 * (orphans, as in mixed-date downloads) are reported as warnings and
 * skipped. Remarks are parsed only after the comments are joined on.
 * Invariant: pending entity i has ent_num interned with id i in `nums`.
 */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "lists/list_int.h"

#include "core/banned.h"

enum { PRIM_FIELDS = 12, ADD_FIELDS = 6, ALT_FIELDS = 5, COMMENT_FIELDS = 2 };

typedef struct ofac {
	cen__load *ld;
	cen__intern nums;       /* ent_num -> pending index */
	cen_buf *remarks;       /* raw Remarks per pending entity */
	size_t n_remarks, cap_remarks;
	const char *prim_name;  /* "sdn.csv" or "cons_prim.csv", for messages */
} ofac;

static int is_null(const cen_slice *f)
{
	const char *s = f->ptr;
	size_t n = cen__trim(&s, f->len);
	return n == 0 || (n == 3 && memcmp(s, "-0-", 3) == 0);
}

static int is_number(const cen_slice *f)
{
	const char *s = f->ptr;
	size_t n = cen__trim(&s, f->len);
	if (n == 0 || n > 12)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

/* True for a field equal (case-insensitive, trimmed) to w. */
static int field_is(const cen_slice *f, const char *w)
{
	const char *s = f->ptr;
	size_t n = cen__trim(&s, f->len);
	if (n != strlen(w))
		return 0;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (c != w[i])
			return 0;
	}
	return 1;
}

/* The end-of-file byte (0x1A) some OFAC files end with, or a blank line. */
static int is_filler(cen_slice *f, size_t n)
{
	if (n != 1)
		return 0;
	const char *s = f[0].ptr;
	size_t len = cen__trim(&s, f[0].len);
	return len == 0 || (len == 1 && s[0] == 0x1A);
}

static int programs(cen__load *ld, cen_entity *e, const cen_slice *f)
{
	/* "SDNTK] [FTO] [SDGT": split on the brackets. */
	const char *s = f->ptr, *end = f->ptr + f->len;
	while (s < end) {
		const char *q = s;
		while (q < end && *q != ']' && *q != '[')
			q++;
		int rc = cen__ent_program(ld, e, s, (size_t)(q - s));
		if (rc)
			return rc;
		s = q + 1;
	}
	return 0;
}

static cen_entity_kind kind_of(const cen_slice *f, int *known)
{
	*known = 1;
	if (is_null(f))
		return CEN_KIND_ORG;
	if (field_is(f, "individual"))
		return CEN_KIND_PERSON;
	if (field_is(f, "vessel"))
		return CEN_KIND_VESSEL;
	if (field_is(f, "aircraft"))
		return CEN_KIND_AIRCRAFT;
	if (field_is(f, "entity"))
		return CEN_KIND_ORG;
	*known = 0;
	return CEN_KIND_ORG;
}

static int vessel_remark(cen__load *ld, cen_entity *e, const char *label, const cen_slice *f)
{
	if (is_null(f))
		return 0;
	return cen__ent_remark_kv(ld, e, label, f->ptr, f->len);
}

static int primary_row(ofac *o, const char *file, uint64_t line, cen_slice *f, size_t n)
{
	cen__load *ld = o->ld;
	if (n != PRIM_FIELDS) {
		cen__ld_diag(ld, 2, file, line, NULL, "expected %d fields, found %zu; row skipped",
			     PRIM_FIELDS, n);
		return 0;
	}
	if (!is_number(&f[0])) {
		cen__ld_diag(ld, 2, file, line, "ent_num", "not a number; row skipped");
		return 0;
	}
	if (is_null(&f[1])) {
		cen__ld_diag(ld, 2, file, line, "SDN_Name", "empty name; row skipped");
		return 0;
	}
	const char *num = f[0].ptr;
	size_t numlen = cen__trim(&num, f[0].len);
	if (cen__intern_get(&o->nums, num, numlen) >= 0) {
		cen__ld_diag(ld, 1, file, line, "ent_num", "ent_num %.*s repeated; row skipped",
			     (int)numlen, num);
		return 0;
	}
	int64_t idx = cen__intern_put(&o->nums, num, numlen);
	cen_entity *e = cen__ld_entity(ld, num, numlen);
	if (idx < 0 || !e)
		return CEN_ENOMEM;
	if ((size_t)idx != ld->n_pending - 1)
		return cen__ld_fail(ld, CEN_EINVAL, "%s: internal index mismatch", file);
	if (o->n_remarks == o->cap_remarks) {
		size_t nc = o->cap_remarks ? 2 * o->cap_remarks : 1024;
		cen_buf *nr = cen_realloc(o->remarks, nc * sizeof *nr);
		if (!nr)
			return CEN_ENOMEM;
		o->remarks = nr;
		o->cap_remarks = nc;
	}
	cen_buf_init(&o->remarks[o->n_remarks++], CEN_LIST_MAX_FIELD * 4);

	int known;
	e->kind = kind_of(&f[2], &known);
	if (!known)
		cen__ld_diag(ld, 1, file, line, "SDN_Type", "unknown type '%.*s', read as organization",
			     (int)(f[2].len > 40 ? 40 : f[2].len), f[2].ptr);
	int rc = cen__ent_name(ld, e, f[1].ptr, f[1].len, CEN_NAME_PRIMARY);
	if (!rc && !is_null(&f[3]))
		rc = programs(ld, e, &f[3]);
	if (!rc && !is_null(&f[4])) {
		e->title = cen__ld_str(ld, f[4].ptr, f[4].len);
		rc = e->title ? 0 : CEN_ENOMEM;
	}
	if (!rc && !is_null(&f[5]))
		rc = cen__ent_id(ld, e, "call_sign", f[5].ptr, f[5].len, NULL, "Call Sign", 9);
	if (!rc)
		rc = vessel_remark(ld, e, "Vessel Type", &f[6]);
	if (!rc)
		rc = vessel_remark(ld, e, "Tonnage", &f[7]);
	if (!rc)
		rc = vessel_remark(ld, e, "GRT", &f[8]);
	if (!rc && !is_null(&f[9])) {
		char flag[128];
		const char *s = f[9].ptr;
		size_t fl = cen__trim(&s, f[9].len);
		snprintf(flag, sizeof flag, "%.*s", (int)(fl > 120 ? 120 : fl), s);
		const char *cc = cen_country_code(flag);
		rc = cc ? cen__ent_country(ld, e, cc) : vessel_remark(ld, e, "Vessel Flag", &f[9]);
	}
	if (!rc)
		rc = vessel_remark(ld, e, "Vessel Owner", &f[10]);
	if (!rc && !is_null(&f[11]))
		rc = cen_buf_append(&o->remarks[idx], f[11].ptr, f[11].len);
	if (rc == CEN_ELIMIT) {
		cen__ld_diag(ld, 1, file, line, "Remarks", "remarks longer than %u bytes, cut",
			     CEN_LIST_MAX_FIELD * 4);
		rc = 0;
	}
	return rc;
}

/* The pending entity of a secondary row, or NULL (reported) for orphans. */
static cen_entity *owner(ofac *o, const char *file, uint64_t line, cen_slice *f, size_t n,
			 size_t want, int64_t *idx)
{
	if (n != want) {
		cen__ld_diag(o->ld, 2, file, line, NULL, "expected %zu fields, found %zu; row skipped",
			     want, n);
		return NULL;
	}
	if (!is_number(&f[0])) {
		cen__ld_diag(o->ld, 2, file, line, "ent_num", "not a number; row skipped");
		return NULL;
	}
	const char *num = f[0].ptr;
	size_t numlen = cen__trim(&num, f[0].len);
	*idx = cen__intern_get(&o->nums, num, numlen);
	if (*idx < 0) {
		cen__ld_diag(o->ld, 1, file, line, "ent_num",
			     "ent_num %.*s is not in %s (orphan row skipped)", (int)numlen, num,
			     o->prim_name);
		return NULL;
	}
	return o->ld->pending[*idx];
}

static int add_row(ofac *o, const char *file, uint64_t line, cen_slice *f, size_t n)
{
	int64_t idx;
	cen_entity *e = owner(o, file, line, f, n, ADD_FIELDS, &idx);
	if (!e)
		return 0;
	cen_buf b;
	cen_buf_init(&b, CEN_LIST_MAX_FIELD);
	int rc = 0;
	for (int i = 2; i <= 4 && rc == 0; i++) {
		if (is_null(&f[i]))
			continue;
		const char *s = f[i].ptr;
		size_t len = cen__trim(&s, f[i].len);
		if (b.len)
			rc = cen_buf_append(&b, ", ", 2);
		if (!rc)
			rc = cen_buf_append(&b, s, len);
	}
	if (rc == CEN_ELIMIT) {
		cen__ld_diag(o->ld, 2, file, line, "Address", "address longer than %u bytes; skipped",
			     CEN_LIST_MAX_FIELD);
		rc = 0;
	} else if (rc == 0 && b.len) {
		rc = cen__ent_address(o->ld, e, b.data, b.len);
	}
	if (rc == 0 && !is_null(&f[4])) {
		char cname[128];
		const char *s = f[4].ptr;
		size_t len = cen__trim(&s, f[4].len);
		snprintf(cname, sizeof cname, "%.*s", (int)(len > 120 ? 120 : len), s);
		const char *cc = cen_country_code(cname);
		if (cc)
			rc = cen__ent_country(o->ld, e, cc);
	}
	cen_buf_release(&b);
	return rc;
}

static int alt_row(ofac *o, const char *file, uint64_t line, cen_slice *f, size_t n)
{
	int64_t idx;
	cen_entity *e = owner(o, file, line, f, n, ALT_FIELDS, &idx);
	if (!e)
		return 0;
	cen_name_type t;
	if (field_is(&f[2], "aka") || is_null(&f[2]))
		t = CEN_NAME_STRONG_AKA;
	else if (field_is(&f[2], "fka"))
		t = CEN_NAME_FKA;
	else if (field_is(&f[2], "nka"))
		t = CEN_NAME_NKA;
	else {
		cen__ld_diag(o->ld, 1, file, line, "alt_type", "unknown alias type '%.*s', read as aka",
			     (int)(f[2].len > 20 ? 20 : f[2].len), f[2].ptr);
		t = CEN_NAME_STRONG_AKA;
	}
	if (is_null(&f[3])) {
		cen__ld_diag(o->ld, 2, file, line, "alt_name", "empty alias; row skipped");
		return 0;
	}
	return cen__ent_name(o->ld, e, f[3].ptr, f[3].len, t);
}

static int comment_row(ofac *o, const char *file, uint64_t line, cen_slice *f, size_t n)
{
	int64_t idx;
	cen_entity *e = owner(o, file, line, f, n, COMMENT_FIELDS, &idx);
	if (!e || is_null(&f[1]))
		return 0;
	int rc = cen_buf_append(&o->remarks[idx], f[1].ptr, f[1].len);
	if (rc == CEN_ELIMIT) {
		cen__ld_diag(o->ld, 1, file, line, "Remarks_extension",
			     "remarks longer than %u bytes, cut", CEN_LIST_MAX_FIELD * 4);
		rc = 0;
	}
	return rc;
}

typedef int (*row_fn)(ofac *o, const char *file, uint64_t line, cen_slice *f, size_t n);

static int read_rows(ofac *o, const char *data, size_t len, const char *name, row_fn fn)
{
	cen_csv *c;
	int rc = cen__ld_csv_open(o->ld, &c, data, len, name, 64);
	if (rc)
		return rc;
	for (;;) {
		cen_slice *f;
		size_t n;
		int r = cen_csv_next(c, &f, &n);
		if (r == 0)
			break;
		if (r == CEN_EPARSE || r == CEN_ELIMIT) {
			cen__ld_diag(o->ld, 2, name, cen_csv_line(c), NULL, "%s; row skipped",
				     cen_csv_errmsg(c));
			continue;
		}
		if (r < 0) {
			rc = cen__ld_fail(o->ld, r, "%s", cen_csv_errmsg(c));
			break;
		}
		if (is_filler(f, n))
			continue;
		rc = fn(o, name, cen_csv_line(c), f, n);
		if (rc) {
			if (!o->ld->list->err[0])
				cen__ld_fail(o->ld, rc, "%s:%llu: %s", name,
					     (unsigned long long)cen_csv_line(c), cen_strerror(rc));
			break;
		}
	}
	cen_csv_free(c);
	return rc;
}

static int parse_remarks(ofac *o)
{
	for (size_t i = 0; i < o->n_remarks; i++) {
		cen_buf *b = &o->remarks[i];
		if (!b->len)
			continue;
		int rc = cen__ofac_remarks(o->ld, o->ld->pending[i], b->data, b->len);
		if (rc)
			return cen__ld_fail(o->ld, rc, "%s", cen_strerror(rc));
	}
	return 0;
}

static void ofac_init(ofac *o, cen__load *ld, int cons)
{
	memset(o, 0, sizeof *o);
	o->ld = ld;
	cen__intern_init(&o->nums);
	o->prim_name = cons ? "cons_prim.csv" : "sdn.csv";
	ld->source = cons ? "us_ofac_cons" : "us_ofac_sdn";
}

static void ofac_release(ofac *o)
{
	for (size_t i = 0; i < o->n_remarks; i++)
		cen_buf_release(&o->remarks[i]);
	cen_free(o->remarks);
	cen__intern_release(&o->nums);
}

int cen__ofac_load_mem(cen__load *ld, const char *data, size_t len, const char *name)
{
	ofac o;
	ofac_init(&o, ld, strstr(name, "cons") != NULL);
	int rc = read_rows(&o, data, len, name, primary_row);
	if (rc == 0)
		rc = parse_remarks(&o);
	ofac_release(&o);
	return rc;
}

/* Path of `base` in dir, trying the name as given and in upper case (the
 * OFAC download service names files SDN.CSV). *found 0 if neither exists. */
static void sibling(const char *dir, const char *base, char *out, size_t outlen, int *found)
{
	struct stat st;
	snprintf(out, outlen, "%s/%s", dir, base);
	if (stat(out, &st) == 0 && S_ISREG(st.st_mode)) {
		*found = 1;
		return;
	}
	char up[64];
	size_t n = strlen(base);
	for (size_t i = 0; i <= n && i < sizeof up; i++) {
		char c = base[i];
		up[i] = (c >= 'a' && c <= 'z') ? (char)(c - 'a' + 'A') : c;
	}
	up[sizeof up - 1] = '\0';
	snprintf(out, outlen, "%s/%s", dir, up);
	*found = stat(out, &st) == 0 && S_ISREG(st.st_mode);
}

static int read_file_rows(ofac *o, const char *path, row_fn fn, int64_t *mtime)
{
	char *data;
	size_t len;
	int rc = cen__ld_read(o->ld, path, &data, &len, mtime);
	if (rc)
		return rc;
	rc = read_rows(o, data, len, path, fn);
	cen_free(data);
	return rc;
}

static int lower_eq(const char *a, const char *b)
{
	for (; *a && *b; a++, b++) {
		char c = *a;
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (c != *b)
			return 0;
	}
	return *a == *b;
}

int cen__ofac_load_path(cen__load *ld, const char *path)
{
	static const char *const sdn_set[4] = {"sdn.csv", "add.csv", "alt.csv", "sdn_comments.csv"};
	static const char *const cons_set[4] = {"cons_prim.csv", "cons_add.csv", "cons_alt.csv",
						"cons_comments.csv"};
	char dir[4096], file[4200];
	const char *const *set = NULL;
	int only_primary = 0, found = 0;
	struct stat st;
	if (stat(path, &st) != 0)
		return cen__ld_fail(ld, CEN_EIO, "%s: cannot open", path);
	if (S_ISDIR(st.st_mode)) {
		snprintf(dir, sizeof dir, "%s", path);
		sibling(dir, "sdn.csv", file, sizeof file, &found);
		set = sdn_set;
		if (!found) {
			sibling(dir, "cons_prim.csv", file, sizeof file, &found);
			set = cons_set;
		}
		if (!found)
			return cen__ld_fail(ld, CEN_EPARSE,
					    "%s: folder has no sdn.csv or cons_prim.csv (an OFAC list "
					    "needs its primary file; add.csv/alt.csv/comments alone are "
					    "not a list)",
					    path);
	} else {
		const char *slash = strrchr(path, '/');
		const char *base = slash ? slash + 1 : path;
		if (slash)
			snprintf(dir, sizeof dir, "%.*s", (int)(slash - path), path);
		else
			snprintf(dir, sizeof dir, ".");
		snprintf(file, sizeof file, "%s", path);
		if (lower_eq(base, "sdn.csv"))
			set = sdn_set;
		else if (lower_eq(base, "cons_prim.csv"))
			set = cons_set;
		else
			only_primary = 1, set = strstr(base, "cons") ? cons_set : sdn_set;
	}
	ofac o;
	ofac_init(&o, ld, set == cons_set);
	int64_t mtime = 0;
	int rc = read_file_rows(&o, file, primary_row, &mtime);
	static const row_fn fns[4] = {primary_row, add_row, alt_row, comment_row};
	for (int i = 1; i < 4 && rc == 0 && !only_primary; i++) {
		sibling(dir, set[i], file, sizeof file, &found);
		if (!found) {
			cen__ld_diag(ld, 0, path, 0, NULL, "no %s next to %s", set[i], set[0]);
			continue;
		}
		rc = read_file_rows(&o, file, fns[i], NULL);
	}
	if (rc == 0)
		rc = parse_remarks(&o);
	ofac_release(&o);
	ld->date = mtime;
	ld->date_from_source = 0;
	return rc;
}
