/* jsonl.c - a small exact parser for one JSON-lines transaction object.
 *
 * Only what a transaction line needs: one flat object whose members are
 * strings, numbers, booleans or null. Numbers are kept as their text so
 * amounts are parsed exactly (a double would round 0.1). Unknown members may
 * hold anything and are skipped with a depth cap. Strings are validated as
 * UTF-8 only by the caller where it matters (names); escapes, including
 * \uXXXX surrogate pairs, are decoded into scratch.
 *
 * What must hold: never reads outside [s, s+len); scratch is reserved to
 * len bytes before decoding so slices into it never move during a parse.
 */
#include "txn/reader.h"

#include <stdio.h>
#include <string.h>

#include "core/utf8.h"

#define JSON_MAX_DEPTH 64

struct jp {
	const char *s, *p, *e;
	cen_buf *scratch;
	char *why;
	size_t whylen;
};

static void ws(struct jp *j)
{
	while (j->p < j->e && (*j->p == ' ' || *j->p == '\t' || *j->p == '\r' || *j->p == '\n'))
		j->p++;
}

static int fail(struct jp *j, const char *msg)
{
	snprintf(j->why, j->whylen, "%s at byte %zu", msg, (size_t)(j->p - j->s) + 1);
	return CEN_EPARSE;
}

static int hex4(const char *p, uint32_t *v)
{
	uint32_t x = 0;
	for (int i = 0; i < 4; i++) {
		char c = p[i];
		x <<= 4;
		if (c >= '0' && c <= '9')
			x |= (uint32_t)(c - '0');
		else if (c >= 'a' && c <= 'f')
			x |= (uint32_t)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			x |= (uint32_t)(c - 'A' + 10);
		else
			return 0;
	}
	*v = x;
	return 1;
}

/* At an opening quote: decodes the string into *out. */
static int string(struct jp *j, cen_slice *out)
{
	const char *start = ++j->p;
	const char *p = start;
	while (p < j->e && *p != '"' && *p != '\\') {
		if ((unsigned char)*p < 0x20)
			return fail(j, "control character in string");
		p++;
	}
	if (p >= j->e)
		return fail(j, "unterminated string");
	if (*p == '"') {
		out->ptr = start;
		out->len = (size_t)(p - start);
		j->p = p + 1;
		return 0;
	}
	/* Escapes: decode into scratch (reserved, so no reallocation). */
	cen_buf *b = j->scratch;
	size_t off = b->len;
	memcpy(b->data + b->len, start, (size_t)(p - start));
	b->len += (size_t)(p - start);
	while (p < j->e && *p != '"') {
		if ((unsigned char)*p < 0x20)
			return fail(j, "control character in string");
		if (*p != '\\') {
			b->data[b->len++] = *p++;
			continue;
		}
		if (j->e - p < 2)
			return fail(j, "unterminated string");
		char c = p[1];
		p += 2;
		switch (c) {
		case '"': b->data[b->len++] = '"'; break;
		case '\\': b->data[b->len++] = '\\'; break;
		case '/': b->data[b->len++] = '/'; break;
		case 'b': b->data[b->len++] = '\b'; break;
		case 'f': b->data[b->len++] = '\f'; break;
		case 'n': b->data[b->len++] = '\n'; break;
		case 'r': b->data[b->len++] = '\r'; break;
		case 't': b->data[b->len++] = '\t'; break;
		case 'u': {
			uint32_t cp, lo;
			if (j->e - p < 4 || !hex4(p, &cp))
				return fail(j, "bad \\u escape");
			p += 4;
			if (cp >= 0xD800 && cp <= 0xDBFF) {
				if (j->e - p >= 6 && p[0] == '\\' && p[1] == 'u' && hex4(p + 2, &lo) &&
				    lo >= 0xDC00 && lo <= 0xDFFF) {
					cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
					p += 6;
				} else {
					cp = 0xFFFD;
				}
			} else if (cp >= 0xDC00 && cp <= 0xDFFF) {
				cp = 0xFFFD;
			}
			/* An escape takes >= 6 input bytes for <= 4 output bytes
			 * (a pair: 12 for 4), so the reservation holds. */
			b->len += cen__utf8_encode(cp, b->data + b->len);
			break;
		}
		default:
			return fail(j, "bad escape");
		}
	}
	if (p >= j->e)
		return fail(j, "unterminated string");
	j->p = p + 1;
	b->data[b->len] = '\0';
	out->ptr = b->data + off;
	out->len = b->len - off;
	return 0;
}

