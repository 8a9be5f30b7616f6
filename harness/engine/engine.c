/* engine.c - the reference HA/CN: set-up, the clock, and what happens to a
 * received packet up to the Binding Update (engine_bu.c): RFC 6275 s9.2
 * validation, s9.3.1 Home Address option checks, s9.4 HoTI/CoTI. */
#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>

#include "engine_internal.h"

void m6e_config_default(struct m6e_config *cfg)
{
	memset(cfg, 0, sizeof *cfg);
	cfg->is_ha = cfg->is_cn = true;
	m6e_policy_default(&cfg->policy);
	memset(cfg->kcn, 0x5a, sizeof cfg->kcn);
	cfg->nonce_period_ms = 30000;
	cfg->nonce_lifetime_ms = M6E_MAX_NONCE_LIFETIME_MS;
	cfg->seed = 1;
	cfg->answer_unknown_type = true;
	cfg->be1_for_mh = true;
}

static struct m6e_bc_limits limits_of(const struct m6e_config *cfg)
{
	return (struct m6e_bc_limits){
		.max_bindings = cfg->policy.max_bindings,
		.max_per_home = cfg->policy.max_per_hoa,
		.refresh_lead_s = cfg->refresh_lead_s,
		.hash_seed = cfg->seed * 0x9e3779b97f4a7c15ull,
	};
}

struct m6e_engine *m6e_new(const struct m6e_config *cfg, uint64_t now_ms)
{
	struct m6e_engine *e = calloc(1, sizeof *e);
	struct m6e_bc_limits lim = limits_of(cfg);

	if (!e)
		return NULL;
	e->cfg = *cfg;
	e->configured = cfg->policy;
	if (m6e_bc_init(&e->bc, &lim, now_ms) != M6_OK) {
		free(e);
		return NULL;
	}
	m6e_rr_init(&e->rr, cfg->kcn, cfg->nonce_period_ms, cfg->nonce_lifetime_ms, cfg->seed);
	m6e_set_policy(e, &cfg->policy);
	return e;
}

void m6e_free(struct m6e_engine *e)
{
	if (!e)
		return;
	m6e_bc_free(&e->bc);
	OPENSSL_cleanse(e->rr.kcn, sizeof e->rr.kcn);
	free(e);
}

void m6e_reset(struct m6e_engine *e, uint64_t now_ms)
{
	m6e_bc_clear(&e->bc, now_ms);
	m6e_rr_init(&e->rr, e->cfg.kcn, e->cfg.nonce_period_ms, e->cfg.nonce_lifetime_ms, e->cfg.seed);
	m6e_dad_clear(&e->dad);
	m6e_set_policy(e, &e->configured);
}

void m6e_set_policy(struct m6e_engine *e, const struct m6e_policy *policy)
{
	struct m6e_policy *p = &e->cfg.policy;

	*p = *policy;
	if (p->max_bindings > e->bc.lim.max_bindings)
		p->max_bindings = e->bc.lim.max_bindings;
	if (p->max_per_hoa > e->bc.lim.max_per_home)
		p->max_per_hoa = e->bc.lim.max_per_home;
	if (p->max_bids_per_bu > M6E_MAX_BIDS)
		p->max_bids_per_bu = M6E_MAX_BIDS;
	if (p->n_home_prefixes > M6E_MAX_PREFIXES)
		p->n_home_prefixes = M6E_MAX_PREFIXES;
}

const struct m6e_config *m6e_config(const struct m6e_engine *e)
{
	return &e->cfg;
}

const struct m6e_bcache *m6e_cache(const struct m6e_engine *e)
{
	return &e->bc;
}

void m6e_emit(const struct m6e_sink *sink, const struct m6e_event *ev)
{
	if (sink && sink->event)
		sink->event(sink->ctx, ev);
}

void m6e_drop(const struct m6e_rx *rx, uint8_t reason, uint8_t detail)
{
	struct m6e_event ev = { .kind = M6E_EV_DROPPED, .reason = reason, .detail = detail,
				.hoa = rx->hoa, .coa = rx->coa };
	m6e_emit(rx->sink, &ev);
}

