/* test_nd.c - the ICMPv6 messages of Neighbor Discovery and RFC 6275:
 * decoding of hand-made vectors (each says what is in it), truncation at
 * every length, bad option lengths, and each validity rule. */
#include "m6test.h"
#include "m6codec.h"
#include "m6print.h"
#include "m6spec.h"

static struct m6_pkt pkt;

/* A raw IPv6 packet (no link layer) around icmp[0..n), hop limit hlim,
 * its checksum filled in. Returns the frame length. */
static size_t frame(uint8_t *out, const char *src, const char *dst, uint8_t hlim, const uint8_t *icmp, size_t n)
{
	struct m6_pseudo ps;

	memset(out, 0, 40);
	out[0] = 0x60;
	out[4] = (uint8_t)(n >> 8);
	out[5] = (uint8_t)n;
	out[6] = M6_IPPROTO_ICMPV6;
	out[7] = hlim;
	m6t_addr(out + 8, src);
	m6t_addr(out + 24, dst);
	memcpy(out + 40, icmp, n);
	memcpy(ps.src.a, out + 8, 16);
	memcpy(ps.dst.a, out + 24, 16);
	uint16_t c = m6_upper_checksum(&ps, M6_IPPROTO_ICMPV6, out + 40, n, 2);
	out[42] = (uint8_t)(c >> 8);
	out[43] = (uint8_t)c;
	return 40 + n;
}

static bool has_reason(uint8_t reason, uint8_t severity)
{
	for (int i = 0; i < pkt.diags.n; i++)
		if (pkt.diags.d[i].reason == reason && pkt.diags.d[i].severity == severity)
			return true;
	return false;
}

/* NA from a home agent defending a mobile node's home address (RFC 6275
 * s10.4.1): S and O... here R=0 S=1 O=1, target 2001:db8:1::5, TLLA. */
static const uint8_t na_proxy[] = {
	136, 0, 0, 0, 0x60, 0, 0, 0,
	0x20, 0x01, 0x0d, 0xb8, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 5,
	2, 1, 0x02, 0, 0, 0, 0, 0x11,
};

/* RA with H: Cur Hop Limit 64, M O H, lifetime 1800, reachable 30000,
 * retrans 1000; SLLA; Prefix 2001:db8:1::/64 L A R valid 86400 pref
 * 14400; Advertisement Interval 3000 ms; Home Agent Information pref 10
 * lifetime 1800. */
static const uint8_t ra_ha[] = {
	134, 0, 0, 0, 64, 0xe0, 0x07, 0x08, 0, 0, 0x75, 0x30, 0, 0, 0x03, 0xe8,
	1, 1, 0x02, 0, 0, 0, 0, 0x01,
	3, 4, 64, 0xe0, 0, 1, 0x51, 0x80, 0, 0, 0x38, 0x40, 0, 0, 0, 0,
	0x20, 0x01, 0x0d, 0xb8, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1,
	7, 1, 0, 0, 0, 0, 0x0b, 0xb8,
	8, 1, 0, 0, 0, 10, 0x07, 0x08,
};

/* DHAAD Reply, Identifier 7, two home agents. */
static const uint8_t dhaad_rep[] = {
	145, 0, 0, 0, 0, 7, 0, 0,
	0x20, 0x01, 0x0d, 0xb8, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1,
	0x20, 0x01, 0x0d, 0xb8, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2,
};

static void test_na_decode(void)
{
	uint8_t f[256];
	size_t n = frame(f, "2001:db8:1::1", "2001:db8:1::5", 255, na_proxy, sizeof na_proxy);

	CHECK_INT(m6_pkt_decode(f, n, M6_LINK_RAW, true, &pkt), M6_OK);
	CHECK(pkt.has_icmp6 && pkt.has_nd && !pkt.has_data);
	CHECK(m6_pkt_valid(&pkt));
	CHECK_INT(pkt.nd.type, M6_ICMP6_NA);
	CHECK_INT(pkt.nd.flags, M6_NA_S | M6_NA_O);
	CHECK_INT(pkt.nd.target.a[15], 5);
	CHECK(pkt.nd.has_tlla && !pkt.nd.has_slla);
	CHECK_INT(pkt.nd.tlla[5], 0x11);
	CHECK_INT(pkt.nd.off, 40);
}

