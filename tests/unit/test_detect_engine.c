/* test_detect_engine.c - the engine around the detectors: records shuffled
 * within the reorder tolerance are sorted (a cycle whose hops arrive out of
 * order is still found), a record later than the tolerance is reported with
 * its line and processed at the clock, alerts come out as soon as they are
 * certain (before finish), the window evicts, bad configuration is
 * refused with a message, records built in the lookahead's own slot
 * give the alerts that copied records give, and an edge goes to the
 * detectors enabled that take its channel. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "centinela/rules.h"
#include "detect/engine.h"
#include "detect_harness.h"

struct diags {
	int n;
	uint64_t line;
	char field[32];
};

static void on_diag(void *ctx, int severity, const char *file, uint64_t line,
		    const char *field, const char *msg)
{
	struct diags *d = ctx;
	(void)severity;
	(void)file;
	(void)msg;
	d->n++;
	d->line = line;
	snprintf(d->field, sizeof d->field, "%s", field ? field : "");
}

/* A monitor collecting into h, with the rules in text (NULL: the defaults;
 * *rules is then NULL), diag, and a lookahead of the given depth. */
static cen_monitor *with_rules(harness *h, const char *text, cen_rules **rules, cen_diag *diag,
			       unsigned lookahead)
{
	memset(h, 0, sizeof *h);
	cen_buf_init(&h->buf, 0);
	*rules = NULL;
	if (text)
		assert_int_equal(cen_rules_parse(text, strlen(text), "t.toml", rules, NULL, 0, NULL),
				 0);
	cen_monitor_config cfg;
	memset(&cfg, 0, sizeof cfg);
	cfg.rules = *rules;
	cfg.sink = harness_sink;
	cfg.sink_ctx = h;
	cfg.diag = diag;
	cfg.source_name = "t.csv";
	cfg.lookahead = lookahead;
	cen_monitor *m = NULL;
	char err[256];
	assert_int_equal(cen_monitor_new(&cfg, &m, err, sizeof err), 0);
	return m;
}

static cen_txn txn(int64_t ts, const char *a, const char *b, int64_t cents, const char *id)
{
	cen_txn t;
	memset(&t, 0, sizeof t);
	t.ts = ts;
	t.orig_acct.ptr = a;
	t.orig_acct.len = strlen(a);
	t.bene_acct.ptr = b;
	t.bene_acct.len = strlen(b);
	t.amount = t.base_amount = cents;
	t.id.ptr = id;
	t.id.len = strlen(id);
	return t;
}

static void test_reorder_within_tolerance(void **state)
{
	(void)state;
	harness h;
	cen_rules *r;
	struct diags dd = {0};
	cen_diag diag = {on_diag, &dd, 0, 0};
	cen_monitor *m = with_rules(&h, "[monitor]\nreorder_tolerance = 3600\n", &r, &diag, 0);
	/* A -> B -> C -> A, hops arriving in the order 2, 1, 3. */
	cen_txn t2 = txn(1000 + 600, "B", "C", 500000, "h2");
	cen_txn t1 = txn(1000, "A", "B", 510000, "h1");
	cen_txn t3 = txn(1000 + 1200, "C", "A", 490000, "h3");
	assert_int_equal(cen_monitor_push_line(m, &t2, 2), 0);
	assert_int_equal(cen_monitor_push_line(m, &t1, 3), 0);
	assert_int_equal(cen_monitor_push_line(m, &t3, 4), 0);
	assert_int_equal(cen_monitor_finish(m), 0);
	assert_int_equal(harness_count(&h, "cycle"), 1);
	assert_non_null(strstr(harness_find(&h, "cycle"), "\"txns\":[\"h1\",\"h2\",\"h3\"]"));
	cen_monitor_stats st;
	cen_monitor_get_stats(m, &st);
	assert_int_equal(st.reordered, 1);
	assert_int_equal(st.late, 0);
	assert_int_equal(dd.n, 0);
	harness_free(&h, m);
	cen_rules_free(r);
}

