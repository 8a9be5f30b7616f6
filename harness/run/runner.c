/* runner.c - one conformance case against a live IUT (runner.h). */
#include <arpa/inet.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>

#include "m6print.h"
#include "m6spec.h"
#include "neighbor.h"
#include "runner.h"
#include "stream.h"
#include "timing.h"
#include "words.h"

/* The probes: packets the IUT must answer after everything sent before
 * it, from the same queue. The first is the best (RFC 6275 s9.2 SHOULD);
 * an IUT that does not send it is probed as a CN or as an HA instead
 * (the home address off the home prefix: answered 132, no binding). */
static const struct probe {
	const char *spec, *reply, *what;
} probes[] = {
	{ "mh=42 body=0000 src={coa1} dst={iut}", "be status=2",
	  "an unknown MH type (42), answered with Binding Error 2" },
	{ "hoti src={coa1} dst={iut} cookie=7072626f62650000", "hot",
	  "a Home Test Init, answered with a Home Test" },
	{ "bu A H hao=2001:db8:99::1 seq=1 lifetime=1 src={coa1} dst={iut}", "ba",
	  "a BU for a home address off the home prefix, answered with a BA" },
};
#define N_PROBES (int)(sizeof probes / sizeof probes[0])
_Static_assert(N_PROBES == M6H_PROBE_KINDS, "runner.h counts the probe kinds");

const char *m6h_probe_name(int probe)
{
	return probe >= 0 && probe < N_PROBES ? probes[probe].what : "none";
}

const char *m6h_verdict_name(int v)
{
	static const char *const names[] = { "pass", "fail", "inconclusive", "n/a", "warn" };
	return v >= 0 && v < M6H_VERDICTS ? names[v] : "?";
}

#define DAD_SEEN_MAX 8
#define SOLICITED_MAX 4

/* What a case's placeholders stand for, and what the tester holds. */
struct vars {
	char hoa[48], hoa2[48], hoa_ll[48], hoa_snm[48], hoa_snm_mac[24], coa[4][48], cn[48], iut[64], v4coa[20];
	char hi[8], ci[8], kbm[2 * M6_KBM_LEN + 1];
	char reply_src[48]; /* the source of the last reply an expect or poll matched ("" before one) */
	/* hoa, the care-of addresses, cn, hoa2 and hoa-ll, then the targets of
	 * the solicitations the case sent (written-out addresses included):
	 * where its replies go, and what its Neighbor Advertisements name */
	m6_addr6 mine[8 + SOLICITED_MAX];
	int n_mine;
	struct m6h_held held; /* the addresses the tester answers Neighbor Solicitations for */
	int n_dad;
	m6_addr6 dad[DAD_SEEN_MAX]; /* the targets of the IUT's DAD probes seen */
	char dad_line[DAD_SEEN_MAX][256]; /* and their decode lines */
};

struct run {
	const struct m6h_case *c;
	const struct m6h_target *t;
	pcap_dumper_t *dump;
	struct m6h_result *r;
	struct vars v;
	uint8_t frame[65536];
	char line[1024];        /* the decode line of the last reply */
	size_t frame_len;       /* and its length in frame[] */
	bool sent_rs;           /* the case sent a Router Solicitation: Router Advertisements are replies */
	int step;               /* the step running */
	double sent_at;         /* when the last packet went out */
	int sent_step;          /* the step that sent it */
	double start;           /* when the case started */
	bool bound;             /* a binding was acknowledged: no DAD for the home address again */
	char polled[M6H_TEXT];  /* what the last poll waited for: its later answers are leftovers */
	int n_passed;           /* replies to the last packet an expect passed over, for the next */
	struct passed {
		size_t len;
		char line[1024];
		uint8_t frame[2048];
	} passed[8];
	int index;              /* the case's number in the run */
	struct m6h_stream stream; /* sent and received in the background of the steps (stream.h) */
};

_Static_assert(M6H_STREAM_LINKS == M6H_LINKS_MAX, "a stream's record bounds links as linkio.h does");

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

void m6h_describe_addresses(unsigned tag, char *out, size_t cap)
{
	snprintf(out, cap, "Addresses of this run (tag %x): home 2001:db8:1::%x:1:N, care-of 2001:db8:K::%x:N (K 2-5), "
			   "N the case's number: a second run against an IUT that was not restarted meets none of "
			   "this run's bindings (--run-tag picks the tag).",
		 tag, tag, tag);
}

/* Case index's addresses (runner.h: the run tag in each), and what the
 * tester holds: the routers and care-of addresses, and the home address
 * at a correspondent (the tester is the mobile node's home network). */
static void set_vars(struct vars *v, const struct m6h_case *c, int index, const struct m6h_target *t)
{
	unsigned n = (unsigned)index + 1;

	memset(v, 0, sizeof *v);
	snprintf(v->hoa, sizeof v->hoa, "2001:db8:1::%x:1:%x", t->run_tag, n);
	/* the link-local address with the home address's interface identifier
	 * (what a BU's L flag says the mobile node uses, RFC 6275 s6.1.7) */
	snprintf(v->hoa_ll, sizeof v->hoa_ll, "fe80::%x:1:%x", t->run_tag, n);
	/* its solicited-node multicast address and MAC address (RFC 4291 s2.7.1, RFC 2464 s7):
	 * ff02::1:ff and the address's last 24 bits, 1:N */
	snprintf(v->hoa_snm, sizeof v->hoa_snm, "ff02::1:ff%02x:%x", 1, n & 0xffff);
	snprintf(v->hoa_snm_mac, sizeof v->hoa_snm_mac, "33:33:ff:%02x:%02x:%02x", 1, (n >> 8) & 0xff, n & 0xff);
	/* a second home address of the same mobile node (seed 003's n home addresses) */
	snprintf(v->hoa2, sizeof v->hoa2, "2001:db8:1::%x:2:%x", t->run_tag, n);
	for (int i = 0; i < 4; i++)
		snprintf(v->coa[i], sizeof v->coa[i], "2001:db8:%x::%x:%x", i + 2, t->run_tag, n);
	/* a correspondent beyond the router, on neither the home nor a care-of prefix */
	snprintf(v->cn, sizeof v->cn, "2001:db8:6::%x:%x", t->run_tag, n);
	snprintf(v->iut, sizeof v->iut, "%s", t->iut_addr);
	snprintf(v->v4coa, sizeof v->v4coa, "192.0.2.%u", n % 250 + 1);
	inet_pton(AF_INET6, v->hoa, v->mine[0].a);
	for (int i = 0; i < 4; i++)
		inet_pton(AF_INET6, v->coa[i], v->mine[i + 1].a);
	inet_pton(AF_INET6, v->cn, v->mine[5].a);
	inet_pton(AF_INET6, v->hoa2, v->mine[6].a);
	inet_pton(AF_INET6, v->hoa_ll, v->mine[7].a);
	v->n_mine = 8;
	m6h_held_add_routers(&v->held);
	for (int i = 0; i < 4; i++)
		m6h_held_add(&v->held, v->coa[i], false);
	if (!strcmp(c->role, "cn"))
		m6h_held_add(&v->held, v->hoa, false);
}

