/* test_detect_formats.c - the numbers of the alerts' explanations and
 * evidence (cen__fmt_money, cen__duration in det_util.c; cen__cash_money,
 * cen__json_dollars in det_ctr.c; cen__format_day in core/time.c), written
 * without printf, against the printf forms they replace: random and edge
 * values, and for durations the cut a short buffer makes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "core/timeutil.h"
#include "detect/cash_det.h"
#include "detect/det_util.h"

static uint64_t rnd(uint64_t *s)
{
	*s = *s * 6364136223846793005ULL + 1442695040888963407ULL;
	return *s >> 33;
}

/* Values of every size, with their edges, either sign. */
static int64_t random_cents(uint64_t *s)
{
	static const int64_t edge[] = {0, 1, 5, 99, 100, 101, 999, 1000, 99999, 100000, 100001,
				       -1, -5, -99, -100, -101, -100001, INT64_MAX, INT64_MIN,
				       INT64_MIN + 1};
	if (rnd(s) % 8 == 0)
		return edge[rnd(s) % (sizeof edge / sizeof edge[0])];
	int64_t v = (int64_t)(rnd(s) << 31 | rnd(s)) >> (rnd(s) % 62);
	return rnd(s) % 2 ? v : -v;
}

static void model_fmt_money(char *out, size_t outlen, double dollars)
{
	char digits[64];
	int neg = dollars < 0;
	if (neg)
		dollars = -dollars;
	long long cents = (long long)(dollars * 100.0 + 0.5);
	snprintf(digits, sizeof digits, "%lld", cents / 100);
	size_t nd = strlen(digits), o = 0;
	if (neg && o + 1 < outlen)
		out[o++] = '-';
	for (size_t i = 0; i < nd && o + 1 < outlen; i++) {
		if (i && (nd - i) % 3 == 0 && o + 1 < outlen)
			out[o++] = ',';
		out[o++] = digits[i];
	}
	if (outlen > o)
		snprintf(out + o, outlen - o, ".%02lld", cents % 100);
}

static void model_duration(char *out, size_t outlen, int64_t s)
{
	if (s < 120)
		snprintf(out, outlen, "%lld seconds", (long long)s);
	else if (s < 2 * 3600)
		snprintf(out, outlen, "%lld minutes", (long long)(s / 60));
	else if (s < 2 * 86400)
		snprintf(out, outlen, "%lld hours", (long long)(s / 3600));
	else
		snprintf(out, outlen, "%lld days", (long long)(s / 86400));
}

static void test_money_and_durations(void **state)
{
	(void)state;
	uint64_t s = 3;
	for (int round = 0; round < 50000; round++) {
		int64_t c = random_cents(&s) % 9000000000000000000LL;
		double dollars = rnd(&s) % 2 ? (double)c / 100.0 : (double)c / 100.0 + 0.004;
		if (!(dollars < 9e16 && dollars > -9e16))
			continue; /* the model overflows a long long past these */
		size_t outlen = rnd(&s) % 4 ? 48 : rnd(&s) % 12;
		char got[48], want[48];
		memset(got, 'x', sizeof got);
		memset(want, 'x', sizeof want);
		cen__fmt_money(got, sizeof got, dollars); /* what every caller gives */
		model_fmt_money(want, sizeof want, dollars);
		assert_memory_equal(got, want, sizeof got);
		int64_t secs = random_cents(&s) >> (rnd(&s) % 40);
		memset(got, 'x', sizeof got);
		memset(want, 'x', sizeof want);
		cen__duration(got, outlen, secs);
		model_duration(want, outlen, secs);
		assert_memory_equal(got, want, sizeof got);
	}
}

static void model_cash_money(cen_buf *b, int64_t cents)
{
	char digits[32];
	uint64_t v = cents < 0 ? (uint64_t)(-(cents + 1)) + 1 : (uint64_t)cents;
	uint64_t dollars = v / 100, c = v % 100;
	int n = snprintf(digits, sizeof digits, "%llu", (unsigned long long)dollars);
	cen_buf_puts(b, cents < 0 ? "-$" : "$");
	for (int i = 0; i < n; i++) {
		if (i && (n - i) % 3 == 0)
			cen_buf_putc(b, ',');
		cen_buf_putc(b, digits[i]);
	}
	if (c)
		cen_buf_printf(b, ".%02u", (unsigned)c);
}

static void model_json_dollars(cen_buf *b, int64_t cents)
{
	int64_t d = cents / 100, c = cents % 100;
	if (c < 0)
		c = -c;
	if (cents < 0 && d == 0 && c)
		cen_buf_printf(b, "-0.%02d", (int)c);
	else if (cents < 0 && d == 0)
		cen_buf_puts(b, "0");
	else if (c)
		cen_buf_printf(b, "%lld.%02d", (long long)d, (int)c);
	else
		cen_buf_printf(b, "%lld", (long long)d);
}

static void test_cash_amounts_and_days(void **state)
{
	(void)state;
	uint64_t s = 5;
	cen_buf got, want;
	cen_buf_init(&got, 0);
	cen_buf_init(&want, 0);
	for (int round = 0; round < 50000; round++) {
		int64_t c = random_cents(&s);
		cen_buf_reset(&got);
		cen_buf_reset(&want);
		cen_buf_puts(&got, "x"); /* both append */
		cen_buf_puts(&want, "x");
		assert_int_equal(cen__cash_money(&got, c), 0);
		model_cash_money(&want, c);
		assert_int_equal(cen__json_dollars(&got, c), 0);
		model_json_dollars(&want, c);
		assert_string_equal(cen_buf_str(&got), cen_buf_str(&want));
		/* days from before year 0 to past 9999 */
		int64_t day = (int64_t)(rnd(&s) % 8000000) - 4000000;
		int y;
		unsigned m, d;
		cen__civil_from_days(day, &y, &m, &d);
		char tmp[48], ds[11];
		snprintf(tmp, sizeof tmp, "%04d-%02u-%02u", y, m, d);
		tmp[10] = '\0';
		cen__format_day(day, ds);
		assert_string_equal(ds, tmp);
	}
	cen_buf_release(&got);
	cen_buf_release(&want);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_money_and_durations),
		cmocka_unit_test(test_cash_amounts_and_days),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
