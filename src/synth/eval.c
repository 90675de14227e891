/* eval.c - the scoring state of cen_eval and its figures (docs/eval.md).
 *
 * Transaction ids, accounts, attempts and typology names are interned to
 * dense indices; per transaction we keep its truth typology (-1: not
 * laundering), its attempt, and a bit mask of the alert typologies that
 * flagged it; per account a mask of its truth typologies and whether an
 * alert named it. What must hold: the parallel arrays always cover every
 * interned index; at most 64 typology names are told apart (index 63 is
 * "other" once 63 names exist); an alert line is validated completely
 * before any of it is counted, so a bad line leaves no trace.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "centinela/synth.h"
#include "core/hash.h"
#include "synth/eval_int.h"

#include "core/banned.h"

#define MAX_TYPES 64
#define MAX_ID 1024

struct cen_eval {
	cen__intern txn_ids;
	int16_t *txn_truth;
	uint32_t *txn_attempt;
	uint64_t *txn_flags;
	size_t txn_cap;
	cen__intern accts;
	uint64_t *acct_truth;
	uint8_t *acct_flagged;
	size_t acct_cap;
	cen__intern attempts; /* "typology\x1f" attempt id */
	int16_t *att_typ;
	size_t att_cap;
	cen__intern types;
	uint64_t alerts, bad_lines, alerts_by_type[MAX_TYPES];
	int has_accounts;
	cen_eval_typology *res;
	char err[512];
};

void cen__eval_set_err(cen_eval *e, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(e->err, sizeof e->err, fmt, ap);
	va_end(ap);
}

void cen__eval_count_bad_line(cen_eval *e)
{
	e->bad_lines++;
}

const char *cen_eval_errmsg(const cen_eval *e)
{
	return e ? e->err : "no evaluator";
}

void cen_eval_free(cen_eval *e)
{
	if (!e)
		return;
	cen__intern_release(&e->txn_ids);
	cen__intern_release(&e->accts);
	cen__intern_release(&e->attempts);
	cen__intern_release(&e->types);
	cen_free(e->txn_truth);
	cen_free(e->txn_attempt);
	cen_free(e->txn_flags);
	cen_free(e->acct_truth);
	cen_free(e->acct_flagged);
	cen_free(e->att_typ);
	cen_free(e->res);
	cen_free(e);
}

static int64_t type_index(cen_eval *e, const char *name, size_t len)
{
	int64_t t = cen__intern_get(&e->types, name, len);
	if (t >= 0)
		return t;
	if (e->types.count < MAX_TYPES - 1)
		return cen__intern_put(&e->types, name, len);
	t = cen__intern_get(&e->types, "other", 5);
	return t >= 0 ? t : cen__intern_put(&e->types, "other", 5);
}

int cen_eval_new(cen_eval **out)
{
	*out = NULL;
	cen_eval *e = cen_calloc(1, sizeof *e);
	if (!e)
		return CEN_ENOMEM;
	cen__intern_init(&e->txn_ids);
	cen__intern_init(&e->accts);
	cen__intern_init(&e->attempts);
	cen__intern_init(&e->types);
	for (int t = 0; t < CEN_SYNTH_NTYPOLOGIES; t++) {
		const char *n = cen_synth_typology_name(t);
		if (type_index(e, n, strlen(n)) < 0) {
			cen_eval_free(e);
			return CEN_ENOMEM;
		}
	}
	*out = e;
	return 0;
}

/* Grows the arrays of one interned table so index i exists. */
static int cover(void **arrays[], const size_t sizes[], const int fill[], size_t n_arrays,
		 size_t *cap, size_t i)
{
	if (i < *cap)
		return 0;
	size_t nc = *cap ? *cap : 1024;
	while (nc <= i)
		nc *= 2;
	for (size_t k = 0; k < n_arrays; k++) {
		char *p = cen_realloc(*arrays[k], nc * sizes[k]);
		if (!p)
			return CEN_ENOMEM;
		memset(p + *cap * sizes[k], fill[k], (nc - *cap) * sizes[k]);
		*arrays[k] = p;
	}
	*cap = nc;
	return 0;
}

