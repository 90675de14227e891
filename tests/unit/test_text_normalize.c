/* test_text_normalize.c - cen_normalize: ASCII, Latin accents, other scripts,
 * punctuation, quotes, caps and invalid UTF-8; decimal digits of every
 * script take ICU's values. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include <unicode/uchar.h>
#include <unicode/ustring.h>
#include <unicode/utrans.h>

#include "centinela/text.h"
#include "text/internal.h"

#include <utf8proc.h>

static cen_normalizer *norm;
static cen_buf out;

static int setup(void **state)
{
	(void)state;
	cen_buf_init(&out, 0);
	return cen_normalizer_new(&norm);
}

static int teardown(void **state)
{
	(void)state;
	cen_buf_release(&out);
	cen_normalizer_free(norm);
	return 0;
}

static void check(const char *in, const char *want)
{
	int rc = cen_normalize(norm, in, strlen(in), &out);
	if (rc != 0)
		fail_msg("normalize(%s) = %d (%s)", in, rc, cen_normalizer_errmsg(norm));
	if (strcmp(cen_buf_str(&out), want) != 0)
		fail_msg("normalize(%s) = [%s], want [%s]", in, cen_buf_str(&out), want);
	assert_int_equal(out.len, strlen(want));
}

static void test_ascii(void **state)
{
	(void)state;
	assert_true(cen__script_words_sorted());
	check("GUZMAN LOERA, Joaquin", "guzman loera joaquin");
	check("  Joaquin   Guzman  ", "joaquin guzman");
	check("O'Neil", "oneil");
	check("D`Angelo", "dangelo");
	check("'EL MENCHO'", "el mencho");
	check("Ismael \"El Mayo\" Zambada", "ismael el mayo zambada");
	check("Garcia-Lopez/Perez;X", "garcia lopez perez x");
	check("S.A. de C.V.", "s a de c v");
	check("Boeing 737-800", "boeing 737 800");
	check("---", "");
	check("", "");
	check("\t\r\n", "");
}

static void test_latin_accents(void **state)
{
	(void)state;
	check("Joaqu\xc3\xadn Guzm\xc3\xa1n Loera", "joaquin guzman loera");
	check("N\xc3\x9a\xc3\x91\x45Z", "nunez");                 /* ÚÑ */
	check("Fran\xc3\xa7ois M\xc3\xbcller", "francois muller");
	check("Stra\xc3\x9f\x65", "strasse");                    /* ß */
	check("\xc3\x86r\xc3\xb8", "aero");                       /* Ærø */
	check("\xc5\x81\xc3\xb3\x64\xc5\xba", "lodz");            /* Łódź */
	check("\xc4\x90or\xc4\x91\x65", "dorde");                 /* Đorđe */
	check("\xc3\x9e\xc3\xb3r", "thor");                       /* Þór */
	check("\xc5\x92uvre", "oeuvre");                          /* Œ */
	check("\xc4\xb0stanbul", "istanbul");                     /* İ */
	check("O\xe2\x80\x99" "Brien", "obrien");                    /* ’ */
	check("O\xc2\xb4" "Brien", "obrien");                        /* ´ */
	check("Jos\xc3\xa9\xc2\xa0P\xc3\xa9rez", "jose perez");   /* NBSP */
	check("Garc\xc3\xad" "a\xe2\x80\x93L\xc3\xb3pez", "garcia lopez"); /* en dash */
	check("\xef\xac\x81nance", "finance");                    /* ﬁ ligature */
	check("\xef\xbc\xa6\xef\xbd\x95\xef\xbd\x8c\xef\xbd\x8c", "full"); /* fullwidth */
	check("co\xc2\xad\x6f\x70", "coop");                      /* soft hyphen */
	check("\xe2\x80\x9c\x45l Chapo\xe2\x80\x9d", "el chapo");  /* “ ” */
}

