/* graph.c - the temporal multigraph: edge log, vertices, eviction.
 *
 * See graph.h for the layout. The log grows by chunks, each with its id
 * text (whose overflow block, for more than 16 KiB of ids not derived,
 * grows by doubling and starts as large as the largest yet), the vertex
 * array by doubling (amortised O(1), no malloc per transaction); rings and
 * the pair table live in ring.c and pairs.c.
 *
 * What must hold: an edge is evicted exactly once, in seq order, and undoes
 * exactly what cen__graph_add did to the counts and rings; a derived id
 * is its group's first id, which is kept as text, put through id_add by
 * the edge's index in its group, and no longer than CEN__GRAPH_MAX_ID;
 * the derived edges of a group are those right after its first (indices
 * 1, 2, ... up to the first that is not), so the text of a group's ids is
 * its first's, then those of its edges after the derived ones, in seq
 * order; while id_next_len is not 0, id_next is the head group's first id
 * put through id_add by the head's index in its group; an edge's cents is
 * its amount when that is in [0, CEN__EDGE_BIG), and its chunk's big list
 * has its amount, by its index, iff not.
 */
#include "graph/graph.h"

#include <stdio.h>
#include <string.h>

#include "centinela/core.h"
#include "graph/internal.h"
#include "core/bytes.h"
#include "core/banned.h"

_Static_assert(sizeof(void *) != 8 || sizeof(cen__vertex) == 64,
	       "a vertex is one cache line (graph.h)");
_Static_assert(sizeof(cen__edge) == 16 && sizeof(cen__adj) == 16, "graph.h sizes");
_Static_assert(CEN__GRAPH_MAX_ID <= UINT8_MAX, "an id's length fits its byte in the text");
_Static_assert(CEN_CH__COUNT <= 8, "a channel fits cen__edge.channel");
_Static_assert(CEN__GRAPH_MAX_ADJ_LIMIT < (1u << 23) && CEN__RING_CLASSES <= 256,
	       "a ring's length fits cen__ring.len, its class cen__ring.cls");
_Static_assert(CEN__LOG_CHUNK * (CEN__GRAPH_MAX_ID + 1) * 2 <= UINT32_MAX,
	       "a chunk's id text, doubled past what its ids need, fits 32 bits");

int cen__graph_init(cen__graph *g, uint32_t max_adj)
{
	memset(g, 0, sizeof *g);
	cen__intern_init(&g->names);
	cen__intern_init(&g->strings);
	/* Ring blocks are the most randomly read memory of a run: carved from
	 * 4 MiB arena blocks, which cen_malloc backs with huge pages from the
	 * first (1 MiB blocks left the first 10 MiB, reused all run long
	 * through the free lists, on 4 KiB pages: the 5 M benchmark took
	 * about 9% more CPU time). */
	cen__arena_init(&g->slab_arena, 4u << 20);
	if (max_adj == 0)
		max_adj = CEN__GRAPH_MAX_ADJ_DEFAULT;
	if (max_adj > CEN__GRAPH_MAX_ADJ_LIMIT)
		max_adj = CEN__GRAPH_MAX_ADJ_LIMIT;
	uint32_t p = 4;
	while (p < max_adj)
		p <<= 1;
	g->max_adj = p;
	g->nchunks = 4;
	g->log = cen_calloc(g->nchunks, sizeof *g->log);
	g->id_cap_next = 16384;
	g->horizon = INT64_MAX;
	g->oldest_ts = INT64_MAX;
	if (!g->log || cen__pairs_init(g)) {
		cen__graph_release(g);
		return CEN_ENOMEM;
	}
	return 0;
}