/* Is a one of the case's addresses (its home, care-of and correspondent addresses)? */
static bool is_mine(const struct vars *v, const m6_addr6 *a)
{
	for (int i = 0; i < v->n_mine; i++)
		if (!memcmp(a, &v->mine[i], sizeof *a))
			return true;
	return false;
}

/* A reply to this case goes to one of its addresses; anything else is
 * late traffic of an earlier case (which has addresses of its own). */
static bool for_this_case(const struct vars *v, const struct m6_pkt *pkt)
{
	return is_mine(v, &pkt->ip[pkt->n_ip - 1].dst);
}

static const char *lookup(const struct vars *v, const char *name, size_t len)
{
	static const char *const coa_names[] = { "coa1", "coa2", "coa3", "coa4" };
	for (int i = 0; i < 4; i++)
		if (len == 4 && !strncmp(name, coa_names[i], 4))
			return v->coa[i];
#define VAR(n, field) if (len == sizeof(n) - 1 && !strncmp(name, n, len)) return v->field
	VAR("hoa", hoa);
	VAR("hoa-ll", hoa_ll);
	VAR("hoa2", hoa2);
	VAR("hoa-snm", hoa_snm);
	VAR("hoa-snm-mac", hoa_snm_mac);
	VAR("iut", iut);
	VAR("cn", cn);
	VAR("v4coa", v4coa);
	VAR("hi", hi);
	VAR("ci", ci);
	VAR("kbm", kbm);
	if (len == 9 && !strncmp(name, "reply-src", len))
		return v->reply_src[0] ? v->reply_src : NULL;
#undef VAR
	return NULL;
}

/* text with {name} replaced; -1 (and why) for an unknown name. */
static int expand(struct run *x, const char *text, char *out, size_t cap)
{
	size_t o = 0;

	for (const char *p = text; *p; p++) {
		const char *val = NULL;
		char one[2] = { *p, 0 };
		if (*p == '{') {
			const char *close = strchr(p, '}');
			val = close ? lookup(&x->v, p + 1, (size_t)(close - p - 1)) : NULL;
			if (!val) {
				bool early = !strncmp(p, "{reply-src}", 11); /* known, not set yet */
				snprintf(x->r->why, sizeof x->r->why, "%s in '%s'",
					 early ? "{reply-src} before any reply was matched" : "unknown placeholder", text);
				return -1;
			}
			p = close;
		}
		const char *add = val ? val : one;
		size_t n = strlen(add);
		if (o + n + 1 > cap)
			return -1;
		memcpy(out + o, add, n);
		o += n;
	}
	out[o] = '\0';
	return 0;
}

static void record(struct run *x, const uint8_t *frame, size_t len)
{
	struct pcap_pkthdr h;

	if (!x->dump)
		return;
	gettimeofday(&h.ts, NULL);
	h.caplen = h.len = (bpf_u_int32)len;
	pcap_dump((u_char *)x->dump, &h, frame);
	x->r->frames++;
}

static int decided(struct run *x, int verdict, const struct m6h_step *s, const char *fmt, ...)
{
	va_list ap;

	x->r->verdict = verdict;
	x->r->step_line = s ? s->line : 0;
	va_start(ap, fmt);
	vsnprintf(x->r->why, sizeof x->r->why, fmt, ap);
	va_end(ap);
	return -1;
}

/* The verdict when step s does not go as written. */
static int failed(struct run *x, const struct m6h_step *s, const char *fmt, ...)
{
	char msg[700];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	return decided(x, s->given ? M6H_INCONCLUSIVE : M6H_FAIL, s, "%s:%d: %s%s", x->c->file, s->line,
		       s->given ? "a given step did not hold, so the case cannot conclude: " : "", msg);
}

/* Does the spec have a word starting with key (e.g. "src=")? */
static bool has_key(const char *spec, const char *key)
{
	for (const char *p = spec; (p = strstr(p, key)) != NULL; p++)
		if (p == spec || p[-1] == ' ')
			return true;
	return false;
}

/* Takes the word "link=K" out of spec: the link to send on (0, the home
 * link, when there is none). Returns K, or -1 when it names no link. */
static int take_link(char *spec, int n_links)
{
	for (char *p = spec; (p = strstr(p, "link=")) != NULL; p++) {
		if (p != spec && p[-1] != ' ')
			continue;
		char *end;
		long k = strtol(p + 5, &end, 10);
		if (end == p + 5 || (*end && *end != ' ') || k < 0 || k >= n_links)
			return -1;
		memmove(p, end, strlen(end) + 1);
		return (int)k;
	}
	return 0;
}

/* text made a whole spec in spec[cap]: placeholders filled, link= taken
 * off (the link in *k), src= and dst= given their defaults. */
