/* det_gto.c - the `gto` detector: FinCEN's Southwest-border Geographic
 * Targeting Orders for money services businesses.
 *
 * An order (rules table [gto.order.NAME]) has a threshold, a maximum
 * ($10,000: above it the ordinary CTR applies), start and end dates and the
 * ZIP codes it covers (zips, plus counties resolved through
 * [gto.county_zips]). A cash transaction between an MSB (account kind msb,
 * or listed in [gto] msb_accounts) and another party, made at a covered ZIP
 * (the transaction's location when it is a ZIP, else the MSB's ZIP) while
 * the order is in force, is summed per (order, MSB, person, direction,
 * business day) as for the CTR; a day whose total is over the threshold
 * (or at it, with inclusive = true) and at most the maximum is a GTO report
 * candidate, emitted when the business day is over.
 *
 * Without any [gto.order.*] table the two 2025 orders are built in (their
 * ZIP codes as published; see examples/rules.toml for the sources), so the
 * defaults apply the orders in force on the data's dates.
 *
 * An MSB depositing its own cash at its bank (same account on both sides)
 * is the bank's transaction, not a covered one, and is skipped.
 *
 * What must hold: each order's ZIP set is sorted (binary search); a daily
 * bucket's id is its key's index in keys, one key per (order, MSB label
 * id, person number, direction), found through the integer map kmap
 * (numbers, not a key text built and interned: the text is read back only
 * for a report). A key lives while its bucket is open: when the daily
 * drops the bucket, the key leaves kmap (moving the slots after it back,
 * so that every key stays reachable from its home slot) and its index
 * waits on free_keys for the next new key; so a key is taken (key_id)
 * only once the daily has closed the days before its transaction, never
 * to be dropped by the add that follows. A person's number is the caller's (cen__cash_acct.person)
 * when it numbers persons, else the id in persons of its text, marked
 * GTO_PERSON_TEXT; the two cannot meet (the caller numbers all its
 * accounts' persons or none, and a walk-in's text is never numbered).
 */
#include "detect/cash_det.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/grow.h"
#include "core/timeutil.h"
#include "core/banned.h"

typedef struct gto_order {
	char name[64];
	int64_t threshold, max; /* cents */
	bool inclusive;
	int64_t start, end;     /* [start, end) epoch seconds */
	uint32_t *zips;
	size_t n_zips;
} gto_order;

/* A daily bucket's key. */
typedef struct gto_key {
	uint32_t order; /* index in orders */
	uint32_t msb;   /* the MSB's label id (cen__acct_label) */
	const char *person; /* "p:PARTY", "a:LABEL", "n:NAME" or "t:txn ID";
			       the caller's or persons' text */
	uint32_t num;   /* the person's number (person_of) */
	bool in;
} gto_key;

/* A slot of the key map: the key packed in two words (key_id) and its
 * index in keys + 1 (0: the slot is empty). */
typedef struct gto_kslot {
	uint64_t a, b;
	uint32_t id;
} gto_kslot;

#define GTO_PERSON_TEXT 0x80000000u

typedef struct gto {
	cen__daily d;
	gto_key *keys;
	size_t nkeys, capkeys; /* indexes given out (live or free) */
	size_t live;           /* keys in kmap */
	uint32_t *free_keys;   /* indexes of dropped keys, to give out again */
	size_t nfree, capfree;
	gto_kslot *kmap; /* open addressing, linear probing, under half full */
	size_t nslots;
	cen__intern persons; /* person texts of a caller without numbers */
	cen__cash_env env;
	gto_order *orders;
	size_t n_orders;
	cen__intern msb;       /* msb_accounts labels */
	/* accounts numbered by the caller: an event's acct is vref - 1
	 * instead of an id in d.labels */
	cen__numbered labels;
	cen_buf person;
	cen__alert_builder ab;
} gto;

