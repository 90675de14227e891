/* eval_io.c - reading the truth (CSV, with cen_csv) and the alerts (JSON
 * lines) into a cen_eval.
 *
 * What must hold: every input record is counted or reported with file and
 * line; a bad row or line is skipped, never fatal; a line longer than the cap
 * is reported and skipped up to its newline without being held in memory;
 * only I/O errors and out of memory stop reading.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "synth/eval_int.h"

#include "core/banned.h"

#define MAX_FIELD 1024
#define MAX_LINE ((size_t)64 << 20)

static int column(cen_slice *f, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (f[i].len == strlen(name) && !memcmp(f[i].ptr, name, f[i].len))
			return (int)i;
	return -1;
}

static int copy_field(cen_slice *f, size_t n, int col, char out[MAX_FIELD + 1])
{
	if (col < 0 || (size_t)col >= n) {
		out[0] = '\0';
		return 0;
	}
	if (f[col].len > MAX_FIELD || memchr(f[col].ptr, 0, f[col].len))
		return -1;
	memcpy(out, f[col].ptr, f[col].len);
	out[f[col].len] = '\0';
	return 0;
}

/* Reads one truth file: key column (txn_id or account), typology,
 * attempt_id (optional). */
static int load_truth_file(cen_eval *e, const char *path, const char *key, int accounts,
			   cen_diag *diag)
{
	cen_csv *c = NULL;
	cen_slice *f;
	size_t n;
	int rc = cen_csv_open_file(&c, path, NULL);
	if (rc) {
		cen__eval_set_err(e, "%s: %s", path, c ? cen_csv_errmsg(c) : cen_strerror(rc));
		goto out;
	}
	if ((rc = cen_csv_next(c, &f, &n)) != 1) {
		cen__eval_set_err(e, "%s: no header", path);
		rc = CEN_EPARSE;
		goto out;
	}
	int ck = column(f, n, key), ct = column(f, n, "typology"), ca = column(f, n, "attempt_id");
	if (ck < 0 || ct < 0) {
		cen__eval_set_err(e, "%s: header needs the columns %s and typology", path, key);
		rc = CEN_EPARSE;
		goto out;
	}
	char k[MAX_FIELD + 1], t[MAX_FIELD + 1], a[MAX_FIELD + 1];
	while ((rc = cen_csv_next(c, &f, &n)) != 0) {
		uint64_t line = cen_csv_line(c);
		if (rc == CEN_EIO) {
			cen__eval_set_err(e, "%s", cen_csv_errmsg(c));
			goto out;
		}
		if (rc < 0) {
			cen_diag_report(diag, 2, path, line, NULL, "%s", cen_csv_errmsg(c));
			continue;
		}
		if (n == 1 && f[0].len == 0)
			continue; /* blank line */
		if (copy_field(f, n, ck, k) || copy_field(f, n, ct, t) || copy_field(f, n, ca, a)) {
			cen_diag_report(diag, 2, path, line, NULL, "field longer than %d bytes",
					MAX_FIELD);
			continue;
		}
		rc = accounts ? cen_eval_add_truth_account(e, k, t, a) : cen_eval_add_truth_txn(e, k, t, a);
		if (rc == CEN_ENOMEM)
			goto out;
		if (rc)
			cen_diag_report(diag, 2, path, line, rc == CEN_EINVAL ? key : NULL, "%s",
					cen_eval_errmsg(e));
	}
	rc = 0;
out:
	cen_csv_free(c);
	return rc;
}

int cen_eval_load_truth(cen_eval *e, const char *dir, cen_diag *diag)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/truth_txns.csv", dir);
	int rc = load_truth_file(e, path, "txn_id", 0, diag);
	if (rc)
		return rc;
	snprintf(path, sizeof path, "%s/truth_accounts.csv", dir);
	FILE *f = fopen(path, "rb");
	if (!f)
		return errno == ENOENT ? 0 : (cen__eval_set_err(e, "%s: %s", path, strerror(errno)),
					      CEN_EIO);
	fclose(f);
	return load_truth_file(e, path, "account", 1, diag);
}

static int blank(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
			return 0;
	return 1;
}

/* One complete line (without its newline). */
static int take_line(cen_eval *e, const char *path, uint64_t lineno, const char *s, size_t len,
		     cen_diag *diag)
{
	if (blank(s, len))
		return 0;
	int rc = cen_eval_add_alert_json(e, s, len);
	if (rc == CEN_ENOMEM)
		return rc;
	if (rc) {
		cen__eval_count_bad_line(e);
		cen_diag_report(diag, 2, path, lineno, NULL, "bad alert: %s", cen_eval_errmsg(e));
	}
	return 0;
}

int cen_eval_read_alerts(cen_eval *e, const char *path, cen_diag *diag)
{
	int is_stdin = !strcmp(path, "-");
	FILE *f = is_stdin ? stdin : fopen(path, "rb");
	if (!f) {
		cen__eval_set_err(e, "%s: %s", path, strerror(errno));
		return CEN_EIO;
	}
	const char *name = is_stdin ? "<stdin>" : path;
	char chunk[65536];
	cen_buf line;
	cen_buf_init(&line, MAX_LINE);
	uint64_t lineno = 1;
	int rc = 0, skipping = 0;
	size_t got;
	while ((got = fread(chunk, 1, sizeof chunk, f)) > 0) {
		size_t pos = 0;
		while (pos < got) {
			const char *nl = memchr(chunk + pos, '\n', got - pos);
			size_t take = nl ? (size_t)(nl - (chunk + pos)) : got - pos;
			int arc = skipping ? 0 : cen_buf_append(&line, chunk + pos, take);
			if (arc == CEN_ELIMIT) {
				cen__eval_count_bad_line(e);
				cen_diag_report(diag, 2, name, lineno, NULL,
						"line longer than %zu bytes, skipped", MAX_LINE);
				skipping = 1;
				cen_buf_release(&line);
				cen_buf_init(&line, MAX_LINE);
			} else if (arc) {
				rc = CEN_ENOMEM;
				goto out;
			}
			pos += take;
			if (!nl)
				break;
			pos++; /* the newline */
			if (!skipping && (rc = take_line(e, name, lineno, cen_buf_str(&line), line.len, diag)))
				goto out;
			skipping = 0;
			cen_buf_reset(&line);
			lineno++;
		}
	}
	if (ferror(f)) {
		cen__eval_set_err(e, "%s: read error: %s", name, strerror(errno));
		rc = CEN_EIO;
		goto out;
	}
	if (!skipping && line.len) /* last line without a newline */
		rc = take_line(e, name, lineno, cen_buf_str(&line), line.len, diag);
out:
	if (rc == CEN_ENOMEM)
		cen__eval_set_err(e, "%s: out of memory", name);
	cen_buf_release(&line);
	if (!is_stdin)
		fclose(f);
	return rc;
}
