/* topo.c - build and remove the test network with iproute2 (topo.h). */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <sys/file.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cmdrun.h"
#include "linkfault.h"
#include "neighbor.h"
#include "topo.h"

#define IP(...) m6h_cmd_run((char *const[]){ "ip", __VA_ARGS__, NULL }, NULL, 0)

/* The problem in err, and what was built of the lane removed again. */
__attribute__((format(printf, 4, 5))) static int fail(int lane, char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
	m6h_topo_lane_down(lane);
	return -1;
}

/* 2001:db8::/32 only (the rule: documentation prefixes). */
static bool documentation_addr(const char *cidr)
{
	char addr[INET6_ADDRSTRLEN];
	unsigned char a[16];
	const char *slash = strchr(cidr, '/');
	size_t n = slash ? (size_t)(slash - cidr) : strlen(cidr);

	if (n >= sizeof addr)
		return false;
	memcpy(addr, cidr, n);
	addr[n] = '\0';
	return inet_pton(AF_INET6, addr, a) == 1 && a[0] == 0x20 && a[1] == 0x01 && a[2] == 0x0d &&
	       a[3] == 0xb8;
}

static int sysctl_disable_ipv6(const char *netns, const char *iface)
{
	char key[96];

	snprintf(key, sizeof key, "net.ipv6.conf.%s.disable_ipv6=1", iface);
	if (netns)
		return IP("netns", "exec", (char *)netns, "sysctl", "-q", "-w", key);
	return m6h_cmd_run((char *const[]){ "sysctl", "-q", "-w", key, NULL }, NULL, 0);
}

int m6h_topo_lock(char *err, size_t errlen)
{
	static int fd = -1;

	if (fd >= 0)
		return 0;
	fd = open("/run/mip6kit.lock", O_CREAT | O_RDWR | O_CLOEXEC, 0644);
	if (fd < 0) {
		snprintf(err, errlen, "/run/mip6kit.lock: %s", strerror(errno));
		return -1;
	}
	if (flock(fd, LOCK_EX | LOCK_NB) == 0)
		return 0;
	snprintf(err, errlen, "another mip6kit run holds the test network (/run/mip6kit.lock)");
	close(fd);
	fd = -1;
	return -1;
}

const char *m6h_topo_netns(int lane)
{
	static const char *const names[M6H_LANES_MAX] = { M6H_NETNS, M6H_NETNS "1", M6H_NETNS "2", M6H_NETNS "3" };
	return names[lane >= 0 && lane < M6H_LANES_MAX ? lane : 0];
}

void m6h_topo_if_names(int lane, int k, char tester[16], char iut[16])
{
	unsigned l = (unsigned)lane % M6H_LANES_MAX, n = (unsigned)k % M6H_TOPO_LINKS;

	if (l > 0)
		snprintf(tester, 16, "m6k%u-t%u", l, n);
	else
		snprintf(tester, 16, "m6k-t%u", n);
	snprintf(iut, 16, "m6k-i%u", n);
}

/* Link k: the veth pair, up; the tester's end without IPv6. */
static int link_up(int k, const struct m6h_topo_opts *o, char *err, size_t errlen)
{
	char t[16], i[16], *ns = (char *)m6h_topo_netns(o->lane);

	/* fixed, locally administered MAC addresses (02:6d:36:6b = "m6k"): the
	 * same in every run, lane and after the network is built again (each
	 * lane is a link of its own; the tester's ends have no IPv6) */
	char tmac[18], imac[18];
	snprintf(tmac, sizeof tmac, "02:6d:36:6b:00:%02x", k);
	snprintf(imac, sizeof imac, "02:6d:36:6b:01:%02x", k);
	m6h_topo_if_names(o->lane, k, t, i);
	if (IP("link", "add", t, "address", tmac, "type", "veth", "peer", "name", i, "address", imac, "netns", ns))
		return fail(o->lane, err, errlen, "ip link add %s type veth failed", t);
	/* the tester's side speaks only at the link layer: the kernel must
	 * not answer (or solicit) anything there */
	if (sysctl_disable_ipv6(NULL, t) || IP("link", "set", t, "up"))
		return fail(o->lane, err, errlen, "cannot bring %s up", t);
	if (o->n_iut_addrs == 0 && sysctl_disable_ipv6(ns, i))
		return fail(o->lane, err, errlen, "cannot switch IPv6 off on %s", i);
	if (IP("-n", ns, "link", "set", i, "up"))
		return fail(o->lane, err, errlen, "cannot bring %s up", i);
	return 0;
}

/* Link k's IUT end bridged with the interface name (moved into the
 * namespace), none of them with IPv6: the tester's frames reach a guest
 * behind name as they were sent. */
static int bridge_up(int lane, int k, const char *name, char *err, size_t errlen)
{
	char t[16], i[16], br[24], *ns = (char *)m6h_topo_netns(lane);

	m6h_topo_if_names(lane, k, t, i);
	snprintf(br, sizeof br, "m6k-b%d", k);
	if (IP("link", "set", (char *)name, "netns", ns))
		return fail(lane, err, errlen, "cannot move %s into %s (is it an interface of this host?)", name, ns);
	if (IP("-n", ns, "link", "add", br, "type", "bridge") || sysctl_disable_ipv6(ns, br) ||
	    sysctl_disable_ipv6(ns, i) || sysctl_disable_ipv6(ns, name) || IP("-n", ns, "link", "set", i, "master", br) ||
	    IP("-n", ns, "link", "set", (char *)name, "master", br) || IP("-n", ns, "link", "set", (char *)name, "up") ||
	    IP("-n", ns, "link", "set", br, "up"))
		return fail(lane, err, errlen, "cannot bridge %s with %s", name, i);
	return 0;
}

