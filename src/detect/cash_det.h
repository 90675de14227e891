/* cash_det.h - the cash detectors (ctr, structuring, gto, funnel,
 * blocked_counterparty) and what they share (private to src/detect).
 *
 * Each detector is a state machine fed transactions in time order with what
 * the engine knows of both accounts (cen__cash_acct). It keeps only what its
 * window needs and emits alerts through env->emit as soon as they are
 * certain. The engine adapter (registry) fills cen__cash_acct from the
 * accounts file; tests fill it by hand.
 *
 * Cash direction (docs/rules.md, "Cash transactions"): a cash transaction
 * whose origin is a pseudo account ("CASH", "-", "WALK-IN", "ATM",
 * "TELLER", empty) or the same account as the beneficiary is a deposit
 * (cash in for the beneficiary); one whose beneficiary is a pseudo account
 * is a withdrawal (cash out for the origin); a cash payment between two real
 * accounts is cash out for the origin and cash in for the beneficiary.
 *
 * Shared helpers live in det_ctr.c (business day, daily aggregation, alert
 * building, id pool, event queues) because the CTR is their first user;
 * the block pool their arrays grow in is cash_pool.c.
 */
#ifndef CEN_DETECT_CASH_DET_H
#define CEN_DETECT_CASH_DET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "centinela/alert.h"
#include "centinela/io.h"
#include "centinela/rules.h"
#include "centinela/txn.h"
#include "core/arena.h"
#include "core/bytes.h"
#include "core/hash.h"
#include "detect/detector.h"
#include "core/prefetch.h"

/* Kinds of account owner (accounts file "kind"). */
enum {
	CEN__OWNER_UNKNOWN = 0,
	CEN__OWNER_PERSON,
	CEN__OWNER_BUSINESS,
	CEN__OWNER_MSB,
	CEN__OWNER_HUB,
};

/* What is known about one side of a transaction; all borrowed for the call. */
typedef struct cen__cash_acct {
	const char *label;   /* "BANK:ACCOUNT" (or "ACCOUNT"), never NULL;
				with a vref it lives until the detector is
				freed (the engine's account names) */
	const char *party;   /* owner party id; NULL or "" if unknown */
	const char *name;    /* owner name; NULL if unknown */
	int kind;            /* CEN__OWNER_* */
	const char *country; /* ISO alpha-2 of the account; NULL if unknown */
	const char *zip;     /* ZIP of the account holder; NULL if unknown */
	/* A dense id + 1 of the account, the same for every transaction of
	 * it (the engine numbers the accounts the cash detectors resolve, so
	 * memos indexed by it stay small); 0 when the caller has none (then
	 * for every account). */
	uint32_t vref;
	/* The person cen__person_key names with by_owner ("p:PARTY" when the
	 * owner is known, else "a:LABEL"), numbered by the caller: id + 1, the
	 * same for every account of the person and for every detector, dense
	 * enough to index arrays; person_key is its text and lives until the
	 * detector is freed. The engine numbers the person of every account
	 * it gives a detector that reads the owner (needs_owner), and only
	 * then (another gets 0 or the person, whichever is cheaper: party and
	 * zip as well); 0 (and NULL) when the caller has none, then for
	 * every account. */
	uint32_t person;
	const char *person_key;
} cen__cash_acct;

/* Whether a and b are the same account. */
bool cen__cash_same_acct(const cen__cash_acct *a, const cen__cash_acct *b);

typedef struct cen__cash_env {
	/* Receives each alert (id unset). Returns 0 or negative to stop. */
	int (*emit)(void *ctx, cen_alert *a);
	void *emit_ctx;
	cen_diag *diag;      /* rules warnings/errors; may be NULL */
	/* The engine checks each detector's own table for unknown keys (from
	 * ops->keys); create then only turns type errors into CEN_EINVAL. */
	bool engine_checks;
	uint64_t *suppressed; /* matches folded into an earlier alert; may be NULL */
	/* The accounts the caller expects (the engine: the accounts file's;
	 * 0: not known). Arrays indexed by account or person start with room
	 * for that many (cen__presize), instead of growing to it by doubling. */
	size_t accounts;
	/* The texts of the numbers the caller gives, when it keeps them for
	 * as long as the detector lives: *labels[vref - 1] is the label of
	 * the account numbered vref, *persons[person - 1] the person_key of
	 * person (arrays of the caller's, which may move as they grow). A
	 * detector then keeps no copy of its own (cen__numbered_keep). NULL:
	 * the detector keeps them. */
	const char **const *labels;
	const char **const *persons;
} cen__cash_env;

