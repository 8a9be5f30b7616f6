/*
 * neighbor.h - the tester answers Neighbor Solicitations (RFC 4861 s7.2.4)
 * for the addresses it emulates: the router in front of the care-of
 * addresses and the care-of addresses themselves. An IUT with a kernel
 * resolves them before it can send a BA; the tester's own side of the
 * link has IPv6 switched off, so nobody else would answer.
 */
#ifndef M6H_NEIGHBOR_H
#define M6H_NEIGHBOR_H

#include <stddef.h>
#include <stdint.h>

#include "m6codec.h"

/* The router the IUT reaches the care-of prefixes through (topo.c sets
 * the route in the IUT's namespace). */
#define M6H_ROUTER_ADDR "2001:db8:1::fe"

/*
 * m6h_neighbor_advert - if frame[0..len) (decoded as pkt) is a Neighbor
 * Solicitation for an address in 2001:db8::/32 other than not_ours,
 * writes the Neighbor Advertisement to send (an Ethernet frame from mac)
 * into out. Returns its length, or 0 when there is nothing to answer.
 */
size_t m6h_neighbor_advert(const uint8_t *frame, size_t len, const struct m6_pkt *pkt, const uint8_t mac[6],
			   const m6_addr6 *not_ours, uint8_t *out, size_t cap);

#endif
