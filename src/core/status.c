/* status.c - descriptions of the library's status codes. */
#include "centinela/core.h"

const char *cen_strerror(int status)
{
	switch (status) {
	case CEN_OK: return "success";
	case CEN_ENOMEM: return "out of memory";
	case CEN_EIO: return "input/output error";
	case CEN_EPARSE: return "malformed input";
	case CEN_EINVAL: return "invalid argument";
	case CEN_ENOTFOUND: return "not found";
	case CEN_ELIMIT: return "size limit exceeded";
	case CEN_EENCODING: return "invalid UTF-8";
	case CEN_EUNSUPPORTED: return "unsupported format or feature";
	case CEN_ENET: return "network error";
	}
	return "unknown error";
}

#include <stdarg.h>
#include <stdio.h>

void cen_diag_report(cen_diag *d, int severity, const char *file, uint64_t line,
		     const char *field, const char *fmt, ...)
{
	if (!d)
		return;
	if (severity >= 2)
		d->errors++;
	else if (severity == 1)
		d->warnings++;
	if (!d->fn)
		return;
	char msg[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	d->fn(d->ctx, severity, file, line, field, msg);
}
