/* load.c - the toolkit every list reader uses: messages, reading input
 * files (caps, hashing, Windows-1252 repair), and filling pending entities.
 *
 * Pending entity arrays live on the heap and grow by doubling: an array
 * holding n elements has capacity cap_for(n) (the next power of two above
 * n), so no capacity field is needed. list.c moves them into the arena when
 * the load commits. Every string is copied into the list arena at once.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "core/utf8.h"
#include "lists/list_int.h"

#include "core/banned.h"

#define MAX_ENCODING_WARNINGS 5

int cen__ld_fail(cen__load *ld, int status, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(ld->list->err, sizeof ld->list->err, fmt, ap);
	va_end(ap);
	return status;
}

void cen__ld_diag(cen__load *ld, int severity, const char *file, uint64_t line,
		  const char *field, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	cen_diag_report(&ld->diag, severity, file, line, field, "%s", msg);
}

int cen__ld_csv_open(cen__load *ld, cen_csv **c, const char *data, size_t len,
		     const char *name, size_t max_fields)
{
	cen_csv_opts opts = {.sep = ',', .max_field = CEN_LIST_MAX_FIELD, .max_fields = max_fields,
			     .max_record = 4 * CEN_LIST_MAX_FIELD};
	int rc = cen_csv_open_mem(c, data, len, name, &opts);
	if (rc)
		return cen__ld_fail(ld, rc, "%s: cannot read: %s", name, cen_strerror(rc));
	return 0;
}

size_t cen__trim(const char **s, size_t len)
{
	const char *p = *s;
	while (len && (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')) {
		p++;
		len--;
	}
	while (len && (p[len - 1] == ' ' || p[len - 1] == '\t' || p[len - 1] == '\r' ||
		       p[len - 1] == '\n'))
		len--;
	*s = p;
	return len;
}

/* Windows-1252 0x80..0x9F; 0 for the five undefined bytes (read as U+FFFD). */
static const uint16_t cp1252_hi[32] = {
	0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
	0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
	0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
	0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0,
};

/* Length of the prefix of s that is valid UTF-8 without NUL bytes. */
static size_t valid_prefix(const char *s, size_t len)
{
	size_t ok = cen__utf8_validate(s, len);
	const char *nul = memchr(s, '\0', ok);
	return nul ? (size_t)(nul - s) : ok;
}

/* Copies data to new UTF-8, reading every byte sequence that is not valid
 * UTF-8 as one Windows-1252 byte and a NUL byte as a space (strings are
 * NUL-terminated). Warns for the first lines concerned. */
static int repair(cen__load *ld, const char *name, const char *data, size_t len,
		  char **out, size_t *out_len)
{
	cen_buf b;
	cen_buf_init(&b, 0);
	int rc = cen_buf_reserve(&b, len + len / 8 + 16);
	uint64_t line = 1, bad_lines = 0, last_bad = 0;
	size_t i = 0;
	while (rc == 0 && i < len) {
		size_t ok = valid_prefix(data + i, len - i);
		for (size_t k = 0; k < ok; k++)
			line += data[i + k] == '\n';
		rc = cen_buf_append(&b, data + i, ok);
		i += ok;
		if (rc || i >= len)
			break;
		unsigned char c = (unsigned char)data[i++];
		uint32_t cp = c >= 0xA0 ? c : (c >= 0x80 ? cp1252_hi[c - 0x80] : ' ');
		if (cp == 0)
			cp = 0xFFFD;
		char enc[4];
		rc = cen_buf_append(&b, enc, cen__utf8_encode(cp, enc));
		if (last_bad != line) {
			last_bad = line;
			if (++bad_lines <= MAX_ENCODING_WARNINGS)
				cen__ld_diag(ld, 1, name, line, NULL,
					     c ? "bytes that are not UTF-8 read as Windows-1252"
					       : "NUL bytes read as spaces");
		}
	}
	if (rc == 0 && bad_lines > MAX_ENCODING_WARNINGS)
		cen__ld_diag(ld, 1, name, 0, NULL,
			     "%llu lines in all had bytes that are not UTF-8 (read as Windows-1252)",
			     (unsigned long long)bad_lines);
	if (rc) {
		cen_buf_release(&b);
		return cen__ld_fail(ld, rc, "%s: %s", name, cen_strerror(rc));
	}
	*out_len = b.len;
	*out = cen_buf_detach(&b);
	return *out ? 0 : CEN_ENOMEM;
}

