/* test_rr.c - return-routability crypto (RFC 6275 s5.2.5, s6.2.7): fixed
 * vectors, sign -> verify on encoded messages, single-byte tampering, and
 * the layouts sign/verify must refuse. */
#include <stdlib.h>

#include "m6codec.h"
#include "m6test.h"

/*
 * The expected values below were computed once with Python 3's standard
 * library (hmac, hashlib, ipaddress), independently of this codec:
 *   kcn = bytes(range(1, 21))
 *   hot = hmac.new(kcn, hoa + bytes.fromhex("0102030405060708") + b"\0", sha1).digest()[:8]
 *   cot = hmac.new(kcn, coa + bytes.fromhex("a0a1a2a3a4a5a6a7") + b"\1", sha1).digest()[:8]
 *   kbm = sha1(hot + cot).digest(); kbm_dereg = sha1(hot).digest()
 *   auth = hmac.new(kbm, coa + cn + mh[:4] + b"\0\0" + mh[6:-12], sha1).digest()[:12]
 * with hoa 2001:db8:2::100, coa 2001:db8:3::7, cn 2001:db8:1::1 and mh the
 * BU of bu_mh[] below.
 */
static const uint8_t kcn[M6_KCN_LEN] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10,
					 11, 12, 13, 14, 15, 16, 17, 18, 19, 20 };
static const uint8_t home_nonce[] = { 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08 };
static const uint8_t coa_nonce[] = { 0xa0, 0xa1, 0xa2, 0xa3, 0xa4, 0xa5, 0xa6, 0xa7 };
static const uint8_t want_hot[M6_TOKEN_LEN] = { 0x75, 0x98, 0xdb, 0x47, 0x7d, 0x9b, 0x2e, 0xa3 };
static const uint8_t want_cot[M6_TOKEN_LEN] = { 0x1b, 0x96, 0x54, 0xba, 0x27, 0x43, 0x03, 0x3b };
static const uint8_t want_kbm[M6_KBM_LEN] = {
	0xf2, 0x84, 0x52, 0x85, 0x8b, 0x20, 0x6e, 0xab, 0xd0, 0x9e,
	0xe9, 0x6a, 0x4b, 0xf5, 0x25, 0x8a, 0xab, 0x79, 0x2a, 0x8c,
};
static const uint8_t want_kbm_dereg[M6_KBM_LEN] = {
	0xe2, 0xf9, 0xae, 0xce, 0xb3, 0x03, 0xa5, 0x78, 0x43, 0xbf,
	0x71, 0x7a, 0x4f, 0x0e, 0x9e, 0xce, 0x27, 0x72, 0xf1, 0xfd,
};
/* BU seq 7, A, lifetime 100, Nonce Indices 0x1234/0x5678 at 12, BAD at
 * 18 (8n+2) ending at 32; Checksum 0xbeef (taken as zero), Authenticator
 * zero until signed. */
static const uint8_t bu_mh[32] = {
	59, 3, 5, 0, 0xbe, 0xef, 0x00, 0x07, 0x80, 0x00, 0x00, 0x64,
	4, 4, 0x12, 0x34, 0x56, 0x78, 5, 12,
};
static const uint8_t want_auth[M6_AUTH_LEN] = { 0xf0, 0xe7, 0x92, 0x30, 0x85, 0xdb,
						0xd0, 0x03, 0x8a, 0x2d, 0x62, 0x62 };

static m6_addr6 hoa, coa, cn;

static void setup_addrs(void)
{
	m6t_addr(hoa.a, "2001:db8:2::100");
	m6t_addr(coa.a, "2001:db8:3::7");
	m6t_addr(cn.a, "2001:db8:1::1");
}

static void test_keygen_tokens(void)
{
	uint8_t tok[M6_TOKEN_LEN];

	CHECK_INT(m6_rr_keygen_token(kcn, &hoa, home_nonce, sizeof home_nonce, 0, tok), M6_OK);
	CHECK_MEM(tok, want_hot, M6_TOKEN_LEN);
	CHECK_INT(m6_rr_keygen_token(kcn, &coa, coa_nonce, sizeof coa_nonce, 1, tok), M6_OK);
	CHECK_MEM(tok, want_cot, M6_TOKEN_LEN);

	/* The id octet is part of the input: same address and nonce, other id. */
	CHECK_INT(m6_rr_keygen_token(kcn, &hoa, home_nonce, sizeof home_nonce, 1, tok), M6_OK);
	CHECK(memcmp(tok, want_hot, M6_TOKEN_LEN) != 0);

	/* RFC 2202 HMAC-SHA1 test case 3: key 0xaa x 20, data 0xdd x 50,
	 * digest 125d7342b9ac11cd91a39af48aa17b4f63f175d3. Address (16) +
	 * nonce (33) + id (1) make those 50 octets. */
	static const uint8_t rfc2202[] = { 0x12, 0x5d, 0x73, 0x42, 0xb9, 0xac, 0x11, 0xcd,
					   0x91, 0xa3, 0x9a, 0xf4 };
	uint8_t key[M6_KCN_LEN], dd[33];
	m6_addr6 a;
	memset(key, 0xaa, sizeof key);
	memset(dd, 0xdd, sizeof dd);
	memset(a.a, 0xdd, sizeof a.a);
	CHECK_INT(m6_rr_keygen_token(key, &a, dd, sizeof dd, 0xdd, tok), M6_OK);
	CHECK_MEM(tok, rfc2202, M6_TOKEN_LEN);
}

