/* parse.h - exact field parsers for transaction readers (internal to txn).
 *
 * Hand-written, allocation-free, locale-free: decimal amounts to integer
 * minor units (no floating point), timestamps to epoch seconds with a
 * one-entry cache of the last date. Each returns 0 or a TXP_* reason.
 */
#ifndef CEN_TXN_PARSE_H
#define CEN_TXN_PARSE_H

#include <stddef.h>
#include <stdint.h>

enum {
	TXP_OK = 0,
	TXP_EMPTY,      /* nothing but blanks */
	TXP_SYNTAX,     /* not a number / not a timestamp */
	TXP_RANGE,      /* out of range (overflow, month 13, ...) */
	TXP_NEGATIVE,   /* amount below zero */
};

/* A short English phrase for a TXP_* reason ("not a number", ...). */
const char *cen__txp_reason(int why, int is_time);

/* Parses a decimal ("9500.00", "147.8", "1e-05", "+3") into units of
 * 10^-exp: value * 10^exp, rounded half away from zero when the input has
 * more decimals than exp. Leading/trailing blanks are ignored. The result
 * must stay within 10^15 major units (and within int64 for exp > 3, e.g.
 * 9.2e10 BTC), else TXP_RANGE; exp must be 0..8. */
int cen__parse_amount(const char *s, size_t len, int exp, int64_t *out);

typedef struct cen__date_cache {
	char key[10];   /* last "YYYY-MM-DD" prefix parsed (separator as given) */
	int64_t days;   /* its days since epoch */
	int valid;
	/* The last whole calendar timestamp and its value: rows in time order
	 * repeat it (AMLworld has minute resolution). */
	char full[32];
	size_t full_len; /* 0: none */
	int64_t full_ts;
} cen__date_cache;

/* Timestamp forms: "YYYY-MM-DD", "YYYY-MM-DD[T ]HH:MM[:SS[.frac]][Z|+HH[:MM]|-HH[:MM]]"
 * with '-' or '/' in the date, and plain integers (optionally with a
 * fraction, truncated), returned in *num_out with *is_num = 1 so the caller
 * applies its time unit. Calendar forms give epoch seconds (UTC). */
int cen__parse_time(const char *s, size_t len, cen__date_cache *dc, int64_t *out,
		    int *is_num);

/* Trims ASCII blanks (space, tab) from both ends. */
static inline void cen__trim(const char **s, size_t *len)
{
	const char *p = *s;
	size_t n = *len;
	/* Bytes above ' ' at both ends: nothing to trim (one test each). */
	if (n == 0 || ((unsigned char)p[0] > ' ' && (unsigned char)p[n - 1] > ' '))
		return;
	while (n && (*p == ' ' || *p == '\t')) {
		p++;
		n--;
	}
	while (n && (p[n - 1] == ' ' || p[n - 1] == '\t'))
		n--;
	*s = p;
	*len = n;
}

#endif
