/*
 * neighbor.h - the tester answers Neighbor Solicitations (RFC 4861 s7.2.4)
 * for the addresses it really holds at that moment, and for no other: the
 * routers it emulates, the mobile node's care-of addresses, and a home
 * address only while a node on the home link holds it (the mobile node is
 * back home, a correspondent's home network, or another node defending it
 * against the home agent's proxy DAD). A home agent performs DAD for a
 * home address before accepting its registration (RFC 6275 s10.3.1):
 * answering for a home address whose mobile node is away would make it
 * fail with 134. The tester's own side of each link has IPv6 switched off,
 * so nobody else answers.
 */
#ifndef M6H_NEIGHBOR_H
#define M6H_NEIGHBOR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "m6codec.h"

/* The router the IUT reaches the care-of prefixes through on the home
 * link, and the one on the first foreign-side link (topo.c sets the
 * routes in the IUT's namespace). */
#define M6H_ROUTER_ADDR "2001:db8:1::fe"
#define M6H_ROUTER_FOREIGN_ADDR "2001:db8:ff01::fe"

#define M6H_HELD_MAX 16

/* The addresses the tester answers for; router ones get the R flag. */
struct m6h_held {
	int n;
	m6_addr6 addr[M6H_HELD_MAX];
	bool router[M6H_HELD_MAX];
};

/* Adds the address in text (IPv6) to h. Returns 0, or -1 when text is no
 * IPv6 address or h is full. Adding one already held changes nothing. */
int m6h_held_add(struct m6h_held *h, const char *text, bool router);

/* Adds both emulated routers. */
void m6h_held_add_routers(struct m6h_held *h);

/*
 * m6h_neighbor_advert - if frame[0..len) (decoded as pkt) is a Neighbor
 * Solicitation for an address in held, writes the Neighbor Advertisement
 * to send (an Ethernet frame from mac) into out: to the solicitor with
 * the S flag, or, for a DAD probe (source ::), to all nodes without it
 * (RFC 4861 s7.2.4). Returns its length, or 0 when there is nothing to
 * answer.
 */
size_t m6h_neighbor_advert(const uint8_t *frame, size_t len, const struct m6_pkt *pkt, const uint8_t mac[6],
			   const struct m6h_held *held, uint8_t *out, size_t cap);

/* Is frame (decoded as pkt) a Neighbor Solicitation, whatever its
 * checksum? Its target in *target (to tell whose it is). */
bool m6h_neighbor_target(const uint8_t *frame, size_t len, const struct m6_pkt *pkt, m6_addr6 *target);

/* Is frame (decoded as pkt) a DAD probe, a valid Neighbor Solicitation
 * from the unspecified address (RFC 4862 s5.4.2)? Its target in *target. */
bool m6h_neighbor_dad_probe(const uint8_t *frame, size_t len, const struct m6_pkt *pkt, m6_addr6 *target);

#endif
