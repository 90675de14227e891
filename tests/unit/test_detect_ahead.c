/* test_detect_ahead.c - the lookahead pipe (detect/ahead.c) on its own:
 * records leave in arrival order with their text and vertex names; the
 * slot a caller builds its record in is the one the next push holds, even
 * in a full pipe; a record's accounts are looked up at a third of the way
 * (ids of known accounts, -1 for new ones); the records handed to the
 * detectors' hooks are the ones at two thirds and five sixths whose
 * accounts are all known; and the accounts hook sees passes 0, 1 and 2 of
 * each new account in order, with the word it left the pass before. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "detect/engine.h"

#define DEPTH 12 /* step 2: stages at 4, 8 and 10 records behind */

static cen_slice sl(const char *s)
{
	return (cen_slice){s, strlen(s)};
}

/* Account names by number: "A00".."A99" at bank "BNK01"; numbers from 50
 * on are new (not in the graph). */
static char accts[100][4];

static cen_txn txn(uint64_t row, unsigned src, unsigned dst)
{
	cen_txn t;
	memset(&t, 0, sizeof t);
	t.row = row;
	t.ts = (int64_t)row;
	t.orig_bank = sl("BNK01");
	t.orig_acct = sl(accts[src]);
	t.bene_bank = sl("BNK01");
	t.bene_acct = sl(accts[dst]);
	t.id = sl("T");
	t.memo = sl("memo text");
	t.channel = (cen_channel)(row % 3);
	return t;
}

/* The accounts hook's calls: the passes each account got, in order. */
struct hook_log {
	int passes[100];    /* passes seen, as a digit string: 12 = 0, 1, 2 */
	int calls;
	int bad_word;       /* a pass found another word than its last left */
};

static void lookup_prefetch(void *ctx, const char *account, size_t len, int pass, uint64_t *hint)
{
	struct hook_log *l = ctx;
	assert_true(len == 9 && !memcmp(account, "BNK01:A", 7));
	unsigned k = (unsigned)(account[7] - '0') * 10 + (unsigned)(account[8] - '0');
	assert_true(k >= 50);
	if (*hint != (uint64_t)(pass ? 1000 * k + (unsigned)pass - 1 : 0))
		l->bad_word++;
	*hint = 1000 * k + (uint64_t)pass;
	l->passes[k] = l->passes[k] * 10 + pass + 1;
	l->calls++;
}

static void test_pipe(void **state)
{
	(void)state;
	for (unsigned i = 0; i < 100; i++)
		snprintf(accts[i], sizeof accts[i], "A%02u", i);
	cen__graph g;
	assert_int_equal(cen__graph_init(&g, 64), 0);
	uint32_t ids[50];
	for (unsigned i = 0; i < 50; i++) {
		char name[16];
		int n = snprintf(name, sizeof name, "BNK01:%s", accts[i]), is_new;
		assert_int_equal(cen__graph_vertex(&g, name, (size_t)n, &ids[i], &is_new), 0);
	}
	cen__ahead a;
	cen__ahead_init(&a);
	assert_int_equal(cen__ahead_reserve(&a, DEPTH), 0);
	assert_int_equal(a.step, 2);
	for (size_t i = 0; i <= a.mask; i++) {
		assert_ptr_equal(a.at[i].rec, &a.recs[i]);
		assert_ptr_equal(a.at[i].stage[0], &a.recs[(i + 16 - 4) % 16]);
		assert_ptr_equal(a.at[i].stage[1], &a.recs[(i + 16 - 8) % 16]);
		assert_ptr_equal(a.at[i].stage[2], &a.recs[(i + 16 - 10) % 16]);
	}
	struct hook_log log;
	memset(&log, 0, sizeof log);
	a.lookup_prefetch = lookup_prefetch;
	a.lookup_ctx = &log;

	/* record r (1-based) pays account r % 50 -> r % 50 + 25 while
	 * known; records 41..45 name new accounts 50..54 as payer and 55..59
	 * as payee, record 46 the new 60 on both sides */
	const unsigned N = 200;
	uint64_t next_out = 1;
	unsigned staged_n[2] = {0, 0};
	for (uint64_t r = 1; r <= N; r++) {
		unsigned s = (unsigned)(r % 25), d = (unsigned)(r % 25) + 25;
		if (r >= 41 && r <= 45) {
			s = 50 + (unsigned)(r - 41);
			d = 55 + (unsigned)(r - 41);
		} else if (r == 46) {
			s = d = 60;
		}
		if (a.n == a.depth) {
			cen__ahead_rec *o = cen__ahead_oldest(&a);
			assert_int_equal(o->h.t.row, next_out++);
			cen__ahead_pop(&a);
		}
		assert_int_equal(a.tail, (a.head + a.n) & a.mask);
		/* built in place, as cen_monitor_slot's callers do; the
		 * slot is never the oldest record's */
		cen_txn *slot = cen__ahead_slot(&a);
		assert_true(!a.n || slot != &cen__ahead_oldest(&a)->h.t);
		*slot = txn(r, s, d);
		const cen__ahead_rec *staged[2];
		assert_int_equal(cen__ahead_push(&a, &g, slot, 0, (int)(r & 1), staged), 0);
		for (int p = 0; p < 2; p++) {
			if (!staged[p])
				continue;
			const cen__ahead_rec *q = staged[p];
			uint64_t want = r - (p ? 10 : 8); /* five and four sixths */
			assert_int_equal(q->h.t.row, want);
			assert_true(q->vs >= 0 && q->vd >= 0);
			assert_int_equal(q->vs, ids[want % 25]);
			assert_int_equal(q->vd, ids[want % 25 + 25]);
			staged_n[p]++;
		}
	}
	/* every record with known accounts was staged once per pass, but
	 * those fewer than four (five) sixths from the end */
	assert_int_equal(staged_n[0], N - 8 - 6);
	assert_int_equal(staged_n[1], N - 10 - 6);
	while (a.n) {
		cen__ahead_rec *o = cen__ahead_oldest(&a);
		assert_int_equal(o->h.t.row, next_out);
		/* looked up four records after it came in: the last four
		 * were not */
		int64_t want_s = next_out <= N - 4 ? (int64_t)ids[next_out % 25] : -1;
		assert_int_equal(o->vs, want_s);
		/* the names, and the record's own text */
		char want[16];
		snprintf(want, sizeof want, "BNK01:%s", accts[next_out % 25]);
		assert_int_equal(o->ks.len, strlen(want));
		assert_memory_equal(o->ks.ptr, want, o->ks.len);
		assert_int_equal(o->h.t.memo.len, 9);
		assert_memory_equal(o->h.t.memo.ptr, "memo text", 9);
		assert_int_equal(o->h.t.orig_acct.len, 3);
		assert_memory_equal(o->h.t.orig_acct.ptr, accts[next_out % 25], 3);
		next_out++;
		cen__ahead_pop(&a);
	}
	assert_int_equal(next_out, N + 1);
	/* new accounts: passes 0, 1, 2 each, in order, the word carried;
	 * the one on both sides of record 46 once */
	for (unsigned k = 50; k <= 60; k++)
		assert_int_equal(log.passes[k], 123);
	assert_int_equal(log.calls, 11 * 3);
	assert_int_equal(log.bad_word, 0);
	cen__ahead_release(&a);
	cen__graph_release(&g);
}

