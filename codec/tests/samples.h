/*
 * samples.h - a set of valid packets that covers every message type,
 * every option and every packet-layer form, built through the codec's
 * builder API; and data packets (ICMPv6 Echo, UDP) in the layouts a
 * mobile node's traffic takes. Shared by the round-trip, hostile-bytes
 * and bench programs and the fuzz corpus generator.
 */
#ifndef M6_SAMPLES_H
#define M6_SAMPLES_H

#include "m6codec.h"
#include "m6test.h"

struct sample {
	const char *name;
	struct m6_pkt_spec spec;
	struct m6_msg msg;
};

#define MAX_SAMPLES 48
static struct sample samples[MAX_SAMPLES];
static int n_samples;

static struct sample *sample_new(const char *name, uint8_t type)
{
	struct sample *s = &samples[n_samples++];
	memset(s, 0, sizeof *s);
	s->name = name;
	m6t_addr(s->spec.src.a, "2001:db8:2::100");
	m6t_addr(s->spec.dst.a, "2001:db8:1::1");
	m6_msg_init(&s->msg, type);
	return s;
}

static void add_bid(struct m6_msg *m, uint16_t bid, uint8_t status, uint8_t flags, const char *coa)
{
	struct m6_opt *o = m6_msg_add_opt(m, M6_OPT_BID);
	o->u.bid.bid = bid;
	o->u.bid.status = status;
	o->u.bid.flags = flags;
	if (coa && strchr(coa, ':')) {
		o->u.bid.coa_family = 6;
		m6t_addr(o->u.bid.coa6.a, coa);
	} else if (coa) {
		o->u.bid.coa_family = 4;
		inet_pton(AF_INET, coa, o->u.bid.coa4.a);
	}
}

static void add_nonce_bad(struct m6_msg *m)
{
	struct m6_opt *o = m6_msg_add_opt(m, M6_OPT_NONCE);
	o->u.nonce.home = 0x1234;
	o->u.nonce.careof = 0x5678;
	o = m6_msg_add_opt(m, M6_OPT_BAD);
	for (int i = 0; i < M6_AUTH_LEN; i++)
		o->u.auth[i] = (uint8_t)(0xa0 + i);
}

static void bu_body(struct m6_msg *m, uint16_t seq, uint16_t flags, uint16_t lifetime)
{
	m->u.bu.seq = seq;
	m->u.bu.flags = flags;
	m->u.bu.lifetime = lifetime;
}

static const struct sample *sample_find(const char *name)
{
	for (int i = 0; i < n_samples; i++)
		if (!strcmp(samples[i].name, name))
			return &samples[i];
	fprintf(stderr, "no sample %s\n", name);
	exit(2);
}

