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
	/* one octet of flags: a node holds M6C_MAX_BIDS of these */
	bool home : 1;       /* BID with the H flag */
	bool brr_seen : 1;   /* a Binding Refresh Request for it since it was granted */
	bool fresh : 1;      /* the BA that granted it created it (no binding of its BID before) */
	bool denied : 1;     /* a finding says the IUT showed it had none (once per grant, kept.c) */
	m6_addr6 coa;
	uint32_t granted_s;
	uint64_t ba_frame;   /* the BA that granted it */
	/* The IUT counts the lifetime from when it took the BU, the trace
	 * sees the BA: the binding surely holds until sure_until_us (BU time
	 * plus lifetime) and is surely gone M6C_EXPIRY_GRACE_US after until_us
	 * (BA time plus lifetime); in between neither is judged. */
	int64_t sure_until_us;
	int64_t until_us;
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
	int64_t unbound_at_us; /* when its last binding went */
	uint8_t n_bindings;
	struct m6c_binding bindings[M6C_MAX_BIDS];
	/* the newest packet with a Home Address option from a bound care-of
	 * address, hao_frame 0 unless the binding surely held and no BU was
	 * on its way (kept.c) */
	uint64_t hao_frame;
	int64_t hao_at_us;
	m6_addr6 hao_coa;
	struct m6c_token home_tokens[M6C_MAX_TOKENS], careof_tokens[M6C_MAX_TOKENS];
};

/* What a request is owed. */
enum m6c_expect {
	M6C_EXPECT_NOTHING,  /* silent discard: any answer is a finding */
	M6C_EXPECT_BA,       /* a Binding Acknowledgement */
	M6C_EXPECT_BE,       /* a Binding Error of status code */
	M6C_EXPECT_ICMP,     /* ICMPv6 Parameter Problem with code and pointer */
	M6C_EXPECT_TEST,     /* HoT / CoT with the cookie */
	M6C_EXPECT_NA,       /* HA: a proxy Neighbor Advertisement for hoa */
	M6C_EXPECT_DHAAD,    /* HA: a DHAAD Reply with the Identifier in seq */
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
	int64_t window_us;   /* the answer is missing after this long */
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

/* A packet the IUT was given to forward (home agent): intercepted for a
 * home address, or reverse tunnelled to it (the inner packet), found again
 * when the IUT sends its copy. */
struct m6c_forward {
	bool live;
	bool allowed;        /* forwarding it is allowed (else req_id forbids it) */
	bool reverse;        /* it came reverse tunnelled */
	uint8_t hlim;        /* the (inner) hop limit it came with */
	int file;
	uint64_t frame;
	int64_t at_us;
	uint64_t key;        /* what tells the packet from others (forward.c) */
	const char *req_id;
	/* the care-of addresses bound to its destination when it came: an
	 * IUT that tunnels it later (its answers late) may still use them */
	uint8_t n_coas;
	m6_addr6 coas[4];
};

#define M6C_FORWARDS 256   /* packets to forward remembered at once */
#define M6C_IUT_MACS 4     /* link-layer addresses of the IUT (one per link) */

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
	/* the IUT's MAC addresses, from the frames it sends from its address:
	 * how a packet it forwards (another node's source address) is told
	 * from the one it was given */
	int n_macs;
	uint8_t iut_mac[M6C_IUT_MACS][6];
	struct m6c_forward forwards[M6C_FORWARDS];
	uint32_t forward_next;
};

/* The node of an address, created if need be (NULL: out of memory);
 * m6c_node_find does not create. */
struct m6c_node *m6c_node_get(struct m6c_checker *c, const m6_addr6 *a);
struct m6c_node *m6c_node_find(const struct m6c_checker *c, const m6_addr6 *a);
struct m6c_binding *m6c_binding_find(struct m6c_node *n, uint16_t bid);
void m6c_binding_drop(struct m6c_checker *c, struct m6c_node *n, uint16_t bid);
/* Bindings still alive at time now (expired ones dropped first). */
void m6c_bindings_expire(struct m6c_checker *c, struct m6c_node *n, int64_t now_us);
/* No binding of n is between surely alive and surely gone at now. */
bool m6c_bindings_sure(const struct m6c_node *n, int64_t now_us);

