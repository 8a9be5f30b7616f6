/* test_faults_data.c - each seeded fault of the data plane (faults_data.h)
 * changes what it claims: the reference engine, driven in-process through
 * the fault as refd drives it (frame -> m6h_fault_rx -> engine -> packet ->
 * m6h_fault_tx), behaves right without it and wrong with it. */
#include <stdio.h>
#include <string.h>

#include "m6test.h"
#include "engine_driver.h"
#include "faults.h"

#define COA1 "2001:db8:2::5"
#define COA2 "2001:db8:3::5"
#define CN "2001:db8:4::1"
#define HOME_BU "bu A H hao=" MN_HOA
#define TO_MN "echo-request id=7 data=70696e67 hlim=30 src=" CN " dst=" MN_HOA

static struct {
	const struct m6h_fault *fault;
	int n;                 /* packets sent for the last frame */
	uint8_t out[4096];     /* the last one, as it left */
	size_t out_len;
	struct m6_pkt last;
} t;

static void on_packet(void *ctx, const uint8_t *p, size_t len)
{
	(void)ctx;
	if (len > sizeof t.out / 2)
		return;
	memcpy(t.out, p, len);
	len = m6h_fault_tx(t.fault, t.out, len, sizeof t.out);
	if (len) {
		t.n++;
		t.out_len = len;
		m6_pkt_decode(t.out, len, M6_LINK_RAW, true, &t.last);
	}
}

static void on_hop(void *ctx, const uint8_t *p, size_t len, const struct m6e_hop *hop)
{
	(void)hop;
	on_packet(ctx, p, len);
}

static const struct m6e_sink sink = { on_packet, NULL, NULL, on_hop };

static void faulty_node(struct m6e_config *cfg)
{
	memcpy(cfg->mac, "\x02\x00\x00\x00\x00\x02", 6); /* the spec language's default ethdst */
	m6h_fault_configure(t.fault, cfg);
}

/* The engine of engine_driver.h, with the fault between it and the link. */
static void start(const char *fault)
{
	t.fault = fault ? m6h_fault_find(fault) : NULL;
	drv_start(faulty_node);
}

/* Hands frame[0..n) (n < 0: none) to the engine through the fault, the
 * frame's buffer cap octets; the packets sent back. */
static int through_fault(uint8_t *frame, int n, size_t cap)
{
	t.n = 0;
	size_t len = n > 0 ? m6h_fault_rx(t.fault, frame, (size_t)n, cap) : 0;
	if (len)
		m6e_receive_frame(drv.e, frame, len, M6_LINK_ETHERNET, drv.now_ms, &sink);
	return t.n;
}

/* Sends the frame a spec describes through the fault; the packets sent back. */
static int send_spec(const char *spec)
{
	static struct m6_build b;
	static uint8_t frame[4096];
	char err[160];

	if (m6_spec_parse(spec, &b, err, sizeof err) != M6_OK) {
		fprintf(stderr, "bad spec '%s': %s\n", spec, err);
		return -1;
	}
	int n = m6_build_encode(&b, frame, sizeof frame / 2);
	return through_fault(frame, n, sizeof frame);
}

/* A Neighbor Solicitation from CN for target, as a host sends it. */
static int send_ns(const char *target)
{
	static uint8_t frame[256];
	struct m6_pkt_spec spec = { .eth = true, .hlim = 255 };
	struct m6_nd ns = { .type = M6_ICMP6_NS, .has_slla = true, .slla = { 2, 0, 0, 0, 0, 1 } };

	m6t_addr(ns.target.a, target);
	m6t_addr(spec.src.a, CN);
	m6t_addr(spec.dst.a, "ff02::1:ff00:0");
	memcpy(spec.dst.a + 13, ns.target.a + 13, 3);
	memcpy(spec.eth_src, ns.slla, 6);
	memcpy(spec.eth_dst, "\x33\x33\xff", 3);
	memcpy(spec.eth_dst + 3, ns.target.a + 13, 3);
	int n = m6_nd_encode(&spec, &ns, NULL, frame, sizeof frame / 2);
	return through_fault(frame, n, sizeof frame);
}

/* Each scenario: true when the node behaved as RFC 6275 / RFC 5648 say. */
static bool tunnel_source_is_the_ha(void)
{
	send_spec(HOME_BU " seq=1 lifetime=100");
	return send_spec(TO_MN) == 1 && t.last.n_ip == 2 && addr_is(&t.last.ip[0].src, HA_ADDR);
}

