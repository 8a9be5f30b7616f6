/* reverse_tunnel.c - the home agent takes packets its mobile nodes
 * tunnel to it (RFC 6275 s10.4.5): the outer source must be a care-of
 * address bound to the inner source, the home address; with several
 * bindings any of them (RFC 5648 s9.3.1, for the Home Test Init and so for
 * all). The inner packet goes on (forward.c); others are dropped. */
#include <string.h>

#include "engine_internal.h"

bool m6e_reverse_tunnelled(const struct m6e_engine *e, const struct m6_pkt *pkt)
{
	/* a tunnelled packet for the node itself (a BU, an echo) is its own */
	return e->cfg.is_ha && pkt->n_ip == 2 && m6e_is_own(e, &pkt->ip[0].dst) &&
	       !m6e_is_own(e, &pkt->ip[1].dst);
}

static bool coa_bound(const struct m6e_engine *e, const m6_addr6 *hoa, const m6_addr6 *coa)
{
	const struct m6e_home *home = m6e_bc_home(&e->bc, hoa);

	for (const struct m6e_binding *b = home ? m6e_bc_first(&e->bc, home) : NULL; b;
	     b = m6e_bc_next(&e->bc, b))
		if ((b->flags & M6E_BF_HOME_REG) && !b->coa_v4 && !memcmp(&b->coa, coa, sizeof *coa))
			return true;
	return false;
}

int m6e_reverse_tunnel(struct m6e_engine *e, const struct m6e_rx *rx)
{
	const struct m6_ip6 *outer = &rx->pkt->ip[0], *inner = &rx->pkt->ip[1];

	if (!coa_bound(e, &inner->src, &outer->src)) {
		struct m6e_event ev = { .kind = M6E_EV_DROPPED, .reason = M6E_DROP_TUNNEL_SOURCE,
					.hoa = inner->src, .coa = outer->src };
		m6e_emit(rx->sink, &ev);
		return M6_OK;
	}
	return m6e_forward(e, rx, inner);
}
