/* mh_encode.c - build struct m6_msg values and encode them (RFC 6275 s6.1,
 * alignment rules of s6.2), with knobs that break rules on purpose. */
#include "internal.h"

void m6_msg_init(struct m6_msg *msg, uint8_t type)
{
	msg->payload_proto = M6_IPPROTO_NONE;
	msg->hdr_len = 0;
	msg->type = type;
	msg->reserved = 0;
	msg->checksum = 0;
	msg->mh_len = 0;
	msg->opts_off = 0;
	memset(&msg->u, 0, sizeof msg->u);
	msg->n_opts = 0;
	msg->data_len = 0;
}

struct m6_opt *m6_msg_add_opt(struct m6_msg *msg, uint8_t type)
{
	if (msg->n_opts >= M6_MAX_OPTS)
		return NULL;
	struct m6_opt *o = &msg->opts[msg->n_opts++];
	memset(o, 0, sizeof *o);
	o->type = type;
	if (type == M6_OPT_PAD1)
		o->len = 1;
	return o;
}

struct m6_opt *m6_msg_add_raw_opt(struct m6_msg *msg, uint8_t type, const uint8_t *payload, size_t len)
{
	if (len > 255 || len > sizeof msg->data - msg->data_len)
		return NULL;
	struct m6_opt *o = m6_msg_add_opt(msg, type);
	if (!o)
		return NULL;
	o->len = (uint8_t)len;
	o->flags = M6_OPTF_RAW;
	o->data_off = msg->data_len;
	memcpy(msg->data + msg->data_len, payload, len);
	msg->data_len = (uint16_t)(msg->data_len + len);
	return o;
}

static void encode_body(const struct m6_msg *msg, struct m6_wr *w)
{
	switch (msg->type) {
	case M6_MH_BRR:
		m6_wr_be16(w, msg->u.brr_reserved);
		break;
	case M6_MH_HOTI:
	case M6_MH_COTI:
		m6_wr_be16(w, msg->u.ti.reserved);
		m6_wr_bytes(w, msg->u.ti.cookie, M6_COOKIE_LEN);
		break;
	case M6_MH_HOT:
	case M6_MH_COT:
		m6_wr_be16(w, msg->u.test.nonce_index);
		m6_wr_bytes(w, msg->u.test.cookie, M6_COOKIE_LEN);
		m6_wr_bytes(w, msg->u.test.token, M6_TOKEN_LEN);
		break;
	case M6_MH_BU:
		m6_wr_be16(w, msg->u.bu.seq);
		m6_wr_be16(w, msg->u.bu.flags);
		m6_wr_be16(w, msg->u.bu.lifetime);
		break;
	case M6_MH_BA:
		m6_wr_u8(w, msg->u.ba.status);
		m6_wr_u8(w, msg->u.ba.flags);
		m6_wr_be16(w, msg->u.ba.seq);
		m6_wr_be16(w, msg->u.ba.lifetime);
		break;
	case M6_MH_BE:
		m6_wr_u8(w, msg->u.be.status);
		m6_wr_u8(w, msg->u.be.reserved);
		m6_wr_bytes(w, msg->u.be.hoa.a, 16);
		break;
	}
}

/* Pad1 for one octet, PadN for more (RFC 6275 s6.2.1, s6.2.2). */
static void write_pad(struct m6_wr *w, size_t n)
{
	if (n == 1) {
		m6_wr_u8(w, M6_OPT_PAD1);
	} else if (n >= 2) {
		m6_wr_u8(w, M6_OPT_PADN);
		m6_wr_u8(w, (uint8_t)(n - 2));
		m6_wr_zero(w, n - 2);
	}
}

/* Padding before an option at pos so that it meets its xn+y rule, or with
 * M6_OPTF_MISALIGN one octet more, so that it does not. */
static size_t pad_before(const struct m6_opt *o, size_t pos)
{
	unsigned x, y;

	m6_opt_align(o, &x, &y);
	size_t pad = (y + x - pos % x) % x;
	if ((o->flags & M6_OPTF_MISALIGN) && x > 1)
		pad++;
	return pad;
}

