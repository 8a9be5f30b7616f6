/*
 * topo.h - the test network: a network namespace for the implementation
 * under test and a veth pair joining it to the tester, built with iproute2
 * and removed again. Every name starts with "m6k" so that `mip6kit clean`
 * finds what a killed run left behind.
 *
 *   tester (this namespace)            IUT namespace "m6k-iut"
 *   m6k-t0  <------- veth ------->  m6k-i0   the home link
 *   m6k-t1  <------- veth ------->  m6k-i1   a foreign-side link (only
 *   ...                                      when more links are asked for)
 *   no IPv6 (link layer only)          the IUT's addresses, or none for
 *                                      the reference IUT (it works at the
 *                                      link layer too)
 *
 * With one link, the care-of prefixes are reached through a router on the
 * home link; with more, through a router on link 1 (2001:db8:ff01::fe,
 * the IUT being 2001:db8:ff01::1 there), so that what goes to a care-of
 * address leaves on another link than what goes to the home link. The
 * tester emulates the routers (it answers their Neighbor Solicitations).
 *
 * Lanes: a run may build up to M6H_LANES_MAX such networks side by side,
 * one IUT each, so that IUT set-ups (settings groups) run at once. Lane 0
 * is the one above; lane L has namespace "m6k-iutL" and tester ends
 * "m6kL-tK" (the IUT's ends keep their names in their own namespace).
 *
 * An IUT in a virtual machine or an appliance: its host-side interface
 * (a guest's tap) is moved into the namespace and bridged with the IUT's
 * end of a link (bridge "m6k-bK"), every end there without IPv6, so that
 * the frames go through to the guest untouched; it is moved back when the
 * network is removed.
 */
#ifndef M6H_TOPO_H
#define M6H_TOPO_H

#include <stdbool.h>
#include <stddef.h>

#define M6H_NETNS "m6k-iut"
#define M6H_TESTER_IF "m6k-t0"
#define M6H_IUT_IF "m6k-i0"

#define M6H_TOPO_LINKS 3 /* the home link and up to two foreign-side links */
#define M6H_LANES_MAX 4  /* test networks side by side */

struct m6h_topo_opts {
	int lane;    /* 0 to M6H_LANES_MAX - 1 */
	int n_links; /* 1 (0 counts as 1) to M6H_TOPO_LINKS */
	/* addresses given to the IUT's interface ("2001:db8:1::1/64"); none:
	 * IPv6 is switched off there and the IUT works at the link layer */
	const char *iut_addrs[8];
	int n_iut_addrs;
	/* an interface to bridge with link k's IUT end (a guest's tap), or NULL */
	const char *bridge[M6H_TOPO_LINKS];
};

/* One test network per machine: takes /run/mip6kit.lock for the life of
 * the process. Returns 0, or -1 with the reason in err (another run). */
int m6h_topo_lock(char *err, size_t errlen);

/* Builds the network of o->lane (removing its leftovers first). Returns
 * 0, or -1 with one line in err. Only documentation prefixes are accepted. */
int m6h_topo_up(const struct m6h_topo_opts *o, char *err, size_t errlen);
/* Removes one lane's network: its link faults (linkfault.h), namespace
 * and veth pairs; a bridged interface goes back to the first namespace
 * first. Returns the number of objects removed. */
int m6h_topo_lane_down(int lane);
/* Removes every lane's network (everything named m6k*), and the table of
 * link faults. */
int m6h_topo_down(void);
/* The namespace of a lane: "m6k-iut", "m6k-iut1", ... */
const char *m6h_topo_netns(int lane);
/* The names of link k's ends in a lane: the tester's ("m6k-t1" in lane 0,
 * "m6k2-t1" in lane 2) and the IUT's ("m6k-i1", in the lane's namespace). */
void m6h_topo_if_names(int lane, int k, char tester[16], char iut[16]);
/* The MAC address of the IUT's end of link k in a lane, "" on failure. */
int m6h_topo_iut_mac(int lane, int k, char *mac, size_t len);

#endif
