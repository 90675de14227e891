/* test_lists_fetch.c - cen_list_fetch against a local HTTP server
 * (python3 -m http.server on a free loopback port) serving the shared real
 * files: a first fetch, a second one that keeps the first in previous/, and
 * failures (missing file, file that does not parse, no server) that leave
 * the destination as it was. Skipped without python3 or the shared data. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "lists_test_util.h"

static char root[64], dest[64];
static pid_t server = -1;
static int port;
static char base[64];

static int free_port(void)
{
	int s = socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in a;
	memset(&a, 0, sizeof a);
	a.sin_family = AF_INET;
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	socklen_t len = sizeof a;
	if (s < 0 || bind(s, (struct sockaddr *)&a, sizeof a) != 0 ||
	    getsockname(s, (struct sockaddr *)&a, &len) != 0) {
		if (s >= 0)
			close(s);
		return -1;
	}
	close(s);
	return ntohs(a.sin_port);
}

static int connectable(int p)
{
	int s = socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in a;
	memset(&a, 0, sizeof a);
	a.sin_family = AF_INET;
	a.sin_port = htons((uint16_t)p);
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	int ok = s >= 0 && connect(s, (struct sockaddr *)&a, sizeof a) == 0;
	if (s >= 0)
		close(s);
	return ok;
}

/* Makes root/name a link to the shared data file rel. */
static void serve(const char *name, const char *rel)
{
	char src[4096], dst[256];
	assert_non_null(lt_data(rel, src, sizeof src));
	snprintf(dst, sizeof dst, "%s/%s", root, name);
	unlink(dst);
	assert_int_equal(symlink(src, dst), 0);
}

