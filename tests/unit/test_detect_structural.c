/* test_detect_structural.c - each structural detector fires on its planted
 * pattern with evidence, stays quiet on a look-alike legitimate pattern
 * (hub, dissimilar amounts, wrong time order), and alerts once per pattern. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "centinela/rules.h"
#include "detect_harness.h"

#define H 3600
#define DAY 86400

/* A legitimate little economy (deterministic): three employers pay 200
 * people varied salaries, people pay ten merchants varied amounts several
 * times a day, merchants pay five suppliers daily. Hubs fan in and out all
 * day; none of it is laundering. */
static void background(cen_monitor *m, int64_t t0, int days)
{
	char a[16], b[16];
	uint64_t x = 12345;
	for (int d = 0; d < days; d++) {
		int64_t day = t0 + (int64_t)d * DAY;
		if (d % 14 == 0)
			for (int p = 0; p < 200; p++) {
				snprintf(a, sizeof a, "employer%d", p % 3);
				snprintf(b, sizeof b, "person%d", p);
				harness_push(m, day + 8 * H, a, b, 1500 + (p * 137) % 4500, NULL);
			}
		for (int k = 0; k < 600; k++) {
			x = x * 6364136223846793005ULL + 1442695040888963407ULL;
			unsigned r = (unsigned)(x >> 33);
			snprintf(a, sizeof a, "person%u", r % 200);
			snprintf(b, sizeof b, "merchant%u", (r / 200) % 10);
			harness_push(m, day + 9 * H + k * 60, a, b, 5 + (r / 2000) % 300, NULL);
		}
		for (int k = 0; k < 10; k++) {
			snprintf(a, sizeof a, "merchant%d", k);
			snprintf(b, sizeof b, "supplier%d", k % 5);
			harness_push(m, day + 22 * H + k, a, b, 2000 + k * 450, NULL);
		}
	}
}

static void test_cycle(void **state)
{
	(void)state;
	harness h;
	cen_monitor *m = harness_new(&h);
	background(m, 0, 1);
	int64_t t = DAY + 3600;
	harness_push(m, t, "C1", "C2", 9000, "x1");
	harness_push(m, t + 2 * H, "C2", "C3", 8900, "x2");
	harness_push(m, t + 5 * H, "C3", "C4", 8800, "x3");
	harness_push(m, t + 9 * H, "C4", "C1", 8700, "x4");
	/* The same ring again a day later: suppressed, not a second alert. */
	harness_push(m, t + DAY, "C1", "C2", 9000, "y1");
	harness_push(m, t + DAY + H, "C2", "C3", 8900, "y2");
	harness_push(m, t + DAY + 2 * H, "C3", "C4", 8800, "y3");
	harness_push(m, t + DAY + 3 * H, "C4", "C1", 8700, "y4");
	/* Refund-like 2-cycle returning a fraction: no alert. */
	harness_push(m, t + 3 * DAY, "R1", "R2", 500, NULL);
	harness_push(m, t + 3 * DAY + 100, "R2", "R1", 100, NULL);
	/* A ring whose hops go back in time is not a temporal cycle: X2->X3
	 * happens before X1->X2, so no money can have gone round. */
	harness_push(m, t + 4 * DAY, "X2", "X3", 700, NULL);
	harness_push(m, t + 4 * DAY + 100, "X1", "X2", 700, NULL);
	harness_push(m, t + 4 * DAY + 200, "X3", "X1", 700, NULL);
	assert_int_equal(cen_monitor_finish(m), 0);
	assert_int_equal(harness_count(&h, "cycle"), 1);
	const char *j = harness_find(&h, "cycle");
	assert_non_null(strstr(j, "\"txns\":[\"x1\",\"x2\",\"x3\",\"x4\"]"));
	assert_non_null(strstr(j, "\"hops\":4"));
	assert_non_null(strstr(j, "C1"));
	cen_monitor_stats st;
	cen_monitor_get_stats(m, &st);
	assert_true(st.suppressed >= 1);
	harness_free(&h, m);

	/* Seven hops, each passing on 98%: found by default (max_length 8);
	 * nine are past it. */
	m = harness_new(&h);
	char a[8], b[8];
	double amt = 30000;
	for (int i = 0; i < 7; i++, amt *= 0.98) {
		snprintf(a, sizeof a, "K%d", i);
		snprintf(b, sizeof b, "K%d", (i + 1) % 7);
		harness_push(m, DAY + i * 3 * H, a, b, amt, NULL);
	}
	amt = 30000;
	for (int i = 0; i < 9; i++, amt *= 0.98) {
		snprintf(a, sizeof a, "N%d", i);
		snprintf(b, sizeof b, "N%d", (i + 1) % 9);
		harness_push(m, 3 * DAY + i * 3 * H, a, b, amt, NULL);
	}
	assert_int_equal(cen_monitor_finish(m), 0);
	assert_int_equal(harness_count(&h, "cycle"), 1);
	assert_non_null(strstr(harness_find(&h, "cycle"), "\"hops\":7"));
	harness_free(&h, m);
}

