/* test_engine_ha.c - the reference engine as a home agent, message by
 * message: RFC 6275 s9.2, s9.3.1, s10.3.1, s10.3.2 and RFC 5648 s5.6,
 * s6.2, s6.3, s8.1. Each test checks the reply (decoded again by the
 * codec) and the binding cache. Test names are cited by
 * suites/requirements.tsv. */
#include "m6test.h"
#include "dad.h"
#include "engine_driver.h"

#define HAO "hao=" MN_HOA
#define HOME_BU "bu A H " HAO

static void ha_registers_plain_binding(void)
{
	drv_start(NULL);
	CHECK_INT(drv_send(HOME_BU " seq=1 lifetime=100"), 1);
	CHECK_INT(drv_ba_status(), M6_BA_ACCEPTED);
	CHECK_INT(drv_reply()->u.ba.seq, 1);
	CHECK_INT(drv_reply()->u.ba.lifetime, 100);
	/* s9.5.4: to the care-of address, through RH2 to the home address */
	CHECK(addr_is(&drv.decoded.ip[0].dst, MN_COA));
	CHECK(addr_is(&drv.decoded.ip[0].src, HA_ADDR));
	CHECK(drv.decoded.ip[0].n_ext == 1 && addr_is(&drv.decoded.ip[0].ext[0].rh_addr, MN_HOA));
	const struct m6e_binding *b = drv_binding(MN_HOA, M6E_PLAIN_BID);
	CHECK(b && addr_is(&b->coa, MN_COA) && b->lifetime_s == 400);
	CHECK(b && (b->flags & M6E_BF_HOME_REG));
	CHECK_INT(drv_count_events(M6E_EV_ADDED), 1);
	/* a renewal updates the same entry */
	drv_send(HOME_BU " seq=2 lifetime=50");
	CHECK_INT(drv_ba_status(), M6_BA_ACCEPTED);
	CHECK_INT(drv_count_events(M6E_EV_UPDATED), 1);
	CHECK_INT(drv_bindings(MN_HOA), 1);
	CHECK(drv_cache_ok());
}

/* s9.5.1: the Alternate Care-of Address option names the care-of address;
 * s9.5.4: an accepted BU is acknowledged there, a rejected one at its
 * source. */
static void ha_alternate_coa(void)
{
	drv_start(NULL);
	drv_send(HOME_BU " seq=1 lifetime=100 altcoa=2001:db8:6::1");
	CHECK_INT(drv_ba_status(), M6_BA_ACCEPTED);
	CHECK(addr_is(&drv.decoded.ip[0].dst, "2001:db8:6::1"));
	CHECK(addr_is(&drv_binding(MN_HOA, M6E_PLAIN_BID)->coa, "2001:db8:6::1"));
	drv_send(HOME_BU " seq=1 lifetime=100 altcoa=2001:db8:6::1");
	CHECK_INT(drv_ba_status(), M6_BA_SEQ_OUT_OF_WINDOW);
	CHECK(addr_is(&drv.decoded.ip[0].dst, MN_COA));
}

static void ha_caps_lifetime_by_policy(void)
{
	drv_start(NULL);
	struct m6e_policy p = m6e_config(drv.e)->policy;
	p.max_lifetime = 30;
	m6e_set_policy(drv.e, &p);
	drv_send(HOME_BU " seq=1 lifetime=100");
	CHECK_INT(drv_reply()->u.ba.lifetime, 30);
	CHECK_INT(drv_binding(MN_HOA, 0)->lifetime_s, 120);
}

static void ha_no_ba_without_a_flag(void)
{
	drv_start(NULL);
	CHECK_INT(drv_send("bu H " HAO " seq=1 lifetime=100"), 0);
	CHECK_INT(drv_bindings(MN_HOA), 1);
	/* a rejection is answered even without A (s9.5.4) */
	CHECK_INT(drv_send("bu H " HAO " seq=1 lifetime=100"), 1);
	CHECK_INT(drv_ba_status(), M6_BA_SEQ_OUT_OF_WINDOW);
}

static void ha_bulk_registration(void)
{
	drv_start(NULL);
	drv_send(HOME_BU " seq=1 lifetime=100 bid=1,coa=2001:db8:2::5 bid=2,coa=2001:db8:3::5 "
		 "bid=3,coa=2001:db8:4::5 bid=4,coa=192.0.2.7");
	CHECK_INT(drv_ba_status(), M6_BA_ACCEPTED);
	for (int i = 0; i < 4; i++)
		CHECK_INT(drv_bid_status(i), 0);
	CHECK_INT(drv_bid_status(4), -1);
	CHECK_INT(drv_bindings(MN_HOA), 4);
	CHECK(addr_is(&drv_binding(MN_HOA, 2)->coa, "2001:db8:3::5"));
	/* seed 001 s8: the IPv4 care-of address is kept as such */
	const struct m6e_binding *v4 = drv_binding(MN_HOA, 4);
	CHECK(v4 && v4->coa_v4 && addr_is(&v4->coa, "::ffff:192.0.2.7"));
	/* the BA's BID options carry no care-of address (RFC 5648 s6.2) */
	const struct m6_msg *m = drv_reply();
	int k = m6_msg_next_opt(m, 0, M6_OPT_BID);
	CHECK(k >= 0 && m->opts[k].u.bid.coa_family == 0);
	CHECK(drv_cache_ok());
}

