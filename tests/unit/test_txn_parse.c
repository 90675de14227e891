/* test_txn_parse.c - exact amounts, timestamps, currencies and channels. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "centinela/txn.h"
#include "txn/parse.h"

static int64_t amt(const char *s, int exp, int want_rc)
{
	int64_t v = -7;
	assert_int_equal(cen__parse_amount(s, strlen(s), exp, &v), want_rc);
	return v;
}

static void test_amounts_exact(void **state)
{
	(void)state;
	assert_int_equal(amt("9500.00", 2, TXP_OK), 950000);
	assert_int_equal(amt("147.8", 2, TXP_OK), 14780);
	assert_int_equal(amt("0.1", 2, TXP_OK), 10);
	assert_int_equal(amt("0.29", 2, TXP_OK), 29); /* 0.29*100 is 28.999... in double */
	assert_int_equal(amt("1.005", 2, TXP_OK), 101); /* half away from zero */
	assert_int_equal(amt("1.004", 2, TXP_OK), 100);
	assert_int_equal(amt(" 12 ", 2, TXP_OK), 1200);
	assert_int_equal(amt("+3", 0, TXP_OK), 3);
	assert_int_equal(amt("1e-05", 8, TXP_OK), 1000);
	assert_int_equal(amt("2.5E3", 2, TXP_OK), 250000);
	assert_int_equal(amt(".5", 2, TXP_OK), 50);
	assert_int_equal(amt("5.", 2, TXP_OK), 500);
	assert_int_equal(amt("0.00011901", 8, TXP_OK), 11901);
	assert_int_equal(amt("1234.56", 0, TXP_OK), 1235); /* yen */
	assert_int_equal(amt("0", 2, TXP_OK), 0);
	assert_int_equal(amt("-0", 2, TXP_OK), 0);
	assert_int_equal(amt("000000000000000000000012.5", 2, TXP_OK), 1250);
	assert_int_equal(amt("0.000000000000000000000000001", 2, TXP_OK), 0);
	assert_int_equal(amt("999999999999999", 2, TXP_OK), 99999999999999900LL);
	amt("1000000000000001", 2, TXP_RANGE);
	amt("1e300", 2, TXP_RANGE);
	amt("92233720369", 8, TXP_RANGE);
	assert_int_equal(amt("92233720368", 8, TXP_OK), 9223372036800000000LL);
	amt("", 2, TXP_EMPTY);
	amt("  ", 2, TXP_EMPTY);
	amt("12,x", 2, TXP_SYNTAX);
	amt("12,000.00", 2, TXP_SYNTAX);
	amt("abc", 2, TXP_SYNTAX);
	amt(".", 2, TXP_SYNTAX);
	amt("1e", 2, TXP_SYNTAX);
	amt("1.2.3", 2, TXP_SYNTAX);
	amt("-5", 2, TXP_NEGATIVE);
	amt("nan", 2, TXP_SYNTAX);
}

static int64_t tm(const char *s, int want_rc, int want_num)
{
	cen__date_cache dc = {0};
	int64_t v = -7;
	int is_num = -1;
	assert_int_equal(cen__parse_time(s, strlen(s), &dc, &v, &is_num), want_rc);
	if (want_rc == TXP_OK)
		assert_int_equal(is_num, want_num);
	/* The cached path gives the same answer. */
	int64_t v2 = -8;
	if (want_rc == TXP_OK) {
		assert_int_equal(cen__parse_time(s, strlen(s), &dc, &v2, &is_num), TXP_OK);
		assert_int_equal(v, v2);
	}
	return v;
}