static void test_ra_decode(void)
{
	uint8_t f[256];
	size_t n = frame(f, "fe80::1", "ff02::1", 255, ra_ha, sizeof ra_ha);

	CHECK_INT(m6_pkt_decode(f, n, M6_LINK_RAW, true, &pkt), M6_OK);
	CHECK(pkt.has_nd && m6_pkt_valid(&pkt));
	CHECK_INT(pkt.nd.cur_hlim, 64);
	CHECK_INT(pkt.nd.flags, M6_RA_M | M6_RA_O | M6_RA_H);
	CHECK_INT(pkt.nd.router_lifetime, 1800);
	CHECK_INT(pkt.nd.reachable, 30000);
	CHECK_INT(pkt.nd.retrans, 1000);
	CHECK(pkt.nd.has_slla);
	CHECK_INT(pkt.nd.n_prefixes, 1);
	CHECK_INT(pkt.nd.prefixes[0].plen, 64);
	CHECK_INT(pkt.nd.prefixes[0].flags, M6_PI_L | M6_PI_A | M6_PI_R);
	CHECK_INT(pkt.nd.prefixes[0].valid, 86400);
	CHECK_INT(pkt.nd.prefixes[0].preferred, 14400);
	CHECK_INT(pkt.nd.prefixes[0].prefix.a[15], 1);
	CHECK(pkt.nd.has_advint && pkt.nd.has_hainfo);
	CHECK_INT(pkt.nd.advint, 3000);
	CHECK_INT(pkt.nd.ha_pref, 10);
	CHECK_INT(pkt.nd.ha_lifetime, 1800);
	CHECK_INT(pkt.nd.n_opts, 4);
}

static void test_dhaad_reply_decode(void)
{
	uint8_t f[256];
	size_t n = frame(f, "2001:db8:1::1", "2001:db8:3::100", 64, dhaad_rep, sizeof dhaad_rep);

	CHECK_INT(m6_pkt_decode(f, n, M6_LINK_RAW, true, &pkt), M6_OK);
	CHECK(pkt.has_nd && m6_pkt_valid(&pkt));
	CHECK_INT(pkt.nd.id, 7);
	CHECK_INT(pkt.nd.n_ha, 2);
	CHECK_INT(pkt.nd.ha[1].a[15], 2);
}

/* Every cut of the capture inside the message: truncated-icmp6, never a
 * read past the end (ASan watches), never a valid verdict. */
static void test_truncation_every_length(void)
{
	const struct { const uint8_t *m; size_t n; const char *src; } v[] = {
		{ na_proxy, sizeof na_proxy, "2001:db8:1::1" },
		{ ra_ha, sizeof ra_ha, "fe80::1" },
		{ dhaad_rep, sizeof dhaad_rep, "2001:db8:1::1" },
	};
	for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
		uint8_t f[256];
		size_t n = frame(f, v[i].src, "2001:db8:1::5", 255, v[i].m, v[i].n);
		for (size_t cut = 48; cut < n; cut++) {
			uint8_t *copy = malloc(cut);
			memcpy(copy, f, cut);
			m6_pkt_decode(copy, cut, M6_LINK_RAW, true, &pkt);
			CHECK(pkt.has_nd);
			CHECK(!m6_pkt_valid(&pkt));
			CHECK(has_reason(M6_R_TRUNC_ICMP6, M6_SEV_ERROR));
			free(copy);
		}
	}
}

/* The ICMPv6 length (IPv6 Payload Length) below the type's fixed part. */
static void test_short_message(void)
{
	uint8_t f[256];
	size_t n = frame(f, "2001:db8:1::1", "2001:db8:1::5", 255, na_proxy, 20);

	m6_pkt_decode(f, n, M6_LINK_RAW, true, &pkt);
	CHECK(has_reason(M6_R_ICMP6_SHORT, M6_SEV_ERROR));
}

