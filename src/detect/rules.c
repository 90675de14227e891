/* rules.c - parser of the rules file, a TOML subset (include/centinela/rules.h,
 * docs/rules.md).
 *
 * A single forward pass over the whole text with a line counter. The text is
 * first checked to be valid UTF-8, so every later byte test can be ASCII.
 * Strings are decoded into a scratch cen_buf then copied into the arena;
 * arrays are gathered in scratch vectors then copied, so the handle holds
 * only arena memory plus the two table/value vectors.
 *
 * What must hold: any input either yields a complete rules set or an error
 * naming file, line and key, never a partial handle; every scratch buffer
 * is capped (CEN_RULES_MAX_*); no read past text + len (the text need not
 * be NUL-terminated).
 */
#include "detect/cash_rules.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "centinela/io.h"
#include "core/timeutil.h"
#include "core/utf8.h"
#include "core/banned.h"

struct parser {
	const char *p, *end;
	const char *name;
	uint64_t line;
	cen_rules *r;
	size_t cur;          /* index of the current table, SIZE_MAX: none yet */
	const char *key;     /* key being parsed, for messages (NULL: none) */
	cen_buf sbuf;        /* scratch: decoded string */
	char *errbuf;
	size_t errlen;
	cen_diag *diag;
};

static int fail(struct parser *ps, int status, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int fail(struct parser *ps, int status, const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	const char *table = ps->cur != SIZE_MAX ? ps->r->tables[ps->cur].name : "";
	char field[2 * CEN_RULES_MAX_NAME + 8] = "";
	if (ps->key)
		snprintf(field, sizeof field, "%s%s%s", table, *table ? "." : "", ps->key);
	if (ps->errbuf && ps->errlen) {
		if (ps->key)
			snprintf(ps->errbuf, ps->errlen, "%s:%llu: key '%s': %s", ps->name,
				 (unsigned long long)ps->line, field, msg);
		else
			snprintf(ps->errbuf, ps->errlen, "%s:%llu: %s", ps->name,
				 (unsigned long long)ps->line, msg);
	}
	cen_diag_report(ps->diag, 2, ps->name, ps->line, ps->key ? field : NULL, "%s", msg);
	return status;
}

static int at(const struct parser *ps, size_t k, char c)
{
	return (size_t)(ps->end - ps->p) > k && ps->p[k] == c;
}

static int eof(const struct parser *ps)
{
	return ps->p >= ps->end;
}

static void skip_blank(struct parser *ps)
{
	while (!eof(ps) && (*ps->p == ' ' || *ps->p == '\t'))
		ps->p++;
}

/* A comment runs to the end of the line; control characters other than tab
 * are not allowed in it (TOML). */
static int skip_comment(struct parser *ps)
{
	if (eof(ps) || *ps->p != '#')
		return 0;
	for (; !eof(ps) && *ps->p != '\n'; ps->p++) {
		unsigned char c = (unsigned char)*ps->p;
		if ((c < 0x20 && c != '\t' && !(c == '\r' && at(ps, 1, '\n'))) || c == 0x7f)
			return fail(ps, CEN_EPARSE, "control character 0x%02x in a comment", c);
	}
	return 0;
}

/* Skips blanks, comments and line ends (counting lines). */
static int skip_space(struct parser *ps)
{
	for (;;) {
		skip_blank(ps);
		int rc = skip_comment(ps);
		if (rc)
			return rc;
		if (at(ps, 0, '\n')) {
			ps->p++;
			ps->line++;
		} else if (at(ps, 0, '\r') && at(ps, 1, '\n')) {
			ps->p += 2;
			ps->line++;
		} else {
			return 0;
		}
	}
}

/* After a table header or a value: blanks, an optional comment, then a line
 * end or the end of the text. */
static int expect_eol(struct parser *ps, const char *after)
{
	skip_blank(ps);
	int rc = skip_comment(ps);
	if (rc)
		return rc;
	if (eof(ps) || at(ps, 0, '\n') || (at(ps, 0, '\r') && at(ps, 1, '\n')))
		return 0;
	return fail(ps, CEN_EPARSE, "unexpected '%c' after %s (expected end of line)",
		    *ps->p, after);
}

static int is_bare(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	       (c >= '0' && c <= '9') || c == '_' || c == '-';
}

/* The scratch string grew past its cap or memory ran out. */
static int buf_fail(struct parser *ps, int rc)
{
	if (rc == CEN_ELIMIT)
		return fail(ps, CEN_ELIMIT, "string longer than %u bytes", CEN_RULES_MAX_STRING);
	if (rc)
		return fail(ps, CEN_ENOMEM, "out of memory");
	return 0;
}

/* Appends code point cp to the scratch string, refusing what TOML refuses in
 * strings and what we refuse (NUL). */
static int put_cp(struct parser *ps, uint32_t cp)
{
	if (cp == 0)
		return fail(ps, CEN_EPARSE, "NUL (\\u0000) is not allowed in a string");
	if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		return fail(ps, CEN_EPARSE, "escape \\u%04X is not a Unicode scalar value", cp);
	char tmp[4];
	size_t n = cen__utf8_encode(cp, tmp);
	return buf_fail(ps, cen_buf_append(&ps->sbuf, tmp, n));
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* A basic "..." or literal '...' string on one line, decoded into ps->sbuf
 * (NUL-terminated). ps->p is at the opening quote. */
static int parse_string(struct parser *ps)
{
	char q = *ps->p;
	if (at(ps, 1, q) && at(ps, 2, q))
		return fail(ps, CEN_EPARSE, "multi-line strings (%c%c%c) are not supported",
			    q, q, q);
	ps->p++;
	cen_buf_reset(&ps->sbuf);
	for (;;) {
		if (eof(ps) || *ps->p == '\n' || *ps->p == '\r')
			return fail(ps, CEN_EPARSE, "unterminated string");
		unsigned char c = (unsigned char)*ps->p;
		if (c == (unsigned char)q) {
			ps->p++;
			break;
		}
		if ((c < 0x20 && c != '\t') || c == 0x7f)
			return fail(ps, CEN_EPARSE, "control character 0x%02x in a string (use an escape)", c);
		if (c == '\\' && q == '"') {
			if (ps->end - ps->p < 2)
				return fail(ps, CEN_EPARSE, "unterminated string");
			char e = ps->p[1];
			ps->p += 2;
			uint32_t cp;
			int digits = 0;
			switch (e) {
			case 'b': cp = '\b'; break;
			case 't': cp = '\t'; break;
			case 'n': cp = '\n'; break;
			case 'f': cp = '\f'; break;
			case 'r': cp = '\r'; break;
			case 'e': cp = 0x1b; break;
			case '"': cp = '"'; break;
			case '\\': cp = '\\'; break;
			case 'u': digits = 4; cp = 0; break;
			case 'U': digits = 8; cp = 0; break;
			default:
				return fail(ps, CEN_EPARSE, "unknown escape '\\%c' in a string",
					    (e >= 0x20 && e < 0x7f) ? e : '?');
			}
			for (int k = 0; k < digits; k++) {
				int h = eof(ps) ? -1 : hexval(*ps->p);
				if (h < 0)
					return fail(ps, CEN_EPARSE, "\\%c needs %d hex digits", e, digits);
				cp = cp * 16 + (uint32_t)h;
				ps->p++;
			}
			int rc = put_cp(ps, cp);
			if (rc)
				return rc;
			continue;
		}
		int rc = buf_fail(ps, cen_buf_putc(&ps->sbuf, (char)c));
		if (rc)
			return rc;
		ps->p++;
	}
	if (ps->sbuf.len == 0 && cen_buf_reserve(&ps->sbuf, 1) == 0)
		ps->sbuf.data[0] = '\0';
	if (!ps->sbuf.data)
		return fail(ps, CEN_ENOMEM, "out of memory");
	return 0;
}

/* A bare or quoted key / table-name part into out (NUL-terminated). */
static int parse_name(struct parser *ps, char *out, const char *what)
{
	size_t n = 0;
	if (!eof(ps) && (*ps->p == '"' || *ps->p == '\'')) {
		int rc = parse_string(ps);
		if (rc)
			return rc;
		n = ps->sbuf.len;
		if (n == 0 || n >= CEN_RULES_MAX_NAME)
			return fail(ps, CEN_EPARSE, "%s name must have 1 to %d bytes", what,
				    CEN_RULES_MAX_NAME - 1);
		if (memchr(ps->sbuf.data, '.', n))
			return fail(ps, CEN_EPARSE, "'.' is not allowed in a quoted %s name", what);
		memcpy(out, ps->sbuf.data, n);
	} else {
		while (!eof(ps) && is_bare(*ps->p)) {
			if (n + 1 >= CEN_RULES_MAX_NAME)
				return fail(ps, CEN_ELIMIT, "%s name longer than %d bytes", what,
					    CEN_RULES_MAX_NAME - 1);
			out[n++] = *ps->p++;
		}
		if (n == 0) {
			if (eof(ps) || *ps->p == '\n' || *ps->p == '\r')
				return fail(ps, CEN_EPARSE, "expected a %s name", what);
			return fail(ps, CEN_EPARSE, "unexpected '%c' where a %s name was expected",
				    *ps->p, what);
		}
	}
	out[n] = '\0';
	return 0;
}

static int find_table(const cen_rules *r, const char *name, size_t *idx)
{
	for (size_t i = 0; i < r->ntables; i++)
		if (strcmp(r->tables[i].name, name) == 0) {
			*idx = i;
			return 1;
		}
	return 0;
}

static int add_table(struct parser *ps, const char *name)
{
	cen_rules *r = ps->r;
	size_t idx;
	if (find_table(r, name, &idx)) {
		/* The root table exists implicitly; a header can never name it. */
		return fail(ps, CEN_EPARSE, "table [%s] defined twice (first at line %llu)", name,
			    (unsigned long long)r->tables[idx].line);
	}
	if (r->ntables >= CEN_RULES_MAX_TABLES)
		return fail(ps, CEN_ELIMIT, "more than %d tables", CEN_RULES_MAX_TABLES);
	if (r->ntables == r->cap) {
		size_t nc = r->cap ? r->cap * 2 : 16;
		cen__rtable *t = cen_realloc(r->tables, nc * sizeof *t);
		if (!t)
			return fail(ps, CEN_ENOMEM, "out of memory");
		r->tables = t;
		r->cap = nc;
	}
	cen__rtable *t = &r->tables[r->ntables];
	memset(t, 0, sizeof *t);
	t->name = cen__arena_strndup(&r->arena, name, strlen(name));
	if (!t->name)
		return fail(ps, CEN_ENOMEM, "out of memory");
	t->line = ps->line;
	ps->cur = r->ntables++;
	return 0;
}

static int parse_table_header(struct parser *ps)
{
	ps->p++; /* '[' */
	if (at(ps, 0, '['))
		return fail(ps, CEN_EPARSE, "arrays of tables ([[...]]) are not supported");
	char full[CEN_RULES_MAX_NAME];
	char part[CEN_RULES_MAX_NAME];
	size_t n = 0;
	for (;;) {
		skip_blank(ps);
		int rc = parse_name(ps, part, "table");
		if (rc)
			return rc;
		size_t pl = strlen(part);
		if (n + pl + 2 > CEN_RULES_MAX_NAME)
			return fail(ps, CEN_ELIMIT, "table name longer than %d bytes",
				    CEN_RULES_MAX_NAME - 1);
		if (n)
			full[n++] = '.';
		memcpy(full + n, part, pl);
		n += pl;
		full[n] = '\0';
		skip_blank(ps);
		if (at(ps, 0, '.')) {
			ps->p++;
			continue;
		}
		if (at(ps, 0, ']')) {
			ps->p++;
			break;
		}
		return fail(ps, CEN_EPARSE, "expected ']' to close the table header [%s", full);
	}
	ps->key = NULL;
	int rc = add_table(ps, full);
	if (rc)
		return rc;
	return expect_eol(ps, "the table header");
}

/* ---- values ---- */

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static int two(const char *s)
{
	return (s[0] - '0') * 10 + (s[1] - '0');
}

int cen__rules_parse_time(const char *s, size_t len, int64_t *out)
{
	/* YYYY-MM-DD */
	if (len < 10)
		return CEN_EPARSE;
	for (int k = 0; k < 10; k++) {
		if (k == 4 || k == 7) {
			if (s[k] != '-')
				return CEN_EPARSE;
		} else if (!is_digit(s[k])) {
			return CEN_EPARSE;
		}
	}
	int y = two(s) * 100 + two(s + 2);
	int mo = two(s + 5), d = two(s + 8);
	static const int mdays[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (mo < 1 || mo > 12 || d < 1 || d > mdays[mo - 1])
		return CEN_EPARSE;
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	if (mo == 2 && d == 29 && !leap)
		return CEN_EPARSE;
	int64_t t = cen__days_from_civil(y, (unsigned)mo, (unsigned)d) * 86400;
	size_t i = 10;
	if (i == len)
		goto done;
	/* [T t space]HH:MM[:SS[.frac]] */
	if (s[i] != 'T' && s[i] != 't' && s[i] != ' ')
		return CEN_EPARSE;
	i++;
	if (len - i < 5 || !is_digit(s[i]) || !is_digit(s[i + 1]) || s[i + 2] != ':' ||
	    !is_digit(s[i + 3]) || !is_digit(s[i + 4]))
		return CEN_EPARSE;
	int hh = two(s + i), mm = two(s + i + 3), ss = 0;
	i += 5;
	if (i < len && s[i] == ':') {
		if (len - i < 3 || !is_digit(s[i + 1]) || !is_digit(s[i + 2]))
			return CEN_EPARSE;
		ss = two(s + i + 1);
		i += 3;
		if (i < len && s[i] == '.') {
			i++;
			size_t f0 = i;
			while (i < len && is_digit(s[i]))
				i++;
			if (i == f0)
				return CEN_EPARSE;
		}
	}
	if (hh > 23 || mm > 59 || ss > 60)
		return CEN_EPARSE;
	t += hh * 3600 + mm * 60 + ss;
	if (i == len)
		goto done;
	if ((s[i] == 'Z' || s[i] == 'z') && i + 1 == len)
		goto done;
	if ((s[i] == '+' || s[i] == '-') && len - i == 6 && is_digit(s[i + 1]) &&
	    is_digit(s[i + 2]) && s[i + 3] == ':' && is_digit(s[i + 4]) && is_digit(s[i + 5])) {
		int oh = two(s + i + 1), om = two(s + i + 4);
		if (oh > 23 || om > 59)
			return CEN_EPARSE;
		int64_t off = oh * 3600 + om * 60;
		t += s[i] == '+' ? -off : off;
		goto done;
	}
	return CEN_EPARSE;
done:
	*out = t;
	return 0;
}

/* Digits of base with '_' only between two digits. */
static int scan_digits(const char *s, size_t len, int base, size_t *used)
{
	size_t i = 0;
	int prev_digit = 0;
	for (; i < len; i++) {
		char c = s[i];
		int v = hexval(c);
		if (c == '_') {
			if (!prev_digit || i + 1 >= len || hexval(s[i + 1]) < 0 ||
			    hexval(s[i + 1]) >= base)
				return -1;
			prev_digit = 0;
			continue;
		}
		if (v < 0 || v >= base)
			break;
		prev_digit = 1;
	}
	*used = i;
	return i > 0 ? 0 : -1;
}

/* Integer or float per TOML (underscores, 0x/0o/0b, exponent); inf/nan are
 * refused because no rule value can sensibly be infinite. */
static int parse_number(struct parser *ps, const char *s, size_t len, cen__rv *v)
{
	size_t i = 0;
	if (len && (s[0] == '+' || s[0] == '-'))
		i = 1;
	if ((len - i == 3) && (memcmp(s + i, "inf", 3) == 0 || memcmp(s + i, "nan", 3) == 0))
		return fail(ps, CEN_EPARSE, "inf and nan are not accepted in a rules file");
	if (len - i > 2 && s[i] == '0' && (s[i + 1] == 'x' || s[i + 1] == 'o' || s[i + 1] == 'b')) {
		if (i)
			return fail(ps, CEN_EPARSE, "a sign is not allowed before 0x, 0o or 0b");
		int base = s[1] == 'x' ? 16 : s[1] == 'o' ? 8 : 2;
		size_t used;
		if (scan_digits(s + 2, len - 2, base, &used) || used != len - 2)
			return fail(ps, CEN_EPARSE, "'%.*s' is not a valid number", (int)len, s);
		uint64_t acc = 0;
		for (size_t k = 2; k < len; k++) {
			if (s[k] == '_')
				continue;
			uint64_t dv = (uint64_t)hexval(s[k]);
			if (acc > ((uint64_t)INT64_MAX - dv) / (uint64_t)base)
				return fail(ps, CEN_EPARSE, "integer '%.*s' out of range", (int)len, s);
			acc = acc * (uint64_t)base + dv;
		}
		v->kind = CEN__RV_INT;
		v->i = (int64_t)acc;
		v->d = (double)acc;
		return 0;
	}
	size_t used;
	if (scan_digits(s + i, len - i, 10, &used))
		return fail(ps, CEN_EPARSE, "'%.*s' is not a valid value (a string needs quotes)",
			    (int)len, s);
	if (s[i] == '0' && used > 1)
		return fail(ps, CEN_EPARSE, "leading zeros are not allowed in '%.*s'", (int)len, s);
	size_t int_end = i + used;
	size_t k = int_end;
	int is_float = 0;
	if (k < len && s[k] == '.') {
		if (scan_digits(s + k + 1, len - k - 1, 10, &used))
			return fail(ps, CEN_EPARSE, "'%.*s': a '.' must be followed by digits",
				    (int)len, s);
		k += 1 + used;
		is_float = 1;
	}
	if (k < len && (s[k] == 'e' || s[k] == 'E')) {
		k++;
		if (k < len && (s[k] == '+' || s[k] == '-'))
			k++;
		if (k >= len || scan_digits(s + k, len - k, 10, &used))
			return fail(ps, CEN_EPARSE, "'%.*s': bad exponent", (int)len, s);
		k += used;
		is_float = 1;
	}
	if (k != len)
		return fail(ps, CEN_EPARSE, "'%.*s' is not a valid value (a string needs quotes)",
			    (int)len, s);
	char clean[128];
	size_t cn = 0;
	for (size_t m = 0; m < len; m++) {
		if (s[m] == '_')
			continue;
		if (cn + 1 >= sizeof clean)
			return fail(ps, CEN_ELIMIT, "number '%.*s...' too long", 20, s);
		clean[cn++] = s[m];
	}
	clean[cn] = '\0';
	errno = 0;
	if (is_float) {
		char *e;
		double d = strtod(clean, &e);
		if (*e || !isfinite(d))
			return fail(ps, CEN_EPARSE, "number '%s' out of range", clean);
		v->kind = CEN__RV_FLOAT;
		v->d = d;
	} else {
		char *e;
		long long x = strtoll(clean, &e, 10);
		if (*e || errno == ERANGE)
			return fail(ps, CEN_EPARSE, "integer '%s' out of range", clean);
		v->kind = CEN__RV_INT;
		v->i = x;
		v->d = (double)x;
	}
	return 0;
}

/* Bytes of a bare value token: up to blank, ',', ']', '#' or line end. A
 * date-time written with a space ("2025-04-14 10:00") is one token. */
static size_t token_len(const struct parser *ps)
{
	const char *s = ps->p;
	size_t n = 0, max = (size_t)(ps->end - s);
	for (;;) {
		while (n < max && s[n] != ' ' && s[n] != '\t' && s[n] != ',' && s[n] != ']' &&
		       s[n] != '#' && s[n] != '\n' && s[n] != '\r')
			n++;
		if (n == 10 && n + 3 < max && s[n] == ' ' && is_digit(s[n + 1]) &&
		    is_digit(s[n + 2]) && s[n + 3] == ':' && s[4] == '-') {
			n++;
			continue;
		}
		return n;
	}
}

/* A scalar value (string, bool, number, date) into v. */
static int parse_scalar(struct parser *ps, cen__rv *v)
{
	cen_rules *r = ps->r;
	if (eof(ps) || *ps->p == '\n' || *ps->p == '\r' || *ps->p == '#')
		return fail(ps, CEN_EPARSE, "expected a value");
	char c = *ps->p;
	if (c == '"' || c == '\'') {
		int rc = parse_string(ps);
		if (rc)
			return rc;
		v->kind = CEN__RV_STRING;
		v->s = cen__arena_strndup(&r->arena, ps->sbuf.data, ps->sbuf.len);
		return v->s ? 0 : fail(ps, CEN_ENOMEM, "out of memory");
	}
	if (c == '{')
		return fail(ps, CEN_EPARSE, "inline tables ({...}) are not supported");
	size_t n = token_len(ps);
	if (n == 0)
		return fail(ps, CEN_EPARSE, "unexpected '%c' where a value was expected", c);
	const char *s = ps->p;
	ps->p += n;
	if ((n == 4 && memcmp(s, "true", 4) == 0) || (n == 5 && memcmp(s, "false", 5) == 0)) {
		v->kind = CEN__RV_BOOL;
		v->b = n == 4;
		return 0;
	}
	if (n >= 10 && is_digit(s[0]) && s[4] == '-') {
		if (cen__rules_parse_time(s, n, &v->i))
			return fail(ps, CEN_EPARSE, "'%.*s' is not a valid date (YYYY-MM-DD"
				    "[THH:MM[:SS]][Z|+HH:MM])", (int)(n > 40 ? 40 : n), s);
		v->kind = CEN__RV_TIME;
		return 0;
	}
	return parse_number(ps, s, n, v);
}

struct vec {
	void *data;
	size_t n, cap, elem;
};

static int vec_push(struct vec *v, const void *x)
{
	if (v->n == v->cap) {
		size_t nc = v->cap ? v->cap * 2 : 16;
		void *d = cen_realloc(v->data, nc * v->elem);
		if (!d)
			return CEN_ENOMEM;
		v->data = d;
		v->cap = nc;
	}
	memcpy((char *)v->data + v->n * v->elem, x, v->elem);
	v->n++;
	return 0;
}

static int parse_array(struct parser *ps, cen__rv *v)
{
	cen_rules *r = ps->r;
	struct vec strs = {NULL, 0, 0, sizeof(const char *)};
	struct vec nums = {NULL, 0, 0, sizeof(double)};
	uint64_t open_line = ps->line;
	int rc = 0;
	ps->p++; /* '[' */
	for (;;) {
		if ((rc = skip_space(ps)))
			goto out;
		if (eof(ps)) {
			ps->line = open_line;
			rc = fail(ps, CEN_EPARSE, "array opened here is never closed with ']'");
			goto out;
		}
		if (*ps->p == ']') {
			ps->p++;
			break;
		}
		if (*ps->p == '[') {
			rc = fail(ps, CEN_EPARSE, "nested arrays are not supported");
			goto out;
		}
		if (strs.n + nums.n >= CEN_RULES_MAX_ARRAY) {
			rc = fail(ps, CEN_ELIMIT, "array longer than %d elements", CEN_RULES_MAX_ARRAY);
			goto out;
		}
		cen__rv e = {0};
		if ((rc = parse_scalar(ps, &e)))
			goto out;
		if (e.kind == CEN__RV_STRING) {
			if (nums.n) {
				rc = fail(ps, CEN_EPARSE, "array mixes numbers and strings");
				goto out;
			}
			if (vec_push(&strs, &e.s)) {
				rc = fail(ps, CEN_ENOMEM, "out of memory");
				goto out;
			}
		} else if (e.kind == CEN__RV_INT || e.kind == CEN__RV_FLOAT) {
			if (strs.n) {
				rc = fail(ps, CEN_EPARSE, "array mixes strings and numbers");
				goto out;
			}
			double d = e.kind == CEN__RV_INT ? (double)e.i : e.d;
			if (vec_push(&nums, &d)) {
				rc = fail(ps, CEN_ENOMEM, "out of memory");
				goto out;
			}
		} else {
			rc = fail(ps, CEN_EPARSE, "arrays may hold only strings or numbers");
			goto out;
		}
		if ((rc = skip_space(ps)))
			goto out;
		if (at(ps, 0, ',')) {
			ps->p++;
			continue;
		}
		if (at(ps, 0, ']')) {
			ps->p++;
			break;
		}
		if (eof(ps)) {
			ps->line = open_line;
			rc = fail(ps, CEN_EPARSE, "array opened here is never closed with ']'");
		} else {
			rc = fail(ps, CEN_EPARSE, "expected ',' or ']' in an array, found '%c'", *ps->p);
		}
		goto out;
	}
	if (strs.n) {
		v->kind = CEN__RV_STRARR;
		v->n = strs.n;
		v->sa = cen__arena_alloc(&r->arena, strs.n * sizeof(const char *));
		if (!v->sa) {
			rc = fail(ps, CEN_ENOMEM, "out of memory");
			goto out;
		}
		memcpy(v->sa, strs.data, strs.n * sizeof(const char *));
	} else if (nums.n) {
		v->kind = CEN__RV_NUMARR;
		v->n = nums.n;
		v->na = cen__arena_alloc(&r->arena, nums.n * sizeof(double));
		if (!v->na) {
			rc = fail(ps, CEN_ENOMEM, "out of memory");
			goto out;
		}
		memcpy(v->na, nums.data, nums.n * sizeof(double));
	} else {
		v->kind = CEN__RV_EMPTYARR;
	}
out:
	cen_free(strs.data);
	cen_free(nums.data);
	return rc;
}

static int parse_keyval(struct parser *ps)
{
	cen_rules *r = ps->r;
	char key[CEN_RULES_MAX_NAME];
	ps->key = NULL;
	int rc = parse_name(ps, key, "key");
	if (rc)
		return rc;
	ps->key = key;
	skip_blank(ps);
	if (at(ps, 0, '.'))
		return fail(ps, CEN_EPARSE, "dotted keys are not supported; put the key in a [table]");
	if (!at(ps, 0, '='))
		return fail(ps, CEN_EPARSE, "expected '=' after the key");
	ps->p++;
	skip_blank(ps);
	if (ps->cur == SIZE_MAX && (rc = add_table(ps, "")))
		return rc;
	cen__rtable *t = &r->tables[ps->cur];
	for (size_t i = 0; i < t->n; i++)
		if (strcmp(t->vals[i].key, key) == 0)
			return fail(ps, CEN_EPARSE, "set twice (first at line %llu)",
				    (unsigned long long)t->vals[i].line);
	if (r->nkeys >= CEN_RULES_MAX_KEYS)
		return fail(ps, CEN_ELIMIT, "more than %d keys in the file", CEN_RULES_MAX_KEYS);
	cen__rv v = {0};
	v.line = ps->line;
	if (at(ps, 0, '['))
		rc = parse_array(ps, &v);
	else
		rc = parse_scalar(ps, &v);
	if (rc)
		return rc;
	if ((rc = expect_eol(ps, "the value")))
		return rc;
	v.key = cen__arena_strndup(&r->arena, key, strlen(key));
	if (!v.key)
		return fail(ps, CEN_ENOMEM, "out of memory");
	t = &r->tables[ps->cur];
	if (t->n == t->cap) {
		size_t nc = t->cap ? t->cap * 2 : 8;
		cen__rv *vals = cen_realloc(t->vals, nc * sizeof *vals);
		if (!vals)
			return fail(ps, CEN_ENOMEM, "out of memory");
		t->vals = vals;
		t->cap = nc;
	}
	t->vals[t->n++] = v;
	r->nkeys++;
	ps->key = NULL;
	return 0;
}

void cen_rules_free(cen_rules *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->ntables; i++)
		cen_free(r->tables[i].vals);
	cen_free(r->tables);
	cen__arena_release(&r->arena);
	cen_free(r);
}

static cen_rules *rules_new(const char *name)
{
	cen_rules *r = cen_calloc(1, sizeof *r);
	if (!r)
		return NULL;
	cen__arena_init(&r->arena, 4096);
	r->name = cen__arena_strndup(&r->arena, name, strlen(name));
	if (!r->name) {
		cen_rules_free(r);
		return NULL;
	}
	return r;
}

int cen_rules_parse(const char *text, size_t len, const char *name,
		    cen_rules **out, char *errbuf, size_t errlen, cen_diag *diag)
{
	struct parser ps = {0};
	int rc = 0;
	*out = NULL;
	if (errbuf && errlen)
		errbuf[0] = '\0';
	ps.name = name ? name : "<rules>";
	ps.p = text;
	ps.end = text + len;
	ps.line = 1;
	ps.cur = SIZE_MAX;
	ps.errbuf = errbuf;
	ps.errlen = errlen;
	ps.diag = diag;
	cen_buf_init(&ps.sbuf, CEN_RULES_MAX_STRING + 1);
	ps.r = rules_new(ps.name);
	if (!ps.r) {
		rc = fail(&ps, CEN_ENOMEM, "out of memory");
		goto out;
	}
	if (len > CEN_RULES_MAX_FILE) {
		rc = fail(&ps, CEN_ELIMIT, "rules file larger than %u bytes", CEN_RULES_MAX_FILE);
		goto out;
	}
	size_t bad = cen__utf8_validate(text, len);
	if (bad < len) {
		for (size_t i = 0; i < bad; i++)
			ps.line += text[i] == '\n';
		rc = fail(&ps, CEN_EENCODING, "invalid UTF-8 at byte %zu", bad);
		goto out;
	}
	/* A UTF-8 byte order mark is harmless; skip it. */
	ps.p += cen__utf8_bom_len(text, len);
	for (;;) {
		if ((rc = skip_space(&ps)))
			goto out;
		if (eof(&ps))
			break;
		if (*ps.p == '[')
			rc = parse_table_header(&ps);
		else
			rc = parse_keyval(&ps);
		if (rc)
			goto out;
	}
	*out = ps.r;
	ps.r = NULL;
out:
	cen_rules_free(ps.r);
	cen_buf_release(&ps.sbuf);
	return rc;
}

int cen_rules_load(const char *path, cen_rules **out, char *errbuf,
		   size_t errlen, cen_diag *diag)
{
	*out = NULL;
	if (errbuf && errlen)
		errbuf[0] = '\0';
	if (!path) {
		*out = rules_new("");
		return *out ? 0 : CEN_ENOMEM;
	}
	char *data = NULL;
	size_t len = 0;
	char eb[512];
	int rc = cen_read_file(path, CEN_RULES_MAX_FILE, &data, &len, eb, sizeof eb);
	if (rc) {
		if (errbuf && errlen)
			snprintf(errbuf, errlen, "%s", eb);
		cen_diag_report(diag, 2, path, 0, NULL, "%s", eb);
		return rc;
	}
	rc = cen_rules_parse(data, len, path, out, errbuf, errlen, diag);
	cen_free(data);
	return rc;
}
