/* dynlib.h - a shared library loaded when first needed (internal-shared).
 *
 * libcurl (fetching lists), libxml2 (the UN list) and ICU (transliterating
 * non-Latin names) serve a few commands' rarer work, but a library linked
 * in is loaded, relocated and initialised by the dynamic loader at every
 * start, with everything it links in turn: about 30 ms of CPU per start
 * here (libcurl alone brings 30 libraries), and `monitor` starts twice
 * (cli/huge_pages.c). So those libraries are opened with dlopen the first
 * time a caller needs them, and their functions found by name into a
 * struct of typed pointers the caller declares:
 *
 *   static struct { __typeof__(curl_easy_init) *easy_init; ... } curl;
 *   static const cen__dynfn curl_fns[] = {
 *           {"curl_easy_init", offsetof(__typeof__(curl), easy_init)}, ...};
 *   static cen__dynlib curl_lib = {"libcurl.so.4", curl_fns, N, &curl};
 *   if (cen__dynlib_open(&curl_lib, &why)) ... (why: what is missing)
 *
 * What must hold: cen__dynlib_open is safe from any number of threads; it
 * tries once (the outcome, success or the reason of the failure, is kept
 * for good); on success every pointer named in fns is set, and none is
 * read before it returns 0; a library is never closed (its functions stay
 * valid until exit).
 */
#ifndef CEN_CORE_DYNLIB_H
#define CEN_CORE_DYNLIB_H

#include <stddef.h>

_Static_assert(sizeof(void *) == sizeof(void (*)(void)), "a function's address fits an object pointer (POSIX)");

/* A function of the library: its symbol, and where its pointer goes in
 * the caller's struct (offsetof). */
typedef struct cen__dynfn {
	const char *symbol;
	size_t offset;
} cen__dynfn;

typedef struct cen__dynlib {
	const char *soname;     /* e.g. "libcurl.so.4" */
	const cen__dynfn *fns;
	size_t nfns;
	void *ptrs;             /* the caller's struct of function pointers */
	int state;              /* 0 not tried, 1 open, -1 failed (atomic) */
	char why[256];          /* the failure, when state is -1 */
} cen__dynlib;

/* 0 once the library is open and every function found (now or before);
 * else CEN_EUNSUPPORTED, with *why (if why is not NULL) saying which
 * library or function is missing. */
int cen__dynlib_open(cen__dynlib *lib, const char **why);

/* A macro's value as a string: the symbol a renaming header gives a name
 * (ICU's utrans_openU is utrans_openU_72). */
#define CEN__DYN_STR(x) CEN__DYN_STR_(x)
#define CEN__DYN_STR_(x) #x

#endif