static void test_option_lengths(void)
{
	uint8_t m[sizeof ra_ha], f[256];
	size_t n;

	/* SLLA with Length 0: RFC 4861 s4.6 discard */
	memcpy(m, ra_ha, sizeof m);
	m[17] = 0;
	n = frame(f, "fe80::1", "ff02::1", 255, m, sizeof m);
	m6_pkt_decode(f, n, M6_LINK_RAW, true, &pkt);
	CHECK(has_reason(M6_R_ND_OPT_ZERO, M6_SEV_ERROR));
	CHECK_INT(pkt.diags.d[0].offset, 40 + 17);
	/* Prefix Information with Length 7: runs past the end */
	memcpy(m, ra_ha, sizeof m);
	m[25] = 7;
	n = frame(f, "fe80::1", "ff02::1", 255, m, sizeof m);
	m6_pkt_decode(f, n, M6_LINK_RAW, true, &pkt);
	CHECK(has_reason(M6_R_ND_OPT_OVERRUN, M6_SEV_ERROR));
	/* Advertisement Interval with Length 2 eats the HA Information option:
	 * a note, the option ignored */
	memcpy(m, ra_ha, sizeof m);
	m[57] = 2;
	n = frame(f, "fe80::1", "ff02::1", 255, m, sizeof m);
	m6_pkt_decode(f, n, M6_LINK_RAW, true, &pkt);
	CHECK(has_reason(M6_R_ND_OPT_LEN, M6_SEV_NOTE));
	CHECK(!pkt.nd.has_advint && !pkt.nd.has_hainfo);
	CHECK(m6_pkt_valid(&pkt));
}

static void test_validity_rules(void)
{
	uint8_t m[sizeof ra_ha], f[256];
	size_t n;

	/* hop limit 254: from off the link */
	n = frame(f, "2001:db8:1::1", "2001:db8:1::5", 254, na_proxy, sizeof na_proxy);
	m6_pkt_decode(f, n, M6_LINK_RAW, true, &pkt);
	CHECK(has_reason(M6_R_ND_HOP_LIMIT, M6_SEV_ERROR));
	CHECK_INT(pkt.diags.d[0].offset, 7);
	/* code 1 */
	memcpy(m, na_proxy, sizeof na_proxy);
	m[1] = 1;
	n = frame(f, "2001:db8:1::1", "2001:db8:1::5", 255, m, sizeof na_proxy);
	m6_pkt_decode(f, n, M6_LINK_RAW, true, &pkt);
	CHECK(has_reason(M6_R_ICMP6_CODE, M6_SEV_ERROR));
	/* multicast target */
	memcpy(m, na_proxy, sizeof na_proxy);
	m[8] = 0xff;
	n = frame(f, "2001:db8:1::1", "2001:db8:1::5", 255, m, sizeof na_proxy);
	m6_pkt_decode(f, n, M6_LINK_RAW, true, &pkt);
	CHECK(has_reason(M6_R_ND_TARGET_MCAST, M6_SEV_ERROR));
	/* solicited NA to all-nodes */
	n = frame(f, "2001:db8:1::1", "ff02::1", 255, na_proxy, sizeof na_proxy);
	m6_pkt_decode(f, n, M6_LINK_RAW, true, &pkt);
	CHECK(has_reason(M6_R_NA_SOLICITED_MCAST, M6_SEV_ERROR));
	/* RA from a global address */
	n = frame(f, "2001:db8:1::1", "ff02::1", 255, ra_ha, sizeof ra_ha);
	m6_pkt_decode(f, n, M6_LINK_RAW, true, &pkt);
	CHECK(has_reason(M6_R_RA_SRC_NOT_LL, M6_SEV_ERROR));
	/* HA information without H, with lifetime 0 */
	memcpy(m, ra_ha, sizeof ra_ha);
	m[5] = 0xc0;
	m[sizeof ra_ha - 2] = m[sizeof ra_ha - 1] = 0;
	n = frame(f, "fe80::1", "ff02::1", 255, m, sizeof ra_ha);
	m6_pkt_decode(f, n, M6_LINK_RAW, true, &pkt);
	CHECK(has_reason(M6_R_HAINFO_WITHOUT_H, M6_SEV_NOTE));
	CHECK(has_reason(M6_R_HA_LIFETIME_ZERO, M6_SEV_ERROR));
	CHECK(!has_reason(M6_R_PREFIX_HOST_BITS, M6_SEV_NOTE)); /* 2001:db8:1::1/64 with R */
	/* the same prefix without R: host bits the sender should have zeroed */
	memcpy(m, ra_ha, sizeof ra_ha);
	m[27] = 0xc0;
	n = frame(f, "fe80::1", "ff02::1", 255, m, sizeof ra_ha);
	m6_pkt_decode(f, n, M6_LINK_RAW, true, &pkt);
	CHECK(has_reason(M6_R_PREFIX_HOST_BITS, M6_SEV_NOTE) && m6_pkt_valid(&pkt));
	/* and a /128 without R has none */
	m[26] = 128;
	n = frame(f, "fe80::1", "ff02::1", 255, m, sizeof ra_ha);
	m6_pkt_decode(f, n, M6_LINK_RAW, true, &pkt);
	CHECK(!has_reason(M6_R_PREFIX_HOST_BITS, M6_SEV_NOTE));
}

