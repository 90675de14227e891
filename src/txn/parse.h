/* parse.h - exact field parsers for transaction readers (internal to txn).
 *
 * Hand-written, allocation-free, locale-free: decimal amounts to integer
 * minor units (no floating point), timestamps to epoch seconds with a
 * one-entry cache of the last date and minute. Each returns 0 or a TXP_*
 * reason.
 */
#ifndef CEN_TXN_PARSE_H
#define CEN_TXN_PARSE_H

#include <stddef.h>
#include <stdint.h>

#include "centinela/txn.h"
#include "core/bytes.h"

enum {
	TXP_OK = 0,
	TXP_EMPTY,      /* nothing but blanks */
	TXP_SYNTAX,     /* not a number / not a timestamp */
	TXP_RANGE,      /* out of range (overflow, month 13, ...) */
	TXP_NEGATIVE,   /* amount below zero */
};

/* A short English phrase for a TXP_* reason ("not a number", ...). */
const char *cen__txp_reason(int why, int is_time);

/* 10^0 .. 10^19. */
extern const uint64_t cen__pow10[20];

/* Parses a decimal ("9500.00", "147.8", "1e-05", "+3") into units of
 * 10^-exp: value * 10^exp, rounded half away from zero when the input has
 * more decimals than exp. Leading/trailing blanks are ignored. The result
 * must stay within 10^15 major units (and within int64 for exp > 3, e.g.
 * 9.2e10 BTC), else TXP_RANGE; exp must be 0..8. The general parser;
 * cen__parse_amount below gives the same answer for every input. */
int cen__parse_amount_general(const char *s, size_t len, int exp, int64_t *out);

/* cen__parse_amount_general with plain decimals first: digits with an
 * optional point and at most exp decimals ("158.81", "9500", "12.5"), at
 * most 15 integer digits and 18 in all (so the value fits and is below
 * every cap). Anything else (signs, blanks, exponents, more decimals, a
 * bare point) goes to the general parser. Same answer for every input. */
int cen__parse_amount_digits(const char *s, size_t len, int exp, int64_t *out);

/* "I.FF" with 1..5 integer digits (4..8 bytes), exp 2..8: 1 with the value
 * in *out, 0 when s is not of that form (nothing written). The bytes are
 * read in two overlapping 4-byte loads, right-aligned in one word (most
 * significant digit first, byte 7 the last), checked and converted a word
 * at a time. */
static inline int cen__amount_short(const char *s, size_t len, int exp, int64_t *out)
{
	if (len - 4 > 4 || (unsigned)exp - 2 > 6 || s[len - 3] != '.')
		return 0;
	unsigned shift = 8 * (8 - (unsigned)len); /* 0..32 */
	uint64_t w = cen__load32(s + len - 4) << 32 | (uint32_t)(cen__load32(s) << shift);
	/* The point (byte 5, tested above) made a '0', and '0' in the bytes
	 * below the field: eight digit bytes d0..d7 when it is of the form,
	 * d5 = 0. */
	static const uint64_t zeros[5] = {0x30303030ULL, 0x303030ULL, 0x3030ULL, 0x30ULL, 0};
	w = (w ^ (uint64_t)('.' ^ '0') << 40) | zeros[len - 4];
	/* Digits exactly when no byte of v borrowed or exceeds 9: the lowest
	 * byte that is not a digit has bit 7 set in v (below '0') or in
	 * v + 0x76 (above '9'; the bytes under it add no carry). */
	uint64_t v = w - 0x3030303030303030ULL;
	if ((v | (v + 0x7676767676767676ULL)) & 0x8080808080808080ULL)
		return 0;
	/* Pairs 10 d(2i) + d(2i+1) in bytes 0, 2, 4, 6; the value in minor
	 * units of 10^-2 is d0..d4 * 100 + d6 d7, with pair 2 = 10 d4:
	 * pair0 10^5 + pair1 10^3 + pair2 10 + pair3, summed in the high
	 * halves of two products (the low halves stay below 2^11). */
	v = v * 10 + (v >> 8);
	v = (((v & 0x000000FF000000FFULL) * (10 + (100000ULL << 32))) +
	     (((v >> 16) & 0x000000FF000000FFULL) * (1 + (1000ULL << 32)))) >> 32;
	*out = (int64_t)((uint32_t)v * cen__pow10[exp - 2]);
	return 1;
}

/* Same answer as cen__parse_amount_general for every input. */
static inline int cen__parse_amount(const char *s, size_t len, int exp, int64_t *out)
{
	if (cen__amount_short(s, len, exp, out))
		return TXP_OK;
	return cen__parse_amount_digits(s, len, exp, out);
}