static void test_other_scripts(void **state)
{
	(void)state;
	check("\xd0\x92\xd0\xbb\xd0\xb0\xd0\xb4\xd0\xb8\xd0\xbc\xd0\xb8\xd1\x80 "
	      "\xd0\x9f\xd1\x83\xd1\x82\xd0\xb8\xd0\xbd", "vladimir putin");
	check("\xd0\x98\xd0\xb2\xd0\xb0\xd0\xbd \xd0\x98\xd0\xb2\xd0\xb0\xd0\xbd\xd0\xbe\xd0\xb2",
	      "ivan ivanov");
	check("\xce\x9d\xce\xb9\xce\xba\xcf\x8c\xce\xbb\xce\xb1\xce\xbf\xcf\x82", "nikolaos");
	/* Chinese: pinyin without tones, one word per syllable */
	check("\xe7\x8e\x8b\xe4\xbc\x9f", "wang wei");
	check("\xe4\xb9\xa0\xe8\xbf\x91\xe5\xb9\xb3", "xi jin ping");
	/* common Arabic, Hebrew and Korean name words are spelled as lists
	 * spell them; unknown Arabic words stay consonantal (no short vowels) */
	check("\xd9\x85\xd8\xad\xd9\x85\xd8\xaf", "muhammad");
	check("\xd9\x85\xd9\x8f\xd8\xad\xd9\x8e\xd9\x85\xd9\x91\xd9\x8e\xd8\xaf",
	      "muhammad"); /* with harakat */
	check("\xd8\xb9\xd8\xa8\xd8\xaf\xd8\xa7\xd9\x84\xd8\xb1\xd8\xad\xd9\x85\xd9\x86",
	      "abd al rahman");
	check("\xd8\xa3\xd8\xa8\xd9\x88 \xd8\xa8\xd9\x83\xd8\xb1 "
	      "\xd8\xa7\xd9\x84\xd8\xa8\xd8\xba\xd8\xaf\xd8\xa7\xd8\xaf\xd9\x8a",
	      "abu bakr al baghdadi");
	check("\xd9\x83\xd8\xaa\xd8\xa8", "ktb");
	/* letter by letter: long vowels written, ta marbuta, -iya */
	check("\xd8\xa7\xd9\x84\xd8\xae\xd9\x8a\xd8\xa7\xd8\xb7", "al khyat");
	check("\xd9\x85\xd8\xb7\xd9\x85\xd8\xa6\xd9\x86", "mtmn"); /* hamza seat */
	check("\xd8\xb9\xd8\xab\xd9\x85\xd8\xa7\xd9\x86\xd9\x8a\xd8\xa9", "athmaniya");
	check("\xd7\x91\xd7\xa0\xd7\x99\xd7\x9e\xd7\x99\xd7\x9f "
	      "\xd7\xa0\xd7\xaa\xd7\xa0\xd7\x99\xd7\x94\xd7\x95", "binyamin netanyahu");
	check("\xea\xb9\x80\xec\xa0\x95\xec\x9d\x80", "kim jeong eun");
	/* Cyrillic by BGN/PCGN, Greek by ELOT 743 */
	check("\xd0\xa8\xd0\xb5\xd0\xb2\xd1\x87\xd0\xb5\xd0\xbd\xd0\xba\xd0\xbe "
	      "\xd0\x96\xd1\x83\xd0\xba\xd0\xbe\xd0\xb2", "shevchenko zhukov");
	check("\xd0\xae\xd0\xbb\xd0\xb8\xd1\x8f", "yuliya");
	check("\xce\x93\xce\xb5\xcf\x8e\xcf\x81\xce\xb3\xce\xb9\xce\xbf\xcf\x82", "georgios");
	/* mixed scripts in one name */
	check("Ivan \xd0\x9f\xd0\xb5\xd1\x82\xd1\x80\xd0\xbe\xd0\xb2 Jr.", "ivan petrov jr");
	/* Arabic-Indic digits become ASCII digits */
	check("\xd9\xa1\xd9\xa2\xd9\xa3", "123");
}

/* Cyrillic is romanised without ICU (script_words.c); for Russian it must
 * agree with ICU's Russian-Latin/BGN, normalised. */