static void ha_notcomplete_when_statuses_differ(void)
{
	drv_start(NULL);
	drv_send(HOME_BU " seq=1 lifetime=100 bid=1,coa=2001:db8:2::5 bid=2");
	CHECK_INT(drv_ba_status(), M6_BA_MCOA_NOTCOMPLETE);
	CHECK_INT(drv_bid_status(0), 0);
	CHECK_INT(drv_bid_status(1), M6_BA_MCOA_UNKNOWN_COA);
	CHECK_INT(drv_bindings(MN_HOA), 1);
	/* a BID without CoA refreshes a BID held */
	drv_send(HOME_BU " seq=2 lifetime=100 bid=1");
	CHECK_INT(drv_ba_status(), M6_BA_ACCEPTED);
	CHECK(addr_is(&drv_binding(MN_HOA, 1)->coa, "2001:db8:2::5"));
	CHECK(drv_cache_ok());
}

/* seed 001 s4.4: NOTCOMPLETE is "not all [...] successfully registered.
 * Some of them were rejected." A bulk BU whose every BID was rejected is a
 * rejection (>= 128), and changes nothing, O flag or not. */
static void ha_all_bids_rejected_is_a_rejection(void)
{
	drv_start(NULL);
	struct m6e_policy p = m6e_config(drv.e)->policy;
	p.max_per_hoa = 2;
	m6e_set_policy(drv.e, &p);
	drv_send(HOME_BU " seq=1 lifetime=100 bid=1,coa=2001:db8:2::5 bid=2,coa=2001:db8:3::5");
	CHECK_INT(drv_bindings(MN_HOA), 2);
	/* 167 for BID 7 (no CoA, unknown), 130 for BID 8 (one too many) */
	drv_send(HOME_BU " seq=2 lifetime=100 bid=7 bid=8,coa=2001:db8:4::5");
	CHECK_INT(drv_ba_status(), M6_BA_MCOA_UNKNOWN_COA);
	CHECK_INT(drv_bid_status(0), 0);
	CHECK_INT(drv_bid_status(1), 0);
	CHECK_INT(drv_reply()->u.ba.lifetime, 0);
	CHECK_INT(drv_bindings(MN_HOA), 2);
	/* with O: 167 for BID 7; BIDs 8 and 9 fit (O clears), 10 does not */
	drv_send(HOME_BU " O seq=3 lifetime=100 bid=7 bid=8,coa=2001:db8:4::5 bid=9,coa=2001:db8:5::5 "
		 "bid=10,coa=2001:db8:6::5");
	CHECK_INT(drv_ba_status(), M6_BA_MCOA_NOTCOMPLETE);
	CHECK_INT(drv_bindings(MN_HOA), 2);
	CHECK(drv_binding(MN_HOA, 8) && drv_binding(MN_HOA, 9) && !drv_binding(MN_HOA, 1));
	/* with O and nothing accepted, what the node held stays */
	drv_send(HOME_BU " O seq=4 lifetime=100 bid=7 bid=11");
	CHECK_INT(drv_ba_status(), M6_BA_MCOA_UNKNOWN_COA);
	p.max_per_hoa = 1;
	m6e_set_policy(drv.e, &p);
	drv_send(HOME_BU " O seq=5 lifetime=100 bid=7 bid=12,coa=2001:db8:4::5 bid=13,coa=2001:db8:5::5");
	CHECK_INT(drv_ba_status(), M6_BA_MCOA_NOTCOMPLETE);
	CHECK_INT(drv_bindings(MN_HOA), 1);
	p.max_bindings = 0; /* now nothing fits at all */
	m6e_set_policy(drv.e, &p);
	drv_send(HOME_BU " O seq=6 lifetime=100 bid=7 bid=14,coa=2001:db8:4::5");
	CHECK(drv_ba_status() >= 128);
	CHECK_INT(drv_bid_status(1), 0);
	CHECK_INT(drv_count_events(M6E_EV_REMOVED), 0);
	CHECK(drv_binding(MN_HOA, 12) != NULL);
	CHECK(drv_cache_ok());
}

static void ha_updates_existing_bid(void)
{
	drv_start(NULL);
	drv_send(HOME_BU " seq=1 lifetime=100 bid=1,coa=2001:db8:2::5 bid=2,coa=2001:db8:3::5");
	drv_send(HOME_BU " seq=2 lifetime=100 bid=2,coa=2001:db8:9::9");
	CHECK_INT(drv_ba_status(), M6_BA_ACCEPTED);
	CHECK_INT(drv_bindings(MN_HOA), 2);
	CHECK(addr_is(&drv_binding(MN_HOA, 2)->coa, "2001:db8:9::9"));
	CHECK(addr_is(&drv_binding(MN_HOA, 1)->coa, "2001:db8:2::5"));
}

static void ha_deregisters_per_bid(void)
{
	drv_start(NULL);
	drv_send(HOME_BU " seq=1 lifetime=100 bid=1,coa=2001:db8:2::5 bid=2,coa=2001:db8:3::5");
	drv_send(HOME_BU " seq=2 lifetime=0 bid=2");
	CHECK_INT(drv_ba_status(), M6_BA_ACCEPTED);
	CHECK_INT(drv_reply()->u.ba.lifetime, 0);
	CHECK(drv_binding(MN_HOA, 2) == NULL);
	CHECK(drv_binding(MN_HOA, 1) != NULL);
	CHECK_INT(drv_count_events(M6E_EV_REMOVED), 1);
	/* an unknown BID in a deregistration: 133, nothing removed */
	drv_send(HOME_BU " seq=3 lifetime=0 bid=1 bid=7");
	CHECK_INT(drv_ba_status(), M6_BA_NOT_HOME_AGENT);
	CHECK(drv_binding(MN_HOA, 1) != NULL);
	CHECK(drv_cache_ok());
}

