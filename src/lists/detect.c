/* detect.c - which list format a path holds (cen_list_detect).
 *
 * Folders: OFAC when they hold sdn.csv or cons_prim.csv (any case). Files:
 * by extension (.xml UN, .json/.jsonl/.ndjson FollowTheMoney), and for .csv
 * by name (sdn.csv, cons_prim.csv) or by the first line: our header starts
 * with "id," (after an optional UTF-8 BOM); a first field of digits is an
 * OFAC primary file. Reads at most the first 4 KiB of a file.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "centinela/lists.h"
#include "core/utf8.h"

#include "core/banned.h"

static int exists_ci(const char *dir, const char *lower, const char *upper)
{
	char p[4200];
	struct stat st;
	snprintf(p, sizeof p, "%s/%s", dir, lower);
	if (stat(p, &st) == 0 && S_ISREG(st.st_mode))
		return 1;
	snprintf(p, sizeof p, "%s/%s", dir, upper);
	return stat(p, &st) == 0 && S_ISREG(st.st_mode);
}

static int ends_ci(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n >= m && strcasecmp(s + n - m, suffix) == 0;
}

static cen_list_format by_first_line(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return CEN_LIST_AUTO;
	char buf[4096];
	size_t n = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	buf[n] = '\0';
	const char *p = buf;
	p += cen__utf8_bom_len(p, n);
	if (strncasecmp(p, "id,", 3) == 0 || strncasecmp(p, "\"id\",", 5) == 0)
		return CEN_LIST_OWN_CSV;
	size_t d = 0;
	while (p[d] >= '0' && p[d] <= '9')
		d++;
	if (d > 0 && p[d] == ',')
		return CEN_LIST_OFAC;
	return CEN_LIST_AUTO;
}

cen_list_format cen_list_detect(const char *path)
{
	struct stat st;
	if (!path || stat(path, &st) != 0)
		return CEN_LIST_AUTO;
	if (S_ISDIR(st.st_mode)) {
		if (exists_ci(path, "sdn.csv", "SDN.CSV") ||
		    exists_ci(path, "cons_prim.csv", "CONS_PRIM.CSV"))
			return CEN_LIST_OFAC;
		return CEN_LIST_AUTO;
	}
	const char *slash = strrchr(path, '/');
	const char *base = slash ? slash + 1 : path;
	if (ends_ci(base, ".xml"))
		return CEN_LIST_UN_XML;
	if (ends_ci(base, ".json") || ends_ci(base, ".jsonl") || ends_ci(base, ".ndjson"))
		return CEN_LIST_FTM;
	if (strcasecmp(base, "sdn.csv") == 0 || strcasecmp(base, "cons_prim.csv") == 0)
		return CEN_LIST_OFAC;
	if (ends_ci(base, ".csv") || ends_ci(base, ".txt"))
		return by_first_line(path);
	return CEN_LIST_AUTO;
}
