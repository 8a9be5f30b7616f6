/* refd_kernel.c - the namespace made ready for the kernel's data plane,
 * and put back at exit (refd_kernel.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cmdrun.h"
#include "refd_kernel_internal.h"
#include "sysctl_swap.h"

int kernel_cmd(char *const argv[], bool quiet)
{
	if (m6h_cmd_run(argv, NULL, 0) == 0)
		return 0;
	if (!quiet) {
		fprintf(stderr, "mip6kit refd: kernel: failed:");
		for (int i = 0; argv[i]; i++)
			fprintf(stderr, " %s", argv[i]);
		fprintf(stderr, "\n");
	}
	return -1;
}

/* A sysctl under /proc/sys/net/ipv6/conf/IF/; returns the old value or -1. */
static int conf_set(const char *iface, const char *key, int value)
{
	char path[128];

	snprintf(path, sizeof path, "/proc/sys/net/ipv6/conf/%s/%s", iface, key);
	return sysctl_swap(path, value);
}

/* What the kernel must not do here: it has no Mobile IPv6
 * (CONFIG_IPV6_MIP6 off), so it answers a Mobility Header, or a Home
 * Address option (an unknown destination option of type 11xxxxxx), sent
 * to it with ICMPv6 Parameter Problem; refd reads them from a packet
 * socket, which sees a frame before netfilter does, so a drop here hides
 * them from the kernel only. A reverse tunnelled packet passes only when
 * its outer source is bound to its inner source (s10.4.5: else silently
 * discarded; the decapsulating route alone checks only the outer source);
 * with extension headers before the inner packet, it is not looked into
 * and goes too. (`fib daddr type local` would not do for those: the
 * lookup finds the decapsulating route, not a local one.) */
static int nft_table(const struct refd_kernel *k)
{
	char rules[1024];

	snprintf(rules, sizeof rules,
		 "table ip6 " KERNEL_NFT_TABLE " {\n"
		 "  set reverse { typeof ip6 saddr . @nh,384,128; }\n"
		 "  chain prerouting {\n"
		 "    type filter hook prerouting priority raw; policy accept;\n"
		 "    fib daddr type local meta l4proto 135 drop\n"
		 "    fib daddr type local exthdr dst exists drop\n"
		 "    ip6 daddr %s meta l4proto ipv6 ip6 nexthdr != ipv6 drop\n"
		 "    ip6 daddr %s ip6 nexthdr ipv6 ip6 saddr . @nh,384,128 != @reverse drop\n"
		 "  }\n"
		 "}\n",
		 k->addr, k->addr);
	return KCMD("nft", rules);
}

/* Everything a refd of this namespace may have made, whether it is
 * there or not (at start: a predecessor killed before its clean-up). */
static void remove_all(const char *home_if)
{
	KCMD_QUIET("nft", "delete", "table", "ip6", KERNEL_NFT_TABLE);
	KCMD_QUIET("ip", "-6", "rule", "del", "pref", KERNEL_RULE_PREF);
	KCMD_QUIET("ip", "-6", "rule", "del", "pref", KERNEL_DECAP_PREF);
	if (KCMD_QUIET("ip", "-6", "rule", "del", "pref", KERNEL_LOCAL_PREF, "lookup", "local") == 0)
		KCMD_QUIET("ip", "-6", "rule", "add", "pref", "0", "lookup", "local"); /* back where it was */
	KCMD_QUIET("ip", "-6", "route", "flush", "table", KERNEL_DECAP_TABLE);
	KCMD_QUIET("ip", "link", "del", KERNEL_ENTRY_IF); /* and its peer, and the routes through it */
	KCMD_QUIET("ip", "-6", "route", "flush", "table", KERNEL_TUNNEL_TABLE);
	KCMD_QUIET("ip", "-6", "route", "flush", "table", "main", "proto", KERNEL_RTPROTO);
	KCMD_QUIET("ip", "-6", "neigh", "flush", "proxy", "dev", (char *)home_if);
	KCMD_QUIET("ip", "sr", "tunsrc", "set", "::");
}

static bool has_addr(const char *home_if, const char *addr)
{
	char out[4096], want[INET6_ADDRSTRLEN + 8];

	if (m6h_cmd_run((char *const[]){ "ip", "-6", "-o", "addr", "show", "dev", (char *)home_if, NULL }, out,
			sizeof out) != 0)
		return false;
	snprintf(want, sizeof want, " %s/", addr);
	return strstr(out, want) != NULL;
}

/* The home agent's address and a way off the link, unless there already. */
static int addresses(struct refd_kernel *k, unsigned plen)
{
	snprintf(k->addr_cidr, sizeof k->addr_cidr, "%s/%u", k->addr, plen);
	if (!has_addr(k->home_if, k->addr)) {
		if (KCMD("ip", "-6", "addr", "add", k->addr_cidr, "dev", k->home_if, "nodad"))
			return -1;
		k->added_addr = true;
	}
	/* fails when the namespace has a default route: that one stays (ours
	 * goes with the routes of our protocol) */
	KCMD_QUIET("ip", "-6", "route", "add", "default", "via", k->router, "dev", k->home_if, "proto", KERNEL_RTPROTO);
	return 0;
}

