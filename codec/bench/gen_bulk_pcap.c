/* gen_bulk_pcap.c - writes a pcap of bulk registrations for the `mip6kit
 * check` benchmark: COUNT Ethernet frames, each BU (4 BIDs with IPv6
 * care-of addresses, A and H set, from a care-of address with a Home
 * Address option) followed by its BA (status 0, the 4 BIDs, RH2), over
 * NODES home addresses in turn, each with its sequence number going up.
 * usage: gen_bulk_pcap FILE COUNT [NODES] */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "m6codec.h"
#include "pcap_out.h"

#define BIDS 4

static void addr(m6_addr6 *a, uint16_t prefix3, uint32_t low)
{
	memset(a, 0, sizeof *a);
	a->a[0] = 0x20, a->a[1] = 0x01, a->a[2] = 0x0d, a->a[3] = 0xb8;
	a->a[4] = (uint8_t)(prefix3 >> 8), a->a[5] = (uint8_t)prefix3;
	a->a[12] = (uint8_t)(low >> 24), a->a[13] = (uint8_t)(low >> 16);
	a->a[14] = (uint8_t)(low >> 8), a->a[15] = (uint8_t)low;
}

/* The BU (answer false) or BA of node n's registration number seq. */
static int frame(uint8_t *out, size_t cap, uint32_t n, uint16_t seq, bool answer)
{
	static struct m6_msg msg;
	struct m6_pkt_spec spec = { .eth = true };
	m6_addr6 ha, hoa, coa;

	memcpy(spec.eth_src, answer ? "\x02\0\0\0\0\x02" : "\x02\0\0\0\0\x01", 6);
	memcpy(spec.eth_dst, answer ? "\x02\0\0\0\0\x01" : "\x02\0\0\0\0\x02", 6);
	addr(&ha, 1, 1);
	addr(&hoa, 1, 0x10000 + n);
	addr(&coa, 2, 0x10000 + n);
	m6_msg_init(&msg, answer ? M6_MH_BA : M6_MH_BU);
	if (answer) {
		msg.u.ba = (struct m6_mh_ba){ .status = M6_BA_ACCEPTED, .seq = seq, .lifetime = 100 };
		spec.src = ha, spec.dst = coa, spec.rh2 = true, spec.rh2_addr = hoa;
	} else {
		msg.u.bu = (struct m6_mh_bu){ .seq = seq, .flags = M6_BU_A | M6_BU_H, .lifetime = 100 };
		spec.src = coa, spec.dst = ha, spec.hao = true, spec.hoa = hoa;
	}
	for (int b = 0; b < BIDS; b++) {
		struct m6_opt *o = m6_msg_add_opt(&msg, M6_OPT_BID);
		o->u.bid.bid = (uint16_t)(b + 1);
		if (!answer) {
			o->u.bid.coa_family = 6;
			addr(&o->u.bid.coa6, (uint16_t)(2 + b), 0x10000 + n);
		}
	}
	return m6_pkt_encode(&spec, &msg, NULL, out, cap);
}

int main(int argc, char **argv)
{
	static uint8_t buf[4096];

	if (argc < 3 || argc > 4 || atol(argv[2]) <= 0 || (argc == 4 && atol(argv[3]) <= 0)) {
		fprintf(stderr, "usage: gen_bulk_pcap FILE COUNT [NODES]\n");
		return 2;
	}
	long count = atol(argv[2]), nodes = argc == 4 ? atol(argv[3]) : 10000;
	struct pcap_out out;
	if (!pcap_out_open(&out, "gen_bulk_pcap", argv[1]))
		return 2;
	for (long i = 0; i < count; i++) {
		long exchange = i / 2;
		int len = frame(buf, sizeof buf, (uint32_t)(exchange % nodes), (uint16_t)(1 + exchange / nodes), i % 2);
		if (len < 0) {
			fprintf(stderr, "gen_bulk_pcap: a frame does not encode\n");
			return 1;
		}
		/* 10 us apart: a million packets in 10 s, every answer in its window */
		pcap_out_frame(&out, 1700000000 + i / 100000, (i % 100000) * 10, buf, len);
	}
	pcap_out_close(&out);
	return 0;
}
