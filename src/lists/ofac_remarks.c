/* ofac_remarks.c - structure out of the OFAC Remarks free text.
 *
 * Remarks are "; "-separated statements ending in ".":
 *   DOB 25 Dec 1954; alt. DOB 1955 to 1957; POB Culiacan, Sinaloa, Mexico;
 *   nationality Mexico; citizen Mexico; Gender Male; Passport A123 (Mexico)
 *   issued 2010; R.F.C. GULJ540425 (Mexico); a.k.a. 'EL CHAPO';
 *   Linked To: SINALOA CARTEL.
 * Each statement (an "alt. " prefix is dropped) is read by the first rule
 * that accepts it: DOB, POB, nationality, citizen, Gender, a.k.a./f.k.a./
 * n.k.a., Linked To, or a known identifier label (table below). A statement
 * no rule accepts, or that a rule cannot read (an unparsable date, an
 * unknown country), is kept verbatim in e->remarks: nothing is lost.
 *
 * a.k.a. in Remarks: in the legacy CSV files OFAC moves its "low quality"
 * a.k.a.s (nicknames, short forms such as 'EL MENCHO', 'CDN') into Remarks,
 * always in single quotes, while alt.csv holds the good-quality ones. So an
 * a.k.a. from Remarks is CEN_NAME_WEAK_AKA; f.k.a./n.k.a. keep their type.
 * Identifiers: "LABEL NUMBER [(Country)] [issued ...] [expires ...]"; the
 * number is kept as published, the country in the last parentheses when it
 * is a country; issue/expiry dates are dropped.
 */
#include <string.h>

#include "lists/list_int.h"

#include "core/banned.h"

typedef struct id_label {
	const char *label; /* as OFAC writes it, followed by a space */
	const char *type;
} id_label;

/* Longer labels first where one is a prefix of another. */
static const id_label id_labels[] = {
	{"Diplomatic Passport", "passport"},
	{"Passport", "passport"},
	{"Travel Document Number", "passport"},
	{"Cedula No.", "cedula"},
	{"Cedula", "cedula"},
	{"R.F.C.", "rfc"},
	{"RFC", "rfc"},
	{"C.U.R.P.", "curp"},
	{"CURP", "curp"},
	{"National ID No.", "national_id"},
	{"National Foreign ID Number", "national_id"},
	{"Identification Number IMO", "imo"},
	{"Identification Number", "national_id"},
	{"D.N.I.", "national_id"},
	{"Personal ID Card", "national_id"},
	{"Numero de Identidad", "national_id"},
	{"Turkish Identification Number", "national_id"},
	{"Citizen's Card Number", "national_id"},
	{"Kenyan ID No.", "national_id"},
	{"C.U.I.T.", "tax_id"},
	{"C.U.I.", "national_id"},
	{"LE Number", "national_id"},
	{"Residency Number", "residency"},
	{"Credencial electoral", "voter_id"},
	{"I.F.E.", "voter_id"},
	{"Electoral Registry No.", "voter_id"},
	{"SSN", "ssn"},
	{"Tax ID No.", "tax_id"},
	{"NIT #", "tax_id"},
	{"RUC #", "tax_id"},
	{"RIF #", "tax_id"},
	{"RTN", "tax_id"},
	{"US FEIN", "tax_id"},
	{"V.A.T. Number", "tax_id"},
	{"Italian Fiscal Code", "tax_id"},
	{"SWIFT/BIC", "swift_bic"},
	{"BIK (RU)", "bank_code"},
	{"Registration ID", "registration"},
	{"Registration Number", "registration"},
	{"Business Registration Number", "registration"},
	{"Business Registration Document #", "registration"},
	{"Business Number", "registration"},
	{"Commercial Registry Number", "registration"},
	{"Company Number IMO", "imo"},
	{"UK Company Number", "registration"},
	{"Company Number", "registration"},
	{"Folio Mercantil No.", "registration"},
	{"Matricula Mercantil No", "registration"},
	{"Government Gazette Number", "registration"},
	{"Chamber of Commerce Number", "registration"},
	{"Trade License No.", "registration"},
	{"Public Registration Number", "registration"},
	{"Enterprise Number", "registration"},
	{"Certificate of Incorporation Number", "registration"},
	{"Legal Entity Number", "lei"},
	{"Unified Social Credit Code (USCC)", "registration"},
	{"United Social Credit Code Certificate (USCCC)", "registration"},
	{"Economic Register Number (CBLS)", "registration"},
	{"Central Registration System Number", "registration"},
	{"Istanbul Chamber of Comm. No.", "registration"},
	{"Dubai Chamber of Commerce Membership No.", "registration"},
	{"C.R. No.", "registration"},
	{"D-U-N-S Number", "duns"},
	{"Registered Charity No.", "registration"},
	{"Branch Unit Number", "registration"},
	{"Vessel Registration Identification IMO", "imo"},
	{"MMSI", "mmsi"},
	{"Driver's License No.", "drivers_license"},
	{"Birth Certificate Number", "birth_certificate"},
	{"Cartilla de Servicio Militar Nacional", "military_id"},
	{"Aircraft Tail Number", "aircraft_tail"},
	{"Aircraft Manufacturer's Serial Number (MSN)", "aircraft_msn"},
	{"ISIN", "isin"},
	{"Digital Currency Address -", "crypto_wallet"},
};

