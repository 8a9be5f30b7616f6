/* nd_decode.c - the form of the ICMPv6 messages of Neighbor Discovery
 * (RFC 4861 s4.1-s4.4) and RFC 6275 (s6.5-s6.8): the fixed part of each
 * type, the option walk (RFC 4861 s4.6; RFC 6275 s7.2-s7.4) and the home
 * agent addresses of a DHAAD Reply. What the values mean is checked by
 * m6_nd_validate. */
#include "nd_internal.h"

struct nd_walk {
	struct m6_rd r;      /* over the captured part of the message */
	size_t len;          /* the message's length from the IPv6 header */
	size_t base;         /* offset of the message in the input */
	struct m6_nd *nd;
	struct m6_diags *diags;
};

static void note(struct nd_walk *w, uint8_t reason, uint8_t action, size_t at)
{
	m6_diag_add(w->diags, reason, M6_SEV_NOTE, action, 0, w->base + at);
}

static void reserved_note(struct nd_walk *w, uint32_t value, size_t at)
{
	if (value)
		note(w, M6_R_RESERVED_SET, M6_ACT_NONE, at);
}

/* The fixed part after Type, Code and Checksum. */
static void read_fixed(struct nd_walk *w)
{
	struct m6_rd *r = &w->r;
	struct m6_nd *nd = w->nd;

	switch (nd->type) {
	case M6_ICMP6_RS:
		nd->reserved = m6_rd_be32(r);
		reserved_note(w, nd->reserved, 4);
		break;
	case M6_ICMP6_RA:
		nd->cur_hlim = m6_rd_u8(r);
		nd->flags = m6_rd_u8(r);
		nd->router_lifetime = m6_rd_be16(r);
		nd->reachable = m6_rd_be32(r);
		nd->retrans = m6_rd_be32(r);
		break;
	case M6_ICMP6_NS:
	case M6_ICMP6_NA:
		if (nd->type == M6_ICMP6_NS)
			nd->reserved = m6_rd_be32(r);
		else
			nd->flags = m6_rd_be32(r);
		reserved_note(w, nd->reserved | (nd->flags & M6_NA_RESERVED), 4);
		m6_rd_bytes(r, nd->target.a, 16);
		break;
	case M6_ICMP6_MPA:
		nd->id = m6_rd_be16(r);
		nd->flags = m6_rd_be16(r);
		reserved_note(w, nd->flags & M6_MPA_RESERVED, 6);
		break;
	default: /* DHAAD Request and Reply, MPS: Identifier, Reserved */
		nd->id = m6_rd_be16(r);
		nd->reserved = m6_rd_be16(r);
		reserved_note(w, nd->reserved, 6);
		break;
	}
}

static void read_prefix(struct nd_walk *w, struct m6_rd *o, size_t at)
{
	struct m6_nd *nd = w->nd;

	if (nd->n_prefixes >= M6_ND_MAX_PREFIXES) {
		note(w, M6_R_ND_OPT_LIMIT, M6_ACT_NONE, at);
		return;
	}
	struct m6_nd_prefix *p = &nd->prefixes[nd->n_prefixes++];
	p->plen = m6_rd_u8(o);
	p->flags = m6_rd_u8(o);
	p->valid = m6_rd_be32(o);
	p->preferred = m6_rd_be32(o);
	p->reserved2 = m6_rd_be32(o);
	m6_rd_bytes(o, p->prefix.a, 16);
	reserved_note(w, (p->flags & M6_PI_RESERVED) | p->reserved2, at + 3);
	if (m6_nd_prefix_host_bits(p))
		note(w, M6_R_PREFIX_HOST_BITS, M6_ACT_NONE, at + 16);
}

/* One option's payload o (Length * 8 - 2 octets), at offset at. */
static void read_option(struct nd_walk *w, uint8_t type, uint8_t olen, struct m6_rd *o, size_t at)
{
	struct m6_nd *nd = w->nd;
	const struct m6_ndopt_info *info = m6i_ndopt_info(type);

	if (!info)
		return; /* RFC 4861 s4.6: options a node does not know are ignored */
	if (info->len && olen != info->len) {
		note(w, M6_R_ND_OPT_LEN, M6_ACT_SKIP_OPTION, at + 1);
		return;
	}
	switch (type) {
	case M6_NDOPT_SLLA:
		nd->has_slla = true;
		m6_rd_bytes(o, nd->slla, 6);
		break;
	case M6_NDOPT_TLLA:
		nd->has_tlla = true;
		m6_rd_bytes(o, nd->tlla, 6);
		break;
	case M6_NDOPT_PREFIX:
		read_prefix(w, o, at);
		break;
	case M6_NDOPT_MTU:
		m6_rd_skip(o, 2);
		nd->has_mtu = true;
		nd->mtu = m6_rd_be32(o);
		break;
	case M6_NDOPT_ADVINT: /* RFC 6275 s7.3: Reserved 16, interval 32 */
		m6_rd_skip(o, 2);
		nd->has_advint = true;
		nd->advint = m6_rd_be32(o);
		break;
	case M6_NDOPT_HAINFO: /* s7.4: Reserved 16, Preference 16, Lifetime 16 */
		m6_rd_skip(o, 2);
		nd->has_hainfo = true;
		nd->hainfo_off = (uint16_t)(w->base + at);
		nd->ha_pref = (int16_t)m6_rd_be16(o);
		nd->ha_lifetime = m6_rd_be16(o);
		break;
	}
}