static void test_timestamps(void **state)
{
	(void)state;
	assert_int_equal(tm("2025-03-01T14:05:00Z", TXP_OK, 0), 1740837900);
	assert_int_equal(tm("2025-03-01 14:05:00", TXP_OK, 0), 1740837900);
	assert_int_equal(tm("2025/03/01 14:05", TXP_OK, 0), 1740837900);
	assert_int_equal(tm("2025-03-01T14:05", TXP_OK, 0), 1740837900);
	assert_int_equal(tm("2025-03-01T14:05:00.123456Z", TXP_OK, 0), 1740837900);
	assert_int_equal(tm("2025-03-01T08:05:00-06:00", TXP_OK, 0), 1740837900);
	assert_int_equal(tm("2025-03-01T15:05:00+0100", TXP_OK, 0), 1740837900);
	assert_int_equal(tm("2025-03-01T15:05:00+01", TXP_OK, 0), 1740837900);
	assert_int_equal(tm("2025-03-01", TXP_OK, 0), 1740787200);
	assert_int_equal(tm("2022/09/01 00:20", TXP_OK, 0), 1661991600);
	assert_int_equal(tm("2024-02-29 00:00:00", TXP_OK, 0), 1709164800);
	assert_int_equal(tm("1740837900", TXP_OK, 1), 1740837900);
	assert_int_equal(tm("17", TXP_OK, 1), 17);
	assert_int_equal(tm("17.9", TXP_OK, 1), 17);
	tm("2023-02-29 00:00:00", TXP_RANGE, 0);
	tm("2025-13-01", TXP_RANGE, 0);
	tm("2025-03-01T24:00", TXP_RANGE, 0);
	tm("2025-03-01T14:60", TXP_RANGE, 0);
	tm("2025-03-01X14:05", TXP_SYNTAX, 0);
	tm("2025-03-01T14:05:00Q", TXP_SYNTAX, 0);
	tm("2025-03-01T14", TXP_SYNTAX, 0);
	tm("2025-3-1 10:00", TXP_SYNTAX, 0);
	tm("yesterday", TXP_SYNTAX, 0);
	tm("", TXP_EMPTY, 0);
	tm("12345678901234567890", TXP_RANGE, 0);
}


/* s copied into a buffer of exactly len bytes, so ASan sees any read past
 * either end. Caller frees. */
static char *exact(const char *s, size_t len)
{
	char *b = malloc(len ? len : 1);
	assert_non_null(b);
	memcpy(b, s, len);
	return b;
}

/* Every layer of the amount parser gives the general parser's answer:
 * cen__amount_short (when it takes the input), cen__parse_amount_digits
 * and cen__parse_amount. */
static void same_amount(const char *in, size_t len, int exp)
{
	char *s = exact(in, len);
	int64_t vg = -7, vd = -8, vf = -9, vs = -10;
	int rg = cen__parse_amount_general(s, len, exp, &vg);
	int rd = cen__parse_amount_digits(s, len, exp, &vd);
	int rf = cen__parse_amount(s, len, exp, &vf);
	if (rd != rg || rf != rg || (rg == TXP_OK && (vd != vg || vf != vg)))
		fprintf(stderr, "amount '%.*s' exp %d: general %d %lld, digits %d %lld, fast %d %lld\n",
			(int)len, in, exp, rg, (long long)vg, rd, (long long)vd, rf, (long long)vf);
	assert_int_equal(rd, rg);
	assert_int_equal(rf, rg);
	if (rg == TXP_OK) {
		assert_int_equal(vd, vg);
		assert_int_equal(vf, vg);
	}
	if (cen__amount_short(s, len, exp, &vs)) {
		assert_int_equal(rg, TXP_OK);
		assert_int_equal(vs, vg);
	} else {
		assert_int_equal(vs, -10); /* nothing written when refused */
	}
	free(s);
}

