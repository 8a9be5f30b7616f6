/* test_engine_data.c - the reference engine's data plane: proxy Neighbor
 * Discovery and tunnelling at the home agent (RFC 6275 s10.4, RFC 5648
 * s5.6, s9.3), the correspondent node's echo services (s9.3). */
#include <stdio.h>
#include <string.h>

#include "m6test.h"
#include "engine_driver.h"

#define HAO "hao=" MN_HOA
#define HOME_BU "bu A H " HAO
#define HA_MAC "\x02\x00\x00\x00\x00\x02"  /* the spec language's default ethdst */
#define PEER_MAC "\x02\x00\x00\x00\x00\x01" /* and ethsrc */
#define COA1 "2001:db8:2::5"
#define COA2 "2001:db8:3::5"
#define CN "2001:db8:4::1"
#define ROUTER "2001:db8:1::fe"
#define HA_LINK_LOCAL "fe80::d1:7217" /* not HA_MAC's EUI-64: the engine takes what it is given */
#define TWO_BIDS HOME_BU " seq=1 lifetime=100 bid=1,coa=" COA1 " bid=2,coa=" COA2

static uint8_t coa_choice;

static void with_mac(struct m6e_config *c)
{
	memcpy(c->mac, HA_MAC, 6);
	m6t_addr(c->link_local.a, HA_LINK_LOCAL);
	m6t_addr(c->default_router.a, ROUTER);
	c->coa_choice = coa_choice;
}

static void with_mac_only(struct m6e_config *c)
{
	memcpy(c->mac, HA_MAC, 6);
}

static void start(uint8_t choice)
{
	coa_choice = choice;
	drv_start(with_mac);
}

/* A Neighbor Solicitation for target from src on the home link (RFC 4861
 * s4.3), with a Source Link-Layer Address option unless from ::. */
static int send_ns(const char *src, const char *target)
{
	static uint8_t frame[256];
	struct m6_pkt_spec spec = { .eth = true, .hlim = 255 };
	struct m6_nd ns = { .type = M6_ICMP6_NS };

	m6t_addr(ns.target.a, target);
	m6t_addr(spec.src.a, src);
	ns.has_slla = spec.src.a[0] != 0;
	memcpy(ns.slla, PEER_MAC, 6);
	memcpy(spec.eth_src, PEER_MAC, 6);
	m6t_addr(spec.dst.a, "ff02::1:ff00:0");
	memcpy(spec.dst.a + 13, ns.target.a + 13, 3);
	memcpy(spec.eth_dst, "\x33\x33\xff", 3);
	memcpy(spec.eth_dst + 3, ns.target.a + 13, 3);
	int n = m6_nd_encode(&spec, &ns, NULL, frame, sizeof frame);
	return n < 0 ? -1 : drv_receive(frame, (size_t)n, M6_LINK_ETHERNET);
}

/* Packet i is a valid Neighbor Advertisement for target with the HA's
 * link-layer address, flags (S, O) as given, to dst. */
static bool is_na(int i, const char *target, uint32_t flags, const char *dst)
{
	const struct m6_nd *na = &drv.decoded.nd;
	if (!drv_decode(i) || !drv.decoded.has_nd || !m6_pkt_valid(&drv.decoded) || na->type != M6_ICMP6_NA)
		return false;
	return na->flags == flags && addr_is(&na->target, target) && addr_is(&drv.decoded.ip[0].dst, dst) &&
	       na->has_tlla && !memcmp(na->tlla, HA_MAC, 6);
}

#define NA_S M6_NA_S
#define NA_O M6_NA_O
#define NA_R M6_NA_R