static int prepare_spec(struct run *x, const struct m6h_step *s, const char *text, char *spec, size_t cap, int *k)
{
	if (expand(x, text, spec, cap - 120))
		return failed(x, s, "%s", x->r->why[0] ? x->r->why : "the expanded spec is too long");
	*k = take_link(spec, x->t->n_links);
	if (*k < 0)
		return decided(x, M6H_INCONCLUSIVE, s, "%s:%d: link= names no link of this topology (%d link%s)",
			       x->c->file, s->line, x->t->n_links, x->t->n_links == 1 ? "" : "s");
	size_t len = strlen(spec);
	if (!has_key(spec, "src="))
		len += (size_t)snprintf(spec + len, cap - len, " src=%s", x->v.coa[0]);
	if (!has_key(spec, "dst="))
		snprintf(spec + len, cap - len, " dst=%s", x->v.iut);
	return 0;
}

/* A solicitation's target is the case's from then on, written out or a
 * placeholder: the answer (to the solicitor, RFC 4861 s7.2.4) names it
 * only as its target. */
static void note_solicited(struct vars *v, const struct m6_build *b)
{
	if (!b->is_nd || b->nd.type != M6_ICMP6_NS || is_mine(v, &b->nd.target) ||
	    v->n_mine == (int)(sizeof v->mine / sizeof v->mine[0]))
		return;
	v->mine[v->n_mine++] = b->nd.target;
}

/* A whole spec built at the link layer, recorded and sent on link k.
 * Returns 0, or -1 with why in err. */
static int transmit(struct run *x, const char *spec, int k, char *err, size_t errlen)
{
	static struct m6_build b;
	char why[200];

	if (m6_spec_parse(spec, &b, why, sizeof why) != M6_OK)
		return snprintf(err, errlen, "bad spec: %s", why), -1;
	b.pkt.eth = true;
	memcpy(b.pkt.eth_src, m6h_link_mac(x->t->links[k]), 6);
	if (!has_key(spec, "ethdst=")) /* to the IUT, unless the case names a multicast MAC address */
		memcpy(b.pkt.eth_dst, x->t->iut_mac[k], 6);
	int n = m6_build_encode(&b, x->frame, sizeof x->frame);
	if (n < 0)
		return snprintf(err, errlen, "the spec does not encode"), -1;
	record(x, x->frame, (size_t)n);
	if (m6h_link_send(x->t->links[k], x->frame, (size_t)n, why, sizeof why) < 0)
		return snprintf(err, errlen, "send: %s", why), -1;
	note_solicited(&x->v, &b);
	return 0;
}

static int send_spec(struct run *x, const struct m6h_step *s, const char *text)
{
	char spec[1024], err[300];
	int k;

	if (prepare_spec(x, s, text, spec, sizeof spec, &k))
		return -1;
	x->sent_rs |= !strncmp(spec, "rs", 2) && (spec[2] == ' ' || !spec[2]);
	x->n_passed = 0; /* what was passed over answered an earlier packet (a stream's packets are no such) */
	if (transmit(x, spec, k, err, sizeof err))
		return decided(x, M6H_INCONCLUSIVE, s, "%s:%d: %s", x->c->file, s->line, err);
	return 0;
}

/* The stream's packets due by now, each with its tag. One that cannot go
 * out stops the stream (stream-check says why). */
static void stream_send_due(struct run *x)
{
	struct m6h_stream *st = &x->stream;
	char spec[M6H_STREAM_SPEC + 16];
	int i;

	while ((i = m6h_stream_due(st, now_s())) >= 0) {
		snprintf(spec, sizeof spec, "%s tag=%u", st->spec, st->base + (unsigned)i);
		if (transmit(x, spec, st->link, st->stopped, sizeof st->stopped))
			return;
		m6h_stream_sent(st, now_s());
	}
}

/* A frame with one of the stream's tags is the stream's, never a reply:
 * noted with where it came out, the case address it was sent to (the
 * outer destination when tunnelled: ip[0]). */
static bool stream_took(struct run *x, const struct m6_pkt *pkt, int k)
{
	_Static_assert(M6H_AT_CN == M6H_AT_HOA + 5, "mine[]: hoa, coa1..4, cn");
	int index, at = M6H_AT_OTHER;

	if (!pkt->has_data || !pkt->data.has_tag || !pkt->n_ip || !m6h_stream_owns(&x->stream, pkt->data.tag, &index))
		return false;
	for (int i = 0; i < 6; i++)
		if (!memcmp(&pkt->ip[0].dst, &x->v.mine[i], sizeof x->v.mine[i]))
			at = M6H_AT_HOA + i;
	m6h_stream_received(&x->stream, index, at, k, now_s());
	return true;
}

/* An IUT with a kernel asks for the router and care-of addresses the
 * tester holds before it answers; a home agent probes a home address with
 * DAD before it accepts its registration (noted for expect-dad). */
static void answer_neighbor(struct run *x, size_t len, const struct m6_pkt *pkt, int k)
{
	static uint8_t na[256];
	m6_addr6 target;
	char err[200];

	if (m6h_neighbor_dad_probe(x->frame, len, pkt, &target) && x->v.n_dad < DAD_SEEN_MAX) {
		struct m6_buf b;
		struct m6_frame_info fi = { .frame = 0 };
		char *line = x->v.dad_line[x->v.n_dad];
		m6_buf_init(&b, line, sizeof x->v.dad_line[0] - 1, NULL);
		m6_print_line(&b, pkt, &fi);
		line[b.len ? b.len - 1 : 0] = '\0';
		x->v.dad[x->v.n_dad++] = target;
	}
	size_t n = m6h_neighbor_advert(x->frame, len, pkt, m6h_link_mac(x->t->links[k]), &x->v.held, na, sizeof na);
	if (n) {
		record(x, na, n);
		m6h_link_send(x->t->links[k], na, n, err, sizeof err);
	}
}

/* A Router Advertisement after the case sent a Router Solicitation: the
 * answer goes to all nodes, so no address of the case names it. */
static bool asked_ra(const struct run *x, const struct m6_pkt *pkt)
{
	return x->sent_rs && pkt->has_nd && pkt->icmp6.type == M6_ICMP6_RA;
}