static void test_fan_in_vs_hub(void **state)
{
	(void)state;
	harness h;
	cen_monitor *m = harness_new(&h);
	char s[16];
	/* Smurfs: 8 fresh senders, near-equal amounts, to one account. */
	for (int i = 0; i < 8; i++) {
		snprintf(s, sizeof s, "smurf%d", i);
		harness_push(m, 1000 + i * 600, s, "COLLECT", 9500 + i * 10, NULL);
	}
	/* A utility: 30 customers paying it bills of very different sizes, each
	 * customer also paying other merchants. */
	for (int i = 0; i < 30; i++) {
		snprintf(s, sizeof s, "cust%d", i);
		harness_push(m, 10000 + i * 300, s, "UTILITY", 15 + (i * 53) % 400, NULL);
		harness_push(m, 10000 + i * 300 + 1, s, "GROCER", 30 + i, NULL);
		harness_push(m, 10000 + i * 300 + 2, s, "PHARMACY", 12 + i, NULL);
	}
	assert_int_equal(cen_monitor_finish(m), 0);
	assert_int_equal(harness_count(&h, "fan_in"), 1);
	const char *j = harness_find(&h, "fan_in");
	assert_non_null(strstr(j, "COLLECT"));
	assert_null(strstr(j, "UTILITY"));
	harness_free(&h, m);
}

/* A business taking card payments from 40 customers a day, on days from to
 * to - 1: past max_counterparties by its payers alone. */
static void card_takings(cen_monitor *m, const char *biz, int from, int to)
{
	char s[32];
	for (int d = from; d < to; d++)
		for (int i = 0; i < 40; i++) {
			snprintf(s, sizeof s, "%s_cust%d", biz, (d * 40 + i) % 120);
			harness_push_channel(m, (int64_t)d * DAY + 8 * H + i * 900, s, biz,
					     12 + (i * 29) % 180, NULL, CEN_CH_CARD);
		}
}

/* n payers paying biz small sums from t0, ten minutes apart. */
static void small_payers(cen_monitor *m, const char *biz, int64_t t0, int n, cen_channel ch)
{
	char s[16];
	for (int i = 0; i < n; i++) {
		snprintf(s, sizeof s, "payer%d", i);
		harness_push_channel(m, t0 + i * 600, s, biz, 40 + i, NULL, ch);
	}
}

/* A fan-in of 8 mules wiring biz similar large sums from t0. */
static void mule_wires(cen_monitor *m, const char *biz, int64_t t0)
{
	char s[16];
	for (int i = 0; i < 8; i++) {
		snprintf(s, sizeof s, "mule%d", i);
		harness_push_channel(m, t0 + i * 4000, s, biz, 3000 + 550 * i, NULL, CEN_CH_WIRE);
	}
}

/* A fan-in hidden among a busy shop's card payers is found by its large
 * non-card transfers, and the alert holds those only. */
static void test_fan_in_at_a_busy_business(void **state)
{
	(void)state;
	harness h;
	cen_monitor *m = harness_new(&h);
	card_takings(m, "SHOPF", 0, 2);
	char s[16], id[16];
	for (int i = 0; i < 8; i++) {
		snprintf(s, sizeof s, "mule%d", i);
		snprintf(id, sizeof id, "fan%d", i);
		harness_push_channel(m, 2 * DAY + 9 * H + i * 4000, s, "SHOPF", 3000 + 550 * i, id,
				     i % 2 ? CEN_CH_ACH : CEN_CH_WIRE);
	}
	card_takings(m, "SHOPF", 3, 5); /* the clock moves past the decision */
	assert_int_equal(cen_monitor_finish(m), 0);
	assert_int_equal(harness_count(&h, "fan_in"), 1);
	const char *j = harness_find(&h, "fan_in");
	assert_non_null(strstr(j, "SHOPF"));
	assert_non_null(strstr(j, "\"fan0\""));
	assert_non_null(strstr(j, "\"fan7\""));
	assert_null(strstr(j, "cust"));
	assert_non_null(strstr(j, "\"counterparties\":8"));
	assert_non_null(strstr(j, "\"busy\":true"));
	harness_free(&h, m);
}

