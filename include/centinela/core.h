/* core.h - status codes, allocation and version of the Centinela library.
 *
 * Every function of the library that can fail returns an int: 0 on success,
 * a negative CEN_E* code on failure. A handle keeps the message of its last
 * error (see each module's *_errmsg()). Memory is allocated only through
 * cen_malloc()/cen_free() so tests can make the Nth allocation fail.
 */
#ifndef CENTINELA_CORE_H
#define CENTINELA_CORE_H

#include <stddef.h>
#include <stdint.h>

#define CEN_VERSION "0.1.0"

enum cen_status {
	CEN_OK = 0,
	CEN_ENOMEM = -1,    /* out of memory */
	CEN_EIO = -2,       /* file or stream error (errno kept in the message) */
	CEN_EPARSE = -3,    /* malformed input; the message names file, line, field */
	CEN_EINVAL = -4,    /* invalid argument or configuration */
	CEN_ENOTFOUND = -5, /* a named thing does not exist */
	CEN_ELIMIT = -6,    /* a size cap was exceeded (line, field, name, depth) */
	CEN_EENCODING = -7, /* invalid UTF-8 */
	CEN_EUNSUPPORTED = -8, /* format or feature not supported */
	CEN_ENET = -9,      /* network failure */
};

/* A static English description of a status code; never NULL. */
const char *cen_strerror(int status);

/* Allocation. All library memory goes through these; they never abort. */
void *cen_malloc(size_t size);
void *cen_calloc(size_t n, size_t size);
void *cen_realloc(void *ptr, size_t size);
void cen_free(void *ptr);
char *cen_strndup(const char *s, size_t n);
char *cen_strdup(const char *s);

/* Test hook: make the allocation after n more succeed fail (n < 0: never). */
void cen_alloc_fail_after(long n);

/* A borrowed view of bytes; not NUL-terminated in general. */
typedef struct cen_slice {
	const char *ptr;
	size_t len;
} cen_slice;

/* Diagnostics: parsers report every record they reject or doubt through a
 * callback, naming the file, the 1-based line (0 if none), the field (NULL if
 * none) and the reason. severity: 0 note, 1 warning (record kept), 2 error
 * (record rejected). ctx is the caller's. */
typedef void (*cen_diag_fn)(void *ctx, int severity, const char *file,
			    uint64_t line, const char *field, const char *msg);

typedef struct cen_diag {
	cen_diag_fn fn; /* may be NULL: diagnostics only counted */
	void *ctx;
	uint64_t warnings, errors; /* counted by cen_diag_report */
} cen_diag;

void cen_diag_report(cen_diag *d, int severity, const char *file, uint64_t line,
		     const char *field, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));

#endif