/* Is a frame received this case's? Every one is when the case has the
 * links to itself; with other cases in flight, those that name one of
 * its addresses (as source, destination, in any header, or as the target
 * of a Neighbor Solicitation or Advertisement: a home agent's proxy
 * answer goes to the solicitor or all nodes, and names the home address
 * only as its target), and a Router Advertisement after its Router
 * Solicitation (the answer it waits for, though it names none of them). */
static bool concerns_case(const struct run *x, size_t len, const struct m6_pkt *pkt)
{
	m6_addr6 target;

	if (!x->t->shared || asked_ra(x, pkt))
		return true;
	for (int i = 0; i < pkt->n_ip; i++) {
		const struct m6_ip6 *ip = &pkt->ip[i];
		if (is_mine(&x->v, &ip->src) || is_mine(&x->v, &ip->dst))
			return true;
		for (int e = 0; e < ip->n_ext; e++)
			if ((ip->ext[e].has_hao && is_mine(&x->v, &ip->ext[e].hao)) ||
			    (ip->ext[e].rh_type == 2 && is_mine(&x->v, &ip->ext[e].rh_addr)))
				return true;
	}
	if (pkt->has_nd && pkt->nd.type == M6_ICMP6_NA && is_mine(&x->v, &pkt->nd.target))
		return true;
	return m6h_neighbor_target(x->frame, len, pkt, &target) && is_mine(&x->v, &target);
}

/* Everything the IUT sends is checked, replies or not: a frame that is
 * not a valid packet (a wrong checksum in a Neighbor Solicitation, say)
 * is a finding of the case, with its frame number in the case's pcap. */
static void check_frame(struct run *x, const struct m6_pkt *pkt)
{
	const char *why = NULL;

	if (pkt->has_mh && !m6_pkt_valid(pkt))
		why = "an invalid Mobility Header packet";
	else if (pkt->has_mh && !pkt->csum_ok)
		why = "a Mobility Header with a wrong checksum";
	else if (pkt->has_icmp6 && !pkt->icmp6.csum_ok)
		why = "an ICMPv6 message with a wrong checksum";
	if (!why)
		return;
	size_t used = strlen(x->r->invalid);
	if (x->r->n_invalid++ < 4 && used + 80 < sizeof x->r->invalid)
		snprintf(x->r->invalid + used, sizeof x->r->invalid - used, "%sframe %d: %s", used ? "; " : "",
			 x->r->frames, why);
}

/* ICMPv6 messages a case may expect: a Neighbor Advertisement (a home
 * agent's proxy answer names the home address as target), Home Agent
 * Address Discovery and Mobile Prefix answers. */
static bool nd_reply(const struct m6_pkt *pkt)
{
	uint8_t type = pkt->icmp6.type;
	return pkt->has_nd && (type == M6_ICMP6_NA || (type >= M6_ICMP6_DHAAD_REQ && type <= M6_ICMP6_MPA));
}

/* A SIGINT or SIGTERM to the run: the case's waits end. */
static bool interrupted(const struct run *x)
{
	return x->t->stop && *x->t->stop;
}

/* Waits for the next MH, ICMPv6 error, data packet or ICMPv6 answer (nd_reply) frame on any link; its decode line
 * in x->line (ending in "link=K" when there are several links) and its
 * decoded form in *pkt. Returns 1, 0 on timeout, -1 on error. */
static int next_reply(struct run *x, int timeout_ms, struct m6_pkt *pkt)
{
	double deadline = now_s() + timeout_ms / 1000.0;
	char err[200];

	for (;;) {
		stream_send_due(x);
		int left = (int)((deadline - now_s()) * 1000);
		if (left <= 0 || interrupted(x))
			return 0;
		int k;
		int n = m6h_link_recv_any(x->t->links, x->t->n_links, x->frame, sizeof x->frame,
					  m6h_stream_wait_ms(&x->stream, now_s(), left), &k, err, sizeof err);
		if (n < 0)
			return n;
		if (n == 0)
			continue; /* a stream packet is due, or the deadline has come */
		m6_pkt_decode(x->frame, (size_t)n, M6_LINK_ETHERNET, true, pkt);
		if (concerns_case(x, (size_t)n, pkt)) {
			record(x, x->frame, (size_t)n);
			if (!memcmp(pkt->eth_src, x->t->iut_mac[k], 6))
				check_frame(x, pkt);
			if (stream_took(x, pkt, k))
				continue;
		}
		if (pkt->has_icmp6 && pkt->icmp6.type >= 128 && !pkt->has_data && !nd_reply(pkt) && !asked_ra(x, pkt)) {
			answer_neighbor(x, (size_t)n, pkt, k);
			continue; /* Neighbor Solicitations, MLD, Router Advertisements: not replies */
		}
		if ((!pkt->has_mh && !pkt->has_icmp6 && !pkt->has_data) || !pkt->n_ip ||
		    !(for_this_case(&x->v, pkt) || (nd_reply(pkt) && is_mine(&x->v, &pkt->nd.target)) || asked_ra(x, pkt)))
			continue;
		if (pkt->has_mh && pkt->msg.type == M6_MH_BA && pkt->msg.u.ba.status < 128)
			m6h_stream_ba(&x->stream, now_s()); /* the BA that may move the stream's traffic */
		struct m6_buf b;
		struct m6_frame_info fi = { .frame = 0 };
		m6_buf_init(&b, x->line, sizeof x->line - 1, NULL);
		m6_print_line(&b, pkt, &fi);
		x->line[b.len ? b.len - 1 : 0] = '\0'; /* no newline */
		if (x->t->n_links > 1)
			snprintf(x->line + strlen(x->line), sizeof x->line - strlen(x->line), " link=%d", k);
		x->frame_len = (size_t)n;
		return 1;
	}
}

/* Every reply a case matches must also be sound: a valid packet with a
 * good checksum, and a BA with Authorization Data must verify with the
 * Kbm of the case's return routability (RFC 6275 s9.5.4). */