/* A busy shop's large transfers from exactly min_counterparties (5)
 * payers are a fan; from one fewer they are not (decide_busy reads no
 * further back than the window then); and from 5, after 25 payers by
 * transfer within busy_lookback, not either: the pass goes on past the
 * window to find the shop paid routinely. */
static void test_busy_fan_in_at_min_counterparties(void **state)
{
	(void)state;
	for (int k = 4; k <= 6; k++) {
		int routine = k == 6, mules = routine ? 5 : k;
		harness h;
		cen_monitor *m = harness_new(&h);
		card_takings(m, "SHOPM", 0, 2);
		if (routine)
			small_payers(m, "SHOPM", 2 * DAY, 25, CEN_CH_ACH);
		card_takings(m, "SHOPM", 3, 4);
		char s[16];
		for (int i = 0; i < mules; i++) {
			snprintf(s, sizeof s, "mule%d", i);
			harness_push_channel(m, 4 * DAY + 9 * H + i * 4000, s, "SHOPM",
					     3000 + 550 * i, NULL, CEN_CH_WIRE);
		}
		card_takings(m, "SHOPM", 5, 7);
		assert_int_equal(cen_monitor_finish(m), 0);
		assert_int_equal(harness_count(&h, "fan_in"), k == 5);
		if (k == 5)
			assert_non_null(strstr(harness_find(&h, "fan_in"), "\"counterparties\":5"));
		harness_free(&h, m);
	}
}

/* A landlord that also takes card payments: an invoice paid the evening
 * before rent day; 30 tenants paying rent on day 2 (the first hours' ones
 * would look like a fan if judged at once); 6 business tenants paying
 * larger rents on day 4, out of the fan window of the tenants' rents (on
 * their own, a fan by every figure). None of it alerts: the account
 * collects large payments from more than max_counterparties payers
 * routinely. */
static void test_busy_landlord_is_quiet(void **state)
{
	(void)state;
	harness h;
	cen_monitor *m = harness_new(&h);
	card_takings(m, "LANDLORD", 0, 1);
	char s[16];
	harness_push_channel(m, DAY + 22 * H, "client", "LANDLORD", 2400, NULL, CEN_CH_ACH);
	for (int i = 0; i < 30; i++) {
		snprintf(s, sizeof s, "tenant%d", i);
		harness_push_channel(m, 2 * DAY + 8 * H + i * 1200, s, "LANDLORD",
				     2000 + (i * 137) % 1500, NULL, i % 5 ? CEN_CH_ACH : CEN_CH_CHEQUE);
	}
	for (int i = 0; i < 6; i++) {
		snprintf(s, sizeof s, "firm%d", i);
		harness_push_channel(m, 4 * DAY + 10 * H + i * 3000, s, "LANDLORD", 3800 + 300 * i,
				     NULL, CEN_CH_ACH);
	}
	card_takings(m, "LANDLORD", 5, 7);
	assert_int_equal(cen_monitor_finish(m), 0);
	for (size_t i = 0; i < h.n && i < 256; i++)
		fprintf(stderr, "unexpected: %s\n", h.json[i]);
	assert_int_equal(harness_count(&h, "fan_in"), 0);
	harness_free(&h, m);
}

/* A busy shop's fan of large transfers (as above) after 25 customers paid
 * it small sums on days before the window: paid by card they are takings
 * and the fan alerts; paid by transfer they make more than
 * max_counterparties payers by transfer over busy_lookback, of any amount,
 * and the shop is left alone. */