static void test_kbm(void)
{
	uint8_t kbm[M6_KBM_LEN];

	CHECK_INT(m6_rr_kbm(want_hot, want_cot, kbm), M6_OK);
	CHECK_MEM(kbm, want_kbm, M6_KBM_LEN);
	CHECK_INT(m6_rr_kbm(want_hot, NULL, kbm), M6_OK);
	CHECK_MEM(kbm, want_kbm_dereg, M6_KBM_LEN);
}

static void test_authenticator(void)
{
	uint8_t data[sizeof bu_mh - M6_AUTH_LEN], auth[M6_AUTH_LEN];

	memcpy(data, bu_mh, sizeof data);
	data[4] = data[5] = 0;
	CHECK_INT(m6_rr_authenticator(want_kbm, &coa, &cn, data, sizeof data, auth), M6_OK);
	CHECK_MEM(auth, want_auth, M6_AUTH_LEN);

	/* RFC 2202 case 3 again: coa (16) + cn (16) + MH data (18) = 50 x 0xdd. */
	static const uint8_t rfc2202[] = { 0x12, 0x5d, 0x73, 0x42, 0xb9, 0xac, 0x11, 0xcd,
					   0x91, 0xa3, 0x9a, 0xf4 };
	uint8_t key[M6_KBM_LEN], dd[18];
	m6_addr6 a;
	memset(key, 0xaa, sizeof key);
	memset(dd, 0xdd, sizeof dd);
	memset(a.a, 0xdd, sizeof a.a);
	CHECK_INT(m6_rr_authenticator(key, &a, &a, dd, sizeof dd, auth), M6_OK);
	CHECK_MEM(auth, rfc2202, M6_AUTH_LEN);
}

static void test_sign_fixed_vector(void)
{
	uint8_t mh[sizeof bu_mh];

	memcpy(mh, bu_mh, sizeof mh);
	CHECK_INT(m6_rr_sign_mh(want_kbm, &coa, &cn, mh, sizeof mh), M6_OK);
	CHECK_MEM(mh, bu_mh, sizeof mh - M6_AUTH_LEN); /* checksum left as it was */
	CHECK_MEM(mh + sizeof mh - M6_AUTH_LEN, want_auth, M6_AUTH_LEN);
	CHECK_INT(m6_rr_verify_mh(want_kbm, &coa, &cn, mh, sizeof mh), 1);
	CHECK_INT(m6_rr_verify_mh(want_kbm, &coa, &cn, bu_mh, sizeof bu_mh), 0);
}

/* The BU of bu_mh[], through the builder and encoder. */
/* The message of bu_mh: BU seq 7, A, lifetime 100, Nonce Indices, BAD. */
static void make_bu(struct m6_msg *m)
{
	m6_msg_init(m, M6_MH_BU);
	m->u.bu.seq = 7;
	m->u.bu.flags = M6_BU_A;
	m->u.bu.lifetime = 100;
	struct m6_opt *o = m6_msg_add_opt(m, M6_OPT_NONCE);
	o->u.nonce.home = 0x1234;
	o->u.nonce.careof = 0x5678;
	m6_msg_add_opt(m, M6_OPT_BAD);
}

static int encode_bu(uint8_t *out, size_t cap, const struct m6_pseudo *ps)
{
	struct m6_msg m;

	make_bu(&m);
	return m6_msg_encode(&m, ps, NULL, out, cap);
}

static void set_checksum(const struct m6_pseudo *ps, uint8_t *mh, size_t len)
{
	uint16_t c = m6_mh_checksum(ps, mh, len);
	mh[4] = (uint8_t)(c >> 8);
	mh[5] = (uint8_t)c;
}

