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

void m6c_binding_drop(struct m6c_node *n, uint16_t bid)
{
	struct m6c_binding *b = m6c_binding_find(n, bid);

	if (b)
		*b = n->bindings[--n->n_bindings];
}

void m6c_bindings_expire(struct m6c_node *n, int64_t now_us)
{
	for (int i = 0; i < n->n_bindings;)
		if (n->bindings[i].until_us + M6C_EXPIRY_GRACE_US <= now_us)
			n->bindings[i] = n->bindings[--n->n_bindings];
		else
			i++;
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
					     "an ICMPv6 Parameter Problem", "a Home/Care-of Test" };
	char expected[160];

	if (!p->required)
		return;
	snprintf(expected, sizeof expected, "%s%s within %d s", what[p->expect], p->should ? " (SHOULD)" : "",
		 M6C_REPLY_WINDOW_US / 1000000);
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
		if (now_us >= 0 && p->live && now_us - p->at_us <= M6C_REPLY_WINDOW_US)
			return;
		if (p->live)
			judge_missing(c, p, now_us < 0);
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
