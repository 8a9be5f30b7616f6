/* test_bu_plan.c - the decision for a Binding Update, rule by rule
 * (RFC 6275 s9.5.1, s10.3.1, s10.3.2; RFC 5648 s5.6, s6.2, s8.1). */
#include "m6test.h"
#include "bu_plan.h"

static struct m6e_policy pol;
static struct m6e_hoa_view view;
static m6_addr6 hoa, coa;
static struct m6e_bu_ctx ha, cn;
static struct m6_msg bu;
static struct m6e_bu_plan p;

static void reset(uint16_t flags, uint16_t lifetime)
{
	m6e_policy_default(&pol);
	pol.n_home_prefixes = 1;
	m6t_addr(pol.home_prefixes[0].prefix.a, "2001:db8:1::");
	pol.home_prefixes[0].plen = 64;
	memset(&view, 0, sizeof view);
	view.free_total = 1000;
	m6t_addr(hoa.a, "2001:db8:1::100");
	m6t_addr(coa.a, "2001:db8:3::100");
	ha = (struct m6e_bu_ctx){ .is_ha = true, .policy = &pol, .hoa = &hoa, .coa = &coa, .view = &view };
	cn = ha;
	cn.is_ha = false;
	cn.is_cn = true;
	m6_msg_init(&bu, M6_MH_BU);
	bu.u.bu.seq = 10;
	bu.u.bu.flags = flags;
	bu.u.bu.lifetime = lifetime;
}

static void add_bid(uint16_t bid, uint8_t flags, const char *coa6)
{
	struct m6_opt *o = m6_msg_add_opt(&bu, M6_OPT_BID);
	o->u.bid.bid = bid;
	o->u.bid.flags = flags;
	if (coa6) {
		o->u.bid.coa_family = 6;
		m6t_addr(o->u.bid.coa6.a, coa6);
	}
}

static void have_bids(int n)
{
	view.known = view.mcoa = view.home_reg = view.has_seq = true;
	view.last_seq = 9;
	view.n_bids = (uint16_t)n;
	for (int i = 0; i < n; i++)
		view.bids[i] = (uint16_t)(i + 1);
}

static void plan(const struct m6e_bu_ctx *c)
{
	CHECK_INT(m6e_bu_plan(&bu, c, &p), M6_OK);
}

static void test_plain_registrations(void)
{
	reset(M6_BU_A, 1000); /* s9.5.1: a CN grants at most 420 s */
	plan(&cn);
	CHECK(p.send_ba && p.status == 0 && p.plain_op == M6E_BID_SET && !p.remove_all);
	CHECK_INT(p.lifetime, M6E_CN_MAX_LIFETIME);
	CHECK(!memcmp(&p.plain_coa, &coa, 16));
	reset(0, 10); /* no A flag, accepted: no BA */
	plan(&cn);
	CHECK(!p.send_ba && p.status == 0);

	reset(M6_BU_A | M6_BU_H, 1000); /* s10.3.1 */
	pol.max_lifetime = 300;
	plan(&ha);
	CHECK(p.status == 0 && p.lifetime == 300 && p.plain_op == M6E_BID_SET);
	m6t_addr(hoa.a, "2001:db8:9::100");
	plan(&ha);
	CHECK_INT(p.status, M6_BA_NOT_HOME_SUBNET);
	CHECK(p.plain_op == M6E_BID_KEEP && p.lifetime == 0 && p.send_ba);
}

static void test_who_may_register(void)
{
	reset(M6_BU_A | M6_BU_H, 10);
	plan(&cn);
	CHECK_INT(p.status, M6_BA_HOMEREG_NOT_SUPPORTED); /* s9.5.1: 131 */
	reset(M6_BU_A, 10);
	plan(&ha);
	CHECK_INT(p.status, M6_BA_PROHIBITED);
	reset(0, 10); /* a rejection is answered even without the A flag */
	view.known = view.home_reg = true;
	cn.is_ha = true;
	plan(&cn);
	CHECK(p.send_ba && p.status == M6_BA_REG_TYPE_CHANGE); /* s10.3.1: 139 */
}