/* The built-in orders (used when the rules file has none). */
static const char *const mar2025_zips[] = {
	"92231", "92249", "92281", "92283", "91910", "92101", "92113", "92117", "92126", "92154",
	"92173", "78520", "78521", "79901", "79902", "79903", "79905", "79907", "79935", "78503",
	"78557", "78572", "78577", "78596", "78852", "78040", "78041", "78043", "78045", "78046",
};

static const cen_rules_key gto_keys[] = {{"msb_accounts", CEN_RULES_STRINGS}};
static const cen_rules_key order_keys[] = {
	{"threshold", CEN_RULES_NUMBER}, {"inclusive", CEN_RULES_BOOL}, {"max", CEN_RULES_NUMBER},
	{"start", CEN_RULES_TIME},       {"end", CEN_RULES_TIME},       {"zips", CEN_RULES_STRINGS},
	{"counties", CEN_RULES_STRINGS}, {"source", CEN_RULES_STRING},
};

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return (x > y) - (x < y);
}

static int zip_num(const char *z, uint32_t *out)
{
	char z5[6];
	if (!cen__zip5(z, strlen(z), z5))
		return 0;
	*out = (uint32_t)strtoul(z5, NULL, 10);
	return 1;
}

static int add_zips(gto_order *o, const char *const *z, size_t n, const cen_rules *r,
		    const char *table, const char *key, cen_diag *diag)
{
	uint32_t *nz = cen_realloc(o->zips, (o->n_zips + n + 1) * sizeof *nz);
	if (!nz)
		return CEN_ENOMEM;
	o->zips = nz;
	for (size_t i = 0; i < n; i++) {
		uint32_t v;
		if (!zip_num(z[i], &v)) {
			cen_diag_report(diag, 2, cen_rules_name(r), cen_rules_line(r, table, key), key,
					"[%s] %s: '%s' is not a 5-digit ZIP code", table, key, z[i]);
			return CEN_EINVAL;
		}
		o->zips[o->n_zips++] = v;
	}
	return 0;
}

/* A binary search of the sorted ZIPs, inline (no call per comparison). */
static bool zip_in(const gto_order *o, uint32_t z)
{
	size_t lo = 0, hi = o->n_zips;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (o->zips[mid] < z)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < o->n_zips && o->zips[lo] == z;
}

static int64_t day_end(int64_t t)
{
	/* A date (midnight) as the end means "through that day". */
	return t % 86400 == 0 ? t + 86400 : t;
}

static int read_order(gto *g, const cen_rules *r, const char *table, gto_order *o)
{
	cen_diag *diag = g->env.diag;
	const char *name = cen_rules_name(r);
	int rc = cen_rules_check(r, table, order_keys, sizeof order_keys / sizeof order_keys[0], diag);
	if (rc)
		return rc;
	snprintf(o->name, sizeof o->name, "%s", table + strlen("gto.order."));
	if ((rc = cen__rules_dollars(r, table, "threshold", 1000.0, &o->threshold, diag)) ||
	    (rc = cen__rules_dollars(r, table, "max", 10000.0, &o->max, diag)))
		return rc;
	o->inclusive = cen_rules_get_bool(r, table, "inclusive", false);
	if (!cen_rules_has(r, table, "start") || !cen_rules_has(r, table, "end")) {
		cen_diag_report(diag, 2, name, cen_rules_line(r, table, "threshold"), table,
				"[%s] needs start and end dates", table);
		return CEN_EINVAL;
	}
	o->start = cen_rules_get_time(r, table, "start", 0);
	o->end = day_end(cen_rules_get_time(r, table, "end", 0));
	if (o->end <= o->start) {
		cen_diag_report(diag, 2, name, cen_rules_line(r, table, "end"), "end",
				"[%s] end is before start", table);
		return CEN_EINVAL;
	}
	const char *const *z;
	size_t n;
	cen_rules_get_strings(r, table, "zips", &z, &n);
	if ((rc = add_zips(o, z, n, r, table, "zips", diag)))
		return rc;
	const char *const *counties;
	size_t nc;
	cen_rules_get_strings(r, table, "counties", &counties, &nc);
	for (size_t i = 0; i < nc; i++) {
		if (!cen_rules_get_strings(r, "gto.county_zips", counties[i], &z, &n) || n == 0)
			cen_diag_report(diag, 1, name, cen_rules_line(r, table, "counties"), "counties",
					"[%s] county '%s' has no ZIP codes in [gto.county_zips]; "
					"it covers nothing", table, counties[i]);
		if ((rc = add_zips(o, z, n, r, "gto.county_zips", counties[i], diag)))
			return rc;
	}
	if (o->n_zips)
		qsort(o->zips, o->n_zips, sizeof *o->zips, cmp_u32);
	if (!o->n_zips)
		cen_diag_report(diag, 1, name, cen_rules_line(r, table, "zips"), table,
				"[%s] covers no ZIP code", table);
	return 0;
}