static void encode_option(const struct m6_msg *msg, const struct m6_opt *o, struct m6_wr *w)
{
	if (o->type == M6_OPT_PAD1) {
		for (unsigned i = 0; i < (o->len ? o->len : 1u); i++)
			m6_wr_u8(w, M6_OPT_PAD1);
		return;
	}
	if (!(o->flags & M6_OPTF_LEN_FORCED)) {
		int natural = m6_opt_natural_len(o);
		m6_wr_u8(w, o->type);
		m6_wr_u8(w, (uint8_t)(natural < 0 ? o->len : natural));
		m6i_opt_encode_payload(msg, o, w);
		return;
	}
	/* A forced Length writes the natural payload cut or zero-filled to it. */
	uint8_t tmp[256];
	struct m6_wr t;
	m6_wr_init(&t, tmp, sizeof tmp);
	m6i_opt_encode_payload(msg, o, &t);
	if (t.overflow) {
		w->overflow = true;
		return;
	}
	m6_wr_u8(w, o->type);
	m6_wr_u8(w, o->len);
	m6_wr_bytes(w, tmp, t.pos < o->len ? t.pos : o->len);
	if (t.pos < o->len)
		m6_wr_zero(w, o->len - t.pos);
}

static void encode_options(const struct m6_msg *msg, bool verbatim, struct m6_wr *w)
{
	for (int i = 0; i < msg->n_opts; i++) {
		const struct m6_opt *o = &msg->opts[i];
		if (!verbatim) {
			if (o->type == M6_OPT_PAD1 || o->type == M6_OPT_PADN)
				continue;
			write_pad(w, pad_before(o, w->pos));
		}
		encode_option(msg, o, w);
	}
}

uint16_t m6i_final_checksum(const struct m6_msg *msg, const struct m6_pseudo *ps,
			    const struct m6_enc_knobs *k, const uint8_t *mh, size_t len)
{
	if (k->csum_set)
		return k->csum;
	uint16_t c = ps ? m6_mh_checksum(ps, mh, len) : msg->checksum;
	return k->csum_bad ? (uint16_t)(c ^ 1) : c;
}

int m6_msg_encode(const struct m6_msg *msg, const struct m6_pseudo *ps,
		  const struct m6_enc_knobs *knobs, uint8_t *out, size_t cap)
{
	static const struct m6_enc_knobs none;
	const struct m6_enc_knobs *k = knobs ? knobs : &none;
	struct m6_wr w;

	m6_wr_init(&w, out, cap);
	m6_wr_u8(&w, k->proto_set ? k->proto : M6_IPPROTO_NONE);
	m6_wr_u8(&w, 0);
	m6_wr_u8(&w, msg->type);
	m6_wr_u8(&w, msg->reserved);
	m6_wr_be16(&w, 0);
	if (msg->type <= M6_MH_KNOWN_MAX)
		encode_body(msg, &w);
	else
		m6_wr_bytes(&w, msg->data + msg->opts_off, msg->data_len - msg->opts_off);
	if (msg->type <= M6_MH_KNOWN_MAX)
		encode_options(msg, k->verbatim, &w);
	write_pad(&w, (8 - w.pos % 8) % 8);
	if (w.overflow)
		return M6_ERR_NOSPACE;
	if (w.pos > M6_MH_MAX)
		return M6_ERR_ARG;

	m6_wr_put_u8_at(&w, 1, k->hdr_len_set ? k->hdr_len : (uint8_t)(w.pos / 8 - 1));
	m6_wr_put_be16_at(&w, 4, m6i_final_checksum(msg, ps, k, out, w.pos));
	if (k->truncate > 0 && (size_t)k->truncate < w.pos)
		return k->truncate;
	return (int)w.pos;
}

int m6_msg_encode_signed(const struct m6_msg *msg, const struct m6_pseudo *ps,
			 const struct m6_enc_knobs *knobs, const struct m6_rr_key *key,
			 uint8_t *out, size_t cap)
{
	static const struct m6_enc_knobs none;
	const struct m6_enc_knobs *k = knobs ? knobs : &none;
	struct m6_enc_knobs whole = *k;

	/* Sign the whole message, then apply the checksum and cut knobs. */
	whole.truncate = 0;
	whole.csum_set = whole.csum_bad = false;
	int n = m6_msg_encode(msg, NULL, &whole, out, cap);
	if (n < 0)
		return n;
	int rc = m6_rr_sign_mh(key->kbm, &key->coa, &key->cn, out, (size_t)n);
	if (rc < 0)
		return rc;
	uint16_t c = m6i_final_checksum(msg, ps, k, out, (size_t)n);
	out[4] = (uint8_t)(c >> 8);
	out[5] = (uint8_t)c;
	return k->truncate > 0 && k->truncate < n ? k->truncate : n;
}
