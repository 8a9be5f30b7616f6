/* rr_cn.c - return routability at the correspondent node (rr_cn.h). */
#include <string.h>

#include <openssl/crypto.h>

#include "rr_cn.h"

#define HOME_ID 0   /* the last octet of the token input: RFC 6275 s5.2.5 */
#define CAREOF_ID 1

void m6e_rr_init(struct m6e_rr *rr, const uint8_t kcn[M6_KCN_LEN], uint64_t nonce_period_ms,
		 uint64_t nonce_lifetime_ms, uint64_t seed)
{
	memcpy(rr->kcn, kcn, M6_KCN_LEN);
	m6e_nonces_init(&rr->nonces, nonce_period_ms, nonce_lifetime_ms, seed, 0);
}

int m6e_rr_test(struct m6e_rr *rr, uint8_t init_type, const m6_addr6 *from, uint64_t now_ms,
		uint16_t *nonce_index, uint8_t token[M6_TOKEN_LEN])
{
	if (init_type != M6_MH_HOTI && init_type != M6_MH_COTI)
		return M6_ERR_ARG;
	const struct m6e_nonce *n = m6e_nonce_current(&rr->nonces, now_ms);
	*nonce_index = n->index;
	return m6_rr_keygen_token(rr->kcn, from, n->value, M6E_NONCE_LEN,
				  init_type == M6_MH_HOTI ? HOME_ID : CAREOF_ID, token);
}

/* The token of an address for a nonce index, or the expired status bit. */
static int token_for(const struct m6e_rr *rr, uint16_t index, const m6_addr6 *addr, uint8_t id,
		     uint64_t now_ms, uint8_t token[M6_TOKEN_LEN])
{
	const struct m6e_nonce *n = m6e_nonce_find(&rr->nonces, index, now_ms);
	if (!n)
		return 1;
	return m6_rr_keygen_token(rr->kcn, addr, n->value, M6E_NONCE_LEN, id, token) < 0 ? -1 : 0;
}

int m6e_rr_check_bu(const struct m6e_rr *rr, const struct m6_msg *msg, const m6_addr6 *hoa,
		    const m6_addr6 *coa, const m6_addr6 *cn, uint64_t now_ms,
		    uint8_t kbm[M6_KBM_LEN])
{
	int ni = m6_msg_next_opt(msg, 0, M6_OPT_NONCE);
	if (ni < 0 || m6_msg_next_opt(msg, 0, M6_OPT_BAD) < 0)
		return M6E_RR_DISCARD;
	const struct m6_opt *nonce = &msg->opts[ni];
	bool dereg = msg->u.bu.lifetime == 0 || !memcmp(hoa, coa, sizeof *hoa);
	uint8_t home[M6_TOKEN_LEN], careof[M6_TOKEN_LEN];

	int home_expired = token_for(rr, nonce->u.nonce.home, hoa, HOME_ID, now_ms, home);
	int coa_expired = dereg ? 0 : token_for(rr, nonce->u.nonce.careof, coa, CAREOF_ID, now_ms, careof);
	if (home_expired < 0 || coa_expired < 0)
		return M6E_RR_DISCARD;
	if (home_expired || coa_expired) /* s9.5.1: 136, 137, or both: 138 */
		return home_expired && coa_expired ? M6_BA_EXPIRED_NONCES
		       : home_expired		   ? M6_BA_EXPIRED_HOME_NONCE
						   : M6_BA_EXPIRED_COA_NONCE;
	int rc = m6_rr_kbm(home, dereg ? NULL : careof, kbm);
	OPENSSL_cleanse(home, sizeof home);
	OPENSSL_cleanse(careof, sizeof careof);
	if (rc < 0 || m6_rr_verify_mh(kbm, coa, cn, msg->data, msg->mh_len) != 1)
		return M6E_RR_DISCARD;
	return M6E_RR_OK;
}