static void test_cyrillic_matches_icu(void **state)
{
	(void)state;
	static const char *ru[] = {
		"\xd0\xa5\xd1\x80\xd1\x83\xd1\x89\xd1\x91\xd0\xb2",             /* Хрущёв */
		"\xd0\x95\xd0\xb2\xd0\xb3\xd0\xb5\xd0\xbd\xd0\xb8\xd0\xb9 "
		"\xd0\xa6\xd0\xbe\xd0\xb9 \xd0\x95\xd0\xbb\xd1\x8c\xd1\x86\xd0\xb8\xd0\xbd", /* Евгений Цой Ельцин */
		"\xd0\x9f\xd0\xbe\xd0\xb4\xd1\x8a\xd1\x8f\xd1\x87\xd0\xb5\xd0\xb2", /* Подъячев */
		"\xd0\x90\xd0\xbb\xd0\xb5\xd0\xba\xd1\x81\xd0\xb5\xd0\xb9 "
		"\xd0\x9d\xd0\xb0\xd0\xb2\xd0\xb0\xd0\xbb\xd1\x8c\xd0\xbd\xd1\x8b\xd0\xb9", /* Алексей Навальный */
		"\xd0\xa9\xd0\xb5\xd1\x80\xd0\xb1\xd0\xb0\xd0\xba\xd0\xbe\xd0\xb2\xd0\xb0 "
		"\xd0\x9c\xd0\xb0\xd1\x80\xd0\xb8\xd1\x8f \xd0\xae\xd1\x80\xd1\x8c\xd0\xb5\xd0\xb2\xd0\xbd\xd0\xb0", /* Щербакова Мария Юрьевна */
		"\xd0\x9e\xd0\x9e\xd0\x9e \xc2\xab\xd0\x93\xd0\xb0\xd0\xb7\xd0\xbf\xd1\x80\xd0\xbe\xd0\xbc\xc2\xbb", /* ООО «Газпром» */
		"\xd0\xad\xd0\xb4\xd1\x83\xd0\xb0\xd1\x80\xd0\xb4 \xd0\xab\xd1\x81\xd0\xb0\xd0\xb5\xd0\xb2", /* Эдуард Ысаев */
	};
	UChar id[64];
	u_uastrcpy(id, "Russian-Latin/BGN; Any-Latin");
	UErrorCode st = U_ZERO_ERROR;
	UTransliterator *t = utrans_openU(id, -1, UTRANS_FORWARD, NULL, 0, NULL, &st);
	assert_false(U_FAILURE(st));
	cen_buf icu;
	cen_buf_init(&icu, 0);
	for (size_t i = 0; i < sizeof ru / sizeof ru[0]; i++) {
		UChar u[512];
		char b[1024];
		int32_t ul = 0, lim, bl = 0;
		st = U_ZERO_ERROR;
		u_strFromUTF8(u, 512, &ul, ru[i], -1, &st);
		lim = ul;
		utrans_transUChars(t, u, &ul, 512, 0, &lim, &st);
		u_strToUTF8(b, sizeof b, &bl, u, ul, &st);
		assert_false(U_FAILURE(st));
		assert_int_equal(cen_normalize(norm, b, (size_t)bl, &icu), 0);
		check(ru[i], cen_buf_str(&icu));
	}
	cen_buf_release(&icu);
	utrans_close(t);
	/* where we differ from ICU on purpose: "ts" is one sound here, ICU's
	 * "t·s" would split the word; Ukrainian ye/yi as on passports; Serbian */
	check("\xd0\xa1\xd0\xbe\xd0\xb2\xd0\xb5\xd1\x82\xd1\x81\xd0\xba\xd0\xb0\xd1\x8f",
	      "sovetskaya");
	check("\xd0\xa3\xd0\xba\xd1\x80\xd0\xb0\xd1\x97\xd0\xbd\xd0\xb0", "ukraina");
	check("\xd0\x84\xd0\xb2\xd0\xb3\xd0\xb5\xd0\xbd", "yevgen");
	check("\xd0\x82\xd0\xbe\xd0\xba\xd0\xbe\xd0\xb2\xd0\xb8\xd1\x9b", "djokovic");
}

static void expect_bad(const char *in, size_t len)
{
	cen_buf_reset(&out);
	assert_int_equal(cen_normalize(norm, in, len, &out), CEN_EENCODING);
	assert_string_equal(cen_buf_str(&out), "");
	assert_true(strlen(cen_normalizer_errmsg(norm)) > 0);
}