static void ha_deregisters_all(void)
{
	drv_start(NULL);
	drv_send(HOME_BU " seq=1 lifetime=100 bid=1,coa=2001:db8:2::5 bid=2,coa=2001:db8:3::5");
	drv_send(HOME_BU " seq=2 lifetime=0");
	CHECK_INT(drv_ba_status(), M6_BA_ACCEPTED);
	CHECK_INT(drv_bindings(MN_HOA), 0);
	CHECK_INT(drv_count_events(M6E_EV_REMOVED), 2);
	/* s10.3.2: deregistering what is not there is 133 */
	drv_send(HOME_BU " seq=3 lifetime=0");
	CHECK_INT(drv_ba_status(), M6_BA_NOT_HOME_AGENT);
	CHECK(drv_cache_ok());
}

static void ha_plain_bu_replaces_bid_bindings(void)
{
	drv_start(NULL);
	drv_send(HOME_BU " seq=1 lifetime=100 bid=1,coa=2001:db8:2::5 bid=2,coa=2001:db8:3::5");
	drv_send(HOME_BU " seq=2 lifetime=100");
	CHECK_INT(drv_ba_status(), M6_BA_ACCEPTED);
	CHECK_INT(drv_bindings(MN_HOA), 1);
	CHECK(drv_binding(MN_HOA, M6E_PLAIN_BID) != NULL);
	CHECK_INT(drv_count_events(M6E_EV_REMOVED), 2);
	CHECK(drv_cache_ok());
}

static void ha_o_flag_and_165(void)
{
	drv_start(NULL);
	drv_send(HOME_BU " seq=1 lifetime=100");
	drv_send(HOME_BU " seq=2 lifetime=100 bid=1,coa=2001:db8:2::5");
	CHECK_INT(drv_ba_status(), M6_BA_MCOA_NON_MCOA_EXISTS);
	CHECK(drv_binding(MN_HOA, M6E_PLAIN_BID) != NULL);
	drv_send(HOME_BU " O seq=3 lifetime=100 bid=1,coa=2001:db8:2::5");
	CHECK_INT(drv_ba_status(), M6_BA_ACCEPTED);
	CHECK(drv_binding(MN_HOA, M6E_PLAIN_BID) == NULL);
	CHECK(drv_binding(MN_HOA, 1) != NULL);
	/* O with BIDs again: everything held is replaced */
	drv_send(HOME_BU " O seq=4 lifetime=100 bid=5,coa=2001:db8:5::5");
	CHECK_INT(drv_bindings(MN_HOA), 1);
	CHECK(drv_binding(MN_HOA, 5) != NULL);
	CHECK(drv_cache_ok());
}

static void ha_sequence_window(void)
{
	drv_start(NULL);
	drv_send(HOME_BU " seq=100 lifetime=100 bid=1,coa=2001:db8:2::5");
	drv_send(HOME_BU " seq=100 lifetime=100 bid=2,coa=2001:db8:3::5");
	CHECK_INT(drv_ba_status(), M6_BA_SEQ_OUT_OF_WINDOW);
	CHECK_INT(drv_reply()->u.ba.seq, 100); /* the last accepted */
	drv_send(HOME_BU " seq=99 lifetime=100 bid=2,coa=2001:db8:3::5");
	CHECK_INT(drv_ba_status(), M6_BA_SEQ_OUT_OF_WINDOW);
	CHECK(drv_binding(MN_HOA, 2) == NULL);
	/* modulo 2^16: 100 + 32767 is newer, 100 + 32768 is not */
	drv_send(HOME_BU " seq=32868 lifetime=100 bid=2,coa=2001:db8:3::5");
	CHECK_INT(drv_ba_status(), M6_BA_SEQ_OUT_OF_WINDOW);
	drv_send(HOME_BU " seq=32867 lifetime=100 bid=2,coa=2001:db8:3::5");
	CHECK_INT(drv_ba_status(), M6_BA_ACCEPTED);
	/* the sequence number is the home address's, shared by its BIDs */
	drv_send(HOME_BU " seq=32867 lifetime=100 bid=1,coa=2001:db8:2::5");
	CHECK_INT(drv_ba_status(), M6_BA_SEQ_OUT_OF_WINDOW);
}

static void ha_home_subnet_132(void)
{
	drv_start(NULL);
	drv_send("bu A H hao=2001:db8:7::100 seq=1 lifetime=100");
	CHECK_INT(drv_ba_status(), M6_BA_NOT_HOME_SUBNET);
	CHECK_INT(drv_reply()->u.ba.lifetime, 0);
	CHECK_INT(drv_count_events(M6E_EV_REJECTED), 1);
	CHECK_INT(m6e_cache(drv.e)->n_bindings, 0);
}

static void only_ha(struct m6e_config *c)
{
	c->is_cn = false;
}

static void ha_refuses_non_home_bu(void)
{
	drv_start(only_ha);
	drv_send("bu A " HAO " seq=1 lifetime=100");
	CHECK_INT(drv_ba_status(), M6_BA_PROHIBITED);
	CHECK_INT(m6e_cache(drv.e)->n_bindings, 0);
}

