/* customers_fields.c - parsing the optional values of a customer record:
 * date of birth and kind.
 *
 * Invariants: a parsed date has 1800 <= year <= 2200, month 0..12, day 0..31
 * (0 = unknown); nothing here allocates or reads past len.
 */
#include "centinela/customers.h"

#include <ctype.h>
#include <string.h>

#include "core/banned.h"

/* Reads exactly n digits at s[*i]; returns the value or -1. */
static int digits(const char *s, size_t len, size_t *i, size_t n)
{
	if (*i + n > len)
		return -1;
	int v = 0;
	for (size_t k = 0; k < n; k++) {
		unsigned char c = (unsigned char)s[*i + k];
		if (!isdigit(c))
			return -1;
		v = v * 10 + (c - '0');
	}
	*i += n;
	return v;
}

/* Reads 1 or 2 digits. */
static int small_num(const char *s, size_t len, size_t *i)
{
	int v = digits(s, len, i, 1);
	if (v < 0)
		return -1;
	if (*i < len && isdigit((unsigned char)s[*i]))
		v = v * 10 + (s[(*i)++] - '0');
	return v;
}

static int is_sep(char c)
{
	return c == '-' || c == '/' || c == '.';
}

static int valid(int y, int m, int d)
{
	static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (y < 1800 || y > 2200 || m < 0 || m > 12 || d < 0 || d > 31)
		return 0;
	if (d && !m)
		return 0;
	return !(m && d > mdays[m - 1]);
}

int cen_customer_parse_dob(const char *s, size_t len, cen_date *out)
{
	memset(out, 0, sizeof *out);
	while (len && isspace((unsigned char)s[len - 1]))
		len--;
	while (len && isspace((unsigned char)*s)) {
		s++;
		len--;
	}
	size_t i = 0;
	int y = -1, m = 0, d = 0;
	if (len >= 4 && isdigit((unsigned char)s[0]) && isdigit((unsigned char)s[1]) &&
	    isdigit((unsigned char)s[2]) && isdigit((unsigned char)s[3])) {
		/* Year first: YYYY, YYYY-MM, YYYY-MM-DD, YYYYMMDD. */
		y = digits(s, len, &i, 4);
		if (i == len)
			goto check;
		if (len == 8) {
			m = digits(s, len, &i, 2);
			d = digits(s, len, &i, 2);
			goto check;
		}
		if (!is_sep(s[i]))
			return CEN_EPARSE;
		char sep = s[i++];
		m = small_num(s, len, &i);
		if (m < 0)
			return CEN_EPARSE;
		if (i == len)
			goto check;
		if (s[i++] != sep)
			return CEN_EPARSE;
		d = small_num(s, len, &i);
		goto check;
	}
	/* Year last: a/b/YYYY, day-first or month-first. */
	int a = small_num(s, len, &i);
	if (a < 0 || i >= len || !is_sep(s[i]))
		return CEN_EPARSE;
	char sep = s[i++];
	int b = small_num(s, len, &i);
	if (b < 0 || i >= len || s[i++] != sep)
		return CEN_EPARSE;
	y = digits(s, len, &i, 4);
	if (a > 12 && b <= 12) {
		d = a;
		m = b;
	} else if (b > 12 && a <= 12) {
		m = a;
		d = b;
	} else if (a == b) {
		m = d = a;
	} /* else ambiguous: year only */
check:
	if (y < 0 || m < 0 || d < 0 || i != len || !valid(y, m, d))
		return CEN_EPARSE;
	out->year = (int16_t)y;
	out->month = (int8_t)m;
	out->day = (int8_t)d;
	return 0;
}

static int word_eq(const char *s, size_t len, const char *w)
{
	size_t n = strlen(w);
	if (len != n)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (tolower((unsigned char)s[i]) != w[i])
			return 0;
	return 1;
}

cen_entity_kind cen_customer_parse_kind(const char *s, size_t len)
{
	static const struct {
		const char *word;
		cen_entity_kind kind;
	} words[] = {
		{"person", CEN_KIND_PERSON}, {"individual", CEN_KIND_PERSON},
		{"natural", CEN_KIND_PERSON}, {"p", CEN_KIND_PERSON},
		{"org", CEN_KIND_ORG}, {"organization", CEN_KIND_ORG},
		{"organisation", CEN_KIND_ORG}, {"company", CEN_KIND_ORG},
		{"entity", CEN_KIND_ORG}, {"business", CEN_KIND_ORG},
		{"legal", CEN_KIND_ORG}, {"o", CEN_KIND_ORG},
		{"vessel", CEN_KIND_VESSEL}, {"aircraft", CEN_KIND_AIRCRAFT},
	};
	while (len && isspace((unsigned char)s[len - 1]))
		len--;
	while (len && isspace((unsigned char)*s)) {
		s++;
		len--;
	}
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
		if (word_eq(s, len, words[i].word))
			return words[i].kind;
	return CEN_KIND_UNKNOWN;
}
