/* expiry.c - a poll that met the end of a lifetime one request off (expiry.h). */
#include <stdio.h>

#include "expiry.h"

void m6r_grant_note(struct m6r_grant *g, const struct m6r_frame *req, double sent_t, const struct m6r_frame *ans,
		    int n)
{
	static struct m6_pkt p;

	m6r_decode(req, &p);
	if (!p.has_mh || p.msg.type != M6_MH_BU)
		return;
	for (int k = 0; k < n; k++) {
		m6r_decode(&ans[k], &p);
		if (!p.has_mh || p.msg.type != M6_MH_BA || p.msg.u.ba.status >= 128)
			continue;
		g->on = p.msg.u.ba.lifetime > 0;
		g->sent_t = sent_t;
		g->lifetime_s = 4.0 * p.msg.u.ba.lifetime;
	}
}

/* How far from the end of its lifetime a request is judged by time. */
static double tolerance(const struct m6r_grant *g, double interval)
{
	return interval + g->lifetime_s / 8;
}

double m6r_grant_due(const struct m6r_grant *rec, const struct m6r_grant *rep, double req_t, double interval)
{
	if (!rec->on || !rep->on)
		return -1;
	double after = req_t - rec->sent_t; /* in the capture, since its granting BU */
	if (after < rec->lifetime_s - tolerance(rec, interval))
		return -1;
	return rep->sent_t + after;
}

/* A Binding Error "unknown binding" among the answers? */
static bool says_unknown(const struct m6r_frame *ans, int n)
{
	static struct m6_pkt p;

	for (int k = 0; k < n; k++) {
		m6r_decode(&ans[k], &p);
		if (p.has_mh && p.msg.type == M6_MH_BE && p.msg.u.be.status == M6_BE_UNKNOWN_BINDING)
			return true;
	}
	return false;
}

/* Was the request within the tolerance of the end of its run's lifetime? */
static bool near_end(const struct m6r_edge_run *r)
{
	if (!r->grant->on)
		return false;
	double off = r->t - (r->grant->sent_t + r->grant->lifetime_s);
	return (off < 0 ? -off : off) <= tolerance(r->grant, r->interval);
}

bool m6r_expiry_edge(const struct m6r_edge_run *rec, const struct m6r_edge_run *rep, const struct m6r_diff *d,
		     int nd, char *why, size_t cap)
{
	for (int k = 0; k < nd; k++)
		if (d[k].kind == M6R_CHANGED)
			return false; /* an answer of the same kind on both sides: no edge */
	if (says_unknown(rec->ans, rec->n) == says_unknown(rep->ans, rep->n))
		return false;
	if (!near_end(rec) || !near_end(rep))
		return false;
	snprintf(why, cap, "the binding of lifetime %.0f s expired one poll %s (sent %.2f s / %.2f s after the BU; tolerance %.2f s)",
		 rep->grant->lifetime_s, says_unknown(rep->ans, rep->n) ? "earlier" : "later",
		 rec->t - rec->grant->sent_t, rep->t - rep->grant->sent_t,
		 tolerance(rep->grant, rep->interval));
	return true;
}
