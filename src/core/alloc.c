/* alloc.c - the one pair of allocation functions of the library.
 *
 * A test can arm cen_alloc_fail_after(n): the (n+1)th allocation after that
 * call returns NULL, so error paths can be exercised. The counter is atomic so
 * the hook is safe with several threads; when unarmed (-1) it costs one load.
 *
 * Large blocks (>= 1.75 MiB: the monitor's graph, interners, logs, the
 * accounts table) get a mapping of their own, on a 2 MiB boundary (its
 * length: map_length), advised to the kernel as transparent huge pages: their accesses are random, and with 4 KiB pages nearly every one
 * also misses the TLB (measured: 20% of the monitor's time), and each
 * 4 KiB page first touched costs a fault. Through malloc, a block of a
 * few MiB lay on 4 KiB pages (below glibc's mmap threshold, or past the
 * last 2 MiB boundary of its chunk). The mapping's pages come zeroed, so
 * cen_calloc does not clear them, and cen_realloc moves a large block's
 * pages to a larger mapping (mremap) instead of copying them. The live
 * large blocks are kept in a table (start -> length) that cen_free and
 * cen_realloc consult for pointers on a 2 MiB boundary, under a mutex.
 * Under AddressSanitizer large blocks come from malloc as before, so it
 * still checks them.
 *
 * What must hold: every block is freed the way it was made; a large
 * block's table entry exists exactly while it is live; cen_realloc keeps
 * min(old, new) bytes.
 */
#define _GNU_SOURCE /* mremap */
#include "centinela/core.h"

#include <malloc.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
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

#define HUGE_PAGE ((size_t)2 << 20)
/* Blocks from seven eighths of a huge page up: a smaller one would take a
 * huge page it uses less of (the 1 MiB buffers for evidence and a CSV
 * header, mostly never written, stay on malloc's 4 KiB pages). */
#define LARGE_MIN (HUGE_PAGE - HUGE_PAGE / 8)

#if defined(__SANITIZE_ADDRESS__)
#define LARGE_MAPPED 0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define LARGE_MAPPED 0
#endif
#endif
#if !defined(LARGE_MAPPED) && defined(__linux__) && defined(MADV_HUGEPAGE) && defined(MREMAP_FIXED)
#define LARGE_MAPPED 1
#endif
#ifndef LARGE_MAPPED
#define LARGE_MAPPED 0
#endif

static int is_large(size_t size)
{
	return LARGE_MAPPED && size >= LARGE_MIN && size <= SIZE_MAX - HUGE_PAGE;
}

/* A large block's mapping: to the next 2 MiB, so that all of it can be
 * on huge pages, unless it passes a 2 MiB boundary by less than half a
 * huge page: then that tail is on 4 KiB pages rather than take a huge
 * page of its own (a 4 MiB log chunk and its header; an array a little
 * past 2 MiB). */
static size_t map_length(size_t size)
{
	size_t tail = size & (HUGE_PAGE - 1);
	if (tail && tail < HUGE_PAGE / 2)
		return (size + 4095) & ~(size_t)4095;
	return (size + HUGE_PAGE - 1) & ~(HUGE_PAGE - 1);
}

/* The live large blocks, in no order: a few dozen in a monitor run, and
 * looked up only when a block on a 2 MiB boundary is freed or resized. */
typedef struct large_block {
	uintptr_t start;
	size_t len;
} large_block;

static pthread_mutex_t large_lock = PTHREAD_MUTEX_INITIALIZER;
static large_block *large_tab;
static size_t large_cap, large_n;

/* The index of start's entry, or large_n. Under the lock. */
static size_t large_find(uintptr_t start)
{
	size_t i = 0;
	while (i < large_n && large_tab[i].start != start)
		i++;
	return i;
}

/* Records a block; 0 or -1 (the table could not grow). */
static int large_add(void *p, size_t len)
{
	int rc = 0;
	pthread_mutex_lock(&large_lock);
	if (large_n == large_cap) {
		size_t ncap = large_cap ? large_cap * 2 : 64;
		large_block *nt = realloc(large_tab, ncap * sizeof *nt);
		if (nt) {
			large_tab = nt;
			large_cap = ncap;
		}
	}
	if (large_n < large_cap)
		large_tab[large_n++] = (large_block){(uintptr_t)p, len};
	else
		rc = -1;
	pthread_mutex_unlock(&large_lock);
	return rc;
}

/* The length of the large block at p; 0: p is not one. */
static size_t large_len(const void *p)
{
	if (!LARGE_MAPPED || !p || (uintptr_t)p % HUGE_PAGE)
		return 0;
	pthread_mutex_lock(&large_lock);
	size_t i = large_find((uintptr_t)p);
	size_t len = i < large_n ? large_tab[i].len : 0;
	pthread_mutex_unlock(&large_lock);
	return len;
}

