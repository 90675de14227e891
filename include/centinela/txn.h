/* txn.h - the canonical transaction record and the readers that produce it.
 *
 * A reader turns one input row into a cen_txn whose slices are borrowed from
 * the reader until its next call. The engine interns what it keeps. Accounts
 * are identified by (bank, account); written "BANK:ACCOUNT" where a bank is
 * known, else "ACCOUNT".
 *
 * Amounts are int64 in the minor unit of their currency (cents for USD, 1e-8
 * for BTC; see cen_currency_exponent). base_amount is the same value in US
 * dollar cents through the reader's rate table, so thresholds written in
 * dollars (the $10,000 CTR) apply to every currency.
 */
#ifndef CENTINELA_TXN_H
#define CENTINELA_TXN_H

#include <stdint.h>

#include "centinela/core.h"

typedef enum cen_channel {
	CEN_CH_UNKNOWN = 0,
	CEN_CH_CASH,
	CEN_CH_WIRE,
	CEN_CH_ACH,
	CEN_CH_CARD,    /* credit/debit card */
	CEN_CH_CHEQUE,
	CEN_CH_CRYPTO,  /* AMLworld "Bitcoin" */
	CEN_CH_REINVEST,/* AMLworld "Reinvestment" */
	CEN_CH__COUNT
} cen_channel;

typedef struct cen_txn {
	uint64_t row;         /* 1-based data row (header not counted) */
	cen_slice id;         /* input id; empty: the id is the row number */
	int64_t ts;           /* seconds since 1970-01-01 UTC (or simulation step) */
	cen_slice orig_bank, orig_acct;
	cen_slice bene_bank, bene_acct;
	int64_t amount;       /* paid, minor units of currency */
	char currency[8];     /* ISO 4217 or the source's code, NUL-terminated */
	int64_t amount_recv;  /* received, minor units of currency_recv */
	char currency_recv[8];
	int64_t base_amount;  /* paid, in USD cents */
	cen_channel channel;
	cen_slice orig_name, bene_name;       /* party names, may be empty */
	cen_slice orig_country, bene_country; /* ISO alpha-2 or empty */
	cen_slice location;   /* ZIP code or branch id of a cash transaction */
	cen_slice memo;
	int8_t label;         /* -1 none; 0/1 from a label column. Never used
				 for detection, only by eval. */
} cen_txn;

const char *cen_channel_name(cen_channel ch); /* "cash", "wire", ... */

#endif
