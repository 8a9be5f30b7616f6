/* bcache.c - binding cache storage: allocation, the home-address and CoA
 * hashes, lookups, registration and removal. The timing wheel is in
 * bcache_wheel.c, the invariants in bcache_check.c. */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "bcache.h"
#include "bcache_internal.h"

#define MAX_ENTRIES (1u << 26) /* keeps every size below well inside 32 bits */

static uint32_t pow2_at_least(uint32_t n)
{
	uint32_t p = 1;

	while (p < n)
		p <<= 1;
	return p;
}

int m6e_bc_init(struct m6e_bcache *bc, const struct m6e_bc_limits *lim, uint64_t now_ms)
{
	memset(bc, 0, sizeof *bc);
	bc->lim = *lim;
	if (!bc->lim.max_homes)
		bc->lim.max_homes = bc->lim.max_bindings;
	if (!lim->max_bindings || lim->max_bindings > MAX_ENTRIES || !lim->max_per_home ||
	    bc->lim.max_homes > MAX_ENTRIES || lim->refresh_lead_s >= M6E_WHEEL_SLOTS)
		return M6_ERR_ARG;
	/* twice as many buckets as entries: chains of 1.25 on average */
	uint32_t home_buckets = pow2_at_least(2 * bc->lim.max_homes);
	uint32_t coa_buckets = pow2_at_least(2 * lim->max_bindings);
	bc->home_mask = home_buckets - 1;
	bc->coa_mask = coa_buckets - 1;
	bc->base_ms = now_ms;
	/* calloc: untouched pages stay virtual, so a large limit costs memory
	 * only as bindings use it. Index 0 of b[] and h[] is never used. */
	bc->b = calloc((size_t)lim->max_bindings + 1, sizeof *bc->b);
	bc->h_alloc = calloc((size_t)bc->lim.max_homes + 2, sizeof *bc->h);
	bc->h = (struct m6e_home *)(((uintptr_t)bc->h_alloc + 63) & ~(uintptr_t)63);
	bc->home_bucket = calloc(home_buckets, sizeof *bc->home_bucket);
	bc->coa_bucket = calloc(coa_buckets, sizeof *bc->coa_bucket);
	bc->wheel = calloc(M6E_WHEEL_SLOTS, sizeof *bc->wheel);
	bc->wheel_used = calloc(M6E_WHEEL_SLOTS / 64, sizeof *bc->wheel_used);
	if (!bc->b || !bc->h_alloc || !bc->home_bucket || !bc->coa_bucket || !bc->wheel || !bc->wheel_used) {
		m6e_bc_free(bc);
		return M6_ERR_NOSPACE;
	}
	return M6_OK;
}

void m6e_bc_free(struct m6e_bcache *bc)
{
	free(bc->b);
	free(bc->h_alloc);
	free(bc->home_bucket);
	free(bc->coa_bucket);
	free(bc->wheel);
	free(bc->wheel_used);
	memset(bc, 0, sizeof *bc);
}

void m6e_bc_clear(struct m6e_bcache *bc, uint64_t now_ms)
{
	/* every binding is in one hash chain and one wheel slot: empty those
	 * (entries once used and freed since clear slot 0, harmlessly) */
	for (uint32_t i = 1; i <= bc->b_high; i++) {
		uint32_t slot = m6e_bc_wheel_due(bc, &bc->b[i]) & M6E_WHEEL_MASK;
		bc->coa_bucket[m6e_bc_hash(bc, &bc->b[i].coa) & bc->coa_mask] = 0;
		bc->wheel[slot] = 0;
		bc->wheel_used[slot / 64] = 0;
	}
	for (uint32_t i = 1; i <= bc->h_high; i++)
		bc->home_bucket[m6e_bc_hash(bc, &bc->h[i].hoa) & bc->home_mask] = 0;
	memset(bc->b, 0, ((size_t)bc->b_high + 1) * sizeof *bc->b);
	memset(bc->h, 0, ((size_t)bc->h_high + 1) * sizeof *bc->h);
	bc->n_bindings = bc->n_homes = bc->n_wheel = 0;
	bc->b_high = bc->h_high = bc->b_free = bc->h_free = 0;
	bc->base_ms = now_ms;
	bc->now_s = 0;
}

/* The two 64-bit halves multiplied into 128 bits and the halves folded
 * (every input bit reaches every output bit), keyed by the seed so that
 * the bucket of an address cannot be chosen from outside. */
uint32_t m6e_bc_hash(const struct m6e_bcache *bc, const m6_addr6 *a)
{
	uint64_t hi, lo;

	memcpy(&hi, a->a, 8);
	memcpy(&lo, a->a + 8, 8);
	unsigned __int128 m = (unsigned __int128)(hi ^ bc->lim.hash_seed ^ 0xa0761d6478bd642full) *
			      (lo ^ 0xe7037ed1a0b428dbull);
	uint64_t h = (uint64_t)(m >> 64) ^ (uint64_t)m;
	return (uint32_t)(h >> 32) ^ (uint32_t)h;
}