static void test_encode_sign_verify(void)
{
	struct m6_pseudo ps = { .src = coa, .dst = cn };
	struct m6_msg dec;
	struct m6_diags diags = { 0 };
	uint8_t mh[64], tampered[64];

	int n = encode_bu(mh, sizeof mh, &ps);
	CHECK_INT(n, sizeof bu_mh);
	CHECK_MEM(mh + 6, bu_mh + 6, sizeof bu_mh - 6);
	CHECK_INT(m6_rr_sign_mh(want_kbm, &coa, &cn, mh, (size_t)n), M6_OK);
	CHECK_MEM(mh + n - M6_AUTH_LEN, want_auth, M6_AUTH_LEN);
	set_checksum(&ps, mh, (size_t)n);
	CHECK_INT(m6_mh_decode(mh, (size_t)n, &ps, 0, 0, &dec, &diags), n);
	CHECK(!m6_diags_have_error(&diags));
	CHECK_INT(m6_rr_verify_mh(want_kbm, &coa, &cn, mh, (size_t)n), 1);

	/* Every octet but the Checksum is covered, whatever the change. */
	for (int i = 0; i < n; i++) {
		for (int flip = 0x01; flip <= 0x100; flip <<= 1) {
			uint8_t x = flip == 0x100 ? 0xff : (uint8_t)flip;
			memcpy(tampered, mh, (size_t)n);
			tampered[i] ^= x;
			int want = i == 4 || i == 5;
			if (m6_rr_verify_mh(want_kbm, &coa, &cn, tampered, (size_t)n) != want) {
				fprintf(stderr, "byte %d ^ 0x%02x: verify != %d\n", i, x, want);
				CHECK(0);
			}
		}
	}

	/* Wrong key or addresses. */
	uint8_t kbm2[M6_KBM_LEN];
	memcpy(kbm2, want_kbm, sizeof kbm2);
	kbm2[19] ^= 1;
	CHECK_INT(m6_rr_verify_mh(kbm2, &coa, &cn, mh, (size_t)n), 0);
	CHECK_INT(m6_rr_verify_mh(want_kbm, &hoa, &cn, mh, (size_t)n), 0);
	CHECK_INT(m6_rr_verify_mh(want_kbm, &coa, &hoa, mh, (size_t)n), 0);
	CHECK_INT(m6_rr_verify_mh(want_kbm, &cn, &coa, mh, (size_t)n), 0);
}

/* The encoder signs a whole packet: a BU from the care-of address with the
 * Home Address option, to the CN. The checksum covers the signed bytes;
 * checksum knobs act after signing, and a cut message stays signed. */
static void test_packet_encode_signed(void)
{
	static struct m6_pkt pkt;
	struct m6_pkt_spec spec = { .src = coa, .dst = cn, .hao = true, .hoa = hoa };
	struct m6_rr_key key = { .coa = coa, .cn = cn };
	struct m6_msg m;
	uint8_t out[256];

	memcpy(key.kbm, want_kbm, M6_KBM_LEN);
	make_bu(&m);

	int n = m6_pkt_encode_signed(&spec, &m, NULL, &key, out, sizeof out);
	CHECK(n > 0);
	CHECK_INT(m6_pkt_decode(out, (size_t)n, M6_LINK_RAW, true, &pkt), M6_OK);
	CHECK(pkt.has_mh && m6_pkt_valid(&pkt));
	CHECK_INT(m6_rr_verify_mh(want_kbm, &coa, &cn, pkt.msg.data, pkt.msg.mh_len), 1);
	/* The same message bytes as signing by hand (the fixed vector). */
	CHECK_MEM(pkt.msg.data + pkt.msg.mh_len - M6_AUTH_LEN, want_auth, M6_AUTH_LEN);

	struct m6_enc_knobs bad = { .csum_bad = true };
	n = m6_pkt_encode_signed(&spec, &m, &bad, &key, out, sizeof out);
	m6_pkt_decode(out, (size_t)n, M6_LINK_RAW, true, &pkt);
	CHECK(pkt.csum_checked && !pkt.csum_ok);
	CHECK_INT(m6_rr_verify_mh(want_kbm, &coa, &cn, pkt.msg.data, pkt.msg.mh_len), 1);

	struct m6_enc_knobs cut = { .truncate = 20 };
	CHECK_INT(m6_pkt_encode_signed(&spec, &m, &cut, &key, out, sizeof out), 40 + 24 + 20);

	m.n_opts = 1; /* no BAD option: nothing to sign */
	CHECK_INT(m6_pkt_encode_signed(&spec, &m, NULL, &key, out, sizeof out), M6_ERR_ARG);
}

/* A BA from a CN is authenticated the same way; padding and other options
 * before the BAD are part of the MH data. */
