/* test_rr_cn.c - return routability at the CN, driven as a mobile node
 * would: test init messages, tokens, a signed BU, expired nonces. */
#include "m6test.h"
#include "rr_cn.h"

static struct m6e_rr rr;
static m6_addr6 hoa, coa, cn;
static struct m6_pkt pkt;

static void setup(void)
{
	static const uint8_t kcn[M6_KCN_LEN] = { 7, 7, 7 };
	m6e_rr_init(&rr, kcn, 30000, M6E_MAX_NONCE_LIFETIME_MS, 99);
	m6t_addr(hoa.a, "2001:db8:1::100");
	m6t_addr(coa.a, "2001:db8:3::100");
	m6t_addr(cn.a, "2001:db8:4::1");
}

/* The MN's side: a BU with Nonce Indices signed with the Kbm it derived. */
static void mn_bu(uint16_t home_index, uint16_t coa_index, uint16_t lifetime, const uint8_t kbm[20])
{
	struct m6_pkt_spec spec = { .src = coa, .dst = cn, .hao = true, .hoa = hoa };
	struct m6_rr_key key = { .coa = coa, .cn = cn };
	struct m6_msg m;
	uint8_t out[256];

	memcpy(key.kbm, kbm, M6_KBM_LEN);
	m6_msg_init(&m, M6_MH_BU);
	m.u.bu.seq = 1;
	m.u.bu.flags = M6_BU_A;
	m.u.bu.lifetime = lifetime;
	struct m6_opt *o = m6_msg_add_opt(&m, M6_OPT_NONCE);
	o->u.nonce.home = home_index;
	o->u.nonce.careof = coa_index;
	m6_msg_add_opt(&m, M6_OPT_BAD);
	int n = m6_pkt_encode_signed(&spec, &m, NULL, &key, out, sizeof out);
	CHECK(n > 0);
	m6_pkt_decode(out, (size_t)n, M6_LINK_RAW, true, &pkt);
	CHECK(m6_pkt_valid(&pkt));
}

static void test_registration_authorized(void)
{
	uint16_t hi, ci;
	uint8_t ht[8], ct[8], kbm[20], got[20];

	CHECK_INT(m6e_rr_test(&rr, M6_MH_HOTI, &hoa, 1000, &hi, ht), M6_OK);
	CHECK_INT(m6e_rr_test(&rr, M6_MH_COTI, &coa, 2000, &ci, ct), M6_OK);
	CHECK_INT(hi, ci); /* same period, same nonce */
	CHECK(memcmp(ht, ct, 8) != 0);
	m6_rr_kbm(ht, ct, kbm);
	mn_bu(hi, ci, 100, kbm);
	CHECK_INT(m6e_rr_check_bu(&rr, &pkt.msg, &hoa, &coa, &cn, 3000, got), M6E_RR_OK);
	CHECK(!memcmp(got, kbm, 20));

	kbm[0] ^= 1; /* s9.5.1: a wrong Authenticator is silently discarded */
	mn_bu(hi, ci, 100, kbm);
	CHECK_INT(m6e_rr_check_bu(&rr, &pkt.msg, &hoa, &coa, &cn, 3000, got), M6E_RR_DISCARD);
	CHECK_INT(m6e_rr_test(&rr, M6_MH_BU, &hoa, 0, &hi, ht), M6_ERR_ARG);
}

/* s9.5.1: expired indices give 136, 137, 138, checked before the Authenticator. */
static void test_expired_nonces(void)
{
	uint16_t old, fresh;
	uint8_t tok[8], kbm[20] = { 0 }, got[20];

	m6e_rr_test(&rr, M6_MH_HOTI, &hoa, 10000, &old, tok);
	uint64_t later = 10000 + M6E_MAX_NONCE_LIFETIME_MS + 1;
	m6e_rr_test(&rr, M6_MH_HOTI, &hoa, later, &fresh, tok);
	CHECK(old != fresh);
	mn_bu(old, fresh, 100, kbm);
	CHECK_INT(m6e_rr_check_bu(&rr, &pkt.msg, &hoa, &coa, &cn, later, got), M6_BA_EXPIRED_HOME_NONCE);
	mn_bu(fresh, old, 100, kbm);
	CHECK_INT(m6e_rr_check_bu(&rr, &pkt.msg, &hoa, &coa, &cn, later, got), M6_BA_EXPIRED_COA_NONCE);
	mn_bu(old, old, 100, kbm);
	CHECK_INT(m6e_rr_check_bu(&rr, &pkt.msg, &hoa, &coa, &cn, later, got), M6_BA_EXPIRED_NONCES);
}

/* s5.2.5: deregistration needs the home token only; the care-of index is ignored. */
static void test_deregistration(void)
{
	uint16_t hi;
	uint8_t ht[8], kbm[20], got[20];

	m6e_rr_test(&rr, M6_MH_HOTI, &hoa, 500000, &hi, ht);
	m6_rr_kbm(ht, NULL, kbm);
	mn_bu(hi, 0xdead, 0, kbm);
	CHECK_INT(m6e_rr_check_bu(&rr, &pkt.msg, &hoa, &coa, &cn, 500000, got), M6E_RR_OK);

	pkt.msg.n_opts = 0; /* no Nonce Indices: discarded */
	CHECK_INT(m6e_rr_check_bu(&rr, &pkt.msg, &hoa, &coa, &cn, 500000, got), M6E_RR_DISCARD);
}

int main(void)
{
	setup();
	M6T_RUN(test_registration_authorized);
	M6T_RUN(test_expired_nonces);
	M6T_RUN(test_deregistration);
	return m6t_finish("test_rr_cn");
}
