/* cmd_refd.c - `mip6kit refd`: the reference engine (harness/engine/) as a
 * live home agent / correspondent node on one Ethernet interface. It works
 * below the kernel: frames in through libpcap, replies out through libnet
 * to the link and MAC address their destination was last heard from
 * (refd_out.c), else to those of the frame being answered. */
#include <getopt.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <arpa/inet.h>

#include "cli.h"
#include "engine.h"
#include "faults.h"
#include "linkio.h"
#include "refd_kernel.h"
#include "refd_out.h"
#include "sysctl_swap.h"

#define CMD "refd"
#define ETH_HLEN 14

static const char usage_text[] =
	"usage: mip6kit refd --iface IF [--iface IF2 ...] [OPTIONS]\n"
	"\n"
	"Runs the reference home agent / correspondent node on interface IF (and\n"
	"more) until SIGINT or SIGTERM: every IPv6 frame received is given to the\n"
	"engine, every reply goes out on the interface and to the MAC address its\n"
	"destination was last heard from (else those of the frame answered);\n"
	"multicast goes to 33:33:xx:xx:xx:xx on the first interface, the home link.\n"
	"As HA it proxies Neighbor Discovery for the home addresses it holds a home\n"
	"registration for (with the first interface's MAC), tunnels what is sent\n"
	"there to a bound care-of address (--coa-choice), delivers it on the home\n"
	"link when the mobile node is at home, takes reverse tunnelled packets from\n"
	"bound care-of addresses only, and answers DHAAD Requests, Mobile Prefix\n"
	"and Router Solicitations (an RA with the H bit, from its link-local address:\n"
	"the first interface's MAC as modified EUI-64). It answers Neighbor\n"
	"Solicitations for that address and --addr. As CN it answers Echo\n"
	"Requests and UDP port 7 through RH2 to a bound mobile node's care-of address.\n"
	"Forwarded packets go to the MAC their next hop (or destination) was heard\n"
	"from, else back to the frame's sender.\n"
	"\n"
	"  --iface IF              an Ethernet interface (required; repeatable, up to 4;\n"
	"                          the first is the home link)\n"
	"  --role ha|cn|both       the roles played (default both)\n"
	"  --addr IPV6             the node's own address: source of Binding Refresh\n"
	"                          Requests, Neighbor Advertisements and tunnels, where\n"
	"                          its echo services answer; without it the node neither\n"
	"                          proxies nor forwards (it has no address to tunnel from)\n"
	"  --home-prefix P/LEN     an accepted home prefix (repeatable; HA: others get 132)\n"
	"  --mcoa-prohibited       answer BUs with BID options with 166\n"
	"  --bulk-prohibited       answer BUs with several BIDs with 168\n"
	"  --simultaneous-prohibited  answer a BID with the H flag with 169\n"
	"  --return-home 0|5       status for an accepted home binding (default 0)\n"
	"  --max-bindings N        bindings in all (default 65536); beyond: 130\n"
	"  --max-per-hoa N         bindings per home address (default 16); beyond: 130\n"
	"  --max-lifetime N        HA lifetime cap in 4 s units, 1 to 65535 (default 65535)\n"
	"  --refresh-lead S        send a BRR S seconds before a binding expires (default 0: never)\n"
	"  --nonce-period S        CN: a new nonce every S seconds (default 30)\n"
	"  --nonce-period-ms MS    the same in milliseconds; either period is stretched to\n"
	"                          the nonce lifetime / 63 when shorter (64 nonces are kept)\n"
	"  --nonce-lifetime S      CN: a nonce is accepted for S seconds (default 240,\n"
	"                          MAX_NONCE_LIFETIME; shorter for test runs)\n"
	"  --seed N                nonce, hash and --reply-delay seed (default 1)\n"
	"  --default-router IPV6   HA: next hop of forwarded packets off the home prefixes\n"
	"                          (default 2001:db8:1::fe)\n"
	"  --coa-choice POLICY     HA: which bound care-of address carries a packet it\n"
	"                          tunnels to a home address with several bindings:\n"
	"                          lowest-bid (default: the binding with the lowest BID),\n"
	"                          newest (registered or refreshed last), flow-hash\n"
	"                          (a hash of the inner source, destination and flow\n"
	"                          label: one flow, one care-of address)\n"
	"  --forwarding engine|kernel  HA: who forwards (default engine: refd, at the\n"
	"                          link layer, as above); kernel: the Linux kernel of\n"
	"                          refd's network namespace intercepts, tunnels,\n"
	"                          decapsulates and answers Neighbor Solicitations for\n"
	"                          the home addresses, programmed by refd on each\n"
	"                          binding change (routes, proxy entries, seg6 tunnels,\n"
	"                          the veth pair m6k-kt0/m6k-kt1, the nft table\n"
	"                          m6k_refd; the forwarding and proxy_ndp sysctls; --addr\n"
	"                          on the first interface and a default route via\n"
	"                          --default-router when missing), all removed at exit;\n"
	"                          refd keeps the signalling, DAD and the unsolicited\n"
	"                          Neighbor Advertisement. Needs --addr, root, iproute2,\n"
	"                          nft and a network namespace other than the host's;\n"
	"                          --coa-choice and the data-plane faults\n"
	"                          do not apply (the kernel takes the highest BID)\n"
	"\n"
	"Realism switches (what real stacks do; every answer stays one that RFC 6275\n"
	"and RFC 5648 allow):\n"
	"  --dad                   HA: Duplicate Address Detection before a home\n"
	"                          registration for a home address without a binding\n"
	"                          (RFC 6275 s10.3.1): a Neighbor Solicitation from ::\n"
	"                          to its solicited-node address on the home link, the\n"
	"                          BA 1000 ms later (134 if a Neighbor Advertisement or\n"
	"                          another DAD probe for it was heard; L flag: the\n"
	"                          link-local address too); BUs for it meanwhile dropped;\n"
	"                          the address is proxied once the BA accepted it\n"
	"  --reply-delay MIN-MAX   every packet sent waits a uniform pseudo-random\n"
	"                          MIN..MAX ms (from --seed), in order per destination\n"
	"                          address (default 0-0); forwarded packets too\n"
	"  --be1-for-mh yes|no     Binding Error 1 for a Mobility Header (not a BU) with\n"
	"                          an unbound Home Address option (default yes; no: drop\n"
	"                          it silently, as Linux-based stacks do; non-MH packets\n"
	"                          still get Binding Error 1)\n"
	"  --alternatives          where the RFCs allow several answers, the other one:\n"
	"                          133 not 132 for a home deregistration off the home\n"
	"                          prefix (e.g. a BU without Home Address option from\n"
	"                          a foreign address), a lifetime of 3/4 of the one asked\n"
	"                          (at least 1), a Binding Refresh Advice (half the\n"
	"                          lifetime) in an accepted home BA, the care-of\n"
	"                          addresses kept in the BA's BID options\n"
	"  --start-delay S         serve only S seconds after start (a daemon slow to\n"
	"                          come up): frames until then are ignored, and the\n"
	"                          protocol-135 socket is opened only then (a kernel\n"
	"                          with IPv6 on the interface answers MH packets with\n"
	"                          ICMPv6 Parameter Problem meanwhile)\n"
	"\n"
	"While it serves, refd keeps the kernel of its network namespace from\n"
	"answering for it: sockets for protocols 135 and 41 and UDP port 7, and\n"
	"net.ipv6.icmp.echo_ignore_all 1 (restored at exit).\n"
	"\n"
	"  -v, --verbose           one line per event on standard error\n"
	"  --max-packets N         exit after N received frames (for tests)\n"
	"  --fault NAME            behave with a seeded bug (for 'mip6kit run --mutation');\n"
	"                          --fault list prints them\n"
	"\n"
	"Exit status: 0 stopped by a signal or --max-packets, 2 usage or I/O error.\n";

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

