/* spec_options.c - mobility option words of the spec language. */
#include <string.h>

#include "spec_internal.h"

/* ---------------------------------------------------------------- */
/* Options                                                           */
/* ---------------------------------------------------------------- */

/* Sub-fields after an option's value; len and misalign go with any option. */
enum sub {
	S_END, S_STATUS, S_H, S_RES, S_COA, S_PLEN, S_ADDR, S_P, S_F, S_SUBTYPE, S_CODE, S_LEN, S_MISALIGN
};
#define SUB(s) (1u << (s))

static const struct {
	const char *name;
	bool value;
} subs[] = {
	[S_STATUS] = { "status", true }, [S_H] = { "h", false },
	[S_RES] = { "res", true },       [S_COA] = { "coa", true },
	[S_PLEN] = { "plen", true },     [S_ADDR] = { "addr", true },
	[S_P] = { "p", false },          [S_F] = { "f", false },
	[S_SUBTYPE] = { "subtype", true }, [S_CODE] = { "code", true },
	[S_LEN] = { "len", true },       [S_MISALIGN] = { "misalign", false },
};

static int add_opt(struct parse *p, uint8_t type, struct m6_opt **o)
{
	*o = m6_msg_add_opt(&p->b->msg, type);
	return *o ? M6_OK : m6s_fail(p, "more than %d options", M6_MAX_OPTS);
}

static int add_raw_opt(struct parse *p, uint8_t type, const uint8_t *payload, size_t len,
		       struct m6_opt **o)
{
	*o = m6_msg_add_raw_opt(&p->b->msg, type, payload, len);
	return *o ? M6_OK
		  : m6s_fail(p, "no room: more than %d options or %d payload octets", M6_MAX_OPTS, M6_MH_MAX);
}

/* len=N: the Length octet says N and the payload is cut or zero-filled to
 * N octets. The encoder reads a raw payload as len octets of data[], so
 * the arena is zero-extended (this option's payload is the last in it). */
static int force_len(struct parse *p, struct m6_opt *o, struct slice val)
{
	struct m6_msg *m = &p->b->msg;
	uint8_t len;

	if (m6s_get_u8(p, "len", val, 255, &len))
		return M6_ERR_ARG;
	if (o->flags & M6_OPTF_RAW) {
		size_t end = (size_t)o->data_off + len;
		if (end > sizeof m->data)
			return m6s_fail(p, "no room for %u payload octets", len);
		if (end > m->data_len) {
			memset(m->data + m->data_len, 0, end - m->data_len);
			m->data_len = (uint16_t)end;
		}
	}
	o->len = len;
	o->flags |= M6_OPTF_LEN_FORCED;
	return M6_OK;
}

/* The next sub-field of an option word among `allowed`, its value in *val.
 * Applies len= and misalign itself. Returns an enum sub, S_END after the
 * last, or M6_ERR_ARG. */
static int next_sub(struct parse *p, const struct word *w, struct arg *a, struct m6_opt *o,
		    unsigned allowed, struct slice *val)
{
	struct slice part, key;

	allowed |= SUB(S_LEN) | SUB(S_MISALIGN);
	while (m6s_next_part(&a->rest, &part)) {
		bool has_val = m6s_slice_split(part, '=', &key, val);
		int id = S_END;
		for (int i = S_STATUS; i <= S_MISALIGN; i++)
			if ((allowed & SUB(i)) && m6s_slice_is(key, subs[i].name))
				id = i;
		if (id == S_END)
			return m6s_fail(p, "%s has no sub-field '%.*s'", w->name, (int)part.n, part.p);
		if (a->subs_seen & SUB(id))
			return m6s_fail(p, "%s given twice", subs[id].name);
		a->subs_seen |= SUB(id);
		if (subs[id].value && !has_val)
			return m6s_fail(p, "%s needs a value (%s=...)", subs[id].name, subs[id].name);
		if (!subs[id].value && has_val)
			return m6s_fail(p, "%s takes no value", subs[id].name);
		if (id == S_LEN) {
			if (force_len(p, o, *val))
				return M6_ERR_ARG;
		} else if (id == S_MISALIGN) {
			o->flags |= M6_OPTF_MISALIGN;
		} else {
			return id;
		}
	}
	return S_END;
}

static int modifiers_only(struct parse *p, const struct word *w, struct arg *a, struct m6_opt *o)
{
	struct slice val;

	return next_sub(p, w, a, o, 0, &val);
}

static int parse_bid_coa(struct parse *p, struct slice s, struct m6_opt_bid *bid)
{
	bid->coa_family = memchr(s.p, ':', s.n) ? 6 : 4;
	return bid->coa_family == 6 ? m6s_parse_addr6(p, s, &bid->coa6) : m6s_parse_addr4(p, s, &bid->coa4);
}