typedef struct seg {
	const char *p;
	size_t n;
} seg;

static int starts(seg s, const char *w)
{
	size_t n = strlen(w);
	return s.n >= n && memcmp(s.p, w, n) == 0;
}

static seg after(seg s, size_t k)
{
	seg r = {s.p + k, s.n - k};
	r.n = cen__trim(&r.p, r.n);
	return r;
}

/* Length of the quote mark at p (ASCII ' or ", or the curly quotes U+2018,
 * U+2019, U+201C, U+201D that re-encoded Windows-1252 text brings), or 0. */
static size_t quote_at(const char *p, size_t n)
{
	if (n >= 1 && (p[0] == '\'' || p[0] == '"'))
		return 1;
	if (n >= 3 && (unsigned char)p[0] == 0xE2 && (unsigned char)p[1] == 0x80 &&
	    ((unsigned char)p[2] == 0x98 || (unsigned char)p[2] == 0x99 ||
	     (unsigned char)p[2] == 0x9C || (unsigned char)p[2] == 0x9D))
		return 3;
	return 0;
}

/* Strips the quote marks around a name: 'X', "X", curly quotes, or an
 * opening quote alone ("a.k.a. 'NAME" cut at the end of the text). */
static seg unquote(seg s)
{
	size_t q = quote_at(s.p, s.n);
	if (q) {
		s.p += q;
		s.n -= q;
		for (size_t k = 1; k <= 3 && k <= s.n; k++)
			if (quote_at(s.p + s.n - k, k) == k) {
				s.n -= k;
				break;
			}
	}
	s.n = cen__trim(&s.p, s.n);
	return s;
}

/* Finds " word" in s; returns its offset or s.n. */
static size_t find_word(seg s, const char *w)
{
	size_t n = strlen(w);
	for (size_t i = 0; i + n <= s.n; i++)
		if (memcmp(s.p + i, w, n) == 0)
			return i;
	return s.n;
}

static int identifier(cen__load *ld, cen_entity *e, seg s, int *taken)
{
	*taken = 0;
	for (size_t i = 0; i < sizeof id_labels / sizeof id_labels[0]; i++) {
		const id_label *l = &id_labels[i];
		size_t ll = strlen(l->label);
		if (s.n <= ll + 1 || memcmp(s.p, l->label, ll) != 0 || s.p[ll] != ' ')
			continue;
		seg rest = after(s, ll);
		size_t label_len = ll;
		if (strcmp(l->type, "crypto_wallet") == 0) {
			/* "Digital Currency Address - XBT 1A2b...": the currency is part of the label. */
			size_t sp = 0;
			while (sp < rest.n && rest.p[sp] != ' ')
				sp++;
			label_len = (size_t)(rest.p + sp - s.p);
			rest = after(rest, sp);
		}
		size_t cut = find_word(rest, " issued");
		size_t cut2 = find_word(rest, " expires");
		rest.n = cut < cut2 ? cut : cut2;
		rest.n = cen__trim(&rest.p, rest.n);
		const char *cc = NULL;
		if (rest.n && rest.p[rest.n - 1] == ')') {
			size_t open = rest.n - 1;
			while (open > 0 && rest.p[open] != '(')
				open--;
			if (rest.p[open] == '(' && open > 0) {
				cc = cen__country_n(rest.p + open + 1, rest.n - open - 2);
				if (cc) {
					rest.n = open;
					rest.n = cen__trim(&rest.p, rest.n);
				}
			}
		}
		if (rest.n == 0)
			return 0;
		*taken = 1;
		return cen__ent_id(ld, e, l->type, rest.p, rest.n, cc, s.p, label_len);
	}
	return 0;
}

