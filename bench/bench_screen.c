/* bench_screen.c - speed, index recall and memory of the screening engine on
 * the full OFAC SDN list, with the exhaustive scan and a Python baseline
 * measured in the same run.
 *
 * Usage: bench_screen [SDN_DIR] [--queries N] [--exhaustive N] [--python N]
 *                     [--threshold T] [--seed S] [--dump FILE]
 * The query mix is generated from the list itself, deterministically by
 * seed: exact names as written, reordered ("Given SURNAME"), one typo,
 * dropped maternal surname, accents added, a nickname for the given name,
 * and names that are not on the list. The exhaustive scan runs on the
 * first --exhaustive queries; index recall is measured on those: of every
 * (query, entity) hit the exhaustive scan finds at the threshold, the share
 * the indexed search finds too. The Python baseline (bench_screen_baseline.py:
 * jellyfish Jaro-Winkler over every name, as a user might write it) runs on
 * the first --python queries; all ratios are of queries per second.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "centinela/core.h"
#include "centinela/lists.h"
#include "centinela/screen.h"

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* CPU time of this thread: what one core spent, whatever else the shared
 * machine runs meanwhile. */
static double cpu(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static uint64_t rng_state = 88172645463325252ULL;
static uint64_t rnd(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}
static size_t rndn(size_t n)
{
	return n ? (size_t)(rnd() % n) : 0;
}

enum qkind { Q_EXACT, Q_REORDER, Q_TYPO, Q_DROP, Q_ACCENT, Q_NICK, Q_ABSENT, Q_NKINDS };
static const char *kind_names[] = {"exact", "reordered", "typo", "dropped-surname",
				   "accents", "nickname", "not-on-list"};

typedef struct query {
	char name[256];
	int kind;
	size_t src; /* entity index or SIZE_MAX */
} query;

/* "SURNAME1 SURNAME2, Given Names" -> parts; 0 if no comma. */
static int split_ofac(const char *s, char *sur, size_t scap, char *giv, size_t gcap)
{
	const char *c = strchr(s, ',');
	if (!c)
		return 0;
	size_t a = (size_t)(c - s);
	if (a >= scap)
		return 0;
	memcpy(sur, s, a);
	sur[a] = 0;
	c++;
	while (*c == ' ')
		c++;
	snprintf(giv, gcap, "%s", c);
	return *giv != 0;
}

static void lower_tail(char *s)
{
	/* "JOAQUIN" -> "Joaquin" word by word, as customers are written */
	int start = 1;
	for (; *s; s++) {
		if (*s >= 'A' && *s <= 'Z' && !start)
			*s = (char)(*s - 'A' + 'a');
		start = (*s == ' ' || *s == '-');
	}
}

static void typo(char *s)
{
	size_t n = strlen(s);
	if (n < 6)
		return;
	/* pick a position inside a letter run */
	for (int tries = 0; tries < 20; tries++) {
		size_t p = 1 + rndn(n - 2);
		char c = s[p];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) || s[p - 1] == ' ' ||
		    s[p + 1] == ' ' || s[p + 1] == 0)
			continue;
		switch (rndn(4)) {
		case 0: /* substitution */
			s[p] = (char)((c >= 'a' ? 'a' : 'A') + (char)rndn(26));
			break;
		case 1: /* deletion */
			memmove(s + p, s + p + 1, n - p);
			break;
		case 2: /* transposition */
			if (s[p + 1] != ' ') {
				s[p] = s[p + 1];
				s[p + 1] = c;
			}
			break;
		default: /* insertion */
			if (n + 2 < 255) {
				memmove(s + p + 1, s + p, n - p + 1);
				s[p] = c;
			}
		}
		return;
	}
}

static void add_accents(char *s, size_t cap)
{
	char out[512];
	size_t k = 0;
	int done = 0;
	for (const char *p = s; *p && k + 3 < sizeof out; p++) {
		const char *rep = NULL;
		if (!done || rndn(3) == 0) {
			switch (*p) {
			case 'a': rep = "\xc3\xa1"; break;
			case 'e': rep = "\xc3\xa9"; break;
			case 'i': rep = "\xc3\xad"; break;
			case 'o': rep = "\xc3\xb3"; break;
			case 'u': rep = "\xc3\xba"; break;
			case 'A': rep = "\xc3\x81"; break;
			case 'E': rep = "\xc3\x89"; break;
			case 'O': rep = "\xc3\x93"; break;
			case 'N': rep = rndn(2) ? "\xc3\x91" : NULL; break;
			default: break;
			}
		}
		if (rep) {
			memcpy(out + k, rep, 2);
			k += 2;
			done = 1;
		} else
			out[k++] = *p;
	}
	out[k] = 0;
	snprintf(s, cap, "%s", out);
}