int m6e_send(const struct m6e_rx *rx, const struct m6e_engine *e, int len)
{
	if (len < 0) {
		m6e_drop(rx, M6E_DROP_NO_ROOM, 0);
		return len;
	}
	if (rx->sink && rx->sink->packet)
		rx->sink->packet(rx->sink->ctx, e->out, (size_t)len);
	return M6_OK;
}

int m6e_send_hop(const struct m6e_rx *rx, const struct m6e_engine *e, int len, const struct m6e_hop *hop)
{
	if (len < 0) {
		m6e_drop(rx, M6E_DROP_NO_ROOM, 0);
		return len;
	}
	if (rx->sink && rx->sink->hop_packet)
		rx->sink->hop_packet(rx->sink->ctx, e->out, (size_t)len, hop);
	else if (rx->sink && rx->sink->packet)
		rx->sink->packet(rx->sink->ctx, e->out, (size_t)len);
	return M6_OK;
}

/* ---- the clock ---------------------------------------------------------- */

struct tick_ctx {
	struct m6e_engine *e;
	const struct m6e_sink *sink;
};

struct m6e_event m6e_binding_event(uint8_t kind, const struct m6e_bcache *bc, const struct m6e_binding *b)
{
	return (struct m6e_event){ .kind = kind, .bid = b->bid, .hoa = bc->h[b->home].hoa,
				   .coa = b->coa, .lifetime_s = b->lifetime_s };
}

static void on_expired(void *ctx, const struct m6e_bcache *bc, const struct m6e_binding *b)
{
	struct tick_ctx *t = ctx;
	struct m6e_event ev = m6e_binding_event(M6E_EV_EXPIRED, bc, b);

	m6e_emit(t->sink, &ev);
}

/* RFC 6275 s9.5.5 / s10.3.1 and RFC 5648 s5.5: a Binding Refresh Request
 * to the care-of address, naming the BID, routed to the home address. A
 * binding at home (BID H flag) is asked at the home address itself. */
static void on_refresh(void *ctx, const struct m6e_bcache *bc, const struct m6e_binding *b)
{
	struct tick_ctx *t = ctx;
	struct m6e_event ev = m6e_binding_event(M6E_EV_REFRESH, bc, b);

	if (b->coa_v4)
		return; /* an IPv4 care-of address is reached through a tunnel (RFC 5555) */
	struct m6e_route r = { .src = t->e->cfg.addr, .dst = b->coa, .hoa = ev.hoa };
	r.rh2 = memcmp(&r.dst, &r.hoa, sizeof r.hoa) != 0;
	int len = m6e_build_brr(&r, &b->bid, b->bid != M6E_PLAIN_BID, t->e->out, sizeof t->e->out);
	if (len < 0)
		return;
	if (t->sink && t->sink->packet)
		t->sink->packet(t->sink->ctx, t->e->out, (size_t)len);
	m6e_emit(t->sink, &ev);
}

void m6e_tick(struct m6e_engine *e, uint64_t now_ms, const struct m6e_sink *sink)
{
	struct tick_ctx t = { e, sink };

	m6e_bc_tick(&e->bc, now_ms, on_refresh, on_expired, &t);
	m6e_dad_tick(e, now_ms, sink);
}

/* ---- receiving ---------------------------------------------------------- */

/* The strongest thing the codec's diagnostics ask for: silent discard
 * over an ICMPv6 error over a Binding Error over a rejecting BA. */
static int action_rank(uint8_t action)
{
	switch (action) {
	case M6_ACT_DISCARD: return 4;
	case M6_ACT_ICMP_PARAM: return 3;
	case M6_ACT_BE: return 2;
	case M6_ACT_BA: return 1;
	default: return 0;
	}
}