static int dob(cen__load *ld, cen_entity *e, seg s, int *taken)
{
	cen_date d;
	*taken = cen__parse_date(s.p, s.n, &d) == 0;
	return *taken ? cen__ent_dob(ld, e, d) : 0;
}

static int gender(cen_entity *e, seg s, int *taken)
{
	*taken = 1;
	if (s.n == 4 && memcmp(s.p, "Male", 4) == 0)
		e->gender = "male";
	else if (s.n == 6 && memcmp(s.p, "Female", 6) == 0)
		e->gender = "female";
	else
		*taken = 0;
	return 0;
}

/* Applies one statement; *taken 0 keeps it in the remarks. */
static int statement(cen__load *ld, cen_entity *e, seg s, int *taken)
{
	*taken = 0;
	seg t = starts(s, "alt. ") ? after(s, 5) : s;
	if (starts(t, "DOB "))
		return dob(ld, e, after(t, 4), taken);
	if (starts(t, "POB ")) {
		seg p = after(t, 4);
		*taken = p.n > 0;
		return cen__ent_pob(ld, e, p.p, p.n);
	}
	if (starts(t, "nationality ") || starts(t, "citizen ")) {
		int nat = t.p[0] == 'n';
		seg c = after(t, nat ? 12 : 8);
		const char *cc = cen__country_n(c.p, c.n);
		if (!cc)
			return 0;
		*taken = 1;
		return nat ? cen__ent_nationality(ld, e, cc) : cen__ent_country(ld, e, cc);
	}
	if (starts(t, "Gender "))
		return gender(e, after(t, 7), taken);
	if (starts(t, "a.k.a. ") || starts(t, "f.k.a. ") || starts(t, "n.k.a. ")) {
		cen_name_type type = t.p[0] == 'a' ? CEN_NAME_WEAK_AKA
				     : t.p[0] == 'f' ? CEN_NAME_FKA : CEN_NAME_NKA;
		seg n = unquote(after(t, 7));
		*taken = n.n > 0;
		return cen__ent_name(ld, e, n.p, n.n, type);
	}
	if (starts(t, "Linked To: ")) {
		seg n = after(t, 11);
		*taken = n.n > 0;
		return cen__ent_link(ld, e, n.p, n.n);
	}
	return identifier(ld, e, t, taken);
}

int cen__ofac_remarks(cen__load *ld, cen_entity *e, const char *text, size_t len)
{
	len = cen__trim(&text, len);
	if (len && text[len - 1] == '.')
		len--; /* the full stop ending the Remarks */
	cen_buf rest;
	cen_buf_init(&rest, CEN_LIST_MAX_FIELD * 4);
	int rc = 0;
	size_t i = 0;
	while (i < len && rc == 0) {
		size_t j = i;
		while (j < len && text[j] != ';')
			j++;
		seg s = {text + i, j - i};
		s.n = cen__trim(&s.p, s.n);
		i = j + 1;
		if (s.n == 0)
			continue;
		int taken = 0;
		rc = statement(ld, e, s, &taken);
		if (rc == 0 && !taken) {
			if (rest.len)
				rc = cen_buf_append(&rest, "; ", 2);
			if (rc == 0)
				rc = cen_buf_append(&rest, s.p, s.n);
			if (rc == CEN_ELIMIT)
				rc = 0; /* the unparsed remainder is informative only */
		}
	}
	if (rc == 0 && rest.len)
		rc = cen__ent_remark(ld, e, rest.data, rest.len);
	cen_buf_release(&rest);
	return rc;
}
