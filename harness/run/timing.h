/*
 * timing.h - how long the tester waits for the IUT. The windows come from
 * the RFCs' own timing, with a margin, per kind of step, and a run scales
 * them all (--time-scale) for slow IUTs such as an emulated guest:
 *
 * - an answer: INITIAL_BINDACK_TIMEOUT (RFC 6275 s12, 1 s) is when a
 *   mobile node gives up waiting and sends again, so a node answers within
 *   it; the window is that and half again.
 * - an answer to a home registration: the home agent first performs
 *   Duplicate Address Detection for the home address (RFC 6275 s10.3.1):
 *   RetransTimer (RFC 4861 s10, 1 s) times DupAddrDetectTransmits (RFC
 *   4862 s5.1, 1) before the processing above; InitialBindackTimeoutFirstReg
 *   (RFC 6275 s13, 1.5 s) exists for the same reason.
 * - "no reply": decided by a probe answered after it, but never before
 *   the DAD time when the packet could have started DAD: an HA answers the
 *   probe at once while the parked Binding Update waits for DAD.
 */
#ifndef M6H_TIMING_H
#define M6H_TIMING_H

#include "case.h"

#define M6H_ANSWER_MS 1000  /* INITIAL_BINDACK_TIMEOUT */
#define M6H_DAD_MS 1000     /* RetransTimer x DupAddrDetectTransmits */
#define M6H_MARGIN 1.5      /* every window is its RFC time x this */

/* The window of step i of case c (expect, poll, expect-dad, rr, and the
 * probe of expect-none), in ms, scaled by scale: within= when the case
 * gives one, else the step kind's. */
int m6h_step_window_ms(const struct m6h_case *c, int i, double scale);

/* Could step i (a send) make the IUT perform DAD before it answers? A
 * Binding Update with the H flag and a lifetime (a home registration).
 * False for an index that is no step. */
bool m6h_step_may_dad(const struct m6h_case *c, int i);

/* The window of an answer that comes after DAD. */
int m6h_dad_window_ms(double scale);

/* The window of a probe, and of the start-up probes' rounds. */
int m6h_probe_window_ms(double scale);

#endif
