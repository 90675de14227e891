/* test_lists_basics.c - SHA-256 vectors, partial dates, country codes,
 * kind names, format detection. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <unistd.h>

#include "lists_test_util.h"
#include "lists/list_int.h"
#include "lists/sha256.h"

static void hex_of(const char *s, size_t n, char out[65])
{
	cen__sha256 c;
	cen__sha256_init(&c);
	/* Feed in uneven pieces to exercise the block buffer. */
	size_t i = 0, step = 1;
	while (i < n) {
		size_t k = n - i < step ? n - i : step;
		cen__sha256_update(&c, s + i, k);
		i += k;
		step = step * 3 + 1;
	}
	cen__sha256_final_hex(&c, out);
}

static void test_sha256_vectors(void **state)
{
	(void)state;
	char h[65];
	hex_of("", 0, h);
	assert_string_equal(h, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	hex_of("abc", 3, h);
	assert_string_equal(h, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	const char *m = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
	hex_of(m, strlen(m), h);
	assert_string_equal(h, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
	static char million[1000000];
	memset(million, 'a', sizeof million);
	hex_of(million, sizeof million, h);
	assert_string_equal(h, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

/* The SHA instruction path (where the CPU has it) and the portable path
 * agree on every length around the block size, fed whole or in pieces. */
static void test_sha256_paths_agree(void **state)
{
	(void)state;
	static unsigned char buf[300];
	uint32_t x = 12345;
	for (size_t i = 0; i < sizeof buf; i++) {
		x = x * 1103515245u + 12345u;
		buf[i] = (unsigned char)(x >> 16);
	}
	for (size_t len = 0; len <= sizeof buf; len++) {
		cen__sha256 a, b;
		char ha[65], hb[65];
		cen__sha256_init(&a);
		cen__sha256_init(&b);
		cen__sha256_portable(&b);
		cen__sha256_update(&a, buf, len / 3);
		cen__sha256_update(&a, buf + len / 3, len - len / 3);
		cen__sha256_update(&b, buf, len);
		cen__sha256_final_hex(&a, ha);
		cen__sha256_final_hex(&b, hb);
		assert_string_equal(ha, hb);
	}
}

static cen_date date(const char *s, int *ok)
{
	cen_date d;
	memset(&d, 0, sizeof d);
	*ok = cen__parse_date(s, strlen(s), &d) == 0;
	return d;
}

static void test_dates(void **state)
{
	(void)state;
	int ok;
	cen_date d = date("04 Apr 1957", &ok);
	assert_true(ok);
	assert_int_equal(d.year, 1957);
	assert_int_equal(d.month, 4);
	assert_int_equal(d.day, 4);
	d = date("Apr 1957", &ok);
	assert_true(ok && d.year == 1957 && d.month == 4 && d.day == 0);
	d = date("September 1961", &ok);
	assert_true(ok && d.month == 9);
	d = date("Nov. 1973 ", &ok);
	assert_true(ok && d.month == 11 && d.year == 1973);
	d = date("1957", &ok);
	assert_true(ok && d.year == 1957 && d.month == 0);
	d = date("1955 to 1957", &ok);
	assert_true(ok && d.year == 1955 && d.year_to == 1957 && !d.circa);
	d = date("01 Jan 1955 to 31 Dec 1957", &ok);
	assert_true(ok && d.year == 1955 && d.year_to == 1957 && d.month == 0);
	d = date("circa 1960", &ok);
	assert_true(ok && d.year == 1960 && d.circa);
	d = date("circa 1979-1982", &ok);
	assert_true(ok && d.year == 1979 && d.year_to == 1982 && d.circa);
	d = date("1954-12-25", &ok);
	assert_true(ok && d.year == 1954 && d.month == 12 && d.day == 25);
	d = date("1954-12", &ok);
	assert_true(ok && d.month == 12 && d.day == 0);
	date("31 Feb 1950", &ok);
	assert_false(ok);
	date("1950-13-01", &ok);
	assert_false(ok);
	date("Apr", &ok);
	assert_false(ok);
	date("95", &ok);
	assert_false(ok);
	date("1957 and more", &ok);
	assert_false(ok);
	date("1960 to 1950", &ok);
	assert_false(ok);
	date("", &ok);
	assert_false(ok);
}

static void test_countries(void **state)
{
	(void)state;
	assert_string_equal(cen_country_code("Mexico"), "MX");
	assert_string_equal(cen_country_code("MEXICO"), "MX");
	assert_string_equal(cen_country_code("mx"), "MX");
	assert_string_equal(cen_country_code("MEX"), "MX");
	assert_string_equal(cen_country_code("United States"), "US");
	assert_string_equal(cen_country_code("United States of America"), "US");
	assert_string_equal(cen_country_code("Korea, North"), "KP");
	assert_string_equal(cen_country_code("Democratic People's Republic of Korea"), "KP");
	assert_string_equal(cen_country_code("Burma"), "MM");
	assert_string_equal(cen_country_code("Iran (Islamic Republic of)"), "IR");
	assert_string_equal(cen_country_code("Congo, Democratic Republic of the"), "CD");
	assert_string_equal(cen_country_code("Palestinian"), "PS");
	assert_string_equal(cen_country_code("C\xc3\xb4te d\xe2\x80\x99Ivoire"), "CI");
	assert_string_equal(cen_country_code("T\xc3\xbcrkiye"), "TR");
	assert_string_equal(cen_country_code("Bosnia and Herzegovina"), "BA");
	assert_string_equal(cen_country_code(" Colombia "), "CO");
	assert_null(cen_country_code("Atlantis"));
	assert_null(cen_country_code("XX"));
	assert_null(cen_country_code(""));
	assert_null(cen_country_code(NULL));
	char longname[600];
	memset(longname, 'a', sizeof longname - 1);
	longname[sizeof longname - 1] = '\0';
	assert_null(cen_country_code(longname));
}

static void test_kind_names(void **state)
{
	(void)state;
	assert_string_equal(cen_entity_kind_name(CEN_KIND_PERSON), "person");
	assert_string_equal(cen_entity_kind_name(CEN_KIND_ORG), "organization");
	assert_string_equal(cen_entity_kind_name(CEN_KIND_VESSEL), "vessel");
	assert_string_equal(cen_entity_kind_name(CEN_KIND_AIRCRAFT), "aircraft");
	assert_string_equal(cen_entity_kind_name(CEN_KIND_UNKNOWN), "unknown");
	assert_string_equal(cen_list_format_name(CEN_LIST_UN_XML), "un");
}

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static void test_detect(void **state)
{
	(void)state;
	char dir[] = "/tmp/cen_lists_detectXXXXXX";
	assert_non_null(mkdtemp(dir));
	char p[256];
	snprintf(p, sizeof p, "%s/own.csv", dir);
	write_file(p, "id,kind,name\n1,person,X\n");
	assert_int_equal(cen_list_detect(p), CEN_LIST_OWN_CSV);
	unlink(p);
	snprintf(p, sizeof p, "%s/rows.csv", dir);
	write_file(p, "6861,\"GUZMAN LOERA, Joaquin\",\"individual\"\n");
	assert_int_equal(cen_list_detect(p), CEN_LIST_OFAC);
	unlink(p);
	snprintf(p, sizeof p, "%s/other.csv", dir);
	write_file(p, "name,foo\n");
	assert_int_equal(cen_list_detect(p), CEN_LIST_AUTO);
	unlink(p);
	snprintf(p, sizeof p, "%s/x.xml", dir);
	write_file(p, "<a/>");
	assert_int_equal(cen_list_detect(p), CEN_LIST_UN_XML);
	unlink(p);
	snprintf(p, sizeof p, "%s/x.jsonl", dir);
	write_file(p, "{}");
	assert_int_equal(cen_list_detect(p), CEN_LIST_FTM);
	unlink(p);
	assert_int_equal(cen_list_detect(dir), CEN_LIST_AUTO);
	snprintf(p, sizeof p, "%s/SDN.CSV", dir);
	write_file(p, "1,\"A\",-0- ,\"CUBA\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \n");
	assert_int_equal(cen_list_detect(dir), CEN_LIST_OFAC);
	cen_list *l;
	assert_int_equal(cen_list_new(&l), 0);
	assert_int_equal(cen_list_load(l, dir, CEN_LIST_AUTO, NULL), 0);
	assert_int_equal(cen_list_count(l), 1);
	cen_list_free(l);
	unlink(p);
	rmdir(dir);
	assert_int_equal(cen_list_detect("/nonexistent/x.xml"), CEN_LIST_AUTO);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sha256_vectors), cmocka_unit_test(test_sha256_paths_agree),
		cmocka_unit_test(test_dates),
		cmocka_unit_test(test_countries),      cmocka_unit_test(test_kind_names),
		cmocka_unit_test(test_detect),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