/* Room for n vertices in all. */
static int vertex_room(cen__graph *g, size_t n)
{
	if (n <= g->vcap)
		return 0;
	/* On a cache line whatever the size: malloc aligns small blocks to 16
	 * bytes only, and a vertex astride two lines costs two misses (162 k
	 * more on a 47 k-account stream's scatter_gather alone). */
	void *mem = cen_malloc(n * sizeof(cen__vertex) + 63);
	if (!mem)
		return CEN_ENOMEM;
	cen__vertex *nv = cen__line_up(mem);
	cen__vowner *no = cen_realloc(g->owner, n * sizeof *no);
	if (!no) {
		cen_free(mem);
		return CEN_ENOMEM;
	}
	g->owner = no;
	if (g->vcap)
		memcpy(nv, g->v, g->vcap * sizeof *nv);
	cen_free(g->v_mem);
	g->v_mem = mem;
	g->v = nv;
	g->vcap = n;
	return 0;
}

int cen__graph_reserve(cen__graph *g, size_t n)
{
	int rc = cen__intern_reserve(&g->names, n);
	if (!rc)
		rc = cen__pairs_reserve(g, n);
	return rc ? rc : vertex_room(g, n);
}

/* The header of the chunk k. */
static cen__log_ext *chunk_ext(const cen__edge *k)
{
	return (cen__log_ext *)((char *)k + CEN__LOG_CHUNK_BYTES - sizeof(cen__log_ext));
}

/* The next chunk of the free list (log_free), whose link a free chunk
 * keeps in its first bytes (its edges are dead). */
static cen__edge *free_link(const cen__edge *k)
{
	cen__edge *next;
	memcpy(&next, (const void *)k, sizeof next);
	return next;
}

static void set_free_link(cen__edge *k, cen__edge *next)
{
	memcpy((void *)k, &next, sizeof next);
}

/* The chunk k (NULL: none), its id text and its big amounts. */
static void chunk_free(cen__edge *k)
{
	if (k) {
		cen_free(chunk_ext(k)->over);
		cen_free(chunk_ext(k)->big);
		cen_free(k);
	}
}

void cen__graph_release(cen__graph *g)
{
	cen__intern_release(&g->names);
	cen__intern_release(&g->strings);
	cen__arena_release(&g->slab_arena);
	for (unsigned c = 0; c < CEN__RING_CLASSES; c++)
		cen_free(g->slab_free[c]);
	cen_free(g->v_mem);
	cen_free(g->owner);
	for (uint64_t i = 0; g->log && i < g->nchunks; i++)
		chunk_free(g->log[i]);
	while (g->log_free) {
		cen__edge *next = free_link(g->log_free);
		chunk_free(g->log_free);
		g->log_free = next;
	}
	cen_free(g->log);
	cen_free(g->pairs);
	memset(g, 0, sizeof *g);
}

int cen__graph_vertex(cen__graph *g, const char *name, size_t len, uint32_t *id,
		      int *is_new)
{
	return cen__graph_vertex_h(g, name, len, cen__intern_hash(name, len), id, is_new);
}

int cen__graph_vertex_h(cen__graph *g, const char *name, size_t len, uint64_t h,
			uint32_t *id, int *is_new)
{
	int64_t r = cen__intern_put_h(&g->names, name, len, h);
	if (r < 0)
		return (int)r;
	*is_new = (size_t)r >= g->nv;
	if (*is_new) {
		if (g->nv == g->vcap && vertex_room(g, g->vcap ? g->vcap * 2 : 4096))
			return CEN_ENOMEM;
		g->owner[g->nv].party = g->owner[g->nv].zip = UINT32_MAX;
		cen__vertex *v = &g->v[g->nv++];
		memset(v, 0, sizeof *v);
	}
	*id = (uint32_t)r;
	return 0;
}

int cen__graph_vertex_all(cen__graph *g)
{
	size_t n = g->names.count;
	if (vertex_room(g, n))
		return CEN_ENOMEM;
	for (; g->nv < n; g->nv++) {
		g->owner[g->nv].party = g->owner[g->nv].zip = UINT32_MAX;
		memset(&g->v[g->nv], 0, sizeof g->v[g->nv]);
	}
	return 0;
}

