/* linkfault.c - link faults made with ip, nft and tc (linkfault.h). */
#include <arpa/inet.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmdrun.h"
#include "linkdelay.h"
#include "linkfault.h"
#include "topo.h"

#define SINK "m6k-sink"
#define NFT(...) m6h_cmd_run((char *const[]){ "nft", __VA_ARGS__, NULL }, NULL, 0)

/* Links of a lane's network as it is: m6k-t0, m6k-t1, ... that exist. */
static int links_up(int lane)
{
	char t[16], i[16];
	int k = 0;

	for (; k < M6H_TOPO_LINKS; k++) {
		m6h_topo_if_names(lane, k, t, i);
		if (!if_nametoindex(t))
			break;
	}
	return k;
}

static void chain_name(int lane, int k, bool to_iut, char name[24])
{
	snprintf(name, 24, "l%u_t%u_%s", (unsigned)lane % M6H_LANES_MAX, (unsigned)k % M6H_TOPO_LINKS,
		 to_iut ? "to_iut" : "from_iut");
}

/* The sink for frames lost towards the IUT: a tap nobody reads, up, no
 * IPv6 (the kernel sends nothing there), made when missing. */
static int ensure_sink(void)
{
	if (if_nametoindex(SINK))
		return 0;
	return m6h_cmd_run((char *const[]){ "ip", "tuntap", "add", "dev", SINK, "mode", "tap", NULL }, NULL, 0) ||
	       m6h_cmd_run((char *const[]){ "sysctl", "-q", "-w", "net.ipv6.conf." SINK ".disable_ipv6=1", NULL },
			   NULL, 0) ||
	       m6h_cmd_run((char *const[]){ "ip", "link", "set", SINK, "up", NULL }, NULL, 0);
}

/* The link's chain for one direction, in the table, both made when
 * missing: egress of the tester's end towards the IUT, ingress from it. */
static int ensure_chain(int lane, int k, bool to_iut)
{
	char chain[24], t[16], i[16], dev[24];

	chain_name(lane, k, to_iut, chain);
	m6h_topo_if_names(lane, k, t, i);
	snprintf(dev, sizeof dev, "\"%s\"", t);
	return (to_iut && ensure_sink()) || NFT("add", "table", "netdev", M6H_FAULT_TABLE) ||
	       NFT("add", "chain", "netdev", M6H_FAULT_TABLE, chain, "{", "type", "filter", "hook",
		   to_iut ? "egress" : "ingress", "device", dev, "priority", "0", ";", "}");
}

/* A drop rule on one direction; its handle, or 0 when nft refused it. */
static uint64_t add_loss_rule(const struct m6h_linkfault *f, bool to_iut)
{
	char chain[24], addr[INET6_ADDRSTRLEN], pct[12], out[512];
	char *argv[28] = { "nft", "--echo", "--handle", "add", "rule", "netdev", M6H_FAULT_TABLE, chain };
	int n = 8;

	if (ensure_chain(f->lane, f->link, to_iut))
		return 0;
	chain_name(f->lane, f->link, to_iut, chain);
	if (f->has_addr) { /* the address as inet_ntop writes it: nothing else reaches nft */
		inet_ntop(AF_INET6, f->addr, addr, sizeof addr);
		argv[n++] = "ip6";
		argv[n++] = to_iut ? "saddr" : "daddr";
		argv[n++] = addr;
	}
	if (f->pct < 100) {
		snprintf(pct, sizeof pct, "%d", (int)f->pct);
		char *sample[] = { "numgen", "random", "mod", "100", "<", pct };
		for (size_t j = 0; j < sizeof sample / sizeof *sample; j++)
			argv[n++] = sample[j];
	}
	argv[n++] = "counter";
	/* a frame dropped in the egress hook is an error (ENOBUFS) for the
	 * tester that sent it; one forwarded to the sink is lost silently */
	argv[n++] = to_iut ? "fwd" : "drop";
	if (to_iut) {
		argv[n++] = "to";
		argv[n++] = "\"" SINK "\"";
	}
	argv[n] = NULL;
	const char *h = m6h_cmd_run(argv, out, sizeof out) == 0 ? strstr(out, "# handle ") : NULL;
	return h ? strtoull(h + 9, NULL, 10) : 0;
}

