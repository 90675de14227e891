/* list.c - the cen_list handle: loading sources, committing their entities,
 * lookups, versions.
 *
 * Invariants: ents[i]->id has interner id i in list->ids (ids are unique);
 * every committed entity and everything it points to lives in list->arena
 * (or is a static string); nothing reachable from a committed entity is ever
 * modified again, so readers need no locks. sha_hex is the version of the
 * committed sources (see list_hash).
 */
#include "centinela/lists.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "lists/list_int.h"

#include "core/banned.h"

int cen_list_new(cen_list **out)
{
	*out = NULL;
	cen_list *l = cen_calloc(1, sizeof *l);
	if (!l)
		return CEN_ENOMEM;
	cen__arena_init(&l->arena, 256 * 1024);
	cen__intern_init(&l->ids);
	cen__sha256 empty;
	cen__sha256_init(&empty);
	cen__sha256_final_hex(&empty, l->sha_hex);
	*out = l;
	return 0;
}

static void free_entity_arrays(cen_entity *e)
{
	cen_free(e->names);
	cen_free(e->dobs);
	cen_free(e->pobs);
	cen_free(e->nationalities);
	cen_free(e->countries);
	cen_free(e->ids);
	cen_free(e->addresses);
	cen_free(e->programs);
	cen_free(e->links);
}

static void drop_pending(cen__load *ld)
{
	for (size_t i = 0; i < ld->n_pending; i++)
		if (ld->pending[i])
			free_entity_arrays(ld->pending[i]);
	cen_free(ld->pending);
	ld->pending = NULL;
	ld->n_pending = ld->cap_pending = 0;
}

void cen_list_free(cen_list *l)
{
	if (!l)
		return;
	cen_free(l->ents);
	cen_free(l->sources);
	cen__intern_release(&l->ids);
	cen__arena_release(&l->arena);
	cen_free(l);
}

/* Moves a heap array of n elements into the arena. */
static int to_arena(cen_list *l, void **arr, size_t n, size_t elsz)
{
	if (!*arr)
		return 0;
	void *a = NULL;
	if (n) {
		a = cen__arena_alloc(&l->arena, n * elsz);
		if (!a)
			return CEN_ENOMEM;
		memcpy(a, *arr, n * elsz);
	}
	cen_free(*arr);
	*arr = a;
	return 0;
}

static int compact(cen_list *l, cen_entity *e)
{
	int rc = 0;
	rc |= to_arena(l, (void **)&e->names, e->n_names, sizeof *e->names);
	rc |= to_arena(l, (void **)&e->dobs, e->n_dobs, sizeof *e->dobs);
	rc |= to_arena(l, (void **)&e->pobs, e->n_pobs, sizeof *e->pobs);
	rc |= to_arena(l, (void **)&e->nationalities, e->n_nationalities, sizeof *e->nationalities);
	rc |= to_arena(l, (void **)&e->countries, e->n_countries, sizeof *e->countries);
	rc |= to_arena(l, (void **)&e->ids, e->n_ids, sizeof *e->ids);
	rc |= to_arena(l, (void **)&e->addresses, e->n_addresses, sizeof *e->addresses);
	rc |= to_arena(l, (void **)&e->programs, e->n_programs, sizeof *e->programs);
	rc |= to_arena(l, (void **)&e->links, e->n_links, sizeof *e->links);
	return rc ? CEN_ENOMEM : 0;
}

/* Adds the pending entities to the list. On ENOMEM the list may hold part
 * of the source (documented in lists.h as "may be partial" only for ENOMEM). */
static int commit(cen__load *ld, size_t *n_added)
{
	cen_list *l = ld->list;
	*n_added = 0;
	if (l->n + ld->n_pending > CEN_LIST_MAX_ENTITIES)
		return cen__ld_fail(ld, CEN_ELIMIT, "more than %u entities", CEN_LIST_MAX_ENTITIES);
	if (l->n + ld->n_pending > l->cap) {
		size_t nc = l->cap ? l->cap : 1024;
		while (nc < l->n + ld->n_pending)
			nc *= 2;
		cen_entity **ne = cen_realloc(l->ents, nc * sizeof *ne);
		if (!ne)
			return CEN_ENOMEM;
		l->ents = ne;
		l->cap = nc;
	}
	for (size_t i = 0; i < ld->n_pending; i++) {
		cen_entity *e = ld->pending[i];
		size_t idlen = strlen(e->id);
		if (cen__intern_get(&l->ids, e->id, idlen) >= 0) {
			cen__ld_diag(ld, 1, e->source, 0, "id",
				     "entity %s is already in the list; this copy is dropped", e->id);
			free_entity_arrays(e);
			ld->pending[i] = NULL;
			continue;
		}
		if (compact(l, e) < 0)
			return CEN_ENOMEM;
		ld->pending[i] = NULL;
		e->content_hash = cen__entity_hash(e);
		int64_t id = cen__intern_put(&l->ids, e->id, idlen);
		if (id < 0)
			return CEN_ENOMEM;
		l->ents[l->n++] = e;
		l->n_names += e->n_names;
		(*n_added)++;
	}
	return 0;
}

