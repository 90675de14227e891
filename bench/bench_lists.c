/* bench_lists.c - time to load designation lists, against two baselines in
 * the same run: the bare CSV tokenizer (cen_csv) over the same OFAC files
 * (the floor any loader pays), and a loader a user might write in Python
 * (csv module, dicts joining add/alt/comments, regex split of Remarks),
 * timed inside Python so interpreter start-up is not counted.
 *
 * Usage: bench_lists [DATA_DIR]  (default $CENTINELA_DATA or ../shared/data)
 * Prints best-of-7 times, entities, names, memory per name, and ratios.
 * Times are CPU time of this process (CLOCK_PROCESS_CPUTIME_ID; Python:
 * time.process_time), so a busy shared machine inflates them less than wall
 * time would; the bench is single-threaded, so on an idle machine wall time
 * is the same.
 * Run with bench/bench_lists.sh.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "centinela/io.h"
#include "centinela/lists.h"

#define RUNS 7

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static double load_best(const char *path, size_t *n, size_t *names, size_t *bytes)
{
	double best = 1e9;
	for (int r = 0; r < RUNS; r++) {
		cen_list *l;
		if (cen_list_new(&l))
			exit(1);
		double t0 = now();
		int rc = cen_list_load(l, path, CEN_LIST_AUTO, NULL);
		double t = now() - t0;
		if (rc) {
			fprintf(stderr, "%s\n", cen_list_errmsg(l));
			exit(1);
		}
		*n = cen_list_count(l);
		*names = cen_list_name_count(l);
		*bytes = cen_list_bytes(l);
		cen_list_free(l);
		if (t < best)
			best = t;
	}
	return best;
}

static double tokenize_best(const char *dir)
{
	static const char *const files[] = {"sdn.csv", "add.csv", "alt.csv", "sdn_comments.csv"};
	double best = 1e9;
	for (int r = 0; r < RUNS; r++) {
		double t0 = now();
		size_t fields = 0;
		for (int i = 0; i < 4; i++) {
			char p[4096];
			snprintf(p, sizeof p, "%s/%s", dir, files[i]);
			cen_csv *c;
			if (cen_csv_open_file(&c, p, NULL))
				exit(1);
			cen_slice *f;
			size_t nf;
			int k;
			while ((k = cen_csv_next(c, &f, &nf)) != 0)
				if (k > 0)
					fields += nf;
			cen_csv_free(c);
		}
		double t = now() - t0;
		if (fields == 0)
			exit(1);
		if (t < best)
			best = t;
	}
	return best;
}

static const char *py =
	"import csv,re,sys,time\n"
	"d=sys.argv[1]\n"
	"best=1e9\n"
	"for r in range(3):\n"
	" t=time.process_time()\n"
	" ents={}\n"
	" for row in csv.reader(open(d+'/sdn.csv',encoding='utf-8',errors='replace')):\n"
	"  if len(row)<12: continue\n"
	"  e={'name':row[1],'type':row[2],'programs':[p.strip() for p in re.split(r'\\]\\s*\\[',row[3])],\n"
	"     'aliases':[],'addresses':[],'remarks':row[11] if row[11].strip()!='-0-' else ''}\n"
	"  ents[row[0]]=e\n"
	" for row in csv.reader(open(d+'/alt.csv',encoding='utf-8',errors='replace')):\n"
	"  if len(row)>3 and row[0] in ents: ents[row[0]]['aliases'].append(row[3])\n"
	" for row in csv.reader(open(d+'/add.csv',encoding='utf-8',errors='replace')):\n"
	"  if len(row)>4 and row[0] in ents: ents[row[0]]['addresses'].append(', '.join(x for x in row[2:5] if x.strip()!='-0-'))\n"
	" for row in csv.reader(open(d+'/sdn_comments.csv',encoding='utf-8',errors='replace')):\n"
	"  if len(row)>1 and row[0] in ents: ents[row[0]]['remarks']+=row[1]\n"
	" for e in ents.values():\n"
	"  for st in e['remarks'].split(';'):\n"
	"   st=st.strip()\n"
	"   m=re.match(r'(?:alt\\. )?DOB (.*)',st)\n"
	"   if m: e.setdefault('dob',[]).append(m.group(1)); continue\n"
	"   m=re.match(r\"a\\.k\\.a\\. '(.*)'\",st)\n"
	"   if m: e['aliases'].append(m.group(1))\n"
	" best=min(best,time.process_time()-t)\n"
	"print(best, len(ents))\n";

static double python_best(const char *dir)
{
	char cmd[8192];
	FILE *f = fopen("/tmp/bench_lists_baseline.py", "w");
	if (!f)
		return -1;
	fputs(py, f);
	fclose(f);
	snprintf(cmd, sizeof cmd, "python3 /tmp/bench_lists_baseline.py '%s'", dir);
	FILE *p = popen(cmd, "r");
	if (!p)
		return -1;
	double t = -1;
	long n = 0;
	if (fscanf(p, "%lf %ld", &t, &n) != 2)
		t = -1;
	pclose(p);
	return t;
}

int main(int argc, char **argv)
{
	const char *data = argc > 1 ? argv[1] : getenv("CENTINELA_DATA");
	if (!data)
		data = "../shared/data";
	char sdn[4096], un[4096], ftm[4096];
	snprintf(sdn, sizeof sdn, "%s/ofac/sdn-2024-05", data);
	snprintf(un, sizeof un, "%s/un/consolidated-2026-02-27.xml", data);
	snprintf(ftm, sizeof ftm, "%s/opensanctions/zala-2026-06-03.ftm.json", data);
	size_t n, names, bytes;
	double t_sdn = load_best(sdn, &n, &names, &bytes);
	printf("OFAC SDN 2024-05 (4 files): %.1f ms  %zu entities  %zu names  %.0f bytes/name "
	       "(%.1f MB)\n", t_sdn * 1e3, n, names, (double)bytes / (double)names, (double)bytes / 1e6);
	double t_tok = tokenize_best(sdn);
	printf("  baseline cen_csv tokenizer only:   %.1f ms  (full load / tokenize = %.2fx)\n",
	       t_tok * 1e3, t_sdn / t_tok);
	double t_py = python_best(sdn);
	if (t_py > 0)
		printf("  baseline Python csv+regex loader:  %.1f ms  (Python / Centinela = %.1fx)\n",
		       t_py * 1e3, t_py / t_sdn);
	double t_un = load_best(un, &n, &names, &bytes);
	printf("UN consolidated XML:          %.1f ms  %zu entities  %zu names\n", t_un * 1e3, n, names);
	double t_ftm = load_best(ftm, &n, &names, &bytes);
	printf("OpenSanctions FtM (91 recs):  %.2f ms  %zu entities  %zu names\n", t_ftm * 1e3, n, names);
	return 0;
}
