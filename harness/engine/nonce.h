/*
 * nonce.h - the correspondent node's nonces for return routability
 * (RFC 6275 s5.2.2, s5.2.7, s9.5.2).
 *
 * A CN hands out keygen tokens built from its secret Kcn and a nonce named
 * by a 16-bit index. It starts a new nonce every `period_ms` and accepts a
 * nonce for `lifetime_ms` (MAX_NONCE_LIFETIME, 240 s, unless a test run
 * shortens it) after it was started; a BU that names an older or
 * never-issued index is answered with BA 136/137/138.
 *
 * Deterministic: nonces come from a seeded generator and time is passed in,
 * so a test or fuzzer replays exactly. Fixed memory, no allocation.
 */
#ifndef M6E_NONCE_H
#define M6E_NONCE_H

#include <stdbool.h>
#include <stdint.h>

#define M6E_NONCE_LEN 8
#define M6E_MAX_NONCE_LIFETIME_MS 240000u /* RFC 6275 s12 */
#define M6E_NONCE_SLOTS 64                /* nonces remembered (one per period) */

struct m6e_nonce {
	uint16_t index;
	uint64_t started_ms;
	uint8_t value[M6E_NONCE_LEN];
};

struct m6e_nonces {
	uint64_t period_ms;  /* a new nonce this often */
	uint64_t lifetime_ms; /* a nonce is accepted this long after it started */
	uint64_t rng;        /* generator state */
	uint16_t next_index;
	uint16_t count;      /* nonces issued so far, up to M6E_NONCE_SLOTS kept */
	struct m6e_nonce slot[M6E_NONCE_SLOTS]; /* slot[index % M6E_NONCE_SLOTS] */
};

/* Starts with no nonce. period_ms is clamped so that every nonce still
 * acceptable fits in the slots (at least lifetime_ms / 63). */
void m6e_nonces_init(struct m6e_nonces *n, uint64_t period_ms, uint64_t lifetime_ms, uint64_t seed,
		     uint16_t first_index);

/* The nonce to hand out at now: the current one, or a new one when the
 * period has passed (or none exists yet). Never NULL. */
const struct m6e_nonce *m6e_nonce_current(struct m6e_nonces *n, uint64_t now_ms);

/* The nonce an index names, if it is still acceptable at now (issued, and
 * started no more than lifetime_ms ago); NULL otherwise. */
const struct m6e_nonce *m6e_nonce_find(const struct m6e_nonces *n, uint16_t index, uint64_t now_ms);

#endif