/* The tunnel entry point: what is routed out of kt0 comes in at kt1,
 * where rule 100 looks it up in the tunnel table. */
static int entry_point(void)
{
	if (KCMD("ip", "link", "add", KERNEL_ENTRY_IF, "type", "veth", "peer", "name", KERNEL_EXIT_IF, "address",
		 KERNEL_EXIT_MAC) ||
	    KCMD("ip", "link", "set", KERNEL_ENTRY_IF, "up") || KCMD("ip", "link", "set", KERNEL_EXIT_IF, "up") ||
	    KCMD("ip", "-6", "neigh", "replace", KERNEL_EXIT_HOP, "lladdr", KERNEL_EXIT_MAC, "dev", KERNEL_ENTRY_IF,
		 "nud", "permanent"))
		return -1;
	return KCMD("ip", "-6", "rule", "add", "pref", KERNEL_RULE_PREF, "iif", KERNEL_EXIT_IF, "lookup",
		    KERNEL_TUNNEL_TABLE);
}

/* The reverse tunnel's exit: IPv6-in-IPv6 (protocol 41) to the node's
 * address is looked up, before the local table, in a table whose End.DX6
 * route decapsulates it and forwards the inner packet (Hop Limit one
 * less); which outer sources may come is the nft set's business. */
static int exit_point(const struct refd_kernel *k)
{
	char host[INET6_ADDRSTRLEN + 4];

	snprintf(host, sizeof host, "%s/128", k->addr);
	if (KCMD("ip", "-6", "route", "add", host, "encap", "seg6local", "action", "End.DX6", "nh6", "::", "dev",
		 (char *)k->home_if, "table", KERNEL_DECAP_TABLE) ||
	    KCMD("ip", "-6", "rule", "add", "pref", KERNEL_LOCAL_PREF, "lookup", "local") ||
	    KCMD("ip", "-6", "rule", "del", "pref", "0", "lookup", "local"))
		return -1;
	return KCMD("ip", "-6", "rule", "add", "pref", KERNEL_DECAP_PREF, "to", host, "ipproto", "41", "lookup",
		    KERNEL_DECAP_TABLE);
}

/* The mode rewrites the policy routing of its network namespace (the
 * local table's rule moves): never do that to the host's own, that of
 * process 1 (when process 1 cannot be looked at, as in some sandboxes,
 * nothing tells, and the mode goes on). */
static bool in_host_namespace(void)
{
	struct stat self, init;

	return stat("/proc/self/ns/net", &self) == 0 && stat("/proc/1/ns/net", &init) == 0 &&
	       self.st_ino == init.st_ino && self.st_dev == init.st_dev;
}

struct refd_kernel *refd_kernel_start(const char *home_if, const m6_addr6 *addr, unsigned plen,
				      const m6_addr6 *router, char *err, size_t errlen)
{
	if (in_host_namespace()) {
		snprintf(err, errlen,
			 "--forwarding kernel rewrites the routing of its network namespace: run it in one of its own "
			 "(ip netns exec NS mip6kit refd ...), not in the host's");
		return NULL;
	}
	struct refd_kernel *k = calloc(1, sizeof *k);

	if (!k) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	snprintf(k->home_if, sizeof k->home_if, "%s", home_if);
	inet_ntop(AF_INET6, addr->a, k->addr, sizeof k->addr);
	inet_ntop(AF_INET6, router->a, k->router, sizeof k->router);
	remove_all(home_if);
	k->was_forwarding = conf_set("all", "forwarding", 1);
	/* "all": a unicast Neighbor Solicitation for a proxied address is
	 * routed first, and the forwarding path looks at all/proxy_ndp only */
	k->was_proxy_ndp = conf_set("all", "proxy_ndp", 1);
	const char *step = k->was_forwarding < 0 || k->was_proxy_ndp < 0 ? "the forwarding and proxy_ndp sysctls"
			   : addresses(k, plen)			     ? "the home agent's address"
			   : entry_point()				     ? "the tunnel entry point " KERNEL_ENTRY_IF
			   : exit_point(k)				     ? "the reverse tunnel's exit"
			   : KCMD("ip", "sr", "tunsrc", "set", k->addr)     ? "the tunnel source (ip sr tunsrc)"
			   : nft_table(k)			     ? "the nft table " KERNEL_NFT_TABLE
									     : NULL;
	if (step) {
		snprintf(err, errlen, "--forwarding kernel: cannot set up %s on %s (root, iproute2 and nft needed)",
			 step, home_if);
		refd_kernel_stop(k);
		return NULL;
	}
	return k;
}

void refd_kernel_stop(struct refd_kernel *k)
{
	if (!k)
		return;
	remove_all(k->home_if);
	if (k->added_addr)
		KCMD_QUIET("ip", "-6", "addr", "del", k->addr_cidr, "dev", k->home_if);
	if (k->was_proxy_ndp >= 0)
		conf_set("all", "proxy_ndp", k->was_proxy_ndp);
	if (k->was_forwarding >= 0)
		conf_set("all", "forwarding", k->was_forwarding);
	free(k);
}
