/* home_link.c - what a home agent answers on its home link (RFC 6275
 * s10.4.1, s10.5): a Neighbor Solicitation for a home address it holds a
 * home registration for, away from home, with a proxy Neighbor
 * Advertisement carrying its own link-layer address, and no other home
 * address; a DHAAD Request to the Home-Agents anycast address of its
 * prefix with a Reply of the same Identifier listing its own address.
 * Link-local addresses (proxied with the L flag) are not followed. */
#include <stdio.h>
#include <string.h>

#include "check_state.h"

/* In the IUT's /64, its home prefix. */
static bool on_home_prefix(const struct m6c_checker *c, const m6_addr6 *a)
{
	return !memcmp(a->a, c->o.iut.a, 8);
}

static bool is_iut_mac(const struct m6c_checker *c, const uint8_t *mac)
{
	for (int i = 0; i < c->n_macs; i++)
		if (!memcmp(mac, c->iut_mac[i], 6))
			return true;
	return false;
}

/* A frame the IUT hears: to its MAC address or a multicast one (or the
 * capture has no link layer to tell). */
static bool heard_by_iut(const struct m6c_checker *c, const struct m6_pkt *pkt)
{
	return pkt->link != M6_LINK_ETHERNET || !c->n_macs || (pkt->eth_dst[0] & 1) || is_iut_mac(c, pkt->eth_dst);
}

/* Away from home: bound to a care-of address, none at home (a BID with
 * the H flag at home: the mobile node defends its address itself). */
static bool away(const struct m6c_node *n)
{
	bool out = false;

	for (int i = 0; i < n->n_bindings; i++) {
		if (m6c_addr_eq(&n->bindings[i].coa, &n->addr))
			return false;
		out = true;
	}
	return out;
}

static void neighbor_solicitation(struct m6c_checker *c, const struct m6t_frame *f)
{
	const struct m6_pkt *pkt = f->pkt;
	const m6_addr6 *target = &pkt->nd.target;
	struct m6_diags d = { 0 };
	int64_t now = m6c_time_us(f);

	if (pkt->n_ip != 1 || !m6_pkt_valid(pkt) || m6_nd_validate(&pkt->nd, &pkt->ip[0], &d) > 0 ||
	    m6_addr_link_local(target) || !heard_by_iut(c, pkt) ||
	    (pkt->ip[0].dst.a[0] != 0xff && !m6c_addr_eq(&pkt->ip[0].dst, target)))
		return;
	struct m6c_node *n = m6c_node_find(c, target);
	if (!n || !n->seen_bu || n->unsure)
		return;
	m6c_bindings_expire(c, n, now);
	if (!m6c_bindings_sure(n, now) || !away(n))
		return;
	struct m6c_pending *p = m6c_pending_for(c, f, M6C_EXPECT_NA, true, "MIP6-10.4.1-1");
	p->hoa = *target;
	p->window_us = M6C_ND_WINDOW_US;
}

/* An unsolicited NA (S clear) the IUT sent while the address was bound
 * may come a little after the binding went, as any late answer. */
static bool late_unsolicited(const struct m6c_checker *c, const struct m6t_frame *f)
{
	const struct m6c_node *n = m6c_node_find(c, &f->pkt->nd.target);

	return !(f->pkt->nd.flags & M6_NA_S) && n && n->seen_bu && n->unbound_at_us &&
	       m6c_time_us(f) - n->unbound_at_us <= M6C_ND_WINDOW_US;
}

