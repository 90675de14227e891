/* entity.h - the designated-party record every list reader produces and the
 * screening engine consumes.
 *
 * Records are plain data. All strings are UTF-8, NUL-terminated and owned by
 * the cen_list (or other container) the entity came from: borrowed by every
 * reader of the record, valid until that container is freed. Arrays may be
 * NULL when their count is 0.
 */
#ifndef CENTINELA_ENTITY_H
#define CENTINELA_ENTITY_H

#include <stddef.h>
#include <stdint.h>

typedef enum cen_entity_kind {
	CEN_KIND_UNKNOWN = 0,
	CEN_KIND_PERSON,
	CEN_KIND_ORG,      /* organization, company, legal entity */
	CEN_KIND_VESSEL,
	CEN_KIND_AIRCRAFT,
} cen_entity_kind;

typedef enum cen_name_type {
	CEN_NAME_PRIMARY = 0,
	CEN_NAME_STRONG_AKA, /* OFAC a.k.a. of good quality */
	CEN_NAME_WEAK_AKA,   /* OFAC "low quality" a.k.a.; UN quality "Low" */
	CEN_NAME_FKA,        /* formerly known as */
	CEN_NAME_NKA,        /* now known as */
} cen_name_type;

typedef struct cen_entity_name {
	const char *text;
	cen_name_type type;
} cen_entity_name;

/* A possibly partial date: month/day 0 when unknown. A range has year_to >
 * year (e.g. "1960 to 1962"). circa: the source said "circa"/"approximately". */
typedef struct cen_date {
	int16_t year;    /* 0: unknown */
	int8_t month;    /* 1..12 or 0 */
	int8_t day;      /* 1..31 or 0 */
	int16_t year_to; /* 0, or last year of a range */
	uint8_t circa;
} cen_date;

typedef struct cen_identifier {
	const char *type;    /* normalised type: passport, cedula, rfc, curp,
				national_id, ssn, tax_id, swift_bic, other... */
	const char *number;  /* as published */
	const char *country; /* ISO 3166-1 alpha-2, or NULL */
	const char *label;   /* the source's own wording, e.g. "Cedula No." */
} cen_identifier;

typedef struct cen_entity {
	const char *id;        /* unique across loaded lists: "<source>:<source_id>" */
	const char *source;    /* e.g. "us_ofac_sdn", "us_ofac_cons", "un_sc", "opensanctions", "own" */
	const char *source_id; /* the publisher's id (OFAC ent_num, UN reference) */
	cen_entity_kind kind;
	cen_entity_name *names; size_t n_names; /* names[0] is the primary name */
	cen_date *dobs; size_t n_dobs;
	const char **pobs; size_t n_pobs;
	const char **nationalities; size_t n_nationalities; /* ISO alpha-2 */
	const char **countries; size_t n_countries;         /* ISO alpha-2 (addresses, citizenship) */
	cen_identifier *ids; size_t n_ids;
	const char **addresses; size_t n_addresses;
	const char **programs; size_t n_programs;           /* "SDGT", "FTO", "SDNTK", ... */
	const char **links; size_t n_links;                 /* names or ids from "Linked To:" */
	const char *gender;   /* "male", "female" or NULL */
	const char *title;    /* OFAC title column, or NULL */
	const char *remarks;  /* the unparsed remainder, or NULL */
	uint64_t content_hash; /* hash of every field above: changes iff the record changes */
} cen_entity;

/* ISO 3166-1 alpha-2 code for a country name or code as lists write it
 * ("Mexico", "MEXICO", "MX", "MEX", "United States"), or NULL if unknown.
 * The returned string is static. */
const char *cen_country_code(const char *name);

const char *cen_entity_kind_name(cen_entity_kind k); /* "person", "organization", ... */

#endif