typedef struct cen__cash_ops {
	const char *name; /* typology and rules table */
	/* Reads the detector's table (after checking it) and returns its state;
	 * CEN_EINVAL when a value is wrong (reported through env->diag). */
	int (*create)(void **state, const cen_rules *r, const cen__cash_env *env);
	/* dir: cen__cash_dir(t), which the caller works out once for all. */
	int (*on_txn)(void *state, const cen_txn *t, unsigned dir, const cen__cash_acct *orig,
		      const cen__cash_acct *bene);
	/* The data's clock moved to ts: emit what became certain. May be NULL. */
	int (*on_advance)(void *state, int64_t ts);
	/* End of input: emit what is still open. */
	int (*finish)(void *state);
	void (*free)(void *state);
	const cen_rules_key *keys; /* keys of the detector's table */
	size_t nkeys;
	/* Whether on_txn wants t at all, from the record and the accounts'
	 * vrefs alone (the accounts are resolved only then: most transactions
	 * concern no cash detector). A vref of CEN__VREF_NEW: the engine has
	 * not numbered the account yet, so no cash detector has seen it. NULL:
	 * every transaction. */
	bool (*wants)(void *state, const cen_txn *t, uint32_t orig_vref, uint32_t bene_vref);
	/* The earliest clock at which on_advance could emit anything, given
	 * the state now (INT64_MAX: not before the next transaction). NULL:
	 * call on_advance at every move of the clock. */
	int64_t (*next_advance)(void *state);
	/* Whether on_txn reads the accounts' party and zip: the engine fetches
	 * them from the accounts hook only for such detectors. */
	bool needs_owner;
	/* A hint that t comes a few records later, its accounts with these
	 * vrefs (0: not numbered yet): prefetch what on_txn will read. Pass 0
	 * asks for the memo entries (cen__memo_prefetch), pass 1 a few
	 * records later reads them and asks for the state they index. Must
	 * change nothing. May be NULL. */
	void (*prefetch)(void *state, const cen_txn *t, uint32_t orig_vref, uint32_t bene_vref,
			 int pass);
} cen__cash_ops;

#define CEN__VREF_NEW UINT32_MAX

#define CEN__CASH_IN 1u  /* the beneficiary account received currency */
#define CEN__CASH_OUT 2u /* the origin account paid out currency */

/* 0 for non-cash transactions; else CEN__CASH_IN and/or CEN__CASH_OUT. */
unsigned cen__cash_dir(const cen_txn *t);

/* A `wants` for the detectors that read cash transactions only. */
bool cen__cash_wants_cash(void *state, const cen_txn *t, uint32_t orig_vref, uint32_t bene_vref);

extern const cen__cash_ops cen__cash_ctr;
extern const cen__cash_ops cen__cash_structuring;
extern const cen__cash_ops cen__cash_gto;
extern const cen__cash_ops cen__cash_funnel;
extern const cen__cash_ops cen__cash_blocked;

/* Checks the detector's own table against its keys (see engine_checks). */
int cen__cash_check(const cen_rules *r, const cen__cash_ops *ops, const cen__cash_env *env);

/* ---- recent short strings ----
 * What was last found for strings of 1 to 16 bytes, by their hash: a
 * transaction's bank or location is most often one of a few, and finding it
 * here is a few integer tests instead of hashing and probing a table. A
 * slot holds a value that is a function of the string alone. */
typedef struct cen__recent_slot {
	cen__short_key key;
	uint32_t len; /* 0: empty */
	uint32_t val;
} cen__recent_slot;

#define CEN__RECENT_BITS 8 /* 256 slots: a few dozen strings rarely share one */

typedef struct cen__recent {
	cen__recent_slot slot[1u << CEN__RECENT_BITS];
} cen__recent;

/* The slot of s (1..16 bytes), its key into *k. */
static inline cen__recent_slot *cen__recent_at(cen__recent *r, const char *s, size_t len,
					       cen__short_key *k)
{
	*k = cen__short_key_of(s, len);
	return &r->slot[cen__short_key_hash(*k, len) >> (64 - CEN__RECENT_BITS)];
}
static inline bool cen__recent_holds(const cen__recent_slot *m, cen__short_key k, size_t len)
{
	return m->len == len && m->key.a == k.a && m->key.b == k.b;
}
static inline void cen__recent_keep(cen__recent_slot *m, cen__short_key k, size_t len,
				    uint32_t val)
{
	m->key = k;
	m->len = (uint32_t)len;
	m->val = val;
}
/* cen__recent_put past a slot that does not hold s (or s of 0 or more
 * than 16 bytes): the table, then the slot keeps what it gave. */
int64_t cen__recent_miss(cen__recent *r, cen__intern *t, const char *s, size_t len);
/* cen__intern_put of s through r (len > 16 goes to the table directly).
 * Inline: most calls find s in its slot, a hash and two tests, which a
 * call's saved registers would double. */