struct refd {
	struct m6h_link *links[M6H_LINKS_MAX];
	int n_links;
	const char *ifaces[M6H_LINKS_MAX];
	const struct m6h_fault *fault;
	int peer_link;         /* where the frame being answered came from: the link */
	uint8_t peer_mac[6];   /* and the MAC address */
	struct refd_out out;   /* learned destinations, delayed frames */
	bool kernel_forwards;  /* --forwarding kernel */
	struct refd_kernel *kernel; /* then: what the kernel holds */
	struct m6e_engine *engine;
	uint32_t delay_min_ms, delay_max_ms;
	unsigned start_delay_s;
	bool verbose;
	char err[256];
	uint8_t frame[2048 + ETH_HLEN];
};

static uint64_t now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

/* Where a packet to dst goes (link, MAC into r->frame): to hop's MAC when
 * the engine knows it, else where the next hop, else dst, was last heard
 * from, else back where the frame being answered came from. */
static int route(struct refd *r, const m6_addr6 *dst, const struct m6e_hop *hop)
{
	int k = r->peer_link;

	if (hop && hop->next_hop.a[0] != 0xff && hop->has_mac) {
		memcpy(r->frame, hop->mac, 6);
		return k;
	}
	if (hop && refd_out_route(&r->out, &hop->next_hop, r->frame, &k) && k < r->n_links)
		return k;
	if (refd_out_route(&r->out, dst, r->frame, &k) && k < r->n_links)
		return k;
	memcpy(r->frame, r->peer_mac, 6);
	return r->peer_link;
}

