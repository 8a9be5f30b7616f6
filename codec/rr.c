/* rr.c - return-routability crypto (RFC 6275 s5.2.5, s6.2.7): keygen
 * tokens, Kbm, and the Authenticator of the Binding Authorization Data
 * option, computed, written into and checked on encoded messages. HMAC-SHA1
 * and SHA-1 come from libcrypto (EVP_MAC and EVP_Digest: neither is
 * deprecated in OpenSSL 3). */
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/params.h>
#include <pthread.h>

#include "internal.h"

#define SHA1_LEN 20
#define BAD_LEN M6_AUTH_LEN /* the RR form of the option: Authenticator only */

/* One piece of an HMAC input that is not contiguous in memory. */
struct chunk {
	const uint8_t *p;
	size_t n;
};

/* OpenSSL 3 fetches are costly lookups meant to be done once and reused
 * (crypto(7), "Performance"): the HMAC and SHA-1 implementations are
 * fetched on first use and kept for the life of the process. */
static EVP_MAC *hmac_alg;
static EVP_MD *sha1_alg;
static pthread_once_t fetched = PTHREAD_ONCE_INIT;

static void fetch_algorithms(void)
{
	hmac_alg = EVP_MAC_fetch(NULL, "HMAC", NULL);
	sha1_alg = EVP_MD_fetch(NULL, "SHA1", NULL);
}

/* out = First(out_len, HMAC_SHA1(key, in[0] | in[1] | ...)). */
static int hmac_sha1(const uint8_t *key, size_t key_len, const struct chunk *in, size_t n_in,
		     uint8_t *out, size_t out_len)
{
	char digest[] = "SHA1";
	OSSL_PARAM params[] = {
		OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest, 0),
		OSSL_PARAM_construct_end(),
	};
	uint8_t mac[SHA1_LEN];
	size_t mac_len = 0;
	int ok = 0;

	pthread_once(&fetched, fetch_algorithms);
	EVP_MAC_CTX *ctx = hmac_alg ? EVP_MAC_CTX_new(hmac_alg) : NULL;
	if (ctx && EVP_MAC_init(ctx, key, key_len, params)) {
		ok = 1;
		for (size_t i = 0; ok && i < n_in; i++)
			ok = in[i].n == 0 || EVP_MAC_update(ctx, in[i].p, in[i].n);
		ok = ok && EVP_MAC_final(ctx, mac, &mac_len, sizeof mac) && mac_len == SHA1_LEN;
	}
	EVP_MAC_CTX_free(ctx);
	if (ok)
		memcpy(out, mac, out_len);
	OPENSSL_cleanse(mac, sizeof mac);
	return ok ? M6_OK : M6_ERR_CRYPTO;
}

int m6_rr_keygen_token(const uint8_t kcn[M6_KCN_LEN], const m6_addr6 *addr,
		       const uint8_t *nonce, size_t nonce_len, uint8_t id,
		       uint8_t token[M6_TOKEN_LEN])
{
	const struct chunk in[] = {
		{ addr->a, sizeof addr->a },
		{ nonce, nonce_len },
		{ &id, 1 },
	};

	return hmac_sha1(kcn, M6_KCN_LEN, in, 3, token, M6_TOKEN_LEN);
}

int m6_rr_kbm(const uint8_t home_token[M6_TOKEN_LEN], const uint8_t *coa_token,
	      uint8_t kbm[M6_KBM_LEN])
{
	uint8_t in[2 * M6_TOKEN_LEN];
	size_t n = M6_TOKEN_LEN;
	unsigned int out_len = 0;

	memcpy(in, home_token, M6_TOKEN_LEN);
	if (coa_token) {
		memcpy(in + M6_TOKEN_LEN, coa_token, M6_TOKEN_LEN);
		n += M6_TOKEN_LEN;
	}
	pthread_once(&fetched, fetch_algorithms);
	int ok = sha1_alg && EVP_Digest(in, n, kbm, &out_len, sha1_alg, NULL) && out_len == M6_KBM_LEN;
	OPENSSL_cleanse(in, sizeof in);
	return ok ? M6_OK : M6_ERR_CRYPTO;
}