static int reply_sound(struct run *x, const struct m6h_step *s, const struct m6_pkt *pkt)
{
	if (!m6_pkt_valid(pkt) || (pkt->has_mh && !pkt->csum_ok) || (pkt->has_icmp6 && !pkt->icmp6.csum_ok))
		return failed(x, s, "the reply matches but is not a valid packet: '%s'", x->line);
	if (!pkt->has_mh || pkt->msg.type != M6_MH_BA || m6_msg_next_opt(&pkt->msg, 0, M6_OPT_BAD) < 0 ||
	    !x->v.kbm[0])
		return 0;
	uint8_t kbm[M6_KBM_LEN];
	for (int i = 0; i < M6_KBM_LEN; i++)
		sscanf(x->v.kbm + 2 * i, "%2hhx", &kbm[i]);
	const struct m6_ip6 *ip = &pkt->ip[pkt->n_ip - 1];
	/* the BA travels from the correspondent to the care-of address */
	if (m6_rr_verify_mh(kbm, &ip->dst, &ip->src, x->frame + pkt->mh_off, pkt->msg.mh_len) != 1)
		return failed(x, s, "the BA's Binding Authorization Data does not verify with the Kbm "
				    "of this return routability: '%s'", x->line);
	return 0;
}

/* A matched reply's source (its innermost header's, the decode line's
 * SRC): {reply-src} from now on, for an address the IUT chose itself. */
static void note_reply_src(struct run *x, const struct m6_pkt *pkt)
{
	inet_ntop(AF_INET6, pkt->ip[pkt->n_ip - 1].src.a, x->v.reply_src, sizeof x->v.reply_src);
}

static int window_ms(const struct run *x)
{
	return m6h_step_window_ms(x->c, x->step, x->t->time_scale);
}

static int ms_since(double t)
{
	return (int)((now_s() - t) * 1000 + 0.5);
}

/* After a window ran out: does a reply with want come within as long
 * again? Only to say so in the failure (an IUT a little too slow). */
static bool came_late(struct run *x, const char *want, int window)
{
	static struct m6_pkt pkt;
	double until = now_s() + window / 1000.0;
	int left;

	while ((left = (int)((until - now_s()) * 1000)) > 0 && next_reply(x, left, &pkt) > 0)
		if (m6h_has_words(x->line, want))
			return true;
	return false;
}

/* A reply to the last packet that an expect passed over: kept, since the
 * IUT may send its answers in another order than the case lists them (an
 * unsolicited Neighbor Advertisement and a BA to different addresses). */
static void pass_over(struct run *x)
{
	size_t len = x->frame_len;

	if (x->n_passed == (int)(sizeof x->passed / sizeof x->passed[0]) || len > sizeof x->passed[0].frame)
		return;
	struct passed *p = &x->passed[x->n_passed++];
	p->len = len;
	memcpy(p->frame, x->frame, len);
	snprintf(p->line, sizeof p->line, "%s", x->line);
}

/* The first reply passed over that holds want, taken back into x->frame,
 * x->line and *pkt; false when there is none. */
static bool take_passed(struct run *x, const char *want, struct m6_pkt *pkt)
{
	for (int i = 0; i < x->n_passed; i++) {
		struct passed *p = &x->passed[i];
		if (!m6h_has_words(p->line, want))
			continue;
		memcpy(x->frame, p->frame, p->len);
		snprintf(x->line, sizeof x->line, "%s", p->line);
		m6_pkt_decode(x->frame, p->len, M6_LINK_ETHERNET, true, pkt);
		memmove(p, p + 1, (size_t)(x->n_passed - i - 1) * sizeof *p);
		x->n_passed--;
		return true;
	}
	return false;
}

static int expect(struct run *x, const struct m6h_step *s)
{
	static struct m6_pkt pkt;
	char want[M6H_TEXT];
	char got[sizeof x->line + 64] = "";
	int window = window_ms(x);

	if (expand(x, s->text, want, sizeof want))
		return failed(x, s, "%s", x->r->why);
	bool again = take_passed(x, want, &pkt);
	for (; !again;) {
		int r = next_reply(x, window, &pkt);
		if (r < 0)
			return decided(x, M6H_INCONCLUSIVE, s, "receive failed");
		if (r == 0 && came_late(x, want, window))
			return failed(x, s, "expected a reply with '%s' within %d ms; a matching reply came %d ms "
					    "after the packet, too late",
				      want, window, ms_since(x->sent_at));
		if (r == 0)
			return failed(x, s, "expected a reply with '%s' within %d ms; got %s", want, window,
				      got[0] ? got : "no reply");
		if (m6h_has_words(x->line, want))
			break;
		snprintf(got, sizeof got, "'%s'", x->line);
		pass_over(x);
	}
	x->bound |= pkt.has_mh && pkt.msg.type == M6_MH_BA && pkt.msg.u.ba.status < 128 && pkt.msg.u.ba.lifetime > 0;
	note_reply_src(x, &pkt);
	return reply_sound(x, s, &pkt);
}

#define POLL_EVERY_MS 250

/* "poll SPEC until WORDS": for what takes its own time at the IUT (a
 * lifetime running out), SPEC is sent every 250 ms (or every=MS) until a
 * reply holds WORDS; the wait ends on that reply, or at the window's end. With
 * not-before=MS that reply must not come sooner than MS after the packet
 * sent before the poll (a BU: a lifetime counts from when the mobile node
 * sent it, RFC 6275 s11.7.3). A lower bound is the IUT's own timing, so
 * --time-scale leaves it. */
