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

#define PROBE_MS 2000

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

const char *m6h_probe_name(int probe)
{
	return probe >= 0 && probe < N_PROBES ? probes[probe].what : "none";
}

const char *m6h_verdict_name(int v)
{
	static const char *const names[] = { "pass", "fail", "inconclusive", "n/a" };
	return v >= 0 && v < M6H_VERDICTS ? names[v] : "?";
}

/* What a case's placeholders stand for. */
struct vars {
	char hoa[48], coa[4][48], iut[64], v4coa[20];
	char hi[8], ci[8], kbm[2 * M6_KBM_LEN + 1];
	m6_addr6 mine[5]; /* hoa and the care-of addresses: where its replies go */
};

struct run {
	const struct m6h_case *c;
	const struct m6h_target *t;
	pcap_dumper_t *dump;
	struct m6h_result *r;
	struct vars v;
	uint8_t frame[65536];
	char line[1024];        /* the decode line of the last reply */
};

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void set_vars(struct vars *v, int index, const char *iut)
{
	unsigned n = (unsigned)index + 1;

	snprintf(v->hoa, sizeof v->hoa, "2001:db8:1::1:%x", n);
	for (int i = 0; i < 4; i++)
		snprintf(v->coa[i], sizeof v->coa[i], "2001:db8:%x::%x", i + 2, n);
	snprintf(v->iut, sizeof v->iut, "%s", iut);
	snprintf(v->v4coa, sizeof v->v4coa, "192.0.2.%u", n % 250 + 1);
	inet_pton(AF_INET6, v->hoa, v->mine[0].a);
	for (int i = 0; i < 4; i++)
		inet_pton(AF_INET6, v->coa[i], v->mine[i + 1].a);
}

/* A reply to this case goes to one of its addresses; anything else is
 * late traffic of an earlier case (which has addresses of its own). */
static bool for_this_case(const struct vars *v, const struct m6_pkt *pkt)
{
	const m6_addr6 *dst = &pkt->ip[pkt->n_ip - 1].dst;

	for (int i = 0; i < 5; i++)
		if (!memcmp(dst, &v->mine[i], sizeof *dst))
			return true;
	return false;
}

