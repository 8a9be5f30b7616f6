/* answer.c - the IUT's answers other than the BA: Binding Error, ICMPv6
 * Parameter Problem, Home/Care-of Test, Binding Refresh Request, and
 * data it should not have sent (RFC 6275 s9.2, s9.3.1, s9.4, s9.5.5). */
#include <stdio.h>
#include <string.h>

#include "check_state.h"

/* An answer to a request that wanted silence, or wanted something else. */
static bool wrong_kind(struct m6c_checker *c, const struct m6t_frame *f, const m6_addr6 *peer, const char *did)
{
	struct m6c_pending *p = m6c_pending_match(c, M6C_EXPECT_NOTHING, peer, NULL);

	if (!p)
		return false;
	m6c_finding(c, p->frame, f->info.frame, p->req_id, "a silent discard", did);
	m6c_pending_done(c, p);
	return true;
}

/* The oldest request from peer owed a Binding Error of this status. A
 * Binding Error of another status answers something else (a Home Address
 * option of a binding that ran out a moment earlier than the trace shows):
 * a request owed one and left without is judged when its window ends. */
static struct m6c_pending *be_pending(struct m6c_checker *c, const m6_addr6 *peer, uint8_t status)
{
	for (uint32_t k = 0; k < c->count; k++) {
		struct m6c_pending *p = &c->pending[(c->head + k) % M6C_PENDING];
		if (p->live && p->expect == M6C_EXPECT_BE && p->code == status && m6c_addr_eq(&p->peer, peer))
			return p;
	}
	return NULL;
}

static void binding_error(struct m6c_checker *c, const struct m6t_frame *f)
{
	const struct m6_msg *m = &f->pkt->msg;
	const m6_addr6 *peer = m6t_link_dst(f->pkt);
	struct m6c_pending *p = be_pending(c, peer, m->u.be.status);
	char did[64];

	snprintf(did, sizeof did, "sent Binding Error status %u", m->u.be.status);
	if (!p) {
		if (!m6c_binding_denied(c, f))
			wrong_kind(c, f, peer, did);
		return;
	}
	c->counts.answers++;
	if (p->code == M6_BE_UNKNOWN_BINDING && !m6c_addr_eq(&m->u.be.hoa, &p->hoa)) {
		m6c_finding(c, p->frame, f->info.frame, p->req_id, "Binding Error 1 naming the home address",
			    "named another address");
	}
	m6c_pending_done(c, p);
}

static void param_problem(struct m6c_checker *c, const struct m6t_frame *f)
{
	const struct m6_icmp6 *ic = &f->pkt->icmp6;
	const m6_addr6 *peer = m6t_link_dst(f->pkt);
	struct m6c_pending *p = m6c_pending_match(c, M6C_EXPECT_ICMP, peer, NULL);
	char did[80];

	snprintf(did, sizeof did, "sent Parameter Problem code %u pointer %u", ic->code, ic->param);
	if (!p) {
		wrong_kind(c, f, peer, did);
		return;
	}
	c->counts.answers++;
	if (ic->code != p->code || ic->param != p->pointer) {
		char e[80];
		snprintf(e, sizeof e, "Parameter Problem code %u pointer %u", p->code, p->pointer);
		m6c_finding(c, p->frame, f->info.frame, p->req_id, e, did);
	}
	m6c_pending_done(c, p);
}

/* HoT and CoT: the cookie back, to the source (RFC 6275 s9.4.1, s9.4.2);
 * their keygen tokens are kept to check Authenticators with. */
