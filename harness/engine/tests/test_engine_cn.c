/* test_engine_cn.c - the reference engine as a correspondent node: return
 * routability (RFC 6275 s9.4, s9.5.1, s9.5.4) and RFC 5648 s6.2 at a CN
 * (one BID per BU, 168 for bulk, the status in the BA). Test names are
 * cited by suites/requirements.tsv. */
#include "m6test.h"
#include "engine_driver.h"

#define HAO "hao=" MN_HOA

/* What return routability gave the mobile node. */
struct rr_state {
	uint16_t home_index, coa_index;
	uint8_t home_token[M6_TOKEN_LEN], coa_token[M6_TOKEN_LEN];
	char kbm_hex[2 * M6_KBM_LEN + 1];
};

static void hex(const uint8_t *b, size_t n, char *out)
{
	for (size_t i = 0; i < n; i++)
		sprintf(out + 2 * i, "%02x", b[i]);
}

/* HoTI from the home address and CoTI from the care-of address, their
 * answers checked, Kbm derived (s5.2.5; dereg: home token only). */
static bool run_rr(struct rr_state *s, bool dereg)
{
	if (drv_send("hoti src=" MN_HOA " cookie=0102030405060708") != 1)
		return false;
	const struct m6_msg *m = drv_reply();
	if (!m || m->type != M6_MH_HOT || memcmp(m->u.test.cookie, "\1\2\3\4\5\6\7\10", 8) ||
	    !addr_is(&drv.decoded.ip[0].dst, MN_HOA))
		return false;
	s->home_index = m->u.test.nonce_index;
	memcpy(s->home_token, m->u.test.token, M6_TOKEN_LEN);
	if (drv_send("coti cookie=1112131415161718") != 1)
		return false;
	m = drv_reply();
	if (!m || m->type != M6_MH_COT || !addr_is(&drv.decoded.ip[0].dst, MN_COA))
		return false;
	s->coa_index = m->u.test.nonce_index;
	memcpy(s->coa_token, m->u.test.token, M6_TOKEN_LEN);
	uint8_t kbm[M6_KBM_LEN];
	if (m6_rr_kbm(s->home_token, dereg ? NULL : s->coa_token, kbm) != M6_OK)
		return false;
	hex(kbm, sizeof kbm, s->kbm_hex);
	return true;
}

static bool ba_signed_with(const struct rr_state *s)
{
	uint8_t kbm[M6_KBM_LEN];
	for (int i = 0; i < M6_KBM_LEN; i++)
		sscanf(s->kbm_hex + 2 * i, "%2hhx", &kbm[i]);
	const struct m6_ip6 *ip = &drv.decoded.ip[0];
	/* the BA goes from the CN to the care-of address (s6.2.7) */
	return m6_rr_verify_mh(kbm, &ip->dst, &ip->src, drv.pkt[drv.n_pkts - 1] + drv.decoded.mh_off,
			       drv.decoded.msg.mh_len) == 1;
}

static void cn_return_routability_and_bu(void)
{
	struct rr_state s;
	drv_start(NULL);
	CHECK(run_rr(&s, false));
	CHECK_INT(drv_send("bu A " HAO " seq=1 lifetime=50 nonce=%u,%u bad sign=%s", s.home_index,
			   s.coa_index, s.kbm_hex), 1);
	CHECK_INT(drv_ba_status(), M6_BA_ACCEPTED);
	CHECK(ba_signed_with(&s));
	const struct m6e_binding *b = drv_binding(MN_HOA, M6E_PLAIN_BID);
	CHECK(b && addr_is(&b->coa, MN_COA) && (b->flags & M6E_BF_RR));
	CHECK(b && b->home_nonce == s.home_index && b->coa_nonce == s.coa_index);
	CHECK(b && !(b->flags & M6E_BF_HOME_REG));
	CHECK(drv_cache_ok());
}

static void cn_caps_lifetime_at_rr_maximum(void)
{
	struct rr_state s;
	drv_start(NULL);
	CHECK(run_rr(&s, false));
	drv_send("bu A " HAO " seq=1 lifetime=1000 nonce=%u,%u bad sign=%s", s.home_index,
		 s.coa_index, s.kbm_hex);
	CHECK_INT(drv_reply()->u.ba.lifetime, M6E_CN_MAX_LIFETIME);
}

static void cn_discards_unauthorized_bu(void)
{
	struct rr_state s;
	drv_start(NULL);
	CHECK(run_rr(&s, false));
	/* wrong Authenticator */
	CHECK_INT(drv_send("bu A " HAO " seq=1 lifetime=50 nonce=%u,%u bad=%024d", s.home_index,
			   s.coa_index, 0), 0);
	CHECK(drv.n_events == 1 && drv.events[0].reason == M6E_DROP_RR_AUTH);
	/* no Nonce Indices, no Authorization Data (s9.2/s9.5.1) */
	CHECK_INT(drv_send("bu A " HAO " seq=1 lifetime=50"), 0);
	/* signed with the right key, but for another care-of address */
	CHECK_INT(drv_send("bu A " HAO " src=2001:db8:5::1 seq=1 lifetime=50 nonce=%u,%u bad sign=%s",
			   s.home_index, s.coa_index, s.kbm_hex), 0);
	CHECK_INT(m6e_cache(drv.e)->n_bindings, 0);
}

