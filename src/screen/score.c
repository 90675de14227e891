/* score.c - the default name scorer: pairs tokens and turns the pairing
 * into a score.
 *
 * Pairing: tokens pair one to one, best similarity first (greedy over the
 * similarity matrix; names have a handful of tokens). An initial pairs with
 * a token of the same first letter, after every real pair. A token left
 * alone may then pair with two adjacent lone tokens of the other side glued
 * together ("mariajose" / "maria jose", "abdelrahman" / "abdel rahman").
 * Score, with w the token weights (rarity) and s the pair similarity:
 *   covq = sum(w*s over paired query tokens) / sum(w over query tokens)
 *   covn = the same on the list name's side
 *   conflict = K * min(unpaired significant weight share of the query,
 *                       unpaired significant weight share of the list name)
 *     (a token missing on one side is a dropped name part; a token unpaired
 *      on both sides is a different name part: "Lopez" vs "Loera")
 *   rarity = min(1, R0 + (1 - R0) * info / INFO_FULL), info = sum(w*s) over
 *     paired query tokens: a match made only of common tokens scores less
 *   conflict += PATERNAL_K when the list name is "SURNAMES, Given" and its
 *     first (paternal) surname is unpaired while a later one pairs
 *   name = clamp((WQ * covq + (1 - WQ) * covn - conflict) * rarity, 0, 1)
 * The query side weighs more (WQ 0.6 for people, 0.7 for organisations)
 * because a query often drops the maternal surname or a middle name while
 * the list holds the full legal name; an organisation's extra word in the
 * query ("Carteles Publicitarios Unidos") more often names another firm.
 * Invariant: name == 1 iff every token pairs with an equal token and the
 * paired tokens carry at least INFO_FULL weight.
 */
#include <string.h>

#include "screen/screen_int.h"

#define PATERNAL_K 0.10f
#define CONFLICT_K 0.5f
#define R0 0.80f
#define INFO_FULL 1.6f
#define S_INITIAL_ORDER 0.8005f /* initial pairs are formed after real ones */
#define S_INITIAL_SELF SCR_S_INIT_SELF /* credit of the initial's own side */
#define S_INITIAL_FULL SCR_S_INIT_FULL /* credit of the full token's side */
#define S_GLUED 0.95f

static int is_init(const scr_tok *t)
{
	return (t->flags & CEN_TOK_INITIAL) != 0;
}

static int glued_eq(const scr_tok *one, const scr_tok *a, const scr_tok *b)
{
	return one->len == a->len + b->len && !memcmp(one->s, a->s, a->len) &&
	       !memcmp(one->s + a->len, b->s, b->len);
}

