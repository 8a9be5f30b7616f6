/* msg_compare.c - field-by-field comparison of two messages, for round
 * trips, fuzz oracles and "expected vs got" in conformance verdicts. */
#include <stdio.h>

#include "internal.h"

static int differ(char *why, size_t whylen, const char *field, long long a, long long b)
{
	if (why && whylen)
		snprintf(why, whylen, "%s: %lld vs %lld", field, a, b);
	return 1;
}

static int differ_bytes(char *why, size_t whylen, const char *field)
{
	if (why && whylen)
		snprintf(why, whylen, "%s: bytes differ", field);
	return 1;
}

#define CMP(field, x, y)                                                \
	do {                                                            \
		if ((x) != (y))                                         \
			return differ(why, whylen, field, (x), (y));    \
	} while (0)
#define CMPB(field, x, y, n)                                            \
	do {                                                            \
		if (memcmp((x), (y), (n)))                              \
			return differ_bytes(why, whylen, field);        \
	} while (0)

static int compare_body(const struct m6_msg *a, const struct m6_msg *b, char *why, size_t whylen)
{
	switch (a->type) {
	case M6_MH_BRR:
		CMP("brr.reserved", a->u.brr_reserved, b->u.brr_reserved);
		break;
	case M6_MH_HOTI:
	case M6_MH_COTI:
		CMP("reserved", a->u.ti.reserved, b->u.ti.reserved);
		CMPB("cookie", a->u.ti.cookie, b->u.ti.cookie, M6_COOKIE_LEN);
		break;
	case M6_MH_HOT:
	case M6_MH_COT:
		CMP("nonce_index", a->u.test.nonce_index, b->u.test.nonce_index);
		CMPB("cookie", a->u.test.cookie, b->u.test.cookie, M6_COOKIE_LEN);
		CMPB("token", a->u.test.token, b->u.test.token, M6_TOKEN_LEN);
		break;
	case M6_MH_BU:
		CMP("bu.seq", a->u.bu.seq, b->u.bu.seq);
		CMP("bu.flags", a->u.bu.flags, b->u.bu.flags);
		CMP("bu.lifetime", a->u.bu.lifetime, b->u.bu.lifetime);
		break;
	case M6_MH_BA:
		CMP("ba.status", a->u.ba.status, b->u.ba.status);
		CMP("ba.flags", a->u.ba.flags, b->u.ba.flags);
		CMP("ba.seq", a->u.ba.seq, b->u.ba.seq);
		CMP("ba.lifetime", a->u.ba.lifetime, b->u.ba.lifetime);
		break;
	case M6_MH_BE:
		CMP("be.status", a->u.be.status, b->u.be.status);
		CMP("be.reserved", a->u.be.reserved, b->u.be.reserved);
		CMPB("be.hoa", a->u.be.hoa.a, b->u.be.hoa.a, 16);
		break;
	default:
		CMP("body length", a->data_len - a->opts_off, b->data_len - b->opts_off);
		CMPB("body", a->data + a->opts_off, b->data + b->opts_off,
		     (size_t)(a->data_len - a->opts_off));
		break;
	}
	return 0;
}

static int compare_typed(const struct m6_opt *x, const struct m6_opt *y, char *why, size_t whylen)
{
	switch (x->type) {
	case M6_OPT_BRA:
		CMP("bra.refresh", x->u.refresh, y->u.refresh);
		break;
	case M6_OPT_ALTCOA:
		CMPB("altcoa", x->u.altcoa.a, y->u.altcoa.a, 16);
		break;
	case M6_OPT_NONCE:
		CMP("nonce.home", x->u.nonce.home, y->u.nonce.home);
		CMP("nonce.careof", x->u.nonce.careof, y->u.nonce.careof);
		break;
	case M6_OPT_BAD:
		CMPB("bad.auth", x->u.auth, y->u.auth, M6_AUTH_LEN);
		break;
	case M6_OPT_MNP:
		CMP("mnp.reserved", x->u.mnp.reserved, y->u.mnp.reserved);
		CMP("mnp.plen", x->u.mnp.plen, y->u.mnp.plen);
		CMPB("mnp.prefix", x->u.mnp.prefix.a, y->u.mnp.prefix.a, 16);
		break;
	case M6_OPT_V4HOA:
	case M6_OPT_V4ACK:
	case M6_OPT_V4COA:
	case M6_OPT_NATD:
		CMP("v4.byte0", x->u.v4.byte0, y->u.v4.byte0);
		CMP("v4.byte1", x->u.v4.byte1, y->u.v4.byte1);
		CMP("v4.word", x->u.v4.word, y->u.v4.word);
		CMPB("v4.addr", x->u.v4.addr.a, y->u.v4.addr.a, 4);
		break;
	case M6_OPT_BID:
		CMP("bid.bid", x->u.bid.bid, y->u.bid.bid);
		CMP("bid.status", x->u.bid.status, y->u.bid.status);
		CMP("bid.flags", x->u.bid.flags, y->u.bid.flags);
		CMP("bid.coa_family", x->u.bid.coa_family, y->u.bid.coa_family);
		if (x->u.bid.coa_family == 4)
			CMPB("bid.coa4", x->u.bid.coa4.a, y->u.bid.coa4.a, 4);
		if (x->u.bid.coa_family == 6)
			CMPB("bid.coa6", x->u.bid.coa6.a, y->u.bid.coa6.a, 16);
		break;
	}
	return 0;
}

static int compare_opt(const struct m6_msg *a, const struct m6_opt *x, const struct m6_msg *b,
		       const struct m6_opt *y, char *why, size_t whylen)
{
	CMP("option type", x->type, y->type);
	int lx = m6_opt_natural_len(x), ly = m6_opt_natural_len(y);
	CMP("option length", lx < 0 ? x->len : lx, ly < 0 ? y->len : ly);
	/* Payloads that either side holds opaque are compared as bytes. */
	if ((x->flags | y->flags) & M6_OPTF_RAW) {
		uint8_t px[256], py[256];
		struct m6_wr wx, wy;
		m6_wr_init(&wx, px, sizeof px);
		m6_wr_init(&wy, py, sizeof py);
		m6i_opt_encode_payload(a, x, &wx);
		m6i_opt_encode_payload(b, y, &wy);
		CMP("option payload length", wx.pos, wy.pos);
		CMPB("option payload", px, py, wx.pos);
		return 0;
	}
	return compare_typed(x, y, why, whylen);
}

static int next_real(const struct m6_msg *m, int i)
{
	while (i < m->n_opts && (m->opts[i].type == M6_OPT_PAD1 || m->opts[i].type == M6_OPT_PADN))
		i++;
	return i;
}

int m6_msg_compare(const struct m6_msg *a, const struct m6_msg *b, char *why, size_t whylen)
{
	CMP("type", a->type, b->type);
	CMP("reserved", a->reserved, b->reserved);
	if (compare_body(a, b, why, whylen))
		return 1;
	int i = next_real(a, 0), j = next_real(b, 0);
	for (; i < a->n_opts && j < b->n_opts; i = next_real(a, i + 1), j = next_real(b, j + 1)) {
		if (compare_opt(a, &a->opts[i], b, &b->opts[j], why, whylen)) {
			char inner[160];
			snprintf(inner, sizeof inner, "%s", why ? why : "");
			if (why && whylen)
				snprintf(why, whylen, "option %d: %s", i, inner);
			return 1;
		}
	}
	CMP("option count", i < a->n_opts, j < b->n_opts);
	return 0;
}
