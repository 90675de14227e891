/* buf.c - growable byte buffer with a cap.
 *
 * Invariants: len < cap whenever data != NULL, data[len] == '\0'; if max != 0
 * then len <= max. A failed append leaves the buffer as it was.
 */
#include "centinela/io.h"

#include <stdio.h>
#include <string.h>

#include "core/banned.h"

void cen_buf_init(cen_buf *b, size_t max)
{
	b->data = NULL;
	b->len = 0;
	b->cap = 0;
	b->max = max;
}

void cen_buf_release(cen_buf *b)
{
	cen_free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}

void cen_buf_reset(cen_buf *b)
{
	b->len = 0;
	if (b->data)
		b->data[0] = '\0';
}

int cen_buf_reserve(cen_buf *b, size_t extra)
{
	if (b->max && b->len + extra > b->max)
		return CEN_ELIMIT;
	if (b->len + extra + 1 <= b->cap)
		return 0;
	size_t ncap = b->cap ? b->cap : 64;
	while (ncap < b->len + extra + 1) {
		if (ncap > SIZE_MAX / 2)
			return CEN_ENOMEM;
		ncap *= 2;
	}
	char *nd = cen_realloc(b->data, ncap);
	if (!nd)
		return CEN_ENOMEM;
	b->data = nd;
	b->cap = ncap;
	b->data[b->len] = '\0';
	return 0;
}

int cen_buf_append(cen_buf *b, const void *data, size_t len)
{
	int rc = cen_buf_reserve(b, len);
	if (rc)
		return rc;
	if (len)
		memcpy(b->data + b->len, data, len);
	b->len += len;
	b->data[b->len] = '\0';
	return 0;
}

int cen_buf_puts(cen_buf *b, const char *s)
{
	return cen_buf_append(b, s, strlen(s));
}

int cen_buf_putc(cen_buf *b, char c)
{
	if (b->len + 1 < b->cap && (!b->max || b->len + 1 <= b->max)) {
		b->data[b->len++] = c;
		b->data[b->len] = '\0';
		return 0;
	}
	return cen_buf_append(b, &c, 1);
}

int cen_buf_vprintf(cen_buf *b, const char *fmt, va_list ap)
{
	va_list ap2;
	va_copy(ap2, ap);
	char small[256];
	int n = vsnprintf(small, sizeof small, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		return CEN_EINVAL;
	if ((size_t)n < sizeof small)
		return cen_buf_append(b, small, (size_t)n);
	int rc = cen_buf_reserve(b, (size_t)n);
	if (rc)
		return rc;
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
	return 0;
}

int cen_buf_printf(cen_buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int rc = cen_buf_vprintf(b, fmt, ap);
	va_end(ap);
	return rc;
}

char *cen_buf_detach(cen_buf *b)
{
	char *s = b->data;
	if (!s)
		s = cen_strdup("");
	b->data = NULL;
	b->len = b->cap = 0;
	return s;
}

const char *cen_buf_str(const cen_buf *b)
{
	return b->data ? b->data : "";
}
