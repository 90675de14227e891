/* alloc.c - the one pair of allocation functions of the library.
 *
 * A test can arm cen_alloc_fail_after(n): the (n+1)th allocation after that
 * call returns NULL, so error paths can be exercised. The counter is atomic so
 * the hook is safe with several threads; when unarmed (-1) it costs one load.
 */
#include "centinela/core.h"

#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

static _Atomic long fail_countdown = -1;

void cen_alloc_fail_after(long n)
{
	atomic_store(&fail_countdown, n);
}

static int should_fail(void)
{
	long v = atomic_load_explicit(&fail_countdown, memory_order_relaxed);
	if (v < 0)
		return 0;
	v = atomic_fetch_sub(&fail_countdown, 1);
	if (v == 0) {
		atomic_store(&fail_countdown, -1);
		return 1;
	}
	return 0;
}

void *cen_malloc(size_t size)
{
	if (should_fail())
		return NULL;
	return malloc(size ? size : 1);
}

void *cen_calloc(size_t n, size_t size)
{
	if (should_fail())
		return NULL;
	return calloc(n ? n : 1, size ? size : 1);
}

void *cen_realloc(void *ptr, size_t size)
{
	if (should_fail())
		return NULL;
	return realloc(ptr, size ? size : 1);
}

void cen_free(void *ptr)
{
	free(ptr);
}

char *cen_strndup(const char *s, size_t n)
{
	char *d = cen_malloc(n + 1);
	if (!d)
		return NULL;
	memcpy(d, s, n);
	d[n] = '\0';
	return d;
}

char *cen_strdup(const char *s)
{
	return cen_strndup(s, strlen(s));
}
