/* proxy_nd.c - the node's Neighbor Advertisements: for its own addresses
 * (RFC 4861 s7.2.3), and the home agent's proxy Neighbor Discovery (RFC
 * 6275 s10.4.1): it answers Neighbor Solicitations on the home link for
 * the home addresses it holds a home registration for, with its own
 * link-layer address, and announces a new one unsolicited. */
#include <string.h>

#include "engine_internal.h"

static const m6_addr6 all_nodes = { .a = { 0xff, 0x02, [15] = 1 } };

bool m6e_nd_target(const struct m6_pkt *pkt, m6_addr6 *target)
{
	if (!pkt->has_nd || pkt->n_ip != 1 || !m6_pkt_valid(pkt) ||
	    (pkt->nd.type != M6_ICMP6_NS && pkt->nd.type != M6_ICMP6_NA))
		return false;
	*target = pkt->nd.target;
	return true;
}

static bool has_mac(const struct m6e_engine *e)
{
	static const uint8_t none[6];
	return memcmp(e->cfg.mac, none, sizeof none) != 0;
}

/* A home address is proxied while it has a home registration away from
 * home (need: a flag every such binding must carry, e.g. the L flag). At
 * home (a BID with the H flag, RFC 5648 s6.3), the mobile node defends its
 * address itself after status 0; after status 5 (without NDP) it must not,
 * and the home agent goes on doing it. */
static bool home_proxied(const struct m6e_engine *e, const m6_addr6 *hoa, uint8_t need)
{
	const struct m6e_home *home = m6e_bc_home(&e->bc, hoa);
	bool away = false, at_home = false;

	for (const struct m6e_binding *b = home ? m6e_bc_first(&e->bc, home) : NULL; b;
	     b = m6e_bc_next(&e->bc, b)) {
		if (!(b->flags & M6E_BF_HOME_REG) || (b->flags & need) != need)
			continue;
		if (b->flags & M6E_BF_AT_HOME)
			at_home = true;
		else
			away = true;
	}
	if (at_home && e->cfg.policy.return_home_status == M6_BA_ACCEPTED)
		return false;
	return away || at_home;
}

bool m6e_proxies(const struct m6e_engine *e, const m6_addr6 *addr)
{
	static const uint8_t link_local[8] = { 0xfe, 0x80 };

	if (!e->cfg.is_ha || !has_mac(e))
		return false;
	if (memcmp(addr->a, link_local, sizeof link_local))
		return home_proxied(e, addr, 0);
	/* s10.4.1: the link-local address with the home address's interface
	 * identifier, when the BU had the L flag: each home prefix gives the
	 * home address it may belong to */
	const struct m6e_policy *p = &e->cfg.policy;
	for (unsigned i = 0; i < p->n_home_prefixes; i++) {
		m6_addr6 hoa = *addr;
		memcpy(hoa.a, p->home_prefixes[i].prefix.a, 8);
		if (p->home_prefixes[i].plen == 64 && home_proxied(e, &hoa, M6E_BF_LINK_LOCAL))
			return true;
	}
	return false;
}

/* RFC 2464 s7: 33:33 and the last four octets of the group. */
static void multicast_hop(const m6_addr6 *group, struct m6e_hop *hop)
{
	hop->next_hop = *group;
	hop->has_mac = true;
	hop->mac[0] = hop->mac[1] = 0x33;
	memcpy(hop->mac + 2, group->a + 12, 4);
}

/* A Neighbor Advertisement for target with the node's link-layer address
 * (Target Link-Layer Address option, RFC 4861 s4.4); R is 0: the mobile
 * node is a host (s10.4.1). */
static int send_na(struct m6e_engine *e, const struct m6e_rx *rx, const m6_addr6 *target,
		   uint32_t flags, const struct m6e_hop *hop)
{
	struct m6_pkt_spec spec = { .src = e->cfg.addr, .dst = hop->next_hop, .hlim = 255 };
	struct m6_nd *na = &e->nd;

	memset(na, 0, sizeof *na);
	na->type = M6_ICMP6_NA;
	na->flags = flags;
	na->target = *target;
	na->has_tlla = true;
	memcpy(na->tlla, e->cfg.mac, sizeof na->tlla);
	return m6e_send_hop(rx, e, m6_nd_encode(&spec, na, NULL, e->out, sizeof e->out), hop);
}

bool m6e_proxied_ns(const struct m6e_engine *e, const struct m6_pkt *pkt)
{
	m6_addr6 target;

	return m6e_nd_target(pkt, &target) && pkt->nd.type == M6_ICMP6_NS && m6e_proxies(e, &target);
}

/* Its address, or the link-local one its Router Advertisements come from. */
static bool own(const struct m6e_engine *e, const m6_addr6 *a)
{
	static const m6_addr6 unspecified;

	return m6e_is_own(e, a) ||
	       (memcmp(a, &unspecified, sizeof *a) && !memcmp(a, &e->cfg.link_local, sizeof *a));
}

bool m6e_own_ns(const struct m6e_engine *e, const struct m6_pkt *pkt)
{
	m6_addr6 target;

	return has_mac(e) && m6e_nd_target(pkt, &target) && pkt->nd.type == M6_ICMP6_NS && own(e, &target);
}

bool m6e_answer_ns(struct m6e_engine *e, const struct m6e_rx *rx)
{
	static const m6_addr6 unspecified;
	const m6_addr6 *target = &rx->pkt->nd.target;
	uint32_t flags;

	/* RFC 4861 s7.2.4: O for the node's own address (R, a home agent
	 * being a router); s7.2.8: a proxy's answer has O = 0, so that the
	 * node itself, if there, overrides it */
	if (m6e_own_ns(e, rx->pkt))
		flags = M6_NA_O | (e->cfg.is_ha ? M6_NA_R : 0);
	else if (m6e_proxied_ns(e, rx->pkt))
		flags = 0;
	else
		return false;
	struct m6e_hop hop = { .next_hop = rx->ip->src };
	/* s7.2.4: a probe from :: (DAD) is answered to all nodes and
	 * unsolicited */
	if (!memcmp(&rx->ip->src, &unspecified, sizeof unspecified)) {
		multicast_hop(&all_nodes, &hop);
		send_na(e, rx, target, flags, &hop);
		return true;
	}
	if (rx->pkt->link == M6_LINK_ETHERNET) {
		hop.has_mac = true;
		memcpy(hop.mac, rx->pkt->eth_src, 6);
	}
	send_na(e, rx, target, flags | M6_NA_S, &hop);
	return true;
}

/* s10.4.1: to all nodes, S = 0, O = 1, for the home address and, with
 * the L flag, its link-local address. */
int m6e_proxy_announce(struct m6e_engine *e, const struct m6e_rx *rx, const m6_addr6 *hoa)
{
	struct m6e_hop hop;
	m6_addr6 link_local;

	multicast_hop(&all_nodes, &hop);
	int rc = send_na(e, rx, hoa, M6_NA_O, &hop);
	m6e_dad_link_local(hoa, &link_local);
	if (rc == M6_OK && m6e_proxies(e, &link_local))
		rc = send_na(e, rx, &link_local, M6_NA_O, &hop);
	return rc;
}
