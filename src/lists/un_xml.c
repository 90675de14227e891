/* un_xml.c - the UN Security Council Consolidated List XML
 * (https://scsanctions.un.org/resources/xml/en/consolidated.xml).
 *
 * CONSOLIDATED_LIST[@dateGenerated] / INDIVIDUALS/INDIVIDUAL and
 * ENTITIES/ENTITY. Per record:
 *   REFERENCE_NUMBER (else DATAID)  source_id ("un_sc:CDi.001")
 *   FIRST_NAME..FOURTH_NAME          primary name, joined by spaces
 *   NAME_ORIGINAL_SCRIPT             strong a.k.a.
 *   *_ALIAS QUALITY/ALIAS_NAME       Good, a.k.a. or empty: strong a.k.a.;
 *                                    Low: weak a.k.a.; f.k.a.: f.k.a.
 *   INDIVIDUAL_DATE_OF_BIRTH         DATE, YEAR, FROM_YEAR/TO_YEAR, or a
 *                                    NOTE holding a date ("Nov. 1973");
 *                                    TYPE_OF_DATE APPROXIMATELY: circa
 *   INDIVIDUAL_PLACE_OF_BIRTH        pob "CITY, STATE_PROVINCE, COUNTRY"
 *   NATIONALITY/VALUE                nationalities
 *   INDIVIDUAL_DOCUMENT              ids (type from TYPE_OF_DOCUMENT, NUMBER,
 *                                    ISSUING_COUNTRY or COUNTRY_OF_ISSUE)
 *   *_ADDRESS                        addresses; its COUNTRY to countries
 *   UN_LIST_TYPE                     program; TITLE/VALUE title; GENDER;
 *   DESIGNATION/VALUE, COMMENTS1     remarks
 * The list date is dateGenerated.
 *
 * Hostile input: parsed with XML_PARSE_NONET (no network), no DTD loading,
 * no entity substitution; a document with a DOCTYPE declaring anything is
 * refused (no entity expansion tricks), and text is collected from text and
 * CDATA nodes only. Size is capped by the file cap; element values longer
 * than CEN_LIST_MAX_FIELD are reported and skipped.
 *
 * libxml2 is opened at the first UN list read (core/dynlib.h), not linked
 * in, so commands that read no UN list do not load it. Without it installed
 * the read fails saying so.
 */
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdio.h>
#include <string.h>

#include "lists/list_int.h"
#include "core/dynlib.h"

#include "core/banned.h"

typedef struct un {
	cen__load *ld;
	const char *file;
	cen_buf text; /* scratch for element text */
	int oom;      /* an allocation for text failed: the load fails */
	cen__intern seen;
} un;

/* The libxml2 functions the reader calls (opened by cen__un_load). */
static struct {
	__typeof__(xmlReadMemory) *read_memory;
	__typeof__(xmlGetLastError) *get_last_error;
	__typeof__(xmlResetLastError) *reset_last_error;
	__typeof__(xmlDocGetRootElement) *root_element;
	__typeof__(xmlHasProp) *has_prop;
	__typeof__(xmlGetLineNo) *line_no;
	__typeof__(xmlFreeDoc) *free_doc;
} xml;

#define XML_FN(name, field) {#name, offsetof(__typeof__(xml), field)}
static const cen__dynfn xml_fns[] = {
	XML_FN(xmlReadMemory, read_memory),   XML_FN(xmlGetLastError, get_last_error),
	XML_FN(xmlResetLastError, reset_last_error), XML_FN(xmlDocGetRootElement, root_element),
	XML_FN(xmlHasProp, has_prop),         XML_FN(xmlGetLineNo, line_no),
	XML_FN(xmlFreeDoc, free_doc),
};
static cen__dynlib xml_lib = {"libxml2.so.2", xml_fns, sizeof xml_fns / sizeof xml_fns[0], &xml,
			      0, ""};

