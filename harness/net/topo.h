/*
 * topo.h - the test network: a network namespace for the implementation
 * under test and a veth pair joining it to the tester, built with iproute2
 * and removed again. Every name starts with "m6k" so that `mip6kit clean`
 * finds what a killed run left behind.
 *
 *   tester (this namespace)            IUT namespace "m6k-iut"
 *   m6k-t0  <------- veth ------->  m6k-i0
 *   no IPv6 (link layer only)          the IUT's addresses, or none for
 *                                      the reference IUT (it works at the
 *                                      link layer too)
 */
#ifndef M6H_TOPO_H
#define M6H_TOPO_H

#include <stdbool.h>
#include <stddef.h>

#define M6H_NETNS "m6k-iut"
#define M6H_TESTER_IF "m6k-t0"
#define M6H_IUT_IF "m6k-i0"

struct m6h_topo_opts {
	/* addresses given to the IUT's interface ("2001:db8:1::1/64"); none:
	 * IPv6 is switched off there and the IUT works at the link layer */
	const char *iut_addrs[8];
	int n_iut_addrs;
};

/* One test network per machine: takes /run/mip6kit.lock for the life of
 * the process. Returns 0, or -1 with the reason in err (another run). */
int m6h_topo_lock(char *err, size_t errlen);

/* Builds the network (removing leftovers first). Returns 0, or -1 with
 * one line in err. Only documentation prefixes are accepted. */
int m6h_topo_up(const struct m6h_topo_opts *o, char *err, size_t errlen);
/* Removes everything named m6k*: the namespace and the veth pair.
 * Returns the number of objects removed. */
int m6h_topo_down(void);
/* The MAC address of an interface in the IUT namespace, "" on failure. */
int m6h_topo_iut_mac(char *mac, size_t len);

#endif