int cen__ld_take_mem(cen__load *ld, const char *name, const char *data, size_t len,
		     const char **out, size_t *out_len, int *owned)
{
	*owned = 0;
	if (len > CEN_LIST_MAX_FILE)
		return cen__ld_fail(ld, CEN_ELIMIT, "%s: larger than %u bytes", name,
				    CEN_LIST_MAX_FILE);
	cen__sha256_update(&ld->sha, data, len);
	if (valid_prefix(data, len) == len) {
		*out = data;
		*out_len = len;
		return 0;
	}
	char *fixed = NULL;
	int rc = repair(ld, name, data, len, &fixed, out_len);
	if (rc == 0) {
		*out = fixed;
		*owned = 1;
	}
	return rc;
}

int cen__ld_read(cen__load *ld, const char *path, char **data, size_t *len, int64_t *mtime)
{
	*data = NULL;
	*len = 0;
	char err[512];
	char *raw;
	size_t rlen;
	struct stat st;
	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
		return cen__ld_fail(ld, CEN_EIO, "%s: is a folder, expected a file", path);
	int rc = cen_read_file(path, CEN_LIST_MAX_FILE, &raw, &rlen, err, sizeof err);
	if (rc)
		return cen__ld_fail(ld, rc, "%s", err);
	if (mtime)
		*mtime = stat(path, &st) == 0 ? (int64_t)st.st_mtime : 0;
	const char *text;
	int owned;
	rc = cen__ld_take_mem(ld, path, raw, rlen, &text, len, &owned);
	if (rc) {
		cen_free(raw);
		return rc;
	}
	if (owned) {
		cen_free(raw);
		raw = (char *)text;
	}
	*data = raw;
	return 0;
}

const char *cen__ld_str(cen__load *ld, const char *s, size_t len)
{
	len = cen__trim(&s, len);
	return cen__arena_strndup(&ld->list->arena, s, len);
}

/* Makes room for element n of an array grown by doubling (see top). */
static int grow(void **arr, size_t n, size_t elsz)
{
	if (n != 0 && (n & (n - 1)) != 0)
		return 0; /* capacity is the next power of two above n */
	size_t cap = n ? 2 * n : 1;
	void *p = cen_realloc(*arr, cap * elsz);
	if (!p)
		return CEN_ENOMEM;
	*arr = p;
	return 0;
}

cen_entity *cen__ld_entity(cen__load *ld, const char *source_id, size_t len)
{
	cen_list *l = ld->list;
	if (grow((void **)&ld->pending, ld->n_pending, sizeof *ld->pending))
		return NULL;
	cen_entity *e = cen__arena_calloc(&l->arena, sizeof *e);
	if (!e)
		return NULL;
	len = cen__trim(&source_id, len);
	size_t slen = strlen(ld->source);
	char *id = cen__arena_alloc(&l->arena, slen + 1 + len + 1);
	if (!id)
		return NULL;
	memcpy(id, ld->source, slen);
	id[slen] = ':';
	memcpy(id + slen + 1, source_id, len);
	id[slen + 1 + len] = '\0';
	e->id = id;
	e->source = ld->source;
	e->source_id = id + slen + 1;
	ld->pending[ld->n_pending++] = e;
	return e;
}

static int has_str(const char **arr, size_t n, const char *s, size_t len)
{
	for (size_t i = 0; i < n; i++)
		if (strncmp(arr[i], s, len) == 0 && arr[i][len] == '\0')
			return 1;
	return 0;
}

static int add_str(cen__load *ld, const char ***arr, size_t *n, const char *s, size_t len)
{
	len = cen__trim(&s, len);
	if (len == 0 || has_str(*arr, *n, s, len))
		return 0;
	const char *c = cen__arena_strndup(&ld->list->arena, s, len);
	if (!c || grow((void **)arr, *n, sizeof **arr))
		return CEN_ENOMEM;
	(*arr)[(*n)++] = c;
	return 0;
}

static int add_static(const char ***arr, size_t *n, const char *code)
{
	if (!code || has_str(*arr, *n, code, strlen(code)))
		return 0;
	if (grow((void **)arr, *n, sizeof **arr))
		return CEN_ENOMEM;
	(*arr)[(*n)++] = code;
	return 0;
}