static int64_t txn_index(cen_eval *e, const char *id, size_t len)
{
	int64_t i = cen__intern_put(&e->txn_ids, id, len);
	if (i < 0)
		return i;
	void **arrays[] = {(void **)&e->txn_truth, (void **)&e->txn_attempt,
			   (void **)&e->txn_flags};
	const size_t sizes[] = {sizeof *e->txn_truth, sizeof *e->txn_attempt,
				sizeof *e->txn_flags};
	const int fill[] = {0xff, 0xff, 0}; /* -1, UINT32_MAX, no flags */
	if (cover(arrays, sizes, fill, 3, &e->txn_cap, (size_t)i))
		return CEN_ENOMEM;
	return i;
}

static int64_t acct_index(cen_eval *e, const char *a, size_t len)
{
	int64_t i = cen__intern_put(&e->accts, a, len);
	if (i < 0)
		return i;
	void **arrays[] = {(void **)&e->acct_truth, (void **)&e->acct_flagged};
	const size_t sizes[] = {sizeof *e->acct_truth, sizeof *e->acct_flagged};
	const int fill[] = {0, 0};
	if (cover(arrays, sizes, fill, 2, &e->acct_cap, (size_t)i))
		return CEN_ENOMEM;
	return i;
}

static int check_id(cen_eval *e, const char *what, const char *s)
{
	if (!s || !*s) {
		cen__eval_set_err(e, "empty %s", what);
		return CEN_EINVAL;
	}
	if (strlen(s) > MAX_ID) {
		cen__eval_set_err(e, "%s longer than %d bytes", what, MAX_ID);
		return CEN_ELIMIT;
	}
	return 0;
}

int cen_eval_add_truth_txn(cen_eval *e, const char *id, const char *typology,
			   const char *attempt)
{
	int rc;
	if ((rc = check_id(e, "transaction id", id)) || (rc = check_id(e, "typology", typology)))
		return rc;
	if (attempt && *attempt && (rc = check_id(e, "attempt id", attempt)))
		return rc;
	int64_t i = txn_index(e, id, strlen(id));
	int64_t t = type_index(e, typology, strlen(typology));
	if (i < 0 || t < 0)
		return CEN_ENOMEM;
	if (e->txn_truth[i] >= 0)
		return 0;
	char key[2 * MAX_ID + 2];
	int k = snprintf(key, sizeof key, "%s\x1f%s", typology, attempt && *attempt ? attempt : id);
	int64_t a = cen__intern_put(&e->attempts, key, (size_t)k);
	if (a < 0)
		return CEN_ENOMEM;
	if ((size_t)a >= e->att_cap) {
		size_t nc = e->att_cap ? e->att_cap * 2 : 256;
		int16_t *nt = cen_realloc(e->att_typ, nc * sizeof *nt);
		if (!nt)
			return CEN_ENOMEM;
		e->att_typ = nt;
		e->att_cap = nc;
	}
	e->att_typ[a] = (int16_t)t;
	e->txn_truth[i] = (int16_t)t;
	e->txn_attempt[i] = (uint32_t)a;
	return 0;
}

int cen_eval_add_truth_account(cen_eval *e, const char *account, const char *typology,
			       const char *attempt)
{
	int rc;
	(void)attempt;
	if ((rc = check_id(e, "account", account)) || (rc = check_id(e, "typology", typology)))
		return rc;
	int64_t i = acct_index(e, account, strlen(account));
	int64_t t = type_index(e, typology, strlen(typology));
	if (i < 0 || t < 0)
		return CEN_ENOMEM;
	e->acct_truth[i] |= 1ULL << t;
	e->has_accounts = 1;
	return 0;
}

static int flag_txn(cen_eval *e, int64_t t, const char *id, size_t len)
{
	int64_t i = txn_index(e, id, len);
	if (i < 0)
		return CEN_ENOMEM;
	e->txn_flags[i] |= 1ULL << t;
	return 0;
}

static int flag_acct(cen_eval *e, const char *a, size_t len)
{
	int64_t i = acct_index(e, a, len);
	if (i < 0)
		return CEN_ENOMEM;
	e->acct_flagged[i] = 1;
	return 0;
}

