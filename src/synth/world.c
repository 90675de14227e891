/* world.c - the synthetic population: banks, ZIP codes, currencies, and the
 * accounts with their standing relations (employer, landlord, utility,
 * friend, payroll processor) that background.c turns into transactions.
 *
 * What must hold: the world is a pure function of (seed, accounts, start);
 * account numbers are unique (an affine bijection of the index modulo
 * 9*10^9 or 9*10^17, both coprime with the multiplier); every relation
 * points to an account of the right kind; no name contains a comma or a
 * quote (rows are written without CSV quoting).
 */
#include <stdio.h>
#include <string.h>

#include "core/timeutil.h"
#include "synth/synth_int.h"

#include "core/banned.h"

const syn_bank syn_banks[] = {
	{"BNK01", "First Frontier Bank", 11, CO_US},
	{"BNK02", "Lone Star National Bank", 12, CO_US},
	{"BNK03", "Pacific Coast Bank", 13, CO_US},
	{"BNK04", "Great Lakes Savings", 14, CO_US},
	{"BNK05", "Atlantic Trust Bank", 15, CO_US},
	{"BNK06", "Border Community Bank", 16, CO_US},
	{"BNK07", "Midwest Federal Credit Union", 17, CO_US},
	{"BNK08", "Sunbelt Bank", 18, CO_US},
	{"BBVAMX", "BBVA Mexico", 21, CO_MX},
	{"BANORTE", "Banorte", 22, CO_MX},
	{"SANTMX", "Banco Santander Mexico", 23, CO_MX},
	{"CIBanco", "CIBanco S.A. Institucion de Banca Multiple", 31, CO_MX},
	{"Intercam", "Intercam Banco S.A. Institucion de Banca Multiple", 32, CO_MX},
	{"Vector", "Vector Casa de Bolsa S.A. de C.V.", 33, CO_MX},
	{"DEUTDE", "Rheinland Handelsbank", 41, CO_DE},
	{"BARCGB", "Thames Merchant Bank", 42, CO_GB},
	{"BKCHCN", "Pearl River Commercial Bank", 43, CO_CN},
	{"RBCCA", "Maple Dominion Bank", 44, CO_CA},
};
const size_t syn_nbanks = sizeof syn_banks / sizeof syn_banks[0];
const size_t syn_ndomestic_banks = 8;
static const unsigned bank_weight[8] = {30, 22, 15, 10, 8, 6, 5, 4};

/* Border ZIPs first (the `gto` area); the rest are cities across the US. */
const syn_zip syn_zips[] = {
	{"92173", "CA", 1}, {"92154", "CA", 1}, {"91910", "CA", 1}, {"92231", "CA", 1},
	{"78520", "TX", 1}, {"78521", "TX", 1}, {"78040", "TX", 1}, {"78041", "TX", 1},
	{"78043", "TX", 1}, {"78046", "TX", 1}, {"79901", "TX", 1}, {"79905", "TX", 1},
	{"79907", "TX", 1}, {"78852", "TX", 1}, {"78557", "TX", 1}, {"78503", "TX", 1},
	{"78572", "TX", 1}, {"78577", "TX", 1},
	{"10001", "NY", 0}, {"10453", "NY", 0}, {"11368", "NY", 0}, {"07102", "NJ", 0},
	{"60608", "IL", 0}, {"60623", "IL", 0}, {"90011", "CA", 0}, {"90022", "CA", 0},
	{"92101", "CA", 0}, {"77036", "TX", 0}, {"77081", "TX", 0}, {"75211", "TX", 0},
	{"78207", "TX", 0}, {"85009", "AZ", 0}, {"85705", "AZ", 0}, {"87105", "NM", 0},
	{"80219", "CO", 0}, {"30309", "GA", 0}, {"33125", "FL", 0}, {"98108", "WA", 0},
	{"97233", "OR", 0}, {"89101", "NV", 0}, {"28205", "NC", 0}, {"27610", "NC", 0},
	{"37211", "TN", 0}, {"48209", "MI", 0}, {"55407", "MN", 0}, {"02128", "MA", 0},
	{"19134", "PA", 0}, {"20011", "DC", 0}, {"63111", "MO", 0}, {"64108", "MO", 0},
	{"84104", "UT", 0}, {"95814", "CA", 0}, {"93706", "CA", 0}, {"94601", "CA", 0},
	{"68107", "NE", 0}, {"73109", "OK", 0}, {"70119", "LA", 0}, {"32822", "FL", 0},
	{"43207", "OH", 0},
};
const size_t syn_nzips = sizeof syn_zips / sizeof syn_zips[0];
#define NBORDER 18