static void ha_returning_home_with_bid_h(void)
{
	drv_start(NULL);
	drv_send(HOME_BU " seq=1 lifetime=100 bid=1,coa=2001:db8:2::5 bid=2,h");
	CHECK_INT(drv_ba_status(), M6_BA_ACCEPTED);
	const struct m6e_binding *home = drv_binding(MN_HOA, 2);
	CHECK(home && addr_is(&home->coa, MN_HOA) && (home->flags & M6E_BF_AT_HOME));
	struct m6e_policy p = m6e_config(drv.e)->policy;
	p.return_home_status = M6_BA_MCOA_RETURNHOME_WO_NDP;
	m6e_set_policy(drv.e, &p);
	drv_send(HOME_BU " seq=2 lifetime=100 bid=3,h");
	CHECK_INT(drv_ba_status(), M6_BA_MCOA_RETURNHOME_WO_NDP);
	p.simultaneous_prohibited = true;
	m6e_set_policy(drv.e, &p);
	drv_send(HOME_BU " seq=3 lifetime=100 bid=4,h");
	CHECK_INT(drv_ba_status(), M6_BA_MCOA_SIMUL_PROHIBITED);
	CHECK(drv_binding(MN_HOA, 4) == NULL);
	CHECK(drv_cache_ok());
}

static void ha_policy_refusals(void)
{
	drv_start(NULL);
	struct m6e_policy p = m6e_config(drv.e)->policy;
	p.bulk_prohibited = true;
	m6e_set_policy(drv.e, &p);
	drv_send(HOME_BU " seq=1 lifetime=100 bid=1,coa=2001:db8:2::5 bid=2,coa=2001:db8:3::5");
	CHECK_INT(drv_ba_status(), M6_BA_MCOA_BULK_PROHIBITED);
	drv_send(HOME_BU " seq=2 lifetime=100 bid=1,coa=2001:db8:2::5");
	CHECK_INT(drv_ba_status(), M6_BA_ACCEPTED);
	p.mcoa_prohibited = true;
	m6e_set_policy(drv.e, &p);
	drv_send(HOME_BU " seq=3 lifetime=100 bid=2,coa=2001:db8:3::5");
	CHECK_INT(drv_ba_status(), M6_BA_MCOA_PROHIBITED);
	CHECK_INT(drv_bindings(MN_HOA), 1);
}

static void ha_limits_answer_130(void)
{
	drv_start(NULL);
	struct m6e_policy p = m6e_config(drv.e)->policy;
	p.max_per_hoa = 2;
	m6e_set_policy(drv.e, &p);
	drv_send(HOME_BU " seq=1 lifetime=100 bid=1,coa=2001:db8:2::5 bid=2,coa=2001:db8:3::5 "
		 "bid=3,coa=2001:db8:4::5");
	CHECK_INT(drv_ba_status(), M6_BA_MCOA_NOTCOMPLETE);
	CHECK_INT(drv_bid_status(2), M6_BA_INSUFFICIENT_RESOURCES);
	CHECK_INT(drv_bindings(MN_HOA), 2);
	p.max_bindings = 2;
	m6e_set_policy(drv.e, &p);
	drv_send("bu A H hao=2001:db8:1::200 seq=1 lifetime=100");
	CHECK_INT(drv_ba_status(), M6_BA_INSUFFICIENT_RESOURCES);
	CHECK(drv_cache_ok());
}

static void ha_malformed_bid_164(void)
{
	static const char *const bad[] = {
		"bid=0,coa=2001:db8:2::5",         /* BID 0 */
		"bid=1,coa=2001:db8:2::5,len=6",   /* Length not 4, 8 or 20 */
		"bid=1,len=5",                     /* one past each length RFC 5648 s6.1 allows */
		"bid=1,coa=192.0.2.7,len=9",
		"bid=1,coa=2001:db8:2::5,len=21",
		"bid=1,coa=ff02::1",               /* CoA not unicast */
	};
	drv_start(NULL);
	for (unsigned i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		drv_send(HOME_BU " seq=%u lifetime=100 %s", i + 1, bad[i]);
		CHECK_INT(drv_ba_status(), M6_BA_MCOA_MALFORMED);
	}
	CHECK_INT(m6e_cache(drv.e)->n_bindings, 0);
}

static void ha_expiry_and_refresh(void)
{
	drv_start(NULL);
	drv_send(HOME_BU " seq=1 lifetime=5 bid=1,coa=2001:db8:2::5");
	drv.n_events = drv.n_pkts = 0;
	m6e_tick(drv.e, drv.now_ms + 19999, &drv_sink);
	CHECK_INT(drv_count_events(M6E_EV_EXPIRED), 0);
	m6e_tick(drv.e, drv.now_ms + 20000, &drv_sink);
	CHECK_INT(drv_count_events(M6E_EV_EXPIRED), 1);
	CHECK(drv_binding(MN_HOA, 1) == NULL);
	CHECK_INT(drv.n_pkts, 0); /* no refresh lead configured */
}

static void with_refresh(struct m6e_config *c)
{
	c->refresh_lead_s = 8;
}

static void ha_sends_brr_before_expiry(void)
{
	drv_start(with_refresh);
	drv_send(HOME_BU " seq=1 lifetime=5 bid=3,coa=2001:db8:2::5");
	drv.n_events = drv.n_pkts = 0;
	m6e_tick(drv.e, drv.now_ms + 12000, &drv_sink);
	CHECK_INT(drv.n_pkts, 1);
	CHECK(drv_decode_last());
	const struct m6_msg *m = drv_reply();
	CHECK(m && m->type == M6_MH_BRR && drv.decoded.csum_ok);
	CHECK(addr_is(&drv.decoded.ip[0].dst, "2001:db8:2::5"));
	int k = m ? m6_msg_next_opt(m, 0, M6_OPT_BID) : -1;
	CHECK(k >= 0 && m->opts[k].u.bid.bid == 3);
	CHECK_INT(drv_count_events(M6E_EV_REFRESH), 1);
	CHECK(drv_cache_ok());
}