int cen_eval_add_alert(cen_eval *e, const char *typology, const char *const *txns,
		       size_t n_txns, const char *const *accounts, size_t n_accounts)
{
	int rc;
	if ((rc = check_id(e, "typology", typology)))
		return rc;
	for (size_t k = 0; k < n_txns; k++)
		if ((rc = check_id(e, "transaction id", txns[k])))
			return rc;
	for (size_t k = 0; k < n_accounts; k++)
		if ((rc = check_id(e, "account", accounts[k])))
			return rc;
	int64_t t = type_index(e, typology, strlen(typology));
	if (t < 0)
		return CEN_ENOMEM;
	for (size_t k = 0; k < n_txns; k++)
		if (flag_txn(e, t, txns[k], strlen(txns[k])))
			return CEN_ENOMEM;
	for (size_t k = 0; k < n_accounts; k++)
		if (flag_acct(e, accounts[k], strlen(accounts[k])))
			return CEN_ENOMEM;
	e->alerts++;
	e->alerts_by_type[t]++;
	return 0;
}

/* A JSON array of ids (strings or integers), or absent. */
static int check_ids(cen_eval *e, json_t *obj, const char *key)
{
	json_t *arr = json_object_get(obj, key);
	if (!arr)
		return 0;
	if (!json_is_array(arr)) {
		cen__eval_set_err(e, "\"%s\" is not an array", key);
		return CEN_EPARSE;
	}
	for (size_t k = 0; k < json_array_size(arr); k++) {
		json_t *v = json_array_get(arr, k);
		if (json_is_integer(v))
			continue;
		if (!json_is_string(v)) {
			cen__eval_set_err(e, "\"%s\"[%zu] is neither a string nor an integer", key, k);
			return CEN_EPARSE;
		}
		size_t len = json_string_length(v);
		if (len == 0 || len > MAX_ID || memchr(json_string_value(v), 0, len)) {
			cen__eval_set_err(e, "\"%s\"[%zu] is empty, longer than %d bytes or has a NUL",
					  key, k, MAX_ID);
			return CEN_EPARSE;
		}
	}
	return 0;
}

static int apply_ids(cen_eval *e, json_t *obj, const char *key, int64_t t)
{
	json_t *arr = json_object_get(obj, key);
	for (size_t k = 0; arr && k < json_array_size(arr); k++) {
		json_t *v = json_array_get(arr, k);
		char num[32];
		const char *s = num;
		size_t len;
		if (json_is_integer(v)) {
			len = (size_t)snprintf(num, sizeof num, "%lld", (long long)json_integer_value(v));
		} else {
			s = json_string_value(v);
			len = json_string_length(v);
		}
		if (t >= 0 ? flag_txn(e, t, s, len) : flag_acct(e, s, len))
			return CEN_ENOMEM;
	}
	return 0;
}

int cen_eval_add_alert_json(cen_eval *e, const char *line, size_t len)
{
	json_error_t jerr;
	json_t *obj = json_loadb(line, len, JSON_REJECT_DUPLICATES, &jerr);
	int rc = CEN_EPARSE;
	if (!obj) {
		cen__eval_set_err(e, "not JSON: %s (column %d)", jerr.text, jerr.column);
		return CEN_EPARSE;
	}
	json_t *typ = json_object_get(obj, "typology");
	if (!json_is_object(obj)) {
		cen__eval_set_err(e, "not a JSON object");
		goto out;
	}
	if (!json_is_string(typ) || json_string_length(typ) == 0 ||
	    json_string_length(typ) > MAX_ID || memchr(json_string_value(typ), 0, json_string_length(typ))) {
		cen__eval_set_err(e, "no \"typology\" string");
		goto out;
	}
	if ((rc = check_ids(e, obj, "txns")) || (rc = check_ids(e, obj, "accounts")))
		goto out;
	int64_t t = type_index(e, json_string_value(typ), json_string_length(typ));
	if (t < 0 || apply_ids(e, obj, "txns", t) || apply_ids(e, obj, "accounts", -1)) {
		rc = CEN_ENOMEM;
		cen__eval_set_err(e, "out of memory");
		goto out;
	}
	e->alerts++;
	e->alerts_by_type[t]++;
	rc = 0;
out:
	json_decref(obj);
	return rc;
}