void scr_score_name(const scr_tok *q, size_t nq, const scr_tok *n, size_t nn,
		    const float *S, int org, scr_scored *out)
{
	const float WQ = org ? SCR_WQ_ORG : SCR_WQ_PERSON;
	uint8_t qp[SCR_MAXTOK] = {0}, np[SCR_MAXTOK] = {0};
	float sq[SCR_MAXTOK] = {0}, sn[SCR_MAXTOK] = {0};
	float M[SCR_MAXTOK * SCR_MAXTOK];
	memset(out, 0, sizeof *out);
	for (size_t i = 0; i < nq; i++)
		for (size_t j = 0; j < nn; j++) {
			float v = S[i * nn + j];
			if (v <= 0.0f && (is_init(&q[i]) || is_init(&n[j])) &&
			    !(q[i].flags & CEN_TOK_PARTICLE) && !(n[j].flags & CEN_TOK_PARTICLE) &&
			    q[i].s[0] == n[j].s[0] && !(is_init(&q[i]) && is_init(&n[j])))
				v = S_INITIAL_ORDER;
			M[i * nn + j] = v;
		}
	for (;;) {
		float best = 0.0f;
		size_t bi = 0, bj = 0;
		for (size_t i = 0; i < nq; i++) {
			if (qp[i])
				continue;
			for (size_t j = 0; j < nn; j++)
				if (!np[j] && M[i * nn + j] > best) {
					best = M[i * nn + j];
					bi = i;
					bj = j;
				}
		}
		if (best < SCR_FLOOR)
			break;
		qp[bi] = np[bj] = 1;
		if (best == S_INITIAL_ORDER) {
			sq[bi] = is_init(&q[bi]) ? S_INITIAL_SELF : S_INITIAL_FULL;
			sn[bj] = is_init(&n[bj]) ? S_INITIAL_SELF : S_INITIAL_FULL;
		} else {
			sq[bi] = sn[bj] = best;
		}
		scr_pair *p = &out->pairs[out->npairs++];
		p->q = (uint8_t)bi;
		p->n = (uint8_t)bj;
		p->n2 = p->q2 = 0xff;
		p->s = best == S_INITIAL_ORDER ? sq[bi] : best;
	}
	/* Glued tokens. */
	for (size_t i = 0; i < nq; i++) {
		if (qp[i] || is_init(&q[i]))
			continue;
		for (size_t j = 0; j + 1 < nn; j++)
			if (!np[j] && !np[j + 1] && glued_eq(&q[i], &n[j], &n[j + 1])) {
				qp[i] = np[j] = np[j + 1] = 1;
				sq[i] = sn[j] = sn[j + 1] = S_GLUED;
				scr_pair *p = &out->pairs[out->npairs++];
				p->q = (uint8_t)i;
				p->n = (uint8_t)j;
				p->n2 = (uint8_t)(j + 1);
				p->q2 = 0xff;
				p->s = S_GLUED;
				break;
			}
	}
	for (size_t j = 0; j < nn; j++) {
		if (np[j] || is_init(&n[j]))
			continue;
		for (size_t i = 0; i + 1 < nq; i++)
			if (!qp[i] && !qp[i + 1] && glued_eq(&n[j], &q[i], &q[i + 1])) {
				np[j] = qp[i] = qp[i + 1] = 1;
				sn[j] = sq[i] = sq[i + 1] = S_GLUED;
				if (out->npairs < SCR_MAXTOK) {
					scr_pair *p = &out->pairs[out->npairs++];
					p->q = (uint8_t)i;
					p->q2 = (uint8_t)(i + 1);
					p->n = (uint8_t)j;
					p->n2 = 0xff;
					p->s = S_GLUED;
				}
				break;
			}
	}
	float wq = 0, wn = 0, cq = 0, cn = 0, uq = 0, un = 0, info = 0;
	int pat_lost = 0, sur_kept = 0;
	for (size_t j = 0; j < nn; j++) {
		if ((n[j].flags & SCR_TF_PATERNAL) && !np[j])
			pat_lost = 1;
		if ((n[j].flags & SCR_TF_SURNAME) && np[j])
			sur_kept = 1;
	}
	for (size_t i = 0; i < nq; i++) {
		wq += q[i].w;
		cq += q[i].w * sq[i];
		if (!(q[i].flags & CEN_TOK_PARTICLE))
			info += q[i].w * sq[i];
		if (!qp[i] && !(q[i].flags & (CEN_TOK_PARTICLE | CEN_TOK_INITIAL)))
			uq += q[i].w;
	}
	for (size_t j = 0; j < nn; j++) {
		wn += n[j].w;
		cn += n[j].w * sn[j];
		if (!np[j] && !(n[j].flags & (CEN_TOK_PARTICLE | CEN_TOK_INITIAL)))
			un += n[j].w;
	}
	if (wq <= 0 || wn <= 0)
		return;
	out->covq = cq / wq;
	out->covn = cn / wn;
	float fq = uq / wq, fn = un / wn;
	out->conflict = CONFLICT_K * (fq < fn ? fq : fn);
	/* the paternal surname missing while a later surname pairs: people
	 * drop the maternal surname, rarely the paternal one */
	if (pat_lost && sur_kept)
		out->conflict += PATERNAL_K;
	out->rarity = R0 + (1.0f - R0) * (info >= INFO_FULL ? 1.0f : info / INFO_FULL);
	float v = (WQ * out->covq + (1.0f - WQ) * out->covn - out->conflict) * out->rarity;
	out->name = v < 0 ? 0 : v > 1 ? 1 : v;
}

