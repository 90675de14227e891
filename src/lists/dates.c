/* dates.c - partial dates as designation lists write them.
 *
 * Accepted (case-insensitive month names, English three-letter or full):
 *   "25 Dec 1954"  "Dec 1954"  "1954"  "1954-12-25"  "1954-12"  "1954/12/25"
 *   a range "1955 to 1957" / "1955 - 1957" / "01 Jan 1955 to 31 Dec 1957"
 *   (year_to set to the last year), a prefix "circa", "approximately",
 *   "approx.", "about", "ca." (circa set). Anything else is not a date.
 * Years outside 1000..2999 and impossible days are rejected.
 */
#include <stdio.h>
#include <string.h>

#include "core/timeutil.h"

#include "lists/list_int.h"

#include "core/banned.h"

static const char *const months[12] = {
	"january", "february", "march", "april", "may", "june",
	"july", "august", "september", "october", "november", "december",
};

static int lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

typedef struct cur {
	const char *p, *end;
} cur;

static void skip_ws(cur *c)
{
	while (c->p < c->end && (*c->p == ' ' || *c->p == ','))
		c->p++;
}

static int word_is(cur *c, const char *w)
{
	size_t n = strlen(w);
	if ((size_t)(c->end - c->p) < n)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (lower((unsigned char)c->p[i]) != w[i])
			return 0;
	if (c->p + n < c->end && ((lower((unsigned char)c->p[n]) >= 'a' &&
				   lower((unsigned char)c->p[n]) <= 'z')))
		return 0;
	c->p += n;
	return 1;
}

static int number(cur *c, int maxdigits, int *out)
{
	int n = 0, v = 0;
	while (c->p < c->end && is_digit(*c->p) && n < maxdigits + 1) {
		v = v * 10 + (*c->p - '0');
		c->p++;
		n++;
	}
	if (n == 0 || n > maxdigits)
		return -1;
	*out = v;
	return n;
}

static int month_word(cur *c, int *m)
{
	const char *s = c->p;
	size_t n = 0;
	while (s + n < c->end && lower((unsigned char)s[n]) >= 'a' && lower((unsigned char)s[n]) <= 'z')
		n++;
	if (n < 3)
		return -1;
	for (int i = 0; i < 12; i++) {
		size_t ml = strlen(months[i]);
		if (n != 3 && n != ml && !(n == 4 && i == 8)) /* "Sept" */
			continue;
		if (n > ml)
			continue;
		size_t k = 0;
		while (k < n && lower((unsigned char)s[k]) == months[i][k])
			k++;
		if (k == n) {
			*m = i + 1;
			c->p += n;
			if (c->p < c->end && *c->p == '.')
				c->p++;
			return 0;
		}
	}
	return -1;
}

static int valid(int y, int m, int d)
{
	static const int mdays[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (y < 1000 || y > 2999 || m < 0 || m > 12 || d < 0 || d > 31)
		return 0;
	if (d && (!m || d > mdays[m - 1]))
		return 0;
	return 1;
}

/* One date: "25 Dec 1954", "Dec 1954", "1954", ISO forms. */
static int one(cur *c, int *y, int *m, int *d)
{
	*y = *m = *d = 0;
	skip_ws(c);
	const char *save = c->p;
	int v, nd = number(c, 4, &v);
	if (nd == 4) {
		*y = v;
		size_t nd2 = 0;
		while (c->p + 1 + nd2 < c->end && is_digit(c->p[1 + nd2]))
			nd2++;
		if (c->p < c->end && (*c->p == '-' || *c->p == '/') && (nd2 == 1 || nd2 == 2)) {
			char sep = *c->p++;
			if (number(c, 2, m) < 0)
				return -1;
			if (c->p < c->end && *c->p == sep && c->p + 1 < c->end && is_digit(c->p[1])) {
				c->p++;
				if (number(c, 2, d) < 0)
					return -1;
			}
		}
		return valid(*y, *m, *d) ? 0 : -1;
	}
	if (nd == 1 || nd == 2) {
		*d = v;
		skip_ws(c);
		if (month_word(c, m) < 0)
			return -1;
	} else {
		c->p = save;
		if (month_word(c, m) < 0)
			return -1;
	}
	skip_ws(c);
	if (number(c, 4, y) != 4)
		return -1;
	return valid(*y, *m, *d) ? 0 : -1;
}

int cen__parse_date(const char *s, size_t len, cen_date *out)
{
	cur c = {s, s + len};
	cen_date d;
	memset(&d, 0, sizeof d);
	skip_ws(&c);
	if (word_is(&c, "circa") || word_is(&c, "approximately") || word_is(&c, "about") ||
	    word_is(&c, "approx.") || word_is(&c, "approx") || word_is(&c, "ca.") ||
	    word_is(&c, "c.")) {
		d.circa = 1;
		skip_ws(&c);
		if (c.p < c.end && *c.p == '.')
			c.p++;
	}
	int y, m, dd;
	if (one(&c, &y, &m, &dd) < 0)
		return -1;
	d.year = (int16_t)y;
	d.month = (int8_t)m;
	d.day = (int8_t)dd;
	skip_ws(&c);
	if (c.p < c.end) {
		if (word_is(&c, "to") || (*c.p == '-' && c.p++)) {
			int y2, m2, d2;
			if (one(&c, &y2, &m2, &d2) < 0 || y2 < y)
				return -1;
			if (y2 > y) {
				/* A range over years keeps years only. */
				d.year_to = (int16_t)y2;
				d.month = d.day = 0;
			} else if (m2 != m || d2 != dd)
				d.day = 0, d.month = (int8_t)(m2 == m ? m : 0);
			skip_ws(&c);
		}
	}
	while (c.p < c.end && (*c.p == '.' || *c.p == ' '))
		c.p++;
	if (c.p != c.end)
		return -1;
	*out = d;
	return 0;
}

int64_t cen__iso_epoch(const char *s)
{
	int y, mo, d, h = 0, mi = 0, se = 0;
	if (sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2d", &y, &mo, &d, &h, &mi, &se) < 3 || mo < 1 ||
	    mo > 12 || d < 1 || d > 31)
		return 0;
	return cen__days_from_civil(y, (unsigned)mo, (unsigned)d) * 86400 + h * 3600 + mi * 60 + se;
}
