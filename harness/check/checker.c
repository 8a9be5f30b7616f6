/* checker.c - feeding frames to the rules (check.h): what the mobile node
 * side sends the IUT is a request, what the IUT sends an answer. */
#include <stdlib.h>
#include <string.h>

#include "check_state.h"

struct m6c_checker *m6c_new(const struct m6c_options *o, FILE *out)
{
	struct m6c_checker *c = calloc(1, sizeof *c);

	if (!c)
		return NULL;
	c->o = *o;
	c->out = out;
	return c;
}

void m6c_free(struct m6c_checker *c)
{
	if (c)
		free(c->nodes);
	free(c);
}

static void add_mac(struct m6c_checker *c, const uint8_t *mac)
{
	for (int i = 0; i < c->n_macs; i++)
		if (!memcmp(c->iut_mac[i], mac, 6))
			return;
	if (c->n_macs < M6C_IUT_MACS)
		memcpy(c->iut_mac[c->n_macs++], mac, 6);
}

/* The IUT's MAC address of the link the frame is on, when it sends from
 * its own address or a frame goes to it: a home agent's DAD probe (from
 * the unspecified address) comes before anything it sends from its own. */
static void learn_mac(struct m6c_checker *c, const struct m6_pkt *pkt)
{
	if (pkt->link != M6_LINK_ETHERNET)
		return;
	if (m6c_addr_eq(&pkt->ip[0].src, &c->o.iut))
		add_mac(c, pkt->eth_src);
	else if (m6c_addr_eq(&pkt->ip[0].dst, &c->o.iut) && !(pkt->eth_dst[0] & 1))
		add_mac(c, pkt->eth_dst);
}

/* A frame neither from nor to the IUT's address: at a home agent, what it
 * forwards and proxies, and what it is given to. */
static void home_agent_side(struct m6c_checker *c, const struct m6t_frame *f)
{
	if (c->o.role != M6_ROLE_HA)
		return;
	if (!m6c_from_iut(c, f->pkt)) {
		m6c_home_link_in(c, f);
		m6c_forward_in(c, f);
	} else if (f->pkt->has_nd) {
		m6c_home_link_out(c, f);
	} else {
		m6c_forward_out(c, f);
	}
}

int m6c_frame(struct m6c_checker *c, const struct m6t_frame *f, int file_index)
{
	const struct m6_pkt *pkt = f->pkt;
	int64_t now = m6c_time_us(f);

	c->file = file_index;
	c->counts.frames++;
	m6c_pending_expire(c, now);
	c->now_us = now;
	if (!pkt->n_ip)
		return 0;
	learn_mac(c, pkt);
	m6c_checksums(c, f);
	/* the innermost header: a tunnelled packet's own ends (a home agent
	 * forwarding a correspondent's Home Test is no answer of its own) */
	const struct m6_ip6 *ip = &pkt->ip[pkt->n_ip - 1];
	if (m6c_addr_eq(&ip->src, &c->o.iut)) {
		if (pkt->has_mh && pkt->msg.type == M6_MH_BA)
			m6c_answer_ba(c, f);
		else
			m6c_answer_other(c, f);
	} else if (m6c_addr_eq(&ip->dst, &c->o.iut)) {
		if (pkt->has_mh)
			m6c_request(c, f);
		else if (pkt->has_data)
			m6c_mn_data(c, f);
	} else {
		home_agent_side(c, f);
	}
	return c->out_of_memory ? -1 : 0;
}

void m6c_capture_end(struct m6c_checker *c)
{
	m6c_pending_expire(c, -1);
	for (size_t i = 0; i < c->cap; i++)
		for (int k = 0; c->nodes[i].used && k < c->nodes[i].n_bindings; k++)
			m6c_refresh_missing(c, &c->nodes[i].bindings[k], c->now_us);
}

const struct m6c_counts *m6c_counts(const struct m6c_checker *c)
{
	return &c->counts;
}

const struct m6c_policy_seen *m6c_policy_seen(const struct m6c_checker *c)
{
	return &c->seen;
}