static void proxy_nd_only_for_bound_home_addresses(void)
{
	start(M6E_COA_LOWEST_BID);
	CHECK_INT(send_ns(CN, MN_HOA), 0);
	CHECK_INT(drv_send(HOME_BU " seq=1 lifetime=100"), 2);
	CHECK(is_na(0, MN_HOA, NA_O, "ff02::1")); /* s10.4.1: unsolicited, O set, before the BA */
	CHECK(drv.hop[0].has_mac && !memcmp(drv.hop[0].mac, "\x33\x33\x00\x00\x00\x01", 6));
	CHECK(drv_decode(1) && drv_ba_status() == M6_BA_ACCEPTED);
	CHECK_INT(send_ns("2001:db8:1::50", MN_HOA), 1);
	CHECK(is_na(0, MN_HOA, NA_S, "2001:db8:1::50")); /* RFC 4861 s7.2.8: a proxy's O is 0 */
	CHECK(drv.hop[0].has_mac && !memcmp(drv.hop[0].mac, PEER_MAC, 6));
	CHECK_INT(send_ns("::", MN_HOA), 1); /* a DAD probe: defended, to all nodes */
	CHECK(is_na(0, MN_HOA, 0, "ff02::1"));
	CHECK_INT(send_ns(CN, "2001:db8:1::200"), 0); /* never an address without binding */
	CHECK_INT(send_ns(CN, "fe80::100"), 0);      /* no L flag: not the link-local address */
	CHECK_INT(drv_send(HOME_BU " seq=2 lifetime=100"), 1); /* a refresh: no new announcement */
	CHECK_INT(send_ns(CN, MN_HOA), 1);
	CHECK_INT(drv_send(HOME_BU " seq=3 lifetime=0"), 1);
	CHECK_INT(send_ns(CN, MN_HOA), 0); /* deregistered: no longer */
}

static void proxy_nd_link_local_and_expiry(void)
{
	start(M6E_COA_LOWEST_BID);
	CHECK_INT(drv_send("bu A H L " HAO " seq=1 lifetime=2"), 3);
	CHECK(is_na(0, MN_HOA, NA_O, "ff02::1") && is_na(1, "fe80::100", NA_O, "ff02::1"));
	CHECK_INT(send_ns(CN, "fe80::100"), 1);
	CHECK(is_na(0, "fe80::100", NA_S, CN));
	drv.now_ms += 8000; /* 2 x 4 s: expired */
	CHECK_INT(send_ns(CN, MN_HOA), 0);
	CHECK_INT(send_ns(CN, "fe80::100"), 0);
	CHECK_INT(drv_bindings(MN_HOA), 0);
}

static void no_proxy_without_mac(void)
{
	drv_start(NULL);
	CHECK_INT(drv_send(HOME_BU " seq=1 lifetime=100"), 1);
	CHECK_INT(send_ns(CN, MN_HOA), 0);
}

/* RFC 4861 s7.2.3, s7.2.4: the node's own addresses, its link-local one
 * (its RAs' source) included, answered with R (a home agent is a router),
 * S and O; a DAD probe for one defended to all nodes */
static void own_addresses_answered(void)
{
	start(M6E_COA_LOWEST_BID);
	CHECK_INT(send_ns(ROUTER, HA_ADDR), 1);
	CHECK(is_na(0, HA_ADDR, NA_R | NA_S | NA_O, ROUTER));
	CHECK(drv.hop[0].has_mac && !memcmp(drv.hop[0].mac, PEER_MAC, 6));
	CHECK_INT(send_ns(ROUTER, HA_LINK_LOCAL), 1);
	CHECK(is_na(0, HA_LINK_LOCAL, NA_R | NA_S | NA_O, ROUTER));
	CHECK_INT(send_ns("::", HA_LINK_LOCAL), 1);
	CHECK(is_na(0, HA_LINK_LOCAL, NA_R | NA_O, "ff02::1"));
	CHECK_INT(send_ns(ROUTER, "fe80::ff:fe00:2"), 0); /* HA_MAC's EUI-64, which it was not given */
	drv_start(NULL); /* no MAC: no Neighbor Advertisement to give */
	CHECK_INT(send_ns(ROUTER, HA_ADDR), 0);
}

/* The last packet is a tunnel from the HA to coa around the packet just
 * sent, its hop limit one less and the rest unchanged. */