/* Interfaces in the namespace that are not the network's own (a bridged
 * guest's tap) go back to the first namespace: deleting the namespace
 * would destroy them. */
static void give_back_bridged(char *ns)
{
	char out[4096];

	if (m6h_cmd_run((char *const[]){ "ip", "-n", ns, "-o", "link", "show", NULL }, out, sizeof out) != 0)
		return;
	for (char *line = out; *line; line += strcspn(line, "\n") + (line[strcspn(line, "\n")] == '\n')) {
		char *name = strstr(line, ": ");
		if (!name || (size_t)(name - line) > strcspn(line, "\n"))
			continue;
		name += 2;
		char one[32];
		snprintf(one, sizeof one, "%.*s", (int)strcspn(name, ":@\n"), name);
		if (strcmp(one, "lo") && strncmp(one, "m6k", 3))
			IP("-n", ns, "link", "set", one, "netns", "1");
	}
}

/* An IUT with addresses: the home link's, an address on each foreign-side
 * link, and the route to the care-of prefixes. */
static int iut_addresses(const struct m6h_topo_opts *o, int links, char *err, size_t errlen)
{
	char t[16], i[16], addr[48], *ns = (char *)m6h_topo_netns(o->lane);

	for (int k = 0; k < o->n_iut_addrs; k++)
		if (IP("-n", ns, "addr", "add", (char *)o->iut_addrs[k], "dev", M6H_IUT_IF, "nodad"))
			return fail(o->lane, err, errlen, "cannot add %s to %s", o->iut_addrs[k], M6H_IUT_IF);
	for (int k = 1; k < links; k++) {
		m6h_topo_if_names(o->lane, k, t, i);
		snprintf(addr, sizeof addr, "2001:db8:ff%02x::1/64", k);
		if (IP("-n", ns, "addr", "add", addr, "dev", i, "nodad"))
			return fail(o->lane, err, errlen, "cannot add %s to %s", addr, i);
	}
	char via[48];
	m6h_topo_if_names(o->lane, links > 1 ? 1 : 0, t, i);
	snprintf(via, sizeof via, "%s", links > 1 ? M6H_ROUTER_FOREIGN_ADDR : M6H_ROUTER_ADDR);
	if (IP("-n", ns, "-6", "route", "add", "2001:db8::/32", "via", via, "dev", i))
		return fail(o->lane, err, errlen, "cannot route 2001:db8::/32 via %s in %s", via, ns);
	return 0;
}

int m6h_topo_up(const struct m6h_topo_opts *o, char *err, size_t errlen)
{
	int links = o->n_links < 1 ? 1 : o->n_links;
	char *ns = (char *)m6h_topo_netns(o->lane);

	if (links > M6H_TOPO_LINKS || o->lane < 0 || o->lane >= M6H_LANES_MAX) {
		snprintf(err, errlen, "at most %d links and %d lanes", M6H_TOPO_LINKS, M6H_LANES_MAX);
		return -1;
	}
	for (int i = 0; i < o->n_iut_addrs; i++)
		if (!documentation_addr(o->iut_addrs[i])) {
			snprintf(err, errlen, "%s is not in 2001:db8::/32", o->iut_addrs[i]);
			return -1;
		}
	if (m6h_topo_lock(err, errlen))
		return -1;
	m6h_topo_lane_down(o->lane);
	if (IP("netns", "add", ns))
		return fail(o->lane, err, errlen, "ip netns add %s failed (are you root?)", ns);
	for (int k = 0; k < links; k++)
		if (link_up(k, o, err, errlen) || (o->bridge[k] && bridge_up(o->lane, k, o->bridge[k], err, errlen)))
			return -1;
	if (IP("-n", ns, "link", "set", "lo", "up"))
		return fail(o->lane, err, errlen, "cannot bring lo up in %s", ns);
	/* an IUT with addresses reaches the care-of prefixes through the
	 * router the tester emulates (it answers the Neighbor Solicitations) */
	return o->n_iut_addrs ? iut_addresses(o, links, err, errlen) : 0;
}

int m6h_topo_lane_down(int lane)
{
	char t[16], i[16], *ns = (char *)m6h_topo_netns(lane);
	int removed = 0;

	m6h_linkfault_clear_lane(lane);
	give_back_bridged(ns);
	removed += IP("netns", "del", ns) == 0; /* takes the IUT's ends and their peers */
	for (int k = 0; k < M6H_TOPO_LINKS; k++) {
		m6h_topo_if_names(lane, k, t, i);
		removed += IP("link", "del", t) == 0;
	}
	return removed;
}

int m6h_topo_down(void)
{
	int removed = 0;

	m6h_linkfault_clear_all(); /* the table too: no lane holds a fault now */
	for (int lane = 0; lane < M6H_LANES_MAX; lane++)
		removed += m6h_topo_lane_down(lane);
	return removed;
}

int m6h_topo_iut_mac(int lane, int k, char *mac, size_t len)
{
	char out[512], t[16], i[16];
	const char *p;

	m6h_topo_if_names(lane, k, t, i);
	if (m6h_cmd_run((char *const[]){ "ip", "-n", (char *)m6h_topo_netns(lane), "-o", "link", "show", i, NULL }, out,
			sizeof out) != 0 ||
	    !(p = strstr(out, "link/ether ")) || len < 18) {
		if (len)
			mac[0] = '\0';
		return -1;
	}
	memcpy(mac, p + 11, 17);
	mac[17] = '\0';
	return 0;
}
