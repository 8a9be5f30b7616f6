/* test_neighbor.c - the tester answers Neighbor Solicitations only for the
 * addresses it holds (neighbor.h). */
#include <arpa/inet.h>

#include "m6test.h"
#include "neighbor.h"

#define NA_ROUTER 0x80000000u
#define NA_SOLICITED 0x40000000u
#define NA_OVERRIDE 0x20000000u

static const uint8_t tester_mac[6] = { 0x02, 0x6d, 0x36, 0x6b, 0x00, 0x00 };
static uint8_t ns[256], na[256];
static struct m6_pkt pkt;

static m6_addr6 addr(const char *text)
{
	m6_addr6 a;
	inet_pton(AF_INET6, text, a.a);
	return a;
}

/* A Neighbor Solicitation from src (:: for DAD) for target, to target's
 * solicited-node group unless dst says where, decoded into pkt. */
static size_t solicit_to(const char *src, const char *target, const char *dst, bool bad_checksum)
{
	struct m6_pkt_spec spec = { .eth = true, .hlim = 255, .src = addr(src) };
	uint8_t body[16];
	m6_addr6 t = addr(target);

	spec.dst = dst ? addr(dst) : addr("ff02::1:ff00:0");
	if (!dst)
		memcpy(spec.dst.a + 13, t.a + 13, 3);
	memcpy(spec.eth_src, "\x02\x6d\x36\x6b\x01\x00", 6);
	memcpy(spec.eth_dst, "\x33\x33\xff\x00\x00\x01", 6);
	memcpy(body, t.a, 16);
	int n = m6_icmp6_encode(&spec, 135, 0, 0, body, sizeof body, ns, sizeof ns);
	if (n > 0 && bad_checksum)
		ns[n - 1] ^= 1; /* the target's last octet: the checksum no longer fits */
	m6_pkt_decode(ns, n > 0 ? (size_t)n : 0, M6_LINK_ETHERNET, true, &pkt);
	return n > 0 ? (size_t)n : 0;
}

static size_t solicit(const char *src, const char *target, bool bad_checksum)
{
	return solicit_to(src, target, NULL, bad_checksum);
}

static struct m6h_held held_set(void)
{
	struct m6h_held h = { .n = 0 };
	m6h_held_add_routers(&h);
	m6h_held_add(&h, "2001:db8:2::5", false);
	return h;
}

/* The NA in na[0..n), decoded: its flags, or -1 when it is none. */
static long advert_flags(size_t n, struct m6_pkt *out)
{
	m6_pkt_decode(na, n, M6_LINK_ETHERNET, true, out);
	if (!out->has_icmp6 || out->icmp6.type != 136 || !out->icmp6.csum_ok)
		return -1;
	return (long)out->icmp6.param;
}

static void answers_a_held_address_solicited(void)
{
	struct m6h_held h = held_set();
	static struct m6_pkt got;
	size_t len = solicit("2001:db8:1::1", "2001:db8:2::5", false);
	size_t n = m6h_neighbor_advert(ns, len, &pkt, tester_mac, &h, na, sizeof na);

	CHECK(n > 0);
	CHECK_INT(advert_flags(n, &got), NA_SOLICITED | NA_OVERRIDE);
	m6_addr6 solicitor = addr("2001:db8:1::1"), target = addr("2001:db8:2::5");
	CHECK_MEM(&got.ip[0].dst, &solicitor, 16);
	CHECK_MEM(&got.ip[0].src, &target, 16);
	CHECK_MEM(na, "\x02\x6d\x36\x6b\x01\x00", 6); /* back to the solicitor's MAC */
}

static void a_router_says_so(void)
{
	struct m6h_held h = held_set();
	static struct m6_pkt got;
	size_t len = solicit("2001:db8:1::1", M6H_ROUTER_ADDR, false);
	size_t n = m6h_neighbor_advert(ns, len, &pkt, tester_mac, &h, na, sizeof na);

	CHECK_INT(advert_flags(n, &got), NA_ROUTER | NA_SOLICITED | NA_OVERRIDE);
}

