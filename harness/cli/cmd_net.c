/* cmd_net.c - `mip6kit net` and `mip6kit clean`: the test network
 * (harness/net/topo.h) built and removed by hand. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "topo.h"

static const char net_usage[] =
	"usage: mip6kit net up [--links N] [--iut-addr ADDR/LEN]...\n"
	"       mip6kit net down\n"
	"       mip6kit net iut-mac [LINK]\n"
	"       mip6kit net fault LINK down|up|clear\n"
	"       mip6kit net fault LINK loss PCT [--dir to-iut|from-iut] [--addr IPV6]\n"
	"       mip6kit net fault LINK delay MS [--dir to-iut|from-iut]\n"
	"\n"
	"up builds the test network: namespace " M6H_NETNS " for the implementation under\n"
	"test, joined by the veth pair " M6H_TESTER_IF " (tester, link layer only) <-> " M6H_IUT_IF "\n"
	"(IUT): the home link. --links N (2 or 3) adds foreign-side links m6k-t1 <->\n"
	"m6k-i1, ... --iut-addr gives the IUT's home-link interface an address in\n"
	"2001:db8::/32 (repeatable; the foreign-side links then get 2001:db8:ff01::1/64,\n"
	"...); without one IPv6 is off there, as the reference IUT wants.\n"
	"down removes it; iut-mac prints the MAC address of the IUT's end of link LINK\n"
	"(default 0, " M6H_IUT_IF ").\n"
	"fault makes a fault on link LINK (0 to 2) until 'clear', 'net down' or 'clean':\n"
	"  down       the tester's end m6k-tLINK down: the IUT's end loses carrier ('up'\n"
	"             brings it back);\n"
	"  loss PCT   PCT percent of the frames dropped (nftables table netdev m6k_faults on\n"
	"             m6k-tLINK), both ways or --dir to-iut / from-iut; --addr: only the\n"
	"             packets from that address towards the IUT, or to it from the IUT (one\n"
	"             care-of address dies), 2001:db8::/32 only; the tester's capture still\n"
	"             sees the frames from the IUT that are dropped; rules add up;\n"
	"  delay MS   every frame held MS milliseconds (1 to 10000), both ways or --dir\n"
	"             (a relay process through tap m6k-dLINK: the kernel has no netem);\n"
	"  clear      every fault of the link gone.\n"
	"Needs root. Exit status: 0 done, 2 usage or failure.\n";

int cmd_net(int argc, char **argv)
{
	char err[256];

	if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		fputs(net_usage, argc < 2 ? stderr : stdout);
		return argc < 2 ? 2 : 0;
	}
	if (!strcmp(argv[1], "up")) {
		struct m6h_topo_opts o = { .n_iut_addrs = 0 };
		for (int i = 2; i < argc; i++) {
			if (!strcmp(argv[i], "--links") && i + 1 < argc) {
				o.n_links = atoi(argv[++i]);
				if (o.n_links < 1 || o.n_links > M6H_TOPO_LINKS)
					return cli_fail("net", "--links takes 1 to %d", M6H_TOPO_LINKS);
				continue;
			}
			if (strcmp(argv[i], "--iut-addr") || i + 1 == argc)
				return cli_fail("net", "unexpected '%s'; see 'mip6kit net --help'", argv[i]);
			if (o.n_iut_addrs == 8)
				return cli_fail("net", "at most 8 --iut-addr");
			o.iut_addrs[o.n_iut_addrs++] = argv[++i];
		}
		if (m6h_topo_lock(err, sizeof err))
			return cli_fail("net", "%s", err);
		m6h_topo_down(); /* what any run left, faults of every lane too */
		if (m6h_topo_up(&o, err, sizeof err) < 0)
			return cli_fail("net", "%s", err);
		return 0;
	}
	if (!strcmp(argv[1], "down") && argc == 2) {
		if (m6h_topo_lock(err, sizeof err))
			return cli_fail("net", "%s", err);
		m6h_topo_down();
		return 0;
	}
	if (!strcmp(argv[1], "iut-mac") && argc <= 3) {
		char mac[32], t[16], i[16];
		int k = argc == 3 ? atoi(argv[2]) : 0;
		if (k < 0 || k >= M6H_TOPO_LINKS || (argc == 3 && strspn(argv[2], "0123456789") != strlen(argv[2])))
			return cli_fail("net", "LINK is 0 to %d", M6H_TOPO_LINKS - 1);
		m6h_topo_if_names(0, k, t, i);
		if (m6h_topo_iut_mac(0, k, mac, sizeof mac) < 0)
			return cli_fail("net", "no interface %s in namespace %s (is the network up?)", i, M6H_NETNS);
		puts(mac);
		return 0;
	}
	if (!strcmp(argv[1], "fault"))
		return cmd_net_fault(argc - 1, argv + 1);
	return cli_fail("net", "unknown 'net %s'; see 'mip6kit net --help'", argv[1]);
}

int cmd_clean(int argc, char **argv)
{
	if (argc > 1 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
		printf("usage: mip6kit clean\n\nRemoves what a run (even a killed one) left: the link faults "
		       "(table netdev m6k_faults, delay taps and relays), the namespace " M6H_NETNS
		       " and the veth pairs m6k-t0/m6k-i0, m6k-t1/m6k-i1, ..., and those of the other lanes\n"
		       "(namespaces " M6H_NETNS "1 to " M6H_NETNS "3, tester ends m6k1-t0, ...). Exit status 0.\n");
		return 0;
	}
	if (argc > 1)
		return cli_fail("clean", "takes no arguments");
	char err[256];
	if (m6h_topo_lock(err, sizeof err))
		return cli_fail("clean", "%s; not removing what it uses", err);
	int removed = m6h_topo_down();
	printf("mip6kit clean: %d leftover%s removed\n", removed, removed == 1 ? "" : "s");
	return 0;
}
