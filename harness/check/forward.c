/* forward.c - the home agent's data plane where the capture shows it
 * (RFC 6275 s10.4.2, s10.4.5; RFC 5648 s6.5): a packet the IUT tunnels
 * goes from its own address to a care-of address bound to the inner
 * destination; what it forwards has its hop limit one less than when it
 * came; a reverse tunnelled packet whose outer source is not bound to its
 * inner source is dropped, not forwarded. The IUT's copy of a packet is
 * the frame it sends (from its MAC address) whose inner packet has the
 * same decoded fields, hop limit aside. */
#include <stdio.h>
#include <string.h>

#include "check_state.h"

/* FNV-1a over n octets. */
static uint64_t mix(uint64_t h, const void *p, size_t n)
{
	const uint8_t *b = p;

	for (size_t i = 0; i < n; i++)
		h = (h ^ b[i]) * 0x100000001b3ull;
	return h;
}

#define MIX(h, field) mix(h, &(field), sizeof(field))

/* What tells a packet from others whichever header carries it: the
 * innermost IPv6 header but its hop limit, and the decoded upper layer. */
static uint64_t packet_key(const struct m6_pkt *pkt)
{
	const struct m6_ip6 *ip = &pkt->ip[pkt->n_ip - 1];
	uint64_t h = 0xcbf29ce484222325ull;

	h = MIX(h, ip->src);
	h = MIX(h, ip->dst);
	h = MIX(h, ip->plen);
	h = MIX(h, ip->flow);
	if (pkt->has_data) {
		const struct m6_data *d = &pkt->data;
		h = MIX(h, d->proto);
		h = MIX(h, d->type);
		h = MIX(h, d->id);
		h = MIX(h, d->seq);
		h = MIX(h, d->sport);
		h = MIX(h, d->dport);
		h = MIX(h, d->tag);
		h = mix(h, d->bytes, d->len < sizeof d->bytes ? d->len : sizeof d->bytes);
	} else if (pkt->has_mh) {
		h = MIX(h, pkt->msg.type);
		if (pkt->msg.type == M6_MH_HOTI || pkt->msg.type == M6_MH_COTI)
			h = MIX(h, pkt->msg.u.ti.cookie);
		else if (pkt->msg.type == M6_MH_HOT || pkt->msg.type == M6_MH_COT)
			h = MIX(h, pkt->msg.u.test);
	} else if (pkt->has_icmp6) {
		h = MIX(h, pkt->icmp6.type);
		h = MIX(h, pkt->icmp6.code);
		h = MIX(h, pkt->icmp6.param);
	}
	return h;
}

/* Sent to the IUT's MAC address (a packet it intercepts or routes). */
static bool to_iut_mac(const struct m6c_checker *c, const struct m6_pkt *pkt)
{
	for (int i = 0; pkt->link == M6_LINK_ETHERNET && i < c->n_macs; i++)
		if (!memcmp(pkt->eth_dst, c->iut_mac[i], 6))
			return true;
	return false;
}

static void remember(struct m6c_checker *c, const struct m6t_frame *f, bool allowed, bool reverse,
		     const char *req_id)
{
	struct m6c_forward *w = &c->forwards[c->forward_next++ % M6C_FORWARDS];
	const struct m6_ip6 *inner = &f->pkt->ip[f->pkt->n_ip - 1];
	bool unknown;

	*w = (struct m6c_forward){ .live = true, .allowed = allowed, .reverse = reverse, .hlim = inner->hlim,
				   .file = c->file, .frame = f->info.frame, .at_us = m6c_time_us(f),
				   .key = packet_key(f->pkt), .req_id = req_id };
	const struct m6c_node *n = m6c_followed(c, &inner->dst, w->at_us, &unknown);
	for (int i = 0; n && i < n->n_bindings && w->n_coas < sizeof w->coas / sizeof w->coas[0]; i++)
		w->coas[w->n_coas++] = n->bindings[i].coa;
}

void m6c_forward_in(struct m6c_checker *c, const struct m6t_frame *f)
{
	const struct m6_pkt *pkt = f->pkt;
	const struct m6_ip6 *outer = &pkt->ip[0], *inner = &pkt->ip[pkt->n_ip - 1];

	if (pkt->n_ip > 1) {
		if (!m6c_addr_eq(&outer->dst, &c->o.iut))
			return; /* a tunnel between other nodes */
		enum m6c_bound b = m6c_coa_bound(c, &inner->src, &outer->src, m6c_time_us(f));
		if (b != M6C_BOUND_UNKNOWN)
			remember(c, f, b == M6C_BOUND, true, b == M6C_BOUND ? "MIP6-10.4.5-1" : "MIP6-10.4.5-2");
		return;
	}
	if (!pkt->has_nd && !m6_addr_link_local(&inner->dst) && !m6_addr_multicast(&inner->dst) && to_iut_mac(c, pkt))
		remember(c, f, inner->hlim > 1, false, "MIP6-10.4.2-2");
}

