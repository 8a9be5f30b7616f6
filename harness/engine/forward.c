/* forward.c - the home agent forwards packets for its mobile nodes: a
 * packet for a home address with a home registration goes through an
 * IPv6-in-IPv6 tunnel to a bound care-of address (RFC 6275 s10.4.2, RFC
 * 2473), or on the home link when the mobile node is at home (RFC 5648
 * s5.6); which care-of address is the configured choice (coa_choice). A
 * care-of address that is itself a home address bound away from home
 * (seed 003 s6.3.1) has the tunnelled packet intercepted again: nested
 * tunnels (RFC 2473 s4). A decapsulated packet (s10.4.5) goes on to its
 * destination the same way. */
#include <string.h>

#include "engine_internal.h"

#define ICMP6_TIME_EXCEEDED 3

/* Tunnel levels at most. The cache holds no circle of bindings (the BU
 * that would close one is discarded, circular.c), so a chain ends; it is
 * bounded all the same, by 1 + RFC 2473 s6.7's default Tunnel
 * Encapsulation Limit of 4 (s4.1.1: levels a tunnel packet may still
 * take), so that every packet made decodes whole (M6_MAX_IP). */
#define M6E_MAX_TUNNELS 5
_Static_assert(M6E_MAX_TUNNELS <= M6_MAX_IP - 1, "the codec walks every level the engine makes");

bool m6e_is_own(const struct m6e_engine *e, const m6_addr6 *a)
{
	return !memcmp(a, &e->cfg.addr, sizeof *a);
}

static bool has_home_reg(const struct m6e_engine *e, const m6_addr6 *hoa)
{
	const struct m6e_home *home = m6e_bc_home(&e->bc, hoa);

	for (const struct m6e_binding *b = home ? m6e_bc_first(&e->bc, home) : NULL; b;
	     b = m6e_bc_next(&e->bc, b))
		if (b->flags & M6E_BF_HOME_REG)
			return true;
	return false;
}

bool m6e_intercepts(const struct m6e_engine *e, const struct m6_pkt *pkt, const m6_addr6 *dst)
{
	static const uint8_t none[6];

	/* s10.4.1: what proxy ND (or the mobile node's own address at home)
	 * brought to the node's link-layer address; Neighbor Discovery
	 * belongs to the link it was sent on (hop limit 255) */
	if (!e->cfg.is_ha || !memcmp(e->cfg.mac, none, sizeof none) || pkt->has_nd ||
	    (pkt->link == M6_LINK_ETHERNET && memcmp(pkt->eth_dst, e->cfg.mac, 6)) || m6e_is_own(e, dst))
		return false;
	return has_home_reg(e, dst);
}

static bool on_link(const struct m6e_engine *e, const m6_addr6 *a)
{
	static const uint8_t link_local[8] = { 0xfe, 0x80 };

	return !memcmp(a->a, link_local, sizeof link_local) || m6e_policy_home_addr(&e->cfg.policy, a);
}

/* The next hop to dst: on the home link itself, else the default router. */
static struct m6e_hop hop_to(const struct m6e_engine *e, const m6_addr6 *dst)
{
	static const m6_addr6 none;
	struct m6e_hop hop = { .next_hop = *dst };

	if (!on_link(e, dst) && memcmp(&e->cfg.default_router, &none, sizeof none))
		hop.next_hop = e->cfg.default_router;
	return hop;
}

/* FNV-1a over the inner source, destination and flow label (RFC 6437:
 * the three name a flow). */
static uint32_t flow_hash(const struct m6_ip6 *ip)
{
	uint32_t h = 2166136261u;
	uint8_t flow[3] = { (uint8_t)(ip->flow >> 16), (uint8_t)(ip->flow >> 8), (uint8_t)ip->flow };
	const uint8_t *parts[3] = { ip->src.a, ip->dst.a, flow };
	const size_t lens[3] = { 16, 16, 3 };

	for (int k = 0; k < 3; k++)
		for (size_t i = 0; i < lens[k]; i++)
			h = (h ^ parts[k][i]) * 16777619u;
	return h;
}