static int is(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

/* Text of n (text and CDATA children only), white space runs collapsed to
 * one space, trimmed, into u->text; returns its length (0 when empty or
 * too long, the latter reported). */
static size_t text_of(un *u, const xmlNode *n)
{
	cen_buf_reset(&u->text);
	int space = 0, rc = 0;
	for (const xmlNode *c = n->children; c && rc == 0; c = c->next) {
		if ((c->type != XML_TEXT_NODE && c->type != XML_CDATA_SECTION_NODE) || !c->content)
			continue;
		for (const unsigned char *p = c->content; *p && rc == 0; p++) {
			if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') {
				space = u->text.len > 0;
				continue;
			}
			if (space)
				rc = cen_buf_putc(&u->text, ' ');
			space = 0;
			if (rc == 0)
				rc = cen_buf_putc(&u->text, (char)*p);
		}
	}
	if (rc == CEN_ENOMEM)
		u->oom = 1;
	else if (rc)
		cen__ld_diag(u->ld, 1, u->file, (uint64_t)xml.line_no(n), (const char *)n->name,
			     "value longer than %u bytes; skipped", CEN_LIST_MAX_FIELD);
	if (rc) {
		cen_buf_reset(&u->text);
		return 0;
	}
	return u->text.len;
}

static const xmlNode *child(const xmlNode *n, const char *name)
{
	for (const xmlNode *c = n->children; c; c = c->next)
		if (is(c, name))
			return c;
	return NULL;
}

/* Joins the texts of the named children of n with sep into b. */
static int join(un *u, const xmlNode *n, const char *const *names, size_t k, const char *sep,
		cen_buf *b)
{
	cen_buf_reset(b);
	for (size_t i = 0; i < k; i++) {
		const xmlNode *c = child(n, names[i]);
		if (!c || text_of(u, c) == 0)
			continue;
		int rc = b->len ? cen_buf_puts(b, sep) : 0;
		if (rc == 0)
			rc = cen_buf_append(b, u->text.data, u->text.len);
		if (rc)
			return rc;
	}
	return 0;
}

static const char *country_text(un *u, const xmlNode *n)
{
	return n && text_of(u, n) ? cen_country_code(u->text.data) : NULL;
}

static int alias(un *u, cen_entity *e, const xmlNode *a)
{
	const xmlNode *q = child(a, "QUALITY"), *nm = child(a, "ALIAS_NAME");
	if (!nm || text_of(u, nm) == 0)
		return 0;
	cen_buf name;
	cen_buf_init(&name, 0);
	int rc = cen_buf_append(&name, u->text.data, u->text.len);
	cen_name_type t = CEN_NAME_STRONG_AKA;
	if (q && text_of(u, q)) {
		if (strcmp(u->text.data, "Low") == 0)
			t = CEN_NAME_WEAK_AKA;
		else if (strcmp(u->text.data, "f.k.a.") == 0)
			t = CEN_NAME_FKA;
	}
	if (rc == 0)
		rc = cen__ent_name(u->ld, e, name.data, name.len, t);
	cen_buf_release(&name);
	return rc;
}

static int year_of(un *u, const xmlNode *n, int *y)
{
	*y = 0;
	if (!n || text_of(u, n) == 0)
		return -1;
	cen_date d;
	if (cen__parse_date(u->text.data, u->text.len, &d) != 0 || d.month || d.year_to)
		return -1;
	*y = d.year;
	return 0;
}

