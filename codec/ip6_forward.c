/* ip6_forward.c - an IPv6 packet as a router passes it on: its Hop Limit
 * one less (RFC 8200 s3), and when it enters a tunnel, inside an outer
 * IPv6 header (RFC 2473 s3.1, the Mobile IPv6 home agent's tunnel to a
 * care-of address, RFC 6275 s10.4.2). */
#include "internal.h"

#define IP6_HLEN 40

int m6_ip6_forward(const uint8_t *ip6, size_t len, const struct m6_tunnel *tunnel, uint8_t *out,
		   size_t cap)
{
	struct m6_wr w;

	if (len < IP6_HLEN)
		return M6_ERR_TRUNCATED;
	if (ip6[0] >> 4 != 6)
		return M6_ERR_INVALID;
	if (ip6[7] <= 1) /* it would leave with 0: Time Exceeded, not forwarded */
		return M6_ERR_ARG;
	m6_wr_init(&w, out, cap);
	if (tunnel) {
		if (len > 0xffff)
			return M6_ERR_ARG;
		m6_wr_be32(&w, 6u << 28);
		m6_wr_be16(&w, (uint16_t)len);
		m6_wr_u8(&w, M6_IPPROTO_IPV6);
		m6_wr_u8(&w, tunnel->hlim ? tunnel->hlim : 64);
		m6_wr_bytes(&w, tunnel->src.a, 16);
		m6_wr_bytes(&w, tunnel->dst.a, 16);
	}
	size_t inner = w.pos;
	m6_wr_bytes(&w, ip6, len);
	if (w.overflow)
		return M6_ERR_NOSPACE;
	m6_wr_put_u8_at(&w, inner + 7, (uint8_t)(ip6[7] - 1));
	return (int)w.pos;
}
