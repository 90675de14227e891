/* synth.h - a generator of labelled, bank-like synthetic transactions.
 *
 * cen_synth_write() builds a population (people, businesses, money services
 * businesses, legitimate hubs, foreign counterparties, several banks), lets
 * it transact for a number of days (card spending, payroll, rent, utility
 * bills, transfers, cash at branches, remittances, supplier payments) and
 * plants laundering attempts of every typology the monitor knows. It writes
 * into a directory:
 *
 *   transactions.csv   canonical CSV (docs/synth.md) or AMLworld CSV with an
 *                      `Is Laundering` column; sorted by time
 *   accounts.csv       the accounts file (canonical or AMLworld layout)
 *   truth_txns.csv     txn_id,typology,attempt_id  (laundering txns only)
 *   truth_accounts.csv account,typology,attempt_id (account BANK:ACCOUNT)
 *   watchlist.csv      fictional designated parties (the contract's own
 *                      watchlist CSV), some of whom receive wires
 *
 * The output is a pure function of the options: the same options give
 * byte-identical files on the same build (the generator has its own PRNG,
 * xoshiro256** seeded by splitmix64, and never reads the clock).
 */
#ifndef CENTINELA_SYNTH_H
#define CENTINELA_SYNTH_H

#include <stddef.h>
#include <stdint.h>

#include "centinela/core.h"

typedef enum cen_synth_format {
	CEN_SYNTH_CANONICAL = 0,
	CEN_SYNTH_AMLWORLD = 1,
} cen_synth_format;

typedef struct cen_synth_opts {
	uint64_t accounts;   /* domestic customer accounts (>= 100) */
	uint32_t days;       /* simulated days (1..366) */
	uint64_t seed;
	cen_synth_format format;
	int64_t start;       /* epoch seconds of 00:00 UTC of the first day */
	double activity;     /* multiplier of everyday spending (default 1.0) */
	double laundering;   /* target share of laundering txns (default 0.004) */
} cen_synth_opts;

/* Defaults: 50,000 accounts, 10 days, seed 7, canonical, start 2025-11-28
 * (both the September 2025 GTO and the 2313a orders in force, no federal
 * holiday in the next ten days), activity 1.0, laundering 0.004. */
void cen_synth_opts_init(cen_synth_opts *o);

/* Parses a date "YYYY-MM-DD" into the epoch seconds of its 00:00 UTC.
 * Returns 0 or CEN_EINVAL. */
int cen_synth_parse_date(const char *s, int64_t *epoch);

/* The typologies synth plants, in a fixed order (the contract's names). */
#define CEN_SYNTH_NTYPOLOGIES 13
const char *cen_synth_typology_name(int i); /* NULL when out of range */

typedef struct cen_synth_stats {
	uint64_t accounts;        /* rows of accounts.csv */
	uint64_t txns;            /* rows of transactions.csv */
	uint64_t laundering_txns; /* rows of truth_txns.csv */
	uint64_t attempts;
	uint64_t truth_accounts;  /* rows of truth_accounts.csv */
	uint64_t typology_txns[CEN_SYNTH_NTYPOLOGIES];
	uint64_t typology_attempts[CEN_SYNTH_NTYPOLOGIES];
} cen_synth_stats;

/* Writes the five files into dir (which must exist). stats may be NULL.
 * On failure returns a negative status and puts a message naming the file
 * into errbuf. */
int cen_synth_write(const cen_synth_opts *o, const char *dir, cen_synth_stats *stats,
		    char *errbuf, size_t errlen);

/* The Southwest-border ZIP codes synth places some MSBs in and plants `gto`
 * attempts at (a subset of the FinCEN geographic targeting order areas). */
const char *const *cen_synth_border_zips(size_t *n);

/* The bank codes (canonical format) of the blocked institutions synth plants
 * `blocked_counterparty` wires to: CIBanco, Intercam, Vector (AMLworld bank
 * ids 31, 32, 33). */
const char *const *cen_synth_blocked_banks(size_t *n);

#endif