static void samples_messages(void)
{
	struct sample *s;
	struct m6_opt *o;

	s = sample_new("brr", M6_MH_BRR);
	s = sample_new("brr-bid", M6_MH_BRR);
	add_bid(&s->msg, 1, 0, 0, NULL);
	add_bid(&s->msg, 2, 0, 0, NULL);
	s = sample_new("hoti", M6_MH_HOTI);
	memcpy(s->msg.u.ti.cookie, "\x01\x02\x03\x04\x05\x06\x07\x08", 8);
	s = sample_new("coti-bid", M6_MH_COTI);
	memcpy(s->msg.u.ti.cookie, "\x11\x12\x13\x14\x15\x16\x17\x18", 8);
	add_bid(&s->msg, 3, 0, 0, NULL);
	s = sample_new("hot", M6_MH_HOT);
	s->msg.u.test.nonce_index = 7;
	memcpy(s->msg.u.test.cookie, "\x01\x02\x03\x04\x05\x06\x07\x08", 8);
	memcpy(s->msg.u.test.token, "\xf1\xf2\xf3\xf4\xf5\xf6\xf7\xf8", 8);
	s = sample_new("cot-bid", M6_MH_COT);
	s->msg.u.test.nonce_index = 9;
	memcpy(s->msg.u.test.token, "\xe1\xe2\xe3\xe4\xe5\xe6\xe7\xe8", 8);
	add_bid(&s->msg, 3, 0, 0, NULL);
	s = sample_new("bu-plain", M6_MH_BU);
	bu_body(&s->msg, 7, M6_BU_A | M6_BU_H, 100);
	s = sample_new("bu-bulk4", M6_MH_BU);
	bu_body(&s->msg, 8, M6_BU_A | M6_BU_H | M6_BU_O, 1000);
	add_bid(&s->msg, 1, 0, 0, "2001:db8:2::5");
	add_bid(&s->msg, 2, 0, 0, "2001:db8:3::5");
	add_bid(&s->msg, 3, 0, 0, "2001:db8:4::5");
	add_bid(&s->msg, 4, 0, 0, "2001:db8:5::5");
	s = sample_new("bu-bid-v4", M6_MH_BU);
	bu_body(&s->msg, 9, M6_BU_A | M6_BU_H, 50);
	add_bid(&s->msg, 2, 0, 0, "192.0.2.7");
	s = sample_new("bu-bid-nocoa-h", M6_MH_BU);
	bu_body(&s->msg, 10, M6_BU_A | M6_BU_H, 0);
	add_bid(&s->msg, 5, 0, M6_BID_H, NULL);
	s = sample_new("bu-rr", M6_MH_BU);
	bu_body(&s->msg, 11, M6_BU_A, 105);
	add_bid(&s->msg, 1, 0, 0, "2001:db8:2::100");
	add_nonce_bad(&s->msg);
	s = sample_new("bu-altcoa", M6_MH_BU);
	bu_body(&s->msg, 12, M6_BU_A | M6_BU_H | M6_BU_L | M6_BU_K, 20);
	o = m6_msg_add_opt(&s->msg, M6_OPT_ALTCOA);
	m6t_addr(o->u.altcoa.a, "2001:db8:6::1");
	s = sample_new("bu-nemo", M6_MH_BU);
	bu_body(&s->msg, 13, M6_BU_A | M6_BU_H | M6_BU_R, 30);
	o = m6_msg_add_opt(&s->msg, M6_OPT_MNP);
	o->u.mnp.plen = 64;
	m6t_addr(o->u.mnp.prefix.a, "2001:db8:77::");
	s = sample_new("bu-mnid-lla", M6_MH_BU);
	bu_body(&s->msg, 14, M6_BU_A | M6_BU_H | M6_BU_M | M6_BU_P | M6_BU_F | M6_BU_T, 40);
	m6_msg_add_raw_opt(&s->msg, M6_OPT_MNID, (const uint8_t *)"\x01mn@example.com", 15);
	m6_msg_add_raw_opt(&s->msg, M6_OPT_LLA, (const uint8_t *)"\x02\x02\x00\x00\x00\x00\x01", 7);
	s = sample_new("bu-dsmip", M6_MH_BU);
	bu_body(&s->msg, 15, M6_BU_A | M6_BU_H, 60);
	o = m6_msg_add_opt(&s->msg, M6_OPT_V4HOA);
	o->u.v4.byte0 = 24 << 2;
	inet_pton(AF_INET, "192.0.2.10", o->u.v4.addr.a);
	o = m6_msg_add_opt(&s->msg, M6_OPT_V4COA);
	inet_pton(AF_INET, "198.51.100.20", o->u.v4.addr.a);
	s = sample_new("ba-accept", M6_MH_BA);
	s->msg.u.ba.seq = 7;
	s->msg.u.ba.lifetime = 100;
	o = m6_msg_add_opt(&s->msg, M6_OPT_BRA);
	o->u.refresh = 50;
	s = sample_new("ba-notcomplete", M6_MH_BA);
	s->msg.u.ba.status = M6_BA_MCOA_NOTCOMPLETE;
	s->msg.u.ba.seq = 8;
	s->msg.u.ba.lifetime = 1000;
	add_bid(&s->msg, 1, 0, 0, NULL);
	add_bid(&s->msg, 2, M6_BA_MCOA_MALFORMED, 0, NULL);
	add_bid(&s->msg, 3, M6_BA_MCOA_UNKNOWN_COA, 0, NULL);
	add_bid(&s->msg, 4, 0, 0, NULL);
	s = sample_new("ba-reject-flags", M6_MH_BA);
	s->msg.u.ba.status = M6_BA_MCOA_BULK_PROHIBITED;
	s->msg.u.ba.flags = M6_BA_K | M6_BA_R | M6_BA_P | M6_BA_T | M6_BA_B;
	s->msg.u.ba.seq = 9;
	s = sample_new("ba-dsmip", M6_MH_BA);
	s->msg.u.ba.seq = 10;
	s->msg.u.ba.lifetime = 60;
	o = m6_msg_add_opt(&s->msg, M6_OPT_V4ACK);
	o->u.v4.byte1 = 24 << 2;
	inet_pton(AF_INET, "192.0.2.10", o->u.v4.addr.a);
	o = m6_msg_add_opt(&s->msg, M6_OPT_NATD);
	o->u.v4.byte0 = 0x80;
	o->u.v4.word = 110;
	s = sample_new("ba-rr", M6_MH_BA);
	s->msg.u.ba.seq = 11;
	s->msg.u.ba.lifetime = 105;
	o = m6_msg_add_opt(&s->msg, M6_OPT_BAD);
	memset(o->u.auth, 0x5a, M6_AUTH_LEN);
	s = sample_new("be", M6_MH_BE);
	s->msg.u.be.status = M6_BE_UNKNOWN_MH_TYPE;
	m6t_addr(s->msg.u.be.hoa.a, "2001:db8:1::100");
	s = sample_new("other-12", 12);
	memcpy(s->msg.data, "\x00\x00\x01\x02\x03\x04\x05\x06\x07\x08", 10);
	s->msg.data_len = 10;
	s = sample_new("bu-unknown-opt", M6_MH_BU);
	bu_body(&s->msg, 16, M6_BU_A, 10);
	m6_msg_add_raw_opt(&s->msg, 200, (const uint8_t *)"\xde\xad\xbe\xef", 4);
}

