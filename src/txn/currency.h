/* currency.h - currency codes, names, exponents and the USD rate table
 * (internal to txn).
 *
 * A cen__rates holds, per ISO code, US dollars per major unit. The built-in
 * table (docs/transactions.md) holds approximate rates for every AMLworld
 * currency and the currencies of the Americas; a file or an option string
 * overrides or adds entries.
 */
#ifndef CEN_TXN_CURRENCY_H
#define CEN_TXN_CURRENCY_H

#include <stddef.h>

#define CEN__RATES_MAX 256

typedef struct cen__rate {
	char code[8];
	double usd_per_unit;
	double cents_per_minor; /* usd_per_unit * 100 / 10^exponent */
	int exponent;
} cen__rate;

typedef struct cen__rates {
	cen__rate r[CEN__RATES_MAX];
	int n;
} cen__rates;

void cen__rates_builtin(cen__rates *t);
/* Sets (adds or replaces) code's rate; CEN_ELIMIT when the table is full,
 * CEN_EINVAL for a bad code or a rate <= 0. */
int cen__rates_set(cen__rates *t, const char *code, double usd_per_unit);
/* Parses "EUR=1.08,MXN=0.055"; errbuf says what is wrong. */
int cen__rates_parse(cen__rates *t, const char *spec, char *errbuf, size_t errlen);
/* Reads a CSV "currency,usd_per_unit" (optional header line). */
int cen__rates_load(cen__rates *t, const char *path, char *errbuf, size_t errlen);
/* The entry for code or NULL. */
const cen__rate *cen__rates_find(const cen__rates *t, const char *code);

#endif
