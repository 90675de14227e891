/* graph.h - temporal multigraph with time-window eviction (internal-shared).
 *
 * Vertices are accounts interned to dense uint32 ids (cen__intern). Edges are
 * transactions, numbered by a 64-bit sequence in processing order (time
 * order), held in a log of fixed 4 MiB chunks (two huge pages, and
 * their ids' text): the
 * live edges are seq in [tail, head); a chunk the tail leaves is reused by
 * the head.
 * Evicting pops the tail; nothing else is ever removed from the middle.
 *
 * Each vertex keeps two rings (out, in) of its edges in time order, parallel
 * edges kept. A ring entry (cen__adj) carries what the detectors' scans
 * read: the edge's time, amount and counterparty, and the low 32 bits of
 * its seq, so a scan walks one vertex's contiguous entries instead of
 * missing the cache once per edge in the log. The full seq is recovered
 * from the log head: live seqs span less than 2^32 (the log refuses to hold
 * more). An entry is 16 bytes: its time is kept as an offset from ts_base
 * (moved forward, and every entry with it, in the rare case the offset
 * would not fit 32 bits), its amount in 31 bits of cents unless it is
 * $21.4 million or more, or negative, when the log is read instead, and a
 * bit saying whether it was paid by card. A ring
 * holds at most max_adj entries: when full, its oldest entry is dropped
 * from that ring (the edge stays in the log and in the degree counts) and
 * adj_overflow is counted. Rings come from a size-class slab (capacities
 * in steps of 1.5 and 1.33: cen__ring_caps) carved from an arena, so steady
 * state allocates nothing per transaction: the vertex array and pair table
 * grow by doubling, the log by a chunk (its table of chunk pointers
 * doubles; no edge is ever copied). An edge in the log is 16 bytes: its
 * time as an offset from ts_base too, its amount in 24 bits of cents
 * unless it is $167,772.15 or more, or negative (CEN__EDGE_BIG: the
 * chunk's list of big amounts has it, by the edge's index), its channel
 * and marks. Its transaction id (the row number
 * in decimal when the record had none) is derived or in its chunk's id
 * text. Derived: the ids of a stream's records are mostly numbered in
 * their order (T1, T2, ...), and an edge whose id is its group's first
 * (a group is CEN__ID_GROUP edges) counted up by one for each edge since
 * keeps no text, only a bit (graph.c, id_add: the number at the
 * id's end, its leading zeros kept, one digit more when it carries out;
 * the count is the edge's index in its group, derived ids coming straight
 * after their group's first). Otherwise the ids of consecutive edges lie
 * back to back in the text, each after a byte of its length: an id is
 * found by a walk from where the ids of its group start, a 32-bit
 * position kept once per group at the chunk's end (ids are read only
 * when an alert names them).
 * The text is in the chunk, after its edges (16 KiB, on small pages), and
 * goes on in a block of its own when the ids need more; it goes with its
 * chunk: the window recycles it with the edges, and the ids are never
 * copied (a ring of them, doubling, copied 28 MB and touched 60 MB of
 * fresh memory for 33 MB live on the 5 M benchmark; 8 bytes of text an
 * edge in the chunks' huge pages took 28 MiB at its peak).
 *
 * The live edges per (src, dst) are counted from src's out ring while src
 * has few (pairs.c), else in a pair table; from them every vertex keeps
 * fan_in/fan_out (distinct live counterparties), next to deg_in/deg_out
 * (live edges), all updated on add and on evict (O(1) amortised; a scan
 * of at most 32 ring entries). A vertex counted from its ring keeps a
 * 64-bit filter of its payees (one bit per counterparty, cen__payee_bit),
 * so most questions about a payee it has not paid are answered without
 * reading the ring, and its edges in the log say whether a newer live edge
 * has the same payee (CEN__EDGE_REPEATED), so eviction tells a pair's last
 * edge from the log entry it reads anyway.
 *
 * Invariants: tail <= head; head - tail < 2^32; oldest_ts is the time of
 * the edge at tail (INT64_MAX when none is live), newest the edge at
 * head - 1 while one is live; for every live edge e, e is
 * in src.out and dst.in unless dropped by the cap; a ring holds the newest
 * len of its vertex's deg_out (deg_in) live edges; every ring entry is a
 * live edge and entries are in increasing seq order; an entry's ts, amount
 * and counterparty equal its edge's; every count equals what the live edges
 * give; for every entry of an out ring whose pairs are not tabled, the
 * vertex's payees filter has that entry's payee bit, and that entry's edge
 * has CEN__EDGE_REPEATED iff a newer entry of the ring has its payee.
 */