static void mh_validation_s9_2(void)
{
	drv_start(NULL);
	/* a bad checksum: silently discarded */
	CHECK_INT(drv_send(HOME_BU " seq=1 lifetime=100 csum=bad"), 0);
	CHECK(drv.n_events == 1 && drv.events[0].kind == M6E_EV_DROPPED &&
	      drv.events[0].detail == M6_R_BAD_CHECKSUM);
	/* Payload Proto not 59: Parameter Problem code 0 at the field */
	CHECK_INT(drv_send(HOME_BU " seq=1 lifetime=100 proto=6"), 1);
	CHECK(drv.decoded.has_icmp6 && drv.decoded.icmp6.type == M6_ICMP6_PARAM_PROBLEM);
	CHECK_INT(drv.decoded.icmp6.code, 0);
	CHECK_INT(drv.decoded.icmp6.param, 40 + 24); /* IPv6, DstOpts with HAO, then the MH */
	CHECK(addr_is(&drv.decoded.ip[0].dst, MN_COA) && drv.decoded.ip[0].n_ext == 0);
	/* Header Len below the type's minimum: pointer at Header Len */
	CHECK_INT(drv_send(HOME_BU " seq=1 lifetime=100 hdrlen=0"), 1);
	CHECK_INT(drv.decoded.icmp6.param, 40 + 24 + 1);
	/* an unknown MH type: Binding Error status 2 */
	CHECK_INT(drv_send("mh=42 body=0000"), 1);
	CHECK(drv_reply() && drv_reply()->type == M6_MH_BE);
	CHECK_INT(drv_reply()->u.be.status, M6_BE_UNKNOWN_MH_TYPE);
	CHECK_INT(m6e_cache(drv.e)->n_bindings, 0);
}

static void hao_without_binding_be1(void)
{
	drv_start(NULL);
	/* a message with a Home Address option for which nothing is bound */
	CHECK_INT(drv_send("brr " HAO), 1);
	CHECK(drv_reply() && drv_reply()->type == M6_MH_BE);
	CHECK_INT(drv_reply()->u.be.status, M6_BE_UNKNOWN_BINDING);
	CHECK(addr_is(&drv_reply()->u.be.hoa, MN_HOA));
	/* with the binding in place it is not an error */
	drv_send(HOME_BU " seq=1 lifetime=100");
	CHECK_INT(drv_send("brr " HAO), 0);
	CHECK_INT(drv_count_events(M6E_EV_DROPPED), 1);
}

/* s9.3.1 for a packet that is not signalling: an ICMPv6 Echo Request
 * with a Home Address option. */
static int send_echo_with_hao(const char *src)
{
	struct m6_pkt_spec spec = { .hao = true };
	uint8_t pkt[256];
	m6t_addr(spec.src.a, src);
	m6t_addr(spec.dst.a, HA_ADDR);
	m6t_addr(spec.hoa.a, MN_HOA);
	int n = m6_icmp6_encode(&spec, 128, 0, 0x00010001, (const uint8_t *)"ping", 4, pkt, sizeof pkt);
	return n < 0 ? -1 : drv_receive(pkt, (size_t)n, M6_LINK_RAW);
}

static void data_with_hao_needs_binding(void)
{
	drv_start(NULL);
	CHECK_INT(send_echo_with_hao(MN_COA), 1);
	CHECK(drv_reply() && drv_reply()->type == M6_MH_BE);
	CHECK_INT(drv_reply()->u.be.status, M6_BE_UNKNOWN_BINDING);
	drv_send(HOME_BU " seq=1 lifetime=100");
	/* bound: answered (the echo service, test_engine_data.c), no BE */
	CHECK_INT(send_echo_with_hao(MN_COA), 1);
	CHECK(drv.decoded.has_data && drv.decoded.data.type == M6_ICMP6_ECHO_REPLY);
	/* the binding is for another care-of address */
	CHECK_INT(send_echo_with_hao("2001:db8:9::9"), 1);
	CHECK_INT(drv_reply()->u.be.status, M6_BE_UNKNOWN_BINDING);
}

static void without_be1_for_mh(struct m6e_config *c)
{
	c->be1_for_mh = false;
}

/* RFC 6275 s6.1: no MH but a BU carries a Home Address option; with
 * be1_for_mh off such a message is dropped (what Linux-based stacks do),
 * while a packet that is not signalling still gets Binding Error 1. */
static void hao_on_mh_dropped_without_be1_for_mh(void)
{
	drv_start(without_be1_for_mh);
	CHECK_INT(drv_send("brr " HAO), 0);
	CHECK(drv.n_events == 1 && drv.events[0].reason == M6E_DROP_HAO_ON_MH);
	CHECK(strcmp(m6e_drop_name(M6E_DROP_HAO_ON_MH), "hao-on-mh") == 0);
	CHECK_INT(drv_send("ba seq=1 status=0 " HAO), 0);
	CHECK_INT(drv_send("be status=1 " HAO), 0);
	CHECK_INT(send_echo_with_hao(MN_COA), 1);
	CHECK(drv_reply() && drv_reply()->type == M6_MH_BE);
	CHECK_INT(drv_reply()->u.be.status, M6_BE_UNKNOWN_BINDING);
	/* an unknown MH type is still Binding Error 2, a BU still a BU */
	CHECK_INT(drv_send("mh=42 body=0000 " HAO), 1);
	CHECK_INT(drv_reply()->u.be.status, M6_BE_UNKNOWN_MH_TYPE);
	CHECK_INT(drv_send(HOME_BU " seq=1 lifetime=100"), 1);
	CHECK_INT(drv_ba_status(), M6_BA_ACCEPTED);
}

