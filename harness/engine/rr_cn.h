/*
 * rr_cn.h - return routability at the correspondent node (RFC 6275
 * s5.2, s9.4, s9.5.1): Home/Care-of Test Init answered with keygen tokens,
 * and the check that a Binding Update is authorized by them.
 */
#ifndef M6E_RR_CN_H
#define M6E_RR_CN_H

#include "m6codec.h"
#include "nonce.h"

struct m6e_rr {
	uint8_t kcn[M6_KCN_LEN];
	struct m6e_nonces nonces;
};

void m6e_rr_init(struct m6e_rr *rr, const uint8_t kcn[M6_KCN_LEN], uint64_t nonce_period_ms,
		 uint64_t nonce_lifetime_ms, uint64_t seed);

/* The answer to a HoTI (sent from the home address) or CoTI (from the
 * care-of address) received at now: the nonce index and keygen token. */
int m6e_rr_test(struct m6e_rr *rr, uint8_t init_type, const m6_addr6 *from, uint64_t now_ms,
		uint16_t *nonce_index, uint8_t token[M6_TOKEN_LEN]);

/* What m6e_rr_check_bu decided. */
enum m6e_rr_verdict {
	M6E_RR_OK = 0,
	M6E_RR_DISCARD = -1, /* Authenticator wrong, or no Nonce Indices/BAD: silently discard */
	/* otherwise the BA status: 136, 137 or 138 (expired nonce indices) */
};

/*
 * m6e_rr_check_bu - is this BU authorized by return routability?
 * In:  the decoded BU (msg, with its MH bytes in msg->data), the home and
 *      care-of addresses it registers, the CN's own address, now.
 * Out: kbm, on success, for signing the BA.
 * Returns: M6E_RR_OK, M6E_RR_DISCARD, or a BA status (136/137/138) to
 *      answer without Authorization Data (RFC 6275 s9.5.1).
 * Deregistration (lifetime 0, or care-of address = home address) needs
 * only the home nonce: Kbm = SHA1(home token), s5.2.5.
 */
int m6e_rr_check_bu(const struct m6e_rr *rr, const struct m6_msg *msg, const m6_addr6 *hoa,
		    const m6_addr6 *coa, const m6_addr6 *cn, uint64_t now_ms,
		    uint8_t kbm[M6_KBM_LEN]);

#endif