static bool tunnel_candidate(const struct m6e_binding *b)
{
	return (b->flags & M6E_BF_HOME_REG) && !(b->flags & M6E_BF_AT_HOME) && !b->coa_v4;
}

static bool better(uint8_t choice, const struct m6e_binding *b, const struct m6e_binding *best)
{
	if (!best)
		return true;
	if (choice == M6E_COA_NEWEST) {
		uint32_t at = b->expiry_s - b->lifetime_s, best_at = best->expiry_s - best->lifetime_s;
		if (at != best_at)
			return at > best_at;
	}
	return b->bid < best->bid;
}

/* The binding whose care-of address carries a packet (RFC 5648 leaves it
 * to flow bindings): never a deregistered or expired one, those are no
 * longer in the cache; NULL when only IPv4 care-of addresses are bound. */
static const struct m6e_binding *choose_binding(const struct m6e_engine *e, const struct m6e_home *home,
						const struct m6_ip6 *ip)
{
	const struct m6e_binding *best = NULL, *b;
	uint32_t n = 0;

	for (b = m6e_bc_first(&e->bc, home); b; b = m6e_bc_next(&e->bc, b))
		if (tunnel_candidate(b)) {
			n++;
			if (better(e->cfg.coa_choice, b, best))
				best = b;
		}
	if (e->cfg.coa_choice != M6E_COA_FLOW_HASH || n == 0)
		return best;
	uint32_t k = flow_hash(ip) % n;
	for (b = m6e_bc_first(&e->bc, home); b; b = m6e_bc_next(&e->bc, b))
		if (tunnel_candidate(b) && k-- == 0)
			break;
	return b;
}

static bool at_home(const struct m6e_engine *e, const struct m6e_home *home)
{
	for (const struct m6e_binding *b = m6e_bc_first(&e->bc, home); b; b = m6e_bc_next(&e->bc, b))
		if ((b->flags & M6E_BF_HOME_REG) && (b->flags & M6E_BF_AT_HOME))
			return true;
	return false;
}

/* The packet under ip, as long as its Payload Length says and was captured. */
static size_t packet_len(const struct m6e_rx *rx, const struct m6_ip6 *ip)
{
	size_t left = ip->off < rx->raw_len ? rx->raw_len - ip->off : 0;
	size_t want = 40 + (size_t)ip->plen;
	return want < left ? want : left;
}

/* RFC 4443 s3.3: a router that would send a packet with Hop Limit 0
 * drops it and says so to its source. */
static int time_exceeded(struct m6e_engine *e, const struct m6e_rx *rx, const struct m6_ip6 *ip)
{
	struct m6_pkt_spec spec = { .src = e->cfg.addr, .dst = ip->src };
	struct m6e_hop hop = hop_to(e, &ip->src);

	m6e_drop(rx, M6E_DROP_HOP_LIMIT, 0);
	if (ip->src.a[0] == 0xff)
		return M6_OK;
	return m6e_send_hop(rx, e, m6_icmp6_encode(&spec, ICMP6_TIME_EXCEEDED, 0, 0, rx->raw + ip->off,
						   packet_len(rx, ip), e->out, sizeof e->out), &hop);
}

/* The packet under ip forwarded, inside tunnels[0] (the innermost) to
 * tunnels[n - 1] when n > 0: each level is forwarded into the next as a
 * router forwards (RFC 2473 s3.1, m6_ip6_forward: Hop Limit one less),
 * e->out and e->nest taking turns so that the last level lands in e->out. */
static int encapsulate(struct m6e_engine *e, const struct m6e_rx *rx, const struct m6_ip6 *ip,
		       const struct m6_tunnel *tunnels, int n)
{
	uint8_t *buf[2] = { e->out, e->nest };
	const uint8_t *in = rx->raw + ip->off;
	int levels = n > 0 ? n : 1, len = (int)packet_len(rx, ip);

	for (int k = 0; k < levels && len >= 0; k++) {
		uint8_t *to = buf[(levels - 1 - k) % 2];
		len = m6_ip6_forward(in, (size_t)len, n > 0 ? &tunnels[k] : NULL, to, M6E_OUT_MAX);
		in = to;
	}
	return len;
}

