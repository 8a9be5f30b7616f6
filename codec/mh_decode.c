/* mh_decode.c - decode one Mobility Header (RFC 6275 s6.1, s9.2). */
#include "internal.h"

static void note_reserved(struct m6_diags *diags, uint32_t value, size_t at)
{
	if (value)
		m6_diag_add(diags, M6_R_RESERVED_SET, M6_SEV_NOTE, M6_ACT_NONE, 0, at);
}

/* The fixed part of a known type; r is positioned after the checksum. */
static void decode_body(struct m6_rd *r, struct m6_msg *msg, size_t base, struct m6_diags *diags)
{
	switch (msg->type) {
	case M6_MH_BRR:
		msg->u.brr_reserved = m6_rd_be16(r);
		note_reserved(diags, msg->u.brr_reserved, base + 6);
		break;
	case M6_MH_HOTI:
	case M6_MH_COTI:
		msg->u.ti.reserved = m6_rd_be16(r);
		m6_rd_bytes(r, msg->u.ti.cookie, M6_COOKIE_LEN);
		note_reserved(diags, msg->u.ti.reserved, base + 6);
		break;
	case M6_MH_HOT:
	case M6_MH_COT:
		msg->u.test.nonce_index = m6_rd_be16(r);
		m6_rd_bytes(r, msg->u.test.cookie, M6_COOKIE_LEN);
		m6_rd_bytes(r, msg->u.test.token, M6_TOKEN_LEN);
		break;
	case M6_MH_BU:
		msg->u.bu.seq = m6_rd_be16(r);
		msg->u.bu.flags = m6_rd_be16(r);
		msg->u.bu.lifetime = m6_rd_be16(r);
		note_reserved(diags, msg->u.bu.flags & M6_BU_RESERVED, base + 9);
		break;
	case M6_MH_BA:
		msg->u.ba.status = m6_rd_u8(r);
		msg->u.ba.flags = m6_rd_u8(r);
		msg->u.ba.seq = m6_rd_be16(r);
		msg->u.ba.lifetime = m6_rd_be16(r);
		note_reserved(diags, msg->u.ba.flags & M6_BA_RESERVED, base + 7);
		break;
	case M6_MH_BE:
		msg->u.be.status = m6_rd_u8(r);
		msg->u.be.reserved = m6_rd_u8(r);
		m6_rd_bytes(r, msg->u.be.hoa.a, 16);
		note_reserved(diags, msg->u.be.reserved, base + 7);
		break;
	}
}

/* Consecutive Pad1 octets share one entry whose len counts them. */
static bool merge_pad1(struct m6_msg *msg, size_t pos)
{
	if (msg->n_opts == 0)
		return false;
	struct m6_opt *last = &msg->opts[msg->n_opts - 1];
	if (last->type != M6_OPT_PAD1 || last->offset + last->len != pos || last->len == 255)
		return false;
	last->len++;
	return true;
}

static bool all_zero(const uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i])
			return false;
	return true;
}

/* Walks the options in [pos, avail); end is where the MH says it ends
 * (avail < end when the capture is short, and that was reported). Every
 * index below is checked against avail before buf is read there. */
static void decode_options(const uint8_t *buf, size_t pos, size_t avail, size_t end,
			   struct m6_msg *msg, size_t base, struct m6_diags *diags)
{
	uint64_t seen_once = 0;

	while (pos < avail) {
		uint8_t type = buf[pos];

		if (type == M6_OPT_PAD1 && merge_pad1(msg, pos)) {
			pos++;
			continue;
		}
		if (msg->n_opts >= M6_MAX_OPTS) {
			m6_diag_add(diags, M6_R_OPT_LIMIT, M6_SEV_ERROR, M6_ACT_DISCARD, 0, base + pos);
			return;
		}
		struct m6_opt *o = &msg->opts[msg->n_opts];
		o->type = type;
		o->flags = 0;
		o->offset = (uint16_t)pos;
		o->len = 1;
		if (type == M6_OPT_PAD1) {
			msg->n_opts++;
			pos++;
			continue;
		}
		/* The option must fit in the MH (else overrun) and in the bytes
		 * captured (else the capture ends inside it: already reported). */
		size_t next = pos + 2 <= avail ? pos + 2 + buf[pos + 1] : pos + 2;
		if (next > avail) {
			if (next > end)
				m6_diag_add(diags, M6_R_OPT_OVERRUN, M6_SEV_ERROR, M6_ACT_DISCARD, 0, base + pos);
			return;
		}
		o->len = buf[pos + 1];
		o->data_off = (uint16_t)(pos + 2);
		msg->n_opts++;
		if (type == M6_OPT_PADN) {
			/* PadN is kept byte for byte so that a verbatim re-encode matches. */
			o->flags = M6_OPTF_RAW;
			if (!all_zero(buf + pos + 2, o->len))
				m6_diag_add(diags, M6_R_PADN_NONZERO, M6_SEV_NOTE, M6_ACT_NONE, 0, base + pos + 2);
		} else {
			struct m6_rd payload;
			m6_rd_init(&payload, buf + pos + 2, o->len);
			m6i_opt_decode(&payload, o, msg->type, base, &seen_once, diags);
		}
		pos = next;
	}
}

