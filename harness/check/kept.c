/* kept.c - a binding the IUT acknowledged is stored (RFC 6275 s9.5.2;
 * RFC 5648 s6.2: each BID a NOTCOMPLETE BA gives status 0 as well). A
 * Binding Error 1 (RFC 6275 s9.3.1: no binding for the Home Address
 * option) answering a packet from the binding's care-of address, sent
 * while the binding surely held and no BU could change it first, shows an
 * IUT that acknowledged a binding it did not keep. */
#include <stdio.h>

#include "check_state.h"

void m6c_hao_from_bound(struct m6c_checker *c, struct m6c_node *n, const struct m6c_binding *b,
			const struct m6t_frame *f)
{
	int64_t now = m6c_time_us(f);

	/* a Binding Error after this packet may answer it: only the newest is kept */
	bool sure = now < b->sure_until_us && !m6c_pending_match(c, M6C_EXPECT_BA, NULL, &n->addr);
	n->hao_frame = sure ? f->info.frame : 0;
	n->hao_at_us = now;
	n->hao_coa = b->coa;
}

/* The requirement the BA's acceptance came from. */
static const char *stored_req(const struct m6c_binding *b)
{
	return b->bid && b->fresh ? "MCOA-6.2-23" : "MIP6-9.5.2-1";
}

static void denied(struct m6c_checker *c, const struct m6c_node *n, struct m6c_binding *b, uint64_t be_frame)
{
	char h[INET6_ADDRSTRLEN], a[INET6_ADDRSTRLEN], e[240], did[160];

	snprintf(e, sizeof e, "the binding BA frame %llu accepted kept (BID %u of %s at %s, %u s)",
		 (unsigned long long)b->ba_frame, b->bid, m6c_addr_text(&n->addr, h), m6c_addr_text(&b->coa, a),
		 b->granted_s);
	snprintf(did, sizeof did, "answered the packet of frame %llu from that care-of address with Binding Error 1: "
				  "no binding", (unsigned long long)n->hao_frame);
	m6c_finding(c, b->ba_frame, be_frame, stored_req(b), e, did);
	b->denied = true;
}

bool m6c_binding_denied(struct m6c_checker *c, const struct m6t_frame *f)
{
	const struct m6_msg *m = &f->pkt->msg;
	const m6_addr6 *coa = m6t_link_dst(f->pkt);
	struct m6c_node *n = m6c_node_find(c, &m->u.be.hoa);

	if (m->u.be.status != M6_BE_UNKNOWN_BINDING || !n || n->unsure || !n->hao_frame ||
	    !m6c_addr_eq(&n->hao_coa, coa) || m6c_time_us(f) - n->hao_at_us > M6C_REPLY_WINDOW_US)
		return false;
	for (int i = 0; i < n->n_bindings; i++) {
		struct m6c_binding *b = &n->bindings[i];
		/* granted before the packet came, and not since (until_us counts
		 * from the BA) */
		if (!m6c_addr_eq(&b->coa, coa) || b->until_us - (int64_t)b->granted_s * 1000000 > n->hao_at_us)
			continue;
		if (!b->denied)
			denied(c, n, b, f->info.frame);
		return true;
	}
	return false;
}
