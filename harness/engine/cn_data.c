/* cn_data.c - the correspondent node's echo services, the data traffic
 * tests use: an ICMPv6 Echo Request (RFC 4443 s4.1) and a UDP datagram to
 * port 7 (RFC 862) come back, with route optimization (RFC 6275 s9.3): a
 * request with a Home Address option (checked against the bindings
 * before, s9.3.1) is answered to its home address through a type 2
 * routing header to its care-of address (s9.3.2), and so is a request
 * from a home address the node holds a binding for; others plainly. */
#include <string.h>

#include "engine_internal.h"

#define ECHO_PORT 7

bool m6e_cn_echoes(const struct m6e_engine *e, const struct m6_pkt *pkt)
{
	const struct m6_data *d = &pkt->data;

	if (!e->cfg.is_cn || !pkt->has_data || pkt->n_ip != 1 || !m6e_is_own(e, &pkt->ip[0].dst) ||
	    !m6_pkt_valid(pkt) || d->len != d->wire_len)
		return false;
	return (d->proto == M6_IPPROTO_ICMPV6 && d->type == M6_ICMP6_ECHO_REQUEST) ||
	       (d->proto == M6_IPPROTO_UDP && d->dport == ECHO_PORT);
}

/* s9.3.2: the care-of address of a binding for hoa (IPv6, away from
 * home), or NULL. */
static const m6_addr6 *bound_coa(const struct m6e_engine *e, const m6_addr6 *hoa)
{
	const struct m6e_home *home = m6e_bc_home(&e->bc, hoa);

	for (const struct m6e_binding *b = home ? m6e_bc_first(&e->bc, home) : NULL; b;
	     b = m6e_bc_next(&e->bc, b))
		if (!b->coa_v4 && !(b->flags & M6E_BF_AT_HOME) && memcmp(&b->coa, hoa, sizeof *hoa))
			return &b->coa;
	return NULL;
}

int m6e_cn_echo(struct m6e_engine *e, const struct m6e_rx *rx)
{
	struct m6_data *d = &e->echo;
	struct m6_pkt_spec spec = { .src = e->cfg.addr, .dst = rx->hoa };
	const m6_addr6 *coa = rx->has_hao ? &rx->ip->src : bound_coa(e, &rx->hoa);

	*d = rx->pkt->data;
	if (d->proto == M6_IPPROTO_ICMPV6) {
		d->type = M6_ICMP6_ECHO_REPLY;
	} else {
		d->dport = d->sport;
		d->sport = ECHO_PORT;
	}
	if (coa) {
		spec.dst = *coa;
		spec.rh2 = true;
		spec.rh2_addr = rx->hoa;
	}
	return m6e_send(rx, e, m6_data_encode(&spec, d, NULL, e->out, sizeof e->out));
}
