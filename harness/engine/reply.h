/*
 * reply.h - the packets the reference HA/CN sends, built by the codec:
 * Binding Acknowledgement (with the BU's Binding Identifier options copied
 * and per-BID status, RFC 5648 s6.2; signed when it goes from a CN, RFC
 * 6275 s6.1.8), Binding Error (s6.1.9), Home Test and Care-of Test
 * (s6.1.5, s6.1.6), Binding Refresh Request (s6.1.2) and ICMPv6 Parameter
 * Problem (s9.2). Each writes a whole IPv6 packet (no link layer) and
 * returns its length, or a negative enum m6_err.
 */
#ifndef M6E_REPLY_H
#define M6E_REPLY_H

#include "m6codec.h"

/* Where a reply goes: from the node to a care-of address, with a type 2
 * routing header carrying the home address when rh2 is set (s6.4). */
struct m6e_route {
	m6_addr6 src, dst;
	bool rh2;
	m6_addr6 hoa;
};

struct m6e_ba {
	uint8_t status, flags;
	uint16_t seq, lifetime; /* lifetime in 4 s units */
	/* RFC 5648 s6.2: every BID option of the BU is copied, its Status set
	 * from bid_status[i] (i counts the BU's BID options; NULL: all 0),
	 * without the care-of address unless echo_coa. bu may be NULL (no
	 * BID options). */
	const struct m6_msg *bu;
	const uint8_t *bid_status;
	bool echo_coa;          /* the BID options keep their care-of address
				   (s6.2: it "MAY be omitted") */
	uint16_t refresh;       /* > 0: a Binding Refresh Advice option (4 s units) */
	const struct m6_rr_key *key; /* not NULL: a signed BAD option last (CN) */
};

int m6e_build_ba(const struct m6e_route *r, const struct m6e_ba *ba, uint8_t *out, size_t cap);
int m6e_build_be(const struct m6e_route *r, uint8_t status, const m6_addr6 *hoa, uint8_t *out,
		 size_t cap);
/* HoT (type 3) or CoT (type 4) answering an init message's cookie. */
int m6e_build_test(const struct m6e_route *r, uint8_t type, uint16_t nonce_index,
		   const uint8_t cookie[M6_COOKIE_LEN], const uint8_t token[M6_TOKEN_LEN],
		   uint8_t *out, size_t cap);
/* BRR for the given BIDs (n_bids 0: a plain BRR for the whole binding). */
int m6e_build_brr(const struct m6e_route *r, const uint16_t *bids, size_t n_bids, uint8_t *out,
		  size_t cap);
/* Parameter Problem with code and pointer, quoting the invoking packet. */
int m6e_build_param_problem(const struct m6e_route *r, uint8_t code, uint32_t pointer,
			    const uint8_t *invoking, size_t len, uint8_t *out, size_t cap);

#endif
