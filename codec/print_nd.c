/* print_nd.c - an ND or RFC 6275 ICMPv6 message (struct m6_nd) for the
 * printers: its keys in the icmp6 object of -v and --json, and its
 * summary-line form, written as the spec that builds it (SPEC.md). */
#include "print_emit.h"

/* Flag letters of a type, from the top bit down. */
static const char *flag_letters(uint8_t type, unsigned *top)
{
	switch (type) {
	case M6_ICMP6_RA: *top = M6_RA_M; return "MOH";
	case M6_ICMP6_NA: *top = M6_NA_R; return "RSO";
	case M6_ICMP6_MPA: *top = M6_MPA_M; return "MO";
	}
	return NULL;
}

/* Which reserved bits the flags word of a type has (0: it has none). */
static uint32_t flags_reserved(uint8_t type)
{
	switch (type) {
	case M6_ICMP6_RA: return M6_RA_RESERVED;
	case M6_ICMP6_NA: return M6_NA_RESERVED;
	case M6_ICMP6_MPA: return M6_MPA_RESERVED;
	}
	return 0;
}

static bool has_target(uint8_t type)
{
	return type == M6_ICMP6_NS || type == M6_ICMP6_NA;
}

static bool has_id(uint8_t type)
{
	return type >= M6_ICMP6_DHAAD_REQ;
}

static void emit_prefix(struct m6_emit *e, const struct m6_nd_prefix *p)
{
	e->ops->obj_begin(e, NULL);
	emit_addr6(e, K("prefix"), &p->prefix);
	emit_u(e, K("plen"), p->plen);
	emit_u(e, K("flags"), p->flags);
	emit_flag_names(e, p->flags, "LAR", M6_PI_L);
	emit_u(e, K("valid"), p->valid);
	emit_u(e, K("preferred"), p->preferred);
	emit_u(e, K("reserved2"), p->reserved2);
	e->ops->obj_end(e);
}

void m6i_emit_nd(struct m6_emit *e, const struct m6_nd *nd)
{
	unsigned top;
	const char *letters = flag_letters(nd->type, &top);

	emit_str(e, K("message"), m6_nd_type_word(nd->type));
	emit_str(e, K("message_name"), m6_nd_type_name(nd->type));
	if (has_id(nd->type))
		emit_u(e, K("id"), nd->id);
	if (letters) {
		emit_u(e, K("flags"), nd->flags);
		emit_flag_names(e, nd->flags, letters, top);
	} else {
		emit_u(e, K("reserved"), nd->reserved);
	}
	if (has_target(nd->type))
		emit_addr6(e, K("target"), &nd->target);
	if (nd->type == M6_ICMP6_RA) {
		emit_u(e, K("cur_hlim"), nd->cur_hlim);
		emit_u(e, K("router_lifetime"), nd->router_lifetime);
		emit_u(e, K("reachable"), nd->reachable);
		emit_u(e, K("retrans"), nd->retrans);
	}
	if (nd->has_slla)
		emit_mac(e, K("slla"), nd->slla);
	if (nd->has_tlla)
		emit_mac(e, K("tlla"), nd->tlla);
	if (nd->has_mtu)
		emit_u(e, K("mtu"), nd->mtu);
	if (nd->has_advint)
		emit_u(e, K("advint"), nd->advint);
	if (nd->has_hainfo) {
		m6i_emit_key(e, K("ha_pref"));
		if (nd->ha_pref < 0)
			m6_buf_char(e->b, '-');
		m6_buf_u(e->b, (uint64_t)(nd->ha_pref < 0 ? -(int32_t)nd->ha_pref : nd->ha_pref));
		emit_u(e, K("ha_lifetime"), nd->ha_lifetime);
	}
	if (nd->type == M6_ICMP6_RA || nd->type == M6_ICMP6_MPA) {
		e->ops->arr_begin(e, "prefixes");
		for (int i = 0; i < nd->n_prefixes; i++)
			emit_prefix(e, &nd->prefixes[i]);
		e->ops->arr_end(e);
	}
	if (nd->type == M6_ICMP6_DHAAD_REP) {
		e->ops->arr_begin(e, "home_agents");
		for (int i = 0; i < nd->n_ha; i++) {
			e->ops->obj_begin(e, NULL);
			emit_addr6(e, K("addr"), &nd->ha[i]);
			e->ops->obj_end(e);
		}
		e->ops->arr_end(e);
	}
}