#ifndef CEN_GRAPH_GRAPH_H
#define CEN_GRAPH_GRAPH_H

#include <assert.h>
#include <stddef.h>
#include <stdint.h>

#include "centinela/txn.h"
#include "core/arena.h"
#include "core/hash.h"

#define CEN__GRAPH_MAX_ADJ_DEFAULT 1024u
#define CEN__GRAPH_MAX_ADJ_LIMIT (1u << 20)
#define CEN__GRAPH_MAX_ID 255u /* bytes of a transaction id kept */

/* 16 bytes, four to a cache line. Read the time through cen__edge_ts,
 * the amount through cen__edge_amount, the id through cen__graph_edge_id. */
typedef struct cen__edge {
	uint32_t ts_off;      /* engine time (clamped for late records) - ts_base */
	uint32_t src, dst;
	union {
		struct {
			uint32_t cents : 24;  /* base amount, USD cents (paid
						 amount if no rate); CEN__EDGE_BIG:
						 in its chunk's big list */
			uint32_t channel : 3; /* cen_channel */
			uint32_t derived : 1; /* the id is derived: no text */
			uint32_t flags : 4;   /* CEN__EDGE_* */
		};
		uint32_t word; /* all four, as cen__edge_word puts them */
	};
} cen__edge;

/* cents of an amount outside [0, CEN__EDGE_BIG): its chunk keeps it. */
#define CEN__EDGE_BIG 0xFFFFFFu

/* The word of an edge's four small fields, written at once (the add: a
 * store per bit-field cost 8 instructions an edge more). Bit-fields are
 * laid out from the word's low bits on the little-endian ABIs GCC and
 * clang follow; a unit test reads them back. */
_Static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__, "cen__edge_word's layout");
static inline uint32_t cen__edge_word(uint32_t cents, unsigned channel, unsigned derived,
				      unsigned flags)
{
	return cents | channel << 24 | derived << 27 | flags << 28;
}

#define CEN__EDGE_LATE 1u /* ts was clamped to the clock */
/* A newer live edge has the same src and dst; kept only while src's pairs
 * are counted from its ring (pairs.c). */
#define CEN__EDGE_REPEATED 2u
/* src's pairs were in the pair table when the edge was added: eviction's
 * hint asks for the pair's slot without reading src's vertex line (a hint
 * only: src may have left the table since; prefetch.c). */
#define CEN__EDGE_TABLED 4u
/* src had no live edge to dst when the edge was added: while it is the
 * newest edge (a detector's on_edge), the pair has this one edge, and the
 * detectors that look at new pairs only read this mark, not the count. */
#define CEN__EDGE_NEW_PAIR 8u

/* Edges per chunk of the log: 262144 of 16 bytes, 4 MiB (two huge
 * pages: core/alloc.c advises the whole huge pages of blocks this large),
 * then their own id text, 16 KiB, the chunk's group positions (4 KiB)
 * and its header, on small pages past the huge ones. The live
 * edges span whole chunks but for the two at the ends: at the 5 M
 * benchmark's peak, 15 chunks for 13.5 chunks' worth of edges, 60 MiB
 * (24-byte edges, their amounts in 64 bits and their ids' offsets and
 * lengths in 24, took 90 MiB in 6 MiB chunks; 4 MiB chunks of 131072
 * such edges and their ids' 8 bytes each took 112 MiB, 28 of them). */
#define CEN__LOG_CHUNK_BITS 18
#define CEN__LOG_CHUNK ((uint64_t)1 << CEN__LOG_CHUNK_BITS)
/* Edges whose ids are found from one position: a walk over at most 255
 * ids before an edge's. */
#define CEN__ID_GROUP_BITS 8
#define CEN__ID_GROUP ((uint64_t)1 << CEN__ID_GROUP_BITS)

/* Bytes of id text in a chunk itself (the first ids of its 1024 groups,
 * of 16 bytes on average with their length's byte, when the others are
 * derived from them). Text positions from there on are in the chunk's
 * overflow block; an id never straddles the two: a length byte of 0 in
 * the inline text says the next id is the overflow block's first. */
#define CEN__ID_INLINE (CEN__LOG_CHUNK / 16)

/* An amount of CEN__EDGE_BIG cents or more, or negative: the edge's index
 * in its chunk and the amount. */
typedef struct cen__log_big {
	int64_t amount;
	uint32_t at;
} cen__log_big;

