/* fixup.c - sequence numbers and return routability of a replay (fixup.h). */
#include <stdio.h>
#include <string.h>

#include "fixup.h"

static bool same(const m6_addr6 *a, const m6_addr6 *b)
{
	return !memcmp(a, b, sizeof *a);
}

const m6_addr6 *m6r_bu_hoa(const struct m6_pkt *pkt)
{
	const struct m6_ip6 *ip = &pkt->ip[pkt->n_ip - 1];
	for (int e = 0; e < ip->n_ext; e++)
		if (ip->ext[e].has_hao)
			return &ip->ext[e].hao;
	return &ip->src;
}

/* The care-of address of a BU: its Alternate Care-of Address, else its source. */
static const m6_addr6 *bu_coa(const struct m6_pkt *pkt)
{
	int i = m6_msg_next_opt(&pkt->msg, 0, M6_OPT_ALTCOA);
	return i >= 0 ? &pkt->msg.opts[i].u.altcoa : &pkt->ip[pkt->n_ip - 1].src;
}

/* The newest entry for address a, or -1. */
static int find_index(const struct m6r_token *list, int n, const m6_addr6 *a)
{
	for (int i = n - 1; i >= 0; i--)
		if (same(&list[i].addr, a))
			return i;
	return -1;
}

static const struct m6r_token *find(const struct m6r_token *list, int n, const m6_addr6 *a)
{
	int i = find_index(list, n, a);
	return i >= 0 ? &list[i] : NULL;
}

void m6r_tokens_note(struct m6r_tokens *t, const struct m6_pkt *answer)
{
	if (!answer->has_mh || !answer->n_ip || (answer->msg.type != M6_MH_HOT && answer->msg.type != M6_MH_COT))
		return;
	bool home = answer->msg.type == M6_MH_HOT;
	struct m6r_token *list = home ? t->home : t->coa;
	int *n = home ? &t->n_home : &t->n_coa;
	const m6_addr6 *to = &answer->ip[answer->n_ip - 1].dst;
	int i = find_index(list, *n, to);
	if (i < 0 && *n == M6R_KEYS)
		return;
	struct m6r_token *k = &list[i >= 0 ? i : (*n)++];
	k->addr = *to;
	memcpy(k->token, answer->msg.u.test.token, M6_TOKEN_LEN);
	k->index = answer->msg.u.test.nonce_index;
}

/* Kbm from the tokens of t for a BU (decoded as pkt): RFC 6275 s5.2.5. */
static int kbm_of(const struct m6r_tokens *t, const struct m6_pkt *pkt, uint8_t kbm[M6_KBM_LEN])
{
	const m6_addr6 *hoa = m6r_bu_hoa(pkt), *coa = bu_coa(pkt);
	bool dereg = pkt->msg.u.bu.lifetime == 0 || same(hoa, coa);
	const struct m6r_token *h = find(t->home, t->n_home, hoa);
	const struct m6r_token *c = dereg ? NULL : find(t->coa, t->n_coa, coa);
	if (!h || (!dereg && !c))
		return -1;
	return m6_rr_kbm(h->token, c ? c->token : NULL, kbm) == M6_OK ? 0 : -1;
}

static int32_t *seq_offset(struct m6r_fixup *f, const m6_addr6 *hoa)
{
	for (int i = 0; i < f->n_seq; i++)
		if (same(&f->seq[i].hoa, hoa))
			return &f->seq[i].offset;
	if (f->n_seq == M6R_KEYS)
		return NULL;
	f->seq[f->n_seq].hoa = *hoa;
	f->seq[f->n_seq].offset = 0;
	return &f->seq[f->n_seq++].offset;
}

void m6r_fixup_seq_rebase(struct m6r_fixup *f, const struct m6_pkt *bu, uint16_t recorded_seq, uint16_t seq)
{
	int32_t *off = seq_offset(f, m6r_bu_hoa(bu));
	if (off)
		*off = (int32_t)(uint16_t)(seq + 1 - recorded_seq);
}