static bool same_addr(const m6_addr6 *a, const m6_addr6 *b)
{
	return memcmp(a->a, b->a, sizeof a->a) == 0;
}

struct m6e_home *m6e_bc_home(const struct m6e_bcache *bc, const m6_addr6 *hoa)
{
	uint32_t i = bc->home_bucket[m6e_bc_hash(bc, hoa) & bc->home_mask];

	while (i && !same_addr(&bc->h[i].hoa, hoa))
		i = bc->h[i].hash_next;
	return i ? &bc->h[i] : NULL;
}

struct m6e_binding *m6e_bc_home_bid(const struct m6e_bcache *bc, const struct m6e_home *home,
				    uint16_t bid)
{
	/* without branches: a mispredicted one would cancel the next
	 * lookups' memory loads already under way (live BIDs are unique, a
	 * free slot has index 0) */
	uint32_t found = 0;
	for (int k = 0; k < M6E_HOME_INLINE; k++)
		found |= home->inline_bid[k] == bid ? home->inline_idx[k] : 0;
	if (found)
		return &bc->b[found];
	if (home->n_inline == home->count)
		return NULL;
	uint32_t i = home->first;

	while (i && bc->b[i].bid != bid)
		i = bc->b[i].next;
	return m6e_bc_binding(bc, i);
}

struct m6e_binding *m6e_bc_lookup(const struct m6e_bcache *bc, const m6_addr6 *hoa, uint16_t bid)
{
	const struct m6e_home *home = m6e_bc_home(bc, hoa);

	return home ? m6e_bc_home_bid(bc, home, bid) : NULL;
}

#define LOOKUP_BATCH 16

void m6e_bc_lookup_many(const struct m6e_bcache *bc, const m6_addr6 *hoa, const uint16_t *bid,
			size_t n, struct m6e_binding **out)
{
	uint32_t bucket[LOOKUP_BATCH], first[LOOKUP_BATCH];

	for (size_t base = 0; base < n; base += LOOKUP_BATCH) {
		size_t m = n - base < LOOKUP_BATCH ? n - base : LOOKUP_BATCH;
		/* three passes: buckets, then home records, then the match; the
		 * loads of one pass are all in flight together */
		for (size_t j = 0; j < m; j++) {
			bucket[j] = m6e_bc_hash(bc, &hoa[base + j]) & bc->home_mask;
			__builtin_prefetch(&bc->home_bucket[bucket[j]]);
		}
		for (size_t j = 0; j < m; j++) {
			first[j] = bc->home_bucket[bucket[j]];
			__builtin_prefetch(&bc->h[first[j]]);
		}
		for (size_t j = 0; j < m; j++) {
			uint32_t i = first[j];
			while (i && !same_addr(&bc->h[i].hoa, &hoa[base + j]))
				i = bc->h[i].hash_next;
			out[base + j] = i ? m6e_bc_home_bid(bc, &bc->h[i], bid[base + j]) : NULL;
		}
	}
}

static struct m6e_binding *same_coa_from(const struct m6e_bcache *bc, uint32_t i,
					 const m6_addr6 *coa)
{
	while (i && !same_addr(&bc->b[i].coa, coa))
		i = bc->b[i].coa_next;
	return m6e_bc_binding(bc, i);
}

struct m6e_binding *m6e_bc_by_coa(const struct m6e_bcache *bc, const m6_addr6 *coa)
{
	return same_coa_from(bc, bc->coa_bucket[m6e_bc_hash(bc, coa) & bc->coa_mask], coa);
}

struct m6e_binding *m6e_bc_next_coa(const struct m6e_bcache *bc, const struct m6e_binding *b)
{
	return same_coa_from(bc, b->coa_next, &b->coa);
}

/* Unlinks index i from a singly linked chain starting at *head, following
 * the link at offset link_off of each binding. */
static void chain_unlink(struct m6e_bcache *bc, uint32_t *head, uint32_t i, size_t link_off)
{
	uint32_t *p = head;

	while (*p != i)
		p = (uint32_t *)((char *)&bc->b[*p] + link_off);
	*p = *(uint32_t *)((char *)&bc->b[i] + link_off);
}

static uint32_t *coa_head(struct m6e_bcache *bc, const m6_addr6 *coa)
{
	return &bc->coa_bucket[m6e_bc_hash(bc, coa) & bc->coa_mask];
}

static void coa_link(struct m6e_bcache *bc, uint32_t i)
{
	uint32_t *head = coa_head(bc, &bc->b[i].coa);

	bc->b[i].coa_next = *head;
	*head = i;
}

static struct m6e_home *home_new(struct m6e_bcache *bc, const m6_addr6 *hoa)
{
	uint32_t i = bc->h_free;

	if (i)
		bc->h_free = bc->h[i].hash_next;
	else
		i = ++bc->h_high;
	struct m6e_home *home = &bc->h[i];
	uint32_t *head = &bc->home_bucket[m6e_bc_hash(bc, hoa) & bc->home_mask];
	memset(home, 0, sizeof *home);
	home->hoa = *hoa;
	home->hash_next = *head;
	*head = i;
	bc->n_homes++;
	return home;
}

