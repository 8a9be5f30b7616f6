/* replay_capture.c - one capture sent again and its answers diffed, without root (replay.h). */
#include <arpa/inet.h>
#include <pcap/pcap.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "addrmap.h"
#include "diff.h"
#include "exchange_report.h"
#include "expiry.h"
#include "fixup.h"
#include "neighbor.h"
#include "replay.h"
#include "timing.h"
#include "trace.h"


struct live {
	const struct m6r_job *job;
	struct m6r_addrmap map;
	struct m6r_fixup fix;
	struct m6h_held held;
	pcap_dumper_t *dump;
	uint64_t frames;         /* in the new capture */
	FILE *txt, *html;
	double start;
	struct m6r_grant rec_grant, rep_grant; /* the lifetimes granted in each run (expiry.h) */
	int role;
	struct m6_pkt pkt, orig, tmp;
	int n_got;
	struct m6r_frame got[M6R_ANSWERS_MAX];
	uint8_t rx[65536];
};

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void record(struct live *l, const uint8_t *frame, size_t len)
{
	struct pcap_pkthdr h;

	gettimeofday(&h.ts, NULL);
	h.caplen = h.len = (bpf_u_int32)len;
	pcap_dump((u_char *)l->dump, &h, frame);
	l->frames++;
}

/* The request as an Ethernet frame to the IUT, addresses mapped and
 * fixed up, in out. Returns its length, or -1 (why in note). */
static int build_request(struct live *l, const struct m6r_frame *req, uint8_t *out, size_t cap, char *note,
			 size_t ncap)
{
	const struct m6h_target *t = l->job->t;
	m6r_decode(req, &l->orig);
	if (!l->orig.n_ip)
		return snprintf(note, ncap, "not an IPv6 packet"), -1;
	size_t ip_off = l->orig.ip[0].off, n = req->len - ip_off;
	if (14 + n > cap)
		return snprintf(note, ncap, "too long"), -1;
	memcpy(out, t->iut_mac[0], 6);
	memcpy(out + 6, m6h_link_mac(t->links[0]), 6);
	out[12] = 0x86, out[13] = 0xdd; /* IPv6 */
	memcpy(out + 14, req->bytes + ip_off, n);
	size_t len = 14 + n;
	m6_pkt_decode(out, len, M6_LINK_ETHERNET, false, &l->pkt);
	m6_pkt_patch_addrs(out, len, &l->pkt, m6r_addrmap_apply, &l->map);
	m6_pkt_decode(out, len, M6_LINK_ETHERNET, false, &l->pkt);
	if (m6r_fixup_request(&l->fix, out, len, &l->pkt, req->bytes, &l->orig, note, ncap))
		return snprintf(note, ncap, "a field to fix up is not in the captured bytes"), -1;
	if (!memcmp(out + 14, req->bytes + ip_off, n))
		return (int)len; /* nothing changed: the checksum stays as captured, right or wrong */
	bool wrong = (l->orig.has_mh && l->orig.csum_checked && !l->orig.csum_ok) ||
		     (l->orig.has_icmp6 && l->orig.icmp6.csum_checked && !l->orig.icmp6.csum_ok) ||
		     (l->orig.has_udp && l->orig.udp.csum_checked && !l->orig.udp.csum_ok);
	m6_pkt_patch_checksum(out, len, M6_LINK_ETHERNET, wrong, &l->tmp); /* nothing to sum: sent as is */
	return (int)len;
}

/* The tester answers Neighbor Solicitations for the addresses the mobile
 * node side sends from (a correspondent sends its Home Test to the home
 * address, a home agent its answers to a mobile node back home), and for
 * no other: a home address whose mobile node is away stays unanswered,
 * so that a home agent's proxy DAD for it succeeds (neighbor.h). */
static void hold_source(struct live *l)
{
	char src[INET6_ADDRSTRLEN];
	inet_ntop(AF_INET6, m6t_link_src(&l->pkt)->a, src, sizeof src);
	m6h_held_add(&l->held, src, false);
}

/* Frames until want answers came or window_ms passed; Neighbor
 * Solicitations for what the tester holds answered. */
