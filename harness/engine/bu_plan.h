/*
 * bu_plan.h - what the reference HA or CN decides for a Binding Update:
 * RFC 6275 s9.5.1 (CN), s10.3.1 and s10.3.2 (HA home registration and
 * deregistration), RFC 5648 s6.2 (Binding Identifiers, bulk registration,
 * the O flag), s6.3 (home bindings) and s8.1 (IPv4 care-of addresses).
 *
 * Pure: from the decoded BU, the policy and a view of what the node holds
 * for the home address, it computes the BA to send and the cache changes;
 * the engine applies them. Checks that come before (RFC 6275 s9.2 form,
 * return routability at the CN) are not repeated here.
 */
#ifndef M6E_BU_PLAN_H
#define M6E_BU_PLAN_H

#include "policy.h"

/* What the node holds for a home address. */
struct m6e_hoa_view {
	bool known;          /* there are bindings for it */
	bool mcoa;           /* they are BID bindings (else one plain binding) */
	bool home_reg;       /* they are home registrations (H flag) */
	bool has_seq;
	uint16_t last_seq;   /* the last sequence number accepted */
	uint16_t n_bids;
	uint16_t bids[M6E_MAX_BIDS]; /* the BIDs registered (mcoa) */
	uint32_t free_total; /* bindings the cache can still take, all addresses */
};

enum m6e_bid_op {
	M6E_BID_KEEP = 0, /* nothing changes (the BID was rejected) */
	M6E_BID_SET,      /* register or update */
	M6E_BID_REMOVE,
};

struct m6e_bid_plan {
	uint16_t bid;
	uint8_t status;     /* this BID's outcome (copied to the BA as RFC 5648 s6.2 says) */
	uint8_t op;         /* enum m6e_bid_op */
	uint8_t flags;      /* the BID option's flags (M6_BID_H: a home binding) */
	uint8_t coa_family; /* 0: keep the CoA recorded (a refresh), 4 or 6 */
	m6_addr6 coa6;
	m6_addr4 coa4;
};

struct m6e_bu_plan {
	bool send_ba;
	uint8_t status;          /* BA Status */
	uint16_t seq;            /* BA Sequence: the BU's, or the last accepted for 135 */
	uint16_t lifetime;       /* granted (4 s units), 0 when rejected */
	bool remove_all;         /* first drop every binding of the home address */
	uint8_t plain_op;        /* enum m6e_bid_op for the plain (non-MCoA) binding */
	m6_addr6 plain_coa;
	uint8_t n_bids;          /* the BU's BID options, in order */
	struct m6e_bid_plan bid[M6E_MAX_BIDS];
	uint8_t ba_bid_status[M6E_MAX_BIDS]; /* the Status of each BID option in the BA */
};

struct m6e_bu_ctx {
	bool is_ha, is_cn;            /* the node's roles */
	const struct m6e_policy *policy;
	const m6_addr6 *hoa, *coa;    /* from the packet (HAO, source or Alternate CoA) */
	const struct m6e_hoa_view *view;
};

/* Fills *plan. Returns M6_OK, or M6_ERR_ARG when the BU has more BID
 * options than M6E_MAX_BIDS (the plan then says 130 for the whole BU). */
int m6e_bu_plan(const struct m6_msg *bu, const struct m6e_bu_ctx *ctx, struct m6e_bu_plan *plan);

/* RFC 6275 s9.5.1: is seq "greater than" last, modulo 2^16? */
bool m6e_seq_newer(uint16_t seq, uint16_t last);

#endif
