/* json_write.c - writing JSON values into a cen_buf.
 *
 * What must hold: whatever bytes a caller passes, the output is valid JSON
 * and valid UTF-8 (invalid sequences become U+FFFD, control characters are
 * escaped), because analysts' tools and our own readers consume it.
 */
#include "centinela/io.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/utf8.h"
#include "core/banned.h"

int cen_json_str(cen_buf *b, const char *s, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	int rc = cen_buf_reserve(b, len + 2);
	if (rc)
		return rc;
	cen_buf_putc(b, '"');
	size_t i = 0;
	while (i < len) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
			size_t j = i + 1;
			while (j < len) {
				unsigned char d = (unsigned char)s[j];
				if (d < 0x20 || d >= 0x80 || d == '"' || d == '\\')
					break;
				j++;
			}
			if ((rc = cen_buf_append(b, s + i, j - i)))
				return rc;
			i = j;
			continue;
		}
		if (c < 0x80) {
			char esc[7];
			size_t n = 2;
			esc[0] = '\\';
			switch (c) {
			case '"': esc[1] = '"'; break;
			case '\\': esc[1] = '\\'; break;
			case '\n': esc[1] = 'n'; break;
			case '\r': esc[1] = 'r'; break;
			case '\t': esc[1] = 't'; break;
			case '\b': esc[1] = 'b'; break;
			case '\f': esc[1] = 'f'; break;
			default:
				esc[1] = 'u'; esc[2] = '0'; esc[3] = '0';
				esc[4] = hex[c >> 4]; esc[5] = hex[c & 15];
				n = 6;
			}
			if ((rc = cen_buf_append(b, esc, n)))
				return rc;
			i++;
			continue;
		}
		uint32_t cp;
		size_t n = cen__utf8_decode((const unsigned char *)s + i, len - i, &cp);
		if (n == 0) {
			if ((rc = cen_buf_append(b, "\xEF\xBF\xBD", 3)))
				return rc;
			i++;
		} else {
			if ((rc = cen_buf_append(b, s + i, n)))
				return rc;
			i += n;
		}
	}
	return cen_buf_putc(b, '"');
}

int cen_json_cstr(cen_buf *b, const char *s)
{
	if (!s)
		return cen_buf_puts(b, "null");
	return cen_json_str(b, s, strlen(s));
}

int cen_json_key(cen_buf *b, const char *key)
{
	int rc = cen_json_cstr(b, key);
	return rc ? rc : cen_buf_putc(b, ':');
}

int cen_json_double(cen_buf *b, double v)
{
	if (!isfinite(v))
		return cen_buf_puts(b, "null");
	char tmp[40];
	int n = snprintf(tmp, sizeof tmp, "%.6g", v);
	return cen_buf_append(b, tmp, (size_t)n);
}