static void frames_without_ipv6_are_dropped(void)
{
	drv_start(NULL);
	static const uint8_t short_frame[] = { 0x60, 0, 0 };
	CHECK_INT(drv_receive(short_frame, sizeof short_frame, M6_LINK_RAW), 0);
	CHECK(drv.n_events == 1 && drv.events[0].kind == M6E_EV_DROPPED);
	CHECK_INT(drv.events[0].reason, M6E_DROP_DECODE);
	CHECK(strcmp(m6e_event_name(drv.events[0].kind), "dropped") == 0);
	CHECK(strcmp(m6e_drop_name(drv.events[0].reason), "decode") == 0);
	CHECK(m6e_event_name(200) == NULL && m6e_drop_name(200) == NULL);
}

static void mobile_node_messages_are_not_answered(void)
{
	drv_start(NULL);
	CHECK_INT(drv_send("ba seq=1 status=0"), 0);
	CHECK_INT(drv_send("hot index=1"), 0);
	CHECK_INT(drv_send("be status=1"), 0);
	CHECK(drv.n_events == 1 && drv.events[0].reason == M6E_DROP_NOT_FOR_US);
}

/* ---- Duplicate Address Detection (RFC 6275 s10.3.1, dad.h) ---- */

static void with_dad(struct m6e_config *c)
{
	c->policy.dad = true;
}

/* A Neighbor Solicitation (135) or Advertisement (136) for target on the
 * home link, as another node would send it. */
static int send_nd(uint8_t type, const char *src, const char *dst, const char *target, uint8_t hlim)
{
	struct m6_pkt_spec spec = { .hlim = hlim };
	uint8_t body[16], pkt[128];
	m6t_addr(spec.src.a, src);
	m6t_addr(spec.dst.a, dst);
	m6t_addr(body, target);
	int n = m6_icmp6_encode(&spec, type, 0, 0, body, sizeof body, pkt, sizeof pkt);
	return n < 0 ? -1 : drv_receive(pkt, (size_t)n, M6_LINK_RAW);
}

/* Advances the clock to ms after the start and keeps what was sent. */
static int drv_tick_at(uint64_t ms)
{
	drv.n_pkts = drv.n_events = 0;
	m6e_tick(drv.e, drv.now_ms + ms, &drv_sink);
	drv_decode_last();
	return drv.n_pkts;
}

/* The i-th packet sent is the DAD probe for target (RFC 4862 s5.4.2). */
static bool is_dad_probe(int i, const char *target, const char *solicited)
{
	struct m6_pkt p;
	m6_addr6 t;
	if (i >= drv.n_pkts || m6_pkt_decode(drv.pkt[i], drv.pkt_len[i], M6_LINK_RAW, true, &p) != M6_OK)
		return false;
	m6t_addr(t.a, target);
	return p.has_icmp6 && p.icmp6.type == 135 && p.icmp6.csum_ok && p.ip[0].hlim == 255 &&
	       addr_is(&p.ip[0].src, "::") && addr_is(&p.ip[0].dst, solicited) &&
	       drv.pkt_len[i] == 40 + 8 + 16 /* no Source Link-Layer Address option */ &&
	       !memcmp(drv.pkt[i] + 48, t.a, 16);
}

static void ha_dad_success_after_retrans_timer(void)
{
	drv_start(with_dad);
	CHECK_INT(drv_send(HOME_BU " seq=1 lifetime=100"), 1);
	CHECK(is_dad_probe(0, MN_HOA, "ff02::1:ff00:100"));
	CHECK_INT(drv_count_events(M6E_EV_DAD), 1);
	CHECK_INT(drv_bindings(MN_HOA), 0);
	CHECK_INT(drv_tick_at(999), 0);
	CHECK_INT(drv_bindings(MN_HOA), 0);
	CHECK_INT(drv_tick_at(1000), 1);
	CHECK_INT(drv_ba_status(), M6_BA_ACCEPTED);
	CHECK_INT(drv_reply()->u.ba.seq, 1);
	CHECK(addr_is(&drv.decoded.ip[0].dst, MN_COA));
	CHECK(drv.decoded.ip[0].n_ext == 1 && addr_is(&drv.decoded.ip[0].ext[0].rh_addr, MN_HOA));
	CHECK_INT(drv_bindings(MN_HOA), 1);
	CHECK_INT(drv_count_events(M6E_EV_ADDED), 1);
	CHECK_INT(drv_tick_at(5000), 0); /* decided once */
	CHECK(drv_cache_ok());
}

static void ha_dad_defended_by_na_134(void)
{
	drv_start(with_dad);
	drv_send(HOME_BU " seq=1 lifetime=100");
	/* a Neighbor Advertisement with a hop limit below 255 proves nothing */
	CHECK_INT(send_nd(136, "fe80::1", "ff02::1", MN_HOA, 64), 0);
	CHECK_INT(send_nd(136, MN_HOA, "ff02::1", "2001:db8:1::999", 255), 0);
	CHECK_INT(send_nd(136, MN_HOA, "ff02::1", MN_HOA, 255), 0);
	CHECK_INT(drv_tick_at(999), 0);
	CHECK_INT(drv_tick_at(1000), 1);
	CHECK_INT(drv_ba_status(), M6_BA_DAD_FAILED);
	CHECK_INT(drv_reply()->u.ba.lifetime, 0);
	CHECK(addr_is(&drv.decoded.ip[0].dst, MN_COA));
	CHECK_INT(drv_count_events(M6E_EV_REJECTED), 1);
	CHECK_INT(m6e_cache(drv.e)->n_bindings, 0);
	/* the address is free again: the next BU probes anew */
	CHECK_INT(drv_send(HOME_BU " seq=2 lifetime=100"), 1);
	CHECK(is_dad_probe(0, MN_HOA, "ff02::1:ff00:100"));
}