static const struct m6_diag *strongest(const struct m6_diags *d, const struct m6_diag *best)
{
	for (unsigned i = 0; i < d->n; i++) {
		const struct m6_diag *x = &d->d[i];
		if (x->severity == M6_SEV_ERROR &&
		    action_rank(x->action) > (best ? action_rank(best->action) : 0))
			best = x;
	}
	return best;
}

static void read_addresses(struct m6e_rx *rx)
{
	const struct m6_ip6 *ip = rx->ip;

	rx->hoa = rx->coa = ip->src;
	for (unsigned i = 0; i < ip->n_ext; i++)
		if (ip->ext[i].has_hao) {
			rx->has_hao = true;
			rx->hoa = ip->ext[i].hao;
		}
	if (!rx->msg)
		return;
	int alt = m6_msg_next_opt(rx->msg, 0, M6_OPT_ALTCOA);
	if (alt >= 0)
		rx->coa = rx->msg->opts[alt].u.altcoa;
}

/* Back to where the packet came from, without a routing header. */
static struct m6e_route reply_route(const struct m6e_rx *rx)
{
	return (struct m6e_route){ .src = rx->ip->dst, .dst = rx->ip->src };
}

static int send_be(struct m6e_engine *e, const struct m6e_rx *rx, uint8_t status)
{
	static const m6_addr6 unspecified;
	struct m6e_route r = reply_route(rx);

	/* s6.1.9: the Home Address field carries the HAO's address, if any */
	return m6e_send(rx, e, m6e_build_be(&r, status, rx->has_hao ? &rx->hoa : &unspecified,
					    e->out, sizeof e->out));
}

/* s9.2: a Parameter Problem quotes the packet from the IPv6 header the
 * pointer counts from. */
static int send_param_problem(struct m6e_engine *e, const struct m6e_rx *rx, const struct m6_diag *d)
{
	struct m6e_route r = reply_route(rx);
	size_t off = rx->ip->off < rx->raw_len ? rx->ip->off : rx->raw_len;

	return m6e_send(rx, e, m6e_build_param_problem(&r, d->code, d->pointer, rx->raw + off,
						       rx->raw_len - off, e->out, sizeof e->out));
}

/* s9.3.1: a Home Address option is only accepted with a binding for that
 * home address whose care-of address is the packet's source. */
static bool hao_has_binding(const struct m6e_engine *e, const struct m6e_rx *rx)
{
	const struct m6e_home *home = m6e_bc_home(&e->bc, &rx->hoa);

	for (const struct m6e_binding *b = home ? m6e_bc_first(&e->bc, home) : NULL; b;
	     b = m6e_bc_next(&e->bc, b))
		if (!b->coa_v4 && !memcmp(&b->coa, &rx->ip->src, sizeof b->coa))
			return true;
	return false;
}

/* s9.4.1, s9.4.2: HoTI and CoTI at a CN, answered with a keygen token. */
static int answer_test_init(struct m6e_engine *e, const struct m6e_rx *rx)
{
	uint8_t token[M6_TOKEN_LEN];
	uint16_t index;

	if (!e->cfg.is_cn) {
		m6e_drop(rx, M6E_DROP_NOT_FOR_US, 0);
		return M6_OK;
	}
	if (rx->has_hao) { /* "MUST NOT include a Home Address option": ignored */
		m6e_drop(rx, M6E_DROP_HAO_UNSOLICITED, 0);
		return M6_OK;
	}
	if (m6e_rr_test(&e->rr, rx->msg->type, &rx->ip->src, rx->now_ms, &index, token) != M6_OK)
		return m6e_send(rx, e, M6_ERR_CRYPTO);
	struct m6e_route r = reply_route(rx);
	uint8_t type = rx->msg->type == M6_MH_HOTI ? M6_MH_HOT : M6_MH_COT;
	int len = m6e_build_test(&r, type, index, rx->msg->u.ti.cookie, token, e->out, sizeof e->out);
	OPENSSL_cleanse(token, sizeof token);
	return m6e_send(rx, e, len);
}