static bool tunnelled_to(const char *coa)
{
	int i = drv.n_pkts - 1;
	if (!drv_decode(i) || drv.decoded.n_ip != 2 || drv.decoded.ip[0].nxt != M6_IPPROTO_IPV6 ||
	    !addr_is(&drv.decoded.ip[0].src, HA_ADDR) || !addr_is(&drv.decoded.ip[0].dst, coa))
		return false;
	const uint8_t *inner = drv.pkt[i] + 40, *sent = drv.sent + 14;
	size_t len = drv.sent_len - 14;
	return drv.pkt_len[i] == 40 + len && !memcmp(inner, sent, 7) && inner[7] == sent[7] - 1 &&
	       !memcmp(inner + 8, sent + 8, len - 8);
}

#define TO_MN "echo-request id=7 seq=1 data=70696e67 src=" CN " dst=" MN_HOA

static void intercepted_packets_are_tunnelled(void)
{
	start(M6E_COA_LOWEST_BID);
	CHECK_INT(drv_send(TO_MN), 0); /* no binding yet */
	drv_send(TWO_BIDS);
	CHECK_INT(drv_send(TO_MN " hlim=30"), 1);
	CHECK(tunnelled_to(COA1));
	CHECK_INT(drv.decoded.ip[1].hlim, 29);
	CHECK(drv.decoded.has_data && drv.decoded.data.id == 7 && drv.decoded.data.type == M6_ICMP6_ECHO_REQUEST);
	CHECK(addr_is(&drv.hop[0].next_hop, ROUTER) && !drv.hop[0].has_mac);
	CHECK_INT(drv_count_events(M6E_EV_TUNNELLED), 1);
	CHECK_INT(drv.events[0].bid, 1);
	CHECK_INT(drv_send("udp sport=5000 dport=9 data=0102 src=" CN " dst=" MN_HOA), 1);
	CHECK(tunnelled_to(COA1) && drv.decoded.has_udp);
	/* a link's padding after the packet stays out of the tunnel (RFC 2473 s3) */
	CHECK_INT(drv_send(TO_MN " ethpad=6"), 1);
	CHECK(drv.pkt_len[0] == 40 + drv.sent_len - 14 - 6 && drv.decoded.ip[0].plen == drv.sent_len - 14 - 6);
	CHECK(!m6_tunnel_excess(&drv.decoded, 0));
	/* a HoT for the mobile node is traffic like any other (s10.4.6) */
	CHECK_INT(drv_send("hot index=3 cookie=0102030405060708 token=0102030405060708 src=" CN " dst=" MN_HOA), 1);
	CHECK(tunnelled_to(COA1) && drv.decoded.has_mh && drv.decoded.msg.type == M6_MH_HOT);
	/* not sent to the HA's link-layer address: not its business */
	CHECK_INT(drv_send(TO_MN " ethdst=02:00:00:00:00:09"), 0);
	/* a router does not forward a packet whose hop limit runs out */
	CHECK_INT(drv_send(TO_MN " hlim=1"), 1);
	CHECK(drv_decode(0) && drv.decoded.has_icmp6 && drv.decoded.icmp6.type == 3 &&
	      addr_is(&drv.decoded.ip[0].dst, CN));
	CHECK(drv_count_events(M6E_EV_DROPPED) == 1 && drv.events[0].reason == M6E_DROP_HOP_LIMIT);
}

static void deregistered_coa_never_carries_traffic(void)
{
	start(M6E_COA_LOWEST_BID);
	drv_send(TWO_BIDS);
	drv_send(HOME_BU " seq=2 lifetime=0 bid=1");
	for (int i = 0; i < 4; i++) {
		CHECK_INT(drv_send(TO_MN), 1);
		CHECK(tunnelled_to(COA2));
	}
	drv_send(HOME_BU " seq=3 lifetime=0 bid=2");
	CHECK_INT(drv_send(TO_MN), 0);
	/* expiry too */
	drv_send(HOME_BU " seq=4 lifetime=1 bid=1,coa=" COA1);
	drv_send(HOME_BU " seq=5 lifetime=100 bid=2,coa=" COA2);
	drv.now_ms += 5000;
	CHECK_INT(drv_send(TO_MN), 1);
	CHECK(tunnelled_to(COA2));
}

