/* sha256.h - SHA-256 (FIPS 180-4) for list version hashes (internal-shared).
 *
 * Streaming: init, update any number of times, final. The context holds no
 * pointers, so it can be copied to hash a prefix. On x86-64 CPUs with the
 * SHA extensions (checked with cpuid at init) blocks are compressed with
 * them, about ten times faster; elsewhere portable C.
 */
#ifndef CEN_LISTS_SHA256_H
#define CEN_LISTS_SHA256_H

#include <stddef.h>
#include <stdint.h>

typedef struct cen__sha256 {
	uint32_t h[8];
	uint64_t nbytes;
	unsigned char block[64];
	size_t used; /* bytes in block, < 64 */
	int ni;      /* 1: use the x86 SHA instructions (checked at init) */
} cen__sha256;

void cen__sha256_init(cen__sha256 *c);
/* Makes c use the portable code even where SHA instructions exist (tests). */
void cen__sha256_portable(cen__sha256 *c);
void cen__sha256_update(cen__sha256 *c, const void *data, size_t len);
/* Writes 64 lower-case hex digits and a NUL into hex. */
void cen__sha256_final_hex(cen__sha256 *c, char hex[65]);

#endif
