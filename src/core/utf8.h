/* utf8.h - UTF-8 decoding and validation (internal-shared).
 *
 * Strict RFC 3629: no overlongs, no surrogates, nothing above U+10FFFF.
 */
#ifndef CEN_CORE_UTF8_H
#define CEN_CORE_UTF8_H

#include <stddef.h>
#include <stdint.h>

/* Decodes one code point at s (n bytes available). Returns its length in
 * bytes (1..4) or 0 if the bytes are not valid UTF-8. */
size_t cen__utf8_decode(const unsigned char *s, size_t n, uint32_t *cp);
/* Returns the offset of the first invalid byte, or len if all valid. */
size_t cen__utf8_validate(const char *s, size_t len);
/* Encodes cp into out (4 bytes room); returns the length. */
size_t cen__utf8_encode(uint32_t cp, char *out);

#endif
