/* out.c - writing synth's files: a buffered writer with hand-rolled number
 * formatting (no printf per row, no malloc per row) and the row layouts of
 * the canonical and AMLworld formats (docs/synth.md, "Files").
 *
 * What must hold: a row is written completely or the writer is in error;
 * the first error sticks and is reported at close; amounts are written in
 * major units with exactly two decimals (every synth currency has two);
 * no field needs CSV quoting (names carry no comma or quote).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "core/timeutil.h"
#include "synth/synth_int.h"
#include "synth/out.h"

#include "core/banned.h"

#define OUT_BUF (1u << 20)

int syn_out_open(syn_out *o, const char *dir, const char *name, char *errbuf, size_t errlen)
{
	memset(o, 0, sizeof *o);
	snprintf(o->path, sizeof o->path, "%s/%s", dir, name);
	o->buf = cen_malloc(OUT_BUF);
	if (!o->buf) {
		snprintf(errbuf, errlen, "%s: out of memory", o->path);
		return CEN_ENOMEM;
	}
	o->f = fopen(o->path, "wb");
	if (!o->f) {
		snprintf(errbuf, errlen, "%s: %s", o->path, strerror(errno));
		cen_free(o->buf);
		o->buf = NULL;
		return CEN_EIO;
	}
	return 0;
}

static void flush(syn_out *o)
{
	if (o->n && !o->err && fwrite(o->buf, 1, o->n, o->f) != o->n)
		o->err = errno ? errno : EIO;
	o->n = 0;
}

int syn_out_close(syn_out *o, char *errbuf, size_t errlen)
{
	int rc = 0;
	if (!o->f && !o->buf)
		return 0;
	if (o->f) {
		flush(o);
		if (fclose(o->f) != 0 && !o->err)
			o->err = errno ? errno : EIO;
	}
	if (o->err) {
		snprintf(errbuf, errlen, "%s: write failed: %s", o->path, strerror(o->err));
		rc = CEN_EIO;
	}
	cen_free(o->buf);
	memset(o, 0, sizeof *o);
	return rc;
}

void syn_out_bytes(syn_out *o, const char *s, size_t len)
{
	if (o->n + len > OUT_BUF)
		flush(o);
	if (len > OUT_BUF) {
		if (!o->err && fwrite(s, 1, len, o->f) != len)
			o->err = errno ? errno : EIO;
		return;
	}
	memcpy(o->buf + o->n, s, len);
	o->n += len;
}

void syn_out_str(syn_out *o, const char *s)
{
	syn_out_bytes(o, s, strlen(s));
}

void syn_out_c(syn_out *o, char c)
{
	if (o->n + 1 > OUT_BUF)
		flush(o);
	o->buf[o->n++] = c;
}

void syn_out_u64(syn_out *o, uint64_t v)
{
	char tmp[24];
	int k = 24;
	do {
		tmp[--k] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	syn_out_bytes(o, tmp + k, (size_t)(24 - k));
}

static void out_hex(syn_out *o, uint64_t v)
{
	static const char hex[] = "0123456789ABCDEF";
	char tmp[20];
	int k = 20;
	do {
		tmp[--k] = hex[v & 15];
		v >>= 4;
	} while (v);
	syn_out_bytes(o, tmp + k, (size_t)(20 - k));
}

/* Minor units (two decimals) as "123.45". */
static void out_amount(syn_out *o, int64_t v)
{
	if (v < 0) {
		syn_out_c(o, '-');
		v = -v;
	}
	syn_out_u64(o, (uint64_t)(v / 100));
	char frac[3] = {'.', (char)('0' + v % 100 / 10), (char)('0' + v % 10)};
	syn_out_bytes(o, frac, 3);
}

static void two(char *p, unsigned v)
{
	p[0] = (char)('0' + v / 10 % 10);
	p[1] = (char)('0' + v % 10);
}