static void coa_choice_newest_and_flow_hash(void)
{
	start(M6E_COA_NEWEST);
	drv_send(HOME_BU " seq=1 lifetime=100 bid=2,coa=" COA2);
	drv.now_ms += 2000;
	drv_send(HOME_BU " seq=2 lifetime=100 bid=1,coa=" COA1);
	drv_send(TO_MN);
	CHECK(tunnelled_to(COA1));
	drv.now_ms += 2000;
	drv_send(HOME_BU " seq=3 lifetime=100 bid=2,coa=" COA2);
	drv_send(TO_MN);
	CHECK(tunnelled_to(COA2));

	start(M6E_COA_FLOW_HASH);
	drv_send(TWO_BIDS);
	int to1 = 0, to2 = 0;
	for (int i = 1; i <= 16; i++) {
		char spec[160];
		snprintf(spec, sizeof spec, "echo-request src=2001:db8:4::%x dst=" MN_HOA, i);
		drv_send(spec);
		bool one = tunnelled_to(COA1), two = !one && tunnelled_to(COA2);
		drv_send(spec); /* the same flow, the same care-of address */
		CHECK(one ? tunnelled_to(COA1) : tunnelled_to(COA2));
		to1 += one;
		to2 += two;
	}
	CHECK(to1 > 0 && to2 > 0 && to1 + to2 == 16);
}

static void returning_home_delivers_on_the_home_link(void)
{
	start(M6E_COA_LOWEST_BID);
	drv_send(HOME_BU " seq=1 lifetime=100 bid=1,coa=" COA1);
	drv_send(HOME_BU " seq=2 lifetime=100 bid=2,h");
	CHECK_INT(drv_send(TO_MN " hlim=9"), 1);
	CHECK(drv_decode(0) && drv.decoded.n_ip == 1 && addr_is(&drv.decoded.ip[0].dst, MN_HOA) &&
	      drv.decoded.ip[0].hlim == 8);
	CHECK(addr_is(&drv.hop[0].next_hop, MN_HOA));
	CHECK_INT(drv_count_events(M6E_EV_DELIVERED), 1);
	CHECK_INT(send_ns(CN, MN_HOA), 0); /* status 0: the mobile node defends its address */
	/* 5, RETURNHOME WO/NDP: it must not, the home agent goes on (RFC 5648 s6.3) */
	struct m6e_policy p = m6e_config(drv.e)->policy;
	p.return_home_status = M6_BA_MCOA_RETURNHOME_WO_NDP;
	m6e_set_policy(drv.e, &p);
	CHECK_INT(send_ns(CN, MN_HOA), 1);
	/* leaving home: the tunnel again */
	drv_send(HOME_BU " seq=3 lifetime=0 bid=2");
	drv_send(TO_MN);
	CHECK(tunnelled_to(COA1));
}

#define FROM_MN "echo-request id=9 data=01 src=" MN_HOA " dst=" CN " tunnel="