/* An NA inside an IPv6-in-IPv6 tunnel decodes with the inner header's
 * rules (hop limit, addresses). */
static void test_tunnelled(void)
{
	uint8_t inner[256], f[320];
	size_t n = frame(inner, "2001:db8:1::1", "2001:db8:1::5", 255, na_proxy, sizeof na_proxy);

	memset(f, 0, 40);
	f[0] = 0x60;
	f[5] = (uint8_t)n;
	f[6] = M6_IPPROTO_IPV6;
	f[7] = 64;
	m6t_addr(f + 8, "2001:db8:1::1");
	m6t_addr(f + 24, "2001:db8:3::100");
	memcpy(f + 40, inner, n);
	CHECK_INT(m6_pkt_decode(f, 40 + n, M6_LINK_RAW, true, &pkt), M6_OK);
	CHECK_INT(pkt.n_ip, 2);
	CHECK(pkt.has_nd && m6_pkt_valid(&pkt));
	CHECK_INT(pkt.nd.off, 80);
}

/* Encode -> decode of every type with every field and option it carries:
 * the decoded struct equals the one encoded. */
static void round_trip(struct m6_nd *nd, const char *src, const char *dst)
{
	struct m6_pkt_spec s;
	uint8_t out[1024];

	memset(&s, 0, sizeof s);
	m6t_addr(s.src.a, src);
	m6t_addr(s.dst.a, dst);
	s.hlim = 255;
	int n = m6_nd_encode(&s, nd, NULL, out, sizeof out);
	CHECK(n > 40);
	CHECK_INT(m6_pkt_decode(out, (size_t)n, M6_LINK_RAW, true, &pkt), M6_OK);
	CHECK(pkt.has_nd && pkt.icmp6.csum_ok);
	if (!m6_pkt_valid(&pkt))
		fprintf(stderr, "type %u: %s\n", nd->type, m6_reason_name(pkt.diags.d[0].reason));
	CHECK(m6_pkt_valid(&pkt));
	nd->off = pkt.nd.off;
	nd->len = pkt.nd.len;
	nd->n_opts = pkt.nd.n_opts;
	nd->hainfo_off = pkt.nd.hainfo_off;
	CHECK_MEM(&pkt.nd, nd, sizeof *nd);
}

static void test_round_trips(void)
{
	static struct m6_nd nd;
	const uint8_t mac[6] = { 2, 0, 0, 0, 0, 0x11 };

	for (int t = 0; t < 256; t++) {
		if (!m6_nd_type_known((uint8_t)t))
			continue;
		memset(&nd, 0, sizeof nd);
		nd.type = (uint8_t)t;
		nd.id = t >= M6_ICMP6_DHAAD_REQ ? 0x1234 : 0;
		switch (t) {
		case M6_ICMP6_RS:
		case M6_ICMP6_NS:
			nd.has_slla = true;
			memcpy(nd.slla, mac, 6);
			break;
		case M6_ICMP6_NA:
			nd.flags = M6_NA_R | M6_NA_S | M6_NA_O;
			nd.has_tlla = true;
			memcpy(nd.tlla, mac, 6);
			break;
		case M6_ICMP6_RA:
			nd.cur_hlim = 64;
			nd.flags = M6_RA_M | M6_RA_O | M6_RA_H;
			nd.router_lifetime = 1800;
			nd.reachable = 30000;
			nd.retrans = 1000;
			nd.has_slla = nd.has_mtu = nd.has_advint = nd.has_hainfo = true;
			memcpy(nd.slla, mac, 6);
			nd.mtu = 1500;
			nd.advint = 3000;
			nd.ha_pref = -5;
			nd.ha_lifetime = 600;
			break;
		case M6_ICMP6_DHAAD_REP:
			nd.n_ha = M6_DHAAD_MAX_HA;
			for (int i = 0; i < nd.n_ha; i++) {
				m6t_addr(nd.ha[i].a, "2001:db8:1::1");
				nd.ha[i].a[15] = (uint8_t)i;
			}
			break;
		case M6_ICMP6_MPA:
			nd.flags = M6_MPA_M | M6_MPA_O;
			break;
		}
		if (t == M6_ICMP6_RA || t == M6_ICMP6_MPA) {
			nd.n_prefixes = M6_ND_MAX_PREFIXES;
			for (int i = 0; i < nd.n_prefixes; i++) {
				m6t_addr(nd.prefixes[i].prefix.a, "2001:db8:1::");
				nd.prefixes[i].prefix.a[5] = (uint8_t)i;
				nd.prefixes[i].plen = 64;
				nd.prefixes[i].flags = M6_PI_L | M6_PI_A | (i ? 0 : M6_PI_R);
				nd.prefixes[i].valid = 86400;
				nd.prefixes[i].preferred = 14400u + (unsigned)i;
			}
		}
		round_trip(&nd, t == M6_ICMP6_RA ? "fe80::1" : "2001:db8:1::1",
			   t == M6_ICMP6_DHAAD_REQ ? "2001:db8:1:0:fdff:ffff:ffff:fffe" : "2001:db8:1::5");
	}
}

