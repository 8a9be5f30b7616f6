/* packet_decode.c - walk a captured frame down to its Mobility Header:
 * link layer, IPv6 (RFC 8200), extension headers with the Home Address
 * option (RFC 6275 s6.3) and the type 2 Routing header (s6.4), IPv6-in-IPv6
 * tunnels (nested, up to M6_MAX_IP headers), then m6_mh_decode with the
 * checksum pseudo-header of s6.1.1; or, without an MH, an ICMPv6 message (Neighbor Discovery and RFC 6275's own
 * by m6_nd_decode and m6_nd_validate) or a UDP datagram, whose checksums
 * take the same pseudo-header. */
#include "internal.h"

#define ETH_IPV6 0x86dd

struct walk {
	const uint8_t *buf;
	size_t len;
	struct m6_pkt *pkt;
	bool verify;
};

static struct m6_diag *problem(struct m6_pkt *pkt, uint8_t reason, uint8_t severity, uint8_t action,
			       uint8_t code, size_t offset, size_t ip_off)
{
	struct m6_diag *d = m6_diag_add(&pkt->diags, reason, severity, action, code, offset);
	if (d && action == M6_ACT_ICMP_PARAM)
		d->pointer = (uint32_t)(offset - ip_off);
	return d;
}

/* Returns the offset of the IPv6 header, or -1 when the frame carries no
 * IPv6 (not an error) and -2 when the link header is cut short. */
static long skip_link(struct walk *wk)
{
	struct m6_pkt *pkt = wk->pkt;
	struct m6_rd r;
	uint16_t proto = ETH_IPV6;

	m6_rd_init(&r, wk->buf, wk->len);
	switch (pkt->link) {
	case M6_LINK_ETHERNET:
		m6_rd_bytes(&r, pkt->eth_dst, 6);
		m6_rd_bytes(&r, pkt->eth_src, 6);
		proto = m6_rd_be16(&r);
		/* up to two 802.1Q / 802.1ad tags */
		for (int i = 0; i < 2 && (proto == 0x8100 || proto == 0x88a8); i++) {
			m6_rd_skip(&r, 2);
			proto = m6_rd_be16(&r);
		}
		break;
	case M6_LINK_NULL: {
		/* the family is in the capturing host's byte order */
		uint32_t fam = m6_rd_be32(&r), swapped = __builtin_bswap32(fam);
		bool v6 = fam == 24 || fam == 28 || fam == 30 || swapped == 24 || swapped == 28 || swapped == 30;
		proto = v6 ? ETH_IPV6 : 0;
		break;
	}
	case M6_LINK_SLL:
		m6_rd_skip(&r, 14);
		proto = m6_rd_be16(&r);
		break;
	case M6_LINK_SLL2:
		proto = m6_rd_be16(&r);
		m6_rd_skip(&r, 18);
		break;
	case M6_LINK_RAW:
		break;
	default:
		return -1;
	}
	pkt->ethertype = proto;
	if (r.short_read) {
		problem(pkt, M6_R_TRUNC_LINK, M6_SEV_ERROR, M6_ACT_DISCARD, 0, wk->len, 0);
		return -2;
	}
	return proto == ETH_IPV6 ? (long)r.pos : -1;
}

