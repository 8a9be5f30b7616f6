/* rr_crypto - fuzz target: the return-routability crypto (RFC 6275 s5.2.5,
 * s6.2.7) against a second computation path. The codec computes HMAC-SHA1
 * with EVP_MAC; here HMAC is built from its definition (RFC 2104) on
 * libcrypto's plain SHA-1, so a slip in either path (wrong input order,
 * a length off by one, the checksum not zeroed) shows as a mismatch.
 * Input: Kcn (20) | address (16) | nonce length (1) | nonce | an MH. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>

#include "m6codec.h"
#include "fuzz_target.h"

#define BLOCK 64 /* SHA-1 block size */

struct span {
	const uint8_t *p;
	size_t n;
};

static void sha1(const struct span *in, size_t n_in, uint8_t out[20])
{
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();
	unsigned int len = 0;

	if (!ctx || !EVP_DigestInit_ex(ctx, EVP_sha1(), NULL))
		abort();
	for (size_t i = 0; i < n_in; i++)
		if (in[i].n && !EVP_DigestUpdate(ctx, in[i].p, in[i].n))
			abort();
	if (!EVP_DigestFinal_ex(ctx, out, &len) || len != 20)
		abort();
	EVP_MD_CTX_free(ctx);
}

/* HMAC-SHA1 for keys up to one block (Kcn and Kbm are 20 octets). */
static void hmac_by_definition(const uint8_t *key, size_t key_len, const struct span *msg,
			       size_t n_msg, uint8_t out[20])
{
	uint8_t ipad[BLOCK] = { 0 }, opad[BLOCK] = { 0 }, inner[20];
	struct span in[8];

	memcpy(ipad, key, key_len);
	memcpy(opad, key, key_len);
	for (int i = 0; i < BLOCK; i++) {
		ipad[i] ^= 0x36;
		opad[i] ^= 0x5c;
	}
	in[0] = (struct span){ ipad, BLOCK };
	memcpy(in + 1, msg, n_msg * sizeof *msg);
	sha1(in, n_msg + 1, inner);
	in[0] = (struct span){ opad, BLOCK };
	in[1] = (struct span){ inner, sizeof inner };
	sha1(in, 2, out);
}

static void same_or_die(const uint8_t *a, const uint8_t *b, size_t n, const char *what)
{
	if (memcmp(a, b, n)) {
		fprintf(stderr, "rr_crypto: %s differs between the two paths\n", what);
		abort();
	}
}

static void check_tokens_and_kbm(const uint8_t *kcn, const m6_addr6 *addr, const uint8_t *nonce,
				 size_t nonce_len, uint8_t tokens[2][M6_TOKEN_LEN])
{
	uint8_t mac[20], kbm[M6_KBM_LEN], digest[20];

	for (uint8_t id = 0; id < 2; id++) {
		const struct span msg[] = { { addr->a, 16 }, { nonce, nonce_len }, { &id, 1 } };
		if (m6_rr_keygen_token(kcn, addr, nonce, nonce_len, id, tokens[id]) != M6_OK)
			abort();
		hmac_by_definition(kcn, M6_KCN_LEN, msg, 3, mac);
		same_or_die(tokens[id], mac, M6_TOKEN_LEN, "keygen token");
	}
	const struct span both[] = { { tokens[0], M6_TOKEN_LEN }, { tokens[1], M6_TOKEN_LEN } };
	if (m6_rr_kbm(tokens[0], tokens[1], kbm) != M6_OK)
		abort();
	sha1(both, 2, digest);
	same_or_die(kbm, digest, M6_KBM_LEN, "Kbm");
	if (m6_rr_kbm(tokens[0], NULL, kbm) != M6_OK)
		abort();
	sha1(both, 1, digest);
	same_or_die(kbm, digest, M6_KBM_LEN, "deregistration Kbm");
}

/* When the MH ends in a 12-octet BAD, sign it in place, check that the
 * Authenticator is HMAC over coa | cn | MH with Checksum zero and without
 * the Authenticator, that it verifies, and that one flipped bit does not. */
static void check_authenticator(const uint8_t *kbm, const m6_addr6 *coa, const m6_addr6 *cn,
				const uint8_t *mh, size_t len)
{
	static uint8_t copy[M6_MH_MAX];
	uint8_t mac[20];

	if (len < 6 + M6_AUTH_LEN || len > sizeof copy)
		return;
	memcpy(copy, mh, len);
	if (m6_rr_sign_mh(kbm, coa, cn, copy, len) != M6_OK)
		return; /* not a message that ends in a BAD */
	static const uint8_t zero[2];
	const struct span msg[] = { { coa->a, 16 }, { cn->a, 16 }, { copy, 4 }, { zero, 2 },
				    { copy + 6, len - M6_AUTH_LEN - 6 } };
	hmac_by_definition(kbm, M6_KBM_LEN, msg, 5, mac);
	same_or_die(copy + len - M6_AUTH_LEN, mac, M6_AUTH_LEN, "Authenticator");
	if (m6_rr_verify_mh(kbm, coa, cn, copy, len) != 1) {
		fprintf(stderr, "rr_crypto: a message just signed does not verify\n");
		abort();
	}
	copy[4] ^= 0xff; /* the Checksum is not covered */
	if (m6_rr_verify_mh(kbm, coa, cn, copy, len) != 1) {
		fprintf(stderr, "rr_crypto: the Checksum changed the Authenticator\n");
		abort();
	}
	copy[len - 1] ^= 1;
	if (m6_rr_verify_mh(kbm, coa, cn, copy, len) != 0) {
		fprintf(stderr, "rr_crypto: a flipped Authenticator bit still verifies\n");
		abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t tokens[2][M6_TOKEN_LEN], kbm[M6_KBM_LEN];
	m6_addr6 addr, cn;

	if (size < M6_KCN_LEN + 16 + 1)
		return 0;
	const uint8_t *kcn = data;
	memcpy(addr.a, data + M6_KCN_LEN, 16);
	size_t nonce_len = data[M6_KCN_LEN + 16];
	size_t head = M6_KCN_LEN + 16 + 1;
	if (nonce_len > size - head)
		nonce_len = size - head;
	const uint8_t *nonce = data + head;
	check_tokens_and_kbm(kcn, &addr, nonce, nonce_len, tokens);
	if (m6_rr_kbm(tokens[0], tokens[1], kbm) != M6_OK)
		abort();
	memcpy(cn.a, kcn, 16); /* any second address will do */
	check_authenticator(kbm, &addr, &cn, nonce + nonce_len, size - head - nonce_len);
	return 0;
}
