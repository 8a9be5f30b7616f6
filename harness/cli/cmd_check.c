/* cmd_check.c - `mip6kit check`: passive conformance of captured traces
 * (harness/check/check.h). */
#include <arpa/inet.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "check_policy.h"
#include "cli.h"
#include "requirements.h"
#include "run_suites_dir.h"
#include "trace.h"

#define CMD "check"

static const char usage_text[] =
	"usage: mip6kit check CAPTURE... --role ha|cn [--profile F] [--settings S]\n"
	"                     [--iut-addr A] [--from-start] [--json]\n"
	"\n"
	"Judges the home agent's or correspondent node's answers in captured traffic\n"
	"(pcap or pcapng, any link type `mip6kit decode` reads; several captures are\n"
	"read in order as one trace). It follows each mobile node by home address and\n"
	"BID, keeps the bindings the IUT acknowledged, and judges every answer: BA\n"
	"status and BID statuses, sequence number, lifetime, where it went (source or\n"
	"Alternate CoA, type 2 routing header), silent discards, Binding Errors,\n"
	"ICMPv6 Parameter Problem pointers, Home/Care-of Tests, Binding Refresh\n"
	"Requests against granted lifetimes, and (CN) BA Authenticators from the keygen\n"
	"tokens in the trace. The data plane where the capture shows it: (HA) tunnels\n"
	"from its own address to bound care-of addresses only, hop limits one less,\n"
	"reverse tunnels only from bound care-of addresses, proxy Neighbor\n"
	"Advertisements for registered home addresses only, DHAAD Replies listing\n"
	"itself; (CN) a type 2 routing header to the care-of address for a bound home\n"
	"address. Every frame the IUT makes (its own address the source, or its MAC\n"
	"with :: or a link-local source: DAD, Neighbor Discovery) carries MH, ICMPv6\n"
	"and UDP checksums that verify; a binding it acknowledged (a NOTCOMPLETE BA's\n"
	"BIDs of status 0 too) is not denied later by a Binding Error 1 for a packet\n"
	"from its care-of address. An answer that is required and missing is a\n"
	"finding when the capture goes on past its window (3 s; 1.5 s for NA and\n"
	"DHAAD); a capture that ends first proves nothing.\n"
	"\n"
	"  --role ha|cn       the IUT's role (required)\n"
	"  --iut-addr A       the IUT's address (default: the one address that sends BA,\n"
	"                     HoT, CoT, BE, BRR, DHAAD Reply or MPA and no BU/HoTI/CoTI)\n"
	"  --profile F        the features the IUT claims ('mip6kit run --profile'): a\n"
	"                     feature claimed 'no' must be refused (mcoa 166, bulk 168,\n"
	"                     home-binding 169)\n"
	"  --settings S       the IUT's settings, \"NAME=VALUE ...\" as for 'mip6kit run\n"
	"                     --iut-settings': mcoa-, bulk-, simultaneous-prohibited,\n"
	"                     return-home, max-lifetime, nonce-lifetime, refresh-lead\n"
	"                     decide answers\n"
	"                     (without --profile and --settings every answer the RFCs\n"
	"                     allow is accepted and the summary says which the trace shows)\n"
	"  --from-start       the capture starts before its mobile nodes registered: no\n"
	"                     binding exists that the trace does not show (as in the case\n"
	"                     pcaps of 'mip6kit run', whose addresses are new each case)\n"
	"  --json             one JSON object per finding or note per line\n"
	"  -h, --help         this text\n"
	"\n"
	"Output: one line per finding, 'frame N[,M]: REQ-ID: expected ...; IUT ...'\n"
	"(N the request, M the answer; ids of suites/requirements.tsv), and one per\n"
	"exchange it cannot judge ('frame N: cannot judge: ...'); a summary by\n"
	"requirement goes to standard error.\n"
	"Exit status: 0 conformant, 1 findings, 2 a capture could not be read or\n"
	"a usage error.\n";

struct check_args {
	struct m6c_options o;
	bool role_given, iut_given;
	const char *profile, *settings;
	char **paths;
	int n_paths;
};

