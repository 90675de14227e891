/* features.c - per-transaction graph features (docs/features.md), written
 * for a model to learn from; where a column has the same definition as in
 * IBM's Graph Feature Preprocessor (Snap ML) it has the same name and value.
 *
 * A transaction e = (u -> v, t) is described by the edges within `window`
 * seconds of it on either side (|t' - t| <= window), so its row is written
 * once the clock has passed t + window (or at the end of input): the engine
 * keeps 2 x window of history while features are on.
 *   fan_in / fan_out: distinct senders of v / recipients of u, as a one-hot
 *     over the bins; degree_in / degree_out: the same counting edges;
 *   scatter-gather: the patterns s -> {m1..mk} -> d (k >= 2 distinct
 *     intermediaries) that e belongs to, counted per bin of k;
 *   temp-cycle: the temporal cycles (each hop later, span <= window) that e
 *     belongs to, counted per bin of their length; found when each cycle
 *     closes (src/graph/cycles.c, bounded by cycle_budget per edge);
 *   vertex statistics of u and v, each direction: fan, degree, fan/degree,
 *     and mean, sum, variance, skewness, kurtosis (population moments) of
 *     the timestamps and of the amounts of those edges.
 * Bins come from the rules ([features] bins = [2, 3] gives 2-3 and 3-inf).
 *
 * What must hold: rows come out in edge order, one per processed edge;
 * an edge's cycle counts are final before its row is written.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "detect/det_util.h"
#include "detect/engine.h"
#include "graph/cycles.h"
#include "core/grow.h"
#include "core/banned.h"

#define MAX_BINS 8
#define FT_SCAN 1024
#define STAT_COLS 13

typedef struct fslot {
	uint32_t cyc[MAX_BINS];
} fslot;

typedef struct feat_det {
	cen__det base;
	int64_t tw;
	double bins[MAX_BINS];
	size_t nbins;
	uint32_t max_cycle;
	uint64_t budget;
	cen_monitor_feature_fn fn;
	void *ctx;
	fslot *slots;          /* by seq & (cap - 1), live [next, eng head) */
	uint64_t cap, next;
	uint32_t *mark;        /* per vertex stamp for distinct counting */
	size_t nmark;
	uint32_t stamp;
	double *vals;
	size_t nvals;
	double ts_buf[FT_SCAN], am_buf[FT_SCAN];   /* scratch, per instance */
	uint32_t nb_buf[4][256];
	char **names;
	size_t nnames;
	cen__arena names_arena;
} feat_det;

static const cen_rules_key keys[] = {
	{"window", CEN_RULES_NUMBER},
	{"bins", CEN_RULES_NUMBERS},
	{"cycle_max_length", CEN_RULES_INT},
	{"cycle_budget", CEN_RULES_INT},
};

static const char *const patt[] = {"fan_in", "fan_out", "degree_in", "degree_out",
				   "scatter-gather", "temp-cycle"};
static const char *const stat_names[STAT_COLS] = {
	"fan", "deg", "ratio", "avg_time", "sum_time", "var_time", "skew_time",
	"kurtosis_time", "avg_amount", "sum_amount", "var_amount", "skew_amount",
	"kurtosis_amount"};

static int add_name(feat_det *f, const char *s)
{
	char *c = cen__arena_strndup(&f->names_arena, s, strlen(s));
	if (!c)
		return CEN_ENOMEM;
	f->names[f->nnames++] = c;
	return 0;
}

