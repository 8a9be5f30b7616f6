/* test_patch.c - patching a decoded packet in place (pkt_patch.c): every
 * address the decoder located goes through the map, the other octets stay,
 * the checksum is right again (or stays wrong when asked), and a field
 * the packet does not have, or does not hold whole, is refused. */
#include <string.h>

#include "m6codec.h"
#include "m6test.h"

static uint8_t frame[512];
static struct m6_pkt pkt, scratch;

/* Every 2001:db8:K:: address becomes 2001:db8:K+16::, others stay. */
static void shift_prefix(m6_addr6 *a, void *arg)
{
	int *calls = arg;
	(*calls)++;
	if (a->a[0] == 0x20 && a->a[1] == 0x01 && a->a[2] == 0x0d && a->a[3] == 0xb8)
		a->a[5] = (uint8_t)(a->a[5] + 16);
}

/* A BU from a care-of address with a Home Address option, an Alternate
 * Care-of Address, a BID with an IPv6 care-of address and one with IPv4. */
static int build_bu(bool bad_csum)
{
	struct m6_pkt_spec spec = { .eth = true, .hao = true };
	struct m6_msg msg;
	struct m6_enc_knobs knobs = { .csum_bad = bad_csum };

	m6t_addr(spec.src.a, "2001:db8:2::5");
	m6t_addr(spec.dst.a, "2001:db8:1::1");
	m6t_addr(spec.hoa.a, "2001:db8:1::abc");
	m6_msg_init(&msg, M6_MH_BU);
	msg.u.bu.seq = 7;
	msg.u.bu.flags = M6_BU_A | M6_BU_H;
	msg.u.bu.lifetime = 100;
	struct m6_opt *o = m6_msg_add_opt(&msg, M6_OPT_ALTCOA);
	m6t_addr(o->u.altcoa.a, "2001:db8:3::5");
	o = m6_msg_add_opt(&msg, M6_OPT_BID);
	o->u.bid.bid = 1;
	o->u.bid.coa_family = 6;
	m6t_addr(o->u.bid.coa6.a, "2001:db8:4::5");
	o = m6_msg_add_opt(&msg, M6_OPT_BID);
	o->u.bid.bid = 2;
	o->u.bid.coa_family = 4;
	memcpy(o->u.bid.coa4.a, (uint8_t[]){ 192, 0, 2, 7 }, 4);
	int n = m6_pkt_encode(&spec, &msg, &knobs, frame, sizeof frame);
	m6_pkt_decode(frame, (size_t)n, M6_LINK_ETHERNET, true, &pkt);
	return n;
}

static void test_addresses_mapped(void)
{
	int len = build_bu(false), calls = 0;
	m6_addr6 want;

	CHECK(len > 0);
	/* source, destination, home address, alternate and BID care-of addresses */
	CHECK_INT(m6_pkt_patch_addrs(frame, (size_t)len, &pkt, shift_prefix, &calls), 5);
	CHECK_INT(calls, 5);
	CHECK_INT(m6_pkt_patch_checksum(frame, (size_t)len, M6_LINK_ETHERNET, false, &scratch), M6_OK);
	m6_pkt_decode(frame, (size_t)len, M6_LINK_ETHERNET, true, &pkt);
	CHECK(m6_pkt_valid(&pkt) && pkt.csum_ok);
	m6t_addr(want.a, "2001:db8:12::5");
	CHECK_MEM(pkt.ip[0].src.a, want.a, 16);
	m6t_addr(want.a, "2001:db8:11::abc");
	CHECK_MEM(pkt.ip[0].ext[0].hao.a, want.a, 16);
	m6t_addr(want.a, "2001:db8:13::5");
	CHECK_MEM(pkt.msg.opts[m6_msg_next_opt(&pkt.msg, 0, M6_OPT_ALTCOA)].u.altcoa.a, want.a, 16);
	int bid = m6_msg_next_opt(&pkt.msg, 0, M6_OPT_BID);
	m6t_addr(want.a, "2001:db8:14::5");
	CHECK_MEM(pkt.msg.opts[bid].u.bid.coa6.a, want.a, 16);
	bid = m6_msg_next_opt(&pkt.msg, bid + 1, M6_OPT_BID);
	CHECK_MEM(pkt.msg.opts[bid].u.bid.coa4.a, ((uint8_t[]){ 192, 0, 2, 7 }), 4);
}

