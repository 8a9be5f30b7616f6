/*
 * runner.h - runs one conformance case (case.h) against an IUT reached
 * through a link (linkio.h): fills the case's placeholders, sends each
 * packet at the link layer, matches the replies, and records every frame
 * sent and seen into a pcap. No fixed sleeps: an expectation ends when
 * its reply comes (or at its deadline), and "no reply" ends as soon as a
 * probe sent after it (an unknown MH type, which the IUT answers with
 * Binding Error 2, in order; or a HoTI or a BU for an IUT that does not)
 * has been answered.
 */
#ifndef M6H_RUNNER_H
#define M6H_RUNNER_H

#include <pcap/pcap.h>

#include "case.h"
#include "fault_channel.h"
#include "linkio.h"
#include "stream.h"

enum m6h_verdict {
	M6H_PASS = 0,
	M6H_FAIL,
	M6H_INCONCLUSIVE,
	M6H_NOT_APPLICABLE,
	M6H_WARN,           /* a SHOULD not met (levels.h) */
	M6H_VERDICTS
};

const char *m6h_verdict_name(int v); /* "pass", "fail", "inconclusive", "n/a", "warn" */

struct m6h_target {
	struct m6h_link *links[M6H_LINKS_MAX]; /* links[0]: the home link (or --iut-if) */
	int n_links;
	uint8_t iut_mac[M6H_LINKS_MAX][6];    /* the IUT's end of each link */
	char iut_addr[64];      /* the IUT's IPv6 address: {iut} */
	int probe;              /* the kind of probe it answers (m6h_wait_for_iut) */
	double up_at;           /* when an IUT the run started first answered a start-up probe
				 * (CLOCK_MONOTONIC, s): its age counts from there; 0: unknown */
	double time_scale;      /* every window x this (timing.h); 1 for a fast IUT */
	unsigned run_tag;       /* 1-0xffff: in every address of the run, so that runs differ */
	const volatile int *stop; /* set by a signal: the run is abandoned */
	bool shared;            /* other cases run on these links at the same time: a case's
				 * pcap and findings keep only the frames that name its addresses */
	const struct m6h_fault_channel *faults; /* link faults through the root side; NULL: none */
};

struct m6h_result {
	int verdict;
	int step_line;          /* the case file line that decided a non-pass */
	char why[768];          /* expected vs got, for fail and inconclusive */
	double seconds;
	int frames;             /* frames recorded in the case's pcap */
	int n_invalid;          /* frames from the IUT that are not valid packets */
	char invalid[256];      /* "frame N: why; ..." for the first of them */
	struct m6h_stream_result stream; /* the case's stream-check, when it has one */
};

/* Runs case c (index: its number in the run, which picks its addresses)
 * and writes its frames to dump (may be NULL). */
void m6h_run_case(const struct m6h_case *c, int index, const struct m6h_target *t,
		  pcap_dumper_t *dump, struct m6h_result *r);

/* The longest case c can take against an IUT that never answers: its
 * steps' waits (at time scale) added up (the worst case of a run is the
 * sum over its cases). */
int m6h_case_timeout_ms(const struct m6h_case *c, double scale);

/* The address pattern of a run tagged tag, for the report header. */
void m6h_describe_addresses(unsigned tag, char *out, size_t cap);

/* Sends probes until the IUT answers one (it is up) or timeout_ms pass;
 * the best kind it answers becomes t->probe, the one "no reply" steps
 * use, and the time of that answer t->up_at. Returns 0 when it answered. */
int m6h_wait_for_iut(struct m6h_target *t, int timeout_ms);
#define M6H_PROBE_KINDS 3 /* an unknown MH type, a HoTI, a BU off the home prefix */

/* What probe kind k is, for reports. */
const char *m6h_probe_name(int probe);

#endif
