/* test_detect_vstate.c - per-account detector state (src/detect/vstate.c):
 * queue bits and sparse cooldown times against a plain array model, over
 * random sets and clears that grow both far past their first size. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <cmocka.h>

#include "detect/detector.h"

#define NV 300000u

static uint64_t rnd(uint64_t *s)
{
	*s = *s * 6364136223846793005ULL + 1442695040888963407ULL;
	return *s >> 33;
}

/* Account ids drawn so that low ids repeat and growth goes in steps. */
static uint32_t draw(uint64_t *s, uint32_t top)
{
	return (uint32_t)(rnd(s) % (rnd(s) % 4 ? 2000 : top));
}

static void test_bits_match_model(void **state)
{
	(void)state;
	cen__vbits b = {0};
	unsigned char *model = calloc(NV, 1);
	assert_non_null(model);
	uint64_t s = 5;
	assert_int_equal(cen__vbits_has(&b, 0), 0);
	assert_int_equal(cen__vbits_has(&b, NV - 1), 0);
	cen__vbits_clear(&b, 77); /* nothing allocated yet: no effect */
	for (int i = 0; i < 200000; i++) {
		uint32_t top = 1000 + (uint32_t)i * (NV / 200000);
		uint32_t v = draw(&s, top);
		if (rnd(&s) % 3) {
			assert_int_equal(cen__vbits_set(&b, v), 0);
			model[v] = 1;
		} else {
			cen__vbits_clear(&b, v);
			model[v] = 0;
		}
		uint32_t probe = draw(&s, NV);
		assert_int_equal(cen__vbits_has(&b, probe), model[probe]);
	}
	for (uint32_t v = 0; v < NV; v++)
		assert_int_equal(cen__vbits_has(&b, v), model[v]);
	cen__vbits_release(&b);
	assert_int_equal(cen__vbits_has(&b, 1), 0);
	free(model);
}

static void test_times_match_model(void **state)
{
	(void)state;
	cen__vtimes vt = {0};
	int64_t *model = malloc(NV * sizeof *model);
	assert_non_null(model);
	for (uint32_t v = 0; v < NV; v++)
		model[v] = INT64_MIN;
	uint64_t s = 9;
	for (int i = 0; i < 200000; i++) {
		uint32_t top = 1000 + (uint32_t)i * (NV / 200000);
		uint32_t v = draw(&s, top);
		/* negative times, zero, and INT64_MIN (which unsets) */
		int64_t t = rnd(&s) % 5 == 0 ? INT64_MIN : (int64_t)rnd(&s) - (1LL << 30);
		assert_int_equal(cen__vtimes_set(&vt, v, t), 0);
		model[v] = t;
		uint32_t probe = draw(&s, NV);
		assert_true(cen__vtimes_get(&vt, probe) == model[probe]);
	}
	for (uint32_t v = 0; v < NV; v++)
		assert_true(cen__vtimes_get(&vt, v) == model[v]);
	cen__vtimes_release(&vt);
	assert_true(cen__vtimes_get(&vt, 5) == INT64_MIN);
	free(model);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bits_match_model),
		cmocka_unit_test(test_times_match_model),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
