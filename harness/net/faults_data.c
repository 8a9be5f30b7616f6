/* faults_data.c - seeded faults of the data plane (faults_data.h). The
 * node remembers the home registrations it has seen (a few home
 * addresses, each with the first care-of address registered for it and
 * how many BUs registered it) the way a forwarding table filled at
 * registration would. */
#include <string.h>

#include "faults_data.h"
#include "m6codec.h"

#define SLOTS 64

static struct {
	m6_addr6 hoa, coa;   /* coa: the first registered, kept until a full deregistration */
	unsigned bus;        /* BUs that registered it (2 and up: refreshed) */
	bool used;
} seen[SLOTS];

static struct m6_pkt pkt;

static bool same(const m6_addr6 *a, const m6_addr6 *b)
{
	return !memcmp(a, b, sizeof *a);
}

static int slot_of(const m6_addr6 *hoa)
{
	for (int i = 0; i < SLOTS; i++)
		if (seen[i].used && same(&seen[i].hoa, hoa))
			return i;
	return -1;
}

static const m6_addr6 *home_of(const struct m6_ip6 *ip)
{
	for (unsigned i = 0; i < ip->n_ext; i++)
		if (ip->ext[i].has_hao)
			return &ip->ext[i].hao;
	return &ip->src;
}

/* A home registration's care-of address: the first BID's, else the
 * Alternate Care-of Address option's, else the source. */
static m6_addr6 coa_of(const struct m6_msg *m, const struct m6_ip6 *ip)
{
	for (int i = m6_msg_next_opt(m, 0, M6_OPT_BID); i >= 0; i = m6_msg_next_opt(m, i + 1, M6_OPT_BID))
		if (m->opts[i].u.bid.coa_family == 6)
			return m->opts[i].u.bid.coa6;
	int alt = m6_msg_next_opt(m, 0, M6_OPT_ALTCOA);
	return alt >= 0 ? m->opts[alt].u.altcoa : ip->src;
}

static void watch_bu(const struct m6_msg *m, const struct m6_ip6 *ip)
{
	const m6_addr6 *hoa = home_of(ip);
	int k = slot_of(hoa);
	bool bids = m6_msg_next_opt(m, 0, M6_OPT_BID) >= 0;

	if (m->u.bu.lifetime == 0) {
		if (!bids && k >= 0) /* only a full deregistration empties the table */
			seen[k].used = false;
		return;
	}
	if (k < 0) {
		k = (hoa->a[14] * 256 + hoa->a[15]) % SLOTS;
		seen[k].used = true;
		seen[k].hoa = *hoa;
		seen[k].coa = coa_of(m, ip);
		seen[k].bus = 0;
	}
	seen[k].bus++;
}

size_t m6h_data_watch(uint8_t *frame, size_t len, size_t cap)
{
	(void)cap;
	if (m6_pkt_decode(frame, len, M6_LINK_ETHERNET, true, &pkt) == M6_OK && pkt.has_mh && pkt.n_ip == 1 &&
	    m6_pkt_valid(&pkt) && pkt.msg.type == M6_MH_BU && (pkt.msg.u.bu.flags & M6_BU_H))
		watch_bu(&pkt.msg, &pkt.ip[0]);
	return len;
}

/* A packet the engine tunnelled (decoded into pkt), else false. */
static bool tunnelled(const uint8_t *p, size_t len)
{
	return m6_pkt_decode(p, len, M6_LINK_RAW, false, &pkt) == M6_OK && pkt.n_ip == 2;
}

/* The outer source copied from the inner one: the correspondent's
 * address, where the home agent's belongs (RFC 2473 s3, s10.4.2). */
size_t m6h_tunnel_wrong_source(uint8_t *p, size_t len, size_t cap)
{
	(void)cap;
	if (tunnelled(p, len))
		memcpy(p + 8, pkt.ip[1].src.a, 16);
	return len;
}

/* The inner packet leaves with the hop limit it came with. */
size_t m6h_tunnel_keeps_hlim(uint8_t *p, size_t len, size_t cap)
{
	(void)cap;
	if (tunnelled(p, len) && pkt.ip[1].hlim < 255)
		p[pkt.ip[1].off + 7] = (uint8_t)(pkt.ip[1].hlim + 1);
	return len;
}

/* The tunnel goes to the first care-of address registered for the home
 * address, deregistered BIDs included. */
size_t m6h_tunnel_stale_coa_tx(uint8_t *p, size_t len, size_t cap)
{
	(void)cap;
	int k = tunnelled(p, len) ? slot_of(&pkt.ip[1].dst) : -1;
	if (k >= 0)
		memcpy(p + 24, seen[k].coa.a, 16);
	return len;
}

/* A reverse tunnelled packet is taken from any source: the node hands
 * the engine the care-of address it knows for the inner source. */