static inline int64_t cen__recent_put(cen__recent *r, cen__intern *t, const char *s, size_t len)
{
	if (len - 1 < 16) {
		cen__short_key k;
		const cen__recent_slot *m = cen__recent_at(r, s, len, &k);
		if (cen__recent_holds(m, k, len))
			return m->val;
	}
	return cen__recent_miss(r, t, s, len);
}

/* ---- the adapter's keys (cash_keys.c) ----
 * Strings (persons' keys, ZIPs) numbered 0, 1, 2, ... in the order first
 * put, in a table of 8-byte slots (32 bits of the hash, id + 1) that
 * compares through the copies: for strings put once per account, not per
 * transaction. */
typedef struct cen__keys_chunk cen__keys_chunk;

typedef struct cen__keys {
	uint64_t *slots;   /* hash << 32 | id + 1; 0: empty */
	size_t nslots;     /* a power of two, at most 3/4 full */
	const char **strs; /* by id: the copy, NUL-terminated, until release */
	uint32_t *lens;
	size_t count, cap;
	cen__keys_chunk *chunk; /* the copies' chunks, newest first */
	char *next;        /* where the next copy goes in chunk */
	size_t room;
} cen__keys;

void cen__keys_init(cen__keys *k);
void cen__keys_release(cen__keys *k);
/* The id of s (len bytes), added when new; <0 on error. */
int64_t cen__keys_put(cen__keys *k, const char *s, size_t len);

/* ---- the engine adapter (det_ctr.c): a cash detector as a cen__det ---- */
typedef struct cen__cash_det {
	cen__det base;
	const cen__cash_ops *ops;
	void *state;
	/* ops->wants, or NULL when the engine's channel filter answers it */
	bool (*wants)(void *state, const cen_txn *t, uint32_t orig_vref, uint32_t bene_vref);
	bool shares;      /* counted among the users of eng->cash */
	unsigned char hint; /* CEN__HINT_*: who gives its hints of a cash record */
	cen__recent zips; /* ZIPs the adapter put into the shared keys */
	cen_buf key;      /* scratch: a person's key being interned */
	cen_diag diag;   /* forwards to the engine's; errors of init go to err */
	char *err;
	size_t errlen;
} cen__cash_det;

/* Who gives a cash detector's prefetch hints of a cash record: the first
 * of the engine's cash detectors with a prefetch hook gives them all
 * (CEN__HINT_ALL), and the others' hooks return at once (CEN__HINT_OTHER):
 * one call does for a record what three did (the labels, owners and
 * vertex lines read once). Past CEN__CASH_HINTS of them, or without a
 * hook, a detector gives its own (CEN__HINT_SELF). */
enum { CEN__HINT_SELF, CEN__HINT_ALL, CEN__HINT_OTHER };
#define CEN__CASH_HINTS 8

/* What an engine's cash detectors share (det_ctr.c). Each resolves both
 * accounts of a transaction it takes; those of the edge last resolved are
 * kept here, so the next detector taking the same edge reads them instead
 * of resolving again (owner: resolved with both owners fetched, what a
 * detector that reads owners needs; one that does not gets the same then).
 * The direction of the edge last asked about is kept the same way. The
 * hints of a cash record (labels, owners, each detector's own) are given
 * by one detector for all (CEN__HINT_ALL), not by every one. */
typedef struct cen__cash_shared {
	unsigned users;                  /* cash detectors holding it */
	const char **labels;             /* by cash_ref - 1: the account's name
					    (cen__cash_env.labels) */
	size_t cap_labels;
	cen__keys keys;                  /* persons' keys and ZIPs (owner_of) */
	cen__cash_det *hinted[CEN__CASH_HINTS]; /* the detectors whose cash hints
					    hinted[0] gives, in the order
					    they joined */
	unsigned nhinted;
	bool hint_owners;                /* one of them reads owners */
	uint64_t seq;                    /* edge seq + 1 of o and b; 0: none */
	bool owner;
	cen__cash_acct o, b;
	uint64_t dir_seq;                /* edge seq + 1 of dir; 0: none */
	unsigned dir;
} cen__cash_shared;

int cen__cash_engine_init(cen__det *d, const cen__cash_ops *ops, const cen_rules *r, char *err,
			  size_t errlen);
int cen__cash_engine_edge(cen__det *d, const cen__edge_ctx *x);
/* on_txn for edge x without asking wants (the caller did): resolves both
 * accounts first. */
int cen__cash_engine_run(cen__det *d, const cen__edge_ctx *x);
/* The vrefs wants is given for edge x (CEN__VREF_NEW: not numbered yet);
 * inline, so that a detector's own on_edge can inline its wants too. */
