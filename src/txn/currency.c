/* currency.c - ISO 4217 exponents, AMLworld currency names and the table of
 * approximate US dollar rates used for base_amount.
 *
 * The built-in rates are rounded mid-2020s market rates: good enough to put
 * a foreign-currency payment on the same scale as a dollar threshold, never
 * a source of truth for accounting. Override them (--rates, --rates-file)
 * when the data's period is known.
 *
 * What must hold: every code in the rate table is upper-case ASCII with a
 * known exponent; lookups never allocate.
 */
#include "txn/currency.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "centinela/io.h"
#include "centinela/txn.h"
#include "core/banned.h"

struct name_map {
	const char *name;
	const char *code;
};

/* AMLworld writes currency names; a few common spellings are added. */
static const struct name_map names[] = {
	{"US Dollar", "USD"},       {"Euro", "EUR"},           {"Yuan", "CNY"},
	{"Yen", "JPY"},             {"Rupee", "INR"},          {"Ruble", "RUB"},
	{"UK Pound", "GBP"},        {"Canadian Dollar", "CAD"}, {"Australian Dollar", "AUD"},
	{"Swiss Franc", "CHF"},     {"Mexican Peso", "MXN"},   {"Brazil Real", "BRL"},
	{"Saudi Riyal", "SAR"},     {"Shekel", "ILS"},         {"Bitcoin", "BTC"},
	{"Dollar", "USD"},          {"Pound", "GBP"},          {"Peso", "MXN"},
	{"Brazilian Real", "BRL"},  {"XBT", "BTC"},
};

struct exp_entry {
	const char *code;
	int exp;
};

/* Exceptions to the default exponent 2 (ISO 4217 list; BTC by convention). */
static const struct exp_entry exps[] = {
	{"BHD", 3}, {"BIF", 0}, {"BTC", 8}, {"CLF", 4}, {"CLP", 0}, {"DJF", 0},
	{"GNF", 0}, {"IQD", 3}, {"ISK", 0}, {"JOD", 3}, {"JPY", 0}, {"KMF", 0},
	{"KRW", 0}, {"KWD", 3}, {"LYD", 3}, {"OMR", 3}, {"PYG", 0}, {"RWF", 0},
	{"TND", 3}, {"UGX", 0}, {"UYI", 0}, {"UYW", 4}, {"VND", 0}, {"VUV", 0},
	{"XAF", 0}, {"XOF", 0}, {"XPF", 0}, {"XBT", 8},
};

struct rate_entry {
	const char *code;
	double usd;
};

/* Approximate USD per unit (2024-25 averages, rounded). */
static const struct rate_entry builtin[] = {
	{"USD", 1.0},     {"EUR", 1.08},    {"CNY", 0.14},     {"JPY", 0.0067},
	{"INR", 0.012},   {"RUB", 0.011},   {"GBP", 1.27},     {"CAD", 0.73},
	{"AUD", 0.66},    {"CHF", 1.13},    {"MXN", 0.055},    {"BRL", 0.19},
	{"SAR", 0.2667},  {"ILS", 0.27},    {"BTC", 60000.0},  {"COP", 0.00025},
	{"ARS", 0.0011},  {"CLP", 0.0011},  {"PEN", 0.27},     {"VES", 0.027},
	{"GTQ", 0.13},    {"HNL", 0.04},    {"NIO", 0.027},    {"CRC", 0.0019},
	{"PAB", 1.0},     {"DOP", 0.017},   {"SVC", 0.114},    {"BOB", 0.145},
	{"UYU", 0.025},   {"PYG", 0.00013}, {"HKD", 0.128},    {"SGD", 0.74},
	{"KRW", 0.00073}, {"AED", 0.2723},  {"TRY", 0.03},     {"ZAR", 0.054},
	{"NZD", 0.6},     {"SEK", 0.095},   {"NOK", 0.093},    {"DKK", 0.145},
	{"PLN", 0.25},    {"CZK", 0.043},   {"HUF", 0.0027},   {"TWD", 0.031},
	{"THB", 0.028},   {"PHP", 0.0175},  {"IDR", 0.000063}, {"MYR", 0.22},
	{"VND", 0.00004}, {"PKR", 0.0036},  {"EGP", 0.02},     {"NGN", 0.00065},
	{"KWD", 3.25},    {"BHD", 2.65},    {"OMR", 2.6},      {"JOD", 1.41},
	{"QAR", 0.2747},
};

static int ascii_ieq(const char *a, size_t alen, const char *b)
{
	size_t i = 0;
	for (; i < alen && b[i]; i++) {
		unsigned char x = (unsigned char)a[i], y = (unsigned char)b[i];
		if (x >= 'A' && x <= 'Z')
			x = (unsigned char)(x + 32);
		if (y >= 'A' && y <= 'Z')
			y = (unsigned char)(y + 32);
		if (x != y)
			return 0;
	}
	return i == alen && !b[i];
}

int cen_currency_exponent(const char *code)
{
	if (code[0] == 'U' && code[1] == 'S' && code[2] == 'D' && !code[3])
		return 2;
	for (size_t i = 0; i < sizeof exps / sizeof exps[0]; i++)
		if (!strcmp(code, exps[i].code))
			return exps[i].exp;
	return 2;
}

