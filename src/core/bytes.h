/* bytes.h - short byte strings without library calls (internal-shared).
 *
 * Keys on the hot paths (account names, bank codes, currency and channel
 * words) are a few bytes to a few dozen: a memcmp or memcpy call costs more
 * than the work. These read and write at most two overlapping words per
 * side, and never outside [p, p + n).
 */
#ifndef CEN_CORE_BYTES_H
#define CEN_CORE_BYTES_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

static inline uint64_t cen__load64(const char *p)
{
	uint64_t v;
	memcpy(&v, p, 8);
	return v;
}

static inline uint64_t cen__load32(const char *p)
{
	uint32_t v;
	memcpy(&v, p, 4);
	return v;
}

/* a[0..n) == b[0..n). */
static inline int cen__bytes_eq(const char *a, const char *b, size_t n)
{
	while (n > 16) {
		if (cen__load64(a) != cen__load64(b))
			return 0;
		a += 8;
		b += 8;
		n -= 8;
	}
	if (n >= 8)
		return ((cen__load64(a) ^ cen__load64(b)) |
			(cen__load64(a + n - 8) ^ cen__load64(b + n - 8))) == 0;
	if (n >= 4)
		return ((cen__load32(a) ^ cen__load32(b)) |
			(cen__load32(a + n - 4) ^ cen__load32(b + n - 4))) == 0;
	for (size_t i = 0; i < n; i++)
		if (a[i] != b[i])
			return 0;
	return 1;
}

/* d[0..n) = s[0..n); d and s do not overlap. */
static inline void cen__bytes_copy(char *d, const char *s, size_t n)
{
	if (n > 16) {
		memcpy(d, s, n);
	} else if (n >= 8) {
		uint64_t a = cen__load64(s), b = cen__load64(s + n - 8);
		memcpy(d, &a, 8);
		memcpy(d + n - 8, &b, 8);
	} else if (n >= 4) {
		uint32_t a = (uint32_t)cen__load32(s), b = (uint32_t)cen__load32(s + n - 4);
		memcpy(d, &a, 4);
		memcpy(d + n - 4, &b, 4);
	} else if (n) { /* 1..3 bytes: first, middle, last */
		d[0] = s[0];
		d[n / 2] = s[n / 2];
		d[n - 1] = s[n - 1];
	}
}

/* Two words that, with n, identify s[0..n) exactly when n <= 16 (the two
 * overlapping reads of cen__bytes_eq), so a short key compares in two
 * integer tests and hashes without a loop. Reads only [s, s + n). */
typedef struct cen__short_key {
	uint64_t a, b;
} cen__short_key;

static inline cen__short_key cen__short_key_of(const char *s, size_t n)
{
	cen__short_key k = {0, 0};
	if (n >= 8) {
		k.a = cen__load64(s);
		k.b = cen__load64(s + n - 8);
	} else if (n >= 4) {
		k.a = cen__load32(s);
		k.b = cen__load32(s + n - 4);
	} else if (n) { /* 1..3 bytes: first, middle, last */
		k.a = (uint64_t)(unsigned char)s[0] << 16 | (uint64_t)(unsigned char)s[n / 2] << 8 |
		      (unsigned char)s[n - 1];
	}
	return k;
}

/* A hash of a short key and its length, top bits best mixed. */
static inline uint64_t cen__short_key_hash(cen__short_key k, size_t n)
{
	return (k.a * 0x9E3779B97F4A7C15ull ^ k.b * 0xC2B2AE3D27D4EB4Full ^ n) *
	       0x165667B19E3779F9ull;
}

#endif
