/* options.c - the mobility option table and the per-type payload codec
 * (RFC 6275 s6.2, RFC 3963, RFC 4283, RFC 5555, RFC 5568, RFC 5648 s4.3). */
#include "internal.h"

#define IN(t) (1u << (t))
#define IN_BU IN(M6_MH_BU)
#define IN_BA IN(M6_MH_BA)
#define ANY 0xff

/* Adding an option the codec understands is adding a row here and a case
 * in decode_typed/encode_typed. */
static const struct m6_opt_info opt_table[] = {
	[M6_OPT_PAD1] = { 0, 0, 1, 0, false, ANY },
	[M6_OPT_PADN] = { 0, 255, 1, 0, false, ANY },
	[M6_OPT_BRA] = { 2, 2, 2, 0, true, IN_BA },
	[M6_OPT_ALTCOA] = { 16, 16, 8, 6, true, IN_BU },
	[M6_OPT_NONCE] = { 4, 4, 2, 0, true, IN_BU },
	[M6_OPT_BAD] = { 1, 255, 8, 2, true, IN_BU | IN_BA },
	[M6_OPT_MNP] = { 18, 18, 8, 4, false, IN_BU | IN_BA },
	[M6_OPT_LLA] = { 1, 255, 1, 0, false, ANY },
	[M6_OPT_MNID] = { 1, 255, 1, 0, false, ANY },
	[M6_OPT_V4HOA] = { 6, 6, 4, 0, true, IN_BU },
	[M6_OPT_V4ACK] = { 6, 6, 4, 0, true, IN_BA },
	[M6_OPT_NATD] = { 6, 6, 4, 0, true, IN_BA },
	[M6_OPT_V4COA] = { 6, 6, 4, 0, true, IN_BU | IN_BA },
	/* BID: Length 4, 8 or 20 is checked by its own rule (s6.2: 164). */
	[M6_OPT_BID] = { 4, 20, 2, 0, false,
			 IN_BU | IN_BA | IN(M6_MH_BRR) | IN(M6_MH_COTI) | IN(M6_MH_COT) },
};

const struct m6_opt_info *m6i_opt_info(uint8_t type)
{
	if (type >= sizeof opt_table / sizeof opt_table[0])
		return NULL;
	const struct m6_opt_info *i = &opt_table[type];
	return i->align_x ? i : NULL;
}

static int bid_len_for(uint8_t coa_family)
{
	return coa_family == 6 ? 20 : coa_family == 4 ? 8 : 4;
}

int m6_opt_natural_len(const struct m6_opt *opt)
{
	if (opt->flags & M6_OPTF_RAW)
		return opt->len;
	switch (opt->type) {
	case M6_OPT_PAD1:
		return 0;
	case M6_OPT_BAD:
		return M6_AUTH_LEN;
	case M6_OPT_BID:
		return bid_len_for(opt->u.bid.coa_family);
	case M6_OPT_PADN:
		return opt->len;
	}
	const struct m6_opt_info *i = m6i_opt_info(opt->type);
	if (i && i->min_len == i->max_len)
		return i->min_len;
	return -1;
}

void m6_opt_align(const struct m6_opt *opt, unsigned *x, unsigned *y)
{
	const struct m6_opt_info *i = m6i_opt_info(opt->type);

	*x = 1;
	*y = 0;
	if (!i)
		return;
	*x = i->align_x;
	*y = i->align_y;
	/* RFC 5648 s4.3: 2n without a care-of address, 8n+2 with one. */
	if (opt->type == M6_OPT_BID && opt->u.bid.coa_family != 0) {
		*x = 8;
		*y = 2;
	}
}

bool m6i_addr6_unicast_routable(const m6_addr6 *a)
{
	const uint8_t *b = a->a;
	uint64_t hi;

	if (b[0] == 0xff)
		return false; /* multicast */
	if (b[0] == 0xfe && (b[1] & 0xc0) == 0x80)
		return false; /* link-local */
	memcpy(&hi, b, 8);
	if (hi)
		return true; /* the common case, decided by one load */
	for (int i = 8; i < 15; i++)
		if (b[i])
			return true;
	return b[15] > 1; /* :: is unspecified, ::1 loopback */
}

bool m6i_addr4_unicast_routable(const m6_addr4 *a)
{
	const uint8_t *b = a->a;

	if (b[0] == 0 || b[0] == 127 || b[0] >= 224)
		return false; /* "this network", loopback, multicast, reserved, broadcast */
	if (b[0] == 169 && b[1] == 254)
		return false; /* link-local */
	return true;
}

