/* packet_encode.c - the IPv6 packet around an MH: Ethernet, an optional
 * IPv6-in-IPv6 outer header, Hop-by-Hop, type 2 Routing header (RFC 6275
 * s6.4), Destination Options with the Home Address option (s6.3, at 8n+6),
 * an atomic Fragment header, then the MH; or, in the same packet, an
 * ICMPv6 message or a UDP datagram instead of the MH. */
#include "internal.h"

void m6_pkt_spec_pseudo(const struct m6_pkt_spec *spec, struct m6_pseudo *ps)
{
	ps->src = spec->hao ? spec->hoa : spec->src;
	ps->dst = spec->rh2 ? spec->rh2_addr : spec->dst;
}

/* The extension headers a spec asks for, in the order they are written. */
static int ext_order(const struct m6_pkt_spec *spec, uint8_t order[4])
{
	int n = 0;

	if (spec->hbh)
		order[n++] = M6_IPPROTO_HOPOPTS;
	if (spec->hao && spec->hao_before_rh2)
		order[n++] = M6_IPPROTO_DSTOPTS;
	if (spec->rh2)
		order[n++] = M6_IPPROTO_ROUTING;
	if (spec->hao && !spec->hao_before_rh2)
		order[n++] = M6_IPPROTO_DSTOPTS;
	if (spec->frag)
		order[n++] = M6_IPPROTO_FRAGMENT;
	return n;
}

static void write_ip6(struct m6_wr *w, uint8_t nxt, uint8_t hlim, const m6_addr6 *src, const m6_addr6 *dst)
{
	m6_wr_be32(w, 6u << 28);
	m6_wr_be16(w, 0); /* Payload Length: filled in at the end */
	m6_wr_u8(w, nxt);
	m6_wr_u8(w, hlim);
	m6_wr_bytes(w, src->a, 16);
	m6_wr_bytes(w, dst->a, 16);
}

static void write_ext(struct m6_wr *w, uint8_t proto, uint8_t nxt, const struct m6_pkt_spec *spec)
{
	m6_wr_u8(w, nxt);
	switch (proto) {
	case M6_IPPROTO_HOPOPTS: /* empty: one PadN filling 8 octets */
		m6_wr_u8(w, 0);
		m6_wr_u8(w, 1);
		m6_wr_u8(w, 4);
		m6_wr_zero(w, 4);
		break;
	case M6_IPPROTO_ROUTING: /* type 2: Hdr Ext Len 2, Segments Left 1 */
		m6_wr_u8(w, 2);
		m6_wr_u8(w, 2);
		m6_wr_u8(w, 1);
		m6_wr_zero(w, 4);
		m6_wr_bytes(w, spec->rh2_addr.a, 16);
		break;
	case M6_IPPROTO_DSTOPTS: /* PadN(2) puts the HAO at 8n+6 */
		m6_wr_u8(w, 2);
		m6_wr_u8(w, 1);
		m6_wr_u8(w, 2);
		m6_wr_zero(w, 2);
		m6_wr_u8(w, M6_DSTOPT_HAO);
		m6_wr_u8(w, 16);
		m6_wr_bytes(w, spec->hoa.a, 16);
		break;
	case M6_IPPROTO_FRAGMENT: /* atomic: offset 0, M 0 */
		m6_wr_u8(w, 0);
		m6_wr_be16(w, 0);
		m6_wr_be32(w, spec->frag_id);
		break;
	}
}

/* Where write_headers put the IPv6 headers whose Payload Length is
 * filled in once the payload is written. */
struct ip_offsets {
	size_t outer, nested[M6_MAX_NESTED], inner;
};

/* Ethernet, the outer headers of a tunnel, the IPv6 header and the
 * extension headers a spec asks for, ending in Next Header upper. */
static void write_headers(struct m6_wr *w, const struct m6_pkt_spec *spec, uint8_t upper,
			  struct ip_offsets *at)
{
	uint8_t order[4];
	int n_ext = ext_order(spec, order);
	uint8_t hlim = spec->hlim ? spec->hlim : 64;