/* Doubles the chunk table; every live chunk moves to its new slot. */
static int grow_log_table(cen__graph *g)
{
	uint64_t nn = g->nchunks * 2;
	cen__edge **nt = cen_calloc(nn, sizeof *nt);
	if (!nt)
		return CEN_ENOMEM;
	if (g->head > g->tail)
		for (uint64_t c = g->tail >> CEN__LOG_CHUNK_BITS;
		     c <= (g->head - 1) >> CEN__LOG_CHUNK_BITS; c++)
			nt[c & (nn - 1)] = g->log[c & (g->nchunks - 1)];
	cen_free(g->log);
	g->log = nt;
	g->nchunks = nn;
	return 0;
}

/* A chunk for the edge at seq head, which starts one: a chunk the tail
 * left, else a new one. The table doubles first when head's slot still
 * holds a live chunk (all nchunks slots are live then); it holds the
 * head's own when an add that placed it failed after (log_head is then
 * that chunk, not the one before: nchunks > 1), which is kept. */
static int log_room(cen__graph *g)
{
	/* ring entries keep 32 bits of a seq: the chunk's edges added, the
	 * live ones must still be fewer than 2^32 */
	if (g->head - g->tail > UINT32_MAX - CEN__LOG_CHUNK)
		return CEN_ELIMIT;
	uint64_t c = g->head >> CEN__LOG_CHUNK_BITS;
	cen__edge *placed = g->log[c & (g->nchunks - 1)];
	if (placed && placed == g->log_head) {
		g->id_used = 0; /* its big list is empty: no edge of it was added */
		return 0;
	}
	if (placed) {
		int rc = grow_log_table(g);
		if (rc)
			return rc;
	}
	cen__edge **slot = &g->log[c & (g->nchunks - 1)];
	cen__edge *k = g->log_free;
	if (k) {
		g->log_free = free_link(k);
	} else {
		k = cen_malloc(CEN__LOG_CHUNK_BYTES);
		if (!k)
			return CEN_ENOMEM;
		g->log_chunks++;
		memset(chunk_ext(k), 0, sizeof(cen__log_ext));
	}
	chunk_ext(k)->nbig = 0;
	*slot = k;
	g->log_head = k;
	g->id_used = 0;
	return 0;
}

/* After the tail moved past seq tail - 1: a chunk it has left goes to the
 * free list. */
static void log_release_behind(cen__graph *g)
{
	if (g->tail & (CEN__LOG_CHUNK - 1))
		return;
	uint64_t c = (g->tail >> CEN__LOG_CHUNK_BITS) - 1;
	cen__edge **slot = &g->log[c & (g->nchunks - 1)];
	set_free_link(*slot, g->log_free);
	g->log_free = *slot;
	*slot = NULL;
}

/* The chunk of the log that holds seq. */
static cen__edge *chunk_of(const cen__graph *g, uint64_t seq)
{
	return g->log[(seq >> CEN__LOG_CHUNK_BITS) & (g->nchunks - 1)];
}

/* Where the ids of seq's group start in its chunk k's id text (kept
 * after the chunk's edges). */
static uint32_t *id_group_pos(const cen__edge *k, uint64_t seq)
{
	uint32_t *pos = (uint32_t *)((char *)(k + CEN__LOG_CHUNK) + CEN__ID_INLINE);
	return &pos[(seq & (CEN__LOG_CHUNK - 1)) >> CEN__ID_GROUP_BITS];
}

/* The digits of row into buf (20 bytes); returns their number. */
static size_t row_text(uint64_t row, char *buf)
{
	char rev[20];
	size_t n = 0;
	do {
		rev[n++] = (char)('0' + row % 10);
		row /= 10;
	} while (row);
	for (size_t i = 0; i < n; i++)
		buf[i] = rev[n - 1 - i];
	return n;
}

/* The text position of chunk k's id text. */
static char *id_at(const cen__edge *k, uint32_t pos)
{
	if (pos < CEN__ID_INLINE)
		return (char *)(k + CEN__LOG_CHUNK) + pos;
	return chunk_ext(k)->over + (pos - CEN__ID_INLINE);
}

