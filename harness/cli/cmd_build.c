/* cmd_build.c - `mip6kit build`: Mobility Header packets from text specs
 * (codec/m6spec.h, grammar in codec/SPEC.md), written to a pcap or printed
 * as hex. Pcap output is byte-reproducible: timestamps are fixed. */
#include <errno.h>
#include <getopt.h>
#include <pcap/pcap.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "m6spec.h"

#define TS_BASE 1700000000 /* packet i is stamped TS_BASE s + i ms */
#define SNAPLEN 65535
#define FRAME_MAX 4096     /* Ethernet + two IPv6 headers + all extensions + the largest MH */

static const char usage_text[] =
	"usage: mip6kit build [-o FILE.pcap | --hex] [-f SPECFILE] [SPEC WORDS...]\n"
	"\n"
	"Builds Mobility Header packets from text specs: any message, any option,\n"
	"any packet layout, and knobs that break a rule on purpose; or data packets\n"
	"(ICMPv6 Echo Request/Reply, UDP) in the same layouts. The spec is the\n"
	"words after the options, joined with spaces (quoting is optional), or one\n"
	"spec per line of SPECFILE (blank lines and # comments are ignored).\n"
	"\n"
	"  -o, --output FILE  write every packet to one pcap file (Ethernet, or raw\n"
	"                     IPv6 with noeth: all packets must share the link type)\n"
	"  --hex              print each packet as one line of lowercase hex (default)\n"
	"  -f, --file FILE    read the specs from FILE, one per line\n"
	"  -h, --help         this text\n"
	"\n"
	"Exit status: 0 built, 2 usage, spec or I/O error.\n"
	"\n"
	"SPEC GRAMMAR (codec/SPEC.md has the same with examples)\n"
	"Words are separated by whitespace; keywords are case-sensitive. N is a\n"
	"decimal number or 0x hex (leading zeros stay decimal), checked against its\n"
	"field's range. HEX is an even number of hex digits, either case. IPV6 and\n"
	"IPV4 are addresses in the usual text forms, MAC is aa:bb:cc:dd:ee:ff.\n"
	"\n"
	"Message, the first word:\n"
	"  brr hoti coti hot cot bu ba be  the RFC 6275 messages, MH types 0-7\n"
	"  mh=N                            any MH type 0-255; 8 and up take body=HEX\n"
	"  echo-request echo-reply         a data packet instead of an MH: ICMPv6\n"
	"                                  Echo Request/Reply (type 128/129, code 0)\n"
	"  udp                             a data packet: a UDP datagram (RFC 768)\n"
	"  rs ra ns na                     Neighbor Discovery (RFC 4861): Router\n"
	"                                  Solicitation/Advertisement, Neighbor\n"
	"                                  Solicitation/Advertisement (types 133-136)\n"
	"  dhaad-req dhaad-rep mps mpa     the ICMPv6 messages of RFC 6275: Home Agent\n"
	"                                  Address Discovery Request/Reply, Mobile\n"
	"                                  Prefix Solicitation/Advertisement (144-147)\n"
	"\n"
	"Body fields, each at most once:\n"
	"  seq=N           bu ba               Sequence, 0-65535\n"
	"  lifetime=N      bu ba               Lifetime in 4 s units, 0-65535\n"
	"  lifetime_s=N    bu ba               the same in seconds (4n), 0-262140\n"
	"  status=N        ba be               Status, 0-255\n"
	"  home=IPV6       be                  Home Address\n"
	"  cookie=HEX16    hoti coti hot cot   the 8-octet init cookie\n"
	"  index=N         hot cot             nonce index, 0-65535\n"
	"  token=HEX16     hot cot             the 8-octet keygen token\n"
	"  reserved=N      brr hoti coti       the 16-bit Reserved field, 0-65535\n"
	"                  bu                  the 6 reserved flag bits (0x003f), 0-63\n"
	"                  ba                  the 3 reserved flag bits (0x07), 0-7\n"
	"                  be                  the Reserved octet, 0-255\n"
	"  mhres=N         any                 the MH header's Reserved octet, 0-255\n"
	"  body=HEX        mh=8 and up         the message data after the Checksum\n"
	"\n"
	"Data packet fields, each at most once:\n"
	"  id=N            echo-request echo-reply  Identifier, 0-65535 (default 0)\n"
	"  seq=N           echo-request echo-reply  Sequence Number, 0-65535 (default 0)\n"
	"  sport=N dport=N udp                 ports, 0-65535 (default 49152 and 9)\n"
	"  data=HEX        echo-request echo-reply udp\n"
	"                                      the data after the header, 0-2048\n"
	"                                      octets (default none)\n"
	"  tag=N           echo-request echo-reply udp\n"
	"                                      a tag, 0-4294967295, at the start of\n"
	"                                      the data: the 4 octets 6d 36 6b 54\n"
	"                                      (\"m6kT\"), then N in 32 bits, network\n"
	"                                      order, then data=; decode shows tag=N\n"
	"                                      when the data starts with them\n"
	"  The checksum covers the pseudo-header of the final addresses: the home\n"
	"  address of hao= as source, the address of rh2= as destination (RFC 6275\n"
	"  s6.1.1, s6.3; RFC 8200 s8.1); a UDP sum of 0 is sent as 0xffff. Of the\n"
	"  words below, the packet words and csum= apply; MH words are refused.\n"
	"\n"
	"ICMPv6 message fields (rs ra ns na dhaad-req dhaad-rep mps mpa), each at\n"
	"most once but ha= and prefix=:\n"
	"  target=IPV6     ns na               Target Address\n"
	"  id=N            dhaad-req dhaad-rep mps mpa\n"
	"                                      Identifier, 0-65535 (default 0)\n"
	"  curhlim=N       ra                  Cur Hop Limit, 0-255 (default 0)\n"
	"  router_lifetime=N ra                Router Lifetime in seconds, 0-65535\n"
	"  reachable=N retrans=N ra            Reachable Time, Retrans Timer (ms)\n"
	"  ha=IPV6         dhaad-rep           a home agent address; up to 16, in\n"
	"                                      the order given\n"
	"  reserved=N      rs ns               the 32-bit Reserved field\n"
	"                  na                  the 29 reserved flag bits\n"
	"                  ra                  the 5 bits after H (RFC 4191's Prf too)\n"
	"                  mpa                 the 14 reserved flag bits\n"
	"                  dhaad-req dhaad-rep mps  the 16-bit Reserved field\n"
	"  Flags: ra M O H (0x80, 0x40, 0x20: H is the Home Agent flag of RFC 6275\n"
	"         s7.1); na R S O (Router, Solicited, Override); mpa M O\n"
	"  Options, written in this order whatever the order given:\n"
	"  slla=MAC        rs ra ns            Source Link-Layer Address\n"
	"  tlla=MAC        na                  Target Link-Layer Address\n"
	"  mtu=N           ra                  MTU\n"
	"  prefix=PREFIX/PLEN[,l][,a][,r][,valid=N][,pref=N][,res=N]\n"
	"                  ra mpa              Prefix Information, up to 8: flags L,\n"
	"                                      A and the Router Address flag R (RFC\n"
	"                                      6275 s7.2); lifetimes in seconds\n"
	"                                      (default 2592000 and 604800); res: the\n"
	"                                      5 reserved bits, 0-31\n"
	"  advint=MS       ra                  Advertisement Interval (RFC 6275 s7.3)\n"
	"  hainfo=PREF,LIFETIME ra             Home Agent Information (s7.4):\n"
	"                                      preference -32768-32767, lifetime in\n"
	"                                      seconds 0-65535\n"
	"  The IPv6 Hop Limit is 255 unless hlim= says otherwise (RFC 4861 s6.1,\n"
	"  s7.1). Of the words below, the packet words, csum=, trunc=, code= and\n"
	"  optlen= apply; MH words are refused.\n"
	"\n"
	"Flags, standalone words, each at most once:\n"
	"  bu: A H L K M R P F T O (0x8000 down to 0x0040); O is RFC 5648's\n"
	"      Overwrite flag, the bit RFC 6602 and Wireshark call B\n"
	"  ba: K R P T B (0x80 down to 0x08)\n"
	"\n"
	"Options, appended in the order given, any number (not in mh=8 and up):\n"
	"  bid=N[,status=S][,h][,res=R][,coa=ADDR]\n"
	"                          Binding Identifier (RFC 5648): h sets the H flag,\n"
	"                          res the 7 reserved bits (0-127); coa with ':' is\n"
	"                          IPv6 (Length 20), else IPv4 (8); no coa: Length 4\n"
	"  nonce=HOME,CAREOF       Nonce Indices\n"
	"  bad[=HEX24]             Binding Authorization Data, 12-octet Authenticator\n"
	"                          (zeros when no value is given)\n"
	"  altcoa=IPV6             Alternate Care-of Address\n"
	"  bra=N                   Binding Refresh Advice, 4 s units\n"
	"  mnp=PREFIX/PLEN[,res=R] Mobile Network Prefix (RFC 3963), PLEN 0-255\n"
	"  mnid=HEX[,subtype=N]    Mobile Node Identifier (RFC 4283), subtype 1\n"
	"  lla=HEX[,code=N]        Link-Layer Address (RFC 5568), option code 2\n"
	"  v4hoa=IPV4[/PLEN][,p]   IPv4 Home Address (RFC 5555), PLEN 0-63, P flag\n"
	"  v4ack=STATUS[,plen=N][,addr=IPV4]\n"
	"                          IPv4 Address Acknowledgement (RFC 5555), plen 0-63\n"
	"  natd=SECONDS[,f]        NAT Detection (RFC 5555): refresh time, F flag\n"
	"  v4coa=IPV4              IPv4 Care-of Address (RFC 5555)\n"
	"  opt=TYPE,HEX            any option type with exactly this payload; HEX may\n"
	"                          be empty (opt=200,); types 0 and 1 count as pads\n"
	"  pad1[=COUNT]            COUNT Pad1 octets (1-255, default 1)\n"
	"  padn=N                  PadN with N zero octets of data (0-255)\n"
	"                          Pads need verbatim: the encoder pads by itself.\n"
	"  After any option but pad1/padn, joined by commas:\n"
	"  ,len=N                  write Length N (payload cut or zero-filled to N)\n"
	"  ,misalign               place the option one octet off its alignment\n"
	"\n"
	"Packet, each word at most once:\n"
	"  src=IPV6 dst=IPV6       IPv6 source and destination\n"
	"                          (default 2001:db8:2::100 and 2001:db8:1::1)\n"
	"  hao=IPV6                Destination Options header with a Home Address option\n"
	"  rh2=IPV6                type 2 Routing header carrying this home address\n"
	"  dstopts-first           put the Destination Options before the Routing header\n"
	"  hbh                     an empty Hop-by-Hop Options header first\n"
	"  frag[=ID]               an atomic Fragment header (ID default 0)\n"
	"  hlim=N                  Hop Limit, 1-255 (default 64)\n"
	"  tunnel=OUTER_SRC,OUTER_DST\n"
	"                          an outer IPv6 header (IPv6-in-IPv6)\n"
	"  tunnel2=SRC,DST ... tunnel5=SRC,DST\n"
	"                          nested tunnel headers, each inside the one\n"
	"                          before (tunnel=, then tunnel2=, ...)\n"
	"  eth                     Ethernet framing: the default\n"
	"  ethsrc=MAC ethdst=MAC   (default 02:00:00:00:00:01 and 02:00:00:00:00:02)\n"
	"  ethpad=N                N zero octets after the packet in the frame,\n"
	"                          1-1500: a link's padding of a short frame (RFC\n"
	"                          2464 s3); the Payload Length leaves them out\n"
	"  noeth, or raw           no Ethernet: the frame starts with the IPv6 header\n"
	"  mh-only                 the bare MH without IPv6 header, checksummed over\n"
	"                          src/dst; takes no other packet word; --hex only\n"
	"\n"
	"Knobs, each at most once:\n"
	"  hdrlen=N                write Header Len N, 0-255\n"
	"  proto=N                 write Payload Proto N instead of 59, 0-255\n"
	"  csum=N                  write Checksum N, 0-65535 (also for data packets;\n"
	"                          udp csum=0 is \"no checksum\", which IPv6 forbids)\n"
	"  csum=bad                write the right checksum with its low bit flipped\n"
	"                          (also for data packets)\n"
	"  trunc=N                 cut the MH (an ICMPv6 message: the message,\n"
	"                          checksummed as cut) to its first N octets, 1-2048\n"
	"  verbatim                options exactly as listed: no alignment padding\n"
	"                          added, pad1/padn kept\n"
	"  sign=HEX40              compute the Authenticator of the last option (a\n"
	"                          bad) with this Kbm (RFC 6275 s6.2.7): care-of\n"
	"                          address src and correspondent dst, for a ba the\n"
	"                          other way round (the CN sends it)\n"
	"  code=N                  ICMPv6 messages: write Code N, 0-255\n"
	"  optlen=TYPE,N           ICMPv6 messages: write Length N (8-octet units,\n"
	"                          0-255) in the first option of TYPE (1 slla,\n"
	"                          2 tlla, 3 prefix, 5 mtu, 7 advint, 8 hainfo); the\n"
	"                          option's octets stay as they are\n"
	"\n"
	"Examples:\n"
	"  mip6kit build -o bu.pcap bu seq=7 A H lifetime=100 \\\n"
	"      bid=1,coa=2001:db8:2::5 bid=2,coa=192.0.2.7\n"
	"  mip6kit build -o ping.pcap echo-request id=1 seq=1 data=70696e67 \\\n"
	"      hao=2001:db8:2::100 src=2001:db8:3::100 dst=2001:db8:1::1\n";