static int poll_until(struct run *x, const struct m6h_step *s)
{
	static struct m6_pkt pkt;
	char spec[M6H_TEXT], want[M6H_TEXT], got[sizeof x->line + 64] = "";
	int window = window_ms(x);
	double since = x->sent_at, deadline = now_s() + window / 1000.0;

	snprintf(spec, sizeof spec, "%s", s->text);
	char *until = strstr(spec, " until ");
	*until = '\0';
	if (expand(x, until + 7, want, sizeof want))
		return failed(x, s, "%s", x->r->why);
	while (now_s() < deadline) {
		if (send_spec(x, s, spec))
			return -1;
		double next = now_s() + (s->every_ms ? s->every_ms : POLL_EVERY_MS) / 1000.0;
		int r;
		while ((r = next_reply(x, (int)((next - now_s()) * 1000), &pkt)) > 0) {
			if (m6h_has_words(x->line, want)) {
				snprintf(x->polled, sizeof x->polled, "%s", want);
				int after_ms = (int)((now_s() - since) * 1000);
				if (after_ms < s->not_before_ms)
					return failed(x, s, "a reply with '%s' came %d ms after the packet sent before "
							    "the poll, sooner than not-before=%d allows",
						      want, after_ms, s->not_before_ms);
				note_reply_src(x, &pkt);
				return reply_sound(x, s, &pkt);
			}
			snprintf(got, sizeof got, "'%s'", x->line);
		}
		if (r < 0)
			return decided(x, M6H_INCONCLUSIVE, s, "receive failed");
	}
	return failed(x, s, "polled for %d ms for a reply with '%s'; last got %s", window, want,
		      got[0] ? got : "no reply");
}

/* The next reply that is not a late answer to a poll that has ended (the
 * packets it sent before its answer came are answered too, later when
 * the IUT is slow). */
static int next_unpolled(struct run *x, int timeout_ms, struct m6_pkt *pkt)
{
	double deadline = now_s() + timeout_ms / 1000.0;
	int r, left;

	while ((left = (int)((deadline - now_s()) * 1000)) > 0 && (r = next_reply(x, left, pkt)) != 0)
		if (r < 0 || !x->polled[0] || !m6h_has_words(x->line, x->polled))
			return r;
	return 0;
}

/* No reply to the last packet: a probe sent after it is answered first.
 * With WORDS ("expect-none be"), no reply that holds them; others (an
 * Echo Reply to an Echo Request) pass. When that packet may have started
 * DAD at the IUT (timing.h: a home registration before any binding of the
 * case was acknowledged), the wait also lasts that packet's answer window:
 * the probe overtakes a parked Binding Update. */
static int expect_none(struct run *x, const struct m6h_step *s)
{
	static struct m6_pkt pkt;
	struct m6h_step probe_step = *s;
	const struct probe *probe = &probes[x->t->probe];
	int probe_ms = m6h_probe_window_ms(x->t->time_scale), r;
	char want[M6H_TEXT];

	if (expand(x, s->text, want, sizeof want))
		return failed(x, s, "%s", x->r->why);
	if (send_spec(x, &probe_step, probe->spec))
		return -1;
	double deadline = now_s() + probe_ms / 1000.0;
	while ((r = next_unpolled(x, (int)((deadline - now_s()) * 1000), &pkt)) > 0 &&
	       !m6h_has_words(x->line, probe->reply))
		if (!want[0] || m6h_has_words(x->line, want))
			return failed(x, s, "expected no reply%s%s; got '%s'", want[0] ? " with " : "", want, x->line);
	if (r <= 0)
		return decided(x, M6H_INCONCLUSIVE, s,
			       "%s:%d: the probe sent after the packet (%s) got no answer within %d ms, "
			       "so 'no reply' cannot be told from a slow IUT",
			       x->c->file, s->line, probe->what, probe_ms);
	if (x->bound || !m6h_step_may_dad(x->c, x->sent_step))
		return 0;
	int left;
	while ((left = m6h_dad_window_ms(x->t->time_scale) - ms_since(x->sent_at)) > 0 &&
	       next_unpolled(x, left, &pkt) > 0)
		if (!want[0] || m6h_has_words(x->line, want))
			return failed(x, s, "expected no reply%s%s; got '%s' %d ms after the packet",
				      want[0] ? " with " : "", want, x->line, ms_since(x->sent_at));
	return 0;
}

/* "hold ADDR": from now on the tester answers Neighbor Solicitations for
 * ADDR (DAD probes included): a node on the home link holds it. */
static int hold(struct run *x, const struct m6h_step *s)
{
	char addr[M6H_TEXT];

	if (expand(x, s->text, addr, sizeof addr))
		return failed(x, s, "%s", x->r->why);
	if (m6h_held_add(&x->v.held, addr, false))
		return decided(x, M6H_INCONCLUSIVE, s, "%s:%d: hold: '%s' is no IPv6 address, or too many held",
			       x->c->file, s->line, addr);
	return 0;
}

/* "expect-dad ADDR [WORDS]": the IUT has sent a DAD probe for ADDR (with WORDS) since the
 * case started, or sends one within the window. */
static int expect_dad(struct run *x, const struct m6h_step *s)
{
	static struct m6_pkt pkt;
	char text[M6H_TEXT];
	m6_addr6 want;
	double deadline = now_s() + window_ms(x) / 1000.0;

	if (expand(x, s->text, text, sizeof text))
		return failed(x, s, "%s", x->r->why);
	char *words = text + strcspn(text, " ");
	if (*words)
		*words++ = '\0';
	if (inet_pton(AF_INET6, text, want.a) != 1)
		return decided(x, M6H_INCONCLUSIVE, s, "%s:%d: expect-dad takes an IPv6 address", x->c->file,
			       s->line);
	for (;;) {
		const char *got = NULL;
		for (int i = 0; i < x->v.n_dad; i++)
			if (!memcmp(&x->v.dad[i], &want, sizeof want)) {
				if (m6h_has_words(x->v.dad_line[i], words))
					return 0;
				got = x->v.dad_line[i];
			}
		int left = (int)((deadline - now_s()) * 1000);
		if (left > 0 && next_reply(x, left, &pkt) >= 0)
			continue;
		if (got)
			return failed(x, s, "expected a Duplicate Address Detection probe for %s with '%s'; got '%s'", text,
				      words, got);
		return failed(x, s, "expected a Duplicate Address Detection probe (a Neighbor Solicitation from :: "
				    "to its solicited-node group) for %s; none came",
			      text);
	}
}

