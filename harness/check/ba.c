/* ba.c - judging a Binding Acknowledgement against the BU it answers and
 * the bindings the IUT acknowledged before (RFC 6275 s9.5.1-s9.5.4,
 * s10.3.1; RFC 5648 s6.2, s6.3), then keeping the state it sets. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "check_state.h"

struct ba_view {
	struct m6c_checker *c;
	const struct m6t_frame *f;
	const struct m6_msg *m;
	struct m6c_pending *p;
	struct m6c_node *n;
};

static void finding(struct ba_view *v, const char *req, const char *expected, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
static void finding(struct ba_view *v, const char *req, const char *expected, const char *fmt, ...)
{
	char did[200];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(did, sizeof did, fmt, ap);
	va_end(ap);
	m6c_finding(v->c, v->p->frame, v->f->info.frame, req, expected, did);
}

/* Sequence numbers modulo 2^16 (RFC 6275 s9.5.1): 1 newer, 0 not, -1 exactly half way round (either). */
static int seq_newer(uint16_t seq, uint16_t last)
{
	uint16_t d = (uint16_t)(seq - last);
	return d == 0x8000 ? -1 : d != 0 && d < 0x8000;
}

/* The status a BID of the BA ended with. */
static uint8_t bid_status(const struct m6_msg *m, const struct m6_opt_bid *b)
{
	return m->u.ba.status == M6_BA_MCOA_NOTCOMPLETE ? b->status : m->u.ba.status;
}

static const struct m6_opt_bid *ba_bid(const struct m6_msg *m, uint16_t bid)
{
	for (int k = m6_msg_next_opt(m, 0, M6_OPT_BID); k >= 0; k = m6_msg_next_opt(m, k + 1, M6_OPT_BID))
		if (m->opts[k].u.bid.bid == bid)
			return &m->opts[k].u.bid;
	return NULL;
}

static void judge_route(struct ba_view *v)
{
	const struct m6_pkt *pkt = v->f->pkt;
	const m6_addr6 *dst = m6t_link_dst(pkt), *rh2 = m6c_pkt_rh2(pkt);
	char a[INET6_ADDRSTRLEN], b[INET6_ADDRSTRLEN];

	if (!m6c_addr_eq(dst, &v->p->peer) && !(v->p->has_altcoa && m6c_addr_eq(dst, &v->p->coa)))
		finding(v, "MIP6-9.5.1-8", "the BA sent to the BU's source address (or its Alternate Care-of Address)",
			"sent it to %s", m6c_addr_text(dst, a));
	if (!m6c_addr_eq(dst, &v->p->hoa) && (!rh2 || !m6c_addr_eq(rh2, &v->p->hoa)))
		finding(v, "MIP6-9.5.4-3", "a type 2 routing header with the home address in a BA to a care-of address",
			rh2 ? "put %s in it" : "sent none%s", rh2 ? m6c_addr_text(rh2, b) : "");
}

static bool home_binding(const struct m6c_pending *p)
{
	for (int i = 0; i < p->n_bids; i++)
		if (p->bids[i].flags & M6_BID_H)
			return true;
	return false;
}

static void judge_bids(struct ba_view *v)
{
	const struct m6_msg *m = v->m;
	uint8_t st = m->u.ba.status;
	int errors = 0, n_bids = m6_msg_count_opt(m, M6_OPT_BID);

	for (int i = 0; i < v->p->n_bids; i++)
		if (!ba_bid(m, v->p->bids[i].bid)) {
			char e[96];
			snprintf(e, sizeof e, "the BU's BID %u copied into the BA", v->p->bids[i].bid);
			finding(v, "MCOA-6.2-13", e, "left it out (status %u)", st);
		}
	if (v->c->o.role == M6_ROLE_CN)
		return;
	for (int k = m6_msg_next_opt(m, 0, M6_OPT_BID); k >= 0; k = m6_msg_next_opt(m, k + 1, M6_OPT_BID)) {
		uint8_t bs = m->opts[k].u.bid.status;
		errors += bs >= 128;
		if (st != M6_BA_MCOA_NOTCOMPLETE && bs != 0)
			finding(v, "MCOA-6.2-17", "BID statuses 0 unless the BA's status is 4 (NOTCOMPLETE)",
				"answered %u with BID %u status %u", st, m->opts[k].u.bid.bid, bs);
	}
	if (st == M6_BA_MCOA_NOTCOMPLETE && (!n_bids || !errors))
		finding(v, "MCOA-6.2-16", "status 4 (NOTCOMPLETE) only with a BID whose status is an error",
			"answered 4 with %d BIDs, none refused", n_bids);
	if (st == M6_BA_MCOA_RETURNHOME_WO_NDP && !home_binding(v->p))
		finding(v, "MCOA-6.3-1", "status 5 only for a home binding (a BID with the H flag)",
			"answered 5 to a BU without one");
}