static const char *lookup(const struct vars *v, const char *name, size_t len)
{
	static const char *const coa_names[] = { "coa1", "coa2", "coa3", "coa4" };
	for (int i = 0; i < 4; i++)
		if (len == 4 && !strncmp(name, coa_names[i], 4))
			return v->coa[i];
#define VAR(n, field) if (len == sizeof(n) - 1 && !strncmp(name, n, len)) return v->field
	VAR("hoa", hoa);
	VAR("iut", iut);
	VAR("v4coa", v4coa);
	VAR("hi", hi);
	VAR("ci", ci);
	VAR("kbm", kbm);
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
				snprintf(x->r->why, sizeof x->r->why, "unknown placeholder in '%s'", text);
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

static int send_spec(struct run *x, const struct m6h_step *s, const char *text)
{
	static struct m6_build b;
	char spec[1024], err[200];

	if (expand(x, text, spec, sizeof spec - 120))
		return failed(x, s, "%s", x->r->why[0] ? x->r->why : "the expanded spec is too long");
	int k = take_link(spec, x->t->n_links);
	if (k < 0)
		return decided(x, M6H_INCONCLUSIVE, s, "%s:%d: link= names no link of this topology (%d link%s)",
			       x->c->file, s->line, x->t->n_links, x->t->n_links == 1 ? "" : "s");
	size_t len = strlen(spec);
	if (!has_key(spec, "src="))
		len += (size_t)snprintf(spec + len, sizeof spec - len, " src=%s", x->v.coa[0]);
	if (!has_key(spec, "dst="))
		snprintf(spec + len, sizeof spec - len, " dst=%s", x->v.iut);
	if (m6_spec_parse(spec, &b, err, sizeof err) != M6_OK)
		return decided(x, M6H_INCONCLUSIVE, s, "%s:%d: bad spec: %s", x->c->file, s->line, err);
	b.pkt.eth = true;
	memcpy(b.pkt.eth_src, m6h_link_mac(x->t->links[k]), 6);
	memcpy(b.pkt.eth_dst, x->t->iut_mac[k], 6);
	int n = m6_build_encode(&b, x->frame, sizeof x->frame);
	if (n < 0)
		return decided(x, M6H_INCONCLUSIVE, s, "%s:%d: the spec does not encode", x->c->file, s->line);
	record(x, x->frame, (size_t)n);
	if (m6h_link_send(x->t->links[k], x->frame, (size_t)n, err, sizeof err) < 0)
		return decided(x, M6H_INCONCLUSIVE, s, "send: %s", err);
	return 0;
}

/* An IUT with a kernel asks for the router and care-of addresses the
 * tester emulates before it answers: they are the tester's. */
static void answer_neighbor(struct run *x, size_t len, const struct m6_pkt *pkt, int k)
{
	static uint8_t na[256];
	m6_addr6 iut;
	char err[200];

	if (inet_pton(AF_INET6, x->v.iut, iut.a) != 1)
		return;
	size_t n = m6h_neighbor_advert(x->frame, len, pkt, m6h_link_mac(x->t->links[k]), &iut, na, sizeof na);
	if (n) {
		record(x, na, n);
		m6h_link_send(x->t->links[k], na, n, err, sizeof err);
	}
}

/* Waits for the next MH or ICMPv6 error frame on any link; its decode line
 * in x->line (ending in "link=K" when there are several links) and its
 * decoded form in *pkt. Returns 1, 0 on timeout, -1 on error. */
static int next_reply(struct run *x, int timeout_ms, struct m6_pkt *pkt)
{
	double deadline = now_s() + timeout_ms / 1000.0;
	char err[200];

	for (;;) {
		int left = (int)((deadline - now_s()) * 1000);
		if (left <= 0 || (x->t->stop && *x->t->stop))
			return 0;
		int k;
		int n = m6h_link_recv_any(x->t->links, x->t->n_links, x->frame, sizeof x->frame, left, &k, err,
					  sizeof err);
		if (n <= 0)
			return n;
		record(x, x->frame, (size_t)n);
		m6_pkt_decode(x->frame, (size_t)n, M6_LINK_ETHERNET, true, pkt);
		if (pkt->has_icmp6 && pkt->icmp6.type >= 128) {
			answer_neighbor(x, (size_t)n, pkt, k);
			continue; /* neighbour discovery, MLD: not replies */
		}
		if ((!pkt->has_mh && !pkt->has_icmp6) || !pkt->n_ip || !for_this_case(&x->v, pkt))
			continue;
		struct m6_buf b;
		struct m6_frame_info fi = { .frame = 0 };
		m6_buf_init(&b, x->line, sizeof x->line - 1, NULL);
		m6_print_line(&b, pkt, &fi);
		x->line[b.len ? b.len - 1 : 0] = '\0'; /* no newline */
		if (x->t->n_links > 1)
			snprintf(x->line + strlen(x->line), sizeof x->line - strlen(x->line), " link=%d", k);
		return 1;
	}
}

/* Is word in the decode line? A word ending in '*' matches any word that
 * starts with what comes before the '*' (which is cut off word). */
static bool word_in(const char *line, char *word)
{
	size_t n = strlen(word);
	bool prefix = n > 0 && word[n - 1] == '*';

	if (prefix)
		word[--n] = '\0';
	for (const char *p = line; n && (p = strstr(p, word)) != NULL; p++)
		if ((p == line || p[-1] == ' ') && (prefix || p[n] == ' ' || p[n] == '\0'))
			return true;
	return false;
}

/* Does the decode line hold every word of want? "a|b" holds when a or b
 * does; a word starting with '!' must not be there. */
static bool has_words(const char *line, const char *want)
{
	char w[M6H_TEXT];

	snprintf(w, sizeof w, "%s", want);
	for (char *save = NULL, *tok = strtok_r(w, " ", &save); tok; tok = strtok_r(NULL, " ", &save)) {
		bool negated = tok[0] == '!' && tok[1];
		bool found = false;
		tok += negated;
		for (char *alt = tok; !found && *alt; alt += strcspn(alt, "|") + (alt[strcspn(alt, "|")] == '|')) {
			char word[M6H_TEXT];
			size_t n = strcspn(alt, "|");
			snprintf(word, sizeof word, "%.*s", (int)n, alt);
			found = word_in(line, word);
		}
		if (found == negated)
			return false;
	}
	return true;
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

static int expect(struct run *x, const struct m6h_step *s)
{
	static struct m6_pkt pkt;
	char want[M6H_TEXT];
	char got[sizeof x->line + 64] = "";

	if (expand(x, s->text, want, sizeof want))
		return failed(x, s, "%s", x->r->why);
	for (;;) {
		int r = next_reply(x, s->within_ms, &pkt);
		if (r < 0)
			return decided(x, M6H_INCONCLUSIVE, s, "receive failed");
		if (r == 0)
			return failed(x, s, "expected a reply with '%s' within %d ms; got %s", want,
				      s->within_ms, got[0] ? got : "no reply");
		if (has_words(x->line, want))
			return reply_sound(x, s, &pkt);
		snprintf(got, sizeof got, "'%s'", x->line);
	}
}

#define POLL_EVERY_MS 250

/* "poll SPEC until WORDS": for what takes its own time at the IUT (a
 * lifetime running out), SPEC is sent every 250 ms until a reply holds
 * WORDS; the wait ends on that reply, or at within=. */
static int poll_until(struct run *x, const struct m6h_step *s)
{
	static struct m6_pkt pkt;
	char spec[M6H_TEXT], want[M6H_TEXT], got[sizeof x->line + 64] = "";
	double deadline = now_s() + s->within_ms / 1000.0;

	snprintf(spec, sizeof spec, "%s", s->text);
	char *until = strstr(spec, " until ");
	*until = '\0';
	if (expand(x, until + 7, want, sizeof want))
		return failed(x, s, "%s", x->r->why);
	while (now_s() < deadline) {
		if (send_spec(x, s, spec))
			return -1;
		double next = now_s() + POLL_EVERY_MS / 1000.0;
		int r;
		while ((r = next_reply(x, (int)((next - now_s()) * 1000), &pkt)) > 0) {
			if (has_words(x->line, want))
				return reply_sound(x, s, &pkt);
			snprintf(got, sizeof got, "'%s'", x->line);
		}
		if (r < 0)
			return decided(x, M6H_INCONCLUSIVE, s, "receive failed");
	}
	return failed(x, s, "polled for %d ms for a reply with '%s'; last got %s", s->within_ms, want,
		      got[0] ? got : "no reply");
}

static int expect_none(struct run *x, const struct m6h_step *s)
{
	static struct m6_pkt pkt;
	struct m6h_step probe_step = *s;
	const struct probe *probe = &probes[x->t->probe];

	if (send_spec(x, &probe_step, probe->spec))
		return -1;
	int r = next_reply(x, PROBE_MS, &pkt);
	if (r <= 0)
		return decided(x, M6H_INCONCLUSIVE, s,
			       "%s:%d: the probe sent after the packet (%s) got no answer within %d ms, "
			       "so 'no reply' cannot be told from a slow IUT",
			       x->c->file, s->line, probe->what, PROBE_MS);
	if (has_words(x->line, probe->reply))
		return 0;
	return failed(x, s, "expected no reply; got '%s'", x->line);
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
		int r = next_reply(x, s->within_ms, &pkt);
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

static int run_step(struct run *x, const struct m6h_step *s)
{
	switch (s->kind) {
	case M6H_STEP_SEND: return send_spec(x, s, s->text);
	case M6H_STEP_EXPECT: return expect(x, s);
	case M6H_STEP_NONE: return expect_none(x, s);
	case M6H_STEP_RR: return return_routability(x, s, false);
	case M6H_STEP_RR_DEREG: return return_routability(x, s, true);
	case M6H_STEP_POLL: return poll_until(x, s);
	}
	return decided(x, M6H_INCONCLUSIVE, s, "unknown step");
}

void m6h_run_case(const struct m6h_case *c, int index, const struct m6h_target *t,
		  pcap_dumper_t *dump, struct m6h_result *r)
{
	static struct run x;
	double start = now_s();

	memset(r, 0, sizeof *r);
	memset(&x.v, 0, sizeof x.v);
	x.c = c;
	x.t = t;
	x.dump = dump;
	x.r = r;
	set_vars(&x.v, index, t->iut_addr);
	r->verdict = M6H_PASS;
	for (int i = 0; i < c->n_steps; i++) {
		if (t->stop && *t->stop) {
			decided(&x, M6H_INCONCLUSIVE, NULL, "the run was interrupted");
			break;
		}
		if (run_step(&x, &c->steps[i]) < 0)
			break;
	}
	r->seconds = now_s() - start;
}

int m6h_case_timeout_ms(const struct m6h_case *c)
{
	int ms = 0;

	for (int i = 0; i < c->n_steps; i++) {
		const struct m6h_step *s = &c->steps[i];
		switch (s->kind) {
		case M6H_STEP_EXPECT:
		case M6H_STEP_POLL: ms += s->within_ms; break;
		case M6H_STEP_NONE: ms += PROBE_MS; break;
		case M6H_STEP_RR:
		case M6H_STEP_RR_DEREG: ms += 2 * s->within_ms; break; /* HoT, then CoT */
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
	set_vars(&x.v, 4000, t->iut_addr); /* addresses no case uses */
	/* every probe each round; the best one answered is the run's */
	while (now_s() < deadline) {
		int best = N_PROBES;
		for (int k = 0; k < N_PROBES; k++)
			if (send_spec(&x, &s, probes[k].spec))
				return -1;
		double round_end = now_s() + 0.05;
		while (next_reply(&x, (int)((round_end - now_s()) * 1000), &pkt) > 0)
			for (int k = 0; k < best; k++)
				if (has_words(x.line, probes[k].reply))
					best = k;
		if (best < N_PROBES) {
			t->probe = best;
			return 0;
		}
	}
	return -1;
}