/* Upper bound of scr_score_name's name score: every token takes its best
 * possible credit (ignoring that pairs are one to one) and no conflict. */
float scr_score_bound(const scr_tok *q, size_t nq, const scr_tok *n, size_t nn,
		      const float *S, int org)
{
	float bq[SCR_MAXTOK], bn[SCR_MAXTOK];
	int qi[SCR_MAXTOK], ni[SCR_MAXTOK], any_init = 0;
	for (size_t j = 0; j < nn; j++) {
		bn[j] = 0;
		ni[j] = is_init(&n[j]);
		any_init |= ni[j];
	}
	for (size_t i = 0; i < nq; i++) {
		qi[i] = is_init(&q[i]);
		any_init |= qi[i];
		float b = 0;
		const float *row = S + i * nn;
		for (size_t j = 0; j < nn; j++) {
			float v = row[j];
			if (v > b)
				b = v;
			if (v > bn[j])
				bn[j] = v;
		}
		bq[i] = b;
	}
	if (any_init)
		for (size_t i = 0; i < nq; i++)
			for (size_t j = 0; j < nn; j++) {
				if (!(qi[i] || ni[j]) || q[i].s[0] != n[j].s[0])
					continue;
				float a = qi[i] ? S_INITIAL_SELF : S_INITIAL_FULL;
				float b = ni[j] ? S_INITIAL_SELF : S_INITIAL_FULL;
				if (a > bq[i])
					bq[i] = a;
				if (b > bn[j])
					bn[j] = b;
			}
	/* glued: q[i] == n[j] n[j+1], or n[j] == q[i] q[i+1] */
	for (size_t i = 0; i < nq; i++)
		for (size_t j = 0; j + 1 < nn; j++)
			if (q[i].len == n[j].len + n[j + 1].len && glued_eq(&q[i], &n[j], &n[j + 1])) {
				bq[i] = bq[i] > S_GLUED ? bq[i] : S_GLUED;
				bn[j] = bn[j] > S_GLUED ? bn[j] : S_GLUED;
				bn[j + 1] = bn[j + 1] > S_GLUED ? bn[j + 1] : S_GLUED;
			}
	for (size_t j = 0; j < nn; j++)
		for (size_t i = 0; i + 1 < nq; i++)
			if (n[j].len == q[i].len + q[i + 1].len && glued_eq(&n[j], &q[i], &q[i + 1])) {
				bn[j] = bn[j] > S_GLUED ? bn[j] : S_GLUED;
				bq[i] = bq[i] > S_GLUED ? bq[i] : S_GLUED;
				bq[i + 1] = bq[i + 1] > S_GLUED ? bq[i + 1] : S_GLUED;
			}
	float wn = 0, cn = 0;
	for (size_t j = 0; j < nn; j++) {
		wn += n[j].w;
		cn += n[j].w * bn[j];
	}
	return scr_score_bound_tail(q, nq, bq, cn, wn, org);
}

float scr_score_bound_tail(const scr_tok *q, size_t nq, const float *bq, float cn, float wn,
			   int org)
{
	const float WQ = org ? SCR_WQ_ORG : SCR_WQ_PERSON;
	float wq = 0, cq = 0, info = 0;
	for (size_t i = 0; i < nq; i++) {
		wq += q[i].w;
		cq += q[i].w * bq[i];
		if (!(q[i].flags & CEN_TOK_PARTICLE))
			info += q[i].w * bq[i];
	}
	if (wq <= 0 || wn <= 0)
		return 0;
	float r = R0 + (1.0f - R0) * (info >= INFO_FULL ? 1.0f : info / INFO_FULL);
	float v = (WQ * cq / wq + (1.0f - WQ) * cn / wn) * r;
	return v > 1 ? 1 : v;
}