static int builtin_orders(gto *g)
{
	g->orders = cen_calloc(2, sizeof *g->orders);
	if (!g->orders)
		return CEN_ENOMEM;
	g->n_orders = 2;
	size_t nz = sizeof mar2025_zips / sizeof mar2025_zips[0];
	/* 90 FR 12106: more than $200, 2025-04-14 through 2025-09-09. */
	gto_order *o = &g->orders[0];
	snprintf(o->name, sizeof o->name, "2025-03");
	o->threshold = 20000;
	o->max = 1000000;
	o->inclusive = false;
	o->start = 20192LL * 86400;    /* 2025-04-14 */
	o->end = (20340LL + 1) * 86400; /* through 2025-09-09 */
	int rc = add_zips(o, mar2025_zips, nz, NULL, "gto", "zips", NULL);
	/* Modified order of 2025-09-08: $1,000 or more, 2025-09-10 through
	 * 2026-03-06; the same California ZIP codes and whole counties, of which
	 * only the ZIP codes named in the March order are known here. */
	o = &g->orders[1];
	snprintf(o->name, sizeof o->name, "2025-09");
	o->threshold = 100000;
	o->max = 1000000;
	o->inclusive = true;
	o->start = 20341LL * 86400;     /* 2025-09-10 */
	o->end = (20518LL + 1) * 86400; /* through 2026-03-06 */
	if (!rc)
		rc = add_zips(o, mar2025_zips, nz, NULL, "gto", "zips", NULL);
	for (size_t i = 0; i < 2 && !rc; i++)
		qsort(g->orders[i].zips, g->orders[i].n_zips, sizeof(uint32_t), cmp_u32);
	return rc;
}

static void gto_free(void *state)
{
	gto *g = state;
	if (!g)
		return;
	for (size_t i = 0; i < g->n_orders; i++)
		cen_free(g->orders[i].zips);
	cen_free(g->orders);
	cen__daily_release(&g->d);
	cen_free(g->keys);
	cen_free(g->free_keys);
	cen_free(g->kmap);
	cen__intern_release(&g->persons);
	cen__intern_release(&g->msb);
	cen__numbered_release(&g->labels);
	cen_buf_release(&g->person);
	cen__ab_release(&g->ab);
	cen_free(g);
}

