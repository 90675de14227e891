/* test_detect_features_gfp.c - the per-transaction features that share a
 * definition with IBM's Graph Feature Preprocessor (Snap ML) have its
 * values on its published example (shared data gfp/: parameters windows of
 * 16, bins [2, 3], vertex statistics of the timestamp). Duplicate
 * transaction ids are ignored, as GFP does. Skipped when the data is
 * absent. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>
#include <cmocka.h>

#include "centinela/monitor.h"
#include "centinela/rules.h"

#define MAXROWS 64
#define MAXCOLS 128

struct feats {
	size_t n, ncols;
	char ids[MAXROWS][16];
	double v[MAXROWS][MAXCOLS];
	const char *const *names;
};

static int on_features(void *ctx, const char *id, const double *v, size_t n)
{
	struct feats *f = ctx;
	if (f->n < MAXROWS && n <= MAXCOLS) {
		snprintf(f->ids[f->n], sizeof f->ids[0], "%s", id);
		memcpy(f->v[f->n], v, n * sizeof *v);
		f->ncols = n;
		f->n++;
	}
	return 0;
}

static int no_alerts(void *ctx, const cen_alert *a)
{
	(void)ctx;
	(void)a;
	return 0;
}

static const char *data_dir(void)
{
	const char *d = getenv("CENTINELA_DATA");
	return d && *d ? d : CEN_TEST_DATA_DIR;
}

static void feed(cen_monitor *m, const char *path, char seen[][16], size_t *nseen)
{
	FILE *f = fopen(path, "r");
	assert_non_null(f);
	char line[256];
	uint64_t row = 0;
	while (fgets(line, sizeof line, f)) {
		if (line[0] == '#')
			continue;
		char id[16], src[16], dst[16];
		long long ts;
		if (sscanf(line, "%15s %15s %15s %lld", id, src, dst, &ts) != 4)
			continue;
		size_t k = 0;
		while (k < *nseen && strcmp(seen[k], id))
			k++;
		if (k < *nseen)
			continue; /* duplicate id: GFP ignores it */
		snprintf(seen[(*nseen)++], 16, "%s", id);
		cen_txn t;
		memset(&t, 0, sizeof t);
		t.row = ++row;
		t.id.ptr = id;
		t.id.len = strlen(id);
		t.orig_acct.ptr = src;
		t.orig_acct.len = strlen(src);
		t.bene_acct.ptr = dst;
		t.bene_acct.len = strlen(dst);
		t.ts = ts;
		t.amount = t.base_amount = 100;
		assert_int_equal(cen_monitor_push(m, &t), 0);
	}
	fclose(f);
}

static int col_of(const struct feats *f, const char *name)
{
	for (size_t i = 0; i < f->ncols; i++)
		if (!strcmp(f->names[i], name))
			return (int)i;
	return -1;
}

/* GFP column name -> ours ("col3" is the timestamp column). */
static void our_name(const char *gfp, char *out, size_t n)
{
	const char *p = strstr(gfp, "_col3_");
	if (!p) {
		snprintf(out, n, "%s", gfp);
		return;
	}
	/* source_avg_col3_out -> source_avg_time_out */
	snprintf(out, n, "%.*s_time_%s", (int)(p - gfp), gfp, p + 6);
}

static size_t compare(const struct feats *f, const char *path)
{
	FILE *fp = fopen(path, "r");
	assert_non_null(fp);
	char line[8192], header[8192];
	assert_non_null(fgets(header, sizeof header, fp));
	header[strcspn(header, "\r\n")] = 0;
	char *names[MAXCOLS];
	size_t nn = 0;
	for (char *s = header, *c; s && nn < MAXCOLS; s = c) {
		c = strchr(s, ',');
		if (c)
			*c++ = 0;
		names[nn++] = s;
	}
	size_t checked = 0;
	while (fgets(line, sizeof line, fp)) {
		double vals[MAXCOLS];
		size_t nv = 0;
		for (char *s = line; s && nv < MAXCOLS;) {
			vals[nv++] = strtod(s, &s);
			s = *s == ',' ? s + 1 : NULL;
		}
		assert_int_equal(nv, nn);
		char id[16];
		snprintf(id, sizeof id, "%.0f", vals[0]);
		size_t r = 0;
		while (r < f->n && strcmp(f->ids[r], id))
			r++;
		assert_true(r < f->n);
		for (size_t c = 4; c < nn; c++) {
			char ours[128];
			our_name(names[c], ours, sizeof ours);
			int k = col_of(f, ours);
			if (k < 0) {
				fprintf(stderr, "no column %s\n", ours);
				fail();
			}
			if (fabs(f->v[r][k] - vals[c]) > 1e-6) {
				fprintf(stderr, "txn %s %s: ours %g, GFP %g\n", id, names[c],
					f->v[r][k], vals[c]);
				fail();
			}
			checked++;
		}
	}
	fclose(fp);
	return checked;
}

static void test_gfp_example(void **state)
{
	(void)state;
	char train[1024], test[1024], exp_train[1024], exp_test[1024];
	snprintf(train, sizeof train, "%s/gfp/aml_custom_train.txt", data_dir());
	snprintf(test, sizeof test, "%s/gfp/aml_custom_test.txt", data_dir());
	snprintf(exp_train, sizeof exp_train, "%s/gfp/expected_train.csv", data_dir());
	snprintf(exp_test, sizeof exp_test, "%s/gfp/expected_test.csv", data_dir());
	FILE *probe = fopen(train, "r");
	if (!probe) {
		fprintf(stderr, "skipped: GFP example not found under %s/gfp\n", data_dir());
		skip();
	}
	fclose(probe);
	const char *rules_text = "[features]\nwindow = 16\nbins = [2, 3]\n";
	cen_rules *rules = NULL;
	assert_int_equal(cen_rules_parse(rules_text, strlen(rules_text), "t", &rules, NULL, 0, NULL), 0);
	static struct feats f;
	memset(&f, 0, sizeof f);
	cen_monitor_config cfg;
	memset(&cfg, 0, sizeof cfg);
	cfg.rules = rules;
	cfg.sink = no_alerts;
	cfg.features = on_features;
	cfg.features_ctx = &f;
	cen_monitor *m = NULL;
	char err[256];
	assert_int_equal(cen_monitor_new(&cfg, &m, err, sizeof err), 0);
	size_t n;
	f.names = cen_monitor_feature_names(m, &n);
	assert_true(n > 40);
	char seen[64][16];
	size_t nseen = 0;
	/* Train then test, one stream: GFP's transform of the test set keeps
	 * the training graph, and the two use disjoint accounts. */
	feed(m, train, seen, &nseen);
	feed(m, test, seen, &nseen);
	assert_int_equal(cen_monitor_finish(m), 0);
	assert_int_equal(f.n, nseen);
	size_t checked = compare(&f, exp_train) + compare(&f, exp_test);
	assert_true(checked >= 20 * 44);
	cen_monitor_free(m);
	cen_rules_free(rules);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_gfp_example),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