static void decode_bid(struct m6_rd *r, struct m6_opt *o, size_t at, struct m6_diags *diags)
{
	struct m6_opt_bid *b = &o->u.bid;

	b->bid = m6_rd_be16(r);
	b->status = m6_rd_u8(r);
	b->flags = m6_rd_u8(r);
	b->coa_family = 0;
	if (o->len == 20) {
		b->coa_family = 6;
		m6_rd_bytes(r, b->coa6.a, 16);
		if (!m6i_addr6_unicast_routable(&b->coa6))
			m6_diag_add(diags, M6_R_BID_COA_NOT_UNICAST, M6_SEV_ERROR, M6_ACT_BA,
				    M6_BA_MCOA_MALFORMED, at + 6);
	} else if (o->len == 8) {
		b->coa_family = 4;
		m6_rd_bytes(r, b->coa4.a, 4);
		if (!m6i_addr4_unicast_routable(&b->coa4))
			m6_diag_add(diags, M6_R_BID_COA_NOT_UNICAST, M6_SEV_ERROR, M6_ACT_BA,
				    M6_BA_MCOA_MALFORMED, at + 6);
	} else if (o->len != 4) {
		/* RFC 5648 s6.2: each of these makes the receiver answer 164. */
		o->flags |= M6_OPTF_MALFORMED | M6_OPTF_RAW;
		m6_diag_add(diags, M6_R_BID_LEN, M6_SEV_ERROR, M6_ACT_BA,
			    M6_BA_MCOA_MALFORMED, at + 1);
	}
	if (b->bid == 0 && o->len >= 2)
		m6_diag_add(diags, M6_R_BID_ZERO, M6_SEV_ERROR, M6_ACT_BA,
			    M6_BA_MCOA_MALFORMED, at + 2);
	if ((b->flags & M6_BID_RESERVED) && o->len >= 4)
		m6_diag_add(diags, M6_R_RESERVED_SET, M6_SEV_NOTE, M6_ACT_NONE, 0, at + 5);
}

/* Typed fields are filled from the payload; a short payload reads as
 * zeros (the cursor's rule), so a malformed option still has values. */
static void decode_typed(struct m6_rd *r, struct m6_opt *o, size_t at, struct m6_diags *diags)
{
	switch (o->type) {
	case M6_OPT_BRA:
		o->u.refresh = m6_rd_be16(r);
		break;
	case M6_OPT_ALTCOA:
		m6_rd_bytes(r, o->u.altcoa.a, 16);
		break;
	case M6_OPT_NONCE:
		o->u.nonce.home = m6_rd_be16(r);
		o->u.nonce.careof = m6_rd_be16(r);
		break;
	case M6_OPT_BAD:
		/* The RR form is 12 octets; other lengths (other key management)
		 * stay opaque. */
		if (o->len == M6_AUTH_LEN)
			m6_rd_bytes(r, o->u.auth, M6_AUTH_LEN);
		else
			o->flags |= M6_OPTF_RAW;
		break;
	case M6_OPT_MNP:
		o->u.mnp.reserved = m6_rd_u8(r);
		o->u.mnp.plen = m6_rd_u8(r);
		m6_rd_bytes(r, o->u.mnp.prefix.a, 16);
		if (o->u.mnp.reserved)
			m6_diag_add(diags, M6_R_RESERVED_SET, M6_SEV_NOTE, M6_ACT_NONE, 0, at + 2);
		break;
	case M6_OPT_LLA:
	case M6_OPT_MNID:
		o->flags |= M6_OPTF_RAW;
		o->u.sub.subtype = m6_rd_u8(r);
		break;
	case M6_OPT_V4HOA:
	case M6_OPT_V4ACK:
	case M6_OPT_V4COA:
		o->u.v4.byte0 = m6_rd_u8(r);
		o->u.v4.byte1 = m6_rd_u8(r);
		o->u.v4.word = 0;
		m6_rd_bytes(r, o->u.v4.addr.a, 4);
		break;
	case M6_OPT_NATD:
		o->u.v4.byte0 = m6_rd_u8(r);
		o->u.v4.byte1 = m6_rd_u8(r);
		o->u.v4.word = m6_rd_be32(r);
		memset(o->u.v4.addr.a, 0, 4);
		break;
	case M6_OPT_BID:
		decode_bid(r, o, at, diags);
		break;
	}
}

