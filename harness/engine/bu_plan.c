/* bu_plan.c - the decision for a Binding Update (bu_plan.h). Each rule
 * names the section it implements. */
#include <string.h>

#include "bu_plan.h"

bool m6e_seq_newer(uint16_t seq, uint16_t last)
{
	uint16_t d = (uint16_t)(seq - last);
	return d >= 1 && d <= 32767; /* PROTOCOL.md: modulo 2^16 */
}

static bool view_has_bid(const struct m6e_hoa_view *v, uint16_t bid)
{
	for (unsigned i = 0; i < v->n_bids && i < M6E_MAX_BIDS; i++)
		if (v->bids[i] == bid)
			return true;
	return false;
}

static void reject(struct m6e_bu_plan *p, uint8_t status)
{
	p->status = status;
	p->lifetime = 0;
	p->send_ba = true; /* RFC 6275 s9.5.4, s10.3.1: a rejection is answered */
	p->remove_all = false;
	p->plain_op = M6E_BID_KEEP;
	for (unsigned i = 0; i < p->n_bids; i++)
		p->bid[i].op = M6E_BID_KEEP;
}

static uint16_t granted(const struct m6_msg *bu, const struct m6e_bu_ctx *c)
{
	bool home = bu->u.bu.flags & M6_BU_H;
	uint16_t cap = home ? c->policy->max_lifetime : M6E_CN_MAX_LIFETIME;
	uint16_t asked = bu->u.bu.lifetime;

	/* the BA's Lifetime is the one granted (RFC 6275 s6.1.8), which may
	 * be less than asked: alternatives grant three quarters, at least 1 */
	if (c->policy->alternatives && asked > 1)
		asked = (uint16_t)(asked - asked / 4);
	return asked < cap ? asked : cap;
}

/* RFC 6275 s9.5.1: "If the Lifetime field in the Binding Update is zero
 * or the specified care-of address matches the home address for the
 * binding, then this is a request to delete the cached binding". With BID
 * options only the Lifetime says so (RFC 5648 s6.2). */
static bool is_dereg(const struct m6_msg *bu, const struct m6e_bu_ctx *c, bool bids)
{
	return bu->u.bu.lifetime == 0 || (!bids && !memcmp(c->hoa, c->coa, sizeof *c->hoa));
}

/* RFC 6275 s9.5.1 and s10.3.1: who may take the BU, the home prefix, the
 * sequence number, a change of registration type. 0: go on. */
static uint8_t common_checks(const struct m6_msg *bu, const struct m6e_bu_ctx *c, struct m6e_bu_plan *p)
{
	bool home = bu->u.bu.flags & M6_BU_H;
	const struct m6e_hoa_view *v = c->view;
	/* s10.3.1 asks a registration for the home prefix (132); s10.3.2 asks
	 * a deregistration only for a home registration held: "If the
	 * receiving node has no entry marked as a home registration in its
	 * Binding Cache for this mobile node, then this node MUST reject the
	 * Binding Update and SHOULD return a Binding Acknowledgement [...]
	 * set to 133". A deregistration off the home prefix (e.g. a BU
	 * without Home Address option from a foreign address) can get
	 * either; alternatives answer 133 */
	bool prefix_checked = !(c->policy->alternatives && is_dereg(bu, c, p->n_bids > 0));

	if (home && !c->is_ha)
		return M6_BA_HOMEREG_NOT_SUPPORTED;       /* s9.5.1: 131 */
	if (!home && !c->is_cn)
		return M6_BA_PROHIBITED;                  /* no route optimization here */
	if (home && prefix_checked && !m6e_policy_home_addr(c->policy, c->hoa))
		return M6_BA_NOT_HOME_SUBNET;             /* s10.3.1: 132 */
	if (v->has_seq && !m6e_seq_newer(bu->u.bu.seq, v->last_seq)) {
		p->seq = v->last_seq;                     /* s9.5.1: the last accepted */
		return M6_BA_SEQ_OUT_OF_WINDOW;           /* 135 */
	}
	if (home && v->known && !v->home_reg)
		return M6_BA_REG_TYPE_CHANGE;             /* s10.3.1: 139 */
	if (!home && v->known && v->home_reg)
		return M6_BA_REG_TYPE_CHANGE;
	return 0;
}

