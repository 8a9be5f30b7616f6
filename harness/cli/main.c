/* main.c - bin/mip6kit: dispatches to the subcommands of cli.h. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "version.h"

/* `mip6kit version` and `mip6kit --version`. */
static int cmd_version(int argc, char **argv)
{
	if (argc > 1 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
		printf("usage: mip6kit version\n\nPrints the release of mip6kit and the commit it was built from\n"
		       "('unknown' when it was not built from a git checkout). Exit status 0.\n");
		return 0;
	}
	if (argc > 1)
		return cli_fail("version", "takes no arguments; see 'mip6kit version --help'");
	printf("%s\n", m6k_version_line());
	return 0;
}

struct subcommand {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *summary;
};

static const struct subcommand subcommands[] = {
	{ "decode", cmd_decode, "decode Mobility Header packets from a pcap/pcapng file" },
	{ "build", cmd_build, "build a Mobility Header packet from a text spec" },
	{ "rr", cmd_rr, "compute return-routability tokens, Kbm and Authenticators" },
	{ "replay", cmd_replay, "send captured exchanges again to an HA/CN and diff its answers" },
	{ "run", cmd_run, "run the conformance suites against an HA/CN and write reports" },
	{ "refd", cmd_refd, "run the reference home agent / correspondent node on an interface" },
	{ "send", cmd_send, "send one packet at the link layer and print the replies" },
	{ "net", cmd_net, "build or remove the test network (namespace and veth pair)" },
	{ "check", cmd_check, "judge an HA's or CN's answers in captured traffic (pcap/pcapng)" },
	{ "clean", cmd_clean, "remove what an interrupted run left behind" },
	{ "version", cmd_version, "print the version and the commit it was built from" },
};

static void usage(FILE *to)
{
	fprintf(to, "usage: mip6kit COMMAND [ARGS...]\n\n"
		    "mip6kit tests Mobile IPv6 home agents and correspondent nodes that\n"
		    "support Multiple Care-of Addresses registration (RFC 5648, RFC 6275).\n\n"
		    "commands:\n");
	for (size_t i = 0; i < sizeof subcommands / sizeof subcommands[0]; i++)
		fprintf(to, "  %-8s %s\n", subcommands[i].name, subcommands[i].summary);
	fprintf(to, "\n'mip6kit COMMAND --help' describes each command; 'mip6kit --version' is\n"
		    "'mip6kit version'.\n");
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		usage(stderr);
		return 2;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
		usage(stdout);
		return 0;
	}
	if (!strcmp(argv[1], "--version"))
		return cmd_version(argc - 1, argv + 1);
	for (size_t i = 0; i < sizeof subcommands / sizeof subcommands[0]; i++)
		if (!strcmp(argv[1], subcommands[i].name))
			return subcommands[i].run(argc - 1, argv + 1);
	fprintf(stderr, "mip6kit: unknown command '%s' (try 'mip6kit --help')\n", argv[1]);
	return 2;
}
