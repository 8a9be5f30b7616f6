/* refd_kernel_internal.h - what refd_kernel.c (the namespace's set-up and
 * removal) and refd_kernel_sync.c (a home address's routes, proxy entries
 * and reverse tunnel pairs) share. */
#ifndef REFD_KERNEL_INTERNAL_H
#define REFD_KERNEL_INTERNAL_H

#include <arpa/inet.h>
#include <stdbool.h>

#include "refd_kernel.h"

#define KERNEL_ENTRY_IF "m6k-kt0"            /* the tunnel entry point: packets for */
#define KERNEL_EXIT_IF "m6k-kt1"             /* home addresses go out of kt0, in at kt1 */
#define KERNEL_EXIT_MAC "02:6d:36:6b:02:01"
#define KERNEL_EXIT_HOP "fe80::2"            /* kt1 as kt0's next hop (a permanent entry) */
#define KERNEL_TUNNEL_TABLE "7000"           /* the seg6 routes, looked up for what enters at kt1 */
#define KERNEL_RULE_PREF "100"
#define KERNEL_DECAP_TABLE "7001"            /* the End.DX6 route, for IPv6-in-IPv6 to the node */
#define KERNEL_DECAP_PREF "90"               /* before the local table, moved from 0 to 1000 */
#define KERNEL_LOCAL_PREF "1000"
#define KERNEL_RTPROTO "186"                 /* refd's routes, found again by this protocol */
#define KERNEL_NFT_TABLE "m6k_refd"

enum { KERNEL_TUNNEL = 1, KERNEL_REVERSE, KERNEL_PROXY };
enum { KERNEL_MAX_INSTALLED = 8192, KERNEL_MAX_PENDING = 256 };

/* What the kernel holds: a home address's tunnel (a: home address, b:
 * care-of address), a reverse tunnel pair (the same), a proxied address
 * (a). */
struct kernel_entry {
	uint8_t kind;
	m6_addr6 a, b;
};

struct refd_kernel {
	char home_if[32];
	char addr[INET6_ADDRSTRLEN];
	bool added_addr;
	char addr_cidr[INET6_ADDRSTRLEN + 4];
	char router[INET6_ADDRSTRLEN];
	int was_forwarding, was_proxy_ndp;
	struct kernel_entry entries[KERNEL_MAX_INSTALLED];
	size_t n_entries;
	m6_addr6 pending[KERNEL_MAX_PENDING];
	size_t n_pending;
	bool sync_all; /* pending overflowed: every home address held */
};

/* Runs argv; on failure one line on standard error naming it. Returns 0
 * or -1. quiet: no line (a removal that may find nothing). */
int kernel_cmd(char *const argv[], bool quiet);
#define KCMD(...) kernel_cmd((char *const[]){ __VA_ARGS__, NULL }, false)
#define KCMD_QUIET(...) kernel_cmd((char *const[]){ __VA_ARGS__, NULL }, true)

#endif