static int gto_close(void *ctx, cen__daily *d, uint32_t key, cen__dbucket *b)
{
	gto *g = ctx;
	const gto_key *gk = &g->keys[key];
	const gto_order *o = &g->orders[gk->order];
	bool over = o->inclusive ? b->total >= o->threshold : b->total > o->threshold;
	if (!over || b->total > o->max)
		return 0;
	bool in = gk->in;
	cen__alert_builder *ab = &g->ab;
	cen__ab_reset(ab);
	const char *msb = cen__numbered_on(&g->labels) ? cen__numbered_text(&g->labels, gk->msb)
						       : d->labels.strs[gk->msb];
	const char *person = gk->person;
	int rc = cen__ab_account(ab, msb);
	const cen__dev *ev = cen__dbucket_ev(b);
	for (size_t i = 0; i < b->n && !rc; i++) {
		uint32_t l = ev[i].acct;
		if (l != UINT32_MAX)
			rc = cen__ab_account(ab, cen__numbered_on(&g->labels) ? cen__numbered_text(&g->labels, l)
									  : d->labels.strs[l]);
		if (!rc)
			rc = cen__ab_txn(ab, cen__idpool_get(&d->ids, ev[i].id), ev[i].ts);
	}
	if (rc)
		return rc;
	const char *zip = ev[0].loc != UINT32_MAX ? d->locs.strs[ev[0].loc] : "";
	char day[11];
	cen__format_day(b->day, day);
	const char *who = person[0] == 'p' ? "party" : person[0] == 'a' ? "account" : "walk-in customer";
	cen_buf *x = &ab->explanation;
	rc |= cen__alert_printf(x, "MSB %s", msb);
	if (*zip)
		rc |= cen__alert_printf(x, " at ZIP %s", zip);
	rc |= cen__alert_printf(x, " %s ", in ? "took in" : "paid out");
	rc |= cen__cash_money(x, b->total);
	rc |= cen__alert_printf(x, " in cash %s %s %s in %zu transaction%s on business day %s, %s the ",
			     in ? "from" : "to", who, person + 2, b->n, b->n == 1 ? "" : "s",
			     day, o->inclusive ? "at or over" : "over");
	rc |= cen__cash_money(x, o->threshold);
	rc |= cen__alert_printf(x, " threshold of the Southwest-border GTO %s: a GTO currency "
				"transaction report is due.", o->name);
	cen_buf *e = &ab->evidence;
	rc |= cen__alert_printf(e, "{\"order\":");
	rc |= cen_json_cstr(e, o->name);
	rc |= cen_buf_puts(e, ",\"msb\":");
	rc |= cen_json_cstr(e, msb);
	rc |= cen_buf_puts(e, ",\"zip\":");
	rc |= cen_json_cstr(e, zip);
	rc |= cen_buf_puts(e, ",\"person\":");
	rc |= cen_json_cstr(e, person + 2);
	rc |= cen__alert_printf(e, ",\"direction\":\"%s\",\"business_day\":\"%s\",\"total\":",
			     in ? "cash_in" : "cash_out", day);
	rc |= cen__json_dollars(e, b->total);
	rc |= cen__alert_printf(e, ",\"count\":%zu,\"threshold\":", b->n);
	rc |= cen__json_dollars(e, o->threshold);
	rc |= cen_buf_puts(e, ",\"max\":");
	rc |= cen__json_dollars(e, o->max);
	rc |= cen_buf_puts(e, "}");
	if (rc)
		return CEN_ENOMEM;
	/* A filing duty; repeated visits the same day look more like couriering. */
	return cen__ab_emit(ab, &g->env, b->n > 1 ? 0.6 : 0.5);
}

static void key_drop(void *ctx, uint32_t key);

static int gto_create(void **state, const cen_rules *r, const cen__cash_env *env)
{
	*state = NULL;
	gto *g = cen_calloc(1, sizeof *g);
	if (!g)
		return CEN_ENOMEM;
	g->env = *env;
	cen__intern_init(&g->msb);
	cen__intern_init(&g->persons);
	cen_buf_init(&g->person, 4096);
	cen__ab_init(&g->ab, "gto");
	cen__numbered_keep(&g->labels, env->labels);
	int rc = cen__cash_check(r, &cen__cash_gto, env);
	if (!rc)
		rc = cen__daily_init(&g->d, r, "ctr", env->diag, gto_close, g);
	g->d.drop = key_drop;
	const char *const *m;
	size_t nm;
	cen_rules_get_strings(r, "gto", "msb_accounts", &m, &nm);
	for (size_t i = 0; i < nm && !rc; i++)
		if (cen__intern_put(&g->msb, m[i], strlen(m[i])) < 0)
			rc = CEN_ENOMEM;
	size_t nt = cen_rules_table_count(r);
	for (size_t i = 0; i < nt && !rc; i++) {
		const char *t = cen_rules_table_name(r, i);
		if (strncmp(t, "gto.", 4) != 0 || strcmp(t, "gto.county_zips") == 0)
			continue;
		if (strncmp(t, "gto.order.", 10) != 0 || !t[10]) {
			cen_diag_report(env->diag, 1, cen_rules_name(r), 0, t,
					"unknown table [%s]: orders are [gto.order.NAME] (ignored)", t);
			continue;
		}
		gto_order *no = cen_realloc(g->orders, (g->n_orders + 1) * sizeof *no);
		if (!no) {
			rc = CEN_ENOMEM;
			break;
		}
		g->orders = no;
		memset(&g->orders[g->n_orders], 0, sizeof *no);
		rc = read_order(g, r, t, &g->orders[g->n_orders++]);
	}
	if (!rc && g->n_orders == 0)
		rc = builtin_orders(g);
	if (rc) {
		gto_free(g);
		return rc;
	}
	*state = g;
	return 0;
}

