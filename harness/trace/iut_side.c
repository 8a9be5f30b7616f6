/* iut_side.c - which address of a trace is the implementation under test
 * (trace.h): the one that answers the mobile node's signalling. */
#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>

#include "trace.h"

enum m6t_side_kind m6t_side_kind(const struct m6_pkt *pkt)
{
	if (pkt->has_mh) {
		switch (pkt->msg.type) {
		case M6_MH_BU:
		case M6_MH_HOTI:
		case M6_MH_COTI: return M6T_REQUEST;
		case M6_MH_BA:
		case M6_MH_HOT:
		case M6_MH_COT:
		case M6_MH_BE:
		case M6_MH_BRR: return M6T_ANSWER;
		}
		return M6T_OTHER;
	}
	if (pkt->has_nd) {
		switch (pkt->nd.type) {
		case M6_ICMP6_DHAAD_REQ:
		case M6_ICMP6_MPS: return M6T_REQUEST;
		case M6_ICMP6_DHAAD_REP:
		case M6_ICMP6_MPA: return M6T_ANSWER;
		}
	}
	return M6T_OTHER;
}

const m6_addr6 *m6t_link_src(const struct m6_pkt *pkt)
{
	return &pkt->ip[0].src;
}

const m6_addr6 *m6t_link_dst(const struct m6_pkt *pkt)
{
	return &pkt->ip[0].dst;
}

static int peer_index(struct m6t_side_votes *v, const m6_addr6 *a)
{
	for (int i = 0; i < v->n; i++)
		if (!memcmp(&v->peer[i].addr, a, sizeof *a))
			return i;
	if (v->n == M6T_MAX_PEERS) {
		v->overflow = true;
		return -1;
	}
	memset(&v->peer[v->n], 0, sizeof v->peer[v->n]);
	v->peer[v->n].addr = *a;
	return v->n++;
}

void m6t_side_count(struct m6t_side_votes *v, const struct m6_pkt *pkt)
{
	enum m6t_side_kind k = pkt->n_ip ? m6t_side_kind(pkt) : M6T_OTHER;
	int s, d;

	if (k == M6T_OTHER)
		return;
	s = peer_index(v, m6t_link_src(pkt));
	if (k == M6T_ANSWER) {
		if (s >= 0)
			v->peer[s].answers_sent++;
		return;
	}
	if (s >= 0)
		v->peer[s].requests_sent++;
	d = peer_index(v, m6t_link_dst(pkt));
	if (d >= 0)
		v->peer[d].requests_received++;
}

/* Indices of the peers that pass a test, into pick[]; returns how many. */
static int select_peers(const struct m6t_side_votes *v, int want, int *pick)
{
	int n = 0;

	for (int i = 0; i < v->n; i++) {
		bool answers_only = v->peer[i].answers_sent && !v->peer[i].requests_sent;
		bool ok = want == 0 ? answers_only
			: want == 1 ? answers_only && v->peer[i].requests_received
				    : v->peer[i].requests_received > 0;
		if (ok)
			pick[n++] = i;
	}
	return n;
}

int m6t_iut_decide(const struct m6t_side_votes *v, m6_addr6 *iut, char *err, size_t cap)
{
	int pick[M6T_MAX_PEERS], n = select_peers(v, 0, pick);

	if (n > 1) {
		int narrowed[M6T_MAX_PEERS], k = select_peers(v, 1, narrowed);
		if (k > 0) {
			memcpy(pick, narrowed, sizeof pick);
			n = k;
		}
	} else if (n == 0) {
		n = select_peers(v, 2, pick);
	}
	if (n == 1) {
		*iut = v->peer[pick[0]].addr;
		return 0;
	}
	if (n == 0) {
		snprintf(err, cap, "no mobility signalling between a mobile node and a home agent or "
				   "correspondent node in the capture: cannot tell which side is the IUT");
		return -1;
	}
	size_t len = (size_t)snprintf(err, cap, "cannot tell which side is the IUT: %d addresses answer "
						"mobility signalling (", n);
	for (int i = 0; i < n && len < cap; i++) {
		char text[INET6_ADDRSTRLEN];
		inet_ntop(AF_INET6, &v->peer[pick[i]].addr, text, sizeof text);
		len += (size_t)snprintf(err + len, cap - len, "%s%s", i ? " " : "", text);
	}
	if (len < cap)
		snprintf(err + len, cap - len, "); name it with --iut-addr");
	return -1;
}

int m6t_find_iut(const char *const *paths, int n, m6_addr6 *iut, char *err, size_t cap)
{
	struct m6t_side_votes votes = { 0 };
	struct m6t_trace t;
	struct m6t_frame f;
	int rc = 0;

	for (int i = 0; i < n && rc >= 0; i++) {
		if (m6t_open(&t, paths[i], err, cap)) {
			m6t_close(&t);
			return -1;
		}
		t.verify_csum = false; /* which side sent what does not hang on it */
		while ((rc = m6t_next(&t, &f, err, cap)) == 1) {
			m6t_decode(&t, &f);
			m6t_side_count(&votes, f.pkt);
		}
		m6t_close(&t);
	}
	return rc < 0 ? -1 : m6t_iut_decide(&votes, iut, err, cap);
}
