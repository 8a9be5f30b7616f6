/* test_spec.c - the `mip6kit build` spec language (codec/spec.c): every
 * word lands in the right field, built packets decode back to what the
 * spec said, each knob changes the bytes it should, and bad specs fail
 * with a message naming what is wrong. */
#include "m6codec.h"
#include "m6spec.h"
#include "m6test.h"

static struct m6_build b;
static struct m6_pkt pkt;
static char err[256];
static uint8_t frame[4096];

static int parse(const char *spec)
{
	int rc = m6_spec_parse(spec, &b, err, sizeof err);
	if (rc != M6_OK)
		fprintf(stderr, "spec '%s': %s\n", spec, err);
	return rc;
}

/* Parses, encodes and decodes spec; returns the frame length or < 0. */
static int build_and_decode(const char *spec)
{
	if (parse(spec) != M6_OK)
		return M6_ERR_ARG;
	int n = m6_build_encode(&b, frame, sizeof frame);
	if (n > 0)
		m6_pkt_decode(frame, (size_t)n, b.pkt.eth ? M6_LINK_ETHERNET : M6_LINK_RAW, true, &pkt);
	return n;
}

static bool has_reason(uint8_t reason)
{
	for (int i = 0; i < pkt.diags.n; i++)
		if (pkt.diags.d[i].reason == reason)
			return true;
	return false;
}

static bool addr_is(const m6_addr6 *a, const char *text)
{
	m6_addr6 want;

	m6t_addr(want.a, text);
	return !memcmp(a->a, want.a, 16);
}

static bool addr4_is(const m6_addr4 *a, const char *text)
{
	uint8_t want[4];

	return inet_pton(AF_INET, text, want) == 1 && !memcmp(a->a, want, 4);
}

static void test_messages(void)
{
	static const char *const names[] = { "brr", "hoti", "coti", "hot", "cot", "bu", "ba", "be" };

	for (int t = 0; t < 8; t++) {
		CHECK_INT(parse(names[t]), M6_OK);
		CHECK_INT(b.msg.type, t);
		CHECK_INT(b.msg.n_opts, 0);
	}
	CHECK_INT(parse("mh=5 seq=3"), M6_OK);
	CHECK_INT(b.msg.type, M6_MH_BU);
	CHECK_INT(b.msg.u.bu.seq, 3);
	CHECK_INT(parse("  mh=0xc8\tbody=0102AbcD  "), M6_OK);
	CHECK_INT(b.msg.type, 200);
	CHECK_INT(b.msg.opts_off, 0);
	CHECK_INT(b.msg.data_len, 4);
	CHECK_MEM(b.msg.data, "\x01\x02\xab\xcd", 4);
	CHECK_INT(parse("mh=255 mhres=7"), M6_OK);
	CHECK_INT(b.msg.type, 255);
	CHECK_INT(b.msg.reserved, 7);
	CHECK_INT(b.msg.data_len, 0);
}