static void reverse_tunnel_only_from_bound_coas(void)
{
	start(M6E_COA_LOWEST_BID);
	drv_send(TWO_BIDS);
	const char *coas[2] = { COA1, COA2 };
	for (int i = 0; i < 2; i++) {
		char spec[200];
		snprintf(spec, sizeof spec, FROM_MN "%s," HA_ADDR, coas[i]);
		CHECK_INT(drv_send(spec), 1);
		CHECK(drv.decoded.n_ip == 1 && addr_is(&drv.decoded.ip[0].src, MN_HOA) &&
		      addr_is(&drv.decoded.ip[0].dst, CN) && drv.decoded.ip[0].hlim == 63);
		CHECK(!memcmp(drv.pkt[0] + 8, drv.sent + 14 + 40 + 8, drv.pkt_len[0] - 8));
		CHECK(addr_is(&drv.hop[0].next_hop, ROUTER));
		CHECK_INT(drv_count_events(M6E_EV_DECAPSULATED), 1);
	}
	CHECK_INT(drv_send(FROM_MN "2001:db8:9::9," HA_ADDR), 0);
	CHECK(drv_count_events(M6E_EV_DROPPED) == 1 && drv.events[0].reason == M6E_DROP_TUNNEL_SOURCE);
	/* on link: to the destination itself */
	drv_send("echo-request src=" MN_HOA " dst=2001:db8:1::50 tunnel=" COA1 "," HA_ADDR);
	CHECK(drv.n_pkts == 1 && addr_is(&drv.hop[0].next_hop, "2001:db8:1::50"));
	/* a HoTI goes on to the correspondent, it is not answered here (s10.4.6) */
	CHECK_INT(drv_send("hoti cookie=0102030405060708 src=" MN_HOA " dst=" CN " tunnel=" COA2 "," HA_ADDR), 1);
	CHECK(drv.decoded.n_ip == 1 && drv.decoded.has_mh && drv.decoded.msg.type == M6_MH_HOTI &&
	      addr_is(&drv.decoded.ip[0].dst, CN));
	/* after deregistration, nothing */
	drv_send(HOME_BU " seq=2 lifetime=0");
	CHECK_INT(drv_send(FROM_MN COA1 "," HA_ADDR), 0);
}

/* The last packet answers the echo just sent, from the CN to hoa, through
 * a type 2 routing header to coa when coa is not NULL. */
static bool echo_reply(const char *coa, const char *hoa)
{
	const struct m6_pkt *d = &drv.decoded;
	const struct m6_ip6 *ip = &d->ip[0];
	if (!drv_decode_last() || !d->has_data || !m6_pkt_valid(d) || !addr_is(&ip->src, HA_ADDR))
		return false;
	bool csum = d->has_udp ? d->udp.csum_ok : d->icmp6.csum_ok;
	bool rh2 = ip->n_ext == 1 && ip->ext[0].proto == 43 && ip->ext[0].rh_type == 2;
	if (coa)
		return csum && rh2 && addr_is(&ip->dst, coa) && addr_is(&ip->ext[0].rh_addr, hoa);
	return csum && ip->n_ext == 0 && addr_is(&ip->dst, hoa);
}

static void cn_echo_with_route_optimization(void)
{
	start(M6E_COA_LOWEST_BID);
	drv_send(HOME_BU " seq=1 lifetime=100");
	/* a Home Address option from the bound care-of address */
	CHECK_INT(drv_send("echo-request id=4 seq=5 data=70696e67 " HAO " src=" MN_COA), 1);
	CHECK(echo_reply(MN_COA, MN_HOA));
	CHECK(drv.decoded.data.type == M6_ICMP6_ECHO_REPLY && drv.decoded.data.id == 4 &&
	      drv.decoded.data.seq == 5 && drv.decoded.data.len == 4 && !memcmp(drv.decoded.data.bytes, "ping", 4));
	/* from another address: Binding Error 1, as before */
	CHECK_INT(drv_send("echo-request " HAO " src=2001:db8:9::9"), 1);
	CHECK(drv_reply() && drv_reply()->type == M6_MH_BE);
	/* from the home address itself: back through RH2 to the care-of address */
	CHECK_INT(drv_send("echo-request id=1 src=" MN_HOA), 1);
	CHECK(echo_reply(MN_COA, MN_HOA));
	/* no binding: plainly */
	CHECK_INT(drv_send("echo-request id=1 src=" CN), 1);
	CHECK(echo_reply(NULL, CN));
	/* UDP echo: port 7, ports swapped */
	CHECK_INT(drv_send("udp sport=5000 dport=7 data=0102 " HAO " src=" MN_COA), 1);
	CHECK(echo_reply(MN_COA, MN_HOA) && drv.decoded.data.sport == 7 && drv.decoded.data.dport == 5000 &&
	      drv.decoded.data.len == 2);
	CHECK_INT(drv_send("udp sport=5000 dport=7 src=" CN), 1);
	CHECK(echo_reply(NULL, CN));
	CHECK_INT(drv_send("udp sport=5000 dport=9 src=" CN), 0);
	CHECK_INT(drv_send("echo-reply src=" CN), 0);
	CHECK_INT(drv_send("echo-request csum=bad src=" CN), 0);
	/* the node's own address is never intercepted, even bound as a home
	 * address (an engine_ops finding) */
	drv_send("bu A H hao=" HA_ADDR " seq=1 lifetime=100");
	CHECK_INT(drv_send("echo-request id=2 src=" CN), 1);
	CHECK(echo_reply(NULL, CN));
	/* not for the node's address: not its echo */
	CHECK_INT(drv_send("echo-request src=" CN " dst=2001:db8:1::77"), 0);
}

