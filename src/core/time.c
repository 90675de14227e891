/* time.c - calendar arithmetic on epoch seconds, UTC only.
 *
 * The engine's clock is the data's timestamps, never the wall clock, so all
 * conversions here are pure functions (Howard Hinnant's days-from-civil
 * algorithm), valid for years 0..9999.
 */
#include "core/timeutil.h"

#include <stdio.h>
#include <string.h>

#include "centinela/alert.h"

int64_t cen__days_from_civil(int y, unsigned m, unsigned d)
{
	y -= m <= 2;
	const int era = (y >= 0 ? y : y - 399) / 400;
	const unsigned yoe = (unsigned)(y - era * 400);
	const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return (int64_t)era * 146097 + (int64_t)doe - 719468;
}

void cen__civil_from_days(int64_t z, int *y, unsigned *m, unsigned *d)
{
	z += 719468;
	const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	const unsigned doe = (unsigned)(z - era * 146097);
	const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	const int64_t yy = (int64_t)yoe + era * 400;
	const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	const unsigned mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = (int)(yy + (*m <= 2));
}

int64_t cen__floor_div(int64_t a, int64_t b)
{
	int64_t q = a / b;
	if ((a % b != 0) && ((a < 0) != (b < 0)))
		q--;
	return q;
}

int cen__ymd_digits(int64_t days, char *out)
{
	int y;
	unsigned m, d;
	cen__civil_from_days(days, &y, &m, &d);
	if (y < 0 || y > 9999)
		return 0;
	cen__two_digits(out, (unsigned)y / 100);
	cen__two_digits(out + 2, (unsigned)y % 100);
	out[4] = '-';
	cen__two_digits(out + 5, m);
	out[7] = '-';
	cen__two_digits(out + 8, d);
	return 1;
}

void cen__format_day(int64_t days, char out[11])
{
	if (!cen__ymd_digits(days, out)) {
		int y;
		unsigned m, d;
		char tmp[48];
		cen__civil_from_days(days, &y, &m, &d);
		snprintf(tmp, sizeof tmp, "%04d-%02u-%02u", y, m, d);
		memcpy(out, tmp, 10);
	}
	out[10] = '\0';
}

/* Written digit by digit for years 0..9999 (every alert's start and end
 * come through here), by snprintf otherwise and into a short out. */
void cen_format_iso8601(int64_t t, char *out, size_t outlen)
{
	int64_t days = cen__floor_div(t, 86400);
	int64_t secs = t - days * 86400;
	if (outlen >= 21 && cen__ymd_digits(days, out)) {
		out[10] = 'T';
		cen__hms_digits(out + 11, (unsigned)secs);
		out[19] = 'Z';
		out[20] = '\0';
		return;
	}
	int y;
	unsigned m, d;
	cen__civil_from_days(days, &y, &m, &d);
	snprintf(out, outlen, "%04d-%02u-%02uT%02u:%02u:%02uZ", y, m, d,
		 (unsigned)(secs / 3600), (unsigned)(secs / 60 % 60), (unsigned)(secs % 60));
}