static void ha_dad_defended_by_other_probe_134(void)
{
	drv_start(with_dad);
	drv_send(HOME_BU " seq=1 lifetime=100");
	/* a Neighbor Solicitation with a source address is resolution, not DAD */
	CHECK_INT(send_nd(135, "2001:db8:1::5", "ff02::1:ff00:100", MN_HOA, 255), 0);
	CHECK_INT(drv_tick_at(1000), 1);
	CHECK_INT(drv_ba_status(), M6_BA_ACCEPTED);

	drv_start(with_dad);
	drv_send(HOME_BU " seq=1 lifetime=100");
	CHECK_INT(send_nd(135, "::", "ff02::1:ff00:100", MN_HOA, 255), 0);
	CHECK_INT(drv_tick_at(1000), 1);
	CHECK_INT(drv_ba_status(), M6_BA_DAD_FAILED);
	CHECK_INT(m6e_cache(drv.e)->n_bindings, 0);
}

static void ha_dad_once_per_home_address(void)
{
	drv_start(with_dad);
	drv_send(HOME_BU " seq=1 lifetime=100");
	/* a retransmission while the probe runs is dropped: the first is answered */
	CHECK_INT(drv_send(HOME_BU " seq=2 lifetime=100"), 0);
	CHECK(drv.n_events == 1 && drv.events[0].reason == M6E_DROP_DAD_PENDING);
	CHECK(strcmp(m6e_drop_name(M6E_DROP_DAD_PENDING), "dad-pending") == 0);
	CHECK_INT(drv_tick_at(1000), 1);
	CHECK_INT(drv_reply()->u.ba.seq, 1);
	/* bound now: a renewal is answered at once, without a probe */
	drv.now_ms += 1000;
	CHECK_INT(drv_send(HOME_BU " seq=3 lifetime=100"), 1);
	CHECK_INT(drv_ba_status(), M6_BA_ACCEPTED);
	CHECK_INT(drv_count_events(M6E_EV_DAD), 0);
	/* and so is a bulk registration for it */
	CHECK_INT(drv_send(HOME_BU " O seq=4 lifetime=100 bid=1,coa=2001:db8:2::5"), 1);
	CHECK_INT(drv_ba_status(), M6_BA_ACCEPTED);
	CHECK(drv_cache_ok());
}

static void only_ha_with_dad(struct m6e_config *c)
{
	c->policy.dad = true;
	c->is_cn = false;
}

static void ha_dad_only_for_home_registrations(void)
{
	drv_start(only_ha_with_dad);
	/* without H: not a home registration, answered at once */
	CHECK_INT(drv_send("bu A " HAO " seq=1 lifetime=100"), 1);
	CHECK_INT(drv_ba_status(), M6_BA_PROHIBITED);
	CHECK_INT(drv_count_events(M6E_EV_DAD), 0);
	drv_start(with_dad);
	CHECK_INT(drv_send("bu A " HAO " seq=1 lifetime=100"), 0); /* a CN: no RR, discarded */
	CHECK_INT(drv_count_events(M6E_EV_DAD), 0);
	/* what is rejected anyway is rejected at once */
	CHECK_INT(drv_send("bu A H hao=2001:db8:7::100 seq=1 lifetime=100"), 1);
	CHECK_INT(drv_ba_status(), M6_BA_NOT_HOME_SUBNET);
	CHECK_INT(drv_send(HOME_BU " seq=1 lifetime=0"), 1);
	CHECK_INT(drv_ba_status(), M6_BA_NOT_HOME_AGENT);
	CHECK_INT(drv_count_events(M6E_EV_DAD), 0);
}

static void ha_dad_link_local_with_l_flag(void)
{
	drv_start(with_dad);
	CHECK_INT(drv_send("bu A H L " HAO " seq=1 lifetime=100"), 2);
	CHECK(is_dad_probe(0, MN_HOA, "ff02::1:ff00:100"));
	CHECK(is_dad_probe(1, "fe80::100", "ff02::1:ff00:100"));
	CHECK_INT(send_nd(136, "fe80::100", "ff02::1", "fe80::100", 255), 0);
	CHECK_INT(drv_tick_at(1000), 1);
	CHECK_INT(drv_ba_status(), M6_BA_DAD_FAILED);
	/* without L the link-local address is not the mobile node's */
	drv_start(with_dad);
	CHECK_INT(drv_send(HOME_BU " seq=1 lifetime=100"), 1);
	CHECK_INT(send_nd(136, "fe80::100", "ff02::1", "fe80::100", 255), 0);
	CHECK_INT(drv_tick_at(1000), 1);
	CHECK_INT(drv_ba_status(), M6_BA_ACCEPTED);
}