static const char *nick_of(const char *given)
{
	static const char *const tab[][2] = {
		{"JOSE", "Pepe"}, {"FRANCISCO", "Paco"}, {"JESUS", "Chuy"},
		{"GUILLERMO", "Memo"}, {"IGNACIO", "Nacho"}, {"GUADALUPE", "Lupe"},
		{"ALBERTO", "Beto"}, {"ROBERTO", "Beto"}, {"ENRIQUE", "Kike"},
		{"RAFAEL", "Rafa"}, {"ALEJANDRO", "Alex"}, {"EDUARDO", "Lalo"},
		{"MANUEL", "Manolo"}, {"ANTONIO", "Tono"}, {"WILLIAM", "Bill"},
		{"ROBERT", "Bob"}, {"ALFREDO", "Fredo"}, {"GONZALO", "Chalo"},
	};
	for (size_t i = 0; i < sizeof tab / sizeof tab[0]; i++) {
		size_t l = strlen(tab[i][0]);
		if (!strncasecmp(given, tab[i][0], l) && (given[l] == ' ' || given[l] == 0))
			return tab[i][1];
	}
	return NULL;
}

static const char *const giv_pool[] = {
	"Maria", "Jose", "Juan", "Luis", "Ana", "Carlos", "Fernanda", "Sofia", "Diego",
	"Valeria", "Alejandro", "Camila", "Mateo", "Daniela", "Santiago", "Lucia",
	"Emilio", "Ximena", "Ricardo", "Paola", "Hector", "Gabriela", "Andres", "Monica",
	"Kevin", "Brenda", "Omar", "Yesenia", "Jonathan", "Karla"};
static const char *const sur_pool[] = {
	"Hernandez", "Garcia", "Martinez", "Lopez", "Gonzalez", "Rodriguez", "Perez",
	"Sanchez", "Ramirez", "Cruz", "Flores", "Gomez", "Morales", "Vazquez", "Reyes",
	"Jimenez", "Torres", "Diaz", "Gutierrez", "Ruiz", "Mendoza", "Aguilar", "Ortiz",
	"Moreno", "Castillo", "Romero", "Alvarez", "Mendez", "Chavez", "Rivera", "Juarez",
	"Ramos", "Dominguez", "Herrera", "Medina", "Castro", "Vargas", "Guzman", "Velazquez",
	"Rojas", "Contreras", "Salazar", "Luna", "Ortega", "Cardenas", "Navarro",
	"Delgado", "Sandoval", "Pena", "Rios", "Miller", "Johnson", "Nguyen", "Kim"};
static const char *const biz_pool[] = {
	"Comercializadora", "Servicios", "Transportes", "Distribuidora", "Inmobiliaria",
	"Grupo", "Constructora", "Farmacia", "Abarrotes", "Importadora"};
static const char *const biz2_pool[] = {
	"del Norte", "Azteca", "San Miguel", "Los Alamos", "Pacifico", "Real", "Sol",
	"Monterrey", "Tres Rios", "La Esperanza", "Golfo", "Centauro"};
#define POOL(p) (p[rndn(sizeof p / sizeof p[0])])