/* An ND or RFC 6275 ICMPv6 message nd from src to dst, with a Home Address
 * option hoa when not NULL, to the HA's MAC; hop limit 255 for ND. */
static int send_nd(struct m6_nd *nd, const char *src, const char *dst, const char *hoa)
{
	static uint8_t frame[512];
	struct m6_pkt_spec spec = { .eth = true, .hlim = 255, .hao = hoa != NULL };

	memcpy(spec.eth_src, PEER_MAC, 6);
	memcpy(spec.eth_dst, HA_MAC, 6);
	m6t_addr(spec.src.a, src);
	m6t_addr(spec.dst.a, dst);
	if (hoa)
		m6t_addr(spec.hoa.a, hoa);
	int n = m6_nd_encode(&spec, nd, NULL, frame, sizeof frame);
	return n < 0 ? -1 : drv_receive(frame, (size_t)n, M6_LINK_ETHERNET);
}

/* The last packet is a valid message of that type; its ND fields. */
static const struct m6_nd *nd_reply(uint8_t type)
{
	if (!drv_decode_last() || !drv.decoded.has_nd || !m6_pkt_valid(&drv.decoded) || drv.decoded.nd.type != type)
		return NULL;
	return &drv.decoded.nd;
}

static void with_host_forwarding(struct m6e_config *c)
{
	with_mac(c);
	c->host_forwards = true;
}

/* host_forwards: the signalling and the announcement stay, the data plane
 * is the host's (dropped with its own reason, nothing sent) */
static void host_forwards_leaves_the_data_plane(void)
{
	drv_start(with_host_forwarding);
	CHECK_INT(drv_send(TWO_BIDS), 2);
	CHECK(is_na(0, MN_HOA, NA_O, "ff02::1") && drv_decode(1) && drv_ba_status() == M6_BA_ACCEPTED);
	CHECK_INT(send_ns(CN, MN_HOA), 0);
	CHECK(drv_count_events(M6E_EV_DROPPED) == 1 && drv.events[0].reason == M6E_DROP_HOST_FORWARDS);
	CHECK_INT(drv_send(TO_MN), 0);
	CHECK(drv_count_events(M6E_EV_DROPPED) == 1 && drv.events[0].reason == M6E_DROP_HOST_FORWARDS);
	CHECK_INT(drv_send(FROM_MN COA1 "," HA_ADDR), 0);
	CHECK(drv_count_events(M6E_EV_DROPPED) == 1 && drv.events[0].reason == M6E_DROP_HOST_FORWARDS);
	CHECK_INT(send_ns(CN, HA_LINK_LOCAL), 0); /* the host holds the node's own addresses */
	CHECK(drv_count_events(M6E_EV_DROPPED) == 1 && drv.events[0].reason == M6E_DROP_HOST_FORWARDS);
	CHECK_INT(send_ns(CN, "2001:db8:1::200"), 0); /* not proxied: not the host's either */
	CHECK(drv_count_events(M6E_EV_DROPPED) == 1 && drv.events[0].reason == M6E_DROP_NO_MH);
	CHECK_INT(drv_send(HOME_BU " seq=2 lifetime=0"), 1);
	CHECK(drv_decode(0) && drv_ba_status() == M6_BA_ACCEPTED);
}