static void collect(struct live *l, int want, int window_ms)
{
	const struct m6h_target *t = l->job->t;
	double deadline = now_s() + window_ms / 1000.0;
	static uint8_t na[256];
	char err[200];

	while (l->n_got < want) {
		int left = (int)((deadline - now_s()) * 1000);
		if (left <= 0 || (t->stop && *t->stop))
			return;
		int n = m6h_link_recv(t->links[0], l->rx, sizeof l->rx, left, err, sizeof err);
		if (n <= 0)
			continue;
		record(l, l->rx, (size_t)n);
		m6_pkt_decode(l->rx, (size_t)n, M6_LINK_ETHERNET, true, &l->tmp);
		size_t nl = m6h_neighbor_advert(l->rx, (size_t)n, &l->tmp, m6h_link_mac(t->links[0]), &l->held, na,
						sizeof na);
		if (nl) {
			record(l, na, nl);
			m6h_link_send(t->links[0], na, nl, err, sizeof err);
		}
		if (!m6r_is_answer(&l->tmp, &l->map.iut_to, t->iut_mac[0]) || l->n_got == M6R_ANSWERS_MAX)
			continue;
		uint8_t *copy = malloc((size_t)n);
		if (!copy)
			return;
		memcpy(copy, l->rx, (size_t)n);
		l->got[l->n_got++] = (struct m6r_frame){ .number = l->frames, .t = now_s() - l->start,
							 .link = M6_LINK_ETHERNET, .bytes = copy, .len = (size_t)n };
		m6r_tokens_note(&l->fix.replayed, &l->tmp);
	}
}

/* What the start-up probes still bring in is no answer of the capture's. */
static void drain(const struct m6h_target *t)
{
	static uint8_t buf[65536];
	char err[200];

	while (m6h_link_recv(t->links[0], buf, sizeof buf, (int)(100 * t->time_scale), err, sizeof err) > 0)
		continue;
}

static void drop_answers(struct live *l)
{
	for (int i = 0; i < l->n_got; i++)
		free(l->got[i].bytes);
	l->n_got = 0;
}

/* How long an exchange waits for as many answers as were recorded: the
 * window of the runner (timing.h; DAD first for a home registration). One
 * recorded unanswered waits for nothing (collect): the capture cuts
 * exchanges by order, so an answer it shows after the next request is
 * that one's, and a replay that waited would take it for this one's. */
static int window_for(const struct live *l)
{
	const struct m6_pkt *p = &l->pkt;
	double scale = l->job->t->time_scale;
	bool dad = p->has_mh && p->msg.type == M6_MH_BU && (p->msg.u.bu.flags & M6_BU_H) && p->msg.u.bu.lifetime;
	return dad ? m6h_dad_window_ms(scale) : (int)(M6H_ANSWER_MS * M6H_MARGIN * scale);
}

/* The recorded answer k of exchange x with its addresses mapped, in out. */
static void mapped_answer(struct live *l, const struct m6r_frame *a, struct m6r_frame *out)
{
	*out = *a;
	out->bytes = malloc(a->len ? a->len : 1);
	if (!out->bytes)
		return;
	memcpy(out->bytes, a->bytes, a->len);
	m6r_decode(a, &l->tmp);
	bool wrong = (l->tmp.has_mh && l->tmp.csum_checked && !l->tmp.csum_ok) ||
		     (l->tmp.has_icmp6 && l->tmp.icmp6.csum_checked && !l->tmp.icmp6.csum_ok);
	if (m6_pkt_patch_addrs(out->bytes, out->len, &l->tmp, m6r_addrmap_apply, &l->map))
		m6_pkt_patch_checksum(out->bytes, out->len, out->link, wrong, &l->tmp);
}

/* A BU answered 135 where the recording has no 135: the sequence number
 * moves to where the IUT stands and the BU goes out once more (fixup.h). */
static bool needs_rebase(struct live *l, const struct m6r_exchange *x, uint16_t *iut_seq)
{
	if (!l->pkt.has_mh || l->pkt.msg.type != M6_MH_BU)
		return false;
	for (int k = 0; k < x->n_ans; k++) {
		m6r_decode(&x->ans[k], &l->tmp);
		if (l->tmp.has_mh && l->tmp.msg.type == M6_MH_BA && l->tmp.msg.u.ba.status == M6_BA_SEQ_OUT_OF_WINDOW)
			return false;
	}
	for (int j = 0; j < l->n_got; j++) {
		m6r_decode(&l->got[j], &l->tmp);
		if (l->tmp.has_mh && l->tmp.msg.type == M6_MH_BA && l->tmp.msg.u.ba.status == M6_BA_SEQ_OUT_OF_WINDOW) {
			*iut_seq = l->tmp.msg.u.ba.seq;
			return true;
		}
	}
	return false;
}

