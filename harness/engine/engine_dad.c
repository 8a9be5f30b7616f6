/* engine_dad.c - Duplicate Address Detection at the home agent (dad.h):
 * parking a home registration, sending the probes, hearing a defence and
 * processing the BU when RetransTimer has run. */
#include <string.h>

#include "engine_internal.h"


static int send_probe(struct m6e_engine *e, const struct m6e_rx *rx, const m6_addr6 *target)
{
	return m6e_send(rx, e, m6e_dad_build_ns(target, e->out, sizeof e->out));
}

int m6e_dad_start(struct m6e_engine *e, const struct m6e_rx *rx)
{
	/* s10.3.1: DAD "fails for the given home address or an associated
	 * link local address"; the L flag says the mobile node's link-local
	 * address has the home address's interface identifier (s6.1.7) */
	bool ll = rx->msg->u.bu.flags & M6_BU_L;
	struct m6e_dad_slot *s = m6e_dad_park(&e->dad, &rx->hoa, ll, rx->raw, rx->raw_len, rx->pkt->link,
					      rx->now_ms + M6E_RETRANS_TIMER_MS);
	if (!s)
		return M6_ERR_NOSPACE;
	struct m6e_event ev = { .kind = M6E_EV_DAD, .hoa = rx->hoa, .coa = rx->coa };
	m6e_emit(rx->sink, &ev);
	int rc = send_probe(e, rx, &rx->hoa);
	if (ll && rc == M6_OK) {
		m6_addr6 link_local;
		m6e_dad_link_local(&rx->hoa, &link_local);
		rc = send_probe(e, rx, &link_local);
	}
	return rc;
}

bool m6e_dad_listen(struct m6e_engine *e, const struct m6_pkt *pkt)
{
	static const m6_addr6 unspecified;
	m6_addr6 target;

	if (!m6e_nd_target(pkt, &target))
		return false;
	/* RFC 4862 s5.4.3: an NS from the unspecified address is another node
	 * probing the same address, s5.4.4: an NA is a node that holds it;
	 * either way the address is not unique */
	bool dad_ns = pkt->nd.type == M6_ICMP6_NS && !memcmp(&pkt->ip[0].src, &unspecified, sizeof unspecified);
	if (pkt->nd.type != M6_ICMP6_NA && !dad_ns)
		return false;
	return m6e_dad_heard(&e->dad, &target);
}

void m6e_dad_tick(struct m6e_engine *e, uint64_t now_ms, const struct m6e_sink *sink)
{
	struct m6e_dad_slot *s;

	while ((s = m6e_dad_due(&e->dad, now_ms)) != NULL) {
		uint8_t outcome = s->defended ? M6E_DAD_FAILED : M6E_DAD_PASSED;
		/* the same decode as when it came (m6e_receive_frame) */
		m6_pkt_decode(s->pkt, s->len, s->link, true, &e->dad_pkt);
		m6e_receive_now(e, &e->dad_pkt, s->pkt, s->len, now_ms, sink, outcome);
		s->used = false;
	}
}
