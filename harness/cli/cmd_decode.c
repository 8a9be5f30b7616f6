/* cmd_decode.c - `mip6kit decode`: every Mobility Header in a pcap/pcapng
 * capture, as summary lines, a verbose listing or JSON Lines. */
#include <getopt.h>
#include <pcap/pcap.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "m6codec.h"
#include "m6print.h"
#include "trace.h"

static const char usage_text[] =
	"usage: mip6kit decode [-v | --json] [--data] [--filter BPF] [--no-checksum] [--role ha|cn] FILE|-\n"
	"\n"
	"Decodes every Mobility Header (RFC 6275, RFC 5648) in a pcap or pcapng file\n"
	"(\"-\" reads standard input), also inside IPv6-in-IPv6 tunnels. Link types:\n"
	"Ethernet, raw IP, IPv6, Linux cooked (SLL, SLL2), BSD loopback (NULL, LOOP).\n"
	"The ICMPv6 messages of Neighbor Discovery (RS, RA, NS, NA) and of RFC 6275\n"
	"(DHAAD Request/Reply, MPS, MPA) are printed too. Other packets are counted,\n"
	"not printed; --data prints ICMPv6 Echo Requests/Replies and UDP datagrams too.\n"
	"\n"
	"  (default)        one line per packet, written like a `mip6kit build` spec,\n"
	"                   ending in \": valid\" or \": INVALID reason@offset action\"\n"
	"  -v, --verbose    every field, one header or option per line (the --json keys)\n"
	"  --json           one JSON object per packet per line (keys: codec/README.md)\n"
	"  --data           also print data packets: ICMPv6 Echo Request/Reply and UDP,\n"
	"                   their checksums verified (`echo-request id=1 seq=2 ...`)\n"
	"  --filter BPF     decode only packets matching a pcap filter expression\n"
	"  --no-checksum    do not verify checksums (MH, ICMPv6, UDP)\n"
	"  --role ha|cn     also apply the receiver rules of a home agent or a\n"
	"                   correspondent node (RFC 6275 s9.5/s10.3, RFC 5648 s6)\n"
	"  -h, --help       this text\n"
	"\n"
	"A summary goes to standard error. Exit status: 0 every printed packet is\n"
	"valid, 1 some packet is invalid, 2 usage or I/O error.\n"
	"The BU flag 0x0040 is printed as O (RFC 5648 Overwrite); Wireshark names it B.\n";

enum format { FMT_LINE, FMT_VERBOSE, FMT_JSON };

struct decode_opts {
	enum format format;
	const char *filter;
	bool verify_csum;
	bool validate;
	bool data; /* print data packets (ICMPv6 Echo, UDP) too */
	struct m6_validate_ctx ctx;
	const char *path;
};

struct counts {
	uint64_t frames, filtered_out, with_mh, valid, invalid;
	uint64_t data, data_valid, data_invalid;
	uint64_t nd, nd_valid, nd_invalid; /* ND and RFC 6275 ICMPv6 messages */
};