/* Hop-by-Hop or Destination options: records a Home Address option. */
static void walk_tlvs(struct walk *wk, struct m6_ext *e, size_t ip_off)
{
	struct m6_pkt *pkt = wk->pkt;
	struct m6_rd r;

	m6_rd_init(&r, wk->buf + e->off, e->len);
	r.pos = 2;
	while (m6_rd_left(&r) > 0) {
		size_t at = e->off + r.pos;
		uint8_t type = m6_rd_u8(&r);
		if (type == 0)
			continue; /* Pad1 */
		uint8_t olen = m6_rd_u8(&r);
		if (r.short_read || olen > m6_rd_left(&r)) {
			problem(pkt, M6_R_TLV_OVERRUN, M6_SEV_ERROR, M6_ACT_DISCARD, 0, at, ip_off);
			return;
		}
		struct m6_rd data = m6_rd_sub(&r, olen);
		if (type == M6_DSTOPT_HAO && e->proto == M6_IPPROTO_DSTOPTS) {
			if (olen != 16) {
				problem(pkt, M6_R_HAO_LEN, M6_SEV_ERROR, M6_ACT_ICMP_PARAM, 0, at + 1, ip_off);
				continue;
			}
			e->has_hao = true;
			e->hao_off = (uint16_t)at;
			m6_rd_bytes(&data, e->hao.a, 16);
			if ((at - e->off) % 8 != 6)
				problem(pkt, M6_R_HAO_ALIGN, M6_SEV_NOTE, M6_ACT_NONE, 0, at, ip_off);
			if (!m6i_addr6_unicast_routable(&e->hao))
				problem(pkt, M6_R_HAO_NOT_UNICAST, M6_SEV_ERROR, M6_ACT_DISCARD, 0, at + 2, ip_off);
		} else if (type != 1 && (type >> 6) != 0) {
			/* RFC 8200 s4.2: the two high bits say what to do with an
			 * option the node does not know: 01 discard, 1x Parameter
			 * Problem code 2 pointing at the option type. */
			bool icmp = (type >> 6) >= 2;
			problem(pkt, M6_R_DSTOPT_UNKNOWN, M6_SEV_ERROR,
				icmp ? M6_ACT_ICMP_PARAM : M6_ACT_DISCARD, icmp ? 2 : 0, at, ip_off);
		}
	}
}

static void read_routing(struct walk *wk, struct m6_ext *e, struct m6_rd *r, size_t ip_off)
{
	e->rh_type = m6_rd_u8(r);
	e->segleft = m6_rd_u8(r);
	if (e->rh_type != 2)
		return;
	m6_rd_skip(r, 4);
	m6_rd_bytes(r, e->rh_addr.a, 16);
	/* RFC 6275 s6.4: exactly one address, one segment left. */
	uint8_t hlen = (uint8_t)(e->len / 8 - 1);
	if (hlen != 2)
		problem(wk->pkt, M6_R_RH2_FORMAT, M6_SEV_ERROR, M6_ACT_ICMP_PARAM, 0, e->off + 1, ip_off);
	else if (e->segleft != 1)
		problem(wk->pkt, M6_R_RH2_FORMAT, M6_SEV_ERROR, M6_ACT_ICMP_PARAM, 0, e->off + 3, ip_off);
}

/* RFC 8200 s4.1 order, and RFC 6275 s6.3: the Destination Options header
 * with a Home Address option comes after the Routing header. */
static void check_order(struct walk *wk, const struct m6_ip6 *ip, const struct m6_ext *e, size_t ip_off)
{
	int i = (int)(e - ip->ext);
	bool bad = false;

	if (e->proto == M6_IPPROTO_HOPOPTS && i > 0)
		bad = true;
	for (int j = 0; j < i; j++) {
		const struct m6_ext *p = &ip->ext[j];
		if (p->proto == e->proto && e->proto != M6_IPPROTO_DSTOPTS)
			bad = true;
		if (e->proto == M6_IPPROTO_ROUTING && p->proto == M6_IPPROTO_FRAGMENT)
			bad = true;
		if (e->proto == M6_IPPROTO_ROUTING && p->proto == M6_IPPROTO_DSTOPTS && p->has_hao)
			bad = true;
	}
	if (bad)
		problem(wk->pkt, M6_R_EXT_ORDER, M6_SEV_NOTE, M6_ACT_NONE, 0, e->off, ip_off);
}

#define WALK_ON 1

/* One extension header at r's position, whose type is proto. Returns
 * WALK_ON, or the final result when the walk must stop (the reason is
 * recorded). */
