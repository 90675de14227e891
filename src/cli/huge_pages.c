/* huge_pages.c - `centinela monitor` runs with glibc's malloc on
 * transparent huge pages.
 *
 * The engine's large blocks are advised as huge pages where they are
 * allocated (core/alloc.c). Its many small ones (per-person queues and
 * memos, daily buckets, ring free lists: hundreds of MB on the 5 M
 * benchmark) come from malloc, on 4 KiB pages, read at random, so nearly
 * every access there also misses the TLB. glibc puts its own heap on huge
 * pages under the glibc.malloc.hugetlb=1 tunable, which it reads from the
 * environment at start only; so the monitor, unless the environment
 * already chooses (GLIBC_TUNABLES names glibc.malloc.hugetlb: set it to 0
 * to opt out), sets it and executes itself again, once. Measured on the
 * 5 M benchmark: 0.909 of the CPU time (6 paired runs, every pair faster).
 * Under valgrind (its preload library in LD_PRELOAD) the command goes on as
 * it is: its tools would lose the new image.
 *
 * What must hold: the second image gets the same arguments, standard
 * streams and environment plus the tunable; results never change; if the
 * exec fails the command goes on in the first image.
 */
#include "huge_pages.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define TUNABLE "glibc.malloc.hugetlb"

void huge_pages_reexec(char **argv)
{
#if defined(__linux__) && defined(__GLIBC__)
	const char *t = getenv("GLIBC_TUNABLES");
	if (t && strstr(t, TUNABLE "="))
		return; /* chosen already: by the user, or by the exec below */
	const char *pre = getenv("LD_PRELOAD");
	if (pre && strstr(pre, "vgpreload"))
		return;
	char v[4096];
	int n = t && *t ? snprintf(v, sizeof v, "%s:" TUNABLE "=1", t)
			: snprintf(v, sizeof v, TUNABLE "=1");
	if (n < 0 || (size_t)n >= sizeof v || setenv("GLIBC_TUNABLES", v, 1))
		return;
	/* The binary's own path, not /proc/self/exe: the process's name
	 * (ps, top, perf) is the executed file's, and would read "exe". */
	char self[4096];
	ssize_t len = readlink("/proc/self/exe", self, sizeof self - 1);
	if (len <= 0 || (size_t)len >= sizeof self - 1)
		return;
	self[len] = '\0';
	execv(self, argv);
	/* still here: the exec failed (the file moved or was deleted); the
	 * variable stays, so no retry */
#else
	(void)argv;
#endif
}