typedef struct cen__date_cache {
	char key[10];   /* last "YYYY-MM-DD" prefix parsed (separator as given) */
	int64_t days;   /* its days since epoch */
	int valid;
	/* The last whole calendar timestamp and its value: rows in time order
	 * repeat it (AMLworld has minute resolution). */
	char full[32];
	size_t full_len; /* 0: none */
	int64_t full_ts;
	/* The first 16 bytes ("YYYY-MM-DDTHH:MM") of the last calendar
	 * timestamp parsed whole, and their value (seconds field excluded):
	 * rows in time order share their minute. */
	char minute[16];
	int64_t minute_ts;
	int minute_valid;
} cen__date_cache;

/* Timestamp forms: "YYYY-MM-DD", "YYYY-MM-DD[T ]HH:MM[:SS[.frac]][Z|+HH[:MM]|-HH[:MM]]"
 * with '-' or '/' in the date, and plain integers (optionally with a
 * fraction, truncated), returned in *num_out with *is_num = 1 so the caller
 * applies its time unit. Calendar forms give epoch seconds (UTC). dc may be
 * NULL (no caching). The general parser; cen__parse_time below gives the
 * same answer for every input. */
int cen__parse_time_general(const char *s, size_t len, cen__date_cache *dc, int64_t *out,
			    int *is_num);

/* cen__parse_time_general with the canonical form inline: exactly
 * "YYYY-MM-DDTHH:MM:SSZ" whose first 16 bytes are those of dc->minute
 * (so already checked: date, hour and minute in range) needs only its
 * seconds (00..60, as the general parser allows) read. Anything else,
 * including the first row of each minute, goes to the general parser,
 * which sets dc->minute. The last four bytes ":SSZ" are tested as one
 * word: XOR-ed with ":00Z" they must be 0, d1, d2, 0 with each d below
 * 10 (a byte is a digit exactly when its XOR with '0' is below 10). */
static inline int cen__parse_time(const char *s, size_t len, cen__date_cache *dc, int64_t *out,
				  int *is_num)
{
	if (dc && len == 20 && dc->minute_valid && cen__bytes_eq(dc->minute, s, 16)) {
		uint32_t w = (uint32_t)cen__load32(s + 16) ^ (':' | '0' << 8 | '0' << 16 | 'Z' << 24);
		/* Bytes 0 and 3 zero, 1 and 2 below 16, and below 10 (no
		 * carry out of a byte below 16 plus 6). */
		if (((w & 0xFFF0F0FFu) | ((w + 0x060600u) & 0xF0F000u)) == 0) {
			unsigned sec = (w >> 8 & 0xFF) * 10 + (w >> 16);
			if (sec <= 60) {
				*out = dc->minute_ts + sec;
				*is_num = 0;
				return TXP_OK;
			}
		}
	}
	return cen__parse_time_general(s, len, dc, out, is_num);
}

/* The channel (a cen_channel) of s[0..n) when it is one of the spellings
 * of cen_channel_parse of 3 to 8 bytes ("card", "ACH", "Cheque",
 * "bitcoin", "transfer", ...) in any ASCII case; -1 for anything else,
 * which the caller gives to cen_channel_parse. The bytes are read as one
 * word (two overlapping 4-byte loads, or three bytes) and OR-ing 0x20 into
 * each folds exactly the upper-case letters onto the lower-case ones the
 * spellings are written in (every byte of them is a letter), so a word is
 * recognised in one to three integer compares. Reads only [s, s + n). */
static inline int cen__channel_word(const char *s, size_t n)
{
	uint64_t k;
	if (n - 3 > 5)
		return -1;
	if (n == 3) {
		k = ((unsigned char)s[0] | (unsigned char)s[1] << 8 | (unsigned char)s[2] << 16) |
		    0x202020;
	} else {
		k = (cen__load32(s) | cen__load32(s + n - 4) << 32) | 0x2020202020202020ULL;
	}
	/* w as that word: a constant where this is inlined. */
#define CEN__CH_IS(w, ch)                                                        \
	if (k == (sizeof w - 1 == 3 ? (uint64_t)(w[0] | w[1] << 8 | w[2] << 16)          \
				    : cen__load32(w) | cen__load32(&w[sizeof w - 5]) << 32)) \
	return ch
	switch (n) {
	case 3:
		CEN__CH_IS("ach", CEN_CH_ACH);
		CEN__CH_IS("btc", CEN_CH_CRYPTO);
		break;
	case 4:
		CEN__CH_IS("card", CEN_CH_CARD);
		CEN__CH_IS("cash", CEN_CH_CASH);
		CEN__CH_IS("wire", CEN_CH_WIRE);
		break;
	case 5:
		CEN__CH_IS("check", CEN_CH_CHEQUE);
		break;
	case 6:
		CEN__CH_IS("cheque", CEN_CH_CHEQUE);
		CEN__CH_IS("crypto", CEN_CH_CRYPTO);
		break;
	case 7:
		CEN__CH_IS("bitcoin", CEN_CH_CRYPTO);
		CEN__CH_IS("unknown", CEN_CH_UNKNOWN);
		break;
	default:
		CEN__CH_IS("transfer", CEN_CH_WIRE);
		break;
	}
#undef CEN__CH_IS
	return -1;
}

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
