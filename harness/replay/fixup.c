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

void m6r_tokens_note(struct m6r_tokens *t, const struct m6_pkt *answer)
{
	if (!answer->has_mh || !answer->n_ip || (answer->msg.type != M6_MH_HOT && answer->msg.type != M6_MH_COT))
		return;
	bool home = answer->msg.type == M6_MH_HOT;
	struct m6r_token *list = home ? t->home : t->coa;
	int *n = home ? &t->n_home : &t->n_coa;
	if (*n == M6R_KEYS)
		return;
	struct m6r_token *k = &list[(*n)++];
	k->addr = answer->ip[answer->n_ip - 1].dst;
	memcpy(k->token, answer->msg.u.test.token, M6_TOKEN_LEN);
	k->index = answer->msg.u.test.nonce_index;
}

/* The test of address a with nonce index, the newest first; NULL when
 * there is none. *nth: how many tests of a came before it. */
static const struct m6r_token *find_test(const struct m6r_token *list, int n, const m6_addr6 *a, uint16_t index,
					 int *nth)
{
	for (int i = n - 1; i >= 0; i--)
		if (same(&list[i].addr, a) && list[i].index == index) {
			*nth = 0;
			for (int j = 0; j < i; j++)
				*nth += same(&list[j].addr, a);
			return &list[i];
		}
	return NULL;
}

/* The nth test of address a (from 0), or NULL. */
static const struct m6r_token *nth_test(const struct m6r_token *list, int n, const m6_addr6 *a, int nth)
{
	for (int i = 0; i < n; i++)
		if (same(&list[i].addr, a) && nth-- == 0)
			return &list[i];
	return NULL;
}

/* Kbm for a BU (decoded as pkt) from the tests of t its nonce indices
 * name (RFC 6275 s5.2.5). */
static int kbm_of(const struct m6r_tokens *t, const struct m6_pkt *pkt, uint8_t kbm[M6_KBM_LEN])
{
	int i = m6_msg_next_opt(&pkt->msg, 0, M6_OPT_NONCE), nth;
	if (i < 0)
		return -1;
	const m6_addr6 *hoa = m6r_bu_hoa(pkt), *coa = bu_coa(pkt);
	bool dereg = pkt->msg.u.bu.lifetime == 0 || same(hoa, coa);
	const struct m6r_token *h = find_test(t->home, t->n_home, hoa, pkt->msg.opts[i].u.nonce.home, &nth);
	const struct m6r_token *c = dereg ? NULL : find_test(t->coa, t->n_coa, coa, pkt->msg.opts[i].u.nonce.careof, &nth);
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

/* One nonce index: the replayed test that took the place of the recorded
 * one it names, else as it is. */
static uint16_t new_index(const struct m6r_fixup *f, bool home, const m6_addr6 *a, uint16_t index)
{
	int nth;
	const struct m6r_tokens *r = &f->recorded, *p = &f->replayed;
	if (!find_test(home ? r->home : r->coa, home ? r->n_home : r->n_coa, a, index, &nth))
		return index;
	const struct m6r_token *t = nth_test(home ? p->home : p->coa, home ? p->n_home : p->n_coa, a, nth);
	return t ? t->index : index;
}

static int fix_nonce(struct m6r_fixup *f, uint8_t *frame, size_t len, const struct m6_pkt *pkt)
{
	int i = m6_msg_next_opt(&pkt->msg, 0, M6_OPT_NONCE);
	if (i < 0)
		return 0;
	uint16_t home = new_index(f, true, m6r_bu_hoa(pkt), pkt->msg.opts[i].u.nonce.home);
	uint16_t careof = new_index(f, false, bu_coa(pkt), pkt->msg.opts[i].u.nonce.careof);
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
	static struct m6_pkt sent; /* with the nonce indices it goes out with */
	m6_pkt_decode(frame, len, pkt->link, false, &sent);
	int bad = m6_msg_next_opt(&pkt->msg, 0, M6_OPT_BAD);
	if (bad < 0 || bad != pkt->msg.n_opts - 1 || pkt->msg.opts[bad].len != M6_AUTH_LEN)
		return 0;
	uint8_t old_kbm[M6_KBM_LEN], new_kbm[M6_KBM_LEN];
	const struct m6_ip6 *oip = &orig_pkt->ip[orig_pkt->n_ip - 1], *ip = &pkt->ip[pkt->n_ip - 1];
	bool signed_ok = kbm_of(&f->recorded, pkt, old_kbm) == 0 &&
			 m6_rr_verify_mh(old_kbm, bu_coa(orig_pkt), &oip->dst, orig + orig_pkt->mh_off,
					 orig_pkt->msg.mh_len) == 1;
	f->recorded_kbm.known = f->replayed_kbm.known = false;
	if (signed_ok) {
		f->recorded_kbm.known = true;
		memcpy(f->recorded_kbm.kbm, old_kbm, M6_KBM_LEN);
	}
	if (!signed_ok) {
		snprintf(note + used, cap - used, "Authenticator kept (it did not verify with the recorded Kbm)");
		return 0;
	}
	if (kbm_of(&f->replayed, &sent, new_kbm)) {
		snprintf(note + used, cap - used, "not signed again: no new Home/Care-of Test for its addresses");
		return 0;
	}
	if (pkt->mh_off + (size_t)pkt->msg.mh_len > len ||
	    m6_rr_sign_mh(new_kbm, bu_coa(pkt), &ip->dst, frame + pkt->mh_off, pkt->msg.mh_len) != M6_OK)
		return -1;
	f->replayed_kbm.known = true;
	memcpy(f->replayed_kbm.kbm, new_kbm, M6_KBM_LEN);
	snprintf(note + used, cap - used, "signed with the new Kbm");
	return 0;
}

int m6r_ba_verifies(const struct m6r_kbm *k, const struct m6_pkt *ans, const uint8_t *frame)
{
	const struct m6_ip6 *ip = &ans->ip[ans->n_ip - 1];
	if (!k->known)
		return -1;
	/* the BA travels from the correspondent to the care-of address */
	return m6_rr_verify_mh(k->kbm, &ip->dst, &ip->src, frame + ans->mh_off, ans->msg.mh_len) == 1;
}