static void test_message(struct m6c_checker *c, const struct m6t_frame *f)
{
	const struct m6_msg *m = &f->pkt->msg;
	const m6_addr6 *peer = m6t_link_dst(f->pkt);
	bool home = m->type == M6_MH_HOT;
	struct m6c_node *n = m6c_node_get(c, &f->pkt->ip[f->pkt->n_ip - 1].dst);

	if (n) {
		struct m6c_token *t = home ? n->home_tokens : n->careof_tokens, *slot = &t[0];
		for (int i = 0; i < M6C_MAX_TOKENS; i++)
			if (!t[i].used || t[i].index == m->u.test.nonce_index || t[i].at_us < slot->at_us) {
				slot = &t[i];
				if (!t[i].used || t[i].index == m->u.test.nonce_index)
					break;
			}
		if (!slot->used || slot->index != m->u.test.nonce_index)
			slot->at_us = m6c_time_us(f);
		slot->used = true;
		slot->index = m->u.test.nonce_index;
		memcpy(slot->token, m->u.test.token, M6_TOKEN_LEN);
	}
	struct m6c_pending *p = m6c_pending_match(c, M6C_EXPECT_TEST, peer, NULL);
	if (!p) {
		wrong_kind(c, f, peer, home ? "sent a Home Test" : "sent a Care-of Test");
		return;
	}
	c->counts.answers++;
	if (memcmp(p->cookie, m->u.test.cookie, M6_COOKIE_LEN))
		m6c_finding(c, p->frame, f->info.frame, home ? "MIP6-9.4.1-2" : "MIP6-9.4.2-2",
			    "the init cookie copied", "sent another");
	m6c_pending_done(c, p);
}

void m6c_answer_other(struct m6c_checker *c, const struct m6t_frame *f)
{
	const struct m6_pkt *pkt = f->pkt;

	if (pkt->has_mh) {
		switch (pkt->msg.type) {
		case M6_MH_BE: binding_error(c, f); break;
		case M6_MH_HOT:
		case M6_MH_COT: test_message(c, f); break;
		case M6_MH_BRR: m6c_refresh_request(c, f); break;
		}
		return;
	}
	if (pkt->has_nd) {
		m6c_home_link_out(c, f);
		return;
	}
	if (pkt->has_icmp6 && pkt->icmp6.type == M6_ICMP6_PARAM_PROBLEM) {
		param_problem(c, f);
		return;
	}
	if (pkt->has_data) {
		/* an answer to a packet whose Home Address option has no binding */
		struct m6c_pending *p = m6c_pending_match(c, M6C_EXPECT_BE, m6t_link_dst(pkt), NULL);
		if (p && p->code == M6_BE_UNKNOWN_BINDING)
			m6c_finding(c, p->frame, f->info.frame, "MIP6-9.3.1-1",
				    "the packet discarded: its Home Address option has no binding", "answered it");
		else if (c->o.role == M6_ROLE_CN)
			m6c_cn_data(c, f);
	}
}

/* RFC 6275 s9.3.2: a correspondent node sends a packet for a home address
 * it holds a binding for through a type 2 routing header to the care-of
 * address, and, without one, straight to the home address. Not judged
 * while a BU for it waits for its BA, nor near a binding's expiry. */
void m6c_cn_data(struct m6c_checker *c, const struct m6t_frame *f)
{
	const struct m6_pkt *pkt = f->pkt;
	const m6_addr6 *rh2 = m6c_pkt_rh2(pkt);
	const m6_addr6 *dst = &pkt->ip[0].dst;
	m6_addr6 hoa = rh2 ? *rh2 : *dst;
	int64_t now = m6c_time_us(f);
	char h[INET6_ADDRSTRLEN], a[INET6_ADDRSTRLEN], e[160], did[120];
	bool unknown;

	if (pkt->n_ip != 1)
		return;
	struct m6c_node *n = m6c_followed(c, &hoa, now, &unknown);
	if (unknown || (n && !m6c_bindings_sure(n, now)) || m6c_pending_match(c, M6C_EXPECT_BA, NULL, &hoa))
		return;
	c->counts.answers++;
	m6c_addr_text(&hoa, h);
	if (n && n->n_bindings) {
		for (int i = 0; rh2 && i < n->n_bindings; i++)
			if (m6c_addr_eq(&n->bindings[i].coa, dst))
				return;
		snprintf(e, sizeof e, "a packet for %s through a type 2 routing header to its care-of address", h);
		snprintf(did, sizeof did, "sent it to %s%s", m6c_addr_text(dst, a), rh2 ? "" : " without one");
		m6c_finding(c, f->info.frame, 0, "MIP6-9.3.2-1", e, did);
	} else if (rh2) {
		snprintf(e, sizeof e, "a packet for %s straight to it: no binding holds it", h);
		snprintf(did, sizeof did, "sent it through a type 2 routing header to %s", m6c_addr_text(dst, a));
		m6c_finding(c, f->info.frame, 0, "MIP6-9.3.2-2", e, did);
	}
}
