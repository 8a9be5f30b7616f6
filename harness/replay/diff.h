/*
 * diff.h - an answer the IUT gave on the replay against the one it gave
 * in the capture, field by field. The fields are those `mip6kit decode -v`
 * lists (the codec's verbose printer), by header and key; the frame line
 * (number, time stamps) and the Ethernet header (the test network's MAC
 * addresses) are the network's, not the IUT's, and offsets and Pad1/PadN
 * options are layout: none of them is compared. A header or option missing
 * on one side is one difference.
 * Fields that legitimately change on a new run are compared by kind and
 * validity, not by value:
 *   checksum       -> checksum_ok (compared by value)
 *   cookie         -> equal to the cookie of the request it answers
 *   a BA's seq     -> equal to the BU's (fixup.h moves it), but in a 135,
 *                     where it is the IUT's own
 *   token, nonce_index -> present in both
 *   authenticator  -> verifies with the Kbm of its own run's BU (fixup.h)
 * Everything else by value, the recorded answer's addresses mapped first
 * (addrmap.h). Each difference names the requirement rows
 * (suites/requirements.tsv) the field belongs to.
 */
#ifndef M6R_DIFF_H
#define M6R_DIFF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "exchange.h"
#include "fixup.h"

enum m6r_diff_kind { M6R_MISSING, M6R_EXTRA, M6R_CHANGED };

struct m6r_diff {
	int kind;
	uint64_t rec_frame, new_frame; /* 0: none */
	char field[48];
	char rec[96], got[96];
	char reqs[64];                 /* requirement ids, space-separated */
	char rule[96];                 /* missing, extra: what the codec says a receiver must do with
					* the request ("bad-checksum: discard"), "" when it is valid */
};

/* One answer and what it is checked against: the request it answers (as
 * sent in its run) and the Kbm of its run's last signed BU. */
struct m6r_side {
	const struct m6r_frame *ans;
	const uint8_t *req;
	size_t req_len;
	int req_link;
	const struct m6r_kbm *kbm;
};

/* Appends the differences of two answers of the same kind to d[*n..max). */
void m6r_diff_answers(const struct m6r_side *rec, const struct m6r_side *got, struct m6r_diff *d, int *n, int max);

/* Same kind of answer (MH type, ICMPv6 type, data)? */
bool m6r_same_kind(const struct m6_pkt *a, const struct m6_pkt *b);

#define M6R_ANSWERS_MAX 32 /* answers kept per exchange */
#define M6R_DIFFS_MAX 64   /* differences kept per exchange */

/* The answers of one exchange on both runs: the recorded ones (addresses
 * mapped) against the request as captured, the replayed ones against the
 * request as sent. */
struct m6r_pairing {
	const struct m6r_frame *orig_req, *sent_req;
	const struct m6r_frame *rec, *got;
	int n_rec, n_got;
	const struct m6r_kbm *recorded_kbm, *replayed_kbm;
	int role;          /* enum m6_node_role, for the request's validation */
};

/* Pairs each recorded answer with the unpaired replayed one of its kind
 * that differs from it in the fewest fields (an IUT may answer in another
 * order) and diffs them; a recorded answer without one is missing, a
 * replayed one left over extra. Returns the differences in d[0..max). */
int m6r_pair_answers(const struct m6r_pairing *x, struct m6r_diff *d, int max);

/* The requirement ids of an answer kind as a whole (for a missing or an
 * extra one), and those the request's own validity names (m6_validate
 * with role: what a conforming receiver must do with it). */
void m6r_answer_reqs(const struct m6_pkt *ans, const struct m6_pkt *req, int role, struct m6r_diff *d);

/* The requirement ids a field of an answer belongs to. */
const char *m6r_field_reqs(const struct m6_pkt *ans, const char *section, const char *key);

#endif
