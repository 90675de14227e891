/* test_txn_parse.c - exact amounts, timestamps, currencies and channels. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_amounts_exact),
		cmocka_unit_test(test_timestamps),
		cmocka_unit_test(test_date_cache_changes),
		cmocka_unit_test(test_currencies_channels),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
