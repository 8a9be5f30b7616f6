/*
 * addrmap.h - the capture's addresses moved into the test network, so
 * that a capture from anywhere replays against the IUT there:
 *
 *   the IUT's address              -> the test network's IUT address
 *   its /64 (the home prefix)      -> 2001:db8:1::/64, interface id kept
 *   a documentation /64            -> itself, unless the map already sends
 *   (2001:db8::/32)                   another prefix there (a capture of
 *                                      the test network maps onto itself)
 *   any other /64, in the order    -> the first free of 2001:db8:2::/64,
 *   of first appearance               2001:db8:3::/64, ... (the care-of
 *                                      and correspondent prefixes),
 *                                      interface id kept
 *   link-local, multicast, ::,     -> unchanged
 *   IPv4 (BID care-of addresses)
 *
 * The tester routes all of 2001:db8::/32 (the IUT's route to it goes
 * through the router the tester emulates). With --keep-addresses nothing
 * moves; the addresses must then be documentation ones (2001:db8::/32)
 * and the IUT's that of the test network.
 */
#ifndef M6R_ADDRMAP_H
#define M6R_ADDRMAP_H

#include <stdbool.h>
#include <stddef.h>

#include "m6codec.h"

#define M6R_PREFIXES 64

struct m6r_addrmap {
	bool keep;
	m6_addr6 iut_from, iut_to;
	int n;                      /* prefixes mapped so far; [0] is the home prefix */
	m6_addr6 from[M6R_PREFIXES], to[M6R_PREFIXES];
	bool full;                  /* more prefixes than M6R_PREFIXES: the rest kept */
};

void m6r_addrmap_init(struct m6r_addrmap *m, const m6_addr6 *iut_from, const m6_addr6 *iut_to, bool keep);

/* m6_addr_map_fn: *a moved into the test network (m: the map). */
void m6r_addrmap_apply(m6_addr6 *a, void *m);

/* A text table of the map, one "FROM/64 -> TO/64" line each. */
void m6r_addrmap_describe(const struct m6r_addrmap *m, char *out, size_t cap);

/* Is a in 2001:db8::/32? */
bool m6r_documentation(const m6_addr6 *a);

#endif