static void check_header(const struct m6_msg *msg, size_t base, size_t ip_off, struct m6_diags *diags)
{
	struct m6_diag *d;
	int min_hl = m6_mh_min_hdr_len(msg->type);

	/* RFC 6275 s9.2: both answered with Parameter Problem code 0. */
	if (msg->payload_proto != M6_IPPROTO_NONE) {
		d = m6_diag_add(diags, M6_R_PAYLOAD_PROTO, M6_SEV_ERROR, M6_ACT_ICMP_PARAM, 0, base);
		if (d)
			d->pointer = (uint32_t)(base - ip_off);
	}
	if (min_hl >= 0 && msg->hdr_len < min_hl) {
		d = m6_diag_add(diags, M6_R_HDRLEN_SHORT, M6_SEV_ERROR, M6_ACT_ICMP_PARAM, 0, base + 1);
		if (d)
			d->pointer = (uint32_t)(base + 1 - ip_off);
	}
	note_reserved(diags, msg->reserved, base + 3);
}

int m6_mh_decode(const uint8_t *buf, size_t len, const struct m6_pseudo *ps,
		 size_t base, size_t ip_off, struct m6_msg *msg, struct m6_diags *diags)
{
	struct m6_rd r;

	msg->n_opts = 0;
	msg->data_len = 0;
	msg->opts_off = 0;
	memset(&msg->u, 0, sizeof msg->u);
	m6_rd_init(&r, buf, len);
	msg->payload_proto = m6_rd_u8(&r);
	msg->hdr_len = m6_rd_u8(&r);
	msg->type = m6_rd_u8(&r);
	msg->reserved = m6_rd_u8(&r);
	msg->checksum = m6_rd_be16(&r);
	msg->mh_len = (uint16_t)((msg->hdr_len + 1) * 8);
	if (r.short_read) {
		m6_diag_add(diags, M6_R_TRUNC_MH, M6_SEV_ERROR, M6_ACT_DISCARD, 0, base + len);
		return M6_ERR_TRUNCATED;
	}

	size_t end = msg->mh_len;
	size_t avail = len < end ? len : end;
	bool truncated = len < end;

	memcpy(msg->data, buf, avail);
	msg->data_len = (uint16_t)avail;
	if (truncated)
		m6_diag_add(diags, M6_R_TRUNC_MH, M6_SEV_ERROR, M6_ACT_DISCARD, 0, base + len);
	/* The checksum covers the whole upper-layer payload (RFC 8200 s8.1),
	 * which is longer than Header Len says when bytes trail the MH. */
	else if (ps && !m6i_csum_matches(msg->checksum, m6_mh_checksum(ps, buf, len)))
		m6_diag_add(diags, M6_R_BAD_CHECKSUM, M6_SEV_ERROR, M6_ACT_DISCARD, 0, base + 4);
	check_header(msg, base, ip_off, diags);

	int fixed = m6_mh_fixed_len(msg->type);
	if (fixed < 0) {
		msg->opts_off = 6; /* other types: the body is data[6..] */
		return truncated ? M6_ERR_TRUNCATED : (int)end;
	}

	struct m6_rd body;
	m6_rd_init(&body, buf, avail);
	body.pos = 6;
	decode_body(&body, msg, base, diags);
	if (body.short_read && truncated && (size_t)(6 + fixed) <= end)
		m6_diag_add(diags, M6_R_TRUNC_MH_FIXED, M6_SEV_ERROR, M6_ACT_DISCARD, 0, base + len);
	msg->opts_off = (uint16_t)(6 + fixed);
	if (!body.short_read)
		decode_options(buf, body.pos, avail, end, msg, base, diags);
	return truncated ? M6_ERR_TRUNCATED : (int)end;
}