static int init(cen__det *d, const cen_rules *r, char *err, size_t errlen)
{
	feat_det *f = (feat_det *)d;
	const char *t = "features";
	cen__arena_init(&f->names_arena, 8192);
	f->tw = (int64_t)cen_rules_get_double(r, t, "window", 86400.0);
	int64_t ml = cen_rules_get_int(r, t, "cycle_max_length", 10);
	int64_t bud = cen_rules_get_int(r, t, "cycle_budget", 100000);
	const double *bins;
	size_t nb;
	if (cen_rules_get_numbers(r, t, "bins", &bins, &nb) && nb) {
		if (nb > MAX_BINS) {
			snprintf(err, errlen, "bins: at most %d values", MAX_BINS);
			return CEN_EINVAL;
		}
		memcpy(f->bins, bins, nb * sizeof *bins);
		f->nbins = nb;
	} else {
		f->bins[0] = 2;
		f->bins[1] = 3;
		f->nbins = 2;
	}
	for (size_t i = 1; i < f->nbins; i++)
		if (f->bins[i] <= f->bins[i - 1]) {
			snprintf(err, errlen, "bins must increase");
			return CEN_EINVAL;
		}
	if (f->tw <= 0 || ml < 2 || ml > CEN__CYCLE_MAX_LEN || bud < 1) {
		snprintf(err, errlen, "window must be > 0, cycle_max_length 2..%d, "
			 "cycle_budget >= 1", CEN__CYCLE_MAX_LEN);
		return CEN_EINVAL;
	}
	f->max_cycle = (uint32_t)ml;
	f->budget = (uint64_t)bud;
	d->window = 2 * f->tw + 1;
	f->nvals = 6 * f->nbins + 4 * STAT_COLS;
	f->vals = cen_calloc(f->nvals, sizeof *f->vals);
	f->names = cen_calloc(f->nvals, sizeof *f->names);
	f->cap = 1024;
	f->slots = cen_calloc(f->cap, sizeof *f->slots);
	if (!f->vals || !f->names || !f->slots)
		return CEN_ENOMEM;
	char buf[96];
	for (size_t p = 0; p < 6; p++)
		for (size_t b = 0; b < f->nbins; b++) {
			char hi[32];
			if (b + 1 < f->nbins)
				snprintf(hi, sizeof hi, "%g", f->bins[b + 1]);
			else
				snprintf(hi, sizeof hi, "inf");
			snprintf(buf, sizeof buf, "%s_bins_%g-%s", patt[p], f->bins[b], hi);
			if (add_name(f, buf))
				return CEN_ENOMEM;
		}
	const char *who[2] = {"source", "dest"}, *dir[2] = {"out", "in"};
	for (int w = 0; w < 2; w++)
		for (int di = 0; di < 2; di++)
			for (int s = 0; s < STAT_COLS; s++) {
				snprintf(buf, sizeof buf, "%s_%s_%s", who[w], stat_names[s], dir[di]);
				if (add_name(f, buf))
					return CEN_ENOMEM;
			}
	return 0;
}

static void release(cen__det *d)
{
	feat_det *f = (feat_det *)d;
	cen_free(f->vals);
	cen_free((void *)f->names);
	cen_free(f->slots);
	cen_free(f->mark);
	cen__arena_release(&f->names_arena);
}

const char *const *cen__features_names(cen__det *d, size_t *n)
{
	feat_det *f = (feat_det *)d;
	*n = f->nnames;
	return (const char *const *)f->names;
}

void cen__features_set_sink(cen__det *d, cen_monitor_feature_fn fn, void *ctx)
{
	feat_det *f = (feat_det *)d;
	f->fn = fn;
	f->ctx = ctx;
}

static int bin_of(const feat_det *f, double x)
{
	int b = -1;
	for (size_t i = 0; i < f->nbins; i++)
		if (x >= f->bins[i])
			b = (int)i;
	return b;
}

static fslot *slot(feat_det *f, uint64_t seq)
{
	return &f->slots[seq & (f->cap - 1)];
}

static int ensure_slot(feat_det *f, uint64_t seq)
{
	if (seq - f->next < f->cap)
		return 0;
	uint64_t nc = f->cap;
	while (seq - f->next >= nc)
		nc *= 2;
	fslot *ns = cen_calloc(nc, sizeof *ns);
	if (!ns)
		return CEN_ENOMEM;
	for (uint64_t s = f->next; s < seq; s++)
		ns[s & (nc - 1)] = f->slots[s & (f->cap - 1)];
	cen_free(f->slots);
	f->slots = ns;
	f->cap = nc;
	return 0;
}

static int count_cycle(void *ctx, const uint64_t *edges, size_t n)
{
	feat_det *f = ctx;
	int b = bin_of(f, (double)n);
	if (b < 0)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (edges[i] >= f->next)
			slot(f, edges[i])->cyc[b]++;
	return 0;
}

static int on_edge(cen__det *d, const cen__edge_ctx *x)
{
	feat_det *f = (feat_det *)d;
	uint64_t seq = x->seq;
	int rc;
	if ((rc = ensure_slot(f, seq)))
		return rc;
	memset(slot(f, seq), 0, sizeof(fslot));
	cen__cycle_query q;
	memset(&q, 0, sizeof q);
	q.min_len = 2;
	q.max_len = f->max_cycle;
	q.window = f->tw;
	q.budget = f->budget;
	q.fn = count_cycle;
	q.ctx = f;
	rc = cen__graph_cycles(&d->eng->g, seq, &q);
	if (q.truncated)
		d->eng->search_truncated++;
	return rc < 0 ? rc : 0;
}

