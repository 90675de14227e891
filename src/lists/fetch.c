/* fetch.c - downloading the official list files (cen_list_fetch).
 *
 * Sets: ofac-sdn (SDN.CSV, ADD.CSV, ALT.CSV, SDN_COMMENTS.CSV from OFAC's
 * Sanctions List Service), ofac-cons (CONS_PRIM/ADD/ALT/COMMENTS.CSV) and un
 * (the UN Security Council consolidated.xml). Files are saved under their
 * lower-case names (sdn.csv, ..., consolidated.xml). With a base URL the
 * files are fetched as BASE/<saved name>, so a folder written by a fetch can
 * itself be served as a mirror.
 *
 * What must hold: DEST only ever holds a complete version that loaded
 * without error. Files go to DEST/.fetch-XXXXXX first; the set is loaded
 * from there (and must give at least one entity); only then are the current
 * files moved to DEST/previous/ (its older files of this set replaced) and
 * the new ones renamed into DEST. Any failure before that point removes the
 * temporary folder and leaves DEST as it was. Only http and https are
 * followed (at most 5 redirects); every file is capped at max_bytes.
 *
 * libcurl is opened at the first fetch (core/dynlib.h), not linked in: the
 * other commands do not pay for loading it and the 30 libraries it brings.
 * Without libcurl installed, a fetch fails saying so and nothing else does.
 */
#include <curl/curl.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lists/list_int.h"
#include "core/dynlib.h"

#include "core/banned.h"

#define MAX_FILES 4

typedef struct fetch_set {
	const char *which;
	cen_list_format format;
	const char *urls[MAX_FILES];  /* official */
	const char *names[MAX_FILES]; /* saved as; remote name under a base URL */
} fetch_set;

#define OFAC_SLS "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/"

static const fetch_set sets[] = {
	{"ofac-sdn", CEN_LIST_OFAC,
	 {OFAC_SLS "SDN.CSV", OFAC_SLS "ADD.CSV", OFAC_SLS "ALT.CSV", OFAC_SLS "SDN_COMMENTS.CSV"},
	 {"sdn.csv", "add.csv", "alt.csv", "sdn_comments.csv"}},
	{"ofac-cons", CEN_LIST_OFAC,
	 {OFAC_SLS "CONS_PRIM.CSV", OFAC_SLS "CONS_ADD.CSV", OFAC_SLS "CONS_ALT.CSV",
	  OFAC_SLS "CONS_COMMENTS.CSV"},
	 {"cons_prim.csv", "cons_add.csv", "cons_alt.csv", "cons_comments.csv"}},
	{"un", CEN_LIST_UN_XML,
	 {"https://scsanctions.un.org/resources/xml/en/consolidated.xml", NULL, NULL, NULL},
	 {"consolidated.xml", NULL, NULL, NULL}},
};

static const fetch_set *find_set(const char *which)
{
	for (size_t i = 0; which && i < sizeof sets / sizeof sets[0]; i++)
		if (strcmp(sets[i].which, which) == 0)
			return &sets[i];
	return NULL;
}

const char *cen_list_fetch_url(const char *which, size_t i)
{
	const fetch_set *s = find_set(which);
	return s && i < MAX_FILES ? s->urls[i] : NULL;
}

/* The libcurl functions a fetch calls (opened by open_curl). */
static struct {
	__typeof__(curl_global_init) *global_init;
	__typeof__(curl_easy_init) *easy_init;
	__typeof__(curl_easy_setopt) *easy_setopt;
	__typeof__(curl_easy_perform) *easy_perform;
	__typeof__(curl_easy_cleanup) *easy_cleanup;
	__typeof__(curl_easy_strerror) *easy_strerror;
} curl;

#define CURL_FN(name, field) {name, offsetof(__typeof__(curl), field)}
static const cen__dynfn curl_fns[] = {
	CURL_FN("curl_global_init", global_init),   CURL_FN("curl_easy_init", easy_init),
	CURL_FN("curl_easy_setopt", easy_setopt),   CURL_FN("curl_easy_perform", easy_perform),
	CURL_FN("curl_easy_cleanup", easy_cleanup), CURL_FN("curl_easy_strerror", easy_strerror),
};
static cen__dynlib curl_lib = {"libcurl.so.4", curl_fns, sizeof curl_fns / sizeof curl_fns[0],
			       &curl, 0, ""};