static double ratio(uint64_t a, uint64_t b)
{
	return b ? (double)a / (double)b : 0.0;
}

static void finish(cen_eval_score *s)
{
	s->precision = ratio(s->hits, s->flagged);
	s->recall = ratio(s->hits, s->truth);
	s->f1 = s->precision + s->recall > 0
			? 2 * s->precision * s->recall / (s->precision + s->recall)
			: 0.0;
}

int cen_eval_compute(cen_eval *e, cen_eval_result *out)
{
	memset(out, 0, sizeof *out);
	size_t nt = e->types.count;
	cen_eval_typology *ty = cen_realloc(e->res, (nt ? nt : 1) * sizeof *ty);
	size_t natt = e->attempts.count;
	uint8_t *att = cen_calloc(natt ? natt : 1, 1); /* bit 0 any, bit 1 same */
	if (!ty || !att) {
		if (ty)
			e->res = ty;
		cen_free(att);
		cen__eval_set_err(e, "out of memory");
		return CEN_ENOMEM;
	}
	e->res = ty;
	memset(ty, 0, nt * sizeof *ty);
	int64_t ctr = cen__intern_get(&e->types, "ctr", 3);
	uint64_t ctr_bit = ctr >= 0 && ctr < MAX_TYPES ? 1ULL << ctr : 0;
	out->ctr_only = 0;
	for (size_t i = 0; i < e->txn_ids.count; i++) {
		int t = e->txn_truth[i];
		uint64_t f = e->txn_flags[i];
		if (f)
			out->txns.flagged++;
		if (t < 0 && ctr_bit && f == ctr_bit)
			out->ctr_only++;
		for (size_t a = 0; a < MAX_TYPES; a++) {
			if (!((f >> a) & 1))
				continue;
			ty[a].alert_txns++;
			ty[a].alert_hits += t >= 0;
		}
		if (t < 0)
			continue;
		out->txns.truth++;
		ty[t].txns++;
		if (f) {
			out->txns.hits++;
			ty[t].txns_any++;
			att[e->txn_attempt[i]] |= 1;
		}
		if ((f >> t) & 1) {
			ty[t].txns_same++;
			att[e->txn_attempt[i]] |= 2;
		}
	}
	for (size_t a = 0; a < natt; a++) {
		cen_eval_typology *x = &ty[e->att_typ[a]];
		x->attempts++;
		x->attempts_any += att[a] & 1;
		x->attempts_same += (att[a] >> 1) & 1;
	}
	cen_free(att);
	for (size_t i = 0; i < e->accts.count; i++) {
		uint64_t m = e->acct_truth[i];
		int fl = e->acct_flagged[i];
		out->accounts.flagged += fl;
		if (!m)
			continue;
		out->accounts.truth++;
		out->accounts.hits += fl;
		for (size_t t = 0; t < MAX_TYPES; t++) {
			if (!((m >> t) & 1))
				continue;
			ty[t].accounts++;
			ty[t].accounts_any += fl;
		}
	}
	size_t n = 0;
	for (size_t t = 0; t < nt; t++) {
		cen_eval_typology x = ty[t];
		x.name = e->types.strs[t];
		x.alerts = e->alerts_by_type[t];
		if (!x.txns && !x.accounts && !x.alerts && !x.alert_txns)
			continue;
		x.attempt_recall_any = ratio(x.attempts_any, x.attempts);
		x.attempt_recall_same = ratio(x.attempts_same, x.attempts);
		x.txn_recall_any = ratio(x.txns_any, x.txns);
		x.txn_recall_same = ratio(x.txns_same, x.txns);
		x.account_recall = ratio(x.accounts_any, x.accounts);
		x.alert_precision = ratio(x.alert_hits, x.alert_txns);
		ty[n++] = x; /* n <= t: compacting in place is safe */
	}
	finish(&out->txns);
	out->txns_without_ctr_only = out->txns;
	out->txns_without_ctr_only.flagged -= out->ctr_only;
	finish(&out->txns_without_ctr_only);
	finish(&out->accounts);
	out->has_accounts = e->has_accounts;
	out->alerts = e->alerts;
	out->bad_lines = e->bad_lines;
	out->typologies = ty;
	out->n_typologies = n;
	return 0;
}