/* The knobs: a forced option Length and a cut message. */
static void test_encode_knobs(void)
{
	static struct m6_nd nd;
	struct m6_pkt_spec s;
	struct m6_enc_knobs k = { .nd_optlen_set = true, .nd_optlen_type = M6_NDOPT_TLLA, .nd_optlen = 0 };
	uint8_t out[512];

	memset(&s, 0, sizeof s);
	m6t_addr(s.src.a, "2001:db8:1::1");
	m6t_addr(s.dst.a, "2001:db8:1::5");
	s.hlim = 255;
	memset(&nd, 0, sizeof nd);
	nd.type = M6_ICMP6_NA;
	nd.has_tlla = true;
	int n = m6_nd_encode(&s, &nd, &k, out, sizeof out);
	CHECK_INT(n, 40 + 32);
	m6_pkt_decode(out, (size_t)n, M6_LINK_RAW, true, &pkt);
	CHECK(pkt.icmp6.csum_ok);
	CHECK(has_reason(M6_R_ND_OPT_ZERO, M6_SEV_ERROR));
	k.nd_optlen_type = M6_NDOPT_SLLA; /* the NA carries none */
	CHECK_INT(m6_nd_encode(&s, &nd, &k, out, sizeof out), M6_ERR_ARG);
	k = (struct m6_enc_knobs){ .truncate = 20 };
	n = m6_nd_encode(&s, &nd, &k, out, sizeof out);
	CHECK_INT(n, 60);
	m6_pkt_decode(out, (size_t)n, M6_LINK_RAW, true, &pkt);
	CHECK(pkt.icmp6.csum_ok);
	CHECK(has_reason(M6_R_ICMP6_SHORT, M6_SEV_ERROR));
	CHECK_INT(m6_nd_encode(&s, &nd, NULL, out, 50), M6_ERR_NOSPACE);
}

/* Each spec builds a packet whose summary line is the spec again (the
 * words between "DST " and " : "): build and decode agree word by word. */