static void cn_expired_nonces_136_137_138(void)
{
	struct rr_state s;
	drv_start(NULL);
	CHECK(run_rr(&s, false));
	drv.now_ms += 241000; /* MAX_NONCE_LIFETIME is 240 s */
	drv_send("bu A " HAO " seq=1 lifetime=50 nonce=%u,%u bad sign=%s", s.home_index,
		 s.coa_index, s.kbm_hex);
	CHECK_INT(drv_ba_status(), M6_BA_EXPIRED_NONCES);
	/* answered without Binding Authorization Data */
	CHECK(m6_msg_next_opt(drv_reply(), 0, M6_OPT_BAD) < 0);
	struct rr_state fresh;
	CHECK(run_rr(&fresh, false));
	drv_send("bu A " HAO " seq=1 lifetime=50 nonce=%u,%u bad sign=%s", s.home_index,
		 fresh.coa_index, s.kbm_hex);
	CHECK_INT(drv_ba_status(), M6_BA_EXPIRED_HOME_NONCE);
	drv_send("bu A " HAO " seq=1 lifetime=50 nonce=%u,%u bad sign=%s", fresh.home_index,
		 s.coa_index, s.kbm_hex);
	CHECK_INT(drv_ba_status(), M6_BA_EXPIRED_COA_NONCE);
	CHECK_INT(m6e_cache(drv.e)->n_bindings, 0);
}

static void cn_deregistration_needs_home_token_only(void)
{
	struct rr_state s, d;
	drv_start(NULL);
	CHECK(run_rr(&s, false));
	drv_send("bu A " HAO " seq=1 lifetime=50 nonce=%u,%u bad sign=%s", s.home_index,
		 s.coa_index, s.kbm_hex);
	CHECK_INT(drv_bindings(MN_HOA), 1);
	CHECK(run_rr(&d, true));
	drv_send("bu A " HAO " seq=2 lifetime=0 nonce=%u,%u bad sign=%s", d.home_index,
		 d.coa_index, d.kbm_hex);
	CHECK_INT(drv_ba_status(), M6_BA_ACCEPTED);
	CHECK(ba_signed_with(&d));
	CHECK_INT(drv_bindings(MN_HOA), 0);
}

static void cn_single_bid_status_in_ba(void)
{
	struct rr_state s;
	drv_start(NULL);
	CHECK(run_rr(&s, false));
	drv_send("bu A " HAO " seq=1 lifetime=50 bid=4,coa=" MN_COA " nonce=%u,%u bad sign=%s",
		 s.home_index, s.coa_index, s.kbm_hex);
	CHECK_INT(drv_ba_status(), M6_BA_ACCEPTED);
	CHECK_INT(drv_bid_status(0), 0);
	CHECK(ba_signed_with(&s));
	CHECK(drv_binding(MN_HOA, 4) != NULL);
	/* a BID without CoA that is not held: the status goes in the BA */
	drv_send("bu A " HAO " seq=2 lifetime=50 bid=5 nonce=%u,%u bad sign=%s", s.home_index,
		 s.coa_index, s.kbm_hex);
	CHECK_INT(drv_ba_status(), M6_BA_MCOA_UNKNOWN_COA);
	CHECK_INT(drv_bid_status(0), 0);
	CHECK(drv_cache_ok());
}

/* seed 001 s4.3: the BID option's H flag "is valid only for a Binding
 * Update sent to the home agent": at a CN it means nothing, and the care-of
 * address is the one the BU gives, never the home address. */
static void cn_ignores_bid_h_flag(void)
{
	struct rr_state s;
	drv_start(NULL);
	CHECK(run_rr(&s, false));
	drv_send("bu A " HAO " seq=1 lifetime=50 bid=4,h,coa=" MN_COA " nonce=%u,%u bad sign=%s",
		 s.home_index, s.coa_index, s.kbm_hex);
	CHECK_INT(drv_ba_status(), M6_BA_ACCEPTED);
	const struct m6e_binding *b = drv_binding(MN_HOA, 4);
	CHECK(b && addr_is(&b->coa, MN_COA) && !(b->flags & M6E_BF_AT_HOME));
	/* without a care-of address an unknown BID is 167, H or not */
	drv_send("bu A " HAO " seq=2 lifetime=50 bid=5,h nonce=%u,%u bad sign=%s", s.home_index,
		 s.coa_index, s.kbm_hex);
	CHECK_INT(drv_ba_status(), M6_BA_MCOA_UNKNOWN_COA);
	CHECK(drv_binding(MN_HOA, 5) == NULL);
	/* and a policy against simultaneous home and foreign bindings is the HA's */
	struct m6e_policy p = m6e_config(drv.e)->policy;
	p.simultaneous_prohibited = true;
	m6e_set_policy(drv.e, &p);
	drv_send("bu A " HAO " seq=3 lifetime=50 bid=4,h,coa=" MN_COA " nonce=%u,%u bad sign=%s",
		 s.home_index, s.coa_index, s.kbm_hex);
	CHECK_INT(drv_ba_status(), M6_BA_ACCEPTED);
	CHECK(drv_cache_ok());
}