/* The header of a chunk of the log, kept at its end: its id text's
 * overflow block and its list of big amounts, by increasing index. A
 * chunk reused keeps both blocks (its list emptied). */
typedef struct cen__log_ext {
	char *over;        /* text positions CEN__ID_INLINE on (NULL: none) */
	uint32_t over_cap; /* its bytes */
	uint32_t nbig, big_cap;
	cen__log_big *big;
} cen__log_ext;

/* A chunk: its edges, its inline id text, its groups' positions in its id
 * text (4 KiB), its header. */
#define CEN__LOG_CHUNK_BYTES                                                  \
	(CEN__LOG_CHUNK * sizeof(cen__edge) + CEN__ID_INLINE +                   \
	 (CEN__LOG_CHUNK >> CEN__ID_GROUP_BITS) * 4 + sizeof(cen__log_ext))

/* 16 bytes, four to a cache line. Read ts and amount through
 * cen__adj_ts and cen__adj_amount. */
typedef struct cen__adj {
	uint32_t ts_off;  /* the edge's ts - the graph's ts_base */
	uint32_t cents;   /* the edge's amount in the low 31 bits, CEN__ADJ_BIG
			     when it does not fit; CEN__ADJ_CARD: paid by card */
	uint32_t seq_lo;  /* low 32 bits of the edge's seq (cen__adj_seq) */
	uint32_t other;   /* the counterparty: dst in an out ring, src in an in ring */
} cen__adj;

/* cents of an amount outside [0, CEN__ADJ_BIG): the log has it. The top
 * bit tells card payments apart without a read of the log (a shop's
 * takings are not transfers: det_fan.c). */
#define CEN__ADJ_BIG 0x7FFFFFFFu
#define CEN__ADJ_CARD 0x80000000u

/* 16 bytes: a vertex and its two rings fit one cache line. */
typedef struct cen__ring {
	cen__adj *e;         /* cen__ring_cap entries; oldest at head */
	uint32_t head;       /* < cen__ring_cap */
	uint32_t len : 23;   /* <= max_adj <= CEN__GRAPH_MAX_ADJ_LIMIT */
	uint32_t pairs_tabled : 1; /* out ring: the vertex's pairs are in the
				      pair table, not counted from the ring */
	uint32_t cls : 8;    /* size class: capacity cen__ring_caps[cls]; 0: none.
				A whole byte, so every cen__ring_cap reads it
				with one load */
} cen__ring;

/* Ring capacities by size class: 0, then 4, 6, 8, 12, 16, 24, ... (each
 * class twice the one two below it), up to CEN__GRAPH_MAX_ADJ_LIMIT. */
#define CEN__RING_CLASSES 38
extern const uint32_t cen__ring_caps[CEN__RING_CLASSES];

static inline uint32_t cen__ring_cap(const cen__ring *r)
{
	return cen__ring_caps[r->cls];
}
/* The slot of the i-th entry (i < capacity) counted from head. */
static inline uint32_t cen__ring_slot(const cen__ring *r, uint32_t i)
{
	uint32_t j = r->head + i, cap = cen__ring_cap(r);
	return j >= cap ? j - cap : j;
}

/* 64 bytes, one cache line: the vertex array starts on one. */
typedef struct cen__vertex {
	cen__ring out, in;
	uint32_t fan_in, fan_out; /* distinct live counterparties */
	uint32_t deg_in, deg_out; /* live edges */
	uint64_t payees;          /* out ring not tabled: a superset of its
				     entries' cen__payee_bit (pairs.c) */
	uint8_t kind;             /* cen_monitor_kind */
	char country[3];
	uint32_t cash_ref;        /* dense id + 1 among the accounts the cash
				     detectors resolved (their memos' index);
				     0 before the first */
} cen__vertex;

/* The account's owner and ZIP, read only by the cash detectors, so kept
 * apart from the vertex line every edge reads. They are fetched from the
 * lookup hook when a detector first needs them (det_ctr.c, vertex_acct). */
typedef struct cen__vowner {
	uint32_t party;           /* the cash adapter's id of the owner's person
				     in its keys ("p:PARTY"; with the top bit
				     the account's own, "a:LABEL"), UINT32_MAX
				     none (yet), CEN__PARTY_LATER: not fetched */
	uint32_t zip;             /* the zip's id in the same keys, UINT32_MAX none; while party
				     is CEN__PARTY_LATER, the accounts hook's
				     number of the account (ref), UINT32_MAX
				     none */
} cen__vowner;
#define CEN__PARTY_LATER (UINT32_MAX - 1)