/* Where the next id, of len bytes, goes in the head chunk's text: at
 * (the positions taken), unless it would straddle the inline text's end. */
static uint32_t id_start(uint32_t at, size_t len)
{
	return at < CEN__ID_INLINE && at + len > CEN__ID_INLINE ? CEN__ID_INLINE : at;
}

/* Makes room for an id of len bytes and its length's byte in the head's
 * chunk (which it has, in log_head) past the inline text; returns where
 * they go in *at. */
static int reserve_ids(cen__graph *g, size_t len, uint32_t *at)
{
	cen__log_ext *t = chunk_ext(g->log_head);
	len++;
	*at = id_start(g->id_used, len);
	uint64_t end = (uint64_t)*at + len;
	if (end <= CEN__ID_INLINE + (uint64_t)t->over_cap)
		return 0;
	uint64_t nc = t->over_cap ? t->over_cap : g->id_cap_next;
	while (end > CEN__ID_INLINE + nc)
		nc *= 2;
	char *no = cen_realloc(t->over, nc);
	if (!no)
		return CEN_ENOMEM;
	g->id_bytes += nc - t->over_cap;
	t->over = no;
	t->over_cap = (uint32_t)nc;
	if (t->over_cap > g->id_cap_next)
		g->id_cap_next = t->over_cap;
	return 0;
}

/* Adds d to the decimal number that ends the id in buf (len bytes, buf
 * ending in a digit), in place: the number keeps its digits' count (and
 * leading zeros) unless it needs more, which go in front of them. Adding
 * d at once gives what adding one d times gives. Returns the new length;
 * 0 when it would be longer than CEN__GRAPH_MAX_ID (buf is then spoilt). */
static size_t id_add(char *buf, size_t len, uint32_t d)
{
	size_t i = len;
	for (; d && i > 0 && buf[i - 1] >= '0' && buf[i - 1] <= '9'; i--) {
		uint32_t v = (uint32_t)(buf[i - 1] - '0') + d;
		buf[i - 1] = (char)('0' + v % 10);
		d = v / 10;
	}
	if (!d)
		return len;
	char carry[10];
	size_t n = 0;
	for (; d; d /= 10)
		carry[n++] = (char)('0' + d % 10);
	if (len + n > CEN__GRAPH_MAX_ID)
		return 0;
	memmove(buf + i + n, buf + i, len - i);
	for (size_t k = 0; k < n; k++)
		buf[i + k] = carry[n - 1 - k];
	return len + n;
}

/* id_add(buf, len, 1) for an id ending in a digit. */
static inline size_t id_inc(char *buf, size_t len)
{
	if (buf[len - 1] != '9') { /* 9 in 10 */
		buf[len - 1]++;
		return len;
	}
	size_t i = len;
	while (i > 0 && buf[i - 1] == '9')
		buf[--i] = '0';
	if (i > 0 && buf[i - 1] >= '0' && buf[i - 1] <= '8') {
		buf[i - 1]++;
		return len;
	}
	/* all nines: a 1 in front of the zeros */
	if (len == CEN__GRAPH_MAX_ID)
		return 0;
	memmove(buf + i + 1, buf + i, len - i);
	buf[i] = '1';
	return len + 1;
}

/* Whether the id of seq (head), of idlen bytes, is derived: not its
 * group's first, and its group's first counted up by as many as the edges
 * since (the common case of ids numbered in the order of the stream's
 * records, and of row numbers). */
static int id_derived(const cen__graph *g, uint64_t seq, const char *id, size_t idlen)
{
	return (seq & (CEN__ID_GROUP - 1)) && idlen == g->id_next_len &&
	       cen__bytes_eq(id, g->id_next, idlen);
}

/* The id a derived edge after the one whose id is the idlen bytes at id
 * (it ends in a digit) would have. */
static void id_count_from(cen__graph *g, const char *id, size_t idlen)
{
	cen__bytes_copy(g->id_next, id, idlen);
	g->id_next_len = (uint32_t)id_inc(g->id_next, idlen);
}

