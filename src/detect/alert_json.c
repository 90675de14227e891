/* alert_json.c - the JSON line form of an alert (docs/monitoring.md).
 *
 * Every alert of a run passes through here once, so the common cases are
 * written without the general helpers: a string of plain ASCII (no control
 * byte, quote, backslash or byte >= 0x80: account names, ids and most
 * explanations) is checked eight bytes at a time and copied whole; a score
 * in [0.1, 1) is its six rounded decimals unless it lies near a rounding
 * tie. Anything else goes to cen_json_str or snprintf("%.6g"), which the
 * fast paths reproduce byte for byte (test_detect_alert_json compares
 * them). Times are cen_format_iso8601's, quoted (it writes the usual years
 * digit by digit itself).
 *
 * What must hold: one object per alert, keys in a fixed order, always valid
 * JSON whatever bytes account ids carry; evidence is inserted verbatim and
 * must itself be a JSON object (NULL or empty becomes {}).
 */
#include "centinela/alert.h"

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "core/bytes.h"
#include "core/timeutil.h"
#include "detect/detector.h"
#include "core/banned.h"

/* Room for n more bytes (and the NUL) at the end of b: the test of the
 * usual case inline, cen_buf_reserve (its cap and growth) otherwise. */
static inline int room(cen_buf *b, size_t n)
{
	if ((!b->max || b->len + n <= b->max) && b->len + n + 1 <= b->cap)
		return 0;
	return cen_buf_reserve(b, n);
}

/* b's reserved room: n bytes at its end, then the NUL. */
static inline void put(cen_buf *b, const char *s, size_t n)
{
	memcpy(b->data + b->len, s, n);
	b->len += n;
	b->data[b->len] = '\0';
}

static int add(cen_buf *b, const char *s, size_t n)
{
	int rc = room(b, n);
	if (!rc)
		put(b, s, n);
	return rc;
}

/* A byte of each 8 that is below 0x20 or at least 0x80, or a quote or a
 * backslash: bit 7 set somewhere (as a whole: the lanes above the first
 * such byte may be wrong). */
static inline uint64_t not_plain(uint64_t w)
{
	const uint64_t ones = 0x0101010101010101ull, high = 0x8080808080808080ull;
	uint64_t q = w ^ (ones * '"'), s = w ^ (ones * '\\');
	return (w | ((w - ones * 0x20) & ~w) | ((q - ones) & ~q) | ((s - ones) & ~s)) & high;
}

/* Whether s[0..len) is written by cen_json_str as it is. */
static bool plain(const char *s, size_t len)
{
	size_t i = 0;
	for (; i + 8 <= len; i += 8)
		if (not_plain(cen__load64(s + i)))
			return false;
	for (; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x20 || c >= 0x80 || c == '"' || c == '\\')
			return false;
	}
	return true;
}

/* cen_json_cstr of s. */
static int text(cen_buf *b, const char *s)
{
	if (!s)
		return add(b, "null", 4);
	size_t len = strlen(s);
	if (!plain(s, len))
		return cen_json_str(b, s, len);
	int rc = room(b, len + 2);
	if (rc)
		return rc;
	char *p = b->data + b->len;
	p[0] = '"';
	memcpy(p + 1, s, len);
	p[len + 1] = '"';
	b->len += len + 2;
	b->data[b->len] = '\0';
	return 0;
}

/* cen_format_iso8601 of t, quoted (a plain string: no escaping). */
static int iso_time(cen_buf *b, int64_t t)
{
	char q[48];
	q[0] = '"';
	cen_format_iso8601(t, q + 1, sizeof q - 2);
	size_t n = strlen(q);
	q[n] = '"';
	return add(b, q, n + 1);
}

/* cen_json_double of a score: "%.6g". In [0.1, 1) that is the value
 * rounded to six decimals, trailing zeros dropped; v * 1e6 is within an
 * ulp of the exact product (below 2^20: under 1e-9), so away from a tie
 * the rounding is the exact value's. */
static int score(cen_buf *b, double v)
{
	if (!(v >= 0.1 && v < 1))
		return cen_json_double(b, v);
	double x = v * 1e6, f = floor(x), frac = x - f;
	if (fabs(frac - 0.5) < 1e-6)
		return cen_json_double(b, v);
	uint32_t r = (uint32_t)f + (frac > 0.5);
	if (r < 100000 || r >= 1000000)
		return cen_json_double(b, v);
	char q[8] = {'0', '.'};
	for (int i = 7; i >= 2; i--, r /= 10)
		q[i] = (char)('0' + r % 10);
	size_t n = 8;
	while (q[n - 1] == '0')
		n--;
	return add(b, q, n);
}

int cen_alert_to_json(const cen_alert *a, cen_buf *out)
{
	char num[24];
	const char *id = cen__u64_digits(num + sizeof num, a->id);
	int rc = 0;
	rc |= add(out, "{\"alert_id\":", 12);
	rc |= add(out, id, (size_t)(num + sizeof num - id));
	rc |= add(out, ",\"typology\":", 12);
	rc |= text(out, a->typology);
	rc |= add(out, ",\"score\":", 9);
	rc |= score(out, a->score);
	rc |= add(out, ",\"accounts\":[", 13);
	for (size_t i = 0; i < a->n_accounts; i++) {
		if (i)
			rc |= add(out, ",", 1);
		rc |= text(out, a->accounts[i]);
	}
	rc |= add(out, "],\"txns\":[", 10);
	for (size_t i = 0; i < a->n_txns; i++) {
		if (i)
			rc |= add(out, ",", 1);
		rc |= text(out, a->txns[i]);
	}
	rc |= add(out, "],\"start\":", 10);
	rc |= iso_time(out, a->start);
	rc |= add(out, ",\"end\":", 7);
	rc |= iso_time(out, a->end);
	rc |= add(out, ",\"explanation\":", 15);
	rc |= text(out, a->explanation ? a->explanation : "");
	rc |= add(out, ",\"evidence\":", 12);
	const char *ev = a->evidence && *a->evidence ? a->evidence : "{}";
	rc |= add(out, ev, strlen(ev));
	rc |= add(out, "}", 1);
	return rc ? CEN_ENOMEM : 0;
}
