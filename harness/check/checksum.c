/* checksum.c - every frame the IUT sends carries checksums that verify:
 * the Mobility Header's (RFC 6275 s6.1.1), the ICMPv6 message's, Neighbor
 * Discovery and DAD probes included (RFC 4443 s2.3), the UDP datagram's
 * (RFC 8200 s8.1). A receiver silently discards a message whose checksum
 * does not verify (RFC 6275 s9.2, RFC 4861 s7.1.1), so such a frame
 * answers nothing and a DAD probe probes nothing. Only what the IUT makes
 * is judged, not what it forwards: a frame whose innermost source is its
 * address, or one from its MAC address with the unspecified or a
 * link-local source (DAD, Neighbor Discovery). */
#include <stdio.h>

#include "check_state.h"

static bool made_by_iut(const struct m6c_checker *c, const struct m6_pkt *pkt)
{
	const m6_addr6 *src = &pkt->ip[pkt->n_ip - 1].src;

	return m6c_addr_eq(src, &c->o.iut) || (pkt->n_ip == 1 && (m6_addr_unspecified(src) || m6_addr_link_local(src)) && m6c_from_iut(c, pkt));
}

/* What the frame is, for the finding: "a Binding Acknowledgement", "a DAD
 * probe (Neighbor Solicitation) for 2001:db8:1::5". */
static void describe(const struct m6_pkt *pkt, char *buf, size_t cap)
{
	char t[INET6_ADDRSTRLEN];
	const char *name;

	if (pkt->has_mh) {
		name = m6_mh_type_name(pkt->msg.type);
		snprintf(buf, cap, "a Mobility Header message (%s)", name ? name : "unknown type");
	} else if (pkt->has_nd && pkt->nd.type == M6_ICMP6_NS && m6_addr_unspecified(&pkt->ip[0].src)) {
		snprintf(buf, cap, "a DAD probe (Neighbor Solicitation) for %s", m6c_addr_text(&pkt->nd.target, t));
	} else if (pkt->has_icmp6) {
		name = pkt->has_nd ? m6_nd_type_name(pkt->nd.type) : NULL;
		if (name)
			snprintf(buf, cap, "an ICMPv6 %s", name);
		else
			snprintf(buf, cap, "an ICMPv6 message of type %u", pkt->icmp6.type);
	} else {
		snprintf(buf, cap, "a UDP datagram");
	}
}

void m6c_checksums(struct m6c_checker *c, const struct m6t_frame *f)
{
	const struct m6_pkt *pkt = f->pkt;
	const char *req;
	uint16_t sent;

	if (pkt->has_mh && pkt->csum_checked && !pkt->csum_ok) {
		req = "MIP6-6.1.1-1";
		sent = pkt->msg.checksum;
	} else if (pkt->has_icmp6 && pkt->icmp6.csum_checked && !pkt->icmp6.csum_ok) {
		req = "ICMP6-2.3-1";
		sent = pkt->icmp6.checksum;
	} else if (pkt->has_udp && pkt->udp.csum_checked && !pkt->udp.csum_ok) {
		req = "IPV6-8.1-1";
		sent = pkt->udp.checksum;
	} else {
		return;
	}
	if (!made_by_iut(c, pkt))
		return;
	char what[INET6_ADDRSTRLEN + 64], did[INET6_ADDRSTRLEN + 120];
	describe(pkt, what, sizeof what);
	snprintf(did, sizeof did, "sent %s with checksum 0x%04x, which does not verify", what, sent);
	m6c_finding(c, f->info.frame, 0, req, "a checksum that verifies (a receiver silently discards the message)", did);
}