static void test_amount_fast_paths_match_general(void **state)
{
	(void)state;
	static const char *const edge[] = {
		"100.85", "0.00", "00.10", "5.", "", " ", ".5", ".50", "1.005", "+3", "-3", "-0",
		"+1.00", "-1.00", "1e3", "1E-2", "1.00e2", "12,5", "1.2.3", "1..0", "100.850",
		"100.8", "99999.99", "12345.67", "123456.78", "1234567.89", "0.01", "9.99", "1.0a",
		"1a.00", "a1.00", "1.a0", "1.0 ", " 1.00", "1.00 ", "1 .00", "1. 00", "1:00",
		"1.:0", "1/.00", ":1.00", "1.0:", "\x80" ".00", "1.\xff" "0", "9\xb9.00",
		"99999999999999.99", "999999999999999.99", "9999999999999999.99",
		"18446744073709551616", "0000.00", "00000.00", ".00", "0.", "12345.6",
		"1234.567", "3.14159265", "0.00000001", "0.000000001", "000000000000000000000012.5",
		"92233720368", "92233720369", "1000000000000000", "999999999999999", "nan", "0x10",
		"12\t", "\t12.00", "1.00\r",
	};
	for (size_t i = 0; i < sizeof edge / sizeof edge[0]; i++)
		for (int exp = 0; exp <= 8; exp++)
			same_amount(edge[i], strlen(edge[i]), exp);
	/* Random texts over digits, points, signs, exponents, blanks and odd
	 * bytes; and random well-formed decimals of every size. */
	static const char alpha[] = "01234567890123456789...+-eE ,x\x80:/\t";
	uint64_t r = 42;
	char buf[32];
	for (int it = 0; it < 40000; it++) {
		r = r * 6364136223846793005ULL + 1442695040888963407ULL;
		size_t len = (size_t)(r >> 59) % 13;
		for (size_t k = 0; k < len; k++) {
			r = r * 6364136223846793005ULL + 1442695040888963407ULL;
			buf[k] = alpha[(r >> 33) % (sizeof alpha - 1)];
		}
		same_amount(buf, len, (int)((r >> 20) % 9));
	}
	for (int it = 0; it < 40000; it++) {
		r = r * 6364136223846793005ULL + 1442695040888963407ULL;
		int ni = (int)((r >> 33) % 18), nd = (int)((r >> 40) % 11);
		int len = 0;
		for (int k = 0; k < ni; k++)
			buf[len++] = (char)('0' + (r >> (k % 50)) % 10);
		if (nd || (r >> 50) % 2)
			buf[len++] = '.';
		for (int k = 0; k < nd && len < 31; k++)
			buf[len++] = (char)('0' + (r >> (k + 7)) % 10);
		same_amount(buf, (size_t)len, (int)((r >> 20) % 9));
	}
	/* The short path is taken where it should be ... */
	int64_t v = 0;
	assert_int_equal(cen__amount_short("158.81", 6, 2, &v), 1);
	assert_int_equal(v, 15881);
	assert_int_equal(cen__amount_short("0.01", 4, 2, &v), 1);
	assert_int_equal(v, 1);
	assert_int_equal(cen__amount_short("99999.99", 8, 2, &v), 1);
	assert_int_equal(v, 9999999);
	assert_int_equal(cen__amount_short("1234.56", 7, 8, &v), 1);
	assert_int_equal(v, 123456000000LL);
	/* ... and refused for everything else. */
	static const char *const no[] = {"1.2.3", "1a.00", "a1.00", "1.0a", "-1.00", "+1.00",
					 " 1.00", "1.00 ", "123456.78", ".00", "1:.00",
					 "1.:0", "12.5", "1250", "1/.00"};
	for (size_t i = 0; i < sizeof no / sizeof no[0]; i++)
		assert_int_equal(cen__amount_short(no[i], strlen(no[i]), 2, &v), 0);
	assert_int_equal(cen__amount_short("1.00", 4, 1, &v), 0);
	assert_int_equal(cen__amount_short("1.00", 4, 0, &v), 0);
}

/* cen__parse_time (with the minute cache set by what it parsed before)
 * gives the answer of the general parser without any cache. */
static void same_time(cen__date_cache *dc, const char *in)
{
	size_t len = strlen(in);
	char *s = exact(in, len);
	int64_t vf = -1, vg = -2;
	int nf = -1, ng = -2;
	int rf = cen__parse_time(s, len, dc, &vf, &nf);
	int rg = cen__parse_time_general(s, len, NULL, &vg, &ng);
	if (rf != rg || (rg == TXP_OK && (vf != vg || nf != ng)))
		fprintf(stderr, "time '%s': fast %d %lld, general %d %lld\n", in, rf,
			(long long)vf, rg, (long long)vg);
	assert_int_equal(rf, rg);
	if (rg == TXP_OK) {
		assert_int_equal(vf, vg);
		assert_int_equal(nf, ng);
	}
	free(s);
}

