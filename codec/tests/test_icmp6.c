/* test_icmp6.c - ICMPv6 messages around Mobility Headers: the Parameter
 * Problem a receiver sends for a bad MH (RFC 6275 s9.2) is built and read
 * back, with its checksum and the invoking packet it quotes. */
#include "m6test.h"
#include "m6codec.h"

static struct m6_pkt pkt, inner;

static void spec_between(struct m6_pkt_spec *s, const char *src, const char *dst)
{
	memset(s, 0, sizeof *s);
	m6t_addr(s->src.a, src);
	m6t_addr(s->dst.a, dst);
}

/* A BU with Payload Proto 6 (from the MN) and the HA's answer to it. */
static int bad_proto_bu(uint8_t *bu, size_t cap)
{
	struct m6_pkt_spec s;
	struct m6_msg m;
	struct m6_enc_knobs k = { .proto_set = true, .proto = 6 };

	spec_between(&s, "2001:db8:2::100", "2001:db8:1::1");
	m6_msg_init(&m, M6_MH_BU);
	m.u.bu.seq = 9;
	m.u.bu.flags = M6_BU_A | M6_BU_H;
	return m6_pkt_encode(&s, &m, &k, bu, cap);
}

static void test_param_problem_round_trip(void)
{
	uint8_t bu[256], out[2048];
	struct m6_pkt_spec s;
	int n = bad_proto_bu(bu, sizeof bu);

	spec_between(&s, "2001:db8:1::1", "2001:db8:2::100");
	s.eth = true;
	int len = m6_icmp6_encode(&s, M6_ICMP6_PARAM_PROBLEM, M6_ICMP6_PP_FIELD, 40, bu, (size_t)n, out,
				  sizeof out);
	CHECK_INT(len, 14 + 40 + 8 + n);
	CHECK_INT(m6_pkt_decode(out, (size_t)len, M6_LINK_ETHERNET, true, &pkt), M6_OK);
	CHECK(pkt.has_icmp6 && !pkt.has_mh);
	CHECK_INT(pkt.upper, M6_IPPROTO_ICMPV6);
	CHECK_INT(pkt.icmp6.type, M6_ICMP6_PARAM_PROBLEM);
	CHECK_INT(pkt.icmp6.code, 0);
	CHECK_INT(pkt.icmp6.param, 40);
	CHECK(pkt.icmp6.csum_checked && pkt.icmp6.csum_ok);
	CHECK_INT(pkt.icmp6.off, 54);
	CHECK_INT(pkt.icmp6.body_len, n);
	/* The quoted packet decodes to the BU, pointer 40 at its Payload Proto. */
	CHECK_INT(m6_pkt_decode(out + pkt.icmp6.body_off, pkt.icmp6.body_len, M6_LINK_RAW, true, &inner), M6_OK);
	CHECK(inner.has_mh);
	CHECK_INT(inner.msg.u.bu.seq, 9);
	CHECK_INT(inner.mh_off, pkt.icmp6.param);
}

static void test_checksum_catches_every_byte(void)
{
	uint8_t bu[256], out[2048];
	struct m6_pkt_spec s;
	int n = bad_proto_bu(bu, sizeof bu);

	spec_between(&s, "2001:db8:1::1", "2001:db8:2::100");
	int len = m6_icmp6_encode(&s, M6_ICMP6_PARAM_PROBLEM, 0, 40, bu, (size_t)n, out, sizeof out);
	for (int i = 40; i < len; i++) {
		out[i] ^= 0x10;
		m6_pkt_decode(out, (size_t)len, M6_LINK_RAW, true, &pkt);
		CHECK(pkt.has_icmp6 && !pkt.icmp6.csum_ok);
		out[i] ^= 0x10;
	}
	m6_pkt_decode(out, (size_t)len, M6_LINK_RAW, false, &pkt);
	CHECK(!pkt.icmp6.csum_checked);
}

/* RFC 4443 s2.4(c): the error message stays within the minimum MTU. */
static void test_invoking_packet_is_cut_to_the_minimum_mtu(void)
{
	static uint8_t big[3000], out[4096];
	struct m6_pkt_spec s;

	spec_between(&s, "2001:db8:1::1", "2001:db8:2::100");
	memset(big, 0x5a, sizeof big);
	int len = m6_icmp6_encode(&s, M6_ICMP6_PARAM_PROBLEM, 1, 6, big, sizeof big, out, sizeof out);
	CHECK_INT(len, M6_ICMP6_MIN_MTU);
	m6_pkt_decode(out, (size_t)len, M6_LINK_RAW, true, &pkt);
	CHECK(pkt.icmp6.csum_ok);
	CHECK_INT(pkt.icmp6.body_len, M6_ICMP6_MIN_MTU - 48);
	CHECK_INT(m6_icmp6_encode(&s, 4, 1, 6, big, sizeof big, out, 100), M6_ERR_NOSPACE);
	/* Informational messages quote nothing; short ones are not decoded. */
	len = m6_icmp6_encode(&s, 128, 0, 0x00010002, NULL, 0, out, sizeof out);
	m6_pkt_decode(out, (size_t)len, M6_LINK_RAW, true, &pkt);
	CHECK(pkt.has_icmp6 && pkt.icmp6.csum_ok);
	CHECK_INT(pkt.icmp6.body_len, 0);
	m6_pkt_decode(out, (size_t)len - 1, M6_LINK_RAW, true, &pkt);
	CHECK(!pkt.has_icmp6);
}

/* The generic checksum agrees with a plain RFC 1071 sum at odd offsets too. */
static void test_upper_checksum_any_offset(void)
{
	uint8_t data[64];
	struct m6_pseudo ps;

	m6t_addr(ps.src.a, "2001:db8::1");
	m6t_addr(ps.dst.a, "2001:db8::2");
	for (size_t i = 0; i < sizeof data; i++)
		data[i] = (uint8_t)(i * 37 + 11);
	for (size_t off = 0; off + 2 <= 33; off++) {
		uint32_t sum = 0;
		for (int i = 0; i < 16; i += 2)
			sum += (uint32_t)(ps.src.a[i] << 8 | ps.src.a[i + 1]) + (uint32_t)(ps.dst.a[i] << 8 | ps.dst.a[i + 1]);
		sum += 33 + 17;
		for (size_t i = 0; i < 33; i += 2) {
			uint8_t hi = (i == off || i == off + 1) ? 0 : data[i];
			uint8_t lo = i + 1 >= 33 || i + 1 == off || i + 1 == off + 1 ? 0 : data[i + 1];
			sum += (uint32_t)(hi << 8 | lo);
		}
		while (sum >> 16)
			sum = (sum & 0xffff) + (sum >> 16);
		CHECK_INT(m6_upper_checksum(&ps, 17, data, 33, off), (uint16_t)~sum);
	}
}

int main(void)
{
	M6T_RUN(test_param_problem_round_trip);
	M6T_RUN(test_checksum_catches_every_byte);
	M6T_RUN(test_invoking_packet_is_cut_to_the_minimum_mtu);
	M6T_RUN(test_upper_checksum_any_offset);
	return m6t_finish("test_icmp6");
}
