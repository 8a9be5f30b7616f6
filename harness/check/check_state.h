/*
 * check_state.h - the checker's state (check.h): the mobile nodes it
 * follows, keyed by address in an open-addressing hash, and the requests
 * still waiting for the IUT's answer, oldest first.
 */
#ifndef M6C_CHECK_STATE_H
#define M6C_CHECK_STATE_H

#include "check.h"

#define M6C_MAX_BIDS 32     /* bindings followed per home address */
#define M6C_MAX_TOKENS 4    /* keygen tokens remembered per address */
#define M6C_PENDING 1024    /* requests waiting for an answer at once */
#define M6C_REQ_BIDS 32     /* BID options of a request kept */
/* A binding counts as alive this long after its lifetime ran out: a node
 * deletes it at its next timer tick, not at the microsecond. */
#define M6C_EXPIRY_GRACE_US 1000000

/* One binding the IUT acknowledged. BID 0 stands for a binding without
 * BID option (RFC 6275 alone). */
struct m6c_binding {
	uint16_t bid;
	bool home;           /* BID with the H flag */
	m6_addr6 coa;
	int64_t until_us;    /* when the granted lifetime runs out */
};

struct m6c_token {
	bool used;
	uint16_t index;
	int64_t at_us;
	uint8_t token[M6_TOKEN_LEN];
};

/* A node of the trace, by address: a home address with its bindings, or
 * a care-of address with its care-of keygen tokens (CN). */
struct m6c_node {
	m6_addr6 addr;
	bool used;
	bool seen_bu;        /* a BU for this home address was seen */
	bool unsure;         /* a BU without the A flag: whether it was taken is not in the trace */
	bool seq_known;      /* the last accepted sequence number is known */
	uint16_t last_seq;
	uint8_t n_bindings;
	struct m6c_binding bindings[M6C_MAX_BIDS];
	struct m6c_token home_tokens[M6C_MAX_TOKENS], careof_tokens[M6C_MAX_TOKENS];
};

/* What a request is owed. */
enum m6c_expect {
	M6C_EXPECT_NOTHING,  /* silent discard: any answer is a finding */
	M6C_EXPECT_BA,       /* a Binding Acknowledgement */
	M6C_EXPECT_BE,       /* a Binding Error of status code */
	M6C_EXPECT_ICMP,     /* ICMPv6 Parameter Problem with code and pointer */
	M6C_EXPECT_TEST,     /* HoT / CoT with the cookie */
};

struct m6c_req_bid {
	uint16_t bid;
	uint8_t flags;
	bool has_coa;
	m6_addr6 coa;
};

struct m6c_pending {
	bool live;
	uint8_t expect;      /* enum m6c_expect */
	bool required;       /* missing is a finding (else optional) */
	bool should;         /* required only by a SHOULD */
	uint8_t code;        /* BE status, ICMP code, or the BA status required (0: judged) */
	uint8_t mh_type;     /* what the request was */
	int file;
	uint64_t frame;
	int64_t at_us;
	const char *req_id;  /* the requirement the expectation comes from */
	uint32_t pointer;    /* ICMP */
	m6_addr6 peer;       /* where the answer goes: the request's source */
	m6_addr6 hoa;
	/* BU */
	uint16_t seq, flags, lifetime;
	bool dereg;
	bool has_altcoa;
	m6_addr6 coa;        /* the care-of address registered */
	uint8_t n_bids;
	struct m6c_req_bid bids[M6C_REQ_BIDS];
	bool kbm_known;      /* CN: the tokens were in the trace */
	uint8_t kbm[M6_KBM_LEN];
	uint8_t cookie[M6_COOKIE_LEN];
};

struct m6c_checker {
	struct m6c_options o;
	FILE *out;
	struct m6c_counts counts;
	struct m6c_policy_seen seen;
	int file;
	int64_t now_us;      /* time of the newest frame of the capture */
	struct m6c_node *nodes;
	size_t cap, used;    /* hash slots (a power of two), slots in use */
	bool out_of_memory;  /* a node could not be added: the check is incomplete */
	struct m6c_pending pending[M6C_PENDING];
	uint32_t head, count; /* ring of pending requests, oldest at head */
};

/* The node of an address, created if need be (NULL: out of memory);
 * m6c_node_find does not create. */
struct m6c_node *m6c_node_get(struct m6c_checker *c, const m6_addr6 *a);
struct m6c_node *m6c_node_find(const struct m6c_checker *c, const m6_addr6 *a);
struct m6c_binding *m6c_binding_find(struct m6c_node *n, uint16_t bid);
void m6c_binding_drop(struct m6c_node *n, uint16_t bid);
/* Bindings still alive at time now (expired ones dropped first). */
void m6c_bindings_expire(struct m6c_node *n, int64_t now_us);

/* Pending requests. m6c_pending_add returns the new entry (the oldest is
 * judged missing to make room when the ring is full). */
struct m6c_pending *m6c_pending_add(struct m6c_checker *c);
void m6c_pending_done(struct m6c_checker *c, struct m6c_pending *p);
/* Judges requests older than the reply window at now; at the end of the
 * capture (now < 0) those left say the capture ended first. */
void m6c_pending_expire(struct m6c_checker *c, int64_t now_us);
/* The oldest live request expecting kind from peer (any peer if NULL)
 * satisfying match, or NULL. */
struct m6c_pending *m6c_pending_match(struct m6c_checker *c, uint8_t expect, const m6_addr6 *peer,
				      const m6_addr6 *hoa);

/* Findings and notes. frame2 0: one frame. */
void m6c_finding(struct m6c_checker *c, uint64_t frame, uint64_t frame2, const char *req_id,
		 const char *expected, const char *iut_did);
void m6c_cannot(struct m6c_checker *c, uint64_t frame, const char *why);

/* The rules, one file each. */
void m6c_request(struct m6c_checker *c, const struct m6t_frame *f);
void m6c_answer_ba(struct m6c_checker *c, const struct m6t_frame *f);
void m6c_answer_other(struct m6c_checker *c, const struct m6t_frame *f);
void m6c_mn_data(struct m6c_checker *c, const struct m6t_frame *f);

/* Helpers. */
int64_t m6c_time_us(const struct m6t_frame *f);
bool m6c_addr_eq(const m6_addr6 *a, const m6_addr6 *b);
const char *m6c_addr_text(const m6_addr6 *a, char *buf); /* buf: INET6_ADDRSTRLEN */
/* The home address a packet from a mobile node is for: the HAO's, else
 * the (inner) source. */
m6_addr6 m6c_pkt_hoa(const struct m6_pkt *pkt);
/* The type 2 routing header's address of a packet, or NULL. */
const m6_addr6 *m6c_pkt_rh2(const struct m6_pkt *pkt);

#endif
