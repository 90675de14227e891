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

/* Rows are written through a cursor into the buffer: row_begin makes room
 * for ROW_MAX bytes (no synth row comes near: two names of < 128 bytes and
 * short fields), the p_* helpers append without bound checks. */
#define ROW_MAX 1024

static char *row_begin(syn_out *o)
{
	if (o->n + ROW_MAX > OUT_BUF)
		flush(o);
	return o->buf + o->n;
}

static void row_end(syn_out *o, char *p)
{
	o->n = (size_t)(p - o->buf);
}

static char *p_str(char *p, const char *s)
{
	while (*s)
		*p++ = *s++;
	return p;
}

static const char digit_pairs[] =
	"00010203040506070809101112131415161718192021222324252627282930313233343536373839"
	"40414243444546474849505152535455565758596061626364656667686970717273747576777879"
	"8081828384858687888990919293949596979899";

static char *p_u64(char *p, uint64_t v)
{
	char tmp[24];
	int k = 24;
	while (v >= 100) {
		unsigned d = (unsigned)(v % 100) * 2;
		v /= 100;
		tmp[--k] = digit_pairs[d + 1];
		tmp[--k] = digit_pairs[d];
	}
	if (v >= 10) {
		tmp[--k] = digit_pairs[v * 2 + 1];
		tmp[--k] = digit_pairs[v * 2];
	} else {
		tmp[--k] = (char)('0' + v);
	}
	memcpy(p, tmp + k, (size_t)(24 - k));
	return p + (24 - k);
}

static char *p_hex(char *p, uint64_t v)
{
	static const char hex[] = "0123456789ABCDEF";
	char tmp[20];
	int k = 20;
	do {
		tmp[--k] = hex[v & 15];
		v >>= 4;
	} while (v);
	memcpy(p, tmp + k, (size_t)(20 - k));
	return p + (20 - k);
}

/* Minor units (two decimals) as "123.45". */
static char *p_amount(char *p, int64_t v)
{
	if (v < 0) {
		*p++ = '-';
		v = -v;
	}
	p = p_u64(p, (uint64_t)(v / 100));
	unsigned c = (unsigned)(v % 100) * 2;
	p[0] = '.';
	p[1] = digit_pairs[c];
	p[2] = digit_pairs[c + 1];
	return p + 3;
}

/* The account number, or "ATM" for a bank's cash pseudo-account. */
static char *p_acct(char *p, const syn_hot *a, int hex)
{
	if (a->kind == SK_ATM)
		return p_str(p, "ATM");
	return hex ? p_hex(p, a->num) : p_u64(p, a->num);
}

static char *p_name(char *p, const syn_world *w, uint32_t a)
{
	return p + syn_acct_name(w, a, p, 128);
}

void syn_out_u64(syn_out *o, uint64_t v)
{
	row_end(o, p_u64(row_begin(o), v));
}