static void test_invalid_utf8(void **state)
{
	(void)state;
	expect_bad("Jos\xe9", 4);                    /* Latin-1, not UTF-8 */
	expect_bad("a\x80z", 3);                     /* lone continuation */
	expect_bad("\xc0\xaf", 2);                   /* overlong */
	expect_bad("\xed\xa0\x80", 3);               /* surrogate */
	expect_bad("\xf4\x90\x80\x80", 4);           /* above U+10FFFF */
	expect_bad("Guzm\xc3", 5);                   /* truncated */
	expect_bad("\xd0\x92\xd0", 3);               /* truncated Cyrillic */
	/* the normaliser is still usable after an error */
	check("Guzm\xc3\xa1n", "guzman");
}

static void test_limits(void **state)
{
	(void)state;
	static char big[CEN_NAME_MAX + 2];
	memset(big, 'a', sizeof big);
	assert_int_equal(cen_normalize(norm, big, CEN_NAME_MAX + 1, &out), CEN_ELIMIT);
	assert_int_equal(cen_normalize(norm, big, CEN_NAME_MAX, &out), 0);
	assert_int_equal(out.len, CEN_NAME_MAX);
	/* a capped output buffer is respected */
	cen_buf small;
	cen_buf_init(&small, 4);
	assert_int_equal(cen_normalize(norm, "abcdefgh", 8, &small), CEN_ELIMIT);
	assert_int_equal(cen_normalize(norm, "ab", 2, &small), 0);
	assert_string_equal(cen_buf_str(&small), "ab");
	assert_int_equal(cen_normalize(norm, "J\xc3\xa9r\xc3\xb4me", 9, &small), CEN_ELIMIT);
	cen_buf_release(&small);
	/* the longest Han input expands several times and still works */
	static char han[CEN_NAME_MAX];
	size_t n = 0;
	while (n + 3 <= sizeof han) {
		memcpy(han + n, "\xe8\x8e\x8a", 3); /* 莊 zhuang */
		n += 3;
	}
	assert_int_equal(cen_normalize(norm, han, n, &out), 0);
	assert_int_equal(out.len, (n / 3) * 7 - 1);
}

static void test_alloc_failure(void **state)
{
	(void)state;
	cen_normalizer *n2 = NULL;
	cen_alloc_fail_after(0);
	assert_int_equal(cen_normalizer_new(&n2), CEN_ENOMEM);
	assert_null(n2);
	assert_int_equal(cen_normalizer_new(&n2), 0);
	cen_buf b;
	cen_buf_init(&b, 0);
	for (long k = 0; k < 8; k++) {
		cen_alloc_fail_after(k);
		int rc = cen_normalize(n2, "\xd0\x9f\xd1\x83\xd1\x82\xd0\xb8\xd0\xbd", 10, &b);
		assert_true(rc == 0 || rc == CEN_ENOMEM);
		if (rc == 0)
			assert_string_equal(cen_buf_str(&b), "putin");
	}
	cen_alloc_fail_after(-1);
	cen_buf_release(&b);
	cen_normalizer_free(n2);
	cen_normalizer_free(NULL);
}

/* Every decimal digit utf8proc knows (category Nd) has the value ICU gives
 * it, from its place in its run of ten; and digits of other scripts come
 * out as ASCII digits in a name. */
static void test_digit_values_match_icu(void **state)
{
	(void)state;
	size_t digits = 0;
	for (int32_t cp = 0; cp <= 0x10FFFF; cp++) {
		if (utf8proc_category(cp) != UTF8PROC_CATEGORY_ND)
			continue;
		digits++;
		int32_t want = u_charDigitValue(cp);
		if (cen__digit_value(cp) != want)
			fail_msg("U+%04X: digit %d, ICU says %d", (unsigned)cp, cen__digit_value(cp),
				 (int)want);
	}
	assert_true(digits > 600); /* Unicode 15 has 680 */
	check("Agent \xd9\xa0\xd9\xa7", "agent 07");          /* Arabic-Indic 0 7 */
	check("Unit \xe0\xa5\xa9\xf0\x9d\x9f\x97", "unit 39"); /* Devanagari 3, math 9 */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ascii),
		cmocka_unit_test(test_latin_accents),
		cmocka_unit_test(test_other_scripts),
		cmocka_unit_test(test_cyrillic_matches_icu),
		cmocka_unit_test(test_invalid_utf8),
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_digit_values_match_icu),
		cmocka_unit_test(test_alloc_failure),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