static int parse_args(int argc, char **argv, struct check_args *a)
{
	static const struct option longopts[] = {
		{ "role", required_argument, NULL, 'r' },     { "iut-addr", required_argument, NULL, 'a' },
		{ "profile", required_argument, NULL, 'p' },  { "settings", required_argument, NULL, 's' },
		{ "from-start", no_argument, NULL, 'f' },     { "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },           { NULL, 0, NULL, 0 },
	};
	int c;

	memset(a, 0, sizeof *a);
	m6c_policy_default(&a->o.policy);
	opterr = 0;
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (c) {
		case 'r':
			if (strcmp(optarg, "ha") && strcmp(optarg, "cn"))
				return cli_fail(CMD, "--role wants ha or cn, got %s", optarg);
			a->o.role = strcmp(optarg, "ha") ? M6_ROLE_CN : M6_ROLE_HA;
			a->role_given = true;
			break;
		case 'a':
			if (inet_pton(AF_INET6, optarg, &a->o.iut) != 1)
				return cli_fail(CMD, "--iut-addr wants an IPv6 address, got %s", optarg);
			a->iut_given = true;
			break;
		case 'p': a->profile = optarg; break;
		case 's': a->settings = optarg; break;
		case 'f': a->o.from_start = true; break;
		case 'j': a->o.json = true; break;
		case 'h':
			fputs(usage_text, stdout);
			return 0;
		default:
			return cli_fail(CMD, "unknown or incomplete option '%s' (try --help)", argv[optind - 1]);
		}
	}
	if (!a->role_given)
		return cli_fail(CMD, "say --role ha or --role cn (try --help)");
	if (optind == argc)
		return cli_fail(CMD, "no capture file given (try --help)");
	a->paths = argv + optind;
	a->n_paths = argc - optind;
	return -1;
}

static int check_file(struct m6c_checker *c, const char *path, int index)
{
	char err[PCAP_ERRBUF_SIZE + 256];
	struct m6t_trace t;
	struct m6t_frame f;
	int rc;

	if (m6t_open(&t, path, err, sizeof err)) {
		m6t_close(&t);
		return cli_fail(CMD, "%s", err);
	}
	while ((rc = m6t_next(&t, &f, err, sizeof err)) == 1) {
		m6t_decode(&t, &f);
		if (m6c_frame(c, &f, index)) {
			m6t_close(&t);
			return cli_fail(CMD, "out of memory");
		}
	}
	m6t_close(&t);
	m6c_capture_end(c);
	return rc < 0 ? cli_fail(CMD, "%s", err) : 0;
}

static void summary(const struct m6c_checker *c, const m6_addr6 *iut)
{
	const struct m6c_counts *n = m6c_counts(c);
	const struct m6c_policy_seen *s = m6c_policy_seen(c);
	struct m6h_reqs reqs = { 0 };
	char path[600], addr[INET6_ADDRSTRLEN];

	snprintf(path, sizeof path, "%s/requirements.tsv", run_suites_default());
	if (m6h_reqs_load(path, &reqs))
		reqs = (struct m6h_reqs){ 0 };
	fprintf(stderr, "mip6kit check: IUT %s; %llu frames, %llu answers judged, %llu findings, %llu exchanges "
			"not judged\n", inet_ntop(AF_INET6, iut, addr, sizeof addr), (unsigned long long)n->frames,
		(unsigned long long)n->answers, (unsigned long long)n->findings, (unsigned long long)n->cannot);
	for (int i = 0; i < n->n_reqs; i++) {
		const struct m6h_req *r = m6h_reqs_find(&reqs, n->reqs[i].id);
		fprintf(stderr, "  %-14s %-10s %u finding%s\n", n->reqs[i].id, r ? r->level : "", n->reqs[i].n,
			n->reqs[i].n == 1 ? "" : "s");
	}
	fprintf(stderr, "policy the trace shows: accepted home bindings answered 0: %u, 5: %u; refused 166: %u, "
			"168: %u, 169: %u; lifetimes granted below those asked: %u, longest granted %u s\n",
		s->home_status[0], s->home_status[1], s->prohibited[0], s->prohibited[1], s->prohibited[2], s->capped,
		s->max_granted_s);
	m6h_reqs_free(&reqs);
}

int cmd_check(int argc, char **argv)
{
	struct check_args a;
	char err[512];
	int rc = parse_args(argc, argv, &a);

	if (rc >= 0)
		return rc;
	if (a.profile && m6c_policy_profile(&a.o.policy, a.profile, a.o.role))
		return 2;
	if (a.settings && m6c_policy_settings(&a.o.policy, a.settings, err, sizeof err))
		return cli_fail(CMD, "--settings: %s", err);
	if (!a.iut_given && m6t_find_iut((const char *const *)a.paths, a.n_paths, &a.o.iut, err, sizeof err))
		return cli_fail(CMD, "%s", err);
	struct m6c_checker *c = m6c_new(&a.o, stdout);
	if (!c)
		return cli_fail(CMD, "out of memory");
	rc = 0;
	for (int i = 0; i < a.n_paths && !rc; i++)
		rc = check_file(c, a.paths[i], i);
	if (!rc)
		summary(c, &a.o.iut);
	if (!rc && fflush(stdout) == EOF)
		rc = cli_fail(CMD, "writing the output failed");
	if (!rc)
		rc = m6c_counts(c)->findings ? 1 : 0;
	m6c_free(c);
	return rc;
}
