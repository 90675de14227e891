/* pairs.c - live edge counts per (src, dst) pair.
 *
 * A vertex with few live outgoing edges (deg_out <= pair_scan_max) has
 * them all in its out ring (a ring drops entries only past max_adj >=
 * pair_scan_max: graph.h), so a pair's count is found by scanning that
 * ring, whose lines the add and the eviction touch anyway. Only vertices
 * with more outgoing edges (payroll, hubs: about 3% of the additions on
 * the benchmark) keep their pairs in a hash table, and their out ring's
 * pairs_tabled bit says so. A vertex moves to the table when an add would
 * take deg_out past pair_scan_max (its ring is complete then: every entry
 * goes in), and back when an eviction leaves deg_out at half of it or
 * less (every ring entry comes out), so a vertex near the bound does not
 * move back and forth. Before, every pair lived in the table: one random
 * access to a 100 MB table per add and per eviction, a fifth of the cache
 * misses of a run.
 *
 * The table: open addressing with linear probing on 12-byte slots (src,
 * dst, count), the pair hashed as src << 32 | dst (cen__pair_hash);
 * deletion by backward shift (no tombstones), so probe chains stay short
 * however long the stream. It doubles when more than half full, and
 * starts with a slot for every second account reserved
 * (cen__graph_reserve): the 5 M benchmark's table reached 2^18 slots
 * for its 472 k accounts through six doublings, whose smaller tables
 * took 3 MiB of fresh small pages (about 770 page faults) and six
 * rehashes; a table reserved but not needed takes no page it does not
 * write.
 *
 * A vertex counted from its ring also keeps a 64-bit filter of its payees
 * (graph.h): an add sets the payee's bit, and every scan that sees the
 * whole ring (one that does not find the payee it looks for) leaves the
 * filter exact. A payee whose bit is clear has no entry: most adds of a new
 * pair (86% of the adds on the benchmark) and most pair counts asked for
 * by the detectors are then answered without reading the ring, whose lines
 * were the most missed of the run.
 *
 * Eviction reads no ring: the add's scan, finding the payee's newest
 * entry, marks that entry's edge in the log CEN__EDGE_REPEATED (a newer
 * edge, the one added, has its pair), so the edge evicted says by its mark,
 * in the log line eviction reads anyway, whether its pair keeps a live
 * edge. (The payee's bit was always set there, so eviction scanned the
 * whole ring: the most missed lines of the graph.) A vertex back from the
 * table gets its marks rebuilt in one pass over its ring; its filter
 * forgets payees when its ring empties or an add's scan misses.
 *
 * What must hold: a slot is empty iff count == 0; a vertex without
 * pairs_tabled has deg_out <= pair_scan_max and no slot, and its payees
 * filter has the bit of every payee in its out ring, and the edge of an
 * entry of that ring has CEN__EDGE_REPEATED iff a newer entry has its
 * payee; a vertex
 * with it
 * has exactly one slot per counterparty with live edges, whose count is
 * their number.
 */
#include <string.h>

#include "centinela/core.h"
#include "graph/internal.h"
#include "core/banned.h"

#define PAIR_SCAN_MAX 32u

static inline int is_pair(const cen__pair *p, uint32_t src, uint32_t dst)
{
	return p->src == src && p->dst == dst;
}

int cen__pairs_init(cen__graph *g)
{
	g->pair_scan_max = g->max_adj < PAIR_SCAN_MAX ? g->max_adj : PAIR_SCAN_MAX;
	g->npairs_slots = 4096;
	g->npairs = 0;
	g->pairs = cen_calloc(g->npairs_slots, sizeof *g->pairs);
	return g->pairs ? 0 : CEN_ENOMEM;
}

/* ---- the table ---- */

/* The table rehashed into nn slots (a power of two, more than twice
 * npairs). */
static int grow_to(cen__graph *g, uint64_t nn)
{
	cen__pair *np = cen_calloc(nn, sizeof *np);
	if (!np)
		return CEN_ENOMEM;
	for (uint64_t i = 0; i < g->npairs_slots; i++) {
		cen__pair *p = &g->pairs[i];
		if (!p->count)
			continue;
		uint64_t j = cen__pair_hash(p->src, p->dst) & (nn - 1);
		while (np[j].count)
			j = (j + 1) & (nn - 1);
		np[j] = *p;
	}
	cen_free(g->pairs);
	g->pairs = np;
	g->npairs_slots = nn;
	return 0;
}