static void delete_rule(int lane, int k, bool to_iut, uint64_t handle)
{
	char chain[24], h[24];

	chain_name(lane, k, to_iut, chain);
	snprintf(h, sizeof h, "%llu", (unsigned long long)handle);
	NFT("delete", "rule", "netdev", M6H_FAULT_TABLE, chain, "handle", h);
}

static int set_link(int lane, int k, const char *state)
{
	char t[16], i[16];

	m6h_topo_if_names(lane, k, t, i);
	return m6h_cmd_run((char *const[]){ "ip", "link", "set", t, (char *)state, NULL }, NULL, 0);
}

int m6h_linkfault_apply(const struct m6h_linkfault *f, struct m6h_linkfault_undo *undo, char *err,
			size_t errlen)
{
	struct m6h_linkfault_undo made = { .f = *f };
	bool to = f->dir != M6H_DIR_FROM_IUT, from = f->dir != M6H_DIR_TO_IUT;
	int rc = 0;

	if (m6h_linkfault_check(f, links_up(f->lane), err, errlen))
		return -1;
	switch (f->kind) {
	case M6H_FAULT_DOWN:
		if (set_link(f->lane, f->link, "down")) {
			snprintf(err, errlen, "cannot take link %d down", (int)f->link);
			rc = -1;
		}
		break;
	case M6H_FAULT_LOSS:
		if ((to && !(made.handle[0] = add_loss_rule(f, true))) ||
		    (from && !(made.handle[1] = add_loss_rule(f, false)))) {
			m6h_linkfault_undo(&made, err, errlen);
			snprintf(err, errlen, "nft refused the loss rule on link %d (is the nftables package installed?)",
				 (int)f->link);
			rc = -1;
		}
		break;
	case M6H_FAULT_DELAY:
		if ((to && m6h_linkdelay_start(f->lane, f->link, true, f->ms, err, errlen)) ||
		    (from && m6h_linkdelay_start(f->lane, f->link, false, f->ms, err, errlen))) {
			char ignored[8];
			m6h_linkfault_undo(&made, ignored, sizeof ignored);
			rc = -1;
		}
		break;
	}
	if (undo)
		*undo = made;
	return rc;
}

int m6h_linkfault_undo(const struct m6h_linkfault_undo *u, char *err, size_t errlen)
{
	int k = u->f.link, lane = u->f.lane;
	bool to = u->f.dir != M6H_DIR_FROM_IUT, from = u->f.dir != M6H_DIR_TO_IUT;

	switch (u->f.kind) {
	case M6H_FAULT_DOWN:
		if (set_link(lane, k, "up")) {
			snprintf(err, errlen, "cannot bring link %d up", k);
			return -1;
		}
		break;
	case M6H_FAULT_LOSS:
		for (int d = 0; d < 2; d++)
			if (u->handle[d])
				delete_rule(lane, k, d == 0, u->handle[d]);
		break;
	case M6H_FAULT_DELAY:
		if (to)
			m6h_linkdelay_stop(lane, k, true);
		if (from)
			m6h_linkdelay_stop(lane, k, false);
		break;
	}
	return 0;
}

void m6h_linkfault_clear(int lane, int k)
{
	char chain[24];

	for (int d = 0; d < 2; d++) {
		chain_name(lane, k, d == 0, chain);
		NFT("flush", "chain", "netdev", M6H_FAULT_TABLE, chain);
		NFT("delete", "chain", "netdev", M6H_FAULT_TABLE, chain);
		m6h_linkdelay_stop(lane, k, d == 0);
	}
	set_link(lane, k, "up");
}

void m6h_linkfault_clear_lane(int lane)
{
	for (int k = 0; k < M6H_TOPO_LINKS; k++)
		m6h_linkfault_clear(lane, k);
}

void m6h_linkfault_clear_all(void)
{
	NFT("delete", "table", "netdev", M6H_FAULT_TABLE);
	m6h_cmd_run((char *const[]){ "ip", "link", "del", SINK, NULL }, NULL, 0);
	for (int lane = 0; lane < M6H_LANES_MAX; lane++)
		m6h_linkfault_clear_lane(lane);
}
