/*
 * case.h - conformance cases as data (suites/<role>/NAME.case, format in
 * suites/README.md). A case is a list of steps; a step sends a packet
 * built from a codec spec, expects a reply whose decoded line holds given
 * words, expects no reply, or runs return routability at a CN. Steps
 * marked "given" set the stage: when one fails the case is inconclusive,
 * not failed.
 */
#ifndef M6H_CASE_H
#define M6H_CASE_H

#include <stdbool.h>
#include <stddef.h>

#include "linkfault.h"

#define M6H_CASE_STEPS 16
#define M6H_CASE_REQS 8
#define M6H_CASE_FEATURES 6
#define M6H_CASE_SETTINGS 4
#define M6H_TEXT 768
#define M6H_IUT_AGE_MAX_MS 300000 /* wait-iut-age: a long case stays within minutes */

enum m6h_step_kind {
	M6H_STEP_SEND = 1,  /* text: a build spec with {placeholders} */
	M6H_STEP_EXPECT,    /* text: the words the reply's decode line must hold */
	M6H_STEP_NONE,      /* no reply to the last packet sent; text: none holding these words */
	M6H_STEP_RR,        /* HoTI from {hoa} and CoTI from {coa1}: sets {hi} {ci} {kbm} */
	M6H_STEP_RR_DEREG,  /* the same with Kbm from the home token only */
	M6H_STEP_POLL,      /* text: "SPEC until WORDS": SPEC sent again until a reply holds WORDS */
	M6H_STEP_HOLD,      /* text: an address the tester answers Neighbor Solicitations for from now on */
	M6H_STEP_EXPECT_DAD, /* text: an address the IUT must have probed with DAD (RFC 4862) */
	M6H_STEP_STREAM,    /* text: a data packet's spec, sent every_ms, count times, tagged (stream.h) */
	M6H_STEP_STREAM_CHECK, /* the stream judged: dead, live, max_lost, max_dead */
	M6H_STEP_LINK_FAULT, /* fault: asked of the root side (fault_channel.h); text: loss's addr= */
	M6H_STEP_LINK_CLEAR, /* every fault the case made taken away */
	M6H_STEP_IUT_AGE,   /* waits until the IUT is iut_age_ms old (runner.h: m6h_target.up_at) */
};

struct m6h_step {
	int kind;           /* enum m6h_step_kind */
	bool given;         /* failure makes the case inconclusive */
	int within_ms;      /* expect, poll: how long to wait (within=); 0: the step kind's window (timing.h) */
	int not_before_ms;  /* poll: the reply must not come sooner (not-before=; not scaled); 0: no bound */
	int iut_age_ms;     /* wait-iut-age: the IUT's age to wait for (not scaled) */
	int line;           /* in the case file, for messages */
	char text[M6H_TEXT];
	int every_ms, count; /* stream; every_ms also poll (every=; 0: every 250 ms) */
	int dead, live;     /* stream-check: M6H_AT_ values (stream.h), 0: not given */
	int max_lost;       /* stream-check: -1: no limit */
	int max_dead;       /* stream-check: packets at dead after the BA allowed */
	struct m6h_linkfault fault; /* link-fault: all but its address (in text) */
};

struct m6h_case {
	char file[256];
	char id[48];                            /* [A-Za-z0-9._-]: it names the case's pcap */
	int id_line;                            /* where the id was given, for messages */
	bool long_case;                         /* 'long': runs over a minute, only with `run --long` */
	char title[M6H_TEXT];
	char role[4];                           /* "ha" or "cn" */
	int n_reqs;
	char reqs[M6H_CASE_REQS][24];           /* requirement ids (suites/requirements.tsv) */
	int n_features;
	char features[M6H_CASE_FEATURES][24];   /* what the IUT must claim: mcoa, bulk, ipv4coa, ... */
	int n_settings;
	char settings[M6H_CASE_SETTINGS][40];   /* how the IUT must be set up: "refresh-lead=6" (settings.h) */
	int n_steps;
	struct m6h_step steps[M6H_CASE_STEPS];
};

/* Reads one case file. Returns 0, or -1 with "FILE:LINE: problem" in err. */
int m6h_case_load(const char *path, struct m6h_case *c, char *err, size_t errlen);

/* Loads every *.case under dir (sorted by file name) into cases[0..max);
 * ids must differ (m6h_cases_unique). Returns the count, or -1 with the
 * first problem in err. */
int m6h_cases_load_dir(const char *dir, struct m6h_case *cases, int max, char *err, size_t errlen);

/* Checks that no two of cases[0..n) share an id: returns 0, or -1 with
 * "FILE:LINE: id 'X' is already the id of FILE:LINE" (the later case
 * first) in err. */
int m6h_cases_unique(const struct m6h_case *cases, int n, char *err, size_t errlen);

#endif