/* A packet from the engine (an IPv6 packet) in an Ethernet frame. */
static void send_frame(struct refd *r, const uint8_t *pkt, size_t len, const struct m6e_hop *hop)
{
	refd_kernel_sync(r->kernel, r->engine); /* the kernel follows a binding before its BA goes */
	if (len > sizeof r->frame - ETH_HLEN)
		return;
	memcpy(r->frame + ETH_HLEN, pkt, len);
	len = m6h_fault_tx(r->fault, r->frame + ETH_HLEN, len, sizeof r->frame - ETH_HLEN);
	if (len < 40)
		return;
	m6_addr6 dst;
	memcpy(dst.a, r->frame + ETH_HLEN + 24, 16);
	int k = route(r, &dst, hop);
	memcpy(r->frame + 6, m6h_link_mac(r->links[k]), 6);
	r->frame[12] = 0x86;
	r->frame[13] = 0xdd;
	if (refd_out_delayed(&r->out)) {
		if (!refd_out_queue(&r->out, &dst, k, r->frame, len + ETH_HLEN, now_ms()))
			fprintf(stderr, "mip6kit refd: reply queue full, a reply is lost\n");
		return;
	}
	if (m6h_link_send(r->links[k], r->frame, len + ETH_HLEN, r->err, sizeof r->err) < 0)
		fprintf(stderr, "mip6kit refd: %s\n", r->err);
}

static void send_reply(void *ctx, const uint8_t *pkt, size_t len)
{
	send_frame(ctx, pkt, len, NULL);
}

/* Forwarded packets too wait for --reply-delay, as in a kernel's
 * forwarding path. */
static void send_hop(void *ctx, const uint8_t *pkt, size_t len, const struct m6e_hop *hop)
{
	send_frame(ctx, pkt, len, hop);
}

/* The delayed frames whose time has come. */
static void send_due(struct refd *r)
{
	const struct refd_frame *f;

	while ((f = refd_out_next_due(&r->out, now_ms())) != NULL) {
		if (m6h_link_send(r->links[f->link], f->bytes, f->len, r->err, sizeof r->err) < 0)
			fprintf(stderr, "mip6kit refd: %s\n", r->err);
		refd_out_pop(&r->out, f);
	}
}