/* Whether coa is bound to the home address hoa at now: a binding the IUT
 * acknowledged, or one a BU still waiting for its BA asks for (the IUT
 * may use a binding before its BA is in the trace). */
enum m6c_bound { M6C_UNBOUND, M6C_BOUND, M6C_BOUND_UNKNOWN };
enum m6c_bound m6c_coa_bound(struct m6c_checker *c, const m6_addr6 *hoa, const m6_addr6 *coa, int64_t now_us);
/* The home address has a binding at now, or a BU waiting for its BA asks
 * for one; M6C_BOUND_UNKNOWN when the trace cannot tell. */
enum m6c_bound m6c_hoa_bound(struct m6c_checker *c, const m6_addr6 *hoa, int64_t now_us);
/* The node of a home address whose bindings the trace shows (expired ones
 * dropped), or NULL: none (*unknown false: --from-start says there is
 * none) or the trace cannot tell (*unknown true). */
struct m6c_node *m6c_followed(struct m6c_checker *c, const m6_addr6 *hoa, int64_t now_us, bool *unknown);

/* Pending requests. m6c_pending_add returns the new entry (the oldest is
 * judged missing to make room when the ring is full); m6c_pending_for
 * fills in what frame f asks: kind, whether an answer is required, the
 * requirement, the frame, its time, the reply window M6C_REPLY_WINDOW_US,
 * the source to answer (the link's) and the home address (m6c_pkt_hoa). */
struct m6c_pending *m6c_pending_add(struct m6c_checker *c);
struct m6c_pending *m6c_pending_for(struct m6c_checker *c, const struct m6t_frame *f, uint8_t kind, bool required,
				    const char *req_id);
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
void m6c_refresh_request(struct m6c_checker *c, const struct m6t_frame *f);
/* With refresh-lead told: a binding granted longer than the lead that
 * reached its refresh time + the reply window without a BRR is a finding
 * (once; called as it is dropped, refreshed, and at the end of a capture). */
void m6c_refresh_missing(struct m6c_checker *c, struct m6c_binding *b, int64_t now_us);
/* The home agent's data plane (forward.c) and home link (home_link.c):
 * frames neither from nor to the IUT's address. */
void m6c_forward_in(struct m6c_checker *c, const struct m6t_frame *f);
void m6c_forward_out(struct m6c_checker *c, const struct m6t_frame *f);
void m6c_home_link_in(struct m6c_checker *c, const struct m6t_frame *f);
void m6c_home_link_out(struct m6c_checker *c, const struct m6t_frame *f);
/* The correspondent node's data to a home address (RFC 6275 s9.3.2). */
void m6c_cn_data(struct m6c_checker *c, const struct m6t_frame *f);
/* A binding the IUT acknowledged, shown missing (kept.c): a packet with a
 * Home Address option from b's care-of address is noted; a Binding Error
 * 1 that answers it is a finding (returns true: the Binding Error is
 * judged). */
void m6c_hao_from_bound(struct m6c_checker *c, struct m6c_node *n, const struct m6c_binding *b,
			const struct m6t_frame *f);
bool m6c_binding_denied(struct m6c_checker *c, const struct m6t_frame *f);
/* A frame the IUT made whose MH, ICMPv6 or UDP checksum does not verify
 * (checksum.c). */
void m6c_checksums(struct m6c_checker *c, const struct m6t_frame *f);

/* Helpers. */
int64_t m6c_time_us(const struct m6t_frame *f);
bool m6c_addr_eq(const m6_addr6 *a, const m6_addr6 *b);
const char *m6c_addr_text(const m6_addr6 *a, char *buf); /* buf: INET6_ADDRSTRLEN */
/* The home address a packet from a mobile node is for: the HAO's, else
 * the (inner) source. */
m6_addr6 m6c_pkt_hoa(const struct m6_pkt *pkt);
/* The type 2 routing header's address of a packet, or NULL. */
const m6_addr6 *m6c_pkt_rh2(const struct m6_pkt *pkt);
/* Did the IUT send this frame (from its address, or from its MAC)? */
bool m6c_from_iut(const struct m6c_checker *c, const struct m6_pkt *pkt);

#endif
