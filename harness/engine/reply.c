/* reply.c - the packets the reference HA/CN sends (reply.h). */
#include <string.h>

#include "reply.h"

static void spec_of(const struct m6e_route *r, struct m6_pkt_spec *s)
{
	memset(s, 0, sizeof *s);
	s->src = r->src;
	s->dst = r->dst;
	s->rh2 = r->rh2;
	s->rh2_addr = r->hoa;
}

/* The BU's BID options with the BA's per-BID Status; the care-of address
 * "MAY be omitted" (RFC 5648 s6.2) and is, unless echo_coa. */
static int copy_bids(struct m6_msg *m, const struct m6e_ba *ba)
{
	if (!ba->bu)
		return M6_OK;
	int k = 0;
	for (int i = m6_msg_next_opt(ba->bu, 0, M6_OPT_BID); i >= 0;
	     i = m6_msg_next_opt(ba->bu, i + 1, M6_OPT_BID), k++) {
		const struct m6_opt *from = &ba->bu->opts[i];
		struct m6_opt *o = m6_msg_add_opt(m, M6_OPT_BID);
		if (!o)
			return M6_ERR_NOSPACE;
		o->u.bid.bid = from->u.bid.bid;
		o->u.bid.flags = from->u.bid.flags;
		o->u.bid.status = ba->bid_status ? ba->bid_status[k] : 0;
		if (ba->echo_coa) {
			o->u.bid.coa_family = from->u.bid.coa_family;
			o->u.bid.coa4 = from->u.bid.coa4;
			o->u.bid.coa6 = from->u.bid.coa6;
		}
	}
	return M6_OK;
}

int m6e_build_ba(const struct m6e_route *r, const struct m6e_ba *ba, uint8_t *out, size_t cap)
{
	struct m6_msg m;
	struct m6_pkt_spec s;

	m6_msg_init(&m, M6_MH_BA);
	m.u.ba.status = ba->status;
	m.u.ba.flags = ba->flags;
	m.u.ba.seq = ba->seq;
	m.u.ba.lifetime = ba->lifetime;
	int rc = copy_bids(&m, ba);
	if (rc < 0)
		return rc;
	if (ba->refresh) {
		struct m6_opt *o = m6_msg_add_opt(&m, M6_OPT_BRA);
		if (!o)
			return M6_ERR_NOSPACE;
		o->u.refresh = ba->refresh;
	}
	spec_of(r, &s);
	if (!ba->key)
		return m6_pkt_encode(&s, &m, NULL, out, cap);
	if (!m6_msg_add_opt(&m, M6_OPT_BAD)) /* RFC 6275 s6.2.7: the last option */
		return M6_ERR_NOSPACE;
	return m6_pkt_encode_signed(&s, &m, NULL, ba->key, out, cap);
}

int m6e_build_be(const struct m6e_route *r, uint8_t status, const m6_addr6 *hoa, uint8_t *out,
		 size_t cap)
{
	struct m6_msg m;
	struct m6_pkt_spec s;

	m6_msg_init(&m, M6_MH_BE);
	m.u.be.status = status;
	m.u.be.hoa = *hoa;
	spec_of(r, &s);
	return m6_pkt_encode(&s, &m, NULL, out, cap);
}

int m6e_build_test(const struct m6e_route *r, uint8_t type, uint16_t nonce_index,
		   const uint8_t cookie[M6_COOKIE_LEN], const uint8_t token[M6_TOKEN_LEN],
		   uint8_t *out, size_t cap)
{
	struct m6_msg m;
	struct m6_pkt_spec s;

	if (type != M6_MH_HOT && type != M6_MH_COT)
		return M6_ERR_ARG;
	m6_msg_init(&m, type);
	m.u.test.nonce_index = nonce_index;
	memcpy(m.u.test.cookie, cookie, M6_COOKIE_LEN);
	memcpy(m.u.test.token, token, M6_TOKEN_LEN);
	spec_of(r, &s);
	return m6_pkt_encode(&s, &m, NULL, out, cap);
}

int m6e_build_brr(const struct m6e_route *r, const uint16_t *bids, size_t n_bids, uint8_t *out,
		  size_t cap)
{
	struct m6_msg m;
	struct m6_pkt_spec s;

	m6_msg_init(&m, M6_MH_BRR);
	for (size_t i = 0; i < n_bids; i++) {
		struct m6_opt *o = m6_msg_add_opt(&m, M6_OPT_BID);
		if (!o)
			return M6_ERR_NOSPACE;
		o->u.bid.bid = bids[i];
	}
	spec_of(r, &s);
	return m6_pkt_encode(&s, &m, NULL, out, cap);
}

int m6e_build_param_problem(const struct m6e_route *r, uint8_t code, uint32_t pointer,
			    const uint8_t *invoking, size_t len, uint8_t *out, size_t cap)
{
	struct m6_pkt_spec s;

	spec_of(r, &s);
	s.rh2 = false; /* an ICMPv6 error goes straight back to the source */
	return m6_icmp6_encode(&s, M6_ICMP6_PARAM_PROBLEM, code, pointer, invoking, len, out, cap);
}
