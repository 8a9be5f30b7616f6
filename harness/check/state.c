/* state.c - the checker's tables: nodes by address (open addressing,
 * grown by doubling), bindings, and the ring of pending requests. */
#include <arpa/inet.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_state.h"

bool m6c_addr_eq(const m6_addr6 *a, const m6_addr6 *b)
{
	return !memcmp(a, b, sizeof *a);
}

const char *m6c_addr_text(const m6_addr6 *a, char *buf)
{
	return inet_ntop(AF_INET6, a, buf, INET6_ADDRSTRLEN);
}

int64_t m6c_time_us(const struct m6t_frame *f)
{
	return f->info.ts_sec * 1000000 + f->info.ts_usec;
}

static size_t addr_hash(const m6_addr6 *a)
{
	uint64_t hi, lo;

	memcpy(&hi, a->a, 8);
	memcpy(&lo, a->a + 8, 8);
	/* a 64-bit finalizer (MurmurHash3's fmix64): addresses of a prefix
	 * differ only in their last octets, which must reach the low bits */
	uint64_t h = hi ^ (lo * 0x9e3779b97f4a7c15ull);
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdull;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ull;
	h ^= h >> 33;
	return (size_t)h;
}

static struct m6c_node *slot_of(struct m6c_node *nodes, size_t cap, const m6_addr6 *a)
{
	for (size_t i = addr_hash(a) & (cap - 1);; i = (i + 1) & (cap - 1))
		if (!nodes[i].used || m6c_addr_eq(&nodes[i].addr, a))
			return &nodes[i];
}

struct m6c_node *m6c_node_find(const struct m6c_checker *c, const m6_addr6 *a)
{
	if (!c->cap)
		return NULL;
	struct m6c_node *n = slot_of(c->nodes, c->cap, a);
	return n->used ? n : NULL;
}

/* Doubles the table (kept at most half full). */
static int grow(struct m6c_checker *c)
{
	size_t cap = c->cap ? c->cap * 2 : 256;
	struct m6c_node *nodes = calloc(cap, sizeof *nodes);

	if (!nodes)
		return -1;
	for (size_t i = 0; i < c->cap; i++)
		if (c->nodes[i].used)
			*slot_of(nodes, cap, &c->nodes[i].addr) = c->nodes[i];
	free(c->nodes);
	c->nodes = nodes;
	c->cap = cap;
	return 0;
}

struct m6c_node *m6c_node_get(struct m6c_checker *c, const m6_addr6 *a)
{
	struct m6c_node *n = m6c_node_find(c, a);

	if (n)
		return n;
	if ((c->used + 1) * 2 > c->cap && grow(c)) {
		c->out_of_memory = true;
		return NULL;
	}
	n = slot_of(c->nodes, c->cap, a);
	memset(n, 0, sizeof *n);
	n->used = true;
	n->addr = *a;
	c->used++;
	return n;
}

struct m6c_binding *m6c_binding_find(struct m6c_node *n, uint16_t bid)
{
	for (int i = 0; i < n->n_bindings; i++)
		if (n->bindings[i].bid == bid)
			return &n->bindings[i];
	return NULL;
}

void m6c_binding_drop(struct m6c_checker *c, struct m6c_node *n, uint16_t bid)
{
	struct m6c_binding *b = m6c_binding_find(n, bid);

	if (!b)
		return;
	m6c_refresh_missing(c, b, c->now_us);
	*b = n->bindings[--n->n_bindings];
}

void m6c_bindings_expire(struct m6c_checker *c, struct m6c_node *n, int64_t now_us)
{
	for (int i = 0; i < n->n_bindings;)
		if (n->bindings[i].until_us + M6C_EXPIRY_GRACE_US <= now_us) {
			m6c_refresh_missing(c, &n->bindings[i], now_us);
			n->bindings[i] = n->bindings[--n->n_bindings];
			n->unbound_at_us = now_us;
		} else {
			i++;
		}
}

bool m6c_bindings_sure(const struct m6c_node *n, int64_t now_us)
{
	for (int i = 0; i < n->n_bindings; i++)
		if (now_us >= n->bindings[i].sure_until_us)
			return false;
	return true;
}

/* A BU waiting for its BA that asks to bind coa (any care-of address
 * when coa is NULL) to hoa. */
static bool pending_binds(const struct m6c_checker *c, const m6_addr6 *hoa, const m6_addr6 *coa)
{
	for (uint32_t k = 0; k < c->count; k++) {
		const struct m6c_pending *p = &c->pending[(c->head + k) % M6C_PENDING];
		if (!p->live || p->expect != M6C_EXPECT_BA || p->dereg || !m6c_addr_eq(&p->hoa, hoa))
			continue;
		if (!coa || m6c_addr_eq(&p->coa, coa))
			return true;
		for (int i = 0; i < p->n_bids; i++)
			if (p->bids[i].has_coa && m6c_addr_eq(&p->bids[i].coa, coa))
				return true;
	}
	return false;
}

struct m6c_node *m6c_followed(struct m6c_checker *c, const m6_addr6 *hoa, int64_t now_us, bool *unknown)
{
	struct m6c_node *n = m6c_node_find(c, hoa);

	*unknown = false;
	if (!n || !n->seen_bu) {
		*unknown = !c->o.from_start;
		return NULL;
	}
	if (n->unsure) {
		*unknown = true;
		return NULL;
	}
	m6c_bindings_expire(c, n, now_us);
	return n;
}

enum m6c_bound m6c_coa_bound(struct m6c_checker *c, const m6_addr6 *hoa, const m6_addr6 *coa, int64_t now_us)
{
	bool unknown;
	struct m6c_node *n = m6c_followed(c, hoa, now_us, &unknown);

