/* dynlib.c - opening a library at its first use (dynlib.h).
 *
 * One mutex serialises the first attempts (they are rare: one per library
 * per run); after it, a call reads the state with one atomic load. The
 * pointers are written before the state says "open" (release), and read
 * after a caller saw it (acquire), so a thread that finds the library open
 * sees every pointer.
 */
#include "core/dynlib.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "centinela/core.h"
#include "core/banned.h"

static pthread_mutex_t opening = PTHREAD_MUTEX_INITIALIZER;

/* The first attempt: 1 when open, -1 with lib->why set. */
static int try_open(cen__dynlib *lib)
{
	void *h = dlopen(lib->soname, RTLD_NOW | RTLD_LOCAL);
	if (!h) {
		const char *e = dlerror();
		snprintf(lib->why, sizeof lib->why, "%s is not installed (%s)", lib->soname,
			 e ? e : "dlopen failed");
		return -1;
	}
	for (size_t i = 0; i < lib->nfns; i++) {
		(void)dlerror();
		void *f = dlsym(h, lib->fns[i].symbol);
		if (!f) {
			snprintf(lib->why, sizeof lib->why, "%s has no function %s", lib->soname,
				 lib->fns[i].symbol);
			dlclose(h);
			return -1;
		}
		/* POSIX: an object pointer from dlsym holds a function's address */
		memcpy((char *)lib->ptrs + lib->fns[i].offset, &f, sizeof f);
	}
	return 1;
}

int cen__dynlib_open(cen__dynlib *lib, const char **why)
{
	int s = __atomic_load_n(&lib->state, __ATOMIC_ACQUIRE);
	if (!s) {
		pthread_mutex_lock(&opening);
		s = __atomic_load_n(&lib->state, __ATOMIC_ACQUIRE);
		if (!s) {
			s = try_open(lib);
			__atomic_store_n(&lib->state, s, __ATOMIC_RELEASE);
		}
		pthread_mutex_unlock(&opening);
	}
	if (s > 0)
		return 0;
	if (why)
		*why = lib->why;
	return CEN_EUNSUPPORTED;
}