static int grow_marks(feat_det *f, size_t nv)
{
	if (nv <= f->nmark)
		return 0;
	void *a = f->mark;
	int rc = cen__grow_zeroed(&a, &f->nmark, nv - 1, sizeof *f->mark);
	f->mark = a;
	return rc;
}

static uint32_t new_stamp(feat_det *f)
{
	if (++f->stamp == 0) {
		memset(f->mark, 0, f->nmark * sizeof *f->mark);
		f->stamp = 1;
	}
	return f->stamp;
}

/* Walks a ring over edges with |ts - t| <= tw, newest first. */
#define FOR_WINDOW(g, r, t, tw, es, x)                                            \
	for (uint32_t i_ = (r)->len, n_ = 0; i_-- > 0 && n_ < FT_SCAN;)            \
		if (((es) = cen__ring_at((g), (r), i_)), ((x) = cen__graph_edge((g), (es))), \
		    !cen__graph_live((g), (es)) || cen__edge_ts((g), (x)) < (t) - (tw)) \
			break;                                                     \
		else if (cen__edge_ts((g), (x)) > (t) + (tw) || (n_++, 0))           \
			continue;                                                  \
		else

static void moments(const double *xs, size_t n, double *out)
{
	/* out: avg, sum, var, skew, kurtosis */
	double sum = 0;
	for (size_t i = 0; i < n; i++)
		sum += xs[i];
	double mean = n ? sum / (double)n : 0, m2 = 0, m3 = 0, m4 = 0;
	for (size_t i = 0; i < n; i++) {
		double dd = xs[i] - mean, d2 = dd * dd;
		m2 += d2;
		m3 += d2 * dd;
		m4 += d2 * d2;
	}
	if (n) {
		m2 /= (double)n;
		m3 /= (double)n;
		m4 /= (double)n;
	}
	out[0] = mean;
	out[1] = sum;
	out[2] = m2;
	out[3] = m2 > 0 ? m3 / pow(m2, 1.5) : 0;
	out[4] = m2 > 0 ? m4 / (m2 * m2) : 0;
}

static void vertex_stats(feat_det *f, uint32_t v, int in, int64_t t, double *out)
{
	const cen__graph *g = &f->base.eng->g;
	const cen__ring *r = in ? &g->v[v].in : &g->v[v].out;
	double *ts = f->ts_buf, *am = f->am_buf;
	size_t n = 0, fan = 0;
	uint32_t st = new_stamp(f);
	uint64_t es;
	const cen__edge *x;
	FOR_WINDOW(g, r, t, f->tw, es, x)
	{
		uint32_t c = in ? x->src : x->dst;
		if (f->mark[c] != st) {
			f->mark[c] = st;
			fan++;
		}
		ts[n] = (double)cen__edge_ts(g, x);
		am[n] = cen__dollars(cen__edge_amount(g, x));
		n++;
	}
	out[0] = (double)fan;
	out[1] = (double)n;
	out[2] = n ? (double)fan / (double)n : 0;
	moments(ts, n, out + 3);
	moments(am, n, out + 8);
}

/* Is there an edge a -> b with |ts - t| <= tw? */
static int has_edge(feat_det *f, uint32_t a, uint32_t b, int64_t t)
{
	const cen__graph *g = &f->base.eng->g;
	if (!cen__graph_pair_count(g, a, b))
		return 0;
	uint64_t es;
	const cen__edge *x;
	FOR_WINDOW(g, &g->v[a].out, t, f->tw, es, x)
	{
		if (x->dst == b)
			return 1;
	}
	return 0;
}

/* Distinct counterparties of v within the window, into out (cap max). */
static size_t distinct(feat_det *f, uint32_t v, int in, int64_t t, uint32_t *out, size_t max)
{
	const cen__graph *g = &f->base.eng->g;
	const cen__ring *r = in ? &g->v[v].in : &g->v[v].out;
	uint32_t st = new_stamp(f);
	size_t n = 0;
	uint64_t es;
	const cen__edge *x;
	FOR_WINDOW(g, r, t, f->tw, es, x)
	{
		uint32_t c = in ? x->src : x->dst;
		if (f->mark[c] == st)
			continue;
		f->mark[c] = st;
		if (n < max)
			out[n++] = c;
	}
	return n;
}