static void test_ba_with_padding(void)
{
	struct m6_msg m;
	uint8_t mh[128], data[128], auth[M6_AUTH_LEN];

	m6_msg_init(&m, M6_MH_BA);
	m.u.ba.seq = 9;
	m.u.ba.lifetime = 50;
	m6_msg_add_opt(&m, M6_OPT_BRA)->u.refresh = 20;
	m6_msg_add_opt(&m, M6_OPT_BAD);
	int n = m6_msg_encode(&m, NULL, NULL, mh, sizeof mh);
	CHECK(n > 0);
	CHECK_INT(m6_rr_sign_mh(want_kbm_dereg, &coa, &cn, mh, (size_t)n), M6_OK);
	CHECK_INT(m6_rr_verify_mh(want_kbm_dereg, &coa, &cn, mh, (size_t)n), 1);

	memcpy(data, mh, (size_t)n - M6_AUTH_LEN);
	data[4] = data[5] = 0;
	CHECK_INT(m6_rr_authenticator(want_kbm_dereg, &coa, &cn, data, (size_t)n - M6_AUTH_LEN, auth),
		  M6_OK);
	CHECK_MEM(auth, mh + n - M6_AUTH_LEN, M6_AUTH_LEN);
	CHECK_INT(mh[n - M6_AUTH_LEN - 2], M6_OPT_BAD);
	CHECK_INT(mh[n - M6_AUTH_LEN - 1], M6_AUTH_LEN);
}

static void test_refused_layouts(void)
{
	struct m6_msg m;
	const struct m6_enc_knobs verbatim = { .verbatim = true };
	uint8_t mh[128 + 8];
	int n;

	/* No BAD at all. */
	m6_msg_init(&m, M6_MH_BU);
	m6_msg_add_opt(&m, M6_OPT_NONCE);
	n = m6_msg_encode(&m, NULL, NULL, mh, sizeof mh);
	CHECK(n > 0);
	CHECK_INT(m6_rr_sign_mh(want_kbm, &coa, &cn, mh, (size_t)n), M6_ERR_ARG);
	CHECK_INT(m6_rr_verify_mh(want_kbm, &coa, &cn, mh, (size_t)n), 0);

	/* BAD not the last option: Nonce Indices after it. */
	m6_msg_init(&m, M6_MH_BU);
	m6_msg_add_opt(&m, M6_OPT_BAD);
	m6_msg_add_opt(&m, M6_OPT_NONCE);
	n = m6_msg_encode(&m, NULL, NULL, mh, sizeof mh);
	CHECK(n > 0);
	CHECK_INT(m6_rr_sign_mh(want_kbm, &coa, &cn, mh, (size_t)n), M6_ERR_ARG);
	CHECK_INT(m6_rr_verify_mh(want_kbm, &coa, &cn, mh, (size_t)n), 0);

	/* BAD followed by padding: Pad1 x 8, then PadN 6. */
	for (int pad = M6_OPT_PAD1; pad <= M6_OPT_PADN; pad++) {
		m6_msg_init(&m, M6_MH_BU);
		m6_msg_add_opt(&m, M6_OPT_PADN)->len = 4; /* BAD at 18, 8n+2 */
		m6_msg_add_opt(&m, M6_OPT_BAD);
		m6_msg_add_opt(&m, (uint8_t)pad)->len = pad == M6_OPT_PAD1 ? 8 : 6;
		n = m6_msg_encode(&m, NULL, &verbatim, mh, sizeof mh);
		CHECK_INT(n, 40);
		CHECK_INT(mh[18], M6_OPT_BAD);
		CHECK_INT(m6_rr_sign_mh(want_kbm, &coa, &cn, mh, (size_t)n), M6_ERR_ARG);
		CHECK_INT(m6_rr_verify_mh(want_kbm, &coa, &cn, mh, (size_t)n), 0);
	}

	/* The last option is a BAD ending the message, but not the 12-octet
	 * RR form: Length 18 at 12 ends at 32. */
	static const uint8_t eighteen[18];
	m6_msg_init(&m, M6_MH_BU);
	m6_msg_add_raw_opt(&m, M6_OPT_BAD, eighteen, sizeof eighteen);
	n = m6_msg_encode(&m, NULL, &verbatim, mh, sizeof mh);
	CHECK_INT(n, 32);
	CHECK_INT(mh[13], 18);
	CHECK_INT(m6_rr_sign_mh(want_kbm, &coa, &cn, mh, (size_t)n), M6_ERR_ARG);

	/* A 12-octet option of another type where the BAD would be. */
	n = encode_bu(mh, sizeof mh, NULL);
	mh[18] = 200;
	CHECK_INT(m6_rr_sign_mh(want_kbm, &coa, &cn, mh, (size_t)n), M6_ERR_ARG);
	mh[18] = M6_OPT_BAD;
	CHECK_INT(m6_rr_sign_mh(want_kbm, &coa, &cn, mh, (size_t)n), M6_OK);

	/* len disagrees with Header Len (longer, shorter, not a multiple of 8). */
	n = encode_bu(mh, sizeof mh, NULL);
	CHECK_INT(m6_rr_sign_mh(want_kbm, &coa, &cn, mh, (size_t)n), M6_OK);
	for (int d = -9; d <= 8; d++) {
		if (d == 0)
			continue;
		CHECK_INT(m6_rr_verify_mh(want_kbm, &coa, &cn, mh, (size_t)(n + d)), 0);
		CHECK_INT(m6_rr_sign_mh(want_kbm, &coa, &cn, mh, (size_t)(n + d)), M6_ERR_ARG);
	}
	CHECK_INT(m6_rr_verify_mh(want_kbm, &coa, &cn, mh, (size_t)n), 1);

	/* Header Len says more than there is: Header Len 4, 40 octets, while
	 * the buffer handed over is the same 32. */
	mh[1] = 4;
	CHECK_INT(m6_rr_sign_mh(want_kbm, &coa, &cn, mh, (size_t)n), M6_ERR_ARG);
	mh[1] = 3;

	/* Unknown MH type: no known fixed part to skip. */
	mh[2] = 8;
	CHECK_INT(m6_rr_sign_mh(want_kbm, &coa, &cn, mh, (size_t)n), M6_ERR_ARG);
	mh[2] = M6_MH_BU;

	/* An option whose Length runs past the end. */
	static const uint8_t overrun[] = { 59, 1, 5, 0, 0, 0, 0, 1, 0, 0, 0, 0, 4, 10, 0, 0 };
	memcpy(mh, overrun, sizeof overrun);
	CHECK_INT(m6_rr_sign_mh(want_kbm, &coa, &cn, mh, sizeof overrun), M6_ERR_ARG);
	CHECK_INT(m6_rr_verify_mh(want_kbm, &coa, &cn, overrun, sizeof overrun), 0);

	/* Too short for a header. */
	CHECK_INT(m6_rr_sign_mh(want_kbm, &coa, &cn, mh, 0), M6_ERR_ARG);
	CHECK_INT(m6_rr_verify_mh(want_kbm, &coa, &cn, overrun, 3), 0);
}

