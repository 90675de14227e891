/* test_text_similarity.c - Jaro-Winkler, Levenshtein (checked against a plain
 * dynamic programme), Soundex, the phonetic key and nicknames. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "centinela/text.h"
#include "text/internal.h"
#include "reference/naive_text.h"

static double jw(const char *a, const char *b)
{
	return cen_jaro_winkler(a, strlen(a), b, strlen(b));
}

static void test_jaro_winkler(void **state)
{
	(void)state;
	/* reference values (Winkler 1990; jellyfish gives the same) */
	assert_float_equal(jw("martha", "marhta"), 0.961111, 1e-6);
	assert_float_equal(jw("dixon", "dicksonx"), 0.813333, 1e-6);
	assert_float_equal(jw("dwayne", "duane"), 0.84, 1e-6);
	assert_float_equal(jw("jellyfish", "smellyfish"), 0.896296, 1e-6);
	assert_float_equal(jw("guzman", "guzman loera"), 0.9, 1e-6);
	assert_float_equal(jw("joaquin guzman loera", "guzman loera joaquin"), 0.743137, 1e-6);
	assert_float_equal(cen_jaro("martha", 6, "marhta", 6), 0.944444, 1e-6);
	assert_float_equal(jw("abc", "xyz"), 0.0, 0);
	assert_float_equal(jw("guzman", "guzman"), 1.0, 0);
	assert_float_equal(jw("", ""), 1.0, 0);
	assert_float_equal(jw("a", ""), 0.0, 0);
	/* symmetric */
	assert_float_equal(jw("marhta", "martha"), jw("martha", "marhta"), 1e-12);
	assert_float_equal(jw("dicksonx", "dixon"), jw("dixon", "dicksonx"), 1e-12);
	/* long inputs are cut, not overrun */
	static char a[3000], b[3000];
	memset(a, 'x', sizeof a);
	memset(b, 'x', sizeof b);
	b[2999] = 'y';
	assert_float_equal(cen_jaro_winkler(a, sizeof a, b, sizeof b), 1.0, 0);
}

static void test_jaro_random(void **state)
{
	(void)state;
	srand(777);
	char a[200], b[200];
	for (int iter = 0; iter < 20000; iter++) {
		size_t m = (size_t)(rand() % (iter < 15000 ? 66 : 150));
		size_t n = (size_t)(rand() % (iter < 15000 ? 66 : 150));
		int alpha = 2 + rand() % 6;
		for (size_t i = 0; i < m; i++)
			a[i] = (char)('a' + rand() % alpha);
		for (size_t i = 0; i < n; i++)
			b[i] = (char)('a' + rand() % alpha);
		double want = naive_jaro(a, m, b, n), got = cen_jaro(a, m, b, n);
		if (got < want - 1e-12 || got > want + 1e-12)
			fail_msg("jaro(%.*s, %.*s) = %.15f, want %.15f", (int)m, a, (int)n, b, got,
				 want);
	}
}

static int lev(const char *a, const char *b, int max)
{
	return cen_levenshtein(a, strlen(a), b, strlen(b), max);
}

static void test_levenshtein(void **state)
{
	(void)state;
	assert_int_equal(lev("kitten", "sitting", -1), 3);
	assert_int_equal(lev("martha", "marhta", 5), 2);
	assert_int_equal(lev("dixon", "dicksonx", 10), 4);
	assert_int_equal(lev("dixon", "dicksonx", 3), 4);
	assert_int_equal(lev("dixon", "dicksonx", 1), 2);
	assert_int_equal(lev("", "abc", -1), 3);
	assert_int_equal(lev("abc", "", 1), 2);
	assert_int_equal(lev("", "", 0), 0);
	assert_int_equal(lev("guzman", "guzman", 0), 0);
	assert_int_equal(lev("guzman", "guzmann", 0), 1);
	/* random strings over a small alphabet, both code paths (<= 64 and
	 * longer), against the plain dynamic programme */
	srand(12345);
	char a[200], b[200];
	for (int iter = 0; iter < 3000; iter++) {
		size_t m = (size_t)(rand() % (iter < 1500 ? 20 : 150));
		size_t n = (size_t)(rand() % (iter < 1500 ? 20 : 150));
		for (size_t i = 0; i < m; i++)
			a[i] = (char)('a' + rand() % 4);
		for (size_t i = 0; i < n; i++)
			b[i] = (char)('a' + rand() % 4);
		if (iter % 3 == 0 && n >= m) /* near copies */
			for (size_t i = 0; i < m; i++)
				if (rand() % 8)
					b[i] = a[i];
		int want = naive_lev(a, m, b, n);
		int max = rand() % 3 == 0 ? -1 : rand() % 40;
		int got = cen_levenshtein(a, m, b, n, max);
		int expect = max < 0 || want <= max ? want : max + 1;
		if (got != expect)
			fail_msg("lev(%.*s, %.*s, %d) = %d, want %d", (int)m, a, (int)n, b,
				 max, got, expect);
	}
}

static void sx(const char *s, const char *want)
{
	char out[5];
	cen_soundex(s, strlen(s), out);
	if (strcmp(out, want) != 0)
		fail_msg("soundex(%s) = %s, want %s", s, out, want);
}

static void test_soundex(void **state)
{
	(void)state;
	sx("robert", "R163");
	sx("rupert", "R163");
	sx("Robert", "R163");
	sx("rubin", "R150");
	sx("ashcraft", "A261"); /* h does not separate s and c */
	sx("tymczak", "T522");
	sx("pfister", "P236");  /* first letter's code counts */
	sx("honeyman", "H555");
	sx("lee", "L000");
	sx("gutierrez", "G362");
	sx("jackson", "J250");
	sx("o neil", "O540");
	sx("", "");
	sx("123", "");
}

