/* ftm.c - OpenSanctions FollowTheMoney entities, JSON lines (one entity
 * object per line) or a JSON array of entity objects.
 *
 * Designated-party schemata become entities: Person (person), Organization,
 * Company, LegalEntity, PublicBody (organization), Vessel, Airplane
 * (aircraft). Their properties map as follows:
 *   name       first value (the caption when it is one of them) primary,
 *              other values strong a.k.a.s; alias strong a.k.a.; weakAlias
 *              weak a.k.a.; previousName f.k.a.
 *   birthDate  dobs (ISO partial dates); birthPlace pobs
 *   nationality nationalities; citizenship, country, jurisdiction, flag
 *              countries (codes; "suhh" and other non-ISO codes dropped)
 *   idNumber national_id, passportNumber passport, taxNumber/innCode tax_id,
 *   registrationNumber/ogrnCode registration, swiftBic swift_bic,
 *   imoNumber imo, mmsi mmsi, leiCode lei, callSign call_sign
 *   program, programId programs; topics -> remarks "topics: ..."
 *   gender, title; address and addressEntity (Address.full) addresses;
 *   notes, summary -> remarks
 * Other schemata are not entities: a Sanction adds its programId (or
 * program) to the entity it names, a Passport/Identification adds its
 * number to its holder, an Address is used by addressEntity; the rest
 * (Ownership, Family, ...) are counted and reported in one note per schema.
 * Links between entities are resolved after the whole input is read, so
 * order does not matter. The list date is the newest last_change.
 * Caps: a line of at most 8 MiB, a value of at most CEN_LIST_MAX_FIELD
 * bytes, at most 4096 values per property; beyond, reported and skipped.
 */
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "lists/list_int.h"

#include "core/banned.h"

#define MAX_LINE (8u * 1024u * 1024u)
#define MAX_VALUES 4096
#define MAX_SCHEMATA 32

typedef struct side {
	const char *kind;   /* "sanction", "id", "address" */
	const char *target; /* entity id it refers to (address: its own id) */
	const char *value;  /* program / number / full address */
	const char *type;   /* identifier type for "id" */
} side;

typedef struct skip_count {
	char name[32];
	size_t n;
} skip_count;

typedef struct ftm {
	cen__load *ld;
	const char *file;
	uint64_t line;
	cen__intern ids;      /* FtM id -> pending index */
	side *sides;
	size_t n_sides, cap_sides;
	const char **addr_refs; /* (pending index, Address id) pairs, flattened */
	size_t *addr_owner;
	size_t n_addr, cap_addr;
	skip_count skipped[MAX_SCHEMATA];
	size_t n_skipped_kinds, skipped_other;
	char newest[32];      /* newest last_change, ISO text */
} ftm;

typedef int (*value_fn)(ftm *f, cen_entity *e, const char *s, size_t n, const void *arg);

/* Calls fn for every string value of property `prop` of props. */
static int each_value(ftm *f, json_t *props, const char *prop, cen_entity *e, value_fn fn,
		      const void *arg)
{
	json_t *arr = json_object_get(props, prop);
	if (!arr)
		return 0;
	if (json_is_string(arr))
		return fn(f, e, json_string_value(arr), json_string_length(arr), arg);
	if (!json_is_array(arr)) {
		cen__ld_diag(f->ld, 1, f->file, f->line, prop, "not a list of strings; ignored");
		return 0;
	}
	size_t n = json_array_size(arr);
	if (n > MAX_VALUES) {
		cen__ld_diag(f->ld, 1, f->file, f->line, prop, "%zu values, only the first %d kept", n,
			     MAX_VALUES);
		n = MAX_VALUES;
	}
	for (size_t i = 0; i < n; i++) {
		json_t *v = json_array_get(arr, i);
		if (!json_is_string(v))
			continue;
		size_t len = json_string_length(v);
		if (len > CEN_LIST_MAX_FIELD) {
			cen__ld_diag(f->ld, 1, f->file, f->line, prop,
				     "value longer than %u bytes; skipped", CEN_LIST_MAX_FIELD);
			continue;
		}
		int rc = fn(f, e, json_string_value(v), len, arg);
		if (rc)
			return rc;
	}
	return 0;
}

static int v_name(ftm *f, cen_entity *e, const char *s, size_t n, const void *arg)
{
	const cen_name_type *t = arg;
	cen_name_type type = *t;
	if (type == CEN_NAME_PRIMARY && e->n_names > 0)
		type = CEN_NAME_STRONG_AKA;
	return cen__ent_name(f->ld, e, s, n, type);
}