static int dob(un *u, cen_entity *e, const xmlNode *n)
{
	cen_date d;
	memset(&d, 0, sizeof d);
	const xmlNode *t = child(n, "TYPE_OF_DATE");
	int approx = t && text_of(u, t) && strcmp(u->text.data, "APPROXIMATELY") == 0;
	const xmlNode *date = child(n, "DATE"), *year = child(n, "YEAR"), *note = child(n, "NOTE");
	int ok = 0;
	if (date && text_of(u, date))
		ok = cen__parse_date(u->text.data, u->text.len > 10 ? 10 : u->text.len, &d) == 0;
	if (!ok && year && text_of(u, year))
		ok = cen__parse_date(u->text.data, u->text.len, &d) == 0;
	if (!ok) {
		int y1, y2;
		if (year_of(u, child(n, "FROM_YEAR"), &y1) == 0 &&
		    year_of(u, child(n, "TO_YEAR"), &y2) == 0 && y2 >= y1) {
			d.year = (int16_t)y1;
			d.year_to = (int16_t)(y2 > y1 ? y2 : 0);
			ok = 1;
		}
	}
	if (!ok && note && text_of(u, note))
		ok = cen__parse_date(u->text.data, u->text.len, &d) == 0;
	if (!ok) {
		if (note && text_of(u, note))
			return cen__ent_remark(u->ld, e, u->text.data, u->text.len);
		return 0;
	}
	if (approx)
		d.circa = 1;
	return cen__ent_dob(u->ld, e, d);
}

static const char *doc_type(const char *label)
{
	static const struct {
		const char *prefix, *type;
	} map[] = {
		{"Passport", "passport"}, {"Diplomatic passport", "passport"},
		{"Num\xc3\xa9ro de passeport", "passport"}, {"N\xc3\xbamero de pasaporte", "passport"},
		{"National Identification", "national_id"}, {"National identity", "national_id"},
		{"Identity card", "national_id"}, {"Tax", "tax_id"},
	};
	for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
		if (strncmp(label, map[i].prefix, strlen(map[i].prefix)) == 0)
			return map[i].type;
	return "other";
}

static int document(un *u, cen_entity *e, const xmlNode *n)
{
	const xmlNode *num = child(n, "NUMBER");
	if (!num || text_of(u, num) == 0)
		return 0;
	cen_buf number;
	cen_buf_init(&number, 0);
	int rc = cen_buf_append(&number, u->text.data, u->text.len);
	const char *cc = country_text(u, child(n, "ISSUING_COUNTRY"));
	if (!cc)
		cc = country_text(u, child(n, "COUNTRY_OF_ISSUE"));
	const xmlNode *t = child(n, "TYPE_OF_DOCUMENT");
	size_t tl = t ? text_of(u, t) : 0;
	const char *label = tl ? u->text.data : "Document";
	if (rc == 0)
		rc = cen__ent_id(u->ld, e, doc_type(label), number.data, number.len, cc, label,
				 strlen(label));
	cen_buf_release(&number);
	return rc;
}

static int place(un *u, cen_entity *e, const xmlNode *n, int birth)
{
	static const char *const pob_parts[] = {"STREET", "CITY", "STATE_PROVINCE", "COUNTRY"};
	static const char *const addr_parts[] = {"STREET", "CITY", "STATE_PROVINCE", "ZIP_CODE",
						 "COUNTRY", "NOTE"};
	cen_buf b;
	cen_buf_init(&b, CEN_LIST_MAX_FIELD);
	int rc = birth ? join(u, n, pob_parts, 4, ", ", &b) : join(u, n, addr_parts, 6, ", ", &b);
	if (rc == 0 && b.len)
		rc = birth ? cen__ent_pob(u->ld, e, b.data, b.len)
			   : cen__ent_address(u->ld, e, b.data, b.len);
	if (rc == 0 && !birth) {
		const char *cc = country_text(u, child(n, "COUNTRY"));
		if (cc)
			rc = cen__ent_country(u->ld, e, cc);
	}
	cen_buf_release(&b);
	return rc == CEN_ELIMIT ? 0 : rc;
}

