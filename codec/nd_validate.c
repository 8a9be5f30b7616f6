/* nd_validate.c - validity of a received ND or RFC 6275 ICMPv6 message
 * beyond its form: the rules of RFC 4861 s6.1.1 (RS), s6.1.2 (RA),
 * s7.1.1 (NS), s7.1.2 (NA) that look at the IPv6 header, and RFC 6275
 * s6.5-s6.8, s7.4 and s10.5. Form (lengths, options) is nd_decode.c's. */
#include "nd_internal.h"

struct verdicts {
	struct m6_diags *out;
	int errors;
};

static void verdict(struct verdicts *v, uint8_t reason, uint8_t severity, uint8_t action, size_t at)
{
	m6_diag_add(v->out, reason, severity, action, 0, at);
	if (severity == M6_SEV_ERROR)
		v->errors++;
}

/* ff02::1:ffXX:XXXX (RFC 4291 s2.7.1) */
static bool is_solicited_node(const m6_addr6 *a)
{
	static const uint8_t head[13] = { 0xff, 0x02, [11] = 0x01, [12] = 0xff };
	return !memcmp(a->a, head, sizeof head);
}

/* The Mobile IPv6 Home-Agents anycast address of a prefix with a 64-bit
 * interface identifier: ID 0x7e of the subnet anycast range (RFC 2526
 * s2, RFC 6275 s10.5), fdff:ffff:ffff:fffe. */
static bool is_home_agents_anycast(const m6_addr6 *a)
{
	static const uint8_t iid[8] = { 0xfd, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xfe };
	return !memcmp(a->a + 8, iid, sizeof iid);
}

/* The IPv6 header's fields at their offsets (RFC 8200 s3). */
#define HLIM_AT(ip) ((size_t)(ip)->off + 7)
#define SRC_AT(ip) ((size_t)(ip)->off + 8)
#define DST_AT(ip) ((size_t)(ip)->off + 24)

/* Neighbor Discovery proper (types 133-136). */
static void check_nd(struct verdicts *v, const struct m6_nd *nd, const struct m6_ip6 *ip)
{
	/* A router on the path would have decremented 255: the message
	 * comes from off the link (RFC 4861 s3). */
	if (ip->hlim != 255)
		verdict(v, M6_R_ND_HOP_LIMIT, M6_SEV_ERROR, M6_ACT_DISCARD, HLIM_AT(ip));
	bool unspec_src = m6_addr_unspecified(&ip->src);
	switch (nd->type) {
	case M6_ICMP6_RS:
		if (unspec_src && nd->has_slla)
			verdict(v, M6_R_ND_UNSPEC_SLLA, M6_SEV_ERROR, M6_ACT_DISCARD, SRC_AT(ip));
		break;
	case M6_ICMP6_RA:
		if (!m6_addr_link_local(&ip->src))
			verdict(v, M6_R_RA_SRC_NOT_LL, M6_SEV_ERROR, M6_ACT_DISCARD, SRC_AT(ip));
		break;
	case M6_ICMP6_NS:
	case M6_ICMP6_NA:
		if (m6_addr_multicast(&nd->target))
			verdict(v, M6_R_ND_TARGET_MCAST, M6_SEV_ERROR, M6_ACT_DISCARD, (size_t)nd->off + 8);
		if (nd->type == M6_ICMP6_NA && (nd->flags & M6_NA_S) && m6_addr_multicast(&ip->dst))
			verdict(v, M6_R_NA_SOLICITED_MCAST, M6_SEV_ERROR, M6_ACT_DISCARD, (size_t)nd->off + 4);
		if (nd->type == M6_ICMP6_NS && unspec_src && !is_solicited_node(&ip->dst))
			verdict(v, M6_R_NS_UNSPEC_DST, M6_SEV_ERROR, M6_ACT_DISCARD, DST_AT(ip));
		if (nd->type == M6_ICMP6_NS && unspec_src && nd->has_slla)
			verdict(v, M6_R_ND_UNSPEC_SLLA, M6_SEV_ERROR, M6_ACT_DISCARD, SRC_AT(ip));
		break;
	}
}

int m6_nd_validate(const struct m6_nd *nd, const struct m6_ip6 *ip, struct m6_diags *out)
{
	struct verdicts v = { out, 0 };
	bool mip6 = nd->type >= M6_ICMP6_DHAAD_REQ;

	/* RFC 4861 makes a Code other than 0 a reason to discard; RFC 6275
	 * only says the sender writes 0. */
	if (nd->code != 0)
		verdict(&v, M6_R_ICMP6_CODE, mip6 ? M6_SEV_NOTE : M6_SEV_ERROR,
			mip6 ? M6_ACT_NONE : M6_ACT_DISCARD, (size_t)nd->off + 1);
	if (!mip6)
		check_nd(&v, nd, ip);
	if (nd->has_hainfo) {
		/* RFC 6275 s7.4: a receiver ignores the option without H; a
		 * Home Agent Lifetime of 0 must not be sent. */
		if (nd->type == M6_ICMP6_RA && !(nd->flags & M6_RA_H))
			verdict(&v, M6_R_HAINFO_WITHOUT_H, M6_SEV_NOTE, M6_ACT_SKIP_OPTION, nd->hainfo_off);
		if (nd->ha_lifetime == 0)
			verdict(&v, M6_R_HA_LIFETIME_ZERO, M6_SEV_ERROR, M6_ACT_SKIP_OPTION, (size_t)nd->hainfo_off + 6);
	}
	if (nd->type == M6_ICMP6_DHAAD_REQ && !is_home_agents_anycast(&ip->dst))
		verdict(&v, M6_R_DHAAD_NOT_ANYCAST, M6_SEV_NOTE, M6_ACT_NONE, DST_AT(ip));
	return v.errors;
}