/* Nonce indices: each that equals the recorded test's index becomes the new one's. */
static int fix_nonce(struct m6r_fixup *f, uint8_t *frame, size_t len, const struct m6_pkt *pkt)
{
	int i = m6_msg_next_opt(&pkt->msg, 0, M6_OPT_NONCE);
	if (i < 0)
		return 0;
	uint16_t home = pkt->msg.opts[i].u.nonce.home, careof = pkt->msg.opts[i].u.nonce.careof;
	const struct m6r_token *rh = find(f->recorded.home, f->recorded.n_home, m6r_bu_hoa(pkt));
	const struct m6r_token *rc = find(f->recorded.coa, f->recorded.n_coa, bu_coa(pkt));
	const struct m6r_token *nh = find(f->replayed.home, f->replayed.n_home, m6r_bu_hoa(pkt));
	const struct m6r_token *nc = find(f->replayed.coa, f->replayed.n_coa, bu_coa(pkt));
	if (rh && nh && rh->index == home)
		home = nh->index;
	if (rc && nc && rc->index == careof)
		careof = nc->index;
	return m6_pkt_patch_nonce(frame, len, pkt, home, careof) == M6_OK ? 0 : -1;
}

int m6r_fixup_request(struct m6r_fixup *f, uint8_t *frame, size_t len, const struct m6_pkt *pkt,
		      const uint8_t *orig, const struct m6_pkt *orig_pkt, char *note, size_t cap)
{
	note[0] = '\0';
	if (!pkt->has_mh || pkt->msg.type != M6_MH_BU || !pkt->n_ip)
		return 0;
	size_t used = 0;
	int32_t *off = seq_offset(f, m6r_bu_hoa(pkt));
	if (off && *off) {
		uint16_t seq = (uint16_t)(pkt->msg.u.bu.seq + *off);
		if (m6_pkt_patch_bu_seq(frame, len, pkt, seq) != M6_OK)
			return -1;
		used += (size_t)snprintf(note + used, cap - used, "seq %u -> %u; ", pkt->msg.u.bu.seq, seq);
	}
	if (fix_nonce(f, frame, len, pkt))
		return -1;
	int bad = m6_msg_next_opt(&pkt->msg, 0, M6_OPT_BAD);
	if (bad < 0 || bad != pkt->msg.n_opts - 1 || pkt->msg.opts[bad].len != M6_AUTH_LEN)
		return 0;
	uint8_t old_kbm[M6_KBM_LEN], new_kbm[M6_KBM_LEN];
	const struct m6_ip6 *oip = &orig_pkt->ip[orig_pkt->n_ip - 1], *ip = &pkt->ip[pkt->n_ip - 1];
	bool signed_ok = kbm_of(&f->recorded, pkt, old_kbm) == 0 &&
			 m6_rr_verify_mh(old_kbm, bu_coa(orig_pkt), &oip->dst, orig + orig_pkt->mh_off,
					 orig_pkt->msg.mh_len) == 1;
	if (!signed_ok) {
		snprintf(note + used, cap - used, "Authenticator kept (it did not verify with the recorded Kbm)");
		return 0;
	}
	if (kbm_of(&f->replayed, pkt, new_kbm)) {
		snprintf(note + used, cap - used, "not signed again: no new Home/Care-of Test for its addresses");
		return 0;
	}
	if (pkt->mh_off + (size_t)pkt->msg.mh_len > len ||
	    m6_rr_sign_mh(new_kbm, bu_coa(pkt), &ip->dst, frame + pkt->mh_off, pkt->msg.mh_len) != M6_OK)
		return -1;
	snprintf(note + used, cap - used, "signed with the new Kbm");
	return 0;
}

int m6r_tokens_ba_verifies(const struct m6r_tokens *t, const struct m6_pkt *ans, const uint8_t *frame)
{
	const struct m6_ip6 *ip = &ans->ip[ans->n_ip - 1];
	const m6_addr6 *hoa = &ip->dst;
	for (int e = 0; e < ip->n_ext; e++)
		if (ip->ext[e].proto == M6_IPPROTO_ROUTING && ip->ext[e].rh_type == 2)
			hoa = &ip->ext[e].rh_addr;
	const struct m6r_token *h = find(t->home, t->n_home, hoa);
	const struct m6r_token *c = find(t->coa, t->n_coa, &ip->dst);
	if (!h)
		return -1;
	uint8_t kbm[M6_KBM_LEN];
	for (int with_coa = c ? 1 : 0; with_coa >= 0; with_coa--)
		if (m6_rr_kbm(h->token, with_coa ? c->token : NULL, kbm) == M6_OK &&
		    m6_rr_verify_mh(kbm, &ip->dst, &ip->src, frame + ans->mh_off, ans->msg.mh_len) == 1)
			return 1;
	return 0;
}