/* ---- the summary line ---------------------------------------------- */

static void key(struct m6_buf *b, const char *k)
{
	m6_buf_char(b, ' ');
	m6_buf_str(b, k);
	m6_buf_char(b, '=');
}

static void line_u(struct m6_buf *b, const char *k, uint64_t v)
{
	key(b, k);
	m6_buf_u(b, v);
}

static void line_mac(struct m6_buf *b, const char *k, const uint8_t mac[6])
{
	key(b, k);
	m6_buf_mac(b, mac);
}

static void line_prefix(struct m6_buf *b, const struct m6_nd_prefix *p)
{
	key(b, "prefix");
	m6_buf_addr6(b, &p->prefix);
	m6_buf_char(b, '/');
	m6_buf_u(b, p->plen);
	for (int i = 0; i < 3; i++)
		if (p->flags & (M6_PI_L >> i)) {
			m6_buf_char(b, ',');
			m6_buf_char(b, "lar"[i]);
		}
	if (p->flags & M6_PI_RESERVED) {
		m6_buf_str(b, ",res=");
		m6_buf_u(b, p->flags & M6_PI_RESERVED);
	}
	m6_buf_str(b, ",valid=");
	m6_buf_u(b, p->valid);
	m6_buf_str(b, ",pref=");
	m6_buf_u(b, p->preferred);
	/* the note of the same name, a word of its own so that a case can test it */
	if (m6_nd_prefix_host_bits(p))
		m6_buf_str(b, " prefix-host-bits");
}

void m6i_line_nd(struct m6_buf *b, const struct m6_nd *nd)
{
	unsigned top;
	const char *letters = flag_letters(nd->type, &top);

	m6_buf_str(b, m6_nd_type_word(nd->type));
	if (has_id(nd->type))
		line_u(b, "id", nd->id);
	if (has_target(nd->type)) {
		key(b, "target");
		m6_buf_addr6(b, &nd->target);
	}
	if (nd->type == M6_ICMP6_RA)
		line_u(b, "curhlim", nd->cur_hlim);
	for (int i = 0; letters && letters[i]; i++)
		if (nd->flags & (top >> i)) {
			m6_buf_char(b, ' ');
			m6_buf_char(b, letters[i]);
		}
	uint32_t reserved = letters ? nd->flags & flags_reserved(nd->type) : nd->reserved;
	if (reserved)
		line_u(b, "reserved", reserved);
	if (nd->code)
		line_u(b, "code", nd->code);
	if (nd->type == M6_ICMP6_RA) {
		line_u(b, "router_lifetime", nd->router_lifetime);
		line_u(b, "reachable", nd->reachable);
		line_u(b, "retrans", nd->retrans);
	}
	if (nd->has_slla)
		line_mac(b, "slla", nd->slla);
	if (nd->has_tlla)
		line_mac(b, "tlla", nd->tlla);
	if (nd->has_mtu)
		line_u(b, "mtu", nd->mtu);
	for (int i = 0; i < nd->n_prefixes; i++)
		line_prefix(b, &nd->prefixes[i]);
	if (nd->has_advint)
		line_u(b, "advint", nd->advint);
	if (nd->has_hainfo) {
		key(b, "hainfo");
		if (nd->ha_pref < 0)
			m6_buf_char(b, '-');
		m6_buf_u(b, (uint64_t)(nd->ha_pref < 0 ? -(int32_t)nd->ha_pref : nd->ha_pref));
		m6_buf_char(b, ',');
		m6_buf_u(b, nd->ha_lifetime);
	}
	for (int i = 0; i < nd->n_ha; i++) {
		key(b, "ha");
		m6_buf_addr6(b, &nd->ha[i]);
	}
}
