/* cmd_replay.c - `mip6kit replay`: the command line of harness/replay/
 * (replay.h), and --testlist, many captures each with its options and
 * expected exit status. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "replay.h"

#define CMD "replay"

static const char usage_text[] =
	"usage: mip6kit replay CAPTURE... [OPTIONS]\n"
	"       mip6kit replay --testlist FILE [OPTIONS]\n"
	"\n"
	"Sends the mobile node side of captured exchanges again to an IUT and diffs\n"
	"its answers, field by field, against the recorded ones. Writes\n"
	"reports/replay-<time>/ (summary.txt, junit.xml, report.html with recorded and\n"
	"replayed exchanges side by side, cases/<capture>.pcap: the new capture).\n"
	"CAPTURE: pcap or pcapng of any link type 'mip6kit decode' reads (a case pcap of\n"
	"'mip6kit run', a field capture). The IUT is the address that sends answers\n"
	"(BA, HoT, CoT, BE, BRR, DHAAD Reply, MPA); --iut-addr names it.\n"
	"\n"
	"The IUT, one of (each capture meets a freshly started IUT, but --iut-if's\n"
	"and with --one-iut):\n"
	"  (default)              the reference IUT, 'mip6kit refd', in the test network\n"
	"  --iut-cmd CMD          your HA/CN build, as with 'mip6kit run --iut-cmd'\n"
	"  --iut-if IF --iut-mac MAC  an IUT elsewhere, reached through interface IF\n"
	"Options:\n"
	"  --iut-addr A           the IUT's address in the captures (and an --iut-if IUT's)\n"
	"  --role ha|cn           what the IUT is (default: ha when a BU has the H flag)\n"
	"  --keep-addresses       send the captured addresses as they are (documentation\n"
	"                         prefixes only; the IUT must be 2001:db8:1::1); default:\n"
	"                         the IUT's /64 becomes 2001:db8:1::/64, other /64s\n"
	"                         2001:db8:2::/64, 2001:db8:3::/64, ... (interface ids kept)\n"
	"  --pacing               keep the capture's time between requests\n"
	"  --one-iut              start the IUT once for all captures, not once each (faster;\n"
	"                         their addresses must not meet, as case pcaps' do not)\n"
	"  --stop-on-diff         stop at the first differing exchange: the rest of its\n"
	"                         capture and the captures after it are skipped; with\n"
	"                         --testlist, stop at the first entry that does not exit\n"
	"                         as expected\n"
	"  --fault NAME           the reference IUT with a seeded fault ('mip6kit refd --fault list')\n"
	"  --iut-settings S       settings the IUT starts with (as in 'mip6kit run')\n"
	"  --time-scale F         every reply window x F (0.1 to 100; not --pacing's times\n"
	"                         nor the wait for a lifetime's end: the IUT's clock)\n"
	"  --startup-wait S       how long the IUT has to answer a first probe (default 20)\n"
	"  --reports DIR          where the run folder goes (default reports)\n"
	"  -q, --quiet            no line per exchange nor summary (summary.txt has them)\n"
	"  --testlist FILE        lines 'NAME CAPTURE OPTIONS EXIT': OPTIONS replay's\n"
	"                         options joined by commas ('-' for none), EXIT the exit\n"
	"                         status expected; the line's options go over those\n"
	"                         given here; prints one line per entry and\n"
	"                         'N passed, N failed' (', N skipped' with --stop-on-diff)\n"
	"\n"
	"A request waits for as many answers as the capture shows, within the reply\n"
	"window of 'mip6kit run' (1.5 s; 3 s for a home registration, DAD first); one\n"
	"the capture shows unanswered waits for nothing (an answer after the next\n"
	"request is that one's, in the capture as in the replay).\n"
	"Fix-ups (see 'man mip6kit-replay'): checksums; sequence numbers (the first BU\n"
	"of each home address keeps its recorded value, later ones their recorded\n"
	"distance; after an unrecorded 135 the BU goes again from the IUT's number + 1);\n"
	"return routability (the new Home/Care-of Tests' tokens and nonce indices, each\n"
	"BU that was signed signed again with the new Kbm).\n"
	"\n"
	"Exit status: 0 every answer the same, 1 differences, 2 could not run.\n";

enum { O_IUT_CMD = 256, O_IUT_IF, O_IUT_MAC, O_IUT_ADDR, O_ROLE, O_KEEP, O_PACING, O_ONE_IUT, O_STOP_ON_DIFF,
       O_FAULT, O_SETTINGS, O_SCALE, O_STARTUP, O_REPORTS, O_TESTLIST };

static const struct option long_opts[] = {
	{ "iut-cmd", required_argument, NULL, O_IUT_CMD },
	{ "iut-if", required_argument, NULL, O_IUT_IF },
	{ "iut-mac", required_argument, NULL, O_IUT_MAC },
	{ "iut-addr", required_argument, NULL, O_IUT_ADDR },
	{ "role", required_argument, NULL, O_ROLE },
	{ "keep-addresses", no_argument, NULL, O_KEEP },
	{ "pacing", no_argument, NULL, O_PACING },
	{ "one-iut", no_argument, NULL, O_ONE_IUT },
	{ "stop-on-diff", no_argument, NULL, O_STOP_ON_DIFF },
	{ "fault", required_argument, NULL, O_FAULT },
	{ "iut-settings", required_argument, NULL, O_SETTINGS },
	{ "time-scale", required_argument, NULL, O_SCALE },
	{ "startup-wait", required_argument, NULL, O_STARTUP },
	{ "reports", required_argument, NULL, O_REPORTS },
	{ "testlist", required_argument, NULL, O_TESTLIST },
	{ "quiet", no_argument, NULL, 'q' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

/* Options into o, over what it holds; the captures stay in
 * argv[optind..). Returns 0, 1 for --help (printed), or 2 (the problem
 * printed). */
