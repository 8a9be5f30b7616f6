/*
 * engine.h - the reference home agent / correspondent node (libm6engine).
 *
 * What a conforming HA or CN must do with Mobility Header signalling, with
 * Multiple Care-of Addresses: RFC 6275 s9.2 (MH validation), s9.3.1 (Home
 * Address option without binding), s9.4-s9.5 (return routability and
 * BU processing at a CN), s10.3 (home registration at an HA), and RFC 5648
 * s5-s6 and s8 (BIDs, bulk registration, returning home, IPv4 CoA); and
 * the data plane: the home agent's proxy Neighbor Discovery, tunnelling
 * and reverse tunnelling (s10.4, RFC 5648 s5.6 and s9.3), the
 * correspondent node's echo services with route optimization (s9.3).
 *
 * In-process and deterministic: a packet and the time go in, the packets to
 * send and the changes made come out through a sink. No sockets, no
 * system clock, no allocation after m6e_init. The suites use it as the
 * oracle; `mip6kit refd` wraps it into a live IUT.
 *
 *   struct m6e_config cfg;  m6e_config_default(&cfg);  cfg.is_ha = true; ...
 *   struct m6e_engine *e = m6e_new(&cfg, now_ms);
 *   m6e_receive_frame(e, frame, len, M6_LINK_ETHERNET, now_ms, &sink);
 *   m6e_tick(e, now_ms, &sink);      (expiry, Binding Refresh Requests)
 */
#ifndef M6E_ENGINE_H
#define M6E_ENGINE_H

#include "bcache.h"
#include "policy.h"

/* What changed, or why nothing did. */
enum m6e_event_kind {
	M6E_EV_ADDED = 1,    /* a binding was created (hoa, bid, coa, lifetime_s) */
	M6E_EV_UPDATED,      /* an existing binding was renewed or moved */
	M6E_EV_REMOVED,      /* deregistered, replaced or overwritten */
	M6E_EV_EXPIRED,      /* its lifetime ran out */
	M6E_EV_REFRESH,      /* a Binding Refresh Request was sent for it */
	M6E_EV_DROPPED,      /* the packet was silently discarded: why in reason */
	M6E_EV_REJECTED,     /* a BU was refused: the BA status in status */
	M6E_EV_DAD,          /* a home registration waits for Duplicate Address
				Detection of hoa: a Neighbor Solicitation went out */
	M6E_EV_TUNNELLED,    /* a packet for hoa went to coa, binding bid (s10.4.2) */
	M6E_EV_DELIVERED,    /* a packet for hoa went to it on the home link (at home) */
	M6E_EV_DECAPSULATED, /* a packet from hoa, tunnelled from coa, went on (s10.4.5) */
};

/* Why a packet was dropped (M6E_EV_DROPPED). */
enum m6e_drop {
	M6E_DROP_DECODE = 1, /* the codec says discard: m6_reason in detail */
	M6E_DROP_NO_MH,      /* no Mobility Header, and nothing to answer */
	M6E_DROP_RR_AUTH,    /* BU at a CN without valid Nonce Indices/Authenticator */
	M6E_DROP_NOT_FOR_US, /* a message only a mobile node takes (BA, BE, HoT, CoT, BRR),
				or one for a role this node does not play */
	M6E_DROP_HAO_UNSOLICITED, /* HoTI/CoTI with a Home Address option */
	M6E_DROP_NO_ROOM,    /* the reply could not be built (never expected) */
	M6E_DROP_DAD_PENDING, /* a home BU for an address under DAD (the first one is answered) */
	M6E_DROP_HAO_ON_MH,  /* an MH other than a BU with an unbound Home Address
				option, with be1_for_mh off */
	M6E_DROP_TUNNEL_SOURCE, /* reverse tunnelled, and the outer source is no care-of
				address bound to the inner source (s10.4.5) */
	M6E_DROP_HOP_LIMIT,  /* to be forwarded with Hop Limit 1 or 0: ICMPv6 Time Exceeded */
	M6E_DROP_NO_COA,     /* for a home address bound to IPv4 care-of addresses only */
	M6E_DROP_ENCAP_LIMIT, /* care-of addresses that are home addresses, chained more
				 than M6E_MAX_TUNNELS deep (forward.c) */
	M6E_DROP_CIRCULAR,   /* a BU whose care-of address leads back to its home
				address through the cache (RFC 6275 s6.1.7) */
	M6E_DROP_HOST_FORWARDS, /* the host's data plane, with host_forwards: a Neighbor
				   Solicitation for a proxied address, an intercepted
				   or a reverse tunnelled packet */
};

/* Which of several bound care-of addresses carries a packet the home agent
 * tunnels (RFC 5648 leaves it to flow bindings, RFC 6089). */
enum m6e_coa_choice {
	M6E_COA_LOWEST_BID = 0, /* the binding with the lowest BID (a plain binding: its one) */
	M6E_COA_NEWEST,      /* the binding registered or refreshed last (lowest BID on a tie) */
	M6E_COA_FLOW_HASH,   /* a hash of the inner source, destination and flow label:
				a flow stays on one care-of address */
};

struct m6e_event {
	uint8_t kind;        /* enum m6e_event_kind */
	uint8_t status;      /* REJECTED: BA status; EXPIRED/REMOVED: 0 */
	uint8_t reason;      /* DROPPED: enum m6e_drop */
	uint8_t detail;      /* DROPPED/DECODE: enum m6_reason */
	uint16_t bid;        /* M6E_PLAIN_BID for a binding without BID */
	m6_addr6 hoa, coa;
	uint32_t lifetime_s;
};

/* Where a packet of the data plane goes on the link: the neighbour (the
 * destination when it is on link, else the default router) and, when the
 * engine knows it, that neighbour's link-layer address. */