int cen__ent_name(cen__load *ld, cen_entity *e, const char *s, size_t len, cen_name_type type)
{
	len = cen__trim(&s, len);
	if (len == 0)
		return 0;
	for (size_t i = 0; i < e->n_names; i++)
		if (strncmp(e->names[i].text, s, len) == 0 && e->names[i].text[len] == '\0')
			return 0;
	const char *c = cen__arena_strndup(&ld->list->arena, s, len);
	if (!c || grow((void **)&e->names, e->n_names, sizeof *e->names))
		return CEN_ENOMEM;
	e->names[e->n_names].text = c;
	e->names[e->n_names].type = type;
	e->n_names++;
	return 0;
}

int cen__ent_dob(cen__load *ld, cen_entity *e, cen_date d)
{
	(void)ld;
	for (size_t i = 0; i < e->n_dobs; i++)
		if (memcmp(&e->dobs[i], &d, sizeof d) == 0)
			return 0;
	if (grow((void **)&e->dobs, e->n_dobs, sizeof *e->dobs))
		return CEN_ENOMEM;
	e->dobs[e->n_dobs++] = d;
	return 0;
}

int cen__ent_pob(cen__load *ld, cen_entity *e, const char *s, size_t len)
{
	return add_str(ld, &e->pobs, &e->n_pobs, s, len);
}

int cen__ent_nationality(cen__load *ld, cen_entity *e, const char *code)
{
	(void)ld;
	return add_static(&e->nationalities, &e->n_nationalities, code);
}

int cen__ent_country(cen__load *ld, cen_entity *e, const char *code)
{
	(void)ld;
	return add_static(&e->countries, &e->n_countries, code);
}

int cen__ent_address(cen__load *ld, cen_entity *e, const char *s, size_t len)
{
	return add_str(ld, &e->addresses, &e->n_addresses, s, len);
}

int cen__ent_program(cen__load *ld, cen_entity *e, const char *s, size_t len)
{
	return add_str(ld, &e->programs, &e->n_programs, s, len);
}

int cen__ent_link(cen__load *ld, cen_entity *e, const char *s, size_t len)
{
	return add_str(ld, &e->links, &e->n_links, s, len);
}

int cen__ent_id(cen__load *ld, cen_entity *e, const char *type, const char *number,
		size_t number_len, const char *country, const char *label, size_t label_len)
{
	number_len = cen__trim(&number, number_len);
	if (number_len == 0)
		return 0;
	for (size_t i = 0; i < e->n_ids; i++) {
		const cen_identifier *x = &e->ids[i];
		if (strcmp(x->type, type) == 0 && strncmp(x->number, number, number_len) == 0 &&
		    x->number[number_len] == '\0' &&
		    (x->country == country || (x->country && country && strcmp(x->country, country) == 0)))
			return 0;
	}
	cen__arena *a = &ld->list->arena;
	const char *num = cen__arena_strndup(a, number, number_len);
	const char *lab = label ? cen__ld_str(ld, label, label_len) : NULL;
	if (!num || (label && !lab) || grow((void **)&e->ids, e->n_ids, sizeof *e->ids))
		return CEN_ENOMEM;
	cen_identifier *x = &e->ids[e->n_ids++];
	x->type = type;
	x->number = num;
	x->country = country;
	x->label = lab;
	return 0;
}

int cen__ent_remark_kv(cen__load *ld, cen_entity *e, const char *label, const char *s,
		       size_t len)
{
	len = cen__trim(&s, len);
	if (len == 0)
		return 0;
	size_t ll = label ? strlen(label) : 0;
	size_t old = e->remarks ? strlen(e->remarks) : 0;
	size_t total = old + (old ? 2 : 0) + ll + (ll ? 1 : 0) + len;
	if (total > CEN_LIST_MAX_FIELD * 4)
		return 0; /* remarks are informative; a cap keeps them bounded */
	char *r = cen__arena_alloc(&ld->list->arena, total + 1);
	if (!r)
		return CEN_ENOMEM;
	size_t k = 0;
	if (old) {
		memcpy(r, e->remarks, old);
		r[old] = ';';
		r[old + 1] = ' ';
		k = old + 2;
	}
	if (ll) {
		memcpy(r + k, label, ll);
		r[k + ll] = ' ';
		k += ll + 1;
	}
	memcpy(r + k, s, len);
	r[total] = '\0';
	e->remarks = r;
	return 0;
}

int cen__ent_remark(cen__load *ld, cen_entity *e, const char *s, size_t len)
{
	return cen__ent_remark_kv(ld, e, NULL, s, len);
}
