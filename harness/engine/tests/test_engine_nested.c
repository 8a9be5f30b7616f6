/* test_engine_nested.c - a home address bound as the care-of address of
 * another (seed 003 s6.3.1) at the reference home agent: the tunnelled
 * packet is intercepted again, nested tunnels (RFC 2473 s4) as deep as the
 * chain; a BU that would close a circle is silently discarded (RFC 6275
 * s6.1.7); a chain deeper than five levels is dropped, never looped. */
#include <stdio.h>
#include <string.h>

#include "m6test.h"
#include "engine_driver.h"

#define HOA2 "2001:db8:1::200"
#define HOA3 "2001:db8:1::300"
#define COA2 "2001:db8:3::5"
#define CN "2001:db8:4::1"
#define ROUTER "2001:db8:1::fe"
#define ECHO_TO "echo-request id=9 seq=1 hlim=30 src=" CN " dst="

static void home_agent_with_mac(struct m6e_config *c)
{
	memcpy(c->mac, "\x02\x00\x00\x00\x00\x02", 6); /* the spec language's default ethdst */
	m6t_addr(c->default_router.a, ROUTER);
}

/* A home registration of hoa at coa (the BU's source), accepted: the
 * BA after the unsolicited Neighbor Advertisement (s10.4.1). */
static bool bound(const char *hoa, const char *coa)
{
	return drv_send("bu A H hao=%s seq=%d lifetime=100 src=%s", hoa, 1 + drv_bindings(hoa), coa) == 2 &&
	       drv_ba_status() == M6_BA_ACCEPTED;
}

/* Level k (0 the outermost) of the last packet: from the HA to dst. */
static bool level_is(int k, const char *dst)
{
	const struct m6_ip6 *ip = &drv.decoded.ip[k];
	return k + 1 < drv.decoded.n_ip && ip->nxt == M6_IPPROTO_IPV6 && addr_is(&ip->src, HA_ADDR) &&
	       addr_is(&ip->dst, dst);
}

/* The packet sent, whole, under n tunnel levels: its Hop Limit one less;
 * each inner tunnel header, forwarded into the next tunnel, 63. */
static bool nested(int n)
{
	const size_t sent = drv.sent_len - 14, at = 40 * (size_t)n;
	const uint8_t *inner = drv.pkt[drv.n_pkts - 1] + at;

	if (!drv_decode_last() || drv.decoded.n_ip != n + 1 || drv.pkt_len[drv.n_pkts - 1] != at + sent ||
	    memcmp(inner, drv.sent + 14, 7) || inner[7] != drv.sent[14 + 7] - 1 ||
	    memcmp(inner + 8, drv.sent + 14 + 8, sent - 8) || !drv.decoded.has_data)
		return false;
	for (int k = 1; k < n; k++)
		if (drv.decoded.ip[k].hlim != 63)
			return false;
	return drv.decoded.ip[0].hlim == 64 && addr_is(&drv.hop[drv.n_pkts - 1].next_hop, ROUTER);
}

static void chain_is_nested(void)
{
	drv_start(home_agent_with_mac);
	CHECK(bound(HOA2, COA2));
	CHECK(bound(MN_HOA, HOA2)); /* seed 003 s6.3.1: HoA2 as the care-of address of HoA1 */
	CHECK_INT(drv_send(ECHO_TO MN_HOA), 1);
	CHECK(nested(2) && level_is(0, COA2) && level_is(1, HOA2));
	CHECK_INT(drv_count_events(M6E_EV_TUNNELLED), 2);
	CHECK(addr_is(&drv.events[0].hoa, MN_HOA) && addr_is(&drv.events[0].coa, HOA2));
	CHECK(addr_is(&drv.events[1].hoa, HOA2) && addr_is(&drv.events[1].coa, COA2));
	CHECK_INT(drv_send(ECHO_TO HOA2), 1); /* HoA2's own packets: one tunnel */
	CHECK(nested(1) && level_is(0, COA2));
	CHECK(bound(HOA3, MN_HOA)); /* three deep */
	CHECK_INT(drv_send(ECHO_TO HOA3), 1);
	CHECK(nested(3) && level_is(0, COA2) && level_is(1, HOA2) && level_is(2, MN_HOA));
	CHECK(drv_cache_ok());
}

static void circle_is_refused(void)
{
	drv_start(home_agent_with_mac);
	CHECK_INT(drv_send("bu A H hao=" HOA2 " seq=1 lifetime=100 bid=1,coa=" COA2), 2);
	CHECK(bound(MN_HOA, HOA2));
	/* HoA2 -> HoA1 would close HoA1 -> HoA2: discarded, no BA */
	CHECK_INT(drv_send("bu A H hao=" HOA2 " seq=2 lifetime=100 bid=1,coa=" MN_HOA), 0);
	CHECK(drv_count_events(M6E_EV_DROPPED) == 1 && drv.events[0].reason == M6E_DROP_CIRCULAR);
	/* through another entry, by one BID of several */
	CHECK(bound(HOA3, MN_HOA));
	CHECK_INT(drv_send("bu A H hao=" HOA2 " seq=3 lifetime=100 bid=1,coa=" COA2 " bid=2,coa=" HOA3), 0);
	CHECK(drv_count_events(M6E_EV_DROPPED) == 1 && drv.events[0].reason == M6E_DROP_CIRCULAR);
	CHECK(drv_bindings(HOA2) == 1 && addr_is(&drv_binding(HOA2, 1)->coa, COA2));
	CHECK_INT(drv_send(ECHO_TO MN_HOA), 1);
	CHECK(nested(2) && level_is(0, COA2) && level_is(1, HOA2));
	/* its own home address as care-of address is a deregistration, not a circle */
	CHECK_INT(drv_send("bu A H hao=" HOA3 " seq=2 lifetime=100 src=" HOA3), 1);
	CHECK_INT(drv_bindings(HOA3), 0);
	CHECK(drv_cache_ok());
}

/* Six home addresses, each the care-of address of the one before: the
 * first one's packets would need six levels, one past the limit
 * (forward.c); the second one's five. */
static void chain_deeper_than_five_is_dropped(void)
{
	char hoa[6][40];

	drv_start(home_agent_with_mac);
	for (int i = 0; i < 6; i++)
		snprintf(hoa[i], sizeof hoa[i], "2001:db8:1::%d00", i + 1);
	CHECK(bound(hoa[5], COA2));
	for (int i = 4; i >= 0; i--)
		CHECK(bound(hoa[i], hoa[i + 1]));
	CHECK_INT(drv_send(ECHO_TO "%s", hoa[1]), 1);
	CHECK(nested(5) && level_is(0, COA2) && level_is(4, hoa[2]));
	CHECK_INT(drv_send(ECHO_TO "%s", hoa[0]), 0);
	CHECK(drv_count_events(M6E_EV_DROPPED) == 1 && drv.events[0].reason == M6E_DROP_ENCAP_LIMIT);
}

int main(void)
{
	M6T_RUN(chain_is_nested);
	M6T_RUN(circle_is_refused);
	M6T_RUN(chain_deeper_than_five_is_dropped);
	m6e_free(drv.e);
	return m6t_finish("test_engine_nested");
}
