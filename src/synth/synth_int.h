/* synth_int.h - the synthetic world shared by the synth files
 * (synth-internal; docs/synth.md describes the model).
 *
 * What must hold: accounts are indices into one flat table (domestic
 * customers first, then foreign counterparties); an event refers to accounts
 * by index and carries its attempt (0: background); every event of a day has
 * a timestamp inside that day; names contain no comma or quote, so rows never
 * need CSV quoting.
 */
#ifndef CEN_SYNTH_INT_H
#define CEN_SYNTH_INT_H

#include <stddef.h>
#include <stdint.h>

#include "centinela/synth.h"
#include "centinela/txn.h"
#include "synth/rng.h"

enum syn_kind {
	SK_PERSON = 0,
	SK_BUSINESS,
	SK_MSB,
	SK_HUB_PAYROLL,
	SK_HUB_UTILITY,
	SK_HUB_MARKET,
	SK_EXT_PERSON,   /* foreign individual (family abroad, funnel payee) */
	SK_EXT_BUSINESS, /* foreign company (supplier, correspondent, blocked) */
	SK_ATM,          /* a bank's cash pseudo-account, written "ATM": the
			    beneficiary of cash withdrawals; not in accounts.csv */
};

enum syn_flag {
	SF_CASHBIZ = 1,    /* business deposits cash most days */
	SF_BIGCASH = 2,    /* business whose cash deposits often exceed $10,000 */
	SF_VIAHUB = 4,     /* business pays payroll through a payroll processor */
	SF_SEMIMONTHLY = 8,/* payday on the 15th and the last day, else biweekly */
	SF_PHASE = 16,     /* biweekly payday on odd weeks */
	SF_REMIT = 32,     /* person sends money home to Mexico each month */
	SF_USED = 64,      /* already part of a planted attempt */
	SF_SECOND = 128,   /* second account of a party (link: the first) */
	SF_DESIGNATED = 256, /* foreign party on synth's watchlist */
};

#define SYN_NONE UINT32_MAX

typedef struct syn_acct {
	uint64_t num;       /* account number (decimal; AMLworld: hex of it) */
	uint32_t party;     /* party id number (shared by a party's accounts) */
	uint32_t link;      /* person: employer; business: payroll hub; second: first */
	uint32_t landlord;  /* who gets the rent, SYN_NONE if none */
	uint32_t utility;   /* utility hub (persons) */
	uint32_t friend_;   /* a person this one sends money to now and then */
	int64_t pay;        /* person: net pay per period; business: sum of its payroll */
	int64_t rent;       /* cents per month, the same every month */
	float card_rate;    /* card payments per day */
	uint16_t zip;       /* index into syn_zips */
	uint16_t first, last; /* name parts */
	uint16_t flags;
	uint8_t kind, bank, rent_day, util_day, remit_day;
} syn_acct;

/* What a written row needs of an account, packed (16 bytes) so the writer's
 * random lookups touch a quarter of the memory of syn_acct. */
typedef struct syn_hot {
	uint64_t num;
	uint8_t bank, kind;
} syn_hot;

typedef struct syn_list {
	uint32_t *v;
	uint32_t n, cap;
} syn_list;

typedef struct syn_world {
	const cen_synth_opts *o;
	syn_acct *a;
	syn_hot *hot;       /* by account, filled when the world is complete */
	uint32_t n, cap;
	uint32_t n_dom;
	uint32_t atm[8];  /* SK_ATM account of each domestic bank */
	syn_list persons, biz, cashbiz, msb, msb_border, payroll, utility, market;
	syn_list landlords_biz, landlords_person;
	syn_list ext_mx_person, ext_mx_biz, ext_foreign, blocked, seconds;
	syn_list designated; /* on watchlist.csv; the first SYN_DESIGNATED_USED transact */
	int64_t day0; /* days since epoch of the first day */
} syn_world;

/* One transaction before formatting. */
typedef struct syn_ev {
	int64_t ts;
	int64_t amount;     /* minor units of currency cur */
	uint32_t orig, bene;
	uint32_t attempt;   /* 0 background, else attempt index + 1 */
	uint8_t channel;    /* cen_channel */
	uint8_t cur;        /* index into syn_currencies, paid */
	uint8_t cur_recv;   /* received */
	uint8_t memo;       /* index into syn_memos */
	uint16_t loc;       /* zip index + 1 for cash, 0 none */
} syn_ev;