static bool is_msb(const gto *g, const cen__cash_acct *a)
{
	return a->kind == CEN__OWNER_MSB ||
	       (g->msb.count && cen__intern_get(&g->msb, a->label, strlen(a->label)) >= 0);
}

/* Who brought or took the cash: its number into *num and its text into
 * *text (living as long as g). The other account's person, numbered by
 * the caller when it numbers them; a walk-in customer by name, else the
 * transaction alone, by the text in g->persons. */
static int person_of(gto *g, const cen_txn *t, const cen__cash_acct *other, cen_slice other_acct,
		     cen_slice other_name, uint32_t *num, const char **text)
{
	bool pseudo = cen__cash_pseudo(other_acct);
	if (!pseudo && other->person) {
		*num = other->person;
		*text = other->person_key;
		return 0;
	}
	int rc;
	if (!pseudo) {
		rc = cen__person_key(&g->person, other, true);
	} else if (other_name.len) {
		cen_buf_reset(&g->person);
		rc = cen__alert_printf(&g->person, "n:%.*s", (int)other_name.len, other_name.ptr);
	} else {
		char tmp[24];
		size_t len;
		const char *id = cen_txn_id_str(t, tmp, &len);
		cen_buf_reset(&g->person);
		rc = cen__alert_printf(&g->person, "t:txn %.*s", (int)len, id);
	}
	if (rc)
		return rc;
	int64_t p = cen__intern_put(&g->persons, g->person.data, g->person.len);
	if (p < 0)
		return (int)p;
	if (p >= (int64_t)GTO_PERSON_TEXT)
		return CEN_ELIMIT;
	*num = (uint32_t)p | GTO_PERSON_TEXT;
	*text = g->persons.strs[p];
	return 0;
}

static uint64_t kmap_home(const gto *g, uint64_t a, uint64_t b)
{
	return cen__hash_fold(a, b) & (g->nslots - 1);
}

/* Doubles the key map (or makes its first), every key placed again. */
static int kmap_grow(gto *g)
{
	size_t n = g->nslots ? g->nslots * 2 : 1024;
	gto_kslot *old = g->kmap, *m = cen_calloc(n, sizeof *m);
	if (!m)
		return CEN_ENOMEM;
	size_t on = g->nslots;
	g->kmap = m;
	g->nslots = n;
	for (size_t i = 0; i < on; i++) {
		if (!old[i].id)
			continue;
		uint64_t h = kmap_home(g, old[i].a, old[i].b);
		while (m[h].id)
			h = (h + 1) & (n - 1);
		m[h] = old[i];
	}
	cen_free(old);
	return 0;
}

/* The id of the key of order i, the MSB's label id msb, the person
 * (number, text) and direction in: its index in g->keys, added when new. */