static void test_busy_lookback_counts_small_transfers(void **state)
{
	(void)state;
	for (int by_card = 0; by_card < 2; by_card++) {
		harness h;
		cen_monitor *m = harness_new(&h);
		card_takings(m, "SHOPL", 0, 2);
		small_payers(m, "SHOPL", 2 * DAY, 25, by_card ? CEN_CH_CARD : CEN_CH_ACH);
		card_takings(m, "SHOPL", 3, 4);
		mule_wires(m, "SHOPL", 4 * DAY + 9 * H);
		card_takings(m, "SHOPL", 5, 7);
		assert_int_equal(cen_monitor_finish(m), 0);
		assert_int_equal(harness_count(&h, "fan_in"), by_card);
		if (by_card)
			assert_non_null(strstr(harness_find(&h, "fan_in"), "\"counterparties\":8"));
		harness_free(&h, m);
	}
}

/* A busy shop found paid routinely (25 payers by transfer and a large
 * transfer that queues a decision on day 2) is judged afresh once those
 * payers are out of busy_lookback: the fan of large transfers on day 10
 * alerts. */
static void test_busy_routine_finding_expires(void **state)
{
	(void)state;
	harness h;
	cen_monitor *m = harness_new(&h);
	card_takings(m, "SHOPR", 0, 2);
	small_payers(m, "SHOPR", 2 * DAY, 25, CEN_CH_ACH);
	harness_push_channel(m, 2 * DAY + 6 * H, "client", "SHOPR", 3500, NULL, CEN_CH_WIRE);
	card_takings(m, "SHOPR", 3, 10);
	mule_wires(m, "SHOPR", 10 * DAY + 9 * H);
	card_takings(m, "SHOPR", 11, 12);
	assert_int_equal(cen_monitor_finish(m), 0);
	assert_int_equal(harness_count(&h, "fan_in"), 1);
	const char *j = harness_find(&h, "fan_in");
	assert_non_null(strstr(j, "\"counterparties\":8"));
	assert_null(strstr(j, "payer"));
	harness_free(&h, m);
}

/* test_fan_out's two fans decided as the clock passes their time (not
 * at the end of input): SPENDER's (here of five wires, min_counterparties),
 * queued when its second wire made it a candidate, counts the three wires
 * that came after, and SPLITTER's, queued at its fifth, the five before;
 * each is judged once the window from its first wire has passed. */
static void test_fan_out_decided_as_the_clock_moves(void **state)
{
	(void)state;
	harness h;
	cen_monitor *m = harness_new(&h);
	char s[16];
	for (int i = 0; i < 20; i++) {
		snprintf(s, sizeof s, "shop%d", i);
		harness_push(m, 2 * DAY + i * 400, "SPENDER", s, 3 + (i * 37) % 400, "card");
		if (i % 4 == 0) {
			snprintf(s, sizeof s, "mule_b%d", i / 4);
			harness_push(m, 2 * DAY + i * 400 + 1, "SPENDER", s, 2500 + 300 * i, NULL);
		}
	}
	for (int i = 0; i < 7; i++) {
		snprintf(s, sizeof s, "mule%d", i);
		harness_push(m, 2 * DAY + 5 * H + i * 60, "SPLITTER", s, 4000, NULL);
	}
	/* past the first decisions (12 hours after each was queued), then past
	 * the end of the window from each fan's first wire, when it is judged */
	harness_push(m, 2 * DAY + 18 * H, "X", "Y", 10, NULL);
	harness_push(m, 4 * DAY + 6 * H, "X", "Y", 10, NULL);
	assert_int_equal(h.n, 2);
	assert_int_equal(harness_count(&h, "fan_out"), 2);
	assert_non_null(strstr(h.json[0], "SPENDER"));
	assert_non_null(strstr(h.json[0], "mule_b4"));
	assert_non_null(strstr(h.json[0], "\"counterparties\":5"));
	assert_non_null(strstr(h.json[1], "SPLITTER"));
	assert_non_null(strstr(h.json[1], "\"counterparties\":7"));
	assert_int_equal(cen_monitor_finish(m), 0);
	assert_int_equal(h.n, 2);
	harness_free(&h, m);
}