const syn_currency syn_currencies[] = {
	{"USD", "US Dollar", 1.0},   {"MXN", "Mexican Peso", 19.85},
	{"EUR", "Euro", 0.92},       {"GBP", "UK Pound", 0.79},
	{"CNY", "Yuan", 7.24},       {"CAD", "Canadian Dollar", 1.43},
};
const char *const syn_countries[] = {"US", "MX", "DE", "GB", "CN", "CA"};
static const uint8_t country_currency[] = {CUR_USD, CUR_MXN, CUR_EUR, CUR_GBP, CUR_CNY, CUR_CAD};

const char *const syn_memos[] = {
	"", "card purchase", "payroll", "payroll funding", "rent", "utility bill",
	"transfer to friend", "cash deposit", "cash withdrawal", "family remittance",
	"supplier payment", "invoice", "marketplace payout", "transfer", "loan repayment",
	"consulting services",
};

static const char *const first_names[] = {
	"James", "Maria", "Jose", "Jennifer", "Michael", "Guadalupe", "Robert", "Linda",
	"Juan", "Patricia", "David", "Rosa", "William", "Ana", "Luis", "Elizabeth",
	"Carlos", "Susan", "Jesus", "Karen", "Miguel", "Sarah", "Francisco", "Lisa",
	"Daniel", "Veronica", "Antonio", "Nancy", "Jorge", "Margaret", "Ricardo", "Sandra",
	"Thomas", "Alejandra", "Christopher", "Gabriela", "Alberto", "Emily", "Manuel", "Laura",
	"Kevin", "Claudia", "Brian", "Teresa", "Eduardo", "Jessica", "Fernando", "Martha",
};
static const char *const last_names[] = {
	"Smith", "Garcia", "Johnson", "Martinez", "Williams", "Rodriguez", "Brown", "Hernandez",
	"Jones", "Lopez", "Miller", "Gonzalez", "Davis", "Perez", "Wilson", "Sanchez",
	"Anderson", "Ramirez", "Taylor", "Torres", "Thomas", "Flores", "Moore", "Rivera",
	"Jackson", "Gomez", "Martin", "Diaz", "Lee", "Reyes", "Thompson", "Cruz",
	"White", "Morales", "Harris", "Ortiz", "Clark", "Gutierrez", "Lewis", "Chavez",
	"Walker", "Ramos", "Hall", "Vargas", "Young", "Castillo", "King", "Mendoza",
};
static const char *const biz_words[] = {
	"Grocery", "Auto Sales", "Construction", "Trucking", "Taqueria", "Dental Care",
	"Plumbing", "Landscaping", "Restaurant", "Laundromat", "Hardware", "Bakery",
	"Property Management", "Imports", "Auto Repair", "Beauty Salon", "Electric",
	"Cleaning Services", "Liquor Store", "Tire Shop", "Pharmacy", "Furniture",
	"Car Wash", "Produce",
};
/* Designated parties: companies' trades, and the accented spelling the list
 * uses where the wire writes plain ASCII. */
static const char *const front_words[] = {
	"Inmobiliaria", "Transportes", "Agropecuaria", "Servicios Integrales", "Importadora",
	"Constructora",
};
/* Names of designated parties: {as wires write them, as the list does}. */
static const char *const des_first[][2] = {
	{"Jose", "José"}, {"Maria", "María"}, {"Jesus", "Jesús"}, {"Guadalupe", "Guadalupe"},
	{"Francisco", "Francisco"}, {"Rosa", "Rosa"}, {"Ramon", "Ramón"}, {"Veronica", "Verónica"},
	{"Martin", "Martín"}, {"Alejandra", "Alejandra"}, {"Joaquin", "Joaquín"}, {"Ines", "Inés"},
};
static const char *const des_last[][2] = {
	{"Garcia", "García"}, {"Martinez", "Martínez"}, {"Rodriguez", "Rodríguez"},
	{"Hernandez", "Hernández"}, {"Lopez", "López"}, {"Gonzalez", "González"},
	{"Perez", "Pérez"}, {"Sanchez", "Sánchez"}, {"Ramirez", "Ramírez"}, {"Torres", "Torres"},
	{"Gomez", "Gómez"}, {"Diaz", "Díaz"}, {"Gutierrez", "Gutiérrez"}, {"Chavez", "Chávez"},
	{"Castillo", "Castillo"}, {"Mendoza", "Mendoza"}, {"Ibarra", "Ibarra"}, {"Beltran", "Beltrán"},
	{"Zambada", "Zambada"}, {"Caro", "Caro"}, {"Salazar", "Salazar"}, {"Nunez", "Núñez"},
};
#define NDES_FIRST (sizeof des_first / sizeof des_first[0])
#define NDES_LAST (sizeof des_last / sizeof des_last[0])
#define NFIRST (sizeof first_names / sizeof first_names[0])
#define NLAST (sizeof last_names / sizeof last_names[0])
#define NWORDS (sizeof biz_words / sizeof biz_words[0])
#define WORD_PROPERTY 12