/* The block at p (known) is now at np with nlen bytes, or gone (np NULL). */
static void large_set(const void *p, void *np, size_t nlen)
{
	pthread_mutex_lock(&large_lock);
	size_t i = large_find((uintptr_t)p);
	if (np)
		large_tab[i] = (large_block){(uintptr_t)np, nlen};
	else
		large_tab[i] = large_tab[--large_n];
	pthread_mutex_unlock(&large_lock);
}

/* len bytes of address space (whole pages) on a 2 MiB boundary,
 * reserved with no access; NULL if there is none. */
static char *reserve_aligned(size_t len)
{
	char *m = mmap(NULL, len + HUGE_PAGE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (m == MAP_FAILED)
		return NULL;
	char *a = (char *)(((uintptr_t)m + HUGE_PAGE - 1) & ~(uintptr_t)(HUGE_PAGE - 1));
	if (a > m)
		munmap(m, (size_t)(a - m));
	munmap(a + len, HUGE_PAGE - (size_t)(a - m)); /* never empty: a < m + HUGE_PAGE */
	return a;
}

/* A fresh large block, zeroed, of map_length(size) bytes. */
static void *large_map(size_t size)
{
	size_t len = map_length(size);
	char *a = reserve_aligned(len);
	if (!a)
		return NULL;
	if (mprotect(a, len, PROT_READ | PROT_WRITE) || large_add(a, len)) {
		munmap(a, len);
		return NULL;
	}
	(void)madvise(a, len, MADV_HUGEPAGE);
	return a;
}

/* The large block p of len bytes, at least size bytes now, or NULL (p
 * unchanged). Growing moves its pages to a new aligned mapping. */
static void *large_remap(void *p, size_t len, size_t size)
{
	size_t nlen = map_length(size);
	if (nlen == len)
		return p;
	if (nlen < len) {
		munmap((char *)p + nlen, len - nlen);
		large_set(p, p, nlen);
		return p;
	}
	char *a = reserve_aligned(nlen);
	if (!a)
		return NULL;
	void *q = mremap(p, len, nlen, MREMAP_MAYMOVE | MREMAP_FIXED, a);
	if (q == MAP_FAILED) {
		munmap(a, nlen);
		return NULL;
	}
	(void)madvise(q, nlen, MADV_HUGEPAGE);
	large_set(p, q, nlen);
	return q;
}

/* Without mappings of their own (under AddressSanitizer), blocks of 4 MiB
 * or more come from malloc on a 2 MiB boundary with their 2 MiB-aligned
 * interior advised, as before. */
#define ADVISE_MIN ((size_t)4 << 20)

static void *advise_huge(void *p, size_t size)
{
#ifdef MADV_HUGEPAGE
	if (p && size >= ADVISE_MIN) {
		uintptr_t a = ((uintptr_t)p + HUGE_PAGE - 1) & ~(uintptr_t)(HUGE_PAGE - 1);
		uintptr_t b = ((uintptr_t)p + size) & ~(uintptr_t)(HUGE_PAGE - 1);
		if (b > a)
			(void)madvise((void *)a, b - a, MADV_HUGEPAGE);
	}
#else
	(void)size;
#endif
	return p;
}

/* A block from malloc: of 4 MiB or more, on a 2 MiB boundary and advised. */
static void *heap_malloc(size_t size)
{
	void *p = NULL;
	if (size < ADVISE_MIN)
		return malloc(size ? size : 1);
	return posix_memalign(&p, HUGE_PAGE, size) ? NULL : advise_huge(p, size);
}

void *cen_malloc(size_t size)
{
	if (should_fail())
		return NULL;
	return is_large(size) ? large_map(size) : heap_malloc(size);
}

void *cen_calloc(size_t n, size_t size)
{
	if (should_fail())
		return NULL;
	if (n && size <= SIZE_MAX / n && is_large(n * size))
		return large_map(n * size); /* its pages come zeroed */
	void *p = calloc(n ? n : 1, size ? size : 1);
	return n && size <= SIZE_MAX / n ? advise_huge(p, n * size) : p;
}

void *cen_realloc(void *ptr, size_t size)
{
	if (should_fail())
		return NULL;
	size_t len = large_len(ptr);
	if (len && is_large(size))
		return large_remap(ptr, len, size);
	if (!len && !is_large(size) && size < ADVISE_MIN)
		return realloc(ptr, size ? size : 1);
	/* to or from a mapping of its own, or to fresh memory advised before
	 * it is touched (realloc would keep the old small pages; growth is by
	 * doubling, so the copy is amortised) */
	void *p = is_large(size) ? large_map(size) : heap_malloc(size);
	if (!p)
		return NULL;
	if (ptr) {
		size_t old = len ? len : malloc_usable_size(ptr);
		memcpy(p, ptr, old < size ? old : size);
		cen_free(ptr);
	}
	return p;
}

void cen_free(void *ptr)
{
	size_t len = large_len(ptr);
	if (!len) {
		free(ptr);
		return;
	}
	large_set(ptr, NULL, 0);
	munmap(ptr, len);
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
