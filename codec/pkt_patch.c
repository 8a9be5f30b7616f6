/* pkt_patch.c - changing fields of a decoded packet in place (m6codec.h,
 * "Patching"): the fields are found where the decoder located them, so a
 * packet keeps every other octet as captured, anomalies included. */
#include "internal.h"

/* One 16-octet address at off, through map. */
static int map_at(uint8_t *buf, size_t len, size_t off, m6_addr_map_fn map, void *arg)
{
	m6_addr6 a;

	if (off + 16 > len)
		return 0;
	memcpy(a.a, buf + off, 16);
	map(&a, arg);
	memcpy(buf + off, a.a, 16);
	return 1;
}

/* The addresses in a Mobility Header's body and options. */
static int map_mh(uint8_t *buf, size_t len, const struct m6_pkt *pkt, m6_addr_map_fn map, void *arg)
{
	const struct m6_msg *msg = &pkt->msg;
	size_t mh = pkt->mh_off;
	int n = 0;

	if (msg->type == M6_MH_BE) /* 6 octets of header, Status, Reserved, Home Address */
		n += map_at(buf, len, mh + 8, map, arg);
	for (int i = 0; i < msg->n_opts; i++) {
		const struct m6_opt *o = &msg->opts[i];
		if (o->flags & (M6_OPTF_RAW | M6_OPTF_MALFORMED))
			continue;
		if (o->type == M6_OPT_ALTCOA)
			n += map_at(buf, len, mh + o->offset + 2, map, arg);
		else if (o->type == M6_OPT_BID && o->u.bid.coa_family == 6) /* BID, Status, Flags first */
			n += map_at(buf, len, mh + o->offset + 6, map, arg);
	}
	return n;
}

int m6_pkt_patch_addrs(uint8_t *buf, size_t len, const struct m6_pkt *pkt, m6_addr_map_fn map, void *arg)
{
	int n = 0;

	for (int i = 0; i < pkt->n_ip; i++) {
		const struct m6_ip6 *ip = &pkt->ip[i];
		n += map_at(buf, len, ip->off + 8u, map, arg);  /* Source Address */
		n += map_at(buf, len, ip->off + 24u, map, arg); /* Destination Address */
		for (int e = 0; e < ip->n_ext; e++) {
			const struct m6_ext *x = &ip->ext[e];
			if (x->has_hao)
				n += map_at(buf, len, x->hao_off + 2u, map, arg);
			if (x->proto == M6_IPPROTO_ROUTING && x->rh_type == 2)
				n += map_at(buf, len, x->off + 8u, map, arg);
		}
	}
	if (pkt->has_mh)
		n += map_mh(buf, len, pkt, map, arg);
	if (pkt->has_nd && (pkt->nd.type == M6_ICMP6_NS || pkt->nd.type == M6_ICMP6_NA))
		n += map_at(buf, len, pkt->nd.off + 8u, map, arg); /* Target Address */
	return n;
}

int m6_pkt_patch_bu_seq(uint8_t *buf, size_t len, const struct m6_pkt *pkt, uint16_t seq)
{
	size_t at = pkt->mh_off + 6u; /* the BU's Sequence # follows the 6-octet MH header */

	if (!pkt->has_mh || pkt->msg.type != M6_MH_BU || at + 2 > len)
		return M6_ERR_ARG;
	buf[at] = (uint8_t)(seq >> 8);
	buf[at + 1] = (uint8_t)seq;
	return M6_OK;
}

int m6_pkt_patch_nonce(uint8_t *buf, size_t len, const struct m6_pkt *pkt, uint16_t home, uint16_t careof)
{
	int i = pkt->has_mh ? m6_msg_next_opt(&pkt->msg, 0, M6_OPT_NONCE) : -1;

	if (i < 0 || (pkt->msg.opts[i].flags & M6_OPTF_MALFORMED))
		return M6_ERR_ARG;
	size_t at = pkt->mh_off + pkt->msg.opts[i].offset + 2u;
	if (at + 4 > len)
		return M6_ERR_ARG;
	uint8_t v[4] = { (uint8_t)(home >> 8), (uint8_t)home, (uint8_t)(careof >> 8), (uint8_t)careof };
	memcpy(buf + at, v, 4);
	return M6_OK;
}

/* The pseudo-header of the innermost header (RFC 6275 s6.1.1: the home
 * address of a Home Address option, the RH2's address). */
static void pseudo(const struct m6_ip6 *ip, struct m6_pseudo *ps)
{
	ps->src = ip->src;
	ps->dst = ip->dst;
	for (int i = 0; i < ip->n_ext; i++) {
		if (ip->ext[i].has_hao)
			ps->src = ip->ext[i].hao;
		if (ip->ext[i].proto == M6_IPPROTO_ROUTING && ip->ext[i].rh_type == 2)
			ps->dst = ip->ext[i].rh_addr;
	}
}

int m6_pkt_patch_checksum(uint8_t *buf, size_t len, int link, bool wrong, struct m6_pkt *scratch)
{
	struct m6_pseudo ps;
	uint16_t sum;
	size_t at;

	int rc = m6_pkt_decode(buf, len, link, false, scratch);
	if (rc == M6_ERR_TRUNCATED)
		return rc;
	if (rc != M6_OK || !scratch->n_ip)
		return M6_ERR_ARG;
	const struct m6_ip6 *ip = &scratch->ip[scratch->n_ip - 1];
	size_t end = ip->off + 40u + ip->plen;
	pseudo(ip, &ps);
	if (scratch->has_mh) {
		const struct m6_msg *m = &scratch->msg;
		at = scratch->mh_off + 4u;
		if (scratch->mh_off + (size_t)m->mh_len > len)
			return M6_ERR_TRUNCATED;
		sum = m6_mh_checksum(&ps, buf + scratch->mh_off, m->mh_len);
	} else if (scratch->has_icmp6 || scratch->has_udp) {
		size_t off = scratch->has_icmp6 ? scratch->icmp6.off : scratch->udp.off;
		size_t csum_off = scratch->has_icmp6 ? 2 : 6;
		if (end > len || end < off + 8)
			return M6_ERR_TRUNCATED;
		at = off + csum_off;
		sum = m6_upper_checksum(&ps, scratch->has_icmp6 ? M6_IPPROTO_ICMPV6 : M6_IPPROTO_UDP, buf + off,
					end - off, csum_off);
		if (scratch->has_udp && sum == 0)
			sum = 0xffff; /* RFC 768: a computed zero is sent as all ones */
	} else {
		return M6_ERR_ARG;
	}
	if (wrong)
		sum ^= 1;
	buf[at] = (uint8_t)(sum >> 8);
	buf[at + 1] = (uint8_t)sum;
	return M6_OK;
}
