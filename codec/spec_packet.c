/* spec_packet.c - packet words and encoder knobs of the spec language. */
#include <string.h>

#include "spec_internal.h"

/* ---------------------------------------------------------------- */
/* The packet around the MH                                          */
/* ---------------------------------------------------------------- */

int m6s_word_src(struct parse *p, const struct word *w, struct arg *a)
{
	(void)w;
	return m6s_parse_addr6(p, a->val, &p->b->pkt.src);
}

int m6s_word_dst(struct parse *p, const struct word *w, struct arg *a)
{
	(void)w;
	return m6s_parse_addr6(p, a->val, &p->b->pkt.dst);
}

int m6s_word_hao(struct parse *p, const struct word *w, struct arg *a)
{
	(void)w;
	p->b->pkt.hao = true;
	return m6s_parse_addr6(p, a->val, &p->b->pkt.hoa);
}

int m6s_word_rh2(struct parse *p, const struct word *w, struct arg *a)
{
	(void)w;
	p->b->pkt.rh2 = true;
	return m6s_parse_addr6(p, a->val, &p->b->pkt.rh2_addr);
}

int m6s_word_dstopts_first(struct parse *p, const struct word *w, struct arg *a)
{
	(void)w, (void)a;
	p->b->pkt.hao_before_rh2 = true;
	return M6_OK;
}

int m6s_word_hbh(struct parse *p, const struct word *w, struct arg *a)
{
	(void)w, (void)a;
	p->b->pkt.hbh = true;
	return M6_OK;
}

int m6s_word_frag(struct parse *p, const struct word *w, struct arg *a)
{
	unsigned long id = 0;

	if (a->has_val && m6s_parse_num(p, w->name, a->val, 0, 0xffffffffUL, &id))
		return M6_ERR_ARG;
	p->b->pkt.frag = true;
	p->b->pkt.frag_id = (uint32_t)id;
	return M6_OK;
}

int m6s_word_hlim(struct parse *p, const struct word *w, struct arg *a)
{
	unsigned long hlim;

	/* 1-255: m6_pkt_spec reads 0 as "the default, 64". */
	if (m6s_parse_num(p, w->name, a->val, 1, 255, &hlim))
		return M6_ERR_ARG;
	p->b->pkt.hlim = (uint8_t)hlim;
	return M6_OK;
}

/* tunnel=SRC,DST the outermost header; tunnelK=SRC,DST the K-th level
 * (RFC 2473 s4, nested encapsulation), each inside the one before, so
 * given in that order: tunnel, tunnel2, ... */
int m6s_word_tunnel(struct parse *p, const struct word *w, struct arg *a)
{
	struct m6_pkt_spec *pkt = &p->b->pkt;
	struct slice dst, extra;
	int level = w->name[6] ? w->name[6] - '0' : 1;
	m6_addr6 *src_at = &pkt->outer_src, *dst_at = &pkt->outer_dst;

	if (!m6s_next_part(&a->rest, &dst) || m6s_next_part(&a->rest, &extra))
		return m6s_fail(p, "%s needs SRC,DST (the tunnel's entry and exit points)", w->name);
	if (level > 1) {
		if (!pkt->tunnel || pkt->n_nested != level - 2)
			return m6s_fail(p, "%s needs the levels around it first (tunnel=, tunnel2=, ...)",
					w->name);
		src_at = &pkt->nested[pkt->n_nested].src;
		dst_at = &pkt->nested[pkt->n_nested].dst;
	}
	if (m6s_parse_addr6(p, a->val, src_at) || m6s_parse_addr6(p, dst, dst_at))
		return M6_ERR_ARG;
	if (level > 1)
		pkt->n_nested++;
	pkt->tunnel = true;
	return M6_OK;
}

int m6s_word_eth(struct parse *p, const struct word *w, struct arg *a)
{
	(void)w, (void)a;
	p->b->pkt.eth = true;
	return M6_OK;
}

int m6s_word_noeth(struct parse *p, const struct word *w, struct arg *a)
{
	(void)w, (void)a;
	p->b->pkt.eth = false;
	return M6_OK;
}

int m6s_word_ethsrc(struct parse *p, const struct word *w, struct arg *a)
{
	(void)w;
	return m6s_parse_mac(p, a->val, p->b->pkt.eth_src);
}

int m6s_word_ethdst(struct parse *p, const struct word *w, struct arg *a)
{
	(void)w;
	return m6s_parse_mac(p, a->val, p->b->pkt.eth_dst);
}

/* ethpad=N: what a link adds after a packet too short for its frame
 * (Ethernet pads to its 46-octet minimum payload, RFC 2464 s3); a
 * receiver takes the packet by its Payload Length, not by the frame. */
int m6s_word_ethpad(struct parse *p, const struct word *w, struct arg *a)
{
	unsigned long n;

	if (m6s_parse_num(p, w->name, a->val, 1, 1500, &n))
		return M6_ERR_ARG;
	p->b->eth_pad = (uint16_t)n;
	return M6_OK;
}


/* ---------------------------------------------------------------- */
/* Knobs                                                             */
/* ---------------------------------------------------------------- */

int m6s_word_hdrlen(struct parse *p, const struct word *w, struct arg *a)
{
	p->b->knobs.hdr_len_set = true;
	return m6s_get_u8(p, w->name, a->val, 255, &p->b->knobs.hdr_len);
}

int m6s_word_proto(struct parse *p, const struct word *w, struct arg *a)
{
	p->b->knobs.proto_set = true;
	return m6s_get_u8(p, w->name, a->val, 255, &p->b->knobs.proto);
}

int m6s_word_csum(struct parse *p, const struct word *w, struct arg *a)
{
	if (m6s_slice_is(a->val, "bad")) {
		p->b->knobs.csum_bad = true;
		return M6_OK;
	}
	p->b->knobs.csum_set = true;
	return m6s_get_u16(p, w->name, a->val, 0xffff, &p->b->knobs.csum);
}

int m6s_word_trunc(struct parse *p, const struct word *w, struct arg *a)
{
	unsigned long n;

	if (m6s_parse_num(p, w->name, a->val, 1, M6_MH_MAX, &n))
		return M6_ERR_ARG;
	p->b->knobs.truncate = (int32_t)n;
	return M6_OK;
}

int m6s_word_verbatim(struct parse *p, const struct word *w, struct arg *a)
{
	(void)w, (void)a;
	p->b->knobs.verbatim = true;
	return M6_OK;
}


/* sign=KBM: the Binding Management Key, 20 octets in hex. */
int m6s_word_sign(struct parse *p, const struct word *w, struct arg *a)
{
	if (m6s_parse_hex_exact(p, w->name, a->val, p->b->key.kbm, M6_KBM_LEN))
		return M6_ERR_ARG;
	p->b->sign = true;
	return M6_OK;
}