	if (unknown)
		return M6C_BOUND_UNKNOWN;
	for (int i = 0; n && i < n->n_bindings; i++)
		if (m6c_addr_eq(&n->bindings[i].coa, coa))
			return M6C_BOUND;
	return pending_binds(c, hoa, coa) ? M6C_BOUND : M6C_UNBOUND;
}

enum m6c_bound m6c_hoa_bound(struct m6c_checker *c, const m6_addr6 *hoa, int64_t now_us)
{
	bool unknown;
	struct m6c_node *n = m6c_followed(c, hoa, now_us, &unknown);

	if (unknown)
		return M6C_BOUND_UNKNOWN;
	return (n && n->n_bindings) || pending_binds(c, hoa, NULL) ? M6C_BOUND : M6C_UNBOUND;
}

bool m6c_from_iut(const struct m6c_checker *c, const struct m6_pkt *pkt)
{
	if (m6c_addr_eq(&pkt->ip[0].src, &c->o.iut))
		return true;
	for (int i = 0; pkt->link == M6_LINK_ETHERNET && i < c->n_macs; i++)
		if (!memcmp(pkt->eth_src, c->iut_mac[i], 6))
			return true;
	return false;
}

m6_addr6 m6c_pkt_hoa(const struct m6_pkt *pkt)
{
	const struct m6_ip6 *ip = &pkt->ip[pkt->n_ip - 1];

	for (int i = 0; i < ip->n_ext; i++)
		if (ip->ext[i].has_hao)
			return ip->ext[i].hao;
	return ip->src;
}

const m6_addr6 *m6c_pkt_rh2(const struct m6_pkt *pkt)
{
	const struct m6_ip6 *ip = &pkt->ip[pkt->n_ip - 1];

	for (int i = 0; i < ip->n_ext; i++)
		if (ip->ext[i].proto == M6_IPPROTO_ROUTING && ip->ext[i].rh_type == 2)
			return &ip->ext[i].rh_addr;
	return NULL;
}

/* ---- pending requests ---- */

static void judge_missing(struct m6c_checker *c, struct m6c_pending *p, bool capture_ended)
{
	static const char *const what[] = { "", "a Binding Acknowledgement", "a Binding Error",
					     "an ICMPv6 Parameter Problem", "a Home/Care-of Test",
					     "a Neighbor Advertisement", "a DHAAD Reply" };
	char expected[160];

	if (!p->required)
		return;
	snprintf(expected, sizeof expected, "%s%s within %g s", what[p->expect], p->should ? " (SHOULD)" : "",
		 p->window_us / 1e6);
	if (capture_ended) {
		char why[256];
		snprintf(why, sizeof why, "the capture ends before the reply window of %s", expected);
		m6c_cannot(c, p->frame, why);
		return;
	}
	m6c_finding(c, p->frame, 0, p->req_id, expected, "no answer");
}

struct m6c_pending *m6c_pending_add(struct m6c_checker *c)
{
	if (c->count == M6C_PENDING) {
		struct m6c_pending *old = &c->pending[c->head];
		if (old->live)
			judge_missing(c, old, false);
		old->live = false;
		c->head = (c->head + 1) % M6C_PENDING;
		c->count--;
	}
	struct m6c_pending *p = &c->pending[(c->head + c->count++) % M6C_PENDING];
	memset(p, 0, offsetof(struct m6c_pending, bids));
	p->live = true;
	p->file = c->file;
	p->window_us = M6C_REPLY_WINDOW_US;
	return p;
}

struct m6c_pending *m6c_pending_for(struct m6c_checker *c, const struct m6t_frame *f, uint8_t kind, bool required,
				    const char *req_id)
{
	struct m6c_pending *p = m6c_pending_add(c);
	const struct m6_pkt *pkt = f->pkt;

	p->expect = kind;
	p->required = required;
	p->req_id = req_id;
	p->frame = f->info.frame;
	p->at_us = m6c_time_us(f);
	p->peer = *m6t_link_src(pkt);
	p->hoa = m6c_pkt_hoa(pkt);
	p->mh_type = pkt->has_mh ? pkt->msg.type : 0xff;
	return p;
}

void m6c_pending_done(struct m6c_checker *c, struct m6c_pending *p)
{
	p->live = false;
	while (c->count && !c->pending[c->head].live) {
		c->head = (c->head + 1) % M6C_PENDING;
		c->count--;
	}
}

void m6c_pending_expire(struct m6c_checker *c, int64_t now_us)
{
	while (c->count) {
		struct m6c_pending *p = &c->pending[c->head];
		/* oldest first: a shorter window behind the head waits for it */
		if (now_us >= 0 && p->live && now_us - p->at_us <= p->window_us)
			return;
		if (p->live)
			judge_missing(c, p, now_us < 0 && c->now_us - p->at_us <= p->window_us);
		p->live = false;
		c->head = (c->head + 1) % M6C_PENDING;
		c->count--;
	}
}

struct m6c_pending *m6c_pending_match(struct m6c_checker *c, uint8_t expect, const m6_addr6 *peer,
				      const m6_addr6 *hoa)
{
	for (uint32_t k = 0; k < c->count; k++) {
		struct m6c_pending *p = &c->pending[(c->head + k) % M6C_PENDING];
		if (p->live && p->expect == expect && (!peer || m6c_addr_eq(&p->peer, peer)) &&
		    (!hoa || m6c_addr_eq(&p->hoa, hoa)))
			return p;
	}
	return NULL;
}