static void test_spec_line_round_trip(void)
{
	static const char *const specs[] = {
		"rs slla=02:00:00:00:00:05",
		"rs reserved=7",
		"ra curhlim=64 M O H router_lifetime=1800 reachable=30000 retrans=1000 slla=02:00:00:00:00:01 "
		"mtu=1500 prefix=2001:db8:1::/64,l,a,r,valid=86400,pref=14400 prefix=2001:db8:2::/48,res=3,valid=1,pref=0 "
		"advint=3000 hainfo=-5,1800",
		"ns target=2001:db8:1::5 slla=02:00:00:00:00:07",
		"na target=2001:db8:1::5 R S O tlla=02:00:00:00:00:01",
		"na target=2001:db8:1::5 reserved=5 code=3",
		"dhaad-req id=7",
		"dhaad-rep id=7 ha=2001:db8:1::1 ha=2001:db8:1::2",
		"mps id=9 reserved=1 hao=2001:db8:2::100",
		"mpa id=65535 M O prefix=2001:db8:1::/64,a,valid=86400,pref=14400 rh2=2001:db8:2::100",
		"mps id=10 tunnel=2001:db8:3::100,2001:db8:1::1",
		"na target=2001:db8:1::5 S hlim=254",
		"echo-request id=1 seq=2 tag=4096 tunnel=2001:db8:1::1,2001:db8:3::100",
		"udp sport=5000 dport=6000 tag=3735928559 data=0102",
	};
	static struct m6_build b;
	static char mem[4096];
	char err[256];
	uint8_t out[2048];

	for (size_t i = 0; i < sizeof specs / sizeof specs[0]; i++) {
		struct m6_buf buf;
		struct m6_frame_info fi = { .frame = 1 };
		CHECK_INT(m6_spec_parse(specs[i], &b, err, sizeof err), M6_OK);
		int n = m6_build_encode(&b, out, sizeof out);
		CHECK(n > 0);
		m6_pkt_decode(out, (size_t)(n > 0 ? n : 0), M6_LINK_ETHERNET, true, &pkt);
		m6_buf_init(&buf, mem, sizeof mem - 1, NULL);
		m6_print_line(&buf, &pkt, &fi);
		mem[buf.len] = 0;
		const char *words = strstr(mem, " > ");
		words = words ? strchr(words + 3, ' ') : NULL;
		const char *end = strstr(mem, " : ");
		bool same = words && end && (size_t)(end - words - 1) == strlen(specs[i]) &&
			    !memcmp(words + 1, specs[i], strlen(specs[i]));
		CHECK(same);
		if (!same)
			fprintf(stderr, "  spec %s\n  line %s", specs[i], mem);
	}
}

static void check_error(const char *spec, const char *want)
{
	static struct m6_build b;
	char err[256];

	CHECK_INT(m6_spec_parse(spec, &b, err, sizeof err), M6_ERR_ARG);
	CHECK(strcmp(err, want) == 0);
	if (strcmp(err, want))
		fprintf(stderr, "  '%s': got '%s', want '%s'\n", spec, err, want);
}

static void test_spec_errors(void)
{
	check_error("na S=1", "S=1: S takes no value");
	check_error("ns S", "S: not a flag of ns");
	check_error("ra H H", "H: H given twice");
	check_error("ns tlla=02:00:00:00:00:01", "tlla: not an option of ns");
	check_error("bu slla=02:00:00:00:00:01", "slla: not an option of bu");
	check_error("ns bid=1", "bid: ns carries no mobility options (only a Mobility Header does)");
	check_error("bu code=1", "code: only for ICMPv6 ND and RFC 6275 messages, not for bu");
	check_error("na hdrlen=1", "hdrlen: only for Mobility Header messages, not for na");
	check_error("ra prefix=2001:db8::", "prefix=2001:db8::: prefix needs PREFIX/PLEN");
	check_error("ra prefix=2001:db8::/64,x", "prefix=2001:db8::/64,x: prefix has no sub-field 'x'");
	check_error("ra prefix=2001:db8::/64,l,l", "prefix=2001:db8::/64,l,l: l given twice");
	check_error("ra prefix=2001:db8::/64,valid", "prefix=2001:db8::/64,valid: valid needs a value (valid=...)");
	check_error("ra hainfo=1", "hainfo=1: hainfo needs PREFERENCE,LIFETIME");
	check_error("ra hainfo=-32769,1", "hainfo=-32769,1: preference out of range 0-32768");
	check_error("na optlen=2,0", "optlen: the na carries no option of type 2");
	check_error("udp tag=4294967296", "tag=4294967296: tag out of range 0-4294967295");
	check_error("ns target=2001:db8::1 ns", "ns: the message is the first word, and only one");
}

int main(void)
{
	M6T_RUN(test_spec_line_round_trip);
	M6T_RUN(test_spec_errors);
	M6T_RUN(test_round_trips);
	M6T_RUN(test_encode_knobs);
	M6T_RUN(test_na_decode);
	M6T_RUN(test_ra_decode);
	M6T_RUN(test_dhaad_reply_decode);
	M6T_RUN(test_truncation_every_length);
	M6T_RUN(test_short_message);
	M6T_RUN(test_option_lengths);
	M6T_RUN(test_validity_rules);
	M6T_RUN(test_tunnelled);
	return m6t_finish("test_nd");
}
