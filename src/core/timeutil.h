/* timeutil.h - calendar arithmetic on epoch seconds, UTC (internal-shared). */
#ifndef CEN_CORE_TIMEUTIL_H
#define CEN_CORE_TIMEUTIL_H

#include <stdint.h>

/* Days since 1970-01-01 of a proleptic Gregorian date (m 1..12, d 1..31). */
int64_t cen__days_from_civil(int y, unsigned m, unsigned d);
void cen__civil_from_days(int64_t days, int *y, unsigned *m, unsigned *d);
/* Division rounding toward negative infinity. */
int64_t cen__floor_div(int64_t a, int64_t b);

#endif