static int64_t key_id(gto *g, size_t i, uint32_t msb, uint32_t num, const char *text, bool in)
{
	uint64_t a = (uint64_t)msb << 32 | num, b = (uint64_t)i << 1 | in;
	if (2 * (g->live + 1) > g->nslots) {
		int rc = kmap_grow(g);
		if (rc)
			return rc;
	}
	uint64_t h = kmap_home(g, a, b);
	for (; g->kmap[h].id; h = (h + 1) & (g->nslots - 1))
		if (g->kmap[h].a == a && g->kmap[h].b == b)
			return (int64_t)g->kmap[h].id - 1;
	size_t id;
	if (g->nfree) {
		id = g->free_keys[--g->nfree];
	} else {
		if (g->nkeys >= UINT32_MAX - 1)
			return CEN_ELIMIT;
		void *nk = g->keys;
		int rc = cen__grow_zeroed(&nk, &g->capkeys, g->nkeys, sizeof *g->keys);
		g->keys = nk;
		if (rc)
			return rc;
		id = g->nkeys++;
	}
	g->keys[id] = (gto_key){(uint32_t)i, msb, text, num, in};
	g->kmap[h] = (gto_kslot){a, b, (uint32_t)id + 1};
	g->live++;
	return (int64_t)id;
}

/* The daily dropped key's bucket: the key leaves kmap, the slots after
 * it that would no longer be reached from their home move back, and its
 * index waits for the next new key (the room for it was taken when the
 * key was: a failed push leaves the index unused, never wrong). */
static void key_drop(void *ctx, uint32_t key)
{
	gto *g = ctx;
	const gto_key *k = &g->keys[key];
	uint64_t a = (uint64_t)k->msb << 32 | k->num, b = (uint64_t)k->order << 1 | k->in;
	size_t mask = g->nslots - 1, i = kmap_home(g, a, b);
	while (g->kmap[i].id != key + 1) {
		if (!g->kmap[i].id)
			return; /* not in the map: nothing to drop */
		i = (i + 1) & mask;
	}
	for (size_t j = (i + 1) & mask; g->kmap[j].id; j = (j + 1) & mask) {
		size_t home = kmap_home(g, g->kmap[j].a, g->kmap[j].b);
		/* j stays unless its home is cyclically outside (i, j] */
		if (((j - home) & mask) >= ((j - i) & mask)) {
			g->kmap[i] = g->kmap[j];
			i = j;
		}
	}
	g->kmap[i] = (gto_kslot){0, 0, 0};
	g->live--;
	if (g->nfree == g->capfree) {
		size_t nc = g->capfree ? g->capfree * 2 : 256;
		uint32_t *nf = cen_realloc(g->free_keys, nc * sizeof *nf);
		if (!nf)
			return; /* the index stays unused */
		g->free_keys = nf;
		g->capfree = nc;
	}
	g->free_keys[g->nfree++] = key;
}

/* The MSB side took in (in) or paid out cash with the other side. The
 * person is found only for a transaction an order covers. */
static int msb_side(gto *g, const cen_txn *t, const cen__cash_acct *msb,
		    const cen__cash_acct *other, cen_slice other_acct, cen_slice other_name, bool in)
{
	char z5[6];
	if (!cen__zip5(t->location.ptr, t->location.len, z5) &&
	    !(msb->zip && cen__zip5(msb->zip, strlen(msb->zip), z5)))
		return 0;
	uint32_t z = 0; /* five digits (cen__zip5) */
	for (int i = 0; i < 5; i++)
		z = z * 10 + (uint32_t)(z5[i] - '0');
	/* The person and the labels are found for the first order covering
	 * the transaction (most cover none). */
	bool found = false;
	uint32_t num = 0, lmsb = 0, lacct = 0;
	const char *text = NULL;
	for (size_t i = 0; i < g->n_orders; i++) {
		const gto_order *o = &g->orders[i];
		if (t->ts < o->start || t->ts >= o->end || !zip_in(o, z))
			continue;
		if (!found) {
			/* the days before t's closed first, their keys dropped:
			 * a key taken below must not be dropped by the add */
			int rc = cen__daily_advance(&g->d, t->ts);
			if (!rc)
				rc = person_of(g, t, other, other_acct, other_name, &num, &text);
			if (rc)
				return rc;
			int64_t l = cen__acct_label(&g->labels, &g->d.labels, msb);
			if (l < 0)
				return (int)l;
			lmsb = (uint32_t)l;
			/* The event names the other account, or the MSB for a walk-in. */
			if (!cen__cash_pseudo(other_acct))
				l = cen__acct_label(&g->labels, &g->d.labels, other);
			if (l < 0)
				return (int)l;
			lacct = (uint32_t)l;
			found = true;
		}
		int64_t k = key_id(g, i, lmsb, num, text, in);
		if (k < 0)
			return (int)k;
		int rc = cen__daily_add_ids(&g->d, (uint32_t)k, lacct, t, t->base_amount);
		if (rc)
			return rc;
	}
	return 0;
}

