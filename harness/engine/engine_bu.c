/* engine_bu.c - a Binding Update at the reference HA/CN: return
 * routability at the CN (RFC 6275 s9.5.1), the decision (bu_plan.c) made
 * on a view of the binding cache, the cache changes, and the Binding
 * Acknowledgement (s9.5.4, s10.3.1; RFC 5648 s6.2). */
#include <string.h>

#include <openssl/crypto.h>

#include "bu_plan.h"
#include "engine_internal.h"

/* What the cache holds for the home address, as bu_plan needs it. */
static void view_of(const struct m6e_engine *e, const m6_addr6 *hoa, struct m6e_hoa_view *v)
{
	const struct m6e_bcache *bc = &e->bc;
	const struct m6e_home *home = m6e_bc_home(bc, hoa);
	uint32_t max = e->cfg.policy.max_bindings;

	memset(v, 0, sizeof *v);
	v->free_total = bc->n_bindings < max ? max - bc->n_bindings : 0;
	if (!home) {
		if (bc->n_homes >= bc->lim.max_homes)
			v->free_total = 0;
		return;
	}
	v->known = v->has_seq = true;
	v->last_seq = home->seq;
	v->mcoa = home->kind == M6E_HOME_MCOA;
	for (const struct m6e_binding *b = m6e_bc_first(bc, home); b; b = m6e_bc_next(bc, b)) {
		v->home_reg = b->flags & M6E_BF_HOME_REG;
		if (v->mcoa && v->n_bids < M6E_MAX_BIDS)
			v->bids[v->n_bids++] = b->bid;
	}
}

static void binding_event(const struct m6e_engine *e, const struct m6e_rx *rx, uint8_t kind,
			  const struct m6e_binding *b)
{
	struct m6e_event ev = m6e_binding_event(kind, &e->bc, b);
	m6e_emit(rx->sink, &ev);
}

static void rejected_event(const struct m6e_rx *rx, uint8_t status)
{
	struct m6e_event ev = { .kind = M6E_EV_REJECTED, .status = status, .hoa = rx->hoa,
				.coa = rx->coa };
	m6e_emit(rx->sink, &ev);
}

static void remove_binding(struct m6e_engine *e, const struct m6e_rx *rx, struct m6e_binding *b)
{
	binding_event(e, rx, M6E_EV_REMOVED, b);
	m6e_bc_remove(&e->bc, b);
}

static void remove_all(struct m6e_engine *e, const struct m6e_rx *rx)
{
	struct m6e_home *home = m6e_bc_home(&e->bc, &rx->hoa);

	/* the home record goes with its last binding: count first */
	for (uint16_t n = home ? home->count : 0; n > 0; n--)
		remove_binding(e, rx, m6e_bc_first(&e->bc, home));
}

/* The binding's flags from the BU (RFC 6275 s6.1.7) and the BID option. */
static uint8_t flags_of(const struct m6_msg *bu, uint8_t bid_flags, bool rr)
{
	uint16_t f = bu->u.bu.flags;

	return (uint8_t)((f & M6_BU_H ? M6E_BF_HOME_REG : 0) | (f & M6_BU_R ? M6E_BF_ROUTER : 0) |
			 (f & M6_BU_K ? M6E_BF_KEY_MGMT : 0) | (bid_flags & M6_BID_H ? M6E_BF_AT_HOME : 0) |
			 (f & M6_BU_L ? M6E_BF_LINK_LOCAL : 0) | (rr ? M6E_BF_RR : 0));
}

static bool set_binding(struct m6e_engine *e, const struct m6e_rx *rx, uint16_t bid,
			struct m6e_binding_set *set)
{
	uint32_t before = e->bc.n_bindings; /* grows only when the binding is new */
	struct m6e_binding *b = m6e_bc_set(&e->bc, &rx->hoa, bid, rx->msg->u.bu.seq, set, rx->now_ms);

	if (b)
		binding_event(e, rx, e->bc.n_bindings > before ? M6E_EV_ADDED : M6E_EV_UPDATED, b);
	return b != NULL;
}