static void test_late_is_reported_and_processed(void **state)
{
	(void)state;
	harness h;
	cen_rules *r;
	struct diags dd = {0};
	cen_diag diag = {on_diag, &dd, 0, 0};
	cen_monitor *m = with_rules(&h, "", &r, &diag, 0);
	cen_txn a = txn(5000, "X", "Y", 100, "k1");
	cen_txn late = txn(1000, "Y", "X", 100, "k2");
	assert_int_equal(cen_monitor_push_line(m, &a, 2), 0);
	assert_int_equal(cen_monitor_push_line(m, &late, 3), 0);
	assert_int_equal(cen_monitor_finish(m), 0);
	cen_monitor_stats st;
	cen_monitor_get_stats(m, &st);
	assert_int_equal(st.txns, 2);
	assert_int_equal(st.late, 1);
	assert_int_equal(dd.n, 1);
	assert_int_equal(dd.line, 3);
	assert_string_equal(dd.field, "timestamp");
	/* Processed, not dropped: it closes the 2-cycle X -> Y -> X. */
	assert_int_equal(harness_count(&h, "cycle"), 1);
	harness_free(&h, m);
	cen_rules_free(r);
}

static void test_alert_before_finish_and_eviction(void **state)
{
	(void)state;
	harness h;
	cen_monitor *m = harness_new(&h);
	harness_push(m, 100, "P", "Q", 7000, "e1");
	harness_push(m, 200, "Q", "P", 7000, "e2");
	/* Streaming: the cycle is certain when its last edge arrives. */
	assert_int_equal(h.n, 1);
	/* Far later: the window has moved past both edges. */
	harness_push(m, 100 + 30 * 86400, "Z1", "Z2", 10, "e3");
	cen_monitor_stats st;
	cen_monitor_get_stats(m, &st);
	assert_int_equal(st.window_edges, 1);
	assert_int_equal(st.peak_window_edges, 2);
	assert_int_equal(st.accounts, 4);
	assert_int_equal(cen_monitor_finish(m), 0);
	assert_int_equal(cen_monitor_push(m, NULL), CEN_EINVAL); /* after finish */
	harness_free(&h, m);
}

/* The engine gives an edge to the detectors the rules leave enabled, each
 * in its turn (a bit per detector and channel): the cycle detector turned
 * off sees no edge; with every detector on, a cash deposit between the
 * two hops reaches the ctr (cash only, through the cash detectors'
 * adapter) and the cycle still closes at once; by wire the same sum is
 * no ctr's. */
static void test_edges_to_enabled_detectors_of_the_channel(void **state)
{
	(void)state;
	harness h;
	cen_rules *r;
	cen_monitor *m = with_rules(&h, "[cycle]\nenabled = false\n", &r, NULL, 0);
	harness_push(m, 100, "P", "Q", 7000, "e1");
	harness_push(m, 200, "Q", "P", 7000, "e2");
	assert_int_equal(cen_monitor_finish(m), 0);
	assert_int_equal(harness_count(&h, "cycle"), 0);
	harness_free(&h, m);
	cen_rules_free(r);
	const cen_channel chans[2] = {CEN_CH_CASH, CEN_CH_WIRE};
	for (int k = 0; k < 2; k++) {
		m = harness_new(&h);
		harness_push(m, 100, "P", "Q", 7000, "e1");
		harness_push_channel(m, 3600, "A1", "A1", 12000, "c1", chans[k]);
		harness_push(m, 7200, "Q", "P", 7000, "e2");
		assert_int_equal(h.n, 1); /* the cycle, as soon as it closes */
		assert_int_equal(cen_monitor_finish(m), 0);
		assert_int_equal(harness_count(&h, "cycle"), 1);
		assert_int_equal(harness_count(&h, "ctr"), k == 0);
		harness_free(&h, m);
	}
}

static int no_features(void *ctx, const char *id, const double *v, size_t n)
{
	(void)ctx;
	(void)id;
	(void)v;
	(void)n;
	return 0;
}

