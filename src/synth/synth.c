/* synth.c - cen_synth_write: build the world, plant the attempts, then run
 * the days in order and write every file.
 *
 * What must hold: transactions.csv is sorted by timestamp (a day's events
 * are counting-sorted by second of day, stably, so ties keep generation
 * order and the output stays deterministic); ids are assigned in file order;
 * truth_txns.csv lists exactly the rows whose event carries an attempt, in
 * file order; truth_accounts.csv lists each attempt's accounts once.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/timeutil.h"
#include "synth/out.h"
#include "synth/synth_int.h"

#include "core/banned.h"

static const char *const border_zips[] = {
	"92173", "92154", "91910", "92231", "78520", "78521", "78040", "78041", "78043",
	"78046", "79901", "79905", "79907", "78852", "78557", "78503", "78572", "78577",
};
static const char *const blocked_banks[] = {"CIBanco", "Intercam", "Vector"};

const char *const *cen_synth_border_zips(size_t *n)
{
	*n = sizeof border_zips / sizeof border_zips[0];
	return border_zips;
}

const char *const *cen_synth_blocked_banks(size_t *n)
{
	*n = sizeof blocked_banks / sizeof blocked_banks[0];
	return blocked_banks;
}

void cen_synth_opts_init(cen_synth_opts *o)
{
	memset(o, 0, sizeof *o);
	o->accounts = 50000;
	o->days = 10;
	o->seed = 7;
	o->format = CEN_SYNTH_CANONICAL;
	o->start = cen__days_from_civil(2025, 11, 28) * 86400;
	o->activity = 1.0;
	o->laundering = 0.004;
}

int cen_synth_parse_date(const char *s, int64_t *epoch)
{
	unsigned y, m, d;
	char tail;
	if (!s || strlen(s) != 10 || sscanf(s, "%4u-%2u-%2u%c", &y, &m, &d, &tail) != 3 ||
	    y < 1970 || y > 9999 || m < 1 || m > 12 || d < 1 || d > 31)
		return CEN_EINVAL;
	int64_t days = cen__days_from_civil((int)y, m, d);
	int yy;
	unsigned mm, dd;
	cen__civil_from_days(days, &yy, &mm, &dd);
	if (mm != m || dd != d) /* 2025-02-30 */
		return CEN_EINVAL;
	*epoch = days * 86400;
	return 0;
}

static int cmp_ev_ts(const void *a, const void *b)
{
	const syn_ev *x = a, *y = b;
	if (x->ts != y->ts)
		return (x->ts > y->ts) - (x->ts < y->ts);
	return (x->attempt > y->attempt) - (x->attempt < y->attempt);
}

typedef struct run {
	const cen_synth_opts *o;
	syn_world w;
	syn_plan plan;
	syn_evbuf day, sorted;
	uint32_t *counts; /* 86401 buckets */
	syn_out txns, truth;
	cen_synth_stats st;
	char *errbuf;
	size_t errlen;
} run;

/* Stable counting sort of run->day by second of day into run->sorted. */
static int sort_day(run *r, int64_t base)
{
	if (r->sorted.cap < r->day.n) {
		syn_ev *nv = cen_realloc(r->sorted.v, r->day.n * sizeof *nv);
		if (!nv)
			return CEN_ENOMEM;
		r->sorted.v = nv;
		r->sorted.cap = r->day.n;
	}
	memset(r->counts, 0, 86401 * sizeof *r->counts);
	for (size_t i = 0; i < r->day.n; i++)
		r->counts[r->day.v[i].ts - base + 1]++;
	for (size_t s = 1; s <= 86400; s++)
		r->counts[s] += r->counts[s - 1];
	for (size_t i = 0; i < r->day.n; i++)
		r->sorted.v[r->counts[r->day.v[i].ts - base]++] = r->day.v[i];
	r->sorted.n = r->day.n;
	return 0;
}

static void write_header(run *r, int aml)
{
	if (aml)
		syn_out_str(&r->txns, "Timestamp,From Bank,Account,To Bank,Account,Amount Received,"
				      "Receiving Currency,Amount Paid,Payment Currency,Payment Format,"
				      "Is Laundering\n");
	else
		syn_out_str(&r->txns, "id,timestamp,orig_bank,orig_account,bene_bank,bene_account,"
				      "amount,currency,amount_received,currency_received,channel,"
				      "orig_name,bene_name,orig_country,bene_country,location,memo\n");
	syn_out_str(&r->truth, "txn_id,typology,attempt_id\n");
}

static void write_row(run *r, const syn_ev *e, const char *day, int aml)
{
	uint64_t id = ++r->st.txns;
	if (aml)
		syn_write_amlworld(&r->txns, &r->w, e, day);
	else
		syn_write_canonical(&r->txns, &r->w, e, id, day);
	if (!e->attempt)
		return;
	uint8_t t = r->plan.typology[e->attempt - 1];
	if (!aml)
		syn_out_c(&r->truth, 'T');
	syn_out_u64(&r->truth, id);
	syn_out_c(&r->truth, ',');
	syn_out_str(&r->truth, cen_synth_typology_name(t));
	syn_out_c(&r->truth, ',');
	syn_out_u64(&r->truth, e->attempt);
	syn_out_c(&r->truth, '\n');
	r->st.laundering_txns++;
	r->st.typology_txns[t]++;
}