static int read_ext(struct walk *wk, struct m6_ip6 *ip, uint8_t proto, struct m6_rd *r, size_t end,
		     uint8_t *nxt)
{
	struct m6_pkt *pkt = wk->pkt;
	size_t off = r->pos;

	if (ip->n_ext >= M6_MAX_EXTS) {
		problem(pkt, M6_R_EXT_LIMIT, M6_SEV_ERROR, M6_ACT_DISCARD, 0, off, ip->off);
		return M6_ERR_INVALID;
	}
	struct m6_ext *e = &ip->ext[ip->n_ext];
	memset(e, 0, sizeof *e);
	e->proto = proto;
	e->off = (uint16_t)off;
	e->nxt = m6_rd_u8(r);
	uint8_t hlen = m6_rd_u8(r);
	e->len = (uint16_t)(proto == M6_IPPROTO_FRAGMENT ? 8 : (hlen + 1) * 8);
	if (r->short_read || off + e->len > wk->len) {
		problem(pkt, M6_R_TRUNC_EXT, M6_SEV_ERROR, M6_ACT_DISCARD, 0, wk->len, ip->off);
		return M6_ERR_TRUNCATED;
	}
	if (off + e->len > end) {
		problem(pkt, M6_R_IP_PLEN, M6_SEV_ERROR, M6_ACT_DISCARD, 0, ip->off + 4, ip->off);
		return M6_ERR_INVALID;
	}
	ip->n_ext++;
	struct m6_rd body = *r;
	r->pos = off + e->len;
	if (proto == M6_IPPROTO_ROUTING) {
		read_routing(wk, e, &body, ip->off);
	} else if (proto == M6_IPPROTO_FRAGMENT) {
		uint16_t w = m6_rd_be16(&body);
		e->frag_off = w >> 3;
		e->frag_more = w & 1;
		e->frag_id = m6_rd_be32(&body);
	} else {
		walk_tlvs(wk, e, ip->off);
	}
	check_order(wk, ip, e, ip->off);
	*nxt = e->nxt;
	if (proto == M6_IPPROTO_FRAGMENT && e->frag_off != 0) {
		/* The MH is in the first fragment, not in this one. */
		problem(pkt, M6_R_FRAGMENT, M6_SEV_NOTE, M6_ACT_NONE, 0, off + 2, ip->off);
		pkt->upper = M6_IPPROTO_FRAGMENT;
		return M6_OK;
	}
	return WALK_ON;
}

static void pseudo_of(const struct m6_ip6 *ip, struct m6_pseudo *ps)
{
	ps->src = ip->src;
	ps->dst = ip->dst;
	for (int i = 0; i < ip->n_ext; i++) {
		const struct m6_ext *e = &ip->ext[i];
		if (e->has_hao)
			ps->src = e->hao;
		if (e->proto == M6_IPPROTO_ROUTING && e->rh_type == 2)
			ps->dst = e->rh_addr;
	}
}

static int decode_mh(struct walk *wk, struct m6_ip6 *ip, size_t off, size_t end)
{
	struct m6_pkt *pkt = wk->pkt;
	struct m6_pseudo ps;
	size_t avail = (end < wk->len ? end : wk->len) - off;

	pseudo_of(ip, &ps);
	pkt->has_mh = true;
	pkt->mh_off = (uint16_t)off;
	/* The checksum needs the whole payload: not checked on a short capture. */
	bool verify = wk->verify && end <= wk->len;
	int n = m6_mh_decode(wk->buf + off, avail, verify ? &ps : NULL, off, ip->off, &pkt->msg,
			     &pkt->diags);
	if (n < 0)
		return n;
	pkt->csum_checked = verify;
	pkt->csum_ok = verify;
	for (int i = 0; i < pkt->diags.n; i++)
		if (pkt->diags.d[i].reason == M6_R_BAD_CHECKSUM)
			pkt->csum_ok = false;
	if (off + (size_t)n < end && off + (size_t)n < wk->len)
		problem(pkt, M6_R_MH_TRAILING, M6_SEV_NOTE, M6_ACT_NONE, 0, off + (size_t)n, ip->off);
	else if (end > wk->len)
		problem(pkt, M6_R_TRUNC_PAYLOAD, M6_SEV_NOTE, M6_ACT_NONE, 0, wk->len, ip->off);
	return M6_OK;
}

/* Can the checksum of an upper-layer message ending at end be verified?
 * It covers the whole message: not when the capture is cut short, nor in
 * a first fragment with more to come. */