/* Where the packets go. */
struct sink {
	const char *path;     /* -o FILE; NULL: hex lines on stdout */
	pcap_t *dead;
	pcap_dumper_t *dump;
	int dlt;              /* the link type of the first packet */
	unsigned n;           /* packets written */
};

static const char *link_name(int dlt)
{
	return dlt == DLT_EN10MB ? "Ethernet" : "raw IPv6";
}

static int open_pcap(struct sink *s, int dlt)
{
	s->dead = pcap_open_dead(dlt, SNAPLEN);
	if (!s->dead)
		return cli_fail("build", "%s: cannot set up pcap output", s->path);
	s->dump = pcap_dump_open(s->dead, s->path);
	if (!s->dump)
		return cli_fail("build", "%s", pcap_geterr(s->dead)); /* it names the file */
	s->dlt = dlt;
	return 0;
}

static void print_hex(const uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		printf("%02x", p[i]);
	putchar('\n');
}

/* where: "" or "FILE:LINE: ", put before every error. */
static int emit(struct sink *s, const struct m6_build *b, const uint8_t *frame, size_t len,
		const char *where)
{
	if (!s->path) {
		print_hex(frame, len);
		s->n++;
		return 0;
	}
	if (b->mh_only)
		return cli_fail("build", "%smh-only: a bare MH has no pcap link type; use --hex", where);
	int dlt = b->pkt.eth ? DLT_EN10MB : DLT_RAW;
	if (!s->dump && open_pcap(s, dlt))
		return 2;
	if (dlt != s->dlt)
		return cli_fail("build", "%s%s packet, but the pcap holds %s frames: one file holds one link type",
			    where, link_name(dlt), link_name(s->dlt));
	struct pcap_pkthdr h = {
		.ts = { .tv_sec = TS_BASE + s->n / 1000, .tv_usec = (s->n % 1000) * 1000 },
		.caplen = (bpf_u_int32)len,
		.len = (bpf_u_int32)len,
	};
	pcap_dump((u_char *)s->dump, &h, frame);
	s->n++;
	return 0;
}