static int write_transactions(run *r)
{
	int aml = r->o->format == CEN_SYNTH_AMLWORLD, rc = 0;
	syn_evbuf *pl = &r->plan.ev;
	qsort(pl->v, pl->n, sizeof pl->v[0], cmp_ev_ts);
	size_t next = 0;
	write_header(r, aml);
	for (uint32_t d = 0; d < r->o->days; d++) {
		int64_t base = (r->w.day0 + d) * 86400;
		char day[12];
		syn_fmt_day(r->w.day0 + d, aml, day);
		r->day.n = 0;
		if ((rc = syn_background_day(&r->w, d, &r->day)))
			return rc;
		for (; next < pl->n && pl->v[next].ts < base + 86400; next++)
			if ((rc = syn_ev_push(&r->day, &pl->v[next])))
				return rc;
		if ((rc = sort_day(r, base)))
			return rc;
		for (size_t i = 0; i < r->sorted.n; i++)
			write_row(r, &r->sorted.v[i], day, aml);
		if (r->txns.err || r->truth.err)
			break;
	}
	return 0;
}

static int write_files(run *r, const char *dir)
{
	int aml = r->o->format == CEN_SYNTH_AMLWORLD, rc;
	syn_out acc;
	if ((rc = syn_out_open(&acc, dir, "accounts.csv", r->errbuf, r->errlen)))
		return rc;
	syn_out_str(&acc, aml ? "Bank Name,Bank ID,Account Number,Entity ID,Entity Name\n"
			      : "account,bank,party_id,name,kind,country,zip,occupation\n");
	for (uint32_t i = 0; i < r->w.n; i++) {
		if (r->w.a[i].kind == SK_ATM)
			continue;
		syn_write_account(&acc, &r->w, i, aml);
		r->st.accounts++;
	}
	if ((rc = syn_out_close(&acc, r->errbuf, r->errlen)))
		return rc;

	if ((rc = syn_out_open(&r->txns, dir, "transactions.csv", r->errbuf, r->errlen)) ||
	    (rc = syn_out_open(&r->truth, dir, "truth_txns.csv", r->errbuf, r->errlen)))
		return rc;
	if ((rc = write_transactions(r))) {
		snprintf(r->errbuf, r->errlen, "%s: %s", r->txns.path, cen_strerror(rc));
		return rc;
	}
	if ((rc = syn_out_close(&r->txns, r->errbuf, r->errlen)) ||
	    (rc = syn_out_close(&r->truth, r->errbuf, r->errlen)))
		return rc;

	if ((rc = syn_out_open(&acc, dir, "truth_accounts.csv", r->errbuf, r->errlen)))
		return rc;
	syn_out_str(&acc, "account,typology,attempt_id\n");
	for (size_t k = 0; k < r->plan.nparts; k++) {
		const syn_part *p = &r->plan.parts[k];
		syn_write_account_key(&acc, &r->w, p->acct, aml);
		syn_out_c(&acc, ',');
		syn_out_str(&acc, cen_synth_typology_name(r->plan.typology[p->attempt]));
		syn_out_c(&acc, ',');
		syn_out_u64(&acc, (uint64_t)p->attempt + 1);
		syn_out_c(&acc, '\n');
	}
	r->st.truth_accounts = r->plan.nparts;
	if ((rc = syn_out_close(&acc, r->errbuf, r->errlen)))
		return rc;

	if ((rc = syn_out_open(&acc, dir, "watchlist.csv", r->errbuf, r->errlen)))
		return rc;
	syn_out_str(&acc, "id,kind,name,aliases,dob,country,program\n");
	for (uint32_t k = 0; k < r->w.designated.n; k++) {
		char row[512];
		syn_out_bytes(&acc, row,
			      syn_watchlist_row(&r->w, r->w.designated.v[k], k, row, sizeof row));
	}
	return syn_out_close(&acc, r->errbuf, r->errlen);
}

int cen_synth_write(const cen_synth_opts *o, const char *dir, cen_synth_stats *stats,
		    char *errbuf, size_t errlen)
{
	run r;
	int rc;
	memset(&r, 0, sizeof r);
	r.o = o;
	r.errbuf = errbuf;
	r.errlen = errlen;
	if (errlen)
		errbuf[0] = '\0';
	if (!o || !dir || o->accounts < 100 || o->accounts > 50000000 || o->days < 1 ||
	    o->days > 366 || !(o->activity > 0 && o->activity <= 100) ||
	    !(o->laundering > 0 && o->laundering < 0.5) ||
	    (o->format != CEN_SYNTH_CANONICAL && o->format != CEN_SYNTH_AMLWORLD)) {
		snprintf(errbuf, errlen,
			 "synth: invalid options (accounts 100..50000000, days 1..366, activity in "
			 "(0,100], laundering share in (0,0.5))");
		return CEN_EINVAL;
	}
	r.counts = cen_malloc(86401 * sizeof *r.counts);
	if (!r.counts || (rc = syn_world_build(&r.w, o)) ||
	    (rc = syn_plan_build(&r.plan, &r.w))) {
		rc = CEN_ENOMEM;
		snprintf(errbuf, errlen, "synth: out of memory building the world");
		goto out;
	}
	for (uint32_t a = 0; a < r.plan.natt; a++)
		r.st.typology_attempts[r.plan.typology[a]]++;
	r.st.attempts = r.plan.natt;
	rc = write_files(&r, dir);
out:
	{
		char ignore[8];
		syn_out_close(&r.txns, ignore, sizeof ignore);
		syn_out_close(&r.truth, ignore, sizeof ignore);
	}
	if (!rc && stats)
		*stats = r.st;
	syn_plan_release(&r.plan);
	syn_world_release(&r.w);
	cen_free(r.day.v);
	cen_free(r.sorted.v);
	cen_free(r.counts);
	return rc;
}