static inline void cen__cash_wants_vrefs(const cen__edge_ctx *x, uint32_t *orig, uint32_t *bene)
{
	uint32_t o = x->vs->cash_ref, b = x->vd->cash_ref;
	*orig = o ? o : CEN__VREF_NEW;
	*bene = b ? b : CEN__VREF_NEW;
}
/* cen__cash_dir of edge x's record, worked out by the first cash detector
 * that asks and read by the others. */
static inline unsigned cen__cash_edge_dir(const cen__det *d, const cen__edge_ctx *x)
{
	cen__cash_shared *s = d->eng->cash;
	if (s->dir_seq != x->seq + 1) {
		s->dir = cen__cash_dir(x->t);
		s->dir_seq = x->seq + 1;
	}
	return s->dir;
}
int cen__cash_engine_advance(cen__det *d, int64_t clock);
int cen__cash_engine_flush(cen__det *d);
void cen__cash_engine_prefetch(cen__det *d, const cen_txn *t, uint32_t src, uint32_t dst,
			       int pass);
void cen__cash_engine_release(cen__det *d);

/* ---- cash direction, locations ---- */

/* Whether the 4 bytes at s equal lit's first 4, ignoring the case of the
 * letters (fold: 0x20 at each letter of lit, 0 elsewhere: setting bit 5
 * turns an upper-case letter into its lower case and nothing else into a
 * letter, so only a letter position may fold). */
static inline bool cen__word_ieq(const char *s, const char *lit, uint32_t fold)
{
	return ((uint32_t)cen__load32(s) | fold) == (uint32_t)cen__load32(lit);
}

/* Whether acct is a pseudo account (see above); inline, as every cash
 * detector asks it of both sides of each cash transaction. By length
 * first: a real account number (most of them) fails at once. The 3 to 7
 * byte names are two overlapping words, without a call. */
static inline bool cen__cash_pseudo(cen_slice a)
{
	const char *p = a.ptr;
	switch (a.len) {
	case 0:
		return true;
	case 1:
		return p[0] == '-';
	case 3: /* "atm": the word at p - 1 would read before it; bytes */
		return (p[0] | 0x20) == 'a' && (p[1] | 0x20) == 't' && (p[2] | 0x20) == 'm';
	case 4:
		return cen__word_ieq(p, "cash", 0x20202020u);
	case 6:
		return (cen__word_ieq(p, "walk", 0x20202020u) &&
			cen__word_ieq(p + 2, "lkin", 0x20202020u)) ||
		       (cen__word_ieq(p, "tell", 0x20202020u) &&
			cen__word_ieq(p + 2, "ller", 0x20202020u));
	case 7: /* "walk-in": no fold at the hyphen (byte 1 of "k-in") */
		return cen__word_ieq(p, "walk", 0x20202020u) &&
		       cen__word_ieq(p + 3, "k-in", (uint32_t)cen__load32("\x20\x00\x20\x20"));
	default:
		return false;
	}
}

/* The 5-digit ZIP of a location ("78040", "78040-1234", "780401234") into
 * out[6]; 0 if loc is not a ZIP (a branch id). */
int cen__zip5(const char *loc, size_t len, char out[6]);

/* The aggregation key of a side: "p:PARTY" when by_owner and the owner is
 * known, else "a:LABEL"; replaces b's contents. */
int cen__person_key(cen_buf *b, const cen__cash_acct *a, bool by_owner);
/* Reads aggregate_by ("owner" | "account") into *by_owner. */
int cen__rules_aggregate_by(const cen_rules *r, const char *table, bool *by_owner,
			    cen_diag *diag);

/* Gives the empty array *a (*cap 0) room for n elements of elem bytes at
 * once, zeroed by the system: an array that grows by doubling copies and
 * clears every size it passes, each a pass over cold memory, while pages
 * of this one are touched only where used. Does nothing when n is 0 or
 * *a has room already; the array still grows past n as needed. */
int cen__presize(void **a, size_t *cap, size_t n, size_t elem);

/* ---- per-account memo (cash_memo.c) ----
 * The id an account's label has in one of a detector's string tables,
 * kept by vref: after an account's first time, finding it is an array read
 * instead of hashing the label, and an account never added is known absent
 * without a lookup. Exact because every add of an account with a vref goes
 * through the memo and a caller gives either every account a vref or none;
 * without a vref the table is asked directly. */
typedef struct cen__acct_memo {
	uint32_t *id; /* by vref - 1: table id + 1 (or a value + 1); 0: none */
	size_t cap;
} cen__acct_memo;

/* The value remembered for vref (0: none, or vref 0) and setting it (val <
 * UINT32_MAX; the memo grows as needed). For what is known of an account
 * other than a table id: it must be a function of the account alone. */