static void log_event(void *ctx, const struct m6e_event *ev)
{
	struct refd *r = ctx;
	char hoa[INET6_ADDRSTRLEN], coa[INET6_ADDRSTRLEN];

	refd_kernel_note(r->kernel, ev);
	if (!r->verbose)
		return;
	inet_ntop(AF_INET6, ev->hoa.a, hoa, sizeof hoa);
	inet_ntop(AF_INET6, ev->coa.a, coa, sizeof coa);
	fprintf(stderr, "refd: %s hoa=%s bid=%u coa=%s", m6e_event_name(ev->kind), hoa, ev->bid, coa);
	if (ev->kind == M6E_EV_REJECTED)
		fprintf(stderr, " status=%u", ev->status);
	if (ev->kind == M6E_EV_DROPPED)
		fprintf(stderr, " reason=%s", m6e_drop_name(ev->reason));
	fprintf(stderr, "\n");
}

static int parse_prefix(const char *arg, struct m6e_policy *p)
{
	char addr[INET6_ADDRSTRLEN];
	const char *slash = strchr(arg, '/');
	char *end;

	if (!slash || (size_t)(slash - arg) >= sizeof addr || p->n_home_prefixes == M6E_MAX_PREFIXES)
		return -1;
	memcpy(addr, arg, (size_t)(slash - arg));
	addr[slash - arg] = '\0';
	long plen = strtol(slash + 1, &end, 10);
	struct m6e_prefix *pf = &p->home_prefixes[p->n_home_prefixes];
	if (*end || plen < 0 || plen > 128 || inet_pton(AF_INET6, addr, pf->prefix.a) != 1)
		return -1;
	pf->plen = (uint8_t)plen;
	p->n_home_prefixes++;
	return 0;
}

static int parse_uint(const char *arg, unsigned long max, unsigned long *out)
{
	char *end;
	unsigned long v = strtoul(arg, &end, 10);

	if (!*arg || *end || arg[0] == '-' || v > max)
		return -1;
	*out = v;
	return 0;
}

/* MIN-MAX milliseconds, MIN <= MAX <= 60000. */
static int parse_range(const char *arg, uint32_t *min, uint32_t *max)
{
	char lo[16];
	const char *dash = strchr(arg, '-');
	unsigned long a, b;

	if (!dash || dash == arg || (size_t)(dash - arg) >= sizeof lo)
		return -1;
	memcpy(lo, arg, (size_t)(dash - arg));
	lo[dash - arg] = '\0';
	if (parse_uint(lo, 60000, &a) || parse_uint(dash + 1, 60000, &b) || a > b)
		return -1;
	*min = (uint32_t)a;
	*max = (uint32_t)b;
	return 0;
}

