/*
 * dad.h - Duplicate Address Detection at the home agent (RFC 6275 s10.3.1,
 * RFC 4862 s5.4): the Binding Updates parked while the home link is asked
 * whether anyone else uses the home address.
 *
 * RFC 6275 s10.3.1: "Unless this home agent already has a binding for the
 * given home address, the home agent MUST perform Duplicate Address
 * Detection [13] on the mobile node's home link before returning the
 * Binding Acknowledgement. [...] If this Duplicate Address Detection fails
 * for the given home address or an associated link local address, then
 * the home agent MUST reject the complete Binding Update and MUST return a
 * Binding Acknowledgement to the mobile node, in which the Status field is
 * set to 134 (Duplicate Address Detection failed)."
 *
 * One probe per address (DupAddrDetectTransmits 1), decided RetransTimer
 * (1000 ms) later; the packet is kept as received so that it is processed
 * then as if it had just arrived. Fixed memory, time passed in.
 */
#ifndef M6E_DAD_H
#define M6E_DAD_H

#include "m6codec.h"

#define M6E_DAD_SLOTS 16          /* home addresses probed at once */
#define M6E_DAD_PKT_MAX 2048      /* the parked packet (a BU with 16 BIDs fits) */
#define M6E_RETRANS_TIMER_MS 1000 /* RFC 4861 s10 RETRANS_TIMER */

struct m6e_dad_slot {
	bool used;
	bool defended;       /* someone answered, or probed the same address */
	bool link_local;     /* the BU's L flag: fe80::IID is probed as well */
	uint8_t link;        /* enum m6_link of the parked packet */
	m6_addr6 hoa;
	uint64_t due_ms;
	uint16_t len;
	uint8_t pkt[M6E_DAD_PKT_MAX];
};

struct m6e_dad {
	struct m6e_dad_slot slot[M6E_DAD_SLOTS];
};

void m6e_dad_clear(struct m6e_dad *d);

/* The probe under way for hoa, or NULL. */
struct m6e_dad_slot *m6e_dad_find(struct m6e_dad *d, const m6_addr6 *hoa);

/* Parks pkt[0..len) (link type link) for hoa until due_ms. NULL when every
 * slot is taken or the packet is too long. */
struct m6e_dad_slot *m6e_dad_park(struct m6e_dad *d, const m6_addr6 *hoa, bool link_local,
				  const uint8_t *pkt, size_t len, uint8_t link, uint64_t due_ms);

/* A Neighbor Advertisement for target, or a Neighbor Solicitation for it
 * from the unspecified address (another node's DAD), was heard: the probe
 * that tests target fails. Returns true when one did. */
bool m6e_dad_heard(struct m6e_dad *d, const m6_addr6 *target);

/* The slot whose time has come at now_ms (the earliest), or NULL. The
 * caller processes it and frees it (used = false). */
struct m6e_dad_slot *m6e_dad_due(struct m6e_dad *d, uint64_t now_ms);

/* fe80::/64 with the interface identifier of addr (RFC 6275 s6.1.7, L). */
void m6e_dad_link_local(const m6_addr6 *addr, m6_addr6 *out);

/*
 * m6e_dad_build_ns - the DAD probe for target (RFC 4862 s5.4.2, RFC 4861
 * s4.3): from the unspecified address to the solicited-node multicast
 * address ff02::1:ffXX:XXXX of target, hop limit 255, no Source
 * Link-Layer Address option. A whole IPv6 packet; returns its length or a
 * negative enum m6_err.
 */
int m6e_dad_build_ns(const m6_addr6 *target, uint8_t *out, size_t cap);

#endif
