/*
 * run_options.h - what `mip6kit run` was asked to do (harness/cli/cmd_run.c
 * parses it), for the run's pieces: run.h, claims.h, unpriv.h.
 */
#ifndef M6H_RUN_OPTIONS_H
#define M6H_RUN_OPTIONS_H

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

struct m6h_run_options {
	const char *suites, *reports, *profile;
	const char *iut_cmd;      /* a user's IUT started by the run, or NULL */
	const char *iut_if, *iut_mac, *iut_addr; /* an IUT elsewhere, or NULL */
	const char *iut_bridge;   /* a guest's interfaces, one per link, comma-separated, or NULL;
				   * iut_mac then lists the guest's MAC addresses the same way */
	const char *iut_settings; /* what the IUT already is: "role=cn ...", or NULL */
	const char *iut_log;      /* a file the IUT logs to, copied into iut.log per group, or NULL */
	const char *fault;        /* the reference IUT's seeded fault, or NULL */
	const char *realism;      /* the reference IUT's realism switches, or NULL */
	double time_scale;
	int startup_s;
	int jobs;                 /* cases in flight at once, 1 to M6H_JOBS_MAX */
	int lanes;                /* IUTs at once, each in a test network of its own, 1 to M6H_LANES_MAX */
	unsigned run_tag;
	bool ha, cn, quiet, mutation, coverage;
	bool long_cases;          /* --long: the cases marked long run too */
	const char *mutation_only; /* comma-separated fault names, NULL: all */
	const char *only[16];
	int n_only;
};

/* Item k (from 0) of a comma-separated list into out. Returns 0, or -1
 * when the list has no item k or it does not fit. */
static inline int m6h_list_item(const char *list, int k, char *out, size_t cap)
{
	for (const char *p = list; p; p = strchr(p, ',') ? strchr(p, ',') + 1 : NULL)
		if (k-- == 0) {
			size_t n = strcspn(p, ",");
			if (n == 0 || n >= cap)
				return -1;
			snprintf(out, cap, "%.*s", (int)n, p);
			return 0;
		}
	return -1;
}

#endif
