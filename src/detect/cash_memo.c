/* cash_memo.c - the cash detectors' per-account memo of table ids, their
 * memo of recent short strings, and the account identity test they share
 * (see cash_det.h).
 *
 * What must hold: for an account with a vref, memo entry vref - 1 is its
 * label's (or person key's) id + 1 in the table once added, 0 before;
 * entries are never changed once set (table ids are permanent). A recent
 * slot of a table holds the id the table gave its string. A detector's
 * persons (accounts) are all numbered by the caller or none are; the text
 * kept for a number is the caller's for it (or, kept by the caller, read
 * from its array, never copied). A dense number's slot maps
 * back to it (local[slot[i]] == i + 1).
 */
#include <string.h>

#include "core/grow.h"
#include "detect/cash_det.h"
#include "core/banned.h"

bool cen__cash_same_acct(const cen__cash_acct *a, const cen__cash_acct *b)
{
	if (a->vref && b->vref)
		return a->vref == b->vref;
	return strcmp(a->label, b->label) == 0;
}

int cen__presize(void **a, size_t *cap, size_t n, size_t elem)
{
	if (!n || *cap >= n)
		return 0;
	if (*a || *cap)
		return 0; /* grown already: it goes on doubling */
	void *p = cen_calloc(n, elem);
	if (!p)
		return CEN_ENOMEM;
	*a = p;
	*cap = n;
	return 0;
}

int cen__memo_presize(cen__acct_memo *m, size_t n)
{
	void *a = m->id;
	int rc = cen__presize(&a, &m->cap, n, sizeof *m->id);
	m->id = a;
	return rc;
}

int cen__numbered_presize(cen__numbered *n, size_t cap)
{
	if (n->kept)
		return 0;
	void *a = n->text;
	int rc = cen__presize(&a, &n->cap, cap, sizeof *n->text);
	n->text = a;
	return rc;
}

int cen__dense_presize(cen__dense *d, size_t slots, size_t n)
{
	void *a = d->local;
	int rc = cen__presize(&a, &d->cap, slots, sizeof *d->local);
	d->local = a;
	if (rc)
		return rc;
	a = d->slot;
	rc = cen__presize(&a, &d->cap_slot, n, sizeof *d->slot);
	d->slot = a;
	return rc;
}

int cen__acct_ids_presize(cen__acct_ids *x, size_t n)
{
	int rc = cen__memo_presize(&x->memo, n);
	void *l = x->label;
	if (!rc)
		rc = cen__presize(&l, &x->cap, n, sizeof *x->label);
	x->label = l;
	return rc;
}

int cen__memo_set(cen__acct_memo *m, uint32_t vref, uint32_t val)
{
	size_t k = (size_t)vref - 1;
	void *a = m->id;
	int rc = cen__grow_zeroed(&a, &m->cap, k, sizeof *m->id);
	m->id = a;
	if (!rc)
		m->id[k] = val;
	return rc;
}

/* id (or an error) just added to a table for a: kept for a's vref. */
static int64_t remember(cen__acct_memo *m, const cen__cash_acct *a, int64_t id)
{
	if (id < 0 || !a->vref)
		return id;
	if (id >= (int64_t)UINT32_MAX - 1)
		return CEN_ELIMIT;
	int rc = cen__memo_set(m, a->vref, (uint32_t)id + 1);
	return rc ? rc : id;
}

void cen__acct_ids_init(cen__acct_ids *x)
{
	memset(x, 0, sizeof *x);
	cen__intern_init(&x->table);
}

void cen__acct_ids_release(cen__acct_ids *x)
{
	cen__acct_memo_release(&x->memo);
	cen__intern_release(&x->table);
	cen_free(x->by_table);
	cen_free(x->label);
	x->by_table = NULL;
	x->label = NULL;
	x->cap_table = x->n = x->cap = 0;
}

int64_t cen__acct_ids_find(const cen__acct_ids *x, const cen__cash_acct *a)
{
	if (a->vref)
		return (int64_t)cen__memo_get(&x->memo, a->vref) - 1;
	int64_t t = cen__intern_get(&x->table, a->label, strlen(a->label));
	return t < 0 ? -1 : (int64_t)x->by_table[t] - 1;
}

/* The next id, for label; <0 on error. */
static int64_t next_id(cen__acct_ids *x, const char *label)
{
	if (x->n >= UINT32_MAX - 1)
		return CEN_ELIMIT;
	void *l = x->label;
	int rc = cen__grow_zeroed(&l, &x->cap, x->n, sizeof *x->label);
	x->label = l;
	if (rc)
		return rc;
	x->label[x->n] = label;
	return (int64_t)x->n++;
}