static int gen_query(query *q, const cen_entity *const *ents, size_t n, int kind)
{
	q->kind = kind;
	q->src = SIZE_MAX;
	if (kind == Q_ABSENT) {
		if (rndn(4) == 0)
			snprintf(q->name, sizeof q->name, "%s %s S.A. de C.V.", POOL(biz_pool),
				 POOL(biz2_pool));
		else if (rndn(2))
			snprintf(q->name, sizeof q->name, "%s %s %s", POOL(giv_pool),
				 POOL(sur_pool), POOL(sur_pool));
		else
			snprintf(q->name, sizeof q->name, "%s %s %s %s", POOL(giv_pool),
				 POOL(giv_pool), POOL(sur_pool), POOL(sur_pool));
		return 1;
	}
	for (int tries = 0; tries < 200; tries++) {
		size_t e = rndn(n);
		const cen_entity *en = ents[e];
		if (!en->n_names)
			continue;
		int person = en->kind == CEN_KIND_PERSON;
		if (kind != Q_EXACT && kind != Q_TYPO && kind != Q_ACCENT && !person)
			continue;
		size_t k = (kind == Q_EXACT || kind == Q_TYPO) && en->n_names > 1 && rndn(3) == 0
				   ? 1 + rndn(en->n_names - 1)
				   : 0;
		const char *nm = en->names[k].text;
		if (!nm || strlen(nm) > 120)
			continue;
		char sur[256], giv[256];
		int has = split_ofac(nm, sur, sizeof sur, giv, sizeof giv);
		switch (kind) {
		case Q_EXACT:
			snprintf(q->name, sizeof q->name, "%s", nm);
			break;
		case Q_REORDER:
			if (!has)
				continue;
			snprintf(q->name, sizeof q->name, "%s %s", giv, sur);
			lower_tail(q->name);
			break;
		case Q_TYPO:
			snprintf(q->name, sizeof q->name, "%s", nm);
			typo(q->name);
			break;
		case Q_DROP: {
			if (!has)
				continue;
			char *sp = strrchr(sur, ' ');
			if (!sp || strchr(sur, ' ') != sp)
				continue; /* exactly two surname words */
			*sp = 0;
			snprintf(q->name, sizeof q->name, "%s %s", giv, sur);
			lower_tail(q->name);
			break;
		}
		case Q_ACCENT:
			if (has)
				snprintf(q->name, sizeof q->name, "%s %s", giv, sur);
			else
				snprintf(q->name, sizeof q->name, "%s", nm);
			lower_tail(q->name);
			add_accents(q->name, sizeof q->name);
			break;
		case Q_NICK: {
			if (!has)
				continue;
			const char *nick = nick_of(giv);
			if (!nick)
				continue;
			const char *rest = strchr(giv, ' ');
			snprintf(q->name, sizeof q->name, "%s%s %s", nick, rest ? rest : "", sur);
			lower_tail(q->name);
			break;
		}
		default:
			break;
		}
		q->src = e;
		return 1;
	}
	/* no entity fits (tiny list): fall back to an exact name */
	return gen_query(q, ents, n, Q_EXACT);
}