/* Random bytes with a Header Len that matches: sign and verify must stay
 * inside the buffer (the sanitizer build checks that) and never accept. */
static void test_hostile_bytes(void)
{
	uint8_t *mh = NULL;
	unsigned seed = 6275;
	int signed_ok = 0;

	for (int round = 0; round < 20000; round++) {
		size_t hl = (size_t)(rand_r(&seed) % 6);
		size_t len = (hl + 1) * 8;
		free(mh);
		mh = malloc(len); /* exact size, so that any overread is caught */
		if (!mh) {
			CHECK(0);
			return;
		}
		for (size_t i = 0; i < len; i++)
			mh[i] = (uint8_t)rand_r(&seed);
		mh[1] = (uint8_t)hl;
		mh[2] = (uint8_t)(rand_r(&seed) % 9);
		/* Often put a BAD where it would end the message. */
		if (rand_r(&seed) % 2 && len >= 14) {
			mh[len - 14] = M6_OPT_BAD;
			mh[len - 13] = M6_AUTH_LEN;
		}
		CHECK_INT(m6_rr_verify_mh(want_kbm, &coa, &cn, mh, len), 0);
		int r = m6_rr_sign_mh(want_kbm, &coa, &cn, mh, len);
		CHECK(r == M6_OK || r == M6_ERR_ARG);
		if (r == M6_OK) {
			signed_ok++;
			CHECK_INT(m6_rr_verify_mh(want_kbm, &coa, &cn, mh, len), 1);
		}
	}
	free(mh);
	CHECK(signed_ok > 0);
}

int main(void)
{
	setup_addrs();
	M6T_RUN(test_keygen_tokens);
	M6T_RUN(test_kbm);
	M6T_RUN(test_authenticator);
	M6T_RUN(test_sign_fixed_vector);
	M6T_RUN(test_encode_sign_verify);
	M6T_RUN(test_packet_encode_signed);
	M6T_RUN(test_ba_with_padding);
	M6T_RUN(test_refused_layouts);
	M6T_RUN(test_hostile_bytes);
	return m6t_finish("test_rr");
}