/* Appends the id of seq (head, in log_head), of idlen bytes: derived
 * (id_derived; its edge says so), or at text position at (room made),
 * after its length's byte. */
static void put_id(cen__graph *g, uint64_t seq, const char *id, size_t idlen, uint32_t at,
		   int derived)
{
	if (derived) {
		g->id_next_len = (uint32_t)id_inc(g->id_next, idlen);
		return;
	}
	g->id_next_len = 0; /* the group's count breaks, unless it starts */
	if (!(seq & (CEN__ID_GROUP - 1))) {
		*id_group_pos(g->log_head, seq) = at;
		if (id[idlen - 1] >= '0' && id[idlen - 1] <= '9')
			id_count_from(g, id, idlen);
	}
	if (at != g->id_used) /* the rest of the inline text is skipped */
		*id_at(g->log_head, g->id_used) = 0;
	char *p = id_at(g->log_head, at);
	p[0] = (char)idlen;
	cen__bytes_copy(p + 1, id, idlen);
	g->id_used = at + 1 + (uint32_t)idlen;
}

/* Room in the head chunk's big list for one more amount. */
static int reserve_big(cen__graph *g)
{
	cen__log_ext *x = chunk_ext(g->log_head);
	if (x->nbig < x->big_cap)
		return 0;
	uint32_t nc = x->big_cap ? 2 * x->big_cap : 16;
	cen__log_big *nb = cen_realloc(x->big, nc * sizeof *nb);
	if (!nb)
		return CEN_ENOMEM;
	g->big_bytes += (nc - x->big_cap) * sizeof *nb;
	x->big = nb;
	x->big_cap = nc;
	return 0;
}

int64_t cen__graph_edge_big(const cen__graph *g, const cen__edge *e)
{
	for (uint64_t i = 0; i < g->nchunks; i++) {
		const cen__edge *k = g->log[i];
		uintptr_t d = (uintptr_t)e - (uintptr_t)k;
		if (!k || d >= CEN__LOG_CHUNK * sizeof *k)
			continue;
		const cen__log_ext *x = chunk_ext(k);
		uint32_t at = (uint32_t)(d / sizeof *k), lo = 0, hi = x->nbig;
		while (lo < hi) { /* the first entry at or past at */
			uint32_t mid = lo + (hi - lo) / 2;
			if (x->big[mid].at < at)
				lo = mid + 1;
			else
				hi = mid;
		}
		assert(lo < x->nbig && x->big[lo].at == at);
		return lo < x->nbig ? x->big[lo].amount : 0;
	}
	assert(!"a live edge is in a chunk of the log");
	return 0;
}

/* Moves ts_base up to the oldest live edge's time, shifting every live
 * edge and ring entry, so that ts fits 32 bits of offset. Rare: a clock
 * that moved 136 years (a far-future timestamp) with edges still live. */
static int rebase(cen__graph *g, int64_t ts)
{
	int64_t base = g->head > g->tail ? cen__edge_ts(g, cen__graph_edge(g, g->tail)) : ts;
	if (ts - base > (int64_t)UINT32_MAX)
		return CEN_ELIMIT; /* the window itself spans more than 136 years */
	uint32_t delta = (uint32_t)(base - g->ts_base);
	for (uint64_t s = g->tail; s < g->head; s++)
		cen__graph_edge_w(g, s)->ts_off -= delta;
	for (size_t v = 0; v < g->nv; v++)
		for (int dir = 0; dir < 2; dir++) {
			cen__ring *r = dir ? &g->v[v].in : &g->v[v].out;
			for (uint32_t i = 0; i < r->len; i++)
				r->e[cen__ring_slot(r, i)].ts_off -= delta;
		}
	g->ts_base = base;
	return 0;
}