static bool inner_hop_limit_decremented(void)
{
	send_spec(HOME_BU " seq=1 lifetime=100");
	return send_spec(TO_MN) == 1 && t.last.n_ip == 2 && t.last.ip[1].hlim == 29;
}

static bool deregistered_bid_not_used(void)
{
	send_spec(HOME_BU " seq=1 lifetime=100 bid=1,coa=" COA1 " bid=2,coa=" COA2);
	send_spec(HOME_BU " seq=2 lifetime=0 bid=1");
	return send_spec(TO_MN) == 1 && t.last.n_ip == 2 && addr_is(&t.last.ip[0].dst, COA2);
}

static bool reverse_tunnel_from_unbound_dropped(void)
{
	send_spec(HOME_BU " seq=1 lifetime=100");
	return send_spec("echo-request src=" MN_HOA " dst=" CN " tunnel=2001:db8:9::9," HA_ADDR) == 0 &&
	       send_spec("echo-request src=" MN_HOA " dst=" CN " tunnel=" MN_COA "," HA_ADDR) == 1;
}

static bool proxies_after_refresh(void)
{
	send_spec(HOME_BU " seq=1 lifetime=100");
	send_spec(HOME_BU " seq=2 lifetime=100");
	return send_ns(MN_HOA) == 1 && t.last.has_nd && t.last.nd.type == M6_ICMP6_NA;
}

static bool unbound_not_proxied(void)
{
	send_spec(HOME_BU " seq=1 lifetime=100");
	return send_ns("2001:db8:1::200") == 0 && send_ns(MN_HOA) == 1;
}

static bool echo_reply_through_rh2(void)
{
	send_spec(HOME_BU " seq=1 lifetime=100");
	if (send_spec("echo-request id=1 data=01 hao=" MN_HOA " src=" MN_COA) != 1)
		return false;
	const struct m6_ip6 *ip = &t.last.ip[0];
	return t.last.has_data && ip->n_ext == 1 && ip->ext[0].rh_type == 2 && addr_is(&ip->dst, MN_COA);
}

static bool dhaad_reply_lists_the_ha(void)
{
	static uint8_t frame[256];
	struct m6_pkt_spec spec = { .eth = true, .hlim = 64 };
	struct m6_nd req = { .type = M6_ICMP6_DHAAD_REQ, .id = 9 };

	memcpy(spec.eth_dst, "\x02\x00\x00\x00\x00\x02", 6);
	m6t_addr(spec.src.a, MN_COA);
	m6t_addr(spec.dst.a, "2001:db8:1:0:fdff:ffff:ffff:fffe");
	int n = m6_nd_encode(&spec, &req, NULL, frame, sizeof frame / 2);
	return through_fault(frame, n, sizeof frame) == 1 && t.last.has_nd && t.last.nd.type == M6_ICMP6_DHAAD_REP && t.last.nd.n_ha == 1 &&
	       addr_is(&t.last.nd.ha[0], HA_ADDR);
}

static const struct {
	const char *fault;
	bool (*right)(void);
} cases[] = {
	{ "tunnel-wrong-source", tunnel_source_is_the_ha },
	{ "tunnel-keeps-hlim", inner_hop_limit_decremented },
	{ "tunnel-stale-coa", deregistered_bid_not_used },
	{ "reverse-any-source", reverse_tunnel_from_unbound_dropped },
	{ "proxy-stops-at-refresh", proxies_after_refresh },
	{ "proxy-unbound", unbound_not_proxied },
	{ "cn-echo-no-rh2", echo_reply_through_rh2 },
	{ "dhaad-no-self", dhaad_reply_lists_the_ha },
};

static void each_fault_changes_what_it_claims(void)
{
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		CHECK(m6h_fault_find(cases[i].fault) != NULL);
		start(NULL);
		bool right = cases[i].right();
		start(cases[i].fault);
		bool caught = !cases[i].right();
		if (!right || !caught)
			fprintf(stderr, "%s: right without it %d, caught with it %d\n", cases[i].fault, right, caught);
		CHECK(right && caught);
	}
	m6e_free(drv.e);
	drv.e = NULL;
}

int main(void)
{
	M6T_RUN(each_fault_changes_what_it_claims);
	return m6t_finish("test_faults_data");
}