static void hex(const uint8_t *b, size_t n, char *out)
{
	for (size_t i = 0; i < n; i++)
		sprintf(out + 2 * i, "%02x", b[i]);
}

/* HoTI from {hoa} and CoTI from {coa1}; {hi} {ci} {kbm} from the answers. */
static int return_routability(struct run *x, const struct m6h_step *s, bool dereg)
{
	static struct m6_pkt pkt;
	uint8_t token[2][M6_TOKEN_LEN], kbm[M6_KBM_LEN];
	static const char *const init[2] = { "hoti src={hoa} cookie=0101010101010101",
					     "coti src={coa1} cookie=0202020202020202" };

	for (int i = 0; i < 2; i++) {
		if (send_spec(x, s, init[i]))
			return -1;
		int r = next_reply(x, window_ms(x), &pkt);
		uint8_t type = i == 0 ? M6_MH_HOT : M6_MH_COT;
		if (r <= 0 || !pkt.has_mh || pkt.msg.type != type)
			return failed(x, s, "return routability: no %s answered the %s", i ? "CoT" : "HoT",
				      i ? "CoTI" : "HoTI");
		snprintf(i ? x->v.ci : x->v.hi, sizeof x->v.hi, "%u", pkt.msg.u.test.nonce_index);
		memcpy(token[i], pkt.msg.u.test.token, M6_TOKEN_LEN);
	}
	if (m6_rr_kbm(token[0], dereg ? NULL : token[1], kbm) != M6_OK)
		return decided(x, M6H_INCONCLUSIVE, s, "Kbm could not be computed");
	hex(kbm, sizeof kbm, x->v.kbm);
	return 0;
}

static int send_step(struct run *x, const struct m6h_step *s)
{
	x->sent_at = now_s();
	x->sent_step = x->step;
	return send_spec(x, s, s->text);
}

/* "stream SPEC every=MS count=N": packet 0 goes out now, the others from
 * the waits of the steps after it (next_reply). */
static int stream_step(struct run *x, const struct m6h_step *s)
{
	struct m6h_stream *st = &x->stream;

	if (prepare_spec(x, s, s->text, st->spec, sizeof st->spec, &st->link))
		return -1;
	st->every_ms = s->every_ms;
	st->count = s->count;
	m6h_stream_start(st, m6h_stream_base(x->index), now_s());
	stream_send_due(x);
	if (st->stopped[0])
		return decided(x, M6H_INCONCLUSIVE, s, "%s:%d: the stream's first packet: %s", x->c->file, s->line,
			       st->stopped);
	return 0;
}

/* "stream-check": waits until the stream has sent everything and an
 * answer window more (replies that come meanwhile are not kept), then
 * judges it (stream.h) and records the figures for the reports. */
static int stream_check(struct run *x, const struct m6h_step *s)
{
	static struct m6_pkt pkt;
	struct m6h_stream *st = &x->stream;
	struct m6h_stream_figures f;
	double end = m6h_stream_end(st, window_ms(x));
	int left;

	while ((left = (int)((end - now_s()) * 1000)) > 0 && !st->stopped[0]) {
		if (interrupted(x)) /* next_reply returns at once then */
			return decided(x, M6H_INCONCLUSIVE, s, "the run was interrupted");
		if (next_reply(x, left, &pkt) < 0)
			return decided(x, M6H_INCONCLUSIVE, s, "receive failed");
	}
	m6h_stream_judge(st->rx, st->n_rx, st->sent_ms, st->n_sent, st->ba_ms, s->dead, s->live, &f);
	m6h_stream_record(st, &f, s->dead, s->live, now_s(), &x->r->stream);
	const char *dead = m6h_stream_at_name(s->dead), *live = m6h_stream_at_name(s->live);
	if (st->stopped[0])
		return decided(x, M6H_INCONCLUSIVE, s, "%s:%d: the stream stopped after %d of %d packets: %s",
			       x->c->file, s->line, st->n_sent, st->count, st->stopped);
	if ((s->dead || s->live) && st->ba_ms < 0)
		return decided(x, M6H_INCONCLUSIVE, s, "%s:%d: no BA with a status below 128 came while the stream "
						       "ran: nothing moved its traffic",
			       x->c->file, s->line);
	if (s->max_lost >= 0 && f.lost > s->max_lost)
		return failed(x, s, "%d of %d stream packets lost, max-lost=%d", f.lost, f.sent, s->max_lost);
	if (s->dead && f.dead_after_ba > s->max_dead)
		return failed(x, s, "%d stream packet%s sent after the BA (received %d ms into the stream) came out at "
				    "{%s}, whose binding it ended; max-dead=%d",
			      f.dead_after_ba, f.dead_after_ba == 1 ? "" : "s", (int)st->ba_ms, dead, s->max_dead);
	if (s->live && f.failover_ms < 0)
		return failed(x, s, "no stream packet came out at {%s} after the BA (received %d ms into the stream)",
			      live, (int)st->ba_ms);
	return 0;
}

/* "link-fault LINK ...": one fault asked of the root side (fault_channel.h). */
static int link_fault(struct run *x, const struct m6h_step *s)
{
	struct m6h_linkfault f = s->fault;
	char addr[M6H_TEXT], err[200];

	if (s->text[0] && expand(x, s->text, addr, sizeof addr))
		return failed(x, s, "%s", x->r->why);
	if (s->text[0] && m6h_linkfault_set_addr(&f, addr))
		return decided(x, M6H_INCONCLUSIVE, s, "%s:%d: addr= '%s' is no IPv6 address in 2001:db8::/32",
			       x->c->file, s->line, addr);
	int rc = s->kind == M6H_STEP_LINK_CLEAR ? m6h_fault_clear(x->t->faults, err, sizeof err)
						 : m6h_fault_request(x->t->faults, &f, err, sizeof err);
	if (rc < 0)
		return decided(x, M6H_INCONCLUSIVE, s, "%s:%d: the link fault was not made: %s", x->c->file, s->line,
			       err);
	return 0;
}