static int number(struct jp *j, cen_slice *out)
{
	const char *s = j->p, *p = s;
	if (p < j->e && *p == '-')
		p++;
	const char *d = p;
	while (p < j->e && *p >= '0' && *p <= '9')
		p++;
	if (p == d)
		return fail(j, "bad value");
	if (p < j->e && *p == '.') {
		p++;
		d = p;
		while (p < j->e && *p >= '0' && *p <= '9')
			p++;
		if (p == d)
			return fail(j, "bad number");
	}
	if (p < j->e && (*p == 'e' || *p == 'E')) {
		p++;
		if (p < j->e && (*p == '+' || *p == '-'))
			p++;
		d = p;
		while (p < j->e && *p >= '0' && *p <= '9')
			p++;
		if (p == d)
			return fail(j, "bad number");
	}
	out->ptr = s;
	out->len = (size_t)(p - s);
	j->p = p;
	return 0;
}

static int literal(struct jp *j, const char *word, size_t n)
{
	if ((size_t)(j->e - j->p) < n || memcmp(j->p, word, n))
		return fail(j, "bad value");
	j->p += n;
	return 0;
}

/* Skips any value (for members we do not use). */
static int skip_value(struct jp *j, int depth)
{
	cen_slice tmp;
	ws(j);
	if (j->p >= j->e)
		return fail(j, "missing value");
	if (depth > JSON_MAX_DEPTH)
		return fail(j, "nesting too deep");
	char c = *j->p;
	if (c == '"')
		return string(j, &tmp);
	if (c == 't')
		return literal(j, "true", 4);
	if (c == 'f')
		return literal(j, "false", 5);
	if (c == 'n')
		return literal(j, "null", 4);
	if (c != '{' && c != '[')
		return number(j, &tmp);
	char close = c == '{' ? '}' : ']';
	j->p++;
	ws(j);
	if (j->p < j->e && *j->p == close) {
		j->p++;
		return 0;
	}
	for (;;) {
		int rc;
		if (close == '}') {
			ws(j);
			if (j->p >= j->e || *j->p != '"')
				return fail(j, "expected a key");
			if ((rc = string(j, &tmp)))
				return rc;
			ws(j);
			if (j->p >= j->e || *j->p != ':')
				return fail(j, "expected ':'");
			j->p++;
		}
		if ((rc = skip_value(j, depth + 1)))
			return rc;
		ws(j);
		if (j->p < j->e && *j->p == ',') {
			j->p++;
			continue;
		}
		if (j->p < j->e && *j->p == close) {
			j->p++;
			return 0;
		}
		return fail(j, "expected ',' or a closing bracket");
	}
}

int cen__jsonl_parse(const char *s, size_t len, const char *const names[K__COUNT],
		     cen_slice vals[K__COUNT], cen_buf *scratch, int *field,
		     char *why, size_t whylen)
{
	struct jp j = {s, s, s + len, scratch, why, whylen};
	*field = -1;
	why[0] = '\0';
	for (int k = 0; k < K__COUNT; k++) {
		vals[k].ptr = "";
		vals[k].len = 0;
	}
	cen_buf_reset(scratch);
	if (cen_buf_reserve(scratch, len + 1))
		return CEN_ENOMEM;
	int rc;
	ws(&j);
	if (j.p >= j.e || *j.p != '{')
		return fail(&j, "not a JSON object");
	j.p++;
	ws(&j);
	if (j.p < j.e && *j.p == '}') {
		j.p++;
		goto tail;
	}
	for (;;) {
		cen_slice key;
		ws(&j);
		if (j.p >= j.e || *j.p != '"')
			return fail(&j, "expected a key");
		if ((rc = string(&j, &key)))
			return rc;
		ws(&j);
		if (j.p >= j.e || *j.p != ':')
			return fail(&j, "expected ':'");
		j.p++;
		ws(&j);
		int k = -1;
		for (int i = 0; i < K__COUNT; i++) {
			if (names[i] && strlen(names[i]) == key.len &&
			    !memcmp(names[i], key.ptr, key.len)) {
				k = i;
				break;
			}
		}
		if (k < 0) {
			if ((rc = skip_value(&j, 1)))
				return rc;
		} else {
			if (j.p >= j.e)
				return fail(&j, "missing value");
			char c = *j.p;
			cen_slice v = {"", 0};
			if (c == '"') {
				rc = string(&j, &v);
			} else if (c == 't') {
				rc = literal(&j, "true", 4);
				v.ptr = "1";
				v.len = 1;
			} else if (c == 'f') {
				rc = literal(&j, "false", 5);
				v.ptr = "0";
				v.len = 1;
			} else if (c == 'n') {
				rc = literal(&j, "null", 4);
			} else if (c == '{' || c == '[') {
				*field = k;
				snprintf(why, whylen, "not a string or number");
				return CEN_EPARSE;
			} else {
				rc = number(&j, &v);
			}
			if (rc) {
				*field = k;
				return rc;
			}
			vals[k] = v;
		}
		ws(&j);
		if (j.p < j.e && *j.p == ',') {
			j.p++;
			continue;
		}
		if (j.p < j.e && *j.p == '}') {
			j.p++;
			break;
		}
		return fail(&j, "expected ',' or '}'");
	}
tail:
	ws(&j);
	if (j.p != j.e)
		return fail(&j, "trailing bytes after the object");
	return 0;
}