static int v_dob(ftm *f, cen_entity *e, const char *s, size_t n, const void *arg)
{
	(void)arg;
	cen_date d;
	if (n >= 10 && s[4] == '-' && s[7] == '-')
		n = 10; /* "1988-01-07T00:00:00" */
	if (cen__parse_date(s, n, &d) == 0)
		return cen__ent_dob(f->ld, e, d);
	cen__ld_diag(f->ld, 1, f->file, f->line, "birthDate", "not a date: '%.*s'; ignored",
		     (int)(n > 40 ? 40 : n), s);
	return 0;
}

static int v_pob(ftm *f, cen_entity *e, const char *s, size_t n, const void *arg)
{
	(void)arg;
	return cen__ent_pob(f->ld, e, s, n);
}

static int v_nat(ftm *f, cen_entity *e, const char *s, size_t n, const void *arg)
{
	(void)arg;
	const char *cc = cen__country_n(s, n);
	return cc ? cen__ent_nationality(f->ld, e, cc) : 0;
}

static int v_country(ftm *f, cen_entity *e, const char *s, size_t n, const void *arg)
{
	(void)arg;
	const char *cc = cen__country_n(s, n);
	return cc ? cen__ent_country(f->ld, e, cc) : 0;
}

static int v_id(ftm *f, cen_entity *e, const char *s, size_t n, const void *arg)
{
	const char *const *spec = arg; /* {type, property name} */
	return cen__ent_id(f->ld, e, spec[0], s, n, NULL, spec[1], strlen(spec[1]));
}

static int v_program(ftm *f, cen_entity *e, const char *s, size_t n, const void *arg)
{
	(void)arg;
	return cen__ent_program(f->ld, e, s, n);
}

static int v_address(ftm *f, cen_entity *e, const char *s, size_t n, const void *arg)
{
	(void)arg;
	return cen__ent_address(f->ld, e, s, n);
}

static int v_remark(ftm *f, cen_entity *e, const char *s, size_t n, const void *arg)
{
	(void)arg;
	return cen__ent_remark(f->ld, e, s, n);
}

static int v_addr_ref(ftm *f, cen_entity *e, const char *s, size_t n, const void *arg)
{
	(void)e;
	const size_t *owner = arg;
	if (f->n_addr == f->cap_addr) {
		size_t nc = f->cap_addr ? 2 * f->cap_addr : 64;
		const char **r = cen_realloc(f->addr_refs, nc * sizeof *r);
		if (!r)
			return CEN_ENOMEM;
		f->addr_refs = r;
		size_t *o = cen_realloc(f->addr_owner, nc * sizeof *o);
		if (!o)
			return CEN_ENOMEM;
		f->addr_owner = o;
		f->cap_addr = nc;
	}
	const char *c = cen__ld_str(f->ld, s, n);
	if (!c)
		return CEN_ENOMEM;
	f->addr_refs[f->n_addr] = c;
	f->addr_owner[f->n_addr++] = *owner;
	return 0;
}

static int topics(ftm *f, cen_entity *e, json_t *props)
{
	json_t *arr = json_object_get(props, "topics");
	if (!json_is_array(arr) || json_array_size(arr) == 0)
		return 0;
	cen_buf b;
	cen_buf_init(&b, CEN_LIST_MAX_FIELD);
	int rc = cen_buf_puts(&b, "topics: ");
	for (size_t i = 0; i < json_array_size(arr) && rc == 0; i++) {
		json_t *v = json_array_get(arr, i);
		if (!json_is_string(v))
			continue;
		if (i)
			rc = cen_buf_puts(&b, ", ");
		if (rc == 0)
			rc = cen_buf_append(&b, json_string_value(v), json_string_length(v));
	}
	if (rc == 0)
		rc = cen__ent_remark(f->ld, e, b.data, b.len);
	cen_buf_release(&b);
	return rc == CEN_ELIMIT ? 0 : rc;
}

static const struct {
	const char *schema;
	cen_entity_kind kind;
} kinds[] = {
	{"Person", CEN_KIND_PERSON}, {"Organization", CEN_KIND_ORG},
	{"Company", CEN_KIND_ORG}, {"LegalEntity", CEN_KIND_ORG},
	{"PublicBody", CEN_KIND_ORG}, {"Vessel", CEN_KIND_VESSEL},
	{"Airplane", CEN_KIND_AIRCRAFT},
};