/* The options up to the end of the message. Returns M6_OK, or
 * M6_ERR_INVALID when the walk cannot go on (the error is recorded); an
 * option cut by the end of the capture ends the walk quietly (the caller
 * records the truncation). */
static int walk_options(struct nd_walk *w)
{
	struct m6_rd *r = &w->r;

	while (r->pos < w->len) {
		size_t at = r->pos;
		if (at + 2 > w->len) {
			m6_diag_add(w->diags, M6_R_ND_OPT_OVERRUN, M6_SEV_ERROR, M6_ACT_DISCARD, 0, w->base + at);
			return M6_ERR_INVALID;
		}
		uint8_t type = m6_rd_u8(r);
		uint8_t olen = m6_rd_u8(r);
		if (r->short_read)
			return M6_OK;
		if (olen == 0) {
			m6_diag_add(w->diags, M6_R_ND_OPT_ZERO, M6_SEV_ERROR, M6_ACT_DISCARD, 0, w->base + at + 1);
			return M6_ERR_INVALID;
		}
		size_t end = at + (size_t)olen * 8;
		if (end > w->len) {
			m6_diag_add(w->diags, M6_R_ND_OPT_OVERRUN, M6_SEV_ERROR, M6_ACT_DISCARD, 0, w->base + at + 1);
			return M6_ERR_INVALID;
		}
		if (end > r->len)
			return M6_OK;
		struct m6_rd o = m6_rd_sub(r, end - r->pos);
		if (w->nd->n_opts < UINT8_MAX)
			w->nd->n_opts++;
		read_option(w, type, olen, &o, at);
	}
	return M6_OK;
}

/* DHAAD Reply (RFC 6275 s6.6): home agent addresses to the end. An
 * address cut by the end of the capture ends the list quietly (the caller
 * records the truncation). */
static void read_addresses(struct nd_walk *w)
{
	struct m6_rd *r = &w->r;
	struct m6_nd *nd = w->nd;
	bool noted = false;

	while (w->len - r->pos >= 16) {
		if (m6_rd_left(r) < 16)
			return;
		if (nd->n_ha < M6_DHAAD_MAX_HA) {
			m6_rd_bytes(r, nd->ha[nd->n_ha++].a, 16);
			continue;
		}
		if (!noted)
			note(w, M6_R_ND_OPT_LIMIT, M6_ACT_NONE, r->pos);
		noted = true;
		m6_rd_skip(r, 16);
	}
	if (r->pos < w->len)
		note(w, M6_R_ND_TRAILING, M6_ACT_NONE, r->pos);
}

int m6_nd_decode(const uint8_t *buf, size_t caplen, size_t len, size_t base, struct m6_nd *nd,
		 struct m6_diags *diags)
{
	struct nd_walk w = { .len = len, .base = base, .nd = nd, .diags = diags };
	size_t stop = caplen < len ? caplen : len;

	memset(nd, 0, sizeof *nd);
	nd->off = (uint16_t)base;
	nd->len = (uint16_t)len;
	m6_rd_init(&w.r, buf, stop);
	nd->type = m6_rd_u8(&w.r);
	nd->code = m6_rd_u8(&w.r);
	m6_rd_skip(&w.r, 2); /* Checksum: m6_pkt_decode verifies it */
	const struct m6_nd_info *t = w.r.short_read ? NULL : m6i_nd_info(nd->type);
	if (!t)
		return w.r.short_read ? M6_ERR_TRUNCATED : M6_ERR_ARG;
	if (len < t->fixed_len) {
		m6_diag_add(diags, M6_R_ICMP6_SHORT, M6_SEV_ERROR, M6_ACT_DISCARD, 0, base + len);
		return M6_ERR_INVALID;
	}
	read_fixed(&w);
	int rc = M6_OK;
	if (!w.r.short_read && nd->type == M6_ICMP6_DHAAD_REP)
		read_addresses(&w);
	else if (!w.r.short_read && t->options)
		rc = walk_options(&w);
	if (rc == M6_OK && stop < len) {
		m6_diag_add(diags, M6_R_TRUNC_ICMP6, M6_SEV_ERROR, M6_ACT_DISCARD, 0, base + stop);
		return M6_ERR_TRUNCATED;
	}
	return rc < 0 ? rc : (int)len;
}
