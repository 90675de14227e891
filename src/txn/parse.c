/* parse.c - exact decimal amounts and fast timestamps for transaction rows.
 *
 * Amounts never pass through a double: up to 18 significant digits are
 * accumulated into a uint64 mantissa with a decimal exponent, then scaled to
 * the currency's minor unit with integer multiply/divide, rounding half away
 * from zero. Timestamps are parsed at fixed positions; the date part (the
 * first 10 bytes) and the minute (the first 16) are cached because
 * consecutive rows share them.
 *
 * Three layers, each giving the same answer as the one below for every
 * input (test_txn_parse compares them): the inline "I.FF" amount and
 * cached-minute timestamp in parse.h, cen__parse_amount_digits for plain
 * decimals, and the general parsers here.
 *
 * What must hold: no input makes these read outside [s, s+len), overflow
 * anything or call into libc's locale-dependent parsers.
 */
#include "txn/parse.h"

#include <string.h>

#include "core/timeutil.h"
#include "core/bytes.h"

const uint64_t cen__pow10[20] = {
	1ULL, 10ULL, 100ULL, 1000ULL, 10000ULL, 100000ULL, 1000000ULL, 10000000ULL,
	100000000ULL, 1000000000ULL, 10000000000ULL, 100000000000ULL,
	1000000000000ULL, 10000000000000ULL, 100000000000000ULL,
	1000000000000000ULL, 10000000000000000ULL, 100000000000000000ULL,
	1000000000000000000ULL, 10000000000000000000ULL,
};

const char *cen__txp_reason(int why, int is_time)
{
	switch (why) {
	case TXP_EMPTY:
		return "empty";
	case TXP_SYNTAX:
		return is_time ? "not a timestamp" : "not a number";
	case TXP_RANGE:
		return "out of range";
	case TXP_NEGATIVE:
		return "negative amount";
	default:
		return "ok";
	}
}

static inline int is_digit(char c) { return (unsigned)(c - '0') < 10u; }

int cen__parse_amount_digits(const char *s, size_t len, int exp, int64_t *out)
{
	if (len - 1 < 24 && (unsigned)exp <= 8) {
		uint64_t v = 0;
		size_t i = 0;
		unsigned d;
		while (i < len && (d = (unsigned)(unsigned char)s[i] - '0') < 10) {
			v = v * 10 + d;
			i++;
		}
		size_t nint = i;
		if (nint - 1 < 15 && nint + (size_t)exp <= 18) {
			if (i == len) {
				*out = (int64_t)(v * cen__pow10[exp]);
				return TXP_OK;
			}
			size_t nfrac = len - i - 1;
			if (s[i] == '.' && nfrac - 1 < (size_t)exp) {
				for (i++; i < len && (d = (unsigned)(unsigned char)s[i] - '0') < 10; i++)
					v = v * 10 + d;
				if (i == len) {
					*out = (int64_t)(v * cen__pow10[(size_t)exp - nfrac]);
					return TXP_OK;
				}
			}
		}
	}
	return cen__parse_amount_general(s, len, exp, out);
}

int cen__parse_amount_general(const char *s, size_t len, int exp, int64_t *out)
{
	*out = 0;
	if (exp < 0 || exp > 8)
		return TXP_RANGE;
	cen__trim(&s, &len);
	if (!len)
		return TXP_EMPTY;
	const char *p = s, *e = s + len;
	int neg = 0;
	if (*p == '+' || *p == '-') {
		neg = *p == '-';
		p++;
	}
	uint64_t mant = 0;
	int sig = 0, ndig = 0;
	long dexp = 0; /* value = mant * 10^dexp */
	/* Fast path: plain digits with an optional point. */
	for (; p < e && is_digit(*p); p++) {
		ndig++;
		if (sig < 18) {
			if (mant || *p != '0') {
				mant = mant * 10 + (uint64_t)(*p - '0');
				sig++;
			}
		} else {
			dexp++;
		}
	}
	if (p < e && *p == '.') {
		p++;
		for (; p < e && is_digit(*p); p++) {
			ndig++;
			if (sig < 18) {
				if (mant || *p != '0')
					sig++;
				mant = mant * 10 + (uint64_t)(*p - '0');
				dexp--;
			}
		}
	}
	if (!ndig)
		return TXP_SYNTAX;
	if (p < e && (*p == 'e' || *p == 'E')) {
		p++;
		int eneg = 0;
		if (p < e && (*p == '+' || *p == '-')) {
			eneg = *p == '-';
			p++;
		}
		long ev = 0;
		int edig = 0;
		for (; p < e && is_digit(*p); p++, edig++)
			if (ev < 100000)
				ev = ev * 10 + (*p - '0');
		if (!edig)
			return TXP_SYNTAX;
		dexp += eneg ? -ev : ev;
	}
	if (p != e)
		return TXP_SYNTAX;
	uint64_t max = 15 + exp <= 18 ? cen__pow10[15 + exp] : (uint64_t)INT64_MAX;
	long shift = dexp + exp;
	uint64_t v;
	if (mant == 0) {
		v = 0;
	} else if (shift >= 0) {
		if (shift > 18 || mant > max / cen__pow10[shift])
			return TXP_RANGE;
		v = mant * cen__pow10[shift];
	} else if (shift < -19) {
		v = 0;
	} else {
		uint64_t d = cen__pow10[-shift];
		v = mant / d;
		if ((mant % d) >= d - (mant % d)) /* remainder >= d/2, no overflow */
			v++;
	}
	if (v > max)
		return TXP_RANGE;
	if (neg && v)
		return TXP_NEGATIVE;
	*out = (int64_t)v;
	return TXP_OK;
}