static int add_source(cen__load *ld, const char *path, cen_list_format f, size_t n)
{
	cen_list *l = ld->list;
	cen__source *s = cen__arena_calloc(&l->arena, sizeof *s);
	cen__source **ns = cen_realloc(l->sources, (l->n_sources + 1) * sizeof *ns);
	if (!s || !ns) {
		cen_free(ns == l->sources ? NULL : ns);
		return CEN_ENOMEM;
	}
	l->sources = ns;
	cen__sha256_final_hex(&ld->sha, s->sha);
	s->pub.path = cen__ld_str(ld, path, strlen(path));
	s->pub.name = ld->source;
	s->pub.format = f;
	s->pub.n_entities = n;
	s->pub.date = ld->date;
	s->pub.date_from_source = ld->date_from_source;
	s->pub.sha256 = s->sha;
	s->pub.warnings = ld->diag.warnings;
	s->pub.errors = ld->diag.errors;
	if (!s->pub.path)
		return CEN_ENOMEM;
	l->sources[l->n_sources++] = s;
	if (ld->date > l->date)
		l->date = ld->date;
	return 0;
}

static void forward_diag(void *ctx, int severity, const char *file, uint64_t line,
			 const char *field, const char *msg)
{
	cen_diag *user = ctx;
	if (user)
		cen_diag_report(user, severity, file, line, field, "%s", msg);
}

static void load_init(cen__load *ld, cen_list *l, cen_diag *diag)
{
	memset(ld, 0, sizeof *ld);
	ld->list = l;
	ld->user_diag = diag;
	ld->diag.fn = forward_diag;
	ld->diag.ctx = diag;
	cen__sha256_init(&ld->sha);
	l->err[0] = '\0';
}

static int run_reader(cen__load *ld, cen_list_format f, const char *data, size_t len,
		      const char *name)
{
	switch (f) {
	case CEN_LIST_OFAC: return cen__ofac_load_mem(ld, data, len, name);
	case CEN_LIST_OWN_CSV: return cen__own_csv_load(ld, data, len, name);
	case CEN_LIST_FTM: return cen__ftm_load(ld, data, len, name);
	case CEN_LIST_UN_XML: return cen__un_load(ld, data, len, name);
	case CEN_LIST_AUTO: break;
	}
	return cen__ld_fail(ld, CEN_EUNSUPPORTED, "%s: cannot tell the list format", name);
}

/* The list hash: the only source's hash, or the SHA-256 of the sources'
 * hex hashes joined by newlines (so file bytes are hashed only once). */
static void list_hash(cen_list *l)
{
	if (l->n_sources == 1) {
		memcpy(l->sha_hex, l->sources[0]->sha, sizeof l->sha_hex);
		return;
	}
	cen__sha256 c;
	cen__sha256_init(&c);
	for (size_t i = 0; i < l->n_sources; i++) {
		cen__sha256_update(&c, l->sources[i]->sha, 64);
		cen__sha256_update(&c, "\n", 1);
	}
	cen__sha256_final_hex(&c, l->sha_hex);
}

/* Commits ld if rc is 0; drops it otherwise. Updates the list hash. */
static int finish(cen__load *ld, int rc, const char *path, cen_list_format f)
{
	cen_list *l = ld->list;
	size_t n = 0;
	if (rc == 0)
		rc = commit(ld, &n);
	if (rc == 0)
		rc = add_source(ld, path, f, n);
	drop_pending(ld);
	if (rc != 0) {
		if (!l->err[0])
			snprintf(l->err, sizeof l->err, "%s: %s", path, cen_strerror(rc));
		return rc;
	}
	list_hash(l);
	return 0;
}