/* A counterparty's bit in a vertex's payees filter. */
static inline uint64_t cen__payee_bit(uint32_t other)
{
	return 1ull << ((other * 0x9E3779B1u) >> 26);
}

typedef struct cen__pair { /* 12 bytes */
	uint32_t src, dst;
	uint32_t count; /* live edges; 0: the slot is empty */
} cen__pair;

typedef struct cen__graph {
	cen__intern names;     /* account name -> vertex id */
	cen__intern strings;   /* unused (the cash adapter keeps its own keys) */
	cen__vertex *v;        /* on a cache line, inside v_mem */
	void *v_mem;
	cen__vowner *owner;    /* by vertex, like v */
	size_t nv, vcap;

	/* The edge log: fixed chunks of CEN__LOG_CHUNK edges; the edge of seq
	 * s is in the chunk at log[(s >> CEN__LOG_CHUNK_BITS) & (nchunks - 1)].
	 * A chunk the tail has left goes to log_free and is reused as the head
	 * moves on, so a sliding window writes into warm memory, and growth
	 * doubles the table of pointers, never copies an edge. */
	cen__edge **log;       /* nchunks slots, power of two; NULL: no chunk */
	uint64_t nchunks, tail, head;
	cen__edge *log_head;   /* the chunk the last edge added went to (the
				  head's, unless head starts a chunk) */
	cen__edge *newest;     /* the last edge added (seq head - 1) */
	uint32_t id_used;      /* text positions of log_head's id text taken */
	cen__edge *log_free;   /* chunks left by the tail, linked through their
				  first bytes */
	uint64_t log_chunks;   /* chunks allocated */
	uint64_t id_bytes;     /* room of all the chunks' overflow blocks */
	uint64_t big_bytes;    /* room of all the chunks' lists of big amounts */
	uint32_t id_cap_next;  /* room a chunk's first overflow block gets:
				  the largest one has grown to */
	/* The id an edge of the head's group would have to be derived
	 * (graph.c): the last one counted up by one, the group's first
	 * counted up by the head's index in the group; id_next_len 0: none
	 * (the group's ids broke the count, or the first did not end in a
	 * digit). */
	char id_next[CEN__GRAPH_MAX_ID];
	uint32_t id_next_len;

	cen__pair *pairs;      /* open addressing, linear probing (pairs.c) */
	uint64_t npairs_slots, npairs;
	uint32_t pair_scan_max; /* deg_out up to which pairs come from the ring */

	cen__arena slab_arena; /* ring storage */
	void **slab_free[CEN__RING_CLASSES]; /* free lists by size class: stacks
					       of block addresses (ring.c) */
	uint64_t slab_nfree[CEN__RING_CLASSES]; /* their lengths */
	uint64_t slab_cap[CEN__RING_CLASSES];   /* their room */
	uint64_t slab_mask;    /* bit cls: slab_free[cls] has a block */
	uint64_t slab_lines_kept; /* class 1 blocks the last merge left (ring.c) */
	uint64_t slab_carved;  /* bytes of ring storage taken from the arena */
	unsigned char *slab_next; /* the arena piece blocks are carved from */
	size_t slab_left;      /* its bytes left, a multiple of 64 */
	uint32_t max_adj;

	uint64_t adj_overflow;
	uint64_t peak_edges;
	uint64_t evict_hinted; /* edges below this seq have had their eviction
				  hints (prefetch.c); changes no result */
	int64_t ts_base;       /* edges and ring entries keep ts - ts_base in 32 bits */
	int64_t oldest_ts;     /* the tail's edge's time; INT64_MAX: no live edge */
	int64_t horizon;       /* the last eviction's bound (cen__graph_evict's
				  before): now - horizon is the window a full
				  ring's growth plans for (ring.c); INT64_MAX
				  before the first */
} cen__graph;

int cen__graph_init(cen__graph *g, uint32_t max_adj);
/* Makes room for n accounts in all (name table and vertex array), so a
 * stream that names them grows neither, and a pair-table slot for every
 * second of them (pairs.c). */
int cen__graph_reserve(cen__graph *g, size_t n);
void cen__graph_release(cen__graph *g);

/* Id of the account name (len bytes), adding it when new (*is_new = 1);
 * _h with its hash already computed (cen__intern_hash). */
int cen__graph_vertex(cen__graph *g, const char *name, size_t len, uint32_t *id,
		      int *is_new);
