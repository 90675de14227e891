/* alloc.c - the one pair of allocation functions of the library.
 *
 * A test can arm cen_alloc_fail_after(n): the (n+1)th allocation after that
 * call returns NULL, so error paths can be exercised. The counter is atomic so
 * the hook is safe with several threads; when unarmed (-1) it costs one load.
 *
 * Large blocks (>= 4 MiB: the monitor's graph, interners and logs) are
 * advised to the kernel as transparent-huge-page candidates: their accesses
 * are random, and with 4 KiB pages nearly every one also misses the TLB
 * (measured: 20% of the monitor's time). The advice is best effort. They
 * start on a 2 MiB boundary (and so on a cache line).
 */
#include "centinela/core.h"

#include <stdatomic.h>
#include <stdint.h>
#include <malloc.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

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

#define HUGE_ADVICE_MIN ((size_t)4 << 20)
#define HUGE_PAGE ((uintptr_t)2 << 20)

/* Advises the 2 MiB-aligned interior of a large block; returns p. */
static void *advise_huge(void *p, size_t size)
{
#ifdef MADV_HUGEPAGE
	if (p && size >= HUGE_ADVICE_MIN) {
		uintptr_t a = ((uintptr_t)p + HUGE_PAGE - 1) & ~(HUGE_PAGE - 1);
		uintptr_t b = ((uintptr_t)p + size) & ~(HUGE_PAGE - 1);
		if (b > a)
			(void)madvise((void *)a, b - a, MADV_HUGEPAGE);
	}
#else
	(void)size;
#endif
	return p;
}

/* A large block starts on a huge-page boundary, so all of it can be backed
 * by huge pages and arrays of 64-byte records sit on cache lines. */
static void *large_malloc(size_t size)
{
	void *p = NULL;
	if (posix_memalign(&p, HUGE_PAGE, size))
		return NULL;
	return advise_huge(p, size);
}

void *cen_malloc(size_t size)
{
	if (should_fail())
		return NULL;
	if (size >= HUGE_ADVICE_MIN)
		return large_malloc(size);
	return malloc(size ? size : 1);
}

void *cen_calloc(size_t n, size_t size)
{
	if (should_fail())
		return NULL;
	void *p = calloc(n ? n : 1, size ? size : 1);
	return n && size <= SIZE_MAX / n ? advise_huge(p, n * size) : p;
}

void *cen_realloc(void *ptr, size_t size)
{
	if (should_fail())
		return NULL;
	if (size < HUGE_ADVICE_MIN)
		return realloc(ptr, size ? size : 1);
	/* A large block moves to fresh memory advised before it is touched
	 * (realloc would keep the old small pages): growth is by doubling, so
	 * the copy is amortised. */
	void *p = large_malloc(size);
	if (!p)
		return NULL;
	if (ptr) {
		size_t old = malloc_usable_size(ptr);
		memcpy(p, ptr, old < size ? old : size);
		free(ptr);
	}
	return p;
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
