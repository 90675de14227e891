/* diff.c - comparing entity records and list versions.
 *
 * Entities of two lists are matched by id. Two records are equal iff every
 * field is equal (strings byte for byte, arrays element by element in
 * order); content_hash is the hash of exactly those fields, so equal records
 * have equal hashes and the hash is checked first as a fast path; per-field
 * comparison then names what changed. The diff never modifies either list.
 */
#include <string.h>

#include "lists/list_int.h"

#include "core/banned.h"

static const char *const field_names[CEN_FIELD_COUNT] = {
	"names", "kind", "dobs", "pobs", "nationalities", "countries", "ids",
	"addresses", "programs", "links", "gender", "title", "remarks",
};

const char *cen_entity_field_name(unsigned bit)
{
	for (unsigned i = 0; i < CEN_FIELD_COUNT; i++)
		if (bit == 1u << i)
			return field_names[i];
	return NULL;
}

static int str_eq(const char *a, const char *b)
{
	if (!a || !b)
		return a == b;
	return strcmp(a, b) == 0;
}

static int strs_eq(const char *const *a, size_t na, const char *const *b, size_t nb)
{
	if (na != nb)
		return 0;
	for (size_t i = 0; i < na; i++)
		if (!str_eq(a[i], b[i]))
			return 0;
	return 1;
}

static int names_eq(const cen_entity *a, const cen_entity *b)
{
	if (a->n_names != b->n_names)
		return 0;
	for (size_t i = 0; i < a->n_names; i++)
		if (a->names[i].type != b->names[i].type || !str_eq(a->names[i].text, b->names[i].text))
			return 0;
	return 1;
}

static int dobs_eq(const cen_entity *a, const cen_entity *b)
{
	if (a->n_dobs != b->n_dobs)
		return 0;
	for (size_t i = 0; i < a->n_dobs; i++) {
		const cen_date *x = &a->dobs[i], *y = &b->dobs[i];
		if (x->year != y->year || x->month != y->month || x->day != y->day ||
		    x->year_to != y->year_to || x->circa != y->circa)
			return 0;
	}
	return 1;
}

static int ids_eq(const cen_entity *a, const cen_entity *b)
{
	if (a->n_ids != b->n_ids)
		return 0;
	for (size_t i = 0; i < a->n_ids; i++) {
		const cen_identifier *x = &a->ids[i], *y = &b->ids[i];
		if (!str_eq(x->type, y->type) || !str_eq(x->number, y->number) ||
		    !str_eq(x->country, y->country) || !str_eq(x->label, y->label))
			return 0;
	}
	return 1;
}

unsigned cen_entity_diff_fields(const cen_entity *a, const cen_entity *b)
{
	unsigned f = 0;
	if (!names_eq(a, b))
		f |= CEN_FIELD_NAMES;
	if (a->kind != b->kind)
		f |= CEN_FIELD_KIND;
	if (!dobs_eq(a, b))
		f |= CEN_FIELD_DOBS;
	if (!strs_eq(a->pobs, a->n_pobs, b->pobs, b->n_pobs))
		f |= CEN_FIELD_POBS;
	if (!strs_eq(a->nationalities, a->n_nationalities, b->nationalities, b->n_nationalities))
		f |= CEN_FIELD_NATIONALITIES;
	if (!strs_eq(a->countries, a->n_countries, b->countries, b->n_countries))
		f |= CEN_FIELD_COUNTRIES;
	if (!ids_eq(a, b))
		f |= CEN_FIELD_IDS;
	if (!strs_eq(a->addresses, a->n_addresses, b->addresses, b->n_addresses))
		f |= CEN_FIELD_ADDRESSES;
	if (!strs_eq(a->programs, a->n_programs, b->programs, b->n_programs))
		f |= CEN_FIELD_PROGRAMS;
	if (!strs_eq(a->links, a->n_links, b->links, b->n_links))
		f |= CEN_FIELD_LINKS;
	if (!str_eq(a->gender, b->gender))
		f |= CEN_FIELD_GENDER;
	if (!str_eq(a->title, b->title))
		f |= CEN_FIELD_TITLE;
	if (!str_eq(a->remarks, b->remarks))
		f |= CEN_FIELD_REMARKS;
	return f;
}

/* Hashing: each value is fed with its length and a field tag so that moving
 * text between fields or array elements changes the hash. */