static void test_body_fields(void)
{
	CHECK_INT(parse("bu seq=0xffff lifetime=100 A H L K M R P F T O reserved=63 mhres=9"), M6_OK);
	CHECK_INT(b.msg.u.bu.seq, 0xffff);
	CHECK_INT(b.msg.u.bu.lifetime, 100);
	CHECK_INT(b.msg.u.bu.flags, 0xffff);
	CHECK_INT(b.msg.reserved, 9);
	CHECK_INT(parse("bu lifetime_s=400 O"), M6_OK);
	CHECK_INT(b.msg.u.bu.lifetime, 100);
	CHECK_INT(b.msg.u.bu.flags, M6_BU_O);
	CHECK_INT(parse("bu lifetime_s=262140"), M6_OK);
	CHECK_INT(b.msg.u.bu.lifetime, 65535);

	CHECK_INT(parse("ba status=164 K R P T B reserved=5 seq=9 lifetime=010"), M6_OK);
	CHECK_INT(b.msg.u.ba.status, 164);
	CHECK_INT(b.msg.u.ba.flags, M6_BA_K | M6_BA_R | M6_BA_P | M6_BA_T | M6_BA_B | 5);
	CHECK_INT(b.msg.u.ba.seq, 9);
	CHECK_INT(b.msg.u.ba.lifetime, 10); /* leading zero: decimal, not octal */
	CHECK_INT(parse("ba lifetime_s=8"), M6_OK);
	CHECK_INT(b.msg.u.ba.lifetime, 2);

	CHECK_INT(parse("be status=2 home=2001:db8:2::100 reserved=0x80"), M6_OK);
	CHECK_INT(b.msg.u.be.status, 2);
	CHECK(addr_is(&b.msg.u.be.hoa, "2001:db8:2::100"));
	CHECK_INT(b.msg.u.be.reserved, 0x80);

	CHECK_INT(parse("brr reserved=65535"), M6_OK);
	CHECK_INT(b.msg.u.brr_reserved, 65535);
	CHECK_INT(parse("hoti cookie=0102030405060708 reserved=258"), M6_OK);
	CHECK_MEM(b.msg.u.ti.cookie, "\x01\x02\x03\x04\x05\x06\x07\x08", 8);
	CHECK_INT(b.msg.u.ti.reserved, 258);
	CHECK_INT(parse("coti cookie=A1A2A3A4A5A6A7A8"), M6_OK);
	CHECK_MEM(b.msg.u.ti.cookie, "\xa1\xa2\xa3\xa4\xa5\xa6\xa7\xa8", 8);
	CHECK_INT(parse("cot index=514 cookie=a1a2a3a4a5a6a7a8 token=b1b2b3b4b5b6b7b8"), M6_OK);
	CHECK_INT(b.msg.u.test.nonce_index, 514);
	CHECK_MEM(b.msg.u.test.cookie, "\xa1\xa2\xa3\xa4\xa5\xa6\xa7\xa8", 8);
	CHECK_MEM(b.msg.u.test.token, "\xb1\xb2\xb3\xb4\xb5\xb6\xb7\xb8", 8);
	CHECK_INT(parse("hot index=1 token=1112131415161718"), M6_OK);
	CHECK_MEM(b.msg.u.test.token, "\x11\x12\x13\x14\x15\x16\x17\x18", 8);
}