static void home_delete(struct m6e_bcache *bc, struct m6e_home *home)
{
	uint32_t i = (uint32_t)(home - bc->h);
	uint32_t *p = &bc->home_bucket[m6e_bc_hash(bc, &home->hoa) & bc->home_mask];

	while (*p != i)
		p = &bc->h[*p].hash_next;
	*p = home->hash_next;
	memset(home, 0, sizeof *home);
	home->hash_next = bc->h_free;
	bc->h_free = i;
	bc->n_homes--;
}

static uint32_t binding_new(struct m6e_bcache *bc, struct m6e_home *home, uint16_t bid)
{
	uint32_t i = bc->b_free;

	if (i)
		bc->b_free = bc->b[i].next;
	else
		i = ++bc->b_high;
	memset(&bc->b[i], 0, sizeof bc->b[i]);
	bc->b[i].bid = bid;
	bc->b[i].home = (uint32_t)(home - bc->h);
	bc->b[i].next = home->first;
	home->first = i;
	home->count++;
	for (int k = 0; k < M6E_HOME_INLINE; k++)
		if (!home->inline_idx[k]) {
			home->inline_idx[k] = i;
			home->inline_bid[k] = bid;
			home->n_inline++;
			break;
		}
	bc->n_bindings++;
	return i;
}

bool m6e_bc_room(const struct m6e_bcache *bc, const struct m6e_home *home, uint32_t n)
{
	if (n == 0)
		return true;
	if (bc->n_bindings + (uint64_t)n > bc->lim.max_bindings)
		return false;
	if (!home)
		return bc->n_homes < bc->lim.max_homes && n <= bc->lim.max_per_home;
	return home->count + n <= bc->lim.max_per_home;
}

struct m6e_binding *m6e_bc_set(struct m6e_bcache *bc, const m6_addr6 *hoa, uint16_t bid,
			       uint16_t seq, const struct m6e_binding_set *set, uint64_t now_ms)
{
	uint8_t kind = bid == M6E_PLAIN_BID ? M6E_HOME_PLAIN : M6E_HOME_MCOA;
	struct m6e_home *home = m6e_bc_home(bc, hoa);
	struct m6e_binding *b = home ? m6e_bc_home_bid(bc, home, bid) : NULL;

	if (home && home->kind != kind)
		return NULL; /* the caller must drop the other kind first (RFC 5648 s6.2) */
	if (!b && !m6e_bc_room(bc, home, 1))
		return NULL;
	if (!home) {
		home = home_new(bc, hoa);
		home->kind = kind;
	}
	bool link_coa = true;
	if (b) {
		m6e_bc_wheel_unlink(bc, m6e_bc_index(bc, b));
		link_coa = !same_addr(&b->coa, &set->coa);
		if (link_coa)
			chain_unlink(bc, coa_head(bc, &b->coa), m6e_bc_index(bc, b),
				     offsetof(struct m6e_binding, coa_next));
	} else {
		b = &bc->b[binding_new(bc, home, bid)];
	}
	b->coa = set->coa;
	b->coa_v4 = set->coa_v4;
	b->flags = set->flags;
	b->home_nonce = set->home_nonce;
	b->coa_nonce = set->coa_nonce;
	home->seq = seq;
	m6e_bc_wheel_schedule(bc, m6e_bc_index(bc, b), set->lifetime_s, now_ms);
	if (link_coa)
		coa_link(bc, m6e_bc_index(bc, b));
	return b;
}

void m6e_bc_set_seq(struct m6e_bcache *bc, const m6_addr6 *hoa, uint16_t seq)
{
	struct m6e_home *home = m6e_bc_home(bc, hoa);

	if (home)
		home->seq = seq;
}

void m6e_bc_remove(struct m6e_bcache *bc, struct m6e_binding *b)
{
	uint32_t i = m6e_bc_index(bc, b);
	struct m6e_home *home = &bc->h[b->home];

	m6e_bc_wheel_unlink(bc, i);
	chain_unlink(bc, coa_head(bc, &b->coa), i, offsetof(struct m6e_binding, coa_next));
	chain_unlink(bc, &home->first, i, offsetof(struct m6e_binding, next));
	for (int k = 0; k < M6E_HOME_INLINE; k++)
		if (home->inline_idx[k] == i) {
			home->inline_idx[k] = 0;
			home->n_inline--;
		}
	memset(b, 0, sizeof *b);
	b->next = bc->b_free;
	bc->b_free = i;
	bc->n_bindings--;
	if (--home->count == 0)
		home_delete(bc, home);
}

void m6e_bc_remove_home(struct m6e_bcache *bc, struct m6e_home *home)
{
	/* the record is freed with its last binding: count first */
	for (uint16_t n = home->count; n > 0; n--)
		m6e_bc_remove(bc, &bc->b[home->first]);
}