static const char *const id_props[][2] = {
	{"national_id", "idNumber"}, {"passport", "passportNumber"},
	{"tax_id", "taxNumber"}, {"tax_id", "innCode"},
	{"registration", "registrationNumber"}, {"registration", "ogrnCode"},
	{"swift_bic", "swiftBic"}, {"imo", "imoNumber"}, {"mmsi", "mmsi"},
	{"lei", "leiCode"}, {"call_sign", "callSign"},
};

static int fill(ftm *f, cen_entity *e, json_t *obj, json_t *props, size_t idx)
{
	static const cen_name_type primary = CEN_NAME_PRIMARY, strong = CEN_NAME_STRONG_AKA,
				   weak = CEN_NAME_WEAK_AKA, fka = CEN_NAME_FKA;
	int rc = 0;
	/* The caption first when it is one of the names, so it is the primary. */
	json_t *cap = json_object_get(obj, "caption");
	json_t *names = json_object_get(props, "name");
	if (json_is_string(cap) && json_is_array(names)) {
		for (size_t i = 0; i < json_array_size(names); i++) {
			json_t *v = json_array_get(names, i);
			if (json_is_string(v) && json_equal(v, cap)) {
				rc = cen__ent_name(f->ld, e, json_string_value(cap),
						   json_string_length(cap), CEN_NAME_PRIMARY);
				break;
			}
		}
	}
	if (!rc)
		rc = each_value(f, props, "name", e, v_name, &primary);
	if (!rc)
		rc = each_value(f, props, "alias", e, v_name, &strong);
	if (!rc)
		rc = each_value(f, props, "weakAlias", e, v_name, &weak);
	if (!rc)
		rc = each_value(f, props, "previousName", e, v_name, &fka);
	if (!rc)
		rc = each_value(f, props, "birthDate", e, v_dob, NULL);
	if (!rc)
		rc = each_value(f, props, "birthPlace", e, v_pob, NULL);
	if (!rc)
		rc = each_value(f, props, "nationality", e, v_nat, NULL);
	static const char *const country_props[] = {"citizenship", "country", "jurisdiction", "flag"};
	for (size_t i = 0; i < 4 && !rc; i++)
		rc = each_value(f, props, country_props[i], e, v_country, NULL);
	for (size_t i = 0; i < sizeof id_props / sizeof id_props[0] && !rc; i++)
		rc = each_value(f, props, id_props[i][1], e, v_id, id_props[i]);
	if (!rc)
		rc = each_value(f, props, "programId", e, v_program, NULL);
	if (!rc && e->n_programs == 0)
		rc = each_value(f, props, "program", e, v_program, NULL);
	if (!rc)
		rc = each_value(f, props, "address", e, v_address, NULL);
	if (!rc)
		rc = each_value(f, props, "addressEntity", e, v_addr_ref, &idx);
	if (!rc)
		rc = topics(f, e, props);
	if (!rc)
		rc = each_value(f, props, "summary", e, v_remark, NULL);
	if (!rc)
		rc = each_value(f, props, "notes", e, v_remark, NULL);
	json_t *g = json_array_get(json_object_get(props, "gender"), 0);
	if (json_is_string(g)) {
		if (strcmp(json_string_value(g), "male") == 0)
			e->gender = "male";
		else if (strcmp(json_string_value(g), "female") == 0)
			e->gender = "female";
	}
	json_t *t = json_array_get(json_object_get(props, "title"), 0);
	if (!rc && json_is_string(t) && json_string_length(t) <= CEN_LIST_MAX_FIELD) {
		e->title = cen__ld_str(f->ld, json_string_value(t), json_string_length(t));
		rc = e->title ? 0 : CEN_ENOMEM;
	}
	return rc;
}

static const char *first_str(json_t *props, const char *prop)
{
	json_t *v = json_object_get(props, prop);
	if (json_is_array(v))
		v = json_array_get(v, 0);
	return json_is_string(v) && json_string_length(v) <= CEN_LIST_MAX_FIELD ? json_string_value(v)
										 : NULL;
}

static int add_side(ftm *f, const char *kind, const char *target, const char *value,
		    const char *type)
{
	if (!target || !value)
		return 0;
	if (f->n_sides == f->cap_sides) {
		size_t nc = f->cap_sides ? 2 * f->cap_sides : 64;
		side *s = cen_realloc(f->sides, nc * sizeof *s);
		if (!s)
			return CEN_ENOMEM;
		f->sides = s;
		f->cap_sides = nc;
	}
	side *s = &f->sides[f->n_sides];
	s->kind = kind;
	s->type = type;
	s->target = cen__ld_str(f->ld, target, strlen(target));
	s->value = cen__ld_str(f->ld, value, strlen(value));
	if (!s->target || !s->value)
		return CEN_ENOMEM;
	f->n_sides++;
	return 0;
}

