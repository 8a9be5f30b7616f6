/*
 * run_options.h - what `mip6kit run` was asked to do (harness/cli/cmd_run.c
 * parses it), for the run's pieces: run.h, claims.h, unpriv.h.
 */
#ifndef M6H_RUN_OPTIONS_H
#define M6H_RUN_OPTIONS_H

#include <stdbool.h>

struct m6h_run_options {
	const char *suites, *reports, *profile;
	const char *iut_cmd;      /* a user's IUT started by the run, or NULL */
	const char *iut_if, *iut_mac, *iut_addr; /* an IUT elsewhere, or NULL */
	const char *iut_settings; /* what the IUT already is: "role=cn ...", or NULL */
	const char *fault;        /* the reference IUT's seeded fault, or NULL */
	const char *realism;      /* the reference IUT's realism switches, or NULL */
	double time_scale;
	int startup_s;
	unsigned run_tag;
	bool ha, cn, quiet, mutation, coverage;
	const char *mutation_only; /* comma-separated fault names, NULL: all */
	const char *only[16];
	int n_only;
};

#endif
