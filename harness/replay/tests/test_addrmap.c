/* test_addrmap.c - a capture's addresses moved into the test network
 * (harness/replay/addrmap.h). */
#include <arpa/inet.h>

#include "addrmap.h"
#include "m6test.h"

static struct m6r_addrmap map;

static m6_addr6 addr(const char *text)
{
	m6_addr6 a;
	inet_pton(AF_INET6, text, a.a);
	return a;
}

/* Is text, mapped, want? */
static bool maps(const char *text, const char *want)
{
	m6_addr6 a = addr(text), w = addr(want);
	m6r_addrmap_apply(&a, &map);
	char got[INET6_ADDRSTRLEN];
	inet_ntop(AF_INET6, a.a, got, sizeof got);
	if (memcmp(&a, &w, sizeof a))
		fprintf(stderr, "  %s -> %s, want %s\n", text, got, want);
	return !memcmp(&a, &w, sizeof a);
}

/* A map for a capture whose IUT is iut, into the test network. */
static void start(const char *iut, bool keep)
{
	m6_addr6 from = addr(iut), to = addr("2001:db8:1::1");
	m6r_addrmap_init(&map, &from, &to, keep);
}

static void test_iut_and_home_prefix(void)
{
	start("fd00:55::9", false);
	CHECK(maps("fd00:55::9", "2001:db8:1::1"));
	CHECK(maps("fd00:55::abcd:1", "2001:db8:1::abcd:1")); /* interface id kept */
	CHECK_INT(map.n, 1);
}

static void test_other_prefixes_in_order_of_appearance(void)
{
	start("fd00:55::9", false);
	CHECK(maps("fd00:66::5", "2001:db8:2::5"));
	CHECK(maps("fd00:77::5", "2001:db8:3::5"));
	CHECK(maps("fd00:66::6", "2001:db8:2::6")); /* the same prefix, the same place */
	CHECK_INT(map.n, 3);
}

static void test_documentation_prefix_stays_when_free(void)
{
	start("2001:db8:1::1", false); /* a capture of the test network maps onto itself */
	CHECK(maps("2001:db8:1::1", "2001:db8:1::1"));
	CHECK(maps("2001:db8:1::b557:1:3", "2001:db8:1::b557:1:3"));
	CHECK(maps("2001:db8:4::b557:3", "2001:db8:4::b557:3"));
	CHECK(maps("2001:db8:2::b557:3", "2001:db8:2::b557:3"));
}

static void test_documentation_prefix_moves_when_taken(void)
{
	start("fd00:55::9", false);
	CHECK(maps("fd00:66::5", "2001:db8:2::5"));
	CHECK(maps("2001:db8:2::7", "2001:db8:3::7")); /* 2001:db8:2::/64 is fd00:66::/64's now */
	CHECK(maps("fd00:88::1", "2001:db8:4::1"));
	CHECK(maps("2001:db8:1::5", "2001:db8:5::5")); /* the home prefix's place is taken too */
}

static void test_fixed_addresses(void)
{
	start("fd00:55::9", false);
	CHECK(maps("fe80::1", "fe80::1"));
	CHECK(maps("febf::1", "febf::1")); /* fe80::/10 */
	CHECK(maps("ff02::1:ff00:9", "ff02::1:ff00:9"));
	CHECK(maps("::", "::"));
	CHECK_INT(map.n, 1);
	CHECK(maps("fec0::1", "2001:db8:2::1")); /* beyond fe80::/10: a node's address */
}

static void test_keep(void)
{
	start("2001:db8:1::1", true);
	CHECK(maps("fd00:66::5", "fd00:66::5"));
	CHECK(maps("2001:db8:9::5", "2001:db8:9::5"));
	char table[256];
	m6r_addrmap_describe(&map, table, sizeof table);
	CHECK(!strcmp(table, "addresses kept as captured (--keep-addresses)\n"));
}

static void test_full_map_keeps_the_rest(void)
{
	char text[64];
	start("fd00:55::9", false);
	for (int i = 1; i < M6R_PREFIXES; i++) {
		snprintf(text, sizeof text, "fd00:1:%x::1", i);
		m6_addr6 a = addr(text);
		m6r_addrmap_apply(&a, &map);
	}
	CHECK_INT(map.n, M6R_PREFIXES);
	CHECK(!map.full);
	CHECK(maps("fd00:2::1", "fd00:2::1"));
	CHECK(map.full);
	CHECK(maps("fd00:1:1::2", "2001:db8:2::2")); /* the mapped ones still map */
	static char table[8192];
	m6r_addrmap_describe(&map, table, sizeof table);
	CHECK(strstr(table, "more than 64 prefixes: the rest kept as captured\n") != NULL);
}

static void test_describe(void)
{
	char table[512];
	start("fd00:55::9", false);
	CHECK(maps("fd00:66::5", "2001:db8:2::5"));
	m6r_addrmap_describe(&map, table, sizeof table);
	CHECK(strstr(table, "fd00:55::9                               -> 2001:db8:1::1 (the IUT)\n") == table);
	CHECK(strstr(table, "fd00:55::/64                             -> 2001:db8:1::/64 (home prefix)\n") != NULL);
	CHECK(strstr(table, "fd00:66::/64                             -> 2001:db8:2::/64\n") != NULL);
}

static void test_describe_into_a_short_buffer(void)
{
	char table[64 + 8];
	memset(table, 'x', sizeof table);
	start("fd00:55::9", false);
	CHECK(maps("fd00:66::5", "2001:db8:2::5"));
	m6r_addrmap_describe(&map, table, 64);
	CHECK_INT(strlen(table), 63);
	CHECK(!memcmp(table + 64, "xxxxxxxx", 8)); /* nothing written past the 64 given */
}

static void test_documentation(void)
{
	m6_addr6 a = addr("2001:db8:ffff::1"), b = addr("2001:db9::1"), c = addr("2001:0db8::");
	CHECK(m6r_documentation(&a));
	CHECK(!m6r_documentation(&b));
	CHECK(m6r_documentation(&c));
}

int main(void)
{
	M6T_RUN(test_iut_and_home_prefix);
	M6T_RUN(test_other_prefixes_in_order_of_appearance);
	M6T_RUN(test_documentation_prefix_stays_when_free);
	M6T_RUN(test_documentation_prefix_moves_when_taken);
	M6T_RUN(test_fixed_addresses);
	M6T_RUN(test_keep);
	M6T_RUN(test_full_map_keeps_the_rest);
	M6T_RUN(test_describe);
	M6T_RUN(test_describe_into_a_short_buffer);
	M6T_RUN(test_documentation);
	return m6t_finish("test_addrmap");
}