static inline uint32_t cen__memo_get(const cen__acct_memo *m, uint32_t vref)
{
	return vref && vref <= m->cap ? m->id[vref - 1] : 0;
}
int cen__memo_set(cen__acct_memo *m, uint32_t vref, uint32_t val);
/* Room for vrefs up to n (cen__presize). */
int cen__memo_presize(cen__acct_memo *m, size_t n);
/* Prefetch hints: the memo entry of vref; the element an entry indexes
 * (entry - 1 in an array of n elements of size bytes at base). */
static inline void cen__memo_prefetch(const cen__acct_memo *m, uint32_t vref)
{
	if (vref && vref <= m->cap)
		cen__prefetch(&m->id[vref - 1]);
}
static inline void cen__memo_prefetch_at(const cen__acct_memo *m, uint32_t vref,
					 const void *base, size_t n, size_t size)
{
	uint32_t k = cen__memo_get(m, vref);
	if (k && k - 1 < n)
		cen__prefetch((const char *)base + (size_t)(k - 1) * size);
}

/* ---- texts numbered by the caller (cash_memo.c) ----
 * A detector indexes its per-person state by a->person - 1, and names an
 * account by a->vref - 1, when the caller numbered them, instead of
 * interning each person's key or account's label: no hashing on a
 * person's or account's first transaction. The texts (person_key, label)
 * are kept by index for the alerts. A caller numbers every one or none
 * (the first tells); the index spaces of the two ways must not mix in one
 * detector. */
typedef struct cen__numbered {
	const char **text; /* by number - 1 (borrowed: see cen__cash_acct) */
	size_t cap;
	int mode;          /* 0 not known yet, 1 numbered, 2 not numbered */
	/* The caller's texts, when it keeps them (cen__cash_env.labels,
	 * persons): read from there, text unused. */
	const char **const *kept;
} cen__numbered;

/* The texts are the caller's (kept: see cen__cash_env; NULL: n keeps
 * them); before the first index. */
static inline void cen__numbered_keep(cen__numbered *n, const char **const *kept)
{
	n->kept = kept;
}

/* number - 1, with its text kept, when the caller numbered it (number and
 * text given); -1 when it did not; CEN_EINVAL when this one differs from
 * the first in being numbered, CEN_ENOMEM. */
int64_t cen__numbered_index(cen__numbered *n, uint32_t number, const char *text);
static inline bool cen__numbered_on(const cen__numbered *n)
{
	return n->mode == 1;
}
/* The text of index i (numbered mode). */
static inline const char *cen__numbered_text(const cen__numbered *n, size_t i)
{
	return n->kept ? (*n->kept)[i] : n->text[i];
}
void cen__numbered_release(cen__numbered *n);
/* Room for numbers up to cap (cen__presize; none needed when kept). */
int cen__numbered_presize(cen__numbered *n, size_t cap);

/* ---- dense numbers (cash_memo.c) ----
 * A detector's own numbers 0, 1, 2, ... for the slots (person index *
 * ways + way) it uses, in the order it first meets them: its per-person
 * arrays then hold only what it uses. The caller's person numbers are
 * shared with ZIPs and with every detector, and most persons use one of
 * the CTR's two ways, so arrays indexed by the slot itself were mostly
 * gaps, and growing them copied the gaps. */
typedef struct cen__dense {
	uint32_t *local; /* by slot: its number + 1; 0: none yet */
	size_t cap;
	uint32_t *slot;  /* by number: its slot */
	size_t n, cap_slot;
} cen__dense;

/* The number of slot, a new one the first time; <0 on error. */
int64_t cen__dense_of(cen__dense *d, uint64_t slot);
/* The slot of number i (< d->n). */
static inline uint32_t cen__dense_slot(const cen__dense *d, size_t i)
{
	return d->slot[i];
}
void cen__dense_release(cen__dense *d);
/* Room for slots below slots and for n numbers (cen__presize). */
int cen__dense_presize(cen__dense *d, size_t slots, size_t n);

/* a's person index when by_owner (cen__numbered_index of a->person); -1
 * when !by_owner (the key is interned instead). */
static inline int64_t cen__persons_index(cen__numbered *p, const cen__cash_acct *a, bool by_owner)
{
	return by_owner ? cen__numbered_index(p, a->person, a->person_key) : -1;
}
/* a's label's id: vref - 1 when the caller numbered the accounts, else
 * its id in t (added when new). <0 on error. */
int64_t cen__acct_label(cen__numbered *n, cen__intern *t, const cen__cash_acct *a);