static void test_fields_written(void)
{
	int len = build_bu(false);

	CHECK_INT(m6_pkt_patch_bu_seq(frame, (size_t)len, &pkt, 0xbeef), M6_OK);
	CHECK_INT(m6_pkt_patch_checksum(frame, (size_t)len, M6_LINK_ETHERNET, false, &scratch), M6_OK);
	m6_pkt_decode(frame, (size_t)len, M6_LINK_ETHERNET, true, &pkt);
	CHECK_INT(pkt.msg.u.bu.seq, 0xbeef);
	CHECK_INT(pkt.msg.u.bu.lifetime, 100);
	CHECK(pkt.csum_ok);
	/* no Nonce Indices option in it: refused, nothing written */
	uint8_t before[512];
	memcpy(before, frame, sizeof before);
	CHECK_INT(m6_pkt_patch_nonce(frame, (size_t)len, &pkt, 1, 2), M6_ERR_ARG);
	CHECK_MEM(frame, before, sizeof before);
}

static void test_wrong_checksum_kept_wrong(void)
{
	int len = build_bu(true), calls = 0;

	CHECK(!pkt.csum_ok);
	m6_pkt_patch_addrs(frame, (size_t)len, &pkt, shift_prefix, &calls);
	CHECK_INT(m6_pkt_patch_checksum(frame, (size_t)len, M6_LINK_ETHERNET, true, &scratch), M6_OK);
	m6_pkt_decode(frame, (size_t)len, M6_LINK_ETHERNET, true, &pkt);
	CHECK(pkt.csum_checked && !pkt.csum_ok);
	CHECK_INT(m6_pkt_patch_checksum(frame, (size_t)len, M6_LINK_ETHERNET, false, &scratch), M6_OK);
	m6_pkt_decode(frame, (size_t)len, M6_LINK_ETHERNET, true, &pkt);
	CHECK(pkt.csum_ok);
}

static void test_refused(void)
{
	int len = build_bu(false);

	/* a capture cut inside the MH: its checksum cannot be computed */
	CHECK_INT(m6_pkt_patch_checksum(frame, (size_t)len - 4, M6_LINK_ETHERNET, false, &scratch),
		  M6_ERR_TRUNCATED);
	/* a BU's sequence number in a packet that is no BU */
	struct m6_pkt_spec spec = { .eth = true };
	struct m6_msg msg;
	m6t_addr(spec.src.a, "2001:db8:1::1");
	m6t_addr(spec.dst.a, "2001:db8:2::5");
	m6_msg_init(&msg, M6_MH_BRR);
	len = m6_pkt_encode(&spec, &msg, NULL, frame, sizeof frame);
	m6_pkt_decode(frame, (size_t)len, M6_LINK_ETHERNET, true, &pkt);
	CHECK_INT(m6_pkt_patch_bu_seq(frame, (size_t)len, &pkt, 1), M6_ERR_ARG);
	/* an address the decoder located past the end of the buffer is not written */
	int calls = 0;
	CHECK_INT(m6_pkt_patch_addrs(frame, 30, &pkt, shift_prefix, &calls), 0);
}

int main(void)
{
	M6T_RUN(test_addresses_mapped);
	M6T_RUN(test_fields_written);
	M6T_RUN(test_wrong_checksum_kept_wrong);
	M6T_RUN(test_refused);
	return m6t_finish("test_patch");
}