int m6s_word_bid(struct parse *p, const struct word *w, struct arg *a)
{
	unsigned allowed = SUB(S_STATUS) | SUB(S_H) | SUB(S_RES) | SUB(S_COA);
	struct m6_opt *o;
	struct slice val;
	uint8_t res;
	int id;

	if (add_opt(p, M6_OPT_BID, &o) || m6s_get_u16(p, "bid", a->val, 0xffff, &o->u.bid.bid))
		return M6_ERR_ARG;
	while ((id = next_sub(p, w, a, o, allowed, &val)) > 0) {
		switch (id) {
		case S_STATUS:
			if (m6s_get_u8(p, "status", val, 255, &o->u.bid.status))
				return M6_ERR_ARG;
			break;
		case S_H:
			o->u.bid.flags |= M6_BID_H;
			break;
		case S_RES:
			if (m6s_get_u8(p, "res", val, M6_BID_RESERVED, &res))
				return M6_ERR_ARG;
			o->u.bid.flags |= res;
			break;
		case S_COA:
			if (parse_bid_coa(p, val, &o->u.bid))
				return M6_ERR_ARG;
			break;
		}
	}
	return id;
}

int m6s_word_nonce(struct parse *p, const struct word *w, struct arg *a)
{
	struct m6_opt *o;
	struct slice careof;

	if (!m6s_next_part(&a->rest, &careof))
		return m6s_fail(p, "nonce needs HOME,CAREOF");
	if (add_opt(p, M6_OPT_NONCE, &o) ||
	    m6s_get_u16(p, "home nonce index", a->val, 0xffff, &o->u.nonce.home) ||
	    m6s_get_u16(p, "care-of nonce index", careof, 0xffff, &o->u.nonce.careof))
		return M6_ERR_ARG;
	return modifiers_only(p, w, a, o);
}

int m6s_word_bad(struct parse *p, const struct word *w, struct arg *a)
{
	struct m6_opt *o;

	if (add_opt(p, M6_OPT_BAD, &o) ||
	    (a->has_val && m6s_parse_hex_exact(p, "bad", a->val, o->u.auth, M6_AUTH_LEN)))
		return M6_ERR_ARG;
	return modifiers_only(p, w, a, o);
}

int m6s_word_altcoa(struct parse *p, const struct word *w, struct arg *a)
{
	struct m6_opt *o;

	if (add_opt(p, M6_OPT_ALTCOA, &o) || m6s_parse_addr6(p, a->val, &o->u.altcoa))
		return M6_ERR_ARG;
	return modifiers_only(p, w, a, o);
}

int m6s_word_bra(struct parse *p, const struct word *w, struct arg *a)
{
	struct m6_opt *o;

	if (add_opt(p, M6_OPT_BRA, &o) || m6s_get_u16(p, "bra", a->val, 0xffff, &o->u.refresh))
		return M6_ERR_ARG;
	return modifiers_only(p, w, a, o);
}

int m6s_word_mnp(struct parse *p, const struct word *w, struct arg *a)
{
	struct m6_opt *o;
	struct slice prefix, plen, val;
	int id;

	if (!m6s_slice_split(a->val, '/', &prefix, &plen))
		return m6s_fail(p, "mnp needs PREFIX/PLEN");
	if (add_opt(p, M6_OPT_MNP, &o) || m6s_parse_addr6(p, prefix, &o->u.mnp.prefix) ||
	    m6s_get_u8(p, "prefix length", plen, 255, &o->u.mnp.plen))
		return M6_ERR_ARG;
	while ((id = next_sub(p, w, a, o, SUB(S_RES), &val)) > 0)
		if (m6s_get_u8(p, "res", val, 255, &o->u.mnp.reserved))
			return M6_ERR_ARG;
	return id;
}

/* MNID and LLA: a raw payload of one leading octet (MNID subtype, LLA
 * option code) and the given bytes; sub_id names the sub-field that
 * replaces the leading octet. */
static int add_prefixed_opt(struct parse *p, const struct word *w, struct arg *a, uint8_t type,
			    uint8_t first, enum sub sub_id)
{
	uint8_t payload[255];
	struct m6_opt *o;
	struct slice val;
	size_t n;
	int id;

	payload[0] = first;
	if (m6s_parse_hex(p, w->name, a->val, payload + 1, 0, sizeof payload - 1, &n) ||
	    add_raw_opt(p, type, payload, n + 1, &o))
		return M6_ERR_ARG;
	o->u.sub.subtype = first;
	while ((id = next_sub(p, w, a, o, SUB(sub_id), &val)) > 0) {
		if (m6s_get_u8(p, subs[sub_id].name, val, 255, &o->u.sub.subtype))
			return M6_ERR_ARG;
		p->b->msg.data[o->data_off] = o->u.sub.subtype;
	}
	return id;
}

int m6s_word_mnid(struct parse *p, const struct word *w, struct arg *a)
{
	return add_prefixed_opt(p, w, a, M6_OPT_MNID, 1, S_SUBTYPE);
}