/* DAD_SLOTS home addresses at once; one more is refused with 130. */
static void ha_dad_slots_full_130(void)
{
	drv_start(with_dad);
	for (unsigned i = 0; i < M6E_DAD_SLOTS; i++)
		CHECK_INT(drv_send("bu A H hao=2001:db8:1::%x seq=1 lifetime=100", 0x200 + i), 1);
	CHECK_INT(drv_send("bu A H hao=2001:db8:1::300 seq=1 lifetime=100"), 1);
	CHECK_INT(drv_ba_status(), M6_BA_INSUFFICIENT_RESOURCES);
	drv_tick_at(1000);
	CHECK_INT(drv_count_events(M6E_EV_ADDED), M6E_DAD_SLOTS);
	CHECK_INT(m6e_cache(drv.e)->n_bindings, M6E_DAD_SLOTS);
	CHECK(strcmp(m6e_event_name(M6E_EV_DAD), "dad") == 0);
}

/* ---- alternatives: the other answer where the RFCs allow several ---- */

static void with_alternatives(struct m6e_config *c)
{
	c->policy.alternatives = true;
}

static void ha_alternatives(void)
{
	/* a BU without Home Address option from a foreign address: home
	 * address = care-of address, a deregistration: 132 or 133 */
	drv_start(NULL);
	drv_send("bu A H seq=1 lifetime=100");
	CHECK_INT(drv_ba_status(), M6_BA_NOT_HOME_SUBNET);
	drv_start(with_alternatives);
	drv_send("bu A H seq=1 lifetime=100");
	CHECK_INT(drv_ba_status(), M6_BA_NOT_HOME_AGENT);
	drv_send("bu A H hao=2001:db8:7::100 seq=1 lifetime=0 bid=1");
	CHECK_INT(drv_ba_status(), M6_BA_NOT_HOME_AGENT);
	/* a registration off the home prefix is still 132 */
	drv_send("bu A H hao=2001:db8:7::100 seq=1 lifetime=100");
	CHECK_INT(drv_ba_status(), M6_BA_NOT_HOME_SUBNET);
	/* less lifetime than asked, a Binding Refresh Advice, the CoA echoed */
	drv_send(HOME_BU " seq=1 lifetime=100 bid=1,coa=2001:db8:2::5");
	CHECK_INT(drv_ba_status(), M6_BA_ACCEPTED);
	const struct m6_msg *m = drv_reply();
	CHECK_INT(m->u.ba.lifetime, 75);
	int bra = m6_msg_next_opt(m, 0, M6_OPT_BRA), bid = m6_msg_next_opt(m, 0, M6_OPT_BID);
	CHECK(bra >= 0 && m->opts[bra].u.refresh == 37);
	CHECK(bid >= 0 && m->opts[bid].u.bid.coa_family == 6 &&
	      addr_is(&m->opts[bid].u.bid.coa6, "2001:db8:2::5"));
	CHECK_INT(drv_binding(MN_HOA, 1)->lifetime_s, 300);
	/* a lifetime of one unit stays one; no advice below two */
	drv_send(HOME_BU " seq=2 lifetime=1 bid=1");
	CHECK_INT(drv_reply()->u.ba.lifetime, 1);
	CHECK(m6_msg_next_opt(drv_reply(), 0, M6_OPT_BRA) < 0);
	/* a deregistration carries no advice */
	drv_send(HOME_BU " seq=3 lifetime=0");
	CHECK_INT(drv_ba_status(), M6_BA_ACCEPTED);
	CHECK(m6_msg_next_opt(drv_reply(), 0, M6_OPT_BRA) < 0);
}

int main(void)
{
	M6T_RUN(ha_registers_plain_binding);
	M6T_RUN(ha_alternate_coa);
	M6T_RUN(ha_caps_lifetime_by_policy);
	M6T_RUN(ha_no_ba_without_a_flag);
	M6T_RUN(ha_bulk_registration);
	M6T_RUN(ha_notcomplete_when_statuses_differ);
	M6T_RUN(ha_all_bids_rejected_is_a_rejection);
	M6T_RUN(ha_updates_existing_bid);
	M6T_RUN(ha_deregisters_per_bid);
	M6T_RUN(ha_deregisters_all);
	M6T_RUN(ha_plain_bu_replaces_bid_bindings);
	M6T_RUN(ha_o_flag_and_165);
	M6T_RUN(ha_sequence_window);
	M6T_RUN(ha_home_subnet_132);
	M6T_RUN(ha_refuses_non_home_bu);
	M6T_RUN(ha_returning_home_with_bid_h);
	M6T_RUN(ha_policy_refusals);
	M6T_RUN(ha_limits_answer_130);
	M6T_RUN(ha_malformed_bid_164);
	M6T_RUN(ha_expiry_and_refresh);
	M6T_RUN(ha_sends_brr_before_expiry);
	M6T_RUN(mh_validation_s9_2);
	M6T_RUN(hao_without_binding_be1);
	M6T_RUN(data_with_hao_needs_binding);
	M6T_RUN(hao_on_mh_dropped_without_be1_for_mh);
	M6T_RUN(frames_without_ipv6_are_dropped);
	M6T_RUN(mobile_node_messages_are_not_answered);
	M6T_RUN(ha_dad_success_after_retrans_timer);
	M6T_RUN(ha_dad_defended_by_na_134);
	M6T_RUN(ha_dad_defended_by_other_probe_134);
	M6T_RUN(ha_dad_once_per_home_address);
	M6T_RUN(ha_dad_only_for_home_registrations);
	M6T_RUN(ha_dad_link_local_with_l_flag);
	M6T_RUN(ha_dad_slots_full_130);
	M6T_RUN(ha_alternatives);
	m6e_free(drv.e);
	return m6t_finish("test_engine_ha");
}
