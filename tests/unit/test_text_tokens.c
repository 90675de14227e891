/* test_text_tokens.c - cen_tokenize: splitting and the flags of particles,
 * honorifics, legal forms (single and multi-word), initials, numbers. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "centinela/text.h"
#include "text/internal.h"

enum { P = CEN_TOK_PARTICLE, L = CEN_TOK_LEGAL_FORM, H = CEN_TOK_HONORIFIC,
       I = CEN_TOK_INITIAL, N = CEN_TOK_NUMERIC };

/* want: flags per token, terminated by -1 */
static void check(const char *norm, const int *want)
{
	cen_token t[32];
	size_t n = 0;
	assert_int_equal(cen_tokenize(norm, strlen(norm), t, 32, &n), 0);
	size_t k = 0;
	while (want[k] >= 0)
		k++;
	if (n != k)
		fail_msg("%s: %zu tokens, want %zu", norm, n, k);
	for (size_t i = 0; i < n; i++)
		if (t[i].flags != (uint32_t)want[i])
			fail_msg("%s: token %zu (%.*s) flags %u, want %d", norm, i,
				 (int)t[i].len, norm + t[i].off, t[i].flags, want[i]);
}

static void test_split(void **state)
{
	(void)state;
	const char *s = "joaquin guzman loera";
	cen_token t[4];
	size_t n = 0;
	assert_int_equal(cen_tokenize(s, strlen(s), t, 4, &n), 0);
	assert_int_equal(n, 3);
	assert_int_equal(t[1].off, 8);
	assert_int_equal(t[1].len, 6);
	assert_int_equal(t[2].off, 15);
	assert_int_equal(t[2].len, 5);
	assert_int_equal(cen_tokenize(s, strlen(s), t, 2, &n), CEN_ELIMIT);
	assert_int_equal(n, 2);
	assert_int_equal(cen_tokenize("", 0, t, 4, &n), 0);
	assert_int_equal(n, 0);
	assert_int_equal(cen_tokenize("  a  ", 5, t, 4, &n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(t[0].off, 2);
	assert_true(cen__text_words_sorted());
}

static void test_person_flags(void **state)
{
	(void)state;
	check("jose de la cruz y perez", (int[]){0, P, P, 0, P | I, 0, -1});
	check("lic jose perez", (int[]){H, 0, 0, -1});
	check("sheikh mohammed bin rashid al maktoum", (int[]){H, 0, P, 0, P, 0, -1});
	check("dr juan m gomez jr", (int[]){H, 0, I, 0, H, -1});
	check("ludwig van beethoven 2", (int[]){0, P, 0, N, -1});
	/* one-letter legal forms need to end the name: these are initials */
	check("s a khan", (int[]){I, I, 0, -1});
	check("a c milan", (int[]){I, I, 0, -1});
}

static void test_legal_forms(void **state)
{
	(void)state;
	check("grupo bimbo s a b de c v",
	      (int[]){0, 0, L | I, L | I, L | I, L, L | I, L | I, -1});
	check("inmobiliaria x s a de c v",
	      (int[]){0, I, L | I, L | I, L, L | I, L | I, -1});
	check("construcciones s de r l de c v",
	      (int[]){0, L | I, L, L | I, L | I, L, L | I, L | I, -1});
	check("tiendas sa de cv", (int[]){0, L, L, L, -1});
	check("servicios sapi de cv", (int[]){0, L, L, L, -1});
	check("acme llc", (int[]){0, L, -1});
	check("acme co ltd", (int[]){0, L, L, -1});
	check("siemens ag", (int[]){0, L, -1});
	check("banco azteca s a", (int[]){0, 0, L | I, L | I, -1});
	check("acme l l c", (int[]){0, L | I, L | I, L | I, -1});
	/* a unit inside the name (followed by more words) still counts when it
	 * is not made of single letters only */
	check("x s a de c v sucursal", (int[]){I, L | I, L | I, L, L | I, L | I, 0, -1});
	check("garcia y cia", (int[]){0, L | I, L, -1});
	check("comercializadora sociedad anonima de capital variable",
	      (int[]){0, L, L, L, L, L, -1});
	check("bank of america n a", (int[]){0, 0, 0, L | I, L | I, -1});
	check("servicios s a p i", (int[]){0, L | I, L | I, L | I, L | I, -1});
	check("financiera s a de c v sofom enr",
	      (int[]){0, L | I, L | I, L, L | I, L | I, L, L, -1});
	check("pt bank central asia tbk", (int[]){L, 0, 0, 0, L, -1});
	check("juan perez dba tacos juan", (int[]){0, 0, P, 0, 0, -1});
	assert_int_equal(cen_token_word_flags("gmbh", 4), L);
	assert_int_equal(cen_token_word_flags("guzman", 6), 0);
	assert_int_equal(cen_token_word_flags("123", 3), N);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_split),
		cmocka_unit_test(test_person_flags),
		cmocka_unit_test(test_legal_forms),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