static int build_one(struct sink *s, const char *spec, const char *where)
{
	static struct m6_build b; /* about 6 KB: not on the stack */
	uint8_t frame[FRAME_MAX];
	char err[256];

	if (m6_spec_parse(spec, &b, err, sizeof err) != M6_OK)
		return cli_fail("build", "%s%s", where, err);
	int n = m6_build_encode(&b, frame, sizeof frame);
	if (n == M6_ERR_NOSPACE)
		return cli_fail("build", "%sthe packet does not fit in %d octets", where, FRAME_MAX);
	if (n < 0)
		return cli_fail("build", "%scannot encode: the MH would exceed %d octets", where, M6_MH_MAX);
	return emit(s, &b, frame, (size_t)n, where);
}

/* Drops what follows a '#'; true when something but blanks is left. */
static bool strip_comment(char *line)
{
	char *hash = strchr(line, '#');

	if (hash)
		*hash = '\0';
	return line[strspn(line, " \t\r\n\v\f")] != '\0';
}

static int build_file(struct sink *s, const char *path)
{
	FILE *f = strcmp(path, "-") ? fopen(path, "r") : stdin;
	char *line = NULL, where[512];
	size_t cap = 0;
	unsigned lineno = 0, built = 0;
	int rc = 0;

	if (!f)
		return cli_fail("build", "%s: %s", path, strerror(errno));
	while (!rc && getline(&line, &cap, f) != -1) {
		lineno++;
		if (!strip_comment(line))
			continue;
		snprintf(where, sizeof where, "%s:%u: ", path, lineno);
		rc = build_one(s, line, where);
		built++;
	}
	if (!rc && ferror(f))
		rc = cli_fail("build", "%s: read error", path);
	if (!rc && !built)
		rc = cli_fail("build", "%s: no spec in it", path);
	free(line);
	if (f != stdin)
		fclose(f);
	return rc;
}