int cen_list_load(cen_list *l, const char *path, cen_list_format f, cen_diag *diag)
{
	if (!l || !path)
		return CEN_EINVAL;
	cen__load ld;
	load_init(&ld, l, diag);
	int rc;
	struct stat st;
	if (stat(path, &st) != 0) {
		rc = cen__ld_fail(&ld, CEN_EIO, "%s: %s", path, strerror(errno));
		return finish(&ld, rc, path, f);
	}
	if (f == CEN_LIST_AUTO)
		f = cen_list_detect(path);
	if (f == CEN_LIST_AUTO) {
		if (S_ISDIR(st.st_mode))
			rc = cen__ld_fail(&ld, CEN_EPARSE,
					  "%s: folder has no sdn.csv or cons_prim.csv (an OFAC list needs its "
					  "primary file; add.csv/alt.csv/comments alone are not a list)",
					  path);
		else
			rc = cen__ld_fail(&ld, CEN_EUNSUPPORTED,
					  "%s: cannot tell the list format (expected a folder with sdn.csv or "
					  "cons_prim.csv, *.xml, *.json/*.jsonl or our CSV with header id,kind,name,...)",
					  path);
		return finish(&ld, rc, path, f);
	}
	if (f == CEN_LIST_OFAC) {
		rc = cen__ofac_load_path(&ld, path);
		return finish(&ld, rc, path, f);
	}
	char *data = NULL;
	size_t len = 0;
	int64_t mtime = 0;
	rc = cen__ld_read(&ld, path, &data, &len, &mtime);
	if (rc == 0) {
		rc = run_reader(&ld, f, data, len, path);
		if (!ld.date_from_source)
			ld.date = mtime;
	}
	cen_free(data);
	return finish(&ld, rc, path, f);
}

int cen_list_load_mem(cen_list *l, const char *data, size_t len, cen_list_format f,
		      const char *name, cen_diag *diag)
{
	if (!l || (!data && len))
		return CEN_EINVAL;
	if (!name)
		name = "<memory>";
	cen__load ld;
	load_init(&ld, l, diag);
	const char *text;
	size_t tlen;
	int owned = 0;
	int rc = cen__ld_take_mem(&ld, name, data ? data : "", len, &text, &tlen, &owned);
	if (rc == 0)
		rc = run_reader(&ld, f, text, tlen, name);
	if (owned)
		cen_free((char *)text);
	return finish(&ld, rc, name, f);
}

size_t cen_list_count(const cen_list *l)
{
	return l ? l->n : 0;
}

const cen_entity *cen_list_get(const cen_list *l, size_t i)
{
	return l && i < l->n ? l->ents[i] : NULL;
}

const cen_entity *const *cen_list_entities(const cen_list *l, size_t *n)
{
	if (n)
		*n = l ? l->n : 0;
	return l ? (const cen_entity *const *)l->ents : NULL;
}

const cen_entity *cen_list_find(const cen_list *l, const char *id)
{
	if (!l || !id)
		return NULL;
	int64_t i = cen__intern_get(&l->ids, id, strlen(id));
	return i >= 0 ? l->ents[i] : NULL;
}

size_t cen_list_name_count(const cen_list *l)
{
	return l ? l->n_names : 0;
}

size_t cen_list_bytes(const cen_list *l)
{
	if (!l)
		return 0;
	return sizeof *l + l->arena.total + l->cap * sizeof *l->ents + cen__intern_bytes(&l->ids) +
	       l->n_sources * sizeof *l->sources;
}

const char *cen_list_hash(const cen_list *l)
{
	return l ? l->sha_hex : "";
}

int64_t cen_list_date(const cen_list *l)
{
	return l ? l->date : 0;
}

size_t cen_list_source_count(const cen_list *l)
{
	return l ? l->n_sources : 0;
}

const cen_list_source *cen_list_source_get(const cen_list *l, size_t i)
{
	return l && i < l->n_sources ? &l->sources[i]->pub : NULL;
}

const char *cen_list_errmsg(const cen_list *l)
{
	return l ? l->err : "no list";
}

const char *cen_list_format_name(cen_list_format f)
{
	switch (f) {
	case CEN_LIST_OFAC: return "ofac";
	case CEN_LIST_UN_XML: return "un";
	case CEN_LIST_FTM: return "ftm";
	case CEN_LIST_OWN_CSV: return "csv";
	case CEN_LIST_AUTO: break;
	}
	return "auto";
}