	if (spec->eth) {
		m6_wr_bytes(w, spec->eth_dst, 6);
		m6_wr_bytes(w, spec->eth_src, 6);
		m6_wr_be16(w, 0x86dd);
	}
	if (spec->tunnel) {
		at->outer = w->pos;
		write_ip6(w, M6_IPPROTO_IPV6, hlim, &spec->outer_src, &spec->outer_dst);
		for (int i = 0; i < spec->n_nested && i < M6_MAX_NESTED; i++) {
			at->nested[i] = w->pos;
			write_ip6(w, M6_IPPROTO_IPV6, hlim, &spec->nested[i].src, &spec->nested[i].dst);
		}
	}
	at->inner = w->pos;
	write_ip6(w, n_ext ? order[0] : upper, hlim, &spec->src, &spec->dst);
	for (int i = 0; i < n_ext; i++)
		write_ext(w, order[i], i + 1 < n_ext ? order[i + 1] : upper, spec);
}

/* Payload Lengths, once the packet ends at w->pos. */
static int finish_lengths(struct m6_wr *w, const struct m6_pkt_spec *spec, const struct ip_offsets *at)
{
	size_t outermost = spec->tunnel ? at->outer : at->inner;

	if (w->pos - outermost - 40 > 0xffff)
		return M6_ERR_ARG;
	m6_wr_put_be16_at(w, at->inner + 4, (uint16_t)(w->pos - at->inner - 40));
	if (spec->tunnel)
		m6_wr_put_be16_at(w, at->outer + 4, (uint16_t)(w->pos - at->outer - 40));
	for (int i = 0; spec->tunnel && i < spec->n_nested && i < M6_MAX_NESTED; i++)
		m6_wr_put_be16_at(w, at->nested[i] + 4, (uint16_t)(w->pos - at->nested[i] - 40));
	return (int)w->pos;
}

/* The packet around the MH; key, when not NULL, signs the MH. */
static int encode_packet(const struct m6_pkt_spec *spec, const struct m6_msg *msg,
			 const struct m6_enc_knobs *knobs, const struct m6_rr_key *key,
			 uint8_t *out, size_t cap)
{
	struct m6_wr w;
	struct m6_pseudo ps;
	struct ip_offsets at = { 0 };

	m6_wr_init(&w, out, cap);
	write_headers(&w, spec, M6_IPPROTO_MH, &at);
	if (w.overflow)
		return M6_ERR_NOSPACE;

	m6_pkt_spec_pseudo(spec, &ps);
	int mh = key ? m6_msg_encode_signed(msg, &ps, knobs, key, out + w.pos, cap - w.pos)
		     : m6_msg_encode(msg, &ps, knobs, out + w.pos, cap - w.pos);
	if (mh < 0)
		return mh;
	w.pos += (size_t)mh;
	return finish_lengths(&w, spec, &at);
}

int m6_pkt_encode(const struct m6_pkt_spec *spec, const struct m6_msg *msg,
		  const struct m6_enc_knobs *knobs, uint8_t *out, size_t cap)
{
	return encode_packet(spec, msg, knobs, NULL, out, cap);
}

int m6_pkt_encode_signed(const struct m6_pkt_spec *spec, const struct m6_msg *msg,
			 const struct m6_enc_knobs *knobs, const struct m6_rr_key *key,
			 uint8_t *out, size_t cap)
{
	return encode_packet(spec, msg, knobs, key, out, cap);
}

/* The Checksum of the upper-layer message written from upper on, at
 * upper + csum_rel: over the pseudo-header of m6_pkt_spec_pseudo (RFC 6275
 * s6.3: the home address when a HAO is there; RFC 8200 s8.1: the final
 * destination, the RH2's home address), then as the knobs ask. */
