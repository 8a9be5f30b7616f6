/*
 * refd_kernel.h - `mip6kit refd --forwarding kernel`: the Linux kernel of
 * refd's network namespace does the home agent's data plane (RFC 6275
 * s10.4), programmed with iproute2 and nft on the engine's binding
 * events, while the engine keeps the signalling (engine.h, host_forwards).
 *
 *   proxy ND        `ip -6 neigh add proxy HOA dev HOME` (and the link-local
 *                   address with the L flag), proxy_ndp and forwarding on
 *   interception    a /128 route per home address into the tunnel entry
 *                   point: a veth pair m6k-kt0 -> m6k-kt1, so that the
 *                   packet is forwarded (Hop Limit one less, Time Exceeded
 *                   at 1) before it is encapsulated
 *   tunnelling      on m6k-kt1, table 7000: the same /128 with a seg6
 *                   encap.red route to the care-of address (one segment:
 *                   no routing header, a plain IPv6-in-IPv6 packet, RFC
 *                   2473), source the home agent's address (`ip sr tunsrc`)
 *   reverse tunnel  IPv6-in-IPv6 to the home agent's address is looked up
 *                   (rule 90, before the local table, moved to 1000) in
 *                   table 7001: a seg6local End.DX6 route decapsulates and
 *                   forwards the inner packet; an nft set of (care-of
 *                   address, inner source) pairs drops the rest first
 *
 * This kernel has no ip6_tunnel nor XFRM tunnel (CONFIG_IPV6_TUNNEL and
 * CONFIG_INET6_* off), so seg6 lightweight tunnels stand for them.
 */
#ifndef REFD_KERNEL_H
#define REFD_KERNEL_H

#include <stddef.h>

#include "engine.h"

struct refd_kernel;

/* Prepares the namespace (what a killed predecessor left goes first):
 * sysctls, the address addr/plen on home_if and a default route via router
 * when missing, the tunnel entry point, the nft table. NULL with the
 * reason in err when a step fails (what was made is removed again). */
struct refd_kernel *refd_kernel_start(const char *home_if, const m6_addr6 *addr, unsigned plen,
				      const m6_addr6 *router, char *err, size_t errlen);

/* The engine's event ev: a binding of ev->hoa changed (added, updated,
 * removed, expired). The kernel follows at the next refd_kernel_sync:
 * a REMOVED event comes before the binding is gone from the cache. */
void refd_kernel_note(struct refd_kernel *k, const struct m6e_event *ev);

/* Programs the kernel for every home address noted since the last call,
 * from the engine's binding cache. Call it before a packet of the engine
 * leaves (the BA comes after the kernel follows) and after each engine
 * call. A command that fails is reported on standard error. */
void refd_kernel_sync(struct refd_kernel *k, const struct m6e_engine *e);

/* Removes everything refd_kernel_start and the syncs made, restores the
 * sysctls, frees k. NULL is allowed. */
void refd_kernel_stop(struct refd_kernel *k);

#endif