static void count_skip(ftm *f, const char *schema)
{
	for (size_t i = 0; i < f->n_skipped_kinds; i++)
		if (strcmp(f->skipped[i].name, schema) == 0) {
			f->skipped[i].n++;
			return;
		}
	if (f->n_skipped_kinds == MAX_SCHEMATA || strlen(schema) >= sizeof f->skipped[0].name) {
		f->skipped_other++;
		return;
	}
	skip_count *s = &f->skipped[f->n_skipped_kinds++];
	snprintf(s->name, sizeof s->name, "%s", schema);
	s->n = 1;
}

static int has_name(json_t *props)
{
	static const char *const props_with_names[] = {"name", "alias", "weakAlias", "previousName"};
	for (size_t k = 0; k < 4; k++) {
		json_t *arr = json_object_get(props, props_with_names[k]);
		for (size_t i = 0; i < json_array_size(arr); i++) {
			json_t *v = json_array_get(arr, i);
			if (!json_is_string(v) || json_string_length(v) > CEN_LIST_MAX_FIELD)
				continue;
			const char *s = json_string_value(v);
			if (cen__trim(&s, json_string_length(v)) > 0)
				return 1;
		}
	}
	return 0;
}

static int object(ftm *f, json_t *obj)
{
	cen__load *ld = f->ld;
	if (!json_is_object(obj)) {
		cen__ld_diag(ld, 2, f->file, f->line, NULL, "not a JSON object; skipped");
		return 0;
	}
	json_t *jid = json_object_get(obj, "id"), *jschema = json_object_get(obj, "schema");
	json_t *props = json_object_get(obj, "properties");
	if (!json_is_string(jid) || json_string_length(jid) == 0 ||
	    json_string_length(jid) > 512) {
		cen__ld_diag(ld, 2, f->file, f->line, "id", "missing or too long; skipped");
		return 0;
	}
	if (!json_is_string(jschema)) {
		cen__ld_diag(ld, 2, f->file, f->line, "schema", "missing; skipped");
		return 0;
	}
	if (!json_is_object(props)) {
		cen__ld_diag(ld, 2, f->file, f->line, "properties", "missing; skipped");
		return 0;
	}
	json_t *lc = json_object_get(obj, "last_change");
	if (json_is_string(lc) && json_string_length(lc) < sizeof f->newest &&
	    strcmp(json_string_value(lc), f->newest) > 0)
		snprintf(f->newest, sizeof f->newest, "%s", json_string_value(lc));
	const char *schema = json_string_value(jschema);
	const char *id = json_string_value(jid);
	size_t idlen = json_string_length(jid);
	cen_entity_kind kind = CEN_KIND_UNKNOWN;
	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
		if (strcmp(kinds[i].schema, schema) == 0)
			kind = kinds[i].kind;
	if (kind == CEN_KIND_UNKNOWN) {
		count_skip(f, schema);
		if (strcmp(schema, "Sanction") == 0) {
			const char *prog = first_str(props, "programId");
			return add_side(f, "sanction", first_str(props, "entity"),
					prog ? prog : first_str(props, "program"), NULL);
		}
		if (strcmp(schema, "Passport") == 0 || strcmp(schema, "Identification") == 0)
			return add_side(f, "id", first_str(props, "holder"), first_str(props, "number"),
					strcmp(schema, "Passport") == 0 ? "passport" : "national_id");
		if (strcmp(schema, "Address") == 0)
			return add_side(f, "address", id, first_str(props, "full"), NULL);
		return 0;
	}
	if (!has_name(props)) {
		cen__ld_diag(ld, 2, f->file, f->line, "name", "entity %s has no name; skipped", id);
		return 0;
	}
	if (cen__intern_get(&f->ids, id, idlen) >= 0) {
		cen__ld_diag(ld, 1, f->file, f->line, "id", "entity %s repeated; skipped", id);
		return 0;
	}
	int64_t idx = cen__intern_put(&f->ids, id, idlen);
	cen_entity *e = cen__ld_entity(ld, id, idlen);
	if (idx < 0 || !e)
		return CEN_ENOMEM;
	e->kind = kind;
	int rc = fill(f, e, obj, props, (size_t)idx);
	if (rc == 0 && e->n_names)
		e->names[0].type = CEN_NAME_PRIMARY;
	return rc;
}