int m6s_word_lla(struct parse *p, const struct word *w, struct arg *a)
{
	return add_prefixed_opt(p, w, a, M6_OPT_LLA, 2, S_CODE);
}

/* RFC 5555 s3.1.1: Prefix-len (6 bits) | P | Reserved (9 bits), address. */
int m6s_word_v4hoa(struct parse *p, const struct word *w, struct arg *a)
{
	struct m6_opt *o;
	struct slice addr, plen, val;
	uint8_t len = 0;
	int id;

	bool has_plen = m6s_slice_split(a->val, '/', &addr, &plen);
	if (add_opt(p, M6_OPT_V4HOA, &o) || m6s_parse_addr4(p, addr, &o->u.v4.addr) ||
	    (has_plen && m6s_get_u8(p, "prefix length", plen, 63, &len)))
		return M6_ERR_ARG;
	o->u.v4.byte0 = (uint8_t)(len << 2);
	while ((id = next_sub(p, w, a, o, SUB(S_P), &val)) > 0)
		o->u.v4.byte0 |= 0x02;
	return id;
}

/* RFC 5555 s3.2.1: Status, Pref-len (6 bits) | Reserved (2 bits), address. */
int m6s_word_v4ack(struct parse *p, const struct word *w, struct arg *a)
{
	struct m6_opt *o;
	struct slice val;
	uint8_t plen;
	int id;

	if (add_opt(p, M6_OPT_V4ACK, &o) || m6s_get_u8(p, "status", a->val, 255, &o->u.v4.byte0))
		return M6_ERR_ARG;
	while ((id = next_sub(p, w, a, o, SUB(S_PLEN) | SUB(S_ADDR), &val)) > 0) {
		if (id == S_PLEN) {
			if (m6s_get_u8(p, "plen", val, 63, &plen))
				return M6_ERR_ARG;
			o->u.v4.byte1 = (uint8_t)(plen << 2);
		} else if (m6s_parse_addr4(p, val, &o->u.v4.addr)) {
			return M6_ERR_ARG;
		}
	}
	return id;
}

/* RFC 5555 s3.2.2: F | Reserved (15 bits), Refresh time (32 bits). */
int m6s_word_natd(struct parse *p, const struct word *w, struct arg *a)
{
	struct m6_opt *o;
	struct slice val;
	unsigned long refresh;
	int id;

	if (add_opt(p, M6_OPT_NATD, &o) || m6s_parse_num(p, "refresh", a->val, 0, 0xffffffffUL, &refresh))
		return M6_ERR_ARG;
	o->u.v4.word = (uint32_t)refresh;
	while ((id = next_sub(p, w, a, o, SUB(S_F), &val)) > 0)
		o->u.v4.byte0 = 0x80;
	return id;
}

int m6s_word_v4coa(struct parse *p, const struct word *w, struct arg *a)
{
	struct m6_opt *o;

	if (add_opt(p, M6_OPT_V4COA, &o) || m6s_parse_addr4(p, a->val, &o->u.v4.addr))
		return M6_ERR_ARG;
	return modifiers_only(p, w, a, o);
}

static void note_pad(struct parse *p)
{
	if (!p->first_pad.n)
		p->first_pad = p->tok;
}

int m6s_word_pad1(struct parse *p, const struct word *w, struct arg *a)
{
	struct m6_opt *o;
	unsigned long count = 1;

	if ((a->has_val && m6s_parse_num(p, w->name, a->val, 1, 255, &count)) || add_opt(p, M6_OPT_PAD1, &o))
		return M6_ERR_ARG;
	o->len = (uint8_t)count;
	note_pad(p);
	return M6_OK;
}

int m6s_word_padn(struct parse *p, const struct word *w, struct arg *a)
{
	struct m6_opt *o;

	if (add_opt(p, M6_OPT_PADN, &o) || m6s_get_u8(p, w->name, a->val, 255, &o->len))
		return M6_ERR_ARG;
	note_pad(p);
	return M6_OK;
}

int m6s_word_opt(struct parse *p, const struct word *w, struct arg *a)
{
	uint8_t type, payload[255];
	struct slice hex;
	struct m6_opt *o;
	size_t n;

	if (!m6s_next_part(&a->rest, &hex))
		return m6s_fail(p, "opt needs TYPE,HEX (HEX may be empty: opt=%.*s,)", (int)a->val.n, a->val.p);
	if (m6s_get_u8(p, "option type", a->val, 255, &type) ||
	    m6s_parse_hex(p, "option payload", hex, payload, 0, sizeof payload, &n) ||
	    add_raw_opt(p, type, payload, n, &o))
		return M6_ERR_ARG;
	if (type == M6_OPT_PAD1 || type == M6_OPT_PADN)
		note_pad(p);
	return modifiers_only(p, w, a, o);
}

