/*
 * expiry.h - the end of a binding's lifetime is a point in time, not a
 * request: the IUT deletes a binding on its own timer when the lifetime it
 * granted has run out (RFC 6275 s9.5.2: the entry's lifetime MUST NOT be
 * greater than the BU's), so a request polling for that end can meet the
 * binding or the Binding Error "unknown binding" one request earlier or
 * later on a replay than in the capture. So the replay keeps time with the
 * lifetime: a request the capture sent near or after the end of the
 * lifetime granted (counted from when its BU was sent) goes out no sooner
 * after the replay's own granting BU than it did in the capture (earlier
 * requests go as fast as answers come: the binding is alive for them on
 * both runs). And an exchange that meets the end one poll off is no
 * difference when, in both runs, it was sent within
 *     tolerance = the capture's request interval + lifetime / 8
 * of the end of the lifetime: one interval for where the polls fall, and an
 * eighth for an IUT whose expiry timer ticks coarsely (the 3.5 s of 4 that
 * case HA-LIFE-01 allows). A binding that ends far earlier, or not at all,
 * still differs.
 */
#ifndef M6R_EXPIRY_H
#define M6R_EXPIRY_H

#include <stdbool.h>
#include <stddef.h>

#include "diff.h"
#include "exchange.h"

/* The last lifetime granted in one run: when its BU went out (seconds in
 * the run) and for how long. */
struct m6r_grant {
	bool on;
	double sent_t, lifetime_s;
};

/* A BU sent at sent_t with its answers ans[0..n): a BA accepting it with
 * a lifetime grants it; one with lifetime 0, or any other request, leaves
 * the grant as it was (a deregistration ends it). */
void m6r_grant_note(struct m6r_grant *g, const struct m6r_frame *req, double sent_t, const struct m6r_frame *ans,
		    int n);

/* When (seconds in the replay) the request the capture sent at req_t may
 * go out at the soonest, for the lifetimes granted in the capture (rec)
 * and in the replay (rep) so far; -1 when it need not wait. interval is
 * the capture's request interval. A lifetime runs on the IUT's clock:
 * --time-scale, which stretches the tester's reply windows, leaves it be. */
double m6r_grant_due(const struct m6r_grant *rec, const struct m6r_grant *rep, double req_t, double interval);

/* The two runs of one exchange: its request's time and answers in each. */
struct m6r_edge_run {
	const struct m6r_grant *grant;
	double t;           /* when the request went out, seconds in the run */
	double interval;    /* the capture's since the request before it */
	const struct m6r_frame *ans;
	int n;
};

/* Are the differences d[0..nd) only a binding that expired one poll
 * earlier or later (see above)? Then why says so. */
bool m6r_expiry_edge(const struct m6r_edge_run *rec, const struct m6r_edge_run *rep, const struct m6r_diff *d,
		     int nd, char *why, size_t cap);

#endif
