/*
 * check.h - `mip6kit check`: passive conformance of a captured trace.
 * The checker follows each mobile node (by home address and BID) through
 * the frames of one or more captures, keeps the binding state the IUT must
 * have from what it answered, and judges every answer of the IUT against
 * the requirements (suites/requirements.tsv ids). Frames are fed in order;
 * the checker allocates only when its tables of mobile nodes grow.
 */
#ifndef M6C_CHECK_H
#define M6C_CHECK_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "m6codec.h"
#include "trace.h"

/* An answer the RFCs require comes within this long, or it is missing
 * (the run's own window when the IUT performs DAD, RFC 4862's one-second
 * probe plus late answers); a capture that ends sooner proves nothing. */
#define M6C_REPLY_WINDOW_US 3000000
/* Neighbor Discovery and DHAAD answers come at once (RFC 4861 s7.2.4,
 * RFC 6275 s10.5): the run's window for an answer, 1.5 s. */
#define M6C_ND_WINDOW_US 1500000

/* What the IUT is set up to do where the RFCs leave it to policy; -1
 * (or false for the prohibitions) when nothing was said: then every
 * answer the RFCs allow is accepted and the trace's choice reported. */
struct m6c_policy {
	bool told;              /* --profile or --settings given */
	bool mcoa_prohibited;   /* 166 for any BID option */
	bool bulk_prohibited;   /* 168 for several BIDs */
	bool simul_prohibited;  /* 169 for a BID with the H flag */
	int return_home;        /* 0 or 5: the status of an accepted home binding; -1 either */
	long max_lifetime;      /* granted lifetime cap, 4 s units (max-lifetime=N); -1 none said */
	long nonce_lifetime_s;  /* CN: nonces older than this are refused (240 s by default) */
	long refresh_lead_s;    /* a BRR this long before a binding expires (refresh-lead=S); -1 none said */
};

struct m6c_options {
	int role;               /* enum m6_node_role */
	bool from_start;        /* the capture starts before its mobile nodes registered */
	bool json;
	m6_addr6 iut;
	struct m6c_policy policy;
};

/* What the trace showed about a policy choice (reported at the end). */
struct m6c_policy_seen {
	uint32_t home_status[2];      /* accepted home bindings answered 0 / 5 */
	uint32_t prohibited[3];       /* answers 166, 168, 169 */
	uint32_t capped;              /* lifetimes granted below those asked */
	uint32_t max_granted_s;
};

#define M6C_MAX_REQS 48 /* requirement ids counted in the summary */

struct m6c_counts {
	uint64_t frames, answers, findings, cannot;
	int n_reqs;
	struct { char id[24]; uint32_t n; } reqs[M6C_MAX_REQS];
};

struct m6c_checker; /* opaque: check_state.h */

/* New checker writing findings to out. NULL: no memory. */
struct m6c_checker *m6c_new(const struct m6c_options *o, FILE *out);
void m6c_free(struct m6c_checker *c);

/* The next frame (decoded); file_index numbers the capture it came from
 * (frame numbers are per capture). Returns 0, or -1 out of memory. */
int m6c_frame(struct m6c_checker *c, const struct m6t_frame *f, int file_index);

/* The end of a capture: answers still missing are judged against the
 * reply window (those whose window the capture does not reach are
 * "cannot judge"), then the state is kept for the next capture. */
void m6c_capture_end(struct m6c_checker *c);

/* Counts so far, and the policy the trace showed. */
const struct m6c_counts *m6c_counts(const struct m6c_checker *c);
const struct m6c_policy_seen *m6c_policy_seen(const struct m6c_checker *c);

#endif