static int hit_cmp(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
	const char *dir = NULL, *dump = NULL;
	size_t nq = 20000, nex = 1000, npy = 300;
	double thr = CEN_SCREEN_THRESHOLD;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--queries") && i + 1 < argc)
			nq = (size_t)atol(argv[++i]);
		else if (!strcmp(argv[i], "--exhaustive") && i + 1 < argc)
			nex = (size_t)atol(argv[++i]);
		else if (!strcmp(argv[i], "--python") && i + 1 < argc)
			npy = (size_t)atol(argv[++i]);
		else if (!strcmp(argv[i], "--threshold") && i + 1 < argc)
			thr = atof(argv[++i]);
		else if (!strcmp(argv[i], "--seed") && i + 1 < argc)
			rng_state = (uint64_t)atoll(argv[++i]) * 2654435761ULL + 1;
		else if (!strcmp(argv[i], "--dump") && i + 1 < argc)
			dump = argv[++i];
		else
			dir = argv[i];
	}
	char defdir[1024];
	if (!dir) {
		const char *d = getenv("CENTINELA_DATA");
		snprintf(defdir, sizeof defdir, "%s/ofac/sdn-2024-05", d ? d : "../shared/data");
		dir = defdir;
	}
	if (nex > nq)
		nex = nq;
	if (npy > nq)
		npy = nq;

	double t0 = now(), c0 = cpu();
	cen_list *list = NULL;
	if (cen_list_new(&list) || cen_list_load(list, dir, CEN_LIST_AUTO, NULL)) {
		fprintf(stderr, "bench_screen: cannot load %s: %s\n", dir,
			list ? cen_list_errmsg(list) : "out of memory");
		return 2;
	}
	double t1 = now();
	size_t ne;
	const cen_entity *const *ents = cen_list_entities(list, &ne);
	cen_screener *s = NULL;
	const char *emsg = NULL;
	if (cen_screener_new(&s, ents, ne, NULL, &emsg)) {
		fprintf(stderr, "bench_screen: index: %s\n", emsg);
		return 2;
	}
	double t2 = now(), c2 = cpu();
	cen_screener_stats st;
	cen_screener_get_stats(s, &st);
	printf("list %s: %zu entities, %zu names, %zu distinct tokens, %zu fuzzy keys\n", dir,
	       st.entities, st.names, st.tokens, st.fuzzy_keys);
	printf("load %.3f s + index %.3f s = %.3f s wall, %.3f s CPU (target < 0.5 s); index memory %.1f MB, %.0f bytes per name\n",
	       t1 - t0, t2 - t1, t2 - t0, c2 - c0, (double)st.bytes / 1e6, st.bytes_per_name);

	query *qs = calloc(nq, sizeof *qs);
	if (!qs)
		return 2;
	static const int mix[] = {Q_EXACT, Q_EXACT, Q_EXACT, Q_REORDER, Q_REORDER, Q_REORDER,
				  Q_TYPO, Q_TYPO, Q_TYPO, Q_TYPO, Q_DROP, Q_DROP, Q_DROP,
				  Q_ACCENT, Q_ACCENT, Q_NICK, Q_ABSENT, Q_ABSENT, Q_ABSENT,
				  Q_ABSENT};
	for (size_t i = 0; i < nq; i++)
		gen_query(&qs[i], ents, ne, mix[rndn(sizeof mix / sizeof mix[0])]);
	if (dump) {
		FILE *f = fopen(dump, "w");
		if (!f) {
			perror(dump);
			return 2;
		}
		for (size_t i = 0; i < nq; i++)
			fprintf(f, "%s\t%s\n", kind_names[qs[i].kind], qs[i].name);
		fclose(f);
	}

	cen_query_ctx *ctx = NULL;
	if (cen_query_ctx_new(&ctx))
		return 2;
	cen_search_opts o;
	cen_search_opts_init(&o);
	o.threshold = thr;
	o.limit = 50;
	o.flags = CEN_SEARCH_NO_EXPLAIN;

	/* indexed: hits kept for the recall comparison */
	size_t **ix_hits = calloc(nex ? nex : 1, sizeof *ix_hits);
	size_t *ix_n = calloc(nex ? nex : 1, sizeof *ix_n);
	size_t found_src[Q_NKINDS] = {0}, tot_src[Q_NKINDS] = {0}, any_hit[Q_NKINDS] = {0};
	size_t total_hits = 0;
	cen_query q;
	memset(&q, 0, sizeof q);
	/* warm-up pass (scratch growth), then the timed pass */
	for (size_t i = 0; i < nq && i < 200; i++) {
		const cen_hit *h;
		size_t nh;
		q.name = qs[i].name;
		cen_search(s, ctx, &q, &o, &h, &nh);
	}
	double t3 = now(), c3 = cpu();
	for (size_t i = 0; i < nq; i++) {
		const cen_hit *h;
		size_t nh;
		q.name = qs[i].name;
		if (cen_search(s, ctx, &q, &o, &h, &nh)) {
			fprintf(stderr, "query '%s': %s\n", q.name, cen_query_ctx_errmsg(ctx));
			continue;
		}
		total_hits += nh;
		int k = qs[i].kind;
		if (nh)
			any_hit[k]++;
		if (qs[i].src != SIZE_MAX) {
			tot_src[k]++;
			for (size_t j = 0; j < nh; j++)
				if (h[j].entity_index == qs[i].src) {
					found_src[k]++;
					break;
				}
		}
		if (i < nex) {
			ix_hits[i] = malloc((nh ? nh : 1) * sizeof(size_t));
			for (size_t j = 0; j < nh; j++)
				ix_hits[i][j] = h[j].entity_index;
			ix_n[i] = nh;
			qsort(ix_hits[i], nh, sizeof(size_t), hit_cmp);
		}
	}
	double t4 = now(), c4 = cpu();
	double qps_ix = (double)nq / (c4 - c3);
	double qps_ix_wall = (double)nq / (t4 - t3);

	/* exhaustive on the first nex queries */
	o.flags |= CEN_SEARCH_EXHAUSTIVE;
	size_t ex_total = 0, ex_found = 0;
	double t5 = now(), c5 = cpu();
	for (size_t i = 0; i < nex; i++) {
		const cen_hit *h;
		size_t nh;
		q.name = qs[i].name;
		if (cen_search(s, ctx, &q, &o, &h, &nh))
			continue;
		for (size_t j = 0; j < nh; j++) {
			size_t e = h[j].entity_index;
			ex_total++;
			if (bsearch(&e, ix_hits[i], ix_n[i], sizeof(size_t), hit_cmp))
				ex_found++;
			else if (getenv("BENCH_VERBOSE"))
				fprintf(stderr, "index missed: '%s' -> %s (%.3f)\n", qs[i].name,
					h[j].matched_name, h[j].score);
		}
	}
	double t6 = now(), c6 = cpu();
	double qps_ex = nex ? (double)nex / (c6 - c5) : 0;
	double qps_ex_wall = nex ? (double)nex / (t6 - t5) : 0;

	printf("\nquery mix: %zu queries at threshold %.2f (%zu hits in all)\n", nq, thr, total_hits);
	for (int k = 0; k < Q_NKINDS; k++) {
		if (k == Q_ABSENT) {
			size_t cnt = 0;
			for (size_t i = 0; i < nq; i++)
				cnt += qs[i].kind == Q_ABSENT;
			printf("  %-16s %6zu queries, %5.1f%% with any hit (synthetic names; some are real people's names)\n",
			       kind_names[k], cnt, cnt ? 100.0 * (double)any_hit[k] / (double)cnt : 0);
		} else
			printf("  %-16s %6zu queries, source entity found in %5.1f%%\n", kind_names[k],
			       tot_src[k], tot_src[k] ? 100.0 * (double)found_src[k] / (double)tot_src[k] : 0);
	}
	printf("\nqueries/s are per second of this thread's CPU time (one core); wall-clock figures\n"
	       "in brackets depend on what else the machine runs\n");
	printf("indexed search:    %10.0f queries/s (%.2f us/query) [wall %.0f/s]\n", qps_ix,
	       1e6 / qps_ix, qps_ix_wall);
	if (nex) {
		printf("exhaustive scan:   %10.0f queries/s (%.2f ms/query) [wall %.0f/s] on the first %zu queries\n",
		       qps_ex, 1e3 / qps_ex, qps_ex_wall, nex);
		printf("ratio index/exhaustive: %.0fx\n", qps_ix / qps_ex);
		printf("index recall vs exhaustive at %.2f: %zu of %zu hits = %.3f%% (target >= 99.5%%)\n",
		       thr, ex_found, ex_total, ex_total ? 100.0 * (double)ex_found / (double)ex_total : 100.0);
	}
	for (size_t i = 0; i < nex; i++)
		free(ix_hits[i]);
	free(ix_hits);
	free(ix_n);

	/* Python baseline on the first npy queries */
	if (npy) {
		const char *py = getenv("BENCH_PYTHON") ? getenv("BENCH_PYTHON") : "/usr/bin/python3";
		const char *script = getenv("BENCH_BASELINE") ? getenv("BENCH_BASELINE")
							       : "bench/bench_screen_baseline.py";
		char qf[] = "/tmp/bench_screen_qXXXXXX";
		int fd = mkstemp(qf);
		FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
		if (!f) {
			perror("mkstemp");
			return 2;
		}
		for (size_t i = 0; i < npy; i++)
			fprintf(f, "%s\n", qs[i].name);
		fclose(f);
		char cmd[4096];
		snprintf(cmd, sizeof cmd, "%s %s %s %s 0.85", py, script, dir, qf);
		FILE *p = popen(cmd, "r");
		double py_qps = 0;
		char line[512];
		while (p && fgets(line, sizeof line, p)) {
			if (!strncmp(line, "qps ", 4))
				py_qps = atof(line + 4);
			else
				fputs(line, stdout);
		}
		if (p)
			pclose(p);
		unlink(qf);
		if (py_qps > 0) {
			printf("python baseline:   %10.1f queries/s (jellyfish Jaro-Winkler over every name, %zu queries)\n",
			       py_qps, npy);
			printf("ratio index/python: %.0fx; exhaustive/python: %.1fx\n", qps_ix / py_qps,
			       nex ? qps_ex / py_qps : 0);
		} else
			printf("python baseline: not run (%s with jellyfish needed)\n", py);
	}
	cen_query_ctx_free(ctx);
	cen_screener_free(s);
	cen_list_free(list);
	free(qs);
	return 0;
}
