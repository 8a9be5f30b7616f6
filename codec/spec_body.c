/* spec_body.c - the message word and the body fields of the spec language. */
#include <stdio.h>
#include <string.h>

#include "spec_internal.h"

/* ---------------------------------------------------------------- */
/* The message and its body fields                                   */
/* ---------------------------------------------------------------- */

int m6s_parse_message(struct parse *p, struct slice tok)
{
	struct slice key, val;
	unsigned long type = M6_MH_KNOWN_MAX + 1;

	p->tok = tok;
	if (m6s_parse_data_packet(p, tok) || m6s_parse_nd_message(p, tok))
		return M6_OK;
	for (unsigned t = 0; t <= M6_MH_KNOWN_MAX; t++)
		if (m6s_slice_is(tok, m6s_msg_names[t]))
			type = t;
	if (type > M6_MH_KNOWN_MAX) {
		if (!m6s_slice_split(tok, '=', &key, &val) || !m6s_slice_is(key, "mh"))
			return m6s_fail(p, "the first word must be the message: brr hoti coti hot cot "
				       "bu ba be or mh=N, an ICMPv6 message: rs ra ns na dhaad-req "
				       "dhaad-rep mps mpa, or a data packet: echo-request echo-reply udp");
		if (m6s_parse_num(p, "mh", val, 0, 255, &type))
			return M6_ERR_ARG;
	}
	m6_msg_init(&p->b->msg, (uint8_t)type);
	p->what = type <= M6_MH_KNOWN_MAX ? MSG(type) : OTHER_TYPES;
	if (type <= M6_MH_KNOWN_MAX)
		snprintf(p->msg_name, sizeof p->msg_name, "%s", m6s_msg_names[type]);
	else
		snprintf(p->msg_name, sizeof p->msg_name, "mh=%u", p->b->msg.type);
	return M6_OK;
}

int m6s_word_seq(struct parse *p, const struct word *w, struct arg *a)
{
	struct m6_msg *m = &p->b->msg;
	uint16_t *seq = m->type == M6_MH_BU ? &m->u.bu.seq : &m->u.ba.seq;

	return m6s_get_u16(p, w->name, a->val, 0xffff, p->b->is_data ? &p->b->data.seq : seq);
}

static void set_lifetime(struct m6_msg *m, uint16_t units)
{
	if (m->type == M6_MH_BU)
		m->u.bu.lifetime = units;
	else
		m->u.ba.lifetime = units;
}

int m6s_word_lifetime(struct parse *p, const struct word *w, struct arg *a)
{
	uint16_t units;

	if (m6s_get_u16(p, w->name, a->val, 0xffff, &units))
		return M6_ERR_ARG;
	set_lifetime(&p->b->msg, units);
	return M6_OK;
}

int m6s_word_lifetime_s(struct parse *p, const struct word *w, struct arg *a)
{
	unsigned long s;

	if (m6s_parse_num(p, w->name, a->val, 0, 0xffffUL * M6_LIFETIME_UNIT, &s))
		return M6_ERR_ARG;
	if (s % M6_LIFETIME_UNIT)
		return m6s_fail(p, "lifetime_s must be a multiple of %d (the wire counts %d s units)",
			    M6_LIFETIME_UNIT, M6_LIFETIME_UNIT);
	set_lifetime(&p->b->msg, (uint16_t)(s / M6_LIFETIME_UNIT));
	return M6_OK;
}

int m6s_word_status(struct parse *p, const struct word *w, struct arg *a)
{
	struct m6_msg *m = &p->b->msg;

	return m6s_get_u8(p, w->name, a->val, 255, m->type == M6_MH_BA ? &m->u.ba.status : &m->u.be.status);
}

int m6s_word_home(struct parse *p, const struct word *w, struct arg *a)
{
	(void)w;
	return m6s_parse_addr6(p, a->val, &p->b->msg.u.be.hoa);
}

int m6s_word_cookie(struct parse *p, const struct word *w, struct arg *a)
{
	struct m6_msg *m = &p->b->msg;
	bool init = m->type == M6_MH_HOTI || m->type == M6_MH_COTI;

	return m6s_parse_hex_exact(p, w->name, a->val, init ? m->u.ti.cookie : m->u.test.cookie, M6_COOKIE_LEN);
}

int m6s_word_index(struct parse *p, const struct word *w, struct arg *a)
{
	return m6s_get_u16(p, w->name, a->val, 0xffff, &p->b->msg.u.test.nonce_index);
}

int m6s_word_token(struct parse *p, const struct word *w, struct arg *a)
{
	return m6s_parse_hex_exact(p, w->name, a->val, p->b->msg.u.test.token, M6_TOKEN_LEN);
}

/* The body's reserved bits: a 16-bit field, the BU/BA flag bits nobody
 * has assigned, or the BE octet. */
int m6s_word_reserved(struct parse *p, const struct word *w, struct arg *a)
{
	struct m6_msg *m = &p->b->msg;
	uint16_t v;

	if (p->b->is_nd)
		return m6s_nd_reserved(p, w, a);
	switch (m->type) {
	case M6_MH_BRR:
		return m6s_get_u16(p, w->name, a->val, 0xffff, &m->u.brr_reserved);
	case M6_MH_HOTI:
	case M6_MH_COTI:
		return m6s_get_u16(p, w->name, a->val, 0xffff, &m->u.ti.reserved);
	case M6_MH_BU:
		if (m6s_get_u16(p, w->name, a->val, M6_BU_RESERVED, &v))
			return M6_ERR_ARG;
		m->u.bu.flags |= v;
		return M6_OK;
	case M6_MH_BA:
		if (m6s_get_u16(p, w->name, a->val, M6_BA_RESERVED, &v))
			return M6_ERR_ARG;
		m->u.ba.flags |= (uint8_t)v;
		return M6_OK;
	default:
		return m6s_get_u8(p, w->name, a->val, 255, &m->u.be.reserved);
	}
}

int m6s_word_mhres(struct parse *p, const struct word *w, struct arg *a)
{
	return m6s_get_u8(p, w->name, a->val, 255, &p->b->msg.reserved);
}

/* The opaque body of MH types 8 and up: m6_msg_encode writes
 * data[opts_off..data_len) after the 6-octet header. */
int m6s_word_body(struct parse *p, const struct word *w, struct arg *a)
{
	struct m6_msg *m = &p->b->msg;
	size_t n;

	if (m6s_parse_hex(p, w->name, a->val, m->data, 0, M6_MH_MAX - 6, &n))
		return M6_ERR_ARG;
	m->opts_off = 0;
	m->data_len = (uint16_t)n;
	return M6_OK;
}

int m6s_word_flag(struct parse *p, const struct word *w, struct arg *a)
{
	struct m6_msg *m = &p->b->msg;

	(void)a;
	if (p->b->is_nd)
		return m6s_nd_flag(p, w);
	if (m->type == M6_MH_BU)
		m->u.bu.flags |= w->bu_flag;
	else
		m->u.ba.flags |= w->ba_flag;
	return M6_OK;
}