int cen__graph_vertex_h(cen__graph *g, const char *name, size_t len, uint64_t h,
			uint32_t *id, int *is_new);
/* A vertex for every name interned without one (names put into g->names
 * directly, such as an accounts table's index taken over whole: its ids
 * become vertex ids), each as cen__graph_vertex makes one. */
int cen__graph_vertex_all(cen__graph *g);

/* Prefetch hints (prefetch.c): they ask the CPU to start loading what a
 * later call will touch, and change nothing. The engine issues them a few
 * records ahead, since nearly every access to a large graph misses the
 * cache. Ids must be existing vertices. */
void cen__graph_prefetch_vertex(const cen__graph *g, uint32_t v);
/* What the pair count of (src, dst) reads, the ring slots an add will write
 * and the newest entries of the sender's incoming ring (detectors read
 * them). The vertex lines should have been asked for a while before. Either
 * may be CEN__GRAPH_NO_VERTEX (an account not seen yet): then what the
 * other side's part of the add reads. */
#define CEN__GRAPH_NO_VERTEX UINT32_MAX
void cen__graph_prefetch_add(const cen__graph *g, uint32_t src, uint32_t dst);
/* What evicting the edges up to `ahead` places after the tail will touch,
 * for those not hinted yet (the window evicts in bursts: a record with a
 * new time evicts all the edges of a second; each edge is hinted once).
 * Writes only g->evict_hinted. Inline, to tell without a call that there
 * is none (most records: the cursor waits for the tail's next burst). */
void cen__graph_prefetch_evict_run(cen__graph *g, uint64_t ahead);
static inline void cen__graph_prefetch_evict(cen__graph *g, uint64_t ahead)
{
	if (g->evict_hinted < g->tail + ahead) /* _run tells the head apart */
		cen__graph_prefetch_evict_run(g, ahead);
}
/* What cen__graph_pair_count(g, src, dst) reads (src's out ring unless
 * its payee filter rules dst out, or its table slot; src's vertex line is
 * read to tell which): a detector about to test many pairs asks for all of
 * them, then tests. */
void cen__graph_prefetch_pair(const cen__graph *g, uint32_t src, uint32_t dst);
/* The same for (src, dst[i]), i < n. */
void cen__graph_prefetch_pairs(const cen__graph *g, uint32_t src, const uint32_t *dst, size_t n);
static inline const char *cen__graph_vname(const cen__graph *g, uint32_t v)
{
	return g->names.strs[v];
}

/* Appends the edge src -> dst at time ts (>= every live edge's ts) for t. */
int cen__graph_add(cen__graph *g, const cen_txn *t, uint32_t src, uint32_t dst,
		   int64_t ts, int64_t amount, uint64_t *seq);
/* Evicts every edge with ts < before. Inline, to tell without a call
 * that the oldest edge stays (most new times of a stream evict nothing). */
void cen__graph_evict_run(cen__graph *g, int64_t before);
static inline void cen__graph_evict(cen__graph *g, int64_t before)
{
	g->horizon = before;
	if (before > g->oldest_ts)
		cen__graph_evict_run(g, before);
}

static inline int cen__graph_live(const cen__graph *g, uint64_t seq)
{
	return seq >= g->tail && seq < g->head;
}
static inline cen__edge *cen__graph_edge_w(const cen__graph *g, uint64_t seq)
{
	return &g->log[(seq >> CEN__LOG_CHUNK_BITS) & (g->nchunks - 1)][seq & (CEN__LOG_CHUNK - 1)];
}
/* The edge of a live seq. */
static inline const cen__edge *cen__graph_edge(const cen__graph *g, uint64_t seq)
{
	return cen__graph_edge_w(g, seq);
}
/* The newest edge, seq (= head - 1): the one a detector's on_edge is
 * given, as the add left it (one load: every detector asks for it on
 * every edge, and working it out from log_head and seq cost 19 M
 * instructions of a 500 k-record run). */
static inline const cen__edge *cen__graph_edge_newest(const cen__graph *g, uint64_t seq)
{
	assert(seq + 1 == g->head && g->newest);
	(void)seq;
	return g->newest;
}
/* The i-th entry of a ring, 0 the oldest. */
static inline const cen__adj *cen__ring_adj(const cen__ring *r, uint32_t i)
{
	return &r->e[cen__ring_slot(r, i)];
}
/* Asks for the newest `lines` lines of r (entries 4 apart are a line
 * apart), the newest first: what a scan from its newest entry reads. */