static void ph_same(const char *a, const char *b)
{
	uint32_t ka = cen_phonetic(a, strlen(a)), kb = cen_phonetic(b, strlen(b));
	if (ka != kb || ka == 0) {
		char ca[80], cb[80];
		cen_phonetic_code(a, strlen(a), ca, sizeof ca);
		cen_phonetic_code(b, strlen(b), cb, sizeof cb);
		fail_msg("phonetic(%s)=%s != phonetic(%s)=%s", a, ca, b, cb);
	}
}

static void ph_diff(const char *a, const char *b)
{
	if (cen_phonetic(a, strlen(a)) == cen_phonetic(b, strlen(b)))
		fail_msg("phonetic(%s) == phonetic(%s)", a, b);
}

static void test_phonetic(void **state)
{
	(void)state;
	ph_same("vazquez", "vasquez");
	ph_same("velazquez", "belasquez");
	ph_same("gonzalez", "gonsales");
	ph_same("cesar", "sesar");
	ph_same("zapata", "sapata");
	ph_same("castillo", "castiyo");
	ph_same("llamas", "yamas");
	ph_same("hernandez", "ernandez");
	ph_same("quintero", "kintero");
	ph_same("guerrero", "guerero");
	ph_same("xavier", "javier");
	ph_same("jimenez", "gimenez");
	ph_same("ximenez", "jimenez");
	ph_same("mexico", "mejico");
	ph_same("philip", "filip");
	ph_same("thomas", "tomas");
	ph_same("chavez", "chabes");
	ph_same("carrillo", "cariyo");
	ph_same("de la cruz", "delacruz");
	ph_same("mohammed", "mohamed");
	ph_same("huerta", "werta");
	ph_same("echeverria", "etcheverria");
	ph_same("phillip", "philip");
	ph_same("william", "wiliam");
	ph_same("russell", "russel");
	ph_same("schmidt", "schmitt");
	ph_same("smith", "smyth");
	ph_same("valdez", "baldes");
	ph_same("ibarra", "ybarra");
	ph_same("munoz", "munos");
	ph_same("cuellar", "cueyar");
	ph_same("oseguera", "oceguera");
	/* Cyrillic renderings (BGN/PCGN) of Spanish names */
	ph_same("khoakin", "joaquin");
	ph_same("khose", "jose");
	ph_same("garsiya", "garcia");
	ph_same("mariya", "maria");
	ph_diff("castiyo", "castio"); /* only a final -iya loses its y */
	ph_same("beltran leyva", "beltran leiva");
	ph_same("catherine", "katherine");
	ph_same("baghdadi", "bagdadi");
	ph_same("qasim", "kassim");
	ph_diff("guzman", "gonzalez");
	ph_diff("garcia", "gomez");
	ph_diff("perez", "lopez");
	ph_diff("martin", "martinez");
	assert_int_equal(cen_phonetic("", 0), 0);
	assert_int_equal(cen_phonetic("123 -", 5), 0);
	char code[16];
	assert_int_equal(cen_phonetic_code("gonzalez", 8, code, sizeof code), 5);
	assert_string_equal(code, "GNSLS");
	assert_int_equal(cen_phonetic_code("hernandez", 9, code, 3), 6);
	assert_string_equal(code, "AR");
}

static void test_nicknames(void **state)
{
	(void)state;
	assert_true(cen__text_nicks_sorted());
	static const char *pairs[][2] = {
		{"pepe", "jose"},        {"paco", "francisco"}, {"pancho", "francisco"},
		{"chuy", "jesus"},       {"lupe", "guadalupe"}, {"memo", "guillermo"},
		{"nacho", "ignacio"},    {"beto", "alberto"},   {"bill", "william"},
		{"bob", "robert"},       {"lalo", "eduardo"},   {"quique", "enrique"},
		{"chente", "vicente"},   {"peggy", "margaret"}, {"tono", "antonio"},
		{"ma", "maria"},         {"fco", "francisco"},  {"gpe", "guadalupe"},
		{"wm", "william"},
	};
	for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
		const char *full = NULL;
		assert_int_equal(cen_nickname_canonical(pairs[i][0], strlen(pairs[i][0]), &full), 1);
		assert_string_equal(full, pairs[i][1]);
	}
	const char *full = NULL;
	assert_int_equal(cen_nickname_canonical("jose", 4, &full), 0);
	assert_int_equal(cen_nickname_canonical("guzman", 6, &full), 0);
	assert_int_equal(cen_nickname_canonical("", 0, &full), 0);
	assert_int_equal(cen_nickname_canonical("pep", 3, &full), 0);
	assert_int_equal(cen_nickname_canonical("pepes", 5, &full), 0);
	const char *all[8];
	size_t k = cen_nickname_all("beto", 4, all, 8);
	assert_true(k >= 3);
	assert_string_equal(all[0], "alberto");
	assert_string_equal(all[1], "roberto");
	assert_int_equal(cen_nickname_all("beto", 4, all, 1), k);
	assert_int_equal(cen_nickname_all("zzz", 3, all, 8), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_jaro_winkler),
		cmocka_unit_test(test_jaro_random),
		cmocka_unit_test(test_levenshtein),
		cmocka_unit_test(test_soundex),
		cmocka_unit_test(test_phonetic),
		cmocka_unit_test(test_nicknames),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