static int build_words(struct sink *s, int n, char **words)
{
	char *spec = cli_join_words(n, words);
	if (!spec)
		return cli_fail("build", "out of memory");
	int rc = build_one(s, spec, "");
	free(spec);
	return rc;
}

/* Closes the pcap; a run that failed leaves no half-written file. */
static int finish(struct sink *s, int rc)
{
	if (s->dump) {
		if (pcap_dump_flush(s->dump) != 0 && !rc)
			rc = cli_fail("build", "%s: write error", s->path);
		pcap_dump_close(s->dump);
		if (rc && strcmp(s->path, "-"))
			unlink(s->path);
	}
	if (s->dead)
		pcap_close(s->dead);
	if (!s->path && fflush(stdout) != 0 && !rc)
		rc = cli_fail("build", "write error on standard output");
	return rc;
}

int cmd_build(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "hex", no_argument, NULL, 'x' },
		{ "file", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct sink s = { 0 };
	const char *spec_file = NULL;
	bool hex = false;
	int c;

	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, "o:f:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'o':
			s.path = optarg;
			break;
		case 'x':
			hex = true;
			break;
		case 'f':
			spec_file = optarg;
			break;
		case 'h':
			fputs(usage_text, stdout);
			return 0;
		default:
			return cli_fail("build", "unknown or incomplete option '%s' (try --help)", argv[optind - 1]);
		}
	}
	if (hex && s.path)
		return cli_fail("build", "-o and --hex exclude each other");
	if (spec_file && optind < argc)
		return cli_fail("build", "give the specs with -f or as words, not both");
	if (!spec_file && optind == argc)
		return cli_fail("build", "no spec given (try --help)");
	int rc = spec_file ? build_file(&s, spec_file) : build_words(&s, argc - optind, argv + optind);
	return finish(&s, rc);
}