/* A record's lookup finds what the graph holds by then, and nothing for a
 * name it has not seen. */
static void test_lookup_new_and_known(void **state)
{
	(void)state;
	cen__graph g;
	assert_int_equal(cen__graph_init(&g, 64), 0);
	uint32_t id;
	int is_new;
	assert_int_equal(cen__graph_vertex(&g, "BNK01:KNOWN0001", 15, &id, &is_new), 0);
	cen__ahead a;
	cen__ahead_init(&a);
	assert_int_equal(cen__ahead_reserve(&a, 6), 0); /* step 1 */
	cen_txn t;
	memset(&t, 0, sizeof t);
	t.orig_bank = sl("BNK01");
	t.orig_acct = sl("KNOWN0001");
	t.bene_bank = sl("BNK01");
	t.bene_acct = sl("NEW000001");
	const cen__ahead_rec *staged[2];
	assert_int_equal(cen__ahead_push(&a, &g, &t, 1, 0, staged), 0);
	for (int i = 0; i < 2; i++) {
		cen_txn u = t;
		u.orig_acct = sl("OTHER0001");
		assert_int_equal(cen__ahead_push(&a, &g, &u, 0, 0, staged), 0);
	}
	cen__ahead_rec *o = cen__ahead_oldest(&a);
	assert_int_equal(o->late, 1);
	assert_int_equal(o->vs, id);
	assert_int_equal(o->vd, -1);
	assert_memory_equal(o->kd.ptr, "BNK01:NEW000001", 15);
	assert_int_equal(o->hd, cen__intern_hash("BNK01:NEW000001", 15));
	assert_int_equal(o->hs, cen__intern_hash("BNK01:KNOWN0001", 15));
	/* a name past 16 bytes is hashed by the long path, the same hash */
	cen__ahead_pop(&a);
	cen_txn u = t;
	u.bene_acct = sl("LONGER-ACCOUNT-NO");
	assert_int_equal(cen__ahead_push(&a, &g, &u, 0, 0, staged), 0);
	cen__ahead_rec *last = a.at[(a.tail - 1) & a.mask].rec;
	assert_int_equal(last->kd.len, 23);
	assert_int_equal(last->hd, cen__intern_hash("BNK01:LONGER-ACCOUNT-NO", 23));
	assert_int_equal(last->hs, cen__intern_hash("BNK01:KNOWN0001", 15));
	cen__ahead_release(&a);
	cen__graph_release(&g);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pipe),
		cmocka_unit_test(test_lookup_new_and_known),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