size_t m6h_reverse_any_source(uint8_t *frame, size_t len, size_t cap)
{
	m6h_data_watch(frame, len, cap);
	if (m6_pkt_decode(frame, len, M6_LINK_ETHERNET, false, &pkt) != M6_OK || pkt.n_ip != 2)
		return len;
	int k = slot_of(&pkt.ip[1].src);
	if (k >= 0)
		memcpy(frame + pkt.ip[0].off + 8, seen[k].coa.a, 16);
	return len;
}

/* A Neighbor Solicitation (decoded into pkt) and the home record of its
 * target, or -1. */
static int ns_target_slot(const uint8_t *frame, size_t len)
{
	if (m6_pkt_decode(frame, len, M6_LINK_ETHERNET, true, &pkt) != M6_OK || !pkt.has_nd ||
	    pkt.nd.type != M6_ICMP6_NS)
		return -2;
	return slot_of(&pkt.nd.target);
}

/* The proxy entry is lost when the first refresh rewrites the binding:
 * Neighbor Solicitations for the address go unanswered from then on. */
size_t m6h_proxy_stops_at_refresh(uint8_t *frame, size_t len, size_t cap)
{
	m6h_data_watch(frame, len, cap);
	int k = ns_target_slot(frame, len);
	return k >= 0 && seen[k].bus >= 2 ? 0 : len;
}

/* The whole home prefix is proxied once one address is: a solicitation
 * for an unbound address on the /64 of a bound one is answered as for
 * the bound one, and the answer then names the address asked for. */
static m6_addr6 asked, answered;
static bool rewritten;

size_t m6h_proxy_unbound_rx(uint8_t *frame, size_t len, size_t cap)
{
	m6h_data_watch(frame, len, cap);
	rewritten = false;
	if (ns_target_slot(frame, len) != -1)
		return len;
	for (int i = 0; i < SLOTS; i++) {
		if (!seen[i].used || memcmp(seen[i].hoa.a, pkt.nd.target.a, 8))
			continue;
		struct m6_pkt_spec spec = { .eth = true, .src = pkt.ip[0].src, .dst = pkt.ip[0].dst,
					    .hlim = pkt.ip[0].hlim };
		memcpy(spec.eth_src, pkt.eth_src, 6);
		memcpy(spec.eth_dst, pkt.eth_dst, 6);
		struct m6_nd ns = pkt.nd;
		asked = ns.target;
		answered = ns.target = seen[i].hoa;
		int n = m6_nd_encode(&spec, &ns, NULL, frame, cap);
		rewritten = n > 0;
		return n > 0 ? (size_t)n : len;
	}
	return len;
}

size_t m6h_proxy_unbound_tx(uint8_t *p, size_t len, size_t cap)
{
	if (!rewritten || m6_pkt_decode(p, len, M6_LINK_RAW, true, &pkt) != M6_OK || !pkt.has_nd ||
	    pkt.nd.type != M6_ICMP6_NA || !same(&pkt.nd.target, &answered))
		return len;
	struct m6_pkt_spec spec = { .src = pkt.ip[0].src, .dst = pkt.ip[0].dst, .hlim = pkt.ip[0].hlim };
	struct m6_nd na = pkt.nd;
	na.target = asked;
	int n = m6_nd_encode(&spec, &na, NULL, p, cap);
	return n > 0 ? (size_t)n : len;
}

/* A DHAAD Reply that lists no home agent: the node leaves itself out,
 * as if it only listed the others it heard Router Advertisements from
 * (RFC 6275 s10.5.1: its own address belongs in the list). */
size_t m6h_dhaad_no_self(uint8_t *p, size_t len, size_t cap)
{
	if (m6_pkt_decode(p, len, M6_LINK_RAW, true, &pkt) != M6_OK || !pkt.has_nd ||
	    pkt.nd.type != M6_ICMP6_DHAAD_REP)
		return len;
	struct m6_pkt_spec spec = { .src = pkt.ip[0].src, .dst = pkt.ip[0].dst, .hlim = pkt.ip[0].hlim };
	struct m6_nd rep = pkt.nd;
	rep.n_ha = 0;
	int n = m6_nd_encode(&spec, &rep, NULL, p, cap);
	return n > 0 ? (size_t)n : len;
}

/* A correspondent node that answers its echo services to the home
 * address directly, without the type 2 routing header (s9.3.2). */
size_t m6h_cn_echo_no_rh2(uint8_t *p, size_t len, size_t cap)
{
	if (m6_pkt_decode(p, len, M6_LINK_RAW, true, &pkt) != M6_OK || !pkt.has_data || pkt.n_ip != 1)
		return len;
	const struct m6_ip6 *ip = &pkt.ip[0];
	for (unsigned i = 0; i < ip->n_ext; i++)
		if (ip->ext[i].proto == M6_IPPROTO_ROUTING && ip->ext[i].rh_type == 2) {
			struct m6_pkt_spec spec = { .src = ip->src, .dst = ip->ext[i].rh_addr, .hlim = ip->hlim };
			int n = m6_data_encode(&spec, &pkt.data, NULL, p, cap);
			return n > 0 ? (size_t)n : len;
		}
	return len;
}