void syn_fmt_day(int64_t epoch_day, int amlworld, char out[12])
{
	int y;
	unsigned m, d;
	cen__civil_from_days(epoch_day, &y, &m, &d);
	char sep = amlworld ? '/' : '-';
	two(out, (unsigned)y / 100);
	two(out + 2, (unsigned)y % 100);
	out[4] = sep;
	two(out + 5, m);
	out[7] = sep;
	two(out + 8, d);
	out[10] = amlworld ? ' ' : 'T';
	out[11] = '\0';
}

static int64_t to_usd(int64_t amount, uint8_t cur)
{
	if (cur == CUR_USD)
		return amount;
	return (int64_t)((double)amount / syn_currencies[cur].per_usd + 0.5);
}

static int64_t received(const syn_ev *e)
{
	if (e->cur == e->cur_recv)
		return e->amount;
	return syn_convert(to_usd(e->amount, e->cur), e->cur_recv);
}

static const char *const channel_names[] = {
	"", "cash", "wire", "ach", "card", "cheque", "crypto", "reinvestment",
};
static const char *const aml_formats[] = {
	"", "Cash", "Wire", "ACH", "Credit Card", "Cheque", "Bitcoin", "Reinvestment",
};

static void out_name(syn_out *o, const syn_world *w, uint32_t a)
{
	char name[128];
	syn_out_bytes(o, name, syn_acct_name(w, a, name, sizeof name));
}

void syn_write_canonical(syn_out *o, const syn_world *w, const syn_ev *e, uint64_t id,
			 const char *day)
{
	const syn_acct *oa = &w->a[e->orig], *ba = &w->a[e->bene];
	unsigned s = (unsigned)(e->ts % 86400);
	char ts[20];
	memcpy(ts, day, 11);
	two(ts + 11, s / 3600);
	ts[13] = ':';
	two(ts + 14, s / 60 % 60);
	ts[16] = ':';
	two(ts + 17, s % 60);
	syn_out_c(o, 'T');
	syn_out_u64(o, id);
	syn_out_c(o, ',');
	syn_out_bytes(o, ts, 19);
	syn_out_str(o, "Z,");
	syn_out_str(o, syn_banks[oa->bank].code);
	syn_out_c(o, ',');
	syn_out_u64(o, oa->num);
	syn_out_c(o, ',');
	syn_out_str(o, syn_banks[ba->bank].code);
	syn_out_c(o, ',');
	syn_out_u64(o, ba->num);
	syn_out_c(o, ',');
	out_amount(o, e->amount);
	syn_out_c(o, ',');
	syn_out_str(o, syn_currencies[e->cur].code);
	syn_out_c(o, ',');
	out_amount(o, received(e));
	syn_out_c(o, ',');
	syn_out_str(o, syn_currencies[e->cur_recv].code);
	syn_out_c(o, ',');
	syn_out_str(o, channel_names[e->channel]);
	syn_out_c(o, ',');
	/* Party names travel with wires (the screening engine can check them). */
	if (e->channel == CEN_CH_WIRE) {
		out_name(o, w, e->orig);
		syn_out_c(o, ',');
		out_name(o, w, e->bene);
	} else {
		syn_out_c(o, ',');
	}
	syn_out_c(o, ',');
	syn_out_str(o, syn_countries[syn_banks[oa->bank].country]);
	syn_out_c(o, ',');
	syn_out_str(o, syn_countries[syn_banks[ba->bank].country]);
	syn_out_c(o, ',');
	if (e->loc)
		syn_out_str(o, syn_zips[e->loc - 1].zip);
	syn_out_c(o, ',');
	syn_out_str(o, syn_memos[e->memo]);
	syn_out_c(o, '\n');
}