int cen__pairs_reserve(cen__graph *g, size_t accounts)
{
	uint64_t nn = g->npairs_slots;
	while (nn < accounts / 2)
		nn *= 2;
	return nn > g->npairs_slots ? grow_to(g, nn) : 0;
}

/* Room for n more pairs without growing. */
static int table_reserve(cen__graph *g, uint64_t n)
{
	while ((g->npairs + n) * 2 > g->npairs_slots) {
		int rc = grow_to(g, g->npairs_slots * 2);
		if (rc)
			return rc;
	}
	return 0;
}

/* One more edge of the pair (room reserved); 1 if the pair is new. */
static int table_inc(cen__graph *g, uint32_t src, uint32_t dst)
{
	uint64_t mask = g->npairs_slots - 1;
	uint64_t i = cen__pair_slot(g, src, dst);
	while (g->pairs[i].count) {
		if (is_pair(&g->pairs[i], src, dst)) {
			g->pairs[i].count++;
			return 0;
		}
		i = (i + 1) & mask;
	}
	g->pairs[i].src = src;
	g->pairs[i].dst = dst;
	g->pairs[i].count = 1;
	g->npairs++;
	return 1;
}

static uint32_t table_count(const cen__graph *g, uint32_t src, uint32_t dst)
{
	uint64_t mask = g->npairs_slots - 1;
	uint64_t i = cen__pair_slot(g, src, dst);
	while (g->pairs[i].count) {
		if (is_pair(&g->pairs[i], src, dst))
			return g->pairs[i].count;
		i = (i + 1) & mask;
	}
	return 0;
}

/* One edge of the pair less; 1 if it has none left. */
static int table_dec(cen__graph *g, uint32_t src, uint32_t dst)
{
	uint64_t mask = g->npairs_slots - 1;
	uint64_t i = cen__pair_slot(g, src, dst);
	while (g->pairs[i].count && !is_pair(&g->pairs[i], src, dst))
		i = (i + 1) & mask;
	if (!g->pairs[i].count)
		return 0; /* not present: cannot happen while invariants hold */
	if (--g->pairs[i].count)
		return 0;
	/* Backward-shift deletion. */
	g->npairs--;
	uint64_t hole = i, j = i;
	for (;;) {
		j = (j + 1) & mask;
		if (!g->pairs[j].count)
			break;
		uint64_t home = cen__pair_hash(g->pairs[j].src, g->pairs[j].dst) & mask;
		/* Move j into the hole unless its home lies cyclically in (hole, j]. */
		int in_between = hole <= j ? (home > hole && home <= j)
					   : (home > hole || home <= j);
		if (in_between)
			continue;
		g->pairs[hole] = g->pairs[j];
		hole = j;
	}
	memset(&g->pairs[hole], 0, sizeof g->pairs[hole]);
	return 1;
}

/* ---- the ring scan ---- */

/* Entries of r whose counterparty is other. */
static uint32_t ring_count(const cen__ring *r, uint32_t other)
{
	uint32_t n = 0, cap = cen__ring_cap(r), i = r->head, left = r->len;
	while (left) {
		uint32_t end = left < cap - i ? i + left : cap;
		for (uint32_t j = i; j < end; j++)
			n += r->e[j].other == other;
		left -= end - i;
		i = 0;
	}
	return n;
}

/* r's newest entry with counterparty other, searched newest first (the
 * add has just asked for the ring's tail; a repeated payee is often
 * recent). When it has none: NULL, and *bits gets the payee bits of all
 * its entries. */
static const cen__adj *ring_newest(const cen__ring *r, uint32_t other, uint64_t *bits)
{
	uint64_t b = 0;
	cen__ring_rev it = cen__ring_rev_from(r, r->len);
	for (uint32_t k = r->len; k-- > 0;) {
		const cen__adj *a = cen__ring_rev_next(&it);
		if (a->other == other)
			return a;
		b |= cen__payee_bit(a->other);
	}
	*bits = b;
	return NULL;
}