int syn_list_push(syn_list *l, uint32_t v)
{
	if (l->n == l->cap) {
		uint32_t nc = l->cap ? l->cap * 2 : 64;
		uint32_t *nv = cen_realloc(l->v, (size_t)nc * sizeof *nv);
		if (!nv)
			return CEN_ENOMEM;
		l->v = nv;
		l->cap = nc;
	}
	l->v[l->n++] = v;
	return 0;
}

int syn_ev_push(syn_evbuf *b, const syn_ev *e)
{
	if (b->n == b->cap) {
		size_t nc = b->cap ? b->cap * 2 : 4096;
		syn_ev *nv = cen_realloc(b->v, nc * sizeof *nv);
		if (!nv)
			return CEN_ENOMEM;
		b->v = nv;
		b->cap = nc;
	}
	b->v[b->n++] = *e;
	return 0;
}

static uint32_t pick(syn_rng *r, const syn_list *l)
{
	return l->n ? l->v[syn_below(r, l->n)] : SYN_NONE;
}

static uint8_t pick_domestic_bank(syn_rng *r)
{
	unsigned u = (unsigned)syn_below(r, 100), acc = 0;
	for (uint8_t b = 0; b < 8; b++) {
		acc += bank_weight[b];
		if (u < acc)
			return b;
	}
	return 0;
}

static uint16_t pick_zip(syn_rng *r, double border_share)
{
	if (syn_chance(r, border_share))
		return (uint16_t)syn_below(r, NBORDER);
	return (uint16_t)(NBORDER + syn_below(r, syn_nzips - NBORDER));
}

static int add_acct(syn_world *w, syn_rng *r, uint8_t kind, uint8_t bank, uint32_t *idx)
{
	if (w->n == w->cap) {
		uint32_t nc = w->cap ? w->cap * 2 : 1024;
		syn_acct *na = cen_realloc(w->a, (size_t)nc * sizeof *na);
		if (!na)
			return CEN_ENOMEM;
		w->a = na;
		w->cap = nc;
	}
	uint32_t i = w->n++;
	syn_acct *a = &w->a[i];
	memset(a, 0, sizeof *a);
	a->kind = kind;
	a->bank = bank;
	a->party = i + 1;
	a->link = a->landlord = a->utility = a->friend_ = SYN_NONE;
	a->first = (uint16_t)syn_below(r, NFIRST);
	a->last = (uint16_t)syn_below(r, NLAST);
	/* Long foreign numbers look like a CLABE (18 digits). */
	if (kind == SK_EXT_PERSON || kind == SK_EXT_BUSINESS)
		a->num = 100000000000000000ULL +
			 ((uint64_t)i * 2654435761ULL + (uint64_t)w->o->seed % 1000003ULL) %
				 900000000000000000ULL;
	else
		a->num = 1000000000ULL +
			 ((uint64_t)i * 2654435761ULL + (uint64_t)w->o->seed % 1000003ULL) %
				 9000000000ULL;
	*idx = i;
	return 0;
}

static int add_many(syn_world *w, syn_rng *r, uint8_t kind, uint32_t count, syn_list *l)
{
	for (uint32_t k = 0; k < count; k++) {
		uint32_t i;
		int rc = add_acct(w, r, kind, pick_domestic_bank(r), &i);
		if (!rc)
			rc = syn_list_push(l, i);
		if (rc)
			return rc;
	}
	return 0;
}