void syn_write_amlworld(syn_out *o, const syn_world *w, const syn_ev *e, const char *day)
{
	const syn_acct *oa = &w->a[e->orig], *ba = &w->a[e->bene];
	unsigned s = (unsigned)(e->ts % 86400);
	char ts[17];
	memcpy(ts, day, 11);
	two(ts + 11, s / 3600);
	ts[13] = ':';
	two(ts + 14, s / 60 % 60);
	syn_out_bytes(o, ts, 16);
	syn_out_c(o, ',');
	syn_out_u64(o, syn_banks[oa->bank].aml_id);
	syn_out_c(o, ',');
	out_hex(o, oa->num);
	syn_out_c(o, ',');
	syn_out_u64(o, syn_banks[ba->bank].aml_id);
	syn_out_c(o, ',');
	out_hex(o, ba->num);
	syn_out_c(o, ',');
	out_amount(o, received(e));
	syn_out_c(o, ',');
	syn_out_str(o, syn_currencies[e->cur_recv].aml_name);
	syn_out_c(o, ',');
	out_amount(o, e->amount);
	syn_out_c(o, ',');
	syn_out_str(o, syn_currencies[e->cur].aml_name);
	syn_out_c(o, ',');
	syn_out_str(o, aml_formats[e->channel]);
	syn_out_str(o, e->attempt ? ",1\n" : ",0\n");
}

void syn_write_account_key(syn_out *o, const syn_world *w, uint32_t a, int amlworld)
{
	const syn_acct *x = &w->a[a];
	if (amlworld) {
		syn_out_u64(o, syn_banks[x->bank].aml_id);
		syn_out_c(o, ':');
		out_hex(o, x->num);
	} else {
		syn_out_str(o, syn_banks[x->bank].code);
		syn_out_c(o, ':');
		syn_out_u64(o, x->num);
	}
}

static const char *kind_name(const syn_acct *a)
{
	switch (a->kind) {
	case SK_BUSINESS:
	case SK_EXT_BUSINESS: return "business";
	case SK_MSB: return "msb";
	case SK_HUB_PAYROLL:
	case SK_HUB_UTILITY:
	case SK_HUB_MARKET: return "hub";
	default: return "person";
	}
}

static const char *occupation(const syn_world *w, uint32_t i)
{
	const syn_acct *a = &w->a[i];
	switch (a->kind) {
	case SK_PERSON: return a->link != SYN_NONE && !(a->flags & SF_SECOND) ? "employee" : "";
	case SK_BUSINESS: return (a->flags & SF_CASHBIZ) ? "cash-intensive business" : "business";
	case SK_MSB: return "money transmitter";
	case SK_HUB_PAYROLL: return "payroll processor";
	case SK_HUB_UTILITY: return "utility";
	case SK_HUB_MARKET: return "marketplace";
	default: return "";
	}
}

void syn_write_account(syn_out *o, const syn_world *w, uint32_t i, int amlworld)
{
	const syn_acct *a = &w->a[i];
	const syn_bank *b = &syn_banks[a->bank];
	int external = a->kind == SK_EXT_PERSON || a->kind == SK_EXT_BUSINESS;
	if (amlworld) {
		syn_out_str(o, b->name);
		syn_out_c(o, ',');
		syn_out_u64(o, b->aml_id);
		syn_out_c(o, ',');
		out_hex(o, a->num);
		syn_out_c(o, ',');
		out_hex(o, 0x80000000ULL + a->party);
		syn_out_c(o, ',');
		out_name(o, w, i);
		syn_out_c(o, '\n');
		return;
	}
	syn_out_u64(o, a->num);
	syn_out_c(o, ',');
	syn_out_str(o, b->code);
	syn_out_str(o, ",P");
	syn_out_u64(o, a->party);
	syn_out_c(o, ',');
	out_name(o, w, i);
	syn_out_c(o, ',');
	syn_out_str(o, kind_name(a));
	syn_out_c(o, ',');
	syn_out_str(o, syn_countries[b->country]);
	syn_out_c(o, ',');
	if (!external)
		syn_out_str(o, syn_zips[a->zip].zip);
	syn_out_c(o, ',');
	syn_out_str(o, occupation(w, i));
	syn_out_c(o, '\n');
}
