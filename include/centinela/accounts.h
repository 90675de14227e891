/* accounts.h - the accounts file (--accounts): who owns which account and
 * where it is, for the monitoring engine.
 *
 * Two layouts, detected from the header (docs/transactions.md):
 *   canonical  account,bank,party_id,name,kind,country,zip,occupation
 *              (kind: person|business|msb|hub; only account is required)
 *   AMLworld   Bank Name,Bank ID,Account Number,Entity ID,Entity Name
 *              (kind guessed from the entity name: "Corporation #..",
 *              "Sole Proprietorship #..", "Partnership #.." are businesses)
 * Accounts are keyed "BANK:ACCOUNT" (or "ACCOUNT" without a bank), the way
 * transactions name them. An all-digit bank id is compared without leading
 * zeros, so AMLworld's "010" in transactions finds "10" in the accounts file.
 *
 * Loading reports every malformed or duplicate row through the cen_diag
 * (file, line, reason; the first of duplicates is kept) and goes on. The
 * loaded table is immutable: lookups never allocate and may run from many
 * threads at once. The one exception: a monitoring engine given the table
 * (cen_monitor_config.accounts) takes its index of names over, after which
 * lookups by name (cen_accounts_get, _find) find nothing; cen_accounts_at
 * and the rest still work.
 */
#ifndef CENTINELA_ACCOUNTS_H
#define CENTINELA_ACCOUNTS_H

#include <stddef.h>
#include <stdint.h>

#include "centinela/core.h"

typedef enum cen_party_kind {
	CEN_PARTY_UNKNOWN = 0,
	CEN_PARTY_PERSON,
	CEN_PARTY_BUSINESS,
	CEN_PARTY_MSB,  /* money services business */
	CEN_PARTY_HUB,  /* payroll processor, utility, marketplace */
	CEN_PARTY__COUNT
} cen_party_kind;

/* One account, as cen_accounts_at gives it. Strings are NUL-terminated,
 * owned by the table, "" when the file has no value. */
typedef struct cen_account_info {
	const char *key;        /* "BANK:ACCOUNT" (bank as written) or "ACCOUNT" */
	const char *bank;
	const char *account;
	const char *bank_name;  /* AMLworld "Bank Name" */
	const char *party_id;
	const char *name;
	cen_party_kind kind;
	const char *country;    /* ISO alpha-2 as given */
	const char *zip;
	const char *occupation;
	uint32_t line;          /* line in the file */
	/* Lengths of party_id, name, country, zip and occupation (fields are
	 * capped at 1024 bytes), so a lookup need not read the strings. */
	uint16_t party_id_len, name_len, country_len, zip_len, occupation_len;
} cen_account_info;

typedef struct cen_accounts cen_accounts;

/* Loads path ("-": stdin). diag may be NULL. On failure (unreadable file,
 * unknown header, out of memory) returns a CEN_E* code and, unless out of
 * memory, still sets *out for cen_accounts_errmsg(); free it in every case. */
int cen_accounts_load(cen_accounts **out, const char *path, cen_diag *diag);
/* The same from memory (data copied; name used in messages). */
int cen_accounts_load_mem(cen_accounts **out, const char *data, size_t len,
			  const char *name, cen_diag *diag);
/* Accounts are numbered 0..count-1 in file order; a lookup gives the
 * number (-1: none) and cen_accounts_at the record. */
/* The account (bank may be empty). */
int64_t cen_accounts_get(const cen_accounts *a, const char *bank, size_t blen, const char *acct,
			 size_t alen);
/* The account written "BANK:ACCOUNT" (or "ACCOUNT"). */
int64_t cen_accounts_find(const cen_accounts *a, const char *key, size_t len);
/* A hint that cen_accounts_find(a, key, len) comes soon: asks the CPU to
 * load what it reads, one step per pass: 0 the index slot, 1 the account
 * record (reading the slot), 2 its strings (reading the record). Give the
 * passes a few hundred nanoseconds apart. *hint carries what one pass
 * found to the next (the key's hash, then the record): set it to 0 before
 * pass 0 and keep it for passes 1 and 2 of the same key. Any value is
 * safe (a wrong one only wastes the hint). Changes nothing else. */
void cen_accounts_prefetch(const cen_accounts *a, const char *key, size_t len, int pass,
			   uint64_t *hint);
size_t cen_accounts_count(const cen_accounts *a);
/* The i-th account in file order into *out (its strings stay the
 * table's): 1, or 0 past the end (out untouched). A fetch by number,
 * without hashing. */
int cen_accounts_at(const cen_accounts *a, size_t i, cen_account_info *out);
/* Rows read and rows rejected (malformed or duplicate). */
void cen_accounts_stats(const cen_accounts *a, uint64_t *rows, uint64_t *rejected);
const char *cen_accounts_errmsg(const cen_accounts *a);
void cen_accounts_free(cen_accounts *a);

const char *cen_party_kind_name(cen_party_kind k); /* "person", ... "unknown" */
/* person|individual, business|company|corporation|..., msb|money transmitter,
 * hub; anything else CEN_PARTY_UNKNOWN. */
cen_party_kind cen_party_kind_parse(const char *s, size_t len);

#endif
