/* cmd_send.c - `mip6kit send`: one packet from a build spec out of an
 * interface at the link layer, and the replies that come back, decoded. */
#include <arpa/inet.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "linkio.h"
#include "m6print.h"
#include "neighbor.h"
#include "m6spec.h"

#define CMD "send"

static const char usage_text[] =
	"usage: mip6kit send --iface IF [--wait MS] [--hold ADDR]... SPEC...\n"
	"\n"
	"Builds the packet SPEC describes (the language of 'mip6kit build', always\n"
	"with Ethernet framing; the source MAC is the interface's), sends it out of\n"
	"IF at the link layer, and prints the IPv6 frames that come back within\n"
	"MS milliseconds (default 1000), one line each as 'mip6kit decode' does:\n"
	"Mobility Headers, ICMPv6 errors, Neighbor Advertisements and data packets\n"
	"(Echo, UDP; tunnelled or not), not other Neighbor Discovery or MLD.\n"
	"Meanwhile it answers Neighbor Solicitations (DAD probes included) for the\n"
	"addresses it holds: the packet's source, the routers it emulates\n"
	"(" M6H_ROUTER_ADDR ", " M6H_ROUTER_FOREIGN_ADDR ") and each --hold ADDR\n"
	"(at most 8); never for a Home Address option's address, whose node is away.\n"
	"Set the destination MAC with the spec word ethdst=MAC.\n"
	"\n"
	"Exit status: 0 at least one reply, 1 none, 2 usage, spec or I/O error.\n";

static long elapsed_ms(const struct timespec *since)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return (now.tv_sec - since->tv_sec) * 1000 + (now.tv_nsec - since->tv_nsec) / 1000000;
}

/* Prints the replies that arrive before the deadline; returns their count.
 * Neighbor Solicitations for the held addresses are answered, not printed. */
static int print_replies(struct m6h_link *link, const struct m6h_held *held, long wait_ms, char *err,
			 size_t errlen)
{
	static uint8_t buf[65536], na[256];
	static struct m6_pkt pkt;
	char mem[8192];
	struct m6_buf out;
	struct timespec start;
	int replies = 0;

	m6_buf_init(&out, mem, sizeof mem, stdout);
	clock_gettime(CLOCK_MONOTONIC, &start);
	for (long left = wait_ms; left > 0; left = wait_ms - elapsed_ms(&start)) {
		int n = m6h_link_recv(link, buf, sizeof buf, (int)left, err, errlen);
		if (n < 0)
			return -1;
		if (n == 0)
			break;
		m6_pkt_decode(buf, (size_t)n, M6_LINK_ETHERNET, true, &pkt);
		bool shown = pkt.has_mh || pkt.has_data ||
			     (pkt.has_icmp6 && (pkt.icmp6.type < 128 || pkt.icmp6.type == M6_ICMP6_NA));
		if (!shown) {
			size_t a = m6h_neighbor_advert(buf, (size_t)n, &pkt, m6h_link_mac(link), held, na, sizeof na);
			if (a && m6h_link_send(link, na, a, err, errlen) < 0)
				return -1;
			continue;
		}
		struct m6_frame_info fi = { .frame = (uint64_t)++replies, .caplen = (uint32_t)n,
					    .len = (uint32_t)n };
		m6_print_line(&out, &pkt, &fi);
	}
	m6_buf_flush(&out);
	fflush(stdout);
	return replies;
}

int cmd_send(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "iface", required_argument, NULL, 'i' },
		{ "wait", required_argument, NULL, 'w' },
		{ "hold", required_argument, NULL, 'H' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *iface = NULL;
	long wait_ms = 1000;
	char *end, err[256];
	struct m6h_held held = { .n = 0 };
	int n_hold = 0;
	int c;

	while ((c = getopt_long(argc, argv, "+i:w:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'i': iface = optarg; break;
		case 'w':
			wait_ms = strtol(optarg, &end, 10);
			if (*end || wait_ms < 0 || wait_ms > 600000)
				return cli_fail(CMD, "--wait takes 0 to 600000 milliseconds, not '%s'", optarg);
			break;
		case 'H':
			if (++n_hold > 8 || m6h_held_add(&held, optarg, false))
				return cli_fail(CMD, "--hold takes an IPv6 address, at most 8 times: '%s'", optarg);
			break;
		case 'h': fputs(usage_text, stdout); return 0;
		default: return cli_fail(CMD, "see 'mip6kit send --help'");
		}
	}
	if (!iface || optind == argc)
		return cli_fail(CMD, "needs --iface and a spec; see 'mip6kit send --help'");
	static struct m6_build b;
	static uint8_t frame[4096];
	char *spec = cli_join_words(argc - optind, argv + optind);
	if (!spec)
		return cli_fail(CMD, "out of memory");
	int rc = m6_spec_parse(spec, &b, err, sizeof err);
	free(spec);
	if (rc != M6_OK)
		return cli_fail(CMD, "%s", err);
	if (b.mh_only || !b.pkt.eth)
		return cli_fail(CMD, "a spec sent on a link needs Ethernet framing (no mh-only, noeth or raw)");
	struct m6h_link *link = m6h_link_open(iface, "ip6", err, sizeof err);
	if (!link)
		return cli_fail(CMD, "%s", err);
	memcpy(b.pkt.eth_src, m6h_link_mac(link), 6);
	int n = m6_build_encode(&b, frame, sizeof frame);
	if (n < 0 || m6h_link_send(link, frame, (size_t)n, err, sizeof err) < 0) {
		m6h_link_close(link);
		return cli_fail(CMD, "%s", n < 0 ? "the spec does not encode" : err);
	}
	char src[INET6_ADDRSTRLEN];
	inet_ntop(AF_INET6, b.pkt.src.a, src, sizeof src);
	m6h_held_add(&held, src, false);
	m6h_held_add_routers(&held);
	int replies = print_replies(link, &held, wait_ms, err, sizeof err);
	m6h_link_close(link);
	if (replies < 0)
		return cli_fail(CMD, "%s", err);
	return replies > 0 ? 0 : 1;
}