static void test_fan_out(void **state)
{
	(void)state;
	harness h;
	cen_monitor *m = harness_new(&h);
	char s[16];
	for (int i = 0; i < 7; i++) {
		snprintf(s, sizeof s, "mule%d", i);
		harness_push(m, 1000 + i * 60, "SPLITTER", s, 4000, NULL);
	}
	/* The same, from an account that also pays 30 shops by card between
	 * the wires: the card payments (amounts from cents to $400, many
	 * counterparties) neither hide the fan nor join the alert. */
	for (int i = 0; i < 30; i++) {
		snprintf(s, sizeof s, "shop%d", i);
		harness_push(m, 2 * DAY + i * 400, "SPENDER", s, 3 + (i * 37) % 400, "card");
		if (i % 4 == 0) {
			snprintf(s, sizeof s, "mule_b%d", i / 4);
			harness_push(m, 2 * DAY + i * 400 + 1, "SPENDER", s, 2500 + 300 * i, NULL);
		}
	}
	assert_int_equal(cen_monitor_finish(m), 0);
	assert_int_equal(harness_count(&h, "fan_out"), 2);
	assert_non_null(strstr(harness_find(&h, "fan_out"), "SPLITTER"));
	const char *j = h.json[1];
	assert_non_null(strstr(j, "SPENDER"));
	assert_non_null(strstr(j, "mule_b7"));
	assert_null(strstr(j, "shop"));
	assert_null(strstr(j, "\"card\""));
	harness_free(&h, m);
}

static void test_pass_through(void **state)
{
	(void)state;
	harness h;
	cen_monitor *m = harness_new(&h);
	harness_push(m, 1000, "ORIG", "CONDUIT", 25000, "in1");
	harness_push(m, 1000 + 3 * H, "CONDUIT", "DEST", 24800, "out1");
	/* Not a pass-through: the amount that leaves is a small part. */
	harness_push(m, 5000, "EMP", "WORKER", 3000, NULL);
	harness_push(m, 6000, "WORKER", "SHOP", 120, NULL);
	assert_int_equal(cen_monitor_finish(m), 0);
	assert_int_equal(harness_count(&h, "pass_through"), 1);
	const char *j = harness_find(&h, "pass_through");
	assert_non_null(strstr(j, "\"txns\":[\"in1\",\"out1\"]"));
	assert_non_null(strstr(j, "CONDUIT"));
	harness_free(&h, m);
}

/* match = "single": one transfer of A in and one of A out to someone else,
 * whatever else the account paid meanwhile (the sum rule sees 25,000 in and
 * 26,740 out and stays quiet). The bounds: max_added, and never back to the
 * sender. */
/* Money passed on by card is spent, not relayed: the same sums out by
 * card alert nothing, by transfer they do (and the card payment is not a
 * piece of the sum). */
static void test_pass_through_not_by_card(void **state)
{
	(void)state;
	for (int by_card = 0; by_card < 2; by_card++) {
		harness h;
		cen_monitor *m = harness_new(&h);
		harness_push(m, 1000, "ORIG", "CONDUIT", 25000, "in1");
		harness_push_channel(m, 1000 + H, "CONDUIT", "SHOP", 2000, "card1", CEN_CH_CARD);
		harness_push_channel(m, 1000 + 3 * H, "CONDUIT", "DEST", 24800, "out1",
				     by_card ? CEN_CH_CARD : CEN_CH_ACH);
		assert_int_equal(cen_monitor_finish(m), 0);
		assert_int_equal(harness_count(&h, "pass_through"), !by_card);
		if (!by_card)
			assert_non_null(strstr(harness_find(&h, "pass_through"),
					       "\"txns\":[\"in1\",\"out1\"]"));
		harness_free(&h, m);
	}
}

static void test_pass_through_single(void **state)
{
	(void)state;
	for (int single = 0; single < 2; single++) {
		harness h;
		const char *text = single ? "[pass_through]\nmatch = \"single\"\ntolerance = 0.001\n"
					    "max_added = 0.001\n"
					  : "[pass_through]\ntolerance = 0.001\nmax_added = 0.001\n";
		cen_rules *r = NULL;
		char err[256];
		assert_int_equal(cen_rules_parse(text, strlen(text), "t.toml", &r, err, sizeof err,
						 NULL), 0);
		cen_monitor *m = harness_new_rules(&h, r);
		harness_push(m, 1000, "ORIG", "RELAY", 25000, "in1");
		harness_push(m, 1000 + H, "RELAY", "RENT", 1740, "rent");
		harness_push(m, 1000 + 2 * H, "RELAY", "DEST", 25000, "out1");
		/* 0.4% more than came in: past max_added */
		harness_push(m, 1000 + DAY, "ORIG2", "RELAY2", 10000, "in2");
		harness_push(m, 1000 + DAY + H, "RELAY2", "DEST2", 10040, "out2");
		/* the same amount back to its sender is a refund, not a relay */
		harness_push(m, 1000 + 2 * DAY, "ORIG3", "RELAY3", 8000, "in3");
		harness_push(m, 1000 + 2 * DAY + H, "RELAY3", "ORIG3", 8000, "back3");
		assert_int_equal(cen_monitor_finish(m), 0);
		assert_int_equal(harness_count(&h, "pass_through"), single);
		if (single) {
			const char *j = harness_find(&h, "pass_through");
			assert_non_null(strstr(j, "\"txns\":[\"in1\",\"out1\"]"));
			assert_non_null(strstr(j, "\"accounts\":[\"ORIG\",\"RELAY\",\"DEST\"]"));
		}
		harness_free(&h, m);
		cen_rules_free(r);
	}
}

