/*
 * claims.h - what the IUT supports, per role (as HA, as CN): claimed by
 * a profile, found by the probes of SUITES/probes/ for a user's IUT
 * without one, everything for the reference IUT; and the settings it can
 * be given. A case whose feature or setting the IUT lacks is n/a.
 */
#ifndef M6H_CLAIMS_H
#define M6H_CLAIMS_H

#include <stdbool.h>
#include <stddef.h>

#include "case.h"
#include "run_options.h"
#include "runner.h"

#define M6H_FEATURES 8 /* mcoa bulk ipv4coa rr home-binding data-plane dhaad mpd */

struct m6h_features {
	const struct m6h_run_options *o;
	bool claimed[M6H_FEATURES][2]; /* [k][0] as HA, [k][1] as CN */
	struct m6h_case probes[M6H_FEATURES][2]; /* id "" where a feature has no probe at a role */
	bool probing;      /* a user's IUT without profile */
	bool settable;     /* the IUT can be started with any setting */
	char applies[256]; /* or with these (profile: 'settings NAME...') */
};

/* Reads the profile, or the probes when probing. Returns 0, or 2 with
 * the problem on standard error. */
int m6h_features_load(struct m6h_features *f, const struct m6h_run_options *o);

/* Does case c apply to the IUT (its features claimed, its settings
 * possible)? Decided from flags alone: the root side asks this. */
bool m6h_case_applies(const struct m6h_features *f, const struct m6h_case *c);

/* Why case c does not apply, into why (the probes' results give the
 * evidence); "" when it does. For the unprivileged side. */
void m6h_case_na_why(const struct m6h_features *f, const struct m6h_result *probes, const struct m6h_case *c,
		     char *why, size_t cap);

/* Runs the probes of the selected roles against target t into
 * dir/probes.pcap, results into probes[2 * k + role]. */
void m6h_features_probe(const struct m6h_features *f, const struct m6h_target *t, const char *dir,
			struct m6h_result *probes, int first_index);

/* The claims as the probes found them (each verdict checked). */
void m6h_features_update(struct m6h_features *f, const struct m6h_result *probes);

/* "Features ...: as HA: mcoa yes ...; as CN: ...", with each probe's
 * evidence, for the reports. */
void m6h_features_describe(const struct m6h_features *f, const struct m6h_result *probes, char *out, size_t cap);

#endif