static uint64_t mix(uint64_t h, const void *p, size_t n)
{
	uint64_t len = n;
	h = cen__hash_bytes(&len, sizeof len, h);
	return cen__hash_bytes(p, n, h);
}

static uint64_t mix_str(uint64_t h, const char *s)
{
	if (!s)
		return cen__hash_u64(h ^ 0x9e3779b97f4a7c15ULL);
	return mix(h, s, strlen(s));
}

static uint64_t mix_strs(uint64_t h, unsigned tag, const char *const *a, size_t n)
{
	h = cen__hash_u64(h + tag + ((uint64_t)n << 8));
	for (size_t i = 0; i < n; i++)
		h = mix_str(h, a[i]);
	return h;
}

uint64_t cen__entity_hash(const cen_entity *e)
{
	uint64_t h = 0x243f6a8885a308d3ULL;
	h = cen__hash_u64(h + 1 + ((uint64_t)e->n_names << 8));
	for (size_t i = 0; i < e->n_names; i++) {
		h = cen__hash_u64(h + e->names[i].type);
		h = mix_str(h, e->names[i].text);
	}
	h = cen__hash_u64(h + 2 + ((uint64_t)e->kind << 8));
	h = cen__hash_u64(h + 3 + ((uint64_t)e->n_dobs << 8));
	for (size_t i = 0; i < e->n_dobs; i++) {
		const cen_date *d = &e->dobs[i];
		uint64_t v = (uint64_t)(uint16_t)d->year | (uint64_t)(uint8_t)d->month << 16 |
			     (uint64_t)(uint8_t)d->day << 24 | (uint64_t)(uint16_t)d->year_to << 32 |
			     (uint64_t)d->circa << 48;
		h = cen__hash_u64(h ^ v);
	}
	h = mix_strs(h, 4, e->pobs, e->n_pobs);
	h = mix_strs(h, 5, e->nationalities, e->n_nationalities);
	h = mix_strs(h, 6, e->countries, e->n_countries);
	h = cen__hash_u64(h + 7 + ((uint64_t)e->n_ids << 8));
	for (size_t i = 0; i < e->n_ids; i++) {
		h = mix_str(h, e->ids[i].type);
		h = mix_str(h, e->ids[i].number);
		h = mix_str(h, e->ids[i].country);
		h = mix_str(h, e->ids[i].label);
	}
	h = mix_strs(h, 8, e->addresses, e->n_addresses);
	h = mix_strs(h, 9, e->programs, e->n_programs);
	h = mix_strs(h, 10, e->links, e->n_links);
	h = mix_str(cen__hash_u64(h + 11), e->gender);
	h = mix_str(cen__hash_u64(h + 12), e->title);
	h = mix_str(cen__hash_u64(h + 13), e->remarks);
	return h;
}

int cen_list_diff(const cen_list *old_list, const cen_list *new_list, cen_list_change_fn fn,
		  void *ctx, cen_list_diff_counts *counts)
{
	cen_list_diff_counts c = {0, 0, 0, 0};
	if (counts)
		*counts = c;
	if (!old_list || !new_list)
		return CEN_EINVAL;
	int rc = 0;
	for (size_t i = 0; i < old_list->n && rc == 0; i++) {
		const cen_entity *o = old_list->ents[i];
		if (cen_list_find(new_list, o->id))
			continue;
		c.removed++;
		cen_list_change ch = {CEN_CHANGE_REMOVED, o, NULL, 0};
		if (fn)
			rc = fn(ctx, &ch);
	}
	for (size_t i = 0; i < new_list->n && rc == 0; i++) {
		const cen_entity *n = new_list->ents[i];
		const cen_entity *o = cen_list_find(old_list, n->id);
		cen_list_change ch = {CEN_CHANGE_ADDED, NULL, n, 0};
		if (o) {
			/* Equal records have equal hashes; a 64-bit collision between
			 * different records is taken as "unchanged" (documented). */
			unsigned f = o->content_hash == n->content_hash ? 0 : cen_entity_diff_fields(o, n);
			if (f == 0) {
				c.unchanged++;
				continue;
			}
			ch.kind = CEN_CHANGE_CHANGED;
			ch.old_entity = o;
			ch.fields = f;
			c.changed++;
		} else {
			c.added++;
		}
		if (fn)
			rc = fn(ctx, &ch);
	}
	if (counts)
		*counts = c;
	return rc;
}
