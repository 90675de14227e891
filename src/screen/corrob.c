/* corrob.c - corroboration of a name match by date of birth, country and
 * identifier numbers.
 *
 * Date of birth (the best outcome over the entity's dates):
 *   full date equal                         AGREE       +0.08
 *   year equal (and month where both known) PARTIAL     +0.05
 *   inside a range or within 2 years of a circa date  PARTIAL +0.03
 *   one year apart (typing slips are common) NONE        0
 *   further apart, or same year but another month/day  CONTRADICT -0.15
 * Country: the query's country among the entity's nationalities, its
 *   countries or the countries its places of birth end with ("Culiacan,
 *   Sinaloa, Mexico"): AGREE +0.03; the entity states nationalities and
 *   none of these agree: CONTRADICT -0.03 (people move; weak evidence; a
 *   place of birth alone never contradicts).
 * Identifier: a normalised number (letters and digits, upper case, 4+
 *   characters) equal to one of the entity's: decisive, score 1.0.
 * Invariant: the sum of positive adjustments never exceeds
 *   scr_corrob_max(), which candidate pruning relies on.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "screen/screen_int.h"

#define DOB_AGREE 0.08
#define DOB_YEAR 0.05
#define DOB_NEAR 0.03
#define DOB_CONTRA (-0.15)
#define CC_AGREE 0.03
#define CC_CONTRA (-0.03)

int scr_parse_dob(const char *s, cen_date *out)
{
	memset(out, 0, sizeof *out);
	if (!s || !*s)
		return 0;
	int y = 0, m = 0, d = 0;
	size_t n = strlen(s);
	for (size_t i = 0; i < n; i++)
		if (!isdigit((unsigned char)s[i]) && s[i] != '-' && s[i] != '/')
			return CEN_EINVAL;
	if (n == 4)
		y = atoi(s);
	else if (n == 7 && (s[4] == '-' || s[4] == '/')) {
		y = atoi(s);
		m = atoi(s + 5);
	} else if (n == 10 && (s[4] == '-' || s[4] == '/') && s[7] == s[4]) {
		y = atoi(s);
		m = atoi(s + 5);
		d = atoi(s + 8);
	} else
		return CEN_EINVAL;
	if (y < 1000 || y > 9999 || m < 0 || m > 12 || d < 0 || d > 31 || (d && !m))
		return CEN_EINVAL;
	out->year = (int16_t)y;
	out->month = (int8_t)m;
	out->day = (int8_t)d;
	return 0;
}

size_t scr_norm_id(const char *s, char *out, size_t cap)
{
	size_t k = 0;
	for (; *s && k + 1 < cap; s++) {
		unsigned char c = (unsigned char)*s;
		if (isalnum(c))
			out[k++] = (char)toupper(c);
	}
	out[k] = 0;
	return k;
}

double scr_corrob_max(const scr_qextra *x)
{
	return (x->dob.year ? DOB_AGREE : 0) + (x->cc ? CC_AGREE : 0);
}

/* Rank of outcomes for choosing the best over several dates. */
static int rank(cen_corrob c, double adj)
{
	switch (c) {
	case CEN_CORROB_AGREE: return 4;
	case CEN_CORROB_PARTIAL: return adj >= DOB_YEAR ? 3 : 2;
	case CEN_CORROB_NONE: return 1;
	default: return 0;
	}
}

static void dob_one(const cen_date *q, const cen_date *e, cen_corrob *c, double *adj)
{
	*c = CEN_CORROB_NONE;
	*adj = 0;
	if (!e->year)
		return;
	if (e->year_to > e->year) {
		if (q->year >= e->year && q->year <= e->year_to) {
			*c = CEN_CORROB_PARTIAL;
			*adj = DOB_NEAR;
		} else if (q->year < e->year - 1 || q->year > e->year_to + 1) {
			*c = CEN_CORROB_CONTRADICT;
			*adj = DOB_CONTRA;
		}
		return;
	}
	int dy = abs(q->year - e->year);
	if (e->circa) {
		if (dy <= 2) {
			*c = CEN_CORROB_PARTIAL;
			*adj = DOB_NEAR;
		} else if (dy > 3) {
			*c = CEN_CORROB_CONTRADICT;
			*adj = DOB_CONTRA;
		}
		return;
	}
	if (dy == 1)
		return;
	if (dy > 1) {
		*c = CEN_CORROB_CONTRADICT;
		*adj = DOB_CONTRA;
		return;
	}
	if (q->month && e->month && q->month != e->month) {
		*c = CEN_CORROB_CONTRADICT;
		*adj = DOB_CONTRA;
		return;
	}
	if (q->day && e->day && q->month && e->month) {
		if (q->day == e->day) {
			*c = CEN_CORROB_AGREE;
			*adj = DOB_AGREE;
		} else {
			*c = CEN_CORROB_CONTRADICT;
			*adj = DOB_CONTRA;
		}
		return;
	}
	*c = CEN_CORROB_PARTIAL;
	*adj = DOB_YEAR;
}

static int cc_in(const char *cc, const char *const *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (list[i] && !strcmp(list[i], cc))
			return 1;
	return 0;
}

/* The country a place of birth ends with ("Culiacan, Sinaloa, Mexico."),
 * or NULL. */
static const char *pob_country(const char *pob)
{
	const char *start = strrchr(pob, ',');
	start = start ? start + 1 : pob;
	while (*start == ' ')
		start++;
	size_t n = strlen(start);
	while (n && (start[n - 1] == '.' || start[n - 1] == ' '))
		n--;
	char buf[64];
	if (!n || n >= sizeof buf)
		return NULL;
	memcpy(buf, start, n);
	buf[n] = '\0';
	return cen_country_code(buf);
}

static int cc_in_pobs(const char *cc, const cen_entity *e)
{
	for (size_t i = 0; i < e->n_pobs; i++) {
		const char *c = e->pobs[i] ? pob_country(e->pobs[i]) : NULL;
		if (c && !strcmp(c, cc))
			return 1;
	}
	return 0;
}

void scr_corroborate(const scr_qextra *x, const cen_entity *e, cen_score_parts *p)
{
	p->dob = CEN_CORROB_NONE;
	p->dob_adj = 0;
	p->country = CEN_CORROB_NONE;
	p->country_adj = 0;
	p->id_match = 0;
	if (x->dob.year && e->n_dobs) {
		int best = -1;
		for (size_t i = 0; i < e->n_dobs; i++) {
			cen_corrob c;
			double adj;
			dob_one(&x->dob, &e->dobs[i], &c, &adj);
			int r = rank(c, adj);
			if (r > best) {
				best = r;
				p->dob = c;
				p->dob_adj = adj;
			}
		}
	}
	if (x->cc && (e->n_nationalities || e->n_countries || e->n_pobs)) {
		if (cc_in(x->cc, e->nationalities, e->n_nationalities) ||
		    cc_in(x->cc, e->countries, e->n_countries) || cc_in_pobs(x->cc, e)) {
			p->country = CEN_CORROB_AGREE;
			p->country_adj = CC_AGREE;
		} else if (e->n_nationalities) {
			p->country = CEN_CORROB_CONTRADICT;
			p->country_adj = CC_CONTRA;
		}
	}
	for (size_t k = 0; k < x->n_ids && !p->id_match; k++)
		for (size_t i = 0; i < e->n_ids; i++) {
			char buf[64];
			if (!e->ids[i].number)
				continue;
			size_t n = scr_norm_id(e->ids[i].number, buf, sizeof buf);
			if (n >= 4 && !strcmp(buf, x->ids[k])) {
				p->id_match = 1;
				break;
			}
		}
}