/* Calls the VALUE children of n. */
static int values(un *u, cen_entity *e, const xmlNode *n, const char *what)
{
	int rc = 0;
	for (const xmlNode *v = n->children; v && rc == 0; v = v->next) {
		if (!is(v, "VALUE") || text_of(u, v) == 0)
			continue;
		const char *s = u->text.data;
		size_t len = u->text.len;
		if (strcmp(what, "nationality") == 0) {
			const char *cc = cen_country_code(s);
			if (cc)
				rc = cen__ent_nationality(u->ld, e, cc);
			else if (strcmp(s, "na") != 0)
				rc = cen__ent_remark_kv(u->ld, e, "nationality", s, len);
		} else if (strcmp(what, "title") == 0) {
			if (!e->title) {
				e->title = cen__ld_str(u->ld, s, len);
				rc = e->title ? 0 : CEN_ENOMEM;
			}
		} else {
			rc = cen__ent_remark_kv(u->ld, e, "Designation:", s, len);
		}
	}
	return rc;
}

static int record(un *u, const xmlNode *r, int person)
{
	cen__load *ld = u->ld;
	uint64_t line = (uint64_t)xml.line_no(r);
	const xmlNode *ref = child(r, "REFERENCE_NUMBER");
	if (!ref || text_of(u, ref) == 0)
		ref = child(r, "DATAID");
	if (!ref || text_of(u, ref) == 0 || u->text.len > 128) {
		cen__ld_diag(ld, 2, u->file, line, "REFERENCE_NUMBER", "missing; record skipped");
		return 0;
	}
	if (cen__intern_get(&u->seen, u->text.data, u->text.len) >= 0) {
		cen__ld_diag(ld, 1, u->file, line, "REFERENCE_NUMBER", "%s repeated; record skipped",
			     u->text.data);
		return 0;
	}
	static const char *const parts[] = {"FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME"};
	cen_buf name;
	cen_buf_init(&name, CEN_LIST_MAX_FIELD);
	cen_buf refb;
	cen_buf_init(&refb, 0);
	int rc = cen_buf_append(&refb, u->text.data, u->text.len);
	if (rc == 0)
		rc = join(u, r, parts, 4, " ", &name);
	if (rc == CEN_ELIMIT || (rc == 0 && name.len == 0)) {
		cen__ld_diag(ld, 2, u->file, line, "FIRST_NAME", "no usable name; record skipped");
		rc = 0;
		goto out;
	}
	if (rc)
		goto out;
	cen_entity *e = cen__ld_entity(ld, refb.data, refb.len);
	if (!e || cen__intern_put(&u->seen, refb.data, refb.len) < 0) {
		rc = CEN_ENOMEM;
		goto out;
	}
	e->kind = person ? CEN_KIND_PERSON : CEN_KIND_ORG;
	rc = cen__ent_name(ld, e, name.data, name.len, CEN_NAME_PRIMARY);
	for (const xmlNode *c = r->children; c && rc == 0; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		const char *tag = (const char *)c->name;
		if (strcmp(tag, "NAME_ORIGINAL_SCRIPT") == 0 && text_of(u, c))
			rc = cen__ent_name(ld, e, u->text.data, u->text.len, CEN_NAME_STRONG_AKA);
		else if (strcmp(tag, "INDIVIDUAL_ALIAS") == 0 || strcmp(tag, "ENTITY_ALIAS") == 0)
			rc = alias(u, e, c);
		else if (strcmp(tag, "INDIVIDUAL_DATE_OF_BIRTH") == 0)
			rc = dob(u, e, c);
		else if (strcmp(tag, "INDIVIDUAL_PLACE_OF_BIRTH") == 0)
			rc = place(u, e, c, 1);
		else if (strcmp(tag, "INDIVIDUAL_ADDRESS") == 0 || strcmp(tag, "ENTITY_ADDRESS") == 0)
			rc = place(u, e, c, 0);
		else if (strcmp(tag, "INDIVIDUAL_DOCUMENT") == 0)
			rc = document(u, e, c);
		else if (strcmp(tag, "NATIONALITY") == 0)
			rc = values(u, e, c, "nationality");
		else if (strcmp(tag, "TITLE") == 0)
			rc = values(u, e, c, "title");
		else if (strcmp(tag, "DESIGNATION") == 0)
			rc = values(u, e, c, "designation");
		else if (strcmp(tag, "UN_LIST_TYPE") == 0 && text_of(u, c))
			rc = cen__ent_program(ld, e, u->text.data, u->text.len);
		else if (strcmp(tag, "GENDER") == 0 && text_of(u, c)) {
			if (strcmp(u->text.data, "Male") == 0)
				e->gender = "male";
			else if (strcmp(u->text.data, "Female") == 0)
				e->gender = "female";
		} else if (strcmp(tag, "COMMENTS1") == 0 && text_of(u, c))
			rc = cen__ent_remark(ld, e, u->text.data, u->text.len);
	}
out:
	cen_buf_release(&name);
	cen_buf_release(&refb);
	return u->oom ? CEN_ENOMEM : rc;
}

