/* validate.c - what a decoded message means in context: the receiver
 * rules of RFC 6275 s9.2, s9.5.1 (CN) and s10.3.1 (HA), and RFC 5648
 * s4.3 and s6.2 for Binding Identifier options. Form errors (lengths,
 * checksum, BID 0, ...) are the decoder's; this file adds the rules that
 * depend on who receives the message. */
#include "internal.h"

struct vstate {
	const struct m6_msg *msg;
	size_t base; /* MH offset in the decoded input */
	struct m6_diags *out;
	int errors;
	/* What one pass over the options found (indices, -1: none). */
	int bad, nonce, first_bid, last_real, bids;
};

static void verdict(struct vstate *v, uint8_t reason, uint8_t severity, uint8_t action,
		    uint8_t code, size_t mh_offset)
{
	m6_diag_add(v->out, reason, severity, action, code, v->base + mh_offset);
	if (severity == M6_SEV_ERROR)
		v->errors++;
}

static void survey_options(struct vstate *v)
{
	const struct m6_msg *m = v->msg;

	v->bad = v->nonce = v->first_bid = v->last_real = -1;
	v->bids = 0;
	for (int i = 0; i < m->n_opts; i++) {
		uint8_t t = m->opts[i].type;
		if (t == M6_OPT_PAD1 || t == M6_OPT_PADN)
			continue;
		v->last_real = i;
		if (t == M6_OPT_BAD && v->bad < 0)
			v->bad = i;
		else if (t == M6_OPT_NONCE && v->nonce < 0)
			v->nonce = i;
		else if (t == M6_OPT_BID && v->bids++ == 0)
			v->first_bid = i;
	}
}

/* RFC 6275 s6.2.7: Binding Authorization Data is the last option. */
static void check_bad_last(struct vstate *v)
{
	if (v->bad >= 0 && v->bad != v->last_real)
		verdict(v, M6_R_BAD_NOT_LAST, M6_SEV_ERROR, M6_ACT_DISCARD, 0,
			v->msg->opts[v->bad].offset);
}

/* RFC 6275 s9.5.1 and RFC 5648 s4.3, s6.2: a BU that reaches a CN. */
static void check_bu_at_cn(struct vstate *v)
{
	const struct m6_msg *m = v->msg;

	/* A home registration is not authorized by return routability: at a
	 * CN it is answered 131, whatever RR options it lacks. */
	if (m->u.bu.flags & M6_BU_H)
		verdict(v, M6_R_H_AT_CN, M6_SEV_ERROR, M6_ACT_BA, M6_BA_HOMEREG_NOT_SUPPORTED, 8);
	else if (v->nonce < 0)
		verdict(v, M6_R_BU_NEEDS_NONCE, M6_SEV_ERROR, M6_ACT_DISCARD, 0, m->opts_off);
	if (!(m->u.bu.flags & M6_BU_H) && v->bad < 0)
		verdict(v, M6_R_BU_NEEDS_BAD, M6_SEV_ERROR, M6_ACT_DISCARD, 0, m->opts_off);
	if (v->bids > 1)
		verdict(v, M6_R_BULK_AT_CN, M6_SEV_ERROR, M6_ACT_BA, M6_BA_MCOA_BULK_PROHIBITED,
			m->opts[v->first_bid].offset);
}

/* BID rules of a BU (RFC 5648 s4.2, s4.3). */
static void check_bu_bids(struct vstate *v, bool at_cn)
{
	const struct m6_msg *m = v->msg;
	bool home_reg = m->u.bu.flags & M6_BU_H;

	if ((m->u.bu.flags & M6_BU_O) && v->bids == 0)
		verdict(v, M6_R_O_WITHOUT_BID, M6_SEV_NOTE, M6_ACT_NONE, 0, 9);
	for (int i = v->first_bid; v->bids && i < m->n_opts; i++) {
		const struct m6_opt *o = &m->opts[i];
		if (o->type != M6_OPT_BID)
			continue;
		/* Only an IPv6 CoA may be registered with a CN. */
		if (at_cn && o->u.bid.coa_family == 4)
			verdict(v, M6_R_BID_COA_V4_AT_CN, M6_SEV_ERROR, M6_ACT_BA,
				M6_BA_MCOA_MALFORMED, o->offset);
		if ((o->u.bid.flags & M6_BID_H) && !home_reg)
			verdict(v, M6_R_BID_H_AT_CN, M6_SEV_NOTE, M6_ACT_NONE, 0, o->offset + 5);
		if (o->u.bid.status)
			verdict(v, M6_R_BID_STATUS_IN_BU, M6_SEV_NOTE, M6_ACT_NONE, 0, o->offset + 4);
	}
}

/* RFC 5648 s4.3: outside a BU the BID carries no care-of address, and its
 * Status means something only in a BA or CoT. s6.2: a BID Status in a BA
 * goes with BA Status MCOA NOTCOMPLETE. */
static void check_bids_elsewhere(struct vstate *v)
{
	const struct m6_msg *m = v->msg;
	bool status_used = m->type == M6_MH_BA || m->type == M6_MH_COT;

	for (int i = v->first_bid; v->bids && i < m->n_opts; i++) {
		const struct m6_opt *o = &m->opts[i];
		if (o->type != M6_OPT_BID)
			continue;
		/* A BA may echo the CoA (s6.2 "MAY be omitted"), so a note only. */
		if (o->u.bid.coa_family)
			verdict(v, M6_R_BID_COA_OUTSIDE_BU, M6_SEV_NOTE, M6_ACT_NONE, 0, o->offset + 1);
		if (o->u.bid.status && !status_used)
			verdict(v, M6_R_BID_STATUS_IN_BU, M6_SEV_NOTE, M6_ACT_NONE, 0, o->offset + 4);
		if (m->type == M6_MH_BA && o->u.bid.status && m->u.ba.status != M6_BA_MCOA_NOTCOMPLETE)
			verdict(v, M6_R_BA_BID_STATUS, M6_SEV_ERROR, M6_ACT_NONE, 0, o->offset + 4);
	}
}

int m6_validate(const struct m6_msg *msg, const struct m6_pkt *pkt,
		const struct m6_validate_ctx *ctx, struct m6_diags *out)
{
	struct vstate v = { .msg = msg, .base = pkt ? pkt->mh_off : 0, .out = out };

	if (msg->type > M6_MH_KNOWN_MAX) {
		/* RFC 6275 s9.2: Binding Error status 2 to the source. */
		if (ctx->must_answer_unknown)
			verdict(&v, M6_R_UNKNOWN_MH_TYPE, M6_SEV_ERROR, M6_ACT_BE,
				M6_BE_UNKNOWN_MH_TYPE, 2);
		return v.errors;
	}
	survey_options(&v);
	check_bad_last(&v);
	if (msg->type == M6_MH_BU) {
		if (ctx->role == M6_ROLE_CN)
			check_bu_at_cn(&v);
		check_bu_bids(&v, ctx->role == M6_ROLE_CN);
	} else {
		check_bids_elsewhere(&v);
	}
	return v.errors;
}