static inline int two(const char *p, unsigned *v)
{
	if (!is_digit(p[0]) || !is_digit(p[1]))
		return 0;
	*v = (unsigned)(p[0] - '0') * 10 + (unsigned)(p[1] - '0');
	return 1;
}

static int days_in_month(int y, unsigned m)
{
	static const unsigned char dm[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return dm[m - 1];
}

static int parse_date(const char *s, int64_t *days)
{
	unsigned y1, y2, m, d;
	if (!two(s, &y1) || !two(s + 2, &y2) || !two(s + 5, &m) || !two(s + 8, &d))
		return TXP_SYNTAX;
	int y = (int)(y1 * 100 + y2);
	if (m < 1 || m > 12 || d < 1 || (int)d > days_in_month(y, m))
		return TXP_RANGE;
	*days = cen__days_from_civil(y, m, d);
	return TXP_OK;
}

static int parse_number_time(const char *p, const char *e, int64_t *out)
{
	int neg = 0;
	if (p < e && (*p == '-' || *p == '+')) {
		neg = *p == '-';
		p++;
	}
	int64_t v = 0;
	int nd = 0;
	for (; p < e && is_digit(*p); p++, nd++) {
		if (nd >= 15) /* beyond year 30,000,000: nonsense */
			return TXP_RANGE;
		v = v * 10 + (*p - '0');
	}
	if (!nd)
		return TXP_SYNTAX;
	if (p < e && *p == '.') {
		p++;
		while (p < e && is_digit(*p))
			p++;
	}
	if (p != e)
		return TXP_SYNTAX;
	*out = neg ? -v : v;
	return TXP_OK;
}

int cen__parse_time_general(const char *s, size_t len, cen__date_cache *dc, int64_t *out,
			    int *is_num)
{
	*out = 0;
	*is_num = 0;
	cen__trim(&s, &len);
	if (!len)
		return TXP_EMPTY;
	const char *e = s + len;
	if (dc && len == dc->full_len && cen__bytes_eq(dc->full, s, len)) {
		*out = dc->full_ts;
		return TXP_OK;
	}
	if (len < 10 || (s[4] != '-' && s[4] != '/') || s[7] != s[4]) {
		*is_num = 1;
		return parse_number_time(s, e, out);
	}
	int64_t days;
	if (dc && dc->valid && cen__bytes_eq(dc->key, s, 10)) {
		days = dc->days;
	} else {
		int rc = parse_date(s, &days);
		if (rc)
			return rc;
		if (dc) {
			memcpy(dc->key, s, 10);
			dc->days = days;
			dc->valid = 1;
		}
	}
	int64_t t = days * 86400;
	const char *p = s + 10;
	if (p == e) {
		*out = t;
		return TXP_OK;
	}
	if (*p != 'T' && *p != ' ' && *p != 't')
		return TXP_SYNTAX;
	p++;
	unsigned hh, mm, ss = 0;
	if (e - p < 5 || !two(p, &hh) || p[2] != ':' || !two(p + 3, &mm))
		return TXP_SYNTAX;
	p += 5;
	if (e - p >= 3 && p[0] == ':') {
		if (!two(p + 1, &ss))
			return TXP_SYNTAX;
		p += 3;
		if (p < e && (*p == '.' || *p == ',')) {
			p++;
			const char *f = p;
			while (p < e && is_digit(*p))
				p++;
			if (p == f)
				return TXP_SYNTAX;
		}
	}
	if (hh > 23 || mm > 59 || ss > 60)
		return TXP_RANGE;
	int64_t t_minute = t + (int64_t)hh * 3600 + mm * 60;
	t = t_minute + ss;
	if (p < e) {
		if ((*p == 'Z' || *p == 'z') && p + 1 == e) {
			p++;
		} else if (*p == '+' || *p == '-') {
			int sign = *p == '-' ? -1 : 1;
			unsigned oh, om = 0;
			p++;
			if (e - p < 2 || !two(p, &oh))
				return TXP_SYNTAX;
			p += 2;
			if (p < e && *p == ':')
				p++;
			if (p < e) {
				if (e - p != 2 || !two(p, &om))
					return TXP_SYNTAX;
				p += 2;
			}
			if (oh > 18 || om > 59)
				return TXP_RANGE;
			t -= sign * ((int64_t)oh * 3600 + om * 60);
		} else {
			return TXP_SYNTAX;
		}
	}
	if (p != e)
		return TXP_SYNTAX;
	*out = t;
	if (dc) {
		/* s[0..16) is the date, the separator and HH:MM just read. */
		memcpy(dc->minute, s, sizeof dc->minute);
		dc->minute_ts = t_minute;
		dc->minute_valid = 1;
	}
	if (dc && len <= sizeof dc->full) {
		memcpy(dc->full, s, len);
		dc->full_len = len;
		dc->full_ts = t;
	}
	return TXP_OK;
}