static inline __attribute__((always_inline)) void cen__ring_hint_newest(const cen__ring *r,
									unsigned lines)
{
	for (uint32_t k = r->len; k > 0 && lines; lines--, k = k > 4 ? k - 4 : 0)
		cen__prefetch(cen__ring_adj(r, k - 1));
}
/* A walk through a ring's entries from a given one towards the oldest,
 * slot by slot (no capacity lookup per entry, as cen__ring_adj makes):
 * the scans of the detectors, which mostly go newest first. The caller
 * counts the entries it takes (at most the ring's length). */
typedef struct cen__ring_rev {
	const cen__adj *p;    /* the entry cen__ring_rev_next returns */
	const cen__adj *base; /* the block's first slot */
	const cen__adj *last; /* its last slot, where the walk wraps to */
} cen__ring_rev;
/* The walk from entry n - 1 (0 the oldest; the newest when n is the
 * ring's length); n == 0: a walk that must take nothing. */
static inline cen__ring_rev cen__ring_rev_from(const cen__ring *r, uint32_t n)
{
	cen__ring_rev it = {NULL, r->e, NULL};
	if (n) {
		it.p = &r->e[cen__ring_slot(r, n - 1)];
		it.last = r->e + cen__ring_cap(r) - 1;
	}
	return it;
}
/* The walk's entry, then one step towards the oldest. */
static inline const cen__adj *cen__ring_rev_next(cen__ring_rev *it)
{
	const cen__adj *x = it->p;
	it->p = x == it->base ? it->last : x - 1;
	return x;
}
/* A live edge's time. */
static inline int64_t cen__edge_ts(const cen__graph *g, const cen__edge *e)
{
	return g->ts_base + (int64_t)e->ts_off;
}
/* A live edge's amount (USD cents): its cents unless CEN__EDGE_BIG, else
 * from its chunk's list (_big: rare, out of line). */
int64_t cen__graph_edge_big(const cen__graph *g, const cen__edge *e);
static inline int64_t cen__edge_amount(const cen__graph *g, const cen__edge *e)
{
	uint32_t c = e->cents;
	if (c != CEN__EDGE_BIG)
		return (int64_t)c;
	return cen__graph_edge_big(g, e);
}
/* The seq of a ring entry (every entry is a live edge). */
static inline uint64_t cen__adj_seq(const cen__graph *g, const cen__adj *a)
{
	return g->head - (uint32_t)((uint32_t)g->head - a->seq_lo);
}
/* A ring entry's edge time and amount (USD cents). */
static inline int64_t cen__adj_ts(const cen__graph *g, const cen__adj *a)
{
	return g->ts_base + (int64_t)a->ts_off;
}
static inline int64_t cen__adj_amount(const cen__graph *g, const cen__adj *a)
{
	uint32_t c = a->cents & CEN__ADJ_BIG;
	if (c != CEN__ADJ_BIG)
		return (int64_t)c;
	return cen__edge_amount(g, cen__graph_edge(g, cen__adj_seq(g, a)));
}
/* Whether a ring entry's edge was paid by card. */
static inline int cen__adj_card(const cen__adj *a)
{
	return (a->cents & CEN__ADJ_CARD) != 0;
}
/* The seq of the i-th entry of a ring. */
static inline uint64_t cen__ring_at(const cen__graph *g, const cen__ring *r, uint32_t i)
{
	return cen__adj_seq(g, cen__ring_adj(r, i));
}
/* Live edges src -> dst. Inline when src's payees filter rules dst out
 * (most of the detectors' questions about a pair). */
uint32_t cen__graph_pair_count_run(const cen__graph *g, uint32_t src, uint32_t dst);
static inline uint32_t cen__graph_pair_count(const cen__graph *g, uint32_t src, uint32_t dst)
{
	const cen__vertex *v = &g->v[src];
	if (!v->out.pairs_tabled && !(v->payees & cen__payee_bit(dst)))
		return 0;
	return cen__graph_pair_count_run(g, src, dst);
}

/* The transaction id of a live edge (the row number's digits when its
 * record had none), borrowed from its chunk until the edge is evicted, or
 * (a derived id) from tmp (tmplen >= CEN__GRAPH_MAX_ID bytes), written
 * with it. */
cen_slice cen__graph_edge_id(const cen__graph *g, uint64_t seq, char *tmp,
			     size_t tmplen);

/* Bytes held by the graph (for stats). */
uint64_t cen__graph_memory(const cen__graph *g);

#endif