static void test_options(void)
{
	const struct m6_opt *o = b.msg.opts;

	CHECK_INT(parse("bu bid=1 bid=2,status=3,h,res=5,coa=2001:db8:2::5 bid=0x10,coa=192.0.2.7,misalign "
			"nonce=4660,22136 bad bad=a0a1a2a3a4a5a6a7a8a9aaab altcoa=2001:db8:3::200 "
			"mnp=2001:db8:5::/48,res=1 mnid=6d6e,subtype=2 lla=0200,len=9 v4hoa=192.0.2.8/28,p "
			"v4coa=198.51.100.7 opt=200,deadbeef opt=201, bra=75,len=4"),
		M6_OK);
	CHECK_INT(b.msg.n_opts, 15);
	CHECK_INT(o[0].type, M6_OPT_BID);
	CHECK_INT(o[0].u.bid.bid, 1);
	CHECK_INT(o[0].u.bid.coa_family, 0);
	CHECK_INT(o[1].u.bid.bid, 2);
	CHECK_INT(o[1].u.bid.status, 3);
	CHECK_INT(o[1].u.bid.flags, M6_BID_H | 5);
	CHECK_INT(o[1].u.bid.coa_family, 6);
	CHECK(addr_is(&o[1].u.bid.coa6, "2001:db8:2::5"));
	CHECK_INT(o[2].u.bid.bid, 16);
	CHECK_INT(o[2].u.bid.coa_family, 4);
	CHECK(addr4_is(&o[2].u.bid.coa4, "192.0.2.7"));
	CHECK_INT(o[2].flags, M6_OPTF_MISALIGN);
	CHECK_INT(o[3].type, M6_OPT_NONCE);
	CHECK_INT(o[3].u.nonce.home, 4660);
	CHECK_INT(o[3].u.nonce.careof, 22136);
	CHECK_INT(o[4].type, M6_OPT_BAD);
	CHECK_MEM(o[4].u.auth, "\0\0\0\0\0\0\0\0\0\0\0\0", 12);
	CHECK_MEM(o[5].u.auth, "\xa0\xa1\xa2\xa3\xa4\xa5\xa6\xa7\xa8\xa9\xaa\xab", 12);
	CHECK_INT(o[6].type, M6_OPT_ALTCOA);
	CHECK(addr_is(&o[6].u.altcoa, "2001:db8:3::200"));
	CHECK_INT(o[7].type, M6_OPT_MNP);
	CHECK_INT(o[7].u.mnp.plen, 48);
	CHECK_INT(o[7].u.mnp.reserved, 1);
	CHECK(addr_is(&o[7].u.mnp.prefix, "2001:db8:5::"));
	CHECK_INT(o[8].type, M6_OPT_MNID);
	CHECK_INT(o[8].flags, M6_OPTF_RAW);
	CHECK_INT(o[8].len, 3);
	CHECK_MEM(b.msg.data + o[8].data_off, "\x02\x6d\x6e", 3);
	CHECK_INT(o[9].type, M6_OPT_LLA);
	CHECK_INT(o[9].flags, M6_OPTF_RAW | M6_OPTF_LEN_FORCED);
	CHECK_INT(o[9].len, 9);
	CHECK_MEM(b.msg.data + o[9].data_off, "\x02\x02\x00\0\0\0\0\0\0", 9); /* zero-filled to len */
	CHECK_INT(o[10].type, M6_OPT_V4HOA);
	CHECK_INT(o[10].u.v4.byte0, 28 << 2 | 2);
	CHECK_INT(o[10].u.v4.byte1, 0);
	CHECK(addr4_is(&o[10].u.v4.addr, "192.0.2.8"));
	CHECK_INT(o[11].type, M6_OPT_V4COA);
	CHECK(addr4_is(&o[11].u.v4.addr, "198.51.100.7"));
	CHECK_INT(o[12].type, 200);
	CHECK_INT(o[12].len, 4);
	CHECK_MEM(b.msg.data + o[12].data_off, "\xde\xad\xbe\xef", 4);
	CHECK_INT(o[13].type, 201);
	CHECK_INT(o[13].len, 0);
	CHECK_INT(o[14].type, M6_OPT_BRA);
	CHECK_INT(o[14].u.refresh, 75);
	CHECK_INT(o[14].len, 4);
	CHECK_INT(o[14].flags, M6_OPTF_LEN_FORCED);

	CHECK_INT(parse("ba v4ack=128,plen=24,addr=192.0.2.7 natd=3600,f natd=110 v4ack=0"), M6_OK);
	CHECK_INT(o[0].type, M6_OPT_V4ACK);
	CHECK_INT(o[0].u.v4.byte0, 128);
	CHECK_INT(o[0].u.v4.byte1, 24 << 2);
	CHECK(addr4_is(&o[0].u.v4.addr, "192.0.2.7"));
	CHECK_INT(o[1].type, M6_OPT_NATD);
	CHECK_INT(o[1].u.v4.byte0, 0x80);
	CHECK_INT(o[1].u.v4.word, 3600);
	CHECK_INT(o[2].u.v4.byte0, 0);
	CHECK_INT(o[3].u.v4.byte1, 0);

	CHECK_INT(parse("bu pad1 pad1=3 padn=4 opt=1,0000 mnid=01 lla=02 verbatim"), M6_OK);
	CHECK_INT(o[0].type, M6_OPT_PAD1);
	CHECK_INT(o[0].len, 1);
	CHECK_INT(o[1].len, 3);
	CHECK_INT(o[2].type, M6_OPT_PADN);
	CHECK_INT(o[2].len, 4);
	CHECK_INT(o[3].type, M6_OPT_PADN);
	CHECK_INT(o[3].flags, M6_OPTF_RAW);
	CHECK_MEM(b.msg.data + o[4].data_off, "\x01\x01", 2); /* default subtype 1 */
	CHECK_MEM(b.msg.data + o[5].data_off, "\x02\x02", 2); /* default code 2 */
	CHECK(b.knobs.verbatim);
}