static void home_agent_discovery(void)
{
	start(M6E_COA_LOWEST_BID);
	/* s10.5: to the Home-Agents anycast address (RFC 2526), answered from
	 * the HA's own address with itself in the list */
	struct m6_nd req = { .type = M6_ICMP6_DHAAD_REQ, .id = 0x1234 };
	CHECK_INT(send_nd(&req, MN_COA, "2001:db8:1:0:fdff:ffff:ffff:fffe", NULL), 1);
	const struct m6_nd *rep = nd_reply(M6_ICMP6_DHAAD_REP);
	CHECK(rep && rep->id == 0x1234 && rep->n_ha == 1 && addr_is(&rep->ha[0], HA_ADDR));
	CHECK(addr_is(&drv.decoded.ip[0].src, HA_ADDR) && addr_is(&drv.decoded.ip[0].dst, MN_COA));
	CHECK_INT(send_nd(&req, MN_COA, "2001:db8:7:0:fdff:ffff:ffff:fffe", NULL), 0); /* not a home prefix */

	/* s10.6: a Mobile Prefix Solicitation with a bound Home Address option
	 * gets the home prefixes through RH2; unbound, Binding Error 1 */
	struct m6_nd mps = { .type = M6_ICMP6_MPS, .id = 7 };
	CHECK_INT(send_nd(&mps, MN_COA, HA_ADDR, MN_HOA), 1);
	CHECK(drv_reply() && drv_reply()->type == M6_MH_BE);
	drv_send(HOME_BU " seq=1 lifetime=100");
	CHECK_INT(send_nd(&mps, MN_COA, HA_ADDR, MN_HOA), 1);
	const struct m6_nd *mpa = nd_reply(M6_ICMP6_MPA);
	CHECK(mpa && mpa->id == 7 && mpa->n_prefixes == 1 && mpa->prefixes[0].plen == 64 &&
	      addr_is(&mpa->prefixes[0].prefix, "2001:db8:1::"));
	CHECK(addr_is(&drv.decoded.ip[0].dst, MN_COA) && drv.decoded.ip[0].n_ext == 1 &&
	      addr_is(&drv.decoded.ip[0].ext[0].rh_addr, MN_HOA));

	/* s7.3, s7.4: a Router Solicitation gets an RA with H, from the
	 * link-local address, the prefix with R and the HA's address, Home
	 * Agent Information */
	struct m6_nd rs = { .type = M6_ICMP6_RS };
	CHECK_INT(send_nd(&rs, "fe80::1", "ff02::2", NULL), 1);
	const struct m6_nd *ra = nd_reply(M6_ICMP6_RA);
	CHECK(ra && (ra->flags & M6_RA_H) && ra->has_hainfo && ra->ha_lifetime > 0 && ra->has_slla &&
	      !memcmp(ra->slla, HA_MAC, 6) && ra->n_prefixes == 1 && (ra->prefixes[0].flags & M6_PI_R) &&
	      addr_is(&ra->prefixes[0].prefix, HA_ADDR));
	CHECK(addr_is(&drv.decoded.ip[0].src, HA_LINK_LOCAL) && addr_is(&drv.decoded.ip[0].dst, "ff02::1"));
	drv_start(with_mac_only); /* no link-local address to send an RA from */
	CHECK_INT(send_nd(&rs, "fe80::1", "ff02::2", NULL), 0);
}

int main(void)
{
	M6T_RUN(proxy_nd_only_for_bound_home_addresses);
	M6T_RUN(proxy_nd_link_local_and_expiry);
	M6T_RUN(no_proxy_without_mac);
	M6T_RUN(own_addresses_answered);
	M6T_RUN(intercepted_packets_are_tunnelled);
	M6T_RUN(deregistered_coa_never_carries_traffic);
	M6T_RUN(coa_choice_newest_and_flow_hash);
	M6T_RUN(returning_home_delivers_on_the_home_link);
	M6T_RUN(reverse_tunnel_only_from_bound_coas);
	M6T_RUN(cn_echo_with_route_optimization);
	M6T_RUN(home_agent_discovery);
	M6T_RUN(host_forwards_leaves_the_data_plane);
	return m6t_finish("test_engine_data");
}
