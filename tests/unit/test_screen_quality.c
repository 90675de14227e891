/* test_screen_quality.c - precision and recall of the default scorer on the
 * labelled pairs of tests/data/screen_pairs.tsv (real variation: Spanish
 * double surnames, accents, reordering, typos, nicknames, transliteration,
 * legal forms; and similar-but-different names). Each pair is compared with
 * cen_compare without a list (built-in rarity table) at the default
 * threshold. Misclassified pairs are printed; the test fails below the
 * floors, which are set at what the scorer meets today. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "centinela/screen.h"

#define PRECISION_FLOOR 0.97
#define RECALL_FLOOR 0.95

static void test_pairs(void **state)
{
	(void)state;
	char path[1024];
	snprintf(path, sizeof path, "%s/tests/data/screen_pairs.tsv", CEN_TEST_SRC_DIR);
	FILE *f = fopen(path, "r");
	assert_non_null(f);
	cen_query_ctx *c = NULL;
	assert_int_equal(cen_query_ctx_new(&c), 0);
	char line[2048];
	int tp = 0, fp = 0, fn = 0, tn = 0, lineno = 0;
	while (fgets(line, sizeof line, f)) {
		lineno++;
		line[strcspn(line, "\r\n")] = 0;
		if (!line[0] || line[0] == '#')
			continue;
		char *fld[5] = {0};
		char *p = line;
		for (int k = 0; k < 5 && p; k++) {
			fld[k] = p;
			p = strchr(p, '\t');
			if (p)
				*p++ = 0;
		}
		assert_non_null(fld[3]);
		int label = atoi(fld[0]);
		cen_entity_kind kind = !strcmp(fld[1], "org") ? CEN_KIND_ORG : CEN_KIND_PERSON;
		cen_compare_result r;
		assert_int_equal(cen_compare(NULL, c, fld[2], fld[3], kind, CEN_ALGO_DEFAULT, &r), 0);
		if (label && r.match)
			tp++;
		else if (label)
			fn++;
		else if (r.match)
			fp++;
		else
			tn++;
		if (label != r.match)
			printf("  %s line %d: %.3f '%s' vs '%s' (%s): %s\n",
			       label ? "missed" : "false match", lineno, r.score, fld[2], fld[3],
			       fld[4] ? fld[4] : "", r.explanation);
	}
	fclose(f);
	cen_query_ctx_free(c);
	double precision = tp + fp ? (double)tp / (tp + fp) : 1.0;
	double recall = tp + fn ? (double)tp / (tp + fn) : 1.0;
	printf("screen_pairs.tsv: %d pairs, tp %d fp %d fn %d tn %d, precision %.3f recall %.3f\n",
	       tp + fp + fn + tn, tp, fp, fn, tn, precision, recall);
	assert_true(tp + fn >= 50 && fp + tn >= 30);
	assert_true(precision >= PRECISION_FLOOR);
	assert_true(recall >= RECALL_FLOOR);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pairs),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
