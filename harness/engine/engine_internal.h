/* engine_internal.h - the engine's state and what its files share. */
#ifndef M6E_ENGINE_INTERNAL_H
#define M6E_ENGINE_INTERNAL_H

#include "dad.h"
#include "engine.h"
#include "reply.h"
#include "rr_cn.h"

#define M6E_OUT_MAX 2048 /* one reply: a BA with 16 BIDs, or an ICMPv6 error (<= 1280) */

struct m6e_engine {
	struct m6e_config cfg;      /* its policy as set by m6e_set_policy */
	struct m6e_policy configured; /* the policy m6e_new was given */
	struct m6e_bcache bc;
	struct m6e_rr rr;
	struct m6_pkt pkt;          /* m6e_receive_frame's decode */
	struct m6_diags verdicts;   /* m6_validate's, per packet */
	struct m6e_dad dad;         /* BUs parked for Duplicate Address Detection */
	struct m6_data echo;        /* the CN's echo reply being built */
	struct m6_nd nd;            /* a Neighbor Solicitation/Advertisement being built */
	struct m6_pkt dad_pkt;      /* a parked BU decoded again when its time comes */
	uint8_t out[M6E_OUT_MAX];
	uint8_t nest[M6E_OUT_MAX];  /* a tunnel level while the next one wraps it (forward.c) */
};

/* What a received MH packet says about its addresses (RFC 6275 s9.5.1):
 * the home address is the Home Address option's or the source; the
 * care-of address the Alternate Care-of Address option's or the source. */
struct m6e_rx {
	const struct m6_pkt *pkt;
	const struct m6_ip6 *ip;    /* the header the MH came under */
	const struct m6_msg *msg;
	const uint8_t *raw;
	size_t raw_len;
	bool has_hao;
	m6_addr6 hoa, coa;
	uint64_t now_ms;
	const struct m6e_sink *sink;
	uint8_t dad;                /* enum m6e_dad_outcome: a parked BU's second pass */
};

enum m6e_dad_outcome {
	M6E_DAD_NONE = 0,           /* a packet as it arrives */
	M6E_DAD_PASSED,             /* nobody defended the home address */
	M6E_DAD_FAILED,             /* somebody did: 134 */
};

void m6e_emit(const struct m6e_sink *sink, const struct m6e_event *ev);
/* The event of kind about binding b. */
struct m6e_event m6e_binding_event(uint8_t kind, const struct m6e_bcache *bc, const struct m6e_binding *b);
void m6e_drop(const struct m6e_rx *rx, uint8_t reason, uint8_t detail);
/* Hands a built reply (len from a builder: < 0 is an error) to the sink. */
int m6e_send(const struct m6e_rx *rx, const struct m6e_engine *e, int len);

/* RFC 6275 s6.1.7 (circular.c): would the care-of addresses plan binds
 * for hoa lead back to hoa through the cache? Then the BU is discarded. */
struct m6e_bu_plan;
bool m6e_bu_circular(const struct m6e_bcache *bc, const m6_addr6 *hoa, const struct m6e_bu_plan *plan);

/* A Binding Update that passed s9.2 (engine_bu.c). verdict_status: a BA
 * status the codec's checks want (164, 131, 168, ...), 0 for none. */
int m6e_process_bu(struct m6e_engine *e, const struct m6e_rx *rx, uint8_t verdict_status);

/* What happens to a packet after the clock was advanced (engine.c); dad
 * says whether it is a parked BU coming back (enum m6e_dad_outcome). */
int m6e_receive_now(struct m6e_engine *e, const struct m6_pkt *pkt, const uint8_t *raw, size_t raw_len,
		    uint64_t now_ms, const struct m6e_sink *sink, uint8_t dad);

/* Hands a built packet of the data plane to the sink with where it goes. */
int m6e_send_hop(const struct m6e_rx *rx, const struct m6e_engine *e, int len, const struct m6e_hop *hop);

/* Is a the node's own address? */
bool m6e_is_own(const struct m6e_engine *e, const m6_addr6 *a);

/* The target of a Neighbor Solicitation or Advertisement that RFC 4861
 * s7.1 lets a node take (the codec's m6_nd_validate: hop limit 255, code
 * 0, target not multicast; checksum good), else false. */
bool m6e_nd_target(const struct m6_pkt *pkt, m6_addr6 *target);

/* Neighbor Advertisements (proxy_nd.c). m6e_proxied_ns: is pkt a Neighbor
 * Solicitation for an address the node proxies? m6e_own_ns: for one of its
 * own (cfg.addr, cfg.link_local)? m6e_answer_ns answers either (true: it
 * was one); m6e_proxy_announce sends the unsolicited Neighbor
 * Advertisements for a home address the node has just started to proxy. */
bool m6e_proxied_ns(const struct m6e_engine *e, const struct m6_pkt *pkt);
bool m6e_own_ns(const struct m6e_engine *e, const struct m6_pkt *pkt);
bool m6e_answer_ns(struct m6e_engine *e, const struct m6e_rx *rx);
int m6e_proxy_announce(struct m6e_engine *e, const struct m6e_rx *rx, const m6_addr6 *hoa);

/* Forwarding at the home agent (forward.c): a packet for a home address
 * with a home registration, from its IPv6 header ip6[0..len), goes to a
 * bound care-of address through a tunnel or, the mobile node being at
 * home, to it on the home link; true when the node took it. */
bool m6e_intercepts(const struct m6e_engine *e, const struct m6_pkt *pkt, const m6_addr6 *dst);
int m6e_forward_to_mobile(struct m6e_engine *e, const struct m6e_rx *rx, const struct m6_ip6 *ip);
/* A decapsulated packet on its way: to a mobile node as above, else on
 * the home link to its destination or the default router. */
int m6e_forward(struct m6e_engine *e, const struct m6e_rx *rx, const struct m6_ip6 *ip);

/* Reverse tunnelling at the home agent (reverse_tunnel.c, s10.4.5). */
bool m6e_reverse_tunnelled(const struct m6e_engine *e, const struct m6_pkt *pkt);
int m6e_reverse_tunnel(struct m6e_engine *e, const struct m6e_rx *rx);

/* Home agent discovery (ha_discovery.c): true when pkt is a DHAAD Request
 * to a home prefix's Home-Agents anycast address, a Mobile Prefix
 * Solicitation to the node, or a Router Solicitation; then answered. */
bool m6e_ha_discovery(const struct m6e_engine *e, const struct m6_pkt *pkt);
int m6e_ha_discover(struct m6e_engine *e, const struct m6e_rx *rx);

/* The correspondent node's echo services (cn_data.c, s9.3): true when pkt
 * is an Echo Request or a UDP datagram to port 7 for the node. */
bool m6e_cn_echoes(const struct m6e_engine *e, const struct m6_pkt *pkt);
int m6e_cn_echo(struct m6e_engine *e, const struct m6e_rx *rx);

/* Duplicate Address Detection (engine_dad.c). m6e_dad_start parks the BU
 * of rx and sends the probes; m6e_dad_listen marks a probe defended when
 * pkt is a Neighbor Advertisement or a DAD Neighbor Solicitation for its
 * address; m6e_dad_tick processes the BUs whose time has come. */
int m6e_dad_start(struct m6e_engine *e, const struct m6e_rx *rx);
bool m6e_dad_listen(struct m6e_engine *e, const struct m6_pkt *pkt);
void m6e_dad_tick(struct m6e_engine *e, uint64_t now_ms, const struct m6e_sink *sink);

#endif