int cen_currency_code(const char *s, size_t len, char out[8])
{
	out[0] = '\0';
	while (len && (*s == ' ' || *s == '\t')) {
		s++;
		len--;
	}
	while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		if (ascii_ieq(s, len, names[i].name)) {
			memcpy(out, names[i].code, 4);
			return 0;
		}
	}
	if (len != 3)
		return CEN_ENOTFOUND;
	for (size_t i = 0; i < 3; i++) {
		char c = s[i];
		if (c >= 'a' && c <= 'z')
			c = (char)(c - 32);
		if (c < 'A' || c > 'Z')
			return CEN_ENOTFOUND;
		out[i] = c;
	}
	out[3] = '\0';
	return 0;
}

static void fill(cen__rate *r, const char *code, double usd_per_unit)
{
	memcpy(r->code, code, 4);
	r->exponent = cen_currency_exponent(r->code);
	r->usd_per_unit = usd_per_unit;
	double scale = 1;
	for (int i = 0; i < r->exponent; i++)
		scale *= 10;
	r->cents_per_minor = usd_per_unit * 100.0 / scale;
}

const cen__rate *cen__rates_find(const cen__rates *t, const char *code)
{
	for (int i = 0; i < t->n; i++)
		if (!strcmp(t->r[i].code, code))
			return &t->r[i];
	return NULL;
}

int cen__rates_set(cen__rates *t, const char *code, double usd_per_unit)
{
	char c[8];
	if (cen_currency_code(code, strlen(code), c))
		return CEN_EINVAL;
	if (!(usd_per_unit > 0) || usd_per_unit > 1e9)
		return CEN_EINVAL;
	cen__rate *r = (cen__rate *)cen__rates_find(t, c);
	if (!r) {
		if (t->n >= CEN__RATES_MAX)
			return CEN_ELIMIT;
		r = &t->r[t->n++];
		memcpy(r->code, c, sizeof r->code);
	}
	fill(r, c, usd_per_unit);
	return 0;
}

void cen__rates_builtin(cen__rates *t)
{
	/* The built-in codes are valid and distinct: no checks needed. */
	t->n = 0;
	for (size_t i = 0; i < sizeof builtin / sizeof builtin[0]; i++)
		fill(&t->r[t->n++], builtin[i].code, builtin[i].usd);
}

/* One "CODE=RATE" or "CODE,RATE" item; a strict decimal (strtod is fine
 * here: configuration, not the per-row path). */
static int set_item(cen__rates *t, const char *item, size_t len, char sepc,
		    char *errbuf, size_t errlen)
{
	char tmp[128];
	if (len >= sizeof tmp) {
		snprintf(errbuf, errlen, "rate entry too long");
		return CEN_EINVAL;
	}
	memcpy(tmp, item, len);
	tmp[len] = '\0';
	char *eq = strchr(tmp, sepc);
	if (!eq) {
		snprintf(errbuf, errlen, "rate entry '%s': expected CODE%cRATE", tmp, sepc);
		return CEN_EINVAL;
	}
	*eq = '\0';
	char *end;
	errno = 0;
	double v = strtod(eq + 1, &end);
	while (*end == ' ' || *end == '\t' || *end == '\r')
		end++;
	if (errno || end == eq + 1 || *end) {
		snprintf(errbuf, errlen, "rate entry '%s': '%s' is not a number", tmp, eq + 1);
		return CEN_EINVAL;
	}
	int rc = cen__rates_set(t, tmp, v);
	if (rc)
		snprintf(errbuf, errlen, "rate entry '%s': %s", tmp,
			 rc == CEN_ELIMIT ? "too many currencies"
					  : "bad currency code or rate (must be > 0)");
	return rc;
}

int cen__rates_parse(cen__rates *t, const char *spec, char *errbuf, size_t errlen)
{
	const char *p = spec;
	while (*p) {
		const char *q = strchr(p, ',');
		size_t n = q ? (size_t)(q - p) : strlen(p);
		while (n && *p == ' ') {
			p++;
			n--;
		}
		if (n) {
			int rc = set_item(t, p, n, '=', errbuf, errlen);
			if (rc)
				return rc;
		}
		if (!q)
			break;
		p = q + 1;
	}
	return 0;
}

int cen__rates_load(cen__rates *t, const char *path, char *errbuf, size_t errlen)
{
	char *data;
	size_t len;
	int rc = cen_read_file(path, 1u << 20, &data, &len, errbuf, errlen);
	if (rc)
		return rc;
	char *p = data;
	unsigned line = 0;
	while (*p) {
		char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		line++;
		if (n && p[n - 1] == '\r')
			n--;
		if (n && p[0] != '#') {
			char why[200];
			rc = set_item(t, p, n, ',', why, sizeof why);
			if (rc && line == 1)
				rc = 0; /* a header line such as "currency,usd_per_unit" */
			if (rc) {
				snprintf(errbuf, errlen, "%s:%u: %s", path, line, why);
				break;
			}
		}
		if (!nl)
			break;
		p = nl + 1;
	}
	cen_free(data);
	return rc;
}