/* Resolves Sanction, Passport and Address records onto their entities. */
static int resolve(ftm *f)
{
	cen__load *ld = f->ld;
	for (size_t i = 0; i < f->n_sides; i++) {
		const side *s = &f->sides[i];
		if (strcmp(s->kind, "address") == 0)
			continue;
		int64_t idx = cen__intern_get(&f->ids, s->target, strlen(s->target));
		if (idx < 0)
			continue; /* refers to an entity of another schema or file */
		cen_entity *e = ld->pending[idx];
		int rc = strcmp(s->kind, "sanction") == 0
				 ? cen__ent_program(ld, e, s->value, strlen(s->value))
				 : cen__ent_id(ld, e, s->type, s->value, strlen(s->value), NULL,
					       s->type, strlen(s->type));
		if (rc)
			return rc;
	}
	for (size_t a = 0; a < f->n_addr; a++) {
		for (size_t i = 0; i < f->n_sides; i++) {
			const side *s = &f->sides[i];
			if (strcmp(s->kind, "address") != 0 || strcmp(s->target, f->addr_refs[a]) != 0)
				continue;
			int rc = cen__ent_address(ld, ld->pending[f->addr_owner[a]], s->value,
						  strlen(s->value));
			if (rc)
				return rc;
			break;
		}
	}
	return 0;
}

static int parse_one(ftm *f, const char *p, size_t n)
{
	json_error_t err;
	json_t *obj = json_loadb(p, n, JSON_REJECT_DUPLICATES, &err);
	if (!obj) {
		cen__ld_diag(f->ld, 2, f->file, f->line, NULL, "invalid JSON at column %d: %s; skipped",
			     err.column, err.text);
		return 0;
	}
	int rc = object(f, obj);
	json_decref(obj);
	return rc;
}

static int parse_array(ftm *f, const char *data, size_t len)
{
	json_error_t err;
	json_t *arr = json_loadb(data, len, JSON_REJECT_DUPLICATES, &err);
	if (!arr || !json_is_array(arr)) {
		json_decref(arr);
		return cen__ld_fail(f->ld, CEN_EPARSE, "%s:%d: invalid JSON array: %s", f->file,
				    arr ? 1 : err.line, arr ? "not an array" : err.text);
	}
	int rc = 0;
	for (size_t i = 0; i < json_array_size(arr) && rc == 0; i++) {
		f->line = (uint64_t)i + 1; /* element number */
		rc = object(f, json_array_get(arr, i));
	}
	json_decref(arr);
	return rc;
}

static int parse_lines(ftm *f, const char *data, size_t len)
{
	size_t i = 0;
	f->line = 0;
	while (i < len) {
		const char *nl = memchr(data + i, '\n', len - i);
		size_t end = nl ? (size_t)(nl - data) : len;
		f->line++;
		const char *p = data + i;
		size_t n = cen__trim(&p, end - i);
		i = end + 1;
		if (n == 0)
			continue;
		if (n > MAX_LINE) {
			cen__ld_diag(f->ld, 2, f->file, f->line, NULL, "line longer than %u bytes; skipped",
				     MAX_LINE);
			continue;
		}
		int rc = parse_one(f, p, n);
		if (rc)
			return rc;
	}
	return 0;
}

int cen__ftm_load(cen__load *ld, const char *data, size_t len, const char *name)
{
	ftm f;
	memset(&f, 0, sizeof f);
	f.ld = ld;
	f.file = name;
	ld->source = "opensanctions";
	cen__intern_init(&f.ids);
	const char *p = data;
	size_t n = cen__trim(&p, len);
	int rc = n && p[0] == '[' ? parse_array(&f, p, n) : parse_lines(&f, data, len);
	if (rc == 0)
		rc = resolve(&f);
	if (rc == 0) {
		for (size_t i = 0; i < f.n_skipped_kinds; i++)
			cen__ld_diag(ld, 0, name, 0, "schema",
				     "%zu %s record(s) are not designated parties%s", f.skipped[i].n,
				     f.skipped[i].name,
				     strcmp(f.skipped[i].name, "Sanction") == 0
					     ? " (their programs were added to the entities they name)"
					     : "; not loaded as entities");
		if (f.skipped_other)
			cen__ld_diag(ld, 0, name, 0, "schema",
				     "%zu records of further schemata not loaded", f.skipped_other);
		if (f.newest[0]) {
			ld->date = cen__iso_epoch(f.newest);
			ld->date_from_source = ld->date != 0;
		}
	}
	cen_free(f.sides);
	cen_free(f.addr_refs);
	cen_free(f.addr_owner);
	cen__intern_release(&f.ids);
	return rc;
}
