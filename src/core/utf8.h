/* utf8.h - UTF-8 decoding and validation (internal-shared).
 *
 * Strict RFC 3629: no overlongs, no surrogates, nothing above U+10FFFF.
 */
#ifndef CEN_CORE_UTF8_H
#define CEN_CORE_UTF8_H

#include <stddef.h>
#include <stdint.h>

#include "core/bytes.h"

/* Decodes one code point at s (n bytes available). Returns its length in
 * bytes (1..4) or 0 if the bytes are not valid UTF-8. */
size_t cen__utf8_decode(const unsigned char *s, size_t n, uint32_t *cp);
/* Returns the offset of the first invalid byte, or len if all valid. */
size_t cen__utf8_validate(const char *s, size_t len);
/* 1 when s[0..len) has no byte >= 0x80 (so is valid UTF-8), else 0: a
 * word at a time, short strings in two overlapping reads, never outside
 * [s, s + len). */
static inline int cen__utf8_is_ascii(const char *s, size_t len)
{
	uint64_t m;
	if (len >= 8) {
		m = cen__load64(s + len - 8);
		for (size_t i = 0; i + 8 < len; i += 8)
			m |= cen__load64(s + i);
	} else if (len >= 4) {
		m = cen__load32(s) | cen__load32(s + len - 4);
	} else {
		m = len ? ((unsigned char)s[0] | (unsigned char)s[len / 2] |
			   (unsigned char)s[len - 1]) : 0;
	}
	return !(m & 0x8080808080808080ull);
}

/* The length of a UTF-8 byte order mark at p (n bytes available): 3, or 0
 * when there is none. */
static inline size_t cen__utf8_bom_len(const char *p, size_t n)
{
	return n >= 3 && (unsigned char)p[0] == 0xEF && (unsigned char)p[1] == 0xBB &&
	       (unsigned char)p[2] == 0xBF ? 3 : 0;
}

/* Encodes cp into out (4 bytes room); returns the length. */
size_t cen__utf8_encode(uint32_t cp, char *out);

#endif