/* Where the IUT's policy decides, is its answer the one it was told? */
static void judge_policy(struct ba_view *v)
{
	const struct m6c_policy *pol = &v->c->o.policy;
	uint8_t st = v->m->u.ba.status;
	static const struct { uint8_t status; const char *name; } prohibitions[] = {
		{ M6_BA_MCOA_PROHIBITED, "mcoa-prohibited" },
		{ M6_BA_MCOA_BULK_PROHIBITED, "bulk-prohibited" },
		{ M6_BA_MCOA_SIMUL_PROHIBITED, "simultaneous-prohibited" },
	};
	const bool said[] = { pol->mcoa_prohibited, pol->bulk_prohibited, pol->simul_prohibited };

	for (int i = 0; i < 3; i++) {
		if (st != prohibitions[i].status)
			continue;
		v->c->seen.prohibited[i]++;
		if (pol->told && !said[i]) {
			char e[120];
			snprintf(e, sizeof e, "no %u: the profile and settings do not say %s", st, prohibitions[i].name);
			finding(v, "MCOA-6.3-2", e, "answered %u", st);
		}
	}
	bool wants = (pol->mcoa_prohibited && v->p->n_bids) || (pol->bulk_prohibited && v->p->n_bids > 1);
	if (wants && st < 128)
		finding(v, "MCOA-6.3-2", "the BIDs refused (166 or 168), as the settings say", "accepted them (%u)", st);
	if (v->c->o.role == M6_ROLE_HA && home_binding(v->p) && !v->p->dereg && st < 128) {
		v->c->seen.home_status[st == M6_BA_MCOA_RETURNHOME_WO_NDP]++;
		if (pol->return_home >= 0 && st != pol->return_home && st != M6_BA_MCOA_NOTCOMPLETE) {
			char e[80];
			snprintf(e, sizeof e, "status %d for an accepted home binding (return-home=%d)", pol->return_home,
				 pol->return_home);
			finding(v, "MCOA-6.3-1", e, "answered %u", st);
		}
	}
}

static void judge_lifetime(struct ba_view *v)
{
	const struct m6c_policy *pol = &v->c->o.policy;
	unsigned granted = v->m->u.ba.lifetime, asked = v->p->lifetime;
	bool cn = v->c->o.role == M6_ROLE_CN;
	char e[96];

	if (v->p->dereg) {
		/* RFC 6275 s10.3.2: "The Lifetime field MUST be set to zero"; a
		 * correspondent node deletes the entry as well (s9.5.3) */
		if (granted)
			finding(v, cn ? "MIP6-9.5.3-1" : "MIP6-10.3.2-2", "lifetime 0 in the BA of a deregistration",
				"granted %u s", granted * M6_LIFETIME_UNIT);
		return;
	}
	if (granted > asked) {
		snprintf(e, sizeof e, "a granted lifetime of at most the %u s asked", asked * M6_LIFETIME_UNIT);
		finding(v, cn ? "MIP6-9.5.2-1" : "MIP6-10.3.1-4", e, "granted %u s", granted * M6_LIFETIME_UNIT);
	}
	if (cn && granted * M6_LIFETIME_UNIT > 420)
		finding(v, "MIP6-9.5.2-2", "a lifetime of at most MAX_RR_BINDING_LIFETIME (420 s)", "granted %u s",
			granted * M6_LIFETIME_UNIT);
	if (pol->max_lifetime >= 0 && granted > pol->max_lifetime) {
		snprintf(e, sizeof e, "a lifetime of at most %ld s (max-lifetime=%ld)", pol->max_lifetime * M6_LIFETIME_UNIT,
			 pol->max_lifetime);
		finding(v, "MIP6-10.3.1-4", e, "granted %u s", granted * M6_LIFETIME_UNIT);
	}
	if (granted < asked)
		v->c->seen.capped++;
	if (granted * M6_LIFETIME_UNIT > v->c->seen.max_granted_s)
		v->c->seen.max_granted_s = granted * M6_LIFETIME_UNIT;
}