typedef struct sink {
	FILE *f;
	size_t n, max;
	int over;
} sink;

static size_t on_data(char *p, size_t size, size_t nmemb, void *ctx)
{
	sink *s = ctx;
	size_t n = size * nmemb;
	if (s->n + n > s->max) {
		s->over = 1;
		return 0; /* aborts the transfer */
	}
	if (fwrite(p, 1, n, s->f) != n)
		return 0;
	s->n += n;
	return n;
}

static void msg(char *errbuf, size_t errlen, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void msg(char *errbuf, size_t errlen, const char *fmt, ...)
{
	if (!errbuf || !errlen)
		return;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(errbuf, errlen, fmt, ap);
	va_end(ap);
}

static int download(const char *url, const char *path, const cen_fetch_opts *o,
		    char *errbuf, size_t errlen)
{
	sink s = {fopen(path, "wb"), 0, o->max_bytes ? o->max_bytes : CEN_LIST_MAX_FILE, 0};
	if (!s.f) {
		msg(errbuf, errlen, "%s: %s", path, strerror(errno));
		return CEN_EIO;
	}
	CURL *c = curl.easy_init();
	if (!c) {
		fclose(s.f);
		msg(errbuf, errlen, "cannot start libcurl");
		return CEN_ENOMEM;
	}
	char cerr[CURL_ERROR_SIZE] = "";
	curl.easy_setopt(c, CURLOPT_URL, url);
	curl.easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
	curl.easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
	curl.easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
	curl.easy_setopt(c, CURLOPT_MAXREDIRS, 5L);
	curl.easy_setopt(c, CURLOPT_FAILONERROR, 1L);
	curl.easy_setopt(c, CURLOPT_TIMEOUT, o->timeout_s > 0 ? o->timeout_s : 120L);
	curl.easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 30L);
	curl.easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl.easy_setopt(c, CURLOPT_USERAGENT, "centinela/" CEN_VERSION);
	curl.easy_setopt(c, CURLOPT_ERRORBUFFER, cerr);
	curl.easy_setopt(c, CURLOPT_WRITEFUNCTION, on_data);
	curl.easy_setopt(c, CURLOPT_WRITEDATA, &s);
	CURLcode r = curl.easy_perform(c);
	curl.easy_cleanup(c);
	int closed = fclose(s.f);
	if (s.over) {
		msg(errbuf, errlen, "%s: larger than %zu bytes", url, s.max);
		return CEN_ELIMIT;
	}
	if (r != CURLE_OK) {
		msg(errbuf, errlen, "%s: %s", url, cerr[0] ? cerr : curl.easy_strerror(r));
		return CEN_ENET;
	}
	if (closed != 0) {
		msg(errbuf, errlen, "%s: %s", path, strerror(errno));
		return CEN_EIO;
	}
	return 0;
}

static void remove_tmp(const char *tmp, const fetch_set *set)
{
	char p[4400];
	for (size_t i = 0; i < MAX_FILES && set->names[i]; i++) {
		snprintf(p, sizeof p, "%s/%s", tmp, set->names[i]);
		unlink(p);
	}
	rmdir(tmp);
}

static int make_dir(const char *path, char *errbuf, size_t errlen)
{
	char p[4096];
	int n = snprintf(p, sizeof p, "%s", path);
	if (n <= 0 || (size_t)n >= sizeof p) {
		msg(errbuf, errlen, "destination path too long");
		return CEN_EINVAL;
	}
	for (char *q = p + 1; *q; q++) {
		if (*q != '/')
			continue;
		*q = '\0';
		if (mkdir(p, 0777) != 0 && errno != EEXIST) {
			msg(errbuf, errlen, "%s: %s", p, strerror(errno));
			return CEN_EIO;
		}
		*q = '/';
	}
	if (mkdir(p, 0777) != 0 && errno != EEXIST) {
		msg(errbuf, errlen, "%s: %s", p, strerror(errno));
		return CEN_EIO;
	}
	return 0;
}