/* Packet-layer variants of a BU with BIDs and of a BA. */
static void samples_packets(void)
{
	struct sample *s;
	const struct sample *bu = sample_find("bu-bulk4"), *ba = sample_find("ba-notcomplete");

	s = sample_new("bu-hao", M6_MH_BU);
	s->msg = bu->msg;
	s->spec.hao = true;
	m6t_addr(s->spec.hoa.a, "2001:db8:1::100");
	s = sample_new("ba-rh2", M6_MH_BA);
	s->msg = ba->msg;
	s->spec.rh2 = true;
	m6t_addr(s->spec.rh2_addr.a, "2001:db8:1::100");
	s = sample_new("bu-eth-hbh-frag", M6_MH_BU);
	s->msg = bu->msg;
	s->spec.eth = true;
	memcpy(s->spec.eth_src, "\x02\x00\x00\x00\x00\x01", 6);
	memcpy(s->spec.eth_dst, "\x02\x00\x00\x00\x00\x02", 6);
	s->spec.hbh = true;
	s->spec.frag = true;
	s->spec.frag_id = 0x01020304;
	s->spec.hao = true;
	m6t_addr(s->spec.hoa.a, "2001:db8:1::100");
	s = sample_new("bu-tunnel", M6_MH_BU);
	s->msg = bu->msg;
	s->spec.tunnel = true;
	m6t_addr(s->spec.outer_src.a, "2001:db8:2::100");
	m6t_addr(s->spec.outer_dst.a, "2001:db8:1::1");
	m6t_addr(s->spec.src.a, "2001:db8:1::100");
	s = sample_new("ba-eth-rh2", M6_MH_BA);
	s->msg = ba->msg;
	s->spec.eth = true;
	s->spec.rh2 = true;
	m6t_addr(s->spec.rh2_addr.a, "2001:db8:1::100");
}

/* Data packets: encoded with m6_data_encode instead of an MH. */
struct data_sample {
	const char *name;
	struct m6_pkt_spec spec;
	struct m6_data data;
};

#define MAX_DATA_SAMPLES 8
static struct data_sample data_samples[MAX_DATA_SAMPLES];
static int n_data_samples;

static struct data_sample *data_sample_new(const char *name, uint8_t proto, uint8_t type, const char *bytes)
{
	struct data_sample *s = &data_samples[n_data_samples++];
	memset(s, 0, sizeof *s);
	s->name = name;
	m6t_addr(s->spec.src.a, "2001:db8:3::100"); /* a care-of address */
	m6t_addr(s->spec.dst.a, "2001:db8:1::1");
	s->data.proto = proto;
	s->data.type = type;
	s->data.len = (uint16_t)strlen(bytes);
	memcpy(s->data.bytes, bytes, s->data.len);
	return s;
}