static bool whole_upper(const struct walk *wk, const struct m6_ip6 *ip, size_t end)
{
	if (!wk->verify || end > wk->len)
		return false;
	for (int i = 0; i < ip->n_ext; i++)
		if (ip->ext[i].proto == M6_IPPROTO_FRAGMENT && ip->ext[i].frag_more)
			return false;
	return true;
}

/* The checksum of the ICMPv6 message or UDP datagram at off..end, stored
 * at off + csum_rel: a wrong one is an error like the MH's (RFC 4443 s2.3
 * and RFC 8200 s8.1 discard; an IPv6 UDP checksum of zero is wrong too). */
static bool upper_csum_ok(struct walk *wk, const struct m6_ip6 *ip, uint8_t nxt, size_t off, size_t end,
			  size_t csum_rel, uint16_t stored)
{
	struct m6_pseudo ps;

	pseudo_of(ip, &ps);
	uint16_t c = m6_upper_checksum(&ps, nxt, wk->buf + off, end - off, csum_rel);
	bool ok = m6i_csum_matches(stored, c) && !(nxt == M6_IPPROTO_UDP && stored == 0);
	if (!ok)
		problem(wk->pkt, M6_R_BAD_CHECKSUM, M6_SEV_ERROR, M6_ACT_DISCARD, 0, off + csum_rel, ip->off);
	return ok;
}

/* The data of an echo or a UDP datagram, from..to: as much as was
 * captured, at most M6_DATA_MAX octets kept. */
static void keep_data(struct walk *wk, const struct m6_ip6 *ip, size_t from, size_t to)
{
	struct m6_data *d = &wk->pkt->data;
	size_t stop = to < wk->len ? to : wk->len;
	size_t n = stop > from ? stop - from : 0;
	struct m6_rd r;

	wk->pkt->has_data = true;
	d->wire_len = (uint16_t)(to - from);
	d->len = (uint16_t)(n < M6_DATA_MAX ? n : M6_DATA_MAX);
	m6_rd_init(&r, wk->buf, stop);
	r.pos = from;
	d->has_tag = false;
	d->tag = 0;
	if (m6_rd_left(&r) >= M6_TAG_LEN && !memcmp(wk->buf + from, M6_TAG_MAGIC, 4)) {
		m6_rd_skip(&r, 4);
		d->has_tag = true;
		d->tag = m6_rd_be32(&r);
		d->wire_len = (uint16_t)(d->wire_len - M6_TAG_LEN);
		n -= M6_TAG_LEN;
		d->len = (uint16_t)(n < M6_DATA_MAX ? n : M6_DATA_MAX);
	}
	m6_rd_bytes(&r, d->bytes, d->len);
	if (to > wk->len)
		problem(wk->pkt, M6_R_TRUNC_PAYLOAD, M6_SEV_NOTE, M6_ACT_NONE, 0, wk->len, ip->off);
}

/* An ICMPv6 message at off (RFC 4443 s2.1): type, code, checksum, the
 * 32-bit parameter; error messages carry the invoking packet after it,
 * an Echo Request or Reply (s4.1, s4.2) its Identifier and Sequence
 * Number in the parameter, then data. */