void syn_fmt_day(int64_t epoch_day, int amlworld, char out[12])
{
	cen__format_day(epoch_day, out);
	if (amlworld)
		out[4] = out[7] = '/';
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


void syn_write_canonical(syn_out *o, const syn_world *w, const syn_ev *e, uint64_t id,
			 const char *day)
{
	const syn_hot *oa = &w->hot[e->orig], *ba = &w->hot[e->bene];
	unsigned s = (unsigned)(e->ts % 86400);
	char *p = row_begin(o);
	*p++ = 'T';
	p = p_u64(p, id);
	*p++ = ',';
	memcpy(p, day, 11);
	p += 11;
	cen__hms_digits(p, s);
	p[8] = 'Z';
	p[9] = ',';
	p = p_str(p + 10, syn_banks[oa->bank].code);
	*p++ = ',';
	p = p_acct(p, oa, 0);
	*p++ = ',';
	p = p_str(p, syn_banks[ba->bank].code);
	*p++ = ',';
	p = p_acct(p, ba, 0);
	*p++ = ',';
	p = p_amount(p, e->amount);
	*p++ = ',';
	p = p_str(p, syn_currencies[e->cur].code);
	*p++ = ',';
	p = p_amount(p, received(e));
	*p++ = ',';
	p = p_str(p, syn_currencies[e->cur_recv].code);
	*p++ = ',';
	p = p_str(p, channel_names[e->channel]);
	*p++ = ',';
	/* Party names travel with wires (the screening engine can check them). */
	if (e->channel == CEN_CH_WIRE) {
		p = p_name(p, w, e->orig);
		*p++ = ',';
		p = p_name(p, w, e->bene);
	} else {
		*p++ = ',';
	}
	*p++ = ',';
	p = p_str(p, syn_countries[syn_banks[oa->bank].country]);
	*p++ = ',';
	p = p_str(p, syn_countries[syn_banks[ba->bank].country]);
	*p++ = ',';
	if (e->loc)
		p = p_str(p, syn_zips[e->loc - 1].zip);
	*p++ = ',';
	p = p_str(p, syn_memos[e->memo]);
	*p++ = '\n';
	row_end(o, p);
}

void syn_write_amlworld(syn_out *o, const syn_world *w, const syn_ev *e, const char *day)
{
	const syn_hot *oa = &w->hot[e->orig], *ba = &w->hot[e->bene];
	unsigned s = (unsigned)(e->ts % 86400);
	char *p = row_begin(o);
	memcpy(p, day, 11);
	p += 11;
	cen__two_digits(p, s / 3600);
	p[2] = ':';
	cen__two_digits(p + 3, s / 60 % 60);
	p[5] = ',';
	p = p_u64(p + 6, syn_banks[oa->bank].aml_id);
	*p++ = ',';
	p = p_acct(p, oa, 1);
	*p++ = ',';
	p = p_u64(p, syn_banks[ba->bank].aml_id);
	*p++ = ',';
	p = p_acct(p, ba, 1);
	*p++ = ',';
	p = p_amount(p, received(e));
	*p++ = ',';
	p = p_str(p, syn_currencies[e->cur_recv].aml_name);
	*p++ = ',';
	p = p_amount(p, e->amount);
	*p++ = ',';
	p = p_str(p, syn_currencies[e->cur].aml_name);
	*p++ = ',';
	p = p_str(p, aml_formats[e->channel]);
	p = p_str(p, e->attempt ? ",1\n" : ",0\n");
	row_end(o, p);
}

void syn_write_account_key(syn_out *o, const syn_world *w, uint32_t a, int amlworld)
{
	const syn_acct *x = &w->a[a];
	char *p = row_begin(o);
	if (amlworld) {
		p = p_u64(p, syn_banks[x->bank].aml_id);
		*p++ = ':';
		p = p_hex(p, x->num);
	} else {
		p = p_str(p, syn_banks[x->bank].code);
		*p++ = ':';
		p = p_u64(p, x->num);
	}
	row_end(o, p);
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
	char *p = row_begin(o);
	if (amlworld) {
		p = p_str(p, b->name);
		*p++ = ',';
		p = p_u64(p, b->aml_id);
		*p++ = ',';
		p = p_hex(p, a->num);
		*p++ = ',';
		p = p_hex(p, 0x80000000ULL + a->party);
		*p++ = ',';
		p = p_name(p, w, i);
	} else {
		p = p_u64(p, a->num);
		*p++ = ',';
		p = p_str(p, b->code);
		p = p_str(p, ",P");
		p = p_u64(p, a->party);
		*p++ = ',';
		p = p_name(p, w, i);
		*p++ = ',';
		p = p_str(p, kind_name(a));
		*p++ = ',';
		p = p_str(p, syn_countries[b->country]);
		*p++ = ',';
		if (!external)
			p = p_str(p, syn_zips[a->zip].zip);
		*p++ = ',';
		p = p_str(p, occupation(w, i));
	}
	*p++ = '\n';
	row_end(o, p);
}