/* Returns false when the status is already wrong (nothing more to judge). */
static bool judge_status(struct ba_view *v)
{
	const struct m6c_pending *p = v->p;
	uint8_t st = v->m->u.ba.status;
	char e[120];

	if (p->code >= M6_BA_EXPIRED_HOME_NONCE && p->code <= M6_BA_EXPIRED_NONCES) {
		if (st < M6_BA_EXPIRED_HOME_NONCE || st > M6_BA_EXPIRED_NONCES)
			finding(v, p->req_id, "status 136, 137 or 138: the nonce index is past its lifetime", "answered %u", st);
		else if (m6_msg_next_opt(v->m, 0, M6_OPT_BAD) >= 0)
			finding(v, p->req_id, "no Binding Authorization Data with status 136-138", "sent one");
		return false;
	}
	if (p->code) {
		if (st != p->code) {
			snprintf(e, sizeof e, "status %u (%s)", p->code, m6_ba_status_name(p->code));
			finding(v, p->req_id, e, "answered %u", st);
		}
		return false;
	}
	/* a correspondent node checks the nonces before the sequence number
	 * (s9.5.1), and may let a nonce go sooner than MAX_NONCE_LIFETIME */
	if (v->c->o.role == M6_ROLE_CN && st >= M6_BA_EXPIRED_HOME_NONCE && st <= M6_BA_EXPIRED_NONCES)
		return false;
	if (!v->n || !v->n->seq_known) {
		if (st == M6_BA_SEQ_OUT_OF_WINDOW)
			m6c_cannot(v->c, v->f->info.frame, "status 135: the last accepted sequence number is not in the capture");
		return true;
	}
	int newer = seq_newer(p->seq, v->n->last_seq);
	if (newer == 0 && st != M6_BA_SEQ_OUT_OF_WINDOW) {
		snprintf(e, sizeof e, "status 135: sequence %u is not newer than %u, the last accepted", p->seq,
			 v->n->last_seq);
		finding(v, "MIP6-9.5.1-4", e, "answered %u", st);
		return false;
	}
	if (newer == 1 && st == M6_BA_SEQ_OUT_OF_WINDOW) {
		snprintf(e, sizeof e, "no 135: sequence %u is newer than %u, the last accepted", p->seq, v->n->last_seq);
		finding(v, "MIP6-9.5.1-4", e, "answered 135");
		return false;
	}
	if (st == M6_BA_SEQ_OUT_OF_WINDOW && v->m->u.ba.seq != v->n->last_seq) {
		snprintf(e, sizeof e, "status 135 carrying %u, the last accepted sequence number", v->n->last_seq);
		finding(v, "MIP6-9.5.1-4", e, "carried %u", v->m->u.ba.seq);
	}
	if (v->c->o.from_start && v->c->o.role == M6_ROLE_HA && p->dereg && !p->n_bids && !v->n->n_bindings &&
	    st < 128)
		finding(v, "MIP6-10.3.2-1", "status 133: a home deregistration for an address without binding",
			"answered %u", st);
	return true;
}

static void judge_auth(struct ba_view *v)
{
	const struct m6_pkt *pkt = v->f->pkt;

	if (v->c->o.role != M6_ROLE_CN || (v->m->u.ba.status >= 128 && v->m->u.ba.status != M6_BA_SEQ_OUT_OF_WINDOW))
		return;
	if (!v->p->kbm_known) {
		m6c_cannot(v->c, v->f->info.frame, "the BA's Authenticator: the keygen tokens are not in the capture");
		return;
	}
	if (m6_rr_verify_mh(v->p->kbm, &v->p->coa, &pkt->ip[pkt->n_ip - 1].src, v->m->data, v->m->mh_len) != 1)
		finding(v, "MIP6-9.5.4-2", "Binding Authorization Data with the Authenticator computed with Kbm",
			"%s", m6_msg_next_opt(v->m, 0, M6_OPT_BAD) >= 0 ? "sent a wrong Authenticator" : "sent none");
}

/* A binding granted (again) by the BA: its lifetime starts over. */
static void grant(struct ba_view *v, struct m6c_binding *b, int64_t now_us)
{
	uint32_t granted_s = (uint32_t)v->m->u.ba.lifetime * M6_LIFETIME_UNIT;

	b->granted_s = granted_s;
	b->ba_frame = v->f->info.frame;
	b->brr_seen = false;
	b->denied = false;
	b->sure_until_us = v->p->at_us + (int64_t)granted_s * 1000000;
	b->until_us = now_us + (int64_t)granted_s * 1000000;
}