static int decode_icmp6(struct walk *wk, const struct m6_ip6 *ip, size_t off, size_t end)
{
	struct m6_pkt *pkt = wk->pkt;
	struct m6_icmp6 *c = &pkt->icmp6;
	struct m6_rd r;
	size_t stop = end < wk->len ? end : wk->len;

	pkt->upper = M6_IPPROTO_ICMPV6;
	if (stop < off + 8)
		return M6_OK; /* too short to be an ICMPv6 message we can use */
	m6_rd_init(&r, wk->buf, stop);
	r.pos = off;
	pkt->has_icmp6 = true;
	c->off = (uint16_t)off;
	c->type = m6_rd_u8(&r);
	c->code = m6_rd_u8(&r);
	c->checksum = m6_rd_be16(&r);
	c->param = m6_rd_be32(&r);
	c->body_off = (uint16_t)r.pos;
	c->body_len = c->type < 128 ? (uint16_t)(stop - r.pos) : 0;
	c->csum_checked = whole_upper(wk, ip, end);
	if (c->csum_checked)
		c->csum_ok = upper_csum_ok(wk, ip, M6_IPPROTO_ICMPV6, off, end, 2, c->checksum);
	if ((c->type == M6_ICMP6_ECHO_REQUEST || c->type == M6_ICMP6_ECHO_REPLY) && c->code == 0) {
		struct m6_data *d = &pkt->data;
		d->proto = M6_IPPROTO_ICMPV6;
		d->type = c->type;
		d->id = (uint16_t)(c->param >> 16);
		d->seq = (uint16_t)c->param;
		d->sport = d->dport = 0;
		keep_data(wk, ip, off + 8, end);
	} else if (m6_nd_type_known(c->type)) {
		pkt->has_nd = true;
		m6_nd_decode(wk->buf + off, stop - off, end - off, off, &pkt->nd, &pkt->diags);
		m6_nd_validate(&pkt->nd, ip, &pkt->diags);
	}
	return M6_OK;
}

/* A UDP datagram at off (RFC 768): ports, Length, Checksum, data. */
static int decode_udp(struct walk *wk, const struct m6_ip6 *ip, size_t off, size_t end)
{
	struct m6_pkt *pkt = wk->pkt;
	struct m6_udp *u = &pkt->udp;
	struct m6_data *d = &pkt->data;
	struct m6_rd r;
	size_t stop = end < wk->len ? end : wk->len;

	pkt->upper = M6_IPPROTO_UDP;
	if (stop < off + 8)
		return M6_OK; /* too short to be a UDP header */
	m6_rd_init(&r, wk->buf, stop);
	r.pos = off;
	pkt->has_udp = true;
	u->off = (uint16_t)off;
	d->proto = M6_IPPROTO_UDP;
	d->type = 0;
	d->id = d->seq = 0;
	d->sport = m6_rd_be16(&r);
	d->dport = m6_rd_be16(&r);
	u->len = m6_rd_be16(&r);
	u->checksum = m6_rd_be16(&r);
	/* The Length counts header and data and must fit the IPv6 payload;
	 * bytes after it are not part of the datagram. */
	bool len_ok = u->len >= 8 && off + u->len <= end;
	size_t dgram_end = len_ok ? off + u->len : end;
	if (!len_ok)
		problem(pkt, M6_R_IP_PLEN, M6_SEV_ERROR, M6_ACT_DISCARD, 0, off + 4, ip->off);
	else if (dgram_end < end)
		problem(pkt, M6_R_IP_PLEN, M6_SEV_NOTE, M6_ACT_NONE, 0, dgram_end, ip->off);
	u->csum_checked = len_ok && whole_upper(wk, ip, dgram_end);
	u->csum_ok = u->csum_checked &&
		     upper_csum_ok(wk, ip, M6_IPPROTO_UDP, off, dgram_end, 6, u->checksum);
	keep_data(wk, ip, off + 8, dgram_end);
	return M6_OK;
}

static int walk_ip6(struct walk *wk, size_t off);

/* The packet in the tunnel whose header is the last walked, at off; the
 * tunnel's payload going on after it is noted. */
static int walk_tunnelled(struct walk *wk, size_t off)
{
	struct m6_pkt *pkt = wk->pkt;
	int outer = pkt->n_ip - 1;
	int rc = walk_ip6(wk, off);

	if (m6_tunnel_excess(pkt, outer))
		problem(pkt, M6_R_TUNNEL_EXCESS, M6_SEV_NOTE, M6_ACT_NONE, 0,
			(size_t)pkt->ip[outer + 1].off + 40 + pkt->ip[outer + 1].plen, pkt->ip[outer].off);
	return rc;
}

