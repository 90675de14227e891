/* grow.h - room in a zero-filled array that grows by doubling
 * (internal-shared).
 *
 * For tables indexed by a dense id that arrives in any order (per-account
 * memos, marks): an index past the end grows the array to the next power
 * of two times the first size that holds it, and the new part reads as 0.
 * What must hold: *cap is 0 or the array's element count.
 */
#ifndef CEN_CORE_GROW_H
#define CEN_CORE_GROW_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "centinela/core.h"

/* Makes index `need` valid in *a (elements of elem bytes, *cap of them);
 * CEN_ENOMEM leaves *a and *cap as they were. */
static inline int cen__grow_zeroed(void **a, size_t *cap, size_t need, size_t elem)
{
	if (need < *cap)
		return 0;
	size_t nc = *cap ? *cap : 1024;
	while (nc <= need)
		nc *= 2;
	if (nc > SIZE_MAX / elem)
		return CEN_ENOMEM;
	char *n = cen_realloc(*a, nc * elem);
	if (!n)
		return CEN_ENOMEM;
	memset(n + *cap * elem, 0, (nc - *cap) * elem);
	*a = n;
	*cap = nc;
	return 0;
}

#endif