/* RFC 6275 s9.5.1/s10.3.2 for a BU without BID options; RFC 5648 s6.2:
 * it replaces all MCoA bindings, and a deregistration deletes them all. */
static void plan_plain(const struct m6_msg *bu, const struct m6e_bu_ctx *c, struct m6e_bu_plan *p)
{
	const struct m6e_hoa_view *v = c->view;

	if (is_dereg(bu, c, false)) {
		if (!v->known && (bu->u.bu.flags & M6_BU_H)) {
			reject(p, M6_BA_NOT_HOME_AGENT);  /* s10.3.2: 133 */
			return;
		}
		p->remove_all = v->known;
		p->lifetime = 0;
		return;
	}
	if (!v->known && v->free_total == 0) {
		reject(p, M6_BA_INSUFFICIENT_RESOURCES);
		return;
	}
	p->remove_all = v->known && v->mcoa;
	p->plain_op = M6E_BID_SET;
	p->plain_coa = *c->coa;
	p->lifetime = granted(bu, c);
}

/* RFC 5648 s6.2: one BID option of a registering BU (bp holds its fields). */
static void plan_bid(const struct m6e_bu_ctx *c, bool cleared, uint32_t *room, uint16_t *count,
		     struct m6e_bid_plan *bp)
{
	const struct m6e_policy *pol = c->policy;
	bool known = !cleared && view_has_bid(c->view, bp->bid);

	bp->op = M6E_BID_KEEP;
	if (bp->flags & M6_BID_H) { /* s5.6, s6.3: a home binding */
		if (pol->simultaneous_prohibited) {
			bp->status = M6_BA_MCOA_SIMUL_PROHIBITED; /* 169 */
			return;
		}
		bp->coa_family = 6;
		bp->coa6 = *c->hoa;           /* s6.2: the HA stores the home address */
		bp->status = pol->return_home_status;
	} else if (bp->coa_family == 0 && !known) {
		bp->status = M6_BA_MCOA_UNKNOWN_COA;      /* s5.7: 167 */
		return;
	}
	if (!known) {
		if (*count >= pol->max_per_hoa || *room == 0) {
			bp->status = M6_BA_INSUFFICIENT_RESOURCES;
			return;
		}
		(*count)++;
		(*room)--;
	}
	bp->op = M6E_BID_SET;
}

/* RFC 5648 s6.2: a deregistration per BID; an unknown BID rejects the BU. */
static void plan_bid_dereg(const struct m6e_bu_ctx *c, struct m6e_bu_plan *p)
{
	for (unsigned i = 0; i < p->n_bids; i++) {
		if (!view_has_bid(c->view, p->bid[i].bid)) {
			reject(p, M6_BA_NOT_HOME_AGENT);  /* 133 */
			return;
		}
		p->bid[i].op = M6E_BID_REMOVE;
	}
	p->lifetime = 0;
}

/* The BA Status and each BID option's Status (RFC 5648 s6.2): a CN (and
 * an HA whose BIDs all ended alike) puts the outcome in the BA Status and
 * 0 in the BIDs; otherwise the BA says NOTCOMPLETE and each BID option
 * carries its own outcome.
 *
 * NOTCOMPLETE is an acceptance: seed 001 s4.4 "MCOA NOTCOMPLETE (TBD less
 * than 128) In bulk registration, not all the binding identifier mobility
 * options were successfully registered. Some of them were rejected." With
 * every BID rejected there is nothing it could accept, and s6.3 "If the
 * Binding Update is rejected, the appropriate error value MUST be set in
 * the status field". s6.2 "Otherwise, the status field of the Binding
 * Identifier mobility option MUST be set to zero and the home agent status
 * field of the Binding Acknowledgement is used": the BA then carries the
 * first BID's rejection, the BIDs 0. */