static int add_foreign(syn_world *w, syn_rng *r, uint8_t kind, uint32_t count,
		       uint8_t bank_lo, uint8_t bank_n, syn_list *l)
{
	for (uint32_t k = 0; k < count; k++) {
		uint32_t i;
		int rc = add_acct(w, r, kind, (uint8_t)(bank_lo + k % bank_n), &i);
		if (!rc)
			rc = syn_list_push(l, i);
		if (rc)
			return rc;
	}
	return 0;
}

static uint32_t max_u32(uint32_t a, uint32_t b)
{
	return a > b ? a : b;
}

static void setup_business(syn_world *w, syn_rng *r, syn_acct *a)
{
	a->zip = pick_zip(r, 0.1);
	a->first = (uint16_t)syn_below(r, NWORDS);
	if (syn_chance(r, 0.30))
		a->flags |= SF_CASHBIZ;
	if (syn_chance(r, 0.0075))
		a->flags |= SF_CASHBIZ | SF_BIGCASH;
	if (syn_chance(r, 0.4)) {
		a->flags |= SF_VIAHUB;
		a->link = pick(r, &w->payroll);
	}
	if (syn_chance(r, 0.5))
		a->flags |= SF_SEMIMONTHLY;
	if (syn_chance(r, 0.5))
		a->flags |= SF_PHASE;
	a->rent = syn_lognormal_cents(r, 4000, 0.5) / 2500 * 2500;
	a->rent_day = (uint8_t)syn_range(r, 1, 3);
	a->card_rate = 0;
}

static void setup_person(syn_world *w, syn_rng *r, uint32_t i)
{
	syn_acct *a = &w->a[i];
	a->zip = pick_zip(r, 0.1);
	if (syn_chance(r, 0.8) && w->biz.n) {
		double u = syn_unif(r);
		/* Skewed: a few employers with hundreds of staff, many small. */
		a->link = w->biz.v[(uint32_t)(u * u * w->biz.n)];
		a->pay = syn_lognormal_cents(r, 1600, 0.4);
		w->a[a->link].pay += a->pay;
	}
	if (syn_chance(r, 0.6)) {
		if (syn_chance(r, 0.7) || !w->landlords_person.n)
			a->landlord = pick(r, &w->landlords_biz);
		else
			a->landlord = pick(r, &w->landlords_person);
		if (a->landlord == i)
			a->landlord = SYN_NONE;
		a->rent = syn_lognormal_cents(r, 1400, 0.35) / 2500 * 2500;
		a->rent_day = (uint8_t)(syn_chance(r, 0.7) ? 1 : syn_range(r, 2, 5));
	}
	a->utility = pick(r, &w->utility);
	a->util_day = (uint8_t)syn_range(r, 1, 28);
	a->friend_ = pick(r, &w->persons);
	a->card_rate = (float)(0.3 + syn_unif(r));
	if (syn_chance(r, syn_zips[a->zip].border ? 0.35 : 0.12)) {
		a->flags |= SF_REMIT;
		a->remit_day = (uint8_t)syn_range(r, 1, 28);
		a->friend_ = pick(r, &w->ext_mx_person);
	}
}