/* An IPv4 care-of address (seed 001 s8) kept as ::ffff:a.b.c.d. */
static void v4_mapped(const m6_addr4 *v4, m6_addr6 *out)
{
	memset(out->a, 0, 10);
	out->a[10] = out->a[11] = 0xff;
	memcpy(out->a + 12, v4->a, 4);
}

/* One BID's planned change. A refresh without CoA keeps the CoA held. */
static uint8_t apply_bid(struct m6e_engine *e, const struct m6e_rx *rx, const struct m6e_bid_plan *bp,
			 bool rr, struct m6e_binding_set *set)
{
	if (bp->op == M6E_BID_REMOVE) {
		struct m6e_binding *held = m6e_bc_lookup(&e->bc, &rx->hoa, bp->bid);
		if (held)
			remove_binding(e, rx, held);
		return bp->status;
	}
	if (bp->op != M6E_BID_SET)
		return bp->status;
	set->coa_v4 = bp->coa_family == 4;
	if (bp->coa_family == 6)
		set->coa = bp->coa6;
	else if (bp->coa_family == 4)
		v4_mapped(&bp->coa4, &set->coa);
	else /* a refresh: bu_plan answered 167 if nothing were held */
		set->coa = m6e_bc_lookup(&e->bc, &rx->hoa, bp->bid)->coa;
	set->flags = flags_of(rx->msg, bp->flags, rr);
	return set_binding(e, rx, bp->bid, set) ? bp->status : M6_BA_INSUFFICIENT_RESOURCES;
}

static void apply(struct m6e_engine *e, const struct m6e_rx *rx, struct m6e_bu_plan *p, bool rr)
{
	const struct m6_msg *bu = rx->msg;
	struct m6e_binding_set set = { .lifetime_s = (uint32_t)p->lifetime * 4 };
	int nonce = m6_msg_next_opt(bu, 0, M6_OPT_NONCE);

	if (rr && nonce >= 0) {
		set.home_nonce = bu->opts[nonce].u.nonce.home;
		set.coa_nonce = bu->opts[nonce].u.nonce.careof;
	}
	if (p->remove_all)
		remove_all(e, rx);
	if (p->plain_op == M6E_BID_SET) {
		set.coa = p->plain_coa;
		set.flags = flags_of(bu, 0, rr);
		if (!set_binding(e, rx, M6E_PLAIN_BID, &set))
			p->status = M6_BA_INSUFFICIENT_RESOURCES;
	}
	for (unsigned i = 0; i < p->n_bids; i++) {
		uint8_t status = apply_bid(e, rx, &p->bid[i], rr, &set);
		if (status != p->bid[i].status) /* the cache refused what the plan allowed */
			p->status = p->ba_bid_status[i] = status;
	}
	m6e_bc_set_seq(&e->bc, &rx->hoa, bu->u.bu.seq);
}

/* s9.5.4: an accepted BU is answered at its care-of address, a rejected
 * one at its source; through a type 2 routing header to the home address
 * unless that is where it goes. */
static int send_ba(struct m6e_engine *e, const struct m6e_rx *rx, const struct m6e_ba *ba)
{
	struct m6e_route r = { .src = rx->ip->dst, .hoa = rx->hoa };

	r.dst = ba->status < 128 ? rx->coa : rx->ip->src;
	r.rh2 = rx->has_hao && memcmp(&r.dst, &r.hoa, sizeof r.hoa) != 0;
	return m6e_send(rx, e, m6e_build_ba(&r, ba, e->out, sizeof e->out));
}

static int reject(struct m6e_engine *e, const struct m6e_rx *rx, uint8_t status,
		  const struct m6_rr_key *key)
{
	struct m6e_ba ba = { .status = status, .seq = rx->msg->u.bu.seq, .key = key };

	rejected_event(rx, status);
	return send_ba(e, rx, &ba);
}