static void test_packet_words(void)
{
	static const uint8_t mac1[6] = { 2, 0, 0, 0, 0, 1 }, mac2[6] = { 2, 0, 0, 0, 0, 2 };

	CHECK_INT(parse("brr"), M6_OK);
	CHECK(b.pkt.eth && !b.mh_only && !b.pkt.hao && !b.pkt.rh2 && !b.pkt.tunnel && !b.pkt.frag);
	CHECK(addr_is(&b.pkt.src, "2001:db8:2::100"));
	CHECK(addr_is(&b.pkt.dst, "2001:db8:1::1"));
	CHECK_MEM(b.pkt.eth_src, mac1, 6);
	CHECK_MEM(b.pkt.eth_dst, mac2, 6);

	CHECK_INT(parse("bu src=2001:db8:3::100 dst=2001:db8:4::1 hao=2001:db8:2::100 rh2=2001:db8:2::101 "
			"dstopts-first hbh frag=0x12345678 hlim=7 tunnel=2001:db8:3::1,2001:db8:1::2 "
			"ethsrc=0A:0b:0c:0d:0e:0f ethdst=10:11:12:13:14:15"),
		M6_OK);
	CHECK(addr_is(&b.pkt.src, "2001:db8:3::100"));
	CHECK(addr_is(&b.pkt.dst, "2001:db8:4::1"));
	CHECK(b.pkt.hao && addr_is(&b.pkt.hoa, "2001:db8:2::100"));
	CHECK(b.pkt.rh2 && addr_is(&b.pkt.rh2_addr, "2001:db8:2::101"));
	CHECK(b.pkt.hao_before_rh2 && b.pkt.hbh && b.pkt.frag);
	CHECK_INT(b.pkt.frag_id, 0x12345678);
	CHECK_INT(b.pkt.hlim, 7);
	CHECK(b.pkt.tunnel && addr_is(&b.pkt.outer_src, "2001:db8:3::1") &&
	      addr_is(&b.pkt.outer_dst, "2001:db8:1::2"));
	CHECK_MEM(b.pkt.eth_src, "\x0a\x0b\x0c\x0d\x0e\x0f", 6);
	CHECK_MEM(b.pkt.eth_dst, "\x10\x11\x12\x13\x14\x15", 6);

	CHECK_INT(parse("bu frag noeth"), M6_OK);
	CHECK(b.pkt.frag && b.pkt.frag_id == 0 && !b.pkt.eth);
	CHECK_INT(parse("bu raw"), M6_OK);
	CHECK(!b.pkt.eth);
	CHECK_INT(parse("bu eth"), M6_OK);
	CHECK(b.pkt.eth);
	CHECK_INT(parse("bu mh-only src=2001:db8:9::1"), M6_OK);
	CHECK(b.mh_only);
	CHECK(addr_is(&b.pkt.src, "2001:db8:9::1"));
}

static void test_knob_words(void)
{
	CHECK_INT(parse("bu hdrlen=3 proto=6 csum=0x1234 trunc=12 verbatim"), M6_OK);
	CHECK(b.knobs.hdr_len_set && b.knobs.hdr_len == 3);
	CHECK(b.knobs.proto_set && b.knobs.proto == 6);
	CHECK(b.knobs.csum_set && b.knobs.csum == 0x1234 && !b.knobs.csum_bad);
	CHECK_INT(b.knobs.truncate, 12);
	CHECK(b.knobs.verbatim);
	CHECK_INT(parse("bu csum=bad"), M6_OK);
	CHECK(b.knobs.csum_bad && !b.knobs.csum_set);
	CHECK_INT(parse("bu"), M6_OK);
	CHECK(!b.knobs.hdr_len_set && !b.knobs.proto_set && !b.knobs.csum_set && !b.knobs.csum_bad &&
	      !b.knobs.verbatim && b.knobs.truncate == 0 && !b.sign);
}

/* sign= signs the last BAD with the care-of address (src) and the
 * correspondent (dst), in a packet and in a bare MH. */
static void test_sign(void)
{
	uint8_t out[512];
	m6_addr6 coa, cn;

	m6t_addr(coa.a, "2001:db8:3::100");
	m6t_addr(cn.a, "2001:db8:4::1");
	CHECK_INT(parse("bu seq=1 A nonce=1,2 bad sign=000102030405060708090a0b0c0d0e0f10111213 "
			"hao=2001:db8:2::100 src=2001:db8:3::100 dst=2001:db8:4::1"), M6_OK);
	CHECK(b.sign && b.key.kbm[19] == 0x13);
	int n = m6_build_encode(&b, out, sizeof out);
	CHECK(n > 0);
	m6_pkt_decode(out, (size_t)n, M6_LINK_ETHERNET, true, &pkt);
	CHECK(pkt.has_mh && m6_pkt_valid(&pkt));
	CHECK_INT(m6_rr_verify_mh(b.key.kbm, &coa, &cn, pkt.msg.data, pkt.msg.mh_len), 1);
	CHECK_INT(m6_rr_verify_mh(b.key.kbm, &cn, &coa, pkt.msg.data, pkt.msg.mh_len), 0);

	CHECK_INT(parse("ba status=0 bad sign=0000000000000000000000000000000000000001 mh-only "
			"src=2001:db8:4::1 dst=2001:db8:3::100"), M6_OK); /* from the CN */
	n = m6_build_encode(&b, out, sizeof out);
	CHECK_INT(m6_rr_verify_mh(b.key.kbm, &coa, &cn, out, (size_t)n), 1);
}