int syn_world_build(syn_world *w, const cen_synth_opts *o)
{
	memset(w, 0, sizeof *w);
	w->o = o;
	w->day0 = cen__floor_div(o->start, 86400);
	syn_rng r;
	syn_rng_seed(&r, o->seed, 1);
	uint32_t n = (uint32_t)o->accounts;
	uint32_t n_payroll = max_u32(1, n / 20000), n_util = max_u32(2, n / 10000);
	uint32_t n_market = max_u32(1, n / 25000), n_msb = max_u32(8, n * 3 / 1000);
	uint32_t n_biz = max_u32(20, n * 8 / 100);
	uint32_t n_fixed = n_payroll + n_util + n_market + n_msb + n_biz;
	uint32_t n_people = n > n_fixed + 50 ? n - n_fixed : 50;
	uint32_t n_second = n_people / 50;
	n_people -= n_second;
	int rc = 0;

	/* Hubs first so businesses and people can point at them. */
	if ((rc = add_many(w, &r, SK_HUB_PAYROLL, n_payroll, &w->payroll)) ||
	    (rc = add_many(w, &r, SK_HUB_UTILITY, n_util, &w->utility)) ||
	    (rc = add_many(w, &r, SK_HUB_MARKET, n_market, &w->market)) ||
	    (rc = add_many(w, &r, SK_MSB, n_msb, &w->msb)) ||
	    (rc = add_many(w, &r, SK_BUSINESS, n_biz, &w->biz)) ||
	    (rc = add_many(w, &r, SK_PERSON, n_people, &w->persons)))
		goto out;
	/* Foreign counterparties. */
	if ((rc = add_foreign(w, &r, SK_EXT_PERSON, max_u32(60, n / 40), BANK_FIRST_MX, 3,
			      &w->ext_mx_person)) ||
	    (rc = add_foreign(w, &r, SK_EXT_BUSINESS, max_u32(20, n / 500), BANK_FIRST_MX, 3,
			      &w->ext_mx_biz)) ||
	    (rc = add_foreign(w, &r, SK_EXT_BUSINESS, max_u32(20, n / 1000), BANK_DE, 4,
			      &w->ext_foreign)) ||
	    (rc = add_foreign(w, &r, SK_EXT_BUSINESS, 24, BANK_FIRST_BLOCKED, 3, &w->blocked)) ||
	    (rc = add_foreign(w, &r, SK_EXT_PERSON, SYN_DESIGNATED / 2, BANK_FIRST_MX, 3,
			      &w->designated)) ||
	    (rc = add_foreign(w, &r, SK_EXT_BUSINESS, SYN_DESIGNATED / 2, BANK_FIRST_MX, 3,
			      &w->designated)))
		goto out;
	/* Alternate persons and companies among the ones that transact. */
	for (uint32_t k = 0; k < SYN_DESIGNATED / 2; k += 2) {
		uint32_t t = w->designated.v[k + 1];
		w->designated.v[k + 1] = w->designated.v[SYN_DESIGNATED / 2 + k];
		w->designated.v[SYN_DESIGNATED / 2 + k] = t;
	}
	for (uint32_t k = 0; k < w->designated.n; k++)
		w->a[w->designated.v[k]].flags |= SF_DESIGNATED;

	for (uint32_t k = 0; k < w->n; k++) {
		syn_acct *a = &w->a[k];
		if (a->kind >= SK_HUB_PAYROLL && a->kind <= SK_HUB_MARKET)
			a->zip = pick_zip(&r, 0.0);
		else if (a->kind == SK_MSB) {
			a->zip = pick_zip(&r, 0.45);
			if (syn_zips[a->zip].border && (rc = syn_list_push(&w->msb_border, k)))
				goto out;
		} else if (a->kind == SK_BUSINESS) {
			setup_business(w, &r, a);
			if ((a->flags & SF_CASHBIZ) && (rc = syn_list_push(&w->cashbiz, k)))
				goto out;
			if (a->first == WORD_PROPERTY || syn_chance(&r, 0.04))
				if ((rc = syn_list_push(&w->landlords_biz, k)))
					goto out;
		} else if (a->kind == SK_PERSON && syn_chance(&r, 0.01)) {
			if ((rc = syn_list_push(&w->landlords_person, k)))
				goto out;
		}
	}
	/* gto needs money services businesses in the border area. */
	for (uint32_t k = 0; w->msb_border.n < 2 && k < w->msb.n; k++) {
		syn_acct *m = &w->a[w->msb.v[k]];
		if (syn_zips[m->zip].border)
			continue;
		m->zip = (uint16_t)syn_below(&r, NBORDER);
		if ((rc = syn_list_push(&w->msb_border, w->msb.v[k])))
			goto out;
	}
	if (!w->landlords_biz.n && (rc = syn_list_push(&w->landlords_biz, w->biz.v[0])))
		goto out;
	for (uint32_t k = 0; k < w->n; k++) {
		if (w->a[k].kind == SK_BUSINESS)
			w->a[k].landlord = pick(&r, &w->landlords_biz);
		else if (w->a[k].kind == SK_PERSON)
			setup_person(w, &r, k);
	}
	for (uint32_t k = 0; k < w->biz.n; k++)
		if (w->a[w->biz.v[k]].landlord == w->biz.v[k])
			w->a[w->biz.v[k]].landlord = SYN_NONE;
	/* Second accounts at another bank, same party (structuring uses them). */
	for (uint32_t k = 0; k < n_second; k++) {
		uint32_t first = w->persons.v[syn_below(&r, w->persons.n)], i;
		if (w->a[first].flags & SF_SECOND)
			continue;
		if ((rc = add_acct(w, &r, SK_PERSON, 0, &i)) ||
		    (rc = syn_list_push(&w->seconds, i)))
			goto out;
		syn_acct *a = &w->a[i], *f = &w->a[first];
		a->bank = (uint8_t)((f->bank + 1 + syn_below(&r, 7)) % 8);
		a->party = f->party;
		a->first = f->first;
		a->last = f->last;
		a->zip = f->zip;
		a->link = first;
		a->flags = SF_SECOND;
		a->card_rate = 0.1f;
		a->friend_ = first;
	}
	w->n_dom = w->n;
	for (uint8_t b = 0; b < syn_ndomestic_banks; b++)
		if ((rc = add_acct(w, &r, SK_ATM, b, &w->atm[b])))
			goto out;
	w->hot = cen_malloc((size_t)w->n * sizeof *w->hot);
	if (!w->hot) {
		rc = CEN_ENOMEM;
		goto out;
	}
	for (uint32_t k = 0; k < w->n; k++) {
		w->hot[k].num = w->a[k].num;
		w->hot[k].bank = w->a[k].bank;
		w->hot[k].kind = w->a[k].kind;
	}
out:
	if (rc)
		syn_world_release(w);
	return rc;
}