static int gto_on_txn(void *state, const cen_txn *t, unsigned dir, const cen__cash_acct *orig,
		      const cen__cash_acct *bene)
{
	gto *g = state;
	if (!dir || cen__cash_same_acct(orig, bene))
		return 0;
	int rc = 0;
	if ((dir & CEN__CASH_IN) && is_msb(g, bene))
		rc = msb_side(g, t, bene, orig, t->orig_acct, t->orig_name, true);
	if (!rc && (dir & CEN__CASH_OUT) && is_msb(g, orig))
		rc = msb_side(g, t, orig, bene, t->bene_acct, t->bene_name, false);
	return rc;
}

static int gto_advance(void *state, int64_t ts)
{
	gto *g = state;
	return cen__daily_advance(&g->d, ts);
}

static int64_t gto_next_advance(void *state)
{
	return cen__daily_next(&((gto *)state)->d);
}

static int gto_finish(void *state)
{
	gto *g = state;
	return cen__daily_finish(&g->d);
}

const cen__cash_ops cen__cash_gto = {
	"gto", gto_create, gto_on_txn, gto_advance, gto_finish, gto_free,
	gto_keys, sizeof gto_keys / sizeof gto_keys[0], cen__cash_wants_cash, gto_next_advance,
	true, NULL,
};

static int gto_engine_init(cen__det *d, const cen_rules *r, char *err, size_t errlen)
{
	return cen__cash_engine_init(d, &cen__cash_gto, r, err, errlen);
}

/* cen__cash_engine_edge (the engine's channel filter passed only cash)
 * without resolving the accounts of a transaction with no MSB side: is_msb
 * by the vertex's kind, which the engine has from the accounts hook (an
 * msb_accounts list needs the labels: then every transaction goes on). */
_Static_assert((int)CEN_MKIND_MSB == (int)CEN__OWNER_MSB, "a vertex kind is a cen__cash_acct kind");
static int gto_engine_edge(cen__det *d, const cen__edge_ctx *x)
{
	const gto *g = ((cen__cash_det *)d)->state;
	if (!g->n_orders)
		return 0;
	if (!g->msb.count) {
		unsigned dir = cen__cash_edge_dir(d, x);
		if (!((dir & CEN__CASH_IN) && x->vd->kind == CEN__OWNER_MSB) &&
		    !((dir & CEN__CASH_OUT) && x->vs->kind == CEN__OWNER_MSB))
			return 0;
	}
	return cen__cash_engine_run(d, x);
}

/* No prefetch hook: the gto has no hints of its own (its cash ops have
 * none), and the accounts' labels and owners are hinted for every cash
 * detector by the first with a hook (the ctr, structuring or funnel). */
const cen__det_ops cen__det_gto = {
	.name = "gto", .size = sizeof(cen__cash_det), .init = gto_engine_init,
	.on_edge = gto_engine_edge, .on_advance = cen__cash_engine_advance,
	.flush = cen__cash_engine_flush, .release = cen__cash_engine_release,
	.keys = gto_keys, .nkeys = sizeof gto_keys / sizeof gto_keys[0],
};
