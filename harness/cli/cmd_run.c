/* cmd_run.c - `mip6kit run`: the conformance run's command line. The run
 * itself (harness/run/run.h) builds the test network, starts the IUT in
 * its namespace (the reference IUT, or the user's command), runs the
 * suites' cases against it at the link layer without root, writes the
 * reports and takes everything down again, also on SIGINT/SIGTERM. */
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "faults.h"
#include "run.h"
#include "run_coverage.h"
#include "run_realism.h"
#include "run_suites_dir.h"
#include "settings.h"

#define CMD "run"

static const char usage_text[] =
	"usage: mip6kit run [OPTIONS]\n"
	"\n"
	"Runs the conformance suites against an implementation under test (IUT)\n"
	"and writes reports/<run-id>/ (summary.txt, junit.xml, report.html, one pcap\n"
	"per case); reports/latest points at the newest run.\n"
	"\n"
	"The IUT, one of:\n"
	"  (default)               the reference IUT, 'mip6kit refd', in namespace " M6H_NETNS "\n"
	"  --iut-cmd CMD           your HA/CN build, started as 'sh -c CMD' in namespace " M6H_NETNS "\n"
	"                          with M6K_IUT_IF(S), M6K_IUT_ADDR, M6K_HOME_PREFIX and\n"
	"                          M6K_SETTINGS in its environment (see below)\n"
	"  --iut-if IF --iut-mac MAC [--iut-addr ADDR]\n"
	"                          an IUT elsewhere, reached through interface IF (nothing else\n"
	"                          on that link may answer for the test addresses)\n"
	"  --iut-bridge IF[,IF...] --iut-mac MAC[,MAC...] [--iut-addr ADDR]\n"
	"                          an IUT in a virtual machine or an appliance: its host-side\n"
	"                          interface (a guest's tap) is bridged with the IUT's end of\n"
	"                          each test link, for the run, and given back afterwards; MAC:\n"
	"                          the guest's on that link; it runs already, with its address\n"
	"                          (2001:db8:1::1/64 unless --iut-addr) and a route to\n"
	"                          2001:db8::/32 via 2001:db8:1::fe\n"
	"  --iut-log FILE          a file the IUT logs to (a guest's log shared with the host, a\n"
	"                          daemon's own log file): what it gains during each settings\n"
	"                          group is copied into iut.log\n"
	"  --iut-settings \"NAME=VALUE ...\"\n"
	"                          what the IUT already is (e.g. role=cn): cases that need\n"
	"                          exactly these settings apply without a restart\n"
	"Options:\n"
	"  --suites DIR            where the cases are: DIR/ha, DIR/cn (default ./suites\n"
	"                          when there is one, else the installed %s)\n"
	"  --role ha|cn|both       which suites (default both)\n"
	"  --case TEXT             only cases whose id contains TEXT (repeatable)\n"
	"  --long                  also the long cases (marked 'long': each runs over a\n"
	"                          minute, e.g. waiting for the IUT's own clock); without it\n"
	"                          they are left out, and the summary says how many\n"
	"  --profile FILE          the features the IUT claims, one 'NAME yes|no' per line\n"
	"                          (mcoa, bulk, ipv4coa, rr, home-binding, data-plane, dhaad,\n"
	"                          mpd, settings; or\n"
	"                          'settings NAME...', the settings your --iut-cmd applies); without\n"
	"                          one, the probes in SUITES/probes/ find out what your IUT\n"
	"                          supports, and cases that need a feature it lacks are n/a\n"
	"                          with the probe's evidence (the reference IUT claims all)\n"
	"  --fault NAME            run the reference IUT with a seeded fault (see 'mip6kit refd --help')\n"
	"  --realism LIST          run the reference IUT the way real stacks behave, with the\n"
	"                          switches named (comma-separated, or all):\n"
	"%s"
	"  --time-scale F          every reply window x F (0.1 to 100, default 1): for slow IUTs,\n"
	"                          e.g. 10 for an emulated guest; windows come from the RFCs'\n"
	"                          timing (1.5 s for an answer, 3 s when the IUT performs DAD)\n"
	"  --startup-wait S        how long the IUT has to answer a first probe after it\n"
	"                          starts (default 20 s; at once when it answers sooner)\n"
	"  -j, --jobs N            cases in flight at once against one start of the IUT (1 to 8,\n"
	"                          default 8 for the reference IUT, 4 for yours); each has its\n"
	"                          own addresses, pcap and verdict\n"
	"  --lanes N               IUTs at once (1 to 4): the IUT is started once per settings\n"
	"                          group, and N groups run at once, each IUT in a test network\n"
	"                          of its own (namespaces m6k-iut, m6k-iut1, ...; the IUT's\n"
	"                          interfaces keep their names). Default 3 for the reference\n"
	"                          IUT, 1 for --iut-cmd (your build may keep state outside its\n"
	"                          namespace: pid files, sockets); 1 with --iut-if or\n"
	"                          --iut-bridge (one IUT)\n"
	"  --run-tag N             the tag (1 to 65535) in every address of the run (default:\n"
	"                          a new one each run, so that runs against an IUT that is not\n"
	"                          restarted meet none of an earlier run's bindings)\n"
	"  --reports DIR           where runs are written (default reports)\n"
	"  --mutation[=F1,F2,...]  run the suites against the reference IUT once per seeded\n"
	"                          fault (all, or those named) and print which cases catch\n"
	"                          each, and the mutation score; exit 1 unless all are caught\n"
	"  --coverage              print which cases check each row of the requirements\n"
	"                          table (SUITES/requirements.tsv), and what no case checks\n"
	"  -q, --quiet             no progress lines\n"
	"\n"
	"Settings: a case may need the IUT set up in a way of its own ('setting\n"
	"NAME=VALUE' in the case). The IUT is started once per distinct set: the\n"
	"reference IUT with the matching refd flags, your --iut-cmd with\n"
	"M6K_SETTINGS=\"NAME=VALUE ...\" (only when the profile says 'settings yes':\n"
	"your command applies them; otherwise, and with --iut-if, such cases are n/a).\n"
	"%s"
	"\n"
	"Exit status: 0 every applicable case passed, 1 some failed or were\n"
	"inconclusive, 2 the run itself could not be done.\n";