static void test_scatter_gather_and_gather_scatter(void **state)
{
	(void)state;
	harness h;
	cen_monitor *m = harness_new(&h);
	char s[16];
	for (int i = 0; i < 4; i++) {
		snprintf(s, sizeof s, "mid%d", i);
		harness_push(m, 1000 + i, "SRC", s, 5000, NULL);
	}
	for (int i = 0; i < 4; i++) {
		snprintf(s, sizeof s, "mid%d", i);
		harness_push(m, 5000 + i, s, "SINK", 4950, NULL);
	}
	/* gather-scatter: 4 senders into HUBX, then 4 recipients out of it */
	for (int i = 0; i < 4; i++) {
		snprintf(s, sizeof s, "gs_in%d", i);
		harness_push(m, 10000 + i, s, "CENTER", 3000, NULL);
	}
	for (int i = 0; i < 4; i++) {
		snprintf(s, sizeof s, "gs_out%d", i);
		harness_push(m, 10000 + DAY + i * H, "CENTER", s, 2900, NULL);
	}
	assert_int_equal(cen_monitor_finish(m), 0);
	assert_int_equal(harness_count(&h, "scatter_gather"), 1);
	const char *j = harness_find(&h, "scatter_gather");
	assert_non_null(strstr(j, "\"width\":"));
	assert_non_null(strstr(j, "SINK"));
	assert_int_equal(harness_count(&h, "gather_scatter"), 1);
	assert_non_null(strstr(harness_find(&h, "gather_scatter"), "CENTER"));
	harness_free(&h, m);
}

/* A shop: 60 card payers a day hide a gather-scatter among its takings.
 * The whole-window sums cannot see it (and the shop has too many senders
 * for that test); the episode does, and the alert lists only its large
 * transfers. The same shop paying only half on does not alert. */
static void shop(harness *h, cen_monitor *m, const char *name, double out_each)
{
	char s[32];
	for (int day = 0; day < 3; day++)
		for (int i = 0; i < 60; i++) {
			snprintf(s, sizeof s, "%s_card%d_%d", name, day, i);
			harness_push(m, 100000 + day * DAY + i * 600, s, name, 20 + i % 50, NULL);
		}
	int64_t t = 100000 + 3 * DAY;
	for (int i = 0; i < 5; i++) {
		snprintf(s, sizeof s, "%s_in%d", name, i);
		harness_push(m, t + i * H, s, name, 4000 + 100 * i, NULL);
	}
	for (int i = 0; i < 5; i++) {
		snprintf(s, sizeof s, "%s_out%d", name, i);
		harness_push(m, t + 12 * H + i * H, name, s, out_each, NULL);
	}
	(void)h;
}

static void test_gather_scatter_inside_a_shop(void **state)
{
	(void)state;
	harness h;
	cen_monitor *m = harness_new(&h);
	shop(&h, m, "SHOP", 3900);
	assert_int_equal(cen_monitor_finish(m), 0);
	assert_int_equal(harness_count(&h, "gather_scatter"), 1);
	const char *j = harness_find(&h, "gather_scatter");
	assert_non_null(strstr(j, "SHOP_in4"));
	assert_non_null(strstr(j, "SHOP_out4"));
	assert_null(strstr(j, "card")); /* only the episode's transfers */
	assert_non_null(strstr(j, "\"senders\":5,\"recipients\":5"));
	harness_free(&h, m);

	m = harness_new(&h);
	shop(&h, m, "SHOP2", 2100); /* passes on about half */
	assert_int_equal(cen_monitor_finish(m), 0);
	assert_int_equal(harness_count(&h, "gather_scatter"), 0);
	harness_free(&h, m);
}

/* A 3 x 3 block whose payees are shops taking 40 card payments each: the
 * card payers neither crowd the payers out of the block nor join it. */
