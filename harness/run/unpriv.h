/*
 * unpriv.h - the side of a run without root. The tester needs root only
 * to build the network, start the IUT and open the capture and injection
 * handles; everything else - the start-up probe, the feature probes, the
 * cases, and every report - runs in processes that dropped to nobody (no
 * capabilities, no_new_privs) and own the run folder. What they find goes
 * into the table they share with the root side (run.h), which reads back
 * only verdicts, through m6h_checked_verdict, and flags it checks itself.
 */
#ifndef M6H_UNPRIV_H
#define M6H_UNPRIV_H

#include "runner.h"

#define M6H_NOBODY 65534

/* Exit statuses of an unprivileged process, besides 0-252 (a count). */
#define M6H_UNPRIV_UNANSWERED 253 /* the IUT answered no start-up probe */
#define M6H_UNPRIV_NO_DROP 255    /* root could not be dropped */

/* r's verdict when it is one (runner.h), else inconclusive: all the root
 * side takes from a result. */
int m6h_checked_verdict(const struct m6h_result *r);

/* r made safe to report: a verdict in range, its strings terminated, its
 * counts within bounds. */
void m6h_result_sanitize(struct m6h_result *r);

/* Runs fn(arg) in a child that hands dir (and dir/cases) to nobody and
 * drops root, and waits for it; SIGINT/SIGTERM meanwhile (stop set) are
 * passed on. Returns the child's exit status, or -1 when it died or could
 * not be started. */
int m6h_unprivileged(const char *dir, int (*fn)(void *arg), void *arg, const volatile int *stop);

#endif