/* RFC 4861 s7.2.4: a DAD probe is answered to all nodes, S clear. */
static void defends_a_held_address_against_dad(void)
{
	struct m6h_held h = held_set();
	static struct m6_pkt got;
	size_t len = solicit("::", "2001:db8:2::5", false);
	size_t n = m6h_neighbor_advert(ns, len, &pkt, tester_mac, &h, na, sizeof na);
	m6_addr6 all_nodes = addr("ff02::1"), target;

	CHECK(m6h_neighbor_dad_probe(ns, len, &pkt, &target));
	CHECK_INT(advert_flags(n, &got), NA_OVERRIDE);
	CHECK_MEM(&got.ip[0].dst, &all_nodes, 16);
	CHECK_MEM(na, "\x33\x33\x00\x00\x00\x01", 6);
}

/* A home agent's proxy DAD for a home address whose mobile node is away
 * gets no answer: the tester does not hold that address. */
static void silent_for_an_address_not_held(void)
{
	struct m6h_held h = held_set();
	m6_addr6 target;
	size_t len = solicit("::", "2001:db8:1::1:1:5", false);

	CHECK(m6h_neighbor_dad_probe(ns, len, &pkt, &target));
	CHECK_INT(m6h_neighbor_advert(ns, len, &pkt, tester_mac, &h, na, sizeof na), 0);
	len = solicit("2001:db8:1::1", "2001:db8:1::1:1:5", false);
	CHECK(!m6h_neighbor_dad_probe(ns, len, &pkt, &target));
	CHECK_INT(m6h_neighbor_advert(ns, len, &pkt, tester_mac, &h, na, sizeof na), 0);
	m6h_held_add(&h, "2001:db8:1::1:1:5", false); /* hold {hoa} */
	CHECK(m6h_neighbor_advert(ns, len, &pkt, tester_mac, &h, na, sizeof na) > 0);
}

static void ignores_a_bad_checksum(void)
{
	struct m6h_held h = held_set();
	size_t len = solicit("2001:db8:1::1", "2001:db8:2::5", true);

	CHECK_INT(m6h_neighbor_advert(ns, len, &pkt, tester_mac, &h, na, sizeof na), 0);
}

/* A node hears a solicitation at its solicited-node group or, but for
 * DAD, at the address itself; a probe sent anywhere else reaches nobody
 * that holds the address (RFC 4861 s7.2.2, RFC 4862 s5.4.2). */
static void hears_only_its_groups(void)
{
	struct m6h_held h = held_set();
	m6_addr6 target;
	size_t len = solicit_to("2001:db8:1::1", "2001:db8:2::5", "2001:db8:2::5", false);

	CHECK(m6h_neighbor_advert(ns, len, &pkt, tester_mac, &h, na, sizeof na) > 0); /* unicast NUD */
	len = solicit_to("2001:db8:1::1", "2001:db8:2::5", "ff02::1:ff00:6", false);
	CHECK_INT(m6h_neighbor_advert(ns, len, &pkt, tester_mac, &h, na, sizeof na), 0);
	len = solicit_to("::", "2001:db8:2::5", "::2:5", false); /* a DAD probe to no group */
	CHECK(!m6h_neighbor_dad_probe(ns, len, &pkt, &target));
	CHECK_INT(m6h_neighbor_advert(ns, len, &pkt, tester_mac, &h, na, sizeof na), 0);
	len = solicit_to("::", "2001:db8:2::5", "2001:db8:2::5", false); /* DAD to the address itself */
	CHECK(!m6h_neighbor_dad_probe(ns, len, &pkt, &target));
}

static void held_set_limits(void)
{
	struct m6h_held h = { .n = 0 };
	char text[48];

	CHECK_INT(m6h_held_add(&h, "not an address", false), -1);
	for (int i = 0; i < M6H_HELD_MAX; i++) {
		snprintf(text, sizeof text, "2001:db8:9::%x", i + 1);
		CHECK_INT(m6h_held_add(&h, text, false), 0);
	}
	CHECK_INT(m6h_held_add(&h, "2001:db8:9::1", false), 0); /* held already */
	CHECK_INT(m6h_held_add(&h, "2001:db8:9::ffff", false), -1);
	CHECK_INT(h.n, M6H_HELD_MAX);
}

int main(void)
{
	M6T_RUN(answers_a_held_address_solicited);
	M6T_RUN(a_router_says_so);
	M6T_RUN(defends_a_held_address_against_dad);
	M6T_RUN(silent_for_an_address_not_held);
	M6T_RUN(ignores_a_bad_checksum);
	M6T_RUN(hears_only_its_groups);
	M6T_RUN(held_set_limits);
	return m6t_finish("test_neighbor");
}