static void serve_text(const char *name, const char *text)
{
	char dst[256];
	snprintf(dst, sizeof dst, "%s/%s", root, name);
	unlink(dst);
	FILE *f = fopen(dst, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static int setup(void **state)
{
	(void)state;
	char buf[4096];
	if (access("/usr/bin/python3", X_OK) != 0 || !lt_data("ofac/sdn-2021-07", buf, sizeof buf) ||
	    !lt_data("un/consolidated-2026-02-27.xml", buf, sizeof buf))
		return 0; /* tests skip */
	snprintf(root, sizeof root, "/tmp/cen_fetch_rootXXXXXX");
	snprintf(dest, sizeof dest, "/tmp/cen_fetch_destXXXXXX");
	if (!mkdtemp(root) || !mkdtemp(dest))
		return -1;
	port = free_port();
	if (port <= 0)
		return -1;
	snprintf(base, sizeof base, "http://127.0.0.1:%d", port);
	server = fork();
	if (server == 0) {
		char ps[16];
		snprintf(ps, sizeof ps, "%d", port);
		if (!freopen("/dev/null", "w", stderr) || !freopen("/dev/null", "w", stdout))
			_exit(127);
		execl("/usr/bin/python3", "python3", "-m", "http.server", ps, "--bind", "127.0.0.1",
		      "--directory", root, (char *)NULL);
		_exit(127);
	}
	for (int i = 0; i < 200 && !connectable(port); i++) {
		struct timespec ts = {0, 50 * 1000 * 1000};
		nanosleep(&ts, NULL);
	}
	return connectable(port) ? 0 : -1;
}

static void rm_files(const char *dir)
{
	static const char *const names[] = {"sdn.csv", "add.csv", "alt.csv", "sdn_comments.csv",
					    "consolidated.xml"};
	char p[256];
	for (size_t i = 0; i < 5; i++) {
		snprintf(p, sizeof p, "%s/%s", dir, names[i]);
		unlink(p);
		snprintf(p, sizeof p, "%s/previous/%s", dir, names[i]);
		unlink(p);
	}
	snprintf(p, sizeof p, "%s/previous", dir);
	rmdir(p);
	rmdir(dir);
}

static int teardown(void **state)
{
	(void)state;
	if (server > 0) {
		kill(server, SIGTERM);
		waitpid(server, NULL, 0);
	}
	if (root[0]) {
		rm_files(root);
		rm_files(dest);
	}
	return 0;
}

static size_t count_dir(const char *path)
{
	cen_list *l;
	assert_int_equal(cen_list_new(&l), 0);
	size_t n = cen_list_load(l, path, CEN_LIST_AUTO, NULL) == 0 ? cen_list_count(l) : 0;
	cen_list_free(l);
	return n;
}

static void test_fetch_sdn_versions(void **state)
{
	(void)state;
	if (server <= 0)
		skip();
	serve("sdn.csv", "ofac/sdn-2021-07/sdn.csv");
	serve("add.csv", "ofac/sdn-2021-07/add.csv");
	serve("alt.csv", "ofac/sdn-2021-07/alt.csv");
	serve("sdn_comments.csv", "ofac/sdn-2021-07/sdn_comments.csv");
	cen_fetch_opts o = {.base_url = base, .timeout_s = 30};
	char err[512];
	size_t n = 0;
	assert_int_equal(cen_list_fetch("ofac-sdn", dest, &o, &n, err, sizeof err), 0);
	assert_int_equal(n, 8976);
	assert_int_equal(count_dir(dest), 8976);

	/* A newer version: the 2021 files move to previous/. */
	serve("sdn.csv", "ofac/sdn-2024-05/sdn.csv");
	serve("add.csv", "ofac/sdn-2024-05/add.csv");
	serve("alt.csv", "ofac/sdn-2024-05/alt.csv");
	serve("sdn_comments.csv", "ofac/sdn-2024-05/sdn_comments.csv");
	cen_diag d = {NULL, NULL, 0, 0};
	o.diag = &d;
	assert_int_equal(cen_list_fetch("ofac-sdn", dest, &o, &n, err, sizeof err), 0);
	assert_int_equal(n, 14965);
	assert_true(d.warnings > 0); /* the orphans of this mixed set */
	char prev[128];
	snprintf(prev, sizeof prev, "%s/previous", dest);
	assert_int_equal(count_dir(dest), 14965);
	assert_int_equal(count_dir(prev), 8976);

	/* A missing file fails the fetch and changes nothing. */
	char p[256];
	snprintf(p, sizeof p, "%s/alt.csv", root);
	unlink(p);
	assert_int_equal(cen_list_fetch("ofac-sdn", dest, &o, &n, err, sizeof err), CEN_ENET);
	assert_non_null(strstr(err, "/alt.csv"));
	assert_int_equal(count_dir(dest), 14965);
	assert_int_equal(count_dir(prev), 8976);

	/* A primary file that is not an OFAC file fails verification. */
	serve("alt.csv", "ofac/sdn-2024-05/alt.csv");
	serve_text("sdn.csv", "this is not a list\n");
	assert_int_equal(cen_list_fetch("ofac-sdn", dest, &o, &n, err, sizeof err), CEN_EPARSE);
	assert_non_null(strstr(err, "holds no entities"));
	assert_int_equal(count_dir(dest), 14965);
	o.max_bytes = 1000;
	serve("sdn.csv", "ofac/sdn-2024-05/sdn.csv");
	assert_int_equal(cen_list_fetch("ofac-sdn", dest, &o, &n, err, sizeof err), CEN_ELIMIT);
	assert_int_equal(count_dir(dest), 14965);
}

static void test_fetch_un(void **state)
{
	(void)state;
	if (server <= 0)
		skip();
	serve("consolidated.xml", "un/consolidated-2026-02-27.xml");
	cen_fetch_opts o = {.base_url = base};
	char err[512];
	size_t n = 0;
	assert_int_equal(cen_list_fetch("un", dest, &o, &n, err, sizeof err), 0);
	assert_int_equal(n, 1003);
	serve_text("consolidated.xml", "<CONSOLIDATED_LIST><broken");
	assert_int_equal(cen_list_fetch("un", dest, &o, &n, err, sizeof err), CEN_EPARSE);
	assert_non_null(strstr(err, "not well-formed XML"));
	char p[128];
	snprintf(p, sizeof p, "%s/consolidated.xml", dest);
	assert_int_equal(count_dir(p), 1003);
}

static void test_fetch_bad_args(void **state)
{
	(void)state;
	char err[512];
	assert_int_equal(cen_list_fetch("ofac-xyz", "/tmp", NULL, NULL, err, sizeof err), CEN_EINVAL);
	assert_non_null(strstr(err, "unknown list 'ofac-xyz'"));
	assert_string_equal(cen_list_fetch_url("ofac-sdn", 0),
			    "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/SDN.CSV");
	assert_string_equal(cen_list_fetch_url("un", 0),
			    "https://scsanctions.un.org/resources/xml/en/consolidated.xml");
	assert_null(cen_list_fetch_url("un", 1));
	/* Nothing listens on a port just freed: a network error, nothing written. */
	int p = free_port();
	char url[64], d[64];
	snprintf(url, sizeof url, "http://127.0.0.1:%d", p);
	snprintf(d, sizeof d, "/tmp/cen_fetch_noneXXXXXX");
	assert_non_null(mkdtemp(d));
	cen_fetch_opts o = {.base_url = url, .timeout_s = 5};
	assert_int_equal(cen_list_fetch("un", d, &o, NULL, err, sizeof err), CEN_ENET);
	assert_int_equal(rmdir(d), 0); /* empty: the temporary folder is gone */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fetch_sdn_versions),
		cmocka_unit_test(test_fetch_un),
		cmocka_unit_test(test_fetch_bad_args),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
