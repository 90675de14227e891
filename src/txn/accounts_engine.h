/* accounts_engine.h - what the monitoring engine takes from a loaded
 * accounts table (internal-shared: src/txn's accounts.c, src/detect's
 * engine).
 *
 * The engine names accounts by the same normalised keys as the table's
 * index, so it takes that index over as its own name table instead of
 * building a second one: the accounts become the engine's vertices
 * 0..n-1, numbered like the table's records, and one probe of a key
 * gives both. What must hold: after cen__accounts_take_index the table's
 * lookups by name find nothing (cen_accounts_at still works) and the
 * taken keys stay the table's strings, so the table outlives the index.
 */
#ifndef CEN_TXN_ACCOUNTS_ENGINE_H
#define CEN_TXN_ACCOUNTS_ENGINE_H

#include <stddef.h>
#include <stdint.h>

#include "centinela/accounts.h"
#include "core/hash.h"

/* Room for a normalised key (two fields of at most 256 bytes, a colon). */
#define CEN__ACCOUNTS_KEY_MAX (2 * 256 + 2)

/* Moves a's index into *out, whose contents are overwritten (an
 * interner just initialised: it is released first): ids are the
 * accounts' numbers, keys borrowed from a's strings (NUL-terminated).
 * 0, or CEN_EINVAL when the index was taken already. */
int cen__accounts_take_index(cen_accounts *a, cen__intern *out);

/* The normalised key of "BANK:ACCOUNT" (or "ACCOUNT"), the form the
 * index holds: key itself when it is already (the usual case), else
 * written into buf; *n its length, 0 when it cannot name an account. */
const char *cen__accounts_key(char buf[CEN__ACCOUNTS_KEY_MAX], const char *key, size_t len,
			      size_t *n);

/* What a vertex keeps of account i (i < cen_accounts_count). */
typedef struct cen__account_brief {
	uint8_t kind;       /* cen_party_kind (the order of cen_monitor_kind) */
	char country[2];    /* when the file gives two letters, else zeros */
	uint8_t owner;      /* a party id or a ZIP to fetch later */
} cen__account_brief;
void cen__accounts_brief(const cen_accounts *a, size_t i, cen__account_brief *out);

#endif