static void ba_statuses(bool home_reg, struct m6e_bu_plan *p)
{
	bool alike = true, any_accepted = false;

	for (unsigned i = 0; i < p->n_bids; i++) {
		alike = alike && p->bid[i].status == p->bid[0].status;
		any_accepted = any_accepted || p->bid[i].status < 128;
	}
	if (alike || !home_reg || !any_accepted) {
		p->status = p->bid[0].status;
		return;
	}
	p->status = M6_BA_MCOA_NOTCOMPLETE;
	for (unsigned i = 0; i < p->n_bids; i++)
		p->ba_bid_status[i] = p->bid[i].status;
}

static void plan_bids(const struct m6_msg *bu, const struct m6e_bu_ctx *c, struct m6e_bu_plan *p)
{
	const struct m6e_hoa_view *v = c->view;
	const struct m6e_policy *pol = c->policy;
	bool home = bu->u.bu.flags & M6_BU_H;

	uint8_t refused = pol->mcoa_prohibited ? M6_BA_MCOA_PROHIBITED /* 166 */
		: p->n_bids > 1 && (!home || pol->bulk_prohibited) ? M6_BA_MCOA_BULK_PROHIBITED /* s6.2: a CN answers 168 */
		: p->n_bids > pol->max_bids_per_bu ? M6_BA_INSUFFICIENT_RESOURCES
		: 0;
	if (refused) {
		reject(p, refused);
		return;
	}
	if (bu->u.bu.lifetime == 0) { /* O is ignored */
		plan_bid_dereg(c, p);
		return;
	}
	bool overwrite = bu->u.bu.flags & M6_BU_O;
	if (!overwrite && v->known && !v->mcoa) {
		reject(p, M6_BA_MCOA_NON_MCOA_EXISTS); /* 165 */
		return;
	}
	uint32_t room = v->free_total;
	uint16_t count = overwrite ? 0 : v->n_bids;
	for (unsigned i = 0; i < p->n_bids; i++)
		plan_bid(c, overwrite, &room, &count, &p->bid[i]);
	p->remove_all = overwrite && v->known;
	p->lifetime = granted(bu, c);
	ba_statuses(home, p);
	if (p->status >= 128) { /* nothing was accepted */
		p->remove_all = false;
		p->lifetime = 0;
	}
}

int m6e_bu_plan(const struct m6_msg *bu, const struct m6e_bu_ctx *c, struct m6e_bu_plan *p)
{
	memset(p, 0, sizeof *p);
	p->seq = bu->u.bu.seq;
	p->send_ba = bu->u.bu.flags & M6_BU_A;

	int too_many = 0;
	for (int i = m6_msg_next_opt(bu, 0, M6_OPT_BID); i >= 0; i = m6_msg_next_opt(bu, i + 1, M6_OPT_BID)) {
		if (p->n_bids == M6E_MAX_BIDS) {
			too_many = 1;
			break;
		}
		const struct m6_opt_bid *b = &bu->opts[i].u.bid;
		struct m6e_bid_plan *bp = &p->bid[p->n_bids++];
		bp->bid = b->bid;
		/* seed 001 s4.3: the H flag "is valid only for a Binding Update
		 * sent to the home agent"; elsewhere (a CN) it is ignored, like
		 * the reserved bits ("SHOULD be ignored by the receiver"), not
		 * rejected: no status fits (169 is the HA's policy) */
		bp->flags = bu->u.bu.flags & M6_BU_H ? b->flags : (uint8_t)(b->flags & ~M6_BID_H);
		bp->coa_family = b->coa_family;
		bp->coa6 = b->coa6;
		bp->coa4 = b->coa4;
	}
	if (too_many) {
		reject(p, M6_BA_INSUFFICIENT_RESOURCES);
		return M6_ERR_ARG;
	}
	uint8_t status = common_checks(bu, c, p);
	if (status) {
		reject(p, status);
		return M6_OK;
	}
	if (p->n_bids)
		plan_bids(bu, c, p);
	else
		plan_plain(bu, c, p);
	if (p->status >= 128)
		p->send_ba = true;
	return M6_OK;
}
