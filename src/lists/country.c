/* country.c - country names and codes to ISO 3166-1 alpha-2; kind names.
 *
 * The table (country_table.inc) is generated from ICU's English display
 * names plus the spellings sanctions lists use ("Korea, North", "Burma",
 * "Iran (Islamic Republic of)", "Palestinian"). A name is looked up by a key:
 * lower-case ASCII letters and digits only, marks dropped for the Latin-1
 * letters lists use, "&" read as "and". Two- and three-letter inputs are
 * tried as codes first. Everything is static and read-only: thread-safe.
 */
#include "centinela/entity.h"

#include <stdlib.h>
#include <string.h>

#include "lists/list_int.h"

#include "core/banned.h"

struct country_name {
	const char *key;
	const char *code;
};
struct country_code {
	const char *a2;
	const char *a3;
};

#include "lists/country_table.inc"

#define N_NAMES (sizeof country_names / sizeof country_names[0])
#define N_CODES (sizeof country_codes / sizeof country_codes[0])
#define KEY_MAX 96

static int cmp_name(const void *k, const void *e)
{
	return strcmp(k, ((const struct country_name *)e)->key);
}

static int cmp_a2(const void *k, const void *e)
{
	return strcmp(k, ((const struct country_code *)e)->a2);
}

/* Base letter of a UTF-8 Latin-1 supplement letter (U+00C0..U+00FF), or 0. */
static char fold_latin1(unsigned cp)
{
	static const char map[] = "aaaaaaaceeeeiiiidnooooo/ouuuuyts"
				  "aaaaaaaceeeeiiiidnooooo/ouuuuyty";
	if (cp < 0xC0 || cp > 0xFF)
		return 0;
	char c = map[cp - 0xC0];
	return c == '/' ? 0 : c;
}

static size_t make_key(const char *s, char *key)
{
	size_t n = 0;
	const unsigned char *p = (const unsigned char *)s;
	while (*p && n + 4 < KEY_MAX) {
		unsigned c = *p;
		if (c >= 'A' && c <= 'Z') {
			key[n++] = (char)(c - 'A' + 'a');
		} else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
			key[n++] = (char)c;
		} else if (c == '&') {
			key[n++] = 'a';
			key[n++] = 'n';
			key[n++] = 'd';
		} else if ((c & 0xE0) == 0xC0 && (p[1] & 0xC0) == 0x80) {
			char b = fold_latin1(((c & 0x1F) << 6) | (p[1] & 0x3F));
			if (b)
				key[n++] = b;
			p++;
		}
		p++;
	}
	key[n] = '\0';
	return n;
}

const char *cen_country_code(const char *name)
{
	if (!name)
		return NULL;
	while (*name == ' ')
		name++;
	size_t len = strlen(name);
	while (len && name[len - 1] == ' ')
		len--;
	if (len == 2 || len == 3) {
		char up[4];
		for (size_t i = 0; i < len; i++) {
			char c = name[i];
			up[i] = (c >= 'a' && c <= 'z') ? (char)(c - 'a' + 'A') : c;
		}
		up[len] = '\0';
		if (len == 2) {
			const struct country_code *cc =
				bsearch(up, country_codes, N_CODES, sizeof *country_codes, cmp_a2);
			if (cc)
				return cc->a2;
		} else {
			for (size_t i = 0; i < N_CODES; i++)
				if (strcmp(country_codes[i].a3, up) == 0)
					return country_codes[i].a2;
		}
	}
	char key[KEY_MAX];
	if (len >= KEY_MAX * 2 || make_key(name, key) == 0)
		return NULL;
	const struct country_name *cn =
		bsearch(key, country_names, N_NAMES, sizeof *country_names, cmp_name);
	return cn ? cn->code : NULL;
}

const char *cen_entity_kind_name(cen_entity_kind k)
{
	switch (k) {
	case CEN_KIND_PERSON: return "person";
	case CEN_KIND_ORG: return "organization";
	case CEN_KIND_VESSEL: return "vessel";
	case CEN_KIND_AIRCRAFT: return "aircraft";
	case CEN_KIND_UNKNOWN: break;
	}
	return "unknown";
}

const char *cen__country_n(const char *s, size_t n)
{
	char buf[128];
	if (n == 0 || n >= sizeof buf)
		return NULL;
	memcpy(buf, s, n);
	buf[n] = '\0';
	return cen_country_code(buf);
}