/* ---- a detector's own account ids (cash_memo.c) ----
 * Ids 0, 1, 2, ... for the accounts a detector keeps, in the order it
 * adds them, each with its label. An account the caller numbered (vref)
 * is found by a memo: no hashing or copying of its label, which is the
 * caller's (borrowed); one without a vref is found by its label, interned
 * in table. */
typedef struct cen__acct_ids {
	cen__acct_memo memo; /* by vref: id + 1 */
	cen__intern table;   /* labels of the accounts without a vref */
	uint32_t *by_table;  /* by table id: id + 1 */
	size_t cap_table;
	const char **label;  /* by id */
	size_t n, cap;
} cen__acct_ids;

void cen__acct_ids_init(cen__acct_ids *x);
/* Room for n accounts (cen__presize). */
int cen__acct_ids_presize(cen__acct_ids *x, size_t n);
void cen__acct_ids_release(cen__acct_ids *x);
/* a's id, or -1 when it was never added. */
int64_t cen__acct_ids_find(const cen__acct_ids *x, const cen__cash_acct *a);
/* a's id, a new one when a is new; <0 on error. */
int64_t cen__acct_ids_add(cen__acct_ids *x, const cen__cash_acct *a);
/* The label of id. */
static inline const char *cen__acct_ids_label(const cen__acct_ids *x, size_t id)
{
	return x->label[id];
}

/* The id of a's person in a detector's state, kept in m by vref: when the
 * caller numbered the persons (cen__persons_index), the dense number of
 * slot index * ways + way in dn; else the id in keys of a's person key
 * (cen__person_key, then suffix unless NULL), added when new; b is
 * scratch. <0 on error. */
int64_t cen__person_key_id(cen__acct_memo *m, cen__numbered *p, cen__dense *dn, cen__intern *keys,
			   cen_buf *b, const cen__cash_acct *a, bool by_owner, const char *suffix,
			   unsigned ways, unsigned way);
void cen__acct_memo_release(cen__acct_memo *m);

/* ---- business day ---- */

typedef struct cen__bday_cfg {
	int64_t shift;        /* seconds added before taking the UTC date:
				 utc offset + (24 - cutoff hour) % 24 hours */
	bool weekend_rolls;
	int64_t *holidays;    /* sorted day numbers (days since 1970-01-01) */
	size_t n_holidays;
} cen__bday_cfg;

/* Reads cutoff_hour, utc_offset_hours, weekend_rolls, holidays from table;
 * CEN_EINVAL with a diag message when out of range. Release with
 * cen__bday_release. */
int cen__bday_init(cen__bday_cfg *c, const cen_rules *r, const char *table, cen_diag *diag);
void cen__bday_release(cen__bday_cfg *c);
/* The business day (days since 1970-01-01) a transaction at ts counts for. */
int64_t cen__bday(const cen__bday_cfg *c, int64_t ts);

/* ---- transaction id pool ----
 * Ids of the transactions a detector still holds, NUL-terminated in one
 * buffer addressed by offset. Released ids are counted, not read (an id
 * released is most often old and out of cache); the owner compacts
 * (cen__idpool_compact_*) when more than half the ids are dead. */
typedef struct cen__idpool {
	cen_buf buf;
	size_t n;    /* ids in buf */
	size_t dead; /* of them released */
} cen__idpool;

void cen__idpool_init(cen__idpool *p);
void cen__idpool_release(cen__idpool *p);
/* Stores t's id; *off receives its offset. */
int cen__idpool_put(cen__idpool *p, const cen_txn *t, size_t *off);
static inline const char *cen__idpool_get(const cen__idpool *p, size_t off)
{
	return p->buf.data + off;
}
/* Releases one id (the caller no longer holds its offset). */
static inline void cen__idpool_drop(cen__idpool *p)
{
	p->dead++;
}
static inline bool cen__idpool_wants_compact(const cen__idpool *p)
{
	return p->dead > 8192 && p->dead * 2 > p->n;
}
/* Compaction: begin, move every live offset, end. */
int cen__idpool_compact_begin(cen__idpool *p, cen__idpool *fresh);
int cen__idpool_move(const cen__idpool *old, cen__idpool *fresh, size_t *off);
void cen__idpool_compact_end(cen__idpool *p, cen__idpool *fresh);

/* ---- block pool (cash_pool.c) ----
 * Blocks of 2^cls records of elem bytes for arrays that grow by doubling
 * (event queues, daily buckets): a block given back is the next one of its
 * class given out (else a larger one given back is split for it), and
 * releasing the pool frees everything at once, not block by block. Blocks of more than CEN__POOL_SMALL bytes are the
 * system's, returned when given back. */
#define CEN__POOL_CLASSES 48
#define CEN__POOL_SMALL ((size_t)16 * 1024)