static int parse_args(int argc, char **argv, struct decode_opts *o)
{
	static const struct option longopts[] = {
		{ "verbose", no_argument, NULL, 'v' },
		{ "json", no_argument, NULL, 'j' },
		{ "data", no_argument, NULL, 'd' },
		{ "filter", required_argument, NULL, 'f' },
		{ "no-checksum", no_argument, NULL, 'n' },
		{ "role", required_argument, NULL, 'r' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	*o = (struct decode_opts){ .format = FMT_LINE, .verify_csum = true };
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+vh", longopts, NULL)) != -1) {
		switch (c) {
		case 'v': o->format = FMT_VERBOSE; break;
		case 'j': o->format = FMT_JSON; break;
		case 'd': o->data = true; break;
		case 'f': o->filter = optarg; break;
		case 'n': o->verify_csum = false; break;
		case 'r':
			if (strcmp(optarg, "ha") && strcmp(optarg, "cn"))
				return cli_fail("decode", "--role wants ha or cn, got %s", optarg);
			o->validate = true;
			o->ctx.role = strcmp(optarg, "ha") ? M6_ROLE_CN : M6_ROLE_HA;
			o->ctx.must_answer_unknown = true;
			break;
		case 'h':
			fputs(usage_text, stdout);
			return 0;
		default:
			fprintf(stderr, "mip6kit decode: unknown or incomplete option '%s' (try --help)\n",
				argv[optind - 1]);
			return 2;
		}
	}
	if (optind != argc - 1)
		return cli_fail("decode", "%s", optind == argc ? "no capture file given (try --help)" : "one capture file only");
	o->path = argv[optind];
	return -1;
}

static void print_packet(struct m6_buf *out, enum format f, const struct m6_pkt *pkt,
			 const struct m6_frame_info *fi)
{
	if (f == FMT_JSON)
		m6_print_json(out, pkt, fi);
	else if (f == FMT_VERBOSE)
		m6_print_verbose(out, pkt, fi);
	else
		m6_print_line(out, pkt, fi);
}

static int decode_all(struct m6t_trace *t, const struct decode_opts *o, struct counts *n)
{
	static char mem[1 << 18];
	char err[PCAP_ERRBUF_SIZE + 256];
	struct m6_buf out;
	struct m6t_frame f;
	int rc;

	m6_buf_init(&out, mem, sizeof mem, stdout);
	while ((rc = m6t_next(t, &f, err, sizeof err)) == 1) {
		m6t_decode(t, &f);
		const struct m6_pkt *pkt = f.pkt;
		if (o->validate && pkt->has_mh)
			m6_validate(&pkt->msg, pkt, &o->ctx, &t->pkt->diags);
		/* Data packets are printed with --data only, valid or not: a capture's
		 * ordinary traffic (and its offloaded UDP checksums) stays out of
		 * the MH listing and of the exit status. */
		if (pkt->has_data ? !o->data : !m6_print_wanted(pkt))
			continue;
		bool valid = m6_pkt_valid(pkt);
		if (pkt->has_data) {
			n->data++;
			n->data_valid += valid;
			n->data_invalid += !valid;
		} else if (pkt->has_nd) {
			n->nd++;
			n->nd_valid += valid;
			n->nd_invalid += !valid;
		} else {
			n->with_mh++;
			n->valid += valid;
			n->invalid += !valid;
		}
		print_packet(&out, o->format, pkt, &f.info);
	}
	n->frames = t->frames;
	n->filtered_out = t->filtered_out;
	if (!m6_buf_flush(&out) || fflush(stdout) == EOF)
		return cli_fail("decode", "writing the output failed");
	if (rc < 0)
		return cli_fail("decode", "%s", err);
	return 0;
}

int cmd_decode(int argc, char **argv)
{
	struct decode_opts o;
	struct counts n = { 0 };
	struct m6t_trace t;
	char err[PCAP_ERRBUF_SIZE + 256];

	int rc = parse_args(argc, argv, &o);
	if (rc >= 0)
		return rc;
	if (m6t_open(&t, o.path, err, sizeof err)) {
		m6t_close(&t);
		return cli_fail("decode", "%s", err);
	}
	t.verify_csum = o.verify_csum;
	if (o.filter && m6t_set_filter(&t, o.filter, err, sizeof err))
		rc = cli_fail("decode", "--filter: %s", err);
	else
		rc = decode_all(&t, &o, &n);
	m6t_close(&t);
	if (rc)
		return rc;
	fprintf(stderr, "mip6kit decode: %llu packets, ", (unsigned long long)n.frames);
	if (o.filter)
		fprintf(stderr, "%llu filtered out, ", (unsigned long long)n.filtered_out);
	fprintf(stderr, "%llu with a Mobility Header (%llu valid, %llu invalid), ",
		(unsigned long long)n.with_mh, (unsigned long long)n.valid, (unsigned long long)n.invalid);
	if (n.nd)
		fprintf(stderr, "%llu ND, DHAAD or MPS/MPA (%llu valid, %llu invalid), ", (unsigned long long)n.nd,
			(unsigned long long)n.nd_valid, (unsigned long long)n.nd_invalid);
	if (o.data)
		fprintf(stderr, "%llu echo or UDP (%llu valid, %llu invalid), ", (unsigned long long)n.data,
			(unsigned long long)n.data_valid, (unsigned long long)n.data_invalid);
	fprintf(stderr, "%llu %s\n", (unsigned long long)(n.frames - n.filtered_out - n.with_mh - n.data - n.nd),
		o.data ? "other" : "without");
	return n.invalid || n.data_invalid || n.nd_invalid ? 1 : 0;
}