static int parse(int argc, char **argv, struct m6r_options *o, const char **testlist)
{
	int c;
	char *end;

	optind = 0;
	while ((c = getopt_long(argc, argv, "qh", long_opts, NULL)) != -1) {
		switch (c) {
		case O_IUT_CMD: o->iut_cmd = optarg; break;
		case O_IUT_IF: o->iut_if = optarg; break;
		case O_IUT_MAC: o->iut_mac = optarg; break;
		case O_IUT_ADDR: o->iut_addr = optarg; break;
		case O_KEEP: o->keep_addresses = true; break;
		case O_PACING: o->pacing = true; break;
		case O_ONE_IUT: o->one_iut = true; break;
		case O_STOP_ON_DIFF: o->stop_on_diff = true; break;
		case O_FAULT: o->fault = optarg; break;
		case O_SETTINGS: o->settings = optarg; break;
		case O_REPORTS: o->reports = optarg; break;
		case O_TESTLIST: *testlist = optarg; break;
		case 'q': o->quiet = true; break;
		case 'h': fputs(usage_text, stdout); return 1;
		case O_ROLE:
			if (strcmp(optarg, "ha") && strcmp(optarg, "cn"))
				return cli_fail(CMD, "--role takes ha or cn, not '%s'", optarg);
			o->role = !strcmp(optarg, "ha") ? M6_ROLE_HA : M6_ROLE_CN;
			break;
		case O_SCALE:
			o->time_scale = strtod(optarg, &end);
			if (*end || o->time_scale < 0.1 || o->time_scale > 100)
				return cli_fail(CMD, "--time-scale takes a number from 0.1 to 100, not '%s'", optarg);
			break;
		case O_STARTUP:
			o->startup_s = (int)strtol(optarg, &end, 10);
			if (*end || o->startup_s < 1 || o->startup_s > 600)
				return cli_fail(CMD, "--startup-wait takes 1 to 600 seconds, not '%s'", optarg);
			break;
		default: return cli_fail(CMD, "see 'mip6kit replay --help'");
		}
	}
	if (!!o->iut_cmd + !!o->iut_if > 1)
		return cli_fail(CMD, "--iut-cmd and --iut-if exclude each other");
	if (o->iut_if && !o->iut_mac)
		return cli_fail(CMD, "--iut-if needs --iut-mac");
	if (o->fault && (o->iut_cmd || o->iut_if))
		return cli_fail(CMD, "--fault is for the reference IUT only");
	return 0;
}

static const struct m6r_options defaults = { .role = -1, .time_scale = 1, .startup_s = 20, .reports = "reports" };

/* The tally of a testlist. */
struct tally {
	int passed, failed, skipped;
};

/* One testlist line: its options (split at commas) over those of the
 * command line, base. */
static int testlist_entry(const struct m6r_options *base, char *line, int lineno, const char *file, struct tally *n)
{
	char name[128], capture[512], options[1024];
	int want;
	if (sscanf(line, "%127s %511s %1023s %d", name, capture, options, &want) != 4)
		return cli_fail(CMD, "%s:%d: not 'NAME CAPTURE OPTIONS EXIT'", file, lineno);
	char *argv[64] = { CMD };
	int argc = 1;
	for (char *tok = strcmp(options, "-") ? strtok(options, ",") : NULL; tok && argc < 61; tok = strtok(NULL, ","))
		argv[argc++] = tok;
	argv[argc++] = capture;
	argv[argc] = NULL;
	struct m6r_options o = *base;
	const char *nested = NULL;
	int rc = parse(argc, argv, &o, &nested);
	if (rc || nested)
		return cli_fail(CMD, "%s:%d: bad options", file, lineno);
	o.quiet = true;
	rc = m6r_replay(&o, argv + optind, argc - optind);
	bool ok = rc == want;
	n->passed += ok;
	n->failed += !ok;
	printf("%s %s: exit %d%s%d\n", ok ? "ok  " : "FAIL", name, rc, ok ? ", as expected " : ", expected ", want);
	fflush(stdout);
	return 0;
}

static int run_testlist(const struct m6r_options *base, const char *file)
{
	FILE *f = fopen(file, "r");
	char line[2048];
	struct tally n = { 0 };
	int lineno = 0;

	if (!f)
		return cli_fail(CMD, "cannot open %s", file);
	while (fgets(line, sizeof line, f)) {
		lineno++;
		char *p = line + strspn(line, " \t");
		if (*p == '#' || *p == '\n' || !*p)
			continue;
		if (base->stop_on_diff && n.failed) {
			printf("skip %.*s: after the first unexpected exit (--stop-on-diff)\n", (int)strcspn(p, " \t\n"), p);
			n.skipped++;
		} else if (testlist_entry(base, p, lineno, file, &n)) {
			fclose(f);
			return 2;
		}
	}
	fclose(f);
	if (base->stop_on_diff)
		printf("%d passed, %d failed, %d skipped\n", n.passed, n.failed, n.skipped);
	else
		printf("%d passed, %d failed\n", n.passed, n.failed);
	return n.failed ? 1 : 0;
}

int cmd_replay(int argc, char **argv)
{
	struct m6r_options o = defaults;
	const char *testlist = NULL;
	int rc = parse(argc, argv, &o, &testlist);

	if (rc)
		return rc == 1 ? 0 : rc;
	if (testlist)
		return optind < argc ? cli_fail(CMD, "--testlist takes no captures besides") : run_testlist(&o, testlist);
	if (optind == argc)
		return cli_fail(CMD, "name a capture to replay (see 'mip6kit replay --help')");
	return m6r_replay(&o, argv + optind, argc - optind);
}