/* Moves the current files to previous/ (or deletes them) and the new ones in. */
static int rotate(const char *dest, const char *tmp, const fetch_set *set, int keep,
		  char *errbuf, size_t errlen)
{
	char prev[4400], from[4600], to[4600];
	snprintf(prev, sizeof prev, "%s/previous", dest);
	int have_current = 0;
	for (size_t i = 0; i < MAX_FILES && set->names[i]; i++) {
		struct stat st;
		snprintf(from, sizeof from, "%s/%s", dest, set->names[i]);
		have_current |= stat(from, &st) == 0;
	}
	if (have_current && keep) {
		int rc = make_dir(prev, errbuf, errlen);
		if (rc)
			return rc;
	}
	for (size_t i = 0; have_current && i < MAX_FILES && set->names[i]; i++) {
		snprintf(from, sizeof from, "%s/%s", dest, set->names[i]);
		snprintf(to, sizeof to, "%s/%s", prev, set->names[i]);
		if (keep) {
			unlink(to);
			if (rename(from, to) != 0 && errno != ENOENT) {
				msg(errbuf, errlen, "cannot move %s to %s: %s", from, to, strerror(errno));
				return CEN_EIO;
			}
		} else {
			unlink(from);
		}
	}
	for (size_t i = 0; i < MAX_FILES && set->names[i]; i++) {
		snprintf(from, sizeof from, "%s/%s", tmp, set->names[i]);
		snprintf(to, sizeof to, "%s/%s", dest, set->names[i]);
		if (rename(from, to) != 0) {
			msg(errbuf, errlen, "cannot move %s to %s: %s", from, to, strerror(errno));
			return CEN_EIO;
		}
	}
	return 0;
}

int cen_list_fetch(const char *which, const char *dest_dir, const cen_fetch_opts *opts,
		   size_t *n_entities, char *errbuf, size_t errlen)
{
	cen_fetch_opts o = {0};
	if (opts)
		o = *opts;
	if (n_entities)
		*n_entities = 0;
	msg(errbuf, errlen, "%s", "");
	const fetch_set *set = find_set(which);
	if (!set) {
		msg(errbuf, errlen, "unknown list '%s' (expected ofac-sdn, ofac-cons or un)",
		    which ? which : "");
		return CEN_EINVAL;
	}
	if (!dest_dir || !*dest_dir) {
		msg(errbuf, errlen, "no destination folder");
		return CEN_EINVAL;
	}
	int rc = make_dir(dest_dir, errbuf, errlen);
	if (rc)
		return rc;
	char tmp[4200];
	snprintf(tmp, sizeof tmp, "%s/.fetch-XXXXXX", dest_dir);
	if (!mkdtemp(tmp)) {
		msg(errbuf, errlen, "%s: cannot create a temporary folder: %s", dest_dir, strerror(errno));
		return CEN_EIO;
	}
	const char *why = NULL;
	if (cen__dynlib_open(&curl_lib, &why)) {
		rmdir(tmp);
		msg(errbuf, errlen, "cannot fetch: %s", why);
		return CEN_EUNSUPPORTED;
	}
	if (curl.global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
		rmdir(tmp);
		msg(errbuf, errlen, "cannot initialise libcurl");
		return CEN_ENET;
	}
	for (size_t i = 0; i < MAX_FILES && set->names[i] && rc == 0; i++) {
		char url[4200], path[4400];
		size_t bl = o.base_url ? strlen(o.base_url) : 0;
		if (o.base_url)
			snprintf(url, sizeof url, "%s%s%s", o.base_url,
				 bl && o.base_url[bl - 1] == '/' ? "" : "/", set->names[i]);
		else
			snprintf(url, sizeof url, "%s", set->urls[i]);
		snprintf(path, sizeof path, "%s/%s", tmp, set->names[i]);
		rc = download(url, path, &o, errbuf, errlen);
	}
	if (rc == 0) {
		cen_list *l = NULL;
		rc = cen_list_new(&l);
		if (rc == 0) {
			char what[4400];
			snprintf(what, sizeof what, "%s/%s", tmp, set->names[0]);
			rc = cen_list_load(l, set->format == CEN_LIST_OFAC ? tmp : what, set->format, o.diag);
			if (rc)
				msg(errbuf, errlen, "downloaded %s does not load: %s", set->which,
				    cen_list_errmsg(l));
			else if (cen_list_count(l) == 0) {
				msg(errbuf, errlen, "downloaded %s holds no entities", set->which);
				rc = CEN_EPARSE;
			}
			if (rc == 0 && n_entities)
				*n_entities = cen_list_count(l);
		}
		cen_list_free(l);
	}
	if (rc == 0)
		rc = rotate(dest_dir, tmp, set, o.keep_previous >= 0, errbuf, errlen);
	remove_tmp(tmp, set);
	return rc;
}
