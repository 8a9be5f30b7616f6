/* pairing.c - the answers of an exchange on both runs paired and diffed (diff.h). */
#include <stdio.h>

#include "diff.h"
#include "exchange_report.h"

static struct m6r_side side(const struct m6r_frame *req, const struct m6r_frame *ans, const struct m6r_kbm *kbm)
{
	return (struct m6r_side){ ans, req->bytes, req->len, req->link, kbm };
}

/* The unpaired replayed answer of the recorded answer's kind that
 * differs from it in the fewest fields (the IUT may answer two requests
 * in another order), or -1. */
static int best_match(const struct m6r_pairing *x, const struct m6r_frame *rec, const struct m6_pkt *pr,
		      const bool *used)
{
	static struct m6_pkt pg;
	static struct m6r_diff scratch[M6R_DIFFS_MAX];
	int best = -1, fewest = M6R_DIFFS_MAX + 1;

	for (int j = 0; j < x->n_got; j++) {
		m6r_decode(&x->got[j], &pg);
		if (used[j] || !m6r_same_kind(pr, &pg))
			continue;
		struct m6r_side a = side(x->orig_req, rec, x->recorded_kbm);
		struct m6r_side b = side(x->sent_req, &x->got[j], x->replayed_kbm);
		int n = 0;
		m6r_diff_answers(&a, &b, scratch, &n, M6R_DIFFS_MAX);
		if (n < fewest) {
			fewest = n;
			best = j;
		}
	}
	return best;
}

/* Pairs the recorded answers rec[0..nr) with those of the replay by kind,
 * in order, and diffs each pair; the rest is missing or extra. */
int m6r_pair_answers(const struct m6r_pairing *x, struct m6r_diff *d, int max)
{
	static struct m6_pkt pr, pg, req;
	bool used[M6R_ANSWERS_MAX] = { false };
	int n = 0;

	m6r_decode(x->sent_req, &req);
	for (int k = 0; k < x->n_rec; k++) {
		m6r_decode(&x->rec[k], &pr);
		int j = best_match(x, &x->rec[k], &pr, used);
		if (j < 0) {
			struct m6r_diff one = { .kind = M6R_MISSING, .rec_frame = x->rec[k].number };
			m6r_line_of(&x->rec[k], &pg, one.rec, sizeof one.rec);
			snprintf(one.got, sizeof one.got, "(no such answer)");
			m6r_answer_reqs(&pr, &req, x->role, &one);
			if (n < max)
				d[n++] = one;
			continue;
		}
		used[j] = true;
		struct m6r_side a = side(x->orig_req, &x->rec[k], x->recorded_kbm);
		struct m6r_side b = side(x->sent_req, &x->got[j], x->replayed_kbm);
		m6r_diff_answers(&a, &b, d, &n, max);
	}
	for (int j = 0; j < x->n_got; j++)
		if (!used[j] && n < max) {
			struct m6r_diff one = { .kind = M6R_EXTRA, .new_frame = x->got[j].number };
			snprintf(one.rec, sizeof one.rec, "(no such answer)");
			m6r_line_of(&x->got[j], &pg, one.got, sizeof one.got);
			m6r_answer_reqs(&pg, &req, x->role, &one);
			d[n++] = one;
		}
	return n;
}
