/* pairs.c - live edge counts per (src, dst) pair.
 *
 * Open addressing with linear probing on 12-byte slots (src, dst, count),
 * the pair hashed as src << 32 | dst (cen__pair_hash); deletion by backward
 * shift (no tombstones), so probe chains stay short however long the stream. The table doubles when
 * more than half full.
 *
 * What must hold: a slot is empty iff count == 0; every pair with a live
 * edge has exactly one slot whose count is its number of live edges.
 */
#include <string.h>

#include "centinela/core.h"
#include "graph/internal.h"
#include "core/banned.h"

static inline int is_pair(const cen__pair *p, uint32_t src, uint32_t dst)
{
	return p->src == src && p->dst == dst;
}

int cen__pairs_init(cen__graph *g)
{
	g->npairs_slots = 4096;
	g->npairs = 0;
	g->pairs = cen_calloc(g->npairs_slots, sizeof *g->pairs);
	return g->pairs ? 0 : CEN_ENOMEM;
}

static int grow(cen__graph *g)
{
	uint64_t nn = g->npairs_slots * 2;
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

int cen__pairs_inc(cen__graph *g, uint32_t src, uint32_t dst)
{
	if ((g->npairs + 1) * 2 > g->npairs_slots && grow(g))
		return CEN_ENOMEM;
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

uint32_t cen__graph_pair_count(const cen__graph *g, uint32_t src, uint32_t dst)
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

int cen__pairs_dec(cen__graph *g, uint32_t src, uint32_t dst)
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
