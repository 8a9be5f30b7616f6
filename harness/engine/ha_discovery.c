/* ha_discovery.c - what a home agent answers about itself: Dynamic Home
 * Agent Address Discovery (RFC 6275 s10.5), Mobile Prefix Discovery
 * (s10.6, s11.4.2) and, to a Router Solicitation on the home link, a
 * Router Advertisement with the H bit and a Home Agent Information option
 * (s7.1-s7.4). Read and built by the codec's ND API (struct m6_nd). */
#include <string.h>

#include "engine_internal.h"

#define ROUTER_LIFETIME_S 1800  /* RFC 4861 s6.2.1: 3 x MaxRtrAdvInterval (600 s) */
#define VALID_LIFETIME_S 2592000 /* AdvValidLifetime, 30 days */
#define PREFERRED_LIFETIME_S 604800 /* AdvPreferredLifetime, 7 days */

static const m6_addr6 all_nodes = { .a = { 0xff, 0x02, [15] = 1 } };

/* RFC 2526 s3: the Mobile IPv6 Home-Agents anycast address of a /64 is
 * the prefix with interface identifier fdff:ffff:ffff:fffe. */
static bool home_agents_anycast(const struct m6e_engine *e, const m6_addr6 *a)
{
	static const uint8_t iid[8] = { 0xfd, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xfe };
	const struct m6e_policy *p = &e->cfg.policy;

	if (memcmp(a->a + 8, iid, sizeof iid))
		return false;
	for (unsigned i = 0; i < p->n_home_prefixes; i++)
		if (p->home_prefixes[i].plen == 64 && !memcmp(a->a, p->home_prefixes[i].prefix.a, 8))
			return true;
	return false;
}

bool m6e_ha_discovery(const struct m6e_engine *e, const struct m6_pkt *pkt)
{
	static const uint8_t none[6];
	static const m6_addr6 unspecified;

	if (!e->cfg.is_ha || !pkt->has_nd || pkt->n_ip != 1 || !m6_pkt_valid(pkt))
		return false;
	switch (pkt->nd.type) {
	case M6_ICMP6_DHAAD_REQ: return home_agents_anycast(e, &pkt->ip[0].dst);
	case M6_ICMP6_MPS: return m6e_is_own(e, &pkt->ip[0].dst);
	case M6_ICMP6_RS: /* the RA carries the MAC, from the link-local address */
		return memcmp(e->cfg.mac, none, sizeof none) && memcmp(&e->cfg.link_local, &unspecified, sizeof unspecified);
	default: return false;
	}
}

/* The home prefixes as Prefix Information options (RFC 4861 s4.6.2): on
 * link, autonomous; with R (s7.2) the prefix that holds the node's
 * address carries that whole address. */
static void add_prefixes(const struct m6e_engine *e, struct m6_nd *nd, bool router_address)
{
	const struct m6e_policy *p = &e->cfg.policy;

	for (unsigned i = 0; i < p->n_home_prefixes && nd->n_prefixes < M6_ND_MAX_PREFIXES; i++) {
		struct m6_nd_prefix *pi = &nd->prefixes[nd->n_prefixes++];
		pi->plen = p->home_prefixes[i].plen;
		pi->flags = M6_PI_L | M6_PI_A;
		pi->valid = VALID_LIFETIME_S;
		pi->preferred = PREFERRED_LIFETIME_S;
		pi->prefix = p->home_prefixes[i].prefix;
		if (router_address && m6e_prefix_holds(&p->home_prefixes[i], &e->cfg.addr)) {
			pi->flags |= M6_PI_R;
			pi->prefix = e->cfg.addr;
		}
	}
}

int m6e_ha_discover(struct m6e_engine *e, const struct m6e_rx *rx)
{
	const struct m6_nd *req = &rx->pkt->nd;
	struct m6_nd *nd = &e->nd;
	struct m6_pkt_spec spec = { .src = e->cfg.addr, .dst = rx->ip->src };

	memset(nd, 0, sizeof *nd);
	nd->id = req->id;
	if (req->type == M6_ICMP6_DHAAD_REQ) {
		/* s10.5: to the source, from the node's own address (not the
		 * anycast), the home agents of the link by preference: itself */
		nd->type = M6_ICMP6_DHAAD_REP;
		nd->n_ha = 1;
		nd->ha[0] = e->cfg.addr;
		return m6e_send(rx, e, m6_nd_encode(&spec, nd, NULL, e->out, sizeof e->out));
	}
	if (req->type == M6_ICMP6_MPS) {
		/* s10.6.2: to the care-of address, through RH2 to the home
		 * address the Home Address option named (checked: s9.3.1) */
		nd->type = M6_ICMP6_MPA;
		add_prefixes(e, nd, false);
		if (rx->has_hao) {
			spec.rh2 = true;
			spec.rh2_addr = rx->hoa;
		}
		return m6e_send(rx, e, m6_nd_encode(&spec, nd, NULL, e->out, sizeof e->out));
	}
	/* s7.3, s7.4: a Router Advertisement to all nodes, from the node's
	 * link-local address, hop limit 255, with H and the Home Agent
	 * Information option */
	struct m6e_hop hop = { .next_hop = all_nodes, .has_mac = true, .mac = { 0x33, 0x33, 0, 0, 0, 1 } };
	spec.src = e->cfg.link_local;
	spec.dst = all_nodes;
	spec.hlim = 255;
	nd->type = M6_ICMP6_RA;
	nd->cur_hlim = 64;
	nd->flags = M6_RA_H;
	nd->router_lifetime = ROUTER_LIFETIME_S;
	nd->has_slla = true;
	memcpy(nd->slla, e->cfg.mac, sizeof nd->slla);
	add_prefixes(e, nd, true);
	nd->has_hainfo = true;
	nd->ha_lifetime = ROUTER_LIFETIME_S;
	return m6e_send_hop(rx, e, m6_nd_encode(&spec, nd, NULL, e->out, sizeof e->out), &hop);
}
