/* test_reply.c - the packets the engine sends, decoded again by the codec. */
#include "m6test.h"
#include "reply.h"

static struct m6_pkt pkt;
static uint8_t out[2048];
static struct m6e_route to_mn;

static void setup(void)
{
	m6t_addr(to_mn.src.a, "2001:db8:1::1");
	m6t_addr(to_mn.dst.a, "2001:db8:3::100");
	to_mn.rh2 = true;
	m6t_addr(to_mn.hoa.a, "2001:db8:1::100");
}

static void decode(int n)
{
	CHECK(n > 0);
	CHECK_INT(m6_pkt_decode(out, (size_t)(n > 0 ? n : 0), M6_LINK_RAW, true, &pkt), M6_OK);
}

/* RFC 5648 s6.2: the BU's BIDs come back with their own Status and no
 * care-of address; RFC 6275 s6.4: to the care-of address via RH2. */
static void test_ba_copies_bids_with_status(void)
{
	struct m6_msg bu;
	static const uint8_t status[3] = { 0, M6_BA_MCOA_UNKNOWN_COA, 0 };

	m6_msg_init(&bu, M6_MH_BU);
	for (uint16_t i = 1; i <= 3; i++) {
		struct m6_opt *o = m6_msg_add_opt(&bu, M6_OPT_BID);
		o->u.bid.bid = i;
		o->u.bid.coa_family = 6;
		m6t_addr(o->u.bid.coa6.a, "2001:db8:3::100");
		o->u.bid.flags = i == 3 ? M6_BID_H : 0;
	}
	struct m6e_ba ba = { .status = M6_BA_MCOA_NOTCOMPLETE, .seq = 9, .lifetime = 25, .bu = &bu,
			     .bid_status = status, .refresh = 20 };
	decode(m6e_build_ba(&to_mn, &ba, out, sizeof out));
	CHECK(pkt.has_mh && m6_pkt_valid(&pkt));
	CHECK_INT(pkt.msg.type, M6_MH_BA);
	CHECK_INT(pkt.msg.u.ba.status, M6_BA_MCOA_NOTCOMPLETE);
	CHECK_INT(pkt.msg.u.ba.seq, 9);
	CHECK_INT(pkt.msg.u.ba.lifetime, 25);
	CHECK_INT(m6_msg_count_opt(&pkt.msg, M6_OPT_BID), 3);
	int k = 0;
	for (int i = m6_msg_next_opt(&pkt.msg, 0, M6_OPT_BID); i >= 0;
	     i = m6_msg_next_opt(&pkt.msg, i + 1, M6_OPT_BID), k++) {
		CHECK_INT(pkt.msg.opts[i].u.bid.bid, k + 1);
		CHECK_INT(pkt.msg.opts[i].u.bid.status, status[k]);
		CHECK_INT(pkt.msg.opts[i].u.bid.coa_family, 0);
		CHECK_INT(pkt.msg.opts[i].u.bid.flags, k == 2 ? M6_BID_H : 0);
	}
	int bra = m6_msg_next_opt(&pkt.msg, 0, M6_OPT_BRA);
	CHECK(bra >= 0 && pkt.msg.opts[bra].u.refresh == 20);
	CHECK_INT(pkt.ip[0].n_ext, 1);
	CHECK(!memcmp(pkt.ip[0].ext[0].rh_addr.a, to_mn.hoa.a, 16));
}

/* RFC 6275 s6.1.8: a CN's BA carries the Authenticator last. */
static void test_signed_ba(void)
{
	struct m6_rr_key key = { .coa = to_mn.dst, .cn = to_mn.src };
	memset(key.kbm, 0x42, sizeof key.kbm);
	struct m6e_ba ba = { .seq = 3, .lifetime = 105, .key = &key };

	decode(m6e_build_ba(&to_mn, &ba, out, sizeof out));
	CHECK(m6_pkt_valid(&pkt));
	CHECK_INT(pkt.msg.opts[pkt.msg.n_opts - 1].type, M6_OPT_BAD);
	CHECK_INT(m6_rr_verify_mh(key.kbm, &key.coa, &key.cn, pkt.msg.data, pkt.msg.mh_len), 1);
}

static void test_be_test_brr(void)
{
	struct m6e_route direct = to_mn;
	direct.rh2 = false;

	decode(m6e_build_be(&direct, M6_BE_UNKNOWN_BINDING, &to_mn.hoa, out, sizeof out));
	CHECK(pkt.msg.type == M6_MH_BE && pkt.msg.u.be.status == M6_BE_UNKNOWN_BINDING);
	CHECK(!memcmp(pkt.msg.u.be.hoa.a, to_mn.hoa.a, 16));

	static const uint8_t cookie[8] = { 1, 2, 3, 4, 5, 6, 7, 8 }, token[8] = { 9, 9, 9, 9, 9, 9, 9, 9 };
	decode(m6e_build_test(&direct, M6_MH_COT, 77, cookie, token, out, sizeof out));
	CHECK(pkt.msg.type == M6_MH_COT && pkt.msg.u.test.nonce_index == 77);
	CHECK(!memcmp(pkt.msg.u.test.cookie, cookie, 8) && !memcmp(pkt.msg.u.test.token, token, 8));
	CHECK_INT(m6e_build_test(&direct, M6_MH_BU, 1, cookie, token, out, sizeof out), M6_ERR_ARG);

	static const uint16_t bids[2] = { 4, 7 };
	decode(m6e_build_brr(&to_mn, bids, 2, out, sizeof out));
	CHECK(pkt.msg.type == M6_MH_BRR && m6_pkt_valid(&pkt));
	CHECK_INT(m6_msg_count_opt(&pkt.msg, M6_OPT_BID), 2);
	decode(m6e_build_brr(&to_mn, NULL, 0, out, sizeof out));
	CHECK_INT(pkt.msg.n_opts, 0);
}

/* RFC 6275 s9.2: Parameter Problem, straight back to the source (no RH2). */
static void test_param_problem(void)
{
	uint8_t invoking[64];
	memset(invoking, 0x60, sizeof invoking);

	decode(m6e_build_param_problem(&to_mn, M6_ICMP6_PP_FIELD, 41, invoking, sizeof invoking, out,
				       sizeof out));
	CHECK(pkt.has_icmp6 && pkt.icmp6.csum_ok);
	CHECK_INT(pkt.icmp6.param, 41);
	CHECK_INT(pkt.ip[0].n_ext, 0);
	CHECK_INT(pkt.icmp6.body_len, sizeof invoking);
	CHECK_INT(m6e_build_param_problem(&to_mn, 0, 41, invoking, sizeof invoking, out, 60), M6_ERR_NOSPACE);
}

int main(void)
{
	setup();
	M6T_RUN(test_ba_copies_bids_with_status);
	M6T_RUN(test_signed_ba);
	M6T_RUN(test_be_test_brr);
	M6T_RUN(test_param_problem);
	return m6t_finish("test_reply");
}