static void test_sequence_window(void)
{
	CHECK(m6e_seq_newer(1, 0) && m6e_seq_newer(0, 65535) && m6e_seq_newer(32767, 0));
	CHECK(!m6e_seq_newer(0, 0) && !m6e_seq_newer(32768, 0) && !m6e_seq_newer(65535, 0));
	reset(M6_BU_A | M6_BU_H, 10);
	have_bids(1);
	view.last_seq = 10;
	plan(&ha);
	CHECK_INT(p.status, M6_BA_SEQ_OUT_OF_WINDOW); /* s9.5.1: 135, with the last seq */
	CHECK_INT(p.seq, 10);
}

static void test_plain_deregistration(void)
{
	reset(M6_BU_A | M6_BU_H, 0);
	plan(&ha);
	CHECK_INT(p.status, M6_BA_NOT_HOME_AGENT); /* s10.3.2: 133, no binding */
	have_bids(3);
	plan(&ha); /* RFC 5648 s6.2: deletes all bindings */
	CHECK(p.status == 0 && p.remove_all && p.lifetime == 0);
	reset(M6_BU_A | M6_BU_H, 100);
	coa = hoa; /* care-of address = home address: returning home */
	have_bids(2);
	plan(&ha);
	CHECK(p.status == 0 && p.remove_all && p.plain_op == M6E_BID_KEEP);
}

/* RFC 5648 s6.2: a BU without BID replaces all MCoA bindings. */
static void test_plain_replaces_mcoa(void)
{
	reset(M6_BU_A | M6_BU_H, 100);
	have_bids(4);
	plan(&ha);
	CHECK(p.status == 0 && p.remove_all && p.plain_op == M6E_BID_SET);
}

static void test_bid_refusals(void)
{
	reset(M6_BU_A | M6_BU_H, 100);
	add_bid(1, 0, "2001:db8:3::1");
	pol.mcoa_prohibited = true;
	plan(&ha);
	CHECK_INT(p.status, M6_BA_MCOA_PROHIBITED); /* 166 */

	reset(M6_BU_A, 100);
	add_bid(1, 0, "2001:db8:3::1");
	add_bid(2, 0, "2001:db8:3::2");
	plan(&cn);
	CHECK_INT(p.status, M6_BA_MCOA_BULK_PROHIBITED); /* s6.2: a CN answers 168 */
	CHECK(p.bid[0].op == M6E_BID_KEEP && p.bid[1].op == M6E_BID_KEEP);

	bu.u.bu.flags |= M6_BU_H;
	pol.bulk_prohibited = true;
	plan(&ha);
	CHECK_INT(p.status, M6_BA_MCOA_BULK_PROHIBITED);
	pol.bulk_prohibited = false;
	pol.max_bids_per_bu = 1;
	plan(&ha);
	CHECK_INT(p.status, M6_BA_INSUFFICIENT_RESOURCES);
}

static void test_overwrite_and_non_mcoa(void)
{
	reset(M6_BU_A | M6_BU_H, 100);
	add_bid(1, 0, "2001:db8:3::1");
	view.known = view.home_reg = view.has_seq = true; /* one plain binding */
	plan(&ha);
	CHECK_INT(p.status, M6_BA_MCOA_NON_MCOA_EXISTS); /* 165 */
	CHECK(!p.remove_all);
	bu.u.bu.flags |= M6_BU_O;
	plan(&ha);
	CHECK(p.status == 0 && p.remove_all && p.bid[0].op == M6E_BID_SET);
	CHECK_INT(p.bid[0].coa_family, 6);
}

static void test_bid_without_coa(void)
{
	reset(M6_BU_A | M6_BU_H, 100);
	add_bid(7, 0, NULL);
	plan(&ha);
	CHECK_INT(p.status, M6_BA_MCOA_UNKNOWN_COA); /* 167 */
	have_bids(7);
	plan(&ha); /* a refresh keeps the recorded care-of address */
	CHECK(p.status == 0 && p.bid[0].op == M6E_BID_SET && p.bid[0].coa_family == 0);
}

static void test_bid_deregistration(void)
{
	reset(M6_BU_A | M6_BU_H | M6_BU_O, 0); /* O is ignored here */
	have_bids(2);
	add_bid(2, 0, NULL);
	plan(&ha);
	CHECK(p.status == 0 && p.bid[0].op == M6E_BID_REMOVE && !p.remove_all && p.lifetime == 0);
	add_bid(5, 0, NULL);
	plan(&ha);
	CHECK_INT(p.status, M6_BA_NOT_HOME_AGENT); /* s6.2: unknown BID, 133 */
	CHECK(p.bid[0].op == M6E_BID_KEEP && p.bid[1].op == M6E_BID_KEEP);
}

