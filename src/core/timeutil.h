/* timeutil.h - calendar arithmetic on epoch seconds, UTC (internal-shared). */
#ifndef CEN_CORE_TIMEUTIL_H
#define CEN_CORE_TIMEUTIL_H

#include <stdint.h>

/* Days since 1970-01-01 of a proleptic Gregorian date (m 1..12, d 1..31). */
int64_t cen__days_from_civil(int y, unsigned m, unsigned d);
void cen__civil_from_days(int64_t days, int *y, unsigned *m, unsigned *d);
/* Division rounding toward negative infinity. */
int64_t cen__floor_div(int64_t a, int64_t b);

/* Two decimal digits of v (< 100) at p. */
static inline void cen__two_digits(char *p, unsigned v)
{
	p[0] = (char)('0' + v / 10);
	p[1] = (char)('0' + v % 10);
}

/* "HH:MM:SS" of s seconds into a day (s < 86400) at out[0..8), no NUL. */
static inline void cen__hms_digits(char *out, unsigned s)
{
	cen__two_digits(out, s / 3600);
	out[2] = ':';
	cen__two_digits(out + 3, s / 60 % 60);
	out[5] = ':';
	cen__two_digits(out + 6, s % 60);
}

/* "YYYY-MM-DD" of the day days since 1970-01-01 at out[0..10), no NUL,
 * and 1, when its year is 0..9999; else 0, out untouched (printf's %04d
 * writes such years otherwise: callers fall back to it). */
int cen__ymd_digits(int64_t days, char *out);
/* "YYYY-MM-DD" of that day and a NUL into out[11] (the first 10 bytes of
 * %04d-%02u-%02u for years outside 0..9999). */
void cen__format_day(int64_t days, char out[11]);

#endif