void syn_world_release(syn_world *w)
{
	syn_list *lists[] = {&w->persons, &w->biz, &w->cashbiz, &w->msb, &w->msb_border,
			     &w->payroll, &w->utility, &w->market, &w->landlords_biz,
			     &w->landlords_person, &w->ext_mx_person, &w->ext_mx_biz,
			     &w->ext_foreign, &w->blocked, &w->seconds,
			     &w->designated};
	for (size_t k = 0; k < sizeof lists / sizeof lists[0]; k++) {
		cen_free(lists[k]->v);
		lists[k]->v = NULL;
		lists[k]->n = lists[k]->cap = 0;
	}
	cen_free(w->a);
	cen_free(w->hot);
	w->a = NULL;
	w->hot = NULL;
	w->n = w->cap = 0;
}

/* Name parts of a designated account; spelled 0: as on wires, 1: as listed. */
static const char *des_given(const syn_acct *a, int listed)
{
	return des_first[a->first % NDES_FIRST][listed];
}

static const char *des_surname(const syn_acct *a, int second, int listed)
{
	unsigned k = second ? (a->last * 7u + a->first + 3u) : a->last;
	return des_last[k % NDES_LAST][listed];
}

static const char *front_word(const syn_acct *a)
{
	return front_words[a->first % (sizeof front_words / sizeof front_words[0])];
}

/* How designated account i is written on wires: "Given First Second", plain
 * ASCII; every sixth drops the second surname (a variant only fuzzy
 * screening recovers); companies lose the punctuation of their legal form,
 * every other one the legal form itself. */
static size_t designated_wire_name(const syn_world *w, uint32_t i, char *out, size_t cap)
{
	const syn_acct *a = &w->a[i];
	int k;
	if (a->kind == SK_EXT_PERSON)
		k = a->party % 6 == 5 ? snprintf(out, cap, "%s %s", des_given(a, 0), des_surname(a, 0, 0))
				      : snprintf(out, cap, "%s %s %s", des_given(a, 0),
						 des_surname(a, 0, 0), des_surname(a, 1, 0));
	else
		k = snprintf(out, cap, "%s %s %s%s", front_word(a), des_surname(a, 0, 0),
			     des_surname(a, 1, 0), a->party % 2 ? " SA de CV" : "");
	return k < 0 ? 0 : (size_t)k < cap ? (size_t)k : cap - 1;
}

/* The list writes "Surnames, Given" with accents; companies with their
 * punctuated legal form, and the bare name as an alias. */
size_t syn_watchlist_row(const syn_world *w, uint32_t i, uint32_t k, char *out, size_t cap)
{
	const syn_acct *a = &w->a[i];
	int n;
	if (a->kind == SK_EXT_PERSON)
		n = snprintf(out, cap, "SYN-%u,person,\"%s %s, %s\",,%u,MX,SDNTK;ILLICIT-DRUGS-EO14059\n",
			     (unsigned)k + 1, des_surname(a, 0, 1), des_surname(a, 1, 1),
			     des_given(a, 1), 1960u + a->party % 35);
	else
		n = snprintf(out, cap,
			     "SYN-%u,org,\"%s %s %s, S.A. de C.V.\",%s %s %s,,MX,"
			     "SDNTK;ILLICIT-DRUGS-EO14059\n",
			     (unsigned)k + 1, front_word(a), des_surname(a, 0, 1), des_surname(a, 1, 1),
			     front_word(a), des_surname(a, 0, 1), des_surname(a, 1, 1));
	return n < 0 ? 0 : (size_t)n < cap ? (size_t)n : cap - 1;
}