/* The bindings an accepted BU leaves (RFC 6275 s9.5.2, s9.5.3; RFC 5648 s6.2). */
static void keep_state(struct ba_view *v, int64_t now_us)
{
	const struct m6c_pending *p = v->p;
	struct m6c_node *n = v->n;

	if (!n || v->m->u.ba.status >= 128)
		return;
	n->seq_known = true;
	n->last_seq = p->seq;
	if (!p->n_bids || (p->flags & M6_BU_O && !p->dereg)) {
		for (int i = 0; i < n->n_bindings; i++)
			m6c_refresh_missing(v->c, &n->bindings[i], now_us);
		n->n_bindings = 0;
	}
	if (!p->n_bids && !p->dereg) {
		n->bindings[n->n_bindings] = (struct m6c_binding){ .bid = 0, .coa = p->coa };
		grant(v, &n->bindings[n->n_bindings++], now_us);
	}
	for (int i = 0; i < p->n_bids; i++) {
		const struct m6_opt_bid *b = ba_bid(v->m, p->bids[i].bid);
		if (b && bid_status(v->m, b) >= 128)
			continue;
		struct m6c_binding *have = m6c_binding_find(n, p->bids[i].bid);
		if (p->dereg) {
			m6c_binding_drop(v->c, n, p->bids[i].bid);
			continue;
		}
		if (!have && n->n_bindings == M6C_MAX_BIDS)
			continue;
		if (have) {
			m6c_refresh_missing(v->c, have, now_us);
		} else {
			have = &n->bindings[n->n_bindings++];
			*have = (struct m6c_binding){ .bid = p->bids[i].bid, .coa = p->coa, .fresh = true };
		}
		if (p->bids[i].has_coa)
			have->coa = p->bids[i].coa;
		have->home = p->bids[i].flags & M6_BID_H;
		grant(v, have, now_us);
	}
	if (!n->n_bindings)
		n->unbound_at_us = now_us;
}

void m6c_answer_ba(struct m6c_checker *c, const struct m6t_frame *f)
{
	const struct m6_pkt *pkt = f->pkt;
	const struct m6_msg *m = &pkt->msg;
	const m6_addr6 *rh2 = m6c_pkt_rh2(pkt);
	m6_addr6 hoa = rh2 ? *rh2 : pkt->ip[pkt->n_ip - 1].dst;
	struct m6c_pending *p = NULL;

	for (uint32_t k = 0; k < c->count && !p; k++) {
		struct m6c_pending *q = &c->pending[(c->head + k) % M6C_PENDING];
		/* without RH2 the BA names the home address only by going there:
		 * the BU's source is as good a key */
		if (q->live && q->expect == M6C_EXPECT_BA &&
		    (m6c_addr_eq(&q->hoa, &hoa) || (!rh2 && m6c_addr_eq(&q->peer, &hoa))) &&
		    (q->seq == m->u.ba.seq || m->u.ba.status == M6_BA_SEQ_OUT_OF_WINDOW))
			p = q;
	}
	if (!p) {
		struct m6c_pending *quiet = m6c_pending_match(c, M6C_EXPECT_NOTHING, NULL, &hoa);
		struct m6c_node *n = m6c_node_find(c, &hoa);
		char did[64];
		snprintf(did, sizeof did, "sent a BA (status %u, sequence %u)", m->u.ba.status, m->u.ba.seq);
		if (quiet)
			m6c_finding(c, quiet->frame, f->info.frame, quiet->req_id, "a silent discard", did);
		else if ((n && n->seen_bu) || c->o.from_start)
			m6c_finding(c, f->info.frame, 0, "MIP6-9.5.4-1", "a BA only in answer to a BU", did);
		else
			m6c_cannot(c, f->info.frame, "a BA whose BU is not in the capture (it starts mid-exchange)");
		return;
	}
	struct ba_view v = { c, f, m, p, m6c_node_get(c, &p->hoa) };
	if (v.n)
		m6c_bindings_expire(c, v.n, m6c_time_us(f));
	c->counts.answers++;
	if (!m6_pkt_valid(pkt)) {
		const struct m6_diag *d = &pkt->diags.d[0];
		for (int i = 0; i < pkt->diags.n; i++)
			if (pkt->diags.d[i].severity == M6_SEV_ERROR) {
				d = &pkt->diags.d[i];
				break;
			}
		finding(&v, "MIP6-9.5.4-1", "a valid BA (a receiver discards an invalid one)", "sent one with %s",
			m6_reason_name(d->reason));
	} else {
		judge_route(&v);
		if (judge_status(&v)) {
			judge_bids(&v);
			judge_policy(&v);
			if (m->u.ba.status < 128)
				judge_lifetime(&v);
			judge_auth(&v);
			if (!(p->flags & M6_BU_A) && m->u.ba.status < 128)
				finding(&v, "MIP6-9.5.4-1", "no BA for an accepted BU without the A flag (SHOULD NOT)",
					"sent one (status %u)", m->u.ba.status);
			keep_state(&v, m6c_time_us(f));
		}
	}
	m6c_pending_done(c, p);
}