static volatile int stop;

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

static bool selected(const struct m6h_run_options *o, const struct m6h_case *c)
{
	if (!o->n_only)
		return true;
	for (int i = 0; i < o->n_only; i++)
		if (strstr(c->id, o->only[i]))
			return true;
	return false;
}

/* The cases selected under o->suites into cases[0..*n); *long_left: the
 * selected long cases left out (no --long; --coverage takes them all). */
static int load_cases(const struct m6h_run_options *o, struct m6h_case *cases, int *n, int *long_left)
{
	static const char *roles[] = { "ha", "cn" };
	static struct m6h_case all[M6H_RUN_MAX_CASES];
	char dir[512], err[512];
	int total = 0; /* cases of both folders: their ids must differ */

	*n = *long_left = 0;
	for (int r = 0; r < 2; r++) {
		if ((r == 0 && !o->ha) || (r == 1 && !o->cn))
			continue;
		snprintf(dir, sizeof dir, "%s/%s", o->suites, roles[r]);
		int got = m6h_cases_load_dir(dir, all + total, M6H_RUN_MAX_CASES - total, err, sizeof err);
		if (got < 0 || m6h_cases_unique(all, total + got, err, sizeof err))
			return cli_fail(CMD, "%s", err);
		for (int i = total; i < total + got; i++) {
			if (!selected(o, &all[i]))
				continue;
			if (all[i].long_case && !o->long_cases && !o->coverage)
				(*long_left)++;
			else
				cases[(*n)++] = all[i];
		}
		total += got;
	}
	if (*n == 0 && *long_left)
		return cli_fail(CMD, "no case selected under %s: the %d selected %s long (--long)", o->suites,
				*long_left, *long_left == 1 ? "is" : "are");
	if (*n == 0)
		return cli_fail(CMD, "no case selected under %s", o->suites);
	return 0;
}