size_t syn_acct_name(const syn_world *w, uint32_t i, char *out, size_t cap)
{
	const syn_acct *a = &w->a[i];
	int k;
	if (a->flags & SF_DESIGNATED)
		return designated_wire_name(w, i, out, cap);
	switch (a->kind) {
	case SK_BUSINESS:
		k = snprintf(out, cap, "%s %s LLC", last_names[a->last], biz_words[a->first]);
		break;
	case SK_MSB:
		k = snprintf(out, cap, "%s Envios y Cambio", last_names[a->last]);
		break;
	case SK_HUB_PAYROLL:
		k = snprintf(out, cap, "PayFlow Payroll Services %u", (unsigned)(a->party % 97));
		break;
	case SK_HUB_UTILITY:
		k = snprintf(out, cap, "Metro Power and Light %u", (unsigned)(a->party % 97));
		break;
	case SK_HUB_MARKET:
		k = snprintf(out, cap, "ShopCentral Marketplace %u", (unsigned)(a->party % 97));
		break;
	case SK_EXT_BUSINESS:
		if (a->bank >= BANK_FIRST_BLOCKED && a->bank < BANK_DE)
			k = snprintf(out, cap, "Comercializadora %s %s SA de CV",
				     last_names[a->last], last_names[a->first % NLAST]);
		else if (a->bank < BANK_DE)
			k = snprintf(out, cap, "Distribuidora %s SA de CV", last_names[a->last]);
		else
			k = snprintf(out, cap, "%s Trading Ltd", last_names[a->last]);
		break;
	default:
		k = snprintf(out, cap, "%s %s", first_names[a->first % NFIRST],
			     last_names[a->last]);
		break;
	}
	if (k < 0)
		return 0;
	return (size_t)k < cap ? (size_t)k : cap - 1;
}

uint8_t syn_acct_country(const syn_world *w, uint32_t i)
{
	return syn_banks[w->a[i].bank].country;
}

uint8_t syn_acct_currency(const syn_world *w, uint32_t i)
{
	return country_currency[syn_acct_country(w, i)];
}

int syn_weekday(const syn_world *w, uint32_t d)
{
	int64_t days = w->day0 + d;
	return (int)(((days + 4) % 7 + 7) % 7); /* 1970-01-01 was a Thursday */
}

int syn_mday(const syn_world *w, uint32_t d)
{
	int y;
	unsigned m, md;
	cen__civil_from_days(w->day0 + d, &y, &m, &md);
	return (int)md;
}

/* The weekday on or before day `days` (epoch days) that is Monday..Friday. */
static int64_t back_to_weekday(int64_t days)
{
	int wd = (int)(((days + 4) % 7 + 7) % 7);
	if (wd == 6)
		return days - 1;
	if (wd == 0)
		return days - 2;
	return days;
}

int syn_is_payday(const syn_world *w, uint32_t biz, uint32_t d)
{
	return syn_is_payday_schedule(w, w->a[biz].flags, d);
}

int syn_is_payday_schedule(const syn_world *w, uint8_t flags, uint32_t d)
{
	int64_t days = w->day0 + d;
	int wd = syn_weekday(w, d);
	if (wd == 0 || wd == 6)
		return 0;
	if (flags & SF_SEMIMONTHLY) {
		int y;
		unsigned m, md;
		cen__civil_from_days(days, &y, &m, &md);
		int64_t mid = cen__days_from_civil(y, m, 15);
		int64_t last = cen__days_from_civil(m == 12 ? y + 1 : y, m == 12 ? 1 : m + 1, 1) - 1;
		return days == back_to_weekday(mid) || days == back_to_weekday(last);
	}
	if (wd != 5)
		return 0;
	int64_t week = cen__floor_div(days + 4, 7); /* weeks since a Sunday */
	return (int)(week & 1) == ((flags & SF_PHASE) ? 1 : 0);
}

int64_t syn_convert(int64_t usd_cents, uint8_t c)
{
	return (int64_t)((double)usd_cents * syn_currencies[c].per_usd + 0.5);
}
