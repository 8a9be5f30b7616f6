/*
 * replay_report.h - what `mip6kit replay` writes under reports/<run-id>/
 * beside cases/ (the new captures and each capture's exchanges, written
 * by replay_capture.c): summary.txt (a line per capture, its exchanges
 * and differences), junit.xml (a testcase per capture; a failure lists
 * the differences) and report.html (per capture, recorded and replayed
 * exchanges side by side, differing fields highlighted, and the address
 * map). Written without root.
 */
#ifndef M6R_REPLAY_REPORT_H
#define M6R_REPLAY_REPORT_H

#include "replay.h"

struct m6r_report {
	const struct m6r_options *o;
	char *const *paths;
	const struct m6r_capture *caps;
	struct m6r_result *res;
	int n;
	const char *dir, *run_id;
};

/* m6h_unprivileged's fn: writes the three files and prints the summary.
 * Returns 0, or 1 when a file cannot be written. */
int m6r_report_write(void *report);

#endif