static int parse_args(int argc, char **argv, struct m6h_run_options *o)
{
	static const struct option longopts[] = {
		{ "suites", required_argument, NULL, 's' },   { "reports", required_argument, NULL, 'r' },
		{ "iut-cmd", required_argument, NULL, 'c' },  { "iut-if", required_argument, NULL, 'i' },
		{ "iut-mac", required_argument, NULL, 'm' },  { "iut-addr", required_argument, NULL, 'a' },
		{ "profile", required_argument, NULL, 'p' },  { "fault", required_argument, NULL, 'f' },
		{ "role", required_argument, NULL, 'R' },     { "case", required_argument, NULL, 'C' },
		{ "quiet", no_argument, NULL, 'q' },	      { "help", no_argument, NULL, 'h' },
		{ "mutation", optional_argument, NULL, 'M' },
		{ "coverage", no_argument, NULL, 'V' },
		{ "realism", required_argument, NULL, 'X' },
		{ "iut-settings", required_argument, NULL, 'S' },
		{ "time-scale", required_argument, NULL, 'T' },
		{ "startup-wait", required_argument, NULL, 'W' },
		{ "run-tag", required_argument, NULL, 'G' },
		{ "jobs", required_argument, NULL, 'j' },
		{ "lanes", required_argument, NULL, 'N' },
		{ "iut-bridge", required_argument, NULL, 'B' },
		{ "iut-log", required_argument, NULL, 'L' },
		{ "long", no_argument, NULL, 'O' },
		{ NULL, 0, NULL, 0 },
	};
	int c;
	char *end;
	long v;

	*o = (struct m6h_run_options){ .suites = run_suites_default(), .reports = "reports", .ha = true, .cn = true,
			       .time_scale = 1, .startup_s = 20,
			       .run_tag = (unsigned)(getpid() ^ time(NULL)) % 0xffff + 1 };
	while ((c = getopt_long(argc, argv, "qhj:", longopts, NULL)) != -1) {
		switch (c) {
		case 's': o->suites = optarg; break;
		case 'r': o->reports = optarg; break;
		case 'c': o->iut_cmd = optarg; break;
		case 'i': o->iut_if = optarg; break;
		case 'B': o->iut_bridge = optarg; break;
		case 'L': o->iut_log = optarg; break;
		case 'm': o->iut_mac = optarg; break;
		case 'a': o->iut_addr = optarg; break;
		case 'p': o->profile = optarg; break;
		case 'f': o->fault = optarg; break;
		case 'q': o->quiet = true; break;
		case 'V': o->coverage = true; break;
		case 'O': o->long_cases = true; break;
		case 'X': o->realism = optarg; break;
		case 'S':
			o->iut_settings = optarg;
			for (char *save = NULL, *w = strtok_r(strdupa(optarg), " ", &save); w; w = strtok_r(NULL, " ", &save))
				if (m6h_setting_check(w))
					return cli_fail(CMD, "--iut-settings: '%s': %s", w, m6h_setting_check(w));
			break;
		case 'T':
			o->time_scale = strtod(optarg, &end);
			if (*end || !(o->time_scale >= 0.1 && o->time_scale <= 100))
				return cli_fail(CMD, "--time-scale takes 0.1 to 100, not '%s'", optarg);
			break;
		case 'W':
			v = strtol(optarg, &end, 10);
			if (*end || v < 1 || v > 3600)
				return cli_fail(CMD, "--startup-wait takes 1 to 3600 seconds, not '%s'", optarg);
			o->startup_s = (int)v;
			break;
		case 'G':
			v = strtol(optarg, &end, 0);
			if (*end || v < 1 || v > 0xffff)
				return cli_fail(CMD, "--run-tag takes 1 to 65535, not '%s'", optarg);
			o->run_tag = (unsigned)v;
			break;
		case 'j':
			v = strtol(optarg, &end, 10);
			if (*end || v < 1 || v > M6H_JOBS_MAX)
				return cli_fail(CMD, "--jobs takes 1 to %d, not '%s'", M6H_JOBS_MAX, optarg);
			o->jobs = (int)v;
			break;
		case 'N':
			v = strtol(optarg, &end, 10);
			if (*end || v < 1 || v > M6H_LANES_MAX)
				return cli_fail(CMD, "--lanes takes 1 to %d, not '%s'", M6H_LANES_MAX, optarg);
			o->lanes = (int)v;
			break;
		case 'M':
			o->mutation = true;
			o->mutation_only = optarg;
			break;
		case 'R':
			o->ha = !strcmp(optarg, "ha") || !strcmp(optarg, "both");
			o->cn = !strcmp(optarg, "cn") || !strcmp(optarg, "both");
			if (!o->ha && !o->cn)
				return cli_fail(CMD, "--role takes ha, cn or both");
			break;
		case 'C':
			if (o->n_only == 16)
				return cli_fail(CMD, "at most 16 --case");
			o->only[o->n_only++] = optarg;
			break;
		case 'h': printf(usage_text, run_suites_installed(), run_realism_help(), m6h_settings_help()); return 1;
		default: return cli_fail(CMD, "see 'mip6kit run --help'");
		}
	}
	if (optind != argc)
		return cli_fail(CMD, "unexpected '%s'; see 'mip6kit run --help'", argv[optind]);
	if ((o->iut_cmd != NULL) + (o->iut_if != NULL) + (o->iut_bridge != NULL) + (o->fault != NULL) + o->mutation > 1)
		return cli_fail(CMD, "--iut-cmd, --iut-if, --iut-bridge, --fault and --mutation exclude each other");
	if (o->realism && (o->iut_cmd || o->iut_if || o->iut_bridge))
		return cli_fail(CMD, "--realism switches the reference IUT; not with --iut-cmd, --iut-if or --iut-bridge");
	if (o->lanes > 1 && (o->iut_if || o->iut_bridge))
		return cli_fail(CMD, "--lanes: an IUT reached through --iut-if or --iut-bridge is one; it takes --lanes 1");
	bool own_iut = o->iut_cmd || o->iut_if || o->iut_bridge;
	if (!o->lanes)
		o->lanes = own_iut ? 1 : 3;
	if (!o->jobs)
		o->jobs = own_iut ? 4 : 8;
	char item[32];
	if (o->iut_bridge && (!o->iut_mac || m6h_list_item(o->iut_mac, 0, item, sizeof item)))
		return cli_fail(CMD, "--iut-bridge needs --iut-mac with the guest's MAC address on each bridged link");
	for (const char *p = o->mutation_only; p && *p; p += strcspn(p, ",") + (p[strcspn(p, ",")] == ',')) {
		char name[64];
		snprintf(name, sizeof name, "%.*s", (int)strcspn(p, ","), p);
		if (!m6h_fault_find(name))
			return cli_fail(CMD, "--mutation: unknown fault '%s' ('mip6kit refd --fault list')", name);
	}
	if (o->fault && !m6h_fault_find(o->fault))
		return cli_fail(CMD, "unknown fault '%s' ('mip6kit refd --fault list' names them)", o->fault);
	return 0;
}

int cmd_run(int argc, char **argv)
{
	static struct m6h_run s;
	static struct m6h_case cases[M6H_RUN_MAX_CASES];
	int n, bad, rc = parse_args(argc, argv, &s.o);

	if (rc)
		return rc == 1 ? 0 : rc;
	if (load_cases(&s.o, cases, &n, &s.long_left))
		return 2;
	if (s.o.coverage)
		return run_coverage(s.o.suites, cases, n);
	s.stop = &stop;
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);
	if (m6h_run_prepare(&s, cases, n))
		return 2;
	if (s.o.mutation)
		return m6h_run_mutation(&s, cases, n);
	if (m6h_run_pass(&s, cases, n, &bad))
		return 2;
	return m6h_run_finish(&s, cases, n, bad);
}