static void test_bipartite_among_shops(void **state)
{
	(void)state;
	harness h;
	cen_monitor *m = harness_new(&h);
	char a[24], b[24];
	for (int k = 0; k < 3; k++)
		for (int i = 0; i < 40; i++) {
			snprintf(a, sizeof a, "buyer%d_%d", k, i);
			snprintf(b, sizeof b, "shopD%d", k);
			harness_push(m, 1000 + k * 40 + i, a, b, 5 + i, NULL);
		}
	for (int i = 0; i < 3; i++)
		for (int k = 0; k < 3; k++) {
			snprintf(a, sizeof a, "payS%d", i);
			snprintf(b, sizeof b, "shopD%d", k);
			harness_push(m, 5000 + i * 10 + k, a, b, 2500 + 100 * i, NULL);
		}
	assert_int_equal(cen_monitor_finish(m), 0);
	assert_int_equal(harness_count(&h, "bipartite"), 1);
	const char *j = harness_find(&h, "bipartite");
	assert_non_null(strstr(j, "payS2"));
	assert_non_null(strstr(j, "shopD2"));
	assert_null(strstr(j, "buyer"));
	harness_free(&h, m);
}

/* A shop with 40 card customers a day and its own card spending: a large
 * wire passed straight on is a pass-through (its small payments are left
 * out of the sums); a smaller sum passed on is ordinary business. */
static void test_pass_through_at_a_busy_shop(void **state)
{
	(void)state;
	harness h;
	cen_monitor *m = harness_new(&h);
	char s[24];
	for (int i = 0; i < 40; i++) {
		snprintf(s, sizeof s, "cust%d", i);
		harness_push(m, 1000 + i * 60, s, "SHOPPT", 10 + i, NULL);
		snprintf(s, sizeof s, "vendor%d", i);
		harness_push(m, 1010 + i * 60, "SHOPPT", s, 15 + i, NULL);
	}
	harness_push(m, 5000, "ABROAD", "SHOPPT", 60000, "w_in");
	harness_push(m, 5000 + H, "SHOPPT", "vendorX", 25, NULL);
	harness_push(m, 5000 + 2 * H, "SHOPPT", "ONWARD", 58800, "w_out");
	harness_push(m, 5000 + 3 * DAY, "ABROAD2", "SHOPPT", 5000, "s_in");
	harness_push(m, 5000 + 3 * DAY + H, "SHOPPT", "ONWARD2", 4900, "s_out");
	assert_int_equal(cen_monitor_finish(m), 0);
	assert_int_equal(harness_count(&h, "pass_through"), 1);
	const char *j = harness_find(&h, "pass_through");
	assert_non_null(strstr(j, "\"txns\":[\"w_in\",\"w_out\"]"));
	harness_free(&h, m);
}

static void test_bipartite_and_stack(void **state)
{
	(void)state;
	harness h;
	cen_monitor *m = harness_new(&h);
	char a[16], b[16];
	/* 3 x 3 complete block. */
	for (int i = 0; i < 3; i++)
		for (int k = 0; k < 3; k++) {
			snprintf(a, sizeof a, "bpS%d", i);
			snprintf(b, sizeof b, "bpD%d", k);
			harness_push(m, 1000 + i * 10 + k, a, b, 2000, NULL);
		}
	/* Stack: L1 (3 accounts) -> L2 (3 relays) -> FINAL, FINAL2. */
	for (int i = 0; i < 3; i++) {
		snprintf(a, sizeof a, "L1_%d", i);
		snprintf(b, sizeof b, "L2_%d", i);
		harness_push(m, 50000 + i, a, b, 7000, NULL);
		snprintf(b, sizeof b, "L2_%d", (i + 1) % 3);
		harness_push(m, 50010 + i, a, b, 7000, NULL);
	}
	for (int i = 0; i < 3; i++) {
		snprintf(b, sizeof b, "L2_%d", i);
		harness_push(m, 60000 + i, b, i ? "FINAL" : "FINAL2", 13000, NULL);
	}
	assert_int_equal(cen_monitor_finish(m), 0);
	assert_int_equal(harness_count(&h, "bipartite"), 1);
	assert_non_null(strstr(harness_find(&h, "bipartite"), "\"density\":1.000"));
	assert_true(harness_count(&h, "stack") >= 1);
	assert_non_null(strstr(harness_find(&h, "stack"), "FINAL"));
	harness_free(&h, m);
}