/* Sends request i, waits for its answers (again after a 135 rebase).
 * Returns the frame sent's length, or -1. */
static int exchange_once(struct live *l, const struct m6r_capture *c, int i, uint8_t *frame, size_t cap, char *note,
			 size_t ncap, uint64_t *sent_no)
{
	const struct m6h_target *t = l->job->t;
	char err[200];
	int len = build_request(l, &c->x[i].req, frame, cap, note, ncap);
	if (len < 0)
		return -1;
	hold_source(l);
	record(l, frame, (size_t)len);
	*sent_no = l->frames;
	if (m6h_link_send(t->links[0], frame, (size_t)len, err, sizeof err) < 0)
		return snprintf(note, ncap, "send: %s", err), -1;
	collect(l, c->x[i].n_ans, window_for(l));
	uint16_t iut_seq;
	if (!needs_rebase(l, &c->x[i], &iut_seq))
		return len;
	m6r_fixup_seq_rebase(&l->fix, &l->pkt, l->orig.msg.u.bu.seq, iut_seq);
	drop_answers(l);
	size_t used = strlen(note);
	snprintf(note + used, ncap - used, "%sBA 135 (IUT at seq %u, frame %llu): sent again", used ? "; " : "",
		 iut_seq, (unsigned long long)l->frames);
	char more[160];
	len = build_request(l, &c->x[i].req, frame, cap, more, sizeof more);
	if (len < 0)
		return snprintf(note, ncap, "%s", more), -1;
	used = strlen(note);
	snprintf(note + used, ncap - used, "%s%s", more[0] ? "; " : "", more);
	record(l, frame, (size_t)len);
	*sent_no = l->frames;
	if (m6h_link_send(t->links[0], frame, (size_t)len, err, sizeof err) < 0)
		return snprintf(note, ncap, "send: %s", err), -1;
	collect(l, c->x[i].n_ans, window_for(l));
	return len;
}

static int replay_exchanges(struct live *l, const struct m6r_capture *c)
{
	static uint8_t frame[65536];
	static struct m6r_diff d[M6R_DIFFS_MAX];
	struct m6r_result *r = l->job->r;
	char note[400];
	struct m6r_frame rec[M6R_ANSWERS_MAX];

	for (int i = 0; i < c->n && !(l->job->t->stop && *l->job->t->stop); i++) {
		const struct m6r_exchange *x = &c->x[i];
		/* not before its time: the capture's with --pacing, its lifetime's
		 * (expiry.h); both are the IUT's clock, which --time-scale (the
		 * tester's reply windows) does not stretch */
		double gap = i ? x->req.t - c->x[i - 1].req.t : 0;
		double due = m6r_grant_due(&l->rec_grant, &l->rep_grant, x->req.t, gap);
		if (l->job->o->pacing && x->req.t > due)
			due = x->req.t;
		while (due > 0 && now_s() - l->start < due)
			usleep((useconds_t)((due - (now_s() - l->start)) * 1e6));
		uint64_t sent_no = 0;
		double sent_t = now_s() - l->start;
		int len = exchange_once(l, c, i, frame, sizeof frame, note, sizeof note, &sent_no);
		if (len < 0) {
			snprintf(r->why, sizeof r->why, "exchange %d (frame %llu): %.200s", i + 1,
				 (unsigned long long)x->req.number, note);
			drop_answers(l);
			return 2;
		}
		int nr = x->n_ans < M6R_ANSWERS_MAX ? x->n_ans : M6R_ANSWERS_MAX;
		for (int k = 0; k < nr; k++) {
			mapped_answer(l, &x->ans[k], &rec[k]);
			m6r_decode(&rec[k], &l->tmp);
			m6r_tokens_note(&l->fix.recorded, &l->tmp);
		}
		struct m6r_frame sent = { .number = sent_no, .link = M6_LINK_ETHERNET, .bytes = frame, .len = (size_t)len };
		struct m6r_pairing pairs = { &x->req, &sent, rec, l->got, nr, l->n_got, &l->fix.recorded_kbm,
					     &l->fix.replayed_kbm, l->role };
		int nd = m6r_pair_answers(&pairs, d, M6R_DIFFS_MAX);
		struct m6r_edge_run was = { &l->rec_grant, x->req.t, gap, rec, nr };
		struct m6r_edge_run now = { &l->rep_grant, sent_t, gap, l->got, l->n_got };
		char edge[200];
		if (nd && m6r_expiry_edge(&was, &now, d, nd, edge, sizeof edge)) {
			size_t used = strlen(note);
			snprintf(note + used, sizeof note - used, "%s%s", used ? "; " : "", edge);
			nd = 0;
		}
		m6r_grant_note(&l->rec_grant, &x->req, x->req.t, rec, nr);
		m6r_grant_note(&l->rep_grant, &sent, sent_t, l->got, l->n_got);
		struct m6r_shown shown = { l->txt, l->html, l->job->o->quiet, c, i, &sent, l->got, l->n_got, note };
		m6r_report_exchange(&shown, d, nd);
		for (int k = 0; k < nr; k++)
			free(rec[k].bytes);
		drop_answers(l);
		r->exchanges++;
		r->differing += nd > 0;
		r->diffs += nd;
		if (nd && l->job->o->stop_on_diff && i + 1 < c->n) {
			snprintf(r->why, sizeof r->why,
				 "stopped at the first difference (--stop-on-diff), %d of %d exchanges not replayed",
				 c->n - i - 1, c->n);
			break;
		}
	}
	return r->differing ? 1 : 0;
}

