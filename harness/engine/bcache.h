/*
 * bcache.h - the reference binding cache (RFC 6275 s9.1, RFC 5648 s5.1,
 * seed 001 s4.1 and s6.1).
 *
 * Entries are keyed by (home address, BID). A home address holds either
 * BID bindings (Multiple Care-of Addresses) or at most one plain binding
 * (BID 0, no BID option was used), never both. The sequence number is
 * kept once per home address and shared by all its bindings.
 *
 * Memory is allocated once, at init, from the limits: nothing grows per
 * packet, and a full cache says so (the engine answers BA 130). Arrays are
 * calloc'ed, so pages a small load never touches cost no memory.
 * Time is passed in (milliseconds of the caller's clock); bindings expire
 * on whole-second ticks of a timing wheel that covers the longest
 * lifetime (65535 x 4 s), so expiry costs O(expired + elapsed s / 64).
 *
 * Lookups: by home address (hash), by (home address, BID) (the home's
 * short list), by care-of address (hash of CoAs); all bindings of a home
 * address by walking its list. Indices are 1-based; 0 means "none".
 */
#ifndef M6E_BCACHE_H
#define M6E_BCACHE_H

#include "m6codec.h"

#define M6E_PLAIN_BID 0 /* the BID of a binding registered without BID option */

/* What a binding was registered with (from the BU and its BID option). */
enum m6e_binding_flag {
	M6E_BF_HOME_REG = 1 << 0, /* BU H flag: a home registration at the HA */
	M6E_BF_ROUTER = 1 << 1,   /* BU R flag */
	M6E_BF_KEY_MGMT = 1 << 2, /* BU K flag */
	M6E_BF_AT_HOME = 1 << 3,  /* BID H flag: the mobile node is also at home (s5.6) */
	M6E_BF_RR = 1 << 4,       /* authorized by return routability (nonce indices valid) */
	M6E_BF_LINK_LOCAL = 1 << 5, /* BU L flag: the link-local address is proxied too */
};

struct m6e_binding {
	m6_addr6 coa;         /* IPv6, or IPv4-mapped (::ffff:a.b.c.d) when coa_v4 */
	uint32_t home;        /* the home address record */
	uint32_t next;        /* next binding of the same home address */
	uint32_t coa_next;    /* next binding in the same CoA hash bucket */
	uint32_t wheel_prev, wheel_next;
	uint32_t expiry_s;    /* removed at the first tick at or after this second */
	uint32_t lifetime_s;  /* granted at the last registration */
	uint16_t bid;         /* M6E_PLAIN_BID for a plain binding */
	uint16_t home_nonce, coa_nonce; /* RR: the nonce indices used (M6E_BF_RR) */
	uint8_t flags;        /* enum m6e_binding_flag */
	uint8_t coa_v4;       /* the CoA is an IPv4 address (seed 001 s8) */
	uint8_t refresh_due;  /* in the wheel at its refresh time, not its expiry */
};

enum m6e_home_kind {
	M6E_HOME_EMPTY = 0,
	M6E_HOME_PLAIN,  /* one binding without BID */
	M6E_HOME_MCOA,   /* BID bindings */
};

#define M6E_HOME_INLINE 4 /* bindings a home record points at directly */

/* One cache line: a lookup by (HoA, BID) reads the bucket, this record
 * and, for the fifth BID and beyond, the home's list. */
struct m6e_home {
	m6_addr6 hoa;
	uint32_t first;     /* its first binding (the list holds them all) */
	uint32_t hash_next; /* next home in the same hash bucket (or free list) */
	uint16_t seq;       /* the last sequence number accepted (seed 001 s4.1) */
	uint16_t count;     /* bindings */
	uint8_t kind;       /* enum m6e_home_kind */
	uint8_t n_inline;   /* bindings in inline[] (the others: only in the list) */
	uint16_t inline_bid[M6E_HOME_INLINE];
	uint32_t inline_idx[M6E_HOME_INLINE]; /* 0: a free slot */
} __attribute__((aligned(64)));

struct m6e_bc_limits {
	uint32_t max_bindings;  /* all home addresses together */
	uint32_t max_homes;     /* home addresses (0: as many as max_bindings) */
	uint16_t max_per_home;  /* bindings of one home address */
	uint32_t refresh_lead_s;/* report a binding this long before it expires (0: never) */
	uint64_t hash_seed;
};

struct m6e_bcache {
	struct m6e_bc_limits lim;
	struct m6e_binding *b;   /* [1..max_bindings] */
	struct m6e_home *h;      /* [1..max_homes], cache-line aligned in h_alloc */
	void *h_alloc;
	uint32_t *home_bucket, *coa_bucket;
	uint32_t home_mask, coa_mask;
	uint32_t *wheel;         /* per second slot: first binding due then */
	uint64_t *wheel_used;    /* one bit per slot: not empty */
	uint64_t base_ms;        /* the clock at init: second 0 of the wheel */
	uint32_t now_s;          /* the last tick, in seconds since base_ms */
	uint32_t n_bindings, n_homes;
	uint32_t n_wheel;        /* bindings linked in the wheel (checked against n_bindings) */
	uint32_t b_high, h_high; /* entries ever used; beyond: never touched */
	uint32_t b_free, h_free; /* recycled entries */
};

/* Allocates for the limits and starts the clock at now_ms. Returns M6_OK,
 * M6_ERR_ARG (a limit 0 or too large) or M6_ERR_NOSPACE (no memory). */