/* Sends what encapsulate makes, then its events, one per tunnel level. */
static int send_forwarded(struct m6e_engine *e, const struct m6e_rx *rx, const struct m6_ip6 *ip,
			  const struct m6_tunnel *tunnels, int n, const struct m6e_hop *hop,
			  const struct m6e_event *ev)
{
	int len = encapsulate(e, rx, ip, tunnels, n);

	if (len == M6_ERR_ARG && ip->hlim <= 1)
		return time_exceeded(e, rx, ip);
	int rc = m6e_send_hop(rx, e, len, hop);
	for (int k = 0; rc == M6_OK && k < (n > 0 ? n : 1); k++)
		m6e_emit(rx->sink, &ev[k]);
	return rc;
}

/* Is a packet the home agent tunnels to coa for it to intercept again? */
static bool intercepted_again(const struct m6e_engine *e, const m6_addr6 *coa)
{
	return has_home_reg(e, coa) && !at_home(e, m6e_bc_home(&e->bc, coa));
}

int m6e_forward_to_mobile(struct m6e_engine *e, const struct m6e_rx *rx, const struct m6_ip6 *ip)
{
	const struct m6e_home *home = m6e_bc_home(&e->bc, &ip->dst);
	struct m6e_event ev = { .hoa = ip->dst };

	if (at_home(e, home)) { /* RFC 5648 s5.6.4: to it on the home link */
		struct m6e_hop hop = { .next_hop = ip->dst };
		ev.kind = M6E_EV_DELIVERED;
		return send_forwarded(e, rx, ip, NULL, 0, &hop, &ev);
	}
	/* s10.4.2: tunnel entry point the home agent, exit point the care-of
	 * address; a level more for each care-of address that is a home
	 * address the home agent intercepts for, its header (from the home
	 * agent, flow label 0) what the next level's choice sees */
	struct m6_tunnel tunnels[M6E_MAX_TUNNELS];
	struct m6e_event evs[M6E_MAX_TUNNELS];
	struct m6_ip6 level_hdr;
	const struct m6_ip6 *carried = ip;
	int n = 0;
	do {
		if (n == M6E_MAX_TUNNELS) {
			m6e_drop(rx, M6E_DROP_ENCAP_LIMIT, 0);
			return M6_OK;
		}
		const struct m6e_binding *b = choose_binding(e, home, carried);
		if (!b) {
			m6e_drop(rx, M6E_DROP_NO_COA, 0);
			return M6_OK;
		}
		tunnels[n] = (struct m6_tunnel){ .src = e->cfg.addr, .dst = b->coa };
		evs[n++] = m6e_binding_event(M6E_EV_TUNNELLED, &e->bc, b);
		level_hdr = (struct m6_ip6){ .src = e->cfg.addr, .dst = b->coa };
		carried = &level_hdr;
		home = m6e_bc_home(&e->bc, &b->coa);
	} while (intercepted_again(e, &carried->dst));
	struct m6e_hop hop = hop_to(e, &tunnels[n - 1].dst);
	return send_forwarded(e, rx, ip, tunnels, n, &hop, evs);
}

int m6e_forward(struct m6e_engine *e, const struct m6e_rx *rx, const struct m6_ip6 *ip)
{
	if (has_home_reg(e, &ip->dst))
		return m6e_forward_to_mobile(e, rx, ip);
	struct m6e_hop hop = hop_to(e, &ip->dst);
	struct m6e_event ev = { .kind = M6E_EV_DECAPSULATED, .hoa = ip->src, .coa = rx->pkt->ip[0].src };
	return send_forwarded(e, rx, ip, NULL, 0, &hop, &ev);
}