static void neighbor_advert(struct m6c_checker *c, const struct m6t_frame *f)
{
	const struct m6_nd *nd = &f->pkt->nd;
	const m6_addr6 *target = &nd->target;
	char t[INET6_ADDRSTRLEN], e[160];

	if (m6c_addr_eq(target, &c->o.iut) || m6_addr_link_local(target) || !on_home_prefix(c, target))
		return;
	struct m6c_pending *p = m6c_pending_match(c, M6C_EXPECT_NA, NULL, target);
	uint64_t frame = p ? p->frame : f->info.frame, answer = p ? f->info.frame : 0;
	if (p) {
		c->counts.answers++;
		m6c_pending_done(c, p);
	}
	if (nd->has_tlla && c->n_macs && !is_iut_mac(c, nd->tlla)) {
		char did[64];
		snprintf(did, sizeof did, "gave %02x:%02x:%02x:%02x:%02x:%02x", nd->tlla[0], nd->tlla[1], nd->tlla[2],
			 nd->tlla[3], nd->tlla[4], nd->tlla[5]);
		m6c_finding(c, frame, answer, "MIP6-10.4.1-1",
			    "the home agent's own link-layer address as Target Link-Layer Address", did);
	}
	if (m6c_hoa_bound(c, target, m6c_time_us(f)) == M6C_UNBOUND && !late_unsolicited(c, f)) {
		snprintf(e, sizeof e, "no Neighbor Advertisement for %s: no home registration holds it",
			 m6c_addr_text(target, t));
		m6c_finding(c, frame, answer, "MIP6-10.4.1-4", e, "advertised it (never bound, deregistered or expired)");
	}
}

/* The Home-Agents anycast address of the IUT's /64 (RFC 2526: interface
 * identifier fdff:ffff:ffff:fffe). */
static bool ha_anycast(const struct m6c_checker *c, const m6_addr6 *a)
{
	static const uint8_t iid[8] = { 0xfd, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xfe };
	return on_home_prefix(c, a) && !memcmp(a->a + 8, iid, 8);
}

static void dhaad_reply(struct m6c_checker *c, const struct m6t_frame *f)
{
	const struct m6_nd *nd = &f->pkt->nd;
	struct m6c_pending *p = m6c_pending_match(c, M6C_EXPECT_DHAAD, m6t_link_dst(f->pkt), NULL);
	char a[INET6_ADDRSTRLEN], e[120], did[64];
	bool listed = false;

	if (!p)
		return;
	c->counts.answers++;
	if (nd->id != p->seq) {
		snprintf(e, sizeof e, "a Reply with the Request's Identifier %u", p->seq);
		snprintf(did, sizeof did, "answered with %u", nd->id);
		m6c_finding(c, p->frame, f->info.frame, "MIP6-10.5-1", e, did);
	}
	for (int i = 0; i < nd->n_ha && i < M6_DHAAD_MAX_HA; i++)
		listed |= m6c_addr_eq(&nd->ha[i], &c->o.iut);
	if (!listed) {
		snprintf(e, sizeof e, "a Reply listing the home agent's own address %s", m6c_addr_text(&c->o.iut, a));
		snprintf(did, sizeof did, "listed %u other address%s", nd->n_ha, nd->n_ha == 1 ? "" : "es");
		m6c_finding(c, p->frame, f->info.frame, "MIP6-10.5-1", e, did);
	}
	m6c_pending_done(c, p);
}

void m6c_home_link_in(struct m6c_checker *c, const struct m6t_frame *f)
{
	const struct m6_pkt *pkt = f->pkt;

	if (!pkt->has_nd)
		return;
	if (pkt->nd.type == M6_ICMP6_NS) {
		neighbor_solicitation(c, f);
	} else if (pkt->nd.type == M6_ICMP6_DHAAD_REQ && pkt->n_ip == 1 && ha_anycast(c, &pkt->ip[0].dst)) {
		struct m6c_pending *p = m6c_pending_for(c, f, M6C_EXPECT_DHAAD, true, "MIP6-10.5-1");
		p->seq = pkt->nd.id;
		p->window_us = M6C_ND_WINDOW_US;
	}
}

void m6c_home_link_out(struct m6c_checker *c, const struct m6t_frame *f)
{
	const struct m6_pkt *pkt = f->pkt;

	if (c->o.role != M6_ROLE_HA || !pkt->has_nd)
		return;
	if (pkt->nd.type == M6_ICMP6_NA)
		neighbor_advert(c, f);
	else if (pkt->nd.type == M6_ICMP6_DHAAD_REP)
		dhaad_reply(c, f);
}
