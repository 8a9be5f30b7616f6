/*
 * replay.h - `mip6kit replay`: captured exchanges sent again to an IUT,
 * its answers diffed against the recorded ones (exchange.h, addrmap.h,
 * fixup.h, diff.h).
 *
 * Root side (replay_run.c): the run folder reports/<run-id>/, the test
 * network, the IUT (started afresh for each capture, as a case meets it)
 * and the link handle, all through the run's machinery (topo.h,
 * run_iut.h, linkio.h); each capture is then replayed without root
 * (unpriv.h; with --one-iut the IUT is started once for all) by replay_capture.c, which writes cases/<name>.pcap (the new
 * capture), cases/<name>.txt and cases/<name>.html; the reports
 * (replay_report.c) are written without root too.
 */
#ifndef M6R_REPLAY_H
#define M6R_REPLAY_H

#include <stdbool.h>

#include "exchange.h"
#include "runner.h"

#define M6R_CAPTURES_MAX 256
/* A capture after the first difference with --stop-on-diff: not
 * replayed, and no reason for exit status 2. */
#define M6R_SKIPPED 3

struct m6r_options {
	const char *iut_cmd, *iut_if, *iut_mac, *iut_addr, *fault, *settings, *reports;
	int role;                /* enum m6_node_role, or -1: a home agent when a BU has the H flag */
	bool keep_addresses, pacing, quiet;
	bool one_iut;            /* one start of the IUT for every capture, not one each */
	bool stop_on_diff;       /* nothing more after the first differing exchange */
	double time_scale;
	int startup_s;
};

/* What one capture's replay found (shared with the root side). */
struct m6r_result {
	int status;              /* 0 same, 1 differences, 2 not replayed, M6R_SKIPPED */
	int exchanges, differing, diffs;
	double seconds;
	char name[96];           /* cases/<name>.pcap and its .txt, .html */
	char why[256];           /* not replayed or skipped: why; cut short by --stop-on-diff: where */
};

/* Replays captures[0..n) as o says; prints a line per exchange and the
 * reports' place. Returns the exit status: 0 every answer the same, 1
 * differences, 2 could not run. */
int m6r_replay(const struct m6r_options *o, char *const *captures, int n);

/* One capture, without root, against t (the IUT up): writes the files
 * named above into dir/cases and fills *r. */
struct m6r_job {
	const struct m6r_options *o;
	struct m6h_target *t;
	const struct m6r_capture *c;
	const char *dir;
	struct m6r_result *r;
};
int m6r_replay_capture(void *job);

#endif
