/* request.c - what each packet a mobile node sends the IUT is owed:
 * the receiver's action the codec names for an invalid message
 * (m6_pkt_decode's and m6_validate's diagnostics: silent discard, ICMPv6
 * Parameter Problem with pointer, Binding Error, BA status), else the
 * answer of its type (RFC 6275 s9.2, s9.4, s9.5; RFC 5648 s6). */
#include <string.h>

#include "check_state.h"
#include "reason_req.h"

/* The requirement a receiver's action comes from (a reason without a row
 * of its own: MIP6-9.2-1). */
static const char *reason_req(uint8_t reason)
{
	const char *id = m6c_reason_req(reason);
	return id ? id : "MIP6-9.2-1";
}

/* The action that wins when a packet has several problems: a discarded
 * packet is not looked at further, then the ICMPv6 error, then the rest. */
static const struct m6_diag *receiver_action(const struct m6_diags *d)
{
	static const uint8_t order[] = { M6_ACT_DISCARD, M6_ACT_ICMP_PARAM, M6_ACT_BE, M6_ACT_BA };

	for (size_t k = 0; k < sizeof order; k++)
		for (int i = 0; i < d->n; i++)
			if (d->d[i].severity == M6_SEV_ERROR && d->d[i].action == order[k])
				return &d->d[i];
	return NULL;
}

static const struct m6c_token *token_of(const struct m6c_node *n, bool home, uint16_t index)
{
	const struct m6c_token *t = home ? n->home_tokens : n->careof_tokens;

	for (int i = 0; n && i < M6C_MAX_TOKENS; i++)
		if (t[i].used && t[i].index == index)
			return &t[i];
	return NULL;
}

/* CN: is the BU's Authenticator right, from the keygen tokens the trace
 * showed (RFC 6275 s5.2.6)? 1 yes, 0 no, -1 the tokens are not in it. */
static int rr_authorized(struct m6c_checker *c, const struct m6_msg *m, struct m6c_pending *p,
			 const struct m6t_frame *f)
{
	int k = m6_msg_next_opt(m, 0, M6_OPT_NONCE);
	const struct m6c_node *home = m6c_node_find(c, &p->hoa), *careof = m6c_node_find(c, &p->coa);
	const struct m6c_token *ht = home && k >= 0 ? token_of(home, true, m->opts[k].u.nonce.home) : NULL;
	const struct m6c_token *ct = careof && k >= 0 ? token_of(careof, false, m->opts[k].u.nonce.careof) : NULL;

	if (!ht || (!p->dereg && !ct))
		return -1;
	if (m6_rr_kbm(ht->token, p->dereg ? NULL : ct->token, p->kbm))
		return -1;
	p->kbm_known = true;
	int age_s = (int)((m6c_time_us(f) - ht->at_us) / 1000000);
	if (!p->dereg && (m6c_time_us(f) - ct->at_us) / 1000000 > age_s)
		age_s = (int)((m6c_time_us(f) - ct->at_us) / 1000000);
	if (age_s > c->o.policy.nonce_lifetime_s) {
		/* the nonce is past its lifetime: 136-138 without Authorization Data */
		p->code = M6_BA_EXPIRED_NONCES;
		p->req_id = "MIP6-9.5.1-3";
	}
	return m6_rr_verify_mh(p->kbm, &p->coa, &f->pkt->ip[f->pkt->n_ip - 1].dst, m->data, m->mh_len) == 1;
}

static void binding_update(struct m6c_checker *c, const struct m6t_frame *f)
{
	const struct m6_msg *m = &f->pkt->msg;
	struct m6c_pending *p = m6c_pending_for(c, f, M6C_EXPECT_BA, m->u.bu.flags & M6_BU_A, "MIP6-9.5.4-1");
	int alt = m6_msg_next_opt(m, 0, M6_OPT_ALTCOA);

	p->seq = m->u.bu.seq;
	p->flags = m->u.bu.flags;
	p->lifetime = m->u.bu.lifetime;
	p->has_altcoa = alt >= 0;
	p->coa = alt >= 0 ? m->opts[alt].u.altcoa : f->pkt->ip[f->pkt->n_ip - 1].src;
	p->dereg = m->u.bu.lifetime == 0 || m6c_addr_eq(&p->coa, &p->hoa);
	for (int k = m6_msg_next_opt(m, 0, M6_OPT_BID); k >= 0 && p->n_bids < M6C_REQ_BIDS;
	     k = m6_msg_next_opt(m, k + 1, M6_OPT_BID)) {
		const struct m6_opt_bid *b = &m->opts[k].u.bid;
		p->bids[p->n_bids++] = (struct m6c_req_bid){ .bid = b->bid, .flags = b->flags,
							     .has_coa = b->coa_family == 6, .coa = b->coa6 };
	}
	struct m6c_node *n = m6c_node_get(c, &p->hoa);
	if (n) {
		n->seen_bu = true;
		/* without the A flag, or with more BIDs than are followed, what the BU
		 * bound is not in the trace */
		n->unsure |= !(p->flags & M6_BU_A) || m6_msg_count_opt(m, M6_OPT_BID) > M6C_REQ_BIDS;
	}
	if (c->o.role != M6_ROLE_CN)
		return;
	int ok = rr_authorized(c, m, p, f);
	if (ok == 0) {
		p->expect = M6C_EXPECT_NOTHING;
		p->req_id = "MIP6-9.5.1-1";
	} else if (ok < 0) {
		p->required = false; /* without the tokens, a silent discard is as right as a BA */
		m6c_cannot(c, f->info.frame, "the BU's Authenticator: the Home/Care-of Test with its keygen "
					     "tokens is not in the capture");
	}
}