static void test_time_minute_cache_matches_general(void **state)
{
	(void)state;
	static const char *const minutes[] = {
		"2025-11-28T10:20", "2024-02-29T23:59", "2025/11/28 00:00", "2025-11-28t05:06",
		"2025-11-28 13:14", "1970-01-01T00:00", "2025-12-31T23:59", "2025-02-29T10:20",
		"2025-11-28T24:00", "2025-11-28T10:60", "2025-11-28X10:20",
	};
	static const char *const ends[] = {
		":00Z", ":07Z", ":59Z", ":60Z", ":61Z", ":99Z", ":6aZ", ":a6Z", ":06z", ":06",
		":06+01:00", ":06-00:30", ":06.5Z", ":06Z ", ":06ZZ", "Z", ":0Z", ":006Z", ";06Z",
		":06X", ":\x80" "6Z", ":0\xff" "Z", "", ":06+1900", ":-1Z", ":06\0Z",
		/* Bytes whose XOR with '0' is 10..15 or has high bits, next
		 * to digits (the fast path tests ":SSZ" as one word). */
		":3:Z", ":?9Z", ":0?Z", ":/0Z", ":\xb0" "0Z", ":69Z", "\xba" "06Z", ":06\xda",
	};
	char s[64];
	for (size_t i = 0; i < sizeof minutes / sizeof minutes[0]; i++) {
		cen__date_cache dc = {0};
		/* Each minute first seen whole, then every ending of it; then
		 * the same after another minute was cached in between. */
		for (int round = 0; round < 2; round++) {
			snprintf(s, sizeof s, "%s:00Z", minutes[i]);
			same_time(&dc, s);
			for (size_t j = 0; j < sizeof ends / sizeof ends[0]; j++) {
				snprintf(s, sizeof s, "%s%s", minutes[i], ends[j]);
				same_time(&dc, s);
				snprintf(s, sizeof s, " %s%s", minutes[i], ends[j]);
				same_time(&dc, s);
			}
			same_time(&dc, "2025-11-28T10:21:00Z");
		}
	}
	/* A day of timestamps in order, seconds 0..61. */
	cen__date_cache dc = {0};
	for (int t = 0; t < 86400; t += 7) {
		snprintf(s, sizeof s, "2025-11-28T%02d:%02d:%02dZ", t / 3600, t / 60 % 60,
			 t % 62);
		same_time(&dc, s);
	}
	/* The minute cache is used where it should be: a (deliberately wrong)
	 * cached minute value shows in the answer for the canonical form ... */
	cen__date_cache pc = {0};
	int64_t v, good;
	int n;
	assert_int_equal(cen__parse_time("2025-11-28T10:20:00Z", 20, &pc, &v, &n), TXP_OK);
	assert_int_equal(pc.minute_valid, 1);
	pc.minute_ts += 1000;
	assert_int_equal(cen__parse_time("2025-11-28T10:20:07Z", 20, &pc, &v, &n), TXP_OK);
	assert_int_equal(v, 1764325207 + 1000);
	/* ... and not for anything else. */
	static const char *const other[] = {
		"2025-11-28T10:20:07z", "2025-11-28T10:20:07+00:00", "2025-11-28T10:20:07.0Z",
		"2025-11-28T10:20:07", "2025-11-28T10:21:07Z",
	};
	for (size_t i = 0; i < sizeof other / sizeof other[0]; i++) {
		pc.minute_valid = 1;
		memcpy(pc.minute, "2025-11-28T10:20", 16);
		assert_int_equal(cen__parse_time_general(other[i], strlen(other[i]), NULL, &good, &n), TXP_OK);
		assert_int_equal(cen__parse_time(other[i], strlen(other[i]), &pc, &v, &n), TXP_OK);
		assert_int_equal(v, good);
	}
	pc.minute_valid = 1;
	memcpy(pc.minute, "2025-11-28T10:20", 16);
	assert_int_equal(cen__parse_time("2025-11-28T10:20:61Z", 20, &pc, &v, &n), TXP_RANGE);
}

static void test_date_cache_changes(void **state)
{
	(void)state;
	cen__date_cache dc = {0};
	int64_t a, b;
	int n;
	assert_int_equal(cen__parse_time("2022/09/01 00:20", 16, &dc, &a, &n), 0);
	assert_int_equal(cen__parse_time("2022/09/02 00:20", 16, &dc, &b, &n), 0);
	assert_int_equal(b - a, 86400);
	/* A bad date after a good one is not served from the cache. */
	assert_int_equal(cen__parse_time("2022/09/32 00:20", 16, &dc, &b, &n), TXP_RANGE);
}

