/* test_detect_alert_json.c - the JSON form of an alert (alert_json.c)
 * against the general writers it takes shortcuts past: cen_json_cstr for
 * every string, "%.6g" for the score, cen_format_iso8601 for the times.
 * Random alerts mix plain strings with quotes, backslashes, control bytes
 * and UTF-8 (valid or not) at every offset of the eight-byte scan, scores
 * at and beside rounding ties, and times from before year 0 to past 9999. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "centinela/alert.h"

static uint64_t rnd(uint64_t *s)
{
	*s = *s * 6364136223846793005ULL + 1442695040888963407ULL;
	return *s >> 33;
}

/* The form alert_json.c must produce, from the general writers. */
static void model(const cen_alert *a, cen_buf *out)
{
	char ts[40];
	cen_buf_printf(out, "{\"alert_id\":%llu,", (unsigned long long)a->id);
	cen_json_key(out, "typology");
	cen_json_cstr(out, a->typology);
	cen_buf_puts(out, ",\"score\":");
	char sc[40];
	snprintf(sc, sizeof sc, "%.6g", a->score);
	cen_buf_puts(out, sc);
	cen_buf_puts(out, ",\"accounts\":[");
	for (size_t i = 0; i < a->n_accounts; i++) {
		if (i)
			cen_buf_putc(out, ',');
		cen_json_cstr(out, a->accounts[i]);
	}
	cen_buf_puts(out, "],\"txns\":[");
	for (size_t i = 0; i < a->n_txns; i++) {
		if (i)
			cen_buf_putc(out, ',');
		cen_json_cstr(out, a->txns[i]);
	}
	cen_format_iso8601(a->start, ts, sizeof ts);
	cen_buf_puts(out, "],\"start\":");
	cen_json_cstr(out, ts);
	cen_format_iso8601(a->end, ts, sizeof ts);
	cen_buf_puts(out, ",\"end\":");
	cen_json_cstr(out, ts);
	cen_buf_puts(out, ",\"explanation\":");
	cen_json_cstr(out, a->explanation ? a->explanation : "");
	cen_buf_puts(out, ",\"evidence\":");
	cen_buf_puts(out, a->evidence && *a->evidence ? a->evidence : "{}");
	cen_buf_putc(out, '}');
}

/* A string of up to 40 bytes, mostly plain, with one odd byte sometimes. */
static void random_text(uint64_t *s, char *p)
{
	static const char odd[] = {'"', '\\', '\n', '\t', 0x01, 0x1f, 0x7f, (char)0xc3,
				   (char)0xa9, (char)0xff, (char)0xe2, ' ', '~'};
	size_t n = rnd(s) % 41;
	for (size_t i = 0; i < n; i++)
		p[i] = (char)('!' + rnd(s) % 90);
	if (n && rnd(s) % 2) {
		p[rnd(s) % n] = odd[rnd(s) % sizeof odd];
		if (rnd(s) % 4 == 0) /* a valid two-byte sequence */
			p[rnd(s) % n] = (char)0xc3, p[n - 1] = (char)0xa9;
	}
	p[n] = '\0';
}

static double random_score(uint64_t *s)
{
	switch (rnd(s) % 6) {
	case 0: /* the ties of six decimals that a double holds exactly */
		return (double)(2 * (rnd(s) % 64) + 1) / 128.0;
	case 1: /* beside a tie */
		return (100000.5 + (double)(rnd(s) % 899999)) / 1e6 +
		       ((double)(rnd(s) % 3) - 1.0) * 1e-12;
	case 2: {
		static const double edge[] = {0, -0.0, 1, 0.1, 0.0999999, 0.9999995, 0.99999949,
					      0.05, 1e-5, 0.5, 0.25, 0.1000005};
		return edge[rnd(s) % (sizeof edge / sizeof edge[0])];
	}
	default:
		return (double)rnd(s) / (double)(1u << 31);
	}
}

static void test_alert_json_matches_model(void **state)
{
	(void)state;
	uint64_t s = 7;
	cen_buf got, want;
	cen_buf_init(&got, 0);
	cen_buf_init(&want, 0);
	for (int round = 0; round < 20000; round++) {
		char typ[48], accts[4][48], txns[3][48], expl[48], ev[48];
		const char *ap[4], *tp[3];
		random_text(&s, typ);
		random_text(&s, expl);
		cen_alert a = {0};
		a.id = rnd(&s) % 3 ? rnd(&s) : rnd(&s) << 31 | rnd(&s);
		a.typology = typ;
		a.score = random_score(&s);
		a.n_accounts = rnd(&s) % 5;
		for (size_t i = 0; i < a.n_accounts; i++) {
			random_text(&s, accts[i]);
			ap[i] = rnd(&s) % 50 ? accts[i] : NULL;
		}
		a.accounts = ap;
		a.n_txns = rnd(&s) % 4;
		for (size_t i = 0; i < a.n_txns; i++) {
			random_text(&s, txns[i]);
			tp[i] = txns[i];
		}
		a.txns = tp;
		switch (rnd(&s) % 4) {
		case 0: /* far before year 0 and past 9999 */
			a.start = -(int64_t)(rnd(&s) % 400000) * 86400 * 366;
			a.end = (int64_t)(rnd(&s) % 400000) * 86400 * 366;
			break;
		default:
			a.start = (int64_t)(rnd(&s) % 2000000000) - 100000;
			a.end = a.start + (int64_t)(rnd(&s) % 1000000);
		}
		a.explanation = rnd(&s) % 20 ? expl : NULL;
		snprintf(ev, sizeof ev, "{\"n\":%u}", (unsigned)(rnd(&s) % 100));
		a.evidence = rnd(&s) % 10 ? ev : rnd(&s) % 2 ? "" : NULL;
		cen_buf_reset(&got);
		cen_buf_reset(&want);
		assert_int_equal(cen_alert_to_json(&a, &got), 0);
		model(&a, &want);
		assert_string_equal(cen_buf_str(&got), cen_buf_str(&want));
	}
	cen_buf_release(&got);
	cen_buf_release(&want);
}

/* Appends to what the buffer holds; a capped buffer fails as before. */
static void test_alert_json_appends_and_caps(void **state)
{
	(void)state;
	const char *acct[] = {"BNK01:123", "BNK02:456"};
	const char *txn[] = {"T1"};
	cen_alert a = {0};
	a.id = 42;
	a.typology = "cycle";
	a.score = 0.75;
	a.accounts = acct;
	a.n_accounts = 2;
	a.txns = txn;
	a.n_txns = 1;
	a.start = 1764288000;
	a.end = 1764291661;
	a.explanation = "Funds came \"back\".";
	a.evidence = "{\"hops\":2}";
	cen_buf b;
	cen_buf_init(&b, 0);
	cen_buf_puts(&b, "x");
	assert_int_equal(cen_alert_to_json(&a, &b), 0);
	assert_string_equal(cen_buf_str(&b),
			    "x{\"alert_id\":42,\"typology\":\"cycle\",\"score\":0.75,\"accounts\":"
			    "[\"BNK01:123\",\"BNK02:456\"],\"txns\":[\"T1\"],\"start\":"
			    "\"2025-11-28T00:00:00Z\",\"end\":\"2025-11-28T01:01:01Z\","
			    "\"explanation\":\"Funds came \\\"back\\\".\",\"evidence\":{\"hops\":2}}");
	cen_buf_release(&b);
	cen_buf_init(&b, 64);
	assert_int_not_equal(cen_alert_to_json(&a, &b), 0);
	cen_buf_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_alert_json_matches_model),
		cmocka_unit_test(test_alert_json_appends_and_caps),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