/* s6.2: outcomes that differ go in the BID options under NOTCOMPLETE. */
static void test_bulk_notcomplete(void)
{
	reset(M6_BU_A | M6_BU_H, 100);
	add_bid(1, 0, "2001:db8:3::1");
	add_bid(2, 0, NULL); /* unknown, no CoA: 167 */
	add_bid(3, 0, "2001:db8:3::3");
	plan(&ha);
	CHECK_INT(p.status, M6_BA_MCOA_NOTCOMPLETE);
	CHECK(p.ba_bid_status[0] == 0 && p.ba_bid_status[1] == M6_BA_MCOA_UNKNOWN_COA && p.ba_bid_status[2] == 0);
	CHECK(p.bid[0].op == M6E_BID_SET && p.bid[1].op == M6E_BID_KEEP && p.bid[2].op == M6E_BID_SET);
	CHECK(p.lifetime == 100);

	pol.max_per_hoa = 1; /* the second new BID does not fit: 130 */
	plan(&ha);
	CHECK(p.status == M6_BA_MCOA_NOTCOMPLETE && p.ba_bid_status[2] == M6_BA_INSUFFICIENT_RESOURCES);
	CHECK(p.bid[0].op == M6E_BID_SET && p.bid[2].op == M6E_BID_KEEP);
}

/* s5.6, s6.3: a home binding (BID H flag) stores the home address. */
static void test_home_binding(void)
{
	reset(M6_BU_A | M6_BU_H, 100);
	add_bid(1, M6_BID_H, NULL);
	pol.return_home_status = M6_BA_MCOA_RETURNHOME_WO_NDP;
	plan(&ha);
	CHECK_INT(p.status, M6_BA_MCOA_RETURNHOME_WO_NDP);
	CHECK(p.bid[0].op == M6E_BID_SET && p.bid[0].coa_family == 6 && !memcmp(&p.bid[0].coa6, &hoa, 16));
	pol.simultaneous_prohibited = true;
	plan(&ha);
	CHECK_INT(p.status, M6_BA_MCOA_SIMUL_PROHIBITED); /* 169 */
	CHECK(p.bid[0].op == M6E_BID_KEEP);
}

/* s8.1: an IPv4 care-of address in the BID, at the HA. */
static void test_ipv4_coa(void)
{
	reset(M6_BU_A | M6_BU_H, 100);
	struct m6_opt *o = m6_msg_add_opt(&bu, M6_OPT_BID);
	o->u.bid.bid = 1;
	o->u.bid.coa_family = 4;
	memcpy(o->u.bid.coa4.a, "\xc0\x00\x02\x07", 4);
	plan(&ha);
	CHECK(p.status == 0 && p.bid[0].coa_family == 4 && !memcmp(p.bid[0].coa4.a, "\xc0\x00\x02\x07", 4));
}

static void test_too_many_bids(void)
{
	reset(M6_BU_A | M6_BU_H, 100);
	for (uint16_t i = 1; i <= M6E_MAX_BIDS + 1; i++)
		add_bid(i, 0, "2001:db8:3::1");
	CHECK_INT(m6e_bu_plan(&bu, &ha, &p), M6_ERR_ARG);
	CHECK(p.status == M6_BA_INSUFFICIENT_RESOURCES && p.send_ba);
}

int main(void)
{
	M6T_RUN(test_plain_registrations);
	M6T_RUN(test_who_may_register);
	M6T_RUN(test_sequence_window);
	M6T_RUN(test_plain_deregistration);
	M6T_RUN(test_plain_replaces_mcoa);
	M6T_RUN(test_bid_refusals);
	M6T_RUN(test_overwrite_and_non_mcoa);
	M6T_RUN(test_bid_without_coa);
	M6T_RUN(test_bid_deregistration);
	M6T_RUN(test_bulk_notcomplete);
	M6T_RUN(test_home_binding);
	M6T_RUN(test_ipv4_coa);
	M6T_RUN(test_too_many_bids);
	return m6t_finish("test_bu_plan");
}