static void cn_bulk_registration_168(void)
{
	struct rr_state s;
	drv_start(NULL);
	CHECK(run_rr(&s, false));
	drv_send("bu A " HAO " seq=1 lifetime=50 bid=1,coa=" MN_COA " bid=2,coa=2001:db8:3::1 "
		 "nonce=%u,%u bad sign=%s", s.home_index, s.coa_index, s.kbm_hex);
	CHECK_INT(drv_ba_status(), M6_BA_MCOA_BULK_PROHIBITED);
	CHECK(ba_signed_with(&s));
	CHECK_INT(m6e_cache(drv.e)->n_bindings, 0);
}

static void only_cn(struct m6e_config *c)
{
	c->is_ha = false;
}

static void cn_home_registration_131(void)
{
	drv_start(only_cn);
	drv_send("bu A H " HAO " seq=1 lifetime=50");
	CHECK_INT(drv_ba_status(), M6_BA_HOMEREG_NOT_SUPPORTED);
	CHECK_INT(m6e_cache(drv.e)->n_bindings, 0);
}

static void cn_ignores_test_init_with_hao(void)
{
	drv_start(NULL);
	CHECK_INT(drv_send("hoti " HAO " cookie=0102030405060708"), 0);
	CHECK(drv.n_events == 1 && drv.events[0].reason == M6E_DROP_HAO_UNSOLICITED);
	CHECK_INT(drv_send("coti " HAO " cookie=0102030405060708"), 0);
}

static void only_ha(struct m6e_config *c)
{
	c->is_cn = false;
}

static void ha_refuses_test_init(void)
{
	drv_start(only_ha);
	CHECK_INT(drv_send("hoti src=" MN_HOA), 0);
	CHECK(drv.n_events == 1 && drv.events[0].reason == M6E_DROP_NOT_FOR_US);
}

static void cn_registration_type_change_139(void)
{
	struct rr_state s;
	drv_start(NULL);
	CHECK(run_rr(&s, false));
	drv_send("bu A " HAO " seq=1 lifetime=50 nonce=%u,%u bad sign=%s", s.home_index,
		 s.coa_index, s.kbm_hex);
	CHECK_INT(drv_ba_status(), M6_BA_ACCEPTED);
	/* s10.3.1: a home registration for an address with a CN binding */
	drv_send("bu A H " HAO " seq=2 lifetime=50");
	CHECK_INT(drv_ba_status(), M6_BA_REG_TYPE_CHANGE);
}

static void nonces_rotate(void)
{
	struct rr_state a, b;
	drv_start(NULL);
	CHECK(run_rr(&a, false));
	drv.now_ms += 31000; /* past the 30 s nonce period */
	CHECK(run_rr(&b, false));
	CHECK(a.home_index != b.home_index);
	CHECK(memcmp(a.home_token, b.home_token, M6_TOKEN_LEN) != 0);
	/* the older nonce is still good within MAX_NONCE_LIFETIME */
	drv_send("bu A " HAO " seq=1 lifetime=50 nonce=%u,%u bad sign=%s", a.home_index,
		 a.coa_index, a.kbm_hex);
	CHECK_INT(drv_ba_status(), M6_BA_ACCEPTED);
}

int main(void)
{
	M6T_RUN(cn_return_routability_and_bu);
	M6T_RUN(cn_caps_lifetime_at_rr_maximum);
	M6T_RUN(cn_discards_unauthorized_bu);
	M6T_RUN(cn_expired_nonces_136_137_138);
	M6T_RUN(cn_deregistration_needs_home_token_only);
	M6T_RUN(cn_single_bid_status_in_ba);
	M6T_RUN(cn_ignores_bid_h_flag);
	M6T_RUN(cn_bulk_registration_168);
	M6T_RUN(cn_home_registration_131);
	M6T_RUN(cn_ignores_test_init_with_hao);
	M6T_RUN(ha_refuses_test_init);
	M6T_RUN(cn_registration_type_change_139);
	M6T_RUN(nonces_rotate);
	m6e_free(drv.e);
	return m6t_finish("test_engine_cn");
}
