/* nd_encode.c - struct m6_nd to the octets of an ND or RFC 6275 ICMPv6
 * message (RFC 4861 s4, RFC 6275 s6.5-s6.8, s7.2-s7.4), then framed by
 * m6i_upper_encode; the knobs break a rule on purpose (checksum, a cut
 * message, a wrong option Length). */
#include "nd_internal.h"

/* The longest message this encoder writes: an RA with every option and
 * M6_ND_MAX_PREFIXES prefixes, or a DHAAD Reply with M6_DHAAD_MAX_HA
 * addresses, both well below. */
#define ND_MSG_MAX 512

static void write_fixed(struct m6_wr *w, const struct m6_nd *nd)
{
	switch (nd->type) {
	case M6_ICMP6_RS:
		m6_wr_be32(w, nd->reserved);
		break;
	case M6_ICMP6_RA:
		m6_wr_u8(w, nd->cur_hlim);
		m6_wr_u8(w, (uint8_t)nd->flags);
		m6_wr_be16(w, nd->router_lifetime);
		m6_wr_be32(w, nd->reachable);
		m6_wr_be32(w, nd->retrans);
		break;
	case M6_ICMP6_NS:
	case M6_ICMP6_NA:
		m6_wr_be32(w, nd->type == M6_ICMP6_NS ? nd->reserved : nd->flags);
		m6_wr_bytes(w, nd->target.a, 16);
		break;
	case M6_ICMP6_MPA:
		m6_wr_be16(w, nd->id);
		m6_wr_be16(w, (uint16_t)nd->flags);
		break;
	default: /* DHAAD Request and Reply, MPS */
		m6_wr_be16(w, nd->id);
		m6_wr_be16(w, (uint16_t)nd->reserved);
		break;
	}
}

/* Where the option of a type begins, for the Length knob. */
struct opt_marks {
	size_t at[256];
	bool seen[256];
};

static void opt_head(struct m6_wr *w, struct opt_marks *mk, uint8_t type, uint8_t len)
{
	if (!mk->seen[type]) {
		mk->seen[type] = true;
		mk->at[type] = w->pos;
	}
	m6_wr_u8(w, type);
	m6_wr_u8(w, len);
}

static void write_lla(struct m6_wr *w, struct opt_marks *mk, uint8_t type, const uint8_t mac[6])
{
	opt_head(w, mk, type, 1);
	m6_wr_bytes(w, mac, 6);
}

/* A 32-bit value after 16 reserved bits: MTU, Advertisement Interval. */
static void write_word_opt(struct m6_wr *w, struct opt_marks *mk, uint8_t type, uint32_t v)
{
	opt_head(w, mk, type, 1);
	m6_wr_be16(w, 0);
	m6_wr_be32(w, v);
}

static void write_options(struct m6_wr *w, const struct m6_nd *nd, struct opt_marks *mk)
{
	if (nd->has_slla)
		write_lla(w, mk, M6_NDOPT_SLLA, nd->slla);
	if (nd->has_tlla)
		write_lla(w, mk, M6_NDOPT_TLLA, nd->tlla);
	if (nd->has_mtu)
		write_word_opt(w, mk, M6_NDOPT_MTU, nd->mtu);
	for (int i = 0; i < nd->n_prefixes; i++) {
		const struct m6_nd_prefix *p = &nd->prefixes[i];
		opt_head(w, mk, M6_NDOPT_PREFIX, 4);
		m6_wr_u8(w, p->plen);
		m6_wr_u8(w, p->flags);
		m6_wr_be32(w, p->valid);
		m6_wr_be32(w, p->preferred);
		m6_wr_be32(w, p->reserved2);
		m6_wr_bytes(w, p->prefix.a, 16);
	}
	if (nd->has_advint)
		write_word_opt(w, mk, M6_NDOPT_ADVINT, nd->advint);
	if (nd->has_hainfo) {
		opt_head(w, mk, M6_NDOPT_HAINFO, 1);
		m6_wr_be16(w, 0);
		m6_wr_be16(w, (uint16_t)nd->ha_pref);
		m6_wr_be16(w, nd->ha_lifetime);
	}
}

int m6_nd_encode(const struct m6_pkt_spec *spec, const struct m6_nd *nd,
		 const struct m6_enc_knobs *knobs, uint8_t *out, size_t cap)
{
	static const struct m6_enc_knobs none;
	const struct m6_enc_knobs *k = knobs ? knobs : &none;
	const struct m6_nd_info *t = m6i_nd_info(nd->type);
	uint8_t msg[ND_MSG_MAX];
	struct opt_marks mk;
	struct m6_wr w;

	if (!t || nd->n_prefixes > M6_ND_MAX_PREFIXES || nd->n_ha > M6_DHAAD_MAX_HA)
		return M6_ERR_ARG;
	memset(mk.seen, 0, sizeof mk.seen);
	m6_wr_init(&w, msg, sizeof msg);
	m6_wr_u8(&w, nd->type);
	m6_wr_u8(&w, nd->code);
	m6_wr_be16(&w, 0); /* Checksum: m6i_upper_encode */
	write_fixed(&w, nd);
	if (nd->type == M6_ICMP6_DHAAD_REP)
		for (int i = 0; i < nd->n_ha; i++)
			m6_wr_bytes(&w, nd->ha[i].a, 16);
	write_options(&w, nd, &mk);
	if (w.overflow)
		return M6_ERR_ARG;
	if (k->nd_optlen_set) {
		if (!mk.seen[k->nd_optlen_type])
			return M6_ERR_ARG;
		m6_wr_put_u8_at(&w, mk.at[k->nd_optlen_type] + 1, k->nd_optlen);
	}
	size_t len = k->truncate > 0 && (size_t)k->truncate < w.pos ? (size_t)k->truncate : w.pos;
	return m6i_upper_encode(spec, M6_IPPROTO_ICMPV6, msg, len, 2, k, out, cap);
}