/* The same shape, but the middle accounts are businesses with income of
 * their own: each passes on what it gets, yet together they pay the last
 * layer far more than the first layer gave them. Not a stack. */
static void test_stack_needs_the_layer_to_conserve(void **state)
{
	(void)state;
	harness h;
	cen_monitor *m = harness_new(&h);
	char a[16], b[16];
	for (int i = 0; i < 3; i++) {
		snprintf(a, sizeof a, "P1_%d", i);
		snprintf(b, sizeof b, "P2_%d", i);
		harness_push(m, 50000 + i, a, b, 7000, NULL);
		snprintf(b, sizeof b, "P2_%d", (i + 1) % 3);
		harness_push(m, 50010 + i, a, b, 7000, NULL);
		snprintf(a, sizeof a, "CLIENT_%d", i); /* small income the layer never sees */
		for (int k = 0; k < 40; k++)
			harness_push(m, 50100 + i * 100 + k, a, b, 500, NULL);
	}
	for (int i = 0; i < 3; i++) {
		snprintf(b, sizeof b, "P2_%d", i);
		harness_push(m, 60000 + i, b, i ? "SUPPLIER" : "SUPPLIER2", 33000, NULL);
	}
	assert_int_equal(cen_monitor_finish(m), 0);
	assert_int_equal(harness_count(&h, "stack"), 0);
	harness_free(&h, m);
}

/* The stack's shape and amounts, but the middle layer pays the last one
 * before the first layer pays it: money cannot have gone through. */
static void test_stack_needs_money_in_before_out(void **state)
{
	(void)state;
	harness h;
	cen_monitor *m = harness_new(&h);
	char a[16], b[16];
	for (int i = 0; i < 3; i++) {
		snprintf(b, sizeof b, "Q2_%d", i);
		harness_push(m, 40000 + i, b, i ? "QEND" : "QEND2", 13000, NULL);
	}
	for (int i = 0; i < 3; i++) {
		snprintf(a, sizeof a, "Q1_%d", i);
		snprintf(b, sizeof b, "Q2_%d", i);
		harness_push(m, 50000 + i, a, b, 7000, NULL);
		snprintf(b, sizeof b, "Q2_%d", (i + 1) % 3);
		harness_push(m, 50010 + i, a, b, 7000, NULL);
	}
	/* a later payment by a relay checks the whole picture */
	harness_push(m, 60000, "Q2_0", "QEND3", 1000, NULL);
	assert_int_equal(cen_monitor_finish(m), 0);
	assert_int_equal(harness_count(&h, "stack"), 0);
	harness_free(&h, m);
}

static void test_background_is_quiet(void **state)
{
	(void)state;
	harness h;
	cen_monitor *m = harness_new(&h);
	background(m, 0, 15);
	assert_int_equal(cen_monitor_finish(m), 0);
	for (size_t i = 0; i < h.n && i < 256; i++)
		fprintf(stderr, "unexpected: %s\n", h.json[i]);
	assert_int_equal(h.n, 0);
	harness_free(&h, m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cycle),
		cmocka_unit_test(test_fan_in_vs_hub),
		cmocka_unit_test(test_fan_in_at_a_busy_business),
		cmocka_unit_test(test_busy_fan_in_at_min_counterparties),
		cmocka_unit_test(test_fan_out_decided_as_the_clock_moves),
		cmocka_unit_test(test_busy_landlord_is_quiet),
		cmocka_unit_test(test_busy_lookback_counts_small_transfers),
		cmocka_unit_test(test_busy_routine_finding_expires),
		cmocka_unit_test(test_pass_through_not_by_card),
		cmocka_unit_test(test_fan_out),
		cmocka_unit_test(test_pass_through),
		cmocka_unit_test(test_pass_through_single),
		cmocka_unit_test(test_scatter_gather_and_gather_scatter),
		cmocka_unit_test(test_gather_scatter_inside_a_shop),
		cmocka_unit_test(test_bipartite_among_shops),
		cmocka_unit_test(test_pass_through_at_a_busy_shop),
		cmocka_unit_test(test_bipartite_and_stack),
		cmocka_unit_test(test_stack_needs_the_layer_to_conserve),
		cmocka_unit_test(test_stack_needs_money_in_before_out),
		cmocka_unit_test(test_background_is_quiet),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
