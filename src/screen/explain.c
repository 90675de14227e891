/* explain.c - the one-line explanation of a default-algorithm score.
 *
 * Names each token pair with its similarity and weight, the tokens left
 * unpaired on each side, the coverage of both sides, the conflict penalty,
 * the rarity factor, the name score, and each corroboration's effect, in
 * the order the score is computed, so an analyst can recompute it.
 */
#include <string.h>

#include "screen/screen_int.h"

static int tok(cen_buf *b, const scr_tok *t)
{
	return cen_buf_append(b, t->s, t->len);
}

static const char *kind_of(const scr_tok *a, const scr_tok *b, float s)
{
	if (a->flags & CEN_TOK_INITIAL || b->flags & CEN_TOK_INITIAL)
		return a->len == b->len ? "equal" : "initial";
	if (s >= 1.0f)
		return "equal";
	if (s == 0.90f && a->phon != b->phon)
		return "nickname";
	if (a->phon && a->phon == b->phon)
		return "sounds alike";
	return "spelling";
}

static const char *corrob_word(cen_corrob c)
{
	switch (c) {
	case CEN_CORROB_AGREE: return "agrees";
	case CEN_CORROB_PARTIAL: return "agrees partly";
	case CEN_CORROB_CONTRADICT: return "contradicts";
	default: return "not compared";
	}
}

int scr_explain(cen_buf *b, const scr_tok *q, size_t nq, const scr_tok *n, size_t nn,
		const scr_scored *sc, const cen_score_parts *p, const scr_qextra *x,
		const cen_entity *e)
{
	int rc = 0;
	uint8_t qu[SCR_MAXTOK] = {0}, nu[SCR_MAXTOK] = {0};
	for (int k = 0; k < sc->npairs && !rc; k++) {
		const scr_pair *pr = &sc->pairs[k];
		qu[pr->q] = 1;
		nu[pr->n] = 1;
		if (pr->q2 != 0xff)
			qu[pr->q2] = 1;
		if (pr->n2 != 0xff)
			nu[pr->n2] = 1;
		rc = cen_buf_puts(b, k ? "; " : "");
		rc = rc ? rc : tok(b, &q[pr->q]);
		if (!rc && pr->q2 != 0xff) {
			rc = cen_buf_putc(b, '+');
			rc = rc ? rc : tok(b, &q[pr->q2]);
		}
		rc = rc ? rc : cen_buf_putc(b, '~');
		rc = rc ? rc : tok(b, &n[pr->n]);
		if (!rc && pr->n2 != 0xff) {
			rc = cen_buf_putc(b, '+');
			rc = rc ? rc : tok(b, &n[pr->n2]);
		}
		const char *how = (pr->q2 != 0xff || pr->n2 != 0xff)
					  ? "glued"
					  : kind_of(&q[pr->q], &n[pr->n], pr->s);
		if (!rc)
			rc = cen_buf_printf(b, " %.2f %s (w %.2f)", pr->s, how, q[pr->q].w);
	}
	const char *sep = sc->npairs ? "; " : "";
	for (int side = 0; side < 2 && !rc; side++) {
		const scr_tok *t = side ? n : q;
		const uint8_t *u = side ? nu : qu;
		size_t cnt = side ? nn : nq;
		int first = 1;
		for (size_t i = 0; i < cnt && !rc; i++) {
			if (u[i])
				continue;
			if (first)
				rc = cen_buf_printf(b, "%s%s unpaired:", sep, side ? "list" : "query");
			first = 0;
			sep = "; ";
			rc = rc ? rc : cen_buf_putc(b, ' ');
			rc = rc ? rc : tok(b, &t[i]);
			if (!rc)
				rc = cen_buf_printf(b, " (w %.2f)", t[i].w);
		}
	}
	if (!rc)
		rc = cen_buf_printf(b,
				    "%scoverage query %.2f list %.2f; conflict -%.2f; rarity %.2f; name %.2f",
				    sep, sc->covq, sc->covn, sc->conflict, sc->rarity, sc->name);
	if (!rc && x && x->dob.year) {
		rc = cen_buf_printf(b, "; dob %04d", x->dob.year);
		if (!rc && x->dob.month)
			rc = cen_buf_printf(b, "-%02d", x->dob.month);
		if (!rc && x->dob.day)
			rc = cen_buf_printf(b, "-%02d", x->dob.day);
		if (!rc)
			rc = cen_buf_printf(b, " %s %+.2f", corrob_word(p->dob), p->dob_adj);
	}
	if (!rc && x && x->cc)
		rc = cen_buf_printf(b, "; country %s %s %+.2f", x->cc, corrob_word(p->country),
				    p->country_adj);
	if (!rc && p->id_match)
		rc = cen_buf_puts(b, "; identifier number matches: decisive, score 1.00");
	(void)e;
	return rc;
}