/* The README example, through the Ethernet decoder and back. */
static void test_readme_round_trip(void)
{
	static const char readme[] =
		"bu seq=7 A H lifetime=100 bid=1,coa=2001:db8:2::5 bid=2,coa=192.0.2.7";
	char why[200];

	int n = build_and_decode(readme);
	CHECK(n > 0);
	CHECK(pkt.has_mh && pkt.csum_checked && pkt.csum_ok);
	CHECK(m6_pkt_valid(&pkt));
	CHECK_INT(pkt.link, M6_LINK_ETHERNET);
	CHECK_MEM(pkt.eth_src, "\x02\0\0\0\0\x01", 6);
	CHECK_MEM(pkt.eth_dst, "\x02\0\0\0\0\x02", 6);
	CHECK(addr_is(&pkt.ip[0].src, "2001:db8:2::100"));
	CHECK(addr_is(&pkt.ip[0].dst, "2001:db8:1::1"));
	CHECK_INT(pkt.msg.type, M6_MH_BU);
	CHECK_INT(pkt.msg.u.bu.seq, 7);
	CHECK_INT(pkt.msg.u.bu.flags, M6_BU_A | M6_BU_H);
	CHECK_INT(pkt.msg.u.bu.lifetime, 100);
	CHECK_INT(m6_msg_count_opt(&pkt.msg, M6_OPT_BID), 2);
	int i = m6_msg_next_opt(&pkt.msg, 0, M6_OPT_BID);
	CHECK(i >= 0 && pkt.msg.opts[i].u.bid.bid == 1 && addr_is(&pkt.msg.opts[i].u.bid.coa6, "2001:db8:2::5"));
	i = m6_msg_next_opt(&pkt.msg, i + 1, M6_OPT_BID);
	CHECK(i >= 0 && pkt.msg.opts[i].u.bid.bid == 2 && addr4_is(&pkt.msg.opts[i].u.bid.coa4, "192.0.2.7"));
	if (m6_msg_compare(&b.msg, &pkt.msg, why, sizeof why)) {
		fprintf(stderr, "readme example: %s\n", why);
		CHECK(0);
	}
}

/* Specs of every kind that must build packets a receiver accepts. */
static void test_valid_specs_decode_clean(void)
{
	static const char *const specs[] = {
		"brr bid=1 bid=2 src=2001:db8:1::1 dst=2001:db8:2::100",
		"hoti cookie=0102030405060708 tunnel=2001:db8:3::100,2001:db8:1::1",
		"hot index=513 cookie=0102030405060708 token=1112131415161718 noeth",
		"cot index=514 cookie=a1a2a3a4a5a6a7a8 token=b1b2b3b4b5b6b7b8 bid=1",
		"bu seq=5 A H M P F T lifetime=100 mnid=6d6e406578616d706c652e6e6574,subtype=1 lla=020000000003,code=2",
		"bu seq=6 A H lifetime=100 v4hoa=192.0.2.7/24 v4coa=198.51.100.7 mnp=2001:db8:5::/48",
		"ba status=0 seq=6 lifetime=100 v4ack=0,plen=24,addr=192.0.2.7 natd=110,f bra=75",
		"ba status=4 seq=14 lifetime=200 bid=1,status=0 bid=2,status=0 bid=3,status=166",
		"be status=1 home=2001:db8:2::100",
		"bu seq=60 A lifetime=100 nonce=513,514 bad=000102030405060708090a0b hao=2001:db8:2::100",
		"ba status=0 seq=60 lifetime=100 bad=18191a1b1c1d1e1f20212223 rh2=2001:db8:2::100",
		"bu seq=74 A H O lifetime=100 bid=1,coa=2001:db8:3::100 bid=2,coa=192.0.2.7 hbh "
		"hao=2001:db8:2::100 frag=7 tunnel=2001:db8:3::100,2001:db8:1::1",
		"bu seq=1 A opt=200,deadbeef",
		"mh=200 body=0102030405060708090a",
	};
	for (size_t i = 0; i < sizeof specs / sizeof specs[0]; i++) {
		int n = build_and_decode(specs[i]);
		CHECK(n > 0);
		CHECK(pkt.has_mh && pkt.csum_ok);
		if (!m6_pkt_valid(&pkt)) {
			fprintf(stderr, "spec '%s': decodes invalid (first reason %s)\n", specs[i],
				m6_reason_name(pkt.diags.d[0].reason));
			CHECK(0);
		}
		CHECK_INT(pkt.msg.type, b.msg.type);
	}
}

