/* test_core_dynlib.c - libraries opened at first use (core/dynlib.h): the
 * functions found are the library's own and callable; a library or a
 * function that is missing is said by name, the outcome is kept (no second
 * attempt changes it); threads opening one library at once all see every
 * pointer set; and the commands' own optional libraries (libcurl, libxml2)
 * are not linked in, so their loading waits for the work that needs them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "centinela/core.h"
#include "core/dynlib.h"

typedef struct {
	double (*cos_fn)(double);
	double (*sqrt_fn)(double);
} math_fns;

static const cen__dynfn math_table[] = {
	{"cos", offsetof(math_fns, cos_fn)},
	{"sqrt", offsetof(math_fns, sqrt_fn)},
};

static void test_found_and_called(void **state)
{
	(void)state;
	math_fns m = {NULL, NULL};
	cen__dynlib lib = {"libm.so.6", math_table, 2, &m, 0, ""};
	const char *why = "unchanged";
	assert_int_equal(cen__dynlib_open(&lib, &why), 0);
	assert_string_equal(why, "unchanged"); /* set only on failure */
	assert_non_null(m.cos_fn);
	volatile double x = 0.5; /* not folded at compile time */
	assert_true(m.cos_fn(x) == cos(x));
	assert_true(m.sqrt_fn(x * 8) == 2.0);
	/* open already: a second call is 0 at once */
	assert_int_equal(cen__dynlib_open(&lib, NULL), 0);
}

static void test_missing_library(void **state)
{
	(void)state;
	math_fns m = {NULL, NULL};
	cen__dynlib lib = {"libcentinela-no-such-lib.so.9", math_table, 2, &m, 0, ""};
	const char *why = NULL;
	assert_int_equal(cen__dynlib_open(&lib, &why), CEN_EUNSUPPORTED);
	assert_non_null(why);
	assert_non_null(strstr(why, "libcentinela-no-such-lib.so.9 is not installed"));
	assert_null(m.cos_fn);
	why = NULL;
	assert_int_equal(cen__dynlib_open(&lib, &why), CEN_EUNSUPPORTED); /* kept */
	assert_non_null(strstr(why, "not installed"));
}

static void test_missing_function(void **state)
{
	(void)state;
	static const cen__dynfn table[] = {
		{"cos", offsetof(math_fns, cos_fn)},
		{"cen_no_such_function", offsetof(math_fns, sqrt_fn)},
	};
	math_fns m = {NULL, NULL};
	cen__dynlib lib = {"libm.so.6", table, 2, &m, 0, ""};
	const char *why = NULL;
	assert_int_equal(cen__dynlib_open(&lib, &why), CEN_EUNSUPPORTED);
	assert_string_equal(why, "libm.so.6 has no function cen_no_such_function");
}

enum { THREADS = 8 };
static math_fns shared;
static cen__dynlib shared_lib = {"libm.so.6", math_table, 2, &shared, 0, ""};

static void *open_and_call(void *arg)
{
	double *out = arg;
	*out = cen__dynlib_open(&shared_lib, NULL) == 0 ? shared.sqrt_fn(16.0) : -1;
	return NULL;
}

static void test_threads_see_every_pointer(void **state)
{
	(void)state;
	pthread_t t[THREADS];
	double got[THREADS];
	for (int i = 0; i < THREADS; i++)
		assert_int_equal(pthread_create(&t[i], NULL, open_and_call, &got[i]), 0);
	for (int i = 0; i < THREADS; i++) {
		assert_int_equal(pthread_join(t[i], NULL), 0);
		assert_true(got[i] == 4.0);
	}
}

/* This test program links what the library links: libcurl and libxml2
 * must not be among the libraries loaded at its start. */
static void test_optional_libraries_not_loaded_at_start(void **state)
{
	(void)state;
	FILE *f = fopen("/proc/self/maps", "r");
	if (!f)
		skip();
	char line[4096];
	int seen_libc = 0;
	while (fgets(line, sizeof line, f)) {
		assert_null(strstr(line, "libcurl"));
		assert_null(strstr(line, "libxml2"));
		seen_libc |= strstr(line, "libc.so") != NULL;
	}
	fclose(f);
	assert_true(seen_libc); /* the maps were read */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_optional_libraries_not_loaded_at_start),
		cmocka_unit_test(test_found_and_called),
		cmocka_unit_test(test_missing_library),
		cmocka_unit_test(test_missing_function),
		cmocka_unit_test(test_threads_see_every_pointer),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
