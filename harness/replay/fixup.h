/*
 * fixup.h - what must differ on a new run for the IUT to see a valid
 * exchange, applied to each request before it is sent (after the address
 * map, addrmap.h):
 *
 * - Sequence numbers (BU): per home address, a BU goes out with its
 *   recorded number plus an offset that starts at 0: the first BU of each
 *   home address keeps its recorded value, later ones their recorded
 *   distance from it. When the IUT answers status 135 (RFC 6275 s9.5.1:
 *   the BA carries the last accepted number) where the recording shows no
 *   135, the IUT stands elsewhere (it was not restarted): the offset
 *   becomes that number + 1 - the recorded one and the BU goes out again
 *   once; the second answer is the one compared. A 135 that the recording
 *   has too is an answer like any other.
 * - Return routability (RFC 6275 s5.2): the capture's HoTI and CoTI are
 *   replayed, and the new Home and Care-of Tests give new keygen tokens
 *   and nonce indices. A BU's nonce index that names a recorded test
 *   (of its address) becomes the index of the replayed test that took
 *   its place (the n-th test of that address); one that names none, sent
 *   on purpose, stays. A BU
 *   whose Authenticator verified with the recorded Kbm (from the recorded
 *   tokens) is signed again with the new Kbm (home token alone for a
 *   deregistration); one that did not verify stays as captured, and so
 *   stays wrong.
 * - Checksums: computed again (a wrong one kept wrong, codec's
 *   m6_pkt_patch_checksum).
 */
#ifndef M6R_FIXUP_H
#define M6R_FIXUP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "m6codec.h"

#define M6R_KEYS 64

struct m6r_token {
	m6_addr6 addr;   /* the home address (HoT) or care-of address (CoT), as mapped */
	uint8_t token[M6_TOKEN_LEN];
	uint16_t index;
};

struct m6r_tokens {
	int n_home, n_coa;
	struct m6r_token home[M6R_KEYS], coa[M6R_KEYS];
};

/* The Kbm of the last BU of a run that carried Authorization Data: the
 * BA that answers it is signed with it (RFC 6275 s5.2.6). */
struct m6r_kbm {
	bool known;
	uint8_t kbm[M6_KBM_LEN];
};

struct m6r_fixup {
	/* both by the addresses as mapped: the recorded tests' from the
	 * recorded answers moved into the test network */
	struct m6r_tokens recorded, replayed;
	struct m6r_kbm recorded_kbm, replayed_kbm;
	int n_seq;
	struct {
		m6_addr6 hoa;
		int32_t offset;
	} seq[M6R_KEYS];
};

/* Notes a HoT or CoT answer (decoded, addresses as mapped) in t. */
void m6r_tokens_note(struct m6r_tokens *t, const struct m6_pkt *answer);

/* The request frame[0..len) (decoded as *pkt, addresses mapped) fixed up:
 * sequence number, nonce indices, Authenticator. orig/orig_pkt: the
 * request as captured (for the recorded Authenticator). Notes what was
 * done in note[0..cap) ("" for nothing). Returns 0, or -1 when a field
 * could not be written. */
int m6r_fixup_request(struct m6r_fixup *f, uint8_t *frame, size_t len, const struct m6_pkt *pkt,
		      const uint8_t *orig, const struct m6_pkt *orig_pkt, char *note, size_t cap);

/* The IUT answered a BU (pkt: the BU as sent) with status 135 and
 * sequence number seq: the offset moved (see above). */
void m6r_fixup_seq_rebase(struct m6r_fixup *f, const struct m6_pkt *bu, uint16_t recorded_seq, uint16_t seq);

/* The home address a BU is for: its Home Address option's, else its source. */
const m6_addr6 *m6r_bu_hoa(const struct m6_pkt *pkt);

/* Does a BA's Authorization Data (ans decoded from frame) verify with
 * k? 1 yes, 0 no, -1 no Kbm known. */
int m6r_ba_verifies(const struct m6r_kbm *k, const struct m6_pkt *ans, const uint8_t *frame);

#endif