static void test_currencies_channels(void **state)
{
	(void)state;
	char c[8];
	assert_int_equal(cen_currency_code("US Dollar", 9, c), 0);
	assert_string_equal(c, "USD");
	assert_int_equal(cen_currency_code("Bitcoin", 7, c), 0);
	assert_string_equal(c, "BTC");
	assert_int_equal(cen_currency_code("Brazil Real", 11, c), 0);
	assert_string_equal(c, "BRL");
	assert_int_equal(cen_currency_code("mxn", 3, c), 0);
	assert_string_equal(c, "MXN");
	assert_int_equal(cen_currency_code("Doubloon", 8, c), CEN_ENOTFOUND);
	assert_int_equal(cen_currency_code("U$D", 3, c), CEN_ENOTFOUND);
	assert_int_equal(cen_currency_exponent("USD"), 2);
	assert_int_equal(cen_currency_exponent("JPY"), 0);
	assert_int_equal(cen_currency_exponent("BTC"), 8);
	assert_int_equal(cen_currency_exponent("KWD"), 3);
	for (int ch = 0; ch < CEN_CH__COUNT; ch++) {
		const char *n = cen_channel_name((cen_channel)ch);
		assert_int_equal(cen_channel_parse(n, strlen(n)), ch);
	}
	assert_int_equal(cen_channel_parse("Credit Card", 11), CEN_CH_CARD);
	assert_int_equal(cen_channel_parse("Bitcoin", 7), CEN_CH_CRYPTO);
	assert_int_equal(cen_channel_parse("ACH", 3), CEN_CH_ACH);
	assert_int_equal(cen_channel_parse("Reinvestment", 12), CEN_CH_REINVEST);
	assert_int_equal(cen_channel_parse("pigeon", 6), CEN_CH_UNKNOWN);
}

/* cen__channel_word answers (when it does) as cen_channel_parse: every
 * spelling in three cases, and each with one byte changed to bytes that
 * case folding by 0x20 could confuse. It recognises the short spellings. */
static void test_channel_word_matches_parse(void **state)
{
	(void)state;
	static const char *const words[] = {
		"cash", "wire", "ach", "card", "cheque", "crypto", "check", "bitcoin",
		"btc", "transfer", "unknown", "reinvestment", "credit card", "pigeon", "achh",
	};
	static const char subst[] = {'\0', ' ', '\t', '@', '`', '{', '[', 'a', 'C', 'z', 0x7f,
				     (char)0x80, (char)0xc1, (char)0xe3};
	char b[32];
	int recognised = 0;
	for (size_t w = 0; w < sizeof words / sizeof words[0]; w++) {
		size_t n = strlen(words[w]);
		for (int form = 0; form < 3; form++) {
			for (size_t i = 0; i < n; i++) {
				char ch = words[w][i];
				b[i] = form == 0 ? ch : form == 1 && i > 0 ? ch
					 : (char)(ch >= 'a' && ch <= 'z' ? ch - 32 : ch);
			}
			int got = cen__channel_word(b, n);
			if (got >= 0) {
				assert_int_equal(got, cen_channel_parse(b, n));
				recognised++;
			} else {
				assert_true(n < 3 || n > 8 || cen_channel_parse(b, n) == CEN_CH_UNKNOWN);
			}
			for (size_t i = 0; i < n; i++) {
				char keep = b[i];
				for (size_t k = 0; k < sizeof subst; k++) {
					b[i] = subst[k];
					got = cen__channel_word(b, n);
					if (got >= 0)
						assert_int_equal(got, cen_channel_parse(b, n));
				}
				b[i] = keep;
			}
		}
	}
	/* 11 words of 3 to 8 bytes (all but the last four), three forms each. */
	assert_int_equal(recognised, 33);
	assert_int_equal(cen__channel_word("CaRd", 4), CEN_CH_CARD);
	assert_int_equal(cen__channel_word("card ", 5), -1);
	assert_int_equal(cen__channel_word("ca", 2), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_amounts_exact),
		cmocka_unit_test(test_timestamps),
		cmocka_unit_test(test_date_cache_changes),
		cmocka_unit_test(test_amount_fast_paths_match_general),
		cmocka_unit_test(test_time_minute_cache_matches_general),
		cmocka_unit_test(test_currencies_channels),
		cmocka_unit_test(test_channel_word_matches_parse),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