static uint8_t validation_role(const struct m6e_engine *e, const struct m6_msg *msg)
{
	bool home_reg = msg->type == M6_MH_BU && (msg->u.bu.flags & M6_BU_H);

	return e->cfg.is_ha && (home_reg || !e->cfg.is_cn) ? M6_ROLE_HA : M6_ROLE_CN;
}

static int receive_mh(struct m6e_engine *e, const struct m6e_rx *rx)
{
	const struct m6_msg *msg = rx->msg;
	const struct m6_diag *d = strongest(&rx->pkt->diags, NULL);

	if (!d || action_rank(d->action) < action_rank(M6_ACT_ICMP_PARAM)) {
		struct m6_validate_ctx ctx = { .role = validation_role(e, msg),
					       .must_answer_unknown = e->cfg.answer_unknown_type };
		e->verdicts.n = e->verdicts.dropped = 0;
		m6_validate(msg, rx->pkt, &ctx, &e->verdicts);
		d = strongest(&e->verdicts, d);
	}
	if (d && d->action == M6_ACT_DISCARD) {
		m6e_drop(rx, M6E_DROP_DECODE, d->reason);
		return M6_OK;
	}
	if (d && d->action == M6_ACT_ICMP_PARAM)
		return send_param_problem(e, rx, d);
	if (d && d->action == M6_ACT_BE)
		return send_be(e, rx, d->code);
	if (msg->type == M6_MH_BU)
		return m6e_process_bu(e, rx, d ? d->code : 0);
	if (msg->type == M6_MH_HOTI || msg->type == M6_MH_COTI)
		return answer_test_init(e, rx);
	if (rx->has_hao && !hao_has_binding(e, rx)) {
		/* RFC 6275 s6.1: "Mobility Header messages also MUST NOT be used
		 * with a Home Address destination option, except as described in
		 * Sections 11.7.1 and 11.7.2 for Binding Update." A node may
		 * answer such a message as s9.3.1 says for any packet, or drop
		 * it as Linux-based stacks do, which never show the daemon a
		 * Home Address option on an MH */
		if (!e->cfg.be1_for_mh) {
			m6e_drop(rx, M6E_DROP_HAO_ON_MH, 0);
			return M6_OK;
		}
		return send_be(e, rx, M6_BE_UNKNOWN_BINDING);
	}
	m6e_drop(rx, M6E_DROP_NOT_FOR_US, 0);
	return M6_OK;
}

int m6e_receive(struct m6e_engine *e, const struct m6_pkt *pkt, const uint8_t *raw, size_t raw_len,
		uint64_t now_ms, const struct m6e_sink *sink)
{
	m6e_tick(e, now_ms, sink);
	return m6e_receive_now(e, pkt, raw, raw_len, now_ms, sink, M6E_DAD_NONE);
}

/* The host's data plane has it (host_forwards): the engine keeps out. */
static int leave_to_host(const struct m6e_rx *rx)
{
	m6e_drop(rx, M6E_DROP_HOST_FORWARDS, 0);
	return M6_OK;
}