int m6e_bc_init(struct m6e_bcache *bc, const struct m6e_bc_limits *lim, uint64_t now_ms);
void m6e_bc_free(struct m6e_bcache *bc);
/* Every binding and home address gone, the clock restarted at now_ms;
 * the limits kept. Costs what was used, not what was allocated. */
void m6e_bc_clear(struct m6e_bcache *bc, uint64_t now_ms);

static inline struct m6e_binding *m6e_bc_binding(const struct m6e_bcache *bc, uint32_t i)
{
	return i ? &bc->b[i] : NULL;
}

static inline uint32_t m6e_bc_index(const struct m6e_bcache *bc, const struct m6e_binding *b)
{
	return (uint32_t)(b - bc->b);
}

/* The record of a home address, or NULL when it has no binding. */
struct m6e_home *m6e_bc_home(const struct m6e_bcache *bc, const m6_addr6 *hoa);
/* The binding (hoa, bid), bid M6E_PLAIN_BID for the plain one; or NULL. */
struct m6e_binding *m6e_bc_lookup(const struct m6e_bcache *bc, const m6_addr6 *hoa, uint16_t bid);
/* Looks up n (home address, BID) keys at once: out[i] is the binding of
 * hoa[i], bid[i], or NULL. The same answers as m6e_bc_lookup, faster for
 * a burst of packets: the memory accesses of 16 keys overlap (prefetch)
 * instead of waiting for each other. */
void m6e_bc_lookup_many(const struct m6e_bcache *bc, const m6_addr6 *hoa, const uint16_t *bid,
			size_t n, struct m6e_binding **out);
/* The binding with this BID in a home's list, or NULL. */
struct m6e_binding *m6e_bc_home_bid(const struct m6e_bcache *bc, const struct m6e_home *home,
				    uint16_t bid);
/* The first binding whose CoA is coa; m6e_bc_next_coa gives the others. */
struct m6e_binding *m6e_bc_by_coa(const struct m6e_bcache *bc, const m6_addr6 *coa);
struct m6e_binding *m6e_bc_next_coa(const struct m6e_bcache *bc, const struct m6e_binding *b);

/* All bindings of a home: for (b = first(h); b; b = next(b)). */
static inline struct m6e_binding *m6e_bc_first(const struct m6e_bcache *bc,
					       const struct m6e_home *home)
{
	return m6e_bc_binding(bc, home->first);
}

static inline struct m6e_binding *m6e_bc_next(const struct m6e_bcache *bc,
					      const struct m6e_binding *b)
{
	return m6e_bc_binding(bc, b->next);
}

/* What a registration writes into a binding. */
struct m6e_binding_set {
	m6_addr6 coa;
	bool coa_v4;
	uint32_t lifetime_s; /* > 0 */
	uint8_t flags;
	uint16_t home_nonce, coa_nonce;
};

/*
 * m6e_bc_set - register or update the binding (hoa, bid) at now_ms and
 * record seq as the home's last accepted sequence number. The caller has
 * decided that the registration is allowed (kind of the home address, BU
 * checks); the cache only enforces its limits.
 * Returns the binding, or NULL when a limit is reached (nothing changed).
 */
struct m6e_binding *m6e_bc_set(struct m6e_bcache *bc, const m6_addr6 *hoa, uint16_t bid,
			       uint16_t seq, const struct m6e_binding_set *set, uint64_t now_ms);
/* Records seq for a home address that keeps its bindings (a BU that
 * changed nothing but was accepted). No-op for an unknown address. */
void m6e_bc_set_seq(struct m6e_bcache *bc, const m6_addr6 *hoa, uint16_t seq);

/* Removes one binding (the home record goes with its last binding). */
void m6e_bc_remove(struct m6e_bcache *bc, struct m6e_binding *b);
/* Removes every binding of a home address. */
void m6e_bc_remove_home(struct m6e_bcache *bc, struct m6e_home *home);

/* Can n more bindings be added for this home address (NULL: a new one)? */
bool m6e_bc_room(const struct m6e_bcache *bc, const struct m6e_home *home, uint32_t n);

/*
 * m6e_bc_tick - advance the clock to now_ms. For each binding whose
 * refresh time (refresh_lead_s before expiry) has come, calls
 * refresh(ctx, b) once; for each binding whose lifetime has run out, calls
 * expired(ctx, b) and then removes it. Callbacks may be NULL and must not
 * change the cache. Time never goes back: an earlier now_ms is ignored.
 * Returns the number of bindings removed.
 */
typedef void (*m6e_bc_visit)(void *ctx, const struct m6e_bcache *bc, const struct m6e_binding *b);
uint32_t m6e_bc_tick(struct m6e_bcache *bc, uint64_t now_ms, m6e_bc_visit refresh,
		     m6e_bc_visit expired, void *ctx);

/* Seconds of lifetime a binding has left at the last tick. */
uint32_t m6e_bc_remaining_s(const struct m6e_bcache *bc, const struct m6e_binding *b);

/*
 * m6e_bc_check - the cache's invariants, for tests and fuzzers: no BID 0
 * among BID bindings and no plain binding among them, no two bindings with
 * the same (home address, BID), counts within the limits and equal to what
 * the lists hold, every binding reachable by home, by CoA and in the wheel
 * at its due second. O(all): not for the fast path.
 * Returns true when all hold; otherwise false and the first broken one in why.
 */
bool m6e_bc_check(const struct m6e_bcache *bc, char *why, size_t why_len);

#endif