static FILE *open_out(const char *dir, const char *name, const char *ext)
{
	char path[700];
	snprintf(path, sizeof path, "%s/cases/%s.%s", dir, name, ext);
	return fopen(path, "w");
}

int m6r_replay_capture(void *arg)
{
	const struct m6r_job *job = arg;
	static struct live l;
	char path[700], table[2048];

	memset(&l, 0, sizeof l);
	l.job = job;
	l.role = job->o->role >= 0 ? job->o->role : job->c->home_reg ? M6_ROLE_HA : M6_ROLE_CN;
	m6_addr6 iut_to;
	inet_pton(AF_INET6, job->t->iut_addr, iut_to.a);
	m6r_addrmap_init(&l.map, &job->c->iut, &iut_to, job->o->keep_addresses);
	m6h_held_add_routers(&l.held);
	pcap_t *dead = pcap_open_dead(DLT_EN10MB, 65535);
	snprintf(path, sizeof path, "%s/cases/%s.pcap", job->dir, job->r->name);
	l.dump = dead ? pcap_dump_open(dead, path) : NULL;
	l.txt = open_out(job->dir, job->r->name, "txt");
	l.html = open_out(job->dir, job->r->name, "html");
	if (!l.dump || !l.txt || !l.html) {
		snprintf(job->r->why, sizeof job->r->why, "cannot write into %s/cases", job->dir);
		return 2;
	}
	if (m6h_wait_for_iut(job->t, job->o->startup_s * 1000) < 0)
		fprintf(l.txt, "the IUT answered no start-up probe within %d s; replayed anyway\n", job->o->startup_s);
	drain(job->t);
	l.start = now_s();
	fprintf(l.html, "<table><tr><th>#</th><th>recorded (%s)</th><th>replayed (cases/%s.pcap)</th></tr>\n",
		job->c->path, job->r->name);
	int status = replay_exchanges(&l, job->c);
	fprintf(l.html, "</table>\n");
	if (status == 1 && job->r->why[0]) {
		fprintf(l.txt, "%s\n", job->r->why);
		fprintf(l.html, "<p>%s</p>\n", job->r->why);
	}
	job->r->seconds = now_s() - l.start;
	m6r_addrmap_describe(&l.map, table, sizeof table);
	fprintf(l.txt, "address map:\n%s", table);
	fprintf(l.html, "<pre class=map>address map:\n");
	m6r_html_text(l.html, table);
	fprintf(l.html, "</pre>\n");
	pcap_dump_close(l.dump);
	pcap_close(dead);
	fclose(l.txt);
	fclose(l.html);
	return status;
}