typedef struct cen__pool_big cen__pool_big;

typedef struct cen__pool {
	size_t elem;                      /* record size, at least a pointer */
	void *free[CEN__POOL_CLASSES];    /* given-back small blocks by class */
	uint64_t avail;                   /* bit per class whose free list has one */
	cen__arena arena;                 /* where small blocks are carved */
	cen__pool_big *large;             /* large blocks held by owners */
} cen__pool;

void cen__pool_init(cen__pool *p, size_t elem);
/* Frees every block, given back or not; p stays usable, empty. A pool
 * zeroed (never initialised) may be released. */
void cen__pool_release(cen__pool *p);
/* A block of 2^cls records (contents undefined); NULL when out of memory. */
void *cen__pool_get(cen__pool *p, unsigned cls);
/* Gives back blk (NULL: nothing), got with class cls. */
void cen__pool_put(cen__pool *p, void *blk, unsigned cls);
/* A block of class cls + 1 holding the n records at from (inside blk or
 * not), blk (class cls) given back; NULL when out of memory (blk kept). */
void *cen__pool_grow(cen__pool *p, void *blk, unsigned cls, const void *from, size_t n);

/* The class of a block of cap records (a power of two). */
static inline unsigned cen__pool_cls(uint64_t cap)
{
	return (unsigned)__builtin_ctzll(cap);
}

/* ---- event queues (structuring, funnel) ----
 * Per-key queues of events in time order; eviction drops the front. The
 * events live in blocks of the owner's pool (elem sizeof(cen__ev)): 32
 * bytes, so the id pool's offset has 30 bits and the flags the other two
 * (an owner's id pool holds less than CEN__EV_ID_MAX bytes: compacted when
 * half dead, it holds about twice the ids of the events in its window). */
#define CEN__EV_ID_MAX ((size_t)1 << 30)

typedef struct cen__ev {
	int64_t ts, amount; /* amount in USD cents */
	uint32_t acct, loc, aux; /* interned ids (detector-defined); UINT32_MAX none */
	uint32_t id : 30;   /* idpool offset (cen__ev_put_id) */
	uint32_t alerted : 1; /* already part of an alert */
	uint32_t flag : 1;  /* detector-defined */
} cen__ev;

_Static_assert(sizeof(cen__ev) == 32, "an event is 32 bytes");

/* t's id into ids, its offset into e; CEN_ELIMIT when the pool holds
 * CEN__EV_ID_MAX bytes. */
int cen__ev_put_id(cen__ev *e, cen__idpool *ids, const cen_txn *t);

/* 32 bytes, the front event's time in it: eviction, which every event
 * pushed and every sweep asks for first, reads the block only when
 * something goes (most queues' blocks are cold). */
typedef struct cen__evq {
	cen__ev *ev;           /* a block of class cen__pool_cls(cap); NULL when cap 0 */
	int64_t first;         /* ev[head].ts while head < n */
	uint32_t head, n, cap; /* live events are ev[head..n) */
} cen__evq;

_Static_assert(sizeof(cen__evq) == 32, "a queue is 32 bytes");

/* Grows the array of queues so that index k exists (new ones empty). */
int cen__evqs_reserve(cen__evq **qs, size_t *nq, size_t *cap, size_t k);
/* Room for n queues from the start (cen__presize). */
int cen__evqs_presize(cen__evq **qs, size_t *cap, size_t n);
/* A new event at ts at the back (its other fields zero, to be filled by
 * the caller; CEN_ELIMIT past 2^30 events). */
int cen__evq_push(cen__evq *q, cen__pool *pool, int64_t ts, cen__ev **out);
/* Drops events with ts <= before from the front; releases their ids. */
void cen__evq_evict(cen__evq *q, int64_t before, cen__idpool *ids, cen__pool *pool);
/* Evicts every queue and compacts the id pool when most of it is dead. */
int cen__evqs_sweep(cen__evq *qs, size_t nq, int64_t before, cen__idpool *ids,
		    cen__pool *pool);

/* ---- alert building ---- */

typedef struct cen__alert_builder {
	const char *typology;
	const char **accounts; size_t n_accounts, cap_accounts;
	const char **txns; size_t n_txns, cap_txns;
	cen_buf explanation;
	cen_buf evidence;
	int64_t start, end;
} cen__alert_builder;

void cen__ab_init(cen__alert_builder *b, const char *typology);
void cen__ab_release(cen__alert_builder *b);
void cen__ab_reset(cen__alert_builder *b);
/* Adds an account label unless already there (borrowed: must live until
 * cen__ab_emit returns). */
