/* rng.h - the generator's own PRNG: xoshiro256** seeded through splitmix64
 * (synth-internal).
 *
 * What must hold: the sequence depends only on the seed, never on the
 * platform's rand() or the clock, so synth output is reproducible. Each
 * independent stream (population, one per day, planting) is seeded from the
 * run seed and a stream number, so adding draws to one stream does not shift
 * the others.
 */
#ifndef CEN_SYNTH_RNG_H
#define CEN_SYNTH_RNG_H

#include <math.h>
#include <stdint.h>

typedef struct syn_rng {
	uint64_t s[4];
} syn_rng;

static inline uint64_t syn_splitmix64(uint64_t *x)
{
	uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static inline void syn_rng_seed(syn_rng *r, uint64_t seed, uint64_t stream)
{
	uint64_t x = seed ^ (stream * 0xd1b54a32d192ed03ULL);
	for (int i = 0; i < 4; i++)
		r->s[i] = syn_splitmix64(&x);
}

static inline uint64_t syn_rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

static inline uint64_t syn_next(syn_rng *r)
{
	uint64_t *s = r->s;
	const uint64_t result = syn_rotl(s[1] * 5, 7) * 9;
	const uint64_t t = s[1] << 17;
	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = syn_rotl(s[3], 45);
	return result;
}

/* Uniform in [0, 1). */
static inline double syn_unif(syn_rng *r)
{
	return (double)(syn_next(r) >> 11) * 0x1.0p-53;
}

/* Uniform integer in [0, n); 0 < n <= 2^32. Multiply-shift on the top 32
 * bits (bias below 2^-32 * n, irrelevant for synthetic data). */
static inline uint64_t syn_below(syn_rng *r, uint64_t n)
{
	return ((syn_next(r) >> 32) * n) >> 32;
}

/* Uniform integer in [lo, hi]. */
static inline int64_t syn_range(syn_rng *r, int64_t lo, int64_t hi)
{
	return lo + (int64_t)syn_below(r, (uint64_t)(hi - lo + 1));
}

static inline int syn_chance(syn_rng *r, double p)
{
	return syn_unif(r) < p;
}

/* Approximately standard normal (Irwin-Hall of four uniforms): cheap, and
 * bounded, which keeps amounts sane. */
static inline double syn_normal(syn_rng *r)
{
	return (syn_unif(r) + syn_unif(r) + syn_unif(r) + syn_unif(r) - 2.0) * 1.7320508075688772;
}

/* Log-normal amount in cents with the given median (dollars) and spread. */
static inline int64_t syn_lognormal_cents(syn_rng *r, double median, double sigma)
{
	double v = median * exp(sigma * syn_normal(r));
	int64_t c = (int64_t)(v * 100.0);
	return c < 100 ? 100 : c;
}

/* Poisson by inversion (lambda small, <= ~10). */
static inline int syn_poisson(syn_rng *r, double lambda)
{
	double l = exp(-lambda), p = 1.0;
	int k = 0;
	do {
		k++;
		p *= syn_unif(r);
	} while (p > l && k < 64);
	return k - 1;
}

#endif