void m6i_opt_decode(struct m6_rd *r, struct m6_opt *o, uint8_t mh_type, size_t base,
		    uint64_t *seen_once, struct m6_diags *diags)
{
	const struct m6_opt_info *i = m6i_opt_info(o->type);
	size_t at = base + o->offset;

	if (!i) {
		o->flags |= M6_OPTF_RAW;
		m6_diag_add(diags, M6_R_OPT_UNKNOWN, M6_SEV_NOTE, M6_ACT_SKIP_OPTION, 0, at);
		return;
	}
	if (o->type != M6_OPT_BID && (o->len < i->min_len || o->len > i->max_len)) {
		o->flags |= M6_OPTF_MALFORMED | M6_OPTF_RAW;
		m6_diag_add(diags, M6_R_OPT_LEN, M6_SEV_ERROR, M6_ACT_DISCARD, 0, at + 1);
	}
	if (mh_type <= M6_MH_KNOWN_MAX && !(i->allowed & IN(mh_type)))
		m6_diag_add(diags, M6_R_OPT_NOT_ALLOWED, M6_SEV_NOTE, M6_ACT_SKIP_OPTION, 0, at);
	if (i->once) {
		/* Every type with a table row is below 64. */
		if (*seen_once & (1ull << o->type))
			m6_diag_add(diags, M6_R_OPT_DUPLICATE, M6_SEV_NOTE, M6_ACT_NONE, 0, at);
		*seen_once |= 1ull << o->type;
	}
	decode_typed(r, o, at, diags);

	/* RFC 5648 s4.3: a BID with a care-of address goes at 8n+2. */
	unsigned x = i->align_x, y = i->align_y;
	if (o->type == M6_OPT_BID && o->u.bid.coa_family) {
		x = 8;
		y = 2;
	}
	if ((o->offset & (x - 1)) != y) /* x is a power of two */
		m6_diag_add(diags, M6_R_OPT_ALIGN, M6_SEV_NOTE, M6_ACT_NONE, 0, at);
}

static void encode_typed(const struct m6_opt *o, struct m6_wr *w)
{
	switch (o->type) {
	case M6_OPT_PADN:
		m6_wr_zero(w, o->len);
		break;
	case M6_OPT_BRA:
		m6_wr_be16(w, o->u.refresh);
		break;
	case M6_OPT_ALTCOA:
		m6_wr_bytes(w, o->u.altcoa.a, 16);
		break;
	case M6_OPT_NONCE:
		m6_wr_be16(w, o->u.nonce.home);
		m6_wr_be16(w, o->u.nonce.careof);
		break;
	case M6_OPT_BAD:
		m6_wr_bytes(w, o->u.auth, M6_AUTH_LEN);
		break;
	case M6_OPT_MNP:
		m6_wr_u8(w, o->u.mnp.reserved);
		m6_wr_u8(w, o->u.mnp.plen);
		m6_wr_bytes(w, o->u.mnp.prefix.a, 16);
		break;
	case M6_OPT_V4HOA:
	case M6_OPT_V4ACK:
	case M6_OPT_V4COA:
		m6_wr_u8(w, o->u.v4.byte0);
		m6_wr_u8(w, o->u.v4.byte1);
		m6_wr_bytes(w, o->u.v4.addr.a, 4);
		break;
	case M6_OPT_NATD:
		m6_wr_u8(w, o->u.v4.byte0);
		m6_wr_u8(w, o->u.v4.byte1);
		m6_wr_be32(w, o->u.v4.word);
		break;
	case M6_OPT_BID:
		m6_wr_be16(w, o->u.bid.bid);
		m6_wr_u8(w, o->u.bid.status);
		m6_wr_u8(w, o->u.bid.flags);
		if (o->u.bid.coa_family == 4)
			m6_wr_bytes(w, o->u.bid.coa4.a, 4);
		else if (o->u.bid.coa_family == 6)
			m6_wr_bytes(w, o->u.bid.coa6.a, 16);
		break;
	}
}

void m6i_opt_encode_payload(const struct m6_msg *msg, const struct m6_opt *o, struct m6_wr *w)
{
	if (o->flags & M6_OPTF_RAW) {
		if ((size_t)o->data_off + o->len > msg->data_len) {
			w->overflow = true; /* a payload the arena does not hold */
			return;
		}
		m6_wr_bytes(w, msg->data + o->data_off, o->len);
		return;
	}
	encode_typed(o, w);
}