int m6_rr_authenticator(const uint8_t kbm[M6_KBM_LEN], const m6_addr6 *coa,
			const m6_addr6 *cn, const uint8_t *mh, size_t mh_len,
			uint8_t auth[M6_AUTH_LEN])
{
	const struct chunk in[] = {
		{ coa->a, sizeof coa->a },
		{ cn->a, sizeof cn->a },
		{ mh, mh_len },
	};

	return hmac_sha1(kbm, M6_KBM_LEN, in, 3, auth, M6_AUTH_LEN);
}

/*
 * Where the Authenticator of an encoded message is: its options are walked
 * and the last one must be a Binding Authorization Data of Length 12 that
 * ends where Header Len says the MH ends, which must be len. A BAD followed
 * by padding does not count: the MH data would then not be "the MH without
 * the Authenticator" as one prefix. Returns the Authenticator's offset, or
 * 0 when the layout is not that (0 can never be a real offset).
 */
static size_t find_authenticator(const uint8_t *mh, size_t len)
{
	struct m6_rd r;
	size_t auth = 0;

	m6_rd_init(&r, mh, len);
	m6_rd_u8(&r);
	size_t mh_len = ((size_t)m6_rd_u8(&r) + 1) * 8;
	int fixed = m6_mh_fixed_len(m6_rd_u8(&r));
	if (r.short_read || mh_len != len || fixed < 0)
		return 0;
	m6_rd_skip(&r, 3 + (size_t)fixed); /* Reserved, Checksum, fixed part */
	if (r.short_read)
		return 0;
	while (m6_rd_left(&r) > 0) {
		uint8_t type = m6_rd_u8(&r);
		auth = 0;
		if (type == M6_OPT_PAD1)
			continue;
		uint8_t opt_len = m6_rd_u8(&r);
		if (r.short_read || opt_len > m6_rd_left(&r))
			return 0;
		if (type == M6_OPT_BAD && opt_len == BAD_LEN)
			auth = r.pos;
		m6_rd_skip(&r, opt_len);
	}
	return auth;
}

/* The Authenticator over mh[0..auth_off) with the Checksum taken as zero
 * (PROTOCOL.md: "the whole Mobility Header with Checksum zero and without
 * the Authenticator octets"; the BAD Type and Length octets are included). */
static int authenticator_in_place(const uint8_t kbm[M6_KBM_LEN], const m6_addr6 *coa,
				  const m6_addr6 *cn, const uint8_t *mh, size_t auth_off,
				  uint8_t auth[M6_AUTH_LEN])
{
	static const uint8_t zero_csum[2];
	const struct chunk in[] = {
		{ coa->a, sizeof coa->a },
		{ cn->a, sizeof cn->a },
		{ mh, 4 },
		{ zero_csum, sizeof zero_csum },
		{ mh + 6, auth_off - 6 },
	};

	return hmac_sha1(kbm, M6_KBM_LEN, in, 5, auth, M6_AUTH_LEN);
}

int m6_rr_sign_mh(const uint8_t kbm[M6_KBM_LEN], const m6_addr6 *coa,
		  const m6_addr6 *cn, uint8_t *mh, size_t len)
{
	size_t off = find_authenticator(mh, len);

	if (!off)
		return M6_ERR_ARG;
	return authenticator_in_place(kbm, coa, cn, mh, off, mh + off);
}

int m6_rr_verify_mh(const uint8_t kbm[M6_KBM_LEN], const m6_addr6 *coa,
		    const m6_addr6 *cn, const uint8_t *mh, size_t len)
{
	uint8_t want[M6_AUTH_LEN];
	size_t off = find_authenticator(mh, len);

	if (!off)
		return 0;
	int err = authenticator_in_place(kbm, coa, cn, mh, off, want);
	if (err < 0)
		return err;
	int same = CRYPTO_memcmp(want, mh + off, M6_AUTH_LEN) == 0;
	OPENSSL_cleanse(want, sizeof want);
	return same;
}