int cen__un_load(cen__load *ld, const char *data, size_t len, const char *name)
{
	if (len > (size_t)INT32_MAX)
		return cen__ld_fail(ld, CEN_ELIMIT, "%s: too large for the XML parser", name);
	const char *why = NULL;
	if (cen__dynlib_open(&xml_lib, &why))
		return cen__ld_fail(ld, CEN_EUNSUPPORTED, "%s: cannot read XML: %s", name, why);
	ld->source = "un_sc";
	xmlDoc *doc = xml.read_memory(data, (int)len, name, NULL,
				    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (!doc) {
		const xmlError *err = xml.get_last_error();
		int rc = cen__ld_fail(ld, CEN_EPARSE, "%s:%d: not well-formed XML: %s", name,
				      err ? err->line : 0,
				      err && err->message ? err->message : "parse error");
		size_t n = strlen(ld->list->err);
		if (n && ld->list->err[n - 1] == '\n')
			ld->list->err[n - 1] = '\0';
		xml.reset_last_error();
		return rc;
	}
	int rc = 0;
	un u;
	memset(&u, 0, sizeof u);
	u.ld = ld;
	u.file = name;
	cen_buf_init(&u.text, CEN_LIST_MAX_FIELD);
	cen__intern_init(&u.seen);
	xmlNode *root = xml.root_element(doc);
	if (doc->intSubset && doc->intSubset->children) {
		rc = cen__ld_fail(ld, CEN_EUNSUPPORTED, "%s: document type declarations are not accepted",
				  name);
		goto out;
	}
	if (!root || !is(root, "CONSOLIDATED_LIST")) {
		rc = cen__ld_fail(ld, CEN_EPARSE, "%s: root element is not CONSOLIDATED_LIST (not a UN "
				  "Security Council list)", name);
		goto out;
	}
	/* the attribute's text, read where it lies in the document (a copy
	 * would need libxml2's own free) */
	const xmlAttr *gen = xml.has_prop(root, (const xmlChar *)"dateGenerated");
	const xmlNode *gt = gen ? gen->children : NULL;
	if (gt && gt->type == XML_TEXT_NODE && !gt->next && gt->content) {
		ld->date = cen__iso_epoch((const char *)gt->content);
		ld->date_from_source = ld->date != 0;
	}
	for (const xmlNode *sec = root->children; sec && rc == 0; sec = sec->next) {
		int person = is(sec, "INDIVIDUALS");
		if (!person && !is(sec, "ENTITIES"))
			continue;
		for (const xmlNode *r = sec->children; r && rc == 0; r = r->next)
			if (is(r, person ? "INDIVIDUAL" : "ENTITY")) {
				rc = record(&u, r, person);
				if (u.oom)
					rc = CEN_ENOMEM;
			}
	}
	if (rc)
		cen__ld_fail(ld, rc, "%s: %s", name, cen_strerror(rc));
out:
	cen_buf_release(&u.text);
	cen__intern_release(&u.seen);
	xml.free_doc(doc);
	return rc;
}