/* Each knob against the same BU built without it. */
static void test_knob_effects(void)
{
	uint8_t plain[256];
	int n0 = build_and_decode("bu seq=1 A lifetime=2");
	CHECK(n0 == 14 + 40 + 16);
	memcpy(plain, frame, (size_t)n0);
	size_t mh = pkt.mh_off;
	CHECK_INT(mh, 54);

	CHECK_INT(build_and_decode("bu seq=1 A lifetime=2 hdrlen=0"), n0);
	CHECK_INT(frame[mh + 1], 0);
	CHECK(has_reason(M6_R_HDRLEN_SHORT));

	CHECK_INT(build_and_decode("bu seq=1 A lifetime=2 proto=6"), n0);
	CHECK_INT(frame[mh], 6);
	CHECK(has_reason(M6_R_PAYLOAD_PROTO));

	CHECK_INT(build_and_decode("bu seq=1 A lifetime=2 csum=bad"), n0);
	CHECK_INT(frame[mh + 5], plain[mh + 5] ^ 1);
	CHECK(has_reason(M6_R_BAD_CHECKSUM));

	CHECK_INT(build_and_decode("bu seq=1 A lifetime=2 csum=0x1234"), n0);
	CHECK_MEM(frame + mh + 4, "\x12\x34", 2);
	CHECK(has_reason(M6_R_BAD_CHECKSUM));

	CHECK_INT(build_and_decode("bu seq=1 A lifetime=2 trunc=10"), (int)mh + 10);
	CHECK_INT(frame[14 + 5], 10); /* IPv6 Payload Length follows the cut */
	CHECK(has_reason(M6_R_TRUNC_MH));

	CHECK_INT(build_and_decode("bu seq=1 A lifetime=2 mhres=255"), n0);
	CHECK_INT(frame[mh + 3], 255);
	CHECK(has_reason(M6_R_RESERVED_SET));

	CHECK_INT(build_and_decode("bu seq=1 A lifetime=2 reserved=1"), n0);
	CHECK_INT(frame[mh + 9], 0x01);
	CHECK_INT(pkt.msg.u.bu.flags, M6_BU_A | 1);

	CHECK(build_and_decode("bu seq=1 A lifetime=2 bid=1,len=6") > 0);
	CHECK(has_reason(M6_R_BID_LEN));
	CHECK(!m6_pkt_valid(&pkt));

	CHECK(build_and_decode("bu seq=1 A lifetime=2 bid=1,coa=2001:db8:3::100,misalign") > 0);
	CHECK(has_reason(M6_R_OPT_ALIGN));
	CHECK(m6_pkt_valid(&pkt)); /* misalignment is a note */
	CHECK(build_and_decode("bu seq=1 A lifetime=2 bid=1,coa=2001:db8:3::100") > 0);
	CHECK(!has_reason(M6_R_OPT_ALIGN));

	CHECK(build_and_decode("ba status=0 seq=1 bra=10,len=4") > 0);
	CHECK(has_reason(M6_R_OPT_LEN));

	/* verbatim keeps the pads as given: Pad1 Pad1 then the BID at 14. */
	int n = build_and_decode("bu seq=1 pad1=2 bid=1 verbatim");
	CHECK(n > 0);
	CHECK_MEM(frame + mh + 12, "\x00\x00\x23\x04", 4);

	/* A forced Length cuts or zero-fills the payload, raw or typed. */
	CHECK_INT(build_and_decode("bu seq=1 opt=200,deadbeef,len=2 verbatim"), (int)mh + 16);
	CHECK_MEM(frame + mh + 12, "\xc8\x02\xde\xad", 4);
	CHECK(build_and_decode("bu seq=1 opt=200,dead,len=4 verbatim") > 0);
	CHECK_MEM(frame + mh + 12, "\xc8\x04\xde\xad\x00\x00", 6);
	CHECK(build_and_decode("bu seq=1 bad,len=14 verbatim") > 0);
	CHECK_MEM(frame + mh + 12, "\x05\x0e\0\0\0\0\0\0\0\0\0\0\0\0\0\0", 16);
	CHECK(m6_pkt_valid(&pkt)); /* BAD may be 1-255 octets */

	/* noeth: the frame starts with the IPv6 header. */
	CHECK_INT(build_and_decode("bu seq=1 A lifetime=2 noeth"), n0 - 14);
	CHECK_INT(frame[0] >> 4, 6);
	CHECK_MEM(frame, plain + 14, (size_t)n0 - 14);

	/* ethpad: zero octets after the same packet, which decodes as before
	 * (its Payload Length leaves them out) */
	CHECK_INT(build_and_decode("bu seq=1 A lifetime=2 ethpad=5"), n0 + 5);
	CHECK_MEM(frame, plain, (size_t)n0);
	CHECK_MEM(frame + n0, "\0\0\0\0\0", 5);
	CHECK(pkt.has_mh && m6_pkt_valid(&pkt) && pkt.diags.n == 0);
	CHECK_INT(parse("echo-request ethpad=1500"), M6_OK);
	CHECK_INT(m6_build_encode(&b, frame, 62 + 1499), M6_ERR_NOSPACE);
}