typedef struct syn_evbuf {
	syn_ev *v;
	size_t n, cap;
} syn_evbuf;

/* Tables (world.c). */
typedef struct syn_bank {
	const char *code, *name;
	unsigned aml_id;
	uint8_t country; /* index into syn_countries */
} syn_bank;
typedef struct syn_zip {
	const char *zip, *state;
	uint8_t border;
} syn_zip;
typedef struct syn_currency {
	const char *code, *aml_name;
	double per_usd;
} syn_currency;

extern const syn_bank syn_banks[];
extern const size_t syn_nbanks;
extern const size_t syn_ndomestic_banks;
extern const syn_zip syn_zips[];
extern const size_t syn_nzips;
extern const syn_currency syn_currencies[];
extern const char *const syn_countries[];
extern const char *const syn_memos[];

enum { CUR_USD = 0, CUR_MXN, CUR_EUR, CUR_GBP, CUR_CNY, CUR_CAD };
enum { CO_US = 0, CO_MX, CO_DE, CO_GB, CO_CN, CO_CA };
enum {
	MEMO_NONE = 0, MEMO_CARD, MEMO_PAYROLL, MEMO_PAYROLL_FUNDING, MEMO_RENT,
	MEMO_UTILITY, MEMO_P2P, MEMO_DEPOSIT, MEMO_WITHDRAWAL, MEMO_REMIT,
	MEMO_SUPPLIER, MEMO_INVOICE, MEMO_PAYOUT, MEMO_TRANSFER, MEMO_LOAN,
	MEMO_CONSULTING,
};
/* Bank indices of note (world.c). */
enum { BANK_FIRST_MX = 8, BANK_FIRST_BLOCKED = 11, BANK_DE = 14, BANK_GB, BANK_CN, BANK_CA };

int syn_list_push(syn_list *l, uint32_t v);
int syn_ev_push(syn_evbuf *b, const syn_ev *e);

#define SYN_DESIGNATED 16
#define SYN_DESIGNATED_USED 10

/* world.c */
int syn_world_build(syn_world *w, const cen_synth_opts *o);
void syn_world_release(syn_world *w);
/* Writes the name of account i into out (>= 96 bytes); returns its length.
 * For a designated party it is the name as it appears on wires, a variant
 * of the listed one. */
size_t syn_acct_name(const syn_world *w, uint32_t i, char *out, size_t cap);
/* The watchlist row (contract "own watchlist CSV") of designated account i,
 * with its newline, into out; returns its length. */
size_t syn_watchlist_row(const syn_world *w, uint32_t i, uint32_t k, char *out, size_t cap);
uint8_t syn_acct_country(const syn_world *w, uint32_t i);
uint8_t syn_acct_currency(const syn_world *w, uint32_t i);
/* Calendar: weekday (0 Sunday) and day of month of simulation day d. */
int syn_weekday(const syn_world *w, uint32_t d);
int syn_mday(const syn_world *w, uint32_t d);
int syn_is_payday(const syn_world *w, uint32_t biz, uint32_t d);
/* The same for a pay schedule given by the SF_SEMIMONTHLY and SF_PHASE bits. */
int syn_is_payday_schedule(const syn_world *w, uint8_t flags, uint32_t d);
/* Converts USD cents to the minor units of currency c. */
int64_t syn_convert(int64_t usd_cents, uint8_t c);

/* background.c: appends the everyday transactions of day d. */
int syn_background_day(const syn_world *w, uint32_t d, syn_evbuf *out);
/* Expected background transactions per simulated day (for the budget). */
double syn_background_estimate(const syn_world *w);

/* plant.c */
typedef struct syn_part {
	uint32_t attempt, acct;
} syn_part;
typedef struct syn_plan {
	syn_evbuf ev;        /* planted events, any order */
	uint8_t *typology;   /* by attempt index */
	uint32_t natt, attcap;
	syn_part *parts;     /* accounts that take part, by attempt, deduplicated */
	size_t nparts, partcap;
} syn_plan;
int syn_plan_build(syn_plan *p, syn_world *w);
void syn_plan_release(syn_plan *p);

#endif