static void put_upper_checksum(struct m6_wr *w, const struct m6_pkt_spec *spec, uint8_t nxt,
			       size_t upper, size_t csum_rel, const struct m6_enc_knobs *k)
{
	struct m6_pseudo ps;

	m6_pkt_spec_pseudo(spec, &ps);
	uint16_t c = m6_upper_checksum(&ps, nxt, w->buf + upper, w->pos - upper, csum_rel);
	if (nxt == M6_IPPROTO_UDP && c == 0)
		c = 0xffff; /* RFC 768: a zero checksum means "none" */
	if (k && k->csum_bad)
		c ^= 1;
	if (k && k->csum_set)
		c = k->csum;
	m6_wr_put_be16_at(w, upper + csum_rel, c);
}

int m6i_upper_encode(const struct m6_pkt_spec *spec, uint8_t nxt, const uint8_t *msg, size_t len,
		     size_t csum_rel, const struct m6_enc_knobs *knobs, uint8_t *out, size_t cap)
{
	struct m6_wr w;
	struct ip_offsets at = { 0 };

	m6_wr_init(&w, out, cap);
	write_headers(&w, spec, nxt, &at);
	size_t upper = w.pos;
	m6_wr_bytes(&w, msg, len);
	if (w.overflow)
		return M6_ERR_NOSPACE;
	put_upper_checksum(&w, spec, nxt, upper, csum_rel, knobs);
	return finish_lengths(&w, spec, &at);
}

int m6_icmp6_encode(const struct m6_pkt_spec *spec, uint8_t type, uint8_t code, uint32_t param,
		    const uint8_t *body, size_t body_len, uint8_t *out, size_t cap)
{
	struct m6_wr w;
	struct ip_offsets at = { 0 };

	m6_wr_init(&w, out, cap);
	write_headers(&w, spec, M6_IPPROTO_ICMPV6, &at);
	size_t icmp_off = w.pos;
	size_t room = M6_ICMP6_MIN_MTU - 8 - (icmp_off - at.inner); /* RFC 4443 s2.4(c) */
	if (body_len > room)
		body_len = room;
	m6_wr_u8(&w, type);
	m6_wr_u8(&w, code);
	m6_wr_be16(&w, 0);
	m6_wr_be32(&w, param);
	m6_wr_bytes(&w, body, body_len);
	if (w.overflow)
		return M6_ERR_NOSPACE;
	put_upper_checksum(&w, spec, M6_IPPROTO_ICMPV6, icmp_off, 2, NULL);
	return finish_lengths(&w, spec, &at);
}

int m6_data_encode(const struct m6_pkt_spec *spec, const struct m6_data *d,
		   const struct m6_enc_knobs *knobs, uint8_t *out, size_t cap)
{
	struct m6_wr w;
	struct ip_offsets at = { 0 };
	bool echo = d->proto == M6_IPPROTO_ICMPV6;

	if ((!echo && d->proto != M6_IPPROTO_UDP) || d->len > M6_DATA_MAX ||
	    (echo && d->type != M6_ICMP6_ECHO_REQUEST && d->type != M6_ICMP6_ECHO_REPLY))
		return M6_ERR_ARG;
	m6_wr_init(&w, out, cap);
	write_headers(&w, spec, d->proto, &at);
	size_t upper = w.pos;
	if (echo) { /* RFC 4443 s4.1: Type, Code 0, Checksum, Identifier, Sequence Number */
		m6_wr_u8(&w, d->type);
		m6_wr_u8(&w, 0);
		m6_wr_be16(&w, 0);
		m6_wr_be16(&w, d->id);
		m6_wr_be16(&w, d->seq);
	} else { /* RFC 768: ports, Length (header and data), Checksum */
		m6_wr_be16(&w, d->sport);
		m6_wr_be16(&w, d->dport);
		m6_wr_be16(&w, (uint16_t)(8 + (d->has_tag ? M6_TAG_LEN : 0) + d->len));
		m6_wr_be16(&w, 0);
	}
	if (d->has_tag) {
		m6_wr_bytes(&w, M6_TAG_MAGIC, 4);
		m6_wr_be32(&w, d->tag);
	}
	m6_wr_bytes(&w, d->bytes, d->len);
	if (w.overflow)
		return M6_ERR_NOSPACE;
	put_upper_checksum(&w, spec, d->proto, upper, echo ? 2 : 6, knobs);
	return finish_lengths(&w, spec, &at);
}