static void test_bad_config(void **state)
{
	(void)state;
	const char *bad[] = {"[cycle]\nmax_length = 99\n", "[monitor]\nreorder_tolerance = -5\n",
			     "[fan_in]\nmin_counterparties = 1\n", "[features]\nbins = [3, 2]\n"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		cen_rules *r = NULL;
		assert_int_equal(cen_rules_parse(bad[i], strlen(bad[i]), "t", &r, NULL, 0, NULL), 0);
		cen_monitor_config cfg;
		memset(&cfg, 0, sizeof cfg);
		cfg.rules = r;
		cfg.sink = harness_sink;
		cfg.features = i == 3 ? no_features : NULL;
		cen_monitor *m = (cen_monitor *)&cfg;
		char err[256] = "";
		assert_true(cen_monitor_new(&cfg, &m, err, sizeof err) < 0);
		assert_null(m);
		assert_true(strlen(err) > 5);
		cen_rules_free(r);
	}
}

/* s lies in the held record's own storage. */
static void owned(cen_slice s, const cen__held *h)
{
	int in_inl = s.ptr >= h->inl && s.ptr + s.len <= h->inl + CEN__HELD_INLINE;
	int in_ext = h->ext && s.ptr >= h->ext && s.ptr + s.len <= h->ext + h->extcap;
	assert_true(in_inl || in_ext);
}

/* A held record owns its text, whether its fields come from one CSV line
 * (copied as one stretch) or from buffers far apart (copied one by one),
 * and the extra bytes asked for follow it. */
static void test_held_record_copies(void **state)
{
	(void)state;
	for (int layout = 0; layout < 2; layout++) {
		char line[] = "T9,2025-01-01T00:00:00Z,BNK1,111,BNK2,222,5.00,USD,,,wire,Ana,Bo,US,MX,,rent";
		char far_away[4096];
		memcpy(far_away + 3000, "Beneficiary Name", 16);
		cen_txn t;
		memset(&t, 0, sizeof t);
#define SL(f, off, n) (t.f.ptr = line + (off), t.f.len = (n))
		SL(id, 0, 2);
		SL(orig_bank, 24, 4);
		SL(orig_acct, 29, 3);
		SL(bene_bank, 33, 4);
		SL(bene_acct, 38, 3);
		SL(orig_name, 58, 3);
		SL(bene_name, 62, 2);
		SL(orig_country, 65, 2);
		SL(bene_country, 68, 2);
		SL(memo, 72, 4);
#undef SL
		t.amount = 500;
		if (layout == 1) { /* a name fixed up in another buffer */
			t.bene_name.ptr = far_away + 3000;
			t.bene_name.len = 16;
		}
		cen__held h;
		memset(&h, 0, sizeof h);
		char *extra = cen__held_set(&h, &t, 40);
		assert_non_null(extra);
		memset(line, '#', sizeof line - 1); /* the sources go away */
		memset(far_away + 3000, '#', 16);
		memset(extra, 'x', 40);             /* the room asked for is there */
		assert_memory_equal(h.t.id.ptr, "T9", 2);
		assert_memory_equal(h.t.orig_bank.ptr, "BNK1", 4);
		assert_memory_equal(h.t.orig_acct.ptr, "111", 3);
		assert_memory_equal(h.t.bene_bank.ptr, "BNK2", 4);
		assert_memory_equal(h.t.bene_acct.ptr, "222", 3);
		assert_memory_equal(h.t.orig_name.ptr, "Ana", 3);
		if (layout == 1)
			assert_memory_equal(h.t.bene_name.ptr, "Beneficiary Name", 16);
		else
			assert_memory_equal(h.t.bene_name.ptr, "Bo", 2);
		assert_memory_equal(h.t.orig_country.ptr, "US", 2);
		assert_memory_equal(h.t.bene_country.ptr, "MX", 2);
		assert_memory_equal(h.t.memo.ptr, "rent", 4);
		assert_int_equal(h.t.location.len, 0);
		assert_int_equal(h.t.amount, 500);
		owned(h.t.id, &h);
		owned(h.t.bene_name, &h);
		owned(h.t.memo, &h);
		cen_slice x = {extra, 40};
		owned(x, &h);
		cen__held_release(&h);
	}
}

/* Record i of a stream of cycles A_k -> B_k -> C_k -> A_k (one every 40
 * records, the rest background payments among 30 accounts), its text in
 * names[i]: ids and accounts stay valid for the whole run. */