void m6c_request(struct m6c_checker *c, const struct m6t_frame *f)
{
	struct m6_pkt *pkt = (struct m6_pkt *)f->pkt;
	struct m6_validate_ctx ctx = { .role = (uint8_t)c->o.role, .must_answer_unknown = true };

	m6_validate(&pkt->msg, pkt, &ctx, &pkt->diags);
	const struct m6_diag *d = receiver_action(&pkt->diags);
	if (d) {
		static const uint8_t kind_of[] = { [M6_ACT_DISCARD] = M6C_EXPECT_NOTHING,
						   [M6_ACT_ICMP_PARAM] = M6C_EXPECT_ICMP,
						   [M6_ACT_BE] = M6C_EXPECT_BE, [M6_ACT_BA] = M6C_EXPECT_BA };
		struct m6c_pending *p = m6c_pending_for(c, f, kind_of[d->action], d->action != M6_ACT_DISCARD,
					       reason_req(d->reason));
		p->should = d->action == M6_ACT_BE; /* Binding Error 2 is a SHOULD (s9.2) */
		p->code = d->code;
		p->pointer = d->pointer;
		if (d->action == M6_ACT_BA && pkt->msg.type == M6_MH_BU) {
			p->seq = pkt->msg.u.bu.seq;
			p->flags = pkt->msg.u.bu.flags;
			p->required = pkt->msg.u.bu.flags & M6_BU_A || d->code >= 135;
		}
		return;
	}
	switch (pkt->msg.type) {
	case M6_MH_BU:
		binding_update(c, f);
		break;
	case M6_MH_HOTI:
	case M6_MH_COTI:
		if (c->o.role == M6_ROLE_CN) {
			m6_addr6 hoa = m6c_pkt_hoa(pkt);
			bool hao = !m6c_addr_eq(&hoa, &pkt->ip[pkt->n_ip - 1].src);
			struct m6c_pending *p = m6c_pending_for(c, f, hao ? M6C_EXPECT_NOTHING : M6C_EXPECT_TEST, !hao,
						       pkt->msg.type == M6_MH_HOTI ? (hao ? "MIP6-9.4.1-1" : "MIP6-9.4.1-2")
										  : (hao ? "MIP6-9.4.2-1" : "MIP6-9.4.2-2"));
			memcpy(p->cookie, pkt->msg.u.ti.cookie, M6_COOKIE_LEN);
			p->mh_type = pkt->msg.type;
		}
		break;
	}
}

/* A data packet with a Home Address option: processed only with a
 * binding for it from its source (RFC 6275 s9.3.1, RFC 5648 s6.5). */
void m6c_mn_data(struct m6c_checker *c, const struct m6t_frame *f)
{
	const struct m6_pkt *pkt = f->pkt;
	const struct m6_ip6 *ip = &pkt->ip[pkt->n_ip - 1];
	m6_addr6 hoa = m6c_pkt_hoa(pkt);

	if (m6c_addr_eq(&hoa, &ip->src))
		return;
	struct m6c_node *n = m6c_node_find(c, &hoa);
	if ((!n || !n->seen_bu) && !c->o.from_start) {
		m6c_cannot(c, f->info.frame, "a Home Address option from a mobile node whose registration "
					     "is not in the capture (--from-start says there is none)");
		return;
	}
	if (n && n->unsure)
		return; /* a BU without the A flag may have made the binding */
	if (n) {
		m6c_bindings_expire(c, n, m6c_time_us(f));
		for (int i = 0; i < n->n_bindings; i++)
			if (m6c_addr_eq(&n->bindings[i].coa, &ip->src)) {
				m6c_hao_from_bound(c, n, &n->bindings[i], f);
				return;
			}
	}
	struct m6c_pending *p = m6c_pending_for(c, f, M6C_EXPECT_BE, true, "MIP6-9.3.1-2");
	p->code = M6_BE_UNKNOWN_BINDING;
	p->should = true;
}
