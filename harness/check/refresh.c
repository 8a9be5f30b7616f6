/* refresh.c - Binding Refresh Requests (RFC 6275 s9.5.5): only for a
 * binding in use that is about to expire, and, when the IUT is told a
 * refresh lead (refresh-lead=S, as `mip6kit run` tells refd), about S
 * seconds before the lifetime granted runs out, for every binding granted
 * longer than S. */
#include <stdio.h>

#include "check_state.h"

/* How far the BRR may stray from the lead: the IUT counts the lifetime
 * from when it took the BU (the trace sees the BA), keeps time in whole
 * seconds, and may send late like any answer. */
#define LEAD_SLACK_US 2000000

static bool lead_told(const struct m6c_checker *c, const struct m6c_binding *b)
{
	return c->o.policy.refresh_lead_s >= 0 && b->granted_s > c->o.policy.refresh_lead_s;
}

/* When the BRR of b is due, by the lead. */
static int64_t due_us(const struct m6c_checker *c, const struct m6c_binding *b)
{
	return b->until_us - c->o.policy.refresh_lead_s * 1000000;
}

void m6c_refresh_missing(struct m6c_checker *c, struct m6c_binding *b, int64_t now_us)
{
	if (!lead_told(c, b) || b->brr_seen || now_us < due_us(c, b) + LEAD_SLACK_US + M6C_REPLY_WINDOW_US)
		return;
	char e[120];
	snprintf(e, sizeof e, "a Binding Refresh Request for BID %u %ld s before its %u s run out (refresh-lead=%ld)",
		 b->bid, c->o.policy.refresh_lead_s, b->granted_s, c->o.policy.refresh_lead_s);
	m6c_finding(c, b->ba_frame, 0, "MIP6-9.5.5-1", e, "sent none");
	b->brr_seen = true; /* said once */
}

/* A BRR well before the lead says: finding. */
static void judge_lead(struct m6c_checker *c, const struct m6t_frame *f, struct m6c_binding *b)
{
	int64_t now = m6c_time_us(f);

	b->brr_seen = true;
	if (!lead_told(c, b) || now >= due_us(c, b) - LEAD_SLACK_US)
		return;
	char e[120], did[64];
	snprintf(e, sizeof e, "a Binding Refresh Request about %ld s before the binding expires (refresh-lead=%ld)",
		 c->o.policy.refresh_lead_s, c->o.policy.refresh_lead_s);
	snprintf(did, sizeof did, "sent it %lld s before", (long long)((b->until_us - now) / 1000000));
	m6c_finding(c, b->ba_frame, f->info.frame, "MIP6-9.5.5-1", e, did);
}

void m6c_refresh_request(struct m6c_checker *c, const struct m6t_frame *f)
{
	const struct m6_pkt *pkt = f->pkt;
	const m6_addr6 *rh2 = m6c_pkt_rh2(pkt);
	m6_addr6 hoa = rh2 ? *rh2 : pkt->ip[pkt->n_ip - 1].dst;
	struct m6c_node *n = m6c_node_find(c, &hoa);
	int k = m6_msg_next_opt(&pkt->msg, 0, M6_OPT_BID);
	uint16_t bid = k >= 0 ? pkt->msg.opts[k].u.bid.bid : 0;

	if ((!n || !n->seen_bu) && !c->o.from_start) {
		m6c_cannot(c, f->info.frame, "a Binding Refresh Request for a binding not registered in the capture");
		return;
	}
	if (n)
		m6c_bindings_expire(c, n, m6c_time_us(f));
	struct m6c_binding *named = n && k >= 0 ? m6c_binding_find(n, bid) : NULL;
	if (n && k < 0) /* no BID: it asks for every binding of the home address */
		for (int i = 0; i < n->n_bindings; i++)
			judge_lead(c, f, &n->bindings[i]);
	else if (named)
		judge_lead(c, f, named);
	if (!(named || (n && k < 0 && n->n_bindings))) {
		char e[96];
		snprintf(e, sizeof e, "a Binding Refresh Request only for a binding in use (BID %u%s)", bid,
			 k >= 0 ? "" : ": none named");
		m6c_finding(c, f->info.frame, 0, "MIP6-9.5.5-1", e, "has no such binding, or its lifetime ran out");
	}
}
