/* cash_memo.c - the cash detectors' per-account memo of table ids, and the
 * account identity test they share (see cash_det.h).
 *
 * What must hold: for an account with a vref, memo entry vref - 1 is its
 * label's id + 1 in the table once added, 0 before; entries are never
 * changed once set (table ids are permanent).
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

int64_t cen__acct_find(const cen__acct_memo *m, const cen__intern *t, const cen__cash_acct *a)
{
	if (!a->vref)
		return cen__intern_get(t, a->label, strlen(a->label));
	return (int64_t)cen__memo_get(m, a->vref) - 1;
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

int64_t cen__acct_add(cen__acct_memo *m, cen__intern *t, const cen__cash_acct *a)
{
	if (!a->vref)
		return cen__intern_put(t, a->label, strlen(a->label));
	uint32_t known = cen__memo_get(m, a->vref);
	if (known)
		return (int64_t)known - 1;
	int64_t id = cen__intern_put(t, a->label, strlen(a->label));
	if (id >= (int64_t)UINT32_MAX - 1)
		return CEN_ELIMIT;
	if (id >= 0) {
		int rc = cen__memo_set(m, a->vref, (uint32_t)id + 1);
		if (rc)
			return rc;
	}
	return id;
}

void cen__acct_memo_release(cen__acct_memo *m)
{
	cen_free(m->id);
	m->id = NULL;
	m->cap = 0;
}