struct m6e_hop {
	m6_addr6 next_hop;
	bool has_mac;
	uint8_t mac[6];
};

/* Where the engine's output goes. Any callback may be NULL. The packet
 * is a whole IPv6 packet (no link layer), valid during the call only.
 * Packets of the data plane (Neighbor Advertisements, forwarded and
 * tunnelled packets) go to hop_packet with their hop, to packet when
 * hop_packet is NULL. */
struct m6e_sink {
	void (*packet)(void *ctx, const uint8_t *pkt, size_t len);
	void (*event)(void *ctx, const struct m6e_event *ev);
	void *ctx;
	void (*hop_packet)(void *ctx, const uint8_t *pkt, size_t len, const struct m6e_hop *hop);
};

struct m6e_config {
	bool is_ha, is_cn;          /* the roles played (both is allowed) */
	m6_addr6 addr;              /* the node's address: source of Binding Refresh Requests */
	struct m6e_policy policy;   /* its limits size the cache, once */
	uint8_t kcn[M6_KCN_LEN];    /* CN secret (RFC 6275 s5.2.1) */
	uint64_t nonce_period_ms;   /* a new CN nonce this often */
	uint64_t nonce_lifetime_ms; /* and accepted this long (MAX_NONCE_LIFETIME) */
	uint64_t seed;              /* nonces and hashing: same seed, same run */
	uint32_t refresh_lead_s;    /* send a BRR this long before a binding expires (0: never) */
	bool answer_unknown_type;   /* BE status 2 for an unknown MH type (s9.2: SHOULD) */
	bool be1_for_mh;            /* BE 1 also for Mobility Header packets with an
				       unbound Home Address option (default on) */
	/* HA data plane (s10.4). mac: its link-layer address on the home link,
	 * advertised for the home addresses it proxies and the destination of
	 * the packets it intercepts (all zero: no proxy ND, no interception) */
	uint8_t mac[6];
	/* its link-local address on the home link, as the host holds it (a
	 * modified EUI-64 of mac, or RFC 7217's stable identifier): the source
	 * of its Router Advertisements (RFC 4861 s4.2), and with addr the
	 * addresses it answers Neighbor Solicitations for (:: none: no RA) */
	m6_addr6 link_local;
	m6_addr6 default_router;    /* next hop off the home prefixes (:: none: the destination) */
	uint8_t coa_choice;         /* enum m6e_coa_choice */
	/* The host forwards (its kernel, programmed on the binding events:
	 * `mip6kit refd --forwarding kernel`): the engine still signals, runs
	 * DAD and sends the unsolicited Neighbor Advertisement of a new home
	 * registration, but leaves to the host the Neighbor Solicitations for
	 * proxied addresses, intercepted and reverse tunnelled packets
	 * (dropped here, M6E_DROP_HOST_FORWARDS). Needs mac. */
	bool host_forwards;
};

void m6e_config_default(struct m6e_config *cfg);

struct m6e_engine;

/* Allocates an engine for cfg, its clock starting at now_ms. NULL when the
 * limits are unusable or memory is short. */
struct m6e_engine *m6e_new(const struct m6e_config *cfg, uint64_t now_ms);
void m6e_free(struct m6e_engine *e);
/* Back to what m6e_new made: no binding, fresh nonces, the configured
 * policy, the clock at now_ms (cheaper than a new engine: fuzzers). */
void m6e_reset(struct m6e_engine *e, uint64_t now_ms);

/* A new policy takes effect for the next packet. Limits beyond what the
 * cache was sized for at m6e_new are cut to it. */
void m6e_set_policy(struct m6e_engine *e, const struct m6e_policy *policy);
const struct m6e_config *m6e_config(const struct m6e_engine *e);
/* The binding cache, for reading (tests, fuzzers, the harness). */
const struct m6e_bcache *m6e_cache(const struct m6e_engine *e);

/*
 * m6e_receive - process one packet at now_ms.
 * In:  pkt as m6_pkt_decode made it (checksum verified), raw[0..raw_len)
 *      the bytes it was decoded from (quoted by ICMPv6 errors).
 * Out: through sink: zero or one reply packet (with DAD: the Neighbor
 *      Solicitations of a parked BU, two with the L flag), and events.
 * Advances the clock first (m6e_tick). Returns M6_OK, or < 0 when the
 * sink could not be given a reply it was owed (a bug, reported as event).
 */
int m6e_receive(struct m6e_engine *e, const struct m6_pkt *pkt, const uint8_t *raw, size_t raw_len,
		uint64_t now_ms, const struct m6e_sink *sink);
/* Decodes frame (link type as for m6_pkt_decode) and calls m6e_receive. */
int m6e_receive_frame(struct m6e_engine *e, const uint8_t *frame, size_t len, int link,
		      uint64_t now_ms, const struct m6e_sink *sink);

/* Does the node answer Neighbor Solicitations for addr on the home link
 * (s10.4.1)? It does for a home address with a home registration away from
 * home, and for its link-local address when the BU had the L flag. */
bool m6e_proxies(const struct m6e_engine *e, const m6_addr6 *addr);

/* Advances the clock: expired bindings are removed (EXPIRED events),
 * bindings near expiry get a Binding Refresh Request (RFC 6275 s9.5.5),
 * BUs whose Duplicate Address Detection has run its time are processed
 * (accepted, or rejected with 134 when the address was defended). */
void m6e_tick(struct m6e_engine *e, uint64_t now_ms, const struct m6e_sink *sink);

const char *m6e_event_name(uint8_t kind);  /* "added", ... */
const char *m6e_drop_name(uint8_t reason); /* "rr-auth", ... */

#endif
