/*
 * report.h - what a conformance run writes under reports/<run-id>/:
 * summary.txt (verdict per case, totals by verdict and by requirement),
 * report.html (report_html.c) and junit.xml (one testcase per case; a failure says which step, what
 * was expected and what came, the requirements the case checks, and how to reproduce it alone:
 * `mip6kit replay DIR/cases/ID.pcap` with the run's IUT and the case's settings).
 */
#ifndef M6H_REPORT_H
#define M6H_REPORT_H

#include <stdint.h>
#include <stdio.h>

#include "case.h"
#include "runner.h"

struct m6h_run_info {
	const char *run_id;
	const char *iut;         /* how the IUT was named: "reference", a command, an interface */
	const char *assumptions; /* printed in every report header */
	double seconds;
	double timeouts_s;       /* the cases' timeouts added up: an upper bound on seconds */
	const char *dir;         /* the run folder, for the replay hint of a failing case */
	const char *replay_opts; /* the IUT as `mip6kit replay` names it ("--iut-cmd '...'"), "" */
	int long_left;           /* long cases selected but not run (no --long) */
};

/* Totals by verdict and, per requirement id, the worst verdict of the
 * cases that check it; printed to out (the console and summary.txt). */
void m6h_report_summary(FILE *out, const struct m6h_run_info *info, const struct m6h_case *cases,
			const struct m6h_result *results, int n);
/* Writes dir/summary.txt and dir/junit.xml. Returns 0, or -1 (errno). */
int m6h_report_write(const char *dir, const struct m6h_run_info *info, const struct m6h_case *cases,
		     const struct m6h_result *results, int n);

/* Writes dir/report.html: summary, per-case verdicts with the text of
 * their requirements (from the requirements table at path requirements)
 * and a message sequence chart from each case's pcap (frames from one of
 * the IUT's MAC addresses iut_macs[0..n_macs) drawn from the IUT).
 * Returns 0, or -1 (errno). */
int m6h_report_html(const char *dir, const struct m6h_run_info *info, const struct m6h_case *cases,
		    const struct m6h_result *results, int n, const char *requirements,
		    const uint8_t iut_macs[][6], int n_macs);

#endif