/* The packet the IUT was given that this frame is a copy of, or NULL. */
static struct m6c_forward *original_of(struct m6c_checker *c, const struct m6t_frame *f)
{
	uint64_t key = packet_key(f->pkt);
	int64_t now = m6c_time_us(f);
	struct m6c_forward *best = NULL;

	for (int i = 0; i < M6C_FORWARDS; i++) {
		struct m6c_forward *w = &c->forwards[i];
		if (w->live && w->key == key && w->file == c->file && now - w->at_us <= M6C_REPLY_WINDOW_US &&
		    (!best || w->at_us < best->at_us))
			best = w;
	}
	return best;
}

static bool bound_when_taken(const struct m6c_forward *w, const m6_addr6 *coa)
{
	for (int i = 0; w && i < w->n_coas; i++)
		if (m6c_addr_eq(&w->coas[i], coa))
			return true;
	return false;
}

/* One tunnel header from the IUT, around the header `inside`: from its
 * own address, to a care-of address bound to inside's destination (never
 * one deregistered, replaced or expired before the IUT took the packet, w
 * when it is in the trace and this is the innermost tunnel). */
static void judge_tunnel_level(struct m6c_checker *c, const struct m6t_frame *f, const struct m6_ip6 *outer,
			       const struct m6_ip6 *inside, const struct m6c_forward *w)
{
	char a[INET6_ADDRSTRLEN], h[INET6_ADDRSTRLEN], e[160], did[100];

	if (!m6c_addr_eq(&outer->src, &c->o.iut)) {
		snprintf(e, sizeof e, "a tunnel from the home agent's own address %s", m6c_addr_text(&c->o.iut, a));
		snprintf(did, sizeof did, "tunnelled from %s", m6c_addr_text(&outer->src, a));
		m6c_finding(c, f->info.frame, 0, "MIP6-10.4.2-1", e, did);
	}
	enum m6c_bound b = m6c_coa_bound(c, &inside->dst, &outer->dst, m6c_time_us(f));
	if (b == M6C_BOUND_UNKNOWN) {
		m6c_cannot(c, f->info.frame, "a tunnel to a home address whose registration is not in the capture");
	} else if (b == M6C_UNBOUND && !bound_when_taken(w, &outer->dst)) {
		snprintf(e, sizeof e, "a tunnel only to a care-of address bound to %s", m6c_addr_text(&inside->dst, h));
		snprintf(did, sizeof did, "tunnelled to %s (never bound, deregistered or expired)",
			 m6c_addr_text(&outer->dst, a));
		m6c_finding(c, f->info.frame, 0, "MIP6-10.4.2-3", e, did);
	}
}

/* Every level of a tunnel from the IUT: nested when a care-of address is
 * itself a bound home address (seed 003 s6.3.1), each header then goes to
 * a care-of address of the destination of the header inside it. */
static void judge_tunnel(struct m6c_checker *c, const struct m6t_frame *f, const struct m6c_forward *w)
{
	const struct m6_pkt *pkt = f->pkt;

	for (int k = 0; k + 1 < pkt->n_ip; k++)
		judge_tunnel_level(c, f, &pkt->ip[k], &pkt->ip[k + 1], k + 2 == pkt->n_ip ? w : NULL);
}

void m6c_forward_out(struct m6c_checker *c, const struct m6t_frame *f)
{
	const struct m6_pkt *pkt = f->pkt;
	uint8_t hlim = pkt->ip[pkt->n_ip - 1].hlim;

	struct m6c_forward *w = original_of(c, f);
	if (pkt->n_ip > 1 || w)
		c->counts.answers++;
	if (pkt->n_ip > 1)
		judge_tunnel(c, f, w);
	if (!w)
		return;
	w->live = false;
	if (!w->allowed) {
		m6c_finding(c, w->frame, f->info.frame, w->req_id,
			    w->reverse ? "the reverse tunnelled packet dropped: its outer source is not bound to its inner source"
				       : "the packet dropped: its hop limit ran out",
			    "forwarded it");
	} else if (hlim != w->hlim - 1) {
		char e[64], did[64];
		snprintf(e, sizeof e, "the packet forwarded with hop limit %u (one less)", w->hlim - 1);
		snprintf(did, sizeof did, "forwarded it with hop limit %u", hlim);
		m6c_finding(c, w->frame, f->info.frame, w->req_id, e, did);
	}
}