/* One IPv6 header at off and what follows it. */
static int walk_ip6(struct walk *wk, size_t off)
{
	struct m6_pkt *pkt = wk->pkt;
	struct m6_rd r;

	m6_rd_init(&r, wk->buf, wk->len);
	r.pos = off;
	if (!m6_rd_need(&r, 40)) {
		problem(pkt, M6_R_TRUNC_IP6, M6_SEV_ERROR, M6_ACT_DISCARD, 0, wk->len, off);
		return M6_ERR_TRUNCATED;
	}
	uint32_t vtf = m6_rd_be32(&r);
	if (vtf >> 28 != 6) {
		if (pkt->n_ip == 0 && vtf >> 28 == 4)
			return M6_OK; /* IPv4 on a raw link: not ours, not wrong */
		problem(pkt, M6_R_IP_VERSION, M6_SEV_ERROR, M6_ACT_DISCARD, 0, off, off);
		return M6_ERR_INVALID;
	}
	struct m6_ip6 *ip = &pkt->ip[pkt->n_ip++];
	ip->off = (uint16_t)off;
	ip->n_ext = 0;
	ip->tclass = (uint8_t)(vtf >> 20);
	ip->flow = vtf & 0xfffff;
	ip->plen = m6_rd_be16(&r);
	ip->nxt = m6_rd_u8(&r);
	ip->hlim = m6_rd_u8(&r);
	m6_rd_bytes(&r, ip->src.a, 16);
	m6_rd_bytes(&r, ip->dst.a, 16);

	size_t end = off + 40 + ip->plen;
	uint8_t nxt = ip->nxt;
	for (;;) {
		switch (nxt) {
		case M6_IPPROTO_HOPOPTS:
		case M6_IPPROTO_ROUTING:
		case M6_IPPROTO_FRAGMENT:
		case M6_IPPROTO_DSTOPTS:
		{
			int rc = read_ext(wk, ip, nxt, &r, end, &nxt);
			if (rc != WALK_ON)
				return rc;
			continue;
		}
		case M6_IPPROTO_IPV6: /* a tunnel, maybe nested (RFC 2473 s4) */
			if (pkt->n_ip < M6_MAX_IP)
				return walk_tunnelled(wk, r.pos);
			problem(pkt, M6_R_TUNNEL_DEPTH, M6_SEV_NOTE, M6_ACT_NONE, 0, r.pos, ip->off);
			break;
		case M6_IPPROTO_MH:
			return decode_mh(wk, ip, r.pos, end);
		case M6_IPPROTO_ICMPV6:
			return decode_icmp6(wk, ip, r.pos, end);
		case M6_IPPROTO_UDP:
			return decode_udp(wk, ip, r.pos, end);
		}
		pkt->upper = nxt;
		return M6_OK;
	}
}

int m6_pkt_decode(const uint8_t *buf, size_t len, int link, bool verify_csum, struct m6_pkt *pkt)
{
	struct walk wk = { buf, len, pkt, verify_csum };

	pkt->link = (uint8_t)link;
	pkt->ethertype = 0;
	pkt->n_ip = 0;
	pkt->has_mh = false;
	pkt->mh_off = 0;
	pkt->csum_checked = false;
	pkt->csum_ok = false;
	pkt->upper = 0;
	pkt->has_icmp6 = false;
	pkt->icmp6.csum_checked = pkt->icmp6.csum_ok = false;
	pkt->has_udp = false;
	pkt->udp.csum_checked = pkt->udp.csum_ok = false;
	pkt->has_data = false;
	pkt->has_nd = false;
	pkt->diags.n = 0;
	pkt->diags.dropped = 0;

	long ip_off = skip_link(&wk);
	if (ip_off == -2)
		return M6_ERR_TRUNCATED;
	if (ip_off < 0)
		return M6_OK;
	return walk_ip6(&wk, (size_t)ip_off);
}

bool m6_tunnel_excess(const struct m6_pkt *pkt, int level)
{
	if (level < 0 || level + 1 >= pkt->n_ip)
		return false;
	const struct m6_ip6 *outer = &pkt->ip[level], *inner = &pkt->ip[level + 1];
	return (size_t)inner->off + 40 + inner->plen < (size_t)outer->off + 40 + outer->plen;
}

bool m6_pkt_valid(const struct m6_pkt *pkt)
{
	return !m6_diags_have_error(&pkt->diags);
}