int m6e_receive_now(struct m6e_engine *e, const struct m6_pkt *pkt, const uint8_t *raw, size_t raw_len,
		    uint64_t now_ms, const struct m6e_sink *sink, uint8_t dad)
{
	struct m6e_rx rx = { .pkt = pkt, .raw = raw, .raw_len = raw_len, .now_ms = now_ms,
			     .sink = sink, .msg = pkt->has_mh ? &pkt->msg : NULL, .dad = dad };

	if (pkt->n_ip == 0) {
		m6e_drop(&rx, M6E_DROP_NO_MH, 0);
		return M6_OK;
	}
	rx.ip = &pkt->ip[pkt->n_ip - 1];
	read_addresses(&rx);
	/* the home agent's data plane first: what it forwards is not its own
	 * (a reverse tunnelled HoTI, a HoT for a mobile node, s10.4.6) */
	bool host = e->cfg.host_forwards;
	if (m6e_reverse_tunnelled(e, pkt))
		return host ? leave_to_host(&rx) : m6e_reverse_tunnel(e, &rx);
	/* a unicast Neighbor Solicitation for a proxied address or one of the
	 * node's own is answered, not forwarded (RFC 4861 s7.2.3); with the
	 * host forwarding, the host holds the node's addresses */
	if (host && (m6e_proxied_ns(e, pkt) || m6e_own_ns(e, pkt)))
		return leave_to_host(&rx);
	if (m6e_answer_ns(e, &rx))
		return M6_OK;
	if (pkt->n_ip == 1 && m6e_intercepts(e, pkt, &rx.ip->dst))
		return host ? leave_to_host(&rx) : m6e_forward_to_mobile(e, &rx, rx.ip);
	if (rx.msg)
		return receive_mh(e, &rx);
	/* s9.3.1: any other packet with a Home Address option */
	if (rx.has_hao && m6_pkt_valid(pkt) && !hao_has_binding(e, &rx))
		return send_be(e, &rx, M6_BE_UNKNOWN_BINDING);
	if (m6e_cn_echoes(e, pkt))
		return m6e_cn_echo(e, &rx);
	if (m6e_ha_discovery(e, pkt))
		return m6e_ha_discover(e, &rx);
	if (e->cfg.policy.dad)
		m6e_dad_listen(e, pkt);
	m6e_drop(&rx, M6E_DROP_NO_MH, 0);
	return M6_OK;
}

int m6e_receive_frame(struct m6e_engine *e, const uint8_t *frame, size_t len, int link,
		      uint64_t now_ms, const struct m6e_sink *sink)
{
	int rc = m6_pkt_decode(frame, len, link, true, &e->pkt);
	if (rc < 0 && !e->pkt.has_mh && e->pkt.n_ip == 0) {
		struct m6e_rx rx = { .sink = sink };
		m6e_drop(&rx, M6E_DROP_DECODE, e->pkt.diags.n ? e->pkt.diags.d[0].reason : 0);
		return M6_OK;
	}
	return m6e_receive(e, &e->pkt, frame, len, now_ms, sink);
}

const char *m6e_event_name(uint8_t kind)
{
	static const char *const names[] = {
		[M6E_EV_ADDED] = "added",     [M6E_EV_UPDATED] = "updated",
		[M6E_EV_REMOVED] = "removed", [M6E_EV_EXPIRED] = "expired",
		[M6E_EV_REFRESH] = "refresh", [M6E_EV_DROPPED] = "dropped",
		[M6E_EV_REJECTED] = "rejected", [M6E_EV_DAD] = "dad",
		[M6E_EV_TUNNELLED] = "tunnelled", [M6E_EV_DELIVERED] = "delivered",
		[M6E_EV_DECAPSULATED] = "decapsulated",
	};
	return kind < sizeof names / sizeof names[0] ? names[kind] : NULL;
}

const char *m6e_drop_name(uint8_t reason)
{
	static const char *const names[] = {
		[M6E_DROP_DECODE] = "decode",
		[M6E_DROP_NO_MH] = "no-mh",
		[M6E_DROP_RR_AUTH] = "rr-auth",
		[M6E_DROP_NOT_FOR_US] = "not-for-us",
		[M6E_DROP_HAO_UNSOLICITED] = "hao-in-test-init",
		[M6E_DROP_NO_ROOM] = "no-room",
		[M6E_DROP_DAD_PENDING] = "dad-pending",
		[M6E_DROP_HAO_ON_MH] = "hao-on-mh",
		[M6E_DROP_TUNNEL_SOURCE] = "tunnel-source",
		[M6E_DROP_HOP_LIMIT] = "hop-limit",
		[M6E_DROP_NO_COA] = "no-coa",
		[M6E_DROP_ENCAP_LIMIT] = "encap-limit",
		[M6E_DROP_CIRCULAR] = "circular",
		[M6E_DROP_HOST_FORWARDS] = "host-forwards",
	};
	return reason < sizeof names / sizeof names[0] ? names[reason] : NULL;
}
