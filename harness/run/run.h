/*
 * run.h - a conformance run (`mip6kit run`), split at one boundary.
 *
 * As root (run.c, mutation.c): the test network, the IUT's process and
 * the capture and injection handles. It never decodes a frame and never
 * formats what the cases found; it writes only iut.log and mutation.txt,
 * through files it opened before the run folder was handed over, and the
 * reports/latest link beside it.
 * Without root (unpriv.h; group.c): the start-up probe, the probes, the
 * cases and every report, in processes that own the run folder. Both
 * sides share one fixed-size table, struct m6h_shared.
 */
#ifndef M6H_RUN_H
#define M6H_RUN_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "case.h"
#include "claims.h"
#include "requirements.h"
#include "run_iut.h"
#include "run_options.h"
#include "runner.h"
#include "topo.h"

#define M6H_RUN_MAX_CASES 256
#define M6H_RUN_KEY_LEN (M6H_CASE_SETTINGS * 41)
#define M6H_JOBS_MAX 8

/* Written by the unprivileged side, read back by the root side; shared
 * by the lanes (processes of the root side, one per test network). */
struct m6h_shared {
	struct m6h_result results[M6H_RUN_MAX_CASES];
	struct m6h_result probes[2 * M6H_FEATURES]; /* [2 * feature + role] */
	int probe;       /* the kind of start-up probe the IUT answered (runner.h) */
	int answered;    /* 1 when it answered one */
	int unanswered;  /* 1 when a start-up probe of some group got no answer in time */
	int probes_done; /* 1 once the first group's probes have set the features */
	int failed;      /* 1 once a lane could not run its group: the others stop */
	int next_group;  /* the lanes take the groups by this index */
	int next_case[M6H_RUN_MAX_CASES + 1]; /* per group: its jobs, in every lane running it,
					       * take its cases by this index */
	int done;        /* and number their progress lines by this one */
	uint8_t iut_mac[M6H_TOPO_LINKS][6]; /* the IUT's MAC address on each link */
};
struct m6h_run {
	struct m6h_run_options o;
	struct m6h_features f;
	struct m6h_shared *sh;   /* shared memory */
	struct m6h_reqs reqs;    /* SUITES/requirements.tsv: each case's level */
	struct run_iut iut;
	const volatile int *stop; /* set by SIGINT/SIGTERM */
	int lane;                /* the test network of this process (topo.h) */
	int group;               /* the settings group it runs (its index in the run's order) */
	bool joining;            /* another lane started that group: no probes here */
	bool topo;
	int links_up;            /* links of the lane's network as built (0: none) */
	char keys[M6H_RUN_MAX_CASES][M6H_RUN_KEY_LEN]; /* each case's settings key */
	char dir[512], run_id[64], realism_flags[256];
	FILE *mutation_txt;      /* --mutation: opened by root before the hand-over */
	long iut_log_from;       /* --iut-log: its size when the group started */
	int long_left;           /* selected long cases left out (no --long), for the summary */
	double started;
};

/* "mip6kit run: " and the problem on standard error; returns 2, the
 * run's exit status for "could not be done". */
__attribute__((format(printf, 1, 2))) int m6h_run_fail(const char *fmt, ...);

/* Everything up to the first group: shared memory, settings keys, the
 * requirements table, the features, the run folder (with iut.log and, for
 * --mutation, mutation.txt). Returns 0, or 2 with the problem on stderr. */
int m6h_run_prepare(struct m6h_run *s, const struct m6h_case *cases, int n);

/* One pass of the suites: per settings group the network and the IUT
 * up, its cases, the IUT down; at the end the network down. With
 * o.lanes > 1 that many lanes (test networks, one IUT each) take the
 * groups at once. *bad: failed and inconclusive cases. Returns 0, or 2
 * when the run could not be done. */
int m6h_run_pass(struct m6h_run *s, const struct m6h_case *cases, int n, int *bad);

/* The reports, written without root, and reports/latest. Returns the
 * run's exit status: 0 every applicable case passed, 1 not, 2 no reports. */
int m6h_run_finish(struct m6h_run *s, const struct m6h_case *cases, int n, int bad);

/* --mutation (mutation.c): a pass per seeded fault; returns the exit status. */
int m6h_run_mutation(struct m6h_run *s, const struct m6h_case *cases, int n);

/* The cases of settings key key, without root (group.c): the start-up
 * probe first when startup, the probes with the first group, then the
 * cases, o.jobs of them in flight at once, job w on the links of t[w].
 * Returns the unprivileged process's exit status (unpriv.h). */
int m6h_run_group_unprivileged(struct m6h_run *s, struct m6h_target *t, const struct m6h_case *cases, int n,
			       const char *key, bool startup);

#endif