static void scatter_gather(feat_det *f, const cen__edge *e, double *bins)
{
	const int64_t t = cen__edge_ts(&f->base.eng->g, e);
	uint32_t u = e->src, v = e->dst;
	uint32_t *outs_v = f->nb_buf[0], *outs_u = f->nb_buf[1];
	uint32_t *ins_u = f->nb_buf[2], *ins_v = f->nb_buf[3];
	size_t nov = distinct(f, v, 0, t, outs_v, 256);
	size_t nou = distinct(f, u, 0, t, outs_u, 256);
	for (size_t i = 0; i < nov; i++) {
		uint32_t dd = outs_v[i];
		if (dd == u || dd == v)
			continue;
		size_t w = 0;
		for (size_t j = 0; j < nou; j++)
			if (outs_u[j] != dd && outs_u[j] != u && has_edge(f, outs_u[j], dd, t))
				w++;
		int b = bin_of(f, (double)w);
		if (b >= 0)
			bins[b] += 1;
	}
	size_t niu = distinct(f, u, 1, t, ins_u, 256);
	size_t niv = distinct(f, v, 1, t, ins_v, 256);
	for (size_t i = 0; i < niu; i++) {
		uint32_t s = ins_u[i];
		if (s == v || s == u)
			continue;
		size_t w = 0;
		for (size_t j = 0; j < niv; j++)
			if (ins_v[j] != s && ins_v[j] != v && has_edge(f, s, ins_v[j], t))
				w++;
		int b = bin_of(f, (double)w);
		if (b >= 0)
			bins[b] += 1;
	}
}

static int emit_one(feat_det *f, uint64_t seq)
{
	cen__graph *g = &f->base.eng->g;
	int rc;
	if ((rc = grow_marks(f, g->nv)))
		return rc;
	const cen__edge *e = cen__graph_edge(g, seq);
	double *v = f->vals;
	memset(v, 0, f->nvals * sizeof *v);
	size_t nb = f->nbins;
	double vs[4][STAT_COLS];
	vertex_stats(f, e->src, 0, cen__edge_ts(g, e), vs[0]);
	vertex_stats(f, e->src, 1, cen__edge_ts(g, e), vs[1]);
	vertex_stats(f, e->dst, 0, cen__edge_ts(g, e), vs[2]);
	vertex_stats(f, e->dst, 1, cen__edge_ts(g, e), vs[3]);
	double counts[4] = {vs[3][0], vs[0][0], vs[3][1], vs[0][1]};
	for (int p = 0; p < 4; p++) {
		int b = bin_of(f, counts[p]);
		if (b >= 0)
			v[p * nb + (size_t)b] = 1;
	}
	scatter_gather(f, e, v + 4 * nb);
	for (size_t b = 0; b < nb; b++)
		v[5 * nb + b] = slot(f, seq)->cyc[b];
	for (int k = 0; k < 4; k++)
		memcpy(v + 6 * nb + (size_t)k * STAT_COLS, vs[k], sizeof vs[k]);
	char tmp[CEN__GRAPH_MAX_ID + 1];
	cen_slice id = cen__graph_edge_id(g, seq, tmp, sizeof tmp);
	char idz[CEN__GRAPH_MAX_ID + 1];
	memcpy(idz, id.ptr, id.len);
	idz[id.len] = '\0';
	return f->fn ? f->fn(f->ctx, idz, v, f->nvals) : 0;
}

static int emit_until(feat_det *f, int64_t before, int all)
{
	cen__graph *g = &f->base.eng->g;
	while (f->next < g->head) {
		if (f->next < g->tail) { /* cannot happen: window is 2 tw */
			f->next = g->tail;
			continue;
		}
		const cen__edge *e = cen__graph_edge(g, f->next);
		if (!all && cen__edge_ts(g, e) >= before)
			break;
		int rc = emit_one(f, f->next);
		f->next++;
		if (rc)
			return rc;
	}
	return 0;
}

static int on_advance(cen__det *d, int64_t clock)
{
	feat_det *f = (feat_det *)d;
	return emit_until(f, clock - f->tw, 0);
}

static int flush(cen__det *d)
{
	return emit_until((feat_det *)d, 0, 1);
}

const cen__det_ops cen__det_features = {
	.name = "features",
	.size = sizeof(feat_det),
	.init = init,
	.on_edge = on_edge,
	.on_advance = on_advance,
	.flush = flush,
	.release = release,
	.keys = keys,
	.nkeys = sizeof keys / sizeof keys[0],
};