static cen_txn stream_txn(int i, char names[][3][16])
{
	int k = i / 40, r = i % 40;
	if (r < 3) {
		const char *hop[3][2] = {{"A", "B"}, {"B", "C"}, {"C", "A"}};
		snprintf(names[i][0], 16, "%s%d", hop[r][0], k);
		snprintf(names[i][1], 16, "%s%d", hop[r][1], k);
	} else {
		snprintf(names[i][0], 16, "P%d", (i * 7) % 30);
		snprintf(names[i][1], 16, "P%d", (i * 11 + 3) % 30);
	}
	snprintf(names[i][2], 16, "t%d", i);
	return txn(1000 + (int64_t)i * 60, names[i][0], names[i][1], 900000 - r * 1000,
		   names[i][2]);
}

/* A held field of every length from none to past two words is copied
 * whole, from a source of exactly its size (the sanitizer build sees a
 * read past it) into room whose bytes around it stay as they were. */
static void test_held_copy_every_length(void **state)
{
	(void)state;
	for (size_t n = 0; n <= 40; n++) {
		char *src = cen_malloc(n ? n : 1);
		assert_non_null(src);
		for (size_t i = 0; i < n; i++)
			src[i] = (char)('a' + (i * 7 + n) % 26);
		char room[64];
		memset(room, '#', sizeof room);
		cen__held_copy(room + 8, src, n);
		assert_memory_equal(room + 8, src, n);
		for (size_t i = 0; i < sizeof room; i++)
			if (i < 8 || i >= 8 + n)
				assert_int_equal(room[i], '#');
		cen_free(src);
	}
}

static void test_records_built_in_place(void **state)
{
	(void)state;
	enum { N = 400 };
	static char names[N][3][16];
	/* 16: a power of two, where the slot must still not be the oldest
	 * record's when the pipe is full */
	const unsigned depths[] = {6, 16};
	for (size_t d = 0; d < sizeof depths / sizeof depths[0]; d++) {
		harness copied, in_place;
		cen_rules *r1, *r2;
		cen_monitor *a = with_rules(&copied, NULL, &r1, NULL, depths[d]);
		cen_monitor *b = with_rules(&in_place, NULL, &r2, NULL, depths[d]);
		for (int i = 0; i < N; i++) {
			cen_txn t = stream_txn(i, names);
			assert_int_equal(cen_monitor_push_kept(a, &t, (uint64_t)i + 2), 0);
			cen_txn *slot = cen_monitor_slot(b);
			assert_non_null(slot);
			memset(slot, 0x5a, sizeof *slot); /* whatever the slot held */
			*slot = t;
			assert_int_equal(cen_monitor_push_kept(b, slot, (uint64_t)i + 2), 0);
		}
		assert_int_equal(cen_monitor_finish(a), 0);
		assert_int_equal(cen_monitor_finish(b), 0);
		assert_null(cen_monitor_slot(b)); /* finished */
		assert_true(harness_count(&copied, "cycle") >= N / 40); /* and the background's */
		assert_int_equal(in_place.n, copied.n);
		for (size_t i = 0; i < copied.n && i < 256; i++)
			assert_string_equal(in_place.json[i], copied.json[i]);
		harness_free(&copied, a);
		harness_free(&in_place, b);
		cen_rules_free(r1);
		cen_rules_free(r2);
	}
	/* No slot where the engine copies anyway. */
	harness h;
	cen_rules *r;
	cen_monitor *m = with_rules(&h, NULL, &r, NULL, 0);
	assert_null(cen_monitor_slot(m));
	harness_free(&h, m);
	cen_rules_free(r);
	m = with_rules(&h, "[monitor]\nreorder_tolerance = 60\n", &r, NULL, 8);
	assert_null(cen_monitor_slot(m));
	harness_free(&h, m);
	cen_rules_free(r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_held_record_copies),
		cmocka_unit_test(test_held_copy_every_length),
		cmocka_unit_test(test_reorder_within_tolerance),
		cmocka_unit_test(test_late_is_reported_and_processed),
		cmocka_unit_test(test_alert_before_finish_and_eviction),
		cmocka_unit_test(test_bad_config),
		cmocka_unit_test(test_edges_to_enabled_detectors_of_the_channel),
		cmocka_unit_test(test_records_built_in_place),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
