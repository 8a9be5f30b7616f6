/* neighbor.c - Neighbor Advertisements for the held addresses (neighbor.h). */
#include <arpa/inet.h>
#include <string.h>

#include "neighbor.h"

#define ND_NS 135
#define ND_NA 136
#define NA_ROUTER 0x80000000u
#define NA_SOLICITED 0x40000000u
#define NA_OVERRIDE 0x20000000u
#define OPT_TARGET_LLA 2
#define NS_TARGET_OFF 8 /* after type, code, checksum and the reserved word */

int m6h_held_add(struct m6h_held *h, const char *text, bool router)
{
	m6_addr6 a;

	if (inet_pton(AF_INET6, text, a.a) != 1)
		return -1;
	for (int i = 0; i < h->n; i++)
		if (!memcmp(&h->addr[i], &a, sizeof a))
			return 0;
	if (h->n == M6H_HELD_MAX)
		return -1;
	h->addr[h->n] = a;
	h->router[h->n++] = router;
	return 0;
}

void m6h_held_add_routers(struct m6h_held *h)
{
	m6h_held_add(h, M6H_ROUTER_ADDR, true);
	m6h_held_add(h, M6H_ROUTER_FOREIGN_ADDR, true);
}

bool m6h_neighbor_target(const uint8_t *frame, size_t len, const struct m6_pkt *pkt, m6_addr6 *target)
{
	if (!pkt->n_ip || !pkt->has_icmp6 || pkt->icmp6.type != ND_NS ||
	    (size_t)pkt->icmp6.off + NS_TARGET_OFF + 16 > len || pkt->link != M6_LINK_ETHERNET)
		return false;
	memcpy(target->a, frame + pkt->icmp6.off + NS_TARGET_OFF, 16);
	return true;
}

/* Is dst the solicited-node multicast address of target: ff02::1:ff and
 * target's last 24 bits (RFC 4291 s2.7.1)? */
static bool solicited_node(const m6_addr6 *target, const m6_addr6 *dst)
{
	static const uint8_t prefix[13] = { 0xff, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01, 0xff };
	return !memcmp(dst->a, prefix, sizeof prefix) && !memcmp(dst->a + 13, target->a + 13, 3);
}

/* Would a node holding target hear a solicitation sent to dst? To the
 * address itself (unreachability detection) or to its solicited-node
 * group (RFC 4861 s7.2.2); a DAD probe only to the group (RFC 4862
 * s5.4.2): a probe sent elsewhere reaches no node that holds the address. */
static bool heard(const m6_addr6 *target, const m6_addr6 *dst, bool dad)
{
	return solicited_node(target, dst) || (!dad && !memcmp(dst, target, sizeof *dst));
}

bool m6h_neighbor_dad_probe(const uint8_t *frame, size_t len, const struct m6_pkt *pkt, m6_addr6 *target)
{
	return m6h_neighbor_target(frame, len, pkt, target) && pkt->icmp6.csum_ok &&
	       m6_addr_unspecified(&pkt->ip[pkt->n_ip - 1].src) && heard(target, &pkt->ip[pkt->n_ip - 1].dst, true);
}

size_t m6h_neighbor_advert(const uint8_t *frame, size_t len, const struct m6_pkt *pkt, const uint8_t mac[6],
			   const struct m6h_held *held, uint8_t *out, size_t cap)
{
	m6_addr6 target;
	int k = 0;

	if (!m6h_neighbor_target(frame, len, pkt, &target) || !pkt->icmp6.csum_ok)
		return 0;
	while (k < held->n && memcmp(&held->addr[k], &target, sizeof target))
		k++;
	if (k == held->n)
		return 0;
	const struct m6_ip6 *ip = &pkt->ip[pkt->n_ip - 1];
	bool dad = m6_addr_unspecified(&ip->src);
	if (!heard(&target, &ip->dst, dad))
		return 0;
	struct m6_pkt_spec spec = { .eth = true, .hlim = 255, .src = target, .dst = ip->src };
	memcpy(spec.eth_dst, pkt->eth_src, 6);
	memcpy(spec.eth_src, mac, 6);
	if (dad) { /* the prober has no address yet: to all nodes, not solicited */
		memcpy(spec.dst.a, "\xff\x02\0\0\0\0\0\0\0\0\0\0\0\0\0\x01", 16);
		memcpy(spec.eth_dst, "\x33\x33\0\0\0\x01", 6);
	}
	uint32_t flags = NA_OVERRIDE | (dad ? 0 : NA_SOLICITED) | (held->router[k] ? NA_ROUTER : 0);
	uint8_t body[16 + 8];
	memcpy(body, target.a, 16);
	body[16] = OPT_TARGET_LLA;
	body[17] = 1; /* 8 octets */
	memcpy(body + 18, mac, 6);
	int n = m6_icmp6_encode(&spec, ND_NA, 0, flags, body, sizeof body, out, cap);
	return n > 0 ? (size_t)n : 0;
}
