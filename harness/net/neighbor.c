/* neighbor.c - Neighbor Advertisements for the emulated addresses (neighbor.h). */
#include <string.h>

#include "neighbor.h"

#define ND_NS 135
#define ND_NA 136
#define NA_SOLICITED_OVERRIDE 0x60000000u /* S and O flags */
#define OPT_TARGET_LLA 2

size_t m6h_neighbor_advert(const uint8_t *frame, size_t len, const struct m6_pkt *pkt, const uint8_t mac[6],
			   const m6_addr6 *not_ours, uint8_t *out, size_t cap)
{
	static const uint8_t doc[4] = { 0x20, 0x01, 0x0d, 0xb8 };
	const struct m6_ip6 *ip = pkt->n_ip ? &pkt->ip[pkt->n_ip - 1] : NULL;
	m6_addr6 target;

	if (!ip || !pkt->has_icmp6 || pkt->icmp6.type != ND_NS || !pkt->icmp6.csum_ok ||
	    (size_t)pkt->icmp6.off + 24 > len ||
	    pkt->link != M6_LINK_ETHERNET)
		return 0;
	memcpy(target.a, frame + pkt->icmp6.off + 8, 16);
	if (memcmp(target.a, doc, 4) || !memcmp(&target, not_ours, sizeof target))
		return 0;
	struct m6_pkt_spec spec = { .eth = true, .hlim = 255, .src = target, .dst = ip->src };
	memcpy(spec.eth_dst, pkt->eth_src, 6);
	memcpy(spec.eth_src, mac, 6);
	static const m6_addr6 unspecified;
	if (!memcmp(&ip->src, &unspecified, sizeof unspecified)) /* DAD: to all nodes */
		memcpy(spec.dst.a, "\xff\x02\0\0\0\0\0\0\0\0\0\0\0\0\0\x01", 16);
	uint8_t body[16 + 8];
	memcpy(body, target.a, 16);
	body[16] = OPT_TARGET_LLA;
	body[17] = 1; /* 8 octets */
	memcpy(body + 18, mac, 6);
	int n = m6_icmp6_encode(&spec, ND_NA, 0, NA_SOLICITED_OVERRIDE, body, sizeof body, out, cap);
	return n > 0 ? (size_t)n : 0;
}