int cen__graph_add(cen__graph *g, const cen_txn *t, uint32_t src, uint32_t dst,
		   int64_t ts, int64_t amount, uint64_t *seq)
{
	int rc;
	uint64_t s = g->head;
	if (!(s & (CEN__LOG_CHUNK - 1)) && (rc = log_room(g)))
		return rc;
	char rowbuf[20];
	const char *id = t->id.ptr;
	size_t idlen = t->id.len;
	if (idlen - 1 >= CEN__GRAPH_MAX_ID) { /* none, or too long: one test */
		if (!idlen) { /* the row number is the id */
			idlen = row_text(t->row, rowbuf);
			id = rowbuf;
		} else {
			idlen = CEN__GRAPH_MAX_ID;
		}
	}
	int derived = id_derived(g, s, id, idlen);
	uint32_t at = g->id_used; /* the id fits the inline text: nearly always */
	if (!derived && at + 1 + idlen > CEN__ID_INLINE && (rc = reserve_ids(g, idlen, &at)))
		return rc;
	uint64_t ua = (uint64_t)amount; /* a negative amount is past every bound */
	int big = ua >= CEN__EDGE_BIG;
	if (big && (rc = reserve_big(g)))
		return rc;
	uint64_t d = (uint64_t)ts - (uint64_t)g->ts_base;
	if (s == g->tail) {
		/* no ring entry left to keep an offset from */
		g->ts_base = ts;
		g->oldest_ts = ts;
		d = 0;
	} else if (d > UINT32_MAX) {
		if ((rc = rebase(g, ts)))
			return rc;
		d = (uint64_t)ts - (uint64_t)g->ts_base;
	}
	uint32_t off = (uint32_t)d;
	cen__vertex *vs = &g->v[src], *vd = &g->v[dst];
	if ((rc = cen__pairs_inc_fast(g, vs, src, dst)) < 0)
		goto out;
	int new_pair = rc;
	uint32_t cents = ua < CEN__ADJ_BIG ? (uint32_t)ua : CEN__ADJ_BIG;
	if (t->channel == CEN_CH_CARD)
		cents |= CEN__ADJ_CARD;
	cen__adj *ao = cen__ring_append(g, &vs->out, off), *ai;
	if (ao) {
		ao->ts_off = off;
		ao->cents = cents;
		ao->seq_lo = (uint32_t)s;
		ao->other = dst;
	}
	if (!ao || !(ai = cen__ring_append(g, &vd->in, off))) {
		/* Out of memory mid-way: undo so the invariants hold (an out
		 * ring at the cap keeps its oldest entry dropped). */
		if (ao)
			vs->out.len--;
		cen__pairs_undo_inc(g, src, dst);
		rc = CEN_ENOMEM;
		goto out;
	}
	ai->ts_off = off;
	ai->cents = cents;
	ai->seq_lo = (uint32_t)s;
	ai->other = src;
	uint32_t at_k = (uint32_t)(s & (CEN__LOG_CHUNK - 1));
	cen__edge *e = g->log_head + at_k;
	e->ts_off = off;
	e->src = src;
	e->dst = dst;
	e->word = cen__edge_word(big ? CEN__EDGE_BIG : (uint32_t)ua, (unsigned)t->channel & 7u,
				 (unsigned)derived,
				 (vs->out.pairs_tabled ? CEN__EDGE_TABLED : 0u) |
					 (unsigned)new_pair * CEN__EDGE_NEW_PAIR);
	if (big) {
		cen__log_ext *x = chunk_ext(g->log_head);
		x->big[x->nbig++] = (cen__log_big){amount, at_k};
	}
	put_id(g, s, id, idlen, at, derived);
	g->head = s + 1;
	g->newest = e;
	vs->deg_out++;
	vd->deg_in++;
	if (new_pair) {
		vs->fan_out++;
		vd->fan_in++;
	}
	if (s + 1 - g->tail > g->peak_edges)
		g->peak_edges = s + 1 - g->tail;
	*seq = s;
	return 0;
out:
	if (s == g->tail)
		g->oldest_ts = INT64_MAX; /* still no live edge */
	return rc;
}

