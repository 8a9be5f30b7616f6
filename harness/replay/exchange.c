/* exchange.c - a capture cut into requests and their answers (exchange.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "exchange.h"
#include "trace.h"

static bool same(const m6_addr6 *a, const m6_addr6 *b)
{
	return !memcmp(a, b, sizeof *a);
}

/* ICMPv6 the network carries rather than the IUT's protocol. */
static bool neighbor_discovery(const struct m6_pkt *pkt)
{
	uint8_t t = pkt->icmp6.type;
	return pkt->has_icmp6 && ((t >= M6_ICMP6_RS && t <= M6_ICMP6_NA) || (t >= 130 && t <= 132) || t == 143);
}

/* A packet the IUT forwards: from its MAC address with another node's
 * source (a link-local source is the IUT's own, and never forwarded). */
static bool forwarded(const struct m6_pkt *pkt, const uint8_t *iut_mac)
{
	return iut_mac && pkt->link == M6_LINK_ETHERNET && !memcmp(pkt->eth_src, iut_mac, 6) &&
	       !m6_addr_link_local(m6t_link_src(pkt));
}

bool m6r_is_answer(const struct m6_pkt *pkt, const m6_addr6 *iut, const uint8_t *iut_mac)
{
	if (!pkt->n_ip || neighbor_discovery(pkt))
		return false;
	if (!same(m6t_link_src(pkt), iut))
		return forwarded(pkt, iut_mac);
	return pkt->has_mh || pkt->has_icmp6 || pkt->has_data || pkt->n_ip > 1;
}

static bool is_request(const struct m6_pkt *pkt, const m6_addr6 *iut, const uint8_t *iut_mac)
{
	if (!pkt->n_ip || same(m6t_link_src(pkt), iut) || neighbor_discovery(pkt))
		return false;
	if (m6t_side_kind(pkt) == M6T_REQUEST)
		return true;
	bool to_iut = same(m6t_link_dst(pkt), iut) ||
		      (iut_mac && pkt->link == M6_LINK_ETHERNET && !memcmp(pkt->eth_dst, iut_mac, 6));
	return to_iut && (pkt->has_mh || pkt->has_data || pkt->has_icmp6);
}

void m6r_decode(const struct m6r_frame *f, struct m6_pkt *pkt)
{
	m6_pkt_decode(f->bytes, f->len, f->link, true, pkt);
}

static int copy_frame(struct m6r_frame *f, const struct m6t_frame *tf, int link, double t0)
{
	f->number = tf->info.frame;
	f->t = (double)tf->info.ts_sec + tf->info.ts_usec * 1e-6 - t0;
	f->link = link;
	f->len = tf->info.caplen;
	f->bytes = malloc(f->len ? f->len : 1);
	if (!f->bytes)
		return -1;
	memcpy(f->bytes, tf->bytes, f->len);
	return 0;
}

/* The IUT's MAC address: the source of its first answer (Ethernet). */
static void learn_mac(const struct m6_pkt *pkt, const m6_addr6 *iut, uint8_t mac[6], bool *known)
{
	if (!*known && pkt->link == M6_LINK_ETHERNET && m6r_is_answer(pkt, iut, NULL)) {
		memcpy(mac, pkt->eth_src, 6);
		*known = true;
	}
}

static int read_exchanges(struct m6t_trace *t, struct m6r_capture *c, char *err, size_t cap)
{
	struct m6t_frame f;
	double t0 = 0;
	uint8_t mac[6];
	bool mac_known = false;
	int rc, cap_x = 0;

	while ((rc = m6t_next(t, &f, err, cap)) == 1) {
		if (f.info.frame == 1)
			t0 = (double)f.info.ts_sec + f.info.ts_usec * 1e-6;
		m6t_decode(t, &f);
		learn_mac(f.pkt, &c->iut, mac, &mac_known);
		struct m6r_exchange *x = c->n ? &c->x[c->n - 1] : NULL;
		if (is_request(f.pkt, &c->iut, mac_known ? mac : NULL)) {
			if (c->n == cap_x) {
				cap_x = cap_x ? 2 * cap_x : 32;
				struct m6r_exchange *more = realloc(c->x, (size_t)cap_x * sizeof *more);
				if (!more)
					return snprintf(err, cap, "%s: out of memory", c->path), -1;
				c->x = more;
			}
			x = &c->x[c->n++];
			*x = (struct m6r_exchange){ 0 };
			if (copy_frame(&x->req, &f, t->link, t0))
				return snprintf(err, cap, "%s: out of memory", c->path), -1;
			c->home_reg |= f.pkt->has_mh && f.pkt->msg.type == M6_MH_BU && (f.pkt->msg.u.bu.flags & M6_BU_H);
		} else if (x && m6r_is_answer(f.pkt, &c->iut, mac_known ? mac : NULL)) {
			struct m6r_frame *more = realloc(x->ans, (size_t)(x->n_ans + 1) * sizeof *more);
			if (!more || copy_frame(&more[x->n_ans], &f, t->link, t0))
				return free(more), snprintf(err, cap, "%s: out of memory", c->path), -1;
			x->ans = more;
			x->n_ans++;
		}
	}
	if (rc < 0)
		return -1;
	if (!c->n)
		return snprintf(err, cap, "%s: no request to the IUT in it", c->path), -1;
	return 0;
}

int m6r_capture_load(const char *path, const m6_addr6 *iut_addr, struct m6r_capture *c, char *err, size_t cap)
{
	struct m6t_trace t;

	*c = (struct m6r_capture){ .path = path };
	if (iut_addr)
		c->iut = *iut_addr;
	else if (m6t_find_iut(&path, 1, &c->iut, err, cap))
		return -1;
	if (m6t_open(&t, path, err, cap))
		return m6t_close(&t), -1;
	int rc = read_exchanges(&t, c, err, cap);
	m6t_close(&t);
	if (rc)
		m6r_capture_free(c);
	return rc;
}

void m6r_capture_free(struct m6r_capture *c)
{
	for (int i = 0; i < c->n; i++) {
		free(c->x[i].req.bytes);
		for (int k = 0; k < c->x[i].n_ans; k++)
			free(c->x[i].ans[k].bytes);
		free(c->x[i].ans);
	}
	free(c->x);
	c->x = NULL;
	c->n = 0;
}
