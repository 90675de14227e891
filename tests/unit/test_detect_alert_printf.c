/* test_detect_alert_printf.c - cen__alert_printf (emit.c), the printf of
 * the alerts' explanations and evidence, against vsnprintf: every
 * conversion it writes itself with random and edge values (%.Nf beside and
 * at rounding ties, either sign, -0, huge, NaN), conversions it leaves to
 * printf, the detectors' own formats, appending, and all or nothing on a
 * capped buffer. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <limits.h>
#include <math.h>
#include <cmocka.h>

#include "detect/detector.h"

static uint64_t rnd(uint64_t *s)
{
	*s = *s * 6364136223846793005ULL + 1442695040888963407ULL;
	return *s >> 33;
}

static cen_buf got;

/* cen__alert_printf after "x" in got, and vsnprintf after "x": equal. */
static void check(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void check(const char *fmt, ...)
{
	char want[4096];
	va_list ap, ap2;
	va_start(ap, fmt);
	va_copy(ap2, ap);
	want[0] = 'x';
	vsnprintf(want + 1, sizeof want - 1, fmt, ap2);
	va_end(ap2);
	cen_buf_reset(&got);
	cen_buf_putc(&got, 'x');
	assert_int_equal(cen__alert_vprintf(&got, fmt, ap), 0);
	va_end(ap);
	assert_string_equal(cen_buf_str(&got), want);
}

static double random_double(uint64_t *s)
{
	double sign = rnd(s) % 2 ? 1 : -1;
	switch (rnd(s) % 7) {
	case 0: /* cents, as the detectors' sums are */
		return sign * (double)(rnd(s) << 10 | rnd(s) % 1024) / 100.0;
	case 1: /* ties of 0..3 decimals a double holds exactly */
		return sign * (double)(rnd(s) % 100000) / 1000.0 + sign * 0.0005 * (double)(rnd(s) % 2);
	case 2:
		return sign * (double)(2 * (rnd(s) % 4096) + 1) / 16.0;
	case 3: { /* beside a tie */
		double t = (double)(rnd(s) % 1000000) + 0.5;
		return sign * (t + ((double)(rnd(s) % 5) - 2.0) * 1e-9) / 100.0;
	}
	case 4: {
		static const double edge[] = {0.0, -0.0, 1e-300, 0.005, 0.015, 0.0049999, 1e12,
					      8796093022208.0, 1e15, 1e300, 9.5, 0.5, 1.5, 2.5};
		return edge[rnd(s) % (sizeof edge / sizeof edge[0])] * (rnd(s) % 4 ? 1 : sign);
	}
	case 5:
		return rnd(s) % 3 ? NAN : sign * INFINITY;
	default:
		return sign * ldexp((double)rnd(s), (int)(rnd(s) % 80) - 60);
	}
}

static void test_alert_printf_matches_vsnprintf(void **state)
{
	(void)state;
	uint64_t s = 9;
	cen_buf_init(&got, 0);
	char str[40];
	for (int round = 0; round < 40000; round++) {
		double v = random_double(&s);
		check("a%.2fb", v);
		check("%.0f%%", v);
		check("%.1f", v);
		check("%.3f|", v);
		size_t n = rnd(&s) % sizeof str;
		for (size_t i = 0; i < n; i++)
			str[i] = (char)(' ' + rnd(&s) % 95);
		str[n] = '\0';
		int prec = (int)(rnd(&s) % 50) - 5;
		check("[%s]", str);
		check("n:%.*s.", prec, str);
		int64_t w = (int64_t)(rnd(&s) << 31 | rnd(&s)) >> (rnd(&s) % 63);
		w = rnd(&s) % 2 ? w : -w;
		check("%d %u", (int)w, (unsigned)w);
		check("%ld,%lu", (long)w, (unsigned long)w);
		check("%lld;%llu", (long long)w, (unsigned long long)w);
		check("%zu", (size_t)w);
		/* left to printf: widths, flags, other conversions */
		check("%04d-%02u %x %5.1f %g %c", (int)w, (unsigned)w, (unsigned)w, v, v, 'q');
		/* the detectors' own */
		check("\"amount_in\":%.2f,\"amount_out\":%.2f,\"outgoing\":%u,\"seconds\":%lld", v,
		      v * 0.97, (unsigned)w, (long long)w);
		check("%s received %s and sent %s (%.1f%% of it) on to %u other account%s within %s.",
		      str, "1,000.00", "990.00", 100.0 * v, (unsigned)(w & 7), w & 1 ? "" : "s",
		      "5 minutes");
	}
	check("%d %d %lld", INT_MIN, INT_MAX, LLONG_MIN);
	const char *volatile null = NULL;
	check("%s|%.*s", null, 3, null);
	cen_buf_release(&got);
}

/* A capped buffer: the printf fails and leaves the buffer as it was. */
static void test_alert_printf_all_or_nothing(void **state)
{
	(void)state;
	cen_buf b;
	cen_buf_init(&b, 16);
	assert_int_equal(cen__alert_printf(&b, "%s", "abc"), 0);
	assert_int_not_equal(cen__alert_printf(&b, "%s-%s-%.2f", "defgh", "ijklmnop", 1.5), 0);
	assert_string_equal(cen_buf_str(&b), "abc");
	assert_int_equal(cen__alert_printf(&b, "%zu:%.1f", (size_t)7, 0.25), 0);
	assert_string_equal(cen_buf_str(&b), "abc7:0.2");
	cen_buf_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_alert_printf_matches_vsnprintf),
		cmocka_unit_test(test_alert_printf_all_or_nothing),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