static void samples_data(void)
{
	struct data_sample *s;

	n_data_samples = 0;
	/* RFC 6275 s9.3.1: a home address the receiver has no binding for */
	s = data_sample_new("echo-request-hao", M6_IPPROTO_ICMPV6, M6_ICMP6_ECHO_REQUEST, "ping");
	s->data.id = 0x1234;
	s->data.seq = 1;
	s->spec.hao = true;
	m6t_addr(s->spec.hoa.a, "2001:db8:2::100");
	s = data_sample_new("echo-reply-rh2", M6_IPPROTO_ICMPV6, M6_ICMP6_ECHO_REPLY, "pong!");
	s->data.id = 0x1234;
	s->data.seq = 65535;
	s->spec.src = s->spec.dst;
	m6t_addr(s->spec.dst.a, "2001:db8:3::100");
	s->spec.rh2 = true;
	m6t_addr(s->spec.rh2_addr.a, "2001:db8:2::100");
	s = data_sample_new("echo-request-tunnel-eth", M6_IPPROTO_ICMPV6, M6_ICMP6_ECHO_REQUEST, "");
	s->data.seq = 7;
	s->spec.eth = true;
	memcpy(s->spec.eth_src, "\x02\x00\x00\x00\x00\x01", 6);
	memcpy(s->spec.eth_dst, "\x02\x00\x00\x00\x00\x02", 6);
	s->spec.tunnel = true;
	s->spec.outer_src = s->spec.src;
	s->spec.outer_dst = s->spec.dst;
	m6t_addr(s->spec.src.a, "2001:db8:2::100");
	m6t_addr(s->spec.dst.a, "2001:db8:4::1");
	s = data_sample_new("udp-plain", M6_IPPROTO_UDP, 0, "tagged datagram");
	s->data.sport = 49152;
	s->data.dport = 9;
	s = data_sample_new("udp-hbh-hao-frag-eth", M6_IPPROTO_UDP, 0, "odd");
	s->data.sport = 5000;
	s->data.dport = 6000;
	s->spec.eth = true;
	s->spec.hbh = true;
	s->spec.hao = true;
	m6t_addr(s->spec.hoa.a, "2001:db8:2::100");
	s->spec.frag = true;
	s->spec.frag_id = 0xa0b0c0d0;
	s = data_sample_new("udp-tunnel-rh2-hao", M6_IPPROTO_UDP, 0, "both");
	s->data.sport = 1;
	s->data.dport = 65535;
	s->spec.tunnel = true;
	m6t_addr(s->spec.outer_src.a, "2001:db8:1::1");
	m6t_addr(s->spec.outer_dst.a, "2001:db8:3::100");
	s->spec.rh2 = true;
	m6t_addr(s->spec.rh2_addr.a, "2001:db8:2::100");
	s->spec.hao = true;
	m6t_addr(s->spec.hoa.a, "2001:db8:2::200");
	s = data_sample_new("udp-empty-dstopts-first", M6_IPPROTO_UDP, 0, "");
	s->spec.hao = true;
	m6t_addr(s->spec.hoa.a, "2001:db8:2::100");
	s->spec.rh2 = true;
	m6t_addr(s->spec.rh2_addr.a, "2001:db8:2::200");
	s->spec.hao_before_rh2 = true;
	/* seed 003 s6.3.1: home address 2001:db8:1::3 bound to care-of address
	 * 2001:db8:1::2, itself a home address bound to 2001:db8:2::9 (RFC
	 * 2473 s4: nested encapsulation at the home agent) */
	s = data_sample_new("echo-request-nested-tunnel", M6_IPPROTO_ICMPV6, M6_ICMP6_ECHO_REQUEST, "");
	s->data.seq = 3;
	s->spec.hlim = 19;
	s->spec.tunnel = true;
	m6t_addr(s->spec.outer_src.a, "2001:db8:1::1");
	m6t_addr(s->spec.outer_dst.a, "2001:db8:2::9");
	s->spec.n_nested = 1;
	m6t_addr(s->spec.nested[0].src.a, "2001:db8:1::1");
	m6t_addr(s->spec.nested[0].dst.a, "2001:db8:1::2");
	m6t_addr(s->spec.src.a, "2001:db8:4::1");
	m6t_addr(s->spec.dst.a, "2001:db8:1::3");
}

static void samples_init(void)
{
	n_samples = 0;
	samples_messages();
	samples_packets();
	samples_data();
}

#endif