int64_t cen__acct_ids_add(cen__acct_ids *x, const cen__cash_acct *a)
{
	uint32_t known = cen__memo_get(&x->memo, a->vref);
	if (known)
		return (int64_t)known - 1;
	if (a->vref) {
		int64_t id = next_id(x, a->label);
		int rc = id < 0 ? 0 : cen__memo_set(&x->memo, a->vref, (uint32_t)id + 1);
		if (rc)
			x->n--; /* the id was not kept */
		return rc ? rc : id;
	}
	size_t before = x->table.count;
	int64_t t = cen__intern_put(&x->table, a->label, strlen(a->label));
	if (t < 0 || (size_t)t < before)
		return t < 0 ? t : (int64_t)x->by_table[t] - 1;
	/* New: numbered after the table's copy of the label, which stays. */
	void *b = x->by_table;
	int rc = cen__grow_zeroed(&b, &x->cap_table, (size_t)t, sizeof *x->by_table);
	x->by_table = b;
	int64_t id = rc ? rc : next_id(x, x->table.strs[t]);
	if (id >= 0)
		x->by_table[t] = (uint32_t)id + 1;
	return id;
}

int64_t cen__dense_of(cen__dense *d, uint64_t slot)
{
	if (slot >= UINT32_MAX)
		return CEN_ELIMIT;
	if (slot < d->cap && d->local[slot])
		return (int64_t)d->local[slot] - 1;
	if (d->n >= UINT32_MAX - 1)
		return CEN_ELIMIT;
	void *a = d->local;
	int rc = cen__grow_zeroed(&a, &d->cap, (size_t)slot, sizeof *d->local);
	d->local = a;
	if (!rc && d->n == d->cap_slot) {
		a = d->slot;
		rc = cen__grow_zeroed(&a, &d->cap_slot, d->n, sizeof *d->slot);
		d->slot = a;
	}
	if (rc)
		return rc;
	d->slot[d->n] = (uint32_t)slot;
	d->local[slot] = (uint32_t)++d->n;
	return (int64_t)d->n - 1;
}

void cen__dense_release(cen__dense *d)
{
	cen_free(d->local);
	cen_free(d->slot);
	memset(d, 0, sizeof *d);
}

int64_t cen__person_key_id(cen__acct_memo *m, cen__numbered *p, cen__dense *dn, cen__intern *keys,
			   cen_buf *b, const cen__cash_acct *a, bool by_owner, const char *suffix,
			   unsigned ways, unsigned way)
{
	uint32_t known = cen__memo_get(m, a->vref);
	if (known)
		return (int64_t)known - 1;
	int64_t i = cen__persons_index(p, a, by_owner);
	if (i >= 0)
		return remember(m, a, cen__dense_of(dn, (uint64_t)i * ways + way));
	if (i < -1)
		return i;
	int rc = cen__person_key(b, a, by_owner);
	if (!rc && suffix)
		rc = cen_buf_puts(b, suffix);
	if (rc)
		return rc;
	return remember(m, a, cen__intern_put(keys, b->data, b->len));
}

int64_t cen__numbered_index(cen__numbered *n, uint32_t number, const char *text)
{
	int mode = number && text ? 1 : 2;
	if (!n->mode)
		n->mode = mode;
	else if (n->mode != mode)
		return CEN_EINVAL; /* numbered and not: two index spaces */
	if (mode == 2)
		return -1;
	size_t i = (size_t)number - 1;
	if (n->kept)
		return (int64_t)i; /* the caller's text: nothing to keep */
	if (i >= n->cap) {
		void *t = n->text;
		int rc = cen__grow_zeroed(&t, &n->cap, i, sizeof *n->text);
		n->text = t;
		if (rc)
			return rc;
	}
	n->text[i] = text; /* a store, not a test: the caller's text for number */
	return (int64_t)i;
}

void cen__numbered_release(cen__numbered *n)
{
	cen_free(n->text);
	memset(n, 0, sizeof *n);
}

int64_t cen__acct_label(cen__numbered *n, cen__intern *t, const cen__cash_acct *a)
{
	int64_t i = cen__numbered_index(n, a->vref, a->label);
	return i != -1 ? i : cen__intern_put(t, a->label, strlen(a->label));
}

int64_t cen__recent_miss(cen__recent *r, cen__intern *t, const char *s, size_t len)
{
	int64_t id = cen__intern_put(t, s, len);
	if (len - 1 < 16 && id >= 0 && id < UINT32_MAX) {
		cen__short_key k;
		cen__recent_slot *m = cen__recent_at(r, s, len, &k);
		cen__recent_keep(m, k, len, (uint32_t)id);
	}
	return id;
}

void cen__acct_memo_release(cen__acct_memo *m)
{
	cen_free(m->id);
	m->id = NULL;
	m->cap = 0;
}