static int parse_coa_choice(const char *arg, uint8_t *out)
{
	static const char *const names[] = {
		[M6E_COA_LOWEST_BID] = "lowest-bid",
		[M6E_COA_NEWEST] = "newest",
		[M6E_COA_FLOW_HASH] = "flow-hash",
	};
	for (uint8_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (!strcmp(arg, names[i])) {
			*out = i;
			return 0;
		}
	return -1;
}

enum {
	OPT_ROLE = 256, OPT_ADDR, OPT_PREFIX, OPT_MCOA, OPT_BULK, OPT_SIMUL, OPT_RETURN_HOME,
	OPT_MAX_BINDINGS, OPT_MAX_PER_HOA, OPT_MAX_LIFETIME, OPT_REFRESH, OPT_NONCE_PERIOD, OPT_NONCE_PERIOD_MS, OPT_NONCE_LIFETIME,
	OPT_SEED, OPT_MAX_PACKETS,
	OPT_FAULT, OPT_DAD, OPT_REPLY_DELAY, OPT_BE1_FOR_MH, OPT_ALTERNATIVES, OPT_START_DELAY,
	OPT_COA_CHOICE, OPT_DEFAULT_ROUTER, OPT_FORWARDING,
};

static const struct option longopts[] = {
	{ "iface", required_argument, NULL, 'i' },
	{ "role", required_argument, NULL, OPT_ROLE },
	{ "addr", required_argument, NULL, OPT_ADDR },
	{ "home-prefix", required_argument, NULL, OPT_PREFIX },
	{ "mcoa-prohibited", no_argument, NULL, OPT_MCOA },
	{ "bulk-prohibited", no_argument, NULL, OPT_BULK },
	{ "simultaneous-prohibited", no_argument, NULL, OPT_SIMUL },
	{ "return-home", required_argument, NULL, OPT_RETURN_HOME },
	{ "max-bindings", required_argument, NULL, OPT_MAX_BINDINGS },
	{ "max-per-hoa", required_argument, NULL, OPT_MAX_PER_HOA },
	{ "max-lifetime", required_argument, NULL, OPT_MAX_LIFETIME },
	{ "refresh-lead", required_argument, NULL, OPT_REFRESH },
	{ "nonce-period", required_argument, NULL, OPT_NONCE_PERIOD },
	{ "nonce-period-ms", required_argument, NULL, OPT_NONCE_PERIOD_MS },
	{ "nonce-lifetime", required_argument, NULL, OPT_NONCE_LIFETIME },
	{ "seed", required_argument, NULL, OPT_SEED },
	{ "max-packets", required_argument, NULL, OPT_MAX_PACKETS },
	{ "fault", required_argument, NULL, OPT_FAULT },
	{ "dad", no_argument, NULL, OPT_DAD },
	{ "reply-delay", required_argument, NULL, OPT_REPLY_DELAY },
	{ "be1-for-mh", required_argument, NULL, OPT_BE1_FOR_MH },
	{ "alternatives", no_argument, NULL, OPT_ALTERNATIVES },
	{ "start-delay", required_argument, NULL, OPT_START_DELAY },
	{ "coa-choice", required_argument, NULL, OPT_COA_CHOICE },
	{ "default-router", required_argument, NULL, OPT_DEFAULT_ROUTER },
	{ "forwarding", required_argument, NULL, OPT_FORWARDING },
	{ "verbose", no_argument, NULL, 'v' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

/* Fills cfg from the options; returns NULL or the offending option. */
static const char *parse_options(int argc, char **argv, struct m6e_config *cfg, struct refd *r,
				 unsigned long *max_packets)
{
	unsigned long v;
	int c;

	while ((c = getopt_long(argc, argv, "i:vh", longopts, NULL)) != -1) {
		switch (c) {
		case 'i':
			if (r->n_links == M6H_LINKS_MAX)
				return "--iface (at most 4)";
			r->ifaces[r->n_links++] = optarg;
			break;
		case 'v': r->verbose = true; break;
		case OPT_FAULT:
			if (!strcmp(optarg, "list"))
				return "list";
			r->fault = m6h_fault_find(optarg);
			if (!r->fault)
				return "--fault (--fault list names them)";
			break;
		case OPT_ROLE:
			cfg->is_ha = !strcmp(optarg, "ha") || !strcmp(optarg, "both");
			cfg->is_cn = !strcmp(optarg, "cn") || !strcmp(optarg, "both");
			if (!cfg->is_ha && !cfg->is_cn)
				return "--role (ha, cn or both)";
			break;
		case OPT_ADDR:
			if (inet_pton(AF_INET6, optarg, cfg->addr.a) != 1)
				return "--addr (an IPv6 address)";
			break;
		case OPT_DEFAULT_ROUTER:
			if (inet_pton(AF_INET6, optarg, cfg->default_router.a) != 1)
				return "--default-router (an IPv6 address)";
			break;
		case OPT_COA_CHOICE:
			if (parse_coa_choice(optarg, &cfg->coa_choice))
				return "--coa-choice (lowest-bid, newest or flow-hash)";
			break;
		case OPT_FORWARDING:
			if (strcmp(optarg, "engine") && strcmp(optarg, "kernel"))
				return "--forwarding (engine or kernel)";
			r->kernel_forwards = !strcmp(optarg, "kernel");
			break;
		case OPT_PREFIX:
			if (parse_prefix(optarg, &cfg->policy))
				return "--home-prefix (PREFIX/LEN, at most 8)";
			break;
		case OPT_MCOA: cfg->policy.mcoa_prohibited = true; break;
		case OPT_BULK: cfg->policy.bulk_prohibited = true; break;
		case OPT_SIMUL: cfg->policy.simultaneous_prohibited = true; break;
		case OPT_RETURN_HOME:
			if (parse_uint(optarg, 5, &v) || (v != 0 && v != 5))
				return "--return-home (0 or 5)";
			cfg->policy.return_home_status = (uint8_t)v;
			break;
		case OPT_MAX_BINDINGS:
			if (parse_uint(optarg, 1u << 26, &v) || v == 0)
				return "--max-bindings (1 to 67108864)";
			cfg->policy.max_bindings = (uint32_t)v;
			break;
		case OPT_MAX_PER_HOA:
			if (parse_uint(optarg, 65535, &v) || v == 0)
				return "--max-per-hoa (1 to 65535)";
			cfg->policy.max_per_hoa = (uint16_t)v;
			break;
		case OPT_MAX_LIFETIME:
			/* RFC 6275 s10.3.1 lets an HA shorten a lifetime, and the entry is
			 * deleted when it runs out: a cap of 0 would accept every
			 * registration with status 0 and lifetime 0, and drop it at once */
			if (parse_uint(optarg, 65535, &v) || v == 0)
				return "--max-lifetime (1 to 65535)";
			cfg->policy.max_lifetime = (uint16_t)v;
			break;
		case OPT_REFRESH:
			if (parse_uint(optarg, 262140, &v))
				return "--refresh-lead (0 to 262140 seconds)";
			cfg->refresh_lead_s = (uint32_t)v;
			break;
		case OPT_NONCE_PERIOD:
			if (parse_uint(optarg, 86400, &v) || v == 0)
				return "--nonce-period (1 to 86400 seconds)";
			cfg->nonce_period_ms = v * 1000;
			break;
		case OPT_NONCE_PERIOD_MS:
			if (parse_uint(optarg, 86400000, &v) || v == 0)
				return "--nonce-period-ms (1 to 86400000 milliseconds)";
			cfg->nonce_period_ms = v;
			break;
		case OPT_NONCE_LIFETIME:
			if (parse_uint(optarg, 86400, &v) || v == 0)
				return "--nonce-lifetime (1 to 86400 seconds)";
			cfg->nonce_lifetime_ms = v * 1000;
			break;
		case OPT_SEED:
			if (parse_uint(optarg, ~0ul, &v))
				return "--seed (a number)";
			cfg->seed = v;
			break;
		case OPT_DAD: cfg->policy.dad = true; break;
		case OPT_REPLY_DELAY:
			if (parse_range(optarg, &r->delay_min_ms, &r->delay_max_ms))
				return "--reply-delay (MIN-MAX milliseconds, 0 <= MIN <= MAX <= 60000)";
			break;
		case OPT_BE1_FOR_MH:
			if (strcmp(optarg, "yes") && strcmp(optarg, "no"))
				return "--be1-for-mh (yes or no)";
			cfg->be1_for_mh = !strcmp(optarg, "yes");
			break;
		case OPT_ALTERNATIVES: cfg->policy.alternatives = true; break;
		case OPT_START_DELAY:
			if (parse_uint(optarg, 3600, &v))
				return "--start-delay (0 to 3600 seconds)";
			r->start_delay_s = (unsigned)v;
			break;
		case OPT_MAX_PACKETS:
			if (parse_uint(optarg, ~0ul, &v))
				return "--max-packets (a number)";
			*max_packets = v;
			break;
		case 'h': return "";
		default: return "?";
		}
	}
	if (optind != argc)
		return "unexpected argument";
	return NULL;
}

/* The kernel here knows no Mobility Header: with no raw socket open for
 * protocol 135 it answers MH packets addressed to it with ICMPv6 errors,
 * and the same for IPv6-in-IPv6 (41) without a tunnel device, and UDP to
 * port 7 with Port Unreachable. Holding a socket open for each keeps it
 * quiet (they are never read; a full UDP queue drops silently). */
enum { HUSH_SOCKETS = 3 };

static void hush_kernel(int fd[HUSH_SOCKETS])
{
	struct sockaddr_in6 echo = { .sin6_family = AF_INET6, .sin6_port = htons(7) };

	fd[0] = socket(AF_INET6, SOCK_RAW, M6_IPPROTO_MH);
	fd[1] = socket(AF_INET6, SOCK_RAW, M6_IPPROTO_IPV6);
	fd[2] = socket(AF_INET6, SOCK_DGRAM, 0);
	if (fd[2] >= 0 && bind(fd[2], (const struct sockaddr *)&echo, sizeof echo) < 0) {
		close(fd[2]);
		fd[2] = -1;
	}
}

/* The kernel's own Echo Replies (plain, without RH2) would answer twice
 * what the engine answers: off in refd's network namespace while it
 * serves, as it was afterwards. Returns the old setting, or -1. */
static int kernel_echo_set(int ignore)
{
	return sysctl_swap("/proc/sys/net/ipv6/icmp/echo_ignore_all", ignore);
}

static uint8_t buf[65536];

/* --start-delay: the daemon is not there yet; what comes is not seen. */
static int sleep_through_start(struct refd *r)
{
	uint64_t start = now_ms() + (uint64_t)r->start_delay_s * 1000;
	int k;

	for (uint64_t now = now_ms(); !stop && now < start; now = now_ms()) {
		uint64_t left = start - now;
		if (m6h_link_recv_any(r->links, r->n_links, buf, sizeof buf, left < 100 ? (int)left : 100, &k,
				      r->err, sizeof r->err) < 0)
			return cli_fail(CMD, "%s", r->err);
	}
	return 0;
}

/* Where a frame came from: replies to its IPv6 source go back there. */
static void learn_sender(struct refd *r, const uint8_t *frame, size_t len)
{
	m6_addr6 src;

	memcpy(r->peer_mac, frame + 6, 6);
	if (len < ETH_HLEN + 40 || frame[12] != 0x86 || frame[13] != 0xdd)
		return;
	memcpy(src.a, frame + ETH_HLEN + 8, 16);
	if (src.a[0] != 0xff && memcmp(src.a, (const uint8_t[16]){ 0 }, 16))
		refd_out_learn(&r->out, &src, frame + 6, r->peer_link);
}

static int serve(struct refd *r, struct m6e_engine *e, unsigned long max_packets)
{
	struct m6e_sink sink = { send_reply, log_event, r, send_hop };
	unsigned long seen = 0;

	while (!stop && (!max_packets || seen < max_packets)) {
		send_due(r);
		int n = m6h_link_recv_any(r->links, r->n_links, buf, sizeof buf, refd_out_wait_ms(&r->out, now_ms(), 100),
					  &r->peer_link, r->err, sizeof r->err);
		if (n < 0)
			return cli_fail(CMD, "%s", r->err);
		if (n == 0) {
			m6e_tick(e, now_ms(), &sink);
			refd_kernel_sync(r->kernel, e);
			continue;
		}
		seen++;
		n = (int)m6h_fault_rx(r->fault, buf, (size_t)n, sizeof buf);
		if ((size_t)n < ETH_HLEN)
			continue;
		learn_sender(r, buf, (size_t)n);
		m6e_receive_frame(e, buf, (size_t)n, M6_LINK_ETHERNET, now_ms(), &sink);
		refd_kernel_sync(r->kernel, e);
	}
	return 0;
}

/* The length of the home prefix that holds the node's address (64 when
 * none does): the address is added to the home link with it. */
static unsigned home_plen(const struct m6e_config *cfg)
{
	const struct m6e_policy *p = &cfg->policy;

	for (unsigned i = 0; i < p->n_home_prefixes; i++) {
		struct m6e_policy one = { .n_home_prefixes = 1, .home_prefixes = { p->home_prefixes[i] } };
		if (m6e_policy_home_addr(&one, &cfg->addr))
			return p->home_prefixes[i].plen;
	}
	return 64;
}

static void close_links(struct refd *r)
{
	for (int k = 0; k < r->n_links; k++)
		m6h_link_close(r->links[k]);
}

int cmd_refd(int argc, char **argv)
{
	struct m6e_config cfg;
	unsigned long max_packets = 0;
	static struct refd r;

	m6e_config_default(&cfg);
	cfg.policy.max_bindings = 65536;
	inet_pton(AF_INET6, "2001:db8:1::fe", cfg.default_router.a);
	const char *bad = parse_options(argc, argv, &cfg, &r, &max_packets);
	if (bad && !*bad) {
		fputs(usage_text, stdout);
		return 0;
	}
	if (bad && !strcmp(bad, "list")) {
		for (int i = 0; m6h_fault_at(i); i++)
			printf("%-22s %s\n", m6h_fault_name(m6h_fault_at(i)), m6h_fault_text(m6h_fault_at(i)));
		return 0;
	}
	if (bad)
		return cli_fail(CMD, "bad option %s; see 'mip6kit refd --help'", bad);
	if (!r.n_links)
		return cli_fail(CMD, "--iface is required; see 'mip6kit refd --help'");
	static const m6_addr6 unspecified;
	bool has_addr = memcmp(&cfg.addr, &unspecified, sizeof unspecified) != 0;
	if (r.kernel_forwards && (!has_addr || !cfg.is_ha))
		return cli_fail(CMD, "--forwarding kernel needs --addr and the HA role");
	cfg.host_forwards = r.kernel_forwards;
	m6h_fault_configure(r.fault, &cfg);
	for (int k = 0; k < r.n_links; k++) {
		r.links[k] = m6h_link_open(r.ifaces[k], "ip6", r.err, sizeof r.err);
		if (!r.links[k]) {
			close_links(&r);
			return cli_fail(CMD, "%s", r.err);
		}
	}
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);
	if (r.start_delay_s)
		fprintf(stderr, "mip6kit refd: starting in %u s\n", r.start_delay_s);
	if (sleep_through_start(&r)) {
		close_links(&r);
		return 2;
	}
	int hush[HUSH_SOCKETS];
	hush_kernel(hush);
	int echo_was = kernel_echo_set(1);
	if (has_addr) { /* an all-zero MAC keeps the data plane off */
		memcpy(cfg.mac, m6h_link_mac(r.links[0]), sizeof cfg.mac);
		/* set once: its RAs come from it, and refd answers for it as its own */
		m6h_link_local_of(cfg.mac, cfg.link_local.a);
	}
	refd_out_init(&r.out, r.delay_min_ms, r.delay_max_ms, cfg.seed);
	struct m6e_engine *e = m6e_new(&cfg, now_ms());
	if (!e) {
		close_links(&r);
		return cli_fail(CMD, "cannot allocate the engine for %u bindings", cfg.policy.max_bindings);
	}
	r.engine = e;
	if (r.kernel_forwards &&
	    !(r.kernel = refd_kernel_start(r.ifaces[0], &cfg.addr, home_plen(&cfg), &cfg.default_router, r.err,
					   sizeof r.err)))
		fprintf(stderr, "mip6kit refd: %s\n", r.err);
	fprintf(stderr, "mip6kit refd: serving on %s%s as %s%s%s%s\n", r.ifaces[0],
		r.n_links > 1 ? " and more" : "",
		cfg.is_ha && cfg.is_cn ? "HA and CN" : cfg.is_ha ? "HA" : "CN",
		r.kernel ? ", the kernel forwarding" : "",
		r.fault ? ", with seeded fault " : "", r.fault ? m6h_fault_name(r.fault) : "");
	int rc = r.kernel_forwards && !r.kernel ? 2 : serve(&r, e, max_packets);
	refd_kernel_stop(r.kernel);
	m6e_free(e);
	close_links(&r);
	for (int i = 0; i < HUSH_SOCKETS; i++)
		if (hush[i] >= 0)
			close(hush[i]);
	if (echo_was >= 0)
		kernel_echo_set(echo_was);
	return rc;
}