/* "wait-iut-age MS": waits (answering Neighbor Solicitations, dropping
 * replies) until the IUT has been up MS ms, for what depends on the IUT's
 * own clock (a timer wheel that counts from its start). Inconclusive when
 * its start is unknown or it is older already. */
static int wait_iut_age(struct run *x, const struct m6h_step *s)
{
	static struct m6_pkt pkt;
	int left;

	if (x->t->up_at <= 0)
		return decided(x, M6H_INCONCLUSIVE, s, "%s:%d: the IUT's age is unknown: the run did not start it "
						       "(--iut-if, --iut-bridge) or it answered no start-up probe",
			       x->c->file, s->line);
	if (ms_since(x->t->up_at) > s->iut_age_ms)
		return decided(x, M6H_INCONCLUSIVE, s, "%s:%d: the IUT is %d ms old already, past the %d ms the case "
						       "waits for (it needs a start of the IUT of its own)",
			       x->c->file, s->line, ms_since(x->t->up_at), s->iut_age_ms);
	while ((left = s->iut_age_ms - ms_since(x->t->up_at)) > 0) {
		if (interrupted(x)) /* next_reply returns at once then */
			return decided(x, M6H_INCONCLUSIVE, s, "the run was interrupted");
		if (next_reply(x, left, &pkt) < 0)
			return decided(x, M6H_INCONCLUSIVE, s, "receive failed");
	}
	return 0;
}

static int run_step(struct run *x, const struct m6h_step *s)
{
	switch (s->kind) {
	case M6H_STEP_SEND: return send_step(x, s);
	case M6H_STEP_EXPECT: return expect(x, s);
	case M6H_STEP_NONE: return expect_none(x, s);
	case M6H_STEP_RR: return return_routability(x, s, false);
	case M6H_STEP_RR_DEREG: return return_routability(x, s, true);
	case M6H_STEP_POLL: return poll_until(x, s);
	case M6H_STEP_HOLD: return hold(x, s);
	case M6H_STEP_EXPECT_DAD: return expect_dad(x, s);
	case M6H_STEP_STREAM: return stream_step(x, s);
	case M6H_STEP_STREAM_CHECK: return stream_check(x, s);
	case M6H_STEP_LINK_FAULT:
	case M6H_STEP_LINK_CLEAR: return link_fault(x, s);
	case M6H_STEP_IUT_AGE: return wait_iut_age(x, s);
	}
	return decided(x, M6H_INCONCLUSIVE, s, "unknown step");
}

void m6h_run_case(const struct m6h_case *c, int index, const struct m6h_target *t,
		  pcap_dumper_t *dump, struct m6h_result *r)
{
	static struct run x;

	memset(r, 0, sizeof *r);
	x.c = c;
	x.t = t;
	x.dump = dump;
	x.r = r;
	x.start = x.sent_at = now_s();
	x.sent_step = -1;
	set_vars(&x.v, c, index, t);
	x.polled[0] = '\0';
	x.n_passed = 0;
	x.sent_rs = false;
	x.bound = false;
	x.index = index;
	x.stream.on = false;
	r->verdict = M6H_PASS;
	for (x.step = 0; x.step < c->n_steps; x.step++) {
		if (t->stop && *t->stop) {
			decided(&x, M6H_INCONCLUSIVE, NULL, "the run was interrupted");
			break;
		}
		if (run_step(&x, &c->steps[x.step]) < 0)
			break;
	}
	r->seconds = now_s() - x.start;
}

/* How long the stream started before step i lasts: its first packet to its last. */
static int stream_span_ms(const struct m6h_case *c, int i)
{
	while (--i >= 0 && c->steps[i].kind != M6H_STEP_STREAM)
		;
	return i >= 0 ? (c->steps[i].count - 1) * c->steps[i].every_ms : 0;
}

int m6h_case_timeout_ms(const struct m6h_case *c, double scale)
{
	int ms = 0;

	for (int i = 0; i < c->n_steps; i++) {
		const struct m6h_step *s = &c->steps[i];
		switch (s->kind) {
		case M6H_STEP_EXPECT:
		case M6H_STEP_POLL:
		case M6H_STEP_EXPECT_DAD: ms += m6h_step_window_ms(c, i, scale); break;
		case M6H_STEP_NONE: ms += m6h_probe_window_ms(scale); break;
		case M6H_STEP_RR:
		case M6H_STEP_RR_DEREG: ms += 2 * m6h_step_window_ms(c, i, scale); break; /* HoT, then CoT */
		case M6H_STEP_STREAM_CHECK: /* at worst the whole stream after its step, then a window */
			ms += stream_span_ms(c, i) + m6h_step_window_ms(c, i, scale);
			break;
		case M6H_STEP_IUT_AGE: ms += s->iut_age_ms; break; /* at most: from the IUT's start */
		}
	}
	return ms;
}

int m6h_wait_for_iut(struct m6h_target *t, int timeout_ms)
{
	static struct m6h_case probe_case = { .file = "(start-up probe)", .n_steps = 0 };
	static struct run x;
	static struct m6_pkt pkt;
	struct m6h_result r;
	struct m6h_step s = { .kind = M6H_STEP_SEND, .given = true };
	double deadline = now_s() + timeout_ms / 1000.0;

	memset(&r, 0, sizeof r);
	x.c = &probe_case;
	x.t = t;
	x.dump = NULL;
	x.r = &r;
	set_vars(&x.v, &probe_case, 4000, t); /* addresses no case uses */
	/* every probe each round; the best one answered is the run's */
	while (now_s() < deadline) {
		int best = N_PROBES;
		for (int k = 0; k < N_PROBES; k++)
			if (send_spec(&x, &s, probes[k].spec))
				return -1;
		double round_end = now_s() + 0.05;
		while (next_reply(&x, (int)((round_end - now_s()) * 1000), &pkt) > 0)
			for (int k = 0; k < best; k++)
				if (m6h_has_words(x.line, probes[k].reply))
					best = k;
		if (best < N_PROBES) {
			t->probe = best;
			t->up_at = now_s();
			return 0;
		}
	}
	return -1;
}