/* The edge of ring entry a marked CEN__EDGE_REPEATED, or not. */
static void mark(cen__graph *g, const cen__adj *a, int repeated)
{
	cen__edge *e = cen__graph_edge_w(g, cen__adj_seq(g, a));
	e->flags = (uint8_t)(repeated ? e->flags | CEN__EDGE_REPEATED
				      : e->flags & ~CEN__EDGE_REPEATED);
}

/* Marks exactly the edges of r's entries that have a newer entry of the
 * same counterparty (O(len^2) at worst, len <= pair_scan_max / 2 + 1
 * here); returns the payee bits of all of them. */
static uint64_t ring_mark_all(cen__graph *g, const cen__ring *r)
{
	uint64_t b = 0;
	for (uint32_t k = r->len; k-- > 0;) {
		const cen__adj *a = cen__ring_adj(r, k);
		uint64_t bit = cen__payee_bit(a->other);
		int repeated = 0;
		for (uint32_t j = k + 1; (b & bit) && !repeated && j < r->len; j++)
			repeated = cen__ring_adj(r, j)->other == a->other;
		mark(g, a, repeated);
		b |= bit;
	}
	return b;
}

/* Every entry of src's out ring into the table, or out of it. */
static void table_all(cen__graph *g, uint32_t src, int in)
{
	const cen__ring *r = &g->v[src].out;
	for (uint32_t k = 0; k < r->len; k++) {
		uint32_t other = cen__ring_adj(r, k)->other;
		if (in)
			(void)table_inc(g, src, other);
		else
			(void)table_dec(g, src, other);
	}
}

/* ---- what graph.c calls ---- */

int cen__pairs_inc(cen__graph *g, uint32_t src, uint32_t dst)
{
	cen__vertex *v = &g->v[src];
	if (!v->out.pairs_tabled && v->deg_out < g->pair_scan_max) {
		uint64_t bit = cen__payee_bit(dst), seen;
		if (v->payees & bit) {
			const cen__adj *last = ring_newest(&v->out, dst, &seen);
			if (last) {
				mark(g, last, 1); /* the edge added is newer */
				return 0;
			}
			v->payees = seen; /* exact again */
		}
		v->payees |= bit;
		return 1;
	}
	int rc = table_reserve(g, v->out.pairs_tabled ? 1 : (uint64_t)v->deg_out + 1);
	if (rc)
		return rc;
	if (!v->out.pairs_tabled) { /* the ring holds all deg_out edges */
		table_all(g, src, 1);
		v->out.pairs_tabled = 1;
	}
	return table_inc(g, src, dst);
}

void cen__pairs_undo_inc(cen__graph *g, uint32_t src, uint32_t dst)
{
	cen__vertex *v = &g->v[src];
	if (v->out.pairs_tabled) {
		(void)table_dec(g, src, dst);
		return;
	}
	uint64_t seen;
	const cen__adj *last = ring_newest(&v->out, dst, &seen);
	if (last) /* the inc marked it: nothing newer has dst after all */
		mark(g, last, 0);
}

int cen__pairs_evicting(cen__graph *g, const cen__edge *e)
{
	uint32_t src = e->src, dst = e->dst;
	cen__vertex *v = &g->v[src];
	if (v->out.pairs_tabled) {
		if (v->deg_out - 1 > g->pair_scan_max / 2)
			return table_dec(g, src, dst);
		/* Back to the ring, which holds all deg_out edges, the one
		 * leaving first: every entry, that one too, out of the table. */
		table_all(g, src, 0);
		v->out.pairs_tabled = 0;
		v->payees = ring_mark_all(g, &v->out);
	}
	if (v->deg_out == 1) { /* the ring empties: the filter starts afresh */
		v->payees = 0;
		return 1;
	}
	return !(e->flags & CEN__EDGE_REPEATED);
}

uint32_t cen__graph_pair_count_run(const cen__graph *g, uint32_t src, uint32_t dst)
{
	const cen__vertex *v = &g->v[src];
	if (v->out.pairs_tabled)
		return table_count(g, src, dst);
	return v->payees & cen__payee_bit(dst) ? ring_count(&v->out, dst) : 0;
}