void cen__graph_evict_run(cen__graph *g, int64_t before)
{
	/* edge times as offsets from ts_base, which eviction does not move */
	int64_t lim = before - g->ts_base;
	const cen__edge *e = NULL;
	g->oldest_ts = INT64_MAX;
	for (uint64_t s = g->tail; s < g->head; s++) {
		/* the next edge in its chunk; a chunk's first from the table */
		e = e && (s & (CEN__LOG_CHUNK - 1)) ? e + 1 : cen__graph_edge(g, s);
		if ((int64_t)e->ts_off >= lim) {
			g->oldest_ts = cen__edge_ts(g, e);
			break;
		}
		cen__vertex *vs = &g->v[e->src], *vd = &g->v[e->dst];
		/* before the pops: a sender back from the pair table reads its
		 * whole ring */
		if (cen__pairs_evicting_fast(g, vs, e)) {
			vs->fan_out--;
			vd->fan_in--;
		}
		cen__ring_pop(g, &vs->out, vs->deg_out);
		cen__ring_pop(g, &vd->in, vd->deg_in);
		vs->deg_out--;
		vd->deg_in--;
		g->tail = s + 1;
		log_release_behind(g);
	}
}

/* Past a length's byte of 0, which says the id at text position pos
 * went to the overflow block. */
static uint32_t id_skip(const cen__edge *k, uint32_t pos)
{
	return pos < CEN__ID_INLINE && !*id_at(k, pos) ? CEN__ID_INLINE : pos;
}

cen_slice cen__graph_edge_id(const cen__graph *g, uint64_t seq, char *tmp,
			     size_t tmplen)
{
	const cen__edge *e = cen__graph_edge(g, seq);
	const cen__edge *k = chunk_of(g, seq);
	uint64_t first = seq & ~(CEN__ID_GROUP - 1);
	uint32_t pos = id_skip(k, *id_group_pos(k, seq));
	cen_slice r;
	if (e->derived) {
		/* the group's first id (at the group's position), counted up */
		size_t len = (unsigned char)*id_at(k, pos);
		assert(tmplen >= CEN__GRAPH_MAX_ID && !cen__graph_edge(g, first)->derived);
		(void)tmplen;
		cen__bytes_copy(tmp, id_at(k, pos) + 1, len);
		r.ptr = tmp;
		r.len = id_add(tmp, len, (uint32_t)(seq - first));
		return r;
	}
	/* the ids of the group's edges before it that have text, back to back */
	for (uint64_t s = first; s < seq; s++)
		if (!cen__graph_edge(g, s)->derived)
			pos = id_skip(k, pos + 1 + (unsigned char)*id_at(k, pos));
	r.ptr = id_at(k, pos) + 1;
	r.len = (unsigned char)*id_at(k, pos);
	return r;
}

/* The log's bytes: its chunks, but only the written part of a first and
 * only chunk (its pages are touched as the head moves). */
static uint64_t log_memory(const cen__graph *g)
{
	uint64_t chunks = g->log_chunks > 1 ? g->log_chunks * CEN__LOG_CHUNK_BYTES
			  : g->head < CEN__LOG_CHUNK ? g->head * (sizeof(cen__edge) + 8)
			  : CEN__LOG_CHUNK_BYTES;
	return chunks + g->nchunks * sizeof *g->log;
}

uint64_t cen__graph_memory(const cen__graph *g)
{
	uint64_t stacks = 0;
	for (unsigned c = 0; c < CEN__RING_CLASSES; c++)
		stacks += g->slab_cap[c] * sizeof *g->slab_free[c];
	return stacks + log_memory(g) + g->id_bytes + g->big_bytes +
	       g->vcap * (sizeof(cen__vertex) + sizeof(cen__vowner)) +
	       g->npairs_slots * sizeof(cen__pair) + g->slab_arena.total +
	       g->names.arena.total + cen__intern_table_bytes(&g->names) + g->names.cap * 16 +
	       g->strings.arena.total;
}