int cen__ab_account(cen__alert_builder *b, const char *label);
/* Adds a transaction id (borrowed) and widens the time span. */
int cen__ab_txn(cen__alert_builder *b, const char *id, int64_t ts);
/* Emits through env with the given score; evidence must hold a JSON object. */
int cen__ab_emit(cen__alert_builder *b, const cen__cash_env *env, double score);

/* Sorts v[0..m) ascending and drops repeats in place; the count left. */
size_t cen__sort_unique_u32(uint32_t *v, size_t m);

/* "$9,500" or "$9,500.50" of USD cents. */
int cen__cash_money(cen_buf *b, int64_t cents);
/* Evidence amounts: cents as a JSON number of dollars ("9500.5"). */
int cen__json_dollars(cen_buf *b, int64_t cents);

/* Dollars from a rules value (rejects negative / non-finite) as cents. */
int cen__rules_dollars(const cen_rules *r, const char *table, const char *key,
		       double def, int64_t *cents, cen_diag *diag);

/* ---- daily aggregation (ctr, gto) ----
 * Events are summed per (key, business day). A bucket closes when the data's
 * business day moves past it (or at finish); its close callback decides
 * whether to alert. Only the open buckets are kept, in one array in the
 * order they opened (the order they close in), found by key through an
 * array of 4-byte indexes: a key's bucket lives a business day, so the
 * buckets in use are the few of the persons active that day, not one per
 * person ever seen. */
typedef struct cen__dev {
	int64_t ts;
	int64_t amount;   /* USD cents */
	size_t id;        /* idpool offset */
	uint32_t acct;    /* the account's id (the detector's: d->labels or numbered) */
	uint32_t loc;     /* interned location id, UINT32_MAX: none */
} cen__dev;

/* 64 bytes, one cache line: most persons have one cash transaction a day,
 * so a bucket holds its first event in place (cap 0) and allocates an
 * array only for a second. */
typedef struct cen__dbucket {
	int64_t day;      /* business day; INT64_MIN when empty */
	int64_t total;
	size_t n;
	uint32_t cap;     /* events ev has room for; 0: one, in `one` */
	uint32_t key;     /* the key whose bucket it is */
	union {
		cen__dev *ev; /* cap > 0: a block of the daily's pool */
		cen__dev one; /* cap == 0 */
	};
} cen__dbucket;

/* The bucket's events (n of them). */
static inline cen__dev *cen__dbucket_ev(cen__dbucket *b)
{
	return b->cap ? b->ev : &b->one;
}

typedef struct cen__daily cen__daily;
typedef int (*cen__daily_close_fn)(void *ctx, cen__daily *d, uint32_t key, cen__dbucket *b);
/* A key's bucket was closed and dropped: the key may be forgotten (a new
 * event of it opens a bucket again). */
typedef void (*cen__daily_drop_fn)(void *ctx, uint32_t key);

struct cen__daily {
	cen__bday_cfg bday;
	cen__intern keys;    /* bucket keys (detector-defined strings) */
	cen__intern labels;  /* account labels */
	cen__intern locs;    /* locations */
	cen__recent recent_locs;
	uint32_t *slot; size_t capslot; /* by key: its bucket's index + 1; 0: none open */
	cen__dbucket *buckets; size_t nb, capb; /* the open ones, in the order they opened */
	cen__pool evs;       /* the buckets' event arrays (elem sizeof(cen__dev)) */
	cen__idpool ids;
	int64_t clock_day;   /* latest business day seen */
	int64_t next_check;  /* the end of the calendar day (shifted) of the
				latest time seen: clock_day cannot move before */
	int64_t cal_start, cal_end, cal_bday; /* the shifted calendar day last
				asked about, [start, end), and its business day */
	cen__daily_close_fn close;
	cen__daily_drop_fn drop; /* NULL: none (set after cen__daily_init) */
	void *ctx;
};

int cen__daily_init(cen__daily *d, const cen_rules *r, const char *table, cen_diag *diag,
		    cen__daily_close_fn close, void *ctx);
void cen__daily_release(cen__daily *d);
/* Adds one event to bucket key (the detector's id of it, e.g. in d->keys)
 * for the business day of ts, closing older buckets first; label is the
 * detector's id of the account, kept as the event's acct. */
int cen__daily_add_ids(cen__daily *d, uint32_t key, uint32_t label, const cen_txn *t,
		       int64_t amount);
/* Room for keys below n from the start (cen__presize). */
int cen__daily_presize(cen__daily *d, size_t n);
/* The clock moved to ts: closes the buckets of business days before it. */
int cen__daily_advance(cen__daily *d, int64_t ts);
/* Closes every open bucket (end of input). */
int cen__daily_finish(cen__daily *d);
/* The first clock at which cen__daily_advance could close a bucket. */
int64_t cen__daily_next(const cen__daily *d);

#endif