/* mh-only: the bare MH, checksummed over src/dst. */
static void test_mh_only(void)
{
	struct m6_pseudo ps;
	struct m6_msg dec;
	struct m6_diags d = { 0 };

	CHECK_INT(parse("bu seq=1 A lifetime=2 bid=3 mh-only src=2001:db8:3::1 dst=2001:db8:4::1"), M6_OK);
	int n = m6_build_encode(&b, frame, sizeof frame);
	CHECK_INT(n, 24);
	CHECK_INT(frame[0], M6_IPPROTO_NONE);
	m6t_addr(ps.src.a, "2001:db8:3::1");
	m6t_addr(ps.dst.a, "2001:db8:4::1");
	CHECK_INT(m6_mh_decode(frame, (size_t)n, &ps, 0, 0, &dec, &d), n);
	CHECK(!m6_diags_have_error(&d));
	CHECK_INT(m6_mh_checksum(&ps, frame, (size_t)n), (frame[4] << 8) | frame[5]);
}

struct bad_spec {
	const char *spec, *want;
};

static void test_errors(void)
{
	static const struct bad_spec cases[] = {
		{ "", "empty spec" },
		{ "   \t ", "empty spec" },
		{ "xyz", "the first word must be the message" },
		{ "seq=1 bu", "the first word must be the message" },
		{ "bu xyz", "unknown word 'xyz'" },
		{ "bu foo=1", "unknown word 'foo=1'" },
		{ "bu Seq=1", "unknown word 'Seq=1'" },
		{ "bu ba", "ba: the message is the first word" },
		{ "bu mh=6", "the message is the first word" },
		{ "mh=256", "mh=256: mh out of range 0-255" },
		{ "bu bid=0x1g", "bid=0x1g: bad number '0x1g'" },
		{ "bu seq=-1", "seq=-1: bad number '-1'" },
		{ "bu seq= 1", "seq=: bad number ''" },
		{ "bu seq=65536", "seq=65536: seq out of range 0-65535" },
		{ "bu seq=99999999999999999999999", "seq out of range 0-65535" },
		{ "bu seq=1 seq=2", "seq=2: seq given twice" },
		{ "bu lifetime=1 lifetime_s=8", "lifetime_s=8: conflicts with 'lifetime'" },
		{ "bu lifetime_s=6", "lifetime_s must be a multiple of 4" },
		{ "bu lifetime_s=262144", "lifetime_s out of range 0-262140" },
		{ "hoti seq=1", "seq: not a field of hoti" },
		{ "ba A", "A: not a flag of ba" },
		{ "bu B", "B: not a flag of bu" },
		{ "bu A A", "A: A given twice" },
		{ "bu A=1", "A takes no value" },
		{ "bu seq", "seq needs a value (seq=...)" },
		{ "bu seq=1,2", "seq takes nothing after ','" },
		{ "hot reserved=1", "reserved: not a field of hot" },
		{ "bu reserved=64", "reserved out of range 0-63" },
		{ "ba reserved=8", "reserved out of range 0-7" },
		{ "bu body=00", "body: not a field of bu" },
		{ "mh=200 bid=1", "bid: mh=200 carries no options" },
		{ "mh=9 body=abc", "body: odd number of hex digits" },
		{ "hoti cookie=0102", "cookie needs 16 hex digits, got 4" },
		{ "hoti cookie=01020304050607zz", "bad hex '01020304050607zz'" },
		{ "be home=2001:db8::g", "home=2001:db8::g: bad IPv6 address '2001:db8::g'" },
		{ "bu bid=1,coa=192.0.2", "bad IPv4 address '192.0.2'" },
		{ "bu bid=1,foo", "bid has no sub-field 'foo'" },
		{ "bu bid=1,h,h", "h given twice" },
		{ "bu bid=1,res=128", "res out of range 0-127" },
		{ "bu bid=1,status", "status needs a value" },
		{ "bu bid=1,h=1", "h takes no value" },
		{ "bu bid=1,len=256", "len out of range 0-255" },
		{ "bu bid", "bid needs a value" },
		{ "bu nonce=1", "nonce needs HOME,CAREOF" },
		{ "bu bad=0011", "bad needs 24 hex digits" },
		{ "bu mnp=2001:db8::", "mnp needs PREFIX/PLEN" },
		{ "bu v4hoa=192.0.2.1/64", "prefix length out of range 0-63" },
		{ "ba v4ack=0,plen=64", "plen out of range 0-63" },
		{ "bu opt=200", "opt needs TYPE,HEX" },
		{ "bu opt=300,00", "option type out of range 0-255" },
		{ "bu padn=2", "padn=2: pad1/padn need 'verbatim' (the encoder pads by itself)" },
		{ "bu pad1", "pad1: pad1/padn need 'verbatim'" },
		{ "bu pad1,len=2 verbatim", "pad1 takes nothing after ','" },
		{ "bu pad1=0 verbatim", "pad1 out of range 1-255" },
		{ "bu tunnel=2001:db8::1", "tunnel needs SRC,DST" },
		{ "bu tunnel=2001:db8::1,2001:db8::2,2001:db8::3", "tunnel needs SRC,DST" },
		{ "bu ethsrc=02:00:00:00:00", "bad MAC address '02:00:00:00:00'" },
		{ "bu ethdst=02-00-00-00-00-01", "bad MAC address" },
		{ "bu hlim=0", "hlim out of range 1-255" },
		{ "bu noeth eth", "eth: conflicts with 'noeth'" },
		{ "bu ethpad=4 noeth", "ethpad: only in an Ethernet frame (not with noeth)" },
		{ "echo-request ethpad=0", "ethpad=0: ethpad out of range 1-1500" },
		{ "echo-request ethpad=1501", "ethpad=1501: ethpad out of range 1-1500" },
		{ "bu mh-only ethpad=2", "a bare MH (mh-only) has no packet around it" },
		{ "bu mh-only hao=2001:db8::1", "hao=2001:db8::1: a bare MH (mh-only) has no packet" },
		{ "bu tunnel=2001:db8::1,2001:db8::2 mh-only", "no packet around it for 'tunnel'" },
		{ "bu csum=bd", "csum=bd: bad number 'bd'" },
		{ "bu trunc=0", "trunc out of range 1-2048" },
		{ "bu verbatim=1", "verbatim takes no value" },
		{ "bu hdrlen=1 hdrlen=2", "hdrlen given twice" },
		{ "bu sign=00", "sign=00:" },
		{ "bu sign=0000000000000000000000000000000000000000", "the last option must be bad" },
		{ "bu bad nonce=1,2 sign=0000000000000000000000000000000000000000", "the last option must be bad" },
		{ "bu bad=00,len=4 sign=0000000000000000000000000000000000000000", "bad=00" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		err[0] = '\0';
		int rc = m6_spec_parse(cases[i].spec, &b, err, sizeof err);
		CHECK_INT(rc, M6_ERR_ARG);
		if (!strstr(err, cases[i].want)) {
			fprintf(stderr, "spec '%s': error '%s', want '%s'\n", cases[i].spec, err, cases[i].want);
			CHECK(0);
		}
		CHECK(!strchr(err, '\n'));
	}
	/* A short or absent error buffer is never overrun. */
	char tiny[8];
	CHECK_INT(m6_spec_parse("bu seq=70000", &b, tiny, sizeof tiny), M6_ERR_ARG);
	CHECK_INT(strlen(tiny), 7);
	CHECK_INT(m6_spec_parse("bu seq=70000", &b, NULL, 0), M6_ERR_ARG);
}

/* Too many options is an error, not an overrun. */
static void test_option_limit(void)
{
	static char spec[8 * (M6_MAX_OPTS + 2) + 8];
	size_t n = (size_t)snprintf(spec, sizeof spec, "bu");

	for (int i = 0; i <= M6_MAX_OPTS; i++)
		n += (size_t)snprintf(spec + n, sizeof spec - n, " bid=%d", i % 10);
	CHECK_INT(m6_spec_parse(spec, &b, err, sizeof err), M6_ERR_ARG);
	CHECK(strstr(err, "more than 128 options") != NULL);
}

int main(void)
{
	M6T_RUN(test_messages);
	M6T_RUN(test_body_fields);
	M6T_RUN(test_options);
	M6T_RUN(test_packet_words);
	M6T_RUN(test_knob_words);
	M6T_RUN(test_sign);
	M6T_RUN(test_readme_round_trip);
	M6T_RUN(test_valid_specs_decode_clean);
	M6T_RUN(test_knob_effects);
	M6T_RUN(test_mh_only);
	M6T_RUN(test_errors);
	M6T_RUN(test_option_limit);
	return m6t_finish("test_spec");
}