int m6e_process_bu(struct m6e_engine *e, const struct m6e_rx *rx, uint8_t verdict_status)
{
	const struct m6_msg *bu = rx->msg;
	bool home = bu->u.bu.flags & M6_BU_H;
	struct m6_rr_key key = { .coa = rx->coa, .cn = rx->ip->dst };
	bool rr = !home && e->cfg.is_cn;
	bool dad = e->cfg.policy.dad && e->cfg.is_ha && home;
	int rc;

	/* a retransmission while the first BU waits for DAD: the first one is
	 * answered (keeping the latest instead is as valid; stacks differ) */
	if (dad && rx->dad == M6E_DAD_NONE && m6e_dad_find(&e->dad, &rx->hoa)) {
		m6e_drop(rx, M6E_DROP_DAD_PENDING, 0);
		return M6_OK;
	}
	if (rr) { /* s9.5.1: authorized by return routability, or nothing */
		int v = m6e_rr_check_bu(&e->rr, bu, &rx->hoa, &rx->coa, &key.cn, rx->now_ms, key.kbm);
		if (v == M6E_RR_DISCARD) {
			m6e_drop(rx, M6E_DROP_RR_AUTH, 0);
			return M6_OK;
		}
		if (v != M6E_RR_OK) /* 136-138, answered without Authorization Data */
			return reject(e, rx, (uint8_t)v, NULL);
	}
	if (verdict_status) {
		rc = reject(e, rx, verdict_status, rr ? &key : NULL);
		OPENSSL_cleanse(key.kbm, sizeof key.kbm);
		return rc;
	}
	if (rx->dad == M6E_DAD_FAILED) /* s10.3.1: "reject the complete Binding Update" */
		return reject(e, rx, M6_BA_DAD_FAILED, NULL);

	struct m6e_hoa_view view;
	struct m6e_bu_plan plan;
	view_of(e, &rx->hoa, &view);
	struct m6e_bu_ctx ctx = { .is_ha = e->cfg.is_ha, .is_cn = e->cfg.is_cn,
				  .policy = &e->cfg.policy, .hoa = &rx->hoa, .coa = &rx->coa,
				  .view = &view };
	bool bids_fit = m6e_bu_plan(bu, &ctx, &plan) == M6_OK;
	if (plan.status < 128 && m6e_bu_circular(&e->bc, &rx->hoa, &plan)) {
		m6e_drop(rx, M6E_DROP_CIRCULAR, 0); /* s6.1.7: silently */
		return M6_OK;
	}
	/* s10.3.1: DAD only for a home address the node holds no binding
	 * for, and only for a BU it would accept: the rest is answered now */
	if (dad && rx->dad == M6E_DAD_NONE && !view.known && plan.status < 128) {
		rc = m6e_dad_start(e, rx);
		return rc == M6_ERR_NOSPACE ? reject(e, rx, M6_BA_INSUFFICIENT_RESOURCES, NULL) : rc;
	}
	bool proxied = m6e_proxies(e, &rx->hoa);
	if (plan.status < 128)
		apply(e, rx, &plan, rr);
	/* s10.4.1: a home address the node has just started to defend is
	 * announced before the BA goes */
	if (!proxied && m6e_proxies(e, &rx->hoa))
		m6e_proxy_announce(e, rx, &rx->hoa);
	if (plan.status >= 128)
		rejected_event(rx, plan.status);
	rc = M6_OK;
	if (plan.send_ba) {
		bool alt = e->cfg.policy.alternatives;
		struct m6e_ba ba = { .status = plan.status, .seq = plan.seq,
				     .lifetime = plan.status < 128 ? plan.lifetime : 0,
				     .bu = bu, .bid_status = bids_fit ? plan.ba_bid_status : NULL,
				     .echo_coa = alt, .key = rr ? &key : NULL };
		/* RFC 6275 s6.2.4 (paraphrase): a Binding Refresh Advice goes only
		 * in a BA from the home agent answering a home registration, its
		 * Refresh Interval below the BA's Lifetime; sending one is the
		 * home agent's choice: alternatives send half the lifetime */
		if (alt && home && e->cfg.is_ha && ba.lifetime >= 2)
			ba.refresh = ba.lifetime / 2;
		rc = send_ba(e, rx, &ba);
	}
	OPENSSL_cleanse(key.kbm, sizeof key.kbm);
	return rc;
}
